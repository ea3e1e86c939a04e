//! Strings handed to C (freed by `roundtable_string_free`, in the crate's
//! root).

use std::ffi::{c_char, CString};

/// A string for the caller, who frees it with `roundtable_string_free`.
/// Text from the library has no NUL inside; should one be there, the
/// string is cut at it rather than failing.
pub(crate) fn owned_string(text: &str) -> *mut c_char {
    let text = text.split('\0').next().unwrap_or("");
    CString::new(text).map_or(std::ptr::null_mut(), CString::into_raw)
}
