//! The Files dialog's commands: an import checked, then stored; an export;
//! a backup now. Each says what it did, with the file's path.

use super::done::Done;
use crate::domain::Id;
use crate::exchange::import::{import_csv, ImportError, Options};
use crate::exchange::{responses, roadmap, Base, RowError};
use crate::i18n::Lang;
use crate::store::Store;
use crate::tui::app::App;
use crate::tui::background::StoreJob;
use crate::tui::modals::files::Source;
use crate::tui::modals::Modal;
use std::path::Path;
use std::sync::atomic::Ordering;

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
        sheet: None,
        today: chrono::Local::now().date_naive(),
        lang: app.lang,
    }
}

/// What a check found: the lines to show, and whether it may be stored.
pub type Found = (Vec<String>, bool);

/// The head line of a file that does not fit, and its errors.
fn bad_file(path: &Path, errors: &[RowError], lang: Lang) -> Found {
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

/// The head lines of a file that fits: no errors, and what it adds.
fn good_file(path: &Path, encoding: &str, adds: String, lang: Lang) -> Vec<String> {
    vec![
        crate::tr!(
            lang,
            "{}: ошибок нет ({}).",
            "{}: no errors ({}).",
            path.display(),
            encoding
        ),
        crate::tr!(lang, "Будет добавлено: {}.", "Would add: {}.", adds),
    ]
}

fn check_base(
    store: &Store,
    base: Base,
    path: &Path,
    opts: &Options,
    progress: &dyn Fn(u64),
) -> Result<Found, String> {
    let lang = opts.lang;
    let bytes = read(path, lang)?;
    match import_csv(store, base, &bytes, opts, progress) {
        Ok(outcome) => {
            let mut lines = good_file(
                path,
                outcome.encoding,
                crate::changes::created(&outcome.created, lang),
                lang,
            );
            lines.extend(outcome.notes.iter().map(|n| format!("· {n}")));
            lines.extend(outcome.new_org.as_deref().map(|n| new_org_line(n, lang)));
            Ok((lines, true))
        }
        Err(ImportError::Rows(errors)) => Ok(bad_file(path, &errors, lang)),
        Err(ImportError::Store(e)) => Err(e.to_string()),
    }
}

fn check_roadmap(app: &App, path: &Path, bytes: &[u8]) -> Result<Found, String> {
    let lang = app.lang;
    let plan = match roadmap::plan(&app.data, bytes, &options(app, true)) {
        Ok(plan) => plan,
        Err(ImportError::Rows(errors)) => return Ok(bad_file(path, &errors, lang)),
        Err(ImportError::Store(e)) => return Err(e.to_string()),
    };
    let adds = crate::tr!(
        lang,
        "пунктов дорожной карты — {} (разделов {})",
        "roadmap items — {} ({} sections)",
        plan.items.len(),
        plan.sections
    );
    let mut lines = good_file(path, plan.encoding, adds, lang);
    if !plan.replaced.is_empty() {
        lines.push(crate::tr!(
            lang,
            "· текущая дорожная карта ({} п.) уйдёт в архив; отметки о выполнении останутся там",
            "· the current roadmap ({} items) goes to the archive, its marks kept there",
            plan.replaced.len()
        ));
    }
    if let Some(name) = &plan.new_org {
        lines.push(new_org_line(name, lang));
    }
    lines.extend(plan.unparsed.iter().map(|u| {
        crate::tr!(
            lang,
            "· срок не распознан как дата, оставлен текстом: {}",
            "· a deadline kept as text, not a date: {}",
            u
        )
    }));
    Ok((lines, true))
}

/// The answers planned from a file, or why there are none.
fn plan_responses(app: &App, template: Id, bytes: &[u8]) -> Result<responses::Plan, Vec<String>> {
    let lang = app.lang;
    let Some(t) = app.data.templates.get(&template) else {
        return Err(vec![lang
            .pick("Шаблон анкеты не найден", "No such questionnaire")
            .into()]);
    };
    let table = crate::exchange::table::read_in(bytes, lang)
        .map_err(|errors| errors.iter().map(|e| e.describe(lang)).collect::<Vec<_>>())?;
    let today = chrono::Local::now().date_naive();
    responses::plan(&app.data, t, &table, today, false).map_err(|p| {
        let mut lines: Vec<String> = p
            .unmatched_questions
            .iter()
            .map(|q| {
                crate::tr!(
                    lang,
                    "столбец «{}» — не вопрос этой анкеты",
                    "column «{}» is no question of this questionnaire",
                    q
                )
            })
            .collect();
        lines.extend(p.unmatched_names.iter().map(|e| e.describe(lang)));
        lines.extend(p.rows.iter().map(|e| e.describe(lang)));
        lines
    })
}

fn check_responses(app: &App, template: Id, path: &Path, bytes: &[u8]) -> Found {
    let lang = app.lang;
    match plan_responses(app, template, bytes) {
        Ok(plan) => {
            let title = app
                .data
                .templates
                .get(&template)
                .map_or("", |t| t.title.as_str());
            let adds = crate::tr!(
                lang,
                "анкет — {} («{}»)",
                "responses — {} («{}»)",
                plan.responses.len(),
                title
            );
            (good_file(path, "CSV", adds, lang), true)
        }
        Err(problems) => {
            let mut lines = vec![crate::tr!(
                lang,
                "{}: файл не подходит, ошибок: {}. Исправьте их и проверьте снова.",
                "{}: the file does not fit, {} errors. Fix them and check again.",
                path.display(),
                problems.len()
            )];
            lines.extend(problems);
            (lines, false)
        }
    }
}

/// Runs an import of a small file (a roadmap, answers) without storing
/// and shows what it found; a base is a job (see [`base_job`]).
pub fn check(app: &mut App, source: Source, path: &Path) {
    let bytes = match read(path, app.lang) {
        Ok(b) => b,
        Err(text) => return app.say(text, true),
    };
    let found = match source {
        Source::Base(_) => return,
        Source::Roadmap => check_roadmap(app, path, &bytes),
        Source::Responses(t) => Ok(check_responses(app, t, path, &bytes)),
    };
    show_found(app, source, path, None, found);
}

pub fn show_found(
    app: &mut App,
    source: Source,
    path: &Path,
    sheet: Option<String>,
    found: Result<Found, String>,
) {
    match found {
        Ok((lines, ok)) => {
            if let Some(Modal::Files(files)) = app.modal_mut() {
                files.checked(source, path.to_path_buf(), sheet, lines, ok);
            }
        }
        Err(text) => app.say(text, true),
    }
}

/// A base checked (`store_it` false) or imported on the worker: a file of
/// thousands of rows takes seconds. What it needs of the app is taken now.
pub fn base_job(
    app: &App,
    base: Base,
    path: &Path,
    sheet: Option<String>,
    store_it: bool,
) -> StoreJob {
    let lang = app.lang;
    let opts = Options {
        sheet: sheet.clone(),
        ..options(app, !store_it)
    };
    let path = path.to_path_buf();
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let label = match store_it {
        true => crate::tr!(lang, "Импорт {}", "Importing {}", name),
        false => crate::tr!(lang, "Проверка {}", "Checking {}", name),
    };
    StoreJob::new(label, move |store, done| {
        let progress = |n| done.store(n, Ordering::Relaxed);
        if !store_it {
            // A workbook of several sheets: which one, first.
            if sheet.is_none() {
                let sheets = std::fs::read(&path)
                    .ok()
                    .and_then(|bytes| crate::exchange::sheet::visible_sheets(&bytes));
                if let Some(sheets) = sheets.filter(|s| s.len() > 1) {
                    return Done::Sheets(base, path, sheets);
                }
            }
            let found = check_base(store, base, &path, &opts, &progress);
            return Done::Checked(Source::Base(base), path, sheet, found);
        }
        let stored = read(&path, lang).and_then(|bytes| {
            match import_csv(store, base, &bytes, &opts, &progress) {
                Ok(outcome) => Ok(imported(
                    &path,
                    crate::changes::created(&outcome.created, lang),
                    lang,
                )),
                Err(ImportError::Rows(_)) => Err(changed_since_check(lang)),
                Err(ImportError::Store(e)) => Err(e.to_string()),
            }
        });
        Done::Imported(stored)
    })
}

fn changed_since_check(lang: Lang) -> String {
    lang.pick(
        "Не импортировано: файл изменился после проверки? Проверьте снова.",
        "Not imported: did the file change since the check? Check it again.",
    )
    .into()
}

fn imported(path: &Path, adds: String, lang: Lang) -> String {
    crate::tr!(
        lang,
        "Импортировано из {}: {}. Отменить: u.",
        "Imported from {}: {}. Undo: u.",
        path.display(),
        adds
    )
}

/// Stores an import of a small file and says what was added; a base is
/// a job (see [`base_job`]).
pub fn import(store: &Store, app: &mut App, source: Source, path: &Path) {
    let stored = import_small(store, app, source, path);
    super::after_import(store, app, stored);
}

/// A roadmap or answers: small files, planned against the data in memory.
fn import_small(store: &Store, app: &App, source: Source, path: &Path) -> Result<String, String> {
    let lang = app.lang;
    let bytes = read(path, lang)?;
    let changed = changed_since_check(lang);
    let adds = match source {
        Source::Base(_) => return Err(changed),
        Source::Roadmap => match roadmap::plan(&app.data, &bytes, &options(app, false)) {
            Ok(plan) => {
                roadmap::store(store, &plan).map_err(|e| e.to_string())?;
                crate::tr!(
                    lang,
                    "пунктов дорожной карты — {}",
                    "roadmap items — {}",
                    plan.items.len()
                )
            }
            Err(ImportError::Rows(_)) => return Err(changed),
            Err(ImportError::Store(e)) => return Err(e.to_string()),
        },
        Source::Responses(t) => match plan_responses(app, t, &bytes) {
            Ok(plan) => {
                responses::store(store, &plan).map_err(|e| e.to_string())?;
                crate::tr!(lang, "анкет — {}", "responses — {}", plan.responses.len())
            }
            Err(_) => return Err(changed),
        },
    };
    Ok(imported(path, adds, lang))
}

/// A base written as CSV, on the worker (it reads the whole base).
pub fn export_job(lang: Lang, base: Base, path: &Path) -> StoreJob {
    let path = path.to_path_buf();
    let label = crate::tr!(lang, "Запись {}", "Writing {}", path.display());
    StoreJob::new(label, move |store, _| {
        let result = store.load().map_err(|e| e.to_string()).and_then(|ds| {
            let bytes = crate::exchange::csv_export::to_csv(&ds, base);
            crate::fsutil::write_private(&path, &bytes, store.path()).map_err(|e| e.to_string())
        });
        let said = match result {
            Ok(()) => {
                let shown = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
                let text = crate::tr!(lang, "Записано: {}", "Written: {}", shown.display());
                (text, false)
            }
            Err(e) => {
                let text = crate::tr!(
                    lang,
                    "Не записано {}: {e}",
                    "Not written {}: {e}",
                    path.display()
                );
                (text, true)
            }
        };
        Done::Said(said.0, said.1)
    })
}

/// A backup now, on the worker (seconds on a district).
pub fn backup_job(lang: Lang) -> StoreJob {
    let label = lang.pick("Резервная копия", "Backup").to_string();
    StoreJob::new(label, move |store, _| {
        let policy = crate::config::load().map(|c| c.backup).unwrap_or_default();
        let said = match store.write_backup(chrono::Local::now().naive_local(), &policy) {
            Ok(b) => {
                let text = crate::tr!(
                    lang,
                    "Резервная копия: {} ({:.1} МБ)",
                    "Backup: {} ({:.1} MB)",
                    b.path.display(),
                    b.bytes as f64 / 1e6
                );
                (text, false)
            }
            Err(e) => (e.to_string(), true),
        };
        Done::Said(said.0, said.1)
    })
}

/// An import's check: the organisation it will make, and the key that sets
/// its details.
fn new_org_line(name: &str, lang: Lang) -> String {
    crate::tr!(
        lang,
        "· будет создана организация «{}»; её данные — клавиша O",
        "· an organisation «{}» is created; O sets its details",
        name
    )
}
