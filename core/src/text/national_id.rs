//! Finding Norwegian national identity numbers (fødselsnummer, and the D-
//! and H-numbers built the same way) in free text, in the spellings people
//! write them: `15076500565`, `150765 00565` (with any space — two, a
//! no-break or thin space, a tab, a line break — or a dash between the
//! parts), `15.07.65 00565`, and in full-width digits.
//!
//! A candidate is judged by its two mod-11 control digits alone, not by
//! its date: D-numbers add 4 to the day's first digit, H-numbers to the
//! month's, and test numbers add more, so a date check would let real
//! numbers through. Screening too much is the safer mistake.

use std::ops::Range;

const W1: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/// Whether 11 digits pass both mod-11 control digits.
pub(crate) fn passes_checksum(d: &[u32; 11]) -> bool {
    let control = |sum: u32| match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k),
    };
    let k1 = control(W1.iter().zip(d).map(|(w, x)| w * x).sum());
    let k2 = control(W2.iter().zip(d).map(|(w, x)| w * x).sum());
    k1 == Some(d[9]) && k2 == Some(d[10])
}

/// A number found: where it is written and its 11 digits (ASCII).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The bytes of the text it spans, separators included.
    pub span: Range<usize>,
    pub digits: String,
}

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{FF10}'..='\u{FF19}' => Some(c as u32 - 0xFF10),
        _ => None,
    }
}

/// A maximal run of digits: its bytes and its digits (at most 11 kept;
/// a longer run is never a candidate).
#[derive(Clone, Default)]
struct Run {
    span: Range<usize>,
    len: usize,
    digits: [u32; 11],
}

/// Whether the text between a birth date and the personal number is a
/// separator: one to four characters of white space (any: two spaces, a
/// no-break or thin space, a tab, a line break) with at most one dash.
fn separates(gap: &str) -> bool {
    let mut chars = 0;
    let mut dashes = 0;
    for c in gap.chars() {
        chars += 1;
        if matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}') {
            dashes += 1;
        } else if !c.is_whitespace() {
            return false;
        }
    }
    (1..=4).contains(&chars) && dashes <= 1
}

/// The numbers in `text` that pass the checksum, in order. None is part
/// of a longer number: an 11-digit run stands alone, and the parts of a
/// spaced or dotted spelling are not continued by more digits after a
/// dot, a comma or a dash.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    // The last five runs, newest last: the longest spelling has four, and
    // the one before tells whether they continue a longer number.
    let mut last: Vec<Run> = Vec::with_capacity(5);
    let mut current: Option<Run> = None;
    let mut chars = text.char_indices().peekable();
    loop {
        let next = chars.next();
        match next.and_then(|(at, c)| digit(c).map(|d| (at, c, d))) {
            Some((at, c, d)) => {
                let run = current.get_or_insert_with(|| Run {
                    span: at..at,
                    ..Run::default()
                });
                if run.len < 11 {
                    run.digits[run.len] = d;
                }
                run.len += 1;
                run.span.end = at + c.len_utf8();
            }
            None => {
                if let Some(run) = current.take() {
                    if last.len() == 5 {
                        last.remove(0);
                    }
                    last.push(run);
                    if let Some(f) = candidate(text, &last) {
                        found.push(f);
                    }
                }
                if next.is_none() {
                    break;
                }
            }
        }
    }
    found
}

