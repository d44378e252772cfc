//! The terminal interface: state (`app`), key maps, the Bases model, forms,
//! and a pure view. This file is the runtime: it owns the terminal, turns
//! events into updates, carries out commands against the store, and draws
//! only when something changed, inside a synchronized update.

pub mod app;
pub mod command;
pub mod form;
pub mod keymap;
pub mod modals;
pub mod panes;
pub mod shared;
pub mod view;

use crate::i18n::Lang;
use crate::store::{EntityKind, Store};
use app::{App, Command};
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use form::Record;
use keymap::Keymap;
use panes::bases::Section;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back if the TUI holds it (from a signal handler too).
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// The shipped key map with the user's file over it: `--keymap FILE`, else
/// `$XDG_CONFIG_HOME/nastavnik/keymap.toml` if it exists. Problems come
/// back as one line for the status bar; the defaults stay in force.
pub fn load_keymap(path: Option<&Path>, lang: Lang) -> (Keymap, Option<String>) {
    let default_path = dirs::config_dir().map(|d| d.join("nastavnik").join("keymap.toml"));
    let path = match path {
        Some(p) => p.to_path_buf(),
        None => match default_path.filter(|p| p.exists()) {
            Some(p) => p,
            None => return (Keymap::default_map(), None),
        },
    };
    match std::fs::read_to_string(&path) {
        Err(e) => (
            Keymap::default_map(),
            Some(format!("{}: {e}", path.display())),
        ),
        Ok(text) => {
            let (map, errors) = Keymap::with_user_file(&text);
            let msg = (!errors.is_empty()).then(|| {
                let list: Vec<String> = errors.iter().map(|e| e.describe(lang)).collect();
                format!(
                    "{} ({}): {}",
                    path.display(),
                    lang.pick(
                        "действуют клавиши по умолчанию",
                        "the default keys are in force"
                    ),
                    list.join("; ")
                )
            });
            (map, msg)
        }
    }
}

/// The app on the store's current data.
pub fn app_for(store: &Store, lang: Lang, keymap: Keymap) -> crate::store::Result<App> {
    Ok(App::new(
        lang,
        keymap,
        store.load_without_meetings()?,
        store.timelines()?,
    ))
}

fn kind_of(section: Section) -> EntityKind {
    match section {
        Section::Mentors => EntityKind::Mentor,
        Section::Mentees => EntityKind::Mentee,
        Section::Programs => EntityKind::Program,
        Section::Partners => EntityKind::Partner,
        Section::Organisations => EntityKind::Organisation,
    }
}

fn save(store: &Store, record: &Record) -> crate::store::Result<()> {
    fn put<E: crate::store::Entity>(store: &Store, e: &E) -> crate::store::Result<()> {
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
        Record::Partner(p) => put(store, p),
        Record::Organisation(o) => put(store, o),
        Record::Unit(u) => put(store, u),
        Record::Meeting(m) => put(store, m),
        Record::Template(t) => put(store, t),
        Record::Response(r) => put(store, r),
        Record::Roadmap(r) => put(store, r),
    }
}

fn set_archived(
    store: &Store,
    section: Section,
    id: crate::domain::Id,
    archived: bool,
) -> crate::store::Result<()> {
    use crate::domain::*;
    fn flip<E: crate::store::Entity>(
        store: &Store,
        id: Id,
        archived: bool,
    ) -> crate::store::Result<()> {
        if archived {
            store.archive::<E>(id).map(|_| ())
        } else {
            store.restore::<E>(id).map(|_| ())
        }
    }
    match section {
        Section::Mentors => flip::<Mentor>(store, id, archived),
        Section::Mentees => flip::<Mentee>(store, id, archived),
        Section::Programs => flip::<Program>(store, id, archived),
        Section::Partners => flip::<Partner>(store, id, archived),
        Section::Organisations => flip::<Organisation>(store, id, archived),
    }
}

