//! The Bases pane's model: which records show, in which order, with which
//! columns. Pure functions of the data and the pane's query.

use crate::domain::dates::format_opt_date;
use crate::domain::vocab::Labelled;
use crate::domain::*;
use crate::i18n::Lang;
use crate::schema::{Ctx, FieldSpec, L};
use crate::text::fold;
use std::collections::{BTreeMap, BTreeSet};

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

/// A column as the view lays it out: header, the width it wants, how
/// important it is (lower shows first when space is short), and whether it
/// takes the width left over.
pub struct Column {
    pub header: &'static str,
    pub width: u16,
    pub priority: u8,
    pub fill: bool,
}

/// What a cell is worked out from besides its record.
struct Extra<'a> {
    ctx: Ctx<'a>,
    /// Live mentees per mentor.
    loads: BTreeMap<Id, u32>,
    /// Mentees in a live pair.
    paired: BTreeSet<Id>,
}

type CellFn<R> = fn(&R, &Extra) -> String;

/// Where a column's header and cells come from.
enum Content<R: 'static> {
    /// A field: its short label from the schema, its text as a card shows it.
    Field(FieldKey),
    /// A field under its short label, shown the table's way (✓ for a consent).
    Shown(FieldKey, CellFn<R>),
    /// A figure worked out from the other records.
    Derived(L, CellFn<R>),
}

/// One column of a section's table: header and cell side by side.
struct Col<R: 'static> {
    content: Content<R>,
    width: u16,
    priority: u8,
    fill: bool,
}

const fn col<R>(content: Content<R>, width: u16, priority: u8, fill: bool) -> Col<R> {
    Col {
        content,
        width,
        priority,
        fill,
    }
}

/// A record a section lists: its schema, its table (after the id column
/// every table starts with), and what search and the filter look at.
trait Listed: Sized + 'static {
    fn schema() -> &'static [FieldSpec<Self>];
    fn table() -> &'static [Col<Self>];
    /// Id, organisation (an organisation's own id), archived.
    fn head(&self) -> (Id, Id, bool);
    fn search_text(&self, x: &Extra) -> String;
    /// The section's filter values (1-based indexes) this record matches.
    fn filter_values(&self, x: &Extra) -> Vec<usize>;
}

/// The id column every table starts with.
const ID: Column = Column {
    header: "#",
    width: 5,
    priority: 0,
    fill: false,
};

fn header_row<R: Listed>(lang: Lang) -> Vec<Column> {
    let label = |key| crate::schema::find(R::schema(), key).map_or("?", |f| f.short_label(lang));
    let mut v = vec![ID];
    v.extend(R::table().iter().map(|c| Column {
        header: match &c.content {
            Content::Field(key) | Content::Shown(key, _) => label(*key),
            Content::Derived(l, _) => l.get(lang),
        },
        width: c.width,
        priority: c.priority,
        fill: c.fill,
    }));
    v
}

