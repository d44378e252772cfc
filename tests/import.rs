//! CSV import: official headers, encodings, and every bad case rejected
//! with its line and nothing stored.

mod common;
use common::*;
use nastavnik::domain::*;
use nastavnik::exchange::import::{import_csv, ImportError, Options};
use nastavnik::exchange::{csv_export, Base};
use nastavnik::store::{EntityKind, Store};

fn opts() -> Options {
    Options {
        org: None,
        dry_run: false,
        sheet: None,
        today: d(2024, 9, 2),
        lang: nastavnik::i18n::Lang::Ru,
    }
}

fn import(
    store: &Store,
    base: Base,
    text: &str,
) -> Result<nastavnik::exchange::import::Outcome, ImportError> {
    import_csv(store, base, text.as_bytes(), &opts(), &|_| {})
}

/// The lines and messages of a rejected import; asserts nothing was stored.
fn rejected(store: &Store, base: Base, bytes: &[u8]) -> Vec<(u64, String)> {
    let before = store.dump().unwrap();
    let errs = match import_csv(store, base, bytes, &opts(), &|_| {}) {
        Err(ImportError::Rows(errs)) => errs,
        other => panic!("expected row errors, got {other:?}"),
    };
    assert_eq!(store.dump().unwrap(), before, "nothing may be stored");
    errs.into_iter().map(|e| (e.line, e.message)).collect()
}

const MENTORS_OFFICIAL: &str = "\
Отметка времени;ФИО наставника (полностью);Категория;Дата рождения;Класс;Стаж;Место работы/учёбы;Организация-партнёр;Компетенции;Формы наставничества;Макс. наставляемых;Желаемый возраст наставляемых;Согласие;Дата вхождения
01.09.2024 10:00;Кузнецова Ольга Ивановна;педагог;12.04.1979;;20 лет;СОШ № 5;;методика урока, классное руководство;учитель – учитель;2;;01.09.2024;01.09.2024
01.09.2024 10:05;Орлов Илья Петрович;работодатель;03.03.1985;;10;АО Энергосбыт;АО «Энергосбыт»;профориентация;работодатель-ученик;3;14-17;01.09.2024;
01.09.2024 10:07;Зайцев Кирилл;обучающийся;05.05.2008;10Б;;СОШ № 5;;математика;ученик – ученик;1;10-14;30.08.2024;01.09.2024
";

#[test]
fn official_headers_import_with_defaults_and_new_partners() {
    let (_d, store) = temp_store();
    let out = import(&store, Base::Mentors, MENTORS_OFFICIAL).unwrap();
    assert_eq!(
        out.created,
        vec![(EntityKind::Mentor, 3), (EntityKind::Partner, 1)]
    );
    assert!(
        out.notes.iter().any(|n| n.contains("Отметка времени")),
        "{:?}",
        out.notes
    );
    assert!(
        out.notes.iter().any(|n| n.contains("в 1 строке:")),
        "one joined date defaulted: {:?}",
        out.notes
    );
    let ds = store.load().unwrap();
    let olga = &ds.mentors[&1];
    assert_eq!(olga.person.experience_years, Some(20));
    assert_eq!(
        olga.competencies,
        vec!["методика урока", "классное руководство"]
    );
    assert_eq!(olga.person.forms, vec![Form::TeacherTeacher]);
    let ilya = &ds.mentors[&2];
    assert_eq!(
        ds.partners[&ilya.partner_id.unwrap()].name,
        "АО «Энергосбыт»"
    );
    assert_eq!(ilya.person.joined, Some(d(2024, 9, 2)));
    assert_eq!(ilya.preferred_age, Some(AgeRange { min: 14, max: 17 }));
    let kirill = &ds.mentors[&3];
    assert_eq!(
        kirill.person.consent,
        Some(Consent {
            date: d(2024, 8, 30),
            by_guardian: true
        }),
        "a minor's consent is the guardian's"
    );
    assert_eq!(ds.orgs.len(), 1, "a default organisation was created");
    assert_eq!(
        ds.mentors.values().map(|m| m.org_id).collect::<Vec<_>>(),
        vec![1, 1, 1]
    );
}

