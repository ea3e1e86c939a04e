//! Imports a roster file and prints what came of it; with `--runs N`, the
//! best time of N imports in milliseconds (for the Python benchmark's
//! Rust baseline, and for profiling); with `--threads N`, on N threads;
//! with `--floor 1`, the benchmark's floor instead (the `csv` crate's raw
//! read of every record), so that a profiler counts both alike.

use std::time::Instant;

#[path = "../benches/floor.rs"]
mod floor;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a roster file");
    let (mut runs, mut threads, mut floor) = (1usize, 0usize, false);
    while let (Some(flag), Some(n)) = (args.next(), args.next()) {
        let n = n.parse().expect("a number");
        match flag.as_str() {
            "--runs" => runs = n,
            "--threads" => threads = n,
            "--floor" => floor = n != 0,
            other => panic!("unknown option {other}"),
        }
    }
    if floor {
        let mut best = f64::INFINITY;
        let mut fields = 0;
        for _ in 0..runs {
            let start = Instant::now();
            fields = floor::raw_read(path.as_ref());
            best = best.min(start.elapsed().as_secs_f64() * 1e3);
        }
        println!("{fields} fields read, best of {runs}: {best:.1} ms");
        return;
    }
    let options = roundtable::ImportOptions::default().with_threads(threads);
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let import = roundtable::Roster::from_csv_path(&path, &options)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        last = Some(import);
    }
    let import = last.expect("at least one run");
    println!(
        "{} people, {} problems, best of {runs}: {best:.1} ms",
        import.roster.len(),
        import.problems.len()
    );
}
