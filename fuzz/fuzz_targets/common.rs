//! A meeting made from fuzz input: the seed's shape with its text replaced
//! by pieces of the input.

use roundtable::{Contribution, Meeting, Person};

const SEED: &str = include_str!("../../tests/data/seed-meeting.json");

pub fn meeting(data: &[u8]) -> Meeting {
    let mut m = Meeting::from_json(SEED).unwrap();
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
