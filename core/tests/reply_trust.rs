//! Who may change what by a reply: each case an attack that worked on the
//! release before it (a hostile sender, a crafted calendar), and what the
//! library does now.

use chrono::{TimeZone, Utc};
use roundtable::{
    ApplyOptions, Attendance, ChangedField, ErrorCode, Meeting, ReplyCode, ReplyOutcome, Response,
    Role, ValidationOptions, MAX_DELEGATES, MAX_REPLY_ATTENDEES,
};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/replies/");
const UID: &str = "osloregionen-naering-2024-11-07@roundtable";
const CHAIR: &str = "anne.kristine.feltman@baerum.kommune.no";
const TROND: &str = "trond.haugen@drammen.kommune.no";
const SIRI: &str = "siri.odegard@asker.kommune.no";
const JONAS: &str = "jonas.olafsen@lillestrom.kommune.no";

fn meeting() -> Meeting {
    Meeting::load(format!("{DIR}meeting.json")).unwrap()
}

fn person<'a>(m: &'a Meeting, email: &str) -> roundtable::PersonRef<'a> {
    m.roster
        .iter()
        .find(|p| p.email().is_some_and(|e| e.eq_ignore_ascii_case(email)))
        .unwrap_or_else(|| panic!("{email} on the roster"))
}

/// A reply calendar: its event's extra lines (ATTENDEE, COMMENT, …),
/// with DTSTAMP and SEQUENCE as given.
fn calendar(dtstamp: &str, sequence: u32, lines: &[String]) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{UID}\r\n\
         DTSTAMP:{dtstamp}\r\nSEQUENCE:{sequence}\r\n{}END:VEVENT\r\nEND:VCALENDAR\r\n",
        lines.iter().map(|l| format!("{l}\r\n")).collect::<String>()
    )
}

fn attendee(partstat: &str, address: &str) -> String {
    format!("ATTENDEE;PARTSTAT={partstat}:mailto:{address}")
}

/// An e-mail carrying `calendar`, with the headers given (From:, …).
fn email(headers: &[&str], calendar: &str) -> Vec<u8> {
    format!(
        "{}To: karoline.bakke@osloregionen.no\r\nSubject: Svar\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/calendar; method=REPLY; charset=UTF-8\r\n\r\n{calendar}",
        headers
            .iter()
            .map(|h| format!("{h}\r\n"))
            .collect::<String>()
    )
    .into_bytes()
}

fn codes(o: &ReplyOutcome) -> Vec<ReplyCode> {
    o.ignored.iter().map(|i| i.code).collect()
}

#[test]
fn an_email_answers_only_for_its_sender() {
    // Mallory writes the chair's line and an excuse that would go into the
    // minutes.
    let mut m = meeting();
    let before = m.to_json();
    let cal = calendar(
        "20241102T081500Z",
        0,
        &[
            attendee("DECLINED", CHAIR),
            "COMMENT:I resign from the group.".to_owned(),
        ],
    );
    let o = m
        .apply_reply(&email(&["From: Mallory <mallory@evil.example>"], &cal))
        .unwrap();
    assert_eq!(codes(&o), [ReplyCode::NotSender]);
    assert_eq!(o.ignored[0].attendee.as_deref(), Some(CHAIR));
    assert!(o.changes.is_empty());
    assert_eq!(m.to_json(), before, "nothing changed, nothing recorded");

    // No From: at all answers for nobody.
    let o = m.apply_reply(&email(&[], &cal)).unwrap();
    assert_eq!(codes(&o), [ReplyCode::NotSender]);
    assert_eq!(m.to_json(), before);

    // The chair's own message, with her address in another case, does.
    let from = format!("From: Anne Kristine Feltman <{}>", CHAIR.to_uppercase());
    let o = m.apply_reply(&email(&[&from], &cal)).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(person(&m, CHAIR).response(), Response::Declined);
}

#[test]
fn a_forwarded_reply_is_judged_by_the_forwarded_message() {
    let cal = calendar("20241102T081500Z", 0, &[attendee("ACCEPTED", TROND)]);
    let forward = |inner_from: &str| {
        let inner = String::from_utf8(email(&[inner_from], &cal)).unwrap();
        format!(
            "From: Karoline Bakke <karoline.bakke@osloregionen.no>\r\nTo: arkiv@osloregionen.no\r\n\
             Subject: Fwd: Svar\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
             --b\r\nContent-Type: text/plain\r\n\r\nVideresendt.\r\n\
             --b\r\nContent-Type: message/rfc822\r\n\r\n{inner}\r\n--b--\r\n"
        )
        .into_bytes()
    };
    let mut m = meeting();
    let o = m
        .apply_reply(&forward(
            "From: Trond Haugen <trond.haugen@drammen.kommune.no>",
        ))
        .unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(person(&m, TROND).response(), Response::Accepted);

    let mut m = meeting();
    let o = m
        .apply_reply(&forward("From: mallory@evil.example"))
        .unwrap();
    assert_eq!(codes(&o), [ReplyCode::NotSender]);
    assert_eq!(person(&m, TROND).response(), Response::NeedsAction);
}

