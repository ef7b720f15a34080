//! Hostile input (issue 9): any value at any question of either built-in programme gives a Report
//! whose every finding names its code, path and bilingual message — never a panic, never a 5xx-like
//! internal error; and the order of a form's keys never changes the Report.

use proptest::prelude::*;
use serde_json::{Map, Value};
use yoken::engine::Options;
use yoken::pack::{builtin, Catalog};

/// Strings people (and attackers) type: markup, RTL and zero-width marks, huge numbers, NaN.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>alert(1)</script>".to_owned()),
        Just("\u{202E}円000,1\u{202C}".to_owned()),
        Just("1\u{200B}2\u{200D}3\u{FEFF}".to_owned()),
        Just("1000000000000000000000000000000".to_owned()),
        Just("NaN".to_owned()),
        Just("-Infinity".to_owned()),
        Just("令和99年13月32日".to_owned()),
        Just("１２，３４５千円".to_owned()),
        Just("\u{0}".to_owned()),
        "x{0,3}".prop_map(|s| s.repeat(20_000)),
        any::<String>(),
        "[0-9,．.千円%％▲-]{0,24}",
    ]
}

/// Any JSON value, a few levels deep, with hostile strings and extreme numbers.
fn hostile_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        Just(serde_json::from_str::<Value>("1e300").unwrap()),
        hostile_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Sets `value` at a dotted question id, making the groups on the way.
fn set_path(form: &mut Value, path: &str, value: Value) {
    let mut node = form;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let Value::Object(map) = node else { return };
        if i == parts.len() - 1 {
            map.insert((*part).to_owned(), value);
            return;
        }
        node = map
            .entry((*part).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// Writes JSON with every object's keys in reverse order (serde_json would sort them back).
fn reversed_json(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("{}:{}", Value::String(k.clone()), reversed_json(v)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(items) => {
            format!(
                "[{}]",
                items
                    .iter()
                    .map(reversed_json)
                    .collect::<Vec<_>>()
                    .join(",")
            )
        }
        other => other.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_value_at_any_question_gives_a_report_that_explains_itself(
        programme in 0usize..2,
        answers in prop::collection::vec((any::<prop::sample::Index>(), hostile_value()), 0..12),
    ) {
        let p = &builtin::all()[programme];
        let mut form = Value::Object(Map::new());
        for (index, value) in answers {
            let id = &p.question_ids[index.index(p.question_ids.len())];
            set_path(&mut form, id, value);
        }
        let text = serde_json::to_string(&form).unwrap();
        let catalog = Catalog::new();
        let report = catalog
            .validate_json_with(p.id(), &text, "2025-12-01", Options { trace: true })
            .expect("an object form always gets a Report");
        let report: Value = serde_json::from_str(&report).unwrap();
        for d in report["diagnostics"].as_array().unwrap() {
            prop_assert!(!d["code"].as_str().unwrap().is_empty(), "{}", d);
            prop_assert!(d["path"].is_string(), "{}", d);
            prop_assert!(!d["message"]["ja"].as_str().unwrap().is_empty(), "{}", d);
            prop_assert!(!d["message"]["en"].as_str().unwrap().is_empty(), "{}", d);
            prop_assert!(!d["code"].as_str().unwrap().starts_with("internal."), "{}", d);
        }
        // Key order is not meaning: the same form with every object's keys reversed.
        let reversed = catalog
            .validate_json_with(p.id(), &reversed_json(&form), "2025-12-01", Options { trace: true })
            .unwrap();
        prop_assert_eq!(serde_json::from_str::<Value>(&reversed).unwrap(), report);
    }

    #[test]
    fn any_json_document_gives_a_report_or_a_clear_input_error(value in hostile_value()) {
        let text = serde_json::to_string(&value).unwrap();
        for p in builtin::all() {
            match Catalog::new().validate_json(p.id(), &text, "2025-12-01") {
                Ok(report) => prop_assert!(value.is_object(), "{report}"),
                Err(e) => {
                    prop_assert!(!value.is_object());
                    let m = e.message();
                    prop_assert!(!m.ja.is_empty() && !m.en.is_empty());
                }
            }
        }
    }
}
