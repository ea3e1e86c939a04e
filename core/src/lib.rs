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

mod archive;
mod cells;
mod codes;
mod error;
mod export;
mod ics;
mod import;
mod inbox;
mod json;
mod model;
mod names;
mod parallel;
mod plan;
mod render;
mod reply;
mod swar;
mod text;
mod validate;

pub use archive::{ArchiveFile, ArchiveKind, ArchiveOptions, ArchivePackage};
pub use codes::{Code, CodeInfo, ErrorCode, ProblemCode, ReplyCode, Severity, REGISTRY};
pub use error::{Error, ErrorKind, JsonCategory, Position, Result};
pub use export::ExportOptions;
pub use ics::{IcsOptions, Method};
pub use import::{
    Delimiter, Field, HeaderColumn, ImportMode, ImportOptions, ImportProblem, ImportProblems,
    ImportSummary, ProblemIter, ProblemReason, ProblemRef, RosterImport, TextEncoding,
    DEFAULT_MAX_BYTES, DEFAULT_PROBLEMS_PER_CODE,
};
pub use inbox::{
    read_mailbox, ContributionChange, LeftOut, LeftOutKind, Mailbox, Receipt, ReceiptKind,
    MAX_MAILBOX_MESSAGES, MAX_MESSAGE_BYTES,
};
pub use json::MAX_DOCUMENT_BYTES;
pub use model::agenda::{AgendaItem, ItemKind, ItemKindParts, RoundTableRules};
pub use model::archive::{
    CaseNumber, CaseReference, CaseType, ItemArchive, MeetingArchive, MeetingState, MinutesState,
    Vote, VoteValue,
};
pub use model::contribution::{Contribution, ContributionSource};
pub use model::meeting::ReplyRecord;
pub use model::meeting::{
    Contact, Link, Location, Meeting, MeetingRef, Notice, SchemaVersion, Signature, UnresolvedItem,
    SCHEMA_VERSION,
};
pub use model::roster::{
    Attendance, Iter as RosterIter, Person, PersonRef, Response, Role, Roster,
};
pub use model::time::{parse_zone, MeetingTime, DEFAULT_ZONE};
pub use model::zone::{Transition, Zone};
pub use names::{HeaderLanguage, Language};
pub use plan::{easter, norwegian_holiday, norwegian_holidays, Holiday, MeetingPlan};
pub use render::{Document, Format, PdfOptions, RenderOptions, RenderedPdf, MAX_PDF_PAGES};
pub use reply::{
    ApplyOptions, ChangedField, IgnoredReply, ReplyChange, ReplyOutcome, ResponseSummary,
    MAX_COMPONENT_DEPTH, MAX_DELEGATES, MAX_MIME_DEPTH, MAX_MIME_PARTS, MAX_REPLY_ATTENDEES,
    MAX_REPLY_BYTES,
};
pub use validate::{check_email, check_phone, Finding, Report, ValidationOptions};

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

// The Rust examples of the README and of every page of the manual are
// compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
#[cfg(doctest)]
#[doc = include_str!("../../docs/meeting-document.md")]
#[doc = include_str!("../../docs/validation.md")]
#[doc = include_str!("../../docs/documents.md")]
#[doc = include_str!("../../docs/roster-import.md")]
#[doc = include_str!("../../docs/replies.md")]
#[doc = include_str!("../../docs/inbox.md")]
#[doc = include_str!("../../docs/archive.md")]
#[doc = include_str!("../../docs/cli.md")]
#[doc = include_str!("../../docs/python.md")]
#[doc = include_str!("../../docs/c.md")]
#[doc = include_str!("../../docs/corpus.md")]
#[doc = include_str!("../../docs/errors.md")]
#[doc = include_str!("../../docs/reliability.md")]
#[doc = include_str!("../../docs/layout.md")]
struct ManualDoctests;
