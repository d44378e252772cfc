//! One declaration per field of every record: its typed key, its label in
//! both languages, the CSV headers it is written and read under, its kind,
//! whether it is required, and how it is read from and written to the record.
//! The forms, the record cards, the Bases columns and the CSV import and
//! export all iterate these lists, so a new column of an official base is
//! one entry here (and its rule, if it has one, in `domain/validate.rs`).
//!
//! Above `domain`, below `exchange` and `tui`; it knows neither files nor
//! terminals.

#[macro_use]
mod macros;
pub mod access;
pub mod document;
pub mod meeting;
pub mod mentee;
pub mod mentor;
pub mod organisation;
pub mod partner;
pub mod person;
mod problem;
pub mod program;
pub mod roadmap;
pub mod template;
pub mod unit;
pub mod words;

pub use crate::domain::FieldKey;
pub use access::Access;
pub use problem::Problem;

use crate::domain::vocab::Labelled;
use crate::domain::{Dataset, DocumentKind, Id};
use crate::i18n::Lang;
use crate::text::{normalize_space, sanitize, sanitize_line};

/// A text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct L(pub &'static str, pub &'static str);

impl L {
    pub fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.0, self.1)
    }
}

/// A closed list a choice field offers: labels in order, and how a label
/// (from a form or a file, in either language) is read back.
#[derive(Clone, Copy)]
pub struct Choices {
    pub labels: fn(Lang) -> Vec<&'static str>,
    pub parse: fn(&str) -> Option<usize>,
}

impl Choices {
    /// The values of `T`.
    pub const fn of<T: Labelled>() -> Choices {
        Choices {
            labels: |lang| T::all().iter().map(|v| v.label_in(lang)).collect(),
            parse: |s| T::from_label(s).and_then(|v| T::all().iter().position(|x| *x == v)),
        }
    }

    /// «—» for none, then the values of `T`.
    pub const fn maybe<T: Labelled>() -> Choices {
        Choices {
            labels: |lang| {
                std::iter::once("—")
                    .chain(T::all().iter().map(|v| v.label_in(lang)))
                    .collect()
            },
            parse: |s| {
                if matches!(s.trim(), "" | "—" | "-") {
                    return Some(0);
                }
                T::from_label(s).and_then(|v| T::all().iter().position(|x| *x == v).map(|i| i + 1))
            },
        }
    }

    /// «нет» / «да».
    pub const YES_NO: Choices = Choices {
        labels: |lang| vec![lang.pick("нет", "no"), lang.pick("да", "yes")],
        parse: |s| match crate::text::fold(s.trim()).as_str() {
            "нет" | "no" | "0" | "" => Some(0),
            "да" | "yes" | "1" => Some(1),
            _ => None,
        },
    };
}

/// The records a reference field chooses among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Partner,
    Program,
    /// An order assigning pairs (приказ о закреплении) from the documents.
    PairsOrder,
}

/// How a field is entered and shown.
#[derive(Clone, Copy)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Several lines (notes, outcomes); the number of lines the form shows.
    Multi(u16),
    Date,
    Number,
    /// A list written with `;` or `,`.
    Tags,
    Choice(Choices),
    /// A record of the dataset, chosen from a list.
    Ref(RefKind),
}

impl Kind {
    /// Text as it arrives (typed, pasted, read from a cell) made clean for
    /// the record: control sequences removed; one line unless multi-line.
    pub fn clean(self, raw: &str) -> String {
        match self {
            Kind::Multi(_) => sanitize(raw, true).trim().to_string(),
            _ => normalize_space(&sanitize_line(raw)),
        }
    }
}

/// A field's value as forms and files exchange it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, dates, numbers and lists, written as a person would type them.
    Text(String),
    /// The position in the field's choices.
    Choice(usize),
    Ref(Option<Id>),
}

impl Value {
    pub fn into_text(self) -> String {
        match self {
            Value::Text(s) => s,
            _ => String::new(),
        }
    }
}

/// What a field needs besides its record: the other records (names of
/// partners and people) and the language labels are shown in.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub ds: &'a Dataset,
    pub lang: Lang,
}

/// Where a field shows besides the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListColumn {
    pub width: u16,
    /// Lower shows first when the terminal is narrow.
    pub priority: u8,
    /// Takes a share of the width left over.
    pub fill: bool,
}

