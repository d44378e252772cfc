//! The domain's validation rules, each with a case that passes and one that
//! fails with the right field and message.

mod common;
use common::*;
use nastavnik::domain::validate::*;
use nastavnik::domain::*;
use nastavnik::i18n::Lang;

fn rules(issues: &[Issue]) -> Vec<(FieldKey, String)> {
    issues
        .iter()
        .map(|i| (i.field, i.rule.message(Lang::Ru)))
        .collect()
}

#[test]
fn required_name_and_pupil_fields() {
    let m = Mentee {
        category: MenteeCategory::Pupil,
        ..Mentee::default()
    };
    let fields: Vec<_> = validate_mentee(&m).iter().map(|i| i.field).collect();
    assert_eq!(
        fields,
        vec![
            FieldKey::FullName,
            FieldKey::BirthDate,
            FieldKey::Grade,
            FieldKey::Joined
        ]
    );
    let ok = young_teacher(1, "Иванова Анна Петровна");
    assert!(validate_mentee(&ok).is_empty());
}

#[test]
fn pupil_mentee_must_be_10_to_18_on_joining() {
    let joined = d(2024, 9, 1);
    assert!(
        validate_mentee(&pupil_mentee(1, "А", d(2014, 9, 1), 5, joined)).is_empty(),
        "exactly 10"
    );
    let young = validate_mentee(&pupil_mentee(1, "А", d(2014, 9, 2), 4, joined));
    assert_eq!(young[0].rule, Rule::PupilMenteeAge { age: 9, on: joined });
    assert!(rules(&young)[0].1.contains("01.09.2024"));
    assert!(
        validate_mentee(&pupil_mentee(1, "Б", d(2005, 9, 2), 11, joined)).is_empty(),
        "18 still counts"
    );
    let old = validate_mentee(&pupil_mentee(1, "Б", d(2005, 9, 1), 11, joined));
    assert_eq!(
        old[0].rule,
        Rule::PupilMenteeAge {
            age: 19,
            on: joined
        }
    );
}

#[test]
fn pupil_mentor_must_be_at_least_14_on_joining_not_today() {
    let joined = d(2024, 9, 1);
    let m = pupil_mentor(1, "В", d(2010, 9, 2), 8, joined);
    assert_eq!(
        validate_mentor(&m)[0].rule,
        Rule::PupilMentorAge {
            age: 13,
            on: joined
        }
    );
    assert!(validate_mentor(&pupil_mentor(1, "В", d(2010, 9, 1), 9, joined)).is_empty());
}

#[test]
fn a_minors_consent_must_come_from_the_guardian() {
    let mut m = pupil_mentee(1, "Г", d(2012, 1, 1), 7, d(2024, 9, 1));
    m.person.consent = Some(Consent {
        date: d(2024, 9, 1),
        by_guardian: false,
    });
    assert!(matches!(
        validate_mentee(&m)[0].rule,
        Rule::MinorConsentNotByGuardian { .. }
    ));
}

#[test]
fn employer_needs_a_partner_and_capacity_is_positive() {
    let mut m = teacher(1, "Д");
    m.category = MentorCategory::Employer;
    m.capacity = 0;
    let f: Vec<_> = validate_mentor(&m).iter().map(|i| i.field).collect();
    assert_eq!(f, vec![FieldKey::Partner, FieldKey::Capacity]);
}

fn ds_with(mentors: Vec<Mentor>, mentees: Vec<Mentee>) -> Dataset {
    Dataset {
        mentors: mentors.into_iter().map(|m| (m.id, m)).collect(),
        mentees: mentees.into_iter().map(|m| (m.id, m)).collect(),
        ..Dataset::default()
    }
}

fn unit(form: Form, mentors: Vec<Id>, mentees: Vec<Id>, status: UnitStatus) -> Unit {
    Unit {
        id: 100,
        form,
        mentors,
        mentees,
        status,
        start: Some(d(2024, 10, 1)),
        ..Unit::default()
    }
}

#[test]
fn pupil_mentor_must_be_in_a_higher_grade() {
    let j = d(2024, 9, 1);
    let ds = ds_with(
        vec![pupil_mentor(1, "Старший", d(2008, 5, 5), 9, j)],
        vec![pupil_mentee(2, "Младший", d(2009, 5, 5), 9, j)],
    );
    let issues = validate_unit(
        &unit(Form::PupilPupil, vec![1], vec![2], UnitStatus::Active),
        &ds,
        &|_| 0,
    );
    assert_eq!(
        rules(&issues),
        vec![(
            FieldKey::Mentors,
            "наставник Старший должен учиться в классе старше, чем Младший".to_string()
        )]
    );
}

#[test]
fn form_must_fit_the_categories() {
    let ds = ds_with(
        vec![teacher(1, "Учитель")],
        vec![young_teacher(2, "Молодой")],
    );
    assert!(validate_unit(
        &unit(Form::TeacherTeacher, vec![1], vec![2], UnitStatus::Active),
        &ds,
        &|_| 0
    )
    .is_empty());
    let bad = validate_unit(
        &unit(Form::PupilPupil, vec![1], vec![2], UnitStatus::Active),
        &ds,
        &|_| 0,
    );
    assert!(matches!(bad[0].rule, Rule::FormDoesNotAdmitMentor { .. }));
    assert!(matches!(bad[1].rule, Rule::FormDoesNotAdmitMentee { .. }));
}

