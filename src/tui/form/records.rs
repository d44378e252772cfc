//! The records of the store as the forms edit them: each with its schema,
//! the domain's rules on it, and its form's title.

use super::Editable;
use crate::domain::erasure::is_erased_name;
use crate::domain::validate::{self, Issue};
use crate::domain::*;
use crate::i18n::Lang;
use crate::schema::{self, FieldSpec, Problem};

fn keyed(issue: Issue) -> (FieldKey, Problem) {
    (issue.field, Problem::Rule(issue.rule))
}

/// The issues a rule on the record alone finds, by field.
fn own(issues: Vec<Issue>) -> Vec<(FieldKey, Problem)> {
    issues.into_iter().map(keyed).collect()
}

/// «Наставник #3», or «Наставник: новая запись» for one not yet saved.
fn titled(what: &str, id: Id, lang: Lang) -> String {
    if id == 0 {
        format!("{what}: {}", lang.pick("новая запись", "new record"))
    } else {
        format!("{what} #{id}")
    }
}

/// Whether another process changed or erased the record while its form
/// was open: the data read again holds another version, or none.
macro_rules! changed_in {
    ($base:ident) => {
        fn changed_in(&self, ds: &Dataset) -> bool {
            self.id != 0 && ds.$base.get(&self.id) != Some(self)
        }
    };
}

impl Editable for Mentor {
    changed_in!(mentors);
    fn erased_in(&self, ds: &Dataset) -> bool {
        ds.mentors
            .get(&self.id)
            .is_some_and(|m| is_erased_name(&m.person.full_name))
    }
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::mentor::MENTOR
    }
    fn rules(_: &Self, after: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        own(validate::validate_mentor(after))
    }
    fn title(&self, lang: Lang) -> String {
        titled(lang.pick("Наставник", "Mentor"), self.id, lang)
    }
}

impl Editable for Mentee {
    changed_in!(mentees);
    fn erased_in(&self, ds: &Dataset) -> bool {
        ds.mentees
            .get(&self.id)
            .is_some_and(|m| is_erased_name(&m.person.full_name))
    }
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::mentee::MENTEE
    }
    fn rules(_: &Self, after: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        own(validate::validate_mentee(after))
    }
    fn title(&self, lang: Lang) -> String {
        titled(lang.pick("Наставляемый", "Mentee"), self.id, lang)
    }
}

impl Editable for Program {
    changed_in!(programs);
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::program::PROGRAM
    }
    fn rules(_: &Self, after: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        own(validate::validate_program(after))
    }
    fn title(&self, lang: Lang) -> String {
        titled(lang.pick("Программа", "Program"), self.id, lang)
    }
}

impl Editable for Partner {
    changed_in!(partners);
    fn erased_in(&self, ds: &Dataset) -> bool {
        ds.partners
            .get(&self.id)
            .is_some_and(|p| is_erased_name(&p.name))
    }
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::partner::PARTNER
    }
    fn rules(_: &Self, after: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        own(validate::validate_partner(after))
    }
    fn title(&self, lang: Lang) -> String {
        titled(lang.pick("Партнёр", "Partner"), self.id, lang)
    }
}

impl Editable for Document {
    changed_in!(documents);
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::document::DOCUMENT
    }
    fn rules(_: &Self, after: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        own(validate::validate_document(after))
    }
    fn title(&self, lang: Lang) -> String {
        titled(lang.pick("Документ", "Document"), self.id, lang)
    }
}

impl Editable for Organisation {
    changed_in!(orgs);
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::organisation::ORGANISATION
    }
    fn rules(_: &Self, after: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        own(validate::validate_organisation(after))
    }
    fn title(&self, lang: Lang) -> String {
        titled(lang.pick("Организация", "Organisation"), self.id, lang)
    }
}

impl Editable for Unit {
    changed_in!(units);
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::unit::UNIT
    }
    fn rules(before: &Self, after: &Self, ds: &Dataset) -> Vec<(FieldKey, Problem)> {
        let mut issues =
            validate::validate_unit(after, ds, &|m| ds.mentees_of_mentor_elsewhere(m, after.id));
        issues.extend(validate::validate_unit_change(before, after, ds));
        issues.into_iter().map(keyed).collect()
    }
    fn title(&self, lang: Lang) -> String {
        titled(lang.pick("Пара", "Pair"), self.id, lang)
    }
}

impl Editable for Meeting {
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::meeting::MEETING
    }
    fn rules(_: &Self, after: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        own(validate::validate_meeting(after))
    }
    /// A date in the future or before the pair's start: a typo in the year,
    /// most often; the same checks as the warnings of `status`.
    fn doubt(&self, ds: &Dataset, today: chrono::NaiveDate, lang: Lang) -> Option<String> {
        let start = ds.units.get(&self.unit_id).and_then(|u| u.start);
        let doubts = crate::meetings::date_doubts(self.date, start, today);
        let date = crate::domain::dates::format_date(self.date);
        Some(match doubts.first()? {
            crate::meetings::MeetingIssue::BeforeStart { .. } => {
                let start = start
                    .map(crate::domain::dates::format_date)
                    .unwrap_or_default();
                crate::tr!(
                    lang,
                    "Встреча {date} раньше начала пары ({start}). Сохранить так? (y — да, n — исправить)",
                    "The meeting on {date} is before the pair started ({start}). Save it so? (y/n: correct it)"
                )
            }
            _ => crate::tr!(
                lang,
                "Встреча датирована будущим: {date}. Сохранить так? (y — да, n — исправить)",
                "The meeting is dated in the future: {date}. Save it so? (y/n: correct it)"
            ),
        })
    }
    fn title(&self, lang: Lang) -> String {
        if self.id == 0 {
            format!(
                "{} #{}: {}",
                lang.pick("Встреча пары", "Meeting of pair"),
                self.unit_id,
                lang.pick("новая", "new")
            )
        } else {
            titled(lang.pick("Встреча", "Meeting"), self.id, lang)
        }
    }
}

impl Editable for SurveyTemplate {
    changed_in!(templates);
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::template::TEMPLATE
    }
    fn title(&self, lang: Lang) -> String {
        titled(lang.pick("Шаблон анкеты", "Questionnaire"), self.id, lang)
    }
}

impl Editable for RoadmapItem {
    changed_in!(roadmap);
    fn schema() -> &'static [FieldSpec<Self>] {
        schema::roadmap::ROADMAP
    }
    fn rules(_: &Self, after: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        own(validate::validate_roadmap_item(after))
    }
    fn title(&self, lang: Lang) -> String {
        match self.id {
            0 => lang
                .pick("Дорожная карта: новый пункт", "Roadmap: new item")
                .into(),
            _ => format!(
                "{} {}",
                lang.pick("Дорожная карта, пункт", "Roadmap item"),
                self.number
            ),
        }
    }
}
