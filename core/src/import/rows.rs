//! The row reader: one part of an input, row by row, into a roster.

use std::borrow::Cow;

use super::detect::Plan;
use super::header::Columns;
use super::problems::ImportProblems;
use super::reader::{is_blank, line_of, not_utf8, read_record, CsvReader};
use super::sink::Sink;
use super::Failure;
use crate::cells::{clean, clean_composed};
use crate::codes::ProblemCode;
use crate::error::{Error, ErrorKind};
use crate::model::roster::{split_full_name, Attendance, PersonParts, Response, Role, Roster};
use crate::names::{fold_name, MAX_NAME};
use crate::text::{surely_nfc_up_to, DuplicateFinder, OrgClasses, Remembered};
use crate::validate::{check_email_in, check_phone, Domains};

/// A role or attendance as written in a cell: an empty cell (or one of
/// only spaces and punctuation) is the default, any of the type's words its
/// value, anything else `None`.
fn parse_value<T: Default>(value: &str, from_folded: fn(&str) -> Option<T>) -> Option<T> {
    if value.len() > MAX_NAME {
        return None;
    }
    let key = fold_name(value);
    if key.is_empty() {
        Some(T::default())
    } else {
        from_folded(&key)
    }
}

/// The values of one closed-word column (role, attendance, response) by
/// the text as written: a file with the same few job titles in its role
/// column on every row folds each of them once.
struct WordCache<T> {
    seen: Remembered<Option<T>>,
    from_folded: fn(&str) -> Option<T>,
}

impl<T: Default + Copy> WordCache<T> {
    fn new(from_folded: fn(&str) -> Option<T>) -> Self {
        WordCache {
            seen: Remembered::default(),
            from_folded,
        }
    }

    /// As [`parse_value`].
    fn parse(&mut self, value: &str) -> Option<T> {
        if value.is_empty() {
            return Some(T::default());
        }
        let from_folded = self.from_folded;
        self.seen
            .get_or(value.as_bytes(), || parse_value(value, from_folded))
    }
}

/// What every part of one import shares.
pub(super) struct Context<'c> {
    pub(super) plan: Plan,
    /// The file's rows end with a delimiter: an empty field past the
    /// header's columns is its habit, not a shifted row.
    pub(super) trailing_delimiters: bool,
    pub(super) strict: bool,
    pub(super) explicit_utf8: bool,
    pub(super) columns: &'c Columns,
    /// Set when the first part fails, so that the second stops early (the
    /// first part's error is the earlier one in the file). The first part
    /// never stops for the second: its own error, if any, comes first.
    pub(super) stop: &'c std::sync::atomic::AtomicBool,
    /// The groups of every part's duplicate finder: one per part, so that
    /// the duplicates are finished on as many threads as the rows were read.
    pub(super) groups: usize,
    /// The most problems of one code kept.
    pub(super) problem_limit: usize,
}

/// The rows of one part of the input, imported.
pub(super) struct Part {
    pub(super) roster: Roster,
    pub(super) problems: ImportProblems,
    pub(super) duplicates: DuplicateFinder,
    /// The line of each imported person, for the duplicate report; a roster
    /// of more than 4 billion lines cannot fit the roster's text anyway.
    pub(super) lines: Vec<u32>,
    pub(super) rows_read: u64,
    /// Rows not imported, by reason.
    pub(super) skipped: Vec<(ProblemCode, u64)>,
}

/// The rows expected in `bytes` of input whose rows are `row_bytes` long
/// on average, with a sixteenth to spare: buffers reserved once save the
/// growth copies of a million-row import (and spare room never written
/// costs no memory).
pub(super) fn expected_rows(bytes: u64, row_bytes: u64) -> usize {
    let rows = bytes / row_bytes.max(16);
    (rows + rows / 16).min(1 << 26) as usize
}

/// A roster with room for `rows` people and the text of `bytes` of input
/// (most of a row's text is kept).
pub(super) fn sized_roster(bytes: u64, rows: usize) -> Roster {
    let text = (bytes.min(u32::MAX as u64) as usize) / 4 * 3;
    Roster::with_capacity(rows, text)
}

/// Whether the machine can give what an import of `bytes` of input and
/// `rows` rows asks for at its start (its text, and a few words a row for
/// the people, the duplicate finder and the lines), asked for once and
/// given back: a file too large for the memory there is ends in
/// `import.too_large`, where the allocations themselves would abort the
/// process (and a Python interpreter with it). What grows later grows
/// within this estimate.
pub(super) fn check_room(bytes: u64, rows: usize) -> std::result::Result<(), Failure> {
    const WORDS_A_ROW: u64 = 12;
    let need = bytes.saturating_add((rows as u64).saturating_mul(WORDS_A_ROW * 8));
    let mut probe: Vec<u8> = Vec::new();
    match usize::try_from(need).map(|need| probe.try_reserve_exact(need)) {
        Ok(Ok(())) => Ok(()),
        _ => Err(Failure::Error(out_of_memory(need))),
    }
}

