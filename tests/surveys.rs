//! Questionnaire analysis on hand-computed examples: both satisfaction
//! rules, growth over people with both answers only, distributions, who owes
//! an answer, and answer validation.

mod common;
use common::*;
use nastavnik::domain::*;
use nastavnik::surveys::analysis::*;

fn scale(text: &str, satisfaction: bool, growth: bool) -> Question {
    Question {
        text: text.into(),
        kind: QuestionKind::Scale {
            min: 1,
            max: 10,
            min_label: String::new(),
            max_label: String::new(),
        },
        satisfaction,
        growth,
    }
}

fn response(
    id: Id,
    template_id: Id,
    who: PersonRef,
    stage: SurveyStage,
    answers: &[(usize, u8)],
) -> SurveyResponse {
    SurveyResponse {
        id,
        org_id: 1,
        template_id,
        respondent: who,
        unit_id: Some(1),
        stage,
        date: if stage == SurveyStage::Entry {
            d(2025, 10, 1)
        } else {
            d(2026, 5, 1)
        },
        answers: answers
            .iter()
            .map(|(q, v)| Answer {
                question: *q,
                value: AnswerValue::Scale(*v),
            })
            .collect(),
        ..SurveyResponse::default()
    }
}

/// Entry template 1: growth item «Уверенность» (q0). Exit template 2: two
/// satisfaction items (q0, q1) and the same growth item spelt with ё/case
/// differences (q2).
fn dataset() -> Dataset {
    let mut ds = Dataset::default();
    ds.templates.insert(
        1,
        SurveyTemplate {
            id: 1,
            stage: SurveyStage::Entry,
            questions: vec![scale("Уверенность в своих силах", false, true)],
            ..SurveyTemplate::default()
        },
    );
    ds.templates.insert(
        2,
        SurveyTemplate {
            id: 2,
            stage: SurveyStage::Exit,
            questions: vec![
                scale("Комфорт общения", true, false),
                scale("Польза встреч", true, false),
                scale("уверенность в своих силах", false, true),
            ],
            ..SurveyTemplate::default()
        },
    );
    let (a, b, c, dd, e, f) = (
        PersonRef::Mentee(1),
        PersonRef::Mentee(2),
        PersonRef::Mentee(3),
        PersonRef::Mentee(4),
        PersonRef::Mentee(5),
        PersonRef::Mentee(6),
    );
    use SurveyStage::{Entry, Exit};
    let rs = [
        response(1, 2, a, Exit, &[(0, 8), (1, 10), (2, 7)]), // mean 9.0
        response(2, 2, b, Exit, &[(0, 6), (1, 7)]),          // 6.5, no growth answer
        response(3, 2, c, Exit, &[(0, 8), (1, 8), (2, 9)]),  // 8.0, no entry
        response(4, 1, a, Entry, &[(0, 4)]),
        response(5, 1, b, Entry, &[(0, 5)]),
        response(6, 1, dd, Entry, &[(0, 3)]), // never answered the exit
        response(7, 1, e, Entry, &[(0, 6)]),
        response(8, 2, e, Exit, &[(2, 6)]), // growth only, no satisfaction
        SurveyResponse {
            draft: true, // unfinished: not counted
            ..response(9, 2, f, Exit, &[(0, 1), (1, 1), (2, 1)])
        },
        SurveyResponse {
            archived: true,
            ..response(10, 2, f, Exit, &[(0, 1), (1, 1)])
        },
    ];
    for r in rs {
        ds.responses.insert(r.id, r);
    }
    ds
}

fn scope() -> Scope {
    Scope {
        from: d(2025, 9, 1),
        to: d(2026, 8, 31),
        org: None,
    }
}

#[test]
fn satisfaction_by_the_mean_rule() {
    let s = satisfaction(
        &dataset(),
        Audience::Mentee,
        &scope(),
        SatisfactionRule::Mean,
    );
    // (0.90 + 0.65 + 0.80) / 3 × 100
    assert_eq!(s.respondents, 3);
    assert!((s.percent.unwrap() - 78.333_333).abs() < 1e-4, "{s:?}");
}

