//! Splitting an input into parts that are read side by side: where a
//! part may start (a line start outside quotes) and how its bytes are read.

use std::io::Read;
use std::path::Path;

use super::lines::line_breaks;
use super::Failure;

/// Where the bytes of an import come from, so that two parts of it can be
/// read side by side.
#[derive(Clone, Copy)]
pub(super) enum Input<'a> {
    File(&'a Path),
    Memory(&'a [u8]),
}

impl<'a> Input<'a> {
    /// The bytes from `start` to `end` (or the end of the input).
    pub(super) fn range(
        self,
        start: u64,
        end: Option<u64>,
    ) -> std::io::Result<Box<dyn Read + Send + 'a>> {
        match self {
            Input::File(path) => {
                let mut file = std::fs::File::open(path)?;
                std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(start))?;
                // Unbuffered: every reader of a range reads in large
                // blocks of its own (the csv reader's buffer above all),
                // and a buffer here would copy every byte once more.
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

    /// The bytes of a part: from `start` to its `end`.
    pub(super) fn part(
        self,
        start: u64,
        end: PartEnd,
    ) -> std::io::Result<Box<dyn Read + Send + 'a>> {
        let inner = self.range(start, None)?;
        Ok(match end {
            PartEnd::Input => inner,
            PartEnd::Split { sure, end } => Box::new(UntilSplit {
                inner,
                at: start,
                sure,
                end: u64::MAX,
                waiting: Some(end),
            }),
        })
    }
}

/// Where a part of an input ends.
pub(super) enum PartEnd {
    /// At the end of the input.
    Input,
    /// At the split after it, sent when it is found (`None`: there is none,
    /// the part reads to the end). It is at or after `sure`: the bytes up
    /// to there are the part's, found or not.
    Split {
        sure: u64,
        end: std::sync::mpsc::Receiver<Option<u64>>,
    },
}

/// The bytes of a part whose end is still being looked for: read up to
/// where they surely are the part's, and past it once the end is known.
struct UntilSplit<'a> {
    inner: Box<dyn Read + Send + 'a>,
    /// The input offset of the next byte.
    at: u64,
    sure: u64,
    /// The end, once known.
    end: u64,
    waiting: Option<std::sync::mpsc::Receiver<Option<u64>>>,
}

impl Read for UntilSplit<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.sure {
            if let Some(end) = self.waiting.take() {
                self.end = end
                    .recv()
                    .map_err(|_| std::io::Error::other("the search for a split ended without one"))?
                    .unwrap_or(u64::MAX);
            }
        }
        let limit = if self.waiting.is_some() {
            self.sure
        } else {
            self.end
        };
        let room =
            usize::try_from(limit.saturating_sub(self.at)).map_or(buf.len(), |r| r.min(buf.len()));
        if room == 0 {
            return Ok(0);
        }
        let n = self.inner.read(&mut buf[..room])?;
        self.at += n as u64;
        Ok(n)
    }
}

/// Where to split an input in two: a line start outside quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Split {
    /// The offset of the second part, from the start of the scanned input.
    pub(super) boundary: u64,
    /// Line ends before it.
    pub(super) lines_before: u64,
}

/// Where to split the text after `skip` into `parts` parts, of the sizes
/// [`part_target`] gives: line starts outside quotes, each found by scanning on from the
/// one before, so the whole input is scanned once, and each given to
/// `found` as soon as it is found. Fewer when no safe place is found (a
/// quoted field spanning the rest, the end). Split `k` is at or after
/// [`part_target`] `k`.
pub(super) fn splits(
    input: Input<'_>,
    delimiter: u8,
    skip: u64,
    size: u64,
    parts: usize,
    mut found: impl FnMut(Split) -> std::result::Result<(), Failure>,
) -> std::result::Result<(), Failure> {
    let (mut from, mut lines) = (0u64, 0u64);
    for k in 1..parts {
        let target = part_target(size.saturating_sub(skip), parts, k);
        if target <= from {
            continue;
        }
        let scan = input.range(skip + from, None).map_err(Failure::Io)?;
        let Some(split) = find_split(scan, delimiter, target - from).map_err(Failure::Io)? else {
            break;
        };
        from += split.boundary;
        lines += split.lines_before;
        if from >= size.saturating_sub(skip) {
            break;
        }
        found(Split {
            boundary: from,
            lines_before: lines,
        })?;
    }
    Ok(())
}

/// Where split `k` of `parts` is looked for in a text of `body` bytes: it
/// is the first safe place at or after this offset. Part `k` starts only
/// once the search has come to it, and the search is about twelve times
/// as fast as the import; each part is a little smaller than the one
/// before, so that they end together: part `k` from `body · (1 − q^k) /
/// (1 − q^parts)`, `q` = 11/12. (A few percent off when the file's rows
/// cost more or less: the parts end a little apart.)
pub(super) fn part_target(body: u64, parts: usize, k: usize) -> u64 {
    const Q: f64 = 11.0 / 12.0;
    let share = (1.0 - Q.powi(k as i32)) / (1.0 - Q.powi(parts as i32));
    ((body as f64 * share) as u64).min(body)
}

/// Finds the first line end outside quotes at or after `mid`, reading the
/// input up to there. Quotes are followed as RFC 4180 has them (a quote
/// opens a field only at its start; inside, a doubled quote is a quote);
/// any other use of quotes gives `None`, and the import is not split,
/// rather than risk splitting inside a field.
pub(super) fn find_split(
    input: impl Read,
    delimiter: u8,
    mid: u64,
) -> std::io::Result<Option<Split>> {
    // Chunks that stay in the cache between the search for quotes and the
    // count of line ends over them (a megabyte did not, on this machine:
    // the scan of half a million-row file took 16 ms, 13 ms in 64 KiB).
    find_split_in_chunks(input, delimiter, mid, 1 << 16)
}

pub(super) fn find_split_in_chunks(
    mut input: impl Read,
    delimiter: u8,
    mid: u64,
    chunk_size: usize,
) -> std::io::Result<Option<Split>> {
    let mut buf = vec![0u8; chunk_size.max(1)];
    // Line ends in the chunks scanned whole; a CR that ended the last one
    // is counted once the next shows whether it was lone.
    let mut counted = 0u64;
    let mut trailing_cr = false;
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
        if std::mem::take(&mut trailing_cr) && chunk[0] != b'\n' {
            counted += 1;
        }
        let found = |at: u64| {
            Some(Split {
                boundary: at,
                // A boundary follows a line end: a CR just before it is lone.
                lines_before: counted + line_breaks(&chunk[..(at - base) as usize]),
            })
        };
        if cr_pending {
            let at = if chunk[0] == b'\n' { base + 1 } else { base };
            return Ok(found(at));
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
                b'\n' => return Ok(found(base + p as u64 + 1)),
                _ => match chunk.get(p + 1) {
                    Some(b'\n') => return Ok(found(base + p as u64 + 2)),
                    Some(_) => return Ok(found(base + p as u64 + 1)),
                    None => {
                        cr_pending = true;
                        i = n;
                    }
                },
            }
        }
        prev = chunk[n - 1];
        trailing_cr = prev == b'\r';
        counted += line_breaks(&chunk[..n - usize::from(trailing_cr)]);
        base += n as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let mut found = Vec::new();
            let scanned = splits(
                Input::Memory(bytes),
                b';',
                0,
                bytes.len() as u64,
                parts,
                |s| {
                    found.push(s);
                    Ok(())
                },
            );
            assert!(scanned.is_ok(), "the split failed");
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
