//! One database, many processes: while the interface holds a database in a
//! pseudo-terminal, a second `nastavnik` on it runs its command through the
//! interface's process and says exactly what it says on its own; a stopped
//! holder and another user's process are told about; `status --short` and
//! `status --check` serve a prompt and cron.

mod common;

use common::term::{Key, Term};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::bin_in as run_in;

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What the read commands say, each as (stdout, stderr, exit code).
fn reads(cwd: &Path, db: &Path, out_file: &str) -> Vec<(Vec<u8>, Vec<u8>, Option<i32>)> {
    let mut commands: Vec<Vec<&str>> = vec![
        vec!["status"],
        vec!["status", "--json"],
        vec!["status", "--check"],
        vec!["status", "--as-of", "01.03.2027"],
        vec!["export", "csv", "mentees"],
        vec!["export", "csv", "pairs"],
        vec!["export", "json", "--out", out_file],
        vec!["export", "person", "mentee", "2"],
        vec!["match"],
        vec!["match", "--candidates", "--format", "tsv"],
        vec!["org", "list"],
        vec!["check"],
        // Errors say the same too.
        vec!["export", "person", "mentee", "999999"],
        vec!["report", "nonsense"],
    ];
    for kind in [
        "coverage",
        "indicators",
        "mentors",
        "mentees",
        "pairs",
        "monitoring",
        "surveys",
        "roadmap",
    ] {
        commands.push(vec!["report", kind]);
        commands.push(vec!["report", kind, "--format", "tsv"]);
    }
    commands
        .iter()
        .map(|args| {
            let o = run_in(cwd, db, args);
            (o.stdout, o.stderr, o.status.code())
        })
        .collect()
}

fn tui_on(db: &Path, cwd: &Path) -> Term {
    let t = Term::start(db, &[], cwd);
    t.wait_for("Обзор");
    let socket = db.join("nastavnik.sock");
    let start = Instant::now();
    while !socket.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(socket.exists(), "the interface listens");
    t
}

#[test]
fn commands_from_a_second_process_run_through_the_interface_and_say_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    ok(&run_in(dir.path(), &db, &["demo", "--seed", "8"]));
    let alone = reads(dir.path(), &db, "alone.json");
    let mut t = tui_on(&db, dir.path());
    let held = reads(dir.path(), &db, "held.json");
    for (i, (a, h)) in alone.iter().zip(&held).enumerate() {
        assert_eq!(
            a,
            h,
            "command {i}: alone\n{}\nthrough the holder\n{}",
            String::from_utf8_lossy(&a.0),
            String::from_utf8_lossy(&h.0)
        );
    }
    // The export was written at the asking process's relative path.
    let a = std::fs::read(dir.path().join("alone.json")).unwrap();
    let h = std::fs::read(dir.path().join("held.json")).unwrap();
    assert!(a.len() > 1000 && a == h, "the two exports differ");

    // A write: the interface shows the new mentor within a second.
    let csv = dir.path().join("new.csv");
    std::fs::write(
        &csv,
        "ФИО;Категория;Стаж;Согласие;Дата вхождения\nЧеремисина Ангелина Олеговна;педагог;7;01.09.2026;01.09.2026\n",
    )
    .unwrap();
    let imported = ok(&run_in(dir.path(), &db, &["import", "mentors", "new.csv"]));
    assert!(imported.contains("Импортировано и сохранено"), "{imported}");
    t.wait_for("Данные изменены другим процессом (nastavnik import)");
    t.keys(&["2", "/"]);
    t.type_text("Черемисина");
    t.wait_for("Черемисина Ангелина");
    t.key(Key::Esc);
    // Undo counts among the commands that only read, yet changes the data:
    // the interface reads it again too.
    assert!(ok(&run_in(dir.path(), &db, &["undo"])).contains("Отменено"));
    t.wait_for("(nastavnik undo)");
    assert!(ok(&run_in(dir.path(), &db, &["redo"])).contains("Повторено"));
    t.wait_for("(nastavnik redo)");
    // An erasure asks its question of the asking process's user: with no
    // terminal there, nothing is done.
    let copy = ok(&run_in(
        dir.path(),
        &db,
        &["export", "person", "mentee", "1"],
    ));
    let copy: serde_json::Value = serde_json::from_str(&copy).unwrap();
    let name = copy["record"]["person"]["full_name"]
        .as_str()
        .unwrap()
        .to_string();
    let asked = run_in(dir.path(), &db, &["erase", "mentee", "1"]);
    assert_eq!(asked.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&asked.stderr).contains("нужно подтверждение"),
        "{}",
        String::from_utf8_lossy(&asked.stderr)
    );
    let erased = ok(&run_in(dir.path(), &db, &["erase", "mentee", "1", "--yes"]));
    assert!(erased.contains("Удалены персональные данные"), "{erased}");
    assert!(erased.contains("когда закроется программа"), "{erased}");
    assert!(String::from_utf8_lossy(&alone[4].0).contains(&name));
    let pupils = ok(&run_in(dir.path(), &db, &["export", "csv", "mentees"]));
    assert!(!pupils.contains(&name), "{name} erased");

    // The interface closes: the files are rewritten, the lock is free.
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(!db.join("nastavnik.sock").exists());
    let after = ok(&run_in(dir.path(), &db, &["export", "csv", "mentors"]));
    assert!(after.contains("Черемисина Ангелина Олеговна"));
    ok(&run_in(dir.path(), &db, &["check"]));
}

