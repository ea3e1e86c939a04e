//! The Python module of roundtable, `roundtable._native`, behind the public
//! `roundtable` package.
//!
//! A translation of the `roundtable` crate, nothing more: each class wraps a
//! core value, converts arguments, and delegates. Long work (CSV import,
//! validation) runs with the GIL released. The exceptions are defined in
//! Python (`roundtable/_errors.py`); `to_py_err` is the one place a core
//! error becomes one of them.

use std::sync::Arc;

use pyo3::exceptions::{PyIndexError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PyString};
use roundtable_core as core;

mod time;

use time::{
    date_from_py, date_to_py, instant_from_py, instant_to_py, local_to_py, meeting_time_from_py,
};

/// The one translation of a core error into a Python exception.
pub(crate) fn to_py_err(e: core::Error) -> PyErr {
    Python::attach(|py| build_error(py, &e).unwrap_or_else(|failed| failed))
}

fn build_error(py: Python<'_>, e: &core::Error) -> PyResult<PyErr> {
    use core::ErrorKind as K;
    let errors = py.import("roundtable._errors")?;
    let message = e.to_string();
    let position = e.position();
    let (line, column) = position.map_or((None, None), |p| (Some(p.line), Some(p.column)));
    let instance = match e.kind() {
        K::Json { path, .. } | K::UnknownField { path, .. } => errors
            .getattr("JsonError")?
            .call1((message, line, column, path.as_str()))?,
        K::SchemaVersion { .. } => {
            errors
                .getattr("JsonError")?
                .call1((message, line, column, "schema_version"))?
        }
        K::Csv {
            code,
            column_name,
            value,
            ..
        } => errors.getattr("CsvError")?.call1((
            message,
            line,
            column,
            *code,
            column_name.as_deref(),
            value.as_deref(),
        ))?,
        K::NoNameColumn { .. } | K::EmptyInput | K::BinaryInput { .. } | K::Decode { .. } => {
            let code = match e.kind() {
                K::NoNameColumn { .. } => "import.no_name_column",
                K::EmptyInput => "import.empty",
                K::BinaryInput { .. } => "import.binary",
                _ => "import.decode",
            };
            errors.getattr("CsvError")?.call1((
                message,
                line,
                column,
                code,
                None::<&str>,
                None::<&str>,
            ))?
        }
        K::UnknownTimeZone { .. }
        | K::NonexistentLocalTime { .. }
        | K::AmbiguousLocalTime { .. } => errors.getattr("TimeError")?.call1((message,))?,
        K::Io { path, source } => errors.getattr("IoError")?.call1((
            source.raw_os_error().unwrap_or(0),
            message,
            path.to_string_lossy().into_owned(),
        ))?,
        _ => errors.getattr("Error")?.call1((message,))?,
    };
    instance.setattr("kind", e.kind_name())?;
    Ok(PyErr::from_value(instance))
}

/// Serialises a value that cannot fail to serialise (the model has only
/// string map keys).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn from_json<'a, T: serde::Deserialize<'a>>(text: &'a str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| PyValueError::new_err(format!("invalid state: {e}")))
}

fn role_from(text: &str) -> PyResult<core::Role> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| {
        PyValueError::new_err(format!(
            "unknown role {text:?}: expected member, chair, secretary, guest or observer"
        ))
    })
}

fn attendance_from(text: &str) -> PyResult<core::Attendance> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| {
        PyValueError::new_err(format!(
            "unknown attendance {text:?}: expected invited, present, excused or absent"
        ))
    })
}

// ---------------------------------------------------------------- Meeting

/// One meeting of a cooperation group: notice, agenda, roster and
/// contributions.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
struct Meeting {
    inner: core::Meeting,
}

