//! A mailbox's messages, one at a time: an mbox file, a Maildir, or a
//! folder of `.eml` files. Read as a stream, each message bounded, so that
//! a mailbox of gigabytes costs one message of memory.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use super::{inbox_error, MAX_MESSAGE_BYTES};
use crate::codes::ErrorCode;
use crate::error::{Error, ErrorKind, Result};

/// The most messages one mailbox may hold; more is `inbox.too_large`.
pub const MAX_MAILBOX_MESSAGES: usize = 100_000;

/// The messages of a mailbox, in order: an mbox file's in the file's
/// order, a Maildir's (`cur/` and `new/`) and a folder's `.eml` files by
/// name. Each item is one message's bytes, or why it could not be read
/// (`inbox.too_large` for one over [`MAX_MESSAGE_BYTES`], whose reading
/// goes on with the next; `io` for a file that cannot be read).
pub struct Mailbox {
    source: Source,
    count: usize,
}

enum Source {
    Mbox {
        reader: BufReader<File>,
        path: PathBuf,
        /// The `From ` line that starts the next message, read already.
        started: bool,
        line: u64,
    },
    Files(std::vec::IntoIter<PathBuf>),
}

/// Opens a mailbox: an mbox file (messages after `From ` lines, `>From`
/// unescaped), a Maildir (a folder with `cur/` or `new/`), or a folder of
/// `.eml` files.
///
/// # Errors
///
/// `io` when the path cannot be read; `inbox.malformed` for a file that
/// is no mbox (it does not start with a `From ` line); `inbox.too_large`
/// for a folder of more than [`MAX_MAILBOX_MESSAGES`] messages.
///
/// # Example
///
/// ```
/// let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/inbox");
/// let messages: Vec<Vec<u8>> = roundtable::read_mailbox(folder)?.collect::<Result<_, _>>()?;
/// assert!(messages.len() >= 6);
/// # Ok::<(), roundtable::Error>(())
/// ```
pub fn read_mailbox(path: impl AsRef<Path>) -> Result<Mailbox> {
    let path = path.as_ref();
    let io = |source| {
        Error::new(ErrorKind::Io {
            path: path.to_owned(),
            source,
        })
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        let maildir = ["cur", "new"].iter().any(|d| path.join(d).is_dir());
        let folders: Vec<PathBuf> = if maildir {
            ["cur", "new"].iter().map(|d| path.join(d)).collect()
        } else {
            vec![path.to_owned()]
        };
        let mut files = Vec::new();
        for folder in folders.iter().filter(|f| f.is_dir()) {
            for entry in std::fs::read_dir(folder).map_err(io)? {
                let file = entry.map_err(io)?.path();
                let eml = file
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("eml"));
                // A Maildir's messages have no extension of their own.
                if file.is_file() && (maildir || eml) {
                    files.push(file);
                }
                if files.len() > MAX_MAILBOX_MESSAGES {
                    return Err(too_many());
                }
            }
        }
        files.sort();
        return Ok(Mailbox {
            source: Source::Files(files.into_iter()),
            count: 0,
        });
    }
    let mut reader = BufReader::new(File::open(path).map_err(io)?);
    let starts_mbox = reader.fill_buf().map_err(io)?.starts_with(b"From ");
    if !starts_mbox {
        return Err(inbox_error(
            ErrorCode::InboxMalformed,
            format!(
                "{} is no mbox file (it does not start with a \"From \" line), nor a folder of messages",
                path.display()
            ),
        ));
    }
    Ok(Mailbox {
        source: Source::Mbox {
            reader,
            path: path.to_owned(),
            started: false,
            line: 0,
        },
        count: 0,
    })
}

fn too_many() -> Error {
    inbox_error(
        ErrorCode::InboxTooLarge,
        format!("the mailbox has more than {MAX_MAILBOX_MESSAGES} messages"),
    )
}

impl Iterator for Mailbox {
    type Item = Result<Vec<u8>>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = match &mut self.source {
            Source::Files(files) => {
                let file = files.next()?;
                Some(read_file(&file))
            }
            Source::Mbox {
                reader,
                path,
                started,
                line,
            } => next_in_mbox(reader, path, started, line),
        }?;
        self.count += 1;
        if self.count > MAX_MAILBOX_MESSAGES {
            return Some(Err(too_many()));
        }
        Some(item)
    }
}

/// One message file, bounded.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| {
        Error::new(ErrorKind::Io {
            path: path.to_owned(),
            source,
        })
    };
    let mut bytes = Vec::new();
    File::open(path)
        .map_err(io)?
        .take(MAX_MESSAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > MAX_MESSAGE_BYTES {
        return Err(inbox_error(
            ErrorCode::InboxTooLarge,
            format!("{} is over {MAX_MESSAGE_BYTES} bytes", path.display()),
        ));
    }
    Ok(bytes)
}

/// The next message of an mbox: the lines up to the next `From ` line
/// that follows a blank one (or the end), `>From ` lines unescaped by one
/// `>` (mboxrd; an mboxo writer's escapes read the same).
fn next_in_mbox(
    reader: &mut BufReader<File>,
    path: &Path,
    started: &mut bool,
    line: &mut u64,
) -> Option<Result<Vec<u8>>> {
    let io = |source| {
        Error::new(ErrorKind::Io {
            path: path.to_owned(),
            source,
        })
    };
    let mut message = Vec::new();
    let mut buf = Vec::new();
    let mut too_large = false;
    let first_line = *line + 1;
    let mut blank_before = true;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Err(e) => return Some(Err(io(e))),
            Ok(0) => break,
            Ok(_) => {}
        }
        *line += 1;
        if buf.starts_with(b"From ") && blank_before {
            if *started {
                // The next message's separator: keep it for the next call
                // by marking it read.
                *started = true;
                break;
            }
            *started = true;
            continue;
        }
        let content = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let content = content.strip_suffix(b"\r").unwrap_or(content);
        blank_before = content.is_empty();
        let unescaped = match buf.iter().position(|&b| b != b'>') {
            Some(at) if at > 0 && buf[at..].starts_with(b"From ") => &buf[1..],
            _ => &buf[..],
        };
        if message.len() + unescaped.len() > MAX_MESSAGE_BYTES {
            too_large = true;
        } else {
            message.extend_from_slice(unescaped);
        }
    }
    if message.is_empty() && !too_large {
        return None;
    }
    if too_large {
        return Some(Err(inbox_error(
            ErrorCode::InboxTooLarge,
            format!(
                "the message at line {first_line} of {} is over {MAX_MESSAGE_BYTES} bytes",
                path.display()
            ),
        )));
    }
    // The blank line mbox puts before the next separator is not the
    // message's.
    if message.ends_with(b"\n\n") {
        message.pop();
    } else if message.ends_with(b"\r\n\r\n") {
        message.truncate(message.len() - 2);
    }
    Some(Ok(message))
}
