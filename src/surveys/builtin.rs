//! The questionnaires shipped with the program, built on the typical items
//! of the methodology (domain.md). Copied into a database once, by key, and
//! never overwritten there.

use crate::domain::*;

const NOTE: &str = "Типовая анкета по методологии ЦМН (Р-145). Сверьте её с региональной формой \
                    и при необходимости отредактируйте вопросы.";

fn scale(text: &str, satisfaction: bool, growth: bool) -> Question {
    Question {
        text: text.into(),
        kind: QuestionKind::Scale {
            min: 1,
            max: 10,
            min_label: "самый низший балл".into(),
            max_label: "самый высокий балл".into(),
        },
        satisfaction,
        growth,
    }
}

fn yes_no(text: &str) -> Question {
    Question {
        text: text.into(),
        kind: QuestionKind::YesNo,
        satisfaction: false,
        growth: false,
    }
}

fn open(text: &str) -> Question {
    Question {
        text: text.into(),
        kind: QuestionKind::Text,
        satisfaction: false,
        growth: false,
    }
}

fn how_often() -> Question {
    Question {
        text: "Как часто проходили ваши встречи?".into(),
        kind: QuestionKind::Single {
            options: [
                "раз в неделю",
                "раз в две недели",
                "раз в месяц",
                "реже раза в месяц",
            ]
            .map(String::from)
            .to_vec(),
        },
        satisfaction: false,
        growth: false,
    }
}

const MENTEE_GROWTH: [&str; 3] = [
    "Оцените свою уверенность в своих силах",
    "Оцените свою мотивацию к учёбе (работе)",
    "Оцените свои знания и умения по теме вашего запроса",
];

const MENTOR_GROWTH: [&str; 3] = [
    "Оцените свою уверенность в роли наставника",
    "Оцените свои навыки наставничества",
    "Оцените свою мотивацию к профессиональному развитию",
];

fn template(
    key: &str,
    title: &str,
    audience: Audience,
    stage: SurveyStage,
    questions: Vec<Question>,
) -> SurveyTemplate {
    SurveyTemplate {
        title: title.into(),
        note: NOTE.into(),
        audience,
        stage,
        questions,
        builtin_key: Some(key.into()),
        ..SurveyTemplate::default()
    }
}

/// All shipped templates, in a fixed order.
pub fn templates() -> Vec<SurveyTemplate> {
    let growth = |items: &[&str]| {
        items
            .iter()
            .map(|t| scale(t, false, true))
            .collect::<Vec<_>>()
    };
    let mut mentee_entry = growth(&MENTEE_GROWTH);
    mentee_entry.extend([
        scale(
            "Насколько вам понятны цели программы наставничества?",
            false,
            false,
        ),
        yes_no("Был ли у вас раньше наставник?"),
        open("С какой проблемой или задачей вы хотели бы справиться с помощью наставника?"),
        open("Чего вы ожидаете от программы?"),
    ]);
    let mut mentee_exit = vec![
        scale(
            "Насколько комфортным было общение с наставником?",
            true,
            false,
        ),
        scale(
            "Насколько наставник помог вам в решении конкретной проблемы?",
            true,
            false,
        ),
        scale("Насколько полезными были встречи?", true, false),
        scale("Насколько понятны были цели программы?", true, false),
        scale(
            "Насколько хорошо была спланирована и организована работа?",
            true,
            false,
        ),
    ];
    mentee_exit.extend(growth(&MENTEE_GROWTH));
    mentee_exit.extend([
        how_often(),
        yes_no("Хотели бы вы продолжить работу в программе наставничества?"),
        yes_no("Хотели бы вы сами стать наставником?"),
        open("Что было самым ценным в программе?"),
        open("Чего вам не хватило?"),
    ]);
    let mut mentor_entry = growth(&MENTOR_GROWTH);
    mentor_entry.extend([
        scale(
            "Насколько вам понятны цели программы наставничества?",
            false,
            false,
        ),
        yes_no("Был ли у вас опыт наставничества?"),
        open("Чего вы ожидаете от работы наставником?"),
    ]);
    let mut mentor_exit = vec![
        scale(
            "Насколько комфортным было общение с наставляемым?",
            true,
            false,
        ),
        scale(
            "Насколько эффективной, на ваш взгляд, была работа с наставляемым?",
            true,
            false,
        ),
        scale("Насколько полезными были встречи?", true, false),
        scale("Насколько понятны были цели программы?", true, false),
        scale(
            "Насколько хорошо была организована программа куратором?",
            true,
            false,
        ),
    ];
    mentor_exit.extend(growth(&MENTOR_GROWTH));
    mentor_exit.extend([
        how_often(),
        yes_no("Хотели бы вы продолжить работу наставником?"),
        open("Что было самым ценным в программе?"),
        open("Чего вам не хватило?"),
    ]);
    let curator = vec![
        scale(
            "Оцените, насколько программа достигла поставленных целей",
            false,
            false,
        ),
        open("Сильные стороны программы (S)"),
        open("Слабые стороны программы (W)"),
        open("Возможности (O)"),
        open("Угрозы (T)"),
    ];
    vec![
        template(
            "mentee_entry",
            "Анкета наставляемого (входная)",
            Audience::Mentee,
            SurveyStage::Entry,
            mentee_entry,
        ),
        template(
            "mentee_exit",
            "Анкета наставляемого (итоговая)",
            Audience::Mentee,
            SurveyStage::Exit,
            mentee_exit,
        ),
        template(
            "mentor_entry",
            "Анкета наставника (входная)",
            Audience::Mentor,
            SurveyStage::Entry,
            mentor_entry,
        ),
        template(
            "mentor_exit",
            "Анкета наставника (итоговая)",
            Audience::Mentor,
            SurveyStage::Exit,
            mentor_exit,
        ),
        template(
            "curator",
            "Анкета куратора (итоговая, SWOT)",
            Audience::Curator,
            SurveyStage::Exit,
            curator,
        ),
    ]
}

/// The shipped templates a database does not hold yet (by key), ready to be
/// copied in for `org_id`. Those already there are never touched, so a
/// school's edits stay.
pub fn missing(ds: &Dataset, org_id: Id) -> Vec<SurveyTemplate> {
    templates()
        .into_iter()
        .filter(|t| {
            !ds.templates
                .values()
                .any(|have| have.builtin_key == t.builtin_key)
        })
        .map(|t| SurveyTemplate { org_id, ..t })
        .collect()
}
