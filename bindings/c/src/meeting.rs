//! Meetings: from and to JSON, their main fields, their roster, validation.

use std::borrow::Cow::{self, Borrowed, Owned};
use std::ffi::c_char;

use crate::convert::{
    c_bytes, c_name, c_str, format_and_language, handle, handle_mut, ics_options, out_ptr,
    write_handle, write_opt_string, write_string,
};
use crate::error::{free_box, guard, roundtable_status, CResult, Failure};

use crate::report::roundtable_report;
use crate::roster::roundtable_roster;

/// One meeting of a cooperation group (opaque).
pub struct roundtable_meeting {
    pub(crate) meeting: roundtable::Meeting,
}

/// Reads a meeting from a JSON document of `len` bytes of UTF-8 (no NUL
/// needed) and writes a new handle to `*out`, which the caller frees with
/// roundtable_meeting_free(). On ROUNDTABLE_JSON_ERROR and
/// ROUNDTABLE_JSON_UNKNOWN_FIELD the line and column are in
/// roundtable_last_error_line() / _column().
///
/// # Safety
///
/// `json` points to `len` readable bytes (or is NULL with `len` 0); `out`
/// points to writable memory. Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_from_json(
    json: *const c_char,
    len: usize,
    out: *mut *mut roundtable_meeting,
) -> roundtable_status {
    guard(|| {
        let bytes = c_bytes(json.cast(), len, "json")?;
        out_ptr(out, "out")?;
        let meeting = roundtable::Meeting::from_json_slice(bytes)?;
        write_handle(out, roundtable_meeting { meeting })
    })
}

/// Reads a meeting from the JSON file at `path` (NUL-terminated UTF-8) and
/// writes a new handle to `*out`, which the caller frees with
/// roundtable_meeting_free().
///
/// # Safety
///
/// `path` is a NUL-terminated string; `out` points to writable memory.
/// Thread-safe.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_load(
    path: *const c_char,
    out: *mut *mut roundtable_meeting,
) -> roundtable_status {
    guard(|| {
        let path = c_str(path, "path")?;
        out_ptr(out, "out")?;
        let meeting = roundtable::Meeting::load(path)?;
        write_handle(out, roundtable_meeting { meeting })
    })
}

/// Writes the meeting as a JSON document (pretty-printed, UTF-8,
/// NUL-terminated) to `*out`; the caller frees it with
/// roundtable_string_free(). roundtable_meeting_from_json() reads it back
/// to an equal meeting.
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_to_json(
    meeting: *const roundtable_meeting,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| write_string(out, &handle(meeting, "meeting")?.meeting.to_json()))
}

/// Writes the meeting's calendar file (iCalendar, RFC 5545, CRLF line
/// ends) to `*out`; the caller frees it with roundtable_string_free().
/// `method` (NUL-terminated) is "publish" (no attendees), "request" (an
/// invitation to every roster person with an email) or "cancel";
/// `sequence` is raised for each update; `dtstamp` points to the time
/// stamp in seconds since 1970 (UTC), or is NULL for now.
/// ROUNDTABLE_CALENDAR_ERROR for a request or cancellation without
/// organizer or attendee emails.
///
/// # Safety
///
/// `meeting` is a valid meeting; `method` a NUL-terminated string;
/// `dtstamp` NULL or readable; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_to_ics(
    meeting: *const roundtable_meeting,
    method: *const c_char,
    sequence: u32,
    dtstamp: *const i64,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        let options = ics_options(method, sequence, dtstamp)?;
        out_ptr(out, "out")?;
        write_string(out, &m.meeting.to_ics(&options)?)
    })
}

/// Writes a document of the meeting to `*out` (UTF-8, NUL-terminated); the
/// caller frees it with roundtable_string_free(). The arguments are
/// NUL-terminated names: `document` "notice", "agenda" or "minutes";
/// `format` "markdown" or "html" (a complete HTML5 document, all user text
/// escaped); `language` "nb" or "en". Another name is
/// ROUNDTABLE_INVALID_ARGUMENT.
///
/// # Safety
///
/// `meeting` is a valid meeting; the names NUL-terminated strings; `out`
/// points to writable memory. Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_render(
    meeting: *const roundtable_meeting,
    document: *const c_char,
    format: *const c_char,
    language: *const c_char,
    out: *mut *mut c_char,
) -> roundtable_status {
    roundtable_meeting_render_with(meeting, document, format, language, 0, out)
}

