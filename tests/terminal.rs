//! The real binary in a pseudo-terminal at 80x24: a curator creates a
//! mentor through the form, quits, and the export shows the mentor; then
//! the same with every hotkey typed in the Russian layout; a meeting, a
//! report and a questionnaire as a curator enters them.

mod common;

use common::term::{Key, Term};
use std::path::Path;
use std::process::Command;

fn nastavnik(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn create_mentor(layout_keys: [&str; 3], name: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    nastavnik(&db, &["org", "add", "МКОУ «СОШ № 5»"]);
    let [bases_tab, new, quit] = layout_keys;
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    t.keys(&[bases_tab]);
    t.wait_for("[Наставники]");
    t.keys(&[new]);
    t.wait_for("новая запись");
    t.type_text(name);
    t.wait_for(name);
    t.key(Key::F2);
    t.wait_for("Сохранено.");
    t.keys(&[quit]);
    assert_eq!(t.wait_exit(), 0);
    nastavnik(&db, &["export", "csv", "mentors"])
}

#[test]
fn a_mentor_made_in_the_form_is_in_the_export() {
    let csv = create_mentor(["2", "n", "q"], "Ёлкина Дарья Ивановна");
    assert!(csv.contains("Ёлкина Дарья Ивановна;педагог"), "{csv}");
}

#[test]
fn the_same_with_hotkeys_typed_in_the_russian_layout() {
    // т is the n key, й the q key in ЙЦУКЕН.
    let csv = create_mentor(["2", "т", "й"], "Орлова Вера Павловна");
    assert!(csv.contains("Орлова Вера Павловна;педагог"), "{csv}");
}

#[test]
fn a_meeting_is_logged_with_cyrillic_multiline_notes_and_a_paste() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    nastavnik(&db, &["demo", "--seed", "3"]);
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    t.keys(&["4"]);
    t.wait_for("встречи");
    t.keys(&["n"]);
    t.wait_for("Встреча пары");
    // Eight fields down is «Что сделано».
    for _ in 0..8 {
        t.key(Key::Tab);
    }
    t.type_text("Разобрали задачи ОГЭ");
    t.key(Key::Enter);
    // A bracketed paste with a line break (terminals send it as CR) lands
    // in the notes and never submits.
    t.paste("Договорились: вариант №3\rи ещё ёлка");
    t.wait_for("вариант №3");
    t.key(Key::F2);
    t.wait_for("Сохранено.");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    let csv = nastavnik(&db, &["export", "csv", "meetings"]);
    assert!(
        csv.contains("\"Разобрали задачи ОГЭ\nДоговорились: вариант №3\nи ещё ёлка\""),
        "{}",
        csv.chars()
            .skip(csv.chars().count().saturating_sub(300))
            .collect::<String>()
    );
}

#[test]
fn a_report_is_read_resized_and_saved_from_the_reports_pane() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    nastavnik(&db, &["demo", "--seed", "3"]);
    let out_dir = dir.path().join("отчёты");
    std::fs::create_dir(&out_dir).unwrap();
    // Started from the folder the reports go to, as a curator would.
    let mut t = Term::start(&db, &[], &out_dir);
    t.wait_for("Обзор");
    t.keys(&["6"]);
    t.wait_for("Показатели и план");
    // о and ц are j and w in the Russian layout.
    t.keys(&["о"]);
    t.key(Key::Enter);
    t.wait_for("Показатели реализации целевой модели наставничества");
    t.key(Key::PageDown);
    t.wait_for("Уровень");
    t.resize(30, 110);
    // Laid out again to the new width: the indicator's name runs wider.
    t.wait_for("Доля учителей – молодых специалистов, вошедших в ");
    t.keys(&["ц"]);
    t.wait_for("Отчёт сохранён");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    let saved: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert!(saved[0].starts_with("indicators_"), "{saved:?}");
    let text = std::fs::read_to_string(out_dir.join(&saved[0])).unwrap();
    assert!(
        text.contains("Доля детей в возрасте от 10 до 19 лет"),
        "{text}"
    );
}

