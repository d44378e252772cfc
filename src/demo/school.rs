//! One synthetic school: organisation, partners, programs, people, pairs,
//! meetings and questionnaire answers, all of them valid by the rules.

use super::names::{full_name, guardian_of, phone};
use crate::domain::dates::academic_year_of;
use crate::domain::*;
use crate::surveys::builtin;
use chrono::{Datelike, Duration, NaiveDate};
use rand::seq::IndexedRandom;
use rand::Rng;

pub struct Size {
    /// Units per form, in [`Form::ALL`] order.
    pub units: [u32; 7],
    pub spare_mentors: u32,
    pub spare_mentees: u32,
    pub pupils: u32,
    pub teachers: u32,
    /// Days between working meetings.
    pub rhythm: (i64, i64),
    /// How far back pairs may have started, in days before the reference date.
    pub history_days: i64,
    /// How long ago an active pair may have started (two-year programs in a district).
    pub active_days: i64,
}

impl Size {
    pub const SCHOOL: Size = Size {
        units: [18, 6, 6, 6, 8, 1, 2],
        spare_mentors: 8,
        spare_mentees: 20,
        pupils: 600,
        teachers: 60,
        rhythm: (7, 14),
        history_days: 400,
        active_days: 300,
    };
    pub const DISTRICT_SCHOOL: Size = Size {
        units: [42, 14, 14, 14, 20, 3, 5],
        spare_mentors: 20,
        spare_mentees: 50,
        pupils: 800,
        teachers: 70,
        rhythm: (4, 6),
        history_days: 700,
        active_days: 700,
    };
}

const PARTNERS: &[(&str, PartnerKind)] = &[
    ("АО «Энергосбыт»", PartnerKind::Enterprise),
    ("ООО «Агрохолдинг Заря»", PartnerKind::Enterprise),
    ("Районная больница", PartnerKind::Enterprise),
    ("ООО «Техносервис»", PartnerKind::Enterprise),
    ("Педагогический колледж", PartnerKind::College),
    ("Аграрный университет", PartnerKind::University),
    ("Дом культуры «Юбилейный»", PartnerKind::CultureSport),
];

const SUBJECTS: &[&str] = &[
    "математика",
    "русский язык",
    "физика",
    "химия",
    "биология",
    "история",
    "обществознание",
    "английский язык",
    "информатика",
    "литература",
    "география",
];

const SKILLS: &[&str] = &[
    "подготовка к ОГЭ",
    "подготовка к ЕГЭ",
    "проектная деятельность",
    "олимпиады",
    "публичные выступления",
    "тайм-менеджмент",
    "профориентация",
    "цифровые навыки",
    "адаптация в коллективе",
    "волонтёрство",
    "спорт",
    "робототехника",
    "финансовая грамотность",
    "классное руководство",
    "работа с родителями",
    "методика урока",
    "дисциплина на уроке",
    "оценивание",
    "программирование",
    "исследовательская работа",
];

const INTERESTS: &[&str] = &[
    "футбол",
    "шахматы",
    "музыка",
    "рисование",
    "чтение",
    "театр",
    "туризм",
    "фотография",
    "компьютерные игры",
    "танцы",
    "кулинария",
    "кино",
    "волейбол",
    "краеведение",
];

const POSITIONS: &[&str] = &[
    "инженер",
    "агроном",
    "врач",
    "программист",
    "экономист",
    "механик",
    "бухгалтер",
];

const TEXT_ANSWERS: &[&str] = &[
    "Понравились встречи и помощь с задачами.",
    "Стал увереннее отвечать у доски.",
    "Хотелось бы больше практики.",
    "Не хватало времени на встречи.",
    "Полезные советы по подготовке к экзаменам.",
    "Интересные проекты и общение.",
    "",
];

pub struct Builder<'a> {
    ds: &'a mut Dataset,
    as_of: NaiveDate,
}

fn pick<'a, R: Rng>(rng: &mut R, pool: &'a [&'a str], n: usize) -> Vec<String> {
    pool.choose_multiple(rng, n)
        .map(|s| s.to_string())
        .collect()
}

fn next_id<T>(map: &std::collections::BTreeMap<Id, T>) -> Id {
    map.keys().next_back().copied().unwrap_or(0) + 1
}

