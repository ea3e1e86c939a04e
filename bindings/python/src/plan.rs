//! `MeetingPlan`: a body's series of meetings for a year.

use std::sync::Arc;

use pyo3::prelude::*;

use crate::classes::Meeting;
use crate::convert::{core_work, format_and_language, from_json, ics_options, json};
use crate::errors::to_py_err;
use crate::report::Report;
use crate::time::date_from_py;

/// A body's series of meetings for a year.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
pub(crate) struct MeetingPlan {
    pub(crate) inner: roundtable::MeetingPlan,
}

#[pymethods]
impl MeetingPlan {
    /// A plan of meetings like `template` on `dates` (datetime.date), in
    /// date order, each linked to the one before.
    #[staticmethod]
    fn build(template: PyRef<'_, Meeting>, dates: Vec<Bound<'_, PyAny>>) -> PyResult<Self> {
        let days = dates
            .iter()
            .map(date_from_py)
            .collect::<PyResult<Vec<_>>>()?;
        let meeting = &template.inner;
        let inner = core_work(template.py(), || {
            roundtable::MeetingPlan::build(meeting, &days)
        })?
        .map_err(to_py_err)?;
        Ok(MeetingPlan { inner })
    }
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        let texts: Vec<String> = from_json(text)?;
        let meetings = texts
            .iter()
            .map(|t| roundtable::Meeting::from_json(t).map_err(to_py_err))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(MeetingPlan {
            inner: roundtable::MeetingPlan { meetings },
        })
    }
    /// The meetings (copies).
    #[getter]
    fn meetings(&self) -> Vec<Meeting> {
        self.inner
            .meetings
            .iter()
            .cloned()
            .map(Meeting::wrap)
            .collect()
    }
    /// The meeting before meeting `index`, through its previous-meeting link.
    fn previous_of(&self, index: usize) -> Option<Meeting> {
        self.inner.previous_of(index).cloned().map(Meeting::wrap)
    }
    /// Checks the plan: plan.same_day, plan.weekend, plan.public_holiday.
    fn validate(&self, py: Python<'_>) -> PyResult<Report> {
        Ok(Report {
            inner: Arc::new(core_work(py, || self.inner.validate())?),
        })
    }
    /// The plan as a document: format "markdown" or "html", language "nb"
    /// or "en".
    #[pyo3(signature = (*, format = "markdown", language = "nb"))]
    fn render(&self, py: Python<'_>, format: &str, language: &str) -> PyResult<String> {
        let (format, language) = format_and_language(format, language)?;
        core_work(py, || self.inner.render(format, language))
    }
    /// The plan as PDF/A-2a and PDF/UA-1 (see Meeting.render_pdf).
    #[pyo3(signature = (*, language = "nb"))]
    fn render_pdf(&self, py: Python<'_>, language: &str) -> PyResult<Py<pyo3::types::PyBytes>> {
        let language: roundtable::Language = crate::convert::parse(language)?;
        let rendered = core_work(py, || self.inner.render_pdf(language))?;
        crate::pdf::pdf_to_py(py, rendered)
    }
    /// All the meetings as one calendar file (see Meeting.to_ics).
    #[pyo3(signature = (*, method = "publish", sequence = 0, dtstamp = None))]
    fn to_ics(
        &self,
        py: Python<'_>,
        method: &str,
        sequence: u32,
        dtstamp: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let options = ics_options(method, sequence, dtstamp)?;
        core_work(py, || self.inner.to_ics(&options))?.map_err(to_py_err)
    }
    fn __len__(&self) -> usize {
        self.inner.meetings.len()
    }
    fn __repr__(&self) -> String {
        let dates: Vec<String> = self
            .inner
            .meetings
            .iter()
            .map(|m| m.time.date().to_string())
            .collect();
        format!(
            "<MeetingPlan of {} meetings: {}>",
            dates.len(),
            dates.join(", ")
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, MeetingPlan>>()
            .is_ok_and(|o| o.inner == self.inner)
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let texts: Vec<String> = slf
            .borrow()
            .inner
            .meetings
            .iter()
            .map(|m| m.to_json())
            .collect();
        Ok((slf.get_type().getattr("_from_json")?, (json(&texts),)))
    }
}