#[pymethods]
impl Meeting {
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
        let mut inner = core::Meeting::new(id, body, title, time, venue);
        inner.organiser = organiser.to_owned();
        Ok(Meeting { inner })
    }

    /// Reads a meeting document (JSON text).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| core::Meeting::from_json(text))
            .map_err(to_py_err)?;
        Ok(Meeting { inner })
    }

    /// Reads a meeting document from a file.
    #[staticmethod]
    fn load(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let inner = py
            .detach(|| core::Meeting::load(&path))
            .map_err(to_py_err)?;
        Ok(Meeting { inner })
    }

    /// The meeting as a JSON document.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The meeting as plain Python data (dicts, lists, strings, numbers).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (self.inner.to_json(),))
    }

    /// Validates the meeting: every finding, each with a stable code.
    #[pyo3(signature = (*, min_notice_days = 7))]
    fn validate(&self, py: Python<'_>, min_notice_days: u32) -> Report {
        let options = core::ValidationOptions::default().with_min_notice_days(min_notice_days);
        let report = py.detach(|| self.inner.validate_with(&options));
        Report {
            inner: Arc::new(report),
        }
    }

    /// The calendar file (iCalendar, RFC 5545) of the meeting. `method` is
    /// "publish" (no attendees), "request" (an invitation to every roster
    /// person with an email) or "cancel"; raise `sequence` for an update;
    /// `dtstamp` (an aware datetime) is now when None.
    #[pyo3(signature = (*, method = "publish", sequence = 0, dtstamp = None))]
    fn to_ics(
        &self,
        method: &str,
        sequence: u32,
        dtstamp: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let method = core::Method::from_name(method).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown method {method:?}: expected publish, request or cancel"
            ))
        })?;
        let mut options = core::IcsOptions::default()
            .with_method(method)
            .with_sequence(sequence);
        if let Some(stamp) = dtstamp {
            options = options.with_dtstamp(instant_from_py(stamp)?.with_timezone(&chrono::Utc));
        }
        self.inner.to_ics(&options).map_err(to_py_err)
    }

    /// Renders a document of the meeting: `document` "notice", "agenda" or
    /// "minutes"; `format` "markdown" or "html"; `language` "nb" or "en".
    #[pyo3(signature = (document, *, format = "markdown", language = "nb"))]
    fn render(
        &self,
        py: Python<'_>,
        document: &str,
        format: &str,
        language: &str,
    ) -> PyResult<String> {
        let document = core::Document::from_name(document).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown document {document:?}: expected notice, agenda or minutes"
            ))
        })?;
        let (format, language) = format_and_language(format, language)?;
        Ok(py.detach(|| self.inner.render(document, format, language)))
    }

    #[getter]
    fn id(&self) -> String {
        self.inner.id.clone()
    }
    #[setter]
    fn set_id(&mut self, value: String) {
        self.inner.id = value;
    }
    #[getter]
    fn number(&self) -> Option<String> {
        self.inner.number.clone()
    }
    #[setter]
    fn set_number(&mut self, value: Option<String>) {
        self.inner.number = value;
    }
    #[getter]
    fn body(&self) -> String {
        self.inner.body.clone()
    }
    #[setter]
    fn set_body(&mut self, value: String) {
        self.inner.body = value;
    }
    #[getter]
    fn organiser(&self) -> String {
        self.inner.organiser.clone()
    }
    #[setter]
    fn set_organiser(&mut self, value: String) {
        self.inner.organiser = value;
    }
    #[getter]
    fn title(&self) -> String {
        self.inner.title.clone()
    }
    #[setter]
    fn set_title(&mut self, value: String) {
        self.inner.title = value;
    }
    /// The IANA time zone of the meeting ("Europe/Oslo").
    #[getter]
    fn zone(&self) -> &'static str {
        self.inner.time.zone().name()
    }
    /// The start, as an aware datetime in the meeting's zone.
    #[getter]
    fn start<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        local_to_py(py, self.inner.time.start_local(), self.inner.time.zone())
    }
    /// The end, as an aware datetime in the meeting's zone.
    #[getter]
    fn end<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        local_to_py(py, self.inner.time.end_local(), self.inner.time.zone())
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
    #[getter]
    fn venue(&self) -> String {
        self.inner.location.venue.clone()
    }
    #[setter]
    fn set_venue(&mut self, value: String) {
        self.inner.location.venue = value;
    }
    #[getter]
    fn room(&self) -> Option<String> {
        self.inner.location.room.clone()
    }
    #[setter]
    fn set_room(&mut self, value: Option<String>) {
        self.inner.location.room = value;
    }
    #[getter]
    fn directions(&self) -> Option<String> {
        self.inner.location.directions.clone()
    }
    #[setter]
    fn set_directions(&mut self, value: Option<String>) {
        self.inner.location.directions = value;
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
                    None => self.inner.notice = Some(core::Notice::new(date)),
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
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, Meeting>>()
            .is_ok_and(|o| o.inner == self.inner)
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("from_json")?,
            (slf.borrow().inner.to_json(),),
        ))
    }
}

// ------------------------------------------------------------- AgendaItem

/// One item of an agenda.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
struct AgendaItem {
    inner: core::AgendaItem,
}

