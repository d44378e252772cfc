//! Where the table of a school's sheet really is, as a secretary keeps it:
//! the header row found among the first rows (a title above it is
//! skipped), a two-level header (a merged group cell over sub-headers)
//! read as «group / sub» and matched by either part, and a total row at
//! the bottom left out. Each is said in a note. CSV and workbooks alike.

use super::columns::{match_headers, ColumnMap, Spec};
use super::table::{Row, Table};
use super::RowError;
use crate::i18n::Lang;
use crate::text::fold;
use crate::tr;

/// How many rows from the top may hold the header.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// What joins a group header and its sub-header.
pub const GROUP_JOIN: &str = " / ";

/// The table with its header found and its total row left out, the
/// columns matched, and what was skipped on the way.
#[derive(Debug)]
pub struct Settled {
    pub table: Table,
    pub map: ColumnMap,
    pub notes: Vec<String>,
}

/// Finds the header of `t` (read with its first non-empty row as the
/// header) for the columns `specs`: the first of the top rows whose cells
/// name every required column, read with the row under it as one
/// two-level header when that row reads as its sub-headers. Without such
/// a row the errors are those of the first row, and, when a title stood
/// above, a word on where the header was sought.
pub fn settle(t: Table, specs: &[Spec], lang: Lang) -> Result<Settled, Vec<RowError>> {
    let Table {
        headers,
        header_line,
        above,
        sheet,
        rows,
        encoding,
    } = t;
    let titled = !above.is_empty();
    let mut all = above;
    all.reserve(rows.len() + 1);
    all.push(Row {
        line: header_line,
        cells: headers,
    });
    all.extend(rows);
    let mut first_errors = None;
    for at in 0..all.len().min(HEADER_SEARCH_ROWS) {
        let single = match_headers(&all[at].cells, specs, lang);
        let double = all
            .get(at + 1)
            .filter(|under| is_sub_header(&all[at].cells, &under.cells, specs))
            .map(|under| {
                let joined = two_level(&all[at].cells, &under.cells);
                (match_headers(&joined, specs, lang), joined)
            });
        let found = match (single, double) {
            (Ok(one), Some((Ok(two), joined))) if matched(&two) >= matched(&one) => {
                Some((two, joined, 2))
            }
            (Ok(one), _) => Some((one, all[at].cells.clone(), 1)),
            (Err(e), Some((Ok(two), joined))) => {
                first_errors.get_or_insert(e);
                Some((two, joined, 2))
            }
            (Err(e), _) => {
                first_errors.get_or_insert(e);
                None
            }
        };
        let Some((map, headers, height)) = found else {
            continue;
        };
        let mut notes = Vec::new();
        if let Some((read, all_sheets)) = &sheet {
            notes.push(tr!(
                lang,
                "прочитан лист «{read}»; листы книги: {}",
                "the sheet '{read}' was read; the workbook's sheets: {}",
                all_sheets.join(", ")
            ));
        }
        if at > 0 {
            notes.push(skipped_above(&all[..at], lang));
        }
        if height == 2 {
            notes.push(tr!(
                lang,
                "заголовок в две строки ({}–{}): столбцы прочитаны как «группа / подзаголовок»",
                "a header of two rows ({}–{}): the columns are read as «group / sub-header»",
                all[at].line,
                all[at + 1].line
            ));
        }
        let header_line = all[at + height - 1].line;
        let mut rows: Vec<Row> = all.drain(at + height..).collect();
        if rows.last().is_some_and(|r| is_total(r, &map)) {
            let total = rows.pop().map(|r| (r.line, first_text(&r.cells)));
            if let Some((line, text)) = total {
                notes.push(tr!(
                    lang,
                    "строка {line} — итоговая ({text}), пропущена",
                    "row {line} is a total ({text}), skipped"
                ));
            }
        }
        if rows.is_empty() {
            return Err(vec![RowError::file(
                lang.pick("нет ни одной строки данных", "no data rows"),
            )]);
        }
        return Ok(Settled {
            table: Table {
                headers,
                header_line,
                above: Vec::new(),
                sheet,
                rows,
                encoding,
            },
            map,
            notes,
        });
    }
    let mut errors = first_errors.unwrap_or_default();
    if titled {
        errors.push(RowError::file(tr!(
            lang,
            "строку заголовка искали в первых {} строках: ни одна не называет все обязательные столбцы",
            "the header row was sought in the first {} rows: none names every required column",
            HEADER_SEARCH_ROWS.min(all.len())
        )));
    }
    Err(errors)
}

/// Whether `under` reads as sub-headers of `group`: the group row names
/// two things at least (a title's one cell is no group), a sub-header
/// stands under an empty group cell (the rest of a merged cell), and some
/// sub-header names a column by itself, as no data row does.
fn is_sub_header(group: &[String], under: &[String], specs: &[Spec]) -> bool {
    let empty = |cells: &[String], i: usize| cells.get(i).is_none_or(|c| c.trim().is_empty());
    !super::table::is_title(group)
        && (0..under.len()).any(|i| empty(group, i) && !empty(under, i))
        && under
            .iter()
            .any(|c| super::columns::best_col(c, specs).is_some())
}

fn matched(map: &ColumnMap) -> usize {
    map.by_position.iter().flatten().count()
}

