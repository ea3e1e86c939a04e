//! The code tables of the manual (`docs/`) are the documentation of the
//! codes: each must list every code with its severity, and nothing else.

use roundtable::{Code, ProblemCode};

/// A page of the manual.
fn page(name: &str) -> String {
    let path = format!("{}/../docs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The (code, severity) rows of the first table after `heading`.
fn table_after(text: &str, heading: &str) -> Vec<(String, String)> {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("{heading:?} in the page"));
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((code.to_owned(), (*cells.get(2)?).to_owned()))
        })
        .collect()
}

#[test]
fn the_manual_lists_every_validation_code_with_its_severity() {
    let want: Vec<(String, String)> = Code::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.severity().as_str().to_owned()))
        .collect();
    assert_eq!(
        table_after(&page("validation.md"), "# Validation codes"),
        want
    );
    for code in Code::ALL {
        assert_eq!(Code::from_name(code.as_str()), Some(*code));
    }
    assert_eq!(Code::ALL.len(), 36);
}

#[test]
fn the_manual_lists_every_import_problem_code_with_its_severity() {
    let want: Vec<(String, String)> = ProblemCode::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.severity().as_str().to_owned()))
        .collect();
    assert_eq!(
        table_after(&page("roster-import.md"), "Import problem codes"),
        want
    );
    // The shared ones mean the same as the validation codes of that name.
    for code in ProblemCode::ALL {
        if let Some(validation) = Code::from_name(code.as_str()) {
            assert_eq!(validation.severity(), code.severity(), "{code}");
        }
    }
}

#[test]
fn the_manual_lists_every_error_code_with_its_severity() {
    use roundtable::ErrorCode;
    let want: Vec<(String, String)> = ErrorCode::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.severity().as_str().to_owned()))
        .collect();
    assert_eq!(table_after(&page("errors.md"), "# Errors"), want);
}

#[test]
fn the_manual_lists_every_reply_code_with_its_severity() {
    use roundtable::ReplyCode;
    let want: Vec<(String, String)> = ReplyCode::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.severity().as_str().to_owned()))
        .collect();
    assert_eq!(table_after(&page("replies.md"), "Reply codes ("), want);
}
