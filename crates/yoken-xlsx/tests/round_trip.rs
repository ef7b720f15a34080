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

/// The filled documents written as .xlsx, read back, and checked again: what the files hold and
/// their Report. Each file gives the same bytes when written twice and carries its receipt.
fn through_files(
    catalog: &Catalog,
    programme: &str,
    docs: &[yoken::documents::FilledDocument],
    report: &yoken::Report,
    today: chrono::NaiveDate,
) -> (yoken::documents::ReadBack, yoken::Report) {
    let receipt = Receipt::of(report);
    let files: Vec<_> = docs
        .iter()
        .map(|doc| {
            let bytes = write(doc, &receipt, &[], today).unwrap();
            assert_eq!(
                bytes,
                write(doc, &receipt, &[], today).unwrap(),
                "the same bytes"
            );
            let read = read(&doc.file, &bytes).unwrap();
            assert_eq!(read.receipt.as_ref(), Some(&receipt));
            (doc.file.clone(), read.sheets)
        })
        .collect();
    let back = catalog.read_documents(programme, &files).unwrap();
    let again = catalog.validate(programme, &back.form, today).unwrap();
    (back, again)
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
            let (back, again) = through_files(&catalog, programme, &docs, &report, today);
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

/// A small deterministic generator (xorshift), so a failing seed can be replayed.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n as u64)).unwrap()
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TEXTS: &[&str] = &[
    "株式会社テスト",
    "委員謝金、会議費",
    "a, b",
    "１２３",
    " 前後に空白 ",
    "改行\nあり",
    "=SUM(A1)",
    "'引用",
    "0123",
    "12.50",
    "1e5",
    "TRUE",
    "なし",
    "<b>太字</b>",
    "🍓いちご",
];
const AMOUNTS: &[&str] = &[
    "100",
    "1,000",
    "１２０",
    "12万円",
    "-5",
    "0",
    "999999999999999",
    "1000000000000000000",
    "3.5",
    "30,000千円",
    "",
];
const DATES: &[&str] = &[
    "2025-06-01",
    "R7.6.1",
    "令和7年12月1日",
    "2026/1/10",
    "2026-03-31",
    "いつか",
];
const INTEGERS: &[&str] = &["5", "２１", "20人", "x", "0"];

/// A value for a choice: an option's value, or something that is no option. (Not an option's
/// label: in a form that is not the option — the widget and the API send values — while in a
/// 様式 cell the label is how the option is written, so it reads back as the option.)
fn choice(d: &mut Dice, options: &[(String, String)]) -> String {
    if options.is_empty() || d.chance(10) {
        return d.pick(TEXTS).to_owned();
    }
    options[d.below(options.len())].0.clone()
}

/// A form for any programme, from its description: each question answered or not (values of
/// every shape the form allows, well and badly typed), each table with rows of such cells.
fn generated_form(info: &yoken::pack::info::ProgrammeInfo, d: &mut Dice) -> Value {
    use yoken::pack::spec::{AnswerKind, ColumnKind};
    let mut form = Value::Object(serde_json::Map::new());
    let set = |form: &mut Value, path: &str, value: Value| {
        yoken::FormPath::parse(path)
            .unwrap()
            .set(form, value)
            .unwrap();
    };
    for q in &info.questions {
        if !d.chance(75) {
            continue;
        }
        let options: Vec<(String, String)> = q
            .options
            .iter()
            .map(|o| (o.value.clone(), o.label.ja.to_string()))
            .collect();
        let value = match q.kind {
            AnswerKind::YesNo => Value::from(d.pick(&["yes", "no", "はい", "いいえ", "たぶん"])),
            AnswerKind::Choice => Value::from(choice(d, &options)),
            AnswerKind::MultiChoice => Value::Array(
                options
                    .iter()
                    .filter(|_| d.chance(40))
                    .map(|(v, _)| Value::from(v.clone()))
                    .collect(),
            ),
            AnswerKind::Text => Value::from(d.pick(TEXTS)),
            AnswerKind::Date => Value::from(d.pick(DATES)),
            AnswerKind::Amount => Value::from(d.pick(AMOUNTS)),
            AnswerKind::Integer => Value::from(d.pick(INTEGERS)),
        };
        set(&mut form, &q.id, value);
    }
    let subprogrammes: Vec<(String, String)> = info
        .subprogrammes
        .iter()
        .map(|s| (s.id.clone(), s.title.ja.to_string()))
        .collect();
    for t in &info.tables {
        let cell = |d: &mut Dice, c: &yoken::pack::info::ColumnInfo| -> Value {
            let options: Vec<(String, String)> = c
                .options
                .iter()
                .map(|o| (o.value.clone(), o.label.ja.to_string()))
                .collect();
            Value::from(match c.kind {
                ColumnKind::Amount => d.pick(AMOUNTS).to_owned(),
                ColumnKind::Number => d.pick(&["50", "33.3", "100%", "x"]).to_owned(),
                ColumnKind::Date => d.pick(DATES).to_owned(),
                ColumnKind::Choice => choice(d, &options),
                ColumnKind::Subprogramme => choice(d, &subprogrammes),
                ColumnKind::Category => d
                    .pick(&[
                        "人件費",
                        "謝金",
                        "旅費",
                        "委託費",
                        "通関経費",
                        "翻訳費",
                        "機械装置費",
                        "その他",
                    ])
                    .to_owned(),
                ColumnKind::Group => d.pick(&["国内", "国外", "国内経費", "海外"]).to_owned(),
                ColumnKind::TaxRemark => d
                    .pick(&["該当なし", "含税額", "減額した金額1,000円", "不明"])
                    .to_owned(),
                ColumnKind::Text => d.pick(TEXTS).to_owned(),
            })
        };
        match &t.rows {
            Some(rows) => {
                if !d.chance(70) {
                    continue;
                }
                // At least one row: a table given as an empty list and no table look alike in a
                // 様式 (empty rows); read back it is no table, as the widget sends one untouched.
                let n = 1 + d.below(4);
                let list: Vec<Value> = (0..n)
                    .map(|_| {
                        let mut row = serde_json::Map::new();
                        for c in &t.columns {
                            if d.chance(80) {
                                row.insert(c.key.clone(), cell(d, c));
                            }
                        }
                        Value::Object(row)
                    })
                    .collect();
                set(&mut form, &format!("{}.{rows}", t.path), Value::Array(list));
                if let Some(totals) = &t.totals {
                    if d.chance(50) {
                        for k in &totals.columns {
                            set(
                                &mut form,
                                &format!("{}.{}.{k}", t.path, totals.key),
                                Value::from(d.pick(AMOUNTS)),
                            );
                        }
                    }
                }
                for s in &t.typed_sums {
                    if d.chance(50) {
                        set(
                            &mut form,
                            &format!("{}.{}", t.path, s.key),
                            Value::from(d.pick(AMOUNTS)),
                        );
                    }
                }
            }
            None => {
                for c in &t.columns {
                    if d.chance(60) {
                        let v = cell(d, c);
                        set(&mut form, &format!("{}.{}", t.path, c.key), v);
                    }
                }
            }
        }
    }
    form
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(120))]

    /// Generated forms, well and badly typed, give the same Report read back from their files.
    #[test]
    fn generated_forms_round_trip_through_their_files(seed in 1u64.., which in 0usize..2) {
        let programme = ["maff-mohouhin-r7", "maff-hinshu-r7"][which];
        let catalog = Catalog::new();
        let info = catalog.get(programme).unwrap().info();
        let form = generated_form(&info, &mut Dice(seed));
        let today = yoken::today("2025-12-01").unwrap();
        let report = catalog.validate(programme, &form, today).unwrap();
        let docs = match catalog.fill_documents(programme, &form, &report) {
            Ok(d) => d,
            // No 様式 chosen yet, or more rows than the 様式 holds: said, and nothing to read.
            Err(e) => {
                proptest::prop_assert!(matches!(e.code().as_str(), "document.none" | "document.overflow"), "{e}");
                return Ok(());
            }
        };
        let (back, again) = through_files(&catalog, programme, &docs, &report, today);
        proptest::prop_assert_eq!(
            report_json(&again),
            report_json(&report),
            "seed {}: form {} read back as {}",
            seed,
            form,
            back.form
        );
    }
}
