//! The Отчёты pane's state: the report settings the curator chose, the
//! preview being read, and the indicator gauges. Reports are made by
//! `crate::reports`; this only keeps what the screen needs.

use crate::domain::dates::academic_year_label;
use crate::domain::*;
use crate::i18n::Lang;
use crate::reports::indicators::Indicator;
use crate::reports::model::Report;
use crate::reports::{render, Kind, Params};
use crate::surveys::analysis::SatisfactionRule;
use chrono::{Datelike, NaiveDate};
use std::path::PathBuf;

/// What the curator set with `p`: the period (empty = the report's
/// default), the date ages count on (empty = today), the file format,
/// width and folder.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSettings {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub as_of: Option<NaiveDate>,
    pub tsv: bool,
    pub width: usize,
    pub dir: PathBuf,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            from: None,
            to: None,
            as_of: None,
            tsv: false,
            width: render::DEFAULT_WIDTH,
            dir: PathBuf::from("."),
        }
    }
}

/// A report laid out for reading on screen.
pub struct Preview {
    pub kind: Kind,
    pub report: Report,
    pub lines: Vec<String>,
    /// The width the lines were laid out for.
    pub width: usize,
    pub scroll: usize,
}

#[derive(Default)]
pub struct ReportsState {
    pub settings: ReportSettings,
    pub preview: Option<Preview>,
    pub satisfaction: SatisfactionRule,
    /// This year's indicators with the year's targets, for the gauges.
    pub gauges: Vec<Gauge>,
}

/// One indicator against this year's target.
#[derive(Debug, Clone, PartialEq)]
pub struct Gauge {
    pub indicator: Indicator,
    pub target: Option<f64>,
}

impl ReportsState {
    /// The parameters of a report as the settings say.
    /// `org`: the organisation the panes show (None: all, added up).
    pub fn params(&self, kind: Kind, org: Option<Id>, today: NaiveDate, lang: Lang) -> Params {
        let s = &self.settings;
        let as_of = s.as_of.unwrap_or(today);
        let mut p = Params::new(kind, as_of, org, lang);
        if let (Some(from), Some(to)) = (s.from, s.to) {
            p.from = from;
            p.to = to;
        }
        p.made = today;
        p.satisfaction = self.satisfaction;
        p
    }

    /// The file a report is saved to: kind, organisation and period in the
    /// name, so that reports of other periods are kept.
    pub fn file_path(&self, p: &Params) -> PathBuf {
        let ext = if self.settings.tsv { "tsv" } else { "txt" };
        let org = if p.org.is_none() { "_all" } else { "" };
        self.settings.dir.join(format!(
            "{}{org}_{}_{}.{ext}",
            p.kind.key(),
            p.from.format("%Y-%m-%d"),
            p.to.format("%Y-%m-%d")
        ))
    }

    /// Recomputes the gauges (after new data or settings).
    pub fn refresh_gauges(&mut self, ds: &Dataset, org: Option<Id>, today: NaiveDate, lang: Lang) {
        let p = self.params(Kind::Indicators, org, today, lang);
        let targets = org
            .and_then(|id| ds.orgs.get(&id))
            .or_else(|| ds.default_org())
            .and_then(|o| this_years_targets(&o.targets, p.as_of));
        self.gauges = crate::reports::indicators::compute(ds, &p)
            .into_iter()
            .enumerate()
            .map(|(i, indicator)| Gauge {
                target: targets.and_then(|t| target_of(t, i)),
                indicator,
            })
            .collect();
    }
}

/// The targets written for the year of `on`: the calendar year («2026»)
/// or the academic year («2025/2026»).
pub fn this_years_targets(targets: &[YearTargets], on: NaiveDate) -> Option<&YearTargets> {
    let calendar = on.year().to_string();
    let academic = academic_year_label(on);
    targets
        .iter()
        .find(|t| t.year.trim() == calendar)
        .or_else(|| targets.iter().find(|t| t.year.trim() == academic))
}

fn target_of(t: &YearTargets, i: usize) -> Option<f64> {
    [
        t.mentees_10_19_pct,
        t.mentors_15_19_pct,
        t.young_teachers_pct,
        t.enterprises_pct,
        t.mentee_satisfaction_pct,
        t.mentor_satisfaction_pct,
    ]
    .get(i)
    .copied()
    .flatten()
}
