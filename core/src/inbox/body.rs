//! A message's text as the contribution it carries: flowed text joined,
//! HTML turned into Markdown (by `htmd`), and what is not the contribution
//! taken out and kept aside: the quoted earlier message, the signature, the
//! closing block.

use serde::Serialize;

/// What a message held that is not the contribution, left out of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LeftOutKind {
    /// The earlier message quoted under the answer (`>` lines, Outlook's
    /// `Fra:/Sendt:` block, "Den … skrev:", "On … wrote:").
    Quoted,
    /// The signature after a `-- ` line.
    Signature,
    /// The closing ("Med vennlig hilsen", "Mvh", "Best regards") and the
    /// name, title and phone lines after it.
    Closing,
}

impl LeftOutKind {
    /// `"quoted"`, `"signature"` or `"closing"`: as in the JSON, and in
    /// every language.
    pub fn as_str(self) -> &'static str {
        match self {
            LeftOutKind::Quoted => "quoted",
            LeftOutKind::Signature => "signature",
            LeftOutKind::Closing => "closing",
        }
    }
}

/// A part of a message left out of its contribution, as it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LeftOut {
    /// What it is.
    pub kind: LeftOutKind,
    /// Its text.
    pub text: String,
}

/// The most lines after a closing ("Mvh") that are still its name, title,
/// organisation and phone; more, and the closing was part of the text.
const CLOSING_LINES: usize = 6;

/// Plain text as sent: RFC 3676 flowed lines (`format=flowed`) joined,
/// with `delsp=yes` their trailing space removed too.
pub(super) fn unflowed(text: &str, delsp: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text.strip_suffix('\n').unwrap_or(text);
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        // Space-stuffing (RFC 3676 §4.4) undone; the signature line stays.
        let line = if line != "-- " {
            line.strip_prefix(' ').unwrap_or(line)
        } else {
            line
        };
        if line.ends_with(' ') && line != "-- " {
            out.push_str(if delsp { &line[..line.len() - 1] } else { line });
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// HTML as Markdown: headings, bold and italic, lists, links and tables
/// as `htmd` writes them; Outlook's list paragraphs (a bullet character
/// and non-breaking spaces in a paragraph of its own) as list items.
pub(super) fn html_to_markdown(html: &str) -> String {
    let converter = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style", "head", "title", "meta", "o:p"])
        .build();
    // The <meta> elements go first: they hold nothing for Markdown (the
    // charset was the message's), and html5ever 0.38 indexes past the end
    // of a `content` that ends in "charset" (found by the receive fuzz
    // target). Its parse runs in a guard too, so that another such fault in
    // a reader of strangers' mail is a message read as its text, never a
    // panic in the caller; an error of its sink is the same.
    let html = without_meta(html);
    let converted =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| converter.convert(&html)));
    let markdown = match converted {
        Ok(Ok(markdown)) => markdown,
        _ => html.into_owned(),
    };
    // Outlook writes each list item as a paragraph of its own: the blank
    // line between two of them would make a loose list.
    let mut lines: Vec<String> = Vec::new();
    let mut last_bullet = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start_matches(['\u{a0}', ' ']);
        match outlook_bullet(trimmed) {
            Some(rest) => {
                if last_bullet && lines.last().is_some_and(|l| l.is_empty()) {
                    lines.pop();
                }
                lines.push(format!("- {rest}"));
                last_bullet = true;
            }
            None if line.trim().is_empty() => lines.push(String::new()),
            None => {
                lines.push(line.trim_end_matches('\u{a0}').to_owned());
                last_bullet = false;
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// `html` without its `<meta …>` elements.
fn without_meta(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let is_meta = |at: usize| {
        bytes
            .get(at + 1..at + 5)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"meta"))
            && bytes.get(at + 5).is_none_or(|b| !b.is_ascii_alphanumeric())
    };
    if !memchr::memchr_iter(b'<', bytes).any(is_meta) {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        if at < from || !is_meta(at) {
            continue;
        }
        out.push_str(&html[from..at]);
        // '<' and '>' are ASCII: the cuts fall between characters.
        from = memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |end| at + end + 1);
    }
    out.push_str(&html[from..]);
    std::borrow::Cow::Owned(out)
}

/// The text of an Outlook list paragraph after its bullet (`·`, `•`, `o`,
/// `§`, `▪` and white space), if `line` is one.
fn outlook_bullet(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let bullet = chars.next()?;
    if !matches!(bullet, '·' | '•' | '▪' | '§' | '\u{f0b7}') && line.get(..2) != Some("o\u{a0}")
    {
        return None;
    }
    let rest = line[bullet.len_utf8()..].trim_start_matches(['\u{a0}', ' ']);
    (!rest.is_empty() && rest.len() < line.len() - bullet.len_utf8()).then_some(rest)
}

