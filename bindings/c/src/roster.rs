//! Rosters: import from CSV, the problems of the import, export; a
//! person is copied out to a `roundtable_person` (`person.rs`), and the
//! import's options are `import_options.rs`.

use std::ffi::c_char;

use crate::convert::{
    c_bytes, c_str, handle, out_ptr, write_handle, write_opt_string, write_string,
};
use crate::error::{free_box, guard, roundtable_status, CResult, Failure};
use crate::import_options::{import_options, roundtable_import_options};
use crate::person::roundtable_person;

use crate::report::roundtable_severity;

/// The people invited to a meeting (opaque), with the problems of the
/// import that made it, if any.
pub struct roundtable_roster {
    pub(crate) roster: roundtable::Roster,
    pub(crate) problems: roundtable::ImportProblems,
    /// The encoding and delimiter of the import that made it.
    pub(crate) source: Option<(roundtable::TextEncoding, u8)>,
    /// The counts of the import that made it.
    pub(crate) summary: Option<roundtable::ImportSummary>,
}

impl From<roundtable::Roster> for roundtable_roster {
    fn from(roster: roundtable::Roster) -> Self {
        roundtable_roster {
            roster,
            problems: roundtable::ImportProblems::new(),
            source: None,
            summary: None,
        }
    }
}

fn imported(import: roundtable::RosterImport) -> roundtable_roster {
    let summary = import.summary();
    roundtable_roster {
        roster: import.roster,
        problems: import.problems,
        source: Some((import.encoding, import.delimiter)),
        summary: Some(summary),
    }
}

/// Imports a roster from the CSV or tab-separated file at `path`
/// (NUL-terminated UTF-8) and writes a new handle to `*out`, which the
/// caller frees with roundtable_roster_free(). `options` may be NULL for
/// the defaults. In lenient mode bad rows are listed through
/// roundtable_roster_problem_count() and friends.
///
/// # Safety
///
/// `path` is a NUL-terminated string; `options` NULL or valid (its
/// `encoding` NULL or NUL-terminated); `out` points to writable memory.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_from_csv_path(
    path: *const c_char,
    options: *const roundtable_import_options,
    out: *mut *mut roundtable_roster,
) -> roundtable_status {
    guard(|| {
        let path = c_str(path, "path")?;
        let options = import_options(options)?;
        out_ptr(out, "out")?;
        let import = roundtable::Roster::from_csv_path(path, &options)?;
        write_handle(out, imported(import))
    })
}

/// Imports a roster from `len` bytes of a CSV or tab-separated file (any
/// supported encoding; no NUL needed) and writes a new handle to `*out`,
/// which the caller frees with roundtable_roster_free(). `options` may be
/// NULL for the defaults.
///
/// # Safety
///
/// `bytes` points to `len` readable bytes (or is NULL with `len` 0);
/// `options` NULL or valid; `out` points to writable memory. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_from_csv_bytes(
    bytes: *const u8,
    len: usize,
    options: *const roundtable_import_options,
    out: *mut *mut roundtable_roster,
) -> roundtable_status {
    guard(|| {
        let bytes = c_bytes(bytes, len, "bytes")?;
        let options = import_options(options)?;
        out_ptr(out, "out")?;
        let import = roundtable::Roster::from_csv_bytes(bytes, &options)?;
        write_handle(out, imported(import))
    })
}

/// Frees a roster. NULL is a no-op.
///
/// # Safety
///
/// `roster` is NULL or a roster from this library not freed before,
/// which no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_free(roster: *mut roundtable_roster) {
    free_box(roster);
}

/// Writes the number of people to `*out`.
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_len(
    roster: *const roundtable_roster,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let r = handle(roster, "roster")?;
        out_ptr(out, "out")?;
        *out = r.roster.len();
        Ok(())
    })
}

/// Writes a copy of person `index` (from 0) to `*out`, as a new handle the
/// caller frees with roundtable_person_free(). ROUNDTABLE_OUT_OF_RANGE
/// past the end.
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_get(
    roster: *const roundtable_roster,
    index: usize,
    out: *mut *mut roundtable_person,
) -> roundtable_status {
    guard(|| {
        let r = handle(roster, "roster")?;
        out_ptr(out, "out")?;
        let person = r
            .roster
            .get(index)
            .ok_or_else(|| Failure::out_of_range("person", index, r.roster.len()))?;
        write_handle(
            out,
            roundtable_person {
                person: person.to_person(),
            },
        )
    })
}

/// The language of an exported CSV header and of role and attendance
/// values: ROUNDTABLE_NORWEGIAN or ROUNDTABLE_ENGLISH. A plain integer, so
/// that a value from C that is neither is refused rather than misread.
pub type roundtable_header_language = u32;

/// Fornavn, Etternavn, Organisasjon… with medlem, leder, forfall…
pub const ROUNDTABLE_NORWEGIAN: roundtable_header_language = 0;

/// Given name, Family name, Organisation… with member, chair, excused…
pub const ROUNDTABLE_ENGLISH: roundtable_header_language = 1;

