//! Automatic backups: written after a change, verified, rotated, listed
//! and restored; `check` on a healthy and a damaged database; a database
//! that does not open names its newest backup; a restore refuses
//! references to records it lacks.

mod common;

use common::*;
use nastavnik::store::backups::{self, Policy};
use nastavnik::store::{Backup, Store};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn demo(db: &Path) {
    let out = bin(db, &["demo", "--seed", "4", "--as-of", "01.11.2026"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn a_change_writes_one_verified_private_backup_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    demo(&db);
    let list = backups::list(&db);
    assert_eq!(list.len(), 1, "the demo load is a change");
    assert_eq!(
        std::fs::metadata(&list[0].path)
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
    // Within the day: a change writes no second one, a read none at all.
    assert!(bin(&db, &["org", "add", "МБОУ «СОШ № 9»"]).status.success());
    assert!(bin(&db, &["status"]).status.success());
    assert_eq!(backups::list(&db).len(), 1);
    // The file is what the database holds.
    let store = Store::open(&db).unwrap();
    let file = Backup::from_json(&std::fs::read(&list[0].path).unwrap()).unwrap();
    let mut now = store.dump().unwrap();
    now.organisations.retain(|o| o.name != "МБОУ «СОШ № 9»");
    now.history
        .retain(|h| !(h.tree == "organisations" && h.id == 2));
    now.counters.clear();
    let mut file_cmp = file.clone();
    file_cmp.counters.clear();
    assert_eq!(file_cmp, now);
    // `backup now` takes one whatever the interval, and it matches dump().
    let b = store
        .write_backup(
            chrono::Local::now().naive_local() + chrono::Duration::seconds(2),
            &Policy::default(),
        )
        .unwrap();
    let fresh = Backup::from_json(&std::fs::read(&b.path).unwrap()).unwrap();
    assert_eq!(fresh, store.dump().unwrap());
}

#[test]
fn old_backups_are_rotated_and_listed_newest_first() {
    let (dir, store) = temp_store();
    store.insert(teacher(0, "Кузнецова Ольга")).unwrap();
    let db = dir.path().join("db");
    let policy = Policy {
        keep_daily: 2,
        keep_weekly: 1,
        ..Policy::default()
    };
    let day = |d: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 11, d)
            .unwrap()
            .and_hms_opt(18, 0, 0)
            .unwrap()
    };
    // 02.11 (week 45), 09.11 and 10.11 (week 46), 16.11, 17.11 (week 47).
    for d in [2, 9, 10, 16, 17] {
        store.write_backup(day(d), &policy).unwrap();
    }
    let kept: Vec<String> = backups::list(&db)
        .iter()
        .map(|b| b.taken.format("%d.%m").to_string())
        .collect();
    assert_eq!(kept, ["17.11", "16.11", "10.11"]);
    let out = bin(&db, &["backup", "list"]);
    let listed = text(&out.stdout);
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert!(
        listed
            .lines()
            .next()
            .unwrap()
            .starts_with("17.11.2026 18:00:00"),
        "{listed}"
    );
}

#[test]
fn a_backup_is_restored_into_a_new_directory_or_over_the_database_after_a_question() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    demo(&db);
    let before = text(&bin(&db, &["export", "json"]).stdout);
    let copy = dir.path().join("copy");
    let out = bin(&db, &["backup", "restore", "--to", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&bin(&copy, &["export", "json"]).stdout), before);
    // Over a live database: refused without a terminal or --yes.
    let out = bin(&db, &["backup", "restore"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--yes"), "{}", text(&out.stderr));
    let out = bin(&db, &["backup", "restore", "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&bin(&db, &["export", "json"]).stdout), before);
    let aside: Vec<_> = std::fs::read_dir(&db)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "the old files are kept, not deleted");
    assert!(aside[0].path().join("sled").is_dir());
}

#[test]
fn a_database_that_does_not_open_names_its_newest_backup_and_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    demo(&db);
    let newest = backups::list(&db).remove(0);
    // Damage sled's configuration block.
    let conf = db.join("sled/conf");
    let mut bytes = std::fs::read(&conf).unwrap();
    bytes[..8].copy_from_slice(b"garbage!");
    std::fs::write(&conf, bytes).unwrap();
    let out = bin(&db, &["status"]);
    assert_eq!(out.status.code(), Some(2));
    let msg = text(&out.stderr);
    assert!(msg.contains("повреждены"), "{msg}");
    let command = format!(
        "nastavnik --db {} backup restore {}",
        db.display(),
        newest.path.display()
    );
    assert!(msg.contains(&command), "{msg}");
    // The command it names works.
    let out = bin(
        &db,
        &["backup", "restore", "--yes", newest.path.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(bin(&db, &["status"]).status.success());
}

#[test]
fn check_passes_a_healthy_database_and_lists_what_is_wrong_in_a_damaged_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    demo(&db);
    let out = bin(&db, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("База в порядке"));
    {
        // Damage it as a flipped bit or an old bug would: a unit naming a
        // mentee that is not there, a lost index entry, a broken history
        // entry, a meeting missing from its unit's timeline.
        let raw = sled::open(db.join("sled")).unwrap();
        let units = raw.open_tree("units").unwrap();
        let (k, v) = units.iter().next().unwrap().unwrap();
        let mut unit: serde_json::Value = serde_json::from_slice(&v).unwrap();
        unit["mentees"] = serde_json::json!([424242]);
        units.insert(k, serde_json::to_vec(&unit).unwrap()).unwrap();
        let names = raw.open_tree("idx_name").unwrap();
        let first = names.iter().keys().next().unwrap().unwrap();
        names.remove(first).unwrap();
        let history = raw.open_tree("history").unwrap();
        let hk = history.iter().keys().nth(3).unwrap().unwrap();
        history.insert(hk, b"{not json".to_vec()).unwrap();
        raw.flush().unwrap();
    }
    let out = bin(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(report.contains("→ mentees #424242"), "{report}");
    assert!(report.contains("idx_name: missing"), "{report}");
    assert!(report.contains("history"), "{report}");
    assert!(
        report.contains("unit_timeline") || report.contains("idx_member"),
        "{report}"
    );
}

#[test]
fn a_restore_refuses_references_to_records_the_file_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    demo(&db);
    let mut backup: serde_json::Value =
        serde_json::from_str(&text(&bin(&db, &["export", "json"]).stdout)).unwrap();
    backup["units"][0]["mentees"] = serde_json::json!([424242]);
    let file = dir.path().join("bad.json");
    std::fs::write(&file, serde_json::to_vec(&backup).unwrap()).unwrap();
    let fresh = dir.path().join("fresh");
    let out = bin(&fresh, &["import", "json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let msg = text(&out.stderr);
    assert!(msg.contains("mentees #424242"), "{msg}");
    assert!(msg.contains("ничего не восстановлено"), "{msg}");
    let store = Store::open(&fresh).unwrap();
    assert!(store.is_empty());
}
