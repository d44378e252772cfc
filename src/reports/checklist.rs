//! `checklist`: the monitoring checklist a region sends to schools (the
//! program's documents, bases and orders, row by row), each row filled from
//! the data and «нет» where something is missing.

use super::model::{Cell, Report, Table};
use super::{counted_units, period_rule, Params};
use crate::domain::dates::format_date;
use crate::domain::*;

/// One row of the checklist: whether the school has it, and what shows it.
struct Row {
    label: String,
    has: bool,
    detail: String,
}

/// The day a document must be dated by to count: it existed on the
/// report's date, and was in force for the period.
fn cutoff(p: &Params) -> chrono::NaiveDate {
    p.as_of.min(p.to)
}

/// The school's live documents of a kind dated by the cutoff (an undated
/// one counts: nothing says it came later), the latest first.
fn documents<'a>(ds: &'a Dataset, org: Id, kind: DocumentKind, p: &Params) -> Vec<&'a Document> {
    let by = cutoff(p);
    let mut v: Vec<&Document> = ds
        .documents
        .values()
        .filter(|d| d.org_id == org && d.kind == kind && !d.archived && d.is_shown())
        .filter(|d| d.date.is_none_or(|date| date <= by))
        .collect();
    v.sort_by_key(|d| std::cmp::Reverse((d.date, d.id)));
    v
}

/// The order fixing a counted pair, as the report sees it: the document
/// the pair names, or the number and date typed on the pair (id 0); none
/// if the pair has none, or only one dated after the report's date.
fn fixing_order(ds: &Dataset, u: &Unit, p: &Params) -> Option<Document> {
    let order = match u.order_id.and_then(|id| ds.documents.get(&id)) {
        Some(d) => d.clone(),
        None => Document {
            kind: DocumentKind::PairsOrder,
            number: u.order_no.trim().to_string(),
            date: u.order_date,
            ..Document::default()
        },
    };
    let named = !order.number.trim().is_empty() || order.date.is_some();
    (named && order.date.is_none_or(|d| d <= p.as_of)).then_some(order)
}

/// The orders fixing the school's counted pairs, oldest first, each with
/// how many of them it fixes; and the pairs without one.
fn orders_of<'a>(
    ds: &Dataset,
    units: &[&'a Unit],
    p: &Params,
) -> (Vec<(Document, usize)>, Vec<&'a Unit>) {
    let mut orders: std::collections::BTreeMap<_, (Document, usize)> = Default::default();
    let mut without = Vec::new();
    for u in units {
        match fixing_order(ds, u, p) {
            Some(d) => {
                let key = (d.date, d.id, d.number.trim().to_lowercase());
                orders.entry(key).or_insert((d, 0)).1 += 1;
            }
            None => without.push(*u),
        }
    }
    (orders.into_values().collect(), without)
}