#[pymethods]
impl AgendaItem {
    #[new]
    #[pyo3(signature = (
        number, title, kind = "proposal", *, description = None, duration_minutes = None,
        presenter = None, decision = None, meeting_date = None, meeting_id = None,
        speaking_limit_minutes = None, submission_days_after = 1
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
        submission_days_after: u32,
    ) -> PyResult<Self> {
        let kind = match kind {
            "notice_approval" => core::ItemKind::NoticeApproval,
            "minutes_approval" => core::ItemKind::MinutesApproval {
                meeting_date: date_from_py(meeting_date.ok_or_else(|| {
                    PyTypeError::new_err("a minutes_approval item needs meeting_date")
                })?)?,
                meeting_id,
            },
            "proposal" => core::ItemKind::Proposal,
            "information" => core::ItemKind::Information,
            "round_table" => core::ItemKind::RoundTable(core::RoundTableRules {
                speaking_limit_minutes,
                submission_days_after,
            }),
            "any_other_business" => core::ItemKind::AnyOtherBusiness,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown item kind {other:?}: expected notice_approval, minutes_approval, proposal, information, round_table or any_other_business"
                )))
            }
        };
        let mut inner = core::AgendaItem::new(number, title, kind);
        inner.description = description;
        inner.duration_minutes = duration_minutes;
        inner.presenter = presenter;
        inner.decision = decision;
        Ok(AgendaItem { inner })
    }

    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Ok(AgendaItem {
            inner: from_json(text)?,
        })
    }
    #[getter]
    fn number(&self) -> String {
        self.inner.number.clone()
    }
    #[setter]
    fn set_number(&mut self, value: String) {
        self.inner.number = value;
    }
    #[getter]
    fn title(&self) -> String {
        self.inner.title.clone()
    }
    #[setter]
    fn set_title(&mut self, value: String) {
        self.inner.title = value;
    }
    /// The kind, as its JSON name ("round_table").
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.name()
    }
    #[getter]
    fn description(&self) -> Option<String> {
        self.inner.description.clone()
    }
    #[setter]
    fn set_description(&mut self, value: Option<String>) {
        self.inner.description = value;
    }
    #[getter]
    fn duration_minutes(&self) -> Option<u32> {
        self.inner.duration_minutes
    }
    #[setter]
    fn set_duration_minutes(&mut self, value: Option<u32>) {
        self.inner.duration_minutes = value;
    }
    #[getter]
    fn presenter(&self) -> Option<String> {
        self.inner.presenter.clone()
    }
    #[setter]
    fn set_presenter(&mut self, value: Option<String>) {
        self.inner.presenter = value;
    }
    #[getter]
    fn decision(&self) -> Option<String> {
        self.inner.decision.clone()
    }
    #[setter]
    fn set_decision(&mut self, value: Option<String>) {
        self.inner.decision = value;
    }
    /// For a minutes approval: the day of the earlier meeting.
    #[getter]
    fn meeting_date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        match &self.inner.kind {
            core::ItemKind::MinutesApproval { meeting_date, .. } => {
                date_to_py(py, *meeting_date).map(Some)
            }
            _ => Ok(None),
        }
    }
    /// For a round table: the speaking limit per contribution, in minutes.
    #[getter]
    fn speaking_limit_minutes(&self) -> Option<u32> {
        match &self.inner.kind {
            core::ItemKind::RoundTable(rules) => rules.speaking_limit_minutes,
            _ => None,
        }
    }
    /// For a round table: written contributions are due by the end of this
    /// many days after the meeting day.
    #[getter]
    fn submission_days_after(&self) -> Option<u32> {
        match &self.inner.kind {
            core::ItemKind::RoundTable(rules) => Some(rules.submission_days_after),
            _ => None,
        }
    }
    fn __repr__(&self) -> String {
        format!(
            "<AgendaItem {:?} {:?} {}>",
            self.inner.number,
            self.inner.title,
            self.inner.kind.name()
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, AgendaItem>>()
            .is_ok_and(|o| o.inner == self.inner)
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (json(&slf.borrow().inner),),
        ))
    }
}

// ----------------------------------------------------------- Contribution

/// A member's written contribution to an agenda item.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
struct Contribution {
    inner: core::Contribution,
}

