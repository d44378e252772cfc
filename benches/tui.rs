//! The Bases table with 10,000 records: a draw, a cursor move, and a
//! search keystroke that rebuilds the rows; every pane on the district (a
//! cursor move, a search keystroke, the bytes sent, the report preview);
//! and a save on the district. Run: `cargo bench --bench tui`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nastavnik::demo::{generate, Scale};
use nastavnik::domain::Timelines;
use nastavnik::i18n::Lang;
use nastavnik::tui::app::App;
use nastavnik::tui::keymap::Keymap;
use nastavnik::tui::view;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// The district's mentees, copied under new ids up to 10,000.
fn app_with_10k_mentees() -> App {
    let mut ds = generate(
        Scale::District,
        7,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    );
    let originals: Vec<_> = ds.mentees.values().cloned().collect();
    let mut id = ds.mentees.len() as u64;
    for m in originals.iter().cycle().take(10_000 - originals.len()) {
        id += 1;
        ds.mentees
            .insert(id, nastavnik::domain::Mentee { id, ..m.clone() });
    }
    ds.meetings.clear();
    let mut app = App::new(Lang::Ru, Keymap::default_map(), ds, Timelines::new());
    for c in ['2', 'l'] {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    assert_eq!(app.rows().len(), 10_000);
    app
}

fn bases_10k(c: &mut Criterion) {
    let mut app = app_with_10k_mentees();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut group = c.benchmark_group("tui_bases_10k");
    group.bench_function("draw", |b| {
        b.iter(|| term.draw(|f| view::render(&app, f)).unwrap().area)
    });
    let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    group.bench_function("cursor_move_and_draw", |b| {
        b.iter(|| {
            app.on_key(down);
            term.draw(|f| view::render(&app, f)).unwrap().area
        })
    });
    app.on_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    let mut flip = false;
    group.bench_function("search_keystroke_rebuilds_rows", |b| {
        b.iter(|| {
            flip = !flip;
            let code = if flip {
                KeyCode::Char('а')
            } else {
                KeyCode::Backspace
            };
            app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
            term.draw(|f| view::render(&app, f)).unwrap().area
        })
    });
    group.finish();
}

/// Counts what a frame sends to the terminal.
#[derive(Default, Clone)]
struct Wire(std::rc::Rc<std::cell::Cell<usize>>);

impl std::io::Write for Wire {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// The district as the interface holds it: no meeting log, its timelines.
fn district_app() -> App {
    let mut ds = generate(
        Scale::District,
        7,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    );
    let timelines = nastavnik::domain::meeting::timelines_of(ds.meetings.values());
    ds.meetings.clear();
    App::new(Lang::Ru, Keymap::default_map(), ds, timelines)
}

/// Every pane on the whole district (30 schools, all organisations shown):
/// a cursor move and its redraw, and in the panes with a search line a
/// search keystroke (typed, then taken back); what each sends to the
/// terminal is printed. Then Enter on a report in Отчёты (the preview).
fn district_panes(c: &mut Criterion) {
    let mut app = district_app();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let fixed = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
    };
    let sent = Wire::default();
    let mut wire = Terminal::with_options(CrosstermBackend::new(sent.clone()), fixed).unwrap();
    let mut group = c.benchmark_group("tui_district");
    let panes = [
        ('1', "overview"),
        ('2', "bases"),
        ('3', "matching"),
        ('4', "meetings"),
        ('5', "surveys"),
        ('6', "reports"),
        ('7', "roadmap"),
    ];
    for (tab, name) in panes {
        press(&mut app, KeyCode::Char(tab));
        wire.draw(|f| view::render(&app, f)).unwrap();
        let before = sent.0.get();
        press(&mut app, KeyCode::Down);
        wire.draw(|f| view::render(&app, f)).unwrap();
        let bytes = sent.0.get() - before;
        eprintln!("district {name}: a cursor move sends {bytes} bytes");
        let mut down = true;
        group.bench_function(format!("{name}_move_and_draw"), |b| {
            b.iter(|| {
                down = !down;
                press(&mut app, if down { KeyCode::Down } else { KeyCode::Up });
                term.draw(|f| view::render(&app, f)).unwrap().area
            })
        });
        if matches!(name, "bases" | "matching" | "meetings" | "surveys") {
            press(&mut app, KeyCode::Char('/'));
            let mut typed = false;
            group.bench_function(format!("{name}_search_keystroke"), |b| {
                b.iter(|| {
                    typed = !typed;
                    press(
                        &mut app,
                        if typed {
                            KeyCode::Char('а')
                        } else {
                            KeyCode::Backspace
                        },
                    );
                    term.draw(|f| view::render(&app, f)).unwrap().area
                })
            });
            press(&mut app, KeyCode::Esc);
            press(&mut app, KeyCode::Esc);
        }
    }
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Home);
    group.bench_function("reports_preview", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Enter);
            term.draw(|f| view::render(&app, f)).unwrap();
            press(&mut app, KeyCode::Esc);
        })
    });
    group.finish();
}

/// A save on the district: a mentor's form saved with F2 (durable, then
/// the data read again), and the redraw.
fn district_save(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = nastavnik::store::Store::open(&dir.path().join("db")).unwrap();
    let ds = generate(
        Scale::District,
        7,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    );
    let b = nastavnik::store::Backup::from_dataset(ds, "bench", chrono::Utc::now());
    store.load_backup(&b, &mut |_| {}).unwrap();
    let mut app = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    press(&mut app, KeyCode::Char('2'));
    let mut group = c.benchmark_group("tui_district_save");
    group.sample_size(10);
    group.bench_function("save_and_redraw", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('e'));
            let save = app.on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
            if let Some(cmd) = save {
                nastavnik::tui::execute(&store, &mut app, cmd);
            }
            term.draw(|f| view::render(&app, f)).unwrap().area
        })
    });
    group.finish();
}

criterion_group!(benches, bases_10k, district_panes, district_save);
criterion_main!(benches);
