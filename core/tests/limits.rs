//! Bounded under load (issue 28): every reader stops at its limit with the
//! limit's typed error, never reading an input whole first.

use roundtable::{
    ErrorCode, ErrorKind, ImportOptions, JsonCategory, Meeting, ProblemCode, Roster,
    MAX_DOCUMENT_BYTES,
};

#[test]
fn a_document_over_the_limit_is_refused_before_it_is_read_whole() {
    // /dev/zero never ends: the reader stops one byte past the limit.
    let e = Meeting::load("/dev/zero").unwrap_err();
    assert_eq!(e.code(), ErrorCode::JsonTooLarge);
    assert!(matches!(
        e.kind(),
        ErrorKind::Json {
            category: JsonCategory::TooLarge,
            ..
        }
    ));
    assert!(e.to_string().contains("MAX_DOCUMENT_BYTES"), "{e}");
    // The same from bytes, at the line and column where the limit falls.
    let mut text = b"{\n".to_vec();
    text.resize(MAX_DOCUMENT_BYTES + 1, b' ');
    let e = Meeting::from_json_slice(&text).unwrap_err();
    assert_eq!(e.code(), ErrorCode::JsonTooLarge);
    let p = e.position().unwrap();
    assert_eq!((p.line, p.column), (2, (MAX_DOCUMENT_BYTES - 1) as u64));
    // At the limit it is read (and is not a meeting).
    text.truncate(MAX_DOCUMENT_BYTES);
    assert_eq!(
        Meeting::from_json_slice(&text).unwrap_err().code(),
        ErrorCode::JsonEof
    );
}

#[test]
fn a_reply_dated_outside_the_years_1_to_9999_is_refused_and_the_document_stays_readable() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/replies/meeting.json"
    );
    let reply = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/replies/outlook-declined.ics"
    ))
    .unwrap();
    let stamp = reply
        .lines()
        .find(|l| l.starts_with("DTSTAMP"))
        .unwrap()
        .to_owned();
    for bad in ["DTSTAMP:00000101T000000Z", "DTSTAMP:99991231T235959-1400"] {
        let mut m = Meeting::load(path).unwrap();
        let e = m
            .apply_reply(reply.replace(&stamp, bad).as_bytes())
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::ReplyMalformed, "{bad}");
        assert!(e.to_string().contains("outside the years 1 to 9999"), "{e}");
        // Nothing entered the document, which reads back.
        assert!(m.replies.is_empty());
        Meeting::from_json(&m.to_json()).unwrap();
    }
    // The last instant of year 9999 in UTC is taken (and from the future).
    let mut m = Meeting::load(path).unwrap();
    let outcome = m
        .apply_reply(reply.replace(&stamp, "DTSTAMP:99991231T235959Z").as_bytes())
        .unwrap();
    assert_eq!(outcome.ignored[0].code.as_str(), "reply.future_dtstamp");
}

fn archive_meeting() -> serde_json::Value {
    serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/data/archive/meeting.json"
        ))
        .unwrap(),
    )
    .unwrap()
}

fn xml_of(m: &Meeting) -> String {
    let p = m
        .to_archive(roundtable::ArchiveKind::MoeteMappe, &Default::default())
        .unwrap();
    String::from_utf8(p.messages[0].bytes.clone()).unwrap()
}

#[test]
fn a_number_the_archive_schema_cannot_hold_is_refused_naming_its_field() {
    let mut v = archive_meeting();
    v["agenda"][1]["archive"]["sequence"] = 4_294_967_295u32.into();
    let m = Meeting::from_json(&v.to_string()).unwrap();
    for kind in [
        roundtable::ArchiveKind::MoeteMappe,
        roundtable::ArchiveKind::Arkivmelding,
    ] {
        let e = m.to_archive(kind, &Default::default()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidArgument);
        let text = e.to_string();
        assert!(
            text.contains("agenda[1]") && text.contains("4294967295"),
            "{text}"
        );
        assert!(text.contains("2147483647"), "{text}");
    }
    // The largest the schema holds is written.
    v["agenda"][1]["archive"]["sequence"] = 2_147_483_647u32.into();
    let m = Meeting::from_json(&v.to_string()).unwrap();
    assert!(xml_of(&m).contains("<moetesakssekvensnummer>2147483647<"));
    // The notice's reference, read as a case number.
    let mut v = archive_meeting();
    v["notice"]["our_reference"] = "24/3000000000-1".into();
    let m = Meeting::from_json(&v.to_string()).unwrap();
    let e = m
        .to_archive(roundtable::ArchiveKind::Arkivmelding, &Default::default())
        .unwrap_err();
    assert!(e.to_string().contains("notice.our_reference"), "{e}");
}

