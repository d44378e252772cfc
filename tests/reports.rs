//! Reports on a small school built by hand, with the edge cases the district
//! forms trip on: a pupil who turned 19 before the as-of date, a pupil in
//! two forms, an enterprise with two mentors, a pair that ended before the
//! period, a pair still формируется, a teacher with exactly 3 years, and a
//! name carrying an escape sequence. Counts are asserted, and every report's
//! text is compared with a golden file in `tests/golden/`
//! (`NASTAVNIK_UPDATE_GOLDEN=1` rewrites them; review the diff).

mod common;
use common::*;
use nastavnik::domain::*;
use nastavnik::i18n::Lang;
use nastavnik::reports::{self, render, Kind, Params};
use std::path::PathBuf;

fn pupil_mentor_of(id: Id, name: &str, birth: chrono::NaiveDate, grade: u8) -> Mentor {
    pupil_mentor(id, name, birth, grade, d(2024, 9, 1))
}

fn unit(id: Id, mentors: &[Id], mentees: &[Id], form: Form, status: UnitStatus) -> Unit {
    Unit {
        id,
        org_id: 1,
        mentors: mentors.to_vec(),
        mentees: mentees.to_vec(),
        form,
        status,
        start: Some(d(2024, 10, 1)),
        ..Unit::default()
    }
}

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

