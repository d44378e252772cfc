//! The terminal interface through its update function and pure view:
//! snapshots of each screen on TestBackend, and behaviour driven by keys.

mod common;
use common::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nastavnik::domain::*;
use nastavnik::i18n::Lang;
use nastavnik::matching::propose_with;
use nastavnik::store::Store;
use nastavnik::tui::app::{App, Command, Modal, Tab};
use nastavnik::tui::background::{Finished, Outcome};
use nastavnik::tui::keymap::Keymap;
use nastavnik::tui::{execute, view};
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

/// A small school built by hand: two organisations, people of several
/// categories, one archived mentor, one pair without consent.
fn dataset() -> Dataset {
    let mut ds = Dataset::default();
    ds.orgs.insert(
        1,
        Organisation {
            id: 1,
            curator: "Миранова Г.С.".into(),
            ..org("МКОУ «СОШ № 5»")
        },
    );
    ds.orgs.insert(
        2,
        Organisation {
            id: 2,
            is_default: false,
            ..org("МБОУ «Гимназия № 2»")
        },
    );
    ds.partners.insert(
        1,
        Partner {
            id: 1,
            org_id: 1,
            name: "АО «Энергосбыт»".into(),
            contacts: "+7 900 000-00-00".into(),
            ..Partner::default()
        },
    );
    ds.programs.insert(
        1,
        Program {
            id: 1,
            org_id: 1,
            name: "Молодой педагог".into(),
            form: Some(Form::TeacherTeacher),
            start: Some(d(2024, 9, 1)),
            end: Some(d(2025, 5, 31)),
            ..Program::default()
        },
    );
    let mut t1 = teacher(1, "Кузнецова Ольга Ивановна");
    t1.competencies = vec!["методика урока".into(), "классное руководство".into()];
    t1.capacity = 2;
    let mut t2 = teacher(2, "Ёлкин Пётр Сергеевич");
    t2.archived = true;
    let mut employer = teacher(3, "Орлов Илья Петрович");
    employer.category = MentorCategory::Employer;
    employer.partner_id = Some(1);
    employer.competencies = vec!["профориентация".into()];
    for m in [t1, t2, employer] {
        ds.mentors.insert(m.id, m);
    }
    let mut y1 = young_teacher(1, "Петров Илья Сергеевич");
    y1.request = vec!["дисциплина на уроке".into()];
    let mut pupil = pupil_mentee(
        2,
        "Сомова Анна \u{1b}[31mЛьвовна",
        d(2011, 3, 3),
        8,
        d(2024, 9, 1),
    );
    pupil.person.consent = None;
    pupil.request = vec!["профориентация".into()];
    for m in [y1, pupil] {
        ds.mentees.insert(m.id, m);
    }
    ds.units.insert(
        1,
        Unit {
            id: 1,
            org_id: 1,
            mentors: vec![1],
            mentees: vec![1],
            form: Form::TeacherTeacher,
            status: UnitStatus::Active,
            start: Some(d(2024, 10, 1)),
            program_id: Some(1),
            ..Unit::default()
        },
    );
    ds.units.insert(
        2,
        Unit {
            id: 2,
            org_id: 1,
            mentors: vec![3],
            mentees: vec![2],
            form: Form::EmployerPupil,
            status: UnitStatus::Forming,
            ..Unit::default()
        },
    );
    ds
}

fn app_with(ds: Dataset) -> App {
    let mut app = App::new(Lang::Ru, Keymap::default_map(), ds, Timelines::new());
    app.no_color = false;
    app
}

fn app() -> App {
    app_with(dataset())
}

fn screen(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(app, f)).unwrap();
    t
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

/// The keys in turn; the optimiser, which the runtime runs in the
/// background, is let finish before the next key.
fn press(app: &mut App, keys: &str) -> Vec<Command> {
    let mut out = Vec::new();
    for c in keys.chars() {
        match app.on_key(key(c)) {
            Some(Command::Propose(job)) => finish(app, *job),
            Some(cmd) => out.push(cmd),
            None => {}
        }
    }
    out
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        assert!(app.on_key(key(c)).is_none());
    }
}

#[test]
fn overview_shows_warnings_first() {
    let mut a = app();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 11, 1),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    insta::assert_snapshot!("overview", screen(&a, 80, 24).backend());
}

#[test]
fn each_bases_section() {
    let mut a = app();
    press(&mut a, "2");
    insta::assert_snapshot!("bases_mentors", screen(&a, 80, 24).backend());
    for name in [
        "bases_mentees",
        "bases_programs",
        "bases_partners",
        "bases_documents",
        "bases_organisations",
    ] {
        press(&mut a, "l");
        insta::assert_snapshot!(name, screen(&a, 80, 24).backend());
    }
}

#[test]
fn a_form_with_validation_errors() {
    let mut a = app();
    press(&mut a, "2n");
    type_text(&mut a, "Новиков");
    a.on_key(code(KeyCode::Tab));
    a.on_key(code(KeyCode::Left)); // category: обучающийся, which needs more
    a.on_key(code(KeyCode::Tab));
    type_text(&mut a, "31.02.2010");
    let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(
        a.on_key(save).is_none(),
        "nothing to save while fields are wrong"
    );
    insta::assert_snapshot!("form_errors", screen(&a, 80, 24).backend());
}

#[test]
fn help_is_generated_from_the_keymap() {
    let mut a = app();
    press(&mut a, "2?");
    insta::assert_snapshot!("help", screen(&a, 80, 24).backend());
    // Bases has more keys than two columns hold at 80×24: the rest is a
    // page down, and the last of them is reachable.
    let first = screen(&a, 80, 24).backend().to_string();
    assert!(first.contains("стр. 1/2"), "{first}");
    a.on_key(code(KeyCode::PageDown));
    let second = screen(&a, 80, 24).backend().to_string();
    assert!(second.contains("стр. 2/2"), "{second}");
    assert!(second.contains("удалить по запросу"), "{second}");
    a.on_key(code(KeyCode::PageDown));
    assert!(
        a.modal().is_some(),
        "PageDown on the last page keeps it open"
    );
    press(&mut a, "x");
    assert!(a.modal().is_none(), "another key closes it");
    let (custom, errs) = Keymap::with_user_file("[list]\nnew = [\"F7\"]\n");
    assert!(errs.is_empty());
    let mut b = App::new(Lang::Ru, custom, dataset(), Timelines::new());
    press(&mut b, "2?");
    let text = screen(&b, 80, 24).backend().to_string();
    assert!(text.contains("F7") && text.contains("добавить"), "{text}");
}

#[test]
fn too_small_a_window_says_how_large_it_must_be() {
    insta::assert_snapshot!("too_small", screen(&app(), 60, 20).backend());
}

#[test]
fn an_empty_database_greets_the_curator() {
    let mut a = app_with(Dataset::default());
    insta::assert_snapshot!("greeting", screen(&a, 80, 24).backend());
    // Its hint bar offers only what it takes; the files dialog opens over it.
    let bar = screen(&a, 80, 24).backend().to_string();
    assert!(!bar.contains("справка"), "{bar}");
    press(&mut a, "ш"); // i in the Russian layout
    assert!(matches!(a.modal(), Some(Modal::Files(_))));
}

#[test]
fn without_colour_the_selection_is_marked_by_symbol_and_bold() {
    let mut a = app();
    a.no_color = true;
    press(&mut a, "2");
    let t = screen(&a, 80, 24);
    let buf = t.backend().buffer();
    let row = (0..24)
        .find(|y| buf[(0, *y)].symbol() == "▶")
        .expect("a marked row");
    let cell = &buf[(4, row)];
    assert!(cell.modifier.contains(Modifier::BOLD));
    for y in 0..24 {
        for x in 0..80 {
            let c = &buf[(x, y)];
            assert!(
                c.fg == Color::Reset && c.bg == Color::Reset,
                "colour at {x},{y}"
            );
        }
    }
    insta::assert_snapshot!("no_color_bases", t.backend());
}

#[test]
fn russian_layout_hotkeys_do_what_latin_ones_do_but_text_stays_text() {
    let mut latin = app();
    let mut russian = app();
    press(&mut latin, "2jjl");
    press(&mut russian, "2оод"); // о = j, д = l
    let view = |a: &App| {
        let b = &a.bases;
        (b.section_index, b.selected, b.detail, b.search.clone())
    };
    assert_eq!(view(&latin), view(&russian));
    press(&mut russian, "т"); // т = n: a new record's form
    assert!(matches!(russian.modal(), Some(Modal::Form(_))));
    type_text(&mut russian, "Орлова");
    let Some(Modal::Form(form)) = russian.modal() else {
        panic!()
    };
    assert_eq!(
        form.inputs[0].raw(),
        "Орлова",
        "letters typed in a field are not hotkeys"
    );
}

#[test]
fn search_folds_case_and_yo_and_looks_at_tags() {
    let mut a = app();
    press(&mut a, "2a/");
    type_text(&mut a, "ЕЛКИН");
    a.on_key(code(KeyCode::Enter));
    assert_eq!(a.rows().iter().map(|r| r.id).collect::<Vec<_>>(), vec![2]);
    let mut b = app();
    press(&mut b, "2/");
    type_text(&mut b, "профориент");
    assert_eq!(b.rows().iter().map(|r| r.id).collect::<Vec<_>>(), vec![3]);
    b.on_key(code(KeyCode::Esc));
    assert_eq!(b.rows().len(), 2);
}

#[test]
fn sorting_and_filters() {
    let mut a = app();
    press(&mut a, "2s");
    assert_eq!(
        a.rows().iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![1, 3],
        "by name: Кузнецова, Орлов"
    );
    press(&mut a, "S");
    assert_eq!(
        a.rows().iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![3, 1]
    );
    press(&mut a, "ff");
    assert_eq!(
        a.rows().iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![1],
        "педагог"
    );
}

#[test]
fn a_paste_lands_in_the_field_and_never_submits() {
    let mut a = app();
    press(&mut a, "2n");
    a.on_paste("Иванов\nИван\u{1b}[2J");
    let Some(Modal::Form(form)) = a.modal() else {
        panic!("the form stays open")
    };
    assert_eq!(form.inputs[0].raw(), "Иванов Иван");
}

#[test]
fn esc_asks_before_throwing_changes_away() {
    let mut a = app();
    press(&mut a, "2n");
    type_text(&mut a, "Черновик");
    a.on_key(code(KeyCode::Esc));
    assert!(matches!(a.modal(), Some(Modal::Confirm { .. })));
    a.on_key(key('n'));
    assert!(
        matches!(a.modal(), Some(Modal::Form(_))),
        "back to the form"
    );
    a.on_key(code(KeyCode::Esc));
    a.on_key(key('y'));
    assert!(a.modal().is_none());
}

fn store_with(ds: Dataset) -> (tempfile::TempDir, Store) {
    let (dir, store) = temp_store();
    let b = nastavnik::store::Backup::from_dataset(ds, "test", chrono::Utc::now());
    store.load_backup(&b, &mut |_| {}).unwrap();
    (dir, store)
}

fn run(store: &Store, app: &mut App, cmds: Vec<Command>) {
    for c in cmds {
        execute(store, app, c);
    }
}

#[test]
fn a_mentor_created_in_the_form_is_saved_and_shown() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "2n");
    type_text(&mut a, "Фёдорова Мария Ивановна");
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .expect("save");
    run(&store, &mut a, vec![cmd]);
    assert!(a.modal().is_none());
    assert_eq!(a.message.as_ref().unwrap().text, "Сохранено.");
    let saved = store.get::<Mentor>(4).unwrap().unwrap();
    assert_eq!(saved.person.full_name, "Фёдорова Мария Ивановна");
    assert_eq!(saved.org_id, 1);
    assert!(a.rows().iter().any(|r| r.id == 4));
}

