//! Every base goes out as CSV and comes back whole: pairs in every status
//! with all their fields, archived people, partners, pairs and meetings.

mod common;
use common::*;
use nastavnik::domain::*;
use nastavnik::exchange::import::{import_csv, ImportError, Options};
use nastavnik::exchange::{csv_export, Base};
use nastavnik::store::{Backup, EntityKind, Store};

/// The order a school's bases go in: what a record names comes first.
const ORDER: [Base; 6] = [
    Base::Partners,
    Base::Documents,
    Base::Mentors,
    Base::Mentees,
    Base::Pairs,
    Base::Meetings,
];

fn opts() -> Options {
    Options {
        org: None,
        dry_run: false,
        sheet: None,
        today: d(2026, 12, 2),
        lang: nastavnik::i18n::Lang::Ru,
    }
}

fn exports(store: &Store) -> Vec<Vec<u8>> {
    let ds = store.load().unwrap();
    ORDER.iter().map(|b| csv_export::to_csv(&ds, *b)).collect()
}

/// The demo school with a pair in every status, every field of a pair
/// filled somewhere, and a record of every base in the archive.
fn a_school_with_a_history() -> (tempfile::TempDir, Store) {
    let (dir, store) = temp_store();
    let ds = nastavnik::demo::generate(nastavnik::demo::Scale::School, 4, d(2026, 12, 2));
    store
        .load_backup(
            &Backup::from_dataset(ds, "test", chrono::Utc::now()),
            &mut |_| {},
        )
        .unwrap();
    let ds = store.load().unwrap();
    let mut units: Vec<Unit> = ds
        .units
        .values()
        .filter(|u| u.status == UnitStatus::Active && !u.is_group())
        .cloned()
        .collect();
    let mut ended = units.remove(0);
    ended.status = UnitStatus::Terminated;
    ended.end = Some(d(2026, 11, 20));
    ended.end_reason = "переезд семьи; перевод в другую школу".into();
    ended.result = "Освоены приёмы самоподготовки.\nЦель достигнута частично.".into();
    ended.case_link = "https://school.example/cases/17".into();
    ended.place = "кабинет 204".into();
    ended.planned_end = Some(d(2027, 5, 25));
    store.update(&ended).unwrap();
    // A pupil who left: the pair finished, the pupil in the archive.
    let mut done = units.remove(0);
    done.status = UnitStatus::Completed;
    done.end = Some(d(2026, 10, 1));
    done.result = "Проект защищён".into();
    store.update(&done).unwrap();
    store.archive::<Mentee>(done.mentees[0]).unwrap();
    store.archive::<Unit>(units.remove(0).id).unwrap();
    let idle_mentor = ds
        .mentors
        .values()
        .find(|m| !ds.units.values().any(|u| u.mentors.contains(&m.id)))
        .expect("a mentor without pairs");
    store.archive::<Mentor>(idle_mentor.id).unwrap();
    // A pupil waiting for a pair, with wishes and matching decisions, one
    // of them on the archived mentor.
    let ds = store.load().unwrap();
    let paired = ds.paired_mentees();
    let mut waiting = ds
        .mentees
        .values()
        .find(|m| !paired.contains(&m.id) && !m.archived)
        .expect("a mentee without a pair")
        .clone();
    let live: Vec<Id> = ds
        .mentors
        .values()
        .filter(|m| !m.archived)
        .map(|m| m.id)
        .take(3)
        .collect();
    waiting.person.wishes = vec![live[0], live[1]];
    waiting.matching.locked = Some(live[2]);
    waiting.matching.rejected = vec![live[1], idle_mentor.id];
    store.update(&waiting).unwrap();
    store
        .archive::<Partner>(*ds.partners.keys().last().unwrap())
        .unwrap();
    store
        .archive::<Meeting>(*ds.meetings.keys().next().unwrap())
        .unwrap();
    let statuses: std::collections::BTreeSet<_> = store
        .load()
        .unwrap()
        .units
        .values()
        .map(|u| u.status)
        .collect();
    assert_eq!(statuses.len(), 4, "a pair in every status");
    (dir, store)
}

#[test]
fn every_base_exported_and_imported_into_an_empty_database_exports_the_same() {
    let (_a, source) = a_school_with_a_history();
    let first = exports(&source);
    let pairs = String::from_utf8_lossy(&first[4]).into_owned();
    for header in [
        "Причина прекращения",
        "Плановое окончание",
        "Результаты",
        "Место реализации",
        "Ссылка на кейс/отзыв",
        "Ролевая модель",
        "Вид наставничества",
        "Программа",
        "Приказ",
        "Приказ из базы документов",
        "Архив",
    ] {
        assert!(pairs.lines().next().unwrap().contains(header), "{header}");
    }
    assert!(
        pairs.contains("прекращена") && pairs.contains(";да"),
        "{pairs}"
    );
    let (_b, target) = temp_store();
    for (base, bytes) in ORDER.iter().zip(&first) {
        import_csv(&target, *base, bytes, &opts(), &|_| {})
            .unwrap_or_else(|e| panic!("{base:?}: {e:?}"));
    }
    let second = exports(&target);
    for ((base, a), b) in ORDER.iter().zip(&first).zip(&second) {
        assert_eq!(
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b),
            "{base:?} changed on the way"
        );
    }
    let back = target.load().unwrap();
    let mentees = String::from_utf8_lossy(&first[3]).into_owned();
    assert!(
        mentees
            .lines()
            .next()
            .unwrap()
            .contains("Отклонённые наставники"),
        "{mentees}"
    );
    assert!(
        back.mentees.values().any(|m| m.matching.locked.is_some()
            && m.matching.rejected.len() == 2
            && m.person.wishes.len() == 2),
        "the wishes and decisions came back"
    );
    assert!(back.mentees.values().any(|m| m.archived));
    assert!(back.units.values().any(|u| u.archived));
    // Pairs name their orders from the documents that came in before them.
    let ordered = back.units.values().filter(|u| u.order_id.is_some()).count();
    assert!(ordered > 10, "{ordered} pairs name an order from the base");
    assert_eq!(back.documents.len(), source.load().unwrap().documents.len());
}

