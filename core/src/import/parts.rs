//! One import from its parts: the input split, the parts read side by
//! side, their rosters and problems joined in file order.

use super::detect::Plan;
use super::rows::{csv_reader, read_header, read_rows, sized_roster, Context, Part};
use super::split::{find_split, Input};
use super::{Failure, ImportMode, ImportOptions, ImportProblem, RosterImport, TextEncoding};
use crate::codes::ProblemCode;

/// Below this size an import is not split: a thread costs more than it
/// saves.
pub(super) const PARALLEL_MIN_BYTES: u64 = 1 << 20;

/// Imports `input`, from `skip` (a byte-order mark) on, as text already
/// known to be UTF-8 unless it proves otherwise. A large input is read in
/// two parts side by side, split at a line end outside quotes.
pub(super) fn import_input(
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
            read_rows(
                &mut reader,
                &ctx,
                roster,
                (first_bytes / 96) as usize,
                false,
            ),
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
                    read_rows(
                        &mut reader,
                        ctx,
                        second_roster,
                        (second_bytes / 96) as usize,
                        true,
                    )
                });
                let first = read_rows(&mut reader, ctx, roster, (first_bytes / 96) as usize, false);
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
        for (code, n) in second.skipped {
            match part.skipped.iter_mut().find(|(c, _)| *c == code) {
                Some(entry) => entry.1 += n,
                None => part.skipped.push((code, n)),
            }
        }
    }
    let Part {
        mut roster,
        mut problems,
        duplicates,
        lines,
        rows_read,
        skipped,
    } = part;
    roster.shrink_to_fit();

    let found = roster.finish_duplicates(duplicates);
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
        skipped: skipped.into_iter().collect(),
    })
}
