//! The Bases pane: the section tabs, the table (only its visible rows are
//! built), and the detail view of one record with its pairs and history.

use super::{columns, filters, fit, BasesPane, Section};
use crate::domain::dates::format_opt_date;
use crate::domain::*;
use crate::schema::{self, card, Ctx};
use crate::store::Change;
use crate::text::sanitize_line;
use crate::tui::shared::Shared;
use crate::tui::view::card as view_card;
use crate::tui::view::{window, Theme, MARK};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// `s` cut or padded to exactly `width` terminal columns.
pub fn fit_cell(s: &str, width: u16) -> String {
    let width = width as usize;
    let cut = crate::text::ellipsize(&sanitize_line(s), width);
    let pad = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(pad))
}

pub fn render(p: &BasesPane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    let [sections, header, table] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    render_sections(p, s, f, sections, theme);
    if let Some(id) = p.detail {
        render_detail(
            p,
            s,
            id,
            f,
            Rect {
                y: header.y,
                height: header.height + table.height,
                ..header
            },
            theme,
        );
        return;
    }
    let section = p.section();
    let cols = columns(section, s.lang);
    let widths = fit(&cols, area.width.saturating_sub(2));
    let mut head = String::from("  ");
    for (n, (i, w)) in widths.iter().enumerate() {
        let mark = if *i == p.sort_column {
            if p.reverse {
                "▼"
            } else {
                "▲"
            }
        } else {
            ""
        };
        // The sort mark is kept whole, the header shortened before it.
        let room = w.saturating_sub(mark.chars().count() as u16);
        let header = crate::text::ellipsize(&sanitize_line(cols[*i].header), usize::from(room));
        head.push_str(&fit_cell(&format!("{header}{mark}"), *w));
        if n + 1 < widths.len() {
            head.push(' ');
        }
    }
    f.render_widget(Paragraph::new(head).style(theme.header()), header);
    let height = table.height as usize;
    let offset = window(p.selected, p.offset, height);
    let mut lines = Vec::with_capacity(height);
    // Only the rows on screen are built, whatever the size of the base.
    for (n, row) in (offset..offset + height).filter_map(|n| Some((n, p.row(n)?))) {
        let selected = n == p.selected;
        let mut text = String::from(if selected { MARK } else { "  " });
        for (k, (i, w)) in widths.iter().enumerate() {
            text.push_str(&fit_cell(&row.cells[*i], *w));
            if k + 1 < widths.len() {
                text.push(' ');
            }
        }
        lines.push(if selected {
            Line::styled(text, theme.selected())
        } else {
            Line::raw(text)
        });
    }
    theme.hit(
        Rect {
            height: lines.len() as u16,
            ..table
        },
        offset,
        p.selected,
    );
    if p.row_count() == 0 {
        let empty = if p.search.query.is_empty() && p.filter == 0 {
            s.lang.pick("  Записей нет.", "  No records.")
        } else {
            s.lang.pick("  Ничего не найдено.", "  Nothing found.")
        };
        lines.push(Line::styled(empty, theme.dim()));
    }
    f.render_widget(Paragraph::new(lines), table);
}