/// Carries out a command; every write is flushed before the app says so.
pub fn execute(store: &Store, app: &mut App, cmd: Command) {
    let lang = app.lang;
    let result = match &cmd {
        Command::LoadHistory(section, id) => {
            match store.history(kind_of(*section), *id) {
                Ok(h) => app.history = h,
                Err(e) => app.say(e.to_string(), true),
            }
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
        Command::Undo | Command::Redo => {
            let done = match cmd {
                Command::Undo => store.undo(),
                _ => store.redo(),
            };
            match done {
                Ok(summary) => {
                    let text = match cmd {
                        Command::Undo => {
                            let key = app
                                .keymap
                                .keys_label(keymap::Context::Global, keymap::Action::Redo);
                            crate::changes::undone(summary.as_ref(), &key, lang)
                        }
                        _ => crate::changes::redone(summary.as_ref(), lang),
                    };
                    match (store.load_without_meetings(), store.timelines()) {
                        (Ok(ds), Ok(t)) => {
                            app.reload(ds, t);
                            app.say(text, summary.is_none());
                        }
                        (Err(e), _) | (_, Err(e)) => app.say(e.to_string(), true),
                    }
                }
                Err(e) => app.say(e.to_string(), true),
            }
            return;
        }
        Command::AddTemplates(templates) => store.write(|tx| {
            for t in templates {
                tx.insert(&mut t.clone())?;
            }
            Ok(())
        }),
        Command::ArchiveMeeting(id) => store.archive::<crate::domain::Meeting>(*id).map(|_| ()),
        Command::RestoreMeeting(id) => store.restore::<crate::domain::Meeting>(*id).map(|_| ()),
        Command::ArchiveRoadmap(id, true) => {
            store.archive::<crate::domain::RoadmapItem>(*id).map(|_| ())
        }
        Command::ArchiveRoadmap(id, false) => {
            store.restore::<crate::domain::RoadmapItem>(*id).map(|_| ())
        }
        Command::Save(record) => save(store, record),
        Command::Archive(section, id) => set_archived(store, *section, *id, true),
        Command::Restore(section, id) => set_archived(store, *section, *id, false),
        Command::Erase(section, id) => {
            use crate::store::erase::Subject;
            let subject = match section {
                Section::Mentors => Subject::Mentor(*id),
                Section::Mentees => Subject::Mentee(*id),
                _ => Subject::Partner(*id),
            };
            // The files are rewritten when the session ends.
            store
                .erase(subject, chrono::Local::now().date_naive())
                .map(|_| ())
        }
        Command::CreatePairs(pairs) => match crate::matching::units_for(&app.data, pairs) {
            Err(issue) => Err(crate::store::StoreError::Rejected(issue.rule.message(lang))),
            Ok(units) => store.write_as(crate::store::Deed::AcceptPairs, |tx| {
                for u in &units {
                    tx.insert(&mut u.clone())?;
                }
                Ok(())
            }),
        },
        Command::LoadDemo => {
            let today = chrono::Local::now().date_naive();
            let ds = crate::demo::generate(crate::demo::Scale::School, 1, today);
            let backup = crate::store::Backup::from_dataset(ds, "demo", chrono::Utc::now());
            store.load_backup(&backup, &mut |_| {})
        }
    };
    match result {
        Err(e) => app.say(
            format!("{}: {e}", lang.pick("Не сохранено", "Not saved")),
            true,
        ),
        Ok(()) => {
            if matches!(cmd, Command::Save(_)) {
                app.saved();
            }
            let text = match &cmd {
                Command::RestoreMeeting(..) => lang.pick(
                    "Встреча возвращена из архива.",
                    "The meeting is restored.",
                ),
                Command::ArchiveMeeting(..) => {
                    lang.pick("Встреча перенесена в архив.", "The meeting is archived.")
                }
                Command::Archive(..) => lang.pick(
                    "Перенесено в архив (восстановить: архив → r).",
                    "Archived (restore it from the archive view).",
                ),
                Command::Restore(..) | Command::ArchiveRoadmap(_, false) => {
                    lang.pick("Возвращено из архива.", "Restored.")
                }
                Command::ArchiveRoadmap(_, true) => lang.pick(
                    "Пункт перенесён в архив (a — архив, r — вернуть).",
                    "The item is archived (a shows the archive, r restores).",
                ),
                Command::Erase(..) => lang.pick(
                    "Персональные данные удалены; файлы базы и копии будут переписаны при выходе.",
                    "Personal data erased; the database files and backups are rewritten on exit.",
                ),
                Command::LoadDemo => lang.pick("Демо-данные загружены.", "Demo data loaded."),
                Command::AddTemplates(_) => lang.pick(
                    "Добавлены типовые анкеты; сверьте их с региональными (e — изменить).",
                    "The standard questionnaires are added; check them against your region's (e edits).",
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
            };
            match (store.load_without_meetings(), store.timelines()) {
                (Ok(ds), Ok(t)) => {
                    app.reload(ds, t);
                    app.say(text, false);
                    if let Command::Save(record) = &cmd {
                        if let Record::Meeting(m) = record.as_ref() {
                            app.offer_completion(m);
                        }
                    }
                }
                (Err(e), _) | (_, Err(e)) => app.say(e.to_string(), true),
            }
        }
    }
}

pub fn run(store: &Store, lang: Lang, keymap_path: Option<&Path>) -> anyhow::Result<()> {
    let (keymap, keymap_problem) = load_keymap(keymap_path, lang);
    let config = crate::config::load();
    let (meetings, satisfaction) = match &config {
        Ok(c) => (c.meetings.clone(), c.surveys.rule()),
        Err(_) => Default::default(),
    };
    let status_opts = crate::status::Options {
        as_of: chrono::Local::now().date_naive(),
        meetings,
    };
    let mut app = App::with_options(
        lang,
        keymap,
        store.load_without_meetings()?,
        store.timelines()?,
        status_opts,
        satisfaction,
    );
    // Reports are saved where the curator started the program.
    if let Ok(dir) = std::env::current_dir() {
        app.reports.settings.dir = dir;
    }
    if let Some(p) = keymap_problem {
        app.say(p, true);
    }
    match config {
        Ok(config) => {
            app.match_opts.weights = config.matching.weights;
            app.match_opts.min_score = config.matching.min_score;
        }
        Err(e) => {
            let text = match e.downcast_ref::<crate::config::ConfigError>() {
                Some(c) => c.message(lang),
                None => format!("{e:#}"),
            };
            app.say(text, true)
        }
    }
    let mut terminal = ratatui::init();
    ACTIVE.store(true, Ordering::SeqCst);
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(store, &mut app, &mut terminal);
    restore_terminal();
    store.flush()?;
    result
}

fn draw(app: &mut App, terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    let size = terminal.size()?;
    let page = view::list_height(ratatui::layout::Rect::new(0, 0, size.width, size.height));
    app.resized(size.width, page);
    crossterm::execute!(std::io::stdout(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| view::render(app, f))?;
    crossterm::execute!(std::io::stdout(), EndSynchronizedUpdate)
}

fn event_loop(
    store: &Store,
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
) -> anyhow::Result<()> {
    draw(app, terminal)?;
    while !app.quit {
        // Blocks until something happens: no redraw without a reason.
        let changed = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if let Some(cmd) = app.on_key(k) {
                    execute(store, app, cmd);
                }
                true
            }
            Event::Paste(text) => {
                app.on_paste(&text);
                true
            }
            Event::Resize(..) => true,
            _ => false,
        };
        if changed && !app.quit {
            draw(app, terminal)?;
        }
    }
    Ok(())
}
