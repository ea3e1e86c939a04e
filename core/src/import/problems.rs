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
    /// What is wrong or what was expected (shared by the problems that say
    /// the same: a million-row file may report one reason on every row).
    pub reason: Arc<str>,
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
