//! The Отчёты pane's state: the report settings the curator chose, the
//! preview being read, and the indicator gauges. Reports are made by
//! `crate::reports`; this only keeps what the screen needs.

use crate::domain::dates::academic_year_label;
use crate::domain::*;
use crate::i18n::Lang;
use crate::reports::indicators::Indicator;
use crate::reports::model::Report;
use crate::reports::{render, Kind, Params};
use crate::schema::{Access, Choices, FieldSpec, Kind as SKind, Problem, Value, L};
use crate::surveys::analysis::SatisfactionRule;
use crate::tui::form::{Editable, IntoSaved, Saved};
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

/// The settings form's fields.
static SETTINGS: &[FieldSpec<ReportSettings>] = &[
    FieldSpec::<ReportSettings>::new(
        FieldKey::PeriodFrom,
        L("Период с", "Period from"),
        &[],
        SKind::Date,
        Access::Date(|s| &s.from, |s| &mut s.from),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::PeriodTo,
        L("Период по", "Period to"),
        &[],
        SKind::Date,
        Access::Date(|s| &s.to, |s| &mut s.to),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::AsOf,
        L("Возраст на дату", "Ages on"),
        &[],
        SKind::Date,
        Access::Date(|s| &s.as_of, |s| &mut s.as_of),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::FileFormat,
        L("Формат файла", "File format"),
        &[],
        SKind::Choice(Choices {
            labels: |lang| {
                vec![
                    lang.pick("txt — текст для печати", "txt: text for printing"),
                    lang.pick("tsv — таблицы для Excel", "tsv: tables for a spreadsheet"),
                ]
            },
            parse: |s| match s.trim() {
                "txt" => Some(0),
                "tsv" => Some(1),
                _ => None,
            },
        }),
        Access::Choice(|s| usize::from(s.tsv), |s, i| s.tsv = i == 1),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::Width,
        L("Ширина текста, колонок", "Text width, columns"),
        &[],
        SKind::Number,
        Access::Custom(
            |s, _| Value::Text(s.width.to_string()),
            |s, v, _| {
                s.width = crate::schema::access::number(&v.into_text())?.unwrap_or(0) as usize;
                Ok(())
            },
        ),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::Folder,
        L("Папка для файлов", "Folder for the files"),
        &[],
        SKind::Text,
        Access::Custom(
            |s, _| Value::Text(s.dir.display().to_string()),
            |s, v, _| {
                s.dir = PathBuf::from(v.into_text());
                Ok(())
            },
        ),
    )
    .required(),
];

impl Editable for ReportSettings {
    fn schema() -> &'static [FieldSpec<Self>] {
        SETTINGS
    }

    fn rules(_: &Self, s: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        let mut out = Vec::new();
        match (s.from, s.to) {
            (Some(_), None) => out.push((
                FieldKey::PeriodTo,
                Problem::Say(L("укажите и конец периода", "give the end too")),
            )),
            (None, Some(_)) => out.push((
                FieldKey::PeriodFrom,
                Problem::Say(L("укажите и начало периода", "give the start too")),
            )),
            (Some(f), Some(t)) if f > t => out.push((
                FieldKey::PeriodTo,
                Problem::Say(L("раньше начала", "before the start")),
            )),
            _ => {}
        }
        if s.width < render::MIN_WIDTH {
            out.push((FieldKey::Width, Problem::AtLeast(render::MIN_WIDTH)));
        }
        out
    }

    fn title(&self, lang: Lang) -> String {
        lang.pick(
            "Параметры отчётов (пустые даты: учебный год или квартал, сегодня)",
            "Report settings (empty dates: the year or quarter, today)",
        )
        .into()
    }
}

impl IntoSaved for ReportSettings {
    fn into_saved(self) -> Saved {
        Saved::ReportSettings(self)
    }
}
