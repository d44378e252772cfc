//! A school's documents of the program, as a school that keeps them in
//! order has them (an order assigning pairs each month pairs formed),
//! with one gap for the checklist to show: every third
//! school has not yet adopted its document on rewarding mentors.

use crate::domain::*;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

fn next_id(ds: &Dataset) -> Id {
    ds.documents.keys().next_back().map_or(1, |id| id + 1)
}

fn add(ds: &mut Dataset, doc: Document) -> Id {
    let id = next_id(ds);
    ds.documents.insert(id, Document { id, ..doc });
    id
}

/// The documents of school `n` (from 0) for the academic year starting in
/// `year`, and an order for each day pairs were assigned, which those
/// pairs then name.
pub fn add_school_documents(ds: &mut Dataset, org_id: Id, year: i32, n: u32) {
    let site = format!("https://sch{}.svetloyar.edu.ru/nastavnichestvo", n + 1);
    let date = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let doc = |kind, number: &str, date, title: &str, link: String| Document {
        org_id,
        kind,
        number: number.into(),
        date,
        title: title.into(),
        link,
        ..Document::default()
    };
    let mut docs = vec![
        doc(
            DocumentKind::WebsiteSection,
            "",
            None,
            "Раздел «Наставничество»",
            site.clone(),
        ),
        doc(
            DocumentKind::ImplementationOrder,
            "112-о",
            date(year - 1, 8, 30),
            "О внедрении целевой модели наставничества",
            format!("{site}/prikaz-112.pdf"),
        ),
        doc(
            DocumentKind::Regulation,
            "113-о",
            date(year - 1, 8, 30),
            "Положение о системе наставничества педагогических работников и обучающихся",
            format!("{site}/polozhenie.pdf"),
        ),
        doc(
            DocumentKind::Roadmap,
            "114-о",
            date(year - 1, 8, 30),
            "План мероприятий (дорожная карта) внедрения ЦМН",
            format!("{site}/dorozhnaya-karta.pdf"),
        ),
        doc(
            DocumentKind::Program,
            "114-о",
            date(year - 1, 8, 30),
            "Программа наставничества",
            format!("{site}/programma.pdf"),
        ),
        doc(
            DocumentKind::CuratorOrder,
            "115-о",
            date(year - 1, 9, 1),
            "О назначении куратора внедрения ЦМН",
            String::new(),
        ),
        doc(
            DocumentKind::Bases,
            "",
            None,
            "Базы наставников и наставляемых",
            format!("{site}/bazy"),
        ),
    ];
    if !n.is_multiple_of(3) {
        docs.push(doc(
            DocumentKind::RewardDocument,
            "116-о",
            date(year - 1, 9, 1),
            "Положение о материальном стимулировании наставников",
            format!("{site}/pooshchrenie.pdf"),
        ));
    }
    for d in docs {
        add(ds, d);
    }
    // One order a month pairs were assigned in, dated the month's first
    // assignment, in the order of the months.
    let mut months: BTreeMap<(i32, u32), (NaiveDate, Vec<Id>)> = BTreeMap::new();
    for u in ds.units.values() {
        if u.org_id == org_id && u.status != UnitStatus::Forming {
            if let Some(on) = u.order_date {
                let month = months
                    .entry((on.year(), on.month()))
                    .or_insert((on, Vec::new()));
                month.0 = month.0.min(on);
                month.1.push(u.id);
            }
        }
    }
    for (k, (on, units)) in months.into_values().enumerate() {
        let order = doc(
            DocumentKind::PairsOrder,
            &format!("{}-н", 20 + k),
            Some(on),
            "О закреплении наставнических пар (групп)",
            String::new(),
        );
        let id = add(ds, order);
        for u in units {
            if let Some(unit) = ds.units.get_mut(&u) {
                unit.order_id = Some(id);
                unit.order_no.clear();
                unit.order_date = None;
            }
        }
    }
}
