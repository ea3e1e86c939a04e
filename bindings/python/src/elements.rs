//! The classes of the elements of a meeting's lists (agenda items,
//! contributions), made by `element_class!`, and the lists themselves as
//! live views (`meeting.agenda`, `meeting.contributions`), made by
//! `meeting_list!`. Where an element lives is `classes::Elem`.

/// The object of an element class (`AgendaItem`, `Contribution`): made
/// on its own, its value read and written where it lives ([`Inner`]).
///
/// [`Inner`]: crate::convert::Inner
macro_rules! element_class {
    ($class:ident, $core:ty) => {
        impl $class {
            pub(crate) fn own(value: $core) -> Self {
                $class {
                    data: $crate::classes::Elem::Own(Box::new(value)),
                }
            }
        }

        impl $crate::convert::Inner for $class {
            type T = $core;
            fn read<R>(&self, py: Python<'_>, f: impl FnOnce(&Self::T) -> R) -> PyResult<R> {
                self.data.read(py, f)
            }
            fn write<R>(
                &mut self,
                py: Python<'_>,
                f: impl FnOnce(&mut Self::T) -> R,
            ) -> PyResult<R> {
                self.data.write(py, f)
            }
            fn detached(&self, py: Python<'_>) -> PyResult<Self> {
                Ok($class {
                    data: self.data.detached(py)?,
                })
            }
        }
    };
}
pub(crate) use element_class;

