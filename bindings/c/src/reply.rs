//! Replies to the invitation: applying them to a meeting, and what they
//! changed or not.

use std::ffi::c_char;

use crate::apply_options::{apply_options, roundtable_apply_options};
use crate::convert::{
    c_bytes, handle, handle_mut, out_ptr, write_handle, write_string, write_strings,
};
use crate::error::{free_box, guard, roundtable_status, CResult, Failure};
use crate::meeting::roundtable_meeting;

/// What applying replies did (opaque): the changes made and the replies
/// (or parts) not applied.
pub struct roundtable_reply_outcome {
    pub(crate) outcome: roundtable::ReplyOutcome,
}

/// Applies one reply to the invitation: `len` bytes holding an iCalendar
/// object with METHOD:REPLY, or a whole e-mail message (RFC 5322) with a
/// text/calendar part. Writes a new outcome to `*out`, which the caller
/// frees with roundtable_reply_outcome_free(). A reply that was read but
/// not applied (another meeting, an older reply, an unknown address) is
/// in the outcome's ignored list with its code; a reply that cannot be
/// read is ROUNDTABLE_REPLY_ERROR, with code `reply.malformed` (and the
/// line in roundtable_last_error_line()) or `reply.too_large`, and the
/// meeting is unchanged.
///
/// # Safety
///
/// `meeting` is a valid meeting no other thread is using; `data` points to
/// `len` readable bytes (or is NULL with `len` 0); `out` points to
/// writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_apply_reply(
    meeting: *mut roundtable_meeting,
    data: *const u8,
    len: usize,
    out: *mut *mut roundtable_reply_outcome,
) -> roundtable_status {
    roundtable_meeting_apply_reply_with(meeting, data, len, std::ptr::null(), out)
}

/// roundtable_meeting_apply_reply() with options (NULL for the defaults):
/// the sender the caller vouches for, the clock, and whether
/// unauthenticated e-mail is applied. A reply answers only for its
/// sender: an e-mail for its From:, a bare calendar for its one answering
/// attendee, or `options->sender`; every other answer in it is
/// `reply.not_sender`.
///
/// # Safety
///
/// As roundtable_meeting_apply_reply(); `options` NULL or valid (its
/// `sender` NULL or NUL-terminated).
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_apply_reply_with(
    meeting: *mut roundtable_meeting,
    data: *const u8,
    len: usize,
    options: *const roundtable_apply_options,
    out: *mut *mut roundtable_reply_outcome,
) -> roundtable_status {
    guard(|| {
        let m = handle_mut(meeting, "meeting")?;
        let bytes = c_bytes(data, len, "data")?;
        let options = apply_options(options)?;
        out_ptr(out, "out")?;
        let outcome = m.meeting.apply_reply_with(bytes, &options)?;
        write_handle(out, roundtable_reply_outcome { outcome })
    })
}

/// Applies `count` replies, the i-th being `lens[i]` bytes at `data[i]`;
/// the result is the same in any order. A reply that cannot be read is
/// reported in the outcome's ignored list (`reply.malformed`,
/// `reply.too_large`) and the others are applied. Writes a new outcome to
/// `*out` (free it with roundtable_reply_outcome_free()).
///
/// # Safety
///
/// `meeting` is a valid meeting no other thread is using; `data` and
/// `lens` point to `count` entries each (or are NULL with `count` 0), each
/// `data[i]` to `lens[i]` readable bytes; `out` points to writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_apply_replies(
    meeting: *mut roundtable_meeting,
    data: *const *const u8,
    lens: *const usize,
    count: usize,
    out: *mut *mut roundtable_reply_outcome,
) -> roundtable_status {
    roundtable_meeting_apply_replies_with(meeting, data, lens, count, std::ptr::null(), out)
}

/// roundtable_meeting_apply_replies() with options (NULL for the
/// defaults; see roundtable_meeting_apply_reply_with()).
///
/// # Safety
///
/// As roundtable_meeting_apply_replies(); `options` NULL or valid.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_apply_replies_with(
    meeting: *mut roundtable_meeting,
    data: *const *const u8,
    lens: *const usize,
    count: usize,
    options: *const roundtable_apply_options,
    out: *mut *mut roundtable_reply_outcome,
) -> roundtable_status {
    guard(|| {
        let m = handle_mut(meeting, "meeting")?;
        let options = apply_options(options)?;
        out_ptr(out, "out")?;
        let replies = reply_slices(data, lens, count)?;
        let outcome = m.meeting.apply_replies_with(replies, &options);
        write_handle(out, roundtable_reply_outcome { outcome })
    })
}

