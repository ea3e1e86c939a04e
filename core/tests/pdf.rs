//! The documents as PDF/A-2a and PDF/UA-1. krilla checks both standards
//! while it writes (a document breaking one is an error, so every render
//! here that succeeds passed them); poppler and pikepdf read the files in
//! the Python suite (python/tests/test_pdf.py).

mod common;

use common::seed;
use proptest::prelude::*;
use roundtable::{
    AgendaItem, Code, Contribution, Document, ErrorCode, ItemKind, Language, Meeting, MeetingPlan,
    PdfOptions, RenderedPdf, RoundTableRules,
};

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

#[test]
fn every_document_renders_in_both_languages_and_says_what_it_is() {
    let m = seed();
    for document in [Document::Notice, Document::Agenda, Document::Minutes] {
        for (language, tag) in [(Language::Norwegian, "nb-NO"), (Language::English, "en")] {
            let pdf = m
                .render_pdf(document, language, &PdfOptions::default())
                .unwrap();
            let bytes = pdf.bytes();
            assert!(bytes.starts_with(b"%PDF-1.7"), "{document:?}");
            assert!(pdf.warnings().is_empty(), "{:?}", pdf.warnings());
            // The XMP packet is written uncompressed: both claims, the
            // language and the number of pages.
            assert_eq!(count(bytes, b"<pdfaid:part>2</pdfaid:part>"), 1);
            assert_eq!(
                count(bytes, b"<pdfaid:conformance>A</pdfaid:conformance>"),
                1
            );
            assert_eq!(count(bytes, b"<pdfuaid:part>1</pdfuaid:part>"), 1);
            let lang = format!("<rdf:li>{tag}</rdf:li>");
            assert_eq!(count(bytes, lang.as_bytes()), 1, "{document:?} {tag}");
            let pages = format!("<xmpTPg:NPages>{}</xmpTPg:NPages>", pdf.pages());
            assert_eq!(count(bytes, pages.as_bytes()), 1);
            // The dictionaries are packed into object streams behind a
            // cross-reference stream, whose dictionary (the trailer) is
            // plain: no encryption. JavaScript is looked for by pikepdf
            // and pdfinfo in the Python suite, which read the packed ones.
            assert_eq!(count(bytes, b"/Type/XRef"), 1);
            assert!(count(bytes, b"/Type/ObjStm") >= 1);
            assert_eq!(count(bytes, b"\nxref\n"), 0);
            assert_eq!(count(bytes, b"/Encrypt"), 0);
        }
    }
}

#[test]
fn the_same_meeting_gives_the_same_bytes_and_another_gives_other_bytes() {
    let m = seed();
    let options = PdfOptions::default();
    let a = m
        .render_pdf(Document::Minutes, Language::Norwegian, &options)
        .unwrap();
    let b = m
        .render_pdf(Document::Minutes, Language::Norwegian, &options)
        .unwrap();
    assert_eq!(a.bytes(), b.bytes());
    let mut changed = m.clone();
    changed.contributions[0]
        .body
        .push_str("\n\nEn setning til.");
    let c = changed
        .render_pdf(Document::Minutes, Language::Norwegian, &options)
        .unwrap();
    assert_ne!(a.bytes(), c.bytes());
    // The creation date is the notice's, not the clock's.
    assert_eq!(
        count(
            a.bytes(),
            b"<xmp:CreateDate>2024-11-01T12:00:00Z</xmp:CreateDate>"
        ),
        1
    );
}

#[test]
fn a_character_no_font_has_is_replaced_and_reported_where_it_was_found() {
    let mut m = seed();
    m.contributions[2].body = "Vi gleder oss 😀 og gleder oss 😀.\n\nBjørn \u{0007}Ánte".into();
    let pdf = minutes(&m).unwrap();
    let warnings: Vec<_> = pdf.warnings().findings().to_vec();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings.iter().all(|w| w.code == Code::RenderMissingGlyph));
    assert!(warnings.iter().all(|w| w.path == "contributions[2].body"));
    let emoji = warnings
        .iter()
        .find(|w| w.message.contains("U+1F600"))
        .unwrap();
    assert!(emoji.message.contains("2 times"), "{}", emoji.message);
    assert!(warnings.iter().any(|w| w.message.starts_with("U+0007 is")));
    // The meeting's own title with an emoji: reported at the document.
    let mut titled = seed();
    titled.body.push_str(" 🎉");
    let pdf = titled
        .render_pdf(Document::Agenda, Language::English, &PdfOptions::default())
        .unwrap();
    assert_eq!(pdf.warnings().findings()[0].path, "document");
}

