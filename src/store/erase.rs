//! Erasure on request, in the store: the person's record, the history that
//! held their values, their questionnaire answers, their name in the notes
//! of their meetings and units, in one transaction; then the database is
//! rewritten ([`compact`]) so that sled's log keeps no old value either.

use super::entity::EntityKind;
use super::error::{Result, StoreError};
use super::history::{Action, HistoryEntry};
use super::{dir, layout, Store};
use crate::domain::erasure::{self, Scrubber};
use crate::domain::*;
use chrono::NaiveDate;
use std::path::Path;

/// Whom to erase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Mentor(Id),
    Mentee(Id),
    Partner(Id),
}

impl Subject {
    pub fn id(self) -> Id {
        match self {
            Subject::Mentor(id) | Subject::Mentee(id) | Subject::Partner(id) => id,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Erased {
    /// The name that was removed (for the question before and the message).
    pub name: String,
    pub meetings_cleaned: usize,
    pub answers_removed: usize,
    pub history_removed: usize,
}

const REBUILD_DIR: &str = ".rebuild";
/// Set by erasures before version 0.1 of this file (kept for them).
const COMPACT_PENDING: &str = "erase:compact_pending";
/// Beside sled, so that it outlives the files' swap: an erasure is
/// unfinished until the files, every backup and every set-aside copy have
/// been rewritten or removed; whoever opens the database next finishes it.
pub const PENDING_FILE: &str = "erasure.pending";
/// Who was erased, by kind and id only (never a value): a backup that
/// still holds one of them predates the erasure and is never restored.
pub const LOG_FILE: &str = "erasures";

impl Subject {
    fn word(self) -> &'static str {
        match self {
            Subject::Mentor(_) => "mentor",
            Subject::Mentee(_) => "mentee",
            Subject::Partner(_) => "partner",
        }
    }

    fn from_word(word: &str, id: Id) -> Option<Subject> {
        match word {
            "mentor" => Some(Subject::Mentor(id)),
            "mentee" => Some(Subject::Mentee(id)),
            "partner" => Some(Subject::Partner(id)),
            _ => None,
        }
    }
}

/// The subjects erased in the database at `dir`, as its log says.
pub fn erased_subjects(dir: &Path) -> Vec<Subject> {
    subjects_in(&std::fs::read_to_string(dir.join(LOG_FILE)).unwrap_or_default())
}

fn subjects_in(log: &str) -> Vec<Subject> {
    log.lines()
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let word = w.next()?;
            Subject::from_word(word, w.next()?.parse().ok()?)
        })
        .collect()
}

/// Notes an erasure about to be made: the pending mark and the log line,
/// both on disk before any record changes.
fn note_erasure(dir: &Path, subject: Subject, on: NaiveDate) -> std::io::Result<()> {
    use crate::fsutil::write_small_private;
    let line = format!("{} {} {on}\n", subject.word(), subject.id());
    write_small_private(&dir.join(PENDING_FILE), line.as_bytes())?;
    let mut log = std::fs::read_to_string(dir.join(LOG_FILE)).unwrap_or_default();
    if !subjects_in(&log).contains(&subject) {
        log.push_str(&line);
        write_small_private(&dir.join(LOG_FILE), log.as_bytes())?;
    }
    Ok(())
}

/// The erasure's files are all rewritten: nothing is left to finish.
pub fn erasure_finished(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(dir.join(PENDING_FILE)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => std::fs::File::open(dir)?.sync_all(),
    }
}

/// Whether an erasure at `dir` waits to be finished (no store open).
pub fn erasure_pending(dir: &Path) -> bool {
    dir.join(PENDING_FILE).symlink_metadata().is_ok()
}

impl Store {
    /// The name of a subject, to ask about before erasing.
    pub fn subject_name(&self, s: Subject) -> Result<Option<String>> {
        Ok(match s {
            Subject::Mentor(id) => self.get::<Mentor>(id)?.map(|m| m.person.full_name),
            Subject::Mentee(id) => self.get::<Mentee>(id)?.map(|m| m.person.full_name),
            Subject::Partner(id) => self.get::<Partner>(id)?.map(|p| p.name),
        })
    }

