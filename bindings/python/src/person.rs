//! `Person`: one invited person, on their own or a view of their place on
//! a roster (read and written there).

use pyo3::prelude::*;

use crate::classes::{Person, PersonData};
use crate::convert::{from_json, json, parse, snapshot_error};

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
    fn given_name(&self, py: Python<'_>) -> PyResult<String> {
        self.with(py, |p| p.given_name().to_owned())
    }
    #[setter]
    fn set_given_name(&mut self, py: Python<'_>, value: String) -> PyResult<()> {
        self.update(py, |p| p.given_name = value)
    }
    #[getter]
    fn family_name(&self, py: Python<'_>) -> PyResult<String> {
        self.with(py, |p| p.family_name().to_owned())
    }
    #[setter]
    fn set_family_name(&mut self, py: Python<'_>, value: String) -> PyResult<()> {
        self.update(py, |p| p.family_name = value)
    }
    #[getter]
    fn organisation(&self, py: Python<'_>) -> PyResult<String> {
        self.with(py, |p| p.organisation().to_owned())
    }
    #[setter]
    fn set_organisation(&mut self, py: Python<'_>, value: String) -> PyResult<()> {
        self.update(py, |p| p.organisation = value)
    }
    #[getter]
    fn email(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.with(py, |p| p.email().map(str::to_owned))
    }
    #[setter]
    fn set_email(&mut self, py: Python<'_>, value: Option<String>) -> PyResult<()> {
        self.update(py, |p| p.email = value)
    }
    #[getter]
    fn phone(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.with(py, |p| p.phone().map(str::to_owned))
    }
    #[setter]
    fn set_phone(&mut self, py: Python<'_>, value: Option<String>) -> PyResult<()> {
        self.update(py, |p| p.phone = value)
    }
    /// Job title (stilling), or None.
    #[getter]
    fn title(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.with(py, |p| p.title().map(str::to_owned))
    }
    #[setter]
    fn set_title(&mut self, py: Python<'_>, value: Option<String>) -> PyResult<()> {
        self.update(py, |p| p.title = value)
    }
    /// "member", "chair", "secretary", "guest", "observer",
    /// "deputy_chair" or "substitute".
    #[getter]
    fn role(&self, py: Python<'_>) -> PyResult<&'static str> {
        self.with(py, |p| p.role().name())
    }
    #[setter]
    fn set_role(&mut self, py: Python<'_>, value: &str) -> PyResult<()> {
        let value = parse(value)?;
        self.update(py, |p| p.role = value)
    }
    /// The role's code in the archive's list (Fiks Arkiv
    /// møtedeltakerfunksjon): "LEDER", "NESTL", "MEDL", "VARA", "SEKR";
    /// None for guests and observers.
    #[getter]
    fn archive_role(&self, py: Python<'_>) -> PyResult<Option<&'static str>> {
        self.with(py, |p| p.role().archive_code())
    }
    /// Whom the person stands in for (email or full name), or None.
    #[getter]
    fn substitute_for(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.with(py, |p| p.substitute_for().map(str::to_owned))
    }
    #[setter]
    fn set_substitute_for(&mut self, py: Python<'_>, value: Option<String>) -> PyResult<()> {
        self.update(py, |p| p.substitute_for = value)
    }
    /// The answer to the invitation: "needs_action", "accepted",
    /// "declined", "tentative" or "delegated".
    #[getter]
    fn response(&self, py: Python<'_>) -> PyResult<&'static str> {
        self.with(py, |p| p.response().name())
    }
    #[setter]
    fn set_response(&mut self, py: Python<'_>, value: &str) -> PyResult<()> {
        let value = parse(value)?;
        self.update(py, |p| p.response = value)
    }
    /// The reason given for not coming (forfall), or None.
    #[getter]
    fn excuse(&self, py: Python<'_>) -> PyResult<Option<String>> {
        self.with(py, |p| p.excuse().map(str::to_owned))
    }
    #[setter]
    fn set_excuse(&mut self, py: Python<'_>, value: Option<String>) -> PyResult<()> {
        self.update(py, |p| p.excuse = value)
    }
    /// "invited", "present", "excused" or "absent".
    #[getter]
    fn attendance(&self, py: Python<'_>) -> PyResult<&'static str> {
        self.with(py, |p| p.attendance().name())
    }
    #[setter]
    fn set_attendance(&mut self, py: Python<'_>, value: &str) -> PyResult<()> {
        let value = parse(value)?;
        self.update(py, |p| p.attendance = value)
    }
    /// Attributes the model does not know (further columns of an import),
    /// as a read-only mapping: an item assigned into a copy would be lost,
    /// so assign the whole dict (`person.extra = {...}`) to change it.
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let extra = self.with(py, |p| p.to_person().extra)?;
        let dict = pyo3::types::PyDict::new(py);
        for (k, v) in extra {
            dict.set_item(k, v)?;
        }
        py.import("types")?
            .getattr("MappingProxyType")?
            .call1((dict,))
    }
    #[setter]
    fn set_extra(
        &mut self,
        py: Python<'_>,
        value: std::collections::BTreeMap<String, String>,
    ) -> PyResult<()> {
        self.update(py, |p| p.extra = value)
    }
    /// Given and family name, as printed on a list.
    #[getter]
    fn full_name(&self, py: Python<'_>) -> PyResult<String> {
        self.with(py, |p| p.to_person().full_name())
    }
    #[setter]
    fn set_full_name(&self, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(snapshot_error("full_name", "given_name and family_name"))
    }
    #[setter]
    fn set_archive_role(&self, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(snapshot_error(
            "archive_role",
            "role (\"chair\", \"substitute\"…)",
        ))
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.with(py, |p| {
            format!(
                "<Person {:?} {:?} ({:?})>",
                p.given_name(),
                p.family_name(),
                p.organisation()
            )
        })
    }
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(other) = other.extract::<PyRef<'_, Person>>() else {
            return Ok(false);
        };
        let theirs = other.owned(py)?;
        Ok(self.owned(py)? == theirs)
    }
    fn __copy__(&self, py: Python<'_>) -> PyResult<Self> {
        Ok(Person {
            data: PersonData::Own(Box::new(self.owned(py)?)),
        })
    }
    fn __deepcopy__(&self, py: Python<'_>, _memo: &Bound<'_, PyAny>) -> PyResult<Self> {
        self.__copy__(py)
    }
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let state = json(&slf.borrow().owned(slf.py())?);
        Ok((slf.get_type().getattr("_from_json")?, (state,)))
    }
}