/// The `count` replies of the C arrays, checked.
unsafe fn reply_slices<'a>(
    data: *const *const u8,
    lens: *const usize,
    count: usize,
) -> CResult<Vec<&'a [u8]>> {
    let mut replies: Vec<&[u8]> = Vec::with_capacity(count.min(1 << 16));
    if count > 0 {
        if data.is_null() {
            return Err(Failure::null("data"));
        }
        if lens.is_null() {
            return Err(Failure::null("lens"));
        }
        if count > isize::MAX as usize / size_of::<*const u8>() {
            return Err(Failure::invalid(format!(
                "argument `count` has an impossible value {count}"
            )));
        }
        let pointers = std::slice::from_raw_parts(data, count);
        let lengths = std::slice::from_raw_parts(lens, count);
        for (i, (&p, &n)) in pointers.iter().zip(lengths).enumerate() {
            replies.push(c_bytes(p, n, &format!("data[{i}]"))?);
        }
    }
    Ok(replies)
}

/// Frees an outcome. NULL is a no-op.
///
/// # Safety
///
/// `outcome` is NULL or an outcome from this library not freed before,
/// which no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn roundtable_reply_outcome_free(outcome: *mut roundtable_reply_outcome) {
    free_box(outcome);
}

/// Writes the number of changes to `*out`.
///
/// # Safety
///
/// `outcome` is a valid outcome; `out` points to writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_reply_outcome_change_len(
    outcome: *const roundtable_reply_outcome,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let o = handle(outcome, "outcome")?;
        out_ptr(out, "out")?;
        *out = o.outcome.changes.len();
        Ok(())
    })
}

/// Reads change `index`: the person's full name, the field changed
/// ("response", "excuse", "substitute_for", "added", "name"), and the
/// value before and after (NULL where there was or is none; responses as
/// names such as "declined"). Each non-NULL out-pointer receives a new
/// string the caller frees with roundtable_string_free(); pass NULL for
/// what is not wanted.
///
/// # Safety
///
/// `outcome` is a valid outcome; each out-pointer is NULL or points to
/// writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_reply_outcome_change_get(
    outcome: *const roundtable_reply_outcome,
    index: usize,
    person: *mut *mut c_char,
    field: *mut *mut c_char,
    before: *mut *mut c_char,
    after: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let o = handle(outcome, "outcome")?;
        let changes = &o.outcome.changes;
        let c = changes
            .get(index)
            .ok_or_else(|| Failure::out_of_range("change", index, changes.len()))?;
        write_strings(&[
            (person, Some(c.person.as_str())),
            (field, Some(c.field.as_str())),
            (before, c.before.as_deref()),
            (after, c.after.as_deref()),
        ])
    })
}

/// Writes the number of replies (or parts) not applied to `*out`.
///
/// # Safety
///
/// `outcome` is a valid outcome; `out` points to writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_reply_outcome_ignored_len(
    outcome: *const roundtable_reply_outcome,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let o = handle(outcome, "outcome")?;
        out_ptr(out, "out")?;
        *out = o.outcome.ignored.len();
        Ok(())
    })
}

/// Reads what was not applied, entry `index`: which reply of the batch
/// (from 0), its code (`reply.outdated`, …), the reason in words, and the
/// line of the calendar text (0 when none). `code` and `reason` receive
/// new strings the caller frees with roundtable_string_free(); any
/// out-pointer may be NULL.
///
/// # Safety
///
/// `outcome` is a valid outcome; each out-pointer is NULL or points to
/// writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_reply_outcome_ignored_get(
    outcome: *const roundtable_reply_outcome,
    index: usize,
    reply: *mut usize,
    code: *mut *mut c_char,
    reason: *mut *mut c_char,
    line: *mut u64,
) -> roundtable_status {
    guard(|| {
        let o = handle(outcome, "outcome")?;
        let ignored = &o.outcome.ignored;
        let i = ignored
            .get(index)
            .ok_or_else(|| Failure::out_of_range("ignored", index, ignored.len()))?;
        write_strings(&[
            (code, Some(i.code.as_str())),
            (reason, Some(i.reason.as_str())),
        ])?;
        if !reply.is_null() {
            *reply = i.reply;
        }
        if !line.is_null() {
            *line = i.line.unwrap_or(0);
        }
        Ok(())
    })
}

/// Writes the whole outcome as JSON to `*out` (`{"changes": [...],
/// "ignored": [...]}`, the same text as Rust's and Python's `to_json`),
/// which the caller frees with roundtable_string_free().
///
/// # Safety
///
/// `outcome` is a valid outcome; `out` points to writable memory.
#[no_mangle]
pub unsafe extern "C" fn roundtable_reply_outcome_to_json(
    outcome: *const roundtable_reply_outcome,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let o = handle(outcome, "outcome")?;
        out_ptr(out, "out")?;
        write_string(out, &o.outcome.to_json())
    })
}

/// Writes the answers to the invitation so far as JSON to `*out`:
/// `{"invited", "accepted", "declined", "tentative", "delegated",
/// "needs_action", "not_answered": [names]}`. The caller frees it with
/// roundtable_string_free().
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_response_summary(
    meeting: *const roundtable_meeting,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        out_ptr(out, "out")?;
        write_string(out, &m.meeting.response_summary().to_json())
    })
}