#[test]
fn archive_asks_then_restores_from_the_archive_view() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    let cmds = press(&mut a, "2d");
    assert!(cmds.is_empty() && matches!(a.modal(), Some(Modal::Confirm { .. })));
    let cmds = press(&mut a, "y");
    run(&store, &mut a, cmds);
    assert!(store.get::<Mentor>(1).unwrap().unwrap().archived);
    assert_eq!(a.rows().iter().map(|r| r.id).collect::<Vec<_>>(), vec![3]);
    let cmds = press(&mut a, "aк"); // к = r, in the Russian layout
    run(&store, &mut a, cmds);
    assert!(!store.get::<Mentor>(1).unwrap().unwrap().archived);
}

#[test]
fn enter_on_a_warning_opens_its_record() {
    let mut a = app();
    assert_eq!(a.tab, Tab::Overview);
    a.on_key(code(KeyCode::Enter));
    assert_eq!(
        a.tab,
        Tab::Meetings,
        "a pair's warning opens the pairs list"
    );
}

#[test]
fn one_cursor_move_sends_only_the_changed_lines() {
    use ratatui::backend::CrosstermBackend;
    let mut a = app_with({
        let mut ds = dataset();
        for i in 10..60 {
            ds.mentees
                .insert(i, young_teacher(i, &format!("Наставляемая Номер {i}")));
        }
        ds
    });
    press(&mut a, "2l");
    /// Counts what the terminal would receive.
    #[derive(Clone, Default)]
    struct Counter(std::rc::Rc<std::cell::Cell<usize>>);
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.set(self.0.get() + buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let counter = Counter::default();
    let mut term = Terminal::with_options(
        CrosstermBackend::new(counter.clone()),
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
        },
    )
    .unwrap();
    term.draw(|f| view::render(&a, f)).unwrap();
    counter.0.set(0);
    a.on_key(code(KeyCode::Down));
    term.draw(|f| view::render(&a, f)).unwrap();
    let bytes = counter.0.get();
    eprintln!("one cursor move at 80x24: {bytes} bytes");
    // Two table lines change (about 2 x 80 cells of Cyrillic text plus
    // styling); a full redraw would be over 4,000 bytes.
    assert!(bytes < 1_500, "{bytes} bytes");
}

#[test]
fn chords_do_not_type_into_the_search() {
    let mut a = app();
    press(&mut a, "2/");
    type_text(&mut a, "Кузн");
    a.on_key(KeyEvent::new(KeyCode::Char('3'), KeyModifiers::ALT));
    a.on_key(code(KeyCode::Enter));
    assert_eq!(a.bases.search.query, "Кузн");
}

#[test]
fn people_filter_by_form_and_by_being_in_a_pair() {
    let mut ds = dataset();
    ds.mentors.get_mut(&3).unwrap().person.forms = vec![Form::EmployerPupil];
    let mut a = app_with(ds);
    press(&mut a, "2");
    let filters = nastavnik::tui::panes::bases::filters(
        nastavnik::tui::panes::bases::Section::Mentors,
        Lang::Ru,
    );
    let at = |name: &str| filters.iter().position(|f| f == name).unwrap();
    for _ in 0..at("работодатель – ученик") {
        press(&mut a, "f");
    }
    assert_eq!(a.rows().iter().map(|r| r.id).collect::<Vec<_>>(), vec![3]);
    for _ in at("работодатель – ученик")..at("без пары") {
        press(&mut a, "f");
    }
    assert!(a.rows().is_empty(), "both live mentors are in pairs");
}

/// Two mentees waiting; Кузнецова is full, Белова has two places.
fn matching_dataset() -> Dataset {
    let mut ds = dataset();
    ds.mentors.get_mut(&1).unwrap().capacity = 1;
    let mut t = teacher(4, "Белова Анна Юрьевна");
    t.competencies = vec!["дисциплина на уроке".into(), "методика урока".into()];
    t.capacity = 2;
    ds.mentors.insert(4, t);
    for (id, name, request) in [
        (3, "Смирнова Ольга Игоревна", "методика урока"),
        (4, "Зайцев Кирилл Андреевич", "дисциплина на уроке"),
    ] {
        let mut e = young_teacher(id, name);
        e.request = vec![request.into()];
        ds.mentees.insert(id, e);
    }
    ds
}

#[test]
fn the_matching_pane_ranks_explains_and_proposes() {
    let mut a = app_with(matching_dataset());
    a.match_opts.as_of = d(2024, 10, 1);
    press(&mut a, "3m");
    insta::assert_snapshot!("matching", screen(&a, 80, 24).backend());
    assert_eq!(a.matching.proposal.as_ref().unwrap().matched, 2);
}

/// `m` hands the optimiser to the runtime and the pane shows its
/// progress; Esc cancels it, and the pane says so when it has stopped.
#[test]
fn the_optimiser_runs_in_the_background_and_esc_cancels_it() {
    let mut a = app_with(matching_dataset());
    a.match_opts.as_of = d(2024, 10, 1);
    press(&mut a, "3");
    let Some(Command::Propose(job)) = a.on_key(key('m')) else {
        panic!("m starts the optimiser in the background")
    };
    let shown = buffer_text(screen(&a, 80, 24).backend().buffer());
    assert!(
        shown.contains("Подбор: оценено 0 из 2 · Esc — отмена"),
        "{shown}"
    );
    assert_eq!(a.on_key(key('m')), None, "one run at a time");
    assert!(a.message.as_ref().unwrap().text.contains("уже идёт"));
    assert_eq!(a.on_key(code(KeyCode::Esc)), None);
    assert!(job.ctl.is_cancelled());
    finish(&mut a, *job);
    assert_eq!(a.message.as_ref().unwrap().text, "Подбор отменён.");
    assert!(a.matching.proposal.is_none() && a.matching.running.is_none());
    press(&mut a, "m");
    assert_eq!(a.matching.proposal.as_ref().unwrap().matched, 2);
}

/// A proposal made on data that changed while it ran is not shown: it is
/// made again on the new data. Its end is not announced in another pane.
#[test]
fn a_proposal_on_data_changed_meanwhile_is_made_again() {
    let mut a = app_with(matching_dataset());
    a.match_opts.as_of = d(2024, 10, 1);
    press(&mut a, "3");
    let Some(Command::Propose(job)) = a.on_key(key('m')) else {
        panic!("m starts the optimiser")
    };
    press(&mut a, "4");
    let gone = a.matching.mentees()[0];
    let mut changed = a.data.clone();
    changed.mentees.get_mut(&gone).unwrap().archived = true;
    let timelines = a.timelines.clone();
    a.reload(changed, timelines);
    a.message = None;
    let p = propose_with(&job.data, &job.opts, &job.solver, &job.ctl).unwrap();
    let done = Finished {
        ctl: job.ctl.clone(),
        version: job.version,
        outcome: Outcome::Done(p),
    };
    let Some(Command::Propose(again)) = a.finished(done) else {
        panic!("made again on the new data")
    };
    assert_eq!(again.version, a.version);
    assert!(a.matching.proposal.is_none(), "the old proposal is dropped");
    finish(&mut a, *again);
    let p = a.matching.proposal.as_ref().unwrap();
    assert_eq!(p.matched, 1);
    assert!(p.pairs.iter().all(|c| c.mentee != gone));
    assert!(a.message.is_none(), "not said in Встречи");
}

#[test]
fn accepting_creates_forming_pairs_and_groups() {
    let (_dir, store) = store_with(matching_dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.match_opts.as_of = d(2024, 10, 1);
    let cmds = press(&mut a, "3y");
    run(&store, &mut a, cmds);
    assert_eq!(a.matching.mentees().len(), 1, "one accepted, one waits");
    let cmds = press(&mut a, "mYy");
    run(&store, &mut a, cmds);
    assert!(a.matching.mentees().is_empty());
    let forming: Vec<Unit> = store
        .list::<Unit>()
        .unwrap()
        .into_iter()
        .filter(|u| u.status == UnitStatus::Forming && u.id > 2)
        .collect();
    assert_eq!(forming.iter().map(|u| u.mentees.len()).sum::<usize>(), 2);
    assert!(forming.iter().all(|u| u.mentors == vec![4]));
}

#[test]
fn accepting_all_gives_a_mentor_with_two_mentees_a_group() {
    let (_dir, store) = store_with(matching_dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.match_opts.as_of = d(2024, 10, 1);
    // Y asks first, naming what it creates.
    assert!(press(&mut a, "3mY").is_empty());
    let Some(Modal::Confirm { question, .. }) = a.modal() else {
        panic!("a question before creating pairs")
    };
    assert!(question.contains("0 пар и 1 группу"), "{question}");
    let cmds = press(&mut a, "y");
    run(&store, &mut a, cmds);
    let new = store.get::<Unit>(3).unwrap().unwrap();
    assert_eq!(
        (new.mentors.clone(), new.mentees.clone()),
        (vec![4], vec![3, 4])
    );
    assert_eq!(
        (new.status, new.kind),
        (UnitStatus::Forming, Some(MentoringKind::Group))
    );
}

#[test]
fn locks_and_rejections_are_saved_on_the_mentee_and_honoured() {
    let mut ds = matching_dataset();
    ds.mentors.get_mut(&1).unwrap().capacity = 3;
    let (_dir, store) = store_with(ds);
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.match_opts.as_of = d(2024, 10, 1);
    press(&mut a, "3");
    let first = a.matching.selected_candidate().unwrap().mentor;
    let cmds = press(&mut a, "x"); // reject the top candidate of mentee 3
    run(&store, &mut a, cmds);
    assert_eq!(
        store.get::<Mentee>(3).unwrap().unwrap().matching.rejected,
        vec![first]
    );
    assert!(a.matching.candidates().iter().all(|c| c.mentor != first));
    let other = a.matching.selected_candidate().unwrap().mentor;
    let cmds = press(&mut a, "L");
    run(&store, &mut a, cmds);
    assert_eq!(
        store.get::<Mentee>(3).unwrap().unwrap().matching.locked,
        Some(other)
    );
    press(&mut a, "m");
    assert_eq!(a.matching.proposed_for(3), Some(other));
    let history = store
        .history(nastavnik::store::EntityKind::Mentee, 3)
        .unwrap();
    assert!(history
        .iter()
        .any(|h| h.changes.iter().any(|c| c.field.starts_with("matching"))));
    let cmds = press(&mut a, "U");
    run(&store, &mut a, cmds);
    assert_eq!(
        store.get::<Mentee>(3).unwrap().unwrap().matching,
        MatchDecisions::default()
    );
}

#[test]
fn a_mentor_picked_by_hand_is_warned_about_with_the_reason() {
    let (_dir, store) = store_with(matching_dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.match_opts.as_of = d(2024, 10, 1);
    press(&mut a, "3");
    assert_eq!(a.matching.candidates().len(), 1, "Кузнецова is full");
    press(&mut a, "A");
    let names: Vec<Id> = a.matching.candidates().iter().map(|c| c.mentor).collect();
    assert!(names.contains(&1), "every mentor a form admits: {names:?}");
    while a.matching.selected_candidate().unwrap().mentor != 1 {
        press(&mut a, "J");
    }
    assert_eq!(
        a.matching.selected_reasons(),
        &[nastavnik::matching::rules::Reason::NoPlacesLeft]
    );
    let text = screen(&a, 80, 24).backend().to_string();
    assert!(text.contains("у наставника нет свободных мест"), "{text}");
    assert!(press(&mut a, "y").is_empty(), "asks first");
    let Some(Modal::Confirm { question, .. }) = a.modal() else {
        panic!("a question")
    };
    assert!(question.contains("нет свободных мест"), "{question}");
    let cmds = press(&mut a, "y");
    run(&store, &mut a, cmds);
    // The domain still refuses a mentor beyond capacity: the reason is shown.
    assert!(a.message.as_ref().unwrap().error);
    assert!(
        a.message.as_ref().unwrap().text.contains("не больше 1"),
        "{}",
        a.message.as_ref().unwrap().text
    );
}

/// In an open pair form, the focus on its status.
fn focus_status(a: &mut App) {
    let Some(Modal::Form(form)) = a.modal_mut() else {
        panic!("a form")
    };
    form.focus_on(FieldKey::Status);
}

fn form_errors(a: &App) -> Vec<(FieldKey, String)> {
    let Some(Modal::Form(form)) = a.modal() else {
        panic!("a form")
    };
    form.inputs
        .iter()
        .filter_map(|f| f.error.clone().map(|e| (f.key, e)))
        .collect()
}

#[test]
fn a_pair_becomes_active_only_by_an_order_and_with_everyones_consent() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "4j"); // the pairs; the second is формируется
    a.on_key(code(KeyCode::Enter)); // its card
    press(&mut a, "e");
    focus_status(&mut a);
    a.on_key(code(KeyCode::Right)); // status: активна
    a.on_key(code(KeyCode::Tab));
    type_text(&mut a, "01.10.2024");
    let save = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    assert!(a.on_key(save).is_none());
    let errors = form_errors(&a);
    let keys: Vec<FieldKey> = errors.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        vec![FieldKey::Status, FieldKey::OrderNo, FieldKey::OrderDate],
        "{errors:?}"
    );
    assert!(
        errors[0].1.contains("нет письменного согласия"),
        "{errors:?}"
    );

    // With consent on file and an order, it goes through.
    let mut mentee = store.get::<Mentee>(2).unwrap().unwrap();
    mentee.person.consent = Some(Consent {
        date: d(2024, 9, 20),
        by_guardian: true,
    });
    store.update(&mentee).unwrap();
    let mut mentor = store.get::<Mentor>(3).unwrap().unwrap();
    mentor.person.consent = Some(Consent {
        date: d(2024, 9, 20),
        by_guardian: false,
    });
    store.update(&mentor).unwrap();
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "4j");
    a.on_key(code(KeyCode::Enter));
    press(&mut a, "e");
    focus_status(&mut a);
    a.on_key(code(KeyCode::Right));
    a.on_key(code(KeyCode::Tab));
    type_text(&mut a, "01.10.2024");
    // Past «Приказ из базы» (the base holds no order) to the typed one.
    a.on_key(code(KeyCode::Tab));
    a.on_key(code(KeyCode::Tab));
    type_text(&mut a, "45-н");
    a.on_key(code(KeyCode::Tab));
    type_text(&mut a, "30.09.2024");
    let cmd = a.on_key(save).expect("valid now");
    run(&store, &mut a, vec![cmd]);
    let unit = store.get::<Unit>(2).unwrap().unwrap();
    assert_eq!(
        (unit.status, unit.order_no.as_str(), unit.order_date),
        (UnitStatus::Active, "45-н", Some(d(2024, 9, 30)))
    );
}

