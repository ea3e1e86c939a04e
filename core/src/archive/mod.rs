//! Into the archive: the meeting as a Noark 5 meeting folder (Fiks Arkiv
//! v1 `arkivstruktur`), with the rendered documents it refers to, and the
//! checks an archive needs (`archive.*`, only when asked).
//!
//! The archive's fields of the meeting and its items are part of the model
//! (`crate::model::archive`); here `common` holds what both forms share
//! (system IDs, case numbers), `screening` what the public may not read
//! (screened records, masked titles), `xml` a few helpers over
//! quick-xml, `noark` the meeting folder, `arkivmelding` the create
//! messages of a case.

mod arkivmelding;
mod common;
mod noark;
mod screening;
mod xml;

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use crate::codes::Code;
use crate::error::Result;
use crate::model::meeting::Meeting;
use crate::names::Language;
use crate::render::{Format, PdfOptions};
use crate::validate::{Report, ValidationOptions};
use common::{creator_name, DocumentKind};

use crate::model::archive::{MeetingState, MinutesState};

/// Which archive form to export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ArchiveKind {
    /// A Noark 5 meeting folder (`arkivstruktur.xsd`, `moetemappe`).
    #[default]
    MoeteMappe,
    /// Fiks Arkiv create messages (`arkivmelding` opprett): the case of
    /// the meeting series with the notice (U), each contribution (I) and the
    /// minutes (X) as its records.
    Arkivmelding,
}

crate::names::names!(ArchiveKind, "archive kind" {
    MoeteMappe => "moetemappe", "møtemappe", ["meeting_folder"];
    Arkivmelding => "arkivmelding", "arkivmelding", ["case"];
});

/// Who and when, for the archive's records.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ArchiveOptions {
    /// Who made the records (*opprettetAv*); default "roundtable".
    pub created_by: String,
    /// When (*opprettetDato*); by default the meeting's end, so that two
    /// exports of the same meeting give the same bytes.
    pub created: Option<DateTime<FixedOffset>>,
    /// The archive's title; by default the organiser's archive.
    pub archive_title: Option<String>,
}

impl Default for ArchiveOptions {
    fn default() -> Self {
        ArchiveOptions {
            created_by: "roundtable".to_owned(),
            created: None,
            archive_title: None,
        }
    }
}

impl ArchiveOptions {
    /// With who made the records.
    pub fn with_created_by(mut self, who: impl Into<String>) -> Self {
        self.created_by = who.into();
        self
    }

    /// With when the records were made.
    pub fn with_created(mut self, at: DateTime<FixedOffset>) -> Self {
        self.created = Some(at);
        self
    }

    fn archive_title(&self, m: &Meeting) -> String {
        self.archive_title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| format!("Arkiv for {}", creator_name(m)))
    }

    fn folder_title(&self, m: &Meeting) -> String {
        let title = m.title.trim();
        if title.is_empty() {
            format!("Møte i {}", m.body.trim())
        } else {
            title.to_owned()
        }
    }
}

/// One file of an archive package: an XML message or a document it
/// refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ArchiveFile {
    /// Its file name in the package (`innkalling.html`).
    pub name: String,
    /// Its content.
    pub bytes: Vec<u8>,
    /// Its media type.
    pub mime: &'static str,
    /// Its SHA-256, lower-case hex.
    pub sha256: String,
}

impl ArchiveFile {
    fn new(name: &str, bytes: Vec<u8>, mime: &'static str) -> ArchiveFile {
        let digest = Sha256::digest(&bytes);
        let sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
        ArchiveFile {
            name: name.to_owned(),
            bytes,
            mime,
            sha256,
        }
    }
}

/// A document as the archive files it: the archival variant (`A`, the
/// PDF/A-2a) and the production variant it was made from (`P`: the HTML
/// of a meeting document, a contribution's Markdown).
pub(crate) struct Filed {
    pub(crate) archival: ArchiveFile,
    pub(crate) production: ArchiveFile,
}

impl Filed {
    fn new(stem: &str, pdf: crate::RenderedPdf, production: ArchiveFile) -> Filed {
        Filed {
            archival: ArchiveFile::new(&format!("{stem}.pdf"), pdf.into_bytes(), "application/pdf"),
            production,
        }
    }

    /// Both variants, the archival first.
    pub(crate) fn variants(&self) -> [(&'static str, &'static str, &ArchiveFile); 2] {
        [
            ("A", "Arkivformat", &self.archival),
            ("P", "Produksjonsformat", &self.production),
        ]
    }
}

/// What an export gives: the XML messages and the files they refer to, to
/// be written side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ArchivePackage {
    /// The XML: `arkivstruktur.xml` for a meeting folder; one
    /// `arkivmelding-NN-….xml` per record of a case, in order.
    pub messages: Vec<ArchiveFile>,
    /// The documents the XML refers to, by name and checksum.
    pub files: Vec<ArchiveFile>,
}

