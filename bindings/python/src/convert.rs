//! Arguments in, results out: names parsed by the core (one table each
//! there), JSON state for pickling, and the methods every value class has.

use pyo3::prelude::*;

use crate::errors::to_py_err;
use crate::time::instant_from_py;

/// A name the core parses: a role, attendance, method, format, document,
/// language, encoding or delimiter. An unknown name is the core's
/// `argument.invalid` error, raised as `roundtable.ArgumentError`.
pub(crate) fn parse<T>(text: &str) -> PyResult<T>
where
    T: std::str::FromStr<Err = roundtable::Error>,
{
    text.parse::<T>().map_err(to_py_err)
}

/// The format and language of a document, from their names.
pub(crate) fn format_and_language(
    format: &str,
    language: &str,
) -> PyResult<(roundtable::Format, roundtable::Language)> {
    Ok((parse(format)?, parse(language)?))
}

/// The options of a calendar file: a method name, a sequence and an aware
/// datetime (now when None).
pub(crate) fn ics_options(
    method: &str,
    sequence: u32,
    dtstamp: Option<&Bound<'_, PyAny>>,
) -> PyResult<roundtable::IcsOptions> {
    let mut options = roundtable::IcsOptions::default()
        .with_method(parse(method)?)
        .with_sequence(sequence);
    if let Some(stamp) = dtstamp {
        options = options.with_dtstamp(instant_from_py(stamp)?.with_timezone(&chrono::Utc));
    }
    Ok(options)
}

/// Runs the core's work without the GIL, and turns a panic (a bug, never
/// expected) into `roundtable.InternalError`, a `roundtable.Error`, rather
/// than pyo3's `PanicException`, which `except Exception` does not catch.
pub(crate) fn core_work<T: Send>(py: Python<'_>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    let outcome = py.detach(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)));
    outcome.map_err(|panic| internal_error(py, panic))
}

/// As [`core_work`], keeping the GIL: for work that changes a Python
/// object's value in place, which no other thread may see half done.
pub(crate) fn core_work_attached<T>(py: Python<'_>, work: impl FnOnce() -> T) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .map_err(|panic| internal_error(py, panic))
}

/// `roundtable.InternalError` for a caught panic.
fn internal_error(py: Python<'_>, panic: Box<dyn std::any::Any + Send>) -> PyErr {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown".to_owned());
    let message = format!("internal error (a panic was caught): {what}");
    let built = py
        .import("roundtable._errors")
        .and_then(|errors| errors.getattr("InternalError"))
        .and_then(|class| class.call1((message.clone(),)));
    match built {
        Ok(instance) => PyErr::from_value(instance),
        Err(e) => e,
    }
}

/// A hash of a value's JSON state, for `__hash__` of frozen classes.
pub(crate) fn hash_of(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Serialises a value that cannot fail to serialise (the model has only
/// string map keys).
pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads the JSON state a class's `__reduce__` wrote.
pub(crate) fn from_json<'a, T: serde::Deserialize<'a>>(text: &'a str) -> PyResult<T> {
    serde_json::from_str(text)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("invalid state: {e}")))
}

/// The error of an assignment to something that is computed or a copy:
/// raised, never silently dropped, with what to do instead.
pub(crate) fn snapshot_error(what: &str, instead: &str) -> PyErr {
    pyo3::exceptions::PyAttributeError::new_err(format!(
        "{what} cannot be assigned (it is computed from the value, not stored): use {instead}"
    ))
}

/// A class whose value is a core value, held by the object itself or, for
/// an element of a meeting's list, read and written in that meeting.
pub(crate) trait Inner: Sized {
    /// The core value.
    type T: Clone + PartialEq + serde::Serialize;
    /// Reads the value.
    fn read<R>(&self, py: Python<'_>, f: impl FnOnce(&Self::T) -> R) -> PyResult<R>;
    /// Changes the value where it lives.
    fn write<R>(&mut self, py: Python<'_>, f: impl FnOnce(&mut Self::T) -> R) -> PyResult<R>;
    /// An independent object holding a copy of the value.
    fn detached(&self, py: Python<'_>) -> PyResult<Self>;
}

/// The `#[pymethods]` of a class with a core value ([`Inner`]): the getters
/// and setters of its plain fields (which read and write the value where it
/// lives), value equality, copies, and pickling through its JSON state
/// (read back by the static method named `$from_json`), written once; the
/// class's own methods follow. A `frozen` class (a result, held in `inner`:
/// no setters, read without a borrow) is hashable too.
macro_rules! value_class {
    (
        $ty:ident, from_json = $from_json:literal;
        fields {
            $( $(#[doc = $doc:literal])* $get:ident, $set:ident: $t:ty => $($path:ident).+; )*
        }
        $($methods:tt)*
    ) => {
        #[pymethods]
        impl $ty {
            $(
                $(#[doc = $doc])*
                #[getter]
                #[allow(clippy::clone_on_copy)]
                fn $get(&self, py: Python<'_>) -> PyResult<$t> {
                    $crate::convert::Inner::read(self, py, |inner| inner.$($path).+.clone())
                }
                #[setter]
                fn $set(&mut self, py: Python<'_>, value: $t) -> PyResult<()> {
                    $crate::convert::Inner::write(self, py, |inner| inner.$($path).+ = value)
                }
            )*
            fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
                let Ok(other) = other.extract::<PyRef<'_, $ty>>() else {
                    return Ok(false);
                };
                let theirs = $crate::convert::Inner::read(&*other, py, |v| v.clone())?;
                $crate::convert::Inner::read(self, py, |v| *v == theirs)
            }
            fn __copy__(&self, py: Python<'_>) -> PyResult<Self> {
                $crate::convert::Inner::detached(self, py)
            }
            fn __deepcopy__(&self, py: Python<'_>, _memo: &Bound<'_, PyAny>) -> PyResult<Self> {
                $crate::convert::Inner::detached(self, py)
            }
            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                let state = $crate::convert::Inner::read(&*slf.borrow(), slf.py(), |v| {
                    $crate::convert::json(v)
                })?;
                Ok((slf.get_type().getattr($from_json)?, (state,)))
            }
            $($methods)*
        }
    };
    ($ty:ident, from_json = $from_json:literal, frozen; $($methods:tt)*) => {
        #[pymethods]
        impl $ty {
            fn __hash__(&self) -> u64 {
                $crate::convert::hash_of(&$crate::convert::json(&self.inner))
            }
            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                other
                    .extract::<PyRef<'_, $ty>>()
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
                    slf.get_type().getattr($from_json)?,
                    ($crate::convert::json(&slf.get().inner),),
                ))
            }
            $($methods)*
        }
    };
}
pub(crate) use value_class;
