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
        said.contains("наставников — 2") && said.contains("xlsx"),
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

/// An OpenDocument spreadsheet as LibreOffice lays one out: the
/// uncompressed `mimetype` first, the manifest, and `content.xml` with
/// string, date and float cells.
fn ods_workbook(path: &Path) {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let cell = |value: &str| match value.split_once(':') {
        Some(("date", d)) => format!(
            r#"<table:table-cell office:value-type="date" office:date-value="{d}"><text:p>{d}</text:p></table:table-cell>"#
        ),
        Some(("float", n)) => format!(
            r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
        ),
        _ => format!(
            r#"<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>"#
        ),
    };
    let rows = [
        vec!["ФИО", "Категория", "Дата рождения", "Стаж", "Согласие"],
        vec![
            "Кузнецова Ольга Ивановна",
            "педагог",
            "date:1979-04-12",
            "float:5",
            "date:2025-09-01",
        ],
        vec![
            "Петрова Анна Сергеевна",
            "педагог",
            "12.05.1985",
            "float:12.0",
            "",
        ],
    ];
    let body: String = rows
        .iter()
        .map(|r| {
            let cells: String = r.iter().map(|v| cell(v)).collect();
            format!("<table:table-row>{cells}</table:table-row>")
        })
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Наставники">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default();
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", deflated).unwrap();
    z.write_all(manifest.as_bytes()).unwrap();
    z.start_file("content.xml", deflated).unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap();
}

#[test]
fn an_ods_workbook_is_imported_with_its_dates_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("наставники.ods");
    ods_workbook(&file);
    let out = bin(&db, &["import", "mentors", file.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    let json = bin(&db, &["export", "json"]);
    let backup: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mentors = backup["mentors"].as_array().unwrap();
    assert_eq!(mentors.len(), 2);
    let olga = &mentors[0]["person"];
    assert_eq!(olga["full_name"], "Кузнецова Ольга Ивановна");
    assert_eq!(olga["birth_date"], "1979-04-12");
    assert_eq!(olga["experience_years"], 5);
    assert_eq!(olga["consent"]["date"], "2025-09-01");
    assert_eq!(mentors[1]["person"]["experience_years"], 12);
    assert_eq!(mentors[1]["person"]["birth_date"], "1985-05-12");
}

/// A school's mentees sheet as the secretary keeps it: a hidden list
/// sheet first, a title and an empty row above a two-level merged header,
/// dates as spreadsheet dates and as «01.09.2025 г.» text, and a total
/// row. Every mentee comes in as written, with no edit to the file.
#[test]
fn a_workbook_as_it_comes_imports_with_no_edit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let file = dir.path().join("наставляемые.xlsx");
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let lists = book.add_worksheet();
    lists.set_name("Списки").unwrap();
    lists.write_string(0, 0, "педагог").unwrap();
    lists.set_hidden(true);
    let sheet = book.add_worksheet();
    sheet.set_name("Наставляемые").unwrap();
    // The sheet shown on opening: Excel hides no active sheet.
    sheet.set_active(true);
    let merged = Format::new();
    sheet
        .merge_range(
            0,
            0,
            0,
            6,
            "Список наставляемых МКОУ «СОШ № 5» на 2025/2026 учебный год",
            &merged,
        )
        .unwrap();
    // Row 2 is left empty; the header takes rows 3 and 4.
    sheet.merge_range(2, 0, 3, 0, "ФИО", &merged).unwrap();
    sheet.merge_range(2, 1, 3, 1, "Категория", &merged).unwrap();
    sheet
        .merge_range(2, 2, 3, 2, "Дата рождения", &merged)
        .unwrap();
    sheet.merge_range(2, 3, 2, 4, "Контакты", &merged).unwrap();
    sheet.write_string(3, 3, "Телефон").unwrap();
    sheet.write_string(3, 4, "E-mail").unwrap();
    sheet
        .merge_range(2, 5, 2, 6, "Участие в программе", &merged)
        .unwrap();
    sheet.write_string(3, 5, "Дата вхождения").unwrap();
    sheet.write_string(3, 6, "Согласие").unwrap();
    let born = ExcelDateTime::from_ymd(1999, 3, 14).unwrap();
    let people = [
        (
            "Орлов Кирилл Андреевич",
            "молодой специалист",
            "+7 900 111-22-33",
        ),
        ("Белова Анна Петровна", "педагог", "+7 900 444-55-66"),
    ];
    for (i, (name, category, phone)) in people.iter().enumerate() {
        let r = 4 + i as u32;
        sheet.write_string(r, 0, *name).unwrap();
        sheet.write_string(r, 1, *category).unwrap();
        sheet
            .write_datetime_with_format(r, 2, &born, &date)
            .unwrap();
        sheet.write_string(r, 3, *phone).unwrap();
        sheet.write_string(r, 4, "mail@sosh5.ru").unwrap();
        sheet.write_string(r, 5, "01.09.2025 г.").unwrap();
        let consent = ExcelDateTime::from_ymd(2025, 9, 1).unwrap();
        sheet
            .write_datetime_with_format(r, 6, &consent, &date)
            .unwrap();
    }
    sheet.write_string(6, 0, "Итого: 2").unwrap();
    book.save(&file).unwrap();

    let out = bin(&db, &["import", "mentees", file.to_str().unwrap()]);
    let (said, err) = text(&out);
    assert!(out.status.success(), "{said}{err}");
    for note in [
        "прочитан лист «Наставляемые»",
        "над заголовком пропущено строк: 1 (1: «Список наставляемых",
        "заголовок в две строки (3–4)",
        "строка 7 — итоговая («Итого: 2»), пропущена",
        "наставляемых — 2",
    ] {
        assert!(said.contains(note), "{note}: {said}");
    }
    let csv = text(&bin(&db, &["export", "csv", "mentees"])).0;
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(
        csv.contains("Орлов Кирилл Андреевич;молодой специалист;14.03.1999"),
        "{csv}"
    );
    assert!(
        csv.contains("+7 900 444-55-66") && csv.contains("01.09.2025"),
        "{csv}"
    );
}
