//! Our own lock on a database directory, taken before sled opens it, so a
//! second process learns at once who holds the database instead of getting
//! sled's raw "could not acquire lock".
//!
//! The lock is an flock on `nastavnik.lock`, which holds nothing; who holds
//! it is written beside it in `nastavnik.holder`, whole, by a rename, so a
//! reader never sees it half-written. It says the pid, user, host and since
//! when, and not the command line, whose arguments may name a pupil.

use super::error::{Result, StoreError};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const LOCK_FILE: &str = "nastavnik.lock";
pub const HOLDER_FILE: &str = "nastavnik.holder";

/// How long a held lock is waited for: the kernel lets go of a killed
/// holder's lock only once the dying process has closed its files.
const TAKEOVER_WAIT: Duration = Duration::from_secs(1);

/// Held for as long as the store is open; the OS releases it when the file
/// is closed, also when the process is killed.
#[derive(Debug)]
pub struct DbLock {
    _file: File,
}

impl DbLock {
    pub fn acquire(dir: &Path) -> Result<DbLock> {
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                // A live holder is told about after the wait too: from
                // outside, a process being killed still looks alive.
                Err(TryLockError::WouldBlock) if start.elapsed() < TAKEOVER_WAIT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        path: dir.to_path_buf(),
                        holder: describe(read_holder(dir).as_ref()),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
            }
        }
        // Versions before this one wrote the command line into the lock file.
        file.set_len(0).map_err(|e| StoreError::io(&path, e))?;
        match write_holder(dir) {
            Ok(()) => {}
            // On a full disk the lock still holds; who holds it goes
            // unsaid rather than wrongly said (the old file is removed).
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => {
                let _ = std::fs::remove_file(dir.join(HOLDER_FILE));
                let _ =
                    std::fs::remove_file(dir.join(format!("{HOLDER_FILE}.{}", std::process::id())));
            }
            Err(e) => return Err(StoreError::io(&dir.join(HOLDER_FILE), e)),
        }
        Ok(DbLock { _file: file })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub pid: u32,
    pub user: String,
    pub host: String,
    pub since: String,
}

fn write_holder(dir: &Path) -> std::io::Result<()> {
    let text = format!(
        "pid={}\nuser={}\nhost={}\nsince={}\n",
        std::process::id(),
        super::current_user(),
        crate::fsutil::host_name(),
        chrono::Local::now().format("%d.%m.%Y %H:%M:%S"),
    );
    let tmp = dir.join(format!("{HOLDER_FILE}.{}", std::process::id()));
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&tmp)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&tmp, dir.join(HOLDER_FILE))
}

/// Who holds (or last held) the database, if it says.
pub fn read_holder(dir: &Path) -> Option<Holder> {
    let text = std::fs::read_to_string(dir.join(HOLDER_FILE)).ok()?;
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k).and_then(|r| r.strip_prefix('=')))
            .map(crate::text::sanitize_line)
            .unwrap_or_default()
    };
    Some(Holder {
        pid: field("pid").parse().ok()?,
        user: field("user"),
        host: field("host"),
        since: field("since"),
    })
}

pub fn describe(holder: Option<&Holder>) -> String {
    match holder {
        Some(h) => format!("pid {}, {}@{}, {}", h.pid, h.user, h.host, h.since),
        None => "pid ?".into(),
    }
}

/// The lock file's path, for messages and tests.
pub fn lock_path(dir: &Path) -> PathBuf {
    dir.join(LOCK_FILE)
}
