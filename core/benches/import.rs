//! Roster import against the floor of the `csv` crate's raw read.
//!
//! ```sh
//! cargo bench -p roundtable --bench import            # 100,000 and 1,000,000 rows
//! ./scripts/bench-import.sh                           # the same, ratios summarised
//! ./scripts/bench-import.sh matrix                    # the unkind files (below)
//! ./scripts/bench-import.sh matrix 10000000           # and the all-traits file at that size
//! ```
//!
//! For each size it generates a semicolon-separated UTF-8 roster (Norwegian
//! names with æøå and multi-part given names, organisations, emails,
//! phones), then times, best of several rounds that run each in turn:
//! - the floor: the `csv` crate reading every `ByteRecord` of the file;
//! - the second floor: `simd-csv`'s zero-copy reader on the same file
//!   (reported beside the first; the targets stay against the first);
//! - the full lenient import (decode, header mapping, trim, NFC, email and
//!   phone checks, duplicate detection, roster built).
//!
//! A counting allocator measures the peak heap of the import, the finished
//! roster included, against the file's size; the growth of the time from
//! one size to the next times the two imports in turns. Times and memory
//! are printed as `ratio:` lines that `scripts/bench-import.sh` collects.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::Duration;

use roundtable::{ImportOptions, Roster};

struct Counting;

// Signed: a block allocated before counting began may be freed during it.
static CURRENT: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
/// Counting on: only for the run that measures the heap. Two threads that
/// allocate would otherwise fight over the counters' cache line in every
/// timed run, a cost of the measurement and not of the import (the floor
/// hardly allocates, so it would be charged to the import alone).
static COUNTING: AtomicBool = AtomicBool::new(false);

// SAFETY: forwards to the system allocator and only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            let size = layout.size() as isize;
            let now = CURRENT.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        if COUNTING.load(Ordering::Relaxed) {
            CURRENT.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            let grow = new_size as isize - layout.size() as isize;
            let now = CURRENT.fetch_add(grow, Ordering::Relaxed) + grow;
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

mod floor;
mod roster_gen;
mod timing;

use floor::{raw_read, simd_read};
use roster_gen::{generate, generate_profile, Profile};
use timing::best_of_each;

fn data_file(rows: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("roster-{rows}.csv"));
    if !path.exists() {
        generate(&path, rows);
    }
    path
}

/// The unkind files: what real files vary, one at a time and all at once.
fn matrix() -> Vec<Profile> {
    let p = Profile::CLEAN;
    vec![
        Profile {
            name: "duplicates 1%",
            duplicates: 0.01,
            ..p
        },
        Profile {
            name: "duplicates 10%",
            duplicates: 0.10,
            ..p
        },
        Profile {
            name: "duplicates 45%",
            duplicates: 0.45,
            ..p
        },
        Profile {
            name: "job titles as roles",
            job_titles: true,
            ..p
        },
        Profile {
            name: "NFD names",
            nfd: true,
            ..p
        },
        Profile {
            name: "quoted multi-line notes",
            multiline: true,
            ..p
        },
        Profile {
            name: "bad emails and phones",
            bad_values: true,
            ..p
        },
        Profile {
            name: "CRLF",
            crlf: true,
            ..p
        },
        Profile {
            name: "Windows-1252",
            windows_1252: true,
            ..p
        },
        Profile::UNKIND,
    ]
}

/// What one file measures, best of `runs`: the floor, the import with the
/// default threads and with one, and the import's peak and kept heap.
struct Measured {
    floor: Duration,
    /// The second floor: `simd-csv`'s zero-copy read of the same file.
    simd: Duration,
    full: Duration,
    single: Duration,
    peak: usize,
    kept: usize,
}

fn measure(path: &Path, runs: usize) -> Measured {
    let options = ImportOptions::default();
    let one_thread = ImportOptions::default().with_threads(1);
    let [floor, simd, full, single] = best_of_each(
        runs,
        [
            &mut || Box::new(std::hint::black_box(raw_read(path))),
            &mut || Box::new(std::hint::black_box(simd_read(path))),
            &mut || {
                Box::new(std::hint::black_box(
                    Roster::from_csv_path(path, &options).unwrap(),
                ))
            },
            &mut || {
                Box::new(std::hint::black_box(
                    Roster::from_csv_path(path, &one_thread).unwrap(),
                ))
            },
        ],
    );
    // Counted from zero: what the import allocates and frees, nothing
    // from before (whose frees would be missed while counting was off).
    CURRENT.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::SeqCst);
    let import = Roster::from_csv_path(path, &options).unwrap();
    let peak = PEAK.load(Ordering::Relaxed).max(0) as usize;
    let kept = CURRENT.load(Ordering::Relaxed).max(0) as usize;
    drop(import);
    COUNTING.store(false, Ordering::SeqCst);
    Measured {
        floor,
        simd,
        full,
        single,
        peak,
        kept,
    }
}

/// The file of one case of the matrix at `rows`, generated once.
fn case_file(profile: &Profile, rows: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let slug: String = profile
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let path = dir.join(format!("matrix-{slug}-{rows}.csv"));
    if !path.exists() {
        generate_profile(&path, rows, profile);
    }
    path
}

