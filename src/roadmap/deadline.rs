//! Reading a roadmap's deadline as written: «до 01.09.2023», «до 15 марта
//! 2022 г.», «сентябрь 2022 г.», «Март-апрель 2024 г.», «ежеквартально до
//! 15 числа», «в течение всего периода». What is not a date, a month or a
//! recurrence («по отдельному плану», «сентябрь» without a year) stays text.

use crate::domain::dates::parse_date;
use crate::domain::Deadline;
use crate::text::fold;
use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

/// The month a word names (any case ending: «сентябрь», «сентября»).
fn month_of(word: &str) -> Option<u32> {
    let w = word.trim_matches(|c: char| !c.is_alphabetic());
    if w.is_empty() {
        return None;
    }
    // «май», «мая», «мае» but not «март»: the short stem needs an exact
    // two- or three-letter word.
    if matches!(w, "май" | "мая" | "мае") {
        return Some(5);
    }
    MONTHS
        .iter()
        .position(|stem| *stem != "ма" && w.starts_with(stem))
        .map(|i| i as u32 + 1)
}

fn years_in(text: &str) -> Vec<i32> {
    let mut out = Vec::new();
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if digits.len() == 4 {
                if let Ok(y) = digits.parse::<i32>() {
                    if (2000..=2100).contains(&y) {
                        out.push(y);
                    }
                }
            }
            digits.clear();
        }
    }
    out
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// A day number written before «числа» («до 15 числа»).
fn day_of_month(text: &str) -> Option<u8> {
    let at = text.find("числ")?;
    let before: String = text[..at]
        .chars()
        .rev()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let day: u8 = before.chars().rev().collect::<String>().parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

/// A date written as digits anywhere in the text («до 01.10.2021 г.»).
fn digit_date(text: &str) -> Option<NaiveDate> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
        .map(|w| w.trim_end_matches(['.', 'г']).trim_end_matches('.'))
        .find_map(|w| {
            (w.matches('.').count() == 2 && w.len() >= 8)
                .then(|| parse_date(w))
                .flatten()
        })
}

/// «15 марта 2022»: a day, a month name and a year.
fn worded_date(words: &[&str], years: &[i32]) -> Option<NaiveDate> {
    for pair in words.windows(2) {
        let Ok(day) = pair[0].parse::<u32>() else {
            continue;
        };
        if let (Some(m), Some(y)) = (month_of(pair[1]), years.first()) {
            return NaiveDate::from_ymd_opt(*y, m, day);
        }
    }
    None
}

/// The first and last day a deadline's text covers.
fn span(d: &Deadline) -> Option<(NaiveDate, NaiveDate)> {
    match d {
        Deadline::By { date } => Some((*date, *date)),
        Deadline::Within { from, to } => Some((*from, *to)),
        _ => None,
    }
}

pub fn parse(text: &str) -> Option<Deadline> {
    let t = fold(text);
    if t.is_empty() {
        return None;
    }
    // «с 01.09.2022 г. по 31.10.2022 г.», «С 1 октября 2023г по май 2024г».
    if let Some((left, right)) = t.strip_prefix("с ").and_then(|r| r.split_once(" по ")) {
        if let (Some(a), Some(b)) = (
            parse(left).as_ref().and_then(span),
            parse(right).as_ref().and_then(span),
        ) {
            if a.0 <= b.1 {
                return Some(Deadline::Within { from: a.0, to: b.1 });
            }
        }
    }
    if t.contains("ежекварт") {
        return Some(Deadline::Quarterly {
            day: day_of_month(&t).unwrap_or(0),
        });
    }
    if t.contains("ежемесячн") {
        return Some(Deadline::Monthly {
            day: day_of_month(&t).unwrap_or(0),
        });
    }
    if t.contains("в течение") || t.contains("постоянно") {
        let years = years_in(&t);
        // «в течение 2022-2023 учебного года» is a range, not for ever.
        if let [a, b] = years[..] {
            if b == a + 1 {
                return Some(Deadline::Within {
                    from: NaiveDate::from_ymd_opt(a, 9, 1)?,
                    to: NaiveDate::from_ymd_opt(b, 8, 31)?,
                });
            }
        }
        return Some(Deadline::Ongoing);
    }
    if let Some(date) = digit_date(&t) {
        return Some(Deadline::By { date });
    }
    let years = years_in(&t);
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(date) = worded_date(&words, &years) {
        return Some(Deadline::By { date });
    }
    let months: Vec<u32> = words.iter().filter_map(|w| month_of(w)).collect();
    let year = *years.first()?;
    match months[..] {
        [] => {
            // «2022-2023 уч. год».
            if let [a, b] = years[..] {
                if b == a + 1 && (t.contains("уч") || t.contains("год")) {
                    return Some(Deadline::Within {
                        from: NaiveDate::from_ymd_opt(a, 9, 1)?,
                        to: NaiveDate::from_ymd_opt(b, 8, 31)?,
                    });
                }
            }
            None
        }
        [m] => Some(Deadline::Within {
            from: NaiveDate::from_ymd_opt(year, m, 1)?,
            to: last_day(year, m)?,
        }),
        [first, .., last] => {
            // «ноябрь 2022 – январь 2023»: the last year written belongs to
            // the end; with one year, an end month before the start is in
            // the next year.
            let end_year = match years[..] {
                [_, .., last_year] => last_year,
                _ if last < first => year + 1,
                _ => year,
            };
            Some(Deadline::Within {
                from: NaiveDate::from_ymd_opt(year, first, 1)?,
                to: last_day(end_year, last)?,
            })
        }
    }
}

