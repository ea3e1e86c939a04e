//! The trace that replies leave in the meeting document: the newest reply
//! applied per attendee, which decides whether a later one is newer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::roster::Response;

/// The reply last applied for one attendee address: what decides whether a
/// later reply is newer (RFC 5546: `SEQUENCE`, then `DTSTAMP`). Kept in the
/// meeting document ([`Meeting::replies`](super::meeting::Meeting::replies)), so that replies applied on
/// different days keep their order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReplyRecord {
    /// The attendee's address, as compared: NFC, lower case, no `mailto:`.
    pub attendee: String,
    /// The reply's `SEQUENCE` (the invitation's revision it answers).
    pub sequence: u32,
    /// The reply's `DTSTAMP` (when it was made), in UTC.
    pub dtstamp: DateTime<Utc>,
    /// The answer it gave.
    pub response: Response,
    /// Its `COMMENT`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Its `DELEGATED-TO` addresses, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delegated_to: Vec<String>,
}

impl ReplyRecord {
    /// The order of replies for one attendee: sequence, then time, then
    /// (for two replies made in the same second of the same revision) the
    /// content, so that any order of applying gives the same result.
    pub(crate) fn key(&self) -> (u32, DateTime<Utc>, &'static str, Option<&str>, &[String]) {
        (
            self.sequence,
            self.dtstamp,
            self.response.partstat(),
            self.comment.as_deref(),
            &self.delegated_to,
        )
    }
}
