//! The sled store: round trips, indexes, history, archiving, permissions,
//! migrations and backups.

mod common;
use common::*;
use nastavnik::domain::*;
use nastavnik::store::{Action, Backup, EntityKind, Store};
use std::os::unix::fs::PermissionsExt;

#[test]
fn records_round_trip_with_dense_ids() {
    let (_dir, store) = temp_store();
    let a = store.insert(teacher(0, "Кузнецова Ольга")).unwrap();
    let b = store.insert(teacher(0, "Смирнов Пётр")).unwrap();
    assert_eq!((a.id, b.id), (1, 2));
    assert_eq!(store.get::<Mentor>(1).unwrap().unwrap(), a);
    assert_eq!(store.list::<Mentor>().unwrap(), vec![a, b]);
    assert_eq!(store.get::<Mentor>(3).unwrap(), None);
}

#[test]
fn ids_stay_dense_across_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    for round in 1..=3u64 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.insert(young_teacher(0, "М")).unwrap().id, round);
    }
}

#[test]
fn indexes_follow_update_archive_and_restore() {
    let (_dir, store) = temp_store();
    let m = store.insert(teacher(0, "Фёдорова Анна")).unwrap();
    let e1 = store.insert(young_teacher(0, "Петров Илья")).unwrap();
    let e2 = store.insert(young_teacher(0, "Сидоров Олег")).unwrap();
    let unit = store
        .insert(Unit {
            form: Form::TeacherTeacher,
            mentors: vec![m.id],
            mentees: vec![e1.id],
            ..Unit::default()
        })
        .unwrap();
    store
        .insert(Meeting {
            unit_id: unit.id,
            date: d(2024, 10, 1),
            ..Meeting::default()
        })
        .unwrap();
    assert!(store.verify_indexes().unwrap().is_empty());
    assert_eq!(
        store
            .find_by_name(EntityKind::Mentor, "ФЕДОРОВА  анна")
            .unwrap(),
        vec![m.id]
    );
    assert_eq!(
        store.units_of(EntityKind::Mentee, e1.id).unwrap(),
        vec![unit.id]
    );
    assert_eq!(store.meetings_of(unit.id).unwrap(), vec![1]);

    let renamed = Mentor {
        person: Person {
            full_name: "Фёдорова-Белова Анна".into(),
            ..m.person.clone()
        },
        ..m.clone()
    };
    store.update(&renamed).unwrap();
    assert!(store
        .find_by_name(EntityKind::Mentor, "Фёдорова Анна")
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .find_by_name(EntityKind::Mentor, "федорова-белова анна")
            .unwrap(),
        vec![m.id]
    );

    store
        .update(&Unit {
            mentees: vec![e2.id],
            ..unit.clone()
        })
        .unwrap();
    assert!(store
        .units_of(EntityKind::Mentee, e1.id)
        .unwrap()
        .is_empty());
    assert_eq!(
        store.units_of(EntityKind::Mentee, e2.id).unwrap(),
        vec![unit.id]
    );
    assert!(store.verify_indexes().unwrap().is_empty());

    let archived: Mentor = store.archive(m.id).unwrap();
    assert!(archived.archived);
    assert!(
        store.get::<Mentor>(m.id).unwrap().unwrap().archived,
        "archived, not deleted"
    );
    assert!(store.verify_indexes().unwrap().is_empty());
    let restored: Mentor = store.restore(m.id).unwrap();
    assert!(!restored.archived);
    assert!(store.verify_indexes().unwrap().is_empty());
}

