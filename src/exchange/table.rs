//! Reading a CSV file as curators' spreadsheets write it: UTF-8 with or
//! without BOM, or Windows-1251; `;` or `,` delimited.

use super::RowError;
use crate::i18n::Lang;
use crate::tr;

/// A longer cell is certainly not a value of the bases (a pasted document, a
/// broken quote swallowing the file); it is refused with its line.
pub const MAX_CELL_CHARS: usize = 10_000;

#[derive(Debug, Clone)]
pub struct Row {
    /// The line the record starts on, counting the header as line 1.
    pub line: u64,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    /// The line (row of the sheet) the header is on.
    pub header_line: u64,
    /// Rows above the header with at most one cell filled: a title, a
    /// date line. [`super::layout::settle`] says they were skipped.
    pub above: Vec<Row>,
    /// A workbook's sheet read, among the book's sheets when there are more.
    pub sheet: Option<(String, Vec<String>)>,
    pub rows: Vec<Row>,
    pub encoding: &'static str,
}

/// Decodes the bytes: a UTF-8 BOM or valid UTF-8 is UTF-8, anything else is
/// taken as Windows-1251 (what Russian Excel writes).
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            (text.into_owned(), "Windows-1251")
        }
    }
}

/// The delimiter used in the header line: whichever of `;` and `,` occurs
/// more often outside quotes (ties go to `;`, Russian Excel's choice).
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let (mut semi, mut comma, mut quoted) = (0, 0, false);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semi += 1,
            ',' if !quoted => comma += 1,
            _ => {}
        }
    }
    if comma > semi {
        b','
    } else {
        b';'
    }
}

/// Parses the whole file. File-level problems (empty, no data rows) come
/// back as a single error at line 1; row problems (ragged rows, huge
/// cells) are all collected.
pub fn read(bytes: &[u8]) -> Result<Table, Vec<RowError>> {
    read_in(bytes, Lang::Ru)
}

/// [`read`], its problems said in `lang`; a workbook (xlsx, xls, ods)
/// gives its first sheet.
pub fn read_in(bytes: &[u8], lang: Lang) -> Result<Table, Vec<RowError>> {
    read_sheet(bytes, None, lang)
}

/// A CSV file, or the sheet `sheet` (else the first) of a workbook.
pub fn read_sheet(bytes: &[u8], sheet: Option<&str>, lang: Lang) -> Result<Table, Vec<RowError>> {
    if super::sheet::kind_of(bytes).is_some() {
        return super::sheet::read(bytes, sheet, lang);
    }
    if let Some(name) = sheet {
        return Err(vec![RowError::file(tr!(
            lang,
            "--sheet «{name}»: это не книга Excel или LibreOffice, в ней нет листов",
            "--sheet '{name}': this is not an Excel or LibreOffice workbook, it has no sheets"
        ))]);
    }
    let (text, encoding) = decode(bytes);
    if text.trim().is_empty() {
        return Err(vec![RowError::file(
            lang.pick("файл пуст", "the file is empty"),
        )]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter {
        text: text.as_bytes(),
        byte: 0,
        line: 1,
    };
    let mut errors = Vec::new();
    let mut headers: Option<(u64, Vec<String>)> = None;
    let mut above = Vec::new();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| lines.line_at(p.byte())).unwrap_or(0);
                errors.push(RowError::at(
                    line,
                    tr!(lang, "не читается как CSV: {e}", "unreadable as CSV: {e}"),
                ));
                continue;
            }
        };
        let line = record
            .position()
            .map(|p| lines.line_at(p.byte()))
            .unwrap_or(0);
        let cells: Vec<String> = record.iter().map(clean_cell).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if let Some(e) = too_long(&cells, line, lang) {
            errors.push(e);
            continue;
        }
        match &headers {
            None if is_title(&cells) => above.push(Row { line, cells }),
            None => headers = Some((line, cells)),
            Some((_, h)) if h.len() != cells.len() => errors.push(RowError::at(
                line,
                tr!(
                    lang,
                    "{} полей, а в заголовке {}",
                    "{} fields, the header has {}",
                    cells.len(),
                    h.len()
                ),
            )),
            Some(_) => rows.push(Row { line, cells }),
        }
    }
    // A file of one column: its rows all looked like titles.
    if headers.is_none() && !above.is_empty() {
        let first = above.remove(0);
        headers = Some((first.line, first.cells));
        rows = std::mem::take(&mut above);
    }
    let Some((header_line, headers)) = headers else {
        return Err(vec![RowError::file(
            lang.pick("нет строки заголовков", "no header row"),
        )]);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    if rows.is_empty() {
        return Err(vec![RowError::file(
            lang.pick("нет ни одной строки данных", "no data rows"),
        )]);
    }
    Ok(Table {
        headers,
        header_line,
        above,
        sheet: None,
        rows,
        encoding,
    })
}

