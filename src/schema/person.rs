//! The fields mentors and mentees share: the columns both official bases
//! have. `mentor.rs` and `mentee.rs` place them among their own.

use super::access::{date, date_value, opt_value, parsed};
use super::{Access, Choices, Ctx, FieldSpec, Kind, Problem, Value, L};
use crate::domain::{Consent, Dataset, Form, Grade, Id, Mentee, Mentor, Person};
use crate::text::split_tags;

/// The record this file declares the fields of (the macros name it `R`).
type R = Person;

/// A record that is a person.
pub trait HasPerson: 'static {
    fn person(&self) -> &Person;
    fn person_mut(&mut self) -> &mut Person;
}

impl HasPerson for Mentor {
    fn person(&self) -> &Person {
        &self.person
    }
    fn person_mut(&mut self) -> &mut Person {
        &mut self.person
    }
}

impl HasPerson for Mentee {
    fn person(&self) -> &Person {
        &self.person
    }
    fn person_mut(&mut self) -> &mut Person {
        &mut self.person
    }
}

/// A person's field as a field of the record that is the person.
pub const fn lift<R: HasPerson>(f: &'static FieldSpec<Person>) -> FieldSpec<R> {
    FieldSpec {
        key: f.key,
        label: f.label,
        short: f.short,
        blank: f.blank,
        headers: f.headers,
        kind: f.kind,
        required: f.required,
        in_form: f.in_form,
        access: Access::Person(R::person, R::person_mut, &f.access),
    }
}

pub static FULL_NAME: FieldSpec<Person> = text!(
    FullName,
    L("ФИО", "Full name"),
    ["ФИО", "full_name", "full name", "Фамилия Имя Отчество"],
    full_name
)
.required()
.short(L("ФИО", "Name"));

pub static BIRTH_DATE: FieldSpec<Person> = date!(
    BirthDate,
    L("Дата рождения", "Birth date"),
    ["Дата рождения", "birth_date", "Возраст/дата рождения"],
    birth_date
);

pub static GRADE: FieldSpec<Person> = FieldSpec::<R>::new(
    super::FieldKey::Grade,
    L("Класс", "Grade"),
    &["Класс", "grade", "Класс/группа"],
    Kind::Text,
    Access::Custom(
        |p, _| opt_value(p.grade.as_ref()),
        |p, v, _| {
            p.grade = parsed(
                &v.into_text(),
                Grade::parse,
                L(
                    "класс 1–11 с буквой, например 9А",
                    "a grade 1–11 with a letter, e.g. 9A",
                ),
            )?;
            Ok(())
        },
    ),
);

pub static EXPERIENCE: FieldSpec<Person> = number!(
    Experience,
    L("Стаж, лет", "Experience, years"),
    ["Стаж", "experience_years", "experience", "Стаж/курс"],
    experience_years
);

pub static WORKPLACE: FieldSpec<Person> = text!(
    Workplace,
    L("Место работы/учёбы", "Workplace"),
    [
        "Место работы/учебы",
        "workplace",
        "Место учебы/работы",
        "Место работы",
        "Место учебы"
    ],
    workplace
);

pub static POSITION: FieldSpec<Person> = text!(
    Position,
    L("Должность", "Position"),
    ["Должность", "position"],
    position
);

pub static CONTACTS: FieldSpec<Person> = text!(
    Contacts,
    L("Контакты", "Contacts"),
    ["Контакты", "contacts", "Контактные данные", "Телефон"],
    contacts
);

pub static GUARDIAN: FieldSpec<Person> = text!(
    Guardian,
    L("Законный представитель", "Legal guardian"),
    ["Законный представитель", "guardian"],
    guardian
);

pub static INTERESTS: FieldSpec<Person> = tags!(
    Interests,
    L("Интересы", "Interests"),
    ["Интересы", "interests"],
    interests
);

pub static SUBJECTS: FieldSpec<Person> = tags!(
    Subjects,
    L("Предметы", "Subjects"),
    ["Предметы", "subjects", "Предмет", "Предмет наставничества"],
    subjects
);

fn forms_value(p: &Person, ctx: &Ctx) -> Value {
    let labels: Vec<&str> = p.forms.iter().map(|f| f.label(ctx.lang)).collect();
    Value::Text(labels.join("; "))
}

/// Forms of mentoring, each named by its label in either language.
pub fn parse_forms(text: &str, ctx: &Ctx) -> Result<Vec<Form>, Problem> {
    let mut out = Vec::new();
    for tag in split_tags(text) {
        match Form::parse(&tag) {
            Some(f) if !out.contains(&f) => out.push(f),
            Some(_) => {}
            None => {
                return Err(Problem::UnknownChoice {
                    value: tag,
                    choices: Form::choices(ctx.lang),
                })
            }
        }
    }
    Ok(out)
}

fn set_forms(p: &mut Person, v: Value, ctx: &Ctx) -> Result<(), Problem> {
    p.forms = parse_forms(&v.into_text(), ctx)?;
    Ok(())
}

/// The forms a mentor takes part in.
pub static FORMS_OFFERED: FieldSpec<Person> = FieldSpec::<R>::new(
    super::FieldKey::Forms,
    L("Формы наставничества", "Forms"),
    &[
        "Формы наставничества",
        "forms",
        "Форма наставничества",
        "Формы",
    ],
    Kind::Tags,
    Access::Custom(forms_value, set_forms),
);

/// The forms a mentee wishes.
pub static FORMS_WISHED: FieldSpec<Person> = FieldSpec::<R>::new(
    super::FieldKey::Forms,
    L("Формы наставничества", "Forms"),
    &[
        "Желаемая форма",
        "forms",
        "Форма наставничества",
        "Формы наставничества",
    ],
    Kind::Tags,
    Access::Custom(forms_value, set_forms),
);

