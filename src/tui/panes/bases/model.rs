//! The Bases pane's model: which records show, in which order, with which
//! columns. Pure functions of the data and the pane's query.

use crate::domain::*;
use crate::i18n::Lang;
use crate::schema::FieldSpec;
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Mentors,
    Mentees,
    Programs,
    Partners,
    Documents,
    Organisations,
}

impl Section {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Section::Mentors => lang.pick("Наставники", "Mentors"),
            Section::Mentees => lang.pick("Наставляемые", "Mentees"),
            Section::Programs => lang.pick("Программы", "Programs"),
            Section::Partners => lang.pick("Партнёры", "Partners"),
            Section::Documents => lang.pick("Документы", "Documents"),
            Section::Organisations => lang.pick("Организации", "Organisations"),
        }
    }

    /// The kind of record the section lists.
    pub fn kind(self) -> crate::store::EntityKind {
        use crate::store::EntityKind;
        match self {
            Section::Mentors => EntityKind::Mentor,
            Section::Mentees => EntityKind::Mentee,
            Section::Programs => EntityKind::Program,
            Section::Partners => EntityKind::Partner,
            Section::Documents => EntityKind::Document,
            Section::Organisations => EntityKind::Organisation,
        }
    }

    /// Whom an erasure of record `id` of this section erases: people and
    /// partners have personal data, other sections none.
    pub fn subject(self, id: Id) -> Option<crate::store::erase::Subject> {
        use crate::store::erase::Subject;
        match self {
            Section::Mentors => Some(Subject::Mentor(id)),
            Section::Mentees => Some(Subject::Mentee(id)),
            Section::Partners => Some(Subject::Partner(id)),
            Section::Programs | Section::Documents | Section::Organisations => None,
        }
    }

    /// The sections shown; Организации once there is one, so that its
    /// settings are at hand for a single school too.
    pub fn visible(ds: &Dataset) -> Vec<Section> {
        let mut v = vec![
            Section::Mentors,
            Section::Mentees,
            Section::Programs,
            Section::Partners,
            Section::Documents,
        ];
        if !ds.orgs.is_empty() {
            v.push(Section::Organisations);
        }
        v
    }
}

/// What the table shows of a section: the rows are made again only when it
/// changes (with 10,000 records a key press must not rebuild them all).
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub version: u64,
    pub section: Section,
    pub search: String,
    /// 0 = no filter, else the n-th value of the section's filter list.
    pub filter: usize,
    pub archived: bool,
    /// The column and whether the order is reversed.
    pub sort: (usize, bool),
    /// Only this organisation's records (None: all).
    pub org: Option<Id>,
}

/// A column: header, the width it wants, how important it is (lower shows
/// first when space is short), and whether it takes the width left over.
pub struct Column {
    pub header: &'static str,
    pub width: u16,
    pub priority: u8,
    pub fill: bool,
}

const fn col(header: &'static str, width: u16, priority: u8, fill: bool) -> Column {
    Column {
        header,
        width,
        priority,
        fill,
    }
}

/// The column of a field: its short label from the schema.
fn field<R>(
    schema: &'static [FieldSpec<R>],
    key: FieldKey,
    lang: Lang,
    width: u16,
    priority: u8,
    fill: bool,
) -> Column {
    let header = crate::schema::find(schema, key).map_or("?", |f| f.short_label(lang));
    col(header, width, priority, fill)
}

