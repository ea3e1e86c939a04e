//! The Markdown writer: user text escaped, members' Markdown kept with its
//! headings moved down.

use super::blocks::{labelled, Block, Inline};

/// User text as Markdown text: every character that could start markup
/// escaped, at the start of each of its lines too, and its line breaks made
/// hard breaks, so that no value opens a heading, a list, a quote or a
/// code block of its own.
pub(super) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let text = s.replace("\r\n", "\n").replace('\r', "\n");
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push_str("\\\n");
        }
        // Leading blanks would make an indented code block or a lazy line.
        let line = if n > 0 { line.trim_start() } else { line };
        let start = out.len();
        for (i, c) in line.chars().enumerate() {
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                    out.push('\\');
                    out.push(c);
                }
                '#' | '+' | '-' | '=' if i == 0 => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        // "1. x" at the start of a line would begin a list.
        let digits = out[start..].bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(out.as_bytes().get(start + digits), Some(b'.' | b')')) {
            out.insert(start + digits, '\\');
        }
    }
    out
}

pub(super) fn md_inline(line: &[Inline]) -> String {
    line.iter()
        .map(|i| match i {
            Inline::Text(t) => md_escape(t),
            Inline::Strong(t) => format!("**{}**", md_escape(t)),
            Inline::Link { text, url } => format!(
                "[{}](<{}>)",
                md_escape(text),
                url.replace(['<', '>', '\n', '\r'], "")
            ),
        })
        .collect()
}

/// A member's Markdown, made fit to stand inside the document without
/// changing its structure: headings (ATX and setext) moved down by `shift`
/// levels and put on one line, raw HTML turned into text, and a code fence
/// left open closed. The edits are found by parsing it with pulldown-cmark,
/// so that code and quotes are told apart as a CommonMark reader would.
pub(super) fn embed_markdown(source: &str, shift: u8) -> String {
    use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

    // (position, bytes removed, text inserted), applied back to front.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut heading: Option<(usize, usize)> = None;
    for (event, range) in Parser::new_ext(source, Options::empty()).into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                for (i, _) in source[range.clone()].match_indices('<') {
                    edits.push((range.start + i, 1, "&lt;".to_owned()));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((range.start, range.end));
                let new = (level as usize + usize::from(shift)).min(6);
                let text = &source[range.clone()];
                let atx = text.trim_start().starts_with('#');
                if atx {
                    let hashes = text.trim_start().bytes().take_while(|b| *b == b'#').count();
                    let at = range.start + (text.len() - text.trim_start().len());
                    edits.push((at, hashes, "#".repeat(new)));
                } else {
                    // Setext: the underline goes, the text gets hashes.
                    edits.push((range.start, 0, format!("{} ", "#".repeat(new))));
                    let body = text.trim_end_matches(['\n', '\r']);
                    if let Some(nl) = body.rfind('\n') {
                        edits.push((range.start + nl, body.len() - nl, String::new()));
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak
                if heading.is_some_and(|(_, end)| range.end <= end) =>
            {
                // A setext heading over several lines becomes one line.
                let text = &source[range.clone()];
                if let Some(nl) = text.find('\n') {
                    edits.push((range.start + nl, 1, " ".to_owned()));
                }
            }
            Event::End(TagEnd::Heading(_)) => heading = None,
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                let text = &source[range.clone()];
                let open = text.trim_start();
                let fence_char = open.chars().next().unwrap_or('`');
                let fence_len = open.chars().take_while(|c| *c == fence_char).count();
                let last = text
                    .trim_end_matches(['\n', '\r'])
                    .lines()
                    .last()
                    .unwrap_or("");
                let closed = text.lines().count() > 1
                    && last.trim().chars().all(|c| c == fence_char)
                    && last.trim().len() >= fence_len;
                if !closed {
                    let fence = fence_char.to_string().repeat(fence_len.max(3));
                    let newline = if text.ends_with('\n') { "" } else { "\n" };
                    edits.push((range.end, 0, format!("{newline}{fence}\n")));
                }
            }
            _ => {}
        }
    }
    edits.sort_by_key(|e| (e.0, e.1));
    let mut out = String::with_capacity(source.len() + edits.len() * 4);
    let mut at = 0;
    for (pos, remove, insert) in edits {
        if pos < at || pos > source.len() {
            continue;
        }
        out.push_str(&source[at..pos]);
        out.push_str(&insert);
        at = (pos + remove).min(source.len());
    }
    out.push_str(&source[at..]);
    out
}

pub(super) fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, line) => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                // A heading is one line: a break in its text is a space.
                out.push_str(&md_inline(line).replace("\\\n", " "));
                out.push('\n');
            }
            Block::Paragraph(lines) => {
                let rendered: Vec<String> = lines.iter().map(|l| md_inline(l)).collect();
                out.push_str(&rendered.join("\\\n"));
                out.push('\n');
            }
            Block::Fields(fields) => {
                let rendered: Vec<String> = fields
                    .iter()
                    .map(|(label, value)| md_inline(&labelled(label, value.as_str())))
                    .collect();
                out.push_str(&rendered.join("\\\n"));
                out.push('\n');
            }
            Block::List(items) => {
                for item in items {
                    out.push_str("- ");
                    out.push_str(&md_inline(item));
                    out.push('\n');
                }
            }
            Block::Markdown { source, shift, .. } => {
                out.push_str(embed_markdown(source, *shift).trim_end());
                out.push('\n');
            }
            Block::Rule => out.push_str("---\n"),
        }
        out.push('\n');
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_text_as_text() {
        assert_eq!(
            md_escape("*not bold* [x](y) <b> & 1_000"),
            "\\*not bold\\* \\[x\\](y) \\<b\\> \\& 1\\_000"
        );
        assert_eq!(md_escape("# heading"), "\\# heading");
        assert_eq!(md_escape("2025. Forslag"), "2025\\. Forslag");
        assert_eq!(md_escape("Oslo Rådhus, kl 12:00"), "Oslo Rådhus, kl 12:00");
    }

    #[test]
    fn headings_move_down_outside_code() {
        assert_eq!(
            embed_markdown("# A\n```\n# code\n```\n##B\n", 2),
            "### A\n```\n# code\n```\n##B\n"
        );
    }
}