/// A group row over a sub-header row as one row of «group / sub»: a
/// merged group cell holds its text in its first column only, so an
/// empty group cell takes the group to its left; a column with no
/// sub-header is the group's (a cell merged down both rows).
fn two_level(group: &[String], sub: &[String]) -> Vec<String> {
    let width = group.len().max(sub.len());
    let mut current = String::new();
    (0..width)
        .map(|i| {
            let g = group.get(i).map_or("", |s| s.trim());
            let s = sub.get(i).map_or("", |s| s.trim());
            if !g.is_empty() {
                current = g.to_string();
            }
            match (g.is_empty(), s.is_empty()) {
                (_, true) => g.to_string(),
                (true, false) if current.is_empty() => s.to_string(),
                _ => format!("{current}{GROUP_JOIN}{s}"),
            }
        })
        .collect()
}

/// «строки 1–2 над заголовком пропущены («Список наставников …»)».
fn skipped_above(rows: &[Row], lang: Lang) -> String {
    let (first, last) = (rows[0].line, rows[rows.len() - 1].line);
    let span = match first == last {
        true => first.to_string(),
        false => format!("{first}–{last}"),
    };
    tr!(
        lang,
        "над заголовком пропущено строк: {} ({span}: {})",
        "rows above the header skipped: {} ({span}: {})",
        rows.len(),
        first_text(&rows[0].cells)
    )
}

/// A row's first text, quoted and cut short, for a note.
fn first_text(cells: &[String]) -> String {
    let text = cells
        .iter()
        .find(|c| !c.trim().is_empty())
        .map_or("", |c| c.trim());
    let short: String = text.chars().take(40).collect();
    let more = if text.chars().count() > 40 { "…" } else { "" };
    format!("«{short}{more}»")
}

/// A total row: it starts with «Итого» or «Всего», or it names no one
/// (the first column the base requires is empty) and holds only numbers.
fn is_total(row: &Row, map: &ColumnMap) -> bool {
    let filled: Vec<&str> = row
        .cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    let Some(first) = filled.first() else {
        return false;
    };
    let word = fold(first);
    if word.starts_with("итого") || word.starts_with("всего") || word.starts_with("total")
    {
        return true;
    }
    let named = map
        .specs
        .iter()
        .find(|s| s.required)
        .is_some_and(|s| !map.get(&row.cells, s.col).trim().is_empty());
    !named
        && filled
            .iter()
            .all(|c| c.replace([',', ' ', '\u{a0}'], ".").parse::<f64>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FieldKey::*;
    use crate::exchange::Base;

    fn row(line: u64, cells: &[&str]) -> Row {
        Row {
            line,
            cells: cells.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn table(rows: Vec<Row>) -> Table {
        let mut rows = rows.into_iter();
        let head = rows.next().unwrap();
        Table {
            headers: head.cells,
            header_line: head.line,
            above: Vec::new(),
            sheet: None,
            rows: rows.collect(),
            encoding: "UTF-8",
        }
    }

    #[test]
    fn the_header_under_a_title_is_found_and_the_total_left_out() {
        let t = table(vec![
            row(
                1,
                &[
                    "Список наставников МКОУ «СОШ № 5» на 2025/2026 учебный год",
                    "",
                    "",
                ],
            ),
            row(3, &["ФИО", "Категория", "Стаж"]),
            row(4, &["Кузнецова Ольга Ивановна", "педагог", "12"]),
            row(5, &["Итого", "", "12"]),
        ]);
        let s = settle(t, &Base::Mentors.specs(), Lang::Ru).unwrap();
        assert_eq!(s.table.header_line, 3);
        assert_eq!(s.table.rows.len(), 1);
        assert_eq!(s.table.rows[0].line, 4);
        assert_eq!(
            s.notes,
            [
                "над заголовком пропущено строк: 1 (1: «Список наставников МКОУ «СОШ № 5» на 202…»)",
                "строка 5 — итоговая («Итого»), пропущена",
            ]
        );
    }

    #[test]
    fn a_two_level_header_is_matched_by_either_part() {
        let t = table(vec![
            row(
                1,
                &[
                    "ФИО",
                    "Категория",
                    "Контакты",
                    "",
                    "Согласие на обработку ПД",
                    "",
                ],
            ),
            row(2, &["", "", "Телефон", "E-mail", "дата", "кем дано"]),
            row(
                3,
                &[
                    "Зайцев Кирилл Андреевич",
                    "обучающийся",
                    "+7 900",
                    "",
                    "01.09.2025",
                    "Зайцева А. П.",
                ],
            ),
            // Only numbers where no one is named: a total too.
            row(4, &["", "", "", "", "", "1"]),
        ]);
        let s = settle(t, &Base::Mentees.specs(), Lang::Ru).unwrap();
        assert_eq!(s.table.headers[3], "Контакты / E-mail");
        assert_eq!(s.map.by_position[0], Some(FullName));
        assert_eq!(s.map.by_position[4], Some(Consent));
        assert_eq!(s.table.rows.len(), 1);
        assert!(
            s.notes[0].starts_with("заголовок в две строки (1–2)"),
            "{:?}",
            s.notes
        );
        assert!(
            s.notes[1].starts_with("строка 4 — итоговая"),
            "{:?}",
            s.notes
        );
    }

    #[test]
    fn without_a_header_the_first_rows_errors_say_where_it_was_sought() {
        let mut t = table(vec![
            row(3, &["Фамилия", "Стаж"]),
            row(4, &["Кузнецова", "12"]),
        ]);
        t.above.push(row(1, &["Список"]));
        let errors = settle(t, &Base::Mentors.specs(), Lang::Ru).unwrap_err();
        assert!(errors[0]
            .message
            .contains("нет обязательного столбца «ФИО»"));
        assert!(errors
            .last()
            .unwrap()
            .message
            .contains("в первых 3 строках"));
    }
}
