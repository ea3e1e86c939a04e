//! Rendering arbitrary meeting text as PDF/A-2a and PDF/UA-1: never a
//! panic and never an error below the page limit (krilla's own checks of
//! both standards run on every input: a `.notdef`, a missing title or
//! language, a broken structure would be `render.pdf`), every character
//! no font has reported, and the same bytes twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roundtable::{Document, Language, PdfOptions};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let m = common::meeting(data);
    let options = PdfOptions::default();
    for document in [Document::Notice, Document::Minutes] {
        let pdf = match m.render_pdf(document, Language::Norwegian, &options) {
            Ok(pdf) => pdf,
            Err(e) => panic!("{document:?}: {e}"),
        };
        assert!(pdf.bytes().starts_with(b"%PDF-1.7"));
        let again = m
            .render_pdf(document, Language::Norwegian, &options)
            .expect("rendered once");
        assert_eq!(pdf.bytes(), again.bytes(), "not the same bytes twice");
    }
});
