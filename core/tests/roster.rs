//! The roster's storage: people read in place, edited through owned copies.

use roundtable::{Attendance, Person, Role, Roster};

fn person(given: &str, family: &str, org: &str) -> Person {
    Person::new(given, family, org)
}

#[test]
fn edits_replace_whole_people_and_keep_order() {
    let mut r: Roster = vec![
        person("Anne", "Huse", "Kongsvingerregionen"),
        person("Asbjørn", "Lunde", "Elverum Vekst"),
        person("Toril", "Lislien", "Drammen kommune"),
    ]
    .into();
    assert_eq!(
        r.update(1, |p| {
            p.role = Role::Chair;
            p.organisation = "Elverum kommune".into();
            p.extra.insert("Avdeling".into(), "Næring".into());
            p.full_name()
        }),
        Some("Asbjørn Lunde".to_owned())
    );
    let asbjorn = r.get(1).unwrap();
    assert_eq!(
        (asbjorn.role(), asbjorn.organisation()),
        (Role::Chair, "Elverum kommune")
    );
    assert_eq!(asbjorn.extra("Avdeling"), Some("Næring"));
    assert_eq!(r.update(3, |_| ()), None);

    assert!(r.set(0, &person("Anne", "Solheim", "Oslo kommune")));
    assert!(!r.set(3, &person("X", "Y", "Z")));
    assert_eq!(r.len(), 3);
    // Organisations no longer held by anyone are not listed.
    assert_eq!(
        r.organisations(),
        ["Oslo kommune", "Elverum kommune", "Drammen kommune"]
    );

    let removed = r.remove(0).unwrap();
    assert_eq!(removed.family_name, "Solheim");
    assert_eq!(r.remove(5), None);
    let names: Vec<String> = r.iter().map(|p| p.full_name()).collect();
    assert_eq!(names, ["Asbjørn Lunde", "Toril Lislien"]);
}

#[test]
fn equality_is_by_content_not_by_storage() {
    let mut a: Roster = vec![person("Anne", "Huse", "K"), person("Toril", "Lislien", "D")].into();
    let b: Roster = vec![person("Anne", "Huse", "K"), person("Toril", "Lislien", "D")].into();
    assert_eq!(a, b);
    // An edit and its undo leave the buffer longer but the roster equal.
    a.update(0, |p| p.given_name = "Anna".into());
    assert_ne!(a, b);
    a.update(0, |p| p.given_name = "Anne".into());
    assert_eq!(a, b);
    assert_eq!(a.to_people(), b.to_people());
    assert!(a.heap_size() > 0);
}

#[test]
fn absent_and_empty_optional_fields_differ() {
    let mut p = person("Anne", "Huse", "K");
    p.email = Some(String::new());
    p.attendance = Attendance::Excused;
    let r: Roster = vec![p.clone(), person("Anne", "Huse", "K")].into();
    assert_eq!(r.get(0).unwrap().email(), Some(""));
    assert_eq!(r.get(1).unwrap().email(), None);
    assert_eq!(r.get(0).unwrap().to_person(), p);
    assert_eq!(r.iter().len(), 2);
}
