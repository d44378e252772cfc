//! Pair matching: who may mentor whom (hard rules), how well they fit (an
//! explained score), and the assignment that matches the most mentees and
//! then the highest total score without exceeding any mentor's places,
//! solved exactly by the engine (`engine`). Pure functions over a Dataset.

pub mod engine;
pub mod rules;
pub mod score;

use crate::domain::validate;
use crate::domain::*;
use chrono::NaiveDate;
use rules::{Reason, RuleContext};
use score::{Score, Weights};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub weights: Weights,
    /// Candidates below this score are not proposed.
    pub min_score: u32,
    /// Include people without written consent (their candidates are marked).
    pub include_unconsented: bool,
    pub as_of: NaiveDate,
    /// (mentee, mentor) pairs fixed in addition to the locks kept on the
    /// mentees' records: kept in every proposal.
    pub locked: Vec<(Id, Id)>,
    /// (mentee, mentor) pairs rejected in addition to those on the
    /// mentees' records: never proposed.
    pub rejected: Vec<(Id, Id)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub mentee: Id,
    pub mentor: Id,
    pub form: Form,
    /// The whole-number score 0–100; [`explain`] gives its parts in words.
    pub score: u32,
    /// Places the mentor has left before this proposal.
    pub places_left: u32,
    /// Someone in the pair has no written consent (only with
    /// `include_unconsented`).
    pub unconsented: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Proposal {
    /// The proposed pairs, locked ones included, by mentee.
    pub pairs: Vec<Candidate>,
    pub matched: usize,
    pub score_sum: u32,
}

/// The rules' view of the data: places left and every rejection.
fn rule_context(ds: &Dataset, opts: &Options) -> RuleContext {
    RuleContext {
        places_left: places_left(ds),
        rejected: rejected_pairs(ds, opts),
        as_of: opts.as_of,
    }
}

/// Rejections from the options and from the mentees' records.
fn rejected_pairs(ds: &Dataset, opts: &Options) -> HashSet<(Id, Id)> {
    let stored = ds
        .mentees
        .values()
        .flat_map(|e| e.matching.rejected.iter().map(move |m| (e.id, *m)));
    opts.rejected.iter().copied().chain(stored).collect()
}

/// Places each mentor has left: capacity minus distinct mentees in live units.
pub fn places_left(ds: &Dataset) -> BTreeMap<Id, u32> {
    let loads = ds.mentor_loads();
    ds.mentors
        .values()
        .map(|m| {
            (
                m.id,
                m.capacity
                    .saturating_sub(loads.get(&m.id).copied().unwrap_or(0)),
            )
        })
        .collect()
}

/// Mentees not in any live pair or group: the ones to match.
pub fn unmatched_mentees(ds: &Dataset) -> Vec<&Mentee> {
    let paired = ds.paired_mentees();
    ds.mentees
        .values()
        .filter(|m| !m.archived && !paired.contains(&m.id))
        .collect()
}

/// What stands of an earlier proposal on changed data: the pairs whose
/// mentee still waits and that break no rule now, within each mentor's places.
pub fn still_standing(ds: &Dataset, p: &Proposal, opts: &Options) -> Proposal {
    let ctx = rule_context(ds, opts);
    let waiting: std::collections::BTreeSet<Id> =
        unmatched_mentees(ds).iter().map(|m| m.id).collect();
    let mut used: BTreeMap<Id, u32> = BTreeMap::new();
    let pairs: Vec<Candidate> = p
        .pairs
        .iter()
        .filter(|c| {
            let admissible = waiting.contains(&c.mentee)
                && match (ds.mentors.get(&c.mentor), ds.mentees.get(&c.mentee)) {
                    (Some(m), Some(e)) => rules::check(m, e, &ctx).1.is_empty(),
                    _ => false,
                };
            let taken = used.entry(c.mentor).or_default();
            let room = ctx.places_left.get(&c.mentor).copied().unwrap_or(0) > *taken;
            if admissible && room {
                *taken += 1;
            }
            admissible && room
        })
        .cloned()
        .collect();
    Proposal {
        matched: pairs.len(),
        score_sum: pairs.iter().map(|c| c.score).sum(),
        pairs,
    }
}

