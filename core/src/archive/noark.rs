//! The meeting as a Noark 5 meeting folder (Fiks Arkiv v1 `arkivstruktur`):
//! `arkiv` → `arkivdel` → `mappe xsi:type="moetemappe"` with one `moetesak`
//! per agenda item, one `moetedokument` per document, and the participants
//! who were present. Element order follows `arkivstruktur.xsd`.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::common::{case_of, creator_name, pronom, system_id, DocumentKind};
use super::screening::Screening;
use super::xml::{stamp, Xml, N5MDK, XSI};
use super::{ArchiveOptions, Filed};
use crate::model::meeting::Meeting;
use crate::model::roster::Attendance;

const NS: &str = "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivstruktur/v1";

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(super) fn write(
    m: &Meeting,
    options: &ArchiveOptions,
    created: DateTime<FixedOffset>,
    files: &[(DocumentKind, Filed)],
) -> String {
    let by = options.created_by.as_str();
    let at = stamp(created);
    let mut x = Xml::new();
    x.open(
        "arkiv",
        &[("xmlns", NS), ("xmlns:n5mdk", N5MDK), ("xmlns:xsi", XSI)],
    );
    x.text("systemID", &system_id(&m.id, "arkiv"));
    x.text("tittel", &options.archive_title(m));
    // An export is an extract, closed when written: the dates that close
    // it (which the schema requires) and the statuses say the same.
    x.code("arkivstatus", "A", Some("Avsluttet"));
    x.text("opprettetDato", &at);
    x.text("opprettetAv", by);
    x.text("avsluttetDato", &at);
    x.text("avsluttetAv", by);
    x.open("arkivskaper", &[]);
    let creator = creator_name(m);
    x.text("arkivskaperID", &system_id(&creator, "arkivskaper"));
    x.text("arkivskaperNavn", &creator);
    x.close("arkivskaper");

    x.open("arkivdel", &[]);
    x.text("systemID", &system_id(&m.id, "arkivdel"));
    x.text("tittel", &format!("Møter i {}", m.body.trim()));
    x.code("arkivdelstatus", "P", Some("Avsluttet periode"));
    x.text("opprettetDato", &at);
    x.text("opprettetAv", by);
    x.text("avsluttetDato", &at);
    x.text("avsluttetAv", by);

    x.open("mappe", &[("xsi:type", "moetemappe")]);
    x.text("systemID", &system_id(&m.id, "mappe"));
    // The schema needs a folder ID; a meeting without one gets its system ID.
    let folder_id = match m.id.trim() {
        "" => system_id(&m.id, "mappe"),
        id => id.to_owned(),
    };
    x.text("mappeID", &folder_id);
    let title = options.folder_title(m);
    let document_titles: Vec<String> = files
        .iter()
        .map(|(kind, _)| document_title(m, *kind))
        .collect();
    let screening = Screening::new(
        m,
        std::iter::once(title.as_str()).chain(document_titles.iter().map(String::as_str)),
    );
    let public = screening.public_title(&title);
    x.text("tittel", &title);
    x.opt("offentligTittel", public.as_deref());
    x.text("opprettetDato", &at);
    x.text("opprettetAv", by);
    if public.is_some() {
        x.screening();
    }

    for i in 0..m.agenda.len() {
        meeting_case(&mut x, m, &screening, i, &at, by);
    }
    for (kind, file) in files {
        meeting_document(&mut x, m, &screening, (*kind, file), &at, by);
    }

    x.text("moetenummer", &meeting_number(m));
    x.open("utvalg", &[]);
    x.text("n5mdk:navn", m.body.trim());
    x.opt(
        "n5mdk:identifikator",
        m.archive.as_ref().and_then(|a| a.body_code.as_deref()),
    );
    x.close("utvalg");
    x.text("moetedato", &day(m.time.date()));
    x.opt("moetested", Some(&m.location.to_string()));
    if let Some(id) = m.previous_meeting.as_ref().and_then(|r| r.id.as_deref()) {
        x.text("referanseForrigeMoete", &system_id(id, "mappe"));
    }
    if let Some(id) = m.next_meeting.as_ref().and_then(|r| r.id.as_deref()) {
        x.text("referanseNesteMoete", &system_id(id, "mappe"));
    }
    for p in m
        .roster
        .iter()
        .filter(|p| p.attendance() == Attendance::Present)
    {
        x.open("moetedeltaker", &[]);
        x.named("n5mdk:identifikator", &p.full_name());
        if let Some(code) = p.role().archive_code() {
            x.code("n5mdk:funksjon", code, None);
        }
        if !p.organisation().trim().is_empty() {
            x.named("n5mdk:representerer", p.organisation().trim());
        }
        x.close("moetedeltaker");
    }
    x.close("mappe");
    x.close("arkivdel");
    x.close("arkiv");
    x.finish()
}

/// The meeting's number (*møtenummer*), or its date when it has none (the
/// schema requires one; `archive.missing_number` says it is missing).
pub(super) fn meeting_number(m: &Meeting) -> String {
    m.number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map_or_else(|| day(m.time.date()), str::to_owned)
}

