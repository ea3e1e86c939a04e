//! The laid-out pages written by krilla as PDF/A-2a and PDF/UA-1 at once:
//! every text line a tagged span in the structure tree, links as tagged
//! annotations, the rules and page numbers as artifacts, the bookmarks
//! from the headings, and the metadata (title shown as the window title,
//! language, dates) from the meeting. krilla checks both standards while
//! it writes and refuses a document that breaks one.

use std::num::NonZeroU16;

use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node as TagNode, SpanTag,
    TableHeaderScope, Tag, TagGroup, TagTree,
};
use krilla::text::{Glyph, GlyphId};
use krilla::{Document, SerializeSettings};

use super::flow::{Laid, Logical, Role, BODY_SIZE, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH};
use super::fonts::{face, Style};

/// What the document says about itself.
pub(super) struct Info<'a> {
    pub(super) title: &'a str,
    /// The language tag (`nb-NO`, `en`).
    pub(super) language: &'a str,
    pub(super) author: &'a str,
    pub(super) created: chrono::NaiveDateTime,
    pub(super) id: String,
    /// "side {n} av {total}" or "page {n} of {total}".
    pub(super) page_number: fn(usize, usize) -> String,
}

/// Why krilla refused the document.
#[derive(Debug)]
pub(super) struct Refused(pub(super) String);

fn date(at: chrono::NaiveDateTime) -> DateTime {
    use chrono::{Datelike, Timelike};
    // krilla writes the year as four digits; the model's years are 1..9999.
    DateTime::new(at.year().clamp(1, 9999) as u16)
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .second(at.second().min(59) as u8)
}

/// A character's glyph, placed by its advance.
struct Placed {
    id: u32,
    range: std::ops::Range<usize>,
    /// In em.
    advance: f32,
}

impl Glyph for Placed {
    fn glyph_id(&self) -> GlyphId {
        GlyphId::new(self.id)
    }
    fn text_range(&self) -> std::ops::Range<usize> {
        self.range.clone()
    }
    fn x_advance(&self, size: f32) -> f32 {
        self.advance * size
    }
    fn x_offset(&self, _: f32) -> f32 {
        0.0
    }
    fn y_offset(&self, _: f32) -> f32 {
        0.0
    }
    fn y_advance(&self, _: f32) -> f32 {
        0.0
    }
    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}

/// Draws `text` at `at`: one glyph a character (the text was made
/// drawable before layout, so the face has each one).
fn draw(
    surface: &mut Surface<'_>,
    at: Point,
    style: Style,
    size: f32,
    text: &str,
    glyphs: &mut Vec<Placed>,
) {
    let f = face(style);
    glyphs.clear();
    glyphs.extend(text.char_indices().filter_map(|(i, c)| {
        f.glyph(c).map(|(id, advance)| Placed {
            id,
            range: i..i + c.len_utf8(),
            advance,
        })
    }));
    surface.draw_glyphs(at, glyphs, f.font.clone(), text, size, false);
}

/// Draws a page's texts, those of one leaf in one marked-content
/// sequence.
fn draw_texts(
    surface: &mut Surface<'_>,
    texts: &[super::flow::Text],
    ids: &mut [Option<Identifier>],
) {
    let mut open: Option<usize> = None;
    let mut glyphs = Vec::new();
    for t in texts {
        if open != Some(t.leaf) {
            if open.is_some() {
                surface.end_tagged();
            }
            let span = SpanTag::empty().with_actual_text(t.actual.as_deref());
            ids[t.leaf] = Some(surface.start_tagged(ContentTag::Span(span)));
            open = Some(t.leaf);
        }
        draw(
            surface,
            Point::from_xy(t.x, t.y),
            t.style,
            t.size,
            &t.text,
            &mut glyphs,
        );
    }
    if open.is_some() {
        surface.end_tagged();
    }
}

fn group(role: &Role, children: Vec<TagNode>) -> TagGroup {
    match role {
        Role::Heading(level, title) => TagGroup::with_children(
            Tag::Hn(
                NonZeroU16::new(u16::from((*level).clamp(1, 6))).unwrap_or(NonZeroU16::MIN),
                Some(title.clone()),
            ),
            children,
        ),
        Role::P => TagGroup::with_children(Tag::P, children),
        Role::List(numbered) => TagGroup::with_children(
            Tag::L(if *numbered {
                ListNumbering::Decimal
            } else {
                ListNumbering::Disc
            }),
            children,
        ),
        Role::ListItem => TagGroup::with_children(Tag::LI, children),
        Role::Label => TagGroup::with_children(Tag::Lbl, children),
        Role::ListBody => TagGroup::with_children(Tag::LBody, children),
        Role::Table => TagGroup::with_children(Tag::Table, children),
        Role::Row => TagGroup::with_children(Tag::TR, children),
        Role::HeaderCell => TagGroup::with_children(Tag::TH(TableHeaderScope::Row), children),
        Role::Cell => TagGroup::with_children(Tag::TD, children),
        Role::Quote => TagGroup::with_children(Tag::BlockQuote, children),
        Role::Code => TagGroup::with_children(Tag::Code, children),
        Role::Link(_) => TagGroup::with_children(Tag::Link, children),
    }
}

