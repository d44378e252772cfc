//! Create/edit forms for the records of the bases: fields built from a
//! record and parsed back, with parse and validation errors per field.

use crate::domain::dates::{format_opt_date, parse_date};
use crate::domain::validate::{self, Issue};
use crate::domain::*;
use crate::i18n::Lang;
use crate::text::{normalize_space, sanitize, sanitize_line, split_tags};
use tui_textarea::TextArea;

/// A record the forms edit.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Mentor(Mentor),
    Mentee(Mentee),
    Program(Program),
    Partner(Partner),
    Organisation(Organisation),
    /// A pair or group: its status, order and dates (people are fixed).
    Unit(Unit),
    /// One meeting of a pair.
    Meeting(Meeting),
    /// The Отчёты pane's period and file settings (kept in the pane).
    ReportSettings(crate::tui::reports::ReportSettings),
    /// A questionnaire template: its questions are edited as text lines.
    Template(SurveyTemplate),
    /// A filled questionnaire (entered in its own screen, saved as a record).
    Response(SurveyResponse),
    /// A roadmap item: its status and the evidence of its doing.
    Roadmap(RoadmapItem),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Text,
    Multi,
    Date,
    Number,
    Tags,
    Choice(Vec<String>),
}

pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub text: TextArea<'static>,
    pub choice: usize,
    pub error: Option<String>,
    /// Lines a multi-line field shows (3 unless it holds a whole list).
    pub rows: u16,
}

impl Field {
    fn new(key: &'static str, label: &'static str, kind: Kind, value: String) -> Field {
        let lines = if value.is_empty() {
            vec![String::new()]
        } else {
            value.lines().map(String::from).collect()
        };
        let mut text = TextArea::new(lines);
        text.move_cursor(tui_textarea::CursorMove::Bottom);
        text.move_cursor(tui_textarea::CursorMove::End);
        Field {
            key,
            label,
            kind,
            required: false,
            text,
            choice: 0,
            error: None,
            rows: 3,
        }
    }

    fn choice(
        key: &'static str,
        label: &'static str,
        options: Vec<String>,
        chosen: usize,
    ) -> Field {
        Field {
            choice: chosen.min(options.len().saturating_sub(1)),
            ..Field::new(key, label, Kind::Choice(options), String::new())
        }
    }

    pub fn value(&self) -> String {
        self.text.lines().join("\n")
    }

    pub fn is_text(&self) -> bool {
        !matches!(self.kind, Kind::Choice(_))
    }

    pub fn height(&self) -> u16 {
        if self.kind == Kind::Multi {
            self.rows
        } else {
            1
        }
    }
}

pub struct RecordForm {
    pub original: Record,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub dirty: bool,
    /// Choice options that refer to records: partner ids for a mentor.
    partner_ids: Vec<Option<Id>>,
}

