//! Questionnaire answers exported from an online form (Яндекс Формы, Google
//! Forms): a timestamp column, a name column, and a column per question
//! headed by its text. Questions are matched to the template by text and
//! respondents to people by full name (case and ё/е folded). Nothing is
//! planned while a name or question does not match, unless the caller
//! chose to skip them; an answer that does not fit its question is an
//! error of its row.

use super::table::Table;
use super::RowError;
use crate::domain::dates::parse_date;
use crate::domain::*;
use crate::surveys::analysis::validate_answer;
use crate::text::fold;
use chrono::NaiveDate;

/// What a file would add.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub responses: Vec<SurveyResponse>,
    /// Rows left out under `skip_unmatched`, with why.
    pub skipped: Vec<RowError>,
    /// Columns that are not a question of the template (ignored when skipping).
    pub ignored_columns: Vec<String>,
}

/// Why nothing can be imported.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Problems {
    pub unmatched_names: Vec<RowError>,
    pub unmatched_questions: Vec<String>,
    /// Bad answers and other row errors: always fatal.
    pub rows: Vec<RowError>,
}

impl Problems {
    fn is_empty(&self) -> bool {
        self.unmatched_names.is_empty()
            && self.unmatched_questions.is_empty()
            && self.rows.is_empty()
    }
}

/// Text folded for matching a header to a question: numbering such as
/// «3.» or «3)» and the trailing punctuation do not count.
fn question_key(s: &str) -> String {
    let f = fold(s);
    let f = f.trim_start_matches(|c: char| c.is_ascii_digit());
    let f = f.trim_start_matches(['.', ')']).trim();
    f.trim_end_matches(['?', '.', ':', '*', ' ']).to_string()
}

fn is_timestamp(h: &str) -> bool {
    let f = fold(h);
    f.contains("отметка времени") || f.contains("timestamp") || f == "время" || f == "дата"
}

fn is_name(h: &str) -> bool {
    let f = fold(h);
    f.contains("фио")
        || f.contains("фамилия")
        || f == "имя"
        || f.contains("full name")
        || f == "name"
}

/// The date of a timestamp such as «23.11.2026 14:05:11» or
/// «2026/11/23 2:05:11 PM GMT+3».
fn timestamp_date(s: &str) -> Option<NaiveDate> {
    let first = s.split_whitespace().next()?;
    parse_date(first).or_else(|| parse_date(&first.replace('/', "-")))
}

/// The options a form's cell names. Forms join them with «, » (or «;»),
/// and an option may hold a comma itself («да, регулярно»): the question's
/// own options are matched first, the longest that fits, and only what
/// matches none is cut at the next separator (and named as unknown).
fn chosen_options(options: &[String], cell: &str) -> Vec<Result<usize, String>> {
    let folded: Vec<(usize, String)> = options.iter().map(|o| fold(o)).enumerate().collect();
    let text = fold(cell);
    let mut rest = text.as_str();
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start_matches([',', ';', ' ']);
        if rest.is_empty() {
            return out;
        }
        let ends_at = |n: usize| {
            rest[n..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| c == ',' || c == ';')
        };
        let fit = folded
            .iter()
            .filter(|(_, o)| !o.is_empty() && rest.starts_with(o.as_str()) && ends_at(o.len()))
            .max_by_key(|(_, o)| o.len());
        match fit {
            Some((i, o)) => {
                out.push(Ok(*i));
                rest = &rest[o.len()..];
            }
            None => {
                let cut = rest.find([',', ';']).unwrap_or(rest.len());
                out.push(Err(rest[..cut].trim().to_string()));
                rest = &rest[cut..];
            }
        }
    }
}

