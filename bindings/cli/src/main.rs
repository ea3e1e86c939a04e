//! `roundtable`: the library's work from a terminal. It only calls the
//! library; every rule, code and message is the library's.
//!
//! Data goes to standard output and diagnostics to standard error, so that
//! commands pipe. Exit status: 0 done (no errors found), 1 done with errors
//! found (validation findings, import problems of severity error), 2 the
//! input could not be read or the output not written.

mod args;
mod diagnostics;
mod files;
mod inbox;

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use roundtable::{
    ArchiveKind, ArchiveOptions, Document, ExportOptions, Format, ImportOptions, Language, Meeting,
    MeetingPlan, RenderOptions, Roster, ValidationOptions,
};

use args::{Cli, Command, ImportArgs, Output, RenderWhat};
use diagnostics::Failure;

/// The seed meeting of the README's main job, built in so that `roundtable
/// seed` works from anywhere.
const SEED: &str = include_str!("../../../tests/data/seed-meeting.json");

/// Standard output, as `println!` writes it, but a reader that closed it
/// ends the command quietly instead of a panic.
macro_rules! say {
    ($($arg:tt)*) => {
        files::print(format!("{}\n", format_args!($($arg)*)).as_bytes())?
    };
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(status) => status,
        // The reader has all it wanted (`| head`): nothing to report.
        Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(failure) => {
            failure.print();
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Validate {
            meeting,
            format,
            min_notice_days,
            quorum,
        } => validate(&meeting, format, min_notice_days, quorum),
        Command::Import(args) => import(args),
        Command::Render {
            meeting,
            document,
            format,
            language,
            output,
            dates,
            responses,
        } => {
            let m = files::load(&meeting)?;
            let language: Language = parse(&language)?;
            if format.eq_ignore_ascii_case("pdf") {
                return render_pdf(&m, &meeting, document, language, &dates, responses, output);
            }
            let format: Format = parse(&format)?;
            let text = match document {
                RenderWhat::Plan => {
                    let plan = MeetingPlan::build(&m, &dates)
                        .map_err(|e| Failure::library(&meeting, e))?;
                    plan.render(format, language)
                }
                other => {
                    let document: Document = parse(other.name())?;
                    let options = RenderOptions::default().with_responses(responses);
                    m.render_with(document, format, language, options)
                }
            };
            files::emit(output.as_deref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Ics {
            meeting,
            method,
            sequence,
            output,
        } => {
            let m = files::load(&meeting)?;
            let options = roundtable::IcsOptions::default()
                .with_method(parse(&method)?)
                .with_sequence(sequence);
            let ics = m
                .to_ics(&options)
                .map_err(|e| Failure::library(&meeting, e))?;
            files::emit(output.as_deref(), &ics)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Reply {
            meeting,
            replies,
            in_place,
            output,
            format,
            sender,
            trust_unauthenticated,
        } => {
            let mut options =
                roundtable::ApplyOptions::new().with_trust_unauthenticated(trust_unauthenticated);
            if let Some(sender) = sender {
                options = options.with_sender(sender);
            }
            reply(
                &meeting,
                &replies,
                in_place,
                output.as_deref(),
                format,
                &options,
            )
        }
        Command::Inbox {
            meeting,
            mailboxes,
            in_place,
            output,
            format,
            trust_unauthenticated,
        } => {
            let options =
                roundtable::ApplyOptions::new().with_trust_unauthenticated(trust_unauthenticated);
            inbox::receive(
                &meeting,
                &mailboxes,
                in_place,
                output.as_deref(),
                format,
                &options,
            )
        }
        Command::Archive {
            meeting,
            kind,
            output,
            created_by,
        } => archive(&meeting, &kind, &output, &created_by),
        Command::Schema => {
            files::emit(None, &roundtable::meeting_schema())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Seed { output } => seed(&output),
        Command::Completions { shell } => {
            let mut command = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "roundtable", &mut script);
            files::print(&script)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|e| Failure::io(Path::new("-"), e))?;
            files::print(&page)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A name the library parses (a format, language, method…): an unknown
/// one is the library's `argument.invalid` error, listing the names taken.
fn parse<T: std::str::FromStr<Err = roundtable::Error>>(name: &str) -> Result<T, Failure> {
    name.parse::<T>()
        .map_err(|e| Failure::library(Path::new("argument"), e))
}

fn validate(
    path: &Path,
    format: Output,
    min_notice_days: u32,
    quorum: bool,
) -> Result<ExitCode, Failure> {
    let meeting = files::load(path)?;
    let options = ValidationOptions::default()
        .with_min_notice_days(min_notice_days)
        .with_quorum(quorum);
    let report = meeting.validate_with(&options);
    let text = match format {
        Output::Json => {
            let mut json = serde_json::to_string_pretty(&report)
                .map_err(|e| Failure::message(format!("the report as JSON: {e}")))?;
            json.push('\n');
            json
        }
        Output::Text => {
            let mut text = String::new();
            for finding in &report {
                text.push_str(&format!("{}: {finding}\n", path.display()));
            }
            text.push_str(&format!(
                "{} errors, {} warnings\n",
                report.errors().count(),
                report.warnings().count()
            ));
            text
        }
    };
    files::emit(None, &text)?;
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn import(args: ImportArgs) -> Result<ExitCode, Failure> {
    let mut options = ImportOptions::default();
    if args.strict {
        options = options.with_mode(roundtable::ImportMode::Strict);
    }
    if let Some(name) = &args.encoding {
        options = options.with_encoding(parse(name)?);
    }
    if let Some(d) = &args.delimiter {
        options = options.with_delimiter(parse::<roundtable::Delimiter>(d)?.byte());
    }
    if let Some(limit) = args.max_problems_per_code {
        options = options.with_max_problems_per_code(limit);
    }
    // Read the meeting first: a document that cannot be read is refused
    // before the (possibly long) import.
    let into = match &args.into {
        Some(path) => Some((path, files::load(path)?)),
        None => None,
    };
    let import = with_progress(&args.roster, || {
        Roster::from_csv_path(&args.roster, &options)
    })
    .map_err(|e| Failure::library(&args.roster, e))?;

    diagnostics::print_import_report(&args.roster, &import);
    let errors = import
        .problems
        .iter()
        .any(|p| p.severity() == roundtable::Severity::Error);

    if let Some((path, mut meeting)) = into {
        meeting.roster = import.roster.clone();
        files::write_atomically(path, meeting.to_json().as_bytes())?;
    }
    match &args.out {
        Some(out) if is_csv(out) => files::write_atomically(
            out,
            import.roster.to_csv(&ExportOptions::default()).as_bytes(),
        )?,
        Some(out) => files::write_atomically(out, roster_json(&import.roster)?.as_bytes())?,
        None if args.into.is_none() => files::emit(None, &roster_json(&import.roster)?)?,
        None => {}
    }
    Ok(if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn reply(
    path: &Path,
    replies: &[PathBuf],
    in_place: bool,
    output: Option<&Path>,
    format: Output,
    options: &roundtable::ApplyOptions,
) -> Result<ExitCode, Failure> {
    let mut meeting = files::load(path)?;
    // Every file is read before any is applied: a missing one changes
    // nothing.
    let mut inputs = Vec::with_capacity(replies.len());
    for file in replies {
        inputs.push(files::read_reply(file)?);
    }
    let outcome = meeting.apply_replies_with(&inputs, options);
    match format {
        Output::Json => files::emit(None, &format!("{}\n", outcome.to_json()))?,
        Output::Text => {
            let mut text = String::new();
            for change in &outcome.changes {
                let file = replies
                    .get(change.reply)
                    .map_or(Path::new("-"), |p| p.as_path());
                text.push_str(&format!("{}: {change}\n", file.display()));
            }
            for ignored in &outcome.ignored {
                let file = replies
                    .get(ignored.reply)
                    .map_or(Path::new("-"), |p| p.as_path());
                text.push_str(&diagnostics::ignored_line(file.display(), ignored));
            }
            files::emit(None, &text)?;
        }
    }
    let s = meeting.response_summary();
    eprintln!(
        "{} invited: {} accepted, {} declined, {} tentative, {} delegated, {} not answered",
        s.invited, s.accepted, s.declined, s.tentative, s.delegated, s.needs_action
    );
    let target = if in_place { Some(path) } else { output };
    if let Some(target) = target {
        files::write_atomically(target, meeting.to_json().as_bytes())?;
    }
    let unreadable = outcome
        .ignored
        .iter()
        .any(|i| i.code.severity() == roundtable::Severity::Error);
    Ok(if unreadable {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `render --format pdf`: the document as PDF/A-2a and PDF/UA-1, its
/// warnings (a character no font has) on standard error.
fn render_pdf(
    m: &Meeting,
    path: &Path,
    what: RenderWhat,
    language: Language,
    dates: &[chrono::NaiveDate],
    responses: bool,
    output: Option<PathBuf>,
) -> Result<ExitCode, Failure> {
    use std::io::IsTerminal;
    if output.is_none() && std::io::stdout().is_terminal() {
        return Err(Failure::message(
            "a PDF is not written to a terminal: name a file with -o FILE.pdf, or redirect"
                .to_owned(),
        ));
    }
    let pdf = match what {
        RenderWhat::Plan => MeetingPlan::build(m, dates).and_then(|plan| plan.render_pdf(language)),
        other => {
            let document: Document = parse(other.name())?;
            let options = roundtable::PdfOptions::default().with_responses(responses);
            m.render_pdf(document, language, &options)
        }
    }
    .map_err(|e| Failure::library(path, e))?;
    for finding in pdf.warnings() {
        eprintln!("{finding}");
    }
    match output {
        Some(file) => files::write_atomically(&file, pdf.bytes())?,
        None => files::print(pdf.bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn archive(path: &Path, kind: &str, folder: &Path, created_by: &str) -> Result<ExitCode, Failure> {
    let meeting = files::load(path)?;
    let kind: ArchiveKind = parse(kind)?;
    let report = meeting.validate_for_archive(&ValidationOptions::default());
    for finding in &report {
        eprintln!("{finding}");
    }
    let package = meeting
        .to_archive(kind, &ArchiveOptions::default().with_created_by(created_by))
        .map_err(|e| Failure::library(path, e))?;
    let all: Vec<&roundtable::ArchiveFile> =
        package.messages.iter().chain(&package.files).collect();
    let named: Vec<(&str, &[u8])> = all
        .iter()
        .map(|f| (f.name.as_str(), &f.bytes[..]))
        .collect();
    files::write_folder(folder, &named, |present| earlier_export(present, &all))?;
    for file in &all {
        say!("{}  {}", file.sha256, folder.join(&file.name).display());
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Whether a folder's files are an earlier export of the same meeting,
/// which the new one replaces whole: only files with the names a package
/// has, and an XML message among them with a record (`registrering`)
/// whose system ID the new package has too (IDs are made from the
/// meeting's id and the record's place).
fn earlier_export(present: &[PathBuf], package: &[&roundtable::ArchiveFile]) -> bool {
    let package_name = |name: &str| {
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        name == "arkivstruktur.xml"
            || (matches!(stem, "innkalling" | "saksliste" | "protokoll")
                && matches!(extension, "html" | "pdf"))
            || (name.starts_with("arkivmelding-") && extension == "xml")
            || (stem.starts_with("innspill-") && matches!(extension, "md" | "pdf"))
    };
    let record_ids = |xml: &str| -> Vec<String> {
        xml.split("<registrering ")
            .skip(1)
            .filter_map(|r| r.split("<systemID>").nth(1)?.split("</systemID>").next())
            .map(str::to_owned)
            .collect()
    };
    let ours: std::collections::HashSet<String> = package
        .iter()
        .filter(|f| f.name.ends_with(".xml"))
        .flat_map(|f| record_ids(&String::from_utf8_lossy(&f.bytes)))
        .collect();
    let mut same_meeting = false;
    for path in present {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        if !path.is_file() || !package_name(name) {
            return false;
        }
        if name.ends_with(".xml") {
            // Our own messages are small; a large file is none of them.
            let text = std::fs::File::open(path)
                .and_then(|f| {
                    let mut text = String::new();
                    f.take(64 << 20).read_to_string(&mut text)?;
                    Ok(text)
                })
                .unwrap_or_default();
            same_meeting |= record_ids(&text).iter().any(|id| ours.contains(id));
        }
    }
    same_meeting
}

fn is_csv(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"))
}

fn roster_json(roster: &Roster) -> Result<String, Failure> {
    let mut json = serde_json::to_string_pretty(roster)
        .map_err(|e| Failure::message(format!("the roster as JSON: {e}")))?;
    json.push('\n');
    Ok(json)
}

/// Runs an import, with a spinner on a terminal for a file of more than a
/// few megabytes (the import is one call of the library: a spinner with
/// the time taken, not a percentage).
fn with_progress<T: Send>(path: &Path, work: impl FnOnce() -> T + Send) -> T {
    const SHOW_FROM: u64 = 4 << 20;
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if size < SHOW_FROM || !std::io::stderr().is_terminal() {
        return work();
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message(format!(
        "importing {} ({} MB)",
        path.display(),
        size >> 20
    ));
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let result = work();
    bar.finish_and_clear();
    result
}

/// The README's main job: the seed meeting validated, and its documents
/// written to `folder`.
fn seed(folder: &Path) -> Result<ExitCode, Failure> {
    let meeting =
        Meeting::from_json(SEED).map_err(|e| Failure::document(Path::new("seed"), SEED, e))?;
    say!("{} — {}", meeting.body, meeting.title);
    say!(
        "{} – {} ({}), {}",
        meeting.time.start_local().format("%Y-%m-%d %H:%M"),
        meeting.time.end_local().format("%H:%M"),
        meeting.time.zone(),
        meeting.location.venue
    );
    say!("Agenda:");
    for item in &meeting.agenda {
        say!("  Sak {:>3}  {}", item.number, item.title);
    }
    say!(
        "Roster: {} people; contributions: {}",
        meeting.roster.len(),
        meeting.contributions.len()
    );
    let report = meeting.validate();
    say!(
        "Findings: {} ({} errors, {} warnings)",
        report.len(),
        report.errors().count(),
        report.warnings().count()
    );
    for finding in &report {
        say!("  {finding}");
    }
    // The calendar's time stamp is the notice's date, so that the same
    // meeting gives the same files.
    let stamp = meeting
        .notice
        .as_ref()
        .and_then(|n| n.date.and_hms_opt(8, 0, 0))
        .map(|t| t.and_utc())
        .unwrap_or_else(chrono::Utc::now);
    let mut written: Vec<PathBuf> = Vec::new();
    let mut write = |name: String, text: &str| -> Result<(), Failure> {
        let path = folder.join(name);
        files::write_atomically(&path, text.as_bytes())?;
        written.push(path);
        Ok(())
    };
    std::fs::create_dir_all(folder).map_err(|e| Failure::io(folder, e))?;
    let ics = meeting
        .to_ics(&roundtable::IcsOptions::default().with_dtstamp(stamp))
        .map_err(|e| Failure::library(Path::new("seed"), e))?;
    write("seed-meeting.ics".to_owned(), &ics)?;
    for document in Document::ALL {
        for language in Language::ALL {
            for (format, ext) in [(Format::Markdown, "md"), (Format::Html, "html")] {
                write(
                    format!("seed-{}.{}.{ext}", document.name(), language.code()),
                    &meeting.render(*document, format, *language),
                )?;
            }
        }
    }
    // The documents as PDF/A-2a and PDF/UA-1, as they are sent and filed.
    for document in Document::ALL {
        for language in Language::ALL {
            let pdf = meeting
                .render_pdf(*document, *language, &roundtable::PdfOptions::default())
                .map_err(|e| Failure::library(Path::new("seed"), e))?;
            let path = folder.join(format!("seed-{}.{}.pdf", document.name(), language.code()));
            files::write_atomically(&path, pdf.bytes())?;
            written.push(path);
        }
    }
    // The archive packages, side by side: the meeting folder's XML, the
    // case's messages, and the documents they refer to (the same files for
    // both, written once).
    let archive = folder.join("archive");
    std::fs::create_dir_all(&archive).map_err(|e| Failure::io(&archive, e))?;
    let mut names = std::collections::BTreeSet::new();
    for kind in [ArchiveKind::MoeteMappe, ArchiveKind::Arkivmelding] {
        let package = meeting
            .to_archive(kind, &ArchiveOptions::default())
            .map_err(|e| Failure::library(Path::new("seed"), e))?;
        for file in package.messages.iter().chain(&package.files) {
            if names.insert(file.name.clone()) {
                let path = archive.join(&file.name);
                files::write_atomically(&path, &file.bytes)?;
                written.push(path);
            }
        }
    }
    say!(
        "Documents: {} files written to {}/ (the archive package in {}/)",
        written.len(),
        folder.display(),
        archive.display()
    );
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn csv_outputs_are_told_by_their_extension() {
        assert!(is_csv(Path::new("x.CSV")) && is_csv(Path::new("a/b.tsv")));
        assert!(!is_csv(Path::new("roster.json")) && !is_csv(Path::new("roster")));
    }
}
