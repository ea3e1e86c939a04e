//! Finding people's names in free text as the roster's duplicate finder
//! compares them: whatever the case, NFC or NFD, however many spaces (or
//! tabs, no-break spaces, line breaks) between the words, and written
//! "Given Family" or "Family, Given" (the form the importer accepts).
//!
//! Text and names are folded alike into words: a word is a run of letters
//! and digits (with their marks), lowercased and composed; a comma is a
//! word of its own; anything else only parts words. A name is found where
//! its words are a run of the text's words, so never inside a longer word
//! ("Per Hansen" is not in "Jesper Hansen"). The names are kept by their
//! folded text in a hash map, and the text is read once, each word ending
//! a few candidate runs: linear in the text, and small beside a roster of
//! thousands (an automaton over all their spellings took three times the
//! memory of the whole export).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds `text` into `out`, calling `word` with the folded range of each
/// word as it ends (it answers `false` to stop). When `map` is given, it
/// gets, for each byte written, the bytes of `text` its character spans.
fn fold(
    text: &str,
    out: &mut String,
    mut map: Option<&mut Vec<Range<usize>>>,
    mut word: impl FnMut(&str, Range<usize>) -> bool,
) {
    let mut chars = text.char_indices().peekable();
    let mut cluster = String::new();
    let mut start: Option<usize> = None;
    while let Some((from, c)) = chars.next() {
        let mut to = from + c.len_utf8();
        if c.is_alphanumeric() {
            if start.is_none() {
                if !out.is_empty() {
                    out.push(' ');
                }
                start = Some(out.len());
            }
            if chars.peek().is_some_and(|&(_, n)| is_combining_mark(n)) {
                cluster.clear();
                cluster.extend(c.to_lowercase());
                while let Some((at, n)) = chars.next_if(|&(_, n)| is_combining_mark(n)) {
                    cluster.extend(n.to_lowercase());
                    to = at + n.len_utf8();
                }
                out.extend(cluster.nfc());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            if let Some(s) = start.take() {
                if !word(out, s..out.len()) {
                    return;
                }
            }
            if c == ',' {
                if !out.is_empty() {
                    out.push(' ');
                }
                let s = out.len();
                out.push(',');
                if !word(out, s..out.len()) {
                    return;
                }
            }
        }
        if let Some(map) = map.as_deref_mut() {
            map.resize(out.len(), from..to);
        }
    }
    if let Some(s) = start {
        word(out, s..out.len());
    }
}

/// Whether a text has a word (a letter or digit) to look for.
fn has_word(text: &str) -> bool {
    let mut any = false;
    fold(text, &mut String::new(), None, |_, _| {
        any = true;
        false
    });
    any
}

/// The last (up to) `N` words ended, oldest first, as folded ranges.
struct Recent {
    words: Vec<Range<usize>>,
    keep: usize,
}

impl Recent {
    fn push(&mut self, w: Range<usize>) {
        if self.words.len() == self.keep {
            self.words.remove(0);
        }
        self.words.push(w);
    }

    /// The folded range of the last `n` words, if there are as many.
    fn last(&self, n: usize) -> Option<Range<usize>> {
        let first = self.words.len().checked_sub(n)?;
        Some(self.words[first].start..self.words.last()?.end)
    }
}

/// The most words of a name looked for, so that each word of a text
/// ends at most this many candidate runs whatever the roster.
const MOST_WORDS: usize = 8;

/// A set of people whose names to look for.
pub(crate) struct NameFinder {
    /// Each spelling's folded words, and whose it is.
    names: HashMap<String, usize>,
    /// The last two words of each spelling: a run that ends otherwise is
    /// no name, and no longer run ending there needs looking up.
    endings: HashSet<String>,
    /// The most words a spelling has.
    longest: usize,
}

impl NameFinder {
    /// Looks for each (number, given name, family name). Someone without
    /// both names is left out: one word ("Anne") would be found in
    /// ordinary text.
    pub(crate) fn new<'a>(people: impl IntoIterator<Item = (usize, &'a str, &'a str)>) -> Self {
        let mut finder = NameFinder {
            names: HashMap::new(),
            endings: HashSet::new(),
            longest: 0,
        };
        for (number, given, family) in people {
            if !has_word(given) || !has_word(family) {
                continue;
            }
            for spelling in [format!("{given} {family}"), format!("{family}, {given}")] {
                let mut key = String::new();
                let mut words = Vec::new();
                fold(&spelling, &mut key, None, |_, w| {
                    words.push(w);
                    true
                });
                // A longer name is looked for by its last words: found
                // wherever it is, and perhaps where a longer one differs
                // in its first words, the safe side for screening.
                if words.len() > MOST_WORDS {
                    let first = words[words.len() - MOST_WORDS].start;
                    key.drain(..first);
                    words.drain(..words.len() - MOST_WORDS);
                    for w in &mut words {
                        *w = w.start - first..w.end - first;
                    }
                }
                if let [.., before, last] = &words[..] {
                    finder
                        .endings
                        .insert(key[before.start..last.end].to_owned());
                }
                finder.longest = finder.longest.max(words.len());
                finder.names.entry(key).or_insert(number);
            }
        }
        finder
    }

    /// Whether nobody is looked for.
    pub(crate) fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Calls `found` with the folded range and owner of each name that
    /// ends each word, until it answers `false`.
    fn scan(
        &self,
        text: &str,
        out: &mut String,
        map: Option<&mut Vec<Range<usize>>>,
        mut found: impl FnMut(Range<usize>, usize) -> bool,
    ) {
        if self.is_empty() {
            return;
        }
        let mut recent = Recent {
            words: Vec::with_capacity(self.longest),
            keep: self.longest,
        };
        fold(text, out, map, |out, w| {
            recent.push(w);
            let Some(ending) = recent.last(2) else {
                return true;
            };
            if !self.endings.contains(&out[ending]) {
                return true;
            }
            for n in 2..=self.longest {
                let Some(run) = recent.last(n) else {
                    break;
                };
                if let Some(&who) = self.names.get(&out[run.clone()]) {
                    if !found(run, who) {
                        return false;
                    }
                }
            }
            true
        });
    }

    /// Each name found in `text`: the bytes it spans and whose it is.
    /// Names that overlap ("Ola Per" and "Per Hansen" in "Ola Per
    /// Hansen") are each found.
    pub(crate) fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut out = String::new();
        let mut map = Vec::new();
        let mut runs = Vec::new();
        self.scan(text, &mut out, Some(&mut map), |run, who| {
            runs.push((run, who));
            true
        });
        runs.into_iter()
            .map(|(run, who)| (map[run.start].start..map[run.end - 1].end, who))
            .collect()
    }

    /// Whether any name is in `text`.
    pub(crate) fn is_in(&self, text: &str) -> bool {
        let mut any = false;
        self.scan(
            text,
            &mut String::with_capacity(text.len()),
            None,
            |_, _| {
                any = true;
                false
            },
        );
        any
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
            "Søknad fra Ødegård ,  Siri.",
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
        assert_eq!(f.find("(Per Hansen)")[0].0, 1..11);
        // One name only is never looked for.
        assert!(!f.is_in("Anne"));
        assert!(NameFinder::new([(0, "Anne", " ")]).is_empty());
    }

    #[test]
    fn overlapping_names_are_each_found() {
        let f = NameFinder::new([
            (0, "Ola", "Per"),
            (1, "Per", "Hansen"),
            (2, "Ola Per", "Hansen"),
        ]);
        let mut whose: Vec<usize> = f
            .find("Ola Per Hansen")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        whose.sort_unstable();
        assert_eq!(whose, [0, 1, 2]);
    }

    #[test]
    fn a_very_long_name_is_found_by_its_last_words() {
        let given = "a b c d e f g h i j";
        let f = NameFinder::new([(0, given, "Hansen")]);
        assert!(f.longest <= MOST_WORDS);
        assert!(f.is_in(&format!("Søknad fra {given} Hansen.")));
        // Its last eight words are enough: the safe side.
        assert!(f.is_in("Søknad fra x d e f g h i j Hansen."));
        assert!(!f.is_in("Søknad fra e f g h i j Hansen."));
    }
}