#[test]
fn satisfaction_by_the_threshold_rule_counts_a_mean_of_exactly_the_threshold() {
    let rule = SatisfactionRule::Threshold { threshold: 8.0 };
    let s = satisfaction(&dataset(), Audience::Mentee, &scope(), rule);
    // 9.0 and 8.0 reach 8, 6.5 does not: 2 of 3.
    assert!((s.percent.unwrap() - 66.666_667).abs() < 1e-4, "{s:?}");
    assert!(rule
        .describe(nastavnik::i18n::Lang::Ru)
        .contains("не ниже 8 из 10"));
}

#[test]
fn satisfaction_without_respondents_is_no_data_not_zero() {
    let s = satisfaction(
        &dataset(),
        Audience::Mentor,
        &scope(),
        SatisfactionRule::Mean,
    );
    assert_eq!((s.percent, s.respondents), (None, 0));
    let before = Scope {
        from: d(2020, 1, 1),
        to: d(2021, 1, 1),
        org: None,
    };
    let s = satisfaction(
        &dataset(),
        Audience::Mentee,
        &before,
        SatisfactionRule::Mean,
    );
    assert_eq!(s.percent, None, "the period filters responses");
}

#[test]
fn growth_counts_only_people_with_both_answers() {
    let g = growth(&dataset(), &scope());
    assert_eq!(
        g.len(),
        1,
        "one item, matched across templates by folded text"
    );
    let item = &g[0];
    // A: 4 → 7, E: 6 → 6. B (no exit answer), C (no entry), D (no exit) and
    // the draft F are left out.
    assert_eq!(item.both, 2);
    assert_eq!(item.before, Some(5.0));
    assert_eq!(item.after, Some(6.5));
    assert_eq!(item.change(), Some(1.5));
    assert_eq!(
        item.people,
        vec![(PersonRef::Mentee(1), 4, 7), (PersonRef::Mentee(5), 6, 6)]
    );
}

#[test]
fn distributions_count_each_value() {
    let ds = dataset();
    let t = &ds.templates[&2];
    let dist = distributions(&ds, t, &scope());
    let Distribution::Scale { counts, mean, .. } = &dist[0] else {
        panic!()
    };
    assert_eq!(counts[7], 2, "two eights");
    assert_eq!(counts[5], 1, "one six");
    assert!((mean.unwrap() - 22.0 / 3.0).abs() < 1e-9);
}

#[test]
fn owed_questionnaires_follow_the_pairs_status() {
    let mut ds = Dataset::default();
    for (id, status) in [
        (1, UnitStatus::Active),
        (2, UnitStatus::Completed),
        (3, UnitStatus::Forming),
    ] {
        ds.units.insert(
            id,
            Unit {
                id,
                org_id: 1,
                mentors: vec![id],
                mentees: vec![id],
                status,
                start: Some(d(2025, 9, 15)),
                ..Unit::default()
            },
        );
    }
    let mut answered = response(1, 1, PersonRef::Mentee(2), SurveyStage::Entry, &[]);
    answered.unit_id = Some(2);
    ds.responses.insert(1, answered);
    let owed = owed(&ds, d(2025, 12, 1), None);
    let got: Vec<(Id, PersonRef, SurveyStage)> =
        owed.iter().map(|o| (o.unit_id, o.who, o.stage)).collect();
    use SurveyStage::*;
    assert_eq!(
        got,
        vec![
            (1, PersonRef::Mentor(1), Entry),
            (1, PersonRef::Mentee(1), Entry),
            (2, PersonRef::Mentor(2), Entry),
            (2, PersonRef::Mentor(2), Exit),
            (2, PersonRef::Mentee(2), Exit),
        ]
    );
    assert!(
        nastavnik::surveys::analysis::owed(&ds, d(2025, 9, 1), None).is_empty(),
        "nothing is owed before the pairs start"
    );
}

