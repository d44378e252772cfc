//! Working days under ТК РФ ст. 112: the non-working holidays of part 1,
//! part 2's rule that a holiday falling on a weekend moves the day off to
//! the next working day (the January holidays excepted), and the
//! government's yearly transfers of days off (part 5), shipped for the
//! years whose decree is published and extendable from a calendar file.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// A day off moved by the government's decree: `from` (a Saturday or
/// Sunday) is worked, or, when it is a holiday, its day off goes to `to`
/// instead of the next working day; `to` is a day off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Transfer {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Year, month, day.
type Ymd = (i32, u32, u32);

/// The decrees' transfers, as published:
/// - 2025: Постановление Правительства РФ от 04.10.2024 № 1335;
/// - 2026: Постановление Правительства РФ от 24.09.2025 № 1466.
///
/// The 2027 decree was not at hand when this list was written: for 2027
/// the statute's own rules apply until its transfers are given in the
/// calendar file.
const SHIPPED: &[(Ymd, Ymd)] = &[
    ((2025, 1, 4), (2025, 5, 2)),
    ((2025, 1, 5), (2025, 12, 31)),
    ((2025, 2, 23), (2025, 5, 8)),
    ((2025, 3, 8), (2025, 6, 13)),
    ((2025, 11, 1), (2025, 11, 3)),
    ((2026, 1, 3), (2026, 1, 9)),
    ((2026, 1, 4), (2026, 12, 31)),
];

/// The production calendar the deadlines are counted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    transfers: Vec<Transfer>,
    /// Further days off, such as a region's own holidays.
    extra_off: BTreeSet<NaiveDate>,
}

impl Default for Calendar {
    /// The statute with the shipped decrees.
    fn default() -> Self {
        let date = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
        let transfers = SHIPPED
            .iter()
            .filter_map(|(from, to)| {
                Some(Transfer {
                    from: date(*from)?,
                    to: date(*to)?,
                })
            })
            .collect();
        Calendar {
            transfers,
            extra_off: BTreeSet::new(),
        }
    }
}

