//! Hostile input (issue 9): any value at any question of either built-in programme gives a Report
//! whose every finding names its code, path and bilingual message — never a panic, never a 5xx-like
//! internal error; and the order of a form's keys never changes the Report.

use proptest::prelude::*;
use serde_json::{Map, Value};
use yoken::{Catalog, Options};

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
        let p = &yoken::programmes()[programme];
        let mut form = Value::Object(Map::new());
        for (index, value) in answers {
            let id = &p.questions[index.index(p.questions.len())].id;
            set_path(&mut form, id, value);
        }
        let text = serde_json::to_string(&form).unwrap();
        let catalog = Catalog::new();
        let report = catalog
            .validate_json_with(&p.id, &text, "2025-12-01", Options::traced(true))
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
            .validate_json_with(&p.id, &reversed_json(&form), "2025-12-01", Options::traced(true))
            .unwrap();
        prop_assert_eq!(serde_json::from_str::<Value>(&reversed).unwrap(), report);
    }

    #[test]
    fn any_json_document_gives_a_report_or_a_clear_input_error(value in hostile_value()) {
        let text = serde_json::to_string(&value).unwrap();
        for p in yoken::programmes() {
            match Catalog::new().validate_json(&p.id, &text, "2025-12-01") {
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

/// The spec cases' forms (`programme`, `today`, form): realistic forms typed as people type them
/// (和暦, full-width digits, units, はい/いいえ).
fn case_forms() -> &'static [(String, String, Value)] {
    static FORMS: std::sync::OnceLock<Vec<(String, String, Value)>> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        crate::util::spec_cases()
            .into_iter()
            .map(|(id, path)| {
                let case = crate::util::read_case(&path);
                (id, case.today, case.form)
            })
            .collect()
    })
}

/// A Report with the parts that may differ between a form and its normalised form taken out:
/// the info notes about how a value was read (`amount.converted`), the counts that include them,
/// and the normalised form itself.
fn verdict_and_findings(report: &str) -> Value {
    let mut report: Value = serde_json::from_str(report).unwrap();
    let object = report.as_object_mut().unwrap();
    object.remove("normalised_form");
    object.remove("summary");
    if let Some(Value::Array(diags)) = object.get_mut("diagnostics") {
        diags.retain(|d| d["severity"] != "info");
    }
    report
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Issue 9: re-validating a Report's own normalised form gives the same verdicts, figures,
    /// dates and errors, and normalising it again changes nothing.
    #[test]
    fn revalidating_the_normalised_form_gives_the_same_verdict(
        case in any::<prop::sample::Index>(),
        answers in prop::collection::vec((any::<prop::sample::Index>(), hostile_value()), 0..4),
    ) {
        let (id, today, form) = &case_forms()[case.index(case_forms().len())];
        let p = Catalog::new();
        let questions = p.get(id).unwrap().info().questions;
        let mut form = form.clone();
        for (index, value) in answers {
            let question = &questions[index.index(questions.len())].id;
            set_path(&mut form, question, value);
        }
        let options = Options { normalise: true, ..Options::default() };
        let first = p.validate_json_with(id, &form.to_string(), today, options).unwrap();
        let normalised = serde_json::from_str::<Value>(&first).unwrap()["normalised_form"].clone();
        prop_assert!(normalised.is_object(), "{}", first);
        let second = p.validate_json_with(id, &normalised.to_string(), today, options).unwrap();
        prop_assert_eq!(verdict_and_findings(&first), verdict_and_findings(&second));
        let again = serde_json::from_str::<Value>(&second).unwrap()["normalised_form"].clone();
        prop_assert_eq!(again, normalised);
        // Without `normalise` the Report is the same minus the normalised form.
        let plain = p.validate_json_with(id, &form.to_string(), today, Options::traced(true)).unwrap();
        let mut with: Value = serde_json::from_str(&first).unwrap();
        with.as_object_mut().unwrap().remove("normalised_form");
        prop_assert_eq!(serde_json::from_str::<Value>(&plain).unwrap(), with);
    }
}

/// What normalising does to the values people type, on one spec case.
#[test]
fn the_normalised_form_spells_each_readable_value_one_way() {
    let (id, today, form) = case_forms()
        .iter()
        .find(|(id, _, f)| {
            id == "maff-mohouhin-r7" && f["budget"]["requested_total"] == "２１，９４５千円"
        })
        .expect("the case typed as people type");
    let options = Options {
        trace: false,
        normalise: true,
        lang: None,
    };
    let report: Value = serde_json::from_str(
        &Catalog::new()
            .validate_json_with(id, &form.to_string(), today, options)
            .unwrap(),
    )
    .unwrap();
    let n = &report["normalised_form"];
    assert_eq!(n["budget"]["requested_total"], "21945");
    assert_eq!(n["budget"]["lines"][0]["amount"], "12345");
    assert_eq!(n["budget"]["lines"][0]["date"], "2025-07-01");
    assert_eq!(n["dates"]["grant_decision"], "2025-06-02");
    assert_eq!(n["applicant"]["legal_personality"], true);
    // Free text stays exactly as typed.
    assert_eq!(n["applicant"]["name"], form["applicant"]["name"]);
    assert_eq!(
        n["budget"]["lines"][0]["description"],
        form["budget"]["lines"][0]["description"]
    );
}

