//! Finding a person of the roster from a reference in a document: whom a
//! substitute stands in for (and, later, whom a reply comes from).

use std::collections::HashMap;

use super::Roster;

/// The people of a roster by the references a document makes to them: an
/// email address (case folded) or a full name (folded as names are
/// compared). The index is built on the first look-up, once: a roster
/// nobody refers into (most of them) costs nothing.
pub(crate) struct References<'r> {
    roster: &'r Roster,
    by_key: std::cell::OnceCell<HashMap<String, usize>>,
}

impl<'r> References<'r> {
    pub(crate) fn new(roster: &'r Roster) -> References<'r> {
        References {
            roster,
            by_key: std::cell::OnceCell::new(),
        }
    }

    /// The index of the person `reference` names, if any.
    pub(crate) fn find(&self, reference: &str) -> Option<usize> {
        let by_key = self.by_key.get_or_init(|| {
            let mut by_key = HashMap::with_capacity(self.roster.len() * 2);
            for (i, p) in self.roster.iter().enumerate() {
                // The first of two people with one name or address wins, as
                // a reader of the list would take it.
                if let Some(email) = p.email().filter(|e| !e.trim().is_empty()) {
                    by_key.entry(reference_key(email)).or_insert(i);
                }
                by_key.entry(reference_key(&p.full_name())).or_insert(i);
            }
            by_key
        });
        by_key.get(&reference_key(reference)).copied()
    }
}

fn reference_key(reference: &str) -> String {
    let reference = reference.trim();
    let reference = reference
        .strip_prefix("mailto:")
        .or_else(|| reference.strip_prefix("MAILTO:"))
        .unwrap_or(reference);
    crate::text::fold_key(reference)
}
