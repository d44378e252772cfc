//! The Bases table with 10,000 records: a draw, a cursor move, and a
//! search keystroke that rebuilds the rows; and the Анкеты, Отчёты and
//! Дорожная карта panes on the district. Run: `cargo bench --bench tui`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nastavnik::demo::{generate, Scale};
use nastavnik::domain::Timelines;
use nastavnik::i18n::Lang;
use nastavnik::tui::app::App;
use nastavnik::tui::keymap::Keymap;
use nastavnik::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

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

/// The panes this change added, on the whole district (30 schools, all
/// organisations shown): a cursor move and draw each. They recompute their
/// lists (owed questionnaires, roadmap standing, answer counts) per draw.
fn district_panes(c: &mut Criterion) {
    let mut ds = generate(
        Scale::District,
        7,
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    );
    ds.meetings.clear();
    let mut app = App::new(Lang::Ru, Keymap::default_map(), ds, Timelines::new());
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut group = c.benchmark_group("tui_district");
    for (tab, name) in [('5', "surveys"), ('6', "reports"), ('7', "roadmap")] {
        app.on_key(KeyEvent::new(KeyCode::Char(tab), KeyModifiers::NONE));
        let mut down = true;
        group.bench_function(format!("{name}_move_and_draw"), |b| {
            b.iter(|| {
                down = !down;
                let code = if down { KeyCode::Down } else { KeyCode::Up };
                app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
                term.draw(|f| view::render(&app, f)).unwrap().area
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bases_10k, district_panes);
criterion_main!(benches);