/// Render flag: add the answers to the invitation so far (counts and who
/// has not answered) to the notice or agenda.
pub const ROUNDTABLE_RENDER_RESPONSES: u32 = 1;

/// As roundtable_meeting_render(), with `flags`: 0, or
/// ROUNDTABLE_RENDER_RESPONSES to add the answers to the invitation to
/// the notice or agenda. Another bit is ROUNDTABLE_INVALID_ARGUMENT.
///
/// # Safety
///
/// `meeting` is a valid meeting; the names NUL-terminated strings; `out`
/// points to writable memory. Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_render_with(
    meeting: *const roundtable_meeting,
    document: *const c_char,
    format: *const c_char,
    language: *const c_char,
    flags: u32,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        let document: roundtable::Document = c_name(document, "document")?;
        let (format, language) = format_and_language(format, language)?;
        if flags & !ROUNDTABLE_RENDER_RESPONSES != 0 {
            return Err(Failure::invalid(format!(
                "render flags {flags:#x} are not all known: expected 0 or ROUNDTABLE_RENDER_RESPONSES"
            )));
        }
        out_ptr(out, "out")?;
        let options = roundtable::RenderOptions::default()
            .with_responses(flags & ROUNDTABLE_RENDER_RESPONSES != 0);
        write_string(
            out,
            &m.meeting.render_with(document, format, language, options),
        )
    })
}

/// Frees a meeting. NULL is a no-op.
///
/// # Safety
///
/// `meeting` is NULL or a meeting from this library not freed before,
/// which no other thread is using.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_free(meeting: *mut roundtable_meeting) {
    free_box(meeting);
}

/// Reads one text field of a meeting.
type Getter = for<'m> fn(&'m roundtable::Meeting) -> Option<Cow<'m, str>>;

/// The text fields of a meeting, by name: what roundtable_meeting_field()
/// reads, and the names its error lists. Its doc comment says the same for
/// C, with each field's form; a test holds the header to this table.
const FIELDS: &[(&str, Getter)] = &[
    ("id", |m| Some(Borrowed(&m.id))),
    ("number", |m| m.number.as_deref().map(Borrowed)),
    ("body", |m| Some(Borrowed(&m.body))),
    ("organiser", |m| Some(Borrowed(&m.organiser))),
    ("title", |m| Some(Borrowed(&m.title))),
    ("zone", |m| Some(Borrowed(m.time.zone().name()))),
    ("start", |m| Some(Owned(m.time.start().to_rfc3339()))),
    ("end", |m| Some(Owned(m.time.end().to_rfc3339()))),
    ("start_local", |m| {
        Some(Owned(
            m.time.start_local().format("%Y-%m-%dT%H:%M:%S").to_string(),
        ))
    }),
    ("end_local", |m| {
        Some(Owned(
            m.time.end_local().format("%Y-%m-%dT%H:%M:%S").to_string(),
        ))
    }),
    ("venue", |m| Some(Borrowed(&m.location.venue))),
    ("room", |m| m.location.room.as_deref().map(Borrowed)),
    ("directions", |m| {
        m.location.directions.as_deref().map(Borrowed)
    }),
    ("address", |m| m.location.address.as_deref().map(Borrowed)),
    ("online_url", |m| {
        m.location.online_url.as_deref().map(Borrowed)
    }),
    ("joint_meeting", |m| {
        m.joint_meeting.as_deref().map(Borrowed)
    }),
    ("papers_url", |m| {
        m.papers.as_ref().map(|p| Borrowed(p.url.as_str()))
    }),
    ("notice_date", |m| {
        m.notice.as_ref().map(|n| Owned(n.date.to_string()))
    }),
];

