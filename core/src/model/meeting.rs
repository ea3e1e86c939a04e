//! The meeting, its place and its notice.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::agenda::{AgendaItem, ItemKind};
use super::archive::MeetingArchive;
use super::contribution::Contribution;

use super::roster::{Response, Roster};
use super::time::MeetingTime;

/// The version of the JSON document format this library reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// The `schema_version` field of a meeting document.
///
/// It only ever holds [`SCHEMA_VERSION`]: a document of another version is
/// refused when read, since its fields may mean something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SchemaVersion;

impl Serialize for SchemaVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(SCHEMA_VERSION)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for SchemaVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "integer", "const": SCHEMA_VERSION })
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let found = u64::deserialize(d)?;
        if found == u64::from(SCHEMA_VERSION) {
            Ok(SchemaVersion)
        } else {
            Err(serde::de::Error::custom(format_args!(
                "unsupported schema_version {found}: this library reads version {SCHEMA_VERSION}"
            )))
        }
    }
}

/// One meeting of a cooperation group, with everything sent out for it and
/// everything gathered from it.
///
/// # Example
///
/// ```
/// use roundtable::Meeting;
///
/// let json = std::fs::read_to_string(concat!(
///     env!("CARGO_MANIFEST_DIR"),
///     "/../tests/data/seed-meeting.json"
/// ))?;
/// let meeting = Meeting::from_json(&json)?;
/// assert_eq!(meeting.location.venue, "Oslo Rådhus");
/// assert_eq!(meeting.agenda.len(), 5);
/// assert_eq!(meeting.roster.len(), 45);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Meeting {
    /// The document format version; always [`SCHEMA_VERSION`].
    pub schema_version: SchemaVersion,
    /// A stable identifier chosen by the organiser, used to refer to this
    /// meeting from others.
    pub id: String,
    /// The meeting number within its body (Noark 5 "møtenummer"), such as
    /// `"5/2024"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The body that meets ("Osloregionens faggruppe for Næringssamarbeid").
    pub body: String,
    /// Who convenes the meeting ("Sekretariatet for Osloregionen").
    pub organiser: String,
    /// The meeting's title.
    pub title: String,
    /// Start and end, in local time in the meeting's zone.
    pub time: MeetingTime,
    /// Where it is held.
    pub location: Location,
    /// Set when the meeting is held as part of a joint meeting; says so in
    /// words ("gjennomføres som del av felles faggruppemøte").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint_meeting: Option<String>,
    /// Where the meeting papers can be downloaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub papers: Option<Link>,
    /// The previous meeting of the same body, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_meeting: Option<MeetingRef>,
    /// The next meeting of the same body, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_meeting: Option<MeetingRef>,
    /// What the archive needs beyond the notice: the body's code, the
    /// meeting's and the minutes' state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<MeetingArchive>,
    /// The letter that calls the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
    /// The agenda items, in order; an item's position is its index here.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// The invited people.
    #[serde(default)]
    pub roster: Roster,
    /// The members' written contributions.
    #[serde(default)]
    pub contributions: Vec<Contribution>,
    /// The replies to the invitation applied so far, the newest per
    /// attendee address ([`Meeting::apply_reply`]): what decides whether
    /// a reply that comes later is newer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<ReplyRecord>,
    /// The `SEQUENCE` of the invitation last sent (RFC 5546 raises it with
    /// every change that asks for new answers; 0 for the first). A reply
    /// above it answers an invitation that was never sent, and is not
    /// applied (`reply.future_sequence`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub sequence: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Meeting {
    /// A meeting with the required fields and nothing else: no notice, no
    /// agenda, nobody invited.
    pub fn new(
        id: impl Into<String>,
        body: impl Into<String>,
        title: impl Into<String>,
        time: MeetingTime,
        venue: impl Into<String>,
    ) -> Meeting {
        Meeting {
            schema_version: SchemaVersion,
            id: id.into(),
            number: None,
            body: body.into(),
            organiser: String::new(),
            title: title.into(),
            time,
            location: Location::new(venue),
            joint_meeting: None,
            papers: None,
            previous_meeting: None,
            next_meeting: None,
            archive: None,
            notice: None,
            agenda: Vec::new(),
            roster: Roster::default(),
            contributions: Vec::new(),
            replies: Vec::new(),
            sequence: 0,
        }
    }

    /// The agenda item with this display number (compared after trimming).
    pub fn item(&self, number: &str) -> Option<(usize, &AgendaItem)> {
        let number = number.trim();
        self.agenda
            .iter()
            .enumerate()
            .find(|(_, item)| item.number.trim() == number)
    }

    /// The round-table items, with their positions.
    pub fn round_tables(&self) -> impl Iterator<Item = (usize, &AgendaItem)> {
        self.agenda
            .iter()
            .enumerate()
            .filter(|(_, item)| matches!(item.kind, ItemKind::RoundTable(_)))
    }

    /// The position of the agenda item `contribution` belongs to: the item
    /// it names, or, when it names none, the agenda's only round table.
    /// Whether that item is a round table is not checked here (validation
    /// reports `contribution.not_round_table`).
    ///
    /// # Errors
    ///
    /// [`UnresolvedItem`] says why there is no such item.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{Contribution, Meeting};
    ///
    /// let meeting = Meeting::load(concat!(
    ///     env!("CARGO_MANIFEST_DIR"),
    ///     "/../tests/data/seed-meeting.json"
    /// ))?;
    /// let first = &meeting.contributions[0];
    /// assert_eq!(meeting.contribution_item(first), Ok(3)); // "Sak 4", the round table
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn contribution_item(&self, contribution: &Contribution) -> Result<usize, UnresolvedItem> {
        resolve_item(
            contribution,
            |number| self.item(number).map(|(i, _)| i),
            self.only_round_table(),
        )
    }

    /// [`Meeting::contribution_item`] of every contribution, in order, in
    /// one pass over the agenda: what validation and the minutes use, so
    /// that many items and many contributions cost their sum, not their
    /// product.
    pub fn contribution_items(&self) -> Vec<Result<usize, UnresolvedItem>> {
        let mut numbers: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::with_capacity(self.agenda.len());
        for (i, item) in self.agenda.iter().enumerate() {
            numbers.entry(item.number.trim()).or_insert(i);
        }
        let only = self.only_round_table();
        self.contributions
            .iter()
            .map(|c| resolve_item(c, |number| numbers.get(number).copied(), only))
            .collect()
    }

    /// The round table a contribution that names no item belongs to.
    fn only_round_table(&self) -> Result<usize, UnresolvedItem> {
        let mut round_tables = self.round_tables().map(|(i, _)| i);
        match (round_tables.next(), round_tables.next()) {
            (Some(only), None) => Ok(only),
            (None, _) => Err(UnresolvedItem::NoRoundTable),
            (Some(_), Some(_)) => Err(UnresolvedItem::SeveralRoundTables),
        }
    }
}

