//! A meeting made from fuzz input: the seed's shape with its text replaced
//! by pieces of the input.

use std::sync::OnceLock;

use roundtable::{Contribution, Meeting, Person};

const SEED: &str = include_str!("../../tests/data/seed-meeting.json");

/// The seed's shape, read once, with 4 of its 45 people and 1 of its 5
/// contributions: reading the seed for every input, and checking, rendering
/// and filing all of it, was most of each run and kept the targets at
/// thousands of inputs a minute; what the input changes is the same.
fn seed() -> &'static Meeting {
    static SEED_MEETING: OnceLock<Meeting> = OnceLock::new();
    SEED_MEETING.get_or_init(|| {
        let mut doc: serde_json::Value = serde_json::from_str(SEED).unwrap();
        for (list, keep) in [("roster", 4), ("contributions", 1)] {
            if let Some(items) = doc[list].as_array_mut() {
                items.truncate(keep);
            }
        }
        Meeting::from_json(&doc.to_string()).unwrap()
    })
}

pub fn meeting(data: &[u8]) -> Meeting {
    let mut m = seed().clone();
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}');
    let mut next = || parts.next().unwrap_or("").to_owned();
    m.title = next();
    m.location.venue = next();
    m.location.room = Some(next());
    m.agenda[3].description = Some(next());
    m.agenda[2].decision = Some(next());
    let mut person = Person::new(next(), next(), next());
    person.email = Some(next());
    person.phone = Some(next());
    m.roster.push(person);
    let mut c = Contribution::new(next(), next());
    c.item = Some(next());
    m.contributions.push(c);
    m
}
