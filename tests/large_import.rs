//! A large import stays within memory and is still all or nothing: the
//! peak of the importing process is measured (getrusage of the child), and
//! a process killed in the middle of its batches leaves nothing behind.
//! Alone in its test binary, so the only children are its own.

use nastavnik::domain::Mentee;
use nastavnik::store::Store;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROWS: usize = 60_000;

fn write_csv(path: &Path, rows: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(
        f,
        "ФИО;Категория;Дата рождения;Класс;Дата вхождения;Контакты"
    )
    .unwrap();
    for i in 0..rows {
        writeln!(
            f,
            "Учеников Ученик {i:07};обучающийся;{:02}.05.2012;8А;01.09.2025;+7 900 {i:07}",
            1 + i % 28
        )
        .unwrap();
    }
}

fn bin(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nastavnik"));
    c.arg("--db")
        .arg(db)
        .env_remove("NASTAVNIK_CONFIG")
        .stdin(Stdio::null());
    c
}

fn peak_of_children_mb() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid rusage to fill.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss / 1024
}

#[test]
fn sixty_thousand_rows_import_in_bounded_memory_and_a_kill_takes_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("mentees.csv");
    write_csv(&csv, ROWS);
    let db = dir.path().join("db");
    assert!(bin(&db)
        .args(["org", "add", "Школа"])
        .status()
        .unwrap()
        .success());
    let out = bin(&db)
        .args(["import", "mentees"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // In one transaction this took about 1.6 GB (12 GB for 450,000 rows).
    let peak = peak_of_children_mb();
    assert!(peak < 400, "peak {peak} MB");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.list::<Mentee>().unwrap().len(), ROWS);
    drop(store);

    // Killed while its batches go in: the next open takes back all of them.
    let other = dir.path().join("other");
    assert!(bin(&other)
        .args(["org", "add", "Школа"])
        .status()
        .unwrap()
        .success());
    let mut child = bin(&other)
        .args(["import", "mentees"])
        .arg(&csv)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are in (sled's files grow), then kill.
    let sled_db = other.join("sled/db");
    let start_size = std::fs::metadata(&sled_db).unwrap().len();
    let start = Instant::now();
    while std::fs::metadata(&sled_db).unwrap().len() < start_size + 4_000_000 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the import never wrote"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before the kill"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let store = Store::open(&other).unwrap();
    assert_eq!(store.list::<Mentee>().unwrap().len(), 0, "all or nothing");
    assert!(store.verify_indexes().unwrap().is_empty());
    // And the same file goes in whole afterwards, with the ids from 1.
    drop(store);
    let out = bin(&other)
        .args(["import", "mentees"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(&other).unwrap();
    let ids: Vec<u64> = store
        .list::<Mentee>()
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(ids.len(), ROWS);
    assert_eq!((ids[0], ids[ROWS - 1]), (1, ROWS as u64));
}
