//! The five papers composed from the data. The wording follows what
//! schools file in 2025–2026: the order fixing pairs with its annex, the
//! ст. 351.8 agreement (content, period, form, pay, early end on three
//! working days' notice), the 152-ФЗ consent (ст. 9: operator, purpose,
//! data, period, withdrawal), the mentor's notice and the amending order.

use super::{initials_first, Block, Gap, Grid, Paper, PaperKind, Refusal, BLANK};
use crate::domain::calendar::Calendar;
use crate::domain::dates::{academic_year_of, format_date};
use crate::domain::labour::{self, NOTICE_DAYS};
use crate::domain::vocab::{AgreementKind, MentorCategory, PayBasis};
use crate::domain::{Dataset, Id, Mentee, Mentor, Organisation, Person, Unit};
use crate::i18n::Lang;
use crate::text::sanitize_line;
use chrono::NaiveDate;

/// What every paper draws on.
pub struct Facts<'a> {
    pub ds: &'a Dataset,
    pub org: &'a Organisation,
    /// The paper's date when nothing else dates it (today).
    pub on: NaiveDate,
    pub calendar: &'a Calendar,
    /// The order's number and date, when the curator gives them.
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Whom or what a paper is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Units(Vec<Id>),
    Mentor(Id),
    Mentee(Id),
}

pub fn compose(kind: PaperKind, subject: &Subject, f: &Facts) -> Result<Paper, Refusal> {
    let mut p = Paper {
        kind,
        blocks: Vec::new(),
        fields: Vec::new(),
        table: None,
        gaps: Vec::new(),
    };
    school_fields(&mut p, f);
    match (kind, subject) {
        (PaperKind::Order, Subject::Units(ids)) => order(&mut p, &units(f.ds, ids)?, f),
        (PaperKind::Agreement, Subject::Units(ids)) => agreement(&mut p, one(f.ds, ids)?, f)?,
        (PaperKind::Notice, Subject::Units(ids)) => notice(&mut p, one(f.ds, ids)?, f)?,
        (PaperKind::Change, Subject::Units(ids)) => change(&mut p, one(f.ds, ids)?, f)?,
        (PaperKind::Consent, Subject::Mentor(id)) => {
            let m = f.ds.mentors.get(id).ok_or(Refusal::NoSuchPerson(*id))?;
            mentor_consent(&mut p, m, f);
        }
        (PaperKind::Consent, Subject::Mentee(id)) => {
            let m = f.ds.mentees.get(id).ok_or(Refusal::NoSuchPerson(*id))?;
            mentee_consent(&mut p, m, f);
        }
        (kind, _) => return Err(Refusal::Subject(kind)),
    }
    Ok(p)
}

fn units<'a>(ds: &'a Dataset, ids: &[Id]) -> Result<Vec<&'a Unit>, Refusal> {
    if ids.is_empty() {
        return Err(Refusal::NoPairs);
    }
    ids.iter()
        .map(|id| ds.units.get(id).ok_or(Refusal::NoSuchPair(*id)))
        .collect()
}

fn one<'a>(ds: &'a Dataset, ids: &[Id]) -> Result<&'a Unit, Refusal> {
    match ids {
        [id] => ds.units.get(id).ok_or(Refusal::NoSuchPair(*id)),
        [] => Err(Refusal::Subject(PaperKind::Agreement)),
        _ => Err(Refusal::OnePair),
    }
}

fn clean(s: &str) -> String {
    crate::text::normalize_space(&sanitize_line(s))
}

fn or_blank(s: String) -> String {
    if s.trim().is_empty() {
        BLANK.to_string()
    } else {
        s
    }
}

fn date_or_blank(d: Option<NaiveDate>) -> String {
    d.map(format_date)
        .unwrap_or_else(|| "«___» ____________ 20___ г.".to_string())
}

