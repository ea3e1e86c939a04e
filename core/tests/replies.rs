//! Replies to the invitation: each client's style, each transfer encoding
//! of an e-mail, every reason a reply is not applied, the limits, and
//! that the order replies come in does not matter.

use roundtable::{
    ChangedField, ErrorCode, Meeting, ReplyCode, ReplyOutcome, Response, Role, MAX_REPLY_ATTENDEES,
    MAX_REPLY_BYTES,
};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/replies/");
const UID: &str = "osloregionen-naering-2024-11-07@roundtable";

fn meeting() -> Meeting {
    Meeting::load(format!("{DIR}meeting.json")).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}")).unwrap()
}

fn person<'a>(m: &'a Meeting, email: &str) -> roundtable::PersonRef<'a> {
    m.roster
        .iter()
        .find(|p| p.email().is_some_and(|e| e.eq_ignore_ascii_case(email)))
        .unwrap_or_else(|| panic!("{email} on the roster"))
}

fn changes(o: &ReplyOutcome) -> Vec<(String, &'static str, Option<String>, Option<String>)> {
    o.changes
        .iter()
        .map(|c| {
            (
                c.person.clone(),
                c.field.as_str(),
                c.before.clone(),
                c.after.clone(),
            )
        })
        .collect()
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

#[test]
fn outlook_decline_with_comment_folded_lines_and_windows_zone() {
    let mut m = meeting();
    let o = m.apply_reply(&fixture("outlook-declined.ics")).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(
        changes(&o),
        vec![
            (
                "Jonas Vårum Olafsen".to_owned(),
                "response",
                s("needs_action"),
                s("declined")
            ),
            (
                "Jonas Vårum Olafsen".to_owned(),
                "excuse",
                None,
                s("Jeg er på studietur med formannskapet den dagen, beklager.")
            ),
        ]
    );
    let jonas = person(&m, "jonas.olafsen@lillestrom.kommune.no");
    assert_eq!(jonas.response(), Response::Declined);
    // A reply is about coming, not about having come.
    assert_eq!(jonas.attendance(), roundtable::Attendance::Invited);
    assert_eq!(m.replies.len(), 1);
    assert_eq!(m.replies[0].attendee, "jonas.olafsen@lillestrom.kommune.no");
    assert_eq!(
        m.replies[0].dtstamp.unwrap().to_rfc3339(),
        "2024-11-02T08:15:00+00:00"
    );
}

#[test]
fn google_apple_and_thunderbird_replies() {
    let mut m = meeting();
    let o = m.apply_replies([
        fixture("google-accepted.ics"),
        fixture("apple-tentative.ics"),
        fixture("thunderbird-delegated.ics"),
    ]);
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(
        person(&m, "anne.kristine.feltman@baerum.kommune.no").response(),
        Response::Accepted
    );
    assert_eq!(
        person(&m, "eysten.kleiven@fredrikstad.kommune.no").response(),
        Response::Tentative
    );
    let siri = person(&m, "siri.odegard@asker.kommune.no");
    assert_eq!(siri.response(), Response::Delegated);
    assert_eq!(siri.excuse(), Some("Per Moe møter for meg."));
    // The delegate is added, named from the reply, as Siri's substitute.
    let per = person(&m, "per.moe@asker.kommune.no");
    assert_eq!(per.full_name(), "Per Moe");
    assert_eq!(per.role(), Role::Substitute);
    assert_eq!(per.organisation(), "Asker kommune");
    assert_eq!(per.substitute_for(), Some("siri.odegard@asker.kommune.no"));
    assert_eq!(per.response(), Response::NeedsAction);
    assert!(o
        .changes
        .iter()
        .any(|c| c.field == ChangedField::Added && c.after.as_deref() == Some("Per Moe")));
    // The substitute names someone on the roster: validation agrees.
    assert!(m
        .validate()
        .with_code(roundtable::Code::RosterSubstituteUnknown)
        .next()
        .is_none());

    // Then the delegate answers for themselves.
    let o = m.apply_reply(&fixture("delegate-accepted.ics")).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(
        person(&m, "per.moe@asker.kommune.no").response(),
        Response::Accepted
    );
    assert_eq!(m.roster.len(), 7, "the delegate is not added twice");
}

#[test]
fn a_delegate_named_family_first_is_split_as_the_import_splits_names() {
    // A CN written "Family, Given" (as Outlook's address book writes it)
    // names the same person as "Given Family": one rule splits names for
    // the import's name column and for a reply.
    let text = String::from_utf8(fixture("thunderbird-delegated.ics"))
        .unwrap()
        .replace("CN=Per Moe;", "CN=\"Moe, Per\";");
    let mut m = meeting();
    let o = m.apply_reply(text.as_bytes()).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    let per = person(&m, "per.moe@asker.kommune.no");
    assert_eq!((per.given_name(), per.family_name()), ("Per", "Moe"));
}

#[test]
fn a_delegates_reply_before_the_delegators_adds_them_once() {
    let mut m = meeting();
    let o = m.apply_replies([
        fixture("delegate-accepted.ics"),
        fixture("thunderbird-delegated.ics"),
    ]);
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    assert_eq!(m.roster.len(), 7);
    let per = person(&m, "per.moe@asker.kommune.no");
    assert_eq!(per.response(), Response::Accepted);
    assert_eq!(per.substitute_for(), Some("siri.odegard@asker.kommune.no"));
}

#[test]
fn every_transfer_encoding_of_an_email_gives_what_its_calendar_gives() {
    for (eml, ics) in [
        ("outlook-declined-base64.eml", "outlook-declined.ics"),
        (
            "google-accepted-quoted-printable.eml",
            "google-accepted.ics",
        ),
        ("apple-tentative-8bit.eml", "apple-tentative.ics"),
        ("delegate-accepted-7bit.eml", "delegate-accepted.ics"),
    ] {
        let mut a = meeting();
        let mut b = meeting();
        // The delegate's reply needs the delegator's first.
        a.apply_reply(&fixture("thunderbird-delegated.ics"))
            .unwrap();
        b.apply_reply(&fixture("thunderbird-delegated.ics"))
            .unwrap();
        let from_mail = a.apply_reply(&fixture(eml)).unwrap();
        let from_calendar = b.apply_reply(&fixture(ics)).unwrap();
        assert!(!from_mail.changes.is_empty(), "{eml}");
        assert_eq!(changes(&from_mail), changes(&from_calendar), "{eml}");
        assert_eq!(a.to_json(), b.to_json(), "{eml}");
    }
}

#[test]
fn an_older_reply_never_overwrites_a_newer_one_and_twice_is_once() {
    let mut m = meeting();
    m.apply_reply(&fixture("outlook-declined.ics")).unwrap();
    let before = m.to_json();
    // Accepted, but made a day before the decline.
    let o = m.apply_reply(&fixture("declined-older.ics")).unwrap();
    assert!(o.changes.is_empty());
    assert_eq!(o.ignored.len(), 1);
    assert_eq!(o.ignored[0].code, ReplyCode::Outdated);
    assert_eq!(o.ignored[0].line, Some(9), "the ATTENDEE's line");
    assert!(o.ignored[0].reason.contains("older"), "{}", o.ignored[0]);
    assert_eq!(m.to_json(), before);

    let o = m.apply_reply(&fixture("outlook-declined.ics")).unwrap();
    assert!(o.changes.is_empty());
    assert_eq!(o.ignored[0].code, ReplyCode::AlreadyApplied);
    assert_eq!(m.to_json(), before);

    // A higher SEQUENCE wins even with an older DTSTAMP (once the
    // invitation went out again with it).
    m.sequence = 1;
    let text = String::from_utf8(fixture("declined-older.ics"))
        .unwrap()
        .replace("SEQUENCE:0", "SEQUENCE:1");
    let o = m.apply_reply(text.as_bytes()).unwrap();
    assert!(o.ignored.is_empty(), "{:?}", o.ignored);
    let jonas = person(&m, "jonas.olafsen@lillestrom.kommune.no");
    assert_eq!(jonas.response(), Response::Accepted);
    assert_eq!(jonas.excuse(), None, "coming: the excuse is gone");
}

#[test]
fn the_record_of_replies_survives_the_document() {
    let mut m = meeting();
    m.apply_reply(&fixture("outlook-declined.ics")).unwrap();
    let mut again = Meeting::from_json(&m.to_json()).unwrap();
    assert_eq!(again.replies, m.replies);
    let o = again.apply_reply(&fixture("declined-older.ics")).unwrap();
    assert_eq!(o.ignored[0].code, ReplyCode::Outdated);
}

#[test]
fn not_a_reply_other_meeting_and_unknown_attendee_are_reported() {
    let mut m = meeting();
    let before = m.to_json();
    let o = m.apply_replies([
        fixture("request.ics"),
        fixture("other-meeting.ics"),
        fixture("unknown-attendee.ics"),
    ]);
    assert!(o.changes.is_empty());
    let got: Vec<(usize, ReplyCode)> = o.ignored.iter().map(|i| (i.reply, i.code)).collect();
    assert_eq!(
        got,
        vec![
            (0, ReplyCode::NotAReply),
            (1, ReplyCode::OtherMeeting),
            (2, ReplyCode::UnknownAttendee)
        ]
    );
    assert!(o.ignored[0].reason.contains("METHOD:REQUEST"));
    assert!(o.ignored[1].reason.contains(UID));
    assert_eq!(o.ignored[2].line, Some(8));
    assert_eq!(
        o.ignored[2].suggestion.as_deref(),
        Some("trond.haugen@drammen.kommune.no")
    );
    assert_eq!(m.to_json(), before);
}

#[test]
fn a_malformed_reply_is_an_error_with_its_line_and_changes_nothing() {
    let mut m = meeting();
    let before = m.to_json();
    // (An event without DTSTAMP is no longer one: it is applied, as
    // calendar servers do; see tests/calendar_servers.rs.)
    let e = m
        .apply_reply(&fixture("malformed-partstat.ics"))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReplyMalformed, "{e}");
    assert_eq!(e.kind_name(), "reply");
    assert_eq!(e.position().map(|p| p.line), Some(8), "{e}");
    assert!(e.to_string().contains("PARTSTAT"), "{e}");
    // In a batch, the same problems are reported and the rest applied.
    let o = m.apply_replies([
        fixture("malformed-partstat.ics"),
        fixture("google-accepted.ics"),
    ]);
    assert_eq!(o.ignored.len(), 1);
    assert_eq!(o.ignored[0].code, ReplyCode::ReplyMalformed);
    assert_eq!(o.ignored[0].line, Some(8));
    assert_eq!(o.changes.len(), 1);
    assert_ne!(m.to_json(), before);
}