impl<'a> Builder<'a> {
    pub fn new(ds: &'a mut Dataset, as_of: NaiveDate) -> Self {
        Builder { ds, as_of }
    }

    pub fn add_templates(&mut self) {
        for mut t in builtin::templates() {
            t.id = next_id(&self.ds.templates);
            self.ds.templates.insert(t.id, t);
        }
    }

    fn template_id(&self, key: &str) -> Id {
        self.ds
            .templates
            .values()
            .find(|t| t.builtin_key.as_deref() == Some(key))
            .map(|t| t.id)
            .unwrap_or(0)
    }

    pub fn add_school<R: Rng>(&mut self, rng: &mut R, n: u32, size: &Size) {
        let year = academic_year_of(self.as_of).0.year();
        let org_id = next_id(&self.ds.orgs);
        let targets = (year - 1..=year + 1)
            .map(|y| YearTargets {
                year: y.to_string(),
                mentees_10_19_pct: Some(30.0 + 10.0 * f64::from(y - year + 1)),
                mentors_15_19_pct: Some(5.0 + 5.0 * f64::from(y - year + 1)),
                young_teachers_pct: Some(70.0 + 10.0 * f64::from(y - year + 1)),
                enterprises_pct: Some(10.0 + 5.0 * f64::from(y - year + 1)),
                mentee_satisfaction_pct: Some(75.0 + 5.0 * f64::from(y - year + 1)),
                mentor_satisfaction_pct: Some(75.0 + 5.0 * f64::from(y - year + 1)),
            })
            .collect();
        self.ds.orgs.insert(
            org_id,
            Organisation {
                id: org_id,
                name: format!("МБОУ «СОШ № {}»", n + 1),
                registered_name: format!(
                    "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № {}»",
                    n + 1
                ),
                municipality: "Светлоярский муниципальный округ".into(),
                director: director_of(u64::from(n)),
                curator: full_name(rng),
                curator_phone: phone(rng),
                academic_year: format!("{}/{}", year, year + 1),
                is_default: n == 0,
                totals: Totals {
                    pupils: Some(size.pupils),
                    pupils_10_19: Some(size.pupils * 62 / 100),
                    pupils_15_19: Some(size.pupils * 22 / 100),
                    young_teachers: Some(size.teachers / 5),
                    enterprises: Some(40),
                },
                targets,
                ..Organisation::default()
            },
        );
        let partners: Vec<Id> = PARTNERS
            .iter()
            .map(|(name, kind)| {
                let id = next_id(&self.ds.partners);
                self.ds.partners.insert(
                    id,
                    Partner {
                        id,
                        org_id,
                        name: name.to_string(),
                        kind: *kind,
                        contacts: phone(rng),
                        ..Partner::default()
                    },
                );
                id
            })
            .collect();
        for (form, count) in Form::ALL.iter().zip(size.units) {
            let program = self.add_program(org_id, *form, year);
            for _ in 0..count {
                self.add_unit(rng, org_id, *form, program, &partners, size);
            }
        }
        for _ in 0..size.spare_mentors {
            let form = *Form::ALL[..4].choose(rng).expect("non-empty");
            let joined = self.as_of - Duration::days(rng.random_range(5..60));
            let m = self.make_mentor(rng, org_id, form, joined, 2, &partners, None);
            self.ds.mentors.insert(m.id, m);
        }
        for _ in 0..size.spare_mentees {
            let form = *Form::ALL[..4].choose(rng).expect("non-empty");
            let joined = self.as_of - Duration::days(rng.random_range(5..60));
            let m = self.make_mentee(rng, org_id, form, joined, None, true);
            self.ds.mentees.insert(m.id, m);
        }
        for mut item in super::roadmap::items(org_id, year, self.as_of) {
            item.id = next_id(&self.ds.roadmap);
            self.ds.roadmap.insert(item.id, item);
        }
        super::documents::add_school_documents(self.ds, org_id, year, n);
    }

