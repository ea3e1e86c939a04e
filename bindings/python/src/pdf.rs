//! A document as PDF for Python: its bytes, and each of the render's
//! warnings issued as a `roundtable.RenderWarning` carrying its Finding.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::to_py_err;
use crate::report::Finding;

/// The bytes of `rendered` (or its error), its warnings issued first.
pub(crate) fn pdf_to_py(
    py: Python<'_>,
    rendered: roundtable::Result<roundtable::RenderedPdf>,
) -> PyResult<Py<PyBytes>> {
    let pdf = rendered.map_err(to_py_err)?;
    if !pdf.warnings().is_empty() {
        let class = py.import("roundtable._errors")?.getattr("RenderWarning")?;
        let warn = py.import("warnings")?.getattr("warn")?;
        for finding in pdf.warnings().findings() {
            let text = finding.to_string();
            let warning = class.call1((
                text,
                Finding {
                    inner: finding.clone(),
                },
            ))?;
            // stacklevel 2: the warning points at the caller's line.
            warn.call1((warning, py.None(), 2))?;
        }
    }
    Ok(PyBytes::new(py, pdf.bytes()).unbind())
}
