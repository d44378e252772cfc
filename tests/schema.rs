//! One entry in a schema is a field everywhere: in the form, the record
//! card, the CSV export and the CSV import. A test-only record gets a field
//! (the date a mentor's contract was signed) by one entry, and each place
//! shows it; the same schema without the entry shows it nowhere.

mod common;
use common::buffer_text;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use nastavnik::domain::{Dataset, FieldKey};
use nastavnik::exchange::records;
use nastavnik::i18n::Lang;
use nastavnik::schema::{card, Access, Ctx, FieldSpec, Kind, L};
use nastavnik::tui::form::{Editable, Fields};
use nastavnik::tui::view::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

#[derive(Debug, Clone, Default, PartialEq)]
struct Contract {
    number: String,
    hours: Option<u32>,
    signed: Option<NaiveDate>,
}

const NUMBER: FieldSpec<Contract> = FieldSpec::<Contract>::new(
    FieldKey::OrderNo,
    L("Номер договора", "Contract no."),
    &["Номер договора", "contract_no"],
    Kind::Text,
    Access::Text(|c| &c.number, |c| &mut c.number),
)
.required();

const HOURS: FieldSpec<Contract> = FieldSpec::<Contract>::new(
    FieldKey::Duration,
    L("Часов в месяц", "Hours a month"),
    &["Часов в месяц", "hours"],
    Kind::Number,
    Access::Number(|c| &c.hours, |c| &mut c.hours),
);

/// The field added: this entry is the whole change.
const SIGNED: FieldSpec<Contract> = FieldSpec::<Contract>::new(
    FieldKey::Start,
    L("Дата заключения", "Signed on"),
    &["Дата заключения", "signed"],
    Kind::Date,
    Access::Date(|c| &c.signed, |c| &mut c.signed),
);

static BEFORE: &[FieldSpec<Contract>] = &[NUMBER, HOURS];
static AFTER: &[FieldSpec<Contract>] = &[NUMBER, HOURS, SIGNED];

impl Editable for Contract {
    fn schema() -> &'static [FieldSpec<Self>] {
        AFTER
    }
    fn title(&self, lang: Lang) -> String {
        lang.pick("Договор наставника", "Mentor's contract").into()
    }
}

fn contract() -> Contract {
    Contract {
        number: "17-Н".into(),
        hours: Some(4),
        signed: NaiveDate::from_ymd_opt(2025, 9, 1),
    }
}

fn screen(fields: &Fields) -> String {
    let mut t = Terminal::new(TestBackend::new(60, 8)).unwrap();
    t.draw(|f| {
        fields.render(
            f,
            f.area(),
            "Договор",
            &Theme {
                no_color: true,
                focus: None,
                hits: None,
            },
        )
    })
    .unwrap();
    buffer_text(t.backend().buffer())
}

#[test]
fn the_added_field_shows_in_the_form_and_is_saved_from_it() {
    let ds = Dataset::default();
    let ctx = Ctx {
        ds: &ds,
        lang: Lang::Ru,
    };
    let mut fields = Fields::of(&contract(), &ctx);
    let shown = screen(&fields);
    assert!(shown.contains("Дата заключения"), "{shown}");
    assert!(shown.contains("01.09.2025"), "{shown}");
    // Retype the date and save: the record gets it through the schema.
    fields.focus = fields
        .inputs
        .iter()
        .position(|i| i.key == FieldKey::Start)
        .unwrap();
    for _ in 0.."01.09.2025".len() {
        fields
            .focused_mut()
            .type_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    for c in "15.09.2025".chars() {
        fields
            .focused_mut()
            .type_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let saved = fields.build(&contract(), &ctx).expect("valid");
    assert_eq!(saved.signed, NaiveDate::from_ymd_opt(2025, 9, 15));
    // A bad date is told under that field, in the form's language.
    fields.focused_mut().paste("х");
    let en = Ctx {
        ds: &ds,
        lang: Lang::En,
    };
    assert!(fields.build(&contract(), &en).is_none());
    assert_eq!(
        fields.error(FieldKey::Start),
        Some("'15.09.2025х' is not a date; use DD.MM.YYYY")
    );
}

#[test]
fn the_added_field_shows_on_the_card() {
    let ds = Dataset::default();
    let ctx = Ctx {
        ds: &ds,
        lang: Lang::En,
    };
    assert_eq!(
        card(AFTER, &contract(), &ctx, &[]),
        vec![
            ("Contract no.", "17-Н".to_string()),
            ("Hours a month", "4".to_string()),
            ("Signed on", "01.09.2025".to_string()),
        ]
    );
    assert_eq!(card(BEFORE, &contract(), &ctx, &[]).len(), 2);
}

#[test]
fn the_added_field_is_exported_and_imported() {
    let ds = Dataset::default();
    let ctx = Ctx {
        ds: &ds,
        lang: Lang::Ru,
    };
    let bytes = records::write(AFTER, [contract()].iter(), &ctx);
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert_eq!(
        text,
        "\u{feff}Номер договора;Часов в месяц;Дата заключения\r\n17-Н;4;01.09.2025\r\n"
    );
    let before = String::from_utf8(records::write(BEFORE, [contract()].iter(), &ctx)).unwrap();
    assert!(!before.contains("Дата заключения"));
    // The export reads back whole, and the English header is an alias.
    let back = records::read(AFTER, &bytes, &ctx, Contract::default).unwrap();
    assert_eq!(back, vec![contract()]);
    let english = "contract_no;hours;signed\n18-Н;2;2025-10-01\n";
    let read = records::read(AFTER, english.as_bytes(), &ctx, Contract::default).unwrap();
    assert_eq!(read[0].signed, NaiveDate::from_ymd_opt(2025, 10, 1));
    // Without the entry the column is not ours: ignored, not read.
    let read = records::read(BEFORE, english.as_bytes(), &ctx, Contract::default).unwrap();
    assert_eq!(read[0].signed, None);
    // A bad cell is a row error under the file's own header.
    let bad = "Номер договора;Дата заключения\n19-Н;31.02.2025\n;01.01.2025\n";
    let errs = records::read(AFTER, bad.as_bytes(), &ctx, Contract::default).unwrap_err();
    let lines: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        lines,
        vec![
            "строка 2: Дата заключения: «31.02.2025» — не дата: такого дня нет в календаре",
            "строка 3: Номер договора: не заполнено",
        ]
    );
}

/// The README's tables of import columns name every column the schema
/// declares (its header and its English alias), so they cannot drift.
#[test]
fn the_readme_lists_every_column_of_the_bases() {
    use nastavnik::exchange::Base;
    let readme = include_str!("../README.md");
    let mut missing = Vec::new();
    for base in [
        Base::Mentors,
        Base::Mentees,
        Base::Partners,
        Base::Documents,
        Base::Pairs,
        Base::Meetings,
    ] {
        for spec in base.specs() {
            for h in spec.headers.iter().take(2) {
                if !readme.contains(h) {
                    missing.push(format!("{base:?}: {h}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "not in the README: {missing:?}");
}
