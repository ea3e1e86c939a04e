//! The documents a secretariat sends: the notice (innkalling), the agenda
//! (sakskart) and the minutes draft (referat), in Markdown and HTML, in
//! Norwegian bokmål and English.
//!
//! Each document is first built as a few blocks (headings, paragraphs,
//! lists, the members' Markdown), then written out: the Markdown writer
//! escapes user text, the HTML writer escapes it, and members' Markdown is
//! rendered to HTML with raw HTML turned into text and only http, https
//! and mailto links kept.
//!
//! `words` holds the two languages, `blocks` builds each document,
//! `markdown` and `html` write the blocks out (the HTML writer with the
//! sanitiser of members' Markdown), `pdf` lays them out as PDF/A-2a and
//! PDF/UA-1.

mod blocks;
mod html;
mod markdown;
mod pdf;
mod words;

use crate::model::meeting::Meeting;
use crate::names::{names, Language};
use crate::plan::MeetingPlan;
use blocks::{agenda_blocks, minutes_blocks, notice_blocks, plan_blocks, response_blocks, Block};
use html::to_html;
use markdown::to_markdown;
use words::Words;

pub use pdf::{PdfOptions, RenderedPdf, MAX_PDF_PAGES};

/// The format of a document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// CommonMark.
    #[default]
    Markdown,
    /// A complete HTML5 document.
    Html,
}

names!(Format, "format" {
    Markdown => "markdown", "markdown", ["md"];
    Html => "html", "html", ["htm"];
});

/// Which document of a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Document {
    /// The letter that calls the meeting, with the agenda after it.
    Notice,
    /// The agenda (sakskart).
    Agenda,
    /// The minutes draft (referat), with the round table compiled from the
    /// contributions.
    Minutes,
}

names!(Document, "document" {
    Notice => "notice", "innkalling";
    Agenda => "agenda", "sakskart", ["dagsorden"];
    Minutes => "minutes", "referat", ["protokoll"];
});

/// What a document includes beyond its usual parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RenderOptions {
    /// A section with the answers to the invitation so far
    /// ([`Meeting::response_summary`]): counts, and who has not answered.
    /// For the notice and the agenda; the minutes list attendance instead.
    pub responses: bool,
}

impl RenderOptions {
    /// With (or without) the section of answers to the invitation.
    pub fn with_responses(mut self, responses: bool) -> RenderOptions {
        self.responses = responses;
        self
    }
}

fn write(blocks: &[Block], format: Format, language: Language) -> String {
    match format {
        Format::Markdown => to_markdown(blocks),
        Format::Html => to_html(blocks, language),
    }
}

impl Meeting {
    /// Renders one of the meeting's documents.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{Document, Format, Language, Meeting};
    ///
    /// let meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/seed-meeting.json"))?;
    /// let agenda = meeting.render(Document::Agenda, Format::Markdown, Language::Norwegian);
    /// assert!(agenda.contains("Torsdag 7. november, kl 12:00–13:00"));
    /// assert!(agenda.contains("## Sak 5. Eventuelt"));
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn render(&self, document: Document, format: Format, language: Language) -> String {
        self.render_with(document, format, language, RenderOptions::default())
    }

    /// Renders one of the meeting's documents with `options`: the notice
    /// or agenda with the answers to the invitation so far, for the
    /// secretariat's own copy.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{Document, Format, Language, Meeting, RenderOptions};
    ///
    /// let meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/replies/meeting.json"))?;
    /// let options = RenderOptions::default().with_responses(true);
    /// let agenda = meeting.render_with(Document::Agenda, Format::Markdown, Language::English, options);
    /// assert!(agenda.contains("## Replies to the invitation"));
    /// assert!(agenda.contains("**No answer:** 6"));
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn render_with(
        &self,
        document: Document,
        format: Format,
        language: Language,
        options: RenderOptions,
    ) -> String {
        let blocks = document_blocks(self, document, language, options);
        write(&blocks, format, language)
    }
}

/// The blocks of one of a meeting's documents, for every writer.
fn document_blocks(
    m: &Meeting,
    document: Document,
    language: Language,
    options: RenderOptions,
) -> Vec<Block> {
    let w = Words { lang: language };
    match document {
        Document::Notice => {
            let mut out = notice_blocks(m, &w);
            if options.responses {
                response_blocks(m, &w, 2, &mut out);
            }
            out
        }
        Document::Agenda => {
            let mut out = Vec::new();
            agenda_blocks(m, &w, 1, &mut out);
            if options.responses {
                response_blocks(m, &w, 2, &mut out);
            }
            out
        }
        Document::Minutes => minutes_blocks(m, &w),
    }
}

/// The blocks of a meeting plan.
fn plan_document(plan: &MeetingPlan, language: Language) -> Vec<Block> {
    plan_blocks(plan, &Words { lang: language })
}

impl MeetingPlan {
    /// Renders the plan: its meetings by date, holidays named.
    pub fn render(&self, format: Format, language: Language) -> String {
        write(&plan_document(self, language), format, language)
    }
}
