//! `coverage`: the district's form (seed 001) of how many pupils, young
//! teachers and enterprises the program reached, per form of mentoring.

use super::model::{Cell, Report, Table};
use super::{counted_units, period_rule, Params};
use crate::domain::dates::format_date;
use crate::domain::*;
use std::collections::{BTreeMap, BTreeSet};

/// The four forms the district's table always shows, in its order.
pub const STANDARD_FORMS: [Form; 4] = [
    Form::PupilPupil,
    Form::TeacherTeacher,
    Form::StudentPupil,
    Form::EmployerPupil,
];

/// Distinct ids per form, and across forms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub per_form: BTreeMap<Form, BTreeSet<Id>>,
    pub total: BTreeSet<Id>,
}

impl Row {
    fn add(&mut self, form: Form, id: Id) {
        self.per_form.entry(form).or_default().insert(id);
        self.total.insert(id);
    }

    pub fn count(&self, form: Form) -> u64 {
        self.per_form.get(&form).map_or(0, |s| s.len() as u64)
    }
}

/// Who the program reached in a period.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reach {
    pub pupil_mentees: Row,
    pub pupil_mentors: Row,
    pub young_teachers: Row,
    pub enterprises: Row,
    /// Forms with at least one counted pair or group.
    pub forms: BTreeSet<Form>,
    /// Pupils left out because their birth date is unknown.
    pub no_birth_date: BTreeSet<PersonRef>,
}

/// Counts the reach with the given age bounds (in full years on `as_of`,
/// inclusive): 10–18 and 15–18 for the coverage form, 10–19 and 15–19 for
/// the indicators.
pub fn reach(ds: &Dataset, p: &Params, mentee_ages: (i32, i32), mentor_ages: (i32, i32)) -> Reach {
    let mut r = Reach::default();
    let in_range = |age: i32, (lo, hi): (i32, i32)| age >= lo && age <= hi;
    for u in counted_units(ds, p) {
        r.forms.insert(u.form);
        for id in &u.mentees {
            let Some(m) = ds.mentees.get(id) else {
                continue;
            };
            match m.category {
                MenteeCategory::Pupil => match m.person.age_on(p.as_of) {
                    Some(age) if in_range(age, mentee_ages) => r.pupil_mentees.add(u.form, *id),
                    Some(_) => {}
                    None => {
                        r.no_birth_date.insert(PersonRef::Mentee(*id));
                    }
                },
                MenteeCategory::YoungSpecialist | MenteeCategory::Teacher
                    if is_young_teacher(m) =>
                {
                    r.young_teachers.add(u.form, *id)
                }
                _ => {}
            }
        }
        for id in &u.mentors {
            let Some(m) = ds.mentors.get(id) else {
                continue;
            };
            if m.category == MentorCategory::Pupil {
                match m.person.age_on(p.as_of) {
                    Some(age) if in_range(age, mentor_ages) => r.pupil_mentors.add(u.form, *id),
                    Some(_) => {}
                    None => {
                        r.no_birth_date.insert(PersonRef::Mentor(*id));
                    }
                }
            }
            if let Some(partner) = m.partner_id.filter(|pid| ds.partners.contains_key(pid)) {
                r.enterprises.add(u.form, partner);
            }
        }
    }
    r
}

/// A young teacher (молодой специалист): 0–3 full years of experience on
/// entering; a young specialist with no experience recorded counts too.
pub fn is_young_teacher(m: &Mentee) -> bool {
    match (m.category, m.person.experience_years) {
        (MenteeCategory::YoungSpecialist | MenteeCategory::Teacher, Some(y)) => y <= 3,
        (MenteeCategory::YoungSpecialist, None) => true,
        _ => false,
    }
}

/// The columns: the four standard forms, then any other form that has
/// pairs in the period.
pub fn columns(reach: &Reach) -> Vec<Form> {
    let mut forms = STANDARD_FORMS.to_vec();
    forms.extend(
        Form::ALL
            .iter()
            .filter(|f| !STANDARD_FORMS.contains(f) && reach.forms.contains(f)),
    );
    forms
}