    /// Removes the subject's personal data everywhere in the records and
    /// their history. Pairs stay, with the person shown as erased.
    pub fn erase(&self, subject: Subject, on: NaiveDate) -> Result<Erased> {
        let not_found = |tree, id| StoreError::NotFound { tree, id };
        let (kind, id) = match subject {
            Subject::Mentor(id) => (EntityKind::Mentor, id),
            Subject::Mentee(id) => (EntityKind::Mentee, id),
            Subject::Partner(id) => (EntityKind::Partner, id),
        };
        let name = self
            .subject_name(subject)?
            .ok_or_else(|| not_found(kind.tree(), id))?;
        if erasure::is_erased_name(&name) {
            return Ok(Erased {
                name,
                ..Erased::default()
            });
        }
        let scrub = Scrubber::new(&name);
        // What refers to the person, found before the transaction (sled
        // transactions cannot scan).
        let units: Vec<Unit> = match subject {
            Subject::Partner(_) => Vec::new(),
            _ => self
                .units_of(kind, id)?
                .into_iter()
                .filter_map(|u| self.get::<Unit>(u).transpose())
                .collect::<Result<_>>()?,
        };
        let mut meetings = Vec::new();
        for u in &units {
            for m in self.meetings_of(u.id)? {
                meetings.extend(self.get::<Meeting>(m)?);
            }
        }
        let person = match subject {
            Subject::Mentor(id) => Some(PersonRef::Mentor(id)),
            Subject::Mentee(id) => Some(PersonRef::Mentee(id)),
            Subject::Partner(_) => None,
        };
        let answers: Vec<Id> = self
            .list::<SurveyResponse>()?
            .into_iter()
            .filter(|r| Some(r.respondent) == person)
            .map(|r| r.id)
            .collect();
        let own_history = self.history_keys(kind, id)?;
        let mut answer_history = Vec::new();
        for r in &answers {
            answer_history.extend(self.history_keys(EntityKind::SurveyResponse, *r)?);
        }
        // History of the meetings and units whose texts name the person.
        let mut rewritten = Vec::new();
        let notes_history = meetings
            .iter()
            .map(|m| (EntityKind::Meeting, m.id))
            .chain(units.iter().map(|u| (EntityKind::Unit, u.id)));
        for (k, rid) in notes_history {
            for (key, mut entry) in self.history_entries(k, rid)? {
                let before = entry.changes.clone();
                for c in &mut entry.changes {
                    c.old = scrub.scrub(&c.old);
                    c.new = scrub.scrub(&c.new);
                }
                if entry.changes != before {
                    rewritten.push((key, entry));
                }
            }
        }
        let cleaned: Vec<Meeting> = meetings
            .iter()
            .map(|m| scrub.meeting(m))
            .filter(|m| !meetings.iter().any(|o| o == m))
            .collect();
        let cleaned_units: Vec<Unit> = units
            .iter()
            .map(|u| scrub.unit(u))
            .filter(|u| !units.iter().any(|o| o == u))
            .collect();
        note_erasure(self.path(), subject, on).map_err(|e| StoreError::io(self.path(), e))?;
        // Undo could bring back what the law says must go: forgotten first.
        self.forget_undo()?;
        let written = self.write(|tx| {
            for key in own_history.iter().chain(&answer_history) {
                tx.set_history(key, None)?;
            }
            for (key, entry) in &rewritten {
                tx.set_history(key, Some(entry))?;
            }
            match subject {
                Subject::Mentor(id) => {
                    let Some(m) = tx.get::<Mentor>(id)? else {
                        return super::abort(not_found("mentors", id));
                    };
                    tx.replace_without_values(&erasure::erase_mentor(&m, on), Action::Erased)?;
                }
                Subject::Mentee(id) => {
                    let Some(m) = tx.get::<Mentee>(id)? else {
                        return super::abort(not_found("mentees", id));
                    };
                    tx.replace_without_values(&erasure::erase_mentee(&m, on), Action::Erased)?;
                }
                Subject::Partner(id) => {
                    let Some(p) = tx.get::<Partner>(id)? else {
                        return super::abort(not_found("partners", id));
                    };
                    tx.replace_without_values(&erasure::erase_partner(&p, on), Action::Erased)?;
                }
            }
            for m in &cleaned {
                tx.replace_without_values(m, Action::Erased)?;
            }
            for u in &cleaned_units {
                tx.replace_without_values(u, Action::Erased)?;
            }
            for r in &answers {
                tx.remove::<SurveyResponse>(*r)?;
            }
            Ok(())
        });
        if let Err(e) = written {
            // Nothing was erased: nothing to finish (the log line stays,
            // which only makes a restore more careful).
            let _ = erasure_finished(self.path());
            return Err(e);
        }
        self.flush()?;
        Ok(Erased {
            name,
            meetings_cleaned: cleaned.len(),
            answers_removed: answers.len(),
            history_removed: own_history.len() + answer_history.len(),
        })
    }

