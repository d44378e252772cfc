//! Отчёты: this year's indicators against the targets, the list of reports
//! and the file each goes to; Enter lays a report out for reading, s saves
//! it, p sets the period and the file. Reports are made by
//! `crate::reports`; this keeps only what the screen needs.

mod settings;
mod view;

pub use settings::ReportSettings;

use crate::domain::*;
use crate::i18n::Lang;
use crate::reports::indicators::Indicator;
use crate::reports::model::Report;
use crate::reports::{render, Kind, Params};
use crate::surveys::analysis::SatisfactionRule;
use crate::tui::command::Command;
use crate::tui::keymap::Action;
use crate::tui::modals::form;
use crate::tui::panes::keys::Key;
use crate::tui::panes::{is_movement, moved, Effect, Effects, Pane};
use crate::tui::shared::Shared;
use crate::tui::view::Theme;
use chrono::{Datelike, NaiveDate};
use ratatui::layout::Rect;
use ratatui::Frame;
use std::path::PathBuf;

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
pub struct ReportsPane {
    /// The report selected in the list.
    pub selected: usize,
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

impl ReportsPane {
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

/// The targets of the academic year containing `on` (see
/// [`crate::domain::org::targets_for`]).
pub fn this_years_targets(targets: &[YearTargets], on: NaiveDate) -> Option<&YearTargets> {
    let (start, _) = crate::domain::dates::academic_year_of(on);
    crate::domain::org::targets_for(targets, start.year())
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

impl ReportsPane {
    fn kind(&self) -> Kind {
        Kind::ALL[self.selected.min(Kind::ALL.len() - 1)]
    }

    /// A report as the settings say, its warnings judged as the status
    /// bar's are: the settings file's thresholds and calendar.
    fn params_now(&self, kind: Kind, s: &Shared) -> Params {
        let mut p = self.params(kind, s.org_filter, s.status_opts.as_of, s.lang);
        p.meetings = s.status_opts.meetings.clone();
        p.calendar = s.status_opts.calendar.clone();
        p
    }

    /// Makes a report and opens it for reading at the terminal's width.
    pub fn open_report(&mut self, kind: Kind, s: &Shared) {
        let report = crate::reports::build(&s.data, &s.timelines, &self.params_now(kind, s));
        let scroll = self
            .preview
            .as_ref()
            .filter(|old| old.kind == kind)
            .map_or(0, |old| old.scroll);
        let mut preview = Preview {
            kind,
            report,
            lines: Vec::new(),
            width: 0,
            scroll,
        };
        layout(&mut preview, s);
        self.preview = Some(preview);
    }

    /// The gauges and an open preview follow the data and the settings.
    pub fn refresh(&mut self, s: &Shared) {
        self.refresh_gauges(&s.data, s.org_filter, s.status_opts.as_of, s.lang);
        if let Some(kind) = self.preview.as_ref().map(|p| p.kind) {
            self.open_report(kind, s);
        }
    }

    /// Lays the preview out again when the terminal's width changed.
    pub fn relayout(&mut self, s: &Shared) {
        if let Some(p) = &mut self.preview {
            if p.width != preview_width(s) {
                layout(p, s);
            }
        }
    }

    /// New settings from their form.
    pub fn set_settings(&mut self, settings: ReportSettings, s: &Shared) -> Effects {
        self.settings = settings;
        self.refresh(s);
        vec![Effect::say(
            s.lang
                .pick("Параметры отчётов заданы.", "Report settings set."),
        )]
    }

    fn save(&self, s: &Shared) -> Effects {
        let kind = self.preview.as_ref().map_or(self.kind(), |p| p.kind);
        let p = self.params_now(kind, s);
        let report = crate::reports::build(&s.data, &s.timelines, &p);
        let text = if self.settings.tsv {
            render::to_tsv(&report, s.lang)
        } else {
            render::to_text(&report, self.settings.width, s.lang)
        };
        let path = self.file_path(&p);
        // A report handed in before is not replaced without a question.
        if path.exists() {
            let question = crate::tr!(
                s.lang,
                "Файл {} уже есть. Заменить его? (y — да, n — нет)",
                "{} exists. Replace it? (y/n)",
                path.display()
            );
            return vec![crate::tui::modals::confirm(
                question,
                Command::SaveReport { path, text },
            )];
        }
        vec![Effect::Run(Command::SaveReport { path, text })]
    }

    /// Keys while a report is being read: they scroll it.
    fn scroll(&mut self, action: Action, page: usize) -> Effects {
        let page = page.max(1);
        let Some(p) = self.preview.as_mut() else {
            return Vec::new();
        };
        let last = p.lines.len().saturating_sub(page);
        p.scroll = match action {
            Action::Up => p.scroll.saturating_sub(1),
            Action::Down => (p.scroll + 1).min(last),
            Action::PageUp => p.scroll.saturating_sub(page),
            Action::PageDown => (p.scroll + page).min(last),
            Action::First => 0,
            Action::Last => last,
            Action::Back => {
                self.preview = None;
                return Vec::new();
            }
            _ => p.scroll,
        };
        Vec::new()
    }
}

fn preview_width(s: &Shared) -> usize {
    usize::from(s.term_width.saturating_sub(2)).max(render::MIN_WIDTH)
}

fn layout(p: &mut Preview, s: &Shared) {
    p.width = preview_width(s);
    p.lines = render::to_text(&p.report, p.width, s.lang)
        .lines()
        .map(String::from)
        .collect();
    p.scroll = p.scroll.min(p.lines.len().saturating_sub(s.page.max(1)));
}

impl Pane for ReportsPane {
    fn action(&mut self, action: Action, s: &Shared) -> Effects {
        match action {
            Action::Period => vec![form(self.settings.clone(), s)],
            Action::SaveReport => self.save(s),
            _ if self.preview.is_some() => self.scroll(action, s.page),
            Action::Open => {
                self.open_report(self.kind(), s);
                Vec::new()
            }
            a if is_movement(a) => {
                self.selected = moved(self.selected, a, Kind::ALL.len(), s.page);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn keys(&self) -> Vec<Key> {
        let preview = self.preview.is_some();
        vec![
            Key::hint(Action::Open, !preview),
            Key::hint(Action::PageDown, preview),
            Key::hint(Action::Period, true),
            Key::hint(Action::SaveReport, true),
            Key::hint(Action::Back, preview),
        ]
    }

    fn sync(&mut self, s: &Shared) {
        self.relayout(s);
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        view::render(self, s, f, area, theme);
    }
}
