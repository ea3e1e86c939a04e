//! The bundled font, Noto Sans (SIL Open Font License 1.1, `core/fonts/`):
//! four faces cut down to the Latin, Greek and Cyrillic letters,
//! punctuation, arrows and U+FFFD (`scripts/subset-fonts.sh`). It covers
//! Norwegian and the Sami letters (á č đ ŋ š ŧ ž, ï, å æ ø).
//!
//! The faces are read once per process: their character maps and
//! advances are what the line breaker measures with and what is drawn (one
//! glyph a character, placed by its advance: no shaping, which the Latin,
//! Greek and Cyrillic text of these documents does not need once it is in
//! NFC, and which was a quarter of a render's time), and they decide what
//! is drawn as the replacement character.

use std::sync::OnceLock;

use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// The weight and slant of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub(super) fn bold(self) -> Style {
        match self {
            Style::Regular | Style::Bold => Style::Bold,
            Style::Italic | Style::BoldItalic => Style::BoldItalic,
        }
    }

    pub(super) fn italic(self) -> Style {
        match self {
            Style::Regular | Style::Italic => Style::Italic,
            Style::Bold | Style::BoldItalic => Style::BoldItalic,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

static DATA: [&[u8]; 4] = [
    include_bytes!("../../../fonts/NotoSans-Regular.otf"),
    include_bytes!("../../../fonts/NotoSans-Bold.otf"),
    include_bytes!("../../../fonts/NotoSans-Italic.otf"),
    include_bytes!("../../../fonts/NotoSans-BoldItalic.otf"),
];

/// The first code points, whose advances are kept in a table: every
/// Norwegian and Sami letter is below U+0250.
const TABLE: usize = 0x250;

/// One face: krilla's handle for drawing, and what layout needs of it.
pub(super) struct Face {
    pub(super) font: Font,
    /// Glyph and advance (in em) of the first code points, `None` where
    /// the face has no glyph.
    table: Vec<Option<(u32, f32)>>,
    /// Those of the others the face has, sorted by character (a plain
    /// list: a table kept for the process holds no pointer into the middle
    /// of a block, which leak checkers would count as lost).
    others: Vec<(char, (u32, f32))>,
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        // The bundled files are checked by a test; a broken build of the
        // crate is the only way to get here with bytes skrifa cannot read.
        let font_ref = FontRef::new(data).expect("the bundled font is a valid OpenType font");
        let upem = f32::from(
            font_ref
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        let metrics = font_ref.glyph_metrics(Size::unscaled(), LocationRef::default());
        let charmap = font_ref.charmap();
        let mut table = vec![None; TABLE];
        let mut others = Vec::new();
        for (code, glyph) in charmap.mappings() {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let advance = metrics.advance_width(glyph).unwrap_or(0.0) / upem;
            let entry = (glyph.to_u32(), advance);
            match table.get_mut(code as usize) {
                Some(slot) => *slot = Some(entry),
                None => others.push((c, entry)),
            }
        }
        others.sort_by_key(|(c, _)| *c);
        others.dedup_by_key(|(c, _)| *c);
        let font = Font::new(data.into(), 0).expect("krilla reads the bundled font");
        Face {
            font,
            table,
            others,
        }
    }

    /// The glyph of `c` and its advance in em, if the face has it.
    pub(super) fn glyph(&self, c: char) -> Option<(u32, f32)> {
        match self.table.get(c as usize) {
            Some(entry) => *entry,
            None => self
                .others
                .binary_search_by_key(&c, |(k, _)| *k)
                .ok()
                .map(|i| self.others[i].1),
        }
    }

    /// The advance of `c` in em, if the face has it.
    pub(super) fn advance(&self, c: char) -> Option<f32> {
        self.glyph(c).map(|(_, advance)| advance)
    }

    pub(super) fn has(&self, c: char) -> bool {
        self.advance(c).is_some()
    }

    /// The width of `text` at `size` points; characters the face lacks
    /// count as nothing (they are replaced before layout).
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().filter_map(|c| self.advance(c)).sum::<f32>() * size
    }
}

/// The four faces, read at first use.
pub(super) fn face(style: Style) -> &'static Face {
    static FACES: OnceLock<[Face; 4]> = OnceLock::new();
    &FACES.get_or_init(|| DATA.map(Face::load))[style.index()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_has_the_norwegian_and_sami_letters_and_the_replacement() {
        let letters = "æøåÆØÅáčđŋšŧžÁČĐŊŠŦŽïÏâäöÄÖ\u{FFFD}";
        for style in [
            Style::Regular,
            Style::Bold,
            Style::Italic,
            Style::BoldItalic,
        ] {
            for c in letters.chars() {
                assert!(face(style).has(c), "{style:?} lacks {c}");
            }
            assert!(!face(style).has('\u{1F600}'));
            assert!(face(style).width("Møte", 10.0) > 15.0);
        }
    }
}
