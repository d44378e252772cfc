//! Roadmaps: documents in the layouts that come out of Word and PDF import
//! with every item, their sections and the deadlines that are dates or
//! months; what is not stays text and is listed; standing on a given date.
//!
//! The fixtures under `tests/fixtures/roadmap/` are the project's own,
//! written in the layouts of the public district documents. Those documents
//! themselves are checked too when `NASTAVNIK_SEEDS` names their directory.

use chrono::NaiveDate;
use nastavnik::domain::*;
use nastavnik::roadmap::import::parse;
use nastavnik::roadmap::{standing, Standing};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roadmap")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A real district document from `$NASTAVNIK_SEEDS`. The tests that read
/// them are ignored by default (cargo test lists them as ignored, with the
/// reason); `NASTAVNIK_SEEDS=DIR cargo test --release -- --ignored` runs them.
fn seed(name: &str) -> String {
    let dir = std::env::var_os("NASTAVNIK_SEEDS")
        .filter(|d| !d.is_empty())
        .expect("NASTAVNIK_SEEDS names the directory of the district documents");
    let file = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("NASTAVNIK_SEEDS={}: {e}", dir.to_string_lossy()))
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap_or_else(|| panic!("no seed {name} in {}", dir.to_string_lossy()));
    std::fs::read_to_string(file).unwrap()
}

fn item<'a>(items: &'a [RoadmapItem], number: &str) -> &'a RoadmapItem {
    items
        .iter()
        .find(|i| i.number == number)
        .unwrap_or_else(|| panic!("no item {number}"))
}

#[test]
fn one_cell_per_line_with_sections_and_broken_cells() {
    let p = parse(&fixture("cells.txt"));
    let numbers: Vec<&str> = p.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6"]);
    assert!(p.unparsed.is_empty(), "{:?}", p.unparsed);
    let first = item(&p.items, "1");
    assert_eq!(
        first.section,
        "Нормативное обеспечение наставничества в школе"
    );
    assert_eq!(first.title, "Назначение куратора внедрения ЦМН в школе");
    assert_eq!(first.responsible, "Директор");
    assert_eq!(first.result, "Приказ по школе");
    assert_eq!(
        first.deadline,
        Some(Deadline::Within {
            from: d(2025, 9, 1),
            to: d(2025, 9, 30)
        })
    );
    assert_eq!(
        item(&p.items, "2").deadline,
        Some(Deadline::By {
            date: d(2025, 9, 20)
        })
    );
    assert_eq!(item(&p.items, "3").deadline, Some(Deadline::Ongoing));
    let bases = item(&p.items, "4");
    assert_eq!(bases.section, "Работа с базами наставников и наставляемых");
    assert_eq!(
        bases.deadline,
        Some(Deadline::Within {
            from: d(2025, 9, 1),
            to: d(2025, 10, 31)
        })
    );
    assert_eq!(
        bases.result, "База наставляемых (сведения об учениках и их запросах)",
        "a cell broken over lines is one cell"
    );
    assert_eq!(
        item(&p.items, "5").deadline,
        Some(Deadline::Quarterly { day: 15 }),
        "«Ежеквартально до 15 числа»"
    );
    assert_eq!(
        item(&p.items, "6").deadline,
        Some(Deadline::Within {
            from: d(2026, 5, 1),
            to: d(2026, 5, 31)
        })
    );
}

#[test]
fn tab_rows_with_numbered_headings_and_continuations() {
    let p = parse(&fixture("rows.txt"));
    let numbers: Vec<&str> = p.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5"]
    );
    assert_eq!(
        item(&p.items, "1.1").section,
        "1. Нормативное регулирование наставничества в МБОУ «Речная СОШ № 2»"
    );
    assert_eq!(
        item(&p.items, "1.2").deadline,
        Some(Deadline::By {
            date: d(2025, 9, 15)
        }),
        "«до 15 сентября 2025 г.»"
    );
    assert_eq!(item(&p.items, "1.2").responsible, "Директор Соколова А.В.");
    let program = item(&p.items, "1.3");
    assert_eq!(
        program.deadline,
        Some(Deadline::Within {
            from: d(2025, 8, 1),
            to: d(2025, 9, 30)
        }),
        "«Август- сентябрь 2025 г»"
    );
    assert!(
        program
            .title
            .ends_with("включающей: формы и ролевые модели наставничества в школе"),
        "continuation lines join the title: {}",
        program.title
    );
    assert!(item(&p.items, "2.1")
        .section
        .starts_with("2. Организационная"));
    assert_eq!(
        item(&p.items, "2.1").deadline,
        Some(Deadline::Within {
            from: d(2025, 9, 1),
            to: d(2025, 9, 30)
        }),
        "«Сентябрь 2025г»"
    );
    assert_eq!(
        item(&p.items, "2.3").deadline,
        Some(Deadline::Within {
            from: d(2026, 3, 1),
            to: d(2026, 4, 30)
        })
    );
    assert_eq!(
        item(&p.items, "2.4").deadline,
        Some(Deadline::Within {
            from: d(2026, 5, 1),
            to: d(2026, 5, 31)
        }),
        "«май г. 2026г»"
    );
    assert_eq!(
        p.unparsed,
        ["2.2: «по отдельному плану»", "2.5: «сентябрь»"],
        "no year, or no date at all: text"
    );
}

