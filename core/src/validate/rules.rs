//! The rules on the meeting itself: its fields, the notice, the agenda,
//! the roster, and what may not be published.

use std::collections::HashMap;

use super::contact::{check_email, check_phone};
use super::report::{Report, ValidationOptions};
use crate::codes::Code;
use crate::model::agenda::ItemKind;
use crate::model::meeting::Meeting;
use crate::model::roster::Role;
use crate::text::national_id;

pub(super) fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

pub(super) fn check_meeting(m: &Meeting, r: &mut Report) {
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

pub(super) fn check_notice(m: &Meeting, options: &ValidationOptions, r: &mut Report) {
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

pub(super) fn check_agenda(m: &Meeting, r: &mut Report) {
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

pub(super) fn check_roster(m: &Meeting, r: &mut Report) {
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

pub(super) fn check_privacy(m: &Meeting, r: &mut Report) {
    // Titles too: the archive makes them public unless screened.
    let mut texts: Vec<(String, &str)> = vec![("title".to_owned(), &m.title)];
    for (i, item) in m.agenda.iter().enumerate() {
        texts.push((format!("agenda[{i}].title"), &item.title));
        if let Some(d) = &item.description {
            texts.push((format!("agenda[{i}].description"), d));
        }
        if let Some(d) = &item.decision {
            texts.push((format!("agenda[{i}].decision"), d));
        }
        if let Some(d) = item
            .archive
            .as_ref()
            .and_then(|a| a.recommendation.as_deref())
        {
            texts.push((format!("agenda[{i}].archive.recommendation"), d));
        }
    }
    for (i, c) in m.contributions.iter().enumerate() {
        texts.push((format!("contributions[{i}].body"), &c.body));
    }
    if let Some(p) = m.notice.as_ref().and_then(|n| n.preparation.as_deref()) {
        texts.push(("notice.preparation".to_owned(), p));
    }
    for (path, text) in texts {
        for found in national_id::find(text) {
            r.push(
                Code::PrivacyNationalId,
                path.clone(),
                format!(
                    "the text holds {} (at byte {}), which passes the national identity number checksum",
                    national_id::mask(&found.digits),
                    found.span.start
                ),
            );
        }
    }
}
