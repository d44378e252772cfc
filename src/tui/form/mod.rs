//! One form for every record: its fields come from the record's schema
//! (`crate::schema`), each field takes its own keys and draws itself, and
//! saving sets every field through the schema and then asks the domain's
//! rules. A parse or rule problem shows under the field it belongs to.

mod input;
mod records;

pub use crate::domain::Record;
pub use input::{Input, Widget, LABEL_MAX_PERCENT};

use crate::domain::{Dataset, FieldKey};
use crate::i18n::Lang;
use crate::schema::{refs, Ctx, FieldSpec, Kind, Problem, Value};
use crate::text::sanitize_line;
use crate::tui::view::Theme;
use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear};
use ratatui::Frame;

/// What a form edits: a record of the store, or a setting of a pane.
pub trait Editable: Clone + 'static {
    fn schema() -> &'static [FieldSpec<Self>];
    /// The rules on the record as edited (`before` is as it was): for a
    /// store record, the domain's (`domain/validate.rs`).
    fn rules(_before: &Self, _after: &Self, _ds: &Dataset) -> Vec<(FieldKey, Problem)> {
        Vec::new()
    }
    fn title(&self, lang: Lang) -> String;

    /// Something about the record as edited that the curator confirms
    /// before it is saved (not an error: it may be meant), on `today`.
    fn doubt(&self, _ds: &Dataset, _today: chrono::NaiveDate, _lang: Lang) -> Option<String> {
        None
    }
    /// Whether the stored record is no longer the one the form started
    /// from (changed by another process meanwhile).
    fn changed_in(&self, _ds: &Dataset) -> bool {
        false
    }
    /// Whether the stored record was erased on its subject's request.
    fn erased_in(&self, _ds: &Dataset) -> bool {
        false
    }
}

/// An editable thing the app knows what to do with once saved.
pub trait IntoSaved: Editable {
    fn into_saved(self) -> Saved;
}

/// A record of the store is saved as a record.
impl<T: Editable + Into<Record>> IntoSaved for T {
    fn into_saved(self) -> Saved {
        Saved::Record(Box::new(self.into()))
    }
}

/// What a form gives when saved.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Record(Box<Record>),
    ReportSettings(crate::tui::panes::reports::ReportSettings),
}

/// The typed side of a form: the record it started from and how it is
/// built back, for any editable type.
trait Target {
    /// The record as edited, and the doubt to confirm before saving it.
    fn build(
        &self,
        fields: &mut Fields,
        ctx: &Ctx,
        today: NaiveDate,
    ) -> Option<(Saved, Option<String>)>;
    fn title(&self, lang: Lang) -> String;
    fn changed_in(&self, ds: &Dataset) -> bool;
    fn erased_in(&self, ds: &Dataset) -> bool;
}

struct Edit<T: IntoSaved>(T);

impl<T: IntoSaved> Target for Edit<T> {
    fn build(
        &self,
        fields: &mut Fields,
        ctx: &Ctx,
        today: NaiveDate,
    ) -> Option<(Saved, Option<String>)> {
        let r = fields.build(&self.0, ctx)?;
        let doubt = r.doubt(ctx.ds, today, ctx.lang);
        Some((r.into_saved(), doubt))
    }

    fn title(&self, lang: Lang) -> String {
        self.0.title(lang)
    }

    fn changed_in(&self, ds: &Dataset) -> bool {
        self.0.changed_in(ds)
    }

    fn erased_in(&self, ds: &Dataset) -> bool {
        self.0.erased_in(ds)
    }
}

/// The fields of a form and where the cursor is: the part of a form that
/// does not depend on the record's type.
pub struct Fields {
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub dirty: bool,
}

/// A form on a record the app saves.
pub struct RecordForm {
    target: Box<dyn Target>,
    fields: Fields,
    /// Another process changed the record after the form opened: saving
    /// asks first instead of writing over that change unseen.
    pub changed_outside: bool,
}

impl std::ops::Deref for RecordForm {
    type Target = Fields;
    fn deref(&self) -> &Fields {
        &self.fields
    }
}