#[test]
fn english_aliases_and_comma_delimiter_work() {
    let (_d, store) = temp_store();
    let csv = "full_name,category,birth_date,grade,request,joined\n\"Ёлкин Иван\",pupil,2012-01-01,6А,\"математика; ОГЭ\",2024-09-01\n";
    import(&store, Base::Mentees, csv).unwrap();
    let m = &store.load().unwrap().mentees[&1];
    assert_eq!(m.request, vec!["математика", "ОГЭ"]);
    assert_eq!(m.person.grade, Grade::parse("6а"));
}

#[test]
fn windows_1251_is_read() {
    let (_d, store) = temp_store();
    let (bytes, _, _) = encoding_rs::WINDOWS_1251
        .encode("ФИО;Категория;Стаж\nСёмина Анна Юрьевна;молодой специалист;1\n");
    let out = import_csv(&store, Base::Mentees, &bytes, &opts(), &|_| {}).unwrap();
    assert_eq!(out.encoding, "Windows-1251");
    assert_eq!(
        store.load().unwrap().mentees[&1].person.full_name,
        "Сёмина Анна Юрьевна"
    );
}

#[test]
fn dry_run_stores_nothing() {
    let (_d, store) = temp_store();
    let out = import_csv(
        &store,
        Base::Mentors,
        MENTORS_OFFICIAL.as_bytes(),
        &Options {
            dry_run: true,
            ..opts()
        },
        &|_| {},
    )
    .unwrap();
    assert_eq!(out.created[0], (EntityKind::Mentor, 3));
    assert!(store.is_empty());
}

#[test]
fn missing_required_column() {
    let (_d, store) = temp_store();
    let errs = rejected(&store, Base::Mentors, "ФИО;Стаж\nИванов;3\n".as_bytes());
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].0, 1);
    assert!(errs[0].1.contains("Категория"), "{errs:?}");
}

#[test]
fn bad_dates_unknown_categories_and_rule_breaks_are_listed_by_line() {
    let (_d, store) = temp_store();
    let csv = "ФИО;Категория;Дата рождения;Класс;Дата вхождения\n\
               Годный Ученик;обучающийся;01.01.2012;6А;01.09.2024\n\
               Плохая Дата;обучающийся;31.02.2012;6А;01.09.2024\n\
               Космонавт Пётр;космонавт;;;\n\
               Малыш Иван;обучающийся;01.01.2017;2А;01.09.2024\n\
               ;педагог;;;\n";
    let errs = rejected(&store, Base::Mentees, csv.as_bytes());
    let lines: Vec<u64> = errs.iter().map(|e| e.0).collect();
    assert_eq!(lines, vec![3, 4, 5, 6], "{errs:#?}");
    assert!(
        errs[0]
            .1
            .starts_with("Дата рождения: «31.02.2012» — не дата"),
        "{}",
        errs[0].1
    );
    assert!(
        errs[1].1.contains("космонавт") && errs[1].1.contains("обучающийся"),
        "{}",
        errs[1].1
    );
    assert!(errs[2].1.contains("от 10 до 18 лет"), "{}", errs[2].1);
    assert!(errs[3].1.starts_with("ФИО: не заполнено"), "{}", errs[3].1);
}

#[test]
fn duplicates_in_the_file_and_in_the_base() {
    let (_d, store) = temp_store();
    import(
        &store,
        Base::Mentees,
        "ФИО;Категория\nПетров Илья;педагог\n",
    )
    .unwrap();
    let csv = "ФИО;Категория\nСидоров Олег;педагог\nпетров  илья;педагог\nСидоров Олег;педагог\n";
    let errs = rejected(&store, Base::Mentees, csv.as_bytes());
    assert_eq!(errs.iter().map(|e| e.0).collect::<Vec<_>>(), vec![3, 4]);
    assert!(errs[0].1.contains("уже есть в базе (#1)"), "{}", errs[0].1);
    assert!(errs[1].1.contains("повтор строки 2"), "{}", errs[1].1);
}