/// The school as its papers name it, with the gaps said once.
fn school_fields(p: &mut Paper, f: &Facts) {
    let o = f.org;
    if o.registered_name.trim().is_empty() {
        p.gaps.push(Gap::RegisteredName);
    }
    if o.director.trim().is_empty() {
        p.gaps.push(Gap::Director);
    }
    if o.inn.trim().is_empty() {
        p.gaps.push(Gap::Inn);
    }
    let fields = [
        ("school", or_blank(clean(o.registered()))),
        ("school_short", or_blank(clean(&o.name))),
        ("inn", or_blank(clean(&o.inn))),
        ("ogrn", clean(&o.ogrn)),
        ("municipality", clean(&o.municipality)),
        ("director", or_blank(clean(&o.director))),
        ("director_short", director_short(o)),
        ("curator", or_blank(clean(&o.curator))),
        ("curator_phone", clean(&o.curator_phone)),
        ("year", clean(&o.academic_year)),
        ("today", format_date(f.on)),
    ];
    p.fields.extend(fields);
}

fn director_short(o: &Organisation) -> String {
    match o.director.trim() {
        "" => BLANK.to_string(),
        d => initials_first(d),
    }
}

fn head_sign(f: &Facts) -> Block {
    Block::Sign("Директор".into(), director_short(f.org))
}

fn letterhead(p: &mut Paper, f: &Facts) {
    p.blocks
        .push(Block::Title(or_blank(clean(f.org.registered()))));
    if !f.org.inn.trim().is_empty() {
        p.blocks
            .push(Block::Center(format!("ИНН {}", clean(&f.org.inn))));
    }
    p.blocks.push(Block::Gap);
}

fn name(person: &Person) -> String {
    or_blank(clean(&person.full_name))
}

/// A mentor's position, or a pupil mentor's class.
fn mentor_role(m: &Mentor) -> String {
    match (&m.person.grade, m.category) {
        (Some(g), MentorCategory::Pupil) => format!("обучающийся {g} класса"),
        _ => clean(&m.person.position),
    }
}

fn mentee_role(m: &Mentee) -> String {
    match &m.person.grade {
        Some(g) if m.person.position.trim().is_empty() => format!("{g} класс"),
        _ => clean(&m.person.position),
    }
}

fn with_role(name: String, role: String) -> String {
    if role.is_empty() {
        name
    } else {
        format!("{name} ({role})")
    }
}

fn mentors_of<'a>(ds: &'a Dataset, u: &Unit) -> Vec<&'a Mentor> {
    u.mentors
        .iter()
        .filter_map(|id| ds.mentors.get(id))
        .collect()
}

fn mentees_of<'a>(ds: &'a Dataset, u: &Unit) -> Vec<&'a Mentee> {
    u.mentees
        .iter()
        .filter_map(|id| ds.mentees.get(id))
        .collect()
}

