//! A questionnaire template (шаблон анкеты): who answers it and when, and
//! its questions written one a line (see `surveys::text_form`).

use super::person::parse_forms;
use super::{Access, Ctx, FieldKey, FieldSpec, Kind, Problem, Value, L};
use crate::domain::{Audience, QuestionKind, SurveyStage, SurveyTemplate};

/// The record this file declares the fields of (the macros name it `R`).
type R = SurveyTemplate;

fn set_questions(t: &mut SurveyTemplate, v: Value, ctx: &Ctx) -> Result<(), Problem> {
    let questions = crate::surveys::text_form::parse(&v.into_text(), ctx.lang).map_err(|errs| {
        Problem::Line {
            line: errs[0].line,
            message: errs[0].message.clone(),
            more: errs.len() - 1,
        }
    })?;
    if questions.is_empty() {
        return Err(Problem::Required);
    }
    // Answers point at questions by position: once a template has answers,
    // its questions may be reworded or added at the end, but not removed,
    // reordered or changed in kind.
    let answered = t.id != 0 && ctx.ds.responses.values().any(|r| r.template_id == t.id);
    let same_kind =
        |a: &QuestionKind, b: &QuestionKind| std::mem::discriminant(a) == std::mem::discriminant(b);
    if answered
        && (questions.len() < t.questions.len()
            || t.questions
                .iter()
                .zip(&questions)
                .any(|(a, b)| !same_kind(&a.kind, &b.kind)))
    {
        return Err(Problem::Say(L(
            "на анкету уже отвечали: вопросы можно переформулировать или дописать в конец, но не удалять и не менять их вид",
            "answers exist: reword or append questions, but do not remove them or change their kind",
        )));
    }
    t.questions = questions;
    Ok(())
}

pub static TEMPLATE: &[FieldSpec<SurveyTemplate>] = &[
    text!(Title, L("Название", "Title"), [], title).required(),
    choice!(
        Audience,
        L("Кто отвечает", "Who answers"),
        [],
        Audience,
        audience
    ),
    choice!(Stage, L("Этап", "Stage"), [], SurveyStage, stage),
    FieldSpec::<R>::new(
        FieldKey::Forms,
        L("Формы (пусто — все)", "Forms (empty: all)"),
        &[],
        Kind::Tags,
        Access::Custom(
            |t, ctx| {
                let labels: Vec<&str> = t.forms.iter().map(|f| f.label(ctx.lang)).collect();
                Value::Text(labels.join("; "))
            },
            |t, v, ctx| {
                t.forms = parse_forms(&v.into_text(), ctx)?;
                Ok(())
            },
        ),
    ),
    multi!(Note, L("Пояснение", "Note"), [], note),
    FieldSpec::<R>::new(
        FieldKey::Questions,
        L("Вопросы по строкам", "Questions, a line each"),
        &[],
        Kind::Multi(12),
        Access::Custom(
            |t, ctx| Value::Text(crate::surveys::text_form::format(&t.questions, ctx.lang)),
            set_questions,
        ),
    )
    .required(),
];
