//! Reading and writing a view's value where it lives: an element in its
//! meeting's list, a roster in its meeting, a person on their roster. The
//! one place that borrows an owner for a view, so that a busy or a removed
//! owner gives the same errors (`busy`, `gone`) for every class.

use std::sync::Arc;

use pyo3::prelude::*;

use crate::classes::{Elem, InMeeting, Meeting, Person, PersonData, Roster, RosterStore};
use crate::ids::{busy, gone, Ids};
use crate::roster_data::{unique, RosterData};

impl<T: InMeeting> Elem<T> {
    pub(crate) fn read<R>(&self, py: Python<'_>, f: impl FnOnce(&T) -> R) -> PyResult<R> {
        match self {
            Elem::Own(value) => Ok(f(value)),
            Elem::In { meeting, id, hint } => {
                let m = meeting.bind(py).try_borrow().map_err(|_| busy("meeting"))?;
                let (list, ids) = T::list(&m);
                let value = ids
                    .find(*id, *hint)
                    .and_then(|i| list.get(i))
                    .ok_or_else(|| gone(T::WHAT))?;
                Ok(f(value))
            }
        }
    }

    pub(crate) fn write<R>(&mut self, py: Python<'_>, f: impl FnOnce(&mut T) -> R) -> PyResult<R> {
        match self {
            Elem::Own(value) => Ok(f(value)),
            Elem::In { meeting, id, hint } => {
                let mut m = meeting
                    .bind(py)
                    .try_borrow_mut()
                    .map_err(|_| busy("meeting"))?;
                let (list, ids) = T::list_mut(&mut m);
                let at = ids.find(*id, *hint).ok_or_else(|| gone(T::WHAT))?;
                *hint = at;
                let value = list.get_mut(at).ok_or_else(|| gone(T::WHAT))?;
                Ok(f(value))
            }
        }
    }

    /// An independent copy of the value.
    pub(crate) fn detached(&self, py: Python<'_>) -> PyResult<Elem<T>> {
        self.read(py, |v| Elem::Own(Box::new(v.clone())))
    }
}

impl Roster {
    pub(crate) fn from_core(
        roster: roundtable::Roster,
        problems: roundtable::ImportProblems,
        source: Option<(roundtable::TextEncoding, u8)>,
    ) -> Self {
        Roster::own(RosterData {
            roster,
            problems,
            source,
            summary: None,
        })
    }

    pub(crate) fn own(data: RosterData) -> Self {
        Roster {
            store: RosterStore::Own {
                data: Arc::new(data),
                ids: Ids::default(),
            },
        }
    }

    pub(crate) fn imported(import: roundtable::RosterImport) -> Self {
        let summary = import.summary();
        Roster::own(RosterData {
            roster: import.roster,
            problems: import.problems,
            source: Some((import.encoding, import.delimiter)),
            summary: Some(summary),
        })
    }

    pub(crate) fn of_meeting(meeting: Py<Meeting>) -> Self {
        Roster {
            store: RosterStore::Meeting(meeting),
        }
    }

    /// Reads the people and their identities (and the import's data, for
    /// a roster of its own).
    pub(crate) fn with<R>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&roundtable::Roster, &Ids, Option<&RosterData>) -> R,
    ) -> PyResult<R> {
        match &self.store {
            RosterStore::Own { data, ids } => Ok(f(&data.roster, ids, Some(data))),
            RosterStore::Meeting(m) => {
                let m = m.bind(py).try_borrow().map_err(|_| busy("meeting"))?;
                Ok(f(&m.inner.roster, &m.roster_ids, None))
            }
        }
    }

    /// Changes the people where they live.
    pub(crate) fn change<R>(
        &mut self,
        py: Python<'_>,
        f: impl FnOnce(&mut roundtable::Roster, &mut Ids) -> R,
    ) -> PyResult<R> {
        match &mut self.store {
            RosterStore::Own { data, ids } => Ok(f(&mut unique(data).roster, ids)),
            RosterStore::Meeting(m) => {
                let mut m = m.bind(py).try_borrow_mut().map_err(|_| busy("meeting"))?;
                let m = &mut *m;
                Ok(f(
                    &mut Arc::make_mut(&mut m.inner).roster,
                    &mut m.roster_ids,
                ))
            }
        }
    }

    /// Gives the identity of the person at `index`, without copying a
    /// shared roster.
    pub(crate) fn id_at(&mut self, py: Python<'_>, index: usize) -> PyResult<u64> {
        match &mut self.store {
            RosterStore::Own { data, ids } => Ok(ids.id_at(index, data.roster.len())),
            RosterStore::Meeting(m) => {
                let mut m = m.bind(py).try_borrow_mut().map_err(|_| busy("meeting"))?;
                let len = m.inner.roster.len();
                Ok(m.roster_ids.id_at(index, len))
            }
        }
    }

    pub(crate) fn len(&self, py: Python<'_>) -> PyResult<usize> {
        self.with(py, |r, _, _| r.len())
    }

    /// The people, as a core roster of their own.
    pub(crate) fn snapshot(&self, py: Python<'_>) -> PyResult<roundtable::Roster> {
        self.with(py, |r, _, _| r.clone())
    }

    /// An independent roster with the same people (and import data).
    pub(crate) fn detached(&self, py: Python<'_>) -> PyResult<Self> {
        match &self.store {
            RosterStore::Own { data, .. } => Ok(Roster {
                store: RosterStore::Own {
                    data: data.clone(),
                    ids: Ids::default(),
                },
            }),
            RosterStore::Meeting(_) => Ok(Roster::from_core(
                self.snapshot(py)?,
                roundtable::ImportProblems::new(),
                None,
            )),
        }
    }
}

