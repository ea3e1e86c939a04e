//! Importing a roster from the CSV files people really have, and exporting
//! one back.
//!
//! A secretariat's list of invited people arrives as an Excel export (UTF-8,
//! UTF-16 "Unicode text", or Windows-1252 "CSV (semikolondelt)"), a member
//! registry export, or a table copied from a Word notice. The importer finds
//! the encoding and the delimiter, maps Norwegian and English headers to the
//! model, keeps every other column as an extra attribute, and reports every
//! problem with its physical line, column, raw value and reason.

use std::borrow::Cow;
use std::fmt;
use std::io::{BufReader, Read};
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::error::{shorten, Error, ErrorKind, Result};
use crate::roster::{Attendance, PersonParts, Role, Roster};
use crate::text::{nfc, DuplicateFinder, OrgClasses};
use crate::validate::{check_email, check_phone, Severity};

/// How bad rows are handled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ImportMode {
    /// Bad rows are skipped and reported in [`RosterImport::problems`];
    /// good rows are imported. The default.
    #[default]
    Lenient,
    /// The first bad row is an error ([`ErrorKind::Csv`]).
    Strict,
}

/// A text encoding the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian (Excel's "Unicode text" on Windows).
    Utf16Le,
    /// UTF-16 big-endian.
    Utf16Be,
    /// Windows-1252 (Norwegian Excel's "CSV (semikolondelt)").
    Windows1252,
}

impl TextEncoding {
    /// The encoding's name: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }

    /// The encoding with this name or a common alias (`utf8`, `cp1252`,
    /// `latin1`…), case-insensitively.
    pub fn from_name(name: &str) -> Option<TextEncoding> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        match name.as_str() {
            "utf-8" | "utf8" | "utf-8-sig" => Some(TextEncoding::Utf8),
            "utf-16le" | "utf16le" | "utf-16" | "utf16" => Some(TextEncoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(TextEncoding::Utf16Be),
            "windows-1252" | "cp1252" | "latin1" | "latin-1" | "iso-8859-1" => {
                Some(TextEncoding::Windows1252)
            }
            _ => None,
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Settings of an import. The default detects everything and is lenient.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ImportOptions {
    /// Strict or lenient.
    pub mode: ImportMode,
    /// The encoding; detected when `None` (a byte-order mark, else UTF-8
    /// when the bytes are valid UTF-8, else Windows-1252).
    pub encoding: Option<TextEncoding>,
    /// The delimiter byte; sniffed from the header line when `None` (tab,
    /// semicolon or comma, whichever occurs most outside quotes).
    pub delimiter: Option<u8>,
    /// How many threads a large import may use: `0` (the default) for as
    /// many as the machine has, `1` to stay on the calling thread. A file
    /// of a megabyte or more is read in two parts side by side; the result
    /// is the same either way.
    pub threads: usize,
}

impl ImportOptions {
    /// Lenient, everything detected.
    pub fn new() -> ImportOptions {
        ImportOptions::default()
    }

    /// Sets the mode.
    pub fn with_mode(mut self, mode: ImportMode) -> Self {
        self.mode = mode;
        self
    }

    /// Sets the encoding instead of detecting it.
    pub fn with_encoding(mut self, encoding: TextEncoding) -> Self {
        self.encoding = Some(encoding);
        self
    }

    /// Sets the delimiter instead of sniffing it.
    pub fn with_delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = Some(delimiter);
        self
    }

    /// Sets [`ImportOptions::threads`].
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }
}

/// What a column of the header was understood as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// Fornavn / First name / Given name.
    GivenName,
    /// Etternavn / Last name / Surname / Family name.
    FamilyName,
    /// Navn / Name / Full name: split into given and family name.
    FullName,
    /// Organisasjon / Organization / Virksomhet / Kommune / Company.
    Organisation,
    /// E-post / Email.
    Email,
    /// Telefon / Mobil / Tlf / Phone / Mobile.
    Phone,
    /// Rolle / Role.
    Role,
    /// Oppmøte / Attendance.
    Attendance,
}

/// One column of the imported file's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderColumn {
    /// The header as written (trimmed, NFC).
    pub name: String,
    /// What it was understood as; `None` for a column kept as an extra
    /// attribute under `name`.
    pub field: Option<Field>,
}

/// The stable code of an import problem. The codes shared with validation
/// (`roster.*`) mean the same thing in both places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum ProblemCode {
    /// `roster.empty_name`: a row with no name at all.
    #[serde(rename = "roster.empty_name")]
    EmptyName,
    /// `roster.email`: a malformed email address.
    #[serde(rename = "roster.email")]
    Email,
    /// `roster.phone`: a malformed phone number.
    #[serde(rename = "roster.phone")]
    Phone,
    /// `roster.duplicate_person`: a person already imported from an earlier
    /// line. Both rows are kept.
    #[serde(rename = "roster.duplicate_person")]
    DuplicatePerson,
    /// `import.extra_fields`: more fields than the header has columns.
    #[serde(rename = "import.extra_fields")]
    ExtraFields,
    /// `import.unknown_value`: a role or attendance that is not one of the
    /// known words.
    #[serde(rename = "import.unknown_value")]
    UnknownValue,
    /// `import.no_rows`: a header and no people.
    #[serde(rename = "import.no_rows")]
    NoRows,
}

