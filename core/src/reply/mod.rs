//! Replies to the invitation (iTIP `METHOD:REPLY`, RFC 5546), read into
//! the roster's responses, and the summary of who answered what.
//!
//! `read` turns bytes into what a reply says (parsing is `calcard`'s and
//! `mail-parser`'s), `message` finds the calendar and its sender in an
//! e-mail; `apply` decides what it changes.

mod apply;
mod attendee;
mod limits;
mod message;
mod order;
mod read;
mod suggest;
mod value;

use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::codes::ReplyCode;
use crate::error::Result;
use crate::model::meeting::Meeting;
use crate::model::roster::Response;

pub use apply::MAX_DELEGATES;
pub(crate) use message::authentication_failure;
pub(crate) use order::address_key;
pub(crate) use suggest::Suggestions;

/// Whether `bytes` are a calendar, or a message with a calendar part (the
/// inbox routes those to the replies).
pub(crate) fn carries_calendar(bytes: &[u8]) -> bool {
    read::is_calendar_text(bytes)
        || message::calendars_of_message(bytes).is_ok_and(|parts| !parts.is_empty())
}

/// The ignored entry of a reply that could not be read (`error`).
pub(crate) fn unreadable_reply(index: usize, error: &crate::error::Error) -> IgnoredReply {
    apply::unreadable(index, error)
}

pub use limits::{
    MAX_COMPONENT_DEPTH, MAX_MIME_DEPTH, MAX_MIME_PARTS, MAX_REPLY_ATTENDEES, MAX_REPLY_BYTES,
};

/// How replies are applied: who the caller vouches for, and the clock.
///
/// # Example
///
/// ```
/// use roundtable::{ApplyOptions, Meeting};
///
/// let mut meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/replies/meeting.json"))?;
/// // One calendar that declines for two people: without a sender it
/// // answers for nobody; with one, for that one alone.
/// let reply = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n\
///     UID:osloregionen-naering-2024-11-07@roundtable\r\nDTSTAMP:20241102T081500Z\r\n\
///     ATTENDEE;PARTSTAT=DECLINED:mailto:trond.haugen@drammen.kommune.no\r\n\
///     ATTENDEE;PARTSTAT=DECLINED:mailto:siri.odegard@asker.kommune.no\r\n\
///     END:VEVENT\r\nEND:VCALENDAR\r\n";
/// let outcome = meeting.apply_reply(reply.as_bytes())?;
/// assert_eq!(outcome.ignored[0].code.as_str(), "reply.several_attendees");
/// assert!(outcome.changes.is_empty());
///
/// let trond = ApplyOptions::new().with_sender("trond.haugen@drammen.kommune.no");
/// let outcome = meeting.apply_reply_with(reply.as_bytes(), &trond)?;
/// assert_eq!(outcome.changes.len(), 1);
/// assert_eq!(outcome.ignored[0].code.as_str(), "reply.not_sender");
/// # Ok::<(), roundtable::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApplyOptions {
    /// The address the caller vouches for as the sender of the replies
    /// (saved from a mailbox it trusts): each answers only for it,
    /// whatever its `From:`. `None`: an e-mail answers for its `From:`,
    /// and a bare calendar for its one answering attendee.
    pub sender: Option<String>,
    /// Now, by the caller's clock: a reply made more than a day after it
    /// is `reply.future_dtstamp`. `None` for the system's clock.
    pub now: Option<DateTime<Utc>>,
    /// Apply e-mail that the receiving server found not authenticated for
    /// its sender's domain (`dmarc`, `dkim` or `spf` `fail` in its
    /// `Authentication-Results`); otherwise it is `inbox.unauthenticated`.
    pub trust_unauthenticated: bool,
}

impl ApplyOptions {
    /// The defaults: the sender from the reply, the system's clock, and
    /// unauthenticated e-mail not applied.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the sender the caller vouches for.
    pub fn with_sender(mut self, sender: impl Into<String>) -> Self {
        self.sender = Some(sender.into());
        self
    }

    /// Sets the clock.
    pub fn with_now(mut self, now: DateTime<Utc>) -> Self {
        self.now = Some(now);
        self
    }

    /// Sets whether unauthenticated e-mail is applied.
    pub fn with_trust_unauthenticated(mut self, trust: bool) -> Self {
        self.trust_unauthenticated = trust;
        self
    }
}

/// Which field of a person a reply changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangedField {
    /// The answer ([`Person::response`](crate::Person::response)); before
    /// and after are response names (`needs_action`, `declined`, …).
    Response,
    /// The reason for not coming ([`Person::excuse`](crate::Person::excuse)).
    Excuse,
    /// Whom the person stands in for
    /// ([`Person::substitute_for`](crate::Person::substitute_for)).
    SubstituteFor,
    /// The person was added to the roster (a delegate); after is their
    /// name.
    Added,
    /// The person's name, taken from the reply's `CN` for a delegate
    /// first known by address only.
    Name,
}

