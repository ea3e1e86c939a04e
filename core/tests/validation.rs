//! Every validation code: one test input that triggers it, and the nearest
//! valid input, which does not.

mod common;

use chrono::{DateTime, FixedOffset};
use common::{at, clean, date, findings, with_code};
use roundtable::{
    AgendaItem, Code, Contribution, ItemKind, Meeting, MeetingTime, Person, Role, RoundTableRules,
    Severity, ValidationOptions,
};

fn oslo(start: chrono::NaiveDateTime, end: chrono::NaiveDateTime) -> MeetingTime {
    MeetingTime::new(start, end, roundtable::Zone::OSLO).unwrap()
}

fn instant(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn round_table(number: &str, limit: Option<u32>) -> AgendaItem {
    AgendaItem::new(
        number,
        "Runde rundt bordet",
        ItemKind::RoundTable(RoundTableRules {
            speaking_limit_minutes: limit,
            submission_days_after: 1,
        }),
    )
}

#[test]
fn the_clean_meeting_has_no_findings() {
    assert_eq!(findings(&clean()), vec![]);
}

#[test]
fn every_finding_has_the_severity_of_its_code() {
    let mut m = clean();
    m.title.clear();
    m.notice.as_mut().unwrap().date = date(2024, 11, 5);
    m.contributions[0].from = "Elverum".into();
    let report = m.validate();
    assert!(report.len() >= 3);
    for f in report.findings() {
        assert_eq!(f.severity, f.code.severity(), "{f}");
    }
    assert!(!report.is_ok());
    assert_eq!(report.errors().count(), 1);
}

#[test]
fn meeting_time_order() {
    let mut m = clean();
    m.time = oslo(at(2024, 11, 7, 12, 0), at(2024, 11, 7, 12, 0));
    let found = with_code(&m, Code::MeetingTimeOrder);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "time.end");
    assert!(found[0].1.contains("2024-11-07 12:00"), "{}", found[0].1);

    m.time = oslo(at(2024, 11, 7, 12, 0), at(2024, 11, 7, 11, 0));
    assert_eq!(with_code(&m, Code::MeetingTimeOrder).len(), 1);

    m.time = oslo(at(2024, 11, 7, 12, 0), at(2024, 11, 7, 12, 1));
    assert!(with_code(&m, Code::MeetingTimeOrder).is_empty());
}

#[test]
fn meeting_time_order_is_judged_on_instants() {
    // On 27 October 2024 Oslo set its clocks back from 03:00 to 02:00.
    // 01:30 to 03:30 local is two hours and a half of real time.
    let mut m = clean();
    m.notice = None;
    m.time = oslo(at(2024, 10, 27, 1, 30), at(2024, 10, 27, 3, 30));
    assert_eq!(m.time.duration().num_minutes(), 180);
    assert!(with_code(&m, Code::MeetingTimeOrder).is_empty());
}

#[test]
fn meeting_missing_field() {
    let mut m = clean();
    m.title = "  ".into();
    m.body = String::new();
    m.location.venue = "\t".into();
    let paths: Vec<String> = with_code(&m, Code::MeetingMissingField)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(paths, ["title", "body", "location.venue"]);

    let mut m = clean();
    m.title = "x".into();
    m.body = "y".into();
    m.location.venue = "z".into();
    assert!(with_code(&m, Code::MeetingMissingField).is_empty());
}

#[test]
fn notice_after_meeting() {
    let mut m = clean();
    m.notice.as_mut().unwrap().date = date(2024, 11, 8);
    let found = with_code(&m, Code::NoticeAfterMeeting);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "notice.date");
    assert!(found[0].1.contains("2024-11-08"));

    // Dated the day of the meeting: very short notice, but not after it.
    m.notice.as_mut().unwrap().date = date(2024, 11, 7);
    assert!(with_code(&m, Code::NoticeAfterMeeting).is_empty());
    assert_eq!(with_code(&m, Code::NoticeShortNotice).len(), 1);
}

#[test]
fn notice_short_notice() {
    let mut m = clean();
    m.notice.as_mut().unwrap().date = date(2024, 11, 1);
    let found = with_code(&m, Code::NoticeShortNotice);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.contains("6 days"), "{}", found[0].1);

    m.notice.as_mut().unwrap().date = date(2024, 10, 31);
    assert!(with_code(&m, Code::NoticeShortNotice).is_empty());

    // The minimum is configurable.
    m.notice.as_mut().unwrap().date = date(2024, 11, 1);
    let lenient = ValidationOptions::default().with_min_notice_days(6);
    assert!(m
        .validate_with(&lenient)
        .with_code(Code::NoticeShortNotice)
        .next()
        .is_none());
}

