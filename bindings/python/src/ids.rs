//! Identities of the elements of a live list (a meeting's agenda,
//! contributions and roster, a roster's people), so that a Python object
//! standing for an element finds it again after inserts and deletes, and
//! one whose element is gone raises instead of reading or writing another.

use std::sync::atomic::{AtomicU64, Ordering};

use pyo3::exceptions::PyLookupError;
use pyo3::PyErr;

static NEXT: AtomicU64 = AtomicU64::new(1);

fn fresh() -> u64 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The identity of each element, by position; made on first need, so a
/// list no view was taken of costs nothing.
#[derive(Clone, Default)]
pub(crate) struct Ids(Option<Vec<u64>>);

impl Ids {
    fn made(&mut self, len: usize) -> &mut Vec<u64> {
        self.0
            .get_or_insert_with(|| (0..len).map(|_| fresh()).collect())
    }

    /// The identity of the element at `index` of a list of `len`.
    pub(crate) fn id_at(&mut self, index: usize, len: usize) -> u64 {
        self.made(len).get(index).copied().unwrap_or(0)
    }

    /// Where the element `id` is now; `hint` is where it was.
    pub(crate) fn find(&self, id: u64, hint: usize) -> Option<usize> {
        let ids = self.0.as_ref()?;
        if ids.get(hint) == Some(&id) {
            return Some(hint);
        }
        ids.iter().position(|i| *i == id)
    }

    /// A new element at `index` of a list that had `len` before; its id.
    pub(crate) fn insert(&mut self, index: usize, len: usize) -> u64 {
        let id = fresh();
        let ids = self.made(len);
        ids.insert(index.min(ids.len()), id);
        id
    }

    /// The element at `index` is gone.
    pub(crate) fn remove(&mut self, index: usize) {
        if let Some(ids) = &mut self.0 {
            if index < ids.len() {
                ids.remove(index);
            }
        }
    }

    /// The whole list was replaced.
    pub(crate) fn reset(&mut self) {
        self.0 = None;
    }
}

/// The error of a view whose element is no longer in its list.
pub(crate) fn gone(what: &str) -> PyErr {
    PyLookupError::new_err(format!(
        "this {what} is no longer in its list (removed, replaced or the list was reassigned): nothing was read or written"
    ))
}

/// The error of a list that another operation is changing right now.
pub(crate) fn busy(what: &str) -> PyErr {
    pyo3::exceptions::PyRuntimeError::new_err(format!(
        "the {what} is being changed by another operation; try again"
    ))
}

/// An index from Python (negative from the end) into a list of `len`.
pub(crate) fn position(index: isize, len: usize, what: &str) -> Result<usize, PyErr> {
    let signed = len as isize;
    let i = if index < 0 { index + signed } else { index };
    if (0..signed).contains(&i) {
        Ok(i as usize)
    } else {
        Err(pyo3::exceptions::PyIndexError::new_err(format!(
            "{what} index {index} out of range for {len}"
        )))
    }
}

/// The positions a slice selects in a list of `len`, in order, and its
/// step.
pub(crate) fn slice_positions(
    slice: &pyo3::Bound<'_, pyo3::types::PySlice>,
    len: usize,
) -> Result<(Vec<usize>, isize), PyErr> {
    use pyo3::types::PySliceMethods;
    let s = slice.indices(len as isize)?;
    let mut out = Vec::with_capacity(s.slicelength);
    let mut i = s.start;
    for _ in 0..s.slicelength {
        out.push(i as usize);
        i += s.step;
    }
    Ok((out, s.step))
}

/// `list[index] = value` for a live list of `len` elements, `index` an int
/// or a slice. Every new item is read first (one may be a view of an
/// element about to be removed), so a failure to read one leaves the list
/// as it was; then the selected elements are removed and the items
/// inserted in their place.
pub(crate) fn assign<T>(
    index: &pyo3::Bound<'_, pyo3::PyAny>,
    value: &pyo3::Bound<'_, pyo3::PyAny>,
    len: usize,
    what: &str,
    read: impl Fn(&pyo3::Bound<'_, pyo3::PyAny>) -> Result<T, PyErr>,
    mut remove: impl FnMut(usize) -> Result<(), PyErr>,
    mut insert: impl FnMut(usize, T, &pyo3::Bound<'_, pyo3::PyAny>) -> Result<(), PyErr>,
) -> Result<(), PyErr> {
    use pyo3::types::{PyAnyMethods, PySlice, PySliceMethods};
    let Ok(slice) = index.cast::<PySlice>() else {
        let i = position(index.extract()?, len, what)?;
        let new = read(value)?;
        remove(i)?;
        return insert(i, new, value);
    };
    let items: Vec<pyo3::Bound<'_, pyo3::PyAny>> = value.try_iter()?.collect::<Result<_, _>>()?;
    let values = items.iter().map(&read).collect::<Result<Vec<T>, _>>()?;
    let (positions, step) = slice_positions(slice, len)?;
    if step != 1 && values.len() != positions.len() {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "attempt to assign a sequence of size {} to an extended slice of size {}",
            values.len(),
            positions.len()
        )));
    }
    if step == 1 {
        // The slice's elements go; the new items take their place.
        let start = match positions.first() {
            Some(&first) => first,
            None => (slice.indices(len as isize)?.start.max(0) as usize).min(len),
        };
        for _ in 0..positions.len() {
            remove(start)?;
        }
        for (k, (new, item)) in values.into_iter().zip(&items).enumerate() {
            insert(start + k, new, item)?;
        }
    } else {
        for ((i, new), item) in positions.into_iter().zip(values).zip(&items) {
            remove(i)?;
            insert(i, new, item)?;
        }
    }
    Ok(())
}

/// `del list[index]` for a live list of `len` elements.
pub(crate) fn delete(
    index: &pyo3::Bound<'_, pyo3::PyAny>,
    len: usize,
    what: &str,
    mut remove: impl FnMut(usize) -> Result<(), PyErr>,
) -> Result<(), PyErr> {
    use pyo3::types::{PyAnyMethods, PySlice};
    let Ok(slice) = index.cast::<PySlice>() else {
        return remove(position(index.extract()?, len, what)?);
    };
    let mut positions = slice_positions(slice, len)?.0;
    positions.sort_unstable();
    for i in positions.into_iter().rev() {
        remove(i)?;
    }
    Ok(())
}