/// The one rule of [`Meeting::contribution_item`]: the item named (looked up
/// by its trimmed number), else the only round table.
fn resolve_item(
    contribution: &Contribution,
    item_at: impl Fn(&str) -> Option<usize>,
    only_round_table: Result<usize, UnresolvedItem>,
) -> Result<usize, UnresolvedItem> {
    match contribution.item.as_deref() {
        Some(number) => item_at(number.trim()).ok_or(UnresolvedItem::UnknownItem),
        None => only_round_table,
    }
}

/// Why a contribution belongs to no agenda item
/// ([`Meeting::contribution_item`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnresolvedItem {
    /// It names an item the agenda does not have.
    UnknownItem,
    /// It names no item, and the agenda has no round table.
    NoRoundTable,
    /// It names no item, and the agenda has several round tables.
    SeveralRoundTables,
}

/// Where a meeting is held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Location {
    /// The building or place ("Oslo Rådhus").
    pub venue: String,
    /// The room ("møteromssenteret").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// How to find it ("inngang sjøsiden").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directions: Option<String>,
    /// The street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// A link for those who join online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_url: Option<String>,
}

/// The location as one line: venue, room, directions in parentheses and
/// address ("Oslo Rådhus, møteromssenteret (inngang sjøsiden)"); the
/// calendar's LOCATION and the documents print it so.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let present = |field: &Option<String>| {
            field
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
        };
        f.write_str(self.venue.trim())?;
        if let Some(room) = present(&self.room) {
            write!(f, ", {room}")?;
        }
        if let Some(directions) = present(&self.directions) {
            write!(f, " ({directions})")?;
        }
        if let Some(address) = present(&self.address) {
            write!(f, ", {address}")?;
        }
        Ok(())
    }
}

