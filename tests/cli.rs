//! The real binary: status, exports, imports and the lock message.

mod common;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn bin(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("NASTAVNIK_DB")
        // No settings file: the default path points nowhere.
        .env_remove("NASTAVNIK_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent/nastavnik-test-config")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_second_process_is_told_who_holds_the_database() {
    let (dir, store) = common::temp_store();
    let path = dir.path().join("db");
    let started = Instant::now();
    let out = bin(&path, &["status"]);
    // The lock is tried, not waited for: the answer is immediate. The bound
    // here only catches a hang.
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("уже открыта другим процессом"), "{err}");
    assert!(
        err.contains(&format!("pid {}", std::process::id())),
        "{err}"
    );
    assert!(!err.contains("could not acquire lock"), "{err}");
    drop(store);
    assert!(
        bin(&path, &["status"]).status.success(),
        "usable once released"
    );
}

#[test]
fn demo_then_status_prints_sensible_figures_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let out = bin(&db, &["demo", "--seed", "4", "--as-of", "23.11.2026"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&bin(&db, &["status"]));
    assert!(text.contains("наставники"), "{text}");
    assert!(text.contains("ученик – ученик"), "{text}");
    let json: serde_json::Value =
        serde_json::from_slice(&bin(&db, &["status", "--json"]).stdout).unwrap();
    let mentors = json["bases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["base"] == "mentors")
        .unwrap();
    assert!(mentors["active"].as_u64().unwrap() > 40);
    assert!(json["pairs_by_status"]["active"].as_u64().unwrap() > 20);
    let en = stdout(&bin(&db, &["--lang", "en", "status"]));
    assert!(en.contains("pupil – pupil"), "{en}");
    let again = bin(&db, &["demo"]);
    assert!(!again.status.success(), "demo refuses a filled database");
}

#[test]
fn import_reports_errors_and_exits_nonzero_without_storing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("mentees.csv");
    std::fs::write(
        &file,
        "ФИО;Категория;Дата рождения\nИванов;педагог;32.01.1990\n",
    )
    .unwrap();
    let out = bin(&db, &["import", "mentees", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("строка 2: Дата рождения: «32.01.1990» — не дата"),
        "{}",
        stderr(&out)
    );
    let status: serde_json::Value =
        serde_json::from_slice(&bin(&db, &["status", "--json"]).stdout).unwrap();
    assert_eq!(status["bases"][1]["active"], 0);
}

#[test]
fn exports_go_to_files_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["demo", "--as-of", "01.10.2026"])
        .status
        .success());
    let out = dir.path().join("mentors.csv");
    assert!(bin(
        &db,
        &["export", "csv", "mentors", "--out", out.to_str().unwrap()]
    )
    .status
    .success());
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let db2 = dir.path().join("db2");
    let json = dir.path().join("b.json");
    assert!(
        bin(&db, &["export", "json", "--out", json.to_str().unwrap()])
            .status
            .success()
    );
    let restored = bin(&db2, &["import", "json", json.to_str().unwrap()]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    let again = bin(&db2, &["export", "json"]);
    assert_eq!(again.stdout, std::fs::read(&json).unwrap());
}

#[test]
fn org_settings_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["org", "add", "МКОУ «СОШ № 5»"]).status.success());
    let set = bin(
        &db,
        &[
            "org",
            "set",
            "--curator",
            "Миранова Г.С.",
            "--phone",
            "+7 900",
            "--pupils",
            "600",
        ],
    );
    assert!(set.status.success(), "{}", stderr(&set));
    assert!(
        bin(&db, &["org", "target", "2024", "--mentees-10-19", "32"])
            .status
            .success()
    );
    let list = stdout(&bin(&db, &["org", "list"]));
    assert!(
        list.contains("* #1 МКОУ «СОШ № 5» — куратор Миранова Г.С."),
        "{list}"
    );
    let backup: serde_json::Value =
        serde_json::from_slice(&bin(&db, &["export", "json"]).stdout).unwrap();
    assert_eq!(backup["organisations"][0]["totals"]["pupils"], 600);
    assert_eq!(
        backup["organisations"][0]["targets"][0]["mentees_10_19_pct"],
        32.0
    );
}