#[test]
fn wishes_are_entered_by_name_or_id_and_raise_the_score() {
    let (_dir, store) = store_with(matching_dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "2l"); // mentees
    while a.rows()[a.bases.selected].id != 3 {
        press(&mut a, "j");
    }
    press(&mut a, "e");
    let Some(Modal::Form(form)) = a.modal_mut() else {
        panic!()
    };
    form.focus = form
        .inputs
        .iter()
        .position(|f| f.key == FieldKey::Wishes)
        .unwrap();
    type_text(&mut a, "белова анна юрьевна; Никто Никтович");
    let save = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    assert!(a.on_key(save).is_none());
    assert!(
        form_errors(&a)[0].1.contains("Никто Никтович"),
        "{:?}",
        form_errors(&a)
    );
    for _ in 0.."; Никто Никтович".chars().count() {
        a.on_key(code(KeyCode::Backspace));
    }
    let cmd = a.on_key(save).expect("valid");
    run(&store, &mut a, vec![cmd]);
    assert_eq!(
        store.get::<Mentee>(3).unwrap().unwrap().person.wishes,
        vec![4]
    );
    a.match_opts.as_of = d(2024, 10, 1);
    press(&mut a, "3");
    let c = a.matching.selected_candidate().unwrap();
    assert_eq!(
        (c.mentor, c.score),
        (4, 45 + 3),
        "half the wishes points: one side named the other"
    );
}

#[test]
fn a_meeting_is_logged_with_the_next_kind_and_a_final_one_offers_completion() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 10, 3),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    press(&mut a, "4n");
    {
        let Some(Modal::Form(form)) = a.modal() else {
            panic!("a meeting form")
        };
        let kind = form
            .inputs
            .iter()
            .find(|f| f.key == FieldKey::MeetingKind)
            .unwrap();
        assert_eq!(kind.chosen(), 0, "встреча-знакомство comes first");
        assert_eq!(form.inputs[0].raw(), "03.10.2024", "today's date");
    }
    let Some(Modal::Form(form)) = a.modal_mut() else {
        panic!()
    };
    form.focus = form
        .inputs
        .iter()
        .position(|f| f.key == FieldKey::Outcome)
        .unwrap();
    type_text(&mut a, "Познакомились");
    a.on_key(code(KeyCode::Enter)); // a new line inside the notes, not a submit
    a.on_paste("обсудили\rцели"); // as terminals send a pasted line break
    let save = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    let cmd = a.on_key(save).expect("valid");
    run(&store, &mut a, vec![cmd]);
    let m = store.get::<Meeting>(1).unwrap().unwrap();
    assert_eq!(
        (m.kind, m.outcome.as_str(), m.unit_id),
        (
            MeetingKind::Introduction,
            "Познакомились\nобсудили\nцели",
            1
        )
    );
    assert_eq!(a.timelines[&1].len(), 1);

    // The next one is a trial; make it the final meeting instead.
    press(&mut a, "n");
    let Some(Modal::Form(form)) = a.modal_mut() else {
        panic!()
    };
    assert_eq!(
        form.inputs
            .iter()
            .find(|f| f.key == FieldKey::MeetingKind)
            .unwrap()
            .chosen(),
        1,
        "пробная follows"
    );
    form.focus = 1;
    for _ in 0..3 {
        a.on_key(code(KeyCode::Right));
    }
    let cmd = a.on_key(save).expect("valid");
    run(&store, &mut a, vec![cmd]);
    let Some(Modal::Form(offer)) = a.modal() else {
        panic!("completion is offered")
    };
    let status = offer
        .inputs
        .iter()
        .find(|i| i.key == FieldKey::Status)
        .unwrap();
    assert_eq!(status.chosen(), 2, "завершена");
    let cmd = a.on_key(save).expect("valid completion");
    run(&store, &mut a, vec![cmd]);
    let unit = store.get::<Unit>(1).unwrap().unwrap();
    assert_eq!(
        (unit.status, unit.end),
        (UnitStatus::Completed, Some(d(2024, 10, 3)))
    );
}

#[test]
fn the_meetings_tab_shows_the_pairs_rhythm() {
    let mut a = app();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 12, 15),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    let mut timelines = Timelines::new();
    let kinds = [
        MeetingKind::Introduction,
        MeetingKind::Trial,
        MeetingKind::Planning,
        MeetingKind::Working,
        MeetingKind::Working,
    ];
    let dates = [
        d(2024, 10, 2),
        d(2024, 10, 16),
        d(2024, 11, 6),
        d(2024, 11, 20),
        d(2024, 12, 4),
    ];
    for (i, (k, date)) in kinds.iter().zip(dates).enumerate() {
        timelines.entry(1).or_default().push(MeetingBrief {
            id: i as u64 + 1,
            date,
            kind: *k,
            feedback_given: i != 4,
            archived: false,
        });
    }
    let data = a.data.clone();
    a.reload(data, timelines);
    assert_eq!(
        nastavnik::tui::panes::meetings::per_month(&a.timelines[&1], d(2024, 12, 15))[9..],
        [2, 2, 1]
    );
    press(&mut a, "4");
    insta::assert_snapshot!("meetings_tab", screen(&a, 80, 24).backend());
    // → gives the keys to the pair's meetings, ← back to the pairs.
    press(&mut a, "lj");
    assert_eq!((a.meetings.selected, a.meetings.meeting_sel), (0, 1));
    let t = screen(&a, 80, 24);
    assert_eq!(
        t.backend().buffer()[(0, 15)].symbol(),
        "┏",
        "the meetings' border"
    );
    press(&mut a, "hj");
    assert_eq!((a.meetings.selected, a.meetings.meeting_sel), (1, 0));
    // Pair #2 has no written consent: it says so above its meetings (its
    // people are on the selected line already).
    let shown = screen(&a, 80, 24).backend().to_string();
    assert!(
        shown.contains("⚠ пара (формируется): нет письменного согласия"),
        "{shown}"
    );
}

#[test]
fn pairs_filter_and_meetings_are_edited_and_archived_from_the_timeline() {
    let (_dir, store) = store_with(dataset());
    for (date, kind) in [
        (d(2024, 10, 2), MeetingKind::Introduction),
        (d(2024, 10, 9), MeetingKind::Trial),
    ] {
        store
            .insert(Meeting {
                unit_id: 1,
                org_id: 1,
                date,
                kind,
                topic: "старая тема".into(),
                ..Meeting::default()
            })
            .unwrap();
    }
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 12, 1),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    press(&mut a, "4");
    assert_eq!(a.meetings.pair_list(&a.shared).len(), 2);
    press(&mut a, "f");
    assert_eq!(
        a.meetings
            .pair_list(&a.shared)
            .iter()
            .map(|u| u.id)
            .collect::<Vec<_>>(),
        vec![1],
        "active"
    );
    press(&mut a, "f");
    let flagged: Vec<Id> = a
        .meetings
        .pair_list(&a.shared)
        .iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(
        flagged,
        vec![1, 2],
        "both need attention: no meeting for weeks, no consent"
    );
    press(&mut a, "ff");
    // The newest meeting is selected first; J moves to the older one.
    assert_eq!(
        a.selected_meetings()[a.meetings.meeting_sel].kind,
        MeetingKind::Trial
    );
    press(&mut a, "J");
    let cmds = press(&mut a, "e");
    run(&store, &mut a, cmds);
    let Some(Modal::Form(form)) = a.modal_mut() else {
        panic!("the meeting's form")
    };
    form.focus = form
        .inputs
        .iter()
        .position(|f| f.key == FieldKey::Topic)
        .unwrap();
    for _ in 0.."старая тема".chars().count() {
        a.on_key(code(KeyCode::Backspace));
    }
    type_text(&mut a, "новая тема");
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .unwrap();
    run(&store, &mut a, vec![cmd]);
    assert_eq!(
        store.get::<Meeting>(1).unwrap().unwrap().topic,
        "новая тема"
    );
    let cmds = press(&mut a, "dy");
    run(&store, &mut a, cmds);
    let archived = store.get::<Meeting>(1).unwrap().unwrap();
    assert!(
        archived.archived,
        "the selection stayed on the meeting just edited"
    );
    assert!(!store.get::<Meeting>(2).unwrap().unwrap().archived);
    assert_eq!(a.selected_meetings().len(), 1);
    assert!(
        store.verify_indexes().unwrap().is_empty(),
        "the timeline follows"
    );
}

