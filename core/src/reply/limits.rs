//! The bounds of a reply, and the errors of one that cannot be read
//! (`reply.malformed`, `reply.too_large`): what the calendar's reader and
//! the message's both answer with.

use crate::codes::ErrorCode;
use crate::error::{Error, ErrorKind, Result};

/// The largest reply read, in bytes: a reply is a few kilobytes; an
/// e-mail with attachments stays well under this.
pub const MAX_REPLY_BYTES: usize = 4 << 20;
/// The most ATTENDEE properties one reply may carry (a reply names the one
/// who answers, and their delegates).
pub const MAX_REPLY_ATTENDEES: usize = 1000;
/// The most MIME parts one message may have.
pub const MAX_MIME_PARTS: usize = 1000;
/// How deep MIME multiparts may nest.
pub const MAX_MIME_DEPTH: usize = 16;
/// How deep iCalendar components may nest (VCALENDAR, VEVENT, VALARM is 3).
pub const MAX_COMPONENT_DEPTH: usize = 8;

pub(super) fn malformed(line: u64, reason: impl Into<String>) -> Error {
    Error::new(ErrorKind::Reply {
        code: ErrorCode::ReplyMalformed,
        line,
        in_message: false,
        reason: reason.into(),
    })
}

pub(super) fn too_large(line: u64, reason: impl Into<String>) -> Error {
    Error::new(ErrorKind::Reply {
        code: ErrorCode::ReplyTooLarge,
        line,
        in_message: false,
        reason: reason.into(),
    })
}

pub(super) fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + memchr::memchr_iter(b'\n', &bytes[..e.valid_up_to()]).count() as u64;
        malformed(
            line,
            "the calendar is not UTF-8 text (RFC 5545 requires UTF-8)",
        )
    })
}
