//! Validation rules with messages a curator understands. Each problem names
//! the field it belongs to so a form can show it next to that field.

use super::dates::{age_on, format_date};
use super::fields::FieldKey;
use super::*;
use crate::i18n::Lang;
use crate::tr;
use chrono::NaiveDate;

/// One problem found in a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The field the problem belongs to.
    pub field: FieldKey,
    pub rule: Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Required,
    RequiredForPupil,
    PupilMenteeAge {
        age: i32,
        on: NaiveDate,
    },
    PupilMentorAge {
        age: i32,
        on: NaiveDate,
    },
    BornAfterJoining,
    MinorConsentNotByGuardian {
        who: String,
    },
    EmployerWithoutPartner,
    ZeroCapacity,
    NoMentor,
    NoMentee,
    SamePersonTwice,
    UnknownPerson {
        id: Id,
    },
    ArchivedPerson {
        who: String,
    },
    FormDoesNotAdmitMentor {
        who: String,
        form: Form,
    },
    FormDoesNotAdmitMentee {
        who: String,
        form: Form,
    },
    MentorGradeNotHigher {
        mentor: String,
        mentee: String,
    },
    CapacityExceeded {
        who: String,
        capacity: u32,
        load: u32,
    },
    NoConsent {
        who: String,
    },
    EndBeforeStart,
    EndRequired,
    ReasonRequired,
    /// A text longer than its field holds.
    TooLong {
        max: usize,
    },
    /// A feedback mark outside 1–5.
    MarkOutOfRange,
    /// A pair becomes active by an order (приказ о закреплении).
    OrderRequired,
    /// An academic year is two years in a row: «2025/2026».
    AcademicYearForm,
    /// A target's year as the roadmap writes it: «2025» or «2025/2026».
    TargetYearForm,
    /// A percentage is from 0 to 100.
    PercentRange,
    /// An ИНН of 10 or 12 digits whose check digits hold.
    InnForm,
    /// An ОГРН of 13 digits (ОГРНИП 15) whose check digit holds.
    OgrnForm,
    /// A document with neither number, date, link nor title.
    DocumentUnnamed,
}

impl Rule {
    pub fn message(&self, lang: Lang) -> String {
        use Rule::*;
        match self {
            Required => lang.pick("не заполнено", "empty").into(),
            RequiredForPupil => lang
                .pick("обязательно для обучающегося", "required for a pupil")
                .into(),
            PupilMenteeAge { age, on } => tr!(lang, "наставляемому-обучающемуся должно быть от 10 до 18 лет на дату вхождения {}, а ему {age}", "a pupil mentee must be 10 to 18 on joining ({}), but is {age}", format_date(*on)),
            PupilMentorAge { age, on } => tr!(lang, "наставнику-обучающемуся должно быть не меньше 14 лет на дату вхождения {}, а ему {age}", "a pupil mentor must be at least 14 on joining ({}), but is {age}", format_date(*on)),
            BornAfterJoining => lang
                .pick("дата рождения позже даты вхождения", "born after joining the program")
                .into(),
            MinorConsentNotByGuardian { who } => tr!(lang, "{who}: за несовершеннолетнего согласие даёт законный представитель", "{who}: a minor's consent must come from the legal representative"),
            EmployerWithoutPartner => lang
                .pick(
                    "для представителя работодателя укажите организацию-партнёра",
                    "an employer's representative needs a partner organisation",
                )
                .into(),
            ZeroCapacity => lang
                .pick("не меньше 1 наставляемого", "at least 1 mentee")
                .into(),
            NoMentor => lang.pick("нет наставника", "no mentor").into(),
            NoMentee => lang.pick("нет наставляемого", "no mentee").into(),
            SamePersonTwice => lang
                .pick("один человек указан дважды", "the same person is listed twice")
                .into(),
            UnknownPerson { id } => tr!(lang, "нет записи #{id}", "no record #{id}"),
            ArchivedPerson { who } => tr!(lang, "{who} в архиве", "{who} is archived"),
            FormDoesNotAdmitMentor { who, form } => tr!(lang, "{who}: категория наставника не подходит для формы «{}»", "{who}: the mentor's category does not fit the form '{}'", form.label(lang)),
            FormDoesNotAdmitMentee { who, form } => tr!(lang, "{who}: категория наставляемого не подходит для формы «{}»", "{who}: the mentee's category does not fit the form '{}'", form.label(lang)),
            MentorGradeNotHigher { mentor, mentee } => tr!(lang, "наставник {mentor} должен учиться в классе старше, чем {mentee}", "mentor {mentor} must be in a higher grade than {mentee}"),
            CapacityExceeded { who, capacity, load } => tr!(lang, "{who}: наставляемых будет {load}, а наставник берёт не больше {capacity}", "{who}: would have {load} mentees, capacity is {capacity}"),
            NoConsent { who } => tr!(lang, "{who}: нет письменного согласия, пару нельзя сделать активной", "{who}: no written consent on file; the pair cannot become active"),
            EndBeforeStart => lang
                .pick("дата окончания раньше даты начала", "ends before it starts")
                .into(),
            EndRequired => lang
                .pick("укажите дату окончания", "an end date is required")
                .into(),
            ReasonRequired => lang
                .pick("укажите причину прекращения", "a reason for termination is required")
                .into(),
            TooLong { max } => crate::tr!(
                lang,
                "слишком длинно: не больше {max} знаков",
                "too long: at most {max} characters"
            ),
            MarkOutOfRange => lang.pick("оценка от 1 до 5", "a mark from 1 to 5").into(),
            DocumentUnnamed => lang
                .pick(
                    "укажите номер, дату, ссылку или название документа",
                    "give the document's number, date, link or title",
                )
                .into(),
            OrderRequired => lang
                .pick(
                    "пара становится активной приказом: укажите его номер и дату",
                    "a pair becomes active by an order: give its number and date",
                )
                .into(),
            AcademicYearForm => lang
                .pick(
                    "учебный год пишется как 2025/2026",
                    "an academic year is written as 2025/2026",
                )
                .into(),
            TargetYearForm => lang
                .pick(
                    "год пишется как 2025 или 2025/2026",
                    "a year is written as 2025 or 2025/2026",
                )
                .into(),
            PercentRange => lang
                .pick("процент от 0 до 100", "a percentage from 0 to 100")
                .into(),
            InnForm => lang
                .pick(
                    "ИНН: 10 цифр (у ИП 12) с верными контрольными",
                    "ИНН: 10 digits (12 for a sole trader) with valid check digits",
                )
                .into(),
            OgrnForm => lang
                .pick(
                    "ОГРН: 13 цифр (у ИП 15) с верной контрольной",
                    "ОГРН: 13 digits (15 for a sole trader) with a valid check digit",
                )
                .into(),
        }
    }
}

