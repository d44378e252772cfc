//! Erasure on a subject's request (152-ФЗ, ст. 21): what of a person is
//! removed, what stays for the reports' counts, and how their name is taken
//! out of the notes of their meetings. Pure functions; the store applies them.

use super::*;
use crate::text::fold;
use chrono::{Datelike, NaiveDate};

/// What an erased person is shown as.
pub const ERASED: &str = "удалён по запросу";

/// The name an erased record carries: «удалён по запросу 01.12.2026».
pub fn erased_name(on: NaiveDate) -> String {
    format!("{ERASED} {}", dates::format_date(on))
}

pub fn is_erased_name(name: &str) -> bool {
    name.starts_with(ERASED)
}

/// A person without what identifies them. What the district's counts need
/// stays: the category (on the record), the grade's year, the birth year
/// (as 1 January, so that age groups are counted to within a year), the
/// forms, consent, the joining date.
pub fn erase_person(p: &Person, on: NaiveDate) -> Person {
    Person {
        full_name: erased_name(on),
        birth_date: p
            .birth_date
            .and_then(|b| NaiveDate::from_ymd_opt(b.year(), 1, 1)),
        grade: p.grade.as_ref().map(|g| Grade {
            year: g.year,
            letter: String::new(),
        }),
        experience_years: p.experience_years,
        forms: p.forms.clone(),
        consent: p.consent.clone(),
        joined: p.joined,
        ..Person::default()
    }
}

pub fn erase_mentor(m: &Mentor, on: NaiveDate) -> Mentor {
    Mentor {
        person: erase_person(&m.person, on),
        competencies: Vec::new(),
        achievements: String::new(),
        ..m.clone()
    }
}

pub fn erase_mentee(m: &Mentee, on: NaiveDate) -> Mentee {
    Mentee {
        person: erase_person(&m.person, on),
        request: Vec::new(),
        matching: MatchDecisions::default(),
        ..m.clone()
    }
}

/// A partner's name and contacts are a contact person's data as often as
/// an enterprise's.
pub fn erase_partner(p: &Partner, on: NaiveDate) -> Partner {
    Partner {
        name: erased_name(on),
        contacts: String::new(),
        ..p.clone()
    }
}

/// Takes a name out of free text: every word that begins like one of the
/// name's parts (so «Петровым», «Илье» go with «Петров Илья»), as the
/// notes of a meeting decline a name.
pub struct Scrubber {
    stems: Vec<String>,
}

const REMOVED: &str = "[удалено]";

impl Scrubber {
    pub fn new(full_name: &str) -> Scrubber {
        let stems = fold(full_name)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(|w| {
                // Russian endings change in declension: keep the stem.
                let n = w.chars().count();
                let keep = if n > 4 { n - 2 } else { 3 };
                w.chars().take(keep).collect()
            })
            .collect();
        Scrubber { stems }
    }

    pub fn scrub(&self, text: &str) -> String {
        if self.stems.is_empty() || text.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            if word.is_empty() {
                return;
            }
            let f = fold(word);
            if self.stems.iter().any(|s| f.starts_with(s.as_str())) {
                out.push_str(REMOVED);
            } else {
                out.push_str(word);
            }
            word.clear();
        };
        for c in text.chars() {
            if c.is_alphanumeric() {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
        out
    }

    pub fn meeting(&self, m: &Meeting) -> Meeting {
        let mut m = m.clone();
        for t in [
            &mut m.topic,
            &mut m.outcome,
            &mut m.next_steps,
            &mut m.place,
            &mut m.feedback.comment,
        ] {
            *t = self.scrub(t);
        }
        m
    }

    pub fn unit(&self, u: &Unit) -> Unit {
        let mut u = u.clone();
        for t in [
            &mut u.result,
            &mut u.end_reason,
            &mut u.place,
            &mut u.role_model,
            &mut u.case_link,
        ] {
            *t = self.scrub(t);
        }
        u
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declined_name_is_taken_out_and_other_words_stay() {
        let s = Scrubber::new("Петров Илья Сергеевич");
        assert_eq!(
            s.scrub("Обсудили с Петровым Ильёй задачи; Илья доволен. Сергеевичу — план."),
            "Обсудили с [удалено] [удалено] задачи; [удалено] доволен. [удалено] — план."
        );
        assert_eq!(s.scrub("План на неделю"), "План на неделю");
    }

    #[test]
    fn an_erased_pupil_keeps_what_the_counts_need() {
        let p = Person {
            full_name: "Петров Илья".into(),
            birth_date: NaiveDate::from_ymd_opt(2011, 5, 17),
            grade: Grade::parse("8Б"),
            contacts: "8-900-111-22-33".into(),
            guardian: "Петрова Анна".into(),
            notes: "любит шахматы".into(),
            ..Person::default()
        };
        let e = erase_person(&p, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(e.full_name, "удалён по запросу 01.12.2026");
        assert_eq!(e.birth_date, NaiveDate::from_ymd_opt(2011, 1, 1));
        assert_eq!(e.grade.unwrap().year, 8);
        assert!(e.contacts.is_empty() && e.guardian.is_empty() && e.notes.is_empty());
    }
}