#[test]
fn a_whole_questionnaire_is_entered_by_keyboard() {
    use nastavnik::domain::*;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        // One active pair that owes its entry questionnaires.
        let store = nastavnik::store::Store::open(&db).unwrap();
        let day = chrono::NaiveDate::from_ymd_opt(2025, 9, 15).unwrap();
        store
            .insert(Organisation {
                name: "МКОУ «СОШ № 5»".into(),
                is_default: true,
                ..Organisation::default()
            })
            .unwrap();
        let person = |name: &str| Person {
            full_name: name.into(),
            consent: Some(Consent {
                date: day,
                by_guardian: false,
            }),
            ..Person::default()
        };
        store
            .insert(Mentor {
                org_id: 1,
                person: person("Кузнецова Ольга Ивановна"),
                category: MentorCategory::Teacher,
                capacity: 1,
                ..Mentor::default()
            })
            .unwrap();
        store
            .insert(Mentee {
                org_id: 1,
                person: person("Петров Илья Сергеевич"),
                category: MenteeCategory::YoungSpecialist,
                ..Mentee::default()
            })
            .unwrap();
        store
            .insert(Unit {
                org_id: 1,
                mentors: vec![1],
                mentees: vec![1],
                form: Form::TeacherTeacher,
                status: UnitStatus::Active,
                start: Some(day),
                ..Unit::default()
            })
            .unwrap();
    }
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    t.keys(&["5"]);
    t.wait_for("не заполнена · #1 Кузнецова");
    t.key(Key::Enter);
    t.wait_for("Анкета наставника (входная) · Кузнецова Ольга Ивановна · 0/6");
    // Three growth marks (10 takes two digits), one more mark, yes by the
    // н key of the Russian layout, then the open answer.
    for k in ["8", "1", "0", "6", "9"] {
        t.keys(&[k]);
    }
    t.wait_for("Вопрос 5/6");
    t.keys(&["н"]);
    t.wait_for("Вопрос 6/6");
    t.type_text("Научиться вести молодого коллегу");
    t.wait_for("Научиться вести молодого коллегу");
    t.key(Key::F2);
    t.wait_for("Анкета сохранена.");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    let backup: serde_json::Value =
        serde_json::from_str(&nastavnik(&db, &["export", "json"])).unwrap();
    let responses = backup["survey_responses"].as_array().unwrap();
    assert_eq!(responses.len(), 1);
    let answers: Vec<String> = responses[0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["value"]["value"].to_string())
        .collect();
    assert_eq!(
        answers,
        [
            "8",
            "10",
            "6",
            "9",
            "true",
            "\"Научиться вести молодого коллегу\""
        ]
    );
    assert_eq!(responses[0]["draft"], false);
}

#[test]
fn a_mentee_is_erased_from_the_card_after_a_question_that_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    nastavnik(&db, &["demo", "--seed", "3"]);
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    t.keys(&["2"]);
    t.wait_for("[Наставники]");
    t.key(Key::Text("\x1b[C")); // → to the mentees
    t.wait_for("[Наставляемые]");
    t.key(Key::Enter);
    // Ч is the X key in the Russian layout.
    t.keys(&["Ч"]);
    t.wait_for("Удалить по запросу все персональные данные «");
    let screen = t.screen();
    let name: String = screen
        .split_once("данные «")
        .and_then(|(_, rest)| rest.split_once('»'))
        .map(|(n, _)| n.to_string())
        .unwrap();
    assert!(name.split(' ').count() >= 2, "{name}");
    t.keys(&["y"]);
    t.wait_for("Персональные данные удалены");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    let surname = name.split(' ').next().unwrap();
    let full = name.as_str();
    let mut stack = vec![db.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                assert!(
                    !bytes.windows(full.len()).any(|w| w == full.as_bytes()),
                    "«{full}» in {}",
                    p.display()
                );
            }
        }
    }
    let csv = nastavnik(&db, &["export", "csv", "mentees"]);
    assert!(csv.contains("удалён по запросу"), "{csv}");
    assert!(!csv.contains(full), "{surname}");
}

/// Accepting every proposed pair asks first, in the Russian layout too, and
/// «no» creates nothing.
#[test]
fn accepting_every_proposal_asks_first_and_no_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    nastavnik(&db, &["demo", "--seed", "3"]);
    let before = nastavnik(&db, &["export", "csv", "pairs"]);
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    t.keys(&["3"]);
    t.wait_for("Ждут пары");
    // ь is the m key in ЙЦУКЕН; Y needs the Latin layout's Shift+y (Н).
    t.keys(&["ь"]);
    t.wait_for("Предложено пар:");
    t.keys(&["Н"]);
    t.wait_for("групп со статусом «формируется»?");
    t.keys(&["т"]); // т is n
    t.wait_for("Ждут пары");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(nastavnik(&db, &["export", "csv", "pairs"]), before);
}

