//! One import from its parts: the input split, the parts read side by
//! side, their rosters and problems joined in file order.

use std::io::Read;
use std::sync::mpsc::SyncSender;
use std::sync::{Arc, Mutex};

use super::decode::{mixed_problems, DecodeLines, DecodeReport};
use super::detect::Plan;
use super::problems::{ImportProblems, Why};
use super::reader::{csv_reader, read_header};
use super::rows::{check_room, expected_rows, read_rows, sized_roster, Context, Part};
use super::split::{part_target, splits, Input, PartEnd};
use super::{Failure, ImportMode, ImportOptions, RosterImport, TextEncoding};
use crate::codes::ProblemCode;
use crate::error::ErrorKind;

/// Below this size an import is not split: a thread costs more than it
/// saves.
pub(super) const PARALLEL_MIN_BYTES: u64 = 1 << 20;

/// The most parts an import is split into, however many cores: each part
/// below a few megabytes costs more in joining than it saves.
const MAX_PARTS: usize = 64;

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
    let body = size.saturating_sub(skip);
    // The parts planned. The splits between them are looked for on a
    // thread of their own while the first part is read, and each part
    // starts as soon as its start is found: a scan of half a million-row
    // file before any reading was a twelfth of an import on two threads.
    let parts = if threads > 1 && size >= PARALLEL_MIN_BYTES {
        threads.min(MAX_PARTS)
    } else {
        1
    };
    // The size of a part, to size its lists by.
    let share = body / parts as u64;
    let decoding = plan.encoding == TextEncoding::Windows1252;
    let forced = options.encoding == Some(TextEncoding::Windows1252);
    let reports: Vec<Arc<Mutex<DecodeReport>>> = (0..parts).map(|_| Default::default()).collect();
    // Part k's bytes from `start`, decoded when they are not UTF-8.
    let open = |k: usize,
                start: u64,
                lines_before: u64,
                end: PartEnd|
     -> std::result::Result<Box<dyn Read + Send + '_>, Failure> {
        let raw = input.part(start, end).map_err(Failure::Io)?;
        Ok(if decoding {
            let decoder = DecodeLines::new(raw, forced, lines_before, start, reports[k].clone());
            Box::new(decoder) as Box<dyn Read + Send + '_>
        } else {
            raw
        })
    };
    // The end of the part started last, once the next split is found (or
    // none is).
    let mut first_end = None;
    let end_of = |k: usize, pending: &mut Option<SyncSender<Option<u64>>>| {
        if k + 1 < parts {
            let (send, end) = std::sync::mpsc::sync_channel(1);
            *pending = Some(send);
            PartEnd::Split {
                sure: skip + part_target(body, parts, k + 1),
                end,
            }
        } else {
            PartEnd::Input
        }
    };
    let row_bytes = if size >= PARALLEL_MIN_BYTES {
        row_bytes(input, skip, size).map_err(Failure::Io)?
    } else {
        96
    };
    let mut reader = csv_reader(open(0, skip, 0, end_of(0, &mut first_end))?, plan, 0);
    // The first part's duplicate hashes and lines have room for the whole
    // input's, so that the later parts append to them without moving them
    // (room not written costs no memory). Its people and text have room
    // for its own: each part's list and text stay where they were read.
    let first_rows = expected_rows(body, row_bytes);
    check_room(body, first_rows)?;
    let mut roster = sized_roster(share, expected_rows(share, row_bytes));
    let explicit_utf8 = options.encoding == Some(TextEncoding::Utf8);
    let stop = std::sync::atomic::AtomicBool::new(false);
    // The splits are looked for from before the header is read: the first
    // part's reader may need its end to read a long header.
    let read = std::thread::scope(|outer| {
        let (split_found, splits_found) = std::sync::mpsc::channel();
        if parts > 1 {
            // The search: each split sent to the part before (its end) and
            // to the starter of the parts below.
            outer.spawn(move || {
                let mut pending = first_end;
                let mut started = 1;
                let scanned = splits(input, plan.delimiter, skip, size, parts, |split| {
                    if let Some(send) = pending.take() {
                        // The part before may have stopped: nobody to tell.
                        let _ = send.send(Some(skip + split.boundary));
                    }
                    let end = end_of(started, &mut pending);
                    started += 1;
                    split_found
                        .send(Ok((split, end)))
                        .map_err(|_| Failure::Io(std::io::Error::other("nobody reads the parts")))
                });
                if let Err(failure) = scanned {
                    // The starter stops at it; it may have stopped already.
                    let _ = split_found.send(Err(failure));
                }
                // The part started last reads to the end.
                if let Some(send) = pending.take() {
                    let _ = send.send(None);
                }
            });
        }
        let (columns, header_line) = read_header(&mut reader, plan, explicit_utf8, &mut roster)?;
        let ctx = Context {
            plan,
            trailing_delimiters: trailing_delimiters(input, plan.delimiter, skip, size),
            strict: options.mode == ImportMode::Strict,
            explicit_utf8,
            columns: &columns,
            stop: &stop,
            groups: parts,
            problem_limit: options.problems_per_code(),
        };
        if parts == 1 {
            // No more threads: the machinery would cost more than a small
            // import.
            let first = read_rows(&mut reader, &ctx, roster, first_rows, false);
            return Ok(((first, Vec::new()), header_line, columns));
        }
        let extra_names: Vec<String> = roster.extra_names().map(str::to_owned).collect();
        let read = std::thread::scope(|inner| {
            let (ctx, open, extra_names) = (&ctx, &open, &extra_names);
            // Each part started as soon as its start is found.
            let starter = inner.spawn(move || {
                let mut workers = Vec::new();
                for found in splits_found {
                    let (split, end) = found?;
                    let k = workers.len() + 1;
                    let part_input = open(k, skip + split.boundary, split.lines_before, end)?;
                    let mut part_roster = sized_roster(share, expected_rows(share, row_bytes));
                    // The same extra-name ids in every part, so that they
                    // append.
                    for name in extra_names {
                        part_roster.extra_id(name);
                    }
                    workers.push(inner.spawn(move || {
                        let mut reader = csv_reader(part_input, plan, split.lines_before);
                        read_rows(
                            &mut reader,
                            ctx,
                            part_roster,
                            expected_rows(share, row_bytes),
                            true,
                        )
                    }));
                }
                Ok(workers)
            });
            let first = read_rows(&mut reader, ctx, roster, first_rows, false);
            if first.is_err() {
                // The first part's failure is the first in the file: the others
                // need not go on. (A later part's failure cannot stop the parts
                // before it, which may hold an earlier one.)
                ctx.stop.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            let thread_failed = || Failure::Io(std::io::Error::other("an import thread failed"));
            // The search's failure comes before the first part's, which it
            // caused (its end never came).
            let workers = starter.join().unwrap_or_else(|_| Err(thread_failed()))?;
            let rest: Vec<_> = workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|_| Err(thread_failed())))
                .collect();
            Ok::<_, Failure>((first, rest))
        })?;
        Ok::<_, Failure>((read, header_line, columns))
    });
    let ((first, rest), header_line, columns) = match read {
        // The header is not in the first part: blank lines before it,
        // longer than a part. Read whole, as one part.
        Err(Failure::Error(e)) if parts > 1 && matches!(e.kind(), ErrorKind::EmptyInput) => {
            return import_input(input, plan, &options.with_threads(1), size);
        }
        read => read?,
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
