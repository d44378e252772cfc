//! Undo and redo in the store: every kind of change taken back and put
//! again, across a restart, with the indexes and timelines in step.

mod common;
use common::*;
use nastavnik::domain::*;
use nastavnik::store::{Action, Deed, EntityKind, Store};

fn pair(store: &Store, mentor: Id, mentee: Id) -> Unit {
    store
        .insert(Unit {
            form: Form::TeacherTeacher,
            mentors: vec![mentor],
            mentees: vec![mentee],
            ..Unit::default()
        })
        .unwrap()
}

#[test]
fn save_edit_archive_undone_one_by_one_and_redone_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    {
        let store = Store::open(&path).unwrap();
        let m = store.insert(teacher(0, "Кузнецова Ольга")).unwrap();
        let mut edited = m.clone();
        edited.person.contacts = "8-900-000-00-00".into();
        store.update(&edited).unwrap();
        store.archive::<Mentor>(m.id).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let archived = store.undo().unwrap().unwrap();
    assert_eq!(
        (archived.kind, archived.action),
        (EntityKind::Mentor, Action::Archived)
    );
    let m = store.get::<Mentor>(1).unwrap().unwrap();
    assert!(!m.archived);
    assert_eq!(m.person.contacts, "8-900-000-00-00");
    assert_eq!(store.undo().unwrap().unwrap().action, Action::Updated);
    assert_eq!(store.get::<Mentor>(1).unwrap().unwrap().person.contacts, "");
    assert_eq!(store.undo().unwrap().unwrap().action, Action::Created);
    assert_eq!(store.get::<Mentor>(1).unwrap(), None);
    assert!(store
        .find_by_name(EntityKind::Mentor, "Кузнецова Ольга")
        .unwrap()
        .is_empty());
    assert_eq!(store.undo().unwrap(), None, "nothing more to undo");
    drop(store);

    let store = Store::open(&path).unwrap();
    for _ in 0..3 {
        store.redo().unwrap().unwrap();
    }
    let m = store.get::<Mentor>(1).unwrap().unwrap();
    assert!(m.archived);
    assert_eq!(m.person.contacts, "8-900-000-00-00");
    assert_eq!(store.redo().unwrap(), None);
    assert!(store.verify_indexes().unwrap().is_empty());
    let history: Vec<Action> = store
        .history(EntityKind::Mentor, 1)
        .unwrap()
        .iter()
        .map(|h| h.action)
        .collect();
    assert!(history.contains(&Action::Undone) && history.contains(&Action::Redone));
}

#[test]
fn accepting_pairs_is_one_change_and_its_undo_keeps_indexes_and_timelines() {
    let (_dir, store) = temp_store();
    let m = store.insert(teacher(0, "Фёдорова Анна")).unwrap();
    let e: Vec<Mentee> = (0..3)
        .map(|i| {
            store
                .insert(young_teacher(0, &format!("Молодой {i}")))
                .unwrap()
        })
        .collect();
    let first = pair(&store, m.id, e[0].id);
    store
        .insert(Meeting {
            unit_id: first.id,
            date: d(2024, 10, 1),
            ..Meeting::default()
        })
        .unwrap();
    store
        .write_as(Deed::AcceptPairs, |tx| {
            for x in &e[1..] {
                tx.insert(&mut Unit {
                    form: Form::TeacherTeacher,
                    mentors: vec![m.id],
                    mentees: vec![x.id],
                    ..Unit::default()
                })?;
            }
            Ok(())
        })
        .unwrap();
    let top = store.undo_top().unwrap().unwrap();
    assert_eq!((top.deed, top.count), (Deed::AcceptPairs, 2));
    store.undo().unwrap();
    assert_eq!(store.list::<Unit>().unwrap().len(), 1);
    assert!(store
        .units_of(EntityKind::Mentee, e[1].id)
        .unwrap()
        .is_empty());
    assert!(store.verify_indexes().unwrap().is_empty());
    // The meeting next: taken out of its pair's timeline.
    assert_eq!(store.undo().unwrap().unwrap().kind, EntityKind::Meeting);
    assert!(store.meetings_of(first.id).unwrap().is_empty());
    assert!(store.verify_indexes().unwrap().is_empty());
    store.redo().unwrap();
    assert_eq!(store.meetings_of(first.id).unwrap().len(), 1);
    assert!(store.verify_indexes().unwrap().is_empty());
}

#[test]
fn a_new_change_after_an_undo_drops_what_could_be_redone() {
    let (_dir, store) = temp_store();
    store.insert(teacher(0, "Первый")).unwrap();
    store.undo().unwrap().unwrap();
    assert!(store.redo_top().unwrap().is_some());
    store.insert(teacher(0, "Второй")).unwrap();
    assert_eq!(store.redo().unwrap(), None);
    assert_eq!(store.list::<Mentor>().unwrap().len(), 1);
    // A write that changes nothing is no change to undo.
    let m = store.list::<Mentor>().unwrap().remove(0);
    store.update(&m).unwrap();
    assert_eq!(store.undo().unwrap().unwrap().action, Action::Created);
    assert!(store.list::<Mentor>().unwrap().is_empty());
}

#[test]
fn an_import_in_batches_is_undone_as_one() {
    use nastavnik::exchange::import::{import_csv, Options};
    let (_dir, store) = temp_store();
    store.insert(teacher(0, "Уже был")).unwrap();
    let mut csv = String::from("ФИО;Категория\n");
    for i in 0..4500 {
        csv.push_str(&format!("Импортированный {i};педагог\n"));
    }
    let opts = Options {
        org: None,
        dry_run: false,
        sheet: None,
        today: d(2024, 9, 2),
        lang: nastavnik::i18n::Lang::Ru,
    };
    import_csv(
        &store,
        nastavnik::exchange::Base::Mentors,
        csv.as_bytes(),
        &opts,
        &|_| {},
    )
    .unwrap();
    assert_eq!(store.list::<Mentor>().unwrap().len(), 4501);
    let s = store.undo().unwrap().unwrap();
    assert_eq!(
        (s.deed, s.kind, s.count),
        (Deed::Import, EntityKind::Mentor, 4500)
    );
    let left = store.list::<Mentor>().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].person.full_name, "Уже был");
    store.redo().unwrap();
    assert_eq!(store.list::<Mentor>().unwrap().len(), 4501);
}

#[test]
fn an_erasure_forgets_every_change() {
    let (_dir, store) = temp_store();
    let m = store.insert(teacher(0, "Стираемая Мария")).unwrap();
    let mut edited = m.clone();
    edited.person.contacts = "secret@example.org".into();
    store.update(&edited).unwrap();
    store
        .erase(
            nastavnik::store::erase::Subject::Mentor(m.id),
            d(2025, 1, 1),
        )
        .unwrap();
    assert_eq!(store.undo().unwrap(), None);
    let m = store.get::<Mentor>(m.id).unwrap().unwrap();
    assert!(!m.person.full_name.contains("Мария"));
}
