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
    if plain_address(email, None) {
        return None;
    }
    general_email_check(email)
}

/// The verdicts on the domains of the addresses an import has checked: a
/// roster's addresses share a few dozen domains, and a domain met again is
/// looked up rather than checked again.
pub(crate) type Domains = crate::text::Remembered<bool>;

/// [`check_email`], remembering the verdicts on domains in `domains`.
pub(crate) fn check_email_in(email: &str, domains: &mut Domains) -> Option<&'static str> {
    if plain_address(email, Some(domains)) {
        return None;
    }
    general_email_check(email)
}

/// [`check_email`] for the addresses that are not plain.
fn general_email_check(email: &str) -> Option<&'static str> {
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
/// without the general parser: a dot-atom local part (letters beyond ASCII
/// too: `åse.kleivrud@…`) and a domain of two or more letter-digit-hyphen
/// labels. Anything else goes to `email_address`, which accepts everything
/// this does (a property test holds it to that).
pub(crate) fn plain_address(email: &str, domains: Option<&mut Domains>) -> bool {
    // One pass over each part without library calls: an address is a few
    // dozen bytes, shorter than a search routine takes to set up.
    let bytes = email.as_bytes();
    let Some(at) = bytes.iter().position(|&b| b == b'@') else {
        return false;
    };
    let (local, domain) = (&bytes[..at], &bytes[at + 1..]);
    // The local part: atoms of atext joined by single dots.
    if local.is_empty() || local.len() > 64 {
        return false;
    }
    let mut class = LOCAL;
    // A dot before the first byte, so that a leading dot is a double one.
    let mut after_dot = true;
    let mut double_dot = false;
    for &b in local {
        class &= CLASSES[usize::from(b)];
        let dot = b == b'.';
        double_dot |= dot & after_dot;
        after_dot = dot;
    }
    if class != LOCAL || double_dot || after_dot {
        return false;
    }
    match domains {
        None => plain_domain(domain),
        Some(domains) => domains.get_or(domain, || plain_domain(domain)),
    }
}

/// Whether the domain of a plain address is: two or more labels of
/// letters, digits and inner hyphens, the last one not all digits (it would
/// read as an address literal).
fn plain_domain(domain: &[u8]) -> bool {
    if domain.len() > 253 {
        return false;
    }
    // A label is checked at its end only: a byte's own work is its class
    // and whether it is a dot.
    let label = |label: &[u8]| {
        (1..=63).contains(&label.len()) && label[0] != b'-' && label[label.len() - 1] != b'-'
    };
    let mut class = DOMAIN;
    let (mut labels, mut start) = (0, 0);
    for (i, &b) in domain.iter().enumerate() {
        class &= CLASSES[usize::from(b)];
        if b == b'.' {
            if !label(&domain[start..i]) {
                return false;
            }
            labels += 1;
            start = i + 1;
        }
    }
    let last = &domain[start..];
    class == DOMAIN && labels >= 1 && label(last) && last.iter().any(u8::is_ascii_alphabetic)
}

/// Bytes of a plain local part: RFC 5322 `atext` (printable ASCII but for
/// the specials, and any character beyond ASCII) or a dot.
const LOCAL: u8 = 1;
/// Bytes of a plain domain: letters, digits, hyphens and dots.
const DOMAIN: u8 = 2;

/// The classes of every byte, by [`LOCAL`] and [`DOMAIN`]: one load and one
/// `and` per byte of an address, where a test by comparisons took a dozen.
static CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0x21;
    while b < 0x7F {
        let byte = b as u8;
        if !matches!(
            byte,
            b'"' | b'(' | b')' | b',' | b':' | b';' | b'<' | b'>' | b'@' | b'[' | b'\\' | b']'
        ) {
            table[b] |= LOCAL;
        }
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'.' {
            table[b] |= DOMAIN;
        }
        b += 1;
    }
    // Any character beyond ASCII is `atext` too (RFC 6532, and
    // `email_address`): "åse.kleivrud@…" is as common here as it is valid.
    // The address is UTF-8, so these bytes come as whole characters.
    while b < 0x100 {
        if b >= 0x80 {
            table[b] |= LOCAL;
        }
        b += 1;
    }
    table
};

/// Whether `email_address` in the strict options accepts `email`: the
/// reference for [`plain_address`].
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
    if plain_norwegian_number(phone.as_bytes()) {
        return None;
    }
    phone_problem(phone)
}

/// [`check_phone`] for any text.
fn phone_problem(phone: &str) -> Option<&'static str> {
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

/// Accepts the numbers nearly everyone writes (`41203424`, `+47 41203424`)
/// without the general check, which accepts everything this does (a
/// property test holds it to that).
fn plain_norwegian_number(phone: &[u8]) -> bool {
    let national = match phone {
        [b'+', b'4', b'7', b' ', rest @ ..] | [b'+', b'4', b'7', rest @ ..] => rest,
        _ => phone,
    };
    national.len() == 8 && national[0] >= b'2' && national.iter().all(u8::is_ascii_digit)
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
        assert!(plain_address("karoline.ulateig@osloregionen.no", None));
        assert!(plain_address("a\u{30a}se.kleivrud8@oslobusiness.no", None));
        assert!(reference_accepts("a\u{30a}se.kleivrud8@oslobusiness.no"));
        assert!(
            !plain_address("åse@bærum.no", None),
            "not beyond ASCII in the domain"
        );
        assert!(!plain_address("ola@localhost", None));
        assert!(!plain_address("ola..x@x.no", None));
        assert!(!plain_address("ola@-x.no", None));
        assert!(!plain_address("Ola <ola@x.no>", None));
        for refused in [
            "a@x.no.", "a@.x.no", "a@x..no", "a@x.n-", "a@x.123", "a@xno", ".a@x.no", "a.@x.no",
        ] {
            assert!(!plain_address(refused, None), "{refused}");
        }
        assert!(plain_address("a@x.123.no", None));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The fast path never accepts what the reference parser refuses.
        #[test]
        fn fast_path_is_a_subset_of_the_reference(email in "[a-zA-Z0-9.!#'+_@-]{0,12}@[a-z0-9.-]{0,12}") {
            if plain_address(&email, None) {
                prop_assert!(reference_accepts(&email), "{}", email);
            }
        }

        #[test]
        fn the_plain_number_path_is_a_subset_of_the_general_check(phone in "[+ 0-9a]{0,14}") {
            if plain_norwegian_number(phone.as_bytes()) {
                let general = phone_problem(&phone);
                prop_assert!(general.is_none(), "{}: {:?}", phone, general);
            }
        }

        #[test]
        fn fast_path_with_letters_beyond_ascii(email in "[a-zA-Z0-9.åøæ\u{30a}\u{a0}\u{2028}ß€-]{0,10}@[a-zø0-9.-]{0,10}") {
            if plain_address(&email, None) {
                prop_assert!(reference_accepts(&email), "{}", email);
            }
        }

        #[test]
        fn remembered_domains_answer_as_checking_them(
            emails in proptest::collection::vec("[a-z.]{0,4}@(x.no|x..no|-x.no|x.n-|ø.no|x.1|[a-z.-]{0,6})", 1..12)
        ) {
            let mut domains = Domains::default();
            for email in emails.iter().chain(&emails) {
                prop_assert_eq!(check_email_in(email, &mut domains), check_email(email), "{}", email);
            }
        }

        #[test]
        fn fast_path_on_arbitrary_text(email in "\\PC{0,30}") {
            if plain_address(&email, None) {
                prop_assert!(reference_accepts(&email), "{}", email);
            }
        }
    }
}
