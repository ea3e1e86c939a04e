//! The roster of invited people.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The people invited to a meeting, in order.
///
/// # Example
///
/// ```
/// use roundtable::{Person, Roster};
///
/// let mut roster = Roster::default();
/// roster.push(Person::new("Anne Kristine", "Feltman", "Bærum kommune"));
/// assert_eq!(roster.len(), 1);
/// assert_eq!(roster[0].full_name(), "Anne Kristine Feltman");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Roster {
    people: Vec<Person>,
}

impl Roster {
    /// A roster of these people.
    pub fn new(people: Vec<Person>) -> Roster {
        Roster { people }
    }

    /// How many people are on it.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether nobody is on it.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The person at `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<&Person> {
        self.people.get(index)
    }

    /// The person at `index`, to change.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut Person> {
        self.people.get_mut(index)
    }

    /// Adds a person at the end.
    pub fn push(&mut self, person: Person) {
        self.people.push(person);
    }

    /// The people, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Person> {
        self.people.iter()
    }

    /// The people as a slice.
    pub fn as_slice(&self) -> &[Person] {
        &self.people
    }

    /// Gives the people back.
    pub fn into_vec(self) -> Vec<Person> {
        self.people
    }
}

impl std::ops::Index<usize> for Roster {
    type Output = Person;

    fn index(&self, index: usize) -> &Person {
        &self.people[index]
    }
}

impl<'a> IntoIterator for &'a Roster {
    type Item = &'a Person;
    type IntoIter = std::slice::Iter<'a, Person>;

    fn into_iter(self) -> Self::IntoIter {
        self.people.iter()
    }
}

impl FromIterator<Person> for Roster {
    fn from_iter<I: IntoIterator<Item = Person>>(iter: I) -> Self {
        Roster {
            people: iter.into_iter().collect(),
        }
    }
}

impl From<Vec<Person>> for Roster {
    fn from(people: Vec<Person>) -> Self {
        Roster { people }
    }
}

/// One invited person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Given name or names ("Anne Kristine").
    pub given_name: String,
    /// Family name ("Feltman").
    pub family_name: String,
    /// The organisation the person represents ("Bærum kommune").
    #[serde(default)]
    pub organisation: String,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The person's part in the body.
    #[serde(default)]
    pub role: Role,
    /// Whether the person came.
    #[serde(default)]
    pub attendance: Attendance,
    /// Attributes the model does not know (further columns of an import),
    /// by name. Kept so that nothing read is lost.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl Person {
    /// A member, invited, with no email, phone or extra attributes.
    pub fn new(
        given_name: impl Into<String>,
        family_name: impl Into<String>,
        organisation: impl Into<String>,
    ) -> Person {
        Person {
            given_name: given_name.into(),
            family_name: family_name.into(),
            organisation: organisation.into(),
            email: None,
            phone: None,
            role: Role::Member,
            attendance: Attendance::Invited,
            extra: BTreeMap::new(),
        }
    }

    /// Given and family name, separated by a space, as printed on a list.
    pub fn full_name(&self) -> String {
        let given = self.given_name.trim();
        let family = self.family_name.trim();
        match (given.is_empty(), family.is_empty()) {
            (false, false) => format!("{given} {family}"),
            (true, _) => family.to_owned(),
            (false, true) => given.to_owned(),
        }
    }
}

/// A person's part in the body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// A member (the default).
    #[default]
    Member,
    /// The chair (leder / møteleder).
    Chair,
    /// The secretary (sekretær / referent).
    Secretary,
    /// A guest invited for an item.
    Guest,
    /// An observer without a vote.
    Observer,
}

impl Role {
    /// The role's name as written in JSON (`"chair"`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Chair => "chair",
            Role::Secretary => "secretary",
            Role::Guest => "guest",
            Role::Observer => "observer",
        }
    }
}

/// Whether a person came to the meeting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Attendance {
    /// Invited; not known whether they come (the default).
    #[default]
    #[serde(alias = "unknown")]
    Invited,
    /// Came.
    Present,
    /// Sent word they could not come ("forfall").
    Excused,
    /// Did not come, without word.
    Absent,
}

impl Attendance {
    /// The attendance's name as written in JSON (`"excused"`).
    pub fn name(self) -> &'static str {
        match self {
            Attendance::Invited => "invited",
            Attendance::Present => "present",
            Attendance::Excused => "excused",
            Attendance::Absent => "absent",
        }
    }
}
