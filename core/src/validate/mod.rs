//! Validation of a meeting: every finding at once, each with a stable code.

mod contact;
pub(crate) mod national_id;
mod sections;
mod substitutes;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use contact::{check_email, check_phone};
pub(crate) use contact::{check_email_in, Domains};

use crate::codes::{Code, Severity};
use crate::model::agenda::{ItemKind, RoundTableRules};
use crate::model::contribution::Contribution;
use crate::model::meeting::{Meeting, UnresolvedItem};
use crate::model::roster::Role;
use crate::text::fold_key;

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
        check_meeting(self, &mut report);
        check_notice(self, options, &mut report);
        check_agenda(self, &mut report);
        check_roster(self, &mut report);
        substitutes::check(self, options, &mut report);
        check_contributions(self, &mut report);
        check_privacy(self, &mut report);
        report
    }
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

fn check_meeting(m: &Meeting, r: &mut Report) {
    if m.time.end() <= m.time.start() {
        r.push(
            Code::MeetingTimeOrder,
            "time.end",
            format!(
                "the meeting ends at {} which is not after its start at {}",
                m.time.end_local().format("%Y-%m-%d %H:%M"),
                m.time.start_local().format("%Y-%m-%d %H:%M")
            ),
        );
    }
    for (path, value, what) in [
        ("title", &m.title, "title"),
        ("body", &m.body, "body that meets"),
        ("location.venue", &m.location.venue, "venue"),
    ] {
        if blank(value) {
            r.push(
                Code::MeetingMissingField,
                path,
                format!("the meeting's {what} is empty"),
            );
        }
    }
}

fn check_notice(m: &Meeting, options: &ValidationOptions, r: &mut Report) {
    let Some(notice) = &m.notice else { return };
    let contact_email = notice.contact.as_ref().and_then(|c| c.email.as_deref());
    if let Some(email) = contact_email.filter(|e| !blank(e)) {
        if let Some(reason) = check_email(email) {
            r.push(
                Code::NoticeContactEmail,
                "notice.contact.email",
                format!(
                    "the contact email {:?} {reason}",
                    crate::error::shorten(email)
                ),
            );
        }
    }
    let meeting_day = m.time.date();
    // The letter is dated by day; it is after the meeting when its day
    // begins after the meeting has started.
    if m.time.start_of_day(notice.date) > m.time.start() {
        r.push(
            Code::NoticeAfterMeeting,
            "notice.date",
            format!(
                "the notice is dated {} but the meeting starts {}",
                notice.date,
                m.time.start_local().format("%Y-%m-%d %H:%M")
            ),
        );
        return;
    }
    let days = (meeting_day - notice.date).num_days();
    if days < i64::from(options.min_notice_days) {
        r.push(
            Code::NoticeShortNotice,
            "notice.date",
            format!(
                "the notice dated {} gives {days} days before the meeting on {meeting_day}; at least {} are expected",
                notice.date, options.min_notice_days
            ),
        );
    }
}

fn check_agenda(m: &Meeting, r: &mut Report) {
    if m.agenda.is_empty() {
        r.push(Code::AgendaEmpty, "agenda", "the agenda has no items");
        return;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut expected_numeric = 1u64;
    for (i, item) in m.agenda.iter().enumerate() {
        let number = item.number.trim();
        if let Some(first) = seen.insert(number, i) {
            // Keep the first position for later duplicates.
            seen.insert(number, first);
            r.push(
                Code::AgendaNumbering,
                format!("agenda[{i}].number"),
                format!("item number {number:?} is used by agenda[{first}] too"),
            );
        } else if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            match number.parse::<u64>() {
                Ok(n) if n == expected_numeric => expected_numeric += 1,
                _ => r.push(
                    Code::AgendaNumbering,
                    format!("agenda[{i}].number"),
                    format!(
                        "item number {number:?} is out of order: numeric items must run 1, 2, 3…, and {expected_numeric} was expected here"
                    ),
                ),
            }
        }
        if blank(&item.title) {
            r.push(
                Code::AgendaEmptyTitle,
                format!("agenda[{i}].title"),
                format!("item {number:?} has no title"),
            );
        }
        if let ItemKind::MinutesApproval { meeting_date, .. } = &item.kind {
            if *meeting_date >= m.time.date() {
                r.push(
                    Code::AgendaMinutesDate,
                    format!("agenda[{i}].kind.meeting_date"),
                    format!(
                        "item {number:?} approves the minutes of a meeting on {meeting_date}, which is not before this meeting on {}",
                        m.time.date()
                    ),
                );
            }
        }
    }
    let planned: i64 = m
        .agenda
        .iter()
        .filter_map(|item| item.duration_minutes)
        .map(i64::from)
        .sum();
    let available = m.time.duration().num_minutes();
    if available > 0 && planned > available {
        r.push(
            Code::AgendaOverTime,
            "agenda",
            format!("the items take {planned} minutes but the meeting lasts {available}"),
        );
    }
}

