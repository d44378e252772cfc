//! Lays a report out as plain UTF-8 text aligned by display width (so that
//! Cyrillic and wide characters line up), or as tsv for spreadsheets. Every
//! string passes through `sanitize_line` here, so no path from the data
//! to a file skips it.

use super::model::{Block, Cell, Report, Table, UNBROKEN};
use crate::i18n::Lang;
use crate::text::sanitize_line;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub const DEFAULT_WIDTH: usize = 100;
/// Below this the tables cannot be laid out sensibly.
pub const MIN_WIDTH: usize = 40;

const GAP: &str = " | ";

fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Splits `text` into lines of at most `w` columns, at spaces where it can
/// (not at an [`UNBROKEN`] one) and inside a word only when the word alone
/// is wider than `w`.
pub fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let words = text
        .split(|c: char| c.is_whitespace() && c != UNBROKEN)
        .filter(|word| !word.is_empty());
    for word in words {
        let need = if line.is_empty() {
            width(word)
        } else {
            width(&line) + 1 + width(word)
        };
        if need <= w {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the column is cut by display width: after a
        // «/» or «-» when one falls on the line, else with a hyphen where
        // the column has room for one.
        let mut rest: Vec<char> = word.chars().collect();
        while !rest.is_empty() {
            let mut used = 0;
            let mut fit = 0;
            while fit < rest.len() {
                let cw = rest[fit].width().unwrap_or(0);
                if used + cw > w && fit > 0 {
                    break;
                }
                used += cw;
                fit += 1;
            }
            if fit == rest.len() {
                line = rest.iter().collect();
                break;
            }
            let soft = rest[..fit].iter().rposition(|c| *c == '/' || *c == '-');
            let (take, hyphen) = match soft {
                Some(i) => (i + 1, false),
                None if w >= 4 => (fit - 1, true),
                None => (fit, false),
            };
            let mut piece: String = rest[..take].iter().collect();
            if hyphen {
                piece.push('-');
            }
            lines.push(piece);
            rest.drain(..take);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

fn centered(s: &str, w: usize) -> String {
    let left = w.saturating_sub(width(s)) / 2;
    format!("{}{s}", " ".repeat(left))
}

/// The column widths that fit `total`, or `None` when even the narrowest
/// sensible layout does not (the table is then printed as records). Number
/// columns give up width first, so that the text column keeps room to read.
fn fit(natural: &[usize], minimum: &[usize], numeric: &[bool], total: usize) -> Option<Vec<usize>> {
    let gaps = GAP.len() * natural.len().saturating_sub(1);
    let sum_min: usize = minimum.iter().sum::<usize>() + gaps;
    if sum_min > total {
        return None;
    }
    let mut w = natural.to_vec();
    for numbers_only in [true, false] {
        // Take one column at a time from the widest column that can give.
        while w.iter().sum::<usize>() + gaps > total {
            let Some((i, _)) = w
                .iter()
                .enumerate()
                .filter(|(i, x)| **x > minimum[*i] && (numeric[*i] || !numbers_only))
                .max_by_key(|(_, x)| **x)
            else {
                break;
            };
            w[i] -= 1;
        }
    }
    Some(w)
}

struct Laid {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    numeric: Vec<bool>,
}

fn lay(table: &Table, lang: Lang) -> Laid {
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| sanitize_line(&c.display(lang))).collect())
        .collect();
    let numeric = (0..table.columns.len())
        .map(|i| {
            !table.rows.is_empty()
                && table
                    .rows
                    .iter()
                    .all(|r| r.get(i).is_none_or(Cell::is_numeric))
        })
        .collect();
    Laid {
        header: table.columns.iter().map(|c| sanitize_line(c)).collect(),
        rows,
        numeric,
    }
}

fn table_text(table: &Table, total: usize, lang: Lang, out: &mut Vec<String>) {
    let laid = lay(table, lang);
    let n = laid.header.len();
    let longest_word = |s: &str| s.split_whitespace().map(width).max().unwrap_or(0);
    let mut natural = vec![0usize; n];
    let mut minimum = vec![0usize; n];
    for (i, h) in laid.header.iter().enumerate() {
        // Headers wrap freely; they only ask for their longest word (≤ 12).
        natural[i] = width(h).min(longest_word(h).max(16));
        // A header may break inside a long word («Работод-атель») rather
        // than push the table off the page.
        minimum[i] = longest_word(h).clamp(3, 7);
    }
    for row in &laid.rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            natural[i] = natural[i].max(width(cell));
            let min = if laid.numeric[i] {
                width(cell)
            } else {
                longest_word(cell).min(12)
            };
            minimum[i] = minimum[i].max(min);
        }
    }
    let Some(widths) = fit(&natural, &minimum, &laid.numeric, total) else {
        records_text(&laid, total, out);
        return;
    };
    let emit = |out: &mut Vec<String>, cells: &[String], right: &[bool]| {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| wrap(c, *w))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let parts: Vec<String> = wrapped
                .iter()
                .enumerate()
                .map(|(i, c)| pad(c.get(line).map_or("", String::as_str), widths[i], right[i]))
                .collect();
            out.push(parts.join(GAP).trim_end().to_string());
        }
    };
    let rule = |c: &str| {
        widths
            .iter()
            .map(|w| c.repeat(*w))
            .collect::<Vec<_>>()
            .join(&format!("{c}+{c}"))
    };
    if let Some((label, first, last)) = &table.group {
        group_line(label, *first, *last, &widths, out);
    }
    emit(out, &laid.header, &vec![false; n]);
    out.push(rule("-"));
    // Rows that wrap are kept apart by a light rule, so that a reader sees
    // where one ends.
    let wraps = laid
        .rows
        .iter()
        .any(|row| row.iter().zip(&widths).any(|(c, w)| width(c) > *w));
    for (i, row) in laid.rows.iter().enumerate() {
        // A row that continues the one above (its first cell empty, as the
        // answers under their question) is not ruled off from it.
        let continues = row.first().is_some_and(|c| c.is_empty());
        if wraps && i > 0 && !continues {
            out.push(rule("·"));
        }
        emit(out, row, &laid.numeric);
    }
}

