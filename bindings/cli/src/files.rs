//! Reading inputs and writing outputs. A file is written whole or not at
//! all: a temporary file beside the target, renamed over it. A link is
//! written through to the file it names; a new file gets the mode the
//! umask gives, a replaced one keeps its own. A folder of files (the
//! archive package) is written beside the target and swapped in whole.
//! Standard output closed by its reader (`| head`) ends the command
//! quietly, as `cat` does.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::diagnostics::Failure;

/// Reads at most `limit` bytes of `path` and one more, so that the caller
/// sees a file over its limit without reading it whole (`/dev/zero`).
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Failure> {
    if path.is_dir() {
        return Err(Failure::io(
            path,
            std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder, not a file"),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| Failure::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::io(path, e))?;
    Ok(bytes)
}

/// The bytes of a meeting document, up to the library's limit (beyond it
/// the library's `json.too_large`, from the bytes read so far).
pub(crate) fn read_document(path: &Path) -> Result<Vec<u8>, Failure> {
    read_bounded(path, roundtable::MAX_DOCUMENT_BYTES as u64)
}

/// The bytes of a reply, up to the library's limit (beyond it the
/// library's `reply.too_large`).
pub(crate) fn read_reply(path: &Path) -> Result<Vec<u8>, Failure> {
    read_bounded(path, roundtable::MAX_REPLY_BYTES as u64)
}

/// The file a path names: through its links (`--in-place` on a link
/// changes the document it points to, not the link). A link to nothing
/// yet names the file it would point to.
fn through_links(path: &Path) -> PathBuf {
    let mut path = path.to_owned();
    // As many links as the system follows.
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(target) => {
                path = match path.parent() {
                    Some(folder) if target.is_relative() => folder.join(target),
                    _ => target,
                };
            }
            Err(_) => break,
        }
    }
    path
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A new file or folder beside `target`, created with the umask's mode
/// (`create_new`, so never one that exists).
fn beside<T>(
    target: &Path,
    create: impl Fn(&Path) -> std::io::Result<T>,
) -> std::io::Result<(PathBuf, T)> {
    let name = target
        .file_name()
        .map_or_else(|| "roundtable".into(), |n| n.to_string_lossy().into_owned());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for attempt in 0..100u32 {
        let path = folder_of(target).join(format!(
            ".{name}.roundtable-{}-{stamp:x}-{attempt}",
            std::process::id()
        ));
        match create(&path) {
            Ok(made) => return Ok((path, made)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "no free name for a temporary file",
    ))
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let target = through_links(path);
    let (temporary, mut file) = beside(&target, |p| {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(p)
    })
    .map_err(|e| Failure::io(path, e))?;
    let written = file
        .write_all(bytes)
        .and_then(|_| file.sync_all())
        .and_then(|_| match std::fs::metadata(&target) {
            // A replaced file keeps its mode.
            Ok(meta) => std::fs::set_permissions(&temporary, meta.permissions()),
            Err(_) => Ok(()),
        })
        .and_then(|_| std::fs::rename(&temporary, &target));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(Failure::io(path, e));
    }
    Ok(())
}

/// Writes each (name, bytes) into `folder` as one step: into a new folder
/// beside it, then swapped in, so that a failure (a full disk) leaves the
/// folder as it was and no file of an earlier export stays beside the new
/// ones. `may_replace` says whether the folder's present files may go.
pub(crate) fn write_folder(
    folder: &Path,
    files: &[(&str, &[u8])],
    may_replace: impl Fn(&[PathBuf]) -> bool,
) -> Result<(), Failure> {
    let folder = through_links(folder);
    let present: Vec<PathBuf> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(|e| Failure::io(&folder, e))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Failure::io(&folder, e)),
    };
    if !present.is_empty() && !may_replace(&present) {
        return Err(Failure::io(
            &folder,
            std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "holds files that are not an earlier export of this meeting: give an empty or new folder",
            ),
        ));
    }
    if let Some(parent) = folder.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Failure::io(parent, e))?;
    }
    let (fresh, ()) =
        beside(&folder, |p| std::fs::create_dir(p)).map_err(|e| Failure::io(&folder, e))?;
    let result = fill(&fresh, files).and_then(|_| swap(&fresh, &folder));
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&fresh);
        return Err(Failure::io(&folder, e));
    }
    Ok(())
}

fn fill(fresh: &Path, files: &[(&str, &[u8])]) -> std::io::Result<()> {
    for (name, bytes) in files {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(fresh.join(name))?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    Ok(())
}

/// Puts `fresh` where `folder` is: the old one moved aside first and
/// removed after, so that the folder is whole at every moment.
fn swap(fresh: &Path, folder: &Path) -> std::io::Result<()> {
    if !folder.exists() {
        return std::fs::rename(fresh, folder);
    }
    // Keep the folder's own mode.
    let mode = std::fs::metadata(folder)?.permissions();
    std::fs::set_permissions(fresh, mode)?;
    let (old, ()) = beside(folder, |p| {
        // Only a free name: the rename below makes it.
        if p.exists() {
            Err(std::io::ErrorKind::AlreadyExists.into())
        } else {
            Ok(())
        }
    })?;
    std::fs::rename(folder, &old)?;
    if let Err(e) = std::fs::rename(fresh, folder) {
        let _ = std::fs::rename(&old, folder);
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Writes to standard output; a reader that closed it ends the command
/// quietly ([`Failure::Closed`]).
pub(crate) fn print(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|_| out.flush())
        .map_err(|e| Failure::io(Path::new("-"), e))
}

/// The meeting document at `path`, read within its limit; an error shows
/// its place in the text.
pub(crate) fn load(path: &Path) -> Result<roundtable::Meeting, Failure> {
    let bytes = read_document(path)?;
    roundtable::Meeting::from_json_slice(&bytes).map_err(|e| {
        if e.code() == roundtable::ErrorCode::JsonTooLarge {
            // No text to show the place in: the limit is the message.
            Failure::library(path, e)
        } else {
            Failure::document(path, &String::from_utf8_lossy(&bytes), e)
        }
    })
}

/// Writes `text` to `output`, or to standard output.
pub(crate) fn emit(output: Option<&Path>, text: &str) -> Result<(), Failure> {
    match output {
        Some(path) => write_atomically(path, text.as_bytes()),
        None => print(text.as_bytes()),
    }
}

/// One message file, read no further than one byte past
/// [`roundtable::MAX_MESSAGE_BYTES`].
pub(crate) fn read_message(path: &Path) -> Result<Vec<u8>, Failure> {
    read_bounded(path, roundtable::MAX_MESSAGE_BYTES as u64)
}
