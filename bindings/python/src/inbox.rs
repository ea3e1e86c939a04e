//! `Receipt` and `Mailbox`: what receiving a message did, and a mailbox's
//! messages one at a time. Results, frozen: read, never assigned.

use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::classes::Contribution;
use crate::errors::to_py_err;
use crate::reply::{IgnoredReply, ReplyChange};

/// What receiving one message did: a reply applied, a contribution added
/// or replacing an earlier one, or nothing (and why).
#[pyclass(module = "roundtable._native", frozen)]
pub(crate) struct Receipt {
    inner: roundtable::Receipt,
}

impl Receipt {
    pub(crate) fn wrap(inner: roundtable::Receipt) -> Self {
        Receipt { inner }
    }
}

#[pymethods]
impl Receipt {
    /// Which message of a batch, from 0.
    #[getter]
    fn message(&self) -> usize {
        self.inner.message
    }
    /// "reply", "contribution" or "nothing".
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind.as_str()
    }
    /// For a reply: the changes to the roster.
    #[getter]
    fn changes(&self) -> Vec<ReplyChange> {
        self.inner.changes.iter().map(ReplyChange::of).collect()
    }
    /// What was not applied, each with its code and reason.
    #[getter]
    fn ignored(&self) -> Vec<IgnoredReply> {
        self.inner.ignored.iter().map(IgnoredReply::of).collect()
    }
    /// What was applied and is worth a word ("reply.no_dtstamp").
    #[getter]
    fn warnings(&self) -> Vec<IgnoredReply> {
        self.inner.warnings.iter().map(IgnoredReply::of).collect()
    }
    /// For a contribution: the contribution as it is now (a copy).
    #[getter]
    fn contribution(&self) -> Option<Contribution> {
        let change = self.inner.contribution.as_ref()?;
        Some(Contribution::own(change.after.clone()))
    }
    /// The contribution it replaced (the sender's earlier message), if any.
    #[getter]
    fn replaced(&self) -> Option<Contribution> {
        let before = self.inner.contribution.as_ref()?.before.as_ref()?;
        Some(Contribution::own(before.clone()))
    }
    /// What the message held that is not the contribution, as (kind,
    /// text): kind "quoted", "signature" or "closing".
    #[getter]
    fn left_out(&self) -> Vec<(&'static str, String)> {
        self.inner
            .left_out
            .iter()
            .map(|l| (l.kind.as_str(), l.text.clone()))
            .collect()
    }
    /// How the item was chosen when the subject named none of several
    /// round tables.
    #[getter]
    fn item_note(&self) -> Option<&str> {
        self.inner.item_note.as_deref()
    }
    /// The receipt as JSON, the same text as in Rust and C.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }
    fn __repr__(&self) -> String {
        format!(
            "Receipt(kind={:?}, {} changes, {} ignored)",
            self.kind(),
            self.inner.changes.len(),
            self.inner.ignored.len()
        )
    }
}

/// The messages of a mailbox (an mbox file, a Maildir, a folder of .eml),
/// one at a time, as bytes. A message that cannot be read raises
/// roundtable.InboxError (or IoError) where it comes; iterating on goes to
/// the next.
#[pyclass(module = "roundtable._native")]
pub(crate) struct Mailbox {
    inner: Mutex<roundtable::Mailbox>,
}

#[pymethods]
impl Mailbox {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }
    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let next = py.detach(|| {
            let mut mailbox = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            mailbox.next()
        });
        match next {
            None => Ok(None),
            Some(Ok(bytes)) => Ok(Some(PyBytes::new(py, &bytes))),
            Some(Err(e)) => Err(to_py_err(e)),
        }
    }
}

/// Opens a mailbox: an mbox file, a Maildir (a folder with cur/ or new/),
/// or a folder of .eml files. Its messages are read as it is iterated.
#[pyfunction]
pub(crate) fn read_mailbox(path: std::path::PathBuf) -> PyResult<Mailbox> {
    let mailbox = roundtable::read_mailbox(&path).map_err(to_py_err)?;
    Ok(Mailbox {
        inner: Mutex::new(mailbox),
    })
}
