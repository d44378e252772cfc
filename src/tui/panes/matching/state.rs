//! The Подбор пар pane's state: unmatched mentees, the selected one's
//! ranked candidates, and the optimiser's proposal. Only the selected
//! mentee's candidates are scored (a district has millions in all); the
//! whole proposal is computed when the curator asks for it.

use crate::domain::{Dataset, Form, Id};
use crate::matching::rules::Reason;
use crate::matching::{self, Candidate, Options, Proposal};

/// The optimiser at work in the background, for the progress shown.
pub struct Running {
    pub ctl: std::sync::Arc<crate::matching::engine::Control>,
    /// Mentees waiting when it started.
    pub waiting: usize,
}

/// A mentor for a pick by hand, with the rules the pair would break.
type HandPick = (Candidate, Vec<Reason>);

#[derive(Default)]
pub struct MatchingPane {
    pub mentee: usize,
    pub candidate: usize,
    pub proposal: Option<Proposal>,
    /// The optimiser's run in the background, if one is going.
    pub running: Option<Running>,
    /// Remembers solved components, so that a run after one decision
    /// solves only the school it touched.
    pub solver: std::sync::Arc<matching::engine::Solver>,
    /// The data version the mentee list was built for.
    version: Option<u64>,
    /// (data version, what scoring needs of it).
    prepared: Option<(u64, matching::Prepared)>,
    /// (data version, mentee, that mentee's candidates).
    shown: Option<(u64, Id, Vec<Candidate>)>,
    /// Unmatched mentees, in id order.
    all: Vec<Id>,
    /// Those of them the search shows, and the query they were found by.
    mentees: Vec<Id>,
    found_by: Option<String>,
    /// `/`: mentees whose name or request contains the query.
    pub search: crate::tui::panes::search::SearchLine,
    /// The candidates' list has the movement keys (→), not the mentees'.
    pub candidates_focused: bool,
    /// Show every mentor a form admits, for a pick by hand.
    pub all_mentors: bool,
    /// (data version, mentee, every mentor with the rules they would break).
    hand: Option<(u64, Id, Vec<HandPick>)>,
    /// Put the candidate cursor on the proposed mentor at the next refresh.
    pub seek_proposed: bool,
    /// The mentees whose pairs were just sent to be created from here: their
    /// leaving the list is no reason to doubt the rest of the proposal.
    pub accepting: Vec<Id>,
    /// The proposal was made on data that has changed since (other than
    /// by accepting from it): what still stands is kept, marked.
    pub stale: bool,
}

impl MatchingPane {
    /// Recomputes candidates when the data changed.
    pub fn refresh(&mut self, ds: &Dataset, version: u64, opts: &Options) {
        self.sync_mentees(ds, version, opts);
        let mentee = self.selected_mentee();
        let fresh = |cached: Option<(u64, Id)>| cached == mentee.map(|e| (version, e));
        if !fresh(self.shown.as_ref().map(|(v, e, _)| (*v, *e))) {
            // Prepared once per data: a cursor move then scores one mentee.
            if self
                .prepared
                .as_ref()
                .is_none_or(|(v, p)| *v != version || !p.is_for(opts))
            {
                self.prepared = Some((version, matching::Prepared::new(ds, opts)));
            }
            if let Some((_, prepared)) = &mut self.prepared {
                self.shown = mentee.map(|e| (version, e, prepared.candidates_for(ds, e)));
            }
        }
        let stale = !self
            .hand
            .as_ref()
            .is_some_and(|(v, e, _)| *v == version && Some(*e) == mentee);
        match mentee {
            Some(e) if self.all_mentors && stale => {
                self.hand = Some((version, e, matching::by_hand(ds, e, opts)))
            }
            _ if !self.all_mentors => self.hand = None,
            _ => {}
        }
        if std::mem::take(&mut self.seek_proposed) {
            let proposed = mentee.and_then(|e| self.proposed_for(e));
            if let Some(at) = self
                .candidates()
                .iter()
                .position(|c| Some(c.mentor) == proposed)
            {
                self.candidate = at;
            }
        }
    }

    fn sync_mentees(&mut self, ds: &Dataset, version: u64, opts: &Options) {
        if self.version != Some(version) {
            self.version = Some(version);
            self.all = matching::unmatched_mentees(ds)
                .iter()
                .map(|m| m.id)
                .collect();
            self.keep_standing(ds, opts);
            self.found_by = None;
        }
        if self.found_by.as_ref() != Some(&self.search.query) {
            let search = &self.search;
            self.mentees = self
                .all
                .iter()
                .copied()
                .filter(|id| {
                    search.matches(|| {
                        ds.mentees
                            .get(id)
                            .map(|m| format!("{} {}", m.person.full_name, m.request.join(" ")))
                            .unwrap_or_default()
                    })
                })
                .collect();
            self.found_by = Some(self.search.query.clone());
            self.mentee = self.mentee.min(self.mentees.len().saturating_sub(1));
            self.candidate = 0;
            self.seek_proposed = true;
        }
    }

    /// After a change of the data: what still stands of the proposal.
    fn keep_standing(&mut self, ds: &Dataset, opts: &Options) {
        // What still stands of the proposal is kept; running it again is
        // the curator's call (it is the one costly step on a district).
        let accepted = std::mem::take(&mut self.accepting);
        if let Some(old) = self.proposal.take() {
            let kept = matching::still_standing(ds, &old, opts);
            let expected = old
                .pairs
                .iter()
                .filter(|c| !accepted.contains(&c.mentee))
                .count();
            self.stale |= accepted.is_empty() || kept.pairs.len() != expected;
            self.proposal = (!kept.pairs.is_empty()).then_some(kept);
        }
    }

    /// How many mentees wait for a pair, found or not.
    pub fn waiting(&self) -> usize {
        self.all.len()
    }

    pub fn mentees(&self) -> &[Id] {
        &self.mentees
    }

    pub fn selected_mentee(&self) -> Option<Id> {
        self.mentees.get(self.mentee).copied()
    }

    /// The selected mentee's candidates, best first.
    pub fn candidates(&self) -> Vec<&Candidate> {
        if let Some((_, _, all)) = self.hand.as_ref().filter(|_| self.all_mentors) {
            return all.iter().map(|(c, _)| c).collect();
        }
        match (&self.shown, self.selected_mentee()) {
            (Some((_, e, list)), Some(id)) if *e == id => list.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// The rules the i-th listed candidate breaks (only in a pick by hand).
    pub fn reasons(&self, i: usize) -> &[Reason] {
        match &self.hand {
            Some((_, _, all)) if self.all_mentors => {
                all.get(i).map(|(_, r)| r.as_slice()).unwrap_or(&[])
            }
            _ => &[],
        }
    }

    pub fn selected_reasons(&self) -> &[Reason] {
        self.reasons(self.candidate)
    }

    pub fn selected_candidate(&self) -> Option<&Candidate> {
        self.candidates().get(self.candidate).copied()
    }

    pub fn proposed_for(&self, mentee: Id) -> Option<Id> {
        self.proposal
            .as_ref()?
            .pairs
            .iter()
            .find(|c| c.mentee == mentee)
            .map(|c| c.mentor)
    }

    /// The pairs to create: (mentee, mentor, form).
    pub fn proposal_pairs(&self) -> Vec<(Id, Id, Form)> {
        self.proposal
            .iter()
            .flat_map(|p| p.pairs.iter().map(|c| (c.mentee, c.mentor, c.form)))
            .collect()
    }
}
