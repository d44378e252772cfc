//! The Подбор пар pane's view: mentees waiting for a pair, the selected one's
//! ranked candidates (★ marks the optimiser's proposal), and the selected
//! candidate's score explained.

use super::MatchingPane;
use crate::domain::PersonRef;
use crate::text::sanitize_line;
use crate::tui::shared::Shared;
use crate::tui::view::{list_panel, Theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

pub fn render(m: &MatchingPane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = s.lang;
    let d = &s.data;
    let [lists, explanation] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(5)]).areas(area);
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(lists);
    // Only the rows on screen are written out (a district waits by thousands).
    let shown = crate::tui::view::shown_rows(m.mentee, usize::from(left.height.saturating_sub(2)));
    let mentees: Vec<String> = m
        .mentees()
        .iter()
        .enumerate()
        .map(|(at, id)| {
            if !shown.contains(&at) {
                return String::new();
            }
            let star = if m.proposed_for(*id).is_some() {
                "★ "
            } else {
                ""
            };
            let request = d
                .mentees
                .get(id)
                .map(|e| e.request.join(", "))
                .unwrap_or_default();
            format!(
                "{star}{} — {request}",
                d.person_name(PersonRef::Mentee(*id))
            )
        })
        .collect();
    let stale = match m.stale && m.proposal.is_some() && m.running.is_none() {
        true => lang.pick(" · ★ устарели, m — заново", " · ★ stale, m reruns"),
        false => "",
    };
    let title = format!(
        " {} ({}){stale}{} ",
        lang.pick("Ждут пары", "Waiting"),
        mentees.len(),
        m.search.title_part(lang)
    );
    let empty = lang.pick(
        "  У всех наставляемых есть пара.",
        "  Every mentee has a pair.",
    );
    let empty = match m.search.query.is_empty() {
        true => empty,
        false => lang.pick("  Никто не найден.", "  Nobody found."),
    };
    list_panel(
        f,
        left,
        title,
        mentees,
        m.mentee,
        empty,
        &theme.focused(!m.candidates_focused),
    );
    let proposed = m.selected_mentee().and_then(|e| m.proposed_for(e));
    let decisions = m
        .selected_mentee()
        .and_then(|e| d.mentees.get(&e))
        .map(|e| e.matching.clone())
        .unwrap_or_default();
    let locked = decisions.locked;
    let shown =
        crate::tui::view::shown_rows(m.candidate, usize::from(right.height.saturating_sub(2)));
    let cands: Vec<String> = m
        .candidates()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if !shown.contains(&i) {
                return String::new();
            }
            let star = if Some(c.mentor) == proposed {
                "★"
            } else {
                " "
            };
            let lock = if locked == Some(c.mentor) { "◆" } else { " " };
            let warn = if c.unconsented {
                lang.pick(" [нет согласия]", " [no consent]")
            } else {
                ""
            };
            let warn = if !m.reasons(i).is_empty() {
                format!("{warn} ⚠")
            } else {
                warn.to_string()
            };
            format!(
                "{star}{lock}{:>3} {} · {} {}{warn}",
                c.score,
                d.person_name(PersonRef::Mentor(c.mentor)),
                lang.pick("мест", "places"),
                c.places_left
            )
        })
        .collect();
    let title = format!(
        " {} ({}) ",
        lang.pick(
            "Кандидаты (★ предложен, ◆ закреплён)",
            "Candidates (★ proposed, ◆ locked)"
        ),
        cands.len()
    );
    let empty = lang.pick(
        "  Нет допустимых кандидатов.",
        "  No admissible candidates.",
    );
    list_panel(
        f,
        right,
        title,
        cands,
        m.candidate,
        empty,
        &theme.focused(m.candidates_focused),
    );
    let text = m
        .selected_candidate()
        .and_then(|c| {
            crate::matching::explain(d, c, &s.match_opts.weights)
                .map(|e| format!("{} = {}: {}", c.form.label(lang), c.score, e.explain(lang)))
        })
        .unwrap_or_default();
    let rejected: Vec<&str> = decisions
        .rejected
        .iter()
        .map(|id| d.person_name(PersonRef::Mentor(*id)))
        .collect();
    let broken: Vec<&str> = m
        .selected_reasons()
        .iter()
        .map(|r| r.message(lang))
        .collect();
    let text = if broken.is_empty() {
        text
    } else {
        format!("⚠ {}. {text}", broken.join("; "))
    };
    let text = if rejected.is_empty() {
        text
    } else {
        format!(
            "{text}\n{} {}",
            lang.pick("Отклонены:", "Rejected:"),
            rejected.join(", ")
        )
    };
    let mut block = Block::bordered().title(lang.pick(" Почему такой балл ", " Why this score "));
    // The full width of the screen: room for the optimiser's progress.
    if let Some(r) = &m.running {
        block = block.title_bottom(progress(r, lang));
    }
    f.render_widget(
        Paragraph::new(sanitize_line(&text))
            .wrap(Wrap { trim: true })
            .block(block),
        explanation,
    );
}

/// « Подбор: оценено 1200 из 2906 · Esc — отмена », then «подобрано …».
fn progress(r: &super::state::Running, lang: crate::i18n::Lang) -> String {
    let ctl = &r.ctl;
    if ctl.is_cancelled() {
        return lang
            .pick(" Подбор: отмена… ", " Matching: cancelling… ")
            .into();
    }
    let esc = lang.pick("Esc — отмена", "Esc cancels");
    match ctl.scored() < r.waiting {
        true => crate::tr!(
            lang,
            " Подбор: оценено {} из {} · {} ",
            " Matching: scored {} of {} · {} ",
            ctl.scored(),
            r.waiting,
            esc
        ),
        false => crate::tr!(
            lang,
            " Подбор: подобрано {} · {} ",
            " Matching: {} matched · {} ",
            ctl.matched(),
            esc
        ),
    }
}
