//! Reading the cells of one CSV row into a record, collecting every problem
//! with the column's header as the file names it, in the user's language.

use super::columns::{Col, ColumnMap};
use crate::i18n::Lang;
use crate::schema::{self, Ctx, FieldSpec, Problem};
use crate::text::{normalize_space, sanitize_line, split_tags};
use chrono::NaiveDate;

pub struct Cells<'a> {
    map: &'a ColumnMap,
    headers: &'a [String],
    cells: &'a [String],
    pub lang: Lang,
    pub errors: Vec<String>,
    failed: Vec<Col>,
}

impl<'a> Cells<'a> {
    pub fn new(map: &'a ColumnMap, headers: &'a [String], cells: &'a [String], lang: Lang) -> Self {
        Cells {
            map,
            headers,
            cells,
            lang,
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
            .unwrap_or_else(|| self.map.canonical(col))
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

    pub fn has_failed(&self, col: Col) -> bool {
        self.failed.contains(&col)
    }

    pub fn problem(&mut self, col: Col, p: Problem) {
        let msg = p.message(self.lang);
        self.fail(col, msg);
    }

    /// Every column of the file that `schema` declares, read into `r`.
    /// Columns in `skip` are the caller's (resolved against the store).
    pub fn read_all<R>(
        &mut self,
        schema: &'static [FieldSpec<R>],
        r: &mut R,
        ctx: &Ctx,
        skip: &[Col],
    ) {
        for f in schema::exchanged(schema).filter(|f| !skip.contains(&f.key)) {
            let raw = self.map.get(self.cells, f.key);
            if let Err(p) = f.read(r, raw, ctx) {
                self.problem(f.key, p);
            }
        }
    }

    /// The cell as clean one-line text (controls removed, spaces collapsed).
    pub fn text(&self, col: Col) -> String {
        normalize_space(&sanitize_line(self.map.get(self.cells, col)))
    }

    pub fn tags(&self, col: Col) -> Vec<String> {
        split_tags(&sanitize_line(self.map.get(self.cells, col)))
    }

    pub fn date(&mut self, col: Col) -> Option<NaiveDate> {
        let t = self.text(col);
        match schema::access::date(&t) {
            Ok(d) => d,
            Err(p) => {
                self.problem(col, p);
                None
            }
        }
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
            self.problem(col, Problem::UnknownChoice { value: t, choices });
        }
        v
    }
}