fn issue(field: FieldKey, rule: Rule) -> Issue {
    Issue { field, rule }
}

/// Rules that hold for anybody in the bases.
fn check_person(p: &Person, pupil: bool, out: &mut Vec<Issue>) {
    if p.full_name.trim().is_empty() {
        out.push(issue(FieldKey::FullName, Rule::Required));
    }
    if pupil {
        for (field, missing) in [
            (FieldKey::BirthDate, p.birth_date.is_none()),
            (FieldKey::Grade, p.grade.is_none()),
            (FieldKey::Joined, p.joined.is_none()),
        ] {
            if missing {
                out.push(issue(field, Rule::RequiredForPupil));
            }
        }
    }
    if let (Some(b), Some(j)) = (p.birth_date, p.joined) {
        if b > j {
            out.push(issue(FieldKey::BirthDate, Rule::BornAfterJoining));
        }
    }
    if let Some(c) = &p.consent {
        if p.is_minor_on(c.date) && !c.by_guardian {
            out.push(issue(
                FieldKey::Consent,
                Rule::MinorConsentNotByGuardian {
                    who: p.full_name.clone(),
                },
            ));
        }
    }
}

pub fn validate_mentor(m: &Mentor) -> Vec<Issue> {
    let mut out = Vec::new();
    let pupil = m.category == MentorCategory::Pupil;
    check_person(&m.person, pupil, &mut out);
    if let (true, Some(b), Some(j)) = (pupil, m.person.birth_date, m.person.joined) {
        let age = age_on(b, j);
        if age < 14 {
            out.push(issue(
                FieldKey::BirthDate,
                Rule::PupilMentorAge { age, on: j },
            ));
        }
    }
    if m.category == MentorCategory::Employer && m.partner_id.is_none() {
        out.push(issue(FieldKey::Partner, Rule::EmployerWithoutPartner));
    }
    if m.capacity == 0 {
        out.push(issue(FieldKey::Capacity, Rule::ZeroCapacity));
    }
    out
}

pub fn validate_mentee(m: &Mentee) -> Vec<Issue> {
    let mut out = Vec::new();
    let pupil = m.category == MenteeCategory::Pupil;
    check_person(&m.person, pupil, &mut out);
    if let (true, Some(b), Some(j)) = (pupil, m.person.birth_date, m.person.joined) {
        let age = age_on(b, j);
        if !(10..=18).contains(&age) {
            out.push(issue(
                FieldKey::BirthDate,
                Rule::PupilMenteeAge { age, on: j },
            ));
        }
    }
    out
}