/// When a deadline next falls due on or after `on`: the date itself for a
/// one-off, the next quarter's or month's day for a recurrence, none for
/// ongoing work.
pub fn next_due(deadline: &Deadline, on: NaiveDate) -> Option<NaiveDate> {
    match deadline {
        Deadline::By { date } => Some(*date),
        Deadline::Within { to, .. } => Some(*to),
        Deadline::Ongoing => None,
        Deadline::Monthly { day } => {
            let this = due_in_month(on.year(), on.month(), *day)?;
            if this >= on {
                Some(this)
            } else {
                let (y, m) = next_month(on.year(), on.month());
                due_in_month(y, m, *day)
            }
        }
        Deadline::Quarterly { day } => {
            // By day N of the month after each quarter («до 15 числа»,
            // reporting on the quarter just ended), or by the quarter's last
            // day when no day is written.
            let q_end_month = (on.month0() / 3) * 3 + 3;
            let candidates = [0, 3].map(|shift| {
                let month = q_end_month + shift;
                let (y, m) = if month > 12 {
                    (on.year() + 1, month - 12)
                } else {
                    (on.year(), month)
                };
                if *day == 0 {
                    last_day(y, m)
                } else {
                    let (y, m) = next_month(y, m);
                    due_in_month(y, m, *day)
                }
            });
            // The report on the last quarter may still be due this month.
            let previous = if *day != 0 {
                let (y, m) = if q_end_month == 3 {
                    (on.year() - 1, 12)
                } else {
                    (on.year(), q_end_month - 3)
                };
                let (y, m) = next_month(y, m);
                due_in_month(y, m, *day)
            } else {
                None
            };
            previous
                .into_iter()
                .chain(candidates.into_iter().flatten())
                .filter(|d| *d >= on)
                .min()
        }
    }
}

fn next_month(y: i32, m: u32) -> (i32, u32) {
    if m == 12 {
        (y + 1, 1)
    } else {
        (y, m + 1)
    }
}

fn due_in_month(y: i32, m: u32, day: u8) -> Option<NaiveDate> {
    let last = last_day(y, m)?;
    if day == 0 {
        return Some(last);
    }
    NaiveDate::from_ymd_opt(y, m, u32::from(day)).or(Some(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn within(a: NaiveDate, b: NaiveDate) -> Option<Deadline> {
        Some(Deadline::Within { from: a, to: b })
    }

    #[test]
    fn the_deadlines_of_the_seed_roadmaps() {
        let by = |date| Some(Deadline::By { date });
        assert_eq!(parse("до 20.09.2021"), by(d(2021, 9, 20)));
        assert_eq!(parse("до 24.04.2022 г."), by(d(2022, 4, 24)));
        assert_eq!(parse("до 15 марта 2022 г."), by(d(2022, 3, 15)));
        assert_eq!(
            parse("Сентябрь 2021"),
            within(d(2021, 9, 1), d(2021, 9, 30))
        );
        assert_eq!(
            parse("Сентябрь 2023г"),
            within(d(2023, 9, 1), d(2023, 9, 30))
        );
        assert_eq!(
            parse("Март-апрель 2024 г."),
            within(d(2024, 3, 1), d(2024, 4, 30))
        );
        assert_eq!(
            parse("Август- сентябрь 2023 г"),
            within(d(2023, 8, 1), d(2023, 9, 30))
        );
        assert_eq!(parse("май г. 2024г"), within(d(2024, 5, 1), d(2024, 5, 31)));
        assert_eq!(
            parse("ноябрь 2022 – январь 2023"),
            within(d(2022, 11, 1), d(2023, 1, 31))
        );
        assert_eq!(
            parse("В течение всего периода ЦМН"),
            Some(Deadline::Ongoing)
        );
        assert_eq!(
            parse("ежеквартально, до 15 числа"),
            Some(Deadline::Quarterly { day: 15 })
        );
        assert_eq!(parse("ежеквартально"), Some(Deadline::Quarterly { day: 0 }));
        assert_eq!(
            parse("с 01.09.2022 г. по 31.10.2022 г."),
            within(d(2022, 9, 1), d(2022, 10, 31))
        );
        assert_eq!(
            parse("С 1 октября 2023г по май 2024г"),
            within(d(2023, 10, 1), d(2024, 5, 31))
        );
        assert_eq!(
            parse("сентябрь 2022 г., декабрь 2022 г., март 2023 г."),
            within(d(2022, 9, 1), d(2023, 3, 31))
        );
        assert_eq!(parse("по отдельному плану"), None);
        assert_eq!(parse("сентябрь"), None, "no year: kept as text");
    }

    #[test]
    fn recurrences_fall_due_again() {
        let q15 = Deadline::Quarterly { day: 15 };
        assert_eq!(
            next_due(&q15, d(2024, 1, 10)),
            Some(d(2024, 1, 15)),
            "the last quarter's"
        );
        assert_eq!(next_due(&q15, d(2024, 1, 16)), Some(d(2024, 4, 15)));
        assert_eq!(next_due(&q15, d(2024, 11, 20)), Some(d(2025, 1, 15)));
        let q = Deadline::Quarterly { day: 0 };
        assert_eq!(next_due(&q, d(2024, 5, 2)), Some(d(2024, 6, 30)));
        let m = Deadline::Monthly { day: 5 };
        assert_eq!(next_due(&m, d(2024, 12, 6)), Some(d(2025, 1, 5)));
        assert_eq!(next_due(&Deadline::Ongoing, d(2024, 1, 1)), None);
    }
}
