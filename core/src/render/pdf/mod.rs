//! The documents as PDF: PDF/A-2a (archival, tagged) and PDF/UA-1
//! (universal design) at once, from the same blocks the Markdown and HTML
//! writers read.
//!
//! `doc` turns the blocks and the members' Markdown into the PDF's own
//! tree, `flow` breaks its lines and places them on A4 pages, `write`
//! hands the pages to krilla with their structure tags. The bundled font
//! is in `fonts`.

mod doc;
mod flow;
mod fonts;
mod pack;
mod write;

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::blocks::{title, Block};
use super::{document_blocks, Document, RenderOptions};
use crate::codes::{Code, ErrorCode};
use crate::error::{Error, ErrorKind};
use crate::model::meeting::Meeting;
use crate::names::Language;
use crate::plan::MeetingPlan;
use crate::validate::{Finding, Report};

/// The most pages a PDF may have: a document over it is
/// `render.too_large`, found while laying out, before anything is written.
pub const MAX_PDF_PAGES: usize = 5_000;

/// What a PDF includes beyond its usual parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct PdfOptions {
    /// A section with the answers to the invitation so far, as
    /// [`RenderOptions::responses`].
    pub responses: bool,
}

impl PdfOptions {
    /// With (or without) the section of answers to the invitation.
    pub fn with_responses(mut self, responses: bool) -> PdfOptions {
        self.responses = responses;
        self
    }
}

/// A document as PDF/A-2a and PDF/UA-1, and what is worth a word about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPdf {
    bytes: Vec<u8>,
    pages: usize,
    warnings: Report,
}

impl RenderedPdf {
    /// The PDF file.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The PDF file, taken.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// How many pages it has.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Characters no bundled font has (`render.missing_glyph`), each once,
    /// with the field it was first found in: they are drawn as U+FFFD and
    /// kept as the text's ActualText.
    pub fn warnings(&self) -> &Report {
        &self.warnings
    }
}

/// Characters drawn as U+FFFD: how often, and where first.
#[derive(Default)]
struct Missing(BTreeMap<char, (usize, String)>);

impl Missing {
    fn add(&mut self, c: char, origin: &str) {
        self.0.entry(c).or_insert_with(|| (0, origin.to_owned())).0 += 1;
    }

    fn findings(self) -> Vec<Finding> {
        self.0
            .into_iter()
            .map(|(c, (count, origin))| {
                let shown = if c.is_control() {
                    String::new()
                } else {
                    format!(" ({c})")
                };
                let times = if count == 1 {
                    String::new()
                } else {
                    format!(", {count} times")
                };
                Finding {
                    code: Code::RenderMissingGlyph,
                    severity: Code::RenderMissingGlyph.severity(),
                    path: if origin.is_empty() {
                        "document".to_owned()
                    } else {
                        origin
                    },
                    message: format!(
                        "U+{:04X}{shown} is in no bundled font: drawn as U+FFFD{times}",
                        c as u32
                    ),
                }
            })
            .collect()
    }
}

fn page_number_nb(n: usize, total: usize) -> String {
    format!("side {n} av {total}")
}

fn page_number_en(n: usize, total: usize) -> String {
    format!("page {n} of {total}")
}

fn render_error(code: ErrorCode, reason: String) -> Error {
    Error::new(ErrorKind::Render { code, reason })
}