pub fn validate_partner(p: &Partner) -> Vec<Issue> {
    if p.name.trim().is_empty() {
        vec![issue(FieldKey::Name, Rule::Required)]
    } else {
        Vec::new()
    }
}

/// The longest a one-line field (a name, a phone) and a note may be: a
/// name of thousands of characters is a paste gone wrong, and a note over
/// this no report can hold.
pub const MAX_LINE: usize = 500;
pub const MAX_NOTE: usize = 20_000;

/// Whether a field's text is longer than it may be.
pub fn length_rule(text: &str, multi_line: bool) -> Option<Rule> {
    let max = if multi_line { MAX_NOTE } else { MAX_LINE };
    (text.chars().count() > max).then_some(Rule::TooLong { max })
}

/// A roadmap item entered by hand needs at least what is to be done.
pub fn validate_roadmap_item(r: &RoadmapItem) -> Vec<Issue> {
    match r.title.trim().is_empty() {
        true => vec![issue(FieldKey::Title, Rule::Required)],
        false => Vec::new(),
    }
}

pub fn validate_program(p: &Program) -> Vec<Issue> {
    let mut out = Vec::new();
    if p.name.trim().is_empty() {
        out.push(issue(FieldKey::Name, Rule::Required));
    }
    if let (Some(s), Some(e)) = (p.start, p.end) {
        if e < s {
            out.push(issue(FieldKey::End, Rule::EndBeforeStart));
        }
    }
    out
}