#[pymethods]
impl Contribution {
    #[new]
    #[pyo3(signature = (from_, body, *, item = None, presenter = None, submitted_at = None, speaking_minutes = None))]
    fn new(
        from_: String,
        body: String,
        item: Option<String>,
        presenter: Option<String>,
        submitted_at: Option<&Bound<'_, PyAny>>,
        speaking_minutes: Option<u32>,
    ) -> PyResult<Self> {
        let mut inner = core::Contribution::new(from_, body);
        inner.item = item;
        inner.presenter = presenter;
        inner.submitted_at = submitted_at.map(instant_from_py).transpose()?;
        inner.speaking_minutes = speaking_minutes;
        Ok(Contribution { inner })
    }
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Ok(Contribution {
            inner: from_json(text)?,
        })
    }
    /// The member organisation or region it comes from.
    #[getter]
    fn from_(&self) -> String {
        self.inner.from.clone()
    }
    #[setter]
    fn set_from_(&mut self, value: String) {
        self.inner.from = value;
    }
    /// The Markdown text.
    #[getter]
    fn body(&self) -> String {
        self.inner.body.clone()
    }
    #[setter]
    fn set_body(&mut self, value: String) {
        self.inner.body = value;
    }
    #[getter]
    fn item(&self) -> Option<String> {
        self.inner.item.clone()
    }
    #[setter]
    fn set_item(&mut self, value: Option<String>) {
        self.inner.item = value;
    }
    #[getter]
    fn presenter(&self) -> Option<String> {
        self.inner.presenter.clone()
    }
    #[setter]
    fn set_presenter(&mut self, value: Option<String>) {
        self.inner.presenter = value;
    }
    /// When it reached the secretariat, as an aware datetime.
    #[getter]
    fn submitted_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .submitted_at
            .map(|t| instant_to_py(py, t))
            .transpose()
    }
    #[setter]
    fn set_submitted_at(&mut self, value: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        self.inner.submitted_at = value.map(instant_from_py).transpose()?;
        Ok(())
    }
    #[getter]
    fn speaking_minutes(&self) -> Option<u32> {
        self.inner.speaking_minutes
    }
    #[setter]
    fn set_speaking_minutes(&mut self, value: Option<u32>) {
        self.inner.speaking_minutes = value;
    }
    fn __repr__(&self) -> String {
        format!(
            "<Contribution from {:?} to item {:?}, {} bytes>",
            self.inner.from,
            self.inner.item.as_deref().unwrap_or("(round table)"),
            self.inner.body.len()
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, Contribution>>()
            .is_ok_and(|o| o.inner == self.inner)
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (json(&slf.borrow().inner),),
        ))
    }
}

// ----------------------------------------------------------------- Person

/// Where a person's fields live: in a roster (read in place, converted when
/// read), or on their own.
#[derive(Clone)]
enum PersonData {
    InRoster(Arc<RosterData>, usize),
    Own(core::Person),
}

/// One invited person.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
struct Person {
    data: PersonData,
}

impl Person {
    fn with<R>(&self, read: impl FnOnce(PersonView<'_>) -> R) -> R {
        match &self.data {
            PersonData::InRoster(roster, index) => match roster.roster.get(*index) {
                Some(p) => read(PersonView::Ref(p)),
                None => read(PersonView::Own(&EMPTY_PERSON)),
            },
            PersonData::Own(p) => read(PersonView::Own(p)),
        }
    }

    fn owned(&self) -> core::Person {
        self.with(|p| p.to_person())
    }

    /// The person as its own value, to change.
    fn own_mut(&mut self) -> &mut core::Person {
        if let PersonData::InRoster(..) = self.data {
            self.data = PersonData::Own(self.owned());
        }
        match &mut self.data {
            PersonData::Own(p) => p,
            PersonData::InRoster(..) => unreachable!("made owned just above"),
        }
    }
}

static EMPTY_PERSON: std::sync::LazyLock<core::Person> =
    std::sync::LazyLock::new(|| core::Person::new("", "", ""));

enum PersonView<'a> {
    Ref(core::PersonRef<'a>),
    Own(&'a core::Person),
}

impl PersonView<'_> {
    fn given_name(&self) -> &str {
        match self {
            PersonView::Ref(p) => p.given_name(),
            PersonView::Own(p) => &p.given_name,
        }
    }
    fn family_name(&self) -> &str {
        match self {
            PersonView::Ref(p) => p.family_name(),
            PersonView::Own(p) => &p.family_name,
        }
    }
    fn organisation(&self) -> &str {
        match self {
            PersonView::Ref(p) => p.organisation(),
            PersonView::Own(p) => &p.organisation,
        }
    }
    fn email(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.email(),
            PersonView::Own(p) => p.email.as_deref(),
        }
    }
    fn phone(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.phone(),
            PersonView::Own(p) => p.phone.as_deref(),
        }
    }
    fn role(&self) -> core::Role {
        match self {
            PersonView::Ref(p) => p.role(),
            PersonView::Own(p) => p.role,
        }
    }
    fn attendance(&self) -> core::Attendance {
        match self {
            PersonView::Ref(p) => p.attendance(),
            PersonView::Own(p) => p.attendance,
        }
    }
    fn to_person(&self) -> core::Person {
        match self {
            PersonView::Ref(p) => p.to_person(),
            PersonView::Own(p) => (*p).clone(),
        }
    }
}