pub fn school() -> Dataset {
    let mut ds = Dataset::default();
    ds.orgs.insert(
        1,
        Organisation {
            id: 1,
            curator: "Миранова Галина Сергеевна".into(),
            curator_phone: "8 (86142) 4-14-60".into(),
            totals: Totals {
                pupils: Some(60),
                pupils_10_19: Some(40),
                pupils_15_19: Some(20),
                young_teachers: Some(4),
                enterprises: None, // not entered: «нет данных»
            },
            targets: vec![
                YearTargets {
                    year: "2024".into(),
                    mentees_10_19_pct: Some(5.0),
                    mentors_15_19_pct: Some(5.0),
                    young_teachers_pct: Some(50.0),
                    enterprises_pct: Some(10.0),
                    mentee_satisfaction_pct: Some(75.0),
                    mentor_satisfaction_pct: Some(75.0),
                },
                YearTargets {
                    year: "2025".into(),
                    mentees_10_19_pct: Some(10.0),
                    mentors_15_19_pct: Some(10.0),
                    young_teachers_pct: Some(70.0),
                    enterprises_pct: Some(20.0),
                    mentee_satisfaction_pct: Some(85.0),
                    mentor_satisfaction_pct: Some(85.0),
                },
            ],
            ..org("МКОУ «СОШ № 5»")
        },
    );
    ds.partners.insert(
        1,
        Partner {
            id: 1,
            org_id: 1,
            name: "АО «Энергосбыт»".into(),
            ..Partner::default()
        },
    );
    ds.programs.insert(
        1,
        Program {
            id: 1,
            org_id: 1,
            name: "Молодой педагог".into(),
            form: Some(Form::TeacherTeacher),
            ..Program::default()
        },
    );
    let mut kuznetsova = teacher(1, "Кузнецова Ольга Ивановна");
    kuznetsova.person.experience_years = Some(20);
    kuznetsova.capacity = 3;
    let mut orlov = teacher(2, "Орлов Илья Петрович");
    orlov.category = MentorCategory::Employer;
    orlov.partner_id = Some(1);
    let mut pavlov = teacher(3, "Павлов Денис Андреевич");
    pavlov.category = MentorCategory::Employer;
    pavlov.partner_id = Some(1); // the same enterprise: counted once
    let smirnova = pupil_mentor_of(4, "Смирнова Вера Олеговна", d(2008, 3, 10), 10);
    let mut lebedev = teacher(5, "Лебедев Артём Павлович");
    lebedev.category = MentorCategory::Student;
    let zaitsev = pupil_mentor_of(6, "Зайцев Олег Ильич", d(2006, 1, 5), 11);
    for m in [kuznetsova, orlov, pavlov, smirnova, lebedev, zaitsev] {
        ds.mentors.insert(m.id, m);
    }
    let mut petrov = young_teacher(1, "Петров Илья Сергеевич");
    petrov.person.experience_years = Some(3); // exactly 3: counts
    let sомова = pupil_mentee(
        2,
        "Сомова Анна \u{1b}[31mЛьвовна\u{202e}",
        d(2011, 3, 3),
        8,
        d(2024, 9, 1),
    );
    // Turned 19 on 01.05.2025, before the as-of date 15.05.2025.
    let grishin = pupil_mentee(3, "Гришин Максим Юрьевич", d(2006, 5, 1), 11, d(2024, 9, 1));
    let nikitina = pupil_mentee(
        4,
        "Никитина Дарья Алексеевна",
        d(2009, 9, 9),
        9,
        d(2024, 9, 1),
    );
    let mut fomin = young_teacher(5, "Фомин Кирилл Андреевич");
    fomin.person.experience_years = Some(4);
    let belova = pupil_mentee(6, "Белова Ксения Игоревна", d(2012, 2, 2), 7, d(2023, 9, 1));
    let ershov = pupil_mentee(7, "Ершов Глеб Романович", d(2010, 6, 6), 8, d(2025, 4, 1));
    for m in [petrov, sомова, grishin, nikitina, fomin, belova, ershov] {
        ds.mentees.insert(m.id, m);
    }
    use Form::*;
    use UnitStatus::*;
    let units = [
        Unit {
            program_id: Some(1),
            start: Some(d(2024, 9, 15)),
            planned_end: Some(d(2025, 5, 31)),
            ..unit(1, &[1], &[1, 5], TeacherTeacher, Active)
        },
        unit(2, &[4], &[2], PupilPupil, Active),
        Unit {
            start: Some(d(2024, 9, 20)),
            end: Some(d(2025, 3, 1)),
            result: "исправила оценки по математике".into(),
            ..unit(3, &[5], &[2], StudentPupil, Completed)
        },
        unit(4, &[2], &[3], EmployerPupil, Active),
        unit(5, &[3], &[4], EmployerPupil, Active),
        Unit {
            start: Some(d(2023, 10, 1)),
            end: Some(d(2024, 5, 31)),
            ..unit(6, &[6], &[6], PupilPupil, Completed)
        },
        Unit {
            start: None,
            ..unit(7, &[4], &[7], PupilPupil, Forming)
        },
    ];
    for u in units {
        ds.units.insert(u.id, u);
    }
    let meetings = [
        (2, d(2025, 4, 10), MeetingKind::Working, true),
        (2, d(2025, 4, 24), MeetingKind::Working, false),
        (4, d(2025, 3, 1), MeetingKind::Working, true),
        (1, d(2025, 5, 5), MeetingKind::Final, true),
    ];
    for (i, (unit_id, date, kind, feedback)) in meetings.into_iter().enumerate() {
        let id = i as Id + 1;
        ds.meetings.insert(
            id,
            Meeting {
                id,
                org_id: 1,
                unit_id,
                date,
                kind,
                feedback: Feedback {
                    mentee_mark: feedback.then_some(5),
                    ..Feedback::default()
                },
                ..Meeting::default()
            },
        );
    }
    let templates = [
        SurveyTemplate {
            id: 1,
            audience: Audience::Mentee,
            stage: SurveyStage::Entry,
            questions: vec![scale("Уверенность в своих силах", false, true)],
            ..SurveyTemplate::default()
        },
        SurveyTemplate {
            id: 2,
            audience: Audience::Mentee,
            stage: SurveyStage::Exit,
            questions: vec![
                scale("Комфорт общения", true, false),
                scale("Польза встреч", true, false),
                scale("Уверенность в своих силах", false, true),
                Question {
                    text: "Что было самым ценным?".into(),
                    kind: QuestionKind::Text,
                    satisfaction: false,
                    growth: false,
                },
            ],
            ..SurveyTemplate::default()
        },
        SurveyTemplate {
            id: 3,
            audience: Audience::Mentor,
            stage: SurveyStage::Exit,
            questions: vec![scale("Комфорт общения", true, false)],
            ..SurveyTemplate::default()
        },
    ];
    for t in templates {
        ds.templates.insert(t.id, t);
    }
    let answer = |q, v| Answer {
        question: q,
        value: AnswerValue::Scale(v),
    };
    let responses = [
        (
            1,
            PersonRef::Mentee(2),
            SurveyStage::Entry,
            d(2024, 9, 25),
            vec![answer(0, 4)],
        ),
        (
            2,
            PersonRef::Mentee(2),
            SurveyStage::Exit,
            d(2025, 3, 1),
            vec![
                answer(0, 9),
                answer(1, 9),
                answer(2, 7),
                Answer {
                    question: 3,
                    value: AnswerValue::Text("Проект \u{1b}[2Jпо химии".into()),
                },
            ],
        ),
        (
            3,
            PersonRef::Mentor(5),
            SurveyStage::Exit,
            d(2025, 3, 1),
            vec![answer(0, 8)],
        ),
    ];
    for (i, (template_id, who, stage, date, answers)) in responses.into_iter().enumerate() {
        let id = i as Id + 1;
        ds.responses.insert(
            id,
            SurveyResponse {
                id,
                org_id: 1,
                template_id,
                respondent: who,
                unit_id: Some(3),
                stage,
                date,
                answers,
                ..SurveyResponse::default()
            },
        );
    }
    ds
}

