//! Who a reply answers for and in what order a batch is applied: the
//! attendees whose answer a reply carries, what an answer records, and the
//! order that makes a batch's result independent of the order it came in.

use std::collections::{HashMap, HashSet};

use super::read::{Attendee, Reply};
use crate::model::meeting::ReplyRecord;
use crate::model::roster::Response;
use crate::text::nfc;

/// The form addresses are compared in.
pub(crate) fn address_key(address: &str) -> String {
    nfc(address.trim()).to_lowercase()
}

/// Marks each event of one reply with how many people its events answer
/// for together: a bare calendar of several events, each with another
/// attendee's answer, answers for several people as surely as one event
/// with them all.
pub(crate) fn mark_calendar(events: &mut [Reply]) {
    let together: HashSet<String> = events
        .iter()
        .flat_map(|e| answers(e).into_iter().map(|a| address_key(&a.address)))
        .collect();
    for event in events {
        event.answering_in_calendar = together.len();
    }
}

/// The order a batch is applied in: as given, but delegators' replies
/// before their delegates' (a delegate is invited by the delegator's
/// reply), and the replies of one attendee in the order they are compared
/// in ([`ReplyRecord`]'s key: `SEQUENCE`, `DTSTAMP`, then content), each
/// in the places that attendee's replies had. So no reply of a batch comes
/// after a newer one of the same attendee, and the result does not depend
/// on the batch's order.
pub(crate) fn batch_order(replies: &mut Vec<(usize, Reply)>) {
    replies.sort_by_key(|(_, reply)| answers(reply).iter().any(|a| !a.delegated_from.is_empty()));
    // Each reply's first answer as it would be recorded: who, and where it
    // stands among that attendee's replies.
    let records: Vec<Option<ReplyRecord>> = replies
        .iter()
        .map(|(_, reply)| answers(reply).first().map(|a| record_of(reply, a)))
        .collect();
    let mut places: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    for (at, record) in records.iter().enumerate() {
        let who = record.as_ref().map(|r| r.attendee.as_str());
        places.entry(who).or_default().push(at);
    }
    let mut order: Vec<usize> = (0..replies.len()).collect();
    for at in places.into_values().filter(|at| at.len() > 1) {
        let mut sorted = at.clone();
        sorted.sort_by(|&x, &y| {
            let key = |i: usize| records[i].as_ref().map(ReplyRecord::key);
            key(x).cmp(&key(y))
        });
        for (&place, reply) in at.iter().zip(sorted) {
            order[place] = reply;
        }
    }
    let mut taken: Vec<Option<(usize, Reply)>> =
        std::mem::take(replies).into_iter().map(Some).collect();
    replies.extend(order.into_iter().filter_map(|i| taken[i].take()));
}

/// What an attendee's answer in a reply records ([`Meeting::replies`]).
pub(super) fn record_of(reply: &Reply, a: &Attendee) -> ReplyRecord {
    ReplyRecord {
        attendee: address_key(&a.address),
        sequence: reply.sequence,
        dtstamp: reply.dtstamp,
        response: a.response,
        comment: reply.comment.clone(),
        delegated_to: a.delegated_to.iter().map(|d| address_key(d)).collect(),
    }
}

/// The attendees whose answer a reply carries. RFC 5546 has a reply name
/// the one who answers (and, with `DELEGATED-FROM`, the delegates it
/// names); a client that copies the whole attendee list leaves the others
/// at `NEEDS-ACTION`, which is no answer: those are not applied.
pub(super) fn answers(reply: &Reply) -> Vec<&Attendee> {
    if reply.attendees.len() == 1 {
        return reply.attendees.iter().collect();
    }
    let answered: Vec<&Attendee> = reply
        .attendees
        .iter()
        .filter(|a| a.response != Response::NeedsAction)
        .collect();
    if !answered.is_empty() {
        return answered;
    }
    reply
        .attendees
        .iter()
        .filter(|a| a.delegated_from.is_empty())
        .collect()
}
