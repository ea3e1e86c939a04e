//! The agenda (sakskart) and its items.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::ErrorCode;

/// One item of an agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AgendaItem {
    /// The number as displayed, kept as text: `"4"`, `"4a"`, `"PS 12/24"`.
    pub number: String,
    /// The item's title.
    pub title: String,
    /// More about the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Time set aside for the item, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    /// Who presents the item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
    /// The decision, written after the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// What sort of item this is.
    pub kind: ItemKind,
    /// What the archive needs of the item: case type and number,
    /// recommendation, decision date, votes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<super::archive::ItemArchive>,
}

impl AgendaItem {
    /// An item with a number, a title and a kind, and nothing else.
    pub fn new(number: impl Into<String>, title: impl Into<String>, kind: ItemKind) -> AgendaItem {
        AgendaItem {
            number: number.into(),
            title: title.into(),
            description: None,
            duration_minutes: None,
            presenter: None,
            decision: None,
            kind,
            archive: None,
        }
    }
}

/// What sort of agenda item this is. In JSON, an object whose `type` names
/// the variant in snake case, with the variant's fields beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "RawKind")]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ItemKind {
    /// Approval of the notice and the agenda ("Godkjenning av innkalling og
    /// dagsorden").
    NoticeApproval,
    /// Approval of the minutes of an earlier meeting.
    MinutesApproval {
        /// The day the earlier meeting was held.
        meeting_date: NaiveDate,
        /// The earlier meeting's id, when known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        meeting_id: Option<String>,
    },
    /// A proposal to decide on.
    Proposal,
    /// An item for information only.
    Information,
    /// A round table: each member speaks in turn and sends its contribution
    /// in writing.
    RoundTable(RoundTableRules),
    /// Any other business ("Eventuelt").
    AnyOtherBusiness,
}

/// The JSON form of [`ItemKind`], read as a plain struct so that errors
/// inside it keep their field path and position (serde buffers internally
/// tagged enums, which loses both).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
struct RawKind {
    #[serde(rename = "type")]
    tag: KindTag,
    #[serde(default, deserialize_with = "crate::model::time::bounded::opt_date")]
    meeting_date: Option<NaiveDate>,
    meeting_id: Option<String>,
    speaking_limit_minutes: Option<u32>,
    #[cfg_attr(feature = "schema", schemars(range(max = 366)))]
    submission_days_after: Option<u32>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
enum KindTag {
    NoticeApproval,
    MinutesApproval,
    Proposal,
    Information,
    RoundTable,
    AnyOtherBusiness,
}

/// The fields an [`ItemKind`] may carry besides its name, each belonging to
/// one kind: what [`ItemKind::from_parts`] builds a kind from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ItemKindParts {
    /// A `minutes_approval`'s earlier meeting day (required there).
    pub meeting_date: Option<NaiveDate>,
    /// A `minutes_approval`'s earlier meeting id.
    pub meeting_id: Option<String>,
    /// A `round_table`'s speaking limit.
    pub speaking_limit_minutes: Option<u32>,
    /// A `round_table`'s days to submit after the meeting (default 1).
    pub submission_days_after: Option<u32>,
}

impl ItemKindParts {
    /// No fields.
    pub fn new() -> ItemKindParts {
        ItemKindParts::default()
    }
}

/// The most days after a meeting a contribution may be due: a year.
pub const MAX_SUBMISSION_DAYS: u32 = 366;

