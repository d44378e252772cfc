//! The district view: schools' exports merged into one database, a
//! re-merge that changes nothing, a newer export replacing in place, the
//! conflicts refused, and coverage across schools adding up.

mod common;
use common::*;
use nastavnik::demo::{generate, Scale};
use nastavnik::domain::*;
use nastavnik::i18n::Lang;
use nastavnik::reports::{self, Kind, Params};
use nastavnik::store::{Backup, Store};

fn school(seed: u64, name: &str) -> (tempfile::TempDir, Store) {
    let (dir, store) = temp_store();
    let mut ds = generate(Scale::School, seed, d(2026, 11, 23));
    for o in ds.orgs.values_mut() {
        o.name = name.into();
    }
    let b = Backup::from_dataset(ds, "test", chrono::Utc::now());
    store.load_backup(&b, &mut |_| {}).unwrap();
    (dir, store)
}

/// A mentor who wishes for a mentee, so that a re-merge has cross
/// references to keep.
fn with_wish(store: &Store) {
    let mut m = store.list::<Mentor>().unwrap().remove(0);
    let mentee = store.list::<Mentee>().unwrap().remove(0);
    m.person.wishes = vec![mentee.id];
    store.update(&m).unwrap();
}

fn export(store: &Store) -> Backup {
    let org = store
        .load_without_meetings()
        .unwrap()
        .default_org()
        .unwrap()
        .id;
    store.dump().unwrap().only_org(org)
}

fn coverage_totals(store: &Store, org: Option<Id>) -> Vec<String> {
    let ds = store.load_without_meetings().unwrap();
    let p = Params::new(Kind::Coverage, d(2026, 11, 23), org, Lang::Ru);
    let r = reports::build(&ds, &store.timelines().unwrap(), &p);
    let t = r.tables().next().unwrap();
    t.rows
        .iter()
        .map(|row| row.last().unwrap().display(Lang::Ru))
        .collect()
}

#[test]
fn two_schools_merge_and_a_remerge_changes_nothing() {
    let (_a, a) = school(1, "МБОУ «СОШ № 1»");
    let (_b, b) = school(2, "МБОУ «Гимназия № 2»");
    with_wish(&a);
    let (_c, district) = temp_store();
    let first = district.merge(&export(&a)).unwrap();
    let second = district.merge(&export(&b)).unwrap();
    assert!(!first.replaced && !second.replaced);
    assert!(first.conflicts.is_empty() && second.conflicts.is_empty());
    let ds = district.load().unwrap();
    let (da, db) = (a.load().unwrap(), b.load().unwrap());
    assert_eq!(ds.orgs.len(), 2);
    assert_eq!(ds.mentors.len(), da.mentors.len() + db.mentors.len());
    assert_eq!(ds.meetings.len(), da.meetings.len() + db.meetings.len());
    assert_eq!(ds.responses.len(), da.responses.len() + db.responses.len());
    // Every reference points inside the school's own records here.
    for u in ds.units.values() {
        for m in &u.mentors {
            assert_eq!(ds.mentors[m].org_id, u.org_id);
        }
        for m in &u.mentees {
            assert_eq!(ds.mentees[m].org_id, u.org_id);
        }
    }
    for m in ds.meetings.values() {
        assert_eq!(ds.units[&m.unit_id].org_id, m.org_id);
    }
    let wished: Vec<&Mentor> = ds
        .mentors
        .values()
        .filter(|m| !m.person.wishes.is_empty())
        .collect();
    assert_eq!(wished.len(), 1);
    assert_eq!(
        ds.mentees[&wished[0].person.wishes[0]].org_id,
        wished[0].org_id
    );
    let before = district.dump().unwrap();
    let again = district.merge(&export(&a)).unwrap();
    assert!(again.replaced);
    assert_eq!((again.added, again.updated, again.archived), (0, 0, 0));
    assert_eq!(district.dump().unwrap(), before, "nothing written");

    // Coverage across schools is the sum where the people are distinct.
    let (ta, tb) = (coverage_totals(&a, Some(1)), coverage_totals(&b, Some(1)));
    let all = coverage_totals(&district, None);
    let sum: Vec<String> = ta
        .iter()
        .zip(&tb)
        .map(|(x, y)| (x.parse::<u64>().unwrap() + y.parse::<u64>().unwrap()).to_string())
        .collect();
    assert_eq!(all, sum);
    assert_eq!(coverage_totals(&district, Some(first.org_id)), ta);
    // And broken down by school.
    let ds = district.load_without_meetings().unwrap();
    let p = Params::new(Kind::Coverage, d(2026, 11, 23), None, Lang::Ru);
    let r = reports::build(&ds, &district.timelines().unwrap(), &p);
    let by_org = r.tables().nth(1).expect("a table by organisation");
    let row = |i: usize| -> Vec<String> {
        by_org.rows[i][1..]
            .iter()
            .map(|c| c.display(Lang::Ru))
            .collect()
    };
    assert_eq!(by_org.rows[0][0].display(Lang::Ru), "МБОУ «СОШ № 1»");
    assert_eq!((row(0), row(1)), (ta, tb));
}

