//! Imports a roster file and prints what came of it; with `--runs N`, the
//! best time of N imports in milliseconds (for the Python benchmark's
//! Rust baseline, and for profiling); with `--threads N`, on N threads;
//! with `--floor 1`, the benchmark's floor instead (the `csv` crate's raw
//! read of every record), so that a profiler counts both alike; with
//! `--floor 2`, the second floor (`simd-csv`'s zero-copy read). Prints
//! the process's peak resident memory at the end (Linux).

use std::time::Instant;

#[path = "../benches/floor.rs"]
mod floor;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("a roster file");
    let (mut runs, mut threads, mut floor) = (1usize, 0usize, 0usize);
    while let (Some(flag), Some(n)) = (args.next(), args.next()) {
        let n = n.parse().expect("a number");
        match flag.as_str() {
            "--runs" => runs = n,
            "--threads" => threads = n,
            "--floor" => floor = n,
            other => panic!("unknown option {other}"),
        }
    }
    if floor != 0 {
        let read = if floor == 2 {
            floor::simd_read
        } else {
            floor::raw_read
        };
        let mut best = f64::INFINITY;
        let mut fields = 0;
        for _ in 0..runs {
            let start = Instant::now();
            fields = read(path.as_ref());
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
    // The process's peak resident memory (Linux): what the import held in
    // pages it wrote, where the benchmark's counting allocator counts
    // every byte asked for (the import's room check asks for its whole
    // estimate once, and gives it back untouched).
    if let Some(kb) = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
    {
        println!("peak resident: {kb} kB");
    }
}
