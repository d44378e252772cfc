//! The whole state of the terminal interface, and the update function that
//! turns key presses into state changes and commands. No I/O here: commands
//! are carried out by the runtime against the store.

use super::bases::{self, BasesState, Section};
use super::form::{IntoSaved, Record, RecordForm, Saved};
use super::keymap::{Action, Context, Key, Keymap};
use super::matching::MatchingState;
use crate::domain::*;
use crate::i18n::Lang;
use crate::status::{Status, Target};
use crate::store::HistoryEntry;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Bases,
    Matching,
    Meetings,
    Surveys,
    Reports,
    Roadmap,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Overview,
        Tab::Bases,
        Tab::Matching,
        Tab::Meetings,
        Tab::Surveys,
        Tab::Reports,
        Tab::Roadmap,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tab::Overview => lang.pick("Обзор", "Overview"),
            Tab::Bases => lang.pick("Базы", "Bases"),
            Tab::Matching => lang.pick("Подбор пар", "Matching"),
            Tab::Meetings => lang.pick("Встречи", "Meetings"),
            Tab::Surveys => lang.pick("Анкеты", "Surveys"),
            Tab::Reports => lang.pick("Отчёты", "Reports"),
            Tab::Roadmap => lang.pick("Дорожная карта", "Roadmap"),
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// What the runtime does against the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Save(Box<Record>),
    Archive(Section, Id),
    Restore(Section, Id),
    /// Erasure on the subject's request (mentors, mentees, partners).
    Erase(Section, Id),
    LoadHistory(Section, Id),
    LoadDemo,
    /// Open a stored meeting in its form.
    EditMeeting(Id),
    ArchiveMeeting(Id),
    /// Accept proposed pairs: (mentee, mentor, form), saved as формируется.
    CreatePairs(Vec<(Id, Id, Form)>),
    /// Copy the shipped questionnaires into the database (first use).
    AddTemplates(Vec<SurveyTemplate>),
    /// Write a finished report to a file.
    SaveReport {
        path: std::path::PathBuf,
        text: String,
    },
}

pub enum Modal {
    Help,
    Greeting,
    Form(Box<RecordForm>),
    /// Entering one questionnaire.
    Questionnaire(Box<super::questionnaire::Entry>),
    Confirm {
        question: String,
        on_yes: Option<Command>,
        closes_form: bool,
    },
}

pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub lang: Lang,
    pub keymap: Keymap,
    pub tab: Tab,
    pub data: Dataset,
    pub timelines: Timelines,
    pub status: Status,
    pub bases: BasesState,
    /// The selected line of each list tab (overview, matching, meetings ...).
    pub selected: [usize; 7],
    pub modal: Option<Modal>,
    /// A form or questionnaire kept open under a confirmation about it.
    pub parked: Option<Modal>,
    pub message: Option<Message>,
    pub history: Vec<HistoryEntry>,
    pub no_color: bool,
    pub quit: bool,
    /// The height of the list area at the last draw, for paging.
    pub page: usize,
    /// Bumped on every reload, so cached rows know they are stale.
    data_version: u64,
    /// Every row of the current section, built once per data version.
    all_rows: (Option<(u64, Section)>, Vec<bases::RowData>),
    /// Which of them the query shows, in order.
    rows: (Option<RowsQuery>, Vec<usize>),
    pub matching: MatchingState,
    /// The date and thresholds the warnings are judged by.
    pub status_opts: crate::status::Options,
    pub pairs_filter: PairsFilter,
    /// The selected meeting in the selected pair's timeline (newest first).
    pub meeting_sel: usize,
    /// Weights, minimum score and the date ages are counted on.
    pub match_opts: crate::matching::Options,
    pub reports: super::reports::ReportsState,
    /// The terminal's width at the last draw (reports are laid out to it).
    pub term_width: u16,
    /// The organisation the panes show (None: all of them).
    pub org_filter: Option<Id>,
    /// The Анкеты list, made once per data version, organisation and date.
    surveys: (Option<SurveysKey>, Vec<SurveyItem>),
}

/// What the Анкеты list depends on: data version, organisation, date.
type SurveysKey = (u64, Option<Id>, chrono::NaiveDate);

/// One line of the Анкеты list.
#[derive(Debug, Clone, PartialEq)]
pub enum SurveyItem {
    Owed(crate::surveys::analysis::Owed),
    Draft(Id),
    Template(Id),
}

/// Which pairs the Встречи list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairsFilter {
    All,
    Active,
    NeedsAttention,
}

impl PairsFilter {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PairsFilter::All => lang.pick("все", "all"),
            PairsFilter::Active => lang.pick("активные", "active"),
            PairsFilter::NeedsAttention => lang.pick("требуют внимания", "need attention"),
        }
    }
}

/// A selection after a movement key, within `len` lines.
fn moved(sel: usize, action: Action, len: usize, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(last),
        Action::PageUp => sel.saturating_sub(page.max(1)),
        Action::PageDown => (sel + page.max(1)).min(last),
        Action::First => 0,
        Action::Last => last,
        _ => sel,
    }
}

/// What the Bases rows were built for.
#[derive(Debug, Clone, PartialEq)]
struct RowsQuery {
    data_version: u64,
    section: Section,
    search: String,
    filter: usize,
    archived: bool,
    sort: (usize, bool),
    org: Option<Id>,
}

impl App {
    pub fn new(lang: Lang, keymap: Keymap, data: Dataset, timelines: Timelines) -> App {
        let status_opts = crate::status::Options {
            as_of: chrono::Local::now().date_naive(),
            meetings: Default::default(),
        };
        App::with_options(
            lang,
            keymap,
            data,
            timelines,
            status_opts,
            Default::default(),
        )
    }

