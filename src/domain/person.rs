//! Mentors and mentees: the columns of the official bases.

use super::dates::age_on;
use super::vocab::{Form, MenteeCategory, MentorCategory};
use super::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What mentors and mentees share.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// ФИО, as written (spaces normalised).
    pub full_name: String,
    pub birth_date: Option<NaiveDate>,
    /// For a pupil: the grade on entering the program.
    pub grade: Option<Grade>,
    /// Whole years of experience on entering the program.
    pub experience_years: Option<u32>,
    /// Место работы/учёбы.
    pub workplace: String,
    pub position: String,
    pub contacts: String,
    /// A minor's legal representative (законный представитель).
    pub guardian: String,
    pub interests: Vec<String>,
    pub subjects: Vec<String>,
    /// Forms of mentoring this person takes part in or wishes.
    pub forms: Vec<Form>,
    pub consent: Option<Consent>,
    /// Дата вхождения в программу.
    pub joined: Option<NaiveDate>,
    /// Ids of people on the other side this person would prefer.
    pub wishes: Vec<Id>,
    pub notes: String,
}

impl Person {
    /// Age in full years on `on`, if the birth date is known.
    pub fn age_on(&self, on: NaiveDate) -> Option<i32> {
        self.birth_date.map(|b| age_on(b, on))
    }

    /// Under 18 on `on`. Unknown birth dates count as adults here; the
    /// validation that needs an age demands the birth date first.
    pub fn is_minor_on(&self, on: NaiveDate) -> bool {
        self.age_on(on).is_some_and(|a| a < 18)
    }

    /// Written consent on file, and for someone who is a minor on `on`, given
    /// by the legal representative.
    pub fn has_valid_consent_on(&self, on: NaiveDate) -> bool {
        match &self.consent {
            None => false,
            Some(c) => !self.is_minor_on(on) || c.by_guardian,
        }
    }
}

/// Письменное согласие на участие и обработку персональных данных.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub date: NaiveDate,
    /// Given by the legal representative (required for a minor).
    #[serde(default)]
    pub by_guardian: bool,
}

/// A school grade: the year 1–11 and an optional letter («9А»).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Grade {
    pub year: u8,
    pub letter: String,
}

impl Grade {
    /// «9А», «9 а», «10-Б», «11» → a grade; years 1 to 11 only.
    pub fn parse(s: &str) -> Option<Grade> {
        let t = s.trim();
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
        let year: u8 = digits.parse().ok()?;
        if !(1..=11).contains(&year) {
            return None;
        }
        let rest = t[digits.len()..].trim_start_matches([' ', '-', '«', '"']);
        let rest = rest.trim_end_matches(['»', '"', ' ']);
        let rest = rest.trim().strip_suffix("класс").unwrap_or(rest).trim();
        if rest.chars().count() > 2 || rest.chars().any(|c| !c.is_alphabetic()) {
            return None;
        }
        Some(Grade {
            year,
            letter: rest.to_uppercase(),
        })
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.year, self.letter)
    }
}

impl TryFrom<String> for Grade {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Grade::parse(&s).ok_or_else(|| format!("not a grade: {s}"))
    }
}

impl From<Grade> for String {
    fn from(g: Grade) -> String {
        g.to_string()
    }
}

/// An inclusive range of ages, e.g. the mentees a mentor prefers: «10-14».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeRange {
    pub min: u8,
    pub max: u8,
}

impl AgeRange {
    pub fn parse(s: &str) -> Option<AgeRange> {
        let t = s.trim().trim_end_matches("лет").trim();
        let (a, b) = t
            .split_once(['-', '–', '—'])
            .map(|(a, b)| (a.trim(), b.trim()))
            .unwrap_or((t, t));
        let (min, max) = (a.parse().ok()?, b.parse().ok()?);
        (min <= max && max <= 120).then_some(AgeRange { min, max })
    }

    pub fn contains(self, age: i32) -> bool {
        (self.min as i32..=self.max as i32).contains(&age)
    }
}