#[pymethods]
impl Person {
    #[new]
    #[pyo3(signature = (given_name, family_name, organisation = "", *, email = None, phone = None, role = "member", attendance = "invited", extra = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        given_name: String,
        family_name: String,
        organisation: &str,
        email: Option<String>,
        phone: Option<String>,
        role: &str,
        attendance: &str,
        extra: Option<std::collections::BTreeMap<String, String>>,
    ) -> PyResult<Self> {
        let mut p = core::Person::new(given_name, family_name, organisation);
        p.email = email;
        p.phone = phone;
        p.role = role_from(role)?;
        p.attendance = attendance_from(attendance)?;
        p.extra = extra.unwrap_or_default();
        Ok(Person {
            data: PersonData::Own(p),
        })
    }
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Ok(Person {
            data: PersonData::Own(from_json(text)?),
        })
    }
    #[getter]
    fn given_name(&self) -> String {
        self.with(|p| p.given_name().to_owned())
    }
    #[setter]
    fn set_given_name(&mut self, value: String) {
        self.own_mut().given_name = value;
    }
    #[getter]
    fn family_name(&self) -> String {
        self.with(|p| p.family_name().to_owned())
    }
    #[setter]
    fn set_family_name(&mut self, value: String) {
        self.own_mut().family_name = value;
    }
    #[getter]
    fn organisation(&self) -> String {
        self.with(|p| p.organisation().to_owned())
    }
    #[setter]
    fn set_organisation(&mut self, value: String) {
        self.own_mut().organisation = value;
    }
    #[getter]
    fn email(&self) -> Option<String> {
        self.with(|p| p.email().map(str::to_owned))
    }
    #[setter]
    fn set_email(&mut self, value: Option<String>) {
        self.own_mut().email = value;
    }
    #[getter]
    fn phone(&self) -> Option<String> {
        self.with(|p| p.phone().map(str::to_owned))
    }
    #[setter]
    fn set_phone(&mut self, value: Option<String>) {
        self.own_mut().phone = value;
    }
    /// "member", "chair", "secretary", "guest" or "observer".
    #[getter]
    fn role(&self) -> &'static str {
        self.with(|p| p.role().name())
    }
    #[setter]
    fn set_role(&mut self, value: &str) -> PyResult<()> {
        self.own_mut().role = role_from(value)?;
        Ok(())
    }
    /// "invited", "present", "excused" or "absent".
    #[getter]
    fn attendance(&self) -> &'static str {
        self.with(|p| p.attendance().name())
    }
    #[setter]
    fn set_attendance(&mut self, value: &str) -> PyResult<()> {
        self.own_mut().attendance = attendance_from(value)?;
        Ok(())
    }
    /// Attributes the model does not know (further columns of an import).
    #[getter]
    fn extra(&self) -> std::collections::BTreeMap<String, String> {
        self.owned().extra
    }
    #[setter]
    fn set_extra(&mut self, value: std::collections::BTreeMap<String, String>) {
        self.own_mut().extra = value;
    }
    /// Given and family name, as printed on a list.
    #[getter]
    fn full_name(&self) -> String {
        self.owned().full_name()
    }
    fn __repr__(&self) -> String {
        self.with(|p| {
            format!(
                "<Person {:?} {:?} ({:?})>",
                p.given_name(),
                p.family_name(),
                p.organisation()
            )
        })
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, Person>>()
            .is_ok_and(|o| o.owned() == self.owned())
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        Person {
            data: PersonData::Own(self.owned()),
        }
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (json(&slf.borrow().owned()),),
        ))
    }
}

// ----------------------------------------------------------------- Roster

struct RosterData {
    roster: core::Roster,
    problems: Vec<core::ImportProblem>,
    source: Option<(core::TextEncoding, u8)>,
}