#[test]
fn local_mean_time_is_written_as_the_same_instant_in_utc() {
    // Offsets xs:dateTime cannot carry: seconds (Oslo until 1895) and
    // beyond ±14:00 (Sitka until 1867, Manila until 1844).
    for (zone, day, utc_end) in [
        ("Europe/Oslo", "1850-06-01", "1850-06-01T12:06:32Z"),
        ("America/Sitka", "1860-06-01", "1860-05-31T22:01:13Z"),
        ("Asia/Manila", "1800-06-01", "1800-06-02T04:56:08Z"),
    ] {
        let mut v = archive_meeting();
        v["time"] = serde_json::json!({
            "zone": zone,
            "start": format!("{day}T12:00:00"),
            "end": format!("{day}T13:00:00"),
        });
        v["notice"]["date"] = day.into();
        let m = Meeting::from_json(&v.to_string()).unwrap();
        let xml = xml_of(&m);
        assert!(
            xml.contains(&format!("<opprettetDato>{utc_end}</opprettetDato>")),
            "{zone}: {}",
            xml.lines().find(|l| l.contains("opprettetDato")).unwrap()
        );
    }
}

#[test]
fn a_calendar_in_cr_lines_or_utf16_is_read_as_the_text_it_is() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/replies/meeting.json"
    );
    let ics = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/replies/outlook-declined.ics"
    ))
    .unwrap()
    .replace("\r\n", "\n");
    let utf16 = |big: bool, bom: bool| {
        let mut out = Vec::new();
        if bom {
            out.extend(if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
        }
        for unit in ics.encode_utf16() {
            out.extend(if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    };
    for (what, bytes) in [
        ("CR lines", ics.replace('\n', "\r").into_bytes()),
        ("UTF-16LE with BOM", utf16(false, true)),
        ("UTF-16BE with BOM", utf16(true, true)),
        ("UTF-16LE", utf16(false, false)),
        ("UTF-16BE", utf16(true, false)),
    ] {
        let mut m = Meeting::load(path).unwrap();
        let outcome = m.apply_reply(&bytes).unwrap();
        assert_eq!(outcome.changes.len(), 2, "{what}: {outcome:?}");
        assert_eq!(
            outcome.changes[0].after.as_deref(),
            Some("declined"),
            "{what}"
        );
    }
    // A folded property name: its problems point at its first line.
    let mut m = Meeting::load(path).unwrap();
    let folded = ics
        .replace("ATTENDEE", "ATTEN\r\n DEE")
        .replace("MAILTO:Jonas", "MAILTO:xJonas");
    let at = ics.lines().position(|l| l.starts_with("ATTENDEE")).unwrap() as u64 + 1;
    let outcome = m
        .apply_reply_with(
            folded.as_bytes(),
            &roundtable::ApplyOptions::new().with_sender("xjonas.olafsen@lillestrom.kommune.no"),
        )
        .unwrap();
    assert_eq!(outcome.ignored[0].code.as_str(), "reply.unknown_attendee");
    assert_eq!(outcome.ignored[0].line, Some(at));
}

#[test]
fn a_lone_row_with_an_empty_field_more_is_shifted_unless_the_file_ends_rows_so() {
    use roundtable::{ImportOptions, ProblemCode, Roster};
    // An HR export: an unquoted "Oslo kommune; Bydel Frogner" shifts the
    // row by one, and its empty phone makes the extra field empty.
    let hr = "Fornavn;Etternavn;Organisasjon;Rolle;E-post;Telefon\n\
              Kari;Nordmann;Bærum kommune;Medlem;kari@baerum.kommune.no;22334455\n\
              Ola;Hansen;Oslo kommune; Bydel Frogner;Medlem;ola@oslo.kommune.no;\n\
              Per;Berg;Asker kommune;Leder;per@asker.kommune.no;\n";
    let import = Roster::from_csv_bytes(hr.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(import.roster.len(), 2);
    let problems: Vec<(u64, ProblemCode)> = import
        .problems
        .iter()
        .map(|p| (p.line(), p.code()))
        .collect();
    assert_eq!(problems, [(3, ProblemCode::ExtraFields)]);
    assert!(import
        .roster
        .iter()
        .all(|p| p.email().is_none_or(|e| e.contains('@'))));
    // A file whose every row ends with a delimiter: that is its habit.
    let trailing =
        "Fornavn;Etternavn;Organisasjon\nKari;Nordmann;Bærum;\nOla;Hansen;Oslo;\nPer;Berg;Asker;\n";
    let import = Roster::from_csv_bytes(trailing.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(import.roster.len(), 3);
    assert!(import.problems.is_empty());
}

/// A row with six problems, `i` making each row's values its own.
fn six_problem_row(i: usize) -> String {
    format!(
        "Kari;Nordmann;kari{i}@@example.no;Rådgiver {i};+47 abc {i};kanskje {i};nja {i};=cmd{i}\n"
    )
}

const SIX_PROBLEM_HEADER: &str = "Fornavn;Etternavn;E-post;Rolle;Telefon;Oppmøte;Svar;Notat\n";

#[test]
fn an_import_keeps_the_first_problems_of_each_code_and_counts_them_all() {
    // Over a megabyte: read in two parts when two threads may.
    let rows = 15_000;
    let mut csv = String::from(SIX_PROBLEM_HEADER);
    for i in 0..rows {
        csv.push_str(&six_problem_row(i));
    }
    let unbounded = ImportOptions::default().with_max_problems_per_code(usize::MAX);
    let all = Roster::from_csv_bytes(csv.as_bytes(), &unbounded).unwrap();
    let per_row = all.problems.len() / rows;
    assert!(
        per_row >= 5,
        "{per_row} problems a row: {:?}",
        all.summary()
    );
    for threads in [1, 2] {
        let options = ImportOptions::default()
            .with_max_problems_per_code(100)
            .with_threads(threads);
        let import = Roster::from_csv_bytes(csv.as_bytes(), &options).unwrap();
        let codes = import.problems.counts().count();
        assert!(import.problems.len() <= 100 * codes);
        // The counts are exact, and the ones kept are the first of each
        // code, in file order, as the unbounded import has them.
        assert_eq!(
            import.problems.counts().collect::<Vec<_>>(),
            all.problems.counts().collect::<Vec<_>>()
        );
        for (code, n) in all.problems.counts() {
            let kept: Vec<_> = import
                .problems
                .iter()
                .filter(|p| p.code() == code)
                .collect();
            let first: Vec<_> = all
                .problems
                .iter()
                .filter(|p| p.code() == code)
                .take(100)
                .collect();
            assert_eq!(kept, first, "{code}");
            let summary = import.summary();
            assert_eq!(summary.problems[&code], n as u64);
            assert_eq!(
                summary.not_kept.get(&code).copied().unwrap_or(0),
                n.saturating_sub(100) as u64
            );
        }
        assert!(import.summary().to_json().contains("\"not_kept\":{"));
        assert_eq!(import.roster, all.roster);
    }
    // The default keeps a thousand of each; an import with fewer says
    // nothing of what was not kept.
    let default = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(default.problems.count(ProblemCode::RosterEmail), rows);
    assert_eq!(
        default
            .problems
            .iter()
            .filter(|p| p.code() == ProblemCode::RosterEmail)
            .count(),
        roundtable::DEFAULT_PROBLEMS_PER_CODE
    );
    let few = Roster::from_csv_bytes(
        format!("{SIX_PROBLEM_HEADER}{}", six_problem_row(1)).as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(few.summary().not_kept.is_empty());
    assert!(!few.summary().to_json().contains("not_kept"));
}

#[test]
fn rows_skipped_past_the_limit_are_uncounted_with_their_problems() {
    // Rows without a name are skipped, and only that is reported of them:
    // their other problems, kept or only counted, are not counted either.
    let mut csv = String::from(SIX_PROBLEM_HEADER);
    for i in 0..300 {
        csv.push_str(&six_problem_row(i));
        csv.push_str(&format!(";;x{i}@@example.no;Rådgiver;abc;kanskje;nja;=x\n"));
        csv.push_str(&format!("Ola;Extra;ola{i}@example.no;medlem;;;;;a;b\n"));
    }
    let options = ImportOptions::default().with_max_problems_per_code(10);
    let import = Roster::from_csv_bytes(csv.as_bytes(), &options).unwrap();
    let all = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(
        import.problems.counts().collect::<Vec<_>>(),
        all.problems.counts().collect::<Vec<_>>()
    );
    assert_eq!(import.problems.count(ProblemCode::RosterEmail), 300);
    assert_eq!(import.problems.count(ProblemCode::RosterEmptyName), 300);
    assert_eq!(import.problems.count(ProblemCode::ExtraFields), 300);
    assert_eq!(import.skipped, all.skipped);
}

const REPLY_MEETING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/data/replies/meeting.json"
);
const OURS: &str = "osloregionen-naering-2024-11-07@roundtable";

/// A VEVENT of a reply: `uid`, an extra line (`RECURRENCE-ID`, or none),
/// and one attendee's answer.
fn vevent(uid: &str, extra: &str, partstat: &str, address: &str) -> String {
    format!(
        "BEGIN:VEVENT\r\nUID:{uid}\r\n{extra}DTSTAMP:20241102T081500Z\r\n\
         ATTENDEE;PARTSTAT={partstat}:mailto:{address}\r\nEND:VEVENT\r\n"
    )
}

fn calendar(events: &[String]) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\n{}END:VCALENDAR\r\n",
        events.concat()
    )
}

fn ignored_codes(outcome: &roundtable::ReplyOutcome) -> Vec<(&'static str, Option<u64>)> {
    outcome
        .ignored
        .iter()
        .map(|i| (i.code.as_str(), i.line))
        .collect()
}

#[test]
fn every_event_of_a_reply_is_read_and_each_not_applied_is_reported() {
    let anne = "anne.kristine.feltman@baerum.kommune.no";
    // Another meeting's event first: the reply was all other_meeting, and
    // the answer after it vanished.
    let text = calendar(&[
        vevent("040000008200E00074C5B7101A82E008", "", "DECLINED", anne),
        vevent(OURS, "", "ACCEPTED", anne),
        vevent(OURS, "RECURRENCE-ID:20241205T110000Z\r\n", "DECLINED", anne),
        "BEGIN:VEVENT\r\nDTSTAMP:20241102T081500Z\r\nEND:VEVENT\r\n".to_owned(),
    ]);
    let mut m = Meeting::load(REPLY_MEETING).unwrap();
    let outcome = m.apply_reply(text.as_bytes()).unwrap();
    assert_eq!(outcome.changes.len(), 1, "{outcome:?}");
    assert_eq!(
        outcome.changes[0].to_string(),
        "Anne Kristine Feltman: response needs_action → accepted"
    );
    assert_eq!(
        ignored_codes(&outcome),
        [
            ("reply.other_meeting", Some(4)),
            ("reply.other_occurrence", Some(14)),
            ("reply.malformed", Some(20)),
        ]
    );
    // The occurrence at the meeting's own start is the meeting.
    let at_start = calendar(&[vevent(
        OURS,
        "RECURRENCE-ID:20241107T110000Z\r\n",
        "DECLINED",
        "trond.haugen@drammen.kommune.no",
    )]);
    let outcome = m.apply_reply(at_start.as_bytes()).unwrap();
    assert_eq!(outcome.changes.len(), 1, "{outcome:?}");
    // Nothing readable at all is still an error.
    let bad = calendar(&["BEGIN:VEVENT\r\nDTSTAMP:20241102T081500Z\r\nEND:VEVENT\r\n".to_owned()]);
    assert_eq!(
        m.apply_reply(bad.as_bytes()).unwrap_err().code(),
        ErrorCode::ReplyMalformed
    );
}

#[test]
fn a_bare_calendar_spreading_answers_over_events_answers_for_nobody() {
    // One attendee an event: each event alone has one answering person,
    // the calendar three.
    let text = calendar(&[
        vevent(
            OURS,
            "",
            "DECLINED",
            "anne.kristine.feltman@baerum.kommune.no",
        ),
        vevent(OURS, "", "DECLINED", "jonas.olafsen@lillestrom.kommune.no"),
        vevent(OURS, "", "DECLINED", "trond.haugen@drammen.kommune.no"),
    ]);
    let mut m = Meeting::load(REPLY_MEETING).unwrap();
    let before = m.clone();
    let outcome = m.apply_reply(text.as_bytes()).unwrap();
    assert!(outcome.changes.is_empty(), "{outcome:?}");
    assert!(outcome
        .ignored
        .iter()
        .all(|i| i.code.as_str() == "reply.several_attendees"));
    assert_eq!(m, before);
}

#[test]
fn every_calendar_part_of_an_e_mail_is_read() {
    let anne = "anne.kristine.feltman@baerum.kommune.no";
    let part = |body: &str, name: &str| {
        format!(
            "--b\r\nContent-Type: text/calendar; charset=UTF-8; method=REPLY\r\n\
             Content-Disposition: attachment; filename={name}\r\n\r\n{body}"
        )
    };
    let other = calendar(&[vevent("another-meeting@example.com", "", "DECLINED", anne)]);
    let ours = calendar(&[vevent(OURS, "", "TENTATIVE", anne)]);
    let message = format!(
        "From: Anne Kristine Feltman <{anne}>\r\nTo: karoline.bakke@osloregionen.no\r\n\
         Subject: Svar\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n\
         {}{}{}--b--\r\n",
        part(&other, "a.ics"),
        part(&ours, "b.ics"),
        // The same text again (inline and attached, as Outlook sends it):
        // read once.
        part(&ours, "invite.ics"),
    );
    let mut m = Meeting::load(REPLY_MEETING).unwrap();
    let outcome = m.apply_reply(message.as_bytes()).unwrap();
    assert_eq!(outcome.changes.len(), 1, "{outcome:?}");
    assert_eq!(ignored_codes(&outcome), [("reply.other_meeting", Some(4))]);
    assert!(outcome.ignored[0].in_message);
    // In a batch, the same.
    let mut batch = Meeting::load(REPLY_MEETING).unwrap();
    let outcome = batch.apply_replies([message.as_bytes()]);
    assert_eq!(outcome.changes.len(), 1);
    assert_eq!(batch, m);
}
