//! The command line, declared once: parsing, `--help`, the completions and
//! the man page all come from it.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Meetings of a cooperation group: validate a meeting document, import a
/// roster, render the notice, agenda and minutes, make the calendar file.
#[derive(Parser, Debug)]
#[command(name = "roundtable", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// How findings are printed.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum Output {
    /// One line per finding, then the counts.
    Text,
    /// The report as JSON (code, severity, path, message per finding).
    Json,
}

/// What `render` renders.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum RenderWhat {
    /// The notice (innkalling).
    Notice,
    /// The agenda (sakskart).
    Agenda,
    /// The minutes draft (referat).
    Minutes,
    /// A meeting plan: the meeting as template on --dates.
    Plan,
}

impl RenderWhat {
    pub(crate) fn name(self) -> &'static str {
        match self {
            RenderWhat::Notice => "notice",
            RenderWhat::Agenda => "agenda",
            RenderWhat::Minutes => "minutes",
            RenderWhat::Plan => "plan",
        }
    }
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Validate a meeting document: every finding with its stable code.
    #[command(after_help = "Examples:
  roundtable validate meeting.json
  roundtable validate meeting.json --format json --min-notice-days 10

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 the document could not be read.")]
    Validate {
        /// The meeting document (JSON).
        meeting: PathBuf,
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
        /// The fewest days between notice and meeting before notice.short_notice.
        #[arg(long, default_value_t = 7)]
        min_notice_days: u32,
        /// Check the quorum (meeting.quorum), for elected bodies.
        #[arg(long)]
        quorum: bool,
    },
    /// Import a roster from CSV or tab-separated text.
    #[command(after_help = "Examples:
  roundtable import inviterte.tsv > roster.json
  roundtable import inviterte.csv --strict --encoding windows-1252
  roundtable import inviterte.csv --into meeting.json
  roundtable import inviterte.csv --out roster.csv

