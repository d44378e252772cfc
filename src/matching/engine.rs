//! The exact assignment engine: a bipartite b-matching that matches the
//! most mentees and, among such matchings, has the highest total score.
//!
//! It is a min-cost maximum flow solved by the primal-dual method, shaped
//! by what this problem has and a general solver cannot assume:
//! - the graph falls apart into connected components (schools rarely share
//!   candidates), solved independently, on both cores, and remembered: a
//!   component whose input did not change is not solved again;
//! - costs are small integers (100 − score), so Dijkstra runs on buckets
//!   (Dial) and stops as soon as the sink is settled;
//! - mentees carry one unit, so the flow is a set of arcs (a bit each) and
//!   the residual graph is implicit: no reverse arcs are stored;
//! - the flow starts from the side with less to give (mentors' places when
//!   mentees outnumber them), so few sources stay open and each search is
//!   short.
//!
//! No I/O, no clock: the caller may cancel through [`Control`] and read the
//! progress from it.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// The most points a candidate can score; a cost is `MAX_SCORE − score`.
pub const MAX_SCORE: u32 = 100;

/// An assignment problem: mentees (left) with their candidate mentors
/// (right), each arc with a score, and each mentor's places.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problem {
    pub places: Vec<u32>,
    /// Mentee `i`'s arcs are `arcs[start[i]..start[i + 1]]`.
    pub start: Vec<u32>,
    pub arcs: Vec<Arc>,
}

/// A candidate arc packed in four bytes (a district has millions): the
/// mentor's index and the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Arc(u32);

impl Arc {
    const SCORE_BITS: u32 = 7;

    pub fn new(mentor: u32, score: u32) -> Arc {
        debug_assert!(mentor < 1 << (32 - Self::SCORE_BITS));
        Arc(mentor << Self::SCORE_BITS | score.min(MAX_SCORE))
    }

    pub fn mentor(self) -> u32 {
        self.0 >> Self::SCORE_BITS
    }

    pub fn score(self) -> u32 {
        self.0 & ((1 << Self::SCORE_BITS) - 1)
    }
}

impl Problem {
    pub fn new(places: Vec<u32>) -> Problem {
        Problem {
            places,
            start: vec![0],
            arcs: Vec::new(),
        }
    }

    /// Adds the next mentee with its arcs.
    pub fn push_mentee(&mut self, arcs: impl IntoIterator<Item = Arc>) {
        self.arcs.extend(arcs);
        self.start.push(self.arcs.len() as u32);
    }

    /// Appends another problem's mentees (over the same mentors).
    pub fn append(&mut self, other: &Problem) {
        let base = self.arcs.len() as u32;
        self.arcs.extend_from_slice(&other.arcs);
        self.start
            .extend(other.start.iter().skip(1).map(|s| base + s));
    }

    pub fn mentees(&self) -> usize {
        self.start.len() - 1
    }

    fn arcs_of(&self, mentee: usize) -> &[Arc] {
        &self.arcs[self.start[mentee] as usize..self.start[mentee + 1] as usize]
    }
}

/// Shared with whoever waits for the result: a cancel switch and how far
/// the work has come.
#[derive(Debug, Default)]
pub struct Control {
    cancelled: AtomicBool,
    matched: AtomicUsize,
    scored: AtomicUsize,
}

impl Control {
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Mentees matched so far (in the components solved or being solved).
    pub fn matched(&self) -> usize {
        self.matched.load(Ordering::Relaxed)
    }

    /// Mentees whose candidates have been scored.
    pub fn scored(&self) -> usize {
        self.scored.load(Ordering::Relaxed)
    }

    pub(crate) fn add_scored(&self, n: usize) {
        self.scored.fetch_add(n, Ordering::Relaxed);
    }
}

/// Cancelled: the caller asked to stop; nothing is returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

/// One connected component: its mentees and mentors in the problem's
/// numbering, and its arcs renumbered locally.
struct Component {
    mentees: Vec<u32>,
    mentors: Vec<u32>,
    places: Vec<u32>,
    start: Vec<u32>,
    /// Arcs with local mentor indices.
    arcs: Vec<Arc>,
}

impl Component {
    fn key(&self) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            &self.mentees,
            &self.mentors,
            &self.places,
            &self.start,
            &self.arcs,
        )
            .hash(&mut h);
        h.finish()
    }
}

