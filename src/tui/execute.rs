//! Carries out the interface's commands against the store; every write is
//! flushed before the app says so, and the app reloads what changed.

mod done;
mod files;
mod jobs;

pub use done::{apply, Done};
pub use jobs::{plan, remote_job, Plan};

use super::app::{App, Command};
use super::form::Record;
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::{EntityKind, Result, Store};

/// A record erased on its subject's request (by another process, while
/// its form was open here) is never written back with their data.
fn refuse_unerasing(store: &Store, record: &Record, lang: Lang) -> Result<()> {
    use crate::domain::erasure::is_erased_name;
    let now_erased = |stored: Option<&str>, edited: &str| {
        stored.is_some_and(is_erased_name) && !is_erased_name(edited)
    };
    let refused = match record {
        Record::Mentor(m) if m.id != 0 => now_erased(
            store
                .get::<Mentor>(m.id)?
                .as_ref()
                .map(|s| s.person.full_name.as_str()),
            &m.person.full_name,
        ),
        Record::Mentee(m) if m.id != 0 => now_erased(
            store
                .get::<Mentee>(m.id)?
                .as_ref()
                .map(|s| s.person.full_name.as_str()),
            &m.person.full_name,
        ),
        Record::Partner(p) if p.id != 0 => now_erased(
            store
                .get::<Partner>(p.id)?
                .as_ref()
                .map(|s| s.name.as_str()),
            &p.name,
        ),
        _ => false,
    };
    match refused {
        true => Err(crate::store::StoreError::Rejected(
            lang.pick(
                "данные этого человека удалены по его запросу (152-ФЗ); правки не сохранены",
                "this person's data was erased on their request (152-ФЗ); the edits are not saved",
            )
            .into(),
        )),
        false => Ok(()),
    }
}

fn save(store: &Store, record: &Record, lang: Lang) -> Result<()> {
    refuse_unerasing(store, record, lang)?;
    fn put<E: crate::store::Entity>(store: &Store, e: &E) -> Result<()> {
        if e.id() == 0 {
            store.insert(e.clone()).map(|_| ())
        } else {
            store.update(e)
        }
    }
    match record {
        Record::Mentor(m) => put(store, m),
        Record::Mentee(m) => put(store, m),
        Record::Program(p) => put(store, p),
        Record::Document(d) => put(store, d),
        Record::Partner(p) => put(store, p),
        Record::Organisation(o) => put(store, o),
        Record::Unit(u) => put(store, u),
        Record::Meeting(m) => put(store, m),
        Record::Template(t) => put(store, t),
        Record::Response(r) => put(store, r),
        Record::Roadmap(r) => put(store, r),
    }
}

/// The history of the record whose card is open, again (after a change).
fn load_history(store: &Store, app: &mut App) {
    let Some((kind, id)) = app.history_of else {
        return;
    };
    match store.history(kind, id) {
        Ok(h) => app.history = h,
        Err(e) => app.say(e.to_string(), true),
    }
    // A pair's card reads its meetings' notes and feedback too.
    if kind == EntityKind::Unit {
        let meetings: Result<Vec<Meeting>> = store.meetings_of(id).and_then(|ids| {
            ids.into_iter()
                .filter_map(|m| store.get(m).transpose())
                .collect()
        });
        match meetings {
            Ok(list) => app.show_pair_notes(list.into_iter().filter(|m| !m.archived).collect()),
            Err(e) => app.say(e.to_string(), true),
        }
    }
}

/// Archives or restores a record of any kind; nothing is deleted.
fn set_archived(store: &Store, kind: EntityKind, id: Id, archived: bool) -> Result<()> {
    fn flip<E: crate::store::Entity>(store: &Store, id: Id, archived: bool) -> Result<()> {
        match archived {
            true => store.archive::<E>(id).map(|_| ()),
            false => store.restore::<E>(id).map(|_| ()),
        }
    }
    match kind {
        EntityKind::Organisation => flip::<Organisation>(store, id, archived),
        EntityKind::Partner => flip::<Partner>(store, id, archived),
        EntityKind::Mentor => flip::<Mentor>(store, id, archived),
        EntityKind::Mentee => flip::<Mentee>(store, id, archived),
        EntityKind::Program => flip::<Program>(store, id, archived),
        EntityKind::Unit => flip::<Unit>(store, id, archived),
        EntityKind::Meeting => flip::<Meeting>(store, id, archived),
        EntityKind::SurveyTemplate => flip::<SurveyTemplate>(store, id, archived),
        EntityKind::SurveyResponse => flip::<SurveyResponse>(store, id, archived),
        EntityKind::RoadmapItem => flip::<RoadmapItem>(store, id, archived),
        EntityKind::Document => flip::<Document>(store, id, archived),
    }
}

