//! The one translation of a core error into a Python exception. The
//! exception classes are defined in Python (`roundtable/_errors.py`); each
//! gets the error's stable `kind` and `code`, the same as Rust's
//! `Error::kind_name()` / `Error::code()` and C's last-error accessors.

use pyo3::prelude::*;
use roundtable::{ErrorCode, ErrorKind};

/// The exception for a core error.
pub(crate) fn to_py_err(e: roundtable::Error) -> PyErr {
    Python::attach(|py| build_error(py, &e).unwrap_or_else(|failed| failed))
}

fn build_error(py: Python<'_>, e: &roundtable::Error) -> PyResult<PyErr> {
    let errors = py.import("roundtable._errors")?;
    let message = e.to_string();
    let (line, column) = e
        .position()
        .map_or((None, None), |p| (Some(p.line), Some(p.column)));
    let code = e.code().as_str();
    let class = |name: &str| errors.getattr(name);
    let instance = match e.kind() {
        ErrorKind::Json { .. }
        | ErrorKind::UnknownField { .. }
        | ErrorKind::SchemaVersion { .. } => {
            class("JsonError")?.call1((message, line, column, e.path()))?
        }
        ErrorKind::Csv {
            column_name, value, ..
        } => class("CsvError")?.call1((
            message,
            line,
            column,
            code,
            column_name.as_deref(),
            value.as_deref(),
        ))?,
        ErrorKind::NoNameColumn { .. }
        | ErrorKind::EmptyInput
        | ErrorKind::TooLarge { .. }
        | ErrorKind::BinaryInput { .. }
        | ErrorKind::Decode { .. } => {
            class("CsvError")?.call1((message, line, column, code, None::<&str>, None::<&str>))?
        }
        ErrorKind::UnknownTimeZone { .. }
        | ErrorKind::NonexistentLocalTime { .. }
        | ErrorKind::AmbiguousLocalTime { .. }
        | ErrorKind::DateOutOfRange { .. } => class("TimeError")?.call1((message,))?,
        ErrorKind::Calendar { .. } => class("CalendarError")?.call1((message,))?,
        ErrorKind::Reply { .. } => class("ReplyError")?.call1((message, line))?,
        ErrorKind::Inbox { .. } => class("InboxError")?.call1((message,))?,
        ErrorKind::Render { .. } => class("RenderError")?.call1((message,))?,
        ErrorKind::InvalidName { .. } | ErrorKind::InvalidArgument { .. } => {
            let name = if e.code() == ErrorCode::MissingArgument {
                "MissingArgumentError"
            } else {
                "ArgumentError"
            };
            class(name)?.call1((message,))?
        }
        ErrorKind::Io { path, source } => class("IoError")?.call1((
            source.raw_os_error().unwrap_or(0),
            message,
            path.to_string_lossy().into_owned(),
        ))?,
        _ => class("Error")?.call1((message,))?,
    };
    instance.setattr("kind", e.kind_name())?;
    instance.setattr("code", code)?;
    Ok(PyErr::from_value(instance))
}