/// The table of each section: fields of the record (labels from the
/// schema) and a few counts worked out from the other records.
pub fn columns(section: Section, lang: Lang) -> Vec<Column> {
    use crate::schema::{document::DOCUMENT, partner::PARTNER, program::PROGRAM};
    use crate::schema::{mentee::MENTEE, mentor::MENTOR, organisation::ORGANISATION};
    use FieldKey as K;
    let derived = |ru, en, width, priority| col(lang.pick(ru, en), width, priority, false);
    match section {
        Section::Mentors => vec![
            col("#", 5, 0, false),
            field(MENTOR, K::FullName, lang, 24, 0, true),
            field(MENTOR, K::Category, lang, 13, 1, false),
            derived("Нагрузка", "Load", 8, 1),
            field(MENTOR, K::Competencies, lang, 20, 2, true),
            field(MENTOR, K::Consent, lang, 5, 3, false),
        ],
        Section::Mentees => vec![
            col("#", 5, 0, false),
            field(MENTEE, K::FullName, lang, 24, 0, true),
            field(MENTEE, K::Category, lang, 13, 1, false),
            field(MENTEE, K::Grade, lang, 5, 2, false),
            field(MENTEE, K::Request, lang, 20, 2, true),
            derived("Пара", "Pair", 4, 1),
            field(MENTEE, K::Consent, lang, 5, 3, false),
        ],
        Section::Programs => vec![
            col("#", 5, 0, false),
            field(PROGRAM, K::Name, lang, 30, 0, true),
            field(PROGRAM, K::Form, lang, 22, 1, false),
            derived("Пар", "Pairs", 4, 1),
            derived("Период", "Period", 21, 2),
        ],
        Section::Partners => vec![
            col("#", 5, 0, false),
            field(PARTNER, K::Name, lang, 30, 0, true),
            field(PARTNER, K::PartnerKind, lang, 14, 1, false),
            derived("Наставн.", "Mentors", 8, 1),
            field(PARTNER, K::Contacts, lang, 16, 2, true),
        ],
        Section::Documents => vec![
            col("#", 5, 0, false),
            field(DOCUMENT, K::DocumentKind, lang, 24, 0, true),
            field(DOCUMENT, K::Number, lang, 8, 1, false),
            field(DOCUMENT, K::Date, lang, 10, 1, false),
            field(DOCUMENT, K::Title, lang, 16, 2, true),
            field(DOCUMENT, K::Link, lang, 16, 3, true),
        ],
        Section::Organisations => vec![
            col("#", 5, 0, false),
            field(ORGANISATION, K::Name, lang, 30, 0, true),
            field(ORGANISATION, K::Curator, lang, 20, 1, true),
            field(ORGANISATION, K::AcademicYear, lang, 9, 2, false),
        ],
    }
}

/// The columns that fit `width` (by priority), and their widths with the
/// space left over shared by the fill columns.
pub fn fit(columns: &[Column], width: u16) -> Vec<(usize, u16)> {
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0u16;
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|i| columns[*i].priority);
    for i in order {
        let need = columns[i].width + u16::from(!chosen.is_empty());
        if used + need <= width {
            chosen.push(i);
            used += need;
        }
    }
    chosen.sort_unstable();
    let fills = chosen.iter().filter(|i| columns[**i].fill).count() as u16;
    let spare = width.saturating_sub(used);
    let last_fill = chosen.iter().rposition(|j| columns[*j].fill);
    chosen
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let c = &columns[*i];
            let mut w = c.width;
            if c.fill {
                w += spare / fills;
                if Some(n) == last_fill {
                    w += spare % fills;
                }
            }
            (*i, w)
        })
        .collect()
}

/// The filter values of a section (the first is «all»). For people:
/// each category, each form of mentoring, then in a live pair or not.
pub fn filters(section: Section, lang: Lang) -> Vec<String> {
    let mut v = vec![lang.pick("все", "all").to_string()];
    let forms: Vec<String> = Form::ALL
        .iter()
        .map(|f| f.label(lang).to_string())
        .collect();
    let paired = vec![
        lang.pick("в паре", "in a pair").to_string(),
        lang.pick("без пары", "without a pair").to_string(),
    ];
    match section {
        Section::Mentors => {
            v.extend(
                MentorCategory::ALL
                    .iter()
                    .map(|c| c.label(lang).to_string()),
            );
            v.extend(forms);
            v.extend(paired);
        }
        Section::Mentees => {
            v.extend(
                MenteeCategory::ALL
                    .iter()
                    .map(|c| c.label(lang).to_string()),
            );
            v.extend(forms);
            v.extend(paired);
        }
        Section::Programs => v.extend(forms),
        Section::Partners => v.extend(PartnerKind::ALL.iter().map(|c| c.label(lang).to_string())),
        Section::Documents => v.extend(DocumentKind::ALL.iter().map(|c| c.label(lang).to_string())),
        Section::Organisations => {}
    }
    v
}

