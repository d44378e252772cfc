//! Automatic backups in the database directory (`backups/`): a versioned
//! JSON backup written whole after a session that changed data, at most
//! once per interval, each read back and verified, kept as a rotation of
//! the last days and weeks.

use super::backup::Backup;
use super::dir::BACKUP_DIR;
use super::error::{Result, StoreError};
use super::layout::HISTORY_SEQ;
use super::Store;
use chrono::{Datelike, NaiveDateTime};
use serde::Deserialize;
use std::hash::Hasher;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

const PREFIX: &str = "nastavnik-";
const SUFFIX: &str = ".json";
const STAMP: &str = "%Y-%m-%d-%H%M%S";
/// The history sequence the newest backup was taken at.
const LAST_BACKUP_SEQ: &str = "backup:last_seq";

/// `[backup]` in config.toml.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    pub enabled: bool,
    /// A new backup at most this often (hours).
    pub interval_hours: u32,
    /// Kept: the newest backup of each of this many last days…
    pub keep_daily: usize,
    /// …and of each of this many weeks before them.
    pub keep_weekly: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            enabled: true,
            interval_hours: 24,
            keep_daily: 7,
            keep_weekly: 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub taken: NaiveDateTime,
    pub bytes: u64,
}

pub fn dir_of(db: &Path) -> PathBuf {
    db.join(BACKUP_DIR)
}

/// The backups of a database, newest first.
pub fn list(db: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(dir_of(db)) else {
        return Vec::new();
    };
    let mut out: Vec<BackupFile> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
            let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
            let meta = e.path().symlink_metadata().ok().filter(|m| m.is_file())?;
            Some(BackupFile {
                path: e.path(),
                taken,
                bytes: meta.len(),
            })
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.taken));
    out
}

/// Which backups the rotation drops: it keeps the newest of each of the
/// last `keep_daily` days that have one, then the newest of each of the
/// `keep_weekly` (ISO) weeks before those.
pub fn to_drop(files: &[BackupFile], policy: &Policy) -> Vec<PathBuf> {
    let mut newest_first: Vec<&BackupFile> = files.iter().collect();
    newest_first.sort_by_key(|b| std::cmp::Reverse(b.taken));
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    let mut drop = Vec::new();
    for f in newest_first {
        let day = f.taken.date();
        let week = (day.iso_week().year(), day.iso_week().week());
        let week_of = |d: &chrono::NaiveDate| (d.iso_week().year(), d.iso_week().week());
        let keep = if days.contains(&day) {
            false
        } else if days.len() < policy.keep_daily {
            days.push(day);
            true
        } else if weeks.len() < policy.keep_weekly
            && !weeks.contains(&week)
            && !days.iter().any(|d| week_of(d) == week)
        {
            weeks.push(week);
            true
        } else {
            false
        };
        if !keep {
            drop.push(f.path.clone());
        }
    }
    drop
}

impl Store {
    /// The history sequence: it moves with every change of any record.
    pub fn change_mark(&self) -> Result<u64> {
        self.meta_get(HISTORY_SEQ).map(|v| v.unwrap_or(0))
    }

    /// Writes the whole database as [`Store::write_backup_json`] does into a
    /// new private file at `path`, whole or not at all; `tap` sees every
    /// byte written. Returns the records written.
    pub fn write_json_file(&self, path: &Path, tap: &mut dyn FnMut(&[u8])) -> Result<u64> {
        let mut records = Ok(0);
        let written = crate::fsutil::write_private_with(path, self.path(), |f| {
            let mut w = BufWriter::with_capacity(1 << 20, TapWriter { f, tap });
            records = self.write_backup_json(&mut w);
            match &records {
                Ok(_) => w.flush(),
                // Not renamed into place: the file is removed.
                Err(e) => Err(std::io::Error::other(e.to_string())),
            }
        });
        // The store's own error says more than its wrapping does.
        let records = records?;
        written.map_err(|e| StoreError::io(path, e))?;
        Ok(records)
    }

