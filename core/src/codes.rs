//! The one registry of stable codes: validation findings ([`Code`]),
//! import problems ([`ProblemCode`]), replies not applied ([`ReplyCode`])
//! and errors ([`ErrorCode`]).
//!
//! Each code is declared once below, with its text, its severity and its
//! one-line meaning, and tagged with the sets it belongs to. The three
//! enums, their `ALL` lists, `as_str`, `from_name`, `severity`,
//! `meaning` and the conversions between them are generated from that
//! one declaration, so a code cannot be spelt two ways or drift between
//! Rust, C and Python: the bindings only read these.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding or an import problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth a look; the meeting can go ahead, the row is kept.
    Warning,
    /// Must be fixed before the documents go out; an import stops on it in
    /// strict mode.
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

/// One entry of the registry, for documentation and for bindings that list
/// the codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CodeInfo {
    /// The code as text, such as `"roster.email"`.
    pub name: &'static str,
    /// Its severity.
    pub severity: Severity,
    /// What it means, in one line.
    pub meaning: &'static str,
    /// A validation finding can carry it ([`Code`]).
    pub finding: bool,
    /// An import problem can carry it ([`ProblemCode`]).
    pub problem: bool,
    /// A reply that was not applied can carry it ([`ReplyCode`]).
    pub reply: bool,
    /// An [`Error`](crate::Error) can carry it ([`ErrorCode`]).
    pub error: bool,
}

