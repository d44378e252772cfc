#![allow(dead_code)]
//! Builders shared by the integration tests.

pub mod term;

use chrono::NaiveDate;
use nastavnik::domain::*;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn person(name: &str, birth: Option<NaiveDate>, joined: NaiveDate) -> Person {
    Person {
        full_name: name.into(),
        birth_date: birth,
        joined: Some(joined),
        ..Person::default()
    }
}

/// A pupil in `grade`, born on `birth`, joined on `joined`, with consent
/// given by the guardian on the joining day.
pub fn pupil(name: &str, birth: NaiveDate, grade: u8, joined: NaiveDate) -> Person {
    Person {
        grade: Some(Grade {
            year: grade,
            letter: "А".into(),
        }),
        consent: Some(Consent {
            date: joined,
            by_guardian: true,
        }),
        guardian: "Родитель".into(),
        ..person(name, Some(birth), joined)
    }
}

pub fn pupil_mentor(id: Id, name: &str, birth: NaiveDate, grade: u8, joined: NaiveDate) -> Mentor {
    Mentor {
        id,
        org_id: 1,
        person: pupil(name, birth, grade, joined),
        category: MentorCategory::Pupil,
        capacity: 2,
        ..Mentor::default()
    }
}

pub fn pupil_mentee(id: Id, name: &str, birth: NaiveDate, grade: u8, joined: NaiveDate) -> Mentee {
    Mentee {
        id,
        org_id: 1,
        person: pupil(name, birth, grade, joined),
        category: MenteeCategory::Pupil,
        ..Mentee::default()
    }
}

pub fn teacher(id: Id, name: &str) -> Mentor {
    let mut p = person(name, Some(d(1980, 3, 3)), d(2024, 9, 1));
    p.consent = Some(Consent {
        date: d(2024, 9, 1),
        by_guardian: false,
    });
    Mentor {
        id,
        org_id: 1,
        person: p,
        category: MentorCategory::Teacher,
        capacity: 1,
        ..Mentor::default()
    }
}

pub fn young_teacher(id: Id, name: &str) -> Mentee {
    let mut p = person(name, Some(d(2000, 5, 5)), d(2024, 9, 1));
    p.experience_years = Some(1);
    p.consent = Some(Consent {
        date: d(2024, 9, 1),
        by_guardian: false,
    });
    Mentee {
        id,
        org_id: 1,
        person: p,
        category: MenteeCategory::YoungSpecialist,
        ..Mentee::default()
    }
}

pub fn org(name: &str) -> Organisation {
    Organisation {
        name: name.into(),
        is_default: true,
        academic_year: "2024/2025".into(),
        ..Organisation::default()
    }
}

pub fn temp_store() -> (tempfile::TempDir, nastavnik::store::Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = nastavnik::store::Store::open(&dir.path().join("db")).unwrap();
    (dir, store)
}

/// Runs the binary on `db` with no settings file and no terminal input.
pub fn bin(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    bin_in(std::path::Path::new("."), db, args)
}

/// [`bin`], started in `cwd` (where relative paths in `args` start).
pub fn bin_in(cwd: &std::path::Path, db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(cwd)
        .env_remove("NASTAVNIK_CONFIG")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// A drawn screen as text, a line per row.
pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// In a backup (`export json`), the id of the shipped questionnaire
/// `builtin_key` and a mentee who has not answered it yet.
pub fn unanswered_mentee(backup: &serde_json::Value, builtin_key: &str) -> (String, String) {
    let template = backup["survey_templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["builtin_key"] == builtin_key)
        .unwrap();
    let answered: Vec<&serde_json::Value> = backup["survey_responses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["template_id"] == template["id"])
        .map(|r| &r["respondent"]["id"])
        .collect();
    let mentee = backup["mentees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| !answered.contains(&&m["id"]))
        .unwrap()["person"]["full_name"]
        .as_str()
        .unwrap()
        .to_string();
    (template["id"].as_u64().unwrap().to_string(), mentee)
}

/// What the runtime does when the optimiser's background run ends, done
/// here at once: the result goes to the app, and a rerun it asks for runs.
pub fn finish(app: &mut nastavnik::tui::app::App, job: nastavnik::tui::command::ProposeJob) {
    use nastavnik::tui::app::Command;
    use nastavnik::tui::background::{Finished, Outcome};
    let outcome =
        match nastavnik::matching::propose_with(&job.data, &job.opts, &job.solver, &job.ctl) {
            Ok(p) => Outcome::Done(p),
            Err(_) => Outcome::Cancelled,
        };
    let done = Finished {
        ctl: job.ctl,
        version: job.version,
        outcome,
    };
    if let Some(Command::Propose(again)) = app.finished(done) {
        finish(app, *again);
    }
}

/// Every file under `dir`, links not followed, that holds `needle`.
pub fn files_holding(dir: &std::path::Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let m = p.symlink_metadata().unwrap();
            if m.is_dir() {
                stack.push(p);
            } else if m.is_file() {
                let bytes = std::fs::read(&p).unwrap();
                if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                    found.push(p.display().to_string());
                }
            }
        }
    }
    found
}

/// Whether the test runs as root, which it needs `for` something; said on
/// stderr as skipped otherwise.
pub fn root_for(what: &str) -> bool {
    // SAFETY: geteuid only reads the process's user id.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        eprintln!("SKIPPED: needs root {what}");
    }
    root
}
