//! Every report on the district demo database (30 schools, ~10,800 people,
//! ~200,000 meetings), from the store to the laid-out text, for one school
//! and for all of them. Target: under 1 s each. Run:
//! `cargo bench --bench reports`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use nastavnik::demo::{generate, Scale};
use nastavnik::i18n::Lang;
use nastavnik::reports::{self, render, Kind, Params};
use nastavnik::store::{Backup, Store};
use std::hint::black_box;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn reports_on_district(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let backup = Backup::from_dataset(
        generate(Scale::District, 7, as_of()),
        "bench",
        chrono::Utc::now(),
    );
    store.load_backup(&backup, &mut |_| {}).unwrap();
    drop(backup);
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    for kind in Kind::ALL {
        for (org, label) in [(Some(1), "school"), (None, "all")] {
            group.bench_function(format!("{}_{label}", kind.key()), |b| {
                b.iter(|| {
                    // What `nastavnik report` does after opening the store.
                    let ds = store.load_without_meetings().unwrap();
                    let timelines = store.timelines().unwrap();
                    let p = Params::new(kind, as_of(), org, Lang::Ru);
                    let r = reports::build(&ds, &timelines, &p);
                    black_box(render::to_text(&r, 100, Lang::Ru))
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, reports_on_district);
criterion_main!(benches);
