//! `nastavnik import roadmap FILE`: a roadmap table into the organisation's
//! roadmap, all items in one transaction.

use super::args::ImportArgs;
use crate::domain::RoadmapItem;
use crate::i18n::Lang;
use crate::store::Store;
use anyhow::{bail, Context, Result};
use std::process::ExitCode;

pub fn import(store: &Store, args: &ImportArgs, lang: Lang) -> Result<ExitCode> {
    let bytes = std::fs::read(&args.file).with_context(|| args.file.display().to_string())?;
    let (text, encoding) = crate::exchange::table::decode(&bytes);
    let parsed = crate::roadmap::import::parse(&text);
    if parsed.items.is_empty() {
        eprintln!(
            "{}: {}",
            args.file.display(),
            lang.pick(
                "таблица дорожной карты не найдена (нужна строка заголовка с «Наименование мероприятий» и пункты с номерами); ничего не сохранено",
                "no roadmap table found (a header naming «Наименование мероприятий» and numbered items); nothing stored"
            )
        );
        return Ok(ExitCode::from(1));
    }
    let ds = store.load_without_meetings()?;
    let org = match args.org {
        Some(id) if ds.orgs.contains_key(&id) => id,
        Some(id) => bail!("--org: нет организации #{id}"),
        None => match ds.default_org() {
            Some(o) => o.id,
            None => bail!(lang.pick(
                "нет организации: сначала nastavnik org add НАЗВАНИЕ",
                "no organisation: run nastavnik org add NAME first"
            )),
        },
    };
    let current: Vec<&RoadmapItem> = ds
        .roadmap
        .values()
        .filter(|i| i.org_id == org && !i.archived)
        .collect();
    if !current.is_empty() && !args.replace && !args.dry_run {
        eprintln!(
            "{} {}",
            lang.pick(
                "У организации уже есть дорожная карта, пунктов:",
                "The organisation already has a roadmap, items:"
            ),
            current.len()
        );
        eprintln!(
            "{}",
            lang.pick(
                "Добавьте --replace, чтобы перенести её в архив и загрузить эту (отметки о выполнении останутся в архиве).",
                "Pass --replace to archive it and load this one (the archived items keep their marks)."
            )
        );
        return Ok(ExitCode::from(1));
    }
    let sections: std::collections::BTreeSet<&str> =
        parsed.items.iter().map(|i| i.section.as_str()).collect();
    if !parsed.unparsed.is_empty() {
        outln!(
            "{}",
            lang.pick(
                "Сроки не распознаны как даты — оставлены текстом:",
                "Deadlines kept as text (not dates):"
            )
        );
        for u in &parsed.unparsed {
            outln!("  {}", crate::text::sanitize_line(u));
        }
    }
    let n = parsed.items.len();
    if args.dry_run {
        outln!(
            "{} {n} ({} {})",
            lang.pick(
                "Проверка прошла, ничего не записано. Было бы пунктов:",
                "Check passed, nothing stored. Items:"
            ),
            lang.pick("разделов", "sections"),
            sections.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let archive: Vec<u64> = current.iter().map(|i| i.id).collect();
    store.write(|tx| {
        for id in &archive {
            tx.set_archived::<RoadmapItem>(*id, true)?;
        }
        for item in &parsed.items {
            tx.insert(&mut RoadmapItem {
                org_id: org,
                ..item.clone()
            })?;
        }
        Ok(())
    })?;
    outln!(
        "{} {n} ({} {}; {}: {encoding})",
        lang.pick(
            "Импортировано пунктов дорожной карты:",
            "Roadmap items imported:"
        ),
        lang.pick("разделов", "sections"),
        sections.len(),
        args.file.display()
    );
    Ok(ExitCode::SUCCESS)
}