#[test]
fn rows_without_sections_and_a_cell_on_its_own_line() {
    let p = parse(&fixture("flat.txt"));
    assert_eq!(p.items.len(), 4);
    assert!(p.items.iter().all(|i| i.section.is_empty()));
    assert_eq!(
        item(&p.items, "1").deadline,
        Some(Deadline::By {
            date: d(2025, 9, 1)
        })
    );
    assert_eq!(
        item(&p.items, "2").deadline,
        Some(Deadline::Within {
            from: d(2025, 9, 1),
            to: d(2025, 10, 31)
        })
    );
    assert_eq!(
        item(&p.items, "3").responsible,
        "Куратор, руководители МО",
        "the responsible cell broken onto a line of its own"
    );
    assert_eq!(p.unparsed, ["4: «по завершении программы»"]);
}

#[test]
#[ignore = "reads the district documents: NASTAVNIK_SEEDS=DIR, --ignored"]
fn seed_000_one_cell_per_line() {
    let p = parse(&seed("000"));
    assert_eq!(p.items.len(), 16);
    assert!(p.unparsed.is_empty(), "{:?}", p.unparsed);
    let first = item(&p.items, "1");
    assert_eq!(
        first.section,
        "Нормативное правовое регулирование внедрения ЦМН"
    );
    assert_eq!(first.responsible, "Руководители ОО");
    assert_eq!(first.result, "Приказ ОО");
    assert_eq!(
        first.deadline,
        Some(Deadline::Within {
            from: d(2021, 9, 1),
            to: d(2021, 9, 30)
        })
    );
    assert_eq!(
        item(&p.items, "2").deadline,
        Some(Deadline::By {
            date: d(2021, 9, 20)
        })
    );
    assert_eq!(item(&p.items, "4").deadline, Some(Deadline::Ongoing));
    assert_eq!(
        item(&p.items, "14").deadline,
        Some(Deadline::Quarterly { day: 15 }),
        "«Ежеквартально до 15 числа»"
    );
    // A cell broken over lines is one cell.
    assert!(
        item(&p.items, "7").result.contains("базы учеников"),
        "{}",
        item(&p.items, "7").result
    );
}

#[test]
#[ignore = "reads the district documents: NASTAVNIK_SEEDS=DIR, --ignored"]
fn seed_002_rows_with_headings_in_their_own_lines() {
    let p = parse(&seed("002"));
    assert_eq!(p.items.len(), 30);
    let numbers: Vec<&str> = p.items.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers[..5], ["1.1", "1.2", "1.3", "1.4", "2.1"]);
    assert_eq!(
        item(&p.items, "1.3").deadline,
        Some(Deadline::By {
            date: d(2022, 3, 15)
        })
    );
    assert_eq!(
        item(&p.items, "2.1").deadline,
        Some(Deadline::Within {
            from: d(2022, 3, 1),
            to: d(2022, 5, 31)
        })
    );
    assert!(item(&p.items, "4.1")
        .section
        .starts_with("4. Организационная"));
    assert!(
        item(&p.items, "1.4")
            .title
            .ends_with("Программы наставничества"),
        "continuation lines join the title: {}",
        item(&p.items, "1.4").title
    );
    assert!(p
        .unparsed
        .contains(&"3.3: «по отдельному плану»".to_string()));
    assert!(
        p.unparsed.contains(&"5.2: «сентябрь»".to_string()),
        "no year: text"
    );
}

#[test]
#[ignore = "reads the district documents: NASTAVNIK_SEEDS=DIR, --ignored"]
fn seed_003_rows_without_sections() {
    let p = parse(&seed("003"));
    assert_eq!(p.items.len(), 11);
    assert_eq!(
        item(&p.items, "1").deadline,
        Some(Deadline::By {
            date: d(2022, 9, 1)
        })
    );
    assert_eq!(
        item(&p.items, "6").deadline,
        Some(Deadline::Within {
            from: d(2022, 9, 1),
            to: d(2022, 10, 31)
        })
    );
    assert_eq!(p.unparsed, ["8: «по завершении программы»"]);
}

#[test]
#[ignore = "reads the district documents: NASTAVNIK_SEEDS=DIR, --ignored"]
fn seed_004_school_roadmap() {
    let p = parse(&seed("004"));
    assert_eq!(p.items.len(), 30);
    assert_eq!(
        item(&p.items, "3.2").deadline,
        Some(Deadline::Within {
            from: d(2023, 8, 1),
            to: d(2023, 9, 30)
        }),
        "«Август- сентябрь 2023 г»"
    );
    assert_eq!(
        item(&p.items, "3.7").deadline,
        Some(Deadline::Within {
            from: d(2024, 5, 1),
            to: d(2024, 5, 31)
        }),
        "«май г. 2024г»"
    );
    assert_eq!(
        item(&p.items, "6.1.1").section,
        "6.1. Контроль реализации мероприятий по внедрению целевой модели наставничества:"
    );
    assert_eq!(
        item(&p.items, "1.2").responsible,
        "Директор МКОУ «СОШ №5» Мурадханова Т.Н."
    );
}

