//! Reading a roadmap table as it comes when copied out of a Word or PDF
//! document. Two shapes occur: rows of tab-separated cells (number, title,
//! deadline, responsible, result) where a cell broken across lines goes on
//! in a line that starts with a tab; and one cell per line, each starting
//! with a tab, rows apart by an empty line. Section headings stand alone
//! («1. Нормативное обеспечение…», or a number and a title with no other
//! cell). What the deadline parser cannot read is kept as text and listed.

use super::deadline;
use crate::domain::RoadmapItem;
use crate::text::{fold, normalize_space, sanitize_line};

/// What a document gave.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub items: Vec<RoadmapItem>,
    /// «3.3: "по отдельному плану"» — deadlines kept as text only.
    pub unparsed: Vec<String>,
}

/// «1», «2.3», «6.1.1», «1.1.» — an item's number.
fn is_number(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
}

/// «4. Организационная…» written as one cell: (number, heading).
fn numbered_heading(s: &str) -> Option<(String, String)> {
    let s = s.trim();
    let (num, rest) = s.split_once(' ')?;
    (is_number(num) && num.ends_with('.') && rest.chars().next()?.is_alphabetic()).then(|| {
        (
            num.trim_end_matches('.').to_string(),
            rest.trim().to_string(),
        )
    })
}

fn clean(s: &str) -> String {
    normalize_space(&sanitize_line(s))
}

fn append(cell: &mut String, more: &str) {
    let more = clean(more);
    if more.is_empty() {
        return;
    }
    if !cell.is_empty() {
        cell.push(' ');
    }
    cell.push_str(&more);
}

#[derive(Default)]
struct Builder {
    items: Vec<RoadmapItem>,
    section: String,
}

impl Builder {
    fn heading(&mut self, number: &str, title: &str) {
        self.section = clean(&if number.is_empty() {
            title.to_string()
        } else {
            format!("{number}. {title}")
        });
    }

    fn item(&mut self, cells: &[String]) {
        let get = |i: usize| cells.get(i).map(|c| clean(c)).unwrap_or_default();
        self.items.push(RoadmapItem {
            number: get(0).trim_end_matches('.').to_string(),
            section: self.section.clone(),
            title: get(1),
            deadline_text: get(2),
            responsible: get(3),
            result: get(4),
            ..RoadmapItem::default()
        });
    }

    /// Cells of a line that continues the last item.
    fn continue_last(&mut self, cells: &[&str]) {
        let Some(last) = self.items.last_mut() else {
            return;
        };
        for (i, c) in cells.iter().enumerate() {
            let field = match i {
                1 => &mut last.title,
                2 => &mut last.deadline_text,
                3 => &mut last.responsible,
                4 => &mut last.result,
                _ => continue,
            };
            append(field, c);
        }
    }
}

/// Where the table starts: the line after its header (the line naming the
/// events, «Наименование мероприятий»).
fn table_start(lines: &[&str]) -> Option<usize> {
    lines
        .iter()
        .position(|l| fold(l).contains("наименование мероприяти"))
}

pub fn parse(text: &str) -> Parsed {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.lines().collect();
    let Some(header) = table_start(&lines) else {
        return Parsed::default();
    };
    let rows_layout = lines[header].matches('\t').count() >= 2;
    let mut b = Builder::default();
    if rows_layout {
        rows(&lines[header + 1..], &mut b);
    } else {
        blocks(&lines[header + 1..], &mut b);
    }
    let mut parsed = Parsed::default();
    for mut item in b.items {
        item.deadline = deadline::parse(&item.deadline_text);
        if item.deadline.is_none() && !item.deadline_text.is_empty() {
            parsed
                .unparsed
                .push(format!("{}: «{}»", item.number, item.deadline_text));
        }
        parsed.items.push(item);
    }
    parsed
}

fn rows(lines: &[&str], b: &mut Builder) {
    for line in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let first = cells[0].trim();
        let rest_empty = cells[1..].iter().all(|c| c.trim().is_empty());
        // The header's column numbers «1 2 3 4 5», and separators «---».
        if cells
            .iter()
            .enumerate()
            .all(|(i, c)| c.trim() == (i + 1).to_string())
            || cells.iter().all(|c| c.trim().chars().all(|ch| ch == '-'))
        {
            continue;
        }
        if cells.len() == 1 || rest_empty {
            if let Some((num, title)) = numbered_heading(first) {
                b.heading(&num, &title);
            } else if cells.len() == 1 && !b.items.is_empty() {
                // A line of text with no cell break: the end of a cell.
                b.continue_last(&["", first]);
            } else if !first.is_empty() {
                b.heading("", first);
            }
            continue;
        }
        if first.is_empty() {
            b.continue_last(&cells);
            continue;
        }
        let title_only = cells[2..].iter().all(|c| c.trim().is_empty());
        if is_number(first) && title_only {
            b.heading(first.trim_end_matches('.'), cells[1]);
        } else if is_number(first) {
            let owned: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
            b.item(&owned);
        } else if let Some((num, title)) = numbered_heading(first) {
            b.heading(&num, &title);
        } else {
            // A row without a number: a continuation spilled onto a new row.
            b.continue_last(&cells);
        }
    }
}

fn blocks(lines: &[&str], b: &mut Builder) {
    let mut block: Vec<String> = Vec::new();
    let flush = |block: &mut Vec<String>, b: &mut Builder| {
        let cells: Vec<String> = block.drain(..).map(|c| clean(&c)).collect();
        let cells: Vec<String> = cells.into_iter().filter(|c| !c.is_empty()).collect();
        match cells.as_slice() {
            [] => {}
            [first, rest @ ..] if is_number(first) && rest.len() >= 2 => b.item(&cells),
            [first, title] if is_number(first) => b.heading(first, title),
            [only] => {
                if let Some((num, title)) = numbered_heading(only) {
                    b.heading(&num, &title);
                } else {
                    b.heading("", only);
                }
            }
            // Header cells and other text that is not an item.
            _ => {}
        }
    };
    for line in lines {
        if line.trim().is_empty() {
            flush(&mut block, b);
        } else if let Some(cell) = line.strip_prefix('\t') {
            block.push(cell.to_string());
        } else if let Some(last) = block.last_mut() {
            append(last, line);
        } else {
            // A cell's text before any tab: the header's «п/п» and the like.
            block.push(line.to_string());
        }
    }
    flush(&mut block, b);
}
