//! Documents at the edges of what the model takes: every date from year 1
//! to 9999, every number to its type's end. Validation, every document,
//! the calendar and JSON must give a result, never a panic; dates beyond
//! the model's years are refused where they are read, with their path.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use roundtable::{
    norwegian_holidays, AgendaItem, Contribution, Document, ErrorCode, ErrorKind, Format,
    IcsOptions, ItemKind, Language, Meeting, MeetingPlan, MeetingTime, Method, Notice,
    RoundTableRules,
};

const FIRST: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
const DAYS: i64 = 3_652_058; // 0001-01-01 to 9999-12-31

fn day(offset: i64) -> NaiveDate {
    FIRST + Duration::days(offset)
}

/// Everything a meeting can be asked to produce.
fn exercise(m: &Meeting) {
    let _ = m.validate();
    for document in [Document::Notice, Document::Agenda, Document::Minutes] {
        for format in [Format::Markdown, Format::Html] {
            for language in [Language::Norwegian, Language::English] {
                let _ = m.render(document, format, language);
            }
        }
    }
    for method in [Method::Publish, Method::Request, Method::Cancel] {
        let _ = m.to_ics(&IcsOptions::default().with_method(method));
    }
    let back = Meeting::from_json(&m.to_json()).expect("a meeting reads back");
    assert_eq!(&back, m);
}

