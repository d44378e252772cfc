//! The terminal interface: state (`app`), key maps, the Bases model, forms,
//! and a pure view. This file is the runtime: it owns the terminal, turns
//! events into updates, carries out commands against the store, and draws
//! only when something changed, inside a synchronized update.

pub mod app;
pub mod background;
pub mod command;
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
use background::Background;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
pub use execute::execute;
use keymap::Keymap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back if the TUI holds it (from a signal handler too).
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = crossterm::execute!(
            std::io::stdout(),
            DisableBracketedPaste,
            crossterm::event::DisableMouseCapture
        );
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

pub fn run(
    store: &Store,
    server: Option<crate::serve::Server>,
    lang: Lang,
    keymap_path: Option<&Path>,
    mouse: bool,
) -> anyhow::Result<()> {
    let (keymap, keymap_problem) = load_keymap(keymap_path, lang);
    let config = crate::config::load();
    let mouse = mouse && config.as_ref().map_or(true, |c| c.interface.mouse);
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
    if mouse {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture);
    }
    let result = event_loop(store, server.as_ref(), &mut app, &mut terminal);
    restore_terminal();
    store.flush()?;
    // What the interface worked out last holds after it closes too.
    crate::cli::quick::keep(store, &app.status_opts, app.status.short());
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

/// How often the loop looks for requests from other processes between
/// events (the terminal wakes it at once).
const SERVE_EVERY: std::time::Duration = std::time::Duration::from_millis(20);

/// How often the loop looks at work running in the background (and
/// redraws its progress).
const TICK: std::time::Duration = std::time::Duration::from_millis(100);

/// A command from the app: background work is started, the rest is carried
/// out against the store.
fn carry_out(store: &Store, app: &mut App, bg: &mut Background, cmd: app::Command) {
    match cmd {
        app::Command::Propose(job) => bg.start(*job),
        cmd => execute(store, app, cmd),
    }
}

fn event_loop(
    store: &Store,
    server: Option<&crate::serve::Server>,
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
) -> anyhow::Result<()> {
    draw(app, terminal)?;
    let mut kept = None;
    let mut bg = Background::default();
    while !app.quit {
        // `status --short` from a prompt is answered from what the
        // interface worked out last, without asking it.
        if kept != Some(app.version) {
            crate::cli::quick::keep(store, &app.status_opts, app.status.short());
            kept = Some(app.version);
        }
        // Without a socket it blocks until something happens: no redraw
        // without a reason.
        let wait = match (bg.busy(), server) {
            (true, _) => Some(TICK),
            (false, Some(_)) => Some(SERVE_EVERY),
            (false, None) => None,
        };
        let ready = wait.map_or(Ok(true), event::poll)?;
        let mut changed = ready && on_event(store, app, terminal, &mut bg, event::read()?)?;
        if let Some(server) = server {
            while let Some(job) = server.next_job() {
                changed |= execute::serve(store, app, job);
            }
        }
        for done in bg.finished() {
            if let Some(cmd) = app.finished(done) {
                carry_out(store, app, &mut bg, cmd);
            }
            changed = true;
        }
        // The progress of what runs is on the screen.
        changed |= bg.busy() && app.tab == app::Tab::Matching;
        if changed && !app.quit {
            draw(app, terminal)?;
        }
    }
    Ok(())
}

/// One terminal event: whether the screen changed.
fn on_event(
    store: &Store,
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    bg: &mut Background,
    ev: Event,
) -> anyhow::Result<bool> {
    Ok(match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            if let Some(cmd) = app.on_key(k) {
                carry_out(store, app, bg, cmd);
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
                    carry_out(store, app, bg, cmd);
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