The problems, grouped by code with their lines, and the counts go to standard error.
Exit status: 0 imported without errors, 1 imported with problems of severity error
(lenient: the people are kept), 2 the file could not be imported (or the output not written).")]
    Import(ImportArgs),
    /// Render a document of a meeting.
    #[command(after_help = "Examples:
  roundtable render meeting.json agenda
  roundtable render meeting.json minutes --format html --language en -o referat.html
  roundtable render meeting.json plan --dates 2025-02-06,2025-05-29,2025-09-11
  roundtable render meeting.json agenda --responses
  roundtable render meeting.json minutes --format pdf -o referat.pdf")]
    Render {
        /// The meeting document (JSON).
        meeting: PathBuf,
        /// What to render.
        #[arg(value_enum)]
        document: RenderWhat,
        /// markdown, html or pdf (PDF/A-2a and PDF/UA-1; to a file with -o,
        /// or to a pipe).
        #[arg(long, default_value = "markdown")]
        format: String,
        /// nb (bokmål) or en.
        #[arg(long, default_value = "nb")]
        language: String,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// For a plan: the dates of its meetings (YYYY-MM-DD, comma-separated).
        #[arg(long, value_delimiter = ',', required_if_eq("document", "plan"))]
        dates: Vec<NaiveDate>,
        /// For the notice or agenda: add the answers to the invitation so far.
        #[arg(long)]
        responses: bool,
    },
    /// Apply replies to the invitation (iCalendar METHOD:REPLY, or the
    /// e-mails carrying them) to a meeting's roster.
    #[command(after_help = "Examples:
  roundtable reply meeting.json svar/*.eml --in-place
  roundtable reply meeting.json declined.ics -o meeting-updated.json
  roundtable reply meeting.json svar/*.eml --format json
  roundtable reply meeting.json lagret-svar.ics --sender trond.haugen@drammen.kommune.no

A reply answers only for its sender: an e-mail for its From:, a calendar file for its one
answering attendee, or --sender (for replies saved from a mailbox you trust).

What changed and what was not applied (each with its code and line) go to standard output,
the answers so far to standard error. The meeting is written only with --in-place or -o.
Exit status: 0 every reply read, 1 a reply could not be read (reply.malformed,
reply.too_large; the others are applied), 2 the meeting or a file could not be read or written.")]
    Reply {
        /// The meeting document (JSON).
        meeting: PathBuf,
        /// The replies: .ics files or whole e-mails (.eml).
        #[arg(required = true)]
        replies: Vec<PathBuf>,
        /// Write the updated meeting back to its file (atomically).
        #[arg(long, conflicts_with = "output")]
        in_place: bool,
        /// Write the updated meeting to this file (atomically).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// How to print the outcome.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
        /// The address every reply answers for, whatever its From: (for
        /// replies saved from a mailbox you trust).
        #[arg(long)]
        sender: Option<String>,
        /// Apply e-mail whose receiving server found DMARC, DKIM or SPF
        /// failing for the sender's domain (otherwise
        /// inbox.unauthenticated).
        #[arg(long)]
        trust_unauthenticated: bool,
    },
    /// Receive the messages of a mailbox: calendar replies are applied,
    /// other messages from the roster's people become their contributions.
    #[command(after_help = "Examples:
  roundtable inbox meeting.json innboks.mbox --in-place
  roundtable inbox meeting.json Maildir/ svar.eml -o oppdatert.json --format json

MAILBOX is an mbox file, a Maildir, a folder of .eml files, or one message (.eml). What each
message became (a contribution added or replaced, a reply's changes) and what was not applied
(each with its code) go to standard output, a count per code to standard error. The meeting is
written only with --in-place or -o. Exit status: 0 every message applied, 1 some not applied
(contribution.*, reply.*, inbox.unauthenticated), 2 a message, the meeting or a file could not
be read or written.")]
    Inbox {
        /// The meeting document (JSON).
        meeting: PathBuf,
        /// Mailboxes (mbox, Maildir, a folder of .eml) or single messages.
        #[arg(required = true)]
        mailboxes: Vec<PathBuf>,
        /// Write the updated meeting back to its file (atomically).
        #[arg(long, conflicts_with = "output")]
        in_place: bool,
        /// Write the updated meeting to this file (atomically).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// How to print the receipts.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
        /// Apply e-mail whose receiving server found DMARC, DKIM or SPF
        /// failing for the sender's domain (otherwise
        /// inbox.unauthenticated).
        #[arg(long)]
        trust_unauthenticated: bool,
    },
    /// Export a meeting in the archive's form, beside the documents the XML
    /// refers to.
    #[command(after_help = "Examples:
  roundtable archive meeting.json -o arkiv/
  roundtable archive meeting.json --kind arkivmelding -o til-arkivet/ --created-by \"Sekretariatet\"

moetemappe: a Noark 5 meeting folder (arkivstruktur.xml); arkivmelding: Fiks Arkiv create
messages, one per record of the case. The archive's checks (archive.*) are printed to
standard error. Exit status: 0 written, 1 written with findings of severity error,
2 the meeting could not be read or a file not written.")]
    Archive {
        /// The meeting document (JSON).
        meeting: PathBuf,
        /// moetemappe or arkivmelding.
        #[arg(long, default_value = "moetemappe")]
        kind: String,
        /// The folder to write to (made when missing).
        #[arg(short, long)]
        output: PathBuf,
        /// Who made the records (opprettetAv).
        #[arg(long, default_value = "roundtable")]
        created_by: String,
    },
    /// The calendar file (iCalendar) of a meeting.
    #[command(after_help = "Examples:
  roundtable ics meeting.json > meeting.ics
  roundtable ics meeting.json --method request --sequence 2")]
    Ics {
        /// The meeting document (JSON).
        meeting: PathBuf,
        /// publish (no attendees), request (an invitation) or cancel.
        #[arg(long, default_value = "publish")]
        method: String,
        /// Raise it for each update of the same meeting.
        #[arg(long, default_value_t = 0)]
        sequence: u32,
        /// Write to this file (atomically) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The JSON Schema of a meeting document.
    #[command(after_help = "Example:\n  roundtable schema > meeting.schema.json")]
    Schema,
    /// The main job on the built-in seed meeting: validate it and write its
    /// documents.
    #[command(after_help = "Example:\n  roundtable seed -o out/seed")]
    Seed {
        /// The folder for the documents.
        #[arg(short, long, default_value = "out/seed")]
        output: PathBuf,
    },
    /// Shell completions for bash, zsh, fish, elvish or powershell.
    #[command(
        after_help = "Example:\n  roundtable completions bash > /etc/bash_completion.d/roundtable"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// The man page (roff), generated from these definitions.
    #[command(after_help = "Example:\n  roundtable man > roundtable.1")]
    Man,
}

#[derive(Args, Debug)]
pub(crate) struct ImportArgs {
    /// The roster file (CSV or tab-separated; encoding and delimiter detected).
    pub(crate) roster: PathBuf,
    /// Stop at the first problem of severity error.
    #[arg(long)]
    pub(crate) strict: bool,
    /// utf-8, utf-16le, utf-16be or windows-1252 (detected when absent).
    #[arg(long)]
    pub(crate) encoding: Option<String>,
    /// The delimiter: tab, ";" or "," (sniffed when absent).
    #[arg(long)]
    pub(crate) delimiter: Option<String>,
    /// Keep the first N problems of each code in full (default 1000); the
    /// rest are counted.
    #[arg(long, value_name = "N")]
    pub(crate) max_problems_per_code: Option<usize>,
    /// Replace the roster of this meeting document, written back atomically.
    #[arg(long)]
    pub(crate) into: Option<PathBuf>,
    /// Write the roster here: .csv/.tsv as CSV, anything else as JSON.
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
}
