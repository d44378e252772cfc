//! `nastavnik status` as text for a terminal, and as JSON for scripts.

use crate::i18n::Lang;
use crate::status::Status;
use crate::text::sanitize_line;
use std::fmt::Write;
use std::path::Path;

/// How many warnings the text lists one by one; all are counted by kind.
const SHOWN: usize = 15;

pub fn text(s: &Status, db: &Path, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", lang.pick("База:", "Database:"), db.display());
    let org = s
        .default_org
        .as_deref()
        .map(sanitize_line)
        .unwrap_or_else(|| lang.pick("не задана", "none").into());
    let _ = writeln!(
        out,
        "{} {} ({} {})",
        lang.pick("Организаций:", "Organisations:"),
        s.organisations,
        lang.pick("по умолчанию:", "default:"),
        org
    );
    let _ = writeln!(
        out,
        "\n{:<22}{:>8}{:>10}",
        lang.pick("Базы", "Bases"),
        lang.pick("всего", "active"),
        lang.pick("в архиве", "archived")
    );
    for b in &s.bases {
        let _ = writeln!(
            out,
            "  {:<20}{:>8}{:>10}",
            crate::status::base_label(b.base, lang),
            b.active,
            b.archived
        );
    }
    let _ = writeln!(
        out,
        "\n{}",
        lang.pick("Пары и группы по статусу:", "Pairs and groups by status:")
    );
    if s.pairs_by_status.is_empty() {
        let _ = writeln!(out, "  {}", lang.pick("нет", "none"));
    }
    for (status, n) in &s.pairs_by_status {
        let _ = writeln!(out, "  {:<24}{:>6}", status.label(lang), n);
    }
    let _ = writeln!(
        out,
        "  {:<24}{:>6}",
        lang.pick("из них групп", "of them groups"),
        s.groups
    );
    let _ = writeln!(
        out,
        "\n{}",
        lang.pick("По формам наставничества:", "By form of mentoring:")
    );
    for (form, n) in &s.pairs_by_form {
        let _ = writeln!(out, "  {:<24}{:>6}", form.label(lang), n);
    }
    if s.warnings.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick("Предупреждений нет.", "No warnings.")
        );
    } else {
        let _ = writeln!(
            out,
            "\n{} ({}):",
            lang.pick("Предупреждения", "Warnings"),
            s.warnings.len()
        );
        for (kind, n) in crate::status::counts_by_kind(&s.warnings) {
            let _ = writeln!(out, "  {:<46}{n:>6}", crate::status::kind_label(kind, lang));
        }
        for w in s.warnings.iter().take(SHOWN) {
            let _ = writeln!(out, "  ! {}", sanitize_line(&w.message(lang)));
        }
        if s.warnings.len() > SHOWN {
            let rest = s.warnings.len() - SHOWN;
            let hint = lang.pick(
                "все — в nastavnik status --json и на вкладке Обзор",
                "all: nastavnik status --json, or the Overview tab",
            );
            let _ = writeln!(out, "  … {} {rest} ({hint})", lang.pick("и ещё", "and"));
        }
    }
    out
}

/// «Наставник: 47 пар в работе, 5 предупреждений, 2 просрочено по
/// дорожной карте».
pub fn short(s: &crate::status::Short, lang: Lang) -> String {
    use crate::i18n::{count, Plural, PAIRS};
    const WARNINGS: Plural = Plural {
        one: "предупреждение",
        few: "предупреждения",
        many: "предупреждений",
        en_one: "warning",
        en_many: "warnings",
    };
    let mut line = format!(
        "{}: {} {}, {}",
        lang.pick("Наставник", "Nastavnik"),
        count(s.active_pairs as u64, lang, PAIRS),
        lang.pick("в работе", "active"),
        count(s.warnings as u64, lang, WARNINGS)
    );
    if s.overdue > 0 {
        line.push_str(&crate::tr!(
            lang,
            ", {} просрочено по дорожной карте",
            ", {} overdue on the roadmap",
            s.overdue
        ));
    }
    line
}

pub fn json(s: &Status, db: &Path) -> String {
    let mut v = serde_json::to_value(s).unwrap_or_default();
    v["database"] = serde_json::Value::String(db.display().to_string());
    let mut out = serde_json::to_string_pretty(&v).unwrap_or_default();
    out.push('\n');
    out
}