/// Found by the normalisation property: without exact float parsing, serde_json read
/// `2.073640210201863e228` as a neighbouring double, so a number kept "as given" came back
/// changed. Numbers now survive a round trip through the Report unchanged.
#[test]
fn numbers_kept_as_given_survive_the_round_trip() {
    let text = r#"{"project": {"subprogramme": {"_": {"_": 2.073640210201863e228}}}, "note": 0.30000000000000004}"#;
    let options = Options {
        trace: false,
        normalise: true,
        lang: None,
    };
    let report: Value = serde_json::from_str(
        &Catalog::new()
            .validate_json_with("maff-hinshu-r7", text, "2025-12-01", options)
            .unwrap(),
    )
    .unwrap();
    let given: Value = serde_json::from_str(text).unwrap();
    assert_eq!(report["normalised_form"], given);
    assert_eq!(
        report["normalised_form"]["project"]["subprogramme"]["_"]["_"].to_string(),
        "2.073640210201863e+228"
    );
    assert_eq!(
        report["normalised_form"]["note"].to_string(),
        "0.30000000000000004"
    );
}

#[test]
fn a_form_read_from_text_keeps_its_digits_and_refuses_a_repeated_key_or_broken_json() {
    let form = yoken::read_form(r#"{"amount": 1e-400, "rows": [{"x": 12345678901234567890123}]}"#)
        .unwrap();
    assert_eq!(form["amount"].to_string(), "1e-400");
    assert_eq!(form["rows"][0]["x"].to_string(), "12345678901234567890123");
    let twice = yoken::read_form(r#"{"a": {"b": 1, "b": 2}}"#).unwrap_err();
    assert_eq!(twice.code(), yoken::Code::FormDuplicateKey);
    assert!(twice.message().en.contains("a.b"), "{}", twice.message().en);
    let broken = yoken::read_form("{\"a\": ").unwrap_err();
    assert_eq!(broken.code(), yoken::Code::FormNotJson);
    assert!(
        broken.message().ja.contains("JSON"),
        "{}",
        broken.message().ja
    );
}

#[test]
fn form_bytes_that_are_not_utf8_are_refused_at_the_first_such_byte() {
    let catalog = yoken::Catalog::new();
    let today = yoken::date("today", "2025-12-01").unwrap();
    let bytes = b"{\"applicant\":\n {\"name\": \"\xe6\x97\xa5\xff\"}}";
    let e = catalog
        .validate_bytes("maff-mohouhin-r7", bytes, today, yoken::Options::default())
        .unwrap_err();
    assert_eq!(e.code(), yoken::Code::FormNotJson);
    assert_eq!(e.position(), Some((2, 15)));
    assert!(
        e.message().en.contains("line 2 column 15"),
        "{}",
        e.message().en
    );
    assert!(e.message().ja.contains("2行15列"), "{}", e.message().ja);
}

/// Text already known to be UTF-8 (`validate_text`, as the server checks its bodies) gives the
/// Report that its bytes give, and the same refusal of a repeated key, with its line and column.
#[test]
fn form_text_and_its_bytes_give_the_same_report_and_the_same_refusals() {
    let catalog = yoken::Catalog::new();
    let today = yoken::date("today", "2025-12-01").unwrap();
    let options = yoken::Options::default();
    let form = std::fs::read_to_string("bench/forms/half.json").unwrap();
    let from_text = catalog
        .validate_text("maff-mohouhin-r7", &form, today, options)
        .unwrap();
    let from_bytes = catalog
        .validate_bytes("maff-mohouhin-r7", form.as_bytes(), today, options)
        .unwrap();
    assert_eq!(from_text, from_bytes);
    assert!(!from_text.diagnostics.is_empty());
    let twice = "{\"applicant\": {\"name\": \"a\",\n \"name\": \"b\"}}";
    let text = catalog
        .validate_text("maff-mohouhin-r7", twice, today, options)
        .unwrap_err();
    let bytes = catalog
        .validate_bytes("maff-mohouhin-r7", twice.as_bytes(), today, options)
        .unwrap_err();
    assert_eq!(text.code(), yoken::Code::FormDuplicateKey);
    assert_eq!(text.position(), Some((2, 2)));
    assert_eq!(text.to_string(), bytes.to_string());
    assert_eq!(text.position(), bytes.position());
}

/// A table cell holds at most 2,000 characters, counted as characters whatever their bytes: 2,000
/// kana (6,000 bytes) are read, 2,001 are refused with the count, and so are 2,001 ASCII letters.
#[test]
fn a_table_cell_is_limited_in_characters_not_bytes() {
    let catalog = Catalog::new();
    let path = "budget.lines[0].description";
    let check = |description: String| -> Vec<Value> {
        let form = serde_json::json!({"budget": {"lines": [{
            "subprogramme": "patrol", "category": "翻訳費", "description": description,
            "amount": "12,345", "source": "external"
        }]}});
        let report: Value = serde_json::from_str(
            &catalog
                .validate_json_with(
                    "maff-mohouhin-r7",
                    &form.to_string(),
                    "2025-12-01",
                    Options::traced(false),
                )
                .unwrap(),
        )
        .unwrap();
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == path && d["code"] == "answer.too_long")
            .cloned()
            .collect()
    };
    assert_eq!(check("あ".repeat(2000)), Vec::<Value>::new());
    assert_eq!(check("a".repeat(2000)), Vec::<Value>::new());
    for long in ["あ".repeat(2001), "a".repeat(2001)] {
        let found = check(long);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]["message"]["en"]
                .as_str()
                .unwrap()
                .contains("(2001 now)"),
            "{found:?}"
        );
    }
}
