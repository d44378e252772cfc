//! A pair or group (пара, группа): its people, form and program, and what
//! the curator keeps of its course (status, order, dates, result).

use super::person::parse_wishes;
use super::{Access, Ctx, FieldKey, FieldSpec, Kind, Problem, RefKind, Value, L};
use crate::domain::{
    AgreementKind, Form, Id, MentoringKind, PayBasis, PersonRef, Unit, UnitStatus,
};
use crate::text::{fold, sanitize_line, split_tags};

/// The record this file declares the fields of (the macros name it `R`).
type R = Unit;

fn names(ids: &[Id], ctx: &Ctx, mentor: bool) -> Value {
    let list: Vec<&str> = ids
        .iter()
        .map(|id| {
            ctx.ds.person_name(if mentor {
                PersonRef::Mentor(*id)
            } else {
                PersonRef::Mentee(*id)
            })
        })
        .collect();
    Value::Text(list.join("; "))
}

/// The people a field names: a name already in the unit keeps its person
/// (even archived, or sharing the name with another); a new one is looked
/// up by name or `#id`.
fn people_of<'a>(
    current: &[Id],
    text: &str,
    name_of: impl Fn(Id) -> &'a str,
    people: impl Iterator<Item = (Id, &'a crate::domain::Person, bool)> + Clone,
) -> Result<Vec<Id>, Problem> {
    let key = |name: &str| fold(&sanitize_line(name));
    let mut out = Vec::new();
    for tag in split_tags(text) {
        match current.iter().find(|id| key(name_of(**id)) == key(&tag)) {
            Some(id) => out.push(*id),
            None => out.extend(parse_wishes(&tag, people.clone())?),
        }
    }
    out.dedup();
    Ok(out)
}

fn set_mentors(u: &mut Unit, v: Value, ctx: &Ctx) -> Result<(), Problem> {
    let people = ctx
        .ds
        .mentors
        .values()
        .map(|m| (m.id, &m.person, m.archived));
    let name = |id| ctx.ds.person_name(PersonRef::Mentor(id));
    u.mentors = people_of(&u.mentors, &v.into_text(), name, people)?;
    Ok(())
}

fn set_mentees(u: &mut Unit, v: Value, ctx: &Ctx) -> Result<(), Problem> {
    let people = ctx
        .ds
        .mentees
        .values()
        .map(|m| (m.id, &m.person, m.archived));
    let name = |id| ctx.ds.person_name(PersonRef::Mentee(id));
    u.mentees = people_of(&u.mentees, &v.into_text(), name, people)?;
    Ok(())
}

pub static UNIT: &[FieldSpec<Unit>] = &[
    FieldSpec::<R>::new(
        FieldKey::Mentors,
        L("Наставники", "Mentors"),
        &[
            "Наставник",
            "mentor",
            "Наставники",
            "mentors",
            "ФИО наставника",
        ],
        Kind::Tags,
        Access::Custom(|u, ctx| names(&u.mentors, ctx, true), set_mentors),
    )
    .required(),
    FieldSpec::<R>::new(
        FieldKey::Mentees,
        L("Наставляемые", "Mentees"),
        &[
            "Наставляемый",
            "mentee",
            "Наставляемые",
            "mentees",
            "ФИО наставляемого",
        ],
        Kind::Tags,
        Access::Custom(|u, ctx| names(&u.mentees, ctx, false), set_mentees),
    )
    .required(),
    choice!(
        Form,
        L("Форма", "Form"),
        ["Форма", "form", "Форма наставничества"],
        Form,
        form
    ),
    maybe!(
        MentoringKind,
        L("Вид наставничества", "Kind"),
        ["Вид наставничества", "kind", "Вид"],
        MentoringKind,
        kind
    ),
    FieldSpec::<R>::new(
        FieldKey::Program,
        L("Программа", "Program"),
        &["Программа", "program", "Программа наставничества"],
        Kind::Ref(RefKind::Program),
        Access::Ref(|u| u.program_id, |u, id| u.program_id = id),
    ),
    choice!(
        Status,
        L("Статус", "Status"),
        ["Статус", "status"],
        UnitStatus,
        status
    ),
    date!(
        Start,
        L("Дата начала", "Start"),
        ["Дата начала", "start"],
        start
    ),
    FieldSpec::<R>::new(
        FieldKey::OrderDocument,
        L("Приказ из базы", "Order (documents)"),
        &["Приказ из базы документов", "order_document"],
        Kind::Ref(RefKind::PairsOrder),
        Access::Ref(|u| u.order_id, |u, id| u.order_id = id),
    )
    .short(L("Приказ", "Order")),
    text!(
        OrderNo,
        L("Приказ №", "Order no."),
        ["Приказ", "order"],
        order_no
    ),
    date!(
        OrderDate,
        L("Дата приказа", "Order date"),
        ["Дата приказа", "order_date"],
        order_date
    ),
    date!(
        PlannedEnd,
        L("Плановое окончание", "Planned end"),
        [
            "Плановое окончание",
            "planned_end",
            "Плановая дата окончания"
        ],
        planned_end
    ),
    text!(
        RoleModel,
        L("Ролевая модель", "Role model"),
        ["Ролевая модель", "role_model"],
        role_model
    ),
    text!(
        Venue,
        L("Место реализации", "Place"),
        ["Место реализации", "venue"],
        place
    ),
    date!(
        End,
        L("Дата окончания", "End"),
        ["Дата окончания", "end", "Дата завершения"],
        end
    ),
    text!(
        EndReason,
        L("Причина прекращения", "Reason ended"),
        ["Причина прекращения", "end_reason"],
        end_reason
    ),
    multi!(
        Result,
        L("Результат", "Result"),
        ["Результаты", "result", "Результат"],
        result
    ),
    text!(
        CaseLink,
        L("Ссылка на кейс/отзыв", "Case link"),
        ["Ссылка на кейс/отзыв", "case_link", "Ссылка на кейс"],
        case_link
    ),
    // ТК РФ ст. 351.8: kept for an employee mentoring an employee.
    date!(
        MentorConsent,
        L("Согласие наставника", "Mentor's consent"),
        ["Согласие наставника", "mentor_consent"],
        mentor_consent
    ),
    maybe!(
        AgreementKind,
        L("Соглашение", "Agreement"),
        ["Соглашение", "agreement_kind", "Вид соглашения"],
        AgreementKind,
        agreement_kind
    ),
    text!(
        AgreementNo,
        L("№ соглашения", "Agreement no."),
        ["№ соглашения", "agreement_no", "Номер соглашения"],
        agreement_no
    ),
    date!(
        AgreementDate,
        L("Дата соглашения", "Agreement date"),
        ["Дата соглашения", "agreement_date"],
        agreement_date
    ),
    date!(
        AgreementFrom,
        L("Срок соглашения с", "Agreed from"),
        ["Срок по соглашению с", "agreement_from"],
        agreement_from
    ),
    date!(
        AgreementTo,
        L("Срок соглашения по", "Agreed to"),
        ["Срок по соглашению по", "agreement_to"],
        agreement_to
    ),
    maybe!(
        PayBasis,
        L("Основание оплаты", "Pay basis"),
        ["Основание оплаты", "pay_basis", "Оплата"],
        PayBasis,
        pay_basis
    ),
    date!(
        NoticeDate,
        L("Дата уведомления", "Notice date"),
        [
            "Дата уведомления",
            "notice_date",
            "Уведомление о прекращении"
        ],
        notice_date
    ),
    archived!(),
];
