//! From the bytes of a reply (an iCalendar object, or an e-mail message
//! carrying one) to what it says: the calendar is parsed by `calcard`, the
//! message by `mail-parser`; this module only bounds their input, finds the
//! calendar part, and picks out the few properties a reply carries.

use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarMethod,
    ICalendarParameterName, ICalendarParameterValue, ICalendarProperty, ICalendarValue,
};
use calcard::Entry;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use super::attendee::attendee;
pub(crate) use super::attendee::Attendee;
use super::limits::{
    malformed, too_large, utf8, MAX_COMPONENT_DEPTH, MAX_REPLY_ATTENDEES, MAX_REPLY_BYTES,
};
use super::value::text_value;
use crate::error::{Error, ErrorKind, Result};
use crate::model::time::parse_zone;
use crate::model::zone::Zone;

/// What one reply says, read and checked.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    /// `METHOD`, upper-case; `None` when absent.
    pub method: Option<String>,
    pub uid: String,
    pub sequence: u32,
    /// `DTSTAMP`; `None` when the event has none (a reply without one is
    /// applied, as calendar servers do, and ordered after the dated ones
    /// of its `SEQUENCE`).
    pub dtstamp: Option<DateTime<Utc>>,
    /// `RECURRENCE-ID`: the occurrence of a series the event answers, as
    /// an instant; `None` for an event that is the meeting itself.
    pub recurrence_id: Option<DateTime<Utc>>,
    /// The line of `BEGIN:VEVENT`.
    pub line: u64,
    /// How many people the events of this event's calendar answer for
    /// together (set by `apply::mark_calendar`): a bare calendar may carry
    /// one person's answer, however many events it spreads it over.
    pub answering_in_calendar: usize,
    /// The event has a `REQUEST-STATUS`: with no `PARTSTAT` on any
    /// attendee it is a status report, not an answer.
    pub request_status: bool,
    /// Read from an e-mail's calendar part: the lines count in that part.
    pub in_message: bool,
    pub attendees: Vec<Attendee>,
    /// The event's `COMMENT`s, joined by a blank line.
    pub comment: Option<String>,
    /// For a reply by e-mail: the address in the `From:` of the message
    /// that carries the calendar (the inner message of a forwarded one);
    /// `None` for a bare calendar, or a message without one.
    pub sender: Option<String>,
    /// For a reply by e-mail: why the receiving server found it not
    /// authenticated for the sender's domain, if it did.
    pub unauthenticated: Option<String>,
}

/// What one reply holds: each event (`VEVENT`) of each of its calendars,
/// read and checked, in order; and each one that could not be read.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub events: Vec<Reply>,
    pub unreadable: Vec<Error>,
}

