//! The matching engine: optimal against brute force, capacities, locks,
//! every hard rule, and explanations that add up.

mod common;
use common::*;
use nastavnik::domain::*;
use nastavnik::matching::rules::Reason;
use nastavnik::matching::score::Weights;
use nastavnik::matching::{candidates, propose, why_not, Options};
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;

const TAGS: [&str; 6] = ["математика", "ОГЭ", "физика", "проекты", "чтение", "спорт"];

fn tags(rng: &mut impl Rng) -> Vec<String> {
    TAGS.iter()
        .filter(|_| rng.random_bool(0.35))
        .map(|t| t.to_string())
        .collect()
}

/// A random school: teachers and employers as mentors, young teachers and
/// pupils as mentees, varied tags, capacities 1–3.
fn random_instance(seed: u64) -> (Dataset, Options) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut ds = Dataset::default();
    for id in 1..=rng.random_range(1..=4u64) {
        let mut m = teacher(id, &format!("Наставник {id}"));
        if rng.random_bool(0.4) {
            m.category = MentorCategory::Employer;
            m.partner_id = Some(1);
        }
        m.capacity = rng.random_range(1..=3);
        m.competencies = tags(&mut rng);
        m.person.subjects = tags(&mut rng);
        m.person.experience_years = Some(rng.random_range(0..15));
        ds.mentors.insert(id, m);
    }
    for id in 1..=rng.random_range(1..=7u64) {
        let mut e = if rng.random_bool(0.5) {
            young_teacher(id, &format!("Наставляемый {id}"))
        } else {
            pupil_mentee(
                id,
                &format!("Наставляемый {id}"),
                d(2010, 1, 1),
                8,
                d(2024, 9, 1),
            )
        };
        e.request = tags(&mut rng);
        e.person.subjects = tags(&mut rng);
        ds.mentees.insert(id, e);
    }
    let opts = Options {
        min_score: rng.random_range(0..30),
        as_of: d(2024, 10, 1),
        ..Options::default()
    };
    (ds, opts)
}

/// The best (matched, score sum) by trying every assignment.
fn brute_force(ds: &Dataset, opts: &Options) -> (usize, u32) {
    let cands: Vec<_> = candidates(ds, opts)
        .into_iter()
        .filter(|c| c.score >= opts.min_score)
        .collect();
    let mentees: Vec<Id> = ds.mentees.keys().copied().collect();
    let mut places: BTreeMap<Id, u32> = ds.mentors.values().map(|m| (m.id, m.capacity)).collect();
    fn go(
        i: usize,
        mentees: &[Id],
        cands: &[nastavnik::matching::Candidate],
        places: &mut BTreeMap<Id, u32>,
    ) -> (usize, u32) {
        if i == mentees.len() {
            return (0, 0);
        }
        let mut best = go(i + 1, mentees, cands, places);
        for c in cands.iter().filter(|c| c.mentee == mentees[i]) {
            if places[&c.mentor] > 0 {
                *places.get_mut(&c.mentor).unwrap() -= 1;
                let (n, s) = go(i + 1, mentees, cands, places);
                *places.get_mut(&c.mentor).unwrap() += 1;
                best = best.max((n + 1, s + c.score));
            }
        }
        best
    }
    go(0, &mentees, &cands, &mut places)
}

#[test]
fn the_assignment_is_optimal_on_random_instances() {
    for seed in 0..400 {
        let (ds, opts) = random_instance(seed);
        let p = propose(&ds, &opts);
        assert_eq!(
            (p.matched, p.score_sum),
            brute_force(&ds, &opts),
            "seed {seed}"
        );
        let mut used: BTreeMap<Id, u32> = BTreeMap::new();
        for c in &p.pairs {
            *used.entry(c.mentor).or_default() += 1;
            assert!(c.score >= opts.min_score);
        }
        for (m, n) in used {
            assert!(
                n <= ds.mentors[&m].capacity,
                "seed {seed}: mentor {m} over capacity"
            );
        }
        let mentees: std::collections::BTreeSet<Id> = p.pairs.iter().map(|c| c.mentee).collect();
        assert_eq!(mentees.len(), p.pairs.len(), "a mentee at most once");
    }
}