/// A person's filter values: their category, their forms, and whether
/// they are in a live pair (the order of [`filters`]).
fn person_filters(category: usize, categories: usize, p: &Person, paired: bool) -> Vec<usize> {
    let mut v = vec![category];
    v.extend(p.forms.iter().map(|f| categories + position(Form::ALL, f)));
    v.push(categories + Form::ALL.len() + if paired { 1 } else { 2 });
    v
}

/// One table row: the record's id, its cells, and the text search looks in.
pub struct RowData {
    pub id: Id,
    /// The organisation the record belongs to (an organisation's own id).
    pub org_id: Id,
    pub cells: Vec<String>,
    pub haystack: String,
    /// The section's filter values (1-based indexes) this record matches.
    pub filter_values: Vec<usize>,
    pub archived: bool,
}

fn yes(b: bool) -> String {
    if b {
        "✓".into()
    } else {
        "—".into()
    }
}

fn position<T: PartialEq>(all: &[T], v: &T) -> usize {
    all.iter().position(|x| x == v).map_or(0, |i| i + 1)
}

pub fn all_rows(ds: &Dataset, section: Section, lang: Lang) -> Vec<RowData> {
    let org_name = |id: Id| ds.orgs.get(&id).map(|o| o.name.as_str()).unwrap_or("");
    match section {
        Section::Mentors => {
            let loads = ds.mentor_loads();
            ds.mentors
                .values()
                .map(|m| RowData {
                    id: m.id,
                    org_id: m.org_id,
                    cells: vec![
                        m.id.to_string(),
                        m.person.full_name.clone(),
                        m.category.label(lang).into(),
                        format!("{}/{}", loads.get(&m.id).copied().unwrap_or(0), m.capacity),
                        m.competencies.join(", "),
                        yes(m.person.consent.is_some()),
                    ],
                    haystack: fold(&format!(
                        "{} {} {} {} {}",
                        m.person.full_name,
                        m.competencies.join(" "),
                        m.person.interests.join(" "),
                        m.person.subjects.join(" "),
                        org_name(m.org_id)
                    )),
                    filter_values: person_filters(
                        position(MentorCategory::ALL, &m.category),
                        MentorCategory::ALL.len(),
                        &m.person,
                        loads.contains_key(&m.id),
                    ),
                    archived: m.archived,
                })
                .collect()
        }
        Section::Mentees => {
            let paired = ds.paired_mentees();
            ds.mentees
                .values()
                .map(|m| RowData {
                    id: m.id,
                    org_id: m.org_id,
                    cells: vec![
                        m.id.to_string(),
                        m.person.full_name.clone(),
                        m.category.label(lang).into(),
                        m.person
                            .grade
                            .as_ref()
                            .map(|g| g.to_string())
                            .unwrap_or_default(),
                        m.request.join(", "),
                        yes(paired.contains(&m.id)),
                        yes(m.person.consent.is_some()),
                    ],
                    haystack: fold(&format!(
                        "{} {} {} {} {}",
                        m.person.full_name,
                        m.request.join(" "),
                        m.person.interests.join(" "),
                        m.person.subjects.join(" "),
                        org_name(m.org_id)
                    )),
                    filter_values: person_filters(
                        position(MenteeCategory::ALL, &m.category),
                        MenteeCategory::ALL.len(),
                        &m.person,
                        paired.contains(&m.id),
                    ),
                    archived: m.archived,
                })
                .collect()
        }
        Section::Programs => ds
            .programs
            .values()
            .map(|p| RowData {
                id: p.id,
                org_id: p.org_id,
                cells: vec![
                    p.id.to_string(),
                    p.name.clone(),
                    p.form
                        .map(|f| f.label(lang).to_string())
                        .unwrap_or_default(),
                    ds.units
                        .values()
                        .filter(|u| u.program_id == Some(p.id) && !u.archived)
                        .count()
                        .to_string(),
                    format!(
                        "{}–{}",
                        crate::domain::dates::format_opt_date(p.start),
                        crate::domain::dates::format_opt_date(p.end)
                    ),
                ],
                haystack: fold(&format!("{} {} {}", p.name, p.goals, org_name(p.org_id))),
                filter_values: p
                    .form
                    .map(|f| position(Form::ALL, &f))
                    .into_iter()
                    .collect(),
                archived: p.archived,
            })
            .collect(),
        Section::Partners => ds
            .partners
            .values()
            .map(|p| RowData {
                id: p.id,
                org_id: p.org_id,
                cells: vec![
                    p.id.to_string(),
                    p.name.clone(),
                    p.kind.label(lang).into(),
                    ds.mentors
                        .values()
                        .filter(|m| m.partner_id == Some(p.id) && !m.archived)
                        .count()
                        .to_string(),
                    p.contacts.clone(),
                ],
                haystack: fold(&format!("{} {} {}", p.name, p.contacts, org_name(p.org_id))),
                filter_values: vec![position(PartnerKind::ALL, &p.kind)],
                archived: p.archived,
            })
            .collect(),
        Section::Documents => ds
            .documents
            .values()
            .map(|d| RowData {
                id: d.id,
                org_id: d.org_id,
                cells: vec![
                    d.id.to_string(),
                    d.kind.label(lang).into(),
                    d.number.clone(),
                    crate::domain::dates::format_opt_date(d.date),
                    d.title.clone(),
                    d.link.clone(),
                ],
                haystack: fold(&format!(
                    "{} {} {} {} {}",
                    d.kind.label(lang),
                    d.number,
                    d.title,
                    d.note,
                    org_name(d.org_id)
                )),
                filter_values: vec![position(DocumentKind::ALL, &d.kind)],
                archived: d.archived,
            })
            .collect(),
        Section::Organisations => ds
            .orgs
            .values()
            .map(|o| RowData {
                id: o.id,
                org_id: o.id,
                cells: vec![
                    o.id.to_string(),
                    o.name.clone(),
                    o.curator.clone(),
                    o.academic_year.clone(),
                ],
                haystack: fold(&format!("{} {} {}", o.name, o.curator, o.municipality)),
                filter_values: Vec::new(),
                archived: o.archived,
            })
            .collect(),
    }
}

