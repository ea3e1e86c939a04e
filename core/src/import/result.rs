//! What an import gives back: the roster, its problems and its counts.

use std::collections::BTreeMap;

use super::header::HeaderColumn;
use super::options::TextEncoding;
use super::problems::ImportProblems;
use crate::codes::ProblemCode;
use crate::model::roster::Roster;

/// The result of an import: the roster and what happened on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterImport {
    /// The people imported.
    pub roster: Roster,
    /// Every problem, in file order; empty when all went well.
    pub problems: ImportProblems,
    /// The encoding the file was read in.
    pub encoding: TextEncoding,
    /// The delimiter used.
    pub delimiter: u8,
    /// The header and what each column was understood as.
    pub header: Vec<HeaderColumn>,
    /// Data rows read (blank lines not counted), imported or not.
    pub rows_read: u64,
    /// Rows not imported, by the reason (the code of the problem that made
    /// the row unreadable as a person: `roster.empty_name`,
    /// `import.extra_fields`, `import.repeated_header`).
    pub skipped: BTreeMap<ProblemCode, u64>,
}

/// The counts of one import: what a secretariat checks first ("45 rows, 45
/// people").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportSummary {
    /// Data rows read (blank lines not counted).
    pub rows_read: u64,
    /// People on the imported roster.
    pub people: u64,
    /// Rows not imported, by reason.
    pub skipped: BTreeMap<ProblemCode, u64>,
    /// Problems met, by code (warnings included): exact, whether kept or
    /// not.
    pub problems: BTreeMap<ProblemCode, u64>,
    /// Problems counted and not kept (past
    /// [`ImportOptions::max_problems_per_code`](crate::ImportOptions::max_problems_per_code)),
    /// by code; empty (and left out of the JSON) when all were kept.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_kept: BTreeMap<ProblemCode, u64>,
}

impl ImportSummary {
    /// The summary as a JSON object, the counts keyed by code:
    /// `{"rows_read":45,"people":44,"skipped":{"roster.empty_name":1},"problems":{…}}`.
    pub fn to_json(&self) -> String {
        // Plain numbers and code names: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl RosterImport {
    /// The counts of this import.
    ///
    /// Every row read is either a person or counted under `skipped`: a
    /// lenient import drops nobody with a name.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{ImportOptions, ProblemCode, Roster};
    ///
    /// let csv = "Fornavn;Etternavn;E-post;Rolle\n\
    ///            Kari;Nordmann;kari@@example.no;Rådgiver\n\
    ///            ;;x@example.no;medlem\n";
    /// let import = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default())?;
    /// let summary = import.summary();
    /// assert_eq!((summary.rows_read, summary.people), (2, 1));
    /// assert_eq!(summary.skipped[&ProblemCode::RosterEmptyName], 1);
    /// assert_eq!(summary.problems[&ProblemCode::RosterEmail], 1);
    /// // The job title in the role column is kept as the title.
    /// assert_eq!(import.roster.get(0).unwrap().title(), Some("Rådgiver"));
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn summary(&self) -> ImportSummary {
        let problems = self
            .problems
            .counts()
            .map(|(code, n)| (code, n as u64))
            .collect();
        let not_kept = self
            .problems
            .not_kept()
            .map(|(code, n)| (code, n as u64))
            .collect();
        ImportSummary {
            rows_read: self.rows_read,
            people: self.roster.len() as u64,
            skipped: self.skipped.clone(),
            problems,
            not_kept,
        }
    }
}
