//! Screening that holds (issue 27, items 9–11): whoever a screened title
//! names, and any national identity number, screens every record and
//! document description whose text holds them; a title repeated in
//! another record is masked there too; numbers are found in the
//! spellings people write, names as the duplicate finder compares them.
//! The XML is read here by quick-xml, and validated against the official
//! schemas in the Python suite.

use quick_xml::events::Event;
use quick_xml::Reader;
use roundtable::{ArchiveKind, ArchiveOptions, Code, Contribution, Meeting};

fn load(name: &str) -> Meeting {
    Meeting::load(format!(
        "{}/../tests/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// One `registrering` as the archive reads it.
#[derive(Debug, Default)]
struct Record {
    kind: String,
    title: String,
    public_title: Option<String>,
    /// `skjerming` on the record itself.
    screened: bool,
    /// `skjerming` on its document description.
    description_screened: bool,
    /// The file its document object refers to.
    file: Option<String>,
}

/// The records of every message of a package, in order.
fn records(m: &Meeting, kind: ArchiveKind) -> Vec<Record> {
    let package = m.to_archive(kind, &ArchiveOptions::default()).unwrap();
    let mut out = Vec::new();
    for message in &package.messages {
        let mut reader = Reader::from_reader(&message.bytes[..]);
        let mut path: Vec<String> = Vec::new();
        let mut text = String::new();
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) => {
                    let name = e.name().as_ref().to_owned();
                    if name == "registrering" {
                        let kind = e
                            .attributes()
                            .map(|a| a.unwrap())
                            .find(|a| a.key.as_ref() == "xsi:type")
                            .map(|a| a.value.into_owned())
                            .unwrap();
                        out.push(Record {
                            kind,
                            ..Record::default()
                        });
                    }
                    path.push(name);
                    text.clear();
                }
                Event::Text(t) => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => match r.resolve_char_ref().unwrap() {
                    Some(c) => text.push(c),
                    None => text.push_str(
                        quick_xml::escape::resolve_predefined_entity(&r.xml10_content()).unwrap(),
                    ),
                },
                Event::End(_) => {
                    let name = path.pop().unwrap();
                    let parent = path.last().map(String::as_str);
                    if let Some(r) = out
                        .last_mut()
                        .filter(|_| path.contains(&"registrering".into()))
                    {
                        match (parent, name.as_str()) {
                            (Some("registrering"), "skjerming") => r.screened = true,
                            (Some("dokumentbeskrivelse"), "skjerming") => {
                                r.description_screened = true
                            }
                            (Some("registrering"), "tittel") => r.title = text.clone(),
                            (Some("registrering"), "offentligTittel") => {
                                r.public_title = Some(text.clone())
                            }
                            (Some("dokumentobjekt"), "referanseDokumentfil") => {
                                r.file = Some(text.clone())
                            }
                            _ => {}
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    out
}

fn file_text(m: &Meeting, kind: ArchiveKind, name: &str) -> String {
    let package = m.to_archive(kind, &ArchiveOptions::default()).unwrap();
    let file = package.files.iter().find(|f| f.name == name).unwrap();
    String::from_utf8(file.bytes.clone()).unwrap()
}

const BOTH: [ArchiveKind; 2] = [ArchiveKind::MoeteMappe, ArchiveKind::Arkivmelding];

#[test]
fn a_screened_person_screens_every_document_that_names_them() {
    // The fixture's third item is an application from Siri Ødegård, on the
    // roster: its title is screened, and so is every document that
    // repeats her name or number, record and description alike.
    let mut m = load("archive/meeting.json");
    m.contributions = vec![
        Contribution::new("Asker", "Vi støtter søknaden fra Ødegård, Siri."),
        Contribution::new("Bærum", "Ingen merknader."),
    ];
    for kind in BOTH {
        let records = records(&m, kind);
        for r in records.iter().filter(|r| r.kind != "moetesak") {
            let name = r.file.as_deref().unwrap();
            let text = file_text(&m, kind, name);
            let names_her = text.contains("Siri Ødegård") || text.contains("Ødegård, Siri");
            assert_eq!(r.screened, names_her, "{kind:?} {name}");
            assert_eq!(r.description_screened, names_her, "{kind:?} {name}");
        }
        let screened: Vec<&str> = records
            .iter()
            .filter(|r| r.screened)
            .map(|r| r.file.as_deref().unwrap_or("moetesak"))
            .collect();
        match kind {
            ArchiveKind::MoeteMappe => assert_eq!(
                screened,
                [
                    "moetesak",
                    "innkalling.html",
                    "saksliste.html",
                    "protokoll.html"
                ]
            ),
            _ => assert_eq!(
                screened,
                ["innkalling.html", "innspill-01.md", "protokoll.html"]
            ),
        }
    }
    // Without her in the title nobody is screened, though the minutes
    // still list her as a member: a roster is public.
    m.agenda[2].title = "Søknad om tilskudd".into();
    m.contributions.clear();
    for kind in BOTH {
        let records = records(&m, kind);
        assert!(
            file_text(&m, kind, "protokoll.html").contains("Siri Ødegård"),
            "{kind:?}"
        );
        assert!(records
            .iter()
            .all(|r| !r.screened && !r.description_screened));
        assert!(records.iter().all(|r| r.public_title.is_none()));
    }
}

#[test]
fn a_title_that_names_someone_is_masked_in_every_record_that_repeats_it() {
    let mut m = load("archive/meeting.json");
    m.title = "Møte om Siri Ødegård".into();
    for kind in BOTH {
        let records = records(&m, kind);
        let repeating: Vec<&Record> = records
            .iter()
            .filter(|r| r.title.contains("Møte om Siri Ødegård"))
            .collect();
        // The three documents of a meeting folder; the notice and the
        // minutes of a case.
        let expected = if kind == ArchiveKind::MoeteMappe {
            3
        } else {
            2
        };
        assert_eq!(repeating.len(), expected, "{kind:?}: {records:#?}");
        for r in repeating {
            let public = r.public_title.as_deref().unwrap();
            assert!(public.ends_with("Møte om *****"), "{public}");
            assert!(r.screened && r.description_screened, "{r:?}");
        }
    }
}

#[test]
fn a_national_id_in_an_item_description_or_decision_screens_the_item() {
    let mut m = load("archive/meeting.json");
    m.agenda[2].title = "Søknad om tilskudd".into();
    m.agenda[0].description = Some("Søkerens fødselsnummer er 150765 00565.".into());
    m.agenda[1].decision = Some("Vedtatt for 15.07.65-00565.".into());
    let records = records(&m, ArchiveKind::MoeteMappe);
    let items: Vec<bool> = records
        .iter()
        .filter(|r| r.kind == "moetesak")
        .map(|r| r.screened)
        .collect();
    assert_eq!(items, [true, true, false]);
    // No title holds the number: none is masked.
    assert!(records.iter().all(|r| r.public_title.is_none()));
    // A document is screened exactly when its file holds the number.
    for r in records.iter().filter(|r| r.kind == "moetedokument") {
        let name = r.file.as_deref().unwrap();
        let text = file_text(&m, ArchiveKind::MoeteMappe, name);
        let holds = text.contains("150765 00565") || text.contains("15.07.65-00565");
        assert_eq!(r.screened, holds, "{name}");
    }
    let minutes = records
        .iter()
        .find(|r| r.file.as_deref() == Some("protokoll.html"));
    assert!(minutes.unwrap().screened);
}

/// The D-number of a date: the day's first digit plus 4, control digits
/// worked out, as the population register makes them.
fn d_number() -> String {
    let w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    let w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
    let control =
        |d: &[u32], w: &[u32]| match 11 - d.iter().zip(w).map(|(a, b)| a * b).sum::<u32>() % 11 {
            11 => Some(0),
            10 => None,
            k => Some(k),
        };
    (100..1000)
        .find_map(|n| {
            let mut d: Vec<u32> = format!("550765{n:03}")
                .bytes()
                .map(|b| u32::from(b - b'0'))
                .collect();
            d.push(control(&d, &w1)?);
            d.push(control(&d, &w2)?);
            Some(d.iter().map(|x| char::from(b'0' + *x as u8)).collect())
        })
        .unwrap()
}

#[test]
fn national_ids_in_every_spelling_are_found_by_validation_and_the_archive() {
    let d = d_number();
    let spaced_d = format!("{} {}", &d[..6], &d[6..]);
    let spellings = [
        "15076500565",
        "150765 00565",
        "150765-00565",
        "150765\u{a0}00565",
        "150765\u{2009}00565",
        "150765\t00565",
        "150765\n00565",
        "150765  00565",
        "15.07.65 00565",
        "１５０７６５００５６５",
        &d,
        &spaced_d,
    ];
    for spelling in spellings {
        let mut m = load("archive/meeting.json");
        m.agenda[2].title = "Søknad om tilskudd".into();
        m.contributions = vec![
            Contribution::new("Asker", format!("Søkerens nummer: {spelling}.")),
            Contribution::new("Bærum", "Ingen merknader."),
        ];
        let report = m.validate();
        let found: Vec<&str> = report
            .findings()
            .iter()
            .filter(|f| f.code == Code::PrivacyNationalId)
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(found, ["contributions[0].body"], "{spelling:?}");
        let screened: Vec<String> = records(&m, ArchiveKind::Arkivmelding)
            .into_iter()
            .filter(|r| r.screened)
            .filter_map(|r| r.file)
            .collect();
        assert_eq!(screened, ["innspill-01.md"], "{spelling:?}");
    }
    // Inside a longer number it is none.
    for text in ["150765005651", "9150765 00565", "150765 00565.5"] {
        let mut m = load("archive/meeting.json");
        m.agenda[2].title = "Søknad om tilskudd".into();
        m.contributions = vec![Contribution::new("Asker", format!("Kontonr. {text}."))];
        assert_eq!(
            m.validate().with_code(Code::PrivacyNationalId).count(),
            0,
            "{text}"
        );
        assert!(records(&m, ArchiveKind::Arkivmelding)
            .iter()
            .all(|r| !r.screened));
    }
}

#[test]
fn a_number_in_a_title_is_found_by_validation_too() {
    let m = load("archive/meeting.json");
    let report = m.validate();
    assert_eq!(
        report
            .with_code(Code::PrivacyNationalId)
            .map(|f| f.path.as_str())
            .collect::<Vec<_>>(),
        ["agenda[2].title"]
    );
}

#[test]
fn names_are_matched_as_the_duplicate_finder_matches_people() {
    for spelling in [
        "SIRI ØDEGÅRD",
        "siri ødegård",
        "Siri Ødega\u{30a}rd",
        "Siri   Ødegård",
        "Siri\u{a0}Ødegård",
        "Ødegård, Siri",
        "ØDEGÅRD,  SIRI",
    ] {
        let mut m = load("archive/meeting.json");
        m.agenda[2].title = format!("Søknad om tilskudd fra {spelling}");
        let records = records(&m, ArchiveKind::MoeteMappe);
        let item = &records
            .iter()
            .filter(|r| r.kind == "moetesak")
            .collect::<Vec<_>>()[2];
        assert_eq!(
            item.public_title.as_deref(),
            Some("Søknad om tilskudd fra *****"),
            "{spelling:?}"
        );
        assert!(item.screened);
        // And she is screened wherever the documents name her, in
        // whichever spelling they do.
        let minutes = records
            .iter()
            .find(|r| r.file.as_deref() == Some("protokoll.html"));
        assert!(minutes.unwrap().screened, "{spelling:?}");
    }
    // Someone else with her given name only is not she.
    let mut m = load("archive/meeting.json");
    m.agenda[2].title = "Søknad om tilskudd fra Siri Ødegårdsen".into();
    let records = records(&m, ArchiveKind::MoeteMappe);
    assert!(records.iter().all(|r| r.public_title.is_none()));
}

#[test]
fn names_that_overlap_are_masked_as_one_and_each_screened() {
    let mut m = load("archive/meeting.json");
    m.roster.update(0, |p| {
        p.given_name = "Ola".into();
        p.family_name = "Per".into();
    });
    m.roster.update(1, |p| {
        p.given_name = "Per".into();
        p.family_name = "Hansen".into();
    });
    m.agenda[2].title = "Søknad fra Ola Per Hansen, fnr. 150765 00565".into();
    m.contributions = vec![
        Contribution::new("Asker", "Vi støtter Per Hansen."),
        Contribution::new("Bærum", "Vi støtter Ola Per."),
        Contribution::new("Oslo", "Vi støtter Ola."),
    ];
    let folder = records(&m, ArchiveKind::MoeteMappe);
    let item = folder
        .iter()
        .filter(|r| r.kind == "moetesak")
        .nth(2)
        .unwrap();
    assert_eq!(
        item.public_title.as_deref(),
        Some("Søknad fra *****, fnr. ************")
    );
    let screened: Vec<String> = records(&m, ArchiveKind::Arkivmelding)
        .into_iter()
        .filter(|r| r.screened)
        .filter_map(|r| r.file)
        .collect();
    assert_eq!(
        screened,
        [
            "innkalling.html",
            "innspill-01.md",
            "innspill-02.md",
            "protokoll.html"
        ]
    );
}