impl Meeting {
    /// The meeting in the archive's form: the XML and the rendered
    /// documents it refers to, each filed as PDF/A-2a (the archival
    /// variant, PRONOM `fmt/476`) with the HTML or Markdown it was made
    /// from as the production variant, each file with its size and
    /// SHA-256. System IDs are UUID v5 of the meeting's id and
    /// the record's place, and the dates come from `options` (by default
    /// the meeting's end), so two exports give the same bytes.
    ///
    /// Any meeting exports; [`Meeting::validate_for_archive`] says what an
    /// archive would miss (a meeting number, the body's code, approved
    /// minutes).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidArgument`](crate::ErrorKind::InvalidArgument)
    /// (`argument.invalid`) naming the field, for a number the schema's
    /// `xs:int` cannot hold (above 2,147,483,647): an item's case number
    /// (`agenda[i].archive.sequence`, or the one read from its number), the
    /// case number of the notice's reference, a document's size. No
    /// invalid document is written. A document the PDF writer refuses
    /// (over [`MAX_PDF_PAGES`](crate::MAX_PDF_PAGES)) is its `render.*`
    /// error.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{ArchiveKind, ArchiveOptions, Meeting};
    ///
    /// let meeting = Meeting::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/seed-meeting.json"))?;
    /// let package = meeting.to_archive(ArchiveKind::MoeteMappe, &ArchiveOptions::default())?;
    /// let xml = String::from_utf8(package.messages[0].bytes.clone()).unwrap();
    /// assert!(xml.contains(r#"<mappe xsi:type="moetemappe">"#));
    /// // Notice, agenda and minutes, each as PDF/A and as HTML.
    /// assert_eq!(package.files.len(), 6);
    /// assert_eq!(package.files[0].name, "innkalling.pdf");
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn to_archive(
        &self,
        kind: ArchiveKind,
        options: &ArchiveOptions,
    ) -> Result<ArchivePackage> {
        let created = options.created.unwrap_or_else(|| self.time.end());
        self.fits_the_schema()?;
        let filed = |k: DocumentKind| -> Result<Filed> {
            let pdf = self.render_pdf(k.document(), Language::Norwegian, &PdfOptions::default())?;
            let html = self.render(k.document(), Format::Html, Language::Norwegian);
            let production = ArchiveFile::new(
                &format!("{}.html", k.file_stem()),
                html.into_bytes(),
                "text/html",
            );
            Ok(Filed::new(k.file_stem(), pdf, production))
        };
        Ok(match kind {
            ArchiveKind::MoeteMappe => {
                let mut documents: Vec<(DocumentKind, Filed)> = Vec::with_capacity(3);
                for k in [
                    DocumentKind::Notice,
                    DocumentKind::Agenda,
                    DocumentKind::Minutes,
                ] {
                    documents.push((k, filed(k)?));
                }
                let xml = noark::write(self, options, created, &documents);
                ArchivePackage {
                    messages: vec![ArchiveFile::new(
                        "arkivstruktur.xml",
                        xml.into_bytes(),
                        "application/xml",
                    )],
                    files: documents
                        .into_iter()
                        .flat_map(|(_, f)| [f.archival, f.production])
                        .collect(),
                }
            }
            ArchiveKind::Arkivmelding => self.case_messages(
                options,
                created,
                filed(DocumentKind::Notice)?,
                filed(DocumentKind::Minutes)?,
            )?,
        })
    }

