//! The archive's form of a meeting: packages of XML messages and the files
//! they refer to, and the archive's checks.

use std::ffi::c_char;

use crate::convert::{c_name, c_str, handle, out_ptr, write_handle, write_strings};
use crate::error::{free_box, guard, roundtable_status, Failure};
use crate::meeting::{roundtable_meeting, write_report};
use crate::report::roundtable_report;

/// The XML messages of an export and the files they refer to (opaque).
pub struct roundtable_archive_package {
    package: roundtable::ArchivePackage,
}

/// Exports the meeting in the archive's form: `kind` "moetemappe" (a
/// Noark 5 meeting folder: one message, "arkivstruktur.xml") or
/// "arkivmelding" (Fiks Arkiv create messages: one per record of the
/// case). `created_by` names who made the records (NULL: "roundtable");
/// they are dated at the meeting's end, so two exports give the same
/// bytes. Writes a new package to `*out`, which the caller frees with
/// roundtable_archive_package_free().
///
/// # Safety
///
/// `meeting` is a valid meeting; `kind` a NUL-terminated string;
/// `created_by` NULL or a NUL-terminated string; `out` points to writable
/// memory. Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_to_archive(
    meeting: *const roundtable_meeting,
    kind: *const c_char,
    created_by: *const c_char,
    out: *mut *mut roundtable_archive_package,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        let kind: roundtable::ArchiveKind = c_name(kind, "kind")?;
        let mut options = roundtable::ArchiveOptions::default();
        if !created_by.is_null() {
            options = options.with_created_by(c_str(created_by, "created_by")?);
        }
        out_ptr(out, "out")?;
        let package = m.meeting.to_archive(kind, &options)?;
        write_handle(out, roundtable_archive_package { package })
    })
}

/// Frees a package. NULL is a no-op.
///
/// # Safety
///
/// `package` is NULL or a package from this library not freed before,
/// which no other thread is using; the data pointers read from it are
/// invalid afterwards.
#[no_mangle]
pub unsafe extern "C" fn roundtable_archive_package_free(package: *mut roundtable_archive_package) {
    free_box(package);
}

/// Writes the number of XML messages (`*messages`) and of the files they
/// refer to (`*files`); either pointer may be NULL.
///
/// # Safety
///
/// `package` is a valid package; each out-pointer is NULL or points to
/// writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_archive_package_len(
    package: *const roundtable_archive_package,
    messages: *mut usize,
    files: *mut usize,
) -> roundtable_status {
    guard(|| {
        let p = handle(package, "package")?;
        if !messages.is_null() {
            *messages = p.package.messages.len();
        }
        if !files.is_null() {
            *files = p.package.files.len();
        }
        Ok(())
    })
}

/// Reads XML message `index` (`is_message` true) or file `index` (false):
/// its name (a new string the caller frees with roundtable_string_free()),
/// its bytes (`*data`, `*len`: borrowed from the package, valid until it is
/// freed; not NUL-terminated) and its SHA-256 in hex (a new string). Any
/// out-pointer may be NULL.
///
/// # Safety
///
/// `package` is a valid package; each out-pointer is NULL or points to
/// writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_archive_package_get(
    package: *const roundtable_archive_package,
    is_message: bool,
    index: usize,
    name: *mut *mut c_char,
    data: *mut *const u8,
    len: *mut usize,
    sha256: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let p = handle(package, "package")?;
        let list = if is_message {
            &p.package.messages
        } else {
            &p.package.files
        };
        let what = if is_message { "message" } else { "file" };
        let f = list
            .get(index)
            .ok_or_else(|| Failure::out_of_range(what, index, list.len()))?;
        write_strings(&[
            (name, Some(f.name.as_str())),
            (sha256, Some(f.sha256.as_str())),
        ])?;
        if !data.is_null() {
            *data = f.bytes.as_ptr();
        }
        if !len.is_null() {
            *len = f.bytes.len();
        }
        Ok(())
    })
}

/// Validates the meeting as roundtable_meeting_validate_quorum() does and
/// adds what an archive needs ("archive.missing_number",
/// "archive.missing_body", "archive.minutes_not_approved"). Writes a new
/// report to `*out` (free it with roundtable_report_free()).
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_validate_for_archive(
    meeting: *const roundtable_meeting,
    min_notice_days: u32,
    quorum: bool,
    out: *mut *mut roundtable_report,
) -> roundtable_status {
    guard(|| {
        let options = roundtable::ValidationOptions::default()
            .with_min_notice_days(min_notice_days)
            .with_quorum(quorum);
        write_report(
            meeting,
            options,
            out,
            roundtable::Meeting::validate_for_archive,
        )
    })
}
