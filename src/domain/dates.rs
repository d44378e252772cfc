//! Dates as curators write them, and ages that are always computed as of a
//! stated date (never silently as of today).

use chrono::{Datelike, NaiveDate};

/// Full years of age on `on` for someone born on `birth`. Someone born on
/// 29 February turns a year older on 1 March in common years.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// Parses `ДД.ММ.ГГГГ` (also `Д.М.ГГГГ`, with an optional trailing «г.»)
/// or ISO `ГГГГ-ММ-ДД`. Returns `None` for anything else or an unreal date.
///
/// ```
/// use nastavnik::domain::dates::parse_date;
/// assert_eq!(parse_date("01.09.2023 г."), parse_date("2023-09-01"));
/// assert_eq!(parse_date("30.02.2024"), None);
/// ```
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim().trim_end_matches('.');
    let t = t
        .strip_suffix("г")
        .or_else(|| t.strip_suffix("г."))
        .unwrap_or(t)
        .trim();
    let t = t.trim_end_matches('.').trim();
    if let Some((y, rest)) = t.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        return ymd(y, m, d);
    }
    let mut parts = t.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    ymd(y, m, d)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let num = |s: &str, max_len: usize| {
        let s = s.trim();
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse::<u32>().ok()
    };
    let year = num(y, 4)? as i32;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, num(m, 2)?, num(d, 2)?)
}

/// `ДД.ММ.ГГГГ`, the form every Russian school document uses.
pub fn format_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

pub fn format_opt_date(d: Option<NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

/// The academic year (1 September – 31 August) that contains `on`.
pub fn academic_year_of(on: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start_year = if on.month() >= 9 {
        on.year()
    } else {
        on.year() - 1
    };
    // At the ends of the calendar a date may have no 1 September before it
    // or no 31 August after it: the year is cut at the calendar's edge.
    (
        NaiveDate::from_ymd_opt(start_year, 9, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(start_year + 1, 8, 31).unwrap_or(NaiveDate::MAX),
    )
}

/// The academic year a period lies in, by the year it starts; None when
/// the period runs across several.
pub fn academic_year_within(from: NaiveDate, to: NaiveDate) -> Option<i32> {
    let year = academic_year_of(from);
    (academic_year_of(to) == year).then_some(year.0.year())
}

/// «2025/2026» for the academic year containing `on`.
pub fn academic_year_label(on: NaiveDate) -> String {
    let (from, to) = academic_year_of(on);
    format!("{}/{}", from.year(), to.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_inside_one_academic_year_is_named_by_its_start() {
        assert_eq!(
            academic_year_within(d(2025, 9, 1), d(2026, 8, 31)),
            Some(2025)
        );
        assert_eq!(
            academic_year_within(d(2026, 12, 1), d(2027, 2, 15)),
            Some(2026)
        );
        assert_eq!(academic_year_within(d(2025, 9, 1), d(2026, 9, 1)), None);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(d(2010, 5, 20), d(2024, 5, 19)), 13);
        assert_eq!(age_on(d(2010, 5, 20), d(2024, 5, 20)), 14);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), 17);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 3, 1)), 18);
    }

    #[test]
    fn parses_russian_and_iso_dates_and_rejects_unreal_ones() {
        assert_eq!(parse_date("01.09.2023"), Some(d(2023, 9, 1)));
        assert_eq!(parse_date("1.9.2023 г."), Some(d(2023, 9, 1)));
        assert_eq!(parse_date("2023-09-01"), Some(d(2023, 9, 1)));
        assert_eq!(parse_date("31.02.2023"), None);
        assert_eq!(parse_date("01.09.23"), None);
        assert_eq!(parse_date("сентябрь"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("+1.09.2023"), None);
    }

    #[test]
    fn academic_year_runs_september_to_august() {
        assert_eq!(
            academic_year_of(d(2024, 8, 31)),
            (d(2023, 9, 1), d(2024, 8, 31))
        );
        assert_eq!(
            academic_year_of(d(2024, 9, 1)),
            (d(2024, 9, 1), d(2025, 8, 31))
        );
        assert_eq!(academic_year_label(d(2025, 11, 23)), "2025/2026");
    }
}
