//! Organisations (schools) with the settings that reports need, and partner
//! organisations that provide mentors.

use super::vocab::PartnerKind;
use super::Id;
use serde::{Deserialize, Serialize};

/// A school (образовательная организация). A database may hold several; the
/// one marked default receives imports and is what the TUI opens on.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Organisation {
    pub id: Id,
    pub archived: bool,
    pub name: String,
    /// The full name as registered (устав, ЕГРЮЛ): what the district's forms
    /// print; empty means the short `name` is used.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub registered_name: String,
    pub municipality: String,
    pub curator: String,
    pub curator_phone: String,
    /// The head who signs the school's orders and agreements (ФИО).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub director: String,
    /// «2025/2026».
    pub academic_year: String,
    /// ИНН and ОГРН as registered (optional): a school renamed is still
    /// the same school to `merge`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub inn: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ogrn: String,
    pub is_default: bool,
    pub totals: Totals,
    pub targets: Vec<YearTargets>,
    /// For a school merged in from its own database: which of its records
    /// became which here, so that a newer export replaces them in place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged: Option<MergeMap>,
}

impl Organisation {
    /// The name as registered, else the name it is known by.
    pub fn registered(&self) -> &str {
        match self.registered_name.trim() {
            "" => self.name.trim(),
            full => full,
        }
    }
}

/// Per kind of record («mentors», «units» …), the school's id → the id here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MergeMap {
    /// When it was last merged (UTC, RFC 3339).
    pub merged_at: String,
    pub ids: std::collections::BTreeMap<String, std::collections::BTreeMap<Id, Id>>,
}

/// The denominators of the indicator shares, as the curator enters them.
/// `None` means «нет данных», never zero.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Totals {
    pub pupils: Option<u32>,
    pub pupils_10_19: Option<u32>,
    pub pupils_15_19: Option<u32>,
    pub young_teachers: Option<u32>,
    pub enterprises: Option<u32>,
}

/// The planned values of the six indicators (seed 002) for one year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct YearTargets {
    /// The year as the roadmap writes it: «2024» or «2024/2025».
    pub year: String,
    pub mentees_10_19_pct: Option<f64>,
    pub mentors_15_19_pct: Option<f64>,
    pub young_teachers_pct: Option<f64>,
    pub enterprises_pct: Option<f64>,
    pub mentee_satisfaction_pct: Option<f64>,
    pub mentor_satisfaction_pct: Option<f64>,
}

/// The targets that apply to the academic year starting in September of
/// `start_year`: those written for it («2025/2026»), else those of the
/// calendar year it starts in («2025», as roadmaps write them). One rule
/// for the form, the gauges and the report, whatever the month.
pub fn targets_for(targets: &[YearTargets], start_year: i32) -> Option<&YearTargets> {
    let academic = format!("{start_year}/{}", start_year + 1);
    let calendar = start_year.to_string();
    targets
        .iter()
        .find(|t| t.year.trim() == academic)
        .or_else(|| targets.iter().find(|t| t.year.trim() == calendar))
}

/// Партнёрская организация: an enterprise, college, university, culture or
/// sport body that provides mentors.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Partner {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    pub name: String,
    pub kind: PartnerKind,
    pub contacts: String,
}

#[cfg(test)]
mod target_tests {
    use super::*;

    fn year(y: &str, pct: f64) -> YearTargets {
        YearTargets {
            year: y.into(),
            mentees_10_19_pct: Some(pct),
            ..YearTargets::default()
        }
    }

    #[test]
    fn the_academic_years_targets_apply_else_those_of_the_year_it_starts_in() {
        let both = [
            year("2026", 40.0),
            year("2026/2027", 45.0),
            year("2027", 50.0),
        ];
        assert_eq!(targets_for(&both, 2026).unwrap().year, "2026/2027");
        let calendar = [year("2025", 30.0), year("2026", 40.0), year("2027", 50.0)];
        // December and February of one school year pick the same targets.
        assert_eq!(targets_for(&calendar, 2026).unwrap().year, "2026");
        assert!(targets_for(&calendar, 2028).is_none());
    }
}
