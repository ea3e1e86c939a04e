//! Finding people's names in free text as the roster's duplicate finder
//! compares them: whatever the case, NFC or NFD, however many spaces (or
//! tabs, no-break spaces, line breaks) between the words, and written
//! "Given Family" or "Family, Given" (the form the importer accepts).
//!
//! The text and the names are folded alike, a character with its marks at
//! a time, and the names are found in one pass by Aho-Corasick, so that a
//! roster of thousands in a long document stays linear.

use std::ops::Range;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds `text` into `out`: each run of white space one space, each
/// character with the marks after it lowercased and composed. When `at`
/// is given, it gets, for each byte written, the byte of `text` its
/// character starts at.
fn fold(text: &str, out: &mut String, mut at: Option<&mut Vec<usize>>) {
    let mut chars = text.char_indices().peekable();
    let mut cluster = String::new();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else if chars.peek().is_some_and(|&(_, n)| is_combining_mark(n)) {
            cluster.clear();
            cluster.extend(c.to_lowercase());
            while let Some((_, n)) = chars.next_if(|&(_, n)| is_combining_mark(n)) {
                cluster.extend(n.to_lowercase());
            }
            out.extend(cluster.nfc());
        } else {
            out.extend(c.to_lowercase());
        }
        if let Some(at) = at.as_deref_mut() {
            at.resize(out.len(), start);
        }
    }
    if let Some(at) = at {
        at.push(text.len());
    }
}

fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold(text, &mut out, None);
    out.trim().to_owned()
}

/// A set of people whose names to look for.
pub(crate) struct NameFinder {
    automaton: Option<AhoCorasick>,
    /// Whose name each pattern is: the number given with it.
    owners: Vec<usize>,
}

impl NameFinder {
    /// Looks for each (number, given name, family name). Someone with only
    /// one name is left out: a single word ("Anne") would be found in
    /// ordinary text.
    pub(crate) fn new<'a>(people: impl IntoIterator<Item = (usize, &'a str, &'a str)>) -> Self {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (number, given, family) in people {
            let (given, family) = (folded(given), folded(family));
            if given.is_empty() || family.is_empty() {
                continue;
            }
            for pattern in [
                format!("{given} {family}"),
                format!("{family}, {given}"),
                format!("{family},{given}"),
            ] {
                patterns.push(pattern);
                owners.push(number);
            }
        }
        // Longest first at a place, so that "Per Hansen Berg" is not cut
        // short by "Per Hansen". Building fails only past the crate's own
        // size limits, which a roster within ours does not reach; then
        // nobody is found, which the caller's tests would show.
        let automaton = (!patterns.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        NameFinder { automaton, owners }
    }

    /// Whether nobody is looked for.
    pub(crate) fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    /// Each name found in `text`: the bytes it spans and whose it is.
    pub(crate) fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut out = String::with_capacity(text.len());
        let mut at = Vec::with_capacity(text.len() + 1);
        fold(text, &mut out, Some(&mut at));
        self.matches(&out)
            .map(|(r, who)| (at[r.start]..at[r.end], who))
            .collect()
    }

    /// Whether any name is in `text`.
    pub(crate) fn is_in(&self, text: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let mut out = String::with_capacity(text.len());
        fold(text, &mut out, None);
        let found = self.matches(&out).next().is_some();
        found
    }

    /// The matches in folded text that stand as words of their own: not
    /// "Per Hansen" in "Jesper Hansen" or "Per Hansenberg". After a match
    /// that does not, the search goes on from the next byte, so that a
    /// name overlapping it is still found.
    fn matches<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (Range<usize>, usize)> + 't {
        let mut from = 0;
        std::iter::from_fn(move || {
            let automaton = self.automaton.as_ref()?;
            while from <= text.len() {
                let m = automaton.find(Input::new(text).range(from..))?;
                let alone = !text[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !text[m.end()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if alone {
                    from = m.end();
                    return Some((m.range(), self.owners[m.pattern().as_usize()]));
                }
                from = m.start() + 1;
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> NameFinder {
        NameFinder::new([
            (0, "Siri", "Ødegård"),
            (1, "Per", "Hansen"),
            (2, "Anne", ""),
        ])
    }

    #[test]
    fn names_are_found_in_every_spelling_the_roster_accepts() {
        let f = finder();
        for text in [
            "Søknad fra Siri Ødegård.",
            "Søknad fra SIRI ØDEGÅRD.",
            "Søknad fra siri ødegård.",
            "Søknad fra Siri \u{d8}dega\u{30a}rd.",
            "Søknad fra SIRI ØDEGA\u{30a}RD.",
            "Søknad fra Siri   Ødegård.",
            "Søknad fra Siri\u{a0}Ødegård.",
            "Søknad fra Siri\n Ødegård.",
            "Søknad fra Ødegård, Siri.",
            "Søknad fra Ødegård,Siri.",
        ] {
            let found = f.find(text);
            assert_eq!(found.len(), 1, "{text:?}");
            let (span, who) = found[0].clone();
            assert_eq!(who, 0);
            // The whole name, from after "fra " to before the full stop.
            assert_eq!(
                span,
                text.find("fra ").unwrap() + 4..text.len() - 1,
                "{text:?}"
            );
            assert!(f.is_in(text));
        }
    }

    #[test]
    fn a_name_inside_a_longer_word_is_not_found_but_one_after_it_is() {
        let f = finder();
        assert!(!f.is_in("Jesper Hansen og Per Hansenberg"));
        assert_eq!(f.find("Jesper Hansen og Per Hansen")[0].0, 17..27);
        // One name only is never looked for.
        assert!(!f.is_in("Anne"));
        assert!(NameFinder::new([(0, "Anne", " ")]).is_empty());
    }
}
