//! The Python module of roundtable, `roundtable._native`, behind the public
//! `roundtable` package.
//!
//! A translation of the `roundtable` crate, nothing more: each class wraps a
//! core value, converts arguments, and delegates; names, rules and defaults
//! are the core's. One module per class (`meeting`, `agenda`,
//! `contribution`, `person`, `roster`, `report`, `plan`; `roster_data`
//! for what a roster shares with its copies), `elements` for the live
//! lists of a meeting and the views of their elements, `ids` for the
//! identities that let a view find its element (or know it is gone),
//! `convert` for arguments and the methods every value class shares,
//! `time` for dates,
//! `errors` for the one translation of a core error into a Python
//! exception (the exceptions are defined in `roundtable/_errors.py`). Long
//! work (CSV import, validation, rendering) runs with the GIL released.

// The methods that only convert (getters, setters) run outside the guard
// that turns a panic into `roundtable.InternalError` (`convert::core_work`),
// so this crate has no panicking construct of its own: no unwrap, expect,
// panic or unchecked index.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

use pyo3::prelude::*;

mod agenda;
mod archive;
mod classes;
mod contribution;
mod convert;
mod elements;
mod errors;
mod ids;
mod import_problem;
mod inbox;
mod meeting;
mod pdf;
mod person;
mod plan;
mod reply;
mod report;
mod roster;
mod roster_data;
mod roster_iter;
mod time;
mod views;

/// The Norwegian public holidays of `year`, as (date, bokmål name, English
/// name), in date order.
#[pyfunction]
fn norwegian_holidays<'py>(
    py: Python<'py>,
    year: i32,
) -> PyResult<Vec<(Bound<'py, PyAny>, &'static str, &'static str)>> {
    roundtable::norwegian_holidays(year)
        .into_iter()
        .map(|h| Ok((time::date_to_py(py, h.date)?, h.name_nb, h.name_en)))
        .collect()
}

/// Every validation code with its severity, as (code, severity) pairs.
#[pyfunction]
fn validation_codes() -> Vec<(&'static str, &'static str)> {
    roundtable::Code::ALL
        .iter()
        .map(|c| (c.as_str(), c.severity().as_str()))
        .collect()
}

/// Every stable code the library gives (validation findings, import
/// problems, errors), as (code, severity, meaning), from the core's one
/// registry: the manual's tables (docs/).
#[pyfunction]
fn codes() -> Vec<(&'static str, &'static str, &'static str)> {
    roundtable::REGISTRY
        .iter()
        .map(|c| (c.name, c.severity.as_str(), c.meaning))
        .collect()
}

/// Panics inside the guard the core's work runs in, so that tests can see
/// what a caller would get from a bug: `roundtable.InternalError`.
#[pyfunction]
#[allow(clippy::panic)]
fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    convert::core_work(py, || panic!("a test asked for it"))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<classes::Meeting>()?;
    m.add_class::<classes::AgendaItem>()?;
    m.add_class::<agenda::AgendaList>()?;
    m.add_class::<contribution::ContributionList>()?;
    m.add_class::<classes::Contribution>()?;
    m.add_class::<classes::Person>()?;
    m.add_class::<classes::Roster>()?;
    m.add_class::<roster_iter::RosterIterator>()?;
    m.add_class::<import_problem::ImportProblem>()?;
    m.add_class::<report::Report>()?;
    m.add_class::<reply::ReplyOutcome>()?;
    m.add_class::<archive::ArchivePackage>()?;
    m.add_class::<archive::ArchiveFile>()?;
    m.add_class::<reply::ReplyChange>()?;
    m.add_class::<reply::IgnoredReply>()?;
    m.add_class::<report::Finding>()?;
    m.add_class::<plan::MeetingPlan>()?;
    m.add_class::<inbox::Receipt>()?;
    m.add_class::<inbox::Mailbox>()?;
    m.add_function(wrap_pyfunction!(inbox::read_mailbox, m)?)?;
    m.add_function(wrap_pyfunction!(norwegian_holidays, m)?)?;
    m.add_function(wrap_pyfunction!(validation_codes, m)?)?;
    m.add_function(wrap_pyfunction!(codes, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_test, m)?)?;
    Ok(())
}
