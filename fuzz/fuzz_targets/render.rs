//! Rendering arbitrary contribution text: never a panic, and the HTML has
//! no script element and no javascript link, whatever the members wrote.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable::{Document, Format, Language};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let m = common::meeting(data);
    for document in [Document::Notice, Document::Agenda, Document::Minutes] {
        let _ = m.render(document, Format::Markdown, Language::English);
        let html = m.render(document, Format::Html, Language::Norwegian);
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "a script element");
        assert!(!lower.contains("href=\"javascript"), "a javascript link");
        assert!(html.ends_with("</body>\n</html>\n"));
    }
});