impl ProblemCode {
    /// Every code.
    pub const ALL: &'static [ProblemCode] = &[
        ProblemCode::EmptyName,
        ProblemCode::Email,
        ProblemCode::Phone,
        ProblemCode::DuplicatePerson,
        ProblemCode::ExtraFields,
        ProblemCode::UnknownValue,
        ProblemCode::NoRows,
    ];

    /// The code as text.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::EmptyName => "roster.empty_name",
            ProblemCode::Email => "roster.email",
            ProblemCode::Phone => "roster.phone",
            ProblemCode::DuplicatePerson => "roster.duplicate_person",
            ProblemCode::ExtraFields => "import.extra_fields",
            ProblemCode::UnknownValue => "import.unknown_value",
            ProblemCode::NoRows => "import.no_rows",
        }
    }

    /// A warning keeps the row; an error skips it (lenient) or stops the
    /// import (strict).
    pub fn severity(self) -> Severity {
        match self {
            ProblemCode::DuplicatePerson | ProblemCode::NoRows => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something the importer met and reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportProblem {
    /// The stable code.
    pub code: ProblemCode,
    /// The physical line in the file where the row starts, from 1.
    pub line: u64,
    /// The field's position in the row, from 1; 0 for the row as a whole.
    pub column: u64,
    /// The column's header, when one column is at fault.
    pub column_name: Option<String>,
    /// The raw value as read (for extra fields: the extra values, joined by
    /// the delimiter).
    pub value: String,
    /// What is wrong or what was expected.
    pub reason: String,
}

impl ImportProblem {
    /// The problem's severity, from its code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    fn into_error(self) -> Error {
        Error::new(ErrorKind::Csv {
            line: self.line,
            column: self.column,
            column_name: self.column_name,
            value: Some(self.value),
            code: self.code.as_str(),
            reason: self.reason,
        })
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(name) = &self.column_name {
            write!(f, ", column {name:?}")?;
        }
        write!(
            f,
            ": {} (value {:?}) [{}]",
            self.reason,
            shorten(&self.value),
            self.code
        )
    }
}

/// The result of an import: the roster and what happened on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterImport {
    /// The people imported.
    pub roster: Roster,
    /// Every problem, in file order; empty when all went well.
    pub problems: Vec<ImportProblem>,
    /// The encoding the file was read in.
    pub encoding: TextEncoding,
    /// The delimiter used.
    pub delimiter: u8,
    /// The header and what each column was understood as.
    pub header: Vec<HeaderColumn>,
    /// Data rows read (blank lines not counted), imported or not.
    pub rows_read: u64,
}

impl Roster {
    /// Imports a roster from a CSV or tab-separated file.
    ///
    /// A UTF-8 file is read as a stream, never whole, so a large file costs
    /// little more memory than the roster it becomes.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when the file cannot be read, and the errors of
    /// [`Roster::from_csv_bytes`].
    pub fn from_csv_path(path: impl AsRef<Path>, options: &ImportOptions) -> Result<RosterImport> {
        let path = path.as_ref();
        let io = |source| {
            Error::new(ErrorKind::Io {
                path: path.to_owned(),
                source,
            })
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut head = Vec::with_capacity(1 << 16);
        file.take(1 << 16).read_to_end(&mut head).map_err(io)?;
        let Some(plan) = stream_plan(&head, options) else {
            let bytes = std::fs::read(path).map_err(io)?;
            return Roster::from_csv_bytes(&bytes, options);
        };
        match import_input(Input::File(path), plan, options, size) {
            Ok(result) => Ok(result),
            // Not UTF-8 after all: read it again as Windows-1252.
            Err(Failure::NotUtf8) => {
                let bytes = std::fs::read(path).map_err(io)?;
                import_decoded(&bytes, TextEncoding::Windows1252, options)
            }
            Err(Failure::Io(e)) => Err(io(e)),
            Err(Failure::Error(e)) => Err(e),
        }
    }

    /// Imports a roster from a reader, read to its end first.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] (with an empty path) when reading fails, and the
    /// errors of [`Roster::from_csv_bytes`].
    pub fn from_csv_reader(mut reader: impl Read, options: &ImportOptions) -> Result<RosterImport> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(|source| {
            Error::new(ErrorKind::Io {
                path: Default::default(),
                source,
            })
        })?;
        Roster::from_csv_bytes(&bytes, options)
    }

    /// Imports a roster from the bytes of a CSV or tab-separated file.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::EmptyInput`]: nothing but white space;
    /// - [`ErrorKind::BinaryInput`]: not text;
    /// - [`ErrorKind::Decode`]: bytes that are not text in the explicit
    ///   encoding (or in the one a byte-order mark announces);
    /// - [`ErrorKind::NoNameColumn`]: a header without a name column;
    /// - [`ErrorKind::Csv`]: in strict mode, the first bad row.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{ImportOptions, Roster};
    ///
    /// let csv = "Fornavn;Etternavn;Organisasjon;E-post\n\
    ///            Anne Kristine;Feltman;Bærum kommune;anne@baerum.kommune.no\n\
    ///            Jonas Vårum;Olafsen;Lillestrøm kommune;jonas@@x\n";
    /// let import = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default())?;
    /// assert_eq!(import.roster.len(), 1);
    /// let problem = &import.problems[0];
    /// assert_eq!((problem.line, problem.code.as_str()), (3, "roster.email"));
    /// assert_eq!(problem.value, "jonas@@x");
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn from_csv_bytes(bytes: &[u8], options: &ImportOptions) -> Result<RosterImport> {
        let (encoding, body) = detect(bytes, options)?;
        import_decoded(body, encoding, options)
    }
}

/// Finds the encoding and strips a byte-order mark.
fn detect<'a>(bytes: &'a [u8], options: &ImportOptions) -> Result<(TextEncoding, &'a [u8])> {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    let bom = if bytes.starts_with(UTF8_BOM) {
        Some((TextEncoding::Utf8, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((TextEncoding::Utf16Le, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((TextEncoding::Utf16Be, 2))
    } else {
        None
    };
    match (options.encoding, bom) {
        (Some(explicit), Some((found, len))) if explicit == found => Ok((explicit, &bytes[len..])),
        (Some(explicit), _) => Ok((explicit, bytes)),
        (None, Some((found, len))) => Ok((found, &bytes[len..])),
        (None, None) => {
            check_not_binary(bytes)?;
            if std::str::from_utf8(bytes).is_ok() {
                Ok((TextEncoding::Utf8, bytes))
            } else {
                Ok((TextEncoding::Windows1252, bytes))
            }
        }
    }
}

fn check_not_binary(bytes: &[u8]) -> Result<()> {
    let head = &bytes[..bytes.len().min(1 << 13)];
    match memchr_nul(head) {
        Some(at) => Err(Error::new(ErrorKind::BinaryInput { byte: at as u64 })),
        None => Ok(()),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

fn line_at(text: &[u8], offset: usize) -> u64 {
    memchr::memchr_iter(b'\n', &text[..offset.min(text.len())]).count() as u64 + 1
}

/// Decodes the whole input and imports it from memory.
fn import_decoded(
    body: &[u8],
    encoding: TextEncoding,
    options: &ImportOptions,
) -> Result<RosterImport> {
    let decode_error = |line: u64, byte: usize| {
        Error::new(ErrorKind::Decode {
            encoding: encoding.name(),
            line,
            byte: byte as u64,
        })
    };
    let text: Cow<'_, str> = match encoding {
        TextEncoding::Utf8 => match std::str::from_utf8(body) {
            Ok(text) => Cow::Borrowed(text),
            Err(e) => {
                let at = e.valid_up_to();
                return Err(decode_error(line_at(body, at), at));
            }
        },
        TextEncoding::Windows1252 => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
        }
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let coding = if encoding == TextEncoding::Utf16Le {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            match coding.decode_without_bom_handling_and_without_replacement(body) {
                Some(text) => text,
                None => {
                    // Find the first bad unit: the lines before it decode.
                    let (lossy, _) = coding.decode_without_bom_handling(body);
                    let at = lossy.find('\u{FFFD}').unwrap_or(lossy.len());
                    let line = line_at(lossy.as_bytes(), at);
                    let units = lossy[..at].encode_utf16().count();
                    return Err(decode_error(line, units * 2 + 2));
                }
            }
        }
    };
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::EmptyInput));
    }
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| sniff_delimiter(text.as_bytes()));
    let plan = Plan {
        encoding,
        delimiter,
        skip: 0,
    };
    match import_input(
        Input::Memory(text.as_bytes()),
        plan,
        options,
        text.len() as u64,
    ) {
        Ok(result) => Ok(result),
        Err(Failure::Error(e)) => Err(e),
        // Decoded text is valid UTF-8 and a slice does not fail to read.
        Err(Failure::NotUtf8) | Err(Failure::Io(_)) => Err(decode_error(1, 0)),
    }
}

