//! A school's roadmap for the demo year, after the school roadmap of seed
//! 004: items well past their date are done with an order as evidence, one
//! is left overdue, ongoing and quarterly work is in progress.

use crate::domain::dates::format_date;
use crate::domain::*;
use crate::roadmap::deadline;
use chrono::{Duration, NaiveDate};

/// (number, title, deadline as written, responsible, result); `{y}` and
/// `{n}` stand for the academic year's first and second calendar years.
const ITEMS: [(&str, &str, &str, &str, &str); 16] = [
    ("1.1", "Назначение куратора внедрения целевой модели наставничества", "до 01.09.{y}", "Директор", "Приказ"),
    ("1.2", "Утверждение дорожной карты реализации целевой модели наставничества", "до 01.09.{y}", "Директор", "Дорожная карта, приказ"),
    ("1.3", "Утверждение положения о программе наставничества", "до 15.09.{y}", "Заместитель директора по УВР", "Положение"),
    ("2.1", "Информирование участников образовательных отношений о реализации ЦМН", "сентябрь {y} г.", "Куратор", "Информация на сайте школы"),
    ("2.2", "Формирование базы наставляемых", "Август- сентябрь {y} г", "Куратор", "База наставляемых с перечнем запросов"),
    ("2.3", "Формирование базы наставников", "Август- сентябрь {y} г", "Куратор", "База наставников"),
    ("2.4", "Формирование наставнических пар или групп", "октябрь {y} г.", "Директор", "Приказ о закреплении наставнических пар"),
    ("3.1", "Обучение наставников", "Октябрь- ноябрь {y} г.", "Куратор", "Программа обучения"),
    ("3.2", "Организация работы наставнических пар: встреча-знакомство, пробная, планирование, совместная работа с обратной связью, итоговая", "в течение всего периода реализации ЦМН", "Куратор", "Журнал встреч"),
    ("3.3", "Входное анкетирование наставников и наставляемых", "до 15.10.{y}", "Куратор", "Анкеты"),
    ("3.4", "Итоговое анкетирование наставников и наставляемых", "май {n} г.", "Куратор", "Анкеты, справка"),
    ("3.5", "Завершение наставничества: подведение итогов, открытое мероприятие", "май {n} г.", "Заместитель директора по УВР", "Отчёт"),
    ("4.1", "Мониторинг реализации программы наставничества", "ежеквартально до 15 числа", "Куратор", "Информационная справка"),
    ("4.2", "Оценка качества реализации программ наставничества", "Январь - май {n} г.", "Куратор", "Аналитическая справка"),
    ("4.3", "Персонифицированный учёт участников программ наставничества", "в течение всего периода", "Куратор", "База участников"),
    ("4.4", "Публикация лучших практик наставничества на сайте школы", "июнь {n} г.", "Куратор", "Материалы на сайте"),
];

const SECTIONS: [(&str, &str); 4] = [
    ("1", "1. Нормативное правовое регулирование"),
    (
        "2",
        "2. Организационная, методическая и информационная работа",
    ),
    ("3", "3. Реализация программы наставничества"),
    ("4", "4. Мониторинг и оценка результатов"),
];

/// The items for an organisation, ids left to the caller.
pub fn items(org_id: Id, year: i32, as_of: NaiveDate) -> Vec<RoadmapItem> {
    let mut order_no = 40;
    ITEMS
        .iter()
        .map(|(number, title, when, responsible, result)| {
            let text = when
                .replace("{y}", &year.to_string())
                .replace("{n}", &(year + 1).to_string());
            let parsed = deadline::parse(&text);
            let due = parsed.as_ref().and_then(|d| match d {
                Deadline::By { date } => Some(*date),
                Deadline::Within { to, .. } => Some(*to),
                _ => None,
            });
            let section = SECTIONS
                .iter()
                .find(|(n, _)| number.starts_with(n))
                .map(|(_, s)| s.to_string())
                .unwrap_or_default();
            // Input questionnaires are the item a busy school forgets.
            let (status, evidence) = match (parsed.as_ref(), due) {
                (_, Some(due)) if *number != "3.3" && due + Duration::days(20) < as_of => {
                    order_no += 3;
                    let signed = (due - Duration::days(3)).min(as_of);
                    (
                        RoadmapStatus::Done,
                        format!("Приказ № {order_no} от {}", format_date(signed)),
                    )
                }
                (Some(Deadline::Ongoing | Deadline::Quarterly { .. }), _) => {
                    (RoadmapStatus::InProgress, String::new())
                }
                _ => (RoadmapStatus::Planned, String::new()),
            };
            RoadmapItem {
                org_id,
                number: number.to_string(),
                section,
                title: title.to_string(),
                deadline_text: text,
                deadline: parsed,
                responsible: responsible.to_string(),
                result: result.to_string(),
                status,
                evidence,
                ..RoadmapItem::default()
            }
        })
        .collect()
}
