//! Rows of the bases of mentors, mentees, partners and documents turned into records,
//! with duplicates (in the file or already in the database) refused.

use super::cells::Cells;
use super::columns::{Col, ColumnMap};
use super::table::Table;
use super::RowError;
use crate::domain::validate::{
    validate_document, validate_mentee, validate_mentor, validate_partner, Issue,
};
use crate::domain::*;
use crate::i18n::Lang;
use crate::schema::document::DOCUMENT;
use crate::schema::{mentee::MENTEE, mentor::MENTOR, partner::PARTNER, Ctx, Problem};
use crate::text::fold;
use crate::tr;
use chrono::NaiveDate;
use std::collections::HashMap;

/// Where a mentor's partner organisation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerRef {
    Existing(Id),
    /// The n-th partner created by this import.
    New(usize),
}

pub struct Planned<T> {
    pub records: Vec<T>,
    pub errors: Vec<RowError>,
    /// Rows whose «Дата вхождения» was empty and took the import date.
    pub joined_defaulted: usize,
}

/// Validation issues, each on the column of its field.
fn report_issues(c: &mut Cells, issues: Vec<Issue>) {
    for i in issues {
        c.problem(i.field, Problem::Rule(i.rule));
    }
}

/// What the file leaves to the import: a minor's dated consent is the legal
/// representative's (that is how it is recorded), and an empty «Дата
/// вхождения» is the import date.
fn complete_person(p: &mut Person, today: NaiveDate, defaulted: &mut usize) {
    let minor = p.consent.as_ref().is_some_and(|c| p.is_minor_on(c.date));
    if let Some(c) = &mut p.consent {
        c.by_guardian = minor;
    }
    if p.joined.is_none() {
        p.joined = Some(today);
        *defaulted += 1;
    }
}

/// Refuses a person who appears twice in the file or is already in the
/// base: the same name (folded) and the same birth date.
struct Duplicates {
    seen: HashMap<(String, Option<NaiveDate>), String>,
    lang: Lang,
}

fn in_base(id: Id, lang: Lang) -> String {
    tr!(
        lang,
        "уже есть в базе (#{id})",
        "already in the base (#{id})"
    )
}

fn repeats(line: u64, lang: Lang) -> String {
    tr!(lang, "повтор строки {line}", "repeats line {line}")
}

impl Duplicates {
    fn new<'a>(existing: impl Iterator<Item = (Id, &'a Person)>, lang: Lang) -> Self {
        let seen = existing
            .map(|(id, p)| ((fold(&p.full_name), p.birth_date), in_base(id, lang)))
            .collect();
        Duplicates { seen, lang }
    }

    fn check(&mut self, c: &mut Cells, p: &Person, line: u64) {
        let key = (fold(&p.full_name), p.birth_date);
        if p.full_name.is_empty() {
            return;
        }
        match self.seen.get(&key) {
            Some(why) => c.fail(Col::FullName, format!("{} — {why}", p.full_name)),
            None => {
                self.seen.insert(key, repeats(line, self.lang));
            }
        }
    }
}

fn finish<T>(c: Cells, line: u64, record: T, out: &mut Planned<T>) {
    if c.errors.is_empty() {
        out.records.push(record);
    } else {
        out.errors
            .extend(c.errors.into_iter().map(|m| RowError::at(line, m)));
    }
}

pub fn plan_mentors(
    t: &Table,
    map: &ColumnMap,
    ds: &Dataset,
    org: Id,
    today: NaiveDate,
    lang: Lang,
) -> (Planned<(Mentor, Option<PartnerRef>)>, Vec<Partner>) {
    let mut out = Planned {
        records: Vec::new(),
        errors: Vec::new(),
        joined_defaulted: 0,
    };
    let ctx = Ctx { ds, lang };
    let mut new_partners: Vec<Partner> = Vec::new();
    let existing_partners: HashMap<String, Id> = ds
        .partners
        .values()
        .filter(|p| p.org_id == org && !p.archived)
        .map(|p| (fold(&p.name), p.id))
        .collect();
    let mut dups = Duplicates::new(
        ds.mentors
            .values()
            .filter(|m| m.org_id == org && !m.archived)
            .map(|m| (m.id, &m.person)),
        lang,
    );
    for row in &t.rows {
        let mut c = Cells::new(map, &t.headers, &row.cells, lang);
        let mut mentor = Mentor {
            org_id: org,
            ..Mentor::default()
        };
        // A partner named in the file is found in this organisation, or
        // created with the import.
        c.read_all(MENTOR, &mut mentor, &ctx, &[Col::Partner]);
        complete_person(&mut mentor.person, today, &mut out.joined_defaulted);
        let partner_name = c.text(Col::Partner);
        let partner = (!partner_name.is_empty()).then(|| {
            let key = fold(&partner_name);
            existing_partners
                .get(&key)
                .map(|id| PartnerRef::Existing(*id))
                .unwrap_or_else(|| {
                    let i = new_partners
                        .iter()
                        .position(|p| fold(&p.name) == key)
                        .unwrap_or_else(|| {
                            new_partners.push(Partner {
                                org_id: org,
                                name: partner_name.clone(),
                                ..Partner::default()
                            });
                            new_partners.len() - 1
                        });
                    PartnerRef::New(i)
                })
        });
        // A placeholder id lets validation see that a partner is named.
        mentor.partner_id = partner.map(|_| Id::MAX);
        if !c.has_failed(Col::Category) {
            report_issues(&mut c, validate_mentor(&mentor));
        }
        dups.check(&mut c, &mentor.person, row.line);
        finish(c, row.line, (mentor, partner), &mut out);
    }
    (out, new_partners)
}

