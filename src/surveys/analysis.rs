//! What monitoring derives from questionnaires, as plain functions over the
//! dataset: satisfaction by either rule, growth before/after, distributions
//! and who still owes an answer. The reports reuse all of it.

use crate::domain::*;
use crate::text::fold;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How satisfaction in % is counted; every figure is printed with its rule.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum SatisfactionRule {
    /// The mean of the satisfaction items ÷ scale maximum × 100 (each
    /// respondent's mean first, so everyone weighs the same).
    #[default]
    Mean,
    /// The share of respondents whose mean, on a 10-point scale, is at least
    /// `threshold`.
    Threshold { threshold: f64 },
}

impl SatisfactionRule {
    pub fn describe(self, lang: crate::i18n::Lang) -> String {
        match self {
            SatisfactionRule::Mean => lang
                .pick(
                    "среднее по вопросам удовлетворённости ÷ максимум шкалы × 100 (сначала среднее каждого респондента)",
                    "mean of the satisfaction items ÷ scale maximum × 100 (each respondent's mean first)",
                )
                .into(),
            SatisfactionRule::Threshold { threshold } => crate::tr!(lang, "доля респондентов, чья средняя оценка по вопросам удовлетворённости не ниже {} из 10", "share of respondents whose mean satisfaction rating is at least {} of 10", fmt_num(threshold)),
        }
    }
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Which responses an analysis reads: finished, not archived, dated within
/// the period, of the given organisation (or all).
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub org: Option<Id>,
}

impl Scope {
    pub fn admits(&self, r: &SurveyResponse) -> bool {
        !r.archived
            && !r.draft
            && r.date >= self.from
            && r.date <= self.to
            && self.org.is_none_or(|o| r.org_id == o)
    }
}

/// The side a respondent is on.
pub fn audience_of(r: PersonRef) -> Audience {
    match r {
        PersonRef::Mentor(_) => Audience::Mentor,
        PersonRef::Mentee(_) => Audience::Mentee,
        PersonRef::Curator(_) => Audience::Curator,
    }
}

