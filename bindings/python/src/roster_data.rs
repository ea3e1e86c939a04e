//! What a `Roster` and its copies share until one of them changes: the
//! core roster, the problems of the import that made it, and its source.

use std::sync::Arc;

#[derive(Clone)]
pub(crate) struct RosterData {
    pub(crate) roster: roundtable::Roster,
    pub(crate) problems: roundtable::ImportProblems,
    pub(crate) source: Option<(roundtable::TextEncoding, u8)>,
    /// The counts of the import that made it.
    pub(crate) summary: Option<roundtable::ImportSummary>,
}

/// The roster to change: copied first when another Roster (a copy) still
/// shares it.
pub(crate) fn unique(this: &mut Arc<RosterData>) -> &mut RosterData {
    Arc::make_mut(this)
}
