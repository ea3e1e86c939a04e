//! `.docx`: the body of `word/document.xml` (ECMA-376): paragraphs
//! (`w:p`) with their style (`w:pStyle`: Word's `Heading1`…, Norwegian
//! Word's `Overskrift1`…, `Title`, `ListBullet`…) or numbering
//! (`w:numPr`), runs (`w:r`) with bold (`w:b`) and italic (`w:i`), text
//! (`w:t`), tabs and breaks.

use quick_xml::events::BytesStart;

use super::{Blocks, Paragraph};

/// The heading level a paragraph style names, if it is a heading.
fn heading_level(style: &str) -> Option<usize> {
    let lower = style.to_lowercase().replace(' ', "");
    if lower == "title" || lower == "tittel" {
        return Some(1);
    }
    ["heading", "overskrift"]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix)?.parse().ok())
}

/// Whether a `w:b`/`w:i` element switches its property on (no `w:val`, or
/// one that is not "0", "false" or "none").
fn on(e: &BytesStart<'_>) -> bool {
    e.attributes().flatten().all(|a| {
        a.key.local_name().into_inner() != "val" || !matches!(&*a.value, "0" | "false" | "none")
    })
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .map(|a| a.value.into_owned())
}

/// The paragraph being read.
#[derive(Default)]
struct State {
    paragraph: Paragraph,
    style: String,
    numbered: bool,
    level: usize,
    in_run: bool,
    in_text: bool,
    bold: bool,
    italic: bool,
}

impl State {
    fn start(&mut self, e: &BytesStart<'_>) {
        match e.local_name().into_inner() {
            "p" => {
                *self = State::default();
            }
            "pStyle" => self.style = attribute(e, "val").unwrap_or_default(),
            "numPr" => self.numbered = true,
            "ilvl" => {
                self.level = attribute(e, "val")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            }
            "r" => {
                self.in_run = true;
                self.bold = false;
                self.italic = false;
            }
            "b" if self.in_run => self.bold = on(e),
            "i" if self.in_run => self.italic = on(e),
            "t" => self.in_text = true,
            "tab" if self.in_run => self.paragraph.push(" ", self.bold, self.italic),
            "br" | "cr" if self.in_run => self.paragraph.push(" ", self.bold, self.italic),
            _ => {}
        }
    }

    fn end(&mut self, name: &str, blocks: &mut Blocks) {
        match name {
            "t" => self.in_text = false,
            "r" => self.in_run = false,
            "p" => {
                let list = self.numbered || self.style.to_lowercase().starts_with("list");
                match heading_level(&self.style) {
                    Some(level) => blocks.heading(level, &self.paragraph.markdown(true)),
                    None if list => blocks.item(self.level + 1, &self.paragraph.markdown(false)),
                    None => blocks.paragraph(&self.paragraph.markdown(false)),
                }
                *self = State::default();
            }
            _ => {}
        }
    }
}

pub(super) fn to_markdown(xml: &str) -> Result<String, String> {
    super::read_xml(xml, &mut State::default())
}

impl super::Handler for State {
    fn open(&mut self, e: &BytesStart<'_>, empty: bool, blocks: &mut Blocks) {
        self.start(e);
        let name = e.local_name().into_inner();
        // An empty <w:p/> is a paragraph all the same; an empty <w:t/>
        // holds no text.
        if empty && matches!(name, "p" | "t") {
            self.end(name, blocks);
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_text {
            self.paragraph.push(text, self.bold, self.italic);
        }
    }

    fn close(&mut self, name: &str, blocks: &mut Blocks) {
        self.end(name, blocks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_emphasis() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr><w:r><w:t>Innspill</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">Vi har </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>vedtatt</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> en plan &amp; mål.</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Én</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>To</w:t></w:r></w:p>
            <w:p/>
            </w:body></w:document>"#;
        assert_eq!(
            to_markdown(xml).unwrap(),
            "# Innspill\n\nVi har **vedtatt** en plan & mål.\n\n- Én\n  - To"
        );
        assert!(to_markdown("<w:p><w:t>open").is_ok());
        assert!(to_markdown("<w:p></w:q>").is_err());
    }
}
