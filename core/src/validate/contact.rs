//! Email and phone checks, shared by validation and roster import.

use email_address::{EmailAddress, Options};

/// Why an email address is refused, or `None` when it is accepted.
///
/// Strict: a bare address (no display name such as `Ola <ola@x.no>`), with a
/// domain that has a top-level part (`ola@localhost` is refused).
///
/// # Example
///
/// ```
/// use roundtable::check_email;
///
/// assert_eq!(check_email("karoline@osloregionen.no"), None);
/// assert!(check_email("karoline(at)osloregionen.no").is_some());
/// ```
pub fn check_email(email: &str) -> Option<&'static str> {
    if plain_ascii_address(email) {
        return None;
    }
    if email.trim() != email {
        return Some("has white space around it");
    }
    match EmailAddress::parse_with_options(email, strict_options()) {
        Ok(_) => None,
        Err(_) => Some("is not an email address of the form name@domain.tld"),
    }
}

fn strict_options() -> Options {
    Options::default()
        .without_display_text()
        .with_required_tld()
}

/// Accepts the addresses nearly everyone has (`ola.nordmann@baerum.kommune.no`)
/// without the general parser: a dot-atom local part and a domain of two or
/// more letter-digit-hyphen labels. Anything else goes to `email_address`,
/// which accepts everything this does (a property test holds it to that).
pub(crate) fn plain_ascii_address(email: &str) -> bool {
    let bytes = email.as_bytes();
    let Some(at) = memchr::memchr(b'@', bytes) else {
        return false;
    };
    let (local, domain) = (&bytes[..at], &bytes[at + 1..]);
    // The local part: atoms of atext joined by single dots.
    if local.is_empty()
        || local.len() > 64
        || !all_bytes(local, |b| {
            // RFC 5322 `atext` or a dot: printable ASCII but for the
            // specials.
            (b.wrapping_sub(0x21) < 0x5E)
                & (b != b'"')
                & (b != b'(')
                & (b != b')')
                & (b != b',')
                & (b != b':')
                & (b != b';')
                & (b != b'<')
                & (b != b'>')
                & (b != b'@')
                & (b != b'[')
                & (b != b'\\')
                & (b != b']')
        })
        || local[0] == b'.'
        || local[local.len() - 1] == b'.'
        || memchr::memchr_iter(b'.', local).any(|i| local.get(i + 1) == Some(&b'.'))
    {
        return false;
    }
    // The domain: two or more labels of letters, digits and inner hyphens,
    // the last one not all digits (it would read as an address literal).
    let domain_byte = |b: u8| {
        ((b | 0x20).wrapping_sub(b'a') < 26)
            | (b.wrapping_sub(b'0') < 10)
            | (b == b'-')
            | (b == b'.')
    };
    if domain.len() > 253 || !all_bytes(domain, domain_byte) {
        return false;
    }
    // The labels found by their dots (a few per address) rather than
    // by a test of every byte.
    let mut labels = 0;
    let mut last = &domain[..0];
    let mut from = 0;
    for to in memchr::memchr_iter(b'.', domain).chain([domain.len()]) {
        last = &domain[from..to];
        if !(1..=63).contains(&last.len()) || last[0] == b'-' || last[last.len() - 1] == b'-' {
            return false;
        }
        labels += 1;
        from = to + 1;
    }
    labels >= 2 && last.iter().any(u8::is_ascii_alphabetic)
}

/// Whether every byte passes `test`: folded without an exit per byte, so
/// that the compiler can test many bytes at once (an address is short, and
/// nearly every one passes).
fn all_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> bool {
    bytes.iter().fold(true, |ok, &b| ok & test(b))
}

/// Whether `email_address` in the strict options accepts `email`: the
/// reference for [`plain_ascii_address`].
#[cfg(test)]
pub(crate) fn reference_accepts(email: &str) -> bool {
    EmailAddress::parse_with_options(email, strict_options()).is_ok()
}