/// Remembers each component's solution by a hash of its whole input, so
/// that after the curator accepts, locks or rejects one pair only the
/// component it touched is solved again.
#[derive(Default)]
pub struct Solver {
    memo: Mutex<HashMap<u64, Vec<(u32, u32)>>>,
}

impl Solver {
    /// The mentor of each mentee (`None`: left unmatched) in an optimal
    /// assignment.
    pub fn solve(&self, p: &Problem, ctl: &Control) -> Result<Vec<Option<u32>>, Cancelled> {
        let mut components = components(p);
        // Largest first, so that the two workers finish close together.
        components.sort_by_key(|c| std::cmp::Reverse(c.arcs.len()));
        let next = AtomicUsize::new(0);
        let fresh: Mutex<HashMap<u64, Vec<(u32, u32)>>> = Mutex::default();
        let mut mate = vec![None; p.mentees()];
        let results: Mutex<Vec<(u32, u32)>> = Mutex::default();
        let work = || -> Result<(), Cancelled> {
            loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(c) = components.get(at) else {
                    return Ok(());
                };
                let key = c.key();
                let known = lock(&self.memo).get(&key).cloned();
                let pairs = match known {
                    Some(pairs) => {
                        ctl.matched.fetch_add(pairs.len(), Ordering::Relaxed);
                        pairs
                    }
                    None => {
                        let pairs = solve_component(c, ctl)?;
                        lock(&fresh).insert(key, pairs.clone());
                        pairs
                    }
                };
                lock(&results).extend(pairs);
            }
        };
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(components.len())
            .max(1);
        let outcome: Vec<Result<(), Cancelled>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
            let mut all = vec![work()];
            all.extend(
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or(Err(Cancelled))),
            );
            all
        });
        outcome.into_iter().collect::<Result<Vec<()>, _>>()?;
        // Only this problem's components are kept: the memo never outgrows it.
        let mut memo = lock(&self.memo);
        let mut kept = fresh.into_inner().unwrap_or_else(|e| e.into_inner());
        for c in &components {
            let k = c.key();
            if let Some(v) = memo.remove(&k) {
                kept.insert(k, v);
            }
        }
        *memo = kept;
        for (mentee, mentor) in results.into_inner().unwrap_or_else(|e| e.into_inner()) {
            mate[mentee as usize] = Some(mentor);
        }
        Ok(mate)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// An optimal assignment, without memory of earlier ones.
pub fn solve(p: &Problem, ctl: &Control) -> Result<Vec<Option<u32>>, Cancelled> {
    Solver::default().solve(p, ctl)
}

