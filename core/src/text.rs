//! Text keys for comparing names the way people read them.

use unicode_normalization::UnicodeNormalization;

/// The comparison key of a name: trimmed, inner runs of white space made one
/// space, Unicode NFC, lowercased. "Såtvedt" typed with a combining ring
/// (NFD) and with the precomposed letter (NFC) give the same key.
pub(crate) fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.extend(word.nfc().flat_map(char::to_lowercase));
        }
    }
    if out.is_ascii() {
        out
    } else {
        // Lowercasing can decompose (e.g. 'İ'); normalise once more.
        out.nfc().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::fold_key;

    #[test]
    fn nfc_nfd_case_and_space_fold_together() {
        assert_eq!(fold_key("  Såtvedt "), fold_key("sa\u{30a}tvedt"));
        assert_eq!(fold_key("Anne   Kristine"), "anne kristine");
        assert_ne!(fold_key("Anne"), fold_key("Anna"));
    }
}
