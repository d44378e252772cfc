//! The quick check of a database: counts per base, pairs by status and
//! form, and the warnings a curator must act on. Pure: works on a Dataset.

use crate::domain::validate::consent_issues;
use crate::domain::*;
use crate::i18n::Lang;
use crate::tr;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaseCount {
    pub base: &'static str,
    pub active: usize,
    pub archived: usize,
}

/// The name of a base (as in [`BaseCount::base`]) for people.
pub fn base_label(base: &str, lang: Lang) -> &'static str {
    match base {
        "mentors" => lang.pick("наставники", "mentors"),
        "mentees" => lang.pick("наставляемые", "mentees"),
        "programs" => lang.pick("программы", "programs"),
        "partners" => lang.pick("партнёры", "partners"),
        "pairs" => lang.pick("пары и группы", "pairs and groups"),
        "meetings" => lang.pick("встречи", "meetings"),
        _ => lang.pick("анкеты (ответы)", "survey responses"),
    }
}

/// The record a warning is about, so a screen can jump to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "record", content = "id", rename_all = "snake_case")]
pub enum Target {
    Unit(Id),
    Mentor(Id),
    Roadmap(Id),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WarningKind {
    /// A live pair where someone has no valid written consent.
    NoConsent { who: String, status: UnitStatus },
    /// A mentor with more mentees in live pairs than their capacity.
    OverCapacity {
        who: String,
        load: u32,
        capacity: u32,
    },
    /// Something in a pair's meetings (no meeting for weeks, no feedback ...).
    Meetings {
        issue: crate::meetings::MeetingIssue,
    },
    /// A live pair formed although a pupil mentor is not older or not in a
    /// higher grade than the mentee (chosen after the warning), for as long
    /// as the rule stays broken.
    RuleBroken {
        mentor: String,
        mentee: String,
        rules: Vec<crate::matching::rules::Reason>,
    },
    /// An active pair of employees (учитель – учитель, руководитель –
    /// педагог) without what ТК РФ ст. 351.8 asks the school to keep.
    LabourTerms {
        mentor: String,
        missing: Vec<crate::domain::labour::Term>,
    },
    /// Such a pair ended early without the mentor's written notice, or
    /// before three working days passed after it.
    Notice {
        end: chrono::NaiveDate,
        gap: crate::domain::labour::NoticeGap,
    },
    /// An active pair of employees past the end of its agreement's period:
    /// the agreement sets how long the mentoring lasts.
    AgreementEnded { to: chrono::NaiveDate },
    /// A roadmap item past its date and not done, or due within two weeks.
    Roadmap {
        number: String,
        title: String,
        due: chrono::NaiveDate,
        overdue: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub target: Target,
    #[serde(flatten)]
    pub kind: WarningKind,
    /// The pair's people, for a warning about a pair: a curator knows
    /// pairs by who is in them, not by number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pair: Option<PairName>,
}

/// Who is in a pair or group, in lists' short forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairName {
    pub mentors: Vec<String>,
    pub mentees: Vec<String>,
}

impl PairName {
    pub fn of(ds: &Dataset, u: &Unit) -> PairName {
        let short = |who| crate::domain::person::short_name(ds.person_name(who));
        PairName {
            mentors: u
                .mentors
                .iter()
                .map(|m| short(PersonRef::Mentor(*m)))
                .collect(),
            mentees: u
                .mentees
                .iter()
                .map(|m| short(PersonRef::Mentee(*m)))
                .collect(),
        }
    }

    /// «пара Иванова А. П. → Орлов К. Е.», a group «группа Иванова А. П. (5)».
    pub fn words(&self, lang: Lang) -> String {
        let mentors = if self.mentors.is_empty() {
            "?".to_string()
        } else {
            self.mentors.join(", ")
        };
        match self.mentees.as_slice() {
            [one] => tr!(lang, "пара {mentors} → {one}", "pair {mentors} → {one}"),
            many => tr!(
                lang,
                "группа {mentors} ({})",
                "group {mentors} ({})",
                many.len()
            ),
        }
    }
}

impl Warning {
    /// A warning about `target`, a pair named by its people.
    fn about(ds: &Dataset, target: Target, kind: WarningKind) -> Warning {
        let pair = match target {
            Target::Unit(id) => ds.units.get(&id).map(|u| PairName::of(ds, u)),
            _ => None,
        };
        Warning { target, kind, pair }
    }