impl std::ops::DerefMut for RecordForm {
    fn deref_mut(&mut self) -> &mut Fields {
        &mut self.fields
    }
}

/// The inputs of the fields a form edits, filled from `r`.
fn inputs<T: Editable>(r: &T, ctx: &Ctx) -> Vec<Input> {
    let lang = ctx.lang;
    T::schema()
        .iter()
        .filter(|f| f.in_form)
        .map(|f| {
            let label = f.label.get(lang);
            let mut input = match (f.kind, f.get(r, ctx)) {
                (Kind::Choice(_), v) => {
                    let chosen = match v {
                        Value::Choice(i) => i,
                        _ => 0,
                    };
                    Input::choice(f.key, label, f.kind, f.options(r, ctx), chosen, None)
                }
                (Kind::Ref(kind), v) => {
                    let current = match v {
                        Value::Ref(id) => id,
                        _ => None,
                    };
                    let list = refs(kind, ctx.ds, current, ctx.lang);
                    let ids: Vec<_> = std::iter::once(None)
                        .chain(list.iter().map(|(id, _)| Some(*id)))
                        .collect();
                    let names = std::iter::once("—".to_string())
                        .chain(list.into_iter().map(|(_, n)| n))
                        .collect();
                    let chosen = ids.iter().position(|id| *id == current).unwrap_or(0);
                    Input::choice(f.key, label, f.kind, names, chosen, Some(ids))
                }
                (kind, v) => Input::text(f.key, label, kind, &v.into_text()),
            };
            input.required = f.required;
            input
        })
        .collect()
}

/// The record as edited, if every field takes its value and the rules hold;
/// otherwise each problem is set on its field.
fn build<T: Editable>(original: &T, inputs: &mut [Input], ctx: &Ctx) -> Option<T> {
    let mut r = original.clone();
    let fields = T::schema().iter().filter(|f| f.in_form);
    for (f, input) in fields.zip(inputs.iter_mut()) {
        input.error = None;
        let value = input.value();
        let problem = match &value {
            Value::Text(t) if f.required && t.is_empty() => Some(Problem::Required),
            _ => f.set(&mut r, value, ctx).err(),
        };
        input.error = problem.map(|p| p.message(ctx.lang));
    }
    for (key, problem) in T::rules(original, &r, ctx.ds) {
        // A rule on a field the form does not show is told on the first.
        let at = inputs.iter().position(|i| i.key == key).unwrap_or(0);
        if let Some(input) = inputs.get_mut(at) {
            input.error.get_or_insert_with(|| problem.message(ctx.lang));
        }
    }
    inputs.iter().all(|i| i.error.is_none()).then_some(r)
}

impl RecordForm {
    pub fn new<T: IntoSaved>(record: T, ds: &Dataset, lang: Lang) -> RecordForm {
        let fields = Fields::of(&record, &Ctx { ds, lang });
        RecordForm {
            target: Box::new(Edit(record)),
            fields,
            changed_outside: false,
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        self.target.title(lang)
    }

    /// The edited record, or None with the problems shown and the focus on
    /// the first of them.
    pub fn build(&mut self, ds: &Dataset, lang: Lang) -> Option<Saved> {
        self.build_on(ds, lang, NaiveDate::MIN)
            .map(|(saved, _)| saved)
    }

    /// [`build`](Self::build), with what to confirm before saving on `today`.
    pub fn build_on(
        &mut self,
        ds: &Dataset,
        lang: Lang,
        today: NaiveDate,
    ) -> Option<(Saved, Option<String>)> {
        let (saved, doubt) = self
            .target
            .build(&mut self.fields, &Ctx { ds, lang }, today)?;
        if !self.changed_outside {
            return Some((saved, doubt));
        }
        let outside = lang.pick(
            "Эту запись изменили в другом процессе, пока форма была открыта. Сохранить ваши правки поверх тех?",
            "Another process changed this record while the form was open. Save your edits over that change?",
        );
        let question = match doubt {
            Some(d) => format!("{outside} {d}"),
            None => outside.to_string(),
        };
        Some((saved, Some(question)))
    }

    /// Whether another process erased this form's person (152-ФЗ): the
    /// form then closes, its edits unsaved.
    pub fn erased_in(&self, ds: &Dataset) -> bool {
        self.target.erased_in(ds)
    }

    /// After the data is read again because another process changed it:
    /// whether this form's record was among the changes (it then says so).
    pub fn check_outside(&mut self, ds: &Dataset) -> bool {
        let changed = self.target.changed_in(ds);
        self.changed_outside |= changed;
        changed
    }

    pub fn render(&self, f: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
        self.fields.render(f, area, &self.title(lang), theme);
    }
}

impl Fields {
    /// The fields of `r` as its schema declares them.
    pub fn of<T: Editable>(r: &T, ctx: &Ctx) -> Fields {
        let mut fields = Fields {
            inputs: inputs(r, ctx),
            focus: 0,
            dirty: false,
        };
        // The field the form opens on is arrived at, as one reached by Tab.
        if !fields.inputs.is_empty() {
            fields.arrive();
        }
        fields
    }