#[test]
fn the_meeting_form_records_who_attended() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 10, 3),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    press(&mut a, "4n");
    insta::assert_snapshot!("meeting_form", screen(&a, 80, 24).backend());
    let Some(Modal::Form(form)) = a.modal_mut() else {
        panic!("a meeting form")
    };
    let at = form
        .inputs
        .iter()
        .position(|f| f.key == FieldKey::Attendees)
        .unwrap();
    assert_eq!(
        form.inputs[at].raw(),
        "Кузнецова Ольга Ивановна; Петров Илья Сергеевич",
        "everyone in the pair is pre-filled"
    );
    form.focus = at;
    for _ in 0.."; Петров Илья Сергеевич".chars().count() {
        a.on_key(code(KeyCode::Backspace));
    }
    type_text(&mut a, "; орлов илья петрович");
    let save = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    assert!(a.on_key(save).is_none(), "a mentor of another pair");
    let Some(Modal::Form(form)) = a.modal() else {
        panic!()
    };
    assert_eq!(
        form.inputs[at].error.as_deref(),
        Some("«орлов илья петрович»: не из этой пары")
    );
    for _ in 0.."; орлов илья петрович".chars().count() {
        a.on_key(code(KeyCode::Backspace));
    }
    type_text(&mut a, "; петров илья сергеевич"); // case is folded
    let cmd = a.on_key(save).expect("valid");
    run(&store, &mut a, vec![cmd]);
    assert_eq!(
        store.get::<Meeting>(1).unwrap().unwrap().attendees,
        vec![PersonRef::Mentor(1), PersonRef::Mentee(1)]
    );
    press(&mut a, "e");
    let cmds = press(&mut a, "e");
    run(&store, &mut a, cmds);
    let Some(Modal::Form(form)) = a.modal_mut() else {
        panic!("the meeting's form")
    };
    form.focus = at;
    for _ in 0.."; Петров Илья Сергеевич".chars().count() {
        a.on_key(code(KeyCode::Backspace));
    }
    let cmd = a.on_key(save).expect("valid");
    run(&store, &mut a, vec![cmd]);
    assert_eq!(
        store.get::<Meeting>(1).unwrap().unwrap().attendees,
        vec![PersonRef::Mentor(1)],
        "the mentee was absent"
    );
}

#[test]
fn the_reports_pane_shows_gauges_previews_and_saves() {
    let mut ds = dataset();
    let o = ds.orgs.get_mut(&1).unwrap();
    o.totals.pupils_10_19 = Some(10);
    o.targets = vec![YearTargets {
        year: "2024/2025".into(),
        mentees_10_19_pct: Some(20.0),
        young_teachers_pct: Some(50.0),
        ..YearTargets::default()
    }];
    let (dir, store) = store_with(ds);
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 11, 1),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    press(&mut a, "6");
    // Two organisations: all of them at first, where the gymnasium has no
    // totals; o picks the school.
    assert_eq!(a.reports.gauges[0].indicator.value, None);
    press(&mut a, "o");
    let g = &a.reports.gauges;
    // Петров (young teacher) is in the active pair; the pupil's pair is
    // still формируется, so no pupil counts yet.
    assert_eq!((g[0].indicator.value, g[0].target), (Some(0.0), Some(20.0)));
    assert_eq!(g[3].indicator.value, None, "no total of enterprises");
    insta::assert_snapshot!("reports_pane", screen(&a, 80, 24).backend());
    a.reports.settings.dir = dir.path().to_path_buf();

    // Enter reads the coverage report; keys scroll it; Esc goes back.
    a.on_key(code(KeyCode::Enter));
    let lines = a.reports.preview.as_ref().expect("a preview").lines.clone();
    assert!(lines[0].contains("Информация о численности"));
    assert!(lines
        .iter()
        .all(|l| unicode_width::UnicodeWidthStr::width(l.as_str()) <= 78));
    a.on_key(code(KeyCode::PageDown));
    assert!(a.reports.preview.as_ref().unwrap().scroll > 0);
    a.resized(120, a.page);
    assert_eq!(
        a.reports.preview.as_ref().unwrap().width,
        118,
        "laid out again"
    );

    // p: a period with only a start is refused; then a whole one is set.
    press(&mut a, "p");
    type_text(&mut a, "01.10.2024");
    let save = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    assert!(a.on_key(save).is_none());
    let Some(Modal::Form(form)) = a.modal() else {
        panic!("the settings form stays open")
    };
    assert_eq!(
        form.inputs[1].error.as_deref(),
        Some("укажите и конец периода")
    );
    assert_eq!(form.focus, 1, "the cursor goes to the field to mend");
    type_text(&mut a, "31.12.2024");
    assert!(a.on_key(save).is_none(), "settings stay in the pane");
    assert!(a.modal().is_none());
    assert_eq!(a.reports.settings.from, Some(d(2024, 10, 1)));
    assert!(
        a.reports
            .preview
            .as_ref()
            .unwrap()
            .lines
            .iter()
            .any(|l| l == "Период: 01.10.2024 – 31.12.2024"),
        "the open preview follows the new period"
    );

    // w writes the file (0600) and says where.
    let cmds = press(&mut a, "w");
    run(&store, &mut a, cmds);
    let path = dir.path().join("coverage_2024-10-01_2024-12-31.txt");
    let text = std::fs::read_to_string(&path).expect("saved");
    assert!(text.contains("Период: 01.10.2024 – 31.12.2024"));
    assert!(text
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100));
    let said = &a.message.as_ref().unwrap().text;
    assert!(said.starts_with("Отчёт сохранён: /"), "{said}");
    assert!(
        said.ends_with("coverage_2024-10-01_2024-12-31.txt"),
        "{said}"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // Again: the file is there, so w asks, and n leaves it as it was.
    std::fs::write(&path, "handed in").unwrap();
    assert!(press(&mut a, "w").is_empty());
    assert!(matches!(a.modal(), Some(Modal::Confirm { .. })));
    assert!(press(&mut a, "n").is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "handed in");
    a.on_key(code(KeyCode::Esc));
    assert!(a.reports.preview.is_none(), "Esc goes back to the list");
}

/// The app on 01.11.2024 in Анкеты, the shipped questionnaires copied in
/// on that first visit.
fn in_surveys(store: &Store) -> App {
    let mut a = nastavnik::tui::app_for(store, Lang::Ru, Keymap::default_map()).unwrap();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 11, 1),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    let cmds = press(&mut a, "5");
    run(store, &mut a, cmds);
    a
}

#[test]
fn a_questionnaire_is_entered_by_keyboard_and_a_draft_resumed() {
    let (_dir, store) = store_with(dataset());
    // The shipped questionnaires are copied in on first use.
    let mut a = in_surveys(&store);
    assert_eq!(store.list::<SurveyTemplate>().unwrap().len(), 5);
    assert!(
        press(&mut a, "1").is_empty() && press(&mut a, "5").is_empty(),
        "only once"
    );
    use nastavnik::tui::app::SurveyItem;
    let items = a.survey_items();
    let owed: Vec<PersonRef> = items
        .iter()
        .filter_map(|i| match i {
            SurveyItem::Owed(o) => Some(o.who),
            _ => None,
        })
        .collect();
    assert_eq!(
        owed,
        [PersonRef::Mentor(1), PersonRef::Mentee(1)],
        "the active pair owes entry questionnaires; the forming one does not"
    );

    // The mentee's entry questionnaire: three growth marks, a scale, yes/no
    // and two open questions.
    press(&mut a, "j");
    a.on_key(code(KeyCode::Enter));
    press(&mut a, "0");
    let Some(Modal::Questionnaire(e)) = a.modal() else {
        panic!("the questionnaire is open")
    };
    assert_eq!(e.error.as_deref(), Some("оценка 0 вне шкалы 1–10"));
    press(&mut a, "7"); // taken at once: no mark starts with 7 and goes on
    press(&mut a, "10"); // 1 waits for a possible 10
    press(&mut a, "3");
    press(&mut a, "1");
    a.on_key(code(KeyCode::Enter)); // a lone 1 is taken by Enter
    insta::assert_snapshot!("questionnaire", screen(&a, 80, 24).backend());
    press(&mut a, "н"); // y in the Russian layout: да
    type_text(&mut a, "Вести уроки увереннее");
    a.on_key(code(KeyCode::Enter));
    let save = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    let cmd = a
        .on_key(save)
        .expect("complete: the last open answer may stay empty");
    run(&store, &mut a, vec![cmd]);
    assert_eq!(a.message.as_ref().unwrap().text, "Анкета сохранена.");
    let saved = store.list::<SurveyResponse>().unwrap();
    assert_eq!(saved.len(), 1);
    let r = &saved[0];
    assert_eq!(
        (r.respondent, r.stage, r.unit_id, r.draft, r.date),
        (
            PersonRef::Mentee(1),
            SurveyStage::Entry,
            Some(1),
            false,
            d(2024, 11, 1)
        )
    );
    let values: Vec<&AnswerValue> = r.answers.iter().map(|x| &x.value).collect();
    assert_eq!(
        values,
        [
            &AnswerValue::Scale(7),
            &AnswerValue::Scale(10),
            &AnswerValue::Scale(3),
            &AnswerValue::Scale(1),
            &AnswerValue::YesNo(true),
            &AnswerValue::Text("Вести уроки увереннее".into()),
        ]
    );

    // The mentor stops after one answer and keeps a draft.
    a.surveys.selected = 0;
    a.on_key(code(KeyCode::Enter));
    press(&mut a, "9");
    a.on_key(code(KeyCode::Esc));
    let cmds = press(&mut a, "y");
    run(&store, &mut a, cmds);
    assert_eq!(
        a.message.as_ref().unwrap().text,
        "Черновик анкеты сохранён."
    );
    let draft_at = a
        .survey_items()
        .iter()
        .position(|i| matches!(i, SurveyItem::Draft(_)))
        .expect("the draft is listed");
    assert_eq!(
        a.survey_items()
            .iter()
            .filter(|i| matches!(i, SurveyItem::Owed(_)))
            .count(),
        1,
        "a draft still owes the questionnaire"
    );
    a.surveys.selected = draft_at;
    a.on_key(code(KeyCode::Enter));
    let Some(Modal::Questionnaire(e)) = a.modal() else {
        panic!("the draft reopens")
    };
    assert_eq!(
        (e.current, e.answered()),
        (1, 1),
        "resumed at the first open question"
    );
}

#[test]
fn a_roadmap_item_is_marked_done_with_its_evidence() {
    let mut ds = dataset();
    for (id, number, deadline) in [
        (1, "1.1", "до 01.09.2024"),
        (2, "1.2", "в течение всего периода"),
        (3, "1.3", "до 01.10.2024"),
    ] {
        ds.roadmap.insert(
            id,
            RoadmapItem {
                id,
                org_id: 1,
                number: number.into(),
                section: "1. Нормативное обеспечение".into(),
                title: format!("Мероприятие {number}"),
                deadline_text: deadline.into(),
                deadline: nastavnik::roadmap::deadline::parse(deadline),
                ..RoadmapItem::default()
            },
        );
    }
    let (_dir, store) = store_with(ds);
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 9, 20),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    // Обзор lists the overdue item and the one due soon; Enter jumps there.
    let messages: Vec<String> = a
        .status
        .warnings
        .iter()
        .map(|w| w.message(Lang::Ru))
        .collect();
    assert!(
        messages
            .contains(&"дорожная карта 1.1: просрочено с 01.09.2024 — Мероприятие 1.1".to_string()),
        "{messages:?}"
    );
    assert!(messages.contains(&"дорожная карта 1.3: срок 01.10.2024 — Мероприятие 1.3".to_string()));
    press(&mut a, "7");
    assert_eq!(
        nastavnik::tui::panes::roadmap::roadmap_list(&a.shared, false),
        [1, 2, 3],
        "overdue first, then the document's order"
    );
    insta::assert_snapshot!("roadmap_tab", screen(&a, 80, 24).backend());
    press(&mut a, "у"); // e in the Russian layout
    let Some(Modal::Form(form)) = a.modal_mut() else {
        panic!("the item's form")
    };
    assert_eq!(form.inputs[0].key, FieldKey::Status);
    a.on_key(code(KeyCode::Right));
    a.on_key(code(KeyCode::Right));
    a.on_key(code(KeyCode::Tab));
    type_text(&mut a, "Приказ № 45 от 28.08.2024");
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .expect("valid");
    run(&store, &mut a, vec![cmd]);
    let item = store.get::<RoadmapItem>(1).unwrap().unwrap();
    assert_eq!(
        (item.status, item.evidence.as_str()),
        (RoadmapStatus::Done, "Приказ № 45 от 28.08.2024")
    );
    assert!(
        !a.status
            .warnings
            .iter()
            .any(|w| w.target == nastavnik::status::Target::Roadmap(1)),
        "done: no longer overdue"
    );
    // A deadline that is no date is kept, and the curator is told.
    press(&mut a, "e");
    let Some(Modal::Form(form)) = a.modal_mut() else {
        panic!()
    };
    form.focus = form
        .inputs
        .iter()
        .position(|f| f.key == FieldKey::Deadline)
        .unwrap();
    for _ in 0.."до 01.09.2024".chars().count() {
        a.on_key(code(KeyCode::Backspace));
    }
    type_text(&mut a, "в конце года");
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .expect("valid");
    run(&store, &mut a, vec![cmd]);
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("не распознан как дата"),
        "{}",
        a.message.as_ref().unwrap().text
    );
    assert_eq!(
        store.get::<RoadmapItem>(1).unwrap().unwrap().deadline_text,
        "в конце года"
    );
}

