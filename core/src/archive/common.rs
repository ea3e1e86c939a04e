//! What the two archive forms share: the kinds of meeting document, the
//! stable system IDs, an item's case number and the archive's creator.

use crate::model::agenda::AgendaItem;
use crate::model::archive::{CaseNumber, CaseType};
use crate::model::meeting::Meeting;
use crate::render::Document;

/// Who the archive is of: the organiser, else the body, else this library
/// (the schema needs a name).
pub(super) fn creator_name(m: &Meeting) -> String {
    [m.organiser.trim(), m.body.trim()]
        .into_iter()
        .find(|n| !n.is_empty())
        .unwrap_or("roundtable")
        .to_owned()
}

/// The documents of a meeting the archive keeps, with their codes in the
/// code list *møteregistreringstype*.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DocumentKind {
    /// *Møteinnkalling*.
    Notice,
    /// *Saksliste*.
    Agenda,
    /// *Møteprotokoll*.
    Minutes,
}

impl DocumentKind {
    pub(super) fn code(self) -> &'static str {
        match self {
            DocumentKind::Notice => "MI",
            DocumentKind::Agenda => "SL",
            DocumentKind::Minutes => "MP",
        }
    }

    pub(super) fn title(self) -> &'static str {
        match self {
            DocumentKind::Notice => "Møteinnkalling",
            DocumentKind::Agenda => "Saksliste",
            DocumentKind::Minutes => "Møteprotokoll",
        }
    }

    /// The name of its files, without the extension.
    pub(super) fn file_stem(self) -> &'static str {
        match self {
            DocumentKind::Notice => "innkalling",
            DocumentKind::Agenda => "saksliste",
            DocumentKind::Minutes => "protokoll",
        }
    }

    /// Its code in Fiks Arkiv's list *dokumenttype*: the notice is a
    /// letter, the minutes a protocol.
    pub(super) fn document_type(self) -> (&'static str, &'static str) {
        match self {
            DocumentKind::Notice => CORRESPONDENCE,
            DocumentKind::Agenda => ("DOKUMENT", "Dokument"),
            DocumentKind::Minutes => ("PROTOKOLL", "Protokoll"),
        }
    }

    pub(super) fn document(self) -> Document {
        match self {
            DocumentKind::Notice => Document::Notice,
            DocumentKind::Agenda => Document::Agenda,
            DocumentKind::Minutes => Document::Minutes,
        }
    }
}

/// *dokumenttype* `KORR`: a letter, sent (the notice) or received (a
/// contribution).
pub(super) const CORRESPONDENCE: (&str, &str) = ("KORR", "Korrespondanse");

/// The format of a file as Noark 5 asks (M701): its PRONOM code and name.
/// The PDFs are this library's own PDF/A-2a.
pub(super) fn pronom(mime: &str) -> (&'static str, &'static str) {
    match mime {
        "application/pdf" => ("fmt/476", "PDF/A-2a"),
        "text/html" => ("fmt/471", "HTML 5"),
        "text/markdown" => ("fmt/1149", "Markdown"),
        _ => ("x-fmt/111", "Ren tekst"),
    }
}

/// The namespace of every system ID this library makes: UUID v5 of this
/// name in the URL namespace.
fn namespace() -> uuid::Uuid {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"urn:roundtable:archive")
}

/// The system ID of the record at `path` of meeting `id`: the same for the
/// same meeting every time, so that an archive recognises an update.
pub(super) fn system_id(id: &str, path: &str) -> String {
    let name = format!("{}\u{1f}{path}", id.trim());
    uuid::Uuid::new_v5(&namespace(), name.as_bytes()).to_string()
}

/// An item's case type, year and number: as given, else read from its
/// number or title ("PS 12/24"), else PS, the meeting's year and the
/// item's position.
pub(super) fn case_of(m: &Meeting, item: &AgendaItem, index: usize) -> (CaseType, i32, u32) {
    let parsed = CaseNumber::parse(&item.number).or_else(|| CaseNumber::parse(&item.title));
    let given = item.archive.as_ref();
    let case_type = given
        .and_then(|a| a.case_type)
        .or(parsed.map(|p| p.case_type))
        .unwrap_or(CaseType::Ps);
    let year = given
        .and_then(|a| a.year)
        .or(parsed.map(|p| p.year))
        .unwrap_or_else(|| chrono::Datelike::year(&m.time.date()));
    let sequence = given
        .and_then(|a| a.sequence)
        .or(parsed.map(|p| p.sequence))
        .unwrap_or(index as u32 + 1);
    (case_type, year, sequence)
}
