//! CSV export of the bases with the same columns the import reads, so a
//! round trip through a spreadsheet works. UTF-8 with BOM and `;`, which is
//! what Russian Excel opens correctly; cells that a spreadsheet would run as
//! a formula are escaped.

use super::columns::Col;
use super::Base;
use crate::domain::*;
use crate::i18n::Lang;
use crate::schema::{document, meeting, mentee, mentor, partner, unit, Ctx, FieldSpec};

/// A mentor or mentee as the import names them: the full name, or `#id`
/// when the name is not unique among the live records of the organisation.
fn person_ref(name: &str, id: Id, same_name: usize) -> String {
    if same_name > 1 {
        format!("#{id}")
    } else {
        name.to_string()
    }
}

fn name_counts<'a>(
    names: impl Iterator<Item = &'a str>,
) -> std::collections::HashMap<String, usize> {
    let mut m = std::collections::HashMap::new();
    for n in names {
        *m.entry(crate::text::fold(n)).or_insert(0) += 1;
    }
    m
}

/// The rows of records of one schema, header first: each exchanged field
/// as its text, unless `special` writes that column itself.
pub fn rows_of<'a, R: 'static>(
    schema: &'static [FieldSpec<R>],
    records: impl Iterator<Item = &'a R>,
    ctx: &Ctx,
    special: impl Fn(&R, Col) -> Option<String>,
) -> Vec<Vec<String>> {
    let fields: Vec<&FieldSpec<R>> = crate::schema::exchanged(schema).collect();
    let mut out = vec![fields.iter().map(|f| f.headers[0].to_string()).collect()];
    for r in records {
        out.push(
            fields
                .iter()
                .map(|f| special(r, f.key).unwrap_or_else(|| f.text(r, ctx)))
                .collect(),
        );
    }
    out
}

fn no_special<R>(_: &R, _: Col) -> Option<String> {
    None
}

/// The rows of one base, header first, archived records too (marked in
/// their «Архив» column), so that a base goes out and comes back whole.
/// Files are in Russian, the language of the official forms.
pub fn rows(ds: &Dataset, base: Base) -> Vec<Vec<String>> {
    let ctx = Ctx { ds, lang: Lang::Ru };
    match base {
        Base::Mentors => rows_of(mentor::MENTOR, ds.mentors.values(), &ctx, no_special),
        Base::Mentees => rows_of(mentee::MENTEE, ds.mentees.values(), &ctx, no_special),
        Base::Partners => rows_of(partner::PARTNER, ds.partners.values(), &ctx, no_special),
        Base::Documents => rows_of(document::DOCUMENT, ds.documents.values(), &ctx, no_special),
        Base::Meetings => rows_of(meeting::MEETING, ds.meetings.values(), &ctx, no_special),
        Base::Pairs => {
            // Archived people are exported too: a name is unique among all.
            let all_mentors = name_counts(ds.mentors.values().map(|m| m.person.full_name.as_str()));
            let all_mentees = name_counts(ds.mentees.values().map(|m| m.person.full_name.as_str()));
            let named = |id: &Id, name: &str, counts: &std::collections::HashMap<String, usize>| {
                person_ref(
                    name,
                    *id,
                    counts.get(&crate::text::fold(name)).copied().unwrap_or(0),
                )
            };
            // People are named so that the import finds them again: by
            // name, or by #id where the name is not unique.
            rows_of(unit::UNIT, ds.units.values(), &ctx, |u, col| match col {
                Col::Mentors => Some(
                    u.mentors
                        .iter()
                        .map(|id| {
                            let name = ds.mentors.get(id).map_or("", |m| &m.person.full_name);
                            named(id, name, &all_mentors)
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                Col::Mentees => Some(
                    u.mentees
                        .iter()
                        .map(|id| {
                            let name = ds.mentees.get(id).map_or("", |m| &m.person.full_name);
                            named(id, name, &all_mentees)
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                _ => None,
            })
        }
    }
}

/// The CSV file's bytes.
pub fn to_csv(ds: &Dataset, base: Base) -> Vec<u8> {
    to_bytes(rows(ds, base))
}

/// Rows as a CSV file: every cell cleaned and guarded against formulas.
pub fn to_bytes(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| crate::text::excel_safe(&crate::text::sanitize(c, true)))
            .collect();
        w.write_record(&cells)
            .expect("writing to memory does not fail");
    }
    w.into_inner().expect("writing to memory does not fail")
}