/// How to read a stream: what a look at its first bytes decided.
#[derive(Clone, Copy)]
struct Plan {
    encoding: TextEncoding,
    delimiter: u8,
    /// Bytes of byte-order mark to skip.
    skip: usize,
}

/// Whether a file can be imported as a UTF-8 stream, judged from its head;
/// `None` sends it to the in-memory path (UTF-16, Windows-1252, CR-only
/// line ends, binary or empty files).
fn stream_plan(head: &[u8], options: &ImportOptions) -> Option<Plan> {
    let skip = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let utf8 = matches!(options.encoding, None | Some(TextEncoding::Utf8));
    let utf16_bom = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    let body = &head[skip..];
    let cr_only = body.contains(&b'\r') && !body.contains(&b'\n');
    if !utf8 || utf16_bom || cr_only || memchr_nul(body).is_some() || body.trim_ascii().is_empty() {
        return None;
    }
    Some(Plan {
        encoding: TextEncoding::Utf8,
        delimiter: options.delimiter.unwrap_or_else(|| sniff_delimiter(body)),
        skip,
    })
}

/// Counts tab, semicolon and comma outside quotes on the first line and
/// takes the most frequent; ties go to tab, then semicolon, then comma,
/// since names and organisations hold commas more often than the others.
pub(crate) fn sniff_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b'\t' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b'\t', b';', b','];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

enum Failure {
    /// The stream has bytes that are not UTF-8 and no encoding was given.
    NotUtf8,
    Io(std::io::Error),
    Error(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Error(e)
    }
}

/// Normalises a header for matching: lowercase, without accents, spaces,
/// hyphens, underscores or dots ("E-post" = "epost", "Oppmøte" =
/// "oppmote", "First name" = "firstname").
fn header_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfd() {
        match c {
            'æ' | 'Æ' => out.push_str("ae"),
            'ø' | 'Ø' => out.push('o'),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c if c.is_whitespace() || matches!(c, '-' | '_' | '.' | '/' | ':') => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::GivenName,
        &[
            "fornavn",
            "firstname",
            "givenname",
            "forename",
            "givennames",
        ],
    ),
    (
        Field::FamilyName,
        &["etternavn", "lastname", "surname", "familyname"],
    ),
    (
        Field::FullName,
        &[
            "navn",
            "name",
            "fullname",
            "fulltnavn",
            "fullstendignavn",
            "displayname",
        ],
    ),
    (
        Field::Organisation,
        &[
            "organisasjon",
            "organization",
            "organisation",
            "virksomhet",
            "kommune",
            "company",
            "org",
            "firma",
            "arbeidsgiver",
            "representerer",
        ],
    ),
    (
        Field::Email,
        &["epost", "email", "emailaddress", "epostadresse", "mail"],
    ),
    (
        Field::Phone,
        &[
            "telefon",
            "mobil",
            "tlf",
            "phone",
            "mobile",
            "telephone",
            "mobiltelefon",
            "telefonnummer",
            "mobilnummer",
            "phonenumber",
        ],
    ),
    (Field::Role, &["rolle", "role"]),
    (
        Field::Attendance,
        &["oppmote", "attendance", "frammote", "fremmote"],
    ),
];

/// The header names the importer understands, as shown in its errors.
const EXPECTED_NAMES: &[&str] = &[
    "Fornavn + Etternavn",
    "First name + Last name",
    "Given name + Family name / Surname",
    "Navn",
    "Name",
    "Full name",
];

fn field_of(header: &str) -> Option<Field> {
    // No alias is anywhere near this long; a 100 MB "header" is not worth
    // normalising.
    if header.len() > 64 {
        return None;
    }
    let key = header_key(header);
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(field, _)| *field)
}

fn parse_role(value: &str) -> Option<Role> {
    if value.is_empty() {
        return Some(Role::Member);
    }
    Some(match header_key(value).as_str() {
        "" | "member" | "medlem" => Role::Member,
        "chair" | "chairperson" | "leder" | "moteleder" | "styreleder" => Role::Chair,
        "secretary" | "sekretaer" | "referent" | "sekretariat" => Role::Secretary,
        "guest" | "gjest" => Role::Guest,
        "observer" | "observator" => Role::Observer,
        _ => return None,
    })
}

fn parse_attendance(value: &str) -> Option<Attendance> {
    if value.is_empty() {
        return Some(Attendance::Invited);
    }
    Some(match header_key(value).as_str() {
        "" | "invited" | "unknown" | "invitert" | "ukjent" => Attendance::Invited,
        "present" | "tilstede" | "mott" | "ja" | "yes" => Attendance::Present,
        "excused" | "forfall" | "meldtforfall" => Attendance::Excused,
        "absent" | "fravaer" | "ikkemott" | "nei" | "no" => Attendance::Absent,
        _ => return None,
    })
}

