//! Property tests of the budget arithmetic: totals exact to the yen for any rows up to 10^15 yen,
//! no cell text or number that makes the engine panic, and row order that never matters.

use proptest::prelude::*;
use serde_json::{json, Value};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

/// A 様式1 form for Programme B with the given rows.
fn shares_form(rows: &[Value]) -> Value {
    json!({
        "project": {"subprogramme": "trademark_registration", "already_underway": "no"},
        "document": {"kind": "plan"},
        "trademark": {"produced_in_japan": "yes", "strengthens_exports": "yes", "target_item": "yes", "important_for_exports": "yes"},
        "budget": {"rows": rows}
    })
}

/// Formats an integer with comma grouping, the way people type it.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const MAX: u64 = 999_999_999_999_999; // 15 digits, the most an amount may have

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn totals_are_exact_to_the_yen(rows in prop::collection::vec((0..=MAX, 0..=MAX, any::<bool>()), 1..40)) {
        let values: Vec<Value> = rows.iter().map(|(a, b, comma)| {
            let fmt = |n: u64| if *comma { grouped(n) } else { n.to_string() };
            json!({"category": "委託費", "total": fmt(a + b), "subsidy": fmt(*a), "own": fmt(*b)})
        }).collect();
        let report = yoken::validate("maff-hinshu-r7", &shares_form(&values), today()).unwrap();
        let table = &report.tables[0];
        let sum_a: u128 = rows.iter().map(|(a, _, _)| u128::from(*a)).sum();
        let sum_b: u128 = rows.iter().map(|(_, b, _)| u128::from(*b)).sum();
        let yen = |key: &str| table.sums[key].yen().unwrap().to_owned();
        // A + B may exceed 15 digits per row: then the 事業費 cell is refused, and only A and B count.
        let all_totals_readable = rows.iter().all(|(a, b, _)| a + b <= MAX);
        prop_assert_eq!(yen("subsidy"), sum_a.to_string());
        prop_assert_eq!(yen("own"), sum_b.to_string());
        let figure = |id: &str| report.figures.iter().find(|f| f.id == id).unwrap().value.clone();
        // The requested subsidy sums column A only: exact whatever the other columns hold.
        prop_assert_eq!(figure("requested").and_then(|f| f.yen().map(str::to_owned)), Some(sum_a.to_string()));
        if all_totals_readable {
            prop_assert_eq!(yen("total"), (sum_a + sum_b).to_string());
            prop_assert!(table.complete);
            prop_assert!(!report.diagnostics.iter().any(|d| d.code == "budget.row_sum"), "{:?}", report.diagnostics);
            prop_assert_eq!(figure("total").and_then(|f| f.yen().map(str::to_owned)), Some((sum_a + sum_b).to_string()));
        } else {
            // A row whose 事業費 cannot be read makes the total unknown, never a partial sum.
            prop_assert!(figure("total").is_none());
        }
    }

    #[test]
    fn half_rate_limit_is_the_floor_of_half(total in 0..=MAX, over in 0u64..3) {
        let max = total / 2;
        let a = (max + over).min(total);
        let form = json!({
            "project": {"subprogramme": "trademark_registration", "already_underway": "no"},
            "document": {"kind": "plan"},
            "trademark": {"produced_in_japan": "yes", "strengthens_exports": "yes", "target_item": "yes", "important_for_exports": "no"},
            "budget": {"rows": [{"category": "委託費", "total": total.to_string(), "subsidy": a.to_string(), "own": (total - a).to_string()}]}
        });
        let report = yoken::validate("maff-hinshu-r7", &form, today()).unwrap();
        let row = &report.tables[0].rows[0];
        prop_assert_eq!(row.figures["max_subsidy"].yen().map(str::to_owned), Some(max.to_string()));
        let flagged = report.diagnostics.iter().any(|d| d.code == "budget.over_rate");
        prop_assert_eq!(flagged, a > max);
    }

    #[test]
    fn no_cell_value_makes_the_engine_panic(
        cells in prop::collection::vec(prop_oneof![
            any::<String>().prop_map(Value::from),
            "[0-9０-９,，.．円千¥￥ e+-]{0,30}".prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            Just(json!([1, 2])), Just(json!({"x": "y"})), Just(Value::Bool(true)), Just(Value::Null),
        ], 12),
        layout in any::<bool>(),
    ) {
        let form = if layout {
            shares_form(&[json!({"category": cells[0], "group": cells[1], "total": cells[2], "subsidy": cells[3], "own": cells[4], "remark": cells[5]}), cells[6].clone()])
        } else {
            json!({"project": {"subprojects": ["guideline"]}, "dates": {"grant_decision": cells[7]},
                   "budget": {"requested_total": cells[8], "lines": [{"category": cells[9], "amount": cells[10], "date": cells[11], "description": cells[0], "source": cells[1]}]}})
        };
        let id = if layout { "maff-hinshu-r7" } else { "maff-mohouhin-r7" };
        let report = yoken::validate(id, &form, today()).unwrap();
        // Every finding names a field, and reading a cell never invents a number.
        for d in &report.diagnostics {
            prop_assert!(!d.message.ja.is_empty() && !d.message.en.is_empty());
        }
    }

    #[test]
    fn reordering_rows_never_changes_the_verdict_or_the_totals(
        amounts in prop::collection::vec((0u64..10_000_000, 0u64..10_000_000), 1..12),
        seed in any::<u64>(),
    ) {
        let rows: Vec<Value> = amounts.iter().enumerate().map(|(i, (a, b))| {
            let category = ["委託費", "人件費", "事務費", "タクシー代"][i % 4];
            json!({"category": category, "total": (a + b + u64::from(i % 3 == 0)).to_string(), "subsidy": a.to_string(), "own": b.to_string()})
        }).collect();
        let mut shuffled = rows.clone();
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            shuffled.swap(i, (state >> 33) as usize % (i + 1));
        }
        let a = yoken::validate("maff-hinshu-r7", &shares_form(&rows), today()).unwrap();
        let b = yoken::validate("maff-hinshu-r7", &shares_form(&shuffled), today()).unwrap();
        prop_assert_eq!(a.overall.clone(), b.overall.clone());
        prop_assert_eq!(a.tables[0].sums.clone(), b.tables[0].sums.clone());
        prop_assert_eq!(a.figures.clone(), b.figures.clone());
        let codes = |r: &yoken::Report| { let mut c: Vec<String> = r.diagnostics.iter().map(|d| d.code.to_string()).collect(); c.sort(); c };
        prop_assert_eq!(codes(&a), codes(&b));
    }
}

