//! A composed paper as a .docx, laid out as Russian office papers are:
//! A4, margins 30/15/20/20 mm, Times New Roman 14, justified body text
//! with a 1.25 cm first-line indent.

use super::{Block, Grid, Paper, PaperError};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Tab,
    TabValueType, Table, TableCell, TableRow, WidthType,
};

/// The width of the text between the margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 1701 - 850;
const BODY_SIZE: usize = 28;
const TABLE_SIZE: usize = 22;

pub fn write(paper: &Paper) -> Result<Vec<u8>, PaperError> {
    let mut doc = Docx::new()
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1701)
                .right(850),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman")
                .east_asia("Times New Roman"),
        )
        .default_size(BODY_SIZE);
    for block in &paper.blocks {
        doc = match block {
            Block::Table(g) => doc.add_table(table(g)),
            other => doc.add_paragraph(paragraph(other)),
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| PaperError::Write(e.to_string()))?;
    Ok(out.into_inner())
}

/// Runs for a text that may hold line breaks.
fn lines(mut p: Paragraph, text: &str, bold: bool) -> Paragraph {
    for (i, line) in text.split('\n').enumerate() {
        let mut run = Run::new();
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
        if bold {
            run = run.bold();
        }
        p = p.add_run(run);
    }
    p
}

fn spaced(p: Paragraph) -> Paragraph {
    p.line_spacing(LineSpacing::new().after(0).line(276))
}

fn paragraph(block: &Block) -> Paragraph {
    let p = spaced(Paragraph::new());
    match block {
        Block::Title(t) => lines(p.align(AlignmentType::Center), t, true),
        Block::Center(t) => lines(p.align(AlignmentType::Center), t, false),
        Block::Right(t) => lines(
            p.indent(Some((TEXT_WIDTH / 2) as i32), None, None, None),
            t,
            false,
        ),
        Block::Para(t) => lines(
            p.align(AlignmentType::Both).indent(
                None,
                Some(SpecialIndentType::FirstLine(709)),
                None,
                None,
            ),
            t,
            false,
        ),
        Block::Split(left, right) => p
            .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
            .add_run(Run::new().add_text(left))
            .add_run(Run::new().add_tab().add_text(right)),
        Block::Sign(role, name) => p
            .add_tab(Tab::new().val(TabValueType::Left).pos(TEXT_WIDTH * 2 / 5))
            .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
            .add_run(Run::new().add_text(role))
            .add_run(Run::new().add_tab().add_text(super::BLANK))
            .add_run(Run::new().add_tab().add_text(name)),
        Block::Gap | Block::Table(_) => p,
    }
}

fn cell(text: &str, width: usize, bold: bool) -> TableCell {
    let p = spaced(Paragraph::new()).size(TABLE_SIZE);
    let mut run = Run::new().add_text(text).size(TABLE_SIZE);
    if bold {
        run = run.bold();
    }
    TableCell::new()
        .add_paragraph(p.add_run(run))
        .width(width, WidthType::Dxa)
}

/// Column widths in twips, in proportion to the grid's.
pub(super) fn twips(g: &Grid) -> Vec<usize> {
    let total: usize = g
        .widths
        .iter()
        .map(|w| usize::from(*w))
        .sum::<usize>()
        .max(1);
    g.widths
        .iter()
        .map(|w| usize::from(*w) * TEXT_WIDTH / total)
        .collect()
}

pub(super) fn table(g: &Grid) -> Table {
    let widths = twips(g);
    let row = |cells: &[String], bold: bool| {
        TableRow::new(
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| cell(c, *w, bold))
                .collect(),
        )
    };
    let mut rows = vec![row(&g.head, true)];
    rows.extend(g.rows.iter().map(|r| row(r, false)));
    Table::new(rows).set_grid(widths.clone())
}
