//! Validation reports and their findings.

use std::ffi::c_char;

use crate::convert::{handle, out_ptr, write_handle, write_string};
use crate::error::{free_box, guard, roundtable_status, Failure};

/// How serious a finding or an import problem is.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum roundtable_severity {
    /// Worth a look; the meeting can go ahead.
    ROUNDTABLE_WARNING = 1,
    /// Must be fixed before the documents go out.
    ROUNDTABLE_ERROR = 2,
}

impl From<roundtable::Severity> for roundtable_severity {
    fn from(s: roundtable::Severity) -> Self {
        match s {
            roundtable::Severity::Warning => roundtable_severity::ROUNDTABLE_WARNING,
            roundtable::Severity::Error => roundtable_severity::ROUNDTABLE_ERROR,
        }
    }
}

/// The findings of one validation (opaque).
pub struct roundtable_report {
    pub(crate) report: roundtable::Report,
}

/// One finding of a validation (opaque): code, severity, path, message.
pub struct roundtable_finding {
    pub(crate) finding: roundtable::Finding,
}

/// Frees a report. NULL is a no-op.
///
/// # Safety
///
/// `report` is NULL or a report from this library not freed before,
/// which no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn roundtable_report_free(report: *mut roundtable_report) {
    free_box(report);
}

/// Writes the number of findings to `*out`.
///
/// # Safety
///
/// `report` is a valid report; `out` points to writable memory.
/// Thread-safe on a shared report.
#[no_mangle]
pub unsafe extern "C" fn roundtable_report_len(
    report: *const roundtable_report,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let r = handle(report, "report")?;
        out_ptr(out, "out")?;
        *out = r.report.len();
        Ok(())
    })
}

/// Writes to `*out` whether the report has no finding of severity error
/// (warnings allowed).
///
/// # Safety
///
/// `report` is a valid report; `out` points to writable memory.
/// Thread-safe on a shared report.
#[no_mangle]
pub unsafe extern "C" fn roundtable_report_is_ok(
    report: *const roundtable_report,
    out: *mut bool,
) -> roundtable_status {
    guard(|| {
        let r = handle(report, "report")?;
        out_ptr(out, "out")?;
        *out = r.report.is_ok();
        Ok(())
    })
}

/// Writes the number of findings of severity error to `*out`.
///
/// # Safety
///
/// `report` is a valid report; `out` points to writable memory.
/// Thread-safe on a shared report.
#[no_mangle]
pub unsafe extern "C" fn roundtable_report_error_count(
    report: *const roundtable_report,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let r = handle(report, "report")?;
        out_ptr(out, "out")?;
        *out = r.report.errors().count();
        Ok(())
    })
}

/// Writes finding number `index` (from 0) to `*out`, as a new handle the
/// caller frees with roundtable_finding_free(). ROUNDTABLE_OUT_OF_RANGE
/// past the end.
///
/// # Safety
///
/// `report` is a valid report; `out` points to writable memory.
/// Thread-safe on a shared report.
#[no_mangle]
pub unsafe extern "C" fn roundtable_report_get(
    report: *const roundtable_report,
    index: usize,
    out: *mut *mut roundtable_finding,
) -> roundtable_status {
    guard(|| {
        let r = handle(report, "report")?;
        out_ptr(out, "out")?;
        let findings = r.report.findings();
        let finding = findings
            .get(index)
            .ok_or_else(|| Failure::out_of_range("finding", index, findings.len()))?;
        write_handle(
            out,
            roundtable_finding {
                finding: finding.clone(),
            },
        )
    })
}

/// Frees a finding. NULL is a no-op.
///
/// # Safety
///
/// `finding` is NULL or a finding from this library not freed before,
/// which no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn roundtable_finding_free(finding: *mut roundtable_finding) {
    free_box(finding);
}

/// Writes the finding's stable code (such as "contribution.late") to
/// `*out`; the caller frees it with roundtable_string_free().
///
/// # Safety
///
/// `finding` is a valid finding; `out` points to writable memory.
/// Thread-safe on a shared finding.
#[no_mangle]
pub unsafe extern "C" fn roundtable_finding_code(
    finding: *const roundtable_finding,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| write_string(out, handle(finding, "finding")?.finding.code.as_str()))
}

/// Writes the finding's severity to `*out`.
///
/// # Safety
///
/// `finding` is a valid finding; `out` points to writable memory.
/// Thread-safe on a shared finding.
#[no_mangle]
pub unsafe extern "C" fn roundtable_finding_severity(
    finding: *const roundtable_finding,
    out: *mut roundtable_severity,
) -> roundtable_status {
    guard(|| {
        let f = handle(finding, "finding")?;
        out_ptr(out, "out")?;
        *out = f.finding.severity.into();
        Ok(())
    })
}

/// Writes the path of the field concerned (such as "roster[12].email") to
/// `*out`; the caller frees it with roundtable_string_free().
///
/// # Safety
///
/// `finding` is a valid finding; `out` points to writable memory.
/// Thread-safe on a shared finding.
#[no_mangle]
pub unsafe extern "C" fn roundtable_finding_path(
    finding: *const roundtable_finding,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| write_string(out, &handle(finding, "finding")?.finding.path))
}

/// Writes the finding's message to `*out`; the caller frees it with
/// roundtable_string_free().
///
/// # Safety
///
/// `finding` is a valid finding; `out` points to writable memory.
/// Thread-safe on a shared finding.
#[no_mangle]
pub unsafe extern "C" fn roundtable_finding_message(
    finding: *const roundtable_finding,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| write_string(out, &handle(finding, "finding")?.finding.message))
}