/// The number the newest run completes, if it completes one.
fn candidate(text: &str, runs: &[Run]) -> Option<Found> {
    let n = runs.len();
    let this = &runs[n - 1];
    let gap = |a: &Run, b: &Run| &text[a.span.end..b.span.start];
    // More digits right after: "150765 00565.3" or "…00565-12".
    let after = &text[this.span.end..];
    let mut rest = after.chars();
    if matches!(rest.next(), Some('.' | ',' | '-')) && rest.next().and_then(digit).is_some() {
        return None;
    }
    let continues = |first: &Run, before: Option<&Run>| {
        before.is_some_and(|b| matches!(gap(b, first), "." | "," | "-"))
    };
    let parts: Vec<&Run> = if this.len == 11 {
        vec![this]
    } else if this.len != 5 {
        return None;
    } else if n >= 2 && runs[n - 2].len == 6 && separates(gap(&runs[n - 2], this)) {
        if continues(&runs[n - 2], n.checked_sub(3).map(|i| &runs[i])) {
            return None;
        }
        vec![&runs[n - 2], this]
    } else if n >= 4
        && runs[n - 4..n - 1].iter().all(|r| r.len == 2)
        && gap(&runs[n - 4], &runs[n - 3]) == "."
        && gap(&runs[n - 3], &runs[n - 2]) == "."
        && separates(gap(&runs[n - 2], this))
    {
        if continues(&runs[n - 4], n.checked_sub(5).map(|i| &runs[i])) {
            return None;
        }
        vec![&runs[n - 4], &runs[n - 3], &runs[n - 2], this]
    } else {
        return None;
    };
    let mut d = [0u32; 11];
    let mut k = 0;
    for part in &parts {
        for &x in &part.digits[..part.len] {
            d[k] = x;
            k += 1;
        }
    }
    passes_checksum(&d).then(|| Found {
        span: parts[0].span.start..this.span.end,
        digits: d.iter().map(|x| char::from(b'0' + *x as u8)).collect(),
    })
}

/// Shows only the last two digits: the finding must not spread the number
/// it warns about.
pub(crate) fn mask(digits: &str) -> String {
    let keep = digits.len().saturating_sub(2);
    format!("{}{}", "*".repeat(keep), &digits[keep..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "15076500565";

    fn digits(text: &str) -> Vec<String> {
        find(text).into_iter().map(|f| f.digits).collect()
    }

    #[test]
    fn known_valid_and_invalid_numbers() {
        assert!(find("fnr 01010150015 her").is_empty());
        assert_eq!(
            find(GOOD),
            vec![Found {
                span: 0..11,
                digits: GOOD.to_owned()
            }]
        );
        // One digit changed breaks the checksum.
        assert!(find("15076500566").is_empty());
        assert_eq!(mask(GOOD), "*********65");
    }

    #[test]
    fn every_common_spelling_is_found_with_its_span() {
        for spelling in [
            "150765 00565",
            "150765-00565",
            "150765 - 00565",
            "150765\u{a0}00565",
            "150765\u{2009}00565",
            "150765\u{202f}00565",
            "150765\t00565",
            "150765\n00565",
            "150765\r\n00565",
            "150765  00565",
            "15.07.65 00565",
            "15.07.65-00565",
            "１５０７６５００５６５",
            "１５０７６５ ００５６５",
        ] {
            let text = format!("fnr. {spelling}, ellers intet");
            let found = find(&text);
            assert_eq!(found.len(), 1, "{spelling:?}");
            assert_eq!(found[0].digits, GOOD, "{spelling:?}");
            assert_eq!(&text[found[0].span.clone()], spelling);
        }
    }

    #[test]
    fn d_and_h_numbers_pass_by_their_checksum() {
        // The first digit of the day plus 4 (D), of the month plus 4 (H);
        // each made valid by its own control digits.
        let valid = |first9: &str| {
            (0..100).find_map(|k| {
                let s = format!("{first9}{k:02}");
                let mut d = [0; 11];
                for (slot, b) in d.iter_mut().zip(s.bytes()) {
                    *slot = u32::from(b - b'0');
                }
                passes_checksum(&d).then_some(s)
            })
        };
        let d_number = valid("550765005").unwrap();
        let h_number = valid("154765005").unwrap();
        assert_eq!(digits(&d_number), std::slice::from_ref(&d_number));
        assert_eq!(
            digits(&format!("{} {}", &h_number[..6], &h_number[6..])),
            std::slice::from_ref(&h_number)
        );
    }

    #[test]
    fn none_is_found_inside_a_longer_number() {
        for text in [
            "150765005651",
            "115076500565",
            "150765 005651",
            "1150765 00565",
            "150765   \t 00565",
            "1.15.07.65 00565",
            "150765 00565.5",
            "3,150765 00565",
            "15.07.650 00565",
            "150765 x 00565",
        ] {
            assert!(find(text).is_empty(), "{text:?}");
        }
        // Two numbers side by side are both found.
        assert_eq!(digits(&format!("{GOOD} og 150765 00565")), [GOOD, GOOD]);
    }
}
