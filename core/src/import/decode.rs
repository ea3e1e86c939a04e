//! Windows-1252 decoded as it is read, line by line, so that a file in it
//! is imported as a stream, in parts side by side, like a UTF-8 file.
//!
//! A line that is UTF-8 is passed through and any other decoded from
//! Windows-1252: a Windows-1252 file comes out as it would decoded whole
//! (its UTF-8-valid lines are ASCII but for a rare look-alike), and a UTF-8
//! file with a line pasted from an old export keeps its UTF-8. Which of the
//! two a file was is known only at its end, from every part's report.

use std::io::{BufRead, BufReader, Read};
use std::sync::{Arc, Mutex};

use super::problems::{ImportProblems, Why};
use super::split::Input;
use crate::codes::ProblemCode;

/// What the decoding of one part met.
#[derive(Debug, Default, Clone)]
pub(super) struct DecodeReport {
    /// A line that is UTF-8 beyond ASCII: the file is UTF-8 with odd lines.
    pub(super) utf8_beyond_ascii: bool,
    /// The first line that is not UTF-8: its 1-based line and where it
    /// starts in the input. The others are found again from it when the
    /// file turns out to be UTF-8 with odd lines; a Windows-1252 file, where
    /// most lines are odd, keeps no list of them.
    pub(super) first_odd: Option<(u64, u64)>,
}

/// Whether a line is not UTF-8 (`Some(true)`), UTF-8 beyond ASCII
/// (`Some(false)`) or ASCII (`None`).
fn is_odd(line: &[u8]) -> Option<bool> {
    let high = first_beyond_ascii(line)?;
    Some(utf8_from(line, high).is_none())
}

/// `line` as text when it is UTF-8, its first byte beyond ASCII at `high`.
/// A Windows-1252 line is most often not at that very byte: a letter
/// (æ, ø, å: E6, F8, E5) leads no character, or leads one and is followed
/// by ASCII. Only a line that passes that look is validated whole.
fn utf8_from(line: &[u8], high: usize) -> Option<&str> {
    let may_start = match line.get(high..).unwrap_or_default() {
        [lead, next, ..] => (0xC2..=0xF4).contains(lead) && (0x80..=0xBF).contains(next),
        [lead] => (0xC2..=0xF4).contains(lead),
        [] => true,
    };
    may_start.then(|| simdutf8::basic::from_utf8(line).ok())?
}

/// A reader of UTF-8 over a reader of Windows-1252 (or of UTF-8 with some
/// Windows-1252 lines).
pub(super) struct DecodeLines<R> {
    inner: R,
    /// Every line decoded as Windows-1252, UTF-8 or not (the encoding was
    /// given).
    force: bool,
    /// Bytes read (up to `filled`) and not yet decoded: the start of a
    /// line.
    raw: Vec<u8>,
    /// How much of `raw` holds bytes read.
    filled: usize,
    /// Decoded text not yet handed out, from `out_at`.
    out: String,
    out_at: usize,
    /// The line and input offset of the first byte of `raw`.
    line: u64,
    offset: u64,
    eof: bool,
    local: DecodeReport,
    report: Arc<Mutex<DecodeReport>>,
}

const CHUNK: usize = 1 << 16;

impl<R: Read> DecodeLines<R> {
    /// Decodes `inner`, whose first line is line `lines_before + 1` and
    /// starts at input offset `offset`; what it meets is written to
    /// `report` as it goes.
    pub(super) fn new(
        inner: R,
        force: bool,
        lines_before: u64,
        offset: u64,
        report: Arc<Mutex<DecodeReport>>,
    ) -> Self {
        DecodeLines {
            inner,
            force,
            raw: Vec::new(),
            filled: 0,
            out: String::with_capacity(CHUNK + CHUNK / 2),
            out_at: 0,
            line: lines_before + 1,
            offset,
            eof: false,
            local: DecodeReport::default(),
            report,
        }
    }

    /// Decodes whole lines (the last one may lack its end at the end of the
    /// input). Each line beyond ASCII is judged on its own: a UTF-8 one
    /// passes through; the others, with the ASCII lines around them (which
    /// read the same in either encoding), are decoded together, in one
    /// call for all the lines between two UTF-8 ones (when the encoding was
    /// given, the whole block at once).
    fn decode_lines(&mut self, block: &[u8]) {
        if self.force {
            self.decode_1252(block);
            self.line += memchr::memchr_iter(b'\n', block).count() as u64;
            self.offset += block.len() as u64;
            return;
        }
        // Where the bytes not yet written out start.
        let mut pending = 0;
        let mut at = 0;
        while at < block.len() {
            let end = memchr::memchr(b'\n', &block[at..]).map_or(block.len(), |end| at + end + 1);
            let line = &block[at..end];
            if let Some(high) = first_beyond_ascii(line) {
                match utf8_from(line, high) {
                    Some(text) => {
                        self.local.utf8_beyond_ascii = true;
                        self.decode_1252(&block[pending..at]);
                        self.out.push_str(text);
                        pending = end;
                    }
                    None if self.local.first_odd.is_none() => {
                        self.local.first_odd = Some((self.line, self.offset));
                    }
                    None => {}
                }
            }
            self.line += 1;
            self.offset += line.len() as u64;
            at = end;
        }
        self.decode_1252(&block[pending..]);
    }

