//! The documents of a school's program (документы программы наставничества):
//! the orders, the regulation, the roadmap and the rest that an inspection
//! and the regional checklist ask a school to show.

use super::dates::format_date;
use super::vocab::DocumentKind;
use super::Id;
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    pub kind: DocumentKind,
    /// «Об утверждении положения о наставничестве»; may be empty.
    pub title: String,
    pub number: String,
    pub date: Option<NaiveDate>,
    /// A link to the page or a path to the file.
    pub link: String,
    pub note: String,
}

impl Document {
    /// «№ 45 от 01.09.2024», or whichever of the two is given; the title
    /// when neither is. Files and reports cite it so (in Russian).
    pub fn requisites(&self) -> String {
        self.requisites_in(Lang::Ru)
    }

    /// The requisites as a screen in `lang` shows them («No. 45 of …»).
    pub fn requisites_in(&self, lang: Lang) -> String {
        let number = self.number.trim();
        let number = match number {
            "" => String::new(),
            n if n.starts_with('№') => n.to_string(),
            n => format!("№ {n}"),
        };
        let of = lang.pick("от", "of");
        match (number.is_empty(), self.date) {
            (false, Some(d)) => format!("{number} {of} {}", format_date(d)),
            (false, None) => number,
            (true, Some(d)) => format!("{of} {}", format_date(d)),
            (true, None) => self.title.trim().to_string(),
        }
    }

    /// Whether anything shows that the document exists: a number, a date or
    /// a link.
    pub fn is_shown(&self) -> bool {
        !self.number.trim().is_empty() || self.date.is_some() || !self.link.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requisites_read_as_an_order_is_cited() {
        let d = Document {
            number: "45".into(),
            date: NaiveDate::from_ymd_opt(2024, 9, 1),
            ..Document::default()
        };
        assert_eq!(d.requisites(), "№ 45 от 01.09.2024");
        let n = Document {
            number: "№ 12-о".into(),
            ..Document::default()
        };
        assert_eq!(n.requisites(), "№ 12-о");
        let t = Document {
            title: "Раздел сайта".into(),
            ..Document::default()
        };
        assert_eq!(t.requisites(), "Раздел сайта");
        assert!(!t.is_shown());
    }
}