#[test]
fn a_file_is_imported_after_its_check_undone_and_a_pair_terminated_in_the_russian_layout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    nastavnik(&db, &["demo", "--seed", "4"]);
    std::fs::write(
        dir.path().join("новые наставники.csv"),
        "ФИО;Категория\nЗагруженная Вера Павловна;педагог\n",
    )
    .unwrap();
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    // ш is i: the files dialog; Enter picks «import mentors».
    t.keys(&["ш"]);
    t.wait_for("Импорт из CSV или книги Excel/LibreOffice: наставники");
    t.key(Key::Enter);
    t.wait_for("Tab дополняет имя");
    t.type_text("нов");
    t.key(Key::Tab);
    t.wait_for("> новые наставники.csv");
    t.key(Key::Enter);
    t.wait_for("Будет добавлено: наставников — 1");
    t.keys(&["н"]); // н is y
    t.wait_for("Импортировано из");
    t.keys(&["г"]); // г is u
    t.wait_for("Отменено: импорт наставника");
    // A pair's card, then е (t) terminates it with a reason.
    t.keys(&["4"]);
    t.wait_for("Пары и группы");
    t.key(Key::Enter);
    t.wait_for("История изменений");
    t.keys(&["е"]);
    t.wait_for("Прекращение пары");
    t.type_text("переезд семьи");
    t.key(Key::F2);
    t.wait_for("Сохранено.");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    let mentors = nastavnik(&db, &["export", "csv", "mentors"]);
    assert!(!mentors.contains("Загруженная"), "the import was undone");
    // The first pair is terminated (its reason is in the store; the CSV of
    // pairs does not carry reasons yet).
    let pairs = nastavnik(&db, &["export", "csv", "pairs"]);
    let first = pairs.lines().nth(1).unwrap();
    assert!(first.contains(";прекращена;"), "{first}");
}

/// The places a curator had to leave the TUI for, reached from the
/// keyboard in the Russian layout: a warning opened and left, the
/// organisation's settings, a roadmap item added, found, archived and
/// restored, the curator's SWOT filled in and opened again to correct.
#[test]
fn a_years_housekeeping_without_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    nastavnik(&db, &["demo", "--seed", "5"]);
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Предупреждения");
    // Enter opens the warning's record; Esc comes back to Обзор.
    t.key(Key::Enter);
    t.wait_for("[4:Встречи]");
    t.key(Key::Esc);
    t.wait_for("[1:Обзор]");
    // Щ is O: the organisation and its targets.
    t.keys(&["Щ"]);
    t.wait_for("Цель: наставляемых 10–19 лет");
    t.key(Key::Esc);
    t.wait_for("[1:Обзор]");
    // Дорожная карта: т (n) adds an item by hand.
    t.keys(&["7"]);
    t.wait_for("Дорожная карта ·");
    t.keys(&["т"]);
    t.wait_for("Дорожная карта: новый пункт");
    for _ in 0..3 {
        t.key(Key::Tab);
    }
    t.type_text("Педсовет по итогам полугодия");
    t.key(Key::F2);
    t.wait_for("Сохранено.");
    // «.» is «/» in ЙЦУКЕН: the search finds it.
    t.keys(&["."]);
    t.type_text("педсовет");
    t.key(Key::Enter);
    t.wait_for("поиск: педсовет");
    // в (d) archives after a question, ф (a) shows the archive, к (r) restores.
    t.keys(&["в"]);
    t.wait_for("полугодия» в архив?");
    t.keys(&["н"]);
    t.wait_for("Пункт перенесён в архив");
    t.wait_for("ничего не найдено");
    t.key(Key::Esc);
    t.keys(&["ф"]);
    t.wait_for("Дорожная карта: архив");
    t.wait_for("Педсовет по итогам полугодия");
    t.keys(&["к"]);
    t.wait_for("Возвращено из архива.");
    // Анкеты: the curator's SWOT for the school year.
    t.keys(&["5"]);
    t.wait_for("куратор (SWOT)");
    t.key(Key::Enter);
    t.wait_for("Анкета куратора");
    t.type_text("8");
    t.type_text("Сильная команда наставников");
    t.key(Key::F2);
    t.wait_for("Анкета сохранена.");
    // а (f): the filled-in ones; Enter opens it to correct.
    t.keys(&["а"]);
    t.wait_for("заполненные");
    t.wait_for("Сильная команда наставников");
    t.key(Key::Enter);
    t.wait_for("· исправление");
    t.key(Key::Esc);
    t.wait_for("заполненные");
    t.keys(&["й"]);
    assert_eq!(t.wait_exit(), 0);
    let json = nastavnik(&db, &["export", "json"]);
    let ds: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = ds["roadmap"].as_array().expect("roadmap records");
    let added = items
        .iter()
        .find(|i| i["title"] == "Педсовет по итогам полугодия")
        .expect("the item is stored");
    assert_ne!(added["archived"], true, "restored");
    let curator = ds["survey_responses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["respondent"]["role"] == "curator")
        .count();
    assert_eq!(curator, 1, "the SWOT is the organisation's");
}

