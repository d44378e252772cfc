//! `nastavnik org`: the organisations and the settings reports need.

use super::args::{OrgCommand, OrgSet, OrgTarget};
use super::Output;
use crate::domain::validate::validate_organisation;
use crate::domain::{Dataset, Id, Organisation, YearTargets};
use crate::i18n::Lang;
use crate::store::Store;
use crate::text::sanitize_line;
use anyhow::{anyhow, bail, Result};

fn target_org(ds: &Dataset, id: Option<Id>, lang: Lang) -> Result<Organisation> {
    let found = match id {
        Some(id) => ds.orgs.get(&id),
        None => ds.default_org(),
    };
    found.cloned().ok_or_else(|| {
        anyhow!(lang.pick(
            "организация не найдена; добавьте её: nastavnik org add НАЗВАНИЕ",
            "no such organisation; add one: nastavnik org add NAME"
        ))
    })
}

/// Saves an organisation; when it becomes the default, the others stop being.
fn save(store: &Store, ds: &Dataset, org: &Organisation, lang: Lang) -> Result<()> {
    if let Some(issue) = validate_organisation(org).first() {
        let field = crate::schema::find(crate::schema::organisation::ORGANISATION, issue.field)
            .map_or("", |f| f.label.get(lang));
        bail!("{field}: {}", issue.rule.message(lang));
    }
    store.write(|tx| {
        if org.is_default {
            for other in ds.orgs.values().filter(|o| o.is_default && o.id != org.id) {
                tx.update(&Organisation {
                    is_default: false,
                    ..other.clone()
                })?;
            }
        }
        if org.id == 0 {
            tx.insert(&mut org.clone())?;
        } else {
            tx.update(org)?;
        }
        Ok(())
    })?;
    Ok(())
}

pub fn run(store: &Store, cmd: OrgCommand, lang: Lang, o: &mut Output) -> Result<()> {
    let ds = store.load()?;
    match cmd {
        OrgCommand::List => {
            for org in ds.orgs.values() {
                let mark = if org.is_default { "*" } else { " " };
                let arch = if org.archived {
                    lang.pick(" (в архиве)", " (archived)")
                } else {
                    ""
                };
                outln!(
                    o,
                    "{mark} #{} {} — {} {}, {}{arch}",
                    org.id,
                    sanitize_line(&org.name),
                    lang.pick("куратор", "curator"),
                    sanitize_line(&org.curator),
                    sanitize_line(&org.academic_year)
                );
            }
        }
        OrgCommand::Add { name, default } => {
            let org = Organisation {
                name,
                is_default: default || ds.default_org().is_none(),
                academic_year: crate::domain::dates::academic_year_label(
                    chrono::Local::now().date_naive(),
                ),
                ..Organisation::default()
            };
            save(store, &ds, &org, lang)?;
            outln!(o, "{}", lang.pick("Сохранено.", "Saved."));
        }
        OrgCommand::Set(set) => {
            let mut org = target_org(&ds, set.id, lang)?;
            apply_set(&mut org, set);
            save(store, &ds, &org, lang)?;
            outln!(o, "{}", lang.pick("Сохранено.", "Saved."));
        }
        OrgCommand::Target(t) => {
            let mut org = target_org(&ds, t.id, lang)?;
            apply_target(&mut org, t);
            save(store, &ds, &org, lang)?;
            outln!(o, "{}", lang.pick("Сохранено.", "Saved."));
        }
    }
    Ok(())
}

fn apply_set(org: &mut Organisation, s: OrgSet) {
    let text = |field: &mut String, v: Option<String>| {
        if let Some(v) = v {
            *field = crate::text::normalize_space(&sanitize_line(&v));
        }
    };
    text(&mut org.name, s.name);
    text(&mut org.registered_name, s.registered_name);
    text(&mut org.municipality, s.municipality);
    text(&mut org.director, s.director);
    text(&mut org.curator, s.curator);
    text(&mut org.curator_phone, s.phone);
    text(&mut org.inn, s.inn);
    text(&mut org.ogrn, s.ogrn);
    text(&mut org.academic_year, s.year);
    org.is_default |= s.default;
    let t = &mut org.totals;
    t.pupils = s.pupils.or(t.pupils);
    t.pupils_10_19 = s.pupils_10_19.or(t.pupils_10_19);
    t.pupils_15_19 = s.pupils_15_19.or(t.pupils_15_19);
    t.young_teachers = s.young_teachers.or(t.young_teachers);
    t.enterprises = s.enterprises.or(t.enterprises);
}

fn apply_target(org: &mut Organisation, t: OrgTarget) {
    let i = match org.targets.iter().position(|y| y.year == t.year) {
        Some(i) => i,
        None => {
            org.targets.push(YearTargets {
                year: t.year.clone(),
                ..YearTargets::default()
            });
            org.targets.len() - 1
        }
    };
    let y = &mut org.targets[i];
    y.mentees_10_19_pct = t.mentees_10_19.or(y.mentees_10_19_pct);
    y.mentors_15_19_pct = t.mentors_15_19.or(y.mentors_15_19_pct);
    y.young_teachers_pct = t.young_teachers.or(y.young_teachers_pct);
    y.enterprises_pct = t.enterprises.or(y.enterprises_pct);
    y.mentee_satisfaction_pct = t.mentee_satisfaction.or(y.mentee_satisfaction_pct);
    y.mentor_satisfaction_pct = t.mentor_satisfaction.or(y.mentor_satisfaction_pct);
    org.targets.sort_by(|a, b| a.year.cmp(&b.year));
}
