//! Text keys for comparing names the way people read them.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::swar::{ascii_in, lanes_equal, low_bits_in, HIGH};

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
    text.is_ascii() || text.bytes().fold(0u8, u8::max) < 0xCC
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
    // Whole words of eight, then the tail padded with zeros (in no class
    // above), each written whole: copies of a fixed size are single
    // stores, where a copy of a few bytes is a call.
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut lanes = [0u8; 8];
        lanes.copy_from_slice(word);
        out.extend_from_slice(&fold(u64::from_le_bytes(lanes)));
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        let mut lanes = [0u8; 8];
        for (lane, &b) in lanes.iter_mut().zip(tail) {
            *lane = b;
        }
        out.extend_from_slice(&fold(u64::from_le_bytes(lanes)));
        out.truncate(out.len() - (8 - tail.len()));
    }
    if odd != 0 {
        out.truncate(start);
        return false;
    }
    true
}

/// An organisation as duplicate finding sees it: a class, equal for two
/// organisations exactly when their [`fold_key`]s are, and the hash of that
/// key, which (unlike the class) is the same in every [`OrgClasses`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OrgKey {
    pub class: u32,
    pub hash: u64,
}

/// Gives each organisation its [`OrgKey`], memoised by the roster's
/// organisation id so that an organisation repeated on every row of an
/// import is folded once.
#[derive(Default)]
pub(crate) struct OrgClasses {
    by_id: Vec<Option<OrgKey>>,
    by_key: std::collections::HashMap<String, u32>,
}

impl OrgClasses {
    pub(crate) fn key(&mut self, org_id: u32, name: &str) -> OrgKey {
        let id = org_id as usize;
        if let Some(Some(key)) = self.by_id.get(id) {
            return *key;
        }
        let folded = fold_key(name);
        let hash = fast_hash(folded.as_bytes());
        let next = self.by_key.len() as u32;
        let class = *self.by_key.entry(folded).or_insert(next);
        if self.by_id.len() <= id {
            self.by_id.resize(id + 1, None);
        }
        let key = OrgKey { class, hash };
        self.by_id[id] = Some(key);
        key
    }
}

/// Finds people who are on a list twice: same given name, family name and
/// organisation under [`fold_key`].
///
/// It keeps eight bytes per person, not the keys, so that a million-row
/// import does not hold a second copy of every name; and it finds equal
/// hashes by sorting once at the end rather than probing a hash table per
/// row, which on a large list is a cache miss each time. Equal hashes are
/// confirmed on the real keys.
pub(crate) struct DuplicateFinder {
    /// Each recorded person as 32 bits of its hash over its index: sorted,
    /// equal hashes come side by side, each run in the order of the
    /// index. In as many groups as the finish will have threads, by the
    /// hash's top 32 bits (not the stored ones): equal hashes fall in one
    /// group, so each group is finished on its own. Half the size of a
    /// (hash, index) pair, it sorts twice as fast; the hashes that meet by
    /// their 32 bits alone (about a hundred pairs in a million people) are
    /// told apart by their keys, as any collision is.
    groups: Vec<Vec<u64>>,
    key: Vec<u8>,
}

/// The group of a hash among `groups`: its top bits, scaled.
fn group_of(hash: u64, groups: usize) -> usize {
    (((hash >> 32) * groups as u64) >> 32) as usize
}

/// A person as the finder records them: the low 32 bits of the hash over
/// the index.
fn packed(hash: u64, index: u32) -> u64 {
    (hash << 32) | u64::from(index)
}

/// Runs longer than this are sorted by key rather than compared with each
/// identity met so far: a crafted file whose names share one hash stays
/// n log n, not quadratic.
const SHORT_RUN: usize = 16;

impl DuplicateFinder {
    /// A finder for about `n` people, whose finish will have `groups`
    /// threads (at least one).
    pub(crate) fn with_capacity(n: usize, groups: usize) -> DuplicateFinder {
        let groups = groups.max(1);
        DuplicateFinder {
            groups: (0..groups)
                .map(|_| Vec::with_capacity(n / groups + n / groups / 16))
                .collect(),
            key: Vec::new(),
        }
    }

