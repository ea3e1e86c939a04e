//! The one error type of the crate.
//!
//! Following the shape of the `csv` crate: a small [`Error`] that boxes an
//! [`ErrorKind`], so that `Result<T, Error>` stays one pointer wide, and a
//! `#[non_exhaustive]` kind so that later kinds (CSV import, rendering) can be
//! added without breaking callers.

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDateTime};

use crate::codes::{ErrorCode, ProblemCode};

/// A position in a text input: 1-based line and column.
///
/// For JSON, columns count characters, as reported by `serde_json`. For CSV,
/// the column is the field's position in the row (1 is the first field).
/// A column of 0 means the whole line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// Line, starting at 1.
    pub line: u64,
    /// Column, starting at 1.
    pub column: u64,
}

/// What kind of JSON problem was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonCategory {
    /// The text is not JSON (a stray character, a missing comma).
    Syntax,
    /// The text is JSON, but not a meeting document (a wrong type, a missing
    /// or unknown field, an invalid value).
    Data,
    /// The text ended in the middle of a value.
    Eof,
    /// The document is larger than [`MAX_DOCUMENT_BYTES`](crate::MAX_DOCUMENT_BYTES),
    /// refused before it is read whole.
    TooLarge,
}

/// An error of this library. Cheap to move: the details are boxed.
///
/// Use [`Error::kind`] to match on what went wrong, and [`Error::position`]
/// for the line and column when the input was text.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// The details of an [`Error`].
///
/// New kinds may be added in minor releases; match with a wildcard arm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A JSON document could not be read as a meeting.
    #[error("json error at line {}, column {}{}: {reason}", position.line, position.column, field_note(path))]
    Json {
        /// Syntax, data or unexpected end.
        category: JsonCategory,
        /// Where in the text the problem was found.
        position: Position,
        /// The path of the field in the document (`agenda[2].kind`), empty at
        /// the top level.
        path: String,
        /// What was wrong, in lowercase words.
        reason: String,
    },
    /// A JSON document has a field that the meeting model does not know. It
    /// is an error rather than ignored so that a typo cannot vanish.
    #[error("json error at line {}, column {}: unknown field `{field}` at `{path}`", position.line, position.column)]
    UnknownField {
        /// Where in the text the field is.
        position: Position,
        /// The path of the unknown field itself (`agenda[2].titel`).
        path: String,
        /// The field's name as written.
        field: String,
    },
    /// The document's `schema_version` is not one this library reads.
    #[error("json error at line {}, column {}: unsupported schema_version {found}: this library reads version {supported}", position.line, position.column)]
    SchemaVersion {
        /// Where the version is written.
        position: Position,
        /// The version found in the document.
        found: u64,
        /// The version this library reads and writes.
        supported: u32,
    },
    /// The name is not an IANA time zone (such as `Europe/Oslo`).
    #[error("unknown time zone {name:?}: expected an IANA name such as \"Europe/Oslo\"")]
    UnknownTimeZone {
        /// The name as given.
        name: String,
    },
    /// A local time falls in a daylight-saving gap: the clocks skip it.
    #[error("{field} time {} does not exist in {zone}: the clocks skip it (daylight-saving gap)", local.format("%Y-%m-%dT%H:%M:%S"))]
    NonexistentLocalTime {
        /// Which time (`start`, `end`).
        field: &'static str,
        /// The local time as given.
        local: NaiveDateTime,
        /// The time zone's IANA name.
        zone: String,
    },
    /// A local time happens twice when the clocks are set back.
    #[error("{field} time {} is ambiguous in {zone}: it happens both at {} and at {} (clocks set back)", local.format("%Y-%m-%dT%H:%M:%S"), earlier.to_rfc3339(), later.to_rfc3339())]
    AmbiguousLocalTime {
        /// Which time (`start`, `end`).
        field: &'static str,
        /// The local time as given.
        local: NaiveDateTime,
        /// The time zone's IANA name.
        zone: String,
        /// The first of the two instants.
        earlier: DateTime<FixedOffset>,
        /// The second of the two instants.
        later: DateTime<FixedOffset>,
    },
    /// A date outside the years the model takes (1–9999): iCalendar and
    /// the documents cannot write it, and date arithmetic on it would fail.
    #[error("{field} date {value} is out of range: expected a year from 1 to 9999")]
    DateOutOfRange {
        /// Which date (`start`, `end`, `dates[3]`).
        field: &'static str,
        /// The date as given.
        value: String,
    },
    /// A CSV row or value that cannot be imported (in strict mode, the
    /// first bad row), or a CSV file that cannot be read.
    #[error("csv error at line {line}{}{}: {reason}{} [{code}]", column_note(*column), name_note(column_name), value_note(value))]
    Csv {
        /// The physical line in the file where the row starts, from 1.
        line: u64,
        /// The field's position in the row, from 1; 0 when the problem is
        /// the row as a whole.
        column: u64,
        /// The column's header as written, when there is one.
        column_name: Option<String>,
        /// The raw value, when one value is at fault.
        value: Option<String>,
        /// The stable code of the problem (`roster.email`,
        /// `import.extra_fields`; see the import problem codes).
        code: ProblemCode,
        /// What was expected, in lowercase words.
        reason: String,
    },
    /// The header row has no column that holds names, so no row can be a
    /// person.
    #[error("csv error at line {line}: the header has no name column; expected one of {}, found {}", expected.join(", "), found_list(found))]
    NoNameColumn {
        /// The line of the header.
        line: u64,
        /// The header names that would have been understood.
        expected: Vec<&'static str>,
        /// The header as found (long names shortened).
        found: Vec<String>,
    },
    /// An input larger than the import's limit
    /// ([`ImportOptions::max_bytes`](crate::ImportOptions::max_bytes)).
    #[error("the input is larger than the limit of {limit} bytes (ImportOptions::max_bytes)")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The input holds nothing but white space.
    #[error("the input is empty: expected a header row and people")]
    EmptyInput,
    /// The input is not text (a NUL byte, as in a picture or a spreadsheet
    /// file renamed to .csv).
    #[error(
        "the input is not text (a NUL byte at offset {byte}): expected a CSV or tab-separated file"
    )]
    BinaryInput {
        /// The offset of the first NUL byte.
        byte: u64,
    },
    /// Bytes that are not text in the given encoding.
    #[error("line {line} is not valid {encoding} (bad bytes at offset {byte})")]
    Decode {
        /// The encoding's name.
        encoding: &'static str,
        /// The line where the bad bytes are, from 1.
        line: u64,
        /// Their offset in the input, or that of the row holding them.
        byte: u64,
    },
    /// A calendar file cannot be made as asked (a request without any
    /// attendee email, or without an organizer).
    #[error("calendar error: {reason}")]
    Calendar {
        /// `calendar.no_organizer` or `calendar.no_attendee`.
        code: ErrorCode,
        /// What is missing, in lowercase words.
        reason: String,
    },
    /// A reply to the invitation that cannot be read, or that is over the
    /// limits ([`Meeting::apply_reply`](crate::Meeting::apply_reply)).
    #[error("reply error{}{}: {reason}", line_note(*line), if *in_message && *line > 0 { " of the calendar part" } else { "" })]
    Reply {
        /// `reply.malformed` or `reply.too_large`.
        code: ErrorCode,
        /// The line of the calendar text where the problem is, from 1
        /// (0 when it concerns the message as a whole).
        line: u64,
        /// The reply was an e-mail: `line` counts in its text/calendar
        /// part, not in the message.
        in_message: bool,
        /// What was expected, in lowercase words.
        reason: String,
    },
    /// A message received ([`Meeting::receive`](crate::Meeting::receive))
    /// or a mailbox that cannot be read, or is over the limits.
    #[error("inbox error: {reason}")]
    Inbox {
        /// `inbox.malformed` or `inbox.too_large`.
        code: ErrorCode,
        /// What was expected, in lowercase words.
        reason: String,
    },
    /// A document that cannot be written as PDF
    /// ([`Meeting::render_pdf`](crate::Meeting::render_pdf)).
    #[error("render error: {reason}")]
    Render {
        /// `render.too_large` or `render.pdf`.
        code: ErrorCode,
        /// What went wrong, in lowercase words.
        reason: String,
    },
    /// A name that is not one of those a setting takes (a role, a
    /// document format, a delimiter).
    #[error("unknown {what} {value:?}: expected {}", expected.join(", "))]
    InvalidName {
        /// What was being named (`role`, `format`, `delimiter`).
        what: &'static str,
        /// The name as given (long names shortened).
        value: String,
        /// The names taken.
        expected: Vec<&'static str>,
    },
    /// An argument a constructor does not take: a field missing or of
    /// another kind.
    #[error("{reason}")]
    InvalidArgument {
        /// `argument.missing` or `argument.invalid`.
        code: ErrorCode,
        /// The argument concerned.
        field: &'static str,
        /// What is wrong, in lowercase words.
        reason: String,
    },
    /// A file could not be read or written.
    #[error("cannot access {}: {source}", path.display())]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps the details.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// The line and column in the input, when the input was text.
    pub fn position(&self) -> Option<Position> {
        match &*self.0 {
            ErrorKind::Json { position, .. }
            | ErrorKind::UnknownField { position, .. }
            | ErrorKind::SchemaVersion { position, .. } => Some(*position),
            ErrorKind::Csv { line, column, .. } => Some(Position {
                line: *line,
                column: *column,
            }),
            ErrorKind::Reply { line, .. } if *line > 0 => Some(Position {
                line: *line,
                column: 0,
            }),
            ErrorKind::NoNameColumn { line, .. } | ErrorKind::Decode { line, .. } => {
                Some(Position {
                    line: *line,
                    column: 0,
                })
            }
            _ => None,
        }
    }

    /// The kind's stable name, the same in every language: `json`,
    /// `unknown_field`, `schema_version`, `unknown_time_zone`,
    /// `nonexistent_local_time`, `ambiguous_local_time`, `csv`,
    /// `date_out_of_range`, `no_name_column`, `empty_input`, `too_large`,
    /// `binary_input`, `decode`, `calendar`, `reply`, `invalid_argument`, `io`.
    pub fn kind_name(&self) -> &'static str {
        match &*self.0 {
            ErrorKind::Json { .. } => "json",
            ErrorKind::UnknownField { .. } => "unknown_field",
            ErrorKind::SchemaVersion { .. } => "schema_version",
            ErrorKind::UnknownTimeZone { .. } => "unknown_time_zone",
            ErrorKind::NonexistentLocalTime { .. } => "nonexistent_local_time",
            ErrorKind::AmbiguousLocalTime { .. } => "ambiguous_local_time",
            ErrorKind::DateOutOfRange { .. } => "date_out_of_range",
            ErrorKind::Csv { .. } => "csv",
            ErrorKind::NoNameColumn { .. } => "no_name_column",
            ErrorKind::EmptyInput => "empty_input",
            ErrorKind::TooLarge { .. } => "too_large",
            ErrorKind::BinaryInput { .. } => "binary_input",
            ErrorKind::Decode { .. } => "decode",
            ErrorKind::Calendar { .. } => "calendar",
            ErrorKind::Reply { .. } => "reply",
            ErrorKind::Inbox { .. } => "inbox",
            ErrorKind::Render { .. } => "render",
            ErrorKind::InvalidName { .. } | ErrorKind::InvalidArgument { .. } => "invalid_argument",
            ErrorKind::Io { .. } => "io",
        }
    }

    /// The error's stable code, the same in every language (C's
    /// `roundtable_last_error_code`, Python's `Error.code`): finer than
    /// [`Error::kind_name`], such as `json.unknown_field`, `roster.email`
    /// or `import.no_name_column`.
    pub fn code(&self) -> ErrorCode {
        match &*self.0 {
            ErrorKind::Json { category, .. } => match category {
                JsonCategory::Syntax => ErrorCode::JsonSyntax,
                JsonCategory::Data => ErrorCode::JsonData,
                JsonCategory::Eof => ErrorCode::JsonEof,
                JsonCategory::TooLarge => ErrorCode::JsonTooLarge,
            },
            ErrorKind::UnknownField { .. } => ErrorCode::JsonUnknownField,
            ErrorKind::SchemaVersion { .. } => ErrorCode::JsonSchemaVersion,
            ErrorKind::UnknownTimeZone { .. } => ErrorCode::TimeUnknownZone,
            ErrorKind::NonexistentLocalTime { .. } => ErrorCode::TimeNonexistent,
            ErrorKind::AmbiguousLocalTime { .. } => ErrorCode::TimeAmbiguous,
            ErrorKind::DateOutOfRange { .. } => ErrorCode::TimeOutOfRange,
            // A strict import stops only on problems of severity error,
            // each of which is an error code too.
            ErrorKind::Csv { code, .. } => code.error_code().unwrap_or(ErrorCode::Malformed),
            ErrorKind::NoNameColumn { .. } => ErrorCode::ImportNoNameColumn,
            ErrorKind::EmptyInput => ErrorCode::ImportEmpty,
            ErrorKind::TooLarge { .. } => ErrorCode::TooLarge,
            ErrorKind::BinaryInput { .. } => ErrorCode::ImportBinary,
            ErrorKind::Decode { .. } => ErrorCode::ImportDecode,
            ErrorKind::Calendar { code, .. }
            | ErrorKind::Reply { code, .. }
            | ErrorKind::Inbox { code, .. }
            | ErrorKind::Render { code, .. } => *code,
            ErrorKind::InvalidName { .. } => ErrorCode::InvalidArgument,
            ErrorKind::InvalidArgument { code, .. } => *code,
            ErrorKind::Io { .. } => ErrorCode::Io,
        }
    }

    /// An [`ErrorKind::InvalidArgument`].
    pub(crate) fn invalid_argument(
        code: ErrorCode,
        field: &'static str,
        reason: impl Into<String>,
    ) -> Error {
        Error::new(ErrorKind::InvalidArgument {
            code,
            field,
            reason: reason.into(),
        })
    }

    /// An [`ErrorKind::InvalidName`]: `value` is not one of `expected`.
    pub(crate) fn invalid_name(
        what: &'static str,
        value: &str,
        expected: &[&'static str],
    ) -> Error {
        Error::new(ErrorKind::InvalidName {
            what,
            value: shorten(value).into_owned(),
            expected: expected.to_vec(),
        })
    }

    /// The path of the field involved (`agenda[2].kind`), when known.
    pub fn path(&self) -> Option<&str> {
        match &*self.0 {
            ErrorKind::Json { path, .. } | ErrorKind::UnknownField { path, .. } => Some(path),
            ErrorKind::SchemaVersion { .. } => Some("schema_version"),
            ErrorKind::NonexistentLocalTime { field, .. }
            | ErrorKind::AmbiguousLocalTime { field, .. }
            | ErrorKind::DateOutOfRange { field, .. }
            | ErrorKind::InvalidArgument { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.0)
    }
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Cuts a long value for a message: a 100 MB field must not become a
/// 100 MB error message.
pub(crate) fn shorten(value: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 80;
    if value.len() <= MAX {
        return value.into();
    }
    let mut end = MAX;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &value[..end], value.len()).into()
}

fn field_note(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" (field `{path}`)")
    }
}

fn column_note(column: u64) -> String {
    if column > 0 {
        format!(", column {column}")
    } else {
        String::new()
    }
}

fn line_note(line: u64) -> String {
    if line > 0 {
        format!(" at line {line}")
    } else {
        String::new()
    }
}

fn name_note(name: &Option<String>) -> String {
    name.as_ref().map_or(String::new(), |n| format!(" ({n})"))
}

fn value_note(value: &Option<String>) -> String {
    value
        .as_ref()
        .map_or(String::new(), |v| format!(" (value {:?})", shorten(v)))
}

fn found_list(found: &[String]) -> String {
    if found.is_empty() {
        return "no columns".to_owned();
    }
    found
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
