//! Roster import from the files people really have, and export back.
//!
//! Text fixtures are committed as written by hand under
//! `tests/data/import/`; binary ones (UTF-16, Windows-1252, a PNG) are
//! written by `binary_fixtures` below, and a test keeps the committed files
//! equal to it (`ROUNDTABLE_WRITE_FIXTURES=1 cargo test --test import`
//! rewrites them).

use roundtable::{
    Attendance, Error, ErrorKind, ExportOptions, Field, HeaderLanguage, ImportMode, ImportOptions,
    Person, ProblemCode, Role, Roster, RosterImport, TextEncoding,
};

fn data(name: &str) -> String {
    format!("{}/../tests/data/import/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn seed_tsv() -> String {
    format!(
        "{}/../tests/data/roster-seed.tsv",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn lenient() -> ImportOptions {
    ImportOptions::default()
}

fn strict() -> ImportOptions {
    ImportOptions::default().with_mode(ImportMode::Strict)
}

fn load(name: &str) -> RosterImport {
    Roster::from_csv_path(data(name), &lenient()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn import_err(name: &str, options: &ImportOptions) -> Error {
    match Roster::from_csv_path(data(name), options) {
        Ok(i) => panic!("{name}: expected an error, got {} people", i.roster.len()),
        Err(e) => e,
    }
}

fn names(r: &Roster) -> Vec<String> {
    r.iter().map(|p| p.full_name()).collect()
}

/// The seed roster's rows as UTF-8 text, CRLF line ends.
fn seed_rows() -> String {
    std::fs::read_to_string(seed_tsv())
        .unwrap()
        .replace('\n', "\r\n")
}

fn binary_fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let utf16 = |big: bool, text: &str| {
        let mut out = if big {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let bytes = if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&bytes);
        }
        out
    };
    let cp1252 = |text: &str| {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    };
    let semicolons = seed_rows().replace('\t', ";");
    // A lone high surrogate on line 3 of an otherwise good UTF-16LE file.
    let mut bad16 = utf16(false, "Fornavn\tEtternavn\r\nAnne\tHuse\r\n");
    bad16.extend_from_slice(&0xD800u16.to_le_bytes());
    bad16.extend_from_slice(&utf16(false, "x\tY\r\n")[2..]);
    vec![
        ("utf16le-bom.txt", utf16(false, &seed_rows())),
        ("utf16be-bom.txt", utf16(true, &seed_rows())),
        ("windows-1252.csv", cp1252(&semicolons)),
        ("utf16le-bad-surrogate.txt", bad16),
        (
            "png-renamed.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde".to_vec(),
        ),
    ]
}

#[test]
fn binary_fixtures_are_fresh() {
    let write = std::env::var_os("ROUNDTABLE_WRITE_FIXTURES").is_some();
    for (name, bytes) in binary_fixtures() {
        if write {
            std::fs::write(data(name), &bytes).unwrap();
        }
        let committed = std::fs::read(data(name)).unwrap_or_default();
        assert!(committed == bytes, "{name} differs from its generator");
    }
}

fn assert_is_seed(import: &RosterImport) {
    let r = &import.roster;
    assert_eq!(r.len(), 45);
    let names = names(r);
    assert!(names.contains(&"Anne Kristine Feltman".to_owned()));
    assert!(names.contains(&"Jonas Vårum Olafsen".to_owned()));
    assert!(names.contains(&"Øyvind Såtvedt".to_owned()));
    assert!(names.contains(&"Vibeke Buraas Dyrnes".to_owned()));
    let feltman = r.iter().find(|p| p.family_name() == "Feltman").unwrap();
    assert_eq!(feltman.given_name(), "Anne Kristine");
    assert_eq!(feltman.organisation(), "Bærum kommune");
    assert_eq!(
        r.get(0).unwrap().given_name(),
        "Anna",
        "no byte-order mark on the first value"
    );
    assert!(import.problems.is_empty(), "{:?}", import.problems);
}

#[test]
fn the_seed_roster_imports_whole() {
    let import = Roster::from_csv_path(seed_tsv(), &strict()).unwrap();
    assert_is_seed(&import);
    assert_eq!(import.delimiter, b'\t');
    assert_eq!(import.encoding, TextEncoding::Utf8);
    let fields: Vec<Option<Field>> = import.header.iter().map(|h| h.field).collect();
    assert_eq!(
        fields,
        [
            Some(Field::GivenName),
            Some(Field::FamilyName),
            Some(Field::Organisation)
        ]
    );
    // The seed meeting document holds the same people.
    let meeting = roundtable::Meeting::load(format!(
        "{}/../tests/data/seed-meeting.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert_eq!(import.roster, meeting.roster);
}

#[test]
fn the_page_break_blank_lines_are_skipped_and_lines_still_count() {
    let import = load("seed-pagebreak.tsv");
    assert_is_seed(&import);
    assert_eq!(import.rows_read, 45);
    // A bad row after the break is reported with its physical line.
    let text = std::fs::read_to_string(data("seed-pagebreak.tsv")).unwrap();
    let broken = text.replacen("Eysten\tKleiven", "\tKleiven\textra", 1);
    let line = broken
        .lines()
        .position(|l| l.starts_with("\tKleiven"))
        .unwrap() as u64
        + 1;
    let err = Roster::from_csv_bytes(broken.as_bytes(), &strict()).unwrap_err();
    assert_eq!(err.position().unwrap().line, line);
}

#[test]
fn every_encoding_imports_the_seed() {
    for (name, encoding) in [
        ("utf16le-bom.txt", TextEncoding::Utf16Le),
        ("utf16be-bom.txt", TextEncoding::Utf16Be),
        ("windows-1252.csv", TextEncoding::Windows1252),
    ] {
        let import = load(name);
        assert_eq!(import.encoding, encoding, "{name}");
        assert_is_seed(&import);
        // The same through bytes and a reader, and with the encoding given.
        let bytes = std::fs::read(data(name)).unwrap();
        assert_eq!(
            Roster::from_csv_bytes(&bytes, &lenient()).unwrap().roster,
            import.roster
        );
        assert_eq!(
            Roster::from_csv_reader(&bytes[..], &lenient())
                .unwrap()
                .roster,
            import.roster
        );
        let explicit = lenient().with_encoding(encoding);
        assert_eq!(
            Roster::from_csv_path(data(name), &explicit).unwrap().roster,
            import.roster
        );
    }
    let import = load("utf8-bom.csv");
    assert_eq!(
        import.header[0].name, "Fornavn",
        "the BOM does not stick to the header"
    );
    assert_eq!(import.roster.get(0).unwrap().given_name(), "Øyvind");
    assert_eq!(import.roster.get(1).unwrap().family_name(), "Håltøm");
}

#[test]
fn an_explicit_encoding_that_does_not_fit_names_the_line() {
    // Windows-1252 bytes read as UTF-8: the first æøå is on line 4
    // ("Anne;Solheim;Oslo kommune - Byrådsavdelingene").
    let err = import_err(
        "windows-1252.csv",
        &lenient().with_encoding(TextEncoding::Utf8),
    );
    match err.kind() {
        ErrorKind::Decode { encoding, line, .. } => {
            assert_eq!(*encoding, "utf-8");
            assert_eq!(*line, 4);
        }
        other => panic!("{other:?}"),
    }
    let bytes = std::fs::read(data("windows-1252.csv")).unwrap();
    let err =
        Roster::from_csv_bytes(&bytes, &lenient().with_encoding(TextEncoding::Utf8)).unwrap_err();
    assert_eq!(err.position().unwrap().line, 4);
    assert!(
        err.to_string().contains("line 4 is not valid utf-8"),
        "{err}"
    );

    let err = import_err("utf16le-bad-surrogate.txt", &lenient());
    match err.kind() {
        ErrorKind::Decode { encoding, line, .. } => assert_eq!((*encoding, *line), ("utf-16le", 3)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_decoding_error_names_the_line_its_problems_would() {
    // Lone CRs end lines, for a decoding error as for the import's
    // problems: the bad byte stands on line 3 (it was counted by LFs
    // alone, and named line 1).
    let bytes = b"Fornavn;Etternavn;Organisasjon\rAnne;Solheim;Oslo\rKari;Nordmann;B\xe6rum\r";
    let err =
        Roster::from_csv_bytes(bytes, &lenient().with_encoding(TextEncoding::Utf8)).unwrap_err();
    match err.kind() {
        ErrorKind::Decode { encoding, line, .. } => assert_eq!((*encoding, *line), ("utf-8", 3)),
        other => panic!("{other:?}"),
    }
    // The same file, decodable, reports its third line's problem on line 3.
    let good = Roster::from_csv_bytes(
        b"Fornavn;Etternavn;Organisasjon;E-post\rAnne;Solheim;Oslo;\rKari;Nordmann;B;ikke-en-adresse\r",
        &lenient(),
    )
    .unwrap();
    let lines: Vec<u64> = good.problems.iter().map(|p| p.line()).collect();
    assert!(lines.contains(&3), "{lines:?}");
}

#[test]
fn delimiters_quotes_and_line_ends() {
    let import = load("comma-quoted.csv");
    assert_eq!(import.delimiter, b',');
    let r = &import.roster;
    assert_eq!(r.len(), 4);
    assert_eq!(r.get(0).unwrap().organisation(), "Bærum kommune, Næring");
    assert_eq!(r.get(0).unwrap().extra("Notes"), Some("Says \"hei\""));
    assert_eq!(
        r.get(1).unwrap().extra("Notes"),
        Some("Line one\nline two\nline three")
    );
    assert_eq!(r.get(2).unwrap().extra("Notes"), Some("semi;colon\ttab"));
    assert_eq!(r.get(3).unwrap().extra("Notes"), None);

    for name in ["cr-line-ends.csv", "crlf.csv"] {
        let import = load(name);
        assert_eq!(import.delimiter, b';', "{name}");
        assert_eq!(
            names(&import.roster),
            ["Anne Huse", "Asbjørn Flo", "Toril Lislien"],
            "{name}"
        );
    }
    assert_eq!(
        load("crlf.csv").roster.get(1).unwrap().organisation(),
        "Asker\r\nkommune"
    );

    // An explicit delimiter wins over sniffing.
    let text = "Fornavn|Etternavn\nAnne|Huse\n";
    let import = Roster::from_csv_bytes(text.as_bytes(), &lenient().with_delimiter(b'|')).unwrap();
    assert_eq!(names(&import.roster), ["Anne Huse"]);
}

#[test]
fn lines_after_multi_line_fields_are_physical_lines() {
    // Line 8 holds a quoted value over two lines; the row after it starts
    // on line 10.
    let import = load("bad-rows.csv");
    let lines: Vec<(u64, &str)> = import
        .problems
        .iter()
        .map(|p| (p.line(), p.code().as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (3, "roster.empty_name"),
            (4, "import.extra_fields"),
            (5, "roster.email"),
            (6, "roster.phone"),
            (7, "import.unknown_value"),
            (10, "roster.email"),
            (10, "roster.phone"),
            // One empty field more, in a file whose other rows end
            // without a delimiter: shifted.
            (11, "import.extra_fields"),
        ]
    );
    // Everyone with a name is kept; the row without one and the shifted
    // rows are skipped, and counted.
    assert_eq!(
        names(&import.roster),
        [
            "Anne Huse",
            "Dag Aanensen",
            "Eli Bryhni",
            "Erik Unaas",
            "Gina Finsrud",
            "Hanne Løkka",
        ]
    );
    assert_eq!(import.rows_read, 9);
    let summary = import.summary();
    assert_eq!(summary.people + summary.skipped.values().sum::<u64>(), 9);
}

#[test]
fn headers_in_norwegian_and_english_any_order_case_and_accents() {
    let import = load("english-headers.csv");
    let r = &import.roster;
    let eysten = r.get(0).unwrap();
    assert_eq!(
        (
            eysten.given_name(),
            eysten.family_name(),
            eysten.organisation()
        ),
        ("Eysten", "Kleiven", "Fredrikstad kommune")
    );
    assert_eq!(
        eysten.email(),
        Some("eysten.kleiven@fredrikstad.kommune.no")
    );
    assert_eq!(eysten.phone(), Some("+47 412 03 424"));
    assert_eq!(
        (eysten.role(), eysten.attendance()),
        (Role::Chair, Attendance::Present)
    );
    assert_eq!(
        eysten.extras().collect::<Vec<_>>(),
        [("Department", "Næring")]
    );
    assert_eq!(eysten.title(), Some("Rådgiver"));
    let fredrik = r.get(1).unwrap();
    assert_eq!(fredrik.attendance(), Attendance::Excused);
    assert_eq!(
        fredrik.extra("Department"),
        None,
        "an empty extra cell is no attribute"
    );
    assert_eq!(r.get(2).unwrap().role(), Role::Observer);
    assert!(import.problems.is_empty(), "{:?}", import.problems);

    let import = load("norwegian-values.csv");
    let r = &import.roster;
    assert_eq!(import.header[0].name, "FORNAVN");
    assert_eq!(import.header[6].field, Some(Field::Attendance));
    let roles: Vec<(Role, Attendance)> = r.iter().map(|p| (p.role(), p.attendance())).collect();
    assert_eq!(
        roles,
        [
            (Role::Secretary, Attendance::Present),
            (Role::Chair, Attendance::Excused),
            (Role::Guest, Attendance::Absent)
        ]
    );
}

#[test]
fn one_name_column_is_split_on_the_last_word_or_the_comma() {
    let import = load("full-name.csv");
    let parts: Vec<(&str, &str, &str)> = import
        .roster
        .iter()
        .map(|p| (p.given_name(), p.family_name(), p.organisation()))
        .collect();
    assert_eq!(
        parts,
        [
            ("Anne Kristine", "Feltman", "Bærum kommune"),
            ("Jonas Vårum", "Olafsen", "Lillestrøm kommune"),
            ("", "Cher", "Frogn kommune"),
        ]
    );
    let import = load("single-column-name.csv");
    assert_eq!(
        names(&import.roster),
        ["Anne Kristine Feltman", "Jonas Vårum Olafsen"]
    );
}

#[test]
fn a_header_without_a_name_column_is_an_error_listing_expected_and_found() {
    for (name, found) in [
        (
            "no-name-column.csv",
            vec!["Organisasjon", "E-post", "Telefon"],
        ),
        ("single-column-other.csv", vec!["Organisasjon"]),
    ] {
        let err = import_err(name, &lenient());
        match err.kind() {
            ErrorKind::NoNameColumn {
                line,
                expected,
                found: got,
            } => {
                assert_eq!(*line, 1);
                assert!(expected.contains(&"Fornavn + Etternavn") && expected.contains(&"Name"));
                assert_eq!(got, &found);
            }
            other => panic!("{name}: {other:?}"),
        }
        assert!(err.to_string().contains("\"Organisasjon\""), "{err}");
    }
}

#[test]
fn extra_and_repeated_columns_are_kept_under_their_names() {
    let import = load("duplicate-extra-headers.csv");
    let anne = import.roster.get(0).unwrap();
    assert_eq!(anne.phone(), Some("41203424"));
    assert_eq!(
        anne.extras().collect::<Vec<_>>(),
        [
            ("Notat", "første"),
            ("Notat (2)", "andre"),
            ("column 5", "tredje"),
            ("Mobil", "98765432")
        ]
    );
}

#[test]
fn values_are_trimmed_and_nfc() {
    let import = load("nfd-values.csv");
    let p = import.roster.get(0).unwrap();
    assert_eq!(p.family_name(), "Håltøm");
    assert_eq!(p.family_name().chars().count(), 6, "precomposed å");
    assert_eq!(import.roster.get(1).unwrap().given_name(), "Øyvind");
}

#[test]
fn strict_mode_stops_at_the_first_bad_row_with_its_place() {
    let err = import_err("bad-rows.csv", &strict());
    match err.kind() {
        ErrorKind::Csv {
            line,
            column,
            column_name,
            code,
            ..
        } => {
            assert_eq!((*line, *column, code.as_str()), (3, 1, "roster.empty_name"));
            assert_eq!(column_name.as_deref(), Some("Fornavn"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.position().unwrap().line, 3);
    // Each kind of bad row alone.
    let header = "Fornavn;Etternavn;Organisasjon;E-post;Telefon;Rolle\n";
    for (row, want_code, want_column, want_value) in [
        (
            "Arve;Vannebo;Holmestrand kommune;;;;overflow;more",
            "import.extra_fields",
            7,
            "overflow;more",
        ),
        (
            "Dag;Aanensen;Drammensregionen;dag(at)drammen.no;;",
            "roster.email",
            4,
            "dag(at)drammen.no",
        ),
        (
            "Eli;Bryhni;Hamar;; 4120 342 ;",
            "roster.phone",
            5,
            " 4120 342 ",
        ),
    ] {
        let text = format!("{header}Anne;Huse;Kongsvingerregionen;;;\n{row}\n");
        let err = Roster::from_csv_bytes(text.as_bytes(), &strict()).unwrap_err();
        match err.kind() {
            ErrorKind::Csv {
                line,
                column,
                code,
                value,
                ..
            } => {
                assert_eq!(
                    (*line, *column, code.as_str()),
                    (3, want_column, want_code),
                    "{row}"
                );
                assert_eq!(value.as_deref(), Some(want_value));
            }
            other => panic!("{row}: {other:?}"),
        }
        // Lenient: reported the same way; a shifted row is skipped, a
        // person with an odd value is kept with the value as written.
        let import = Roster::from_csv_bytes(text.as_bytes(), &lenient()).unwrap();
        assert_eq!(import.problems.get(0).unwrap().code().as_str(), want_code);
        assert_eq!(import.problems.get(0).unwrap().value(), want_value);
        if want_code == "import.extra_fields" {
            assert_eq!(names(&import.roster), ["Anne Huse"]);
        } else {
            assert_eq!(import.roster.len(), 2, "{row}");
            let kept = import.roster.get(1).unwrap();
            let value = kept.email().or(kept.phone());
            assert_eq!(value, Some(want_value.trim()), "{row}");
        }
    }
    // A job title in the role column is a warning, strict or not: the
    // person is a member with that title.
    let text = format!("{header}Erik;Unaas;Indre Østfold IPR;;;Daglig leder\n");
    for options in [strict(), lenient()] {
        let import = Roster::from_csv_bytes(text.as_bytes(), &options).unwrap();
        let erik = import.roster.get(0).unwrap();
        assert_eq!(
            (erik.role(), erik.title()),
            (Role::Member, Some("Daglig leder"))
        );
        assert_eq!(
            import.problems.get(0).unwrap().code().as_str(),
            "import.unknown_value"
        );
        assert_eq!(import.problems.get(0).unwrap().column_name(), Some("Rolle"));
    }
}

#[test]
fn duplicates_are_reported_with_both_lines_and_kept() {
    let import = load("duplicates.csv");
    assert_eq!(import.roster.len(), 5, "nothing merged");
    let dups: Vec<(u64, String)> = import
        .problems
        .iter()
        .map(|p| {
            assert_eq!(p.code(), ProblemCode::DuplicatePerson);
            (p.line(), p.reason().to_string())
        })
        .collect();
    assert_eq!(
        dups,
        [
            (
                4,
                "the same person as on line 2; both rows are kept".to_owned()
            ),
            (
                5,
                "the same person as on line 3; both rows are kept".to_owned()
            )
        ]
    );
    // Read back from JSON, a reason is its text, and equal to what it was.
    let json = serde_json::to_string(&import.problems).unwrap();
    let back: Vec<roundtable::ImportProblem> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, import.problems);
    assert!(json.contains("\"reason\":\"the same person as on line 2; both rows are kept\""));
    // A warning: strict mode imports it too.
    assert_eq!(
        Roster::from_csv_path(data("duplicates.csv"), &strict())
            .unwrap()
            .roster
            .len(),
        5
    );
}

#[test]
fn formula_guards_are_removed_on_import() {
    let import = load("formula-values.csv");
    let ola = import.roster.get(0).unwrap();
    assert_eq!(ola.organisation(), "=Firma");
    assert_eq!(ola.phone(), Some("+47 412 03 424"));
    assert_eq!(ola.extra("Notat"), Some("@sum"));
    assert_eq!(import.roster.get(1).unwrap().extra("Notat"), Some("=1+1"));
}

#[test]
fn inputs_that_are_not_rosters_give_typed_errors_or_an_empty_roster_with_a_reason() {
    for name in ["empty.csv", "whitespace-only.csv"] {
        let err = import_err(name, &lenient());
        assert!(matches!(err.kind(), ErrorKind::EmptyInput), "{name}: {err}");
    }
    let err = import_err("png-renamed.csv", &lenient());
    assert!(
        matches!(err.kind(), ErrorKind::BinaryInput { byte: 8 }),
        "{err}"
    );

    let import = load("header-only.csv");
    assert!(import.roster.is_empty());
    assert_eq!(import.problems.len(), 1);
    assert_eq!(import.problems.get(0).unwrap().code(), ProblemCode::NoRows);
    assert!(import
        .problems
        .get(0)
        .unwrap()
        .reason()
        .as_str()
        .contains("no rows"));

    assert!(matches!(
        Roster::from_csv_bytes(b"", &strict()).unwrap_err().kind(),
        ErrorKind::EmptyInput
    ));
    assert!(matches!(
        Roster::from_csv_bytes(b"\xEF\xBB\xBF", &lenient())
            .unwrap_err()
            .kind(),
        ErrorKind::EmptyInput
    ));
    assert!(matches!(
        Roster::from_csv_bytes(b"\xFF\xFE", &lenient())
            .unwrap_err()
            .kind(),
        ErrorKind::EmptyInput
    ));
    assert!(matches!(
        Roster::from_csv_path("/nonexistent/roster.csv", &lenient())
            .unwrap_err()
            .kind(),
        ErrorKind::Io { .. }
    ));
}

#[test]
fn a_100_mb_line_is_read_without_trouble() {
    let dir = std::env::temp_dir().join(format!("roundtable-bigline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = "x".repeat(100 << 20);

    // As a header: no name column, and the message stays short.
    let path = dir.join("header.csv");
    std::fs::write(&path, format!("{big}\nAnne\n")).unwrap();
    let err = Roster::from_csv_path(&path, &lenient()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NoNameColumn { .. }));
    assert!(err.to_string().len() < 1000);

    // As a value: imported whole.
    let path = dir.join("value.csv");
    std::fs::write(
        &path,
        format!("Fornavn;Etternavn\nAnne;{big}\nToril;Lislien\n"),
    )
    .unwrap();
    let import = Roster::from_csv_path(&path, &lenient()).unwrap();
    assert_eq!(import.roster.len(), 2);
    assert_eq!(import.roster.get(0).unwrap().family_name().len(), 100 << 20);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_then_import_gives_the_same_roster() {
    let mut roster = Roster::from_csv_path(data("english-headers.csv"), &lenient())
        .unwrap()
        .roster;
    let mut tricky = Person::new(
        "=cmd|' /C calc'!A0",
        "-Nordmann",
        "@Firma; \"sitat\", komma",
    );
    tricky.phone = Some("+47 412 03 424".into());
    tricky.email = Some("ola@example.no".into());
    tricky
        .extra
        .insert("Notat".into(), "'=already quoted\nand two lines".into());
    tricky.extra.insert("Department".into(), "\ttabbed".into());
    roster.push(tricky);
    let mut vara = Person::new("Siri", "Vara", "Asker kommune");
    vara.role = Role::Substitute;
    vara.substitute_for = Some("Eysten Kleiven".into());
    vara.response = roundtable::Response::Accepted;
    roster.push(vara);
    let mut away = Person::new("Per", "Borte", "Bærum kommune");
    away.response = roundtable::Response::Declined;
    away.attendance = Attendance::Excused;
    away.excuse = Some("=sykdom; ferie".into());
    roster.push(away);
    for delimiter in [b',', b';'] {
        for language in [HeaderLanguage::Norwegian, HeaderLanguage::English] {
            let options = ExportOptions::default()
                .with_delimiter(delimiter)
                .with_language(language);
            let csv = roster.to_csv(&options);
            // No cell starts with a formula character.
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(csv.as_bytes());
            for record in reader.records() {
                for cell in record.unwrap().iter() {
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{cell:?}"
                    );
                }
            }
            let back = Roster::from_csv_bytes(csv.as_bytes(), &strict()).unwrap();
            assert_eq!(back.roster, roster, "{} {language:?}", delimiter as char);
            assert_eq!(back.delimiter, delimiter);
        }
    }
    let csv = roster.to_csv(&ExportOptions::default());
    assert!(csv.starts_with("Fornavn;Etternavn;Organisasjon;E-post;Telefon;Stilling;Rolle;Vara for;Svar;Oppmøte;Forfallsgrunn;Department;Notat\r\n"), "{csv}");
    assert!(csv.contains(";'+47 412 03 424;"));

    // The seed, too.
    let seed = Roster::from_csv_path(seed_tsv(), &strict()).unwrap().roster;
    let back = Roster::from_csv_bytes(seed.to_csv(&ExportOptions::default()).as_bytes(), &strict())
        .unwrap();
    assert_eq!(back.roster, seed);
}

/// A few megabytes of everything at once: quoted fields over several
/// lines, CRLF and LF and lone CR, blank lines, bad rows, duplicates far
/// apart, extra columns, æøå.
fn varied_roster(rows: usize) -> String {
    let mut text = String::from("Fornavn;Etternavn;Organisasjon;E-post;Telefon;Notat\r\n");
    for i in 0..rows {
        let end = match i % 7 {
            0 => "\n",
            3 => "\r",
            _ => "\r\n",
        };
        let row = match i % 50 {
            5 => format!(";;Ingen kommune;;;{i}"),
            9 => format!("Bad{i};Email;Asker;ikke-epost;;"),
            13 => {
                format!("Ås{i};Ørn;\"Bærum kommune;\r\nNæring\";;+47 412 03 424;\"sa \"\"hei\"\"\"")
            }
            21 => String::new(),
            33 => "Anne;Huse;Kongsvingerregionen;;;duplikat".to_owned(),
            _ => format!(
                "Given{i};Family{};Kommune {};g{i}@x.no;41203424;",
                i % 997,
                i % 13
            ),
        };
        text.push_str(&row);
        text.push_str(end);
    }
    text
}

#[test]
fn a_header_behind_more_blank_lines_than_a_part_holds_is_read() {
    // The first part's end is looked for while its header is read. Behind
    // 400 kB of blank lines, the header is past the end the first part of
    // a file split 64 ways is sure to have (about 25 kB): the header's
    // reader waits for the part's end, finds none before it, and the file
    // is read whole, as one part. (It was `import.empty` before.) Split
    // two ways, the header is in the first part.
    let text = format!("{}{}", "\r\n".repeat(200_000), varied_roster(30_000));
    assert!(text.len() > 1 << 20, "{}", text.len());
    // The delimiter given: the first 64 kB it would be found from are blank.
    let all = ImportOptions::default()
        .with_delimiter(b';')
        .with_max_problems_per_code(usize::MAX);
    let serial = Roster::from_csv_bytes(text.as_bytes(), &all.with_threads(1)).unwrap();
    assert!(serial.roster.len() > 28_000, "{}", serial.roster.len());
    for threads in [2, 64] {
        let parallel = Roster::from_csv_bytes(text.as_bytes(), &all.with_threads(threads)).unwrap();
        assert_eq!(parallel.rows_read, serial.rows_read, "{threads} threads");
        assert_eq!(parallel.problems, serial.problems, "{threads} threads");
        assert!(parallel.roster == serial.roster, "{threads} threads");
    }
}

#[test]
fn a_large_import_gives_the_same_for_any_number_of_threads() {
    let text = varied_roster(60_000);
    assert!(text.len() > 2 << 20);
    let dir = std::env::temp_dir().join(format!("roundtable-parallel-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("roster.csv");
    std::fs::write(&path, &text).unwrap();

    // Every problem kept, to compare them all.
    let all = ImportOptions::default().with_max_problems_per_code(usize::MAX);
    let one = all.with_threads(1);
    let two = all.with_threads(2);
    let serial = Roster::from_csv_bytes(text.as_bytes(), &one).unwrap();
    assert!(serial.problems.len() > 3000, "{}", serial.problems.len());
    assert!(serial
        .problems
        .iter()
        .any(|p| p.code() == ProblemCode::DuplicatePerson && p.line() > 40_000));
    // Split into as many parts as threads: the same result for any number.
    let many = |n| all.with_threads(n);
    for parallel in [
        Roster::from_csv_bytes(text.as_bytes(), &two).unwrap(),
        Roster::from_csv_path(&path, &two).unwrap(),
        Roster::from_csv_path(&path, &one).unwrap(),
        Roster::from_csv_bytes(text.as_bytes(), &many(3)).unwrap(),
        Roster::from_csv_path(&path, &many(8)).unwrap(),
        Roster::from_csv_bytes(text.as_bytes(), &many(8)).unwrap(),
    ] {
        assert_eq!(parallel.rows_read, serial.rows_read);
        assert_eq!(parallel.problems, serial.problems);
        // The counts kept as the parts were read and joined are the list's.
        for &code in ProblemCode::ALL {
            let listed = parallel
                .problems
                .iter()
                .filter(|p| p.code() == code)
                .count();
            assert_eq!(parallel.problems.count(code), listed, "{code}");
        }
        assert!(parallel.roster == serial.roster);
        assert_eq!(parallel.header, serial.header);
    }
    // A joined import keeps each part's list as it was written; it reads,
    // exports and changes as the one list of a serial import does.
    let mut joined = Roster::from_csv_path(&path, &many(8)).unwrap().roster;
    let mut flat = serial.roster.clone();
    assert_eq!(joined.organisations(), flat.organisations());
    assert!(joined.extra_names().eq(flat.extra_names()));
    let export = ExportOptions::default();
    assert_eq!(joined.to_csv(&export), flat.to_csv(&export));
    let last = joined.len() - 1;
    assert_eq!(
        joined.get(last).map(|p| p.full_name()),
        flat.get(last).map(|p| p.full_name())
    );
    assert!(joined.get(last + 1).is_none());
    for roster in [&mut joined, &mut flat] {
        roster.update(45_000, |p| {
            p.given_name = "Endret".into();
            p.extra.insert("Notat".into(), "endret".into());
        });
        roster.remove(10);
        roster.insert(30_000, Person::new("Ny", "Person", "Kommune 3"));
        roster.push(Person::new("Sist", "Person", "Ny organisasjon"));
    }
    assert!(joined == flat);
    assert_eq!(joined.to_csv(&export), flat.to_csv(&export));
    assert_eq!(joined.organisations(), flat.organisations());

    // Kept up to a limit: the same first ones for any number of threads,
    // and the counts as exact as before.
    let bounded = |n| {
        ImportOptions::default()
            .with_threads(n)
            .with_max_problems_per_code(100)
    };
    let first = Roster::from_csv_bytes(text.as_bytes(), &bounded(1)).unwrap();
    for threads in [2, 3, 8] {
        let parallel = Roster::from_csv_path(&path, &bounded(threads)).unwrap();
        assert_eq!(parallel.problems, first.problems, "{threads} threads");
        assert_eq!(parallel.summary(), first.summary(), "{threads} threads");
    }
    for &code in ProblemCode::ALL {
        let listed = first.problems.iter().filter(|p| p.code() == code).count();
        let not_kept = first.summary().not_kept.get(&code).copied().unwrap_or(0);
        assert_eq!(listed, serial.problems.count(code).min(100), "{code}");
        assert_eq!(
            listed as u64 + not_kept,
            serial.problems.count(code) as u64,
            "{code}"
        );
    }

    // In strict mode the first bad row of the file is the error, whichever
    // thread meets it first.
    let strict = |threads| {
        ImportOptions::default()
            .with_mode(ImportMode::Strict)
            .with_threads(threads)
    };
    let clean_start = text
        .replacen(";;Ingen kommune;;;5", "A;B;C;;;5", 1)
        .replacen("Bad9;Email;Asker;ikke-epost", "A;B;C;", 1);
    let e1 = Roster::from_csv_bytes(clean_start.as_bytes(), &strict(1)).unwrap_err();
    for threads in [2, 3, 8] {
        let e = Roster::from_csv_bytes(clean_start.as_bytes(), &strict(threads)).unwrap_err();
        assert_eq!(e1.to_string(), e.to_string(), "{threads} threads");
        assert_eq!(e1.position(), e.position());
    }

    // A stray quote makes the split unsafe; the import is whole all the same.
    let stray = text.replacen("Given1;", "Gi\"ven1;", 1);
    let a = Roster::from_csv_bytes(stray.as_bytes(), &one).unwrap();
    for threads in [2, 8] {
        let b = Roster::from_csv_bytes(stray.as_bytes(), &many(threads)).unwrap();
        assert!(a.roster == b.roster && a.problems == b.problems);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_messy_export_loses_nobody_with_a_name() {
    let import = load("messy.csv");
    // Counted independently with the csv crate: rows with a given or
    // family name, less those with more (non-empty) fields than the header.
    let text = std::fs::read_to_string(data("messy.csv")).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(text.as_bytes());
    let width = reader.headers().unwrap().len();
    let (mut named, mut shifted, mut rows) = (0, 0, 0);
    for record in reader.records() {
        let record = record.unwrap();
        rows += 1;
        let has_name = !record[0].trim().is_empty() || !record[1].trim().is_empty();
        let is_shifted = record.iter().skip(width).any(|f| !f.trim().is_empty());
        named += usize::from(has_name);
        shifted += usize::from(has_name && is_shifted);
    }
    assert_eq!(import.roster.len(), named - shifted);
    let summary = import.summary();
    assert_eq!(summary.rows_read, rows as u64);
    assert_eq!(
        summary.people + summary.skipped.values().sum::<u64>(),
        summary.rows_read
    );
    // Job titles kept as titles, answers read, archive roles known.
    let titles: Vec<&str> = import.roster.iter().filter_map(|p| p.title()).collect();
    assert_eq!(
        titles,
        [
            "Rådgiver",
            "Daglig leder",
            "Spesialrådgiver",
            "Prosjektleder"
        ]
    );
    let codes: Vec<Option<&str>> = import
        .roster
        .iter()
        .map(|p| p.role().archive_code())
        .collect();
    assert!(codes.contains(&Some("NESTL")) && codes.contains(&Some("VARA")));
    assert!(import
        .problems
        .iter()
        .filter(|p| p.code() == ProblemCode::UnknownValue)
        .all(|p| p.severity() == roundtable::Severity::Warning));
}
