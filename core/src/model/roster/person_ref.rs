//! A person on a roster, read in place: the fields are slices of the
//! roster's text buffer, converted only when asked for.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::parts::Part;
use super::person::full_name;
use super::{Attendance, Person, Response, Role, Roster, Row, Span};
use super::{EXCUSE, FIRST_FIELD, SUBSTITUTE_FOR, TITLE};

/// A person on a [`Roster`], read in place.
#[derive(Clone, Copy)]
pub struct PersonRef<'a> {
    pub(super) roster: &'a Roster,
    /// The part of the roster that holds the row, whose numbers it uses.
    pub(super) part: &'a Part,
    pub(super) row: &'a Row,
}

impl<'a> PersonRef<'a> {
    /// Given name or names ("Anne Kristine").
    pub fn given_name(&self) -> &'a str {
        self.text(self.row.names.given()).unwrap_or("")
    }

    /// Family name ("Feltman").
    pub fn family_name(&self) -> &'a str {
        self.text(self.row.names.family()).unwrap_or("")
    }

    /// The organisation the person represents.
    pub fn organisation(&self) -> &'a str {
        self.roster.organisation_text(self.organisation_id())
    }

    /// A text of the row's, from the roster's buffer.
    #[inline]
    fn text(&self, span: Span) -> Option<&'a str> {
        self.roster.slice(self.part.segment(self.row), span)
    }

    /// Email address, if any.
    pub fn email(&self) -> Option<&'a str> {
        self.text(self.row.names.email())
    }

    /// Phone number as written, if any.
    pub fn phone(&self) -> Option<&'a str> {
        self.text(self.row.names.phone())
    }

    /// The person's part in the body.
    pub fn role(&self) -> Role {
        self.row.role
    }

    /// Job title (*stilling*), if any.
    pub fn title(&self) -> Option<&'a str> {
        self.field(TITLE)
    }

    /// Whom the person stands in for (email or full name), if anyone.
    pub fn substitute_for(&self) -> Option<&'a str> {
        self.field(SUBSTITUTE_FOR)
    }

    /// What the person answered to the invitation.
    pub fn response(&self) -> Response {
        self.row.response
    }

    /// The reason given for not coming, if one was given.
    pub fn excuse(&self) -> Option<&'a str> {
        self.field(EXCUSE)
    }

    /// The row's values: optional fields first, then extra attributes.
    fn values(&self) -> impl Iterator<Item = (u32, Span)> + 'a {
        self.part.values(self.row)
    }

    fn field(&self, id: u32) -> Option<&'a str> {
        let this = *self;
        self.values()
            .take_while(|(i, _)| *i >= FIRST_FIELD)
            .find(|(i, _)| *i == id)
            .and_then(move |(_, span)| this.text(span))
    }

    /// The roster's id of the organisation: equal ids, equal text.
    pub(crate) fn organisation_id(&self) -> u32 {
        self.part.organisation(self.row.organisation)
    }

    /// Whether the person came.
    pub fn attendance(&self) -> Attendance {
        self.row.attendance
    }

    /// The extra attributes, as (name, value), in the order they were added.
    pub fn extras(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        let this = *self;
        self.extra_ids().map(move |(id, value)| {
            (
                this.roster
                    .extra_names
                    .get(id as usize)
                    .map_or("", |n| &**n),
                value,
            )
        })
    }

    /// The extra attributes as (id of the name on the roster, value): what
    /// the export places into its columns without a search per name.
    pub(crate) fn extra_ids(&self) -> impl Iterator<Item = (u32, &'a str)> + 'a {
        let this = *self;
        self.values()
            .filter(|(id, _)| *id < FIRST_FIELD)
            .map(move |(id, span)| (this.part.name(id), this.text(span).unwrap_or("")))
    }

    /// The value of the extra attribute `name`, if the person has it.
    pub fn extra(&self, name: &str) -> Option<&'a str> {
        self.extras().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Given and family name, separated by a space, as printed on a list.
    pub fn full_name(&self) -> String {
        full_name(self.given_name(), self.family_name())
    }

    /// An owned copy, to change or keep.
    pub fn to_person(&self) -> Person {
        Person {
            given_name: self.given_name().to_owned(),
            family_name: self.family_name().to_owned(),
            organisation: self.organisation().to_owned(),
            email: self.email().map(str::to_owned),
            phone: self.phone().map(str::to_owned),
            title: self.title().map(str::to_owned),
            role: self.role(),
            substitute_for: self.substitute_for().map(str::to_owned),
            response: self.response(),
            attendance: self.attendance(),
            excuse: self.excuse().map(str::to_owned),
            extra: self
                .extras()
                .map(|(n, v)| (n.to_owned(), v.to_owned()))
                .collect(),
        }
    }
}

impl PartialEq for PersonRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.given_name() == other.given_name()
            && self.family_name() == other.family_name()
            && self.organisation() == other.organisation()
            && self.email() == other.email()
            && self.phone() == other.phone()
            && self.title() == other.title()
            && self.role() == other.role()
            && self.substitute_for() == other.substitute_for()
            && self.response() == other.response()
            && self.attendance() == other.attendance()
            && self.excuse() == other.excuse()
            && self.extras().collect::<BTreeMap<_, _>>()
                == other.extras().collect::<BTreeMap<_, _>>()
    }
}

impl Eq for PersonRef<'_> {}

impl fmt::Debug for PersonRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_person(), f)
    }
}

impl Serialize for PersonRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let extra: BTreeMap<&str, &str> = self.extras().collect();
        let fields = 5
            + usize::from(self.email().is_some())
            + usize::from(self.phone().is_some())
            + usize::from(self.title().is_some())
            + usize::from(self.substitute_for().is_some())
            + usize::from(self.response() != Response::NeedsAction)
            + usize::from(self.excuse().is_some())
            + usize::from(!extra.is_empty());
        let mut st = s.serialize_struct("Person", fields)?;
        st.serialize_field("given_name", self.given_name())?;
        st.serialize_field("family_name", self.family_name())?;
        st.serialize_field("organisation", self.organisation())?;
        if let Some(email) = self.email() {
            st.serialize_field("email", email)?;
        }
        if let Some(phone) = self.phone() {
            st.serialize_field("phone", phone)?;
        }
        if let Some(title) = self.title() {
            st.serialize_field("title", title)?;
        }
        st.serialize_field("role", &self.role())?;
        if let Some(name) = self.substitute_for() {
            st.serialize_field("substitute_for", name)?;
        }
        if self.response() != Response::NeedsAction {
            st.serialize_field("response", &self.response())?;
        }
        st.serialize_field("attendance", &self.attendance())?;
        if let Some(excuse) = self.excuse() {
            st.serialize_field("excuse", excuse)?;
        }
        if !extra.is_empty() {
            st.serialize_field("extra", &extra)?;
        }
        st.end()
    }
}