    /// With the settings file's thresholds and satisfaction rule, so that
    /// status and the gauges are computed once at start-up.
    pub fn with_options(
        lang: Lang,
        keymap: Keymap,
        data: Dataset,
        timelines: Timelines,
        status_opts: crate::status::Options,
        satisfaction: crate::surveys::analysis::SatisfactionRule,
    ) -> App {
        let status = crate::status::compute(&data, &timelines, &status_opts);
        let greeting = data.orgs.is_empty();
        let mut app = App {
            lang,
            keymap,
            tab: Tab::Overview,
            data,
            timelines,
            status,
            bases: BasesState::default(),
            selected: [0; 7],
            modal: greeting.then_some(Modal::Greeting),
            parked: None,
            message: None,
            history: Vec::new(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            quit: false,
            page: 10,
            data_version: 0,
            all_rows: (None, Vec::new()),
            rows: (None, Vec::new()),
            matching: MatchingState::default(),
            status_opts,
            pairs_filter: PairsFilter::All,
            meeting_sel: 0,
            match_opts: crate::matching::Options {
                as_of: chrono::Local::now().date_naive(),
                ..Default::default()
            },
            reports: super::reports::ReportsState {
                satisfaction,
                ..Default::default()
            },
            term_width: 80,
            org_filter: None,
            surveys: (None, Vec::new()),
        };
        app.org_filter = app.single_org();
        app.bases.org = app.org_filter;
        app.sync_rows();
        app.sync_surveys();
        app.refresh_reports();
        app
    }

    /// The only organisation, when there is just one.
    fn single_org(&self) -> Option<Id> {
        let mut live = self.data.orgs.values().filter(|o| !o.archived);
        match (live.next(), live.next()) {
            (Some(o), None) => Some(o.id),
            _ => None,
        }
    }

    /// Whether a record of `org` shows under the organisation filter.
    pub fn shows_org(&self, org: Id) -> bool {
        self.org_filter.is_none_or(|o| o == org)
    }

    /// The warnings of the organisation shown.
    pub fn visible_warnings(&self) -> Vec<&crate::status::Warning> {
        let d = &self.data;
        self.status
            .warnings
            .iter()
            .filter(|w| match w.target {
                Target::Unit(id) => d.units.get(&id).is_none_or(|u| self.shows_org(u.org_id)),
                Target::Mentor(id) => d.mentors.get(&id).is_none_or(|m| self.shows_org(m.org_id)),
                Target::Roadmap(id) => d.roadmap.get(&id).is_none_or(|r| self.shows_org(r.org_id)),
            })
            .collect()
    }

    /// All organisations, then each one in turn.
    fn next_org(&mut self) {
        let ids: Vec<Id> = self
            .data
            .orgs
            .values()
            .filter(|o| !o.archived)
            .map(|o| o.id)
            .collect();
        self.org_filter = match self.org_filter {
            None => ids.first().copied(),
            Some(cur) => ids.iter().skip_while(|i| **i != cur).nth(1).copied(),
        };
        self.bases.org = self.org_filter;
        self.bases.selected = 0;
        self.bases.offset = 0;
        self.selected = [0; 7];
        self.refresh_reports();
        let name = match self.org_filter.and_then(|id| self.data.orgs.get(&id)) {
            Some(o) => o.name.clone(),
            None => self
                .lang
                .pick("все организации", "all organisations")
                .into(),
        };
        let text = format!("{}: {name}", self.lang.pick("Организация", "Organisation"));
        self.say(text, false);
    }

    /// The gauges and an open preview follow the data and the settings.
    pub fn refresh_reports(&mut self) {
        let today = self.status_opts.as_of;
        self.reports
            .refresh_gauges(&self.data, self.org_filter, today, self.lang);
        if let Some(kind) = self.reports.preview.as_ref().map(|p| p.kind) {
            self.open_report(kind);
        }
    }

    /// Makes a report and opens it for reading at the terminal's width.
    pub fn open_report(&mut self, kind: crate::reports::Kind) {
        let p = self
            .reports
            .params(kind, self.org_filter, self.status_opts.as_of, self.lang);
        let report = crate::reports::build(&self.data, &self.timelines, &p);
        let scroll = self
            .reports
            .preview
            .as_ref()
            .filter(|old| old.kind == kind)
            .map_or(0, |old| old.scroll);
        let mut preview = super::reports::Preview {
            kind,
            report,
            lines: Vec::new(),
            width: 0,
            scroll,
        };
        self.layout_preview(&mut preview);
        self.reports.preview = Some(preview);
    }

    /// Lays the preview out again when the terminal's width changed.
    pub fn relayout_preview(&mut self) {
        if let Some(mut p) = self.reports.preview.take() {
            if p.width != self.preview_width() {
                self.layout_preview(&mut p);
            }
            self.reports.preview = Some(p);
        }
    }

    fn preview_width(&self) -> usize {
        usize::from(self.term_width.saturating_sub(2)).max(crate::reports::render::MIN_WIDTH)
    }

    fn layout_preview(&self, p: &mut super::reports::Preview) {
        p.width = self.preview_width();
        p.lines = crate::reports::render::to_text(&p.report, p.width, self.lang)
            .lines()
            .map(String::from)
            .collect();
        p.scroll = p.scroll.min(p.lines.len().saturating_sub(self.page.max(1)));
    }

    fn reports_action(&mut self, action: Action) -> Option<Command> {
        let kinds = crate::reports::Kind::ALL;
        let kind = kinds[self.selected[Tab::Reports.index()].min(kinds.len() - 1)];
        match action {
            Action::Period => {
                let s = self.reports.settings.clone();
                self.open_form(s);
            }
            Action::SaveReport => {
                let kind = self.reports.preview.as_ref().map_or(kind, |p| p.kind);
                let p =
                    self.reports
                        .params(kind, self.org_filter, self.status_opts.as_of, self.lang);
                let report = crate::reports::build(&self.data, &self.timelines, &p);
                let s = &self.reports.settings;
                let text = if s.tsv {
                    crate::reports::render::to_tsv(&report, self.lang)
                } else {
                    crate::reports::render::to_text(&report, s.width, self.lang)
                };
                return Some(Command::SaveReport {
                    path: self.reports.file_path(&p),
                    text,
                });
            }
            _ if self.reports.preview.is_some() => {
                let page = self.page.max(1);
                let p = self.reports.preview.as_mut()?;
                let last = p.lines.len().saturating_sub(page);
                p.scroll = match action {
                    Action::Up => p.scroll.saturating_sub(1),
                    Action::Down => (p.scroll + 1).min(last),
                    Action::PageUp => p.scroll.saturating_sub(page),
                    Action::PageDown => (p.scroll + page).min(last),
                    Action::First => 0,
                    Action::Last => last,
                    Action::Back => {
                        self.reports.preview = None;
                        return None;
                    }
                    _ => return None,
                };
            }
            Action::Open => self.open_report(kind),
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last => self.move_selection(action, kinds.len()),
            _ => {}
        }
        None
    }

    /// New data after a write.
    pub fn reload(&mut self, data: Dataset, timelines: Timelines) {
        self.status = crate::status::compute(&data, &timelines, &self.status_opts);
        self.data = data;
        self.timelines = timelines;
        self.data_version += 1;
        // A new first organisation, or the shown one gone: show what there is.
        if self
            .org_filter
            .is_none_or(|id| self.data.orgs.get(&id).is_none_or(|o| o.archived))
        {
            self.org_filter = self.single_org();
            self.bases.org = self.org_filter;
        }
        self.sync_rows();
        self.sync_matching();
        self.sync_surveys();
        self.refresh_reports();
        if !self.data.orgs.is_empty() && matches!(self.modal, Some(Modal::Greeting)) {
            self.modal = None;
        }
    }

    /// The pairs the Встречи list shows, by the filter: all, active, or
    /// needing attention (any warning).
    pub fn pair_list(&self) -> Vec<&Unit> {
        let flagged: std::collections::BTreeSet<Id> = self
            .status
            .warnings
            .iter()
            .filter_map(|w| match w.target {
                crate::status::Target::Unit(id) => Some(id),
                _ => None,
            })
            .collect();
        self.data
            .units
            .values()
            .filter(|u| !u.archived && self.shows_org(u.org_id))
            .filter(|u| match self.pairs_filter {
                PairsFilter::All => true,
                PairsFilter::Active => u.status == UnitStatus::Active,
                PairsFilter::NeedsAttention => flagged.contains(&u.id),
            })
            .collect()
    }

    /// The selected pair's meetings that are not archived, newest first.
    pub fn selected_meetings(&self) -> Vec<&MeetingBrief> {
        let Some(unit) = self.selected_pair() else {
            return Vec::new();
        };
        self.timelines
            .get(&unit.id)
            .map(|t| t.iter().rev().filter(|b| !b.archived).collect())
            .unwrap_or_default()
    }

    /// Opens a meeting read from the store in its form.
    pub fn open_meeting(&mut self, meeting: Meeting) {
        self.open_form(meeting);
    }

    pub fn selected_pair(&self) -> Option<&Unit> {
        self.pair_list()
            .into_iter()
            .nth(self.selected[Tab::Meetings.index()])
    }

    /// After an итоговая встреча of an active pair: its form, ready to be
    /// completed on that date (F2 saves, Esc leaves the pair as it is).
    pub fn offer_completion(&mut self, meeting: &Meeting) {
        let Some(unit) = self.data.units.get(&meeting.unit_id) else {
            return;
        };
        if meeting.kind != MeetingKind::Final || unit.status != UnitStatus::Active {
            return;
        }
        let done = Unit {
            status: UnitStatus::Completed,
            end: Some(meeting.date),
            ..unit.clone()
        };
        self.open_form(done);
        if let Some(Modal::Form(form)) = &mut self.modal {
            form.dirty = true;
        }
        self.say(
            self.lang.pick(
                "Итоговая встреча записана. Завершить пару? Допишите результат и сохраните (F2) или Esc.",
                "Final meeting logged. Complete the pair? Add the result and save (F2), or Esc.",
            ),
            false,
        );
    }

    /// Judges the warnings by other options (the settings file, a date).
    pub fn set_status_options(&mut self, opts: crate::status::Options) {
        self.status = crate::status::compute(&self.data, &self.timelines, &opts);
        self.status_opts = opts;
        self.sync_surveys();
        self.refresh_reports();
    }

    pub fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    pub fn sections(&self) -> Vec<Section> {
        Section::visible(&self.data)
    }

    pub fn section(&self) -> Section {
        let s = self.sections();
        s[self.bases.section_index.min(s.len() - 1)]
    }

    /// The Bases rows as the pane's query shows them (kept between keys).
    pub fn rows(&self) -> Vec<&bases::RowData> {
        self.rows.1.iter().map(|i| &self.all_rows.1[*i]).collect()
    }

    /// The n-th visible row, without collecting them all.
    pub fn row(&self, n: usize) -> Option<&bases::RowData> {
        self.rows.1.get(n).map(|i| &self.all_rows.1[*i])
    }

    pub fn row_count(&self) -> usize {
        self.rows.1.len()
    }

    /// Rebuilds the rows when the data or the query changed since the last
    /// time: with 10,000 records a key press must not rebuild them all.
    fn sync_rows(&mut self) {
        let b = &self.bases;
        let query = RowsQuery {
            data_version: self.data_version,
            section: self.section(),
            search: b.search.clone(),
            filter: b.filter,
            archived: b.archived,
            sort: (b.sort_column, b.reverse),
            org: b.org,
        };
        let whole = (self.data_version, query.section);
        if self.all_rows.0 != Some(whole) {
            self.all_rows = (
                Some(whole),
                bases::all_rows(&self.data, query.section, self.lang),
            );
        }
        if self.rows.0.as_ref() != Some(&query) {
            let rows = bases::visible_rows(&self.all_rows.1, &self.bases);
            self.rows = (Some(query), rows);
        }
    }

    /// The context whose keys the status bar shows.
    pub fn context(&self) -> Context {
        match self.modal {
            Some(Modal::Form(_)) | Some(Modal::Questionnaire(_)) => Context::Form,
            Some(Modal::Confirm { .. }) => Context::Confirm,
            _ => Context::List,
        }
    }

    pub fn on_paste(&mut self, text: &str) {
        self.paste(text);
        self.sync_rows();
    }

    fn paste(&mut self, text: &str) {
        // Terminals send a pasted line break as CR (or CRLF).
        let text = &text.replace("\r\n", "\n").replace('\r', "\n");
        if let Some(Modal::Questionnaire(e)) = &mut self.modal {
            e.paste(text);
        } else if let Some(Modal::Form(form)) = &mut self.modal {
            if form.focused_mut().paste(text) {
                form.dirty = true;
            }
        } else if self.tab == Tab::Bases && self.bases.searching {
            self.bases
                .search
                .push_str(&crate::text::sanitize_line(text));
            self.bases.selected = 0;
        }
    }

    /// Handles one key press; returns what the runtime must do, if anything.
    pub fn on_key(&mut self, ev: KeyEvent) -> Option<Command> {
        let cmd = self.key(ev);
        self.sync_surveys();
        self.sync_rows();
        self.sync_matching();
        cmd
    }

    /// Candidates are computed only once the pane is open, once per data.
    pub fn sync_matching(&mut self) {
        if self.tab == Tab::Matching {
            self.matching
                .sync(&self.data, self.data_version, &self.match_opts);
        }
    }

    fn key(&mut self, ev: KeyEvent) -> Option<Command> {
        let key = Key::from_event(&ev)?;
        match self.modal.take() {
            Some(Modal::Form(form)) => self.form_key(form, ev, key),
            Some(Modal::Questionnaire(entry)) => self.questionnaire_key(entry, ev, key),
            Some(Modal::Confirm {
                question,
                on_yes,
                closes_form,
            }) => {
                match self.keymap.lookup(Context::Confirm, key, false) {
                    Some(Action::Yes) => {
                        if closes_form {
                            self.parked = None;
                        } else if let Some(m) = self.parked.take() {
                            self.modal = Some(m);
                        }
                        return on_yes;
                    }
                    Some(Action::No) => {
                        if let Some(m) = self.parked.take() {
                            self.modal = Some(m);
                        }
                    }
                    _ => {
                        self.modal = Some(Modal::Confirm {
                            question,
                            on_yes,
                            closes_form,
                        })
                    }
                }
                None
            }
            Some(Modal::Help) => None,
            Some(Modal::Greeting) => self.greeting_key(key),
            None if self.tab == Tab::Bases && self.bases.searching => {
                self.search_key(ev);
                None
            }
            None => {
                let action = self
                    .keymap
                    .lookup(Context::List, key, false)
                    .or_else(|| self.keymap.lookup(Context::Global, key, false))?;
                self.action(action)
            }
        }
    }

    fn greeting_key(&mut self, key: Key) -> Option<Command> {
        match self
            .keymap
            .lookup(Context::List, key, false)
            .or_else(|| self.keymap.lookup(Context::Global, key, false))
        {
            Some(Action::New | Action::Open) => {
                let org = Organisation {
                    is_default: true,
                    academic_year: crate::domain::dates::academic_year_label(
                        chrono::Local::now().date_naive(),
                    ),
                    ..Organisation::default()
                };
                self.open_form(org);
                None
            }
            Some(Action::Demo) => Some(Command::LoadDemo),
            Some(Action::Quit) => {
                self.quit = true;
                None
            }
            _ => {
                self.modal = Some(Modal::Greeting);
                None
            }
        }
    }

    fn search_key(&mut self, ev: KeyEvent) {
        match ev.code {
            KeyCode::Enter => self.bases.searching = false,
            KeyCode::Esc => {
                self.bases.searching = false;
                self.bases.search.clear();
            }
            KeyCode::Backspace => {
                self.bases.search.pop();
            }
            // A chord (Alt+3 is what a quick Esc, 3 can arrive as) types nothing.
            KeyCode::Char(c)
                if !c.is_control()
                    && !ev
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.bases.search.push(c)
            }
            _ => return,
        }
        self.bases.selected = 0;
        self.bases.offset = 0;
    }

