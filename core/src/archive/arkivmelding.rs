//! The meeting as Fiks Arkiv create messages (`arkivmelding` opprett), for
//! bodies that file meetings as ordinary cases: the case of the meeting
//! series (`saksmappe`) with the notice as an outgoing letter (U) to each
//! member organisation, then one message per contribution, incoming (I)
//! from its organisation, and one for the minutes, an internal note (X).
//! A message holds at most one folder and one record (the schema). The
//! archive gives the folder and the records system IDs of its own, so, as
//! KS's integrations do, each carries this system's key
//! (`referanseEksternNoekkel`: fagsystem `roundtable`, a UUID v5), and
//! every record finds its folder, and the contributions and minutes the
//! notice they answer, by that key. Each document is filed as PDF/A-2a
//! (variant A) with the HTML or Markdown it was made from (variant P).
//! Element order follows
//! `no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd`.

use chrono::{DateTime, FixedOffset};

use super::common::{creator_name, pronom, system_id};
use super::screening::Screening;
use super::xml::{stamp, Xml, N5MDK, XSI};
use super::{ArchiveOptions, Filed};
use crate::model::meeting::Meeting;

/// The name this system goes by in the archive's external keys.
const FAGSYSTEM: &str = "roundtable";

const NS: &str =
    "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1";

/// A correspondence party of a record.
pub(super) struct Party {
    /// `EM` (external recipient), `EA` (external sender).
    pub kind: &'static str,
    pub name: String,
    /// The address a letter came from.
    pub email: Option<String>,
}

impl Party {
    pub(super) fn new(kind: &'static str, name: &str) -> Party {
        Party {
            kind,
            name: name.to_owned(),
            email: None,
        }
    }
}

/// One record of the case: a letter, a contribution or the minutes.
pub(super) struct Record<'a> {
    /// Its place, for its system IDs and its key ("notice",
    /// "contribution/2").
    pub path: String,
    /// `U`, `I` or `X`.
    pub kind: &'static str,
    /// Its code and name in the list *dokumenttype*.
    pub document_type: (&'static str, &'static str),
    pub title: String,
    pub parties: Vec<Party>,
    pub file: &'a Filed,
    /// The readable file name (`filnavn`), without the extension.
    pub display_name: String,
    /// When sent or received.
    pub date: Option<DateTime<FixedOffset>>,
    /// A contribution or the minutes: refers to the notice it answers.
    pub answers_notice: bool,
}

/// The case of the meeting series: the meeting's body.
fn case_id(m: &Meeting) -> String {
    format!("series:{}", m.body.trim())
}

/// This system's key of the case folder: the same for every meeting of
/// the series, so that each finds the one case.
fn case_key(m: &Meeting) -> String {
    system_id(&case_id(m), "key")
}

/// This system's key of the record at `path` of meeting `m`.
fn record_key(m: &Meeting, path: &str) -> String {
    system_id(&m.id, &format!("key/{path}"))
}

fn external_key(x: &mut Xml, element: &str, key: &str) {
    x.open(element, &[]);
    x.text("n5mdk:fagsystem", FAGSYSTEM);
    x.text("n5mdk:noekkel", key);
    x.close(element);
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
            x.text("antallFiler", &record.file.variants().len().to_string());
            if i == 0 {
                case_folder(&mut x, m, &screening, options, created, &folder);
            }
            journal_entry(&mut x, m, &screening, options, created, record);
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
    external_key(x, "referanseEksternNoekkel", &case_key(m));
    if let Some(r) = notice.and_then(|n| n.case_reference()) {
        x.text("saksaar", &r.year.to_string());
        x.text("sakssekvensnummer", &r.sequence.to_string());
    }
    if let Some(n) = notice {
        x.text("saksdato", &n.date.format("%Y-%m-%d").to_string());
    }
    x.named("administrativEnhet", &unit(m));
    if let Some(officer) = case_officer(m) {
        x.named("saksansvarlig", officer);
    }
    x.close("mappe");
}

