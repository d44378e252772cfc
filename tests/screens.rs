//! Every pane and the main dialogs at 80×24 on the demo school, with the
//! longest real names put in: a snapshot of each, and a check that no
//! panel's title runs into its corner (a title cut by the border has a
//! letter right before it).

mod common;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nastavnik::i18n::Lang;
use nastavnik::tui::app::App;
use nastavnik::tui::keymap::Keymap;
use nastavnik::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// A real school's full name, as its charter has it.
const LONG_ORG: &str = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1 с углублённым изучением отдельных предметов»";
const LONG_NAME: &str = "Константинопольская-Рождественская Александра Вячеславовна";

fn demo_app() -> App {
    let as_of = d(2026, 11, 23);
    let mut ds = nastavnik::demo::generate(nastavnik::demo::Scale::School, 1, as_of);
    if let Some(o) = ds.orgs.values_mut().next() {
        o.name = LONG_ORG.into();
    }
    if let Some(m) = ds.mentors.values_mut().next() {
        m.person.full_name = LONG_NAME.into();
    }
    if let Some(m) = ds.mentees.values_mut().next() {
        m.person.full_name = LONG_NAME.into();
    }
    let timelines = nastavnik::domain::meeting::timelines_of(ds.meetings.values());
    let mut app = App::new(Lang::Ru, Keymap::default_map(), ds, timelines);
    app.set_status_options(nastavnik::status::Options {
        as_of,
        meetings: Default::default(),
        calendar: Default::default(),
    });
    app.match_opts.as_of = as_of;
    app.resized(
        80,
        view::list_height(ratatui::layout::Rect::new(0, 0, 80, 24)),
    );
    app
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    buffer_text(t.backend().buffer())
}

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        if let Some(nastavnik::tui::app::Command::Propose(job)) =
            app.on_key(KeyEvent::new(code, KeyModifiers::NONE))
        {
            finish(app, *job);
        }
    }
}

/// The titles that run into the top-right corner of their panel.
fn cut_titles(text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| {
            let chars: Vec<char> = line.chars().collect();
            chars
                .windows(2)
                .any(|w| matches!(w[1], '┐' | '┓') && !matches!(w[0], '─' | '━' | ' ' | '┌' | '┏'))
        })
        .map(String::from)
        .collect()
}

#[test]
fn every_pane_at_80x24_on_the_demo_school() {
    let mut app = demo_app();
    // (snapshot name, keys from the previous screen)
    let walk = [
        ("overview", "1"),
        ("bases_mentors", "2"),
        ("bases_mentor_card", "\n"),
        ("bases_mentees", "\x1bl"),
        ("bases_programs", "l"),
        ("bases_partners", "l"),
        ("bases_documents", "l"),
        ("bases_organisations", "l"),
        ("mentor_form", "hhhhhe"),
        ("matching", "\x1b3m"),
        ("meetings", "4"),
        ("meetings_pair_card", "\n"),
        ("meeting_form", "\x1bn"),
        ("surveys_to_fill", "\x1b5"),
        ("curator_questionnaire", "\n"),
        ("surveys_to_fill", "\x1b"),
        ("surveys_done", "f"),
        ("surveys_templates", "f"),
        ("reports", "6"),
        ("report_coverage", "\n"),
        ("roadmap", "\x1b7"),
        ("help", "?"),
        ("files", "\x1bi"),
        ("org_settings", "\x1bO"),
    ];
    let mut cut = Vec::new();
    for (name, k) in walk {
        keys(&mut app, k);
        let text = screen(&app);
        cut.extend(
            cut_titles(&text)
                .into_iter()
                .map(|l| format!("{name}: {l}")),
        );
        insta::assert_snapshot!(format!("screen_{name}"), text);
    }
    assert!(
        cut.is_empty(),
        "titles cut by their border:\n{}",
        cut.join("\n")
    );
}

#[test]
fn a_title_cut_by_its_border_is_found() {
    assert_eq!(
        cut_titles("┌ Кандидаты (★ предложен, ◆ закреплён) (37┐\n┌ Ждут ──┐"),
        ["┌ Кандидаты (★ предложен, ◆ закреплён) (37┐"]
    );
}
