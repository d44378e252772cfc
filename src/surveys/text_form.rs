//! The questions of a template written as text, one per line, so that the
//! editor is a text area a curator can type and paste into:
//!
//! ```text
//! шкала 1-10 [удовлетворённость] [динамика]: Насколько полезными были встречи? | совсем нет | очень
//! выбор: Как часто вы встречались? | раз в неделю | раз в месяц
//! несколько: Что было полезно? | встречи | проект | экскурсии
//! да/нет: Хотели бы вы продолжить?
//! текст: Что было самым ценным?
//! ```
//!
//! A scale's labels for its ends follow its text after `|`. In English the
//! words are `scale`, `choice`, `several`, `yes/no`, `text`, `[satisfaction]`
//! and `[growth]`; either language's words are read.

use crate::domain::{Question, QuestionKind};
use crate::i18n::Lang;
use crate::text::{fold, sanitize_line};
use crate::tr;

const SATISFACTION: [&str; 2] = ["[удовлетворённость]", "[satisfaction]"];
const GROWTH: [&str; 2] = ["[динамика]", "[growth]"];
const SCALE: [&str; 2] = ["шкала", "scale"];
const SINGLE: [&str; 3] = ["выбор", "один", "choice"];
const MULTI: [&str; 3] = ["несколько", "several", "multi"];
const YES_NO: [&str; 4] = ["да/нет", "да-нет", "yes/no", "yes-no"];
const TEXT: [&str; 2] = ["текст", "text"];

/// The word of `lang` among a kind's words (Russian first, then English).
fn word(words: &[&'static str], lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => words[0],
        Lang::En => words[words.len() - 1],
    }
}

