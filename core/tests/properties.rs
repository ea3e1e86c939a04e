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
            let problem_lines = import.problems.iter().map(|p| p.line);
            let max_line = text.split(['\n', '\r']).count() as u64;
            for line in problem_lines {
                prop_assert!(line >= 1 && line <= max_line, "line {} of {}", line, max_line);
            }
        }
    }
}
