//! The database directory as a careful administrator probes it: sled's
//! temporary snapshot left by a kill, a lock whose holder was just killed,
//! links and foreign files inside, a directory that is not a database, a
//! mistyped path, temporary files of a killed export.

mod common;

use common::*;
use nastavnik::store::{Store, StoreError};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HOLDER_ENV: &str = "NASTAVNIK_HOLDER_TEST_DB";

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_snapshot_cut_short_does_not_stop_the_next_open() {
    let (dir, store) = temp_store();
    store.insert(teacher(0, "Кузнецова Ольга")).unwrap();
    drop(store);
    let sled = dir.path().join("db/sled");
    // What a kill or a full disk leaves in the middle of sled's snapshot.
    std::fs::write(sled.join("snap.FFFFFFFFFFFFFFFF.generating"), b"\x00\x01").unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    assert_eq!(store.list::<nastavnik::domain::Mentor>().unwrap().len(), 1);
    assert!(!sled.join("snap.FFFFFFFFFFFFFFFF.generating").exists());
}

/// Run by the parent as a separate process; does nothing on its own.
#[test]
#[ignore = "child process of a_killed_holders_lock_is_taken_over_at_once"]
fn holder_child() {
    let Ok(path) = std::env::var(HOLDER_ENV) else {
        return;
    };
    let _store = Store::open(Path::new(&path)).unwrap();
    println!("holding");
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn a_killed_holders_lock_is_taken_over_at_once() {
    let (dir, store) = temp_store();
    drop(store);
    let db = dir.path().join("db");
    for _ in 0..5 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "holder_child", "--nocapture"])
            .env(HOLDER_ENV, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        assert!(lines.any(|l| l.unwrap().contains("holding")));
        // While it holds it, the holder is named: pid, user, host, time.
        let err = Store::open(&db).err().expect("held");
        let msg = err.message(nastavnik::i18n::Lang::Ru);
        assert!(
            msg.contains(&format!("pid {}", child.id())),
            "{msg} (child {})",
            child.id()
        );
        assert!(!msg.contains("неизвестен"), "{msg}");
        child.kill().unwrap(); // SIGKILL, and no wait: the process may still be exiting
        let start = Instant::now();
        let store = Store::open(&db).unwrap_or_else(|e| panic!("not taken over: {e}"));
        assert!(start.elapsed() < Duration::from_millis(1500));
        drop(store);
        child.wait().unwrap();
    }
    // The lock file holds nothing, the holder file no command line.
    assert_eq!(std::fs::read(db.join("nastavnik.lock")).unwrap(), b"");
    let holder = std::fs::read_to_string(db.join("nastavnik.holder")).unwrap();
    let keys: Vec<&str> = holder
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, _)| k))
        .collect();
    assert_eq!(keys, ["pid", "user", "host", "since"]);
}

#[test]
fn links_and_foreign_files_inside_keep_their_modes() {
    let (dir, store) = temp_store();
    store.insert(teacher(0, "Х")).unwrap();
    drop(store);
    let db = dir.path().join("db");
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "чужой файл").unwrap();
    std::fs::set_permissions(&outside, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink(&outside, db.join("link")).unwrap();
    std::os::unix::fs::symlink(&outside, db.join("sled/link")).unwrap();
    let note = db.join("README.txt");
    std::fs::write(&note, "notes").unwrap();
    std::fs::set_permissions(&note, std::fs::Permissions::from_mode(0o640)).unwrap();
    let store = Store::open(&db).unwrap();
    store.insert(teacher(0, "Y")).unwrap();
    drop(store);
    assert_eq!(
        mode(&outside),
        0o644,
        "a link's target outside is untouched"
    );
    assert_eq!(mode(&note), 0o640, "a file the program did not make");
    assert_eq!(mode(&db), 0o700);
    assert_eq!(mode(&db.join("sled/db")), 0o600);
    assert_eq!(mode(&db.join("nastavnik.holder")), 0o600);
}

