//! `Person`: one invited person, read in place from a roster until changed.

use std::sync::Arc;

use pyo3::prelude::*;

use crate::convert::{from_json, json, parse};
use crate::roster_data::RosterData;

/// Where a person's fields live: in a roster (read in place, converted when
/// read), or on their own.
#[derive(Clone)]
pub(crate) enum PersonData {
    InRoster(Arc<RosterData>, usize),
    Own(Box<roundtable::Person>),
}

/// One invited person.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
pub(crate) struct Person {
    pub(crate) data: PersonData,
}

impl Person {
    fn with<R>(&self, read: impl FnOnce(PersonView<'_>) -> R) -> R {
        match &self.data {
            PersonData::InRoster(roster, index) => match roster.roster.get(*index) {
                Some(p) => read(PersonView::Ref(p)),
                None => read(PersonView::Own(&EMPTY_PERSON)),
            },
            PersonData::Own(p) => read(PersonView::Own(p)),
        }
    }

    pub(crate) fn owned(&self) -> roundtable::Person {
        self.with(|p| p.to_person())
    }

    /// The person as its own value, to change.
    // The arm below cannot be taken: the data was made owned just before.
    #[allow(clippy::unreachable)]
    fn own_mut(&mut self) -> &mut roundtable::Person {
        if let PersonData::InRoster(..) = self.data {
            self.data = PersonData::Own(Box::new(self.owned()));
        }
        match &mut self.data {
            PersonData::Own(p) => p,
            PersonData::InRoster(..) => unreachable!("made owned just above"),
        }
    }
}

pub(crate) static EMPTY_PERSON: std::sync::LazyLock<roundtable::Person> =
    std::sync::LazyLock::new(|| roundtable::Person::new("", "", ""));

pub(crate) enum PersonView<'a> {
    Ref(roundtable::PersonRef<'a>),
    Own(&'a roundtable::Person),
}

impl PersonView<'_> {
    fn given_name(&self) -> &str {
        match self {
            PersonView::Ref(p) => p.given_name(),
            PersonView::Own(p) => &p.given_name,
        }
    }
    fn family_name(&self) -> &str {
        match self {
            PersonView::Ref(p) => p.family_name(),
            PersonView::Own(p) => &p.family_name,
        }
    }
    fn organisation(&self) -> &str {
        match self {
            PersonView::Ref(p) => p.organisation(),
            PersonView::Own(p) => &p.organisation,
        }
    }
    fn email(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.email(),
            PersonView::Own(p) => p.email.as_deref(),
        }
    }
    fn phone(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.phone(),
            PersonView::Own(p) => p.phone.as_deref(),
        }
    }
    fn role(&self) -> roundtable::Role {
        match self {
            PersonView::Ref(p) => p.role(),
            PersonView::Own(p) => p.role,
        }
    }
    fn attendance(&self) -> roundtable::Attendance {
        match self {
            PersonView::Ref(p) => p.attendance(),
            PersonView::Own(p) => p.attendance,
        }
    }
    fn title(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.title(),
            PersonView::Own(p) => p.title.as_deref(),
        }
    }
    fn substitute_for(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.substitute_for(),
            PersonView::Own(p) => p.substitute_for.as_deref(),
        }
    }
    fn response(&self) -> roundtable::Response {
        match self {
            PersonView::Ref(p) => p.response(),
            PersonView::Own(p) => p.response,
        }
    }
    fn excuse(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.excuse(),
            PersonView::Own(p) => p.excuse.as_deref(),
        }
    }
    fn to_person(&self) -> roundtable::Person {
        match self {
            PersonView::Ref(p) => p.to_person(),
            PersonView::Own(p) => (*p).clone(),
        }
    }
}

