//! Text helpers shared by every layer: sanitising text that came from data
//! before it reaches a terminal or a report, and folding for search/matching.

/// Removes what must never reach a terminal or a report file: C0 controls
/// (except tab and newline when `keep_newlines`), DEL, C1 controls, and the
/// bidi overrides/isolates that can reorder what a reader sees. An ANSI
/// escape sequence loses its ESC and so becomes inert, visible text.
///
/// ```
/// use nastavnik::text::sanitize;
/// assert_eq!(sanitize("Иванов\u{1b}[2J\u{202e}", false), "Иванов[2J");
/// ```
pub fn sanitize(s: &str, keep_newlines: bool) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' if keep_newlines => Some('\n'),
            '\t' => Some(if keep_newlines { '\t' } else { ' ' }),
            '\n' | '\r' => Some(' '),
            c if is_unsafe_char(c) => None,
            c => Some(c),
        })
        .collect()
}

/// For report files: removes whole ANSI escape sequences (CSI `ESC [ … final`,
/// OSC `ESC ] … BEL/ST`, and two-byte `ESC x`), then what [`sanitize_line`]
/// removes, so that not even the inert remains of a colour code reach paper.
///
/// ```
/// use nastavnik::text::clean_for_report;
/// assert_eq!(clean_for_report("Анна \u{1b}[31mЛьвовна\u{1b}]0;x\u{7}"), "Анна Львовна");
/// ```
pub fn clean_for_report(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                // Parameters and intermediates, then one final byte @..~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' {
                        break;
                    }
                    if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                        chars.next();
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    sanitize_line(&out)
}

/// One-line variant of [`sanitize`] for table cells and single-line fields.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s, false)
}

fn is_unsafe_char(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || u == 0x7f
        || (0x80..=0x9f).contains(&u)
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        || u == 0x200e
        || u == 0x200f
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
    fn sanitize_drops_controls_escapes_and_bidi() {
        let s = "Иван\u{1b}[31mов\u{7}\u{202e}abc\u{9b}\r\nX";
        assert_eq!(sanitize_line(s), "Иван[31мовabc  X".replace('м', "m"));
        assert_eq!(sanitize("a\nb", true), "a\nb");
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
