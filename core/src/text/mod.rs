//! Text keys for comparing names the way people read them.

mod duplicates;
mod hash;
pub(crate) mod names;
pub(crate) mod national_id;

pub(crate) use duplicates::{DuplicateFinder, OrgClasses};
pub(crate) use hash::{fast_hash, FastHasher, Remembered};

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::swar::{ascii_in, lanes_equal, low_bits_in, words, HIGH};

/// The comparison key of a name: trimmed, inner runs of white space made one
/// space, Unicode NFC, lowercased. "Såtvedt" typed with a combining ring
/// (NFD) and with the precomposed letter (NFC) give the same key.
pub(crate) fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Whether `text` is certainly in NFC, judged from its bytes: every
/// character below U+0300 is NFC and starts no composition, and the
/// Norwegian and other Latin letters are all there. Text with anything
/// higher gets the full check.
pub(crate) fn surely_nfc(text: &str) -> bool {
    // A branch-free maximum, which the compiler vectorises.
    text.is_ascii() || surely_nfc_up_to(text.bytes().fold(0u8, u8::max))
}

/// [`surely_nfc`] of a text whose greatest byte is `max`, for a caller
/// that finds it in a pass over the text it makes anyway.
pub(crate) fn surely_nfc_up_to(max: u8) -> bool {
    max < 0xCC
}

/// Text in NFC, borrowed when it is already.
pub(crate) fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if surely_nfc(text) {
        return text.into();
    }
    if let Some(composed) = compose_latin_pairs(text) {
        return composed.into();
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.into(),
        _ => text.nfc().collect::<String>().into(),
    }
}

/// The combining marks of the block U+0300–U+036F.
const MARKS: std::ops::RangeInclusive<u32> = 0x300..=0x36F;

/// The NFC of each ASCII letter followed by one mark of [`MARKS`], where it
/// is one character: made once, from `unicode-normalization` itself, so
/// that the table cannot say other than the full algorithm.
fn latin_pairs() -> &'static [[Option<char>; 0x70]; 52] {
    static TABLE: std::sync::OnceLock<[[Option<char>; 0x70]; 52]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [[None; 0x70]; 52];
        for (row, base) in ('A'..='Z').chain('a'..='z').enumerate() {
            for (column, mark) in MARKS.filter_map(char::from_u32).enumerate() {
                let mut pair = [base, mark].into_iter().nfc();
                if let (Some(one), None) = (pair.next(), pair.next()) {
                    table[row][column] = Some(one);
                }
            }
        }
        table
    })
}

/// Composes a decomposed Latin name ("Sa\u{30a}tvedt", as some systems
/// store text) by [`latin_pairs`]: text whose only characters beyond ASCII
/// are single marks of [`MARKS`], each right after an ASCII letter with
/// which it composes. `None` for any other text, which takes the full
/// algorithm.
fn compose_latin_pairs(text: &str) -> Option<String> {
    let table = latin_pairs();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // The text from `copied` on is not yet in `out`.
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii() {
            at += 1;
            continue;
        }
        // A mark of the block is CC 80-BF or CD 80-AF in UTF-8; the byte
        // after a lead byte is there, the text being UTF-8.
        let mark = match (bytes[at], bytes.get(at + 1)) {
            (0xCC, Some(&next)) => usize::from(next - 0x80),
            (0xCD, Some(&next)) if next <= 0xAF => 0x40 + usize::from(next - 0x80),
            _ => return None,
        };
        // Right after an ASCII letter not yet composed with a mark.
        if at == copied {
            return None;
        }
        let row = match bytes[at - 1] {
            base @ b'A'..=b'Z' => usize::from(base - b'A'),
            base @ b'a'..=b'z' => usize::from(base - b'a') + 26,
            _ => return None,
        };
        out.push_str(&text[copied..at - 1]);
        out.push(table[row][mark]?);
        at += 2;
        copied = at;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Appends the comparison key of `text` (as [`fold_key`]) to `out`, without
/// allocating for text that is ASCII or plain Latin: the importer calls it
/// for every name.
pub(crate) fn fold_into(out: &mut String, text: &str) {
    let mut bytes = std::mem::take(out).into_bytes();
    fold_bytes_into(&mut bytes, text);
    // Both paths append UTF-8 (the fast one maps Latin-1 capitals to their
    // small letters, two bytes for two).
    *out = String::from_utf8(bytes).unwrap_or_default();
}

/// As [`fold_into`], into bytes. Plain Latin text with single spaces (every
/// character below U+0100; no tab, NBSP or double space) is folded in one
/// pass over its bytes: ASCII capitals and the Latin-1 capitals (Æ, Ø, Å…:
/// C3 80–9E in UTF-8, but × at C3 97) get their small letters. Anything
/// else takes the general path.
pub(crate) fn fold_bytes_into(out: &mut Vec<u8>, text: &str) {
    if fold_plain_latin(out, text.as_bytes()) {
        return;
    }
    let mut folded = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            folded.push(' ');
        }
        folded.extend(word.chars().flat_map(char::to_lowercase));
    }
    // Lowercasing commutes with composition for the text that passes
    // `surely_nfc`; anything else (NFD input, 'İ' whose lowercase has a
    // combining dot) is composed here.
    if !surely_nfc(&folded) {
        folded = folded.nfc().collect();
    }
    out.extend_from_slice(folded.as_bytes());
}