    fn add_program(&mut self, org_id: Id, form: Form, year: i32) -> Id {
        let id = next_id(&self.ds.programs);
        let start = NaiveDate::from_ymd_opt(year - 1, 9, 1).expect("valid");
        self.ds.programs.insert(
            id,
            Program {
                id,
                org_id,
                name: format!("Программа наставничества «{}»", form.label(crate::i18n::Lang::Ru)),
                form: Some(form),
                kind: Some(if form == Form::EmployerPupil { MentoringKind::Group } else { MentoringKind::Traditional }),
                goals: "раскрытие потенциала каждого участника, адаптация, профессиональное самоопределение".into(),
                start: Some(start),
                end: NaiveDate::from_ymd_opt(year + 1, 5, 31),
                planned_results: "рост успеваемости и мотивации, снижение числа конфликтов".into(),
                ..Program::default()
            },
        );
        id
    }

    fn add_unit<R: Rng>(
        &mut self,
        rng: &mut R,
        org_id: Id,
        form: Form,
        program: Id,
        partners: &[Id],
        size: &Size,
    ) {
        let roll: f64 = rng.random();
        let status = match roll {
            r if r < 0.68 => UnitStatus::Active,
            r if r < 0.88 => UnitStatus::Completed,
            r if r < 0.95 => UnitStatus::Forming,
            _ => UnitStatus::Terminated,
        };
        let (start, end) = match status {
            UnitStatus::Active => (
                self.as_of - Duration::days(rng.random_range(20..size.active_days)),
                None,
            ),
            UnitStatus::Forming => (self.as_of - Duration::days(rng.random_range(1..20)), None),
            _ => {
                let start =
                    self.as_of - Duration::days(rng.random_range(250..size.history_days.max(260)));
                (
                    start,
                    Some(
                        (start + Duration::days(rng.random_range(150..240)))
                            .min(self.as_of - Duration::days(3)),
                    ),
                )
            }
        };
        let group = form == Form::EmployerPupil || rng.random_bool(0.3);
        let n_mentees = if group { rng.random_range(2..=3) } else { 1 };
        let with_consent = status != UnitStatus::Forming || rng.random_bool(0.5);
        let mentor = self.make_mentor(
            rng,
            org_id,
            form,
            start,
            n_mentees,
            partners,
            Some(with_consent),
        );
        let mentor_grade = mentor.person.grade.as_ref().map(|g| g.year);
        let mentee_ids: Vec<Id> = (0..n_mentees)
            .map(|_| {
                let m = self.make_mentee(rng, org_id, form, start, mentor_grade, with_consent);
                let id = m.id;
                self.ds.mentees.insert(id, m);
                id
            })
            .collect();
        let mentor_id = mentor.id;
        self.ds.mentors.insert(mentor_id, mentor);
        let id = next_id(&self.ds.units);
        let role_model = form
            .role_models()
            .choose(rng)
            .map(|s| s.to_string())
            .unwrap_or_default();
        let unit = Unit {
            id,
            org_id,
            mentors: vec![mentor_id],
            mentees: mentee_ids,
            form,
            role_model,
            kind: Some(if group {
                MentoringKind::Group
            } else {
                MentoringKind::Traditional
            }),
            program_id: Some(program),
            start: Some(start),
            order_no: if status == UnitStatus::Forming {
                String::new()
            } else {
                format!("{}-н", 10 + id % 90)
            },
            order_date: (status != UnitStatus::Forming).then_some(start),
            // An active pair is planned to run past today; two-year programs
            // in a district started long ago are planned that long.
            planned_end: Some(match status {
                UnitStatus::Active => (start + Duration::days(270))
                    .max(self.as_of + Duration::days(rng.random_range(30..200))),
                _ => start + Duration::days(270),
            }),
            place: "учебный кабинет".into(),
            status,
            end,
            end_reason: if status == UnitStatus::Terminated {
                "смена школы наставляемым".into()
            } else {
                String::new()
            },
            result: if status == UnitStatus::Completed {
                "цели достигнуты, отметки улучшились".into()
            } else {
                String::new()
            },
            ..Unit::default()
        };
        let mut unit = unit;
        labour_terms(&mut unit);
        if status != UnitStatus::Forming {
            self.add_meetings(rng, &unit, size);
            self.add_responses(rng, &unit);
        }
        self.ds.units.insert(id, unit);
    }

