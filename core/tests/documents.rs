//! The seed meeting's documents, byte for byte against their golden files,
//! and what each must hold.

mod common;

use common::{check_golden, clean, seed};
use roundtable::{Attendance, Contribution, Document, Format, Language, MeetingPlan};

const DOCUMENTS: [(Document, &str); 3] = [
    (Document::Notice, "notice"),
    (Document::Agenda, "agenda"),
    (Document::Minutes, "minutes"),
];

#[test]
fn the_seed_documents_are_their_golden_files() {
    let m = seed();
    for (document, name) in DOCUMENTS {
        for (language, code) in [(Language::Norwegian, "nb"), (Language::English, "en")] {
            for (format, ext) in [(Format::Markdown, "md"), (Format::Html, "html")] {
                let text = m.render(document, format, language);
                check_golden(&format!("seed-{name}.{code}.{ext}"), &text);
            }
        }
    }
}

#[test]
fn the_norwegian_documents_follow_the_seed() {
    let m = seed();
    let notice = m.render(Document::Notice, Format::Markdown, Language::Norwegian);
    for part in [
        "**Dato:** 01.11.2024",
        "**Deres ref:**",
        "**Vår ref:**",
        "**Saksbehandler:**",
        "**Arkivkode:**",
        "Karoline H. Ulateig\\\nTlf 41203424",
        "Til Osloregionens faggruppe for Næringssamarbeid",
        "**Tid:** Torsdag 7. november, kl 12:00–13:00",
        "**Sted:** Oslo Rådhus, møteromssenteret (inngang sjøsiden)",
        "[Faggruppesamling 7. november 2024 - Osloregionen](<https://osloregionen.no/>)",
        "Vi ber deltakere i møtet forberede følgende:",
        "Med vennlig hilsen\\\nKaroline Holmstrøm Ulateig\\\nSekretariatet for Osloregionen",
        "## Sakskart til møte i Osloregionens faggruppe for Næringssamarbeid",
    ] {
        assert!(notice.contains(part), "{part:?} missing in\n{notice}");
    }
    let agenda = m.render(Document::Agenda, Format::Markdown, Language::Norwegian);
    assert!(
        agenda.starts_with("# Sakskart til møte i Osloregionens faggruppe for Næringssamarbeid\n")
    );
    assert!(agenda.contains("## Sak 2. Godkjenning av referat fra møte 12. september 2024\n\nReferatet fra møtet legges fram for godkjenning: møtet 12. september 2024."));
    assert!(agenda.contains("Hvert medlem har ordet i inntil 3 minutter."));
    assert!(
        agenda.contains("senest fredag 8. november 2024."),
        "the deadline as a date"
    );
    assert!(agenda.contains("## Sak 5. Eventuelt"));
    let english = m.render(Document::Agenda, Format::Markdown, Language::English);
    assert!(english.contains("Thursday 7 November, 12:00–13:00"));
    assert!(english.contains("## Item 4. "));
    assert!(english.contains("by Friday 8 November 2024 at the latest"));
}

#[test]
fn the_minutes_compile_attendance_decisions_and_the_round_table() {
    let mut m = seed();
    m.roster.update(0, |p| p.attendance = Attendance::Present);
    m.roster.update(1, |p| p.attendance = Attendance::Excused);
    m.agenda[2].decision = Some("Møteplanen for 2025 vedtas.".into());
    m.contributions[1].submitted_at = Some("2024-11-09T08:00:00+01:00".parse().unwrap());
    let md = m.render(Document::Minutes, Format::Markdown, Language::Norwegian);
    assert!(
        md.contains("## Til stede\n\n- Anna Gyure-Szamosi, Fredrikstad kommune\n"),
        "{md}"
    );
    assert!(
        md.contains("## Forfall\n\n- Anne Huse, Kongsvingerregionen\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "## Sak 3. Forslag til møteplan 2025\n\n**Vedtak:**\\\nMøteplanen for 2025 vedtas."
        ),
        "{md}"
    );
    // Members in roster order: Kongsvingerregionen is on the roster before
    // Lørenskog and Horten; members not on it come after.
    let order: Vec<usize> = [
        "### Kongsvingerregionen",
        "### Lørenskog kommune",
        "### Horten kommune",
        "### Ringeriksregionen",
        "### Elverum (kom etter fristen)",
    ]
    .iter()
    .map(|h| md.find(h).unwrap_or_else(|| panic!("{h} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // A member's own headings sit below the member's.
    assert!(
        md.contains("##### DERFOR ER ELVERUM ET NATURLIG VALG"),
        "{md}"
    );
    let html = m.render(Document::Minutes, Format::Html, Language::English);
    assert!(html.contains("<h3>Elverum (came after the deadline)</h3>"));
    assert!(html.contains("<h5>DERFOR ER ELVERUM ET NATURLIG VALG FOR BEDRIFTER INNEN HELSE OG FORSVAR/BEREDSKAP</h5>"));
    assert!(html.contains("<strong>Bedriftsdate:</strong>"));
}

#[test]
fn user_text_and_member_markdown_cannot_inject_html() {
    let mut m = clean();
    m.title = "<script>alert('tittel')</script> & *mer*".into();
    m.location.venue = "Rådhuset <b>".into();
    m.agenda[3].title = "[klikk](javascript:alert(1))".into();
    m.contributions.push(Contribution::new(
        "Bærum kommune",
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[klikk her](javascript:alert(3)) og [nett](https://baerum.kommune.no)\n",
    ));
    for document in [Document::Notice, Document::Agenda, Document::Minutes] {
        let html = m.render(document, Format::Html, Language::Norwegian);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nb\">"));
        assert!(html.ends_with("</body>\n</html>\n"));
    }
    let minutes = m.render(Document::Minutes, Format::Html, Language::Norwegian);
    assert!(
        minutes.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{minutes}"
    );
    assert!(minutes.contains("<a href=\"https://baerum.kommune.no\">nett</a>"));
    // In Markdown, user text stays text.
    let md = m.render(Document::Agenda, Format::Markdown, Language::Norwegian);
    assert!(md.contains("\\[klikk\\](javascript:alert(1))"), "{md}");
}

#[test]
fn the_plan_renders_with_holidays_named() {
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    let plan = MeetingPlan::build(&seed(), &[day(2, 6), day(5, 29)]).unwrap();
    let md = plan.render(Format::Markdown, Language::Norwegian);
    assert!(
        md.starts_with("# Møteplan 2025 – Osloregionens faggruppe for Næringssamarbeid\n"),
        "{md}"
    );
    assert!(
        md.contains("- Torsdag 6. februar, kl 12:00–13:00, Oslo Rådhus"),
        "{md}"
    );
    assert!(md.contains("(Kristi himmelfartsdag)"), "{md}");
    let html = plan.render(Format::Html, Language::English);
    assert!(html.contains("(Ascension Day)</li>"), "{html}");
}