fn tags(v: &[String]) -> String {
    v.join("; ")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// «Пожелания»: the people of the other side this person would prefer,
/// shown as «ФИО #id».
fn wishes_field(ids: &[Id], name: impl Fn(Id) -> Option<String>, lang: Lang) -> Field {
    let value: Vec<String> = ids
        .iter()
        .map(|id| format!("{} #{id}", name(*id).unwrap_or_default()))
        .collect();
    Field::new(
        "wishes",
        lang.pick("Пожелания (ФИО или #id)", "Wishes (name or #id)"),
        Kind::Tags,
        value.join("; "),
    )
}

fn attendee_name(ds: &Dataset, r: PersonRef) -> String {
    let person = match r {
        PersonRef::Mentor(id) => ds.mentors.get(&id).map(|m| &m.person),
        PersonRef::Mentee(id) => ds.mentees.get(&id).map(|m| &m.person),
    };
    person
        .map(|p| p.full_name.clone())
        .unwrap_or_else(|| match r {
            PersonRef::Mentor(id) | PersonRef::Mentee(id) => format!("#{id}"),
        })
}

fn yes_no(lang: Lang) -> Vec<String> {
    vec![lang.pick("нет", "no").into(), lang.pick("да", "yes").into()]
}

fn labels<T: Copy>(
    all: &[T],
    label: impl Fn(T) -> &'static str,
    none: Option<&str>,
) -> Vec<String> {
    none.map(String::from)
        .into_iter()
        .chain(all.iter().map(|v| label(*v).to_string()))
        .collect()
}

fn index_of<T: PartialEq>(all: &[T], v: &T) -> usize {
    all.iter().position(|x| x == v).unwrap_or(0)
}

impl RecordForm {
    pub fn new(original: Record, ds: &Dataset, lang: Lang) -> RecordForm {
        let l = |ru: &'static str, en: &'static str| lang.pick(ru, en);
        let mut partner_ids = Vec::new();
        let mut fields = Vec::new();
        let person_fields = |p: &Person, fields: &mut Vec<Field>| {
            fields.push(Field::new(
                "birth_date",
                l("Дата рождения", "Birth date"),
                Kind::Date,
                format_opt_date(p.birth_date),
            ));
            fields.push(Field::new(
                "grade",
                l("Класс", "Grade"),
                Kind::Text,
                opt(p.grade.as_ref()),
            ));
            fields.push(Field::new(
                "experience_years",
                l("Стаж, лет", "Experience, years"),
                Kind::Number,
                opt(p.experience_years),
            ));
            fields.push(Field::new(
                "workplace",
                l("Место работы/учёбы", "Workplace"),
                Kind::Text,
                p.workplace.clone(),
            ));
            fields.push(Field::new(
                "position",
                l("Должность", "Position"),
                Kind::Text,
                p.position.clone(),
            ));
            fields.push(Field::new(
                "contacts",
                l("Контакты", "Contacts"),
                Kind::Text,
                p.contacts.clone(),
            ));
            fields.push(Field::new(
                "guardian",
                l("Законный представитель", "Legal guardian"),
                Kind::Text,
                p.guardian.clone(),
            ));
        };
        let tail_fields = |p: &Person, fields: &mut Vec<Field>| {
            fields.push(Field::new(
                "interests",
                l("Интересы", "Interests"),
                Kind::Tags,
                tags(&p.interests),
            ));
            fields.push(Field::new(
                "subjects",
                l("Предметы", "Subjects"),
                Kind::Tags,
                tags(&p.subjects),
            ));
            let forms: Vec<String> = p.forms.iter().map(|f| f.label(lang).to_string()).collect();
            fields.push(Field::new(
                "forms",
                l("Формы наставничества", "Forms"),
                Kind::Tags,
                tags(&forms),
            ));
            fields.push(Field::new(
                "consent",
                l("Согласие (дата)", "Consent (date)"),
                Kind::Date,
                format_opt_date(p.consent.as_ref().map(|c| c.date)),
            ));
            let by_guardian = usize::from(p.consent.as_ref().is_some_and(|c| c.by_guardian));
            fields.push(Field::choice(
                "consent_by_guardian",
                l("…дано представителем", "…by the guardian"),
                yes_no(lang),
                by_guardian,
            ));
            fields.push(Field::new(
                "joined",
                l("Дата вхождения", "Joined"),
                Kind::Date,
                format_opt_date(p.joined),
            ));
        };
        match &original {
            Record::Mentor(m) => {
                fields.push(Field::new(
                    "full_name",
                    l("ФИО", "Full name"),
                    Kind::Text,
                    m.person.full_name.clone(),
                ));
                fields.push(Field::choice(
                    "category",
                    l("Категория", "Category"),
                    labels(MentorCategory::ALL, |c| c.label(lang), None),
                    index_of(MentorCategory::ALL, &m.category),
                ));
                person_fields(&m.person, &mut fields);
                partner_ids.push(None);
                let mut names = vec!["—".to_string()];
                for p in ds
                    .partners
                    .values()
                    .filter(|p| !p.archived || Some(p.id) == m.partner_id)
                {
                    partner_ids.push(Some(p.id));
                    names.push(p.name.clone());
                }
                let chosen = partner_ids
                    .iter()
                    .position(|id| *id == m.partner_id)
                    .unwrap_or(0);
                fields.push(Field::choice(
                    "partner_id",
                    l("Организация-партнёр", "Partner"),
                    names,
                    chosen,
                ));
                fields.push(Field::new(
                    "competencies",
                    l("Компетенции", "Competencies"),
                    Kind::Tags,
                    tags(&m.competencies),
                ));
                tail_fields(&m.person, &mut fields);
                fields.push(wishes_field(
                    &m.person.wishes,
                    |id| ds.mentees.get(&id).map(|e| e.person.full_name.clone()),
                    lang,
                ));
                fields.push(Field::new(
                    "capacity",
                    l("Макс. наставляемых", "Capacity"),
                    Kind::Number,
                    m.capacity.to_string(),
                ));
                fields.push(Field::new(
                    "preferred_age",
                    l("Желаемый возраст", "Preferred age"),
                    Kind::Text,
                    opt(m.preferred_age),
                ));
                fields.push(Field::new(
                    "time_budget",
                    l("Ресурс времени, ч/мес", "Time, h/month"),
                    Kind::Number,
                    opt(m.time_budget),
                ));
                fields.push(Field::new(
                    "achievements",
                    l("Достижения", "Achievements"),
                    Kind::Multi,
                    m.achievements.clone(),
                ));
                fields.push(Field::new(
                    "notes",
                    l("Заметки", "Notes"),
                    Kind::Multi,
                    m.person.notes.clone(),
                ));
            }
            Record::Mentee(m) => {
                fields.push(Field::new(
                    "full_name",
                    l("ФИО", "Full name"),
                    Kind::Text,
                    m.person.full_name.clone(),
                ));
                fields.push(Field::choice(
                    "category",
                    l("Категория", "Category"),
                    labels(MenteeCategory::ALL, |c| c.label(lang), None),
                    index_of(MenteeCategory::ALL, &m.category),
                ));
                person_fields(&m.person, &mut fields);
                fields.push(Field::new(
                    "request",
                    l("Основной запрос", "Request"),
                    Kind::Tags,
                    tags(&m.request),
                ));
                tail_fields(&m.person, &mut fields);
                fields.push(wishes_field(
                    &m.person.wishes,
                    |id| ds.mentors.get(&id).map(|e| e.person.full_name.clone()),
                    lang,
                ));
                fields.push(Field::new(
                    "notes",
                    l("Заметки", "Notes"),
                    Kind::Multi,
                    m.person.notes.clone(),
                ));
            }
            Record::Program(p) => {
                fields.push(Field::new(
                    "name",
                    l("Название", "Name"),
                    Kind::Text,
                    p.name.clone(),
                ));
                let form = p.form.map_or(0, |f| index_of(Form::ALL, &f) + 1);
                fields.push(Field::choice(
                    "form",
                    l("Форма", "Form"),
                    labels(Form::ALL, |c| c.label(lang), Some("—")),
                    form,
                ));
                let kind = p.kind.map_or(0, |k| index_of(MentoringKind::ALL, &k) + 1);
                fields.push(Field::choice(
                    "kind",
                    l("Вид", "Kind"),
                    labels(MentoringKind::ALL, |c| c.label(lang), Some("—")),
                    kind,
                ));
                fields.push(Field::new(
                    "goals",
                    l("Цели", "Goals"),
                    Kind::Multi,
                    p.goals.clone(),
                ));
                fields.push(Field::new(
                    "start",
                    l("Начало", "Start"),
                    Kind::Date,
                    format_opt_date(p.start),
                ));
                fields.push(Field::new(
                    "end",
                    l("Окончание", "End"),
                    Kind::Date,
                    format_opt_date(p.end),
                ));
                fields.push(Field::new(
                    "planned_results",
                    l("Планируемые результаты", "Planned results"),
                    Kind::Multi,
                    p.planned_results.clone(),
                ));
                fields.push(Field::choice(
                    "effective",
                    l("Лучшая практика", "Best practice"),
                    yes_no(lang),
                    usize::from(p.effective),
                ));
            }
            Record::Partner(p) => {
                fields.push(Field::new(
                    "name",
                    l("Название", "Name"),
                    Kind::Text,
                    p.name.clone(),
                ));
                fields.push(Field::choice(
                    "kind",
                    l("Тип", "Kind"),
                    labels(PartnerKind::ALL, |c| c.label(lang), None),
                    index_of(PartnerKind::ALL, &p.kind),
                ));
                fields.push(Field::new(
                    "contacts",
                    l("Контакты", "Contacts"),
                    Kind::Text,
                    p.contacts.clone(),
                ));
            }
            Record::Meeting(m) => {
                let kind = index_of(MeetingKind::ALL, &m.kind);
                let format = index_of(MeetingFormat::ALL, &m.format);
                let time = m
                    .start_time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default();
                fields.push(Field::new(
                    "date",
                    l("Дата", "Date"),
                    Kind::Date,
                    crate::domain::dates::format_date(m.date),
                ));
                fields.push(Field::choice(
                    "kind",
                    l("Вид встречи", "Kind"),
                    labels(MeetingKind::ALL, |c| c.label(lang), None),
                    kind,
                ));
                fields.push(Field::choice(
                    "format",
                    l("Формат", "Format"),
                    labels(MeetingFormat::ALL, |c| c.label(lang), None),
                    format,
                ));
                let names: Vec<String> =
                    m.attendees.iter().map(|r| attendee_name(ds, *r)).collect();
                fields.push(Field::new(
                    "attendees",
                    l("Присутствовали", "Attended"),
                    Kind::Tags,
                    tags(&names),
                ));
                fields.push(Field::new(
                    "start_time",
                    l("Время (ЧЧ:ММ)", "Time (HH:MM)"),
                    Kind::Text,
                    time,
                ));
                fields.push(Field::new(
                    "duration_min",
                    l("Длительность, мин", "Duration, min"),
                    Kind::Number,
                    opt(m.duration_min),
                ));
                fields.push(Field::new(
                    "place",
                    l("Место", "Place"),
                    Kind::Text,
                    m.place.clone(),
                ));
                fields.push(Field::new(
                    "topic",
                    l("Тема", "Topic"),
                    Kind::Text,
                    m.topic.clone(),
                ));
                fields.push(Field::new(
                    "outcome",
                    l("Что сделано", "What was done"),
                    Kind::Multi,
                    m.outcome.clone(),
                ));
                fields.push(Field::new(
                    "next_steps",
                    l("Договорённости", "Next steps"),
                    Kind::Multi,
                    m.next_steps.clone(),
                ));
                fields.push(Field::new(
                    "mentee_mark",
                    l("Оценка наставляемого 1–5", "Mentee's mark 1–5"),
                    Kind::Number,
                    opt(m.feedback.mentee_mark),
                ));
                fields.push(Field::new(
                    "mentor_mark",
                    l("Оценка наставника 1–5", "Mentor's mark 1–5"),
                    Kind::Number,
                    opt(m.feedback.mentor_mark),
                ));
                fields.push(Field::new(
                    "comment",
                    l("Отзыв", "Feedback comment"),
                    Kind::Multi,
                    m.feedback.comment.clone(),
                ));
            }
            Record::Response(_) => {}
            Record::Roadmap(r) => {
                fields.push(Field::choice(
                    "status",
                    l("Статус", "Status"),
                    labels(RoadmapStatus::ALL, |s| s.label(lang), None),
                    index_of(RoadmapStatus::ALL, &r.status),
                ));
                fields.push(Field::new(
                    "evidence",
                    l("Подтверждение (приказ №…)", "Evidence (order no. …)"),
                    Kind::Text,
                    r.evidence.clone(),
                ));
                fields.push(Field::new(
                    "title",
                    l("Мероприятие", "Event"),
                    Kind::Multi,
                    r.title.clone(),
                ));
                fields.push(Field::new(
                    "deadline_text",
                    l("Срок (как в документе)", "Deadline (as written)"),
                    Kind::Text,
                    r.deadline_text.clone(),
                ));
                fields.push(Field::new(
                    "responsible",
                    l("Ответственный", "Responsible"),
                    Kind::Text,
                    r.responsible.clone(),
                ));
                fields.push(Field::new(
                    "result",
                    l("Результат", "Result"),
                    Kind::Text,
                    r.result.clone(),
                ));
            }
            Record::Template(t) => {
                let mut title =
                    Field::new("title", l("Название", "Title"), Kind::Text, t.title.clone());
                title.required = true;
                fields.push(title);
                fields.push(Field::choice(
                    "audience",
                    l("Кто отвечает", "Who answers"),
                    labels(Audience::ALL, |a| a.label(lang), None),
                    index_of(Audience::ALL, &t.audience),
                ));
                fields.push(Field::choice(
                    "stage",
                    l("Этап", "Stage"),
                    labels(SurveyStage::ALL, |a| a.label(lang), None),
                    index_of(SurveyStage::ALL, &t.stage),
                ));
                fields.push(Field::new(
                    "forms",
                    l("Формы (пусто — все)", "Forms (empty: all)"),
                    Kind::Tags,
                    t.forms
                        .iter()
                        .map(|f| f.label(lang))
                        .collect::<Vec<_>>()
                        .join("; "),
                ));
                fields.push(Field::new(
                    "note",
                    l("Пояснение", "Note"),
                    Kind::Multi,
                    t.note.clone(),
                ));
                let mut questions = Field::new(
                    "questions",
                    l("Вопросы по строкам", "Questions, a line each"),
                    Kind::Multi,
                    crate::surveys::text_form::format(&t.questions),
                );
                questions.required = true;
                questions.rows = 12;
                fields.push(questions);
            }
            Record::ReportSettings(r) => {
                fields.push(Field::new(
                    "from",
                    l("Период с", "Period from"),
                    Kind::Date,
                    format_opt_date(r.from),
                ));
                fields.push(Field::new(
                    "to",
                    l("Период по", "Period to"),
                    Kind::Date,
                    format_opt_date(r.to),
                ));
                fields.push(Field::new(
                    "as_of",
                    l("Возраст на дату", "Ages on"),
                    Kind::Date,
                    format_opt_date(r.as_of),
                ));
                fields.push(Field::choice(
                    "format",
                    l("Формат файла", "File format"),
                    vec![
                        l("txt — текст для печати", "txt: text for printing").into(),
                        l("tsv — таблицы для Excel", "tsv: tables for a spreadsheet").into(),
                    ],
                    usize::from(r.tsv),
                ));
                fields.push(Field::new(
                    "width",
                    l("Ширина текста, колонок", "Text width, columns"),
                    Kind::Number,
                    r.width.to_string(),
                ));
                fields.push(Field::new(
                    "dir",
                    l("Папка для файлов", "Folder for the files"),
                    Kind::Text,
                    r.dir.display().to_string(),
                ));
            }
            Record::Unit(u) => {
                let status = index_of(UnitStatus::ALL, &u.status);
                fields.push(Field::choice(
                    "status",
                    l("Статус", "Status"),
                    labels(UnitStatus::ALL, |c| c.label(lang), None),
                    status,
                ));
                fields.push(Field::new(
                    "start",
                    l("Дата начала", "Start"),
                    Kind::Date,
                    format_opt_date(u.start),
                ));
                fields.push(Field::new(
                    "order_no",
                    l("Приказ №", "Order no."),
                    Kind::Text,
                    u.order_no.clone(),
                ));
                fields.push(Field::new(
                    "order_date",
                    l("Дата приказа", "Order date"),
                    Kind::Date,
                    format_opt_date(u.order_date),
                ));
                fields.push(Field::new(
                    "planned_end",
                    l("Плановое окончание", "Planned end"),
                    Kind::Date,
                    format_opt_date(u.planned_end),
                ));
                fields.push(Field::new(
                    "role_model",
                    l("Ролевая модель", "Role model"),
                    Kind::Text,
                    u.role_model.clone(),
                ));
                fields.push(Field::new(
                    "place",
                    l("Место реализации", "Place"),
                    Kind::Text,
                    u.place.clone(),
                ));
                fields.push(Field::new(
                    "end",
                    l("Дата окончания", "End"),
                    Kind::Date,
                    format_opt_date(u.end),
                ));
                fields.push(Field::new(
                    "end_reason",
                    l("Причина прекращения", "Reason ended"),
                    Kind::Text,
                    u.end_reason.clone(),
                ));
                fields.push(Field::new(
                    "result",
                    l("Результат", "Result"),
                    Kind::Multi,
                    u.result.clone(),
                ));
                fields.push(Field::new(
                    "case_link",
                    l("Ссылка на кейс/отзыв", "Case link"),
                    Kind::Text,
                    u.case_link.clone(),
                ));
            }
            Record::Organisation(o) => {
                fields.push(Field::new(
                    "name",
                    l("Название", "Name"),
                    Kind::Text,
                    o.name.clone(),
                ));
                fields.push(Field::new(
                    "municipality",
                    l("Муниципалитет", "Municipality"),
                    Kind::Text,
                    o.municipality.clone(),
                ));
                fields.push(Field::new(
                    "curator",
                    l("Куратор", "Curator"),
                    Kind::Text,
                    o.curator.clone(),
                ));
                fields.push(Field::new(
                    "curator_phone",
                    l("Телефон куратора", "Curator's phone"),
                    Kind::Text,
                    o.curator_phone.clone(),
                ));
                fields.push(Field::new(
                    "academic_year",
                    l("Учебный год", "Academic year"),
                    Kind::Text,
                    o.academic_year.clone(),
                ));
                fields.push(Field::new(
                    "pupils",
                    l("Обучающихся всего", "Pupils"),
                    Kind::Number,
                    opt(o.totals.pupils),
                ));
                fields.push(Field::new(
                    "pupils_10_19",
                    l("…из них 10–19 лет", "…aged 10–19"),
                    Kind::Number,
                    opt(o.totals.pupils_10_19),
                ));
                fields.push(Field::new(
                    "pupils_15_19",
                    l("…из них 15–19 лет", "…aged 15–19"),
                    Kind::Number,
                    opt(o.totals.pupils_15_19),
                ));
                fields.push(Field::new(
                    "young_teachers",
                    l("Молодых специалистов", "Young teachers"),
                    Kind::Number,
                    opt(o.totals.young_teachers),
                ));
                fields.push(Field::new(
                    "enterprises",
                    l("Предприятий в округе", "Enterprises"),
                    Kind::Number,
                    opt(o.totals.enterprises),
                ));
            }
        }
        for f in &mut fields {
            f.required = matches!(f.key, "full_name" | "name" | "category");
        }
        RecordForm {
            original,
            fields,
            focus: 0,
            dirty: false,
            partner_ids,
        }
    }

    pub fn title(&self, lang: Lang) -> String {
        let (what, id) = match &self.original {
            Record::Mentor(m) => (lang.pick("Наставник", "Mentor"), m.id),
            Record::Mentee(m) => (lang.pick("Наставляемый", "Mentee"), m.id),
            Record::Program(p) => (lang.pick("Программа", "Program"), p.id),
            Record::Partner(p) => (lang.pick("Партнёр", "Partner"), p.id),
            Record::Organisation(o) => (lang.pick("Организация", "Organisation"), o.id),
            Record::Unit(u) => (lang.pick("Пара", "Pair"), u.id),
            Record::Meeting(m) if m.id == 0 => {
                return format!(
                    "{} #{}: {}",
                    lang.pick("Встреча пары", "Meeting of pair"),
                    m.unit_id,
                    lang.pick("новая", "new")
                )
            }
            Record::Meeting(m) => (lang.pick("Встреча", "Meeting"), m.id),
            Record::ReportSettings(_) => {
                return lang
                    .pick(
                        "Параметры отчётов (пустые даты: учебный год или квартал, сегодня)",
                        "Report settings (empty dates: the year or quarter, today)",
                    )
                    .into()
            }
            Record::Template(t) => (lang.pick("Шаблон анкеты", "Questionnaire"), t.id),
            Record::Roadmap(r) => {
                return format!(
                    "{} {}",
                    lang.pick("Дорожная карта, пункт", "Roadmap item"),
                    r.number
                )
            }
            Record::Response(r) => (lang.pick("Анкета", "Response"), r.id),
        };
        if id == 0 {
            format!("{what}: {}", lang.pick("новая запись", "new record"))
        } else {
            format!("{what} #{id}")
        }
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    fn set_error(&mut self, key: &str, msg: String) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.error.get_or_insert(msg);
        }
    }

    fn text(&self, key: &str) -> String {
        self.field(key)
            .map(|f| normalize_space(&sanitize_line(&f.value())))
            .unwrap_or_default()
    }

    fn multi(&self, key: &str) -> String {
        self.field(key)
            .map(|f| sanitize(&f.value(), true).trim().to_string())
            .unwrap_or_default()
    }

    fn choice(&self, key: &str) -> usize {
        self.field(key).map_or(0, |f| f.choice)
    }

    fn tags(&self, key: &str) -> Vec<String> {
        split_tags(&self.text(key))
    }

    fn date(&mut self, key: &str, lang: Lang) -> Option<chrono::NaiveDate> {
        let t = self.text(key);
        if t.is_empty() {
            return None;
        }
        let d = parse_date(&t);
        if d.is_none() {
            self.set_error(
                key,
                lang.pick("дата как ДД.ММ.ГГГГ", "a date as DD.MM.YYYY")
                    .into(),
            );
        }
        d
    }

    fn number(&mut self, key: &str, lang: Lang) -> Option<u32> {
        let t = self.text(key);
        if t.is_empty() {
            return None;
        }
        let n = t.parse().ok();
        if n.is_none() {
            self.set_error(key, lang.pick("целое число", "a whole number").into());
        }
        n
    }

    fn parsed<T>(&mut self, key: &str, parse: fn(&str) -> Option<T>, hint: &str) -> Option<T> {
        let t = self.text(key);
        if t.is_empty() {
            return None;
        }
        let v = parse(&t);
        if v.is_none() {
            self.set_error(key, hint.to_string());
        }
        v
    }

    /// The wished partners: `#id`, or a full name that names exactly one
    /// live record of `people`.
    fn wishes<'a>(
        &mut self,
        people: impl Iterator<Item = (Id, &'a Person, bool)> + Clone,
        lang: Lang,
    ) -> Vec<Id> {
        let mut out = Vec::new();
        for tag in self.tags("wishes") {
            let by_id = tag
                .rsplit_once('#')
                .and_then(|(_, n)| n.trim().parse::<Id>().ok());
            let found: Vec<Id> = match by_id {
                Some(id) => people
                    .clone()
                    .filter(|(i, _, _)| *i == id)
                    .map(|(i, _, _)| i)
                    .collect(),
                None => people
                    .clone()
                    .filter(|(_, p, archived)| {
                        !archived && crate::text::fold(&p.full_name) == crate::text::fold(&tag)
                    })
                    .map(|(i, _, _)| i)
                    .collect(),
            };
            match found.as_slice() {
                [id] => out.push(*id),
                [] => self.set_error(
                    "wishes",
                    format!(
                        "«{tag}»: {}",
                        lang.pick("нет такого человека", "no such person")
                    ),
                ),
                _ => self.set_error(
                    "wishes",
                    format!(
                        "«{tag}»: {}",
                        lang.pick("неоднозначно, укажите #id", "ambiguous, give #id")
                    ),
                ),
            }
        }
        out.dedup();
        out
    }

    /// Who attended: each tag names one of the unit's people (case and ё
    /// folded). A name that is not in the pair is an error, not a guess.
    fn attendees(&mut self, ds: &Dataset, unit_id: Id, lang: Lang) -> Vec<PersonRef> {
        let Some(unit) = ds.units.get(&unit_id) else {
            return Vec::new();
        };
        let people: Vec<(PersonRef, String)> = unit
            .people()
            .map(|r| (r, crate::text::fold(&attendee_name(ds, r))))
            .collect();
        let mut out = Vec::new();
        for tag in self.tags("attendees") {
            let folded = crate::text::fold(&tag);
            let found: Vec<PersonRef> = people
                .iter()
                .filter(|(_, name)| *name == folded)
                .map(|(r, _)| *r)
                .collect();
            match found.as_slice() {
                [r] if !out.contains(r) => out.push(*r),
                [_] => {}
                [] => self.set_error(
                    "attendees",
                    format!(
                        "«{tag}»: {}",
                        lang.pick("не из этой пары", "not in this pair")
                    ),
                ),
                _ => self.set_error(
                    "attendees",
                    format!(
                        "«{tag}»: {}",
                        lang.pick("два человека с таким именем", "two people of that name")
                    ),
                ),
            }
        }
        out
    }

    fn person(&mut self, base: &Person, lang: Lang) -> Person {
        let consent = self.date("consent", lang).map(|date| Consent {
            date,
            by_guardian: self.choice("consent_by_guardian") == 1,
        });
        let mut forms = Vec::new();
        for t in self.tags("forms") {
            match Form::parse(&t) {
                Some(f) => forms.push(f),
                None => self.set_error("forms", format!("«{t}»: {}", Form::choices(lang))),
            }
        }
        Person {
            full_name: self.text("full_name"),
            birth_date: self.date("birth_date", lang),
            grade: self.parsed("grade", Grade::parse, lang.pick("например 9А", "e.g. 9A")),
            experience_years: self.number("experience_years", lang),
            workplace: self.text("workplace"),
            position: self.text("position"),
            contacts: self.text("contacts"),
            guardian: self.text("guardian"),
            interests: self.tags("interests"),
            subjects: self.tags("subjects"),
            forms,
            consent,
            joined: self.date("joined", lang),
            notes: self.multi("notes"),
            ..base.clone()
        }
    }

    /// The record as edited, if every field parses and the domain's rules
    /// hold; otherwise the errors are set on their fields.
    pub fn build(&mut self, ds: &Dataset, lang: Lang) -> Option<Record> {
        for f in &mut self.fields {
            f.error = None;
        }
        let (record, issues): (Record, Vec<Issue>) = match self.original.clone() {
            Record::Mentor(m) => {
                let mut person = self.person(&m.person, lang);
                person.wishes = self.wishes(
                    ds.mentees.values().map(|e| (e.id, &e.person, e.archived)),
                    lang,
                );
                let r = Mentor {
                    person,
                    category: MentorCategory::ALL[self.choice("category")],
                    partner_id: self
                        .partner_ids
                        .get(self.choice("partner_id"))
                        .copied()
                        .flatten(),
                    competencies: self.tags("competencies"),
                    achievements: self.multi("achievements"),
                    capacity: self.number("capacity", lang).unwrap_or(1),
                    time_budget: self.number("time_budget", lang),
                    preferred_age: self.parsed(
                        "preferred_age",
                        AgeRange::parse,
                        lang.pick("например 10-14", "e.g. 10-14"),
                    ),
                    ..m
                };
                let issues = validate::validate_mentor(&r);
                (Record::Mentor(r), issues)
            }
            Record::Mentee(m) => {
                let mut person = self.person(&m.person, lang);
                person.wishes = self.wishes(
                    ds.mentors.values().map(|e| (e.id, &e.person, e.archived)),
                    lang,
                );
                let r = Mentee {
                    person,
                    category: MenteeCategory::ALL[self.choice("category")],
                    request: self.tags("request"),
                    ..m
                };
                let issues = validate::validate_mentee(&r);
                (Record::Mentee(r), issues)
            }
            Record::Program(p) => {
                let r = Program {
                    name: self.text("name"),
                    form: self.choice("form").checked_sub(1).map(|i| Form::ALL[i]),
                    kind: self
                        .choice("kind")
                        .checked_sub(1)
                        .map(|i| MentoringKind::ALL[i]),
                    goals: self.multi("goals"),
                    start: self.date("start", lang),
                    end: self.date("end", lang),
                    planned_results: self.multi("planned_results"),
                    effective: self.choice("effective") == 1,
                    ..p
                };
                let issues = validate::validate_program(&r);
                (Record::Program(r), issues)
            }
            Record::Partner(p) => {
                let r = Partner {
                    name: self.text("name"),
                    kind: PartnerKind::ALL[self.choice("kind")],
                    contacts: self.text("contacts"),
                    ..p
                };
                let issues = validate::validate_partner(&r);
                (Record::Partner(r), issues)
            }
            Record::Meeting(m) => {
                let date = self.date("date", lang);
                if date.is_none() && self.text("date").is_empty() {
                    self.set_error("date", validate::Rule::Required.message(lang));
                }
                let start_time = self.parsed(
                    "start_time",
                    |t| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok(),
                    lang.pick("время как 15:30", "a time like 15:30"),
                );
                let mut marks = [None, None];
                for (i, key) in ["mentee_mark", "mentor_mark"].into_iter().enumerate() {
                    marks[i] = match self.number(key, lang) {
                        Some(n) if (1..=5).contains(&n) => Some(n as u8),
                        Some(_) => {
                            self.set_error(key, lang.pick("от 1 до 5", "from 1 to 5").into());
                            None
                        }
                        None => None,
                    };
                }
                let attendees = self.attendees(ds, m.unit_id, lang);
                let r = Meeting {
                    date: date.unwrap_or(m.date),
                    attendees,
                    kind: MeetingKind::ALL[self.choice("kind")],
                    format: MeetingFormat::ALL[self.choice("format")],
                    start_time,
                    duration_min: self.number("duration_min", lang),
                    place: self.text("place"),
                    topic: self.text("topic"),
                    outcome: self.multi("outcome"),
                    next_steps: self.multi("next_steps"),
                    feedback: Feedback {
                        mentee_mark: marks[0],
                        mentor_mark: marks[1],
                        comment: self.multi("comment"),
                    },
                    ..m.clone()
                };
                (Record::Meeting(r), Vec::new())
            }
            Record::Response(r) => (Record::Response(r), Vec::new()),
            Record::Roadmap(r) => {
                let status = RoadmapStatus::ALL[self.choice("status")];
                let evidence = self.text("evidence");
                let deadline_text = self.text("deadline_text");
                let r = RoadmapItem {
                    status,
                    evidence,
                    title: normalize_space(&self.multi("title")),
                    deadline: crate::roadmap::deadline::parse(&deadline_text),
                    deadline_text,
                    responsible: self.text("responsible"),
                    result: self.text("result"),
                    ..r.clone()
                };
                (Record::Roadmap(r), Vec::new())
            }
            Record::Template(t) => {
                let mut forms = Vec::new();
                for tag in self.tags("forms") {
                    match Form::parse(&tag) {
                        Some(f) => forms.push(f),
                        None => self.set_error(
                            "forms",
                            format!("«{tag}»: {}", lang.pick("нет такой формы", "no such form")),
                        ),
                    }
                }
                if self.text("title").is_empty() {
                    self.set_error("title", validate::Rule::Required.message(lang));
                }
                let questions = match crate::surveys::text_form::parse(&self.multi("questions")) {
                    Ok(q) if q.is_empty() => {
                        self.set_error("questions", validate::Rule::Required.message(lang));
                        Vec::new()
                    }
                    Ok(q) => q,
                    Err(errs) => {
                        let first = &errs[0];
                        self.set_error(
                            "questions",
                            format!(
                                "{} {}: {}{}",
                                lang.pick("строка", "line"),
                                first.line,
                                first.message,
                                if errs.len() > 1 {
                                    format!(" (+{})", errs.len() - 1)
                                } else {
                                    String::new()
                                }
                            ),
                        );
                        Vec::new()
                    }
                };
                // Answers point at questions by position: once a template has
                // answers, its questions may be reworded or added at the end,
                // but not removed, reordered or changed in kind.
                let answered = ds
                    .responses
                    .values()
                    .any(|r| r.template_id == t.id && t.id != 0);
                let same_kind = |a: &QuestionKind, b: &QuestionKind| {
                    std::mem::discriminant(a) == std::mem::discriminant(b)
                };
                if answered
                    && !questions.is_empty()
                    && (questions.len() < t.questions.len()
                        || t.questions
                            .iter()
                            .zip(&questions)
                            .any(|(a, b)| !same_kind(&a.kind, &b.kind)))
                {
                    self.set_error(
                        "questions",
                        lang.pick(
                            "на анкету уже отвечали: вопросы можно переформулировать или дописать в конец, но не удалять и не менять их вид",
                            "answers exist: reword or append questions, but do not remove them or change their kind",
                        )
                        .into(),
                    );
                }
                let r = SurveyTemplate {
                    title: self.text("title"),
                    audience: Audience::ALL[self.choice("audience")],
                    stage: SurveyStage::ALL[self.choice("stage")],
                    forms,
                    note: self.multi("note"),
                    questions,
                    ..t.clone()
                };
                (Record::Template(r), Vec::new())
            }
            Record::ReportSettings(_) => {
                let (from, to) = (self.date("from", lang), self.date("to", lang));
                match (from, to) {
                    (Some(_), None) if self.text("to").is_empty() => self.set_error(
                        "to",
                        lang.pick("укажите и конец периода", "give the end too")
                            .into(),
                    ),
                    (None, Some(_)) if self.text("from").is_empty() => self.set_error(
                        "from",
                        lang.pick("укажите и начало периода", "give the start too")
                            .into(),
                    ),
                    (Some(f), Some(t)) if f > t => {
                        self.set_error("to", lang.pick("раньше начала", "before the start").into())
                    }
                    _ => {}
                }
                let width = self.number("width", lang).unwrap_or(0) as usize;
                if width < crate::reports::render::MIN_WIDTH {
                    self.set_error(
                        "width",
                        format!(
                            "{} {}",
                            lang.pick("не меньше", "at least"),
                            crate::reports::render::MIN_WIDTH
                        ),
                    );
                }
                let dir = std::path::PathBuf::from(self.text("dir"));
                if self.text("dir").is_empty() {
                    self.set_error("dir", validate::Rule::Required.message(lang));
                }
                let r = crate::tui::reports::ReportSettings {
                    from,
                    to,
                    as_of: self.date("as_of", lang),
                    tsv: self.choice("format") == 1,
                    width,
                    dir,
                };
                (Record::ReportSettings(r), Vec::new())
            }
            Record::Unit(u) => {
                let r = Unit {
                    status: UnitStatus::ALL[self.choice("status")],
                    start: self.date("start", lang),
                    order_no: self.text("order_no"),
                    order_date: self.date("order_date", lang),
                    planned_end: self.date("planned_end", lang),
                    role_model: self.text("role_model"),
                    place: self.text("place"),
                    end: self.date("end", lang),
                    end_reason: self.text("end_reason"),
                    result: self.multi("result"),
                    case_link: self.text("case_link"),
                    ..u.clone()
                };
                let mut issues =
                    validate::validate_unit(&r, ds, &|m| ds.mentees_of_mentor_elsewhere(m, r.id));
                // A pair becomes active by an order (приказ о закреплении).
                if r.status == UnitStatus::Active && u.status != UnitStatus::Active {
                    if r.order_no.is_empty() {
                        issues.push(Issue {
                            field: "order_no",
                            rule: validate::Rule::Required,
                        });
                    }
                    if r.order_date.is_none() {
                        issues.push(Issue {
                            field: "order_date",
                            rule: validate::Rule::Required,
                        });
                    }
                }
                (Record::Unit(r), issues)
            }
            Record::Organisation(o) => {
                let totals = Totals {
                    pupils: self.number("pupils", lang),
                    pupils_10_19: self.number("pupils_10_19", lang),
                    pupils_15_19: self.number("pupils_15_19", lang),
                    young_teachers: self.number("young_teachers", lang),
                    enterprises: self.number("enterprises", lang),
                };
                let r = Organisation {
                    name: self.text("name"),
                    municipality: self.text("municipality"),
                    curator: self.text("curator"),
                    curator_phone: self.text("curator_phone"),
                    academic_year: self.text("academic_year"),
                    totals,
                    ..o
                };
                let issues = validate::validate_organisation(&r);
                (Record::Organisation(r), issues)
            }
        };
        for i in issues {
            let key = if self.field(i.field).is_some() {
                i.field
            } else {
                self.fields[0].key
            };
            self.set_error(key, i.rule.message(lang));
        }
        let first_error = self.fields.iter().position(|f| f.error.is_some());
        match first_error {
            Some(i) => {
                self.focus = i;
                None
            }
            None => Some(record),
        }
    }
}
