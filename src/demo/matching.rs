//! Synthetic matching problems of any size (the optimiser's benchmarks and
//! the test that the interface stays live while it runs): one school's
//! mentors of every category and mentees from two, with random tags,
//! capacities 1–5 and consent on file, as of 01.10.2024.

use crate::domain::*;
use chrono::NaiveDate;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

const TAGS: [&str; 24] = [
    "математика",
    "физика",
    "химия",
    "биология",
    "история",
    "ОГЭ",
    "ЕГЭ",
    "проекты",
    "олимпиады",
    "программирование",
    "робототехника",
    "чтение",
    "спорт",
    "музыка",
    "театр",
    "волонтёрство",
    "профориентация",
    "дисциплина",
    "методика урока",
    "классное руководство",
    "оценивание",
    "публичные выступления",
    "тайм-менеджмент",
    "английский язык",
];

fn tags(rng: &mut impl Rng, n: usize) -> Vec<String> {
    TAGS.choose_multiple(rng, n)
        .map(|s| s.to_string())
        .collect()
}

fn consent() -> Option<Consent> {
    Some(Consent {
        date: NaiveDate::from_ymd_opt(2024, 9, 1).unwrap_or_default(),
        by_guardian: true,
    })
}

/// `mentees` × `mentors`, the same for the same sizes (seeded).
pub fn matching_instance(mentees: u64, mentors: u64) -> Dataset {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
    let mut ds = Dataset::default();
    for id in 1..=2 {
        ds.orgs.insert(
            id,
            Organisation {
                id,
                name: format!("Школа № {id}"),
                ..Organisation::default()
            },
        );
    }
    ds.partners.insert(
        1,
        Partner {
            id: 1,
            org_id: 1,
            name: "ООО «Партнёр»".into(),
            ..Partner::default()
        },
    );
    let cats = [
        MentorCategory::Teacher,
        MentorCategory::Employer,
        MentorCategory::Student,
        MentorCategory::Pupil,
    ];
    for id in 1..=mentors {
        let category = cats
            .choose(&mut rng)
            .copied()
            .unwrap_or(MentorCategory::Teacher);
        let mut person = Person {
            full_name: format!("Наставник {id}"),
            consent: consent(),
            subjects: tags(&mut rng, 2),
            interests: tags(&mut rng, 3),
            ..Person::default()
        };
        if category == MentorCategory::Pupil {
            person.birth_date = NaiveDate::from_ymd_opt(2008, 1, 1);
            person.grade = Grade::parse("10А");
        }
        person.experience_years = Some(rng.random_range(0..20));
        ds.mentors.insert(
            id,
            Mentor {
                id,
                org_id: 1,
                person,
                category,
                partner_id: Some(1),
                competencies: tags(&mut rng, 4),
                capacity: rng.random_range(1..=5),
                time_budget: Some(rng.random_range(1..8)),
                ..Mentor::default()
            },
        );
    }
    for id in 1..=mentees {
        let teacher = rng.random_bool(0.2);
        let mut person = Person {
            full_name: format!("Наставляемый {id}"),
            consent: consent(),
            subjects: tags(&mut rng, 2),
            interests: tags(&mut rng, 3),
            ..Person::default()
        };
        if !teacher {
            person.birth_date = NaiveDate::from_ymd_opt(2012, 1, 1);
            person.grade = Grade::parse("7Б");
        }
        let category = if teacher {
            MenteeCategory::YoungSpecialist
        } else {
            MenteeCategory::Pupil
        };
        ds.mentees.insert(
            id,
            Mentee {
                id,
                org_id: 1 + id % 2,
                person,
                category,
                request: tags(&mut rng, 3),
                ..Mentee::default()
            },
        );
    }
    ds
}
