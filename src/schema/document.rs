//! The base of documents of the program (документы программы
//! наставничества): orders, the regulation, the roadmap and the rest.

use super::{FieldSpec, L};
use crate::domain::{Document, DocumentKind};

/// The record this file declares the fields of (the macros name it `R`).
type R = Document;

pub static DOCUMENT: &[FieldSpec<Document>] = &[
    choice!(
        DocumentKind,
        L("Вид документа", "Kind"),
        ["Вид документа", "kind", "Документ", "Вид"],
        DocumentKind,
        kind
    )
    .short(L("Вид", "Kind")),
    text!(
        Number,
        L("Номер", "Number"),
        ["Номер", "number", "№"],
        number
    )
    .short(L("№", "No.")),
    date!(
        Date,
        L("Дата", "Date"),
        ["Дата", "date", "Дата документа"],
        date
    ),
    text!(
        Title,
        L("Название", "Title"),
        ["Название", "title", "Наименование"],
        title
    ),
    text!(
        Link,
        L("Ссылка или файл", "Link or file"),
        ["Ссылка", "link", "Файл", "Ссылка или файл"],
        link
    )
    .short(L("Ссылка", "Link")),
    multi!(Note, L("Примечание", "Note"), ["Примечание", "note"], note),
    archived!(),
];
