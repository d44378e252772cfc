//! Bases and form answers straight from Excel and LibreOffice workbooks:
//! files written in the test by a real spreadsheet writer
//! (`rust_xlsxwriter`), read with the CSV import's header matching and
//! all-or-nothing rules.

mod common;
use common::bin;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

fn text(o: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// A workbook with an unrelated first sheet and the mentors on the second,
/// as a curator keeps them: dates as spreadsheet dates and as text,
/// «Стаж» as a number.
fn mentors_workbook(path: &Path, bad_second_row: bool) {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let notes = book.add_worksheet();
    notes.set_name("Пояснения").unwrap();
    notes.write_string(0, 0, "База наставников школы").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Наставники").unwrap();
    for (c, h) in [
        "ФИО наставника (полностью)",
        "Категория",
        "Дата рождения",
        "Класс",
        "Стаж",
        "Макс. наставляемых",
        "Согласие",
        "Дата вхождения",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet
        .write_string(1, 0, "Кузнецова Ольга Ивановна")
        .unwrap();
    sheet.write_string(1, 1, "педагог").unwrap();
    let born = ExcelDateTime::from_ymd(1979, 4, 12).unwrap();
    sheet
        .write_datetime_with_format(1, 2, &born, &date)
        .unwrap();
    sheet.write_number(1, 4, 5.0).unwrap();
    sheet.write_number(1, 5, 2.0).unwrap();
    let consent = ExcelDateTime::from_ymd(2025, 9, 1).unwrap();
    sheet
        .write_datetime_with_format(1, 6, &consent, &date)
        .unwrap();
    sheet.write_string(1, 7, "01.09.2025").unwrap();
    sheet.write_string(2, 0, "Зайцев Кирилл Андреевич").unwrap();
    sheet.write_string(2, 1, "обучающийся").unwrap();
    if bad_second_row {
        sheet.write_string(2, 2, "весной").unwrap();
    } else {
        let pupil = ExcelDateTime::from_ymd(2009, 5, 5).unwrap();
        sheet
            .write_datetime_with_format(2, 2, &pupil, &date)
            .unwrap();
    }
    sheet.write_string(2, 3, "10Б").unwrap();
    sheet.write_number(2, 5, 1.0).unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_mentors_sheet_of_an_xlsx_workbook_is_imported_with_its_dates_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("наставники.xlsx");
    mentors_workbook(&file, false);
    let f = file.to_str().unwrap();
    // The first sheet is not the base: the others are named.
    let (_, err) = text(&bin(&db, &["import", "mentors", f]));
    assert!(
        err.contains("«Пояснения»") && err.contains("--sheet"),
        "{err}"
    );
    assert!(err.contains("Наставники"), "{err}");
    let (_, err) = text(&bin(
        &db,
        &["import", "mentors", f, "--sheet", "Мероприятия"],
    ));
    assert!(
        err.contains("нет листа «Мероприятия»") && err.contains("Наставники"),
        "{err}"
    );
    let out = bin(&db, &["import", "mentors", f, "--sheet", "наставники"]);
    let (said, err) = text(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        said.contains("mentors 2") && said.contains("xlsx"),
        "{said}"
    );
    let csv = text(&bin(&db, &["export", "csv", "mentors"])).0;
    assert!(
        csv.contains("Кузнецова Ольга Ивановна;педагог;12.04.1979;;5;"),
        "{csv}"
    );
    assert!(csv.contains(";2;") && csv.contains("01.09.2025"), "{csv}");
    assert!(
        csv.contains("Зайцев Кирилл Андреевич;обучающийся;05.05.2009;10Б"),
        "{csv}"
    );
}

#[test]
fn a_bad_row_of_a_sheet_stops_the_whole_file_and_names_its_spreadsheet_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("base.xlsx");
    mentors_workbook(&file, true);
    let out = bin(
        &db,
        &[
            "import",
            "mentors",
            file.to_str().unwrap(),
            "--sheet",
            "Наставники",
        ],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("строка 3") && err.contains("весной"), "{err}");
    assert!(err.contains("ничего не сохранено"), "{err}");
}

#[test]
fn a_google_forms_export_read_as_xlsx_imports_its_answers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    assert!(bin(&db, &["demo", "--seed", "5"]).status.success());
    let backup: serde_json::Value =
        serde_json::from_slice(&bin(&db, &["export", "json"]).stdout).unwrap();
    let (id, mentee) = common::unanswered_mentee(&backup, "mentee_exit");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Ответы на форму (1)").unwrap();
    sheet.write_string(0, 0, "Отметка времени").unwrap();
    sheet.write_string(0, 1, "ФИО").unwrap();
    sheet
        .write_string(0, 2, "Насколько полезными были встречи?")
        .unwrap();
    let at = ExcelDateTime::parse_from_str("2026-11-23 10:00:00").unwrap();
    let stamp = Format::new().set_num_format("dd.mm.yyyy hh:mm:ss");
    sheet.write_datetime_with_format(1, 0, &at, &stamp).unwrap();
    sheet.write_string(1, 1, &mentee).unwrap();
    sheet.write_number(1, 2, 9.0).unwrap();
    let file = dir.path().join("ответы.xlsx");
    book.save(&file).unwrap();
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
    let (said, err) = text(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        said.contains("Импортировано и сохранено анкет: 1"),
        "{said}"
    );
}
