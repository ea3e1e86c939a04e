//! How to import a roster: the options a C caller fills in, and their
//! translation into the core's.

use std::ffi::c_char;

use crate::convert::{c_name, import_delimiter};
use crate::error::CResult;

/// How to import a roster. Start from roundtable_import_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct roundtable_import_options {
    /// true: the first bad row is an error (ROUNDTABLE_CSV_ERROR); false:
    /// bad rows are skipped and listed as problems of the roster.
    pub strict: bool,
    /// NULL to detect; else a NUL-terminated name: "utf-8", "utf-16le",
    /// "utf-16be" or "windows-1252" (also "cp1252", "latin1"…).
    pub encoding: *const c_char,
    /// 0 to sniff from the header line; else the delimiter byte, such as
    /// ';', ',' or '\t'.
    pub delimiter: u8,
    /// 0 for as many threads as the machine has; 1 to stay on the calling
    /// thread.
    pub threads: u32,
    /// The most bytes the input may have; 0 for the default (4 GiB). A
    /// larger input is ROUNDTABLE_CSV_TOO_LARGE, refused before it is read
    /// whole.
    pub max_bytes: u64,
    /// The most problems of one code kept in full (the first ones in the
    /// file); the others are counted (roundtable_roster_problem_count
    /// lists the kept ones, the import summary counts all). 0 for the
    /// default (1000); at least one of each code met is kept.
    pub max_problems_per_code: u64,
}

/// The default import options: lenient, encoding and delimiter detected,
/// threads as the machine has. Thread-safe.
#[no_mangle]
pub extern "C" fn roundtable_import_options_default() -> roundtable_import_options {
    roundtable_import_options {
        strict: false,
        encoding: std::ptr::null(),
        delimiter: 0,
        threads: 0,
        max_bytes: 0,
        max_problems_per_code: 0,
    }
}

pub(crate) unsafe fn import_options(
    options: *const roundtable_import_options,
) -> CResult<roundtable::ImportOptions> {
    let mut out = roundtable::ImportOptions::default();
    let Some(o) = options.as_ref() else {
        return Ok(out);
    };
    if o.strict {
        out = out.with_mode(roundtable::ImportMode::Strict);
    }
    if !o.encoding.is_null() {
        let encoding: roundtable::TextEncoding = c_name(o.encoding, "options.encoding")?;
        out = out.with_encoding(encoding);
    }
    if let Some(delimiter) = import_delimiter(o.delimiter)? {
        out = out.with_delimiter(delimiter.byte());
    }
    if o.max_bytes != 0 {
        out = out.with_max_bytes(o.max_bytes);
    }
    if o.max_problems_per_code != 0 {
        let limit = usize::try_from(o.max_problems_per_code).unwrap_or(usize::MAX);
        out = out.with_max_problems_per_code(limit);
    }
    Ok(out.with_threads(o.threads as usize))
}
