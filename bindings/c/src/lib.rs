//! The C ABI of roundtable.
//!
//! A translation of the `roundtable` crate for C callers, nothing more:
//! every function checks its arguments, calls the core, and turns the
//! result into a status, out-pointers and a thread-local last error. The
//! header `include/roundtable.h` is generated from this crate by cbindgen;
//! its top comment states the conventions.
//!
//! Each `extern "C"` function is written out plainly (not by a macro) so
//! that cbindgen sees it, and catches panics inside its body.
#![allow(non_camel_case_types)]
// The C functions check every pointer they are given; what they cannot
// check (that a non-null pointer is valid) is the C caller's promise,
// stated in each function's documentation.
#![allow(clippy::missing_safety_doc)]

use std::cell::RefCell;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use roundtable_core as core;

mod meeting;
mod plan;
mod report;
mod roster;

pub use meeting::*;
pub use plan::*;
pub use report::*;
pub use roster::*;

/// The outcome of a call. The numbers are part of the ABI: they never
/// change meaning and are never reused.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum roundtable_status {
    /// Success.
    ROUNDTABLE_OK = 0,
    /// A required pointer argument was NULL.
    ROUNDTABLE_NULL_ARGUMENT = 1,
    /// A string argument was not UTF-8.
    ROUNDTABLE_INVALID_UTF8 = 2,
    /// An index was past the end.
    ROUNDTABLE_OUT_OF_RANGE = 3,
    /// An argument had a value the function does not take (an unknown
    /// encoding name, a delimiter that is not ASCII).
    ROUNDTABLE_INVALID_ARGUMENT = 4,
    /// An internal fault was caught; the library is still usable.
    ROUNDTABLE_PANIC = 5,
    /// A JSON document is malformed or not a meeting (line and column
    /// through roundtable_last_error_line / _column).
    ROUNDTABLE_JSON_ERROR = 100,
    /// A JSON document has a field the model does not know.
    ROUNDTABLE_JSON_UNKNOWN_FIELD = 101,
    /// A JSON document's schema_version is not the one this library reads.
    ROUNDTABLE_SCHEMA_VERSION = 102,
    /// A time zone name is not an IANA zone.
    ROUNDTABLE_UNKNOWN_TIME_ZONE = 110,
    /// A local time falls in a daylight-saving gap.
    ROUNDTABLE_NONEXISTENT_LOCAL_TIME = 111,
    /// A local time happens twice (clocks set back).
    ROUNDTABLE_AMBIGUOUS_LOCAL_TIME = 112,
    /// A CSV row cannot be imported (strict mode) or read (line, column and
    /// code through the last-error accessors).
    ROUNDTABLE_CSV_ERROR = 200,
    /// A CSV header has no name column.
    ROUNDTABLE_CSV_NO_NAME_COLUMN = 201,
    /// The CSV input is empty.
    ROUNDTABLE_CSV_EMPTY = 202,
    /// The CSV input is not text.
    ROUNDTABLE_CSV_BINARY = 203,
    /// The CSV input has bytes that are not text in its encoding.
    ROUNDTABLE_CSV_DECODE = 204,
    /// A file could not be read or written.
    ROUNDTABLE_IO_ERROR = 300,
    /// A calendar file cannot be made as asked (a request without an
    /// organizer or attendee email).
    ROUNDTABLE_CALENDAR_ERROR = 400,
    /// An error this version of the header has no status for.
    ROUNDTABLE_OTHER_ERROR = 999,
}

use roundtable_status::*;

/// The last failure of this thread.
#[derive(Default)]
struct LastError {
    status: Option<roundtable_status>,
    kind: &'static str,
    path: Option<String>,
    message: String,
    line: u64,
    column: u64,
    code: Option<String>,
}

thread_local! {
    static LAST_ERROR: RefCell<LastError> = RefCell::new(LastError::default());
}

