//! Importing a roster from the CSV files people really have.
//!
//! A secretariat's list of invited people arrives as an Excel export (UTF-8,
//! UTF-16 "Unicode text", or Windows-1252 "CSV (semikolondelt)"), a member
//! registry export, or a table copied from a Word notice. The importer finds
//! the encoding and the delimiter, maps Norwegian and English headers to the
//! model, keeps every other column as an extra attribute, and reports every
//! problem with its physical line, column, raw value and reason.
//!
//! The work is cut along its concerns: [`options`] (the settings),
//! `detect` (encoding and delimiter), `decode` (Windows-1252 as it is
//! read), `header` (what each column is), `reader` (the csv reader over a
//! part), `rows` (the row reader) and `sink` (where its problems go),
//! `split` and `lines` (parts read side by side, with physical line
//! numbers), `parts` (one import from its parts), `repair` (an unclosed
//! quote), [`problems`] (what is reported) and `result` (what an import
//! gives back). Here are the entry points and the choice of a decoding;
//! a cell's cleaning is `crate::cells`, shared with the export.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
use crate::model::roster::Roster;

mod decode;
mod detect;
mod header;
mod lines;
mod options;
mod parts;
mod problems;
mod reader;
mod repair;
mod result;
mod rows;
mod sink;
mod split;

use detect::{detect, sniff_delimiter, stream_plan, Plan};
pub use header::{Field, HeaderColumn};
use lines::line_at;
pub use options::{
    Delimiter, ImportMode, ImportOptions, TextEncoding, DEFAULT_MAX_BYTES,
    DEFAULT_PROBLEMS_PER_CODE,
};
use parts::import_input;
pub use problems::{ImportProblem, ImportProblems, Iter as ProblemIter, ProblemReason, ProblemRef};
use repair::{import_repaired, unclosed_quote_error};
pub use result::{ImportSummary, RosterImport};
use split::Input;

impl Roster {
    /// Imports a roster from a CSV or tab-separated file.
    ///
    /// A UTF-8 or Windows-1252 file is read as a stream, never whole (the
    /// latter decoded line by line), so a large file costs little more
    /// memory than the roster it becomes.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when the file cannot be read, and the errors of
    /// [`Roster::from_csv_bytes`].
    pub fn from_csv_path(path: impl AsRef<Path>, options: &ImportOptions) -> Result<RosterImport> {
        options.check()?;
        let path = path.as_ref();
        let io = |source| {
            Error::new(ErrorKind::Io {
                path: path.to_owned(),
                source,
            })
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if !meta.is_file() {
            // A device, a FIFO or standard input: opened once and read as a
            // stream, judged from its first bytes, bounded by the limit.
            return read_bounded(file, options).map_err(|e| match e.into_kind() {
                ErrorKind::Io { source, .. } => io(source),
                kind => Error::new(kind),
            });
        }
        let size = meta.len();
        options.check_size(size)?;
        let mut head = Vec::with_capacity(1 << 16);
        file.take(1 << 16).read_to_end(&mut head).map_err(io)?;
        let Some(plan) = stream_plan(&head, options) else {
            let bytes = read_whole(path, size).map_err(io)??;
            return Roster::from_csv_bytes(&bytes, options);
        };
        // An unclosed quote is repaired, and bytes that a byte-order mark
        // says are UTF-8 are reported with their place, in memory, where
        // the whole text can be read again.
        let in_memory = || {
            let bytes = read_whole(path, size).map_err(io)??;
            Roster::from_csv_bytes(&bytes, options)
        };
        let first = import_input(Input::File(path), plan, options, size);
        settle(first, options, io, |failure| match failure {
            // Not UTF-8 after all: Windows-1252, whole or in some lines,
            // read again as a stream decoded line by line.
            Failure::NotUtf8 if plan.skip == 0 => {
                let plan = Plan {
                    encoding: TextEncoding::Windows1252,
                    ..plan
                };
                let again = import_input(Input::File(path), plan, options, size);
                settle(again, options, io, |_| in_memory())
            }
            _ => in_memory(),
        })
    }

    /// Imports a roster from a reader, read to its end first.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] (with an empty path) when reading fails, and the
    /// errors of [`Roster::from_csv_bytes`].
    pub fn from_csv_reader(reader: impl Read, options: &ImportOptions) -> Result<RosterImport> {
        options.check()?;
        read_bounded(reader, options)
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
    /// - [`ErrorKind::Csv`]: in strict mode, the first bad row;
    /// - [`ErrorKind::InvalidName`]: a delimiter that is not a
    ///   [`Delimiter`].
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
    /// // Jonas is kept, his address as written, and the problem reported.
    /// assert_eq!(import.roster.len(), 2);
    /// assert_eq!(import.roster.get(1).unwrap().email(), Some("jonas@@x"));
    /// let problem = import.problems.get(0).unwrap();
    /// assert_eq!((problem.line(), problem.code().as_str()), (3, "roster.email"));
    /// assert_eq!(problem.value(), "jonas@@x");
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn from_csv_bytes(bytes: &[u8], options: &ImportOptions) -> Result<RosterImport> {
        options.check()?;
        options.check_size(bytes.len() as u64)?;
        let (encoding, body) = detect(bytes, options)?;
        if encoding == TextEncoding::Windows1252 {
            return import_windows_1252(body, options);
        }
        import_decoded(body, encoding, options)
    }
}

enum Failure {
    /// The stream has bytes that are not UTF-8 and no encoding was given.
    NotUtf8,
    /// A quote opened on `line` and never closed where it should have: the
    /// field swallowed later rows. `width` is the header's, for the repair.
    UnclosedQuote {
        line: u64,
        width: usize,
    },
    Io(std::io::Error),
    Error(Error),
}

/// The one answer to a read that failed: its error, or in strict mode the
/// unclosed quote's; any other failure is read `again` (in memory, decoded
/// otherwise or repaired).
fn settle(
    read: std::result::Result<RosterImport, Failure>,
    options: &ImportOptions,
    io: impl FnOnce(std::io::Error) -> Error,
    again: impl FnOnce(Failure) -> Result<RosterImport>,
) -> Result<RosterImport> {
    match read {
        Ok(import) => Ok(import),
        Err(Failure::Error(e)) => Err(e),
        Err(Failure::Io(e)) => Err(io(e)),
        Err(Failure::UnclosedQuote { line, .. }) if options.mode == ImportMode::Strict => {
            Err(unclosed_quote_error(line))
        }
        Err(failure) => again(failure),
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Error(e)
    }
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
        TextEncoding::Windows1252 => return import_windows_1252(body, options),
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
    import_text(&text, encoding, options)
}

/// Imports text already decoded from `encoding`.
fn import_text(
    text: &str,
    encoding: TextEncoding,
    options: &ImportOptions,
) -> Result<RosterImport> {
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::EmptyInput));
    }
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| sniff_delimiter(text.as_bytes()));
    // The text is UTF-8 now, whatever it was decoded from: read as such,
    // and reported in the encoding it came in (below).
    let plan = Plan {
        repaired: false,
        encoding: TextEncoding::Utf8,
        delimiter,
        skip: 0,
    };
    // Decoded text is valid UTF-8 and a slice does not fail to read.
    let impossible = || {
        Error::new(ErrorKind::Decode {
            encoding: encoding.name(),
            line: 1,
            byte: 0,
        })
    };
    let read = import_input(
        Input::Memory(text.as_bytes()),
        plan,
        options,
        text.len() as u64,
    );
    let mut import = settle(
        read,
        options,
        |_| impossible(),
        |failure| match failure {
            Failure::UnclosedQuote { width, .. } => import_repaired(text, width, plan, options),
            _ => Err(impossible()),
        },
    )?;
    import.encoding = encoding;
    Ok(import)
}

