//! Анкеты: the questionnaires owed, the drafts to resume and the templates.
//! Enter fills one in (or resumes a draft) or opens a template; e edits a
//! template, n adds one.

mod view;

use super::{is_movement, moved, Effect, Effects, Pane};
use crate::domain::*;
use crate::tui::command::Command;
use crate::tui::keymap::Action;
use crate::tui::modals::questionnaire::{template_for, Entry};
use crate::tui::modals::{form, Modal};
use crate::tui::shared::Shared;
use crate::tui::view::Theme;
use ratatui::layout::Rect;
use ratatui::Frame;

/// One line of the list.
#[derive(Debug, Clone, PartialEq)]
pub enum SurveyItem {
    Owed(crate::surveys::analysis::Owed),
    Draft(Id),
    Template(Id),
}

/// What the list depends on: data version, organisation, date.
type ItemsKey = (u64, Option<Id>, chrono::NaiveDate);

#[derive(Default)]
pub struct SurveysPane {
    pub selected: usize,
    /// The list, made once per data version, organisation and date.
    items: (Option<ItemsKey>, Vec<SurveyItem>),
}

impl SurveysPane {
    pub fn items(&self) -> &[SurveyItem] {
        &self.items.1
    }

    fn make_items(s: &Shared) -> Vec<SurveyItem> {
        let mut items: Vec<SurveyItem> =
            crate::surveys::analysis::owed(&s.data, s.status_opts.as_of, s.org_filter)
                .into_iter()
                .map(SurveyItem::Owed)
                .collect();
        items.extend(
            s.data
                .responses
                .values()
                .filter(|r| r.draft && !r.archived && s.shows_org(r.org_id))
                .map(|r| SurveyItem::Draft(r.id)),
        );
        items.extend(
            s.data
                .templates
                .values()
                .filter(|t| !t.archived && (t.org_id == 0 || s.shows_org(t.org_id)))
                .map(|t| SurveyItem::Template(t.id)),
        );
        items
    }

    fn start(o: &crate::surveys::analysis::Owed, s: &Shared) -> Effect {
        let Some(unit) = s.data.units.get(&o.unit_id) else {
            return Effect::error(s.lang.pick("Пара не найдена", "No such pair"));
        };
        let Some(t) = template_for(&s.data, o.who, o.stage, Some(unit.form)) else {
            return Effect::error(s.lang.pick(
                "Нет шаблона анкеты для этого участника и этапа",
                "No questionnaire for this participant and stage",
            ));
        };
        let base = SurveyResponse {
            org_id: unit.org_id,
            template_id: t.id,
            respondent: o.who,
            unit_id: Some(unit.id),
            program_id: unit.program_id,
            stage: o.stage,
            date: s.status_opts.as_of,
            ..SurveyResponse::default()
        };
        let name = s.data.person_name(o.who).to_string();
        Effect::Open(Modal::Questionnaire(Box::new(Entry::new(
            t.clone(),
            base,
            name,
        ))))
    }
}

impl Pane for SurveysPane {
    fn action(&mut self, action: Action, s: &Shared) -> Effects {
        let len = self.items().len();
        let sel = self.selected.min(len.saturating_sub(1));
        let item = self.items().get(sel).cloned();
        let d = &s.data;
        match (action, item) {
            (Action::Open, Some(SurveyItem::Owed(o))) => vec![Self::start(&o, s)],
            (Action::Open | Action::Edit, Some(SurveyItem::Draft(id))) => {
                let Some(r) = d.responses.get(&id) else {
                    return Vec::new();
                };
                let Some(t) = d.templates.get(&r.template_id) else {
                    return Vec::new();
                };
                let name = d.person_name(r.respondent).to_string();
                vec![Effect::Open(Modal::Questionnaire(Box::new(Entry::new(
                    t.clone(),
                    r.clone(),
                    name,
                ))))]
            }
            // Enter on a template opens it, as e does.
            (Action::Open | Action::Edit, Some(SurveyItem::Template(id))) => d
                .templates
                .get(&id)
                .map(|t| vec![form(t.clone(), s)])
                .unwrap_or_default(),
            (Action::New, _) => vec![form(
                SurveyTemplate {
                    org_id: s.default_org_id(),
                    ..SurveyTemplate::default()
                },
                s,
            )],
            (a, _) if is_movement(a) => {
                self.selected = moved(self.selected, a, len, s.page);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The shipped questionnaires are copied in when first needed.
    fn enter(&mut self, s: &Shared) -> Effects {
        let Some(org) = s.data.default_org() else {
            return Vec::new();
        };
        let missing = crate::surveys::builtin::missing(&s.data, org.id);
        if missing.is_empty() {
            Vec::new()
        } else {
            vec![Effect::Run(Command::AddTemplates(missing))]
        }
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Open, Action::Edit, Action::New, Action::Down]
    }

    fn has(&self, action: Action) -> bool {
        super::NAVIGATE.contains(&action)
            || matches!(action, Action::Open | Action::New | Action::Edit)
    }

    fn sync(&mut self, s: &Shared) {
        let key = (s.version, s.org_filter, s.status_opts.as_of);
        if self.items.0 != Some(key) {
            self.items = (Some(key), Self::make_items(s));
        }
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        view::render(self, s, f, area, theme);
    }
}
