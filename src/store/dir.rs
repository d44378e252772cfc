//! The database directory: what counts as one, making one, and keeping it
//! private without touching anything the program did not make.

use super::error::{Result, StoreError};
use super::lock::{HOLDER_FILE, LOCK_FILE};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

pub const SLED_DIR: &str = "sled";
pub const BACKUP_DIR: &str = "backups";
/// Counts worked out from the data (`status --short`), removed at every
/// change so that they are never older than the data.
pub const SHORT_STATUS_FILE: &str = "status.short";

/// What is at a path given as a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Database,
    /// An empty directory, or nothing at all.
    Nothing,
}

/// Whether `path` holds a database. A directory with other things in it, or
/// a file, is an error: it is never taken over.
pub fn inspect(path: &Path) -> Result<Found> {
    let meta = match path.metadata() {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(StoreError::io(path, e)),
    };
    if !meta.is_dir() {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            seen: None,
        });
    }
    if path.join(SLED_DIR).is_dir() || path.join(LOCK_FILE).exists() {
        return Ok(Found::Database);
    }
    let mut names: Vec<String> = std::fs::read_dir(path)
        .map_err(|e| StoreError::io(path, e))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() {
        return Ok(Found::Nothing);
    }
    names.sort();
    let more = names.len().saturating_sub(3);
    let mut seen = names
        .into_iter()
        .take(3)
        .map(|n| crate::text::sanitize_line(&n))
        .collect::<Vec<_>>()
        .join(", ");
    if more > 0 {
        seen.push_str(&format!(" … +{more}"));
    }
    Err(StoreError::NotADatabase {
        path: path.to_path_buf(),
        seen: Some(seen),
    })
}

/// Another user's directory is never a database of ours: refused before
/// anything (a lock, a holder file, sled) is created in it.
pub fn refuse_other_owner(path: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    match path.metadata() {
        Ok(m) if m.uid() != crate::fsutil::current_uid() => Err(StoreError::Denied {
            path: path.to_path_buf(),
            owner: Some(m.uid()),
        }),
        _ => Ok(()),
    }
}

/// Makes the directory (0700) if it is not there.
pub fn create(path: &Path) -> Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
        .map_err(|e| StoreError::io(path, e))
}

/// sled 0.34 writes its snapshot as `snap.<lsn>.generating` and renames it
/// when done, but reads the temporary name too: one cut short by a kill or
/// a full disk makes every later open fail. It is sled's own temporary
/// file, never the only copy of anything: remove it before opening.
pub fn remove_stale_snapshots(sled_dir: &Path) -> Result<usize> {
    let Ok(entries) = std::fs::read_dir(sled_dir) else {
        return Ok(0);
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let is_temp = name.starts_with("snap.") && name.ends_with(".generating");
        if is_temp && e.path().symlink_metadata().is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(e.path()).map_err(|err| StoreError::io(&e.path(), err))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The owner alone may read the database: the directory and what the
/// program keeps in it (sled's files, the lock, backups) 0700/0600. Links
/// are never followed and nothing else in the directory is touched.
pub fn restrict(path: &Path) -> std::io::Result<()> {
    set_mode(path, 0o700)?;
    for name in [LOCK_FILE, HOLDER_FILE, "partial-writes"] {
        set_mode(&path.join(name), 0o600)?;
    }
    restrict_tree(&path.join(SLED_DIR))?;
    restrict_tree(&path.join(BACKUP_DIR))
}

/// A directory of the program's own and everything below it.
fn restrict_tree(dir: &Path) -> std::io::Result<()> {
    let Ok(meta) = dir.symlink_metadata() else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Ok(());
    }
    set_mode(dir, 0o700)?;
    for e in std::fs::read_dir(dir)?.flatten() {
        let p = e.path();
        match p.symlink_metadata() {
            Ok(m) if m.is_dir() => restrict_tree(&p)?,
            Ok(m) if m.is_file() => set_mode(&p, 0o600)?,
            _ => {}
        }
    }
    Ok(())
}

/// Sets a mode on a file or directory (not a link), if it is there.
fn set_mode(p: &Path, mode: u32) -> std::io::Result<()> {
    match p.symlink_metadata() {
        Ok(m) if m.file_type().is_symlink() => Ok(()),
        Ok(m) if m.permissions().mode() & 0o777 == mode => Ok(()),
        Ok(_) => std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)),
        Err(_) => Ok(()),
    }
}
