//! Where the rows of one part of an input report their problems: the
//! part's list, with the reasons said alike on many rows written once.

use super::problems::{ImportProblems, TextId, Why};
use super::HeaderColumn;
use crate::codes::ProblemCode;

/// Where one part's rows report their problems.
pub(super) struct Sink {
    pub(super) problems: ImportProblems,
    /// The reasons that depend only on their code, column and a fixed
    /// detail (the checker's verdict), each written once and shared: a file
    /// with a job title on every row gives the same reason a million times.
    /// The details come from a fixed set of texts and the columns from the
    /// header's fixed roles, so the list stays short.
    reasons: Vec<(ReasonKey, TextId)>,
    /// The header's names, each kept once for the part's problems.
    names: Vec<TextId>,
    /// The line of the row being read.
    line: u64,
}

pub(super) type ReasonKey = (ProblemCode, Option<usize>, &'static str);

impl Sink {
    /// A sink keeping up to `limit` problems of each code.
    pub(super) fn new(header: &[HeaderColumn], limit: usize) -> Sink {
        let mut problems = ImportProblems::with_limit(limit);
        let names = header
            .iter()
            .map(|c| problems.text(c.name.as_str()))
            .collect();
        Sink {
            problems,
            reasons: Vec::new(),
            names,
            line: 0,
        }
    }

    /// A new row, on `line`.
    pub(super) fn start_row(&mut self, line: u64) {
        self.line = line;
        self.problems.start_row();
    }

    /// The reason of `key`, written by `write` the first time.
    pub(super) fn reason(&mut self, key: ReasonKey, write: impl FnOnce() -> String) -> Why {
        if let Some((_, id)) = self.reasons.iter().find(|(k, _)| *k == key) {
            return Why::Text(*id);
        }
        let id = self.problems.text(write());
        self.reasons.push((key, id));
        Why::Text(id)
    }

    /// A reason of one problem only.
    pub(super) fn text(&mut self, text: String) -> Why {
        Why::Text(self.problems.text(text))
    }

    /// Reports a problem of the row, in `column` (from 0; `None` for the
    /// row).
    pub(super) fn report(
        &mut self,
        code: ProblemCode,
        column: Option<usize>,
        value: &str,
        reason: Why,
    ) {
        self.problems.push_value(
            code,
            self.line,
            column.map_or(0, |c| c as u64 + 1),
            column.and_then(|c| self.names.get(c).copied()),
            value,
            reason,
        );
    }
}
