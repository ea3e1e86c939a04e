//! The status of a call and this thread's last error.
//!
//! One record per thread: the core's own [`roundtable::Error`] when the
//! core failed, read field by field when C asks (message, line, column,
//! kind, code, path), or the failure of the call itself (a NULL, a string
//! that is not UTF-8, an index past the end, a caught panic).

use std::cell::RefCell;
use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use roundtable::{Error, ErrorCode, ErrorKind};

use crate::strings::owned_string;

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
    /// A text to return holds a NUL byte, which a C string cannot carry
    /// (a value read from a document or a file); the message names its
    /// offset. Nothing is returned cut short.
    ROUNDTABLE_NUL_IN_TEXT = 6,
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
    /// A date outside the years 1 to 9999.
    ROUNDTABLE_DATE_OUT_OF_RANGE = 113,
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
    /// The CSV input is larger than the import's limit (max_bytes).
    ROUNDTABLE_CSV_TOO_LARGE = 205,
    /// A file could not be read or written.
    ROUNDTABLE_IO_ERROR = 300,
    /// A calendar file cannot be made as asked (a request without an
    /// organizer or attendee email).
    ROUNDTABLE_CALENDAR_ERROR = 400,
    /// A reply to the invitation cannot be read (code `reply.malformed`,
    /// with the line in roundtable_last_error_line()) or is over the
    /// limits (`reply.too_large`).
    ROUNDTABLE_REPLY_ERROR = 500,
    /// A message received cannot be read as e-mail (code
    /// `inbox.malformed`), or a message or mailbox is over the limits
    /// (`inbox.too_large`).
    ROUNDTABLE_INBOX_ERROR = 510,
    /// A document cannot be written as PDF: over ROUNDTABLE_MAX_PDF_PAGES
    /// (code `render.too_large`), or the PDF writer's check of PDF/A-2a
    /// or PDF/UA-1 failed (`render.pdf`, a bug of the library).
    ROUNDTABLE_RENDER_ERROR = 520,
    /// An error this version of the header has no status for.
    ROUNDTABLE_OTHER_ERROR = 999,
}

use roundtable_status::*;

/// A failure on its way out, and what this thread's last error keeps.
pub(crate) enum Failure {
    /// The core failed: its error is kept whole.
    Core(Error),
    /// The call itself failed.
    Call {
        status: roundtable_status,
        message: String,
    },
}

impl Failure {
    pub(crate) fn new(status: roundtable_status, message: impl Into<String>) -> Failure {
        Failure::Call {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn null(argument: &str) -> Failure {
        Failure::new(
            ROUNDTABLE_NULL_ARGUMENT,
            format!("argument `{argument}` is NULL"),
        )
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Failure {
        Failure::new(ROUNDTABLE_INVALID_ARGUMENT, message)
    }

    pub(crate) fn out_of_range(what: &str, index: usize, len: usize) -> Failure {
        Failure::new(
            ROUNDTABLE_OUT_OF_RANGE,
            format!("{what} index {index} is out of range: there are {len}"),
        )
    }

    pub(crate) fn status(&self) -> roundtable_status {
        let Failure::Core(e) = self else {
            let Failure::Call { status, .. } = self else {
                unreachable!()
            };
            return *status;
        };
        match e.kind() {
            ErrorKind::Json { .. } => ROUNDTABLE_JSON_ERROR,
            ErrorKind::UnknownField { .. } => ROUNDTABLE_JSON_UNKNOWN_FIELD,
            ErrorKind::SchemaVersion { .. } => ROUNDTABLE_SCHEMA_VERSION,
            ErrorKind::UnknownTimeZone { .. } => ROUNDTABLE_UNKNOWN_TIME_ZONE,
            ErrorKind::NonexistentLocalTime { .. } => ROUNDTABLE_NONEXISTENT_LOCAL_TIME,
            ErrorKind::AmbiguousLocalTime { .. } => ROUNDTABLE_AMBIGUOUS_LOCAL_TIME,
            ErrorKind::DateOutOfRange { .. } => ROUNDTABLE_DATE_OUT_OF_RANGE,
            ErrorKind::Csv { .. } => ROUNDTABLE_CSV_ERROR,
            ErrorKind::NoNameColumn { .. } => ROUNDTABLE_CSV_NO_NAME_COLUMN,
            ErrorKind::EmptyInput => ROUNDTABLE_CSV_EMPTY,
            ErrorKind::BinaryInput { .. } => ROUNDTABLE_CSV_BINARY,
            ErrorKind::Decode { .. } => ROUNDTABLE_CSV_DECODE,
            ErrorKind::TooLarge { .. } => ROUNDTABLE_CSV_TOO_LARGE,
            ErrorKind::Io { .. } => ROUNDTABLE_IO_ERROR,
            ErrorKind::Calendar { .. } => ROUNDTABLE_CALENDAR_ERROR,
            ErrorKind::Reply { .. } => ROUNDTABLE_REPLY_ERROR,
            ErrorKind::Inbox { .. } => ROUNDTABLE_INBOX_ERROR,
            ErrorKind::Render { .. } => ROUNDTABLE_RENDER_ERROR,
            ErrorKind::InvalidName { .. } | ErrorKind::InvalidArgument { .. } => {
                ROUNDTABLE_INVALID_ARGUMENT
            }
            _ => ROUNDTABLE_OTHER_ERROR,
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::Core(e) => e.to_string(),
            Failure::Call { message, .. } => message.clone(),
        }
    }

    /// The core's kind name, or the call's own.
    fn kind(&self) -> &'static str {
        match self {
            Failure::Core(e) => e.kind_name(),
            Failure::Call { status, .. } => match status {
                ROUNDTABLE_NULL_ARGUMENT => "null_argument",
                ROUNDTABLE_INVALID_UTF8 => "invalid_utf8",
                ROUNDTABLE_OUT_OF_RANGE => "out_of_range",
                ROUNDTABLE_PANIC => "panic",
                ROUNDTABLE_NUL_IN_TEXT => "nul_in_text",
                _ => "invalid_argument",
            },
        }
    }

    fn code(&self) -> Option<&'static str> {
        match self {
            Failure::Core(e) => Some(e.code().as_str()),
            Failure::Call {
                status: ROUNDTABLE_INVALID_ARGUMENT,
                ..
            } => Some(ErrorCode::InvalidArgument.as_str()),
            Failure::Call { .. } => None,
        }
    }

    fn position(&self) -> (u64, u64) {
        match self {
            Failure::Core(e) => e.position().map_or((0, 0), |p| (p.line, p.column)),
            Failure::Call { .. } => (0, 0),
        }
    }

    fn path(&self) -> Option<&str> {
        match self {
            Failure::Core(e) => e.path(),
            Failure::Call { .. } => None,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

pub(crate) type CResult<T = ()> = Result<T, Failure>;

thread_local! {
    static LAST_ERROR: RefCell<Option<Failure>> = const { RefCell::new(None) };
}

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
        Err(failure) => {
            let status = failure.status();
            LAST_ERROR.with(|last| *last.borrow_mut() = Some(failure));
            status
        }
    }
}

/// Runs a function that frees what C hands back: a panic (none is
/// expected) is caught and forgotten, since a free has no status to give.
pub(crate) fn guard_free(body: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(body));
}

/// Frees what `Box::into_raw` handed to C, in [`guard_free`]: the body of
/// every `roundtable_*_free` of a handle. NULL is a no-op.
///
/// # Safety
///
/// `ptr` is NULL or came from `Box::into_raw` of a `T`, and is not used
/// again.
pub(crate) unsafe fn free_box<T>(ptr: *mut T) {
    guard_free(|| {
        if !ptr.is_null() {
            drop(Box::from_raw(ptr));
        }
    });
}

/// Reads this thread's last failure; `None` when there is none or the read
/// itself failed.
fn with_last<T>(read: impl FnOnce(&Failure) -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(|| {
        LAST_ERROR.with(|last| last.borrow().as_ref().map(read))
    }))
    .ok()
    .flatten()
}