/// A scale answer as a fraction of its scale's maximum.
fn scale_fraction(q: &Question, v: &AnswerValue) -> Option<f64> {
    match (&q.kind, v) {
        (QuestionKind::Scale { max, .. }, AnswerValue::Scale(x)) if *max > 0 => {
            Some(f64::from(*x) / f64::from(*max))
        }
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Satisfaction {
    /// `None` when nobody answered a satisfaction item.
    pub percent: Option<f64>,
    pub respondents: usize,
    pub rule: SatisfactionRule,
}

/// Satisfaction of one audience (mentors or mentees) in %.
pub fn satisfaction(
    ds: &Dataset,
    audience: Audience,
    scope: &Scope,
    rule: SatisfactionRule,
) -> Satisfaction {
    // Each respondent's mean; a person who answered twice counts once, with
    // all their satisfaction answers.
    let mut per_person: BTreeMap<PersonRef, (f64, u32)> = BTreeMap::new();
    for r in ds.responses.values().filter(|r| scope.admits(r)) {
        if audience_of(r.respondent) != audience {
            continue;
        }
        let Some(t) = ds.templates.get(&r.template_id) else {
            continue;
        };
        for a in &r.answers {
            let Some(q) = t.questions.get(a.question).filter(|q| q.satisfaction) else {
                continue;
            };
            if let Some(f) = scale_fraction(q, &a.value) {
                let e = per_person.entry(r.respondent).or_default();
                e.0 += f;
                e.1 += 1;
            }
        }
    }
    let means: Vec<f64> = per_person
        .values()
        .map(|(s, n)| s / f64::from(*n))
        .collect();
    let percent = (!means.is_empty()).then(|| match rule {
        SatisfactionRule::Mean => means.iter().sum::<f64>() / means.len() as f64 * 100.0,
        SatisfactionRule::Threshold { threshold } => {
            // Compared on the 10-point scale with a small tolerance, so that
            // 0.8 × 10 is «8» and not 7.999….
            let hit = means
                .iter()
                .filter(|m| *m * 10.0 + 1e-9 >= threshold)
                .count();
            hit as f64 / means.len() as f64 * 100.0
        }
    });
    Satisfaction {
        percent,
        respondents: means.len(),
        rule,
    }
}

/// One growth item (compared before/after): the means over the people who
/// answered both, and how many they are.
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthItem {
    pub audience: Audience,
    pub text: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub both: usize,
    /// Per participant: (who, before, after).
    pub people: Vec<(PersonRef, u8, u8)>,
}

impl GrowthItem {
    pub fn change(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

/// Growth on every item marked for comparison, matched between the entry
/// and exit questionnaires by the question's text (case and ё folded). Only
/// people with both answers count; a person's earliest entry answer and
/// latest exit answer are compared.
pub fn growth(ds: &Dataset, scope: &Scope) -> Vec<GrowthItem> {
    type Key = (Audience, String);
    // (item) -> person -> (entry (date, value), exit (date, value))
    type Answers = BTreeMap<PersonRef, (Option<(NaiveDate, u8)>, Option<(NaiveDate, u8)>)>;
    let mut items: BTreeMap<Key, (String, Answers)> = BTreeMap::new();
    let mut order: Vec<Key> = Vec::new();
    for r in ds.responses.values().filter(|r| scope.admits(r)) {
        let Some(t) = ds.templates.get(&r.template_id) else {
            continue;
        };
        for a in &r.answers {
            let Some(q) = t.questions.get(a.question).filter(|q| q.growth) else {
                continue;
            };
            let AnswerValue::Scale(v) = a.value else {
                continue;
            };
            let key = (audience_of(r.respondent), fold(&q.text));
            let entry = items.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                (q.text.clone(), BTreeMap::new())
            });
            let slot = entry.1.entry(r.respondent).or_default();
            match r.stage {
                SurveyStage::Entry => {
                    if slot.0.is_none_or(|(d, _)| r.date < d) {
                        slot.0 = Some((r.date, v));
                    }
                }
                SurveyStage::Exit => {
                    if slot.1.is_none_or(|(d, _)| r.date >= d) {
                        slot.1 = Some((r.date, v));
                    }
                }
                SurveyStage::Interim => {}
            }
        }
    }
    order.sort_by_key(|(a, _)| *a == Audience::Mentor);
    order
        .into_iter()
        .map(|key| {
            let (text, answers) = &items[&key];
            let people: Vec<(PersonRef, u8, u8)> = answers
                .iter()
                .filter_map(|(who, (b, a))| Some((*who, b.as_ref()?.1, a.as_ref()?.1)))
                .collect();
            let mean = |f: fn(&(PersonRef, u8, u8)) -> u8| {
                (!people.is_empty()).then(|| {
                    people.iter().map(|p| f64::from(f(p))).sum::<f64>() / people.len() as f64
                })
            };
            GrowthItem {
                audience: key.0,
                text: text.clone(),
                before: mean(|p| p.1),
                after: mean(|p| p.2),
                both: people.len(),
                people,
            }
        })
        .collect()
}

/// The answers to one question, counted.
#[derive(Debug, Clone, PartialEq)]
pub enum Distribution {
    /// Counts per value from min to max.
    Scale {
        min: u8,
        counts: Vec<usize>,
        mean: Option<f64>,
    },
    /// Counts per option (single and multiple choice).
    Options {
        options: Vec<String>,
        counts: Vec<usize>,
    },
    YesNo {
        yes: usize,
        no: usize,
    },
    /// The open answers, as written.
    Text(Vec<String>),
}

/// Per question of a template: how its finished responses answered.
pub fn distributions(ds: &Dataset, template: &SurveyTemplate, scope: &Scope) -> Vec<Distribution> {
    let mut out: Vec<Distribution> = template
        .questions
        .iter()
        .map(|q| match &q.kind {
            QuestionKind::Scale { min, max, .. } => Distribution::Scale {
                min: *min,
                counts: vec![0; usize::from(max.saturating_sub(*min)) + 1],
                mean: None,
            },
            QuestionKind::Single { options } | QuestionKind::Multi { options } => {
                Distribution::Options {
                    options: options.clone(),
                    counts: vec![0; options.len()],
                }
            }
            QuestionKind::YesNo => Distribution::YesNo { yes: 0, no: 0 },
            QuestionKind::Text => Distribution::Text(Vec::new()),
        })
        .collect();
    let responses = ds
        .responses
        .values()
        .filter(|r| r.template_id == template.id && scope.admits(r));
    for r in responses {
        for a in &r.answers {
            let Some(d) = out.get_mut(a.question) else {
                continue;
            };
            match (d, &a.value) {
                (Distribution::Scale { min, counts, .. }, AnswerValue::Scale(v)) => {
                    if let Some(c) = counts.get_mut(usize::from(v.saturating_sub(*min))) {
                        *c += 1;
                    }
                }
                (Distribution::Options { counts, .. }, AnswerValue::Choice(i)) => {
                    if let Some(c) = counts.get_mut(*i) {
                        *c += 1;
                    }
                }
                (Distribution::Options { counts, .. }, AnswerValue::Choices(is)) => {
                    for i in is {
                        if let Some(c) = counts.get_mut(*i) {
                            *c += 1;
                        }
                    }
                }
                (Distribution::YesNo { yes, no }, AnswerValue::YesNo(b)) => {
                    *if *b { yes } else { no } += 1;
                }
                (Distribution::Text(list), AnswerValue::Text(t)) if !t.trim().is_empty() => {
                    list.push(t.clone());
                }
                _ => {}
            }
        }
    }
    for d in &mut out {
        if let Distribution::Scale { min, counts, mean } = d {
            let n: usize = counts.iter().sum();
            let sum: usize = counts
                .iter()
                .enumerate()
                .map(|(i, c)| (i + usize::from(*min)) * c)
                .sum();
            *mean = (n > 0).then(|| sum as f64 / n as f64);
        }
    }
    out
}

/// A questionnaire a participant of a pair still owes.
#[derive(Debug, Clone, PartialEq)]
pub struct Owed {
    pub unit_id: Id,
    pub who: PersonRef,
    pub stage: SurveyStage,
}

/// Who still owes an answer as of a date: everyone in a pair that has
/// started (активна or завершена, start on or before the date) without an
/// entry questionnaire for that pair, and everyone in a completed pair
/// without an exit one. Drafts do not count as answered.
pub fn owed(ds: &Dataset, as_of: NaiveDate, org: Option<Id>) -> Vec<Owed> {
    let mut answered: std::collections::BTreeSet<(Id, PersonRef, SurveyStage)> = Default::default();
    for r in ds.responses.values().filter(|r| !r.archived && !r.draft) {
        if let Some(u) = r.unit_id {
            answered.insert((u, r.respondent, r.stage));
        }
    }
    let mut out = Vec::new();
    for u in ds.units.values() {
        if u.archived || org.is_some_and(|o| u.org_id != o) {
            continue;
        }
        let started = matches!(u.status, UnitStatus::Active | UnitStatus::Completed)
            && u.start.is_some_and(|s| s <= as_of);
        if !started {
            continue;
        }
        for who in u.people() {
            let mut stages = vec![SurveyStage::Entry];
            if u.status == UnitStatus::Completed {
                stages.push(SurveyStage::Exit);
            }
            for stage in stages {
                if !answered.contains(&(u.id, who, stage)) {
                    out.push(Owed {
                        unit_id: u.id,
                        who,
                        stage,
                    });
                }
            }
        }
    }
    out
}

/// Why an answer does not fit its question.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("оценка {value} вне шкалы {min}–{max}")]
    OutOfScale { value: u8, min: u8, max: u8 },
    #[error("нет варианта № {0}")]
    NoSuchOption(usize),
    #[error("вариант выбран дважды")]
    Repeated,
    #[error("ответ не того вида: ожидается {}", .0.label(crate::i18n::Lang::Ru))]
    WrongKind(KindWanted),
}

/// The kind of answer a question wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindWanted {
    Scale,
    One,
    Several,
    YesNo,
    Text,
}