#[test]
fn the_organisation_filter_cycles_through_all_and_each() {
    let mut ds = dataset();
    let mut other = teacher(9, "Гимназистова Ирина Павловна");
    other.org_id = 2;
    ds.mentors.insert(9, other);
    let mut a = app_with(ds);
    assert_eq!(a.org_filter, None, "two organisations: all at first");
    press(&mut a, "2");
    let names = |a: &App| -> Vec<Id> {
        (0..a.bases.row_count())
            .filter_map(|i| a.bases.row(i))
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(names(&a), [1, 3, 9], "all live mentors");
    press(&mut a, "o");
    assert_eq!(a.org_filter, Some(1));
    assert_eq!(
        a.message.as_ref().unwrap().text,
        "Организация: МКОУ «СОШ № 5»"
    );
    assert_eq!(names(&a), [1, 3]);
    press(&mut a, "щ"); // o in the Russian layout
    assert_eq!(a.org_filter, Some(2));
    assert_eq!(names(&a), [9]);
    press(&mut a, "4");
    assert!(
        a.meetings.pair_list(&a.shared).is_empty(),
        "the gymnasium has no pairs"
    );
    press(&mut a, "o");
    assert_eq!(a.org_filter, None, "and back to all");
    assert_eq!(a.meetings.pair_list(&a.shared).len(), 2);
}

#[test]
fn the_candidate_cursor_lands_on_the_proposal() {
    // The demo school: capacity makes the optimiser propose, for some
    // mentees, a mentor who is not their best-scored candidate.
    let today = d(2024, 11, 15);
    let ds = nastavnik::demo::generate(nastavnik::demo::Scale::School, 1, today);
    let mut a = app_with(ds);
    a.match_opts.as_of = today;
    press(&mut a, "3m");
    let (mut checked, mut not_first) = (0, 0);
    for _ in 0..a.matching.mentees().len() {
        let mentee = a.matching.selected_mentee().unwrap();
        if let Some(proposed) = a.matching.proposed_for(mentee) {
            assert_eq!(
                a.matching.selected_candidate().map(|c| c.mentor),
                Some(proposed),
                "the cursor is on the ★ of mentee #{mentee}"
            );
            checked += 1;
            not_first += usize::from(a.matching.candidates()[0].mentor != proposed);
        }
        press(&mut a, "j");
    }
    assert!(
        checked > 0 && not_first > 0,
        "{checked} proposals, {not_first} not first"
    );
}

#[test]
fn a_meeting_dated_in_the_future_is_asked_about_before_it_is_saved() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 10, 3),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    press(&mut a, "4n");
    for _ in 0.."03.10.2024".len() {
        a.on_key(code(KeyCode::Backspace));
    }
    type_text(&mut a, "03.10.2042");
    let save = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    assert!(a.on_key(save).is_none(), "not saved yet");
    let Some(Modal::Confirm { question, .. }) = a.modal() else {
        panic!("a question")
    };
    assert!(question.contains("будущим: 03.10.2042"), "{question}");
    // n goes back to the form to correct the year.
    press(&mut a, "n");
    assert!(matches!(a.modal(), Some(Modal::Form(_))));
    a.on_key(save);
    let cmds = press(&mut a, "y");
    assert!(
        matches!(cmds.as_slice(), [Command::Save(r)] if matches!(r.as_ref(), nastavnik::tui::form::Record::Meeting(m) if m.date == d(2042, 10, 3))),
        "y saves it as typed"
    );
}

#[test]
fn an_archived_meeting_can_be_restored_as_the_question_promised() {
    let (_dir, store) = store_with(dataset());
    store
        .insert(Meeting {
            unit_id: 1,
            org_id: 1,
            date: d(2024, 10, 2),
            kind: MeetingKind::Introduction,
            ..Meeting::default()
        })
        .unwrap();
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2024, 10, 3),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    press(&mut a, "4");
    assert_eq!(a.selected_meetings().len(), 1);
    let cmds = press(&mut a, "dy");
    run(&store, &mut a, cmds);
    assert!(a.selected_meetings().is_empty(), "archived");
    // The archive view lists it; r brings it back.
    press(&mut a, "a");
    assert_eq!(a.selected_meetings().len(), 1);
    let shown = format!("{:?}", screen(&a, 80, 24).backend());
    assert!(shown.contains("архив встреч"), "{shown}");
    let cmds = press(&mut a, "r");
    run(&store, &mut a, cmds);
    assert!(a.selected_meetings().is_empty(), "none left in the archive");
    press(&mut a, "a");
    assert_eq!(a.selected_meetings().len(), 1, "back among the live ones");
    assert!(!store.get::<Meeting>(1).unwrap().unwrap().archived);
}

#[test]
fn enter_on_a_template_opens_it() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    let cmds = press(&mut a, "5");
    run(&store, &mut a, cmds);
    // F steps back from «к заполнению» to the last filter, the templates.
    press(&mut a, "F");
    use nastavnik::tui::app::SurveyItem;
    let at = a
        .survey_items()
        .iter()
        .position(|i| matches!(i, SurveyItem::Template(_)))
        .unwrap();
    a.surveys.selected = at;
    let shown = format!("{:?}", screen(&a, 80, 24).backend());
    assert!(
        shown.contains("Enter или e"),
        "the detail says what Enter does"
    );
    a.on_key(code(KeyCode::Enter));
    let Some(Modal::Form(form)) = a.modal() else {
        panic!("the template's form")
    };
    assert!(form.title(Lang::Ru).starts_with("Шаблон анкеты #"));
}

#[test]
fn u_takes_back_accepting_every_proposal_and_ctrl_y_puts_it_back() {
    let (_dir, store) = store_with(matching_dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.match_opts.as_of = d(2024, 10, 1);
    let before = store.list::<Unit>().unwrap().len();
    let cmds = press(&mut a, "3mYy");
    run(&store, &mut a, cmds);
    assert!(store.list::<Unit>().unwrap().len() > before);
    // г is u in the Russian layout.
    let cmds = press(&mut a, "г");
    run(&store, &mut a, cmds);
    assert_eq!(store.list::<Unit>().unwrap().len(), before);
    let said = &a.message.as_ref().unwrap().text;
    assert!(said.starts_with("Отменено: принятие "), "{said}");
    // Pairs and groups together, as «Y» counted them.
    assert!(
        said.contains("пар и групп") || said.contains("пары или группы"),
        "{said}"
    );
    assert_eq!(a.matching.mentees().len(), 2, "both mentees wait again");
    let redo = a
        .on_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL))
        .expect("redo");
    run(&store, &mut a, vec![redo]);
    assert!(store.list::<Unit>().unwrap().len() > before);
    assert!(a
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("Повторено: принятие"));
}

#[test]
fn undo_takes_back_a_form_save_and_says_so_when_there_is_nothing() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    let cmds = press(&mut a, "u");
    run(&store, &mut a, cmds);
    assert_eq!(a.message.as_ref().unwrap().text, "Отменять нечего.");
    press(&mut a, "2n");
    type_text(&mut a, "Фёдорова Мария Ивановна");
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .expect("save");
    run(&store, &mut a, vec![cmd]);
    let undo = a
        .on_key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL))
        .expect("undo");
    run(&store, &mut a, vec![undo]);
    assert_eq!(store.get::<Mentor>(4).unwrap(), None);
    assert!(!a.rows().iter().any(|r| r.id == 4));
    assert!(a
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("Отменено: добавление наставника"));
}

#[test]
fn accepting_one_proposal_keeps_the_others_and_a_change_elsewhere_marks_them_stale() {
    let (_dir, store) = store_with(matching_dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.match_opts.as_of = d(2024, 10, 1);
    let cmds = press(&mut a, "3my");
    run(&store, &mut a, cmds);
    assert_eq!(a.matching.mentees().len(), 1);
    let left = a.matching.mentees()[0];
    assert!(
        a.matching.proposed_for(left).is_some(),
        "the other proposal stays"
    );
    assert!(!a.matching.stale);
    let proposed = a.matching.proposed_for(left);
    assert_eq!(
        a.matching.selected_candidate().map(|c| c.mentor),
        proposed,
        "the cursor is on it"
    );
    // A mentor edited elsewhere: the proposal is kept but marked.
    let mut m = store.get::<Mentor>(1).unwrap().unwrap();
    m.person.contacts = "8-900".into();
    run(
        &store,
        &mut a,
        vec![Command::Save(Box::new(
            nastavnik::tui::form::Record::Mentor(m),
        ))],
    );
    press(&mut a, "3");
    assert!(a.matching.stale && a.matching.proposed_for(left).is_some());
    let text = format!("{:?}", screen(&a, 80, 24).backend());
    assert!(text.contains("★ устарели"), "{text}");
}

#[test]
fn one_school_reaches_its_settings_and_targets_from_reports_and_bases() {
    let mut ds = dataset();
    ds.orgs.remove(&2);
    let (_dir, store) = store_with(ds);
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    let text = format!("{:?}", screen(&a, 80, 24).backend());
    assert!(!text.contains("Организации"), "not on Обзор");
    // Отчёты, then O (Щ in the Russian layout is o; O is Shift+щ).
    press(&mut a, "6O");
    assert!(matches!(a.modal(), Some(Modal::Form(_))));
    // Past the names, ИНН, ОГРН, the head, the curator's fields and the totals.
    for _ in 0..14 {
        a.on_key(code(KeyCode::Tab));
    }
    type_text(&mut a, "30,5");
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .expect("save");
    run(&store, &mut a, vec![cmd]);
    let o = store.get::<Organisation>(1).unwrap().unwrap();
    assert_eq!(o.targets.len(), 1);
    assert_eq!(o.targets[0].year, "2024/2025");
    assert_eq!(o.targets[0].mentees_10_19_pct, Some(30.5));
    // Базы has the Организации section with one school too.
    press(&mut a, "2hhhh");
    let text = format!("{:?}", screen(&a, 80, 24).backend());
    assert!(text.contains("Организации"), "{text}");
}

#[test]
fn a_roadmap_item_is_added_by_hand_archived_and_restored() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "7n");
    assert!(matches!(a.modal(), Some(Modal::Form(_))));
    // The title is required: saving without it stays in the form.
    let cmd = a.on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
    assert!(cmd.is_none() && a.modal().is_some());
    // The focus went to the field at fault.
    type_text(&mut a, "Провести педсовет о наставничестве");
    a.on_key(code(KeyCode::Tab));
    type_text(&mut a, "до 15.03.2025");
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .expect("save");
    run(&store, &mut a, vec![cmd]);
    let items = store.list::<RoadmapItem>().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].title, "Провести педсовет о наставничестве");
    // The first item of an empty roadmap is numbered 1, and its deadline,
    // typed as a date, is shown once.
    assert_eq!(items[0].number, "1");
    assert!(items[0].deadline.is_some());
    let text = screen(&a, 80, 24).backend().to_string();
    assert!(text.contains("1 Провести педсовет"), "{text}");
    assert!(text.contains("Срок: до 15.03.2025 · статус"), "{text}");
    // в = d in the Russian layout; then y.
    let cmds = press(&mut a, "вy");
    run(&store, &mut a, cmds);
    assert!(store.list::<RoadmapItem>().unwrap()[0].archived);
    let cmds = press(&mut a, "ar");
    run(&store, &mut a, cmds);
    assert!(!store.list::<RoadmapItem>().unwrap()[0].archived);
}