pub static CONSENT: FieldSpec<Person> = FieldSpec::<R>::new(
    super::FieldKey::Consent,
    L("Согласие (дата)", "Consent (date)"),
    &["Согласие", "consent"],
    Kind::Date,
    Access::Custom(
        |p, _| date_value(p.consent.as_ref().map(|c| c.date)),
        |p, v, _| {
            let by_guardian = p.consent.as_ref().is_some_and(|c| c.by_guardian);
            p.consent = date(&v.into_text())?.map(|date| Consent { date, by_guardian });
            Ok(())
        },
    ),
)
.short(L("Согл.", "Cons."))
.blank(L("нет", "none"));

/// Given by the legal representative; files carry only the date (a minor's
/// dated consent is the representative's, see the import).
pub static CONSENT_BY_GUARDIAN: FieldSpec<Person> = FieldSpec::<R>::new(
    super::FieldKey::ConsentByGuardian,
    L("…дано представителем", "…by the guardian"),
    &[],
    Kind::Choice(Choices::YES_NO),
    Access::Custom(
        |p, _| {
            Value::Choice(usize::from(
                p.consent.as_ref().is_some_and(|c| c.by_guardian),
            ))
        },
        |p, v, _| {
            if let (Some(c), Value::Choice(i)) = (&mut p.consent, v) {
                c.by_guardian = i == 1;
            }
            Ok(())
        },
    ),
);

pub static JOINED: FieldSpec<Person> = date!(
    Joined,
    L("Дата вхождения", "Joined"),
    ["Дата вхождения", "joined", "Дата вхождения в программу"],
    joined
);

pub static NOTES: FieldSpec<Person> = multi!(Notes, L("Заметки", "Notes"), [], notes);

/// People of the other side as a form and a file write them: the name
/// alone where it names one live person, with `#id` where it does not (a
/// namesake, the archive), so that reading it back finds the same people.
pub fn people_text(
    ids: &[crate::domain::Id],
    others: &[(crate::domain::Id, &Person, bool)],
) -> Value {
    let key = |p: &Person| crate::text::fold(&crate::text::sanitize_line(&p.full_name));
    let parts: Vec<String> = ids
        .iter()
        .map(|id| match others.iter().find(|(i, _, _)| i == id) {
            Some((_, p, archived)) => {
                let namesakes = others.iter().filter(|(_, o, _)| key(o) == key(p)).count();
                match !archived && namesakes == 1 {
                    true => p.full_name.clone(),
                    false => format!("{} #{id}", p.full_name),
                }
            }
            None => format!("#{id}"),
        })
        .collect();
    Value::Text(parts.join("; "))
}

/// The wished people: `#id`, or a full name that names exactly one live
/// record of `people` (id, person, archived).
pub fn parse_wishes<'a>(
    text: &str,
    people: impl Iterator<Item = (crate::domain::Id, &'a Person, bool)> + Clone,
) -> Result<Vec<crate::domain::Id>, Problem> {
    let mut out = Vec::new();
    for tag in split_tags(text) {
        let by_id = tag
            .rsplit_once('#')
            .and_then(|(_, n)| n.trim().parse::<crate::domain::Id>().ok());
        let found: Vec<crate::domain::Id> = match by_id {
            Some(id) => people
                .clone()
                .filter(|(i, _, _)| *i == id)
                .map(|(i, _, _)| i)
                .collect(),
            None => people
                .clone()
                .filter(|(_, p, archived)| {
                    !archived
                        && crate::text::fold(&crate::text::sanitize_line(&p.full_name))
                            == crate::text::fold(&tag)
                })
                .map(|(i, _, _)| i)
                .collect(),
        };
        match found.as_slice() {
            [id] => out.push(*id),
            [] => return Err(Problem::NoSuchPerson(tag)),
            _ => return Err(Problem::Ambiguous(tag)),
        }
    }
    out.dedup();
    Ok(out)
}

/// A person whose wishes name people of the other side of a pair.
pub trait Wishing: HasPerson {
    /// The other side: (id, person, archived).
    fn others(ds: &Dataset) -> Vec<(Id, &Person, bool)>;
}

impl Wishing for Mentor {
    fn others(ds: &Dataset) -> Vec<(Id, &Person, bool)> {
        ds.mentees
            .values()
            .map(|e| (e.id, &e.person, e.archived))
            .collect()
    }
}

impl Wishing for Mentee {
    fn others(ds: &Dataset) -> Vec<(Id, &Person, bool)> {
        ds.mentors
            .values()
            .map(|e| (e.id, &e.person, e.archived))
            .collect()
    }
}

fn wishes_get<R: Wishing>(r: &R, ctx: &Ctx) -> Value {
    people_text(&r.person().wishes, &R::others(ctx.ds))
}

fn wishes_set<R: Wishing>(r: &mut R, v: Value, ctx: &Ctx) -> Result<(), Problem> {
    let others = R::others(ctx.ds);
    r.person_mut().wishes = parse_wishes(&v.into_text(), others.into_iter())?;
    Ok(())
}

/// «Пожелания»: the people of the other side this person would prefer,
/// exchanged in files under `headers` (none: not exchanged).
pub const fn wishes<R: Wishing>(headers: &'static [&'static str]) -> FieldSpec<R> {
    FieldSpec::new(
        super::FieldKey::Wishes,
        L("Пожелания (ФИО или #id)", "Wishes (name or #id)"),
        headers,
        Kind::Tags,
        Access::Custom(wishes_get::<R>, wishes_set::<R>),
    )
}