#[test]
fn a_bare_calendar_with_several_answers_needs_a_named_sender() {
    // One .ics that declines for everybody.
    let everybody: Vec<String> = [CHAIR, JONAS, SIRI, TROND]
        .iter()
        .map(|a| attendee("DECLINED", a))
        .collect();
    let cal = calendar("20241102T081500Z", 0, &everybody);
    let mut m = meeting();
    let before = m.to_json();
    let o = m.apply_reply(cal.as_bytes()).unwrap();
    assert_eq!(codes(&o), [ReplyCode::SeveralAttendees]);
    assert_eq!(m.to_json(), before);

    // Named by a caller that trusts where it came from: that one only.
    let o = m
        .apply_reply_with(cal.as_bytes(), &ApplyOptions::new().with_sender(SIRI))
        .unwrap();
    assert_eq!(o.changes.len(), 1);
    assert_eq!(o.changes[0].field, ChangedField::Response);
    assert_eq!(person(&m, SIRI).response(), Response::Declined);
    assert_eq!(person(&m, CHAIR).response(), Response::NeedsAction);
    assert_eq!(codes(&o), [ReplyCode::NotSender; 3]);

    // A copied attendee list, the others at NEEDS-ACTION, is one answer.
    let mut m = meeting();
    let cal = calendar(
        "20241102T081500Z",
        0,
        &[
            attendee("NEEDS-ACTION", CHAIR),
            attendee("TENTATIVE", JONAS),
        ],
    );
    let o = m.apply_reply(cal.as_bytes()).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(person(&m, JONAS).response(), Response::Tentative);
}

#[test]
fn nobody_is_locked_out_by_a_reply_from_the_future() {
    let now = Utc.with_ymd_and_hms(2024, 11, 3, 12, 0, 0).unwrap();
    let at_now = ApplyOptions::new().with_now(now);
    let mut m = meeting();
    let before = m.to_json();
    let lock = calendar("99991231T235959Z", u32::MAX, &[attendee("DECLINED", TROND)]);
    let o = m.apply_reply_with(lock.as_bytes(), &at_now).unwrap();
    assert_eq!(codes(&o), [ReplyCode::FutureSequence]);
    assert_eq!(m.to_json(), before, "not applied, not recorded");

    // SEQUENCE as sent, DTSTAMP more than a day ahead of the clock.
    let ahead = calendar("20241104T120001Z", 0, &[attendee("DECLINED", TROND)]);
    let o = m.apply_reply_with(ahead.as_bytes(), &at_now).unwrap();
    assert_eq!(codes(&o), [ReplyCode::FutureDtstamp]);
    assert_eq!(m.to_json(), before);
    // A day ahead at most is a clock that runs fast, not an attack.
    let fast = calendar("20241104T120000Z", 0, &[attendee("TENTATIVE", TROND)]);
    let o = m.apply_reply_with(fast.as_bytes(), &at_now).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);

    // The genuine reply to the invitation sent again (SEQUENCE 1) applies.
    m.sequence = 1;
    let genuine = calendar("20241103T100000Z", 1, &[attendee("ACCEPTED", TROND)]);
    let o = m.apply_reply_with(genuine.as_bytes(), &at_now).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(person(&m, TROND).response(), Response::Accepted);
}

#[test]
fn a_delegation_is_the_delegators_act() {
    // An unknown address that says it stands in for the chair.
    let mut m = meeting();
    let before = m.to_json();
    let line = format!(
        "ATTENDEE;PARTSTAT=ACCEPTED;DELEGATED-FROM=\"mailto:{CHAIR}\":mailto:mallory@evil.example"
    );
    let o = m
        .apply_reply(calendar("20241102T081500Z", 0, &[line]).as_bytes())
        .unwrap();
    assert_eq!(codes(&o), [ReplyCode::UnknownAttendee]);
    assert_eq!(m.to_json(), before, "nobody added");

    let delegating = |to: &[&str]| {
        let to: Vec<String> = to.iter().map(|d| format!("\"mailto:{d}\"")).collect();
        calendar(
            "20241102T081500Z",
            0,
            &[format!(
                "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO={}:mailto:{TROND}",
                to.join(",")
            )],
        )
    };
    // Too many delegates: none added.
    let mut m = meeting();
    let many: Vec<String> = (0..=MAX_DELEGATES)
        .map(|i| format!("vara{i}@drammen.kommune.no"))
        .collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    let o = m.apply_reply(delegating(&many).as_bytes()).unwrap();
    assert_eq!(codes(&o), [ReplyCode::TooManyDelegates]);
    assert_eq!(m.roster.len(), 6);
    assert_eq!(
        person(&m, TROND).response(),
        Response::Delegated,
        "his own answer stands"
    );

    // Not an address, or the delegator: not added.
    let mut m = meeting();
    let o = m
        .apply_reply(delegating(&["javascript:alert(1)", TROND]).as_bytes())
        .unwrap();
    assert_eq!(codes(&o), [ReplyCode::BadDelegate, ReplyCode::BadDelegate]);
    assert_eq!(m.roster.len(), 6);

    // A delegation back to the one who delegated: a circle, refused.
    let mut m = meeting();
    let o = m
        .apply_reply(delegating(&["vara@drammen.kommune.no"]).as_bytes())
        .unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(m.roster.len(), 7);
    let back = calendar(
        "20241102T091500Z",
        0,
        &[format!(
            "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:{TROND}\":mailto:vara@drammen.kommune.no"
        )],
    );
    let o = m.apply_reply(back.as_bytes()).unwrap();
    assert_eq!(codes(&o), [ReplyCode::BadDelegate]);
}

