//! The columns of each importable base and how file headers are matched to
//! them: case-insensitively, ё = е, punctuation ignored, and by leading
//! words, so «ФИО наставника (полностью)» is the ФИО column.

use super::RowError;
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Col {
    FullName,
    Category,
    BirthDate,
    Grade,
    Experience,
    Workplace,
    Partner,
    Position,
    Contacts,
    Guardian,
    Competencies,
    Achievements,
    Request,
    Interests,
    Subjects,
    Forms,
    Capacity,
    PreferredAge,
    TimeBudget,
    Consent,
    Joined,
    Name,
    PartnerKind,
    Mentor,
    Mentee,
    Form,
    RoleModel,
    MentoringKind,
    Start,
    Status,
    End,
    Order,
    Program,
    Pair,
    Date,
    MeetingKind,
    Format,
    Topic,
    Outcome,
    MenteeMark,
    MentorMark,
}

/// A column: the header our export writes (first), the English alias, and
/// other headers seen in the official forms.
pub struct Spec {
    pub col: Col,
    pub headers: &'static [&'static str],
    pub required: bool,
}

const fn spec(col: Col, headers: &'static [&'static str], required: bool) -> Spec {
    Spec {
        col,
        headers,
        required,
    }
}

use Col::*;

pub const MENTORS: &[Spec] = &[
    spec(
        FullName,
        &["ФИО", "full_name", "full name", "Фамилия Имя Отчество"],
        true,
    ),
    spec(Category, &["Категория", "category"], true),
    spec(
        BirthDate,
        &["Дата рождения", "birth_date", "Возраст/дата рождения"],
        false,
    ),
    spec(Grade, &["Класс", "grade", "Класс/группа"], false),
    spec(
        Experience,
        &["Стаж", "experience_years", "experience", "Стаж/курс"],
        false,
    ),
    spec(
        Workplace,
        &[
            "Место работы/учебы",
            "workplace",
            "Место учебы/работы",
            "Место работы",
            "Место учебы",
        ],
        false,
    ),
    spec(
        Partner,
        &["Организация-партнёр", "partner", "Партнёр"],
        false,
    ),
    spec(Position, &["Должность", "position"], false),
    spec(
        Contacts,
        &["Контакты", "contacts", "Контактные данные", "Телефон"],
        false,
    ),
    spec(Guardian, &["Законный представитель", "guardian"], false),
    spec(
        Competencies,
        &["Компетенции", "competencies", "Основные компетенции"],
        false,
    ),
    spec(
        Achievements,
        &["Важные достижения", "achievements", "Достижения"],
        false,
    ),
    spec(Interests, &["Интересы", "interests"], false),
    spec(
        Subjects,
        &["Предметы", "subjects", "Предмет", "Предмет наставничества"],
        false,
    ),
    spec(
        Forms,
        &[
            "Формы наставничества",
            "forms",
            "Форма наставничества",
            "Формы",
        ],
        false,
    ),
    spec(
        Capacity,
        &[
            "Макс. наставляемых",
            "capacity",
            "Максимальное число наставляемых",
        ],
        false,
    ),
    spec(
        PreferredAge,
        &[
            "Желаемый возраст наставляемых",
            "preferred_age",
            "Желаемый возраст",
        ],
        false,
    ),
    spec(TimeBudget, &["Ресурс времени", "time_budget"], false),
    spec(Consent, &["Согласие", "consent"], false),
    spec(
        Joined,
        &["Дата вхождения", "joined", "Дата вхождения в программу"],
        false,
    ),
];

pub const MENTEES: &[Spec] = &[
    spec(
        FullName,
        &["ФИО", "full_name", "full name", "Фамилия Имя Отчество"],
        true,
    ),
    spec(Category, &["Категория", "category"], true),
    spec(
        BirthDate,
        &["Дата рождения", "birth_date", "Возраст/дата рождения"],
        false,
    ),
    spec(Grade, &["Класс", "grade", "Класс/группа"], false),
    spec(
        Experience,
        &["Стаж", "experience_years", "experience"],
        false,
    ),
    spec(
        Workplace,
        &[
            "Место работы/учебы",
            "workplace",
            "Место учебы/работы",
            "Место учебы",
            "Место работы",
        ],
        false,
    ),
    spec(Position, &["Должность", "position"], false),
    spec(
        Contacts,
        &["Контакты", "contacts", "Контактные данные", "Телефон"],
        false,
    ),
    spec(Guardian, &["Законный представитель", "guardian"], false),
    spec(Request, &["Основной запрос", "request", "Запрос"], false),
    spec(Interests, &["Интересы", "interests"], false),
    spec(
        Subjects,
        &["Предметы", "subjects", "Предмет", "Предмет наставничества"],
        false,
    ),
    spec(
        Forms,
        &[
            "Желаемая форма",
            "forms",
            "Форма наставничества",
            "Формы наставничества",
        ],
        false,
    ),
    spec(Consent, &["Согласие", "consent"], false),
    spec(
        Joined,
        &["Дата вхождения", "joined", "Дата вхождения в программу"],
        false,
    ),
];

pub const PARTNERS: &[Spec] = &[
    spec(Name, &["Название", "name", "Наименование"], true),
    spec(PartnerKind, &["Тип", "kind", "Тип организации"], false),
    spec(
        Contacts,
        &["Контакты", "contacts", "Контактные данные"],
        false,
    ),
];

