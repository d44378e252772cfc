//! The score of a candidate pair: whole points per criterion, weighted by
//! the curator's settings, each with its explanation in words. The parts
//! always add up to the score.

use crate::domain::*;
use crate::i18n::Lang;
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// The most points each criterion can give. The defaults add up to 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// The mentee's request covered by the mentor's competencies.
    pub request: u32,
    pub subject: u32,
    pub interests: u32,
    /// The pair's form among those each side named.
    pub form: u32,
    pub same_organisation: u32,
    /// Full at 10 years of experience or more.
    pub experience: u32,
    /// Full at 4 hours a month or more.
    pub time_budget: u32,
    /// Either side named the other as preferred.
    pub wishes: u32,
}

impl Weights {
    pub fn sum(&self) -> u32 {
        self.request
            + self.subject
            + self.interests
            + self.form
            + self.same_organisation
            + self.experience
            + self.time_budget
            + self.wishes
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            request: 40,
            subject: 15,
            interests: 10,
            form: 10,
            same_organisation: 5,
            experience: 10,
            time_budget: 5,
            wishes: 5,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    Request,
    Subject,
    Interests,
    Form,
    SameOrganisation,
    Experience,
    TimeBudget,
    Wishes,
}

impl Criterion {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Criterion::Request => lang.pick("запрос ↔ компетенции", "request ↔ competencies"),
            Criterion::Subject => lang.pick("предмет", "subject"),
            Criterion::Interests => lang.pick("интересы", "interests"),
            Criterion::Form => lang.pick("желаемая форма", "preferred form"),
            Criterion::SameOrganisation => lang.pick("та же организация", "same organisation"),
            Criterion::Experience => lang.pick("стаж наставника", "mentor's experience"),
            Criterion::TimeBudget => lang.pick("ресурс времени", "time budget"),
            Criterion::Wishes => lang.pick("пожелания сторон", "wishes"),
        }
    }
}

/// What matched, kept as facts and put in words when shown, in the
/// language of the moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    None,
    /// The tags in common («математика, ОГЭ»): the data's own words.
    Tags(Vec<String>),
    Form(Form),
    Years(usize),
    HoursAMonth(u32),
}

impl Detail {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Detail::None => String::new(),
            Detail::Tags(tags) => tags.join(", "),
            Detail::Form(f) => f.label(lang).into(),
            Detail::Years(n) => crate::i18n::count(*n as u64, lang, YEARS),
            Detail::HoursAMonth(h) => format!("{h} {}", lang.pick("ч/мес", "h/month")),
        }
    }
}

const YEARS: crate::i18n::Plural = crate::i18n::Plural {
    one: "год",
    few: "года",
    many: "лет",
    en_one: "year",
    en_many: "years",
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub criterion: Criterion,
    pub detail: Detail,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub total: u32,
    pub parts: Vec<Part>,
}

impl Score {
    /// «запрос ↔ компетенции: математика, ОГЭ — 40; предмет: физика — 15».
    pub fn explain(&self, lang: Lang) -> String {
        if self.parts.is_empty() {
            return lang
                .pick("совпадений нет — 0", "nothing in common — 0")
                .into();
        }
        self.parts
            .iter()
            .map(|p| match p.detail.text(lang) {
                d if d.is_empty() => format!("{} — {}", p.criterion.label(lang), p.points),
                d => format!("{}: {d} — {}", p.criterion.label(lang), p.points),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// `weight × num / den`, rounded to the nearest whole point.
fn share(weight: u32, num: usize, den: usize) -> u32 {
    if den == 0 {
        return 0;
    }
    ((weight as usize * num * 2 + den) / (den * 2)) as u32
}

/// The tags of `a` that are also in `b` (folded), in `a`'s spelling.
fn common(a: &[String], b: &[String]) -> Vec<String> {
    let folded: Vec<String> = b.iter().map(|t| fold(t)).collect();
    a.iter()
        .filter(|t| folded.contains(&fold(t)))
        .cloned()
        .collect()
}

/// How many tags two people share per list: all the score needs of tags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overlaps {
    pub request: usize,
    pub subjects: usize,
    pub interests: usize,
}

/// The points of each criterion: the one arithmetic behind both the fast
/// totals of the assignment and the worded explanation.
pub fn points(
    mentor: &Mentor,
    mentee: &Mentee,
    form: Form,
    w: &Weights,
    o: Overlaps,
) -> [(Criterion, u32); 8] {
    let fewer = mentee
        .person
        .interests
        .len()
        .min(mentor.person.interests.len());
    let sides = usize::from(mentee.person.forms.contains(&form))
        + usize::from(mentor.person.forms.contains(&form));
    let years = mentor.person.experience_years.unwrap_or(0).min(10) as usize;
    let hours = mentor.time_budget.unwrap_or(0).min(4) as usize;
    let wished = usize::from(mentee.person.wishes.contains(&mentor.id))
        + usize::from(mentor.person.wishes.contains(&mentee.id));
    [
        (
            Criterion::Request,
            share(w.request, o.request, mentee.request.len()),
        ),
        (
            Criterion::Subject,
            if o.subjects > 0 { w.subject } else { 0 },
        ),
        (
            Criterion::Interests,
            share(w.interests, o.interests.min(fewer), fewer),
        ),
        (Criterion::Form, share(w.form, sides, 2)),
        (
            Criterion::SameOrganisation,
            if mentor.org_id == mentee.org_id {
                w.same_organisation
            } else {
                0
            },
        ),
        (Criterion::Experience, share(w.experience, years, 10)),
        (Criterion::TimeBudget, share(w.time_budget, hours, 4)),
        (Criterion::Wishes, share(w.wishes, wished, 2)),
    ]
}

/// The score with its explanation in words.
pub fn score(mentor: &Mentor, mentee: &Mentee, form: Form, w: &Weights) -> Score {
    let req = common(&mentee.request, &mentor.competencies);
    let subj = common(&mentee.person.subjects, &mentor.person.subjects);
    let int = common(&mentee.person.interests, &mentor.person.interests);
    let o = Overlaps {
        request: req.len(),
        subjects: subj.len(),
        interests: int.len(),
    };
    let years = mentor.person.experience_years.unwrap_or(0).min(10) as usize;
    let parts: Vec<Part> = points(mentor, mentee, form, w, o)
        .into_iter()
        .filter(|(_, p)| *p > 0)
        .map(|(criterion, points)| {
            let detail = match criterion {
                Criterion::Request => Detail::Tags(req.clone()),
                Criterion::Subject => Detail::Tags(subj.clone()),
                Criterion::Interests => Detail::Tags(int.clone()),
                Criterion::Form => Detail::Form(form),
                Criterion::Experience => Detail::Years(years),
                Criterion::TimeBudget => Detail::HoursAMonth(mentor.time_budget.unwrap_or(0)),
                Criterion::SameOrganisation | Criterion::Wishes => Detail::None,
            };
            Part {
                criterion,
                detail,
                points,
            }
        })
        .collect();
    Score {
        total: parts.iter().map(|p| p.points).sum(),
        parts,
    }
}

/// Tags folded and numbered once, so that a million pairs compare numbers.
#[derive(Default)]
pub struct Interner(std::collections::HashMap<String, u32>);

impl Interner {
    /// The sorted, distinct numbers of a tag list.
    pub fn ids(&mut self, tags: &[String]) -> Vec<u32> {
        let mut v: Vec<u32> = tags
            .iter()
            .map(|t| {
                let n = self.0.len() as u32;
                *self.0.entry(fold(t)).or_insert(n)
            })
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// How many numbers two sorted lists share.
pub fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
