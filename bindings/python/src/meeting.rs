//! `Meeting`: one meeting, read and written as JSON, validated, rendered.

use std::sync::Arc;

use pyo3::prelude::*;

use crate::agenda::AgendaItem;
use crate::contribution::Contribution;
use crate::convert::{core_work, format_and_language, ics_options, parse, value_class};
use crate::errors::to_py_err;
use crate::report::Report;
use crate::roster::Roster;
use crate::time::{date_from_py, date_to_py, meeting_time_from_py, zoned_to_py};

/// One meeting of a cooperation group: notice, agenda, roster and
/// contributions.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
pub(crate) struct Meeting {
    pub(crate) inner: roundtable::Meeting,
}

value_class! {
    Meeting, from_json = "from_json";
    fields {
        id, set_id: String => id;
        number, set_number: Option<String> => number;
        body, set_body: String => body;
        organiser, set_organiser: String => organiser;
        title, set_title: String => title;
        venue, set_venue: String => location.venue;
        room, set_room: Option<String> => location.room;
        directions, set_directions: Option<String> => location.directions;
    }
    #[new]
    #[pyo3(signature = (id, body, title, start, end, venue, *, organiser = "", zone = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        id: String,
        body: String,
        title: String,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        venue: String,
        organiser: &str,
        zone: Option<&str>,
    ) -> PyResult<Self> {
        let time = meeting_time_from_py(start, end, zone)?;
        let mut inner = roundtable::Meeting::new(id, body, title, time, venue);
        inner.organiser = organiser.to_owned();
        Ok(Meeting { inner })
    }

    /// Reads a meeting document (JSON text).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = core_work(py, || roundtable::Meeting::from_json(text))?.map_err(to_py_err)?;
        Ok(Meeting { inner })
    }

    /// Reads a meeting document from a file.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let inner = core_work(py, || roundtable::Meeting::load(&path))?.map_err(to_py_err)?;
        Ok(Meeting { inner })
    }

    /// The meeting as a JSON document.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        core_work(py, || self.inner.to_json())
    }

    /// The meeting as plain Python data (dicts, lists, strings, numbers).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (self.inner.to_json(),))
    }

    /// Validates the meeting: every finding, each with a stable code.
    #[pyo3(signature = (*, min_notice_days = 7, quorum = false))]
    fn validate(slf: &Bound<'_, Self>, min_notice_days: u32, quorum: bool) -> PyResult<Report> {
        let options = roundtable::ValidationOptions::default()
            .with_min_notice_days(min_notice_days)
            .with_quorum(quorum);
        // Work on a copy, without the GIL and without a borrow of the
        // object: another thread may change the meeting meanwhile (its
        // change shows in the next call, and it never waits or fails).
        let meeting = slf.borrow().inner.clone();
        let report = core_work(slf.py(), move || meeting.validate_with(&options))?;
        Ok(Report {
            inner: Arc::new(report),
        })
    }

    /// The calendar file (iCalendar, RFC 5545) of the meeting. `method` is
    /// "publish" (no attendees), "request" (an invitation to every roster
    /// person with an email) or "cancel"; raise `sequence` for an update;
    /// `dtstamp` (an aware datetime) is now when None.
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

    /// Renders a document of the meeting: `document` "notice", "agenda" or
    /// "minutes"; `format` "markdown" or "html"; `language` "nb" or "en".
    #[pyo3(signature = (document, *, format = "markdown", language = "nb"))]
    fn render(
        slf: &Bound<'_, Self>,
        document: &str,
        format: &str,
        language: &str,
    ) -> PyResult<String> {
        let document: roundtable::Document = parse(document)?;
        let (format, language) = format_and_language(format, language)?;
        // A copy, as in `validate`: a writer on another thread never meets
        // a borrow held while the GIL is released.
        let meeting = slf.borrow().inner.clone();
        core_work(slf.py(), move || meeting.render(document, format, language))
    }

    /// The IANA time zone of the meeting ("Europe/Oslo").
    #[getter]
    fn zone(&self) -> &'static str {
        self.inner.time.zone().name()
    }
    /// The start, as an aware datetime with the offset the library's own zone
    /// rules give it (a fixed-offset tzinfo named like "CET"), so that it
    /// agrees with Rust, C and the .ics on any host.
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        zoned_to_py(py, self.inner.time.start(), self.inner.time.zone())
    }
    /// The end, as an aware datetime with the offset the library's own zone
    /// rules give it (a fixed-offset tzinfo named like "CET"), so that it
    /// agrees with Rust, C and the .ics on any host.
    #[getter]
    fn end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        zoned_to_py(py, self.inner.time.end(), self.inner.time.zone())
    }
    /// Moves the meeting. Aware datetimes only; a wall time that the zone
    /// skips or repeats raises ValueError.
    #[pyo3(signature = (start, end, *, zone = None))]
    fn set_time(
        &mut self,
        start: &Bound<'_, PyAny>,
        end: &Bound<'_, PyAny>,
        zone: Option<&str>,
    ) -> PyResult<()> {
        self.inner.time = meeting_time_from_py(start, end, zone)?;
        Ok(())
    }
    /// The date of the notice (the letter), if there is one.
    #[getter]
    fn notice_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .notice
            .as_ref()
            .map(|n| date_to_py(py, n.date))
            .transpose()
    }
    #[setter]
    fn set_notice_date(&mut self, value: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        match value {
            None => self.inner.notice = None,
            Some(value) => {
                let date = date_from_py(value)?;
                match &mut self.inner.notice {
                    Some(notice) => notice.date = date,
                    None => self.inner.notice = Some(roundtable::Notice::new(date)),
                }
            }
        }
        Ok(())
    }
    /// The agenda items, in order (copies: assign the list to change it).
    #[getter]
    fn agenda(&self) -> Vec<AgendaItem> {
        self.inner
            .agenda
            .iter()
            .cloned()
            .map(|inner| AgendaItem { inner })
            .collect()
    }
    #[setter]
    fn set_agenda(&mut self, items: Vec<PyRef<'_, AgendaItem>>) {
        self.inner.agenda = items.iter().map(|i| i.inner.clone()).collect();
    }
    /// Adds an item at the end of the agenda.
    fn add_item(&mut self, item: PyRef<'_, AgendaItem>) {
        self.inner.agenda.push(item.inner.clone());
    }
    /// The contributions (copies: assign the list to change it).
    #[getter]
    fn contributions(&self) -> Vec<Contribution> {
        self.inner
            .contributions
            .iter()
            .cloned()
            .map(|inner| Contribution { inner })
            .collect()
    }
    #[setter]
    fn set_contributions(&mut self, items: Vec<PyRef<'_, Contribution>>) {
        self.inner.contributions = items.iter().map(|c| c.inner.clone()).collect();
    }
    /// Adds a contribution.
    fn add_contribution(&mut self, contribution: PyRef<'_, Contribution>) {
        self.inner.contributions.push(contribution.inner.clone());
    }
    /// The invited people (a copy: assign a Roster to change it).
    #[getter]
    fn roster(&self) -> Roster {
        Roster::from_core(self.inner.roster.clone(), Vec::new(), None)
    }
    #[setter]
    fn set_roster(&mut self, roster: PyRef<'_, Roster>) {
        self.inner.roster = roster.data.roster.clone();
    }

    fn __repr__(&self) -> String {
        format!(
            "<Meeting {:?} {} {}, {} items, {} people, {} contributions>",
            self.inner.id,
            self.inner.time.start_local().format("%Y-%m-%d %H:%M"),
            self.inner.time.zone().name(),
            self.inner.agenda.len(),
            self.inner.roster.len(),
            self.inner.contributions.len()
        )
    }
}
