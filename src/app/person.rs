//! A person's rights under 152-ФЗ: `erase` (everything about them removed,
//! the database rewritten, the backups replaced) and `export person` (all
//! that is held about them).

use super::args::{PersonKind, SubjectKind};
use super::Output;
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::erase::{compact, Subject};
use crate::store::{backups, EntityKind, HistoryEntry, Store, StoreError};
use anyhow::{bail, Result};
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

fn subject(kind: SubjectKind, id: Id) -> Subject {
    match kind {
        SubjectKind::Mentor => Subject::Mentor(id),
        SubjectKind::Mentee => Subject::Mentee(id),
        SubjectKind::Partner => Subject::Partner(id),
    }
}

/// Runs with no store open: the erasure closes it to rewrite the files.
pub fn erase(
    db: &Path,
    kind: SubjectKind,
    id: Id,
    yes: bool,
    lang: Lang,
    o: &mut Output,
) -> Result<()> {
    let started = Instant::now();
    let store = Store::open_existing(db)?;
    let (name, done) = erase_in(&store, db, subject(kind, id), yes, lang, o)?;
    drop(store);
    finish_erasure(db, lang, o)?;
    outln!(o, "{}", erased_line(&name, id, &done, started, lang));
    Ok(())
}

/// On behalf of another process while this one holds the database (the
/// terminal interface): the records go now; the files are rewritten when
/// it closes, as after an erasure made in the interface itself.
pub fn erase_held(
    store: &Store,
    kind: SubjectKind,
    id: Id,
    yes: bool,
    lang: Lang,
    o: &mut Output,
) -> Result<()> {
    let started = Instant::now();
    let (name, done) = erase_in(store, store.path(), subject(kind, id), yes, lang, o)?;
    outln!(o, "{}", erased_line(&name, id, &done, started, lang));
    outln!(
        o,
        "{}",
        lang.pick(
            "Файлы базы и резервные копии будут переписаны, когда закроется программа, открывшая базу.",
            "The database files and backups are rewritten when the program holding the database closes."
        )
    );
    Ok(())
}

/// The question (unless `yes`) and the erasure; the subject's name is
/// returned for the summary.
fn erase_in(
    store: &Store,
    db: &Path,
    subject: Subject,
    yes: bool,
    lang: Lang,
    o: &mut Output,
) -> Result<(String, crate::store::erase::Erased)> {
    let id = subject.id();
    let Some(name) = store.subject_name(subject)? else {
        bail!(
            "{} #{id}",
            lang.pick("нет такой записи:", "no such record:")
        );
    };
    let name = crate::text::sanitize_line(&name);
    let aside = damaged_dirs(db);
    if !yes {
        o.confirm(
            &format!(
                "{} «{name}» (#{id}) {}{} {}",
                lang.pick("Удалить все персональные данные:", "Erase all personal data of"),
                lang.pick(
                    "— запись, её историю, анкеты, имя в заметках встреч и все резервные копии",
                    "— the record, its history, questionnaires, the name in meeting notes and every backup",
                ),
                if aside.is_empty() {
                    String::new()
                } else {
                    format!(
                        "{} ({})",
                        lang.pick(", прежние файлы базы", ", the former database files"),
                        aside.len()
                    )
                },
                lang.pick("Это нельзя отменить. Удалить? [д/Н]", "This cannot be undone. Erase? [y/N]")
            ),
            lang,
        )?;
    }
    let done = store.erase(subject, super::today())?;
    Ok((name, done))
}

fn erased_line(
    name: &str,
    id: Id,
    done: &crate::store::erase::Erased,
    started: Instant,
    lang: Lang,
) -> String {
    format!(
        "{} «{name}» (#{id}): {} {}, {} {}, {} {} ({:.1} {})",
        lang.pick("Удалены персональные данные", "Personal data erased"),
        lang.pick("встреч очищено", "meetings cleaned"),
        done.meetings_cleaned,
        lang.pick("анкет удалено", "questionnaires removed"),
        done.answers_removed,
        lang.pick("записей истории удалено", "history entries removed"),
        done.history_removed,
        started.elapsed().as_secs_f64(),
        lang.pick("с", "s"),
    )
}