/// One line per question, with the words of `lang`.
pub fn format(questions: &[Question], lang: Lang) -> String {
    questions
        .iter()
        .map(|q| {
            let mut head = match &q.kind {
                QuestionKind::Scale { min, max, .. } => {
                    format!("{} {min}-{max}", word(&SCALE, lang))
                }
                QuestionKind::Single { .. } => word(&SINGLE, lang).into(),
                QuestionKind::Multi { .. } => word(&MULTI, lang).into(),
                QuestionKind::YesNo => word(&YES_NO, lang).into(),
                QuestionKind::Text => word(&TEXT, lang).into(),
            };
            if q.satisfaction {
                head.push(' ');
                head.push_str(word(&SATISFACTION, lang));
            }
            if q.growth {
                head.push(' ');
                head.push_str(word(&GROWTH, lang));
            }
            let tail: Vec<&str> = match &q.kind {
                QuestionKind::Scale {
                    min_label,
                    max_label,
                    ..
                } if !(min_label.is_empty() && max_label.is_empty()) => {
                    vec![min_label, max_label]
                }
                QuestionKind::Single { options } | QuestionKind::Multi { options } => {
                    options.iter().map(String::as_str).collect()
                }
                _ => Vec::new(),
            };
            let mut line = format!("{head}: {}", q.text);
            for t in tail {
                line.push_str(" | ");
                line.push_str(t);
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A line that could not be read, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

/// Reads the questions back; empty lines are skipped. Every bad line is
/// reported, and nothing is returned unless all are good.
pub fn parse(text: &str, lang: Lang) -> Result<Vec<Question>, Vec<LineError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = sanitize_line(raw);
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(&line, lang) {
            Ok(q) => out.push(q),
            Err(message) => errors.push(LineError {
                line: i + 1,
                message,
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Whether `head` names a mark, in either language.
fn has_mark(head: &str, mark: &[&str]) -> bool {
    mark.iter().any(|m| head.contains(&fold(m)))
}

fn strip_marks(head: &str) -> String {
    SATISFACTION
        .iter()
        .chain(&GROWTH)
        .fold(head.to_string(), |h, m| h.replace(&fold(m), ""))
}

fn parse_line(line: &str, lang: Lang) -> Result<Question, String> {
    let (head, rest) = line.split_once(':').ok_or_else(|| {
        lang.pick("нужно «вид: текст вопроса»", "write 'kind: question text'")
            .to_string()
    })?;
    let mut parts = rest.split('|').map(str::trim);
    let text = parts.next().unwrap_or("").to_string();
    if text.is_empty() {
        return Err(lang.pick("нет текста вопроса", "no question text").into());
    }
    let tail: Vec<String> = parts.filter(|p| !p.is_empty()).map(String::from).collect();
    let head_folded = fold(head);
    let satisfaction = has_mark(&head_folded, &SATISFACTION);
    let growth = has_mark(&head_folded, &GROWTH);
    let kind_word = strip_marks(&head_folded);
    let kind_word = kind_word.trim();
    let two_options = || {
        lang.pick(
            "нужно хотя бы два варианта через |",
            "give at least two options after |",
        )
        .to_string()
    };
    let nine_at_most = || {
        lang.pick(
            "не больше 9 вариантов (выбор цифрой)",
            "at most 9 options (chosen by a digit)",
        )
        .to_string()
    };
    let scale_range = SCALE.iter().find_map(|w| kind_word.strip_prefix(w));
    let kind = if let Some(range) = scale_range {
        let range = range.trim();
        let like = || {
            lang.pick("шкала как «шкала 1-10»", "a scale like 'scale 1-10'")
                .to_string()
        };
        let (min, max) = if range.is_empty() {
            (1, 10)
        } else {
            let (a, b) = range.split_once(['-', '–']).ok_or_else(like)?;
            let a: u8 = a.trim().parse().map_err(|_| like())?;
            let b: u8 = b.trim().parse().map_err(|_| like())?;
            if a >= b {
                return Err(lang
                    .pick(
                        "у шкалы начало должно быть меньше конца",
                        "a scale must start below its end",
                    )
                    .into());
            }
            (a, b)
        };
        let mut labels = tail.into_iter();
        QuestionKind::Scale {
            min,
            max,
            min_label: labels.next().unwrap_or_default(),
            max_label: labels.next().unwrap_or_default(),
        }
    } else if SINGLE.contains(&kind_word) {
        if tail.len() < 2 {
            return Err(two_options());
        }
        if tail.len() > 9 {
            return Err(nine_at_most());
        }
        QuestionKind::Single { options: tail }
    } else if MULTI.contains(&kind_word) {
        if tail.len() < 2 {
            return Err(two_options());
        }
        if tail.len() > 9 {
            return Err(nine_at_most());
        }
        QuestionKind::Multi { options: tail }
    } else if YES_NO.contains(&kind_word) {
        QuestionKind::YesNo
    } else if TEXT.contains(&kind_word) {
        QuestionKind::Text
    } else {
        return Err(tr!(
            lang,
            "«{}»: вид вопроса — шкала, выбор, несколько, да/нет или текст",
            "'{}': the kind is scale, choice, several, yes/no or text",
            kind_word
        ));
    };
    Ok(Question {
        text,
        kind,
        satisfaction,
        growth,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_templates_read_back_as_written() {
        for t in crate::surveys::builtin::templates() {
            for lang in [Lang::Ru, Lang::En] {
                let text = format(&t.questions, lang);
                assert_eq!(parse(&text, lang).unwrap(), t.questions, "{}", t.title);
            }
        }
    }

    #[test]
    fn bad_lines_are_all_reported_with_their_numbers() {
        let errs = parse(
            "шкала 10-1: A\n\nвыбор: B | один\nопрос: C\nтекст: Что?",
            Lang::Ru,
        )
        .unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 3, 4]);
        assert!(errs[2].message.contains("«опрос»"));
    }

    #[test]
    fn marks_and_default_scale() {
        let q = parse("Шкала [Удовлетворенность]: Польза встреч", Lang::Ru).unwrap();
        assert!(q[0].satisfaction && !q[0].growth);
        assert!(matches!(
            q[0].kind,
            QuestionKind::Scale {
                min: 1,
                max: 10,
                ..
            }
        ));
    }
}
