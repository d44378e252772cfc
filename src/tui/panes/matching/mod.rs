//! Подбор пар: mentees waiting for a pair and their ranked candidates. m
//! runs the optimiser, y accepts the selected candidate, Y every proposed
//! pair; l locks a candidate, x rejects one, c clears the decisions.

mod state;
mod view;

pub use state::MatchingPane;

use super::{moved, Effect, Effects, Pane};
use crate::domain::MatchDecisions;
use crate::tui::background::{Finished, Outcome};
use crate::tui::command::{Command, ProposeJob};
use crate::tui::form::Record;
use crate::tui::keymap::{Action, Context};
use crate::tui::modals::confirm;
use crate::tui::panes::keys::Key;
use crate::tui::shared::Shared;
use crate::tui::view::Theme;
use ratatui::layout::Rect;
use ratatui::Frame;
use state::Running;

const PAIRS: crate::i18n::Plural = crate::i18n::Plural {
    one: "пару",
    few: "пары",
    many: "пар",
    en_one: "pair",
    en_many: "pairs",
};

const GROUPS: crate::i18n::Plural = crate::i18n::Plural {
    one: "группу",
    few: "группы",
    many: "групп",
    en_one: "group",
    en_many: "groups",
};

impl MatchingPane {
    /// Starts the optimiser in the background on the data as it is now.
    fn run(&mut self, s: &Shared) -> Effects {
        if self.running.is_some() {
            return vec![Effect::say(s.lang.pick(
                "Подбор уже идёт; Esc — отменить.",
                "The matching is running; Esc cancels it.",
            ))];
        }
        let ctl = std::sync::Arc::new(crate::matching::engine::Control::default());
        self.running = Some(Running {
            ctl: ctl.clone(),
            waiting: self.waiting(),
        });
        let job = ProposeJob {
            data: s.data.clone(),
            opts: s.match_opts.clone(),
            solver: self.solver.clone(),
            ctl,
            version: s.version,
        };
        vec![Effect::Run(Command::Propose(Box::new(job)))]
    }

    /// The optimiser has ended. A proposal made on data that changed
    /// meanwhile is dropped and made again.
    pub fn finished(&mut self, done: Finished, s: &Shared) -> Effects {
        let ours = self
            .running
            .as_ref()
            .is_some_and(|r| std::sync::Arc::ptr_eq(&r.ctl, &done.ctl));
        if !ours {
            return Vec::new();
        }
        self.running = None;
        let lang = s.lang;
        match done.outcome {
            Outcome::Done(_) if done.version != s.version => self.run(s),
            Outcome::Done(p) => self.proposed(p, s),
            Outcome::Cancelled => vec![Effect::say(
                lang.pick("Подбор отменён.", "The matching was cancelled."),
            )],
            Outcome::Failed => vec![Effect::error(lang.pick(
                "Подбор прервался из-за ошибки программы; данные не изменены.",
                "The matching stopped on a program error; the data is unchanged.",
            ))],
        }
    }

    fn proposed(&mut self, p: crate::matching::Proposal, s: &Shared) -> Effects {
        let lang = s.lang;
        let text = format!(
            "{} {} / {}, {} {}. {}",
            lang.pick("Предложено пар:", "Proposed:"),
            p.matched,
            self.waiting(),
            lang.pick("сумма баллов", "score sum"),
            p.score_sum,
            lang.pick(
                "Y — принять все, y — принять выбранную",
                "Y accepts all, y the selected one"
            )
        );
        self.proposal = Some(p);
        self.stale = false;
        self.seek_proposed = true;
        vec![Effect::say(text)]
    }

    fn accept(&mut self, s: &Shared) -> Effects {
        let Some(c) = self.selected_candidate() else {
            return Vec::new();
        };
        let cmd = Command::CreatePairs(vec![(c.mentee, c.mentor, c.form)]);
        self.accepting = vec![c.mentee];
        let reasons = self.selected_reasons();
        if reasons.is_empty() {
            return vec![Effect::Run(cmd)];
        }
        let list: Vec<&str> = reasons.iter().map(|r| r.message(s.lang)).collect();
        let question = format!(
            "{} {}. {}",
            s.lang
                .pick("Нарушены правила подбора:", "Matching rules broken:"),
            list.join("; "),
            s.lang.pick(
                "Всё равно создать пару? (y — да, n — нет)",
                "Create the pair anyway? (y/n)"
            )
        );
        vec![confirm(question, cmd)]
    }