prop_compose! {
    fn edge_meeting()(
        start in 0..DAYS, minute in 0i64..1440, length in prop_oneof![Just(0i64), any::<i32>().prop_map(i64::from)],
        notice in proptest::option::of(0..DAYS),
        minutes_of in 0..DAYS,
        limit in proptest::option::of(any::<u32>()),
        days_after in prop_oneof![Just(0u32), Just(366u32), Just(u32::MAX), any::<u32>()],
        duration in proptest::option::of(any::<u32>()),
        submitted in proptest::option::of(0..DAYS),
        speaking in proptest::option::of(any::<u32>()),
    ) -> Option<Meeting> {
        let start = day(start).and_hms_opt(0, 0, 0)? + Duration::minutes(minute);
        let end = start.checked_add_signed(Duration::minutes(length))?;
        let time = MeetingTime::new(start, end, roundtable::Zone::OSLO).ok()?;
        let mut m = Meeting::new("edge", "Faggruppe", "Møte", time, "Oslo Rådhus");
        m.notice = notice.map(|d| Notice::new(day(d)));
        m.agenda.push(AgendaItem::new("1", "Referat", ItemKind::MinutesApproval {
            meeting_date: day(minutes_of),
            meeting_id: None,
        }));
        // Rules made by hand are not bounded as a document's are.
        let mut round = AgendaItem::new("2", "Runde rundt bordet", ItemKind::RoundTable(RoundTableRules {
            speaking_limit_minutes: limit,
            submission_days_after: days_after,
        }));
        round.duration_minutes = duration;
        m.agenda.push(round);
        let mut c = Contribution::new("Bærum kommune", "- tekst");
        c.submitted_at = submitted.map(|d| Utc.from_utc_datetime(&day(d).and_hms_opt(12, 0, 0).unwrap()).fixed_offset());
        c.speaking_minutes = speaking;
        m.contributions.push(c);
        Some(m)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn meetings_across_every_range_never_panic(m in edge_meeting()) {
        let Some(mut m) = m else { return Ok(()) };
        // JSON refuses what the model cannot write back; keep the bound
        // the reader keeps so that the round trip holds.
        exercise_unbounded(&m);
        if let ItemKind::RoundTable(rules) = &mut m.agenda[1].kind {
            rules.submission_days_after = rules.submission_days_after.min(366);
        }
        exercise(&m);
    }

    #[test]
    fn holidays_of_any_year_never_panic(year in any::<i32>()) {
        let days = norwegian_holidays(year);
        prop_assert!(days.is_empty() || days.len() == 12);
        prop_assert_eq!((1..=9999).contains(&year), !days.is_empty());
    }

    #[test]
    fn plans_over_any_dates_never_panic(dates in proptest::collection::vec(0..DAYS, 0..4), length in any::<i32>()) {
        let start = day(DAYS / 2).and_hms_opt(12, 0, 0).unwrap();
        let Some(end) = start.checked_add_signed(Duration::minutes(i64::from(length))) else { return Ok(()) };
        let Ok(time) = MeetingTime::new(start, end, roundtable::Zone::OSLO) else { return Ok(()) };
        let template = Meeting::new("plan", "Faggruppe", "Møte", time, "Oslo Rådhus");
        let dates: Vec<NaiveDate> = dates.into_iter().map(day).collect();
        match MeetingPlan::build(&template, &dates) {
            Ok(plan) => {
                let _ = plan.validate();
                let _ = plan.render(Format::Html, Language::English);
                let _ = plan.to_ics(&IcsOptions::default());
            }
            Err(e) => prop_assert!(matches!(e.kind(), ErrorKind::DateOutOfRange { .. }
                | ErrorKind::NonexistentLocalTime { .. } | ErrorKind::AmbiguousLocalTime { .. }), "{e}"),
        }
    }
}

/// Validation and the documents, on a rule past the document's bounds.
fn exercise_unbounded(m: &Meeting) {
    let _ = m.validate();
    let _ = m.render(Document::Minutes, Format::Markdown, Language::Norwegian);
    let _ = m.render(Document::Notice, Format::Html, Language::English);
}

#[test]
fn a_meeting_after_year_9999_is_refused_with_its_field() {
    let start = NaiveDate::from_ymd_opt(10_000, 1, 1)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let err = MeetingTime::new(start, start, roundtable::Zone::UTC).unwrap_err();
    assert_eq!(err.code(), ErrorCode::TimeOutOfRange);
    assert_eq!(err.path(), Some("start"));
    assert!(err.to_string().contains("10000-01-01"), "{err}");
}

#[test]
fn a_plan_whose_meetings_would_end_after_9999_is_refused() {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let end = NaiveDate::from_ymd_opt(9000, 1, 1)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let template = Meeting::new(
        "p",
        "B",
        "T",
        MeetingTime::new(start, end, roundtable::Zone::UTC).unwrap(),
        "V",
    );
    let err =
        MeetingPlan::build(&template, &[NaiveDate::from_ymd_opt(5000, 1, 1).unwrap()]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::TimeOutOfRange);
}

#[test]
fn a_long_meeting_writes_its_calendar_in_bounded_time() {
    // From 2024 to 9999: the time zone is looked up around the two ends,
    // not for every hour between (that took minutes).
    let start = NaiveDate::from_ymd_opt(2024, 11, 7)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let end = NaiveDate::from_ymd_opt(9999, 12, 31)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    let m = Meeting::new(
        "long",
        "B",
        "T",
        MeetingTime::new(start, end, roundtable::Zone::OSLO).unwrap(),
        "V",
    );
    let ics = m.to_ics(&IcsOptions::default()).unwrap();
    assert!(
        ics.contains("DTEND;TZID=Europe/Oslo:99991231T120000"),
        "{ics}"
    );
    assert!(
        ics.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
        "{ics}"
    );
}

/// The byte rules of RFC 5545: every line ends in CRLF, no other CR or LF,
/// no line over 75 octets.
fn assert_byte_rules(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    for line in ics.split_terminator("\r\n") {
        assert!(
            !line.contains(['\r', '\n']),
            "a bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
}

fn address() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,8}@[a-z]{1,8}\\.no",
        "[a-z]{1,5}\r\nATTENDEE:mailto:x@evil\\.no\r\n[a-z]{1,3}@a\\.no",
        "\"[a-z\r\n\u{b} ]{1,6}\"@[a-z]{1,5}\\.no",
        "[\\PC\r\n\u{b}]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Whatever the addresses and the papers' link hold, the calendar keeps
    /// the byte rules, and each ATTENDEE is one roster person with a valid
    /// address.
    #[test]
    fn hostile_addresses_and_links_cannot_inject_lines(
        contact in address(),
        people in proptest::collection::vec(address(), 0..5),
        url in "[\\PC\r\n\u{b}]{0,30}",
    ) {
        let m = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/seed-meeting.json")).unwrap();
        let mut m = m;
        if let Some(c) = m.notice.as_mut().and_then(|n| n.contact.as_mut()) {
            c.email = Some(contact.clone());
        }
        if let Some(p) = m.papers.as_mut() {
            p.url = url;
        }
        let mut roster = roundtable::Roster::new();
        for (i, email) in people.iter().enumerate() {
            let mut p = roundtable::Person::new(format!("P{i}"), "X", "Org");
            p.email = Some(email.clone());
            roster.push(p);
        }
        m.roster = roster;
        for method in [Method::Publish, Method::Request] {
            match m.to_ics(&IcsOptions::default().with_method(method)) {
                Ok(ics) => {
                    assert_byte_rules(&ics);
                    let unfolded = ics.replace("\r\n ", "");
                    let attendees: Vec<&str> = unfolded.split("\r\n").filter(|l| l.starts_with("ATTENDEE")).collect();
                    let valid: Vec<&String> = people.iter().filter(|e| roundtable::check_email(e.trim()).is_none() && !e.trim().contains(|c: char| c.is_control() || c.is_whitespace())).collect();
                    if method == Method::Request {
                        prop_assert_eq!(attendees.len(), valid.len());
                        for (line, email) in attendees.iter().zip(&valid) {
                            prop_assert!(line.ends_with(&format!("mailto:{}", email.trim())), "{} for {:?}", line, email);
                        }
                    } else {
                        prop_assert!(attendees.is_empty());
                    }
                }
                Err(e) => prop_assert_eq!(e.kind_name(), "calendar"),
            }
        }
    }
}

/// The headings of a Markdown text as a CommonMark reader sees them, and
/// whether it holds raw HTML.
fn structure(markdown: &str) -> (Vec<(u8, String)>, bool) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut headings = Vec::new();
    let mut current: Option<(u8, String)> = None;
    let mut html = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level as u8, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => html = true,
            _ => {}
        }
    }
    (headings, html)
}