/// A value as stored: trimmed, formula-guard quote removed, NFC.
fn clean(raw: &str) -> Cow<'_, str> {
    nfc(unguard(raw.trim()))
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP
/// "CSV injection").
fn formula_start(c: u8) -> bool {
    matches!(c, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
}

/// Undoes [`guard`]: a quote before quotes and a formula character is the
/// export's, not the value's.
fn unguard(value: &str) -> &str {
    let bytes = value.as_bytes();
    let quotes = bytes.iter().take_while(|b| **b == b'\'').count();
    if quotes > 0 && bytes.get(quotes).is_some_and(|b| formula_start(*b)) {
        &value[1..]
    } else {
        value
    }
}

/// Neutralises a value that a spreadsheet would run as a formula by putting
/// a quote before it; values that already start with quotes and then such a
/// character get one more, so that [`unguard`] restores every value.
fn guard(value: &str) -> Cow<'_, str> {
    let bytes = value.as_bytes();
    let quotes = bytes.iter().take_while(|b| **b == b'\'').count();
    if bytes.get(quotes).is_some_and(|b| formula_start(*b)) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// Splits a full name: "Family, Given" when there is a comma, else the last
/// word is the family name.
fn split_full_name(full: &str) -> (&str, &str) {
    if let Some((family, given)) = full.split_once(',') {
        return (given.trim(), family.trim());
    }
    match full.rsplit_once(char::is_whitespace) {
        Some((given, family)) => (given.trim(), family.trim()),
        None => ("", full),
    }
}

struct Columns {
    header: Vec<HeaderColumn>,
    given: Option<usize>,
    family: Option<usize>,
    full: Option<usize>,
    organisation: Option<usize>,
    email: Option<usize>,
    phone: Option<usize>,
    role: Option<usize>,
    attendance: Option<usize>,
    /// (column, extra-name id in the roster)
    extras: Vec<(usize, u32)>,
}

fn map_header(cells: &[String], line: u64, roster: &mut Roster) -> Result<Columns> {
    let mut columns = Columns {
        header: Vec::with_capacity(cells.len()),
        given: None,
        family: None,
        full: None,
        organisation: None,
        email: None,
        phone: None,
        role: None,
        attendance: None,
        extras: Vec::new(),
    };
    let mut used_names: Vec<String> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let name = clean(cell.trim_start_matches('\u{feff}')).into_owned();
        let field = field_of(&name);
        let slot = match field {
            Some(Field::GivenName) => &mut columns.given,
            Some(Field::FamilyName) => &mut columns.family,
            Some(Field::FullName) => &mut columns.full,
            Some(Field::Organisation) => &mut columns.organisation,
            Some(Field::Email) => &mut columns.email,
            Some(Field::Phone) => &mut columns.phone,
            Some(Field::Role) => &mut columns.role,
            Some(Field::Attendance) => &mut columns.attendance,
            None => &mut None,
        };
        // The first column of a kind is the field; a second ("Telefon" and
        // "Mobil") is kept as an extra attribute.
        let field = match (field, slot.is_none()) {
            (Some(f), true) => {
                *slot = Some(i);
                Some(f)
            }
            _ => None,
        };
        let name = if field.is_none() {
            let base = if name.is_empty() {
                format!("column {}", i + 1)
            } else {
                name
            };
            let mut unique = base.clone();
            let mut n = 2;
            while used_names.contains(&unique) {
                unique = format!("{base} ({n})");
                n += 1;
            }
            used_names.push(unique.clone());
            columns.extras.push((i, roster.extra_id(&unique)));
            unique
        } else {
            name
        };
        columns.header.push(HeaderColumn { name, field });
    }
    if columns.given.is_none() && columns.family.is_none() && columns.full.is_none() {
        return Err(Error::new(ErrorKind::NoNameColumn {
            line,
            expected: EXPECTED_NAMES.to_vec(),
            found: cells
                .iter()
                .map(|c| shorten(c.trim_start_matches('\u{feff}').trim()).into_owned())
                .collect(),
        }));
    }
    // Given and family name columns win; a "Navn" beside them is extra.
    if columns.given.is_some() || columns.family.is_some() {
        if let Some(full) = columns.full.take() {
            let name = columns.header[full].name.clone();
            columns.header[full].field = None;
            columns.extras.push((full, roster.extra_id(&name)));
            columns.extras.sort_unstable();
        }
    }
    Ok(columns)
}

/// Where the bytes of an import come from, so that two parts of it can be
/// read side by side.
#[derive(Clone, Copy)]
enum Input<'a> {
    File(&'a Path),
    Memory(&'a [u8]),
}

impl<'a> Input<'a> {
    /// The bytes from `start` to `end` (or the end of the input).
    fn range(self, start: u64, end: Option<u64>) -> std::io::Result<Box<dyn Read + Send + 'a>> {
        match self {
            Input::File(path) => {
                let mut file = std::fs::File::open(path)?;
                std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(start))?;
                let file = BufReader::with_capacity(1 << 16, file);
                Ok(match end {
                    Some(end) => Box::new(file.take(end.saturating_sub(start))),
                    None => Box::new(file),
                })
            }
            Input::Memory(bytes) => {
                let len = bytes.len() as u64;
                let end = end.unwrap_or(len).min(len) as usize;
                let start = (start as usize).min(end);
                Ok(Box::new(&bytes[start..end]))
            }
        }
    }
}

/// Below this size an import is not split: a thread costs more than it
/// saves.
const PARALLEL_MIN_BYTES: u64 = 1 << 20;

/// What every part of one import shares.
struct Context<'c> {
    plan: Plan,
    strict: bool,
    explicit_utf8: bool,
    columns: &'c Columns,
    /// Set when a part fails, so that the other stops early.
    stop: &'c std::sync::atomic::AtomicBool,
}

/// The rows of one part of the input, imported.
struct Part {
    roster: Roster,
    problems: Vec<ImportProblem>,
    duplicates: DuplicateFinder,
    /// The line of each imported person, for the duplicate report; a roster
    /// of more than 4 billion lines cannot fit the roster's text anyway.
    lines: Vec<u32>,
    rows_read: u64,
}

type CsvReader<'a> = csv::Reader<LineCounter<Box<dyn Read + Send + 'a>>>;

fn csv_reader<'a>(
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

fn read_record(
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
                code: "import.malformed",
                reason: format!("unreadable row: {other:?}"),
            })),
        }
    })
}

fn line_of(reader: &mut CsvReader<'_>, record: &csv::ByteRecord) -> u64 {
    let byte = record.position().map_or(0, |p| p.byte());
    reader.get_mut().line_at(byte)
}

