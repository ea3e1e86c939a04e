//! `iter(roster)`: a roster's people, one view at a time.

use pyo3::prelude::*;

use crate::classes::{Person, Roster};
use crate::views::person_view;

/// Iterates over a roster's people, as views.
#[pyclass(module = "roundtable._native")]
pub(crate) struct RosterIterator {
    pub(crate) roster: Py<Roster>,
    pub(crate) next: usize,
}

#[pymethods]
impl RosterIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Person>> {
        let roster = self.roster.bind(py);
        if self.next >= roster.borrow().len(py)? {
            return Ok(None);
        }
        self.next += 1;
        person_view(roster, self.next - 1).map(Some)
    }
}
