//! Plain-text reports in the forms a district asks for, as functions from
//! the dataset to a [`model::Report`], laid out by [`render`]. Each report
//! states the rules it counted by.

pub mod bases;
pub mod checklist;
pub mod coverage;
pub mod indicators;
pub mod model;
pub mod monitoring;
pub mod pairs;
pub mod render;
pub mod roadmap;
pub mod surveys;

use crate::domain::dates::{academic_year_of, format_date};
use crate::domain::*;
use crate::i18n::Lang;
use crate::surveys::analysis::{SatisfactionRule, Scope};
use chrono::{Datelike, NaiveDate};
use model::Report;

/// The reports, in the order the pane lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Coverage,
    Indicators,
    Mentors,
    Mentees,
    Pairs,
    Monitoring,
    Surveys,
    Roadmap,
    /// The regional monitoring checklist of the program's documents.
    Checklist,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Coverage,
        Kind::Indicators,
        Kind::Mentors,
        Kind::Mentees,
        Kind::Pairs,
        Kind::Monitoring,
        Kind::Surveys,
        Kind::Roadmap,
        Kind::Checklist,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Kind::Coverage => "coverage",
            Kind::Indicators => "indicators",
            Kind::Mentors => "mentors",
            Kind::Mentees => "mentees",
            Kind::Pairs => "pairs",
            Kind::Monitoring => "monitoring",
            Kind::Surveys => "surveys",
            Kind::Roadmap => "roadmap",
            Kind::Checklist => "checklist",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Coverage => lang.pick("Охват программой наставничества", "Coverage"),
            Kind::Indicators => lang.pick("Показатели эффективности", "Indicators"),
            Kind::Mentors => lang.pick("База наставников", "Mentors base"),
            Kind::Mentees => lang.pick("База наставляемых", "Mentees base"),
            Kind::Pairs => lang.pick("Приказ о закреплении пар (проект)", "Pairs order (draft)"),
            Kind::Monitoring => lang.pick("Мониторинг за квартал", "Quarterly monitoring"),
            Kind::Surveys => lang.pick(
                "Анкеты: удовлетворённость, динамика",
                "Surveys: satisfaction, growth",
            ),
            Kind::Roadmap => lang.pick("Выполнение дорожной карты", "Roadmap progress"),
            Kind::Checklist => lang.pick("Чек-лист мониторинга ЦМН", "Monitoring checklist"),
        }
    }

    /// The period a report covers when none is given: the quarter for the
    /// monitoring note, the academic year for the rest.
    /// The forms a district sends name the school «Образовательное
    /// учреждение» by its registered name.
    pub fn names_school_as_registered(self) -> bool {
        matches!(self, Kind::Coverage | Kind::Checklist)
    }

    pub fn default_period(self, as_of: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Kind::Monitoring => quarter_of(as_of),
            _ => academic_year_of(as_of),
        }
    }
}

/// The calendar quarter containing a date.
pub fn quarter_of(d: NaiveDate) -> (NaiveDate, NaiveDate) {
    let q0 = (d.month0() / 3) * 3 + 1;
    let from = NaiveDate::from_ymd_opt(d.year(), q0, 1).unwrap_or(d);
    let next = if q0 == 10 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), q0 + 3, 1)
    };
    // The last quarter of the calendar's last year ends with the calendar.
    let to = next.and_then(|n| n.pred_opt()).unwrap_or(NaiveDate::MAX);
    (from, to)
}

/// Everything a report is made from besides the data.
#[derive(Debug, Clone)]
pub struct Params {
    pub kind: Kind,
    /// Ages are counted on this date; warnings are judged as of it.
    pub as_of: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// One organisation, or all of them added up.
    pub org: Option<Id>,
    /// The date the report is made (printed in the title block).
    pub made: NaiveDate,
    pub lang: Lang,
    pub satisfaction: SatisfactionRule,
    pub meetings: crate::meetings::Thresholds,
    pub calendar: crate::domain::calendar::Calendar,
}