    /// Appends the key of a person's names to `out`.
    fn append_key(out: &mut Vec<u8>, given: &str, family: &str) {
        fold_bytes_into(out, given);
        out.push(0x1f);
        fold_bytes_into(out, family);
    }

    /// Records person `index`, with the [`OrgKey::hash`] of its
    /// organisation.
    pub(crate) fn push(&mut self, index: u32, given: &str, family: &str, org_hash: u64) {
        self.key.clear();
        Self::append_key(&mut self.key, given, family);
        let hash = fast_hash(&self.key) ^ org_hash.rotate_left(17);
        let group = group_of(hash, self.groups.len());
        self.groups[group].push(packed(hash, index));
    }

    /// Takes over the people of `other` (with as many groups), numbered from
    /// `offset` on.
    pub(crate) fn extend(&mut self, other: DuplicateFinder, offset: u32) {
        for (mine, theirs) in self.groups.iter_mut().zip(other.groups) {
            // The index is the low half, and a roster's indexes fit in it.
            mine.extend(theirs.into_iter().map(|p| p + u64::from(offset)));
        }
    }

    /// The duplicates, as (person, first person with the same identity), in
    /// the order of the person. `make_who` makes, for each group, what
    /// gives a recorded person's given and family name and
    /// [`OrgKey::class`]; each group is finished on a thread of its own (one
    /// group on this thread) and the findings put in order at the end: the
    /// same for any number of groups.
    pub(crate) fn finish<'a, W>(self, make_who: impl Fn() -> W + Sync) -> Vec<(u32, u32)>
    where
        W: FnMut(u32) -> (&'a str, &'a str, u32),
    {
        let found = crate::parallel::in_shares(self.groups, |mut group| {
            group.sort_unstable();
            Self::finish_sorted(&group, make_who())
        });
        let mut found = crate::parallel::joined(found);
        found.sort_unstable();
        found
    }

    /// The findings of [`DuplicateFinder::finish`] among the recorded
    /// people, sorted.
    fn finish_sorted<'a>(
        sorted: &[u64],
        mut who: impl FnMut(u32) -> (&'a str, &'a str, u32),
    ) -> Vec<(u32, u32)> {
        // The people whose hash meets another's, in hash order, numbered
        // in that order; each run of equal hashes as a range of numbers.
        let same_hash = |a: &u64, b: &u64| a >> 32 == b >> 32;
        let count = sorted
            .chunk_by(same_hash)
            .filter(|run| run.len() > 1)
            .map(<[u64]>::len)
            .sum();
        let mut candidates: Vec<u32> = Vec::with_capacity(count);
        let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
        for run in sorted.chunk_by(same_hash) {
            if run.len() < 2 {
                continue;
            }
            let start = candidates.len();
            candidates.extend(run.iter().map(|&person| person as u32));
            runs.push(start..candidates.len());
        }
        // Their names as written and classes, read in roster order: the
        // roster is read forward instead of at random, which on a list with
        // many duplicates was most of this work. Each as its index over its
        // number, which sort as one word.
        let mut in_order: Vec<u64> = candidates
            .iter()
            .enumerate()
            .map(|(number, &index)| u64::from(index) << 32 | number as u64)
            .collect();
        in_order.sort_unstable();
        let mut ids = Identities::new(candidates.len());
        for &pair in &in_order {
            let (given, family, class) = who((pair >> 32) as u32);
            ids.keep(pair as u32 as usize, given, family, class);
        }
        drop(in_order);
        let mut found = Vec::new();
        // Within a short run: the distinct identities met so far, each by
        // the number of its first person. One identity, but for a collision.
        let mut firsts: Vec<usize> = Vec::new();
        for run in runs {
            if run.len() > SHORT_RUN {
                // By identity, then number: each identity's people side by
                // side, its first person first.
                let mut by_identity: Vec<usize> = run.collect();
                for &number in &by_identity {
                    ids.fold(number);
                }
                by_identity.sort_unstable_by(|&a, &b| {
                    (ids.people[a].class, ids.folded(a), a).cmp(&(
                        ids.people[b].class,
                        ids.folded(b),
                        b,
                    ))
                });
                for people in by_identity.chunk_by(|&a, &b| {
                    ids.people[a].class == ids.people[b].class && ids.folded(a) == ids.folded(b)
                }) {
                    for &number in &people[1..] {
                        found.push((candidates[number], candidates[people[0]]));
                    }
                }
                continue;
            }
            firsts.clear();
            for number in run {
                match firsts.iter().find(|&&first| ids.same(first, number)) {
                    Some(&first) => found.push((candidates[number], candidates[first])),
                    None => firsts.push(number),
                }
            }
        }
        // In hash order: `finish` puts every group's findings in order.
        found
    }
}

