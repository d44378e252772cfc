//! The foundation's figures: `status` on the district demo database, a
//! 10,000-row CSV import, and the district's whole commands with their
//! peak memory (the demo made, exported whole and by school, restored).
//! Run: `cargo bench --bench foundation`.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use nastavnik::demo::{generate, Scale};
use nastavnik::exchange::import::{import_csv, Options};
use nastavnik::exchange::Base;
use nastavnik::store::{Backup, Store};
use std::hint::black_box;

mod common;
use common::timed;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn status_on_district(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db")).unwrap();
    let backup = Backup::from_dataset(
        generate(Scale::District, 7, as_of()),
        "bench",
        chrono::Utc::now(),
    );
    store.load_backup(&backup, &mut |_| {}).unwrap();
    let opts = nastavnik::status::Options {
        as_of: as_of(),
        meetings: Default::default(),
        calendar: Default::default(),
    };
    let mut group = c.benchmark_group("status");
    group.sample_size(10);
    group.bench_function("district_200k_meetings", |b| {
        b.iter(|| black_box(nastavnik::app::status_of(&store, &opts).unwrap()))
    });
    // `status` asked of the process holding the database, as a second SSH
    // session does while the interface is open: the socket, the handler
    // and the whole text (its loop stood in for by a thread).
    let request = nastavnik::serve::Request {
        args: vec!["status".into(), "--as-of".into(), "23.11.2026".into()],
        cwd: dir.path().to_path_buf(),
        db_shown: store.path().to_path_buf(),
        config: Some((dir.path().join("no-settings.toml"), false)),
        confirmed: false,
    };
    let server = nastavnik::serve::Server::serving(store.path()).unwrap();
    let stop = &std::sync::atomic::AtomicBool::new(false);
    let store = &store;
    std::thread::scope(|s| {
        s.spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                match server.next_job() {
                    Some(job) => {
                        let done = nastavnik::app::request::handle(store, &job.request);
                        job.answer(done.answer)
                    }
                    None => std::thread::sleep(std::time::Duration::from_millis(1)),
                }
            }
        });
        group.bench_function("district_through_the_holder", |b| {
            b.iter(
                || match nastavnik::serve::call(store.path(), &request).unwrap() {
                    nastavnik::serve::Outcome::Done(a) => black_box(a.out.len()),
                    other => panic!("{other:?}"),
                },
            )
        });
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    // `status --short` as a login message reads it: the kept counts.
    let counts = nastavnik::app::status_of(store, &opts).unwrap().short();
    nastavnik::app::quick::keep(store, &opts, counts);
    group.bench_function("district_short_kept", |b| {
        b.iter(|| black_box(nastavnik::app::quick::kept(store.path(), &opts).unwrap()))
    });
    group.finish();
}

/// 10,000 pupils as a curator's spreadsheet would give them (CRLF, `;`).
fn mentees_csv(rows: usize) -> Vec<u8> {
    let mut out = String::from("ФИО;Категория;Дата рождения;Класс;Законный представитель;Основной запрос;Интересы;Согласие;Дата вхождения\r\n");
    for i in 0..rows {
        let year = 2009 + (i % 5);
        let grade = (2024 - year - 6).clamp(5, 11);
        out.push_str(&format!(
            "Ученик{i} Иван Петрович;обучающийся;{:02}.{:02}.{year};{grade}А;Родитель {i};математика, ОГЭ;футбол;01.09.2024;01.09.2024\r\n",
            1 + i % 28,
            1 + i % 12
        ));
    }
    out.into_bytes()
}

fn import_10k(c: &mut Criterion) {
    let csv = mentees_csv(10_000);
    let opts = Options {
        org: None,
        dry_run: false,
        sheet: None,
        today: as_of(),
        lang: nastavnik::i18n::Lang::Ru,
    };
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("mentees_10k_rows", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = Store::open(&dir.path().join("db")).unwrap();
                (dir, store)
            },
            |(_dir, store)| import_csv(&store, Base::Mentees, &csv, &opts, &|_| {}).unwrap(),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// The district's heavy commands as a curator runs them, each a whole
/// process: seconds and peak resident memory (the target: ~500 MB).
fn district_commands(_: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (db, copy) = (dir.path().join("db"), dir.path().join("copy.json"));
    let copy_arg = copy.to_string_lossy().into_owned();
    let school = dir.path().join("school.json");
    let school_arg = school.to_string_lossy().into_owned();
    let steps: [(&str, &std::path::Path, Vec<&str>); 4] = [
        (
            "demo --scale district",
            &db,
            vec![
                "demo",
                "--scale",
                "district",
                "--seed",
                "7",
                "--as-of",
                "23.11.2026",
            ],
        ),
        (
            "export json",
            &db,
            vec!["export", "json", "--out", &copy_arg],
        ),
        (
            "export json --org 1",
            &db,
            vec!["export", "json", "--org", "1", "--out", &school_arg],
        ),
        (
            "import json (the district, restored)",
            &dir.path().join("restored"),
            vec!["import", "json", &copy_arg],
        ),
    ];
    for (name, at, args) in steps {
        let (secs, mb, _) = timed(at, &args);
        eprintln!("district: {name}: {secs:.2} s, peak {mb:.0} MB");
    }
}

criterion_group!(benches, status_on_district, import_10k, district_commands);
criterion_main!(benches);
