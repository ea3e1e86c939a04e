//! The archive export: stable bytes and IDs, what lands where, public
//! titles, and the archive's checks (asked for, never by default). The
//! XML is validated against the official schemas in the Python suite
//! (`python/tests/test_archive.py`, with `xmlschema`).

use roundtable::{
    ArchiveKind, ArchiveOptions, CaseNumber, CaseType, Code, Meeting, ValidationOptions,
};

fn load(name: &str) -> Meeting {
    Meeting::load(format!(
        "{}/../tests/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn xml(m: &Meeting) -> String {
    let p = m
        .to_archive(ArchiveKind::MoeteMappe, &ArchiveOptions::default())
        .unwrap();
    String::from_utf8(p.messages[0].bytes.clone()).unwrap()
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .filter_map(|rest| rest.split(close).next())
        .collect()
}

#[test]
fn two_exports_give_the_same_bytes_and_a_changed_meeting_keeps_its_ids() {
    let m = load("archive/meeting.json");
    assert_eq!(xml(&m), xml(&m));
    let mut changed = m.clone();
    changed.title.push_str(" (endret)");
    let (a, b) = (xml(&m), xml(&changed));
    assert_ne!(a, b);
    assert_eq!(
        between(&a, "<systemID>", "</systemID>"),
        between(&b, "<systemID>", "</systemID>"),
        "an update is recognised by its system IDs"
    );
    let ids = between(&a, "<systemID>", "</systemID>");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "every record has its own ID");
    // Another meeting, other IDs.
    let seed = xml(&load("seed-meeting.json"));
    assert!(between(&seed, "<systemID>", "</systemID>")
        .iter()
        .all(|id| !ids.contains(id)));
}

#[test]
fn the_files_are_referenced_with_their_size_and_checksum() {
    let m = load("archive/meeting.json");
    let p = m
        .to_archive(ArchiveKind::MoeteMappe, &ArchiveOptions::default())
        .unwrap();
    let text = String::from_utf8(p.messages[0].bytes.clone()).unwrap();
    // Each document as PDF/A-2a (archival) and as HTML (production).
    assert_eq!(p.files.len(), 6);
    for pair in p.files.chunks(2) {
        assert!(pair[0].bytes.starts_with(b"%PDF-1.7"), "{}", pair[0].name);
        assert_eq!(pair[0].mime, "application/pdf");
        assert_eq!(pair[1].mime, "text/html");
    }
    assert_eq!(
        between(
            &text,
            "<variantformat>\n              <n5mdk:kode>",
            "</n5mdk:kode>"
        ),
        ["A", "P", "A", "P", "A", "P"]
    );
    assert_eq!(
        between(
            &text,
            "<format>\n              <n5mdk:kode>",
            "</n5mdk:kode>"
        ),
        ["fmt/476", "fmt/471", "fmt/476", "fmt/471", "fmt/476", "fmt/471"]
    );
    // Codes from Fiks Arkiv's lists (no.ks.fiks.arkiv.v1.kodelister.*),
    // never the old MØTEDOK or a media type as tekstFormat.
    assert_eq!(
        between(
            &text,
            "<dokumenttype>\n            <n5mdk:kode>",
            "</n5mdk:kode>"
        ),
        ["KORR", "DOKUMENT", "PROTOKOLL"]
    );
    assert!(!text.contains("text/plain"));
    // Closed when written, and said so.
    assert!(text.contains("<arkivstatus>\n    <n5mdk:kode>A</n5mdk:kode>"));
    assert!(text.contains("<arkivdelstatus>\n      <n5mdk:kode>P</n5mdk:kode>"));
    for f in &p.files {
        assert!(text.contains(&format!(
            "<referanseDokumentfil>{}</referanseDokumentfil>",
            f.name
        )));
        assert!(text.contains(&format!("<sjekksum>{}</sjekksum>", f.sha256)));
        assert!(text.contains(&format!("<filstoerrelse>{}</filstoerrelse>", f.bytes.len())));
        assert_eq!(f.sha256.len(), 64);
    }
    assert_eq!(
        between(
            &text,
            "<moetedokumenttype>\n          <n5mdk:kode>",
            "</n5mdk:kode>"
        ),
        ["MI", "SL", "MP"]
    );
}

#[test]
fn cases_participants_votes_and_references() {
    let text = xml(&load("archive/meeting.json"));
    // "PS 13/24" is read from the number; the third item's are given.
    assert_eq!(
        between(&text, "<moetesaksaar>", "</moetesaksaar>"),
        ["2024", "2024", "2024"]
    );
    assert_eq!(
        between(
            &text,
            "<moetesakssekvensnummer>",
            "</moetesakssekvensnummer>"
        ),
        ["12", "13", "40"]
    );
    assert!(text.contains("<n5mdk:kode>RS</n5mdk:kode>"));
    assert_eq!(
        between(&text, "<stemme>", "</stemme>"),
        ["Ja", "Nei", "Blankt"]
    );
    assert!(text.contains("<moetenummer>5/2024</moetenummer>"));
    assert!(text.contains("<n5mdk:identifikator>FNÆR</n5mdk:identifikator>"));
    // Only those present are participants; Siri sent word she could not come.
    assert_eq!(text.matches("<n5mdk:funksjon>").count(), 5);
    assert!(!text.contains("<n5mdk:navn>Siri Ødegård</n5mdk:navn>"));
    assert!(text.contains("<n5mdk:kode>LEDER</n5mdk:kode>"));
    assert!(text.contains("<n5mdk:kode>SEKR</n5mdk:kode>"));
    // The other meetings by the IDs their own exports give their folders.
    let previous = load("archive/meeting.json");
    let mut other = previous.clone();
    other.id = "faggruppe-naering-2024-4".into();
    let other_folder = between(
        &xml(&other),
        "<mappe xsi:type=\"moetemappe\">\n      <systemID>",
        "</systemID>",
    )[0]
    .to_owned();
    assert!(text.contains(&format!(
        "<referanseForrigeMoete>{other_folder}</referanseForrigeMoete>"
    )));
}

#[test]
fn a_title_that_names_someone_is_screened_and_masked_in_public() {
    let text = xml(&load("archive/meeting.json"));
    assert!(text.contains("<tittel>Søknad om tilskudd fra Siri Ødegård, fnr. 01010012356</tittel>"));
    assert!(text.contains(
        "<offentligTittel>Søknad om tilskudd fra *****, fnr. ***********</offentligTittel>"
    ));
    // The item, and each of the three documents that repeat her name and
    // number, record and description (tests/screening.rs has the rest).
    assert_eq!(text.matches("<skjerming>").count(), 1 + 3 * 2);
    assert!(text.contains("<skjermingshjemmel>Offl. § 13</skjermingshjemmel>"));
}

#[test]
fn text_xml_cannot_carry_is_replaced_and_markup_escaped() {
    let mut m = load("seed-meeting.json");
    m.title = "A <b>&\u{0}\u{1b} title".into();
    let text = xml(&m);
    assert!(text.contains("<tittel>A &lt;b&gt;&amp;\u{fffd}\u{fffd} title</tittel>"));
}

#[test]
fn archive_checks_are_asked_for_and_the_seed_stays_valid_without() {
    let seed = load("seed-meeting.json");
    let codes =
        |r: roundtable::Report| -> Vec<Code> { r.findings().iter().map(|f| f.code).collect() };
    assert!(!codes(seed.validate())
        .iter()
        .any(|c| c.as_str().starts_with("archive.")));
    let asked = codes(seed.validate_for_archive(&ValidationOptions::default()));
    assert!(asked.contains(&Code::ArchiveMissingNumber));
    assert!(asked.contains(&Code::ArchiveMissingBody));
    assert!(!asked.contains(&Code::ArchiveMinutesNotApproved));

    let mut m = load("archive/meeting.json");
    let archive_codes = |m: &Meeting| -> Vec<Code> {
        codes(m.validate_for_archive(&ValidationOptions::default()))
            .into_iter()
            .filter(|c| c.as_str().starts_with("archive."))
            .collect()
    };
    assert!(archive_codes(&m).is_empty());
    m.archive.as_mut().unwrap().minutes = roundtable::MinutesState::Draft;
    assert_eq!(archive_codes(&m), [Code::ArchiveMinutesNotApproved]);
}

#[test]
fn case_numbers_as_agendas_write_them() {
    for (text, want) in [
        ("PS 12/24", Some((CaseType::Ps, 12, 2024))),
        ("  RS 3/2025 Referatsaker", Some((CaseType::Rs, 3, 2025))),
        ("ps 1/24", Some((CaseType::Ps, 1, 2024))),
        ("PS 12/245", None),
        ("PS /24", None),
        ("XX 1/24", None),
        ("Ø", None),
        ("", None),
    ] {
        let got = CaseNumber::parse(text).map(|n| (n.case_type, n.sequence, n.year));
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn the_seeds_two_exports_are_their_golden_files() {
    let golden = format!("{}/../tests/golden", env!("CARGO_MANIFEST_DIR"));
    let seed = load("seed-meeting.json");
    let folder = seed
        .to_archive(ArchiveKind::MoeteMappe, &ArchiveOptions::default())
        .unwrap();
    let case = seed
        .to_archive(ArchiveKind::Arkivmelding, &ArchiveOptions::default())
        .unwrap();
    let mut want = vec![("seed-arkivstruktur.xml".to_owned(), &folder.messages[0])];
    for m in &case.messages {
        want.push((format!("seed-arkivmelding/{}", m.name), m));
    }
    let write = std::env::var_os("ROUNDTABLE_WRITE_GOLDEN").is_some();
    for (name, file) in want {
        let path = format!("{golden}/{name}");
        if write {
            std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
            std::fs::write(&path, &file.bytes).unwrap();
        }
        assert_eq!(file.bytes, std::fs::read(&path).unwrap(), "{name}");
    }
    assert_eq!(
        std::fs::read_dir(format!("{golden}/seed-arkivmelding"))
            .unwrap()
            .count(),
        case.messages.len()
    );
}

#[test]
fn a_case_has_a_message_per_record_each_counting_its_files() {
    let seed = load("seed-meeting.json");
    let p = seed
        .to_archive(ArchiveKind::Arkivmelding, &ArchiveOptions::default())
        .unwrap();
    // The notice, five contributions, the minutes.
    assert_eq!(p.messages.len(), 7);
    assert_eq!(p.files.len(), 14);
    let texts: Vec<String> = p
        .messages
        .iter()
        .map(|m| String::from_utf8(m.bytes.clone()).unwrap())
        .collect();
    // The folder's key is the first key of the first message; every
    // record finds its folder by it (the archive gives its own IDs).
    let keys: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| between(t, "<n5mdk:noekkel>", "</n5mdk:noekkel>"))
        .collect();
    let folder = keys[0][0];
    assert_eq!(folder.len(), 36, "a UUID: {folder}");
    let notice_key = *keys[0].last().unwrap();
    for (n, (text, files)) in texts.iter().zip(p.files.chunks(2)).enumerate() {
        let referenced = text.matches("<referanseDokumentfil>").count();
        assert_eq!(referenced, 2);
        assert_eq!(
            between(text, "<antallFiler>", "</antallFiler>"),
            [referenced.to_string()]
        );
        for file in files {
            assert!(text.contains(&format!("<sjekksum>{}</sjekksum>", file.sha256)));
        }
        assert!(text.contains(&format!(
            "<referanseForelderMappe>\n      <n5mdk:referanseEksternNoekkel>\n        <n5mdk:fagsystem>roundtable</n5mdk:fagsystem>\n        <n5mdk:noekkel>{folder}</n5mdk:noekkel>"
        )));
        // Contributions and minutes refer to the notice they answer.
        assert_eq!(text.contains("<kryssreferanse>"), n > 0, "message {n}");
        if n > 0 {
            assert!(keys[n].contains(&notice_key));
        }
    }
    // Each record has a key of its own.
    let own: Vec<&str> = keys.iter().map(|k| *k.last().unwrap()).collect();
    let mut unique = own.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), own.len());
    assert_eq!(texts.iter().filter(|t| t.contains("<mappe ")).count(), 1);
    let kinds: Vec<&str> = texts
        .iter()
        .map(|t| between(t, "<journalposttype>\n      <n5mdk:kode>", "</n5mdk:kode>")[0])
        .collect();
    assert_eq!(kinds, ["U", "I", "I", "I", "I", "I", "X"]);
    // The notice goes to every member organisation, once each, from the
    // secretariat and its case officer.
    let parties = texts[0].matches("<korrespondansepartNavn>").count();
    assert_eq!(parties, seed.roster.organisations().len() + 1);
    assert!(texts[0].contains("<n5mdk:kode>IA</n5mdk:kode>"));
    // The seed's letter head names no case officer: no saksbehandler.
    assert!(!texts[0].contains("<saksbehandler>"));
    assert!(texts[0].contains("<administrativEnhet>\n      <n5mdk:navn>"));
    assert!(texts[1].contains("<n5mdk:kode>EA</n5mdk:kode>"));
}

