//! Every reference one record makes to another, and the ones that point at
//! nothing: what `check` reports and what a restore refuses.

use super::*;

/// A reference to a record that is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dangling {
    /// The record that refers: «units #3».
    pub from: (&'static str, Id),
    /// What it names: «mentees #424242».
    pub to: (&'static str, Id),
}

impl std::fmt::Display for Dangling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} #{} → {} #{}",
            self.from.0, self.from.1, self.to.0, self.to.1
        )
    }
}

/// The references that point at no record, in record order. Organisation 0
/// stands for «shared» (questionnaire templates) and is no reference.
pub fn dangling(ds: &Dataset) -> Vec<Dangling> {
    let mut out = Vec::new();
    let mut check = |from: (&'static str, Id), to: (&'static str, Id), exists: bool| {
        if !exists {
            out.push(Dangling { from, to });
        }
    };
    let org = |id: Id| id == 0 || ds.orgs.contains_key(&id);
    let person = |p: &PersonRef| match p {
        PersonRef::Mentor(id) => ("mentors", *id, ds.mentors.contains_key(id)),
        PersonRef::Mentee(id) => ("mentees", *id, ds.mentees.contains_key(id)),
        PersonRef::Curator(id) => ("organisations", *id, org(*id)),
    };
    for p in ds.partners.values() {
        check(
            ("partners", p.id),
            ("organisations", p.org_id),
            org(p.org_id),
        );
    }
    for p in ds.programs.values() {
        check(
            ("programs", p.id),
            ("organisations", p.org_id),
            org(p.org_id),
        );
    }
    for d in ds.documents.values() {
        check(
            ("documents", d.id),
            ("organisations", d.org_id),
            org(d.org_id),
        );
    }
    for m in ds.mentors.values() {
        let from = ("mentors", m.id);
        check(from, ("organisations", m.org_id), org(m.org_id));
        if let Some(p) = m.partner_id {
            check(from, ("partners", p), ds.partners.contains_key(&p));
        }
        for w in &m.person.wishes {
            check(from, ("mentees", *w), ds.mentees.contains_key(w));
        }
    }
    for m in ds.mentees.values() {
        let from = ("mentees", m.id);
        check(from, ("organisations", m.org_id), org(m.org_id));
        for w in m.person.wishes.iter().chain(&m.matching.rejected) {
            check(from, ("mentors", *w), ds.mentors.contains_key(w));
        }
        if let Some(l) = m.matching.locked {
            check(from, ("mentors", l), ds.mentors.contains_key(&l));
        }
    }
    for u in ds.units.values() {
        let from = ("units", u.id);
        check(from, ("organisations", u.org_id), org(u.org_id));
        if let Some(d) = u.order_id {
            check(from, ("documents", d), ds.documents.contains_key(&d));
        }
        for m in &u.mentors {
            check(from, ("mentors", *m), ds.mentors.contains_key(m));
        }
        for m in &u.mentees {
            check(from, ("mentees", *m), ds.mentees.contains_key(m));
        }
        if let Some(p) = u.program_id {
            check(from, ("programs", p), ds.programs.contains_key(&p));
        }
    }
    for m in ds.meetings.values() {
        let from = ("meetings", m.id);
        check(from, ("organisations", m.org_id), org(m.org_id));
        check(
            from,
            ("units", m.unit_id),
            ds.units.contains_key(&m.unit_id),
        );
        for a in &m.attendees {
            let (kind, id, exists) = person(a);
            check(from, (kind, id), exists);
        }
    }
    for t in ds.templates.values() {
        check(
            ("survey_templates", t.id),
            ("organisations", t.org_id),
            org(t.org_id),
        );
    }
    for r in ds.responses.values() {
        let from = ("survey_responses", r.id);
        check(from, ("organisations", r.org_id), org(r.org_id));
        check(
            from,
            ("survey_templates", r.template_id),
            ds.templates.contains_key(&r.template_id),
        );
        let (kind, id, exists) = person(&r.respondent);
        check(from, (kind, id), exists);
        if let Some(u) = r.unit_id {
            check(from, ("units", u), ds.units.contains_key(&u));
        }
        if let Some(p) = r.program_id {
            check(from, ("programs", p), ds.programs.contains_key(&p));
        }
    }
    for i in ds.roadmap.values() {
        check(
            ("roadmap", i.id),
            ("organisations", i.org_id),
            org(i.org_id),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_naming_a_missing_mentee_is_found() {
        let mut ds = Dataset::default();
        ds.orgs.insert(
            1,
            Organisation {
                id: 1,
                ..Organisation::default()
            },
        );
        ds.mentors.insert(
            1,
            Mentor {
                id: 1,
                org_id: 1,
                ..Mentor::default()
            },
        );
        ds.units.insert(
            3,
            Unit {
                id: 3,
                org_id: 1,
                mentors: vec![1],
                mentees: vec![424242],
                ..Unit::default()
            },
        );
        let found = dangling(&ds);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].to_string(), "units #3 → mentees #424242");
    }
}
