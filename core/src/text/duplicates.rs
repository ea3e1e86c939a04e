//! Finding the people who are on a list twice, by hash first and by key
//! to confirm.

use super::{fast_hash, fold_bytes_into, fold_key};

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
    // Inlined into the row reader: see `Roster::push_parts`.
    #[inline]
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

/// Sorts `words` by their high 32 bits, stably (words equal there keep
/// their order), in linear time: four passes of a byte each, a pass whose
/// byte is the same in every word skipped. A million people's hashes sort
/// three times as fast as by comparison, and the sort no longer grows
/// faster than the list.
pub(crate) fn sort_by_high_half(words: &mut Vec<u64>) {
    const SMALL: usize = 512;
    if words.len() <= SMALL {
        // Stable, and quick on few words.
        words.sort_by_key(|w| w >> 32);
        return;
    }
    let mut counts = [[0usize; 256]; 4];
    for &word in words.iter() {
        let high = (word >> 32) as u32;
        for (pass, count) in counts.iter_mut().enumerate() {
            count[(high >> (8 * pass)) as usize & 0xff] += 1;
        }
    }
    let mut other = vec![0u64; words.len()];
    for (pass, count) in counts.iter().enumerate() {
        if count.contains(&words.len()) {
            continue;
        }
        let mut next = [0usize; 256];
        let mut sum = 0;
        for (at, &n) in next.iter_mut().zip(count) {
            *at = sum;
            sum += n;
        }
        let shift = 32 + 8 * pass;
        for &word in words.iter() {
            let byte = (word >> shift) as usize & 0xff;
            other[next[byte]] = word;
            next[byte] += 1;
        }
        std::mem::swap(words, &mut other);
    }
}

/// A run of one hash that has met more identities than this keeps them in
/// a map by key rather than comparing each newcomer with every one: a
/// crafted file whose names share one hash stays linear, not quadratic.
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
    // Inlined into the row reader: see `Roster::push_parts`.
    #[inline]
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
            // Pushed in the order of the index, so a stable sort by the
            // hash alone leaves each run of one hash in that order.
            sort_by_high_half(&mut group);
            Self::finish_sorted(&group, make_who())
        });
        // Each group's findings are in the order of the person: one needs
        // nothing more, and the stable sort merges several as the runs they
        // are.
        let groups = found.len();
        let mut found = crate::parallel::joined(found);
        if groups > 1 {
            found.sort_by_key(|&(person, _)| person);
        }
        found
    }

    /// The findings of [`DuplicateFinder::finish`] among the recorded
    /// people, sorted.
    fn finish_sorted<'a>(
        sorted: &[u64],
        mut who: impl FnMut(u32) -> (&'a str, &'a str, u32),
    ) -> Vec<(u32, u32)> {
        // The people whose hash meets another's, each as its index over the
        // number of its run of equal hashes.
        let same_hash = |a: &u64, b: &u64| a >> 32 == b >> 32;
        let mut in_order: Vec<u64> = Vec::new();
        let mut runs = 0u32;
        for run in sorted.chunk_by(same_hash) {
            if run.len() < 2 {
                continue;
            }
            in_order.extend(run.iter().map(|&person| person << 32 | u64::from(runs)));
            runs += 1;
        }
        // Met in roster order: the roster is read forward, not at random,
        // and each person is compared only with the first of each identity
        // its run has met so far, which is all a run keeps. Keeping every
        // person's names for a comparison in hash order was most of this
        // work on a list with many duplicates: a write and a read at random
        // a person.
        sort_by_high_half(&mut in_order);
        let mut firsts = Firsts::new(runs as usize);
        let mut found = Vec::new();
        for &pair in &in_order {
            let index = (pair >> 32) as u32;
            let (given, family, class) = who(index);
            if let Some(first) = firsts.meet(pair as u32, index, given, family, class) {
                found.push((index, first));
            }
        }
        // In roster order: `finish` puts every group's findings in order.
        found
    }
}