#[test]
fn capacity_counts_mentees_in_other_live_units() {
    let ds = ds_with(
        vec![teacher(1, "Учитель")],
        vec![young_teacher(2, "Молодой")],
    );
    let u = unit(Form::TeacherTeacher, vec![1], vec![2], UnitStatus::Forming);
    assert!(validate_unit(&u, &ds, &|_| 0).is_empty());
    let over = validate_unit(&u, &ds, &|_| 1);
    assert_eq!(
        over[0].rule,
        Rule::CapacityExceeded {
            who: "Учитель".into(),
            capacity: 1,
            load: 2
        }
    );
    let done = Unit {
        status: UnitStatus::Completed,
        end: Some(d(2025, 5, 1)),
        ..u
    };
    assert!(
        validate_unit(&done, &ds, &|_| 1).is_empty(),
        "a completed unit takes no capacity"
    );
}

#[test]
fn no_pair_becomes_active_without_everyones_consent() {
    let mut mentee = young_teacher(2, "Без согласия");
    mentee.person.consent = None;
    let ds = ds_with(vec![teacher(1, "Учитель")], vec![mentee]);
    let forming = unit(Form::TeacherTeacher, vec![1], vec![2], UnitStatus::Forming);
    assert!(
        validate_unit(&forming, &ds, &|_| 0).is_empty(),
        "forming without consent is allowed"
    );
    let active = Unit {
        status: UnitStatus::Active,
        ..forming
    };
    assert_eq!(
        validate_unit(&active, &ds, &|_| 0)[0].rule,
        Rule::NoConsent {
            who: "Без согласия".into()
        }
    );
}

#[test]
fn an_active_unit_needs_a_start_and_an_ended_one_an_end() {
    let ds = ds_with(vec![teacher(1, "У")], vec![young_teacher(2, "М")]);
    let no_start = Unit {
        start: None,
        ..unit(Form::TeacherTeacher, vec![1], vec![2], UnitStatus::Active)
    };
    assert_eq!(
        validate_unit(&no_start, &ds, &|_| 0)[0].field,
        FieldKey::Start
    );
    let terminated = unit(
        Form::TeacherTeacher,
        vec![1],
        vec![2],
        UnitStatus::Terminated,
    );
    let f: Vec<_> = validate_unit(&terminated, &ds, &|_| 0)
        .iter()
        .map(|i| i.field)
        .collect();
    assert_eq!(f, vec![FieldKey::End, FieldKey::EndReason]);
    let backwards = Unit {
        end: Some(d(2024, 1, 1)),
        ..unit(
            Form::TeacherTeacher,
            vec![1],
            vec![2],
            UnitStatus::Completed,
        )
    };
    assert_eq!(
        validate_unit(&backwards, &ds, &|_| 0)[0].rule,
        Rule::EndBeforeStart
    );
}

#[test]
fn unknown_or_repeated_people_are_refused() {
    let ds = ds_with(vec![teacher(1, "У")], vec![young_teacher(2, "М")]);
    let u = unit(
        Form::TeacherTeacher,
        vec![1],
        vec![2, 2, 9],
        UnitStatus::Forming,
    );
    let rs: Vec<_> = validate_unit(&u, &ds, &|_| 0)
        .into_iter()
        .map(|i| i.rule)
        .collect();
    assert!(rs.contains(&Rule::SamePersonTwice));
    assert!(rs.contains(&Rule::UnknownPerson { id: 9 }));
}

#[test]
fn the_demo_data_breaks_no_rule() {
    for scale in [nastavnik::demo::Scale::School] {
        let ds = nastavnik::demo::generate(scale, 3, d(2026, 11, 23));
        for m in ds.mentors.values() {
            assert!(
                validate_mentor(m).is_empty(),
                "{:?}: {:?}",
                m.person.full_name,
                validate_mentor(m)
            );
        }
        for m in ds.mentees.values() {
            assert!(
                validate_mentee(m).is_empty(),
                "{:?}: {:?}",
                m.person.full_name,
                validate_mentee(m)
            );
        }
        let loads = ds.mentor_loads();
        for u in ds.units.values() {
            let own = |m: Id| {
                loads.get(&m).copied().unwrap_or(0)
                    - if u.is_live() {
                        u.mentees.len() as u32
                    } else {
                        0
                    }
            };
            let issues = validate_unit(u, &ds, &own);
            assert!(issues.is_empty(), "unit {}: {:?}", u.id, issues);
        }
    }
}

#[test]
fn the_demo_is_deterministic_for_a_seed() {
    let a = nastavnik::demo::generate(nastavnik::demo::Scale::School, 5, d(2026, 11, 23));
    let b = nastavnik::demo::generate(nastavnik::demo::Scale::School, 5, d(2026, 11, 23));
    let c = nastavnik::demo::generate(nastavnik::demo::Scale::School, 6, d(2026, 11, 23));
    assert_eq!(a, b);
    assert_ne!(a.mentors, c.mentors);
    let participants = a.mentors.len() + a.mentees.len();
    assert!((130..=180).contains(&participants), "{participants}");
    assert_eq!(a.orgs[&1].totals.pupils, Some(600));
}
