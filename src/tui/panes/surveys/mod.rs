//! Анкеты: what is still to be filled in (pairs' questionnaires, the
//! curator's SWOT, drafts), the questionnaires already filled in (to read and
//! correct), and the templates. `f`/`F` step between the three; `/` searches.

mod view;

use super::search::SearchLine;
use super::{is_movement, moved, Effect, Effects, Pane};
use crate::domain::*;
use crate::store::EntityKind;
use crate::tui::command::Command;
use crate::tui::keymap::Action;
use crate::tui::modals::questionnaire::{template_for, Entry};
use crate::tui::modals::{form, Modal};
use crate::tui::panes::keys::Key;
use crate::tui::shared::Shared;
use crate::tui::view::Theme;
use ratatui::layout::Rect;
use ratatui::Frame;

/// One line of the list.
#[derive(Debug, Clone, PartialEq)]
pub enum SurveyItem {
    Owed(crate::surveys::analysis::Owed),
    /// The curator's questionnaire of an organisation, not filled in this
    /// academic year.
    Curator(Id),
    Draft(Id),
    /// A questionnaire filled in.
    Done(Id),
    Template(Id),
}

/// Which questionnaires the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SurveysFilter {
    #[default]
    ToFill,
    Done,
    Templates,
}

impl SurveysFilter {
    const ALL: [SurveysFilter; 3] = [
        SurveysFilter::ToFill,
        SurveysFilter::Done,
        SurveysFilter::Templates,
    ];

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            SurveysFilter::ToFill => lang.pick("к заполнению", "to fill in"),
            SurveysFilter::Done => lang.pick("заполненные", "filled in"),
            SurveysFilter::Templates => lang.pick("шаблоны", "templates"),
        }
    }

    fn stepped(self, forward: bool) -> SurveysFilter {
        super::cycled(&Self::ALL, self, forward)
    }
}

/// What the list depends on: data version, organisation, date, filter and
/// the search's query.
type ItemsKey = (u64, Option<Id>, chrono::NaiveDate, SurveysFilter, String);

#[derive(Default)]
pub struct SurveysPane {
    pub selected: usize,
    pub filter: SurveysFilter,
    pub search: SearchLine,
    /// The list, made once per data version, organisation, date and filter.
    items: (Option<ItemsKey>, Vec<SurveyItem>),
}

impl SurveysPane {
    pub fn items(&self) -> &[SurveyItem] {
        &self.items.1
    }

    fn make_items(&self, s: &Shared) -> Vec<SurveyItem> {
        let d = &s.data;
        let live = |r: &&SurveyResponse| !r.archived && s.shows_org(r.org_id);
        let items: Vec<SurveyItem> = match self.filter {
            SurveysFilter::ToFill => {
                let mut items: Vec<SurveyItem> =
                    crate::surveys::analysis::owed(d, s.status_opts.as_of, s.org_filter)
                        .into_iter()
                        .map(SurveyItem::Owed)
                        .collect();
                items.extend(curators_owing(s).into_iter().map(SurveyItem::Curator));
                items.extend(
                    d.responses
                        .values()
                        .filter(live)
                        .filter(|r| r.draft)
                        .map(|r| SurveyItem::Draft(r.id)),
                );
                items
            }
            SurveysFilter::Done => {
                let mut done: Vec<&SurveyResponse> = d
                    .responses
                    .values()
                    .filter(live)
                    .filter(|r| !r.draft)
                    .collect();
                done.sort_by_key(|r| std::cmp::Reverse((r.date, r.id)));
                done.into_iter().map(|r| SurveyItem::Done(r.id)).collect()
            }
            SurveysFilter::Templates => d
                .templates
                .values()
                .filter(|t| !t.archived && (t.org_id == 0 || s.shows_org(t.org_id)))
                .map(|t| SurveyItem::Template(t.id))
                .collect(),
        };
        items
            .into_iter()
            .filter(|i| self.search.matches(|| view::item_line(s, i)))
            .collect()
    }

    fn selected_item(&self) -> Option<&SurveyItem> {
        let items = self.items();
        items.get(self.selected.min(items.len().saturating_sub(1)))
    }

    /// A filled-in questionnaire's history is loaded when it is selected, so
    /// that its corrections show beside it.
    fn follow(&self, s: &Shared) -> Effects {
        match self.selected_item() {
            Some(SurveyItem::Done(id))
                if s.history_of != Some((EntityKind::SurveyResponse, *id)) =>
            {
                vec![Effect::Run(Command::LoadHistory(
                    EntityKind::SurveyResponse,
                    *id,
                ))]
            }
            _ => Vec::new(),
        }
    }

    fn start(o: &crate::surveys::analysis::Owed, s: &Shared) -> Effect {
        let Some(unit) = s.data.units.get(&o.unit_id) else {
            return Effect::error(s.lang.pick("Пара не найдена", "No such pair"));
        };
        let base = SurveyResponse {
            org_id: unit.org_id,
            respondent: o.who,
            unit_id: Some(unit.id),
            program_id: unit.program_id,
            stage: o.stage,
            date: s.status_opts.as_of,
            ..SurveyResponse::default()
        };
        Self::begin(base, Some(unit.form), s)
    }

    /// The curator answers for the organisation: no pair, no program.
    fn start_curator(org_id: Id, s: &Shared) -> Effect {
        let base = SurveyResponse {
            org_id,
            respondent: PersonRef::Curator(org_id),
            stage: SurveyStage::Exit,
            date: s.status_opts.as_of,
            ..SurveyResponse::default()
        };
        Self::begin(base, None, s)
    }

