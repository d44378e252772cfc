//! Reading typed values out of one CSV row, collecting every problem with
//! the column's header as the file names it.

use super::columns::{Col, ColumnMap};
use crate::domain::dates::parse_date;
use crate::domain::{AgeRange, Form, Grade};
use crate::text::{normalize_space, sanitize_line, split_tags};
use chrono::NaiveDate;

pub struct Cells<'a> {
    map: &'a ColumnMap,
    headers: &'a [String],
    cells: &'a [String],
    pub errors: Vec<String>,
    failed: Vec<Col>,
}

impl<'a> Cells<'a> {
    pub fn new(map: &'a ColumnMap, headers: &'a [String], cells: &'a [String]) -> Self {
        Cells {
            map,
            headers,
            cells,
            errors: Vec::new(),
            failed: Vec::new(),
        }
    }

    fn header(&self, col: Col) -> &str {
        self.map
            .by_position
            .iter()
            .position(|c| *c == Some(col))
            .and_then(|i| self.headers.get(i))
            .map(String::as_str)
            .unwrap_or_else(|| super::columns::canonical(col))
    }

    /// Records a problem with a column; a column reports only its first.
    pub fn fail(&mut self, col: Col, what: impl std::fmt::Display) {
        if self.failed.contains(&col) {
            return;
        }
        self.failed.push(col);
        let msg = format!("{}: {what}", self.header(col));
        self.errors.push(msg);
    }

    /// The cell as clean one-line text (controls removed, spaces collapsed).
    pub fn text(&self, col: Col) -> String {
        normalize_space(&sanitize_line(self.map.get(self.cells, col)))
    }

    /// The cell as clean text that keeps its line breaks (notes, outcomes).
    pub fn multiline(&self, col: Col) -> String {
        crate::text::sanitize(self.map.get(self.cells, col), true)
            .trim()
            .to_string()
    }

    pub fn required(&mut self, col: Col) -> String {
        let t = self.text(col);
        if t.is_empty() {
            self.fail(col, "не заполнено / empty");
        }
        t
    }

    pub fn tags(&self, col: Col) -> Vec<String> {
        split_tags(&sanitize_line(self.map.get(self.cells, col)))
    }

    pub fn date(&mut self, col: Col) -> Option<NaiveDate> {
        let t = self.text(col);
        if t.is_empty() {
            return None;
        }
        let d = parse_date(&t);
        if d.is_none() {
            self.fail(
                col,
                format!("«{t}» — не дата; нужна ДД.ММ.ГГГГ или ГГГГ-ММ-ДД / not a date"),
            );
        }
        d
    }

    /// A whole number, also when written with a unit («3 года», «5 ч»).
    pub fn number(&mut self, col: Col) -> Option<u32> {
        let t = self.text(col);
        if t.is_empty() {
            return None;
        }
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = t[digits.len()..].trim();
        let unit_ok = rest.is_empty()
            || rest
                .chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == ' ');
        match digits.parse::<u32>() {
            Ok(n) if unit_ok && n < 100_000 => Some(n),
            _ => {
                self.fail(col, format!("«{t}» — не целое число / not a whole number"));
                None
            }
        }
    }

    pub fn grade(&mut self, col: Col) -> Option<Grade> {
        let t = self.text(col);
        if t.is_empty() {
            return None;
        }
        let g = Grade::parse(&t);
        if g.is_none() {
            self.fail(
                col,
                format!("«{t}» — не класс (1–11 и буква, например 9А) / not a grade"),
            );
        }
        g
    }

    pub fn age_range(&mut self, col: Col) -> Option<AgeRange> {
        let t = self.text(col);
        if t.is_empty() {
            return None;
        }
        let r = AgeRange::parse(&t);
        if r.is_none() {
            self.fail(
                col,
                format!("«{t}» — нужен диапазон вида 10-14 / expected a range like 10-14"),
            );
        }
        r
    }

    pub fn forms(&mut self, col: Col) -> Vec<Form> {
        let mut out = Vec::new();
        for tag in self.tags(col) {
            match Form::parse(&tag) {
                Some(f) if !out.contains(&f) => out.push(f),
                Some(_) => {}
                None => self.fail(
                    col,
                    format!(
                        "«{tag}» — неизвестная форма; допустимы: {}",
                        Form::choices(crate::i18n::Lang::Ru)
                    ),
                ),
            }
        }
        out
    }

    /// A value of a closed list that must be given.
    pub fn required_choice<T>(
        &mut self,
        col: Col,
        parse: fn(&str) -> Option<T>,
        choices: String,
    ) -> Option<T> {
        if self.text(col).is_empty() {
            self.fail(col, "не заполнено / empty");
            return None;
        }
        self.choice(col, parse, choices, None)
    }

    /// A value of a closed list; empty gives `default`.
    pub fn choice<T>(
        &mut self,
        col: Col,
        parse: fn(&str) -> Option<T>,
        choices: String,
        default: Option<T>,
    ) -> Option<T> {
        let t = self.text(col);
        if t.is_empty() {
            return default;
        }
        let v = parse(&t);
        if v.is_none() {
            self.fail(
                col,
                format!("«{t}» — неизвестное значение; допустимы: {choices}"),
            );
        }
        v
    }
}