/// What is said once a record is archived or restored.
fn archived_text(kind: EntityKind, archived: bool, lang: Lang) -> &'static str {
    match (kind, archived) {
        (EntityKind::Meeting, true) => {
            lang.pick("Встреча перенесена в архив.", "The meeting is archived.")
        }
        (EntityKind::Meeting, false) => {
            lang.pick("Встреча возвращена из архива.", "The meeting is restored.")
        }
        (EntityKind::Unit, true) => lang.pick(
            "Пара перенесена в архив (f — фильтр «в архиве», r — вернуть).",
            "The pair is archived (f to the archive filter, r restores).",
        ),
        (EntityKind::RoadmapItem, true) => lang.pick(
            "Пункт перенесён в архив (a — архив, r — вернуть).",
            "The item is archived (a shows the archive, r restores).",
        ),
        (_, true) => lang.pick(
            "Перенесено в архив (восстановить: архив → r).",
            "Archived (restore it from the archive view).",
        ),
        (_, false) => lang.pick("Возвращено из архива.", "Restored."),
    }
}

/// After an import: the data read again, and what it added said.
fn after_import(store: &Store, app: &mut App, stored: std::result::Result<String, String>) {
    match stored {
        Ok(text) => {
            show_change(store, app, &text, false);
        }
        Err(text) => app.say(text, true),
    }
}

/// Everything read again (after a job that failed half way).
pub fn reread_all(store: &Store, app: &mut App) {
    let _ = store.take_touched();
    match (store.load_without_meetings(), store.timelines()) {
        (Ok(ds), Ok(t)) => app.reload(ds, t),
        (Err(e), _) | (_, Err(e)) => app.say(e.to_string(), true),
    }
}

/// Carries out a command to the end here (a caller without a worker or
/// an optimiser thread: the tests); every write is flushed before the app
/// says so.
pub fn execute(store: &Store, app: &mut App, cmd: Command) {
    match plan(app, cmd) {
        Plan::Now(cmd) => now(store, app, cmd),
        Plan::Job(job) => apply(store, app, job.run_here(store)),
        Plan::Optimise(job) => {
            let outcome =
                match crate::matching::propose_with(&job.data, &job.opts, &job.solver, &job.ctl) {
                    Ok(p) => super::background::Outcome::Done(p),
                    Err(_) => super::background::Outcome::Cancelled,
                };
            let done = super::background::Finished {
                ctl: job.ctl.clone(),
                version: job.version,
                outcome,
            };
            if let Some(next) = app.finished(done) {
                execute(store, app, next);
            }
        }
    }
}

/// Carries out a command planned to run at once.
pub fn now(store: &Store, app: &mut App, cmd: Command) {
    let lang = app.lang;
    let result = match &cmd {
        Command::CheckImport(source, path, _) => return files::check(app, *source, path),
        Command::Import(source, path, _) => return files::import(store, app, *source, path),
        // Planned as jobs or for the optimiser.
        Command::Export(..)
        | Command::BackupNow
        | Command::Undo
        | Command::Redo
        | Command::Erase(..)
        | Command::CreatePairs(_)
        | Command::Propose(_) => return,
        Command::LoadHistory(kind, id) => {
            app.history_of = Some((*kind, *id));
            load_history(store, app);
            return;
        }
        Command::EditMeeting(id) => {
            match store.get::<crate::domain::Meeting>(*id) {
                Ok(Some(m)) => app.open_meeting(m),
                Ok(None) => app.say(lang.pick("Встреча не найдена", "No such meeting"), true),
                Err(e) => app.say(e.to_string(), true),
            }
            return;
        }
        Command::SaveReport { path, text } => {
            // Not the store: a file the curator hands in.
            match crate::fsutil::write_private(path, text.as_bytes(), store.path()) {
                Ok(()) => {
                    let shown = std::path::absolute(path).unwrap_or_else(|_| path.clone());
                    app.say(
                        format!(
                            "{}: {}",
                            lang.pick("Отчёт сохранён", "Report saved"),
                            shown.display()
                        ),
                        false,
                    );
                }
                Err(e) => app.say(
                    format!(
                        "{} {}: {e}",
                        lang.pick("Отчёт не сохранён:", "Report not saved:"),
                        path.display()
                    ),
                    true,
                ),
            }
            return;
        }
        Command::AddTemplates(templates) => store.write(|tx| {
            for t in templates {
                tx.insert(&mut t.clone())?;
            }
            Ok(())
        }),
        Command::SetArchived(kind, id, archived) => set_archived(store, *kind, *id, *archived),
        Command::Save(record) => save(store, record, lang),
        Command::LoadDemo => {
            let today = chrono::Local::now().date_naive();
            let ds = crate::demo::generate(crate::demo::Scale::School, 1, today);
            let backup = crate::store::Backup::from_dataset(ds, "demo", chrono::Utc::now());
            store.load_backup(&backup, &mut |_| {})
        }
    };
    if result.is_ok() && matches!(cmd, Command::Save(_)) {
        app.saved();
    }
    if after_change(store, app, result, stored_text(&cmd, lang)) {
        if let Command::Save(record) = &cmd {
            if let Record::Meeting(m) = record.as_ref() {
                app.offer_completion(m);
            }
        }
    }
}

