//! The stable codes of validation findings.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth a look; the meeting can go ahead.
    Warning,
    /// Must be fixed before the documents go out.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal, $severity:ident;)*) => {
        /// The stable code of a validation finding. The text form
        /// ([`Code::as_str`]) is public API in Rust, C and Python alike and
        /// never changes meaning; new codes may be added.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $text)] $variant,)*
        }

        impl Code {
            /// Every code, in the order of the documentation's table.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as text, such as `"contribution.late"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }

            /// The severity a finding with this code always has.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// The code with this text, if there is one.
            pub fn from_name(text: &str) -> Option<Code> {
                match text {
                    $($text => Some(Code::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

codes! {
    /// The end is not after the start.
    MeetingTimeOrder = "meeting.time_order", Error;
    /// The title, body or location is empty.
    MeetingMissingField = "meeting.missing_field", Error;
    /// The notice is dated after the meeting starts.
    NoticeAfterMeeting = "notice.after_meeting", Error;
    /// Fewer days between notice and meeting than the configured minimum.
    NoticeShortNotice = "notice.short_notice", Warning;
    /// The agenda has no items.
    AgendaEmpty = "agenda.empty", Error;
    /// Display numbers are duplicated, or the numeric ones are not 1..n in
    /// order.
    AgendaNumbering = "agenda.numbering", Error;
    /// An item has no title.
    AgendaEmptyTitle = "agenda.empty_title", Error;
    /// A minutes-approval item refers to a meeting not before this one.
    AgendaMinutesDate = "agenda.minutes_date", Error;
    /// The item durations add up to more than the meeting.
    AgendaOverTime = "agenda.over_time", Warning;
    /// A person without given or family name.
    RosterEmptyName = "roster.empty_name", Error;
    /// The same person is on the roster twice.
    RosterDuplicatePerson = "roster.duplicate_person", Warning;
    /// A malformed email address.
    RosterEmail = "roster.email", Error;
    /// A malformed phone number.
    RosterPhone = "roster.phone", Error;
    /// More than one chair.
    RosterMultipleChairs = "roster.multiple_chairs", Warning;
    /// A contribution refers to an agenda item that does not exist.
    ContributionUnknownItem = "contribution.unknown_item", Error;
    /// A contribution refers to an item that is not a round table.
    ContributionNotRoundTable = "contribution.not_round_table", Error;
    /// A contribution names no item and the agenda has zero or several
    /// round tables.
    ContributionAmbiguousItem = "contribution.ambiguous_item", Error;
    /// Submitted after the deadline.
    ContributionLate = "contribution.late", Warning;
    /// The body is empty.
    ContributionEmpty = "contribution.empty", Error;
    /// A heading or a line ending in ":" with nothing under it.
    ContributionEmptySection = "contribution.empty_section", Warning;
    /// Speaking time over the item's limit.
    ContributionOverTimeLimit = "contribution.over_time_limit", Warning;
    /// "From" matches no organisation on the roster.
    ContributionUnknownMember = "contribution.unknown_member", Warning;
    /// Two contributions from the same member to the same item.
    ContributionDuplicate = "contribution.duplicate", Warning;
    /// The contributions' speaking times exceed the round table's duration.
    ContributionRoundTableOverTime = "contribution.round_table_over_time", Warning;
    /// Free text holds what passes the national identity number checksum.
    PrivacyNationalId = "privacy.national_id", Warning;
    /// Two meetings of a plan on one day.
    PlanSameDay = "plan.same_day", Error;
    /// A meeting of a plan on a Saturday or Sunday.
    PlanWeekend = "plan.weekend", Warning;
    /// A meeting of a plan on a Norwegian public holiday.
    PlanPublicHoliday = "plan.public_holiday", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