fn not_utf8(plan: Plan, explicit_utf8: bool, line: u64, record: &csv::ByteRecord) -> Failure {
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
fn read_header(
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

/// A roster sized for `bytes` of input: a row of a roster file is some
/// 60–120 bytes, most of it text the roster keeps, and reserving saves the
/// growth copies of a million-row import.
fn sized_roster(bytes: u64) -> Roster {
    let rows = (bytes / 96).min(1 << 24) as usize;
    let text = (bytes.min(u32::MAX as u64) as usize) / 4 * 3;
    Roster::with_capacity(rows, text)
}

/// Imports the rows of one part of the input into `roster`.
fn read_rows(
    reader: &mut CsvReader<'_>,
    ctx: &Context<'_>,
    mut roster: Roster,
    expected_rows: usize,
) -> std::result::Result<Part, Failure> {
    use std::sync::atomic::Ordering;
    let columns = ctx.columns;
    let plan = ctx.plan;
    let width = columns.header.len();
    let mut record = csv::ByteRecord::new();
    let mut duplicates = DuplicateFinder::with_capacity(expected_rows);
    let mut orgs = OrgClasses::default();
    let mut lines: Vec<u32> = Vec::with_capacity(expected_rows);
    let mut problems = Vec::new();
    let mut rows_read = 0u64;
    let mut row_problems: Vec<ImportProblem> = Vec::new();
    // Each field's byte range in the row, checked to fall on characters.
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(width + 1);
    let column_name = |i: usize| columns.header.get(i).map(|c| c.name.clone());

    loop {
        if !read_record(reader, &mut record)? {
            break;
        }
        if is_blank(&record) {
            continue;
        }
        if rows_read % 4096 == 0 && ctx.stop.load(Ordering::Relaxed) {
            break;
        }
        rows_read += 1;
        let line = line_of(reader, &record);
        // One UTF-8 check for the whole row; a field boundary inside a
        // character makes a slice fail, which is the same verdict.
        let Ok(all) = std::str::from_utf8(record.as_slice()) else {
            return Err(not_utf8(plan, ctx.explicit_utf8, line, &record));
        };
        let count = record.len();
        bounds.clear();
        let mut from = 0;
        for end in 0..count {
            let to = record.range(end).map_or(from, |r| r.end);
            if !(all.is_char_boundary(from) && all.is_char_boundary(to)) {
                return Err(not_utf8(plan, ctx.explicit_utf8, line, &record));
            }
            bounds.push((from, to));
            from = to;
        }
        let field = |i: usize| {
            bounds
                .get(i)
                .and_then(|&(a, b)| all.get(a..b))
                .unwrap_or("")
        };
        let get = |i: Option<usize>| -> Cow<'_, str> {
            i.filter(|i| *i < count)
                .map_or(Cow::Borrowed(""), |i| clean(field(i)))
        };
        row_problems.clear();
        let mut problem =
            |code: ProblemCode, column: Option<usize>, value: &str, reason: String| {
                row_problems.push(ImportProblem {
                    code,
                    line,
                    column: column.map_or(0, |c| c as u64 + 1),
                    column_name: column.and_then(column_name),
                    value: value.to_owned(),
                    reason,
                });
            };

        if count > width && (width..count).any(|i| !field(i).trim().is_empty()) {
            let extra: Vec<&str> = (width..count).map(field).collect();
            let joined = extra.join(&char::from(plan.delimiter).to_string());
            problem(
                ProblemCode::ExtraFields,
                Some(width),
                &joined,
                format!(
                    "the row has {count} fields but the header has {width}; the extra values are not imported"
                ),
            );
        }

        let (mut given, mut family) = (get(columns.given), get(columns.family));
        if columns.given.is_none() && columns.family.is_none() {
            let full = get(columns.full);
            let (g, f) = split_full_name(&full);
            (given, family) = (Cow::Owned(g.to_owned()), Cow::Owned(f.to_owned()));
        }
        if given.is_empty() && family.is_empty() {
            let column = columns.given.or(columns.full).or(columns.family);
            problem(
                ProblemCode::EmptyName,
                column,
                column.map_or("", field),
                "the row has no name: expected a given or family name".to_owned(),
            );
        }
        let organisation = get(columns.organisation);
        let email = get(columns.email);
        if !email.is_empty() {
            if let Some(reason) = check_email(&email) {
                problem(
                    ProblemCode::Email,
                    columns.email,
                    columns.email.map_or("", field),
                    format!("email {reason}"),
                );
            }
        }
        let phone = get(columns.phone);
        if !phone.is_empty() {
            if let Some(reason) = check_phone(&phone) {
                problem(
                    ProblemCode::Phone,
                    columns.phone,
                    columns.phone.map_or("", field),
                    format!("phone {reason}"),
                );
            }
        }
        let role_text = get(columns.role);
        let role = parse_role(&role_text).unwrap_or_else(|| {
            problem(
                ProblemCode::UnknownValue,
                columns.role,
                columns.role.map_or("", field),
                "unknown role: expected medlem/member, leder/chair, sekretær/secretary, gjest/guest or observatør/observer".to_owned(),
            );
            Role::Member
        });
        let attendance_text = get(columns.attendance);
        let attendance = parse_attendance(&attendance_text).unwrap_or_else(|| {
            problem(
                ProblemCode::UnknownValue,
                columns.attendance,
                columns.attendance.map_or("", field),
                "unknown attendance: expected invitert/invited, til stede/present, forfall/excused or fravær/absent".to_owned(),
            );
            Attendance::Invited
        });

        if let Some(first) = row_problems.first() {
            if ctx.strict {
                return Err(Failure::Error(first.clone().into_error()));
            }
            problems.append(&mut row_problems);
            continue;
        }

        let mut extra_values: Vec<(u32, Cow<'_, str>)> = Vec::new();
        for &(column, id) in &columns.extras {
            let value = get(Some(column));
            if !value.is_empty() {
                extra_values.push((id, value));
            }
        }
        let needed = given.len()
            + family.len()
            + organisation.len()
            + email.len()
            + phone.len()
            + extra_values.iter().map(|(_, v)| v.len()).sum::<usize>();
        if roster.text_len() + needed >= u32::MAX as usize {
            return Err(Failure::Error(Error::new(ErrorKind::Csv {
                line,
                column: 0,
                column_name: None,
                value: None,
                code: "import.too_large",
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
                role,
                attendance,
            },
            &extras,
        );
        let org = orgs.key(org_id, &organisation);
        duplicates.push(index, &given, &family, org.hash);
        lines.push(u32::try_from(line).unwrap_or(u32::MAX));
    }
    duplicates.sort();
    Ok(Part {
        roster,
        problems,
        duplicates,
        lines,
        rows_read,
    })
}

/// Imports `input`, from `skip` (a byte-order mark) on, as text already
/// known to be UTF-8 unless it proves otherwise. A large input is read in
/// two parts side by side, split at a line end outside quotes.
fn import_input(
    input: Input<'_>,
    plan: Plan,
    options: &ImportOptions,
    size: u64,
) -> std::result::Result<RosterImport, Failure> {
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let split = if threads > 1 && size >= PARALLEL_MIN_BYTES {
        let scan = input.range(plan.skip as u64, None).map_err(Failure::Io)?;
        find_split(scan, plan.delimiter, (size - plan.skip as u64) / 2).map_err(Failure::Io)?
    } else {
        None
    };
    let skip = plan.skip as u64;
    let first_end = split.map(|s| skip + s.boundary);
    let mut reader = csv_reader(input.range(skip, first_end).map_err(Failure::Io)?, plan, 0);
    let first_bytes = first_end.unwrap_or(size).saturating_sub(skip);
    let mut roster = sized_roster(first_bytes);
    let explicit_utf8 = options.encoding == Some(TextEncoding::Utf8);
    let (columns, header_line) = read_header(&mut reader, plan, explicit_utf8, &mut roster)?;
    let stop = std::sync::atomic::AtomicBool::new(false);
    let ctx = Context {
        plan,
        strict: options.mode == ImportMode::Strict,
        explicit_utf8,
        columns: &columns,
        stop: &stop,
    };

    let (first, second) = match split {
        None => (
            read_rows(&mut reader, &ctx, roster, (first_bytes / 96) as usize),
            None,
        ),
        Some(split) => {
            let second_bytes = size.saturating_sub(skip + split.boundary);
            let second_input = input
                .range(skip + split.boundary, None)
                .map_err(Failure::Io)?;
            let mut second_roster = sized_roster(second_bytes);
            for name in roster.extra_names().map(str::to_owned).collect::<Vec<_>>() {
                second_roster.extra_id(&name);
            }
            std::thread::scope(|scope| {
                let ctx = &ctx;
                let worker = scope.spawn(move || {
                    let mut reader = csv_reader(second_input, plan, split.lines_before);
                    let part = read_rows(
                        &mut reader,
                        ctx,
                        second_roster,
                        (second_bytes / 96) as usize,
                    );
                    if part.is_err() {
                        ctx.stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    }
                    part
                });
                let first = read_rows(&mut reader, ctx, roster, (first_bytes / 96) as usize);
                if first.is_err() {
                    ctx.stop.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                let second = worker.join().unwrap_or_else(|_| {
                    Err(Failure::Io(std::io::Error::other(
                        "the second import thread failed",
                    )))
                });
                (first, Some(second))
            })
        }
    };
    // The first part's failure is the earlier one in the file.
    let mut part = first?;
    if let Some(second) = second {
        let second = second?;
        let offset = part.roster.len() as u32;
        part.roster.append(second.roster);
        part.problems.extend(second.problems);
        part.duplicates.extend(second.duplicates, offset);
        part.lines.extend(second.lines);
        part.rows_read += second.rows_read;
    }
    let Part {
        mut roster,
        mut problems,
        duplicates,
        lines,
        rows_read,
    } = part;
    roster.shrink_to_fit();

    let mut orgs = OrgClasses::default();
    let classes: Vec<u32> = roster
        .iter()
        .map(|p| orgs.key(p.organisation_id(), p.organisation()).class)
        .collect();
    let who = |k: u32| {
        roster.get(k as usize).map_or(("", "", u32::MAX), |p| {
            (
                p.given_name(),
                p.family_name(),
                classes.get(k as usize).copied().unwrap_or(u32::MAX),
            )
        })
    };
    let found = duplicates.finish(who);
    if !found.is_empty() {
        for (index, first) in found {
            let (Some(p), Some(&line), Some(&first_line)) = (
                roster.get(index as usize),
                lines.get(index as usize),
                lines.get(first as usize),
            ) else {
                continue;
            };
            problems.push(ImportProblem {
                code: ProblemCode::DuplicatePerson,
                line: u64::from(line),
                column: 0,
                column_name: None,
                value: format!(
                    "{} {}, {}",
                    p.given_name(),
                    p.family_name(),
                    p.organisation()
                ),
                reason: format!("the same person as on line {first_line}; both rows are kept"),
            });
        }
        // Duplicates are found at the end; the report is in file order.
        problems.sort_by_key(|p| p.line);
    }
    if rows_read == 0 {
        problems.push(ImportProblem {
            code: ProblemCode::NoRows,
            line: header_line,
            column: 0,
            column_name: None,
            value: String::new(),
            reason: "the file has a header and no rows: the roster is empty".to_owned(),
        });
    }
    Ok(RosterImport {
        roster,
        problems,
        encoding: plan.encoding,
        delimiter: plan.delimiter,
        header: columns.header,
        rows_read,
    })
}

/// Where to split an input in two: a line start outside quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Split {
    /// The offset of the second part, from the start of the scanned input.
    boundary: u64,
    /// Line ends before it.
    lines_before: u64,
}

/// Finds the first line end outside quotes at or after `mid`, reading the
/// input up to there. Quotes are followed as RFC 4180 has them (a quote
/// opens a field only at its start; inside, a doubled quote is a quote);
/// any other use of quotes gives `None`, and the import is not split,
/// rather than risk splitting inside a field.
fn find_split(input: impl Read, delimiter: u8, mid: u64) -> std::io::Result<Option<Split>> {
    find_split_in_chunks(input, delimiter, mid, 1 << 20)
}

fn find_split_in_chunks(
    mut input: impl Read,
    delimiter: u8,
    mid: u64,
    chunk_size: usize,
) -> std::io::Result<Option<Split>> {
    let mut buf = vec![0u8; chunk_size.max(1)];
    let mut lines = LineCounter::new(std::io::empty());
    let mut base = 0u64;
    let mut in_quotes = false;
    // Inside quotes, the last chunk ended in a quote: closing or doubled.
    let mut quote_pending = false;
    // Past `mid`, the last chunk ended in a CR: CRLF or a lone CR.
    let mut cr_pending = false;
    let mut prev = b'\n';
    let ends_field = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        let chunk = &buf[..n];
        let mut i = 0;
        let found = |at: u64, lines: &mut LineCounter<std::io::Empty>| {
            Some(Split {
                boundary: at,
                lines_before: lines.line_at(at) - 1,
            })
        };
        lines.note(chunk);
        if cr_pending {
            let at = if chunk[0] == b'\n' { base + 1 } else { base };
            return Ok(found(at, &mut lines));
        }
        if quote_pending {
            quote_pending = false;
            if chunk[0] == b'"' {
                i = 1;
            } else if ends_field(chunk[0]) {
                in_quotes = false;
            } else {
                return Ok(None);
            }
        }
        while i < n {
            if in_quotes {
                match memchr::memchr(b'"', &chunk[i..]) {
                    None => i = n,
                    Some(k) => {
                        let q = i + k;
                        match chunk.get(q + 1) {
                            None => {
                                quote_pending = true;
                                i = n;
                            }
                            Some(b'"') => i = q + 2,
                            Some(&b) if ends_field(b) => {
                                in_quotes = false;
                                i = q + 1;
                            }
                            Some(_) => return Ok(None),
                        }
                    }
                }
                continue;
            }
            let past_mid = base + i as u64 >= mid;
            let next = if past_mid {
                memchr::memchr3(b'"', b'\n', b'\r', &chunk[i..])
            } else {
                let stop = ((mid - base) as usize).min(n);
                match memchr::memchr(b'"', &chunk[i..stop]) {
                    Some(k) => Some(k),
                    None => {
                        i = stop;
                        continue;
                    }
                }
            };
            let Some(k) = next else {
                i = n;
                continue;
            };
            let p = i + k;
            match chunk[p] {
                b'"' => {
                    let before = if p > 0 { chunk[p - 1] } else { prev };
                    if !ends_field(before) {
                        // A quote inside an unquoted field: literal to the
                        // csv reader, but not something to split around.
                        return Ok(None);
                    }
                    in_quotes = true;
                    i = p + 1;
                }
                b'\n' => return Ok(found(base + p as u64 + 1, &mut lines)),
                _ => match chunk.get(p + 1) {
                    Some(b'\n') => return Ok(found(base + p as u64 + 2, &mut lines)),
                    Some(_) => return Ok(found(base + p as u64 + 1, &mut lines)),
                    None => {
                        cr_pending = true;
                        i = n;
                    }
                },
            }
        }
        prev = chunk[n - 1];
        base += n as u64;
        // Line ends far behind the scan are counted and let go.
        lines.line_at(base.saturating_sub(2));
    }
}

/// Passes bytes through to the csv reader and notes where lines end, to
/// give each record its physical line: the csv reader's own count misses
/// lone CRs and is one off after CRLF.
struct LineCounter<R> {
    inner: R,
    /// Offsets of line ends read but not yet passed by a record, in order;
    /// `CRLF` marks the LF of a CRLF pair (which ends the line, its CR does
    /// not).
    ends: std::collections::VecDeque<u64>,
    /// The offset of the next byte to read.
    offset: u64,
    /// The last byte read was a CR, not yet known to be lone.
    pending_cr: bool,
    /// Line ends passed.
    lines: u64,
}

const CRLF: u64 = 1 << 63;

impl<R> LineCounter<R> {
    fn new(inner: R) -> Self {
        LineCounter {
            inner,
            ends: std::collections::VecDeque::new(),
            offset: 0,
            pending_cr: false,
            lines: 0,
        }
    }

    /// The 1-based line of a record starting at input offset `byte`;
    /// offsets must not go back.
    fn line_at(&mut self, byte: u64) -> u64 {
        while let Some(&end) = self.ends.front() {
            let at = end & !CRLF;
            // The csv reader puts a record after CRLF at the LF itself.
            if at < byte || (at == byte && end & CRLF != 0) {
                self.lines += 1;
                self.ends.pop_front();
            } else {
                break;
            }
        }
        self.lines + 1
    }

    fn note(&mut self, chunk: &[u8]) {
        if chunk.is_empty() {
            return;
        }
        let base = self.offset;
        // A CR at the end of the last chunk: CRLF or lone, as this one starts.
        let cr_before = std::mem::take(&mut self.pending_cr);
        if cr_before && chunk[0] != b'\n' {
            self.ends.push_back(base - 1);
        }
        for at in memchr::memchr2_iter(b'\n', b'\r', chunk) {
            if chunk[at] == b'\n' {
                let crlf = if at == 0 {
                    cr_before
                } else {
                    chunk[at - 1] == b'\r'
                };
                self.ends
                    .push_back((base + at as u64) | if crlf { CRLF } else { 0 });
            } else {
                match chunk.get(at + 1) {
                    Some(b'\n') => {}
                    Some(_) => self.ends.push_back(base + at as u64),
                    None => self.pending_cr = true,
                }
            }
        }
        self.offset += chunk.len() as u64;
    }

    /// At the end of the input a CR still waiting is a lone one.
    fn flush(&mut self) {
        if self.pending_cr {
            self.pending_cr = false;
            self.ends.push_back(self.offset - 1);
        }
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.flush();
        }
        self.note(&buf[..n]);
        Ok(n)
    }
}

fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|f| f.trim_ascii().is_empty())
}

/// The language of an exported header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum HeaderLanguage {
    /// Fornavn, Etternavn, Organisasjon… (the default).
    #[default]
    Norwegian,
    /// Given name, Family name, Organisation…
    English,
}