#[test]
fn a_stopped_interface_is_named_within_about_a_second() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    ok(&run_in(
        dir.path(),
        &db,
        &["org", "add", "МБОУ «Лицей № 2»"],
    ));
    let t = tui_on(&db, dir.path());
    let pid = t.pid();
    // SAFETY: a signal to our own child process.
    unsafe { libc::kill(pid as i32, libc::SIGSTOP) };
    let start = Instant::now();
    let out = run_in(dir.path(), &db, &["status"]);
    let took = start.elapsed();
    // SAFETY: as above.
    unsafe { libc::kill(pid as i32, libc::SIGCONT) };
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("не отвечает"), "{err}");
    assert!(err.contains(&format!("pid {pid}")), "{err}");
    assert!(err.contains("fg"), "{err}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    // Resumed, it answers again.
    assert!(ok(&run_in(dir.path(), &db, &["status"])).contains("Лицей"));
}

#[test]
fn another_users_process_is_refused_by_the_holder() {
    if !common::root_for("to run a client as another user") {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    ok(&run_in(dir.path(), &db, &["org", "add", "МБОУ «СОШ № 3»"]));
    let _t = tui_on(&db, dir.path());
    // Loosen what the program keeps private, so that only the holder's own
    // check stands between `nobody` and the database.
    let open = std::fs::Permissions::from_mode(0o777);
    std::fs::set_permissions(dir.path(), open.clone()).unwrap();
    std::fs::set_permissions(&db, open.clone()).unwrap();
    std::fs::set_permissions(db.join("nastavnik.sock"), open).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("--db")
        .arg(&db)
        .arg("status")
        .current_dir("/")
        .uid(65534)
        .gid(65534)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    // The client sees the socket is not its user's before it sends
    // anything; the holder would refuse it too.
    assert!(err.contains("принадлежит другому пользователю"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_command_meets_a_busy_command_waits_for_it_and_then_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    ok(&run_in(dir.path(), &db, &["org", "add", "МБОУ «Гимназия»"]));
    let store = nastavnik::store::Store::open(&db).unwrap();
    let busy = nastavnik::serve::Server::busy(&db).expect("a socket");
    let mut client = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("--db")
        .arg(&db)
        .args(["org", "list"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // It says that it waits, and waits.
    let mut said = String::new();
    let mut err = std::io::BufReader::new(client.stderr.take().unwrap());
    std::io::BufRead::read_line(&mut err, &mut said).unwrap();
    assert!(said.contains("ждём её завершения"), "{said}");
    std::thread::sleep(Duration::from_millis(300));
    assert!(client.try_wait().unwrap().is_none(), "still waiting");
    drop(busy);
    drop(store);
    let out = client.wait_with_output().unwrap();
    assert!(ok(&out).contains("Гимназия"));
}

#[test]
fn the_short_line_is_kept_until_the_data_changes_and_check_gives_cron_its_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    ok(&run_in(dir.path(), &db, &["org", "add", "МБОУ «СОШ № 9»"]));
    let check = run_in(dir.path(), &db, &["status", "--check"]);
    assert_eq!(check.status.code(), Some(0));
    assert!(check.stdout.is_empty(), "nothing for cron to mail");
    let short = ok(&run_in(dir.path(), &db, &["status", "--short"]));
    assert_eq!(short, "Наставник: 0 пар в работе, 0 предупреждений\n");
    assert!(db.join("status.short").exists());
    // Kept: a second call reads no database (it works with the lock held).
    let store = nastavnik::store::Store::open(&db).unwrap();
    assert_eq!(ok(&run_in(dir.path(), &db, &["status", "--short"])), short);
    drop(store);
    // Any change lets the kept line go at once…
    let store = nastavnik::store::Store::open(&db).unwrap();
    store
        .insert(common::teacher(0, "Зуева Инна Петровна"))
        .unwrap();
    assert!(!db.join("status.short").exists());
    drop(store);
    assert_eq!(ok(&run_in(dir.path(), &db, &["status", "--short"])), short);
    // … and a command that changed the data works it out for the next prompt.
    let csv = dir.path().join("m.csv");
    std::fs::write(&csv, "ФИО;Категория\nКрылова Нина Ивановна;педагог\n").unwrap();
    std::fs::remove_file(db.join("status.short")).unwrap();
    ok(&run_in(dir.path(), &db, &["import", "mentors", "m.csv"]));
    assert!(db.join("status.short").exists());
    // Kept for one date only.
    let later = ok(&run_in(
        dir.path(),
        &db,
        &["status", "--short", "--as-of", "01.01.2031"],
    ));
    assert!(later.starts_with("Наставник: "), "{later}");
    let english = ok(&run_in(
        dir.path(),
        &db,
        &["--lang", "en", "status", "--short"],
    ));
    assert_eq!(english, "Nastavnik: 0 pairs active, 0 warnings\n");

    let school = dir.path().join("school");
    ok(&run_in(dir.path(), &school, &["demo", "--seed", "2"]));
    let line = ok(&run_in(dir.path(), &school, &["status", "--short"]));
    assert!(line.contains(" в работе, ") && line != short, "{line}");
    let check = run_in(dir.path(), &school, &["status", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    let warnings = ok(&run_in(dir.path(), &school, &["status", "--json"]));
    let n = warnings.matches("\"target\"").count();
    let lines = String::from_utf8_lossy(&check.stdout).into_owned();
    assert_eq!(lines.lines().count(), n);
    // A pair is named by its people, never by a number the curator does
    // not know; the JSON keeps the pair's id beside them.
    assert!(!lines.contains("пара #"), "{lines}");
    assert!(
        lines.contains(" → ") || lines.contains("группа "),
        "{lines}"
    );
    let json: serde_json::Value = serde_json::from_str(&warnings).unwrap();
    let about_pairs: Vec<&serde_json::Value> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["target"]["record"] == "unit")
        .collect();
    assert!(!about_pairs.is_empty());
    for w in about_pairs {
        let named = w["pair"]["mentors"].is_array() && w["pair"]["mentees"].is_array();
        assert!(w["target"]["id"].as_u64().is_some() && named, "{w}");
    }
    let missing = run_in(dir.path(), &dir.path().join("none"), &["status", "--check"]);
    assert_eq!(missing.status.code(), Some(2));
}
