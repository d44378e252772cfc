//! A district merges its schools' exports (`export json --org ID` at the
//! school): the school's records come in under its organisation here with
//! ids of this database, every reference rewritten. The organisation keeps
//! the map from the school's ids to ours, so a newer export of the same
//! school updates its records in place, adds what is new and archives what
//! the school no longer has; an identical file writes nothing.

use super::backup::Backup;
use super::entity::Entity;
use super::error::{Result, StoreError};
use super::tx::{Tx, TxResult};
use super::Store;
use crate::domain::*;
use crate::text::fold;
use std::collections::BTreeMap;

/// What a merge did, and what it could not place.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergeOutcome {
    pub org_id: Id,
    pub org_name: String,
    /// True when the school was merged before (its records were replaced).
    pub replaced: bool,
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub archived: usize,
    /// References to records the file does not hold, dropped.
    pub conflicts: Vec<String>,
}

type Ids = BTreeMap<Id, Id>;

/// The school's ids → ours for one kind, and the references rewritten.
struct Mapper<'a> {
    ids: &'a BTreeMap<String, Ids>,
    conflicts: std::cell::RefCell<Vec<String>>,
}

impl Mapper<'_> {
    fn get(&self, kind: &str, id: Id, from: &str) -> Option<Id> {
        let found = self.ids.get(kind).and_then(|m| m.get(&id)).copied();
        if found.is_none() {
            self.conflicts.borrow_mut().push(format!(
                "{from}: ссылка на {kind} #{id}, которой нет в файле — убрана"
            ));
        }
        found
    }

    /// The ids already mapped, quietly (the rest may come later).
    fn known(&self, kind: &str, ids: &[Id]) -> Vec<Id> {
        let map = self.ids.get(kind);
        ids.iter()
            .filter_map(|id| map.and_then(|m| m.get(id)).copied())
            .collect()
    }

    fn list(&self, kind: &str, ids: &[Id], from: &str) -> Vec<Id> {
        ids.iter()
            .filter_map(|id| self.get(kind, *id, from))
            .collect()
    }

    fn person(&self, r: PersonRef, from: &str) -> Option<PersonRef> {
        match r {
            PersonRef::Mentor(id) => self.get("mentors", id, from).map(PersonRef::Mentor),
            PersonRef::Mentee(id) => self.get("mentees", id, from).map(PersonRef::Mentee),
            // The merged school's curator is ours: the caller names the org.
            PersonRef::Curator(_) => Some(r),
        }
    }
}

/// Writes one record: an update of the mapped one (skipped when equal), or
/// an insert that extends the map.
fn put<E: Entity + PartialEq>(
    tx: &Tx,
    ids: &mut Ids,
    mut e: E,
    out: &mut MergeOutcome,
) -> TxResult<()> {
    let source = e.id();
    if let Some(local) = ids.get(&source).copied() {
        if let Some(current) = tx.get::<E>(local)? {
            e.set_id(local);
            if current == e {
                out.unchanged += 1;
            } else {
                tx.update(&e)?;
                out.updated += 1;
            }
            return Ok(());
        }
    }
    e.set_id(0);
    let local = tx.insert(&mut e)?;
    ids.insert(source, local);
    out.added += 1;
    Ok(())
}

/// Archives the records of a kind the school no longer has.
fn archive_gone<E: Entity>(
    tx: &Tx,
    ids: &mut Ids,
    present: &std::collections::BTreeSet<Id>,
    out: &mut MergeOutcome,
) -> TxResult<()> {
    for (source, local) in ids.clone() {
        if present.contains(&source) {
            continue;
        }
        if let Some(e) = tx.get::<E>(local)? {
            if !e.archived() {
                tx.set_archived::<E>(local, true)?;
                out.archived += 1;
            }
        }
        ids.remove(&source);
    }
    Ok(())
}

