//! The meeting as Fiks Arkiv create messages (`arkivmelding` opprett), for
//! bodies that file meetings as ordinary cases: the case of the meeting
//! series (`saksmappe`) with the notice as an outgoing letter (U) to each
//! member organisation, then one message per contribution, incoming (I)
//! from its organisation, and one for the minutes, an internal note (X).
//! A message holds at most one folder and one record (the schema), so the
//! records after the first refer to the folder by its system ID. Element
//! order follows `no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd`.

use chrono::{DateTime, FixedOffset};

use super::common::system_id;
use super::screening::Screening;
use super::xml::{stamp, Xml, N5MDK, XSI};
use super::{ArchiveFile, ArchiveOptions};
use crate::model::meeting::Meeting;

const NS: &str =
    "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1";

/// One record of the case: a letter, a contribution or the minutes.
pub(super) struct Record<'a> {
    /// Its place, for its system IDs ("journalpost/notice").
    pub path: String,
    /// `U`, `I` or `X`.
    pub kind: &'static str,
    pub title: String,
    /// The correspondence parties: (type code, name).
    pub parties: Vec<(&'static str, String)>,
    pub file: &'a ArchiveFile,
    /// The readable file name (`filnavn`).
    pub display_name: String,
    /// When sent or received.
    pub date: Option<DateTime<FixedOffset>>,
}

/// The case of the meeting series: by the notice's reference when it
/// reads as one ("24/1234-5"), and the meeting's body otherwise.
fn case_id(m: &Meeting) -> String {
    format!("series:{}", m.body.trim())
}

pub(super) fn messages(
    m: &Meeting,
    options: &ArchiveOptions,
    created: DateTime<FixedOffset>,
    records: &[Record<'_>],
) -> Vec<(String, String)> {
    let folder = system_id(&case_id(m), "saksmappe");
    let folder_title = options.folder_title(m);
    let case_title = case_title(m);
    let titles = [folder_title.as_str(), case_title.as_str()];
    let screening = Screening::new(
        m,
        titles
            .into_iter()
            .chain(records.iter().map(|r| r.title.as_str())),
    );
    records
        .iter()
        .enumerate()
        .map(|(i, record)| {
            let mut x = Xml::new();
            x.open(
                "arkivmelding",
                &[("xmlns", NS), ("xmlns:n5mdk", N5MDK), ("xmlns:xsi", XSI)],
            );
            x.text("system", "roundtable");
            x.text("antallFiler", "1");
            if i == 0 {
                case_folder(&mut x, m, &screening, options, created, &folder);
            }
            journal_entry(&mut x, m, &screening, options, created, &folder, record);
            x.close("arkivmelding");
            (
                format!("arkivmelding-{:02}-{}.xml", i + 1, record.kind_name()),
                x.finish(),
            )
        })
        .collect()
}

impl Record<'_> {
    fn kind_name(&self) -> &'static str {
        match self.kind {
            "U" => "utgaaende",
            "I" => "inngaaende",
            _ => "notat",
        }
    }
}

/// The title of the case of the meeting series.
fn case_title(m: &Meeting) -> String {
    format!("Møter i {}", m.body.trim())
}

fn case_folder(
    x: &mut Xml,
    m: &Meeting,
    screening: &Screening,
    options: &ArchiveOptions,
    created: DateTime<FixedOffset>,
    folder: &str,
) {
    let notice = m.notice.as_ref();
    x.open("mappe", &[("xsi:type", "saksmappe")]);
    x.text("systemID", folder);
    let title = case_title(m);
    let public = screening.public_title(&title);
    x.text("tittel", &title);
    x.opt("offentligTittel", public.as_deref());
    x.text("opprettetDato", &stamp(created));
    x.text("opprettetAv", &options.created_by);
    if public.is_some() {
        x.screening();
    }
    if let Some(code) = notice
        .and_then(|n| n.archive_code.as_deref())
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        x.open("klassifikasjon", &[]);
        x.text("klassifikasjonssystemID", "ARKIVKODE");
        x.text("klasseID", code);
        x.close("klassifikasjon");
    }
    x.open("referanseEksternNoekkel", &[]);
    x.text("n5mdk:fagsystem", "roundtable");
    x.text("n5mdk:noekkel", &case_id(m));
    x.close("referanseEksternNoekkel");
    if let Some(r) = notice.and_then(|n| n.case_reference()) {
        x.text("saksaar", &r.year.to_string());
        x.text("sakssekvensnummer", &r.sequence.to_string());
    }
    if let Some(n) = notice {
        x.text("saksdato", &n.date.format("%Y-%m-%d").to_string());
    }
    if let Some(officer) = notice
        .and_then(|n| n.case_officer.as_deref())
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        x.open("saksansvarlig", &[]);
        x.text("n5mdk:navn", officer);
        x.close("saksansvarlig");
    }
    x.close("mappe");
}

