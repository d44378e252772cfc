//! `nastavnik import roadmap FILE`: a roadmap table into the organisation's
//! roadmap, all items in one change (`exchange::roadmap` does the work).

use super::args::ImportArgs;
use super::Code;
use super::Output;
use crate::exchange::import::{ImportError, Options};
use crate::i18n::Lang;
use crate::store::Store;
use anyhow::{Context, Result};

pub fn import(store: &Store, args: &ImportArgs, lang: Lang, o: &mut Output) -> Result<Code> {
    let file = args.file(lang)?;
    let bytes = std::fs::read(file).with_context(|| file.display().to_string())?;
    let ds = store.load_without_meetings()?;
    let opts = Options {
        org: args.org,
        dry_run: args.dry_run,
        sheet: None,
        today: super::today(),
        lang,
    };
    let plan = match crate::exchange::roadmap::plan(&ds, &bytes, &opts) {
        Ok(plan) => plan,
        Err(ImportError::Rows(errors)) => {
            for e in errors {
                errln!(
                    o,
                    "{}: {}; {}",
                    file.display(),
                    crate::text::sanitize_line(&e.message),
                    lang.pick("ничего не сохранено", "nothing stored")
                );
            }
            return Ok(1);
        }
        Err(ImportError::Store(e)) => return Err(e.into()),
    };
    if !plan.replaced.is_empty() && !args.replace && !args.dry_run {
        errln!(
            o,
            "{} {}",
            lang.pick(
                "У организации уже есть дорожная карта, пунктов:",
                "The organisation already has a roadmap, items:"
            ),
            plan.replaced.len()
        );
        errln!(
            o,
            "{}",
            lang.pick(
                "Добавьте --replace, чтобы перенести её в архив и загрузить эту (отметки о выполнении останутся в архиве).",
                "Pass --replace to archive it and load this one (the archived items keep their marks)."
            )
        );
        return Ok(1);
    }
    if !plan.unparsed.is_empty() {
        outln!(
            o,
            "{}",
            lang.pick(
                "Сроки не распознаны как даты — оставлены текстом:",
                "Deadlines kept as text (not dates):"
            )
        );
        for u in &plan.unparsed {
            outln!(o, "  {}", crate::text::sanitize_line(u));
        }
    }
    let n = plan.items.len();
    if args.dry_run {
        outln!(
            o,
            "{} {n} ({} {})",
            lang.pick(
                "Проверка прошла, ничего не записано. Было бы пунктов:",
                "Check passed, nothing stored. Items:"
            ),
            lang.pick("разделов", "sections"),
            plan.sections
        );
        return Ok(0);
    }
    crate::exchange::roadmap::store(store, &plan)?;
    if let Some(name) = &plan.new_org {
        outln!(o, "{}", super::new_org_note(name, lang));
    }
    outln!(
        o,
        "{} {n} ({} {}; {}: {})",
        lang.pick(
            "Импортировано пунктов дорожной карты:",
            "Roadmap items imported:"
        ),
        lang.pick("разделов", "sections"),
        plan.sections,
        file.display(),
        plan.encoding
    );
    Ok(0)
}