    /// Lock, reject or forget the decisions about the selected mentee.
    fn decide(&self, action: Action, s: &Shared) -> Effects {
        let Some(mentee_id) = self.selected_mentee() else {
            return Vec::new();
        };
        let mentor = self.selected_candidate().map(|c| c.mentor);
        let Some(mentee) = s.data.mentees.get(&mentee_id) else {
            return Vec::new();
        };
        let mut mentee = mentee.clone();
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
            _ => return Vec::new(),
        }
        vec![Effect::Run(Command::Save(Box::new(Record::Mentee(mentee))))]
    }

    fn accept_all(&mut self, s: &Shared) -> Effects {
        let pairs = self.proposal_pairs();
        self.accepting = pairs.iter().map(|(mentee, ..)| *mentee).collect();
        if pairs.is_empty() {
            let k = s.keymap.keys_label(Context::List, Action::RunMatching);
            return vec![Effect::error(format!(
                "{} ({k})",
                s.lang
                    .pick("Сначала подберите пары", "Run the matching first")
            ))];
        }
        // Many records at once: said and asked first.
        let units = crate::matching::units_for(&s.data, &pairs).unwrap_or_default();
        let groups = units.iter().filter(|u| u.is_group()).count() as u64;
        let singles = units.len() as u64 - groups;
        let lang = s.lang;
        let question = crate::tr!(
            lang,
            "Создать {} и {} со статусом «формируется»? (y — да, n — нет)",
            "Create {} and {} as forming? (y/n)",
            crate::i18n::count(singles, lang, PAIRS),
            crate::i18n::count(groups, lang, GROUPS)
        );
        vec![confirm(question, Command::CreatePairs(pairs))]
    }
}

impl Pane for MatchingPane {
    search_in!(search);

    fn searched(&mut self) {
        self.mentee = 0;
    }

    fn action(&mut self, action: Action, s: &Shared) -> Effects {
        match action {
            Action::Search => {
                self.search.start();
                self.candidates_focused = false;
                Vec::new()
            }
            Action::Back if self.running.is_some() => {
                if let Some(r) = &self.running {
                    r.ctl.cancel();
                }
                vec![Effect::say(
                    s.lang
                        .pick("Подбор отменяется…", "Cancelling the matching…"),
                )]
            }
            Action::Back if !self.search.query.is_empty() => {
                self.search.query.clear();
                Vec::new()
            }
            Action::NextSection | Action::PrevSection => {
                self.candidates_focused = action == Action::NextSection;
                Vec::new()
            }
            a if self.candidates_focused && super::is_movement(a) => {
                self.candidate = moved(self.candidate, a, self.candidates().len(), s.page);
                Vec::new()
            }
            Action::NextCandidate => {
                self.candidate =
                    (self.candidate + 1).min(self.candidates().len().saturating_sub(1));
                Vec::new()
            }
            Action::PrevCandidate => {
                self.candidate = self.candidate.saturating_sub(1);
                Vec::new()
            }
            Action::RunMatching => self.run(s),
            Action::AllMentors => {
                self.all_mentors = !self.all_mentors;
                self.candidate = 0;
                Vec::new()
            }
            Action::Accept => self.accept(s),
            Action::Lock | Action::Reject | Action::ClearDecisions => self.decide(action, s),
            Action::AcceptAll => self.accept_all(s),
            a => {
                let new = moved(self.mentee, a, self.mentees().len(), s.page);
                if new != self.mentee {
                    self.mentee = new;
                    self.candidate = 0;
                    // The cursor lands on the optimiser's proposal, so that
                    // y accepts what was proposed.
                    self.seek_proposed = true;
                }
                Vec::new()
            }
        }
    }

    fn keys(&self) -> Vec<Key> {
        vec![
            Key::hint(Action::RunMatching, true),
            Key::hint(Action::Accept, true),
            Key::hint(Action::AcceptAll, true),
            Key::hint(Action::NextCandidate, true),
            Key::help(Action::PrevCandidate),
            Key::help(Action::Search),
            Key::help(Action::Back),
            Key::help(Action::NextSection),
            Key::help(Action::PrevSection),
            Key::help(Action::Lock),
            Key::help(Action::Reject),
            Key::help(Action::ClearDecisions),
            Key::help(Action::AllMentors),
        ]
    }

    /// Candidates are computed only while the pane is shown, once per data.
    fn sync(&mut self, s: &Shared) {
        self.refresh(&s.data, s.version, &s.match_opts);
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        view::render(self, s, f, area, theme);
    }
}
