//! `.odt`: the body of `content.xml` (OpenDocument 1.2/1.3): headings
//! (`text:h` with `text:outline-level`), paragraphs (`text:p`), lists
//! (`text:list`, `text:list-item`, nested), spans (`text:span`) whose
//! automatic style is bold or italic, and spaces, tabs and breaks
//! (`text:s`, `text:tab`, `text:line-break`).

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::{Blocks, Paragraph};

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .map(|a| a.value.into_owned())
}

/// What is being read.
#[derive(Default)]
struct State {
    /// Automatic styles: name → (bold, italic).
    styles: HashMap<String, (bool, bool)>,
    /// The style being declared, and its emphasis.
    declaring: Option<String>,
    list_depth: usize,
    /// The heading level of the block being read (0: a paragraph).
    heading: usize,
    in_block: bool,
    paragraph: Paragraph,
    /// The emphasis of the spans open, innermost last.
    spans: Vec<(bool, bool)>,
}

impl State {
    fn emphasis(&self) -> (bool, bool) {
        self.spans
            .iter()
            .fold((false, false), |(b, i), (sb, si)| (b || *sb, i || *si))
    }

    fn push(&mut self, text: &str) {
        if self.in_block {
            let (bold, italic) = self.emphasis();
            self.paragraph.push(text, bold, italic);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        match e.local_name().into_inner() {
            "style" => {
                self.declaring = attribute(e, "name");
            }
            "text-properties" => {
                if let Some(name) = &self.declaring {
                    let bold =
                        attribute(e, "font-weight").is_some_and(|w| w == "bold" || w == "700");
                    let italic = attribute(e, "font-style").is_some_and(|s| s == "italic");
                    self.styles.insert(name.clone(), (bold, italic));
                }
            }
            "list" if !empty => self.list_depth += 1,
            "h" | "p" if !empty => {
                self.in_block = true;
                self.paragraph = Paragraph::default();
                self.spans.clear();
                self.heading = if e.local_name().into_inner() == "h" {
                    attribute(e, "outline-level")
                        .and_then(|l| l.parse().ok())
                        .unwrap_or(1)
                } else {
                    0
                };
            }
            "span" if !empty => {
                let emphasis = attribute(e, "style-name")
                    .and_then(|s| self.styles.get(&s).copied())
                    .unwrap_or((false, false));
                self.spans.push(emphasis);
            }
            "s" => {
                let count: usize = attribute(e, "c").and_then(|c| c.parse().ok()).unwrap_or(1);
                self.push(&" ".repeat(count.min(64)));
            }
            "tab" | "line-break" => self.push(" "),
            _ => {}
        }
    }

    fn end(&mut self, name: &str, blocks: &mut Blocks) {
        match name {
            "style" => self.declaring = None,
            "list" => self.list_depth = self.list_depth.saturating_sub(1),
            "span" => {
                self.spans.pop();
            }
            "h" | "p" if self.in_block => {
                self.in_block = false;
                if self.heading > 0 {
                    blocks.heading(self.heading, &self.paragraph.markdown(true));
                } else if self.list_depth > 0 {
                    blocks.item(self.list_depth, &self.paragraph.markdown(false));
                } else {
                    blocks.paragraph(&self.paragraph.markdown(false));
                }
            }
            _ => {}
        }
    }
}

pub(super) fn to_markdown(xml: &str) -> Result<String, String> {
    super::read_xml(xml, &mut State::default())
}

impl super::Handler for State {
    fn open(&mut self, e: &BytesStart<'_>, empty: bool, _blocks: &mut Blocks) {
        self.start(e, empty);
    }

    fn text(&mut self, text: &str) {
        self.push(text);
    }

    fn close(&mut self, name: &str, blocks: &mut Blocks) {
        self.end(name, blocks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_bold_spans() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:style="s" xmlns:fo="f">
            <office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
            <office:body><office:text>
            <text:h text:outline-level="2">Drammen</text:h>
            <text:p>Vi satser<text:s text:c="1"/>på <text:span text:style-name="T1">Lierstranda</text:span> &amp; mer.</text:p>
            <text:list><text:list-item><text:p>Én</text:p>
              <text:list><text:list-item><text:p>To</text:p></text:list-item></text:list>
            </text:list-item></text:list>
            <text:p/>
            </office:text></office:body></office:document-content>"#;
        assert_eq!(
            to_markdown(xml).unwrap(),
            "## Drammen\n\nVi satser på **Lierstranda** & mer.\n\n- Én\n  - To"
        );
    }
}