#[test]
fn explanations_add_up_to_the_score() {
    for seed in 0..100 {
        let (ds, opts) = random_instance(seed);
        for c in candidates(&ds, &opts) {
            let words = nastavnik::matching::explain(&ds, &c, &opts.weights).unwrap();
            assert_eq!(
                words.parts.iter().map(|p| p.points).sum::<u32>(),
                words.total
            );
            assert_eq!(
                words.total, c.score,
                "the fast total and the explanation agree"
            );
            assert!(c.score <= 100);
        }
    }
    let mut ds = Dataset::default();
    let mut m = teacher(1, "Кузнецова");
    m.competencies = vec!["математика".into(), "ОГЭ".into()];
    m.person.experience_years = Some(12);
    m.time_budget = Some(8);
    let mut e = young_teacher(1, "Петров");
    e.request = vec!["Математика".into(), "ОГЭ".into()];
    ds.mentors.insert(1, m);
    ds.mentees.insert(1, e);
    let c = &candidates(
        &ds,
        &Options {
            as_of: d(2024, 10, 1),
            ..Options::default()
        },
    )[0];
    let text = nastavnik::matching::explain(&ds, c, &Weights::default())
        .unwrap()
        .explain(nastavnik::i18n::Lang::Ru);
    assert!(
        text.starts_with("запрос ↔ компетенции: Математика, ОГЭ — 40"),
        "{text}"
    );
    assert!(text.contains("стаж наставника: 10 лет — 10"), "{text}");
    assert_eq!(c.score, 40 + 5 + 10 + 5);
}

#[test]
fn locked_pairs_are_kept_even_when_not_optimal() {
    let mut ds = Dataset::default();
    let mut a = teacher(1, "А");
    a.competencies = vec!["ОГЭ".into()];
    ds.mentors.insert(1, a);
    ds.mentors.insert(2, teacher(2, "Б"));
    let mut e = young_teacher(1, "Е");
    e.request = vec!["ОГЭ".into()];
    ds.mentees.insert(1, e);
    ds.mentees.insert(2, young_teacher(2, "Ж"));
    let free = propose(
        &ds,
        &Options {
            as_of: d(2024, 10, 1),
            ..Options::default()
        },
    );
    assert!(free.pairs.iter().any(|c| c.mentee == 1 && c.mentor == 1));
    let locked = propose(
        &ds,
        &Options {
            as_of: d(2024, 10, 1),
            locked: vec![(1, 2)],
            ..Options::default()
        },
    );
    assert!(
        locked.pairs.iter().any(|c| c.mentee == 1 && c.mentor == 2),
        "the lock holds"
    );
    assert_eq!(locked.matched, 2);
}

#[test]
fn each_hard_rule_keeps_a_candidate_out() {
    let as_of = d(2024, 10, 1);
    let opts = Options {
        as_of,
        ..Options::default()
    };
    let base = || {
        let mut ds = Dataset::default();
        ds.mentors.insert(
            1,
            pupil_mentor(1, "Старший", d(2008, 1, 1), 10, d(2024, 9, 1)),
        );
        ds.mentees.insert(
            1,
            pupil_mentee(1, "Младший", d(2012, 1, 1), 6, d(2024, 9, 1)),
        );
        ds
    };
    assert!(why_not(&base(), 1, 1, &opts).is_empty());
    type Change = Box<dyn Fn(&mut Dataset)>;
    let cases: Vec<(Reason, Change)> = vec![
        (
            Reason::NoForm,
            Box::new(|ds| ds.mentees.get_mut(&1).unwrap().category = MenteeCategory::Teacher),
        ),
        (
            Reason::NoConsent,
            Box::new(|ds| ds.mentees.get_mut(&1).unwrap().person.consent = None),
        ),
        (
            Reason::NoConsent,
            Box::new(|ds| {
                ds.mentors
                    .get_mut(&1)
                    .unwrap()
                    .person
                    .consent
                    .as_mut()
                    .unwrap()
                    .by_guardian = false
            }),
        ),
        (
            Reason::NoPlacesLeft,
            Box::new(|ds| {
                ds.units.insert(
                    1,
                    Unit {
                        id: 1,
                        mentors: vec![1],
                        mentees: vec![7, 8],
                        status: UnitStatus::Active,
                        ..Unit::default()
                    },
                );
            }),
        ),
        (
            Reason::MentorNotOlder,
            Box::new(|ds| ds.mentors.get_mut(&1).unwrap().person.birth_date = Some(d(2013, 1, 1))),
        ),
        (
            Reason::GradeNotHigher,
            Box::new(|ds| ds.mentees.get_mut(&1).unwrap().person.grade = Grade::parse("10Б")),
        ),
        (
            Reason::OutsidePreferredAge,
            Box::new(|ds| {
                ds.mentors.get_mut(&1).unwrap().preferred_age = Some(AgeRange { min: 14, max: 17 })
            }),
        ),
        (
            Reason::Archived,
            Box::new(|ds| ds.mentors.get_mut(&1).unwrap().archived = true),
        ),
    ];
    for (reason, change) in cases {
        let mut ds = base();
        change(&mut ds);
        assert!(why_not(&ds, 1, 1, &opts).contains(&reason), "{reason:?}");
        assert!(propose(&ds, &opts).pairs.is_empty(), "{reason:?}");
    }
    let rejected = Options {
        rejected: vec![(1, 1)],
        ..Options {
            as_of,
            ..Options::default()
        }
    };
    assert_eq!(why_not(&base(), 1, 1, &rejected), vec![Reason::Rejected]);
    assert!(propose(&base(), &rejected).pairs.is_empty());
}