/// Writes the roster as CSV (UTF-8, CRLF line ends, a header row, extra
/// attributes as further columns, formula-like values guarded by a leading
/// ') to `*out`; the caller frees it with roundtable_string_free().
/// `delimiter` is ',' or ';'; `language` ROUNDTABLE_NORWEGIAN or
/// ROUNDTABLE_ENGLISH.
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_to_csv(
    roster: *const roundtable_roster,
    delimiter: u8,
    language: roundtable_header_language,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let r = handle(roster, "roster")?;
        out_ptr(out, "out")?;
        let delimiter = roundtable::Delimiter::for_export(delimiter)?;
        let language = match language {
            ROUNDTABLE_ENGLISH => roundtable::Language::English,
            ROUNDTABLE_NORWEGIAN => roundtable::Language::Norwegian,
            other => {
                return Err(Failure::invalid(format!(
                    "header language {other} is neither ROUNDTABLE_NORWEGIAN (0) nor ROUNDTABLE_ENGLISH (1)"
                )))
            }
        };
        let options = roundtable::ExportOptions::default()
            .with_delimiter(delimiter.byte())
            .with_language(language);
        write_string(out, &r.roster.to_csv(&options))
    })
}

/// Writes the encoding the roster's file was read in ("utf-8",
/// "utf-16le", "utf-16be", "windows-1252") to `*out`, or NULL for a roster
/// that was not imported; the caller frees it with roundtable_string_free().
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_encoding(
    roster: *const roundtable_roster,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let r = handle(roster, "roster")?;
        write_opt_string(out, r.source.map(|(e, _)| e.name()))
    })
}

/// Writes the delimiter byte the roster's file was read with to `*out`, or
/// 0 for a roster that was not imported.
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_delimiter(
    roster: *const roundtable_roster,
    out: *mut u8,
) -> roundtable_status {
    guard(|| {
        let r = handle(roster, "roster")?;
        out_ptr(out, "out")?;
        *out = r.source.map_or(0, |(_, d)| d);
        Ok(())
    })
}

/// Writes the counts of the import that made the roster to `*out`, as a
/// JSON object: `{"rows_read": 45, "people": 45, "skipped": {"roster.empty_name": 1},
/// "problems": {"roster.email": 2}}` (skipped rows and problems by code,
/// exact), with `"not_kept": {code: n}` when problems past the options'
/// max_problems_per_code were counted and not kept; NULL for a roster that
/// was not imported. The caller frees the string
/// with roundtable_string_free().
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_import_summary(
    roster: *const roundtable_roster,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let r = handle(roster, "roster")?;
        let json = r.summary.as_ref().map(roundtable::ImportSummary::to_json);
        write_opt_string(out, json.as_deref())
    })
}

/// Writes the number of import problems kept to `*out` (0 for a roster
/// that was not imported, or imported cleanly): at most the options'
/// max_problems_per_code of each code; the import summary counts all.
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_problem_count(
    roster: *const roundtable_roster,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let r = handle(roster, "roster")?;
        out_ptr(out, "out")?;
        *out = r.problems.len();
        Ok(())
    })
}

unsafe fn problem<'a>(
    roster: *const roundtable_roster,
    index: usize,
) -> CResult<roundtable::ProblemRef<'a>> {
    let r = handle(roster, "roster")?;
    r.problems
        .get(index)
        .ok_or_else(|| Failure::out_of_range("problem", index, r.problems.len()))
}

/// Writes the physical line (from 1) of import problem `index` to `*out`.
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_problem_line(
    roster: *const roundtable_roster,
    index: usize,
    out: *mut u64,
) -> roundtable_status {
    guard(|| {
        out_ptr(out, "out")?;
        let p = problem(roster, index)?;
        *out = p.line();
        Ok(())
    })
}

/// Writes the field position (from 1; 0 for the whole row) of import
/// problem `index` to `*out`.
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_problem_column(
    roster: *const roundtable_roster,
    index: usize,
    out: *mut u64,
) -> roundtable_status {
    guard(|| {
        out_ptr(out, "out")?;
        let p = problem(roster, index)?;
        *out = p.column();
        Ok(())
    })
}

/// Writes the header of the column of import problem `index` to `*out`, or
/// NULL for a problem of the whole row; the caller frees it with
/// roundtable_string_free().
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_problem_column_name(
    roster: *const roundtable_roster,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        out_ptr(out, "out")?;
        let p = problem(roster, index)?;
        write_opt_string(out, p.column_name())
    })
}

/// Writes the stable code of import problem `index` ("roster.email",
/// "import.extra_fields"…) to `*out`; the caller frees it with
/// roundtable_string_free().
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_problem_code(
    roster: *const roundtable_roster,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        out_ptr(out, "out")?;
        write_string(out, problem(roster, index)?.code().as_str())
    })
}

/// Writes the severity of import problem `index` to `*out`: a warning
/// kept its row, an error skipped it.
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_problem_severity(
    roster: *const roundtable_roster,
    index: usize,
    out: *mut roundtable_severity,
) -> roundtable_status {
    guard(|| {
        out_ptr(out, "out")?;
        let p = problem(roster, index)?;
        *out = p.severity().into();
        Ok(())
    })
}

/// Writes the raw value of import problem `index` to `*out`; the caller
/// frees it with roundtable_string_free().
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_problem_value(
    roster: *const roundtable_roster,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        out_ptr(out, "out")?;
        write_string(out, problem(roster, index)?.value())
    })
}

/// Writes the reason of import problem `index` to `*out`; the caller frees
/// it with roundtable_string_free().
///
/// # Safety
///
/// `roster` is a valid roster; `out` points to writable memory.
/// Thread-safe on a shared roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_roster_problem_reason(
    roster: *const roundtable_roster,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        out_ptr(out, "out")?;
        write_string(out, &problem(roster, index)?.reason().as_str())
    })
}