    /// Whether an erasure still waits for the files to be rewritten.
    pub fn compaction_pending(&self) -> Result<bool> {
        Ok(erasure_pending(self.path()) || self.meta().get(COMPACT_PENDING)?.is_some())
    }

    fn history_keys(&self, kind: EntityKind, id: Id) -> Result<Vec<Vec<u8>>> {
        self.trees[layout::HISTORY]
            .scan_prefix(layout::history_prefix(kind, id))
            .keys()
            .map(|k| Ok(k?.to_vec()))
            .collect()
    }

    fn history_entries(&self, kind: EntityKind, id: Id) -> Result<Vec<(Vec<u8>, HistoryEntry)>> {
        self.trees[layout::HISTORY]
            .scan_prefix(layout::history_prefix(kind, id))
            .map(|kv| {
                let (k, v) = kv?;
                let entry = serde_json::from_slice(&v).map_err(|e| StoreError::Corrupt {
                    tree: layout::HISTORY_TREE,
                    id,
                    reason: e.to_string(),
                })?;
                Ok((k.to_vec(), entry))
            })
            .collect()
    }
}

/// Rewrites the database at `path` from its records into new sled files,
/// swapped in with one atomic rename, so that nothing sled kept in its log
/// (old values of erased records) survives. The database must not be open.
pub fn compact(path: &Path) -> Result<()> {
    let rebuild = path.join(REBUILD_DIR);
    remove_rebuild(path)?;
    let backup = Store::open_existing(path)?.dump()?;
    {
        let fresh = Store::open(&rebuild)?;
        fresh.load_backup(&backup, &mut |_| {})?;
    }
    drop(backup);
    let _lock = super::lock::DbLock::acquire(path)?;
    crate::fsutil::fault_point("erase:rebuilt");
    swap(&path.join(dir::SLED_DIR), &rebuild.join(dir::SLED_DIR))
        .map_err(|e| StoreError::io(path, e))?;
    crate::fsutil::fault_point("erase:swapped");
    // The old files, now in the rebuild directory.
    remove_rebuild(path)
}

/// A rebuild a kill interrupted (before or after the swap) is of no use.
pub fn remove_rebuild(path: &Path) -> Result<()> {
    let rebuild = path.join(REBUILD_DIR);
    match rebuild.symlink_metadata() {
        Ok(m) if m.is_dir() => {
            std::fs::remove_dir_all(&rebuild).map_err(|e| StoreError::io(&rebuild, e))
        }
        _ => Ok(()),
    }
}

/// Exchanges two directories in one step (Linux renameat2 RENAME_EXCHANGE):
/// at no moment is there no database.
fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them
    // relative to the working directory as rename would.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}