#[test]
fn answers_are_validated_against_the_question_kind() {
    let q = scale("Оценка", true, false);
    assert!(validate_answer(&q, &AnswerValue::Scale(10)).is_ok());
    assert_eq!(
        validate_answer(&q, &AnswerValue::Scale(11)),
        Err(AnswerError::OutOfScale {
            value: 11,
            min: 1,
            max: 10
        })
    );
    assert!(validate_answer(&q, &AnswerValue::Scale(0)).is_err());
    assert!(validate_answer(&q, &AnswerValue::Text("9".into())).is_err());
    let multi = Question {
        text: "Что было полезно".into(),
        kind: QuestionKind::Multi {
            options: vec!["встречи".into(), "проект".into()],
        },
        satisfaction: false,
        growth: false,
    };
    assert!(validate_answer(&multi, &AnswerValue::Choices(vec![0, 1])).is_ok());
    assert_eq!(
        validate_answer(&multi, &AnswerValue::Choices(vec![0, 2])),
        Err(AnswerError::NoSuchOption(3))
    );
    assert_eq!(
        validate_answer(&multi, &AnswerValue::Choices(vec![1, 1])),
        Err(AnswerError::Repeated)
    );
    let yn = Question {
        kind: QuestionKind::YesNo,
        ..multi.clone()
    };
    assert!(validate_answer(&yn, &AnswerValue::YesNo(false)).is_ok());
    assert!(validate_answer(&yn, &AnswerValue::Choice(0)).is_err());
}

mod import {
    use super::*;
    use nastavnik::exchange::responses::plan;
    use nastavnik::exchange::table;

    fn school() -> (Dataset, SurveyTemplate) {
        let mut ds = Dataset::default();
        for (id, name) in [(1, "Фёдорова Алёна Петровна"), (2, "Петров Илья Сергеевич")]
        {
            ds.mentees.insert(
                id,
                Mentee {
                    id,
                    org_id: 1,
                    person: Person {
                        full_name: name.into(),
                        ..Person::default()
                    },
                    ..Mentee::default()
                },
            );
        }
        ds.units.insert(
            7,
            Unit {
                id: 7,
                org_id: 1,
                mentors: vec![1],
                mentees: vec![1, 2],
                status: UnitStatus::Completed,
                start: Some(d(2025, 9, 1)),
                end: Some(d(2026, 5, 20)),
                ..Unit::default()
            },
        );
        let t = nastavnik::surveys::builtin::templates()
            .into_iter()
            .find(|t| t.builtin_key.as_deref() == Some("mentee_exit"))
            .map(|t| SurveyTemplate { id: 3, ..t })
            .unwrap();
        ds.templates.insert(3, t.clone());
        (ds, t)
    }

    /// A form export: numbered headers, a comma-joined yes/no, ё spelt е.
    fn csv(rows: &[&str]) -> Vec<u8> {
        let mut s = String::from(
            "Отметка времени;Фамилия Имя Отчество;1. Насколько комфортным было общение с наставником;Насколько полезными были встречи?;Как часто проходили ваши встречи?;Хотели бы вы продолжить работу в программе наставничества?;Что было самым ценным в программе?\r\n",
        );
        for r in rows {
            s.push_str(r);
            s.push_str("\r\n");
        }
        s.into_bytes()
    }

    #[test]
    fn names_and_questions_match_folded() {
        let (ds, t) = school();
        let bytes = csv(&[
            "21.05.2026 10:15:00;ФЕДОРОВА алена петровна;9;8;раз в неделю;Да;Проект по химии",
            "2026/05/22 9:01:00 AM GMT+3;Петров Илья Сергеевич;10;;Раз в месяц;нет;",
        ]);
        let p = plan(&ds, &t, &table::read(&bytes).unwrap(), d(2026, 6, 1), false).unwrap();
        assert_eq!(p.responses.len(), 2);
        let r = &p.responses[0];
        assert_eq!(
            (r.respondent, r.unit_id, r.stage, r.date),
            (
                PersonRef::Mentee(1),
                Some(7),
                SurveyStage::Exit,
                d(2026, 5, 21)
            )
        );
        let q = |text: &str| {
            t.questions
                .iter()
                .position(|q| q.text.starts_with(text))
                .unwrap()
        };
        let values: Vec<(usize, AnswerValue)> = r
            .answers
            .iter()
            .map(|a| (a.question, a.value.clone()))
            .collect();
        assert_eq!(
            values,
            [
                (q("Насколько комфортным"), AnswerValue::Scale(9)),
                (q("Насколько полезными"), AnswerValue::Scale(8)),
                (q("Как часто"), AnswerValue::Choice(0)),
                (q("Хотели бы вы продолжить"), AnswerValue::YesNo(true)),
                (
                    q("Что было самым ценным"),
                    AnswerValue::Text("Проект по химии".into())
                ),
            ]
        );
        assert_eq!(p.responses[1].date, d(2026, 5, 22));
        assert_eq!(
            p.responses[1].answers.len(),
            3,
            "empty cells are no answers"
        );
    }

