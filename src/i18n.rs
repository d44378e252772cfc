//! The interface language. Russian is the default. Every user-facing string
//! is written once with both languages side by side at the place it is said:
//! [`Lang::pick`] for a text, [`tr!`](crate::tr) for a text with values in
//! it, [`count`] for a number with its noun (Russian has three forms).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    /// Choose between the Russian and the English text of one message.
    pub fn pick<'a>(self, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// A noun's forms after a number: Russian one (1, 21), few (2–4, 22–24),
/// many (5–20, 25 …); English one and many.
#[derive(Debug, Clone, Copy)]
pub struct Plural {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
    pub en_one: &'static str,
    pub en_many: &'static str,
}

impl Plural {
    pub fn of(&self, n: u64, lang: Lang) -> &'static str {
        match lang {
            Lang::Ru => match (n % 10, n % 100) {
                (1, r) if r != 11 => self.one,
                (2..=4, r) if !(12..=14).contains(&r) => self.few,
                _ => self.many,
            },
            Lang::En if n == 1 => self.en_one,
            Lang::En => self.en_many,
        }
    }
}

/// «1 пара», «2 пары», «5 пар».
pub const PAIRS: Plural = Plural {
    one: "пара",
    few: "пары",
    many: "пар",
    en_one: "pair",
    en_many: "pairs",
};

/// «3 года», «11 лет», «1 year».
pub fn count(n: u64, lang: Lang, noun: Plural) -> String {
    format!("{n} {}", noun.of(n, lang))
}

/// A formatted text in the language of the moment: `tr!(lang, "ru {x}",
/// "en {x}")`, both with the same values.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $ru:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        match $lang {
            $crate::i18n::Lang::Ru => format!($ru $(, $arg)*),
            $crate::i18n::Lang::En => format!($en $(, $arg)*),
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_have_three_forms() {
        let ru = |n| count(n, Lang::Ru, PAIRS);
        assert_eq!(
            [
                ru(1),
                ru(2),
                ru(5),
                ru(11),
                ru(12),
                ru(21),
                ru(22),
                ru(25),
                ru(111)
            ],
            [
                "1 пара",
                "2 пары",
                "5 пар",
                "11 пар",
                "12 пар",
                "21 пара",
                "22 пары",
                "25 пар",
                "111 пар"
            ]
        );
        assert_eq!(count(1, Lang::En, PAIRS), "1 pair");
        assert_eq!(count(0, Lang::En, PAIRS), "0 pairs");
    }

    #[test]
    fn tr_formats_in_the_language_given() {
        let n = 3;
        assert_eq!(tr!(Lang::Ru, "{n} шт.", "{n} pcs"), "3 шт.");
        assert_eq!(tr!(Lang::En, "{} шт.", "{} pcs", n), "3 pcs");
    }
}
