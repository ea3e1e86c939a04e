//! Physical lines, by the one rule of the import (and of the line numbers
//! in its problems and errors): a line ends at LF, at CRLF (once, at its
//! LF) and at a lone CR. Asked of one byte ([`ends_line`]), counted over a
//! slice ([`line_breaks`], [`line_at`]), or noted as a stream passes
//! ([`LineCounter`], which gives the records of the csv reader their
//! physical lines).

use std::io::Read;

/// Whether the byte at `i` ends a line: an LF, or a CR not followed by an
/// LF (a CR at the very end is lone).
#[inline]
pub(super) fn ends_line(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    }
}

/// The line breaks in `bytes` ([`ends_line`] counted, by a search for
/// each kind of byte rather than a look at every byte).
pub(super) fn line_breaks(bytes: &[u8]) -> u64 {
    let lf = memchr::memchr_iter(b'\n', bytes).count();
    let lone_cr = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| ends_line(bytes, i))
        .count();
    (lf + lone_cr) as u64
}

/// The 1-based line on which byte `offset` of `text` stands; the LF of a
/// CRLF stands on the line it ends.
pub(super) fn line_at(text: &[u8], offset: usize) -> u64 {
    let head = &text[..offset.min(text.len())];
    let mut breaks = line_breaks(head);
    // A CR at the end of `head` was counted as lone; it is a CRLF's when
    // its LF is the byte at `offset`.
    if head.last() == Some(&b'\r') && text.get(head.len()) == Some(&b'\n') {
        breaks -= 1;
    }
    breaks + 1
}

/// Passes bytes through to the csv reader and notes where lines end, to
/// give each record its physical line: the csv reader's own count misses
/// lone CRs and is one off after CRLF.
pub(super) struct LineCounter<R> {
    pub(super) inner: R,
    /// Offsets of line ends read but not yet passed by a record, in order;
    /// `CRLF` marks the LF of a CRLF pair (which ends the line, its CR does
    /// not).
    pub(super) ends: std::collections::VecDeque<u64>,
    /// The offset of the next byte to read.
    pub(super) offset: u64,
    /// The last byte read was a CR, not yet known to be lone.
    pub(super) pending_cr: bool,
    /// Line ends passed.
    pub(super) lines: u64,
}

pub(super) const CRLF: u64 = 1 << 63;

impl<R> LineCounter<R> {
    pub(super) fn new(inner: R) -> Self {
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
    pub(super) fn line_at(&mut self, byte: u64) -> u64 {
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

    /// The 1-based line where the record the csv reader placed at `byte`
    /// really starts: the csv reader places a record after blank lines at
    /// the first of them (it skips them), so those are counted here.
    pub(super) fn record_line(&mut self, byte: u64) -> u64 {
        let mut at = byte;
        while let Some(&end) = self.ends.front() {
            let p = end & !CRLF;
            if p < byte || (p == byte && end & CRLF != 0) {
                self.lines += 1;
                self.ends.pop_front();
                if p == byte {
                    at = byte + 1;
                }
            } else {
                break;
            }
        }
        // Each empty line from `at` on: its end is right there (a CRLF's LF
        // one byte later).
        while let Some(&end) = self.ends.front() {
            let p = end & !CRLF;
            let blank = if end & CRLF != 0 {
                p == at + 1
            } else {
                p == at
            };
            if !blank {
                break;
            }
            self.lines += 1;
            self.ends.pop_front();
            at = p + 1;
        }
        self.lines + 1
    }

    pub(super) fn note(&mut self, chunk: &[u8]) {
        if chunk.is_empty() {
            return;
        }
        let base = self.offset;
        // A CR at the end of the last chunk: CRLF or lone, as this one starts.
        let cr_before = std::mem::take(&mut self.pending_cr);
        if cr_before && chunk[0] != b'\n' {
            self.ends.push_back(base - 1);
        }
        // Most files end lines with LF or CRLF only: their line ends are
        // the LFs, found alone (a search for both stops twice a line in a
        // CRLF file), when every CR is one of a CRLF.
        let crs = memchr::memchr_iter(b'\r', chunk).count();
        let mark = self.ends.len();
        let mut pairs = 0;
        for at in memchr::memchr_iter(b'\n', chunk) {
            let crlf = if at == 0 {
                cr_before
            } else {
                chunk[at - 1] == b'\r'
            };
            pairs += usize::from(crlf && at > 0);
            self.ends
                .push_back((base + at as u64) | if crlf { CRLF } else { 0 });
        }
        let last_cr = chunk.last() == Some(&b'\r');
        if crs == pairs + usize::from(last_cr) {
            self.pending_cr = last_cr;
            self.offset += chunk.len() as u64;
            return;
        }
        // A lone CR: both, in order.
        self.ends.truncate(mark);
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
    pub(super) fn flush(&mut self) {
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

/// Reads one byte at a time, to put every line end at a chunk edge: for
/// the tests of the readers of this module and of `decode`.
#[cfg(test)]
pub(super) struct Trickle<'a>(pub(super) &'a [u8]);

#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The line ends noted chunk by chunk, whatever the chunks: each LF
        /// (marked when a CR is before it) and each CR with no LF after it.
        #[test]
        fn line_ends_are_noted_whatever_the_chunks(
            text in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(b'a'),
                    proptest::strategy::Just(b'\n'),
                    proptest::strategy::Just(b'\r'),
                ],
                0..200,
            ),
            cuts in proptest::collection::vec(0usize..200, 0..6),
        ) {
            let mut want = Vec::new();
            for (at, &b) in text.iter().enumerate() {
                let at64 = at as u64;
                match b {
                    b'\n' if at > 0 && text[at - 1] == b'\r' => want.push(at64 | CRLF),
                    b'\n' => want.push(at64),
                    b'\r' if text.get(at + 1) != Some(&b'\n') => want.push(at64),
                    _ => {}
                }
            }
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).collect();
            cuts.push(0);
            cuts.push(text.len());
            cuts.sort_unstable();
            let mut counter = LineCounter::new(Trickle(&[]));
            for pair in cuts.windows(2) {
                counter.note(&text[pair[0]..pair[1]]);
            }
            counter.flush();
            let noted: Vec<u64> = counter.ends.into_iter().collect();
            proptest::prop_assert_eq!(&noted, &want);
            // The count over a slice and the stream agree, and so do the
            // byte's rule and the line a byte stands on.
            proptest::prop_assert_eq!(line_breaks(&text), want.len() as u64);
            let by_byte = (0..text.len()).filter(|&i| ends_line(&text, i)).count();
            proptest::prop_assert_eq!(by_byte, want.len());
            for offset in 0..=text.len() {
                let ended = want.iter().filter(|&&end| (end & !CRLF) < offset as u64).count();
                proptest::prop_assert_eq!(line_at(&text, offset), ended as u64 + 1);
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
}
