//! Roadmap items (пункты дорожной карты).

use super::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Deadline {
    /// «до 01.09.2023»: by this date.
    By {
        date: NaiveDate,
    },
    /// «сентябрь 2022 г.», «Март-апрель 2024 г.»: within a range.
    Within {
        from: NaiveDate,
        to: NaiveDate,
    },
    /// «ежеквартально, до 15 числа»: every quarter, by a day of its first month.
    Quarterly {
        day: u8,
    },
    Monthly {
        day: u8,
    },
    /// «в течение всего периода».
    Ongoing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoadmapStatus {
    #[default]
    Planned,
    InProgress,
    Done,
}

impl RoadmapStatus {
    pub const ALL: &'static [RoadmapStatus] = &[
        RoadmapStatus::Planned,
        RoadmapStatus::InProgress,
        RoadmapStatus::Done,
    ];

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            RoadmapStatus::Planned => lang.pick("запланировано", "planned"),
            RoadmapStatus::InProgress => lang.pick("в работе", "in progress"),
            RoadmapStatus::Done => lang.pick("выполнено", "done"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RoadmapItem {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    /// «1», «2.3», «6.1.1».
    pub number: String,
    pub section: String,
    pub title: String,
    /// The deadline as written in the document.
    pub deadline_text: String,
    /// What could be read from it.
    pub deadline: Option<Deadline>,
    pub responsible: String,
    pub result: String,
    pub status: RoadmapStatus,
    pub evidence: String,
}

impl super::vocab::Labelled for RoadmapStatus {
    fn all() -> &'static [Self] {
        Self::ALL
    }
    fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        self.label(lang)
    }
}
