//! `nastavnik paper KIND`: a document from the data written as .docx or
//! .pdf; an order given its number is recorded in the documents base and
//! fixes the pairs it lists.

use super::args::PaperArgs;
use super::{parse_date_arg, today, write_file, Output};
use crate::domain::dates::format_date;
use crate::domain::vocab::DocumentKind;
use crate::domain::{Dataset, Document, Id, Organisation, Unit};
use crate::i18n::Lang;
use crate::paper::{self, Facts, Format, PaperKind, Refusal, Subject};
use crate::store::Store;
use anyhow::{anyhow, Context, Result};
use chrono::NaiveDate;

pub fn run(store: &Store, args: PaperArgs, lang: Lang, o: &mut Output) -> Result<()> {
    let path = args.out.display().to_string();
    let format = Format::of(&args.out).ok_or_else(|| {
        anyhow!(crate::tr!(
            lang,
            "--out {path}: нужен файл .docx или .pdf",
            "--out {path}: a .docx or .pdf file is needed"
        ))
    })?;
    let template = args
        .template
        .as_ref()
        .map(|p| std::fs::read(p).with_context(|| p.display().to_string()))
        .transpose()?;
    let ds = store.load_without_meetings()?;
    let on = match &args.as_of {
        Some(s) => parse_date_arg(s, lang)?,
        None => today(),
    };
    let date = args
        .date
        .as_deref()
        .map(|s| parse_date_arg(s, lang))
        .transpose()?;
    let refused = |r: Refusal| anyhow!(r.message(lang));
    let subject = subject_of(&ds, &args).map_err(refused)?;
    let org = org_of(&ds, &subject, args.org, lang)?;
    let config = crate::config::load()?;
    let calendar = crate::config::calendar(&config, store.path())?;
    let facts = Facts {
        ds: &ds,
        org: &org,
        on,
        calendar: &calendar,
        number: args.number.clone(),
        date,
    };
    let made = paper::compose(args.kind, &subject, &facts).map_err(refused)?;
    let bytes =
        paper::write(&made, format, template.as_deref()).map_err(|e| anyhow!(e.message(lang)))?;
    let recorded = match (&subject, &args.number, args.kind) {
        (Subject::Units(ids), Some(number), PaperKind::Order) => Some(record_order(
            store,
            &ds,
            org.id,
            ids,
            number,
            date.unwrap_or(on),
        )?),
        _ => None,
    };
    write_file(store, &args.out, &bytes)?;
    outln!(
        o,
        "{}: {path}",
        lang.pick("Документ сохранён", "Paper saved")
    );
    if let Some(r) = recorded {
        outln!(o, "{}", r.message(lang));
    }
    if !made.gaps.is_empty() {
        outln!(
            o,
            "{}",
            lang.pick(
                "Оставлено пустым, заполните от руки или в базе:",
                "Left blank, to fill by hand or in the database:"
            )
        );
        for gap in &made.gaps {
            outln!(o, "  – {}", gap.message(lang));
        }
    }
    Ok(())
}

/// The pairs or the person the arguments name.
fn subject_of(ds: &Dataset, args: &PaperArgs) -> Result<Subject, Refusal> {
    match args.kind {
        PaperKind::Consent => match (args.mentor, args.mentee) {
            (Some(id), _) if ds.mentors.contains_key(&id) => Ok(Subject::Mentor(id)),
            (_, Some(id)) if ds.mentees.contains_key(&id) => Ok(Subject::Mentee(id)),
            (Some(id), _) | (_, Some(id)) => Err(Refusal::NoSuchPerson(id)),
            (None, None) => Err(Refusal::Subject(PaperKind::Consent)),
        },
        PaperKind::Order => {
            let mut ids = args.pairs.clone();
            if args.all_new {
                let org = args.org.or_else(|| ds.default_org().map(|o| o.id));
                ids.extend(
                    ds.units
                        .values()
                        .filter(|u| u.is_live() && !ds.has_order(u))
                        .filter(|u| org.is_none_or(|id| u.org_id == id))
                        .map(|u| u.id),
                );
            }
            ids.sort_unstable();
            ids.dedup();
            Ok(Subject::Units(ids))
        }
        kind => match args.pairs.as_slice() {
            [] => Err(Refusal::Subject(kind)),
            ids => Ok(Subject::Units(ids.to_vec())),
        },
    }
}

/// The school a paper is of: the one its pairs or person belong to.
fn org_of(ds: &Dataset, subject: &Subject, asked: Option<Id>, lang: Lang) -> Result<Organisation> {
    let own = match subject {
        Subject::Units(ids) => ids
            .first()
            .and_then(|id| ds.units.get(id))
            .map(|u| u.org_id),
        Subject::Mentor(id) => ds.mentors.get(id).map(|m| m.org_id),
        Subject::Mentee(id) => ds.mentees.get(id).map(|m| m.org_id),
    };
    own.or(asked)
        .and_then(|id| ds.orgs.get(&id))
        .or_else(|| ds.default_org())
        .cloned()
        .ok_or_else(|| {
            anyhow!(lang.pick(
                "нет организации: nastavnik org add НАЗВАНИЕ",
                "no organisation: nastavnik org add NAME"
            ))
        })
}

/// What recording an order did.
struct Recorded {
    number: String,
    date: NaiveDate,
    existed: bool,
    fixed: usize,
}

impl Recorded {
    fn message(&self, lang: Lang) -> String {
        let (n, d, fixed) = (&self.number, format_date(self.date), self.fixed);
        match self.existed {
            false => crate::tr!(
                lang,
                "Приказ № {n} от {d} записан в базу документов; закреплено по нему пар и групп: {fixed}",
                "Order No. {n} of {d} recorded in the documents base; pairs and groups fixed by it: {fixed}"
            ),
            true => crate::tr!(
                lang,
                "Приказ № {n} от {d} уже был в базе документов; закреплено по нему пар и групп: {fixed}",
                "Order No. {n} of {d} was already in the documents base; pairs and groups fixed by it: {fixed}"
            ),
        }
    }
}

fn has_no_order(u: &Unit) -> bool {
    u.order_id.is_none() && u.order_no.trim().is_empty() && u.order_date.is_none()
}

/// The order in the documents base (the same number and date is the same
/// order, so a second run changes nothing), and the listed pairs that
/// had no order fixed by it, in one change that undo takes back whole.
fn record_order(
    store: &Store,
    ds: &Dataset,
    org: Id,
    units: &[Id],
    number: &str,
    date: NaiveDate,
) -> Result<Recorded> {
    let number = crate::text::normalize_space(&crate::text::sanitize_line(number));
    let existing = ds
        .documents
        .values()
        .find(|d| {
            !d.archived
                && d.org_id == org
                && d.kind == DocumentKind::PairsOrder
                && d.number.trim() == number
                && d.date == Some(date)
        })
        .map(|d| d.id);
    let fixed = store.write(|tx| {
        let doc = match existing {
            Some(id) => id,
            None => tx.insert(&mut Document {
                org_id: org,
                kind: DocumentKind::PairsOrder,
                title: "О закреплении наставнических пар (групп)".into(),
                number: number.clone(),
                date: Some(date),
                ..Document::default()
            })?,
        };
        let mut fixed = 0;
        for id in units {
            if let Some(mut u) = tx.get::<Unit>(*id)? {
                if has_no_order(&u) {
                    u.order_id = Some(doc);
                    tx.update(&u)?;
                    fixed += 1;
                }
            }
        }
        Ok(fixed)
    })?;
    Ok(Recorded {
        number,
        date,
        existed: existing.is_some(),
        fixed,
    })
}
