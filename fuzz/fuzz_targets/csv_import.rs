//! Roster import from arbitrary bytes with arbitrary options: a roster or a
//! typed error, never a panic; every problem on a line of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable::{ImportMode, ImportOptions, Roster, TextEncoding};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, bytes)) = data.split_first() else {
        return;
    };
    let mut options = ImportOptions::default().with_threads(1 + usize::from(flags & 1));
    if flags & 2 != 0 {
        options = options.with_mode(ImportMode::Strict);
    }
    options = match (flags >> 2) & 7 {
        1 => options.with_encoding(TextEncoding::Utf8),
        2 => options.with_encoding(TextEncoding::Utf16Le),
        3 => options.with_encoding(TextEncoding::Utf16Be),
        4 => options.with_encoding(TextEncoding::Windows1252),
        _ => options,
    };
    if flags & 32 != 0 {
        options = options.with_delimiter(b';');
    }
    if let Ok(import) = Roster::from_csv_bytes(bytes, &options) {
        let lines = bytes
            .iter()
            .filter(|b| **b == b'\n' || **b == b'\r')
            .count() as u64
            + 1;
        for p in &import.problems {
            // UTF-16 has two bytes a line end, so the count above is a bound.
            assert!(
                p.line() >= 1 && p.line() <= lines.max(1) * 2,
                "line {} of {lines}",
                p.line()
            );
        }
        assert!(import.rows_read as usize >= import.roster.len());
    }
});
