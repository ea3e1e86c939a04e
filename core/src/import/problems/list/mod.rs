//! The problems of an import as they are kept: compactly, for a file may
//! have more problems than rows. Reading them in place is `view`.

use std::fmt;
use std::sync::Arc;

mod view;

use super::{ImportProblem, Reason};
use crate::codes::{ProblemCode, Severity};
pub use view::{Iter, ProblemRef};

/// The problems of an import, in file order, kept compactly: a few words
/// for each, their values in one text and their reasons and column names
/// shared. A file with a job title on every row and half its rows repeated
/// has more problems than people; kept as one [`ImportProblem`] each
/// (with a text of its own), they were most of such an import's memory and
/// of its time, allocating and freeing.
///
/// Read a problem with [`ImportProblems::get`] or [`ImportProblems::iter`],
/// as a [`ProblemRef`] that borrows from here; [`ProblemRef::into_owned`]
/// gives an [`ImportProblem`] to keep.
///
/// An import keeps the first [`ImportOptions::max_problems_per_code`]
/// problems of each code (in file order) and counts the rest: a file with
/// six problems on every row would otherwise need many times its size for
/// them. [`ImportProblems::count`] is always exact;
/// [`ImportProblems::not_kept`] says how many were counted and not kept.
///
/// [`ImportOptions::max_problems_per_code`]: crate::ImportOptions::max_problems_per_code
///
/// # Example
///
/// ```
/// use roundtable::{ImportOptions, ProblemCode, Roster};
///
/// let csv = "Fornavn;Etternavn;E-post\nKari;Nordmann;kari@@example.no\n";
/// let import = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default())?;
/// assert_eq!(import.problems.len(), 1);
/// let problem = import.problems.get(0).unwrap();
/// assert_eq!(problem.code(), ProblemCode::RosterEmail);
/// assert_eq!((problem.line(), problem.column()), (2, 3));
/// assert_eq!(problem.column_name(), Some("E-post"));
/// assert_eq!(problem.value(), "kari@@example.no");
/// assert!(import.problems.iter().all(|p| p.line() == 2));
/// # Ok::<(), roundtable::Error>(())
/// ```
#[derive(Clone)]
pub struct ImportProblems {
    entries: Vec<Entry>,
    /// Every problem's value, one after the other.
    values: String,
    /// The reasons and column names, each once (or once per part of the
    /// input it was met in).
    texts: Vec<Arc<str>>,
    /// How many problems there are of each code, by the code's place among
    /// all codes: what an import's summary counts, without a pass over a
    /// list that may be longer than the file.
    counts: [usize; ProblemCode::ALL.len()],
    /// How many of each code are kept in `entries`.
    kept: [usize; ProblemCode::ALL.len()],
    /// The most problems of one code kept; the rest are only counted.
    limit: usize,
    /// The row being read, whose problems may yet be dropped with it.
    row: Row,
}

/// The problems of the row being read: where its kept ones start, and the
/// codes of those counted and not kept (so that dropping the row's
/// problems uncounts them too). `open` only between
/// [`ImportProblems::start_row`] and [`ImportProblems::end_rows`], so that
/// the problems found after the rows (a million duplicates) are not logged.
#[derive(Clone, Default)]
struct Row {
    start: usize,
    unkept: Vec<ProblemCode>,
    open: bool,
}

impl Default for ImportProblems {
    fn default() -> Self {
        ImportProblems {
            entries: Vec::new(),
            values: String::new(),
            texts: Vec::new(),
            counts: [0; ProblemCode::ALL.len()],
            kept: [0; ProblemCode::ALL.len()],
            limit: usize::MAX,
            row: Row::default(),
        }
    }
}

/// One problem as kept: 48 bytes.
#[derive(Clone, Copy)]
struct Entry {
    line: u64,
    column: u64,
    /// The value's range in [`ImportProblems::values`].
    value_start: usize,
    value_end: usize,
    /// A [`Why`], in one word: a text's index, or a line with the top bit
    /// set.
    reason: u64,
    /// The column name's index in [`ImportProblems::texts`], or
    /// [`NO_NAME`].
    column_name: u32,
    code: ProblemCode,
}

const NO_NAME: u32 = u32::MAX;

/// A text of an [`ImportProblems`]: a reason or a column name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextId(u32);

/// The reason of a problem as kept: a text, or the line a duplicate
/// repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    Text(TextId),
    SamePersonAs(u64),
}

const SAME_PERSON: u64 = 1 << 63;

impl Why {
    fn packed(self) -> u64 {
        match self {
            Why::Text(TextId(id)) => u64::from(id),
            // No file has 2^63 lines.
            Why::SamePersonAs(line) => line | SAME_PERSON,
        }
    }