/// The list views of a meeting (`meeting.agenda`, `meeting.contributions`):
/// `len`, indexing and slicing, iteration, `append`, `insert`, `extend`,
/// `pop`, `clear`, `del` and assignment by index or slice, each changing
/// the meeting. An object appended on its own becomes a view of its new
/// place, as a Python list would hold the object itself.
macro_rules! meeting_list {
    ($list:ident, $class:ident, $core:ty, $name:literal) => {
        #[doc = concat!("The ", $name, " of a meeting, live: changes go to the meeting.")]
        #[pyclass(module = "roundtable._native")]
        pub(crate) struct $list {
            pub(crate) meeting: Py<$crate::classes::Meeting>,
        }

        impl $list {
            fn borrow<'py>(
                &self,
                py: Python<'py>,
            ) -> PyResult<PyRef<'py, $crate::classes::Meeting>> {
                self.meeting
                    .bind(py)
                    .try_borrow()
                    .map_err(|_| $crate::ids::busy("meeting"))
            }

            fn borrow_mut<'py>(
                &self,
                py: Python<'py>,
            ) -> PyResult<PyRefMut<'py, $crate::classes::Meeting>> {
                self.meeting
                    .bind(py)
                    .try_borrow_mut()
                    .map_err(|_| $crate::ids::busy("meeting"))
            }

            fn len(&self, py: Python<'_>) -> PyResult<usize> {
                let m = self.borrow(py)?;
                Ok(<$core as $crate::classes::InMeeting>::list(&m).0.len())
            }

            /// The view of the element at `index` (in range).
            fn view(&self, py: Python<'_>, index: usize) -> PyResult<$class> {
                let mut m = self.borrow_mut(py)?;
                let (list, ids) = <$core as $crate::classes::InMeeting>::list_mut(&mut m);
                let id = ids.id_at(index, list.len());
                Ok($class {
                    data: $crate::classes::Elem::In {
                        meeting: self.meeting.clone_ref(py),
                        id,
                        hint: index,
                    },
                })
            }

            /// The value of `item`, taken before the meeting is borrowed
            /// (the item may be a view into this same meeting).
            fn value_of(py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<$core> {
                let item = item.extract::<PyRef<'_, $class>>()?;
                item.data.read(py, |v| v.clone())
            }

            /// Puts `item` at `index` (inserting).
            fn place(&self, py: Python<'_>, index: usize, item: &Bound<'_, PyAny>) -> PyResult<()> {
                let value = Self::value_of(py, item)?;
                self.insert_value(py, index, value, item)
            }

            /// Inserts `value` (read from `item`) at `index`, and makes
            /// `item` a view of it when it was an object on its own.
            fn insert_value(
                &self,
                py: Python<'_>,
                index: usize,
                value: $core,
                item: &Bound<'_, PyAny>,
            ) -> PyResult<()> {
                let (id, at) = {
                    let mut m = self.borrow_mut(py)?;
                    let (list, ids) = <$core as $crate::classes::InMeeting>::list_mut(&mut m);
                    let at = index.min(list.len());
                    let id = ids.insert(at, list.len());
                    list.insert(at, value);
                    (id, at)
                };
                let mut item = item.extract::<PyRefMut<'_, $class>>()?;
                if let $crate::classes::Elem::Own(_) = item.data {
                    item.data = $crate::classes::Elem::In {
                        meeting: self.meeting.clone_ref(py),
                        id,
                        hint: at,
                    };
                }
                Ok(())
            }
        }

        #[pymethods]
        impl $list {
            fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
                self.len(py)
            }
            fn __getitem__(&self, py: Python<'_>, index: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
                let len = self.len(py)?;
                if let Ok(slice) = index.cast::<pyo3::types::PySlice>() {
                    let views = $crate::ids::slice_positions(slice, len)?
                        .0
                        .into_iter()
                        .map(|i| self.view(py, i))
                        .collect::<PyResult<Vec<$class>>>()?;
                    return Ok(pyo3::types::PyList::new(py, views)?.into_any().unbind());
                }
                let i = $crate::ids::position(index.extract()?, len, $name)?;
                Ok(Py::new(py, self.view(py, i)?)?.into_any())
            }
            fn __setitem__(
                &self,
                py: Python<'_>,
                index: &Bound<'_, PyAny>,
                value: &Bound<'_, PyAny>,
            ) -> PyResult<()> {
                $crate::ids::assign(
                    index,
                    value,
                    self.len(py)?,
                    $name,
                    |item| Self::value_of(py, item),
                    |i| self.remove(py, i).map(|_| ()),
                    |i, new, item| self.insert_value(py, i, new, item),
                )
            }
            fn __delitem__(&self, py: Python<'_>, index: &Bound<'_, PyAny>) -> PyResult<()> {
                $crate::ids::delete(index, self.len(py)?, $name, |i| {
                    self.remove(py, i).map(|_| ())
                })
            }
            fn __iter__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                let views = (0..self.len(py)?)
                    .map(|i| self.view(py, i))
                    .collect::<PyResult<Vec<$class>>>()?;
                Ok(pyo3::types::PyList::new(py, views)?
                    .as_any()
                    .try_iter()?
                    .into_any()
                    .unbind())
            }
            /// Adds an item at the end.
            pub(crate) fn append(&self, py: Python<'_>, item: &Bound<'_, PyAny>) -> PyResult<()> {
                let len = self.len(py)?;
                self.place(py, len, item)
            }
            /// Inserts an item before `index`.
            fn insert(
                &self,
                py: Python<'_>,
                index: isize,
                item: &Bound<'_, PyAny>,
            ) -> PyResult<()> {
                let len = self.len(py)? as isize;
                let at = if index < 0 {
                    (index + len).max(0)
                } else {
                    index.min(len)
                };
                self.place(py, at as usize, item)
            }
            /// Adds the items of an iterable at the end.
            fn extend(&self, py: Python<'_>, items: &Bound<'_, PyAny>) -> PyResult<()> {
                // Read first: `items` may be this very list.
                let items: Vec<Bound<'_, PyAny>> = items.try_iter()?.collect::<PyResult<_>>()?;
                for item in &items {
                    let len = self.len(py)?;
                    self.place(py, len, item)?;
                }
                Ok(())
            }
            /// Removes the item at `index` (the last by default) and returns
            /// it, as an object on its own.
            #[pyo3(signature = (index = -1), text_signature = "($self, index=-1)")]
            fn pop(&self, py: Python<'_>, index: isize) -> PyResult<$class> {
                let i = $crate::ids::position(index, self.len(py)?, $name)?;
                let value = self.remove(py, i)?;
                Ok($class {
                    data: $crate::classes::Elem::Own(Box::new(value)),
                })
            }
            /// Removes every item.
            fn clear(&self, py: Python<'_>) -> PyResult<()> {
                let mut m = self.borrow_mut(py)?;
                let (list, ids) = <$core as $crate::classes::InMeeting>::list_mut(&mut m);
                list.clear();
                ids.reset();
                Ok(())
            }
            fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
                let Ok(iter) = other.try_iter() else {
                    return Ok(false);
                };
                let mut theirs = Vec::new();
                for item in iter {
                    match item?.extract::<PyRef<'_, $class>>() {
                        Ok(item) => theirs.push(item.data.read(py, |v| v.clone())?),
                        Err(_) => return Ok(false),
                    }
                }
                let m = self.borrow(py)?;
                Ok(*<$core as $crate::classes::InMeeting>::list(&m).0 == theirs)
            }
            /// A copy is a plain list of independent items: the view is of
            /// one meeting, a copy of none (a change to it leaves the
            /// meeting as it is).
            fn __copy__(&self, py: Python<'_>) -> PyResult<Vec<$class>> {
                self.detached_items(py)
            }
            fn __deepcopy__(
                &self,
                py: Python<'_>,
                _memo: &Bound<'_, PyAny>,
            ) -> PyResult<Vec<$class>> {
                self.detached_items(py)
            }
            /// Pickled as the list of its items, each by its own state.
            fn __reduce__<'py>(
                &self,
                py: Python<'py>,
            ) -> PyResult<(Bound<'py, pyo3::types::PyType>, (Vec<$class>,))> {
                Ok((
                    py.get_type::<pyo3::types::PyList>(),
                    (self.detached_items(py)?,),
                ))
            }
            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                Ok(format!(
                    "<{} of {} items>",
                    stringify!($list),
                    self.len(py)?
                ))
            }
        }

        impl $list {
            /// Independent copies of the items, in order, read under one borrow.
            fn detached_items(&self, py: Python<'_>) -> PyResult<Vec<$class>> {
                let values: Vec<$core> = {
                    let m = self.borrow(py)?;
                    <$core as $crate::classes::InMeeting>::list(&m).0.to_vec()
                };
                Ok(values.into_iter().map($class::own).collect())
            }

            /// Takes the element at `index` out; its views no longer find it.
            fn remove(&self, py: Python<'_>, index: usize) -> PyResult<$core> {
                let mut m = self.borrow_mut(py)?;
                let (list, ids) = <$core as $crate::classes::InMeeting>::list_mut(&mut m);
                if index >= list.len() {
                    return Err($crate::ids::gone($name));
                }
                ids.remove(index);
                Ok(list.remove(index))
            }
        }
    };
}
pub(crate) use meeting_list;
