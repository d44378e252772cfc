//! A meeting of a pair (журнал встреч): when, how, who came, what was done,
//! and the feedback the model requires after it.

use super::access::{date, number, opt_value, parsed};
use super::{Access, Choices, Ctx, FieldKey, FieldSpec, Kind, Problem, Value, L};
use crate::domain::dates::format_date;
use crate::domain::{Dataset, Meeting, MeetingFormat, MeetingKind, PersonRef};
use crate::text::{fold, split_tags};

/// The record this file declares the fields of (the macros name it `R`).
type R = Meeting;

/// A person's name, or `#id` when the record is gone.
pub fn attendee_name(ds: &Dataset, r: PersonRef) -> String {
    let person = match r {
        PersonRef::Mentor(id) => ds.mentors.get(&id).map(|m| &m.person),
        PersonRef::Mentee(id) => ds.mentees.get(&id).map(|m| &m.person),
        PersonRef::Curator(_) => return ds.person_name(r).to_string(),
    };
    person
        .map(|p| p.full_name.clone())
        .unwrap_or_else(|| match r {
            PersonRef::Mentor(id) | PersonRef::Mentee(id) | PersonRef::Curator(id) => {
                format!("#{id}")
            }
        })
}

fn side(m: &Meeting, ctx: &Ctx, mentor: bool) -> Value {
    let Some(u) = ctx.ds.units.get(&m.unit_id) else {
        return Value::Text(String::new());
    };
    let ids = if mentor { &u.mentors } else { &u.mentees };
    let list: Vec<String> = ids
        .iter()
        .map(|id| {
            attendee_name(
                ctx.ds,
                if mentor {
                    PersonRef::Mentor(*id)
                } else {
                    PersonRef::Mentee(*id)
                },
            )
        })
        .collect();
    Value::Text(list.join("; "))
}

/// Who attended: each name is one of the pair's people (case and ё folded).
/// A name that is not in the pair is an error, not a guess.
fn set_attendees(m: &mut Meeting, v: Value, ctx: &Ctx) -> Result<(), Problem> {
    let Some(unit) = ctx.ds.units.get(&m.unit_id) else {
        m.attendees.clear();
        return Ok(());
    };
    let people: Vec<(PersonRef, String)> = unit
        .people()
        .map(|r| (r, fold(&attendee_name(ctx.ds, r))))
        .collect();
    let mut out = Vec::new();
    for tag in split_tags(&v.into_text()) {
        let folded = fold(&tag);
        let found: Vec<PersonRef> = people
            .iter()
            .filter(|(_, name)| *name == folded)
            .map(|(r, _)| *r)
            .collect();
        match found.as_slice() {
            [r] if !out.contains(r) => out.push(*r),
            [_] => {}
            [] => return Err(Problem::NotInPair(tag)),
            _ => return Err(Problem::TwoOfName(tag)),
        }
    }
    m.attendees = out;
    Ok(())
}

/// A mark as typed; whether it is 1–5 is the domain's rule.
fn mark(t: &str) -> Result<Option<u8>, Problem> {
    Ok(number(t)?.map(|n| u8::try_from(n).unwrap_or(u8::MAX)))
}