#[test]
fn a_member_delegated_to_stays_a_member_and_counts_once() {
    // Siri delegates to Jonas, a member: recorded, but he does not become
    // her substitute.
    let mut m = meeting();
    let cal = calendar(
        "20241102T081500Z",
        0,
        &[format!(
            "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:{JONAS}\":mailto:{SIRI}"
        )],
    );
    let o = m.apply_reply(cal.as_bytes()).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(person(&m, JONAS).role(), Role::Member);
    assert_eq!(person(&m, JONAS).substitute_for(), None);
    assert_eq!(m.replies[0].delegated_to, [JONAS]);

    // A member who stands in for another (written so by hand) is still
    // one present person: 2 of the 5 members present is no quorum.
    let mut m = meeting();
    let members: Vec<usize> = m
        .roster
        .iter()
        .enumerate()
        .filter(|(_, p)| p.role().is_member_of_body())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(members.len(), 5);
    for (n, &i) in members.iter().enumerate() {
        m.roster.update(i, |p| {
            p.attendance = if n < 2 {
                Attendance::Present
            } else {
                Attendance::Excused
            };
        });
    }
    let absent = m
        .roster
        .get(members[2])
        .unwrap()
        .email()
        .unwrap()
        .to_owned();
    m.roster
        .update(members[0], |p| p.substitute_for = Some(absent));
    let report = m.validate_with(&ValidationOptions::default().with_quorum(true));
    assert_eq!(
        report.with_code(roundtable::Code::MeetingQuorum).count(),
        1,
        "{report:?}"
    );
}

#[test]
fn an_outdated_reply_adds_no_delegate() {
    let mut m = meeting();
    let newer = calendar("20241103T081500Z", 0, &[attendee("ACCEPTED", TROND)]);
    m.apply_reply(newer.as_bytes()).unwrap();
    let older = calendar(
        "20241102T081500Z",
        0,
        &[format!(
            "ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO=\"mailto:vara@drammen.kommune.no\":mailto:{TROND}"
        )],
    );
    let o = m.apply_reply(older.as_bytes()).unwrap();
    assert_eq!(codes(&o), [ReplyCode::Outdated]);
    assert!(o.changes.is_empty());
    assert_eq!(m.roster.len(), 6);
}

#[test]
fn folded_attendees_count_against_the_limit() {
    // "ATTEN" CRLF " DEE": one ATTENDEE to the parser, one to the limit.
    let lines: Vec<String> = (0..=MAX_REPLY_ATTENDEES)
        .map(|i| format!("ATTEN\r\n DEE;PARTSTAT=NEEDS-ACTION:mailto:p{i}@example.no"))
        .collect();
    let cal = calendar("20241102T081500Z", 0, &lines);
    let err = meeting().apply_reply(cal.as_bytes()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReplyTooLarge);
    // The line of the first one over: the 1001st's first physical line.
    assert_eq!(
        err.position().unwrap().line,
        7 + 2 * MAX_REPLY_ATTENDEES as u64 + 1
    );
}

#[test]
fn unauthenticated_mail_is_not_applied_unless_trusted() {
    let cal = calendar("20241102T081500Z", 0, &[attendee("DECLINED", CHAIR)]);
    let from = format!("From: <{CHAIR}>");
    let failed = email(
        &[
            "Authentication-Results: mx.osloregionen.no; dkim=none; \
             spf=softfail smtp.mailfrom=evil.example; dmarc=fail (p=reject) header.from=baerum.kommune.no",
            &from,
        ],
        &cal,
    );
    let mut m = meeting();
    let o = m.apply_reply(&failed).unwrap();
    assert_eq!(codes(&o), [ReplyCode::InboxUnauthenticated]);
    assert!(
        o.ignored[0].reason.contains("dmarc=fail"),
        "{}",
        o.ignored[0].reason
    );
    assert_eq!(person(&m, CHAIR).response(), Response::NeedsAction);

    let trusting = ApplyOptions::new().with_trust_unauthenticated(true);
    let o = m.apply_reply_with(&failed, &trusting).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(person(&m, CHAIR).response(), Response::Declined);

    // The receiving server's header is the topmost; one the sender wrote
    // lower down says nothing, and a failure for another domain neither.
    let passed = email(
        &[
            "Authentication-Results: mx.osloregionen.no; dmarc=pass header.from=baerum.kommune.no; \
             spf=fail smtp.mailfrom=bounce.example",
            "Authentication-Results: mx.osloregionen.no; dmarc=fail header.from=baerum.kommune.no",
            &from,
        ],
        &cal,
    );
    let mut m = meeting();
    let o = m.apply_reply(&passed).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
}
