//! With `--lang en` nothing the program says is Russian. The data is made
//! Latin (the demo school, transliterated), so any Cyrillic letter left on a
//! screen or in a command's output is the program's own.

mod common;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nastavnik::domain::*;
use nastavnik::i18n::Lang;
use nastavnik::tui::app::App;
use nastavnik::tui::keymap::Keymap;
use nastavnik::tui::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use serde::de::DeserializeOwned;
use serde::Serialize;

fn translit(c: char) -> &'static str {
    const RU: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    const EN: [&str; 33] = [
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
        "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
    ];
    let lower = c.to_lowercase().next().unwrap_or(c);
    RU.chars().position(|r| r == lower).map_or("?", |i| EN[i])
}

fn latin_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_cyrillic(c) {
                translit(c).to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn latin_value(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value as V;
    match v {
        V::String(s) => V::String(latin_text(&s)),
        V::Array(a) => V::Array(a.into_iter().map(latin_value).collect()),
        V::Object(o) => V::Object(o.into_iter().map(|(k, v)| (k, latin_value(v))).collect()),
        v => v,
    }
}

fn latin<T: Serialize + DeserializeOwned>(t: &T) -> T {
    serde_json::from_value(latin_value(serde_json::to_value(t).unwrap())).unwrap()
}

fn latin_map<T: Serialize + DeserializeOwned>(
    m: &std::collections::BTreeMap<Id, T>,
) -> std::collections::BTreeMap<Id, T> {
    m.iter().map(|(k, v)| (*k, latin(v))).collect()
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// The demo school, every text of it in Latin letters.
fn latin_school() -> Dataset {
    let ds = nastavnik::demo::generate(nastavnik::demo::Scale::School, 1, d(2024, 11, 15));
    Dataset {
        orgs: latin_map(&ds.orgs),
        partners: latin_map(&ds.partners),
        mentors: latin_map(&ds.mentors),
        mentees: latin_map(&ds.mentees),
        programs: latin_map(&ds.programs),
        units: latin_map(&ds.units),
        meetings: latin_map(&ds.meetings),
        templates: latin_map(&ds.templates),
        responses: latin_map(&ds.responses),
        roadmap: latin_map(&ds.roadmap),
        documents: latin_map(&ds.documents),
    }
}

fn russian_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().any(is_cyrillic))
        .map(String::from)
        .collect()
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    buffer_text(t.backend().buffer())
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses `keys` (one char a key, `\n` Enter, `\x1b` Esc, `\t` Tab) and
/// checks the screen after each.
fn walk(app: &mut App, keys: &str, seen: &mut Vec<String>, shown: &mut String) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        let cmd = app.on_key(key(code));
        let mut look = |app: &App| {
            let text = screen(app);
            for line in russian_lines(&text) {
                seen.push(format!("after {c:?}: {line}"));
            }
            shown.push_str(&text);
        };
        look(app);
        // The optimiser's progress was on that screen; now its end.
        if let Some(nastavnik::tui::app::Command::Propose(job)) = cmd {
            finish(app, *job);
            look(app);
        }
    }
}