impl fmt::Display for AgeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{}-{}", self.min, self.max)
        }
    }
}

/// Наставник: one row of the base of mentors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Mentor {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    pub person: Person,
    pub category: MentorCategory,
    /// The partner organisation employing an employer's representative.
    pub partner_id: Option<Id>,
    /// Основные компетенции: what the mentor can teach.
    pub competencies: Vec<String>,
    pub achievements: String,
    /// The most mentees at once.
    pub capacity: u32,
    /// Ресурс времени, hours a month.
    pub time_budget: Option<u32>,
    pub preferred_age: Option<AgeRange>,
    /// The order appointing them a mentor (приказ о назначении наставником),
    /// as written: «№ 12-к от 01.09.2025».
    pub appointment_order: String,
}

impl Default for Mentor {
    fn default() -> Self {
        Mentor {
            id: 0,
            org_id: 0,
            archived: false,
            person: Person::default(),
            category: MentorCategory::Teacher,
            partner_id: None,
            competencies: Vec::new(),
            achievements: String::new(),
            capacity: 1,
            time_budget: None,
            preferred_age: None,
            appointment_order: String::new(),
        }
    }
}

/// Наставляемый: one row of the base of mentees.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Mentee {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    pub person: Person,
    pub category: MenteeCategory,
    /// Основной запрос: what the mentee wants to learn, their deficit.
    pub request: Vec<String>,
    /// The curator's decisions in matching.
    pub matching: MatchDecisions,
}

/// What the curator decided about a mentee's mentors while matching.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchDecisions {
    /// Kept in every proposal.
    pub locked: Option<Id>,
    /// Never proposed.
    pub rejected: Vec<Id>,
}

/// A full name as lists print it: «Иванова Марина Сергеевна» →
/// «Иванова М. С.»; a name of one word, or an erased person's label, as
/// it is.
pub fn short_name(full: &str) -> String {
    if super::erasure::is_erased_name(full) {
        return full.to_string();
    }
    // Cleaned first: an initial is never a control character's.
    let clean = crate::text::sanitize_line(full);
    let mut words = clean.split_whitespace();
    let Some(surname) = words.next() else {
        return String::new();
    };
    let mut out = surname.to_string();
    for w in words {
        if let Some(c) = w.chars().find(|c| c.is_alphabetic()) {
            out.push(' ');
            out.push(c);
            out.push('.');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_full_name_is_shortened_to_initials_from_its_clean_text() {
        use super::short_name;
        assert_eq!(short_name("Иванова Марина Сергеевна"), "Иванова М. С.");
        assert_eq!(short_name("  Орлов   Кирилл "), "Орлов К.");
        assert_eq!(short_name("Сомова Анна \u{1b}[31mЛьвовна"), "Сомова А. Л.");
        assert_eq!(short_name("Рахимов"), "Рахимов");
        let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let erased = crate::domain::erasure::erased_name(on);
        assert_eq!(short_name(&erased), erased);
    }

    use super::*;

    #[test]
    fn grades_parse_in_the_usual_spellings() {
        let g = |y, l: &str| {
            Some(Grade {
                year: y,
                letter: l.into(),
            })
        };
        assert_eq!(Grade::parse("9А"), g(9, "А"));
        assert_eq!(Grade::parse("10 б"), g(10, "Б"));
        assert_eq!(Grade::parse("11-В"), g(11, "В"));
        assert_eq!(Grade::parse("7"), g(7, ""));
        assert_eq!(Grade::parse("7 класс"), g(7, ""));
        assert_eq!(Grade::parse("12А"), None);
        assert_eq!(Grade::parse("А9"), None);
    }

    #[test]
    fn age_ranges() {
        assert_eq!(
            AgeRange::parse("10-14"),
            Some(AgeRange { min: 10, max: 14 })
        );
        assert_eq!(
            AgeRange::parse("12 – 15 лет"),
            Some(AgeRange { min: 12, max: 15 })
        );
        assert_eq!(AgeRange::parse("15-10"), None);
        assert!(AgeRange { min: 10, max: 14 }.contains(14));
    }
}