fn check_roster(m: &Meeting, r: &mut Report) {
    let mut duplicates = m.roster.duplicates().into_iter().peekable();
    let mut first_chair: Option<usize> = None;
    for (i, p) in m.roster.iter().enumerate() {
        match (blank(p.given_name()), blank(p.family_name())) {
            (true, true) => r.push(
                Code::RosterEmptyName,
                format!("roster[{i}]"),
                format!(
                    "the person from {:?} has neither given nor family name",
                    p.organisation()
                ),
            ),
            (true, false) => r.push(
                Code::RosterEmptyName,
                format!("roster[{i}].given_name"),
                format!("{:?} has no given name", p.family_name()),
            ),
            (false, true) => r.push(
                Code::RosterEmptyName,
                format!("roster[{i}].family_name"),
                format!("{:?} has no family name", p.given_name()),
            ),
            (false, false) => {}
        }
        if let Some((_, first)) = duplicates.next_if(|(d, _)| *d == i) {
            r.push(
                Code::RosterDuplicatePerson,
                format!("roster[{i}]"),
                format!(
                    "{} ({}) is already on the roster at roster[{first}]",
                    p.full_name(),
                    p.organisation().trim()
                ),
            );
        }
        if let Some(email) = p.email().filter(|e| !blank(e)) {
            if let Some(reason) = check_email(email) {
                r.push(
                    Code::RosterEmail,
                    format!("roster[{i}].email"),
                    format!("email {email:?} of {} {reason}", p.full_name()),
                );
            }
        }
        if let Some(phone) = p.phone().filter(|e| !blank(e)) {
            if let Some(reason) = check_phone(phone) {
                r.push(
                    Code::RosterPhone,
                    format!("roster[{i}].phone"),
                    format!("phone {phone:?} of {} {reason}", p.full_name()),
                );
            }
        }
        if p.role() == Role::Chair {
            match first_chair {
                None => first_chair = Some(i),
                Some(first) => r.push(
                    Code::RosterMultipleChairs,
                    format!("roster[{i}].role"),
                    format!(
                        "{} is chair, but so is {} at roster[{first}]",
                        p.full_name(),
                        m.roster
                            .get(first)
                            .map(|c| c.full_name())
                            .unwrap_or_default()
                    ),
                ),
            }
        }
    }
}

/// The round-table item a contribution belongs to, once resolved.
struct Target<'a> {
    index: usize,
    rules: &'a RoundTableRules,
}

fn check_contributions(m: &Meeting, r: &mut Report) {
    let round_tables: Vec<usize> = m.round_tables().map(|(i, _)| i).collect();
    let mut organisations: Vec<(String, &str)> = Vec::new();
    let mut seen_keys: std::collections::HashSet<String> = std::collections::HashSet::new();
    for name in m.roster.organisations() {
        let key = fold_key(name);
        if !key.is_empty() && seen_keys.insert(key.clone()) {
            organisations.push((key, name.trim()));
        }
    }
    let mut seen: HashMap<(String, usize), usize> = HashMap::new();
    // Per round-table item: minutes claimed by its contributions, and count.
    let mut spoken: HashMap<usize, i64> = HashMap::new();

    let resolved = m.contribution_items();
    for (i, (c, item)) in m.contributions.iter().zip(resolved).enumerate() {
        let target = resolve_item(m, i, (c, item), &round_tables, r);
        if blank(&c.body) {
            r.push(
                Code::ContributionEmpty,
                format!("contributions[{i}].body"),
                format!("the contribution from {:?} has no text", c.from),
            );
        }
        for section in sections::empty_sections(&c.body) {
            r.push(
                Code::ContributionEmptySection,
                format!("contributions[{i}].body"),
                format!(
                    "in the contribution from {:?}, {:?} (line {}) has nothing under it",
                    c.from, section.label, section.line
                ),
            );
        }
        check_member(i, &c.from, &organisations, &seen_keys, r);
        let Some(target) = target else { continue };

        let deadline = target.rules.deadline(&m.time);
        if let Some(at) = c.submitted_at {
            if at > deadline {
                r.push(
                    Code::ContributionLate,
                    format!("contributions[{i}].submitted_at"),
                    format!(
                        "the contribution from {:?} came {} but was due by the end of {} ({})",
                        c.from,
                        at.to_rfc3339(),
                        target.rules.due_date(m.time.date()),
                        m.time.zone().name()
                    ),
                );
            }
        }
        if let (Some(minutes), Some(limit)) =
            (c.speaking_minutes, target.rules.speaking_limit_minutes)
        {
            if minutes > limit {
                r.push(
                    Code::ContributionOverTimeLimit,
                    format!("contributions[{i}].speaking_minutes"),
                    format!(
                        "the contribution from {:?} took {minutes} minutes; the limit is {limit}",
                        c.from
                    ),
                );
            }
        }
        let key = (fold_key(&c.from), target.index);
        if let Some(&first) = seen.get(&key) {
            r.push(
                Code::ContributionDuplicate,
                format!("contributions[{i}]"),
                format!(
                    "{:?} already has a contribution to item {:?} at contributions[{first}]",
                    c.from, m.agenda[target.index].number
                ),
            );
        } else {
            seen.insert(key, i);
        }
        let claimed = c
            .speaking_minutes
            .or(target.rules.speaking_limit_minutes)
            .unwrap_or(0);
        *spoken.entry(target.index).or_default() += i64::from(claimed);
    }

    let mut items: Vec<_> = spoken.into_iter().collect();
    items.sort_unstable();
    for (index, minutes) in items {
        let item = &m.agenda[index];
        if let Some(duration) = item.duration_minutes {
            if minutes > i64::from(duration) {
                r.push(
                    Code::ContributionRoundTableOverTime,
                    format!("agenda[{index}].duration_minutes"),
                    format!(
                        "the contributions to item {:?} take {minutes} minutes but the item has {duration}",
                        item.number
                    ),
                );
            }
        }
    }
}