#[test]
fn what_is_not_a_calendar_is_malformed_not_a_panic() {
    let mut m = meeting();
    for input in [
        &b""[..],
        b"hello",
        b"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n",
        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n",
        b"\xff\xfe\x00B",
        b"From: a@b.no\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/calendar\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64***\r\n--x--\r\n",
        b"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:2024\r\nATTENDEE:mailto:a@b.no\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20241101T120000Z\r\nSEQUENCE:-4\r\nATTENDEE:mailto:a@b.no\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ] {
        let e = m.apply_reply(input).unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReplyMalformed, "{input:?}: {e}");
    }
}

#[test]
fn limits_are_typed_errors() {
    let mut m = meeting();
    let head =
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20241101T120000Z\r\n";
    // 10 MB.
    let mut big = head.to_owned();
    while big.len() <= 10_000_000 {
        big.push_str("X-FILLER:0123456789012345678901234567890123456789012345678901234567\r\n");
    }
    let e = m.apply_reply(big.as_bytes()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReplyTooLarge);
    assert!(e.to_string().contains(&MAX_REPLY_BYTES.to_string()));
    // Thousands of attendees.
    let mut many = head.to_owned();
    for i in 0..MAX_REPLY_ATTENDEES + 500 {
        many.push_str(&format!("ATTENDEE;PARTSTAT=ACCEPTED:mailto:p{i}@x.no\r\n"));
    }
    many.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    let e = m.apply_reply(many.as_bytes()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReplyTooLarge);
    assert_eq!(
        e.position().map(|p| p.line),
        Some(5 + MAX_REPLY_ATTENDEES as u64 + 1)
    );
    // Components nested a thousand deep.
    let deep = format!("{}{}", "BEGIN:VCALENDAR\r\n", "BEGIN:X\r\n".repeat(1000));
    assert_eq!(
        m.apply_reply(deep.as_bytes()).unwrap_err().code(),
        ErrorCode::ReplyTooLarge
    );
    // MIME multiparts nested a thousand deep.
    let mut mime = String::from("From: a@b.no\r\n");
    for i in 0..1000 {
        mime.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n"
        ));
    }
    mime.push_str("Content-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    let e = m.apply_reply(mime.as_bytes()).unwrap_err();
    assert!(
        matches!(
            e.code(),
            ErrorCode::ReplyTooLarge | ErrorCode::ReplyMalformed
        ),
        "{e}"
    );
}