fn params(kind: Kind) -> Params {
    let mut p = Params::new(kind, d(2025, 5, 15), Some(1), Lang::Ru);
    p.made = d(2025, 5, 20);
    p
}

fn make(kind: Kind) -> nastavnik::reports::model::Report {
    let ds = school();
    let timelines = nastavnik::domain::meeting::timelines_of(ds.meetings.values());
    reports::build(&ds, &timelines, &params(kind))
}

/// Compares with `tests/golden/NAME`, or rewrites it when asked to.
fn golden(name: &str, text: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var("NASTAVNIK_UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with NASTAVNIK_UPDATE_GOLDEN=1",
            path.display()
        )
    });
    if want != text {
        let at = want
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(text.lines().count()));
        panic!(
            "{name} differs from the golden file at line {}:\n want: {:?}\n  got: {:?}\n\n{text}",
            at + 1,
            want.lines().nth(at),
            text.lines().nth(at)
        );
    }
}

fn cell(t: &nastavnik::reports::model::Table, row: usize, col: usize) -> String {
    t.rows[row][col].display(Lang::Ru)
}

#[test]
fn coverage_counts_by_the_rules_of_the_form() {
    let r = make(Kind::Coverage);
    let t = r.tables().next().unwrap();
    assert_eq!(
        t.columns[1..],
        [
            "Ученик – ученик",
            "Учитель – учитель",
            "Студент – ученик",
            "Работодатель – ученик",
            "Всего"
        ],
        "only the four standard forms have pairs"
    );
    let row = |i: usize| (1..6).map(|c| cell(t, i, c)).collect::<Vec<_>>();
    // Сомова is in two forms and counted once in total; Гришин is 19; the
    // pupil of the pair that ended in 2024 and the one still формируется
    // are left out.
    assert_eq!(row(0), ["1", "0", "1", "1", "2"]);
    // Смирнова (17); Зайцев's only pair ended before the period.
    assert_eq!(row(1), ["1", "0", "0", "0", "1"]);
    // Петров with exactly 3 years; Фомин has 4.
    assert_eq!(row(2), ["0", "1", "0", "0", "1"]);
    // Two mentors of one enterprise.
    assert_eq!(row(3), ["0", "0", "0", "1", "1"]);
    let txt = render::to_text(&r, 100, Lang::Ru);
    assert!(txt.contains("ФИО: Миранова Галина Сергеевна тел.: 8 (86142) 4-14-60"));
    assert!(txt
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100));
    golden("coverage.txt", &txt);
    let tsv = render::to_tsv(&r, Lang::Ru);
    assert!(tsv.starts_with(
        "indicator\tУченик – ученик\tУчитель – учитель\tСтудент – ученик\tРаботодатель – ученик\tВсего\n"
    ));
    assert_eq!(tsv.lines().count(), 5, "a header and one row per indicator");
    golden("coverage.tsv", &tsv);
}

