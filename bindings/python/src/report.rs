//! `Report` and `Finding`: the findings of one validation.

use std::sync::Arc;

use pyo3::exceptions::PyIndexError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::convert::{from_json, value_class};

/// The findings of one validation.
#[pyclass(module = "roundtable._native", frozen)]
#[derive(Clone)]
pub(crate) struct Report {
    pub(crate) inner: Arc<roundtable::Report>,
}

value_class! {
    Report, from_json = "_from_json", frozen;
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Ok(Report {
            inner: Arc::new(from_json(text)?),
        })
    }
    /// True when there is no finding of severity error.
    #[getter]
    fn ok(&self) -> bool {
        self.inner.is_ok()
    }
    /// The findings of severity error.
    #[getter]
    fn errors(&self) -> Vec<Finding> {
        self.inner
            .errors()
            .cloned()
            .map(|inner| Finding { inner })
            .collect()
    }
    /// The findings of severity warning.
    #[getter]
    fn warnings(&self) -> Vec<Finding> {
        self.inner
            .warnings()
            .cloned()
            .map(|inner| Finding { inner })
            .collect()
    }
    fn __len__(&self) -> usize {
        self.inner.len()
    }
    fn __getitem__(&self, index: isize) -> PyResult<Finding> {
        let len = self.inner.len() as isize;
        let i = if index < 0 { index + len } else { index };
        let found = usize::try_from(i)
            .ok()
            .and_then(|i| self.inner.findings().get(i));
        match found {
            Some(finding) => Ok(Finding {
                inner: finding.clone(),
            }),
            None => Err(PyIndexError::new_err(format!(
                "report index {index} out of range for {len} findings"
            ))),
        }
    }
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let findings: Vec<Finding> = self
            .inner
            .findings()
            .iter()
            .cloned()
            .map(|inner| Finding { inner })
            .collect();
        PyList::new(py, findings)?
            .try_iter()
            .map(|it| it.into_any())
    }
    fn __repr__(&self) -> String {
        format!(
            "<Report: {} errors, {} warnings>",
            self.inner.errors().count(),
            self.inner.warnings().count()
        )
    }
}

/// One finding: a stable code, a severity, the path of the field and a
/// message.
#[pyclass(module = "roundtable._native", frozen)]
#[derive(Clone)]
pub(crate) struct Finding {
    pub(crate) inner: roundtable::Finding,
}

value_class! {
    Finding, from_json = "_from_json", frozen;
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Ok(Finding {
            inner: from_json(text)?,
        })
    }
    /// The stable code ("contribution.late").
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }
    /// "error" or "warning".
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }
    /// The field concerned ("roster[12].email").
    #[getter]
    fn path(&self) -> String {
        self.inner.path.clone()
    }
    #[getter]
    fn message(&self) -> String {
        self.inner.message.clone()
    }
    fn __repr__(&self) -> String {
        format!(
            "<Finding {} {} at {}: {}>",
            self.inner.severity, self.inner.code, self.inner.path, self.inner.message
        )
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
}
