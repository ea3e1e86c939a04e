//! `AgendaItem`: one item of an agenda.

use pyo3::prelude::*;

use crate::classes::AgendaItem;
use crate::convert::{from_json, value_class};
use crate::elements::{element_class, meeting_list};
use crate::errors::to_py_err;
use crate::time::{date_from_py, date_to_py};

element_class!(AgendaItem, roundtable::AgendaItem);
meeting_list!(AgendaList, AgendaItem, roundtable::AgendaItem, "agenda");

value_class! {
    AgendaItem, from_json = "_from_json";
    fields {
        number, set_number: String => number;
        title, set_title: String => title;
        description, set_description: Option<String> => description;
        duration_minutes, set_duration_minutes: Option<u32> => duration_minutes;
        presenter, set_presenter: Option<String> => presenter;
        decision, set_decision: Option<String> => decision;
    }
    #[new]
    #[pyo3(signature = (
        number, title, kind = "proposal", *, description = None, duration_minutes = None,
        presenter = None, decision = None, meeting_date = None, meeting_id = None,
        speaking_limit_minutes = None, submission_days_after = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        number: String,
        title: String,
        kind: &str,
        description: Option<String>,
        duration_minutes: Option<u32>,
        presenter: Option<String>,
        decision: Option<String>,
        meeting_date: Option<&Bound<'_, PyAny>>,
        meeting_id: Option<String>,
        speaking_limit_minutes: Option<u32>,
        submission_days_after: Option<u32>,
    ) -> PyResult<Self> {
        let mut parts = roundtable::ItemKindParts::new();
        parts.meeting_date = meeting_date.map(date_from_py).transpose()?;
        parts.meeting_id = meeting_id;
        parts.speaking_limit_minutes = speaking_limit_minutes;
        parts.submission_days_after = submission_days_after;
        let kind = roundtable::ItemKind::from_parts(kind, parts).map_err(to_py_err)?;
        let mut inner = roundtable::AgendaItem::new(number, title, kind);
        inner.description = description;
        inner.duration_minutes = duration_minutes;
        inner.presenter = presenter;
        inner.decision = decision;
        Ok(AgendaItem::own(inner))
    }

    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Ok(AgendaItem::own(from_json(text)?))
    }
    /// The kind, as its JSON name ("round_table").
    #[getter]
    fn kind(&self, py: Python<'_>) -> PyResult<&'static str> {
        self.data.read(py, |i| i.kind.name())
    }
    /// For a minutes approval: the day of the earlier meeting.
    #[getter]
    fn meeting_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let date = self.data.read(py, |i| match &i.kind {
            roundtable::ItemKind::MinutesApproval { meeting_date, .. } => Some(*meeting_date),
            _ => None,
        })?;
        date.map(|d| date_to_py(py, d)).transpose()
    }
    /// For a round table: the speaking limit per contribution, in minutes.
    #[getter]
    fn speaking_limit_minutes(&self, py: Python<'_>) -> PyResult<Option<u32>> {
        self.data.read(py, |i| match &i.kind {
            roundtable::ItemKind::RoundTable(rules) => rules.speaking_limit_minutes,
            _ => None,
        })
    }
    /// For a round table: written contributions are due by the end of this
    /// many days after the meeting day.
    #[getter]
    fn submission_days_after(&self, py: Python<'_>) -> PyResult<Option<u32>> {
        self.data.read(py, |i| match &i.kind {
            roundtable::ItemKind::RoundTable(rules) => Some(rules.submission_days_after),
            _ => None,
        })
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.data.read(py, |i| {
            format!("<AgendaItem {:?} {:?} {}>", i.number, i.title, i.kind.name())
        })
    }
}