/// For each run of equal hashes, the identities it has met: the first
/// person of each, with their names as written and, once a comparison
/// needs it, folded: the same person pasted twice is known by the bytes of
/// their names, without folding them. A run has one identity but for a
/// hash collision.
struct Firsts {
    runs: Vec<First>,
    /// A run's further identities, each chained to the next.
    more: Vec<First>,
    /// In the runs that met more than [`SHORT_RUN`] identities, the first
    /// person of each identity by its run, class and key (as
    /// [`Firsts::key`]).
    by_key: std::collections::HashMap<Vec<u8>, u32>,
    /// Given and family names as written, one after the other, of the
    /// first people whose names are not kept [`First::inline`].
    written: Vec<u8>,
    /// Their keys, folded when a comparison first needs them.
    folded: Vec<u8>,
    /// The class and key of the person met, made when a comparison needs
    /// it.
    key: Vec<u8>,
}

/// The first person of an identity in a run: a cache line, which holds
/// most people's names. The people are met in roster order, each run's
/// first at random: one line read, not two.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct First {
    /// Their index, or [`NONE`] for a run that has met no one yet.
    index: u32,
    class: u32,
    /// The names' lengths, and where they are in [`Firsts::written`] when
    /// they are longer than [`INLINE`] together.
    given_len: u32,
    family_len: u32,
    written: usize,
    /// Given and family name, one after the other, when they fit.
    inline: [u8; INLINE],
    /// Where the folded key is in [`Firsts::folded`]; its length [`NONE`]
    /// until it is folded.
    folded: usize,
    folded_len: u32,
    /// The run's next identity in [`Firsts::more`], [`NONE`], or on the
    /// run itself [`BY_KEY`].
    next: u32,
}

/// The bytes of names a [`First`] holds itself.
const INLINE: usize = 24;

const _: () = assert!(std::mem::size_of::<First>() == 64);

impl First {
    /// Its names as written, given and family one after the other, kept
    /// inline or in `written`.
    fn names<'s>(&'s self, written: &'s [u8]) -> &'s [u8] {
        let len = self.given_len as usize + self.family_len as usize;
        if len <= INLINE {
            &self.inline[..len]
        } else {
            &written[self.written..self.written + len]
        }
    }
}

const NONE: u32 = u32::MAX;

/// The bytes of a [`Firsts::key`] before the folded names: run and class.
const KEY_HEAD: usize = 8;

/// The mark of a run whose identities are in [`Firsts::by_key`].
const BY_KEY: u32 = u32::MAX - 1;

const NOBODY: First = First {
    index: NONE,
    class: 0,
    written: 0,
    inline: [0; INLINE],
    given_len: 0,
    family_len: 0,
    folded: 0,
    folded_len: NONE,
    next: NONE,
};

impl Firsts {
    fn new(runs: usize) -> Self {
        Firsts {
            runs: vec![NOBODY; runs],
            more: Vec::new(),
            by_key: std::collections::HashMap::new(),
            written: Vec::new(),
            folded: Vec::new(),
            key: Vec::new(),
        }
    }

