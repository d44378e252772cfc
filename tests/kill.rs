//! Durability: a child saves records one by one and prints each id once the
//! save has returned; the parent kills it with SIGKILL at random moments.
//! Every printed id must be there after reopening.

use nastavnik::domain::{Mentee, MenteeCategory, Person};
use nastavnik::store::Store;
use rand::{Rng, SeedableRng};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "NASTAVNIK_KILL_TEST_DB";

fn name(i: u64) -> String {
    format!("Сохранённый Наставляемый {i}")
}

/// Run by the parent as a separate process; does nothing on its own.
#[test]
#[ignore = "child process of every_printed_id_survives_sigkill"]
fn kill_test_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let store = Store::open(std::path::Path::new(&path)).unwrap();
    let mut out = std::io::stdout().lock();
    loop {
        let next = store.list::<Mentee>().map(|v| v.len() as u64 + 1).unwrap();
        let m = Mentee {
            category: MenteeCategory::Teacher,
            person: Person {
                full_name: name(next),
                ..Person::default()
            },
            ..Mentee::default()
        };
        let saved = store.insert(m).unwrap();
        writeln!(out, "saved {}", saved.id).unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn every_printed_id_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(20);
    let mut printed = Vec::new();
    for round in 0..20 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "kill_test_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // The test harness starts the line with the test's name.
                if let Some((_, id)) = line.split_once("saved ") {
                    let _ = tx.send(id.parse::<u64>().unwrap());
                }
            }
        });
        // Wait for the first save, then kill at a random moment after it.
        let first = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("child saves");
        printed.push(first);
        let deadline = Instant::now() + Duration::from_millis(rng.random_range(1..120));
        while Instant::now() < deadline {
            if let Ok(id) = rx.recv_timeout(Duration::from_millis(1)) {
                printed.push(id);
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        printed.extend(rx.try_iter());
        // Ids come from a counter kept in the insert's transaction: a kill
        // never makes the next process hand out an id again.
        assert!(
            printed.windows(2).all(|w| w[0] < w[1]),
            "round {round}: ids repeat or go back: {:?}",
            &printed[printed.len().saturating_sub(5)..]
        );
    }
    let store = Store::open(&db).unwrap();
    for id in &printed {
        let m = store
            .get::<Mentee>(*id)
            .unwrap()
            .unwrap_or_else(|| panic!("id {id} was printed but is gone"));
        assert_eq!(m.person.full_name, name(*id));
    }
    assert!(store.verify_indexes().unwrap().is_empty());
    // Each round may have finished one save it was killed before printing.
    let stored = store.list::<Mentee>().unwrap().len();
    assert!(
        (printed.len()..=printed.len() + 20).contains(&stored),
        "{stored} stored, {} printed",
        printed.len()
    );
}

const REOPEN_ENV: &str = "NASTAVNIK_REOPEN_TEST_DB";

/// Opens, saves and closes the database over and over: sled writes a
/// snapshot at each open after a write, and the parent kills it then.
#[test]
#[ignore = "child process of a_kill_during_opening_never_makes_the_database_unopenable"]
fn reopen_child() {
    let Ok(path) = std::env::var(REOPEN_ENV) else {
        return;
    };
    loop {
        let store = Store::open(std::path::Path::new(&path)).unwrap();
        let m = Mentee {
            category: MenteeCategory::Teacher,
            person: Person {
                full_name: "Открытая Снова".into(),
                ..Person::default()
            },
            ..Mentee::default()
        };
        store.insert(m).unwrap();
        println!("cycle");
    }
}

#[test]
fn a_kill_during_opening_never_makes_the_database_unopenable() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        // Enough records that a snapshot takes a while to write.
        let store = Store::open(&db).unwrap();
        let backup = nastavnik::store::Backup::from_dataset(
            nastavnik::demo::generate(
                nastavnik::demo::Scale::School,
                5,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            ),
            "test",
            chrono::Utc::now(),
        );
        store.load_backup(&backup, &mut |_| {}).unwrap();
    }
    let sled_dir = db.join("sled");
    let generating = || {
        std::fs::read_dir(&sled_dir)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".generating"))
    };
    for _ in 0..5 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "reopen_child", "--nocapture"])
            .env(REOPEN_ENV, &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill it the moment sled's snapshot is being written.
        let start = Instant::now();
        while !generating() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "sled never wrote a snapshot in {}",
                sled_dir.display()
            );
        }
        child.kill().unwrap();
        child.wait().unwrap();
        let store = Store::open(&db).unwrap_or_else(|e| panic!("unopenable after a kill: {e}"));
        assert!(store.verify_indexes().unwrap().is_empty());
    }
}