/// «№ 112-о от 30.08.2025, https://…»: how a document is shown.
fn cited(d: &Document, lang: crate::i18n::Lang) -> String {
    let requisites = match d.number.trim().is_empty() && d.date.is_none() {
        true => String::new(),
        false => d.requisites_in(lang),
    };
    [requisites, d.link.trim().to_string()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn rows(ds: &Dataset, org: Id, p: &Params) -> Vec<Row> {
    let row = |ru: &str, en: &str, has: bool, detail: String| Row {
        label: p.pick(ru, en).to_string(),
        has,
        detail,
    };
    let not_in_base = |what: String| {
        crate::tr!(
            p.lang,
            "документ не внесён в базу; {what}",
            "no document in the base; {what}"
        )
    };
    // A row of one kind of document: the latest one (every programme), or
    // «нет» with `missing` saying what the data hold instead.
    let one = |ru: &str, en: &str, kind, missing: String| {
        let docs = documents(ds, org, kind, p);
        let take = if kind == DocumentKind::Program {
            docs.len()
        } else {
            1
        };
        let shown: Vec<String> = docs.iter().take(take).map(|d| cited(d, p.lang)).collect();
        match shown.is_empty() {
            false => row(ru, en, true, shown.join("; ")),
            true => row(ru, en, false, missing),
        }
    };
    let roadmap_items = ds
        .roadmap
        .values()
        .filter(|i| i.org_id == org && !i.archived)
        .count();
    let programs_in_base = ds
        .programs
        .values()
        .filter(|x| x.org_id == org && !x.archived)
        .count();
    let units: Vec<&Unit> = counted_units(ds, p).filter(|u| u.org_id == org).collect();
    let (orders, without_order) = orders_of(ds, &units, p);
    let typed_orders = orders.iter().filter(|(d, _)| d.id == 0).count();
    let people = |live: usize, kind: &str| format!("{kind}: {live}");
    let mentors = ds
        .mentors
        .values()
        .filter(|m| m.org_id == org && !m.archived)
        .count();
    let mentees = ds
        .mentees
        .values()
        .filter(|m| m.org_id == org && !m.archived)
        .count();
    let cases: Vec<&Unit> = ds
        .units
        .values()
        .filter(|u| u.org_id == org && !u.archived && !u.case_link.trim().is_empty())
        .collect();
    let practices = ds
        .programs
        .values()
        .filter(|x| x.org_id == org && !x.archived && x.effective)
        .count();
    vec![
        one(
            "Раздел «Наставничество» на сайте ОО",
            "The «Mentoring» section of the school's website",
            DocumentKind::WebsiteSection,
            String::new(),
        ),
        one(
            "Приказ о внедрении ЦМН",
            "Order introducing the target model",
            DocumentKind::ImplementationOrder,
            String::new(),
        ),
        one(
            "Положение о системе наставничества",
            "Regulation on the mentoring system",
            DocumentKind::Regulation,
            String::new(),
        ),
        one(
            "План мероприятий (дорожная карта)",
            "Plan of events (roadmap)",
            DocumentKind::Roadmap,
            match roadmap_items {
                0 => String::new(),
                n => not_in_base(crate::tr!(
                    p.lang,
                    "пунктов в программе: {n}",
                    "items in the program: {n}"
                )),
            },
        ),
        one(
            "Программа наставничества",
            "Mentoring programme",
            DocumentKind::Program,
            match programs_in_base {
                0 => String::new(),
                n => not_in_base(crate::tr!(
                    p.lang,
                    "программ в базе: {n}",
                    "programmes in the base: {n}"
                )),
            },
        ),
        one(
            "Приказ о назначении куратора",
            "Order appointing the curator",
            DocumentKind::CuratorOrder,
            String::new(),
        ),
        one(
            "База наставников и наставляемых (ссылка)",
            "Bases of mentors and mentees (link)",
            DocumentKind::Bases,
            crate::tr!(
                p.lang,
                "ссылка не внесена; в программе {}, {}",
                "no link in the base; in the program {}, {}",
                people(mentors, p.pick("наставников", "mentors")),
                people(mentees, p.pick("наставляемых", "mentees"))
            ),
        ),
        one(
            "Документ о материальном поощрении наставников",
            "Document on rewarding mentors",
            DocumentKind::RewardDocument,
            String::new(),
        ),
        row(
            "Приказы о закреплении пар/групп (ссылка)",
            "Orders assigning pairs/groups (link)",
            !orders.is_empty(),
            match orders.last() {
                Some((last, _)) => {
                    let typed = match typed_orders {
                        0 => String::new(),
                        n => crate::tr!(
                            p.lang,
                            "; указаны в парах, в базу документов не внесены: {n}",
                            "; typed on the pairs, not kept in the base: {n}"
                        ),
                    };
                    crate::tr!(
                        p.lang,
                        "приказов: {}, последний {}{typed}",
                        "orders: {}, the latest {}{typed}",
                        orders.len(),
                        cited(last, p.lang)
                    )
                }
                None => String::new(),
            },
        ),
        row(
            "Количество пар/групп в соответствии с приказом",
            "Pairs/groups as ordered",
            // Answered with a count: «нет» only when no pair has its order.
            without_order.len() < units.len(),
            match (units.len(), without_order.len()) {
                (0, _) => p
                    .pick(
                        "пар и групп в периоде нет",
                        "no pairs or groups in the period",
                    )
                    .into(),
                (n, 0) => crate::tr!(p.lang, "{n} из {n}", "{n} of {n}"),
                (n, k) => {
                    let ids: Vec<String> = without_order
                        .iter()
                        .take(10)
                        .map(|u| format!("#{}", u.id))
                        .collect();
                    let more = if k > 10 { " …" } else { "" };
                    crate::tr!(
                        p.lang,
                        "{} из {n}; без приказа: {}{more}",
                        "{} of {n}; without an order: {}{more}",
                        n - k,
                        ids.join(", ")
                    )
                }
            },
        ),
        row(
            "Лучшие кейсы персонализированных программ",
            "Best cases of personalised programmes",
            !cases.is_empty() || practices > 0,
            match (cases.len(), practices) {
                (0, 0) => String::new(),
                (c, b) => {
                    let first = cases
                        .first()
                        .map(|u| format!(", {}", u.case_link.trim()))
                        .unwrap_or_default();
                    crate::tr!(
                        p.lang,
                        "кейсов пар и групп: {c}{first}; лучших практик среди программ: {b}",
                        "cases of pairs and groups: {c}{first}; best practices among programmes: {b}"
                    )
                }
            },
        ),
    ]
}

fn checklist_table(ds: &Dataset, org: Id, p: &Params) -> Table {
    let mut t = Table::new(vec![
        "№".into(),
        p.pick("Показатель", "Item").into(),
        p.pick("Наличие", "Present").into(),
        p.pick("Реквизиты, ссылка, количество", "Details, link, count")
            .into(),
    ]);
    t.tsv_first_column = Some("n".into());
    for (i, r) in rows(ds, org, p).into_iter().enumerate() {
        t.rows.push(vec![
            Cell::text((i + 1).to_string()),
            Cell::Text(r.label),
            Cell::text(match r.has {
                true => p.pick("да", "yes"),
                false => p.pick("нет", "no"),
            }),
            Cell::Text(r.detail),
        ]);
    }
    t
}

/// The orders fixing the pairs and groups counted in the period, whether
/// kept in the base of documents or typed on the pairs, and how many each
/// fixes: the counts add up to the pairs row's.
fn orders_table(ds: &Dataset, org: Id, p: &Params) -> Table {
    let mut t = Table::new(vec![
        p.pick("Приказ", "Order").into(),
        p.pick("Пар и групп", "Pairs and groups").into(),
        p.pick("Ссылка", "Link").into(),
    ]);
    let units: Vec<&Unit> = counted_units(ds, p).filter(|u| u.org_id == org).collect();
    for (d, fixed) in orders_of(ds, &units, p).0 {
        let link = match d.id {
            0 => p.pick("указан в паре", "typed on the pair").to_string(),
            _ => d.link.trim().to_string(),
        };
        t.rows.push(vec![
            Cell::Text(d.requisites_in(p.lang)),
            Cell::Int(fixed as u64),
            Cell::Text(link),
        ]);
    }
    t
}

pub fn report(ds: &Dataset, p: &Params) -> Report {
    let mut report = Report {
        title: p
            .pick(
                "Чек-лист мониторинга внедрения целевой модели наставничества",
                "Monitoring checklist of the target model of mentoring",
            )
            .into(),
        ..Report::default()
    };
    let orgs: Vec<&Organisation> = ds
        .orgs
        .values()
        .filter(|o| !o.archived && p.in_org(o.id))
        .collect();
    let many = orgs.len() > 1;
    for o in orgs {
        let title = many.then(|| o.registered().to_string());
        report.table(title, checklist_table(ds, o.id, p));
        let orders = orders_table(ds, o.id, p);
        if !orders.rows.is_empty() {
            let title = match many {
                true => format!(
                    "{}: {}",
                    o.name,
                    p.pick("приказы о закреплении", "orders assigning pairs")
                ),
                false => p
                    .pick(
                        "Приказы о закреплении пар и групп",
                        "Orders assigning pairs and groups",
                    )
                    .into(),
            };
            report.table(Some(title), orders);
        }
    }
    report.rules = vec![
        p.pick(
            "«да» — документ внесён в базу документов (Базы → Документы) с номером, датой или ссылкой и датирован не позднее даты отчёта и конца периода; из нескольких документов одного вида показан последний по дате.",
            "«yes»: the document is in the base of documents (Bases → Documents) with its number, date or link, dated no later than the report's date and the period's end; of several of a kind, the latest is shown.",
        )
        .into(),
        period_rule(p),
        p.pick(
            "Пара или группа «в соответствии с приказом», если у неё есть приказ о закреплении, датированный не позднее даты отчёта: из базы документов или указанный в карточке пары (номер или дата). В таблице приказов — все приказы, закрепившие учтённые пары и группы; их сумма равна числу пар по приказу.",
            "A pair or group is «as ordered» if it has its order, dated no later than the report's date: from the base of documents or typed on the pair (number or date). The table of orders lists every order that assigns counted pairs and groups; they add up to the pairs as ordered.",
        )
        .into(),
        crate::tr!(
            p.lang,
            "Лучшие кейсы — пары и группы со ссылкой на кейс или отзыв и программы, отмеченные как лучшая практика. Данные на {}.",
            "Best cases: pairs and groups with a case or feedback link, and programmes marked as best practice. Figures as of {}.",
            format_date(p.as_of)
        ),
    ];
    report
}
