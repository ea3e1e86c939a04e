//! `Roster`: the people invited, imported from CSV and exported, with the
//! problems of the import (`ImportProblem`).

use std::sync::Arc;

use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};

use crate::convert::{core_work, from_json, json, parse, value_class};
use crate::errors::to_py_err;
use crate::person::{Person, PersonData};
use crate::roster_data::{unique, RosterData};

/// The people invited to a meeting. Kept on the Rust side: a Person read
/// from it converts its fields when they are read.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
pub(crate) struct Roster {
    pub(crate) data: Arc<RosterData>,
}

impl Roster {
    pub(crate) fn from_core(
        roster: roundtable::Roster,
        problems: Vec<roundtable::ImportProblem>,
        source: Option<(roundtable::TextEncoding, u8)>,
    ) -> Self {
        Roster {
            data: Arc::new(RosterData {
                roster,
                problems,
                source,
                summary: None,
            }),
        }
    }

    fn imported(import: roundtable::RosterImport) -> Self {
        let summary = import.summary();
        Roster {
            data: Arc::new(RosterData {
                roster: import.roster,
                problems: import.problems,
                source: Some((import.encoding, import.delimiter)),
                summary: Some(summary),
            }),
        }
    }
}

/// The state of a roster for pickling: its people and import problems.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct RosterState {
    people: roundtable::Roster,
    pub(crate) problems: Vec<roundtable::ImportProblem>,
    /// The encoding's name and the delimiter of the import that made it.
    #[serde(default)]
    source: Option<(String, u8)>,
    #[serde(default)]
    summary: Option<roundtable::ImportSummary>,
}

#[pymethods]
impl Roster {
    #[new]
    #[pyo3(signature = (people = None))]
    fn new(people: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut roster = roundtable::Roster::new();
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
    #[pyo3(signature = (source, *, strict = false, encoding = None, delimiter = None, threads = 0, max_bytes = None))]
    #[allow(clippy::too_many_arguments)]
    fn from_csv(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        strict: bool,
        encoding: Option<&str>,
        delimiter: Option<&str>,
        threads: usize,
        max_bytes: Option<u64>,
    ) -> PyResult<Self> {
        let mut options = roundtable::ImportOptions::default().with_threads(threads);
        if let Some(max_bytes) = max_bytes {
            options = options.with_max_bytes(max_bytes);
        }
        if strict {
            options = options.with_mode(roundtable::ImportMode::Strict);
        }
        if let Some(name) = encoding {
            options = options.with_encoding(parse(name)?);
        }
        if let Some(d) = delimiter {
            options = options.with_delimiter(parse::<roundtable::Delimiter>(d)?.byte());
        }
        let import = if let Ok(bytes) = source.cast::<PyBytes>() {
            let bytes = bytes.as_bytes();
            core_work(py, || roundtable::Roster::from_csv_bytes(bytes, &options))?
        } else if let Ok(bytes) = source.cast::<PyByteArray>() {
            let bytes = bytes.to_vec();
            core_work(py, || roundtable::Roster::from_csv_bytes(&bytes, &options))?
        } else if source.is_instance_of::<PyString>() || source.hasattr("__fspath__")? {
            let path: std::path::PathBuf = source.extract()?;
            core_work(py, || roundtable::Roster::from_csv_path(&path, &options))?
        } else {
            return Err(PyTypeError::new_err(format!(
                "from_csv takes a path (str or os.PathLike) or bytes, not {}",
                source.get_type().name()?
            )));
        }
        .map_err(to_py_err)?;
        Ok(Roster::imported(import))
    }

    #[staticmethod]
    fn _from_state(state: &str) -> PyResult<Self> {
        let state: RosterState = from_json(state)?;
        let source = match state.source {
            Some((encoding, delimiter)) => Some((parse(&encoding)?, delimiter)),
            None => None,
        };
        let mut roster = Roster::from_core(state.people, state.problems, source);
        unique(&mut roster.data).summary = state.summary;
        Ok(roster)
    }

    /// The counts of the import that made the roster, or None for a roster
    /// not imported: {"rows_read": 45, "people": 45, "skipped": {code: n},
    /// "problems": {code: n}}. Every row read is a person or counted under
    /// "skipped".
    #[getter]
    fn import_summary<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let Some(summary) = &self.data.summary else {
            return Ok(None);
        };
        let by_code = |counts: &std::collections::BTreeMap<roundtable::ProblemCode, u64>| {
            let dict = pyo3::types::PyDict::new(py);
            for (code, n) in counts {
                dict.set_item(code.as_str(), n)?;
            }
            PyResult::Ok(dict)
        };
        let dict = pyo3::types::PyDict::new(py);
        dict.set_item("rows_read", summary.rows_read)?;
        dict.set_item("people", summary.people)?;
        dict.set_item("skipped", by_code(&summary.skipped)?)?;
        dict.set_item("problems", by_code(&summary.problems)?)?;
        Ok(Some(dict.into_any()))
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
    fn to_csv(&self, py: Python<'_>, delimiter: &str, language: &str) -> PyResult<String> {
        let delimiter = parse::<roundtable::Delimiter>(delimiter)?;
        let delimiter = roundtable::Delimiter::for_export(delimiter.byte()).map_err(to_py_err)?;
        let language: roundtable::Language = parse(language)?;
        let options = roundtable::ExportOptions::default()
            .with_delimiter(delimiter.byte())
            .with_language(language);
        core_work(py, || self.data.roster.to_csv(&options))
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
            source: this
                .data
                .source
                .map(|(encoding, delimiter)| (encoding.name().to_owned(), delimiter)),
            summary: this.data.summary.clone(),
        };
        Ok((slf.get_type().getattr("_from_state")?, (json(&state),)))
    }
}

#[pyclass(module = "roundtable._native")]
pub(crate) struct RosterIterator {
    pub(crate) data: Arc<RosterData>,
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
}