    /// Appends `bytes` decoded from Windows-1252.
    fn decode_1252(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let mut decoder = encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling();
        let mut rest = bytes;
        while !rest.is_empty() {
            // Room for every byte as three; the decoder writes into the
            // spare room itself.
            let room = decoder
                .max_utf8_buffer_length_without_replacement(rest.len())
                .unwrap_or(rest.len() * 3);
            self.out.reserve(room);
            let (result, read) =
                decoder.decode_to_string_without_replacement(rest, &mut self.out, true);
            rest = &rest[read..];
            if let encoding_rs::DecoderResult::Malformed(..) = result {
                // Windows-1252 gives every byte a character; kept total
                // all the same, as the replacement character.
                self.out.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }

    /// Decodes the next lines into `out`; false at the end of the input.
    fn refill(&mut self) -> std::io::Result<bool> {
        self.out.clear();
        self.out_at = 0;
        while self.out.is_empty() {
            if self.eof {
                return Ok(false);
            }
            let had = self.filled;
            // Room for a chunk after the bytes kept: made (and zeroed) once,
            // and again only for a line longer than a chunk.
            if self.raw.len() < had + CHUNK {
                self.raw.resize(had + CHUNK, 0);
            }
            let n = loop {
                match self.inner.read(&mut self.raw[had..]) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            let n = n?;
            self.filled = had + n;
            self.eof = n == 0;
            let raw = std::mem::take(&mut self.raw);
            // Whole lines now; the last, unfinished one waits for its end
            // (or for the end of the input).
            let done = if self.eof {
                self.filled
            } else {
                memchr::memrchr(b'\n', &raw[had..self.filled]).map_or(0, |at| had + at + 1)
            };
            self.decode_lines(&raw[..done]);
            self.raw = raw;
            self.raw.copy_within(done..self.filled, 0);
            self.filled -= done;
            let mut shared = self.report.lock().unwrap_or_else(|e| e.into_inner());
            shared.utf8_beyond_ascii |= self.local.utf8_beyond_ascii;
            shared.first_odd = shared.first_odd.or(self.local.first_odd);
        }
        Ok(true)
    }
}

impl<R: Read> Read for DecodeLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.out_at == self.out.len() && !self.refill()? {
            return Ok(0);
        }
        let n = buf.len().min(self.out.len() - self.out_at);
        buf[..n].copy_from_slice(&self.out.as_bytes()[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

/// Where the first byte beyond ASCII is, eight bytes at a time.
fn first_beyond_ascii(bytes: &[u8]) -> Option<usize> {
    use crate::swar::{words, HIGH};
    // The tail's padding lanes are zero, which is ASCII.
    words(bytes).enumerate().find_map(|(i, (word, _))| {
        let high = word & HIGH;
        (high != 0).then(|| i * 8 + high.trailing_zeros() as usize / 8)
    })
}

/// Decodes all of `bytes` as [`DecodeLines`] does, for the rare import that
/// needs the whole text in memory (an unclosed quote to repair).
pub(super) fn decode_whole(bytes: &[u8], force: bool) -> (String, DecodeReport) {
    let report = Arc::new(Mutex::new(DecodeReport::default()));
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    // Reading a slice cannot fail, and the decoder writes only UTF-8.
    let _ = DecodeLines::new(bytes, force, 0, 0, report.clone()).read_to_string(&mut text);
    let report = report.lock().map(|r| r.clone()).unwrap_or_default();
    (text, report)
}

/// The problems of a UTF-8 file's lines of Windows-1252 (pasted from an old
/// export), from the reports of its parts (in file order): the lines from
/// the first odd one on read again from `input`, in one pass, each judged
/// as the decoder judged it. `None` when the file is not such a file:
/// Windows-1252 throughout, or given as Windows-1252 (whose decoder reports
/// no line). Keeps the first `limit` and counts the rest.
pub(super) fn mixed_problems(
    reports: impl IntoIterator<Item = DecodeReport>,
    input: Input<'_>,
    limit: usize,
) -> std::io::Result<Option<ImportProblems>> {
    let mut utf8_beyond_ascii = false;
    let mut first_odd = None;
    for report in reports {
        utf8_beyond_ascii |= report.utf8_beyond_ascii;
        first_odd = first_odd.or(report.first_odd);
    }
    let Some((mut number, first)) = first_odd.filter(|_| utf8_beyond_ascii) else {
        return Ok(None);
    };
    let mut reader = BufReader::new(input.range(first, None)?);
    let mut problems = ImportProblems::with_limit(limit);
    let reason = Why::Text(
        problems.text("the line is not UTF-8 like the rest of the file: read as Windows-1252"),
    );
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if is_odd(&line) == Some(true) && !problems.keeps(ProblemCode::MixedEncoding) {
            problems.count_unkept(ProblemCode::MixedEncoding, 1);
        } else if is_odd(&line) == Some(true) {
            let text = encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&line)
                .0;
            problems.push_value(
                ProblemCode::MixedEncoding,
                number,
                0,
                None,
                &crate::error::shorten(text.trim_end_matches(['\r', '\n'])),
                reason,
            );
        }
        number += 1;
    }
    Ok(Some(problems))
}

#[cfg(test)]
mod tests {
    use super::super::lines::Trickle;
    use super::*;
    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn the_first_byte_beyond_ascii_is_found(bytes in proptest::collection::vec(0u8..0x81, 0..40)) {
            proptest::prop_assert_eq!(
                first_beyond_ascii(&bytes),
                bytes.iter().position(|b| !b.is_ascii())
            );
        }
    }

    proptest::proptest! {
        /// The look at a line's first byte beyond ASCII only ever spares
        /// the validator a line that is not UTF-8.
        #[test]
        fn a_line_is_judged_as_the_validator_judges_it(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("a".as_bytes().to_vec()),
                    proptest::strategy::Just("æ".as_bytes().to_vec()),
                    proptest::strategy::Just("€".as_bytes().to_vec()),
                    proptest::strategy::Just("😀".as_bytes().to_vec()),
                    (0x80u8..=0xFF).prop_map(|b| vec![b]),
                ],
                0..12,
            )
        ) {
            let line: Vec<u8> = pieces.concat();
            let want = first_beyond_ascii(&line).map(|_| std::str::from_utf8(&line).is_err());
            proptest::prop_assert_eq!(is_odd(&line), want);
        }
    }

