//! Hostile and hand-edited workbooks: each gives a finding, a note or a clear refusal, never a
//! panic or a hang. An edited file is checked against what the same text typed in the browser
//! gives (the same Report), so a cell means what the form's field means.

// Reading is native only (calamine); these run natively.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde_json::{json, Value};
use yoken::documents::{CellRole, FilledCell, FilledDocument};
use yoken::{report_json, Catalog};
use yoken_xlsx::{read, write, Receipt};

const P: &str = "maff-mohouhin-r7";

fn form(amount: &str, date: &str) -> Value {
    json!({"applicant": {"name": "テスト協会"}, "project": {"subprojects": ["guideline"]},
    "budget": {"lines": [
        {"subprogramme": "guideline", "category": "謝金", "description": "委員謝金", "amount": amount, "date": date, "source": "domestic"},
        {"subprogramme": "guideline", "category": "旅費", "description": "調査旅費", "amount": "80", "date": "2026-01-20", "source": "domestic"}
    ]}})
}

fn today() -> chrono::NaiveDate {
    yoken::today("2025-12-01").unwrap()
}

/// The filled 別紙様式1－4 of a form.
fn sheet_1_4(form: &Value) -> FilledDocument {
    let catalog = Catalog::new();
    let report = catalog.validate(P, form, today()).unwrap();
    catalog
        .fill_documents(P, form, &report)
        .unwrap()
        .into_iter()
        .find(|d| d.id == "form_1_4")
        .unwrap()
}