#[test]
fn hostile_text_cannot_change_the_structure_of_the_markdown_minutes() {
    let mut m = Meeting::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/seed-meeting.json"
    ))
    .unwrap();
    let clean = m.render(Document::Minutes, Format::Markdown, Language::Norwegian);
    let (want, _) = structure(&clean);
    let bodies = [
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
        "```\nan unclosed fence swallows the rest",
        "Title\n===\n\nSub\n---",
        "## Sak 9. Fake item\n\n<!-- an unclosed comment",
        "   # indented heading\n> # quoted heading\n- # listed heading",
    ];
    for (c, body) in m.contributions.iter_mut().zip(bodies) {
        c.body = body.to_owned();
    }
    m.body = "Faggruppe\n# Fake title".to_owned();
    m.location.venue = "Rådhus\n## Sak 9".to_owned();
    m.agenda[2].decision = Some("Vedtatt.\n## Sak 10\n\n    code".to_owned());
    let hostile = m.render(Document::Minutes, Format::Markdown, Language::Norwegian);
    let (got, html) = structure(&hostile);
    assert!(!html, "raw HTML in the Markdown minutes:\n{hostile}");
    // The document's own headings (levels 1–3) are exactly those of the
    // clean minutes, the title on one line; members' headings sit below.
    let own = |list: &[(u8, String)]| -> Vec<(u8, String)> {
        list.iter().filter(|(l, _)| *l <= 3).cloned().collect()
    };
    let mut want_own = own(&want);
    want_own[0].1 = "Referat fra møte i Faggruppe # Fake title".to_owned();
    assert_eq!(own(&got), want_own, "\n{hostile}");
    assert_eq!(
        got.last().map(|h| h.1.as_str()),
        Some("Sak 5. Eventuelt"),
        "\n{hostile}"
    );
    assert!(
        got.iter().any(|(l, t)| *l >= 4 && t == "Sak 9. Fake item"),
        "{got:?}"
    );
}