/// A text field of a meeting, by name.
fn field<'m>(m: &'m roundtable::Meeting, name: &str) -> CResult<Option<Cow<'m, str>>> {
    match FIELDS.iter().find(|(field, _)| *field == name) {
        Some((_, get)) => Ok(get(m)),
        None => {
            let (last, rest) = FIELDS.split_last().map_or(("", &[][..]), |(l, r)| (l.0, r));
            let names: Vec<&str> = rest.iter().map(|(field, _)| *field).collect();
            Err(Failure::new(
                roundtable_status::ROUNDTABLE_INVALID_ARGUMENT,
                format!(
                    "unknown meeting field {name:?}: expected {} or {last}",
                    names.join(", ")
                ),
            ))
        }
    }
}

/// Writes a text field of the meeting to `*out`, or NULL when the field is
/// absent; the caller frees the string with roundtable_string_free().
///
/// `name` (NUL-terminated) is one of: "id", "number", "body", "organiser",
/// "title", "zone" (IANA name), "start" and "end" (RFC 3339 with offset,
/// "2024-11-07T12:00:00+01:00"), "start_local" and "end_local" (ISO 8601
/// local time), "venue", "room", "directions", "address", "online_url",
/// "joint_meeting", "papers_url", "notice_date" ("2024-11-01"). Another
/// name is ROUNDTABLE_INVALID_ARGUMENT.
///
/// # Safety
///
/// `meeting` is a valid meeting; `name` a NUL-terminated string; `out`
/// points to writable memory. Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_field(
    meeting: *const roundtable_meeting,
    name: *const c_char,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        let name = c_str(name, "name")?;
        out_ptr(out, "out")?;
        let value = field(&m.meeting, name)?;
        write_opt_string(out, value.as_deref())
    })
}

/// Writes the number of agenda items to `*out`.
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_agenda_len(
    meeting: *const roundtable_meeting,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        out_ptr(out, "out")?;
        *out = m.meeting.agenda.len();
        Ok(())
    })
}

fn item(m: &roundtable::Meeting, index: usize) -> CResult<&roundtable::AgendaItem> {
    m.agenda
        .get(index)
        .ok_or_else(|| Failure::out_of_range("agenda item", index, m.agenda.len()))
}

/// Writes the display number ("4", "4a", "PS 12/24") of agenda item
/// `index` (from 0) to `*out`; the caller frees it with
/// roundtable_string_free().
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_item_number(
    meeting: *const roundtable_meeting,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        out_ptr(out, "out")?;
        write_string(out, &item(&m.meeting, index)?.number)
    })
}

/// Writes the title of agenda item `index` (from 0) to `*out`; the caller
/// frees it with roundtable_string_free().
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_item_title(
    meeting: *const roundtable_meeting,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        out_ptr(out, "out")?;
        write_string(out, &item(&m.meeting, index)?.title)
    })
}

/// Writes the kind of agenda item `index` (from 0) as its JSON name
/// ("notice_approval", "minutes_approval", "proposal", "information",
/// "round_table", "any_other_business") to `*out`; the caller frees it
/// with roundtable_string_free().
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_item_kind(
    meeting: *const roundtable_meeting,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        out_ptr(out, "out")?;
        write_string(out, item(&m.meeting, index)?.kind.name())
    })
}

/// Writes the number of contributions to `*out`.
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_contributions_len(
    meeting: *const roundtable_meeting,
    out: *mut usize,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        out_ptr(out, "out")?;
        *out = m.meeting.contributions.len();
        Ok(())
    })
}

/// Writes whom contribution `index` (from 0) is from ("Elverum") to
/// `*out`; the caller frees it with roundtable_string_free().
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_contribution_from(
    meeting: *const roundtable_meeting,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        out_ptr(out, "out")?;
        let all = &m.meeting.contributions;
        let c = all
            .get(index)
            .ok_or_else(|| Failure::out_of_range("contribution", index, all.len()))?;
        write_string(out, &c.from)
    })
}

/// Writes the Markdown body of contribution `index` (from 0) to `*out`;
/// the caller frees it with roundtable_string_free().
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_contribution_body(
    meeting: *const roundtable_meeting,
    index: usize,
    out: *mut *mut c_char,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        out_ptr(out, "out")?;
        let all = &m.meeting.contributions;
        let c = all
            .get(index)
            .ok_or_else(|| Failure::out_of_range("contribution", index, all.len()))?;
        write_string(out, &c.body)
    })
}

