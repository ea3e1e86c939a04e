//! The meeting plan of a year: built from a template, checked against
//! weekends and Norwegian public holidays, exported as one calendar.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::seed;
use roundtable::{Code, ErrorKind, IcsOptions, MeetingPlan};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

fn codes(plan: &MeetingPlan) -> Vec<(Code, String)> {
    plan.validate()
        .findings()
        .iter()
        .map(|f| (f.code, f.path.clone()))
        .collect()
}

#[test]
fn a_plan_for_2025_from_the_seed() {
    let dates = [day(9, 11), day(2, 6), day(5, 22), day(11, 13)];
    let plan = MeetingPlan::build(&seed(), &dates).unwrap();
    assert_eq!(codes(&plan), vec![], "Thursdays that are no holidays");
    let ids: Vec<&str> = plan.meetings.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(
        ids[0], "osloregionen-naering-2024-11-07-2025-02-06",
        "sorted by date"
    );
    for (i, m) in plan.meetings.iter().enumerate() {
        assert_eq!(m.time.start_local().format("%H:%M").to_string(), "12:00");
        assert_eq!(m.time.duration().num_minutes(), 60);
        assert_eq!(m.location.venue, "Oslo Rådhus");
        assert!(m.agenda.is_empty() && m.contributions.is_empty());
        assert_eq!(m.roster.len(), 45);
        // Each links to the one before, and the link resolves in the plan.
        match i {
            0 => assert!(plan.previous_of(0).is_none()),
            _ => assert_eq!(plan.previous_of(i).unwrap().id, plan.meetings[i - 1].id),
        }
    }
    // In summer time the same wall time is another offset.
    assert_eq!(
        plan.meetings[1].time.start().to_rfc3339(),
        "2025-05-22T12:00:00+02:00"
    );
}

#[test]
fn same_day_weekend_and_holiday_are_found() {
    let plan = MeetingPlan::build(
        &seed(),
        &[
            day(2, 6),
            day(2, 6),
            day(3, 8),
            day(4, 17),
            day(5, 17),
            day(5, 29),
            day(6, 9),
        ],
    )
    .unwrap();
    let findings = plan.validate();
    let got: Vec<(Code, String)> = codes(&plan);
    assert_eq!(
        got,
        vec![
            (Code::PlanSameDay, "meetings[1].time".to_owned()),
            (Code::PlanWeekend, "meetings[2].time".to_owned()),
            (Code::PlanPublicHoliday, "meetings[3].time".to_owned()),
            (Code::PlanWeekend, "meetings[4].time".to_owned()),
            (Code::PlanPublicHoliday, "meetings[4].time".to_owned()),
            (Code::PlanPublicHoliday, "meetings[5].time".to_owned()),
            (Code::PlanPublicHoliday, "meetings[6].time".to_owned()),
        ]
    );
    let messages: Vec<&str> = findings
        .findings()
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        messages[2].contains("Skjærtorsdag (Maundy Thursday)"),
        "{}",
        messages[2]
    );
    assert!(messages[4].contains("Grunnlovsdag"), "{}", messages[4]);
    assert!(
        messages[5].contains("Kristi himmelfartsdag"),
        "{}",
        messages[5]
    );
    assert!(messages[6].contains("Andre pinsedag"), "{}", messages[6]);
    assert!(messages[1].contains("Saturday"), "{}", messages[1]);
    assert!(!findings.is_ok(), "two meetings on one day is an error");
}

#[test]
fn a_time_of_day_in_a_dst_gap_fails_the_build() {
    let mut template = seed();
    let night = NaiveDate::from_ymd_opt(2024, 11, 7).unwrap();
    template.time = roundtable::MeetingTime::new(
        night.and_hms_opt(2, 30, 0).unwrap(),
        night.and_hms_opt(3, 30, 0).unwrap(),
        roundtable::Zone::OSLO,
    )
    .unwrap();
    let err = MeetingPlan::build(&template, &[day(3, 30)]).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::NonexistentLocalTime { .. }),
        "{err}"
    );
}

#[test]
fn the_plan_is_one_calendar() {
    let plan = MeetingPlan::build(&seed(), &[day(2, 6), day(5, 22), day(9, 11)]).unwrap();
    let stamp = Utc.with_ymd_and_hms(2024, 11, 7, 14, 0, 0).unwrap();
    let ics = plan
        .to_ics(&IcsOptions::default().with_dtstamp(stamp))
        .unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
    assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
    assert!(ics.contains("DTSTART;TZID=Europe/Oslo:20250522T120000\r\n"));
    assert!(ics.contains("UID:osloregionen-naering-2024-11-07-2025-09-11@roundtable\r\n"));
}