fn rows_of<'r, R: Listed>(records: impl Iterator<Item = &'r R>, x: &Extra) -> Vec<RowData> {
    let fields: Vec<Option<&FieldSpec<R>>> = R::table()
        .iter()
        .map(|c| match c.content {
            Content::Field(key) => crate::schema::find(R::schema(), key),
            _ => None,
        })
        .collect();
    records
        .map(|r| {
            let (id, org_id, archived) = r.head();
            let mut cells = vec![id.to_string()];
            cells.extend(R::table().iter().zip(&fields).map(|(c, field)| {
                match (&c.content, field) {
                    (Content::Field(_), Some(f)) => f.text(r, &x.ctx),
                    (Content::Shown(_, cell) | Content::Derived(_, cell), _) => cell(r, x),
                    (Content::Field(_), None) => String::new(),
                }
            }));
            let org = x.ctx.ds.orgs.get(&org_id).map_or("", |o| o.name.as_str());
            RowData {
                id,
                org_id,
                cells,
                haystack: fold(&format!("{} {org}", r.search_text(x))),
                filter_values: r.filter_values(x),
                archived,
            }
        })
        .collect()
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

/// A person's filter values: their category, their forms, and whether
/// they are in a live pair (the order of [`filters`]).
fn person_filters<C: Labelled>(category: C, p: &Person, paired: bool) -> Vec<usize> {
    let categories = C::all().len();
    let mut v = vec![position(C::all(), &category)];
    v.extend(p.forms.iter().map(|f| categories + position(Form::ALL, f)));
    v.push(categories + Form::ALL.len() + if paired { 1 } else { 2 });
    v
}

fn people_search(p: &Person, own: &[String]) -> String {
    format!(
        "{} {} {} {}",
        p.full_name,
        own.join(" "),
        p.interests.join(" "),
        p.subjects.join(" ")
    )
}

impl Listed for Mentor {
    fn schema() -> &'static [FieldSpec<Self>] {
        crate::schema::mentor::MENTOR
    }
    fn table() -> &'static [Col<Self>] {
        static TABLE: &[Col<Mentor>] = &[
            col(Content::Field(FieldKey::FullName), 24, 0, true),
            col(Content::Field(FieldKey::Category), 13, 1, false),
            col(
                Content::Derived(L("Нагрузка", "Load"), |m, x| {
                    let load = x.loads.get(&m.id).copied().unwrap_or(0);
                    format!("{load}/{}", m.capacity)
                }),
                8,
                1,
                false,
            ),
            col(
                Content::Shown(FieldKey::Competencies, |m, _| m.competencies.join(", ")),
                20,
                2,
                true,
            ),
            col(
                Content::Shown(FieldKey::Consent, |m, _| yes(m.person.consent.is_some())),
                5,
                3,
                false,
            ),
        ];
        TABLE
    }
    fn head(&self) -> (Id, Id, bool) {
        (self.id, self.org_id, self.archived)
    }
    fn search_text(&self, _: &Extra) -> String {
        people_search(&self.person, &self.competencies)
    }
    fn filter_values(&self, x: &Extra) -> Vec<usize> {
        person_filters(self.category, &self.person, x.loads.contains_key(&self.id))
    }
}

impl Listed for Mentee {
    fn schema() -> &'static [FieldSpec<Self>] {
        crate::schema::mentee::MENTEE
    }
    fn table() -> &'static [Col<Self>] {
        static TABLE: &[Col<Mentee>] = &[
            col(Content::Field(FieldKey::FullName), 24, 0, true),
            col(Content::Field(FieldKey::Category), 13, 1, false),
            col(Content::Field(FieldKey::Grade), 5, 2, false),
            col(
                Content::Shown(FieldKey::Request, |m, _| m.request.join(", ")),
                20,
                2,
                true,
            ),
            col(
                Content::Derived(L("Пара", "Pair"), |m, x| yes(x.paired.contains(&m.id))),
                4,
                1,
                false,
            ),
            col(
                Content::Shown(FieldKey::Consent, |m, _| yes(m.person.consent.is_some())),
                5,
                3,
                false,
            ),
        ];
        TABLE
    }
    fn head(&self) -> (Id, Id, bool) {
        (self.id, self.org_id, self.archived)
    }
    fn search_text(&self, _: &Extra) -> String {
        people_search(&self.person, &self.request)
    }
    fn filter_values(&self, x: &Extra) -> Vec<usize> {
        person_filters(self.category, &self.person, x.paired.contains(&self.id))
    }
}

impl Listed for Program {
    fn schema() -> &'static [FieldSpec<Self>] {
        crate::schema::program::PROGRAM
    }
    fn table() -> &'static [Col<Self>] {
        static TABLE: &[Col<Program>] = &[
            col(Content::Field(FieldKey::Name), 30, 0, true),
            col(
                Content::Shown(FieldKey::Form, |p, x| {
                    p.form.map_or(String::new(), |f| f.label(x.ctx.lang).into())
                }),
                22,
                1,
                false,
            ),
            col(
                Content::Derived(L("Пар", "Pairs"), |p, x| {
                    let units = x.ctx.ds.units.values();
                    let live = units.filter(|u| u.program_id == Some(p.id) && !u.archived);
                    live.count().to_string()
                }),
                4,
                1,
                false,
            ),
            col(
                Content::Derived(L("Период", "Period"), |p, _| {
                    format!("{}–{}", format_opt_date(p.start), format_opt_date(p.end))
                }),
                21,
                2,
                false,
            ),
        ];
        TABLE
    }
    fn head(&self) -> (Id, Id, bool) {
        (self.id, self.org_id, self.archived)
    }
    fn search_text(&self, _: &Extra) -> String {
        format!("{} {}", self.name, self.goals)
    }
    fn filter_values(&self, _: &Extra) -> Vec<usize> {
        self.form
            .map(|f| position(Form::ALL, &f))
            .into_iter()
            .collect()
    }
}