    /// Meets person `index` of `run`: the first person of their identity
    /// when the run has met it, else `None` (and they are its first).
    fn meet(&mut self, run: u32, index: u32, given: &str, family: &str, class: u32) -> Option<u32> {
        let run = run as usize;
        if self.runs[run].index == NONE {
            self.runs[run] = self.first(index, given, family, class);
            return None;
        }
        let mut key_made = false;
        if self.runs[run].next == BY_KEY {
            self.make_key(run, given, family, class);
            return match self.by_key.get(self.key.as_slice()) {
                Some(&first) => Some(first),
                None => {
                    self.by_key.insert(self.key.clone(), index);
                    None
                }
            };
        }
        // The run's identities, the first one on the run itself.
        let mut met = 0;
        let mut at = None;
        loop {
            let first = self.identity(run, at);
            if self.same(first, run, at, given, family, class, &mut key_made) {
                return Some(first.index);
            }
            met += 1;
            if first.next == NONE {
                break;
            }
            at = Some(first.next);
        }
        if met < SHORT_RUN {
            let new = self.first(index, given, family, class);
            let slot = self.more.len() as u32;
            self.more.push(new);
            match at {
                None => self.runs[run].next = slot,
                Some(i) => self.more[i as usize].next = slot,
            }
            return None;
        }
        // Too many identities to compare with each: by key from now on.
        let mut at = None;
        loop {
            let first = self.folded_identity(run, at);
            let mut key = Vec::new();
            Self::put_key_head(&mut key, run, first.class);
            key.extend_from_slice(self.folded(first));
            self.by_key.insert(key, first.index);
            if first.next == NONE {
                break;
            }
            at = Some(first.next);
        }
        self.make_key(run, given, family, class);
        self.by_key.insert(self.key.clone(), index);
        self.runs[run].next = BY_KEY;
        None
    }

    /// The identity of `run` on the run itself (`at` none) or at `at` in
    /// [`Firsts::more`].
    fn identity(&self, run: usize, at: Option<u32>) -> First {
        match at {
            None => self.runs[run],
            Some(i) => self.more[i as usize],
        }
    }

    /// [`Firsts::identity`] with its key folded, once.
    fn folded_identity(&mut self, run: usize, at: Option<u32>) -> First {
        let mut first = self.identity(run, at);
        if first.folded_len != NONE {
            return first;
        }
        let (given, family) = first
            .names(&self.written)
            .split_at(first.given_len as usize);
        // Cut from `&str`s at their own length: UTF-8 both.
        let (given, family) = (
            std::str::from_utf8(given).unwrap_or_default(),
            std::str::from_utf8(family).unwrap_or_default(),
        );
        let start = self.folded.len();
        DuplicateFinder::append_key(&mut self.folded, given, family);
        first.folded = start;
        first.folded_len = (self.folded.len() - start) as u32;
        match at {
            None => self.runs[run] = first,
            Some(i) => self.more[i as usize] = first,
        }
        first
    }

    /// A run's first person of a new identity, their names kept.
    fn first(&mut self, index: u32, given: &str, family: &str, class: u32) -> First {
        let mut first = First {
            index,
            class,
            given_len: given.len() as u32,
            family_len: family.len() as u32,
            ..NOBODY
        };
        let len = given.len() + family.len();
        if len <= INLINE {
            first.inline[..given.len()].copy_from_slice(given.as_bytes());
            first.inline[given.len()..len].copy_from_slice(family.as_bytes());
        } else {
            first.written = self.written.len();
            self.written.extend_from_slice(given.as_bytes());
            self.written.extend_from_slice(family.as_bytes());
        }
        first
    }

    /// Appends what a key in [`Firsts::by_key`] starts with: its run and
    /// class ([`KEY_HEAD`] bytes).
    fn put_key_head(out: &mut Vec<u8>, run: usize, class: u32) {
        out.extend_from_slice(&(run as u32).to_le_bytes());
        out.extend_from_slice(&class.to_le_bytes());
    }

    /// The key of the person met in [`Firsts::key`]: `run` and `class`,
    /// then the folded names.
    fn make_key(&mut self, run: usize, given: &str, family: &str, class: u32) {
        self.key.clear();
        Self::put_key_head(&mut self.key, run, class);
        DuplicateFinder::append_key(&mut self.key, given, family);
    }

    /// The folded key of `first`, a [`Firsts::folded_identity`].
    fn folded(&self, first: First) -> &[u8] {
        &self.folded[first.folded..first.folded + first.folded_len as usize]
    }

