//! A school's own .docx filled with the paper's values. Every part of the
//! package is copied as it is (letterhead, styles, numbering, images),
//! except the body, headers and footers, where `{name}` is replaced. Word
//! often splits typed text over several runs («{num» «ber}»), so a
//! placeholder is found in a paragraph's text as a whole and written into
//! its first run; the runs it spanned keep their formatting and lose only
//! those letters. `{pairs}` alone in a paragraph becomes the annex table.
//!
//! Written by hand: the docx templating crates either rebuild the package
//! (losing what they do not model) or do not join split runs.

use super::Paper;
use crate::i18n::Lang;
use std::io::{Cursor, Read, Write};

/// Why a template could not be filled.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("not a .docx: {0}")]
    NotDocx(String),
    #[error("unknown placeholder {{{name}}}")]
    Unknown {
        name: String,
        known: Vec<&'static str>,
    },
    #[error("{{pairs}} shares its paragraph")]
    TableInline,
}

impl TemplateError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            TemplateError::NotDocx(why) => crate::tr!(
                lang,
                "шаблон — не документ .docx ({why})",
                "the template is not a .docx document ({why})"
            ),
            TemplateError::Unknown { name, known } => {
                let known = known
                    .iter()
                    .map(|k| format!("{{{k}}}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                crate::tr!(
                    lang,
                    "в шаблоне неизвестное поле {{{name}}}; в этом документе есть: {known}",
                    "the template names an unknown placeholder {{{name}}}; this paper has: {known}"
                )
            }
            TemplateError::TableInline => lang
                .pick(
                    "{pairs} должно стоять в отдельном абзаце: на его место встаёт таблица",
                    "{pairs} must stand in a paragraph of its own: the table takes its place",
                )
                .into(),
        }
    }
}

fn broken(e: impl std::fmt::Display) -> TemplateError {
    TemplateError::NotDocx(e.to_string())
}

/// The parts whose text is filled.
fn is_text_part(name: &str) -> bool {
    name == "word/document.xml"
        || ((name.starts_with("word/header") || name.starts_with("word/footer"))
            && name.ends_with(".xml"))
}

pub fn fill(template: &[u8], paper: &Paper) -> Result<Vec<u8>, TemplateError> {
    let mut zin = zip::ZipArchive::new(Cursor::new(template)).map_err(broken)?;
    if zin.by_name("word/document.xml").is_err() {
        return Err(TemplateError::NotDocx("word/document.xml".into()));
    }
    let mut zout = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut file = zin.by_index(i).map_err(broken)?;
        let name = file.name().map_err(broken)?.to_string();
        if is_text_part(&name) {
            let mut xml = String::new();
            file.read_to_string(&mut xml).map_err(broken)?;
            let filled = fill_xml(&xml, paper)?;
            zout.start_file(name, options).map_err(broken)?;
            zout.write_all(filled.as_bytes()).map_err(broken)?;
        } else {
            zout.raw_copy_file(file).map_err(broken)?;
        }
    }
    Ok(zout.finish().map_err(broken)?.into_inner())
}

/// A `<w:t>` element: where its tag opens, where its text starts and ends,
/// and the paragraph it is in (counted by closing tags).
struct TextNode {
    open: usize,
    start: usize,
    end: usize,
    para: usize,
}