/// Settings of a CSV export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ExportOptions {
    /// `b','` or `b';'` (Norwegian Excel opens semicolon files directly).
    pub delimiter: u8,
    /// The language of the header and of role and attendance values.
    pub language: HeaderLanguage,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            delimiter: b';',
            language: HeaderLanguage::Norwegian,
        }
    }
}

impl ExportOptions {
    /// Sets the delimiter.
    pub fn with_delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// Sets the header language.
    pub fn with_language(mut self, language: HeaderLanguage) -> Self {
        self.language = language;
        self
    }
}

fn role_word(role: Role, language: HeaderLanguage) -> &'static str {
    match language {
        HeaderLanguage::English => role.name(),
        HeaderLanguage::Norwegian => match role {
            Role::Member => "medlem",
            Role::Chair => "leder",
            Role::Secretary => "sekretær",
            Role::Guest => "gjest",
            Role::Observer => "observatør",
        },
    }
}

fn attendance_word(attendance: Attendance, language: HeaderLanguage) -> &'static str {
    match language {
        HeaderLanguage::English => attendance.name(),
        HeaderLanguage::Norwegian => match attendance {
            Attendance::Invited => "invitert",
            Attendance::Present => "til stede",
            Attendance::Excused => "forfall",
            Attendance::Absent => "fravær",
        },
    }
}

