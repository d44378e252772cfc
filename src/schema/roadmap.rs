//! A roadmap item (пункт дорожной карты): what the document says, and the
//! status and evidence of its doing.

use super::{Access, FieldKey, FieldSpec, Kind, Value, L};
use crate::domain::{RoadmapItem, RoadmapStatus};
use crate::text::normalize_space;

/// The record this file declares the fields of (the macros name it `R`).
type R = RoadmapItem;

pub static ROADMAP: &[FieldSpec<RoadmapItem>] = &[
    choice!(Status, L("Статус", "Status"), [], RoadmapStatus, status),
    text!(
        Evidence,
        L("Подтверждение (приказ №…)", "Evidence (order no. …)"),
        [],
        evidence
    ),
    text!(ItemNumber, L("Номер пункта", "Item number"), [], number),
    // Several lines to read a long title; stored as one.
    FieldSpec::<R>::new(
        FieldKey::Title,
        L("Мероприятие", "Event"),
        &[],
        Kind::Multi(3),
        Access::Custom(
            |r, _| Value::Text(r.title.clone()),
            |r, v, _| {
                r.title = normalize_space(&v.into_text());
                Ok(())
            },
        ),
    )
    .required(),
    // The deadline as written; the date it means is read from it.
    FieldSpec::<R>::new(
        FieldKey::Deadline,
        L("Срок (как в документе)", "Deadline (as written)"),
        &[],
        Kind::Text,
        Access::Custom(
            |r, _| Value::Text(r.deadline_text.clone()),
            |r, v, _| {
                r.deadline_text = v.into_text();
                r.deadline = crate::roadmap::deadline::parse(&r.deadline_text);
                Ok(())
            },
        ),
    ),
    text!(
        Responsible,
        L("Ответственный", "Responsible"),
        [],
        responsible
    ),
    text!(Result, L("Результат", "Result"), [], result),
    text!(Section, L("Раздел", "Section"), [], section),
];