#[test]
fn overdue_and_due_soon_on_a_date() {
    let p = parse(&fixture("rows.txt"));
    let on = d(2025, 9, 5);
    let overdue: Vec<&str> = p
        .items
        .iter()
        .filter(|i| matches!(standing(i, on, 14), Standing::Overdue(_)))
        .map(|i| i.number.as_str())
        .collect();
    // «до 01.09.2025» and «Август 2025 г.».
    assert_eq!(overdue, ["1.1", "1.4"]);
    let mut done = item(&p.items, "1.1").clone();
    done.status = RoadmapStatus::Done;
    assert_eq!(standing(&done, on, 14), Standing::Done);
    let soon: Vec<&str> = p
        .items
        .iter()
        .filter(|i| matches!(standing(i, d(2025, 9, 20), 14), Standing::DueSoon(_)))
        .map(|i| i.number.as_str())
        .collect();
    assert_eq!(soon, ["1.3", "2.1"], "September items, due by 30.09");
}

fn school_with_roadmap() -> Dataset {
    let mut ds = Dataset::default();
    ds.orgs.insert(
        1,
        Organisation {
            id: 1,
            name: "МКОУ «СОШ № 5»".into(),
            is_default: true,
            ..Organisation::default()
        },
    );
    for (i, mut item) in parse(&fixture("rows.txt")).items.into_iter().enumerate() {
        item.id = i as Id + 1;
        item.org_id = 1;
        ds.roadmap.insert(item.id, item);
    }
    ds
}

#[test]
fn status_lists_overdue_items_first_then_those_due_within_two_weeks() {
    let mut ds = school_with_roadmap();
    // 1.1 is done: never overdue.
    ds.roadmap.get_mut(&1).unwrap().status = RoadmapStatus::Done;
    let s = nastavnik::status::compute(
        &ds,
        &Timelines::new(),
        &nastavnik::status::Options {
            as_of: d(2025, 9, 20),
            meetings: Default::default(),
            calendar: Default::default(),
        },
    );
    let roadmap: Vec<(String, bool)> = s
        .warnings
        .iter()
        .filter_map(|w| match &w.kind {
            nastavnik::status::WarningKind::Roadmap {
                number, overdue, ..
            } => Some((number.clone(), *overdue)),
            _ => None,
        })
        .collect();
    let overdue: Vec<&str> = roadmap
        .iter()
        .filter(|r| r.1)
        .map(|r| r.0.as_str())
        .collect();
    let soon: Vec<&str> = roadmap
        .iter()
        .filter(|r| !r.1)
        .map(|r| r.0.as_str())
        .collect();
    // The longest overdue first.
    assert_eq!(overdue, ["1.4", "1.2"]);
    assert_eq!(soon, ["1.3", "2.1"]);
    assert!(roadmap.iter().position(|r| !r.1) > roadmap.iter().position(|r| r.1));
    let text = s.warnings[s
        .warnings
        .iter()
        .position(|w| matches!(&w.kind, nastavnik::status::WarningKind::Roadmap { number, .. } if number == "1.4"))
        .unwrap()]
    .message(nastavnik::i18n::Lang::Ru);
    assert!(
        text.starts_with("дорожная карта 1.4: просрочено с 31.08.2025 — Разработка плана"),
        "{text}"
    );
}

#[test]
fn the_roadmap_report_counts_by_status_and_lists_by_section() {
    use nastavnik::i18n::Lang;
    use nastavnik::reports::{self, render, Kind, Params};
    let mut ds = school_with_roadmap();
    let first = ds.roadmap.get_mut(&1).unwrap();
    first.status = RoadmapStatus::Done;
    first.evidence = "Приказ № 45 от 28.08.2025".into();
    ds.roadmap.get_mut(&2).unwrap().status = RoadmapStatus::InProgress;
    let r = reports::build(
        &ds,
        &Timelines::new(),
        &Params::new(Kind::Roadmap, d(2025, 9, 20), Some(1), Lang::Ru),
    );
    let summary: Vec<String> = r
        .tables()
        .next()
        .unwrap()
        .rows
        .iter()
        .map(|row| row[1].display(Lang::Ru))
        .collect();
    // done 1.1; in progress 1.2 (past its date, so overdue wins); overdue
    // 1.2 and 1.4; the other six planned.
    assert_eq!(summary, ["1", "0", "6", "2"]);
    assert_eq!(
        r.tables().count(),
        1 + 2,
        "a summary and one table per section"
    );
    let text = render::to_text(&r, 100, Lang::Ru);
    assert!(text.contains("Приказ № 45"), "{text}");
    assert!(text
        .lines()
        .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 100));
}