fn text_nodes(xml: &str) -> Vec<TextNode> {
    let mut out = Vec::new();
    let mut para = 0;
    let mut pos = 0;
    while let Some(at) = xml[pos..].find('<').map(|i| pos + i) {
        let rest = &xml[at..];
        pos = at + 1;
        if rest.starts_with("</w:p>") {
            para += 1;
        } else if rest.starts_with("<w:t>") || rest.starts_with("<w:t ") {
            let Some(gt) = rest.find('>') else { break };
            if rest[..gt].ends_with('/') {
                continue;
            }
            let start = at + gt + 1;
            let Some(len) = xml[start..].find("</w:t>") else {
                break;
            };
            out.push(TextNode {
                open: at,
                start,
                end: start + len,
                para,
            });
            pos = start + len;
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';') else { break };
        let entity = &rest[1..semi];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A `{name}` in a paragraph's text: its byte span there and the name.
fn placeholders(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(open) = text[pos..].find('{').map(|i| pos + i) {
        let Some(close) = text[open..].find('}').map(|i| open + i) else {
            break;
        };
        let name = &text[open + 1..close];
        let is_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if is_name {
            out.push((open, close + 1, name));
            pos = close + 1;
        } else {
            pos = open + 1;
        }
    }
    out
}

/// A replacement of `xml[start..end]`.
struct Edit {
    start: usize,
    end: usize,
    with: String,
}

fn fill_xml(xml: &str, paper: &Paper) -> Result<String, TemplateError> {
    let nodes = text_nodes(xml);
    let mut edits = Vec::new();
    let mut first = 0;
    while first < nodes.len() {
        let para = nodes[first].para;
        let last = nodes[first..]
            .iter()
            .position(|n| n.para != para)
            .map_or(nodes.len(), |i| first + i);
        fill_paragraph(xml, &nodes[first..last], paper, &mut edits)?;
        first = last;
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.start));
    let mut out = xml.to_string();
    for e in edits {
        out.replace_range(e.start..e.end, &e.with);
    }
    Ok(out)
}

fn fill_paragraph(
    xml: &str,
    nodes: &[TextNode],
    paper: &Paper,
    edits: &mut Vec<Edit>,
) -> Result<(), TemplateError> {
    let mut texts: Vec<String> = nodes
        .iter()
        .map(|n| unescape(&xml[n.start..n.end]))
        .collect();
    let whole: String = texts.concat();
    let found = placeholders(&whole);
    if found.is_empty() {
        return Ok(());
    }
    if found.iter().any(|(_, _, n)| *n == "pairs") {
        return table_paragraph(xml, nodes, &whole, paper, edits);
    }
    // Where each node's text begins in the paragraph's.
    let mut offsets = Vec::with_capacity(texts.len());
    let mut at = 0;
    for t in &texts {
        offsets.push(at);
        at += t.len();
    }
    let node_at = |pos: usize| offsets.iter().rposition(|o| *o <= pos).unwrap_or(0);
    for (a, b, name) in found.iter().rev() {
        let Some(value) = paper.field(name) else {
            return Err(unknown(name, paper));
        };
        let (i, j) = (node_at(*a), node_at(b - 1));
        let (la, lb) = (a - offsets[i], b - offsets[j]);
        if i == j {
            texts[i].replace_range(la..lb, value);
        } else {
            texts[i].replace_range(la.., value);
            for t in &mut texts[i + 1..j] {
                t.clear();
            }
            texts[j].replace_range(..lb, "");
        }
    }
    for (n, t) in nodes.iter().zip(&texts) {
        if *t != unescape(&xml[n.start..n.end]) {
            edits.push(Edit {
                start: n.open,
                end: n.end,
                with: format!("<w:t xml:space=\"preserve\">{}", escape(t)),
            });
        }
    }
    Ok(())
}

fn unknown(name: &str, paper: &Paper) -> TemplateError {
    let mut known: Vec<&'static str> = paper.fields.iter().map(|(n, _)| *n).collect();
    if paper.table.is_some() {
        known.push("pairs");
    }
    TemplateError::Unknown {
        name: name.to_string(),
        known,
    }
}

/// `{pairs}` alone in its paragraph: the paragraph becomes the table.
fn table_paragraph(
    xml: &str,
    nodes: &[TextNode],
    whole: &str,
    paper: &Paper,
    edits: &mut Vec<Edit>,
) -> Result<(), TemplateError> {
    let Some(grid) = &paper.table else {
        return Err(unknown("pairs", paper));
    };
    if whole.trim() != "{pairs}" {
        return Err(TemplateError::TableInline);
    }
    let first = nodes[0].open;
    let start = ["<w:p>", "<w:p "]
        .iter()
        .filter_map(|tag| xml[..first].rfind(tag))
        .max()
        .ok_or_else(|| TemplateError::NotDocx("w:p".into()))?;
    let end = xml[first..]
        .find("</w:p>")
        .map(|i| first + i + "</w:p>".len())
        .ok_or_else(|| TemplateError::NotDocx("w:p".into()))?;
    use docx_rs::BuildXML;
    let table = super::docx::table(grid).build();
    let table = String::from_utf8(table).unwrap_or_default();
    // The XML declaration, if the builder writes one, is not for the body.
    let table = match table.strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map_or("", |(_, t)| t).to_string(),
        None => table,
    };
    // A paragraph must follow a table in a cell or the body's end: keep an
    // empty one.
    edits.push(Edit {
        start,
        end,
        with: format!("{table}<w:p/>"),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_split_over_runs_is_filled_in_the_first() {
        let xml = r#"<w:body><w:p><w:r><w:t>Приказ № {num</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ber} от {date}</w:t></w:r></w:p></w:body>"#;
        let paper = Paper {
            kind: super::super::PaperKind::Order,
            blocks: Vec::new(),
            fields: vec![("number", "12 & 3".into()), ("date", "01.09.2026".into())],
            table: None,
            gaps: Vec::new(),
        };
        let out = fill_xml(xml, &paper).unwrap();
        assert_eq!(
            out,
            r#"<w:body><w:p><w:r><w:t xml:space="preserve">Приказ № 12 &amp; 3</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> от 01.09.2026</w:t></w:r></w:p></w:body>"#
        );
        let bad = r#"<w:p><w:r><w:t>{numbr}</w:t></w:r></w:p>"#;
        match fill_xml(bad, &paper) {
            Err(TemplateError::Unknown { name, known }) => {
                assert_eq!(name, "numbr");
                assert_eq!(known, vec!["number", "date"]);
            }
            other => panic!("{other:?}"),
        }
        // Braces that are not a name stay as written.
        let literal = r#"<w:p><w:r><w:t>{ не поле }</w:t></w:r></w:p>"#;
        assert_eq!(fill_xml(literal, &paper).unwrap(), literal);
    }
}