/// Generates one enum of the registry.
macro_rules! code_enum {
    (
        $(#[$enum_doc:meta])* $name:ident;
        $(($variant:ident, $text:literal, $severity:ident, $meaning:literal))*
    ) => {
        $(#[$enum_doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum $name {
            $(#[doc = concat!("`", $text, "`: ", $meaning, ".")] #[serde(rename = $text)] $variant,)*
        }

        impl $name {
            /// Every code of this set, in the order of the manual's table (docs/).
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The code as text, such as `"roster.email"`: public API in
            /// Rust, C and Python alike, never changing meaning.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The severity the code always has.
            pub fn severity(self) -> Severity {
                match self {
                    $($name::$variant => Severity::$severity,)*
                }
            }

            /// What the code means, in one line.
            pub fn meaning(self) -> &'static str {
                match self {
                    $($name::$variant => $meaning,)*
                }
            }

            /// The code with this text, if this set has it.
            pub fn from_name(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Sorts the registry's entries into the four sets, keeping their order,
/// then generates the enums. Tags: `finding(V)` (a [`Code`]), `problem(V)`
/// (a [`ProblemCode`] that never stops an import), `import_error(V)` (a
/// [`ProblemCode`] that stops a strict import, so also an [`ErrorCode`] of
/// the same variant name), `reply(V)` (a [`ReplyCode`]), `reply_error(V)`
/// (a [`ReplyCode`] that is also the [`ErrorCode`] of
/// [`Meeting::apply_reply`](crate::Meeting::apply_reply)), `error(V)` (an
/// [`ErrorCode`] only).
macro_rules! registry {
    (@sort [$($f:tt)*] [$($p:tt)*] [$($r:tt)*] [$($e:tt)*] [$($pe:ident)*] [$($re:ident)*] [$($info:tt)*]) => {
        code_enum! {
            /// The stable code of a validation finding.
            Code; $($f)*
        }
        code_enum! {
            /// The stable code of an import problem. The `roster.*` codes
            /// mean the same as the validation codes of that name.
            ProblemCode; $($p)*
        }
        code_enum! {
            /// The stable code of something received that was not applied:
            /// a reply ([`IgnoredReply`](crate::IgnoredReply)) or a message
            /// that did not become a contribution
            /// ([`Receipt`](crate::Receipt)).
            ReplyCode; $($r)*
        }
        code_enum! {
            /// The stable code of an [`Error`](crate::Error): the same in
            /// Rust ([`Error::code`](crate::Error::code)), C
            /// (`roundtable_last_error_code`) and Python (`Error.code`).
            ErrorCode; $($e)*
        }

        impl ProblemCode {
            /// The error code of a problem that stops a strict import
            /// (`None` for a warning, which never does).
            pub fn error_code(self) -> Option<ErrorCode> {
                match self {
                    $(ProblemCode::$pe => Some(ErrorCode::$pe),)*
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
        }

        impl ReplyCode {
            /// The error code [`Meeting::apply_reply`](crate::Meeting::apply_reply)
            /// gives for a reply it cannot read (`None` for a reply that was
            /// read and not applied).
            pub fn error_code(self) -> Option<ErrorCode> {
                match self {
                    $(ReplyCode::$re => Some(ErrorCode::$re),)*
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
        }

        /// Every code of every set, each once, in the order declared.
        pub const REGISTRY: &[CodeInfo] = &[$($info)*];
    };
    (@sort [$($f:tt)*] [$($p:tt)*] [$($r:tt)*] [$($e:tt)*] [$($pe:ident)*] [$($re:ident)*] [$($info:tt)*]
        $text:literal, $severity:ident, $meaning:literal =>
        $(finding($fv:ident))? $(problem($pv:ident))? $(import_error($iv:ident))?
        $(reply($rv:ident))? $(reply_error($rev:ident))? $(error($ev:ident))?;
        $($rest:tt)*
    ) => {
        registry! { @sort
            [$($f)* $(($fv, $text, $severity, $meaning))?]
            [$($p)* $(($pv, $text, $severity, $meaning))? $(($iv, $text, $severity, $meaning))?]
            [$($r)* $(($rv, $text, $severity, $meaning))? $(($rev, $text, $severity, $meaning))?]
            [$($e)* $(($iv, $text, $severity, $meaning))? $(($rev, $text, $severity, $meaning))? $(($ev, $text, $severity, $meaning))?]
            [$($pe)* $($iv)?]
            [$($re)* $($rev)?]
            [$($info)* CodeInfo {
                name: $text,
                severity: Severity::$severity,
                meaning: $meaning,
                finding: false $(|| !stringify!($fv).is_empty())?,
                problem: false $(|| !stringify!($pv).is_empty())? $(|| !stringify!($iv).is_empty())?,
                reply: false $(|| !stringify!($rv).is_empty())? $(|| !stringify!($rev).is_empty())?,
                error: false $(|| !stringify!($iv).is_empty())? $(|| !stringify!($rev).is_empty())? $(|| !stringify!($ev).is_empty())?,
            },]
            $($rest)*
        }
    };
}

registry! { @sort [] [] [] [] [] [] []
    // Validation findings of the meeting.
    "meeting.time_order", Error, "the end is not after the start" => finding(MeetingTimeOrder);
    "meeting.missing_field", Error, "the title, body or location is empty" => finding(MeetingMissingField);
    "meeting.quorum", Warning, "fewer than half of the body's members present (checked when asked: ValidationOptions::quorum)" => finding(MeetingQuorum);
    "notice.after_meeting", Error, "the notice is dated after the meeting starts" => finding(NoticeAfterMeeting);
    "notice.short_notice", Warning, "fewer days between notice and meeting than the configured minimum" => finding(NoticeShortNotice);
    "notice.contact_email", Error, "the notice's contact email is malformed" => finding(NoticeContactEmail);
    "agenda.empty", Error, "the agenda has no items" => finding(AgendaEmpty);
    "agenda.numbering", Error, "display numbers are duplicated, or the numeric ones are not 1..n in order" => finding(AgendaNumbering);
    "agenda.empty_title", Error, "an item has no title" => finding(AgendaEmptyTitle);
    "agenda.minutes_date", Error, "a minutes-approval item refers to a meeting not before this one" => finding(AgendaMinutesDate);
    "agenda.over_time", Warning, "the item durations add up to more than the meeting" => finding(AgendaOverTime);
    // Shared by validation and import: the same rule in both places.
    "roster.empty_name", Error, "a person or row without given or family name" => finding(RosterEmptyName) import_error(RosterEmptyName);
    "roster.duplicate_person", Warning, "the same person is on the roster twice (both are kept)" => finding(RosterDuplicatePerson) problem(DuplicatePerson);
    "roster.email", Error, "a malformed email address" => finding(RosterEmail) import_error(RosterEmail);
    "roster.phone", Error, "a malformed phone number" => finding(RosterPhone) import_error(RosterPhone);
    "roster.multiple_chairs", Warning, "more than one chair" => finding(RosterMultipleChairs);
    "roster.substitute_unknown", Error, "a substitute stands in for someone who is not on the roster" => finding(RosterSubstituteUnknown);
    "roster.substitute_and_member_present", Warning, "a substitute is present for someone who is present too" => finding(RosterSubstituteAndMemberPresent);
    "contribution.unknown_item", Error, "a contribution refers to an agenda item that does not exist" => finding(ContributionUnknownItem);
    "contribution.not_round_table", Error, "a contribution refers to an item that is not a round table" => finding(ContributionNotRoundTable);
    "contribution.ambiguous_item", Error, "a contribution names no item and the agenda has zero or several round tables" => finding(ContributionAmbiguousItem);
    "contribution.late", Warning, "submitted after the deadline" => finding(ContributionLate);
    "contribution.empty", Error, "the body is empty" => finding(ContributionEmpty);
    "contribution.empty_section", Warning, "a heading or a line ending in \":\" with nothing under it" => finding(ContributionEmptySection);
    "contribution.over_time_limit", Warning, "speaking time over the item's limit" => finding(ContributionOverTimeLimit);
    "contribution.unknown_member", Warning, "\"from\" matches no organisation on the roster" => finding(ContributionUnknownMember);
    "contribution.duplicate", Warning, "two contributions from the same member to the same item; received by e-mail, the same message again or an older one than that member's contribution (nothing changed)" => finding(ContributionDuplicate) reply(ContributionDuplicateMessage);
    "contribution.round_table_over_time", Warning, "the contributions' speaking times exceed the round table's duration" => finding(ContributionRoundTableOverTime);
    "privacy.national_id", Warning, "free text holds what passes the national identity number checksum" => finding(PrivacyNationalId);
    "archive.missing_number", Warning, "the meeting has no number (møtenummer) for the archive (checked when asked: validate_for_archive)" => finding(ArchiveMissingNumber);
    "archive.missing_body", Warning, "the body has no code in the archive (utvalg) (checked when asked)" => finding(ArchiveMissingBody);
    "archive.minutes_not_approved", Warning, "a meeting held whose minutes are not approved (checked when asked)" => finding(ArchiveMinutesNotApproved);
    "render.missing_glyph", Warning, "a character no bundled font has (an emoji, a control character): drawn in the PDF as U+FFFD, the original kept as its ActualText (in the render outcome's warnings)" => finding(RenderMissingGlyph);
    "plan.same_day", Error, "two meetings of a plan on one day" => finding(PlanSameDay);
    "plan.weekend", Warning, "a meeting of a plan on a Saturday or Sunday" => finding(PlanWeekend);
    "plan.public_holiday", Warning, "a meeting of a plan on a Norwegian public holiday" => finding(PlanPublicHoliday);
    // Import problems: reported per row, or stopping the import.
    "import.extra_fields", Error, "more fields than the header has columns" => import_error(ExtraFields);
    "import.unknown_value", Warning, "a role, attendance or response that is none of the known words (the person is kept, the text too)" => problem(UnknownValue);
    "import.no_rows", Warning, "a header and no people" => problem(NoRows);
    "import.mixed_encoding", Warning, "a line in Windows-1252 in a UTF-8 file (read as Windows-1252, the rest as UTF-8)" => problem(MixedEncoding);
    "import.repeated_header", Warning, "the header row again in the middle of the file (skipped)" => problem(RepeatedHeader);
    "import.unclosed_quote", Error, "a quote opens a field and is never closed, so later rows would be read as that field" => import_error(UnclosedQuote);
    "import.malformed", Error, "a row the CSV reader cannot read" => import_error(Malformed);
    "import.too_large", Error, "the input over ImportOptions::max_bytes, a roster over 4 GiB of text, or more memory than the machine gives" => import_error(TooLarge);
    "import.no_name_column", Error, "the header has no column that holds names" => error(ImportNoNameColumn);
    "import.empty", Error, "the input holds nothing but white space" => error(ImportEmpty);
    "import.binary", Error, "the input is not text (a NUL byte)" => error(ImportBinary);
    "import.decode", Error, "bytes that are not text in the encoding" => error(ImportDecode);
    // Replies to the invitation (iTIP REPLY) that were not applied.
    "reply.not_a_reply", Warning, "a calendar message that is not a reply (another METHOD)" => reply(NotAReply);
    "reply.other_meeting", Warning, "a reply to another meeting (its UID is not this meeting's)" => reply(OtherMeeting);
    "reply.other_occurrence", Warning, "an answer to one occurrence of a series (RECURRENCE-ID), not to this meeting's start" => reply(OtherOccurrence);
    "reply.outdated", Warning, "older (SEQUENCE, then DTSTAMP) than the reply already recorded for that attendee" => reply(Outdated);
    "reply.already_applied", Warning, "the same reply as the one already recorded for that attendee" => reply(AlreadyApplied);
    "reply.unknown_attendee", Warning, "the replying address is on nobody's line of the roster" => reply(UnknownAttendee);
    "reply.delegate_conflict", Warning, "the delegate already stands in for someone else (left as it was)" => reply(DelegateConflict);
    "reply.not_sender", Warning, "an answer for an address that is not the reply's sender (the e-mail's From:, or the sender the caller named): nothing changed" => reply(NotSender);
    "reply.several_attendees", Warning, "a calendar reply without a sender that answers for more than one attendee: nothing applied (name the sender)" => reply(SeveralAttendees);
    "reply.future_sequence", Warning, "a SEQUENCE above the invitation's the meeting sent: nothing applied or recorded" => reply(FutureSequence);
    "reply.future_dtstamp", Warning, "a DTSTAMP more than a day after now: nothing applied or recorded" => reply(FutureDtstamp);
    "reply.too_many_delegates", Warning, "more delegates in one answer than a reply may name (3): none added" => reply(TooManyDelegates);
    "reply.bad_delegate", Warning, "a delegate that is not an e-mail address, the delegator itself, or one who delegated to the delegator: not added" => reply(BadDelegate);
    "reply.no_dtstamp", Warning, "a reply without DTSTAMP: applied, as calendar servers do, and ordered after the dated replies of its SEQUENCE (in the outcome's warnings)" => reply(NoDtstamp);
    "inbox.unauthenticated", Warning, "the receiving server's Authentication-Results says DMARC, DKIM or SPF failed for the sender's domain: not applied" => reply(InboxUnauthenticated);
    // Messages received (Meeting::receive) that did not become a contribution.
    "contribution.unknown_sender", Warning, "a message from an address nobody on the roster has: nothing added (the closest roster address suggested)" => reply(ContributionUnknownSender);
    "contribution.not_a_contribution", Warning, "an automatic reply, a delivery or read report, or an empty message: nothing added" => reply(ContributionNotAContribution);
    "contribution.attachment_not_read", Warning, "an attachment the library does not read (PDF, image…): its name is kept with the contribution" => reply(ContributionAttachmentNotRead);
    "inbox.malformed", Error, "a message that cannot be read as e-mail (RFC 5322)" => reply_error(InboxMalformed);
    "inbox.too_large", Error, "a message or mailbox over the limits (MAX_MESSAGE_BYTES, MAX_MAILBOX_MESSAGES)" => reply_error(InboxTooLarge);
    "reply.malformed", Error, "a reply that cannot be read: not iCalendar, no event, no attendee, a bad value" => reply_error(ReplyMalformed);
    "reply.too_large", Error, "a reply over the limits (bytes, attendees, MIME parts or depth)" => reply_error(ReplyTooLarge);
    // Errors of the meeting document and its times.
    "json.syntax", Error, "the text is not JSON" => error(JsonSyntax);
    "json.data", Error, "the text is JSON but not a meeting document" => error(JsonData);
    "json.eof", Error, "the text ended in the middle of a value" => error(JsonEof);
    "json.too_large", Error, "a meeting document over MAX_DOCUMENT_BYTES (256 MiB), refused before it is read whole" => error(JsonTooLarge);
    "json.unknown_field", Error, "a field the meeting model does not know" => error(JsonUnknownField);
    "json.schema_version", Error, "a schema_version this library does not read" => error(JsonSchemaVersion);
    "time.unknown_zone", Error, "a name that is not an IANA time zone" => error(TimeUnknownZone);
    "time.nonexistent", Error, "a local time the clocks skip (daylight-saving gap)" => error(TimeNonexistent);
    "time.ambiguous", Error, "a local time that happens twice (clocks set back)" => error(TimeAmbiguous);
    "time.out_of_range", Error, "a date outside the years 1 to 9999" => error(TimeOutOfRange);
    // Errors of the outputs and of the system.
    "render.too_large", Error, "a PDF over MAX_PDF_PAGES (5,000 pages), refused while laying out, before anything is written" => error(RenderTooLarge);
    "render.pdf", Error, "the PDF writer's check of PDF/A-2a or PDF/UA-1 failed (a bug of this library; the check is named)" => error(RenderPdf);
    "calendar.no_organizer", Error, "a calendar request or cancellation without an organizer email" => error(CalendarNoOrganizer);
    "calendar.no_attendee", Error, "a calendar request or cancellation without any attendee email" => error(CalendarNoAttendee);
    "argument.invalid", Error, "a name or value that is not one the library takes" => error(InvalidArgument);
    "argument.missing", Error, "a value the other arguments require is missing" => error(MissingArgument);
    "io", Error, "a file could not be read or written" => error(Io);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_declared_once_and_reads_back() {
        let mut names: Vec<&str> = REGISTRY.iter().map(|c| c.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a code is declared twice");
        for info in REGISTRY {
            assert!(
                info.finding || info.problem || info.reply || info.error,
                "{}",
                info.name
            );
            assert_eq!(ReplyCode::from_name(info.name).is_some(), info.reply);
            assert_eq!(Code::from_name(info.name).is_some(), info.finding);
            assert_eq!(ProblemCode::from_name(info.name).is_some(), info.problem);
            assert_eq!(ErrorCode::from_name(info.name).is_some(), info.error);
        }
        let sets =
            Code::ALL.len() + ProblemCode::ALL.len() + ReplyCode::ALL.len() + ErrorCode::ALL.len();
        let tagged: usize = REGISTRY
            .iter()
            .map(|c| {
                usize::from(c.finding)
                    + usize::from(c.problem)
                    + usize::from(c.reply)
                    + usize::from(c.error)
            })
            .sum();
        assert_eq!(sets, tagged);
    }

    #[test]
    fn a_problem_is_an_error_code_exactly_when_it_can_stop_an_import() {
        for &p in ProblemCode::ALL {
            match p.error_code() {
                Some(e) => {
                    assert_eq!(e.as_str(), p.as_str());
                    assert_eq!(p.severity(), Severity::Error, "{p}");
                }
                None => assert_eq!(p.severity(), Severity::Warning, "{p}"),
            }
        }
        for &e in ErrorCode::ALL {
            assert_eq!(e.severity(), Severity::Error, "{e}");
        }
    }

    #[test]
    fn a_reply_code_is_an_error_code_exactly_when_the_reply_cannot_be_read() {
        for &r in ReplyCode::ALL {
            match r.error_code() {
                Some(e) => {
                    assert_eq!(e.as_str(), r.as_str());
                    assert_eq!(r.severity(), Severity::Error, "{r}");
                }
                None => assert_eq!(r.severity(), Severity::Warning, "{r}"),
            }
        }
    }
}