    /// `original` with the fields' values, or None with the problems shown
    /// and the focus on the first of them.
    pub fn build<T: Editable>(&mut self, original: &T, ctx: &Ctx) -> Option<T> {
        let built = build(original, &mut self.inputs, ctx);
        if let Some(i) = self.inputs.iter().position(|i| i.error.is_some()) {
            self.focus = i;
        }
        built
    }
    /// Puts the focus on the field of `key`, if the form has it.
    pub fn focus_on(&mut self, key: FieldKey) {
        if let Some(i) = self.inputs.iter().position(|i| i.key == key) {
            self.focus = i;
            self.arrive();
        }
    }

    pub fn focused(&self) -> &Input {
        &self.inputs[self.focus]
    }

    pub fn focused_mut(&mut self) -> &mut Input {
        &mut self.inputs[self.focus]
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.inputs.len();
        self.arrive();
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + self.inputs.len() - 1) % self.inputs.len();
        self.arrive();
    }

    /// A date field just reached is replaced by what is typed into it.
    fn arrive(&mut self) {
        let input = &mut self.inputs[self.focus];
        input.fresh = matches!(input.kind, Kind::Date);
    }

    /// The error shown on the field of `key`, if any (for tests and hints).
    pub fn error(&self, key: FieldKey) -> Option<&str> {
        self.inputs
            .iter()
            .find(|i| i.key == key)
            .and_then(|i| i.error.as_deref())
    }

    /// The first field to draw so that the focused one fits in `height`.
    fn first_visible(&self, height: u16) -> usize {
        let mut used = 0;
        let mut first = self.focus;
        for i in (0..=self.focus).rev() {
            used += self.inputs[i].full_height();
            if used > height {
                break;
            }
            first = i;
        }
        first
    }

    pub fn render(&self, f: &mut Frame, area: Rect, title: &str, theme: &Theme) {
        f.render_widget(Clear, area);
        let inner = Block::bordered().inner(area);
        let label_w = self
            .inputs
            .iter()
            .map(Input::label_width)
            .max()
            .unwrap_or(0)
            .min(inner.width * LABEL_MAX_PERCENT / 100);
        let mut y = inner.y;
        let bottom = inner.y + inner.height;
        let first = self.first_visible(inner.height);
        let mut last = first;
        for (i, input) in self.inputs.iter().enumerate().skip(first) {
            if y + input.height() > bottom {
                break;
            }
            let rest = Rect {
                y,
                height: bottom - y,
                ..inner
            };
            y += input.render(f, rest, label_w, i == self.focus, theme);
            last = i + 1;
        }
        // A form taller than the window says what is above and below.
        let mut block = Block::bordered()
            .title(sanitize_line(&format!(" {title} ")))
            .title_style(theme.header());
        if first > 0 {
            block = block.title(Line::from(format!(" ↑ {first} ")).right_aligned());
        }
        let below = self.inputs.len().saturating_sub(last);
        if below > 0 {
            block = block.title_bottom(Line::from(format!(" ↓ {below} ")).right_aligned());
        }
        f.render_widget(block, area);
    }
}
