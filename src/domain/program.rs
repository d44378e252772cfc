//! Programs of mentoring (база программ наставничества).

use super::vocab::{Form, MentoringKind};
use super::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Program {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    pub name: String,
    pub form: Option<Form>,
    pub kind: Option<MentoringKind>,
    pub goals: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub planned_results: String,
    /// Counted in the bank of best practices (банк лучших практик).
    pub effective: bool,
}
