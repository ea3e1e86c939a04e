//! Who is on a roster twice: one rule for validation and import.

use super::Roster;
use crate::text::{DuplicateFinder, OrgClasses};

impl Roster {
    /// The people who are on the roster twice, as (index, index of the
    /// first person with the same identity), in roster order. Two people
    /// are the same when given name, family name and organisation are
    /// equal after trimming, case folding and Unicode NFC; both stay on the
    /// roster.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{Person, Roster};
    ///
    /// let roster = Roster::from(vec![
    ///     Person::new("Anne", "Huse", "Kongsvingerregionen"),
    ///     Person::new("Dag", "Aanensen", "Drammensregionen"),
    ///     Person::new(" ANNE", "huse ", "kongsvingerregionen"),
    /// ]);
    /// assert_eq!(roster.duplicates(), [(2, 0)]);
    /// ```
    pub fn duplicates(&self) -> Vec<(usize, usize)> {
        let mut finder = DuplicateFinder::with_capacity(self.len(), 1);
        let mut orgs = OrgClasses::default();
        for (i, p) in self.iter().enumerate() {
            let org = orgs.key(p.organisation_id(), p.organisation());
            finder.push(i as u32, p.given_name(), p.family_name(), org.hash);
        }
        self.finish_duplicates(finder)
            .into_iter()
            .map(|(i, first)| (i as usize, first as usize))
            .collect()
    }

    /// The duplicates among the people `finder` has recorded (by their
    /// index on this roster): the importer records them as it reads, on
    /// each of its threads, and finishes here, on as many (one per group of
    /// the finder).
    pub(crate) fn finish_duplicates(&self, finder: DuplicateFinder) -> Vec<(u32, u32)> {
        finder.finish(|| {
            // Organisations classed only for the people whose hashes meet
            // another's: a few percent of a large roster, not all of it.
            // A share's own classes: they are compared within a share only.
            let mut orgs = OrgClasses::default();
            move |k: u32| match self.get(k as usize) {
                Some(p) => (
                    p.given_name(),
                    p.family_name(),
                    orgs.key(p.organisation_id(), p.organisation()).class,
                ),
                None => ("", "", u32::MAX),
            }
        })
    }
}