    fn unpacked(word: u64) -> Why {
        if word & SAME_PERSON != 0 {
            Why::SamePersonAs(word & !SAME_PERSON)
        } else {
            Why::Text(TextId(word as u32))
        }
    }
}

impl ImportProblems {
    /// No problems, and room for any number.
    pub fn new() -> Self {
        Self::default()
    }

    /// No problems; of each code, the first `limit` will be kept (at least
    /// one: every code met has an example) and the rest counted.
    pub(crate) fn with_limit(limit: usize) -> Self {
        ImportProblems {
            limit: limit.max(1),
            ..Self::default()
        }
    }

    /// The most problems of one code kept ([`usize::MAX`] for a list built
    /// by hand).
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// How many problems are kept (and read by [`ImportProblems::iter`]).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none are kept (then none were met either: at least one of
    /// each code met is kept).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many problems there are with `code`, kept or only counted:
    /// always exact.
    pub fn count(&self, code: ProblemCode) -> usize {
        self.counts.get(code as usize).copied().unwrap_or(0)
    }

    /// How many problems were met, kept or only counted.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// The codes of which problems were counted and not kept (past the
    /// limit), and how many of each, in the order of [`ProblemCode::ALL`].
    pub fn not_kept(&self) -> impl Iterator<Item = (ProblemCode, usize)> + '_ {
        ProblemCode::ALL
            .iter()
            .map(|&code| {
                let i = code as usize;
                (code, self.counts[i].saturating_sub(self.kept[i]))
            })
            .filter(|&(_, n)| n > 0)
    }

    /// Whether one more problem of `code` would be kept: a caller that
    /// writes a text for each problem may skip writing it.
    pub(crate) fn keeps(&self, code: ProblemCode) -> bool {
        self.kept
            .get(code as usize)
            .is_some_and(|&n| n < self.limit)
    }

    /// Counts `n` more problems of `code` that are not kept (in the row
    /// being read, if one is).
    pub(crate) fn count_unkept(&mut self, code: ProblemCode, n: usize) {
        if let Some(count) = self.counts.get_mut(code as usize) {
            *count += n;
        }
        if self.row.open {
            self.row.unkept.extend(std::iter::repeat_n(code, n));
        }
    }

    /// The codes met and how many problems have each, in the order of
    /// [`ProblemCode::ALL`].
    pub fn counts(&self) -> impl Iterator<Item = (ProblemCode, usize)> + '_ {
        ProblemCode::ALL
            .iter()
            .map(|&code| (code, self.count(code)))
            .filter(|&(_, n)| n > 0)
    }

    /// Uncounts a problem of `code` that is dropped (kept or not).
    fn uncount(&mut self, code: ProblemCode, was_kept: bool) {
        let i = code as usize;
        if let Some(n) = self.counts.get_mut(i) {
            *n = n.saturating_sub(1);
        }
        if was_kept {
            if let Some(n) = self.kept.get_mut(i) {
                *n = n.saturating_sub(1);
            }
        }
    }

    /// Adds `other`'s counts to these.
    fn add_counts(&mut self, other: &ImportProblems) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            *mine += theirs;
        }
        for (mine, theirs) in self.kept.iter_mut().zip(other.kept) {
            *mine += theirs;
        }
    }

    /// Drops the kept problems past the limit of their code (after lists
    /// kept each up to the limit were joined), the first ones in file order
    /// staying; the counts stay as they are.
    fn trim(&mut self) {
        if self.kept.iter().all(|&n| n <= self.limit) {
            return;
        }
        let mut seen = [0usize; ProblemCode::ALL.len()];
        let limit = self.limit;
        let old_values = std::mem::take(&mut self.values);
        self.entries.retain_mut(|entry| {
            let n = &mut seen[entry.code as usize];
            *n += 1;
            if *n > limit {
                return false;
            }
            let start = self.values.len();
            self.values
                .push_str(&old_values[entry.value_start..entry.value_end]);
            entry.value_start = start;
            entry.value_end = self.values.len();
            true
        });
        for (kept, seen) in self.kept.iter_mut().zip(seen) {
            *kept = seen.min(limit);
        }
    }

    /// Problem `index` (in file order), if there are that many.
    pub fn get(&self, index: usize) -> Option<ProblemRef<'_>> {
        self.entries.get(index).map(|entry| ProblemRef {
            problems: self,
            entry,
        })
    }

    /// The problems in file order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            problems: self,
            entries: self.entries.iter(),
        }
    }

    /// The problems as owned values, in file order.
    pub fn to_vec(&self) -> Vec<ImportProblem> {
        self.iter().map(|p| p.into_owned()).collect()
    }

    /// Adds `problem` at the end (file order is the caller's to keep).
    pub fn push(&mut self, problem: ImportProblem) {
        let column_name = problem.column_name.map(|name| self.text(name));
        let reason = match problem.reason.0 {
            Reason::Text(text) => Why::Text(self.text(text)),
            Reason::SamePersonAs(line) => Why::SamePersonAs(line),
        };
        self.push_value(
            problem.code,
            problem.line,
            problem.column,
            column_name,
            &problem.value,
            reason,
        );
    }

    /// Keeps `text` (a reason or a column name) for the problems to come.
    pub(crate) fn text(&mut self, text: impl Into<Arc<str>>) -> TextId {
        let id = TextId(self.texts.len() as u32);
        self.texts.push(text.into());
        id
    }

    /// Room for `additional` more problems, as far as they can be kept:
    /// no more than the limit of each code met so far (or of one code, if
    /// none was).
    pub(crate) fn reserve(&mut self, additional: usize) {
        let met = self.counts.iter().filter(|&&n| n > 0).count().max(1);
        let room: usize = self.limit.saturating_mul(met).saturating_sub(self.len());
        let additional = additional.min(room);
        self.entries.reserve(additional);
        // A value is a cell: a score of bytes.
        self.values.reserve(additional.saturating_mul(24));
    }

    /// Adds a problem whose value `write_value` writes.
    pub(crate) fn push_entry(
        &mut self,
        code: ProblemCode,
        line: u64,
        column: u64,
        column_name: Option<TextId>,
        reason: Why,
        write_value: impl FnOnce(&mut String),
    ) {
        let i = code as usize;
        self.counts[i] += 1;
        if self.kept[i] >= self.limit {
            if self.row.open {
                self.row.unkept.push(code);
            }
            return;
        }
        self.kept[i] += 1;
        let value_start = self.values.len();
        write_value(&mut self.values);
        self.entries.push(Entry {
            line,
            column,
            value_start,
            value_end: self.values.len(),
            reason: reason.packed(),
            column_name: column_name.map_or(NO_NAME, |TextId(id)| id),
            code,
        });
    }

    /// Adds a problem with `value`.
    pub(crate) fn push_value(
        &mut self,
        code: ProblemCode,
        line: u64,
        column: u64,
        column_name: Option<TextId>,
        value: &str,
        reason: Why,
    ) {
        self.push_entry(code, line, column, column_name, reason, |values| {
            values.push_str(value)
        });
    }

    /// A new row: its problems, from here on, may be dropped with it
    /// ([`ImportProblems::retain_row`]).
    pub(crate) fn start_row(&mut self) {
        self.row.start = self.entries.len();
        self.row.unkept.clear();
        self.row.open = true;
    }

    /// The rows are read: what comes now belongs to no row.
    pub(crate) fn end_rows(&mut self) {
        self.row = Row::default();
    }

    /// The row's first kept problem whose severity is an error.
    pub(crate) fn first_error_in_row(&self) -> Option<ProblemRef<'_>> {
        self.entries
            .get(self.row.start..)?
            .iter()
            .find_map(|entry| {
                (entry.code.severity() == Severity::Error).then_some(ProblemRef {
                    problems: self,
                    entry,
                })
            })
    }

    /// Keeps, of the row's problems, those whose code `keep` accepts, and
    /// their values; the others are uncounted, kept or not.
    pub(crate) fn retain_row(&mut self, keep: impl Fn(ProblemCode) -> bool) {
        let unkept = std::mem::take(&mut self.row.unkept);
        for &code in &unkept {
            if !keep(code) {
                self.uncount(code, false);
            }
        }
        self.row.unkept = unkept;
        self.row.unkept.retain(|&code| keep(code));
        let start = self.row.start;
        let Some(tail) = self.entries.get(start..) else {
            return;
        };
        let Some(values_start) = tail.first().map(|e| e.value_start) else {
            return;
        };
        let (tail, dropped): (Vec<Entry>, Vec<Entry>) =
            tail.iter().copied().partition(|e| keep(e.code));
        for entry in dropped {
            self.uncount(entry.code, true);
        }
        let old_values = self.values.split_off(values_start);
        self.entries.truncate(start);
        for mut entry in tail {
            let value =
                &old_values[entry.value_start - values_start..entry.value_end - values_start];
            entry.value_start = self.values.len();
            self.values.push_str(value);
            entry.value_end = self.values.len();
            self.entries.push(entry);
        }
    }

    /// Two lists of problems, each in line order, as one; on one line,
    /// those of `self` come first (as a stable sort of `self` then `other`
    /// has them).
    pub(crate) fn merge_by_line(self, other: ImportProblems) -> ImportProblems {
        self.merge_all_by_line(vec![other])
    }

    /// Takes `other`'s problems after this one's.
    pub(crate) fn append(&mut self, other: ImportProblems) {
        let (entries, values, texts) = self.take_texts(other);
        self.entries
            .extend(entries.into_iter().map(|e| e.moved(values, texts)));
        self.trim();
    }

    /// Takes `other`'s counts, values and texts after this list's; gives its
    /// entries with the offsets they are to be moved by.
    fn take_texts(&mut self, other: ImportProblems) -> Placed {
        self.add_counts(&other);
        let (values, texts) = (self.values.len(), self.texts.len() as u32);
        self.values.push_str(&other.values);
        self.texts.extend(other.texts);
        (other.entries, values, texts)
    }

    /// As [`ImportProblems::merge_by_line`], of the lists `others` one
    /// after the other (built in shares, in line order together): each
    /// share's values are copied once, straight to their place, and its
    /// entries merged from where they are (not gathered into one list
    /// first: at a million rows, 20 MB written for nothing).
    pub(crate) fn merge_all_by_line(mut self, others: Vec<ImportProblems>) -> ImportProblems {
        self.values
            .reserve(others.iter().map(|o| o.values.len()).sum());
        let shares: Vec<Placed> = others
            .into_iter()
            .map(|other| self.take_texts(other))
            .collect();
        self.entries = merge_by_line(std::mem::take(&mut self.entries), shares);
        self.trim();
        self
    }
}

