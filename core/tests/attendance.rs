//! Who answered, who came: the minutes' lists and the invitation's
//! attendee parameters follow each person's role, response and attendance.

mod common;

use roundtable::{
    Attendance, Document, Format, IcsOptions, Language, Method, Person, Response, Role, Roster,
};

fn person(given: &str, family: &str, role: Role, attendance: Attendance) -> Person {
    let mut p = Person::new(given, family, "Asker kommune");
    p.email = Some(format!("{}@asker.kommune.no", family.to_lowercase()));
    p.role = role;
    p.attendance = attendance;
    p
}

fn meeting() -> roundtable::Meeting {
    let mut m = common::seed();
    if let Some(notice) = m.notice.as_mut() {
        notice.contact = Some(roundtable::Contact {
            name: "Karoline Ulateig".into(),
            phone: None,
            email: Some("karoline@osloregionen.no".into()),
        });
    }
    let mut away = person("Anne", "Feltman", Role::Member, Attendance::Excused);
    away.excuse = Some("sykdom".into());
    away.response = Response::Declined;
    let mut vara = person("Siri", "Vara", Role::Substitute, Attendance::Present);
    vara.substitute_for = Some("FELTMAN@Asker.Kommune.no".into());
    vara.response = Response::Accepted;
    let mut maybe = person("Per", "Kanskje", Role::DeputyChair, Attendance::Absent);
    maybe.response = Response::Tentative;
    let chair = person("Asbjørn", "Lunde", Role::Chair, Attendance::Present);
    m.roster = Roster::from(vec![chair, away, vara, maybe]);
    m
}

#[test]
fn the_minutes_list_present_excused_and_absent_in_both_languages() {
    let m = meeting();
    let nb = m.render(Document::Minutes, Format::Markdown, Language::Norwegian);
    let present = nb
        .split("## Til stede")
        .nth(1)
        .unwrap()
        .split("## Forfall")
        .next()
        .unwrap();
    assert!(
        present.contains("Siri Vara, Asker kommune (møtte for Anne Feltman)"),
        "{present}"
    );
    assert!(present.contains("Asbjørn Lunde"));
    let excused = nb
        .split("## Forfall")
        .nth(1)
        .unwrap()
        .split("## Ikke møtt")
        .next()
        .unwrap();
    assert!(
        excused.contains("Anne Feltman, Asker kommune (sykdom)"),
        "{excused}"
    );
    let absent = nb
        .split("## Ikke møtt")
        .nth(1)
        .unwrap()
        .split("## ")
        .next()
        .unwrap();
    assert!(absent.contains("Per Kanskje"), "{absent}");
    let en = m.render(Document::Minutes, Format::Markdown, Language::English);
    assert!(en.contains("## Absent"));
    assert!(en.contains("(standing in for Anne Feltman)"));
}

#[test]
fn the_invitation_keeps_the_answers_given_and_marks_roles() {
    let m = meeting();
    let ics = m
        .to_ics(&IcsOptions::default().with_method(Method::Request))
        .unwrap()
        .replace("\r\n ", "");
    let attendee = |email: &str| -> String {
        ics.lines()
            .find(|l| l.starts_with("ATTENDEE") && l.ends_with(email))
            .unwrap_or_else(|| panic!("no attendee {email}"))
            .to_owned()
    };
    let chair = attendee("lunde@asker.kommune.no");
    assert!(
        chair.contains("ROLE=CHAIR")
            && chair.contains("PARTSTAT=NEEDS-ACTION")
            && chair.contains("RSVP=TRUE"),
        "{chair}"
    );
    let away = attendee("feltman@asker.kommune.no");
    assert!(
        away.contains("ROLE=REQ-PARTICIPANT")
            && away.contains("PARTSTAT=DECLINED")
            && !away.contains("RSVP"),
        "{away}"
    );
    let vara = attendee("vara@asker.kommune.no");
    assert!(
        vara.contains("ROLE=OPT-PARTICIPANT") && vara.contains("PARTSTAT=ACCEPTED"),
        "{vara}"
    );
    let maybe = attendee("kanskje@asker.kommune.no");
    assert!(
        maybe.contains("PARTSTAT=TENTATIVE") && maybe.contains("RSVP=TRUE"),
        "{maybe}"
    );
}