pub const MEETINGS: &[Spec] = &[
    spec(Pair, &["Пара", "pair"], false),
    spec(Mentor, &["Наставник", "mentor", "ФИО наставника"], false),
    spec(
        Mentee,
        &["Наставляемый", "mentee", "ФИО наставляемого"],
        false,
    ),
    spec(Date, &["Дата", "date", "Дата встречи"], true),
    spec(MeetingKind, &["Вид встречи", "kind"], false),
    spec(Format, &["Формат", "format"], false),
    spec(Topic, &["Тема", "topic"], false),
    spec(Outcome, &["Итоги", "outcome", "Что сделано"], false),
    spec(MenteeMark, &["Оценка наставляемого", "mentee_mark"], false),
    spec(MentorMark, &["Оценка наставника", "mentor_mark"], false),
];

pub const PAIRS: &[Spec] = &[
    spec(
        Mentor,
        &[
            "Наставник",
            "mentor",
            "Наставники",
            "mentors",
            "ФИО наставника",
        ],
        true,
    ),
    spec(
        Mentee,
        &[
            "Наставляемый",
            "mentee",
            "Наставляемые",
            "mentees",
            "ФИО наставляемого",
        ],
        true,
    ),
    spec(Form, &["Форма", "form", "Форма наставничества"], false),
    spec(RoleModel, &["Ролевая модель", "role_model"], false),
    spec(MentoringKind, &["Вид наставничества", "kind", "Вид"], false),
    spec(Start, &["Дата начала", "start"], false),
    spec(Status, &["Статус", "status"], false),
    spec(End, &["Дата окончания", "end", "Дата завершения"], false),
    spec(Order, &["Приказ", "order"], false),
    spec(
        Program,
        &["Программа", "program", "Программа наставничества"],
        false,
    ),
];

/// Words of a header: folded, punctuation as spaces.
fn words(s: &str) -> Vec<String> {
    let cleaned: String = fold(s)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().map(str::to_string).collect()
}

/// Which column each header of the file is (None: not ours, ignored).
#[derive(Debug)]
pub struct ColumnMap {
    pub by_position: Vec<Option<Col>>,
    pub ignored: Vec<String>,
}

impl ColumnMap {
    pub fn get<'a>(&self, cells: &'a [String], col: Col) -> &'a str {
        self.by_position
            .iter()
            .position(|c| *c == Some(col))
            .and_then(|i| cells.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn has(&self, col: Col) -> bool {
        self.by_position.contains(&Some(col))
    }
}

/// Matches headers to columns: a header is a column when one of the
/// column's headers is its leading words; the longest such match wins.
pub fn match_headers(headers: &[String], specs: &[Spec]) -> Result<ColumnMap, Vec<RowError>> {
    let mut by_position = Vec::new();
    let mut ignored = Vec::new();
    let mut errors = Vec::new();
    for header in headers {
        let hw = words(header);
        let mut best: Option<(usize, Col)> = None;
        for s in specs {
            for alias in s.headers {
                let aw = words(alias);
                if !aw.is_empty() && hw.starts_with(&aw) && best.is_none_or(|(n, _)| aw.len() > n) {
                    best = Some((aw.len(), s.col));
                }
            }
        }
        let col = best.map(|(_, c)| c);
        if col.is_none() && !header.trim().is_empty() {
            ignored.push(header.clone());
        }
        if let Some(c) = col {
            if by_position.contains(&Some(c)) {
                errors.push(RowError::at(
                    1,
                    format!("столбец «{header}» повторяет уже найденный / a column appears twice"),
                ));
            }
        }
        by_position.push(col);
    }
    for s in specs.iter().filter(|s| s.required) {
        if !by_position.contains(&Some(s.col)) {
            errors.push(RowError::at(
                1,
                format!(
                    "нет обязательного столбца «{}» ({}) / required column missing",
                    s.headers[0], s.headers[1]
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(ColumnMap {
            by_position,
            ignored,
        })
    } else {
        Err(errors)
    }
}

/// The header our export writes for a column: used in messages about a
/// column the file does not have.
pub fn canonical(col: Col) -> &'static str {
    [MENTORS, MENTEES, PARTNERS, PAIRS, MEETINGS]
        .iter()
        .flat_map(|specs| specs.iter())
        .find(|s| s.col == col)
        .map(|s| s.headers[0])
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(headers: &[&str], specs: &[Spec]) -> Vec<Option<Col>> {
        let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        match_headers(&h, specs).unwrap().by_position
    }

    #[test]
    fn official_and_english_headers_match() {
        assert_eq!(
            cols(
                &[
                    "ФИО наставника (полностью)",
                    "КАТЕГОРИЯ",
                    "Место работы/учёбы",
                    "Отметка времени"
                ],
                MENTORS
            ),
            vec![Some(FullName), Some(Category), Some(Workplace), None]
        );
        assert_eq!(
            cols(&["full_name", "category", "birth_date", "joined"], MENTEES),
            vec![
                Some(FullName),
                Some(Category),
                Some(BirthDate),
                Some(Joined)
            ]
        );
    }

    #[test]
    fn longer_alias_wins() {
        assert_eq!(
            cols(
                &["Форма наставничества", "Наставник", "Наставляемый"],
                PAIRS
            )[0],
            Some(Form)
        );
        assert_eq!(
            cols(&["ФИО", "Категория", "Дата вхождения в программу"], MENTORS)[2],
            Some(Joined)
        );
    }

    #[test]
    fn missing_required_column_is_an_error_on_line_1() {
        let h = vec!["ФИО".to_string()];
        let errs = match_headers(&h, MENTORS).unwrap_err();
        assert_eq!(errs[0].line, 1);
        assert!(errs[0].message.contains("Категория"));
    }
}
