//! Обзор: what `status` says, warnings first; Enter opens the record a
//! warning is about.

use super::{moved, Effect, Effects, Pane, Tab};
use crate::text::sanitize_line;
use crate::tui::keymap::Action;
use crate::tui::panes::keys::Key;
use crate::tui::shared::Shared;
use crate::tui::view::{list_height, selectable, Theme};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

#[derive(Default)]
pub struct OverviewPane {
    pub selected: usize,
}

impl OverviewPane {
    fn lines(&self, s: &Shared, height: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let width = width.max(10);
        let lang = s.lang;
        let st = &s.status;
        let mut lines = Vec::new();
        let warnings = s.visible_warnings();
        if warnings.is_empty() {
            lines.push(Line::styled(
                lang.pick("Предупреждений нет.", "No warnings."),
                theme.ok(),
            ));
        } else {
            lines.push(Line::styled(
                format!(
                    "{} ({}) — Enter: {}",
                    lang.pick("Предупреждения", "Warnings"),
                    warnings.len(),
                    lang.pick("открыть запись", "open the record")
                ),
                theme.error(),
            ));
            let counts: Vec<String> = crate::status::counts_by_kind(warnings.iter().copied())
                .into_iter()
                .map(|(kind, n)| format!("{} — {n}", crate::status::kind_label(kind, lang)))
                .collect();
            let counts = crate::reports::render::wrap(&counts.join(" · "), width);
            let shown = height.saturating_sub(11 + counts.len()).max(3);
            lines.extend(counts.into_iter().map(|l| Line::styled(l, theme.dim())));
            // Each warning on its line, shortened; the selected one whole below.
            let texts: Vec<String> = warnings
                .iter()
                .map(|w| crate::text::ellipsize(&sanitize_line(&w.message(lang)), width - 2))
                .collect();
            lines.extend(selectable(texts, self.selected, shown, theme));
            if let Some(w) = warnings.get(self.selected) {
                let whole = sanitize_line(&w.message(lang));
                if unicode_width::UnicodeWidthStr::width(whole.as_str()) > width - 2 {
                    lines.extend(
                        crate::reports::render::wrap(&whole, width)
                            .into_iter()
                            .map(|l| Line::styled(l, theme.header())),
                    );
                }
            }
        }
        lines.push(Line::raw(""));
        let org = match s.org_filter.and_then(|id| s.data.orgs.get(&id)) {
            Some(o) => o.name.clone(),
            None if st.organisations > 1 => format!(
                "{} ({}) — o: {}",
                lang.pick("все", "all"),
                st.organisations,
                lang.pick("выбрать одну", "pick one")
            ),
            None => st.default_org.clone().unwrap_or_else(|| "—".into()),
        };
        // A school's full name can be longer than the line: shortened, whole
        // in Базы → Организации and on the reports.
        let org_line = format!("{}: {org}", lang.pick("Организация", "Organisation"));
        lines.push(Line::styled(
            crate::text::ellipsize(&sanitize_line(&org_line), width),
            theme.header(),
        ));
        let bases: Vec<String> = st
            .bases
            .iter()
            .map(|b| format!("{} {}", crate::status::base_label(b.base, lang), b.active))
            .collect();
        lines.push(Line::raw(bases.join(" · ")));
        let by_status: Vec<String> = st
            .pairs_by_status
            .iter()
            .map(|(k, v)| format!("{} {v}", k.label(lang)))
            .collect();
        if by_status.is_empty() {
            let hint = lang.pick(
                "Пар пока нет: подберите их на вкладке 3 или импортируйте (nastavnik import pairs).",
                "No pairs yet: match them on tab 3 or import them (nastavnik import pairs).",
            );
            lines.push(Line::styled(hint, theme.dim()));
        } else {
            lines.push(Line::raw(format!(
                "{}: {} ({} {})",
                lang.pick("Пары", "Pairs"),
                by_status.join(", "),
                lang.pick("групп", "groups"),
                st.groups
            )));
        }
        for (form, n) in &st.pairs_by_form {
            lines.push(Line::raw(format!("  {:<26}{n:>5}", form.label(lang))));
        }
        lines
    }
}

impl Pane for OverviewPane {
    fn action(&mut self, action: Action, s: &Shared) -> Effects {
        let warnings = s.visible_warnings();
        match action {
            Action::Open => warnings
                .get(self.selected)
                .map(|w| {
                    let tab = match w.target {
                        crate::status::Target::Mentor(_) => Tab::Bases,
                        crate::status::Target::Roadmap(_) => Tab::Roadmap,
                        crate::status::Target::Unit(_) => Tab::Meetings,
                    };
                    vec![Effect::Reveal(tab, w.target)]
                })
                .unwrap_or_default(),
            a => {
                self.selected = moved(self.selected, a, warnings.len(), s.page);
                Vec::new()
            }
        }
    }

    fn keys(&self) -> Vec<Key> {
        vec![
            Key::hint(Action::Open, true),
            Key::hint(Action::NextTab, true),
        ]
    }

    fn sync(&mut self, s: &Shared) {
        self.selected = self
            .selected
            .min(s.visible_warnings().len().saturating_sub(1));
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        let height = list_height(f.area()) + 2;
        let title = s.lang.pick(" Обзор ", " Overview ");
        f.render_widget(
            Paragraph::new(self.lines(s, height, usize::from(area.width.saturating_sub(2)), theme))
                .block(Block::bordered().title(title)),
            area,
        );
    }
}