impl Person {
    pub(crate) fn with<R>(
        &self,
        py: Python<'_>,
        read: impl FnOnce(PersonView<'_>) -> R,
    ) -> PyResult<R> {
        match &self.data {
            PersonData::Own(p) => Ok(read(PersonView::Own(p))),
            PersonData::InRoster { roster, id, hint } => {
                let roster = roster.bind(py).try_borrow().map_err(|_| busy("roster"))?;
                roster
                    .with(py, |people, ids, _| {
                        ids.find(*id, *hint)
                            .and_then(|i| people.get(i))
                            .map(|p| read(PersonView::Ref(p)))
                    })?
                    .ok_or_else(|| gone("person"))
            }
        }
    }

    /// A copy of the person's value.
    pub(crate) fn owned(&self, py: Python<'_>) -> PyResult<roundtable::Person> {
        self.with(py, |p| p.to_person())
    }

    /// Changes the person where they live.
    pub(crate) fn update(
        &mut self,
        py: Python<'_>,
        change: impl FnOnce(&mut roundtable::Person),
    ) -> PyResult<()> {
        match &mut self.data {
            PersonData::Own(p) => {
                change(p);
                Ok(())
            }
            PersonData::InRoster { roster, id, hint } => {
                let mut roster = roster
                    .bind(py)
                    .try_borrow_mut()
                    .map_err(|_| busy("roster"))?;
                let (id, hint_now) = (*id, *hint);
                let found = roster.change(py, |people, ids| {
                    let at = ids.find(id, hint_now)?;
                    people.update(at, change).map(|_| at)
                })?;
                match found {
                    Some(at) => {
                        *hint = at;
                        Ok(())
                    }
                    None => Err(gone("person")),
                }
            }
        }
    }
}

pub(crate) enum PersonView<'a> {
    Ref(roundtable::PersonRef<'a>),
    Own(&'a roundtable::Person),
}

impl PersonView<'_> {
    pub(crate) fn given_name(&self) -> &str {
        match self {
            PersonView::Ref(p) => p.given_name(),
            PersonView::Own(p) => &p.given_name,
        }
    }
    pub(crate) fn family_name(&self) -> &str {
        match self {
            PersonView::Ref(p) => p.family_name(),
            PersonView::Own(p) => &p.family_name,
        }
    }
    pub(crate) fn organisation(&self) -> &str {
        match self {
            PersonView::Ref(p) => p.organisation(),
            PersonView::Own(p) => &p.organisation,
        }
    }
    pub(crate) fn email(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.email(),
            PersonView::Own(p) => p.email.as_deref(),
        }
    }
    pub(crate) fn phone(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.phone(),
            PersonView::Own(p) => p.phone.as_deref(),
        }
    }
    pub(crate) fn role(&self) -> roundtable::Role {
        match self {
            PersonView::Ref(p) => p.role(),
            PersonView::Own(p) => p.role,
        }
    }
    pub(crate) fn attendance(&self) -> roundtable::Attendance {
        match self {
            PersonView::Ref(p) => p.attendance(),
            PersonView::Own(p) => p.attendance,
        }
    }
    pub(crate) fn title(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.title(),
            PersonView::Own(p) => p.title.as_deref(),
        }
    }
    pub(crate) fn substitute_for(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.substitute_for(),
            PersonView::Own(p) => p.substitute_for.as_deref(),
        }
    }
    pub(crate) fn response(&self) -> roundtable::Response {
        match self {
            PersonView::Ref(p) => p.response(),
            PersonView::Own(p) => p.response,
        }
    }
    pub(crate) fn excuse(&self) -> Option<&str> {
        match self {
            PersonView::Ref(p) => p.excuse(),
            PersonView::Own(p) => p.excuse.as_deref(),
        }
    }
    pub(crate) fn to_person(&self) -> roundtable::Person {
        match self {
            PersonView::Ref(p) => p.to_person(),
            PersonView::Own(p) => (*p).clone(),
        }
    }
}

/// The view of the person at `index` of `roster`.
pub(crate) fn person_view(roster: &Bound<'_, Roster>, index: usize) -> PyResult<Person> {
    let py = roster.py();
    let id = roster
        .try_borrow_mut()
        .map_err(|_| busy("roster"))?
        .id_at(py, index)?;
    Ok(Person {
        data: PersonData::InRoster {
            roster: roster.clone().unbind(),
            id,
            hint: index,
        },
    })
}
