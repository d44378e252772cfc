//! Rows of pairs and groups: people named by full name or `#id`, checked
//! against every rule a unit must hold, including capacity across the file.

use super::cells::Cells;
use super::columns::{Col, ColumnMap};
use super::table::Table;
use super::RowError;
use crate::domain::dates::{format_opt_date, parse_date};
use crate::domain::validate::validate_unit;
use crate::domain::*;
use crate::i18n::Lang;
use crate::schema::{unit::UNIT, Ctx, Problem, L};
use crate::store::{EntityKind, Store, StoreError};
use crate::text::fold;
use crate::tr;
use std::collections::{BTreeSet, HashMap};

pub struct PairsPlan {
    /// Units with the new program they belong to, if any.
    pub units: Vec<(Unit, Option<usize>)>,
    pub programs: Vec<Program>,
    pub errors: Vec<RowError>,
    /// Terminated pairs that came without a reason: «не указана» is written.
    pub unreasoned: usize,
}

/// The reason written for a terminated pair whose file gives none: old
/// bases kept no reason, and history is not refused for it.
pub const REASON_NOT_GIVEN: &str = "не указана";

/// Finds people by `#id` or by full name through the store's name index.
struct Resolver<'a> {
    store: &'a Store,
    ds: &'a Dataset,
    org: Id,
}

impl Resolver<'_> {
    fn resolve(&self, c: &mut Cells, col: Col, kind: EntityKind) -> Result<Vec<Id>, StoreError> {
        let mut ids = Vec::new();
        for name in c.tags(col) {
            if let Some(n) = name.strip_prefix('#') {
                match n
                    .trim()
                    .parse::<Id>()
                    .ok()
                    .filter(|id| self.exists(kind, *id))
                {
                    Some(id) => ids.push(id),
                    None => {
                        let msg = tr!(c.lang, "{name}: нет такой записи", "{name}: no such record");
                        c.fail(col, msg)
                    }
                }
                continue;
            }
            // The live person of that name; else one in the archive (a
            // finished pair of a pupil who has left).
            let here: Vec<Id> = self
                .store
                .find_by_name(kind, &name)?
                .into_iter()
                .filter(|id| self.is_here(kind, *id))
                .collect();
            let live: Vec<Id> = here
                .iter()
                .copied()
                .filter(|id| self.is_live(kind, *id))
                .collect();
            let found = if live.is_empty() { here } else { live };
            match found.as_slice() {
                [id] => ids.push(*id),
                [] => {
                    let msg = tr!(c.lang, "{name}: нет в базе", "{name}: not in the base");
                    c.fail(col, msg)
                }
                many => {
                    let list: Vec<String> =
                        many.iter().map(|id| self.describe(kind, *id)).collect();
                    let msg = tr!(
                        c.lang,
                        "{name}: неоднозначно ({}); укажите #id",
                        "{name}: ambiguous ({}); give #id",
                        list.join(", ")
                    );
                    c.fail(col, msg);
                }
            }
        }
        Ok(ids)
    }

    fn person(&self, kind: EntityKind, id: Id) -> Option<(Id, bool, &Person)> {
        match kind {
            EntityKind::Mentor => self
                .ds
                .mentors
                .get(&id)
                .map(|m| (m.org_id, m.archived, &m.person)),
            _ => self
                .ds
                .mentees
                .get(&id)
                .map(|m| (m.org_id, m.archived, &m.person)),
        }
    }

    fn exists(&self, kind: EntityKind, id: Id) -> bool {
        self.person(kind, id).is_some()
    }

    fn is_here(&self, kind: EntityKind, id: Id) -> bool {
        self.person(kind, id)
            .is_some_and(|(org, _, _)| org == self.org)
    }

    fn is_live(&self, kind: EntityKind, id: Id) -> bool {
        self.person(kind, id)
            .is_some_and(|(_, archived, _)| !archived)
    }

    fn describe(&self, kind: EntityKind, id: Id) -> String {
        let born = self
            .person(kind, id)
            .map(|(_, _, p)| format_opt_date(p.birth_date))
            .unwrap_or_default();
        if born.is_empty() {
            format!("#{id}")
        } else {
            format!("#{id} {born}")
        }
    }
}