/// What is said once a change is stored.
fn stored_text(cmd: &Command, lang: Lang) -> &'static str {
    match cmd {
        Command::SetArchived(kind, _, archived) => archived_text(*kind, *archived, lang),
        Command::Erase(..) => lang.pick(
            "Персональные данные удалены; файлы базы и копии будут переписаны при выходе.",
            "Personal data erased; the database files and backups are rewritten on exit.",
        ),
        Command::LoadDemo => lang.pick("Демо-данные загружены.", "Demo data loaded."),
        Command::AddTemplates(_) => lang.pick(
            "Добавлены типовые анкеты; сверьте их с региональными (фильтр «шаблоны», e — изменить).",
            "The standard questionnaires are added; check them against your region's (the «templates» filter, e edits).",
        ),
        Command::CreatePairs(_) => lang.pick(
            "Пары сохранены со статусом «формируется». m — подобрать остальных заново.",
            "Pairs saved as forming. m proposes for the rest again.",
        ),
        Command::Save(r) if matches!(r.as_ref(), Record::Response(x) if x.draft) => {
            lang.pick("Черновик анкеты сохранён.", "Draft saved.")
        }
        Command::Save(r) if matches!(r.as_ref(), Record::Response(_)) => {
            lang.pick("Анкета сохранена.", "Questionnaire saved.")
        }
        // Saved, but say so when the deadline is no date: the item
        // will never show as overdue.
        Command::Save(r)
            if matches!(r.as_ref(), Record::Roadmap(i)
                if i.deadline.is_none() && !i.deadline_text.is_empty()) =>
        {
            lang.pick(
                "Сохранено. Срок не распознан как дата: пункт не будет отмечаться просроченным.",
                "Saved. The deadline is no date: the item will not show as overdue.",
            )
        }
        _ => lang.pick("Сохранено.", "Saved."),
    }
}

/// After a change: why it was not stored, or the data read again and what
/// was done said. Whether it was stored.
fn after_change(store: &Store, app: &mut App, result: Result<()>, text: &str) -> bool {
    let lang = app.lang;
    if let Err(e) = result {
        app.say(
            format!("{}: {e}", lang.pick("Не сохранено", "Not saved")),
            true,
        );
        return false;
    }
    show_change(store, app, text, false)
}

/// What a stored change touched, read again; the app follows and says
/// `text`. Whether it could be read.
fn show_change(store: &Store, app: &mut App, text: &str, error: bool) -> bool {
    match reread(store, app) {
        Ok(_) => {
            app.data_changed();
            load_history(store, app);
            app.say(text, error);
            true
        }
        Err(e) => {
            app.say(e.to_string(), true);
            false
        }
    }
}

/// Reads again what the store's writes touched since the app last read
/// (everything, after a bulk change): a save on the district rereads one
/// record, not ten thousand. The caller lets the app follow.
fn reread(store: &Store, app: &mut App) -> Result<()> {
    let touched = store.take_touched();
    let s = &mut app.shared;
    if !store.patch(&touched, &mut s.data, &mut s.timelines)? {
        s.data = store.load_without_meetings()?;
        s.timelines = store.timelines()?;
    }
    Ok(())
}
