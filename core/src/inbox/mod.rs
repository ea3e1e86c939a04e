//! One door for what comes back by e-mail: [`Meeting::receive`] takes a
//! message and routes it. A calendar reply goes to the reply logic
//! (`reply`); anything else from a person on the roster becomes that
//! person's written contribution to the round table, as the notice asks
//! ("send it in writing, by e-mail, before the meeting or at the latest
//! the day after").
//!
//! Parsing is `mail-parser`'s (MIME, transfer encodings, charsets, RFC 2047
//! headers); HTML mail becomes Markdown through `htmd` (`body`); this
//! module decides who sent it, what of it is the contribution, and what
//! it changes.

mod body;
mod mailbox;
mod office;
mod receipt;

use chrono::{DateTime, FixedOffset};
use mail_parser::{Message, MessageParser, MimeHeaders};

use crate::codes::{ErrorCode, ReplyCode};
use crate::error::{Error, ErrorKind, Result};
use crate::model::agenda::ItemKind;
use crate::model::contribution::{Contribution, ContributionSource};
use crate::model::meeting::Meeting;
use crate::reply::{address_key, authentication_failure, ApplyOptions, IgnoredReply, Suggestions};

pub use body::{LeftOut, LeftOutKind};
pub use mailbox::{read_mailbox, Mailbox, MAX_MAILBOX_MESSAGES};
pub use receipt::{ContributionChange, Receipt, ReceiptKind};

/// The largest message read, in bytes: a contribution with a few
/// documents attached stays well under it; a larger one is
/// `inbox.too_large`, refused before it is parsed.
pub const MAX_MESSAGE_BYTES: usize = 32 << 20;

/// The attachments whose text becomes part of the contribution, beside
/// `.docx` and `.odt` (`office`): plain text, Markdown and HTML. Others are
/// named with it and reported (`contribution.attachment_not_read`).
const READ_ATTACHMENTS: &[&str] = &[".txt", ".md", ".markdown", ".html", ".htm"];

impl Meeting {
    /// Receives one e-mail message (RFC 5322/MIME, any transfer encoding
    /// and charset) and routes it: a message carrying a calendar reply
    /// (`text/calendar`) is applied as [`Meeting::apply_reply`] applies
    /// it; any other from a person on the roster becomes that person's
    /// contribution to the round table.
    ///
    /// The sender is the address in `From:`, matched to the roster as a
    /// reply's attendee is (never by display name); the contribution is
    /// `from` the person's organisation, presented by the person, dated by
    /// the message's `Date:`, for the meeting's round-table item (the one
    /// the subject names when there are several). Its text is the
    /// message's as Markdown: plain text as written (flowed lines joined),
    /// HTML converted; the quoted earlier message, the signature and the
    /// closing block are left out and listed in [`Receipt::left_out`].
    /// Plain-text, Markdown and HTML attachments are read after the text;
    /// others are named in the contribution's source and reported.
    ///
    /// Nothing is silent: an unknown sender, an automatic reply or an
    /// empty message, the same message again, an older message than the
    /// sender's contribution, unauthenticated mail are in
    /// [`Receipt::ignored`] with their codes, and change nothing. A newer
    /// message from the same sender replaces the earlier text (the receipt
    /// shows both).
    ///
    /// # Errors
    ///
    /// `inbox.too_large` over [`MAX_MESSAGE_BYTES`]; `inbox.malformed` for
    /// bytes that are no e-mail message; a calendar reply's own errors
    /// (`reply.malformed`, `reply.too_large`). The meeting is then
    /// unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{Meeting, ReceiptKind};
    ///
    /// let mut meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/inbox/meeting.json"))?;
    /// let message = "From: Siri Ødegård <siri.odegard@asker.kommune.no>\r\n\
    ///     Subject: Innspill til rundebordet\r\nDate: Thu, 7 Nov 2024 16:20:00 +0100\r\n\
    ///     Message-ID: <innspill-1@asker.kommune.no>\r\n\r\n\
    ///     Asker har vedtatt ny næringsplan.\r\n\r\nMvh\r\nSiri\r\n";
    /// let receipt = meeting.receive(message.as_bytes())?;
    /// assert_eq!(receipt.kind, ReceiptKind::Contribution);
    /// let added = &receipt.contribution.as_ref().unwrap().after;
    /// assert_eq!(added.body, "Asker har vedtatt ny næringsplan.");
    /// assert_eq!(added.from, "Asker kommune");
    /// assert_eq!(added.presenter.as_deref(), Some("Siri Ødegård"));
    /// assert_eq!(added.item.as_deref(), Some("4"));
    /// // The same message again changes nothing.
    /// let again = meeting.receive(message.as_bytes())?;
    /// assert_eq!(again.ignored[0].code.as_str(), "contribution.duplicate");
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn receive(&mut self, bytes: &[u8]) -> Result<Receipt> {
        self.receive_with(bytes, &ApplyOptions::default())
    }