/// Lays out and writes `blocks`.
fn pdf(
    blocks: &[Block],
    language: Language,
    author: &str,
    created: chrono::NaiveDateTime,
) -> crate::Result<RenderedPdf> {
    let mut missing = Missing::default();
    let nodes = doc::nodes(blocks, &mut missing);
    let laid = flow::lay_out(&nodes, MAX_PDF_PAGES).map_err(|flow::TooManyPages| {
        render_error(
            ErrorCode::RenderTooLarge,
            format!("the document needs more than {MAX_PDF_PAGES} pages (MAX_PDF_PAGES)"),
        )
    })?;
    // The same content gives the same ID, and so the same bytes.
    let mut hash = Sha256::new();
    hash.update(language.code());
    for page in &laid.pages {
        hash.update(b"\x0cpage");
        for t in &page.texts {
            hash.update(t.text.as_bytes());
            hash.update(t.x.to_le_bytes());
            hash.update(t.y.to_le_bytes());
        }
        for l in &page.links {
            hash.update(l.url.as_bytes());
        }
    }
    let id: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let title = title(blocks);
    let info = write::Info {
        title: title.trim(),
        language: match language {
            Language::Norwegian => "nb-NO",
            Language::English => "en",
        },
        author,
        created,
        id,
        page_number: match language {
            Language::Norwegian => page_number_nb,
            Language::English => page_number_en,
        },
    };
    let bytes = write::write(&laid, &info)
        .and_then(|written| pack::pack(&written))
        .map_err(|write::Refused(why)| {
            render_error(
                ErrorCode::RenderPdf,
                format!("the PDF writer refused the document: {why}"),
            )
        })?;
    Ok(RenderedPdf {
        bytes,
        pages: laid.pages.len(),
        warnings: Report::from_findings(missing.findings()),
    })
}

impl Meeting {
    /// Renders one of the meeting's documents as PDF/A-2a and PDF/UA-1:
    /// tagged (headings, paragraphs, lists, the letter head as a table,
    /// links), in the document's language, with bookmarks for the items,
    /// the bundled Noto Sans embedded, A4 pages numbered "side 1 av 3".
    ///
    /// The same meeting gives the same bytes: the creation date is the
    /// notice's date (the meeting's end when it has no notice) and the
    /// document ID is a hash of the content.
    ///
    /// # Errors
    ///
    /// `render.too_large` for a document over [`MAX_PDF_PAGES`];
    /// `render.pdf` if the PDF writer's check of either standard fails
    /// (a bug of this library, with the check's name).
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{Document, Language, Meeting, PdfOptions};
    ///
    /// let meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/seed-meeting.json"))?;
    /// let pdf = meeting.render_pdf(Document::Minutes, Language::Norwegian, &PdfOptions::default())?;
    /// assert!(pdf.bytes().starts_with(b"%PDF-1.7"));
    /// assert!(pdf.pages() >= 2);
    /// assert!(pdf.warnings().is_empty());
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn render_pdf(
        &self,
        document: Document,
        language: Language,
        options: &PdfOptions,
    ) -> crate::Result<RenderedPdf> {
        let render = RenderOptions::default().with_responses(options.responses);
        let blocks = document_blocks(self, document, language, render);
        let created = self
            .notice
            .as_ref()
            .map(|n| n.date.and_hms_opt(12, 0, 0).unwrap_or_default())
            .unwrap_or_else(|| self.time.end_local());
        pdf(&blocks, language, self.organiser.trim(), created)
    }
}

impl Meeting {
    /// Contribution `index` as a PDF/A-2a document of its own (who sent it,
    /// to which meeting and item, when, and its text), as the archive files
    /// it; dated when it came, else at the meeting's end.
    pub(crate) fn contribution_pdf(
        &self,
        index: usize,
        language: Language,
    ) -> crate::Result<RenderedPdf> {
        let words = super::words::Words { lang: language };
        let blocks = super::blocks::contribution_blocks(self, &words, index);
        let created = self
            .contributions
            .get(index)
            .and_then(|c| c.submitted_at)
            .map(|at| at.naive_local())
            .unwrap_or_else(|| self.time.end_local());
        pdf(&blocks, language, self.organiser.trim(), created)
    }
}

impl MeetingPlan {
    /// Renders the plan as PDF/A-2a and PDF/UA-1, as
    /// [`Meeting::render_pdf`] does a meeting's documents; its date is the
    /// first meeting's start.
    ///
    /// # Errors
    ///
    /// As [`Meeting::render_pdf`].
    pub fn render_pdf(&self, language: Language) -> crate::Result<RenderedPdf> {
        let blocks = super::plan_document(self, language);
        let first = self.meetings.first();
        let created = first.map(|m| m.time.start_local()).unwrap_or_default();
        let author = first.map(|m| m.organiser.trim()).unwrap_or_default();
        pdf(&blocks, language, author, created)
    }
}
