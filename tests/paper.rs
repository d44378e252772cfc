//! `nastavnik paper`: the documents open as .docx and .pdf and hold the
//! names, numbers and dates from the data; a school's template is filled
//! and keeps its header; an unknown placeholder is named.

mod common;

use common::bin;
use std::io::Read;

fn docx_part(path: &std::path::Path, part: &str) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

fn ok(out: &std::process::Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    ok(&bin(
        &db,
        &["demo", "--scale", "school", "--as-of", "01.12.2026"],
    ));
    (dir, db)
}

#[test]
fn an_order_is_recorded_and_written_as_pdf_and_docx() {
    let (dir, db) = demo();
    let pdf = dir.path().join("order.pdf");
    let said = ok(&bin(
        &db,
        &[
            "paper",
            "order",
            "--all-new",
            "--number",
            "45-о",
            "--date",
            "01.12.2026",
            "--out",
            pdf.to_str().unwrap(),
        ],
    ));
    assert!(
        said.contains("Приказ № 45-о от 01.12.2026 записан в базу документов"),
        "{said}"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(
        String::from_utf8_lossy(&bytes).contains("FontFile2"),
        "the font is embedded"
    );
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("ПРИКАЗЫВАЮ"), "{flat}");
    assert!(flat.contains("№ 45-о"), "{flat}");
    // A second run finds no pair left without an order.
    let again = bin(
        &db,
        &[
            "paper",
            "order",
            "--all-new",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(!again.status.success());

    // The pairs now fixed by the recorded order print it in a .docx.
    let backup: serde_json::Value =
        serde_json::from_str(&ok(&bin(&db, &["export", "json"]))).unwrap();
    let order = backup["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "45-о")
        .expect("the order is in the documents base")["id"]
        .clone();
    let fixed: Vec<String> = backup["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["order_id"] == order)
        .map(|u| u["id"].to_string())
        .collect();
    assert!(!fixed.is_empty());
    let docx = dir.path().join("order.docx");
    let mut args = vec!["paper", "order", "--out", docx.to_str().unwrap()];
    for id in &fixed {
        args.extend(["--pair", id.as_str()]);
    }
    ok(&bin(&db, &args));
    let xml = docx_part(&docx, "word/document.xml");
    assert!(xml.contains("О закреплении наставнических пар (групп)"));
    assert!(xml.contains("№ 45-о"));
    assert!(xml.contains("01.12.2026"));
    assert!(xml.contains("Муниципальное бюджетное общеобразовательное учреждение"));
}

#[test]
fn an_agreement_and_a_consent_hold_the_names() {
    let (dir, db) = demo();
    let backup: serde_json::Value =
        serde_json::from_str(&ok(&bin(&db, &["export", "json"]))).unwrap();
    let unit = backup["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["form"] == "teacher_teacher")
        .expect("an employees' pair in the demo");
    let id = unit["id"].to_string();
    let mentor_id = unit["mentors"][0].as_u64().unwrap();
    let mentor = backup["mentors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"].as_u64() == Some(mentor_id))
        .unwrap();
    let name = mentor["person"]["full_name"].as_str().unwrap();
    let out = dir.path().join("agreement.pdf");
    ok(&bin(
        &db,
        &[
            "paper",
            "agreement",
            "--pair",
            &id,
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let text = pdf_extract::extract_text_from_mem(&std::fs::read(&out).unwrap()).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ"), "{flat}");
    assert!(flat.contains(name), "{name} in {flat}");
    assert!(flat.contains("351.8"));

    let mentee = backup["mentees"][0]["id"].to_string();
    let consent = dir.path().join("consent.docx");
    ok(&bin(
        &db,
        &[
            "paper",
            "consent",
            "--mentee",
            &mentee,
            "--out",
            consent.to_str().unwrap(),
        ],
    ));
    let xml = docx_part(&consent, "word/document.xml");
    assert!(xml.contains("152-ФЗ"));
    assert!(xml.contains(
        backup["mentees"][0]["person"]["full_name"]
            .as_str()
            .unwrap()
    ));

    // A pupils' pair has no ст. 351.8 agreement.
    let pupils = backup["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["form"] == "pupil_pupil")
        .unwrap()["id"]
        .to_string();
    let refused = bin(
        &db,
        &[
            "paper",
            "agreement",
            "--pair",
            &pupils,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("351.8"));
}

/// A school's template: a header with the letterhead, placeholders split
/// over runs, `{pairs}` alone in a paragraph.
fn template(body: &str) -> Vec<u8> {
    use docx_rs::*;
    let header = Header::new().add_paragraph(
        Paragraph::new().add_run(Run::new().add_text("Бланк школы: ул. Садовая, 1")),
    );
    let mut doc = Docx::new().header(header);
    for line in body.split('\n') {
        let mut p = Paragraph::new();
        // Each piece a run of its own, as Word splits typed text.
        for piece in line.split('|') {
            p = p.add_run(Run::new().add_text(piece));
        }
        doc = doc.add_paragraph(p);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).unwrap();
    out.into_inner()
}

#[test]
fn a_school_template_is_filled_and_keeps_its_header() {
    let (dir, db) = demo();
    let tpl = dir.path().join("school.docx");
    std::fs::write(
        &tpl,
        template("Приказ № {num|ber} от {da|te}\n{school}, директор {director_short}\n{pairs}"),
    )
    .unwrap();
    let out = dir.path().join("filled.docx");
    let bad_tpl = dir.path().join("bad.docx");
    std::fs::write(&bad_tpl, template("Приказ № {nomer}")).unwrap();
    let bad = bin(
        &db,
        &[
            "paper",
            "order",
            "--all-new",
            "--template",
            bad_tpl.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success());
    assert!(err.contains("{nomer}"), "{err}");
    ok(&bin(
        &db,
        &[
            "paper",
            "order",
            "--all-new",
            "--number",
            "7",
            "--date",
            "02.12.2026",
            "--template",
            tpl.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let xml = docx_part(&out, "word/document.xml");
    // The split placeholder is filled in its first run.
    assert!(xml.contains(">Приказ № 7</w:t>"), "{xml}");
    assert!(xml.contains("02.12.2026"));
    assert!(!xml.contains('{'), "every placeholder filled: {xml}");
    assert!(xml.contains("<w:tbl>"), "the pairs' table");
    assert!(xml.contains("Наставляемый(е)"));
    let header = docx_part(&out, "word/header1.xml");
    assert!(header.contains("Бланк школы: ул. Садовая, 1"));
}