/// Writes a copy of the meeting's roster to `*out`, as a new handle the
/// caller frees with roundtable_roster_free(). It has no import problems.
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_roster(
    meeting: *const roundtable_meeting,
    out: *mut *mut roundtable_roster,
) -> roundtable_status {
    guard(|| {
        let m = handle(meeting, "meeting")?;
        write_handle(out, roundtable_roster::from(m.meeting.roster.clone()))
    })
}

/// Replaces the meeting's roster with a copy of `roster`. The caller keeps
/// `roster` and still frees it.
///
/// # Safety
///
/// `meeting` is a valid meeting used by no other thread meanwhile; `roster`
/// a valid roster.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_set_roster(
    meeting: *mut roundtable_meeting,
    roster: *const roundtable_roster,
) -> roundtable_status {
    guard(|| {
        let m = handle_mut(meeting, "meeting")?;
        let r = handle(roster, "roster")?;
        m.meeting.roster = r.roster.clone();
        Ok(())
    })
}

/// The body of the entry points that validate: the meeting validated by
/// `validate` with `options`, its report written to `*out` as a new handle.
///
/// # Safety
///
/// As for the entry points: `meeting` is a valid meeting or NULL (an
/// error); `out` points to writable memory or is NULL (an error).
pub(crate) unsafe fn write_report(
    meeting: *const roundtable_meeting,
    options: roundtable::ValidationOptions,
    out: *mut *mut roundtable_report,
    validate: fn(&roundtable::Meeting, &roundtable::ValidationOptions) -> roundtable::Report,
) -> CResult {
    let m = handle(meeting, "meeting")?;
    out_ptr(out, "out")?;
    write_handle(
        out,
        roundtable_report {
            report: validate(&m.meeting, &options),
        },
    )
}

/// Validates the meeting with the default options and writes the report to
/// `*out`, as a new handle the caller frees with roundtable_report_free().
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_validate(
    meeting: *const roundtable_meeting,
    out: *mut *mut roundtable_report,
) -> roundtable_status {
    guard(|| {
        write_report(
            meeting,
            roundtable::ValidationOptions::default(),
            out,
            roundtable::Meeting::validate_with,
        )
    })
}

/// Validates the meeting as roundtable_meeting_validate() does, with
/// `min_notice_days` as the fewest days between notice and meeting before
/// "notice.short_notice" is reported (the default is 7).
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_validate_with(
    meeting: *const roundtable_meeting,
    min_notice_days: u32,
    out: *mut *mut roundtable_report,
) -> roundtable_status {
    guard(|| {
        let options =
            roundtable::ValidationOptions::default().with_min_notice_days(min_notice_days);
        write_report(meeting, options, out, roundtable::Meeting::validate_with)
    })
}

