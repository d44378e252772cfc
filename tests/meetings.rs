//! A pair's stage from its meetings, and every meeting warning.

mod common;
use common::*;
use nastavnik::domain::*;
use nastavnik::meetings::{issues, next_kind, stage, MeetingIssue, Stage, Thresholds};

fn brief(id: Id, date: chrono::NaiveDate, kind: MeetingKind, feedback: bool) -> MeetingBrief {
    MeetingBrief {
        id,
        date,
        kind,
        feedback_given: feedback,
        archived: false,
    }
}

fn active_pair() -> Unit {
    Unit {
        id: 1,
        status: UnitStatus::Active,
        start: Some(d(2024, 10, 1)),
        planned_end: Some(d(2025, 5, 31)),
        ..Unit::default()
    }
}

#[test]
fn the_stage_follows_the_meetings_and_suggests_the_next_kind() {
    assert_eq!(stage(&[]), Stage::NotMet);
    assert_eq!(next_kind(&[]), MeetingKind::Introduction);
    let mut t = vec![brief(1, d(2024, 10, 2), MeetingKind::Introduction, true)];
    assert_eq!(
        (stage(&t), next_kind(&t)),
        (Stage::Introduced, MeetingKind::Trial)
    );
    t.push(brief(2, d(2024, 10, 9), MeetingKind::Trial, true));
    t.push(brief(3, d(2024, 10, 16), MeetingKind::Planning, true));
    assert_eq!(
        (stage(&t), next_kind(&t)),
        (Stage::Planned, MeetingKind::Working)
    );
    t.push(brief(4, d(2024, 10, 23), MeetingKind::Working, true));
    assert_eq!(stage(&t), Stage::Working);
    let mut archived_final = brief(5, d(2025, 5, 20), MeetingKind::Final, true);
    archived_final.archived = true;
    t.push(archived_final);
    assert_eq!(
        stage(&t),
        Stage::Working,
        "an archived meeting does not count"
    );
    t.push(brief(6, d(2025, 5, 21), MeetingKind::Final, true));
    assert_eq!(stage(&t), Stage::Finished);
}

#[test]
fn no_meeting_for_longer_than_the_threshold() {
    let t = [brief(1, d(2024, 10, 2), MeetingKind::Introduction, true)];
    let th = Thresholds::default();
    assert!(
        issues(&active_pair(), &t, d(2024, 10, 23), &th).is_empty(),
        "21 days is still fine"
    );
    assert_eq!(
        issues(&active_pair(), &t, d(2024, 10, 24), &th),
        vec![MeetingIssue::NoMeetingFor {
            days: 22,
            last: d(2024, 10, 2)
        }]
    );
    let lax = Thresholds {
        no_meeting_days: 30,
        ..th
    };
    assert!(
        issues(&active_pair(), &t, d(2024, 10, 24), &lax).is_empty(),
        "the threshold is configurable"
    );
    let forming = Unit {
        status: UnitStatus::Forming,
        ..active_pair()
    };
    assert!(
        issues(&forming, &t, d(2024, 12, 1), &th).is_empty(),
        "only active pairs"
    );
}

#[test]
fn no_first_meeting_within_the_days_after_the_start() {
    let th = Thresholds::default();
    assert!(issues(&active_pair(), &[], d(2024, 10, 15), &th).is_empty());
    assert_eq!(
        issues(&active_pair(), &[], d(2024, 10, 16), &th),
        vec![MeetingIssue::NoFirstMeeting {
            start: d(2024, 10, 1)
        }]
    );
}

#[test]
fn working_meetings_need_feedback() {
    let t = [
        brief(1, d(2024, 10, 2), MeetingKind::Introduction, false),
        brief(2, d(2024, 10, 9), MeetingKind::Working, false),
        brief(3, d(2024, 10, 16), MeetingKind::Working, true),
        brief(4, d(2024, 10, 17), MeetingKind::Working, false),
    ];
    let th = Thresholds::default();
    // The meeting of 17.10 is a day old: its feedback is not overdue yet.
    let found = issues(&active_pair(), &t, d(2024, 10, 18), &th);
    assert_eq!(
        found,
        vec![MeetingIssue::NoFeedback { meetings: 1 }],
        "an introduction needs none"
    );
    let later = issues(&active_pair(), &t, d(2024, 10, 25), &th);
    assert_eq!(later, vec![MeetingIssue::NoFeedback { meetings: 2 }]);
}

