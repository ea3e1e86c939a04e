//! One import from its parts: the input split, the parts read side by
//! side, their rosters and problems joined in file order.

use std::io::Read;
use std::sync::{Arc, Mutex};

use super::decode::{mixed_problems, DecodeLines, DecodeReport};
use super::detect::Plan;
use super::problems::{ImportProblems, Why};
use super::reader::{csv_reader, read_header};
use super::rows::{check_room, expected_rows, read_rows, sized_roster, Context, Part};
use super::split::{find_split, Input, Split};
use super::{Failure, ImportMode, ImportOptions, RosterImport, TextEncoding};
use crate::codes::ProblemCode;

/// Below this size an import is not split: a thread costs more than it
/// saves.
pub(super) const PARALLEL_MIN_BYTES: u64 = 1 << 20;

/// The most parts an import is split into, however many cores: each part
/// below a few megabytes costs more in joining than it saves.
const MAX_PARTS: usize = 64;

/// Where to split the text after `skip` into `parts` parts of about equal
/// size: line starts outside quotes, each found by scanning on from the
/// one before, so the whole input is scanned once. Fewer when no safe
/// place is found (a quoted field spanning the rest, the end).
fn splits(
    input: Input<'_>,
    delimiter: u8,
    skip: u64,
    size: u64,
    parts: usize,
) -> std::result::Result<Vec<Split>, Failure> {
    let body = size.saturating_sub(skip);
    let mut out: Vec<Split> = Vec::with_capacity(parts.saturating_sub(1));
    let (mut from, mut lines) = (0u64, 0u64);
    for k in 1..parts as u64 {
        let target = body / parts as u64 * k;
        if target <= from {
            continue;
        }
        let scan = input.range(skip + from, None).map_err(Failure::Io)?;
        let Some(found) = find_split(scan, delimiter, target - from).map_err(Failure::Io)? else {
            break;
        };
        from += found.boundary;
        lines += found.lines_before;
        if from >= body {
            break;
        }
        out.push(Split {
            boundary: from,
            lines_before: lines,
        });
    }
    Ok(out)
}

/// The average length of a line in the first 64 KiB of `input` after
/// `skip`: the rows of a roster are alike, and the parts' buffers are sized
/// by it. 96 when those bytes hold too few lines to tell.
fn row_bytes(input: Input<'_>, skip: u64, size: u64) -> std::io::Result<u64> {
    let mut head = Vec::with_capacity(1 << 16);
    input
        .range(skip, Some((skip + (1 << 16)).min(size)))?
        .read_to_end(&mut head)?;
    let lines = memchr::memchr_iter(b'\n', &head).count();
    Ok(if lines >= 8 {
        (head.len() / lines) as u64
    } else {
        96
    })
}

