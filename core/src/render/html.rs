//! The HTML writer, and the sanitiser that renders members' Markdown with
//! raw HTML as text and only http, https and mailto links.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::blocks::{labelled, title, Block, Inline};
use crate::names::Language;

pub(super) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Only web and mail links are kept: a `javascript:` or `data:` link in a
/// contribution must not become a link.
pub(super) fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

pub(super) fn html_inline(line: &[Inline]) -> String {
    line.iter()
        .map(|i| match i {
            Inline::Text(t) => html_escape(t),
            Inline::Strong(t) => format!("<strong>{}</strong>", html_escape(t)),
            Inline::Link { text, url } if safe_url(url) => {
                format!(
                    "<a href=\"{}\">{}</a>",
                    html_escape(url.trim()),
                    html_escape(text)
                )
            }
            Inline::Link { text, .. } => html_escape(text),
        })
        .collect()
}

pub(super) fn shifted(level: HeadingLevel, shift: u8) -> HeadingLevel {
    let n = (level as usize + usize::from(shift)).min(6);
    match n {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A member's Markdown as HTML: headings moved down, raw HTML as text,
/// images as their description, links only to http, https and mailto.
pub(crate) fn markdown_to_safe_html(source: &str, shift: u8) -> String {
    let mut links: Vec<bool> = Vec::new();
    let mut in_image = 0usize;
    let events =
        Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH).filter_map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(Tag::Heading {
                level: shifted(level, shift),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                Some(Event::End(TagEnd::Heading(shifted(level, shift))))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = safe_url(&dest_url);
                links.push(keep);
                keep.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => match links.pop() {
                Some(true) => Some(Event::End(TagEnd::Link)),
                _ => None,
            },
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                None
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                None
            }
            Event::Text(t) if in_image > 0 => Some(Event::Text(t)),
            Event::FootnoteReference(name) => Some(Event::Text(CowStr::from(format!("[^{name}]")))),
            other => Some(other),
        });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

pub(super) fn to_html(blocks: &[Block], language: Language) -> String {
    let title = title(blocks);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>body{{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.4}}.contribution{{margin-left:1em}}</style>\n</head>\n<body>\n",
        language.code(),
        html_escape(&title)
    );
    for block in blocks {
        match block {
            Block::Heading(level, line) => {
                out.push_str(&format!("<h{level}>{}</h{level}>\n", html_inline(line)));
            }
            Block::Paragraph(lines) => {
                let rendered: Vec<String> = lines.iter().map(|l| html_inline(l)).collect();
                out.push_str(&format!("<p>{}</p>\n", rendered.join("<br>\n")));
            }
            Block::Fields(fields) => {
                let rendered: Vec<String> = fields
                    .iter()
                    .map(|(label, value)| html_inline(&labelled(label, value.as_str())))
                    .collect();
                out.push_str(&format!("<p>{}</p>\n", rendered.join("<br>\n")));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    out.push_str(&format!("<li>{}</li>\n", html_inline(item)));
                }
                out.push_str("</ul>\n");
            }
            Block::Markdown { source, shift, .. } => {
                out.push_str("<div class=\"contribution\">\n");
                out.push_str(&markdown_to_safe_html(source, *shift));
                out.push_str("</div>\n");
            }
            Block::Rule => out.push_str("<hr>\n"),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_markdown_renders_harmless() {
        let html = markdown_to_safe_html(
            "# Tittel\n\n<script>alert(1)</script>\n\n[klikk](javascript:alert(1)) [nett](https://ok.no) ![bilde](x.png)\n",
            3,
        );
        assert!(html.contains("<h4>Tittel</h4>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(
            !html.contains("javascript:") || !html.contains("href=\"javascript"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://ok.no\">nett</a>"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
    }
}
