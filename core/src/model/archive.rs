//! What the archive needs of a meeting and its items beyond the notice:
//! the body's code, the meeting's and the minutes' state, each item's case
//! type and number, recommendation, decision date and votes. All optional,
//! so that documents written before keep reading.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::names::names;

/// The archive's view of a meeting (Noark 5 *møtemappe*).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingArchive {
    /// The body's short code in the archive (*utvalg*), such as `"FNÆR"`;
    /// the body's name is [`Meeting::body`](crate::Meeting::body).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_code: Option<String>,
    /// Where the meeting is in its life.
    #[serde(default)]
    pub state: MeetingState,
    /// Whether the minutes are approved.
    #[serde(default)]
    pub minutes: MinutesState,
    /// The meeting that approved the minutes (its id), once approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes_approved_by: Option<String>,
}

/// Where a meeting is in its life.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum MeetingState {
    /// Planned; no notice sent yet (the default).
    #[default]
    Planned,
    /// The notice has gone out.
    Notified,
    /// The meeting was held.
    Held,
    /// The meeting was cancelled.
    Cancelled,
}

names!(MeetingState, "meeting state" {
    Planned => "planned", "planlagt";
    Notified => "notified", "innkalt";
    Held => "held", "avholdt";
    Cancelled => "cancelled", "avlyst";
});

/// Whether a meeting's minutes are approved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum MinutesState {
    /// A draft (the default).
    #[default]
    Draft,
    /// Approved, usually at the next meeting.
    Approved,
}

names!(MinutesState, "minutes state" {
    Draft => "draft", "utkast";
    Approved => "approved", "godkjent";
});

/// The archive's view of an agenda item (Noark 5 *møtesak*).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ItemArchive {
    /// The case type (*møtesakstype*); when absent, read from the item's
    /// number or title when they are of the form "PS 12/24".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_type: Option<CaseType>,
    /// The meeting-case year (*møtesaksår*), such as 2024.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The meeting-case number within the year (*møtesakssekvensnummer*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<u32>,
    /// The archive case the item belongs to, as written ("24/1234").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_reference: Option<String>,
    /// The recommendation (*innstilling*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<String>,
    /// When the decision ([`AgendaItem::decision`](crate::AgendaItem::decision))
    /// was made; the meeting's day when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::time::bounded::opt_date"
    )]
    pub decision_date: Option<NaiveDate>,
    /// The votes, when recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub votes: Vec<Vote>,
}

/// One participant's vote on an item's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Vote {
    /// Who voted, by full name as on the roster.
    pub participant: String,
    /// How.
    pub vote: VoteValue,
}

/// How a participant voted (the archive's *møtestemme*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum VoteValue {
    /// For (*Ja*).
    For,
    /// Against (*Nei*).
    Against,
    /// Blank (*Blankt*).
    Blank,
}

impl VoteValue {
    /// The archive's word: `Ja`, `Nei`, `Blankt`.
    pub fn archive_word(self) -> &'static str {
        match self {
            VoteValue::For => "Ja",
            VoteValue::Against => "Nei",
            VoteValue::Blank => "Blankt",
        }
    }
}

/// The type of a meeting case (the archive's code list *møtesakstype*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum CaseType {
    /// *Politisk sak*: a case for decision.
    #[serde(rename = "PS")]
    Ps,
    /// *Delegert sak*: decided under delegated authority, for information.
    #[serde(rename = "DS")]
    Ds,
    /// *Referatsak*: a letter or document reported to the body.
    #[serde(rename = "RS")]
    Rs,
    /// *Forespørsel*: a question.
    #[serde(rename = "FO")]
    Fo,
    /// *Annet*: anything else.
    #[serde(rename = "AN")]
    An,
}

impl CaseType {
    /// The code: `PS`, `DS`, `RS`, `FO`, `AN`.
    pub fn code(self) -> &'static str {
        match self {
            CaseType::Ps => "PS",
            CaseType::Ds => "DS",
            CaseType::Rs => "RS",
            CaseType::Fo => "FO",
            CaseType::An => "AN",
        }
    }

    /// The code list's words for it.
    pub fn description(self) -> &'static str {
        match self {
            CaseType::Ps => "Politisk sak",
            CaseType::Ds => "Delegert sak",
            CaseType::Rs => "Referatsak",
            CaseType::Fo => "Forespørsel",
            CaseType::An => "Annet",
        }
    }

    fn from_code(code: &str) -> Option<CaseType> {
        [
            CaseType::Ps,
            CaseType::Ds,
            CaseType::Rs,
            CaseType::Fo,
            CaseType::An,
        ]
        .into_iter()
        .find(|t| t.code().eq_ignore_ascii_case(code))
    }
}

/// A meeting-case number as written in agendas: "PS 12/24" or
/// "PS 12/2024" — type, number, year (two digits are 2000s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseNumber {
    /// The case type.
    pub case_type: CaseType,
    /// The number within the year.
    pub sequence: u32,
    /// The year, four digits.
    pub year: i32,
}

impl CaseNumber {
    /// Finds "PS 12/24" at the start of `text` (after white space).
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{CaseNumber, CaseType};
    ///
    /// let n = CaseNumber::parse("PS 12/24 Budsjett 2025").unwrap();
    /// assert_eq!((n.case_type, n.sequence, n.year), (CaseType::Ps, 12, 2024));
    /// assert!(CaseNumber::parse("Eventuelt").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<CaseNumber> {
        let text = text.trim_start();
        let (code, rest) = text.split_at_checked(2)?;
        let case_type = CaseType::from_code(code)?;
        let rest = rest.trim_start();
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let n = digits(rest);
        let sequence: u32 = rest.get(..n)?.parse().ok()?;
        let rest = rest.get(n..)?.strip_prefix('/')?;
        let y = digits(rest);
        let year: i32 = rest.get(..y)?.parse().ok()?;
        let year = match y {
            2 => 2000 + year,
            4 => year,
            _ => return None,
        };
        Some(CaseNumber {
            case_type,
            sequence,
            year,
        })
    }
}

/// A case reference of a letter ("Vår ref: 24/1234-5"): case year, case
/// sequence number and, when given, the document's number in the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseReference {
    /// The case year, four digits.
    pub year: i32,
    /// The case's sequence number within the year.
    pub sequence: u32,
    /// The document's number within the case.
    pub document: Option<u32>,
}

impl CaseReference {
    /// Reads "24/1234", "2024/1234" or "24/1234-5".
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::CaseReference;
    ///
    /// let r = CaseReference::parse("24/1234-5").unwrap();
    /// assert_eq!((r.year, r.sequence, r.document), (2024, 1234, Some(5)));
    /// ```
    pub fn parse(text: &str) -> Option<CaseReference> {
        let text = text.trim();
        let (year, rest) = text.split_once('/')?;
        let year: i32 = match year.len() {
            2 => 2000 + year.parse::<i32>().ok()?,
            4 => year.parse().ok()?,
            _ => return None,
        };
        let (sequence, document) = match rest.split_once('-') {
            Some((s, d)) => (s, Some(d.trim().parse().ok()?)),
            None => (rest, None),
        };
        Some(CaseReference {
            year,
            sequence: sequence.trim().parse().ok()?,
            document,
        })
    }
}