/// The message of this thread's last failure, or NULL when there was none.
/// The caller owns the string: free it with roundtable_string_free().
/// Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error() -> *mut c_char {
    with_last(|f| owned_string(&f.message())).unwrap_or(std::ptr::null_mut())
}

/// The status of this thread's last failure; ROUNDTABLE_OK when there was
/// none. Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_status() -> roundtable_status {
    with_last(Failure::status).unwrap_or(ROUNDTABLE_OK)
}

/// The 1-based line of this thread's last failure, for JSON and CSV
/// errors; 0 when it has none. Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_line() -> u64 {
    with_last(|f| f.position().0).unwrap_or(0)
}

/// The column of this thread's last failure: for JSON the 1-based
/// character column, for CSV the 1-based field; 0 when it has none.
/// Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_column() -> u64 {
    with_last(|f| f.position().1).unwrap_or(0)
}

/// The stable code of this thread's last failure, the same as Rust's
/// `Error::code()` and Python's `Error.code` (such as "json.unknown_field",
/// "roster.email", "import.no_name_column"; docs/errors.md lists them
/// all), or NULL when there was none or the call itself failed (a NULL, a
/// string that is not UTF-8, an index past the end, a panic). The caller
/// owns the string: free it with roundtable_string_free(). Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_code() -> *mut c_char {
    with_last(|f| f.code().map_or(std::ptr::null_mut(), owned_string))
        .unwrap_or(std::ptr::null_mut())
}

/// The stable name of the kind of this thread's last failure, or NULL when
/// there was none: the core's names (`json`, `unknown_field`,
/// `schema_version`, `unknown_time_zone`, `nonexistent_local_time`,
/// `ambiguous_local_time`, `csv`, `no_name_column`, `empty_input`,
/// `binary_input`, `decode`, `calendar`, `invalid_argument`,
/// `date_out_of_range`, `io`), the
/// same as Python's `Error.kind`, and for failures of the call itself
/// `null_argument`, `invalid_utf8`, `out_of_range`, `invalid_argument`,
/// `panic`. The caller owns the string: free it with
/// roundtable_string_free(). Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_kind() -> *mut c_char {
    with_last(|f| owned_string(f.kind())).unwrap_or(std::ptr::null_mut())
}

/// The path of the field of this thread's last failure, for JSON errors
/// (such as "agenda[0].titel" or "time"), or NULL when it has none. The
/// caller owns the string: free it with roundtable_string_free().
/// Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_path() -> *mut c_char {
    with_last(|f| f.path().map_or(std::ptr::null_mut(), owned_string))
        .unwrap_or(std::ptr::null_mut())
}

/// Forgets this thread's last failure. Thread-local.
#[no_mangle]
pub extern "C" fn roundtable_last_error_clear() {
    guard_free(|| LAST_ERROR.with(|last| *last.borrow_mut() = None));
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use std::ffi::CString;

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
}
