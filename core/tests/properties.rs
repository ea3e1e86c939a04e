//! Property tests of the roster import and export, with case counts small
//! enough for a 2-core CI.

use proptest::prelude::*;
use roundtable::{
    Attendance, ExportOptions, HeaderLanguage, ImportMode, ImportOptions, Person, Role, Roster,
    TextEncoding,
};
use unicode_normalization::UnicodeNormalization;

/// Text as the importer leaves it: NFC, trimmed, not empty.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{1,12}",
        "[=+@'\\-\t][\\PC\t\r\n;,\"]{0,8}",
        "[a-zæøåA-ZÆØÅ ,;\"\r\n]{1,12}",
    ]
    .prop_map(|s| s.nfc().collect::<String>().trim().to_owned())
    .prop_filter("not empty", |s| !s.is_empty())
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![
        Just(Role::Member),
        Just(Role::Chair),
        Just(Role::Secretary),
        Just(Role::Guest),
        Just(Role::Observer)
    ]
}

fn attendance() -> impl Strategy<Value = Attendance> {
    prop_oneof![
        Just(Attendance::Invited),
        Just(Attendance::Present),
        Just(Attendance::Excused),
        Just(Attendance::Absent)
    ]
}

fn person() -> impl Strategy<Value = Person> {
    (
        value(),
        value(),
        prop_oneof![Just(String::new()), value()],
        proptest::option::of("[a-z]{1,8}(\\.[a-z]{1,8})?@[a-z]{1,8}\\.(no|com)"),
        proptest::option::of(prop_oneof![
            "[2-9][0-9]{7}",
            "\\+47 [2-9][0-9]{2} [0-9]{2} [0-9]{3}",
            "\\+46[1-9][0-9]{8}"
        ]),
        role(),
        attendance(),
        proptest::collection::btree_map("Ekstra [a-zæøå]{1,6}", value(), 0..3),
    )
        .prop_map(
            |(given, family, organisation, email, phone, role, attendance, extra)| {
                let mut p = Person::new(given, family, organisation);
                p.email = email;
                p.phone = phone;
                p.role = role;
                p.attendance = attendance;
                p.extra = extra;
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `import(export(r))` equals `r`, in both delimiters and languages.
    #[test]
    fn export_then_import_is_the_identity(
        people in proptest::collection::vec(person(), 1..8),
        comma in any::<bool>(),
        english in any::<bool>(),
    ) {
        let roster: Roster = people.into();
        let options = ExportOptions::default()
            .with_delimiter(if comma { b',' } else { b';' })
            .with_language(if english { HeaderLanguage::English } else { HeaderLanguage::Norwegian });
        let csv = roster.to_csv(&options);
        let back = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default().with_mode(ImportMode::Strict));
        let back = back.map_err(|e| TestCaseError::fail(format!("{e}\n{csv}")))?;
        prop_assert_eq!(&back.roster, &roster, "{}", csv);
    }

    /// Arbitrary bytes with arbitrary options give a roster or a typed
    /// error; never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..600),
        strict in any::<bool>(),
        encoding in proptest::option::of(0..4usize),
        delimiter in proptest::option::of(any::<u8>()),
    ) {
        let mut options = ImportOptions::default()
            .with_mode(if strict { ImportMode::Strict } else { ImportMode::Lenient });
        if let Some(e) = encoding {
            options = options.with_encoding([TextEncoding::Utf8, TextEncoding::Utf16Le, TextEncoding::Utf16Be, TextEncoding::Windows1252][e]);
        }
        if let Some(d) = delimiter {
            options = options.with_delimiter(d);
        }
        if let Ok(import) = Roster::from_csv_bytes(&bytes, &options) {
            // Whatever came in is accounted for: people or problems.
            prop_assert!(import.rows_read as usize >= import.roster.len());
        }
    }

    /// CSV-shaped noise behind a real header reaches the row checks.
    #[test]
    fn csv_shaped_noise_never_panics(
        body in "[a-zæøA-Z0-9@.+ ;,\t\"\r\n']{0,300}",
        strict in any::<bool>(),
    ) {
        let text = format!("Fornavn;Etternavn;E-post;Telefon;Rolle\n{body}");
        let options = ImportOptions::default()
            .with_mode(if strict { ImportMode::Strict } else { ImportMode::Lenient });
        if let Ok(import) = Roster::from_csv_bytes(text.as_bytes(), &options) {
            let problem_lines = import.problems.iter().map(|p| p.line());
            let max_line = text.split(['\n', '\r']).count() as u64;
            for line in problem_lines {
                prop_assert!(line >= 1 && line <= max_line, "line {} of {}", line, max_line);
            }
        }
    }
}

