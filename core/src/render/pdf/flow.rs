//! Lines and pages: the tree's text broken into lines at the places
//! Unicode allows (UAX #14), words longer than a line broken between
//! letters, and the lines placed on A4 pages with headings kept with what
//! follows them. What comes out is what to draw where, and the logical
//! structure that the PDF's tags are made of.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::doc::{Lines, Node, Run};
use super::fonts::{face, Style};

/// A4 in points.
pub(super) const PAGE_WIDTH: f32 = 595.28;
pub(super) const PAGE_HEIGHT: f32 = 841.89;
pub(super) const MARGIN_X: f32 = 64.0;
const TOP: f32 = 60.0;
/// The text ends here; the page number sits below.
const BOTTOM: f32 = PAGE_HEIGHT - 72.0;
pub(super) const BODY_SIZE: f32 = 10.5;
const LEADING: f32 = 1.4;
/// How far a list's body, a quote or code stands in.
const INDENT: f32 = 18.0;

/// A structure element of the document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    Heading(u8, String),
    P,
    List(bool),
    ListItem,
    Label,
    ListBody,
    Table,
    Row,
    HeaderCell,
    Cell,
    Quote,
    Code,
    Link(String),
}

/// A node of the logical structure: a group, or a leaf drawn on a page
/// (text or a link's annotation), numbered in the order they were made.
#[derive(Debug)]
pub(super) enum Logical {
    Group(Role, Vec<Logical>),
    Leaf(usize),
}

/// Text to draw, with the leaf it is.
#[derive(Debug)]
pub(super) struct Text {
    pub(super) x: f32,
    /// The baseline, from the top of the page.
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) style: Style,
    pub(super) text: String,
    pub(super) actual: Option<String>,
    pub(super) leaf: usize,
}

/// A link's area on its page.
#[derive(Debug)]
pub(super) struct LinkArea {
    pub(super) x: f32,
    pub(super) top: f32,
    pub(super) width: f32,
    pub(super) height: f32,
    pub(super) url: String,
    pub(super) text: String,
    pub(super) leaf: usize,
}

#[derive(Debug, Default)]
pub(super) struct Page {
    pub(super) texts: Vec<Text>,
    pub(super) links: Vec<LinkArea>,
    /// Horizontal rules (decoration, not content): x from, x to, y.
    pub(super) rules: Vec<(f32, f32, f32)>,
}

/// A heading for the bookmarks.
#[derive(Debug)]
pub(super) struct Mark {
    pub(super) level: u8,
    pub(super) title: String,
    pub(super) page: usize,
    pub(super) y: f32,
}

/// The laid-out document.
#[derive(Debug)]
pub(super) struct Laid {
    pub(super) pages: Vec<Page>,
    pub(super) tree: Vec<Logical>,
    pub(super) leaves: usize,
    pub(super) marks: Vec<Mark>,
}

/// More pages than [`MAX_PDF_PAGES`](super::MAX_PDF_PAGES).
#[derive(Debug)]
pub(super) struct TooManyPages;

/// A line's piece in one run: `range` of the run's text, `x` from the
/// line's start.
struct Piece {
    run: usize,
    range: std::ops::Range<usize>,
    x: f32,
    width: f32,
}