    #[test]
    fn unmatched_names_and_questions_stop_the_import_unless_skipped() {
        let (ds, t) = school();
        let mut bytes = csv(&[
            "21.05.2026;Фёдорова Алёна Петровна;9;8;раз в неделю;да;;5А",
            "21.05.2026;Сидоров Пётр;7;7;раз в месяц;да;;6Б",
        ]);
        // An extra column that is no question of this template.
        let text = String::from_utf8(bytes)
            .unwrap()
            .replacen("\r\n", ";Ваш класс\r\n", 1);
        bytes = text.into_bytes();
        let table = table::read(&bytes).unwrap();
        let problems = plan(&ds, &t, &table, d(2026, 6, 1), false).unwrap_err();
        assert_eq!(problems.unmatched_questions, ["Ваш класс"]);
        assert_eq!(problems.unmatched_names.len(), 1);
        assert_eq!(problems.unmatched_names[0].line, 3);
        assert!(problems.unmatched_names[0].message.contains("Сидоров Пётр"));
        let p = plan(&ds, &t, &table, d(2026, 6, 1), true).unwrap();
        assert_eq!(p.responses.len(), 1);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.ignored_columns, ["Ваш класс"]);
    }

    #[test]
    fn bad_answers_are_row_errors_even_when_skipping() {
        let (ds, t) = school();
        let bytes = csv(&["21.05.2026;Фёдорова Алёна Петровна;11;8;иногда;может быть;"]);
        let problems =
            plan(&ds, &t, &table::read(&bytes).unwrap(), d(2026, 6, 1), true).unwrap_err();
        let messages: Vec<String> = problems.rows.iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("строка 2") && messages[0].contains("вне шкалы 1–10"));
        assert!(messages[1].contains("«иногда»: нет такого варианта"));
        assert!(messages[2].contains("нужно «да» или «нет»"));
    }

    #[test]
    fn bad_files_and_repeats_are_refused() {
        let (mut ds, t) = school();
        let no_names = "Отметка времени;Комментарий\r\n21.05.2026;x\r\n".as_bytes();
        let problems = plan(
            &ds,
            &t,
            &table::read(no_names).unwrap(),
            d(2026, 6, 1),
            true,
        )
        .unwrap_err();
        assert!(problems.rows[0].message.contains("нет столбца с ФИО"));
        // Windows-1251, as Russian Excel saves it.
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(
            "ФИО;Насколько полезными были встречи?\r\nПетров Илья Сергеевич;6\r\nПетров Илья Сергеевич;7\r\n",
        );
        let problems = plan(&ds, &t, &table::read(&cp).unwrap(), d(2026, 6, 1), false).unwrap_err();
        assert!(problems.rows[0]
            .message
            .contains("второй ответ того же человека"));
        // Once stored, the same answers are not taken again.
        let one = "ФИО;Насколько полезными были встречи?\r\nПетров Илья Сергеевич;6\r\n";
        let p = plan(
            &ds,
            &t,
            &table::read(one.as_bytes()).unwrap(),
            d(2026, 6, 1),
            false,
        )
        .unwrap();
        let mut r = p.responses[0].clone();
        r.id = 99;
        ds.responses.insert(99, r);
        let problems = plan(
            &ds,
            &t,
            &table::read(one.as_bytes()).unwrap(),
            d(2026, 6, 1),
            false,
        )
        .unwrap_err();
        assert!(problems.rows[0].message.contains("уже есть"));
    }
}

