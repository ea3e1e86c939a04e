//! Reading and writing meetings as JSON.

use std::io::{Read, Write};
use std::path::Path;

use crate::error::{Error, ErrorKind, JsonCategory, Position, Result};
use crate::model::meeting::Meeting;

/// The largest meeting document read, in bytes: 256 MiB, some two million
/// people on a roster. A larger one is `json.too_large`
/// ([`JsonCategory::TooLarge`]), refused before it is read whole.
pub const MAX_DOCUMENT_BYTES: usize = 256 << 20;

/// The error of a document over [`MAX_DOCUMENT_BYTES`], at the place where
/// the limit falls.
fn too_large(bytes: &[u8]) -> Error {
    let read = &bytes[..MAX_DOCUMENT_BYTES.min(bytes.len())];
    let line = memchr::memchr_iter(b'\n', read).count() as u64 + 1;
    let column = match memchr::memrchr(b'\n', read) {
        Some(at) => read.len() - at,
        None => read.len() + 1,
    } as u64;
    Error::new(ErrorKind::Json {
        category: JsonCategory::TooLarge,
        position: Position { line, column },
        path: String::new(),
        reason: format!(
            "the document is larger than the limit of {MAX_DOCUMENT_BYTES} bytes (MAX_DOCUMENT_BYTES)"
        ),
    })
}

impl Meeting {
    /// Reads a meeting document.
    ///
    /// Unknown fields are refused (a misspelt field must not vanish), and so
    /// are local times that do not exist or are ambiguous in the meeting's
    /// zone.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Json`] with the line, column and field path of the
    /// problem; [`ErrorKind::UnknownField`] naming the field and its path.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{ErrorKind, Meeting};
    ///
    /// let err = Meeting::from_json("{\n  \"schema_version\": 1,\n  \"titel\": \"x\"\n}").unwrap_err();
    /// match err.kind() {
    ///     ErrorKind::UnknownField { field, position, .. } => {
    ///         assert_eq!(field, "titel");
    ///         assert_eq!(position.line, 3);
    ///     }
    ///     other => panic!("unexpected {other:?}"),
    /// }
    /// ```
    pub fn from_json(text: &str) -> Result<Meeting> {
        Meeting::from_json_slice(text.as_bytes())
    }

    /// Reads a meeting document from UTF-8 bytes.
    ///
    /// # Errors
    ///
    /// As [`Meeting::from_json`]; bytes that are not UTF-8 are a syntax
    /// error at their position.
    pub fn from_json_slice(bytes: &[u8]) -> Result<Meeting> {
        if bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(too_large(bytes));
        }
        // Editors on Windows write a byte-order mark; it is not part of the
        // document (RFC 8259 lets a parser ignore it). Positions stay those
        // of the text after it.
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let meeting = serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
        // Trailing characters after the document are an error too.
        de.end().map_err(|e| json_error_at(e, String::new()))?;
        Ok(meeting)
    }

    /// Reads a meeting document from a file.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when the file cannot be read, and the errors of
    /// [`Meeting::from_json`].
    pub fn load(path: impl AsRef<Path>) -> Result<Meeting> {
        let path = path.as_ref();
        let io = |source| {
            Error::new(ErrorKind::Io {
                path: path.to_owned(),
                source,
            })
        };
        // One byte past the limit, so that a larger file (or `/dev/zero`)
        // is refused without being read whole.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| {
                f.take(MAX_DOCUMENT_BYTES as u64 + 1)
                    .read_to_end(&mut bytes)
            })
            .map_err(io)?;
        Meeting::from_json_slice(&bytes)
    }

    /// Writes the meeting as a pretty-printed JSON document, ending in a
    /// newline. [`Meeting::from_json`] reads it back to an equal meeting.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self)
            .expect("a meeting has only string map keys and infallible fields");
        out.push('\n');
        out
    }

    /// Writes the meeting to a file, whole or not at all: the document goes
    /// to a temporary file beside it that is then renamed over the target.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let io = |source| {
            Error::new(ErrorKind::Io {
                path: path.to_owned(),
                source,
            })
        };
        let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
        tmp_name.push(format!(".{}.tmp", std::process::id()));
        let tmp = path.with_file_name(tmp_name);
        let written = std::fs::File::create(&tmp).and_then(|mut f| {
            f.write_all(self.to_json().as_bytes())?;
            f.sync_all()
        });
        if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(io(e));
        }
        Ok(())
    }
}

fn json_error(err: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let path = display_path(err.path());
    json_error_at(err.into_inner(), path)
}

fn json_error_at(inner: serde_json::Error, path: String) -> Error {
    let position = Position {
        line: inner.line() as u64,
        column: inner.column() as u64,
    };
    let reason = bare_message(&inner);
    if let Some(field) = unknown_field(&reason) {
        // serde_path_to_error has the field in the path already, except
        // inside internally tagged enums, whose content serde buffers first.
        let path = if path.is_empty() {
            field.clone()
        } else if path == field || path.ends_with(&format!(".{field}")) {
            path
        } else {
            format!("{path}.{field}")
        };
        return Error::new(ErrorKind::UnknownField {
            position,
            path,
            field,
        });
    }
    // The version check's own message (see `SchemaVersion`'s Deserialize):
    // reported as its own kind, since a newer document is not malformed.
    if path == "schema_version" {
        if let Some(found) = reason
            .strip_prefix("unsupported schema_version ")
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.parse().ok())
        {
            return Error::new(ErrorKind::SchemaVersion {
                position,
                found,
                supported: crate::model::meeting::SCHEMA_VERSION,
            });
        }
    }
    let category = match inner.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            JsonCategory::Syntax
        }
        serde_json::error::Category::Data => JsonCategory::Data,
        serde_json::error::Category::Eof => JsonCategory::Eof,
    };
    Error::new(ErrorKind::Json {
        category,
        position,
        path,
        reason,
    })
}

/// `serde_path_to_error` writes the root as `.`; the library's paths leave
/// it empty, as validation paths are relative to the meeting.
fn display_path(path: &serde_path_to_error::Path) -> String {
    let text = path.to_string();
    if text == "." {
        String::new()
    } else {
        text
    }
}

/// serde_json appends " at line L column C" to its messages; the position is
/// reported in its own fields, so it is cut from the text.
fn bare_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) if err.line() > 0 => text[..i].to_owned(),
        _ => text,
    }
}

/// serde's fixed wording for a field that `deny_unknown_fields` refuses.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let end = rest.find('`')?;
    Some(rest[..end].to_owned())
}
