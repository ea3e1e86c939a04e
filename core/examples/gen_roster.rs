//! Writes the benchmarks' generated roster: `cargo run --release --example
//! gen_roster -- ROWS PATH [unkind]` (`unkind`: 45 % duplicates, job
//! titles as roles, quoted multi-line notes, bad values, CRLF,
//! Windows-1252).

// Shared with the benchmark, which uses all of it; this uses a part.
#[allow(dead_code)]
#[path = "../benches/roster_gen.rs"]
mod roster_gen;

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args
        .next()
        .and_then(|r| r.parse().ok())
        .expect("a number of rows");
    let path = args.next().expect("a path to write");
    let path = std::path::Path::new(&path);
    match args.next().as_deref() {
        Some("unkind") => roster_gen::generate_profile(path, rows, &roster_gen::Profile::UNKIND),
        _ => roster_gen::generate(path, rows),
    }
}