#[test]
fn history_records_who_and_what() {
    let (_dir, mut store) = temp_store();
    store.set_actor("ivanova");
    let m = store.insert(teacher(0, "Белов Олег")).unwrap();
    store
        .update(&Mentor {
            capacity: 3,
            ..m.clone()
        })
        .unwrap();
    store
        .update(&Mentor {
            capacity: 3,
            ..m.clone()
        })
        .unwrap();
    store.archive::<Mentor>(m.id).unwrap();
    store.restore::<Mentor>(m.id).unwrap();
    let h = store.history(EntityKind::Mentor, m.id).unwrap();
    let actions: Vec<Action> = h.iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        vec![
            Action::Created,
            Action::Updated,
            Action::Archived,
            Action::Restored
        ]
    );
    assert!(h.iter().all(|e| e.who == "ivanova"));
    assert_eq!(
        (
            h[1].changes[0].field.as_str(),
            h[1].changes[0].old.as_str(),
            h[1].changes[0].new.as_str()
        ),
        ("capacity", "1", "3")
    );
}

#[test]
fn a_failed_transaction_stores_nothing() {
    let (_dir, store) = temp_store();
    let r = store.write(|tx| {
        tx.insert(&mut teacher(0, "Первый"))?;
        tx.update(&teacher(99, "Несуществующий"))
    });
    assert!(r.is_err());
    assert!(store.list::<Mentor>().unwrap().is_empty());
    assert_eq!(
        store.insert(teacher(0, "Второй")).unwrap().id,
        1,
        "the counter rolled back too"
    );
}

#[test]
fn database_is_readable_by_its_owner_only() {
    let (dir, store) = temp_store();
    store.insert(teacher(0, "Х")).unwrap();
    store.flush().unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let root = dir.path().join("db");
    assert_eq!(mode(&root), 0o700);
    let mut files = 0;
    let mut stack = vec![root];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                assert_eq!(mode(&path), 0o700, "{}", path.display());
                stack.push(path);
            } else {
                assert_eq!(mode(&path), 0o600, "{}", path.display());
                files += 1;
            }
        }
    }
    assert!(files >= 3);
}

#[test]
fn a_second_open_in_the_same_process_is_refused_by_our_lock() {
    let (dir, _store) = temp_store();
    let err = Store::open(&dir.path().join("db")).err().expect("locked");
    let msg = err.to_string();
    assert!(msg.contains("уже открыта другим процессом"), "{msg}");
    assert!(
        msg.contains(&format!("pid {}", std::process::id())),
        "{msg}"
    );
}

/// A raw sled database in a store directory under `dir`, stamped with an
/// older (or newer) schema version, as another version of the program
/// would have left it. Returns the store's path and the open database.
fn raw_database(dir: &tempfile::TempDir, version: u64) -> (std::path::PathBuf, sled::Db) {
    let path = dir.path().join("db");
    std::fs::create_dir_all(&path).unwrap();
    let db = sled::open(path.join("sled")).unwrap();
    db.open_tree("meta")
        .unwrap()
        .insert("schema_version", &version.to_be_bytes())
        .unwrap();
    (path, db)
}

/// Writes the v1 fixture as an old version of the program would have left it.
fn write_v1_fixture(db: &sled::Db) {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/schema_v1.json")).unwrap();
    let meta = db.open_tree("meta").unwrap();
    for (k, v) in fixture["counters"].as_object().unwrap() {
        meta.insert(k.as_bytes(), &v.as_u64().unwrap().to_be_bytes())
            .unwrap();
    }
    for (tree, records) in fixture["records"].as_object().unwrap() {
        let t = db.open_tree(tree).unwrap();
        for r in records.as_array().unwrap() {
            t.insert(
                r["id"].as_u64().unwrap().to_be_bytes(),
                serde_json::to_vec(r).unwrap(),
            )
            .unwrap();
        }
    }
    db.flush().unwrap();
}