#[test]
fn a_terminated_pair_without_a_reason_comes_in_with_reason_not_given() {
    let (_d, store) = temp_store();
    let people = "ФИО;Категория\nКузнецова Ольга Ивановна;педагог\n";
    import_csv(&store, Base::Mentors, people.as_bytes(), &opts(), &|_| {}).unwrap();
    let pupils = "ФИО;Категория;Дата рождения;Класс\nИванов Пётр;обучающийся;01.02.2012;8А\n";
    import_csv(&store, Base::Mentees, pupils.as_bytes(), &opts(), &|_| {}).unwrap();
    let pairs = "Наставник;Наставляемый;Форма;Статус;Дата начала;Приказ;Дата окончания\n\
        Кузнецова Ольга Ивановна;Иванов Пётр;педагог – ученик;прекращена;01.09.2024;№ 5 от 01.09.2024;01.03.2025\n";
    let out = import_csv(&store, Base::Pairs, pairs.as_bytes(), &opts(), &|_| {}).unwrap();
    assert!(
        out.notes
            .iter()
            .any(|n| n.contains("без причины: 1") && n.contains("«не указана»")),
        "{:?}",
        out.notes
    );
    let unit = store.load().unwrap().units.into_values().next().unwrap();
    assert_eq!(unit.status, UnitStatus::Terminated);
    assert_eq!(unit.end_reason, "не указана");
}

#[test]
fn documents_come_in_once_and_pairs_name_their_order_from_them() {
    let (_d, store) = temp_store();
    let docs = "Вид документа;Номер;Дата;Название;Ссылка\n\
        приказ о закреплении пар/групп;45-н;01.09.2024;О закреплении пар;\n\
        Положение о системе наставничества;12-о;30.08.2024;;https://school.ru/polozhenie.pdf\n\
        раздел на сайте;;;;https://school.ru/nastavnichestvo\n";
    let out = import_csv(&store, Base::Documents, docs.as_bytes(), &opts(), &|_| {}).unwrap();
    assert_eq!(out.created[0], (EntityKind::Document, 3));
    // The same order again, and a row that names nothing, are refused.
    let again =
        "Вид документа;Номер;Дата\nприказ о закреплении;45-н;01.09.2024\nдорожная карта;;\n";
    let Err(ImportError::Rows(rows)) =
        import_csv(&store, Base::Documents, again.as_bytes(), &opts(), &|_| {})
    else {
        panic!("refused")
    };
    let messages: Vec<String> = rows.iter().map(|r| r.to_string()).collect();
    assert!(messages[0].contains("уже есть в базе"), "{messages:?}");
    assert!(messages[1].contains("номер, дату, ссылку"), "{messages:?}");
    let people = "ФИО;Категория;Согласие\nКузнецова Ольга Ивановна;педагог;01.09.2024\n\
        Петрова Анна;педагог;01.09.2024\n";
    import_csv(&store, Base::Mentors, people.as_bytes(), &opts(), &|_| {}).unwrap();
    let pupils = "ФИО;Категория;Дата рождения;Класс;Согласие\n\
        Иванов Пётр;обучающийся;01.02.2012;8А;01.09.2024\n\
        Сидоров Иван;обучающийся;01.02.2012;8Б;01.09.2024\n";
    import_csv(&store, Base::Mentees, pupils.as_bytes(), &opts(), &|_| {}).unwrap();
    // One pair cites the order in «Приказ», one in its own column; an
    // order the base does not hold stays typed on the pair.
    let pairs = "Наставник;Наставляемый;Форма;Дата начала;Приказ;Приказ из базы документов\n\
        Кузнецова Ольга Ивановна;Иванов Пётр;педагог – ученик;02.09.2024;№ 45-н от 01.09.2024;\n\
        Петрова Анна;Сидоров Иван;педагог – ученик;02.09.2024;;№ 45-н от 01.09.2024\n";
    import_csv(&store, Base::Pairs, pairs.as_bytes(), &opts(), &|_| {}).unwrap();
    let ds = store.load().unwrap();
    let order = ds
        .documents
        .values()
        .find(|d| d.kind == DocumentKind::PairsOrder)
        .unwrap();
    for u in ds.units.values() {
        assert_eq!(u.order_id, Some(order.id));
        assert_eq!(ds.order_of(u), ("45-н".to_string(), Some(d(2024, 9, 1))));
    }
    let unknown = "Наставник;Наставляемый;Форма;Приказ из базы документов\n\
        Петрова Анна;Иванов Пётр;педагог – ученик;№ 99 от 01.01.2025\n";
    let Err(ImportError::Rows(rows)) =
        import_csv(&store, Base::Pairs, unknown.as_bytes(), &opts(), &|_| {})
    else {
        panic!("an order the base lacks is refused")
    };
    assert!(rows[0].to_string().contains("№ 99"), "{rows:?}");
}