pub fn plan_mentees(
    t: &Table,
    map: &ColumnMap,
    ds: &Dataset,
    org: Id,
    today: NaiveDate,
    lang: Lang,
) -> Planned<Mentee> {
    let mut out = Planned {
        records: Vec::new(),
        errors: Vec::new(),
        joined_defaulted: 0,
    };
    let ctx = Ctx { ds, lang };
    let mut dups = Duplicates::new(
        ds.mentees
            .values()
            .filter(|m| m.org_id == org && !m.archived)
            .map(|m| (m.id, &m.person)),
        lang,
    );
    for row in &t.rows {
        let mut c = Cells::new(map, &t.headers, &row.cells, lang);
        let mut mentee = Mentee {
            org_id: org,
            ..Mentee::default()
        };
        c.read_all(MENTEE, &mut mentee, &ctx, &[]);
        complete_person(&mut mentee.person, today, &mut out.joined_defaulted);
        if !c.has_failed(Col::Category) {
            report_issues(&mut c, validate_mentee(&mentee));
        }
        dups.check(&mut c, &mentee.person, row.line);
        finish(c, row.line, mentee, &mut out);
    }
    out
}

/// Documents of the program: one that is already in the base (the same
/// kind, number and date) or repeats a row is refused.
pub fn plan_documents(
    t: &Table,
    map: &ColumnMap,
    ds: &Dataset,
    org: Id,
    lang: Lang,
) -> Planned<Document> {
    let ctx = Ctx { ds, lang };
    let mut out = Planned {
        records: Vec::new(),
        errors: Vec::new(),
        joined_defaulted: 0,
    };
    // A document is known by its number and date; one without them (a page
    // of the site) by its title and link.
    let key = |d: &Document| match d.number.trim().is_empty() && d.date.is_none() {
        false => (d.kind, fold(&d.number), d.date, String::new()),
        true => (
            d.kind,
            String::new(),
            None,
            fold(&format!("{} {}", d.title, d.link)),
        ),
    };
    let mut seen: HashMap<_, String> = ds
        .documents
        .values()
        .filter(|d| d.org_id == org && !d.archived)
        .map(|d| (key(d), in_base(d.id, lang)))
        .collect();
    for row in &t.rows {
        let mut c = Cells::new(map, &t.headers, &row.cells, lang);
        let mut doc = Document {
            org_id: org,
            ..Document::default()
        };
        c.read_all(DOCUMENT, &mut doc, &ctx, &[]);
        report_issues(&mut c, validate_document(&doc));
        if c.errors.is_empty() {
            match seen.get(&key(&doc)) {
                Some(why) => c.fail(Col::Number, format!("{} — {why}", doc.requisites())),
                None => {
                    seen.insert(key(&doc), repeats(row.line, lang));
                }
            }
        }
        finish(c, row.line, doc, &mut out);
    }
    out
}

pub fn plan_partners(
    t: &Table,
    map: &ColumnMap,
    ds: &Dataset,
    org: Id,
    lang: Lang,
) -> Planned<Partner> {
    let ctx = Ctx { ds, lang };
    let mut out = Planned {
        records: Vec::new(),
        errors: Vec::new(),
        joined_defaulted: 0,
    };
    let mut seen: HashMap<String, String> = ds
        .partners
        .values()
        .filter(|p| p.org_id == org && !p.archived)
        .map(|p| (fold(&p.name), in_base(p.id, lang)))
        .collect();
    for row in &t.rows {
        let mut c = Cells::new(map, &t.headers, &row.cells, lang);
        let mut partner = Partner {
            org_id: org,
            kind: PartnerKind::Enterprise,
            ..Partner::default()
        };
        c.read_all(PARTNER, &mut partner, &ctx, &[]);
        report_issues(&mut c, validate_partner(&partner));
        let key = fold(&partner.name);
        if !partner.name.is_empty() {
            match seen.get(&key) {
                Some(why) => c.fail(Col::Name, format!("{} — {why}", partner.name)),
                None => {
                    seen.insert(key, repeats(row.line, lang));
                }
            }
        }
        finish(c, row.line, partner, &mut out);
    }
    out
}