/// Reads one reply: an iCalendar object, or an e-mail message whose
/// `text/calendar` parts hold one each. Every event of every calendar is
/// read (not the first only: the others would vanish without a word);
/// `zone` is the meeting's, for a `DTSTAMP` written without one.
///
/// # Errors
///
/// `reply.too_large` over the limits; `reply.malformed` when nothing in
/// it can be read (the first reason). An event that cannot be read beside
/// one that can is in [`Read::unreadable`].
pub(crate) fn read(bytes: &[u8], zone: Zone) -> Result<Read> {
    if bytes.len() > MAX_REPLY_BYTES {
        return Err(too_large(
            0,
            format!(
                "the reply has {} bytes; the limit is {MAX_REPLY_BYTES}",
                bytes.len()
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // A calendar saved as UTF-16 (Windows' "Unicode"): read as the text
    // it is, rather than as neither a calendar nor an e-mail.
    let decoded = utf16(bytes);
    let bytes = decoded.as_deref().map_or(bytes, str::as_bytes);
    let mut read = Read::default();
    if starts_calendar(bytes) {
        let text = utf8(bytes)?;
        read_calendar(text, zone, &mut read)?;
        return settled(read);
    }
    let mut attendees = 0;
    for carried in super::message::calendars_of_message(bytes)? {
        let mut part = Read::default();
        let outcome = read_calendar(&carried.text, zone, &mut part);
        // Attendees count across the parts: a message of many calendars
        // cannot pass the limit.
        attendees += part.events.iter().map(|e| e.attendees.len()).sum::<usize>();
        if attendees > MAX_REPLY_ATTENDEES {
            return Err(in_message(too_large(
                0,
                format!(
                    "the message's calendars have more than {MAX_REPLY_ATTENDEES} ATTENDEE lines"
                ),
            )));
        }
        match outcome {
            Ok(()) => {}
            Err(e) if e.code() == crate::ErrorCode::ReplyTooLarge => return Err(in_message(e)),
            Err(e) => read.unreadable.push(e),
        }
        for mut event in part.events {
            event.in_message = true;
            event.sender.clone_from(&carried.sender);
            event.unauthenticated.clone_from(&carried.unauthenticated);
            read.events.push(event);
        }
        read.unreadable.extend(part.unreadable);
    }
    read.unreadable = read.unreadable.into_iter().map(in_message).collect();
    settled(read)
}

/// `read`, or its first error when nothing in it could be read.
fn settled(mut read: Read) -> Result<Read> {
    if read.events.is_empty() && !read.unreadable.is_empty() {
        return Err(read.unreadable.swap_remove(0));
    }
    Ok(read)
}

/// The error as met in an e-mail's calendar part: its lines count there.
fn in_message(e: Error) -> Error {
    match e.into_kind() {
        ErrorKind::Reply {
            code, line, reason, ..
        } => Error::new(ErrorKind::Reply {
            code,
            line,
            in_message: true,
            reason,
        }),
        kind => Error::new(kind),
    }
}

/// Whether `bytes` are an iCalendar object (after a byte-order mark, and
/// as UTF-16 too).
pub(crate) fn is_calendar_text(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match utf16(bytes) {
        Some(text) => starts_calendar(text.as_bytes()),
        None => starts_calendar(bytes),
    }
}

/// The text of UTF-16 bytes: with a byte-order mark, or without one when
/// every other byte of its start is zero (`B\0E\0G\0…`). `None` for
/// anything else, which is read as UTF-8.
fn utf16(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(16)];
    let zeros = |at: usize| head.len() >= 8 && head.iter().skip(at).step_by(2).all(|&b| b == 0);
    let encoding = match bytes {
        [0xFF, 0xFE, ..] => encoding_rs::UTF_16LE,
        [0xFE, 0xFF, ..] => encoding_rs::UTF_16BE,
        _ if zeros(1) => encoding_rs::UTF_16LE,
        _ if zeros(0) => encoding_rs::UTF_16BE,
        _ => return None,
    };
    Some(encoding.decode_with_bom_removal(bytes).0.into_owned())
}

fn starts_calendar(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes
        .get(start..start + 15)
        .is_some_and(|head| head.eq_ignore_ascii_case(b"BEGIN:VCALENDAR"))
}

/// Where each property of each component is, by the order components
/// begin in (the order `calcard` lists them): `calcard` keeps no
/// positions, and a malformed reply is reported with its line.
struct Lines {
    /// Per component: the line of its BEGIN, then (name, line) of each
    /// property.
    components: Vec<(u64, Vec<(String, u64)>)>,
}

impl Lines {
    /// Indexes the text and enforces the limits on nesting and attendees
    /// before the parser sees it.
    fn scan(text: &str) -> Result<Lines> {
        let mut components: Vec<(u64, Vec<(String, u64)>)> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut attendees = 0usize;
        // A property's name is read from its unfolded line (RFC 5545
        // 3.1): a name folded across lines ("ATTEN" CRLF " DEE") is the
        // parser's ATTENDEE too, and counts as one.
        let mut name = String::new();
        let mut name_done = true;
        let mut start = 0u64;
        let mut lines = text.split('\n').enumerate().peekable();
        while let Some((i, line)) = lines.next() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.starts_with([' ', '\t']) {
                // A folded continuation: more of the name, if it is not
                // complete yet.
                if !name_done {
                    let more = &line[1..];
                    let end = more.find([':', ';']);
                    name.push_str(&more[..end.unwrap_or(more.len())]);
                    name_done = end.is_some();
                }
            } else {
                start = i as u64 + 1;
                let end = line.find([':', ';']);
                name.clear();
                name.push_str(&line[..end.unwrap_or(line.len())]);
                name_done = end.is_some();
            }
            // The logical line ends where the next one does not continue it.
            if lines
                .peek()
                .is_some_and(|(_, next)| next.starts_with([' ', '\t']))
            {
                continue;
            }
            let number = start;
            let upper = name.trim().to_ascii_uppercase();
            match upper.as_str() {
                "BEGIN" => {
                    open.push(components.len());
                    components.push((number, Vec::new()));
                    if open.len() > MAX_COMPONENT_DEPTH {
                        return Err(too_large(
                            number,
                            format!("components nest deeper than {MAX_COMPONENT_DEPTH}"),
                        ));
                    }
                }
                "END" => {
                    open.pop();
                }
                "" => {}
                _ => {
                    if upper == "ATTENDEE" {
                        attendees += 1;
                        if attendees > MAX_REPLY_ATTENDEES {
                            return Err(too_large(
                                number,
                                format!("the reply has more than {MAX_REPLY_ATTENDEES} attendees"),
                            ));
                        }
                    }
                    if let Some(&c) = open.last() {
                        if let Some((_, props)) = components.get_mut(c) {
                            props.push((upper, number));
                        }
                    }
                }
            }
        }
        Ok(Lines { components })
    }

    fn begin(&self, component: usize) -> u64 {
        self.components.get(component).map_or(1, |c| c.0)
    }

    /// The line of the `occurrence`-th property `name` of a component,
    /// or the component's BEGIN line.
    fn of(&self, component: usize, name: &str, occurrence: usize) -> u64 {
        self.components
            .get(component)
            .and_then(|(_, props)| {
                props
                    .iter()
                    .filter(|(n, _)| n == name)
                    .nth(occurrence)
                    .map(|&(_, l)| l)
            })
            .unwrap_or_else(|| self.begin(component))
    }

    /// The first line holding `text`, for the parser's "invalid line".
    fn holding(text: &str, needle: &str) -> u64 {
        let needle = needle.trim();
        if needle.is_empty() {
            return 0;
        }
        text.split('\n')
            .position(|l| l.contains(needle))
            .map_or(0, |i| i as u64 + 1)
    }
}

/// Reads the events of one calendar into `out`: each that can be read in
/// `events`, each that cannot in `unreadable`. The calendar itself not
/// read (or without an event) is the error.
fn read_calendar(text: &str, zone: Zone, out: &mut Read) -> Result<()> {
    // Lines that end in CR alone (old Mac files) are lines all the same,
    // not one giant line: each CR becomes the CRLF RFC 5545 asks for.
    let normalised;
    let lone_cr = memchr::memchr_iter(b'\r', text.as_bytes())
        .any(|at| text.as_bytes().get(at + 1) != Some(&b'\n'));
    let text = if lone_cr {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    let lines = Lines::scan(text)?;
    let calendar = ICalendar::parse(text).map_err(|entry| match entry {
        Entry::InvalidLine(line) => malformed(
            Lines::holding(text, &line),
            format!("cannot read the line {:?}", crate::error::shorten(&line)),
        ),
        Entry::UnexpectedComponentEnd { expected, found } => malformed(
            Lines::holding(text, &format!("END:{}", found.as_str())),
            format!(
                "END:{} where END:{} was expected",
                found.as_str(),
                expected.as_str()
            ),
        ),
        Entry::UnterminatedComponent(name) => malformed(
            text.split('\n').count() as u64,
            format!("the component {name} is never closed (no END:{name})"),
        ),
        Entry::TooManyComponents => too_large(0, "the calendar has too many components"),
        Entry::Eof => malformed(1, "no BEGIN:VCALENDAR: the text is not an iCalendar object"),
        _ => malformed(1, "not an iCalendar object (a vCard?)"),
    })?;
    let root = calendar.components.first();
    let method = root
        .and_then(|c| first(c, &ICalendarProperty::Method))
        .and_then(method_text);
    // Another method (PUBLISH, REQUEST, a VFREEBUSY…) is no reply, with or
    // without an event or an ATTENDEE: one entry says so.
    if let Some(other) = method.as_deref().filter(|m| *m != "REPLY") {
        out.events.push(Reply {
            method: Some(other.to_owned()),
            uid: String::new(),
            sequence: 0,
            dtstamp: None,
            recurrence_id: None,
            line: lines.begin(0),
            answering_in_calendar: 0,
            request_status: false,
            in_message: false,
            attendees: Vec::new(),
            comment: None,
            sender: None,
            unauthenticated: None,
        });
        return Ok(());
    }
    let events: Vec<(usize, &ICalendarComponent)> = calendar
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| c.component_type == ICalendarComponentType::VEvent)
        .collect();
    if events.is_empty() {
        return Err(malformed(
            lines.begin(0),
            "the calendar holds no VEVENT: a reply to a meeting answers one event",
        ));
    }
    for (index, event) in events {
        match read_event(event, index, &lines, &method, zone) {
            Ok(reply) => out.events.push(reply),
            Err(e) if e.code() == crate::ErrorCode::ReplyTooLarge => return Err(e),
            Err(e) => out.unreadable.push(e),
        }
    }
    Ok(())
}

/// One event of a reply's calendar (component `index`), read and checked.
fn read_event(
    event: &ICalendarComponent,
    index: usize,
    lines: &Lines,
    method: &Option<String>,
    zone: Zone,
) -> Result<Reply> {
    let line = lines.begin(index);
    let uid = first(event, &ICalendarProperty::Uid)
        .and_then(text_value)
        .map(|u| u.trim().to_owned())
        .filter(|u| !u.is_empty())
        .ok_or_else(|| malformed(line, "the event has no UID"))?;
    let sequence = match first(event, &ICalendarProperty::Sequence) {
        None => 0,
        Some(entry) => match entry.values.first() {
            Some(ICalendarValue::Integer(n)) => u32::try_from(*n).map_err(|_| {
                malformed(
                    lines.of(index, "SEQUENCE", 0),
                    format!("SEQUENCE {n} is not a number from 0 to {}", u32::MAX),
                )
            })?,
            _ => {
                return Err(malformed(
                    lines.of(index, "SEQUENCE", 0),
                    "SEQUENCE is not a whole number",
                ))
            }
        },
    };
    let dtstamp_line = lines.of(index, "DTSTAMP", 0);
    let dtstamp = first(event, &ICalendarProperty::Dtstamp)
        .map(|e| instant(e, zone, dtstamp_line))
        .transpose()?;
    let recurrence_id = first(event, &ICalendarProperty::RecurrenceId)
        .map(|e| {
            any_instant(e, zone, lines.of(index, "RECURRENCE-ID", 0)).map_err(|_| {
                malformed(
                    lines.of(index, "RECURRENCE-ID", 0),
                    "RECURRENCE-ID is not a date-time: expected the start of the occurrence answered, such as 20241107T080000Z",
                )
            })
        })
        .transpose()?;
    let mut attendees = Vec::new();
    for (n, entry) in event
        .entries
        .iter()
        .filter(|e| e.name == ICalendarProperty::Attendee)
        .enumerate()
    {
        attendees.push(attendee(entry, lines.of(index, "ATTENDEE", n))?);
    }
    if attendees.is_empty() {
        return Err(malformed(
            line,
            "the event has no ATTENDEE: a reply names who answers",
        ));
    }
    let comments: Vec<String> = event
        .entries
        .iter()
        .filter(|e| e.name == ICalendarProperty::Comment)
        .filter_map(text_value)
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    Ok(Reply {
        method: method.clone(),
        uid,
        sequence,
        dtstamp,
        recurrence_id,
        line,
        answering_in_calendar: 0,
        request_status: first(event, &ICalendarProperty::RequestStatus).is_some(),
        in_message: false,
        attendees,
        comment: (!comments.is_empty()).then(|| comments.join("\n\n")),
        sender: None,
        unauthenticated: None,
    })
}

fn first<'a>(c: &'a ICalendarComponent, name: &ICalendarProperty) -> Option<&'a ICalendarEntry> {
    c.entries.iter().find(|e| &e.name == name)
}