impl Listed for Partner {
    fn schema() -> &'static [FieldSpec<Self>] {
        crate::schema::partner::PARTNER
    }
    fn table() -> &'static [Col<Self>] {
        static TABLE: &[Col<Partner>] = &[
            col(Content::Field(FieldKey::Name), 30, 0, true),
            col(Content::Field(FieldKey::PartnerKind), 14, 1, false),
            col(
                Content::Derived(L("Наставн.", "Mentors"), |p, x| {
                    let mentors = x.ctx.ds.mentors.values();
                    let live = mentors.filter(|m| m.partner_id == Some(p.id) && !m.archived);
                    live.count().to_string()
                }),
                8,
                1,
                false,
            ),
            col(Content::Field(FieldKey::Contacts), 16, 2, true),
        ];
        TABLE
    }
    fn head(&self) -> (Id, Id, bool) {
        (self.id, self.org_id, self.archived)
    }
    fn search_text(&self, _: &Extra) -> String {
        format!("{} {}", self.name, self.contacts)
    }
    fn filter_values(&self, _: &Extra) -> Vec<usize> {
        vec![position(PartnerKind::ALL, &self.kind)]
    }
}

impl Listed for Document {
    fn schema() -> &'static [FieldSpec<Self>] {
        crate::schema::document::DOCUMENT
    }
    fn table() -> &'static [Col<Self>] {
        static TABLE: &[Col<Document>] = &[
            col(Content::Field(FieldKey::DocumentKind), 24, 0, true),
            col(Content::Field(FieldKey::Number), 8, 1, false),
            col(Content::Field(FieldKey::Date), 10, 1, false),
            col(Content::Field(FieldKey::Title), 16, 2, true),
            col(Content::Field(FieldKey::Link), 16, 3, true),
        ];
        TABLE
    }
    fn head(&self) -> (Id, Id, bool) {
        (self.id, self.org_id, self.archived)
    }
    fn search_text(&self, x: &Extra) -> String {
        let kind = self.kind.label(x.ctx.lang);
        format!("{kind} {} {} {}", self.number, self.title, self.note)
    }
    fn filter_values(&self, _: &Extra) -> Vec<usize> {
        vec![position(DocumentKind::ALL, &self.kind)]
    }
}

impl Listed for Organisation {
    fn schema() -> &'static [FieldSpec<Self>] {
        crate::schema::organisation::ORGANISATION
    }
    fn table() -> &'static [Col<Self>] {
        static TABLE: &[Col<Organisation>] = &[
            col(Content::Field(FieldKey::Name), 30, 0, true),
            col(Content::Field(FieldKey::Curator), 20, 1, true),
            col(Content::Field(FieldKey::AcademicYear), 9, 2, false),
        ];
        TABLE
    }
    fn head(&self) -> (Id, Id, bool) {
        (self.id, self.id, self.archived)
    }
    fn search_text(&self, _: &Extra) -> String {
        format!("{} {} {}", self.name, self.curator, self.municipality)
    }
    fn filter_values(&self, _: &Extra) -> Vec<usize> {
        Vec::new()
    }
}

/// The table of a section: fields of the record (labels from the schema)
/// and a few counts worked out from the other records.
pub fn columns(section: Section, lang: Lang) -> Vec<Column> {
    match section {
        Section::Mentors => header_row::<Mentor>(lang),
        Section::Mentees => header_row::<Mentee>(lang),
        Section::Programs => header_row::<Program>(lang),
        Section::Partners => header_row::<Partner>(lang),
        Section::Documents => header_row::<Document>(lang),
        Section::Organisations => header_row::<Organisation>(lang),
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

pub fn all_rows(ds: &Dataset, section: Section, lang: Lang) -> Vec<RowData> {
    let x = Extra {
        ctx: Ctx { ds, lang },
        loads: ds.mentor_loads(),
        paired: ds.paired_mentees(),
    };
    match section {
        Section::Mentors => rows_of(ds.mentors.values(), &x),
        Section::Mentees => rows_of(ds.mentees.values(), &x),
        Section::Programs => rows_of(ds.programs.values(), &x),
        Section::Partners => rows_of(ds.partners.values(), &x),
        Section::Documents => rows_of(ds.documents.values(), &x),
        Section::Organisations => rows_of(ds.orgs.values(), &x),
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