impl Params {
    /// The defaults for a kind: its default period around `as_of`.
    pub fn new(kind: Kind, as_of: NaiveDate, org: Option<Id>, lang: Lang) -> Params {
        let (from, to) = kind.default_period(as_of);
        Params {
            kind,
            as_of,
            from,
            to,
            org,
            made: as_of,
            lang,
            satisfaction: SatisfactionRule::Mean,
            meetings: Default::default(),
            calendar: Default::default(),
        }
    }

    pub fn pick<'a>(&self, ru: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(ru, en)
    }

    pub fn in_org(&self, org_id: Id) -> bool {
        self.org.is_none_or(|o| o == org_id)
    }

    pub fn survey_scope(&self) -> Scope {
        Scope {
            from: self.from,
            to: self.to,
            org: self.org,
        }
    }

    pub fn period_text(&self) -> String {
        format!("{} – {}", format_date(self.from), format_date(self.to))
    }
}

/// Makes a report.
pub fn build(ds: &Dataset, timelines: &Timelines, p: &Params) -> Report {
    let mut r = match p.kind {
        Kind::Coverage => coverage::report(ds, p),
        Kind::Indicators => indicators::report(ds, p),
        Kind::Mentors => bases::mentors(ds, p),
        Kind::Mentees => bases::mentees(ds, p),
        Kind::Pairs => pairs::report(ds, p),
        Kind::Monitoring => monitoring::report(ds, timelines, p),
        Kind::Surveys => surveys::report(ds, p),
        Kind::Roadmap => roadmap::report(ds, p),
        Kind::Checklist => checklist::report(ds, p),
    };
    let mut meta = title_block(ds, p);
    meta.append(&mut r.meta);
    r.meta = meta;
    r
}

/// Организация, куратор, период, дата составления (and the date the data
/// are counted on, when it is another day).
fn title_block(ds: &Dataset, p: &Params) -> Vec<(String, String)> {
    let registered = p.kind.names_school_as_registered();
    let org = match p.org {
        Some(id) => ds
            .orgs
            .get(&id)
            .map(|o| match registered {
                true => o.registered().to_string(),
                false => o.name.clone(),
            })
            .unwrap_or_else(|| format!("#{id}")),
        None => format!(
            "{} ({})",
            p.pick("все организации", "all organisations"),
            ds.orgs.values().filter(|o| !o.archived).count()
        ),
    };
    let org_label = match registered {
        true => p.pick("Образовательное учреждение", "School"),
        false => p.pick("Образовательная организация", "Organisation"),
    };
    let mut meta = vec![(org_label.to_string(), org)];
    if let Some(o) = p.org.and_then(|id| ds.orgs.get(&id)) {
        if !o.curator.is_empty() {
            meta.push((p.pick("Куратор", "Curator").into(), o.curator.clone()));
        }
    }
    meta.push((p.pick("Период", "Period").into(), p.period_text()));
    let made = match p.made == p.as_of {
        true => format_date(p.made),
        false => crate::tr!(
            p.lang,
            "{}; данные на {}",
            "{}; figures as of {}",
            format_date(p.made),
            format_date(p.as_of)
        ),
    };
    meta.push((p.pick("Дата составления", "Made on").into(), made));
    meta
}

/// The units a report counts: of the organisation, not archived, not
/// формируется, and running at some time in the period.
pub fn counted_units<'a>(ds: &'a Dataset, p: &'a Params) -> impl Iterator<Item = &'a Unit> + 'a {
    ds.units.values().filter(move |u| {
        !u.archived
            && p.in_org(u.org_id)
            && u.status != UnitStatus::Forming
            && u.overlaps(p.from, p.to)
    })
}

/// The rule line about the period, shared by the reports that count pairs.
pub fn period_rule(p: &Params) -> String {
    crate::tr!(p.lang, "Пара или группа учитывается, если её статус не «формируется» и срок (от даты начала до даты окончания или по сей день) пересекается с периодом {}.", "A pair or group counts if its status is not «forming» and its period (start to end, or still open) overlaps {}.", p.period_text())
}
