//! `nastavnik import responses --template ID FILE.csv`: answers from an
//! online form, all or nothing.

use super::args::ImportArgs;
use super::today;
use super::Code;
use super::Output;
use crate::domain::SurveyTemplate;
use crate::exchange::responses::{plan, Problems};
use crate::exchange::table;
use crate::i18n::Lang;
use crate::store::Store;
use anyhow::{Context, Result};

/// The templates, with the shipped ones copied in on first use.
fn templates(store: &Store) -> Result<Vec<SurveyTemplate>> {
    let ds = store.load_without_meetings()?;
    if let Some(org) = ds.default_org() {
        let missing = crate::surveys::builtin::missing(&ds, org.id);
        if !missing.is_empty() {
            store.write(|tx| {
                for t in &missing {
                    tx.insert(&mut t.clone())?;
                }
                Ok(())
            })?;
        }
    }
    Ok(store.list::<SurveyTemplate>()?)
}

/// The templates, on stderr beside a refusal, or on stdout when asked for.
fn list(templates: &[SurveyTemplate], lang: Lang, asked: bool, o: &mut Output) -> Result<()> {
    for t in templates.iter().filter(|t| !t.archived) {
        let line = format!(
            "  {:>3}  {} ({}, {}, {} {})",
            t.id,
            crate::text::sanitize_line(&t.title),
            t.audience.label(lang),
            t.stage.label(lang),
            t.questions.len(),
            lang.pick("вопр.", "questions")
        );
        if asked {
            outln!(o, "{line}");
        } else {
            errln!(o, "{line}");
        }
    }
    Ok(())
}

fn report(problems: &Problems, file: &str, lang: Lang, o: &mut Output) {
    errln!(
        o,
        "{file} {}",
        lang.pick(
            "не импортирован, ничего не сохранено.",
            "not imported, nothing stored."
        )
    );
    if !problems.unmatched_questions.is_empty() {
        errln!(
            o,
            "{}",
            lang.pick(
                "Столбцы, не найденные среди вопросов шаблона:",
                "Columns that are no question of the template:"
            )
        );
        for q in &problems.unmatched_questions {
            errln!(o, "  «{}»", crate::text::sanitize_line(q));
        }
    }
    if !problems.unmatched_names.is_empty() {
        errln!(
            o,
            "{}",
            lang.pick("Не найдены в базе:", "Not found in the database:")
        );
        for e in &problems.unmatched_names {
            errln!(o, "  {}", e.describe(lang));
        }
    }
    for e in &problems.rows {
        errln!(o, "  {}", e.describe(lang));
    }
    if !problems.unmatched_names.is_empty() || !problems.unmatched_questions.is_empty() {
        errln!(
            o,
            "{}",
            lang.pick(
                "Исправьте ФИО или текст вопросов, или запустите с --skip-unmatched, чтобы загрузить совпавшие строки.",
                "Fix the names or question texts, or pass --skip-unmatched to load the rows that match."
            )
        );
    }
}

pub fn import(store: &Store, args: &ImportArgs, lang: Lang, o: &mut Output) -> Result<Code> {
    let templates = templates(store)?;
    if args.file.is_none() && args.template.is_none() {
        list(&templates, lang, true, o)?;
        return Ok(0);
    }
    let Some(id) = args.template else {
        errln!(
            o,
            "{}",
            lang.pick(
                "Укажите шаблон анкеты: --template ID. Шаблоны:",
                "Give the questionnaire: --template ID. Templates:"
            )
        );
        list(&templates, lang, false, o)?;
        return Ok(2);
    };
    let Some(template) = templates.iter().find(|t| t.id == id) else {
        errln!(
            o,
            "{} #{id}. {}",
            lang.pick("Нет шаблона", "No template"),
            lang.pick("Шаблоны:", "Templates:")
        );
        list(&templates, lang, false, o)?;
        return Ok(2);
    };
    let path = args.file(lang)?;
    let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
    let file = path.display().to_string();
    let table = match table::read_sheet(&bytes, args.sheet.as_deref(), lang) {
        Ok(t) => t,
        Err(errors) => {
            report(
                &Problems {
                    rows: errors,
                    ..Problems::default()
                },
                &file,
                lang,
                o,
            );
            return Ok(1);
        }
    };
    let ds = store.load_without_meetings()?;
    let plan = match plan(&ds, template, &table, today(), args.skip_unmatched) {
        Ok(p) => p,
        Err(problems) => {
            report(&problems, &file, lang, o);
            return Ok(1);
        }
    };
    for e in &plan.skipped {
        outln!(o, "{} {e}", lang.pick("Пропущено:", "Skipped:"));
    }
    for c in &plan.ignored_columns {
        outln!(
            o,
            "{} «{}»",
            lang.pick("Столбец не из шаблона, пропущен:", "Column ignored:"),
            crate::text::sanitize_line(c)
        );
    }
    let n = plan.responses.len();
    if args.dry_run {
        outln!(
            o,
            "{} {n}",
            lang.pick(
                "Проверка прошла, ничего не записано. Было бы добавлено анкет:",
                "Check passed, nothing stored. Would add responses:"
            )
        );
        return Ok(0);
    }
    crate::exchange::responses::store(store, &plan)?;
    outln!(
        o,
        "{} {n} ({}: {})",
        lang.pick(
            "Импортировано и сохранено анкет:",
            "Responses imported and saved:"
        ),
        file,
        table.encoding
    );
    Ok(0)
}