#[test]
fn ragged_rows_are_refused() {
    let (_d, store) = temp_store();
    let errs = rejected(
        &store,
        Base::Partners,
        "Название;Тип\nЗавод;предприятие\nКолледж;колледж;лишнее\nВуз\n".as_bytes(),
    );
    assert_eq!(errs.iter().map(|e| e.0).collect::<Vec<_>>(), vec![3, 4]);
    assert!(
        errs[0].1.contains("3 полей, а в заголовке 2"),
        "{}",
        errs[0].1
    );
}

#[test]
fn empty_and_header_only_files_are_refused() {
    let (_d, store) = temp_store();
    assert!(rejected(&store, Base::Mentors, b"")[0].1.contains("пуст"));
    assert!(
        rejected(&store, Base::Mentors, "\u{feff}\r\n \r\n".as_bytes())[0]
            .1
            .contains("пуст")
    );
    assert!(
        rejected(&store, Base::Mentors, "ФИО;Категория\n".as_bytes())[0]
            .1
            .contains("нет ни одной строки")
    );
}

#[test]
fn a_one_megabyte_cell_is_refused_with_its_line() {
    let (_d, store) = temp_store();
    let csv = format!(
        "Название;Контакты\nЗавод;1\nКолледж;\"{}\"\n",
        "x".repeat(1 << 20)
    );
    let errs = rejected(&store, Base::Partners, csv.as_bytes());
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].0, 3);
    assert!(errs[0].1.contains("1048576 символов"), "{}", errs[0].1);
}

/// Two mentees named alike, a mentor, and pairs naming them.
fn pairs_fixture(store: &Store) {
    import(
        store,
        Base::Mentors,
        "ФИО;Категория;Макс. наставляемых;Согласие\nКузнецова Ольга;педагог;1;01.09.2024\n",
    )
    .unwrap();
    import(
        store,
        Base::Mentees,
        "ФИО;Категория;Дата рождения;Согласие\nПетров Илья;молодой специалист;01.01.2000;01.09.2024\nПетров Илья;молодой специалист;02.02.2001;01.09.2024\nСомов Лев;молодой специалист;;\n",
    )
    .unwrap();
}

#[test]
fn ambiguous_and_unknown_names_in_pairs() {
    let (_d, store) = temp_store();
    pairs_fixture(&store);
    let csv = "Наставник;Наставляемый;Дата начала\nКузнецова Ольга;Петров Илья;01.10.2024\nКузнецова Ольга;Иванов Никто;01.10.2024\n";
    let errs = rejected(&store, Base::Pairs, csv.as_bytes());
    assert_eq!(errs[0].0, 2);
    assert!(
        errs[0]
            .1
            .contains("неоднозначно (#1 01.01.2000, #2 02.02.2001); укажите #id"),
        "{}",
        errs[0].1
    );
    assert_eq!(errs[1].0, 3);
    assert!(
        errs[1].1.contains("Иванов Никто: нет в базе"),
        "{}",
        errs[1].1
    );
}

#[test]
fn pairs_by_id_infer_the_form_and_respect_capacity_and_consent() {
    let (_d, store) = temp_store();
    pairs_fixture(&store);
    let over = "Наставник;Наставляемый;Дата начала\nКузнецова Ольга;#1;01.10.2024\nКузнецова Ольга;#2;01.10.2024\n";
    let errs = rejected(&store, Base::Pairs, over.as_bytes());
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].0, 3);
    assert!(
        errs[0]
            .1
            .contains("наставляемых будет 2, а наставник берёт не больше 1"),
        "{}",
        errs[0].1
    );

    let no_consent = "Наставник;Наставляемый;Дата начала\nКузнецова Ольга;Сомов Лев;01.10.2024\n";
    let errs = rejected(&store, Base::Pairs, no_consent.as_bytes());
    assert!(
        errs[0].1.contains("Сомов Лев: нет письменного согласия"),
        "{}",
        errs[0].1
    );

    let forming = "Наставник;Наставляемый;Статус;Приказ;Программа\nКузнецова Ольга;Сомов Лев;формируется;№ 12 от 05.09.2024;Молодой педагог\n";
    import(&store, Base::Pairs, forming).unwrap();
    let ds = store.load().unwrap();
    let u = &ds.units[&1];
    assert_eq!(
        (u.form, u.status),
        (Form::TeacherTeacher, UnitStatus::Forming)
    );
    assert_eq!(u.order_date, Some(d(2024, 9, 5)));
    assert_eq!(ds.programs[&u.program_id.unwrap()].name, "Молодой педагог");
}