fn render_sections(p: &BasesPane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = s.lang;
    let current = p.section();
    let mut state = Vec::new();
    if p.archived {
        state.push(lang.pick("архив", "archive").to_string());
    }
    if p.filter > 0 {
        state.push(filters(current, lang)[p.filter].clone());
    }
    if p.search.active || !p.search.query.is_empty() {
        let cursor = if p.search.active { "▏" } else { "" };
        state.push(format!("/{}{cursor}", sanitize_line(&p.search.query)));
    }
    state.push(format!(
        "{}: {}",
        lang.pick("записей", "records"),
        p.row_count()
    ));
    let state = format!("  {}", state.join(" · "));
    // The state is what the curator reads; the other sections' names give
    // way to it on a narrow terminal: closer together, then shortened.
    let room = usize::from(area.width).saturating_sub(state.width());
    let names = |pad: &str, short: bool| -> Vec<String> {
        p.sections()
            .iter()
            .map(|sec| {
                let label = sec.label(lang);
                if *sec == current {
                    format!("[{label}]")
                } else if short && label.chars().count() > 6 {
                    format!("{pad}{}.{pad}", label.chars().take(5).collect::<String>())
                } else {
                    format!("{pad}{label}{pad}")
                }
            })
            .collect()
    };
    let width = |v: &[String]| v.iter().map(|x| x.width()).sum::<usize>();
    let mut labels = names(" ", false);
    if width(&labels) > room {
        labels = spaced(names("", false));
    }
    if width(&labels) > room {
        labels = spaced(names("", true));
    }
    let mut spans: Vec<Span> = p
        .sections()
        .iter()
        .zip(labels)
        .map(|(sec, label)| match *sec == current {
            true => Span::styled(label, theme.selected()),
            false => Span::raw(label),
        })
        .collect();
    spans.push(Span::styled(
        state,
        Style::default().add_modifier(Modifier::BOLD),
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Labels one space apart.
fn spaced(labels: Vec<String>) -> Vec<String> {
    let last = labels.len().saturating_sub(1);
    labels
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i < last { format!("{l} ") } else { l })
        .collect()
}

/// One line of a card: the label, then the value.
fn unit_line(s: &Shared, u: &Unit) -> Line<'static> {
    let names = |ids: &[Id], mentor: bool| {
        ids.iter()
            .map(|id| {
                s.data
                    .person_name(if mentor {
                        PersonRef::Mentor(*id)
                    } else {
                        PersonRef::Mentee(*id)
                    })
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    Line::raw(sanitize_line(&format!(
        "  #{} {} → {} · {} · {} · {}",
        u.id,
        names(&u.mentors, true),
        names(&u.mentees, false),
        u.form.label(s.lang),
        u.status.label(s.lang),
        format_opt_date(u.start)
    )))
}

fn render_detail(p: &BasesPane, s: &Shared, id: Id, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = s.lang;
    let d = &s.data;
    let mut lines: Vec<(&str, String)> = Vec::new();
    let mut units: Vec<&Unit> = Vec::new();
    let ctx = Ctx { ds: d, lang };
    let title = [FieldKey::FullName, FieldKey::Name];
    // How a stored change of this record reads, by its own schema.
    let mut words: Box<dyn Fn(&Change) -> String> = Box::new(|c: &Change| c.field.clone());
    let title = match p.section() {
        Section::Mentors => d.mentors.get(&id).map(|m| {
            lines = card(schema::mentor::MENTOR, m, &ctx, &title);
            units = d.units_of_mentor(id).collect();
            words = view_card::in_words(schema::mentor::MENTOR, m, &ctx);
            m.person.full_name.clone()
        }),
        Section::Mentees => d.mentees.get(&id).map(|m| {
            lines = card(schema::mentee::MENTEE, m, &ctx, &title);
            units = d.units_of_mentee(id).collect();
            words = view_card::in_words(schema::mentee::MENTEE, m, &ctx);
            m.person.full_name.clone()
        }),
        Section::Programs => d.programs.get(&id).map(|p| {
            lines = card(schema::program::PROGRAM, p, &ctx, &title);
            units = d
                .units
                .values()
                .filter(|u| u.program_id == Some(id))
                .collect();
            words = view_card::in_words(schema::program::PROGRAM, p, &ctx);
            p.name.clone()
        }),
        Section::Partners => d.partners.get(&id).map(|p| {
            lines = card(schema::partner::PARTNER, p, &ctx, &title);
            let mentors: Vec<String> = d
                .mentors
                .values()
                .filter(|m| m.partner_id == Some(id))
                .map(|m| m.person.full_name.clone())
                .collect();
            if !mentors.is_empty() {
                lines.push((lang.pick("Наставники", "Mentors"), mentors.join(", ")));
            }
            words = view_card::in_words(schema::partner::PARTNER, p, &ctx);
            p.name.clone()
        }),
        Section::Documents => d.documents.get(&id).map(|doc| {
            lines = card(
                schema::document::DOCUMENT,
                doc,
                &ctx,
                &[FieldKey::DocumentKind],
            );
            units = d
                .units
                .values()
                .filter(|u| u.order_id == Some(id))
                .collect();
            words = view_card::in_words(schema::document::DOCUMENT, doc, &ctx);
            format!("{} {}", doc.kind.label(lang), doc.requisites_in(lang))
        }),
        Section::Organisations => d.orgs.get(&id).map(|o| {
            lines = card(schema::organisation::ORGANISATION, o, &ctx, &title);
            words = view_card::in_words(schema::organisation::ORGANISATION, o, &ctx);
            o.name.clone()
        }),
    };
    let mut out = vec![view_card::heading(
        &format!("#{id} {}", title.unwrap_or_default()),
        area.width,
        theme,
    )];
    out.extend(view_card::fields(&lines, area.width));
    if !units.is_empty() {
        out.push(view_card::heading(
            lang.pick("Пары и группы", "Pairs and groups"),
            area.width,
            theme,
        ));
        out.extend(units.iter().map(|u| unit_line(s, u)));
    }
    out.push(view_card::heading(
        lang.pick("История изменений", "Change history"),
        area.width,
        theme,
    ));
    out.extend(view_card::history(&s.history, &*words, lang, area.width));
    view_card::draw(f, area, out, p.card_scroll);
}
