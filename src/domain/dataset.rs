//! Every record of a database in memory: what status, reports and matching
//! work on as plain functions.

use super::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    pub orgs: BTreeMap<Id, Organisation>,
    pub partners: BTreeMap<Id, Partner>,
    pub mentors: BTreeMap<Id, Mentor>,
    pub mentees: BTreeMap<Id, Mentee>,
    pub programs: BTreeMap<Id, Program>,
    pub units: BTreeMap<Id, Unit>,
    pub meetings: BTreeMap<Id, Meeting>,
    pub templates: BTreeMap<Id, SurveyTemplate>,
    pub responses: BTreeMap<Id, SurveyResponse>,
    pub roadmap: BTreeMap<Id, RoadmapItem>,
    pub documents: BTreeMap<Id, Document>,
}

impl Dataset {
    /// The organisation marked default, else the first one not archived.
    pub fn default_org(&self) -> Option<&Organisation> {
        let live = || self.orgs.values().filter(|o| !o.archived);
        live().find(|o| o.is_default).or_else(|| live().next())
    }

    /// How many distinct mentees each mentor has in live units (формируется
    /// or активна), the figure that capacity limits.
    pub fn mentor_loads(&self) -> BTreeMap<Id, u32> {
        let mut mentees_of: BTreeMap<Id, BTreeSet<Id>> = BTreeMap::new();
        for unit in self.units.values().filter(|u| u.is_live()) {
            for m in &unit.mentors {
                mentees_of
                    .entry(*m)
                    .or_default()
                    .extend(unit.mentees.iter().copied());
            }
        }
        mentees_of
            .into_iter()
            .map(|(k, v)| (k, v.len() as u32))
            .collect()
    }

    /// Mentees in a live unit (формируется or активна).
    pub fn paired_mentees(&self) -> BTreeSet<Id> {
        self.units
            .values()
            .filter(|u| u.is_live())
            .flat_map(|u| u.mentees.iter().copied())
            .collect()
    }

    /// Distinct mentees a mentor has in live units other than `except`: what
    /// capacity checks count besides the unit being edited.
    pub fn mentees_of_mentor_elsewhere(&self, mentor: Id, except: Id) -> u32 {
        let mentees: BTreeSet<Id> = self
            .units
            .values()
            .filter(|u| u.id != except && u.is_live() && u.mentors.contains(&mentor))
            .flat_map(|u| u.mentees.iter().copied())
            .collect();
        mentees.len() as u32
    }

    /// Units (pairs and groups, archived ones too) a mentor takes part in.
    pub fn units_of_mentor(&self, id: Id) -> impl Iterator<Item = &Unit> {
        self.units.values().filter(move |u| u.mentors.contains(&id))
    }

    pub fn units_of_mentee(&self, id: Id) -> impl Iterator<Item = &Unit> {
        self.units.values().filter(move |u| u.mentees.contains(&id))
    }

    /// «Mentors → mentees» of a unit by name, for lists and reports.
    pub fn unit_title(&self, u: &Unit) -> String {
        let side = |ids: &[Id], r: fn(Id) -> PersonRef| {
            ids.iter()
                .map(|id| self.person_name(r(*id)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "{} → {}",
            side(&u.mentors, PersonRef::Mentor),
            side(&u.mentees, PersonRef::Mentee)
        )
    }

    /// The order assigning a unit (приказ о закреплении): the document it
    /// names from the base, else the number and date typed on the unit.
    /// Empty number and no date: the unit has no order.
    pub fn order_of(&self, u: &Unit) -> (String, Option<chrono::NaiveDate>) {
        match u.order_id.and_then(|id| self.documents.get(&id)) {
            Some(d) => (d.number.trim().to_string(), d.date),
            None => (u.order_no.trim().to_string(), u.order_date),
        }
    }

    /// Whether a unit has its order, by number or by date.
    pub fn has_order(&self, u: &Unit) -> bool {
        let (number, date) = self.order_of(u);
        !number.is_empty() || date.is_some()
    }

    /// The people of one side of a unit, by name, for messages.
    pub fn person_name(&self, who: PersonRef) -> &str {
        match who {
            PersonRef::Mentor(id) => self.mentors.get(&id).map(|m| m.person.full_name.as_str()),
            PersonRef::Mentee(id) => self.mentees.get(&id).map(|m| m.person.full_name.as_str()),
            PersonRef::Curator(org) => self
                .orgs
                .get(&org)
                .map(|o| o.curator.as_str())
                .filter(|name| !name.trim().is_empty()),
        }
        .unwrap_or("?")
    }
}
