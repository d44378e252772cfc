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
//! A scale's labels for its ends follow its text after `|`.

use crate::domain::{Question, QuestionKind};
use crate::text::{fold, sanitize_line};

const SATISFACTION: &str = "[удовлетворённость]";
const GROWTH: &str = "[динамика]";

/// One line per question.
pub fn format(questions: &[Question]) -> String {
    questions
        .iter()
        .map(|q| {
            let mut head = match &q.kind {
                QuestionKind::Scale { min, max, .. } => format!("шкала {min}-{max}"),
                QuestionKind::Single { .. } => "выбор".into(),
                QuestionKind::Multi { .. } => "несколько".into(),
                QuestionKind::YesNo => "да/нет".into(),
                QuestionKind::Text => "текст".into(),
            };
            if q.satisfaction {
                head.push(' ');
                head.push_str(SATISFACTION);
            }
            if q.growth {
                head.push(' ');
                head.push_str(GROWTH);
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
pub fn parse(text: &str) -> Result<Vec<Question>, Vec<LineError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = sanitize_line(raw);
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(&line) {
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

fn parse_line(line: &str) -> Result<Question, String> {
    let (head, rest) = line.split_once(':').ok_or("нужно «вид: текст вопроса»")?;
    let mut parts = rest.split('|').map(str::trim);
    let text = parts.next().unwrap_or("").to_string();
    if text.is_empty() {
        return Err("нет текста вопроса".into());
    }
    let tail: Vec<String> = parts.filter(|p| !p.is_empty()).map(String::from).collect();
    let head_folded = fold(head);
    let satisfaction = head_folded.contains(&fold(SATISFACTION));
    let growth = head_folded.contains(&fold(GROWTH));
    let kind_word = head_folded
        .replace(&fold(SATISFACTION), "")
        .replace(&fold(GROWTH), "");
    let kind_word = kind_word.trim();
    let kind = if let Some(range) = kind_word.strip_prefix("шкала") {
        let range = range.trim();
        let (min, max) = if range.is_empty() {
            (1, 10)
        } else {
            let (a, b) = range
                .split_once(['-', '–'])
                .ok_or("шкала как «шкала 1-10»")?;
            let a: u8 = a.trim().parse().map_err(|_| "шкала как «шкала 1-10»")?;
            let b: u8 = b.trim().parse().map_err(|_| "шкала как «шкала 1-10»")?;
            if a >= b {
                return Err("у шкалы начало должно быть меньше конца".into());
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
    } else {
        match kind_word {
            "выбор" | "один" => {
                if tail.len() < 2 {
                    return Err("нужно хотя бы два варианта через |".into());
                }
                QuestionKind::Single { options: tail }
            }
            "несколько" => {
                if tail.len() < 2 {
                    return Err("нужно хотя бы два варианта через |".into());
                }
                if tail.len() > 9 {
                    return Err("не больше 9 вариантов (выбор цифрой)".into());
                }
                QuestionKind::Multi { options: tail }
            }
            "да/нет" | "да-нет" => QuestionKind::YesNo,
            "текст" => QuestionKind::Text,
            other => {
                return Err(format!(
                    "«{other}»: вид вопроса — шкала, выбор, несколько, да/нет или текст"
                ))
            }
        }
    };
    if let QuestionKind::Single { options } = &kind {
        if options.len() > 9 {
            return Err("не больше 9 вариантов (выбор цифрой)".into());
        }
    }
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
            let text = format(&t.questions);
            assert_eq!(parse(&text).unwrap(), t.questions, "{}", t.title);
        }
    }

    #[test]
    fn bad_lines_are_all_reported_with_their_numbers() {
        let errs = parse("шкала 10-1: A\n\nвыбор: B | один\nопрос: C\nтекст: Что?").unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 3, 4]);
        assert!(errs[2].message.contains("«опрос»"));
    }

    #[test]
    fn marks_and_default_scale() {
        let q = parse("Шкала [Удовлетворенность]: Польза встреч").unwrap();
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