/// The connected components of the candidate graph (mentors without
/// places and mentees without arcs belong to none).
fn components(p: &Problem) -> Vec<Component> {
    let n = p.mentees();
    let m = p.places.len();
    let mut parent: Vec<u32> = (0..(n + m) as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    let usable = |a: &Arc| p.places[a.mentor() as usize] > 0;
    for i in 0..n {
        for a in p.arcs_of(i).iter().filter(|a| usable(a)) {
            let (x, y) = (
                find(&mut parent, i as u32),
                find(&mut parent, (n as u32) + a.mentor()),
            );
            if x != y {
                parent[x as usize] = y;
            }
        }
    }
    let mut index: HashMap<u32, usize> = HashMap::new();
    let mut out: Vec<Component> = Vec::new();
    let mut local = vec![u32::MAX; m];
    for i in 0..n {
        let arcs: Vec<Arc> = p.arcs_of(i).iter().copied().filter(usable).collect();
        if arcs.is_empty() {
            continue;
        }
        let root = find(&mut parent, i as u32);
        let c = *index.entry(root).or_insert_with(|| {
            out.push(Component {
                mentees: Vec::new(),
                mentors: Vec::new(),
                places: Vec::new(),
                start: vec![0],
                arcs: Vec::new(),
            });
            out.len() - 1
        });
        let comp = &mut out[c];
        comp.mentees.push(i as u32);
        for a in arcs {
            let j = a.mentor() as usize;
            if local[j] == u32::MAX {
                local[j] = comp.mentors.len() as u32;
                comp.mentors.push(j as u32);
                comp.places.push(p.places[j]);
            }
            comp.arcs.push(Arc::new(local[j], a.score()));
        }
        comp.start.push(comp.arcs.len() as u32);
    }
    out
}

/// Solves one component; pairs in the problem's numbering.
fn solve_component(c: &Component, ctl: &Control) -> Result<Vec<(u32, u32)>, Cancelled> {
    let places: u64 = c.places.iter().map(|&p| u64::from(p)).sum();
    let from_mentors = places < c.mentees.len() as u64;
    let mut net = if from_mentors {
        Net::from_mentors(c)
    } else {
        Net::from_mentees(c)
    };
    net.run(ctl)?;
    Ok(net
        .pairs()
        .into_iter()
        .map(|(i, j)| (c.mentees[i as usize], c.mentors[j as usize]))
        .collect())
}

const INF: u32 = u32::MAX;
/// A sink's step to `t` (its other steps go back along a mate).
const TO_T: usize = usize::MAX;

/// The flow network of one component, oriented from the side with less to
/// give (sources) to the other (sinks), both with capacities.
struct Net {
    /// Source `u`'s arcs are `arcs[start[u]..start[u + 1]]`: the sink and
    /// the cost.
    start: Vec<u32>,
    arcs: Vec<(u32, u8)>,
    /// The arcs carrying flow, a bit each.
    used: Vec<u64>,
    src_cap: Vec<u32>,
    src_load: Vec<u32>,
    sink_cap: Vec<u32>,
    /// Per sink: the arcs carrying flow into it (source, arc index).
    sink_mates: Vec<Vec<(u32, u32)>>,
    /// Potentials: sources, then sinks, then the sink of sinks `t`.
    pot: Vec<i64>,
    /// The transposed orientation (for reading pairs back).
    sources_are_mentors: bool,
}

impl Net {
    fn with(start: Vec<u32>, arcs: Vec<(u32, u8)>, src_cap: Vec<u32>, sink_cap: Vec<u32>) -> Net {
        let (a, b) = (src_cap.len(), sink_cap.len());
        Net {
            used: vec![0; arcs.len().div_ceil(64)],
            start,
            arcs,
            src_load: vec![0; a],
            src_cap,
            sink_mates: vec![Vec::new(); b],
            sink_cap,
            pot: vec![0; a + b + 1],
            sources_are_mentors: false,
        }
    }

    fn cost(score: u32) -> u8 {
        (MAX_SCORE - score.min(MAX_SCORE)) as u8
    }

    fn from_mentees(c: &Component) -> Net {
        let arcs = c
            .arcs
            .iter()
            .map(|a| (a.mentor(), Self::cost(a.score())))
            .collect();
        Net::with(
            c.start.clone(),
            arcs,
            vec![1; c.mentees.len()],
            c.places.clone(),
        )
    }

    /// The transposed graph: mentors' places are the sources.
    fn from_mentors(c: &Component) -> Net {
        let m = c.mentors.len();
        let mut start = vec![0u32; m + 1];
        for a in &c.arcs {
            start[a.mentor() as usize + 1] += 1;
        }
        for j in 0..m {
            start[j + 1] += start[j];
        }
        let mut fill = start.clone();
        let mut arcs = vec![(0u32, 0u8); c.arcs.len()];
        for i in 0..c.mentees.len() {
            for a in &c.arcs[c.start[i] as usize..c.start[i + 1] as usize] {
                let j = a.mentor() as usize;
                arcs[fill[j] as usize] = (i as u32, Self::cost(a.score()));
                fill[j] += 1;
            }
        }
        let mut net = Net::with(start, arcs, c.places.clone(), vec![1; c.mentees.len()]);
        net.sources_are_mentors = true;
        net
    }

    fn is_used(&self, e: usize) -> bool {
        self.used[e / 64] >> (e % 64) & 1 == 1
    }

    fn set_used(&mut self, e: usize, on: bool) {
        if on {
            self.used[e / 64] |= 1 << (e % 64);
        } else {
            self.used[e / 64] &= !(1 << (e % 64));
        }
    }

    fn sources(&self) -> usize {
        self.src_cap.len()
    }

    fn sink_node(&self, v: u32) -> usize {
        self.sources() + v as usize
    }

    fn t(&self) -> usize {
        self.pot.len() - 1
    }

    fn open(&self, u: usize) -> bool {
        self.src_load[u] < self.src_cap[u]
    }

    fn sink_open(&self, v: usize) -> bool {
        (self.sink_mates[v].len() as u32) < self.sink_cap[v]
    }

    /// Reduced cost of the arc source `u` → sink `v` of cost `c`.
    fn forward(&self, u: usize, v: u32, c: u8) -> i64 {
        i64::from(c) + self.pot[u] - self.pot[self.sink_node(v)]
    }

    /// Shortest distances from the open sources, on buckets, up to the
    /// settling of `t`; `None` when `t` cannot be reached.
    fn dijkstra(&self, dist: &mut [u32], buckets: &mut Vec<Vec<u32>>) -> Option<u32> {
        let t = self.t();
        dist.fill(INF);
        for b in buckets.iter_mut() {
            b.clear();
        }
        let push = |buckets: &mut Vec<Vec<u32>>, d: u32, v: usize| {
            if buckets.len() <= d as usize {
                buckets.resize_with(d as usize + 1, Vec::new);
            }
            buckets[d as usize].push(v as u32);
        };
        for (u, d) in dist.iter_mut().enumerate().take(self.sources()) {
            if self.open(u) {
                *d = 0;
                push(buckets, 0, u);
            }
        }
        let mut d = 0usize;
        while d < buckets.len() {
            let Some(x) = buckets[d].pop() else {
                d += 1;
                continue;
            };
            let x = x as usize;
            if dist[x] != d as u32 {
                continue;
            }
            if x == t {
                return Some(d as u32);
            }
            let mut relax = |buckets: &mut Vec<Vec<u32>>, y: usize, reduced: i64| {
                debug_assert!(reduced >= 0, "reduced costs stay non-negative");
                let nd = d as u32 + reduced as u32;
                if nd < dist[y] {
                    dist[y] = nd;
                    push(buckets, nd, y);
                }
            };
            if x < self.sources() {
                for e in self.start[x] as usize..self.start[x + 1] as usize {
                    if !self.is_used(e) {
                        let (v, c) = self.arcs[e];
                        relax(buckets, self.sink_node(v), self.forward(x, v, c));
                    }
                }
            } else {
                let v = x - self.sources();
                if self.sink_open(v) {
                    relax(buckets, t, self.pot[x] - self.pot[t]);
                }
                for &(u, e) in &self.sink_mates[v] {
                    let c = self.arcs[e as usize].1;
                    relax(buckets, u as usize, -self.forward(u as usize, v as u32, c));
                }
            }
        }
        None
    }

    fn run(&mut self, ctl: &Control) -> Result<(), Cancelled> {
        let n = self.pot.len();
        let mut dist = vec![INF; n];
        let mut buckets: Vec<Vec<u32>> = Vec::new();
        let mut level = vec![INF; n];
        let mut next = vec![0u32; n];
        loop {
            if ctl.is_cancelled() {
                return Err(Cancelled);
            }
            let Some(reach) = self.dijkstra(&mut dist, &mut buckets) else {
                return Ok(());
            };
            for (p, &d) in self.pot.iter_mut().zip(&dist) {
                *p += i64::from(d.min(reach));
            }
            let pushed = self.blocking_flow(&mut level, &mut next);
            ctl.matched.fetch_add(pushed, Ordering::Relaxed);
        }
    }

    /// BFS levels over the open tight arcs (zero reduced cost); false
    /// when `t` is not reached.
    fn levels(&self, level: &mut [u32]) -> bool {
        let t = self.t();
        level.fill(INF);
        let mut queue: Vec<u32> = (0..self.sources())
            .filter(|&u| self.open(u))
            .map(|u| u as u32)
            .collect();
        for &u in &queue {
            level[u as usize] = 0;
        }
        let mut head = 0;
        while head < queue.len() {
            let x = queue[head] as usize;
            head += 1;
            if level[t] != INF && level[x] >= level[t] {
                break;
            }
            let mut visit = |y: usize, queue: &mut Vec<u32>| {
                if level[y] == INF {
                    level[y] = level[x] + 1;
                    queue.push(y as u32);
                }
            };
            if x < self.sources() {
                for e in self.start[x] as usize..self.start[x + 1] as usize {
                    let (v, c) = self.arcs[e];
                    if !self.is_used(e) && self.forward(x, v, c) == 0 {
                        visit(self.sink_node(v), &mut queue);
                    }
                }
            } else {
                let v = x - self.sources();
                if self.sink_open(v) && self.pot[x] == self.pot[t] {
                    visit(t, &mut queue);
                }
                for &(u, e) in &self.sink_mates[v] {
                    let c = self.arcs[e as usize].1;
                    if self.forward(u as usize, v as u32, c) == 0 {
                        visit(u as usize, &mut queue);
                    }
                }
            }
        }
        level[t] != INF
    }

    /// Dinic's blocking flows on the tight arcs; returns the units sent.
    fn blocking_flow(&mut self, level: &mut [u32], next: &mut [u32]) -> usize {
        let mut total = 0;
        while self.levels(level) {
            next.fill(0);
            for u in 0..self.sources() {
                while self.open(u) && self.augment_from(u, level, next) {
                    total += 1;
                }
            }
        }
        total
    }

    /// One unit along increasing levels from source `u`, with current-arc
    /// pointers; false when `u` has no such path left.
    fn augment_from(&mut self, u: usize, level: &[u32], next: &mut [u32]) -> bool {
        let t = self.t();
        if level[u] != 0 {
            return false;
        }
        // The path as steps: a source and the arc it leaves by, a sink and
        // the mate entry it goes back along (or TO_T).
        let mut path: Vec<(usize, usize)> = Vec::new();
        let mut x = u;
        loop {
            if x == t {
                self.apply(&path);
                return true;
            }
            let step = self.advance(x, level, next);
            match step {
                Some((y, via)) => {
                    path.push((x, via));
                    x = y;
                }
                None => {
                    // A dead end: no longer on any shortest path this round.
                    if x == u {
                        return false;
                    }
                    let (back, _) = path.pop().unwrap_or((u, 0));
                    next[back] += 1;
                    x = back;
                }
            }
        }
    }

    /// The next admissible step out of `x` at its current arc.
    fn advance(&self, x: usize, level: &[u32], next: &mut [u32]) -> Option<(usize, usize)> {
        let t = self.t();
        let want = level[x] + 1;
        if x < self.sources() {
            let (lo, hi) = (self.start[x] as usize, self.start[x + 1] as usize);
            while lo + (next[x] as usize) < hi {
                let e = lo + next[x] as usize;
                let (v, c) = self.arcs[e];
                let y = self.sink_node(v);
                if !self.is_used(e) && level[y] == want && self.forward(x, v, c) == 0 {
                    return Some((y, e));
                }
                next[x] += 1;
            }
            return None;
        }
        let v = x - self.sources();
        // Position 0 is the arc to t, then the mates in order.
        loop {
            let k = next[x] as usize;
            if k == 0 {
                if self.sink_open(v) && level[t] == want && self.pot[x] == self.pot[t] {
                    return Some((t, TO_T));
                }
            } else {
                let &(u, e) = self.sink_mates[v].get(k - 1)?;
                let c = self.arcs[e as usize].1;
                if level[u as usize] == want && self.forward(u as usize, v as u32, c) == 0 {
                    return Some((u as usize, k - 1));
                }
            }
            next[x] += 1;
        }
    }

    /// Sends one unit along `path`, from an open source to `t`.
    fn apply(&mut self, path: &[(usize, usize)]) {
        let first = path[0].0;
        self.src_load[first] += 1;
        // Levels rise along the path, so each sink is on it once and one
        // removal per sink shifts no other position.
        for &(x, via) in path {
            if x >= self.sources() && via != TO_T {
                let v = x - self.sources();
                let (_, e) = self.sink_mates[v].swap_remove(via);
                self.set_used(e as usize, false);
            }
        }
        for &(x, via) in path {
            if x < self.sources() {
                let v = self.arcs[via].0 as usize;
                self.set_used(via, true);
                self.sink_mates[v].push((x as u32, via as u32));
            }
        }
    }

    /// (mentee, mentor) in the component's local numbering.
    fn pairs(&self) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for u in 0..self.sources() {
            for e in self.start[u] as usize..self.start[u + 1] as usize {
                if self.is_used(e) {
                    let v = self.arcs[e].0;
                    out.push(if self.sources_are_mentors {
                        (v, u as u32)
                    } else {
                        (u as u32, v)
                    });
                }
            }
        }
        out
    }
}