mod any_meeting {
    use super::*;
    use proptest::prelude::*;
    use quick_xml::events::Event;
    use quick_xml::Reader;

    fn well_formed(text: &str) -> Result<usize, String> {
        let mut reader = Reader::from_str(text);
        let mut elements = 0;
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => return Ok(elements),
                Ok(Event::Start(_)) => elements += 1,
                Ok(_) => {}
                Err(e) => return Err(format!("{e} at {}", reader.buffer_position())),
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any text in the fields that reach the XML (with markup, control
        /// characters, national-ID-shaped digits): both exports are
        /// well-formed, the same twice, and free of characters XML 1.0
        /// cannot carry.
        #[test]
        fn any_meeting_exports_to_well_formed_xml(
            texts in proptest::collection::vec(".{0,40}", 8),
            digits in "[0-9]{11}",
        ) {
            let mut m = load("archive/meeting.json");
            m.title = texts[0].clone();
            m.body = texts[1].clone();
            m.location.venue = texts[2].clone();
            m.agenda[0].title = format!("{} {digits}", texts[3]);
            m.agenda[1].decision = Some(texts[4].clone());
            m.number = Some(texts[5].clone());
            m.organiser = texts[5].clone();
            m.id = texts[6].clone();
            m.roster.update(0, |p| p.given_name = texts[6].clone());
            m.contributions.push(roundtable::Contribution::new(texts[7].clone(), "x"));
            for kind in [ArchiveKind::MoeteMappe, ArchiveKind::Arkivmelding] {
                let a = m.to_archive(kind, &ArchiveOptions::default()).unwrap();
                prop_assert_eq!(&a, &m.to_archive(kind, &ArchiveOptions::default()).unwrap());
                for message in &a.messages {
                    let text = std::str::from_utf8(&message.bytes).unwrap();
                    prop_assert!(well_formed(text).is_ok(), "{:?}", well_formed(text));
                    prop_assert!(!text.chars().any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r')));
                }
            }
        }
    }
}