fn parse_answer(q: &Question, cell: &str) -> Result<AnswerValue, String> {
    let cell = cell.trim();
    let value = match &q.kind {
        QuestionKind::Scale { .. } => {
            let digits: String = cell.chars().take_while(|c| c.is_ascii_digit()).collect();
            let n: u8 = digits
                .parse()
                .map_err(|_| format!("«{cell}»: нужна оценка числом"))?;
            AnswerValue::Scale(n)
        }
        QuestionKind::Single { options } => {
            let i = options
                .iter()
                .position(|o| fold(o) == fold(cell))
                .or_else(|| cell.parse::<usize>().ok().and_then(|n| n.checked_sub(1)))
                .ok_or_else(|| format!("«{cell}»: нет такого варианта"))?;
            AnswerValue::Choice(i)
        }
        QuestionKind::Multi { options } => {
            let mut chosen = Vec::new();
            for part in chosen_options(options, cell) {
                let i = part.map_err(|p| format!("«{p}»: нет такого варианта"))?;
                if !chosen.contains(&i) {
                    chosen.push(i);
                }
            }
            chosen.sort_unstable();
            AnswerValue::Choices(chosen)
        }
        QuestionKind::YesNo => match fold(cell).as_str() {
            "да" | "yes" | "д" | "y" | "1" => AnswerValue::YesNo(true),
            "нет" | "no" | "н" | "n" | "0" => AnswerValue::YesNo(false),
            _ => return Err(format!("«{cell}»: нужно «да» или «нет»")),
        },
        QuestionKind::Text => AnswerValue::Text(crate::text::sanitize(cell, true)),
    };
    validate_answer(q, &value).map_err(|e| e.to_string())?;
    Ok(value)
}

/// The pair a response belongs to: the respondent's unit running on the
/// date, else their latest one.
fn unit_of(ds: &Dataset, who: PersonRef, on: NaiveDate) -> Option<&Unit> {
    let mine: Vec<&Unit> = ds
        .units
        .values()
        .filter(|u| {
            !u.archived
                && match who {
                    PersonRef::Mentor(id) => u.mentors.contains(&id),
                    PersonRef::Mentee(id) => u.mentees.contains(&id),
                    PersonRef::Curator(_) => false,
                }
        })
        .collect();
    mine.iter()
        .copied()
        .find(|u| u.overlaps(on, on) && u.start.is_some())
        .or_else(|| mine.iter().copied().max_by_key(|u| (u.start, u.id)))
}

/// Stores the planned responses as one change (one undo).
pub fn store(store: &crate::store::Store, plan: &Plan) -> Result<(), crate::store::StoreError> {
    store.write_as(crate::store::Deed::Import, |tx| {
        for r in &plan.responses {
            tx.insert(&mut r.clone())?;
        }
        Ok(())
    })
}

