//! The settings of an import.

use std::fmt;

use crate::error::{Error, Result};

/// How bad rows are handled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ImportMode {
    /// Every person with a name is imported; a value problem keeps the
    /// person and the value as written, and is reported in
    /// [`RosterImport::problems`](crate::RosterImport::problems); only rows
    /// that cannot be read as a person are skipped (and reported). The
    /// default.
    #[default]
    Lenient,
    /// The first problem of severity error is an error
    /// ([`ErrorKind::Csv`](crate::ErrorKind::Csv)); warnings are reported
    /// and never stop the import.
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

/// A name or alias, as [`TextEncoding::from_name`] takes it.
impl std::str::FromStr for TextEncoding {
    type Err = Error;

    fn from_str(name: &str) -> Result<TextEncoding> {
        TextEncoding::from_name(name).ok_or_else(|| {
            Error::invalid_name(
                "encoding",
                name,
                &["utf-8", "utf-16le", "utf-16be", "windows-1252"],
            )
        })
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
    /// The most bytes an input may have; [`DEFAULT_MAX_BYTES`] when `None`.
    /// A larger input is refused ([`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge))
    /// before it is read whole, so that `/dev/zero` or a runaway pipe ends
    /// in an error, not in an exhausted machine.
    pub max_bytes: Option<u64>,
    /// The most problems of one code an import keeps in full (the first
    /// ones in the file); the others are counted
    /// ([`ImportProblems::count`](crate::ImportProblems::count) is exact)
    /// and not kept. [`DEFAULT_PROBLEMS_PER_CODE`] when `None`; at least
    /// one of each code met is always kept.
    pub max_problems_per_code: Option<usize>,
}

/// The default of [`ImportOptions::max_problems_per_code`]: enough to fix
/// a file by, small beside any file that has that many.
pub const DEFAULT_PROBLEMS_PER_CODE: usize = 1000;

/// The default limit of an input: 4 GiB, as much text as a roster holds.
pub const DEFAULT_MAX_BYTES: u64 = 4 << 30;

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

    /// Whether the options can be used: a delimiter given is a
    /// [`Delimiter`].
    pub(crate) fn check(&self) -> Result<()> {
        match self.delimiter {
            Some(byte) => Delimiter::new(byte).map(drop),
            None => Ok(()),
        }
    }

    /// Sets [`ImportOptions::max_bytes`].
    pub fn with_max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = Some(max_bytes);
        self
    }

    /// The limit of an input's size in bytes.
    pub fn limit(&self) -> u64 {
        self.max_bytes.unwrap_or(DEFAULT_MAX_BYTES)
    }

    /// Refuses an input of `size` bytes over the limit.
    pub(crate) fn check_size(&self, size: u64) -> Result<()> {
        if size > self.limit() {
            Err(crate::Error::new(crate::ErrorKind::TooLarge {
                limit: self.limit(),
            }))
        } else {
            Ok(())
        }
    }

    /// Sets [`ImportOptions::max_problems_per_code`].
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{ImportOptions, ProblemCode, Roster};
    ///
    /// let mut csv = String::from("Fornavn;Etternavn;E-post\n");
    /// for i in 0..5 {
    ///     csv.push_str(&format!("Kari{i};Nordmann;kari{i}@@example.no\n"));
    /// }
    /// let options = ImportOptions::default().with_max_problems_per_code(2);
    /// let import = Roster::from_csv_bytes(csv.as_bytes(), &options)?;
    /// assert_eq!(import.problems.len(), 2);
    /// assert_eq!(import.problems.count(ProblemCode::RosterEmail), 5);
    /// assert_eq!(import.summary().not_kept[&ProblemCode::RosterEmail], 3);
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn with_max_problems_per_code(mut self, limit: usize) -> Self {
        self.max_problems_per_code = Some(limit);
        self
    }

    /// The most problems of one code kept (at least one).
    pub fn problems_per_code(&self) -> usize {
        self.max_problems_per_code
            .unwrap_or(DEFAULT_PROBLEMS_PER_CODE)
            .max(1)
    }

    /// Sets [`ImportOptions::threads`].
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }
}

/// A field delimiter: one ASCII character other than a quote, CR or LF
/// (the csv reader could not tell it from the file's structure).
///
/// # Example
///
/// ```
/// use roundtable::Delimiter;
///
/// assert_eq!("tab".parse::<Delimiter>()?.byte(), b'\t');
/// assert_eq!(";".parse::<Delimiter>()?, Delimiter::SEMICOLON);
/// assert!(Delimiter::new(b'"').is_err());
/// assert!(Delimiter::for_export(b'|').is_err());
/// # Ok::<(), roundtable::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Delimiter(u8);

impl Delimiter {
    /// A tab, as in Excel's "Unicode text" and tables copied from Word.
    pub const TAB: Delimiter = Delimiter(b'\t');
    /// A semicolon, as in Norwegian Excel's "CSV (semikolondelt)".
    pub const SEMICOLON: Delimiter = Delimiter(b';');
    /// A comma.
    pub const COMMA: Delimiter = Delimiter(b',');

    /// The delimiter `byte`, for an import.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidName`](crate::ErrorKind::InvalidName) for a
    /// byte that is not ASCII, or is a quote, CR or LF.
    pub fn new(byte: u8) -> Result<Delimiter> {
        if byte.is_ascii() && !matches!(byte, b'"' | b'\n' | b'\r' | 0) {
            Ok(Delimiter(byte))
        } else {
            Err(Error::invalid_name(
                "delimiter",
                &byte_text(byte),
                &["one ASCII character other than a quote or line end"],
            ))
        }
    }

    /// The delimiter `byte`, for an export: a semicolon (Norwegian Excel
    /// opens such files directly) or a comma.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidName`](crate::ErrorKind::InvalidName) for any
    /// other byte.
    pub fn for_export(byte: u8) -> Result<Delimiter> {
        match byte {
            b';' | b',' => Ok(Delimiter(byte)),
            _ => Err(Error::invalid_name(
                "export delimiter",
                &byte_text(byte),
                &["\";\"", "\",\""],
            )),
        }
    }

    /// The byte.
    pub fn byte(self) -> u8 {
        self.0
    }
}

/// One character (`";"`, `"\t"`), or `tab`, `semicolon`, `comma`.
impl std::str::FromStr for Delimiter {
    type Err = Error;

    fn from_str(text: &str) -> Result<Delimiter> {
        let byte = match text {
            "tab" | "\\t" => b'\t',
            "semicolon" => b';',
            "comma" => b',',
            _ if text.len() == 1 => text.as_bytes()[0],
            _ => {
                return Err(Error::invalid_name(
                    "delimiter",
                    text,
                    &[
                        "one ASCII character other than a quote or line end",
                        "tab",
                        "semicolon",
                        "comma",
                    ],
                ))
            }
        };
        Delimiter::new(byte)
    }
}

/// A byte as a person would name it: the character when it is printable
/// ASCII, else its value (`\x00`, `\xE6`: a Latin-1 byte is not the
/// character UTF-8 would make of it).
fn byte_text(byte: u8) -> String {
    if byte.is_ascii_graphic() || byte == b' ' {
        char::from(byte).to_string()
    } else {
        format!("\\x{byte:02X}")
    }
}
