//! The terminal interface: state (`app`), key maps, the Bases model, forms,
//! and a pure view. This file is the runtime: it owns the terminal, turns
//! events into updates, carries out commands against the store, and draws
//! only when something changed, inside a synchronized update.

pub mod app;
pub mod background;
pub mod command;
pub mod events;
mod execute;
pub mod form;
pub mod keymap;
pub mod modals;
pub mod panes;
pub mod shared;
pub mod view;

use crate::i18n::Lang;
use crate::store::Store;
use app::App;
use background::{Background, Worker};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use events::{Events, Wake};
pub use execute::execute;
use keymap::Keymap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back if the TUI holds it (from a signal handler too).
/// Never prints: a terminal that has gone away fails every write, and a
/// failed `eprintln!` would panic the thread that was to end the process.
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = crossterm::execute!(
            std::io::stdout(),
            DisableBracketedPaste,
            crossterm::event::DisableMouseCapture
        );
        let _ = ratatui::try_restore();
    }
}

/// How the interface ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The curator quit.
    Quit,
    /// The terminal went away or a signal came: left at once, with this
    /// exit code. What the session owes (an erasure's rewrite, the day's
    /// backup) is left to the next process that opens the database.
    Left(u8),
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

pub fn run(
    store: &Store,
    server: Option<crate::serve::Server>,
    lang: Lang,
    keymap_path: Option<&Path>,
    mouse: bool,
) -> anyhow::Result<Ended> {
    let (keymap, keymap_problem) = load_keymap(keymap_path, lang);
    let config = crate::config::load();
    let mouse = mouse && config.as_ref().map_or(true, |c| c.interface.mouse);
    let (meetings, satisfaction) = match &config {
        Ok(c) => (c.meetings.clone(), c.surveys.rule()),
        Err(_) => Default::default(),
    };
    // A calendar file that cannot be read is said at the start, as a bad
    // settings file is, and the shipped calendar is used.
    let calendar = match &config {
        Ok(c) => crate::config::calendar(c, store.path()),
        Err(_) => Ok(Default::default()),
    };
    let (calendar, calendar_problem) = match calendar {
        Ok(c) => (c, None),
        Err(e) => (Default::default(), Some(e)),
    };
    let status_opts = crate::status::Options {
        as_of: chrono::Local::now().date_naive(),
        meetings,
        calendar,
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
    if let Some(e) = calendar_problem {
        app.say(crate::config::problem_text(&e, lang), true);
    }
    match config {
        Ok(config) => {
            app.match_opts.weights = config.matching.weights;
            app.match_opts.min_score = config.matching.min_score;
        }
        Err(e) => app.say(crate::config::problem_text(&e, lang), true),
    }
    // Signals are watched before the terminal is taken: one that comes
    // while it is set up still puts it back.
    let events = Events::default();
    events.watch_terminal();
    if let Some(server) = &server {
        let wake = events.sender();
        server.wake_with(move || {
            let _ = wake.send(Wake::Request);
        });
    }
    let mut terminal = ratatui::try_init()?;
    keep_terminal_on_background_panics();
    ACTIVE.store(true, Ordering::SeqCst);
    let _ = crossterm::execute!(std::io::stdout(), EnableBracketedPaste);
    if mouse {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture);
    }
    let result = event_loop(store, server.as_ref(), &mut app, &mut terminal, &events);
    restore_terminal();
    if matches!(result, Ok(Ended::Left(_))) {
        // Dropped, the terminal would show its cursor and `eprintln!` the
        // failure on a terminal that is gone, which panics.
        std::mem::forget(terminal);
    }
    if let Some(text) = BACKGROUND_PANIC.lock().ok().and_then(|mut p| p.take()) {
        // Not `eprintln!`: it panics on a terminal that is gone.
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "nastavnik: {text}");
    }
    store.flush()?;
    // What the interface worked out last holds after it closes too.
    crate::app::quick::keep(store, &app.status_opts, app.status.short());
    result
}

/// ratatui's panic hook puts the terminal back; a panic on a background
/// thread (a bug in an import, the optimiser) must not, for the interface
/// goes on and says that the work failed. Its text is kept for stderr once
/// the terminal is back.
fn keep_terminal_on_background_panics() {
    let ui = std::thread::current().id();
    let restoring = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui {
            restoring(info);
        } else if let Ok(mut kept) = BACKGROUND_PANIC.lock() {
            kept.get_or_insert_with(|| info.to_string());
        }
    }));
}

/// The first panic of a background thread, said after the interface closes.
static BACKGROUND_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