/// The unit that handles the case: the notice's signing unit, else the
/// organiser.
fn unit(m: &Meeting) -> String {
    m.notice
        .as_ref()
        .and_then(|n| n.signature.as_ref())
        .and_then(|s| s.unit.as_deref())
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map_or_else(|| creator_name(m), str::to_owned)
}

fn case_officer(m: &Meeting) -> Option<&str> {
    m.notice
        .as_ref()
        .and_then(|n| n.case_officer.as_deref())
        .map(str::trim)
        .filter(|o| !o.is_empty())
}

/// A record. It and its document's description are screened when the
/// file is, or when its title repeats a screened one.
fn journal_entry(
    x: &mut Xml,
    m: &Meeting,
    screening: &Screening,
    options: &ArchiveOptions,
    created: DateTime<FixedOffset>,
    r: &Record<'_>,
) {
    let at = stamp(created);
    let by = options.created_by.as_str();
    let id = |what: &str| system_id(&m.id, &format!("{}/{what}", r.path));
    x.open("registrering", &[("xsi:type", "journalpost")]);
    x.text("systemID", &id("journalpost"));
    x.text("opprettetDato", &at);
    x.text("opprettetAv", by);
    // The archive knows the folder by its own system ID; this system knows
    // it by its key.
    x.open("referanseForelderMappe", &[]);
    external_key(x, "n5mdk:referanseEksternNoekkel", &case_key(m));
    x.close("referanseForelderMappe");
    let public = screening.public_title(&r.title);
    let screened = public.is_some() || screening.file(&r.file.production);
    if screened {
        x.screening();
    }
    x.open("dokumentbeskrivelse", &[]);
    x.text("systemID", &id("dokumentbeskrivelse"));
    x.code("dokumenttype", r.document_type.0, Some(r.document_type.1));
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
    for (variant, variant_name, file) in r.file.variants() {
        let (format, format_name) = pronom(file.mime);
        let extension = file.name.rsplit('.').next().unwrap_or_default();
        // The archival variant keeps the ID the document had when it was
        // filed alone.
        let object = match variant {
            "A" => "dokumentobjekt".to_owned(),
            _ => format!("dokumentobjekt/{variant}"),
        };
        x.open("dokumentobjekt", &[]);
        x.text("systemID", &id(&object));
        x.text("versjonsnummer", "1");
        x.code("variantformat", variant, Some(variant_name));
        x.code("format", format, Some(format_name));
        x.text("mimeType", file.mime);
        x.text("opprettetDato", &at);
        x.text("opprettetAv", by);
        x.text("filnavn", &format!("{}.{extension}", r.display_name));
        x.text("referanseDokumentfil", &file.name);
        x.text("sjekksum", &file.sha256);
        x.text("sjekksumAlgoritme", "SHA256");
        x.text("filstoerrelse", &file.bytes.len().to_string());
        x.close("dokumentobjekt");
    }
    x.close("dokumentbeskrivelse");
    x.text("tittel", &r.title);
    x.opt("offentligTittel", public.as_deref());
    if r.answers_notice {
        x.open("kryssreferanse", &[]);
        x.open("referanseTilRegistrering", &[]);
        external_key(x, "n5mdk:referanseEksternNoekkel", &record_key(m, "notice"));
        x.close("referanseTilRegistrering");
        x.close("kryssreferanse");
    }
    if r.kind == "U" {
        // The sender of a letter that goes out: the unit and its officer.
        x.open("korrespondansepart", &[]);
        x.code("korrespondanseparttype", "IA", Some("Intern avsender"));
        x.text("korrespondansepartNavn", &unit(m));
        x.named("administrativEnhet", &unit(m));
        if let Some(officer) = case_officer(m) {
            x.named("saksbehandler", officer);
        }
        x.close("korrespondansepart");
    }
    for party in &r.parties {
        x.open("korrespondansepart", &[]);
        x.code("korrespondanseparttype", party.kind, None);
        x.text("korrespondansepartNavn", &party.name);
        x.opt("epostadresse", party.email.as_deref());
        x.close("korrespondansepart");
    }
    external_key(x, "referanseEksternNoekkel", &record_key(m, &r.path));
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