/// Why parts do not make a kind: which code, which field, what is wrong.
struct PartsError(ErrorCode, &'static str, String);

fn build_kind(tag: KindTag, parts: ItemKindParts) -> Result<ItemKind, PartsError> {
    let present = [
        (
            "meeting_date",
            parts.meeting_date.is_some(),
            KindTag::MinutesApproval,
        ),
        (
            "meeting_id",
            parts.meeting_id.is_some(),
            KindTag::MinutesApproval,
        ),
        (
            "speaking_limit_minutes",
            parts.speaking_limit_minutes.is_some(),
            KindTag::RoundTable,
        ),
        (
            "submission_days_after",
            parts.submission_days_after.is_some(),
            KindTag::RoundTable,
        ),
    ];
    if let Some(days) = parts.submission_days_after {
        if days > MAX_SUBMISSION_DAYS {
            return Err(PartsError(
                ErrorCode::InvalidArgument,
                "submission_days_after",
                format!(
                    "submission_days_after {days} is out of range: expected 0 to {MAX_SUBMISSION_DAYS}"
                ),
            ));
        }
    }
    let kind = match tag {
        KindTag::NoticeApproval => ItemKind::NoticeApproval,
        KindTag::MinutesApproval => ItemKind::MinutesApproval {
            meeting_date: parts.meeting_date.ok_or_else(|| {
                PartsError(
                    ErrorCode::MissingArgument,
                    "meeting_date",
                    "missing field `meeting_date`, required by type minutes_approval".to_owned(),
                )
            })?,
            meeting_id: parts.meeting_id,
        },
        KindTag::Proposal => ItemKind::Proposal,
        KindTag::Information => ItemKind::Information,
        KindTag::RoundTable => ItemKind::RoundTable(RoundTableRules {
            speaking_limit_minutes: parts.speaking_limit_minutes,
            submission_days_after: parts
                .submission_days_after
                .unwrap_or(RoundTableRules::default().submission_days_after),
        }),
        KindTag::AnyOtherBusiness => ItemKind::AnyOtherBusiness,
    };
    // A field of another kind would be silently dropped otherwise.
    if let Some((field, _, _)) = present
        .into_iter()
        .find(|(_, present, owner)| *present && *owner != tag)
    {
        return Err(PartsError(
            ErrorCode::InvalidArgument,
            field,
            format!(
                "field `{field}` does not belong to an item of type {}",
                kind.name()
            ),
        ));
    }
    Ok(kind)
}

impl TryFrom<RawKind> for ItemKind {
    type Error = String;

    fn try_from(raw: RawKind) -> Result<Self, String> {
        let parts = ItemKindParts {
            meeting_date: raw.meeting_date,
            meeting_id: raw.meeting_id,
            speaking_limit_minutes: raw.speaking_limit_minutes,
            submission_days_after: raw.submission_days_after,
        };
        build_kind(raw.tag, parts).map_err(|PartsError(_, _, reason)| reason)
    }
}

impl ItemKind {
    /// The kind named `name` (`"round_table"`, as in JSON), with the fields
    /// of that kind: the one rule for the JSON reader and every binding.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::InvalidName`](crate::ErrorKind::InvalidName)
    ///   (`argument.invalid`): an unknown kind;
    /// - [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument):
    ///   a `minutes_approval` without `meeting_date` (`argument.missing`),
    ///   or a field of another kind (`argument.invalid`).
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{ItemKind, ItemKindParts};
    ///
    /// let kind = ItemKind::from_parts("round_table", ItemKindParts::new())?;
    /// assert!(matches!(kind, ItemKind::RoundTable(rules) if rules.submission_days_after == 1));
    /// let err = ItemKind::from_parts("minutes_approval", ItemKindParts::new()).unwrap_err();
    /// assert_eq!(err.code().as_str(), "argument.missing");
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn from_parts(name: &str, parts: ItemKindParts) -> crate::error::Result<ItemKind> {
        let tag = KindTag::ALL
            .iter()
            .copied()
            .find(|tag| tag.name() == name.trim())
            .ok_or_else(|| {
                crate::error::Error::invalid_name(
                    "item kind",
                    name,
                    &KindTag::ALL.iter().map(|t| t.name()).collect::<Vec<_>>(),
                )
            })?;
        build_kind(tag, parts).map_err(|PartsError(code, field, reason)| {
            crate::error::Error::invalid_argument(code, field, reason)
        })
    }
}

impl KindTag {
    const ALL: &'static [KindTag] = &[
        KindTag::NoticeApproval,
        KindTag::MinutesApproval,
        KindTag::Proposal,
        KindTag::Information,
        KindTag::RoundTable,
        KindTag::AnyOtherBusiness,
    ];

    fn name(self) -> &'static str {
        match self {
            KindTag::NoticeApproval => "notice_approval",
            KindTag::MinutesApproval => "minutes_approval",
            KindTag::Proposal => "proposal",
            KindTag::Information => "information",
            KindTag::RoundTable => "round_table",
            KindTag::AnyOtherBusiness => "any_other_business",
        }
    }
}

impl ItemKind {
    /// The kind's name as written in JSON (`"round_table"`).
    pub fn name(&self) -> &'static str {
        let tag = match self {
            ItemKind::NoticeApproval => KindTag::NoticeApproval,
            ItemKind::MinutesApproval { .. } => KindTag::MinutesApproval,
            ItemKind::Proposal => KindTag::Proposal,
            ItemKind::Information => KindTag::Information,
            ItemKind::RoundTable(_) => KindTag::RoundTable,
            ItemKind::AnyOtherBusiness => KindTag::AnyOtherBusiness,
        };
        tag.name()
    }
}

/// The rules of a round-table item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RoundTableRules {
    /// The most minutes one contribution may take when spoken ("maks 2-3
    /// min" is 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_limit_minutes: Option<u32>,
    /// The written contribution is due by the end of this many days after
    /// the meeting day, in the meeting's zone. `1`, the default, is the
    /// seed's "before the meeting, or at the latest the day after"; `0`
    /// means by the end of the meeting day.
    pub submission_days_after: u32,
}

impl RoundTableRules {
    /// The last day a written contribution is due, for a meeting held on
    /// `meeting_day`: it is late after the end of that day.
    pub fn due_date(&self, meeting_day: NaiveDate) -> NaiveDate {
        // The model's bounds (years to 9999, at most a year after) keep this
        // far from chrono's end; a rule made by hand past it stays there.
        meeting_day
            .checked_add_days(chrono::Days::new(u64::from(self.submission_days_after)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The instant contributions are late after: the end of the due date in
    /// the meeting's zone.
    pub(crate) fn deadline(
        &self,
        time: &super::time::MeetingTime,
    ) -> chrono::DateTime<chrono::FixedOffset> {
        let due = self.due_date(time.date());
        time.start_of_day(due.succ_opt().unwrap_or(due))
    }
}

impl Default for RoundTableRules {
    fn default() -> Self {
        RoundTableRules {
            speaking_limit_minutes: None,
            submission_days_after: 1,
        }
    }
}