#[test]
fn a_pairs_card_shows_its_people_and_history_and_a_group_grows_by_its_form() {
    let mut ds = dataset();
    ds.mentees
        .insert(3, young_teacher(3, "Лебедева Вера Олеговна"));
    let (_dir, store) = store_with(ds);
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "4");
    let cmd = a.on_key(code(KeyCode::Enter));
    run(&store, &mut a, cmd.into_iter().collect());
    assert!(a.meetings.card);
    let text = format!("{:?}", screen(&a, 80, 24).backend());
    for wanted in [
        "Кузнецова Ольга Ивановна",
        "Петров Илья Сергеевич",
        "История изменений",
    ] {
        assert!(text.contains(wanted), "{wanted}: {text}");
    }
    // e edits who is in it: a second mentee makes a group.
    press(&mut a, "e");
    {
        let Some(Modal::Form(form)) = a.modal_mut() else {
            panic!("a form")
        };
        form.focus_on(FieldKey::Mentees);
    }
    type_text(&mut a, "; Лебедева Вера Олеговна");
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .expect("save");
    run(&store, &mut a, vec![cmd]);
    assert_eq!(store.get::<Unit>(1).unwrap().unwrap().mentees, vec![1, 3]);
    let text = format!("{:?}", screen(&a, 80, 24).backend());
    assert!(text.contains("Группа #1"), "{text}");
    assert!(
        text.contains("Наставляемые: Петров Илья Сергеевич → Петров Илья Сергеевич; Лебедева"),
        "the history says it in words: {text}"
    );
}

#[test]
fn a_pair_is_terminated_with_a_reason_archived_and_restored() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "4");
    let cmd = a.on_key(code(KeyCode::Enter));
    run(&store, &mut a, cmd.into_iter().collect());
    // е is t in the Russian layout: terminate asks for the reason.
    press(&mut a, "е");
    let save = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    assert!(a.on_key(save).is_none(), "no reason, no save");
    assert!(form_errors(&a)
        .iter()
        .any(|(k, _)| *k == FieldKey::EndReason));
    type_text(&mut a, "наставник переведён в другую школу");
    let cmd = a.on_key(save).expect("saved with the reason");
    run(&store, &mut a, vec![cmd]);
    let u = store.get::<Unit>(1).unwrap().unwrap();
    assert_eq!(u.status, UnitStatus::Terminated);
    assert_eq!(u.end_reason, "наставник переведён в другую школу");
    assert!(u.end.is_some());
    let cmds = press(&mut a, "dy");
    run(&store, &mut a, cmds);
    assert!(store.get::<Unit>(1).unwrap().unwrap().archived);
    // Back to the list; the archived filter is the fourth; r restores.
    a.on_key(code(KeyCode::Esc));
    for _ in 0..3 {
        press(&mut a, "f");
    }
    let cmds = press(&mut a, "r");
    run(&store, &mut a, cmds);
    assert!(!store.get::<Unit>(1).unwrap().unwrap().archived);
}

#[test]
fn editing_keys_clear_words_and_lines_and_a_date_is_typed_over() {
    let mut a = app_with(dataset());
    press(&mut a, "2n");
    type_text(&mut a, "Иванова-Петрова Анна");
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    a.on_key(ctrl('w'));
    let raw = |a: &App| {
        let Some(Modal::Form(form)) = a.modal() else {
            panic!("a form")
        };
        form.focused().raw()
    };
    assert_eq!(raw(&a), "Иванова-Петрова ");
    a.on_key(ctrl('u'));
    assert_eq!(raw(&a), "");
    type_text(&mut a, "Смирнова Ольга");
    a.on_key(code(KeyCode::Home));
    a.on_key(ctrl('k'));
    assert_eq!(raw(&a), "");
    // A filled-in date reached with Tab is typed over.
    let mut a = app_with(dataset());
    press(&mut a, "4n");
    a.on_key(code(KeyCode::BackTab));
    a.on_key(code(KeyCode::Tab));
    assert!(!raw(&a).is_empty(), "the meeting's date is filled in");
    type_text(&mut a, "01.09.2025");
    assert_eq!(raw(&a), "01.09.2025");
}

#[test]
fn a_name_of_thousands_of_characters_is_refused_beside_its_field() {
    let mut a = app_with(dataset());
    press(&mut a, "2n");
    a.on_paste(&"Я".repeat(600));
    assert!(a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .is_none());
    let errors = form_errors(&a);
    assert!(
        errors
            .iter()
            .any(|(k, e)| *k == FieldKey::FullName && e.contains("не больше 500")),
        "{errors:?}"
    );
}

#[test]
fn a_base_is_imported_from_the_files_dialog_after_its_check_and_exported() {
    let (dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "ФИО;Категория\nНовикова Ирина;педагог\nБез категории;\n",
    )
    .unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "ФИО;Категория\nНовикова Ирина Петровна;педагог\n").unwrap();
    let mentors = || store.list::<Mentor>().unwrap().len();
    let before = mentors();
    // ш is i in the Russian layout.
    press(&mut a, "ш");
    a.on_key(code(KeyCode::Enter)); // import mentors
    type_text(&mut a, bad.to_str().unwrap());
    let check = a.on_key(code(KeyCode::Enter)).expect("check");
    run(&store, &mut a, vec![check]);
    let text = format!("{:?}", screen(&a, 80, 24).backend());
    assert!(text.contains("строка 3: Категория"), "{text}");
    assert!(text.contains("Ничего не сохранено"), "{text}");
    assert!(press(&mut a, "y").is_empty(), "a bad file cannot be stored");
    a.on_key(code(KeyCode::Esc));
    assert_eq!(mentors(), before);

    press(&mut a, "i");
    a.on_key(code(KeyCode::Enter));
    type_text(&mut a, good.to_str().unwrap());
    let check = a.on_key(code(KeyCode::Enter)).expect("check");
    run(&store, &mut a, vec![check]);
    assert_eq!(mentors(), before, "the check stores nothing");
    let cmds = press(&mut a, "y");
    run(&store, &mut a, cmds);
    assert_eq!(mentors(), before + 1);
    assert!(a.message.as_ref().unwrap().text.contains("наставников — 1"));

    // Export the mentors (after the eight imports) to a new file.
    let out = dir.path().join("out.csv");
    press(&mut a, "i");
    for _ in 0..8 {
        a.on_key(code(KeyCode::Down));
    }
    a.on_key(code(KeyCode::Enter));
    a.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    type_text(&mut a, out.to_str().unwrap());
    let cmds: Vec<Command> = a.on_key(code(KeyCode::Enter)).into_iter().collect();
    run(&store, &mut a, cmds);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("Новикова Ирина Петровна"), "{written}");
    // Again: the file exists, so it asks.
    press(&mut a, "i");
    for _ in 0..8 {
        a.on_key(code(KeyCode::Down));
    }
    a.on_key(code(KeyCode::Enter));
    a.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    type_text(&mut a, out.to_str().unwrap());
    assert!(a.on_key(code(KeyCode::Enter)).is_none());
    assert!(matches!(a.modal(), Some(Modal::Confirm { .. })));
}

#[test]
fn esc_after_a_warning_was_opened_comes_back_to_the_overview() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    assert!(!a.visible_warnings().is_empty());
    let cmds: Vec<Command> = a.on_key(code(KeyCode::Enter)).into_iter().collect();
    run(&store, &mut a, cmds);
    assert_ne!(a.tab, Tab::Overview);
    a.on_key(code(KeyCode::Esc));
    assert_eq!(a.tab, Tab::Overview);
    // A tab switched to by hand does not come back on Esc.
    press(&mut a, "4");
    a.on_key(code(KeyCode::Esc));
    assert_eq!(a.tab, Tab::Meetings);
}

#[test]
fn slash_finds_pairs_and_roadmap_items_and_a_pairs_card_reads_its_meetings() {
    let mut ds = dataset();
    ds.meetings.insert(
        1,
        Meeting {
            id: 1,
            org_id: 1,
            unit_id: 1,
            date: d(2024, 10, 3),
            topic: "Разбор урока в 7Б".into(),
            outcome: "Наставляемый провёл урок сам".into(),
            feedback: Feedback {
                mentee_mark: Some(5),
                mentor_mark: None,
                comment: "Было полезно".into(),
            },
            ..Meeting::default()
        },
    );
    ds.roadmap.insert(
        1,
        RoadmapItem {
            id: 1,
            org_id: 1,
            number: "2.1".into(),
            title: "Провести педсовет".into(),
            ..RoadmapItem::default()
        },
    );
    ds.roadmap.insert(
        2,
        RoadmapItem {
            id: 2,
            org_id: 1,
            number: "2.2".into(),
            title: "Анкетирование".into(),
            ..RoadmapItem::default()
        },
    );
    let (_dir, store) = store_with(ds);
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "4/сомов");
    let pairs: Vec<Id> = a
        .meetings
        .pair_list(&a.shared)
        .iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(pairs, vec![2], "ё/е and case ignored");
    a.on_key(code(KeyCode::Esc));
    assert_eq!(a.meetings.pair_list(&a.shared).len(), 2);
    let cmd = a.on_key(code(KeyCode::Enter));
    run(&store, &mut a, cmd.into_iter().collect());
    let text = format!("{:?}", screen(&a, 80, 40).backend());
    for wanted in [
        "Разбор урока в 7Б",
        "Наставляемый провёл урок сам",
        "Было полезно",
    ] {
        assert!(text.contains(wanted), "{wanted}: {text}");
    }
    a.on_key(code(KeyCode::Esc));
    press(&mut a, "7/педсов");
    a.on_key(code(KeyCode::Enter));
    let text = format!("{:?}", screen(&a, 80, 24).backend());
    assert!(
        text.contains("Провести педсовет") && !text.contains("Анкетирование"),
        "{text}"
    );
}

#[test]
fn a_click_on_a_tab_shows_it_and_the_wheel_moves_through_the_list() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut a = app_with(dataset());
    let term = screen(&a, 80, 24);
    let buf = term.backend().buffer();
    let row: Vec<&str> = (0..80).map(|x| buf[(x, 0)].symbol()).collect();
    let column = (0..79).find(|&x| row[x] == "4" && row[x + 1] == ":");
    let click = |kind, column: usize, row| MouseEvent {
        kind,
        column: column as u16,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let at = column.expect("the tab bar shows Встречи");
    a.on_mouse(
        click(MouseEventKind::Down(MouseButton::Left), at + 2, 0),
        80,
    );
    assert_eq!(a.tab, Tab::Meetings);
    assert_eq!(a.meetings.selected, 0);
    a.on_mouse(click(MouseEventKind::ScrollDown, 10, 5), 80);
    assert_eq!(a.meetings.selected, 1);
    a.on_mouse(click(MouseEventKind::ScrollUp, 10, 5), 80);
    assert_eq!(a.meetings.selected, 0);

    // A click on a row selects it; on the selected row it opens the card.
    let left = |x: usize, y| click(MouseEventKind::Down(MouseButton::Left), x, y);
    press(&mut a, "2");
    screen(&a, 80, 24);
    let first_row = 3; // tabs, sections and the header above
    a.on_mouse(left(10, first_row + 1), 80);
    assert_eq!((a.bases.selected, a.bases.detail), (1, None));
    screen(&a, 80, 24);
    a.on_mouse(left(10, first_row + 1), 80);
    assert!(a.bases.detail.is_some(), "the card of the clicked row");
    a.on_key(code(KeyCode::Esc));

    // In Подбор пар a click on a candidate gives the candidates the keys.
    let mut m = app_with(matching_dataset());
    m.match_opts.as_of = d(2024, 10, 1);
    press(&mut m, "3");
    screen(&m, 80, 24);
    m.on_mouse(left(50, 2), 80);
    assert!(m.matching.candidates_focused);
    screen(&m, 80, 24);
    m.on_mouse(left(5, 3), 80);
    assert!(!m.matching.candidates_focused);
    assert_eq!(m.matching.mentee, 1);
    // Outside any list a click does nothing.
    screen(&m, 80, 24);
    assert!(m.on_mouse(left(5, 20), 80).is_none());

    // A question's buttons: «нет» closes it, «да» answers it.
    m.match_opts.as_of = d(2024, 10, 1);
    press(&mut m, "mY");
    assert!(matches!(m.modal(), Some(Modal::Confirm { .. })));
    let t = screen(&m, 80, 24);
    let buf = t.backend().buffer();
    let find = |label: &str| {
        (0..24u16)
            .find_map(|y| {
                let row: String = (0..80u16).map(|x| buf[(x, y)].symbol()).collect();
                row.find(label).map(|at| (row[..at].chars().count() + 2, y))
            })
            .expect(label)
    };
    let (no_x, no_y) = find("[ n нет ]");
    let (yes_x, yes_y) = find("[ y да ]");
    assert!(m
        .on_mouse(left(no_x, no_y), 80)
        .is_some_and(|c| c.is_none()));
    assert!(m.modal().is_none(), "«нет» closes the question");
    press(&mut m, "Y");
    screen(&m, 80, 24);
    let cmd = m.on_mouse(left(yes_x, yes_y), 80).flatten();
    assert!(
        matches!(cmd, Some(Command::CreatePairs(_))),
        "«да» creates the pairs"
    );
}