/// After an erasure (here or in the terminal interface): the database
/// rewritten so that sled's log keeps no old value, every backup and every
/// set-aside copy of the files removed, and one fresh backup written.
pub fn finish_erasure(db: &Path, lang: Lang, o: &mut Output) -> Result<()> {
    // On a district this takes a while: say what is going on.
    errln!(
        o,
        "{}",
        lang.pick(
            "Персональные данные удалены; файлы базы и резервные копии переписываются…",
            "Personal data erased; rewriting the database files and backups…"
        )
    );
    compact(db)?;
    crate::fsutil::fault_point("erase:compacted");
    for b in backups::list(db) {
        std::fs::remove_file(&b.path).map_err(|e| StoreError::io(&b.path, e))?;
        crate::fsutil::fault_point("erase:backup-removed");
    }
    for d in damaged_dirs(db) {
        std::fs::remove_dir_all(&d).map_err(|e| StoreError::io(&d, e))?;
        crate::fsutil::fault_point("erase:aside-removed");
    }
    let store = Store::open_existing(db)?;
    let policy = crate::config::load()?.backup;
    if policy.enabled {
        store.write_backup(chrono::Local::now().naive_local(), &policy)?;
    }
    crate::fsutil::fault_point("erase:backup-written");
    // Until here a kill leaves the mark, and the next open starts over.
    crate::store::erase::erasure_finished(db).map_err(|e| StoreError::io(db, e))?;
    Ok(())
}

/// The `damaged-*` directories a restore put aside: they hold old data.
pub(super) fn damaged_dirs(db: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(db)
        .map(|it| {
            it.flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("damaged-"))
                .filter(|e| e.path().symlink_metadata().is_ok_and(|m| m.is_dir()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Serialize)]
struct SubjectCopy {
    format: &'static str,
    made: String,
    record: serde_json::Value,
    units: Vec<Unit>,
    meetings: Vec<Meeting>,
    questionnaires: Vec<SurveyResponse>,
    history: Vec<HistoryEntry>,
}

/// Everything held about one mentor or mentee, as JSON.
pub fn export(store: &Store, kind: PersonKind, id: Id, lang: Lang) -> Result<Vec<u8>> {
    let (ekind, who) = match kind {
        PersonKind::Mentor => (EntityKind::Mentor, PersonRef::Mentor(id)),
        PersonKind::Mentee => (EntityKind::Mentee, PersonRef::Mentee(id)),
    };
    let mut units = Vec::new();
    let mut meetings = Vec::new();
    for u in store.units_of(ekind, id)? {
        units.extend(store.get::<Unit>(u)?);
        for m in store.meetings_of(u)? {
            meetings.extend(store.get::<Meeting>(m)?);
        }
    }
    let questionnaires: Vec<SurveyResponse> = store
        .list::<SurveyResponse>()?
        .into_iter()
        .filter(|r| r.respondent == who)
        .collect();
    let history = store.history(ekind, id)?;
    let made = chrono::Local::now().format("%d.%m.%Y %H:%M").to_string();
    let record = match kind {
        PersonKind::Mentor => store.get::<Mentor>(id)?.map(serde_json::to_value),
        PersonKind::Mentee => store.get::<Mentee>(id)?.map(serde_json::to_value),
    };
    let Some(record) = record.transpose()? else {
        bail!(crate::tr!(
            lang,
            "#{id}: нет такой записи",
            "#{id}: no such record"
        ));
    };
    let mut out = serde_json::to_vec_pretty(&SubjectCopy {
        format: "nastavnik-subject-copy",
        made,
        record,
        units,
        meetings,
        questionnaires,
        history,
    })?;
    out.push(b'\n');
    Ok(out)
}