#[test]
fn a_schema_1_database_is_migrated_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = raw_database(&dir, 1);
    write_v1_fixture(&db);
    drop(db);
    let store = Store::open(&path).unwrap();
    let m = store.get::<Mentor>(1).unwrap().unwrap();
    assert_eq!(m.person.full_name, "Кузнецова Ольга Ивановна");
    assert_eq!(
        m.person.consent,
        Some(Consent {
            date: d(2023, 9, 1),
            by_guardian: false
        })
    );
    assert_eq!(m.capacity, 2);
    let e2 = store.get::<Mentee>(2).unwrap().unwrap();
    assert_eq!(e2.person.consent, None);
    assert_eq!(
        store
            .find_by_name(EntityKind::Mentee, "елкина мария петровна")
            .unwrap(),
        vec![2]
    );
    assert_eq!(store.units_of(EntityKind::Mentor, 1).unwrap(), vec![1]);
    assert!(store.verify_indexes().unwrap().is_empty());
    assert_eq!(
        store.insert(young_teacher(0, "Новый")).unwrap().id,
        3,
        "counters survive"
    );
    drop(store);
    // Opening again finds the current schema and changes nothing.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.get::<Mentor>(1).unwrap().unwrap(), m);
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = raw_database(&dir, 99);
    db.flush().unwrap();
    drop(db);
    let msg = Store::open(&path).err().unwrap().to_string();
    assert!(msg.contains("более новой версией"), "{msg}");
}

#[test]
fn backup_export_import_export_is_byte_identical() {
    let (_d1, a) = temp_store();
    a.load_backup(
        &Backup::from_dataset(
            nastavnik::demo::generate(nastavnik::demo::Scale::School, 2, d(2026, 11, 23)),
            "demo",
            chrono::Utc::now(),
        ),
        &mut |_| {},
    )
    .unwrap();
    a.update(&Mentor {
        capacity: 5,
        ..a.get::<Mentor>(3).unwrap().unwrap()
    })
    .unwrap();
    a.archive::<Mentee>(4).unwrap();
    let first = a.dump().unwrap().to_json().unwrap();
    let (_d2, b) = temp_store();
    b.load_backup(&Backup::from_json(&first).unwrap(), &mut |_| {})
        .unwrap();
    assert_eq!(b.dump().unwrap().to_json().unwrap(), first);
    assert!(b.verify_indexes().unwrap().is_empty());
    assert_eq!(
        b.insert(teacher(0, "Следующий")).unwrap().id,
        a.list::<Mentor>().unwrap().len() as u64 + 1
    );
    assert_eq!(b.history(EntityKind::Mentor, 3).unwrap().len(), 2);
}

#[test]
fn a_backup_goes_only_into_an_empty_database_and_bad_ones_are_refused() {
    let (_d, s) = temp_store();
    s.insert(teacher(0, "Есть")).unwrap();
    let b = s.dump().unwrap();
    assert!(s
        .load_backup(&b, &mut |_| {})
        .unwrap_err()
        .to_string()
        .contains("не пуста"));
    assert!(Backup::from_json(b"{\"format\": \"other\"}").is_err());
    assert!(Backup::from_json(b"not json").is_err());
}

#[test]
fn an_older_backup_is_upgraded_on_import() {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/schema_v1.json")).unwrap();
    let mut old = serde_json::json!({"format": "nastavnik-backup", "schema_version": 1, "counters": fixture["counters"]});
    for (tree, records) in fixture["records"].as_object().unwrap() {
        old[tree] = records.clone();
    }
    let b = Backup::from_json(old.to_string().as_bytes()).unwrap();
    assert_eq!(b.mentees[0].person.full_name, "Петров Илья Сергеевич");
}

#[test]
fn a_schema_2_database_gets_its_meeting_timelines_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, db) = raw_database(&dir, 2);
    let meeting = Meeting {
        id: 1,
        unit_id: 4,
        date: d(2024, 10, 1),
        ..Meeting::default()
    };
    db.open_tree("meetings")
        .unwrap()
        .insert(1u64.to_be_bytes(), serde_json::to_vec(&meeting).unwrap())
        .unwrap();
    db.open_tree("idx_unit_meeting")
        .unwrap()
        .insert([0u8; 16], &[])
        .unwrap();
    db.flush().unwrap();
    drop(db);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.timelines().unwrap()[&4], vec![meeting.brief()]);
    assert!(store.verify_indexes().unwrap().is_empty());
}
