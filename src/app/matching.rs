//! `nastavnik match`: propose pairs, list candidates, or save the proposal.

use super::args::{MatchArgs, OutputFormat};
use super::Output;
use crate::domain::*;
use crate::i18n::Lang;
use crate::matching::{self, Candidate, Options};
use crate::store::Store;
use crate::text::{sanitize_line, tsv_cell};
use anyhow::Result;
use std::fmt::Write;

fn name(ds: &Dataset, who: PersonRef) -> String {
    sanitize_line(ds.person_name(who))
}

pub fn run(store: &Store, args: MatchArgs, lang: Lang, o: &mut Output) -> Result<String> {
    let config = crate::config::load()?;
    let ds = store.load_without_meetings()?;
    let opts = Options {
        weights: config.matching.weights,
        min_score: args.min_score.unwrap_or(config.matching.min_score),
        include_unconsented: args.include_unconsented,
        as_of: args
            .as_of
            .as_deref()
            .map(|s| super::parse_date_arg(s, lang))
            .transpose()?
            .unwrap_or_else(super::today),
        ..Options::default()
    };
    let mut out = String::new();
    if args.candidates {
        if args.format == Some(OutputFormat::Txt) {
            anyhow::bail!(lang.pick(
                "список кандидатов выдаётся только в tsv (для другой программы): уберите --format txt или укажите --format tsv",
                "the candidate list is tsv only (for another program): drop --format txt or pass --format tsv"
            ));
        }
        // Written as it is scored: 16 M lines would not fit in memory.
        let mut failed = None;
        let _ = writeln!(
            out,
            "mentee_id\tmentee\tmentor_id\tmentor\tscore\tcapacity_left"
        );
        matching::each_mentees_candidates(&ds, &opts, |list| {
            for c in &list {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    c.mentee,
                    tsv_cell(&name(&ds, PersonRef::Mentee(c.mentee))),
                    c.mentor,
                    tsv_cell(&name(&ds, PersonRef::Mentor(c.mentor))),
                    c.score,
                    c.places_left
                );
            }
            if out.len() > 1 << 16 && failed.is_none() {
                failed = o.out(out.as_bytes()).err();
                out.clear();
            }
        });
        if let Some(e) = failed {
            return Err(e.into());
        }
        return Ok(out);
    }
    let proposal = matching::propose(&ds, &opts);
    if args.apply {
        let saved = apply(store, &ds, &proposal.pairs)?;
        let _ = writeln!(
            out,
            "{} {saved} ({} {})",
            lang.pick(
                "Сохранено пар и групп (формируется):",
                "Saved pairs and groups (forming):"
            ),
            lang.pick("наставляемых", "mentees"),
            proposal.matched
        );
        return Ok(out);
    }
    let explain = |c: &Candidate| {
        matching::explain(&ds, c, &opts.weights)
            .map(|s| s.explain(lang))
            .unwrap_or_default()
    };
    match args.format.unwrap_or(OutputFormat::Txt) {
        OutputFormat::Tsv => {
            let _ = writeln!(
                out,
                "mentee_id\tmentee\tmentor_id\tmentor\tform\tscore\texplanation"
            );
            for c in &proposal.pairs {
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    c.mentee,
                    tsv_cell(&name(&ds, PersonRef::Mentee(c.mentee))),
                    c.mentor,
                    tsv_cell(&name(&ds, PersonRef::Mentor(c.mentor))),
                    c.form.label(lang),
                    c.score,
                    tsv_cell(&explain(c))
                );
            }
            let _ = writeln!(out, "total\t{}\t{}", proposal.matched, proposal.score_sum);
        }
        OutputFormat::Txt => {
            let waiting = matching::unmatched_mentees(&ds).len();
            for c in &proposal.pairs {
                let flag = if c.unconsented {
                    lang.pick(" [нет согласия]", " [no consent]")
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "#{} {} ← #{} {} · {} · {}{flag}\n    {}",
                    c.mentee,
                    tsv_cell(&name(&ds, PersonRef::Mentee(c.mentee))),
                    c.mentor,
                    tsv_cell(&name(&ds, PersonRef::Mentor(c.mentor))),
                    c.form.label(lang),
                    c.score,
                    tsv_cell(&explain(c))
                );
            }
            let _ = writeln!(
                out,
                "{} {} / {}, {} {} ({} {}). {}",
                lang.pick("Подобрано:", "Matched:"),
                proposal.matched,
                waiting,
                lang.pick("сумма баллов", "score sum"),
                proposal.score_sum,
                lang.pick("порог", "minimum score"),
                opts.min_score,
                lang.pick(
                    "Ничего не сохранено; сохранить: --apply",
                    "Nothing saved; to save: --apply"
                )
            );
        }
    }
    Ok(out)
}

/// Saves the proposal as units in status формируется, in one transaction.
fn apply(store: &Store, ds: &Dataset, pairs: &[Candidate]) -> Result<usize> {
    let wanted: Vec<(Id, Id, Form)> = pairs.iter().map(|c| (c.mentee, c.mentor, c.form)).collect();
    let units = matching::units_for(ds, &wanted)
        .map_err(|i| anyhow::anyhow!("{}", i.rule.message(Lang::Ru)))?;
    store.write_as(crate::store::Deed::AcceptPairs, |tx| {
        for u in &units {
            tx.insert(&mut u.clone())?;
        }
        Ok(())
    })?;
    Ok(units.len())
}