/// Whether the file's rows end with a delimiter (an empty field past the
/// header's columns), judged from its first 64 KiB: when most of its rows
/// do, that empty field is the file's habit; when they do not, a row with
/// one is shifted (an unquoted delimiter inside a value), not trailing.
fn trailing_delimiters(input: Input<'_>, delimiter: u8, skip: u64, size: u64) -> bool {
    let mut head = Vec::with_capacity(1 << 16);
    let read = input
        .range(skip, Some((skip + (1 << 16)).min(size)))
        .and_then(|mut r| r.read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let cut = head.len() as u64 + skip < size;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(&head[..]);
    let mut records = reader.byte_records();
    let Some(Ok(header)) = records.next() else {
        return false;
    };
    let mut rows: Vec<bool> = records
        .map_while(|r| r.ok())
        .filter(|r| r.iter().any(|f| !f.is_empty()))
        .map(|r| r.len() > header.len() && r.iter().next_back().is_some_and(<[u8]>::is_empty))
        .collect();
    // The last row of a head cut short may be cut too.
    if cut {
        rows.pop();
    }
    let trailing = rows.iter().filter(|&&t| t).count();
    trailing * 2 > rows.len()
}

/// Imports `input`, from `skip` (a byte-order mark) on: as text already
/// known to be UTF-8 unless it proves otherwise, or, when the plan says
/// Windows-1252, decoded line by line as it is read ([`DecodeLines`]). A
/// large input is read in as many parts as there are threads, side by
/// side, split at line ends outside quotes (the same bytes in either
/// encoding); the parts are joined in file order, so the result is the
/// same for any number of threads.
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
    let skip = plan.skip as u64;
    let splits = if threads > 1 && size >= PARALLEL_MIN_BYTES {
        splits(input, plan.delimiter, skip, size, threads.min(MAX_PARTS))?
    } else {
        Vec::new()
    };
    // Part k runs from the boundary before it to the one after it.
    let start_of = |k: usize| {
        if k == 0 {
            skip
        } else {
            skip + splits[k - 1].boundary
        }
    };
    let end_of = |k: usize| splits.get(k).map(|s| skip + s.boundary);
    let decoding = plan.encoding == TextEncoding::Windows1252;
    let forced = options.encoding == Some(TextEncoding::Windows1252);
    let reports: Vec<Arc<Mutex<DecodeReport>>> =
        (0..=splits.len()).map(|_| Default::default()).collect();
    // Part k's bytes, decoded when they are not UTF-8.
    let open = |k: usize, lines_before: u64| -> std::result::Result<_, Failure> {
        let raw = input.range(start_of(k), end_of(k)).map_err(Failure::Io)?;
        Ok(if decoding {
            let decoder =
                DecodeLines::new(raw, forced, lines_before, start_of(k), reports[k].clone());
            Box::new(decoder) as Box<dyn Read + Send + '_>
        } else {
            raw
        })
    };
    let row_bytes = if size >= PARALLEL_MIN_BYTES {
        row_bytes(input, skip, size).map_err(Failure::Io)?
    } else {
        96
    };
    let mut reader = csv_reader(open(0, 0)?, plan, 0);
    let bytes_of = |k: usize| end_of(k).unwrap_or(size).saturating_sub(start_of(k));
    // The first part's duplicate hashes and lines have room for the whole
    // input's, so that the later parts append to them without moving them
    // (room not written costs no memory). Its people and text have room
    // for its own: each part's list and text stay where they were read.
    let first_rows = expected_rows(
        if splits.is_empty() {
            bytes_of(0)
        } else {
            size.saturating_sub(skip)
        },
        row_bytes,
    );
    check_room(size.saturating_sub(skip), first_rows)?;
    let mut roster = sized_roster(bytes_of(0), expected_rows(bytes_of(0), row_bytes));
    let explicit_utf8 = options.encoding == Some(TextEncoding::Utf8);
    let (columns, header_line) = read_header(&mut reader, plan, explicit_utf8, &mut roster)?;
    let stop = std::sync::atomic::AtomicBool::new(false);
    let ctx = Context {
        plan,
        trailing_delimiters: trailing_delimiters(input, plan.delimiter, skip, size),
        strict: options.mode == ImportMode::Strict,
        explicit_utf8,
        columns: &columns,
        stop: &stop,
        groups: splits.len() + 1,
        problem_limit: options.problems_per_code(),
    };

    let extra_names: Vec<String> = roster.extra_names().map(str::to_owned).collect();
    let mut later = Vec::with_capacity(splits.len());
    for (k, split) in splits.iter().enumerate() {
        let part = k + 1;
        let mut part_roster =
            sized_roster(bytes_of(part), expected_rows(bytes_of(part), row_bytes));
        // The same extra-name ids in every part, so that they append.
        for name in &extra_names {
            part_roster.extra_id(name);
        }
        let part_input = open(part, split.lines_before)?;
        later.push((part_input, part_roster, split.lines_before, bytes_of(part)));
    }
    // One part: no thread scope (it would start the thread machinery for
    // nothing).
    let (first, rest) = if later.is_empty() {
        (
            read_rows(&mut reader, &ctx, roster, first_rows, false),
            Vec::new(),
        )
    } else {
        std::thread::scope(|scope| {
            let ctx = &ctx;
            let workers: Vec<_> = later
                .into_iter()
                .map(|(part_input, part_roster, lines_before, bytes)| {
                    scope.spawn(move || {
                        let mut reader = csv_reader(part_input, plan, lines_before);
                        read_rows(
                            &mut reader,
                            ctx,
                            part_roster,
                            expected_rows(bytes, row_bytes),
                            true,
                        )
                    })
                })
                .collect();
            let first = read_rows(&mut reader, ctx, roster, first_rows, false);
            if first.is_err() {
                // The first part's failure is the first in the file: the others
                // need not go on. (A later part's failure cannot stop the parts
                // before it, which may hold an earlier one.)
                ctx.stop.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            let rest: Vec<_> = workers
                .into_iter()
                .map(|w| {
                    w.join().unwrap_or_else(|_| {
                        Err(Failure::Io(std::io::Error::other(
                            "an import thread failed",
                        )))
                    })
                })
                .collect();
            (first, rest)
        })
    };
    // Parts in file order: the first failure is the earliest in the file.
    let mut part = first?;
    let rest = rest
        .into_iter()
        .collect::<std::result::Result<Vec<Part>, Failure>>()?;
    for next in rest {
        let offset = part.roster.len() as u32;
        part.roster.append(next.roster);
        part.problems.append(next.problems);
        part.duplicates.extend(next.duplicates, offset);
        part.lines.extend(next.lines);
        part.rows_read += next.rows_read;
        for (code, n) in next.skipped {
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
        // Built in as many shares as threads, each in file order, and
        // merged into the problems of the rows (in file order too).
        // Only the first ones are written; the rest are counted.
        let (written, counted) = found.split_at(found.len().min(problems.limit()));
        let share = written.len().div_ceil(threads.max(1)).max(1 << 14);
        let limit = problems.limit();
        let built = crate::parallel::in_shares(written.chunks(share), |chunk| {
            duplicate_problems(&roster, &lines, chunk, limit)
        });
        problems = problems.merge_all_by_line(built);
        problems.count_unkept(ProblemCode::DuplicatePerson, counted.len());
    }
    let mut encoding = plan.encoding;
    if decoding {
        let reports = reports
            .iter()
            .map(|r| std::mem::take(&mut *r.lock().unwrap_or_else(|e| e.into_inner())));
        if let Some(mixed) =
            mixed_problems(reports, input, problems.limit()).map_err(Failure::Io)?
        {
            encoding = TextEncoding::Utf8;
            problems = problems.merge_by_line(mixed);
        }
    }
    if rows_read == 0 {
        let reason = problems.text("the file has a header and no rows: the roster is empty");
        problems.push_value(
            ProblemCode::NoRows,
            header_line,
            0,
            None,
            "",
            Why::Text(reason),
        );
    }
    Ok(RosterImport {
        roster,
        problems,
        encoding,
        delimiter: plan.delimiter,
        header: columns.header,
        rows_read,
        skipped: skipped.into_iter().collect(),
    })
}

/// The problems of the duplicates `found` (person, first person), in their
/// order.
fn duplicate_problems(
    roster: &crate::model::roster::Roster,
    lines: &[u32],
    found: &[(u32, u32)],
    limit: usize,
) -> ImportProblems {
    let mut problems = ImportProblems::with_limit(limit);
    problems.reserve(found.len());
    for &(index, first) in found {
        let (Some(p), Some(&line), Some(&first_line)) = (
            roster.get(index as usize),
            lines.get(index as usize),
            lines.get(first as usize),
        ) else {
            continue;
        };
        problems.push_entry(
            ProblemCode::DuplicatePerson,
            u64::from(line),
            0,
            None,
            Why::SamePersonAs(u64::from(first_line)),
            |value| {
                value.push_str(p.given_name());
                value.push(' ');
                value.push_str(p.family_name());
                value.push_str(", ");
                value.push_str(p.organisation());
            },
        );
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_input_splits_into_as_many_parts_at_line_starts_with_their_line_numbers() {
        let mut text = String::from("Fornavn;Etternavn\n");
        for i in 0..100_000 {
            // Quoted fields with line breaks inside, which no split may cut.
            if i % 1000 == 0 {
                text.push_str("\"Multi\nline\";X\n");
            } else {
                text.push_str(&format!("P{i};X\r\n"));
            }
        }
        let bytes = text.as_bytes();
        for parts in [2usize, 3, 8] {
            let Ok(found) = splits(Input::Memory(bytes), b';', 0, bytes.len() as u64, parts) else {
                panic!("the split failed");
            };
            assert_eq!(found.len(), parts - 1, "{parts} parts");
            let mut last = 0;
            for s in &found {
                assert!(s.boundary > last);
                last = s.boundary;
                let before = &bytes[..s.boundary as usize];
                assert_eq!(before.last(), Some(&b'\n'));
                // Not inside a quoted field: an even number of quotes before.
                assert_eq!(before.iter().filter(|&&b| b == b'"').count() % 2, 0);
                let lines = before.iter().filter(|&&b| b == b'\n').count() as u64;
                assert_eq!(s.lines_before, lines);
            }
        }
    }
}
