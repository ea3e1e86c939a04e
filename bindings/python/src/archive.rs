//! `ArchivePackage` and `ArchiveFile`: a meeting in the archive's form.
//! Results, frozen.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

/// One file of an archive package: an XML message or a document it refers
/// to.
#[pyclass(module = "roundtable._native", frozen)]
pub(crate) struct ArchiveFile {
    inner: roundtable::ArchiveFile,
}

#[pymethods]
impl ArchiveFile {
    /// Its file name in the package ("innkalling.html").
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// Its content.
    #[getter]
    fn data<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.inner.bytes)
    }
    /// Its media type.
    #[getter]
    fn mime(&self) -> &'static str {
        self.inner.mime
    }
    /// Its SHA-256, lower-case hex.
    #[getter]
    fn sha256(&self) -> &str {
        &self.inner.sha256
    }
    fn __repr__(&self) -> String {
        format!(
            "ArchiveFile({:?}, {} bytes)",
            self.inner.name,
            self.inner.bytes.len()
        )
    }
}

/// The XML messages of an export and the files they refer to.
#[pyclass(module = "roundtable._native", frozen)]
pub(crate) struct ArchivePackage {
    inner: roundtable::ArchivePackage,
}

impl ArchivePackage {
    pub(crate) fn wrap(inner: roundtable::ArchivePackage) -> Self {
        ArchivePackage { inner }
    }
}

fn files(list: &[roundtable::ArchiveFile]) -> Vec<ArchiveFile> {
    list.iter()
        .map(|f| ArchiveFile { inner: f.clone() })
        .collect()
}

#[pymethods]
impl ArchivePackage {
    /// The XML: "arkivstruktur.xml" for a meeting folder; one message per
    /// record of a case.
    #[getter]
    fn messages(&self) -> Vec<ArchiveFile> {
        files(&self.inner.messages)
    }
    /// The documents the XML refers to.
    #[getter]
    fn files(&self) -> Vec<ArchiveFile> {
        files(&self.inner.files)
    }
    fn __repr__(&self) -> String {
        format!(
            "ArchivePackage({} messages, {} files)",
            self.inner.messages.len(),
            self.inner.files.len()
        )
    }
}
