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
        remove_dead_holders_drafts(dir);
        match write_holder(dir, None) {
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

/// `nastavnik.holder.<pid>` is written whole and renamed; a process
/// killed in between leaves it. Those of dead processes go.
fn remove_dead_holders_drafts(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{HOLDER_FILE}.");
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let is_file = e.path().symlink_metadata().is_ok_and(|m| m.is_file());
        if is_file && pid != std::process::id() && !crate::fsutil::process_alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub pid: u32,
    pub user: String,
    pub host: String,
    pub since: String,
    /// «interface» for the terminal interface; empty for a command.
    pub role: String,
}

/// The role of a holder that is the terminal interface.
pub const INTERFACE: &str = "interface";

/// Says in the holder file that this process, holding the lock, is the
/// terminal interface: one left without its terminal may be taken over.
pub fn note_interface(dir: &Path) -> std::io::Result<()> {
    write_holder(dir, Some(INTERFACE))
}

fn write_holder(dir: &Path, role: Option<&str>) -> std::io::Result<()> {
    let mut text = format!(
        "pid={}\nuser={}\nhost={}\nsince={}\n",
        std::process::id(),
        super::current_user(),
        crate::fsutil::host_name(),
        chrono::Local::now().format("%d.%m.%Y %H:%M:%S"),
    );
    if let Some(role) = role {
        text.push_str(&format!("role={role}\n"));
    }
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
        role: field("role"),
    })
}

/// The interface that holds the database at `dir` although its terminal
/// is gone (the SSH connection dropped under a build that did not leave,
/// or it hangs): alive, the lock held, this user's, with no controlling
/// terminal. A command run from cron has none either, and is never named
/// here: only a holder that said it is the interface.
pub fn orphaned_interface(dir: &Path) -> Option<Holder> {
    let holder = read_holder(dir).filter(|h| h.role == INTERFACE)?;
    if holder.pid == std::process::id() || !crate::fsutil::process_alive(holder.pid) {
        return None;
    }
    use std::os::unix::fs::MetadataExt;
    let tty_nr: i64 = crate::fsutil::proc_stat(holder.pid)?.get(4)?.parse().ok()?;
    // /proc/PID belongs to the process's user.
    let uid = std::fs::metadata(format!("/proc/{}", holder.pid))
        .ok()?
        .uid();
    let file = File::open(dir.join(LOCK_FILE)).ok()?;
    let held = matches!(file.try_lock(), Err(TryLockError::WouldBlock));
    (tty_nr == 0 && uid == crate::fsutil::current_uid() && held).then_some(holder)
}

/// Ends an orphaned interface: SIGTERM, then SIGKILL if it has not gone
/// within 2 s (sled survives a kill). Whether it is gone.
pub fn end_orphan(holder: &Holder) -> bool {
    let gone = |wait: Duration| {
        let start = Instant::now();
        while start.elapsed() < wait {
            if !crate::fsutil::process_alive(holder.pid) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    };
    // SAFETY: kill only sends a signal, to a process of this user's that
    // holds the lock and said it is the interface.
    unsafe { libc::kill(holder.pid as i32, libc::SIGTERM) };
    if gone(Duration::from_secs(2)) {
        return true;
    }
    // SAFETY: as above.
    unsafe { libc::kill(holder.pid as i32, libc::SIGKILL) };
    gone(Duration::from_secs(1))
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
