//! The columns of each importable base and how file headers are matched to
//! them: case-insensitively, ё = е, punctuation ignored, and by leading
//! words, so «ФИО наставника (полностью)» is the ФИО column.

use super::RowError;
use crate::i18n::Lang;
use crate::schema::FieldSpec;
use crate::text::fold;
use crate::tr;

pub use crate::domain::FieldKey as Col;

/// A column of a file: the field's key, its headers (the first is what the
/// export writes) and whether a file must have it. Read from the schema.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub col: Col,
    pub headers: &'static [&'static str],
    pub required: bool,
}

/// The columns of a record's schema, in the order the export writes them.
pub fn of<R>(schema: &'static [FieldSpec<R>]) -> Vec<Spec> {
    crate::schema::exchanged(schema)
        .map(|f| Spec {
            col: f.key,
            headers: f.headers,
            required: f.required,
        })
        .collect()
}

/// Words of a header: folded, punctuation as spaces.
fn words(s: &str) -> Vec<String> {
    let cleaned: String = fold(s)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().map(str::to_string).collect()
}

/// Which column each header of the file is (None: not ours, ignored).
#[derive(Debug)]
pub struct ColumnMap {
    pub by_position: Vec<Option<Col>>,
    pub ignored: Vec<String>,
    /// The base's columns, for the header of one the file lacks.
    pub specs: Vec<Spec>,
}

impl ColumnMap {
    pub fn get<'a>(&self, cells: &'a [String], col: Col) -> &'a str {
        self.by_position
            .iter()
            .position(|c| *c == Some(col))
            .and_then(|i| cells.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn has(&self, col: Col) -> bool {
        self.by_position.contains(&Some(col))
    }

    /// The header our export writes for a column: used in messages about a
    /// column the file does not have.
    pub fn canonical(&self, col: Col) -> &'static str {
        self.specs
            .iter()
            .find(|s| s.col == col)
            .map_or("?", |s| s.headers[0])
    }
}

/// The column a header names: one of whose headers is its leading words,
/// the longest such match winning.
pub(super) fn best_col(header: &str, specs: &[Spec]) -> Option<Col> {
    let hw = words(header);
    let mut best: Option<(usize, Col)> = None;
    for s in specs {
        for alias in s.headers {
            let aw = words(alias);
            if !aw.is_empty() && hw.starts_with(&aw) && best.is_none_or(|(n, _)| aw.len() > n) {
                best = Some((aw.len(), s.col));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// Matches headers to columns: a header is a column when one of the
/// column's headers is its leading words; the longest such match wins.
pub fn match_headers(
    headers: &[String],
    specs: &[Spec],
    lang: Lang,
) -> Result<ColumnMap, Vec<RowError>> {
    let mut by_position = Vec::new();
    let mut ignored = Vec::new();
    let mut errors = Vec::new();
    for header in headers {
        // A two-level header is its sub-header's column, else its group's
        // while no other column has taken it (the group's other parts are
        // not read twice).
        let col = match header.split_once(super::layout::GROUP_JOIN) {
            Some((group, sub)) => best_col(sub, specs)
                .or_else(|| best_col(group, specs).filter(|c| !by_position.contains(&Some(*c)))),
            None => best_col(header, specs),
        };
        if col.is_none() && !header.trim().is_empty() {
            ignored.push(header.clone());
        }
        if let Some(c) = col {
            if by_position.contains(&Some(c)) {
                errors.push(RowError::at(
                    1,
                    tr!(
                        lang,
                        "столбец «{header}» повторяет уже найденный",
                        "the column '{header}' appears twice"
                    ),
                ));
            }
        }
        by_position.push(col);
    }
    for s in specs.iter().filter(|s| s.required) {
        if !by_position.contains(&Some(s.col)) {
            errors.push(RowError::at(
                1,
                tr!(
                    lang,
                    "нет обязательного столбца «{}» ({})",
                    "the required column '{}' ({}) is missing",
                    s.headers[0],
                    s.headers[1]
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(ColumnMap {
            by_position,
            ignored,
            specs: specs.to_vec(),
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::FieldKey::*;
    use crate::exchange::Base;

    fn cols(headers: &[&str], base: Base) -> Vec<Option<Col>> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        match_headers(&h, &base.specs(), Lang::Ru)
            .unwrap()
            .by_position
    }

    #[test]
    fn official_and_english_headers_match() {
        assert_eq!(
            cols(
                &[
                    "ФИО наставника (полностью)",
                    "КАТЕГОРИЯ",
                    "Место работы/учёбы",
                    "Отметка времени"
                ],
                Base::Mentors
            ),
            vec![Some(FullName), Some(Category), Some(Workplace), None]
        );
        assert_eq!(
            cols(
                &["full_name", "category", "birth_date", "joined"],
                Base::Mentees
            ),
            vec![
                Some(FullName),
                Some(Category),
                Some(BirthDate),
                Some(Joined)
            ]
        );
    }

    #[test]
    fn longer_alias_wins() {
        assert_eq!(
            cols(
                &["Форма наставничества", "Наставник", "Наставляемый"],
                Base::Pairs
            )[0],
            Some(Form)
        );
        assert_eq!(
            cols(
                &["ФИО", "Категория", "Дата вхождения в программу"],
                Base::Mentors
            )[2],
            Some(Joined)
        );
    }

    #[test]
    fn missing_required_column_is_an_error_on_line_1() {
        let h = vec!["ФИО".to_string()];
        let errs = match_headers(&h, &Base::Mentors.specs(), Lang::Ru).unwrap_err();
        assert_eq!(errs[0].line, 1);
        assert!(errs[0].message.contains("Категория"));
    }
}
