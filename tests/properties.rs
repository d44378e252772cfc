//! Properties of the readers that take text from curators' files: dates,
//! roadmap deadlines, tag lists and the cleaning every imported string
//! passes through. Random inputs, shrunk to the smallest failing case.

use chrono::NaiveDate;
use nastavnik::domain::dates::{format_date, parse_date};
use nastavnik::domain::Deadline;
use nastavnik::roadmap::deadline;
use nastavnik::text::{fold, sanitize, sanitize_line, split_tags};
use proptest::prelude::*;

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..=2200, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

/// Text with the characters that come in from pasted documents and hostile
/// files: controls, escapes, bidi, zero-width, separators, Cyrillic.
fn messy_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[а-яёА-ЯЁa-z0-9 .,;-]{0,8}",
        Just("\u{1b}[31m".to_string()),
        Just("\u{1b}]0;HACK\u{7}".to_string()),
        Just("\u{9b}2J".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{2028}".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("\u{7f}".to_string()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

fn is_unsafe(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || u == 0x7f
        || (0x80..=0x9f).contains(&u)
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        || (0x200b..=0x200f).contains(&u)
        || u == 0x2028
        || u == 0x2029
        || u == 0xfeff
}

proptest! {
    #[test]
    fn a_written_date_reads_back(d in any_date()) {
        prop_assert_eq!(parse_date(&format_date(d)), Some(d));
        prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Some(d));
        prop_assert_eq!(parse_date(&format!("{} г.", format_date(d))), Some(d));
    }

    #[test]
    fn a_date_reader_never_panics_and_gives_real_days(s in "\\PC{0,20}") {
        if let Some(d) = parse_date(&s) {
            prop_assert!((1900..=2200).contains(&chrono::Datelike::year(&d)));
        }
    }

    #[test]
    fn a_deadline_by_a_date_reads_as_that_date(d in any_date()) {
        prop_assert_eq!(
            deadline::parse(&format!("до {}", format_date(d))),
            Some(Deadline::By { date: d })
        );
    }

    #[test]
    fn a_range_reads_as_its_first_and_last_day(a in any_date(), b in any_date()) {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        prop_assert_eq!(
            deadline::parse(&format!("с {} по {}", format_date(from), format_date(to))),
            Some(Deadline::Within { from, to })
        );
    }

    #[test]
    fn any_deadline_text_is_read_or_kept_without_panic(s in messy_text()) {
        if let Some(Deadline::Within { from, to }) = deadline::parse(&s) {
            prop_assert!(from <= to);
        }
    }

    #[test]
    fn cleaned_text_has_nothing_unsafe_and_cleaning_twice_changes_nothing(s in messy_text()) {
        let line = sanitize_line(&s);
        prop_assert!(!line.chars().any(is_unsafe), "{:?}", line);
        prop_assert_eq!(sanitize_line(&line), line.clone());
        let multi = sanitize(&s, true);
        prop_assert!(!multi.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)));
        prop_assert!(!line.contains("HACK"), "an escape sequence's remains: {:?}", line);
    }

    #[test]
    fn tags_are_trimmed_unique_and_never_empty(s in "[а-яА-Я ;,]{0,40}") {
        let tags = split_tags(&s);
        for (i, t) in tags.iter().enumerate() {
            prop_assert!(!t.is_empty());
            prop_assert_eq!(t.trim(), t.as_str());
            prop_assert!(!tags[..i].iter().any(|o| fold(o) == fold(t)));
        }
    }
}