/// The logical tree as krilla's tags; a group left without children (an
/// empty cell) is kept out, as krilla would.
fn tags(nodes: &[Logical], ids: &mut [Option<Identifier>]) -> Vec<TagNode> {
    let mut out = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Logical::Leaf(leaf) => {
                if let Some(id) = ids.get_mut(*leaf).and_then(Option::take) {
                    out.push(TagNode::Leaf(id));
                }
            }
            Logical::Group(role, children) => {
                let children = tags(children, ids);
                if !children.is_empty() {
                    out.push(TagNode::Group(group(role, children)));
                }
            }
        }
    }
    out
}

fn outline(laid: &Laid) -> Outline {
    // Each heading under the last one of a higher level; levels 1 to 3.
    let mut outline = Outline::new();
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    let close = |stack: &mut Vec<(u8, OutlineNode)>, outline: &mut Outline, level: u8| {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            let (_, node) = stack.pop().expect("checked above");
            match stack.last_mut() {
                Some((_, parent)) => parent.push_child(node),
                None => outline.push_child(node),
            }
        }
    };
    for mark in &laid.marks {
        close(&mut stack, &mut outline, mark.level);
        let destination = XyzDestination::new(mark.page, Point::from_xy(MARGIN_X, mark.y));
        stack.push((
            mark.level,
            OutlineNode::new(mark.title.clone(), destination),
        ));
    }
    close(&mut stack, &mut outline, 0);
    outline
}

/// Writes `laid` as PDF/A-2a and PDF/UA-1.
pub(super) fn write(laid: &Laid, info: &Info<'_>) -> Result<Vec<u8>, Refused> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| Refused(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        compress_content_streams: true,
        ascii_compatible: false,
        pretty: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let mut ids: Vec<Option<Identifier>> = vec![None; laid.leaves];
    let total = laid.pages.len();
    for (n, page) in laid.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| Refused("the page size".to_owned()))?;
        let mut p = document.start_page_with(settings);
        let mut surface = p.surface();
        draw_texts(&mut surface, &page.texts, &mut ids);
        for &(x1, x2, y) in &page.rules {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
            let mut path = PathBuilder::new();
            path.move_to(x1, y);
            path.line_to(x2, y);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    width: 0.5,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
                surface.set_fill(Some(krilla::paint::Fill::default()));
            }
            surface.end_tagged();
        }
        // The page number, centred at the foot: an artifact, so that a
        // screen reader does not read it between two paragraphs.
        let number = (info.page_number)(n + 1, total);
        let size = BODY_SIZE * 0.85;
        let width = face(Style::Regular).width(&number, size);
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::PageNumber,
        )));
        draw(
            &mut surface,
            Point::from_xy((PAGE_WIDTH - width) / 2.0, PAGE_HEIGHT - 40.0),
            Style::Regular,
            size,
            &number,
            &mut Vec::new(),
        );
        surface.end_tagged();
        surface.finish();
        for link in &page.links {
            let Some(rect) = Rect::from_xywh(link.x, link.top, link.width, link.height) else {
                continue;
            };
            let annotation = LinkAnnotation::new(
                rect,
                Target::Action(Action::Link(LinkAction::new(link.url.clone()))),
            );
            let alt = format!("{} ({})", link.text.trim(), link.url);
            ids[link.leaf] =
                Some(p.add_tagged_annotation(Annotation::new_link(annotation, Some(alt))));
        }
        p.finish();
    }
    let mut tree = TagTree::new().with_lang(Some(info.language.to_owned()));
    for node in tags(&laid.tree, &mut ids) {
        tree.push(node);
    }
    document.set_tag_tree(tree);
    document.set_outline(outline(laid));
    document.set_metadata(
        Metadata::new()
            .title(info.title.to_owned())
            .language(info.language.to_owned())
            .authors(vec![info.author.to_owned()])
            .creator(format!("roundtable {}", env!("CARGO_PKG_VERSION")))
            .producer(format!("roundtable {} (krilla)", env!("CARGO_PKG_VERSION")))
            .creation_date(date(info.created))
            .document_id(info.id.clone()),
    );
    document.finish().map_err(|e| Refused(format!("{e:?}")))
}
