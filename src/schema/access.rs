//! How a field reaches into its record. Most fields are a plain member of a
//! common type (text, a date, a number, a list, a closed-list value); the few
//! that are not (a consent, marks, names resolved against the dataset) give
//! their own pair of functions.

use super::{Ctx, Problem, Value, L};
use crate::domain::dates::{format_opt_date, parse_date};
use crate::domain::{Id, Person};
use crate::text::split_tags;
use chrono::NaiveDate;

pub type Get<R, T> = fn(&R) -> &T;
pub type Set<R, T> = fn(&mut R) -> &mut T;

pub enum Access<R: 'static> {
    Text(Get<R, String>, Set<R, String>),
    Date(Get<R, Option<NaiveDate>>, Set<R, Option<NaiveDate>>),
    Number(Get<R, Option<u32>>, Set<R, Option<u32>>),
    /// A number that always has a value: empty gives the default.
    Count(Get<R, u32>, Set<R, u32>, u32),
    Tags(Get<R, Vec<String>>, Set<R, Vec<String>>),
    /// A position in the field's choices.
    Choice(fn(&R) -> usize, fn(&mut R, usize)),
    Ref(fn(&R) -> Option<Id>, fn(&mut R, Option<Id>)),
    Custom(
        fn(&R, &Ctx) -> Value,
        fn(&mut R, Value, &Ctx) -> Result<(), Problem>,
    ),
    /// A field of the person a mentor or mentee is.
    Person(Get<R, Person>, Set<R, Person>, &'static Access<Person>),
}

impl<R: 'static> Access<R> {
    pub fn get(&self, r: &R, ctx: &Ctx) -> Value {
        match self {
            Access::Text(get, _) => Value::Text(get(r).clone()),
            Access::Date(get, _) => date_value(*get(r)),
            Access::Number(get, _) => opt_value(*get(r)),
            Access::Count(get, _, _) => Value::Text(get(r).to_string()),
            Access::Tags(get, _) => Value::Text(get(r).join("; ")),
            Access::Choice(get, _) => Value::Choice(get(r)),
            Access::Ref(get, _) => Value::Ref(get(r)),
            Access::Custom(get, _) => get(r, ctx),
            Access::Person(person, _, inner) => inner.get(person(r), ctx),
        }
    }

    pub fn set(&self, r: &mut R, v: Value, ctx: &Ctx) -> Result<(), Problem> {
        match (self, v) {
            (Access::Text(_, set), Value::Text(t)) => *set(r) = t,
            (Access::Date(_, set), Value::Text(t)) => *set(r) = date(&t)?,
            (Access::Number(_, set), Value::Text(t)) => *set(r) = number(&t)?,
            (Access::Count(_, set, default), Value::Text(t)) => {
                *set(r) = number(&t)?.unwrap_or(*default)
            }
            (Access::Tags(_, set), Value::Text(t)) => *set(r) = split_tags(&t),
            (Access::Choice(_, set), Value::Choice(i)) => set(r, i),
            (Access::Ref(_, set), Value::Ref(id)) => set(r, id),
            (Access::Custom(_, set), v) => set(r, v, ctx)?,
            (Access::Person(_, person, inner), v) => inner.set(person(r), v, ctx)?,
            // A value of another shape is a programming error of the caller;
            // the record stays as it was.
            _ => {}
        }
        Ok(())
    }
}

pub fn date_value(d: Option<NaiveDate>) -> Value {
    Value::Text(format_opt_date(d))
}

pub fn opt_value<T: ToString>(v: Option<T>) -> Value {
    Value::Text(v.map(|v| v.to_string()).unwrap_or_default())
}

/// A date as a curator writes it; empty is none.
pub fn date(t: &str) -> Result<Option<NaiveDate>, Problem> {
    if t.trim().is_empty() {
        return Ok(None);
    }
    parse_date(t).map(Some).ok_or_else(|| Problem::bad_date(t))
}

/// A whole number, also when written with a unit («3 года», «5 ч»).
pub fn number(t: &str) -> Result<Option<u32>, Problem> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = t[digits.len()..].trim();
    let unit_ok = rest.is_empty()
        || rest
            .chars()
            .all(|c| c.is_alphabetic() || c == '.' || c == ' ');
    match digits.parse::<u32>() {
        Ok(n) if unit_ok && n < 100_000 => Ok(Some(n)),
        _ => Err(Problem::NotANumber(t.to_string())),
    }
}

/// Text parsed by `parse`; `expected` says what was wanted.
pub fn parsed<T>(t: &str, parse: fn(&str) -> Option<T>, expected: L) -> Result<Option<T>, Problem> {
    if t.trim().is_empty() {
        return Ok(None);
    }
    parse(t).map(Some).ok_or(Problem::Invalid {
        value: t.to_string(),
        expected,
    })
}

/// «да» for yes, nothing for no: a mark that says something only when set.
pub fn yes_text(on: bool, lang: crate::i18n::Lang) -> Value {
    Value::Text(if on {
        lang.pick("да", "yes").into()
    } else {
        String::new()
    })
}

/// A yes or a no as a spreadsheet cell gives it (empty is no).
pub fn yes(text: &str) -> Result<bool, Problem> {
    match crate::text::fold(text.trim()).as_str() {
        "" | "нет" | "no" | "0" | "-" => Ok(false),
        "да" | "yes" | "1" | "+" | "x" | "х" | "в архиве" => Ok(true),
        _ => Err(Problem::Say(L("нужно «да» или пусто", "«yes» or empty"))),
    }
}