/// The contribution in `text` (Markdown or plain text), and what was left
/// out of it, in the order found.
pub(super) fn contribution_of(text: &str) -> (String, Vec<LeftOut>) {
    let mut left_out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();

    // The earlier message: from its header block or attribution on.
    if let Some(at) = quoted_start(&lines) {
        left_out.push(LeftOut {
            kind: LeftOutKind::Quoted,
            text: lines[at..].join("\n").trim().to_owned(),
        });
        end = at;
    }
    // The signature: from the "-- " line on (RFC 3676 §4.3).
    if let Some(at) = lines[..end]
        .iter()
        .position(|l| *l == "-- " || *l == "--" || *l == "\\--")
    {
        left_out.push(LeftOut {
            kind: LeftOutKind::Signature,
            text: lines[at + 1..end].join("\n").trim().to_owned(),
        });
        end = at;
    }
    // Quoted lines left in the answer ("> " interleaved).
    let mut kept: Vec<&str> = Vec::with_capacity(end);
    let mut quoted: Vec<&str> = Vec::new();
    for line in &lines[..end] {
        if line.trim_start().starts_with('>') {
            quoted.push(line);
        } else {
            kept.push(line);
        }
    }
    if !quoted.is_empty() {
        left_out.insert(
            0,
            LeftOut {
                kind: LeftOutKind::Quoted,
                text: quoted.join("\n"),
            },
        );
    }
    // The closing block at the very end.
    while kept.last().is_some_and(|l| l.trim().is_empty()) {
        kept.pop();
    }
    if let Some(at) = closing_start(&kept) {
        left_out.push(LeftOut {
            kind: LeftOutKind::Closing,
            text: kept[at..].join("\n").trim().to_owned(),
        });
        kept.truncate(at);
    }
    let body = kept.join("\n").trim().to_owned();
    (body, left_out)
}

/// A line without Markdown's emphasis and escapes, trimmed: "**Fra:**
/// Kari" is "Fra: Kari".
fn plain(line: &str) -> String {
    line.replace(['*', '_', '\\'], "").trim().to_owned()
}

fn starts_with_any(line: &str, words: &[&str]) -> bool {
    let lower = line.to_lowercase();
    words.iter().any(|w| lower.starts_with(w))
}

/// Where the quoted earlier message starts: Outlook's header block (`Fra:`
/// and `Sendt:` or `Dato:` within the next lines, or the English), an
/// "Original Message" rule, or an attribution line ("Den … skrev:", "On …
/// wrote:").
fn quoted_start(lines: &[&str]) -> Option<usize> {
    for (i, line) in lines.iter().enumerate() {
        let p = plain(line);
        if p.contains("-----Original Message-----")
            || p.contains("-----Opprinnelig melding-----")
            || p.contains("-----Videresendt melding-----")
        {
            return Some(i);
        }
        if starts_with_any(&p, &["fra:", "from:"]) {
            let near = lines.iter().skip(i + 1).take(4).map(|l| plain(l));
            if near
                .into_iter()
                .any(|l| starts_with_any(&l, &["sendt:", "dato:", "sent:", "date:"]))
            {
                return Some(i);
            }
        }
        let lower = p.to_lowercase();
        let says = |l: &str| l.ends_with(':') && (l.contains("skrev") || l.contains("wrote"));
        let opens = lower.starts_with("den ") || lower.starts_with("on ");
        let attribution = opens && says(&lower);
        // An attribution broken over two lines by the mailer.
        let broken = opens
            && lines
                .get(i + 1)
                .is_some_and(|next| says(&plain(next).to_lowercase()));
        if attribution || broken {
            return Some(i);
        }
    }
    None
}

