//! `nastavnik backup list|now|restore` and `nastavnik check`, and the
//! automatic backup after a command that changed data.

use super::args::BackupCommand;
use super::Code;
use super::Output;
use crate::i18n::Lang;
use crate::store::backups::{self, BackupFile, Policy};
use crate::store::dir::{self, Found};
use crate::store::{Backup, Store, StoreError};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn policy() -> Result<Policy> {
    Ok(crate::config::load()?.backup)
}

fn describe(b: &BackupFile) -> String {
    format!(
        "{}  {:>8.1} MB  {}",
        b.taken.format("%d.%m.%Y %H:%M:%S"),
        b.bytes as f64 / 1e6,
        b.path.display()
    )
}

/// Backup commands that must work on a database that does not open.
pub fn run(db: &Path, cmd: BackupCommand, lang: Lang, o: &mut Output) -> Result<Code> {
    match cmd {
        BackupCommand::List => {
            let all = backups::list(db);
            if all.is_empty() {
                outln!(
                    o,
                    "{} {}",
                    lang.pick("Резервных копий нет:", "No backups in"),
                    backups::dir_of(db).display()
                );
            }
            for b in &all {
                outln!(o, "{}", describe(b));
            }
        }
        BackupCommand::Now => now_in(&Store::open_existing(db)?, lang, o)?,
        BackupCommand::Restore { file, to, yes } => restore(db, file, to, yes, lang, o)?,
    }
    Ok(0)
}

/// A backup of the open store, now.
pub fn now_in(store: &Store, lang: Lang, o: &mut Output) -> Result<()> {
    let b = store.write_backup(now(), &policy()?)?;
    outln!(
        o,
        "{} {}",
        lang.pick(
            "Копия записана и проверена:",
            "Backup written and verified:"
        ),
        describe(&b)
    );
    Ok(())
}

fn restore(
    db: &Path,
    file: Option<PathBuf>,
    to: Option<PathBuf>,
    yes: bool,
    lang: Lang,
    o: &mut Output,
) -> Result<()> {
    let file = match file {
        Some(f) => f,
        None => match backups::list(db).into_iter().next() {
            Some(b) => b.path,
            None => bail!(
                "{} {}",
                lang.pick("нет резервных копий в", "no backups in"),
                backups::dir_of(db).display()
            ),
        },
    };
    let bytes = std::fs::read(&file).with_context(|| file.display().to_string())?;
    let backup = Backup::from_json(&bytes).with_context(|| file.display().to_string())?;
    refuse_dangling(&backup, lang)?;
    let target = to.unwrap_or_else(|| db.to_path_buf());
    refuse_unerasing(&backup, &[db, &target], &file, lang)?;
    // Checked before anything moves: a restore that runs out of space
    // half-way would leave an empty database where the old one was.
    refuse_short_space(&target, bytes.len() as u64)?;
    drop(bytes);
    let aside = match dir::inspect(&target)? {
        Found::Database => put_aside(&target, yes, lang, o)?,
        Found::Nothing => None,
    };
    let loaded = Store::open(&target)
        .map_err(anyhow::Error::from)
        .and_then(|store| {
            super::load(&store, &backup, lang.pick("восстановление", "restoring"), o)
        });
    if let Err(e) = loaded {
        // The database as it was, not an empty one that `check` would
        // call healthy.
        if let Some(aside) = aside {
            put_back(&target, &aside).with_context(|| aside.display().to_string())?;
        }
        return Err(e);
    }
    outln!(
        o,
        "{} {} → {}",
        lang.pick("Восстановлено:", "Restored:"),
        file.display(),
        target.display()
    );
    Ok(())
}

