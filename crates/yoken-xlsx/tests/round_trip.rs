//! Form → 様式 files → read back → the same Report, for every spec case of the programmes that
//! declare 様式 (through real .xlsx bytes, written and read by this crate).

// Reading is native only (calamine); these run natively.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use serde_json::Value;
use std::path::Path;
use yoken::documents::ReadSheet;
use yoken::{report_json, Catalog};
use yoken_xlsx::{read, write, Receipt};

fn cases(programme: &str) -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/cases")
        .join(programme);
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".form.json"))
        .map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The form with the paths no 様式 carries removed: fields the pack does not know (the Report
/// warns of them; a 様式 has no cell for them).
fn known_only(catalog: &Catalog, programme: &str, form: &Value, today: chrono::NaiveDate) -> Value {
    let report = catalog.validate(programme, form, today).unwrap();
    let mut form = form.clone();
    for d in &report.diagnostics {
        if d.code.as_str() == "form.unknown_field" {
            let path = d.path.as_str();
            let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
            let parent = if parent.is_empty() {
                Some(&mut form)
            } else {
                yoken::FormPath::parse(parent).and_then(|p| p.lookup_mut(&mut form))
            };
            if let Some(Value::Object(map)) = parent {
                map.remove(key);
            }
        }
    }
    form
}

/// Whether a form is one a 様式 can carry: every answer text (a cell holds text), and no
/// section given as a single value. A form typed as JSON with a number for a yes/no answer or
/// a string for a list has no 様式 counterpart (its findings are about the JSON).
fn carried_by_cells(form: &Value, report: &yoken::Report) -> bool {
    fn text_only(v: &Value) -> bool {
        match v {
            Value::String(_) | Value::Null | Value::Bool(_) => true,
            Value::Array(items) => items.iter().all(text_only),
            Value::Object(map) => map.values().all(text_only),
            Value::Number(_) => false,
        }
    }
    text_only(form)
        && !report.diagnostics.iter().any(|d| {
            matches!(
                d.code.as_str(),
                "answer.not_a_list" | "form.unexpected_value"
            )
        })
}

#[test]
fn every_spec_case_round_trips_through_its_xlsx_files() {
    let catalog = Catalog::new();
    let mut checked = 0;
    let mut skipped = Vec::new();
    let mut unmade = 0;
    for programme in ["maff-mohouhin-r7", "maff-hinshu-r7"] {
        for (name, case) in cases(programme) {
            let today = yoken::today(case["today"].as_str().unwrap()).unwrap();
            let form = known_only(&catalog, programme, &case["form"], today);
            let report = catalog.validate(programme, &form, today).unwrap();
            if !carried_by_cells(&form, &report) {
                skipped.push(name);
                continue;
            }
            let docs = match catalog.fill_documents(programme, &form, &report) {
                Ok(d) => d,
                // Which 様式 a form makes can depend on an answer (hinshu: the document made);
                // unanswered, there is none yet.
                Err(e) if e.code().as_str() == "document.none" => {
                    assert!(
                        form.pointer("/document/kind").is_none(),
                        "{programme}/{name}: no 様式"
                    );
                    unmade += 1;
                    continue;
                }
                Err(e) => panic!("{programme}/{name}: {e}"),
            };
            let receipt = Receipt::of(&report);
            let mut files = Vec::new();
            for doc in &docs {
                let bytes = write(doc, &receipt, &[], today).unwrap();
                // The same form gives the same bytes.
                assert_eq!(bytes, write(doc, &receipt, &[], today).unwrap());
                let read = read(&doc.file, &bytes).unwrap();
                assert_eq!(read.receipt.as_ref(), Some(&receipt), "{name}");
                files.push((doc.file.clone(), read.sheets));
            }
            let back = catalog.read_documents(programme, &files).unwrap();
            let again = catalog.validate(programme, &back.form, today).unwrap();
            if report_json(&again) != report_json(&report) {
                let codes = |r: &yoken::Report| -> Vec<String> {
                    r.diagnostics
                        .iter()
                        .map(|d| format!("{} {}", d.code, d.path))
                        .collect()
                };
                panic!(
                    "{programme}/{name}: the files give another Report\nform: {form}\nread back: {}\nfindings then: {:?}\nfindings now: {:?}",
                    back.form,
                    codes(&report),
                    codes(&again)
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked} cases ({unmade} without a 様式)");
    // Only the cases about JSON shapes no cell can hold.
    assert_eq!(
        skipped,
        [
            "a09-unreadable-values-and-unknown-fields.form.json",
            "a25-budget-unreadable-cells-and-mismatches.form.json"
        ]
    );
}

#[test]
fn a_moved_cell_or_another_version_is_named() {
    let catalog = Catalog::new();
    let form = serde_json::json!({"applicant": {"name": "テスト協会"}, "project": {"subprojects": ["guideline"]},
        "budget": {"lines": [{"subprogramme": "guideline", "category": "謝金", "description": "委員謝金", "amount": "120", "date": "2026-01-10", "source": "domestic"}]}});
    let today = yoken::today("2025-12-01").unwrap();
    let report = catalog.validate("maff-mohouhin-r7", &form, today).unwrap();
    let docs = catalog
        .fill_documents("maff-mohouhin-r7", &form, &report)
        .unwrap();
    let doc = docs.iter().find(|d| d.id == "form_1_4").unwrap();
    let bytes = write(doc, &Receipt::of(&report), &[], today).unwrap();
    let mut sheets: Vec<ReadSheet> = read(&doc.file, &bytes).unwrap().sheets;
    // Another version of the 様式: a heading renamed and the table moved down a row.
    let cells = std::mem::take(&mut sheets[0].cells);
    sheets[0].cells = cells
        .into_iter()
        .map(|(mut a, t)| {
            if a.row >= 6 {
                a.row += 1;
            }
            (a, t)
        })
        .collect();
    let err = catalog
        .read_documents("maff-mohouhin-r7", &[(doc.file.clone(), sheets)])
        .unwrap_err();
    assert_eq!(err.code().as_str(), "document.mismatch");
    let text = err.message().ja.to_string();
    assert!(text.contains("別紙様式1-4!A6"), "{text}");
}
