//! Finding sections with nothing under them in a contribution's Markdown.
//!
//! A section is opened by a heading, or by a line that ends in ":" and so
//! announces something to follow. Contributions are pasted from word
//! processors where a bullet point's sub-points can get lost; a label left
//! standing alone is the sign of that.

/// One line, classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Blank,
    /// ATX or setext heading with its level.
    Heading(usize),
    /// A list item: the column where its marker starts.
    ListItem(usize),
    /// Any other text line: its indentation.
    Text(usize),
    /// A setext underline or thematic break.
    Rule,
}

/// An empty section: its 1-based line in the body and its label text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EmptySection {
    pub line: usize,
    pub label: String,
}

fn indent_of(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4 - width % 4,
            _ => break,
        }
    }
    width
}

/// The text after a list marker, if the line is a list item.
fn list_item_text(trimmed: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = trimmed.strip_prefix(marker) {
            return Some(rest);
        }
    }
    if matches!(trimmed, "-" | "*" | "+") {
        return Some("");
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let rest = &trimmed[digits..];
        for delimiter in [". ", ") "] {
            if let Some(text) = rest.strip_prefix(delimiter) {
                return Some(text);
            }
        }
        if rest == "." || rest == ")" {
            return Some("");
        }
    }
    None
}

fn atx_heading(trimmed: &str) -> Option<(usize, &str)> {
    let level = trimmed.bytes().take_while(|b| *b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &trimmed[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// Whether a line ends in ":", also when bold or italic closes after it
/// (`**Forsvar/beredskap:**`).
fn ends_with_colon(text: &str) -> bool {
    text.trim_end().trim_end_matches(['*', '_']).ends_with(':')
}

fn is_rule(trimmed: &str, ch: char) -> bool {
    trimmed.len() >= 3 && trimmed.chars().all(|c| c == ch || c == ' ')
}

/// Finds the empty sections of a Markdown text.
pub(crate) fn empty_sections(body: &str) -> Vec<EmptySection> {
    let lines: Vec<&str> = body.lines().collect();
    let mut blocks = Vec::with_capacity(lines.len());
    let mut labels: Vec<Option<String>> = vec![None; lines.len()];
    let mut in_fence = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            // A code block is content for the label above it.
            blocks.push(Block::Text(indent_of(line)));
            continue;
        }
        if in_fence {
            // Code is content, never a label.
            blocks.push(Block::Text(usize::MAX));
            continue;
        }
        let indent = indent_of(line);
        let block = if trimmed.is_empty() {
            Block::Blank
        } else if let Some((level, text)) = atx_heading(trimmed) {
            labels[i] = Some(text.to_owned());
            Block::Heading(level)
        } else if is_rule(trimmed, '=') || is_rule(trimmed, '-') || is_rule(trimmed, '*') {
            // A setext underline turns the text line above into a heading.
            let level = match trimmed.chars().next() {
                Some('=') => Some(1),
                Some('-') => Some(2),
                _ => None,
            };
            if let (Some(Block::Text(_)), Some(level)) = (blocks.last(), level) {
                let at = i - 1;
                blocks[at] = Block::Heading(level);
                labels[at] = Some(lines[at].trim().to_owned());
            }
            Block::Rule
        } else if let Some(text) = list_item_text(trimmed) {
            if ends_with_colon(text) {
                labels[i] = Some(text.trim().to_owned());
            }
            Block::ListItem(indent)
        } else {
            if ends_with_colon(trimmed) {
                labels[i] = Some(trimmed.to_owned());
            }
            Block::Text(indent)
        };
        blocks.push(block);
    }

    let mut found = Vec::new();
    for i in 0..lines.len() {
        let Some(label) = &labels[i] else { continue };
        let empty = match blocks[i] {
            Block::Heading(level) => heading_is_empty(&blocks, i, level),
            Block::ListItem(indent) => {
                // A text line right below, without a blank line, continues
                // the item's own paragraph: the ":" was not its last word.
                if matches!(blocks.get(i + 1), Some(Block::Text(_))) {
                    continue;
                }
                nested_is_empty(&blocks, i, indent)
            }
            Block::Text(indent) => {
                if matches!(blocks.get(i + 1), Some(Block::Text(_))) {
                    continue;
                }
                text_label_is_empty(&blocks, i, indent)
            }
            Block::Blank | Block::Rule => false,
        };
        if empty {
            found.push(EmptySection {
                line: i + 1,
                label: label.clone(),
            });
        }
    }
    found
}

fn next_non_blank(blocks: &[Block], after: usize) -> Option<Block> {
    blocks[after + 1..]
        .iter()
        .copied()
        .find(|b| !matches!(b, Block::Blank))
}

fn heading_is_empty(blocks: &[Block], at: usize, level: usize) -> bool {
    for block in &blocks[at + 1..] {
        match *block {
            Block::Blank | Block::Rule => {}
            Block::Heading(l) if l <= level => return true,
            _ => return false,
        }
    }
    true
}

/// A list item's content is what is indented beyond its marker.
fn nested_is_empty(blocks: &[Block], at: usize, indent: usize) -> bool {
    match next_non_blank(blocks, at) {
        Some(Block::Text(i) | Block::ListItem(i)) => i <= indent,
        _ => true,
    }
}

/// A label line in running text announces what follows it, at its own level
/// or deeper; a heading, the end, or a step out of its list ends it.
fn text_label_is_empty(blocks: &[Block], at: usize, indent: usize) -> bool {
    match next_non_blank(blocks, at) {
        None | Some(Block::Heading(_)) => true,
        Some(Block::Text(i) | Block::ListItem(i)) => indent > 0 && i < indent,
        Some(Block::Rule) => true,
        Some(Block::Blank) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(body: &str) -> Vec<String> {
        empty_sections(body).into_iter().map(|s| s.label).collect()
    }

    #[test]
    fn bullet_labels_without_sub_points_are_empty() {
        let body = "- Felles Kraftstrategi:\n\n\n- Innlandet VGS:\n\nEn prosess.\n\n- Gods.\n";
        assert_eq!(labels(body), ["Felles Kraftstrategi:", "Innlandet VGS:"]);
    }

    #[test]
    fn bullet_label_with_nested_content_is_not_empty() {
        assert!(labels("1) Et sterkere lokalsamfunn:\n\n   Kjærkommen vekst\n").is_empty());
        assert!(labels("- Punkt:\n  - underpunkt\n").is_empty());
    }

    #[test]
    fn text_label_followed_by_text_or_list_is_not_empty() {
        assert!(labels("Forsvar/beredskap:\n\nElverum er et kraftsenter.\n").is_empty());
        assert!(labels("I tillegg har Elverum:\n\n- 3,5 ganger\n").is_empty());
        assert_eq!(labels("Noe:\n\n## Neste\n\ntekst\n"), ["Noe:"]);
        assert_eq!(labels("Til slutt:\n"), ["Til slutt:"]);
        assert_eq!(labels("**Til slutt:**\n"), ["**Til slutt:**"]);
        assert!(labels("**Forsvar:**\n\nElverum er et kraftsenter.\n").is_empty());
    }

    #[test]
    fn headings() {
        assert_eq!(labels("## Tom\n\n## Full\n\ntekst\n"), ["Tom"]);
        assert!(labels("# A\n\n## B\n\ntekst\n").is_empty());
        assert_eq!(labels("Tittel\n======\n"), ["Tittel"]);
        assert_eq!(labels("#\n"), [""]);
    }

    #[test]
    fn a_colon_inside_a_paragraph_or_code_is_not_a_label() {
        assert!(labels("Dette er:\nfortsatt samme avsnitt.\n").is_empty());
        assert!(labels("```\nkode:\n```\n").is_empty());
        assert!(labels("- Intercity utbyggingen: Nytt stoppmønster.\n").is_empty());
    }
}
