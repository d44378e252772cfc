//! CSV import of a base: all or nothing. Every row is checked first; if any
//! is bad, nothing is stored and every bad row is listed.

use super::columns::match_headers;
use super::pairs::plan_pairs;
use super::people::{plan_mentees, plan_mentors, plan_partners, PartnerRef};
use super::{table, Base, RowError};
use crate::domain::dates::{academic_year_label, format_date};
use crate::domain::*;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use thiserror::Error;

pub struct Options {
    /// The organisation receiving the records; default: the default one.
    pub org: Option<Id>,
    pub dry_run: bool,
    /// The date of the import: «Дата вхождения» where a row leaves it empty.
    pub today: NaiveDate,
}

#[derive(Debug, Default)]
pub struct Outcome {
    /// (what, how many) created or, on a dry run, that would be.
    pub created: Vec<(&'static str, usize)>,
    pub notes: Vec<String>,
    pub encoding: &'static str,
}

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("ничего не импортировано: ошибок в файле — {} / nothing imported", .0.len())]
    Rows(Vec<RowError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

enum Plan {
    Partners(Vec<Partner>),
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

enum OrgTarget {
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
    let t = table::read(bytes).map_err(ImportError::Rows)?;
    let map = match_headers(&t.headers, base.specs()).map_err(ImportError::Rows)?;
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
        ..Outcome::default()
    };
    if !map.ignored.is_empty() {
        outcome.notes.push(format!(
            "пропущены столбцы / ignored columns: {}",
            map.ignored.join(", ")
        ));
    }
    let (plan, errors, defaulted) = match base {
        Base::Partners => {
            let p = plan_partners(&t, &map, &ds, org_id);
            (Plan::Partners(p.records), p.errors, 0)
        }
        Base::Mentors => {
            let (p, partners) = plan_mentors(&t, &map, &ds, org_id, opts.today);
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
            let p = plan_mentees(&t, &map, &ds, org_id, opts.today);
            (Plan::Mentees(p.records), p.errors, p.joined_defaulted)
        }
        Base::Pairs => {
            let p = plan_pairs(&t, &map, store, &ds, org_id)?;
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
            let (meetings, errors) =
                super::meetings::plan_meetings(&t, &map, store, &ds, &store.timelines()?)?;
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
        outcome.notes.push(format!(
            "«Дата вхождения» не указана в {defaulted} строках: записана дата импорта {} / joined date set to the import date",
            format_date(opts.today)
        ));
    }
    if let OrgTarget::New(o) = &org {
        outcome.notes.push(format!(
            "создана организация «{}»; задайте её данные: nastavnik org set / a default organisation was created",
            o.name
        ));
    }
    outcome.created = counts(&plan);
    if !opts.dry_run {
        commit(store, &org, &plan)?;
    }
    progress(t.rows.len() as u64);
    Ok(outcome)
}

fn resolve_org(ds: &Dataset, opts: &Options) -> Result<OrgTarget, StoreError> {
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

fn counts(plan: &Plan) -> Vec<(&'static str, usize)> {
    match plan {
        Plan::Partners(p) => vec![("partners", p.len())],
        Plan::Mentors { partners, mentors } => {
            vec![("mentors", mentors.len()), ("partners", partners.len())]
        }
        Plan::Mentees(m) => vec![("mentees", m.len())],
        Plan::Pairs { programs, units } => {
            vec![("pairs", units.len()), ("programs", programs.len())]
        }
        Plan::Meetings(m) => vec![("meetings", m.len())],
    }
}

fn commit(store: &Store, org: &OrgTarget, plan: &Plan) -> Result<(), StoreError> {
    store.write(|tx| {
        let org_id = match org {
            OrgTarget::Existing(id) => *id,
            OrgTarget::New(o) => tx.insert(&mut (**o).clone())?,
        };
        match plan {
            Plan::Partners(partners) => {
                for p in partners {
                    tx.insert(&mut Partner {
                        org_id,
                        ..p.clone()
                    })?;
                }
            }
            Plan::Mentors { partners, mentors } => {
                let mut partner_ids = Vec::with_capacity(partners.len());
                for p in partners {
                    partner_ids.push(tx.insert(&mut Partner {
                        org_id,
                        ..p.clone()
                    })?);
                }
                for (m, partner) in mentors {
                    let partner_id = match partner {
                        None => None,
                        Some(PartnerRef::Existing(id)) => Some(*id),
                        Some(PartnerRef::New(i)) => Some(partner_ids[*i]),
                    };
                    tx.insert(&mut Mentor {
                        org_id,
                        partner_id,
                        ..m.clone()
                    })?;
                }
            }
            Plan::Mentees(mentees) => {
                for m in mentees {
                    tx.insert(&mut Mentee {
                        org_id,
                        ..m.clone()
                    })?;
                }
            }
            Plan::Meetings(meetings) => {
                for m in meetings {
                    tx.insert(&mut m.clone())?;
                }
            }
            Plan::Pairs { programs, units } => {
                let mut program_ids = Vec::with_capacity(programs.len());
                for p in programs {
                    program_ids.push(tx.insert(&mut Program {
                        org_id,
                        ..p.clone()
                    })?);
                }
                for (u, program) in units {
                    let program_id = match program {
                        Some(i) => Some(program_ids[*i]),
                        None => u.program_id,
                    };
                    tx.insert(&mut Unit {
                        org_id,
                        program_id,
                        ..u.clone()
                    })?;
                }
            }
        }
        Ok(())
    })
}
