//! `Roster`: the people invited, imported from CSV and exported, with the
//! problems of the import (`ImportProblem`, in `import_problem.rs`). A roster is a live list: on
//! its own, or the roster of a meeting (`meeting.roster`), and its people
//! (`Person` views) read and write the roster where it lives.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyList, PySlice, PyString};

use crate::classes::{Meeting, Person, PersonData, Roster, RosterStore};
use crate::convert::{core_work, from_json, json, parse, snapshot_error};
use crate::errors::to_py_err;
use crate::ids::{assign, busy, delete, gone, position, slice_positions};
use crate::import_problem::ImportProblem;
use crate::roster_data::RosterData;
use crate::roster_iter::RosterIterator;
use crate::views::person_view;

/// Puts the person `item` at `index`.
fn place(roster: &Bound<'_, Roster>, index: usize, item: &Bound<'_, PyAny>) -> PyResult<()> {
    // Read first: the person may be a view into this same roster.
    let value = item.extract::<PyRef<'_, Person>>()?.owned(roster.py())?;
    insert_value(roster, index, value, item)
}

/// Inserts `value` (read from `item`) at `index`, and makes `item` a view
/// of its new place when it was a person on their own.
fn insert_value(
    roster: &Bound<'_, Roster>,
    index: usize,
    value: roundtable::Person,
    item: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let py = roster.py();
    let (id, at) = roster
        .try_borrow_mut()
        .map_err(|_| busy("roster"))?
        .change(py, |people, ids| {
            let at = index.min(people.len());
            let id = ids.insert(at, people.len());
            people.insert(at, value);
            (id, at)
        })?;
    let mut item = item.extract::<PyRefMut<'_, Person>>()?;
    if let PersonData::Own(_) = item.data {
        item.data = PersonData::InRoster {
            roster: roster.clone().unbind(),
            id,
            hint: at,
        };
    }
    Ok(())
}

/// Takes the person at `index` out; their views no longer find them.
fn remove(roster: &Bound<'_, Roster>, index: usize) -> PyResult<roundtable::Person> {
    let py = roster.py();
    roster
        .try_borrow_mut()
        .map_err(|_| busy("roster"))?
        .change(py, |people, ids| {
            let person = people.remove(index)?;
            ids.remove(index);
            Some(person)
        })?
        .ok_or_else(|| gone("person"))
}

