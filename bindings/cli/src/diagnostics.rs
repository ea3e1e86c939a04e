//! What goes to standard error: errors with their place (a JSON error shows
//! its line with a caret under the column), and an import's report.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

/// Why a command could not do its work (exit status 2).
pub(crate) enum Failure {
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A document could not be read as a meeting: shown in its text.
    Document {
        path: PathBuf,
        text: String,
        error: roundtable::Error,
    },
    /// The library refused (an import, a calendar, an argument).
    Library {
        path: PathBuf,
        error: roundtable::Error,
    },
    /// Anything else.
    Message(String),
    /// Standard output was closed by its reader (`| head`): the command
    /// ends quietly, as `cat` does.
    Closed,
}

impl Failure {
    pub(crate) fn io(path: &Path, error: std::io::Error) -> Failure {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            return Failure::Closed;
        }
        Failure::Io {
            path: path.to_owned(),
            error,
        }
    }

    pub(crate) fn document(path: &Path, text: &str, error: roundtable::Error) -> Failure {
        Failure::Document {
            path: path.to_owned(),
            text: text.to_owned(),
            error,
        }
    }

    pub(crate) fn library(path: &Path, error: roundtable::Error) -> Failure {
        Failure::Library {
            path: path.to_owned(),
            error,
        }
    }

    pub(crate) fn message(text: String) -> Failure {
        Failure::Message(text)
    }

    /// Prints the failure to standard error.
    pub(crate) fn print(&self) {
        match self {
            Failure::Io { path, error } => print_error(&format!("{}: {error}", path.display())),
            Failure::Message(text) => print_error(text),
            Failure::Closed => {}
            Failure::Library { path, error } => {
                let place = match error.position() {
                    Some(p) => format!("{}:{}:{}", path.display(), p.line, p.column),
                    None => path.display().to_string(),
                };
                let message = error.to_string();
                let code = format!("[{}]", error.code());
                if message.contains(&code) {
                    print_error(&format!("{place}: {message}"));
                } else {
                    print_error(&format!("{place}: {message} {code}"));
                }
            }
            Failure::Document { path, text, error } => {
                let Some(range) = error.position().and_then(|p| byte_range(text, p)) else {
                    print_error(&format!("{}: {error} [{}]", path.display(), error.code()));
                    return;
                };
                let file = SimpleFile::new(path.display().to_string(), text.as_str());
                let mut diagnostic = Diagnostic::error()
                    .with_message(error.to_string())
                    .with_code(error.code().as_str())
                    .with_labels(vec![Label::primary((), range)]);
                if let Some(at) = error.path() {
                    diagnostic = diagnostic.with_notes(vec![format!("at {at}")]);
                }
                let stream = termcolor::StandardStream::stderr(color());
                let config = term::Config::default();
                if term::emit_to_write_style(&mut stream.lock(), &config, &file, &diagnostic)
                    .is_err()
                {
                    print_error(&format!("{}: {error}", path.display()));
                }
            }
        }
    }
}

fn color() -> termcolor::ColorChoice {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        termcolor::ColorChoice::Auto
    } else {
        termcolor::ColorChoice::Never
    }
}

/// The byte range of a (1-based) line and column in `text`: the character
/// at the column, or the line's end when the column is past it.
fn byte_range(text: &str, at: roundtable::Position) -> Option<std::ops::Range<usize>> {
    let line_index = usize::try_from(at.line).ok()?.checked_sub(1)?;
    let mut start = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i == line_index {
            let column = usize::try_from(at.column).unwrap_or(0).saturating_sub(1);
            let content = line.trim_end_matches(['\n', '\r']);
            let mut offset = column.min(content.len());
            while !content.is_char_boundary(offset) {
                offset -= 1;
            }
            let width = content[offset..].chars().next().map_or(0, char::len_utf8);
            return Some(start + offset..start + offset + width);
        }
        start += line.len();
    }
    // The end of the text (an error at EOF on a last line without a break).
    Some(text.len()..text.len())
}

pub(crate) fn print_error(message: &str) {
    eprintln!("roundtable: error: {message}");
}

/// The problems of an import grouped by code, each with its lines, and the
/// counts.
pub(crate) fn print_import_report(path: &Path, import: &roundtable::RosterImport) {
    const SHOWN: usize = 20;
    // The first lines of each code only: a file may have more problems
    // than rows, and the counts are kept by the import.
    let mut by_code: BTreeMap<roundtable::ProblemCode, Vec<roundtable::ProblemRef<'_>>> =
        BTreeMap::new();
    for problem in &import.problems {
        let shown = by_code.entry(problem.code()).or_default();
        if shown.len() < SHOWN {
            shown.push(problem);
        }
    }
    let summary = import.summary();
    let skipped: u64 = summary.skipped.values().sum();
    eprintln!(
        "{}: {} rows read, {} people imported, {} rows skipped ({}, {})",
        path.display(),
        summary.rows_read,
        summary.people,
        skipped,
        import.encoding,
        match import.delimiter {
            b'\t' => "tab".to_owned(),
            d => format!("{:?}", char::from(d)),
        }
    );
    for (code, shown) in &by_code {
        let count = import.problems.count(*code);
        let mut list: Vec<String> = shown.iter().map(|p| p.line().to_string()).collect();
        if count > shown.len() {
            list.push(format!("… ({} more)", count - shown.len()));
        }
        eprintln!(
            "  {} {code} ×{count}: line {}",
            code.severity(),
            list.join(", ")
        );
    }
    // The first problem of each code in full, so that the reason is seen.
    for first in by_code.values().filter_map(|shown| shown.first()) {
        eprintln!("  e.g. {first}");
    }
}

/// One line for a reply (or message) not applied: where (the file, and the
/// line of its calendar text when there is one), the severity, the code,
/// why, and the address meant for an unknown one.
pub(crate) fn ignored_line(
    origin: impl std::fmt::Display,
    ignored: &roundtable::IgnoredReply,
) -> String {
    let place = match (ignored.line, ignored.in_message) {
        (Some(l), false) => format!(":{l}"),
        (Some(l), true) => format!(" (calendar part, line {l})"),
        (None, _) => String::new(),
    };
    let hint = ignored
        .suggestion
        .as_ref()
        .map_or(String::new(), |s| format!(" (did you mean {s}?)"));
    format!(
        "{origin}{place}: {} {}: {}{hint}\n",
        ignored.code.severity(),
        ignored.code,
        ignored.reason
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_become_ranges_on_characters() {
        let text = "{\n  \"tittel\": \"Møte\",\n}";
        let at = |line, column| roundtable::Position { line, column };
        assert_eq!(byte_range(text, at(2, 3)), Some(4..5));
        // A column inside "ø" falls back to the character's start.
        let o = text.find('ø').unwrap();
        assert_eq!(byte_range(text, at(2, (o - 2 + 2) as u64)), Some(o..o + 2));
        assert_eq!(byte_range(text, at(9, 1)), Some(text.len()..text.len()));
        assert_eq!(byte_range(text, at(0, 1)), None);
    }
}