pub fn report(ds: &Dataset, p: &Params) -> Report {
    let r = reach(ds, p, (10, 18), (15, 18));
    let forms = columns(&r);
    let mut columns = vec![p.pick("Наименование показателя", "Indicator").to_string()];
    columns.extend(forms.iter().map(|f| capitalised(f.label(p.lang))));
    columns.push(p.pick("Всего", "Total").into());
    let mut table = Table::new(columns);
    table.tsv_first_column = Some("indicator".into());
    table.group = Some((
        p.pick("Форма наставничества", "Form of mentoring").into(),
        1,
        forms.len(),
    ));
    let rows: [(&str, &str, &Row); 4] = [
        (
            "Число учащихся в возрасте от 10 до 18 лет, вошедших в программу наставничества в роли наставляемого",
            "Pupils aged 10–18 in the program as mentees",
            &r.pupil_mentees,
        ),
        (
            "Число учащихся в возрасте от 15 до 18 лет, вошедших в программу наставничества в роли наставника",
            "Pupils aged 15–18 in the program as mentors",
            &r.pupil_mentors,
        ),
        (
            "Число учителей – молодых специалистов (с опытом работы от 0 до 3 лет), вошедших в программу наставничества в роли наставляемого",
            "Young teachers (0–3 years of experience) in the program as mentees",
            &r.young_teachers,
        ),
        (
            "Количество предприятий (организаций), вошедших в программу наставничества, предоставив своих наставников (при наличии)",
            "Enterprises (organisations) that provided mentors (if any)",
            &r.enterprises,
        ),
    ];
    for (ru, en, row) in rows {
        let mut cells = vec![Cell::text(p.pick(ru, en))];
        cells.extend(forms.iter().map(|f| Cell::Int(row.count(*f))));
        cells.push(Cell::Int(row.total.len() as u64));
        table.rows.push(cells);
    }
    let mut report = Report {
        title: p
            .pick(
                "Информация о численности обучающихся, педагогических работников (молодых специалистов), охваченных программой наставничества в рамках реализации целевой модели наставничества",
                "Number of pupils and young teachers covered by the mentoring program (target model of mentoring)",
            )
            .into(),
        ..Report::default()
    };
    report.table(None, table);
    // Across schools, the same figures per school (their sum can exceed the
    // total only where a person or enterprise is in two schools).
    let orgs: Vec<&Organisation> = ds.orgs.values().filter(|o| !o.archived).collect();
    if p.org.is_none() && orgs.len() > 1 {
        let mut by_org = Table::new(vec![
            p.pick("Организация", "Organisation").into(),
            p.pick("Наставляемые 10–18", "Mentees 10–18").into(),
            p.pick("Наставники 15–18", "Mentors 15–18").into(),
            p.pick("Молодые специалисты", "Young teachers").into(),
            p.pick("Предприятия", "Enterprises").into(),
        ]);
        for o in orgs {
            let one = Params {
                org: Some(o.id),
                ..p.clone()
            };
            let r = reach(ds, &one, (10, 18), (15, 18));
            by_org.rows.push(vec![
                Cell::text(o.name.clone()),
                Cell::Int(r.pupil_mentees.total.len() as u64),
                Cell::Int(r.pupil_mentors.total.len() as u64),
                Cell::Int(r.young_teachers.total.len() as u64),
                Cell::Int(r.enterprises.total.len() as u64),
            ]);
        }
        report.table(
            Some(
                p.pick(
                    "По организациям (графа «Всего»)",
                    "By organisation (the «Total» column)",
                )
                .into(),
            ),
            by_org,
        );
    }
    report.rules = rules(p, &r);
    let org = p.org.and_then(|id| ds.orgs.get(&id));
    let (name, phone) = org
        .map(|o| (o.curator.as_str(), o.curator_phone.as_str()))
        .unwrap_or_default();
    let blank = "__________";
    report.footer.push(format!(
        "{}: {} {} {} {}",
        p.pick(
            "Ответственный за реализацию программы в ОУ",
            "Responsible for the program"
        ),
        p.pick("ФИО:", "name:"),
        if name.is_empty() { blank } else { name },
        p.pick("тел.:", "phone:"),
        super::model::unbroken(if phone.is_empty() { blank } else { phone }),
    ));
    report
}

fn rules(p: &Params, r: &Reach) -> Vec<String> {
    let as_of = format_date(p.as_of);
    let mut rules = vec![period_rule(p)];
    rules.push(crate::tr!(p.lang, "Человек учитывается в графе формы, если состоит хотя бы в одной такой паре или группе; «Всего» — число разных людей (организаций), поэтому оно может быть меньше суммы граф. Возраст — полных лет на {as_of}.", "A person counts in a form's column if they are in at least one such pair or group; «Total» counts distinct people (organisations), so it can be less than the sum. Age in full years on {as_of}."));
    rules.push(
        p.pick(
            "Молодой специалист — наставляемый-педагог со стажем от 0 до 3 полных лет на дату вхождения в программу (молодой специалист без указанного стажа учитывается).",
            "A young teacher: a teacher mentee with 0 to 3 full years of experience on entering (a young specialist with no experience recorded counts).",
        )
        .into(),
    );
    rules.push(
        p.pick(
            "Предприятие (организация) учитывается, если его сотрудник или студент — наставник в учтённой паре или группе: колледж или вуз наставника-студента входит в число предприятий (организаций), предоставивших наставников.",
            "An enterprise (organisation) counts if one of its employees or students mentors in a counted pair or group: a student mentor's college or university is among the organisations that provided mentors.",
        )
        .into(),
    );
    rules.push(
        p.pick(
            "Участник, переведённый в архив (выбывший), учитывается, если состоял в учтённой паре или группе в периоде.",
            "A participant now in the archive (who has left) counts if they were in a counted pair or group in the period.",
        )
        .into(),
    );
    if !r.no_birth_date.is_empty() {
        rules.push(crate::tr!(
            p.lang,
            "Не учтены обучающиеся без даты рождения: {}.",
            "Pupils without a birth date, not counted: {}.",
            r.no_birth_date.len()
        ));
    }
    rules
}

/// «Ученик – ученик», as the district's form writes the column.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
