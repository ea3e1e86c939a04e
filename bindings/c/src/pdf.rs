//! Documents as PDF/A-2a and PDF/UA-1: bytes handed to C (freed by
//! `roundtable_bytes_free`), and the render's warnings as a report.

use std::ffi::c_char;

use crate::convert::{c_name, handle, out_ptr, write_handle};
use crate::error::{guard, guard_free, roundtable_status, CResult, Failure};
use crate::meeting::{roundtable_meeting, ROUNDTABLE_RENDER_RESPONSES};
use crate::plan::roundtable_plan;
use crate::report::roundtable_report;

/// The most pages a PDF may have (`MAX_PDF_PAGES`): a document over it is
/// ROUNDTABLE_RENDER_ERROR with code `render.too_large`.
pub const ROUNDTABLE_MAX_PDF_PAGES: usize = 5000;

// cbindgen writes literals only: the number is the core's, or no build.
const _: () = assert!(ROUNDTABLE_MAX_PDF_PAGES == roundtable::MAX_PDF_PAGES);

/// Hands `pdf` to the caller: its bytes in `*bytes`/`*len`, its warnings
/// in `*warnings` when asked.
unsafe fn write_pdf(
    pdf: roundtable::RenderedPdf,
    bytes: *mut *mut u8,
    len: *mut usize,
    warnings: *mut *mut roundtable_report,
) -> CResult {
    if !warnings.is_null() {
        write_handle(
            warnings,
            roundtable_report {
                report: pdf.warnings().clone(),
            },
        )?;
    }
    let data = pdf.into_bytes().into_boxed_slice();
    *len = data.len();
    *bytes = Box::into_raw(data).cast::<u8>();
    Ok(())
}

/// Writes a document of the meeting as PDF/A-2a and PDF/UA-1 (tagged, in
/// its language, the bundled font embedded, A4): `*bytes` (not
/// NUL-terminated) and `*len`, which the caller frees with
/// roundtable_bytes_free(). `document` is "notice", "agenda" or
/// "minutes"; `language` "nb" or "en". The same meeting gives the same
/// bytes. A document over ROUNDTABLE_MAX_PDF_PAGES is
/// ROUNDTABLE_RENDER_ERROR (`render.too_large`).
///
/// # Safety
///
/// `meeting` is a valid meeting; the names NUL-terminated strings; `bytes`
/// and `len` point to writable memory. Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_render_pdf(
    meeting: *const roundtable_meeting,
    document: *const c_char,
    language: *const c_char,
    bytes: *mut *mut u8,
    len: *mut usize,
) -> roundtable_status {
    roundtable_meeting_render_pdf_with(
        meeting,
        document,
        language,
        0,
        bytes,
        len,
        std::ptr::null_mut(),
    )
}

/// As roundtable_meeting_render_pdf(), with `flags` (0, or
/// ROUNDTABLE_RENDER_RESPONSES) and, when `warnings` is not NULL, the
/// render's warnings as a new report (code `render.missing_glyph`: a
/// character no bundled font has, drawn as U+FFFD), freed with
/// roundtable_report_free().
///
/// # Safety
///
/// As roundtable_meeting_render_pdf(); `warnings` is NULL or points to
/// writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_render_pdf_with(
    meeting: *const roundtable_meeting,
    document: *const c_char,
    language: *const c_char,
    flags: u32,
    bytes: *mut *mut u8,
    len: *mut usize,
    warnings: *mut *mut roundtable_report,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        let document: roundtable::Document = c_name(document, "document")?;
        let language: roundtable::Language = c_name(language, "language")?;
        if flags & !ROUNDTABLE_RENDER_RESPONSES != 0 {
            return Err(Failure::invalid(format!(
                "render flags {flags:#x} are not all known: expected 0 or ROUNDTABLE_RENDER_RESPONSES"
            )));
        }
        out_ptr(bytes, "bytes")?;
        out_ptr(len, "len")?;
        let options = roundtable::PdfOptions::default()
            .with_responses(flags & ROUNDTABLE_RENDER_RESPONSES != 0);
        let pdf = m.meeting.render_pdf(document, language, &options)?;
        write_pdf(pdf, bytes, len, warnings)
    })
}

/// Writes the plan as PDF/A-2a and PDF/UA-1, as
/// roundtable_meeting_render_pdf_with() writes a meeting's documents.
///
/// # Safety
///
/// `plan` is a valid plan; `language` a NUL-terminated string; `bytes` and
/// `len` point to writable memory; `warnings` is NULL or does.
#[no_mangle]
pub unsafe extern "C" fn roundtable_plan_render_pdf(
    plan: *const roundtable_plan,
    language: *const c_char,
    bytes: *mut *mut u8,
    len: *mut usize,
    warnings: *mut *mut roundtable_report,
) -> roundtable_status {
    guard(|| {
        let p = handle(plan, "plan")?;
        let language: roundtable::Language = c_name(language, "language")?;
        out_ptr(bytes, "bytes")?;
        out_ptr(len, "len")?;
        write_pdf(p.plan.render_pdf(language)?, bytes, len, warnings)
    })
}

/// Frees bytes the library gave out, with the length it gave. NULL is a
/// no-op.
///
/// # Safety
///
/// `bytes` is NULL or bytes from this library not freed before, and `len`
/// the length given with them. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn roundtable_bytes_free(bytes: *mut u8, len: usize) {
    guard_free(|| {
        if !bytes.is_null() {
            drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(
                bytes, len,
            )));
        }
    });
}