fn method_text(entry: &ICalendarEntry) -> Option<String> {
    match entry.values.first()? {
        ICalendarValue::Method(m) => Some(
            match m {
                ICalendarMethod::Publish => "PUBLISH",
                ICalendarMethod::Request => "REQUEST",
                ICalendarMethod::Reply => "REPLY",
                ICalendarMethod::Add => "ADD",
                ICalendarMethod::Cancel => "CANCEL",
                ICalendarMethod::Refresh => "REFRESH",
                ICalendarMethod::Counter => "COUNTER",
                ICalendarMethod::Declinecounter => "DECLINECOUNTER",
            }
            .to_owned(),
        ),
        ICalendarValue::Text(t) => Some(t.trim().to_ascii_uppercase()),
        _ => None,
    }
}

/// A `DTSTAMP` as an instant, within the years 1 to 9999 that every date
/// of a meeting document keeps (`00000101T000000Z` and
/// `99991231T235959-1400` are not: the record would break the document).
fn instant(entry: &ICalendarEntry, meeting_zone: Zone, line: u64) -> Result<DateTime<Utc>> {
    let t = any_instant(entry, meeting_zone, line)?;
    if (1..=crate::model::time::MAX_YEAR).contains(&chrono::Datelike::year(&t)) {
        Ok(t)
    } else {
        Err(malformed(
            line,
            format!(
                "DTSTAMP {} is outside the years 1 to 9999 (in UTC): expected a date-time such as 20241102T081500Z",
                t.format("%Y-%m-%dT%H:%M:%SZ")
            ),
        ))
    }
}

