//! A cell of a spreadsheet file, as the import reads it and the export
//! writes it: trimmed, in NFC, and guarded against being run as a formula
//! (a guard the export writes and the import takes off again). Shared by
//! `import` and `export`, so that what one writes the other reads back.

use std::borrow::Cow;

use crate::text::nfc;

/// Whether a spreadsheet would read a cell that starts with `rest` as a
/// formula (OWASP "CSV injection"): `=`, `+`, `-`, `@` or their full-width
/// forms (`＝＋－＠`, which some spreadsheets fold to ASCII), also after
/// spaces or no-break spaces, which they skip; or a tab or CR first.
fn formula_start(rest: &str) -> bool {
    if rest.starts_with(['\t', '\r']) {
        return true;
    }
    rest.trim_start_matches([' ', '\u{a0}', '\u{3000}'])
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// Undoes [`guard`]: a quote before quotes and a formula is the export's,
/// not the value's.
pub(crate) fn unguard(value: &str) -> &str {
    if !value.starts_with('\'') {
        return value;
    }
    let rest = value.trim_start_matches('\'');
    if rest.len() < value.len() && formula_start(rest) {
        &value[1..]
    } else {
        value
    }
}

/// Neutralises a value that a spreadsheet would run as a formula by putting
/// a quote before it; values that already start with quotes and then such a
/// formula get one more, so that [`unguard`] restores every value.
pub(crate) fn guard(value: &str) -> Cow<'_, str> {
    if formula_start(value.trim_start_matches('\'')) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// A value as stored: trimmed, formula-guard quote removed, NFC.
pub(crate) fn clean(raw: &str) -> Cow<'_, str> {
    nfc(unguard(trim(raw)))
}

/// [`clean`] of a value cut from a row already known to be in NFC (judged
/// once for the row: most rows are, and the check per value costs more
/// than the row's).
// Inlined into the import's row reader: see `Roster::push_parts`.
#[inline]
pub(crate) fn clean_composed(raw: &str) -> &str {
    unguard(trim(raw))
}

/// `str::trim`, answered from the two end bytes when both are ASCII and
/// not white space: nearly every cell, and the general trim decodes a
/// character at each end to ask its Unicode class.
pub(crate) fn trim(raw: &str) -> &str {
    let plain = |b: u8| b < 0x80 && b != b' ' && !(b'\t'..=b'\r').contains(&b);
    match raw.as_bytes() {
        [first, .., last] if plain(*first) && plain(*last) => raw,
        [only] if plain(*only) => raw,
        _ => raw.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::{guard, unguard};

    #[test]
    fn guard_and_unguard_are_inverse() {
        for v in [
            "=1+1",
            "+47 412",
            "-x",
            "@a",
            "\tt",
            "\rr",
            "'=x",
            "''+y",
            "'plain",
            "plain",
            "",
            "＝1+1",
            "＋47",
            " =1",
            "\u{a0}@SUM(A1)",
            "' =x",
            "'\u{a0}－1",
        ] {
            assert_eq!(unguard(&guard(v)), v, "{v:?}");
        }
        assert_eq!(guard("+47"), "'+47");
        assert_eq!(guard("plain"), "plain");
        assert_eq!(guard("＝HYPERLINK(\"x\")"), "'＝HYPERLINK(\"x\")");
        assert_eq!(guard("\u{a0}=1"), "'\u{a0}=1");
        assert_eq!(guard("Notat =1"), "Notat =1");
    }

    proptest::proptest! {
        #[test]
        fn trimming_agrees_with_str_trim(text in "[ a\t\u{b}\r\n\u{85}\u{a0}\u{2003}é]{0,6}") {
            proptest::prop_assert_eq!(super::trim(&text), text.trim());
        }
    }
}