/// Breaks one hard line of `runs` into lines at most `width` wide.
fn break_line(runs: &[Run], width: f32, size: f32) -> Vec<Vec<Piece>> {
    // Each character's run, byte offset in the line and advance.
    let mut text = String::new();
    let mut chars: Vec<(usize, usize, f32)> = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        let f = face(run.style);
        for (i, c) in run.text.char_indices() {
            chars.push((r, text.len() + i, f.advance(c).unwrap_or(0.0) * size));
        }
        text.push_str(&run.text);
    }
    let starts: Vec<usize> = runs
        .iter()
        .scan(0, |at, run| {
            let s = *at;
            *at += run.text.len();
            Some(s)
        })
        .collect();
    // Each line as a range of `chars`.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut line_start = 0usize;
    let mut line_width = 0.0f32;
    let mut seg_start = 0usize;
    let mut ci = 0usize;
    let blank = |c: usize| {
        let (r, at, _) = chars[c];
        text[at..].starts_with(char::is_whitespace) && !runs[r].text.is_empty()
    };
    for (pos, opportunity) in linebreaks(&text) {
        // The segment: chars from seg_start up to the one at byte `pos`.
        let seg_end = {
            while ci < chars.len() && chars[ci].1 < pos {
                ci += 1;
            }
            ci
        };
        let mut trimmed_end = seg_end;
        while trimmed_end > seg_start && blank(trimmed_end - 1) {
            trimmed_end -= 1;
        }
        let full: f32 = chars[seg_start..seg_end].iter().map(|c| c.2).sum();
        let visible: f32 = chars[seg_start..trimmed_end].iter().map(|c| c.2).sum();
        if line_width + visible > width && seg_start > line_start {
            lines.push((line_start, seg_start));
            line_start = seg_start;
            line_width = 0.0;
        }
        if visible > width {
            // A word longer than the line: broken between letters, never
            // before a combining mark.
            let mut w = 0.0;
            let mut c = seg_start;
            while c < seg_end {
                let (r, at, adv) = chars[c];
                let mark = text[at..]
                    .chars()
                    .next()
                    .is_some_and(|ch| ('\u{0300}'..='\u{036F}').contains(&ch));
                if w + adv > width && c > line_start && !mark && !runs[r].text.is_empty() {
                    lines.push((line_start, c));
                    line_start = c;
                    w = 0.0;
                }
                w += adv;
                c += 1;
            }
            line_width = w;
        } else {
            line_width += full;
        }
        seg_start = seg_end;
        if opportunity == BreakOpportunity::Mandatory && seg_end < chars.len() {
            lines.push((line_start, seg_end));
            line_start = seg_end;
            line_width = 0.0;
        }
    }
    lines.push((line_start, chars.len()));
    lines
        .into_iter()
        .map(|(a, b)| {
            let mut pieces: Vec<Piece> = Vec::new();
            let mut x = 0.0;
            for &(r, at, adv) in &chars[a..b] {
                let local = at - starts[r];
                match pieces.last_mut() {
                    Some(p) if p.run == r => {
                        p.range.end = local
                            + runs[r].text[local..]
                                .chars()
                                .next()
                                .map_or(0, char::len_utf8);
                        p.width += adv;
                    }
                    _ => pieces.push(Piece {
                        run: r,
                        range: local
                            ..local
                                + runs[r].text[local..]
                                    .chars()
                                    .next()
                                    .map_or(0, char::len_utf8),
                        x,
                        width: adv,
                    }),
                }
                x += adv;
            }
            pieces
        })
        .collect()
}

/// Breaks `lines` (hard lines) into lines `width` wide.
fn break_lines(lines: &Lines, width: f32, size: f32) -> Vec<(&[Run], Vec<Piece>)> {
    let mut out = Vec::new();
    for line in lines {
        for pieces in break_line(line, width, size) {
            out.push((line.as_slice(), pieces));
        }
    }
    out
}

fn heading_size(level: u8) -> f32 {
    match level {
        1 => 18.0,
        2 => 14.0,
        3 => 12.0,
        _ => 11.0,
    }
}