/// A `DTSTAMP` as an instant: UTC (`Z`) as RFC 5545 requires, an offset,
/// or, from a client that writes it local, in the zone of its `TZID` or
/// the meeting's.
fn any_instant(entry: &ICalendarEntry, meeting_zone: Zone, line: u64) -> Result<DateTime<Utc>> {
    let bad = |why: &str| {
        malformed(
            line,
            format!("DTSTAMP {why}: expected a date-time such as 20241102T081500Z"),
        )
    };
    let Some(ICalendarValue::PartialDateTime(p)) = entry.values.first() else {
        return Err(bad("is not a date-time"));
    };
    let p: &PartialDateTime = p;
    let (Some(year), Some(month), Some(day)) = (p.year, p.month, p.day) else {
        return Err(bad("has no date"));
    };
    let local = NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
        .and_then(|d| {
            d.and_hms_opt(
                u32::from(p.hour.unwrap_or(0)),
                u32::from(p.minute.unwrap_or(0)),
                u32::from(p.second.unwrap_or(0)),
            )
        })
        .ok_or_else(|| bad("is not a valid date and time"))?;
    if let Some(h) = p.tz_hour {
        let seconds = i32::from(h) * 3600 + i32::from(p.tz_minute.unwrap_or(0)) * 60;
        let offset = if p.tz_minus { -seconds } else { seconds };
        let offset =
            chrono::FixedOffset::east_opt(offset).ok_or_else(|| bad("has an impossible offset"))?;
        return offset
            .from_local_datetime(&local)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| bad("is not a valid instant"));
    }
    let tzid = entry.params.iter().find_map(|p| match (&p.name, &p.value) {
        (ICalendarParameterName::Tzid, ICalendarParameterValue::Text(t)) => Some(t.as_str()),
        _ => None,
    });
    // A Windows zone name ("W. Europe Standard Time") is no IANA name:
    // the meeting's zone is the best reading of it.
    let zone = tzid
        .and_then(|t| parse_zone(t).ok())
        .unwrap_or(meeting_zone);
    zone.from_local(local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| bad("is not a valid local time"))
}