/// A backup made before an erasure would bring the erased person back:
/// never restored (the erasures' log beside the database names them by
/// kind and id only).
fn refuse_unerasing(backup: &Backup, dbs: &[&Path], file: &Path, lang: Lang) -> Result<()> {
    use crate::domain::erasure::is_erased_name;
    use crate::store::erase::{erased_subjects, Subject};
    let mut erased: Vec<Subject> = Vec::new();
    for s in dbs.iter().flat_map(|d| erased_subjects(d)) {
        if !erased.contains(&s) {
            erased.push(s);
        }
    }
    let unerased = |name: &str| !is_erased_name(name);
    let back = erased
        .iter()
        .filter(|s| match **s {
            Subject::Mentor(id) => backup
                .mentors
                .iter()
                .any(|m| m.id == id && unerased(&m.person.full_name)),
            Subject::Mentee(id) => backup
                .mentees
                .iter()
                .any(|m| m.id == id && unerased(&m.person.full_name)),
            Subject::Partner(id) => backup
                .partners
                .iter()
                .any(|p| p.id == id && unerased(&p.name)),
        })
        .count();
    if back > 0 {
        bail!(crate::tr!(
            lang,
            "{}: копия сделана до удаления персональных данных по запросу и вернула бы данные удалённых людей ({back}); не восстановлено. Удалите эту копию",
            "{}: the backup predates an erasure on request and would bring back the erased people's data ({back}); not restored. Delete this backup",
            file.display()
        ));
    }
    Ok(())
}

/// sled keeps two to three times a backup's JSON on disk (the district:
/// 121 MB of JSON, 236 MB of files; a school: 0.7 MB, 2 MB); a restore
/// needs that free first.
fn refuse_short_space(target: &Path, json_bytes: u64) -> Result<()> {
    let needed = json_bytes.saturating_mul(3) + (1 << 20);
    match crate::fsutil::free_bytes_at(target) {
        Some(free) if free < needed => {
            let mb = |b: u64| b.div_ceil(1 << 20);
            Err(StoreError::DiskFull {
                path: target.to_path_buf(),
                free_mb: mb(free),
                needed_mb: mb(needed - free),
            }
            .into())
        }
        _ => Ok(()),
    }
}

/// A restore that failed after its files were put aside: they go back.
fn put_back(db: &Path, aside: &Path) -> std::io::Result<()> {
    let sled = db.join(dir::SLED_DIR);
    if sled.symlink_metadata().is_ok() {
        std::fs::remove_dir_all(&sled)?;
    }
    for name in [dir::SLED_DIR, crate::store::lock::HOLDER_FILE] {
        let from = aside.join(name);
        if from.symlink_metadata().is_ok() {
            std::fs::rename(&from, db.join(name))?;
        }
    }
    std::fs::remove_dir(aside)
}

/// Moves a database's files into `damaged-DATE/` inside its directory,
/// after a question: nothing is deleted, and the backups stay where they
/// are. Where they went, if anywhere (an empty database is restored over).
fn put_aside(db: &Path, yes: bool, lang: Lang, o: &mut Output) -> Result<Option<PathBuf>> {
    let state = match Store::open_existing(db) {
        Ok(s) if s.is_empty() => return Ok(None),
        Ok(s) => {
            drop(s);
            lang.pick("в ней есть данные", "it holds data")
        }
        Err(e @ StoreError::Locked { .. }) => return Err(e.into()),
        Err(_) => lang.pick("она не открывается", "it does not open"),
    };
    let aside = db.join(format!("damaged-{}", now().format("%Y-%m-%d-%H%M%S")));
    if !yes {
        o.confirm(
            &format!(
                "{} {} ({state}). {} {}. {}",
                lang.pick("База", "The database"),
                db.display(),
                lang.pick("Её файлы будут перенесены в", "Its files will be moved to"),
                aside.display(),
                lang.pick("Продолжить? [д/Н]", "Go on? [y/N]")
            ),
            lang,
        )?;
    }
    std::fs::create_dir(&aside).with_context(|| aside.display().to_string())?;
    for name in [dir::SLED_DIR, crate::store::lock::HOLDER_FILE] {
        let from = db.join(name);
        if from.symlink_metadata().is_ok() {
            std::fs::rename(&from, aside.join(name)).with_context(|| from.display().to_string())?;
        }
    }
    errln!(
        o,
        "{} {}",
        lang.pick("Прежние файлы базы:", "The former database files:"),
        aside.display()
    );
    Ok(Some(aside))
}

