//! The code table in README.md is the one documentation of the codes: it
//! must list every code with its severity, and nothing else.

use roundtable::Code;

#[test]
fn readme_lists_every_code_with_its_severity() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let rows: Vec<(String, String)> = readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            let severity = *cells.get(2)?;
            (severity == "error" || severity == "warning")
                .then(|| (code.to_owned(), severity.to_owned()))
        })
        .collect();
    let want: Vec<(String, String)> = Code::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.severity().as_str().to_owned()))
        .collect();
    assert_eq!(rows, want);
    for code in Code::ALL {
        assert_eq!(Code::from_name(code.as_str()), Some(*code));
    }
    assert_eq!(Code::ALL.len(), 25);
}
