//! Arguments in, results out: the one place C pointers and names become
//! Rust values and back. Names (methods, formats, languages, encodings,
//! delimiters) are parsed by the core; only C's own forms (enum numbers,
//! timestamps) are read here.

use std::ffi::{c_char, CStr};

use roundtable::{Delimiter, Format, IcsOptions, Language, Method};

use crate::error::{roundtable_status, CResult, Failure};
use crate::strings::owned_string;

/// A NUL-terminated UTF-8 string argument.
pub(crate) unsafe fn c_str<'a>(ptr: *const c_char, argument: &str) -> CResult<&'a str> {
    if ptr.is_null() {
        return Err(Failure::null(argument));
    }
    CStr::from_ptr(ptr).to_str().map_err(|e| {
        Failure::new(
            roundtable_status::ROUNDTABLE_INVALID_UTF8,
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
            roundtable_status::ROUNDTABLE_INVALID_ARGUMENT,
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

/// Writes a caller-owned string through `out`; a text with a NUL byte is
/// refused ([`roundtable_status::ROUNDTABLE_NUL_IN_TEXT`]) rather than
/// handed out cut short.
pub(crate) unsafe fn write_string(out: *mut *mut c_char, text: &str) -> CResult {
    out_ptr(out, "out")?;
    no_nul(text)?;
    *out = owned_string(text);
    Ok(())
}

/// Refuses a text a C string cannot carry whole.
fn no_nul(text: &str) -> CResult {
    match memchr_nul(text) {
        None => Ok(()),
        Some(at) => Err(Failure::new(
            roundtable_status::ROUNDTABLE_NUL_IN_TEXT,
            format!(
                "the text to return holds a NUL byte at offset {at} (of {} bytes): a C string cannot carry it",
                text.len()
            ),
        )),
    }
}

fn memchr_nul(text: &str) -> Option<usize> {
    text.bytes().position(|b| b == 0)
}

/// Writes the strings of an accessor with several out-parameters, each
/// out-pointer NULL to skip (`None`: a NULL string). Every text is checked
/// first, so that on an error nothing is written: a caller that frees only
/// on success leaks nothing.
pub(crate) unsafe fn write_strings(outs: &[(*mut *mut c_char, Option<&str>)]) -> CResult {
    for (out, text) in outs {
        if let (false, Some(text)) = (out.is_null(), text) {
            no_nul(text)?;
        }
    }
    for &(out, text) in outs {
        if !out.is_null() {
            *out = text.map_or(std::ptr::null_mut(), owned_string);
        }
    }
    Ok(())
}

/// Writes an optional string: NULL for absent.
pub(crate) unsafe fn write_opt_string(out: *mut *mut c_char, text: Option<&str>) -> CResult {
    out_ptr(out, "out")?;
    if let Some(text) = text {
        no_nul(text)?;
    }
    *out = text.map_or(std::ptr::null_mut(), owned_string);
    Ok(())
}

/// Moves a value to the heap and gives the caller the handle.
pub(crate) unsafe fn write_handle<T>(out: *mut *mut T, value: T) -> CResult {
    out_ptr(out, "out")?;
    *out = Box::into_raw(Box::new(value));
    Ok(())
}

/// A name the core parses (a method, format, language, encoding…), from a
/// NUL-terminated string.
pub(crate) unsafe fn c_name<T>(ptr: *const c_char, argument: &str) -> CResult<T>
where
    T: std::str::FromStr<Err = roundtable::Error>,
{
    Ok(c_str(ptr, argument)?.parse::<T>()?)
}

/// The format and language of a document, from their C names.
pub(crate) unsafe fn format_and_language(
    format: *const c_char,
    language: *const c_char,
) -> CResult<(Format, Language)> {
    Ok((c_name(format, "format")?, c_name(language, "language")?))
}

/// The options of a calendar file: a method name, a sequence, and a
/// timestamp in seconds since 1970 (NULL for now).
pub(crate) unsafe fn ics_options(
    method: *const c_char,
    sequence: u32,
    dtstamp: *const i64,
) -> CResult<IcsOptions> {
    let method: Method = c_name(method, "method")?;
    let mut options = IcsOptions::default()
        .with_method(method)
        .with_sequence(sequence);
    if let Some(&seconds) = dtstamp.as_ref() {
        let stamp = chrono::DateTime::from_timestamp(seconds, 0)
            .ok_or_else(|| Failure::invalid(format!("dtstamp {seconds} is out of range")))?;
        options = options.with_dtstamp(stamp);
    }
    Ok(options)
}

/// A delimiter byte for an import; 0 for "sniff it".
pub(crate) fn import_delimiter(byte: u8) -> CResult<Option<Delimiter>> {
    match byte {
        0 => Ok(None),
        byte => Ok(Some(Delimiter::new(byte)?)),
    }
}