fn mentor_names(ds: &Dataset, u: &Unit) -> String {
    or_blank(
        mentors_of(ds, u)
            .iter()
            .map(|m| name(&m.person))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn mentee_names(ds: &Dataset, u: &Unit) -> String {
    or_blank(
        mentees_of(ds, u)
            .iter()
            .map(|m| with_role(name(&m.person), mentee_role(m)))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

fn period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    match (from, to) {
        (Some(a), Some(b)) => format!("с {} по {}", format_date(a), format_date(b)),
        (Some(a), None) => format!("с {}", format_date(a)),
        (None, Some(b)) => format!("по {}", format_date(b)),
        (None, None) => BLANK.to_string(),
    }
}

/// The order's requisites: given by the curator, else the one the pairs
/// already share, else blanks.
fn order_requisites(p: &mut Paper, list: &[&Unit], f: &Facts) -> (String, String) {
    if f.number.is_some() || f.date.is_some() {
        let number = f.number.clone().map(|n| clean(&n)).unwrap_or_default();
        return (or_blank(number), date_or_blank(f.date.or(Some(f.on))));
    }
    let mut orders = list.iter().map(|u| f.ds.order_of(u));
    let first = orders.next().unwrap_or_default();
    let shared = (!first.0.is_empty() || first.1.is_some()) && orders.all(|o| o == first);
    if shared {
        (or_blank(clean(&first.0)), date_or_blank(first.1))
    } else {
        p.gaps.push(Gap::OrderNumber);
        (BLANK.to_string(), date_or_blank(None))
    }
}

fn pairs_grid(ds: &Dataset, list: &[&Unit]) -> Grid {
    let rows = list
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mentors = mentors_of(ds, u);
            vec![
                (i + 1).to_string(),
                mentor_names(ds, u),
                mentors
                    .iter()
                    .map(|m| mentor_role(m))
                    .filter(|r| !r.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                mentee_names(ds, u),
                u.form.label(Lang::Ru).to_string(),
                period(u.start, u.planned_end),
            ]
        })
        .collect();
    Grid {
        widths: vec![4, 22, 18, 26, 14, 16],
        head: [
            "№",
            "Наставник",
            "Должность / класс",
            "Наставляемый(е)",
            "Форма",
            "Срок",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    }
}

fn order(p: &mut Paper, list: &[&Unit], f: &Facts) {
    let (number, date) = order_requisites(p, list, f);
    let grid = pairs_grid(f.ds, list);
    let school = clean(&f.org.name);
    letterhead(p, f);
    p.blocks.push(Block::Title("ПРИКАЗ".into()));
    p.blocks
        .push(Block::Split(date.clone(), format!("№ {number}")));
    p.blocks.push(Block::Gap);
    p.blocks.push(Block::Title(
        "О закреплении наставнических пар (групп)".into(),
    ));
    p.blocks.push(Block::Para(format!(
        "В целях реализации целевой модели наставничества обучающихся и педагогических \
         работников (распоряжение Министерства просвещения Российской Федерации от 25.12.2019 \
         № Р-145), в соответствии с Положением о наставничестве {}",
        or_blank(school)
    )));
    p.blocks.push(Block::Para("ПРИКАЗЫВАЮ:".into()));
    p.blocks.push(Block::Para(format!(
        "1. Закрепить наставнические пары (группы) согласно приложению ({}).",
        count_pairs(list.len())
    )));
    p.blocks.push(Block::Para(
        "2. Наставникам организовать работу наставнических пар (групп) в соответствии с \
         программой наставничества."
            .into(),
    ));
    p.blocks.push(Block::Para(format!(
        "3. Контроль за исполнением настоящего приказа возложить на куратора наставничества {}.",
        or_blank(clean(&f.org.curator))
    )));
    p.blocks.push(Block::Gap);
    p.blocks.push(head_sign(f));
    p.blocks.push(Block::Gap);
    p.blocks.push(Block::Right(format!(
        "Приложение к приказу от {date} № {number}"
    )));
    p.blocks
        .push(Block::Title("Список наставнических пар (групп)".into()));
    p.blocks.push(Block::Table(grid.clone()));
    p.fields.extend([
        ("number", number),
        ("date", date),
        ("count", list.len().to_string()),
    ]);
    p.table = Some(grid);
}

/// «1 пара», «3 пары», «5 пар (групп)» as the order counts them.
fn count_pairs(n: usize) -> String {
    let word = match (n % 10, n % 100) {
        (1, x) if x != 11 => "пара (группа)",
        (2..=4, x) if !(12..=14).contains(&x) => "пары (группы)",
        _ => "пар (групп)",
    };
    format!("{n} {word}")
}

fn employees_pair<'a>(u: &'a Unit, f: &Facts<'a>) -> Result<Option<&'a Mentor>, Refusal> {
    if !labour::applies(u.form) {
        return Err(Refusal::NotEmployees(u.id));
    }
    Ok(u.mentors.first().and_then(|id| f.ds.mentors.get(id)))
}

fn agreement_ref(u: &Unit) -> String {
    let kind = match u.agreement_kind {
        Some(AgreementKind::Contract) => "трудовым договором",
        _ => "дополнительным соглашением",
    };
    let no = u.agreement_no.trim();
    let no = if no.is_empty() {
        BLANK.to_string()
    } else {
        clean(no)
    };
    format!("{kind} № {no} от {}", date_or_blank(u.agreement_date))
}

fn pay_text(u: &Unit, p: &mut Paper) -> String {
    match u.pay_basis {
        Some(PayBasis::Allowance) => format!(
            "За выполнение работы наставника Работнику устанавливается доплата в размере {BLANK} \
             в порядке, установленном локальным нормативным актом Работодателя."
        ),
        Some(PayBasis::WithinDuties) => "Работа наставника входит в должностные обязанности \
             Работника; дополнительная оплата за неё не производится."
            .to_string(),
        None => {
            p.gaps.push(Gap::PayBasis);
            format!("Оплата работы наставника: {BLANK}.")
        }
    }
}

fn agreement(p: &mut Paper, u: &Unit, f: &Facts) -> Result<(), Refusal> {
    let mentor = employees_pair(u, f)?;
    let mentor_name = mentor.map(|m| name(&m.person)).unwrap_or(BLANK.into());
    if let Some(m) = mentor {
        if m.person.position.trim().is_empty() {
            p.gaps.push(Gap::Position(mentor_name.clone()));
        }
    }
    if u.mentor_consent.is_none() {
        p.gaps.push(Gap::Consent(mentor_name.clone()));
    }
    if u.agreement_no.trim().is_empty() || u.agreement_date.is_none() {
        p.gaps.push(Gap::AgreementNumber);
    }
    if u.agreement_from.is_none() || u.agreement_to.is_none() {
        p.gaps.push(Gap::Period);
    }
    let no = or_blank(clean(&u.agreement_no));
    let date = date_or_blank(u.agreement_date);
    let mentees = mentee_names(f.ds, u);
    let from_to = period(u.agreement_from, u.agreement_to);
    let content = content_of(u, f.ds);
    let pay = pay_text(u, p);
    let consent = u
        .mentor_consent
        .map(|d| format!(" (согласие от {})", format_date(d)))
        .unwrap_or_default();
    p.blocks
        .push(Block::Title(format!("ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ № {no}")));
    p.blocks.push(Block::Center(format!(
        "к трудовому договору от {} № {BLANK}",
        date_or_blank(None)
    )));
    p.blocks.push(Block::Split(
        or_blank(clean(&f.org.municipality)),
        date.clone(),
    ));
    p.blocks.push(Block::Gap);
    p.blocks.push(Block::Para(format!(
        "{} (далее — Работодатель) в лице директора {}, действующего на основании Устава, \
         с одной стороны, и {mentor_name} (далее — Работник), с другой стороны, заключили \
         настоящее дополнительное соглашение о нижеследующем:",
        or_blank(clean(f.org.registered())),
        or_blank(clean(&f.org.director)),
    )));
    p.blocks.push(Block::Para(format!(
        "1. Работник с его письменного согласия{consent} выполняет наряду с работой, \
         определённой трудовым договором, работу наставника (статья 351.8 Трудового кодекса \
         Российской Федерации)."
    )));
    p.blocks
        .push(Block::Para(format!("2. Наставляемый(е): {mentees}.")));
    p.blocks.push(Block::Para(format!(
        "3. Содержание наставничества: {content}."
    )));
    p.blocks
        .push(Block::Para(format!("4. Срок наставничества: {from_to}.")));
    p.blocks.push(Block::Para(format!(
        "5. Форма наставничества: {}.",
        u.form.label(Lang::Ru)
    )));
    p.blocks.push(Block::Para(format!("6. {pay}")));
    p.blocks.push(Block::Para(
        "7. Каждая из сторон вправе досрочно прекратить выполнение работы наставника, \
         предупредив об этом другую сторону в письменной форме не менее чем за три рабочих дня."
            .into(),
    ));
    p.blocks.push(Block::Para(
        "8. Соглашение является неотъемлемой частью трудового договора, составлено в двух \
         экземплярах, имеющих равную силу, по одному для каждой из сторон."
            .into(),
    ));
    p.blocks.push(Block::Gap);
    p.blocks
        .push(Block::Sign("Работодатель".into(), director_short(f.org)));
    p.blocks.push(Block::Sign(
        "Работник".into(),
        mentor
            .map(|m| initials_first(&m.person.full_name))
            .unwrap_or(BLANK.into()),
    ));
    p.blocks.push(Block::Para(format!(
        "Экземпляр соглашения получил(а): {date_blank} {BLANK}",
        date_blank = date_or_blank(None)
    )));
    p.fields.extend([
        ("mentor", mentor_name),
        (
            "mentor_position",
            mentor.map(mentor_role).unwrap_or_default(),
        ),
        ("mentees", mentees),
        ("content", content),
        ("period", from_to),
        ("form", u.form.label(Lang::Ru).to_string()),
        ("pay", pay_field(u)),
        ("number", no),
        ("date", date),
        (
            "consent_date",
            u.mentor_consent.map(format_date).unwrap_or(BLANK.into()),
        ),
    ]);
    Ok(())
}

fn pay_field(u: &Unit) -> String {
    u.pay_basis
        .map(|b| b.label(Lang::Ru).to_string())
        .unwrap_or(BLANK.into())
}

/// What the mentoring is about: the role model and the programme, else
/// the mentees' requests.
fn content_of(u: &Unit, ds: &Dataset) -> String {
    let mut parts = Vec::new();
    let role = clean(&u.role_model);
    if !role.is_empty() {
        parts.push(role);
    }
    if let Some(prog) = u.program_id.and_then(|id| ds.programs.get(&id)) {
        parts.push(format!("по программе «{}»", clean(&prog.name)));
    }
    if parts.is_empty() {
        let requests: Vec<String> = mentees_of(ds, u)
            .iter()
            .flat_map(|m| m.request.iter().map(|r| clean(r)))
            .filter(|r| !r.is_empty())
            .collect();
        if !requests.is_empty() {
            parts.push(format!(
                "адаптация и профессиональное развитие наставляемого: {}",
                requests.join(", ")
            ));
        }
    }
    if parts.is_empty() {
        "адаптация и профессиональное развитие наставляемого".to_string()
    } else {
        parts.join(", ")
    }
}

fn notice(p: &mut Paper, u: &Unit, f: &Facts) -> Result<(), Refusal> {
    let mentor = employees_pair(u, f)?;
    let mentor_name = mentor.map(|m| name(&m.person)).unwrap_or(BLANK.into());
    let dated = u.notice_date.unwrap_or(f.on);
    let earliest = f.calendar.working_days_after(dated, NOTICE_DAYS);
    let end = match u.end {
        Some(e) if e < earliest => {
            p.gaps.push(Gap::EndTooEarly {
                end: format_date(e),
                earliest: format_date(earliest),
            });
            earliest
        }
        Some(e) => e,
        None => earliest,
    };
    let role = mentor.map(mentor_role).unwrap_or_default();
    p.blocks.push(Block::Right(format!(
        "Директору {}\n{}\nот {}{}",
        or_blank(clean(f.org.registered())),
        or_blank(clean(&f.org.director)),
        mentor_name,
        if role.is_empty() {
            String::new()
        } else {
            format!(", {role}")
        }
    )));
    p.blocks.push(Block::Gap);
    p.blocks.push(Block::Title("УВЕДОМЛЕНИЕ".into()));
    p.blocks.push(Block::Center(
        "о досрочном прекращении выполнения работы наставника".into(),
    ));
    p.blocks.push(Block::Gap);
    let (mentees, agreement) = (mentee_names(f.ds, u), agreement_ref(u));
    p.blocks.push(Block::Para(format!(
        "В соответствии со статьёй 351.8 Трудового кодекса Российской Федерации уведомляю о \
         досрочном прекращении выполнения мной работы наставника в отношении {mentees}, \
         предусмотренной {agreement}, с {}.",
        format_date(end)
    )));
    p.blocks.push(Block::Gap);
    p.blocks.push(Block::Split(
        format_date(dated),
        format!(
            "{BLANK} / {}",
            mentor
                .map(|m| initials_first(&m.person.full_name))
                .unwrap_or(BLANK.into())
        ),
    ));
    p.fields.extend([
        ("mentor", mentor_name),
        ("mentees", mentees),
        ("agreement", agreement),
        ("notice_date", format_date(dated)),
        ("end_date", format_date(end)),
        ("date", format_date(dated)),
    ]);
    Ok(())
}

fn change(p: &mut Paper, u: &Unit, f: &Facts) -> Result<(), Refusal> {
    let Some(end) = u.end.filter(|_| !u.status.is_live()) else {
        return Err(Refusal::NotEnded(u.id));
    };
    let (order_no, order_date) = f.ds.order_of(u);
    let order_ref = match (order_no.is_empty(), order_date) {
        (true, None) => format!("от {} № {BLANK}", date_or_blank(None)),
        _ => format!(
            "от {} № {}",
            date_or_blank(order_date),
            or_blank(clean(&order_no))
        ),
    };
    let (number, date) = match (&f.number, f.date) {
        (None, None) => {
            p.gaps.push(Gap::OrderNumber);
            (BLANK.to_string(), date_or_blank(None))
        }
        (n, d) => (
            or_blank(n.clone().map(|n| clean(&n)).unwrap_or_default()),
            date_or_blank(d.or(Some(f.on))),
        ),
    };
    let reason = match clean(&u.end_reason) {
        r if r.is_empty() => "досрочным прекращением наставничества".to_string(),
        r => r,
    };
    letterhead(p, f);
    p.blocks.push(Block::Title("ПРИКАЗ".into()));
    p.blocks
        .push(Block::Split(date.clone(), format!("№ {number}")));
    p.blocks.push(Block::Gap);
    p.blocks.push(Block::Title(format!(
        "О внесении изменений в приказ {order_ref} «О закреплении наставнических пар (групп)»"
    )));
    p.blocks.push(Block::Para(format!(
        "В связи с {reason}, в соответствии с Положением о наставничестве {}",
        or_blank(clean(&f.org.name))
    )));
    p.blocks.push(Block::Para("ПРИКАЗЫВАЮ:".into()));
    let (mentors, mentees) = (mentor_names(f.ds, u), mentee_names(f.ds, u));
    p.blocks.push(Block::Para(format!(
        "1. Исключить из приложения к приказу {order_ref} наставническую пару (группу): \
         наставник {mentors} — наставляемый(е) {mentees}, с {}.",
        format_date(end)
    )));
    p.blocks.push(Block::Para(format!(
        "2. Куратору наставничества {} внести изменения в базу наставников и наставляемых.",
        or_blank(clean(&f.org.curator))
    )));
    p.blocks.push(Block::Para(
        "3. Контроль за исполнением настоящего приказа оставляю за собой.".into(),
    ));
    p.blocks.push(Block::Gap);
    p.blocks.push(head_sign(f));
    p.fields.extend([
        ("number", number),
        ("date", date),
        ("order", order_ref),
        ("mentor", mentors),
        ("mentees", mentees),
        ("end_date", format_date(end)),
        ("reason", reason),
    ]);
    Ok(())
}

/// Until when a consent holds: the end of the academic year.
fn consent_until(on: NaiveDate) -> String {
    format_date(academic_year_of(on).1)
}

fn consent_tail(p: &mut Paper, f: &Facts, signer: String) {
    p.blocks.push(Block::Para(format!(
        "Согласие действует до {} и может быть отозвано письменным заявлением, поданным \
         оператору (часть 2 статьи 9 Федерального закона № 152-ФЗ).",
        consent_until(f.on)
    )));
    p.blocks.push(Block::Gap);
    p.blocks.push(Block::Split(
        date_or_blank(None),
        format!("{BLANK} / {signer}"),
    ));
    p.fields.push(("until", consent_until(f.on)));
}

fn operator(f: &Facts) -> String {
    let inn = match f.org.inn.trim() {
        "" => String::new(),
        inn => format!(" (ИНН {})", clean(inn)),
    };
    format!("{}{inn}", or_blank(clean(f.org.registered())))
}

const PERSONAL_DATA: &str = "фамилия, имя, отчество; дата рождения; класс или место работы и \
     должность; контактные данные; сведения об участии в программе наставничества, о \
     встречах и их результатах; ответы на анкеты обратной связи";

const PURPOSE: &str = "организация наставничества по целевой модели наставничества \
     (распоряжение Минпросвещения России от 25.12.2019 № Р-145), учёт его участников и \
     мониторинг реализации программы";

fn mentee_consent(p: &mut Paper, m: &Mentee, f: &Facts) {
    let who = name(&m.person);
    let minor = m.person.is_minor_on(f.on);
    let born = m
        .person
        .birth_date
        .map(|b| format!(", {} года рождения", format_date(b)))
        .unwrap_or_default();
    letterhead(p, f);
    p.blocks.push(Block::Title("СОГЛАСИЕ".into()));
    if minor {
        let guardian = clean(&m.person.guardian);
        if guardian.is_empty() {
            p.gaps.push(Gap::Guardian(who.clone()));
        }
        let guardian = or_blank(guardian);
        p.blocks.push(Block::Center(
            "законного представителя на участие несовершеннолетнего в программе наставничества \
             и обработку его персональных данных"
                .into(),
        ));
        p.blocks.push(Block::Gap);
        p.blocks.push(Block::Para(format!(
            "Я, {guardian}, являясь законным представителем несовершеннолетнего {who}{born}, \
             в соответствии со статьёй 9 Федерального закона от 27.07.2006 № 152-ФЗ \
             «О персональных данных» даю согласие на его (её) участие в программе \
             наставничества {} и на обработку оператором — {} — его (её) персональных данных: \
             {PERSONAL_DATA}, — в целях: {PURPOSE}.",
            or_blank(clean(&f.org.name)),
            operator(f)
        )));
        consent_tail(p, f, initials_first(&guardian));
        p.fields.push(("guardian", guardian));
    } else {
        p.blocks.push(Block::Center(
            "на участие в программе наставничества и обработку персональных данных".into(),
        ));
        p.blocks.push(Block::Gap);
        p.blocks.push(Block::Para(format!(
            "Я, {who}{born}, в соответствии со статьёй 9 Федерального закона от 27.07.2006 \
             № 152-ФЗ «О персональных данных» даю согласие на участие в программе \
             наставничества {} в качестве наставляемого и на обработку оператором — {} — моих \
             персональных данных: {PERSONAL_DATA}, — в целях: {PURPOSE}.",
            or_blank(clean(&f.org.name)),
            operator(f)
        )));
        consent_tail(p, f, initials_first(&who));
        p.fields.push(("guardian", String::new()));
    }
    p.fields.extend([
        ("person", who),
        (
            "birth_date",
            m.person.birth_date.map(format_date).unwrap_or_default(),
        ),
        ("class", mentee_role(m)),
        ("date", date_or_blank(None)),
    ]);
}

fn mentor_consent(p: &mut Paper, m: &Mentor, f: &Facts) {
    let who = name(&m.person);
    let employee = matches!(m.category, MentorCategory::Teacher | MentorCategory::Head);
    let mentees: Vec<String> =
        f.ds.units_of_mentor(m.id)
            .filter(|u| u.is_live())
            .map(|u| mentee_names(f.ds, u))
            .collect();
    let whom = match mentees.is_empty() {
        true => String::new(),
        false => format!(" в отношении {}", mentees.join("; ")),
    };
    let role = match mentor_role(m) {
        r if r.is_empty() => String::new(),
        r => format!(", {r}"),
    };
    letterhead(p, f);
    p.blocks.push(Block::Title("СОГЛАСИЕ".into()));
    p.blocks.push(Block::Center(
        "на выполнение работы наставника и обработку персональных данных".into(),
    ));
    p.blocks.push(Block::Gap);
    let work = if employee {
        format!(
            "даю согласие на выполнение наряду с работой, определённой трудовым договором, \
             работы наставника{whom} (статья 351.8 Трудового кодекса Российской Федерации)"
        )
    } else {
        format!("даю согласие на участие в программе наставничества в качестве наставника{whom}")
    };
    p.blocks.push(Block::Para(format!(
        "Я, {who}{role}, {work}, а также на обработку оператором — {} — моих персональных \
         данных: {PERSONAL_DATA}; достижения и компетенции, — в целях: {PURPOSE} (статья 9 \
         Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»).",
        operator(f)
    )));
    consent_tail(p, f, initials_first(&who));
    p.fields.extend([
        ("person", who),
        ("mentor_position", mentor_role(m)),
        ("mentees", mentees.join("; ")),
        ("date", date_or_blank(None)),
    ]);
}
