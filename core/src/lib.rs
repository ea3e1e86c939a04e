//! # roundtable
//!
//! The meetings of a cooperation group: the notice (innkalling), the agenda
//! (sakskart), the roster of invited people and the members' written
//! contributions to the round table. This crate models one meeting,
//! validates it with stable finding codes, and reads and writes it as JSON.
//! A C ABI and a Python module translate this crate; they do not add to it.
//!
//! # Example
//!
//! ```
//! use roundtable::{Code, Meeting, Severity};
//!
//! let meeting = Meeting::load(concat!(
//!     env!("CARGO_MANIFEST_DIR"),
//!     "/../tests/data/seed-meeting.json"
//! ))?;
//! let report = meeting.validate();
//! for finding in &report {
//!     println!("{finding}");
//! }
//! let elverum = report
//!     .with_code(Code::ContributionUnknownMember)
//!     .find(|f| f.message.contains("\"Elverum\""))
//!     .unwrap();
//! assert_eq!(elverum.severity, Severity::Warning);
//! assert!(elverum.message.contains("Elverum Vekst"));
//! # Ok::<(), roundtable::Error>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod agenda;
mod archive;
mod codes;
mod contribution;
mod error;
mod export;
mod ics;
mod import;
mod json;
mod meeting;
mod names;
mod parallel;
mod plan;
mod render;
mod reply;
mod roster;
mod swar;
mod text;
mod time;
mod validate;
mod zone;

pub use agenda::{AgendaItem, ItemKind, ItemKindParts, RoundTableRules};
pub use archive::{
    ArchiveFile, ArchiveKind, ArchiveOptions, ArchivePackage, CaseNumber, CaseReference, CaseType,
    ItemArchive, MeetingArchive, MeetingState, MinutesState, Vote, VoteValue,
};
pub use codes::{Code, CodeInfo, ErrorCode, ProblemCode, ReplyCode, Severity, REGISTRY};
pub use contribution::Contribution;
pub use error::{Error, ErrorKind, JsonCategory, Position, Result};
pub use export::ExportOptions;
pub use ics::{IcsOptions, Method};
pub use import::{
    Delimiter, Field, HeaderColumn, ImportMode, ImportOptions, ImportProblem, ImportProblems,
    ImportSummary, ProblemIter, ProblemReason, ProblemRef, RosterImport, TextEncoding,
    DEFAULT_MAX_BYTES,
};
pub use meeting::{
    Contact, Link, Location, Meeting, MeetingRef, Notice, SchemaVersion, Signature, UnresolvedItem,
    SCHEMA_VERSION,
};
pub use names::{HeaderLanguage, Language};
pub use plan::{easter, norwegian_holiday, norwegian_holidays, Holiday, MeetingPlan};
pub use render::{Document, Format, RenderOptions};
pub use reply::{
    ChangedField, IgnoredReply, ReplyChange, ReplyOutcome, ReplyRecord, ResponseSummary,
    MAX_COMPONENT_DEPTH, MAX_MIME_DEPTH, MAX_MIME_PARTS, MAX_REPLY_ATTENDEES, MAX_REPLY_BYTES,
};
pub use roster::{Attendance, Iter as RosterIter, Person, PersonRef, Response, Role, Roster};
pub use time::{parse_zone, MeetingTime, DEFAULT_ZONE};
pub use validate::{check_email, check_phone, Finding, Report, ValidationOptions};
pub use zone::{Transition, Zone};

/// The JSON Schema (draft 2020-12) of the meeting document, as JSON text:
/// what [`Meeting::from_json`] reads. Committed as
/// `schema/meeting.schema.json`.
#[cfg(feature = "schema")]
pub fn meeting_schema() -> String {
    let schema = schemars::schema_for!(Meeting);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

// The README's Rust examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
