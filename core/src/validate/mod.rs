//! Validation of a meeting: every finding at once, each with a stable code.
//!
//! `report` holds what validation gives back; the rules are `rules` (the
//! meeting, notice, agenda, roster and privacy), `contributions`,
//! `substitutes` and `sections`; `contact` holds the checks of one value
//! they and the import share.

mod contact;
mod contributions;
mod report;
mod rules;
mod sections;
mod substitutes;

pub use contact::{check_email, check_phone};
pub(crate) use contact::{check_email_in, Domains};
pub use report::{Finding, Report, ValidationOptions};

use crate::model::meeting::Meeting;

impl Meeting {
    /// Validates the meeting with the default options.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{Code, Meeting};
    ///
    /// let meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/seed-meeting.json"))?;
    /// let report = meeting.validate();
    /// assert!(report.is_ok()); // warnings only
    /// let short = report.with_code(Code::NoticeShortNotice).next().unwrap();
    /// assert_eq!(short.path, "notice.date");
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn validate(&self) -> Report {
        self.validate_with(&ValidationOptions::default())
    }

    /// Validates the meeting: runs every check and returns every finding.
    pub fn validate_with(&self, options: &ValidationOptions) -> Report {
        let mut report = Report::default();
        rules::check_meeting(self, &mut report);
        rules::check_notice(self, options, &mut report);
        rules::check_agenda(self, &mut report);
        rules::check_roster(self, &mut report);
        substitutes::check(self, options, &mut report);
        contributions::check_contributions(self, &mut report);
        rules::check_privacy(self, &mut report);
        report
    }
}
