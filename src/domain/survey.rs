//! Feedback questionnaires (анкеты обратной связи): templates and responses.

use super::meeting::PersonRef;
use super::vocab::Form;
use super::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Mentor,
    #[default]
    Mentee,
    Curator,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStage {
    /// Входная, before the program.
    #[default]
    Entry,
    Interim,
    /// Итоговая, after it.
    Exit,
}

impl Audience {
    pub const ALL: &'static [Audience] = &[Audience::Mentor, Audience::Mentee, Audience::Curator];

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Audience::Mentor => lang.pick("наставник", "mentor"),
            Audience::Mentee => lang.pick("наставляемый", "mentee"),
            Audience::Curator => lang.pick("куратор", "curator"),
        }
    }
}

impl SurveyStage {
    pub const ALL: &'static [SurveyStage] =
        &[SurveyStage::Entry, SurveyStage::Interim, SurveyStage::Exit];

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            SurveyStage::Entry => lang.pick("входная", "entry"),
            SurveyStage::Interim => lang.pick("промежуточная", "interim"),
            SurveyStage::Exit => lang.pick("итоговая", "exit"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum QuestionKind {
    Scale {
        min: u8,
        max: u8,
        #[serde(default)]
        min_label: String,
        #[serde(default)]
        max_label: String,
    },
    Single {
        options: Vec<String>,
    },
    Multi {
        options: Vec<String>,
    },
    YesNo,
    Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub text: String,
    pub kind: QuestionKind,
    /// Counted in the satisfaction level.
    #[serde(default)]
    pub satisfaction: bool,
    /// Compared before and after.
    #[serde(default)]
    pub growth: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyTemplate {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    pub title: String,
    /// Shown above the questions (e.g. to check against the regional form).
    pub note: String,
    pub audience: Audience,
    pub stage: SurveyStage,
    pub forms: Vec<Form>,
    pub questions: Vec<Question>,
    /// Set for the templates shipped with the program, so that they are
    /// copied once and never overwritten.
    pub builtin_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    Scale(u8),
    Choice(usize),
    Choices(Vec<usize>),
    YesNo(bool),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// Index of the question in its template.
    pub question: usize,
    pub value: AnswerValue,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyResponse {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    pub template_id: Id,
    pub respondent: PersonRef,
    pub unit_id: Option<Id>,
    pub program_id: Option<Id>,
    pub stage: SurveyStage,
    pub date: NaiveDate,
    pub answers: Vec<Answer>,
    /// An unfinished entry that can be resumed.
    pub draft: bool,
}

impl super::vocab::Labelled for Audience {
    fn all() -> &'static [Self] {
        Self::ALL
    }
    fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        self.label(lang)
    }
}

impl super::vocab::Labelled for SurveyStage {
    fn all() -> &'static [Self] {
        Self::ALL
    }
    fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        self.label(lang)
    }
}