    /// The lines [`mixed_problems`] reports.
    fn odd_lines(report: DecodeReport, bytes: &[u8]) -> Vec<u64> {
        mixed_problems([report], Input::Memory(bytes), usize::MAX)
            .unwrap()
            .map(|problems| problems.iter().map(|p| p.line()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_windows_1252_file_keeps_no_list_of_its_lines() {
        let text: String = (0..10_000).map(|i| format!("Bjørn{i};Ærlig\r\n")).collect();
        let bytes = encoding_rs::WINDOWS_1252.encode(&text).0;
        let (text, report) = decode_whole(&bytes, false);
        assert!(text.starts_with("Bjørn0;Ærlig\r\n"));
        assert!(!report.utf8_beyond_ascii);
        assert_eq!(report.first_odd, Some((1, 0)));
        assert_eq!(
            mixed_problems([report], Input::Memory(&bytes), usize::MAX).unwrap(),
            None
        );
    }

    #[test]
    fn a_line_is_utf8_only_when_all_of_it_is() {
        // Its first character is UTF-8 (Å), a later byte is not (æ): the
        // whole line is Windows-1252. Between UTF-8 lines, the ASCII and
        // Windows-1252 lines decoded together.
        let bytes = b"\xc3\x85s\xe6\nplain\n\xc3\x98y\nx\xf8\nmore\n\xe6";
        let (text, report) = decode_whole(bytes, false);
        assert_eq!(text, "Ã…sæ\nplain\nØy\nxø\nmore\næ");
        assert!(report.utf8_beyond_ascii);
        assert_eq!(report.first_odd, Some((1, 0)));
        assert_eq!(odd_lines(report, bytes), [1, 4, 6]);
    }

    #[test]
    fn lines_are_decoded_each_in_its_own_encoding_whatever_the_reads() {
        let mut bytes = "Åse;Ærlig\r\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"Kj\xe6rsti;Bj\xf8rnstad\r\nplain\n\x80 \x85");
        let want = "Åse;Ærlig\r\nKjærsti;Bjørnstad\r\nplain\n€ …";
        let (text, report) = decode_whole(&bytes, false);
        assert_eq!(text, want);
        assert!(report.utf8_beyond_ascii);
        assert_eq!(report.first_odd, Some((2, 13)));
        assert_eq!(odd_lines(report, &bytes), [2, 4]);
        let report = Arc::new(Mutex::new(DecodeReport::default()));
        let mut trickled = String::new();
        DecodeLines::new(Trickle(&bytes), false, 10, 100, report.clone())
            .read_to_string(&mut trickled)
            .unwrap();
        assert_eq!(trickled, want);
        assert_eq!(report.lock().unwrap().first_odd, Some((12, 113)));
        // Given as Windows-1252: the UTF-8 line is read as Windows-1252 too.
        let (forced, _) = decode_whole(&bytes, true);
        assert!(forced.starts_with("Ã…se;Ã†rlig\r\n"));
        assert_eq!(
            forced,
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&bytes)
                .0
        );
    }
}
