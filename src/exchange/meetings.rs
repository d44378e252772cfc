//! Rows of the meeting log: each names its pair by `#id` (Пара) or by its
//! mentor and mentee, and is checked before anything is stored.

use super::cells::Cells;
use super::columns::{Col, ColumnMap};
use super::table::Table;
use super::RowError;
use crate::domain::validate::validate_meeting;
use crate::domain::*;
use crate::i18n::Lang;
use crate::schema::{meeting::MEETING, Ctx, Problem};
use crate::store::{EntityKind, Store, StoreError};
use crate::tr;
use std::collections::HashSet;

/// The people a cell names: `#id`, or everyone with that full name.
fn ids_by_name(store: &Store, kind: EntityKind, name: &str) -> Result<HashSet<Id>, StoreError> {
    if let Some(id) = name
        .strip_prefix('#')
        .and_then(|n| n.trim().parse::<Id>().ok())
    {
        return Ok(HashSet::from([id]));
    }
    Ok(store.find_by_name(kind, name)?.into_iter().collect())
}

/// The pair a row means, or why it cannot be found.
fn find_unit(c: &mut Cells, store: &Store, ds: &Dataset) -> Result<Option<Id>, StoreError> {
    let pair = c.text(Col::Pair);
    if !pair.is_empty() {
        let id = pair
            .trim_start_matches('#')
            .trim()
            .parse::<Id>()
            .ok()
            // A pair in the archive keeps its meetings (a base coming back whole).
            .filter(|id| ds.units.contains_key(id));
        if id.is_none() {
            let msg = tr!(c.lang, "{pair}: нет такой пары", "{pair}: no such pair");
            c.fail(Col::Pair, msg);
        }
        return Ok(id);
    }
    let (mentor, mentee) = (c.text(Col::Mentors), c.text(Col::Mentees));
    if mentor.is_empty() || mentee.is_empty() {
        let msg = c.lang.pick(
            "укажите пару (#id) или наставника и наставляемого",
            "name the pair (#id), or its mentor and mentee",
        );
        c.fail(Col::Pair, msg);
        return Ok(None);
    }
    let mentors = ids_by_name(store, EntityKind::Mentor, &mentor)?;
    let mentees = ids_by_name(store, EntityKind::Mentee, &mentee)?;
    let of_both = |u: &&Unit| {
        u.mentors.iter().any(|m| mentors.contains(m))
            && u.mentees.iter().any(|e| mentees.contains(e))
    };
    // The live pair of the two; else one in the archive.
    let mut units: Vec<Id> = ds
        .units
        .values()
        .filter(of_both)
        .filter(|u| !u.archived)
        .map(|u| u.id)
        .collect();
    if units.is_empty() {
        units = ds.units.values().filter(of_both).map(|u| u.id).collect();
    }
    match units.as_slice() {
        [id] => Ok(Some(*id)),
        [] => {
            let msg = tr!(
                c.lang,
                "{mentor} → {mentee}: нет такой пары",
                "{mentor} → {mentee}: no such pair"
            );
            c.fail(Col::Mentees, msg);
            Ok(None)
        }
        many => {
            let list: Vec<String> = many.iter().map(|id| format!("#{id}")).collect();
            let msg = tr!(
                c.lang,
                "несколько пар ({}); укажите Пара = #id",
                "several pairs ({}); give Pair = #id",
                list.join(", ")
            );
            c.fail(Col::Pair, msg);
            Ok(None)
        }
    }
}

pub fn plan_meetings(
    t: &Table,
    map: &ColumnMap,
    store: &Store,
    ds: &Dataset,
    timelines: &Timelines,
    lang: Lang,
) -> Result<(Vec<Meeting>, Vec<RowError>), StoreError> {
    let ctx = Ctx { ds, lang };
    let mut planned = Vec::new();
    let mut errors = Vec::new();
    // (unit, date, kind) already logged, in the base or earlier in the file.
    let mut seen: HashSet<(Id, chrono::NaiveDate, MeetingKind)> = timelines
        .iter()
        .flat_map(|(u, list)| {
            list.iter()
                .filter(|b| !b.archived)
                .map(move |b| (*u, b.date, b.kind))
        })
        .collect();
    for row in &t.rows {
        let mut c = Cells::new(map, &t.headers, &row.cells, lang);
        let unit = find_unit(&mut c, store, ds)?;
        let mut meeting = Meeting {
            kind: MeetingKind::Working,
            format: MeetingFormat::InPerson,
            ..Meeting::default()
        };
        // The pair is found above, by #id or by both names.
        c.read_all(
            MEETING,
            &mut meeting,
            &ctx,
            &[Col::Pair, Col::Mentors, Col::Mentees],
        );
        for issue in validate_meeting(&meeting) {
            c.problem(issue.field, Problem::Rule(issue.rule));
        }
        let date = (!c.has_failed(Col::Date)).then_some(meeting.date);
        let kind = (!c.has_failed(Col::MeetingKind)).then_some(meeting.kind);
        if let (Some(u), Some(d), Some(k)) = (unit, date, kind) {
            if !seen.insert((u, d, k)) {
                let msg = tr!(
                    c.lang,
                    "пара #{u}: такая встреча {} уже есть",
                    "pair #{u}: a meeting on {} is already logged",
                    crate::domain::dates::format_date(d)
                );
                c.fail(Col::Date, msg);
            }
        }
        match (unit.and_then(|u| ds.units.get(&u)), c.errors.is_empty()) {
            (Some(u), true) => planned.push(Meeting {
                org_id: u.org_id,
                unit_id: u.id,
                attendees: u.people().collect(),
                ..meeting
            }),
            _ => errors.extend(c.errors.into_iter().map(|m| RowError::at(row.line, m))),
        }
    }
    Ok((planned, errors))
}
