//! What validation gives back: its findings, the report that holds them,
//! and the options it runs with.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codes::{Code, Severity};

/// One thing validation found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// The stable code.
    pub code: Code,
    /// Error or warning; always `code.severity()`.
    pub severity: Severity,
    /// The field concerned, from the meeting: `roster[12].email`,
    /// `agenda[3].kind`, `contributions[2].body`. Indexes start at 0.
    pub path: String,
    /// What is wrong, naming the values involved.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} at {}: {}",
            self.severity, self.code, self.path, self.message
        )
    }
}

/// All findings of one validation, in the order the checks ran.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    findings: Vec<Finding>,
}

impl Report {
    /// Whether there is no finding of severity error (warnings allowed).
    pub fn is_ok(&self) -> bool {
        self.errors().next().is_none()
    }

    /// All findings.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings of severity error.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// The findings of severity warning.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
    }

    /// How many findings there are.
    pub fn len(&self) -> usize {
        self.findings.len()
    }

    /// Whether there are no findings at all.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }

    /// The findings with this code.
    pub fn with_code(&self, code: Code) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.code == code)
    }

    /// A report of these findings, in their order.
    pub(crate) fn from_findings(findings: Vec<Finding>) -> Report {
        Report { findings }
    }

    pub(crate) fn push(&mut self, code: Code, path: impl Into<String>, message: impl Into<String>) {
        self.findings.push(Finding {
            code,
            severity: code.severity(),
            path: path.into(),
            message: message.into(),
        });
    }
}

impl<'a> IntoIterator for &'a Report {
    type Item = &'a Finding;
    type IntoIter = std::slice::Iter<'a, Finding>;

    fn into_iter(self) -> Self::IntoIter {
        self.findings.iter()
    }
}

/// Settings of validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ValidationOptions {
    /// The fewest days between the notice's date and the meeting's day
    /// before `notice.short_notice` is reported. Default 7.
    pub min_notice_days: u32,
    /// Whether to check the quorum (`meeting.quorum`): that at least half
    /// of the body's members were present, substitutes counting for whom
    /// they stand in — the rule for elected bodies (kommuneloven § 11-9).
    /// Off by default: a working group like the seed's is not one.
    pub quorum: bool,
}

impl Default for ValidationOptions {
    fn default() -> Self {
        ValidationOptions {
            min_notice_days: 7,
            quorum: false,
        }
    }
}

impl ValidationOptions {
    /// Sets [`ValidationOptions::quorum`].
    pub fn with_quorum(mut self, quorum: bool) -> Self {
        self.quorum = quorum;
        self
    }

    /// Sets [`ValidationOptions::min_notice_days`].
    pub fn with_min_notice_days(mut self, days: u32) -> Self {
        self.min_notice_days = days;
        self
    }
}