fn meeting_case(x: &mut Xml, m: &Meeting, screening: &Screening, i: usize, at: &str, by: &str) {
    let Some(item) = m.agenda.get(i) else {
        return;
    };
    let (case_type, year, sequence) = case_of(m, item, i);
    x.open("registrering", &[("xsi:type", "moetesak")]);
    x.text("systemID", &system_id(&m.id, &format!("moetesak/{i}")));
    x.text("opprettetDato", at);
    x.text("opprettetAv", by);
    let title = if item.title.trim().is_empty() {
        format!("Sak {}", item.number.trim())
    } else {
        item.title.trim().to_owned()
    };
    let public = screening.public_title(&title);
    if screening.item(item, public.as_deref()) {
        x.screening();
    }
    x.text("tittel", &title);
    x.opt("offentligTittel", public.as_deref());
    x.opt("beskrivelse", item.description.as_deref());
    x.code(
        "moetesakstype",
        case_type.code(),
        Some(case_type.description()),
    );
    x.text("moetesaksaar", &year.to_string());
    x.text("moetesakssekvensnummer", &sequence.to_string());
    let archive = item.archive.as_ref();
    if let Some(r) = archive.and_then(|a| a.recommendation.as_deref()) {
        if !r.trim().is_empty() {
            x.open("innstilling", &[]);
            x.text("n5mdk:tekstInnhold", r.trim());
            x.code("n5mdk:tekstFormat", "tekst", Some("Tekst som tekstformat"));
            x.close("innstilling");
        }
    }
    if let Some(decision) = item.decision.as_deref().filter(|d| !d.trim().is_empty()) {
        x.open("vedtak", &[]);
        x.open("vedtakstekst", &[]);
        x.text("n5mdk:tekstInnhold", decision.trim());
        x.code("n5mdk:tekstFormat", "tekst", Some("Tekst som tekstformat"));
        x.close("vedtakstekst");
        for vote in archive.map_or(&[][..], |a| &a.votes[..]) {
            x.open("votering", &[]);
            x.open("moetedeltaker", &[]);
            x.named("n5mdk:identifikator", vote.participant.trim());
            x.close("moetedeltaker");
            x.text("stemme", vote.vote.archive_word());
            x.close("votering");
        }
        let date = archive
            .and_then(|a| a.decision_date)
            .unwrap_or_else(|| m.time.date());
        x.text(
            "dato",
            &stamp(crate::model::time::start_of_day(m.time.zone(), date)),
        );
        x.close("vedtak");
    }
    x.close("registrering");
}

fn document_title(m: &Meeting, kind: DocumentKind) -> String {
    format!("{} – {}", kind.title(), m.title.trim())
}

/// A document's record: its PDF/A-2a as the archival variant and its HTML
/// as the production variant. It and its description are screened when
/// the HTML is, or when its title repeats a screened one (the meeting's).
fn meeting_document(
    x: &mut Xml,
    m: &Meeting,
    screening: &Screening,
    (kind, filed): (DocumentKind, &Filed),
    at: &str,
    by: &str,
) {
    let path = kind.code();
    let title = document_title(m, kind);
    let public = screening.public_title(&title);
    let screened = public.is_some() || screening.file(&filed.production);
    x.open("registrering", &[("xsi:type", "moetedokument")]);
    x.text(
        "systemID",
        &system_id(&m.id, &format!("moetedokument/{path}")),
    );
    x.text("opprettetDato", at);
    x.text("opprettetAv", by);
    if screened {
        x.screening();
    }
    x.open("dokumentbeskrivelse", &[]);
    x.text(
        "systemID",
        &system_id(&m.id, &format!("dokumentbeskrivelse/{path}")),
    );
    let (document_type, document_type_name) = kind.document_type();
    x.code("dokumenttype", document_type, Some(document_type_name));
    x.code("dokumentstatus", "F", Some("Dokumentet er ferdigstilt"));
    x.text("tittel", kind.title());
    x.text("opprettetDato", at);
    x.text("opprettetAv", by);
    x.code("tilknyttetRegistreringSom", "H", Some("Hoveddokument"));
    x.text("dokumentnummer", "1");
    x.text("tilknyttetDato", at);
    x.text("tilknyttetAv", by);
    if screened {
        x.screening();
    }
    for (variant, variant_name, file) in filed.variants() {
        let (format, format_name) = pronom(file.mime);
        // The archival variant keeps the IDs the document had when it was
        // filed as HTML alone, so that an archive recognises it.
        let object = match variant {
            "A" => format!("dokumentobjekt/{path}"),
            _ => format!("dokumentobjekt/{path}/{variant}"),
        };
        x.open("dokumentobjekt", &[]);
        x.text("systemID", &system_id(&m.id, &object));
        x.text("versjonsnummer", "1");
        x.code("variantformat", variant, Some(variant_name));
        x.text("filnavn", &file.name);
        x.code("format", format, Some(format_name));
        x.text("mimeType", file.mime);
        x.text("opprettetDato", at);
        x.text("opprettetAv", by);
        x.text("referanseDokumentfil", &file.name);
        x.text("sjekksum", &file.sha256);
        x.text("sjekksumAlgoritme", "SHA256");
        x.text("filstoerrelse", &file.bytes.len().to_string());
        x.close("dokumentobjekt");
    }
    x.close("dokumentbeskrivelse");
    x.text("tittel", &title);
    x.opt("offentligTittel", public.as_deref());
    x.code("moetedokumenttype", kind.code(), Some(kind.title()));
    x.close("registrering");
}