    /// Writes a backup now, whole, reads it back to verify it, rotates the
    /// older ones.
    pub fn write_backup(&self, now: NaiveDateTime, policy: &Policy) -> Result<BackupFile> {
        let dir = dir_of(self.path());
        super::dir::create(&dir)?;
        let mark = self.change_mark()?;
        let path = dir.join(format!("{PREFIX}{}{SUFFIX}", now.format(STAMP)));
        let mut hash = Fnv::default();
        let records = self.write_json_file(&path, &mut |bytes| hash.write(bytes))?;
        verify(&path, hash.finish(), records)?;
        self.meta().insert(LAST_BACKUP_SEQ, &mark.to_be_bytes())?;
        self.flush()?;
        for old in to_drop(&list(self.path()), policy) {
            let _ = std::fs::remove_file(old);
        }
        Ok(BackupFile {
            bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            path,
            taken: now,
        })
    }

    /// A backup if data changed since the last one and the interval has
    /// passed (or there is none yet); None when nothing was due.
    pub fn auto_backup(&self, now: NaiveDateTime, policy: &Policy) -> Result<Option<BackupFile>> {
        if !policy.enabled || self.is_empty() {
            return Ok(None);
        }
        let last_seq = self.meta_get(LAST_BACKUP_SEQ)?;
        let newest = list(self.path()).into_iter().next();
        if last_seq == Some(self.change_mark()?) && newest.is_some() {
            return Ok(None);
        }
        let due = newest.is_none_or(|b| {
            now.signed_duration_since(b.taken).num_minutes()
                >= i64::from(policy.interval_hours) * 60
        });
        if !due {
            return Ok(None);
        }
        self.write_backup(now, policy).map(Some)
    }
}

/// Reads the file back: the same bytes as were written, and a backup that
/// parses with every record.
fn verify(path: &Path, written: u64, records: u64) -> Result<()> {
    let bad = |why: String| StoreError::BadBackup(format!("{}: {why}", path.display()));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| StoreError::io(path, e))?;
    let mut hash = Fnv::default();
    hash.write(&bytes);
    if hash.finish() != written {
        return Err(bad(
            "прочитано не то, что записано / read back differs".into()
        ));
    }
    let found = Backup::count_in(&bytes)?;
    if found != records {
        return Err(bad(format!(
            "записей {found} вместо {records} / {found} records instead of {records}"
        )));
    }
    Ok(())
}

/// FNV-1a: enough to tell that the bytes read back are the bytes written.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

/// A file that shows what is written to it to `tap` too.
struct TapWriter<'a> {
    f: &'a mut std::fs::File,
    tap: &'a mut dyn FnMut(&[u8]),
}

impl Write for TapWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.f.write(buf)?;
        (self.tap)(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.f.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(stamp: &str) -> BackupFile {
        BackupFile {
            path: PathBuf::from(stamp),
            taken: NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M").unwrap(),
            bytes: 1,
        }
    }

    #[test]
    fn rotation_keeps_the_newest_of_seven_days_and_four_weeks_before() {
        // Two a day for sixty days, from 01.10.2026 to 29.11.2026.
        let start = chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        let mut files = Vec::new();
        for d in 0..60 {
            let day = start + chrono::Days::new(d);
            for t in ["09:00", "18:00"] {
                files.push(file(&format!("{} {t}", day.format("%Y-%m-%d"))));
            }
        }
        let dropped = to_drop(&files, &Policy::default());
        let kept: Vec<String> = files
            .iter()
            .filter(|f| !dropped.contains(&f.path))
            .map(|f| f.path.to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            kept,
            [
                // The newest of four weeks before the last seven days…
                "2026-11-01 18:00",
                "2026-11-08 18:00",
                "2026-11-15 18:00",
                "2026-11-22 18:00",
                // …and of each of the last seven days.
                "2026-11-23 18:00",
                "2026-11-24 18:00",
                "2026-11-25 18:00",
                "2026-11-26 18:00",
                "2026-11-27 18:00",
                "2026-11-28 18:00",
                "2026-11-29 18:00",
            ]
        );
    }
}
