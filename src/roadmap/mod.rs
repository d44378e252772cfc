//! Roadmap tracking (дорожная карта): reading the documents' tables, their
//! deadlines, and what is overdue or falls due soon.

pub mod deadline;
pub mod import;

use crate::domain::{RoadmapItem, RoadmapStatus};
use chrono::NaiveDate;

/// Where an item stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Not done and its date has passed (просрочено).
    Overdue(NaiveDate),
    /// Falls due within the window.
    DueSoon(NaiveDate),
    /// Has a later date, or none (ongoing, unparsed), or is done.
    Later(Option<NaiveDate>),
    Done,
}

/// How an item stands on `on`, with `soon` days counted as «soon».
/// A recurring item is never overdue: it falls due again each period.
pub fn standing(item: &RoadmapItem, on: NaiveDate, soon: i64) -> Standing {
    if item.status == RoadmapStatus::Done {
        return Standing::Done;
    }
    let Some(d) = &item.deadline else {
        return Standing::Later(None);
    };
    let recurring = matches!(
        d,
        crate::domain::Deadline::Quarterly { .. } | crate::domain::Deadline::Monthly { .. }
    );
    let due = if recurring {
        deadline::next_due(d, on)
    } else {
        deadline::next_due(d, NaiveDate::MIN)
    };
    match due {
        Some(due) if due < on => Standing::Overdue(due),
        Some(due) if (due - on).num_days() <= soon => Standing::DueSoon(due),
        other => Standing::Later(other),
    }
}

/// Days ahead that count as «soon» in Обзор and `status`.
pub const SOON_DAYS: i64 = 14;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Deadline;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn overdue_soon_later_and_done() {
        let item = |deadline| RoadmapItem {
            deadline: Some(deadline),
            ..RoadmapItem::default()
        };
        let by = item(Deadline::By {
            date: d(2024, 3, 1),
        });
        assert_eq!(
            standing(&by, d(2024, 3, 2), 14),
            Standing::Overdue(d(2024, 3, 1))
        );
        assert_eq!(
            standing(&by, d(2024, 2, 20), 14),
            Standing::DueSoon(d(2024, 3, 1))
        );
        assert_eq!(
            standing(&by, d(2024, 1, 1), 14),
            Standing::Later(Some(d(2024, 3, 1)))
        );
        let done = RoadmapItem {
            status: RoadmapStatus::Done,
            ..by.clone()
        };
        assert_eq!(standing(&done, d(2025, 1, 1), 14), Standing::Done);
        let q = item(Deadline::Quarterly { day: 15 });
        assert_eq!(
            standing(&q, d(2024, 4, 5), 14),
            Standing::DueSoon(d(2024, 4, 15))
        );
        assert_eq!(
            standing(&q, d(2024, 5, 5), 14),
            Standing::Later(Some(d(2024, 7, 15)))
        );
        let month = item(Deadline::Within {
            from: d(2023, 9, 1),
            to: d(2023, 9, 30),
        });
        assert_eq!(
            standing(&month, d(2023, 10, 1), 14),
            Standing::Overdue(d(2023, 9, 30))
        );
    }
}