/// Where the closing block starts, if the text ends with one: a closing
/// phrase alone on its line, followed by at most [`CLOSING_LINES`] short
/// lines (name, title, organisation, phone).
fn closing_start(lines: &[&str]) -> Option<usize> {
    const CLOSINGS: &[&str] = &[
        "med vennlig hilsen",
        "vennlig hilsen",
        "vennleg helsing",
        "beste hilsen",
        "med hilsen",
        "hilsen",
        "mvh",
        "best regards",
        "kind regards",
        "regards",
        "best wishes",
        "dearvuođat",
    ];
    let from = lines.len().saturating_sub(CLOSING_LINES + 1);
    for (i, line) in lines.iter().enumerate().skip(from) {
        let p = plain(line).to_lowercase();
        let phrase = p.trim_end_matches([',', '.', '!']).trim();
        let is_closing = CLOSINGS.iter().any(|c| {
            phrase == *c
                || phrase
                    .strip_prefix(c)
                    .is_some_and(|rest| rest.starts_with(' ') && rest.len() < 40)
        });
        let short_after = lines[i + 1..].iter().all(|l| l.chars().count() <= 80);
        if is_closing && short_after {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flowed_lines_are_joined() {
        assert_eq!(
            unflowed("Dette er en \r\nlang linje.\r\n", false),
            "Dette er en lang linje.\n"
        );
        assert_eq!(
            unflowed("Dette er en \r\nlang linje.\r\n", true),
            "Dette er enlang linje.\n"
        );
        // The signature separator is no soft break.
        assert_eq!(
            unflowed("Tekst\r\n-- \r\nKari\r\n", false),
            "Tekst\n-- \nKari\n"
        );
    }

    #[test]
    fn quoted_message_signature_and_closing_are_left_out() {
        let text = "Asker kommune arbeider med ny næringsplan.\n\n\
                    - Kompetanse\n- Areal\n\n\
                    Med vennlig hilsen\nKari Nordmann\nRådgiver\nTlf. 412 03 424\n\n\
                    -- \nAsker kommune | www.asker.kommune.no\n\n\
                    Fra: Sekretariatet <post@osloregionen.no>\nSendt: 1. november 2024 10:00\n\
                    Til: Kari\nEmne: Innkalling\n\nHei, send innspill.";
        let (body, left_out) = contribution_of(text);
        assert_eq!(
            body,
            "Asker kommune arbeider med ny næringsplan.\n\n- Kompetanse\n- Areal"
        );
        let kinds: Vec<LeftOutKind> = left_out.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LeftOutKind::Quoted,
                LeftOutKind::Signature,
                LeftOutKind::Closing
            ]
        );
        assert!(left_out[0].text.starts_with("Fra: Sekretariatet"));
        assert_eq!(left_out[1].text, "Asker kommune | www.asker.kommune.no");
        assert!(left_out[2]
            .text
            .starts_with("Med vennlig hilsen\nKari Nordmann"));
    }

    #[test]
    fn attributions_and_quote_marks_are_left_out_and_a_closing_inside_the_text_is_kept() {
        let (body, left_out) = contribution_of(
            "Vårt innspill.\n\nDen 1. nov. 2024 kl. 10:00 skrev Sekretariatet <post@osloregionen.no>:\n> Send innspill.",
        );
        assert_eq!(body, "Vårt innspill.");
        assert_eq!(left_out[0].kind, LeftOutKind::Quoted);
        let (body, _) = contribution_of(
            "Svar:\n> spørsmål\nJa.\nOn Fri, Nov 1, 2024 at 10:00 AM Kari\nwrote:\n> x",
        );
        assert_eq!(body, "Svar:\nJa.");
        // "Hilsen" followed by a long paragraph is the text's own.
        let long = "Hilsen fra Elverum\n".to_owned() + &"Vi har mye å fortelle om. ".repeat(10);
        assert_eq!(contribution_of(&long).0, long.trim());
    }

    #[test]
    fn a_meta_element_that_broke_html5ever_is_taken_out_first() {
        // html5ever 0.38 panicked on a content ending in "charset".
        for html in [
            "<html><head><meta http-equiv=Content-Type content=\"text/html; charset\"></head><body><p>Tekst</p></body></html>",
            "<META content='charset'><p>Tekst</p>",
            "<p>Tekst</p><meta",
        ] {
            assert_eq!(html_to_markdown(html).trim(), "Tekst", "{html}");
        }
        assert_eq!(
            without_meta("<p>a</p><metadata>b</metadata>"),
            "<p>a</p><metadata>b</metadata>"
        );
        assert_eq!(without_meta("<p>æ</p><meta x><p>ø</p>"), "<p>æ</p><p>ø</p>");
    }

    #[test]
    fn outlook_html_becomes_markdown_with_lists() {
        let html = "<html><head><style>p.MsoNormal{}</style></head><body>\
            <p class=MsoNormal><b>Status</b></p>\
            <p class=MsoListParagraph><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;&nbsp;</span></span>Kompetanse</p>\
            <p class=MsoListParagraph><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;&nbsp;</span></span>Areal</p>\
            <p class=MsoNormal>Se <a href=\"https://asker.kommune.no\">planen</a>.</p></body></html>";
        let md = html_to_markdown(html);
        assert!(md.contains("**Status**"), "{md}");
        assert!(md.contains("- Kompetanse\n"), "{md}");
        assert!(md.contains("- Areal\n"), "{md}");
        assert!(md.contains("[planen](https://asker.kommune.no)"), "{md}");
        assert!(!md.contains("MsoNormal"), "{md}");
    }
}