#[test]
fn a_form_without_standard_column_gets_its_own() {
    let mut ds = school();
    ds.units.get_mut(&5).unwrap().form = Form::TeacherPupil;
    let r = reports::build(&ds, &Timelines::new(), &params(Kind::Coverage));
    let t = r.tables().next().unwrap();
    assert_eq!(t.columns[5], "Педагог – ученик");
    assert_eq!(cell(t, 0, 5), "1", "Никитина");
    assert_eq!(
        cell(t, 3, 4),
        "1",
        "the enterprise still counts under employer – pupil"
    );
}

#[test]
fn indicators_show_no_data_without_a_total() {
    let r = make(Kind::Indicators);
    let t = r.tables().next().unwrap();
    // 10–19: Сомова, Гришин (19) and Никитина of 40.
    assert_eq!(
        (cell(t, 0, 2), cell(t, 0, 3)),
        ("3 из 40".into(), "7,5 %".into())
    );
    // 15–19 mentors: Смирнова of 20.
    assert_eq!(cell(t, 1, 3), "5,0 %");
    assert_eq!(cell(t, 2, 3), "25,0 %");
    assert_eq!(
        cell(t, 3, 3),
        "нет данных",
        "no total of enterprises entered"
    );
    assert_eq!(cell(t, 4, 3), "90,0 %", "mentees: (9 + 9) / 2 / 10");
    assert_eq!(cell(t, 5, 3), "80,0 %");
    assert_eq!(t.columns[5], "План 2025");
    golden("indicators.txt", &render::to_text(&r, 100, Lang::Ru));
    golden("indicators.tsv", &render::to_tsv(&r, Lang::Ru));
}

/// The same open answer, written three ways, is one row with its count.
#[test]
fn the_surveys_report_merges_the_same_open_answer() {
    let mut ds = school();
    let first = ds.responses.get(&2).unwrap().clone();
    for (id, text) in [(10, "проект по химии!"), (11, "Проект  по ХИМИИ")]
    {
        let mut r = first.clone();
        r.id = id;
        r.answers.retain(|a| a.question == 3);
        r.answers[0].value = AnswerValue::Text(text.into());
        ds.responses.insert(id, r);
    }
    let text = render::to_text(
        &reports::build(&ds, &Timelines::new(), &params(Kind::Surveys)),
        200,
        Lang::Ru,
    );
    assert!(text.contains("| Проект по химии — 3"), "{text}");
    assert!(!text.contains("ХИМИИ"), "{text}");
}

/// Seed 002 writes targets per calendar year: a period of 01.01–31.12 is
/// held against that year's, and says so; a period across years is not.
#[test]
fn a_calendar_year_period_takes_that_years_targets() {
    let ds = school();
    let mut p = params(Kind::Indicators);
    (p.from, p.to) = (d(2024, 1, 1), d(2024, 12, 31));
    let r = reports::build(&ds, &Timelines::new(), &p);
    let t = r.tables().next().unwrap();
    assert_eq!(t.columns[3], "Факт 2024");
    let text = render::to_text(&r, 200, Lang::Ru);
    assert!(
        text.contains(
            "План: период — календарный год, факт 2024 сравнивается с целями столбца «План 2024»."
        ),
        "{text}"
    );
    (p.from, p.to) = (d(2023, 1, 1), d(2023, 12, 31));
    let text = render::to_text(&reports::build(&ds, &Timelines::new(), &p), 200, Lang::Ru);
    assert!(text.contains("План: целей на 2023 не задано"), "{text}");
    (p.from, p.to) = (d(2024, 6, 1), d(2025, 12, 31));
    let text = render::to_text(&reports::build(&ds, &Timelines::new(), &p), 200, Lang::Ru);
    assert!(
        text.contains("цели одного года к нему не применяются"),
        "{text}"
    );
}

#[test]
fn bases_pairs_monitoring_and_surveys_match_their_golden_files() {
    for (kind, name) in [
        (Kind::Mentors, "mentors.txt"),
        (Kind::Mentees, "mentees.txt"),
        (Kind::Pairs, "pairs.txt"),
        (Kind::Monitoring, "monitoring.txt"),
        (Kind::Surveys, "surveys.txt"),
    ] {
        let text = render::to_text(&make(kind), 100, Lang::Ru);
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100),
            "{name} is wider than 100 columns"
        );
        golden(name, &text);
    }
}