/// A failure on its way out: a status and what the last error will say.
pub(crate) struct Failure {
    status: roundtable_status,
    kind: &'static str,
    path: Option<String>,
    message: String,
    line: u64,
    column: u64,
    code: Option<String>,
}

impl Failure {
    pub(crate) fn new(status: roundtable_status, message: impl Into<String>) -> Failure {
        let kind = match status {
            ROUNDTABLE_NULL_ARGUMENT => "null_argument",
            ROUNDTABLE_INVALID_UTF8 => "invalid_utf8",
            ROUNDTABLE_OUT_OF_RANGE => "out_of_range",
            ROUNDTABLE_PANIC => "panic",
            _ => "invalid_argument",
        };
        Failure {
            status,
            kind,
            path: None,
            message: message.into(),
            line: 0,
            column: 0,
            code: None,
        }
    }

    pub(crate) fn null(argument: &str) -> Failure {
        Failure::new(
            ROUNDTABLE_NULL_ARGUMENT,
            format!("argument `{argument}` is NULL"),
        )
    }

    pub(crate) fn out_of_range(what: &str, index: usize, len: usize) -> Failure {
        Failure::new(
            ROUNDTABLE_OUT_OF_RANGE,
            format!("{what} index {index} is out of range: there are {len}"),
        )
    }
}

impl From<core::Error> for Failure {
    fn from(e: core::Error) -> Failure {
        use core::ErrorKind as K;
        let status = match e.kind() {
            K::Json { .. } => ROUNDTABLE_JSON_ERROR,
            K::UnknownField { .. } => ROUNDTABLE_JSON_UNKNOWN_FIELD,
            K::SchemaVersion { .. } => ROUNDTABLE_SCHEMA_VERSION,
            K::UnknownTimeZone { .. } => ROUNDTABLE_UNKNOWN_TIME_ZONE,
            K::NonexistentLocalTime { .. } => ROUNDTABLE_NONEXISTENT_LOCAL_TIME,
            K::AmbiguousLocalTime { .. } => ROUNDTABLE_AMBIGUOUS_LOCAL_TIME,
            K::Csv { .. } => ROUNDTABLE_CSV_ERROR,
            K::NoNameColumn { .. } => ROUNDTABLE_CSV_NO_NAME_COLUMN,
            K::EmptyInput => ROUNDTABLE_CSV_EMPTY,
            K::BinaryInput { .. } => ROUNDTABLE_CSV_BINARY,
            K::Decode { .. } => ROUNDTABLE_CSV_DECODE,
            K::Io { .. } => ROUNDTABLE_IO_ERROR,
            K::Calendar { .. } => ROUNDTABLE_CALENDAR_ERROR,
            _ => ROUNDTABLE_OTHER_ERROR,
        };
        let code = match e.kind() {
            K::Csv { code, .. } => Some((*code).to_owned()),
            _ => None,
        };
        let position = e.position();
        Failure {
            status,
            kind: e.kind_name(),
            path: e.path().map(str::to_owned),
            message: e.to_string(),
            line: position.map_or(0, |p| p.line),
            column: position.map_or(0, |p| p.column),
            code,
        }
    }
}

pub(crate) type CResult<T = ()> = Result<T, Failure>;

/// Runs the body of an entry point: catches a panic, records a failure as
/// this thread's last error, and gives the status.
pub(crate) fn guard(body: impl FnOnce() -> CResult) -> roundtable_status {
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".to_owned());
        Err(Failure::new(
            ROUNDTABLE_PANIC,
            format!("internal error (a panic was caught): {what}"),
        ))
    });
    match outcome {
        Ok(()) => ROUNDTABLE_OK,
        Err(f) => {
            let status = f.status;
            LAST_ERROR.with(|last| {
                *last.borrow_mut() = LastError {
                    status: Some(f.status),
                    kind: f.kind,
                    path: f.path,
                    message: f.message,
                    line: f.line,
                    column: f.column,
                    code: f.code,
                }
            });
            status
        }
    }
}