/// The names of the people whose hashes meet, as written and, when a
/// comparison needs it, folded: the same person pasted twice is known by
/// the bytes of their names, without folding them.
struct Identities {
    people: Vec<Identity>,
    /// Given and family names as written, one after the other.
    written: Vec<u8>,
    /// The keys folded so far.
    folded: Vec<u8>,
}

#[derive(Clone, Default)]
struct Identity {
    written: std::ops::Range<usize>,
    given_len: usize,
    class: u32,
    folded: Option<std::ops::Range<usize>>,
}

impl Identities {
    /// Room for `n` people, numbered from 0.
    fn new(n: usize) -> Self {
        Identities {
            people: vec![Identity::default(); n],
            // A given and a family name are a score of bytes together.
            written: Vec::with_capacity(n * 24),
            folded: Vec::new(),
        }
    }

    /// Keeps person `number`'s names as written.
    fn keep(&mut self, number: usize, given: &str, family: &str, class: u32) {
        let at = self.written.len();
        self.written.extend_from_slice(given.as_bytes());
        self.written.extend_from_slice(family.as_bytes());
        self.people[number] = Identity {
            written: at..self.written.len(),
            given_len: given.len(),
            class,
            folded: None,
        };
    }

    /// Folds the names of person `number`, once.
    fn fold(&mut self, number: usize) {
        let person = &self.people[number];
        if person.folded.is_some() {
            return;
        }
        let names = &self.written[person.written.clone()];
        let (given, family) = names.split_at(person.given_len);
        // Cut from `&str`s at their own length: UTF-8 both.
        let (given, family) = (
            std::str::from_utf8(given).unwrap_or_default(),
            std::str::from_utf8(family).unwrap_or_default(),
        );
        let at = self.folded.len();
        DuplicateFinder::append_key(&mut self.folded, given, family);
        self.people[number].folded = Some(at..self.folded.len());
    }

    /// The key of person `number`, once [`Identities::fold`]ed.
    fn folded(&self, number: usize) -> &[u8] {
        self.people[number]
            .folded
            .clone()
            .map_or(&[][..], |range| &self.folded[range])
    }

    /// Whether two people are one: one class, and the same names as
    /// written or, failing that, folded.
    fn same(&mut self, a: usize, b: usize) -> bool {
        let (pa, pb) = (&self.people[a], &self.people[b]);
        if pa.class != pb.class {
            return false;
        }
        if pa.given_len == pb.given_len
            && self.written[pa.written.clone()] == self.written[pb.written.clone()]
        {
            return true;
        }
        self.fold(a);
        self.fold(b);
        self.folded(a) == self.folded(b)
    }
}

/// A [`std::hash::Hasher`] over [`fast_hash`], for maps keyed by names the
/// library made itself (the organisations of a roster).
#[derive(Default)]
pub(crate) struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fast_hash(bytes) ^ self.0.rotate_left(29);
    }

    // A `str` key ends with a 0xFF byte written on its own: mixed in
    // without a second pass of the whole hash.
    fn write_u8(&mut self, byte: u8) {
        self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 ^= self.0 >> 29;
    }
}