    /// Birth date for someone who is `age` on `on`, anywhere in that year of life.
    fn born<R: Rng>(rng: &mut R, on: NaiveDate, age: i32) -> NaiveDate {
        let latest = on
            .with_year(on.year() - age)
            .unwrap_or(on - Duration::days(365 * age as i64));
        latest - Duration::days(rng.random_range(0..360))
    }

    /// A pupil in `grade` on `on`: aged grade + 5 at the start of that school year.
    fn pupil<R: Rng>(rng: &mut R, on: NaiveDate, grade: u8) -> (NaiveDate, Grade) {
        let sept = academic_year_of(on).0;
        let birth = Self::born(rng, sept, i32::from(grade) + 5);
        let letter = ["А", "Б", "В"].choose(rng).expect("non-empty").to_string();
        (
            birth,
            Grade {
                year: grade,
                letter,
            },
        )
    }

    fn consent<R: Rng>(rng: &mut R, p: &Person, joined: NaiveDate) -> Consent {
        let date = joined - Duration::days(rng.random_range(0..7));
        Consent {
            date,
            by_guardian: p.is_minor_on(date),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn make_mentor<R: Rng>(
        &mut self,
        rng: &mut R,
        org_id: Id,
        form: Form,
        joined: NaiveDate,
        mentees: usize,
        partners: &[Id],
        consent: Option<bool>,
    ) -> Mentor {
        let id = next_id(&self.ds.mentors);
        let category = form.mentor_categories()[0];
        let mut person = Person {
            full_name: full_name(rng),
            contacts: phone(rng),
            interests: pick(rng, INTERESTS, 2),
            subjects: pick(rng, SUBJECTS, 1),
            forms: vec![form],
            joined: Some(joined),
            ..Person::default()
        };
        let mut partner_id = None;
        match category {
            MentorCategory::Pupil => {
                let (b, g) = {
                    let v = rng.random_range(9..=11);
                    Self::pupil(rng, joined, v)
                };
                person.birth_date = Some(b);
                person.grade = Some(g);
                person.guardian = guardian_of(&person.full_name, rng);
                person.workplace = "эта школа".into();
            }
            MentorCategory::Student => {
                person.birth_date = Some({
                    let v = rng.random_range(18..23);
                    Self::born(rng, joined, v)
                });
                person.workplace = "Педагогический колледж".into();
                person.position = format!("{} курс", rng.random_range(2..=4));
            }
            MentorCategory::Employer => {
                let p = *partners[..4].choose(rng).expect("non-empty");
                partner_id = Some(p);
                person.birth_date = Some({
                    let v = rng.random_range(25..55);
                    Self::born(rng, joined, v)
                });
                person.workplace = self.ds.partners[&p].name.clone();
                person.position = POSITIONS.choose(rng).expect("non-empty").to_string();
                person.experience_years = Some(rng.random_range(3..25));
            }
            MentorCategory::Head => {
                person.birth_date = Some({
                    let v = rng.random_range(40..60);
                    Self::born(rng, joined, v)
                });
                person.workplace = "эта школа".into();
                person.position = "директор".into();
                person.experience_years = Some(rng.random_range(15..35));
            }
            _ => {
                person.birth_date = Some({
                    let v = rng.random_range(30..62);
                    Self::born(rng, joined, v)
                });
                person.workplace = "эта школа".into();
                person.position = format!("учитель ({})", person.subjects[0]);
                person.experience_years = Some(rng.random_range(8..35));
            }
        }
        if consent.unwrap_or(true) {
            person.consent = Some(Self::consent(rng, &person, joined));
        }
        let lo = if category == MentorCategory::Pupil {
            10
        } else {
            10 + rng.random_range(0..3)
        };
        Mentor {
            id,
            org_id,
            person,
            category,
            partner_id,
            competencies: pick(rng, SKILLS, 3),
            capacity: (mentees as u32).max(rng.random_range(1..=3)),
            time_budget: Some(rng.random_range(2..=8)),
            preferred_age: (rng.random_bool(0.3)
                && form.mentee_categories()[0] == MenteeCategory::Pupil)
                .then_some(AgeRange {
                    min: lo.min(10),
                    max: 18,
                }),
            ..Mentor::default()
        }
    }

    fn make_mentee<R: Rng>(
        &mut self,
        rng: &mut R,
        org_id: Id,
        form: Form,
        joined: NaiveDate,
        mentor_grade: Option<u8>,
        consent: bool,
    ) -> Mentee {
        let id = next_id(&self.ds.mentees);
        let category = form.mentee_categories()[0];
        let mut person = Person {
            full_name: full_name(rng),
            interests: pick(rng, INTERESTS, 2),
            subjects: pick(rng, SUBJECTS, 1),
            forms: vec![form],
            joined: Some(joined),
            ..Person::default()
        };
        match category {
            MenteeCategory::Pupil => {
                let top = mentor_grade.map_or(11, |g| g - 1);
                let bottom = if form == Form::EmployerPupil { 8 } else { 5 };
                let (b, g) = {
                    let v = rng.random_range(bottom.min(top)..=top);
                    Self::pupil(rng, joined, v)
                };
                person.birth_date = Some(b);
                person.grade = Some(g);
                person.guardian = guardian_of(&person.full_name, rng);
                person.contacts = phone(rng);
                person.workplace = "эта школа".into();
            }
            MenteeCategory::YoungSpecialist | MenteeCategory::Teacher => {
                person.birth_date = Some({
                    let v = rng.random_range(22..28);
                    Self::born(rng, joined, v)
                });
                person.experience_years = Some(rng.random_range(0..=3));
                person.workplace = "эта школа".into();
                person.position = format!("учитель ({})", person.subjects[0]);
                person.contacts = phone(rng);
            }
            MenteeCategory::Student => {
                person.birth_date = Some({
                    let v = rng.random_range(19..23);
                    Self::born(rng, joined, v)
                });
                person.workplace = "Педагогический колледж".into();
                person.position = "студент-практикант".into();
                person.contacts = phone(rng);
            }
        }
        if consent {
            person.consent = Some(Self::consent(rng, &person, joined));
        }
        Mentee {
            id,
            org_id,
            person,
            category,
            request: pick(rng, SKILLS, 2),
            ..Mentee::default()
        }
    }

    fn add_meetings<R: Rng>(&mut self, rng: &mut R, unit: &Unit, size: &Size) {
        let Some(start) = unit.start else { return };
        let last = unit.end.unwrap_or(self.as_of);
        let attendees: Vec<PersonRef> = unit.people().collect();
        let mut date = start + Duration::days(rng.random_range(0..5));
        let mut n = 0;
        while date < last || (n == 0 && date <= last) {
            let kind = match n {
                0 => MeetingKind::Introduction,
                1 => MeetingKind::Trial,
                2 => MeetingKind::Planning,
                _ => MeetingKind::Working,
            };
            self.push_meeting(rng, unit, date, kind, &attendees);
            n += 1;
            date += Duration::days(rng.random_range(size.rhythm.0..=size.rhythm.1));
        }
        if unit.status == UnitStatus::Completed {
            if let Some(end) = unit.end {
                self.push_meeting(rng, unit, end, MeetingKind::Final, &attendees);
            }
        }
    }

    fn push_meeting<R: Rng>(
        &mut self,
        rng: &mut R,
        unit: &Unit,
        date: NaiveDate,
        kind: MeetingKind,
        who: &[PersonRef],
    ) {
        let id = next_id(&self.ds.meetings);
        // Feedback is missing now and then, and mostly for the latest
        // meetings: curators catch up on it later.
        let recent = (self.as_of - date).num_days() < 10;
        let missing = if recent { 0.3 } else { 0.003 };
        let feedback = if kind == MeetingKind::Working && rng.random_bool(missing) {
            Feedback::default()
        } else {
            Feedback {
                mentee_mark: Some(rng.random_range(3..=5)),
                mentor_mark: Some(rng.random_range(3..=5)),
                comment: String::new(),
            }
        };
        let topic = match kind {
            MeetingKind::Introduction => "Знакомство, ожидания сторон".to_string(),
            MeetingKind::Trial => "Пробная рабочая встреча".to_string(),
            MeetingKind::Planning => "План работы на год".to_string(),
            MeetingKind::Final => "Подведение итогов".to_string(),
            _ => pick(rng, SKILLS, 1).remove(0),
        };
        self.ds.meetings.insert(
            id,
            Meeting {
                id,
                org_id: unit.org_id,
                unit_id: unit.id,
                date,
                duration_min: Some(45),
                kind,
                format: if rng.random_bool(0.8) {
                    MeetingFormat::InPerson
                } else {
                    MeetingFormat::Remote
                },
                topic,
                attendees: who.to_vec(),
                feedback,
                ..Meeting::default()
            },
        );
    }

    fn add_responses<R: Rng>(&mut self, rng: &mut R, unit: &Unit) {
        let Some(start) = unit.start else { return };
        let people: Vec<PersonRef> = unit.people().collect();
        for who in people {
            let side = if matches!(who, PersonRef::Mentor(_)) {
                "mentor"
            } else {
                "mentee"
            };
            self.push_response(
                rng,
                unit,
                who,
                &format!("{side}_entry"),
                SurveyStage::Entry,
                start,
            );
            if let (UnitStatus::Completed, Some(end)) = (unit.status, unit.end) {
                self.push_response(
                    rng,
                    unit,
                    who,
                    &format!("{side}_exit"),
                    SurveyStage::Exit,
                    end,
                );
            }
        }
    }

    fn push_response<R: Rng>(
        &mut self,
        rng: &mut R,
        unit: &Unit,
        who: PersonRef,
        key: &str,
        stage: SurveyStage,
        date: NaiveDate,
    ) {
        let template_id = self.template_id(key);
        let Some(template) = self.ds.templates.get(&template_id) else {
            return;
        };
        let exit = stage == SurveyStage::Exit;
        let answers = template
            .questions
            .iter()
            .enumerate()
            .filter_map(|(i, q)| {
                let value = match &q.kind {
                    QuestionKind::Scale { .. } if q.satisfaction => {
                        AnswerValue::Scale(rng.random_range(6..=10))
                    }
                    QuestionKind::Scale { .. } if q.growth && exit => {
                        AnswerValue::Scale(rng.random_range(5..=10))
                    }
                    QuestionKind::Scale { .. } => AnswerValue::Scale(rng.random_range(3..=8)),
                    QuestionKind::Single { options } => {
                        AnswerValue::Choice(rng.random_range(0..options.len()))
                    }
                    QuestionKind::Multi { options } => {
                        AnswerValue::Choices(vec![rng.random_range(0..options.len())])
                    }
                    QuestionKind::YesNo => AnswerValue::YesNo(rng.random_bool(0.7)),
                    QuestionKind::Text => {
                        let t = TEXT_ANSWERS.choose(rng).expect("non-empty");
                        if t.is_empty() {
                            return None;
                        }
                        AnswerValue::Text(t.to_string())
                    }
                };
                Some(Answer { question: i, value })
            })
            .collect();
        let id = next_id(&self.ds.responses);
        self.ds.responses.insert(
            id,
            SurveyResponse {
                id,
                org_id: unit.org_id,
                template_id,
                respondent: who,
                unit_id: Some(unit.id),
                program_id: unit.program_id,
                stage,
                date,
                answers,
                ..SurveyResponse::default()
            },
        );
    }
}

/// An employees' pair keeps what ТК РФ ст. 351.8 asks (consent, agreement,
/// period, pay basis; a week's notice when it ended early), except every
/// seventh, whose agreement is not signed yet: the warning shows on the demo.
fn labour_terms(u: &mut Unit) {
    let Some(start) = u.start else {
        return;
    };
    if !crate::domain::labour::applies(u.form) || u.id.is_multiple_of(7) {
        return;
    }
    u.mentor_consent = Some(start - Duration::days(7));
    u.agreement_kind = Some(AgreementKind::Supplementary);
    u.agreement_no = format!("{}-дс", u.id);
    u.agreement_date = Some(start - Duration::days(3));
    u.agreement_from = Some(start);
    u.agreement_to = u.planned_end;
    u.pay_basis = Some(if u.form == Form::HeadTeacher {
        PayBasis::WithinDuties
    } else {
        PayBasis::Allowance
    });
    if u.status == UnitStatus::Terminated {
        u.notice_date = u.end.map(|e| e - Duration::days(7));
    }
}

/// A school's head, drawn apart from the main sequence so that adding them
/// changes nobody else's data.
fn director_of(n: u64) -> String {
    use rand::SeedableRng;
    full_name(&mut rand_chacha::ChaCha8Rng::seed_from_u64(0xD1EC_7000 + n))
}