/// «2025/2026»: two years in a row.
pub fn is_academic_year(text: &str) -> bool {
    let Some((a, b)) = text.trim().split_once('/') else {
        return false;
    };
    let year = |s: &str| {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    matches!((year(a), year(b)), (Some(a), Some(b)) if b == a + 1 && (1990..2200).contains(&a))
}

/// «2025» or «2025/2026», as a roadmap writes a target's year.
fn is_target_year(text: &str) -> bool {
    let t = text.trim();
    is_academic_year(t)
        || (t.len() == 4 && t.parse::<i32>().is_ok_and(|y| (1990..2200).contains(&y)))
}

fn digits(text: &str) -> Option<Vec<u32>> {
    text.chars().map(|c| c.to_digit(10)).collect()
}

/// An ИНН whose check digits hold: 10 digits for an organisation, 12 for
/// a person (ФНС's weights).
pub fn is_inn(text: &str) -> bool {
    let Some(d) = digits(text.trim()) else {
        return false;
    };
    let check = |weights: &[u32], upto: usize| {
        weights
            .iter()
            .zip(&d[..upto])
            .map(|(w, x)| w * x)
            .sum::<u32>()
            % 11
            % 10
    };
    const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    match d.len() {
        10 => check(&W10, 9) == d[9],
        12 => check(&W11, 10) == d[10] && check(&W12, 11) == d[11],
        _ => false,
    }
}

/// An ОГРН (13 digits) or ОГРНИП (15) whose check digit holds.
pub fn is_ogrn(text: &str) -> bool {
    let t = text.trim();
    let Some(d) = digits(t) else { return false };
    let (body, modulus) = match d.len() {
        13 => (&t[..12], 11u64),
        15 => (&t[..14], 13u64),
        _ => return false,
    };
    body.parse::<u64>()
        .is_ok_and(|n| (n % modulus % 10) as u32 == d[d.len() - 1])
}

pub fn validate_organisation(o: &Organisation) -> Vec<Issue> {
    let mut out = Vec::new();
    if o.name.trim().is_empty() {
        out.push(issue(FieldKey::Name, Rule::Required));
    }
    if !o.inn.trim().is_empty() && !is_inn(&o.inn) {
        out.push(issue(FieldKey::Inn, Rule::InnForm));
    }
    if !o.ogrn.trim().is_empty() && !is_ogrn(&o.ogrn) {
        out.push(issue(FieldKey::Ogrn, Rule::OgrnForm));
    }
    if !o.academic_year.trim().is_empty() && !is_academic_year(&o.academic_year) {
        out.push(issue(FieldKey::AcademicYear, Rule::AcademicYearForm));
    }
    for t in &o.targets {
        if !is_target_year(&t.year) {
            out.push(issue(FieldKey::AcademicYear, Rule::TargetYearForm));
        }
        let targets = [
            (FieldKey::TargetMentees1019, t.mentees_10_19_pct),
            (FieldKey::TargetMentors1519, t.mentors_15_19_pct),
            (FieldKey::TargetYoungTeachers, t.young_teachers_pct),
            (FieldKey::TargetEnterprises, t.enterprises_pct),
            (
                FieldKey::TargetMenteeSatisfaction,
                t.mentee_satisfaction_pct,
            ),
            (
                FieldKey::TargetMentorSatisfaction,
                t.mentor_satisfaction_pct,
            ),
        ];
        for (field, v) in targets {
            if v.is_some_and(|v| !(0.0..=100.0).contains(&v)) {
                out.push(issue(field, Rule::PercentRange));
            }
        }
    }
    out
}

/// Checks a pair or group against the people in `ds`. `load_elsewhere`
/// gives, for a mentor, the number of distinct mentees they have in other
/// live units (the unit itself excluded).
pub fn validate_unit(unit: &Unit, ds: &Dataset, load_elsewhere: &dyn Fn(Id) -> u32) -> Vec<Issue> {
    let mut out = Vec::new();
    if unit.mentors.is_empty() {
        out.push(issue(FieldKey::Mentors, Rule::NoMentor));
    }
    if unit.mentees.is_empty() {
        out.push(issue(FieldKey::Mentees, Rule::NoMentee));
    }
    if has_repeats(&unit.mentors) || has_repeats(&unit.mentees) {
        out.push(issue(FieldKey::Mentees, Rule::SamePersonTwice));
    }
    let mut mentors = Vec::new();
    for id in &unit.mentors {
        match ds.mentors.get(id) {
            Some(m) => mentors.push(m),
            None => out.push(issue(FieldKey::Mentors, Rule::UnknownPerson { id: *id })),
        }
    }
    let mut mentees = Vec::new();
    for id in &unit.mentees {
        match ds.mentees.get(id) {
            Some(m) => mentees.push(m),
            None => out.push(issue(FieldKey::Mentees, Rule::UnknownPerson { id: *id })),
        }
    }
    let live = unit.is_live();
    for m in &mentors {
        let who = m.person.full_name.clone();
        if m.archived && live {
            out.push(issue(
                FieldKey::Mentors,
                Rule::ArchivedPerson { who: who.clone() },
            ));
        }
        if !unit.form.mentor_categories().contains(&m.category) {
            out.push(issue(
                FieldKey::Form,
                Rule::FormDoesNotAdmitMentor {
                    who: who.clone(),
                    form: unit.form,
                },
            ));
        }
        if live {
            let load = load_elsewhere(m.id) + unit.mentees.len() as u32;
            if load > m.capacity {
                out.push(issue(
                    FieldKey::Mentees,
                    Rule::CapacityExceeded {
                        who,
                        capacity: m.capacity,
                        load,
                    },
                ));
            }
        }
    }
    for e in &mentees {
        if e.archived && live {
            out.push(issue(
                FieldKey::Mentees,
                Rule::ArchivedPerson {
                    who: e.person.full_name.clone(),
                },
            ));
        }
        if !unit.form.mentee_categories().contains(&e.category) {
            out.push(issue(
                FieldKey::Form,
                Rule::FormDoesNotAdmitMentee {
                    who: e.person.full_name.clone(),
                    form: unit.form,
                },
            ));
        }
    }
    check_grades(&mentors, &mentees, &mut out);
    check_dates(unit, &mut out);
    if unit.status == UnitStatus::Active {
        match unit.start {
            None => out.push(issue(FieldKey::Start, Rule::Required)),
            Some(on) => {
                let people = mentors
                    .iter()
                    .map(|m| &m.person)
                    .chain(mentees.iter().map(|e| &e.person));
                out.extend(consent_issues(people, on));
            }
        }
    }
    out
}

/// Everyone must have written consent on file for a unit to be active; for
/// someone under 18 on `on`, given by the legal representative.
pub fn consent_issues<'a>(people: impl Iterator<Item = &'a Person>, on: NaiveDate) -> Vec<Issue> {
    people
        .filter(|p| !p.has_valid_consent_on(on))
        .map(|p| {
            let who = p.full_name.clone();
            let rule = if p.consent.is_some() {
                Rule::MinorConsentNotByGuardian { who }
            } else {
                Rule::NoConsent { who }
            };
            issue(FieldKey::Status, rule)
        })
        .collect()
}

