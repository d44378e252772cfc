//! The report settings the curator sets with `p`, and their form.

use crate::domain::{Dataset, FieldKey};
use crate::i18n::Lang;
use crate::reports::render;
use crate::schema::{Access, Choices, FieldSpec, Kind as SKind, Problem, Value, L};
use crate::tui::form::{Editable, IntoSaved, Saved};
use chrono::NaiveDate;
use std::path::PathBuf;

/// What the curator set with `p`: the period (empty = the report's
/// default), the date ages count on (empty = today), the file format,
/// width and folder.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportSettings {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub as_of: Option<NaiveDate>,
    pub tsv: bool,
    pub width: usize,
    pub dir: PathBuf,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            from: None,
            to: None,
            as_of: None,
            tsv: false,
            width: render::DEFAULT_WIDTH,
            dir: PathBuf::from("."),
        }
    }
}

/// The settings form's fields.
static SETTINGS: &[FieldSpec<ReportSettings>] = &[
    FieldSpec::<ReportSettings>::new(
        FieldKey::PeriodFrom,
        L("Период с", "Period from"),
        &[],
        SKind::Date,
        Access::Date(|s| &s.from, |s| &mut s.from),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::PeriodTo,
        L("Период по", "Period to"),
        &[],
        SKind::Date,
        Access::Date(|s| &s.to, |s| &mut s.to),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::AsOf,
        L("Возраст на дату", "Ages on"),
        &[],
        SKind::Date,
        Access::Date(|s| &s.as_of, |s| &mut s.as_of),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::FileFormat,
        L("Формат файла", "File format"),
        &[],
        SKind::Choice(Choices {
            labels: |lang| {
                vec![
                    lang.pick("txt — текст для печати", "txt: text for printing"),
                    lang.pick("tsv — таблицы для Excel", "tsv: tables for a spreadsheet"),
                ]
            },
            parse: |s| match s.trim() {
                "txt" => Some(0),
                "tsv" => Some(1),
                _ => None,
            },
        }),
        Access::Choice(|s| usize::from(s.tsv), |s, i| s.tsv = i == 1),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::Width,
        L("Ширина текста, колонок", "Text width, columns"),
        &[],
        SKind::Number,
        Access::Custom(
            |s, _| Value::Text(s.width.to_string()),
            |s, v, _| {
                s.width = crate::schema::access::number(&v.into_text())?.unwrap_or(0) as usize;
                Ok(())
            },
        ),
    ),
    FieldSpec::<ReportSettings>::new(
        FieldKey::Folder,
        L("Папка для файлов", "Folder for the files"),
        &[],
        SKind::Text,
        Access::Custom(
            |s, _| Value::Text(s.dir.display().to_string()),
            |s, v, _| {
                s.dir = PathBuf::from(v.into_text());
                Ok(())
            },
        ),
    )
    .required(),
];

impl Editable for ReportSettings {
    fn schema() -> &'static [FieldSpec<Self>] {
        SETTINGS
    }

    fn rules(_: &Self, s: &Self, _: &Dataset) -> Vec<(FieldKey, Problem)> {
        let mut out = Vec::new();
        match (s.from, s.to) {
            (Some(_), None) => out.push((
                FieldKey::PeriodTo,
                Problem::Say(L("укажите и конец периода", "give the end too")),
            )),
            (None, Some(_)) => out.push((
                FieldKey::PeriodFrom,
                Problem::Say(L("укажите и начало периода", "give the start too")),
            )),
            (Some(f), Some(t)) if f > t => out.push((
                FieldKey::PeriodTo,
                Problem::Say(L("раньше начала", "before the start")),
            )),
            _ => {}
        }
        if s.width < render::MIN_WIDTH {
            out.push((FieldKey::Width, Problem::AtLeast(render::MIN_WIDTH)));
        }
        out
    }

    fn title(&self, lang: Lang) -> String {
        lang.pick(
            "Параметры отчётов (пустые даты: учебный год или квартал, сегодня)",
            "Report settings (empty dates: the year or quarter, today)",
        )
        .into()
    }
}

impl IntoSaved for ReportSettings {
    fn into_saved(self) -> Saved {
        Saved::ReportSettings(self)
    }
}
