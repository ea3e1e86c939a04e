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

use std::ffi::{c_char, CString};

mod apply_options;
mod archive;
mod convert;
mod error;
mod import_options;
mod inbox;
mod meeting;
mod pdf;
mod person;
mod plan;
mod reply;
mod report;
mod roster;
mod strings;

pub use apply_options::*;
pub use archive::*;
pub use error::*;
pub use import_options::*;
pub use meeting::*;
pub use pdf::*;
pub use person::*;
pub use plan::*;
pub use reply::*;
pub use report::*;
pub use roster::*;

use strings::owned_string;

/// Frees a string the library gave out. NULL is a no-op.
///
/// # Safety
///
/// `s` is NULL or a string from this library not freed before.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn roundtable_string_free(s: *mut c_char) {
    guard_free(|| {
        if !s.is_null() {
            drop(CString::from_raw(s));
        }
    });
}

/// The library's version, such as "0.1.0". A static string: do not free it.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn roundtable_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Every stable code the library gives (findings, import problems and
/// errors), one per line, as `code<TAB>severity<TAB>meaning`: the manual's
/// tables, for a C program that lists or checks them. The caller owns the
/// string: free it with roundtable_string_free(). Thread-safe.
#[no_mangle]
pub extern "C" fn roundtable_codes() -> *mut c_char {
    std::panic::catch_unwind(|| {
        let mut text = String::new();
        for info in roundtable::REGISTRY {
            text.push_str(info.name);
            text.push('\t');
            text.push_str(info.severity.as_str());
            text.push('\t');
            text.push_str(info.meaning);
            text.push('\n');
        }
        owned_string(&text)
    })
    .unwrap_or(std::ptr::null_mut())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn version_is_the_crate_version() {
        // SAFETY: a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(roundtable_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }

    #[test]
    fn the_code_list_is_the_registry() {
        let text = error::test_support::take(roundtable_codes()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), roundtable::REGISTRY.len());
        assert!(lines.contains(&"roster.email\terror\ta malformed email address"));
    }
}