#[test]
fn csv_export_round_trips_and_escapes_formulas() {
    let (_d, store) = temp_store();
    import(
        &store,
        Base::Partners,
        "Название;Контакты\n=HYPERLINK(\"x\");+7 900 000-00-00\n",
    )
    .unwrap();
    let bytes = csv_export::to_csv(&store.load().unwrap(), Base::Partners);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains("'+7 900"), "{text}");
    let (_d2, other) = temp_store();
    import_csv(&other, Base::Partners, &bytes, &opts(), &|_| {}).unwrap();
    assert_eq!(other.load().unwrap().partners[&1].name, "=HYPERLINK(\"x\")");
    assert_eq!(
        other.load().unwrap().partners[&1].contacts,
        "+7 900 000-00-00"
    );
}

#[test]
fn control_characters_never_reach_the_base() {
    let (_d, store) = temp_store();
    import(
        &store,
        Base::Partners,
        "Название\n\"Завод\u{1b}[31m\u{202e}Х\u{7}\"\n",
    )
    .unwrap();
    // The whole escape sequence goes, not only its ESC (issue 12).
    assert_eq!(store.load().unwrap().partners[&1].name, "ЗаводХ");
}

/// A pair #1: Кузнецова Ольга → Петров Илья (both with consent), active.
fn one_pair(store: &Store) {
    pairs_fixture(store);
    import(
        store,
        Base::Pairs,
        "Наставник;Наставляемый;Дата начала\nКузнецова Ольга;#1;01.10.2024\n",
    )
    .unwrap();
}

#[test]
fn meetings_import_by_pair_id_or_names_and_export_back() {
    let (_d, store) = temp_store();
    one_pair(&store);
    let csv = "Пара;Наставник;Наставляемый;Дата;Вид встречи;Формат;Тема;Итоги;Оценка наставляемого;Оценка наставника\n\
               #1;;;02.10.2024;встреча-знакомство;очно;Знакомство;\"Обсудили цели\nи план\";5;4\n\
               ;Кузнецова Ольга;#1;09.10.2024;;дистанционно;Пробная;;;\n";
    let out = import(&store, Base::Meetings, csv).unwrap();
    assert_eq!(out.created, vec![(EntityKind::Meeting, 2)]);
    let ds = store.load().unwrap();
    let first = &ds.meetings[&1];
    assert_eq!(
        (first.kind, first.outcome.as_str()),
        (MeetingKind::Introduction, "Обсудили цели\nи план")
    );
    assert_eq!(
        (first.feedback.mentee_mark, first.feedback.mentor_mark),
        (Some(5), Some(4))
    );
    assert_eq!(
        ds.meetings[&2].kind,
        MeetingKind::Working,
        "an empty kind is a working meeting"
    );
    assert_eq!(store.meetings_of(1).unwrap(), vec![1, 2]);
    let exported = String::from_utf8(csv_export::to_csv(&ds, Base::Meetings)).unwrap();
    assert!(exported.contains("#1;Кузнецова Ольга;Петров Илья;02.10.2024;встреча-знакомство;очно;Знакомство;\"Обсудили цели\nи план\";5;4"), "{exported}");
    let again = rejected(&store, Base::Meetings, exported.as_bytes());
    assert!(
        again.iter().all(|(_, m)| m.contains("уже есть")),
        "{again:?}"
    );
}

