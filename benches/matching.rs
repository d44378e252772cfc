//! The optimiser against a general solver. On generated 2,000 × 500 and
//! 8,000 × 2,000 instances and on the district demo it times the whole
//! `nastavnik match` command (opening the database, scoring, solving,
//! writing), and, where Python has OR-Tools (`pip install ortools`), its
//! SimpleMinCostFlow reading the same candidate list and solving the same
//! problem (`benches/ortools_match.py`); it prints both, the ratio and
//! the peak memory. Then criterion times `propose` in memory.
//! Run: `cargo bench --bench matching` (about three minutes).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use nastavnik::demo::matching_instance as instance;
use nastavnik::domain::*;
use nastavnik::matching::{propose, Options};
use nastavnik::store::{Backup, Store};
use std::path::Path;
use std::process::Command;

mod common;
use common::timed;

const AS_OF: &str = "01.10.2024";
const MIN_SCORE: u32 = 20;

/// A database holding `ds`, in `dir`.
fn database(ds: Dataset, dir: &Path) -> Store {
    let store = Store::open(dir).expect("a new database");
    let backup = Backup::from_dataset(ds, "bench", chrono::Utc::now());
    store.load_backup(&backup, &mut |_| {}).expect("loaded");
    store.flush().expect("flushed");
    store
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// OR-Tools on the candidate list: (read + solve, solve, matched, score).
fn ortools(tsv: &Path) -> Option<(f64, f64, u64, u64)> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/ortools_match.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(tsv)
        .arg(MIN_SCORE.to_string())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    let (read, solve) = (v["read_s"].as_f64()?, v["solve_s"].as_f64()?);
    Some((
        read + solve,
        solve,
        v["matched"].as_u64()?,
        v["score_sum"].as_u64()?,
    ))
}

/// The whole command against OR-Tools on one database.
fn side_by_side(name: &str, db: &Path, runs: usize) {
    let min = MIN_SCORE.to_string();
    let args = [
        "match",
        "--as-of",
        AS_OF,
        "--min-score",
        &min,
        "--format",
        "tsv",
    ];
    let mut times = Vec::new();
    let (mut peak, mut total) = (0.0f64, String::new());
    for _ in 0..runs {
        let (secs, mb, out) = timed(db, &args);
        times.push(secs);
        peak = peak.max(mb);
        total = out.lines().last().unwrap_or_default().to_string();
    }
    let ours = median(times);
    eprintln!("{name}: nastavnik match {ours:.2} s, peak {peak:.0} MB ({total})");
    let tsv = db.with_extension("tsv");
    let (_, _, list) = timed(db, &["match", "--as-of", AS_OF, "--candidates"]);
    std::fs::write(&tsv, list).expect("the candidate list");
    match ortools(&tsv) {
        Some((whole, solve, matched, score)) => eprintln!(
            "{name}: OR-Tools read + solve {whole:.2} s (solve {solve:.2} s), matched {matched}, \
             score sum {score}; ratio nastavnik / OR-Tools = {:.2}",
            ours / whole
        ),
        None => eprintln!("{name}: OR-Tools not found (pip install ortools): no ratio"),
    }
    let _ = std::fs::remove_file(tsv);
}

fn whole_commands() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (mentees, mentors, runs) in [(2_000, 500, 3), (8_000, 2_000, 1)] {
        let db = dir.path().join(format!("m{mentees}x{mentors}"));
        drop(database(instance(mentees, mentors), &db));
        side_by_side(&format!("{mentees}x{mentors}"), &db, runs);
    }
    let db = dir.path().join("district");
    let (secs, _, _) = timed(
        &db,
        &["demo", "--scale", "district", "--as-of", "23.11.2026"],
    );
    eprintln!("district: demo made in {secs:.1} s");
    let args = ["match", "--as-of", "23.11.2026", "--format", "tsv"];
    let times: Vec<f64> = (0..3).map(|_| timed(&db, &args).0).collect();
    eprintln!("district: nastavnik match {:.2} s", median(times));
}

fn bench(c: &mut Criterion) {
    whole_commands();
    let ds = instance(2_000, 500);
    let opts = Options {
        min_score: MIN_SCORE,
        as_of: NaiveDate::from_ymd_opt(2024, 10, 1).unwrap(),
        ..Options::default()
    };
    let p = propose(&ds, &opts);
    eprintln!("2000x500: matched {}, score sum {}", p.matched, p.score_sum);
    let mut group = c.benchmark_group("matching");
    group.sample_size(10);
    group.bench_function("candidates_2000x500", |b| {
        b.iter(|| nastavnik::matching::candidates(&ds, &opts).len())
    });
    group.bench_function("propose_2000x500", |b| {
        b.iter(|| propose(&ds, &opts).matched)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