/// The people invited to a meeting. Kept on the Rust side: a Person read
/// from it converts its fields when they are read.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
struct Roster {
    data: Arc<RosterData>,
}

impl Roster {
    fn from_core(
        roster: core::Roster,
        problems: Vec<core::ImportProblem>,
        source: Option<(core::TextEncoding, u8)>,
    ) -> Self {
        Roster {
            data: Arc::new(RosterData {
                roster,
                problems,
                source,
            }),
        }
    }
}

/// The state of a roster for pickling: its people and import problems.
#[derive(serde::Serialize, serde::Deserialize)]
struct RosterState {
    people: core::Roster,
    problems: Vec<core::ImportProblem>,
}

#[pymethods]
impl Roster {
    #[new]
    #[pyo3(signature = (people = None))]
    fn new(people: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut roster = core::Roster::new();
        if let Some(people) = people {
            for person in people.try_iter()? {
                roster.push(person?.extract::<PyRef<'_, Person>>()?.owned());
            }
        }
        Ok(Roster::from_core(roster, Vec::new(), None))
    }

    /// Imports a roster from a CSV or tab-separated file (a path) or its
    /// bytes. Runs without the GIL.
    #[staticmethod]
    #[pyo3(signature = (source, *, strict = false, encoding = None, delimiter = None, threads = 0))]
    fn from_csv(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        strict: bool,
        encoding: Option<&str>,
        delimiter: Option<&str>,
        threads: usize,
    ) -> PyResult<Self> {
        let mut options = core::ImportOptions::default().with_threads(threads);
        if strict {
            options = options.with_mode(core::ImportMode::Strict);
        }
        if let Some(name) = encoding {
            let encoding = core::TextEncoding::from_name(name).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "unknown encoding {name:?}: expected utf-8, utf-16le, utf-16be or windows-1252"
                ))
            })?;
            options = options.with_encoding(encoding);
        }
        if let Some(d) = delimiter {
            match d.as_bytes() {
                [b] if b.is_ascii() && *b != b'"' && *b != b'\n' && *b != b'\r' => {
                    options = options.with_delimiter(*b)
                }
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "delimiter {d:?} is not one ASCII character other than a quote or line end"
                    )))
                }
            }
        }
        let import = if let Ok(bytes) = source.cast::<PyBytes>() {
            let bytes = bytes.as_bytes();
            py.detach(|| core::Roster::from_csv_bytes(bytes, &options))
        } else if let Ok(bytes) = source.cast::<PyByteArray>() {
            let bytes = bytes.to_vec();
            py.detach(|| core::Roster::from_csv_bytes(&bytes, &options))
        } else if source.is_instance_of::<PyString>() || source.hasattr("__fspath__")? {
            let path: std::path::PathBuf = source.extract()?;
            py.detach(|| core::Roster::from_csv_path(&path, &options))
        } else {
            return Err(PyTypeError::new_err(format!(
                "from_csv takes a path (str or os.PathLike) or bytes, not {}",
                source.get_type().name()?
            )));
        }
        .map_err(to_py_err)?;
        Ok(Roster::from_core(
            import.roster,
            import.problems,
            Some((import.encoding, import.delimiter)),
        ))
    }

    #[staticmethod]
    fn _from_state(state: &str) -> PyResult<Self> {
        let state: RosterState = from_json(state)?;
        Ok(Roster::from_core(state.people, state.problems, None))
    }

    /// What the import met: bad rows skipped (lenient mode) and duplicates.
    #[getter]
    fn problems(&self) -> Vec<ImportProblem> {
        self.data
            .problems
            .iter()
            .cloned()
            .map(|inner| ImportProblem { inner })
            .collect()
    }
    /// The encoding the file was read in, or None for a roster not imported.
    #[getter]
    fn encoding(&self) -> Option<&'static str> {
        self.data.source.map(|(e, _)| e.name())
    }
    /// The delimiter used, or None for a roster not imported.
    #[getter]
    fn delimiter(&self) -> Option<String> {
        self.data.source.map(|(_, d)| char::from(d).to_string())
    }
    /// Adds a person at the end.
    fn append(&mut self, person: PyRef<'_, Person>) {
        unique(&mut self.data).roster.push(person.owned());
    }
    /// The roster as CSV: delimiter ";" or ",", language "no" or "en".
    #[pyo3(signature = (*, delimiter = ";", language = "no"))]
    fn to_csv(&self, delimiter: &str, language: &str) -> PyResult<String> {
        let delimiter = match delimiter {
            ";" => b';',
            "," => b',',
            other => {
                return Err(PyValueError::new_err(format!(
                    "delimiter {other:?} is neither ';' nor ','"
                )))
            }
        };
        let language = match language {
            "no" | "nb" => core::HeaderLanguage::Norwegian,
            "en" => core::HeaderLanguage::English,
            other => {
                return Err(PyValueError::new_err(format!(
                    "language {other:?} is neither \"no\" nor \"en\""
                )))
            }
        };
        let options = core::ExportOptions::default()
            .with_delimiter(delimiter)
            .with_language(language);
        Ok(self.data.roster.to_csv(&options))
    }
    fn __len__(&self) -> usize {
        self.data.roster.len()
    }
    fn __getitem__(&self, index: isize) -> PyResult<Person> {
        let len = self.data.roster.len() as isize;
        let i = if index < 0 { index + len } else { index };
        if !(0..len).contains(&i) {
            return Err(PyIndexError::new_err(format!(
                "roster index {index} out of range for {len} people"
            )));
        }
        Ok(Person {
            data: PersonData::InRoster(self.data.clone(), i as usize),
        })
    }
    fn __iter__(&self) -> RosterIterator {
        RosterIterator {
            data: self.data.clone(),
            next: 0,
        }
    }
    fn __repr__(&self) -> String {
        format!(
            "<Roster of {} people, {} problems>",
            self.data.roster.len(),
            self.data.problems.len()
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.extract::<PyRef<'_, Roster>>().is_ok_and(|o| {
            o.data.roster == self.data.roster && o.data.problems == self.data.problems
        })
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let this = slf.borrow();
        let state = RosterState {
            people: this.data.roster.clone(),
            problems: this.data.problems.clone(),
        };
        Ok((slf.get_type().getattr("_from_state")?, (json(&state),)))
    }
}

