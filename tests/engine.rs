//! The assignment engine on random problems: against an independent exact
//! solver (the Hungarian method of the `pathfinding` crate on the expanded
//! assignment), against brute force on small ones, and its memory of
//! components after one changes.

use nastavnik::matching::engine::{self, Arc, Control, Problem, Solver};
use pathfinding::prelude::{kuhn_munkres, Matrix};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};

/// A random problem: `schools` groups that share candidates only through
/// a few mentors, capacities 1–5, scores 0–100.
fn random_problem(seed: u64, mentees: usize, mentors: usize, schools: usize) -> Problem {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let places: Vec<u32> = (0..mentors)
        .map(|_| {
            if rng.random_bool(0.1) {
                0
            } else {
                rng.random_range(1..=5)
            }
        })
        .collect();
    let mut p = Problem::new(places);
    let density = rng.random_range(0.05..0.6);
    for i in 0..mentees {
        let school = i % schools;
        let mut arcs = Vec::new();
        for j in 0..mentors {
            let reachable = j % schools == school || rng.random_bool(0.02);
            if reachable && rng.random_bool(density) {
                arcs.push(Arc::new(j as u32, rng.random_range(0..=100)));
            }
        }
        p.push_mentee(arcs);
    }
    p
}

/// (matched, score sum) of an assignment, checking it is one.
fn value(p: &Problem, mate: &[Option<u32>]) -> (usize, u64) {
    let mut load = vec![0u32; p.places.len()];
    let (mut n, mut sum) = (0, 0);
    for (i, m) in mate.iter().enumerate() {
        let Some(j) = m else { continue };
        let arc = p.arcs[p.start[i] as usize..p.start[i + 1] as usize]
            .iter()
            .find(|a| a.mentor() == *j)
            .expect("a mentee goes only to a candidate");
        load[*j as usize] += 1;
        n += 1;
        sum += u64::from(arc.score());
    }
    for (j, l) in load.iter().enumerate() {
        assert!(*l <= p.places[j], "mentor {j} over their places");
    }
    (n, sum)
}

/// The Hungarian method on rows = mentees, columns = every place and one
/// "unmatched" column per mentee; weights make the count of matches come
/// first and the score second.
fn hungarian(p: &Problem) -> (usize, u64) {
    let n = p.mentees();
    let columns: Vec<Option<usize>> = p
        .places
        .iter()
        .enumerate()
        .flat_map(|(j, &c)| std::iter::repeat_n(Some(j), c as usize))
        .chain(std::iter::repeat_n(None, n))
        .collect();
    let big = 101 * n as i64 + 1;
    let forbidden = -big * (n as i64 + 1);
    let mut w = Matrix::new(n, columns.len(), forbidden);
    for i in 0..n {
        for (k, col) in columns.iter().enumerate() {
            match col {
                None => w[(i, k)] = 0,
                Some(j) => {
                    if let Some(a) = p.arcs[p.start[i] as usize..p.start[i + 1] as usize]
                        .iter()
                        .find(|a| a.mentor() as usize == *j)
                    {
                        w[(i, k)] = big + i64::from(a.score());
                    }
                }
            }
        }
    }
    let (_, cols) = kuhn_munkres(&w);
    let mut out = (0, 0);
    for (i, &k) in cols.iter().enumerate() {
        assert!(w[(i, k)] > forbidden, "the expansion always has room");
        if w[(i, k)] > 0 {
            out.0 += 1;
            out.1 += (w[(i, k)] - big) as u64;
        }
    }
    out
}

fn brute(p: &Problem) -> (usize, u64) {
    fn go(p: &Problem, i: usize, load: &mut [u32]) -> (usize, u64) {
        if i == p.mentees() {
            return (0, 0);
        }
        let mut best = go(p, i + 1, load);
        for a in &p.arcs[p.start[i] as usize..p.start[i + 1] as usize] {
            let j = a.mentor() as usize;
            if load[j] < p.places[j] {
                load[j] += 1;
                let (n, s) = go(p, i + 1, load);
                load[j] -= 1;
                best = best.max((n + 1, s + u64::from(a.score())));
            }
        }
        best
    }
    go(p, 0, &mut vec![0; p.places.len()])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// Up to a few hundred nodes, with as many or fewer places than
    /// mentees (the engine starts from either side) and several schools.
    #[test]
    fn equals_the_hungarian_method(
        seed in any::<u64>(),
        mentees in 1usize..160,
        mentors in 1usize..90,
        schools in 1usize..5,
    ) {
        let p = random_problem(seed, mentees, mentors, schools);
        let mate = engine::solve(&p, &Control::default()).unwrap();
        prop_assert_eq!(value(&p, &mate), hungarian(&p));
    }

    #[test]
    fn equals_brute_force(seed in any::<u64>(), mentees in 1usize..8, mentors in 1usize..5) {
        let p = random_problem(seed, mentees, mentors, 1);
        let mate = engine::solve(&p, &Control::default()).unwrap();
        prop_assert_eq!(value(&p, &mate), brute(&p));
    }
}

#[test]
fn a_remembered_solution_is_used_only_where_nothing_changed() {
    let solver = Solver::default();
    let mut p = random_problem(7, 120, 40, 4);
    let first = solver.solve(&p, &Control::default()).unwrap();
    assert_eq!(value(&p, &first), hungarian(&p));
    // The curator rejects one proposed pair: that mentee loses the arc.
    let (i, j) = first
        .iter()
        .enumerate()
        .find_map(|(i, m)| Some((i, (*m)?)))
        .unwrap();
    let (lo, hi) = (p.start[i] as usize, p.start[i + 1] as usize);
    let kept: Vec<Arc> = p.arcs[lo..hi]
        .iter()
        .copied()
        .filter(|a| a.mentor() != j)
        .collect();
    let removed = (hi - lo - kept.len()) as u32;
    p.arcs.splice(lo..hi, kept);
    for s in &mut p.start[i + 1..] {
        *s -= removed;
    }
    let again = solver.solve(&p, &Control::default()).unwrap();
    assert_ne!(again[i], Some(j));
    assert_eq!(value(&p, &again), hungarian(&p));
    assert_eq!(again, engine::solve(&p, &Control::default()).unwrap());
}

#[test]
fn a_cancelled_solve_returns_nothing() {
    let p = random_problem(3, 300, 80, 1);
    let ctl = Control::default();
    ctl.cancel();
    assert!(engine::solve(&p, &ctl).is_err());
}