/// Why a pair is not admissible (empty: it is), for a mentor picked by hand.
pub fn why_not(ds: &Dataset, mentee: Id, mentor: Id, opts: &Options) -> Vec<Reason> {
    let ctx = rule_context(ds, opts);
    match (ds.mentors.get(&mentor), ds.mentees.get(&mentee)) {
        (Some(m), Some(e)) => rules::check(m, e, &ctx).1,
        _ => vec![Reason::Archived],
    }
}

/// A candidate's score criterion by criterion, in words; the parts add up
/// to `c.score`.
pub fn explain(ds: &Dataset, c: &Candidate, weights: &Weights) -> Option<Score> {
    Some(score::score(
        ds.mentors.get(&c.mentor)?,
        ds.mentees.get(&c.mentee)?,
        c.form,
        weights,
    ))
}

/// Every admissible candidate of every unmatched mentee, best first per
/// mentee. Candidates below the minimum score are kept here (the curator
/// sees them ranked); the assignment ignores them.
pub fn candidates(ds: &Dataset, opts: &Options) -> Vec<Candidate> {
    let mut all = Vec::new();
    each_mentees_candidates(ds, opts, |list| all.extend(list));
    all
}

/// [`candidates`] one mentee at a time, for a list too long to hold (a
/// district has millions).
pub fn each_mentees_candidates(ds: &Dataset, opts: &Options, mut f: impl FnMut(Vec<Candidate>)) {
    let mut scorer = Scorer::new(ds, opts);
    for e in unmatched_mentees(ds) {
        f(scorer.for_mentee(e));
    }
}

/// One mentee's admissible candidates, best first: what a screen showing a
/// single mentee needs, without scoring everybody else.
pub fn candidates_for(ds: &Dataset, mentee: Id, opts: &Options) -> Vec<Candidate> {
    match ds.mentees.get(&mentee) {
        Some(e) => Scorer::new(ds, opts).for_mentee(e),
        None => Vec::new(),
    }
}

/// What scoring needs, prepared once: the rules' view of the data and each
/// mentor's tags as interned numbers.
/// Borrowed for one run; owned (see [`Prepared`]) to be kept between runs.
struct Scorer<'a> {
    ctx: RuleContext,
    opts: Cow<'a, Options>,
    tags: score::Interner,
    mentors: Vec<(Cow<'a, Mentor>, [Vec<u32>; 3])>,
}