#[test]
fn a_directory_with_other_things_is_not_taken_as_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::write(home.join("отчёт.docx"), "x").unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = Store::open(&home).err().expect("refused");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    let out = bin(&home, &["import", "mentors", "/dev/null"]);
    assert_eq!(out.status.code(), Some(2));
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("не база Наставника"), "{msg}");
    assert!(msg.contains("отчёт.docx"), "{msg}");
    let names: Vec<_> = std::fs::read_dir(&home).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing created");
    assert_eq!(mode(&home), 0o755, "nothing changed");
    // An empty directory is a new database.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert!(Store::open(&empty).is_ok());
}

#[test]
fn read_commands_on_a_missing_path_create_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo/deep/db");
    for args in [
        &["export", "json"][..],
        &["status"],
        &["report", "coverage"],
        &["match"],
        &["org", "list"],
    ] {
        let out = bin(&db, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let msg = String::from_utf8_lossy(&out.stderr);
        assert!(msg.contains("базы нет:"), "{args:?}: {msg}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert!(!dir.path().join("typo").exists());
    let out = bin(&db, &["--lang", "en", "status"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database at"));
}

#[test]
fn the_interface_on_a_new_path_asks_before_creating() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new-db");
    let mut t = term::Term::start(&db, &[], dir.path());
    t.wait_for("Создать новую? [д/Н]");
    t.type_text("н\r");
    assert_eq!(t.wait_exit(), 2);
    assert!(!db.exists());
    let mut t = term::Term::start(&db, &[], dir.path());
    t.wait_for("Создать новую?");
    // д typed in the Latin layout is l.
    t.type_text("l\r");
    t.wait_for("Обзор");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(db.join("sled").is_dir());
}

#[test]
fn a_killed_exports_temporary_file_is_removed_at_the_next_start() {
    let (dir, store) = temp_store();
    drop(store);
    let db = dir.path().join("db");
    let out_dir = dir.path().join("exports");
    std::fs::create_dir(&out_dir).unwrap();
    // What a kill between writing and renaming leaves: the data under a
    // hidden name, and its line in the journal.
    let leftover = out_dir.join(".backup.json.nastavnik-999999999-0.part");
    std::fs::write(&leftover, "Петров Илья, 8-900-000-00-00").unwrap();
    std::fs::write(
        db.join("partial-writes"),
        format!("{}\n", leftover.display()),
    )
    .unwrap();
    let target = out_dir.join("backup.json");
    let out = bin(&db, &["export", "json", "--out", target.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(!leftover.exists());
    assert_eq!(
        std::fs::read_to_string(db.join("partial-writes")).unwrap(),
        ""
    );
}

#[test]
fn messages_are_sentences_with_the_path_in_both_languages() {
    use nastavnik::i18n::Lang;
    let p = Path::new("/srv/nastavnik");
    let full = StoreError::io(p, std::io::Error::from_raw_os_error(libc::ENOSPC));
    let ru = full.message(Lang::Ru);
    assert!(ru.starts_with("на диске нет места: /srv/nastavnik"), "{ru}");
    assert!(ru.contains("Освободите не меньше"), "{ru}");
    assert!(full
        .message(Lang::En)
        .starts_with("the disk is full at /srv/nastavnik"));
    let sled_err = sled::Error::Io(std::io::Error::from_raw_os_error(libc::ENOSPC));
    let e = StoreError::engine(p, sled_err);
    for lang in [Lang::Ru, Lang::En] {
        let m = e.message(lang);
        assert!(!m.contains("Os {") && !m.contains("kind:"), "{m}");
    }
    let denied = StoreError::io(p, std::io::Error::from_raw_os_error(libc::EPERM));
    assert!(
        denied
            .message(Lang::Ru)
            .starts_with("нет доступа к /srv/nastavnik"),
        "{}",
        denied.message(Lang::Ru)
    );
    // Inside an open store the error knows no path; the edge names it.
    let inner: StoreError = sled::Error::Io(std::io::Error::from_raw_os_error(libc::EIO)).into();
    let m = inner.message_at(Lang::En, p);
    assert!(m.contains("/srv/nastavnik"), "{m}");
}

#[test]
fn no_tsv_output_carries_a_formula() {
    use nastavnik::domain::{Mentee, Mentor};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["demo", "--seed", "2", "--as-of", "23.11.2026"])
        .status
        .success());
    {
        // Everyone's name is a formula that a spreadsheet would run.
        let store = Store::open(&db).unwrap();
        let formula = "=HYPERLINK(\"http://x/\";\"клик\")";
        for mut m in store.list::<Mentor>().unwrap() {
            m.person.full_name = formula.into();
            store.update(&m).unwrap();
        }
        for mut m in store.list::<Mentee>().unwrap() {
            m.person.full_name = format!("@{formula}");
            store.update(&m).unwrap();
        }
    }
    let out_file = dir.path().join("mentees.tsv");
    let outputs: Vec<(String, String)> = [
        &["report", "mentors", "--format", "tsv"][..],
        &["report", "mentees", "--format", "tsv"],
        &["report", "pairs", "--format", "tsv"],
        &["match", "--format", "tsv", "--as-of", "23.11.2026"],
        &[
            "match",
            "--candidates",
            "--format",
            "tsv",
            "--as-of",
            "23.11.2026",
        ],
    ]
    .iter()
    .map(|args| {
        let out = bin(&db, args);
        assert!(out.status.success(), "{args:?}");
        (
            format!("{args:?}"),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    })
    .chain(std::iter::once({
        let out = bin(
            &db,
            &[
                "report",
                "mentees",
                "--format",
                "tsv",
                "--out",
                out_file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success());
        (
            "--out".to_string(),
            std::fs::read_to_string(&out_file).unwrap(),
        )
    }))
    .collect();
    for (what, tsv) in &outputs {
        assert!(tsv.contains("HYPERLINK"), "{what}: the names are there");
        for cell in tsv.lines().flat_map(|l| l.split('\t')) {
            let numeric = cell.trim().replace(',', ".").parse::<f64>().is_ok();
            assert!(
                numeric || !cell.starts_with(['=', '+', '-', '@']),
                "{what}: «{cell}»"
            );
        }
    }
}

#[test]
fn text_that_comes_by_import_json_or_merge_is_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["org", "add", "МКОУ «СОШ № 5»"]).status.success());
    let out = bin(&db, &["export", "json"]);
    let mut backup: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    backup["organisations"][0]["name"] =
        "МКОУ\u{9b}31m «СОШ\u{202e} № 5»\u{7f}\u{1b}]0;HACK\u{7}\u{200b}".into();
    let file = dir.path().join("in.json");
    std::fs::write(&file, serde_json::to_vec(&backup).unwrap()).unwrap();
    for (target, args) in [
        ("fresh", vec!["import", "json"]),
        ("district", vec!["merge"]),
    ] {
        let target = dir.path().join(target);
        let mut args = args.clone();
        args.push(file.to_str().unwrap());
        let out = bin(&target, &args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let export = String::from_utf8(bin(&target, &["export", "json"]).stdout).unwrap();
        let exported: serde_json::Value = serde_json::from_str(&export).unwrap();
        assert_eq!(
            exported["organisations"][0]["name"], "МКОУ «СОШ № 5»",
            "{args:?}"
        );
    }
}

#[test]
fn a_file_of_many_bad_rows_prints_a_hundred_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let csv = dir.path().join("bad.csv");
    let mut text = String::from("ФИО;Категория;Дата рождения\n");
    for i in 0..250 {
        text.push_str(&format!("Иванов {i};педагог;32.01.1990\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let out = bin(&db, &["import", "mentors", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    let listed = err.lines().filter(|l| l.starts_with("  строка ")).count();
    assert_eq!(listed, 100, "{err}");
    assert!(
        err.lines().any(|l| l.trim() == "… и ещё 150 ошибок"),
        "{err}"
    );
    assert!(err.contains("(250)"), "{err}");
}
