//! How replies are applied: the options a C caller fills in, and their
//! translation into the core's.

use std::ffi::c_char;

use crate::convert::c_str;
use crate::error::{CResult, Failure};

/// How to apply replies. Start from roundtable_apply_options_default().
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct roundtable_apply_options {
    /// NULL: an e-mail answers for its From:, a bare calendar for its one
    /// answering attendee. Else a NUL-terminated address the caller
    /// vouches for as the sender (replies saved from a mailbox it
    /// trusts): each reply answers only for it.
    pub sender: *const c_char,
    /// Now, in seconds since 1970-01-01T00:00:00Z, for judging a DTSTAMP
    /// from the future; 0 for the system's clock.
    pub now: i64,
    /// true: apply e-mail whose receiving server found DMARC, DKIM or SPF
    /// failing for the sender's domain; false: it is
    /// `inbox.unauthenticated`.
    pub trust_unauthenticated: bool,
}

/// The default options: the sender from each reply, the system's clock,
/// unauthenticated e-mail not applied. Thread-safe.
#[no_mangle]
pub extern "C" fn roundtable_apply_options_default() -> roundtable_apply_options {
    roundtable_apply_options {
        sender: std::ptr::null(),
        now: 0,
        trust_unauthenticated: false,
    }
}

pub(crate) unsafe fn apply_options(
    options: *const roundtable_apply_options,
) -> CResult<roundtable::ApplyOptions> {
    let mut out = roundtable::ApplyOptions::new();
    let Some(o) = options.as_ref() else {
        return Ok(out);
    };
    if !o.sender.is_null() {
        out = out.with_sender(c_str(o.sender, "options.sender")?);
    }
    if o.now != 0 {
        let now = chrono::DateTime::from_timestamp(o.now, 0).ok_or_else(|| {
            Failure::invalid(format!(
                "argument `options.now` {} is not a time (seconds since 1970)",
                o.now
            ))
        })?;
        out = out.with_now(now);
    }
    Ok(out.with_trust_unauthenticated(o.trust_unauthenticated))
}