/// The positions in `all` of the rows the query lets through, sorted.
/// Numbers (ids, counts) sort as numbers, before text.
pub fn visible_rows(all: &[RowData], st: &Query) -> Vec<usize> {
    let needle = fold(&st.search);
    let mut rows: Vec<usize> = (0..all.len())
        .filter(|i| {
            let r = &all[*i];
            r.archived == st.archived
                && st.org.is_none_or(|o| r.org_id == o)
                && (st.filter == 0 || r.filter_values.contains(&st.filter))
                && (needle.is_empty() || r.haystack.contains(&needle))
        })
        .collect();
    let c = st.sort.0;
    // Each key is computed once per row, not per comparison.
    rows.sort_by_cached_key(|i| {
        let r = &all[*i];
        let cell = r.cells.get(c).map_or("", String::as_str);
        match cell.parse::<f64>() {
            Ok(v) if v >= 0.0 => (0u8, v.to_bits(), String::new(), r.id),
            _ => (1u8, 0, fold(cell), r.id),
        }
    });
    if st.sort.1 {
        rows.reverse();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_fit_the_width_by_priority() {
        let cols = columns(Section::Mentees, Lang::Ru);
        let wide: Vec<usize> = fit(&cols, 120).iter().map(|c| c.0).collect();
        assert_eq!(wide, vec![0, 1, 2, 3, 4, 5, 6]);
        let narrow = fit(&cols, 50);
        assert!(narrow.iter().map(|c| c.1 + 1).sum::<u16>() <= 51);
        assert_eq!(
            narrow.iter().map(|c| c.0).collect::<Vec<_>>(),
            vec![0, 1, 2, 5]
        );
        let total: u16 = fit(&cols, 100).iter().map(|c| c.1).sum::<u16>() + 6;
        assert_eq!(total, 100, "the fill columns take the rest");
    }
}
