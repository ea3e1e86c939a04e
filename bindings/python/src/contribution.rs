//! `Contribution`: a member's written contribution.

use pyo3::prelude::*;

use crate::classes::Contribution;
use crate::convert::{from_json, value_class};
use crate::elements::{element_class, meeting_list};
use crate::time::{instant_from_py, instant_to_py};

element_class!(Contribution, roundtable::Contribution);
meeting_list!(
    ContributionList,
    Contribution,
    roundtable::Contribution,
    "contributions"
);

value_class! {
    Contribution, from_json = "_from_json";
    fields {
        /// The member organisation or region it comes from.
        from_, set_from_: String => from;
        /// The Markdown text.
        body, set_body: String => body;
        item, set_item: Option<String> => item;
        presenter, set_presenter: Option<String> => presenter;
        speaking_minutes, set_speaking_minutes: Option<u32> => speaking_minutes;
    }
    #[new]
    #[pyo3(signature = (from_, body, *, item = None, presenter = None, submitted_at = None, speaking_minutes = None))]
    fn new(
        from_: String,
        body: String,
        item: Option<String>,
        presenter: Option<String>,
        submitted_at: Option<&Bound<'_, PyAny>>,
        speaking_minutes: Option<u32>,
    ) -> PyResult<Self> {
        let mut inner = roundtable::Contribution::new(from_, body);
        inner.item = item;
        inner.presenter = presenter;
        inner.submitted_at = submitted_at.map(instant_from_py).transpose()?;
        inner.speaking_minutes = speaking_minutes;
        Ok(Contribution::own(inner))
    }
    #[staticmethod]
    fn _from_json(text: &str) -> PyResult<Self> {
        Ok(Contribution::own(from_json(text)?))
    }
    /// When it reached the secretariat, as an aware datetime.
    #[getter]
    fn submitted_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.data
            .read(py, |c| c.submitted_at)?
            .map(|t| instant_to_py(py, t))
            .transpose()
    }
    #[setter]
    fn set_submitted_at(&mut self, py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let value = value.map(instant_from_py).transpose()?;
        self.data.write(py, |c| c.submitted_at = value)
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        self.data.read(py, |c| {
            format!(
                "<Contribution from {:?} to item {:?}, {} bytes>",
                c.from,
                c.item.as_deref().unwrap_or("(round table)"),
                c.body.len()
            )
        })
    }
}
