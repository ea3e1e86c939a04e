//! What an import meets and reports.

use std::fmt;
use std::sync::Arc;

use crate::codes::{ProblemCode, Severity};
use crate::error::{shorten, Error, ErrorKind};

/// Something the importer met and reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportProblem {
    /// The stable code.
    pub code: ProblemCode,
    /// The physical line in the file where the row starts, from 1.
    pub line: u64,
    /// The field's position in the row, from 1; 0 for the row as a whole.
    pub column: u64,
    /// The column's header, when one column is at fault (shared by the
    /// problems of one column).
    pub column_name: Option<Arc<str>>,
    /// The raw value as read (for extra fields: the extra values, joined by
    /// the delimiter).
    pub value: String,
    /// What is wrong or what was expected.
    pub reason: ProblemReason,
}

/// What is wrong with an imported value, or what was expected: a text
/// shared by the problems that say the same (a million-row file may report
/// one reason on every row), or, for a duplicate person, the line of the
/// row it repeats, written out when read. A file with half its rows
/// repeated gives as many reasons as duplicates, none of which need be
/// written (or kept) as text until someone reads it.
///
/// # Example
///
/// ```
/// use roundtable::ProblemReason;
///
/// let reason = ProblemReason::from("email is empty");
/// assert_eq!(reason.as_str(), "email is empty");
/// assert_eq!(reason, "email is empty");
/// assert_eq!(reason.to_string(), "email is empty");
/// ```
#[derive(Clone)]
pub struct ProblemReason(Reason);

#[derive(Clone)]
enum Reason {
    Text(Arc<str>),
    /// A duplicate of the person on this line.
    SamePersonAs(u64),
}

impl ProblemReason {
    /// The reason of a duplicate person: the same person as on `line`.
    pub(crate) fn same_person_as(line: u64) -> Self {
        ProblemReason(Reason::SamePersonAs(line))
    }

    /// The reason as text.
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match &self.0 {
            Reason::Text(text) => std::borrow::Cow::Borrowed(text),
            Reason::SamePersonAs(line) => std::borrow::Cow::Owned(format!(
                "the same person as on line {line}; both rows are kept"
            )),
        }
    }
}

impl From<Arc<str>> for ProblemReason {
    fn from(text: Arc<str>) -> Self {
        ProblemReason(Reason::Text(text))
    }
}

impl From<&str> for ProblemReason {
    fn from(text: &str) -> Self {
        ProblemReason(Reason::Text(text.into()))
    }
}

impl From<String> for ProblemReason {
    fn from(text: String) -> Self {
        ProblemReason(Reason::Text(text.into()))
    }
}

impl fmt::Display for ProblemReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl fmt::Debug for ProblemReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.as_str(), f)
    }
}

/// Equal when the texts are: a reason read back from JSON is its text.
impl PartialEq for ProblemReason {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Reason::SamePersonAs(a), Reason::SamePersonAs(b)) => a == b,
            _ => self.as_str() == other.as_str(),
        }
    }
}

impl Eq for ProblemReason {}

impl PartialEq<str> for ProblemReason {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ProblemReason {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl serde::Serialize for ProblemReason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for ProblemReason {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(ProblemReason::from)
    }
}

impl ImportProblem {
    /// The problem's severity, from its code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub(super) fn into_error(self) -> Error {
        Error::new(ErrorKind::Csv {
            line: self.line,
            column: self.column,
            column_name: self.column_name.map(|name| name.to_string()),
            value: Some(self.value),
            code: self.code,
            reason: self.reason.to_string(),
        })
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(name) = &self.column_name {
            write!(f, ", column {name:?}")?;
        }
        write!(
            f,
            ": {} (value {:?}) [{}]",
            self.reason,
            shorten(&self.value),
            self.code
        )
    }
}

/// Two lists of problems, each in line order, as one; on one line, those
/// of `first` come first (as a stable sort of `first` then `second` has
/// them). Merged in place: a million-row file may have a million problems,
/// and a second list of them would double the import's peak.
pub(super) fn merge_by_line(
    mut first: Vec<ImportProblem>,
    mut second: Vec<ImportProblem>,
) -> Vec<ImportProblem> {
    let mut i = first.len();
    // Room at the end, then filled from the back: the last of either list
    // goes last (the second's, on one line), so nothing is moved twice.
    let hole = ImportProblem {
        code: ProblemCode::NoRows,
        line: 0,
        column: 0,
        column_name: None,
        value: String::new(),
        // No text to count: the hole is copied into every slot.
        reason: ProblemReason::same_person_as(0),
    };
    first.resize(i + second.len(), hole);
    for k in (0..first.len()).rev() {
        let Some(last) = second.last() else {
            // The first list's rest is where it was.
            break;
        };
        if i > 0 && first[i - 1].line > last.line {
            first.swap(k, i - 1);
            i -= 1;
        } else if let Some(problem) = second.pop() {
            first[k] = problem;
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem_at(line: u64, value: &str) -> ImportProblem {
        ImportProblem {
            code: ProblemCode::DuplicatePerson,
            line,
            column: 0,
            column_name: None,
            value: value.to_owned(),
            reason: "".into(),
        }
    }

    #[test]
    fn problems_merge_by_line_the_first_list_first_on_a_line() {
        let first: Vec<ImportProblem> = [(2, "a"), (2, "b"), (5, "c"), (9, "d")]
            .iter()
            .map(|&(l, v)| problem_at(l, v))
            .collect();
        let second: Vec<ImportProblem> = [(1, "w"), (2, "x"), (6, "y"), (12, "z")]
            .iter()
            .map(|&(l, v)| problem_at(l, v))
            .collect();
        let merged = merge_by_line(first.clone(), second.clone());
        let values: Vec<&str> = merged.iter().map(|p| p.value.as_str()).collect();
        assert_eq!(values, ["w", "a", "b", "x", "c", "y", "d", "z"]);
        // As a stable sort has it.
        let mut sorted = [first.clone(), second.clone()].concat();
        sorted.sort_by_key(|p| p.line);
        assert_eq!(merged, sorted);
        assert_eq!(merge_by_line(first.clone(), Vec::new()), first);
        assert_eq!(merge_by_line(Vec::new(), second.clone()), second);
    }
}