/// Встречи in the Russian layout: the pairs searched; a meeting dated in the
/// future is questioned and corrected; a meeting archived and restored from
/// the pair's meetings (→ gives them the keys); a pair archived from its
/// card and restored from the archived filter, reached with F (back).
#[test]
fn meetings_and_pairs_are_searched_questioned_archived_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    nastavnik(&db, &["demo", "--seed", "6"]);
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Предупреждения");
    t.keys(&["4"]);
    t.wait_for("Пары и группы");
    t.keys(&["."]);
    t.type_text("завершена");
    t.key(Key::Enter);
    t.wait_for("поиск: завершена");
    t.key(Key::Esc);
    // т (n): a meeting; its date, replaced as typed, is in the future.
    t.keys(&["т"]);
    t.wait_for(": новая");
    t.type_text("01.01.2031");
    t.key(Key::F2);
    t.wait_for("Встреча датирована будущим: 01.01.2031");
    t.keys(&["т"]); // n: back to the form to correct it
    t.wait_for(": новая");
    t.key(Key::Esc);
    t.wait_for("Отменить изменения?");
    t.keys(&["н"]);
    t.wait_for("Пары и группы");
    // д (l, →): the pair's meetings have the keys; в (d) archives one.
    t.keys(&["д", "в"]);
    t.wait_for("Перенести в архив встречу");
    t.keys(&["н"]);
    t.wait_for("Встреча перенесена в архив.");
    t.keys(&["ф"]); // a: the pair's archived meetings
    t.wait_for("архив встреч (r — вернуть)");
    t.keys(&["к"]);
    t.wait_for("Встреча возвращена из архива.");
    t.keys(&["ф", "р"]); // back to the meetings; ← to the pairs
                         // The pair's card: в (d) archives it, after a question.
    t.key(Key::Enter);
    t.wait_for("История изменений");
    t.keys(&["в"]);
    t.wait_for("в архив? Её можно");
    t.keys(&["н"]);
    t.wait_for("Пара перенесена в архив");
    // А (F) steps the filter back to «в архиве»; к (r) restores.
    t.keys(&["А"]);
    t.wait_for("Пары в архиве");
    t.keys(&["к"]);
    t.wait_for("Возвращено из архива.");
    t.keys(&["й"]);
    assert_eq!(t.wait_exit(), 0);
    let pairs = nastavnik(&db, &["export", "csv", "pairs"]);
    let meetings = nastavnik(&db, &["export", "csv", "meetings"]);
    assert!(
        !meetings.contains("01.01.2031"),
        "the future meeting was not kept"
    );
    let json = nastavnik(&db, &["export", "json"]);
    let ds: serde_json::Value = serde_json::from_str(&json).unwrap();
    let archived = |kind: &str| {
        ds[kind]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["archived"] == true)
            .count()
    };
    assert_eq!((archived("units"), archived("meetings")), (0, 0), "{pairs}");
}

/// A backup taken from the files dialog runs beside the interface: the
/// message line names it while it runs and says where it went; quitting
/// at once after starting one waits for it, and it is whole.
#[test]
fn a_backup_from_the_files_dialog_is_written_and_quitting_waits_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    nastavnik(&db, &["demo", "--seed", "4"]);
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    let backup_now = |t: &mut Term| {
        t.keys(&["ш"]);
        t.wait_for("Импорт из CSV или книги Excel/LibreOffice: наставники");
        for _ in 0..20 {
            t.key(Key::Down);
        }
        t.wait_for("▶ Резервная копия базы сейчас");
        t.key(Key::Enter);
    };
    backup_now(&mut t);
    t.wait_for("Резервная копия: ");
    let taken = |db: &Path| std::fs::read_dir(db.join("backups")).map_or(0, |d| d.count());
    assert_eq!(taken(&db), 1);
    std::fs::remove_dir_all(db.join("backups")).unwrap();
    backup_now(&mut t);
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(taken(&db), 1, "the backup started before quitting is there");
    let listed = nastavnik(&db, &["backup", "list"]);
    assert!(listed.contains("nastavnik-"), "{listed}");
}
