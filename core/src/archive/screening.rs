//! What the public record may not read (Offentleglova § 13 and the
//! personal-data rules): a title that names someone on the roster or holds
//! a national identity number is screened and its public title masked;
//! whoever such a title names is a screened person; and a document file,
//! an agenda item or a record whose text names a screened person or holds
//! a national identity number is screened too, wherever it is repeated.

use std::collections::BTreeSet;
use std::ops::Range;

use super::ArchiveFile;
use crate::model::agenda::AgendaItem;
use crate::model::meeting::Meeting;
use crate::text::names::NameFinder;
use crate::text::national_id;

/// What a meeting's archive screens, worked out once per export.
pub(super) struct Screening {
    /// Everyone on the roster, whose name in a title screens it.
    everyone: NameFinder,
    /// The screened persons: those named in any record's title (the
    /// meeting's, an item's, a document's or a case record's).
    screened: NameFinder,
}

impl Screening {
    /// The screening of `m`, whose records are to carry `titles`: the
    /// meeting's, its items' and each record's, as written.
    pub(super) fn new<'t>(m: &'t Meeting, titles: impl IntoIterator<Item = &'t str>) -> Screening {
        let people = || {
            m.roster
                .iter()
                .enumerate()
                .map(|(i, p)| (i, p.given_name(), p.family_name()))
        };
        let everyone = NameFinder::new(people());
        let mut named = BTreeSet::new();
        if !everyone.is_empty() {
            let items = m.agenda.iter().map(|i| i.title.as_str());
            for title in titles.into_iter().chain(items) {
                named.extend(everyone.find(title).into_iter().map(|(_, who)| who));
            }
        }
        let screened = NameFinder::new(people().filter(|(i, _, _)| named.contains(i)));
        Screening { everyone, screened }
    }

    /// The public title of `title`: each national identity number masked
    /// with as many asterisks as it has characters, each name of someone
    /// on the roster with five (names and numbers that overlap, as one).
    /// `None` when the title can be public as it is.
    pub(super) fn public_title(&self, title: &str) -> Option<String> {
        let mut spans: Vec<(Range<usize>, bool)> = national_id::find(title)
            .into_iter()
            .map(|f| (f.span, true))
            .collect();
        spans.extend(
            self.everyone
                .find(title)
                .into_iter()
                .map(|(r, _)| (r, false)),
        );
        if spans.is_empty() {
            return None;
        }
        spans.sort_by_key(|(r, _)| r.start);
        // Overlapping spans merged: (bytes, whether only numbers).
        let mut merged: Vec<(Range<usize>, bool)> = Vec::new();
        for (span, number) in spans {
            match merged.last_mut() {
                Some((last, only_numbers)) if span.start < last.end => {
                    last.end = last.end.max(span.end);
                    *only_numbers &= number;
                }
                _ => merged.push((span, number)),
            }
        }
        let mut masked = String::with_capacity(title.len());
        let mut copied = 0;
        for (span, only_numbers) in merged {
            masked.push_str(&title[copied..span.start]);
            if only_numbers {
                masked.extend(std::iter::repeat_n(
                    '*',
                    title[span.clone()].chars().count(),
                ));
            } else {
                masked.push_str("*****");
            }
            copied = span.end;
        }
        masked.push_str(&title[copied..]);
        Some(masked)
    }

    /// Whether `text` names a screened person or holds a national identity
    /// number.
    pub(super) fn holds(&self, text: &str) -> bool {
        !national_id::find(text).is_empty() || self.screened.is_in(text)
    }

    /// Whether an agenda item is screened: by its title, or by what its
    /// description, recommendation or decision holds.
    pub(super) fn item(&self, item: &AgendaItem, public_title: Option<&str>) -> bool {
        public_title.is_some()
            || [
                item.description.as_deref(),
                item.decision.as_deref(),
                item.archive
                    .as_ref()
                    .and_then(|a| a.recommendation.as_deref()),
            ]
            .into_iter()
            .flatten()
            .any(|t| self.holds(t))
    }

    /// Whether a document file is screened: read as a reader would see it
    /// (markup taken out, character references read) and as its bytes
    /// stand (an attribute, a Markdown file opened as text).
    pub(super) fn file(&self, file: &ArchiveFile) -> bool {
        let raw = String::from_utf8_lossy(&file.bytes);
        self.holds(&raw) || self.holds(&readable(&raw))
    }
}

/// Text as a reader of its HTML (or the HTML in Markdown) sees it: tags
/// out (those that break a line become one, others nothing, so that a
/// number split by `<b>` stays whole), character references read.
fn readable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let Some(end) = rest.find('>') else {
                break;
            };
            let name: String = rest[1..end]
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            if breaks_line(&name) {
                out.push('\n');
            }
            rest = &rest[end + 1..];
        } else {
            let (c, used) = reference(rest).unwrap_or(('&', 1));
            out.push(c);
            rest = &rest[used..];
        }
    }
    out.push_str(rest);
    out
}

fn breaks_line(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "dt"
            | "dd"
            | "dl"
            | "blockquote"
            | "pre"
            | "hr"
            | "section"
            | "header"
            | "footer"
            | "article"
            | "title"
            | "caption"
            | "main"
    )
}

/// The character a reference at the start of `s` stands for, and its
/// length: `&amp;`, `&#49;`, `&#x31;` and the few names HTML text uses.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..end];
    let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = body.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "thinsp" => '\u{2009}',
            "ndash" => '\u{2013}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_sees_text_without_markup_and_with_references_read() {
        assert_eq!(
            readable("<p>Per <b>Hansen</b></p>&#49;5&#x30;7&amp;&nbsp;&bogus; <"),
            "\nPer Hansen\n1507&\u{a0}&bogus; <"
        );
        assert_eq!(readable("a&#1114112;b&#;c&"), "a&#1114112;b&#;c&");
    }
}