// ------------------------------------------------------------- meetings

use chrono::{NaiveDate, TimeZone, Utc};
use roundtable::{
    AgendaItem, Code, Contribution, Document, Format, IcsOptions, ItemKind, Language, Meeting,
    MeetingTime, Notice, RoundTableRules,
};

/// Any text at all, control characters included.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,20}",
        "[\\x00-\\x7f]{0,20}",
        "[a-zæøå#*\\-:\\n\\r\\t<>\\[\\]()]{0,40}"
    ]
}

fn kind() -> impl Strategy<Value = ItemKind> {
    prop_oneof![
        Just(ItemKind::NoticeApproval),
        (1i64..800).prop_map(|d| ItemKind::MinutesApproval {
            meeting_date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(d),
            meeting_id: None
        }),
        Just(ItemKind::Proposal),
        Just(ItemKind::Information),
        (proptest::option::of(0u32..10), 0u32..4).prop_map(|(l, d)| ItemKind::RoundTable(
            RoundTableRules {
                speaking_limit_minutes: l,
                submission_days_after: d
            }
        )),
        Just(ItemKind::AnyOtherBusiness),
    ]
}

prop_compose! {
    fn meeting()(
        zone in prop_oneof![Just(roundtable::Zone::OSLO), Just(roundtable::Zone::UTC), Just(roundtable::Zone::get("America/New_York").unwrap())],
        day in 0i64..800, start_minute in 0i64..(24 * 60), length in -60i64..600,
        notice in proptest::option::of(-30i64..30),
        title in any_text(), venue in any_text(),
        items in proptest::collection::vec((any_text(), any_text(), kind(), proptest::option::of(0u32..120), proptest::option::of(any_text())), 0..5),
        people in proptest::collection::vec(person(), 0..4),
        contributions in proptest::collection::vec((any_text(), any_text(), proptest::option::of("[0-9a-z]{1,3}"), proptest::option::of(-100i64..5000), proptest::option::of(0u32..20)), 0..4),
    ) -> Option<Meeting> {
        let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(day);
        let start = date.and_hms_opt(0, 0, 0).unwrap() + chrono::Duration::minutes(start_minute);
        // Times the zone skips or repeats are refused by MeetingTime; such
        // cases are left out here and tested on their own.
        let time = MeetingTime::new(start, start + chrono::Duration::minutes(length), zone).ok()?;
        let mut m = Meeting::new("m", "Faggruppe", title, time, venue);
        m.notice = notice.map(|d| Notice::new(date + chrono::Duration::days(d)));
        for (number, title, kind, duration, decision) in items {
            let mut item = AgendaItem::new(number, title, kind);
            item.duration_minutes = duration;
            item.decision = decision;
            m.agenda.push(item);
        }
        m.roster = people.into();
        for (from, body, item, minutes, speaking) in contributions {
            let mut c = Contribution::new(from, body);
            c.item = item;
            c.submitted_at = minutes.map(|x| (Utc.from_utc_datetime(&start) + chrono::Duration::minutes(x)).fixed_offset());
            c.speaking_minutes = speaking;
            m.contributions.push(c);
        }
        Some(m)
    }
}