/// One case of the matrix, at `rows`: one line with its ratios.
fn run_case(profile: &Profile, rows: usize) {
    let path = case_file(profile, rows);
    let size = std::fs::metadata(&path).unwrap().len() as f64;
    let runs = if rows >= 1_000_000 { 5 } else { 15 };
    // Warm the page cache; count what the import reports.
    let import = Roster::from_csv_path(&path, &ImportOptions::default()).unwrap();
    let people = import.roster.len();
    let problems = import.problems.len();
    drop(import);
    raw_read(&path);
    let Measured {
        floor,
        simd,
        full,
        single,
        peak,
        ..
    } = measure(&path, runs);
    println!(
        "ratio: matrix {rows} rows, {}: import/raw-read {:.2} (import/simd-read {:.2}), single-threaded {:.2}, speed-up {:.2}, peak-heap/file {:.2} ({people} people, {problems} problems, {:.1} MB)",
        profile.name,
        full.as_secs_f64() / floor.as_secs_f64(),
        full.as_secs_f64() / simd.as_secs_f64(),
        single.as_secs_f64() / floor.as_secs_f64(),
        single.as_secs_f64() / full.as_secs_f64(),
        peak as f64 / size,
        size / 1e6
    );
}

fn main() {
    // `matrix` runs the unkind files at 100,000 rows (and the all-unkind
    // one at 1,000,000) instead of the sizes.
    // Sizes after `matrix` run the all-traits file at those sizes too
    // (10,000,000 for its peak memory).
    // `all-traits` runs only the all-traits file's part of the matrix.
    let only_all = std::env::args().any(|a| a == "all-traits");
    if only_all || std::env::args().any(|a| a == "matrix") {
        let all = Profile::UNKIND;
        if only_all {
            run_case(&all, 100_000);
        } else {
            for profile in &matrix() {
                run_case(profile, 100_000);
            }
        }
        run_case(&all, 1_000_000);
        growth(
            &case_file(&all, 100_000),
            &case_file(&all, 1_000_000),
            "the all-traits file",
        );
        for rows in std::env::args().filter_map(|a| a.parse::<usize>().ok()) {
            run_case(&all, rows);
        }
        return;
    }
    // `cargo bench` passes --bench; sizes may be given as plain numbers.
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100_000, 1_000_000]
    } else {
        sizes
    };
    let options = ImportOptions::default();
    for &rows in &sizes {
        let path = data_file(rows);
        let size = std::fs::metadata(&path).unwrap().len() as f64;
        // Best of many runs: a short import on two shared cores is easily
        // disturbed, and the best run is the one that measures the code.
        let runs = if rows >= 1_000_000 { 7 } else { 25 };
        // Warm the page cache and check the import is whole.
        assert_eq!(raw_read(&path), rows * 5);
        let import = Roster::from_csv_path(&path, &options).unwrap();
        assert_eq!(import.roster.len(), rows);
        let duplicates = import.problems.len();
        drop(import);

        let Measured {
            floor,
            simd,
            full,
            single,
            peak,
            kept,
        } = measure(&path, runs);
        assert_eq!(simd_read(&path), rows * 5);

        let ratio = full.as_secs_f64() / floor.as_secs_f64();
        println!(
            "{rows} rows, {:.1} MB, {duplicates} duplicates reported: raw csv read {:.1} ms, full import {:.1} ms",
            size / 1e6,
            floor.as_secs_f64() * 1e3,
            full.as_secs_f64() * 1e3
        );
        println!("ratio: import/raw-read at {rows} rows = {ratio:.2}");
        println!(
            "ratio: second floor, raw-read/simd-read at {rows} rows = {:.2}; import/simd-read = {:.2}",
            floor.as_secs_f64() / simd.as_secs_f64(),
            full.as_secs_f64() / simd.as_secs_f64()
        );
        println!(
            "ratio: single-threaded import/raw-read at {rows} rows = {:.2}",
            single.as_secs_f64() / floor.as_secs_f64()
        );
        println!(
            "ratio: speed-up of {} threads over 1 at {rows} rows = {:.2}",
            std::thread::available_parallelism().map_or(1, |n| n.get()),
            single.as_secs_f64() / full.as_secs_f64()
        );
        println!(
            "ratio: peak-heap/file-size at {rows} rows = {:.2} (peak {:.1} MB, roster kept {:.1} MB)",
            peak as f64 / size,
            peak as f64 / 1e6,
            kept as f64 / 1e6
        );
    }
    for pair in sizes.windows(2) {
        growth(&data_file(pair[0]), &data_file(pair[1]), "rows");
    }
}

/// The growth from one file to a larger one, both imports timed in turns
/// (each round imports the smaller file, then the larger): timed a minute
/// apart, as the sizes are, a slow stretch of the shared machine that
/// falls on one of them alone moves the ratio more than the code does.
fn growth(small: &Path, large: &Path, what: &str) {
    let options = ImportOptions::default();
    let lines = |p: &Path| Roster::from_csv_path(p, &options).unwrap().roster.len();
    let (n0, n1) = (lines(small), lines(large));
    let rounds = if n1 >= 10_000_000 { 3 } else { 7 };
    let [t0, t1] = best_of_each(
        rounds,
        [
            &mut || Box::new(Roster::from_csv_path(small, &options).unwrap()),
            &mut || Box::new(Roster::from_csv_path(large, &options).unwrap()),
        ],
    );
    println!(
        "ratio: time growth {}x {what} = {:.2}x time ({:.1} ms and {:.1} ms, timed in turns)",
        n1 / n0.max(1),
        t1.as_secs_f64() / t0.as_secs_f64(),
        t0.as_secs_f64() * 1e3,
        t1.as_secs_f64() * 1e3
    );
}
