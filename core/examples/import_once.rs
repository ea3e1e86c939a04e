//! Imports a roster file once and prints what came of it: for profiling.
fn main() {
    let path = std::env::args().nth(1).expect("a roster file");
    let import = roundtable::Roster::from_csv_path(&path, &roundtable::ImportOptions::default())
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    println!(
        "{} people, {} problems",
        import.roster.len(),
        import.problems.len()
    );
}
