//! The problems of an import read in place: an iterator over them and one
//! problem borrowed, without a copy of its value or its texts.

use std::fmt;

use super::super::{write_problem, ImportProblem, ProblemReason};
use super::{Entry, ImportProblems, TextId, Why, NO_NAME};
use crate::codes::{ProblemCode, Severity};

/// The problems of an [`ImportProblems`], in file order.
#[derive(Clone)]
pub struct Iter<'a> {
    pub(super) problems: &'a ImportProblems,
    pub(super) entries: std::slice::Iter<'a, Entry>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = ProblemRef<'a>;
    fn next(&mut self) -> Option<ProblemRef<'a>> {
        let problems = self.problems;
        self.entries
            .next()
            .map(|entry| ProblemRef { problems, entry })
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.entries.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let problems = self.problems;
        self.entries
            .next_back()
            .map(|entry| ProblemRef { problems, entry })
    }
}

impl ExactSizeIterator for Iter<'_> {}

/// One problem of an [`ImportProblems`], borrowed: what an
/// [`ImportProblem`] holds, read in place.
#[derive(Clone, Copy)]
pub struct ProblemRef<'a> {
    pub(super) problems: &'a ImportProblems,
    pub(super) entry: &'a Entry,
}

impl<'a> ProblemRef<'a> {
    /// The stable code.
    pub fn code(&self) -> ProblemCode {
        self.entry.code
    }

    /// The problem's severity, from its code.
    pub fn severity(&self) -> Severity {
        self.entry.code.severity()
    }

    /// The physical line in the file where the row starts, from 1.
    pub fn line(&self) -> u64 {
        self.entry.line
    }

    /// The field's position in the row, from 1; 0 for the row as a whole.
    pub fn column(&self) -> u64 {
        self.entry.column
    }

    /// The column's header, when one column is at fault.
    pub fn column_name(&self) -> Option<&'a str> {
        let id = self.entry.column_name;
        (id != NO_NAME)
            .then(|| self.problems.texts.get(id as usize))
            .flatten()
            .map(|name| &**name)
    }

    /// The raw value as read (for extra fields: the extra values, joined
    /// by the delimiter).
    pub fn value(&self) -> &'a str {
        self.problems
            .values
            .get(self.entry.value_start..self.entry.value_end)
            .unwrap_or_default()
    }

    /// What is wrong or what was expected.
    pub fn reason(&self) -> ProblemReason {
        match Why::unpacked(self.entry.reason) {
            Why::Text(TextId(id)) => match self.problems.texts.get(id as usize) {
                Some(text) => ProblemReason::from(text.clone()),
                None => ProblemReason::from(""),
            },
            Why::SamePersonAs(line) => ProblemReason::same_person_as(line),
        }
    }

    /// The problem as an owned value.
    pub fn into_owned(self) -> ImportProblem {
        let id = self.entry.column_name;
        ImportProblem {
            code: self.code(),
            line: self.line(),
            column: self.column(),
            column_name: (id != NO_NAME)
                .then(|| self.problems.texts.get(id as usize).cloned())
                .flatten(),
            value: self.value().to_owned(),
            reason: self.reason(),
        }
    }
}

impl From<ProblemRef<'_>> for ImportProblem {
    fn from(problem: ProblemRef<'_>) -> Self {
        problem.into_owned()
    }
}

impl fmt::Debug for ProblemRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportProblem")
            .field("code", &self.code())
            .field("line", &self.line())
            .field("column", &self.column())
            .field("column_name", &self.column_name())
            .field("value", &self.value())
            .field("reason", &self.reason())
            .finish()
    }
}

impl fmt::Display for ProblemRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_problem(
            f,
            self.line(),
            self.column_name(),
            &self.reason(),
            self.value(),
            self.code(),
        )
    }
}

impl PartialEq for ProblemRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
            && self.line() == other.line()
            && self.column() == other.column()
            && self.column_name() == other.column_name()
            && self.value() == other.value()
            && self.reason() == other.reason()
    }
}

impl PartialEq<ImportProblem> for ProblemRef<'_> {
    fn eq(&self, other: &ImportProblem) -> bool {
        self.code() == other.code
            && self.line() == other.line
            && self.column() == other.column
            && self.column_name() == other.column_name.as_deref()
            && self.value() == other.value
            && self.reason() == other.reason
    }
}

/// As an [`ImportProblem`].
impl serde::Serialize for ProblemRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("ImportProblem", 6)?;
        s.serialize_field("code", &self.code())?;
        s.serialize_field("line", &self.line())?;
        s.serialize_field("column", &self.column())?;
        s.serialize_field("column_name", &self.column_name())?;
        s.serialize_field("value", self.value())?;
        s.serialize_field("reason", &self.reason())?;
        s.end()
    }
}
