//! The header row: what each column is understood as.

use crate::cells::{clean, trim};
use crate::error::{shorten, Error, ErrorKind, Result};
use crate::model::roster::Roster;
use crate::names::{fold_name, MAX_NAME};

/// What a column of the header was understood as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// Fornavn / First name / Given name.
    GivenName,
    /// Etternavn / Last name / Surname / Family name.
    FamilyName,
    /// Navn / Name / Full name: split into given and family name.
    FullName,
    /// Organisasjon / Organization / Virksomhet / Kommune / Company.
    Organisation,
    /// E-post / Email.
    Email,
    /// Telefon / Mobil / Tlf / Phone / Mobile.
    Phone,
    /// Rolle / Role.
    Role,
    /// Oppmøte / Attendance.
    Attendance,
    /// Stilling / Tittel / Title / Job title / Position.
    Title,
    /// Svar / Response / RSVP: the answer to the invitation.
    Response,
    /// Vara for / Møter for / Substitute for.
    SubstituteFor,
    /// Forfallsgrunn / Excuse.
    Excuse,
}

/// One column of the imported file's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderColumn {
    /// The header as written (trimmed, NFC).
    pub name: String,
    /// What it was understood as; `None` for a column kept as an extra
    /// attribute under `name`.
    pub field: Option<Field>,
}

pub(super) const ALIASES: &[(Field, &[&str])] = &[
    (
        Field::GivenName,
        &[
            "fornavn",
            "firstname",
            "givenname",
            "forename",
            "givennames",
        ],
    ),
    (
        Field::FamilyName,
        &["etternavn", "lastname", "surname", "familyname"],
    ),
    (
        Field::FullName,
        &[
            "navn",
            "name",
            "fullname",
            "fulltnavn",
            "fullstendignavn",
            "displayname",
        ],
    ),
    (
        Field::Organisation,
        &[
            "organisasjon",
            "organization",
            "organisation",
            "virksomhet",
            "kommune",
            "company",
            "org",
            "firma",
            "arbeidsgiver",
            "representerer",
        ],
    ),
    (
        Field::Email,
        &["epost", "email", "emailaddress", "epostadresse", "mail"],
    ),
    (
        Field::Phone,
        &[
            "telefon",
            "mobil",
            "tlf",
            "phone",
            "mobile",
            "telephone",
            "mobiltelefon",
            "telefonnummer",
            "mobilnummer",
            "phonenumber",
        ],
    ),
    (Field::Role, &["rolle", "role"]),
    (
        Field::Attendance,
        &["oppmote", "attendance", "frammote", "fremmote"],
    ),
    (
        Field::Title,
        &[
            "stilling",
            "tittel",
            "title",
            "jobtitle",
            "position",
            "stillingstittel",
        ],
    ),
    (Field::Response, &["svar", "response", "rsvp", "partstat"]),
    (
        Field::SubstituteFor,
        &["varafor", "moterfor", "substitutefor", "standsinfor"],
    ),
    (
        Field::Excuse,
        &["forfallsgrunn", "grunn", "excuse", "reason"],
    ),
];

/// The header names the importer understands, as shown in its errors.
pub(super) const EXPECTED_NAMES: &[&str] = &[
    "Fornavn + Etternavn",
    "First name + Last name",
    "Given name + Family name / Surname",
    "Navn",
    "Name",
    "Full name",
];

pub(super) fn field_of(header: &str) -> Option<Field> {
    // No alias is anywhere near this long; a 100 MB "header" is not worth
    // normalising.
    if header.len() > MAX_NAME {
        return None;
    }
    let key = fold_name(header);
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(field, _)| *field)
}

pub(super) struct Columns {
    pub(super) header: Vec<HeaderColumn>,
    pub(super) given: Option<usize>,
    pub(super) family: Option<usize>,
    pub(super) full: Option<usize>,
    pub(super) organisation: Option<usize>,
    pub(super) email: Option<usize>,
    pub(super) phone: Option<usize>,
    pub(super) role: Option<usize>,
    pub(super) attendance: Option<usize>,
    pub(super) title: Option<usize>,
    pub(super) response: Option<usize>,
    pub(super) substitute_for: Option<usize>,
    pub(super) excuse: Option<usize>,
    /// (column, extra-name id in the roster)
    pub(super) extras: Vec<(usize, u32)>,
    /// The name columns with their header text: a row that holds those
    /// same words is the header again, not a person.
    pub(super) name_keys: Vec<(usize, String)>,
}