#[test]
fn the_curator_fills_in_the_swot_and_corrects_it_later_with_its_history() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    a.set_status_options(nastavnik::status::Options {
        as_of: d(2025, 5, 20),
        meetings: Default::default(),
        calendar: Default::default(),
    });
    let cmds = press(&mut a, "5");
    run(&store, &mut a, cmds);
    use nastavnik::tui::app::SurveyItem;
    let at = a
        .survey_items()
        .iter()
        .position(|i| *i == SurveyItem::Curator(1))
        .expect("the curator's questionnaire is to be filled in");
    a.surveys.selected = at;
    a.on_key(code(KeyCode::Enter));
    press(&mut a, "8");
    type_text(&mut a, "Сильная команда");
    a.on_key(code(KeyCode::Enter));
    type_text(&mut a, "Мало времени");
    a.on_key(code(KeyCode::Enter));
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .expect("the open answers may stay empty");
    run(&store, &mut a, vec![cmd]);
    let saved = store.list::<SurveyResponse>().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].respondent, saved[0].unit_id, saved[0].org_id),
        (PersonRef::Curator(1), None, 1),
        "the answers are the organisation's"
    );
    assert!(
        !a.survey_items().contains(&SurveyItem::Curator(1)),
        "filled in for this school year"
    );

    // Заполненные: read beside the list, corrected in the entry dialog.
    let cmds = press(&mut a, "f");
    run(&store, &mut a, cmds);
    assert_eq!(a.survey_items(), [SurveyItem::Done(saved[0].id)]);
    let shown = screen(&a, 80, 24).backend().to_string();
    assert!(shown.contains("заполненные 1"), "{shown}");
    assert!(
        shown.contains("Сильная команда"),
        "the answers are readable: {shown}"
    );
    a.on_key(code(KeyCode::Enter));
    for _ in 0..4 {
        a.on_key(code(KeyCode::Up));
    }
    press(&mut a, "9");
    let Some(Modal::Questionnaire(e)) = a.modal() else {
        panic!("the questionnaire is open")
    };
    assert!(e.is_submitted());
    let cmd = a
        .on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE))
        .expect("saved");
    run(&store, &mut a, vec![cmd]);
    let now = store.get::<SurveyResponse>(saved[0].id).unwrap().unwrap();
    assert_eq!(now.answers[0].value, AnswerValue::Scale(9));
    assert!(!now.draft, "a correction keeps it filled in");
    let shown = screen(&a, 80, 30).backend().to_string();
    assert!(
        shown.contains("Ответ 1: 8 → 9"),
        "the history in words: {shown}"
    );

    // A correction given up leaves it as it was.
    a.on_key(code(KeyCode::Enter));
    for _ in 0..4 {
        a.on_key(code(KeyCode::Up));
    }
    a.on_key(code(KeyCode::Delete));
    let cmd = a.on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
    assert!(
        cmd.is_none(),
        "a filled-in questionnaire does not become a draft"
    );
    a.on_key(code(KeyCode::Esc));
    assert!(matches!(a.modal(), Some(Modal::Confirm { .. })));
    let cmds = press(&mut a, "y");
    assert!(cmds.is_empty() && a.modal().is_none());
    assert_eq!(
        store.get::<SurveyResponse>(saved[0].id).unwrap().unwrap(),
        now
    );
}

/// Whether the selection mark at the given row and column is bold.
fn bold_at(t: &Terminal<TestBackend>, x: u16, y: u16) -> bool {
    let cell = &t.backend().buffer()[(x, y)];
    assert_eq!(cell.symbol(), "▶", "the mark is at ({x}, {y})");
    cell.modifier.contains(ratatui::style::Modifier::BOLD)
}

#[test]
fn two_lists_side_by_side_show_which_has_the_keys_and_search_finds_a_mentee() {
    let mut a = app_with(matching_dataset());
    a.match_opts.as_of = d(2024, 10, 1);
    press(&mut a, "3");
    let t = screen(&a, 80, 24);
    assert!(
        bold_at(&t, 1, 2) && !bold_at(&t, 35, 2),
        "the mentees have the keys"
    );
    assert_eq!(t.backend().buffer()[(0, 1)].symbol(), "┏", "a thick border");
    // → (l, or д in the Russian layout) gives the keys to the candidates.
    press(&mut a, "д");
    let t = screen(&a, 80, 24);
    assert!(!bold_at(&t, 1, 2) && bold_at(&t, 35, 2));
    assert_eq!(t.backend().buffer()[(34, 1)].symbol(), "┏");
    press(&mut a, "h");
    assert!(!a.matching.candidates_focused);

    // / finds a mentee by name or request; Esc gives the whole list back.
    press(&mut a, "/");
    type_text(&mut a, "дисципл");
    a.on_key(code(KeyCode::Enter));
    assert_eq!(a.matching.mentees(), [4]);
    let shown = screen(&a, 80, 24).backend().to_string();
    assert!(shown.contains("поиск: дисципл"), "{shown}");
    a.on_key(code(KeyCode::Esc));
    assert_eq!(a.matching.mentees(), [3, 4]);

    press(&mut a, "m");
    assert!(a.message.is_some());
    press(&mut a, "4");
    assert!(a.message.is_none(), "a message stays with its pane");
}

/// Opens the files dialog on its `n`-th entry (and the first questionnaire
/// offered, for answers), types `path` into it and runs the check.
fn import_from(a: &mut App, store: &Store, n: usize, pick_first_template: bool, path: &str) {
    let cmds = press(a, "i");
    run(store, a, cmds);
    for _ in 0..n {
        a.on_key(code(KeyCode::Down));
    }
    a.on_key(code(KeyCode::Enter));
    if pick_first_template {
        a.on_key(code(KeyCode::Enter));
    }
    type_text(a, path);
    let check = a.on_key(code(KeyCode::Enter)).expect("check");
    run(store, a, vec![check]);
}

#[test]
fn a_roadmap_and_a_forms_answers_are_imported_from_the_files_dialog() {
    let (dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/roadmap/rows.txt"
    );
    import_from(&mut a, &store, 6, false, fixture);
    let text = screen(&a, 80, 24).backend().to_string();
    assert!(text.contains("пунктов дорожной карты —"), "{text}");
    assert!(
        store.list::<RoadmapItem>().unwrap().is_empty(),
        "checked only"
    );
    let cmds = press(&mut a, "y");
    run(&store, &mut a, cmds);
    let items = store.list::<RoadmapItem>().unwrap();
    assert!(items.len() > 5 && items.iter().all(|i| i.org_id == 1));
    // A second import says the roadmap there now goes to the archive.
    import_from(&mut a, &store, 6, false, fixture);
    let text = screen(&a, 80, 24).backend().to_string();
    assert!(text.contains("уйдёт в архив"), "{text}");
    a.on_key(code(KeyCode::Esc));

    // The answers of an online form to the mentee's entry questionnaire
    // (the first one offered); a name not in the base is a row error.
    let form = dir.path().join("answers.csv");
    let question = "Насколько вам понятны цели программы наставничества?";
    std::fs::write(
        &form,
        format!("Отметка времени;ФИО;{question}\n20.11.2024 10:00;Никто Никакой;7\n"),
    )
    .unwrap();
    import_from(&mut a, &store, 7, true, form.to_str().unwrap());
    let text = screen(&a, 80, 24).backend().to_string();
    assert!(text.contains("Никто Никакой"), "{text}");
    assert!(press(&mut a, "y").is_empty(), "a bad file cannot be stored");
    a.on_key(code(KeyCode::Esc));
    std::fs::write(
        &form,
        format!("Отметка времени;ФИО;{question}\n20.11.2024 10:00;Петров Илья Сергеевич;7\n"),
    )
    .unwrap();
    import_from(&mut a, &store, 7, true, form.to_str().unwrap());
    let cmds = press(&mut a, "y");
    run(&store, &mut a, cmds);
    let saved = store.list::<SurveyResponse>().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].respondent, saved[0].date),
        (PersonRef::Mentee(1), d(2024, 11, 20))
    );
    assert!(a.message.as_ref().unwrap().text.contains("анкет — 1"));
    // One u takes the whole import back.
    let cmds = press(&mut a, "u");
    run(&store, &mut a, cmds);
    assert!(store.list::<SurveyResponse>().unwrap().is_empty());
}

#[test]
fn a_form_whose_record_another_process_changed_asks_before_saving_over_it() {
    let mut a = app();
    press(&mut a, "2e");
    assert!(matches!(a.modal(), Some(Modal::Form(_))));
    type_text(&mut a, " (правка)");
    // Another process changes a different record: the form goes on quietly.
    let mut other = dataset();
    other.mentees.values_mut().next().unwrap().person.notes = "извне".into();
    a.reload_from_outside(other.clone(), Default::default());
    assert!(!a.form_changed_outside());
    // Then this very record.
    let shown = a.rows()[0].id;
    other.mentors.get_mut(&shown).unwrap().person.contacts = "+7 111".into();
    a.reload_from_outside(other, Default::default());
    assert!(a.form_changed_outside());
    let said = a.message.as_ref().unwrap();
    assert!(
        said.text.contains("изменили в другом процессе"),
        "{}",
        said.text
    );
    let f2 = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    assert!(a.on_key(f2).is_none(), "nothing saved unasked");
    match a.modal() {
        Some(Modal::Confirm { question, .. }) => {
            assert!(
                question.contains("Сохранить ваши правки поверх"),
                "{question}"
            )
        }
        _ => panic!("a question"),
    }
    a.on_key(key('n'));
    assert!(matches!(a.modal(), Some(Modal::Form(_))));
    a.on_key(f2);
    let saved = a.on_key(key('y')).expect("saved once confirmed");
    assert!(matches!(saved, Command::Save(_)));
}