/// The roster to change: copied first when Person views still share it,
/// so that they keep showing what they showed.
fn unique(this: &mut Arc<RosterData>) -> &mut RosterData {
    if Arc::get_mut(this).is_none() {
        *this = Arc::new(RosterData {
            roster: this.roster.clone(),
            problems: this.problems.clone(),
            source: this.source,
        });
    }
    Arc::get_mut(this).expect("just made unique")
}

#[pyclass(module = "roundtable._native")]
struct RosterIterator {
    data: Arc<RosterData>,
    next: usize,
}

#[pymethods]
impl RosterIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__(&mut self) -> Option<Person> {
        if self.next >= self.data.roster.len() {
            return None;
        }
        self.next += 1;
        Some(Person {
            data: PersonData::InRoster(self.data.clone(), self.next - 1),
        })
    }
}

// ---------------------------------------------------------- ImportProblem

/// Something the importer met: line, column, value, reason and code.
#[pyclass(module = "roundtable._native", frozen)]
#[derive(Clone)]
struct ImportProblem {
    inner: core::ImportProblem,
}

#[pymethods]
impl ImportProblem {
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
    fn column_name(&self) -> Option<String> {
        self.inner.column_name.clone()
    }
    /// The raw value as read.
    #[getter]
    fn value(&self) -> String {
        self.inner.value.clone()
    }
    #[getter]
    fn reason(&self) -> String {
        self.inner.reason.clone()
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
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, ImportProblem>>()
            .is_ok_and(|o| o.inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        hash_of(&json(&self.inner))
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (json(&slf.get().inner),),
        ))
    }
}

fn hash_of(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

// ----------------------------------------------------------------- Report

/// The findings of one validation.
#[pyclass(module = "roundtable._native", frozen)]
#[derive(Clone)]
struct Report {
    inner: Arc<core::Report>,
}

#[pymethods]
impl Report {
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
        if !(0..len).contains(&i) {
            return Err(PyIndexError::new_err(format!(
                "report index {index} out of range for {len} findings"
            )));
        }
        Ok(Finding {
            inner: self.inner.findings()[i as usize].clone(),
        })
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
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, Report>>()
            .is_ok_and(|o| o.inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        hash_of(&json(&*self.inner))
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (json(&*slf.get().inner),),
        ))
    }
}

/// One finding: a stable code, a severity, the path of the field and a
/// message.
#[pyclass(module = "roundtable._native", frozen)]
#[derive(Clone)]
struct Finding {
    inner: core::Finding,
}

#[pymethods]
impl Finding {
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
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, Finding>>()
            .is_ok_and(|o| o.inner == self.inner)
    }
    fn __hash__(&self) -> u64 {
        hash_of(&json(&self.inner))
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.clone()
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (json(&slf.get().inner),),
        ))
    }
}

