//! CSV import of a base: all or nothing. Every row is checked first; if any
//! is bad, nothing is stored and every bad row is listed.

use super::pairs::plan_pairs;
use super::people::{plan_documents, plan_mentees, plan_mentors, plan_partners, PartnerRef};
use super::{table, Base, RowError};
use crate::domain::dates::{academic_year_label, format_date};
use crate::domain::*;
use crate::store::batches::BATCH;
use crate::store::{EntityKind, Store, StoreError};
use crate::tr;
use chrono::NaiveDate;
use thiserror::Error;

/// Rows per file: a file this long is checked and stored within about
/// 1 GB of memory (450,000 rows took 0.66 GB). A school's base is a few
/// thousand rows, a district's tens of thousands.
pub const MAX_ROWS: usize = 600_000;

/// «в 3 строках».
const IN_ROWS: crate::i18n::Plural = crate::i18n::Plural {
    one: "строке",
    few: "строках",
    many: "строках",
    en_one: "row",
    en_many: "rows",
};

pub struct Options {
    /// The organisation receiving the records; default: the default one.
    pub org: Option<Id>,
    pub dry_run: bool,
    /// The sheet of a workbook (xlsx, xls, ods); default: the first.
    pub sheet: Option<String>,
    /// The date of the import: «Дата вхождения» where a row leaves it empty.
    pub today: NaiveDate,
    /// The language of the row errors.
    pub lang: crate::i18n::Lang,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// (what, how many) created or, on a dry run, that would be.
    pub created: Vec<(EntityKind, usize)>,
    pub notes: Vec<String>,
    /// The organisation made for the records, there being none: the edge
    /// says how to set its details.
    pub new_org: Option<String>,
    pub encoding: &'static str,
}

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("nothing imported: {} errors in the file", .0.len())]
    Rows(Vec<RowError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

enum Plan {
    Partners(Vec<Partner>),
    Documents(Vec<Document>),
    Mentors {
        partners: Vec<Partner>,
        mentors: Vec<(Mentor, Option<PartnerRef>)>,
    },
    Mentees(Vec<Mentee>),
    Pairs {
        programs: Vec<Program>,
        units: Vec<(Unit, Option<usize>)>,
    },
    /// Each meeting already carries its pair's organisation.
    Meetings(Vec<Meeting>),
}

pub(super) enum OrgTarget {
    Existing(Id),
    New(Box<Organisation>),
}

/// Checks the whole file and, unless it is a dry run, stores it in one
/// transaction. `progress` is told how many rows are done.
pub fn import_csv(
    store: &Store,
    base: Base,
    bytes: &[u8],
    opts: &Options,
    progress: &dyn Fn(u64),
) -> Result<Outcome, ImportError> {
    let lang = opts.lang;
    let t = table::read_sheet(bytes, opts.sheet.as_deref(), lang).map_err(ImportError::Rows)?;
    if t.rows.len() > MAX_ROWS {
        return Err(ImportError::Rows(vec![RowError::file(tr!(
            lang,
            "в файле {} строк, больше {MAX_ROWS}: разбейте его на части",
            "{} rows, more than {MAX_ROWS}: split the file",
            t.rows.len()
        ))]));
    }
    let super::layout::Settled {
        table: t,
        map,
        notes: layout_notes,
    } = super::layout::settle(t, &base.specs(), lang).map_err(ImportError::Rows)?;
    let ds = store.load()?;
    // Meetings belong to their pair's organisation: none is created for them.
    let org = match base {
        Base::Meetings => OrgTarget::Existing(0),
        _ => resolve_org(&ds, opts)?,
    };
    let org_id = match &org {
        OrgTarget::Existing(id) => *id,
        OrgTarget::New(_) => 0,
    };
    let mut outcome = Outcome {
        encoding: t.encoding,
        notes: layout_notes,
        ..Outcome::default()
    };
    if !map.ignored.is_empty() {
        outcome.notes.push(tr!(
            lang,
            "пропущены столбцы: {}",
            "ignored columns: {}",
            map.ignored.join(", ")
        ));
    }
    let mut unreasoned = 0;
    let (plan, errors, defaulted) = match base {
        Base::Partners => {
            let p = plan_partners(&t, &map, &ds, org_id, opts.lang);
            (Plan::Partners(p.records), p.errors, 0)
        }
        Base::Documents => {
            let p = plan_documents(&t, &map, &ds, org_id, opts.lang);
            (Plan::Documents(p.records), p.errors, 0)
        }
        Base::Mentors => {
            let (p, partners) = plan_mentors(&t, &map, &ds, org_id, opts.today, opts.lang);
            (
                Plan::Mentors {
                    partners,
                    mentors: p.records,
                },
                p.errors,
                p.joined_defaulted,
            )
        }
        Base::Mentees => {
            let p = plan_mentees(&t, &map, &ds, org_id, opts.today, opts.lang);
            (Plan::Mentees(p.records), p.errors, p.joined_defaulted)
        }
        Base::Pairs => {
            let p = plan_pairs(&t, &map, store, &ds, org_id, opts.lang)?;
            unreasoned = p.unreasoned;
            (
                Plan::Pairs {
                    programs: p.programs,
                    units: p.units,
                },
                p.errors,
                0,
            )
        }
        Base::Meetings => {
            let (meetings, errors) = super::meetings::plan_meetings(
                &t,
                &map,
                store,
                &ds,
                &store.timelines()?,
                opts.lang,
            )?;
            (Plan::Meetings(meetings), errors, 0)
        }
    };
    progress(t.rows.len() as u64 / 2);
    if !errors.is_empty() {
        let mut errors = errors;
        errors.sort_by_key(|e| e.line);
        return Err(ImportError::Rows(errors));
    }
    if defaulted > 0 {
        let rows = crate::i18n::count(defaulted as u64, lang, IN_ROWS);
        outcome.notes.push(tr!(
            lang,
            "«Дата вхождения» не указана в {rows}: записана дата импорта {}",
            "no joining date in {rows}: the import date {} is written",
            format_date(opts.today)
        ));
    }
    if unreasoned > 0 {
        outcome.notes.push(tr!(
            lang,
            "прекращённых пар без причины: {unreasoned}; записана причина «{}» (её можно уточнить в карточке пары)",
            "terminated pairs without a reason: {unreasoned}; the reason «{}» is written (it can be made precise in the pair's card)",
            super::pairs::REASON_NOT_GIVEN
        ));
    }
    if let OrgTarget::New(o) = &org {
        outcome.new_org = Some(o.name.clone());
    }
    outcome.created = counts(&plan);
    let rows = t.rows.len() as u64;
    drop(t);
    if !opts.dry_run {
        commit(store, &org, &plan, &|done| progress(rows / 2 + done / 2))?;
    }
    progress(rows);
    Ok(outcome)
}

pub(super) fn resolve_org(ds: &Dataset, opts: &Options) -> Result<OrgTarget, StoreError> {
    if let Some(id) = opts.org {
        return match ds.orgs.get(&id) {
            Some(o) if !o.archived => Ok(OrgTarget::Existing(id)),
            _ => Err(StoreError::NotFound {
                tree: "organisations",
                id,
            }),
        };
    }
    Ok(match ds.default_org() {
        Some(o) => OrgTarget::Existing(o.id),
        None => OrgTarget::New(Box::new(Organisation {
            name: "Моя организация".into(),
            academic_year: academic_year_label(opts.today),
            is_default: true,
            ..Organisation::default()
        })),
    })
}

fn counts(plan: &Plan) -> Vec<(EntityKind, usize)> {
    use EntityKind as K;
    match plan {
        Plan::Partners(p) => vec![(K::Partner, p.len())],
        Plan::Documents(d) => vec![(K::Document, d.len())],
        Plan::Mentors { partners, mentors } => {
            vec![(K::Mentor, mentors.len()), (K::Partner, partners.len())]
        }
        Plan::Mentees(m) => vec![(K::Mentee, m.len())],
        Plan::Pairs { programs, units } => {
            vec![(K::Unit, units.len()), (K::Program, programs.len())]
        }
        Plan::Meetings(m) => vec![(K::Meeting, m.len())],
    }
}

/// Stores the plan in batches of [`BATCH`] records, all or nothing (see
/// [`crate::store::batches`]): memory stays bounded whatever the file's size.
fn commit(
    store: &Store,
    org: &OrgTarget,
    plan: &Plan,
    progress: &dyn Fn(u64),
) -> Result<(), StoreError> {
    let b = store.batches(crate::store::Deed::Import)?;
    let org_id = b.write(|tx| match org {
        OrgTarget::Existing(id) => Ok(*id),
        OrgTarget::New(o) => tx.insert(&mut (**o).clone()),
    })?;
    // Inserts `records` in batches, each made into a record by `make`.
    fn each<T, E: crate::store::Entity>(
        b: &crate::store::batches::Batches,
        records: &[T],
        progress: &dyn Fn(u64),
        make: impl Fn(&T) -> E,
    ) -> Result<(), StoreError> {
        let mut done = 0;
        for chunk in records.chunks(BATCH) {
            b.write(|tx| {
                for r in chunk {
                    tx.insert(&mut make(r))?;
                }
                Ok(())
            })?;
            done += chunk.len() as u64;
            progress(done);
        }
        Ok(())
    }
    match plan {
        Plan::Partners(partners) => each(&b, partners, progress, |p| Partner {
            org_id,
            ..p.clone()
        })?,
        Plan::Mentors { partners, mentors } => {
            let partner_ids = b.write(|tx| {
                partners
                    .iter()
                    .map(|p| {
                        tx.insert(&mut Partner {
                            org_id,
                            ..p.clone()
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })?;
            each(&b, mentors, progress, |(m, partner)| Mentor {
                org_id,
                partner_id: match partner {
                    None => None,
                    Some(PartnerRef::Existing(id)) => Some(*id),
                    Some(PartnerRef::New(i)) => Some(partner_ids[*i]),
                },
                ..m.clone()
            })?;
        }
        Plan::Documents(documents) => each(&b, documents, progress, |d| Document {
            org_id,
            ..d.clone()
        })?,
        Plan::Mentees(mentees) => each(&b, mentees, progress, |m| Mentee {
            org_id,
            ..m.clone()
        })?,
        Plan::Meetings(meetings) => each(&b, meetings, progress, Meeting::clone)?,
        Plan::Pairs { programs, units } => {
            let program_ids = b.write(|tx| {
                programs
                    .iter()
                    .map(|p| {
                        tx.insert(&mut Program {
                            org_id,
                            ..p.clone()
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })?;
            each(&b, units, progress, |(u, program)| Unit {
                org_id,
                program_id: match program {
                    Some(i) => Some(program_ids[*i]),
                    None => u.program_id,
                },
                ..u.clone()
            })?;
        }
    }
    b.finish()
}