/// The fast path of [`fold_bytes_into`], eight bytes at a time: appends the
/// key and answers `true` for plain Latin text, or appends nothing and
/// answers `false` for anything else. A name is a dozen bytes, too short
/// for the compiler's vector loops; in words of eight it is two steps.
fn fold_plain_latin(out: &mut Vec<u8>, bytes: &[u8]) -> bool {
    if bytes.last() == Some(&b' ') {
        return false;
    }
    let start = out.len();
    out.reserve(bytes.len() + 8);
    // The byte before the word; a space before the text, so that a
    // leading space counts as a double one.
    let mut before = u64::from(b' ');
    let mut odd = 0u64;
    let mut fold = |x: u64| {
        let prev = (x << 8) | before;
        before = x >> 56;
        let high = x & HIGH;
        let space = lanes_equal(x, b' ');
        let ascii_capital = ascii_in(x, b'A', b'Z');
        odd |= ascii_in(x, b'\t', b'\r') | (space & lanes_equal(prev, b' '));
        // ASCII capitals, and the Latin-1 capitals after C3 (80-9E, but
        // 97, which is ×): each gets 0x20, which carries out of no lane.
        // Most words are ASCII, which need none of the Latin tests.
        let capital = if high == 0 {
            ascii_capital
        } else {
            odd |= (low_bits_in(x, 0x44, 0x7F) & high)
                | (lanes_equal(prev, 0xC2) & (lanes_equal(x, 0x85) | lanes_equal(x, 0xA0)));
            ascii_capital
                | (low_bits_in(x, 0x00, 0x1E)
                    & high
                    & !lanes_equal(x, 0x97)
                    & lanes_equal(prev, 0xC3))
        };
        (x + (capital >> 7) * 0x20).to_le_bytes()
    };
    // Each word written whole and the tail's padding (zeros, in no class
    // above) cut off: copies of a fixed size are single stores, where a
    // copy of a few bytes is a call.
    for (word, n) in words(bytes) {
        out.extend_from_slice(&fold(word));
        out.truncate(out.len() - (8 - n));
    }
    if odd != 0 {
        out.truncate(start);
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_nfd_case_and_space_fold_together() {
        assert_eq!(fold_key("  Såtvedt "), fold_key("sa\u{30a}tvedt"));
        assert_eq!(fold_key("SA\u{30a}TVEDT"), "såtvedt");
        assert_eq!(fold_key("Anne   Kristine"), "anne kristine");
        assert_eq!(fold_key("Anne\u{a0}Kristine"), "anne kristine");
        assert_ne!(fold_key("Anne"), fold_key("Anna"));
        // Lowercase 'İ' has a combining dot; the key is composed all the same.
        assert_eq!(fold_key("İ"), "i\u{307}".nfc().collect::<String>());
    }

    /// The definition, written plainly: the fast paths must agree with it.
    fn reference_fold(text: &str) -> String {
        let words: Vec<String> = text
            .nfc()
            .collect::<String>()
            .split_whitespace()
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect();
        words.join(" ").nfc().collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn folding_agrees_with_its_definition(
            text in "[ a-zA-Z\t\u{b}\u{85}\u{a0}ÆØÅæøåÉé×ßÿŸİ\u{30a}\u{2003}-]{0,12}"
        ) {
            proptest::prop_assert_eq!(fold_key(&text), reference_fold(&text));
        }

        #[test]
        fn folding_long_latin_text_agrees_with_its_definition(
            text in "[ a-zA-Z\t\u{85}\u{a0}ÆØÅæøå×Ã÷ÿ\u{c4}\u{100}-]{0,40}"
        ) {
            proptest::prop_assert_eq!(fold_key(&text), reference_fold(&text));
        }

        #[test]
        fn composing_agrees_with_the_full_algorithm(
            text in "[ a-zA-Zæøå\u{300}-\u{36f}\u{1fb}\u{3b1}]{0,14}"
        ) {
            proptest::prop_assert_eq!(nfc(&text), text.nfc().collect::<String>());
        }

        #[test]
        fn folding_arbitrary_text_agrees_with_its_definition(text in "\\PC{0,16}") {
            proptest::prop_assert_eq!(fold_key(&text), reference_fold(&text));
        }
    }

    #[test]
    fn plain_latin_names_take_the_word_path_and_others_do_not() {
        let fast = |text: &str| {
            let mut out = Vec::new();
            fold_plain_latin(&mut out, text.as_bytes()).then(|| String::from_utf8(out).unwrap())
        };
        assert_eq!(
            fast("Øvre-Sandgård ÆBLE×Å").as_deref(),
            Some("øvre-sandgård æble×å")
        );
        assert_eq!(fast("").as_deref(), Some(""));
        for odd in [
            "Anne  Kristine",
            " Anne",
            "Anne ",
            "A\tB",
            "Anne\u{a0}K",
            "Ŧ",
            "İ",
        ] {
            assert_eq!(fast(odd), None, "{odd:?}");
        }
    }

    #[test]
    fn latin_capitals_fold_like_the_general_lowercase() {
        for c in '\u{C0}'..='\u{24F}' {
            let s = c.to_string();
            let general: String = s.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(fold_key(&s), general.nfc().collect::<String>(), "{c}");
        }
    }

    #[test]
    fn nfc_borrows_what_is_composed_and_composes_the_rest() {
        assert!(matches!(nfc("Bærum"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(nfc("Ba\u{30a}rum"), "Bårum");
        // Decomposed Latin names by the table; anything else by the full
        // algorithm.
        assert_eq!(
            compose_latin_pairs("Sa\u{30a}tvedt Ha\u{308}gg"),
            Some("Såtvedt Hägg".to_owned())
        );
        assert_eq!(compose_latin_pairs("Bjørn"), None);
        assert_eq!(compose_latin_pairs("a\u{30a}\u{301}"), None);
        assert_eq!(compose_latin_pairs("q\u{301}"), None);
        assert!(matches!(nfc("Bårum"), std::borrow::Cow::Borrowed(_)));
        assert!(surely_nfc("Øyvind Såtvedt"));
        assert!(!surely_nfc("Sa\u{30a}tvedt"));
    }
}