/// A workbook of a filled document written cell by cell, where `edit` may write a cell its own
/// way (returning true) — what a person editing the file in Excel might leave.
fn edited(
    doc: &FilledDocument,
    edit: impl Fn(&mut rust_xlsxwriter::Worksheet, &FilledCell) -> bool,
) -> Vec<u8> {
    let mut book = Workbook::new();
    for s in &doc.sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(&s.name).unwrap();
        for c in &s.cells {
            if !edit(sheet, c) {
                sheet
                    .write_string(c.at.row - 1, c.at.column - 1, &c.text)
                    .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The Report on what a workbook of 別紙様式1－4 says.
fn report_of(bytes: &[u8]) -> (String, Vec<String>) {
    let catalog = Catalog::new();
    let file = read("edited.xlsx", bytes).unwrap();
    let back = catalog
        .read_documents(P, &[("edited.xlsx".to_owned(), file.sheets)])
        .unwrap();
    let mut form = back.form;
    // The other 様式 carries the rest of the form; here only 1-4 is read.
    form["project"] = json!({"subprojects": ["guideline"]});
    let report = catalog.validate(P, &form, today()).unwrap();
    (
        report_json(&report),
        file.notes.iter().map(|n| n.en.to_string()).collect(),
    )
}

fn typed_report(form: &Value) -> String {
    report_json(&Catalog::new().validate(P, form, today()).unwrap())
}

fn is_amount_cell(c: &FilledCell) -> bool {
    c.role == CellRole::Answer && c.at.row == 7 && c.at.column == 4
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_with_its_name() {
    for bytes in [&b"hello"[..], b"PK\x03\x04broken", &[]] {
        let err = read("申請書.xlsx", bytes).unwrap_err();
        assert_eq!(err.code().as_str(), "document.unreadable");
        assert!(
            err.message().ja.contains("申請書.xlsx"),
            "{}",
            err.message().ja
        );
    }
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_parsed() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/bomb.xlsx"
    ))
    .unwrap();
    assert!(bytes.len() < 200_000);
    let err = read("bomb.xlsx", &bytes).unwrap_err();
    assert_eq!(err.code().as_str(), "document.unreadable");
    assert!(
        err.message().en.contains("zip bomb"),
        "{}",
        err.message().en
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let bytes = vec![0u8; yoken_xlsx::MAX_FILE_BYTES + 1];
    let err = read("big.xlsx", &bytes).unwrap_err();
    assert!(
        err.message().en.contains("over the limit"),
        "{}",
        err.message().en
    );
}

#[test]
fn a_huge_sheet_is_refused_and_far_cells_are_noted() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for i in 0..100_001u32 {
        sheet.write_number(i / 100, (i % 100) as u16, 1).unwrap();
    }
    let err = read("huge.xlsx", &book.save_to_buffer().unwrap()).unwrap_err();
    assert!(
        err.message().en.contains("more than 100000 cells"),
        "{}",
        err.message().en
    );

    let doc = sheet_1_4(&form("120", "2026-01-10"));
    let bytes = edited(&doc, |sheet, c| {
        if is_amount_cell(c) {
            sheet.write_string(1_048_575, 16_383, "far away").unwrap();
        }
        false
    });
    let (report, notes) = report_of(&bytes);
    assert_eq!(report, typed_report(&form("120", "2026-01-10")));
    assert!(
        notes.iter().any(|n| n.contains("beyond the 様式's area")),
        "{notes:?}"
    );
}

#[test]
fn a_formula_is_read_by_its_saved_value_and_noted() {
    let doc = sheet_1_4(&form("120", "2026-01-10"));
    let bytes = edited(&doc, |sheet, c| {
        if is_amount_cell(c) {
            sheet
                .write_formula(6, 3, Formula::new("=100+20").set_result("120"))
                .unwrap();
            return true;
        }
        false
    });
    let (report, notes) = report_of(&bytes);
    assert_eq!(report, typed_report(&form("120", "2026-01-10")));
    assert!(
        notes
            .iter()
            .any(|n| n.contains("D7 holds a formula (=100+20)") && n.contains("\"120\"")),
        "{notes:?}"
    );
}

#[test]
fn merged_cells_are_noted_and_read_from_their_first_cell() {
    let doc = sheet_1_4(&form("120", "2026-01-10"));
    let bytes = edited(&doc, |sheet, c| {
        if c.role == CellRole::Answer && c.at.row == 7 && c.at.column == 3 {
            sheet.merge_range(59, 7, 60, 8, "", &Format::new()).unwrap();
            sheet.write_string(6, 2, &c.text).unwrap();
            return true;
        }
        false
    });
    let (report, notes) = report_of(&bytes);
    assert_eq!(report, typed_report(&form("120", "2026-01-10")));
    assert!(
        notes.iter().any(|n| n.contains("H60:I61 are merged")),
        "{notes:?}"
    );
}

#[test]
fn full_width_digits_typed_into_a_cell_mean_what_they_mean_in_the_form() {
    let doc = sheet_1_4(&form("120", "2026-01-10"));
    let bytes = edited(&doc, |sheet, c| {
        if is_amount_cell(c) {
            sheet.write_string(6, 3, "１２０").unwrap();
            return true;
        }
        false
    });
    let (report, _) = report_of(&bytes);
    assert_eq!(report, typed_report(&form("１２０", "2026-01-10")));
}

#[test]
fn a_date_stored_as_an_excel_serial_is_read_as_that_day_and_noted() {
    let doc = sheet_1_4(&form("120", "2026-01-10"));
    let bytes = edited(&doc, |sheet, c| {
        if c.role == CellRole::Answer && c.at.row == 7 && c.at.column == 5 {
            let d = ExcelDateTime::from_ymd(2026, 1, 10).unwrap();
            sheet
                .write_datetime_with_format(6, 4, &d, &Format::new().set_num_format("yyyy/mm/dd"))
                .unwrap();
            return true;
        }
        false
    });
    let (report, notes) = report_of(&bytes);
    assert_eq!(report, typed_report(&form("120", "2026-01-10")));
    assert!(
        notes
            .iter()
            .any(|n| n.contains("E7 is stored as an Excel date") && n.contains("2026-01-10")),
        "{notes:?}"
    );
}

#[test]
fn a_number_with_a_fraction_and_an_error_value_reach_the_rules_as_written() {
    let doc = sheet_1_4(&form("120", "2026-01-10"));
    let bytes = edited(&doc, |sheet, c| {
        if is_amount_cell(c) {
            sheet.write_number(6, 3, 120.5).unwrap();
            sheet
                .write_formula(7, 3, Formula::new("=1/0").set_result("#DIV/0!"))
                .unwrap();
            return true;
        }
        c.at.row == 8 && c.at.column == 4
    });
    let (report, _) = report_of(&bytes);
    let mut typed = form("120.5", "2026-01-10");
    typed["budget"]["lines"][1]["amount"] = json!("#DIV/0!");
    assert_eq!(report, typed_report(&typed));
}

#[test]
fn the_receipt_survives_the_file_and_another_version_is_said() {
    let f = form("120", "2026-01-10");
    let doc = sheet_1_4(&f);
    let catalog = Catalog::new();
    let report = catalog.validate(P, &f, today()).unwrap();
    let mut old = Receipt::of(&report);
    old.hash = "0000000000000000".to_owned();
    let bytes = write(&doc, &old, &[], today()).unwrap();
    let got = read(&doc.file, &bytes).unwrap().receipt.unwrap();
    assert_eq!(got, old);
    let note = got.differs_from(&doc.file, &Receipt::of(&report)).unwrap();
    assert!(note.en.contains("other rules"), "{}", note.en);
    assert!(Receipt::of(&report)
        .differs_from("x", &Receipt::of(&report))
        .is_none());
}

#[test]
fn findings_go_on_a_cover_sheet_that_reading_ignores() {
    let f = form("12000000", "2026-01-10");
    let doc = sheet_1_4(&f);
    let report = Catalog::new().validate(P, &f, today()).unwrap();
    let bytes = write(
        &doc,
        &Receipt::of(&report),
        &["[budget.over_cap] 上限を超えています".to_owned()],
        today(),
    )
    .unwrap();
    let file = read(&doc.file, &bytes).unwrap();
    assert_eq!(file.sheets[0].name, "確認結果");
    assert!(file.sheets[0]
        .cells
        .values()
        .any(|t| t.contains("上限を超えています")));
    let back = Catalog::new()
        .read_documents(P, &[(doc.file.clone(), file.sheets)])
        .unwrap();
    assert_eq!(back.form["budget"]["lines"][0]["amount"], json!("12000000"));
}

#[test]
fn more_rows_than_the_form_has_room_for_are_refused_never_cut() {
    let mut f = form("120", "2026-01-10");
    let line = f["budget"]["lines"][0].clone();
    f["budget"]["lines"] = Value::Array(vec![line; 51]);
    let catalog = Catalog::new();
    let report = catalog.validate(P, &f, today()).unwrap();
    let err = catalog.fill_documents(P, &f, &report).unwrap_err();
    assert_eq!(err.code().as_str(), "document.overflow");
    assert!(
        err.message().ja.contains("50行まで") && err.message().ja.contains("51行"),
        "{}",
        err.message().ja
    );
}