/// Unfolds an iCalendar text and unescapes the TEXT value of `name`.
fn text_property(ics: &str, name: &str) -> Option<String> {
    let unfolded = ics.replace("\r\n ", "");
    let line = unfolded
        .split("\r\n")
        .find(|l| l.starts_with(&format!("{name}:")))?;
    let raw = &line[name.len() + 1..];
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// to_json(from_json(x)) == x for any meeting.
    #[test]
    fn json_round_trip_of_arbitrary_meetings(m in meeting()) {
        let Some(m) = m else { return Ok(()) };
        let back = Meeting::from_json(&m.to_json());
        prop_assert!(back.is_ok(), "{:?}", back.err());
        prop_assert_eq!(back.unwrap(), m);
    }

    /// Validation, rendering and the calendar file never panic, and the
    /// calendar keeps its byte rules: no line over 75 octets, CRLF only,
    /// and unfolding and unescaping give the text back.
    #[test]
    fn validation_rendering_and_calendar_never_panic(m in meeting()) {
        let Some(m) = m else { return Ok(()) };
        let report = m.validate();
        for f in report.findings() {
            prop_assert_eq!(f.severity, f.code.severity());
        }
        for document in [Document::Notice, Document::Agenda, Document::Minutes] {
            for format in [Format::Markdown, Format::Html] {
                let out = m.render(document, format, Language::Norwegian);
                if format == Format::Html {
                    prop_assert!(!out.contains("<script"));
                }
            }
        }
        let stamp = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let ics = m.to_ics(&IcsOptions::default().with_dtstamp(stamp)).unwrap();
        prop_assert!(ics.ends_with("\r\n"));
        for line in ics.as_bytes().split(|b| *b == b'\n') {
            prop_assert!(line.len() <= 76, "{} octets", line.len());
            prop_assert!(std::str::from_utf8(line).is_ok(), "a line splits a character");
        }
        prop_assert!(!ics.replace("\r\n", "").contains(['\r', '\n']));
        let expected: String = m.title.trim().replace("\r\n", "\n").replace('\r', "\n")
            .chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{FFFD}' } else { c }).collect();
        prop_assert_eq!(text_property(&ics, "SUMMARY"), Some(expected));
    }

    /// A person typed again in NFD, other case and spacing is one person;
    /// and what the import stores is NFC and stays so.
    #[test]
    fn duplicates_are_found_under_nfc_nfd_and_case(given in "[A-Za-zÆØÅæøåÉé ]{1,12}", family in "[A-Za-zÆØÅæøåÉé\\-]{1,12}") {
        let given = given.trim().to_owned();
        prop_assume!(!given.is_empty());
        let first = Person::new(given.clone(), family.clone(), "Bærum kommune");
        let variant = Person::new(
            format!(" {} ", given.nfd().collect::<String>().to_uppercase()),
            family.nfd().collect::<String>().to_lowercase(),
            " bærum  KOMMUNE".nfd().collect::<String>(),
        );
        let mut m = Meeting::new("m", "b", "t", MeetingTime::new(
            NaiveDate::from_ymd_opt(2024, 11, 7).unwrap().and_hms_opt(12, 0, 0).unwrap(),
            NaiveDate::from_ymd_opt(2024, 11, 7).unwrap().and_hms_opt(13, 0, 0).unwrap(),
            roundtable::Zone::OSLO).unwrap(), "v");
        m.roster = vec![first, variant].into();
        let dups: Vec<_> = m.validate().with_code(Code::RosterDuplicatePerson).map(|f| f.path.clone()).collect();
        prop_assert_eq!(dups, vec!["roster[1]".to_owned()]);

        let csv = format!("Fornavn;Etternavn\n{};{}\n", given.nfd().collect::<String>(), family.nfd().collect::<String>());
        let import = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default()).unwrap();
        let stored = import.roster.get(0).unwrap().given_name().to_owned();
        prop_assert_eq!(&stored, &given.nfc().collect::<String>());
        prop_assert_eq!(stored.nfc().collect::<String>(), stored.clone(), "NFC is idempotent");
    }
}
