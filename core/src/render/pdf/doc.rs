//! The PDF's own tree of a document: the blocks the Markdown and HTML
//! writers read, with each member's Markdown parsed into headings,
//! paragraphs, lists and quotes, and its text made drawable (characters
//! no bundled face has replaced, and reported).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::super::blocks::{Block, Inline};
use super::super::html::safe_url;
use super::fonts::{face, Style};
use super::Missing;

/// A piece of text in one style, maybe a link.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub(super) text: String,
    pub(super) style: Style,
    pub(super) link: Option<String>,
    /// What the text stands for, when a character was replaced: the
    /// structure's ActualText, so that copying and screen readers get the
    /// original.
    pub(super) actual: Option<String>,
}

/// Lines of runs, with a hard break between lines.
pub(super) type Lines = Vec<Vec<Run>>;

#[derive(Debug)]
pub(super) enum Node {
    Heading {
        level: u8,
        lines: Lines,
    },
    Para(Lines),
    /// A list; `start` is the first number of a numbered one.
    List {
        start: Option<u64>,
        items: Vec<Vec<Node>>,
    },
    /// Labelled values, such as the letter head: a table whose first
    /// column holds the row headers.
    Fields(Vec<(Lines, Lines)>),
    Quote(Vec<Node>),
    Code(Lines),
    Rule,
}

/// Makes text drawable: tabs and line ends as spaces, soft hyphens and
/// invisible joiners the face lacks left out, any other character the
/// face lacks (a control character, an emoji) as U+FFFD, counted in
/// `missing` under `origin`.
struct Cleaner<'a> {
    missing: &'a mut Missing,
    origin: &'a str,
}

impl Cleaner<'_> {
    /// `text` as runs of `style`: a character no face has becomes a run
    /// of its own, U+FFFD standing for it.
    fn runs(&mut self, text: &str, style: Style, link: Option<&str>, out: &mut Vec<Run>) {
        // One glyph a character: a letter and its combining accent become
        // the one precomposed letter the font has (Sami "č" typed as c and
        // a caron).
        let composed;
        let text = if unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
        {
            text
        } else {
            composed = unicode_normalization::UnicodeNormalization::nfc(text).collect::<String>();
            composed.as_str()
        };
        let f = face(style);
        let mut current = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\t' | '\n' | '\r' => current.push(' '),
                c if f.has(c) => current.push(c),
                // Invisible by nature: nothing is lost by not drawing them.
                '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' => {}
                c => {
                    self.missing.add(c, self.origin);
                    if !current.is_empty() {
                        out.push(Run::new(std::mem::take(&mut current), style, link));
                    }
                    let mut replacement = Run::new("\u{FFFD}".to_owned(), style, link);
                    replacement.actual = Some(c.to_string());
                    out.push(replacement);
                }
            }
        }
        if !current.is_empty() || out.is_empty() {
            out.push(Run::new(current, style, link));
        }
    }

    fn line(&mut self, line: &[Inline]) -> Vec<Run> {
        let mut out = Vec::with_capacity(line.len());
        for i in line {
            match i {
                Inline::Text(t) => self.runs(t, Style::Regular, None, &mut out),
                Inline::Strong(t) => self.runs(t, Style::Bold, None, &mut out),
                Inline::Link { text, url } => {
                    let url = url.trim();
                    self.runs(text, Style::Regular, safe_url(url).then_some(url), &mut out)
                }
            }
        }
        out
    }

    fn one(&mut self, text: &str, style: Style) -> Vec<Run> {
        let mut out = Vec::new();
        self.runs(text, style, None, &mut out);
        out
    }
}

impl Run {
    fn new(text: String, style: Style, link: Option<&str>) -> Run {
        Run {
            text,
            style,
            link: link.map(str::to_owned),
            actual: None,
        }
    }
}

/// The tree of `blocks`; characters no face has are counted in `missing`.
pub(super) fn nodes(blocks: &[Block], missing: &mut Missing) -> Vec<Node> {
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let origin = match block {
            Block::Markdown { origin, .. } => origin.as_str(),
            _ => "",
        };
        let mut clean = Cleaner { missing, origin };
        match block {
            Block::Heading(level, line) => out.push(Node::Heading {
                level: *level,
                lines: vec![clean.line(line)],
            }),
            Block::Paragraph(lines) => {
                out.push(Node::Para(lines.iter().map(|l| clean.line(l)).collect()))
            }
            Block::Fields(fields) => out.push(Node::Fields(
                fields
                    .iter()
                    .map(|(label, value)| {
                        (
                            vec![clean.one(label, Style::Bold)],
                            vec![clean.one(value, Style::Regular)],
                        )
                    })
                    .collect(),
            )),
            Block::List(items) => out.push(Node::List {
                start: None,
                items: items
                    .iter()
                    .map(|l| vec![Node::Para(vec![clean.line(l)])])
                    .collect(),
            }),
            Block::Markdown { source, shift, .. } => markdown(source, *shift, &mut clean, &mut out),
            Block::Rule => out.push(Node::Rule),
        }
    }
    out
}

/// A block being filled with inline text.
enum Open {
    Para,
    Heading(u8),
    Code,
}

/// A container of blocks being filled.
enum Frame {
    Root,
    Quote(Vec<Node>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Node>>,
    },
    Item(Vec<Node>),
}

