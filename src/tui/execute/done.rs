//! What a store job gives back when it ends: a plain value, made on the
//! worker's thread, that the interface applies on its own (it reads again
//! what changed and says what was done). A job never touches the app.

use super::files::{show_found, Found};
use super::{after_change, after_import, load_history, reread, reread_all, show_change};
use crate::exchange::Source;
use crate::store::{Result, Store, UndoSummary};
use crate::tui::app::App;
use crate::tui::modals::Modal;
use std::path::PathBuf;

pub enum Done {
    /// A line for the status bar (a file written, a backup): the text and
    /// whether it is an error.
    Said(String, bool),
    /// A change stored, or why not; the text says what was done.
    Changed(Result<()>, &'static str),
    /// An import stored (what it added), or why not.
    Imported(std::result::Result<String, String>),
    /// A file checked without storing: what the Files dialog shows.
    Checked(
        Source,
        PathBuf,
        Option<String>,
        std::result::Result<Found, String>,
    ),
    /// A workbook of several sheets, to choose from: (name, rows) each.
    Sheets(crate::exchange::Base, PathBuf, Vec<(String, usize)>),
    /// An undo or a redo: what it took back, and the keys that redo.
    Undone {
        undo: bool,
        summary: Result<Option<UndoSummary>>,
        redo_key: String,
    },
    /// A request of another process answered (`name` is its command).
    Remote {
        name: String,
        failed: bool,
        changed: bool,
    },
    /// The job panicked (a bug): the data is read again.
    Failed,
}

/// The app takes a job's ending.
pub fn apply(store: &Store, app: &mut App, done: Done) {
    let lang = app.lang;
    match done {
        Done::Said(text, error) => app.say(text, error),
        Done::Changed(result, text) => {
            after_change(store, app, result, text);
        }
        Done::Imported(stored) => after_import(store, app, stored),
        Done::Checked(source, path, sheet, found) => show_found(app, source, &path, sheet, found),
        Done::Sheets(base, path, sheets) => {
            if let Some(Modal::Files(files)) = app.modal_mut() {
                files.choose_sheet(base, path, sheets);
            }
        }
        Done::Undone {
            undo,
            summary,
            redo_key,
        } => match summary {
            Ok(summary) => {
                let text = match undo {
                    true => crate::changes::undone(summary.as_ref(), &redo_key, lang),
                    false => crate::changes::redone(summary.as_ref(), lang),
                };
                show_change(store, app, &text, summary.is_none());
            }
            Err(e) => app.say(e.to_string(), true),
        },
        Done::Remote {
            name,
            failed,
            changed,
        } => {
            if !changed {
                return;
            }
            let said = match reread(store, app) {
                Ok(_) => app.changed_from_outside(),
                Err(e) => return app.say(e.to_string(), true),
            };
            load_history(store, app);
            // What an open form has to say comes first.
            if !failed && !said {
                let text = crate::tr!(
                    lang,
                    "Данные изменены другим процессом (nastavnik {name}); показано новое.",
                    "The data was changed by another process (nastavnik {name}); showing it."
                );
                app.say(text, false);
            }
        }
        Done::Failed => {
            let text = lang.pick(
                "Внутренняя ошибка фоновой операции; данные прочитаны заново.",
                "An internal error in background work; the data is read again.",
            );
            reread_all(store, app);
            app.say(text, true);
        }
    }
}