#[test]
fn formula_headers_and_full_width_formulas_are_guarded_and_come_back() {
    let csv = "Fornavn;Etternavn;=HYPERLINK(\"x\");Notat\nAnne;Huse;a;＝1+1\nDag;Aanensen;b;\u{a0}@SUM(A1)\n";
    let first = roundtable::Roster::from_csv_bytes(csv.as_bytes(), &Default::default()).unwrap();
    let out = first.roster.to_csv(&Default::default());
    let header = out.lines().next().unwrap();
    assert!(header.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{header}");
    assert!(out.contains(";'＝1+1"), "{out}");
    let back = roundtable::Roster::from_csv_bytes(out.as_bytes(), &Default::default()).unwrap();
    assert_eq!(back.roster, first.roster);
}

#[test]
fn a_header_pasted_again_mid_file_is_reported_not_imported() {
    let csv = "Fornavn;Etternavn;Organisasjon\nAnne;Huse;Kongsvingerregionen\nFornavn;Etternavn;Organisasjon\nDag;Aanensen;Drammensregionen\n";
    for mode in [
        roundtable::ImportMode::Lenient,
        roundtable::ImportMode::Strict,
    ] {
        let import = roundtable::Roster::from_csv_bytes(
            csv.as_bytes(),
            &roundtable::ImportOptions::default().with_mode(mode),
        )
        .unwrap();
        let names: Vec<String> = import.roster.iter().map(|p| p.full_name()).collect();
        assert_eq!(names, ["Anne Huse", "Dag Aanensen"]);
        assert_eq!(import.problems.len(), 1);
        assert_eq!(
            (
                import.problems.get(0).unwrap().line(),
                import.problems.get(0).unwrap().code().as_str()
            ),
            (3, "import.repeated_header")
        );
    }
}

#[test]
fn more_than_65535_extra_columns_are_all_kept() {
    let n = 70_000;
    let mut header = String::from("Fornavn;Etternavn");
    let mut row = String::from("Anne;Huse");
    for i in 0..n {
        header.push_str(&format!(";K{i}"));
        row.push_str(&format!(";v{i}"));
    }
    let csv = format!("{header}\n{row}\n");
    let import = roundtable::Roster::from_csv_bytes(csv.as_bytes(), &Default::default()).unwrap();
    let anne = import.roster.get(0).unwrap();
    assert_eq!(anne.extras().count(), n);
    assert_eq!(anne.extra("K69999"), Some("v69999"));
    let out = import.roster.to_csv(&Default::default());
    let back = roundtable::Roster::from_csv_bytes(out.as_bytes(), &Default::default()).unwrap();
    assert_eq!(back.roster, import.roster);
}

#[test]
fn thousands_of_repeated_header_names_get_numbered() {
    let n = 5_000;
    let header = format!("Fornavn;Etternavn{}", ";Notat".repeat(n));
    let csv = format!("{header}\nAnne;Huse{}\n", ";x".repeat(n));
    let import = roundtable::Roster::from_csv_bytes(csv.as_bytes(), &Default::default()).unwrap();
    let names: Vec<&str> = import.header.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names[2], "Notat");
    assert_eq!(names[3], "Notat (2)");
    assert_eq!(names[n + 1], format!("Notat ({n})"));
}

#[test]
fn rows_after_blank_lines_are_reported_at_their_own_line() {
    for end in ["\n", "\r\n", "\r"] {
        let csv = [
            "Fornavn;Etternavn;E-post",
            "",
            "Anne;Huse;a@b.no",
            "",
            "",
            "Dag;Aanensen;bad",
            "",
        ]
        .join(end);
        let import =
            roundtable::Roster::from_csv_bytes(csv.as_bytes(), &Default::default()).unwrap();
        let lines: Vec<(u64, &str)> = import
            .problems
            .iter()
            .map(|p| (p.line(), p.code().as_str()))
            .collect();
        assert_eq!(lines, [(6, "roster.email")], "line ends {end:?}");
    }
}

