//! One `ATTENDEE` line of a reply, read: its address, name, answer and
//! delegations, its parameters with RFC 6868's escapes.

use calcard::common::IanaString;
use calcard::icalendar::{
    ICalendarEntry, ICalendarParameterName, ICalendarParameterValue, ICalendarParticipationStatus,
    Uri,
};

use super::limits::malformed;
use super::value::text_value;
use crate::error::Result;
use crate::model::roster::Response;

/// One `ATTENDEE` of a reply.
#[derive(Debug, Clone)]
pub(crate) struct Attendee {
    /// The address without `mailto:`, as written.
    pub address: String,
    pub name: Option<String>,
    pub response: Response,
    pub delegated_to: Vec<String>,
    pub delegated_from: Vec<String>,
    pub line: u64,
    /// The line has a `PARTSTAT` (without one it answers nothing).
    pub partstat_given: bool,
}

pub(super) fn attendee(entry: &ICalendarEntry, line: u64) -> Result<Attendee> {
    let Some(address) = text_value(entry) else {
        return Err(malformed(line, "ATTENDEE has no address"));
    };
    let address = strip_mailto(&address);
    if address.is_empty() {
        return Err(malformed(line, "ATTENDEE has an empty address"));
    }
    let mut out = Attendee {
        address,
        name: None,
        response: Response::NeedsAction,
        delegated_to: Vec::new(),
        delegated_from: Vec::new(),
        line,
        partstat_given: false,
    };
    for p in &entry.params {
        if p.name == ICalendarParameterName::Partstat {
            out.partstat_given = true;
        }
        match (&p.name, &p.value) {
            (ICalendarParameterName::Partstat, ICalendarParameterValue::Partstat(s)) => {
                out.response = match s {
                    ICalendarParticipationStatus::NeedsAction => Response::NeedsAction,
                    ICalendarParticipationStatus::Accepted => Response::Accepted,
                    ICalendarParticipationStatus::Declined => Response::Declined,
                    ICalendarParticipationStatus::Tentative => Response::Tentative,
                    ICalendarParticipationStatus::Delegated => Response::Delegated,
                    other => {
                        return Err(malformed(
                            line,
                            format!(
                                "PARTSTAT {} is not an answer to a meeting: expected ACCEPTED, DECLINED, TENTATIVE, DELEGATED or NEEDS-ACTION",
                                other.as_str()
                            ),
                        ))
                    }
                }
            }
            (ICalendarParameterName::Partstat, ICalendarParameterValue::Text(t)) => {
                out.response = Response::from_partstat(t).ok_or_else(|| {
                    malformed(
                        line,
                        format!(
                            "PARTSTAT {:?} is not an answer to a meeting: expected ACCEPTED, DECLINED, TENTATIVE, DELEGATED or NEEDS-ACTION",
                            crate::error::shorten(t)
                        ),
                    )
                })?;
            }
            (ICalendarParameterName::Cn, ICalendarParameterValue::Text(t)) => {
                let t = caret_decoded(t);
                let t = t.trim();
                if !t.is_empty() {
                    out.name = Some(t.to_owned());
                }
            }
            (ICalendarParameterName::DelegatedTo, v) => {
                out.delegated_to.extend(param_address(v));
            }
            (ICalendarParameterName::DelegatedFrom, v) => {
                out.delegated_from.extend(param_address(v));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A parameter value with RFC 6868's escapes read: `^n` a line break,
/// `^'` a double quote, `^^` a caret; a caret before anything else stays
/// as written (the RFC's rule). `calcard` leaves them as they are.
fn caret_decoded(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('^') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('^', Some('n' | 'N')) => out.push('\n'),
            ('^', Some('\'')) => out.push('"'),
            ('^', Some('^')) => out.push('^'),
            _ => {
                out.push(c);
                continue;
            }
        }
        chars.next();
    }
    out.into()
}

fn param_address(value: &ICalendarParameterValue) -> Option<String> {
    let text = match value {
        ICalendarParameterValue::Uri(Uri::Location(t)) | ICalendarParameterValue::Text(t) => t,
        _ => return None,
    };
    let address = strip_mailto(&caret_decoded(text));
    (!address.is_empty()).then_some(address)
}

/// The address of a `mailto:` URI, in any case of the scheme; quotes
/// and angle brackets some clients add are dropped.
pub(crate) fn strip_mailto(uri: &str) -> String {
    let uri = uri
        .trim()
        .trim_matches(|c| c == '"' || c == '<' || c == '>')
        .trim();
    let address = match uri.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => &uri[7..],
        _ => uri,
    };
    address.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6868_escapes_are_read() {
        assert_eq!(
            caret_decoded("Per ^'Sjefen^' Hansen"),
            "Per \"Sjefen\" Hansen"
        );
        assert_eq!(caret_decoded("a^nb^^c^x^"), "a\nb^c^x^");
        assert!(matches!(
            caret_decoded("Per"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