#[test]
fn an_option_number_out_of_range_is_an_error_not_a_panic() {
    let q = Question {
        text: "Как часто?".into(),
        kind: QuestionKind::Single {
            options: vec!["часто".into(), "редко".into()],
        },
        satisfaction: false,
        growth: false,
    };
    assert_eq!(
        validate_answer(&q, &AnswerValue::Choice(usize::MAX)),
        Err(AnswerError::NoSuchOption(usize::MAX))
    );
    let multi = Question {
        kind: QuestionKind::Multi {
            options: vec!["а".into()],
        },
        ..q.clone()
    };
    assert!(validate_answer(&multi, &AnswerValue::Choices(vec![usize::MAX])).is_err());
}

/// § 7.5: planning to mentor is read from the exit questionnaires' yes/no
/// item, each person by their latest answer; a 1–10 item's mean is given
/// per form of the pair the answer is about.
#[test]
fn planning_to_mentor_and_means_per_form() {
    let mut ds = Dataset::default();
    let exit = SurveyTemplate {
        id: 1,
        title: "Итоговая анкета наставляемого".into(),
        audience: Audience::Mentee,
        stage: SurveyStage::Exit,
        questions: vec![
            scale("Польза встреч", true, false),
            Question {
                text: "Хотели бы вы сами стать наставником?".into(),
                kind: QuestionKind::YesNo,
                satisfaction: false,
                growth: false,
            },
        ],
        ..SurveyTemplate::default()
    };
    ds.templates.insert(1, exit);
    for (id, form) in [(1, Form::PupilPupil), (2, Form::StudentPupil)] {
        ds.units.insert(
            id,
            Unit {
                id,
                org_id: 1,
                form,
                ..Unit::default()
            },
        );
    }
    let answer = |id: Id, who: Id, unit: Id, date, mark: u8, yes: bool| SurveyResponse {
        id,
        org_id: 1,
        template_id: 1,
        respondent: PersonRef::Mentee(who),
        unit_id: Some(unit),
        stage: SurveyStage::Exit,
        date,
        answers: vec![
            Answer {
                question: 0,
                value: AnswerValue::Scale(mark),
            },
            Answer {
                question: 1,
                value: AnswerValue::YesNo(yes),
            },
        ],
        ..SurveyResponse::default()
    };
    // Mentee 1 said no, then yes; mentee 2 no; mentee 3 yes.
    for r in [
        answer(1, 1, 1, d(2026, 3, 1), 8, false),
        answer(2, 1, 1, d(2026, 5, 1), 9, true),
        answer(3, 2, 1, d(2026, 5, 2), 6, false),
        answer(4, 3, 2, d(2026, 5, 3), 10, true),
    ] {
        ds.responses.insert(r.id, r);
    }
    let scope = Scope {
        from: d(2025, 9, 1),
        to: d(2026, 8, 31),
        org: None,
    };
    assert_eq!(
        plans_to_mentor(&ds, &scope, Audience::Mentee),
        YesCount {
            yes: 2,
            answered: 3
        }
    );
    let means = scale_means_by_form(&ds, &ds.templates[&1], 0, &scope);
    assert_eq!(
        means,
        vec![
            (Form::PupilPupil, 23.0 / 3.0, 3),
            (Form::StudentPupil, 10.0, 1)
        ]
    );
    let sources: Vec<&str> = satisfaction_sources(&ds, &scope)
        .iter()
        .map(|t| t.title.as_str())
        .collect();
    assert_eq!(sources, ["Итоговая анкета наставляемого"]);
    // The surveys report prints the distribution and the mean to one decimal.
    let p = nastavnik::reports::Params {
        from: scope.from,
        to: scope.to,
        ..nastavnik::reports::Params::new(
            nastavnik::reports::Kind::Surveys,
            d(2026, 6, 1),
            None,
            nastavnik::i18n::Lang::Ru,
        )
    };
    let r = nastavnik::reports::build(&ds, &Default::default(), &p);
    let text = nastavnik::reports::render::to_text(&r, 100, nastavnik::i18n::Lang::Ru);
    assert!(
        text.contains("ученик – ученик  |          7,7 |       3"),
        "{text}"
    );
    let yes_row = text
        .lines()
        .find(|l| l.contains("| да "))
        .expect("a yes row");
    assert!(yes_row.contains("|       2 | 50,0 %"), "{yes_row}");
}