/// The heading over columns `first..=last`, centred across them (and
/// wrapped within them), the other columns left blank.
fn group_line(label: &str, first: usize, last: usize, widths: &[usize], out: &mut Vec<String>) {
    let last = last.min(widths.len().saturating_sub(1));
    if first > last {
        return;
    }
    let span = widths[first..=last].iter().sum::<usize>() + GAP.len() * (last - first);
    for piece in wrap(&sanitize_line(label), span) {
        let mut parts: Vec<String> = widths[..first].iter().map(|w| " ".repeat(*w)).collect();
        parts.push(pad(&centered(&piece, span), span, false));
        parts.extend(widths[last + 1..].iter().map(|w| " ".repeat(*w)));
        out.push(parts.join(GAP).trim_end().to_string());
    }
}

/// A table too wide for the page: each row as a block of «column: value».
fn records_text(laid: &Laid, total: usize, out: &mut Vec<String>) {
    for (r, row) in laid.rows.iter().enumerate() {
        if r > 0 {
            out.push(String::new());
        }
        for (h, v) in laid.header.iter().zip(row) {
            if v.is_empty() {
                continue;
            }
            let head = format!("{h}: ");
            let indent = 4;
            let first = wrap(&format!("{head}{v}"), total);
            let mut rest = first.iter();
            if let Some(l) = rest.next() {
                out.push(l.clone());
            }
            let tail: Vec<&str> = rest.map(String::as_str).collect();
            if !tail.is_empty() {
                for l in wrap(&tail.join(" "), total - indent) {
                    out.push(format!("{}{l}", " ".repeat(indent)));
                }
            }
        }
    }
}