    /// Refuses the numbers the schema's `xs:int` cannot hold, naming each.
    fn fits_the_schema(&self) -> Result<()> {
        let too_large = |field: &'static str, path: String, n: u64| {
            crate::Error::invalid_argument(
                crate::codes::ErrorCode::InvalidArgument,
                field,
                format!(
                    "{path} is {n}: the archive's schema holds numbers up to {} (xs:int)",
                    i32::MAX
                ),
            )
        };
        for (i, item) in self.agenda.iter().enumerate() {
            let (_, _, sequence) = common::case_of(self, item, i);
            if i32::try_from(sequence).is_err() {
                return Err(too_large(
                    "agenda.archive.sequence",
                    format!("the case number of agenda[{i}] ({:?})", item.number),
                    u64::from(sequence),
                ));
            }
        }
        if let Some(r) = self.notice.as_ref().and_then(|n| n.case_reference()) {
            if i32::try_from(r.sequence).is_err() {
                return Err(too_large(
                    "notice.our_reference",
                    "the case number of notice.our_reference".to_owned(),
                    u64::from(r.sequence),
                ));
            }
        }
        Ok(())
    }

    /// The records of the case: the notice, each contribution (an
    /// incoming letter: its PDF/A with its Markdown as written), the
    /// minutes.
    fn case_messages(
        &self,
        options: &ArchiveOptions,
        created: DateTime<FixedOffset>,
        notice: Filed,
        minutes: Filed,
    ) -> Result<ArchivePackage> {
        let mut contributions: Vec<Filed> = Vec::with_capacity(self.contributions.len());
        for (i, c) in self.contributions.iter().enumerate() {
            let stem = format!("innspill-{:02}", i + 1);
            let markdown = ArchiveFile::new(
                &format!("{stem}.md"),
                c.body.clone().into_bytes(),
                "text/markdown",
            );
            let pdf = self.contribution_pdf(i, Language::Norwegian)?;
            contributions.push(Filed::new(&stem, pdf, markdown));
        }
        let title = self.title.trim();
        let mut records = vec![arkivmelding::Record {
            path: "notice".to_owned(),
            kind: "U",
            document_type: DocumentKind::Notice.document_type(),
            title: format!("Innkalling – {title}"),
            parties: self
                .roster
                .organisations()
                .into_iter()
                .filter(|o| !o.trim().is_empty())
                .map(|o| arkivmelding::Party::new("EM", o.trim()))
                .collect(),
            file: &notice,
            display_name: "Innkalling".to_owned(),
            date: self
                .notice
                .as_ref()
                .map(|n| crate::model::time::start_of_day(self.time.zone(), n.date)),
            answers_notice: false,
        }];
        for (i, (c, file)) in self.contributions.iter().zip(&contributions).enumerate() {
            let from = c.from.trim();
            let mut parties = Vec::new();
            if !from.is_empty() {
                let mut party = arkivmelding::Party::new("EA", from);
                // Received by e-mail: who sent it, as the message said.
                party.email = c.source.as_ref().map(|s| s.sender.clone());
                parties.push(party);
            }
            records.push(arkivmelding::Record {
                path: format!("contribution/{i}"),
                kind: "I",
                document_type: common::CORRESPONDENCE,
                title: format!("Innspill fra {from} – {title}"),
                parties,
                file,
                display_name: format!("Innspill fra {from}"),
                date: c
                    .submitted_at
                    .or_else(|| c.source.as_ref().and_then(|s| s.date)),
                answers_notice: true,
            });
        }
        records.push(arkivmelding::Record {
            path: "minutes".to_owned(),
            kind: "X",
            document_type: DocumentKind::Minutes.document_type(),
            title: format!("Referat – {title}"),
            parties: Vec::new(),
            file: &minutes,
            display_name: "Referat".to_owned(),
            date: None,
            answers_notice: true,
        });
        let messages = arkivmelding::messages(self, options, created, &records)
            .into_iter()
            .map(|(name, xml)| ArchiveFile::new(&name, xml.into_bytes(), "application/xml"))
            .collect();
        let mut files = Vec::with_capacity(2 * (contributions.len() + 2));
        for f in std::iter::once(notice)
            .chain(contributions)
            .chain([minutes])
        {
            files.push(f.archival);
            files.push(f.production);
        }
        Ok(ArchivePackage { messages, files })
    }

    /// Validates the meeting as [`Meeting::validate_with`] does, and adds
    /// what an archive needs: a meeting number (`archive.missing_number`),
    /// the body's code (`archive.missing_body`) and, for a meeting held,
    /// approved minutes (`archive.minutes_not_approved`). The notice of a
    /// meeting not meant for an archive stays valid: these are asked for.
    pub fn validate_for_archive(&self, options: &ValidationOptions) -> Report {
        let mut report = self.validate_with(options);
        if self.number.as_deref().is_none_or(|n| n.trim().is_empty()) {
            report.push(
                Code::ArchiveMissingNumber,
                "number",
                format!(
                    "the meeting has no number (møtenummer, such as \"5/2024\"); the archive gets its date, {}",
                    noark::meeting_number(self)
                ),
            );
        }
        let archive = self.archive.as_ref();
        if archive
            .and_then(|a| a.body_code.as_deref())
            .is_none_or(|c| c.trim().is_empty())
        {
            report.push(
                Code::ArchiveMissingBody,
                "archive.body_code",
                format!(
                    "the body {:?} has no code in the archive (utvalg)",
                    self.body.trim()
                ),
            );
        }
        if let Some(a) = archive {
            if a.state == MeetingState::Held && a.minutes != MinutesState::Approved {
                report.push(
                    Code::ArchiveMinutesNotApproved,
                    "archive.minutes",
                    "the meeting was held and its minutes are not approved: the archive gets a draft",
                );
            }
        }
        report
    }
}