fn check_grades(mentors: &[&Mentor], mentees: &[&Mentee], out: &mut Vec<Issue>) {
    for m in mentors
        .iter()
        .filter(|m| m.category == MentorCategory::Pupil)
    {
        for e in mentees
            .iter()
            .filter(|e| e.category == MenteeCategory::Pupil)
        {
            if let (Some(gm), Some(ge)) = (&m.person.grade, &e.person.grade) {
                if gm.year <= ge.year {
                    out.push(issue(
                        FieldKey::Mentors,
                        Rule::MentorGradeNotHigher {
                            mentor: m.person.full_name.clone(),
                            mentee: e.person.full_name.clone(),
                        },
                    ));
                }
            }
        }
    }
}

fn check_dates(unit: &Unit, out: &mut Vec<Issue>) {
    if let (Some(s), Some(e)) = (unit.start, unit.end) {
        if e < s {
            out.push(issue(FieldKey::End, Rule::EndBeforeStart));
        }
    }
    if let (Some(s), Some(e)) = (unit.start, unit.planned_end) {
        if e < s {
            out.push(issue(FieldKey::PlannedEnd, Rule::EndBeforeStart));
        }
    }
    if matches!(unit.status, UnitStatus::Completed | UnitStatus::Terminated) && unit.end.is_none() {
        out.push(issue(FieldKey::End, Rule::EndRequired));
    }
    if unit.status == UnitStatus::Terminated && unit.end_reason.trim().is_empty() {
        out.push(issue(FieldKey::EndReason, Rule::ReasonRequired));
    }
}

fn has_repeats(ids: &[Id]) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    !ids.iter().all(|id| seen.insert(*id))
}

/// A meeting's feedback marks are 1 to 5.
pub fn validate_meeting(m: &Meeting) -> Vec<Issue> {
    [
        (FieldKey::MenteeMark, m.feedback.mentee_mark),
        (FieldKey::MentorMark, m.feedback.mentor_mark),
    ]
    .into_iter()
    .filter_map(|(field, mark)| {
        mark.filter(|n| !(1..=5).contains(n))
            .map(|_| issue(field, Rule::MarkOutOfRange))
    })
    .collect()
}

/// Rules on a change of a pair, not on the pair alone: one that becomes
/// active needs the order that makes it so (its number and date), typed on
/// the pair or named from the base of documents.
pub fn validate_unit_change(before: &Unit, after: &Unit, ds: &Dataset) -> Vec<Issue> {
    let mut out = Vec::new();
    if after.status == UnitStatus::Active && before.status != UnitStatus::Active {
        let (number, date) = ds.order_of(after);
        let complete = !number.is_empty() && date.is_some();
        match after.order_id {
            // A document from the base is told once, next to its field.
            Some(_) if !complete => out.push(issue(FieldKey::OrderDocument, Rule::OrderRequired)),
            Some(_) => {}
            None => {
                if number.is_empty() {
                    out.push(issue(FieldKey::OrderNo, Rule::OrderRequired));
                }
                if date.is_none() {
                    out.push(issue(FieldKey::OrderDate, Rule::OrderRequired));
                }
            }
        }
    }
    out
}

/// A document of the program names its kind; an order or a regulation is
/// cited by its number and date, so at least one of those, a link or a
/// title says which document it is.
pub fn validate_document(d: &Document) -> Vec<Issue> {
    let says_which = !d.number.trim().is_empty()
        || d.date.is_some()
        || !d.link.trim().is_empty()
        || !d.title.trim().is_empty();
    if says_which {
        Vec::new()
    } else {
        vec![issue(FieldKey::Number, Rule::DocumentUnnamed)]
    }
}

#[cfg(test)]
mod registration_tests {
    use super::*;

    #[test]
    fn inn_and_ogrn_check_digits() {
        assert!(is_inn("7707083893"));
        assert!(!is_inn("7707083894"));
        assert!(is_inn("500100732259"));
        assert!(!is_inn("500100732258"));
        assert!(!is_inn("77070838"));
        assert!(!is_inn("770708389A"));
        assert!(is_ogrn("1027700132195"));
        assert!(!is_ogrn("1027700132196"));
        assert!(is_ogrn("304500116000157"));
        assert!(!is_ogrn("10277001321"));
    }

    #[test]
    fn an_organisation_with_a_wrong_inn_is_refused_at_that_field() {
        let mut o = Organisation {
            name: "МБОУ «СОШ № 1»".into(),
            inn: "1234567890".into(),
            ..Organisation::default()
        };
        let issues = validate_organisation(&o);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, FieldKey::Inn);
        o.inn = "7707083893".into();
        o.ogrn = "1027700132195".into();
        assert!(validate_organisation(&o).is_empty());
    }
}