#[test]
fn agenda_empty() {
    let mut m = clean();
    m.contributions.clear();
    m.agenda.clear();
    assert_eq!(findings(&m), vec![(Code::AgendaEmpty, "agenda".to_owned())]);
    m.agenda.push(AgendaItem::new(
        "1",
        "Eventuelt",
        ItemKind::AnyOtherBusiness,
    ));
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn agenda_numbering() {
    let mut m = clean();
    m.agenda[1].number = "1".into();
    let found = with_code(&m, Code::AgendaNumbering);
    assert!(found
        .iter()
        .any(|(p, msg)| p == "agenda[1].number" && msg.contains("agenda[0]")));

    let mut m = clean();
    m.agenda[1].number = "5".into();
    let found = with_code(&m, Code::AgendaNumbering);
    assert_eq!(found[0].0, "agenda[1].number");
    assert!(found[0].1.contains("2 was expected"), "{}", found[0].1);

    // Sub-items and case-numbers sit between numeric items without gaps.
    let mut m = clean();
    m.agenda.insert(
        2,
        AgendaItem::new("2a", "Oppfølging", ItemKind::Information),
    );
    assert!(with_code(&m, Code::AgendaNumbering).is_empty());
    for (item, number) in
        m.agenda
            .iter_mut()
            .zip(["PS 12/24", "PS 13/24", "PS 13/24a", "PS 14/24", "PS 15/24"])
    {
        item.number = number.into();
    }
    assert!(with_code(&m, Code::AgendaNumbering).is_empty());
    m.contributions[0].item = Some("PS 14/24".into());
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn agenda_empty_title() {
    let mut m = clean();
    m.agenda[3].title = " ".into();
    assert_eq!(
        findings(&m),
        vec![(Code::AgendaEmptyTitle, "agenda[3].title".to_owned())]
    );
    m.agenda[3].title = "Eventuelt".into();
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn agenda_minutes_date() {
    let mut m = clean();
    m.agenda[1].kind = ItemKind::MinutesApproval {
        meeting_date: date(2024, 11, 7),
        meeting_id: None,
    };
    let found = with_code(&m, Code::AgendaMinutesDate);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "agenda[1].kind.meeting_date");
    assert!(found[0].1.contains("2024-11-07"));

    m.agenda[1].kind = ItemKind::MinutesApproval {
        meeting_date: date(2024, 11, 6),
        meeting_id: Some("prev".into()),
    };
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn agenda_over_time() {
    let mut m = clean();
    m.agenda[0].duration_minutes = Some(41);
    // 41 + 20 = 61 minutes in a 60-minute meeting.
    let found = with_code(&m, Code::AgendaOverTime);
    assert_eq!(
        found,
        vec![(
            "agenda".to_owned(),
            "the items take 61 minutes but the meeting lasts 60".to_owned()
        )]
    );
    m.agenda[0].duration_minutes = Some(40);
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn roster_empty_name() {
    let mut m = clean();
    m.roster.update(1, |p| p.given_name = " ".into()).unwrap();
    m.roster.push(Person::new("", "", "KS"));
    let found = with_code(&m, Code::RosterEmptyName);
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["roster[1].given_name", "roster[3]"]);
    assert!(found[1].1.contains("KS"));

    let mut m = clean();
    m.roster.push(Person::new("Gustav", "Weiberg-Aurdal", "KS"));
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn roster_duplicate_person_under_nfc_nfd_case_and_space() {
    let mut m = clean();
    // "Såtvedt" with a combining ring, other case, stray spaces.
    m.roster
        .push(Person::new(" øyvind", "SA\u{30a}TVEDT ", "oslo  kommune"));
    let found = with_code(&m, Code::RosterDuplicatePerson);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "roster[3]");
    assert!(found[0].1.contains("roster[2]"), "{}", found[0].1);

    // Same name in another organisation is another person.
    let mut m = clean();
    m.roster
        .push(Person::new("Øyvind", "Såtvedt", "Bærum kommune"));
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn roster_email() {
    for bad in [
        "ola@",
        "ola.nordmann",
        "Ola <ola@x.no>",
        "ola@localhost",
        "ola @x.no",
        " ola@x.no",
    ] {
        let mut m = clean();
        m.roster.update(0, |p| p.email = Some(bad.into())).unwrap();
        let found = with_code(&m, Code::RosterEmail);
        assert_eq!(found.len(), 1, "{bad:?}");
        assert_eq!(found[0].0, "roster[0].email");
        assert!(found[0].1.contains(bad), "{}", found[0].1);
    }
    for good in ["ola@x.no", "ola.nordmann+møte@bærum.kommune.no"] {
        let mut m = clean();
        m.roster.update(0, |p| p.email = Some(good.into())).unwrap();
        assert_eq!(findings(&m), vec![], "{good:?}");
    }
    // No email at all is not a malformed one.
    let mut m = clean();
    m.roster.update(0, |p| p.email = None).unwrap();
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn roster_phone() {
    for bad in [
        "4120342",
        "412034245",
        "01203424",
        "+47 4120342",
        "412-03-424",
        "tlf 41203424",
        "+0 123456789",
        "0047 1234567",
    ] {
        let mut m = clean();
        m.roster.update(0, |p| p.phone = Some(bad.into())).unwrap();
        let found = with_code(&m, Code::RosterPhone);
        assert_eq!(found.len(), 1, "{bad:?}");
        assert_eq!(found[0].0, "roster[0].phone");
        assert!(found[0].1.contains(bad), "{}", found[0].1);
    }
    for good in [
        "41203424",
        "412 03 424",
        "+4741203424",
        "+47 412 03 424",
        "0047 412 03 424",
        "+46 8 123 456 78",
        "+1 202 555 0143",
    ] {
        let mut m = clean();
        m.roster.update(0, |p| p.phone = Some(good.into())).unwrap();
        assert_eq!(findings(&m), vec![], "{good:?}");
    }
}

#[test]
fn roster_multiple_chairs() {
    let mut m = clean();
    m.roster.update(2, |p| p.role = Role::Chair).unwrap();
    let found = with_code(&m, Code::RosterMultipleChairs);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "roster[2].role");
    assert!(found[0].1.contains("Asbjørn Lunde"), "{}", found[0].1);

    m.roster.update(2, |p| p.role = Role::Secretary).unwrap();
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn contribution_unknown_item() {
    let mut m = clean();
    m.contributions[0].item = Some("9".into());
    assert_eq!(
        findings(&m),
        vec![(
            Code::ContributionUnknownItem,
            "contributions[0].item".to_owned()
        )]
    );
    m.contributions[0].item = Some(" 3 ".into());
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn contribution_not_round_table() {
    let mut m = clean();
    m.contributions[0].item = Some("4".into());
    let found = with_code(&m, Code::ContributionNotRoundTable);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.contains("any_other_business"), "{}", found[0].1);
    m.contributions[0].item = Some("3".into());
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn contribution_ambiguous_item() {
    // Two round tables and no item named.
    let mut m = clean();
    m.agenda.insert(3, round_table("4", Some(3)));
    m.agenda[4].number = "5".into();
    let found = with_code(&m, Code::ContributionAmbiguousItem);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].1.contains("2 round tables (3, 4)"),
        "{}",
        found[0].1
    );
    // Naming the item settles it.
    m.contributions[0].item = Some("4".into());
    assert_eq!(findings(&m), vec![]);

    // No round table at all.
    let mut m = clean();
    m.agenda[2].kind = ItemKind::Information;
    assert_eq!(
        findings(&m),
        vec![(
            Code::ContributionAmbiguousItem,
            "contributions[0].item".to_owned()
        )]
    );
}

#[test]
fn contribution_late_at_the_end_of_the_day_after_in_the_meeting_zone() {
    let mut m = clean();
    m.contributions[0].submitted_at = Some(instant("2024-11-09T00:00:01+01:00"));
    let found = with_code(&m, Code::ContributionLate);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "contributions[0].submitted_at");
    assert!(found[0].1.contains("2024-11-08"), "{}", found[0].1);

    // The same instant as 23:00:01 UTC is just as late: instants compared.
    m.contributions[0].submitted_at = Some(instant("2024-11-08T23:00:01Z"));
    assert_eq!(with_code(&m, Code::ContributionLate).len(), 1);

    m.contributions[0].submitted_at = Some(instant("2024-11-08T23:59:59+01:00"));
    assert_eq!(findings(&m), vec![]);
    m.contributions[0].submitted_at = Some(instant("2024-11-08T22:59:59Z"));
    assert_eq!(findings(&m), vec![]);

    // A stricter rule: due by the end of the meeting day.
    m.agenda[2].kind = ItemKind::RoundTable(RoundTableRules {
        speaking_limit_minutes: Some(3),
        submission_days_after: 0,
    });
    assert_eq!(with_code(&m, Code::ContributionLate).len(), 1);
}

#[test]
fn contribution_empty() {
    let mut m = clean();
    m.contributions[0].body = " \n\t\n".into();
    assert_eq!(
        findings(&m),
        vec![(Code::ContributionEmpty, "contributions[0].body".to_owned())]
    );
    m.contributions[0].body = "Ingenting nytt.".into();
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn contribution_empty_section() {
    let mut m = clean();
    m.contributions[0].body = "## Nytt\n\n- Felles kraftstrategi:\n\n- Gods.\n".into();
    let found = with_code(&m, Code::ContributionEmptySection);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "contributions[0].body");
    assert!(
        found[0].1.contains("Felles kraftstrategi:"),
        "{}",
        found[0].1
    );
    assert!(found[0].1.contains("line 3"), "{}", found[0].1);

    m.contributions[0].body =
        "## Nytt\n\n- Felles kraftstrategi:\n  - vedtatt i alle kommuner\n- Gods.\n".into();
    assert_eq!(findings(&m), vec![]);

    m.contributions[0].body = "## Tomt\n\n## Fullt\n\nTekst.\n".into();
    assert_eq!(with_code(&m, Code::ContributionEmptySection).len(), 1);
}

#[test]
fn contribution_over_time_limit() {
    let mut m = clean();
    m.contributions[0].speaking_minutes = Some(4);
    let found = with_code(&m, Code::ContributionOverTimeLimit);
    assert_eq!(found.len(), 1);
    assert!(found[0].1.contains("4 minutes") && found[0].1.contains("limit is 3"));
    m.contributions[0].speaking_minutes = Some(3);
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn contribution_unknown_member_suggests_the_closest_organisation() {
    let mut m = clean();
    m.contributions[0].from = "Elverum".into();
    let found = with_code(&m, Code::ContributionUnknownMember);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "contributions[0].from");
    assert!(found[0].1.contains("\"Elverum Vekst\""), "{}", found[0].1);

    m.contributions[0].from = "Bærum kommunee".into();
    assert!(with_code(&m, Code::ContributionUnknownMember)[0]
        .1
        .contains("\"Bærum kommune\""));

    // Nothing close: no suggestion rather than a wild one.
    m.contributions[0].from = "Xyz".into();
    assert!(!with_code(&m, Code::ContributionUnknownMember)[0]
        .1
        .contains("did you mean"));

    // Case, spacing and normalisation do not make a different member.
    m.contributions[0].from = " elverum  VEKST".into();
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn contribution_duplicate() {
    let mut m = clean();
    let again = Contribution::new("Elverum Vekst", "Mer.");
    m.contributions.push(again);
    let found = with_code(&m, Code::ContributionDuplicate);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "contributions[1]");
    assert!(found[0].1.contains("contributions[0]"));

    // The same member at another round table is not a duplicate.
    let mut m = clean();
    m.agenda.push(round_table("5", Some(3)));
    m.contributions[0].item = Some("3".into());
    let mut other = Contribution::new("Elverum Vekst", "Mer.");
    other.item = Some("5".into());
    m.contributions.push(other);
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn contribution_round_table_over_time() {
    let mut m = clean();
    m.agenda[2].duration_minutes = Some(5);
    let mut second = Contribution::new("Bærum kommune", "Tekst.");
    second.speaking_minutes = Some(3);
    m.contributions.push(second);
    let found = with_code(&m, Code::ContributionRoundTableOverTime);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "agenda[2].duration_minutes");
    assert!(found[0].1.contains("6 minutes"), "{}", found[0].1);

    m.agenda[2].duration_minutes = Some(6);
    assert_eq!(findings(&m), vec![]);

    // Without speaking times, the limit times the number of contributions.
    m.agenda[2].duration_minutes = Some(5);
    for c in &mut m.contributions {
        c.speaking_minutes = None;
    }
    assert_eq!(with_code(&m, Code::ContributionRoundTableOverTime).len(), 1);
}

#[test]
fn privacy_national_id_in_free_text() {
    let mut m = clean();
    m.contributions[0].body = "Kontakt meg, fnr 150765 00565.".into();
    m.agenda[3].decision = Some("Gjelder 15076500565".into());
    let found = with_code(&m, Code::PrivacyNationalId);
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["agenda[3].decision", "contributions[0].body"]);
    // The finding does not repeat the number it warns about.
    assert!(!found[0].1.contains("15076500565"));
    assert!(found[0].1.contains("*********65"));

    // One digit off fails the checksum; phone numbers and dates pass by.
    m.contributions[0].body = "fnr 15076500566, tlf 41203424, 07.11.2024".into();
    m.agenda[3].decision = None;
    assert_eq!(findings(&m), vec![]);
}

#[test]
fn findings_are_all_reported_not_just_the_first() {
    let mut m: Meeting = clean();
    m.title.clear();
    m.agenda[3].title.clear();
    m.roster.update(0, |p| p.email = Some("x".into())).unwrap();
    m.contributions[0].body.clear();
    let codes: Vec<Code> = m.validate().findings().iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        [
            Code::MeetingMissingField,
            Code::AgendaEmptyTitle,
            Code::RosterEmail,
            Code::ContributionEmpty
        ]
    );
    assert!(m.validate().errors().all(|f| f.severity == Severity::Error));
}
