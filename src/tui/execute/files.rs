//! The Files dialog's commands: an import checked, then stored; an export;
//! a backup now. Each says what it did, with the file's path.

use crate::exchange::import::{import_csv, ImportError, Options, Outcome};
use crate::exchange::Base;
use crate::i18n::Lang;
use crate::store::{EntityKind, Store};
use crate::tui::app::App;
use crate::tui::modals::Modal;
use std::path::Path;

/// «наставников — 120, партнёров — 1».
fn counts(outcome: &Outcome, lang: Lang) -> String {
    outcome
        .created
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(tree, n)| match EntityKind::from_tree(tree) {
            Some(kind) => format!("{} — {n}", crate::changes::of_many(kind, lang)),
            None => format!("{tree} — {n}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn read(path: &Path, lang: Lang) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| {
        crate::tr!(
            lang,
            "Не прочитать {}: {e}",
            "Cannot read {}: {e}",
            path.display()
        )
    })
}

fn options(app: &App, dry_run: bool) -> Options {
    Options {
        org: app.org_filter,
        dry_run,
        today: chrono::Local::now().date_naive(),
        lang: app.lang,
    }
}

/// Runs the import without storing and shows what it found in the dialog.
pub fn check(store: &Store, app: &mut App, base: Base, path: &Path) {
    let lang = app.lang;
    let bytes = match read(path, lang) {
        Ok(b) => b,
        Err(text) => return app.say(text, true),
    };
    let (lines, ok) = match import_csv(store, base, &bytes, &options(app, true), &|_| {}) {
        Ok(outcome) => {
            let mut lines = vec![
                crate::tr!(
                    lang,
                    "{}: ошибок нет ({}).",
                    "{}: no errors ({}).",
                    path.display(),
                    outcome.encoding
                ),
                crate::tr!(
                    lang,
                    "Будет добавлено: {}.",
                    "Would add: {}.",
                    counts(&outcome, lang)
                ),
            ];
            lines.extend(outcome.notes.iter().map(|n| format!("· {n}")));
            (lines, true)
        }
        Err(ImportError::Rows(errors)) => {
            let mut lines = vec![crate::tr!(
                lang,
                "{}: файл не подходит, ошибок: {}. Исправьте их и проверьте снова.",
                "{}: the file does not fit, {} errors. Fix them and check again.",
                path.display(),
                errors.len()
            )];
            lines.extend(errors.iter().map(|e| e.describe(lang)));
            (lines, false)
        }
        Err(ImportError::Store(e)) => return app.say(e.to_string(), true),
    };
    if let Some(Modal::Files(files)) = app.modal_mut() {
        files.checked(base, path.to_path_buf(), lines, ok);
    }
}

/// Stores the import; the message says what was added.
pub fn import(store: &Store, app: &mut App, base: Base, path: &Path) -> Result<String, String> {
    let lang = app.lang;
    let bytes = read(path, lang)?;
    match import_csv(store, base, &bytes, &options(app, false), &|_| {}) {
        Ok(outcome) => Ok(crate::tr!(
            lang,
            "Импортировано из {}: {}. Отменить: u.",
            "Imported from {}: {}. Undo: u.",
            path.display(),
            counts(&outcome, lang)
        )),
        Err(ImportError::Rows(errors)) => Err(crate::tr!(
            lang,
            "Не импортировано, ошибок: {} (файл изменился после проверки?)",
            "Not imported, {} errors (did the file change since the check?)",
            errors.len()
        )),
        Err(ImportError::Store(e)) => Err(e.to_string()),
    }
}

pub fn export(store: &Store, app: &mut App, base: Base, path: &Path) {
    let lang = app.lang;
    let result = store.load().map_err(|e| e.to_string()).and_then(|ds| {
        let bytes = crate::exchange::csv_export::to_csv(&ds, base);
        crate::fsutil::write_private(path, &bytes, store.path()).map_err(|e| e.to_string())
    });
    match result {
        Ok(()) => {
            let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            app.say(
                crate::tr!(lang, "Записано: {}", "Written: {}", shown.display()),
                false,
            )
        }
        Err(e) => app.say(
            crate::tr!(
                lang,
                "Не записано {}: {e}",
                "Not written {}: {e}",
                path.display()
            ),
            true,
        ),
    }
}

pub fn backup(store: &Store, app: &mut App) {
    let lang = app.lang;
    let policy = crate::config::load().map(|c| c.backup).unwrap_or_default();
    match store.write_backup(chrono::Local::now().naive_local(), &policy) {
        Ok(b) => app.say(
            crate::tr!(
                lang,
                "Резервная копия: {} ({:.1} МБ)",
                "Backup: {} ({:.1} MB)",
                b.path.display(),
                b.bytes as f64 / 1e6
            ),
            false,
        ),
        Err(e) => app.say(e.to_string(), true),
    }
}
