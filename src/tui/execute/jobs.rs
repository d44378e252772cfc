//! The interface's commands that can take seconds on a district, as jobs
//! for the worker (see [`crate::tui::background`]): what each needs of the
//! app is taken when it starts, and what the app makes of it comes back.

use super::done::Done;
use super::{files, stored_text};
use crate::i18n::Lang;
use crate::store::Store;
use crate::tui::app::{App, Command};
use crate::tui::background::StoreJob;
use crate::tui::keymap;

/// A command from another process (see [`crate::serve`]), run on the
/// worker while the interface answers keys; what it may have changed is
/// then read again and said.
pub fn remote_job(job: crate::serve::Job, lang: Lang) -> StoreJob {
    let asked = crate::app::request::name_of(&job.request);
    let label = crate::tr!(
        lang,
        "nastavnik {asked} из другого окна",
        "nastavnik {asked} from another window"
    );
    StoreJob::new(label, move |store, _| {
        let done = crate::app::request::handle(store, &job.request);
        let (name, failed, changed) = (done.name, done.answer.code != 0, done.changed);
        job.answer(done.answer);
        Done::Remote {
            name,
            failed,
            changed,
        }
    })
}

/// How a command is carried out.
pub enum Plan {
    /// At once, on the interface's thread: one record, a small file.
    Now(Command),
    /// On the store worker: seconds on a district.
    Job(StoreJob),
    /// On the optimiser's own threads.
    Optimise(Box<crate::tui::command::ProposeJob>),
}

/// The one place that decides how each command runs. What a job needs of
/// the app is taken now, on the interface's thread.
pub fn plan(app: &App, cmd: Command) -> Plan {
    use crate::tui::modals::files::Source;
    Plan::Job(match cmd {
        Command::CheckImport(Source::Base(base), path, sheet) => {
            files::base_job(app, base, &path, sheet, false)
        }
        Command::Import(Source::Base(base), path, sheet) => {
            files::base_job(app, base, &path, sheet, true)
        }
        Command::Export(base, path) => files::export_job(app.lang, base, &path),
        Command::BackupNow => files::backup_job(app.lang),
        Command::Undo => undo_job(app, true),
        Command::Redo => undo_job(app, false),
        Command::Erase(subject) => {
            let text = stored_text(&cmd, app.lang);
            let label = app
                .lang
                .pick("Удаление персональных данных", "Erasing personal data");
            let today = chrono::Local::now().date_naive();
            // The files are rewritten when the session ends.
            change_job(label, text, move |store| {
                store.erase(subject, today).map(|_| ())
            })
        }
        Command::CreatePairs(ref pairs) => {
            // Checked against the data in memory now; a refusal comes back
            // as the job's error.
            let lang = app.lang;
            let units = crate::matching::units_for(&app.data, pairs)
                .map_err(|issue| crate::store::StoreError::Rejected(issue.rule.message(lang)));
            let text = stored_text(&cmd, lang);
            let label = lang.pick("Сохранение пар", "Saving the pairs");
            change_job(label, text, move |store| {
                let units = units?;
                store.write_as(crate::store::Deed::AcceptPairs, |tx| {
                    for u in &units {
                        tx.insert(&mut u.clone())?;
                    }
                    Ok(())
                })
            })
        }
        Command::Propose(job) => return Plan::Optimise(job),
        Command::CheckImport(..)
        | Command::Import(..)
        | Command::Save(_)
        | Command::SetArchived(..)
        | Command::LoadHistory(..)
        | Command::LoadDemo
        | Command::EditMeeting(_)
        | Command::AddTemplates(_)
        | Command::SaveReport { .. } => return Plan::Now(cmd),
    })
}

/// Undo or redo (an import of thousands taken back takes a while).
fn undo_job(app: &App, undo: bool) -> StoreJob {
    let lang = app.lang;
    let redo_key = app
        .keymap
        .keys_label(keymap::Context::Global, keymap::Action::Redo);
    let label = match undo {
        true => lang.pick("Отмена", "Undoing"),
        false => lang.pick("Повтор", "Redoing"),
    };
    StoreJob::new(label.to_string(), move |store, _| Done::Undone {
        undo,
        summary: match undo {
            true => store.undo(),
            false => store.redo(),
        },
        redo_key,
    })
}

/// A change that can take long on a district (an erasure, accepting every
/// proposed pair), on the worker.
fn change_job(
    label: &str,
    text: &'static str,
    work: impl FnOnce(&Store) -> crate::store::Result<()> + Send + 'static,
) -> StoreJob {
    StoreJob::new(label.to_string(), move |store, _| {
        Done::Changed(work(store), text)
    })
}
