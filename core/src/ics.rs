//! The calendar invitation: iCalendar (RFC 5545) with the scheduling
//! methods of iTIP (RFC 5546).
//!
//! A small writer of its own, since its few rules are the whole difficulty
//! and are tested byte by byte: text escaped (`\\`, `;`, `,`, line breaks;
//! no bare CR), parameter values quoted and RFC 6868-encoded, lines folded
//! at 75 octets never inside a UTF-8 character, CRLF after every line.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};

use crate::codes::ErrorCode;
use crate::error::{Error, ErrorKind, Result};
use crate::model::meeting::Meeting;
use crate::model::roster::{Response, Role};
use crate::model::zone::{Transition, Zone};
use crate::names::names;
use crate::validate::check_email;

/// The iTIP method of a calendar file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Method {
    /// A plain calendar file, with no attendees: to publish or import.
    #[default]
    Publish,
    /// An invitation to every roster person with an email.
    Request,
    /// The meeting is cancelled (same UID; raise the sequence).
    Cancel,
}

impl Method {
    /// `PUBLISH`, `REQUEST` or `CANCEL`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }
}

names!(Method, "method" {
    Publish => "publish", "publiser";
    Request => "request", "forespørsel", ["invitation", "invitasjon"];
    Cancel => "cancel", "avlys", ["avlyst"];
});

/// Settings of a calendar file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct IcsOptions {
    /// The method; publish by default.
    pub method: Method,
    /// The revision: raise it for each update of the same meeting.
    pub sequence: u32,
    /// When the file is made; now when `None`. Give it for output that is
    /// the same every time.
    pub dtstamp: Option<DateTime<Utc>>,
}

impl IcsOptions {
    /// Sets the method.
    pub fn with_method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// Sets the sequence.
    pub fn with_sequence(mut self, sequence: u32) -> Self {
        self.sequence = sequence;
        self
    }

    /// Sets the time stamp.
    pub fn with_dtstamp(mut self, dtstamp: DateTime<Utc>) -> Self {
        self.dtstamp = Some(dtstamp);
        self
    }
}

/// Lines of an iCalendar file, each folded and ended with CRLF as written.
#[derive(Default)]
pub(crate) struct IcsWriter {
    out: String,
}

impl IcsWriter {
    /// Writes one content line: `name`, its parameters (values quoted and
    /// RFC 6868-encoded) and its value as given (already escaped if text).
    pub(crate) fn line(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut line = String::with_capacity(name.len() + value.len() + 16);
        line.push_str(name);
        for (key, v) in params {
            line.push(';');
            line.push_str(key);
            line.push('=');
            line.push_str(&param_value(v));
        }
        line.push(':');
        line.push_str(value);
        fold_into(&mut self.out, &line);
    }