impl Entry {
    /// This entry after its list's values and texts were put after
    /// `values` bytes and `texts` texts.
    fn moved(mut self, values: usize, texts: u32) -> Entry {
        self.value_start += values;
        self.value_end += values;
        if self.column_name != NO_NAME {
            self.column_name += texts;
        }
        if let Why::Text(TextId(id)) = Why::unpacked(self.reason) {
            self.reason = Why::Text(TextId(id + texts)).packed();
        }
        self
    }
}

impl fmt::Debug for ImportProblems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Equal when the problems are, one by one (however they are kept).
impl PartialEq for ImportProblems {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for ImportProblems {}

impl PartialEq<Vec<ImportProblem>> for ImportProblems {
    fn eq(&self, other: &Vec<ImportProblem>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

impl PartialEq<ImportProblems> for Vec<ImportProblem> {
    fn eq(&self, other: &ImportProblems) -> bool {
        other == self
    }
}

impl FromIterator<ImportProblem> for ImportProblems {
    fn from_iter<I: IntoIterator<Item = ImportProblem>>(iter: I) -> Self {
        let mut problems = ImportProblems::new();
        problems.extend(iter);
        problems
    }
}

impl Extend<ImportProblem> for ImportProblems {
    fn extend<I: IntoIterator<Item = ImportProblem>>(&mut self, iter: I) {
        for problem in iter {
            self.push(problem);
        }
    }
}

impl From<Vec<ImportProblem>> for ImportProblems {
    fn from(problems: Vec<ImportProblem>) -> Self {
        problems.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a ImportProblems {
    type Item = ProblemRef<'a>;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// As a list of [`ImportProblem`]s.
impl serde::Serialize for ImportProblems {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> serde::Deserialize<'de> for ImportProblems {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<ImportProblem>::deserialize(deserializer).map(ImportProblems::from)
    }
}

/// A list's entries with the offsets of its values and texts where they
/// are put: each entry is moved by them as it is placed.
type Placed = (Vec<Entry>, usize, u32);

/// Two lists of entries, each in line order, as one; on one line, those
/// of `first` come first (as a stable sort of `first` then the second has
/// them). The second list is `shares`, one after the other. Merged in
/// place: a million-row file may have a million problems, and a second
/// list of them would double the import's peak.
fn merge_by_line(mut first: Vec<Entry>, shares: Vec<Placed>) -> Vec<Entry> {
    let count: usize = shares.iter().map(|(entries, _, _)| entries.len()).sum();
    let Some(&hole) = shares.iter().find_map(|(entries, _, _)| entries.first()) else {
        return first;
    };
    let mut i = first.len();
    // Room at the end, then filled from the back: the last of either list
    // goes last (the second's, on one line), so nothing is moved twice.
    first.resize(i + count, hole);
    let mut k = first.len();
    for (entries, values, texts) in shares.into_iter().rev() {
        for last in entries.into_iter().rev() {
            while i > 0 && first[i - 1].line > last.line {
                k -= 1;
                i -= 1;
                first[k] = first[i];
            }
            k -= 1;
            first[k] = last.moved(values, texts);
        }
    }
    // The first list's rest is where it was.
    first
}

#[cfg(test)]
mod tests;