/// A row above a table rather than its header: one cell filled at most
/// (a header names two columns at least).
pub(super) fn is_title(cells: &[String]) -> bool {
    cells.iter().filter(|c| !c.trim().is_empty()).count() < 2
}

/// A row with a cell longer than any value of the bases, refused with
/// its line (CSV and workbooks alike).
pub(super) fn too_long(cells: &[String], line: u64, lang: Lang) -> Option<RowError> {
    let long = cells.iter().find(|c| c.chars().count() > MAX_CELL_CHARS)?;
    Some(RowError::at(
        line,
        tr!(
            lang,
            "ячейка слишком длинная ({} символов, допускается до {MAX_CELL_CHARS})",
            "a cell is too long ({} characters, at most {MAX_CELL_CHARS})",
            long.chars().count()
        ),
    ))
}

/// Line numbers from byte offsets: the csv crate's own line count is off
/// for CRLF files, which is what Excel writes.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl LineCounter<'_> {
    /// The line of the record at `byte`; offsets must come in increasing
    /// order. With CRLF the csv crate's offset points at the `\n` ending the
    /// previous line, and a record never starts with a line break, so those
    /// are stepped over first.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut byte = (byte as usize).min(self.text.len());
        while byte < self.text.len() && matches!(self.text[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte > self.byte {
            self.line += self.text[self.byte..byte]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.byte = byte;
        }
        self.line
    }
}

/// Trims a cell and undoes the spreadsheet-injection escape our export adds
/// (a leading apostrophe before `= + - @`).
fn clean_cell(raw: &str) -> String {
    let t = raw.trim().trim_matches('\u{feff}');
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolon_utf8_with_bom() {
        let t = read("\u{feff}ФИО;Категория\r\nИванов;педагог\r\n".as_bytes()).unwrap();
        assert_eq!(t.headers, vec!["ФИО", "Категория"]);
        assert_eq!(t.rows[0].cells, vec!["Иванов", "педагог"]);
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn reads_comma_windows_1251() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("ФИО,Категория\nЁлкин,педагог\n");
        let t = read(&bytes).unwrap();
        assert_eq!(t.encoding, "Windows-1251");
        assert_eq!(t.rows[0].cells[0], "Ёлкин");
    }

    #[test]
    fn crlf_and_multiline_cells_keep_true_line_numbers() {
        let t = read("a;b\r\n\"x\r\ny\";d\r\ne;f\r\n".as_bytes()).unwrap();
        assert_eq!(
            t.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
            vec![2, 4]
        );
    }

    #[test]
    fn ragged_rows_are_reported_with_their_lines() {
        let errs = read("a;b\n1;2\n1;2;3\n4\n".as_bytes()).unwrap_err();
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3, 4]);
    }

    #[test]
    fn a_title_line_above_the_header_is_kept_apart() {
        let t = read("Список наставников\n\nФИО;Категория\nИванов;педагог\n".as_bytes()).unwrap();
        assert_eq!(t.above.len(), 1);
        assert_eq!((t.header_line, t.headers[0].as_str()), (3, "ФИО"));
        assert_eq!(t.rows[0].line, 4);
    }

    #[test]
    fn undoes_the_export_escape() {
        assert_eq!(clean_cell("'+7 900"), "+7 900");
        assert_eq!(clean_cell("'quoted"), "'quoted");
    }
}