// ------------------------------------------------------------ MeetingPlan

/// A body's series of meetings for a year.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
struct MeetingPlan {
    inner: core::MeetingPlan,
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
        let inner = core::MeetingPlan::build(&template.inner, &days).map_err(to_py_err)?;
        Ok(MeetingPlan { inner })
    }
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        let texts: Vec<String> = from_json(text)?;
        let meetings = texts
            .iter()
            .map(|t| core::Meeting::from_json(t).map_err(to_py_err))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(MeetingPlan {
            inner: core::MeetingPlan { meetings },
        })
    }
    /// The meetings (copies).
    #[getter]
    fn meetings(&self) -> Vec<Meeting> {
        self.inner
            .meetings
            .iter()
            .cloned()
            .map(|inner| Meeting { inner })
            .collect()
    }
    /// The meeting before meeting `index`, through its previous-meeting link.
    fn previous_of(&self, index: usize) -> Option<Meeting> {
        self.inner
            .previous_of(index)
            .cloned()
            .map(|inner| Meeting { inner })
    }
    /// Checks the plan: plan.same_day, plan.weekend, plan.public_holiday.
    fn validate(&self) -> Report {
        Report {
            inner: Arc::new(self.inner.validate()),
        }
    }
    /// The plan as a document: format "markdown" or "html", language "nb"
    /// or "en".
    #[pyo3(signature = (*, format = "markdown", language = "nb"))]
    fn render(&self, format: &str, language: &str) -> PyResult<String> {
        let (format, language) = format_and_language(format, language)?;
        Ok(self.inner.render(format, language))
    }
    /// All the meetings as one calendar file (see Meeting.to_ics).
    #[pyo3(signature = (*, method = "publish", sequence = 0, dtstamp = None))]
    fn to_ics(
        &self,
        method: &str,
        sequence: u32,
        dtstamp: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let options = ics_options(method, sequence, dtstamp)?;
        self.inner.to_ics(&options).map_err(to_py_err)
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

/// The format and language of a document, from their names.
fn format_and_language(format: &str, language: &str) -> PyResult<(core::Format, core::Language)> {
    let format = core::Format::from_name(format).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown format {format:?}: expected markdown or html"
        ))
    })?;
    let language = core::Language::from_code(language).ok_or_else(|| {
        PyValueError::new_err(format!("unknown language {language:?}: expected nb or en"))
    })?;
    Ok((format, language))
}

fn ics_options(
    method: &str,
    sequence: u32,
    dtstamp: Option<&Bound<'_, PyAny>>,
) -> PyResult<core::IcsOptions> {
    let method = core::Method::from_name(method).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown method {method:?}: expected publish, request or cancel"
        ))
    })?;
    let mut options = core::IcsOptions::default()
        .with_method(method)
        .with_sequence(sequence);
    if let Some(stamp) = dtstamp {
        options = options.with_dtstamp(instant_from_py(stamp)?.with_timezone(&chrono::Utc));
    }
    Ok(options)
}

/// The Norwegian public holidays of `year`, as (date, bokmål name, English
/// name), in date order.
#[pyfunction]
fn norwegian_holidays<'py>(
    py: Python<'py>,
    year: i32,
) -> PyResult<Vec<(Bound<'py, PyAny>, &'static str, &'static str)>> {
    core::norwegian_holidays(year)
        .into_iter()
        .map(|h| Ok((date_to_py(py, h.date)?, h.name_nb, h.name_en)))
        .collect()
}

/// Every validation code with its severity, as (code, severity) pairs.
#[pyfunction]
fn validation_codes() -> Vec<(&'static str, &'static str)> {
    core::Code::ALL
        .iter()
        .map(|c| (c.as_str(), c.severity().as_str()))
        .collect()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<Meeting>()?;
    m.add_class::<AgendaItem>()?;
    m.add_class::<Contribution>()?;
    m.add_class::<Person>()?;
    m.add_class::<Roster>()?;
    m.add_class::<RosterIterator>()?;
    m.add_class::<ImportProblem>()?;
    m.add_class::<Report>()?;
    m.add_class::<Finding>()?;
    m.add_class::<MeetingPlan>()?;
    m.add_function(wrap_pyfunction!(norwegian_holidays, m)?)?;
    m.add_function(wrap_pyfunction!(validation_codes, m)?)?;
    Ok(())
}