#[test]
fn match_proposes_in_tsv_and_applies_as_forming_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["demo", "--seed", "2", "--as-of", "23.11.2026"])
        .status
        .success());
    let tsv = stdout(&bin(
        &db,
        &["match", "--format", "tsv", "--as-of", "23.11.2026"],
    ));
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(
        lines[0],
        "mentee_id\tmentee\tmentor_id\tmentor\tform\tscore\texplanation"
    );
    let rows = &lines[1..lines.len() - 1];
    let sum: u32 = rows
        .iter()
        .map(|r| r.split('\t').nth(5).unwrap().parse::<u32>().unwrap())
        .sum();
    assert_eq!(
        lines.last().unwrap(),
        &format!("total\t{}\t{sum}", rows.len())
    );
    assert!(rows.len() > 10, "{tsv}");
    assert!(rows
        .iter()
        .all(|r| r.split('\t').count() == 7 && r.contains(" — ")));
    let cands = stdout(&bin(
        &db,
        &[
            "match",
            "--candidates",
            "--format",
            "tsv",
            "--as-of",
            "23.11.2026",
        ],
    ));
    assert!(cands.starts_with("mentee_id\tmentee\tmentor_id\tmentor\tscore\tcapacity_left\n"));
    assert!(cands.lines().count() > rows.len());
    let applied = bin(&db, &["match", "--apply", "--as-of", "23.11.2026"]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    let status: serde_json::Value =
        serde_json::from_slice(&bin(&db, &["status", "--json"]).stdout).unwrap();
    assert!(status["pairs_by_status"]["forming"].as_u64().unwrap() >= 10);
    let again = stdout(&bin(
        &db,
        &["match", "--format", "tsv", "--as-of", "23.11.2026"],
    ));
    assert_eq!(
        again.lines().last().unwrap(),
        "total\t0\t0",
        "everyone is matched now"
    );
}

#[test]
fn a_bad_config_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["org", "add", "МКОУ «СОШ № 5»"]).status.success());
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[matching]\nmin_score = 10\n[matching.weights]\nrequest = 95\nsubject = 15\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(["--db", db.to_str().unwrap(), "match"])
        .env("NASTAVNIK_CONFIG", &config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("в сумме"), "{}", stderr(&out));
    std::fs::write(&config, "[matching]\nmin_scor = 10\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(["--db", db.to_str().unwrap(), "match"])
        .env("NASTAVNIK_CONFIG", &config)
        .output()
        .unwrap();
    assert!(stderr(&out).contains("строка 2"), "{}", stderr(&out));
}