fn draw(app: &mut App, terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    let size = terminal.size()?;
    let page = view::list_height(ratatui::layout::Rect::new(0, 0, size.width, size.height));
    app.resized(size.width, page);
    crossterm::execute!(std::io::stdout(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| view::render(app, f))?;
    crossterm::execute!(std::io::stdout(), EndSynchronizedUpdate)
}

/// How often the loop looks at work running in the background (and
/// redraws its progress).
const TICK: std::time::Duration = std::time::Duration::from_millis(100);

/// A command from the app: the optimiser is started in the background;
/// what can take seconds goes to the worker; the rest is carried out at
/// once, except that what touches the store waits while the worker has it
/// (an import must not interleave with a save).
fn carry_out(
    store: &Store,
    app: &mut App,
    bg: &mut Background,
    worker: &mut Worker,
    cmd: app::Command,
) {
    let waits = !cmd.reads_only() && !matches!(cmd, app::Command::Propose(_));
    if worker.busy() && waits {
        if let Some(w) = &app.working {
            let text = crate::tr!(
                app.lang,
                "Выполнится, когда закончится: {}",
                "Will be done once this ends: {}",
                w.label
            );
            app.say(text, false);
        }
        worker.waiting.push_back(cmd);
        return;
    }
    match execute::plan(app, cmd) {
        execute::Plan::Optimise(job) => bg.start(*job),
        execute::Plan::Job(job) => app.working = Some(worker.start(job)),
        execute::Plan::Now(cmd) => execute::now(store, app, cmd),
    }
}

/// The worker's job has ended: the app takes its result, then what waited
/// runs in turn (until one of them is a job again). Whether anything ended.
fn after_work(store: &Store, app: &mut App, bg: &mut Background, worker: &mut Worker) -> bool {
    let Some(done) = worker.finished() else {
        return false;
    };
    app.working = None;
    execute::apply(store, app, done);
    while !worker.busy() {
        match worker.waiting.pop_front() {
            Some(cmd) => carry_out(store, app, bg, worker, cmd),
            None => break,
        }
    }
    true
}

fn event_loop(
    store: &Store,
    server: Option<&crate::serve::Server>,
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    events: &Events,
) -> anyhow::Result<Ended> {
    // The worker borrows the store; a job under way ends within this
    // scope, before the store closes (the scope waits for its thread).
    std::thread::scope(|scope| {
        let mut worker = Worker::waking(scope, store, events.sender());
        let ended = event_loop_with(store, server, app, terminal, &mut worker, events);
        if let (Ok(Ended::Left(code)), true) = (&ended, worker.busy()) {
            // Leaving must not wait for a job: its work is taken back at
            // the next open (imports are all or nothing), and the lock
            // goes with the process.
            leave_now(store, server, *code);
        }
        ended
    })
}

/// Ends the process at once, the socket removed and sled flushed.
fn leave_now(store: &Store, server: Option<&crate::serve::Server>, code: u8) -> ! {
    restore_terminal();
    if let Some(server) = server {
        server.close();
    }
    let _ = store.flush();
    std::process::exit(i32::from(code))
}

fn event_loop_with(
    store: &Store,
    server: Option<&crate::serve::Server>,
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    worker: &mut Worker,
    events: &Events,
) -> anyhow::Result<Ended> {
    // A terminal that cannot be drawn on has gone away: leave as if it
    // had hung up (the watcher says so too, a moment later).
    let gone = events::HANGUP_CODE;
    if draw(app, terminal).is_err() {
        return Ok(Ended::Left(gone));
    }
    let mut kept = None;
    let mut bg = Background::waking(events.sender());
    let mut leaving = false;
    // Quitting waits for the worker's job (an import half stored is taken
    // back at the next open, but a finished one is better).
    while !app.quit || worker.busy() {
        // `status --short` from a prompt is answered from what the
        // interface worked out last, without asking it.
        if kept != Some(app.version) {
            crate::app::quick::keep(store, &app.status_opts, app.status.short());
            kept = Some(app.version);
        }
        // Idle, it sleeps until something wakes it; work under way wakes
        // it to show its progress.
        let tick = (bg.busy() || worker.busy()).then_some(TICK);
        let mut changed = false;
        let mut next = events.next(tick);
        while let Some(wake) = next.take() {
            if let Some(code) = wake.leave_code() {
                return Ok(Ended::Left(code));
            }
            if let Wake::Terminal(ev) = wake {
                changed |= on_event(store, app, terminal, &mut bg, worker, ev)?;
            }
            // Keys typed together are answered before one redraw.
            next = events.ready();
        }
        changed |= after_work(store, app, &mut bg, worker);
        if let Some(server) = server {
            // One job at a time: the others wait in the server's queue.
            while !worker.busy() {
                let Some(job) = server.next_job() else { break };
                app.working = Some(worker.start(execute::remote_job(job, app.lang)));
                changed = true;
            }
        }
        for done in bg.finished() {
            if let Some(cmd) = app.finished(done) {
                carry_out(store, app, &mut bg, worker, cmd);
            }
            changed = true;
        }
        // The progress of what runs is on the screen.
        changed |= (bg.busy() && app.tab == app::Tab::Matching) || worker.busy();
        if app.quit && worker.busy() && !leaving {
            leaving = true;
            let text = app.lang.pick(
                "Выход, как только закончится операция…",
                "Quitting once the work under way ends…",
            );
            app.say(text, false);
        }
        if changed && (!app.quit || worker.busy()) && draw(app, terminal).is_err() {
            return Ok(Ended::Left(gone));
        }
    }
    Ok(Ended::Quit)
}

/// One terminal event: whether the screen changed.
fn on_event(
    store: &Store,
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    bg: &mut Background,
    worker: &mut Worker,
    ev: Event,
) -> anyhow::Result<bool> {
    Ok(match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            if let Some(cmd) = app.on_key(k) {
                carry_out(store, app, bg, worker, cmd);
            }
            true
        }
        Event::Paste(text) => {
            app.on_paste(&text);
            true
        }
        Event::Mouse(m) => {
            let size = terminal.size()?;
            match app.on_mouse(m, size.width) {
                Some(Some(cmd)) => {
                    carry_out(store, app, bg, worker, cmd);
                    true
                }
                Some(None) => true,
                None => false,
            }
        }
        Event::Resize(..) => true,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mentor, Organisation};
    use crate::tui::background::StoreJob;
    use crate::tui::command::Command;
    use crate::tui::form::Record;

    /// While the worker has the store, a save waits and a read does not;
    /// when the job ends the app takes its result, then the save is made.
    #[test]
    fn a_save_waits_for_the_job_under_way_and_is_then_made() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let org = store
            .insert(Organisation {
                name: "Школа".into(),
                ..Default::default()
            })
            .unwrap();
        let mut mentor = Mentor {
            org_id: org.id,
            ..Default::default()
        };
        mentor.person.full_name = "Иванова Анна Петровна".into();
        let mentor = store.insert(mentor).unwrap();
        let mut app = app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
        let (release, held) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|scope| {
            let mut worker = Worker::new(scope, &store);
            let mut bg = Background::default();
            let job = StoreJob::new("Проверка".into(), move |_, _| {
                let _ = held.recv_timeout(std::time::Duration::from_secs(10));
                crate::tui::execute::Done::Said("готово".into(), false)
            });
            app.working = Some(worker.start(job));
            assert!(worker.busy());
            // As the job would tell it.
            let told = &app.working.as_ref().unwrap().done;
            told.store(7, Ordering::Relaxed);
            let shown = view_text(&app);
            assert!(shown.contains("Проверка: 7 строк…"), "{shown}");
            let mut renamed = mentor.clone();
            renamed.person.full_name = "Петрова Анна Петровна".into();
            let save = Command::Save(Box::new(Record::Mentor(renamed)));
            carry_out(&store, &mut app, &mut bg, &mut worker, save);
            let history = Command::LoadHistory(crate::store::EntityKind::Mentor, mentor.id);
            carry_out(&store, &mut app, &mut bg, &mut worker, history);
            assert_eq!(worker.waiting.len(), 1, "the save waits, the read does not");
            assert!(app.history_of.is_some());
            assert!(app.message.as_ref().unwrap().text.contains("Выполнится"));
            let stored = |s: &Store| s.get::<Mentor>(mentor.id).unwrap().unwrap();
            assert_eq!(stored(&store).person.full_name, "Иванова Анна Петровна");
            assert!(!after_work(&store, &mut app, &mut bg, &mut worker));
            release.send(()).unwrap();
            while !after_work(&store, &mut app, &mut bg, &mut worker) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            assert!(app.working.is_none() && !worker.busy());
            assert_eq!(stored(&store).person.full_name, "Петрова Анна Петровна");
            assert_eq!(
                app.data.mentors[&mentor.id].person.full_name,
                "Петрова Анна Петровна"
            );
        });
    }

    /// A job that panics (a bug) leaves the interface going: it says so
    /// and reads the data again.
    #[test]
    fn a_job_that_panics_is_said_and_the_interface_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let mut app = app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
        std::thread::scope(|scope| {
            let mut worker = Worker::new(scope, &store);
            let mut bg = Background::default();
            let job = StoreJob::new("Импорт".into(), |_, _| panic!("a bug in the job"));
            app.working = Some(worker.start(job));
            while !after_work(&store, &mut app, &mut bg, &mut worker) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            let said = app.message.as_ref().unwrap();
            assert!(
                said.error && said.text.contains("Внутренняя ошибка"),
                "{}",
                said.text
            );
            assert!(app.working.is_none() && !worker.busy());
        });
    }

    fn view_text(app: &App) -> String {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        let frame = t.draw(|f| view::render(app, f)).unwrap();
        let b = frame.buffer;
        (0..b.area.height)
            .map(|y| {
                (0..b.area.width)
                    .map(|x| b[(x, y)].symbol())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}