#[test]
fn the_pairs_order_lists_pairs_being_formed_and_active_only() {
    let r = make(Kind::Pairs);
    let t = r.tables().next().unwrap();
    let numbers: Vec<String> = t.rows.iter().map(|r| r[2].display(Lang::Ru)).collect();
    assert_eq!(t.rows.len(), 5, "units 1, 2, 4, 5, 7: {numbers:?}");
    assert!(
        numbers[4].starts_with("Ершов Глеб Романович"),
        "формируется is listed"
    );
}

#[test]
fn monitoring_counts_the_quarter() {
    let r = make(Kind::Monitoring);
    let tables: Vec<_> = r.tables().collect();
    // Meetings in April–June 2025: two working ones of pair 2, the final
    // one of pair 1.
    let meetings = tables[2];
    let total = meetings.rows.last().unwrap();
    assert_eq!(total[1].display(Lang::Ru), "3");
    let feedback = tables[3];
    assert_eq!(
        feedback.rows[0]
            .iter()
            .map(|c| c.display(Lang::Ru))
            .collect::<Vec<_>>(),
        ["2", "1", "50,0 %"]
    );
    // Pairs 4 and 5 are active without meetings this quarter.
    let silent: Vec<String> = tables[4]
        .rows
        .iter()
        .map(|r| r[0].display(Lang::Ru))
        .collect();
    assert_eq!(silent, ["#4", "#5"]);
    // Entry questionnaires owed by the pairs of the quarter (pair 3 ended in
    // March, pair 6 in 2024, pair 7 has not started): mentors of pairs 1, 2,
    // 4, 5, and mentees of 1 (two), 2, 4, 5 — Сомова answered for pair 3,
    // not for pair 2.
    let owed: Vec<String> = tables[5].rows[0]
        .iter()
        .map(|c| c.display(Lang::Ru))
        .collect();
    assert_eq!(owed, ["входные", "0", "4", "4", "0", "5", "5"]);
    // A mentor with a second pair owes one more questionnaire by pair, and
    // is still one person.
    let mut ds = school();
    ds.units.insert(
        8,
        Unit {
            start: Some(d(2025, 4, 1)),
            ..unit(8, &[1], &[6], Form::TeacherTeacher, UnitStatus::Active)
        },
    );
    let timelines = nastavnik::domain::meeting::timelines_of(ds.meetings.values());
    let r = reports::build(&ds, &timelines, &params(Kind::Monitoring));
    let owed: Vec<String> = r.tables().nth(5).unwrap().rows[0]
        .iter()
        .map(|c| c.display(Lang::Ru))
        .collect();
    assert_eq!(owed, ["входные", "0", "4", "5", "0", "6", "6"]);
    // Participants by category: the quarter's pairs, and who is new.
    let categories = tables[1];
    assert_eq!(categories.rows[0][0].display(Lang::Ru), "наставники");
}

#[test]
fn growth_is_reported_with_its_respondents() {
    let r = make(Kind::Surveys);
    let g = r.tables().nth(1).unwrap();
    let row: Vec<String> = g.rows[0].iter().map(|c| c.display(Lang::Ru)).collect();
    assert_eq!(
        row,
        [
            "наставляемые",
            "Уверенность в своих силах",
            "4,0",
            "7,0",
            "+3,0",
            "1"
        ]
    );
    let per = r.tables().nth(2).unwrap();
    let row: Vec<String> = per.rows[0].iter().map(|c| c.display(Lang::Ru)).collect();
    assert_eq!(row[2..], ["4", "7", "+3,0"]);
    let text = render::to_text(&r, 100, Lang::Ru);
    assert!(text.contains("Сомова Анна Львовна | Уверенность"), "{text}");
    assert!(
        text.contains("Проект по химии"),
        "the open answer, cleaned: {text}"
    );
}