/// A record. It and its document's description are screened when the
/// file is, or when its title repeats a screened one.
fn journal_entry(
    x: &mut Xml,
    m: &Meeting,
    screening: &Screening,
    options: &ArchiveOptions,
    created: DateTime<FixedOffset>,
    folder: &str,
    r: &Record<'_>,
) {
    let at = stamp(created);
    let by = options.created_by.as_str();
    let id = |what: &str| system_id(&m.id, &format!("{}/{what}", r.path));
    x.open("registrering", &[("xsi:type", "journalpost")]);
    x.text("systemID", &id("journalpost"));
    x.text("opprettetDato", &at);
    x.text("opprettetAv", by);
    x.open("referanseForelderMappe", &[]);
    x.text("n5mdk:systemID", folder);
    x.close("referanseForelderMappe");
    let public = screening.public_title(&r.title);
    let screened = public.is_some() || screening.file(r.file);
    if screened {
        x.screening();
    }
    x.open("dokumentbeskrivelse", &[]);
    x.text("systemID", &id("dokumentbeskrivelse"));
    x.code("dokumenttype", "DOKUMENT", Some("Dokument"));
    x.code("dokumentstatus", "F", Some("Dokumentet er ferdigstilt"));
    x.text("tittel", &r.title);
    x.text("opprettetDato", &at);
    x.text("opprettetAv", by);
    x.code("tilknyttetRegistreringSom", "H", Some("Hoveddokument"));
    x.text("dokumentnummer", "1");
    x.text("tilknyttetDato", &at);
    x.text("tilknyttetAv", by);
    if screened {
        x.screening();
    }
    x.open("dokumentobjekt", &[]);
    x.text("systemID", &id("dokumentobjekt"));
    x.text("versjonsnummer", "1");
    x.code("variantformat", "A", Some("Arkivformat"));
    let format = if r.file.mime == "text/html" {
        "HTML"
    } else {
        "TXT"
    };
    x.code("format", format, None);
    x.text("mimeType", r.file.mime);
    x.text("opprettetDato", &at);
    x.text("opprettetAv", by);
    x.text("filnavn", &r.display_name);
    x.text("referanseDokumentfil", &r.file.name);
    x.text("sjekksum", &r.file.sha256);
    x.text("sjekksumAlgoritme", "SHA256");
    x.text("filstoerrelse", &r.file.bytes.len().to_string());
    x.close("dokumentobjekt");
    x.close("dokumentbeskrivelse");
    x.text("tittel", &r.title);
    x.opt("offentligTittel", public.as_deref());
    for (kind, name) in &r.parties {
        x.open("korrespondansepart", &[]);
        x.code("korrespondanseparttype", kind, None);
        x.text("korrespondansepartNavn", name);
        x.close("korrespondansepart");
    }
    x.code("journalposttype", r.kind, None);
    x.code("journalstatus", "J", Some("Journalført"));
    x.text("journaldato", &created.format("%Y-%m-%d").to_string());
    match (r.kind, r.date) {
        ("I", Some(d)) => x.text("mottattDato", &stamp(d)),
        ("U", Some(d)) => x.text("sendtDato", &stamp(d)),
        _ => {}
    }
    x.close("registrering");
}