/// ТК РФ ст. 112 ч. 1: 1–6 and 8 January (the New Year holidays), 7 January,
/// 23 February, 8 March, 1 and 9 May, 12 June, 4 November.
pub fn is_holiday(d: NaiveDate) -> bool {
    matches!(
        (d.month(), d.day()),
        (1, 1..=8) | (2, 23) | (3, 8) | (5, 1) | (5, 9) | (6, 12) | (11, 4)
    )
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// The shipped calendar with a file's transfers and days off: a year
    /// the file gives transfers for takes the file's, not the shipped ones
    /// (so that a decree read wrongly here can be put right).
    pub fn with(transfers: Vec<Transfer>, extra_off: BTreeSet<NaiveDate>) -> Calendar {
        let years: BTreeSet<i32> = transfers.iter().map(|t| t.from.year()).collect();
        let mut all: Vec<Transfer> = Calendar::default()
            .transfers
            .into_iter()
            .filter(|t| !years.contains(&t.from.year()))
            .collect();
        all.extend(transfers);
        Calendar {
            transfers: all,
            extra_off,
        }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !self.is_day_off(d)
    }

    pub fn is_day_off(&self, d: NaiveDate) -> bool {
        self.plainly_off(d) || self.carried_to(d)
    }

    /// Off before part 2's carrying: a weekend not made a working day, a
    /// holiday, a transfer's day off, a day off of the file.
    fn plainly_off(&self, d: NaiveDate) -> bool {
        let worked = self.transfers.iter().any(|t| t.from == d && !is_holiday(d));
        (is_weekend(d) && !worked)
            || is_holiday(d)
            || self.transfers.iter().any(|t| t.to == d)
            || self.extra_off.contains(&d)
    }

    /// Whether part 2 moves a holiday's day off to `d`: the holidays that
    /// fell on a weekend shortly before, each taking the next plainly
    /// working day not taken by an earlier one. A holiday whose day off a
    /// decree transferred, and the January holidays, carry nothing.
    fn carried_to(&self, d: NaiveDate) -> bool {
        if self.plainly_off(d) {
            return false;
        }
        let mut taken: BTreeSet<NaiveDate> = BTreeSet::new();
        // Holidays sit days apart (1 and 9 May the closest): a fortnight
        // back reaches any that could carry to `d`.
        for back in (1..=14).rev() {
            let h = d - Duration::days(back);
            let carries = is_holiday(h)
                && h.month() != 1
                && is_weekend(h)
                && !self.transfers.iter().any(|t| t.from == h);
            if !carries {
                continue;
            }
            let mut day = h + Duration::days(1);
            while self.plainly_off(day) || taken.contains(&day) {
                day += Duration::days(1);
            }
            taken.insert(day);
        }
        taken.contains(&d)
    }

    /// The day `n` working days after `d` (not counting `d`).
    pub fn working_days_after(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day += Duration::days(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn days_off(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        from.iter_days()
            .take_while(|x| *x <= to)
            .filter(|x| cal.is_day_off(*x))
            .collect()
    }

    #[test]
    fn a_holiday_on_a_weekend_moves_its_day_off_to_the_next_working_day() {
        let cal = Calendar::default();
        // 8 March 2026 is a Sunday: Monday 9 March is off, Tuesday 10 is not.
        assert!(cal.is_day_off(d(2026, 3, 9)));
        assert!(cal.is_working_day(d(2026, 3, 10)));
        // 9 May 2026 is a Saturday: Monday 11 May is off.
        assert!(cal.is_day_off(d(2026, 5, 11)));
        assert!(cal.is_working_day(d(2026, 5, 12)));
        // 4 November 2026 is a Wednesday: nothing moves.
        assert_eq!(
            days_off(&cal, d(2026, 11, 2), d(2026, 11, 6)),
            vec![d(2026, 11, 4)]
        );
    }

    #[test]
    fn the_2025_and_2026_decrees_are_followed() {
        let cal = Calendar::default();
        // 2025: 23 February (Sunday) went to 8 May, not to 24 February;
        // 8 March (Saturday) to 13 June; Saturday 1 November was worked
        // and Monday 3 November was off; 31 December was off.
        assert!(cal.is_working_day(d(2025, 2, 24)));
        assert!(cal.is_working_day(d(2025, 3, 10)));
        assert_eq!(
            days_off(&cal, d(2025, 5, 1), d(2025, 5, 11)),
            [1, 2, 3, 4, 8, 9, 10, 11].map(|x| d(2025, 5, x))
        );
        assert!(cal.is_day_off(d(2025, 6, 13)));
        assert!(cal.is_working_day(d(2025, 11, 1)));
        assert!(cal.is_day_off(d(2025, 11, 3)));
        assert!(cal.is_day_off(d(2025, 12, 31)));
        // New Year 2026: off from 31 December 2025 to 11 January 2026.
        assert_eq!(days_off(&cal, d(2025, 12, 29), d(2026, 1, 13)).len(), 12);
        assert!(cal.is_working_day(d(2026, 1, 12)));
        assert!(cal.is_day_off(d(2026, 12, 31)));
    }

    #[test]
    fn working_days_skip_weekends_holidays_and_transfers() {
        let cal = Calendar::default();
        // Monday 2 March 2026 → Thursday 5 March.
        assert_eq!(cal.working_days_after(d(2026, 3, 2), 3), d(2026, 3, 5));
        // Thursday 5 March: Friday 6, then Monday 9 is off, Tuesday 10, Wednesday 11.
        assert_eq!(cal.working_days_after(d(2026, 3, 5), 3), d(2026, 3, 11));
        // Monday 29 December 2025: Tuesday 30, then 12 and 13 January.
        assert_eq!(cal.working_days_after(d(2025, 12, 29), 3), d(2026, 1, 13));
    }

    #[test]
    fn a_file_replaces_a_years_transfers_and_adds_days_off() {
        // A file that gives 2026 other transfers: the shipped 9 January
        // goes, the file's day and a regional holiday come.
        let cal = Calendar::with(
            vec![Transfer {
                from: d(2026, 1, 3),
                to: d(2026, 5, 4),
            }],
            BTreeSet::from([d(2026, 8, 26)]),
        );
        assert!(cal.is_working_day(d(2026, 1, 9)));
        assert!(cal.is_day_off(d(2026, 5, 4)));
        assert!(cal.is_day_off(d(2026, 8, 26)));
        // The 2025 decree still holds.
        assert!(cal.is_day_off(d(2025, 6, 13)));
    }
}