#[test]
fn no_escape_or_bidi_character_reaches_any_report() {
    for kind in Kind::ALL {
        let r = make(kind);
        for text in [
            render::to_text(&r, 100, Lang::Ru),
            render::to_tsv(&r, Lang::Ru),
        ] {
            assert!(
                !text.chars().any(|c| c == '\u{1b}'
                    || c == '\u{202e}'
                    || (c.is_control() && c != '\n' && c != '\t')),
                "{kind:?}"
            );
            assert!(
                !text.contains("[31m"),
                "{kind:?}: the remains of a colour code"
            );
        }
    }
    let txt = render::to_text(&make(Kind::Mentees), 100, Lang::Ru);
    assert!(txt.contains("Сомова Анна Львовна"), "{txt}");
}

#[test]
fn the_text_width_is_honoured_and_english_exists() {
    let r = make(Kind::Monitoring);
    for w in [60, 80, 132] {
        let text = render::to_text(&r, w, Lang::Ru);
        assert!(
            text.lines()
                .all(|l| unicode_width::UnicodeWidthStr::width(l) <= w),
            "{w}"
        );
    }
    let mut p = params(Kind::Coverage);
    p.lang = Lang::En;
    let ds = school();
    let text = render::to_text(&reports::build(&ds, &Timelines::new(), &p), 100, Lang::En);
    assert!(
        text.contains("Pupils aged 10–18 in the program as mentees"),
        "{text}"
    );
}

#[test]
fn indicators_name_the_periods_academic_year_whatever_the_day_they_are_made() {
    let ds = school();
    let timelines = nastavnik::domain::meeting::timelines_of(ds.meetings.values());
    for as_of in [d(2026, 12, 1), d(2027, 2, 15)] {
        let mut p = Params::new(Kind::Indicators, as_of, Some(1), Lang::Ru);
        p.from = d(2025, 9, 1);
        p.to = d(2026, 8, 31);
        let text = nastavnik::reports::render::to_text(
            &reports::build(&ds, &timelines, &p),
            200,
            Lang::Ru,
        );
        assert!(text.contains("Факт 2025/2026"), "{text}");
        assert!(!text.contains("2026/2027"), "{text}");
    }
    let mut p = Params::new(Kind::Indicators, d(2026, 12, 1), Some(1), Lang::Ru);
    p.from = d(2024, 9, 1);
    p.to = d(2026, 8, 31);
    let text =
        nastavnik::reports::render::to_text(&reports::build(&ds, &timelines, &p), 200, Lang::Ru);
    assert!(
        text.contains("Факт за период") && text.contains("несколько учебных лет"),
        "{text}"
    );
}

#[test]
fn an_archived_pupil_counted_in_coverage_is_in_the_mentees_base_and_a_termination_gives_its_reason()
{
    let mut ds = school();
    let p = params(Kind::Mentees);
    let unit = reports::counted_units(&ds, &p).next().unwrap().clone();
    let pupil = unit.mentees[0];
    let name = ds.mentees[&pupil].person.full_name.clone();
    ds.mentees.get_mut(&pupil).unwrap().archived = true;
    let u = ds.units.get_mut(&unit.id).unwrap();
    u.status = UnitStatus::Terminated;
    u.end = Some(d(2025, 3, 1));
    u.end_reason = "переезд семьи".into();
    let timelines = nastavnik::domain::meeting::timelines_of(ds.meetings.values());
    let text = |kind| {
        nastavnik::reports::render::to_text(
            &reports::build(&ds, &timelines, &params(kind)),
            2000,
            Lang::Ru,
        )
    };
    let base = text(Kind::Mentees);
    assert!(base.contains(&name), "{base}");
    assert!(
        base.contains("прекращена (причина: переезд семьи)"),
        "{base}"
    );
    assert!(text(Kind::Mentors).contains("прекращена (причина: переезд семьи)"));
    // Someone archived with no pair counted in the period stays out.
    let idle = ds
        .mentees
        .values()
        .find(|m| !ds.units.values().any(|u| u.mentees.contains(&m.id)))
        .map(|m| m.id);
    if let Some(id) = idle {
        let gone = ds.mentees[&id].person.full_name.clone();
        ds.mentees.get_mut(&id).unwrap().archived = true;
        let base = nastavnik::reports::render::to_text(
            &reports::build(&ds, &timelines, &p),
            2000,
            Lang::Ru,
        );
        assert!(!base.contains(&gone), "{gone} is not in the base");
    }
}

