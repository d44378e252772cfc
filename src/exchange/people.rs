//! Rows of the bases of mentors, mentees and partners turned into records,
//! with duplicates (in the file or already in the database) refused.

use super::cells::Cells;
use super::columns::{Col, ColumnMap};
use super::table::Table;
use super::RowError;
use crate::domain::validate::{validate_mentee, validate_mentor, validate_partner, Issue};
use crate::domain::*;
use crate::i18n::Lang;
use crate::text::fold;
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

/// The column an issue of validation belongs to, for its message.
fn issue_col(issue: &Issue) -> Col {
    match issue.field {
        "birth_date" => Col::BirthDate,
        "grade" => Col::Grade,
        "joined" => Col::Joined,
        "partner_id" => Col::Partner,
        "capacity" => Col::Capacity,
        "consent" => Col::Consent,
        "name" => Col::Name,
        _ => Col::FullName,
    }
}

fn report_issues(c: &mut Cells, issues: Vec<Issue>) {
    for i in issues {
        c.fail(issue_col(&i), i.rule.message(Lang::Ru));
    }
}

/// Fills the fields mentors and mentees share.
fn read_person(c: &mut Cells, today: NaiveDate, defaulted: &mut usize) -> Person {
    let mut p = Person {
        full_name: c.required(Col::FullName),
        birth_date: c.date(Col::BirthDate),
        grade: c.grade(Col::Grade),
        experience_years: c.number(Col::Experience),
        workplace: c.text(Col::Workplace),
        position: c.text(Col::Position),
        contacts: c.text(Col::Contacts),
        guardian: c.text(Col::Guardian),
        interests: c.tags(Col::Interests),
        subjects: c.tags(Col::Subjects),
        forms: c.forms(Col::Forms),
        joined: c.date(Col::Joined),
        ..Person::default()
    };
    if let Some(date) = c.date(Col::Consent) {
        // A minor's written consent can only come from the legal
        // representative: that is how a dated consent of a minor is recorded.
        let by_guardian = p.is_minor_on(date);
        p.consent = Some(Consent { date, by_guardian });
    }
    if p.joined.is_none() {
        p.joined = Some(today);
        *defaulted += 1;
    }
    p
}

/// Refuses a person who appears twice in the file or is already in the
/// base: the same name (folded) and the same birth date.
struct Duplicates {
    seen: HashMap<(String, Option<NaiveDate>), String>,
}

impl Duplicates {
    fn new<'a>(existing: impl Iterator<Item = (Id, &'a Person)>) -> Self {
        let seen = existing
            .map(|(id, p)| {
                (
                    (fold(&p.full_name), p.birth_date),
                    format!("уже есть в базе (#{id}) / already in the base"),
                )
            })
            .collect();
        Duplicates { seen }
    }

    fn check(&mut self, c: &mut Cells, p: &Person, line: u64) {
        let key = (fold(&p.full_name), p.birth_date);
        if p.full_name.is_empty() {
            return;
        }
        match self.seen.get(&key) {
            Some(why) => c.fail(Col::FullName, format!("{} — {why}", p.full_name)),
            None => {
                self.seen
                    .insert(key, format!("повтор строки {line} / repeats line {line}"));
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
) -> (Planned<(Mentor, Option<PartnerRef>)>, Vec<Partner>) {
    let mut out = Planned {
        records: Vec::new(),
        errors: Vec::new(),
        joined_defaulted: 0,
    };
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
    );
    for row in &t.rows {
        let mut c = Cells::new(map, &t.headers, &row.cells);
        let person = read_person(&mut c, today, &mut out.joined_defaulted);
        let category = c.required_choice(
            Col::Category,
            MentorCategory::parse,
            MentorCategory::choices(Lang::Ru),
        );
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
        let mentor = Mentor {
            org_id: org,
            category: category.unwrap_or(MentorCategory::Teacher),
            // A placeholder id lets validation see that a partner is named.
            partner_id: partner.map(|_| Id::MAX),
            competencies: c.tags(Col::Competencies),
            achievements: c.text(Col::Achievements),
            capacity: c.number(Col::Capacity).unwrap_or(1),
            time_budget: c.number(Col::TimeBudget),
            preferred_age: c.age_range(Col::PreferredAge),
            person,
            ..Mentor::default()
        };
        if category.is_some() {
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
) -> Planned<Mentee> {
    let mut out = Planned {
        records: Vec::new(),
        errors: Vec::new(),
        joined_defaulted: 0,
    };
    let mut dups = Duplicates::new(
        ds.mentees
            .values()
            .filter(|m| m.org_id == org && !m.archived)
            .map(|m| (m.id, &m.person)),
    );
    for row in &t.rows {
        let mut c = Cells::new(map, &t.headers, &row.cells);
        let person = read_person(&mut c, today, &mut out.joined_defaulted);
        let category = c.required_choice(
            Col::Category,
            MenteeCategory::parse,
            MenteeCategory::choices(Lang::Ru),
        );
        let mentee = Mentee {
            org_id: org,
            category: category.unwrap_or(MenteeCategory::Pupil),
            request: c.tags(Col::Request),
            person,
            ..Mentee::default()
        };
        if category.is_some() {
            report_issues(&mut c, validate_mentee(&mentee));
        }
        dups.check(&mut c, &mentee.person, row.line);
        finish(c, row.line, mentee, &mut out);
    }
    out
}

pub fn plan_partners(t: &Table, map: &ColumnMap, ds: &Dataset, org: Id) -> Planned<Partner> {
    let mut out = Planned {
        records: Vec::new(),
        errors: Vec::new(),
        joined_defaulted: 0,
    };
    let mut seen: HashMap<String, String> = ds
        .partners
        .values()
        .filter(|p| p.org_id == org && !p.archived)
        .map(|p| {
            (
                fold(&p.name),
                format!("уже есть в базе (#{}) / already in the base", p.id),
            )
        })
        .collect();
    for row in &t.rows {
        let mut c = Cells::new(map, &t.headers, &row.cells);
        let partner = Partner {
            org_id: org,
            name: c.required(Col::Name),
            kind: c
                .choice(
                    Col::PartnerKind,
                    PartnerKind::parse,
                    PartnerKind::choices(Lang::Ru),
                    Some(PartnerKind::Enterprise),
                )
                .unwrap_or(PartnerKind::Enterprise),
            contacts: c.text(Col::Contacts),
            ..Partner::default()
        };
        report_issues(&mut c, validate_partner(&partner));
        let key = fold(&partner.name);
        if !partner.name.is_empty() {
            match seen.get(&key) {
                Some(why) => c.fail(Col::Name, format!("{} — {why}", partner.name)),
                None => {
                    seen.insert(
                        key,
                        format!("повтор строки {} / repeats line {}", row.line, row.line),
                    );
                }
            }
        }
        finish(c, row.line, partner, &mut out);
    }
    out
}