#[pymethods]
impl Person {
    #[new]
    #[pyo3(signature = (given_name, family_name, organisation = "", *, email = None, phone = None, title = None, role = "member", substitute_for = None, response = "needs_action", attendance = "invited", excuse = None, extra = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        given_name: String,
        family_name: String,
        organisation: &str,
        email: Option<String>,
        phone: Option<String>,
        title: Option<String>,
        role: &str,
        substitute_for: Option<String>,
        response: &str,
        attendance: &str,
        excuse: Option<String>,
        extra: Option<std::collections::BTreeMap<String, String>>,
    ) -> PyResult<Self> {
        let mut p = roundtable::Person::new(given_name, family_name, organisation);
        p.email = email;
        p.phone = phone;
        p.title = title;
        p.role = parse(role)?;
        p.substitute_for = substitute_for;
        p.response = parse(response)?;
        p.attendance = parse(attendance)?;
        p.excuse = excuse;
        p.extra = extra.unwrap_or_default();
        Ok(Person {
            data: PersonData::Own(Box::new(p)),
        })
    }
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Ok(Person {
            data: PersonData::Own(Box::new(from_json(text)?)),
        })
    }
    #[getter]
    fn given_name(&self) -> String {
        self.with(|p| p.given_name().to_owned())
    }
    #[setter]
    fn set_given_name(&mut self, value: String) {
        self.own_mut().given_name = value;
    }
    #[getter]
    fn family_name(&self) -> String {
        self.with(|p| p.family_name().to_owned())
    }
    #[setter]
    fn set_family_name(&mut self, value: String) {
        self.own_mut().family_name = value;
    }
    #[getter]
    fn organisation(&self) -> String {
        self.with(|p| p.organisation().to_owned())
    }
    #[setter]
    fn set_organisation(&mut self, value: String) {
        self.own_mut().organisation = value;
    }
    #[getter]
    fn email(&self) -> Option<String> {
        self.with(|p| p.email().map(str::to_owned))
    }
    #[setter]
    fn set_email(&mut self, value: Option<String>) {
        self.own_mut().email = value;
    }
    #[getter]
    fn phone(&self) -> Option<String> {
        self.with(|p| p.phone().map(str::to_owned))
    }
    #[setter]
    fn set_phone(&mut self, value: Option<String>) {
        self.own_mut().phone = value;
    }
    /// Job title (stilling), or None.
    #[getter]
    fn title(&self) -> Option<String> {
        self.with(|p| p.title().map(str::to_owned))
    }
    #[setter]
    fn set_title(&mut self, value: Option<String>) {
        self.own_mut().title = value;
    }
    /// "member", "chair", "secretary", "guest", "observer",
    /// "deputy_chair" or "substitute".
    #[getter]
    fn role(&self) -> &'static str {
        self.with(|p| p.role().name())
    }
    #[setter]
    fn set_role(&mut self, value: &str) -> PyResult<()> {
        self.own_mut().role = parse(value)?;
        Ok(())
    }
    /// The role's code in the archive's list (Fiks Arkiv
    /// møtedeltakerfunksjon): "LEDER", "NESTL", "MEDL", "VARA", "SEKR";
    /// None for guests and observers.
    #[getter]
    fn archive_role(&self) -> Option<&'static str> {
        self.with(|p| p.role().archive_code())
    }
    /// Whom the person stands in for (email or full name), or None.
    #[getter]
    fn substitute_for(&self) -> Option<String> {
        self.with(|p| p.substitute_for().map(str::to_owned))
    }
    #[setter]
    fn set_substitute_for(&mut self, value: Option<String>) {
        self.own_mut().substitute_for = value;
    }
    /// The answer to the invitation: "needs_action", "accepted",
    /// "declined", "tentative" or "delegated".
    #[getter]
    fn response(&self) -> &'static str {
        self.with(|p| p.response().name())
    }
    #[setter]
    fn set_response(&mut self, value: &str) -> PyResult<()> {
        self.own_mut().response = parse(value)?;
        Ok(())
    }
    /// The reason given for not coming (forfall), or None.
    #[getter]
    fn excuse(&self) -> Option<String> {
        self.with(|p| p.excuse().map(str::to_owned))
    }
    #[setter]
    fn set_excuse(&mut self, value: Option<String>) {
        self.own_mut().excuse = value;
    }
    /// "invited", "present", "excused" or "absent".
    #[getter]
    fn attendance(&self) -> &'static str {
        self.with(|p| p.attendance().name())
    }
    #[setter]
    fn set_attendance(&mut self, value: &str) -> PyResult<()> {
        self.own_mut().attendance = parse(value)?;
        Ok(())
    }
    /// Attributes the model does not know (further columns of an import).
    #[getter]
    fn extra(&self) -> std::collections::BTreeMap<String, String> {
        self.owned().extra
    }
    #[setter]
    fn set_extra(&mut self, value: std::collections::BTreeMap<String, String>) {
        self.own_mut().extra = value;
    }
    /// Given and family name, as printed on a list.
    #[getter]
    fn full_name(&self) -> String {
        self.owned().full_name()
    }
    fn __repr__(&self) -> String {
        self.with(|p| {
            format!(
                "<Person {:?} {:?} ({:?})>",
                p.given_name(),
                p.family_name(),
                p.organisation()
            )
        })
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .extract::<PyRef<'_, Person>>()
            .is_ok_and(|o| o.owned() == self.owned())
    }
    fn __copy__(&self) -> Self {
        self.clone()
    }
    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        Person {
            data: PersonData::Own(Box::new(self.owned())),
        }
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((
            slf.get_type().getattr("_from_json")?,
            (json(&slf.borrow().owned()),),
        ))
    }
}