impl Store {
    /// Merges one school's export. The file must hold one organisation;
    /// it is matched here by name (case and ё/е folded).
    pub fn merge(&self, b: &Backup) -> Result<MergeOutcome> {
        let rejected = |m: String| StoreError::Rejected(m);
        let orgs: Vec<&Organisation> = b.organisations.iter().filter(|o| !o.archived).collect();
        let [school] = orgs[..] else {
            return Err(rejected(format!(
                "в файле организаций: {}; нужна выгрузка одной школы (nastavnik export json --org ID)",
                orgs.len()
            )));
        };
        let here = self.load_without_meetings()?;
        // The same school: by ИНН where both sides have one (a renamed
        // school is updated, not added), by name otherwise.
        let inn = |o: &Organisation| o.inn.trim().to_string();
        let same: Vec<&Organisation> = here
            .orgs
            .values()
            .filter(|o| !o.archived)
            .filter(|o| match (inn(o).is_empty(), inn(school).is_empty()) {
                (false, false) => inn(o) == inn(school),
                _ => fold(&o.name) == fold(&school.name),
            })
            .collect();
        let existing = match same[..] {
            [] => None,
            [one] => Some(one.clone()),
            _ => {
                return Err(rejected(format!(
                    "здесь несколько организаций с названием «{}»; переименуйте лишние",
                    school.name
                )))
            }
        };
        if let Some(o) = &existing {
            // A school entered here by hand is not overwritten by a file.
            let has_records = here.mentors.values().any(|m| m.org_id == o.id)
                || here.mentees.values().any(|m| m.org_id == o.id)
                || here.units.values().any(|u| u.org_id == o.id);
            if o.merged.is_none() && has_records {
                return Err(rejected(format!(
                    "организация «{}» (#{}) ведётся в этой базе вручную; файл не слит, чтобы не перезаписать её данные",
                    o.name, o.id
                )));
            }
        }
        let outcome = self.write_as(super::Deed::Merge, |tx| {
            let mut out = MergeOutcome::default();
            let mut map = existing
                .as_ref()
                .and_then(|o| o.merged.clone())
                .unwrap_or_default();
            out.replaced = existing.as_ref().is_some_and(|o| o.merged.is_some());
            // The organisation itself: the school's settings, our id.
            let mut org = Organisation {
                is_default: existing.as_ref().is_some_and(|o| o.is_default),
                merged: None,
                ..school.clone()
            };
            let org_id = match &existing {
                Some(o) => {
                    org.id = o.id;
                    o.id
                }
                None => {
                    org.id = 0;
                    tx.insert(&mut org)?
                }
            };
            out.org_id = org_id;
            out.org_name = school.name.clone();
            macro_rules! merge_kind {
                ($kind:literal, $ty:ty, $records:expr, $rewrite:expr) => {{
                    let mut ids = map.ids.remove($kind).unwrap_or_default();
                    let present: std::collections::BTreeSet<Id> =
                        $records.iter().map(|r| r.id).collect();
                    archive_gone::<$ty>(tx, &mut ids, &present, &mut out)?;
                    // References within the kind (none today) resolve
                    // against the map as it grows.
                    for r in $records.iter() {
                        let mapper = Mapper {
                            ids: &map.ids,
                            conflicts: Default::default(),
                        };
                        let rewritten: $ty = $rewrite(&mapper, r.clone());
                        out.conflicts.extend(mapper.conflicts.into_inner());
                        put(tx, &mut ids, rewritten, &mut out)?;
                    }
                    map.ids.insert($kind.to_string(), ids);
                }};
            }
            let at = |what: &str, id: Id| format!("{what} #{id}");
            merge_kind!("partners", Partner, b.partners, |_: &Mapper, r: Partner| {
                Partner { org_id, ..r }
            });
            merge_kind!("programs", Program, b.programs, |_: &Mapper, r: Program| {
                Program { org_id, ..r }
            });
            merge_kind!(
                "documents",
                Document,
                b.documents,
                |_: &Mapper, r: Document| { Document { org_id, ..r } }
            );
            merge_kind!(
                "survey_templates",
                SurveyTemplate,
                b.survey_templates,
                |_: &Mapper, r: SurveyTemplate| SurveyTemplate { org_id, ..r }
            );
            // Wishes point across sides: those to mentees merged before are
            // kept now (so an unchanged mentor stays unchanged), the rest
            // are set once both sides exist.
            merge_kind!("mentors", Mentor, b.mentors, |m: &Mapper, r: Mentor| {
                let mut r = r;
                r.org_id = org_id;
                r.partner_id = r
                    .partner_id
                    .and_then(|p| m.get("partners", p, &at("наставник", r.id)));
                r.person.wishes = m.known("mentees", &r.person.wishes);
                r
            });
            merge_kind!("mentees", Mentee, b.mentees, |m: &Mapper, r: Mentee| {
                let mut r = r;
                let from = at("наставляемый", r.id);
                r.org_id = org_id;
                r.person.wishes = m.list("mentors", &r.person.wishes, &from);
                r.matching.locked = r.matching.locked.and_then(|id| m.get("mentors", id, &from));
                r.matching.rejected = m.list("mentors", &r.matching.rejected, &from);
                r
            });
            merge_kind!("units", Unit, b.units, |m: &Mapper, r: Unit| {
                let mut r = r;
                let from = at("пара", r.id);
                r.org_id = org_id;
                r.mentors = m.list("mentors", &r.mentors, &from);
                r.mentees = m.list("mentees", &r.mentees, &from);
                r.program_id = r.program_id.and_then(|p| m.get("programs", p, &from));
                r.order_id = r.order_id.and_then(|d| m.get("documents", d, &from));
                r
            });
            merge_kind!("meetings", Meeting, b.meetings, |m: &Mapper, r: Meeting| {
                let mut r = r;
                let from = at("встреча", r.id);
                r.org_id = org_id;
                r.unit_id = m.get("units", r.unit_id, &from).unwrap_or(0);
                r.attendees = r
                    .attendees
                    .iter()
                    .filter_map(|p| m.person(*p, &from))
                    .collect();
                r
            });
            merge_kind!(
                "survey_responses",
                SurveyResponse,
                b.survey_responses,
                |m: &Mapper, r: SurveyResponse| {
                    let mut r = r;
                    let from = at("анкета", r.id);
                    r.org_id = org_id;
                    r.template_id = m.get("survey_templates", r.template_id, &from).unwrap_or(0);
                    r.respondent = match r.respondent {
                        PersonRef::Curator(_) => PersonRef::Curator(org_id),
                        p => m.person(p, &from).unwrap_or(p),
                    };
                    r.unit_id = r.unit_id.and_then(|u| m.get("units", u, &from));
                    r.program_id = r.program_id.and_then(|p| m.get("programs", p, &from));
                    r
                }
            );
            merge_kind!(
                "roadmap",
                RoadmapItem,
                b.roadmap,
                |_: &Mapper, r: RoadmapItem| { RoadmapItem { org_id, ..r } }
            );
            // Now the mentors' wishes, with both sides known.
            let mapper = Mapper {
                ids: &map.ids,
                conflicts: Default::default(),
            };
            for r in &b.mentors {
                if r.person.wishes.is_empty() {
                    continue;
                }
                let Some(local) = map.ids.get("mentors").and_then(|m| m.get(&r.id)).copied() else {
                    continue;
                };
                if let Some(mut m) = tx.get::<Mentor>(local)? {
                    let wishes = mapper.list("mentees", &r.person.wishes, &at("наставник", r.id));
                    if m.person.wishes != wishes {
                        m.person.wishes = wishes;
                        tx.update(&m)?;
                    }
                }
            }
            out.conflicts.extend(mapper.conflicts.into_inner());
            // The organisation with its map; unchanged when nothing moved.
            let changed = out.added + out.updated + out.archived > 0;
            let previous = existing.as_ref().and_then(|o| o.merged.clone());
            map.merged_at = match (&previous, changed) {
                (Some(p), false) => p.merged_at.clone(),
                _ => chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            };
            org.merged = Some(map.clone());
            match &existing {
                Some(o) if *o == org => {}
                _ => tx.update(&org)?,
            }
            Ok(out)
        })?;
        Ok(outcome)
    }
}
