//! A roster's people as the lists its parts wrote: an import read on
//! several threads fills one roster a part, and joining them moves each
//! part's list whole instead of copying every row into one (which held
//! both copies at once and cost the join a pass over every row). A part
//! keeps its own numbers for text buffers, organisations and extra names;
//! reading a person turns them into the roster's.

use super::{Row, Span};

/// One part's people and their optional fields and extra values.
#[derive(Debug, Clone, Default)]
pub(super) struct Part {
    pub(super) rows: Vec<Row>,
    /// The (id, length) of the values of the rows' `extra_start..
    /// extra_start + extra_len`, whose text ends where the row's names
    /// start.
    pub(super) extra_values: Vec<(u32, u32)>,
    /// Added to a row's text buffer for the roster's.
    pub(super) segment_base: u16,
    /// The roster's id of each of the part's organisations; empty when the
    /// part's ids are the roster's own. A part with people has at least
    /// one organisation (the empty one), so empty means "own".
    pub(super) organisations: Vec<u32>,
    /// The roster's id of each of the part's extra names; empty likewise.
    pub(super) names: Vec<u32>,
    /// The roster index of the part's first person.
    pub(super) first: usize,
}

impl Part {
    /// An empty part with the roster's own numbers.
    pub(super) fn own(people: usize) -> Part {
        Part {
            rows: Vec::with_capacity(people),
            ..Part::default()
        }
    }

    /// Whether the part's numbers are the roster's: rows may be added to
    /// it and changed in place.
    pub(super) fn is_own(&self) -> bool {
        self.segment_base == 0
            && self.first == 0
            && self.organisations.is_empty()
            && self.names.is_empty()
    }

    #[inline]
    pub(super) fn segment(&self, row: &Row) -> u16 {
        row.segment + self.segment_base
    }

    #[inline]
    pub(super) fn organisation(&self, local: u32) -> u32 {
        map(&self.organisations, local)
    }

    #[inline]
    pub(super) fn name(&self, local: u32) -> u32 {
        // The optional fields' ids are above every name's and not mapped.
        if local >= super::FIRST_FIELD {
            return local;
        }
        map(&self.names, local)
    }

    /// The extra values of `row`, each as (id, where its text is).
    #[inline]
    pub(super) fn values<'a>(&'a self, row: &Row) -> impl Iterator<Item = (u32, Span)> + 'a {
        let start = row.extra_start as usize;
        let end = start + row.extra_len as usize;
        let values = self.extra_values.get(start..end).unwrap_or(&[]);
        let total = values
            .iter()
            .fold(0u32, |sum, &(_, len)| sum.wrapping_add(len));
        let mut at = row.names.start.wrapping_sub(total);
        values.iter().map(move |&(id, len)| {
            let span = Span { start: at, len };
            at = at.wrapping_add(len);
            (id, span)
        })
    }
}

#[inline]
fn map(ids: &[u32], local: u32) -> u32 {
    if ids.is_empty() {
        local
    } else {
        ids.get(local as usize).copied().unwrap_or(local)
    }
}

/// The part that holds roster index `index`, and the row. Parts are in
/// roster order; a roster from one part (every roster but a joined
/// import's) is found without a search.
#[inline]
pub(super) fn locate(parts: &[Part], index: usize) -> Option<(&Part, &Row)> {
    let at = match parts {
        [one] => one,
        _ => {
            let after = parts.partition_point(|p| p.first <= index);
            parts.get(after.checked_sub(1)?)?
        }
    };
    Some((at, at.rows.get(index - at.first)?))
}

/// The people of `parts` in order, each with its part.
pub(super) struct Rows<'a> {
    parts: std::slice::Iter<'a, Part>,
    part: Option<&'a Part>,
    rows: std::slice::Iter<'a, Row>,
    left: usize,
}

impl<'a> Rows<'a> {
    pub(super) fn new(parts: &'a [Part], len: usize) -> Rows<'a> {
        let mut parts = parts.iter();
        let part = parts.next();
        Rows {
            parts,
            part,
            rows: part.map_or([].iter(), |p| p.rows.iter()),
            left: len,
        }
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = (&'a Part, &'a Row);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.rows.next() {
                self.left -= 1;
                return Some((self.part?, row));
            }
            let part = self.parts.next()?;
            self.part = Some(part);
            self.rows = part.rows.iter();
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}