/// Validates the meeting as roundtable_meeting_validate_with() does, and,
/// when `quorum` is true, checks the quorum as well ("meeting.quorum": at
/// least half of the body's members present, substitutes counting for
/// whom they stand in; for elected bodies, kommuneloven § 11-9).
///
/// # Safety
///
/// `meeting` is a valid meeting; `out` points to writable memory.
/// Thread-safe on a shared meeting.
#[no_mangle]
pub unsafe extern "C" fn roundtable_meeting_validate_quorum(
    meeting: *const roundtable_meeting,
    min_notice_days: u32,
    quorum: bool,
    out: *mut *mut roundtable_report,
) -> roundtable_status {
    guard(|| {
        let options = roundtable::ValidationOptions::default()
            .with_min_notice_days(min_notice_days)
            .with_quorum(quorum);
        write_report(meeting, options, out, roundtable::Meeting::validate_with)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::*;
    use crate::roster::*;
    use crate::test_support::{last_error, take};
    use crate::{roundtable_last_error_column, roundtable_last_error_line};
    use roundtable_status::*;

    #[test]
    fn the_header_names_every_field_and_no_other() {
        // The doc comment of roundtable_meeting_field() in the header, its
        // quoted names: the table's, in its order.
        let header = include_str!("../../../include/roundtable.h");
        let end = header
            .find("roundtable_status roundtable_meeting_field(")
            .unwrap();
        let mut doc: Vec<&str> = header[..end]
            .lines()
            .rev()
            .skip(1)
            .take_while(|line| line.starts_with("//"))
            .collect();
        doc.reverse();
        let doc = doc.concat();
        let quoted: Vec<&str> = doc
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|q| q.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect();
        let table: Vec<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
        assert_eq!(quoted, table);
    }

    fn seed_json() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/seed-meeting.json"
        ))
        .unwrap()
    }

    #[test]
    fn the_seed_through_the_c_functions() {
        let json = seed_json();
        let mut meeting = std::ptr::null_mut();
        // SAFETY: valid pointers and lengths throughout, as a C caller would pass.
        unsafe {
            assert_eq!(
                roundtable_meeting_from_json(json.as_ptr().cast(), json.len(), &mut meeting),
                ROUNDTABLE_OK
            );
            let mut report = std::ptr::null_mut();
            assert_eq!(
                roundtable_meeting_validate(meeting, &mut report),
                ROUNDTABLE_OK
            );
            let mut n = 0;
            assert_eq!(roundtable_report_len(report, &mut n), ROUNDTABLE_OK);
            assert_eq!(n, 5);
            let mut codes = Vec::new();
            for i in 0..n {
                let mut finding = std::ptr::null_mut();
                assert_eq!(
                    roundtable_report_get(report, i, &mut finding),
                    ROUNDTABLE_OK
                );
                let mut code = std::ptr::null_mut();
                assert_eq!(roundtable_finding_code(finding, &mut code), ROUNDTABLE_OK);
                codes.push(take(code).unwrap());
                roundtable_finding_free(finding);
            }
            assert_eq!(
                codes
                    .iter()
                    .filter(|c| *c == "contribution.empty_section")
                    .count(),
                2
            );
            roundtable_report_free(report);

            let mut title = std::ptr::null_mut();
            let name = c"title";
            assert_eq!(
                roundtable_meeting_field(meeting, name.as_ptr(), &mut title),
                ROUNDTABLE_OK
            );
            assert_eq!(
                take(title).unwrap(),
                "Møte i faggruppe for Næringssamarbeid"
            );
            roundtable_meeting_free(meeting);
        }
    }

    #[test]
    fn json_errors_carry_line_and_column_and_write_nothing() {
        let text = "{\n  \"schema_version\": 1,\n  \"id\" \"x\"\n}";
        let mut meeting = std::ptr::null_mut();
        // SAFETY: a valid buffer and out-pointer.
        let status =
            unsafe { roundtable_meeting_from_json(text.as_ptr().cast(), text.len(), &mut meeting) };
        assert_eq!(status, ROUNDTABLE_JSON_ERROR);
        assert!(meeting.is_null());
        assert_eq!(
            (roundtable_last_error_line(), roundtable_last_error_column()),
            (3, 8)
        );
        assert!(last_error().contains("line 3, column 8"));
    }

    #[test]
    fn null_and_out_of_range_are_statuses() {
        let mut n = 0usize;
        // SAFETY: NULL handles are what is being tested.
        unsafe {
            assert_eq!(
                roundtable_meeting_agenda_len(std::ptr::null(), &mut n),
                ROUNDTABLE_NULL_ARGUMENT
            );
            assert_eq!(
                roundtable_roster_len(std::ptr::null(), &mut n),
                ROUNDTABLE_NULL_ARGUMENT
            );
            let roster =
                Box::into_raw(Box::new(roundtable_roster::from(roundtable::Roster::new())));
            let mut person = std::ptr::null_mut();
            assert_eq!(
                roundtable_roster_get(roster, 0, &mut person),
                ROUNDTABLE_OUT_OF_RANGE
            );
            assert!(person.is_null());
            assert!(last_error().contains("person index 0 is out of range: there are 0"));
            roundtable_roster_free(roster);
        }
    }
}