fn plain(lines: &Lines) -> String {
    lines
        .iter()
        .map(|l| l.iter().map(|r| r.text.as_str()).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

struct Flow {
    pages: Vec<Page>,
    y: f32,
    leaves: usize,
    marks: Vec<Mark>,
    max_pages: usize,
}

impl Flow {
    fn new_page(&mut self) -> Result<(), TooManyPages> {
        if self.pages.len() >= self.max_pages {
            return Err(TooManyPages);
        }
        self.pages.push(Page::default());
        self.y = TOP;
        Ok(())
    }

    /// Room for `height` more: a new page if this one has not.
    fn room(&mut self, height: f32) -> Result<(), TooManyPages> {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page()?;
        }
        Ok(())
    }

    fn leaf(&mut self) -> usize {
        self.leaves += 1;
        self.leaves - 1
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is started first")
    }

    /// Places broken lines at `x`, `size` and returns their logical leaves.
    fn place(
        &mut self,
        lines: &Lines,
        x: f32,
        width: f32,
        size: f32,
        bold: bool,
        out: &mut Vec<Logical>,
    ) -> Result<(), TooManyPages> {
        let height = size * LEADING;
        // Plain text of one block on one page is one marked-content
        // sequence, however many lines and styles it has: fewer marks in
        // the content and a smaller structure tree.
        let mut shared: Option<(usize, usize)> = None;
        for (runs, pieces) in break_lines(lines, width, size) {
            self.room(height)?;
            let baseline = self.y + size;
            self.put_line(runs, &pieces, x, baseline, size, bold, &mut shared, out);
            self.y += height;
        }
        Ok(())
    }

    /// Puts one broken line's pieces on the current page at `x` on
    /// `baseline`, their leaves in `out`. A plain piece continues `shared`
    /// (the plain leaf it may go on with, on its page) when that leaf was
    /// the last drawn; a link or a replaced character is a span of its own.
    #[allow(clippy::too_many_arguments)]
    fn put_line(
        &mut self,
        runs: &[Run],
        pieces: &[Piece],
        x: f32,
        baseline: f32,
        size: f32,
        bold: bool,
        shared: &mut Option<(usize, usize)>,
        out: &mut Vec<Logical>,
    ) {
        for p in pieces {
            let run = &runs[p.run];
            let text = run.text[p.range.clone()].to_owned();
            if text.is_empty() {
                continue;
            }
            let style = if bold { run.style.bold() } else { run.style };
            let page = self.pages.len() - 1;
            let plain = run.link.is_none() && run.actual.is_none();
            let last = self.page().texts.last().map(|t| t.leaf);
            let leaf = match *shared {
                Some((on, leaf)) if plain && on == page && last == Some(leaf) => leaf,
                _ => {
                    let leaf = self.leaf();
                    *shared = plain.then_some((page, leaf));
                    if plain {
                        out.push(Logical::Leaf(leaf));
                    }
                    leaf
                }
            };
            self.page().texts.push(Text {
                x: x + p.x,
                y: baseline,
                size,
                style,
                actual: run.actual.clone(),
                text: text.clone(),
                leaf,
            });
            match &run.link {
                Some(url) => {
                    let annotation = self.leaf();
                    self.page().links.push(LinkArea {
                        x: x + p.x,
                        top: baseline - size,
                        width: p.width.max(1.0),
                        height: size * 1.3,
                        url: url.clone(),
                        text,
                        leaf: annotation,
                    });
                    out.push(Logical::Group(
                        Role::Link(url.clone()),
                        vec![Logical::Leaf(leaf), Logical::Leaf(annotation)],
                    ));
                }
                None if !plain => out.push(Logical::Leaf(leaf)),
                None => {}
            }
        }
    }

    fn nodes(
        &mut self,
        nodes: &[Node],
        x: f32,
        width: f32,
        depth: usize,
        out: &mut Vec<Logical>,
    ) -> Result<(), TooManyPages> {
        for (i, node) in nodes.iter().enumerate() {
            let next_is_text = !matches!(nodes.get(i + 1), None | Some(Node::Rule));
            self.node(node, x, width, depth, next_is_text, out)?;
        }
        Ok(())
    }

    fn node(
        &mut self,
        node: &Node,
        x: f32,
        width: f32,
        depth: usize,
        keep_with_next: bool,
        out: &mut Vec<Logical>,
    ) -> Result<(), TooManyPages> {
        let gap = BODY_SIZE * 0.6;
        match node {
            Node::Heading { level, lines } => {
                let size = heading_size(*level);
                if self.y > TOP {
                    self.y += size * 0.5;
                }
                // No heading alone at the foot of a page: room for it and
                // two lines of what follows, or a new page.
                let own = break_lines(lines, width, size).len() as f32 * size * LEADING;
                let next = if keep_with_next {
                    2.0 * BODY_SIZE * LEADING
                } else {
                    0.0
                };
                self.room(own + next)?;
                let title = plain(lines);
                if *level <= 3 {
                    let page = self.pages.len() - 1;
                    self.marks.push(Mark {
                        level: *level,
                        title: title.clone(),
                        page,
                        y: self.y,
                    });
                }
                let mut kids = Vec::new();
                self.place(lines, x, width, size, true, &mut kids)?;
                out.push(Logical::Group(Role::Heading(*level, title), kids));
                self.y += gap * 0.5;
            }
            Node::Para(lines) => {
                let mut kids = Vec::new();
                self.place(lines, x, width, BODY_SIZE, false, &mut kids)?;
                out.push(Logical::Group(Role::P, kids));
                self.y += gap;
            }
            Node::Code(lines) => {
                let mut kids = Vec::new();
                self.place(
                    lines,
                    x + INDENT,
                    width - INDENT,
                    BODY_SIZE,
                    false,
                    &mut kids,
                )?;
                out.push(Logical::Group(
                    Role::P,
                    vec![Logical::Group(Role::Code, kids)],
                ));
                self.y += gap;
            }
            Node::Quote(nodes) => {
                let mut kids = Vec::new();
                self.nodes(nodes, x + INDENT, width - INDENT, depth, &mut kids)?;
                out.push(Logical::Group(Role::Quote, kids));
            }
            Node::List { start, items } => {
                let mut kids = Vec::new();
                for (n, item) in items.iter().enumerate() {
                    let label = match start {
                        Some(first) => format!("{}.", first.saturating_add(n as u64)),
                        None if depth.is_multiple_of(2) => "\u{2022}".to_owned(),
                        None => "\u{2013}".to_owned(),
                    };
                    let label_width = face(Style::Regular).width(&label, BODY_SIZE);
                    let indent = INDENT.max(label_width + 6.0);
                    let body_x = x + indent;
                    self.room(BODY_SIZE * LEADING)?;
                    let (page, first_text) = (self.pages.len() - 1, self.page().texts.len());
                    let mut body = Vec::new();
                    self.nodes(item, body_x, width - indent, depth + 1, &mut body)?;
                    // The label sits on the baseline of the item's first line.
                    let baseline = self.pages[page]
                        .texts
                        .get(first_text)
                        .map(|t| t.y)
                        .unwrap_or_else(|| self.y + BODY_SIZE);
                    let leaf = self.leaf();
                    self.pages[page].texts.push(Text {
                        x: body_x - label_width - 6.0,
                        y: baseline,
                        size: BODY_SIZE,
                        style: Style::Regular,
                        text: label,
                        actual: None,
                        leaf,
                    });
                    // An item of one paragraph has its text straight in its
                    // body: a P between them would say nothing more.
                    let body = match <[Logical; 1]>::try_from(body) {
                        Ok([Logical::Group(Role::P, text)]) => text,
                        Ok([other]) => vec![other],
                        Err(body) => body,
                    };
                    kids.push(Logical::Group(
                        Role::ListItem,
                        vec![
                            Logical::Group(Role::Label, vec![Logical::Leaf(leaf)]),
                            Logical::Group(Role::ListBody, body),
                        ],
                    ));
                }
                out.push(Logical::Group(Role::List(start.is_some()), kids));
            }
            Node::Fields(rows) => {
                let labels = rows
                    .iter()
                    .map(|(label, _)| {
                        label
                            .iter()
                            .flatten()
                            .map(|r| face(Style::Bold).width(&r.text, BODY_SIZE))
                            .sum::<f32>()
                    })
                    .fold(0.0f32, f32::max);
                let label_width = (labels + 12.0).min(width * 0.4);
                let mut table = Vec::new();
                for (label, value) in rows {
                    let mut th = Vec::new();
                    let mut td = Vec::new();
                    let left = break_lines(label, label_width - 12.0, BODY_SIZE);
                    let right = break_lines(value, width - label_width, BODY_SIZE);
                    let height = BODY_SIZE * LEADING;
                    for i in 0..left.len().max(right.len()) {
                        self.room(height)?;
                        let baseline = self.y + BODY_SIZE;
                        for (lines, cx, kids) in
                            [(&left, x, &mut th), (&right, x + label_width, &mut td)]
                        {
                            if let Some((runs, pieces)) = lines.get(i) {
                                // Each cell's line a span of its own.
                                let mut fresh = None;
                                self.put_line(
                                    runs, pieces, cx, baseline, BODY_SIZE, false, &mut fresh, kids,
                                );
                            }
                        }
                        self.y += height;
                    }
                    table.push(Logical::Group(
                        Role::Row,
                        vec![
                            Logical::Group(Role::HeaderCell, th),
                            Logical::Group(Role::Cell, td),
                        ],
                    ));
                }
                out.push(Logical::Group(Role::Table, table));
                self.y += gap;
            }
            Node::Rule => {
                self.room(BODY_SIZE)?;
                let y = self.y + BODY_SIZE * 0.4;
                self.page().rules.push((x, x + width, y));
                self.y += BODY_SIZE;
            }
        }
        Ok(())
    }
}

/// Lays `nodes` out on A4 pages, at most `max_pages` of them.
pub(super) fn lay_out(nodes: &[Node], max_pages: usize) -> Result<Laid, TooManyPages> {
    let mut flow = Flow {
        pages: Vec::new(),
        y: TOP,
        leaves: 0,
        marks: Vec::new(),
        max_pages,
    };
    flow.new_page()?;
    let mut tree = Vec::new();
    flow.nodes(nodes, MARGIN_X, PAGE_WIDTH - 2.0 * MARGIN_X, 0, &mut tree)?;
    Ok(Laid {
        pages: flow.pages,
        tree,
        leaves: flow.leaves,
        marks: flow.marks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Run {
        Run {
            text: text.to_owned(),
            style: Style::Regular,
            link: None,
            actual: None,
        }
    }

    fn para(text: &str) -> Node {
        Node::Para(vec![vec![run(text)]])
    }

    const WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

    #[test]
    fn a_word_longer_than_a_line_is_broken_and_no_line_is_wider_than_the_page() {
        let word = "x".repeat(10_000);
        let url = format!("https://example.no/{}", "sti/".repeat(200));
        for text in [word.as_str(), url.as_str(), "Vanlig tekst med ord"] {
            let lines = break_line(&[run(text)], WIDTH, BODY_SIZE);
            let drawn: String = lines
                .iter()
                .flatten()
                .map(|p| &text[p.range.clone()])
                .collect();
            assert_eq!(drawn, text, "nothing lost or repeated");
            for pieces in &lines {
                let width: f32 = pieces.iter().map(|p| p.width).sum();
                assert!(width <= WIDTH + 0.01, "{width} > {WIDTH}");
            }
        }
        assert!(break_line(&[run(&word)], WIDTH, BODY_SIZE).len() > 100);
    }

    #[test]
    fn a_heading_is_never_the_last_line_of_a_page() {
        // Paragraphs until the page is nearly full, then a heading and its
        // text: the heading goes to the next page with what follows it.
        for filler in 20..60 {
            let mut nodes: Vec<Node> = (0..filler).map(|_| para("Linje")).collect();
            nodes.push(Node::Heading {
                level: 2,
                lines: vec![vec![run("Sak 5. Eventuelt")]],
            });
            nodes.push(para("Ingen saker."));
            let laid = lay_out(&nodes, 10).unwrap();
            let heading = laid.marks.last().unwrap();
            let page = &laid.pages[heading.page];
            let after = page
                .texts
                .iter()
                .any(|t| t.y > heading.y + 14.0 && t.text == "Ingen saker.");
            assert!(
                after,
                "filler {filler}: the heading's text is not on its page"
            );
        }
    }

    #[test]
    fn more_pages_than_allowed_stop_the_layout() {
        let nodes: Vec<Node> = (0..500).map(|_| para("Linje")).collect();
        assert!(lay_out(&nodes, 2).is_err());
        assert!(lay_out(&nodes, 20).is_ok());
    }
}