#[test]
fn a_newer_export_updates_in_place_and_archives_what_is_gone() {
    let (_a, a) = school(3, "МБОУ «СОШ № 3»");
    let (_c, district) = temp_store();
    district.merge(&export(&a)).unwrap();
    let mentors_before = district.list::<Mentor>().unwrap();
    // At the school: a mentor renamed, a partner added, a roadmap item gone.
    let mut m = a.list::<Mentor>().unwrap().remove(0);
    m.person.full_name = "Новикова Анна Сергеевна".into();
    a.update(&m).unwrap();
    a.insert(Partner {
        org_id: 1,
        name: "ООО «Новый партнёр»".into(),
        ..Partner::default()
    })
    .unwrap();
    let program = a.list::<Program>().unwrap().remove(0);
    let mut file = export(&a);
    file.programs.retain(|p| p.id != program.id);
    let mut unlinked = 0;
    for u in &mut file.units {
        if u.program_id == Some(program.id) {
            u.program_id = None;
            unlinked += 1;
        }
    }
    for r in &mut file.survey_responses {
        if r.program_id == Some(program.id) {
            r.program_id = None;
            unlinked += 1;
        }
    }
    let out = district.merge(&file).unwrap();
    assert_eq!(out.added, 1, "the partner");
    assert_eq!(out.archived, 1, "the program");
    assert_eq!(
        out.updated,
        1 + unlinked,
        "the renamed mentor and the records that named the program"
    );
    let mentors = district.list::<Mentor>().unwrap();
    assert_eq!(mentors.len(), mentors_before.len(), "no duplicates");
    assert!(mentors
        .iter()
        .any(|m| m.person.full_name == "Новикова Анна Сергеевна"));
    let programs = district.list::<Program>().unwrap();
    assert_eq!(programs.iter().filter(|p| p.archived).count(), 1);
}

#[test]
fn conflicts_are_refused_with_a_reason() {
    let (_a, a) = school(4, "МБОУ «СОШ № 4»");
    let (_c, district) = temp_store();
    // A school kept here by hand under the same name is not overwritten.
    district
        .insert(Organisation {
            name: "мбоу «сош № 4»".into(),
            ..Organisation::default()
        })
        .unwrap();
    district
        .insert(Mentor {
            org_id: 1,
            person: person("Ручная Запись", None, d(2025, 9, 1)),
            ..Mentor::default()
        })
        .unwrap();
    let err = district.merge(&export(&a)).unwrap_err().to_string();
    assert!(err.contains("ведётся в этой базе вручную"), "{err}");
    // A whole database is not a school's export.
    let mut two = export(&a);
    two.organisations.push(Organisation {
        id: 99,
        name: "Другая".into(),
        ..Organisation::default()
    });
    let err = district.merge(&two).unwrap_err().to_string();
    assert!(err.contains("организаций: 2"), "{err}");
    // A reference to something the file lacks is dropped and reported.
    let (_d, empty) = temp_store();
    let mut broken = export(&a);
    let gone = broken.partners.remove(0).id;
    let out = empty.merge(&broken).unwrap();
    assert!(
        out.conflicts
            .iter()
            .any(|c| c.contains(&format!("partners #{gone}"))),
        "{:?}",
        out.conflicts
    );
}

/// A school's export from the district reads only that school's meetings
/// and history, and is exactly what filtering the whole dump gives.
#[test]
fn one_schools_export_equals_the_filtered_whole() {
    let (_a, a) = school(1, "МБОУ «СОШ № 1»");
    let (_b, b) = school(2, "МБОУ «Гимназия № 2»");
    let (_c, district) = temp_store();
    district.merge(&export(&a)).unwrap();
    district.merge(&export(&b)).unwrap();
    let orgs = district.list::<Organisation>().unwrap();
    assert_eq!(orgs.len(), 2);
    for o in orgs {
        let only = district.dump_org(o.id).unwrap();
        assert!(!only.meetings.is_empty() && !only.history.is_empty());
        assert_eq!(
            only.to_json().unwrap(),
            district.dump().unwrap().only_org(o.id).to_json().unwrap(),
            "school #{}",
            o.id
        );
    }
}