#[test]
fn sami_letters_need_no_replacement() {
    let mut m = seed();
    m.contributions[0].body =
        "Sámediggi: áčđŋšŧž ÁČĐŊŠŦŽ, ï, åæø; Lule: Jåhkåmåhkke; sørsamisk: Ååre".into();
    let pdf = minutes(&m).unwrap();
    assert!(pdf.warnings().is_empty(), "{:?}", pdf.warnings());
}

#[test]
fn the_plan_renders_too() {
    let m = seed();
    let dates = [common::date(2025, 2, 6), common::date(2025, 5, 8)];
    let plan = MeetingPlan::build(&m, &dates).unwrap();
    let pdf = plan.render_pdf(Language::Norwegian).unwrap();
    assert_eq!(pdf.pages(), 1);
    assert!(pdf.bytes().starts_with(b"%PDF-1.7"));
}

#[test]
fn a_long_meeting_takes_pages_and_keeps_every_item() {
    let mut m = seed();
    m.agenda.truncate(1);
    for n in 2..=500 {
        m.agenda.push(AgendaItem::new(
            n.to_string(),
            format!("Sak nummer {n} med en lang tittel"),
            ItemKind::Information,
        ));
    }
    let pdf = m
        .render_pdf(
            Document::Agenda,
            Language::Norwegian,
            &PdfOptions::default(),
        )
        .unwrap();
    assert!(pdf.pages() > 10, "{}", pdf.pages());
}

#[test]
fn a_document_over_the_page_limit_is_a_typed_error() {
    let mut m = seed();
    // About 80 characters a line and 50 lines a page: 20 MB is far over.
    let line = "Ord ".repeat(200);
    m.contributions[0].body = format!("{line}\n\n").repeat(25_000);
    let err = minutes(&m).unwrap_err();
    assert_eq!(err.code(), ErrorCode::RenderTooLarge);
    assert!(err.to_string().contains("5000 pages"), "{err}");
}

/// The meeting's minutes in bokmål, with the default options.
fn minutes(m: &Meeting) -> roundtable::Result<RenderedPdf> {
    m.render_pdf(
        Document::Minutes,
        Language::Norwegian,
        &PdfOptions::default(),
    )
}

fn round_table() -> ItemKind {
    ItemKind::RoundTable(RoundTableRules::default())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any text renders: control characters, emoji, combining marks,
    /// right-to-left letters, words far longer than a line, many items.
    #[test]
    fn any_meeting_text_renders(
        body in "(\\PC|[\\x00-\\x1f\\u{7f}\\u{200b}\\u{fe0f}\\u{1F600}-\\u{1F64F}])*",
        title in "\\PC{0,200}",
        word_len in 0usize..10_000,
        items in 0usize..500,
        from in "\\PC{0,40}",
    ) {
        let mut m = seed();
        m.body = title;
        let item = AgendaItem::new("4b", "Runde", round_table());
        for n in 0..items {
            m.agenda.push(AgendaItem::new(
                format!("x{n}"),
                format!("Sak {n} ✓ {}", "ø".repeat(n % 50)),
                ItemKind::Information,
            ));
        }
        m.agenda.push(item);
        let mut c = Contribution::new(from, format!("{body}\n\n{}", "x".repeat(word_len)));
        c.item = Some("4b".into());
        m.contributions.push(c);
        for document in [Document::Notice, Document::Agenda, Document::Minutes] {
            let pdf = m.render_pdf(document, Language::English, &PdfOptions::default());
            prop_assert!(pdf.is_ok(), "{document:?}: {:?}", pdf.err());
        }
    }
}