#[test]
fn unconsented_people_come_in_marked_only_when_asked() {
    let mut ds = Dataset::default();
    ds.mentors.insert(1, teacher(1, "У"));
    let mut e = young_teacher(1, "Без согласия");
    e.person.consent = None;
    ds.mentees.insert(1, e);
    let opts = Options {
        as_of: d(2024, 10, 1),
        ..Options::default()
    };
    assert!(candidates(&ds, &opts).is_empty());
    let with = candidates(
        &ds,
        &Options {
            include_unconsented: true,
            ..opts
        },
    );
    assert!(with[0].unconsented);
}

#[test]
fn the_random_instances_are_not_trivial() {
    let (mut contested, mut total_matched) = (0, 0);
    for seed in 0..400 {
        let (ds, opts) = random_instance(seed);
        let p = propose(&ds, &opts);
        total_matched += p.matched;
        let capacity: u32 = ds.mentors.values().map(|m| m.capacity).sum();
        contested += usize::from(ds.mentees.len() as u32 > capacity && p.matched > 1);
    }
    assert!(total_matched > 600, "{total_matched}");
    assert!(
        contested > 50,
        "instances where capacity binds: {contested}"
    );
}

/// A pair made although the pupil mentor is not older than the mentee (the
/// curator chose it after the warning) is flagged in status for as long as
/// the rule stays broken.
#[test]
fn a_pair_formed_against_a_rule_stays_flagged_while_the_rule_is_broken() {
    let joined = d(2024, 9, 1);
    let mut ds = Dataset::default();
    ds.orgs.insert(1, org("Школа"));
    let mut younger = pupil_mentor(1, "Младший Пётр", d(2011, 5, 1), 9, joined);
    younger.org_id = 1;
    let mut mentee = pupil_mentee(1, "Старшая Анна", d(2010, 1, 1), 7, joined);
    mentee.org_id = 1;
    ds.mentors.insert(1, younger);
    ds.mentees.insert(1, mentee);
    ds.units.insert(
        1,
        Unit {
            id: 1,
            org_id: 1,
            mentors: vec![1],
            mentees: vec![1],
            form: Form::PupilPupil,
            status: UnitStatus::Forming,
            ..Unit::default()
        },
    );
    let opts = nastavnik::status::Options {
        as_of: d(2024, 10, 1),
        meetings: Default::default(),
        calendar: Default::default(),
    };
    let flagged = |ds: &Dataset| -> Vec<String> {
        nastavnik::status::compute(ds, &Timelines::new(), &opts)
            .warnings
            .iter()
            .filter(|w| matches!(w.kind, nastavnik::status::WarningKind::RuleBroken { .. }))
            .map(|w| w.message(nastavnik::i18n::Lang::Ru))
            .collect()
    };
    let now = flagged(&ds);
    assert_eq!(now.len(), 1, "{now:?}");
    assert!(
        now[0].starts_with("пара Младший П. → Старшая А.: ") && now[0].contains("Младший Пётр"),
        "{now:?}"
    );
    // The birth date corrected: the rule holds, the flag goes.
    ds.mentors.get_mut(&1).unwrap().person.birth_date = Some(d(2008, 5, 1));
    assert!(flagged(&ds).is_empty());
}
