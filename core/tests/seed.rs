//! The seed meeting of 7 November 2024, end to end.

mod common;

use std::collections::BTreeSet;

use common::{seed, seed_text};
use roundtable::{Attendance, Code, ItemKind, Meeting, Role};

#[test]
fn the_seed_loads_with_every_part_of_the_notice() {
    let m = seed();
    assert_eq!(m.body, "Osloregionens faggruppe for Næringssamarbeid");
    assert_eq!(m.organiser, "Sekretariatet for Osloregionen");
    assert_eq!(m.time.start().to_rfc3339(), "2024-11-07T12:00:00+01:00");
    assert_eq!(m.time.end().to_rfc3339(), "2024-11-07T13:00:00+01:00");
    assert_eq!(m.time.zone().name(), "Europe/Oslo");
    assert_eq!(m.location.venue, "Oslo Rådhus");
    assert_eq!(m.location.room.as_deref(), Some("møteromssenteret"));
    assert_eq!(m.location.directions.as_deref(), Some("inngang sjøsiden"));
    assert!(m
        .joint_meeting
        .as_deref()
        .unwrap()
        .contains("felles faggruppemøte"));
    assert_eq!(
        m.previous_meeting.as_ref().unwrap().date,
        Some(common::date(2024, 9, 12))
    );

    let notice = m.notice.as_ref().unwrap();
    assert_eq!(notice.date, common::date(2024, 11, 1));
    assert_eq!(
        notice.contact.as_ref().unwrap().phone.as_deref(),
        Some("41203424")
    );
    assert_eq!(
        notice.signature.as_ref().unwrap().name,
        "Karoline Holmstrøm Ulateig"
    );
    assert!(notice
        .preparation
        .as_deref()
        .unwrap()
        .contains("senest dagen etter"));

    let numbers: Vec<&str> = m.agenda.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5"]);
    let kinds: Vec<&str> = m.agenda.iter().map(|i| i.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "notice_approval",
            "minutes_approval",
            "proposal",
            "round_table",
            "any_other_business"
        ]
    );
    match &m.agenda[3].kind {
        ItemKind::RoundTable(rules) => {
            assert_eq!(rules.speaking_limit_minutes, Some(3));
            assert_eq!(rules.submission_days_after, 1);
        }
        other => panic!("item 4 is {other:?}"),
    }

    assert_eq!(m.roster.len(), 45);
    let names: Vec<String> = m.roster.iter().map(|p| p.full_name()).collect();
    assert!(names.contains(&"Anne Kristine Feltman".to_owned()));
    assert!(names.contains(&"Jonas Vårum Olafsen".to_owned()));
    assert!(names.contains(&"Øyvind Såtvedt".to_owned()));
    assert!(m
        .roster
        .iter()
        .all(|p| p.role() == Role::Member && p.attendance() == Attendance::Invited));

    let from: Vec<&str> = m.contributions.iter().map(|c| c.from.as_str()).collect();
    assert_eq!(
        from,
        [
            "Ringeriksregionen",
            "Elverum",
            "Kongsvingerregionen",
            "Horten kommune",
            "Lørenskog kommune"
        ]
    );
    assert!(m.contributions[1].body.contains("**Bedriftsdate:**"));
}

/// The findings the seed really has, and no others.
#[test]
fn the_seed_has_exactly_its_true_findings() {
    let report = seed().validate();
    let got: BTreeSet<(Code, String)> = report
        .findings()
        .iter()
        .map(|f| (f.code, f.path.clone()))
        .collect();
    let want: BTreeSet<(Code, String)> = [
        // Dated 1 November for 7 November: 6 days, the default minimum is 7.
        (Code::NoticeShortNotice, "notice.date"),
        // "Ringeriksregionen" and "Elverum" are not organisations on the roster.
        (Code::ContributionUnknownMember, "contributions[0].from"),
        (Code::ContributionUnknownMember, "contributions[1].from"),
        // Kongsvingerregionen's two bullet labels with nothing under them.
        (Code::ContributionEmptySection, "contributions[2].body"),
    ]
    .into_iter()
    .map(|(c, p)| (c, p.to_owned()))
    .collect();
    assert_eq!(got, want);
    assert_eq!(report.len(), 5);
    assert!(report.is_ok(), "the seed has warnings only");

    let messages: Vec<&str> = report
        .findings()
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(messages
        .iter()
        .any(|m| m.contains("\"Elverum\"") && m.contains("\"Elverum Vekst\"")));
    assert!(messages
        .iter()
        .any(|m| m.contains("Felles Kraftstrategi Kongsvingerregionen:")));
    assert!(messages.iter().any(|m| m.contains("Innlandet VGS:")));
}

#[test]
fn the_seed_round_trips_byte_for_byte() {
    let text = seed_text();
    let m = Meeting::from_json(&text).unwrap();
    assert_eq!(m.to_json(), text);
    assert_eq!(Meeting::from_json(&m.to_json()).unwrap(), m);
}

#[test]
fn save_writes_the_whole_document_and_load_reads_it_back() {
    let dir = std::env::temp_dir().join(format!("roundtable-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("meeting.json");
    let m = seed();
    m.save(&path).unwrap();
    assert_eq!(Meeting::load(&path).unwrap(), m);
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from("meeting.json")]);
    // A folder that does not exist is an error naming the path.
    let err = m.save(dir.join("missing").join("m.json")).unwrap_err();
    assert!(err.to_string().contains("missing"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