    fn form_key(&mut self, mut form: Box<RecordForm>, ev: KeyEvent, key: Key) -> Option<Command> {
        let field = form.focused();
        // In notes, the keys that move or break lines belong to the text.
        let typing_in_notes =
            field.is_multi() && matches!(ev.code, KeyCode::Enter | KeyCode::Up | KeyCode::Down);
        let action = if typing_in_notes {
            None
        } else {
            self.keymap.lookup(Context::Form, key, field.is_text())
        };
        match action {
            Some(Action::Save) => match form.build(&self.data, self.lang) {
                // Report settings live in the pane, not in the store.
                Some(Saved::ReportSettings(s)) => {
                    self.reports.settings = s;
                    self.refresh_reports();
                    self.say(
                        self.lang
                            .pick("Параметры отчётов заданы.", "Report settings set."),
                        false,
                    );
                    return None;
                }
                Some(Saved::Record(record)) => {
                    self.modal = Some(Modal::Form(form));
                    return Some(Command::Save(record));
                }
                None => self.say(
                    self.lang.pick(
                        "Есть ошибки: исправьте отмеченные поля",
                        "Fix the marked fields",
                    ),
                    true,
                ),
            },
            Some(Action::Cancel) if form.dirty => {
                self.parked = Some(Modal::Form(form));
                self.modal = Some(Modal::Confirm {
                    question: self
                        .lang
                        .pick(
                            "Отменить изменения? (y — да, n — нет)",
                            "Discard the changes? (y/n)",
                        )
                        .into(),
                    on_yes: None,
                    closes_form: true,
                });
                return None;
            }
            Some(Action::Cancel) => return None,
            Some(Action::NextField) => form.next(),
            Some(Action::PrevField) => form.prev(),
            Some(a @ (Action::NextChoice | Action::PrevChoice)) if !field.is_text() => {
                if form.focused_mut().step(a == Action::NextChoice) {
                    form.dirty = true;
                }
            }
            _ => {
                if form.focused_mut().type_key(ev) {
                    form.dirty = true;
                }
            }
        }
        self.modal = Some(Modal::Form(form));
        None
    }

