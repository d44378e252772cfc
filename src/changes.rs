//! A change, in words: what undo took back and redo put again, for the
//! interface and the command line («Отменено: принятие 25 пар»).

use crate::i18n::Lang;
use crate::store::{Action, Deed, EntityKind, UndoSummary};

/// A kind of record after a verbal noun: Russian genitive singular and
/// plural, English singular and plural.
struct Noun(&'static str, &'static str, &'static str, &'static str);

fn noun(kind: EntityKind) -> Noun {
    match kind {
        EntityKind::Organisation => Noun(
            "организации",
            "организаций",
            "an organisation",
            "organisations",
        ),
        EntityKind::Partner => Noun("партнёра", "партнёров", "a partner", "partners"),
        EntityKind::Mentor => Noun("наставника", "наставников", "a mentor", "mentors"),
        EntityKind::Mentee => Noun("наставляемого", "наставляемых", "a mentee", "mentees"),
        EntityKind::Program => Noun("программы", "программ", "a programme", "programmes"),
        EntityKind::Unit => Noun(
            "пары или группы",
            "пар и групп",
            "a pair or group",
            "pairs and groups",
        ),
        EntityKind::Meeting => Noun("встречи", "встреч", "a meeting", "meetings"),
        EntityKind::SurveyTemplate => Noun(
            "шаблона анкеты",
            "шаблонов анкет",
            "a questionnaire template",
            "questionnaire templates",
        ),
        EntityKind::SurveyResponse => Noun("анкеты", "анкет", "a questionnaire", "questionnaires"),
        EntityKind::RoadmapItem => Noun(
            "пункта дорожной карты",
            "пунктов дорожной карты",
            "a roadmap item",
            "roadmap items",
        ),
        EntityKind::Document => Noun("документа", "документов", "a document", "documents"),
    }
}

/// «наставников», «пар»; «mentors»: a kind counted after a dash.
pub fn of_many(kind: EntityKind, lang: Lang) -> &'static str {
    let w = noun(kind);
    lang.pick(w.1, w.3)
}

/// What an import made or would make: «наставников — 120, партнёров — 1»;
/// kinds of which it made none are left out.
pub fn created(counts: &[(EntityKind, usize)], lang: Lang) -> String {
    let made: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| format!("{} — {n}", of_many(*kind, lang)))
        .collect();
    if made.is_empty() {
        return lang.pick("ничего", "nothing").to_string();
    }
    made.join(", ")
}

/// «наставника», «3 наставников», «21 пары»; «a mentor», «3 mentors».
fn counted(kind: EntityKind, n: usize, lang: Lang) -> String {
    let w = noun(kind);
    match (lang, n) {
        (Lang::Ru, 1) => w.0.to_string(),
        // A genitive after a number is singular after 1, 21, 31 …, else plural.
        (Lang::Ru, n) if n % 10 == 1 && n % 100 != 11 => format!("{n} {}", w.0),
        (Lang::Ru, n) => format!("{n} {}", w.1),
        (Lang::En, 1) => w.2.to_string(),
        (Lang::En, n) => format!("{n} {}", w.3),
    }
}

/// «принятие 25 пар», «изменение наставника», «перенос встречи в архив».
pub fn describe(s: &UndoSummary, lang: Lang) -> String {
    let what = counted(s.kind, s.count, lang);
    match s.deed {
        Deed::AcceptPairs => crate::tr!(lang, "принятие {what}", "accepting {what}"),
        Deed::Import => crate::tr!(lang, "импорт {what}", "importing {what}"),
        Deed::Merge => lang
            .pick("объединение с другой базой", "merging another database")
            .to_string(),
        Deed::Change => match s.action {
            Action::Created => crate::tr!(lang, "добавление {what}", "adding {what}"),
            Action::Archived => crate::tr!(lang, "перенос {what} в архив", "archiving {what}"),
            Action::Restored => crate::tr!(lang, "возврат {what} из архива", "restoring {what}"),
            _ => crate::tr!(lang, "изменение {what}", "editing {what}"),
        },
    }
}

/// The message after an undo: «Отменено: …» and how to put it back, or
/// that there was nothing.
pub fn undone(s: Option<&UndoSummary>, redo_key: &str, lang: Lang) -> String {
    match s {
        Some(s) => crate::tr!(
            lang,
            "Отменено: {}. Вернуть: {redo_key}.",
            "Undone: {}. Redo: {redo_key}.",
            describe(s, lang)
        ),
        None => lang
            .pick("Отменять нечего.", "Nothing to undo.")
            .to_string(),
    }
}

/// The message after a redo.
pub fn redone(s: Option<&UndoSummary>, lang: Lang) -> String {
    match s {
        Some(s) => crate::tr!(lang, "Повторено: {}.", "Redone: {}.", describe(s, lang)),
        None => lang
            .pick("Повторять нечего.", "Nothing to redo.")
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(deed: Deed, kind: EntityKind, count: usize, action: Action) -> UndoSummary {
        UndoSummary {
            deed,
            kind,
            count,
            action,
            at: chrono::Utc::now(),
            who: "k".into(),
        }
    }

    #[test]
    fn words_follow_the_number() {
        let s = |n| summary(Deed::AcceptPairs, EntityKind::Unit, n, Action::Created);
        // Pairs and groups are counted together, as «Y» counts them.
        assert_eq!(describe(&s(25), Lang::Ru), "принятие 25 пар и групп");
        assert_eq!(describe(&s(21), Lang::Ru), "принятие 21 пары или группы");
        assert_eq!(describe(&s(11), Lang::Ru), "принятие 11 пар и групп");
        assert_eq!(describe(&s(1), Lang::Ru), "принятие пары или группы");
        assert_eq!(describe(&s(1), Lang::En), "accepting a pair or group");
        let a = summary(Deed::Change, EntityKind::Meeting, 1, Action::Archived);
        assert_eq!(describe(&a, Lang::Ru), "перенос встречи в архив");
        assert_eq!(describe(&a, Lang::En), "archiving a meeting");
    }
}