/// A restore takes no reference to a record the file lacks.
pub fn refuse_dangling(backup: &Backup, lang: Lang) -> Result<()> {
    let dangling = backup.dangling();
    if dangling.is_empty() {
        return Ok(());
    }
    let mut lines: Vec<String> = dangling
        .iter()
        .take(100)
        .map(|d| format!("  {d}"))
        .collect();
    if dangling.len() > 100 {
        lines.push(more_errors(dangling.len() - 100, lang));
    }
    bail!(
        "{} ({}):\n{}",
        lang.pick(
            "в копии есть ссылки на записи, которых в ней нет; ничего не восстановлено",
            "the backup refers to records it does not hold; nothing was restored"
        ),
        dangling.len(),
        lines.join("\n")
    )
}

/// «… и ещё N ошибок», with the plural the number takes.
pub fn more_errors(n: usize, lang: Lang) -> String {
    const MORE: crate::i18n::Plural = crate::i18n::Plural {
        one: "ошибка",
        few: "ошибки",
        many: "ошибок",
        en_one: "more error",
        en_many: "more errors",
    };
    let errors = crate::i18n::count(n as u64, lang, MORE);
    crate::tr!(lang, "… и ещё {errors}", "… and {errors}")
}

/// `nastavnik check`: 0 when healthy, 1 with the findings.
pub fn check(store: &Store, lang: Lang, o: &mut Output) -> Result<Code> {
    let found = store.check()?;
    let aside = super::person::damaged_dirs(store.path());
    if found.is_empty() && store.is_empty() && !aside.is_empty() {
        // Consistent, but not what the curator had: a restore or a
        // rewrite was cut short after the files were put aside.
        let names: Vec<String> = aside.iter().map(|d| d.display().to_string()).collect();
        outln!(
            o,
            "{}",
            crate::tr!(
                lang,
                "База {} пуста, а рядом лежат прежние файлы базы: {}. Восстановите данные: nastavnik --db {} backup restore",
                "The database {} is empty, and the former database files lie beside it: {}. Restore the data: nastavnik --db {} backup restore",
                store.path().display(),
                names.join(", "),
                store.path().display()
            )
        );
        return Ok(1);
    }
    if found.is_empty() {
        outln!(
            o,
            "{} {}",
            lang.pick("База в порядке:", "The database is healthy:"),
            store.path().display()
        );
        return Ok(0);
    }
    outln!(
        o,
        "{} {} ({}):",
        lang.pick("Найдены ошибки в базе", "Problems found in the database"),
        store.path().display(),
        found.len()
    );
    for f in &found {
        outln!(o, "  {}", crate::text::sanitize_line(&f.message(lang)));
    }
    Ok(1)
}

/// After a command: a backup if one is due. Its failure is told, never the
/// command's: what the command saved is saved.
pub fn after_command(store: &Store, lang: Lang, o: &mut Output) {
    let result = policy().map_err(|e| e.to_string()).and_then(|p| {
        store
            .auto_backup(now(), &p)
            .map_err(|e| e.message_at(lang, store.path()))
    });
    if let Err(e) = result {
        errln!(
            o,
            "nastavnik: {} {}",
            lang.pick(
                "резервная копия не записана:",
                "the backup was not written:"
            ),
            crate::text::sanitize_line(&e)
        );
    }
}

/// For a database that does not open: the newest backup and the command
/// that restores it.
pub fn restore_hint(db: &Path, lang: Lang) -> Option<String> {
    let newest = backups::list(db).into_iter().next()?;
    Some(format!(
        "{} {} ({}). {}: nastavnik --db {} backup restore {}",
        lang.pick("Последняя резервная копия:", "The newest backup:"),
        newest.path.display(),
        newest.taken.format("%d.%m.%Y %H:%M"),
        lang.pick("Восстановить", "To restore it"),
        db.display(),
        newest.path.display()
    ))
}