/// The state of a roster for pickling: its people and import problems.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct RosterState {
    people: roundtable::Roster,
    pub(crate) problems: roundtable::ImportProblems,
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
    fn new(py: Python<'_>, people: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let mut roster = roundtable::Roster::new();
        if let Some(people) = people {
            for person in people.try_iter()? {
                roster.push(person?.extract::<PyRef<'_, Person>>()?.owned(py)?);
            }
        }
        Ok(Roster::from_core(
            roster,
            roundtable::ImportProblems::new(),
            None,
        ))
    }

    /// Imports a roster from a CSV or tab-separated file (a path) or its
    /// bytes. Runs without the GIL.
    #[staticmethod]
    #[pyo3(signature = (source, *, strict = false, encoding = None, delimiter = None, threads = 0, max_bytes = None, max_problems_per_code = None))]
    #[allow(clippy::too_many_arguments)]
    fn from_csv(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        strict: bool,
        encoding: Option<&str>,
        delimiter: Option<&str>,
        threads: usize,
        max_bytes: Option<u64>,
        max_problems_per_code: Option<usize>,
    ) -> PyResult<Self> {
        let mut options = roundtable::ImportOptions::default().with_threads(threads);
        if let Some(limit) = max_problems_per_code {
            options = options.with_max_problems_per_code(limit);
        }
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
        Ok(Roster::own(RosterData {
            roster: state.people,
            problems: state.problems,
            source,
            summary: state.summary,
        }))
    }

    /// The counts of the import that made the roster, or None for a roster
    /// not imported: {"rows_read": 45, "people": 45, "skipped": {code: n},
    /// "problems": {code: n}}. Every row read is a person or counted under
    /// "skipped". The problems' counts are exact; "not_kept": {code: n},
    /// there only when some were, counts those past max_problems_per_code
    /// that `problems` does not list.
    #[getter]
    fn import_summary<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let summary = self.with(py, |_, _, data| data.and_then(|d| d.summary.clone()))?;
        let Some(summary) = summary else {
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
        if !summary.not_kept.is_empty() {
            dict.set_item("not_kept", by_code(&summary.not_kept)?)?;
        }
        Ok(Some(dict.into_any()))
    }
    #[setter]
    fn set_import_summary(&self, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(snapshot_error(
            "import_summary",
            "Roster.from_csv to import again",
        ))
    }

    /// What the import met: bad rows skipped (lenient mode) and duplicates.
    #[getter]
    fn problems(&self, py: Python<'_>) -> PyResult<Vec<ImportProblem>> {
        self.with(py, |_, _, data| {
            data.map(|d| {
                d.problems
                    .iter()
                    .map(|p| ImportProblem {
                        inner: p.into_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default()
        })
    }
    #[setter]
    fn set_problems(&self, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(snapshot_error(
            "problems",
            "Roster.from_csv to import again",
        ))
    }
    /// The encoding the file was read in, or None for a roster not imported.
    #[getter]
    fn encoding(&self, py: Python<'_>) -> PyResult<Option<&'static str>> {
        self.with(py, |_, _, data| {
            data.and_then(|d| d.source).map(|(e, _)| e.name())
        })
    }
    #[setter]
    fn set_encoding(&self, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(snapshot_error(
            "encoding",
            "Roster.from_csv(..., encoding=...)",
        ))
    }
    /// The delimiter used, or None for a roster not imported.
    #[getter]
    fn delimiter(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.with(py, |_, _, data| {
            data.and_then(|d| d.source)
                .map(|(_, d)| char::from(d).to_string())
        })
    }
    #[setter]
    fn set_delimiter(&self, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(snapshot_error(
            "delimiter",
            "Roster.from_csv(..., delimiter=...) or to_csv(delimiter=...)",
        ))
    }
    /// Adds a person at the end (a person on their own becomes a view of
    /// their place on the roster).
    fn append(slf: &Bound<'_, Self>, person: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = slf.borrow().len(slf.py())?;
        place(slf, len, person)
    }
    /// Inserts a person before `index`.
    fn insert(slf: &Bound<'_, Self>, index: isize, person: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = slf.borrow().len(slf.py())? as isize;
        let at = if index < 0 {
            (index + len).max(0)
        } else {
            index.min(len)
        };
        place(slf, at as usize, person)
    }
    /// Adds the people of an iterable at the end.
    fn extend(slf: &Bound<'_, Self>, people: &Bound<'_, PyAny>) -> PyResult<()> {
        // Read first: `people` may be this very roster.
        let people: Vec<Bound<'_, PyAny>> = people.try_iter()?.collect::<PyResult<_>>()?;
        for person in &people {
            let len = slf.borrow().len(slf.py())?;
            place(slf, len, person)?;
        }
        Ok(())
    }
    /// Removes the person at `index` (the last by default) and returns
    /// them, as a person on their own.
    #[pyo3(signature = (index = -1), text_signature = "($self, index=-1)")]
    fn pop(slf: &Bound<'_, Self>, index: isize) -> PyResult<Person> {
        let len = slf.borrow().len(slf.py())?;
        let person = remove(slf, position(index, len, "roster")?)?;
        Ok(Person {
            data: PersonData::Own(Box::new(person)),
        })
    }
    /// The roster as CSV: delimiter ";" or ",", language "no" or "en".
    #[pyo3(signature = (*, delimiter = ";", language = "no"))]
    fn to_csv(slf: &Bound<'_, Self>, delimiter: &str, language: &str) -> PyResult<String> {
        let py = slf.py();
        let delimiter = parse::<roundtable::Delimiter>(delimiter)?;
        let delimiter = roundtable::Delimiter::for_export(delimiter.byte()).map_err(to_py_err)?;
        let language: roundtable::Language = parse(language)?;
        let options = roundtable::ExportOptions::default()
            .with_delimiter(delimiter.byte())
            .with_language(language);
        // The people as they are, shared, and no borrow of this object
        // held while the GIL is released: a writer on another thread
        // changes a copy of its own meanwhile.
        enum People {
            Own(Arc<RosterData>),
            Meeting(Arc<roundtable::Meeting>),
        }
        let people = match &slf.try_borrow().map_err(|_| busy("roster"))?.store {
            RosterStore::Own { data, .. } => People::Own(data.clone()),
            RosterStore::Meeting(m) => People::Meeting(Meeting::snapshot(m.bind(py))?),
        };
        core_work(py, move || match &people {
            People::Own(data) => data.roster.to_csv(&options),
            People::Meeting(m) => m.roster.to_csv(&options),
        })
    }
    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        self.len(py)
    }
    fn __getitem__(slf: &Bound<'_, Self>, index: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let len = slf.borrow().len(py)?;
        if let Ok(slice) = index.cast::<PySlice>() {
            let views = slice_positions(slice, len)?
                .0
                .into_iter()
                .map(|i| person_view(slf, i))
                .collect::<PyResult<Vec<Person>>>()?;
            return Ok(PyList::new(py, views)?.into_any().unbind());
        }
        let i = position(index.extract()?, len, "roster")?;
        Ok(Py::new(py, person_view(slf, i)?)?.into_any())
    }
    fn __setitem__(
        slf: &Bound<'_, Self>,
        index: &Bound<'_, PyAny>,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let py = slf.py();
        let len = slf.borrow().len(py)?;
        assign(
            index,
            value,
            len,
            "roster",
            |item| item.extract::<PyRef<'_, Person>>()?.owned(py),
            |i| remove(slf, i).map(|_| ()),
            |i, new, item| insert_value(slf, i, new, item),
        )
    }
    fn __delitem__(slf: &Bound<'_, Self>, index: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = slf.borrow().len(slf.py())?;
        delete(index, len, "roster", |i| remove(slf, i).map(|_| ()))
    }
    fn __iter__(slf: &Bound<'_, Self>) -> RosterIterator {
        RosterIterator {
            roster: slf.clone().unbind(),
            next: 0,
        }
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.with(py, |r, _, data| {
            format!(
                "<Roster of {} people, {} problems>",
                r.len(),
                data.map_or(0, |d| d.problems.len())
            )
        })
    }
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.extract::<PyRef<'_, Roster>>() else {
            return Ok(false);
        };
        let theirs = other.with(py, |r, _, d| (r.clone(), d.map(|d| d.problems.clone())))?;
        self.with(py, |r, _, d| {
            *r == theirs.0
                && d.map(|d| d.problems.clone()).unwrap_or_default() == theirs.1.unwrap_or_default()
        })
    }
    fn __copy__(&self, py: Python<'_>) -> PyResult<Self> {
        self.detached(py)
    }
    fn __deepcopy__(&self, py: Python<'_>, _memo: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.detached(py)
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let state = slf.borrow().with(slf.py(), |people, _, data| RosterState {
            people: people.clone(),
            problems: data.map(|d| d.problems.clone()).unwrap_or_default(),
            source: data
                .and_then(|d| d.source)
                .map(|(encoding, delimiter)| (encoding.name().to_owned(), delimiter)),
            summary: data.and_then(|d| d.summary.clone()),
        })?;
        Ok((slf.get_type().getattr("_from_state")?, (json(&state),)))
    }
}