#[test]
fn every_pane_and_dialog_speaks_english() {
    let ds = latin_school();
    let timelines = nastavnik::domain::meeting::timelines_of(ds.meetings.values());
    let mut app = App::new(Lang::En, Keymap::default_map(), ds, timelines);
    app.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 11, 15),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    let mut seen = Vec::new();
    let mut shown = String::new();
    // Overview and help; a warning opened.
    walk(&mut app, "1?x\n", &mut seen, &mut shown);
    // Bases: every section, a card, each record's form, search, filters.
    walk(&mut app, "2", &mut seen, &mut shown);
    for _ in 0..6 {
        walk(
            &mut app,
            "\nj\x1be\x1bn\x1bfsAs/zz\n\x1b\x1bl",
            &mut seen,
            &mut shown,
        );
    }
    // A form with problems: a bad date in a new mentor's birth date.
    walk(&mut app, "2nX\t\t31.02.2010", &mut seen, &mut shown);
    app.on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
    let text = screen(&app);
    for line in russian_lines(&text) {
        seen.push(format!("after save: {line}"));
    }
    shown.push_str(&text);
    walk(&mut app, "\x1by", &mut seen, &mut shown);
    // Matching: proposal, candidates, all mentors, an accept question.
    walk(&mut app, "3mj]a]y", &mut seen, &mut shown);
    walk(&mut app, "n\x1b", &mut seen, &mut shown);
    // Meetings: the pair's form, a new meeting, the filter, archive question.
    walk(&mut app, "4\n\x1bn\x1bff]dn", &mut seen, &mut shown);
    // Questionnaires: one owed, the filled-in ones searched, a template's form.
    walk(&mut app, "5\n\x1byf/zz\n\x1bFFe\x1b", &mut seen, &mut shown);
    // Reports: every report read, the settings form.
    walk(&mut app, "6", &mut seen, &mut shown);
    for _ in 0..nastavnik::reports::Kind::ALL.len() {
        walk(&mut app, "\n \x1bj", &mut seen, &mut shown);
    }
    walk(&mut app, "p\x1b", &mut seen, &mut shown);
    // Roadmap: an item and its form; the organisation key.
    walk(&mut app, "7je\x1bo", &mut seen, &mut shown);
    seen.dedup();
    assert!(
        seen.is_empty(),
        "Russian on English screens:\n{}",
        seen.join("\n")
    );
    // The walk did reach each place it means to check.
    for sight in [
        "Warnings",
        "Keys (any key closes)",
        "Change history",
        "Mentee: new record",
        "[Partners]",
        "is not a date",
        "Why this score",
        "Meeting of pair",
        "Questions, a line each",
        "Report settings",
        "Roadmap item",
        "Organisation:",
    ] {
        assert!(shown.contains(sight), "never shown: {sight}");
    }
}

/// A database of the Latin school.
fn latin_database() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let store = nastavnik::store::Store::open(&db).unwrap();
    let backup = nastavnik::store::Backup::from_dataset(latin_school(), "test", chrono::Utc::now());
    store.load_backup(&backup, &mut |_| {}).unwrap();
    drop(store);
    (dir, db)
}

#[test]
fn every_command_speaks_english() {
    let (dir, db) = latin_database();
    let bad_csv = dir.path().join("mentors.csv");
    std::fs::write(
        &bad_csv,
        "full_name;category;birth_date;grade\nIvanov Ivan;pupil;31.02.2010;5A\n;astronaut;;\nPetrov Pyotr;pupil;01.01.2009;15\n",
    )
    .unwrap();
    let csv = bad_csv.to_str().unwrap();
    let out_file = dir.path().join("report.txt");
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["status", "--as-of", "15.11.2024"],
        vec!["check"],
        vec!["backup", "list"],
        vec!["match", "--as-of", "15.11.2024"],
        vec!["org", "list"],
        vec!["import", "mentors", csv],
        vec!["import", "mentors", "--dry-run", "/nowhere/file.csv"],
        vec!["report", "coverage", "--width", "40"],
    ];
    for kind in nastavnik::reports::Kind::ALL {
        runs.push(vec!["report", kind.key(), "--as-of", "15.11.2024"]);
        runs.push(vec!["report", kind.key(), "--format", "tsv"]);
    }
    let out_path = out_file.to_str().unwrap();
    runs.push(vec!["report", "indicators", "--out", out_path]);
    let mut russian = Vec::new();
    for args in &runs {
        let mut all = vec!["--lang", "en"];
        all.extend(args.iter().copied());
        let out = bin(&db, &all);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!text.trim().is_empty(), "{args:?} said nothing");
        for line in russian_lines(&text) {
            russian.push(format!("{args:?}: {line}"));
        }
    }
    // A database that is not there, in English too.
    let out = bin(&dir.path().join("none"), &["--lang", "en", "status"]);
    for line in russian_lines(&String::from_utf8_lossy(&out.stderr)) {
        russian.push(format!("missing database: {line}"));
    }
    assert!(
        russian.is_empty(),
        "Russian in English output:\n{}",
        russian.join("\n")
    );
}