/// The school's order assigning pairs that `text` cites: by its number and
/// date as they are written («№ 45 от 01.09.2024»), or by its number alone.
fn order_cited<'a>(ds: &'a Dataset, org: Id, text: &str) -> Option<&'a crate::domain::Document> {
    let key = fold(text);
    ds.documents
        .values()
        .filter(|d| d.org_id == org && d.kind == DocumentKind::PairsOrder && !d.archived)
        .find(|d| fold(&d.requisites()) == key || (!d.number.is_empty() && fold(&d.number) == key))
}

/// Names the pair's order from the school's documents: the one the
/// «Приказ из базы документов» column cites (another school's is not
/// found), or the one «Приказ» cites when the base holds it and the dates
/// agree.
fn link_order(c: &mut Cells, unit: &mut Unit, ds: &Dataset) {
    let cited = c.text(Col::OrderDocument);
    if !cited.is_empty() {
        match order_cited(ds, unit.org_id, &cited) {
            Some(d) => unit.order_id = Some(d.id),
            None => c.problem(Col::OrderDocument, Problem::NoSuchRecord(cited)),
        }
        return;
    }
    if unit.order_no.is_empty() {
        return;
    }
    let typed_date = unit.order_date.or_else(|| order_date(&unit.order_no));
    if let Some(d) = order_cited(ds, unit.org_id, &unit.order_no) {
        if typed_date.is_none() || typed_date == d.date {
            unit.order_id = Some(d.id);
            unit.order_no.clear();
            unit.order_date = None;
        }
    }
}

/// «№ 45 от 01.09.2024» → the date after «от».
fn order_date(order: &str) -> Option<chrono::NaiveDate> {
    let lower = order.to_lowercase();
    let at = lower.find("от ")?;
    let rest = &order[at + "от ".len()..];
    parse_date(rest.split_whitespace().next()?)
}

