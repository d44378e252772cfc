//! A composed paper as a PDF: A4, the margins of office papers, Liberation
//! Serif (Times New Roman's metrics, SIL OFL) embedded and subset by
//! krilla, so the Cyrillic prints and copies out on any machine.
//!
//! The line breaking and the table are laid out here by hand: krilla draws
//! and shapes text but does not set paragraphs, and a typesetter (typst)
//! would add hundreds of crates for five one-page papers.

use super::{Block, Grid, Paper, PaperError, BLANK};
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

static REGULAR: &[u8] = include_bytes!("fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("fonts/LiberationSerif-Bold.ttf");

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 85.04;
const RIGHT: f32 = 42.52;
const TOP: f32 = 56.69;
const BOTTOM: f32 = 56.69;
const WIDTH: f32 = PAGE_W - LEFT - RIGHT;
const BODY: f32 = 13.0;
const SMALL: f32 = 10.0;
const INDENT: f32 = 35.4;
const CELL_PAD: f32 = 3.0;

/// A font for drawing and its face for measuring.
struct Face {
    font: Font,
    face: ttf_parser::Face<'static>,
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face, PaperError> {
        let bad = || PaperError::Write("the embedded font does not load".into());
        let face = ttf_parser::Face::parse(data, 0).map_err(|_| bad())?;
        let font = Font::new(data.to_vec().into(), 0).ok_or_else(bad)?;
        Ok(Face { font, face })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let per_unit = size / f32::from(self.face.units_per_em());
        text.chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(0.0, f32::from)
            })
            .sum::<f32>()
            * per_unit
    }

    /// Lines of at most `width`, the first `first` narrower; words longer
    /// than a line are cut where they must be.
    fn wrap(&self, text: &str, size: f32, width: f32, first: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let room = |lines: &Vec<String>| {
                    if lines.is_empty() {
                        width - first
                    } else {
                        width
                    }
                };
                if !line.is_empty() {
                    let candidate = format!("{line} {word}");
                    if self.width(&candidate, size) <= room(&lines) {
                        line = candidate;
                        continue;
                    }
                    lines.push(std::mem::take(&mut line));
                }
                line = match self.width(word, size) <= room(&lines) {
                    true => word.to_string(),
                    false => self.cut_long(word, size, room(&lines), &mut lines),
                };
            }
            lines.push(line);
        }
        lines
    }

    /// Pushes the full-width pieces of a word too long for a line and
    /// returns its last piece.
    fn cut_long(&self, word: &str, size: f32, room: f32, lines: &mut Vec<String>) -> String {
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if self.width(&piece, size) > room && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        piece
    }
}

/// Where the pen is: the page being drawn and the next baseline's top.
struct Pen {
    pages: Vec<Vec<Draw>>,
    y: f32,
}

/// What a page holds, drawn when the document is finished.
enum Draw {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
    },
}

impl Pen {
    fn room(&mut self, height: f32) {
        if self.pages.is_empty() || self.y + height > PAGE_H - BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
    }

    fn put(&mut self, d: Draw) {
        if let Some(page) = self.pages.last_mut() {
            page.push(d);
        }
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, text: &str) {
        let y = self.y + size;
        self.put(Draw::Text {
            x,
            y,
            size,
            bold,
            text: text.to_string(),
        });
    }
}

fn leading(size: f32) -> f32 {
    size * 1.3
}

pub fn write(paper: &Paper) -> Result<Vec<u8>, PaperError> {
    let regular = Face::load(REGULAR)?;
    let bold = Face::load(BOLD)?;
    let mut doc = Document::new();
    let mut pen = Pen {
        pages: Vec::new(),
        y: TOP,
    };
    for block in &paper.blocks {
        lay_out(&mut pen, block, &regular, &bold);
    }
    for page_draws in pen.pages {
        let mut page = doc.start_page_with(
            PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| PaperError::Write("page size".into()))?,
        );
        let mut surface = page.surface();
        for d in page_draws {
            draw(&mut surface, d, &regular, &bold);
        }
        surface.finish();
        page.finish();
    }
    doc.finish()
        .map_err(|e| PaperError::Write(format!("{e:?}")))
}