/// A record (a table without rows) whose every cell is blank is no record, as a blank row is no
/// row: the same Report as without it, which is also what its 様式 gives read back (Programme
/// B's 消費税相当額報告書; found by the 様式 round trip in crates/yoken-xlsx).
#[test]
fn a_record_of_blank_cells_is_no_record() {
    let catalog = yoken::Catalog::new();
    let report = |form: &Value| {
        yoken::report_json(&catalog.validate("maff-hinshu-r7", form, today()).unwrap())
    };
    let without = json!({
        "project": {"subprogramme": "variety_registration"},
        "document": {"kind": "tax_report"},
    });
    let mut blank = without.clone();
    blank["tax_report"] = json!({"reduced_deduction": "", "situation": "　 ", "refund": null});
    let mut empty = without.clone();
    empty["tax_report"] = json!({});
    let mut filled = without.clone();
    filled["tax_report"] = json!({"reduced_deduction": "1,000"});
    assert_eq!(report(&blank), report(&without));
    assert_eq!(report(&empty), report(&without));
    assert!(!report(&without).contains("\"id\":\"tax_report\",\"path\""));
    assert!(report(&filled).contains("\"id\":\"tax_report\",\"path\""));
}

/// A loose choice column (Programme B's 概算払請求書 区分) reads an option written with other
/// widths, spaces or 「」 as that option, with the same Report as the option written exactly; text
/// that folds to no option is the column's own finding.
#[test]
fn a_loose_choice_reads_a_folded_option_as_written_exactly() {
    let path =
        crate::util::root().join("tests/cases/maff-hinshu-r7/b28-advance-payment-form-5.form.json");
    let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let with = |category: &str| {
        let mut form = case["form"].clone();
        form["advance"]["rows"][0]["category"] = json!(category);
        let today = yoken::date("today", case["today"].as_str().unwrap()).unwrap();
        yoken::validate("maff-hinshu-r7", &form, today).unwrap()
    };
    let exact = with("海外侵害対策");
    assert!(exact
        .diagnostics
        .iter()
        .all(|d| &*d.code != "budget.advance_category"));
    for written in [
        "「海外侵害対策」",
        "海外 侵害対策",
        "『海外\u{3000}侵害対策』",
        "海外侵害対策 ",
    ] {
        assert_eq!(
            yoken::report_json(&with(written)),
            yoken::report_json(&exact),
            "{written}"
        );
    }
    for other in ["侵害対策", "海外侵害対策費", "「海外侵害」対策費"] {
        let report = with(other);
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| &*d.code == "budget.advance_category"
                    && &*d.path == "advance.rows[0].category"),
            "{other}"
        );
    }
}

/// A words rule (Programme A, 第7 1: 建物・用地 …) reads the description folded: spaces and 「」
/// inside a word do not hide it, and a text typed already folded is read as it is.
#[test]
fn a_words_rule_reads_the_description_folded() {
    let found = |description: &str| -> Vec<String> {
        let form = json!({
            "project": {"subprojects": ["patrol"]},
            "budget": {"lines": [
                {"subprogramme": "patrol", "category": "事務費", "description": description, "amount": "100"}
            ]}
        });
        let report = yoken::validate("maff-mohouhin-r7", &form, today()).unwrap();
        report
            .diagnostics
            .iter()
            .filter(|d| d.code == "budget.excluded_cost" && d.path == "budget.lines[0].description")
            .map(|d| d.message.en.to_string())
            .collect()
    };
    for text in [
        "用地の賃借",
        "用 地の賃借",
        "「用地」の賃借",
        "用\u{3000}地の賃借",
    ] {
        let messages = found(text);
        assert_eq!(messages.len(), 1, "{text}: {messages:?}");
        assert!(messages[0].contains("\"用地\""), "{text}: {}", messages[0]);
    }
    assert!(found("事務用品の購入").is_empty());
}