/// Reads a member's Markdown as the HTML writer does: headings moved down
/// by `shift`, raw HTML as text, images as their description, links only
/// to http, https and mailto.
fn markdown(source: &str, shift: u8, clean: &mut Cleaner<'_>, out: &mut Vec<Node>) {
    struct State<'o> {
        root: &'o mut Vec<Node>,
        frames: Vec<Frame>,
        open: Option<(Open, Lines)>,
    }
    impl State<'_> {
        fn target(&mut self) -> &mut Vec<Node> {
            match self.frames.last_mut() {
                Some(Frame::Quote(nodes) | Frame::Item(nodes)) => nodes,
                // Text straight in a list (not in an item) cannot come
                // from the parser; it goes to the list's last item.
                Some(Frame::List { items, .. }) => {
                    if items.is_empty() {
                        items.push(Vec::new());
                    }
                    items.last_mut().expect("pushed above")
                }
                Some(Frame::Root) | None => self.root,
            }
        }

        fn flush(&mut self) {
            if let Some((kind, lines)) = self.open.take() {
                if lines
                    .iter()
                    .all(|l| l.iter().all(|r| r.text.trim().is_empty()))
                {
                    return;
                }
                let node = match kind {
                    Open::Para => Node::Para(lines),
                    Open::Heading(level) => Node::Heading { level, lines },
                    Open::Code => Node::Code(lines),
                };
                self.target().push(node);
            }
        }

        fn lines(&mut self) -> &mut Lines {
            &mut self
                .open
                .get_or_insert_with(|| (Open::Para, vec![Vec::new()]))
                .1
        }

        fn last(&mut self) -> &mut Vec<Run> {
            let lines = self.lines();
            if lines.is_empty() {
                lines.push(Vec::new());
            }
            lines.last_mut().expect("one line at least")
        }
    }

    let mut s = State {
        root: out,
        frames: vec![Frame::Root],
        open: None,
    };
    let mut bold = 0usize;
    let mut italic = 0usize;
    let mut links: Vec<Option<String>> = Vec::new();
    for event in Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH) {
        let style = {
            let mut st = Style::Regular;
            if bold > 0 {
                st = st.bold();
            }
            if italic > 0 {
                st = st.italic();
            }
            st
        };
        let link = links.iter().rev().find_map(|l| l.as_deref());
        match event {
            Event::Start(Tag::Paragraph) => {
                s.flush();
                s.open = Some((Open::Para, vec![Vec::new()]));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                s.flush();
                let level = (level as u8).saturating_add(shift).min(6);
                s.open = Some((Open::Heading(level), vec![Vec::new()]));
            }
            Event::Start(Tag::CodeBlock(_)) => {
                s.flush();
                s.open = Some((Open::Code, vec![Vec::new()]));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => s.flush(),
            Event::Start(Tag::BlockQuote(_)) => {
                s.flush();
                s.frames.push(Frame::Quote(Vec::new()));
            }
            Event::Start(Tag::List(start)) => {
                s.flush();
                s.frames.push(Frame::List {
                    start,
                    items: Vec::new(),
                });
            }
            Event::Start(Tag::Item) => {
                s.flush();
                s.frames.push(Frame::Item(Vec::new()));
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                s.flush();
                match s.frames.pop() {
                    Some(Frame::Quote(nodes)) => s.target().push(Node::Quote(nodes)),
                    Some(Frame::List { start, items }) => {
                        s.target().push(Node::List { start, items })
                    }
                    Some(Frame::Item(nodes)) => match s.frames.last_mut() {
                        Some(Frame::List { items, .. }) => items.push(nodes),
                        _ => s.target().extend(nodes),
                    },
                    Some(Frame::Root) | None => s.frames.push(Frame::Root),
                }
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.trim();
                links.push(safe_url(url).then(|| url.to_owned()));
            }
            Event::End(TagEnd::Link) => {
                links.pop();
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let code = matches!(s.open, Some((Open::Code, _)));
                if code {
                    // A code block's lines stay lines.
                    let mut first = true;
                    for line in t.split('\n') {
                        if !first {
                            s.lines().push(Vec::new());
                        }
                        first = false;
                        if !line.is_empty() {
                            clean.runs(line, style, None, s.last());
                        }
                    }
                } else {
                    clean.runs(&t, style, link, s.last());
                }
            }
            Event::FootnoteReference(name) => {
                clean.runs(&format!("[^{name}]"), style, None, s.last());
            }
            Event::SoftBreak => {
                clean.runs(" ", style, link, s.last());
            }
            Event::HardBreak => s.lines().push(Vec::new()),
            Event::Rule => {
                s.flush();
                s.target().push(Node::Rule);
            }
            Event::TaskListMarker(done) => {
                clean.runs(if done { "[x] " } else { "[ ] " }, style, None, s.last());
            }
            _ => {}
        }
    }
    s.flush();
    // Unclosed containers cannot come from the parser; keep their text.
    while let Some(frame) = s.frames.pop() {
        match frame {
            Frame::Quote(nodes) | Frame::Item(nodes) => s.root.extend(nodes),
            Frame::List { start, items } => s.root.push(Node::List { start, items }),
            Frame::Root => {}
        }
    }
}
