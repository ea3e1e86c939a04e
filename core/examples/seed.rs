//! The main job on the seed meeting: load it, validate it, print the agenda
//! and the findings.
//!
//! ```sh
//! cargo run --example seed                 # the seed meeting
//! cargo run --example seed -- other.json   # any meeting document
//! ```

use std::process::ExitCode;

use roundtable::{ItemKind, Meeting};

fn main() -> ExitCode {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/data/seed-meeting.json"
        )
        .to_owned()
    });
    let meeting = match Meeting::load(&path) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };

    println!("{} — {}", meeting.body, meeting.title);
    println!(
        "{} – {} ({}), {}",
        meeting.time.start_local().format("%Y-%m-%d %H:%M"),
        meeting.time.end_local().format("%H:%M"),
        meeting.time.zone(),
        meeting.location.venue
    );
    println!();
    println!("Agenda:");
    for item in &meeting.agenda {
        let extra = match &item.kind {
            ItemKind::MinutesApproval { meeting_date, .. } => {
                format!(" [minutes of {meeting_date}]")
            }
            ItemKind::RoundTable(rules) => match rules.speaking_limit_minutes {
                Some(limit) => format!(" [round table, at most {limit} min each]"),
                None => " [round table]".to_owned(),
            },
            _ => String::new(),
        };
        println!("  Sak {:>3}  {}{extra}", item.number, item.title);
    }
    println!();
    println!(
        "Roster: {} people; contributions: {}",
        meeting.roster.len(),
        meeting.contributions.len()
    );

    let report = meeting.validate();
    println!();
    println!(
        "Findings: {} ({} errors, {} warnings)",
        report.len(),
        report.errors().count(),
        report.warnings().count()
    );
    for finding in &report {
        println!("  {finding}");
    }
    if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
