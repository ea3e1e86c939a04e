//! Finding Norwegian national identity numbers (fødselsnummer) in free text.

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

/// The numbers in `text` that pass the checksum, as (byte offset, digits).
///
/// A candidate is a run of exactly 11 digits, or 6 and 5 digits separated by
/// one space (as a birth date and personal number are often written), not
/// part of a longer run of digits.
pub(crate) fn find(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let runs = digit_runs(bytes);
    let mut found = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let (start, end) = runs[i];
        let mut candidate = None;
        if end - start == 11 {
            candidate = Some((start, text[start..end].to_owned()));
        } else if end - start == 6 {
            if let Some(&(s2, e2)) = runs.get(i + 1) {
                if s2 == end + 1 && bytes[end] == b' ' && e2 - s2 == 5 {
                    candidate = Some((start, format!("{}{}", &text[start..end], &text[s2..e2])));
                    i += 1;
                }
            }
        }
        if let Some((at, digits)) = candidate {
            let mut d = [0u32; 11];
            for (slot, b) in d.iter_mut().zip(digits.bytes()) {
                *slot = u32::from(b - b'0');
            }
            if passes_checksum(&d) {
                found.push((at, digits));
            }
        }
        i += 1;
    }
    found
}

fn digit_runs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
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

    #[test]
    fn known_valid_and_invalid_numbers() {
        // A synthetic number from the Norwegian test ranges that passes.
        assert_eq!(find("fnr 01010150015 her").len(), 0);
        let good = "15076500565";
        assert_eq!(find(good), vec![(0, good.to_owned())]);
        assert_eq!(find("150765 00565"), vec![(0, good.to_owned())]);
        // One digit changed breaks the checksum.
        assert!(find("15076500566").is_empty());
        // Part of a longer number is not a candidate.
        assert!(find("150765005651").is_empty());
        assert_eq!(mask(good), "*********65");
    }
}