    fn open_form<T: IntoSaved>(&mut self, record: T) {
        self.modal = Some(Modal::Form(Box::new(RecordForm::new(
            record, &self.data, self.lang,
        ))));
    }

    fn new_record(&mut self) {
        let org_id = self.data.default_org().map_or(0, |o| o.id);
        match self.section() {
            Section::Mentors => self.open_form(Mentor {
                org_id,
                ..Mentor::default()
            }),
            Section::Mentees => self.open_form(Mentee {
                org_id,
                ..Mentee::default()
            }),
            Section::Programs => self.open_form(Program {
                org_id,
                ..Program::default()
            }),
            Section::Partners => self.open_form(Partner {
                org_id,
                ..Partner::default()
            }),
            Section::Organisations => self.open_form(Organisation::default()),
        }
    }

    fn edit_record(&mut self, section: Section, id: Id) -> Option<()> {
        let d = &self.data;
        match section {
            Section::Mentors => self.open_form(d.mentors.get(&id)?.clone()),
            Section::Mentees => self.open_form(d.mentees.get(&id)?.clone()),
            Section::Programs => self.open_form(d.programs.get(&id)?.clone()),
            Section::Partners => self.open_form(d.partners.get(&id)?.clone()),
            Section::Organisations => self.open_form(d.orgs.get(&id)?.clone()),
        }
        Some(())
    }

