//! The main job on the seed meeting: load it, validate it, print the agenda
//! and the findings, and write its documents (calendar file, notice,
//! agenda, minutes draft; bokmål and English; Markdown and HTML) to
//! `out/<id>/`.
//!
//! ```sh
//! cargo run --example seed                          # the seed meeting
//! cargo run --example seed -- other.json [folder]   # any meeting document
//! ```

use std::process::ExitCode;

use chrono::{TimeZone, Utc};
use roundtable::{Document, Format, IcsOptions, ItemKind, Language, Meeting};

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
    // The documents, named as the golden files of the seed are. The time
    // stamp is the notice's date, so that the same meeting gives the same
    // files.
    let folder = std::env::args()
        .nth(2)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new("out").join(if path.ends_with("seed-meeting.json") {
                "seed"
            } else {
                meeting.id.as_str()
            })
        });
    let stamp = meeting
        .notice
        .as_ref()
        .and_then(|n| n.date.and_hms_opt(8, 0, 0))
        .map(|t| Utc.from_utc_datetime(&t))
        .unwrap_or_else(Utc::now);
    let mut files: Vec<(String, String)> = Vec::new();
    match meeting.to_ics(&IcsOptions::default().with_dtstamp(stamp)) {
        Ok(ics) => files.push(("seed-meeting.ics".to_owned(), ics)),
        Err(e) => eprintln!("no calendar file: {e}"),
    }
    for (document, name) in [
        (Document::Notice, "notice"),
        (Document::Agenda, "agenda"),
        (Document::Minutes, "minutes"),
    ] {
        for (language, code) in [(Language::Norwegian, "nb"), (Language::English, "en")] {
            for (format, ext) in [(Format::Markdown, "md"), (Format::Html, "html")] {
                files.push((
                    format!("seed-{name}.{code}.{ext}"),
                    meeting.render(document, format, language),
                ));
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(&folder) {
        eprintln!("{}: {e}", folder.display());
        return ExitCode::from(2);
    }
    for (name, text) in &files {
        if let Err(e) = std::fs::write(folder.join(name), text) {
            eprintln!("{}: {e}", folder.join(name).display());
            return ExitCode::from(2);
        }
    }
    println!();
    println!(
        "Documents: {} files written to {}/",
        files.len(),
        folder.display()
    );

    if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
