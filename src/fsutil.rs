//! The few things about files and processes that std does not say: free
//! space, owners, whether a process is alive, and writing a private file
//! whole (through a temporary file that a kill never leaves behind for long).

use std::ffi::CStr;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

pub fn current_uid() -> u32 {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() }
}

/// Bytes free to this user on the file system holding `path`.
pub fn free_bytes(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid C string and `st` a writable statvfs.
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    Some(st.f_bavail as u64 * st.f_frsize as u64)
}

/// Bytes free on the file system that holds `path`, or would hold it:
/// measured at its nearest existing ancestor, the path made absolute first
/// (the ancestors of a bare «mentees.csv» end in «», which does not exist).
pub fn free_bytes_at(path: &Path) -> Option<u64> {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let existing = path.ancestors().find(|p| p.exists())?;
    free_bytes(existing)
}

/// The bytes of the regular files under `dir`, links not followed.
pub fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter_map(|e| Some((e.path(), e.path().symlink_metadata().ok()?)))
        .map(|(p, m)| {
            if m.is_dir() {
                dir_size(&p)
            } else if m.is_file() {
                m.len()
            } else {
                0
            }
        })
        .sum()
}

/// The login name of a user id, if the system knows it.
pub fn user_name(uid: u32) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 1024];
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut out: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call; the result points into `buf`.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut out) };
    if rc != 0 || out.is_null() {
        return None;
    }
    // SAFETY: getpwuid_r filled pw_name with a NUL-terminated string in `buf`.
    Some(
        unsafe { CStr::from_ptr(pwd.pw_name) }
            .to_string_lossy()
            .into_owned(),
    )
}

pub fn host_name() -> String {
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: the buffer is writable for its length.
    if unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len()) } != 0 {
        return String::new();
    }
    buf[255] = 0;
    // SAFETY: NUL-terminated above.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// Whether process `pid` is running and not on its way out (a zombie or a
/// process that is exiting still shows in /proc for a moment).
pub fn process_alive(pid: u32) -> bool {
    let Some(stat) = proc_stat(pid) else {
        // No /proc: ask the kernel whether the pid exists.
        // SAFETY: signal 0 only checks for existence.
        return pid != 0 && unsafe { libc::kill(pid as i32, 0) } == 0;
    };
    !matches!(
        stat.first().map(String::as_str),
        Some("Z" | "X" | "x") | None
    )
}

/// The fields of `/proc/PID/stat` after the command's name (which may hold
/// spaces and parentheses): state, ppid, pgrp, session, tty_nr, …
pub fn proc_stat(pid: u32) -> Option<Vec<String>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// Journal of the temporary files being written for a database's user, so
/// that one a kill left behind is removed at the next start.
const JOURNAL: &str = "partial-writes";

/// Writes `bytes` to `target` whole and readable by its owner only: into a
/// temporary file beside it, synced, then renamed over the target. The
/// temporary's path is noted in `journal_dir` (the database directory)
/// while it exists, so that [`clean_partial_writes`] removes it should the
/// process be killed in between.
pub fn write_private(target: &Path, bytes: &[u8], journal_dir: &Path) -> std::io::Result<()> {
    write_private_with(target, journal_dir, |f| f.write_all(bytes))
}

/// As [`write_private`], with the content written by `fill`.
pub fn write_private_with(
    target: &Path,
    journal_dir: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = absolute(&dir.join(format!(
        ".{name}.nastavnik-{}-{}.part",
        std::process::id(),
        unique()
    )));
    note_partial(journal_dir, &tmp, true)?;
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&tmp)?;
        fill(&mut f)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, target)?;
        // The rename itself is durable once the directory is synced.
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    note_partial(journal_dir, &tmp, false)?;
    result
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Adds or removes one line of the journal.
fn note_partial(journal_dir: &Path, tmp: &Path, add: bool) -> std::io::Result<()> {
    if !journal_dir.is_dir() {
        return Ok(());
    }
    let path = journal_dir.join(JOURNAL);
    remove_planted_link(&path)?;
    let line = tmp.to_string_lossy().into_owned();
    let mut lines: Vec<String> = std::fs::read_to_string(&path)
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default();
    lines.retain(|l| *l != line);
    if add {
        lines.push(line);
    }
    let mut text = lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    write_small_private(&path, text.as_bytes())
}

/// A name of the program's own with a link planted at it: the link is
/// removed, never followed (its target is not touched). Whether there was one.
fn remove_planted_link(path: &Path) -> std::io::Result<bool> {
    let planted = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    if planted {
        std::fs::remove_file(path)?;
    }
    Ok(planted)
}

/// Writes a small file of the program's own in place, readable by its
/// owner only, never through a link planted at its name, and synced.
pub fn write_small_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Where the tests of killed work kill it: `NASTAVNIK_FAULT=NAME` ends the
/// process at once (SIGKILL) when it reaches the point of that name.
pub fn fault_point(name: &str) {
    if std::env::var_os("NASTAVNIK_FAULT").is_some_and(|v| v == name) {
        // SAFETY: raise only sends a signal to this process.
        unsafe {
            libc::raise(libc::SIGKILL);
        }
    }
}