#[test]
fn a_copied_attendee_list_answers_only_for_the_one_who_answered() {
    let mut m = meeting();
    m.apply_reply(&fixture("outlook-declined.ics")).unwrap();
    let reply = format!(
        "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{UID}\r\nDTSTAMP:20241105T120000Z\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:trond.haugen@drammen.kommune.no\r\n\
         ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:jonas.olafsen@lillestrom.kommune.no\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let o = m.apply_reply(reply.as_bytes()).unwrap();
    assert_eq!(o.changes.len(), 1);
    assert_eq!(
        person(&m, "jonas.olafsen@lillestrom.kommune.no").response(),
        Response::Declined
    );
}

#[test]
fn the_response_summary_counts_every_answer() {
    let mut m = meeting();
    m.apply_replies([
        fixture("outlook-declined.ics"),
        fixture("google-accepted.ics"),
        fixture("apple-tentative.ics"),
        fixture("thunderbird-delegated.ics"),
    ]);
    let s = m.response_summary();
    assert_eq!(
        (
            s.invited,
            s.accepted,
            s.declined,
            s.tentative,
            s.delegated,
            s.needs_action
        ),
        (7, 1, 1, 1, 1, 3)
    );
    assert_eq!(
        s.not_answered,
        ["Trond Haugen", "Karoline Bakke", "Per Moe"]
    );
    assert!(s.to_json().contains("\"not_answered\":[\"Trond Haugen\""));
}

mod order {
    use super::*;
    use proptest::prelude::*;

    const PEOPLE: [&str; 5] = [
        "anne.kristine.feltman@baerum.kommune.no",
        "jonas.olafsen@lillestrom.kommune.no",
        "eysten.kleiven@fredrikstad.kommune.no",
        "siri.odegard@asker.kommune.no",
        "trond.haugen@drammen.kommune.no",
    ];
    const PARTSTATS: [&str; 5] = [
        "ACCEPTED",
        "DECLINED",
        "TENTATIVE",
        "NEEDS-ACTION",
        "DELEGATED",
    ];

    fn reply(who: usize, seq: u32, minute: u32, partstat: usize, comment: bool) -> Vec<u8> {
        let partstat = PARTSTATS[partstat];
        let delegate = if partstat == "DELEGATED" {
            // Written in another case by some clients: the same address.
            let domain = if seq % 2 == 1 {
                "Example.NO"
            } else {
                "example.no"
            };
            format!(";DELEGATED-TO=\"mailto:vara{who}@{domain}\"")
        } else {
            String::new()
        };
        let comment = if comment {
            format!("COMMENT:grunn {who} {minute}\r\n")
        } else {
            String::new()
        };
        format!(
            "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:{UID}\r\n\
             DTSTAMP:20241101T12{minute:02}00Z\r\nSEQUENCE:{seq}\r\n\
             ATTENDEE;PARTSTAT={partstat}{delegate}:MAILTO:{}\r\n{comment}\
             END:VEVENT\r\nEND:VCALENDAR\r\n",
            PEOPLE[who].to_uppercase()
        )
        .into_bytes()
    }

    fn state(m: &Meeting) -> (Vec<String>, String) {
        // Delegates are added in the order their delegations were
        // applied; who is on the roster, and with what, is the same.
        let mut people: Vec<String> = m
            .roster
            .iter()
            .map(|p| format!("{:?}", p.to_person()))
            .collect();
        people.sort();
        (people, serde_json::to_string(&m.replies).unwrap())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_order_of_replies_gives_the_same_roster(
            replies in proptest::collection::vec(
                (0..5usize, 0..3u32, 0..4u32, 0..5usize, any::<bool>()), 1..12),
            shuffle in any::<u64>(),
        ) {
            let inputs: Vec<Vec<u8>> = replies
                .iter()
                .map(|&(w, s, t, p, c)| reply(w, s, t, p, c))
                .collect();
            let mut reversed = inputs.clone();
            reversed.reverse();
            let mut shuffled = inputs.clone();
            // A cheap deterministic shuffle from the seed.
            let mut x = shuffle | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            // The invitation went out with SEQUENCE 2: the replies answer it
            // or an earlier one.
            let invited = || {
                let mut m = meeting();
                m.sequence = 2;
                m
            };
            let mut a = invited();
            a.apply_replies(&inputs);
            let mut b = invited();
            b.apply_replies(&reversed);
            let mut c = invited();
            for r in &shuffled {
                c.apply_reply(r).unwrap();
            }
            prop_assert_eq!(state(&a), state(&b));
            // One by one, an older reply that comes after a newer one
            // changes nothing, not even its delegation: the answers and
            // the record are the same, and the delegates are some of the
            // batch's.
            prop_assert_eq!(&state(&a).1, &state(&c).1);
            let answers = |m: &Meeting| -> Vec<String> {
                m.roster
                    .iter()
                    .filter(|p| p.substitute_for().is_none())
                    .map(|p| format!("{:?}", p.to_person()))
                    .collect()
            };
            prop_assert_eq!(answers(&a), answers(&c));
            let (all, _) = state(&a);
            for person in state(&c).0 {
                prop_assert!(all.contains(&person), "{person}");
            }
            // And applying them all again changes nothing.
            let again = a.apply_replies(&inputs);
            prop_assert!(again.changes.is_empty());
        }
    }
}
