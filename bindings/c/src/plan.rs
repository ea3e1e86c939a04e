//! Meeting plans: a body's meetings of a year.

use std::ffi::c_char;

use crate::convert::{
    c_str, format_and_language, handle, ics_options, out_ptr, write_handle, write_string,
};
use crate::error::{free_box, guard, roundtable_status, Failure};

use crate::meeting::roundtable_meeting;
use crate::report::roundtable_report;

/// A body's series of meetings (opaque).
pub struct roundtable_plan {
    pub(crate) plan: roundtable::MeetingPlan,
}

/// Builds a plan of meetings like `template` on `count` dates, each a
/// NUL-terminated ISO date ("2025-02-06"), and writes a new handle to
/// `*out`, which the caller frees with roundtable_plan_free(). Each meeting
/// links to the one before it.
///
/// # Safety
///
/// `template` is a valid meeting; `dates` points to `count` NUL-terminated
/// strings (or is NULL with `count` 0); `out` points to writable memory.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn roundtable_plan_build(
    template: *const roundtable_meeting,
    dates: *const *const c_char,
    count: usize,
    out: *mut *mut roundtable_plan,
) -> roundtable_status {
    guard(|| {
        let m = handle(template, "template")?;
        out_ptr(out, "out")?;
        if dates.is_null() && count > 0 {
            return Err(Failure::null("dates"));
        }
        let mut days = Vec::with_capacity(count);
        for i in 0..count {
            let text = c_str(*dates.add(i), "dates[i]")?;
            let day = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                Failure::invalid(format!(
                    "dates[{i}] is {text:?}, not a date such as 2025-02-06"
                ))
            })?;
            days.push(day);
        }
        let plan = roundtable::MeetingPlan::build(&m.meeting, &days)?;
        write_handle(out, roundtable_plan { plan })
    })
}

/// Frees a plan. NULL is a no-op.
///
/// # Safety
///
/// `plan` is NULL or a plan from this library not freed before, which no
/// other thread is using.
#[no_mangle]
pub unsafe extern "C" fn roundtable_plan_free(plan: *mut roundtable_plan) {
    free_box(plan);
}

/// Writes the number of meetings of the plan to `*out`.
///
/// # Safety
///
/// `plan` is a valid plan; `out` points to writable memory. Thread-safe on
/// a shared plan.
#[no_mangle]
pub unsafe extern "C" fn roundtable_plan_len(
    plan: *const roundtable_plan,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let p = handle(plan, "plan")?;
        out_ptr(out, "out")?;
        *out = p.plan.meetings.len();
        Ok(())
    })
}

/// Writes a copy of meeting `index` (from 0, in date order) to `*out`, as a
/// new handle the caller frees with roundtable_meeting_free().
///
/// # Safety
///
/// `plan` is a valid plan; `out` points to writable memory. Thread-safe on
/// a shared plan.
#[no_mangle]
pub unsafe extern "C" fn roundtable_plan_get(
    plan: *const roundtable_plan,
    index: usize,
    out: *mut *mut roundtable_meeting,
) -> roundtable_status {
    guard(|| {
        let p = handle(plan, "plan")?;
        out_ptr(out, "out")?;
        let meetings = &p.plan.meetings;
        let m = meetings
            .get(index)
            .ok_or_else(|| Failure::out_of_range("meeting", index, meetings.len()))?;
        write_handle(out, roundtable_meeting { meeting: m.clone() })
    })
}

/// Checks the plan ("plan.same_day", "plan.weekend",
/// "plan.public_holiday") and writes the report to `*out`, as a new handle
/// the caller frees with roundtable_report_free().
///
/// # Safety
///
/// `plan` is a valid plan; `out` points to writable memory. Thread-safe on
/// a shared plan.
#[no_mangle]
pub unsafe extern "C" fn roundtable_plan_validate(
    plan: *const roundtable_plan,
    out: *mut *mut roundtable_report,
) -> roundtable_status {
    guard(|| {
        let p = handle(plan, "plan")?;
        out_ptr(out, "out")?;
        write_handle(
            out,
            roundtable_report {
                report: p.plan.validate(),
            },
        )
    })
}

/// Writes the plan as a document to `*out` ("markdown" or "html"; "nb" or
/// "en", NUL-terminated); the caller frees it with roundtable_string_free().
///
/// # Safety
///
/// `plan` is a valid plan; the names NUL-terminated strings; `out` points
/// to writable memory. Thread-safe on a shared plan.
#[no_mangle]
pub unsafe extern "C" fn roundtable_plan_render(
    plan: *const roundtable_plan,
    format: *const c_char,
    language: *const c_char,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let p = handle(plan, "plan")?;
        let (format, language) = format_and_language(format, language)?;
        out_ptr(out, "out")?;
        write_string(out, &p.plan.render(format, language))
    })
}

/// Writes all the plan's meetings as one calendar file to `*out`, with the
/// arguments of roundtable_meeting_to_ics(); the caller frees it with
/// roundtable_string_free().
///
/// # Safety
///
/// `plan` is a valid plan; `method` a NUL-terminated string; `dtstamp` NULL
/// or readable; `out` points to writable memory. Thread-safe on a shared
/// plan.
#[no_mangle]
pub unsafe extern "C" fn roundtable_plan_to_ics(
    plan: *const roundtable_plan,
    method: *const c_char,
    sequence: u32,
    dtstamp: *const i64,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let p = handle(plan, "plan")?;
        let options = ics_options(method, sequence, dtstamp)?;
        out_ptr(out, "out")?;
        write_string(out, &p.plan.to_ics(&options)?)
    })
}
