//! The Python classes that are views of one another, as data: which
//! object holds what, and where a view's value lives (on its own, or in
//! the meeting or roster that owns it). Their methods are in the files
//! named after them; reading and writing a view where it lives is
//! `views.rs`. Kept apart so that a view can name its owner (a `Person` its
//! `Roster`, a `Roster` or an `AgendaItem` its `Meeting`) without the
//! owner's methods, and the owner its views without theirs.

use std::sync::Arc;

use pyo3::prelude::*;

use crate::ids::Ids;
use crate::roster_data::RosterData;

/// One meeting of a cooperation group: notice, agenda, roster and
/// contributions.
#[pyclass(module = "roundtable._native")]
#[derive(Clone)]
pub(crate) struct Meeting {
    /// Shared copy-on-write: work that releases the GIL (rendering,
    /// validating, writing JSON or a calendar, applying replies) takes a
    /// handle to the meeting as it is, and holds no borrow of this object;
    /// a writer meanwhile changes a copy ([`Meeting::inner_mut`]), so
    /// neither waits for nor fails on the other.
    pub(crate) inner: Arc<roundtable::Meeting>,
    /// The identities of the elements of the lists, for their views.
    pub(crate) agenda_ids: Ids,
    pub(crate) contribution_ids: Ids,
    pub(crate) roster_ids: Ids,
}

impl Meeting {
    pub(crate) fn wrap(inner: roundtable::Meeting) -> Self {
        Meeting {
            inner: Arc::new(inner),
            agenda_ids: Ids::default(),
            contribution_ids: Ids::default(),
            roster_ids: Ids::default(),
        }
    }

    /// The meeting, to change: a copy of its own if a reader holds it.
    pub(crate) fn inner_mut(&mut self) -> &mut roundtable::Meeting {
        Arc::make_mut(&mut self.inner)
    }

    /// The meeting as it is now, for work done without the GIL: the
    /// object is borrowed only while the handle is taken.
    pub(crate) fn snapshot(slf: &Bound<'_, Meeting>) -> PyResult<Arc<roundtable::Meeting>> {
        let this = slf.try_borrow().map_err(|_| crate::ids::busy("meeting"))?;
        Ok(Arc::clone(&this.inner))
    }
}

/// Where a roster's people live.
pub(crate) enum RosterStore {
    /// A roster of its own (shared copy-on-write by its copies), and the
    /// identities of its people for their views.
    Own { data: Arc<RosterData>, ids: Ids },
    /// The roster of a meeting.
    Meeting(Py<Meeting>),
}

/// The people invited to a meeting. Kept on the Rust side: a Person read
/// from it converts its fields when they are read.
#[pyclass(module = "roundtable._native")]
pub(crate) struct Roster {
    pub(crate) store: RosterStore,
}

/// Where a person's fields live.
pub(crate) enum PersonData {
    /// On their own.
    Own(Box<roundtable::Person>),
    /// The person `id` of a roster (last seen at `hint`).
    InRoster {
        roster: Py<Roster>,
        id: u64,
        hint: usize,
    },
}

/// One invited person.
#[pyclass(module = "roundtable._native")]
pub(crate) struct Person {
    pub(crate) data: PersonData,
}

/// One item of an agenda.
#[pyclass(module = "roundtable._native")]
pub(crate) struct AgendaItem {
    pub(crate) data: Elem<roundtable::AgendaItem>,
}

/// A member's written contribution to an agenda item.
#[pyclass(module = "roundtable._native")]
pub(crate) struct Contribution {
    pub(crate) data: Elem<roundtable::Contribution>,
}

/// A core value that is an element of one of a meeting's lists.
pub(crate) trait InMeeting: Clone + PartialEq + Send + 'static {
    /// What an element is called in messages ("agenda item").
    const WHAT: &'static str;
    /// The list in the meeting, and the identities of its elements.
    fn list(m: &Meeting) -> (&Vec<Self>, &Ids);
    /// The same, to change.
    fn list_mut(m: &mut Meeting) -> (&mut Vec<Self>, &mut Ids);
}

impl InMeeting for roundtable::AgendaItem {
    const WHAT: &'static str = "agenda item";
    fn list(m: &Meeting) -> (&Vec<Self>, &Ids) {
        (&m.inner.agenda, &m.agenda_ids)
    }
    fn list_mut(m: &mut Meeting) -> (&mut Vec<Self>, &mut Ids) {
        (&mut Arc::make_mut(&mut m.inner).agenda, &mut m.agenda_ids)
    }
}

impl InMeeting for roundtable::Contribution {
    const WHAT: &'static str = "contribution";
    fn list(m: &Meeting) -> (&Vec<Self>, &Ids) {
        (&m.inner.contributions, &m.contribution_ids)
    }
    fn list_mut(m: &mut Meeting) -> (&mut Vec<Self>, &mut Ids) {
        (
            &mut Arc::make_mut(&mut m.inner).contributions,
            &mut m.contribution_ids,
        )
    }
}

/// Where an element's value lives.
pub(crate) enum Elem<T> {
    /// Held by the object.
    Own(Box<T>),
    /// The element `id` of a meeting's list (last seen at `hint`).
    In {
        meeting: Py<Meeting>,
        id: u64,
        hint: usize,
    },
}
