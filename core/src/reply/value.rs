//! A property's value as text: what a reply's reader and its attendee
//! reader both take from calcard's values.

use calcard::icalendar::{ICalendarEntry, ICalendarValue, Uri};

/// The first value of `entry` as text (a text, a URI, a number).
pub(super) fn text_value(entry: &ICalendarEntry) -> Option<String> {
    match entry.values.first()? {
        ICalendarValue::Text(t) => Some(t.clone()),
        ICalendarValue::Uri(Uri::Location(t)) => Some(t.clone()),
        ICalendarValue::Integer(n) => Some(n.to_string()),
        _ => None,
    }
}