impl KindWanted {
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            KindWanted::Scale => lang.pick("оценка по шкале", "a mark on the scale"),
            KindWanted::One => lang.pick("один вариант", "one option"),
            KindWanted::Several => lang.pick("несколько вариантов", "several options"),
            KindWanted::YesNo => lang.pick("да/нет", "yes/no"),
            KindWanted::Text => lang.pick("текст", "text"),
        }
    }
}

impl AnswerError {
    /// The problem in `lang` (the `Display` text is the Russian one).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            AnswerError::OutOfScale { value, min, max } => crate::tr!(
                lang,
                "оценка {value} вне шкалы {min}–{max}",
                "the mark {value} is off the scale {min}–{max}"
            ),
            AnswerError::NoSuchOption(n) => {
                crate::tr!(lang, "нет варианта № {n}", "there is no option {n}")
            }
            AnswerError::Repeated => lang
                .pick("вариант выбран дважды", "an option is chosen twice")
                .into(),
            AnswerError::WrongKind(k) => crate::tr!(
                lang,
                "ответ не того вида: ожидается {}",
                "an answer of another kind: {} is wanted",
                k.label(lang)
            ),
        }
    }
}

/// Checks an answer against its question's kind.
pub fn validate_answer(q: &Question, v: &AnswerValue) -> Result<(), AnswerError> {
    match (&q.kind, v) {
        (QuestionKind::Scale { min, max, .. }, AnswerValue::Scale(x)) => {
            if x < min || x > max {
                Err(AnswerError::OutOfScale {
                    value: *x,
                    min: *min,
                    max: *max,
                })
            } else {
                Ok(())
            }
        }
        (QuestionKind::Single { options }, AnswerValue::Choice(i)) => {
            if *i < options.len() {
                Ok(())
            } else {
                Err(AnswerError::NoSuchOption(i.saturating_add(1)))
            }
        }
        (QuestionKind::Multi { options }, AnswerValue::Choices(is)) => {
            if let Some(i) = is.iter().find(|i| **i >= options.len()) {
                return Err(AnswerError::NoSuchOption(i.saturating_add(1)));
            }
            let mut sorted = is.clone();
            sorted.sort_unstable();
            sorted.dedup();
            if sorted.len() != is.len() {
                return Err(AnswerError::Repeated);
            }
            Ok(())
        }
        (QuestionKind::YesNo, AnswerValue::YesNo(_))
        | (QuestionKind::Text, AnswerValue::Text(_)) => Ok(()),
        (kind, _) => Err(AnswerError::WrongKind(match kind {
            QuestionKind::Scale { .. } => KindWanted::Scale,
            QuestionKind::Single { .. } => KindWanted::One,
            QuestionKind::Multi { .. } => KindWanted::Several,
            QuestionKind::YesNo => KindWanted::YesNo,
            QuestionKind::Text => KindWanted::Text,
        })),
    }
}