/// A NUL-terminated UTF-8 string argument.
pub(crate) unsafe fn c_str<'a>(ptr: *const c_char, argument: &str) -> CResult<&'a str> {
    if ptr.is_null() {
        return Err(Failure::null(argument));
    }
    CStr::from_ptr(ptr).to_str().map_err(|e| {
        Failure::new(
            ROUNDTABLE_INVALID_UTF8,
            format!(
                "argument `{argument}` is not UTF-8 (bad byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// A byte buffer argument of explicit length; NULL is allowed for length 0.
pub(crate) unsafe fn c_bytes<'a>(ptr: *const u8, len: usize, argument: &str) -> CResult<&'a [u8]> {
    if ptr.is_null() {
        if len == 0 {
            return Ok(&[]);
        }
        return Err(Failure::null(argument));
    }
    if len > isize::MAX as usize {
        return Err(Failure::new(
            ROUNDTABLE_INVALID_ARGUMENT,
            format!("argument `{argument}` has an impossible length {len}"),
        ));
    }
    Ok(std::slice::from_raw_parts(ptr, len))
}

/// A handle argument.
pub(crate) unsafe fn handle<'a, T>(ptr: *const T, argument: &str) -> CResult<&'a T> {
    ptr.as_ref().ok_or_else(|| Failure::null(argument))
}

/// A mutable handle argument.
pub(crate) unsafe fn handle_mut<'a, T>(ptr: *mut T, argument: &str) -> CResult<&'a mut T> {
    ptr.as_mut().ok_or_else(|| Failure::null(argument))
}

/// Checks an out-pointer before any work is done.
pub(crate) fn out_ptr<T>(ptr: *mut T, argument: &str) -> CResult<()> {
    if ptr.is_null() {
        Err(Failure::null(argument))
    } else {
        Ok(())
    }
}

/// A string for the caller, who frees it with `roundtable_string_free`.
/// Text from the library has no NUL inside; should one be there, the
/// string is cut at it rather than failing.
pub(crate) fn owned_string(text: &str) -> *mut c_char {
    let text = text.split('\0').next().unwrap_or("");
    CString::new(text).map_or(std::ptr::null_mut(), CString::into_raw)
}

/// Writes a caller-owned string through `out`.
pub(crate) unsafe fn write_string(out: *mut *mut c_char, text: &str) -> CResult {
    out_ptr(out, "out")?;
    *out = owned_string(text);
    Ok(())
}

/// Writes an optional string: NULL for absent.
pub(crate) unsafe fn write_opt_string(out: *mut *mut c_char, text: Option<&str>) -> CResult {
    out_ptr(out, "out")?;
    *out = text.map_or(std::ptr::null_mut(), owned_string);
    Ok(())
}

/// Moves a value to the heap and gives the caller the handle.
pub(crate) unsafe fn write_handle<T>(out: *mut *mut T, value: T) -> CResult {
    out_ptr(out, "out")?;
    *out = Box::into_raw(Box::new(value));
    Ok(())
}

/// Frees a string the library gave out. NULL is a no-op.
///
/// # Safety
///
/// `s` is NULL or a string from this library not freed before.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn roundtable_string_free(s: *mut c_char) {
    if !s.is_null() {
        drop(CString::from_raw(s));
    }
}

/// The library's version, such as "0.1.0". A static string: do not free it.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn roundtable_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The message of this thread's last failure, or NULL when there was none.
/// The caller owns the string: free it with roundtable_string_free().
/// Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error() -> *mut c_char {
    catch_unwind(|| {
        LAST_ERROR.with(|last| {
            let last = last.borrow();
            match last.status {
                Some(_) => owned_string(&last.message),
                None => std::ptr::null_mut(),
            }
        })
    })
    .unwrap_or(std::ptr::null_mut())
}

/// The status of this thread's last failure; ROUNDTABLE_OK when there was
/// none. Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_status() -> roundtable_status {
    catch_unwind(|| LAST_ERROR.with(|last| last.borrow().status.unwrap_or(ROUNDTABLE_OK)))
        .unwrap_or(ROUNDTABLE_PANIC)
}

/// The 1-based line of this thread's last failure, for JSON and CSV
/// errors; 0 when it has none. Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_line() -> u64 {
    catch_unwind(|| LAST_ERROR.with(|last| last.borrow().line)).unwrap_or(0)
}

/// The column of this thread's last failure: for JSON the 1-based
/// character column, for CSV the 1-based field; 0 when it has none.
/// Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_column() -> u64 {
    catch_unwind(|| LAST_ERROR.with(|last| last.borrow().column)).unwrap_or(0)
}

