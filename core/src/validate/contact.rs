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
    let options = Options::default()
        .without_display_text()
        .with_required_tld();
    if email.trim() != email {
        return Some("has white space around it");
    }
    match EmailAddress::parse_with_options(email, options) {
        Ok(_) => None,
        Err(_) => Some("is not an email address of the form name@domain.tld"),
    }
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
    let compact: String = phone.chars().filter(|c| *c != ' ').collect();
    if compact.is_empty() {
        return Some("is empty");
    }
    let (plus, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some("may hold only digits, spaces and a leading +");
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