pub fn plan(
    ds: &Dataset,
    template: &SurveyTemplate,
    table: &Table,
    today: NaiveDate,
    skip_unmatched: bool,
) -> Result<Plan, Problems> {
    let mut problems = Problems::default();
    let mut plan = Plan::default();
    let name_col = table.headers.iter().position(|h| is_name(h));
    let time_col = table.headers.iter().position(|h| is_timestamp(h));
    let Some(name_col) = name_col else {
        problems.rows.push(RowError::file(
            "нет столбца с ФИО (заголовок «ФИО» или «Фамилия Имя Отчество»)",
        ));
        return Err(problems);
    };
    // Question columns: every other column, matched by text.
    let mut columns: Vec<(usize, usize)> = Vec::new();
    for (c, h) in table.headers.iter().enumerate() {
        if c == name_col || Some(c) == time_col || h.trim().is_empty() {
            continue;
        }
        match template
            .questions
            .iter()
            .position(|q| question_key(&q.text) == question_key(h))
        {
            Some(q) => columns.push((c, q)),
            None if skip_unmatched => plan.ignored_columns.push(h.clone()),
            None => problems.unmatched_questions.push(h.clone()),
        }
    }
    if columns.is_empty() {
        problems.rows.push(RowError::file(
            "ни один столбец не совпал с вопросами шаблона",
        ));
    }
    let audience = template.audience;
    let people: Vec<(PersonRef, String)> = match audience {
        Audience::Mentor => ds
            .mentors
            .values()
            .filter(|m| !m.archived)
            .map(|m| (PersonRef::Mentor(m.id), fold(&m.person.full_name)))
            .collect(),
        Audience::Mentee => ds
            .mentees
            .values()
            .filter(|m| !m.archived)
            .map(|m| (PersonRef::Mentee(m.id), fold(&m.person.full_name)))
            .collect(),
        Audience::Curator => {
            problems.rows.push(RowError::file(
                "анкеты куратора не импортируются: их заполняет сам куратор",
            ));
            return Err(problems);
        }
    };
    let existing: std::collections::BTreeSet<(PersonRef, Option<Id>)> = ds
        .responses
        .values()
        .filter(|r| r.template_id == template.id && !r.archived && !r.draft)
        .map(|r| (r.respondent, r.unit_id))
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for row in &table.rows {
        let name = row.cells.get(name_col).map(|s| s.trim()).unwrap_or("");
        let found: Vec<PersonRef> = people
            .iter()
            .filter(|(_, n)| *n == fold(name))
            .map(|(r, _)| *r)
            .collect();
        let who = match found.as_slice() {
            [who] => *who,
            [] | [_, _, ..] => {
                let why = if found.is_empty() {
                    format!("«{name}»: нет такого человека в базе")
                } else {
                    format!("«{name}»: в базе несколько человек с таким ФИО")
                };
                let e = RowError::at(row.line, why);
                if skip_unmatched {
                    plan.skipped.push(e);
                } else {
                    problems.unmatched_names.push(e);
                }
                continue;
            }
        };
        let date = time_col
            .and_then(|c| row.cells.get(c))
            .filter(|s| !s.trim().is_empty())
            .map(|s| timestamp_date(s).ok_or(s.clone()));
        let date = match date {
            None => today,
            Some(Ok(d)) => d,
            Some(Err(s)) => {
                problems
                    .rows
                    .push(RowError::at(row.line, format!("«{s}»: не дата")));
                continue;
            }
        };
        let unit = unit_of(ds, who, date);
        let key = (who, unit.map(|u| u.id));
        if existing.contains(&key) {
            problems.rows.push(RowError::at(
                row.line,
                format!("«{name}»: эта анкета уже есть в базе"),
            ));
            continue;
        }
        if !seen.insert(key) {
            problems.rows.push(RowError::at(
                row.line,
                format!("«{name}»: второй ответ того же человека в файле"),
            ));
            continue;
        }
        let mut answers = Vec::new();
        for (c, q) in &columns {
            let cell = row.cells.get(*c).map(String::as_str).unwrap_or("");
            if cell.trim().is_empty() {
                continue;
            }
            match parse_answer(&template.questions[*q], cell) {
                Ok(value) => answers.push(Answer {
                    question: *q,
                    value,
                }),
                Err(e) => problems.rows.push(RowError::at(
                    row.line,
                    format!("«{}»: {e}", table.headers[*c]),
                )),
            }
        }
        plan.responses.push(SurveyResponse {
            org_id: unit.map_or(template.org_id, |u| u.org_id),
            template_id: template.id,
            respondent: who,
            unit_id: unit.map(|u| u.id),
            program_id: unit.and_then(|u| u.program_id),
            stage: template.stage,
            date,
            answers,
            ..SurveyResponse::default()
        });
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::chosen_options;

    #[test]
    fn options_holding_a_comma_are_matched_before_the_cell_is_split() {
        let options: Vec<String> = ["да, регулярно", "да", "иногда", "нет, ни разу"]
            .map(String::from)
            .to_vec();
        let got = |cell: &str| chosen_options(&options, cell);
        assert_eq!(got("Да, регулярно"), vec![Ok(0)]);
        assert_eq!(got("да, регулярно, иногда"), vec![Ok(0), Ok(2)]);
        assert_eq!(got("да; нет, ни разу"), vec![Ok(1), Ok(3)]);
        assert_eq!(got("иногда,да"), vec![Ok(2), Ok(1)]);
        assert_eq!(
            got("да, часто"),
            vec![Ok(1), Err("часто".to_string())],
            "what fits no option is named"
        );
        assert!(got("  ").is_empty());
    }
}
