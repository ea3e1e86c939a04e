//! Peak memory of an import against the size of its file (issue 28, item
//! 1: at most 3 times the file and a constant). Each case runs in a process
//! of its own, so that its high-water mark is its own:
//!
//!     cargo run --release -p roundtable --example import_memory [MB]
//!
//! The file has five or six problems on every row (a wrong e-mail, a phone
//! that is no number, unknown role, attendance and response, a duplicate):
//! kept one by one, they needed 33 times the file.

use std::io::Write;
use std::process::Command;

use roundtable::{ImportOptions, Roster};

fn high_water_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn write_file(path: &std::path::Path, megabytes: u64) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    out.write_all("Fornavn;Etternavn;E-post;Rolle;Telefon;Oppmøte;Svar;Notat\n".as_bytes())
        .unwrap();
    let mut written = 0u64;
    let mut i = 0u64;
    while written < megabytes << 20 {
        let row = format!(
            "Kari;Nordmann;kari{i}@@example.no;Rådgiver {i};+47 abc {i};kanskje {i};nja {i};=cmd{i}\n"
        );
        out.write_all(row.as_bytes()).unwrap();
        written += row.len() as u64;
        i += 1;
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, path, threads] = &args[..] {
        if flag == "--child" {
            let before = high_water_kb();
            let options = ImportOptions::default().with_threads(threads.parse().unwrap());
            let import = Roster::from_csv_path(path, &options).unwrap();
            let problems: usize = import.problems.counts().map(|(_, n)| n).sum();
            println!(
                "{} {} {} {} {}",
                before,
                high_water_kb(),
                import.roster.len(),
                problems,
                import.problems.len()
            );
            return;
        }
    }
    let megabytes: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100);
    let dir = std::env::temp_dir().join(format!("roundtable-memory-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("six-problems.csv");
    write_file(&path, megabytes);
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "{:<34} {:>9} {:>10} {:>10} {:>12} {:>8}",
        "case", "file MB", "peak MB", "people", "problems", "peak/file"
    );
    for threads in [1, 2] {
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--child", path.to_str().unwrap(), &threads.to_string()])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let f: Vec<u64> = text
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        let [before, peak, people, problems, kept] = f[..] else {
            panic!(
                "the child said {text:?} {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let grown = (peak - before) as f64 * 1024.0;
        println!(
            "{:<34} {:>9.1} {:>10.1} {:>10} {:>12} {:>7.2}x   ({kept} problems kept)",
            format!("six problems a row, {threads} thread(s)"),
            size as f64 / 1048576.0,
            grown / 1048576.0,
            people,
            problems,
            grown / size as f64,
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
