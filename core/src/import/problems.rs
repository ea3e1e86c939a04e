//! What an import meets and reports.

use std::fmt;

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
    /// The column's header, when one column is at fault.
    pub column_name: Option<String>,
    /// The raw value as read (for extra fields: the extra values, joined by
    /// the delimiter).
    pub value: String,
    /// What is wrong or what was expected.
    pub reason: String,
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
            column_name: self.column_name,
            value: Some(self.value),
            code: self.code,
            reason: self.reason,
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