/// The report as text, `total` columns wide (at least [`MIN_WIDTH`]).
pub fn to_text(report: &Report, total: usize, lang: Lang) -> String {
    let total = total.max(MIN_WIDTH);
    let mut out: Vec<String> = Vec::new();
    for l in wrap(&sanitize_line(&report.title), total) {
        out.push(centered(&l, total));
    }
    out.push(String::new());
    for (k, v) in &report.meta {
        let line = format!("{}: {}", sanitize_line(k), sanitize_line(v));
        out.extend(wrap(&line, total));
    }
    for block in &report.blocks {
        out.push(String::new());
        let title = match block {
            Block::Table { title, .. } | Block::Text { title, .. } => title,
        };
        if let Some(t) = title {
            out.extend(wrap(&sanitize_line(t), total));
        }
        match block {
            Block::Table { table, .. } if table.rows.is_empty() => {
                out.push(lang.pick("(нет записей)", "(none)").into());
            }
            Block::Table { table, .. } => table_text(table, total, lang, &mut out),
            Block::Text { lines, .. } => {
                for l in lines {
                    out.extend(wrap(&sanitize_line(l), total));
                }
            }
        }
    }
    if !report.rules.is_empty() {
        out.push(String::new());
        out.push(lang.pick("Правила подсчёта:", "Counting rules:").into());
        for r in &report.rules {
            let lines = wrap(&sanitize_line(r), total - 2);
            for (i, l) in lines.iter().enumerate() {
                out.push(format!("{}{l}", if i == 0 { "- " } else { "  " }));
            }
        }
    }
    if !report.footer.is_empty() {
        out.push(String::new());
        for f in &report.footer {
            out.extend(wrap(&sanitize_line(f), total));
        }
    }
    let mut text = out.join("\n").replace(UNBROKEN, " ");
    text.push('\n');
    text
}

/// The report's tables as tsv: one block each (header row, then rows),
/// blocks apart by an empty line and headed by their title when they have one.
pub fn to_tsv(report: &Report, lang: Lang) -> String {
    let mut out: Vec<String> = Vec::new();
    let tsv_cell = crate::text::tsv_cell;
    for block in &report.blocks {
        let Block::Table { title, table } = block else {
            continue;
        };
        if !out.is_empty() {
            out.push(String::new());
        }
        if let Some(t) = title {
            out.push(tsv_cell(t));
        }
        let mut header: Vec<String> = table.columns.iter().map(|c| tsv_cell(c)).collect();
        if let (Some(first), Some(h)) = (&table.tsv_first_column, header.first_mut()) {
            *h = first.clone();
        }
        out.push(header.join("\t"));
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| tsv_cell(&c.tsv(lang)).replace(UNBROKEN, " "))
                .collect();
            out.push(cells.join("\t"));
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_measures_display_width_and_cuts_only_long_words() {
        assert_eq!(
            wrap("Число учащихся в возрасте", 14),
            ["Число учащихся", "в возрасте"]
        );
        assert_eq!(wrap("Абвгдежзик", 4), ["Абв-", "где-", "жзик"]);
        assert_eq!(wrap("Абвгд", 3), ["Абв", "гд"]);
        assert_eq!(wrap("Факт 2026/2027", 7), ["Факт", "2026/", "2027"]);
        assert_eq!(wrap("", 5), [""]);
        let phone = format!(
            "тел.: {}",
            crate::reports::model::unbroken("8 (86142) 4-14-60")
        );
        assert_eq!(wrap(&phone, 20), ["тел.:", "8\u{a0}(86142)\u{a0}4-14-60"]);
    }

    #[test]
    fn a_phone_is_never_broken_across_lines_and_reads_with_plain_spaces() {
        let report = Report {
            title: "T".into(),
            footer: vec![format!(
                "Ответственный за реализацию программы в ОУ: ФИО: Миранова Галина Сергеевна тел.: {}",
                crate::reports::model::unbroken("8 (86142) 4-14-60")
            )],
            ..Report::default()
        };
        for w in 40..100 {
            let text = to_text(&report, w, Lang::Ru);
            assert!(text.contains("8 (86142) 4-14-60"), "{w}: {text}");
            assert!(!text.contains('\u{a0}'));
        }
    }

    #[test]
    fn a_table_fits_the_width_and_numbers_align_right() {
        let mut t = Table::new(vec!["Показатель".into(), "Всего".into()]);
        t.rows.push(vec![
            Cell::text("Число учащихся в возрасте от 10 до 18 лет"),
            Cell::Int(7),
        ]);
        t.rows.push(vec![Cell::text("Предприятия"), Cell::Int(12)]);
        let mut out = Vec::new();
        table_text(&t, 30, Lang::Ru, &mut out);
        assert!(out.iter().all(|l| width(l) <= 30), "{out:#?}");
        assert_eq!(out[1], "-----------------------+------");
        assert_eq!(out[2], "Число учащихся в       |     7");
        assert_eq!(out[3], "возрасте от 10 до 18   |");
        assert_eq!(
            out[5], "·······················+······",
            "wrapped rows kept apart"
        );
        assert_eq!(out[6], "Предприятия            |    12");
    }
}
