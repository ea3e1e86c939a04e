//! Replies as calendar servers read them (issue 29, part 2): the iTIP
//! shapes of sabre/vobject's, libical's and RFC 5546's test messages.

use roundtable::{Meeting, Response};

const MEETING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/data/replies/meeting.json"
);
const UID: &str = "osloregionen-naering-2024-11-07@roundtable";
const TROND: &str = "trond.haugen@drammen.kommune.no";

fn calendar(method: &str, body: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:{method}\r\n{body}END:VCALENDAR\r\n")
}

fn codes(outcome: &roundtable::ReplyOutcome) -> Vec<&'static str> {
    outcome.ignored.iter().map(|i| i.code.as_str()).collect()
}

fn trond(m: &Meeting) -> Response {
    m.roster
        .iter()
        .find(|p| p.email() == Some(TROND))
        .unwrap()
        .response()
}

#[test]
fn another_method_is_not_a_reply_even_without_an_attendee() {
    let mut m = Meeting::load(MEETING).unwrap();
    let cases = [
        (
            "PUBLISH",
            format!("BEGIN:VEVENT\r\nUID:{UID}\r\nDTSTAMP:20241101T120000Z\r\nEND:VEVENT\r\n"),
        ),
        (
            "REQUEST",
            format!("BEGIN:VEVENT\r\nUID:{UID}\r\nEND:VEVENT\r\n"),
        ),
        (
            "REQUEST",
            "BEGIN:VFREEBUSY\r\nUID:fb-1\r\nDTSTAMP:20241101T120000Z\r\nEND:VFREEBUSY\r\n"
                .to_owned(),
        ),
    ];
    for (method, body) in cases {
        let outcome = m.apply_reply(calendar(method, &body).as_bytes()).unwrap();
        assert_eq!(codes(&outcome), ["reply.not_a_reply"], "{method}");
        assert!(outcome.ignored[0].reason.contains(method));
    }
}

#[test]
fn a_status_report_without_partstat_changes_nothing_and_records_nothing() {
    let mut m = Meeting::load(MEETING).unwrap();
    let accept = calendar(
        "REPLY",
        &format!("BEGIN:VEVENT\r\nUID:{UID}\r\nDTSTAMP:20241101T120000Z\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{TROND}\r\nEND:VEVENT\r\n"),
    );
    m.apply_reply(accept.as_bytes()).unwrap();
    assert_eq!(trond(&m), Response::Accepted);
    let records = m.replies.clone();
    // Newer, with REQUEST-STATUS and no PARTSTAT: it turned the accepted
    // person back to needs_action.
    let status = calendar(
        "REPLY",
        &format!("BEGIN:VEVENT\r\nUID:{UID}\r\nDTSTAMP:20241102T120000Z\r\nREQUEST-STATUS:2.0;Success\r\nATTENDEE:mailto:{TROND}\r\nEND:VEVENT\r\n"),
    );
    let outcome = m.apply_reply(status.as_bytes()).unwrap();
    assert_eq!(codes(&outcome), ["reply.not_a_reply"]);
    assert!(outcome.changes.is_empty());
    assert_eq!(trond(&m), Response::Accepted);
    assert_eq!(m.replies, records);
}

#[test]
fn a_reply_without_dtstamp_is_applied_after_the_dated_ones_of_its_sequence() {
    let reply = |partstat: &str, dtstamp: &str| {
        calendar(
            "REPLY",
            &format!("BEGIN:VEVENT\r\nUID:{UID}\r\n{dtstamp}ATTENDEE;PARTSTAT={partstat}:mailto:{TROND}\r\nEND:VEVENT\r\n"),
        )
    };
    let undated = reply("DECLINED", "");
    let dated = reply("ACCEPTED", "DTSTAMP:20241103T120000Z\r\n");
    // Either order: the undated one stands.
    for order in [[&undated, &dated], [&dated, &undated]] {
        let mut m = Meeting::load(MEETING).unwrap();
        let outcome = m.apply_replies(order.map(|r| r.as_bytes()));
        assert_eq!(trond(&m), Response::Declined, "{outcome:?}");
        let warned: Vec<&str> = outcome.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(warned, ["reply.no_dtstamp"]);
        assert!(outcome.to_json().contains("\"warnings\":[{"));
        // The document keeps the record without a DTSTAMP, and reads back.
        let again = Meeting::from_json(&m.to_json()).unwrap();
        assert_eq!(again, m);
    }
}

#[test]
fn the_lines_of_one_reply_are_applied_as_a_set_in_any_order() {
    // The delegator's e-mail: its own line (DELEGATED, with a comment) and
    // the delegate's (ACCEPTED). Whichever line comes first, the delegate
    // is added by the delegator's answer, the delegate's own line is not
    // the sender's (a reply answers only for its sender), and the comment
    // is the delegator's excuse alone.
    let delegator = format!(
        "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:kari@drammen.kommune.no\":mailto:{TROND}\r\n"
    );
    let delegate = format!(
        "ATTENDEE;PARTSTAT=ACCEPTED;DELEGATED-FROM=\"mailto:{TROND}\":mailto:kari@drammen.kommune.no\r\n"
    );
    let mail = |lines: &str| {
        format!(
            "From: Trond Haugen <{TROND}>\r\nSubject: Delegert\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/calendar; method=REPLY; charset=UTF-8\r\n\r\n{}",
            calendar(
                "REPLY",
                &format!("BEGIN:VEVENT\r\nUID:{UID}\r\nDTSTAMP:20241101T120000Z\r\nCOMMENT:Kari møter for meg.\r\n{lines}END:VEVENT\r\n")
            )
        )
    };
    let mut first = Meeting::load(MEETING).unwrap();
    let a = first
        .apply_reply(mail(&(delegator.clone() + &delegate)).as_bytes())
        .unwrap();
    let mut second = Meeting::load(MEETING).unwrap();
    let b = second
        .apply_reply(mail(&(delegate + &delegator)).as_bytes())
        .unwrap();
    assert_eq!(first, second);
    assert_eq!(codes(&a), codes(&b));
    assert_eq!(codes(&a), ["reply.not_sender"]);
    let kari = first
        .roster
        .iter()
        .find(|p| p.email() == Some("kari@drammen.kommune.no"))
        .expect("the delegate is added");
    assert_eq!(kari.excuse(), None);
    let trond = first
        .roster
        .iter()
        .find(|p| p.email() == Some(TROND))
        .unwrap();
    assert_eq!(trond.response(), Response::Delegated);
    assert_eq!(trond.excuse(), Some("Kari møter for meg."));
}