    /// [`Meeting::receive`] with options: the sender the caller vouches
    /// for, the clock (for replies), and whether unauthenticated mail
    /// counts (see [`ApplyOptions`]).
    ///
    /// # Errors
    ///
    /// Those of [`Meeting::receive`].
    pub fn receive_with(&mut self, bytes: &[u8], options: &ApplyOptions) -> Result<Receipt> {
        self.receive_one(bytes, options, &mut Senders::default())
    }

    /// One message received, the roster's addresses looked up in `senders`
    /// (kept across a batch).
    fn receive_one(
        &mut self,
        bytes: &[u8],
        options: &ApplyOptions,
        senders: &mut Senders,
    ) -> Result<Receipt> {
        if bytes.len() > MAX_MESSAGE_BYTES {
            return Err(inbox_error(
                ErrorCode::InboxTooLarge,
                format!(
                    "the message has {} bytes; the limit is {MAX_MESSAGE_BYTES}",
                    bytes.len()
                ),
            ));
        }
        if crate::reply::carries_calendar(bytes) {
            let outcome = self.apply_reply_with(bytes, options)?;
            return Ok(Receipt::of_reply(outcome));
        }
        let message = MessageParser::default()
            .parse(bytes)
            .filter(|m| m.from().is_some() || m.message_id().is_some() || m.date().is_some())
            .ok_or_else(|| {
                inbox_error(
                    ErrorCode::InboxMalformed,
                    "not an e-mail message: no From:, Date: or Message-ID: header",
                )
            })?;
        Ok(receive_contribution(self, &message, options, senders))
    }

    /// Receives many messages, in the order of their `Date:` (then
    /// `Message-ID`), so that any order of the same messages gives the
    /// same meeting: one receipt each, in the order given. A message that
    /// cannot be read has a receipt whose `ignored` says why.
    pub fn receive_all<I, B>(&mut self, messages: I) -> Vec<Receipt>
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        self.receive_all_with(messages, &ApplyOptions::default())
    }

    /// [`Meeting::receive_all`] with options.
    pub fn receive_all_with<I, B>(&mut self, messages: I, options: &ApplyOptions) -> Vec<Receipt>
    where
        I: IntoIterator<Item = B>,
        B: AsRef<[u8]>,
    {
        let messages: Vec<B> = messages.into_iter().collect();
        let mut order: Vec<(Option<DateTime<FixedOffset>>, String, usize)> = messages
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let parsed = MessageParser::default().parse_headers(m.as_ref());
                let date = parsed.as_ref().and_then(|p| p.date()).and_then(instant);
                let id = parsed
                    .as_ref()
                    .and_then(|p| p.message_id())
                    .unwrap_or_default()
                    .to_owned();
                (date, id, i)
            })
            .collect();
        order.sort();
        let mut receipts: Vec<Option<Receipt>> = (0..messages.len()).map(|_| None).collect();
        let mut senders = Senders::default();
        for (_, _, i) in order {
            let receipt = match self.receive_one(messages[i].as_ref(), options, &mut senders) {
                Ok(receipt) => receipt,
                Err(e) => Receipt::unreadable(&e),
            };
            receipts[i] = Some(receipt.numbered(i));
        }
        receipts.into_iter().flatten().collect()
    }
}

/// The roster's addresses as compared ([`address_key`]), each with its
/// first person: made once for a batch of messages, not once a message
/// (10,000 messages against 2,000 people were 20 million normalisations),
/// and again only when the roster grew (a reply in the batch added a
/// delegate; replies add people and change no address).
#[derive(Default)]
struct Senders {
    /// The roster's length when the index was made; `None` before.
    made_for: Option<usize>,
    by_address: std::collections::HashMap<String, usize>,
    /// The "did you mean" index of the same addresses, made at the first
    /// stranger.
    suggestions: Option<Suggestions>,
}

