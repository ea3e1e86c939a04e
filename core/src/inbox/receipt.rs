//! What receiving one message did: the same shape in every language.

use serde::Serialize;

use super::body::LeftOut;
use crate::codes::ReplyCode;
use crate::error::{Error, ErrorKind};
use crate::model::contribution::Contribution;
use crate::reply::{IgnoredReply, ReplyChange, ReplyOutcome};

/// What a received message turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReceiptKind {
    /// A calendar reply, applied as replies are.
    Reply,
    /// A member's written contribution, added or replacing an earlier one.
    Contribution,
    /// Neither: nothing changed, and `ignored` says why.
    Nothing,
}

impl ReceiptKind {
    /// `"reply"`, `"contribution"` or `"nothing"`: as in the JSON, and in
    /// every language.
    pub fn as_str(self) -> &'static str {
        match self {
            ReceiptKind::Reply => "reply",
            ReceiptKind::Contribution => "contribution",
            ReceiptKind::Nothing => "nothing",
        }
    }
}

/// A contribution added (`before` is `None`) or replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ContributionChange {
    /// Its place in the meeting's contributions.
    pub index: usize,
    /// The contribution it replaced (the sender's earlier message).
    pub before: Option<Contribution>,
    /// The contribution as it is now.
    pub after: Contribution,
}

/// What receiving one message did: nothing read is lost, and nothing left
/// out goes unsaid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Receipt {
    /// Which message of a batch, from 0.
    pub message: usize,
    /// What the message was.
    pub kind: ReceiptKind,
    /// For a reply: the changes to the roster.
    pub changes: Vec<ReplyChange>,
    /// What was not applied, and why (reply codes, `contribution.*`,
    /// `inbox.*`).
    pub ignored: Vec<IgnoredReply>,
    /// What was applied and is worth a word (`reply.no_dtstamp`); absent
    /// from the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<IgnoredReply>,
    /// For a contribution: what it added or replaced.
    pub contribution: Option<ContributionChange>,
    /// What the message held that is not the contribution (the quoted
    /// earlier message, the signature, the closing).
    pub left_out: Vec<LeftOut>,
    /// How the item was chosen, when the agenda has several round tables
    /// and the subject named none.
    pub item_note: Option<String>,
}

impl Receipt {
    pub(super) fn new(kind: ReceiptKind) -> Receipt {
        Receipt {
            message: 0,
            kind,
            changes: Vec::new(),
            ignored: Vec::new(),
            warnings: Vec::new(),
            contribution: None,
            left_out: Vec::new(),
            item_note: None,
        }
    }

    /// The receipt of a calendar reply.
    pub(super) fn of_reply(outcome: ReplyOutcome) -> Receipt {
        Receipt {
            changes: outcome.changes,
            ignored: outcome.ignored,
            warnings: outcome.warnings,
            ..Receipt::new(ReceiptKind::Reply)
        }
    }

    /// The receipt of a message that could not be read.
    pub(super) fn unreadable(error: &Error) -> Receipt {
        let (code, reason) = match error.kind() {
            ErrorKind::Inbox { code, reason } => (*code, reason.clone()),
            _ => (error.code(), error.to_string()),
        };
        let code = ReplyCode::from_name(code.as_str()).unwrap_or(ReplyCode::InboxMalformed);
        let mut receipt = Receipt::new(ReceiptKind::Nothing);
        receipt.ignored.push(match error.kind() {
            ErrorKind::Reply { .. } => crate::reply::unreadable_reply(0, error),
            _ => IgnoredReply::new(0, code, reason, None, false, None),
        });
        receipt
    }

    /// This receipt as that of message `index` of a batch.
    pub(super) fn numbered(mut self, index: usize) -> Receipt {
        self.message = index;
        for i in self.ignored.iter_mut().chain(&mut self.warnings) {
            i.reply = index;
        }
        for c in &mut self.changes {
            c.reply = index;
        }
        self
    }

    /// The receipt as JSON, the same text in every language.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
