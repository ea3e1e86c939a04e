//! The members' written contributions.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// A member's written contribution to an agenda item, usually the round
/// table. The contributions are the basis for the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Contribution {
    /// The member organisation or region it comes from ("Elverum").
    pub from: String,
    /// Who presented it at the meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
    /// The display number of the agenda item it belongs to. When absent, it
    /// belongs to the agenda's one round-table item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// When it reached the secretariat, with the offset it was given in.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::time::bounded::opt_instant"
    )]
    pub submitted_at: Option<DateTime<FixedOffset>>,
    /// The text, as Markdown (headings, bullets, numbered lists, bold).
    pub body: String,
    /// How many minutes it took when spoken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_minutes: Option<u32>,
    /// Where it came from, when it came by e-mail
    /// ([`Meeting::receive`](crate::Meeting::receive)): so that the archive
    /// can file it as the incoming letter it is, and a message received
    /// again is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ContributionSource>,
}

/// The e-mail a contribution came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ContributionSource {
    /// The message's `Message-ID`, without its angle brackets; empty when
    /// it had none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub message_id: String,
    /// Its `Subject:`, decoded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// The address in its `From:`.
    pub sender: String,
    /// Its `Date:`, with the offset it was written in.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::time::bounded::opt_instant"
    )]
    pub date: Option<DateTime<FixedOffset>>,
    /// The names of its attachments, read or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<String>,
}

impl Contribution {
    /// A contribution from `from` with this Markdown body, for the agenda's
    /// round table.
    pub fn new(from: impl Into<String>, body: impl Into<String>) -> Contribution {
        Contribution {
            from: from.into(),
            presenter: None,
            item: None,
            submitted_at: None,
            body: body.into(),
            speaking_minutes: None,
            source: None,
        }
    }
}
