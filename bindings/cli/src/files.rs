//! Reading inputs and writing outputs: a file is written whole or not at
//! all (a temporary file in the same folder, renamed over the target), so a
//! failed command never leaves a half-written document.

use std::io::Write;
use std::path::Path;

use crate::diagnostics::Failure;

/// The text of a file; a folder or a missing file is an error naming it.
pub(crate) fn read_text(path: &Path) -> Result<String, Failure> {
    if path.is_dir() {
        return Err(Failure::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "is a folder, not a meeting document",
            ),
        ));
    }
    std::fs::read_to_string(path).map_err(|e| Failure::io(path, e))
}

/// The bytes of a file; a folder or a missing file is an error naming it.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    if path.is_dir() {
        return Err(Failure::io(
            path,
            std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a folder, not a file"),
        ));
    }
    std::fs::read(path).map_err(|e| Failure::io(path, e))
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".roundtable-")
        .tempfile_in(folder)
        .map_err(|e| Failure::io(path, e))?;
    file.write_all(bytes)
        .and_then(|_| file.as_file().sync_all())
        .map_err(|e| Failure::io(path, e))?;
    // Keep the target's permissions when it exists.
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(file.path(), meta.permissions());
    }
    file.persist(path).map_err(|e| Failure::io(path, e.error))?;
    Ok(())
}