/// Removes the temporary files that a killed process of ours left (the
/// ones in the journal whose writer is gone). Returns how many.
pub fn clean_partial_writes(journal_dir: &Path) -> usize {
    let path = journal_dir.join(JOURNAL);
    // A planted list is not ours to read: someone else's paths to remove.
    if remove_planted_link(&path).unwrap_or(true) {
        return 0;
    }
    let Ok(text) = std::fs::read_to_string(&path) else {
        return 0;
    };
    let mut removed = 0;
    let mut kept = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let writer = writer_pid(line);
        if writer.is_some_and(|pid| pid != std::process::id() && process_alive(pid)) {
            kept.push(line);
            continue;
        }
        let p = Path::new(line);
        // Only our own temporary names, never a link.
        if is_our_partial(p)
            && p.symlink_metadata().is_ok_and(|m| m.is_file())
            && std::fs::remove_file(p).is_ok()
        {
            removed += 1;
        }
    }
    let rest = kept.join("\n");
    let rest = if rest.is_empty() { rest } else { rest + "\n" };
    // Never through a link planted at the journal's name.
    let _ = write_small_private(&path, rest.as_bytes());
    removed
}

fn is_our_partial(p: &Path) -> bool {
    p.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".part") && n.contains(".nastavnik-"))
}

/// The pid in «.NAME.nastavnik-PID-N.part».
fn writer_pid(path: &str) -> Option<u32> {
    let name = Path::new(path).file_name()?.to_string_lossy().into_owned();
    let rest = &name[name.rfind(".nastavnik-")? + ".nastavnik-".len()..];
    rest.split('-').next()?.parse().ok()
}

/// Completes a typed path as a shell does on Tab: the longest common
/// continuation of the names in its directory that start with what was
/// typed (a directory gets its `/`), and those names (at most `limit`).
pub fn complete_path(typed: &str, limit: usize) -> (String, Vec<String>) {
    let (dir, stem) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let expanded = match dir.strip_prefix("~/") {
        Some(rest) => dirs::home_dir().map(|h| h.join(rest)),
        None => Some(Path::new(if dir.is_empty() { "." } else { dir }).to_path_buf()),
    };
    let Some(Ok(entries)) = expanded.map(std::fs::read_dir) else {
        return (typed.to_string(), Vec::new());
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().to_str()?.to_string();
            // Hidden files only when asked for with a leading dot.
            if !name.starts_with(stem) || (name.starts_with('.') && !stem.starts_with('.')) {
                return None;
            }
            let is_dir = e.file_type().ok()?.is_dir();
            Some(if is_dir { format!("{name}/") } else { name })
        })
        .collect();
    names.sort();
    let common = common_prefix(&names);
    let completed = match common.len() > stem.len() {
        true => format!("{dir}{common}"),
        false => typed.to_string(),
    };
    names.truncate(limit);
    (completed, names)
}

fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut end = first.len();
    for n in &names[1..] {
        end = first
            .char_indices()
            .zip(n.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_a_dead_writer_and_of_this_pid_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db");
        std::fs::create_dir(&db).unwrap();
        let dead = dir.path().join(".report.txt.nastavnik-999999999-0.part");
        let own = dir
            .path()
            .join(format!(".x.nastavnik-{}-7.part", std::process::id()));
        std::fs::write(&dead, "ФИО").unwrap();
        std::fs::write(&own, "ФИО").unwrap();
        note_partial(&db, &dead, true).unwrap();
        assert_eq!(clean_partial_writes(&db), 1);
        assert!(!dead.exists());
        // Our own pid counts as gone: a new process cleans what the last
        // run of the same pid left.
        note_partial(&db, &own, true).unwrap();
        assert_eq!(clean_partial_writes(&db), 1);
        assert_eq!(std::fs::read_to_string(db.join(JOURNAL)).unwrap(), "");
    }

    #[test]
    fn a_private_write_leaves_only_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        write_private(&target, b"{}", dir.path()).unwrap();
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.contains(&JOURNAL.to_string()));
        assert_eq!(
            std::fs::read_to_string(dir.path().join(JOURNAL)).unwrap(),
            ""
        );
    }

    #[test]
    fn completion_runs_to_the_common_prefix_of_the_names() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["наставники-2025.csv", "наставники-2026.csv", "пары.csv"]
        {
            std::fs::write(dir.path().join(f), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("архив")).unwrap();
        let typed = format!("{}/на", dir.path().display());
        let (done, names) = complete_path(&typed, 8);
        assert_eq!(done, format!("{}/наставники-202", dir.path().display()));
        assert_eq!(names.len(), 2);
        let (done, _) = complete_path(&format!("{}/ар", dir.path().display()), 8);
        assert!(done.ends_with("/архив/"), "{done}");
    }
}