    fn begin(base: SurveyResponse, form: Option<Form>, s: &Shared) -> Effect {
        let Some(t) = template_for(&s.data, base.respondent, base.stage, form) else {
            return Effect::error(s.lang.pick(
                "Нет шаблона анкеты для этого участника и этапа",
                "No questionnaire for this participant and stage",
            ));
        };
        let base = SurveyResponse {
            template_id: t.id,
            ..base
        };
        let name = respondent_name(s, base.respondent);
        Effect::Open(Modal::Questionnaire(Box::new(Entry::new(
            t.clone(),
            base,
            name,
        ))))
    }

    /// A stored response (a draft to go on with, or a filled-in one to
    /// correct) in the entry dialog.
    fn reopen(id: Id, s: &Shared) -> Effects {
        let d = &s.data;
        let Some(r) = d.responses.get(&id) else {
            return Vec::new();
        };
        let Some(t) = d.templates.get(&r.template_id) else {
            return vec![Effect::error(s.lang.pick(
                "Шаблон этой анкеты не найден",
                "This questionnaire's template is gone",
            ))];
        };
        let name = respondent_name(s, r.respondent);
        vec![Effect::Open(Modal::Questionnaire(Box::new(Entry::new(
            t.clone(),
            r.clone(),
            name,
        ))))]
    }
}

/// The shipped questionnaires are copied in when first needed (shown here,
/// or answers to import): the command that does it, if some are missing.
pub fn templates_wanted(s: &Shared) -> Option<Command> {
    let org = s.data.default_org()?;
    let missing = crate::surveys::builtin::missing(&s.data, org.id);
    (!missing.is_empty()).then_some(Command::AddTemplates(missing))
}

/// Who answers, by name; the curator by their role when the organisation
/// names no curator.
pub(super) fn respondent_name(s: &Shared, who: PersonRef) -> String {
    match (who, s.data.person_name(who)) {
        (PersonRef::Curator(_), "?") => s.lang.pick("куратор", "curator").into(),
        (_, name) => name.to_string(),
    }
}

/// The organisations shown whose curator has not filled in (or begun) a
/// questionnaire in the academic year of the date, when there is a curator
/// template to fill.
fn curators_owing(s: &Shared) -> Vec<Id> {
    let d = &s.data;
    let as_of = s.status_opts.as_of;
    if template_for(d, PersonRef::Curator(0), SurveyStage::Exit, None).is_none() {
        return Vec::new();
    }
    let (from, to) = crate::domain::dates::academic_year_of(as_of);
    // One pass over the responses, whatever the number of schools.
    let answered: std::collections::BTreeSet<Id> = d
        .responses
        .values()
        .filter(|r| !r.archived && (from..=to).contains(&r.date))
        .filter_map(|r| match r.respondent {
            PersonRef::Curator(org) => Some(org),
            _ => None,
        })
        .collect();
    d.orgs
        .values()
        .filter(|o| !o.archived && s.shows_org(o.id) && !answered.contains(&o.id))
        .map(|o| o.id)
        .collect()
}

impl Pane for SurveysPane {
    search_in!(search);

    fn searched(&mut self) {
        self.selected = 0;
    }

    fn action(&mut self, action: Action, s: &Shared) -> Effects {
        let item = self.selected_item().cloned();
        match (action, item) {
            (Action::Search, _) => {
                self.search.start();
                Vec::new()
            }
            (Action::Back, _) if !self.search.query.is_empty() => {
                self.search.query.clear();
                Vec::new()
            }
            (Action::Filter | Action::FilterBack, _) => {
                self.filter = self.filter.stepped(action == Action::Filter);
                self.selected = 0;
                self.sync(s);
                self.follow(s)
            }
            (Action::Open, Some(SurveyItem::Owed(o))) => vec![Self::start(&o, s)],
            (Action::Open, Some(SurveyItem::Curator(org))) => vec![Self::start_curator(org, s)],
            (Action::Open | Action::Edit, Some(SurveyItem::Draft(id) | SurveyItem::Done(id))) => {
                Self::reopen(id, s)
            }
            // Enter on a template opens it, as e does.
            (Action::Open | Action::Edit, Some(SurveyItem::Template(id))) => s
                .data
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
                self.selected = moved(self.selected, a, self.items().len(), s.page);
                self.follow(s)
            }
            _ => Vec::new(),
        }
    }

    fn enter(&mut self, s: &Shared) -> Effects {
        match templates_wanted(s) {
            Some(add) => vec![Effect::Run(add)],
            None => self.follow(s),
        }
    }

    fn keys(&self) -> Vec<Key> {
        let templates = self.filter == SurveysFilter::Templates;
        vec![
            Key::hint(Action::Open, !templates),
            Key::hint(Action::Edit, templates),
            Key::hint(Action::New, templates),
            Key::hint(Action::Filter, true),
            Key::hint(Action::Search, !templates),
            Key::help(Action::FilterBack),
            Key::help(Action::Back),
        ]
    }

    fn sync(&mut self, s: &Shared) {
        let key = (
            s.version,
            s.org_filter,
            s.status_opts.as_of,
            self.filter,
            self.search.query.clone(),
        );
        if self.items.0.as_ref() != Some(&key) {
            self.items = (Some(key), self.make_items(s));
        }
        self.selected = self.selected.min(self.items().len().saturating_sub(1));
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        view::render(self, s, f, area, theme);
    }
}
