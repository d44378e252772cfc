//! CSV export of the bases with the same columns the import reads, so a
//! round trip through a spreadsheet works. UTF-8 with BOM and `;`, which is
//! what Russian Excel opens correctly; cells that a spreadsheet would run as
//! a formula are escaped.

use super::columns::{Col, Spec};
use super::Base;
use crate::domain::dates::format_opt_date;
use crate::domain::*;
use crate::i18n::Lang;

fn join(tags: &[String]) -> String {
    tags.join("; ")
}

fn forms(f: &[Form]) -> String {
    f.iter()
        .map(|f| f.label(Lang::Ru))
        .collect::<Vec<_>>()
        .join("; ")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn person_cell(p: &Person, col: Col) -> Option<String> {
    Some(match col {
        Col::FullName => p.full_name.clone(),
        Col::BirthDate => format_opt_date(p.birth_date),
        Col::Grade => opt(p.grade.as_ref()),
        Col::Experience => opt(p.experience_years),
        Col::Workplace => p.workplace.clone(),
        Col::Position => p.position.clone(),
        Col::Contacts => p.contacts.clone(),
        Col::Guardian => p.guardian.clone(),
        Col::Interests => join(&p.interests),
        Col::Subjects => join(&p.subjects),
        Col::Forms => forms(&p.forms),
        Col::Consent => format_opt_date(p.consent.as_ref().map(|c| c.date)),
        Col::Joined => format_opt_date(p.joined),
        _ => return None,
    })
}

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

/// The rows of one base (archived records left out), header first.
pub fn rows(ds: &Dataset, base: Base) -> Vec<Vec<String>> {
    let specs: &[Spec] = base.specs();
    let mut out = vec![specs
        .iter()
        .map(|s| s.headers[0].to_string())
        .collect::<Vec<_>>()];
    let cells = |f: &dyn Fn(Col) -> String| specs.iter().map(|s| f(s.col)).collect::<Vec<_>>();
    match base {
        Base::Mentors => {
            for m in ds.mentors.values().filter(|m| !m.archived) {
                out.push(cells(&|col| {
                    person_cell(&m.person, col).unwrap_or_else(|| match col {
                        Col::Category => m.category.label(Lang::Ru).into(),
                        Col::Partner => opt(m
                            .partner_id
                            .and_then(|p| ds.partners.get(&p))
                            .map(|p| p.name.clone())),
                        Col::Competencies => join(&m.competencies),
                        Col::Achievements => m.achievements.clone(),
                        Col::Capacity => m.capacity.to_string(),
                        Col::PreferredAge => opt(m.preferred_age),
                        Col::TimeBudget => opt(m.time_budget),
                        _ => String::new(),
                    })
                }));
            }
        }
        Base::Mentees => {
            for m in ds.mentees.values().filter(|m| !m.archived) {
                out.push(cells(&|col| {
                    person_cell(&m.person, col).unwrap_or_else(|| match col {
                        Col::Category => m.category.label(Lang::Ru).into(),
                        Col::Request => join(&m.request),
                        _ => String::new(),
                    })
                }));
            }
        }
        Base::Partners => {
            for p in ds.partners.values().filter(|p| !p.archived) {
                out.push(cells(&|col| match col {
                    Col::Name => p.name.clone(),
                    Col::PartnerKind => p.kind.label(Lang::Ru).into(),
                    Col::Contacts => p.contacts.clone(),
                    _ => String::new(),
                }));
            }
        }
        Base::Meetings => {
            let names = |ids: &[Id], mentor: bool| {
                let who = |id: &Id| {
                    if mentor {
                        PersonRef::Mentor(*id)
                    } else {
                        PersonRef::Mentee(*id)
                    }
                };
                ids.iter()
                    .map(|id| ds.person_name(who(id)).to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            for m in ds.meetings.values().filter(|m| !m.archived) {
                let unit = ds.units.get(&m.unit_id);
                out.push(cells(&|col| match col {
                    Col::Pair => format!("#{}", m.unit_id),
                    Col::Mentor => unit.map(|u| names(&u.mentors, true)).unwrap_or_default(),
                    Col::Mentee => unit.map(|u| names(&u.mentees, false)).unwrap_or_default(),
                    Col::Date => crate::domain::dates::format_date(m.date),
                    Col::MeetingKind => m.kind.label(Lang::Ru).into(),
                    Col::Format => m.format.label(Lang::Ru).into(),
                    Col::Topic => m.topic.clone(),
                    Col::Outcome => m.outcome.clone(),
                    Col::MenteeMark => opt(m.feedback.mentee_mark),
                    Col::MentorMark => opt(m.feedback.mentor_mark),
                    _ => String::new(),
                }));
            }
        }
        Base::Pairs => {
            let live_mentors = name_counts(
                ds.mentors
                    .values()
                    .filter(|m| !m.archived)
                    .map(|m| m.person.full_name.as_str()),
            );
            let live_mentees = name_counts(
                ds.mentees
                    .values()
                    .filter(|m| !m.archived)
                    .map(|m| m.person.full_name.as_str()),
            );
            let mentor = |id: &Id| {
                let name = ds
                    .mentors
                    .get(id)
                    .map_or("", |m| m.person.full_name.as_str());
                person_ref(
                    name,
                    *id,
                    live_mentors
                        .get(&crate::text::fold(name))
                        .copied()
                        .unwrap_or(0),
                )
            };
            let mentee = |id: &Id| {
                let name = ds
                    .mentees
                    .get(id)
                    .map_or("", |m| m.person.full_name.as_str());
                person_ref(
                    name,
                    *id,
                    live_mentees
                        .get(&crate::text::fold(name))
                        .copied()
                        .unwrap_or(0),
                )
            };
            for u in ds.units.values().filter(|u| !u.archived) {
                out.push(cells(&|col| match col {
                    Col::Mentor => u.mentors.iter().map(mentor).collect::<Vec<_>>().join("; "),
                    Col::Mentee => u.mentees.iter().map(mentee).collect::<Vec<_>>().join("; "),
                    Col::Form => u.form.label(Lang::Ru).into(),
                    Col::RoleModel => u.role_model.clone(),
                    Col::MentoringKind => opt(u.kind.map(|k| k.label(Lang::Ru))),
                    Col::Start => format_opt_date(u.start),
                    Col::Status => u.status.label(Lang::Ru).into(),
                    Col::End => format_opt_date(u.end),
                    Col::Order => u.order_no.clone(),
                    Col::Program => opt(u
                        .program_id
                        .and_then(|p| ds.programs.get(&p))
                        .map(|p| p.name.clone())),
                    _ => String::new(),
                }));
            }
        }
    }
    out
}

/// The CSV file's bytes.
pub fn to_csv(ds: &Dataset, base: Base) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows(ds, base) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| crate::text::excel_safe(&crate::text::sanitize(c, true)))
            .collect();
        w.write_record(&cells)
            .expect("writing to memory does not fail");
    }
    w.into_inner().expect("writing to memory does not fail")
}
