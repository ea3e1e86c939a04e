//! The encoding and the delimiter of an input, found from its bytes; the
//! whole input decoded when it is not UTF-8 to be streamed.

use super::{ImportOptions, TextEncoding};
use crate::error::{Error, ErrorKind, Result};

/// Finds the encoding and strips a byte-order mark.
pub(super) fn detect<'a>(
    bytes: &'a [u8],
    options: &ImportOptions,
) -> Result<(TextEncoding, &'a [u8])> {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    let bom = if bytes.starts_with(UTF8_BOM) {
        Some((TextEncoding::Utf8, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((TextEncoding::Utf16Le, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((TextEncoding::Utf16Be, 2))
    } else {
        None
    };
    match (options.encoding, bom) {
        (Some(explicit), Some((found, len))) if explicit == found => Ok((explicit, &bytes[len..])),
        (Some(explicit), _) => Ok((explicit, bytes)),
        (None, Some((found, len))) => Ok((found, &bytes[len..])),
        (None, None) => {
            check_not_binary(bytes)?;
            if std::str::from_utf8(bytes).is_ok() {
                Ok((TextEncoding::Utf8, bytes))
            } else {
                Ok((TextEncoding::Windows1252, bytes))
            }
        }
    }
}

/// Refuses input that is not text, judged from its first 8 KiB: a NUL byte
/// there, unless those bytes are UTF-8 text with NULs as rare as a value
/// holding one (which the export writes as it is, and which must come
/// back). A picture, a spreadsheet or UTF-16 without a byte-order mark
/// (a NUL in every other byte) is binary.
pub(super) fn check_not_binary(bytes: &[u8]) -> Result<()> {
    let head = &bytes[..bytes.len().min(1 << 13)];
    let Some(at) = memchr_nul(head) else {
        return Ok(());
    };
    let nuls = memchr::memchr_iter(0, head).count();
    let text = match std::str::from_utf8(head) {
        Ok(_) => true,
        // The head may end inside a character.
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
    };
    if text && nuls * 10 <= head.len() {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::BinaryInput { byte: at as u64 }))
    }
}

pub(super) fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// How to read a stream: what a look at its first bytes decided.
#[derive(Clone, Copy)]
pub(super) struct Plan {
    pub(super) encoding: TextEncoding,
    pub(super) delimiter: u8,
    /// Bytes of byte-order mark to skip.
    pub(super) skip: usize,
    /// The text has had its unclosed quotes repaired: not looked for again.
    pub(super) repaired: bool,
}

/// Whether a file can be imported as a stream (UTF-8, or Windows-1252 when
/// the options say so or its head is not UTF-8), judged from its head;
/// `None` sends it to the in-memory path (UTF-16, CR-only line ends, binary
/// or empty files).
pub(super) fn stream_plan(head: &[u8], options: &ImportOptions) -> Option<Plan> {
    let (encoding, utf16_bom) = match options.encoding {
        None | Some(TextEncoding::Utf8) => (
            TextEncoding::Utf8,
            head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF"),
        ),
        // Given as Windows-1252: every byte is a character, marks too.
        Some(TextEncoding::Windows1252) => (TextEncoding::Windows1252, false),
        Some(TextEncoding::Utf16Le | TextEncoding::Utf16Be) => return None,
    };
    let skip = if encoding == TextEncoding::Utf8 && head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &head[skip..];
    // A head that is not UTF-8 (but for a character the head's end cut)
    // starts the stream decoding: a file that would fail as UTF-8 on one of
    // its first rows is not read up to there twice. Its UTF-8 lines, if
    // any, pass through as they would after that failure.
    let encoding = match std::str::from_utf8(body) {
        Err(e) if options.encoding.is_none() && skip == 0 && e.error_len().is_some() => {
            TextEncoding::Windows1252
        }
        _ => encoding,
    };
    let cr_only = body.contains(&b'\r') && !body.contains(&b'\n');
    // In Windows-1252 the no-break space is white space too.
    let blank = body
        .iter()
        .all(|&b| b.is_ascii_whitespace() || (b == 0xA0 && encoding != TextEncoding::Utf8));
    if utf16_bom || cr_only || memchr_nul(body).is_some() || blank {
        return None;
    }
    Some(Plan {
        repaired: false,
        encoding,
        delimiter: options.delimiter.unwrap_or_else(|| sniff_delimiter(body)),
        skip,
    })
}

/// Counts tab, semicolon and comma outside quotes on the first line and
/// takes the most frequent; ties go to tab, then semicolon, then comma,
/// since names and organisations hold commas more often than the others.
pub(super) fn sniff_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b'\t' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b'\t', b';', b','];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_ignores_delimiters_in_quotes() {
        assert_eq!(sniff_delimiter(b"Navn\tOrg\n"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b;c\",x,y\n"), b',');
        assert_eq!(sniff_delimiter(b"\"a,b,c\";x\n"), b';');
        assert_eq!(sniff_delimiter(b"Navn\n"), b'\t');
    }

    #[test]
    fn a_head_that_is_not_utf8_streams_as_windows_1252_unless_told_otherwise() {
        let encoding = |head: &[u8], options: &ImportOptions| {
            stream_plan(head, options).map(|plan| plan.encoding)
        };
        let detect = ImportOptions::default();
        let cp1252 = b"Fornavn;Etternavn\nKj\xe6rsti;Bj\xf8rnstad\n";
        assert_eq!(encoding(cp1252, &detect), Some(TextEncoding::Windows1252));
        // A character cut by the head's end is not a sign of anything.
        let whole = "Fornavn;Etternavn\nÅse;Ærlig".as_bytes();
        let cut = &whole[..whole.len() - "rlig".len() - 1];
        assert_eq!(cut.last(), Some(&0xC3));
        assert_eq!(encoding(cut, &detect), Some(TextEncoding::Utf8));
        // Told UTF-8, or a byte-order mark that says so: the bad bytes are
        // an error to report, not a sign.
        let utf8 = ImportOptions::default().with_encoding(TextEncoding::Utf8);
        assert_eq!(encoding(cp1252, &utf8), Some(TextEncoding::Utf8));
        let with_bom = [&b"\xEF\xBB\xBF"[..], cp1252].concat();
        assert_eq!(encoding(&with_bom, &detect), Some(TextEncoding::Utf8));
    }
}
