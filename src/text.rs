//! Text helpers shared by every layer: sanitising text that came from data
//! before it reaches a terminal or a report, and folding for search/matching.

/// Removes what must never reach a terminal, a report or a stored record:
/// whole escape sequences (CSI `ESC [ … final` and its one-byte form U+009B,
/// OSC `ESC ] … BEL/ST` and U+009D, two-byte `ESC x`), so that not even their
/// inert remains (`[5m`, `]0;title`) are kept; C0 controls (except tab and
/// newline when `keep_newlines`), DEL, C1 controls; the bidi overrides and
/// isolates that can reorder what a reader sees; zero-width characters. The
/// Unicode line and paragraph separators become a newline (or a space).
///
/// ```
/// use nastavnik::text::sanitize;
/// assert_eq!(sanitize("Иванов\u{1b}[2J\u{202e}\u{200b}", false), "Иванов");
/// assert_eq!(sanitize("a\u{2028}b", true), "a\nb");
/// ```
pub fn sanitize(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    // An ESC that cut an OSC short, to be read as the start of what follows.
    let mut pending = None;
    while let Some(c) = pending.take().or_else(|| chars.next()) {
        match c {
            // An ESC that follows an ESC starts a sequence of its own.
            '\u{1b}' => match chars.next_if(|&c| c != '\u{1b}') {
                Some('[') => skip_csi(&mut chars),
                Some(']') => pending = skip_osc(&mut chars),
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' => pending = skip_osc(&mut chars),
            '\n' | '\u{2028}' | '\u{2029}' if keep_newlines => out.push('\n'),
            '\t' => out.push(if keep_newlines { '\t' } else { ' ' }),
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if is_unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether a JSON text holds nothing that [`sanitize`] (keeping line
/// breaks) would change in any of its strings: no character it removes or
/// replaces, and no escape but `\"`, `\\`, `\/`, `\n` and `\t` (another
/// escape may stand for one). Cheaper than cleaning record by record.
pub fn json_is_clean(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if !matches!(chars.next(), Some('"' | '\\' | '/' | 'n' | 't')) => return false,
            // An escape that stands for itself.
            '\\' => {}
            // JSON's white space between values (a file's own line breaks).
            '\n' | '\t' | '\r' | ' ' => {}
            '\u{2028}' | '\u{2029}' => return false,
            c if is_unsafe_char(c) => return false,
            _ => {}
        }
    }
    true
}

/// Parameters and intermediates, then one final byte @..~. Anything else
/// (an ESC, a C1 control) cuts the sequence short and is left for the
/// caller, so that a sequence hidden behind a broken one is removed whole.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars>) {
    while let Some(&c) = chars.peek() {
        if !(' '..='~').contains(&c) {
            return;
        }
        chars.next();
        if ('@'..='~').contains(&c) {
            return;
        }
    }
}

/// Up to BEL, ST (`ESC \\`) or the one-byte ST U+009C. An ESC that is not
/// ST ends it too, and comes back to be read as the start of what follows.
fn skip_osc(chars: &mut std::iter::Peekable<std::str::Chars>) -> Option<char> {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return None,
            '\u{1b}' if chars.next_if_eq(&'\\').is_some() => return None,
            '\u{1b}' => return Some(c),
            _ => {}
        }
    }
    None
}

/// One-line variant of [`sanitize`] for table cells, report files and
/// single-line fields.
///
/// ```
/// use nastavnik::text::sanitize_line;
/// assert_eq!(sanitize_line("Анна \u{1b}[31mЛьвовна\u{1b}]0;x\u{7}"), "Анна Львовна");
/// ```
pub fn sanitize_line(s: &str) -> String {
    sanitize(s, false)
}