impl Senders {
    /// The place on `roster` of the person whose address is `key`.
    fn find(&mut self, roster: &crate::model::roster::Roster, key: &str) -> Option<usize> {
        if self.made_for != Some(roster.len()) {
            self.by_address.clear();
            self.suggestions = None;
            for (i, person) in roster.iter().enumerate() {
                if let Some(email) = person.email() {
                    self.by_address.entry(address_key(email)).or_insert(i);
                }
            }
            self.made_for = Some(roster.len());
        }
        self.by_address.get(key).copied()
    }

    /// The roster address most like `key` (after [`Senders::find`]), as
    /// written on the roster.
    fn closest(&mut self, roster: &crate::model::roster::Roster, key: &str) -> Option<String> {
        let by_address = &self.by_address;
        let suggestions = self
            .suggestions
            .get_or_insert_with(|| Suggestions::of(by_address.keys()));
        let found = suggestions.closest(key)?;
        let person = roster.get(*by_address.get(&found)?)?;
        person.email().map(str::to_owned)
    }
}

/// An error of the inbox.
fn inbox_error(code: ErrorCode, reason: impl Into<String>) -> Error {
    Error::new(ErrorKind::Inbox {
        code,
        reason: reason.into(),
    })
}

/// A message's `Date:` as an instant with its offset.
fn instant(d: &mail_parser::DateTime) -> Option<DateTime<FixedOffset>> {
    let seconds = i32::from(d.tz_hour) * 3600 + i32::from(d.tz_minute) * 60;
    let offset = FixedOffset::east_opt(if d.tz_before_gmt { -seconds } else { seconds })?;
    let date =
        chrono::NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))?;
    if !(1..=crate::model::time::MAX_YEAR).contains(&chrono::Datelike::year(&date)) {
        return None;
    }
    let local = date.and_hms_opt(u32::from(d.hour), u32::from(d.minute), u32::from(d.second))?;
    local.and_local_timezone(offset).single()
}

/// Why a message is no contribution, if it is not: an automatic reply, a
/// delivery or read report.
fn not_a_contribution(message: &Message<'_>) -> Option<String> {
    fn header<'m>(message: &'m Message<'m>, name: &'static str) -> Option<&'m str> {
        message.header_raw(name).map(str::trim)
    }
    let header = |name: &'static str| header(message, name);
    if let Some(value) = header("Auto-Submitted").filter(|v| !v.eq_ignore_ascii_case("no")) {
        return Some(format!("an automatic message (Auto-Submitted: {value})"));
    }
    for name in [
        "X-Autoreply",
        "X-Autorespond",
        "X-Auto-Response-Suppress-Reply",
    ] {
        if header(name).is_some() {
            return Some(format!("an automatic reply ({name})"));
        }
    }
    if header("Precedence").is_some_and(|p| p.eq_ignore_ascii_case("auto_reply")) {
        return Some("an automatic reply (Precedence: auto_reply)".to_owned());
    }
    let root = message.root_part().content_type();
    if root.is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    }) {
        return Some("a delivery or read report (multipart/report)".to_owned());
    }
    let subject = message.subject().unwrap_or_default().to_lowercase();
    for phrase in [
        "automatisk svar",
        "autosvar",
        "fraværsmelding",
        "out of office",
        "automatic reply",
        "autoreply",
        "lest:",
        "read:",
        "undeliverable",
        "ikke levert",
    ] {
        if subject.starts_with(phrase) || subject.contains(&format!(" {phrase}")) {
            return Some(format!(
                "an automatic message (subject {:?})",
                message.subject().unwrap_or_default()
            ));
        }
    }
    None
}

