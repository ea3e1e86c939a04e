//! Text keys for comparing names the way people read them.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use unicode_normalization::UnicodeNormalization;

/// The comparison key of a name: trimmed, inner runs of white space made one
/// space, Unicode NFC, lowercased. "Såtvedt" typed with a combining ring
/// (NFD) and with the precomposed letter (NFC) give the same key.
pub(crate) fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.extend(word.nfc().flat_map(char::to_lowercase));
        }
    }
    if out.is_ascii() {
        out
    } else {
        // Lowercasing can decompose (e.g. 'İ'); normalise once more.
        out.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::fold_key;

    #[test]
    fn nfc_nfd_case_and_space_fold_together() {
        assert_eq!(fold_key("  Såtvedt "), fold_key("sa\u{30a}tvedt"));
        assert_eq!(fold_key("Anne   Kristine"), "anne kristine");
        assert_ne!(fold_key("Anne"), fold_key("Anna"));
    }
}

/// Appends the comparison key of `text` (as [`fold_key`]) to `out`, without
/// allocating when `text` is ASCII: the importer calls it for every name.
pub(crate) fn fold_into(out: &mut String, text: &str) {
    let mut first = true;
    for word in text.split_ascii_whitespace() {
        if !first {
            out.push(' ');
        }
        first = false;
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&fold_key(word));
        }
    }
}

/// Finds people who are on a list twice: same given name, family name and
/// organisation under [`fold_key`]. Keeps one 64-bit hash per person, not
/// the keys, so that a million-row import does not hold a second copy of
/// every name; a hash match is confirmed on the real keys.
pub(crate) struct DuplicateFinder {
    seen: HashMap<u64, u32, BuildHasherDefault<IdentityHasher>>,
    /// People whose hash collided with another's key: rare, checked exactly.
    collided: HashMap<String, u32>,
    key: String,
    other: String,
    state: std::collections::hash_map::RandomState,
}

impl DuplicateFinder {
    pub(crate) fn with_capacity(n: usize) -> DuplicateFinder {
        DuplicateFinder {
            seen: HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default()),
            collided: HashMap::new(),
            key: String::new(),
            other: String::new(),
            state: std::collections::hash_map::RandomState::new(),
        }
    }

    fn fill(out: &mut String, parts: [&str; 3]) {
        out.clear();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push('\u{1f}');
            }
            fold_into(out, part);
        }
    }

    /// Records person `index` with these names; returns the index of the
    /// first person with the same key, if there was one. `names_of` gives
    /// the names of an earlier person, to confirm a hash match.
    pub(crate) fn insert<'a>(
        &mut self,
        index: u32,
        names: [&str; 3],
        names_of: impl Fn(u32) -> [&'a str; 3],
    ) -> Option<u32> {
        Self::fill(&mut self.key, names);
        let hash = self.state.hash_one(self.key.as_str());
        match self.seen.get(&hash) {
            None => {
                self.seen.insert(hash, index);
                None
            }
            Some(&first) => {
                Self::fill(&mut self.other, names_of(first));
                if self.other == self.key {
                    return Some(first);
                }
                if let Some(&earlier) = self.collided.get(&self.key) {
                    return Some(earlier);
                }
                self.collided.insert(self.key.clone(), index);
                None
            }
        }
    }
}

/// The hasher for keys that are hashes already.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