    /// Writes a TEXT property, escaped.
    pub(crate) fn text(&mut self, name: &str, value: &str) {
        self.line(name, &[], &escape_text(value));
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11). Line breaks of any kind become
/// `\n`, so no bare CR is written; other control characters cannot appear
/// in TEXT and become U+FFFD, visibly.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A URI value: characters a URI cannot hold raw (controls, spaces, and
/// what is not ASCII) percent-encoded, so that no value breaks its line.
pub(crate) fn uri_value(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for c in uri.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// An address fit for `mailto:`: valid by [`check_email`] (the rule of
/// `roster.email`) and without a control character or space.
fn calendar_address(email: &str) -> Option<&str> {
    let email = email.trim();
    let plain = !email.chars().any(|c| c.is_control() || c.is_whitespace());
    (plain && check_email(email).is_none()).then_some(email)
}

/// A parameter value with RFC 6868's `^^`, `^n` and `^'` for the
/// characters a parameter cannot hold, quoted when it has `;`, `:` or `,`
/// (or is empty).
pub(crate) fn param_value(value: &str) -> String {
    let quote = value.is_empty() || value.contains([';', ':', ',']);
    let mut out = String::with_capacity(value.len() + 2);
    if quote {
        out.push('"');
    }
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => out.push_str("^^"),
            '"' => out.push_str("^'"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("^n");
            }
            '\n' => out.push_str("^n"),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    if quote {
        out.push('"');
    }
    out
}

/// Appends `line` folded at 75 octets (RFC 5545 §3.1): continuation lines
/// start with a space, and no fold falls inside a UTF-8 character.
pub(crate) fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = 75;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts in the 75.
        limit = 74;
    }
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    if s.is_multiple_of(60) {
        format!("{sign}{:02}{:02}", s / 3600, s / 60 % 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// The zone's transitions from the start of `first` to the end of `last`
/// (years), read from its rules.
fn transitions(zone: Zone, first: i32, last: i32) -> Vec<Transition> {
    let new_year =
        |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).map(|d| d.and_time(chrono::NaiveTime::MIN));
    match (new_year(first), new_year(last.saturating_add(1))) {
        (Some(from), Some(until)) => zone.transitions(from, until),
        _ => Vec::new(),
    }
}

/// Whether every transition in `list` falls on the last `weekday` of its
/// month, in one month, at one time of day: then one RRULE says them all.
fn yearly_last_weekday(list: &[&Transition]) -> Option<(u32, Weekday)> {
    let first = list.first()?;
    let (month, weekday, time) = (
        first.local().month(),
        first.local().weekday(),
        first.local().time(),
    );
    let regular = list.iter().all(|t| {
        let local = t.local();
        local.month() == month
            && local.weekday() == weekday
            && local.time() == time
            && (local + Duration::days(7)).month() != month
            && t.from == first.from
            && t.to == first.to
    });
    regular.then_some((month, weekday))
}

fn byday(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// Writes a VTIMEZONE for `zone` that covers the years `first..=last`:
/// rules as RRULEs where the zone follows a "last Sunday" rule (Europe),
/// else each transition on its own; a zone without transitions gets one
/// STANDARD with its offset.
#[cfg(test)]
pub(crate) fn write_vtimezone(w: &mut IcsWriter, zone: Zone, first: i32, last: i32) {
    write_vtimezone_for(w, zone, &[first, last]);
}

/// The VTIMEZONE for events in `years`: the transitions of each of those
/// years and the one before (whose rules an RRULE carries on), not of the
/// years between, so that a meeting from 2024 to 9999 costs two windows,
/// not eight thousand years of hours.
pub(crate) fn write_vtimezone_for(w: &mut IcsWriter, zone: Zone, years: &[i32]) {
    let first = years.iter().copied().min().unwrap_or(1970);
    let mut windows: Vec<(i32, i32)> = years.iter().map(|&y| (y - 1, y)).collect();
    windows.sort_unstable();
    let mut merged: Vec<(i32, i32)> = Vec::with_capacity(windows.len());
    for (from, to) in windows {
        match merged.last_mut() {
            Some(last) if from <= last.1 + 1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    w.line("BEGIN", &[], "VTIMEZONE");
    w.text("TZID", zone.name());
    let all: Vec<Transition> = merged
        .into_iter()
        .flat_map(|(from, to)| transitions(zone, from, to))
        .collect();
    if all.is_empty() {
        let (offset, (daylight, name)) = match NaiveDate::from_ymd_opt(first, 1, 1) {
            Some(day) => {
                let t = day.and_time(chrono::NaiveTime::MIN);
                (zone.offset_at(t).local_minus_utc(), zone.daylight_at(t))
            }
            None => (0, (false, String::new())),
        };
        let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
        w.line("BEGIN", &[], kind);
        w.line("DTSTART", &[], "19700101T000000");
        w.line("TZOFFSETFROM", &[], &offset_text(offset));
        w.line("TZOFFSETTO", &[], &offset_text(offset));
        if !name.is_empty() {
            w.text("TZNAME", &name);
        }
        w.line("END", &[], kind);
    }
    for daylight in [false, true] {
        let list: Vec<&Transition> = all.iter().filter(|t| t.daylight == daylight).collect();
        let kind = if daylight { "DAYLIGHT" } else { "STANDARD" };
        let groups: Vec<Vec<&Transition>> = match yearly_last_weekday(&list) {
            Some(_) => vec![list.clone()],
            None => list.iter().map(|t| vec![*t]).collect(),
        };
        for group in groups {
            let Some(t) = group.first() else { continue };
            w.line("BEGIN", &[], kind);
            w.line("DTSTART", &[], &local_stamp(t.local()));
            if group.len() > 1 {
                if let Some((month, weekday)) = yearly_last_weekday(&group) {
                    w.line(
                        "RRULE",
                        &[],
                        &format!("FREQ=YEARLY;BYMONTH={month};BYDAY=-1{}", byday(weekday)),
                    );
                }
            }
            w.line("TZOFFSETFROM", &[], &offset_text(t.from));
            w.line("TZOFFSETTO", &[], &offset_text(t.to));
            if !t.name.is_empty() {
                w.text("TZNAME", &t.name);
            }
            w.line("END", &[], kind);
        }
    }
    w.line("END", &[], "VTIMEZONE");
}

/// The meeting's stable UID: the same meeting gives the same UID every time.
pub(crate) fn uid(meeting: &Meeting) -> String {
    format!("{}@roundtable", meeting.id.trim())
}

fn calendar_error(code: ErrorCode, reason: impl Into<String>) -> Error {
    Error::new(ErrorKind::Calendar {
        code,
        reason: reason.into(),
    })
}

fn description(m: &Meeting) -> String {
    let mut text = String::new();
    for item in &m.agenda {
        text.push_str(item.number.trim());
        text.push_str(". ");
        text.push_str(item.title.trim());
        text.push('\n');
    }
    if let Some(p) = &m.papers {
        text.push('\n');
        text.push_str(p.url.trim());
        text.push('\n');
    }
    if let Some(online) = m.location.online_url.as_deref() {
        text.push_str(online.trim());
        text.push('\n');
    }
    text.trim_end().to_owned()
}

/// Writes one VEVENT of `m`.
pub(crate) fn write_event(
    w: &mut IcsWriter,
    m: &Meeting,
    options: &IcsOptions,
    dtstamp: DateTime<Utc>,
) -> Result<()> {
    let zone = m.time.zone().name();
    w.line("BEGIN", &[], "VEVENT");
    w.text("UID", &uid(m));
    w.line("DTSTAMP", &[], &utc_stamp(dtstamp));
    w.line("SEQUENCE", &[], &options.sequence.to_string());
    w.line(
        "DTSTART",
        &[("TZID", zone)],
        &local_stamp(m.time.start_local()),
    );
    w.line("DTEND", &[("TZID", zone)], &local_stamp(m.time.end_local()));
    w.text("SUMMARY", m.title.trim());
    w.text("LOCATION", &m.location.to_string());
    if let Some(p) = &m.papers {
        // A URI value, not TEXT: not escaped, but it must not break lines.
        w.line("URL", &[("VALUE", "URI")], &uri_value(p.url.trim()));
    }
    let text = description(m);
    if !text.is_empty() {
        w.text("DESCRIPTION", &text);
    }
    w.line(
        "STATUS",
        &[],
        if options.method == Method::Cancel {
            "CANCELLED"
        } else {
            "CONFIRMED"
        },
    );
    let contact = m.notice.as_ref().and_then(|n| n.contact.as_ref());
    let organizer = contact.and_then(|c| c.email.as_deref().map(|e| (c.name.trim(), e.trim())));
    let scheduling = options.method != Method::Publish;
    // Only a valid address is written after `mailto:`: an address holding
    // a line break would add properties of its own.
    if let Some((_, email)) = organizer.filter(|(_, e)| calendar_address(e).is_none()) {
        if scheduling {
            return Err(calendar_error(
                ErrorCode::CalendarNoOrganizer,
                format!(
                    "a {} needs an organizer: the notice's contact email {:?} is malformed",
                    options.method.as_str(),
                    crate::error::shorten(email)
                ),
            ));
        }
    }
    let organizer = organizer.and_then(|(name, e)| calendar_address(e).map(|e| (name, e)));
    match organizer {
        Some((name, email)) => w.line(
            "ORGANIZER",
            &[("CN", name)],
            &format!("mailto:{}", uri_value(email)),
        ),
        None if scheduling => {
            return Err(calendar_error(
                ErrorCode::CalendarNoOrganizer,
                format!(
                    "a {} needs an organizer: the notice's contact has no email",
                    options.method.as_str()
                ),
            ))
        }
        None => {}
    }
    if scheduling {
        let mut attendees = 0;
        for p in &m.roster {
            // A malformed address is left out (validation reports it as
            // roster.email), never written.
            let Some(email) = p.email().and_then(calendar_address) else {
                continue;
            };
            // RFC 5545 roles: the chair chairs; the body's members are
            // required; substitutes, guests and observers take part if
            // they come (NON-PARTICIPANT is for copies for information).
            let role = match p.role() {
                Role::Chair => "CHAIR",
                Role::DeputyChair | Role::Member | Role::Secretary => "REQ-PARTICIPANT",
                Role::Substitute | Role::Guest | Role::Observer => "OPT-PARTICIPANT",
            };
            // A re-sent request keeps the answers already given; an answer
            // is asked for where none is final yet.
            let response = p.response();
            let name = p.full_name();
            let mut parameters = vec![
                ("CN", name.as_str()),
                ("ROLE", role),
                ("PARTSTAT", response.partstat()),
            ];
            if matches!(response, Response::NeedsAction | Response::Tentative) {
                parameters.push(("RSVP", "TRUE"));
            }
            w.line(
                "ATTENDEE",
                &parameters,
                &format!("mailto:{}", uri_value(email)),
            );
            attendees += 1;
        }
        if attendees == 0 {
            return Err(calendar_error(
                ErrorCode::CalendarNoAttendee,
                format!(
                    "a {} needs at least one attendee: nobody on the roster has an email",
                    options.method.as_str()
                ),
            ));
        }
    }
    w.line("END", &[], "VEVENT");
    Ok(())
}

/// Writes a whole calendar of `meetings` (one VTIMEZONE per zone).
pub(crate) fn calendar(meetings: &[&Meeting], options: &IcsOptions) -> Result<String> {
    let dtstamp = options.dtstamp.unwrap_or_else(Utc::now);
    let mut w = IcsWriter::default();
    w.line("BEGIN", &[], "VCALENDAR");
    w.line("VERSION", &[], "2.0");
    w.text(
        "PRODID",
        concat!(
            "-//roundtable//roundtable ",
            env!("CARGO_PKG_VERSION"),
            "//EN"
        ),
    );
    w.line("CALSCALE", &[], "GREGORIAN");
    w.line("METHOD", &[], options.method.as_str());
    let mut zones: Vec<Zone> = Vec::new();
    for m in meetings {
        if !zones.contains(&m.time.zone()) {
            zones.push(m.time.zone());
        }
    }
    for zone in zones {
        let years: Vec<i32> = meetings
            .iter()
            .filter(|m| m.time.zone() == zone)
            .flat_map(|m| [m.time.start_local().year(), m.time.end_local().year()])
            .collect();
        write_vtimezone_for(&mut w, zone, &years);
    }
    for m in meetings {
        write_event(&mut w, m, options, dtstamp)?;
    }
    w.line("END", &[], "VCALENDAR");
    Ok(w.finish())
}

impl Meeting {
    /// The calendar file of the meeting (RFC 5545, with the iTIP method of
    /// `options`): one VEVENT with a stable UID, start and end with their
    /// zone and a matching VTIMEZONE, title, location, the papers' link and
    /// the agenda as description. A request or cancellation has the notice's
    /// contact as organizer and every roster person with an email as
    /// attendee.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Calendar`] for a request or cancellation without an
    /// organizer email or without any attendee email.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use roundtable::{IcsOptions, Meeting};
    ///
    /// let meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/seed-meeting.json"))?;
    /// let stamp = Utc.with_ymd_and_hms(2024, 11, 1, 8, 0, 0).unwrap();
    /// let ics = meeting.to_ics(&IcsOptions::default().with_dtstamp(stamp))?;
    /// assert!(ics.contains("DTSTART;TZID=Europe/Oslo:20241107T120000\r\n"));
    /// assert!(ics.ends_with("END:VCALENDAR\r\n"));
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn to_ics(&self, options: &IcsOptions) -> Result<String> {
        calendar(&[self], options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_line_breaks_become_backslash_n() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng"
        );
        assert_eq!(escape_text("bell\u{7}"), "bell\u{FFFD}");
        assert_eq!(escape_text("Oslo Rådhus: møte"), "Oslo Rådhus: møte");
    }

    #[test]
    fn parameter_values_are_quoted_with_rfc_6868() {
        assert_eq!(param_value("Karoline H. Ulateig"), "Karoline H. Ulateig");
        assert_eq!(param_value("Åse Ærø"), "Åse Ærø");
        assert_eq!(param_value("a\"b^c\nd;e:f,g"), "\"a^'b^^c^nd;e:f,g\"");
        assert_eq!(param_value("Ulateig, Karoline"), "\"Ulateig, Karoline\"");
        assert_eq!(param_value(""), "\"\"");
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        for text in [
            "x".repeat(200),
            "æ".repeat(120),
            format!("a{}", "ø".repeat(100)),
            "€".repeat(70),
        ] {
            let mut out = String::new();
            fold_into(&mut out, &text);
            assert!(out.ends_with("\r\n"));
            let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
            for (i, line) in lines.iter().enumerate() {
                assert!(line.len() <= 75, "{} octets", line.len());
                assert_eq!(i > 0, line.starts_with(' '));
            }
            // Unfolding gives the text back.
            assert_eq!(out.replace("\r\n ", "").trim_end_matches("\r\n"), text);
        }
    }

    #[test]
    fn oslo_has_eu_rules_and_a_fixed_zone_one_standard() {
        let mut w = IcsWriter::default();
        write_vtimezone(&mut w, Zone::OSLO, 2024, 2024);
        let text = w.finish();
        assert!(text.contains("BEGIN:STANDARD\r\nDTSTART:20231029T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"), "{text}");
        assert!(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20230326T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"), "{text}");
        let mut w = IcsWriter::default();
        write_vtimezone(&mut w, Zone::get("Asia/Tokyo").expect("a zone"), 2024, 2024);
        let text = w.finish();
        assert!(text.contains("BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\n"), "{text}");
    }
}
