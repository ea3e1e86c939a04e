//! Messages received into a meeting (a mailbox's replies and
//! contributions), and the receipt of each.

use std::ffi::c_char;

use crate::apply_options::{apply_options, roundtable_apply_options};
use crate::convert::{
    c_bytes, handle, handle_mut, out_ptr, write_handle, write_string, write_strings,
};
use crate::error::{free_box, guard, roundtable_status, Failure};
use crate::meeting::roundtable_meeting;

/// What receiving one message did (opaque): a reply applied, a
/// contribution added or replaced, or nothing and why.
pub struct roundtable_receipt {
    pub(crate) receipt: roundtable::Receipt,
}

/// Receives one e-mail message of `len` bytes: a calendar reply is applied
/// as roundtable_meeting_apply_reply_with() applies it; any other message
/// from a person on the roster becomes their contribution to the round
/// table. `options` may be NULL for the defaults. Writes a new receipt to
/// `*out`, freed with roundtable_receipt_free(). What changed nothing is
/// in the receipt's ignored list with its code. Bytes that are no e-mail
/// are ROUNDTABLE_INBOX_ERROR (`inbox.malformed`, or `inbox.too_large`
/// over 32 MiB), a calendar reply that cannot be read
/// ROUNDTABLE_REPLY_ERROR; the meeting is then unchanged.
///
/// # Safety
///
/// `meeting` is a valid meeting no other thread is using; `data` points to
/// `len` readable bytes (or is NULL with `len` 0); `options` is NULL or
/// valid; `out` points to writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_receive(
    meeting: *mut roundtable_meeting,
    data: *const u8,
    len: usize,
    options: *const roundtable_apply_options,
    out: *mut *mut roundtable_receipt,
) -> roundtable_status {
    guard(|| {
        let m = handle_mut(meeting, "meeting")?;
        let bytes = c_bytes(data, len, "data")?;
        let options = apply_options(options)?;
        out_ptr(out, "out")?;
        let receipt = m.meeting.receive_with(bytes, &options)?;
        write_handle(out, roundtable_receipt { receipt })
    })
}

/// Frees a receipt. NULL is a no-op.
///
/// # Safety
///
/// `receipt` is NULL or a receipt from this library not freed before,
/// which no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn roundtable_receipt_free(receipt: *mut roundtable_receipt) {
    free_box(receipt);
}

/// Writes what the message was to `*out`: "reply", "contribution" or
/// "nothing", a new string the caller frees with roundtable_string_free().
///
/// # Safety
///
/// `receipt` is a valid receipt; `out` points to writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_receipt_kind(
    receipt: *const roundtable_receipt,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let r = handle(receipt, "receipt")?;
        out_ptr(out, "out")?;
        write_string(out, r.receipt.kind.as_str())
    })
}

/// Writes the number of things not applied to `*out`.
///
/// # Safety
///
/// `receipt` is a valid receipt; `out` points to writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_receipt_ignored_len(
    receipt: *const roundtable_receipt,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let r = handle(receipt, "receipt")?;
        out_ptr(out, "out")?;
        *out = r.receipt.ignored.len();
        Ok(())
    })
}

/// Reads what was not applied, entry `index`: its code
/// (`contribution.unknown_sender`, …), the reason in words and the closest
/// roster address for an unknown sender (NULL when none). Each non-NULL
/// out-pointer receives a new string the caller frees with
/// roundtable_string_free(); results are written only on success.
///
/// # Safety
///
/// `receipt` is a valid receipt; each out-pointer is NULL or points to
/// writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_receipt_ignored_get(
    receipt: *const roundtable_receipt,
    index: usize,
    code: *mut *mut c_char,
    reason: *mut *mut c_char,
    suggestion: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let r = handle(receipt, "receipt")?;
        let ignored = &r.receipt.ignored;
        let i = ignored
            .get(index)
            .ok_or_else(|| Failure::out_of_range("ignored", index, ignored.len()))?;
        write_strings(&[
            (code, Some(i.code.as_str())),
            (reason, Some(i.reason.as_str())),
            (suggestion, i.suggestion.as_deref()),
        ])
    })
}

/// Writes the receipt as JSON to `*out` (`{"message", "kind", "changes",
/// "ignored", "contribution": {"index", "before", "after"}, "left_out",
/// "item_note"}`, the same text as Rust's and Python's `to_json`), which
/// the caller frees with roundtable_string_free().
///
/// # Safety
///
/// `receipt` is a valid receipt; `out` points to writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_receipt_to_json(
    receipt: *const roundtable_receipt,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let r = handle(receipt, "receipt")?;
        out_ptr(out, "out")?;
        write_string(out, &r.receipt.to_json())
    })
}
