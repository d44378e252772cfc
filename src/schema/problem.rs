//! Why a value typed in a form or read from a file does not fit its field.
//! The same message shows next to the form field and in the import's row
//! error, in the user's language.

use super::L;
use crate::domain::validate::Rule;
use crate::i18n::Lang;
use crate::tr;

#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Required,
    NotADate(String),
    /// Written as a date, but the month has no such day (31.02).
    NoSuchDay(String),
    NotANumber(String),
    Invalid {
        value: String,
        expected: L,
    },
    UnknownChoice {
        value: String,
        choices: String,
    },
    NoSuchRecord(String),
    NoSuchPerson(String),
    /// Several people have the name: the record must be named by `#id`.
    Ambiguous(String),
    NotInPair(String),
    TwoOfName(String),
    /// A line of a multi-line field (a template's questions) is wrong.
    Line {
        line: usize,
        message: String,
        more: usize,
    },
    AtLeast(usize),
    Say(L),
    Rule(Rule),
}

impl Problem {
    /// A date that fails to parse: impossible days are said as such.
    pub fn bad_date(t: &str) -> Problem {
        let parts: Vec<&str> = t.trim().split(['.', '/', '-']).collect();
        let numbers: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let looks_like_date = numbers.len() == 3 && parts.len() == 3;
        let (day, month) = if parts.first().is_some_and(|p| p.len() == 4) {
            (numbers.get(2), numbers.get(1))
        } else {
            (numbers.first(), numbers.get(1))
        };
        match (looks_like_date, day, month) {
            (true, Some(d), Some(m)) if (1..=12).contains(m) && (29..=31).contains(d) => {
                Problem::NoSuchDay(t.to_string())
            }
            _ => Problem::NotADate(t.to_string()),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Required => Rule::Required.message(lang),
            Problem::NotADate(t) => tr!(
                lang,
                "«{t}» — не дата; нужна ДД.ММ.ГГГГ",
                "'{t}' is not a date; use DD.MM.YYYY"
            ),
            Problem::NoSuchDay(t) => tr!(
                lang,
                "«{t}» — не дата: такого дня нет в календаре",
                "'{t}' is not a date: the month has no such day"
            ),
            Problem::NotANumber(t) => tr!(
                lang,
                "«{t}» — не целое число",
                "'{t}' is not a whole number"
            ),
            Problem::Invalid { value, expected } => tr!(
                lang,
                "«{value}» — нужно {}",
                "'{value}': expected {}",
                expected.get(lang)
            ),
            Problem::UnknownChoice { value, choices } => tr!(
                lang,
                "«{value}» — неизвестное значение; допустимы: {choices}",
                "'{value}' is not one of: {choices}"
            ),
            Problem::NoSuchRecord(t) => {
                tr!(lang, "«{t}» — нет такой записи", "'{t}': no such record")
            }
            Problem::NoSuchPerson(t) => {
                tr!(lang, "«{t}»: нет такого человека", "'{t}': no such person")
            }
            Problem::Ambiguous(t) => tr!(
                lang,
                "«{t}»: неоднозначно, укажите #id",
                "'{t}': ambiguous, give #id"
            ),
            Problem::NotInPair(t) => tr!(lang, "«{t}»: не из этой пары", "'{t}': not in this pair"),
            Problem::TwoOfName(t) => tr!(
                lang,
                "«{t}»: два человека с таким именем",
                "'{t}': two people of that name"
            ),
            Problem::Line {
                line,
                message,
                more,
            } => {
                let more = if *more > 0 {
                    format!(" (+{more})")
                } else {
                    String::new()
                };
                format!("{} {line}: {message}{more}", lang.pick("строка", "line"))
            }
            Problem::AtLeast(n) => format!("{} {n}", lang.pick("не меньше", "at least")),
            Problem::Say(text) => text.get(lang).to_string(),
            Problem::Rule(rule) => rule.message(lang),
        }
    }
}
