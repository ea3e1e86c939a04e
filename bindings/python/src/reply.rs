//! `ReplyOutcome`, `ReplyChange` and `IgnoredReply`: what applying replies
//! to the invitation did. Results, frozen: read, never assigned.

use pyo3::prelude::*;

/// One change a reply made to the roster.
#[pyclass(module = "roundtable._native", frozen)]
pub(crate) struct ReplyChange {
    inner: roundtable::ReplyChange,
}

impl ReplyChange {
    pub(crate) fn of(inner: &roundtable::ReplyChange) -> Self {
        ReplyChange {
            inner: inner.clone(),
        }
    }
}

#[pymethods]
impl ReplyChange {
    /// Which reply of the batch made it, from 0.
    #[getter]
    fn reply(&self) -> usize {
        self.inner.reply
    }
    /// The person's position on the roster.
    #[getter]
    fn index(&self) -> usize {
        self.inner.index
    }
    /// The person's full name.
    #[getter]
    fn person(&self) -> &str {
        &self.inner.person
    }
    /// The person's email address as on the roster.
    #[getter]
    fn email(&self) -> Option<&str> {
        self.inner.email.as_deref()
    }
    /// What changed: "response", "excuse", "substitute_for", "added" or
    /// "name".
    #[getter]
    fn field(&self) -> &'static str {
        self.inner.field.as_str()
    }
    /// The value before (None: there was none).
    #[getter]
    fn before(&self) -> Option<&str> {
        self.inner.before.as_deref()
    }
    /// The value after (None: there is none now).
    #[getter]
    fn after(&self) -> Option<&str> {
        self.inner.after.as_deref()
    }
    fn __repr__(&self) -> String {
        format!(
            "ReplyChange(person={:?}, field={:?}, before={:?}, after={:?})",
            self.inner.person,
            self.inner.field.as_str(),
            self.inner.before,
            self.inner.after
        )
    }
    /// As the core writes it, the same in every language.
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
}

/// A reply, or part of one, that was not applied, and why.
#[pyclass(module = "roundtable._native", frozen, get_all)]
#[derive(Clone)]
pub(crate) struct IgnoredReply {
    /// Which reply of the batch, from 0.
    reply: usize,
    /// The stable code ("reply.outdated", …).
    code: &'static str,
    /// Why, in words.
    reason: String,
    /// The line of the calendar text concerned (from 1), or None.
    line: Option<u64>,
    /// The reply was an e-mail: `line` counts in its text/calendar part.
    in_message: bool,
    /// The attendee's address, when the reply was read that far.
    attendee: Option<String>,
    /// For an unknown attendee: the closest address on the roster.
    suggestion: Option<String>,
}

impl IgnoredReply {
    pub(crate) fn of(i: &roundtable::IgnoredReply) -> Self {
        IgnoredReply {
            reply: i.reply,
            code: i.code.as_str(),
            reason: i.reason.clone(),
            line: i.line,
            in_message: i.in_message,
            attendee: i.attendee.clone(),
            suggestion: i.suggestion.clone(),
        }
    }
}

#[pymethods]
impl IgnoredReply {
    fn __repr__(&self) -> String {
        format!(
            "IgnoredReply(reply={}, code={:?}, line={:?}, reason={:?})",
            self.reply, self.code, self.line, self.reason
        )
    }
}

/// What applying replies did: every change, and everything not applied.
#[pyclass(module = "roundtable._native", frozen)]
pub(crate) struct ReplyOutcome {
    inner: roundtable::ReplyOutcome,
}

impl ReplyOutcome {
    pub(crate) fn wrap(inner: roundtable::ReplyOutcome) -> Self {
        ReplyOutcome { inner }
    }
}

#[pymethods]
impl ReplyOutcome {
    /// The changes, in the order made.
    #[getter]
    fn changes(&self) -> Vec<ReplyChange> {
        self.inner.changes.iter().map(ReplyChange::of).collect()
    }
    /// What was not applied, each with its code and reason.
    #[getter]
    fn ignored(&self) -> Vec<IgnoredReply> {
        self.inner.ignored.iter().map(IgnoredReply::of).collect()
    }
    /// What was applied and is worth a word ("reply.no_dtstamp").
    #[getter]
    fn warnings(&self) -> Vec<IgnoredReply> {
        self.inner.warnings.iter().map(IgnoredReply::of).collect()
    }
    /// The outcome as JSON, the same text as in Rust and C.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    fn __repr__(&self) -> String {
        format!(
            "ReplyOutcome({} changes, {} ignored)",
            self.inner.changes.len(),
            self.inner.ignored.len()
        )
    }
}