/// Why a phone number is refused, or `None` when it is accepted.
///
/// Accepted: a Norwegian number of 8 digits (first digit 2–9), optionally
/// after `+47` or `0047`, and any E.164 number (`+`, country code, at most 15
/// digits in all). Spaces may separate digit groups; nothing else may.
///
/// # Example
///
/// ```
/// use roundtable::check_phone;
///
/// assert_eq!(check_phone("41203424"), None);
/// assert_eq!(check_phone("+47 412 03 424"), None);
/// assert_eq!(check_phone("0047 41203424"), None);
/// assert_eq!(check_phone("+46 8 123 456 78"), None);
/// assert!(check_phone("4120342").is_some());
/// ```
pub fn check_phone(phone: &str) -> Option<&'static str> {
    // Digits only, spaces dropped, on the stack: a phone number has at most
    // 15 digits after its prefix, so anything longer is refused anyway.
    let mut digits = [0u8; 24];
    let mut len = 0;
    let mut plus = false;
    for (i, b) in phone.bytes().enumerate() {
        match b {
            b' ' => {}
            b'+' if len == 0 && !plus && phone[..i].trim().is_empty() => plus = true,
            b'0'..=b'9' if len < digits.len() => {
                digits[len] = b;
                len += 1;
            }
            b'0'..=b'9' => return Some("has too many digits for a phone number"),
            _ => return Some("may hold only digits, spaces and a leading +"),
        }
    }
    let digits = std::str::from_utf8(&digits[..len]).unwrap_or("");
    if digits.is_empty() {
        return Some("is empty");
    }
    let norwegian = |d: &str| d.len() == 8 && !d.starts_with(['0', '1']);
    if plus {
        if let Some(national) = digits.strip_prefix("47") {
            return if norwegian(national) {
                None
            } else {
                Some("after +47 must come 8 digits, the first 2-9")
            };
        }
        return if (8..=15).contains(&digits.len()) && !digits.starts_with('0') {
            None
        } else {
            Some("is not an E.164 number (+, country code, 8 to 15 digits in all)")
        };
    }
    if let Some(national) = digits.strip_prefix("0047") {
        return if norwegian(national) {
            None
        } else {
            Some("after 0047 must come 8 digits, the first 2-9")
        };
    }
    if norwegian(digits) {
        None
    } else {
        Some("is not a Norwegian number of 8 digits (first 2-9) nor +country code and number")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_fast_path_takes_common_addresses() {
        for ok in [
            "ola@x.no",
            "ola.nordmann+møte@x.no",
            "a_b-c@sub.domain-x.com",
        ] {
            assert!(reference_accepts(ok), "{ok}");
        }
        assert!(plain_ascii_address("karoline.ulateig@osloregionen.no"));
        assert!(!plain_ascii_address("ola@localhost"));
        assert!(!plain_ascii_address("ola..x@x.no"));
        assert!(!plain_ascii_address("ola@-x.no"));
        assert!(!plain_ascii_address("Ola <ola@x.no>"));
        for refused in [
            "a@x.no.", "a@.x.no", "a@x..no", "a@x.n-", "a@x.123", "a@xno", ".a@x.no", "a.@x.no",
        ] {
            assert!(!plain_ascii_address(refused), "{refused}");
        }
        assert!(plain_ascii_address("a@x.123.no"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The fast path never accepts what the reference parser refuses.
        #[test]
        fn fast_path_is_a_subset_of_the_reference(email in "[a-zA-Z0-9.!#'+_@-]{0,12}@[a-z0-9.-]{0,12}") {
            if plain_ascii_address(&email) {
                prop_assert!(reference_accepts(&email), "{}", email);
            }
        }

        #[test]
        fn fast_path_on_arbitrary_text(email in "\\PC{0,30}") {
            if plain_ascii_address(&email) {
                prop_assert!(reference_accepts(&email), "{}", email);
            }
        }
    }
}
