//! Helpers shared by the integration tests.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use roundtable::{
    AgendaItem, Code, Contribution, ItemKind, Meeting, MeetingTime, Notice, Person, Role,
    RoundTableRules,
};

pub fn seed_path() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/seed-meeting.json"
    )
    .to_owned()
}

pub fn seed_text() -> String {
    std::fs::read_to_string(seed_path()).expect("seed fixture")
}

pub fn seed() -> Meeting {
    Meeting::from_json(&seed_text()).expect("seed parses")
}

pub fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, mo, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
}

pub fn date(y: i32, mo: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, mo, d).unwrap()
}

fn person(given: &str, family: &str, org: &str, email: &str, phone: &str) -> Person {
    let mut p = Person::new(given, family, org);
    p.email = Some(email.to_owned());
    p.phone = Some(phone.to_owned());
    p
}

/// A small meeting that validates without a single finding: each test
/// changes one thing in it.
pub fn clean() -> Meeting {
    let time = MeetingTime::new(
        at(2024, 11, 7, 12, 0),
        at(2024, 11, 7, 13, 0),
        roundtable::Zone::OSLO,
    )
    .unwrap();
    let mut m = Meeting::new(
        "test-2024-11-07",
        "Faggruppe for næringssamarbeid",
        "Møte i faggruppen",
        time,
        "Oslo Rådhus",
    );
    m.notice = Some(Notice::new(date(2024, 10, 24)));
    let mut round_table = AgendaItem::new(
        "3",
        "Runde rundt bordet",
        ItemKind::RoundTable(RoundTableRules {
            speaking_limit_minutes: Some(3),
            submission_days_after: 1,
        }),
    );
    round_table.duration_minutes = Some(20);
    m.agenda = vec![
        AgendaItem::new(
            "1",
            "Godkjenning av innkalling og dagsorden",
            ItemKind::NoticeApproval,
        ),
        AgendaItem::new(
            "2",
            "Godkjenning av referat",
            ItemKind::MinutesApproval {
                meeting_date: date(2024, 9, 12),
                meeting_id: None,
            },
        ),
        round_table,
        AgendaItem::new("4", "Eventuelt", ItemKind::AnyOtherBusiness),
    ];
    let mut chair = person(
        "Asbjørn",
        "Lunde",
        "Elverum Vekst",
        "asbjorn@elverum.no",
        "+47 412 03 424",
    );
    chair.role = Role::Chair;
    m.roster.push(chair);
    m.roster.push(person(
        "Anne Kristine",
        "Feltman",
        "Bærum kommune",
        "anne.feltman@baerum.kommune.no",
        "41203424",
    ));
    m.roster.push(person(
        "Øyvind",
        "Såtvedt",
        "Oslo kommune",
        "oyvind@oslo.kommune.no",
        "0047 98765432",
    ));
    let mut c = Contribution::new(
        "Elverum Vekst",
        "- Vi spisser oss.\n- Helse og beredskap.\n",
    );
    c.submitted_at = Some("2024-11-08T10:00:00+01:00".parse().unwrap());
    c.speaking_minutes = Some(3);
    m.contributions.push(c);
    m
}

/// The findings of a meeting as (code, path) pairs.
pub fn findings(m: &Meeting) -> Vec<(Code, String)> {
    m.validate()
        .findings()
        .iter()
        .map(|f| (f.code, f.path.clone()))
        .collect()
}

/// The findings with this code, as (path, message).
pub fn with_code(m: &Meeting, code: Code) -> Vec<(String, String)> {
    m.validate()
        .with_code(code)
        .map(|f| (f.path.clone(), f.message.clone()))
        .collect()
}

/// Compares `text` with the committed golden file `tests/golden/<name>`;
/// `ROUNDTABLE_WRITE_GOLDEN=1` rewrites it.
pub fn check_golden(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/golden")
        .join(name);
    if std::env::var_os("ROUNDTABLE_WRITE_GOLDEN").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{name} differs from its golden file; ROUNDTABLE_WRITE_GOLDEN=1 rewrites it\n{text}"
    );
}
