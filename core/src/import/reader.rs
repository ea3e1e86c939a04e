//! The csv reader over one part of an input: its setup, each record with
//! the physical line it starts on, and the header row.

use std::io::Read;

use super::detect::Plan;
use super::header::{map_header, Columns};
use super::lines::LineCounter;
use super::{Failure, TextEncoding};
use crate::codes::ProblemCode;
use crate::error::{Error, ErrorKind};
use crate::model::roster::Roster;

/// The csv reader of one part: its bytes through a [`LineCounter`].
pub(super) type CsvReader<'a> = csv::Reader<LineCounter<Box<dyn Read + Send + 'a>>>;

/// A reader of `input`, the part whose first line is line
/// `lines_before + 1`: flexible (a row may have any number of fields, the
/// row reader judges them), no header of its own.
pub(super) fn csv_reader<'a>(
    input: Box<dyn Read + Send + 'a>,
    plan: Plan,
    lines_before: u64,
) -> CsvReader<'a> {
    let mut counter = LineCounter::new(input);
    counter.lines = lines_before;
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(plan.delimiter)
        .buffer_capacity(1 << 16)
        .from_reader(counter)
}

/// Reads the next record into `record`; `false` at the end of the part.
///
/// # Errors
///
/// [`Failure::Io`] when the input fails.
#[inline]
pub(super) fn read_record(
    reader: &mut CsvReader<'_>,
    record: &mut csv::ByteRecord,
) -> std::result::Result<bool, Failure> {
    reader.read_byte_record(record).map_err(|e| {
        let line = e
            .position()
            .map_or(0, |p| reader.get_mut().line_at(p.byte()));
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Failure::Io(io),
            // Flexible byte records leave the csv reader nothing else to
            // refuse; kept total all the same.
            other => Failure::Error(Error::new(ErrorKind::Csv {
                line,
                column: 0,
                column_name: None,
                value: None,
                code: ProblemCode::Malformed,
                reason: format!("unreadable row: {other:?}"),
            })),
        }
    })
}

/// The physical line where `record` starts.
#[inline]
pub(super) fn line_of(reader: &mut CsvReader<'_>, record: &csv::ByteRecord) -> u64 {
    let byte = record.position().map_or(0, |p| p.byte());
    reader.get_mut().record_line(byte)
}

/// The failure of a record at `line` that is not UTF-8: a decode error
/// when the encoding was given or found to be another, else the sign that
/// the file is to be read again as Windows-1252.
pub(super) fn not_utf8(
    plan: Plan,
    explicit_utf8: bool,
    line: u64,
    record: &csv::ByteRecord,
) -> Failure {
    if explicit_utf8 || plan.encoding != TextEncoding::Utf8 {
        let byte = record.position().map_or(0, |p| p.byte());
        Failure::Error(Error::new(ErrorKind::Decode {
            encoding: plan.encoding.name(),
            line,
            byte,
        }))
    } else {
        Failure::NotUtf8
    }
}

/// Reads up to the header, the first row that is not blank.
pub(super) fn read_header(
    reader: &mut CsvReader<'_>,
    plan: Plan,
    explicit_utf8: bool,
    roster: &mut Roster,
) -> std::result::Result<(Columns, u64), Failure> {
    let mut record = csv::ByteRecord::new();
    loop {
        if !read_record(reader, &mut record)? {
            return Err(Failure::Error(Error::new(ErrorKind::EmptyInput)));
        }
        if !is_blank(&record) {
            break;
        }
    }
    let line = line_of(reader, &record);
    let mut cells = Vec::with_capacity(record.len());
    for field in record.iter() {
        match std::str::from_utf8(field) {
            Ok(text) => cells.push(text.to_owned()),
            Err(_) => return Err(not_utf8(plan, explicit_utf8, line, &record)),
        }
    }
    Ok((map_header(&cells, line, roster)?, line))
}

/// A record of empty or blank fields only: a blank line, skipped.
#[inline]
pub(super) fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.trim_ascii().is_empty())
}