#[test]
fn bad_meeting_rows_are_listed_and_nothing_is_stored() {
    let (_d, store) = temp_store();
    one_pair(&store);
    let csv = "Пара;Наставник;Наставляемый;Дата;Вид встречи;Оценка наставляемого\n\
               #9;;;02.10.2024;;\n\
               #1;;;31.02.2024;;\n\
               #1;;;03.10.2024;;7\n\
               ;Кузнецова Ольга;Сомов Лев;04.10.2024;;\n\
               ;Кузнецова Ольга;Петров Илья;05.10.2024;чаепитие;\n\
               #1;;;06.10.2024;;\n\
               #1;;;06.10.2024;рабочая;\n";
    let errs = rejected(&store, Base::Meetings, csv.as_bytes());
    let lines: Vec<u64> = errs.iter().map(|e| e.0).collect();
    assert_eq!(lines, vec![2, 3, 4, 5, 6, 8], "{errs:#?}");
    assert!(errs[0].1.contains("нет такой пары"));
    assert!(errs[1].1.contains("не дата"));
    assert!(errs[2].1.contains("от 1 до 5"));
    assert!(
        errs[3]
            .1
            .contains("Кузнецова Ольга → Сомов Лев: нет такой пары"),
        "{}",
        errs[3].1
    );
    assert!(errs[4].1.contains("чаепитие"));
    assert!(errs[5].1.contains("уже есть"), "a repeat of line 7");
}

/// The mentor's appointment order was added as one schema entry: the import
/// reads it, the export writes it, and the form edits it.
#[test]
fn the_appointment_order_goes_in_and_out_with_the_mentors() {
    let (_d, store) = temp_store();
    import(
        &store,
        Base::Mentors,
        "ФИО;Категория;Приказ о назначении наставником\nКузнецова Ольга;педагог;№ 12-к от 01.09.2025\n",
    )
    .unwrap();
    let ds = store.load().unwrap();
    assert_eq!(ds.mentors[&1].appointment_order, "№ 12-к от 01.09.2025");
    let text = String::from_utf8(csv_export::to_csv(&ds, Base::Mentors)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let row: Vec<&str> = lines.next().unwrap().split(';').collect();
    let at = header
        .iter()
        .position(|h| *h == "Приказ о назначении")
        .expect("the column is exported");
    assert_eq!(row[at], "№ 12-к от 01.09.2025");
    let form = nastavnik::tui::form::RecordForm::new(
        ds.mentors[&1].clone(),
        &ds,
        nastavnik::i18n::Lang::En,
    );
    let input = form
        .inputs
        .iter()
        .find(|i| i.key == FieldKey::AppointmentOrder)
        .expect("the form has the field");
    assert_eq!(input.label, "Appointment order");
    assert_eq!(input.raw(), "№ 12-к от 01.09.2025");
}

/// A CSV saved from a school's sheet: title lines above the header (one
/// padded with the delimiter, as Excel writes it) and a total line below.
#[test]
fn title_lines_above_a_csv_header_and_its_total_are_skipped() {
    let (_d, store) = temp_store();
    let out = import(
        &store,
        Base::Mentors,
        "База наставников;;\nна 01.09.2025\n\nФИО;Категория;Стаж\nКузнецова Ольга Ивановна;педагог;12\nСмирнов Олег Петрович;педагог;3\nВсего;;15\n",
    )
    .unwrap();
    assert_eq!(out.created[0], (EntityKind::Mentor, 2));
    assert!(
        out.notes[0].starts_with("над заголовком пропущено строк: 2 (1–2"),
        "{:?}",
        out.notes
    );
    assert!(
        out.notes[1].starts_with("строка 7 — итоговая («Всего»)"),
        "{:?}",
        out.notes
    );
    let ds = store.load().unwrap();
    assert_eq!(ds.mentors.len(), 2);
}