impl Location {
    /// A location with only a venue.
    pub fn new(venue: impl Into<String>) -> Location {
        Location {
            venue: venue.into(),
            room: None,
            directions: None,
            address: None,
            online_url: None,
        }
    }
}

/// A link with the text it is shown with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Link {
    /// The address.
    pub url: String,
    /// The text shown for it ("Faggruppesamling 7. november 2024").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A reference to another meeting, by id, by date, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MeetingRef {
    /// The other meeting's [`Meeting::id`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The day the other meeting was held.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::time::bounded::opt_date"
    )]
    pub date: Option<NaiveDate>,
}

/// The letter that calls a meeting (innkalling).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Notice {
    /// The letter's date.
    #[serde(deserialize_with = "crate::model::time::bounded::date")]
    pub date: NaiveDate,
    /// "Vår ref": the sender's case reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub our_reference: Option<String>,
    /// "Deres ref": the addressee's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub your_reference: Option<String>,
    /// "Saksbehandler": the case officer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_officer: Option<String>,
    /// "Arkivkode": the archive code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_code: Option<String>,
    /// To whom the letter goes ("Osloregionens faggruppe for …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressee: Option<String>,
    /// Whom to contact about the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Who signs the letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Signature>,
    /// What the participants are asked to prepare, as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preparation: Option<String>,
}

impl Notice {
    /// "Vår ref" as a case reference ("24/1234-5": case 2024/1234,
    /// document 5), when it reads as one; the text is kept as written in
    /// [`Notice::our_reference`].
    pub fn case_reference(&self) -> Option<super::archive::CaseReference> {
        self.our_reference
            .as_deref()
            .and_then(super::archive::CaseReference::parse)
    }

    /// A notice with only its date.
    pub fn new(date: NaiveDate) -> Notice {
        Notice {
            date,
            our_reference: None,
            your_reference: None,
            case_officer: None,
            archive_code: None,
            addressee: None,
            contact: None,
            signature: None,
            preparation: None,
        }
    }
}

/// A contact person of a notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Contact {
    /// The name as printed.
    pub name: String,
    /// Phone number as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The signature under a notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Signature {
    /// Who signs.
    pub name: String,
    /// On behalf of which unit ("Sekretariatet for Osloregionen").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The reply last applied for one attendee address: what decides whether a
/// later reply is newer (RFC 5546: `SEQUENCE`, then `DTSTAMP`). Kept in the
/// meeting document ([`Meeting::replies`]), so that replies applied on
/// different days keep their order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReplyRecord {
    /// The attendee's address, as compared: NFC, lower case, no `mailto:`.
    pub attendee: String,
    /// The reply's `SEQUENCE` (the invitation's revision it answers).
    pub sequence: u32,
    /// The reply's `DTSTAMP` (when it was made), in UTC; absent for a reply
    /// that had none, which is newer than every dated one of its
    /// `SEQUENCE` (as calendar servers order them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dtstamp: Option<DateTime<Utc>>,
    /// The answer it gave.
    pub response: Response,
    /// Its `COMMENT`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Its `DELEGATED-TO` addresses, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delegated_to: Vec<String>,
}

/// How replies of one attendee are ordered: `SEQUENCE`, undated after
/// dated, `DTSTAMP`, then the content.
pub(crate) type RecordKey<'r> = (
    u32,
    bool,
    Option<DateTime<Utc>>,
    &'static str,
    Option<&'r str>,
    &'r [String],
);

impl ReplyRecord {
    /// The order of replies for one attendee: sequence, then time, then
    /// (for two replies made in the same second of the same revision) the
    /// content, so that any order of applying gives the same result.
    pub(crate) fn key(&self) -> RecordKey<'_> {
        (
            self.sequence,
            self.dtstamp.is_none(),
            self.dtstamp,
            self.response.partstat(),
            self.comment.as_deref(),
            &self.delegated_to,
        )
    }
}
