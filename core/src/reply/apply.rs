//! What a reply that was read changes: who may answer, the matching, the
//! order of replies, the delegates.
//!
//! A reply answers only for its sender (RFC 6047 §3): the address in an
//! e-mail's `From:`, or the one the caller names; a bare calendar with one
//! answering attendee speaks for that one. Every other answer in it is
//! reported (`reply.not_sender`) and changes nothing.
//!
//! The result of applying a set of replies does not depend on their
//! order: each attendee's answer is that of their newest reply (by
//! `SEQUENCE`, `DTSTAMP`, then content), and delegations are facts that
//! accumulate — a delegate once invited stays on the roster even when the
//! delegator's newer reply answers for themselves. Only the delegator's
//! own reply invites a delegate; a batch applies delegators' replies
//! before their delegates'.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};

use super::order::{address_key, answers, record_of};
use super::read::{Attendee, Reply};
use super::suggest::Suggestions;
use super::{ApplyOptions, ChangedField, IgnoredReply, ReplyChange, ReplyOutcome};
use crate::codes::ReplyCode;
use crate::error::{Error, ErrorKind};
use crate::ics::uid;
use crate::model::meeting::Meeting;
use crate::model::roster::{split_full_name, Person, Response, Role};
use crate::validate::check_email;

/// The most delegates one answer may name (RFC 5546 has a reply name the
/// one who answers and, for a delegation, the delegate).
pub const MAX_DELEGATES: usize = 3;

/// A `DTSTAMP` as a reason shows it.
fn stamp(dtstamp: Option<chrono::DateTime<Utc>>) -> String {
    dtstamp.map_or_else(
        || "no DTSTAMP".to_owned(),
        |d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
}

/// The ignored entry for a reply that could not be read.
pub(crate) fn unreadable(reply: usize, error: &Error) -> IgnoredReply {
    let (code, line, in_message, reason) = match error.kind() {
        ErrorKind::Reply {
            code,
            line,
            in_message,
            reason,
        } => (
            ReplyCode::from_name(code.as_str()).unwrap_or(ReplyCode::ReplyMalformed),
            (*line > 0).then_some(*line),
            *in_message,
            reason.clone(),
        ),
        _ => (ReplyCode::ReplyMalformed, None, false, error.to_string()),
    };
    IgnoredReply::new(reply, code, reason, line, in_message, None)
}

pub(crate) struct Applier<'m> {
    meeting: &'m mut Meeting,
    uid: String,
    /// Roster positions by address key, kept up to date as delegates are
    /// added.
    by_address: HashMap<String, Vec<usize>>,
    /// Positions in `meeting.replies` by address key.
    records: HashMap<String, usize>,
    /// The index of suggestions, made when first needed.
    suggestions: std::cell::OnceCell<Suggestions>,
    /// The sender the caller vouches for, as compared.
    sender: Option<String>,
    /// The caller's clock.
    now: DateTime<Utc>,
    trust_unauthenticated: bool,
}