/// The templates whose satisfaction items the figures come from: those with
/// an item marked for satisfaction and a finished answer in scope, with
/// their stage. What the reports name under «Правила подсчёта».
pub fn satisfaction_sources<'a>(ds: &'a Dataset, scope: &Scope) -> Vec<&'a SurveyTemplate> {
    let answered: std::collections::BTreeSet<Id> = ds
        .responses
        .values()
        .filter(|r| scope.admits(r))
        .map(|r| r.template_id)
        .collect();
    ds.templates
        .values()
        .filter(|t| answered.contains(&t.id) && t.questions.iter().any(|q| q.satisfaction))
        .collect()
}

/// Yes among those who answered a yes/no item, counted by person (a
/// person's latest answer in scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YesCount {
    pub yes: usize,
    pub answered: usize,
}

/// How many plan to mentor (§ 7.5 of the regulation: more teachers and
/// pupils planning to become mentors): mentees answering yes to «стать
/// наставником», mentors to «продолжить работу наставником», in exit
/// questionnaires. The items are found by their text, as the built-in
/// templates word them.
pub fn plans_to_mentor(ds: &Dataset, scope: &Scope, audience: Audience) -> YesCount {
    let wording = match audience {
        Audience::Mentor => "продолжить работу наставник",
        _ => "стать наставник",
    };
    let mut latest: BTreeMap<PersonRef, (NaiveDate, bool)> = BTreeMap::new();
    for r in ds.responses.values().filter(|r| scope.admits(r)) {
        if r.stage != SurveyStage::Exit || audience_of(r.respondent) != audience {
            continue;
        }
        let Some(t) = ds.templates.get(&r.template_id) else {
            continue;
        };
        for a in &r.answers {
            let Some(q) = t.questions.get(a.question) else {
                continue;
            };
            if let (QuestionKind::YesNo, AnswerValue::YesNo(yes)) = (&q.kind, &a.value) {
                if fold(&q.text).contains(wording) {
                    let e = latest.entry(r.respondent).or_insert((r.date, *yes));
                    if r.date >= e.0 {
                        *e = (r.date, *yes);
                    }
                }
            }
        }
    }
    YesCount {
        yes: latest.values().filter(|(_, y)| *y).count(),
        answered: latest.len(),
    }
}