/// A message as a contribution (or why not), applied to `meeting`.
fn receive_contribution(
    meeting: &mut Meeting,
    message: &Message<'_>,
    options: &ApplyOptions,
    senders: &mut Senders,
) -> Receipt {
    let from = message
        .from()
        .and_then(|f| f.first())
        .and_then(|a| a.address())
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let mut receipt = Receipt::new(ReceiptKind::Contribution);
    let ignore = |receipt: &mut Receipt, code: ReplyCode, reason: String, who: Option<&str>| {
        receipt.kind = ReceiptKind::Nothing;
        receipt
            .ignored
            .push(IgnoredReply::new(0, code, reason, None, true, who));
    };
    if let Some(why) = not_a_contribution(message) {
        ignore(
            &mut receipt,
            ReplyCode::ContributionNotAContribution,
            why,
            from,
        );
        return receipt;
    }
    let sender = match (&options.sender, from) {
        (Some(named), _) => named.clone(),
        (None, Some(from)) => from.to_owned(),
        (None, None) => {
            ignore(
                &mut receipt,
                ReplyCode::ContributionUnknownSender,
                "the message has no From: address, so it is nobody's contribution".to_owned(),
                None,
            );
            return receipt;
        }
    };
    if options.sender.is_none() && !options.trust_unauthenticated {
        if let Some(why) = authentication_failure(message, &sender) {
            ignore(
                &mut receipt,
                ReplyCode::InboxUnauthenticated,
                format!("{why}: the message may not be from {sender:?}"),
                Some(&sender),
            );
            return receipt;
        }
    }
    let key = address_key(&sender);
    let Some(person) = senders
        .find(&meeting.roster, &key)
        .and_then(|i| meeting.roster.get(i))
    else {
        let suggestion = senders.closest(&meeting.roster, &key);
        ignore(
            &mut receipt,
            ReplyCode::ContributionUnknownSender,
            format!(
                "{:?} is nobody's address on the roster: nothing added",
                crate::error::shorten(&sender)
            ),
            Some(&sender),
        );
        if let Some(entry) = receipt.ignored.last_mut() {
            entry.suggestion = suggestion;
        }
        return receipt;
    };
    let (organisation, presenter) = (person.organisation().to_owned(), person.full_name());

    // The text, and the attachments read into it.
    let (mut text, mut left_out) = body::contribution_of(&message_text(message));
    let mut attachments = Vec::new();
    for part in message.attachments() {
        let name = part
            .attachment_name()
            .map(str::to_owned)
            .unwrap_or_else(|| "(unnamed)".to_owned());
        let lower = name.to_lowercase();
        let read: Option<Result<String, String>> = match office::markdown_of(&name, part.contents())
        {
            Some(document) => Some(document),
            None => READ_ATTACHMENTS
                .iter()
                .any(|ext| lower.ends_with(ext))
                .then(|| part.text_contents())
                .flatten()
                .map(|contents| {
                    Ok(if lower.ends_with(".html") || lower.ends_with(".htm") {
                        body::html_to_markdown(contents)
                    } else {
                        contents.to_owned()
                    })
                }),
        };
        match read {
            Some(Err(why)) => receipt.ignored.push(IgnoredReply::new(
                0,
                ReplyCode::ContributionAttachmentNotRead,
                format!("the attachment {name:?} cannot be read: {why}; its name is kept with the contribution"),
                None,
                true,
                Some(&sender),
            )),
            Some(Ok(markdown)) => {
                let markdown = markdown.trim();
                if !markdown.is_empty() {
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    text.push_str(markdown);
                }
            }
            None => receipt.ignored.push(IgnoredReply::new(
                0,
                ReplyCode::ContributionAttachmentNotRead,
                format!("the attachment {name:?} is not read (only .docx, .odt, .txt, .md and .html are): its name is kept with the contribution"),
                None,
                true,
                Some(&sender),
            )),
        }
        attachments.push(name);
    }
    // Nothing to read and nothing attached: no contribution. (Only a
    // PDF attached is one: its name is kept, and the receipt says it was
    // not read.)
    if text.trim().is_empty() && attachments.is_empty() {
        ignore(
            &mut receipt,
            ReplyCode::ContributionNotAContribution,
            "the message is empty (nothing but a quote, a signature or a closing)".to_owned(),
            Some(&sender),
        );
        receipt.left_out = left_out;
        return receipt;
    }
    left_out.retain(|l| !l.text.is_empty());
    receipt.left_out = left_out;

    let message_id = message.message_id().unwrap_or_default().to_owned();
    let date = message.date().and_then(instant);
    let subject = message.subject().unwrap_or_default().to_owned();
    // The same message again.
    if !message_id.is_empty()
        && meeting.contributions.iter().any(|c| {
            c.source
                .as_ref()
                .is_some_and(|s| s.message_id == message_id)
        })
    {
        receipt.ignored.clear();
        ignore(
            &mut receipt,
            ReplyCode::ContributionDuplicateMessage,
            format!("the message <{message_id}> was received already: nothing changed"),
            Some(&sender),
        );
        return receipt;
    }
    let (item, item_note) = round_table_item(meeting, &subject);
    receipt.item_note = item_note;
    let contribution = Contribution {
        from: organisation,
        presenter: Some(presenter),
        item: item.clone(),
        submitted_at: date,
        body: text,
        speaking_minutes: None,
        source: Some(ContributionSource {
            message_id,
            subject,
            sender: sender.clone(),
            date,
            attachments,
        }),
    };
    // The sender's earlier contribution to the item: replaced by a newer
    // message, kept against an older one.
    let earlier = meeting.contributions.iter().position(|c| {
        c.item == item
            && c.source
                .as_ref()
                .is_some_and(|s| address_key(&s.sender) == key)
    });
    match earlier {
        Some(at) => {
            let old = &meeting.contributions[at];
            if order_key(old) >= order_key(&contribution) {
                receipt.ignored.clear();
                ignore(
                    &mut receipt,
                    ReplyCode::ContributionDuplicateMessage,
                    "an older message than the contribution already received from this sender: nothing changed".to_owned(),
                    Some(&sender),
                );
                return receipt;
            }
            let before = std::mem::replace(&mut meeting.contributions[at], contribution.clone());
            receipt.contribution = Some(ContributionChange {
                index: at,
                before: Some(before),
                after: contribution,
            });
        }
        None => {
            meeting.contributions.push(contribution.clone());
            receipt.contribution = Some(ContributionChange {
                index: meeting.contributions.len() - 1,
                before: None,
                after: contribution,
            });
        }
    }
    receipt
}