/// A leading apostrophe keeps a cell that starts with `= + - @` (or tab,
/// CR) from being read as a formula by a spreadsheet; a plain number
/// («-0.5») is left as it is.
///
/// ```
/// use nastavnik::text::excel_safe;
/// assert_eq!(excel_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(excel_safe("-0,5"), "-0,5");
/// ```
/// `s` in at most `width` terminal columns: whole, or cut with «…» at its end.
pub fn ellipsize(s: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

pub fn excel_safe(cell: &str) -> String {
    let formula_like = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.trim().replace(',', ".").parse::<f64>().is_ok();
    if formula_like && !number {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// One cell of a tsv output: one line, no tab, no formula.
pub fn tsv_cell(s: &str) -> String {
    excel_safe(&sanitize_line(s))
}

fn is_unsafe_char(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || u == 0x7f
        || (0x80..=0x9f).contains(&u)
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        || (0x200b..=0x200f).contains(&u)
        || u == 0x2060
        || u == 0xfeff
        || u == 0x061c
}

/// Case- and ё/е-insensitive form of a text, with runs of white space
/// collapsed: the key for name lookup and search.
///
/// ```
/// use nastavnik::text::fold;
/// assert_eq!(fold("  Фёдоров   ПЁТР "), fold("федоров петр"));
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        for l in c.to_lowercase() {
            out.push(match l {
                'ё' => 'е',
                other => other,
            });
        }
    }
    out
}

/// Trims and collapses inner white space, keeping the case: how names are stored.
pub fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a tag list written with `;` or `,` (either, mixed), trimming and
/// dropping empty items and repeats (compared folded, first spelling kept).
pub fn split_tags(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in s.split([';', ',', '\n']) {
        let t = normalize_space(part);
        if t.is_empty() || out.iter().any(|o| fold(o) == fold(&t)) {
            continue;
        }
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_text_is_clean_only_if_cleaning_each_string_would_change_none() {
        let clean = "{\n  \"name\": \"Ёлкина \\\"Д\\\" а/б\\nв\\tг\\\\u001b\"\r\n}";
        assert!(json_is_clean(clean.as_bytes()), "{clean}");
        for unclean in [
            "{\"name\":\"a\\u001b[2Jb\"}",
            "{\"name\":\"a\\rb\"}",
            "{\"name\":\"a\\bb\"}",
            "{\"name\":\"a\u{202e}b\"}",
            "{\"name\":\"a\u{200b}b\"}",
            "{\"name\":\"a\u{2028}b\"}",
            "{\"name\":\"a\u{85}b\"}",
        ] {
            assert!(!json_is_clean(unclean.as_bytes()), "{unclean}");
            // And cleaning does change it: the fast path never skips work.
            let v: serde_json::Value = serde_json::from_str(unclean).unwrap();
            let name = v["name"].as_str().unwrap();
            assert_ne!(sanitize(name, true), name, "{unclean}");
        }
        assert!(!json_is_clean(b"{\"name\":\"\xff\"}"));
    }

    #[test]
    fn a_sequence_behind_a_broken_one_is_removed_whole() {
        // Found by the property test: a CSI cut short by an ESC, an OSC cut
        // short by another sequence.
        assert_eq!(sanitize_line("\u{9b}\u{1b}]0;HACK\u{7}Петров"), "Петров");
        assert_eq!(sanitize_line("\u{1b}]0;x\u{1b}[31mПетров"), "Петров");
        assert_eq!(sanitize_line("\u{1b}[1\u{9d}0;HACK\u{9c}Петров"), "Петров");
    }

    #[test]
    fn sanitize_drops_controls_escapes_and_bidi() {
        let s = "Иван\u{1b}[31mов\u{7}\u{202e}abc\u{9b}5m\r\nX";
        assert_eq!(sanitize_line(s), "Иванов\u{7}abc  X".replace('\u{7}', ""));
        assert_eq!(sanitize("a\nb", true), "a\nb");
        // The leftovers of a title-setting OSC and a blink go with it.
        assert_eq!(sanitize_line("\u{1b}]0;HACK\u{7}Петров\u{1b}[5m"), "Петров");
        assert_eq!(
            sanitize_line("\u{9d}0;HACK\u{9c}Пе\u{200d}тров\u{feff}"),
            "Петров"
        );
    }

    #[test]
    fn fold_handles_case_yo_and_spaces() {
        assert_eq!(fold("  Фёдоров   ПЁТР "), "федоров петр");
        assert_eq!(fold("ЁЛКИН"), fold("елкин"));
    }

    #[test]
    fn tags_split_on_both_separators_without_repeats() {
        assert_eq!(
            split_tags("математика; ОГЭ, Математика ,,  физика "),
            vec!["математика", "ОГЭ", "физика"]
        );
    }
}