    /// «пара Иванова А. П. → Орлов К. Е.», else «пара #7».
    fn pair_words(&self, lang: Lang) -> String {
        match &self.pair {
            Some(p) => p.words(lang),
            None => tr!(lang, "пара #{}", "pair #{}", unit_id(self.target)),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        self.message_naming(lang, self.pair_words(lang))
    }

    /// As [`Warning::message`], beside the pair it is about (its meetings'
    /// pane): «пара» alone, its people already shown.
    pub fn message_beside_pair(&self, lang: Lang) -> String {
        self.message_naming(lang, lang.pick("пара", "pair").to_string())
    }

    fn message_naming(&self, lang: Lang, pair: String) -> String {
        match (&self.kind, self.target) {
            (WarningKind::NoConsent { who, status }, Target::Unit(_)) => tr!(
                lang,
                "{pair} ({}): нет письменного согласия — {who}",
                "{pair} ({}): no written consent — {who}",
                status.label(lang)
            ),
            (
                WarningKind::OverCapacity {
                    who,
                    load,
                    capacity,
                },
                _,
            ) => tr!(
                lang,
                "наставник {who}: наставляемых {load} при лимите {capacity}",
                "mentor {who}: {load} mentees, capacity {capacity}"
            ),
            (WarningKind::Meetings { issue }, Target::Unit(_)) => {
                tr!(lang, "{pair}: {}", "{pair}: {}", issue.message(lang))
            }
            (
                WarningKind::Roadmap {
                    number,
                    title,
                    due,
                    overdue,
                },
                _,
            ) => {
                let due = crate::domain::dates::format_date(*due);
                if *overdue {
                    tr!(
                        lang,
                        "дорожная карта {number}: просрочено с {due} — {title}",
                        "roadmap {number}: overdue since {due} — {title}"
                    )
                } else {
                    tr!(
                        lang,
                        "дорожная карта {number}: срок {due} — {title}",
                        "roadmap {number}: due {due} — {title}"
                    )
                }
            }
            (
                WarningKind::RuleBroken {
                    mentor,
                    mentee,
                    rules,
                },
                _,
            ) => {
                let rules: Vec<&str> = rules.iter().map(|r| r.message(lang)).collect();
                tr!(
                    lang,
                    "{pair}: нарушено правило подбора — {mentor} → {mentee}: {}",
                    "{pair}: a matching rule is broken — {mentor} → {mentee}: {}",
                    rules.join("; ")
                )
            }
            (WarningKind::LabourTerms { mentor, missing }, _) => {
                let missing: Vec<&str> = missing.iter().map(|t| t.label(lang)).collect();
                tr!(
                    lang,
                    "{pair}: по ТК РФ ст. 351.8 нет — {} (наставник {mentor})",
                    "{pair}: under LC art. 351.8, missing — {} (mentor {mentor})",
                    missing.join(", ")
                )
            }
            (WarningKind::Notice { end, gap }, _) => {
                let end = crate::domain::dates::format_date(*end);
                match gap {
                    crate::domain::labour::NoticeGap::NoNotice => tr!(
                        lang,
                        "{pair} прекращена {end}: нет даты письменного уведомления наставника (ТК РФ ст. 351.8: не позднее чем за три рабочих дня)",
                        "{pair} ended {end}: no date of the mentor's written notice (LC art. 351.8: at least three working days before)"
                    ),
                    crate::domain::labour::NoticeGap::TooShort { notice, earliest } => tr!(
                        lang,
                        "{pair} прекращена {end}, уведомление от {}: три рабочих дня прошли бы только {} (ТК РФ ст. 351.8)",
                        "{pair} ended {end}, notice of {}: three working days would have passed only on {} (LC art. 351.8)",
                        crate::domain::dates::format_date(*notice),
                        crate::domain::dates::format_date(*earliest)
                    ),
                }
            }
            (WarningKind::AgreementEnded { to }, _) => tr!(
                lang,
                "{pair}: срок соглашения по ТК РФ ст. 351.8 истёк {}, а пара активна — продлите соглашение или завершите пару",
                "{pair}: the LC art. 351.8 agreement's period ended on {}, yet the pair is active — extend the agreement or end the pair",
                crate::domain::dates::format_date(*to)
            ),
            (WarningKind::NoConsent { who, .. }, _) => who.clone(),
            (WarningKind::Meetings { issue }, _) => issue.message(lang),
        }
    }
}

fn unit_id(target: Target) -> Id {
    match target {
        Target::Unit(id) => id,
        _ => 0,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Status {
    pub organisations: usize,
    pub default_org: Option<String>,
    pub bases: Vec<BaseCount>,
    pub pairs_by_status: BTreeMap<UnitStatus, usize>,
    pub pairs_by_form: BTreeMap<Form, usize>,
    pub groups: usize,
    pub warnings: Vec<Warning>,
}

/// The one line for a login message or a prompt: pairs in work, warnings,
/// roadmap items overdue (counted apart from the other warnings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Short {
    pub active_pairs: usize,
    pub warnings: usize,
    pub overdue: usize,
}

impl Status {
    pub fn short(&self) -> Short {
        let overdue = self
            .warnings
            .iter()
            .filter(|w| matches!(w.kind, WarningKind::Roadmap { overdue: true, .. }))
            .count();
        Short {
            active_pairs: self
                .pairs_by_status
                .get(&UnitStatus::Active)
                .copied()
                .unwrap_or(0),
            warnings: self.warnings.len() - overdue,
            overdue,
        }
    }
}

fn count<'a, T: 'a>(
    base: &'static str,
    items: impl Iterator<Item = &'a T>,
    archived: impl Fn(&T) -> bool,
) -> BaseCount {
    let (mut active, mut arch) = (0, 0);
    for i in items {
        if archived(i) {
            arch += 1;
        } else {
            active += 1;
        }
    }
    BaseCount {
        base,
        active,
        archived: arch,
    }
}

/// The date warnings are judged on and their thresholds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub as_of: chrono::NaiveDate,
    pub meetings: crate::meetings::Thresholds,
    /// The working days a notice is counted in.
    pub calendar: crate::domain::calendar::Calendar,
}

/// The status of `ds` on `opts.as_of`. Meetings are counted and judged from
/// `timelines`, so `ds` may come without its meeting log (see
/// `Store::load_without_meetings`).
pub fn compute(ds: &Dataset, timelines: &Timelines, opts: &Options) -> Status {
    let briefs = timelines.values().flatten();
    let archived_meetings = briefs.clone().filter(|b| b.archived).count();
    let bases = vec![
        count("mentors", ds.mentors.values(), |m| m.archived),
        count("mentees", ds.mentees.values(), |m| m.archived),
        count("programs", ds.programs.values(), |p| p.archived),
        count("partners", ds.partners.values(), |p| p.archived),
        count("pairs", ds.units.values(), |u| u.archived),
        BaseCount {
            base: "meetings",
            active: briefs.count() - archived_meetings,
            archived: archived_meetings,
        },
        count("survey_responses", ds.responses.values(), |r| r.archived),
    ];
    let mut pairs_by_status = BTreeMap::new();
    let mut pairs_by_form = BTreeMap::new();
    let mut groups = 0;
    for u in ds.units.values().filter(|u| !u.archived) {
        *pairs_by_status.entry(u.status).or_insert(0) += 1;
        *pairs_by_form.entry(u.form).or_insert(0) += 1;
        groups += usize::from(u.is_group());
    }
    Status {
        organisations: ds.orgs.values().filter(|o| !o.archived).count(),
        default_org: ds.default_org().map(|o| o.name.clone()),
        bases,
        pairs_by_status,
        pairs_by_form,
        groups,
        warnings: warnings(ds, timelines, opts),
    }
}

/// ТК РФ ст. 351.8: active employees' pairs without their terms, and those
/// ended early this academic year without due notice.
fn labour_warnings(ds: &Dataset, opts: &Options, out: &mut Vec<Warning>) {
    let as_of = opts.as_of;
    use crate::domain::labour;
    let (year_from, _) = crate::domain::dates::academic_year_of(as_of);
    for u in ds.units.values().filter(|u| !u.archived) {
        let target = Target::Unit(u.id);
        if u.status == UnitStatus::Active {
            let missing = labour::missing_terms(u);
            if !missing.is_empty() {
                let mentor = u
                    .mentors
                    .iter()
                    .map(|m| ds.person_name(PersonRef::Mentor(*m)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let kind = WarningKind::LabourTerms { mentor, missing };
                out.push(Warning::about(ds, target, kind));
            }
        }
        if let Some(to) = labour::agreement_ended(u, as_of) {
            out.push(Warning::about(
                ds,
                target,
                WarningKind::AgreementEnded { to },
            ));
        }
        if let (Some(gap), Some(end)) = (labour::notice_gap(u, &opts.calendar), u.end) {
            if end >= year_from {
                let kind = WarningKind::Notice { end, gap };
                out.push(Warning::about(ds, target, kind));
            }
        }
    }
}

fn warnings(ds: &Dataset, timelines: &Timelines, opts: &Options) -> Vec<Warning> {
    let mut out = Vec::new();
    for u in ds.units.values().filter(|u| u.is_live()) {
        for m in u.mentors.iter().filter_map(|id| ds.mentors.get(id)) {
            for e in u.mentees.iter().filter_map(|id| ds.mentees.get(id)) {
                // The mentor's preferred age is a wish that a mentee's
                // birthday can outgrow: only the rules about who may mentor
                // whom are flagged.
                use crate::matching::rules::Reason;
                let rules: Vec<Reason> = crate::matching::rules::standing(m, e, opts.as_of)
                    .into_iter()
                    .filter(|r| matches!(r, Reason::MentorNotOlder | Reason::GradeNotHigher))
                    .collect();
                if !rules.is_empty() {
                    out.push(Warning::about(
                        ds,
                        Target::Unit(u.id),
                        WarningKind::RuleBroken {
                            mentor: m.person.full_name.clone(),
                            mentee: e.person.full_name.clone(),
                            rules,
                        },
                    ));
                }
            }
        }
        // Consent is judged as of the pair's start; a pair not started yet
        // is judged as of its order date, else as of the consent itself.
        let people = u
            .mentors
            .iter()
            .filter_map(|id| ds.mentors.get(id).map(|m| &m.person))
            .chain(
                u.mentees
                    .iter()
                    .filter_map(|id| ds.mentees.get(id).map(|m| &m.person)),
            );
        let on = u.start.or(u.order_date);
        let missing: Vec<String> = match on {
            Some(on) => consent_issues(people, on)
                .into_iter()
                .filter_map(|i| match i.rule {
                    validate::Rule::NoConsent { who }
                    | validate::Rule::MinorConsentNotByGuardian { who } => Some(who),
                    _ => None,
                })
                .collect(),
            None => people
                .filter(|p| p.consent.is_none())
                .map(|p| p.full_name.clone())
                .collect(),
        };
        if !missing.is_empty() {
            out.push(Warning::about(
                ds,
                Target::Unit(u.id),
                WarningKind::NoConsent {
                    who: missing.join(", "),
                    status: u.status,
                },
            ));
        }
    }
    labour_warnings(ds, opts, &mut out);
    for (id, load) in ds.mentor_loads() {
        if let Some(m) = ds.mentors.get(&id) {
            if load > m.capacity {
                out.push(Warning::about(
                    ds,
                    Target::Mentor(id),
                    WarningKind::OverCapacity {
                        who: m.person.full_name.clone(),
                        load,
                        capacity: m.capacity,
                    },
                ));
            }
        }
    }
    for u in ds.units.values() {
        let timeline = timelines.get(&u.id).map(Vec::as_slice).unwrap_or(&[]);
        for issue in crate::meetings::issues(u, timeline, opts.as_of, &opts.meetings) {
            out.push(Warning::about(
                ds,
                Target::Unit(u.id),
                WarningKind::Meetings { issue },
            ));
        }
    }
    // Overdue items first, then those falling due soon, each by date.
    let mut roadmap: Vec<(bool, chrono::NaiveDate, &RoadmapItem)> = Vec::new();
    for item in ds.roadmap.values().filter(|i| !i.archived) {
        match crate::roadmap::standing(item, opts.as_of, crate::roadmap::SOON_DAYS) {
            crate::roadmap::Standing::Overdue(due) => roadmap.push((true, due, item)),
            crate::roadmap::Standing::DueSoon(due) => roadmap.push((false, due, item)),
            _ => {}
        }
    }
    roadmap.sort_by_key(|(overdue, due, item)| (!overdue, *due, item.id));
    for (overdue, due, item) in roadmap {
        out.push(Warning::about(
            ds,
            Target::Roadmap(item.id),
            WarningKind::Roadmap {
                number: item.number.clone(),
                title: item.title.clone(),
                due,
                overdue,
            },
        ));
    }
    out
}
/// A warning's kind as a stable key (also `status --json`'s).
pub fn kind_key(w: &Warning) -> &'static str {
    use crate::meetings::MeetingIssue as M;
    use WarningKind as K;
    match &w.kind {
        K::NoConsent { .. } => "no_consent",
        K::OverCapacity { .. } => "over_capacity",
        K::RuleBroken { .. } => "rule_broken",
        K::LabourTerms { .. } => "labour_terms",
        K::Notice { .. } => "labour_notice",
        K::AgreementEnded { .. } => "labour_agreement_ended",
        K::Roadmap { overdue: true, .. } => "roadmap_overdue",
        K::Roadmap { .. } => "roadmap_due",
        K::Meetings { issue } => match issue {
            M::NoMeetingFor { .. } => "no_meeting_for",
            M::NoFirstMeeting { .. } => "no_first_meeting",
            M::NoFeedback { .. } => "no_feedback",
            M::InFuture { .. } => "in_future",
            M::BeforeStart { .. } => "before_start",
            M::PastPlannedEnd { .. } => "past_planned_end",
        },
    }
}

/// What warnings of a kind are, counted.
pub fn kind_label(key: &str, lang: Lang) -> &'static str {
    match key {
        "no_consent" => lang.pick(
            "пары без письменного согласия",
            "pairs without written consent",
        ),
        "over_capacity" => lang.pick("наставники сверх лимита", "mentors over capacity"),
        "labour_terms" => lang.pick(
            "пары педагогов без условий ТК 351.8",
            "employees' pairs lacking LC 351.8 terms",
        ),
        "labour_notice" => lang.pick(
            "пары педагогов: уведомление (ТК 351.8)",
            "employees' pairs: notice (LC 351.8)",
        ),
        "labour_agreement_ended" => lang.pick(
            "пары педагогов: срок соглашения истёк (ТК 351.8)",
            "employees' pairs past their agreement (LC 351.8)",
        ),
        "rule_broken" => lang.pick(
            "пары с нарушенным правилом подбора",
            "pairs breaking a matching rule",
        ),
        "roadmap_overdue" => lang.pick("пункты дорожной карты просрочены", "roadmap items overdue"),
        "roadmap_due" => lang.pick(
            "пункты дорожной карты: срок в ближайшие 14 дн.",
            "roadmap items due within 14 days",
        ),
        "no_meeting_for" => lang.pick("активные пары давно без встреч", "active pairs not meeting"),
        "no_first_meeting" => lang.pick(
            "активные пары без первой встречи",
            "active pairs without a first meeting",
        ),
        "no_feedback" => lang.pick(
            "пары, где обратная связь просрочена",
            "pairs with overdue feedback",
        ),
        "in_future" => lang.pick("встречи с датой в будущем", "meetings dated in the future"),
        "before_start" => lang.pick(
            "встречи раньше начала пары",
            "meetings before the pair started",
        ),
        _ => lang.pick(
            "активные пары после планового окончания",
            "active pairs past their planned end",
        ),
    }
}

/// Warnings per kind, in the order the kinds first appear.
pub fn counts_by_kind<'a>(
    warnings: impl IntoIterator<Item = &'a Warning>,
) -> Vec<(&'static str, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for w in warnings {
        let k = kind_key(w);
        match counts.iter_mut().find(|(key, _)| *key == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    counts
}