#[test]
fn the_checklist_fills_each_row_from_the_documents_and_says_no_where_one_is_missing() {
    let mut ds = school();
    let doc = |id: Id, kind, number: &str, date, link: &str| Document {
        id,
        org_id: 1,
        kind,
        number: number.into(),
        date,
        link: link.into(),
        ..Document::default()
    };
    for d in [
        doc(
            1,
            DocumentKind::WebsiteSection,
            "",
            None,
            "https://sosh5.ru/nastavnichestvo",
        ),
        doc(
            2,
            DocumentKind::ImplementationOrder,
            "45",
            Some(d(2024, 8, 30)),
            "",
        ),
        doc(
            3,
            DocumentKind::Regulation,
            "46",
            Some(d(2024, 8, 30)),
            "https://sosh5.ru/pol.pdf",
        ),
        // An older order of the same kind gives way to the newer one.
        doc(4, DocumentKind::PairsOrder, "12-н", Some(d(2023, 9, 5)), ""),
        doc(
            5,
            DocumentKind::PairsOrder,
            "60-н",
            Some(d(2024, 9, 30)),
            "https://sosh5.ru/p60.pdf",
        ),
        Document {
            archived: true,
            ..doc(
                6,
                DocumentKind::CuratorOrder,
                "47",
                Some(d(2024, 8, 30)),
                "",
            )
        },
        // Made after the report's date (15.05.2025): not yet there, so
        // neither counted nor shown in place of the one in force.
        doc(7, DocumentKind::CuratorOrder, "88", Some(d(2025, 9, 1)), ""),
        doc(
            8,
            DocumentKind::ImplementationOrder,
            "99",
            Some(d(2025, 6, 1)),
            "",
        ),
    ] {
        ds.documents.insert(d.id, d);
    }
    // Pairs 1 and 2 by the order in the base, pair 3 by one typed on it;
    // 4 and 5 have none (6 ended before the period).
    for id in [1, 2] {
        ds.units.get_mut(&id).unwrap().order_id = Some(5);
    }
    ds.units.get_mut(&3).unwrap().order_no = "№ 61-н от 01.10.2024".into();
    ds.orgs.get_mut(&1).unwrap().registered_name =
        "Муниципальное казённое общеобразовательное учреждение «Средняя общеобразовательная школа № 5»".into();
    let timelines = nastavnik::domain::meeting::timelines_of(ds.meetings.values());
    let r = reports::build(&ds, &timelines, &params(Kind::Checklist));
    let t = r.tables().next().unwrap();
    let has: Vec<String> = (0..11).map(|i| cell(t, i, 2)).collect();
    assert_eq!(
        has,
        [
            "да", "да", "да", "нет", "нет", "нет", "нет", "нет", "да", "да", "нет"
        ],
        "{t:#?}"
    );
    assert_eq!(cell(t, 1, 3), "№ 45 от 30.08.2024");
    assert!(
        cell(t, 8, 3).contains("приказов: 2, последний № 60-н от 30.09.2024")
            && cell(t, 8, 3).ends_with("в базу документов не внесены: 1"),
        "{}",
        cell(t, 8, 3)
    );
    assert!(
        cell(t, 9, 3).starts_with("3 из 5; без приказа: #4, #5"),
        "{}",
        cell(t, 9, 3)
    );
    // Every order fixing a counted pair, kept in the base or typed on the
    // pair, and no other (12-н fixed none): they add up to the 3 of row 10.
    let orders = r.tables().nth(1).unwrap();
    let fixed: Vec<(String, String)> = (0..orders.rows.len())
        .map(|i| (cell(orders, i, 0), cell(orders, i, 1)))
        .collect();
    assert_eq!(
        fixed,
        [
            ("№ 61-н от 01.10.2024".to_string(), "1".to_string()),
            ("№ 60-н от 30.09.2024".to_string(), "2".to_string()),
        ]
    );
    let text = render::to_text(&r, 100, Lang::Ru);
    assert!(
        text.contains("Образовательное учреждение: Муниципальное казённое"),
        "{text}"
    );
    golden("checklist.txt", &text);
    golden("checklist.tsv", &render::to_tsv(&r, Lang::Ru));
}