    /// The name shown in the Bases row of record `id` (for questions).
    fn row_name(&self, id: Id) -> String {
        self.rows()
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.cells[1].clone())
            .unwrap_or_default()
    }

    fn selected_id(&self) -> Option<Id> {
        self.row(self.bases.selected).map(|r| r.id)
    }

    fn switch(&mut self, tab: Tab) -> Option<Command> {
        self.tab = tab;
        self.sync_matching();
        // The shipped questionnaires are copied in when first needed.
        if tab == Tab::Surveys {
            let org = self.data.default_org()?.id;
            let missing = crate::surveys::builtin::missing(&self.data, org);
            if !missing.is_empty() {
                return Some(Command::AddTemplates(missing));
            }
        }
        None
    }

    /// The roadmap of the default organisation: what is overdue first (by
    /// date), then the rest in the document's order.
    pub fn roadmap_list(&self) -> Vec<Id> {
        let org = self.org_filter;
        let as_of = self.status_opts.as_of;
        let mut items: Vec<(u8, Option<chrono::NaiveDate>, Id)> = self
            .data
            .roadmap
            .values()
            .filter(|i| !i.archived && org.is_none_or(|o| i.org_id == o))
            .map(
                |i| match crate::roadmap::standing(i, as_of, crate::roadmap::SOON_DAYS) {
                    crate::roadmap::Standing::Overdue(d) => (0, Some(d), i.id),
                    _ => (1, None, i.id),
                },
            )
            .collect();
        items.sort();
        items.into_iter().map(|(_, _, id)| id).collect()
    }

    /// The Анкеты list: questionnaires owed, drafts, then the templates.
    pub fn survey_items(&self) -> &[SurveyItem] {
        &self.surveys.1
    }

    /// Makes the Анкеты list again when what it shows has changed.
    fn sync_surveys(&mut self) {
        let key = (self.data_version, self.org_filter, self.status_opts.as_of);
        if self.surveys.0 != Some(key) {
            self.surveys = (Some(key), self.make_survey_items());
        }
    }

    fn make_survey_items(&self) -> Vec<SurveyItem> {
        let org = self.org_filter;
        let mut items: Vec<SurveyItem> =
            crate::surveys::analysis::owed(&self.data, self.status_opts.as_of, org)
                .into_iter()
                .map(SurveyItem::Owed)
                .collect();
        items.extend(
            self.data
                .responses
                .values()
                .filter(|r| r.draft && !r.archived && self.shows_org(r.org_id))
                .map(|r| SurveyItem::Draft(r.id)),
        );
        items.extend(
            self.data
                .templates
                .values()
                .filter(|t| !t.archived && (t.org_id == 0 || self.shows_org(t.org_id)))
                .map(|t| SurveyItem::Template(t.id)),
        );
        items
    }

    fn start_questionnaire(&mut self, o: &crate::surveys::analysis::Owed) -> Option<()> {
        let unit = self.data.units.get(&o.unit_id)?;
        let Some(t) =
            super::questionnaire::template_for(&self.data, o.who, o.stage, Some(unit.form))
        else {
            self.say(
                self.lang.pick(
                    "Нет шаблона анкеты для этого участника и этапа",
                    "No questionnaire for this participant and stage",
                ),
                true,
            );
            return None;
        };
        let base = SurveyResponse {
            org_id: unit.org_id,
            template_id: t.id,
            respondent: o.who,
            unit_id: Some(unit.id),
            program_id: unit.program_id,
            stage: o.stage,
            date: self.status_opts.as_of,
            ..SurveyResponse::default()
        };
        let name = self.data.person_name(o.who).to_string();
        self.modal = Some(Modal::Questionnaire(Box::new(
            super::questionnaire::Entry::new(t.clone(), base, name),
        )));
        Some(())
    }

    fn surveys_action(&mut self, action: Action) -> Option<Command> {
        let len = self.survey_items().len();
        let sel = self.selected[Tab::Surveys.index()].min(len.saturating_sub(1));
        let item = self.survey_items().get(sel).cloned();
        match (action, item.as_ref()) {
            (Action::Open, Some(SurveyItem::Owed(o))) => {
                self.start_questionnaire(&o.clone());
            }
            (Action::Open | Action::Edit, Some(SurveyItem::Draft(id))) => {
                let r = self.data.responses.get(id)?.clone();
                let t = self.data.templates.get(&r.template_id)?.clone();
                let name = self.data.person_name(r.respondent).to_string();
                self.modal = Some(Modal::Questionnaire(Box::new(
                    super::questionnaire::Entry::new(t, r, name),
                )));
            }
            (Action::Edit, Some(SurveyItem::Template(id))) => {
                let t = self.data.templates.get(id)?.clone();
                self.open_form(t);
            }
            (Action::New, _) => {
                let org_id = self.data.default_org().map_or(0, |o| o.id);
                self.open_form(SurveyTemplate {
                    org_id,
                    ..SurveyTemplate::default()
                });
            }
            (
                Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last,
                _,
            ) => self.move_selection(action, len),
            _ => {}
        }
        None
    }

    fn questionnaire_key(
        &mut self,
        mut e: Box<super::questionnaire::Entry>,
        ev: KeyEvent,
        key: Key,
    ) -> Option<Command> {
        let lang = self.lang;
        match self.keymap.lookup(Context::Form, key, e.is_text()) {
            Some(Action::Save) if e.complete() => {
                let r = e.to_response(false);
                self.modal = Some(Modal::Questionnaire(e));
                return Some(Command::Save(Box::new(Record::Response(r))));
            }
            Some(Action::Save) => {
                let r = e.to_response(true);
                let question = format!(
                    "{} {}/{}. {}",
                    lang.pick("Отвечено", "Answered"),
                    e.answered(),
                    e.template.questions.len(),
                    lang.pick(
                        "Сохранить как черновик? (y — да, n — вернуться)",
                        "Save as a draft? (y/n: back)"
                    )
                );
                self.ask_draft(e, r, question);
                return None;
            }
            Some(Action::Cancel) if e.dirty => {
                let r = e.to_response(true);
                let question = lang
                    .pick(
                        "Выйти, сохранив черновик? (y — да, n — вернуться к анкете)",
                        "Leave and keep a draft? (y/n: back to the questionnaire)",
                    )
                    .into();
                self.ask_draft(e, r, question);
                return None;
            }
            Some(Action::Cancel) => return None,
            Some(Action::NextField) => e.next(),
            Some(Action::PrevField) => e.prev(),
            Some(Action::NextChoice) if !e.is_text() => e.next(),
            Some(Action::PrevChoice) if !e.is_text() => e.prev(),
            _ => {
                // y/n are read by the key's place, so the Russian layout works.
                let latin = key
                    .from_russian_layout()
                    .unwrap_or(key)
                    .char()
                    .map(|c| c.to_ascii_lowercase());
                e.answer_key(ev, latin, lang);
            }
        }
        self.modal = Some(Modal::Questionnaire(e));
        None
    }

    /// Keeps the questionnaire under a question whose «yes» saves a draft.
    fn ask_draft(
        &mut self,
        e: Box<super::questionnaire::Entry>,
        draft: SurveyResponse,
        question: String,
    ) {
        self.parked = Some(Modal::Questionnaire(e));
        self.modal = Some(Modal::Confirm {
            question,
            on_yes: Some(Command::Save(Box::new(Record::Response(draft)))),
            closes_form: true,
        });
    }

    fn action(&mut self, action: Action) -> Option<Command> {
        let tabs = Tab::ALL.len();
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.modal = Some(Modal::Help),
            Action::NextTab => return self.switch(Tab::ALL[(self.tab.index() + 1) % tabs]),
            Action::PrevTab => return self.switch(Tab::ALL[(self.tab.index() + tabs - 1) % tabs]),
            Action::TabOverview => return self.switch(Tab::Overview),
            Action::TabBases => return self.switch(Tab::Bases),
            Action::TabMatching => return self.switch(Tab::Matching),
            Action::TabMeetings => return self.switch(Tab::Meetings),
            Action::TabSurveys => return self.switch(Tab::Surveys),
            Action::TabReports => return self.switch(Tab::Reports),
            Action::TabRoadmap => return self.switch(Tab::Roadmap),
            Action::Organisation => self.next_org(),
            _ if self.tab == Tab::Bases => return self.bases_action(action),
            _ if self.tab == Tab::Matching => return self.matching_action(action),
            _ if self.tab == Tab::Reports => return self.reports_action(action),
            Action::Open | Action::Edit if self.tab == Tab::Roadmap => {
                let id = *self
                    .roadmap_list()
                    .get(self.selected[Tab::Roadmap.index()])?;
                let item = self.data.roadmap.get(&id)?.clone();
                self.open_form(item);
            }
            _ if self.tab == Tab::Surveys => return self.surveys_action(action),
            Action::Open if self.tab == Tab::Overview => return self.jump_to_warning(),
            Action::New if self.tab == Tab::Meetings => {
                let unit = self.selected_pair()?;
                let timeline = self
                    .timelines
                    .get(&unit.id)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let meeting = Meeting {
                    org_id: unit.org_id,
                    unit_id: unit.id,
                    date: self.status_opts.as_of,
                    kind: crate::meetings::next_kind(timeline),
                    attendees: unit.people().collect(),
                    ..Meeting::default()
                };
                self.open_form(meeting);
            }
            Action::Filter if self.tab == Tab::Meetings => {
                self.pairs_filter = match self.pairs_filter {
                    PairsFilter::All => PairsFilter::Active,
                    PairsFilter::Active => PairsFilter::NeedsAttention,
                    PairsFilter::NeedsAttention => PairsFilter::All,
                };
                self.selected[Tab::Meetings.index()] = 0;
                self.meeting_sel = 0;
                let text = format!(
                    "{}: {}",
                    self.lang.pick("Пары", "Pairs"),
                    self.pairs_filter.label(self.lang)
                );
                self.say(text, false);
            }
            Action::NextCandidate | Action::PrevCandidate if self.tab == Tab::Meetings => {
                let n = self.selected_meetings().len();
                self.meeting_sel = moved(
                    self.meeting_sel,
                    if action == Action::NextCandidate {
                        Action::Down
                    } else {
                        Action::Up
                    },
                    n,
                    1,
                );
            }
            Action::Edit if self.tab == Tab::Meetings && !self.selected_meetings().is_empty() => {
                return self
                    .selected_meetings()
                    .get(self.meeting_sel)
                    .map(|b| Command::EditMeeting(b.id));
            }
            Action::Archive if self.tab == Tab::Meetings => {
                let b = *self.selected_meetings().get(self.meeting_sel)?;
                self.modal = Some(Modal::Confirm {
                    question: format!(
                        "{} {} ({})? {}",
                        self.lang
                            .pick("Перенести в архив встречу", "Archive the meeting of"),
                        crate::domain::dates::format_date(b.date),
                        b.kind.label(self.lang),
                        self.lang.pick(
                            "Её можно будет вернуть. (y — да, n — нет)",
                            "It can be restored. (y/n)"
                        )
                    ),
                    on_yes: Some(Command::ArchiveMeeting(b.id)),
                    closes_form: false,
                });
            }
            Action::Open | Action::Edit if self.tab == Tab::Meetings => {
                let unit = self.selected_pair()?;
                self.open_form(unit.clone());
            }
            a => {
                let before = self.selected[self.tab.index()];
                self.move_selection(a, self.list_len());
                if self.selected[self.tab.index()] != before {
                    self.meeting_sel = 0;
                }
            }
        }
        None
    }

    /// How many lines the current list tab has (for moving the selection).
    pub fn list_len(&self) -> usize {
        match self.tab {
            Tab::Overview => self.visible_warnings().len(),
            Tab::Matching => self.matching.mentees().len(),
            Tab::Meetings => self.pair_list().len(),
            Tab::Surveys => self.survey_items().len(),
            Tab::Reports => crate::reports::Kind::ALL.len(),
            Tab::Roadmap => self.roadmap_list().len(),
            Tab::Bases => 0,
        }
    }

    fn move_selection(&mut self, action: Action, len: usize) {
        let i = self.tab.index();
        let sel = if self.tab == Tab::Bases {
            self.bases.selected
        } else {
            self.selected[i]
        };
        let new = moved(sel, action, len, self.page);
        if self.tab == Tab::Bases {
            self.bases.selected = new;
        } else {
            self.selected[i] = new;
        }
    }

    fn matching_action(&mut self, action: Action) -> Option<Command> {
        let m = &mut self.matching;
        match action {
            Action::NextCandidate => {
                m.candidate = (m.candidate + 1).min(m.candidates().len().saturating_sub(1))
            }
            Action::PrevCandidate => m.candidate = m.candidate.saturating_sub(1),
            Action::RunMatching => {
                let p = crate::matching::propose(&self.data, &self.match_opts);
                let text = format!(
                    "{} {} / {}, {} {}. {}",
                    self.lang.pick("Предложено пар:", "Proposed:"),
                    p.matched,
                    self.matching.mentees().len(),
                    self.lang.pick("сумма баллов", "score sum"),
                    p.score_sum,
                    self.lang.pick(
                        "Y — принять все, y — принять выбранную",
                        "Y accepts all, y the selected one"
                    )
                );
                self.matching.proposal = Some(p);
                self.say(text, false);
            }
            Action::AllMentors => {
                m.all_mentors = !m.all_mentors;
                m.candidate = 0;
            }
            Action::Accept => {
                let c = m.selected_candidate()?;
                let cmd = Command::CreatePairs(vec![(c.mentee, c.mentor, c.form)]);
                let reasons = m.selected_reasons();
                if reasons.is_empty() {
                    return Some(cmd);
                }
                let list: Vec<&str> = reasons.iter().map(|r| r.message(self.lang)).collect();
                self.modal = Some(Modal::Confirm {
                    question: format!(
                        "{} {}. {}",
                        self.lang
                            .pick("Нарушены правила подбора:", "Matching rules broken:"),
                        list.join("; "),
                        self.lang.pick(
                            "Всё равно создать пару? (y — да, n — нет)",
                            "Create the pair anyway? (y/n)"
                        )
                    ),
                    on_yes: Some(cmd),
                    closes_form: false,
                });
            }
            Action::Lock | Action::Reject | Action::ClearDecisions => {
                let mentee_id = m.selected_mentee()?;
                let mentor = m.selected_candidate().map(|c| c.mentor);
                let mut mentee = self.data.mentees.get(&mentee_id)?.clone();
                let d = &mut mentee.matching;
                match (action, mentor) {
                    (Action::Lock, Some(mentor)) => {
                        d.locked = if d.locked == Some(mentor) {
                            None
                        } else {
                            Some(mentor)
                        }
                    }
                    (Action::Reject, Some(mentor)) => {
                        d.rejected.push(mentor);
                        if d.locked == Some(mentor) {
                            d.locked = None;
                        }
                    }
                    (Action::ClearDecisions, _) => *d = MatchDecisions::default(),
                    _ => return None,
                }
                return Some(Command::Save(Box::new(Record::Mentee(mentee))));
            }
            Action::AcceptAll => {
                let pairs = m.proposal_pairs();
                if pairs.is_empty() {
                    let k = self.keymap.keys_label(Context::List, Action::RunMatching);
                    self.say(
                        format!(
                            "{} ({k})",
                            self.lang
                                .pick("Сначала подберите пары", "Run the matching first")
                        ),
                        true,
                    );
                    return None;
                }
                return Some(Command::CreatePairs(pairs));
            }
            a => {
                let new = moved(m.mentee, a, m.mentees().len(), self.page);
                if new != m.mentee {
                    m.mentee = new;
                    m.candidate = 0;
                }
            }
        }
        None
    }

    fn jump_to_warning(&mut self) -> Option<Command> {
        let target = self
            .visible_warnings()
            .get(self.selected[Tab::Overview.index()])?
            .target;
        match target {
            Target::Mentor(id) => {
                self.tab = Tab::Bases;
                self.bases = BasesState {
                    detail: Some(id),
                    ..BasesState::default()
                };
                self.sync_rows();
                self.bases.selected = (0..self.row_count())
                    .position(|n| self.row(n).is_some_and(|r| r.id == id))
                    .unwrap_or(0);
                Some(Command::LoadHistory(Section::Mentors, id))
            }
            Target::Roadmap(id) => {
                self.tab = Tab::Roadmap;
                let pos = self.roadmap_list().iter().position(|i| *i == id);
                self.selected[Tab::Roadmap.index()] = pos.unwrap_or(0);
                None
            }
            Target::Unit(id) => {
                self.tab = Tab::Meetings;
                self.pairs_filter = PairsFilter::All;
                let pos = self.pair_list().iter().position(|u| u.id == id);
                self.selected[Tab::Meetings.index()] = pos.unwrap_or(0);
                None
            }
        }
    }

    fn bases_action(&mut self, action: Action) -> Option<Command> {
        let section = self.section();
        let n_sections = self.sections().len();
        let reset = |b: &mut BasesState| {
            b.selected = 0;
            b.offset = 0;
            b.detail = None;
        };
        match action {
            Action::NextSection | Action::PrevSection => {
                let step = if action == Action::NextSection {
                    1
                } else {
                    n_sections - 1
                };
                self.bases.section_index = (self.bases.section_index + step) % n_sections;
                self.bases.sort_column = 0;
                self.bases.filter = 0;
                reset(&mut self.bases);
            }
            Action::Search => {
                self.bases.searching = true;
                self.bases.detail = None;
            }
            Action::Sort => {
                let n = bases::columns(section, self.lang).len();
                self.bases.sort_column = (self.bases.sort_column + 1) % n;
            }
            Action::ReverseSort => self.bases.reverse = !self.bases.reverse,
            Action::Filter => {
                let n = bases::filters(section, self.lang).len();
                self.bases.filter = (self.bases.filter + 1) % n.max(1);
                reset(&mut self.bases);
            }
            Action::ShowArchived => {
                self.bases.archived = !self.bases.archived;
                reset(&mut self.bases);
            }
            Action::Open => {
                let id = self.selected_id()?;
                self.bases.detail = Some(id);
                return Some(Command::LoadHistory(section, id));
            }
            Action::Back => {
                if self.bases.detail.is_some() {
                    self.bases.detail = None;
                } else {
                    self.bases.search.clear();
                    reset(&mut self.bases);
                }
            }
            Action::New => self.new_record(),
            Action::Edit => {
                let id = self.bases.detail.or_else(|| self.selected_id())?;
                self.edit_record(section, id)?;
            }
            Action::Archive if !self.bases.archived => {
                let id = self.bases.detail.or_else(|| self.selected_id())?;
                let name = self.row_name(id);
                self.modal = Some(Modal::Confirm {
                    question: format!(
                        "{} «{}» (#{id})? {}",
                        self.lang.pick("Перенести в архив", "Archive"),
                        crate::text::sanitize_line(&name),
                        self.lang.pick(
                            "Запись можно будет вернуть. (y — да, n — нет)",
                            "It can be restored. (y/n)"
                        )
                    ),
                    on_yes: Some(Command::Archive(section, id)),
                    closes_form: false,
                });
            }
            Action::Erase
                if matches!(
                    section,
                    Section::Mentors | Section::Mentees | Section::Partners
                ) =>
            {
                let id = self.bases.detail.or_else(|| self.selected_id())?;
                let name = self.row_name(id);
                self.modal = Some(Modal::Confirm {
                    question: format!(
                        "{} «{}» (#{id})? {}",
                        self.lang.pick(
                            "Удалить по запросу все персональные данные",
                            "Erase on request all personal data of"
                        ),
                        crate::text::sanitize_line(&name),
                        self.lang.pick(
                            "Запись, её история, анкеты, имя в заметках встреч и резервные копии будут удалены; пары останутся. Это нельзя отменить. (y — да, n — нет)",
                            "The record, its history, questionnaires, the name in meeting notes and the backups go; pairs stay. This cannot be undone. (y/n)"
                        )
                    ),
                    on_yes: Some(Command::Erase(section, id)),
                    closes_form: false,
                });
            }
            Action::Restore if self.bases.archived => {
                let id = self.selected_id()?;
                return Some(Command::Restore(section, id));
            }
            a => {
                self.move_selection(a, self.row_count());
                if self.bases.detail.is_some() {
                    self.bases.detail = self.selected_id();
                    return self
                        .bases
                        .detail
                        .map(|id| Command::LoadHistory(section, id));
                }
            }
        }
        None
    }
}
