//! The Markdown writer: user text escaped, members' Markdown kept with its
//! headings moved down.

use super::blocks::{Block, Inline};

/// Escapes user text for Markdown: the characters that start emphasis,
/// code, links, HTML or entities anywhere, and those that start a block at
/// the beginning of a line.
pub(super) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        let at_start = i == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // "1. x" at the start of a line would begin a list.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
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

/// Moves the ATX headings of a member's Markdown down by `shift` levels,
/// outside code fences.
pub(super) fn shift_headings(source: &str, shift: u8) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    let mut fenced = false;
    for line in source.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        let level = trimmed.bytes().take_while(|b| *b == b'#').count();
        if !fenced
            && (1..=6).contains(&level)
            && matches!(trimmed.as_bytes().get(level), None | Some(b' ' | b'\t'))
        {
            let new = (level + usize::from(shift)).min(6);
            out.push_str(&"#".repeat(new));
            out.push_str(&trimmed[level..]);
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

pub(super) fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, line) => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&md_inline(line));
                out.push('\n');
            }
            Block::Paragraph(lines) => {
                let rendered: Vec<String> = lines.iter().map(|l| md_inline(l)).collect();
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
            Block::Markdown { source, shift } => {
                out.push_str(shift_headings(source, *shift).trim_end());
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
            shift_headings("# A\n```\n# code\n```\n##B\n", 2),
            "### A\n```\n# code\n```\n##B\n"
        );
    }
}
