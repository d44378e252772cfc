//! Matching 2,000 mentees to 500 mentors with capacities 1–5 (the target:
//! under 2 seconds). Run: `cargo bench --bench matching`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use nastavnik::domain::*;
use nastavnik::matching::{propose, Options};
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
        date: NaiveDate::from_ymd_opt(2024, 9, 1).unwrap(),
        by_guardian: true,
    })
}

pub fn instance(mentees: u64, mentors: u64) -> Dataset {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
    let mut ds = Dataset::default();
    let cats = [
        MentorCategory::Teacher,
        MentorCategory::Employer,
        MentorCategory::Student,
        MentorCategory::Pupil,
    ];
    for id in 1..=mentors {
        let category = *cats.choose(&mut rng).unwrap();
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

fn bench(c: &mut Criterion) {
    let ds = instance(2_000, 500);
    let opts = Options {
        min_score: 20,
        as_of: NaiveDate::from_ymd_opt(2024, 10, 1).unwrap(),
        ..Options::default()
    };
    let p = propose(&ds, &opts);
    eprintln!("2000x500: matched {}, score sum {}", p.matched, p.score_sum);
    let mut group = c.benchmark_group("matching");
    group.sample_size(10);
    group.bench_function("candidates_2000x500", |b| {
        b.iter(|| nastavnik::matching::candidates(&ds, &opts).len())
    });
    group.bench_function("propose_2000x500", |b| {
        b.iter(|| propose(&ds, &opts).matched)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
