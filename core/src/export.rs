//! Writing a roster back as CSV, with values that a spreadsheet would run
//! as formulas guarded.

use std::borrow::Cow;

use crate::cells::guard;
use crate::model::roster::Roster;
use crate::names::Language;

/// Settings of a CSV export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ExportOptions {
    /// `b','` or `b';'` (Norwegian Excel opens semicolon files directly).
    pub delimiter: u8,
    /// The language of the header and of role and attendance values.
    pub language: Language,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            delimiter: b';',
            language: Language::Norwegian,
        }
    }
}

impl ExportOptions {
    /// Sets the delimiter.
    pub fn with_delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// Sets the header language.
    pub fn with_language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }
}

/// A column of an exported roster, in the order written.
#[derive(Clone, Copy)]
enum Column {
    Given,
    Family,
    Organisation,
    Email,
    Phone,
    Title,
    Role,
    SubstituteFor,
    Response,
    Attendance,
    Excuse,
}

impl Column {
    const ALL: [Column; 11] = [
        Column::Given,
        Column::Family,
        Column::Organisation,
        Column::Email,
        Column::Phone,
        Column::Title,
        Column::Role,
        Column::SubstituteFor,
        Column::Response,
        Column::Attendance,
        Column::Excuse,
    ];

    /// The header, one the importer maps back to the same field.
    fn header(self, language: Language) -> &'static str {
        let (nb, en) = match self {
            Column::Given => ("Fornavn", "Given name"),
            Column::Family => ("Etternavn", "Family name"),
            Column::Organisation => ("Organisasjon", "Organisation"),
            Column::Email => ("E-post", "Email"),
            Column::Phone => ("Telefon", "Phone"),
            Column::Title => ("Stilling", "Title"),
            Column::Role => ("Rolle", "Role"),
            Column::SubstituteFor => ("Vara for", "Substitute for"),
            Column::Response => ("Svar", "Response"),
            Column::Attendance => ("Oppmøte", "Attendance"),
            Column::Excuse => ("Forfallsgrunn", "Excuse"),
        };
        match language {
            Language::Norwegian => nb,
            Language::English => en,
        }
    }
}

impl Roster {
    /// Writes the roster as CSV (UTF-8, no byte-order mark, CRLF line ends
    /// as RFC 4180 has them), one header row and one row per person, extra
    /// attributes as further columns. Title, substitute, response and
    /// excuse get a column only when someone on the roster has one.
    ///
    /// A value that a spreadsheet would run as a formula (starting with
    /// `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`, which the importer
    /// removes again: `+47 412 03 424` survives the round trip.
    ///
    /// # Example
    ///
    /// ```
    /// use roundtable::{ExportOptions, ImportOptions, Person, Roster};
    ///
    /// let mut roster = Roster::new();
    /// let mut p = Person::new("Karoline", "Ulateig", "Sekretariatet for Osloregionen");
    /// p.phone = Some("+47 412 03 424".into());
    /// roster.push(p);
    /// let csv = roster.to_csv(&ExportOptions::default());
    /// assert!(csv.contains(";'+47 412 03 424;"));
    /// let back = Roster::from_csv_bytes(csv.as_bytes(), &ImportOptions::default())?;
    /// assert_eq!(back.roster, roster);
    /// # Ok::<(), roundtable::Error>(())
    /// ```
    pub fn to_csv(&self, options: &ExportOptions) -> String {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(options.delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        // The later fields get a column only when someone has them, so
        // that a roster without them exports as it always did.
        let used = |has: fn(&crate::PersonRef<'_>) -> bool| self.iter().any(|p| has(&p));
        let columns: Vec<Column> = Column::ALL
            .iter()
            .copied()
            .filter(|c| match c {
                Column::Title => used(|p| p.title().is_some()),
                Column::SubstituteFor => used(|p| p.substitute_for().is_some()),
                Column::Response => used(|p| p.response() != crate::Response::NeedsAction),
                Column::Excuse => used(|p| p.excuse().is_some()),
                _ => true,
            })
            .collect();
        let extra_names: Vec<&str> = self.extra_names().collect();
        // Writing to a Vec cannot fail; the errors are I/O errors.
        // Extra columns are named by the file they came from: guarded too.
        let _ = writer.write_record(
            columns
                .iter()
                .map(|c| Cow::Borrowed(c.header(options.language)))
                .chain(extra_names.iter().map(|n| guard(n)))
                .map(|v| v.into_owned()),
        );
        let mut row: Vec<Cow<'_, str>> = Vec::with_capacity(columns.len() + extra_names.len());
        for p in self {
            row.clear();
            for column in &columns {
                row.push(match column {
                    Column::Given => guard(p.given_name()),
                    Column::Family => guard(p.family_name()),
                    Column::Organisation => guard(p.organisation()),
                    Column::Email => guard(p.email().unwrap_or("")),
                    Column::Phone => guard(p.phone().unwrap_or("")),
                    Column::Title => guard(p.title().unwrap_or("")),
                    Column::Role => Cow::Borrowed(p.role().word(options.language)),
                    Column::SubstituteFor => guard(p.substitute_for().unwrap_or("")),
                    Column::Response => Cow::Borrowed(p.response().word(options.language)),
                    Column::Attendance => Cow::Borrowed(p.attendance().word(options.language)),
                    Column::Excuse => guard(p.excuse().unwrap_or("")),
                });
            }
            // Each value into its column by the name's id: no search per
            // column, however many there are.
            let base = row.len();
            row.resize(base + extra_names.len(), Cow::Borrowed(""));
            for (id, value) in p.extra_ids() {
                if let Some(cell) = row.get_mut(base + id as usize) {
                    *cell = guard(value);
                }
            }
            let _ = writer.write_record(row.iter().map(|v| v.as_bytes()));
        }
        let bytes = writer.into_inner().unwrap_or_default();
        // Every value written is a &str, so the output is UTF-8.
        String::from_utf8(bytes).unwrap_or_default()
    }
}