#[test]
fn reports_print_or_go_to_a_private_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["demo", "--seed", "5", "--as-of", "23.11.2026"])
        .status
        .success());
    for kind in [
        "coverage",
        "indicators",
        "mentors",
        "mentees",
        "pairs",
        "monitoring",
        "surveys",
    ] {
        let out = bin(
            &db,
            &["report", kind, "--as-of", "23.11.2026", "--width", "80"],
        );
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("Период:"), "{kind}");
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
            "{kind} wider than 80"
        );
    }
    let file = dir.path().join("охват.tsv");
    let out = bin(
        &db,
        &[
            "report",
            "coverage",
            "--org",
            "all",
            "--format",
            "tsv",
            "--from",
            "01.01.2026",
            "--to",
            "30.06.2026",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Отчёт сохранён"), "{}", stdout(&out));
    let tsv = std::fs::read_to_string(&file).unwrap();
    assert!(tsv.starts_with("indicator\t"), "{tsv}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "reports hold personal data");
    let bad = bin(&db, &["report", "coverage", "--org", "99"]);
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("нет организации #99"),
        "{}",
        stderr(&bad)
    );
    let bad = bin(&db, &["report", "coverage", "--from", "01.01.2026"]);
    assert!(!bad.status.success(), "--from needs --to");
}

#[test]
fn responses_import_lists_templates_and_refuses_unmatched_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["demo", "--seed", "6", "--as-of", "23.11.2026"])
        .status
        .success());
    let file = dir.path().join("ответы.csv");
    // Without --template the templates are listed (copied in on first use).
    let out = bin(&db, &["import", "responses", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Анкета наставляемого (итоговая)"),
        "{}",
        stderr(&out)
    );
    // With no file at all they are what was asked for: stdout, exit 0.
    let out = bin(&db, &["import", "responses"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Анкета наставляемого (итоговая)"));
    let out = bin(&db, &["import", "mentors"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("укажите файл"), "{}", stderr(&out));
    let export = stdout(&bin(&db, &["export", "json"]));
    let backup: serde_json::Value = serde_json::from_str(&export).unwrap();
    let (id, mentee) = common::unanswered_mentee(&backup, "mentee_exit");
    std::fs::write(
        &file,
        format!(
            "Отметка времени,ФИО,Насколько полезными были встречи?\n23.11.2026 10:00:00,{},9\n23.11.2026 10:05:00,Никто Никакой,8\n",
            mentee.to_uppercase()
        ),
    )
    .unwrap();
    let out = bin(
        &db,
        &[
            "import",
            "responses",
            "--template",
            &id,
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("Никто Никакой"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--skip-unmatched"));
    let out = bin(
        &db,
        &[
            "import",
            "responses",
            "--template",
            &id,
            "--skip-unmatched",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Импортировано и сохранено анкет: 1"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_roadmap_imports_once_and_replaces_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["org", "add", "МКОУ «СОШ № 5»"]).status.success());
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/roadmap/rows.txt"
    );
    let out = bin(&db, &["import", "roadmap", seed, "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Было бы пунктов: 9"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("2.2: «по отдельному плану»"),
        "unparsed deadlines are listed"
    );
    let out = bin(&db, &["import", "roadmap", seed]);
    assert!(
        stdout(&out).contains("Импортировано пунктов дорожной карты: 9"),
        "{}",
        stdout(&out)
    );
    let again = bin(&db, &["import", "roadmap", seed]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("--replace"), "{}", stderr(&again));
    let status = stdout(&bin(&db, &["status", "--as-of", "20.09.2025"]));
    assert!(
        status.contains("пункты дорожной карты просрочены"),
        "{status}"
    );
    assert!(
        status.contains("дорожная карта 1.2: просрочено с 15.09.2025"),
        "{status}"
    );
    assert!(bin(&db, &["import", "roadmap", seed, "--replace"])
        .status
        .success());
    let report = stdout(&bin(&db, &["report", "roadmap", "--as-of", "20.09.2025"]));
    assert!(report.contains("Выполнение дорожной карты"), "{report}");
    let export = stdout(&bin(&db, &["export", "json"]));
    let backup: serde_json::Value = serde_json::from_str(&export).unwrap();
    let items = backup["roadmap"].as_array().unwrap();
    assert_eq!(items.len(), 18);
    assert_eq!(
        items.iter().filter(|i| i["archived"] == true).count(),
        9,
        "the old one archived"
    );
}

#[test]
fn undo_takes_back_an_import_and_redo_makes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("mentees.csv");
    std::fs::write(
        &file,
        "ФИО;Категория\nИванов Иван;педагог\nПетров Пётр;педагог\n",
    )
    .unwrap();
    assert!(bin(&db, &["import", "mentees", file.to_str().unwrap()])
        .status
        .success());
    let active = |db: &std::path::Path| {
        let s: serde_json::Value =
            serde_json::from_slice(&bin(db, &["status", "--json"]).stdout).unwrap();
        s["bases"][1]["active"].as_u64().unwrap()
    };
    assert_eq!(active(&db), 2);
    let out = stdout(&bin(&db, &["undo"]));
    assert!(out.contains("Отменено: импорт 2 наставляемых"), "{out}");
    assert_eq!(active(&db), 0);
    let out = stdout(&bin(&db, &["--lang", "en", "redo"]));
    assert!(out.contains("Redone: importing 2 mentees"), "{out}");
    assert_eq!(active(&db), 2);
    let out = stdout(&bin(&db, &["redo"]));
    assert!(out.contains("Повторять нечего"), "{out}");
}

#[test]
fn the_command_line_refuses_nonsense_with_the_accepted_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let demo = bin(&db, &["demo", "--seed", "3"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    let refused = |args: &[&str], says: &str| {
        let out = bin(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stdout(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    };
    refused(&["org", "set", "--year", "banana"], "2025/2026");
    refused(&["org", "set", "--year", "2025/2027"], "2025/2026");
    refused(
        &["org", "target", "2025/2026", "--mentees-10-19", "150"],
        "от 0 до 100",
    );
    refused(
        &["org", "target", "прошлый", "--mentees-10-19", "5"],
        "2025 или 2025/2026",
    );
    refused(&["match", "--min-score", "101"], "0..=100");
    refused(&["report", "coverage", "--width", "39"], "40..=400");
    refused(
        &["match", "--candidates", "--format", "txt"],
        "только в tsv",
    );
    // What is accepted still is.
    let out = bin(&db, &["match", "--candidates", "--format", "tsv"]);
    assert!(stdout(&out).starts_with("mentee_id\t"));
    assert!(bin(&db, &["report", "coverage", "--width", "40"])
        .status
        .success());
    assert!(
        bin(&db, &["org", "target", "2026", "--mentees-10-19", "100"])
            .status
            .success()
    );
    // A settings file named on purpose must be there; an empty variable is not set.
    let named = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(["--db", db.to_str().unwrap(), "status"])
        .env("NASTAVNIK_CONFIG", dir.path().join("нет.toml"))
        .output()
        .unwrap();
    assert_eq!(named.status.code(), Some(2));
    assert!(
        stderr(&named).contains("файла настроек нет"),
        "{}",
        stderr(&named)
    );
    let unset = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(["--db", db.to_str().unwrap(), "status"])
        .env("NASTAVNIK_CONFIG", "")
        .output()
        .unwrap();
    assert!(unset.status.success(), "{}", stderr(&unset));
    let empty_db = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(["status"])
        .env("NASTAVNIK_DB", "")
        .env("XDG_DATA_HOME", dir.path().join("xdg"))
        .env_remove("NASTAVNIK_CONFIG")
        .output()
        .unwrap();
    assert!(
        stderr(&empty_db).contains("xdg/nastavnik"),
        "the default path is used: {}",
        stderr(&empty_db)
    );
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_itself() {
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("no-database");
    for shell in ["bash", "zsh", "fish"] {
        let out = bin(&nowhere, &["completions", shell]);
        assert!(out.status.success(), "{}", stderr(&out));
        let script = stdout(&out);
        for word in ["status", "import", "erase", "short", "sheet"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    let man = bin(&nowhere, &["manpage"]);
    assert!(man.status.success());
    let page = stdout(&man);
    assert!(
        page.contains(".TH nastavnik 1") && page.contains("completions"),
        "{page}"
    );
    assert!(!nowhere.exists(), "no database is made for them");
    let cargo =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let license = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/LICENSE")).unwrap();
    assert!(cargo.contains("license = \"MIT\"") && license.starts_with("MIT License"));
}

#[test]
fn a_renamed_school_is_merged_by_its_inn_not_added_again() {
    let dir = tempfile::tempdir().unwrap();
    let school = dir.path().join("school");
    let district = dir.path().join("district");
    let ok = |db: &std::path::Path, args: &[&str]| {
        let out = bin(db, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    ok(&school, &["demo", "--seed", "2"]);
    let refused = bin(&school, &["org", "set", "--inn", "7707083894"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("ИНН"), "{}", stderr(&refused));
    ok(
        &school,
        &[
            "org",
            "set",
            "--inn",
            "7707083893",
            "--ogrn",
            "1027700132195",
        ],
    );
    let first = dir.path().join("first.json");
    ok(
        &school,
        &[
            "export",
            "json",
            "--org",
            "1",
            "--out",
            first.to_str().unwrap(),
        ],
    );
    ok(&district, &["org", "add", "Управление образования"]);
    assert!(ok(&district, &["merge", first.to_str().unwrap()]).contains("добавлена"));
    ok(&school, &["org", "set", "--name", "МАОУ «Лицей № 7»"]);
    let second = dir.path().join("second.json");
    ok(
        &school,
        &[
            "export",
            "json",
            "--org",
            "1",
            "--out",
            second.to_str().unwrap(),
        ],
    );
    let merged = ok(&district, &["merge", second.to_str().unwrap()]);
    assert!(
        merged.contains("обновлена") && merged.contains("Лицей № 7"),
        "{merged}"
    );
    let list = ok(&district, &["org", "list"]);
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(list.contains("Лицей № 7"), "{list}");
}

/// Two different schools' exports merged into the same organisation (the
/// second read as a newer, changed export of the first), in both orders,
/// and the same file again: `check` stays clean each time (a meeting that
/// moved to another pair used to leave the old pair an empty timeline).
#[test]
fn merging_changed_exports_of_one_school_leaves_check_clean() {
    let dir = tempfile::tempdir().unwrap();
    let ok = |db: &std::path::Path, args: &[&str]| {
        let out = bin(db, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let mut exports = Vec::new();
    for seed in ["1", "2"] {
        let school = dir.path().join(format!("school-{seed}"));
        ok(&school, &["demo", "--seed", seed, "--as-of", "01.11.2026"]);
        let out = dir.path().join(format!("school-{seed}.json"));
        let path = out.to_str().unwrap().to_string();
        ok(&school, &["export", "json", "--org", "1", "--out", &path]);
        exports.push(path);
    }
    for (name, order) in [("ab", [0, 1]), ("ba", [1, 0])] {
        let district = dir.path().join(format!("district-{name}"));
        ok(&district, &["org", "add", "Управление образования"]);
        for i in order.into_iter().chain([order[1]]) {
            let said = ok(&district, &["merge", &exports[i]]);
            let check = bin(&district, &["check"]);
            assert!(
                check.status.success(),
                "{name}, after {said}: {}",
                stdout(&check)
            );
        }
    }
}

/// The notice's date follows a `calendar.toml` beside the database, and
/// the settings' `[calendar]` before it; a bad calendar file names its line.
#[test]
fn a_calendar_file_moves_the_notice_date() {
    use nastavnik::domain::*;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        let store = nastavnik::store::Store::open(&db).unwrap();
        let o = store.insert(common::org("МКОУ «СОШ № 5»")).unwrap();
        let m = store
            .insert(Mentor {
                org_id: o.id,
                ..common::teacher(0, "Кузнецова Ольга")
            })
            .unwrap();
        let e = store
            .insert(Mentee {
                org_id: o.id,
                ..common::young_teacher(0, "Сидоров Пётр")
            })
            .unwrap();
        store
            .insert(Unit {
                org_id: o.id,
                mentors: vec![m.id],
                mentees: vec![e.id],
                form: Form::TeacherTeacher,
                status: UnitStatus::Terminated,
                start: Some(common::d(2025, 9, 1)),
                end: Some(common::d(2026, 1, 12)),
                end_reason: "перевод наставника".into(),
                notice_date: Some(common::d(2025, 12, 29)),
                ..Unit::default()
            })
            .unwrap();
    }
    let status = || stdout(&bin(&db, &["status", "--as-of", "02.02.2026"]));
    assert!(
        status().contains("прошли бы только 13.01.2026"),
        "{}",
        status()
    );
    let beside = dir.path().join("calendar.toml");
    std::fs::write(&beside, "# a regional day off\noff = [\"12.01.2026\"]\n").unwrap();
    assert!(
        status().contains("прошли бы только 14.01.2026"),
        "{}",
        status()
    );
    // The settings' [calendar] comes first, a TOML date as good as text.
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[calendar]\noff = [2026-01-13]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "status",
            "--as-of",
            "02.02.2026",
        ])
        .env("NASTAVNIK_CONFIG", &config)
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("прошли бы только 14.01.2026"),
        "{}",
        stdout(&out)
    );
    std::fs::write(
        &beside,
        "off = [\"12.01.2026\"]\ntransfers = [{ from = \"03.01.2026\" }]\n",
    )
    .unwrap();
    let out = bin(&db, &["status", "--as-of", "02.02.2026"]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("calendar.toml, строка 2"),
        "{}",
        stderr(&out)
    );
}