impl ChangedField {
    /// `"response"`, `"excuse"`, `"substitute_for"`, `"added"`, `"name"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangedField::Response => "response",
            ChangedField::Excuse => "excuse",
            ChangedField::SubstituteFor => "substitute_for",
            ChangedField::Added => "added",
            ChangedField::Name => "name",
        }
    }
}

/// One change a reply made to the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReplyChange {
    /// Which reply of the batch made it, from 0.
    pub reply: usize,
    /// The person's position on the roster.
    pub index: usize,
    /// The person's full name.
    pub person: String,
    /// The person's email address as on the roster.
    pub email: Option<String>,
    /// What changed.
    pub field: ChangedField,
    /// The value before (`None`: there was none).
    pub before: Option<String>,
    /// The value after (`None`: there is none now).
    pub after: Option<String>,
}

impl fmt::Display for ReplyChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field == ChangedField::Added {
            return write!(f, "{}: added to the roster", self.person);
        }
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_owned());
        write!(
            f,
            "{}: {} {} → {}",
            self.person,
            self.field.as_str(),
            show(&self.before),
            show(&self.after)
        )
    }
}

/// A reply, or part of one, that was not applied, and why; or, among an
/// outcome's warnings, one that was applied and is worth a word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct IgnoredReply {
    /// Which reply of the batch, from 0.
    pub reply: usize,
    /// Why, as a stable code (`reply.outdated`, …).
    pub code: ReplyCode,
    /// Why, in words.
    pub reason: String,
    /// The line of the calendar text concerned, from 1, when one is.
    pub line: Option<u64>,
    /// The reply was an e-mail: `line` counts in its text/calendar part,
    /// not in the message.
    pub in_message: bool,
    /// The attendee's address, when the reply was read that far.
    pub attendee: Option<String>,
    /// For an unknown attendee: the closest address on the roster.
    pub suggestion: Option<String>,
}

impl IgnoredReply {
    /// A reply (`reply`, its index in the batch), or one attendee's answer
    /// in it, left unapplied, with no suggestion.
    pub(crate) fn new(
        reply: usize,
        code: ReplyCode,
        reason: String,
        line: Option<u64>,
        in_message: bool,
        attendee: Option<&str>,
    ) -> Self {
        IgnoredReply {
            reply,
            code,
            reason,
            line,
            in_message,
            attendee: attendee.map(str::to_owned),
            suggestion: None,
        }
    }
}

impl fmt::Display for IgnoredReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.code)?;
        if let Some(line) = self.line {
            let part = if self.in_message {
                " of the calendar part"
            } else {
                ""
            };
            write!(f, "at line {line}{part} ")?;
        }
        write!(f, "(reply {}): {}", self.reply + 1, self.reason)
    }
}

/// What applying replies did: every change, and every reply (or part)
/// not applied with its reason. Nothing is left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ReplyOutcome {
    /// The changes, in the order made.
    pub changes: Vec<ReplyChange>,
    /// What was not applied.
    pub ignored: Vec<IgnoredReply>,
    /// What was applied and is worth a word (`reply.no_dtstamp`); absent
    /// from the JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<IgnoredReply>,
}

impl ReplyOutcome {
    /// The outcome as JSON: `{"changes": [...], "ignored": [...]}` (and
    /// `"warnings"` when there are any), the same text in every language.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// How many people gave each answer, and who has not answered: for the
/// secretariat before the meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ResponseSummary {
    /// Everyone on the roster.
    pub invited: usize,
    /// Will come.
    pub accepted: usize,
    /// Will not come.
    pub declined: usize,
    /// May come.
    pub tentative: usize,
    /// Sent someone else.
    pub delegated: usize,
    /// Has not answered.
    pub needs_action: usize,
    /// The full names of those who have not answered, in roster order.
    pub not_answered: Vec<String>,
}