#[test]
fn meetings_in_the_future_or_before_the_start() {
    let t = [
        brief(1, d(2024, 9, 20), MeetingKind::Introduction, true),
        brief(2, d(2024, 11, 30), MeetingKind::Trial, true),
    ];
    let found = issues(&active_pair(), &t, d(2024, 10, 5), &Thresholds::default());
    assert!(found.contains(&MeetingIssue::BeforeStart {
        date: d(2024, 9, 20)
    }));
    assert!(found.contains(&MeetingIssue::InFuture {
        date: d(2024, 11, 30)
    }));
    assert!(
        !found
            .iter()
            .any(|i| matches!(i, MeetingIssue::NoMeetingFor { .. })),
        "the last meeting held is 15 days old"
    );
}

#[test]
fn an_active_pair_past_its_planned_end() {
    let t = [brief(1, d(2025, 5, 30), MeetingKind::Working, true)];
    let found = issues(&active_pair(), &t, d(2025, 6, 2), &Thresholds::default());
    assert_eq!(
        found,
        vec![MeetingIssue::PastPlannedEnd {
            planned_end: d(2025, 5, 31)
        }]
    );
    let done = Unit {
        status: UnitStatus::Completed,
        end: Some(d(2025, 5, 31)),
        ..active_pair()
    };
    assert!(issues(&done, &t, d(2025, 6, 2), &Thresholds::default()).is_empty());
}

#[test]
fn status_shows_the_meeting_warnings_in_words() {
    let mut ds = Dataset::default();
    ds.mentors.insert(1, teacher(1, "У"));
    ds.mentees.insert(1, young_teacher(1, "М"));
    ds.units.insert(
        1,
        Unit {
            mentors: vec![1],
            mentees: vec![1],
            ..active_pair()
        },
    );
    let timelines = Timelines::from([(
        1,
        vec![brief(1, d(2024, 10, 2), MeetingKind::Working, false)],
    )]);
    let opts = nastavnik::status::Options {
        as_of: d(2024, 11, 1),
        meetings: Thresholds::default(),
        calendar: Default::default(),
    };
    let s = nastavnik::status::compute(&ds, &timelines, &opts);
    let texts: Vec<String> = s
        .warnings
        .iter()
        .map(|w| w.message(nastavnik::i18n::Lang::Ru))
        .collect();
    assert_eq!(
        texts,
        vec![
            "пара У → М: рабочих встреч без обратной связи: 1",
            "пара У → М: нет встреч 30 дн. (последняя 02.10.2024)"
        ]
    );
}

/// ТК РФ ст. 351.8: an active employees' pair names what it lacks; one
/// ended early names the missing or too short notice, with the day three
/// working days would have passed.
#[test]
fn employees_pairs_keep_consent_agreement_pay_and_notice() {
    let mut ds = Dataset::default();
    ds.mentors.insert(1, teacher(1, "Кузнецова Ольга"));
    ds.mentees.insert(1, young_teacher(1, "Петров Иван"));
    ds.mentees.insert(2, young_teacher(2, "Сидоров Пётр"));
    let pair = |id: Id, mentee: Id| Unit {
        id,
        mentors: vec![1],
        mentees: vec![mentee],
        form: Form::TeacherTeacher,
        ..active_pair()
    };
    let mut active = pair(1, 1);
    active.mentor_consent = Some(d(2024, 9, 1));
    active.pay_basis = Some(PayBasis::Allowance);
    ds.units.insert(1, active);
    // Notice on Thursday 31 October, ended on Monday 4 November (a holiday):
    // Friday 1, Tuesday 5, Wednesday 6 are the three working days.
    let mut ended = pair(2, 2);
    ended.status = UnitStatus::Terminated;
    ended.end = Some(d(2024, 11, 4));
    ended.end_reason = "отказ наставника".into();
    ended.notice_date = Some(d(2024, 10, 31));
    ds.units.insert(2, ended);
    let opts = nastavnik::status::Options {
        as_of: d(2024, 11, 8),
        meetings: Thresholds::default(),
        calendar: Default::default(),
    };
    let s = nastavnik::status::compute(&ds, &Timelines::new(), &opts);
    let labour: Vec<String> = s
        .warnings
        .iter()
        .filter(|w| nastavnik::status::kind_key(w).starts_with("labour"))
        .map(|w| w.message(nastavnik::i18n::Lang::Ru))
        .collect();
    assert_eq!(
        labour,
        [
            "пара Кузнецова О. → Петров И.: по ТК РФ ст. 351.8 нет — соглашение (номер и дата), срок наставничества (наставник Кузнецова Ольга)",
            "пара Кузнецова О. → Сидоров П. прекращена 04.11.2024, уведомление от 31.10.2024: три рабочих дня прошли бы только 06.11.2024 (ТК РФ ст. 351.8)",
        ]
    );
    // With the notice a week ahead, and the agreement signed, all is well.
    let u = ds.units.get_mut(&2).unwrap();
    u.notice_date = Some(d(2024, 10, 25));
    let u = ds.units.get_mut(&1).unwrap();
    u.agreement_no = "12-дс".into();
    u.agreement_date = Some(d(2024, 9, 2));
    u.agreement_from = Some(d(2024, 9, 2));
    u.agreement_to = Some(d(2025, 5, 31));
    let s = nastavnik::status::compute(&ds, &Timelines::new(), &opts);
    assert!(
        !s.warnings
            .iter()
            .any(|w| nastavnik::status::kind_key(w).starts_with("labour")),
        "{:?}",
        s.warnings
    );
}

