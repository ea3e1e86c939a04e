//! A reply by e-mail: the message's calendar part (found in the MIME tree,
//! a forwarded message's too), who sent it, and whether the receiving
//! server found it authenticated. Parsing is `mail-parser`'s; this module
//! bounds the tree it walks.

use mail_parser::{MessageParser, MimeHeaders, PartType};

use super::limits::{malformed, too_large, utf8, MAX_MIME_DEPTH, MAX_MIME_PARTS};
use crate::error::Result;

/// A message's calendar part, and who sent the message that carries it.
pub(super) struct Carried {
    pub(super) text: String,
    pub(super) sender: Option<String>,
    pub(super) unauthenticated: Option<String>,
}

/// The texts of the message's calendar parts: `text/calendar` (or
/// `application/ics`, or an attachment named `*.ics`), decoded from its
/// transfer encoding and charset by `mail-parser`, in the message's order;
/// a part that repeats another's text (Outlook sends the invitation's
/// answer both inline and as `invite.ics`) once. A message that has none
/// but forwards one as an attachment (`message/rfc822`) is read inside:
/// the calendars are the forwarded message's, and so is the sender.
pub(super) fn calendars_of_message(bytes: &[u8]) -> Result<Vec<Carried>> {
    let Some(outer) = MessageParser::default().parse(bytes) else {
        return Err(malformed(
            0,
            "neither an iCalendar object nor an e-mail message",
        ));
    };
    let mut message = &outer;
    // Parts and depth count across forwarded messages, so that a message
    // nested in a message cannot pass the limits.
    let (mut seen, mut base_depth) = (0usize, 0usize);
    loop {
        if message.parts.len() > MAX_MIME_PARTS {
            return Err(too_large(
                0,
                format!(
                    "the message has {} MIME parts; the limit is {MAX_MIME_PARTS}",
                    message.parts.len()
                ),
            ));
        }
        let mut forwarded = None;
        let mut found: Vec<Carried> = Vec::new();
        // The parts form a tree by their ids; walk it with a stack of
        // (part, depth), never recursion, so a crafted nesting cannot
        // overflow.
        let mut stack = vec![(0usize, base_depth)];
        while let Some((id, depth)) = stack.pop() {
            seen += 1;
            if depth > MAX_MIME_DEPTH {
                return Err(too_large(
                    0,
                    format!("MIME parts nest deeper than {MAX_MIME_DEPTH}"),
                ));
            }
            if seen > MAX_MIME_PARTS {
                return Err(too_large(
                    0,
                    format!("the message has more than {MAX_MIME_PARTS} MIME parts"),
                ));
            }
            let Some(part) = message.parts.get(id) else {
                continue;
            };
            let text = match &part.body {
                PartType::Multipart(children) => {
                    // Reversed, so that the first child is looked at first.
                    stack.extend(children.iter().rev().map(|&c| (c as usize, depth + 1)));
                    continue;
                }
                PartType::Message(inner) => {
                    forwarded = forwarded.or(Some((inner, depth + 1)));
                    continue;
                }
                PartType::Text(text) if is_calendar(part) => text.to_string(),
                PartType::Binary(data) | PartType::InlineBinary(data) if is_calendar(part) => {
                    utf8(data)?.to_owned()
                }
                _ => continue,
            };
            let sender = from_address(message).map(str::to_owned);
            // A forwarded message is also judged by the message around it:
            // its sender's domain must not have failed either.
            let around = !std::ptr::eq(message, &outer);
            let unauthenticated = sender
                .as_deref()
                .and_then(|sender| authentication_failure(message, sender))
                .or_else(|| {
                    from_address(&outer)
                        .filter(|_| around)
                        .and_then(|s| authentication_failure(&outer, s))
                });
            if found.iter().all(|f| f.text != text) {
                found.push(Carried {
                    text,
                    sender,
                    unauthenticated,
                });
            }
        }
        if !found.is_empty() {
            return Ok(found);
        }
        match forwarded {
            Some((inner, depth)) => {
                message = inner;
                base_depth = depth;
            }
            None => break,
        }
    }
    if outer.parts.len() == 1 && outer.root_part().content_type().is_none() {
        return Err(malformed(
            0,
            "neither an iCalendar object nor an e-mail message with a text/calendar part",
        ));
    }
    Err(malformed(0, "the message has no text/calendar part"))
}

/// The first address of a message's `From:`, trimmed; `None` when it has
/// none.
fn from_address<'m>(message: &'m mail_parser::Message<'_>) -> Option<&'m str> {
    message
        .from()
        .and_then(|from| from.first())
        .and_then(|addr| addr.address())
        .map(str::trim)
        .filter(|a| !a.is_empty())
}

/// Why the receiving server found the message not authenticated for the
/// domain of `sender`, from the topmost `Authentication-Results` header
/// (RFC 8601: the one the receiving server wrote; those below it may come
/// from the sender): a `dmarc`, `dkim` or `spf` result of `fail` whose
/// domain (`header.from`, `header.d`, `smtp.mailfrom`) is the sender's, or
/// which names none. Nothing is verified here, and nothing looked up.
pub(crate) fn authentication_failure(
    message: &mail_parser::Message<'_>,
    sender: &str,
) -> Option<String> {
    let (_, value) = message
        .headers_raw()
        .find(|(name, _)| name.eq_ignore_ascii_case("Authentication-Results"))?;
    let domain = |address: &str| {
        address
            .rsplit('@')
            .next()
            .unwrap_or(address)
            .trim()
            .trim_end_matches('.')
            .to_ascii_lowercase()
    };
    let own = domain(sender);
    // Comments in parentheses say nothing the results need.
    let mut plain = String::with_capacity(value.len());
    let mut depth = 0usize;
    for c in value.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    // The first part is the server's name; each other is one result.
    for result in plain.split(';').skip(1) {
        let mut words = result.split_whitespace();
        let Some((method, verdict)) = words.next().and_then(|w| w.split_once('=')) else {
            continue;
        };
        let method = method.to_ascii_lowercase();
        if !matches!(method.as_str(), "dmarc" | "dkim" | "spf")
            || !verdict.eq_ignore_ascii_case("fail")
        {
            continue;
        }
        let named: Vec<String> = words
            .filter_map(|w| w.split_once('='))
            .filter(|(property, _)| {
                ["header.from", "header.d", "header.i", "smtp.mailfrom"]
                    .iter()
                    .any(|p| property.eq_ignore_ascii_case(p))
            })
            .map(|(_, value)| domain(value.trim_matches('"')))
            .collect();
        if named.is_empty() || named.contains(&own) {
            return Some(format!(
                "the receiving server found {method}={} for {own}",
                verdict.to_ascii_lowercase()
            ));
        }
    }
    None
}

fn is_calendar(part: &mail_parser::MessagePart<'_>) -> bool {
    if let Some(ct) = part.content_type() {
        let sub = ct.subtype().unwrap_or_default();
        if (ct.ctype().eq_ignore_ascii_case("text") && sub.eq_ignore_ascii_case("calendar"))
            || (ct.ctype().eq_ignore_ascii_case("application")
                && (sub.eq_ignore_ascii_case("ics") || sub.eq_ignore_ascii_case("icalendar")))
        {
            return true;
        }
    }
    part.attachment_name()
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".ics"))
}