    /// Whether the person met is of `first`'s identity (`first` is
    /// [`Firsts::identity`] `run`, `at`): one class, and the same names as
    /// written or, failing that, folded.
    #[allow(clippy::too_many_arguments)]
    fn same(
        &mut self,
        first: First,
        run: usize,
        at: Option<u32>,
        given: &str,
        family: &str,
        class: u32,
        key_made: &mut bool,
    ) -> bool {
        if first.class != class {
            return false;
        }
        let (g, f) = first
            .names(&self.written)
            .split_at(first.given_len as usize);
        if g == given.as_bytes() && f == family.as_bytes() {
            return true;
        }
        if !*key_made {
            self.make_key(run, given, family, class);
            *key_made = true;
        }
        let first = self.folded_identity(run, at);
        self.folded(first) == &self.key[KEY_HEAD..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_sort_by_the_high_half_is_a_stable_sort(
            highs in proptest::collection::vec(0u32..6, 0..2000),
            shift in 0u32..25,
        ) {
            // Few distinct high halves (so that runs are long and some
            // passes skipped), the low half the position: stability shows.
            let mut words: Vec<u64> = highs
                .iter()
                .enumerate()
                .map(|(i, &h)| u64::from(h.wrapping_mul(0x0101_0101) << (shift % 8)) << 32 | i as u64)
                .collect();
            let mut want = words.clone();
            want.sort_by_key(|w| w >> 32);
            sort_by_high_half(&mut words);
            proptest::prop_assert_eq!(words, want);
        }
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
    fn a_long_run_of_one_hash_is_told_apart_by_key_in_linear_time() {
        // Three identities under one hash, interleaved: the path for long
        // runs finds what the short one would.
        let names = ["Anne", "Toril", "Kari"];
        let shouted = ["ANNE", "TORIL", "KARI"];
        // Every other one written in capitals: one identity all the same.
        let who = |k: u32| {
            let given = if k.is_multiple_of(2) { names } else { shouted };
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

    #[test]
    fn long_names_are_compared_as_short_ones() {
        // Names longer than a first person holds inline, and one as long as
        // it holds: as written, in capitals (folded), and one letter apart.
        let long = "Anne-Marie Kristine Johannessen";
        let fits = "Kari Elisabeth"; // and "Nordmann": 22 bytes
        let people = [
            (long, "Berg"),
            (fits, "Nordmann"),
            (long, "Berg"),
            ("ANNE-MARIE KRISTINE JOHANNESSEN", "BERG"),
            ("Anne-Marie Kristine Johannessem", "Berg"),
            (fits, "Nordmann"),
            ("KARI ELISABETH", "NORDMANN"),
        ];
        let who = |k: u32| {
            let (g, f) = people[k as usize];
            (g, f, 0)
        };
        let mut finder = DuplicateFinder::with_capacity(8, 1);
        // One hash for all: only the names tell them apart.
        finder.groups = vec![(0..7).map(|i| packed(7, i)).collect()];
        assert_eq!(finder.finish(|| who), [(2, 0), (3, 0), (5, 1), (6, 1)]);
    }

    #[test]
    fn a_run_that_turns_to_its_map_keeps_the_identities_it_met() {
        // Forty identities under one hash, then each again in capitals and
        // in another organisation: the first are compared one by one, the
        // rest found in the map the run turns to past SHORT_RUN.
        let given: Vec<String> = (0..40).map(|i| format!("Kari{i}")).collect();
        let shouted: Vec<String> = given.iter().map(|g| g.to_uppercase()).collect();
        let who = |k: u32| match k {
            0..40 => (given[k as usize].as_str(), "Huse", 0),
            40..80 => (shouted[k as usize - 40].as_str(), "Huse", 0),
            _ => (given[k as usize - 80].as_str(), "Huse", 1),
        };
        let mut finder = DuplicateFinder::with_capacity(120, 1);
        finder.groups = vec![(0..120).map(|i| packed(7, i)).collect()];
        let want: Vec<(u32, u32)> = (40..80).map(|i| (i, i - 40)).collect();
        assert_eq!(finder.finish(|| who), want);
    }
}