fn resolve_item<'a>(
    m: &'a Meeting,
    i: usize,
    (c, resolved): (&Contribution, Result<usize, UnresolvedItem>),
    round_tables: &[usize],
    r: &mut Report,
) -> Option<Target<'a>> {
    let index = match resolved {
        Ok(index) => index,
        Err(UnresolvedItem::UnknownItem) => {
            r.push(
                Code::ContributionUnknownItem,
                format!("contributions[{i}].item"),
                format!(
                    "the agenda has no item {:?}",
                    c.item.as_deref().unwrap_or("").trim()
                ),
            );
            return None;
        }
        Err(UnresolvedItem::NoRoundTable) => {
            r.push(
                Code::ContributionAmbiguousItem,
                format!("contributions[{i}].item"),
                "the contribution names no item and the agenda has no round table",
            );
            return None;
        }
        Err(_) => {
            let numbers: Vec<&str> = round_tables
                .iter()
                .map(|&k| m.agenda[k].number.as_str())
                .collect();
            r.push(
                Code::ContributionAmbiguousItem,
                format!("contributions[{i}].item"),
                format!(
                    "the contribution names no item and the agenda has {} round tables ({})",
                    round_tables.len(),
                    numbers.join(", ")
                ),
            );
            return None;
        }
    };
    let agenda_item = &m.agenda[index];
    match &agenda_item.kind {
        ItemKind::RoundTable(rules) => Some(Target { index, rules }),
        other => {
            r.push(
                Code::ContributionNotRoundTable,
                format!("contributions[{i}].item"),
                format!(
                    "item {:?} is of kind {}, not a round table",
                    agenda_item.number,
                    other.name()
                ),
            );
            None
        }
    }
}

fn check_member(
    i: usize,
    from: &str,
    organisations: &[(String, &str)],
    known: &std::collections::HashSet<String>,
    r: &mut Report,
) {
    let key = fold_key(from);
    if known.contains(&key) {
        return;
    }
    let from = crate::error::shorten(from);
    let best = organisations
        .iter()
        .map(|(k, name)| (similarity(&key, k), *name))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let message = match best {
        Some((score, name)) if score >= 0.75 => {
            format!("{from:?} matches no organisation on the roster; did you mean {name:?}?")
        }
        _ => format!("{from:?} matches no organisation on the roster"),
    };
    r.push(
        Code::ContributionUnknownMember,
        format!("contributions[{i}].from"),
        message,
    );
}

/// How alike two folded names are, 0 to 1. A name that is the first words
/// of the other ("elverum" in "elverum vekst") is a strong match; otherwise
/// Jaro–Winkler, which favours a shared beginning as names of places do.
/// How many characters of a sender and an organisation are compared for a
/// suggestion.
const SIMILARITY_CHARS: usize = 64;

/// The first `n` characters of `text`.
fn head(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(at, _)| &text[..at])
}

fn similarity(a: &str, b: &str) -> f64 {
    let word_prefix = |short: &str, long: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with(' '))
    };
    if !a.is_empty() && (word_prefix(a, b) || word_prefix(b, a)) {
        return 1.0;
    }
    // Jaro-Winkler is quadratic in the length; names of organisations are
    // short, and a suggestion needs no more than their first characters.
    strsim::jaro_winkler(head(a, SIMILARITY_CHARS), head(b, SIMILARITY_CHARS))
}

fn check_privacy(m: &Meeting, r: &mut Report) {
    let mut texts: Vec<(String, &str)> = Vec::new();
    for (i, item) in m.agenda.iter().enumerate() {
        if let Some(d) = &item.description {
            texts.push((format!("agenda[{i}].description"), d));
        }
        if let Some(d) = &item.decision {
            texts.push((format!("agenda[{i}].decision"), d));
        }
    }
    for (i, c) in m.contributions.iter().enumerate() {
        texts.push((format!("contributions[{i}].body"), &c.body));
    }
    if let Some(p) = m.notice.as_ref().and_then(|n| n.preparation.as_deref()) {
        texts.push(("notice.preparation".to_owned(), p));
    }
    for (path, text) in texts {
        for (at, digits) in national_id::find(text) {
            r.push(
                Code::PrivacyNationalId,
                path.clone(),
                format!(
                    "the text holds {} (at byte {at}), which passes the national identity number checksum",
                    national_id::mask(&digits)
                ),
            );
        }
    }
}