impl Columns {
    /// Whether a row is the header once more (two exports pasted together):
    /// every name column holds its own header text. `cell` gives a row's
    /// field by column.
    pub(super) fn is_header_again<'r>(&self, cell: impl Fn(usize) -> &'r str) -> bool {
        // A pasted header is the same text: compared without folding, so
        // that the test costs next to nothing on the rows that are people.
        !self.name_keys.is_empty()
            && self
                .name_keys
                .iter()
                .all(|(column, name)| trim(cell(*column)).eq_ignore_ascii_case(name))
    }
}

pub(super) fn map_header(cells: &[String], line: u64, roster: &mut Roster) -> Result<Columns> {
    let mut columns = Columns {
        header: Vec::with_capacity(cells.len()),
        given: None,
        family: None,
        full: None,
        organisation: None,
        email: None,
        phone: None,
        role: None,
        attendance: None,
        title: None,
        response: None,
        substitute_for: None,
        excuse: None,
        extras: Vec::new(),
        name_keys: Vec::new(),
    };
    let mut used_names: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut next_suffix: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    for (i, cell) in cells.iter().enumerate() {
        let name = clean(cell.trim_start_matches('\u{feff}')).into_owned();
        let field = field_of(&name);
        let slot = match field {
            Some(Field::GivenName) => &mut columns.given,
            Some(Field::FamilyName) => &mut columns.family,
            Some(Field::FullName) => &mut columns.full,
            Some(Field::Organisation) => &mut columns.organisation,
            Some(Field::Email) => &mut columns.email,
            Some(Field::Phone) => &mut columns.phone,
            Some(Field::Role) => &mut columns.role,
            Some(Field::Attendance) => &mut columns.attendance,
            Some(Field::Title) => &mut columns.title,
            Some(Field::Response) => &mut columns.response,
            Some(Field::SubstituteFor) => &mut columns.substitute_for,
            Some(Field::Excuse) => &mut columns.excuse,
            None => &mut None,
        };
        // The first column of a kind is the field; a second ("Telefon" and
        // "Mobil") is kept as an extra attribute.
        let field = match (field, slot.is_none()) {
            (Some(f), true) => {
                *slot = Some(i);
                Some(f)
            }
            _ => None,
        };
        let name = if field.is_none() {
            let base = if name.is_empty() {
                format!("column {}", i + 1)
            } else {
                name
            };
            // "Notat", "Notat (2)", "Notat (3)"…: each name remembers the
            // next number to try, so a thousand repeats cost a thousand steps.
            let mut unique = base.clone();
            let n = next_suffix.entry(base.clone()).or_insert(2);
            while used_names.contains(&unique) {
                unique = format!("{base} ({n})");
                *n += 1;
            }
            used_names.insert(unique.clone());
            columns.extras.push((i, roster.extra_id(&unique)));
            unique
        } else {
            name
        };
        columns.header.push(HeaderColumn { name, field });
    }
    if columns.given.is_none() && columns.family.is_none() && columns.full.is_none() {
        return Err(Error::new(ErrorKind::NoNameColumn {
            line,
            expected: EXPECTED_NAMES.to_vec(),
            found: cells
                .iter()
                .map(|c| shorten(c.trim_start_matches('\u{feff}').trim()).into_owned())
                .collect(),
        }));
    }
    // Given and family name columns win; a "Navn" beside them is extra.
    if columns.given.is_some() || columns.family.is_some() {
        if let Some(full) = columns.full.take() {
            let name = columns.header[full].name.clone();
            columns.header[full].field = None;
            columns.extras.push((full, roster.extra_id(&name)));
            columns.extras.sort_unstable();
        }
    }
    for column in [columns.given, columns.family, columns.full]
        .into_iter()
        .flatten()
    {
        let name = columns.header[column].name.clone();
        columns.name_keys.push((column, name));
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_ignore_case_accents_and_punctuation() {
        assert_eq!(fold_name(" Oppmøte "), "oppmote");
        assert_eq!(fold_name("E-post"), "epost");
        assert_eq!(fold_name("First Name"), "firstname");
        assert_eq!(field_of("ORGANISASJON"), Some(Field::Organisation));
        assert_eq!(field_of("Given_name"), Some(Field::GivenName));
        assert_eq!(field_of("Avdeling"), None);
    }
}
