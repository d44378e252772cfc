//! `nastavnik report KIND`: makes a report from the store and prints it or
//! writes it to a file.

use super::args::{OutputFormat, ReportArgs};
use super::Output;
use super::{parse_date_arg, today};
use crate::i18n::Lang;
use crate::reports::{self, render, Params};
use crate::store::Store;
use anyhow::{anyhow, bail, Context, Result};

/// `--org`: an id, «all», or by default the default organisation.
pub fn resolve_org(ds: &crate::domain::Dataset, arg: Option<&str>) -> Result<Option<u64>> {
    match arg {
        Some(a) if a.eq_ignore_ascii_case("all") || a == "все" => Ok(None),
        Some(a) => {
            let id: u64 = a
                .trim_start_matches('#')
                .parse()
                .map_err(|_| anyhow!("--org: «{a}» — нужен номер организации или all"))?;
            if !ds.orgs.contains_key(&id) {
                bail!("--org: нет организации #{id} (список: nastavnik org list)");
            }
            Ok(Some(id))
        }
        None => Ok(ds.default_org().map(|o| o.id)),
    }
}

pub fn run(store: &Store, args: ReportArgs, lang: Lang, o: &mut Output) -> Result<()> {
    let ds = store.load_without_meetings()?;
    let timelines = store.timelines()?;
    let as_of = args
        .as_of
        .as_deref()
        .map(|s| parse_date_arg(s, lang))
        .transpose()?
        .unwrap_or_else(today);
    let config = crate::config::load()?;
    let mut p = Params::new(
        args.kind,
        as_of,
        resolve_org(&ds, args.org.as_deref())?,
        lang,
    );
    if let (Some(from), Some(to)) = (&args.from, &args.to) {
        p.from = parse_date_arg(from, lang)?;
        p.to = parse_date_arg(to, lang)?;
        if p.from > p.to {
            bail!(lang.pick("--from позже --to", "--from is after --to"));
        }
    }
    p.made = today();
    p.satisfaction = config.surveys.rule();
    p.calendar = crate::config::calendar(&config, store.path())?;
    p.meetings = config.meetings;
    let report = reports::build(&ds, &timelines, &p);
    let text = match args.format {
        OutputFormat::Txt => render::to_text(&report, args.width as usize, lang),
        OutputFormat::Tsv => render::to_tsv(&report, lang),
    };
    match &args.out {
        Some(path) => {
            crate::fsutil::write_private(path, text.as_bytes(), store.path())
                .with_context(|| path.display().to_string())?;
            outln!(
                o,
                "{}: {}",
                lang.pick("Отчёт сохранён", "Report saved"),
                path.display()
            );
        }
        None => out!(o, "{text}"),
    }
    Ok(())
}