/// What scoring one mentee's candidates needs, prepared once per data (a
/// district's 4,000 mentors take 10 ms to prepare, a mentee then 1 ms): a
/// screen keeps it while the data stays the same.
pub struct Prepared(Scorer<'static>);

impl Prepared {
    pub fn new(ds: &Dataset, opts: &Options) -> Prepared {
        let s = Scorer::new(ds, opts);
        Prepared(Scorer {
            ctx: s.ctx,
            opts: Cow::Owned(s.opts.into_owned()),
            tags: s.tags,
            mentors: s
                .mentors
                .into_iter()
                .map(|(m, t)| (Cow::Owned(m.into_owned()), t))
                .collect(),
        })
    }

    /// Prepared with these options?
    pub fn is_for(&self, opts: &Options) -> bool {
        *self.0.opts == *opts
    }

    /// [`candidates_for`] on the data it was prepared from.
    pub fn candidates_for(&mut self, ds: &Dataset, mentee: Id) -> Vec<Candidate> {
        match ds.mentees.get(&mentee) {
            Some(e) => self.0.for_mentee(e),
            None => Vec::new(),
        }
    }
}

impl<'a> Scorer<'a> {
    fn new(ds: &'a Dataset, opts: &'a Options) -> Self {
        let mut tags = score::Interner::default();
        let mentors = ds
            .mentors
            .values()
            .filter(|m| !m.archived)
            .map(|m| {
                (
                    Cow::Borrowed(m),
                    [
                        tags.ids(&m.competencies),
                        tags.ids(&m.person.subjects),
                        tags.ids(&m.person.interests),
                    ],
                )
            })
            .collect();
        Scorer {
            ctx: rule_context(ds, opts),
            opts: Cow::Borrowed(opts),
            tags,
            mentors,
        }
    }

    /// A mentee's tags in the scorer's numbers.
    fn mentee_tags(&mut self, mentee: &Mentee) -> [Vec<u32>; 3] {
        [
            self.tags.ids(&mentee.request),
            self.tags.ids(&mentee.person.subjects),
            self.tags.ids(&mentee.person.interests),
        ]
    }

    fn for_mentee(&mut self, mentee: &Mentee) -> Vec<Candidate> {
        let tags = self.mentee_tags(mentee);
        let mut out: Vec<Candidate> = (0..self.mentors.len())
            .filter_map(|at| self.candidate(at, mentee, &tags))
            .collect();
        out.sort_by(|a, b| b.score.cmp(&a.score).then(a.mentor.cmp(&b.mentor)));
        out
    }

    /// The candidate the `at`-th mentor is for this mentee, if admissible.
    fn candidate(&self, at: usize, mentee: &Mentee, tags: &[Vec<u32>; 3]) -> Option<Candidate> {
        let (mentor, [competencies, m_subjects, m_interests]) = &self.mentors[at];
        let (form, broken) = rules::check(mentor, mentee, &self.ctx);
        let unconsented = broken.contains(&Reason::NoConsent);
        let admissible = broken
            .iter()
            .all(|r| *r == Reason::NoConsent && self.opts.include_unconsented);
        let form = form.filter(|_| admissible)?;
        let [request, subjects, interests] = tags;
        let o = score::Overlaps {
            request: score::shared(request, competencies),
            subjects: score::shared(subjects, m_subjects),
            interests: score::shared(interests, m_interests),
        };
        Some(Candidate {
            mentee: mentee.id,
            mentor: mentor.id,
            form,
            score: score::points(mentor, mentee, form, &self.opts.weights, o)
                .iter()
                .map(|(_, p)| p)
                .sum(),
            places_left: self.ctx.places(mentor.id),
            unconsented,
        })
    }

    /// The engine's problem: each mentee's candidates at or above the
    /// minimum score with a mentor who has `places[at]` left, scored on
    /// both cores.
    fn problem(
        &self,
        mentees: &[(&Mentee, [Vec<u32>; 3])],
        places: &[u32],
        ctl: &engine::Control,
    ) -> Result<engine::Problem, engine::Cancelled> {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = mentees.len().div_ceil(workers).max(1);
        let part = |list: &[(&Mentee, [Vec<u32>; 3])]| {
            let mut p = engine::Problem::new(Vec::new());
            for (n, (e, tags)) in list.iter().enumerate() {
                if n % 64 == 0 {
                    if ctl.is_cancelled() {
                        return Err(engine::Cancelled);
                    }
                    ctl.add_scored(64.min(list.len() - n));
                }
                p.push_mentee((0..self.mentors.len()).filter_map(|at| {
                    let c = self.candidate(at, e, tags)?;
                    (c.score >= self.opts.min_score && places[at] > 0)
                        .then(|| engine::Arc::new(at as u32, c.score))
                }));
            }
            Ok(p)
        };
        let parts: Vec<Result<engine::Problem, engine::Cancelled>> = std::thread::scope(|s| {
            let handles: Vec<_> = mentees
                .chunks(chunk)
                .map(|list| s.spawn(move || part(list)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err(engine::Cancelled)))
                .collect()
        });
        let mut problem = engine::Problem::new(places.to_vec());
        for p in parts {
            problem.append(&p?);
        }
        Ok(problem)
    }
}

/// The optimal proposal: locked pairs first, then the assignment that
/// matches the most remaining mentees with candidates at or above the
/// minimum score and, among those, has the highest total score, never
/// beyond a mentor's places.
pub fn propose(ds: &Dataset, opts: &Options) -> Proposal {
    let ctl = engine::Control::default();
    // Nobody else holds `ctl`, so nothing can cancel it.
    propose_with(ds, opts, &engine::Solver::default(), &ctl).unwrap_or_default()
}

/// [`propose`], remembering solved components in `solver` and reporting to
/// (and stopping at) `ctl`.
pub fn propose_with(
    ds: &Dataset,
    opts: &Options,
    solver: &engine::Solver,
    ctl: &engine::Control,
) -> Result<Proposal, engine::Cancelled> {
    let mut scorer = Scorer::new(ds, opts);
    let index: BTreeMap<Id, usize> = scorer
        .mentors
        .iter()
        .enumerate()
        .map(|(at, (m, _))| (m.id, at))
        .collect();
    let mut places: Vec<u32> = scorer
        .mentors
        .iter()
        .map(|(m, _)| scorer.ctx.places(m.id))
        .collect();
    let mut pairs = Vec::new();
    let mut locked = BTreeSet::new();
    let stored = ds
        .mentees
        .values()
        .filter_map(|e| Some((e.id, e.matching.locked?)));
    let waiting: BTreeMap<Id, &Mentee> = unmatched_mentees(ds)
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    for (mentee, mentor) in opts.locked.iter().copied().chain(stored) {
        let (Some(e), Some(&at)) = (waiting.get(&mentee), index.get(&mentor)) else {
            continue;
        };
        if locked.contains(&mentee) || places[at] == 0 {
            continue;
        }
        let tags = scorer.mentee_tags(e);
        if let Some(c) = scorer.candidate(at, e, &tags) {
            places[at] -= 1;
            locked.insert(mentee);
            pairs.push(c);
        }
    }
    let open: Vec<(&Mentee, [Vec<u32>; 3])> = waiting
        .values()
        .filter(|e| !locked.contains(&e.id))
        .map(|e| (*e, scorer.mentee_tags(e)))
        .collect();
    let problem = scorer.problem(&open, &places, ctl)?;
    let mate = solver.solve(&problem, ctl)?;
    for ((e, tags), mentor) in open.iter().zip(mate) {
        if let Some(c) = mentor.and_then(|at| scorer.candidate(at as usize, e, tags)) {
            pairs.push(c);
        }
    }
    pairs.sort_by_key(|c| (c.mentee, c.mentor));
    let score_sum = pairs.iter().map(|c| c.score).sum();
    Ok(Proposal {
        matched: pairs.len(),
        score_sum,
        pairs,
    })
}

/// The units that accepting `pairs` (mentee, mentor, form) creates, in
/// status формируется: one per mentor and form, a group when the mentor
/// takes several mentees. Checked against every rule; the first broken
/// rule comes back as the error.
pub fn units_for(ds: &Dataset, pairs: &[(Id, Id, Form)]) -> Result<Vec<Unit>, validate::Issue> {
    let mut by_mentor: BTreeMap<(Id, Form), Vec<Id>> = BTreeMap::new();
    for (mentee, mentor, form) in pairs {
        by_mentor.entry((*mentor, *form)).or_default().push(*mentee);
    }
    let loads = ds.mentor_loads();
    let units: Vec<Unit> = by_mentor
        .into_iter()
        .map(|((mentor, form), mentees)| Unit {
            org_id: ds.mentees.get(&mentees[0]).map_or(0, |m| m.org_id),
            mentors: vec![mentor],
            kind: Some(if mentees.len() > 1 {
                MentoringKind::Group
            } else {
                MentoringKind::Traditional
            }),
            mentees,
            form,
            status: UnitStatus::Forming,
            ..Unit::default()
        })
        .collect();
    for u in &units {
        if let Some(issue) =
            validate::validate_unit(u, ds, &|m| loads.get(&m).copied().unwrap_or(0))
                .into_iter()
                .next()
        {
            return Err(issue);
        }
    }
    Ok(units)
}

/// Every mentor a curator could pick by hand for a mentee: those a form of
/// mentoring admits at all, best first, each with the rules the pair would
/// break (empty for an admissible candidate).
pub fn by_hand(ds: &Dataset, mentee: Id, opts: &Options) -> Vec<(Candidate, Vec<Reason>)> {
    let Some(e) = ds.mentees.get(&mentee) else {
        return Vec::new();
    };
    let ctx = rule_context(ds, opts);
    let mut out: Vec<(Candidate, Vec<Reason>)> = ds
        .mentors
        .values()
        .filter(|m| !m.archived)
        .filter_map(|m| {
            let (form, broken) = rules::check(m, e, &ctx);
            let form = form?;
            let candidate = Candidate {
                mentee,
                mentor: m.id,
                form,
                score: score::score(m, e, form, &opts.weights).total,
                places_left: ctx.places(m.id),
                unconsented: broken.contains(&Reason::NoConsent),
            };
            Some((candidate, broken))
        })
        .collect();
    out.sort_by(|a, b| {
        a.1.len()
            .cmp(&b.1.len())
            .then(b.0.score.cmp(&a.0.score))
            .then(a.0.mentor.cmp(&b.0.mentor))
    });
    out
}
