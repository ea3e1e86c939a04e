//! `roundtable inbox`: a mailbox's messages received into the meeting.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::args::Output;
use crate::diagnostics::Failure;
use crate::files;

/// Where a message came from: its file, and its place in a mailbox.
struct Origin {
    path: PathBuf,
    /// From 1, for a message of a mailbox.
    number: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.number {
            Some(n) => write!(f, "{}#{n}", self.path.display()),
            None => write!(f, "{}", self.path.display()),
        }
    }
}

/// Whether `path` is a mailbox (a folder, or an mbox file) rather than one
/// message.
fn is_mailbox(path: &Path) -> bool {
    use std::io::Read;
    if path.is_dir() {
        return true;
    }
    let mut head = [0u8; 5];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"From ")
}

pub(crate) fn receive(
    path: &Path,
    inputs: &[PathBuf],
    in_place: bool,
    output: Option<&Path>,
    format: Output,
    options: &roundtable::ApplyOptions,
) -> Result<ExitCode, Failure> {
    let mut meeting = files::load(path)?;
    // Every message is read before any is received: a mailbox that cannot
    // be read changes nothing.
    let mut messages = Vec::new();
    let mut origins = Vec::new();
    for input in inputs {
        if is_mailbox(input) {
            let mailbox =
                roundtable::read_mailbox(input).map_err(|e| Failure::library(input, e))?;
            for (n, message) in mailbox.enumerate() {
                messages.push(message.map_err(|e| Failure::library(input, e))?);
                origins.push(Origin {
                    path: input.clone(),
                    number: Some(n + 1),
                });
            }
        } else {
            messages.push(files::read_message(input)?);
            origins.push(Origin {
                path: input.clone(),
                number: None,
            });
        }
    }
    let receipts = meeting.receive_all_with(&messages, options);
    match format {
        Output::Json => {
            let all: Vec<String> = receipts.iter().map(roundtable::Receipt::to_json).collect();
            files::emit(None, &format!("[{}]\n", all.join(",")))?;
        }
        Output::Text => files::emit(None, &text(&receipts, &origins))?,
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for receipt in &receipts {
        for ignored in &receipt.ignored {
            *counts.entry(ignored.code.as_str()).or_default() += 1;
        }
    }
    let kinds = |k| receipts.iter().filter(|r| r.kind == k).count();
    eprintln!(
        "{} messages: {} contributions, {} replies, {} not applied",
        receipts.len(),
        kinds(roundtable::ReceiptKind::Contribution),
        kinds(roundtable::ReceiptKind::Reply),
        kinds(roundtable::ReceiptKind::Nothing),
    );
    for (code, n) in &counts {
        eprintln!("  {code} ×{n}");
    }
    let target = if in_place { Some(path) } else { output };
    if let Some(target) = target {
        files::write_atomically(target, meeting.to_json().as_bytes())?;
    }
    let unreadable = receipts
        .iter()
        .flat_map(|r| &r.ignored)
        .any(|i| i.code.severity() == roundtable::Severity::Error);
    Ok(if unreadable {
        ExitCode::from(2)
    } else if counts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One line for what each message became, and one for each thing not
/// applied.
fn text(receipts: &[roundtable::Receipt], origins: &[Origin]) -> String {
    let mut text = String::new();
    for (receipt, origin) in receipts.iter().zip(origins) {
        if let Some(change) = &receipt.contribution {
            let c = &change.after;
            let verb = if change.before.is_some() {
                "replaced"
            } else {
                "added"
            };
            text.push_str(&format!(
                "{origin}: contribution from {} ({}) to item {} {verb}, {} bytes\n",
                c.from,
                c.presenter.as_deref().unwrap_or("?"),
                c.item.as_deref().unwrap_or("(round table)"),
                c.body.len()
            ));
        }
        for change in &receipt.changes {
            text.push_str(&format!("{origin}: {change}\n"));
        }
        for ignored in &receipt.ignored {
            text.push_str(&crate::diagnostics::ignored_line(origin, ignored));
        }
    }
    text
}
