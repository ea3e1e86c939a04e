//! `ImportProblem`: something the importer met, as the core reports it.

use pyo3::prelude::*;

use crate::convert::{from_json, value_class};

/// Something the importer met: line, column, value, reason and code.
#[pyclass(module = "roundtable._native", frozen)]
#[derive(Clone)]
pub(crate) struct ImportProblem {
    pub(crate) inner: roundtable::ImportProblem,
}

value_class! {
    ImportProblem, from_json = "_from_json", frozen;
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Ok(ImportProblem {
            inner: from_json(text)?,
        })
    }
    /// The physical line in the file, from 1.
    #[getter]
    fn line(&self) -> u64 {
        self.inner.line
    }
    /// The field's position in the row, from 1; 0 for the whole row.
    #[getter]
    fn column(&self) -> u64 {
        self.inner.column
    }
    /// The column's header, when one column is at fault.
    #[getter]
    fn column_name(&self) -> Option<&str> {
        self.inner.column_name.as_deref()
    }
    /// The raw value as read.
    #[getter]
    fn value(&self) -> &str {
        &self.inner.value
    }
    /// What is wrong or what was expected.
    #[getter]
    fn reason(&self) -> String {
        self.inner.reason.to_string()
    }
    /// The stable code ("roster.email", "import.extra_fields"…).
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }
    /// "error" (the row was skipped) or "warning" (the row was kept).
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity().as_str()
    }
    fn __repr__(&self) -> String {
        format!(
            "<ImportProblem {} at line {}: {}>",
            self.inner.code, self.inner.line, self.inner.reason
        )
    }
}