#[test]
fn line_numbers_are_the_same_for_any_thread_count() {
    let mut csv = String::from("Fornavn;Etternavn;E-post\n");
    for i in 0..90_000 {
        csv.push_str(&format!("P{i};X;p{i}@x.no\n"));
        if i % 997 == 0 {
            csv.push_str("\n\n");
        }
        if i % 9_973 == 0 {
            csv.push_str(&format!("Bad{i};X;bad\n"));
        }
    }
    let run = |threads| {
        let options = roundtable::ImportOptions::default().with_threads(threads);
        let import = roundtable::Roster::from_csv_bytes(csv.as_bytes(), &options).unwrap();
        import
            .problems
            .iter()
            .map(|p| p.line())
            .collect::<Vec<u64>>()
    };
    let one = run(1);
    let physical: Vec<u64> = csv
        .lines()
        .enumerate()
        .filter(|(_, l)| l.ends_with(";bad"))
        .map(|(i, _)| i as u64 + 1)
        .collect();
    assert_eq!(one, physical);
    for threads in [2, 3, 8] {
        assert_eq!(run(threads), one, "{threads} threads");
    }
}

#[test]
fn one_windows_1252_line_in_a_utf8_file_garbles_nothing_else() {
    let mut bytes = "Fornavn;Etternavn;Organisasjon\nØyvind;Såtvedt;Oslo kommune\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"Kj\xe6rsti;Bj\xf8rnstad;Asker kommune\n");
    bytes.extend_from_slice("Åse;Ærlig;Bærum kommune\n".as_bytes());
    let dir = std::env::temp_dir().join(format!("roundtable-mixed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mixed.csv");
    std::fs::write(&path, &bytes).unwrap();
    for import in [
        roundtable::Roster::from_csv_bytes(&bytes, &Default::default()).unwrap(),
        roundtable::Roster::from_csv_path(&path, &Default::default()).unwrap(),
    ] {
        let names: Vec<String> = import.roster.iter().map(|p| p.full_name()).collect();
        assert_eq!(names, ["Øyvind Såtvedt", "Kjærsti Bjørnstad", "Åse Ærlig"]);
        let problems: Vec<(u64, &str)> = import
            .problems
            .iter()
            .map(|p| (p.line(), p.code().as_str()))
            .collect();
        assert_eq!(problems, [(3, "import.mixed_encoding")]);
        assert_eq!(import.encoding.name(), "utf-8");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unclosed_quote_loses_no_row_and_stops_a_strict_import_where_it_opened() {
    let mut csv = String::from("Fornavn;Etternavn;Organisasjon\n");
    for i in 0..200 {
        if i == 50 {
            csv.push_str("Kari;Nordmann;\"Bærum kommune\n");
        } else {
            csv.push_str(&format!("P{i};X;Org {i}\n"));
        }
    }
    let lenient = roundtable::Roster::from_csv_bytes(csv.as_bytes(), &Default::default()).unwrap();
    assert_eq!(lenient.roster.len(), 200, "every row kept");
    let kari = lenient.roster.get(50).unwrap();
    assert_eq!(
        (kari.given_name(), kari.organisation()),
        ("Kari", "\"Bærum kommune")
    );
    assert_eq!(lenient.roster.get(199).unwrap().given_name(), "P199");
    let problems: Vec<(u64, &str)> = lenient
        .problems
        .iter()
        .map(|p| (p.line(), p.code().as_str()))
        .collect();
    assert_eq!(problems, [(52, "import.unclosed_quote")]);

    let strict = roundtable::ImportOptions::default().with_mode(roundtable::ImportMode::Strict);
    let err = roundtable::Roster::from_csv_bytes(csv.as_bytes(), &strict).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnclosedQuote);
    assert_eq!(err.position().unwrap().line, 52);

    // A quoted value over two lines, as spreadsheets write notes, is not one.
    let notes = "Fornavn;Etternavn;Notat\nAnne;Huse;\"første linje\nandre linje\"\nDag;Aanensen;\n";
    let import = roundtable::Roster::from_csv_bytes(notes.as_bytes(), &Default::default()).unwrap();
    assert!(import.problems.is_empty(), "{:?}", import.problems);
    assert_eq!(
        import.roster.get(0).unwrap().extra("Notat"),
        Some("første linje\nandre linje")
    );
}

#[test]
fn a_nul_in_a_value_survives_export_and_import() {
    let mut roster = roundtable::Roster::new();
    let mut p = roundtable::Person::new("Anne", "Huse", "Kongsvinger\0regionen");
    p.extra.insert("Notat".into(), "a\0b".into());
    roster.push(p);
    roster.push(roundtable::Person::new(
        "Dag",
        "Aanensen",
        "Drammensregionen",
    ));
    let csv = roster.to_csv(&Default::default());
    let back = roundtable::Roster::from_csv_bytes(csv.as_bytes(), &Default::default()).unwrap();
    assert_eq!(back.roster, roster);
    // A picture renamed .csv stays binary.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    let err = roundtable::Roster::from_csv_bytes(png, &Default::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ImportBinary);
}

/// A large file in Windows-1252, and one of UTF-8 with lines of it, read as
/// streams in parts: the same people, problems and encoding for any thread
/// count, from bytes and from a path, and the same as the text decoded
/// whole first.
#[test]
fn windows_1252_streams_in_parts_as_if_decoded_whole() {
    let mut utf8 = String::from("Fornavn;Etternavn;Organisasjon;E-post;Notat\r\n");
    for i in 0..40_000 {
        let note = if i % 1_000 == 0 {
            "\"to\r\nlinjer; «sitat»\""
        } else {
            "€ 12"
        };
        let email = if i % 777 == 0 { "feil" } else { "a@b.no" };
        utf8.push_str(&format!(
            "Kjærsti {i};Bjørnstad;Bærum kommune;{email};{note}\r\n"
        ));
    }
    let (cp1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(&utf8);
    assert!(!lossy);
    // UTF-8 throughout but for every 5,000th line.
    let mut mixed = Vec::new();
    let mut odd_lines = Vec::new();
    for (n, line) in utf8.split_inclusive('\n').enumerate() {
        if n % 5_000 == 4_999 {
            mixed.extend_from_slice(&encoding_rs::WINDOWS_1252.encode(line).0);
            odd_lines.push((n as u64 + 1, line.trim_end().to_owned()));
        } else {
            mixed.extend_from_slice(line.as_bytes());
        }
    }
    let dir = std::env::temp_dir().join(format!("roundtable-1252-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let reference =
        roundtable::Roster::from_csv_bytes(utf8.as_bytes(), &Default::default()).unwrap();
    assert_eq!(reference.roster.len(), 40_000);
    for (name, bytes, encoding) in [
        ("cp1252", &cp1252[..], "windows-1252"),
        ("mixed", &mixed[..], "utf-8"),
    ] {
        assert!(bytes.len() > 1 << 20, "large enough to be split");
        let path = dir.join(format!("{name}.csv"));
        std::fs::write(&path, bytes).unwrap();
        for threads in [1, 2, 3, 8] {
            let options = roundtable::ImportOptions::default().with_threads(threads);
            for import in [
                roundtable::Roster::from_csv_bytes(bytes, &options).unwrap(),
                roundtable::Roster::from_csv_path(&path, &options).unwrap(),
            ] {
                let context = format!("{name}, {threads} threads");
                assert_eq!(import.roster, reference.roster, "{context}");
                assert_eq!(import.encoding.name(), encoding, "{context}");
                let odd: Vec<(u64, String)> = import
                    .problems
                    .iter()
                    .filter(|p| p.code().as_str() == "import.mixed_encoding")
                    .map(|p| (p.line(), p.value().to_owned()))
                    .collect();
                let others: Vec<_> = import
                    .problems
                    .iter()
                    .filter(|p| p.code().as_str() != "import.mixed_encoding")
                    .map(|p| p.into_owned())
                    .collect();
                assert_eq!(others, reference.problems, "{context}");
                if name == "mixed" {
                    assert_eq!(odd, odd_lines, "{context}");
                } else {
                    assert!(odd.is_empty(), "{context}");
                }
            }
        }
    }
    // Given as Windows-1252, streamed in parts too.
    let path = dir.join("cp1252.csv");
    for threads in [1, 3] {
        let options = roundtable::ImportOptions::default()
            .with_threads(threads)
            .with_encoding(roundtable::TextEncoding::Windows1252);
        let import = roundtable::Roster::from_csv_path(&path, &options).unwrap();
        assert_eq!(import.roster, reference.roster, "{threads} threads");
        assert_eq!(import.problems, reference.problems, "{threads} threads");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A large file with many duplicates (common names repeated, in other
/// cases and spacing) and bad values: the same problems, in the same order,
/// for any thread count — the duplicates are finished and reported in
/// shares when there are threads — and the same duplicates as the roster's
/// own rule finds.
#[test]
fn duplicates_are_the_same_for_any_thread_count() {
    let mut csv = String::from("Fornavn;Etternavn;Organisasjon;E-post;Rolle\n");
    let given = ["Kari", "Ola", "Anne Kristine", "Øyvind", "Åse"];
    let family = ["Nordmann", "Huse", "Sætre", "Bjørnstad"];
    let orgs = ["Bærum kommune", "Asker kommune", "Oslo kommune"];
    for i in 0..120_000usize {
        let (g, f, o) = if i % 3 == 0 {
            // Common: repeats of a few dozen people, written differently.
            (
                given[i % 5].to_owned(),
                family[i % 4].to_owned(),
                orgs[i % 3],
            )
        } else {
            (format!("P{i}"), family[i % 4].to_owned(), orgs[i % 3])
        };
        let g = if i % 7 == 0 { g.to_uppercase() } else { g };
        let email = if i % 11 == 0 { "feil@" } else { "a@b.no" };
        let role = if i % 13 == 0 { "Rådgiver" } else { "medlem" };
        csv.push_str(&format!("{g};  {f} ;{o};{email};{role}\n"));
    }
    // Every problem kept, to compare them all; and as kept by default.
    let run_with = |threads, limit| {
        let options = roundtable::ImportOptions::default()
            .with_threads(threads)
            .with_max_problems_per_code(limit);
        roundtable::Roster::from_csv_bytes(csv.as_bytes(), &options).unwrap()
    };
    let run = |threads| run_with(threads, usize::MAX);
    let one = run(1);
    let bounded = run_with(1, 1000);
    let duplicates = one
        .problems
        .iter()
        .filter(|p| p.code().as_str() == "roster.duplicate_person")
        .count();
    assert_eq!(duplicates, one.roster.duplicates().len());
    assert!(duplicates > 30_000, "{duplicates}");
    assert!(one
        .problems
        .iter()
        .zip(one.problems.iter().skip(1))
        .all(|(a, b)| a.line() <= b.line()));
    for threads in [2, 3, 8] {
        let import = run(threads);
        assert_eq!(import.roster, one.roster, "{threads} threads");
        assert_eq!(import.problems, one.problems, "{threads} threads");
        let import = run_with(threads, 1000);
        assert_eq!(import.problems, bounded.problems, "{threads} threads");
        assert_eq!(import.summary(), bounded.summary(), "{threads} threads");
    }
}

/// A file given as Windows-1252 with an unclosed quote, imported leniently:
/// repaired in memory from the decoded text, which is not decoded twice.
#[test]
fn a_windows_1252_file_with_an_unclosed_quote_is_decoded_once() {
    let mut csv = String::from("Fornavn;Etternavn;Organisasjon\n");
    for i in 0..50 {
        if i == 20 {
            csv.push_str("Kjærsti;Bjørnstad;\"Bærum kommune\n");
        } else {
            csv.push_str(&format!("Åse {i};Ærlig;Asker kommune\n"));
        }
    }
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&csv);
    assert!(!lossy);
    for options in [
        roundtable::ImportOptions::default(),
        roundtable::ImportOptions::default().with_encoding(roundtable::TextEncoding::Windows1252),
    ] {
        let import = roundtable::Roster::from_csv_bytes(&bytes, &options).unwrap();
        assert_eq!(import.roster.len(), 50);
        assert_eq!(
            import.roster.get(20).unwrap().full_name(),
            "Kjærsti Bjørnstad"
        );
        assert_eq!(import.roster.get(0).unwrap().full_name(), "Åse 0 Ærlig");
        assert_eq!(import.encoding.name(), "windows-1252");
        let codes: Vec<&str> = import.problems.iter().map(|p| p.code().as_str()).collect();
        assert_eq!(codes, ["import.unclosed_quote"]);
    }
}
