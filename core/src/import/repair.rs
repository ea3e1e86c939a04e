//! An unclosed quote: the error of a strict import, and in a lenient one
//! the repair (each field that swallowed rows read as a quote in its value,
//! the rows after it kept), reported as a problem per field.

use super::detect::Plan;
use super::parts::import_input;
use super::problems::{self, ImportProblems};
use super::result::RosterImport;
use super::split::Input;
use super::{lines, rows, Failure, ImportOptions};
use crate::error::{Error, ErrorKind, Result};

/// Imports `text` with its unclosed quotes repaired (each field that
/// swallowed rows read as a quote in its value, the rows after it kept),
/// and reports each repair.
pub(super) fn import_repaired(
    text: &str,
    width: usize,
    plan: Plan,
    options: &ImportOptions,
) -> Result<RosterImport> {
    let (repaired, fields) = repair_quotes(text, plan.delimiter, width);
    let plan = Plan {
        repaired: true,
        ..plan
    };
    let mut import = match import_input(
        Input::Memory(repaired.as_bytes()),
        plan,
        options,
        repaired.len() as u64,
    ) {
        Ok(import) => import,
        Err(Failure::Error(e)) => return Err(e),
        Err(_) => return Err(unclosed_quote_error(fields.first().map_or(1, |f| f.0))),
    };
    let mut repairs = ImportProblems::with_limit(import.problems.limit());
    let reason = problems::Why::Text(repairs.text("a quote opens this field and is never closed where it should be: read as a quote in the value, and the rows after it kept"));
    for (line, value) in fields {
        repairs.push_value(
            crate::codes::ProblemCode::UnclosedQuote,
            line,
            0,
            None,
            &crate::error::shorten(&value),
            reason,
        );
    }
    import.problems = import.problems.merge_by_line(repairs);
    Ok(import)
}

/// The error of a strict import at an unclosed quote.
pub(super) fn unclosed_quote_error(line: u64) -> Error {
    Error::new(ErrorKind::Csv {
        line,
        column: 0,
        column_name: None,
        value: None,
        code: crate::codes::ProblemCode::UnclosedQuote,
        reason: "a quote opens a field on this line and is never closed: every row after it would be read as that field".to_owned(),
    })
}

/// Finds the quoted fields that swallow whole rows (see the row reader's
/// `swallowed_rows`) and writes each as a value that starts with a quote:
/// the rest of its own line, quoted, with its quotes doubled. Gives the
/// repaired text and each such field's line and raw text.
fn repair_quotes(text: &str, delimiter: u8, width: usize) -> (String, Vec<(u64, String)>) {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut fields = Vec::new();
    let (mut i, mut copied, mut line) = (0usize, 0usize, 1u64);
    let mut field_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        if field_start && b == b'"' {
            // Where this quoted field would end by RFC 4180.
            let mut j = i + 1;
            while j < bytes.len() {
                if bytes[j] == b'"' {
                    if bytes.get(j + 1) == Some(&b'"') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            let content = &text[i + 1..j.min(bytes.len())];
            // The row reader's rule, on the field's raw text (quotes still
            // doubled, which does not change its lines or delimiters).
            if rows::swallowed_rows(content, delimiter, width) {
                let end = bytes[i..]
                    .iter()
                    .position(|&c| c == delimiter || c == b'\n' || c == b'\r')
                    .map_or(bytes.len(), |k| i + k);
                let raw = &text[i..end];
                out.push_str(&text[copied..i]);
                out.push('"');
                out.push_str(&raw.replace('"', "\"\""));
                out.push('"');
                fields.push((line, raw.to_owned()));
                copied = end;
                i = end;
                field_start = false;
                continue;
            }
            // A well-formed quoted field: skip it whole, counting its lines.
            line += lines::line_breaks(content.as_bytes());
            i = (j + 1).min(bytes.len());
            field_start = false;
            continue;
        }
        if lines::ends_line(bytes, i) {
            line += 1;
        }
        field_start = b == b'\n' || b == b'\r' || b == delimiter;
        i += 1;
    }
    out.push_str(&text[copied..]);
    (out, fields)
}
