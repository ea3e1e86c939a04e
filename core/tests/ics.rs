//! The calendar invitation of the seed meeting, byte for byte, and the
//! rules of iCalendar text on every line of it.

mod common;

use chrono::{TimeZone, Utc};
use common::{check_golden, clean, seed};
use roundtable::{ErrorKind, IcsOptions, Meeting, Method, Person, Role};

fn stamp() -> IcsOptions {
    IcsOptions::default().with_dtstamp(Utc.with_ymd_and_hms(2024, 11, 1, 8, 0, 0).unwrap())
}

/// Every line ends in CRLF, has at most 75 octets, has no bare CR, and
/// unfolds to whole UTF-8.
fn assert_well_formed(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\r'), "a bare CR");
    assert!(!ics.replace("\r\n", "").contains('\n'), "a bare LF");
    for line in ics.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
}

#[test]
fn the_seed_invitation_is_its_golden_file() {
    let ics = seed().to_ics(&stamp()).unwrap();
    assert_well_formed(&ics);
    check_golden("seed-meeting.ics", &ics);
    for line in [
        "METHOD:PUBLISH\r\n",
        "UID:osloregionen-naering-2024-11-07@roundtable\r\n",
        "DTSTAMP:20241101T080000Z\r\n",
        "DTSTART;TZID=Europe/Oslo:20241107T120000\r\n",
        "DTEND;TZID=Europe/Oslo:20241107T130000\r\n",
        "SUMMARY:Møte i faggruppe for Næringssamarbeid\r\n",
        "LOCATION:Oslo Rådhus\\, møteromssenteret (inngang sjøsiden)\r\n",
        "URL;VALUE=URI:https://osloregionen.no/\r\n",
        "STATUS:CONFIRMED\r\n",
    ] {
        assert!(ics.contains(line), "{line:?} missing");
    }
    // The seed has no emails: a plain calendar file has no organizer and
    // no attendees.
    assert!(!ics.contains("ORGANIZER") && !ics.contains("ATTENDEE"));
    // The same meeting, the same UID; another sequence when raised.
    let again = seed().to_ics(&stamp().with_sequence(2)).unwrap();
    assert!(again.contains("UID:osloregionen-naering-2024-11-07@roundtable\r\n"));
    assert!(again.contains("SEQUENCE:2\r\n"));
}

fn invitable() -> Meeting {
    let mut m = clean();
    let notice = m.notice.as_mut().unwrap();
    notice.contact = Some(roundtable::Contact {
        name: "Karoline \"Kari\" H. Ulateig".into(),
        phone: Some("41203424".into()),
        email: Some("karoline@osloregionen.no".into()),
    });
    let mut observer = Person::new("Åse", "Ærø", "Oslo kommune");
    observer.role = Role::Observer;
    observer.email = Some("ase@oslo.kommune.no".into());
    m.roster.push(observer);
    m.roster.push(Person::new("Uten", "Epost", "KS"));
    m.location.directions = Some("inngang sjøsiden; 2. etasje, rom \\3".into());
    m
}

#[test]
fn a_request_invites_everyone_with_an_email_by_role() {
    let ics = invitable()
        .to_ics(&stamp().with_method(Method::Request))
        .unwrap();
    assert_well_formed(&ics);
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("METHOD:REQUEST\r\n"));
    assert!(
        unfolded.contains(
            "ORGANIZER;CN=Karoline ^'Kari^' H. Ulateig:mailto:karoline@osloregionen.no\r\n"
        ),
        "{unfolded}"
    );
    assert!(unfolded.contains("ATTENDEE;CN=Asbjørn Lunde;ROLE=CHAIR;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:asbjorn@elverum.no\r\n"), "{unfolded}");
    assert!(unfolded.contains("ATTENDEE;CN=Anne Kristine Feltman;ROLE=REQ-PARTICIPANT"));
    assert!(unfolded.contains("ATTENDEE;CN=Åse Ærø;ROLE=OPT-PARTICIPANT"));
    assert_eq!(
        unfolded.matches("ATTENDEE").count(),
        4,
        "the person without email is not invited"
    );
    assert!(
        unfolded.contains("LOCATION:Oslo Rådhus (inngang sjøsiden\\; 2. etasje\\, rom \\\\3)\r\n"),
        "{unfolded}"
    );

    let cancel = invitable()
        .to_ics(&stamp().with_method(Method::Cancel).with_sequence(1))
        .unwrap();
    assert!(
        cancel.contains("METHOD:CANCEL\r\n")
            && cancel.contains("STATUS:CANCELLED\r\n")
            && cancel.contains("SEQUENCE:1\r\n")
    );
}

#[test]
fn a_request_without_emails_says_what_is_missing() {
    let err = seed()
        .to_ics(&stamp().with_method(Method::Request))
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Calendar { .. }));
    assert!(err.to_string().contains("organizer"), "{err}");
    let mut m = invitable();
    m.roster = roundtable::Roster::new();
    let err = m.to_ics(&stamp().with_method(Method::Request)).unwrap_err();
    assert_eq!(err.kind_name(), "calendar");
    assert!(
        err.to_string()
            .contains("nobody on the roster has an email"),
        "{err}"
    );
}

#[test]
fn long_norwegian_text_folds_between_characters() {
    let mut m = clean();
    m.title =
        "Særdeles lang tittel på møtet om næringsutvikling i Østlandsområdet, med æøå ".repeat(4);
    let ics = m.to_ics(&stamp()).unwrap();
    assert_well_formed(&ics);
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains(&format!(
        "SUMMARY:{}\r\n",
        m.title.trim().replace(',', "\\,")
    )));
}
