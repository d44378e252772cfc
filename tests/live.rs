//! The interface stays live while the optimiser works: on a database of a
//! district's size (10,000 people, 16 M candidate pairs), `m` and then a
//! tab key at once: the tab changes within a second; back in Подбор пар
//! the progress shows, Esc cancels, and a new run ends with its proposal.

mod common;

use common::term::{Key, Term};
use nastavnik::store::{Backup, Store};
use std::time::{Duration, Instant};

#[test]
fn tabs_answer_while_the_optimiser_runs_and_esc_cancels_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        let store = Store::open(&db).unwrap();
        let ds = nastavnik::demo::matching_instance(8_000, 2_000);
        let b = Backup::from_dataset(ds, "test", chrono::Utc::now());
        store.load_backup(&b, &mut |_| {}).unwrap();
        store.flush().unwrap();
    }
    let mut t = Term::start(&db, &[], dir.path());
    t.wait_for("Обзор");
    t.keys(&["3"]);
    t.wait_for("Ждут пары (8000)");
    t.keys(&["m"]);
    let pressed = Instant::now();
    t.keys(&["4"]);
    while !t.screen().contains("[4:Встречи]") {
        assert!(
            pressed.elapsed() < Duration::from_secs(1),
            "the tab did not change within a second:\n{}",
            t.screen()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    t.keys(&["3"]);
    t.wait_for("Esc — отмена");
    t.key(Key::Esc);
    t.wait_for("Подбор отменён.");
    assert!(!t.screen().contains("Предложено пар"));
    t.keys(&["m"]);
    t.wait_for("Предложено пар: 6005 / 8000");
    t.keys(&["q"]);
    assert_eq!(t.wait_exit(), 0);
}