pub struct FieldSpec<R: 'static> {
    pub key: FieldKey,
    pub label: L,
    /// A shorter label for a narrow table column.
    pub short: Option<L>,
    /// What a record card says when the field is empty (most say nothing).
    pub blank: Option<L>,
    /// CSV headers: the first is what the export writes, the rest are the
    /// aliases the import accepts (official forms, English). Empty: the field
    /// is not exchanged in files.
    pub headers: &'static [&'static str],
    pub kind: Kind,
    pub required: bool,
    /// False for fields shown and exchanged but changed elsewhere (a pair's
    /// people, a meeting's pair).
    pub in_form: bool,
    pub access: Access<R>,
}

impl<R: 'static> FieldSpec<R> {
    pub const fn new(
        key: FieldKey,
        label: L,
        headers: &'static [&'static str],
        kind: Kind,
        access: Access<R>,
    ) -> Self {
        FieldSpec {
            key,
            label,
            short: None,
            blank: None,
            headers,
            kind,
            required: false,
            in_form: true,
            access,
        }
    }

    pub const fn required(self) -> Self {
        FieldSpec {
            required: true,
            ..self
        }
    }

    pub const fn short(self, short: L) -> Self {
        FieldSpec {
            short: Some(short),
            ..self
        }
    }

    pub const fn blank(self, blank: L) -> Self {
        FieldSpec {
            blank: Some(blank),
            ..self
        }
    }

    /// The label of a narrow column.
    pub fn short_label(&self, lang: Lang) -> &'static str {
        self.short.unwrap_or(self.label).get(lang)
    }

    /// Shown and exchanged, not edited in the form.
    pub const fn shown_only(self) -> Self {
        FieldSpec {
            in_form: false,
            ..self
        }
    }

    pub fn get(&self, r: &R, ctx: &Ctx) -> Value {
        self.access.get(r, ctx)
    }

    /// Writes the field; a text longer than the field holds is refused
    /// (from a form and from a file alike).
    pub fn set(&self, r: &mut R, v: Value, ctx: &Ctx) -> Result<(), Problem> {
        if let Value::Text(t) = &v {
            let multi = matches!(self.kind, Kind::Multi(_));
            if let Some(rule) = crate::domain::validate::length_rule(t, multi) {
                return Err(Problem::Rule(rule));
            }
        }
        self.access.set(r, v, ctx)
    }

    /// The options of a choice or reference field, and which one `r` has.
    pub fn options(&self, r: &R, ctx: &Ctx) -> Vec<String> {
        match self.kind {
            Kind::Choice(c) => (c.labels)(ctx.lang).into_iter().map(String::from).collect(),
            Kind::Ref(kind) => {
                let current = match self.get(r, ctx) {
                    Value::Ref(id) => id,
                    _ => None,
                };
                std::iter::once("—".to_string())
                    .chain(
                        refs(kind, ctx.ds, current, ctx.lang)
                            .into_iter()
                            .map(|(_, n)| n),
                    )
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// The field as text in `ctx.lang`: what a card, a table cell and an
    /// export show. A choice shows its label; a reference, the record's name.
    pub fn text(&self, r: &R, ctx: &Ctx) -> String {
        match (self.get(r, ctx), self.kind) {
            (Value::Text(s), _) => s,
            (Value::Choice(i), Kind::Choice(c)) => (c.labels)(ctx.lang)
                .get(i)
                .map(|s| s.to_string())
                .unwrap_or_default(),
            (Value::Ref(Some(id)), Kind::Ref(kind)) => ref_name(kind, ctx.ds, id, ctx.lang),
            _ => String::new(),
        }
    }

    /// Reads the field from text (a cell of a file): cleaned, then parsed by
    /// its kind. An empty cell leaves the record's value as it is, and is a
    /// problem only when the field is required.
    pub fn read(&self, r: &mut R, raw: &str, ctx: &Ctx) -> Result<(), Problem> {
        let text = self.kind.clean(raw);
        if text.is_empty() {
            return if self.required {
                Err(Problem::Required)
            } else {
                Ok(())
            };
        }
        let value = match self.kind {
            Kind::Choice(c) => {
                Value::Choice((c.parse)(&text).ok_or_else(|| Problem::UnknownChoice {
                    value: text.clone(),
                    choices: (c.labels)(ctx.lang).join(", "),
                })?)
            }
            Kind::Ref(kind) => Value::Ref(Some(
                find_ref(kind, ctx.ds, &text).ok_or(Problem::NoSuchRecord(text.clone()))?,
            )),
            _ => Value::Text(text),
        };
        self.set(r, value, ctx)
    }
}

/// The records a reference can name: the live ones, and `current` even when
/// archived, so that editing a record never drops its reference silently.
/// With more than one school, an order also names its school.
pub fn refs(kind: RefKind, ds: &Dataset, current: Option<Id>, lang: Lang) -> Vec<(Id, String)> {
    let keep = |id: Id, archived: bool| !archived || Some(id) == current;
    match kind {
        RefKind::Partner => ds
            .partners
            .values()
            .filter(|p| keep(p.id, p.archived))
            .map(|p| (p.id, p.name.clone()))
            .collect(),
        RefKind::Program => ds
            .programs
            .values()
            .filter(|p| keep(p.id, p.archived))
            .map(|p| (p.id, p.name.clone()))
            .collect(),
        RefKind::PairsOrder => {
            let schools = ds.orgs.values().filter(|o| !o.archived).count();
            ds.documents
                .values()
                .filter(|d| d.kind == DocumentKind::PairsOrder && keep(d.id, d.archived))
                .map(|d| {
                    let school = ds.orgs.get(&d.org_id).filter(|_| schools > 1);
                    let label = match school {
                        Some(o) => format!("{} ({})", d.requisites_in(lang), o.name),
                        None => d.requisites_in(lang),
                    };
                    (d.id, label)
                })
                .collect()
        }
    }
}

/// The name a reference is shown under in `lang` (files are in Russian).
fn ref_name(kind: RefKind, ds: &Dataset, id: Id, lang: Lang) -> String {
    match kind {
        RefKind::Partner => ds.partners.get(&id).map(|p| p.name.clone()),
        RefKind::Program => ds.programs.get(&id).map(|p| p.name.clone()),
        RefKind::PairsOrder => ds.documents.get(&id).map(|d| d.requisites_in(lang)),
    }
    .unwrap_or_default()
}

/// The live record a file's text names, by its name in either language.
fn find_ref(kind: RefKind, ds: &Dataset, name: &str) -> Option<Id> {
    let key = crate::text::fold(name);
    let named = |id: Id, lang| crate::text::fold(&ref_name(kind, ds, id, lang)) == key;
    refs(kind, ds, None, Lang::Ru)
        .into_iter()
        .map(|(id, _)| id)
        .find(|id| named(*id, Lang::Ru) || named(*id, Lang::En))
}

/// The field of `key` in a schema.
pub fn find<R>(schema: &'static [FieldSpec<R>], key: FieldKey) -> Option<&'static FieldSpec<R>> {
    schema.iter().find(|f| f.key == key)
}

/// The fields a file exchanges, in the order the export writes them.
pub fn exchanged<R>(
    schema: &'static [FieldSpec<R>],
) -> impl Iterator<Item = &'static FieldSpec<R>> {
    schema.iter().filter(|f| !f.headers.is_empty())
}

/// A record as a card shows it: each field's label and text, in the
/// schema's order, leaving out empty fields (or saying what `blank` says)
/// and the fields in `skip` (the card's title).
pub fn card<R>(
    schema: &'static [FieldSpec<R>],
    r: &R,
    ctx: &Ctx,
    skip: &[FieldKey],
) -> Vec<(&'static str, String)> {
    schema
        .iter()
        .filter(|f| !skip.contains(&f.key))
        .filter_map(|f| {
            let text = f.text(r, ctx);
            // A choice left at «—» says nothing, as an empty field does.
            let unset = text.is_empty() || (matches!(f.kind, Kind::Choice(_)) && text == "—");
            let text = match (unset, f.blank) {
                (false, _) => text,
                (true, Some(blank)) => blank.get(ctx.lang).to_string(),
                (true, None) => return None,
            };
            Some((f.label.get(ctx.lang), text))
        })
        .collect()
}