/// How received contributions are ordered: by `Date:`, then Message-ID.
fn order_key(c: &Contribution) -> (Option<DateTime<FixedOffset>>, &str) {
    let source = c.source.as_ref();
    (
        source.and_then(|s| s.date),
        source.map_or("", |s| s.message_id.as_str()),
    )
}

/// The message's text: its plain-text body (flowed lines joined), or its
/// HTML body as Markdown when it has no plain text of its own.
fn message_text(message: &Message<'_>) -> String {
    let plain = message.text_part(0).filter(|p| {
        p.content_type().is_none_or(|ct| {
            ct.ctype().eq_ignore_ascii_case("text")
                && ct.subtype().is_none_or(|s| s.eq_ignore_ascii_case("plain"))
        })
    });
    if let Some(part) = plain {
        let text = part.text_contents().unwrap_or_default();
        let flowed = part.content_type().and_then(|ct| ct.attribute("format"));
        if flowed.is_some_and(|f| f.eq_ignore_ascii_case("flowed")) {
            let delsp = part
                .content_type()
                .and_then(|ct| ct.attribute("delsp"))
                .is_some_and(|d| d.eq_ignore_ascii_case("yes"));
            return body::unflowed(text, delsp);
        }
        return text.to_owned();
    }
    match message.body_html(0) {
        Some(html) => body::html_to_markdown(&html),
        None => String::new(),
    }
}

/// The round-table item a contribution is for: the agenda's one, or, of
/// several, the one whose number or title the subject names (else the
/// first, and a note saying so).
fn round_table_item(meeting: &Meeting, subject: &str) -> (Option<String>, Option<String>) {
    let tables: Vec<_> = meeting
        .agenda
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::RoundTable(_)))
        .collect();
    match tables.as_slice() {
        [] => (None, None),
        [one] => (Some(one.number.clone()), None),
        [first, ..] => {
            let lower = subject.to_lowercase();
            let named = tables.iter().find(|i| {
                lower.contains(&i.title.to_lowercase())
                    || lower
                        .split(|c: char| !c.is_alphanumeric() && c != '.')
                        .any(|w| w.trim_end_matches('.') == i.number.trim_end_matches('.'))
            });
            match named {
                Some(item) => (Some(item.number.clone()), None),
                None => (
                    Some(first.number.clone()),
                    Some(format!(
                        "the agenda has {} round tables and the subject names none: filed under the first ({})",
                        tables.len(),
                        first.number
                    )),
                ),
            }
        }
    }
}
