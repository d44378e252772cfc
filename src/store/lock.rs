//! Our own lock on a database directory, taken before sled opens it, so a
//! second process learns at once who holds the database instead of getting
//! sled's raw "could not acquire lock".

use super::error::{Result, StoreError};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = "nastavnik.lock";

/// Held for as long as the store is open; the OS releases it when the file
/// is closed, also when the process is killed.
#[derive(Debug)]
pub struct DbLock {
    _file: File,
}

impl DbLock {
    pub fn acquire(dir: &Path) -> Result<DbLock> {
        let path = dir.join(LOCK_FILE);
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(StoreError::Locked {
                    path: dir.to_path_buf(),
                    holder: describe_holder(&holder),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        write!(file, "{}", holder_line()).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(DbLock { _file: file })
    }
}

fn holder_line() -> String {
    let cmd: Vec<String> = std::env::args().collect();
    format!(
        "pid={}\nuser={}\nsince={}\ncommand={}\n",
        std::process::id(),
        super::current_user(),
        chrono::Local::now().format("%d.%m.%Y %H:%M:%S"),
        cmd.join(" ")
    )
}

fn describe_holder(text: &str) -> String {
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k).and_then(|r| r.strip_prefix('=')))
            .map(crate::text::sanitize_line)
            .unwrap_or_default()
    };
    let pid = field("pid");
    if pid.is_empty() {
        return "процесс неизвестен / unknown process".into();
    }
    format!(
        "pid {pid}, {}, пользователь {}, с {}",
        field("command"),
        field("user"),
        field("since")
    )
}

/// The lock file's path, for messages and tests.
pub fn lock_path(dir: &Path) -> PathBuf {
    dir.join(LOCK_FILE)
}