pub static MEETING: &[FieldSpec<Meeting>] = &[
    FieldSpec::<R>::new(
        FieldKey::Pair,
        L("Пара", "Pair"),
        &["Пара", "pair"],
        Kind::Text,
        Access::Custom(
            |m, _| Value::Text(format!("#{}", m.unit_id)),
            |m, v, ctx| {
                let t = v.into_text();
                let id = t.trim_start_matches('#').trim().parse().ok();
                match id.filter(|id| ctx.ds.units.get(id).is_some_and(|u| !u.archived)) {
                    Some(id) => m.unit_id = id,
                    None => return Err(Problem::NoSuchRecord(t)),
                }
                Ok(())
            },
        ),
    )
    .shown_only(),
    FieldSpec::<R>::new(
        FieldKey::Mentors,
        L("Наставник", "Mentor"),
        &["Наставник", "mentor", "ФИО наставника"],
        Kind::Text,
        // The import finds the pair by both names (exchange/meetings.rs); a
        // meeting never changes its pair's people.
        Access::Custom(|m, ctx| side(m, ctx, true), |_, _, _| Ok(())),
    )
    .shown_only(),
    FieldSpec::<R>::new(
        FieldKey::Mentees,
        L("Наставляемый", "Mentee"),
        &["Наставляемый", "mentee", "ФИО наставляемого"],
        Kind::Text,
        Access::Custom(|m, ctx| side(m, ctx, false), |_, _, _| Ok(())),
    )
    .shown_only(),
    FieldSpec::<R>::new(
        FieldKey::Date,
        L("Дата", "Date"),
        &["Дата", "date", "Дата встречи"],
        Kind::Date,
        Access::Custom(
            |m, _| Value::Text(format_date(m.date)),
            |m, v, _| {
                m.date = date(&v.into_text())?.ok_or(Problem::Required)?;
                Ok(())
            },
        ),
    )
    .required(),
    FieldSpec::<R>::new(
        FieldKey::MeetingKind,
        L("Вид встречи", "Kind"),
        &["Вид встречи", "kind"],
        Kind::Choice(Choices::of::<MeetingKind>()),
        Access::Choice(
            |m| {
                MeetingKind::ALL
                    .iter()
                    .position(|k| *k == m.kind)
                    .unwrap_or(0)
            },
            |m, i| m.kind = MeetingKind::ALL.get(i).copied().unwrap_or(m.kind),
        ),
    ),
    choice!(
        Format,
        L("Формат", "Format"),
        ["Формат", "format"],
        MeetingFormat,
        format
    ),
    FieldSpec::<R>::new(
        FieldKey::Attendees,
        L("Присутствовали", "Attended"),
        &[],
        Kind::Tags,
        Access::Custom(
            |m, ctx| {
                let names: Vec<String> = m
                    .attendees
                    .iter()
                    .map(|r| attendee_name(ctx.ds, *r))
                    .collect();
                Value::Text(names.join("; "))
            },
            set_attendees,
        ),
    ),
    FieldSpec::<R>::new(
        FieldKey::StartTime,
        L("Время (ЧЧ:ММ)", "Time (HH:MM)"),
        &[],
        Kind::Text,
        Access::Custom(
            |m, _| opt_value(m.start_time.map(|t| t.format("%H:%M"))),
            |m, v, _| {
                m.start_time = parsed(
                    &v.into_text(),
                    |t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok(),
                    L("время как 15:30", "a time like 15:30"),
                )?;
                Ok(())
            },
        ),
    ),
    number!(
        Duration,
        L("Длительность, мин", "Duration, min"),
        [],
        duration_min
    ),
    text!(Place, L("Место", "Place"), [], place),
    text!(Topic, L("Тема", "Topic"), ["Тема", "topic"], topic),
    multi!(
        Outcome,
        L("Что сделано", "What was done"),
        ["Итоги", "outcome", "Что сделано"],
        outcome
    ),
    multi!(NextSteps, L("Договорённости", "Next steps"), [], next_steps),
    FieldSpec::<R>::new(
        FieldKey::MenteeMark,
        L("Оценка наставляемого 1–5", "Mentee's mark 1–5"),
        &["Оценка наставляемого", "mentee_mark"],
        Kind::Number,
        Access::Custom(
            |m, _| opt_value(m.feedback.mentee_mark),
            |m, v, _| {
                m.feedback.mentee_mark = mark(&v.into_text())?;
                Ok(())
            },
        ),
    ),
    FieldSpec::<R>::new(
        FieldKey::MentorMark,
        L("Оценка наставника 1–5", "Mentor's mark 1–5"),
        &["Оценка наставника", "mentor_mark"],
        Kind::Number,
        Access::Custom(
            |m, _| opt_value(m.feedback.mentor_mark),
            |m, v, _| {
                m.feedback.mentor_mark = mark(&v.into_text())?;
                Ok(())
            },
        ),
    ),
    multi!(
        Comment,
        L("Отзыв", "Feedback comment"),
        [],
        feedback.comment
    ),
    archived!(),
];