pub fn plan_pairs(
    t: &Table,
    map: &ColumnMap,
    store: &Store,
    ds: &Dataset,
    org: Id,
    lang: Lang,
) -> Result<PairsPlan, StoreError> {
    let resolver = Resolver { store, ds, org };
    let ctx = Ctx { ds, lang };
    let mut plan = PairsPlan {
        units: Vec::new(),
        programs: Vec::new(),
        errors: Vec::new(),
        unreasoned: 0,
    };
    let programs: HashMap<String, Id> = ds
        .programs
        .values()
        .filter(|p| p.org_id == org && !p.archived)
        .map(|p| (fold(&p.name), p.id))
        .collect();
    // Who each mentor already mentors in live units, grown row by row so that
    // capacity holds across the whole file.
    let mut mentees_of: HashMap<Id, BTreeSet<Id>> = HashMap::new();
    let mut pair_seen: HashMap<(Id, Id), String> = HashMap::new();
    for u in ds.units.values().filter(|u| u.is_live()) {
        for m in &u.mentors {
            mentees_of
                .entry(*m)
                .or_default()
                .extend(u.mentees.iter().copied());
            for e in &u.mentees {
                pair_seen.insert(
                    (*m, *e),
                    tr!(
                        lang,
                        "такая пара уже есть (#{})",
                        "the pair exists (#{})",
                        u.id
                    ),
                );
            }
        }
    }
    for row in &t.rows {
        let mut c = Cells::new(map, &t.headers, &row.cells, lang);
        let mentors = resolver.resolve(&mut c, Col::Mentors, EntityKind::Mentor)?;
        let mentees = resolver.resolve(&mut c, Col::Mentees, EntityKind::Mentee)?;
        for col in [Col::Mentors, Col::Mentees] {
            if c.text(col).is_empty() {
                c.problem(col, Problem::Required);
            }
        }
        let inferred = match (mentors.first(), mentees.first()) {
            (Some(m), Some(e)) => Form::for_pair(ds.mentors[m].category, ds.mentees[e].category),
            _ => None,
        };
        let form = c.choice(Col::Form, Form::parse, Form::choices(lang), inferred);
        if form.is_none() && c.text(Col::Form).is_empty() && c.errors.is_empty() {
            c.problem(
                Col::Form,
                Problem::Say(L(
                    "не указана и не следует из категорий",
                    "missing and cannot be inferred from the categories",
                )),
            );
        }
        let program_name = c.text(Col::Program);
        let mut unit = Unit {
            org_id: org,
            mentors,
            mentees,
            form: form.unwrap_or(Form::PupilPupil),
            status: UnitStatus::Active,
            ..Unit::default()
        };
        // People, form and program are found above; the rest is the schema's.
        c.read_all(
            UNIT,
            &mut unit,
            &ctx,
            &[
                Col::Mentors,
                Col::Mentees,
                Col::Form,
                Col::Program,
                Col::OrderDocument,
            ],
        );
        link_order(&mut c, &mut unit, ds);
        let unreasoned = unit.status == UnitStatus::Terminated && unit.end_reason.trim().is_empty();
        if unreasoned {
            unit.end_reason = REASON_NOT_GIVEN.into();
        }
        // «№ 45 от 01.09.2024»: the order's date is in its number.
        if unit.order_date.is_none() && unit.order_id.is_none() {
            unit.order_date = order_date(&unit.order_no);
        }
        let mut new_program = None;
        if !program_name.is_empty() {
            let key = fold(&program_name);
            match programs.get(&key) {
                Some(id) => unit.program_id = Some(*id),
                None => {
                    let i = plan
                        .programs
                        .iter()
                        .position(|p| fold(&p.name) == key)
                        .unwrap_or_else(|| {
                            plan.programs.push(Program {
                                org_id: org,
                                name: program_name.clone(),
                                form,
                                ..Program::default()
                            });
                            plan.programs.len() - 1
                        });
                    new_program = Some(i);
                }
            }
        }
        if c.errors.is_empty() {
            let load = |m: Id| {
                mentees_of.get(&m).map_or(0, |s| {
                    s.iter().filter(|e| !unit.mentees.contains(e)).count() as u32
                })
            };
            for issue in validate_unit(&unit, ds, &load) {
                // A rule on a field the file has no column for (the reason
                // of a termination) is told under the closest column.
                let col = match issue.field {
                    Col::EndReason => Col::End,
                    Col::OrderNo | Col::OrderDate | Col::OrderDocument | Col::Start => Col::Status,
                    col if map.canonical(col) != "?" => col,
                    _ => Col::Mentees,
                };
                c.problem(col, Problem::Rule(issue.rule));
            }
            for m in &unit.mentors {
                for e in &unit.mentees {
                    if let Some(why) = pair_seen.get(&(*m, *e)) {
                        c.fail(
                            Col::Mentees,
                            format!("{} — {}", ds.mentees[e].person.full_name, why),
                        );
                    }
                }
            }
        }
        if c.errors.is_empty() {
            if unit.is_live() {
                for m in &unit.mentors {
                    mentees_of
                        .entry(*m)
                        .or_default()
                        .extend(unit.mentees.iter().copied());
                }
            }
            for m in &unit.mentors {
                for e in &unit.mentees {
                    pair_seen.insert(
                        (*m, *e),
                        tr!(lang, "повтор строки {}", "repeats line {}", row.line),
                    );
                }
            }
            plan.unreasoned += usize::from(unreasoned);
            plan.units.push((unit, new_program));
        } else {
            plan.errors
                .extend(c.errors.into_iter().map(|m| RowError::at(row.line, m)));
        }
    }
    Ok(plan)
}