#[test]
fn a_person_erased_by_another_process_closes_their_form_and_is_never_written_back() {
    let (_dir, store) = store_with(dataset());
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "2e");
    type_text(&mut a, " (правка)");
    let f2 = KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE);
    let stale = a.on_key(f2).expect("a save, built before the erasure");
    let id = a.rows()[0].id;
    store
        .erase(nastavnik::store::erase::Subject::Mentor(id), d(2026, 12, 2))
        .unwrap();
    // The save built before the erasure is refused by the runtime.
    run(&store, &mut a, vec![stale]);
    let said = a.message.as_ref().unwrap();
    assert!(
        said.error && said.text.contains("удалены по его запросу"),
        "{}",
        said.text
    );
    let kept = store.get::<Mentor>(id).unwrap().unwrap();
    assert!(nastavnik::domain::erasure::is_erased_name(
        &kept.person.full_name
    ));
    // Read again, the form still open closes.
    assert!(matches!(a.modal(), Some(Modal::Form(_))));
    let mut ds = store.load_without_meetings().unwrap();
    ds.mentors.get_mut(&id).unwrap().person.notes.clear();
    assert!(a.reload_from_outside(ds, store.timelines().unwrap()));
    assert!(!matches!(a.modal(), Some(Modal::Form(_))));
    assert!(a.message.as_ref().unwrap().text.contains("форма закрыта"));
}

/// After each command the interface rereads only what the store's writes
/// touched; what it then holds is what a whole read gives: records saved,
/// new, archived, taken back and erased, and the timelines of the pairs a
/// meeting left and joined.
#[test]
fn what_a_command_touched_is_read_again_and_nothing_else_is_needed() {
    use nastavnik::store::EntityKind;
    use nastavnik::tui::form::Record;
    let today = d(2026, 11, 23);
    let ds = nastavnik::demo::generate(nastavnik::demo::Scale::School, 3, today);
    let (_dir, store) = store_with(ds);
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    let same_as_disk = |a: &App, what: &str| {
        assert!(
            a.data == store.load_without_meetings().unwrap(),
            "the data differs after {what}"
        );
        assert!(
            a.timelines == store.timelines().unwrap(),
            "the timelines differ after {what}"
        );
    };
    let units: Vec<Unit> = a.data.units.values().take(2).cloned().collect();
    let mut mentor = a.data.mentors.values().next().unwrap().clone();
    mentor.person.full_name.push_str(" (правка)");
    let version = a.version;
    execute(
        &store,
        &mut a,
        Command::Save(Box::new(Record::Mentor(mentor))),
    );
    assert!(a.version > version, "a save is followed");
    same_as_disk(&a, "a save");

    let meeting = Meeting {
        unit_id: units[0].id,
        date: today,
        topic: "Проверка".into(),
        ..Default::default()
    };
    execute(
        &store,
        &mut a,
        Command::Save(Box::new(Record::Meeting(meeting))),
    );
    same_as_disk(&a, "a new meeting");
    let id = store
        .meetings_of(units[0].id)
        .unwrap()
        .into_iter()
        .max()
        .unwrap();
    let mut moved: Meeting = store.get(id).unwrap().unwrap();
    moved.unit_id = units[1].id;
    execute(
        &store,
        &mut a,
        Command::Save(Box::new(Record::Meeting(moved))),
    );
    same_as_disk(&a, "a meeting moved to another pair");

    execute(
        &store,
        &mut a,
        Command::SetArchived(EntityKind::Meeting, id, true),
    );
    same_as_disk(&a, "an archived meeting");
    execute(
        &store,
        &mut a,
        Command::SetArchived(EntityKind::Unit, units[0].id, true),
    );
    same_as_disk(&a, "an archived pair");
    for (cmd, what) in [
        (Command::Undo, "an undo"),
        (Command::Undo, "a second undo"),
        (Command::Undo, "the undo of a meeting's move"),
        (Command::Undo, "the undo of a new meeting"),
        (Command::Redo, "a redo"),
    ] {
        execute(&store, &mut a, cmd);
        same_as_disk(&a, what);
    }
    let mentee = a.data.units[&units[1].id].mentees[0];
    execute(
        &store,
        &mut a,
        Command::Erase(nastavnik::store::erase::Subject::Mentee(mentee)),
    );
    same_as_disk(&a, "an erasure");
    execute(&store, &mut a, Command::LoadDemo);
    same_as_disk(&a, "a refused bulk load");
}

/// The hint bar of the pane shown, and its help's «Здесь» part, say what
/// its key table says: the hinted actions in the table's order with their
/// first key, and the help exactly the table's actions that have a key.
fn check_against_key_table(a: &mut App, state: &str) {
    use nastavnik::tui::keymap::{Action, Context};
    let hints = a.current().hints();
    let bar = {
        let t = screen(a, 240, 24);
        let text = t.backend().to_string();
        text.lines().nth(23).unwrap_or_default().to_string()
    };
    let mut from = 0;
    for action in &hints {
        let Some(key) = [Context::List, Context::Global]
            .into_iter()
            .find_map(|c| a.keymap.keys(c, *action).first().map(|k| k.to_string()))
        else {
            continue;
        };
        let said = format!("{key} {}", action.label(Lang::Ru));
        let at = bar[from..].find(&said).map(|i| i + from);
        assert!(at.is_some(), "{state}: «{said}» not in order on {bar:?}");
        from = at.unwrap_or(from) + said.len();
    }
    // The help, every page of it; wide, for 80 columns cut the longest
    // labels (left to the readability issue).
    assert!(a.on_key(key('?')).is_none());
    let mut help = String::new();
    for _ in 0..4 {
        help.push_str(&screen(a, 160, 24).backend().to_string());
        a.on_key(code(KeyCode::PageDown));
    }
    a.on_key(code(KeyCode::Esc));
    let listed: Vec<Action> = a
        .keymap
        .bindings_of(Context::List)
        .into_iter()
        .map(|(action, _)| action)
        .collect();
    let here: Vec<&str> = listed
        .iter()
        .filter(|x| a.current().has(**x))
        .map(|x| x.label(Lang::Ru))
        .collect();
    for action in &listed {
        let label = action.label(Lang::Ru);
        if a.current().has(*action) {
            assert!(help.contains(label), "{state}: the help lacks «{label}»");
        } else if !here.contains(&label) && !help_global_has(a, label) {
            assert!(!help.contains(label), "{state}: the help lists «{label}»");
        }
    }
}

/// Whether an action of the «Везде» part of the help has this label.
fn help_global_has(a: &App, label: &str) -> bool {
    use nastavnik::tui::keymap::Context;
    a.keymap
        .bindings_of(Context::Global)
        .iter()
        .any(|(x, _)| x.label(Lang::Ru) == label)
}

#[test]
fn every_panes_hint_bar_and_help_follow_its_key_table() {
    let mut a = app_with(nastavnik::demo::generate(
        nastavnik::demo::Scale::School,
        1,
        d(2026, 11, 23),
    ));
    let states: &[(&str, &[KeyEvent])] = &[
        ("обзор", &[]),
        ("базы", &[]),
        ("базы: карточка", &[code(KeyCode::Enter)]),
        ("базы: архив", &[code(KeyCode::Esc), key('a')]),
        ("подбор", &[]),
        ("встречи", &[]),
        ("встречи: карточка", &[code(KeyCode::Enter)]),
        ("анкеты", &[]),
        ("анкеты: шаблоны", &[key('f'), key('f')]),
        ("отчёты", &[]),
        ("отчёты: просмотр", &[code(KeyCode::Enter)]),
        ("дорожная карта", &[]),
        ("дорожная карта: архив", &[key('a')]),
    ];
    let tabs = [
        "обзор",
        "базы",
        "подбор",
        "встречи",
        "анкеты",
        "отчёты",
        "дорожная карта",
    ];
    for (state, keys) in states {
        let tab = tabs.iter().position(|t| state.starts_with(t)).unwrap_or(0);
        if !state.contains(':') {
            let digit = char::from_digit(tab as u32 + 1, 10).unwrap_or('1');
            assert!(a
                .on_key(key(digit))
                .is_none_or(|c| !matches!(c, Command::Save(_))));
        }
        for k in *keys {
            a.on_key(*k);
        }
        assert_eq!(a.tab, Tab::ALL[tab], "{state}");
        check_against_key_table(&mut a, state);
    }
}

/// A workbook of two sheets in the Files dialog: the sheets are listed with
/// their rows, the one picked is checked and said, and «y» stores it.
#[test]
fn the_files_dialog_asks_which_sheet_of_a_workbook_to_import() {
    let (dir, store) = temp_store();
    let file = dir.path().join("базы.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    for (sheet_name, people) in [
        ("Наставники", vec![("Кузнецова Ольга Ивановна", "педагог")]),
        (
            "Наставляемые",
            vec![
                ("Орлов Кирилл Андреевич", "молодой специалист"),
                ("Белова Анна Петровна", "педагог"),
            ],
        ),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name).unwrap();
        sheet.write_string(0, 0, "ФИО").unwrap();
        sheet.write_string(0, 1, "Категория").unwrap();
        for (i, (name, category)) in people.iter().enumerate() {
            sheet.write_string(i as u32 + 1, 0, *name).unwrap();
            sheet.write_string(i as u32 + 1, 1, *category).unwrap();
        }
    }
    book.save(&file).unwrap();
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "i");
    assert!(a.on_key(code(KeyCode::Down)).is_none());
    assert!(a.on_key(code(KeyCode::Enter)).is_none());
    type_text(&mut a, file.to_str().unwrap());
    let check = a.on_key(code(KeyCode::Enter)).expect("the check");
    execute(&store, &mut a, check);
    let text = screen(&a, 80, 24).backend().to_string();
    assert!(
        text.contains("Какой лист книги?")
            && text.contains("Наставники — строк: 2")
            && text.contains("Наставляемые — строк: 3"),
        "{text}"
    );
    assert!(a.on_key(code(KeyCode::Down)).is_none());
    let check = a.on_key(code(KeyCode::Enter)).expect("the sheet's check");
    execute(&store, &mut a, check);
    let text = screen(&a, 80, 24).backend().to_string();
    assert!(text.contains("прочитан лист «Наставляемые»"), "{text}");
    let import = a.on_key(key('y')).expect("the import");
    execute(&store, &mut a, import);
    let ds = store.load().unwrap();
    assert_eq!(ds.mentees.len(), 2, "the mentees sheet, not the mentors'");
    assert!(ds.mentors.is_empty());
}

/// An open answer being typed counts in the draft question as it does in
/// the saved draft («Отвечено 2/7», both).
#[test]
fn a_drafts_count_includes_the_open_answer_being_typed() {
    let (_dir, store) = store_with(dataset());
    let mut a = in_surveys(&store);
    press(&mut a, "j");
    a.on_key(code(KeyCode::Enter));
    press(&mut a, "7");
    for _ in 0..4 {
        a.on_key(code(KeyCode::Tab));
    }
    type_text(&mut a, "Вести уроки увереннее");
    let none = a.on_key(KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE));
    assert!(none.is_none(), "an incomplete questionnaire asks first");
    let text = screen(&a, 80, 24).backend().to_string();
    assert!(text.contains("Отвечено 2/7"), "{text}");
    let cmds = press(&mut a, "y");
    run(&store, &mut a, cmds);
    let saved = store.list::<SurveyResponse>().unwrap();
    assert_eq!(saved.len(), 1);
    assert!(saved[0].draft);
    assert_eq!(saved[0].answers.len(), 2);
}

/// A check's error longer than the dialog is wrapped, not cut with «…».
#[test]
fn the_files_dialog_wraps_a_long_import_error() {
    let (dir, store) = temp_store();
    let file = dir.path().join("наставляемые.csv");
    std::fs::write(&file, "ФИО;Категория\nОрлов Кирилл Андреевич;космонавт\n").unwrap();
    let mut a = nastavnik::tui::app_for(&store, Lang::Ru, Keymap::default_map()).unwrap();
    press(&mut a, "i");
    a.on_key(code(KeyCode::Down));
    a.on_key(code(KeyCode::Enter));
    type_text(&mut a, file.to_str().unwrap());
    let check = a.on_key(code(KeyCode::Enter)).expect("the check");
    execute(&store, &mut a, check);
    let text = screen(&a, 80, 24).backend().to_string();
    let choices = nastavnik::domain::MenteeCategory::choices(Lang::Ru);
    let last = choices.rsplit(", ").next().unwrap();
    assert!(text.contains("космонавт") && text.contains(last), "{text}");
    assert!(!text.contains('…'), "{text}");
}
