//! Properties of a pack's arithmetic: figures are exact to the yen for amounts up to 10^15 円
//! (sums, products with fractions, quotients, min/max, rounding), an unanswered input makes a
//! figure unknown rather than 0, and a comparison never unsettles once settled.

use crate::util::test_pack;
use proptest::prelude::*;
use serde_json::{json, Value};

const MAX: u64 = 999_999_999_999_999; // the most an amount may have: 15 digits

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

/// A small pack with four amount questions and the figures under test.
fn pack(p: u32, q: u32, step: &str) -> Value {
    let amount = |id: &str| {
        json!({"id": id, "clause": "第1", "type": "amount", "unit": "yen",
               "label": {"ja": id, "en": id}})
    };
    let a = |id: &str| json!({"answer": id});
    let sum = json!({"sum": [a("x.a"), a("x.b"), a("x.c"), a("x.d")]});
    test_pack(
        "arith-test",
        ("計算の試験", "arithmetic test"),
        "tests/expressions.rs",
        json!({
            "subprogrammes": [{"id": "one", "clause": "第1", "title": {"ja": "一", "en": "one"},
                               "requirement": {"value": sum.clone(), "at_most": {"yen": MAX.to_string()}},
                               "rate": {"clause": "第1", "rate": format!("{p}/{q}")}}],
            "questions": [amount("x.a"), amount("x.b"), amount("x.c"), amount("x.d")],
            "figures": [
                {"id": "total", "clause": "第1", "label": {"ja": "計", "en": "total"}, "value": sum},
                {"id": "share", "clause": "第1", "label": {"ja": "割合分", "en": "share"},
                 "value": {"floor": {"of": {"times": [{"figure": "total"}, {"rate": {}}]}, "to": step}}},
                {"id": "third", "clause": "第1", "label": {"ja": "三分の一", "en": "a third"},
                 "value": {"floor": {"of": {"divide": [{"figure": "total"}, {"number": "3"}]}, "to": "1"}}},
                {"id": "low", "clause": "第1", "label": {"ja": "最小", "en": "least"},
                 "value": {"min": [a("x.a"), a("x.b"), a("x.c"), a("x.d")]}},
                {"id": "spread", "clause": "第1", "label": {"ja": "差", "en": "spread"},
                 "value": {"minus": [{"max": [a("x.a"), a("x.b"), a("x.c"), a("x.d")]}, {"figure": "low"}]}}
            ]
        }),
    )
}

fn figure(report: &yoken::Report, id: &str) -> Option<String> {
    let f = report.figures.iter().find(|f| f.id == id).unwrap();
    f.value.as_ref().map(|v| v.yen().unwrap().to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn figures_are_exact_to_the_yen_up_to_10_15_yen(
        amounts in prop::array::uniform4(0..=MAX),
        p in 1u32..=10, q in 1u32..=10, thousands in any::<bool>(), blank in prop::option::of(0usize..4),
    ) {
        prop_assume!(p <= q);
        let step = if thousands { "1000" } else { "1" };
        let mut catalog = yoken::Catalog::new();
        catalog.load(&pack(p, q, step).to_string()).unwrap();
        let keys = ["a", "b", "c", "d"];
        let mut x = serde_json::Map::new();
        x.insert("kind".into(), json!("one"));
        for (i, (k, n)) in keys.iter().zip(amounts).enumerate() {
            if blank != Some(i) {
                x.insert((*k).into(), json!(n.to_string()));
            }
        }
        let report = catalog.validate("arith-test", &json!({"x": x}), today()).unwrap();
        if blank.is_some() {
            // An unanswered input: every figure that reads it is unknown, never 0.
            for id in ["total", "share", "third", "low", "spread"] {
                prop_assert_eq!(figure(&report, id), None, "{}", id);
            }
            let missing = &report.figures.iter().find(|f| f.id == "share").unwrap().missing;
            prop_assert_eq!(missing.len(), 1);
            return Ok(());
        }
        let total: i128 = amounts.iter().map(|&n| i128::from(n)).sum();
        let unit: i128 = if thousands { 1000 } else { 1 };
        let share = (total * i128::from(p) / i128::from(q)).div_euclid(unit) * unit;
        prop_assert_eq!(figure(&report, "total"), Some(total.to_string()));
        prop_assert_eq!(figure(&report, "share"), Some(share.to_string()));
        prop_assert_eq!(figure(&report, "third"), Some((total / 3).to_string()));
        let low = amounts.iter().min().unwrap();
        let high = amounts.iter().max().unwrap();
        prop_assert_eq!(figure(&report, "low"), Some(low.to_string()));
        prop_assert_eq!(figure(&report, "spread"), Some((high - low).to_string()));
        // The worked formula shows the numbers that made the figure.
        let worked = &report.figures.iter().find(|f| f.id == "share").unwrap().worked.ja;
        prop_assert!(worked.ends_with(report.figures[1].value.as_ref().unwrap().display()), "{}", worked);
        // The requirement compares the exact sum with 10^15 − 1.
        let eligible = total <= i128::from(MAX);
        prop_assert_eq!(report.overall.verdict == yoken::Verdict::Eligible, eligible);
    }
}
