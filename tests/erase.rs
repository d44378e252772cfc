//! Erasure on request and the subject's copy (152-ФЗ): after `erase`, not
//! one byte of the person's values is left in the database directory or
//! its backups; pairs and the report's counts stay; the history says that
//! an erasure happened, by whom and when.

mod common;

use common::{bin, files_holding};
use nastavnik::domain::*;
use nastavnik::store::{Action, EntityKind, Store};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn an_erased_mentee_leaves_no_byte_behind_and_the_counts_stay() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let out = bin(&db, &["demo", "--seed", "6", "--as-of", "01.11.2026"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (mentee, unit_id, other) = {
        let store = Store::open(&db).unwrap();
        let ds = store.load().unwrap();
        // A mentee in a pair with meetings, and someone else in the school.
        let unit = ds
            .units
            .values()
            .find(|u| u.mentees.len() == 1 && !store.meetings_of(u.id).unwrap().is_empty())
            .unwrap()
            .clone();
        let mut m = ds.mentees[&unit.mentees[0]].clone();
        m.person.full_name = "Шереметьева Аглая Тимуровна".into();
        m.person.contacts = "8-913-555-01-02".into();
        m.person.guardian = "Шереметьев Тимур Ильдарович".into();
        m.person.notes = "Аллергия на орехи".into();
        store.update(&m).unwrap();
        // Changed again, so that the history holds the old values too.
        m.person.contacts = "8-913-555-77-88".into();
        store.update(&m).unwrap();
        let first = store.meetings_of(unit.id).unwrap()[0];
        let mut meeting = store.get::<Meeting>(first).unwrap().unwrap();
        meeting.outcome =
            "Шереметьева Аглая разобрала задачи; с Аглаей договорились о плане".into();
        store.update(&meeting).unwrap();
        let other = ds.mentees.values().find(|o| o.id != m.id).unwrap().clone();
        (m, unit.id, other)
    };
    let coverage_before = text(&bin(&db, &["report", "coverage", "--as-of", "01.11.2026"]).stdout);
    let out = bin(&db, &["backup", "now"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let secrets = [
        "Шереметьева",
        "Аглая",
        "Аглаей",
        "8-913-555-01-02",
        "8-913-555-77-88",
        "Шереметьев Тимур",
        "Аллергия на орехи",
    ];
    assert!(
        !files_holding(&db, "Шереметьева").is_empty(),
        "the probe finds it before"
    );
    let out = bin(&db, &["erase", "mentee", &mentee.id.to_string()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "asks first; no terminal, no --yes"
    );
    let out = bin(&db, &["erase", "mentee", &mentee.id.to_string(), "--yes"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Шереметьева"),
        "the message names whom"
    );
    for s in secrets {
        assert_eq!(
            files_holding(&db, s),
            Vec::<String>::new(),
            "«{s}» is still there"
        );
    }
    let store = Store::open(&db).unwrap();
    let erased = store.get::<Mentee>(mentee.id).unwrap().unwrap();
    assert!(erased.person.full_name.starts_with("удалён по запросу"));
    assert_eq!(erased.category, mentee.category);
    let unit = store.get::<Unit>(unit_id).unwrap().unwrap();
    assert!(unit.mentees.contains(&mentee.id), "the pair stays");
    let history = store.history(EntityKind::Mentee, mentee.id).unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].action, Action::Erased);
    assert!(history[0].changes.is_empty());
    assert!(store
        .list::<SurveyResponse>()
        .unwrap()
        .iter()
        .all(|r| r.respondent != PersonRef::Mentee(mentee.id)));
    assert!(
        store.check().unwrap().is_empty(),
        "{:?}",
        store.check().unwrap()
    );
    drop(store);
    let coverage_after = text(&bin(&db, &["report", "coverage", "--as-of", "01.11.2026"]).stdout);
    let counts = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.chars().any(|c| c.is_ascii_digit()) && !l.contains("Дата"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(counts(&coverage_after), counts(&coverage_before));
    // The subject's copy of someone else: their record, pairs, history.
    let out = bin(&db, &["export", "person", "mentee", &other.id.to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copy: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        copy["record"]["person"]["full_name"],
        other.person.full_name
    );
    assert!(!copy["units"].as_array().unwrap().is_empty());
    assert!(!copy["history"].as_array().unwrap().is_empty());
}