/// The error of an import that needs `bytes` more than it could get.
pub(crate) fn out_of_memory(bytes: u64) -> Error {
    Error::new(ErrorKind::Csv {
        line: 1,
        column: 0,
        column_name: None,
        value: None,
        code: ProblemCode::TooLarge,
        reason: format!(
            "the import needs about {} MB and the machine could not give it: import a smaller file, or on a machine with more memory",
            bytes >> 20
        ),
    })
}

/// The rows after which a part reserves room for its problems.
const SAMPLE_ROWS: u64 = 4096;

/// Imports the rows of one part of the input into `roster`.
pub(super) fn read_rows(
    reader: &mut CsvReader<'_>,
    ctx: &Context<'_>,
    mut roster: Roster,
    expected_rows: usize,
    may_stop: bool,
) -> std::result::Result<Part, Failure> {
    use std::sync::atomic::Ordering;
    let columns = ctx.columns;
    let plan = ctx.plan;
    let width = columns.header.len();
    let mut record = csv::ByteRecord::new();
    let mut duplicates = DuplicateFinder::with_capacity(expected_rows, ctx.groups);
    let mut orgs = OrgClasses::default();
    let mut lines: Vec<u32> = Vec::with_capacity(expected_rows);
    let mut rows_read = 0u64;
    // The room for each row's fields, kept from row to row (empty between
    // rows: a row's fields borrow its text).
    let mut room: Vec<&'static str> = Vec::with_capacity(width + 1);
    let mut sink = Sink::new(&columns.header, ctx.problem_limit);
    let header_name = |i: usize| columns.header.get(i).map_or("", |c| c.name.as_str());
    let mut skipped: Vec<(ProblemCode, u64)> = Vec::new();
    let mut roles = WordCache::new(Role::from_folded);
    let mut attendances = WordCache::new(Attendance::from_folded);
    let mut responses = WordCache::new(Response::from_folded);
    let mut domains = Domains::default();

    loop {
        if !read_record(reader, &mut record)? {
            break;
        }
        if is_blank(&record) {
            continue;
        }
        if may_stop && rows_read.is_multiple_of(4096) && ctx.stop.load(Ordering::Relaxed) {
            break;
        }
        rows_read += 1;
        if rows_read == SAMPLE_ROWS {
            // Room for the problems of the rest of the part at the rate of
            // its first rows: a file with a problem on every row would
            // otherwise copy its list at each doubling (and hold up to
            // twice the room at its end).
            let expected = sink.problems.len() * expected_rows / SAMPLE_ROWS as usize;
            sink.problems.reserve(expected + expected / 16);
        }
        let line = line_of(reader, &record);
        // One UTF-8 check for the whole row; a field boundary inside a
        // character makes a slice fail, which is the same verdict.
        let Ok(all) = simdutf8::basic::from_utf8(record.as_slice()) else {
            return Err(not_utf8(plan, ctx.explicit_utf8, line, &record));
        };
        let count = record.len();
        // Each field cut from the row once, where it is checked to fall on
        // characters. (The room is empty: taking it is taking its
        // allocation.)
        let mut fields: Vec<&str> = std::mem::take(&mut room).into_iter().collect();
        let mut from = 0;
        for value in record.iter() {
            let to = from + value.len();
            let Some(text) = all.get(from..to) else {
                return Err(not_utf8(plan, ctx.explicit_utf8, line, &record));
            };
            fields.push(text);
            from = to;
        }
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        let (max, breaks) = scan_row(all.as_bytes());
        let composed = surely_nfc_up_to(max);
        let get = |i: Option<usize>| -> Cow<'_, str> {
            match i.filter(|i| *i < count) {
                None => Cow::Borrowed(""),
                Some(i) if composed => Cow::Borrowed(clean_composed(field(i))),
                Some(i) => clean(field(i)),
            }
        };
        sink.start_row(line);

        if !plan.repaired && width > 1 && breaks {
            if let Some(at) = (0..count).find(|&i| swallowed_rows(field(i), plan.delimiter, width))
            {
                // The quote opened on the record's line, before this field's
                // first line break.
                let opened = line + field_line_offset(&fields[..at]);
                return Err(Failure::UnclosedQuote {
                    line: opened,
                    width,
                });
            }
        }
        // A row that cannot be read as a person is skipped (and reported);
        // any other problem keeps the person, with the value as written.
        let mut unreadable = None;
        // Fields past the header's: a shifted row, unless they are empty
        // and the file ends its rows with a delimiter.
        if count > width
            && (!ctx.trailing_delimiters || (width..count).any(|i| !field(i).trim().is_empty()))
        {
            report_extra_fields(&mut sink, &fields, width, plan.delimiter);
            unreadable = Some(ProblemCode::ExtraFields);
        }

        if columns.is_header_again(field) {
            report_header_again(&mut sink, &fields, plan.delimiter);
            count_skip(&mut skipped, ProblemCode::RepeatedHeader);
            room = emptied(fields);
            continue;
        }
        let (mut given, mut family) = (get(columns.given), get(columns.family));
        if columns.given.is_none() && columns.family.is_none() {
            let full = get(columns.full);
            let (g, f) = split_full_name(&full);
            (given, family) = (Cow::Owned(g.to_owned()), Cow::Owned(f.to_owned()));
        }
        if given.is_empty() && family.is_empty() {
            let column = columns.given.or(columns.full).or(columns.family);
            report_no_name(&mut sink, column, column.map_or("", field));
            unreadable = unreadable.or(Some(ProblemCode::RosterEmptyName));
        }
        let organisation = get(columns.organisation);
        // Strict stops at the problem; lenient keeps the value.
        let kept = if ctx.strict { "" } else { "; kept as written" };
        let email = get(columns.email);
        if !email.is_empty() {
            if let Some(reason) = check_email_in(&email, &mut domains) {
                let raw = columns.email.map_or("", field);
                report_contact(
                    &mut sink,
                    ProblemCode::RosterEmail,
                    columns.email,
                    raw,
                    reason,
                    kept,
                );
            }
        }
        let phone = get(columns.phone);
        if !phone.is_empty() {
            if let Some(reason) = check_phone(&phone) {
                let raw = columns.phone.map_or("", field);
                report_contact(
                    &mut sink,
                    ProblemCode::RosterPhone,
                    columns.phone,
                    raw,
                    reason,
                    kept,
                );
            }
        }
        let mut title = get(columns.title);
        // Values of the role, attendance and response columns that are none
        // of their words: kept under the column's header.
        let mut kept: Vec<(usize, Cow<'_, str>)> = Vec::new();
        let role_text = get(columns.role);
        let role = match roles.parse(&role_text) {
            Some(role) => role,
            None => {
                let column = columns.role.unwrap_or(0);
                let as_title = title.is_empty();
                report_not_a_role(
                    &mut sink,
                    columns.role,
                    columns.role.map_or("", field),
                    as_title,
                    header_name(column),
                );
                if as_title {
                    title = role_text;
                } else {
                    kept.push((column, role_text));
                }
                Role::Member
            }
        };
        let attendance = known_or_kept(
            get(columns.attendance),
            columns.attendance,
            &mut attendances,
            "attendance (expected invitert/invited, til stede/present, forfall/excused or fravær/absent)",
            columns.attendance.map_or("", field),
            &header_name,
            &mut sink,
            &mut kept,
        );
        let response = known_or_kept(
            get(columns.response),
            columns.response,
            &mut responses,
            "response (expected accepted, declined, tentative, delegated or needs_action)",
            columns.response.map_or("", field),
            &header_name,
            &mut sink,
            &mut kept,
        );
        let substitute_for = get(columns.substitute_for);
        let excuse = get(columns.excuse);

        if ctx.strict {
            if let Some(first) = sink.problems.first_error_in_row() {
                return Err(Failure::Error(first.into_owned().into_error()));
            }
        }
        if let Some(reason) = unreadable {
            // Only why the row was skipped: the checks of its values would
            // speak of columns a shifted row does not hold.
            sink.problems.retain_row(|code| {
                matches!(
                    code,
                    ProblemCode::ExtraFields | ProblemCode::RosterEmptyName
                )
            });
            count_skip(&mut skipped, reason);
            room = emptied(fields);
            continue;
        }

        let mut extra_values: Vec<(u32, Cow<'_, str>)> = Vec::new();
        for &(column, id) in &columns.extras {
            let value = get(Some(column));
            if !value.is_empty() {
                extra_values.push((id, value));
            }
        }
        for (column, value) in kept {
            extra_values.push((roster.extra_id(header_name(column)), value));
        }
        let needed = given.len()
            + family.len()
            + organisation.len()
            + email.len()
            + phone.len()
            + title.len()
            + substitute_for.len()
            + excuse.len()
            + extra_values.iter().map(|(_, v)| v.len()).sum::<usize>();
        if roster.text_len() + needed >= u32::MAX as usize {
            return Err(Failure::Error(Error::new(ErrorKind::Csv {
                line,
                column: 0,
                column_name: None,
                value: None,
                code: ProblemCode::TooLarge,
                reason: "the roster would exceed 4 GiB of text".to_owned(),
            })));
        }

        let index = roster.len() as u32;
        let extras: Vec<(u32, &str)> = extra_values
            .iter()
            .map(|(id, v)| (*id, v.as_ref()))
            .collect();
        let org_id = roster.push_parts(
            &PersonParts {
                given_name: &given,
                family_name: &family,
                organisation: &organisation,
                email: (!email.is_empty()).then_some(&*email),
                phone: (!phone.is_empty()).then_some(&*phone),
                title: (!title.is_empty()).then_some(&*title),
                role,
                substitute_for: (!substitute_for.is_empty()).then_some(&*substitute_for),
                response,
                attendance,
                excuse: (!excuse.is_empty()).then_some(&*excuse),
            },
            &extras,
        );
        let org = orgs.key(org_id, &organisation);
        duplicates.push(index, &given, &family, org.hash);
        lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        room = emptied(fields);
    }
    sink.problems.end_rows();
    Ok(Part {
        roster,
        problems: sink.problems,
        duplicates,
        lines,
        rows_read,
        skipped,
    })
}

/// Reports a row with more fields than the header has columns, not all
/// of them empty: an unquoted delimiter shifted every column after it.
#[cold]
fn report_extra_fields(sink: &mut Sink, fields: &[&str], width: usize, delimiter: u8) {
    if !sink.problems.keeps(ProblemCode::ExtraFields) {
        // Counted only: its reason, a text of its own, would be kept for
        // nothing.
        sink.problems.count_unkept(ProblemCode::ExtraFields, 1);
        return;
    }
    let count = fields.len();
    let joined = fields[width.min(count)..].join(&char::from(delimiter).to_string());
    let reason = sink.text(format!(
        "the row has {count} fields but the header has {width} (an unquoted delimiter shifts every column after it): the row is not imported"
    ));
    sink.report(ProblemCode::ExtraFields, Some(width), &joined, reason);
}

/// Reports a row that is the header again, in place of the row's other
/// problems (as it was always reported).
#[cold]
fn report_header_again(sink: &mut Sink, fields: &[&str], delimiter: u8) {
    sink.problems.retain_row(|_| false);
    let value = fields.join(&char::from(delimiter).to_string());
    let reason = sink.reason((ProblemCode::RepeatedHeader, None, ""), || {
        "the header row again (two files pasted together?): skipped, it is not a person".to_owned()
    });
    sink.report(ProblemCode::RepeatedHeader, None, &value, reason);
}

/// Reports a row with neither a given nor a family name, its name cell
/// (`column`) as written.
#[cold]
fn report_no_name(sink: &mut Sink, column: Option<usize>, raw: &str) {
    let reason = sink.reason((ProblemCode::RosterEmptyName, column, ""), || {
        "the row has no name: expected a given or family name; the row is not imported".to_owned()
    });
    sink.report(ProblemCode::RosterEmptyName, column, raw, reason);
}

/// Reports an email or phone its check refused (`why`), as written;
/// `kept` says that it is kept (lenient) or nothing (strict).
#[cold]
fn report_contact(
    sink: &mut Sink,
    code: ProblemCode,
    column: Option<usize>,
    raw: &str,
    why: &'static str,
    kept: &str,
) {
    let what = if code == ProblemCode::RosterEmail {
        "email"
    } else {
        "phone"
    };
    let reason = sink.reason((code, column, why), || format!("{what} {why}{kept}"));
    sink.report(code, column, raw, reason);
}

/// Reports a role cell that is none of the roles' words: kept as the job
/// title (`as_title`) or as an attribute under the column's `header`.
fn report_not_a_role(
    sink: &mut Sink,
    column: Option<usize>,
    raw: &str,
    as_title: bool,
    header: &str,
) {
    let detail = if as_title { "title" } else { "attribute" };
    let reason = sink.reason((ProblemCode::UnknownValue, column, detail), || {
        let whereto = if as_title {
            "kept as the job title".to_owned()
        } else {
            format!("kept as the attribute {header:?}")
        };
        format!("not a role (a job title?): {whereto}; the person is a member")
    });
    sink.report(ProblemCode::UnknownValue, column, raw, reason);
}

/// The value of a cell of a column with a closed set of words (attendance,
/// response): the word's value, or, for text that is none of them, the
/// default, with the text kept under the column's header (`kept`) and
/// reported as `import.unknown_value`.
#[allow(clippy::too_many_arguments)]
fn known_or_kept<'t, 'h, T: Default + Copy>(
    text: Cow<'t, str>,
    column: Option<usize>,
    words: &mut WordCache<T>,
    what: &'static str,
    raw: &str,
    header_name: &dyn Fn(usize) -> &'h str,
    sink: &mut Sink,
    kept: &mut Vec<(usize, Cow<'t, str>)>,
) -> T {
    if let Some(value) = words.parse(&text) {
        return value;
    }
    let at = column.unwrap_or(0);
    let reason = sink.reason((ProblemCode::UnknownValue, column, what), || {
        format!(
            "unknown {what}: kept as the attribute {:?}",
            header_name(at)
        )
    });
    sink.report(ProblemCode::UnknownValue, column, raw, reason);
    kept.push((at, text));
    T::default()
}

/// What the row's checks ask of all its bytes, in one pass: its greatest
/// byte, and whether it has a line break.
fn scan_row(bytes: &[u8]) -> (u8, bool) {
    bytes.iter().fold((0u8, false), |(max, breaks), &b| {
        (max.max(b), breaks | (b == b'\n') | (b == b'\r'))
    })
}

/// A row's fields emptied, as room for the next row's: the same
/// allocation, no longer borrowing the row.
fn emptied(mut fields: Vec<&str>) -> Vec<&'static str> {
    fields.clear();
    fields.into_iter().map(|_| "").collect()
}

/// Counts a skipped row under its reason.
pub(super) fn count_skip(skipped: &mut Vec<(ProblemCode, u64)>, reason: ProblemCode) {
    match skipped.iter_mut().find(|(code, _)| *code == reason) {
        Some((_, n)) => *n += 1,
        None => skipped.push((reason, 1)),
    }
}

/// Whether a field holds what looks like whole rows after its first line
/// break (a line with as many delimiters as a row has): the sign of a quote
/// that opened a field and was never closed, so that the csv reader took
/// the rows after it as the field's text.
pub(super) fn swallowed_rows(field: &str, delimiter: u8, width: usize) -> bool {
    let bytes = field.as_bytes();
    let Some(first_break) = memchr::memchr2(b'\n', b'\r', bytes) else {
        return false;
    };
    bytes[first_break + 1..]
        .split(|&b| b == b'\n' || b == b'\r')
        .any(|line| memchr::memchr_iter(delimiter, line).count() + 1 >= width)
}

/// Line breaks in `fields` (a record's fields before one, some spanning
/// lines).
fn field_line_offset(fields: &[&str]) -> u64 {
    fields.iter().map(|f| f.matches('\n').count() as u64).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Just;

    #[test]
    fn the_word_cache_answers_as_parsing_beyond_its_size() {
        let mut roles = WordCache::new(Role::from_folded);
        let texts: Vec<String> = (0..Remembered::<Option<Role>>::SIZE + 50)
            .map(|i| format!("Rådgiver {i}"))
            .chain(["Leder", "", "  ", "vara", "Rådgiver 3", "LEDER"].map(String::from))
            .collect();
        for text in texts.iter().chain(&texts) {
            assert_eq!(
                roles.parse(text),
                parse_value(text, Role::from_folded),
                "{text:?}"
            );
        }
        assert_eq!(roles.seen.len(), Remembered::<Option<Role>>::SIZE);
        assert_eq!(roles.parse("Leder"), Some(Role::Chair));
    }

    proptest::proptest! {
        #[test]
        fn a_row_scan_finds_the_greatest_byte_and_any_line_break(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![Just(b'\n'), Just(b'\r'), 0u8..=255],
                0..80,
            )
        ) {
            let want = (
                bytes.iter().copied().max().unwrap_or(0),
                bytes.iter().any(|&b| b == b'\n' || b == b'\r'),
            );
            proptest::prop_assert_eq!(scan_row(&bytes), want);
        }
    }

    #[test]
    fn a_rows_fields_leave_their_room_to_the_next_row() {
        let text = String::from("Kari;Nordmann");
        let mut room: Vec<&'static str> = Vec::with_capacity(16);
        let at = room.as_ptr();
        let mut fields: Vec<&str> = std::mem::take(&mut room).into_iter().collect();
        fields.extend(text.split(';'));
        assert_eq!(fields, ["Kari", "Nordmann"]);
        room = emptied(fields);
        assert!(room.is_empty());
        assert!(room.capacity() >= 16);
        assert_eq!(room.as_ptr(), at, "the same allocation");
    }
}