/// The stable code of this thread's last failure when it was a CSV row
/// problem (such as "roster.email" or "import.extra_fields"), or NULL. The
/// caller owns the string: free it with roundtable_string_free().
/// Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_code() -> *mut c_char {
    catch_unwind(|| {
        LAST_ERROR.with(|last| {
            last.borrow()
                .code
                .as_deref()
                .map_or(std::ptr::null_mut(), owned_string)
        })
    })
    .unwrap_or(std::ptr::null_mut())
}

/// The stable name of the kind of this thread's last failure, or NULL when
/// there was none: the core's names (`json`, `unknown_field`,
/// `schema_version`, `unknown_time_zone`, `nonexistent_local_time`,
/// `ambiguous_local_time`, `csv`, `no_name_column`, `empty_input`,
/// `binary_input`, `decode`, `io`), the same as Python's `Error.kind`, and
/// for failures of the call itself `null_argument`, `invalid_utf8`,
/// `out_of_range`, `invalid_argument`, `panic`. The caller owns the
/// string: free it with roundtable_string_free(). Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_kind() -> *mut c_char {
    catch_unwind(|| {
        LAST_ERROR.with(|last| {
            let last = last.borrow();
            match last.status {
                Some(_) => owned_string(last.kind),
                None => std::ptr::null_mut(),
            }
        })
    })
    .unwrap_or(std::ptr::null_mut())
}

/// The path of the field of this thread's last failure, for JSON errors
/// (such as "agenda[0].titel" or "time"), or NULL when it has none. The
/// caller owns the string: free it with roundtable_string_free().
/// Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_path() -> *mut c_char {
    catch_unwind(|| {
        LAST_ERROR.with(|last| {
            last.borrow()
                .path
                .as_deref()
                .map_or(std::ptr::null_mut(), owned_string)
        })
    })
    .unwrap_or(std::ptr::null_mut())
}

/// Forgets this thread's last failure. Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_clear() {
    let _ = catch_unwind(|| LAST_ERROR.with(|last| *last.borrow_mut() = LastError::default()));
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// Takes a caller-owned string back and frees it.
    pub fn take(s: *mut c_char) -> Option<String> {
        if s.is_null() {
            return None;
        }
        // SAFETY: strings handed out by this library.
        let owned = unsafe { CString::from_raw(s) };
        Some(owned.into_string().unwrap())
    }

    pub fn last_error() -> String {
        take(roundtable_last_error()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    #[test]
    fn a_panic_inside_an_entry_point_becomes_the_panic_status() {
        let status = guard(|| panic!("boom"));
        assert_eq!(status, ROUNDTABLE_PANIC);
        assert_eq!(roundtable_last_error_status(), ROUNDTABLE_PANIC);
        assert!(last_error().contains("boom"));
        roundtable_last_error_clear();
        assert!(roundtable_last_error().is_null());
        assert_eq!(roundtable_last_error_status(), ROUNDTABLE_OK);
    }

    #[test]
    fn the_last_error_is_per_thread() {
        let status = guard(|| Err(Failure::null("x")));
        assert_eq!(status, ROUNDTABLE_NULL_ARGUMENT);
        std::thread::spawn(|| assert!(roundtable_last_error().is_null()))
            .join()
            .unwrap();
        assert!(last_error().contains("`x`"));
    }

    #[test]
    fn version_is_the_crate_version() {
        // SAFETY: a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(roundtable_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
