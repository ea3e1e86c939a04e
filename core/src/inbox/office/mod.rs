//! Word-processor documents attached to a contribution, read into
//! Markdown: `.docx` (Office Open XML, `docx`) and `.odt` (OpenDocument,
//! `odt`). Both are zip files holding XML; the zip is `zip`'s, the XML
//! `quick-xml`'s. Headings, list paragraphs, bold and italic are kept;
//! everything else is read as its text.

mod docx;
mod odt;

use std::io::Read;

/// The most bytes of a document's XML read: a contribution of a few pages
/// is a few hundred kilobytes; a zip bomb stops here.
pub(crate) const MAX_DOCUMENT_XML: u64 = 16 << 20;

/// A reader of one format's XML into Markdown, or why it cannot.
type Converter = fn(&str) -> Result<String, String>;

/// The Markdown of an attached document named `name`, or why it was not
/// read; `None` when the name is of no document this module reads.
pub(crate) fn markdown_of(name: &str, bytes: &[u8]) -> Option<Result<String, String>> {
    let lower = name.to_lowercase();
    let (entry, convert): (&str, Converter) = if lower.ends_with(".docx") {
        ("word/document.xml", docx::to_markdown)
    } else if lower.ends_with(".odt") {
        ("content.xml", odt::to_markdown)
    } else {
        return None;
    };
    Some(xml_of(bytes, entry).and_then(|xml| convert(&xml)))
}

/// The text of the zip's entry `entry`, bounded.
fn xml_of(bytes: &[u8], entry: &str) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("it is no zip file ({e})"))?;
    let file = archive
        .by_name(entry)
        .map_err(|_| format!("it has no {entry}"))?;
    let mut text = String::new();
    file.take(MAX_DOCUMENT_XML + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("its {entry} cannot be read ({e})"))?;
    if text.len() as u64 > MAX_DOCUMENT_XML {
        return Err(format!("its {entry} is over {MAX_DOCUMENT_XML} bytes"));
    }
    Ok(text)
}

/// What a format's reader does with the XML's events.
trait Handler {
    /// An element opens (`empty`: and closes at once).
    fn open(&mut self, e: &quick_xml::events::BytesStart<'_>, empty: bool, blocks: &mut Blocks);
    /// Text (references resolved) inside the element open.
    fn text(&mut self, text: &str);
    /// An element closes.
    fn close(&mut self, name: &str, blocks: &mut Blocks);
}

/// Reads `xml` to its end through `handler`: the events loop both formats
/// share, text and character references resolved.
fn read_xml(xml: &str, handler: &mut impl Handler) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut blocks = Blocks::default();
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "its XML cannot be read at byte {} ({e})",
                reader.buffer_position()
            )
        })?;
        match event {
            Event::Start(e) => handler.open(&e, false, &mut blocks),
            Event::Empty(e) => handler.open(&e, true, &mut blocks),
            Event::Text(t) => handler.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let reference = format!("&{};", &*r);
                let text = quick_xml::escape::unescape(&reference)
                    .map_err(|e| format!("its XML has a bad reference ({e})"))?;
                handler.text(&text);
            }
            Event::End(e) => handler.close(e.local_name().into_inner(), &mut blocks),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(blocks.out)
}

/// A paragraph being read: its runs of text with their emphasis.
#[derive(Default)]
struct Paragraph {
    runs: Vec<(String, bool, bool)>,
}

impl Paragraph {
    fn push(&mut self, text: &str, bold: bool, italic: bool) {
        match self.runs.last_mut() {
            Some(last) if last.1 == bold && last.2 == italic => last.0.push_str(text),
            _ => self.runs.push((text.to_owned(), bold, italic)),
        }
    }

    /// The paragraph as Markdown, emphasis around the words (not their
    /// spaces); `plain` drops it (a heading is emphasis enough).
    fn markdown(&self, plain: bool) -> String {
        let mut out = String::new();
        for (text, bold, italic) in &self.runs {
            let marker = match (plain, bold, italic) {
                (true, _, _) | (false, false, false) => "",
                (false, true, false) => "**",
                (false, false, true) => "*",
                (false, true, true) => "***",
            };
            let trimmed = text.trim();
            if marker.is_empty() || trimmed.is_empty() {
                out.push_str(text);
                continue;
            }
            let start = text.len() - text.trim_start().len();
            let end = text.trim_end().len();
            out.push_str(&text[..start]);
            out.push_str(marker);
            out.push_str(trimmed);
            out.push_str(marker);
            out.push_str(&text[end..]);
        }
        out.trim().to_owned()
    }
}

/// Blocks as Markdown: paragraphs apart, list items together.
#[derive(Default)]
struct Blocks {
    out: String,
    last_was_item: bool,
}

impl Blocks {
    fn heading(&mut self, level: usize, text: &str) {
        if !text.is_empty() {
            self.block(&format!("{} {text}", "#".repeat(level.clamp(1, 6))), false);
        }
    }

    fn paragraph(&mut self, text: &str) {
        if !text.is_empty() {
            self.block(text, false);
        }
    }

    fn item(&mut self, depth: usize, text: &str) {
        if !text.is_empty() {
            let indent = "  ".repeat(depth.saturating_sub(1));
            self.block(&format!("{indent}- {text}"), true);
        }
    }

    fn block(&mut self, text: &str, item: bool) {
        if !self.out.is_empty() {
            self.out.push_str(if item && self.last_was_item {
                "\n"
            } else {
                "\n\n"
            });
        }
        self.out.push_str(text);
        self.last_was_item = item;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_goes_around_the_words_and_runs_of_one_kind_join() {
        let mut p = Paragraph::default();
        p.push("Asker har vedtatt ", false, false);
        p.push("ny ", true, false);
        p.push("næringsplan ", true, false);
        p.push("i ", false, false);
        p.push("oktober", false, true);
        assert_eq!(
            p.markdown(false),
            "Asker har vedtatt **ny næringsplan** i *oktober*"
        );
        assert_eq!(
            p.markdown(true),
            "Asker har vedtatt ny næringsplan i oktober"
        );
    }

    #[test]
    fn what_is_no_document_says_so() {
        assert!(markdown_of("rapport.pdf", b"%PDF").is_none());
        let not_zip = markdown_of("innspill.docx", b"not a zip").unwrap();
        assert!(not_zip.unwrap_err().starts_with("it is no zip file"));
    }
}