impl Roster {
    /// Writes the roster as CSV (UTF-8, no byte-order mark, CRLF line ends
    /// as RFC 4180 has them), one header row and one row per person, extra
    /// attributes as further columns.
    ///
    /// A value that a spreadsheet would run as a formula (starting with
    /// `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, which the importer
    /// removes again: `+47 412 03 424` survives the round trip.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{ExportOptions, ImportOptions, Person, Roster};
    ///
    /// let mut roster = Roster::new();
    /// let mut p = Person::new("Karoline", "Ulateig", "Sekretariatet for Osloregionen");
    /// p.phone = Some("+47 412 03 424".into());
    /// roster.push(p);
    /// let csv = roster.to_csv(&ExportOptions::default());
    /// assert!(csv.contains(";'+47 412 03 424;"));
    /// let back = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default())?;
    /// assert_eq!(back.roster, roster);
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn to_csv(&self, options: &ExportOptions) -> String {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(options.delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let header: [&str; 7] = match options.language {
            HeaderLanguage::Norwegian => [
                "Fornavn",
                "Etternavn",
                "Organisasjon",
                "E-post",
                "Telefon",
                "Rolle",
                "Oppmøte",
            ],
            HeaderLanguage::English => [
                "Given name",
                "Family name",
                "Organisation",
                "Email",
                "Phone",
                "Role",
                "Attendance",
            ],
        };
        let extra_names: Vec<&str> = self.extra_names().collect();
        // Writing to a Vec cannot fail; the errors are I/O errors.
        let _ = writer.write_record(header.iter().copied().chain(extra_names.iter().copied()));
        let mut row: Vec<Cow<'_, str>> = Vec::with_capacity(7 + extra_names.len());
        for p in self {
            row.clear();
            row.push(guard(p.given_name()));
            row.push(guard(p.family_name()));
            row.push(guard(p.organisation()));
            row.push(guard(p.email().unwrap_or("")));
            row.push(guard(p.phone().unwrap_or("")));
            row.push(Cow::Borrowed(role_word(p.role(), options.language)));
            row.push(Cow::Borrowed(attendance_word(
                p.attendance(),
                options.language,
            )));
            for name in &extra_names {
                row.push(guard(p.extra(name).unwrap_or("")));
            }
            let _ = writer.write_record(row.iter().map(|v| v.as_bytes()));
        }
        let bytes = writer.into_inner().unwrap_or_default();
        // Every value written is a &str, so the output is UTF-8.
        String::from_utf8(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_ignore_case_accents_and_punctuation() {
        assert_eq!(header_key(" Oppmøte "), "oppmote");
        assert_eq!(header_key("E-post"), "epost");
        assert_eq!(header_key("First Name"), "firstname");
        assert_eq!(field_of("ORGANISASJON"), Some(Field::Organisation));
        assert_eq!(field_of("Given_name"), Some(Field::GivenName));
        assert_eq!(field_of("Avdeling"), None);
    }

    #[test]
    fn sniffing_ignores_delimiters_in_quotes() {
        assert_eq!(sniff_delimiter(b"Navn\tOrg\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b;c\",x,y\n"), b',');
        assert_eq!(sniff_delimiter(b"\"a,b,c\";x\n"), b';');
        assert_eq!(sniff_delimiter(b"Navn\n"), b'\t');
    }

    #[test]
    fn guard_and_unguard_are_inverse() {
        for v in [
            "=1+1", "+47 412", "-x", "@a", "\tt", "\rr", "'=x", "''+y", "'plain", "plain", "",
        ] {
            assert_eq!(unguard(&guard(v)), v, "{v:?}");
        }
        assert_eq!(guard("+47"), "'+47");
        assert_eq!(guard("plain"), "plain");
    }

    /// Reads one byte at a time, to put every line end at a chunk edge.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((b, rest)), Some(slot)) => {
                    *slot = *b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn line_ends_are_lf_crlf_and_lone_cr_across_chunk_edges() {
        // Lines: "a", "b", "c", "d", "", "e"; the lone CR after d ends line
        // 4 and the CRLF after it line 5.
        let text = b"a\nb\r\nc\rd\r\r\ne\n";
        for trickle in [false, true] {
            let mut counter = LineCounter::new(if trickle {
                Trickle(&text[..])
            } else {
                Trickle(&[])
            });
            if trickle {
                std::io::copy(&mut counter, &mut std::io::sink()).unwrap();
            } else {
                counter.note(text);
                counter.flush();
            }
            let lines: Vec<u64> = [0, 2, 5, 7, 10]
                .iter()
                .map(|&b| counter.line_at(b))
                .collect();
            // 10 is the LF of the CRLF: the csv reader's place for "e".
            assert_eq!(lines, [1, 2, 3, 4, 6], "trickle {trickle}");
        }
    }

    #[test]
    fn splits_fall_on_line_starts_outside_quotes_whatever_the_chunks() {
        // Line starts outside quotes: 5, 18 (after a quoted field over two
        // lines and one with a doubled quote), 22 (after a lone CR), 30.
        let text: &[u8] = b"a;b\r\n\"x\r\ny\";\"q\"\"\"\nz;w\rlast;\"\"\n";
        let starts = [(5u64, 1u64), (18, 3), (22, 4), (30, 5)];
        for mid in 0..text.len() as u64 {
            let want =
                starts
                    .iter()
                    .find(|&&(start, _)| start > mid)
                    .map(|&(boundary, lines_before)| Split {
                        boundary,
                        lines_before,
                    });
            for chunk in [1, 2, 3, 5, 8, 1 << 10] {
                let got = find_split_in_chunks(text, b';', mid, chunk).unwrap();
                assert_eq!(got, want, "mid {mid} chunk {chunk}");
            }
        }
        // A quote inside an unquoted field: no split at all.
        assert_eq!(
            find_split_in_chunks(&b"a;b\"c\nd;e\n"[..], b';', 0, 4).unwrap(),
            None
        );
        // Text after a closing quote: no split either.
        assert_eq!(
            find_split_in_chunks(&b"\"a\"b;c\nd\n"[..], b';', 0, 4).unwrap(),
            None
        );
    }

    #[test]
    fn full_names_split_on_the_last_word_or_the_comma() {
        assert_eq!(
            split_full_name("Anne Kristine Feltman"),
            ("Anne Kristine", "Feltman")
        );
        assert_eq!(
            split_full_name("Feltman, Anne Kristine"),
            ("Anne Kristine", "Feltman")
        );
        assert_eq!(split_full_name("Cher"), ("", "Cher"));
    }
}