fn draw(surface: &mut Surface, d: Draw, regular: &Face, bold: &Face) {
    match d {
        Draw::Text {
            x,
            y,
            size,
            bold: b,
            text,
        } => {
            let font = if b { &bold.font } else { &regular.font };
            surface.draw_text(
                Point::from_xy(x, y),
                font.clone(),
                size,
                &text,
                false,
                TextDirection::Auto,
            );
        }
        Draw::Line { from, to } => {
            let mut pb = PathBuilder::new();
            pb.move_to(from.0, from.1);
            pb.line_to(to.0, to.1);
            if let Some(path) = pb.finish() {
                surface.set_stroke(Some(Stroke {
                    width: 0.5,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
    }
}

fn lay_out(pen: &mut Pen, block: &Block, regular: &Face, bold: &Face) {
    let lead = leading(BODY);
    match block {
        Block::Title(t) | Block::Center(t) => {
            let b = matches!(block, Block::Title(_));
            let face = if b { bold } else { regular };
            for line in face.wrap(t, BODY, WIDTH, 0.0) {
                pen.room(lead);
                let x = LEFT + (WIDTH - face.width(&line, BODY)).max(0.0) / 2.0;
                pen.text(x, BODY, b, &line);
                pen.y += lead;
            }
        }
        Block::Right(t) => {
            let half = WIDTH / 2.0;
            for line in regular.wrap(t, BODY, half, 0.0) {
                pen.room(lead);
                pen.text(LEFT + half, BODY, false, &line);
                pen.y += lead;
            }
        }
        Block::Para(t) => {
            for (i, line) in regular.wrap(t, BODY, WIDTH, INDENT).iter().enumerate() {
                pen.room(lead);
                let x = if i == 0 { LEFT + INDENT } else { LEFT };
                pen.text(x, BODY, false, line);
                pen.y += lead;
            }
        }
        Block::Split(l, r) => {
            pen.room(lead);
            pen.text(LEFT, BODY, false, l);
            let x = LEFT + WIDTH - regular.width(r, BODY);
            pen.text(x, BODY, false, r);
            pen.y += lead;
        }
        Block::Sign(role, name) => {
            pen.room(lead);
            pen.text(LEFT, BODY, false, role);
            pen.text(LEFT + WIDTH * 0.4, BODY, false, BLANK);
            let x = LEFT + WIDTH - regular.width(name, BODY);
            pen.text(x, BODY, false, name);
            pen.y += lead;
        }
        Block::Gap => {
            pen.room(lead);
            pen.y += lead;
        }
        Block::Table(g) => table(pen, g, regular, bold),
    }
}

fn table(pen: &mut Pen, g: &Grid, regular: &Face, bold: &Face) {
    let total: f32 = g.widths.iter().map(|w| f32::from(*w)).sum::<f32>().max(1.0);
    let widths: Vec<f32> = g
        .widths
        .iter()
        .map(|w| f32::from(*w) / total * WIDTH)
        .collect();
    let lead = leading(SMALL);
    let row = |pen: &mut Pen, cells: &[String], face: &Face, b: bool| {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| face.wrap(c, SMALL, w - 2.0 * CELL_PAD, 0.0))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = lines as f32 * lead + 2.0 * CELL_PAD;
        pen.room(height);
        let top = pen.y;
        let mut x = LEFT;
        for (cell, w) in wrapped.iter().zip(&widths) {
            pen.y = top + CELL_PAD;
            for line in cell {
                pen.text(x + CELL_PAD, SMALL, b, line);
                pen.y += lead;
            }
            pen.put(Draw::Line {
                from: (x, top),
                to: (x, top + height),
            });
            x += w;
        }
        pen.put(Draw::Line {
            from: (x, top),
            to: (x, top + height),
        });
        for y in [top, top + height] {
            pen.put(Draw::Line {
                from: (LEFT, y),
                to: (LEFT + WIDTH, y),
            });
        }
        pen.y = top + height;
    };
    row(pen, &g.head, bold, true);
    for r in &g.rows {
        let before = pen.pages.len();
        row(pen, r, regular, false);
        // A row that opened a page: the header goes on top of it again.
        if pen.pages.len() > before {
            if let Some(page) = pen.pages.last_mut() {
                page.clear();
            }
            pen.y = TOP;
            row(pen, &g.head, bold, true);
            row(pen, r, regular, false);
        }
    }
}