impl ResponseSummary {
    /// The summary as JSON, the same text in every language.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Meeting {
    /// Applies one reply to the invitation: an iCalendar object with
    /// `METHOD:REPLY`, or a whole e-mail message (RFC 5322) whose
    /// `text/calendar` part holds one. The attendee is found on the roster
    /// by address (compared without case, after NFC); their `PARTSTAT`
    /// becomes the person's [`response`](crate::Person::response), a
    /// `COMMENT` on a decline their excuse, and a `DELEGATED-TO` adds the
    /// delegate as a substitute for them (or links one already on the
    /// roster). Attendance is not touched: a reply says who means to come,
    /// not who came.
    ///
    /// A reply older than the one recorded for that attendee (by
    /// `SEQUENCE`, then `DTSTAMP`) changes nothing, and applying one twice
    /// changes nothing the second time; both are reported in
    /// [`ReplyOutcome::ignored`], as are another method, another meeting's
    /// UID and an address nobody on the roster has.
    ///
    /// # Errors
    ///
    /// A reply that cannot be read (`reply.malformed`, with its line) or
    /// over the limits (`reply.too_large`): the meeting is then unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{Meeting, Response};
    ///
    /// let mut meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/replies/meeting.json"))?;
    /// let reply = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n\
    ///     UID:osloregionen-naering-2024-11-07@roundtable\r\nDTSTAMP:20241102T081500Z\r\n\
    ///     ATTENDEE;PARTSTAT=DECLINED;CN=Trond Haugen:mailto:Trond.Haugen@drammen.kommune.no\r\n\
    ///     COMMENT:Jeg er på reise.\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    /// let outcome = meeting.apply_reply(reply.as_bytes())?;
    /// assert!(outcome.ignored.is_empty());
    /// assert_eq!(outcome.changes[0].to_string(), "Trond Haugen: response needs_action → declined");
    /// let trond = meeting.roster.iter().find(|p| p.family_name() == "Haugen").unwrap();
    /// assert_eq!(trond.response(), Response::Declined);
    /// assert_eq!(trond.excuse(), Some("Jeg er på reise."));
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn apply_reply(&mut self, bytes: &[u8]) -> Result<ReplyOutcome> {
        self.apply_reply_with(bytes, &ApplyOptions::default())
    }

    /// [`Meeting::apply_reply`] with options: the sender the caller
    /// vouches for, the clock, and whether unauthenticated e-mail counts.
    ///
    /// # Errors
    ///
    /// Those of [`Meeting::apply_reply`].
    pub fn apply_reply_with(
        &mut self,
        bytes: &[u8],
        options: &ApplyOptions,
    ) -> Result<ReplyOutcome> {
        let mut read = read::read(bytes, self.time.zone())?;
        order::mark_calendar(&mut read.events);
        let mut outcome = ReplyOutcome::default();
        let mut applier = apply::Applier::new(self, options);
        for event in &read.events {
            applier.apply(0, event, &mut outcome);
        }
        for error in &read.unreadable {
            outcome.ignored.push(apply::unreadable(0, error));
        }
        self.sort_replies();
        Ok(outcome)
    }

    /// Applies many replies, in the order given; the result is the same in
    /// any order. A reply that cannot be read is reported in
    /// [`ReplyOutcome::ignored`] (`reply.malformed`, `reply.too_large`) and
    /// changes nothing; the others are applied.
    pub fn apply_replies<I, B>(&mut self, replies: I) -> ReplyOutcome
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        self.apply_replies_with(replies, &ApplyOptions::default())
    }

    /// [`Meeting::apply_replies`] with options (see
    /// [`Meeting::apply_reply_with`]).
    pub fn apply_replies_with<I, B>(&mut self, replies: I, options: &ApplyOptions) -> ReplyOutcome
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        let zone = self.time.zone();
        let mut outcome = ReplyOutcome::default();
        let mut read = Vec::new();
        for (i, bytes) in replies.into_iter().enumerate() {
            match read::read(bytes.as_ref(), zone) {
                Ok(mut events) => {
                    order::mark_calendar(&mut events.events);
                    read.extend(events.events.into_iter().map(|event| (i, event)));
                    for error in &events.unreadable {
                        outcome.ignored.push(apply::unreadable(i, error));
                    }
                }
                Err(e) => outcome.ignored.push(apply::unreadable(i, &e)),
            }
        }
        order::batch_order(&mut read);
        let mut applier = apply::Applier::new(self, options);
        for (i, reply) in &read {
            applier.apply(*i, reply, &mut outcome);
        }
        // The changes in the order they were made (each one's before is
        // the after of the one before it); what was not applied in the
        // order the replies were given.
        outcome.ignored.sort_by_key(|i| i.reply);
        outcome.warnings.sort_by_key(|i| i.reply);
        self.sort_replies();
        outcome
    }

    /// Keeps the records in address order, so that the document does not
    /// depend on the order replies came in (a sort of a list that is
    /// sorted but for what was just added is linear).
    fn sort_replies(&mut self) {
        self.replies.sort_by(|a, b| a.attendee.cmp(&b.attendee));
    }

    /// How many people gave each answer, and who has not answered.
    pub fn response_summary(&self) -> ResponseSummary {
        let mut s = ResponseSummary {
            invited: self.roster.len(),
            ..ResponseSummary::default()
        };
        for p in &self.roster {
            match p.response() {
                Response::Accepted => s.accepted += 1,
                Response::Declined => s.declined += 1,
                Response::Tentative => s.tentative += 1,
                Response::Delegated => s.delegated += 1,
                Response::NeedsAction => {
                    s.needs_action += 1;
                    s.not_answered.push(p.full_name());
                }
            }
        }
        s
    }
}