/// ТК РФ ст. 112 with the 2026 decree: a notice given on Monday
/// 29 December 2025 lets the pair end on 13 January 2026 at the earliest
/// (31 December and 1–11 January are days off); an agreement's period that
/// ended while the pair goes on is a warning of its own.
#[test]
fn the_notice_counts_the_new_year_days_off_and_an_agreement_can_run_out() {
    let mut ds = Dataset::default();
    ds.mentors.insert(1, teacher(1, "Кузнецова Ольга"));
    ds.mentees.insert(1, young_teacher(1, "Петров Иван"));
    ds.mentees.insert(2, young_teacher(2, "Сидоров Пётр"));
    let pair = |id: Id, mentee: Id| Unit {
        id,
        mentors: vec![1],
        mentees: vec![mentee],
        form: Form::TeacherTeacher,
        mentor_consent: Some(d(2025, 9, 1)),
        agreement_no: "3-дс".into(),
        agreement_date: Some(d(2025, 9, 1)),
        agreement_from: Some(d(2025, 9, 1)),
        agreement_to: Some(d(2026, 1, 31)),
        pay_basis: Some(PayBasis::Allowance),
        ..active_pair()
    };
    ds.units.insert(1, pair(1, 1));
    let mut ended = pair(2, 2);
    ended.status = UnitStatus::Terminated;
    ended.end = Some(d(2026, 1, 12));
    ended.end_reason = "перевод наставника".into();
    ended.notice_date = Some(d(2025, 12, 29));
    ds.units.insert(2, ended);
    let opts = nastavnik::status::Options {
        as_of: d(2026, 2, 2),
        meetings: Thresholds::default(),
        calendar: Default::default(),
    };
    let labour = |opts: &nastavnik::status::Options| -> Vec<String> {
        nastavnik::status::compute(&ds, &Timelines::new(), opts)
            .warnings
            .iter()
            .filter(|w| nastavnik::status::kind_key(w).starts_with("labour"))
            .map(|w| w.message(nastavnik::i18n::Lang::Ru))
            .collect()
    };
    assert_eq!(
        labour(&opts),
        [
            "пара Кузнецова О. → Петров И.: срок соглашения по ТК РФ ст. 351.8 истёк 31.01.2026, а пара активна — продлите соглашение или завершите пару",
            "пара Кузнецова О. → Сидоров П. прекращена 12.01.2026, уведомление от 29.12.2025: три рабочих дня прошли бы только 13.01.2026 (ТК РФ ст. 351.8)",
        ]
    );
    // On the agreement's last day the pair is in time.
    let on_the_day = nastavnik::status::Options {
        as_of: d(2026, 1, 31),
        ..opts.clone()
    };
    assert_eq!(labour(&on_the_day).len(), 1);
    // A calendar file that makes 12 January a day off moves the date on.
    let file = nastavnik::status::Options {
        calendar: nastavnik::domain::calendar::Calendar::with(Vec::new(), [d(2026, 1, 12)].into()),
        ..opts
    };
    assert!(
        labour(&file)[1].contains("прошли бы только 14.01.2026"),
        "{:?}",
        labour(&file)
    );
}
