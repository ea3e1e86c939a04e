//! Writing a roster back as CSV, with values that a spreadsheet would run
//! as formulas guarded.

use std::borrow::Cow;

use crate::names::Language;
use crate::roster::Roster;

/// Whether a spreadsheet would read a cell that starts with `rest` as a
/// formula (OWASP "CSV injection"): `=`, `+`, `-`, `@` or their full-width
/// forms (`＝＋－＠`, which some spreadsheets fold to ASCII), also after
/// spaces or no-break spaces, which they skip; or a tab or CR first.
fn formula_start(rest: &str) -> bool {
    if rest.starts_with(['\t', '\r']) {
        return true;
    }
    rest.trim_start_matches([' ', '\u{a0}', '\u{3000}'])
        .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// Undoes [`guard`]: a quote before quotes and a formula is the export's,
/// not the value's.
pub(crate) fn unguard(value: &str) -> &str {
    let rest = value.trim_start_matches('\'');
    if rest.len() < value.len() && formula_start(rest) {
        &value[1..]
    } else {
        value
    }
}

/// Neutralises a value that a spreadsheet would run as a formula by putting
/// a quote before it; values that already start with quotes and then such a
/// formula get one more, so that [`unguard`] restores every value.
pub(crate) fn guard(value: &str) -> Cow<'_, str> {
    if formula_start(value.trim_start_matches('\'')) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

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

impl Roster {
    /// Writes the roster as CSV (UTF-8, no byte-order mark, CRLF line ends
    /// as RFC 4180 has them), one header row and one row per person, extra
    /// attributes as further columns.
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
        let header: [&str; 7] = match options.language {
            Language::Norwegian => [
                "Fornavn",
                "Etternavn",
                "Organisasjon",
                "E-post",
                "Telefon",
                "Rolle",
                "Oppmøte",
            ],
            Language::English => [
                "Given name",
                "Family name",
                "Organisation",
                "Email",
                "Phone",
                "Role",
                "Attendance",
            ],
        };
        let extra_names: Vec<&str> = self.extra_names().collect();
        // Writing to a Vec cannot fail; the errors are I/O errors.
        // Extra columns are named by the file they came from: guarded too.
        let _ = writer.write_record(
            header
                .iter()
                .map(|h| Cow::Borrowed(*h))
                .chain(extra_names.iter().map(|n| guard(n)))
                .map(|v| v.into_owned()),
        );
        let mut row: Vec<Cow<'_, str>> = Vec::with_capacity(7 + extra_names.len());
        for p in self {
            row.clear();
            row.push(guard(p.given_name()));
            row.push(guard(p.family_name()));
            row.push(guard(p.organisation()));
            row.push(guard(p.email().unwrap_or("")));
            row.push(guard(p.phone().unwrap_or("")));
            row.push(Cow::Borrowed(p.role().word(options.language)));
            row.push(Cow::Borrowed(p.attendance().word(options.language)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_and_unguard_are_inverse() {
        for v in [
            "=1+1",
            "+47 412",
            "-x",
            "@a",
            "\tt",
            "\rr",
            "'=x",
            "''+y",
            "'plain",
            "plain",
            "",
            "＝1+1",
            "＋47",
            " =1",
            "\u{a0}@SUM(A1)",
            "' =x",
            "'\u{a0}－1",
        ] {
            assert_eq!(unguard(&guard(v)), v, "{v:?}");
        }
        assert_eq!(guard("+47"), "'+47");
        assert_eq!(guard("plain"), "plain");
        assert_eq!(guard("＝HYPERLINK(\"x\")"), "'＝HYPERLINK(\"x\")");
        assert_eq!(guard("\u{a0}=1"), "'\u{a0}=1");
        assert_eq!(guard("Notat =1"), "Notat =1");
    }
}