impl<'m> Applier<'m> {
    pub(crate) fn new(meeting: &'m mut Meeting, options: &ApplyOptions) -> Applier<'m> {
        let mut by_address: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in meeting.roster.iter().enumerate() {
            if let Some(email) = p.email() {
                by_address.entry(address_key(email)).or_default().push(i);
            }
        }
        let records = meeting
            .replies
            .iter()
            .enumerate()
            .map(|(i, r)| (r.attendee.clone(), i))
            .collect();
        Applier {
            uid: uid(meeting),
            meeting,
            by_address,
            records,
            suggestions: std::cell::OnceCell::new(),
            sender: options.sender.as_deref().map(address_key),
            now: options.now.unwrap_or_else(Utc::now),
            trust_unauthenticated: options.trust_unauthenticated,
        }
    }

    pub(crate) fn apply(&mut self, index: usize, reply: &Reply, out: &mut ReplyOutcome) {
        let ignore = |code, reason: String, line, attendee: Option<&str>| {
            IgnoredReply::new(index, code, reason, Some(line), reply.in_message, attendee)
        };
        match reply.method.as_deref() {
            Some("REPLY") => {}
            Some(other) => {
                out.ignored.push(ignore(
                    ReplyCode::NotAReply,
                    format!("METHOD:{other} is not a reply: expected METHOD:REPLY"),
                    1,
                    None,
                ));
                return;
            }
            None => {
                out.ignored.push(ignore(
                    ReplyCode::NotAReply,
                    "the calendar has no METHOD: expected METHOD:REPLY".to_owned(),
                    1,
                    None,
                ));
                return;
            }
        }
        if reply.uid != self.uid {
            out.ignored.push(ignore(
                ReplyCode::OtherMeeting,
                format!(
                    "UID {:?} is not this meeting's ({:?})",
                    crate::error::shorten(&reply.uid),
                    self.uid
                ),
                reply.line,
                None,
            ));
            return;
        }
        if reply.request_status && reply.attendees.iter().all(|a| !a.partstat_given) {
            out.ignored.push(ignore(
                ReplyCode::NotAReply,
                "REQUEST-STATUS and no PARTSTAT: a status report, not an answer (nothing changed, nothing recorded)".to_owned(),
                reply.line,
                None,
            ));
            return;
        }
        if let Some(occurrence) = reply.recurrence_id {
            let start = self.meeting.time.start().with_timezone(&Utc);
            if occurrence != start {
                out.ignored.push(ignore(
                    ReplyCode::OtherOccurrence,
                    format!(
                        "RECURRENCE-ID {} answers one occurrence of a series, not this meeting (which starts {})",
                        occurrence.format("%Y-%m-%dT%H:%M:%SZ"),
                        start.format("%Y-%m-%dT%H:%M:%SZ")
                    ),
                    reply.line,
                    None,
                ));
                return;
            }
        }
        if reply.sequence > self.meeting.sequence {
            out.ignored.push(ignore(
                ReplyCode::FutureSequence,
                format!(
                    "SEQUENCE {} is above the invitation's ({}): it answers an invitation that was never sent",
                    reply.sequence, self.meeting.sequence
                ),
                reply.line,
                None,
            ));
            return;
        }
        if let Some(dtstamp) = reply.dtstamp.filter(|d| *d > self.now + Duration::days(1)) {
            out.ignored.push(ignore(
                ReplyCode::FutureDtstamp,
                format!(
                    "DTSTAMP {} is more than a day after now ({})",
                    dtstamp.format("%Y-%m-%dT%H:%M:%SZ"),
                    self.now.format("%Y-%m-%dT%H:%M:%SZ")
                ),
                reply.line,
                None,
            ));
            return;
        }
        let Some(sender) = self.sender_of(index, reply, out) else {
            return;
        };
        if reply.dtstamp.is_none() {
            out.warnings.push(ignore(
                ReplyCode::NoDtstamp,
                "the event has no DTSTAMP: applied, as calendar servers do, and ordered after the dated replies of its SEQUENCE".to_owned(),
                reply.line,
                None,
            ));
        }
        for attendee in &reply.attendees {
            if address_key(&attendee.address) == sender {
                self.answer(index, reply, attendee, out);
            } else if attendee.response != Response::NeedsAction {
                out.ignored.push(ignore(
                    ReplyCode::NotSender,
                    format!(
                        "{:?} answers {}, but the reply is from {sender:?}: a reply answers only for its sender",
                        crate::error::shorten(&attendee.address),
                        attendee.response.partstat()
                    ),
                    attendee.line,
                    Some(&attendee.address),
                ));
            }
        }
    }

    /// Whose answer a reply may carry, as compared; `None` (and why, in
    /// `out`) when nobody's.
    fn sender_of(&self, index: usize, reply: &Reply, out: &mut ReplyOutcome) -> Option<String> {
        let ignore = |code, reason: String| {
            IgnoredReply::new(
                index,
                code,
                reason,
                Some(reply.line),
                reply.in_message,
                None,
            )
        };
        if let Some(named) = &self.sender {
            return Some(named.clone());
        }
        if reply.in_message {
            let Some(from) = &reply.sender else {
                out.ignored.push(ignore(
                    ReplyCode::NotSender,
                    "the message has no From: address, so it answers for nobody".to_owned(),
                ));
                return None;
            };
            if let Some(why) = reply
                .unauthenticated
                .as_ref()
                .filter(|_| !self.trust_unauthenticated)
            {
                out.ignored.push(ignore(
                    ReplyCode::InboxUnauthenticated,
                    format!("{why}: the message may not be from {from:?}"),
                ));
                return None;
            }
            return Some(address_key(from));
        }
        let answering: HashSet<String> = answers(reply)
            .iter()
            .map(|a| address_key(&a.address))
            .collect();
        let together = reply.answering_in_calendar.max(answering.len());
        if answering.len() == 1 && together == 1 {
            return answering.into_iter().next();
        }
        out.ignored.push(ignore(
            ReplyCode::SeveralAttendees,
            format!(
                "the calendar answers for {together} attendees and has no sender: name the one who sent it",
            ),
        ));
        None
    }

    /// Applies one attendee's answer of a reply.
    fn answer(&mut self, index: usize, reply: &Reply, a: &Attendee, out: &mut ReplyOutcome) {
        let key = address_key(&a.address);
        if !self.by_address.contains_key(&key) {
            // A delegate is invited by the delegator's own reply; its own
            // DELEGATED-FROM invites nobody.
            let reason = format!(
                "{:?} is nobody's address on the roster{}",
                crate::error::shorten(&a.address),
                if a.delegated_from.is_empty() {
                    ""
                } else {
                    " (a delegate is added by the delegator's own reply)"
                }
            );
            out.ignored.push(IgnoredReply {
                suggestion: self.closest_address(&key),
                ..IgnoredReply::new(
                    index,
                    ReplyCode::UnknownAttendee,
                    reason,
                    Some(a.line),
                    reply.in_message,
                    Some(&a.address),
                )
            });
            return;
        }
        let record = record_of(reply, a);
        let recorded = self.records.get(&key).copied();
        if let Some(old) = recorded.and_then(|at| self.meeting.replies.get(at)) {
            let (code, why) = match record.key().cmp(&old.key()) {
                std::cmp::Ordering::Greater => (None, String::new()),
                std::cmp::Ordering::Equal => (
                    Some(ReplyCode::AlreadyApplied),
                    "this reply was applied already".to_owned(),
                ),
                std::cmp::Ordering::Less => (
                    Some(ReplyCode::Outdated),
                    format!(
                        "SEQUENCE {} of {} is older than the reply recorded (SEQUENCE {} of {})",
                        record.sequence,
                        stamp(record.dtstamp),
                        old.sequence,
                        stamp(old.dtstamp)
                    ),
                ),
            };
            if let Some(code) = code {
                out.ignored.push(IgnoredReply::new(
                    index,
                    code,
                    why,
                    Some(a.line),
                    reply.in_message,
                    Some(&a.address),
                ));
                return;
            }
        }
        // Delegations accumulate whatever the order of the replies that
        // are applied (see the module's note); an outdated one adds none.
        self.delegate(index, reply, a, out);
        match recorded.and_then(|at| self.meeting.replies.get_mut(at)) {
            Some(slot) => *slot = record,
            None => {
                self.records.insert(key.clone(), self.meeting.replies.len());
                self.meeting.replies.push(record);
            }
        }
        let excuse = match a.response {
            Response::Declined | Response::Delegated => reply.comment.clone(),
            _ => None,
        };
        let people = self.by_address.get(&key).cloned().unwrap_or_default();
        for i in people {
            self.fill_name(index, i, a.name.as_deref(), out);
            self.set(index, i, out, |p| {
                let mut changes = Vec::new();
                if p.response != a.response {
                    changes.push((
                        ChangedField::Response,
                        Some(p.response.name().to_owned()),
                        Some(a.response.name().to_owned()),
                    ));
                    p.response = a.response;
                }
                if p.excuse != excuse {
                    changes.push((ChangedField::Excuse, p.excuse.clone(), excuse.clone()));
                    p.excuse = excuse.clone();
                }
                changes
            });
        }
    }

    /// Changes person `i` and records each change.
    fn set(
        &mut self,
        reply: usize,
        i: usize,
        out: &mut ReplyOutcome,
        change: impl FnOnce(&mut Person) -> Vec<(ChangedField, Option<String>, Option<String>)>,
    ) {
        let Some((person, changes)) = self.meeting.roster.update(i, |p| {
            let changes = change(p);
            (p.clone(), changes)
        }) else {
            return;
        };
        for (field, before, after) in changes {
            out.changes.push(ReplyChange {
                reply,
                index: i,
                person: person.full_name(),
                email: person.email.clone(),
                field,
                before,
                after,
            });
        }
    }

    /// The delegations of an answer: each delegate added or linked.
    fn delegate(&mut self, index: usize, reply: &Reply, a: &Attendee, out: &mut ReplyOutcome) {
        if a.delegated_to.is_empty() {
            return;
        }
        let delegator_key = address_key(&a.address);
        let Some(delegator) = self
            .by_address
            .get(&delegator_key)
            .and_then(|v| v.first().copied())
        else {
            return;
        };
        let ignore = |code, reason: String, delegate: &str| {
            IgnoredReply::new(
                index,
                code,
                reason,
                Some(a.line),
                reply.in_message,
                Some(delegate),
            )
        };
        if a.delegated_to.len() > MAX_DELEGATES {
            out.ignored.push(ignore(
                ReplyCode::TooManyDelegates,
                format!(
                    "{} delegates in one answer; a reply may name {MAX_DELEGATES}: none added",
                    a.delegated_to.len()
                ),
                &a.address,
            ));
            return;
        }
        for d in &a.delegated_to {
            let key = address_key(d);
            let why = if key == delegator_key {
                Some("delegates to the delegator itself".to_owned())
            } else if let Some(reason) = check_email(&key) {
                Some(format!("is not an e-mail address ({reason})"))
            } else if self.delegates_back(&key, &delegator_key) {
                Some("has delegated to the delegator: a delegation may not go round".to_owned())
            } else {
                None
            };
            match why {
                Some(why) => out.ignored.push(ignore(
                    ReplyCode::BadDelegate,
                    format!(
                        "the delegate {:?} {why}: not added",
                        crate::error::shorten(d)
                    ),
                    d,
                )),
                None => self.link_delegate(index, reply, delegator, d, out),
            }
        }
    }

    /// Whether `from` has delegated, directly or through others, to `to`
    /// (by the replies recorded): a delegation from `to` to `from` would
    /// close a circle.
    fn delegates_back(&self, from: &str, to: &str) -> bool {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut next = vec![from];
        while let Some(at) = next.pop() {
            if !seen.insert(at) {
                continue;
            }
            let Some(record) = self
                .records
                .get(at)
                .and_then(|&i| self.meeting.replies.get(i))
            else {
                continue;
            };
            for d in &record.delegated_to {
                if d == to {
                    return true;
                }
                next.push(d);
            }
        }
        false
    }

    /// Makes the person with address `delegate` a substitute for the
    /// person at `delegator`: added when not on the roster, linked when on
    /// it and standing in for nobody.
    fn link_delegate(
        &mut self,
        index: usize,
        reply: &Reply,
        delegator: usize,
        delegate: &str,
        out: &mut ReplyOutcome,
    ) {
        let Some(from) = self.meeting.roster.get(delegator) else {
            return;
        };
        // Named by the delegator's email, which is how it was matched.
        let stands_in_for = from
            .email()
            .map(str::to_owned)
            .unwrap_or_else(|| from.full_name());
        let organisation = from.organisation().to_owned();
        let key = address_key(delegate);
        // The delegate's own line in this reply, when it has one: its name
        // and where it is.
        let named = reply
            .attendees
            .iter()
            .find(|x| address_key(&x.address) == key);
        let cn = named.and_then(|x| x.name.clone());
        let line = named.map_or(reply.line, |x| x.line);
        let Some(existing) = self.by_address.get(&key).cloned() else {
            let (given, family) = match &cn {
                Some(name) => {
                    let (given, family) = split_full_name(name);
                    (given.to_owned(), family.to_owned())
                }
                None => (String::new(), key.clone()),
            };
            let mut person = Person::new(given, family, organisation);
            // The compared form, so that whichever reply names the delegate
            // first, the roster holds the same address.
            person.email = Some(key.clone());
            person.role = Role::Substitute;
            person.substitute_for = Some(stands_in_for);
            let at = self.meeting.roster.len();
            out.changes.push(ReplyChange {
                reply: index,
                index: at,
                person: person.full_name(),
                email: person.email.clone(),
                field: ChangedField::Added,
                before: None,
                after: Some(person.full_name()),
            });
            self.meeting.roster.push(person);
            self.by_address.entry(key).or_default().push(at);
            return;
        };
        for i in existing {
            let Some(current) = self.meeting.roster.get(i) else {
                continue;
            };
            match current.substitute_for() {
                // A member of the body who is delegated to stays a member:
                // the delegation is recorded (with the delegator's reply),
                // not made a substitute's place, so that a quorum counts
                // them once.
                _ if current.role().is_member_of_body() => {}
                Some(s) if same_person(s, &stands_in_for) => {}
                Some(other) => out.ignored.push(IgnoredReply::new(
                    index,
                    ReplyCode::DelegateConflict,
                    format!(
                        "{} stands in for {:?} already; not made a substitute for {:?}",
                        current.full_name(),
                        other,
                        stands_in_for
                    ),
                    Some(line),
                    reply.in_message,
                    Some(delegate),
                )),
                None => {
                    let target = stands_in_for.clone();
                    self.set(index, i, out, |p| {
                        p.substitute_for = Some(target.clone());
                        vec![(ChangedField::SubstituteFor, None, Some(target))]
                    });
                }
            }
            self.fill_name(index, i, cn.as_deref(), out);
        }
    }

    /// A delegate first known by address only (the address as the family
    /// name) gets the name a reply gives them.
    fn fill_name(&mut self, index: usize, i: usize, name: Option<&str>, out: &mut ReplyOutcome) {
        let Some(name) = name else {
            return;
        };
        let placeholder = self.meeting.roster.get(i).is_some_and(|p| {
            p.given_name().is_empty()
                && p.email()
                    .is_some_and(|e| address_key(e) == address_key(p.family_name()))
        });
        if placeholder {
            self.set(index, i, out, |p| {
                let before = p.full_name();
                let (given, family) = split_full_name(name);
                p.given_name = given.to_owned();
                p.family_name = family.to_owned();
                vec![(ChangedField::Name, Some(before), Some(p.full_name()))]
            });
        }
    }

    /// The roster address most like `key`, for "did you mean"
    /// ([`Suggestions`], made at the first unknown address).
    fn closest_address(&self, key: &str) -> Option<String> {
        let suggestions = self
            .suggestions
            .get_or_init(|| Suggestions::of(self.by_address.keys()));
        let key = suggestions.closest(key)?;
        let i = *self.by_address.get(&key)?.first()?;
        self.meeting.roster.get(i)?.email().map(str::to_owned)
    }
}

fn same_person(a: &str, b: &str) -> bool {
    address_key(a) == address_key(b)
}