/// The mean of a 1–10 item per form of mentoring (the form of the pair
/// the answer is about), with the number of answers.
pub fn scale_means_by_form(
    ds: &Dataset,
    template: &SurveyTemplate,
    question: usize,
    scope: &Scope,
) -> Vec<(Form, f64, usize)> {
    let mut sums: BTreeMap<Form, (u64, usize)> = BTreeMap::new();
    for r in ds
        .responses
        .values()
        .filter(|r| r.template_id == template.id && scope.admits(r))
    {
        let Some(form) = r.unit_id.and_then(|u| ds.units.get(&u)).map(|u| u.form) else {
            continue;
        };
        for a in r.answers.iter().filter(|a| a.question == question) {
            if let AnswerValue::Scale(v) = a.value {
                let e = sums.entry(form).or_default();
                e.0 += u64::from(v);
                e.1 += 1;
            }
        }
    }
    sums.into_iter()
        .map(|(form, (sum, n))| (form, sum as f64 / n as f64, n))
        .collect()
}

/// Whether an item is rated 1 to 10, the scale district instructions
/// summarise by its mean per form.
pub fn is_ten_point(q: &Question) -> bool {
    matches!(
        q.kind,
        QuestionKind::Scale {
            min: 1,
            max: 10,
            ..
        }
    )
}

/// Open answers as districts tally them: the same answer up to case, ё/е,
/// spaces and final punctuation counts once, written as it first came,
/// with how many gave it; the most given first, then in the order given.
pub fn merge_answers(list: &[String]) -> Vec<(String, usize)> {
    let mut merged: Vec<(String, String, usize)> = Vec::new();
    for answer in list {
        let shown = answer.trim();
        // Judged as shown: a control sequence in one copy does not part it
        // from the others.
        let clean = crate::text::sanitize_line(shown);
        let key = crate::text::fold(clean.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '…')
        }));
        if key.is_empty() {
            continue;
        }
        match merged.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, n)) => *n += 1,
            None => merged.push((key, shown.to_string(), 1)),
        }
    }
    // A stable sort keeps the order given among equal counts.
    merged.sort_by_key(|(_, _, n)| std::cmp::Reverse(*n));
    merged.into_iter().map(|(_, shown, n)| (shown, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_answers_merge_up_to_case_yo_spaces_and_final_punctuation() {
        let given: Vec<String> = [
            "Не хватало времени на встречи.",
            "всё понравилось",
            "не хватало  времени на встречи",
            "Все понравилось!",
            "НЕ ХВАТАЛО времени на встречи …",
            "  ",
            "хотелось бы больше практики",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            merge_answers(&given),
            [
                ("Не хватало времени на встречи.".to_string(), 3),
                ("всё понравилось".to_string(), 2),
                ("хотелось бы больше практики".to_string(), 1),
            ]
        );
    }
}