/// A fast 64-bit hash, eight bytes at a time (the multiply-rotate step of
/// rustc's FxHash, finished with a murmur-style mix). Its collisions cost
/// only a comparison: every match is confirmed on the key itself.
pub(crate) fn fast_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    h = (h.rotate_left(5) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
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

    #[test]
    fn the_groups_of_a_finder_find_what_one_does() {
        // 3,000 people, each name on ten rows or so in varying case.
        let names: Vec<(String, String)> = (0..30_000u32)
            .map(|i| {
                let n = (i * 7_919) % 3_000;
                let given = if i % 2 == 0 {
                    format!("Anne{n}")
                } else {
                    format!("ANNE{n}")
                };
                (given, format!("Huse{}", n % 7))
            })
            .collect();
        let who = |k: u32| {
            let (g, f) = &names[k as usize];
            (g.as_str(), f.as_str(), 0)
        };
        let run = |groups: usize| {
            // Recorded in two parts, as an import does.
            let mut finder = DuplicateFinder::with_capacity(names.len(), groups);
            let mut rest = DuplicateFinder::with_capacity(names.len(), groups);
            for (i, (g, f)) in names.iter().enumerate() {
                if i < 10_000 {
                    finder.push(i as u32, g, f, 0);
                } else {
                    rest.push(i as u32 - 10_000, g, f, 0);
                }
            }
            finder.extend(rest, 10_000);
            finder.finish(|| who)
        };
        let one = run(1);
        assert_eq!(one.len(), 27_000);
        for groups in 2..=5 {
            assert_eq!(run(groups), one, "{groups} groups");
        }
    }

    #[test]
    fn duplicates_are_found_in_order_and_through_hash_collisions() {
        let mut orgs = OrgClasses::default();
        let people: Vec<(&str, &str, OrgKey)> = [
            ("Anne", "Huse", 0, "K"),
            ("Toril", "Lislien", 1, "D"),
            ("anne", "HUSE", 2, " k "),
            ("ANNE", "huse", 0, "K"),
            ("Toril", "Lislien", 1, "D"),
            ("Toril", "Lislien", 3, "E"),
        ]
        .into_iter()
        .map(|(g, f, id, org)| (g, f, orgs.key(id, org)))
        .collect();
        assert_eq!(
            people[2].2, people[0].2,
            "\" k \" and \"K\" are one organisation"
        );
        let who = |k: u32| {
            let (g, f, org) = people[k as usize];
            (g, f, org.class)
        };
        let mut finder = DuplicateFinder::with_capacity(4, 1);
        for (i, (g, f, org)) in people.iter().enumerate().take(3) {
            finder.push(i as u32, g, f, org.hash);
        }
        let mut rest = DuplicateFinder::with_capacity(4, 1);
        for (i, (g, f, org)) in people.iter().enumerate().skip(3) {
            rest.push(i as u32 - 3, g, f, org.hash);
        }
        finder.extend(rest, 3);
        assert_eq!(finder.finish(|| who), [(2, 0), (3, 0), (4, 1)]);
        // Different people under one hash are not duplicates of each other.
        let mut finder = DuplicateFinder::with_capacity(4, 1);
        finder.groups = vec![[0, 1, 2, 5].map(|i| packed(7, i)).to_vec()];
        assert_eq!(finder.finish(|| who), [(2, 0)]);
    }

    #[test]
    fn a_long_run_of_one_hash_is_told_apart_by_key_in_n_log_n() {
        // Three identities under one hash, interleaved: the path for long
        // runs finds what the short one would.
        let names = ["Anne", "Toril", "Kari"];
        let shouted = ["ANNE", "TORIL", "KARI"];
        // Every other one written in capitals: one identity all the same.
        let who = |k: u32| {
            let given = if k % 2 == 0 { names } else { shouted };
            (given[k as usize % 3], "Huse", 0)
        };
        let mut finder = DuplicateFinder::with_capacity(40, 1);
        finder.groups = vec![(0..40).map(|i| packed(7, i)).collect()];
        let want: Vec<(u32, u32)> = (3..40).map(|i| (i, i % 3)).collect();
        assert_eq!(finder.finish(|| who), want);
        // A crafted file of 100,000 different people under one hash: a
        // quadratic comparison would not end in this test's lifetime.
        let n = 100_000u32;
        let given: Vec<String> = (0..n).map(|i| format!("P{i}")).collect();
        let mut finder = DuplicateFinder::with_capacity(n as usize, 1);
        finder.groups = vec![(0..n).map(|i| packed(7, i)).collect()];
        assert!(finder
            .finish(|| |k: u32| (given[k as usize].as_str(), "X", 0))
            .is_empty());
    }
}
