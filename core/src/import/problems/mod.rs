//! What an import meets and reports.

use std::fmt;
use std::sync::Arc;

use crate::codes::{ProblemCode, Severity};
use crate::error::{shorten, Error, ErrorKind};

mod list;

pub use list::{ImportProblems, Iter, ProblemRef};
pub(crate) use list::{TextId, Why};

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
        write_problem(
            f,
            self.line,
            self.column_name.as_deref(),
            &self.reason,
            &self.value,
            self.code,
        )
    }
}

/// A problem as one line of text, owned or borrowed.
fn write_problem(
    f: &mut fmt::Formatter<'_>,
    line: u64,
    column_name: Option<&str>,
    reason: &ProblemReason,
    value: &str,
    code: ProblemCode,
) -> fmt::Result {
    write!(f, "line {line}")?;
    if let Some(name) = column_name {
        write!(f, ", column {name:?}")?;
    }
    write!(f, ": {reason} (value {:?}) [{code}]", shorten(value))
}
