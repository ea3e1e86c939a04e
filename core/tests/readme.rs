//! The code tables in README.md are the documentation of the codes: each
//! must list every code with its severity, and nothing else.

use roundtable::{Code, ProblemCode};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap()
}

/// The (code, severity) rows of the first table after `heading`.
fn table_after(text: &str, heading: &str) -> Vec<(String, String)> {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("{heading:?} in README"));
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
fn readme_lists_every_validation_code_with_its_severity() {
    let want: Vec<(String, String)> = Code::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.severity().as_str().to_owned()))
        .collect();
    assert_eq!(table_after(&readme(), "## Validation codes"), want);
    for code in Code::ALL {
        assert_eq!(Code::from_name(code.as_str()), Some(*code));
    }
    assert_eq!(Code::ALL.len(), 35);
}

#[test]
fn readme_lists_every_import_problem_code_with_its_severity() {
    let want: Vec<(String, String)> = ProblemCode::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.severity().as_str().to_owned()))
        .collect();
    assert_eq!(table_after(&readme(), "Import problem codes"), want);
    // The shared ones mean the same as the validation codes of that name.
    for code in ProblemCode::ALL {
        if let Some(validation) = Code::from_name(code.as_str()) {
            assert_eq!(validation.severity(), code.severity(), "{code}");
        }
    }
}

#[test]
fn readme_lists_every_error_code_with_its_severity() {
    use roundtable::ErrorCode;
    let want: Vec<(String, String)> = ErrorCode::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.severity().as_str().to_owned()))
        .collect();
    assert_eq!(table_after(&readme(), "## Errors"), want);
}

#[test]
fn readme_lists_every_reply_code_with_its_severity() {
    use roundtable::ReplyCode;
    let want: Vec<(String, String)> = ReplyCode::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.severity().as_str().to_owned()))
        .collect();
    assert_eq!(table_after(&readme(), "Reply codes ("), want);
}
