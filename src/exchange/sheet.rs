//! Reading a sheet of an Excel or LibreOffice workbook (xlsx, xls, ods) as
//! the same [`Table`] a CSV file gives, with `calamine`: dates written as
//! spreadsheet dates or as text, numbers as numbers («Стаж» 5.0 is 5).

use super::table::{Row, Table};
use super::RowError;
use crate::domain::dates::format_date;
use crate::i18n::Lang;
use crate::tr;
use calamine::{Data, Reader};
use std::io::Cursor;

/// What a workbook's first bytes say it is, if it is one: xlsx and ods
/// are zip archives, xls an OLE compound file.
pub fn kind_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        // ods names its type in the archive's first, uncompressed entry.
        let head = &bytes[..bytes.len().min(200)];
        let ods = head.windows(11).any(|w| w == b"opendocumen");
        return Some(if ods { "ods" } else { "xlsx" });
    }
    bytes
        .starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        .then_some("xls")
}

/// The sheet `name` (else the first) as a table: the first row with
/// anything in it is the header, rows are numbered as the spreadsheet
/// shows them.
pub fn read(bytes: &[u8], name: Option<&str>, lang: Lang) -> Result<Table, Vec<RowError>> {
    let kind = kind_of(bytes).unwrap_or("xlsx");
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        file_error(tr!(
            lang,
            "не читается как таблица {kind}: {e}",
            "unreadable as a {kind} workbook: {e}"
        ))
    })?;
    let names = book.sheet_names();
    let sheet = match name {
        Some(n) => names
            .iter()
            .find(|s| crate::text::fold(s) == crate::text::fold(n))
            .cloned()
            .ok_or_else(|| {
                file_error(tr!(
                    lang,
                    "нет листа «{n}»; листы: {}",
                    "no sheet '{n}'; the sheets: {}",
                    names.join(", ")
                ))
            })?,
        // A hidden sheet (lists for drop-downs, a formula's helper) is
        // not the curator's table.
        None => book
            .sheets_metadata()
            .iter()
            .find(|m| m.visible == calamine::SheetVisible::Visible)
            .map(|m| m.name.clone())
            .ok_or_else(|| {
                file_error(
                    lang.pick("в книге нет листов", "the workbook has no sheets")
                        .into(),
                )
            })?,
    };
    let range = book.worksheet_range(&sheet).map_err(|e| {
        file_error(tr!(
            lang,
            "лист «{sheet}» не читается: {e}",
            "sheet '{sheet}' is unreadable: {e}"
        ))
    })?;
    let first_row = range.start().map_or(0, |(r, _)| u64::from(r));
    let mut headers: Option<(u64, Vec<String>)> = None;
    let mut above = Vec::new();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let line = first_row + i as u64 + 1;
        let cells: Vec<String> = cells.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if let Some(e) = super::table::too_long(&cells, line, lang) {
            errors.push(e);
            continue;
        }
        match headers {
            None if super::table::is_title(&cells) => above.push(Row { line, cells }),
            None => headers = Some((line, cells)),
            Some(_) => rows.push(Row { line, cells }),
        }
    }
    // The first sheet taken without a word: the others are named.
    let others = match name {
        None if names.len() > 1 => tr!(
            lang,
            "; листы книги: {} (укажите --sheet ИМЯ)",
            "; the workbook's sheets: {} (pass --sheet NAME)",
            names.join(", ")
        ),
        _ => String::new(),
    };
    // A file of one column: its rows all looked like titles.
    if headers.is_none() && !above.is_empty() {
        let first = above.remove(0);
        headers = Some((first.line, first.cells));
        rows = std::mem::take(&mut above);
    }
    let Some((header_line, mut headers)) = headers else {
        return Err(file_error(tr!(
            lang,
            "лист «{sheet}» пуст{others}",
            "sheet '{sheet}' is empty{others}"
        )));
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    if rows.is_empty() {
        return Err(file_error(tr!(
            lang,
            "на листе «{sheet}» нет ни одной строки данных{others}",
            "sheet '{sheet}' has no data rows{others}"
        )));
    }
    // A sheet is as wide as its widest row: columns with no header and
    // nothing in them are dropped, so that the rows match the header.
    while headers.last().is_some_and(String::is_empty)
        && rows
            .iter()
            .all(|r| r.cells.last().is_none_or(String::is_empty))
    {
        headers.pop();
        for r in &mut rows {
            r.cells.pop();
        }
    }
    Ok(Table {
        headers,
        header_line,
        above,
        sheet: (names.len() > 1).then(|| (sheet.clone(), names.clone())),
        rows,
        encoding: kind,
    })
}

/// A workbook's visible sheets with how many rows each has filled, for a
/// curator to choose from; None for what is not a readable workbook.
pub fn visible_sheets(bytes: &[u8]) -> Option<Vec<(String, usize)>> {
    kind_of(bytes)?;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).ok()?;
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|m| m.visible == calamine::SheetVisible::Visible)
        .map(|m| m.name.clone())
        .collect();
    let sheets = names
        .into_iter()
        .map(|name| {
            let rows = book.worksheet_range(&name).map_or(0, |range| {
                range
                    .rows()
                    .filter(|r| r.iter().any(|c| !cell_text(c).is_empty()))
                    .count()
            });
            (name, rows)
        })
        .collect();
    Some(sheets)
}

fn file_error(text: String) -> Vec<RowError> {
    vec![RowError::file(text)]
}

/// A cell as the person who typed it would write it.
fn cell_text(cell: &Data) -> String {
    let text = match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // «5.0» is 5; a real fraction keeps its digits.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "да" } else { "нет" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(at) => date_time_text(at),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) => match chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        {
            Ok(at) => date_time_text(at),
            Err(_) => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    };
    text.trim().to_string()
}

/// A date as ДД.ММ.ГГГГ, with its time when it has one (a form's
/// «Отметка времени»).
fn date_time_text(at: chrono::NaiveDateTime) -> String {
    let date = format_date(at.date());
    if at.time() == chrono::NaiveTime::MIN {
        date
    } else {
        format!("{date} {}", at.format("%H:%M:%S"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_a_person_would_type_them() {
        assert_eq!(cell_text(&Data::Float(5.0)), "5");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Int(12)), "12");
        assert_eq!(cell_text(&Data::Bool(true)), "да");
        assert_eq!(cell_text(&Data::String("  10Б ".into())), "10Б");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2024-09-01T00:00:00".into())),
            "01.09.2024"
        );
        assert_eq!(
            cell_text(&Data::DateTimeIso("2026-11-23T10:05:00".into())),
            "23.11.2026 10:05:00"
        );
        assert_eq!(
            cell_text(&Data::DateTimeIso("2024-09-01".into())),
            "2024-09-01"
        );
    }

    #[test]
    fn workbooks_are_told_from_csv_by_their_first_bytes() {
        assert_eq!(
            kind_of(
                b"PK\x03\x04\x14\x00\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
            ),
            Some("ods")
        );
        assert_eq!(
            kind_of(b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml"),
            Some("xlsx")
        );
        assert_eq!(
            kind_of(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Some("xls")
        );
        assert_eq!(kind_of("ФИО;Категория".as_bytes()), None);
    }
}