/// Imports Windows-1252, or UTF-8 with some lines of it, decoded line by
/// line as the parts are read; whole in memory only to repair an unclosed
/// quote.
fn import_windows_1252(body: &[u8], options: &ImportOptions) -> Result<RosterImport> {
    // White space in Windows-1252: ASCII's and the no-break space.
    if body.iter().all(|&b| b.is_ascii_whitespace() || b == 0xA0) {
        return Err(Error::new(ErrorKind::EmptyInput));
    }
    let plan = Plan {
        repaired: false,
        encoding: TextEncoding::Windows1252,
        delimiter: options.delimiter.unwrap_or_else(|| sniff_delimiter(body)),
        skip: 0,
    };
    let read = import_input(Input::Memory(body), plan, options, body.len() as u64);
    // Reading a slice does not fail; were it to, it is an I/O error.
    let io = |source| {
        Error::new(ErrorKind::Io {
            path: std::path::PathBuf::new(),
            source,
        })
    };
    settle(read, options, io, |_| {
        let forced = options.encoding == Some(TextEncoding::Windows1252);
        let (text, report) = decode::decode_whole(body, forced);
        match decode::mixed_problems([report], Input::Memory(body), options.problems_per_code()) {
            Ok(Some(mixed)) => {
                let mut import = import_text(&text, TextEncoding::Utf8, options)?;
                import.problems = import.problems.merge_by_line(mixed);
                Ok(import)
            }
            // Reading a slice does not fail.
            Ok(None) | Err(_) => import_text(&text, TextEncoding::Windows1252, options),
        }
    })
}

/// Reads a stream to its end and imports it: binary input is refused from
/// its first bytes (so `/dev/zero` stops at once), and input over the limit
/// as soon as it passes it.
fn read_bounded(mut reader: impl Read, options: &ImportOptions) -> Result<RosterImport> {
    let io = |source| {
        Error::new(ErrorKind::Io {
            path: Default::default(),
            source,
        })
    };
    let mut bytes = Vec::new();
    (&mut reader)
        .take(1 << 13)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if options.encoding.is_none()
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
    {
        detect::check_not_binary(&bytes)?;
    }
    let limit = options.limit();
    reader
        .take(limit.saturating_sub(bytes.len() as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    options.check_size(bytes.len() as u64)?;
    Roster::from_csv_bytes(&bytes, options)
}

/// A file of `size` bytes read whole, its room asked for first: a file the
/// memory cannot hold is `import.too_large` (the outer result is the
/// reading's).
fn read_whole(path: &Path, size: u64) -> std::io::Result<Result<Vec<u8>>> {
    let mut bytes = Vec::new();
    let room = usize::try_from(size).ok();
    if room.is_none_or(|room| bytes.try_reserve_exact(room).is_err()) {
        return Ok(Err(rows::out_of_memory(size)));
    }
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    Ok(Ok(bytes))
}
