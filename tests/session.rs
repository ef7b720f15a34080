//! A session (the form held beside the widget, edited field by field, evaluated with caches)
//! always gives exactly the stateless Report, and its deltas rebuild that Report's findings.

use crate::util::test_pack;
use proptest::prelude::*;
use serde_json::{json, Value};
use yoken::{Catalog, Lang, Options, Session};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
}

/// Edits a person might make to Programme A's form, one field at a time.
fn edit() -> impl Strategy<Value = (String, Value)> {
    let answer = prop_oneof![
        Just(json!("yes")),
        Just(json!("no")),
        Just(json!("")),
        Just(json!("maybe")),
        Just(json!(true))
    ];
    let question = prop::sample::select(vec![
        "applicant.legal_personality",
        "eligibility.plan_and_ability",
        "eligibility.no_gang_members",
        "eligibility.trusted_notifier",
        "eligibility.criteria_a",
        "finance.borrowing",
        "history.revoked_within_3_years",
    ]);
    let cell = prop::sample::select(vec![
        "amount",
        "category",
        "description",
        "source",
        "subprogramme",
    ]);
    let cell_value = prop::sample::select(vec![
        json!("1,234"),
        json!("１２，３４５"),
        json!("▲5"),
        json!("1,234,500円"),
        json!("人件費"),
        json!("備品費"),
        json!("土地購入費"),
        json!("倉庫の建物改修"),
        json!("self"),
        json!("patrol"),
        json!(""),
        json!("600"),
    ]);
    prop_oneof![
        (question, answer).prop_map(|(q, a)| (q.to_owned(), a)),
        (0..6usize, cell, cell_value).prop_map(|(i, c, v)| (format!("budget.lines[{i}].{c}"), v)),
        prop::sample::select(vec![
            json!(["guideline"]),
            json!(["patrol", "guideline"]),
            json!([])
        ])
        .prop_map(|v| ("project.subprojects".to_owned(), v)),
        prop::sample::select(vec!["一般社団法人", "個人事業主", "その他", ""])
            .prop_map(|v| ("applicant.org_type".to_owned(), json!(v))),
        prop::sample::select(vec!["R7.6.2", "2025-08-01", "平成31年5月1日"])
            .prop_map(|v| ("dates.grant_decision".to_owned(), json!(v))),
        // With findings of its own (a bad grouping, full-width digits, a blank), which must
        // stay while the rows are edited.
        prop::sample::select(vec!["31,270", "999", "12,34", "３１，２７０", ""])
            .prop_map(|v| ("budget.requested_total".to_owned(), json!(v))),
    ]
}

/// One step of filling in the form: a field set, or the last budget row removed (a replace).
#[derive(Debug, Clone)]
enum Step {
    Set(String, Value),
    DropLastRow,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        9 => edit().prop_map(|(p, v)| Step::Set(p, v)),
        1 => Just(Step::DropLastRow),
    ]
}

/// The page's copy of the Report, kept up to date from deltas alone (as the widget does).
#[derive(Debug, Default)]
struct View {
    parts: serde_json::Map<String, Value>,
    by_path: std::collections::BTreeMap<String, Value>,
    /// Rows by (table id, index).
    rows: std::collections::BTreeMap<(String, u64), Value>,
}

const PARTS: [&str; 10] = [
    "overall",
    "summary",
    "verdicts",
    "dates",
    "not_asked",
    "figures",
    "tables",
    "row_indices",
    "paths",
    "normalised_form",
];

impl View {
    fn from_report(report: &Value) -> Self {
        let mut view = View::default();
        for d in report["diagnostics"].as_array().unwrap() {
            let path = d["path"].as_str().unwrap().to_owned();
            view.by_path
                .entry(path)
                .or_insert_with(|| json!([]))
                .as_array_mut()
                .unwrap()
                .push(d.clone());
        }
        for key in PARTS {
            if let Some(v) = report.get(key) {
                view.parts.insert(key.to_owned(), v.clone());
            }
        }
        let mut totals = Vec::new();
        let mut indices = serde_json::Map::new();
        for t in report
            .get("tables")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let mut t = t.clone();
            let id = t["id"].as_str().unwrap().to_owned();
            let rows = t.as_object_mut().unwrap().remove("rows").unwrap();
            let mut list = Vec::new();
            for r in rows.as_array().unwrap() {
                view.rows
                    .insert((id.clone(), r["index"].as_u64().unwrap()), r.clone());
                list.push(r["index"].clone());
            }
            indices.insert(id, Value::Array(list));
            totals.push(t);
        }
        view.parts.insert("tables".into(), Value::Array(totals));
        view.parts
            .insert("row_indices".into(), Value::Object(indices));
        let mut paths: Vec<Value> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["path"].clone())
            .collect();
        paths.dedup();
        view.parts.insert("paths".into(), Value::Array(paths));
        view
    }

    fn apply(&mut self, delta: &Value) {
        for key in PARTS {
            match delta.get(key) {
                None => {}
                Some(Value::Null) => {
                    self.parts.remove(key);
                }
                Some(v) => {
                    self.parts.insert(key.to_owned(), v.clone());
                }
            }
        }
        // A figure's or a table's changes: the fields that changed, `null` for one now absent.
        for (key, changes) in [("figures", "figure_changes"), ("tables", "table_changes")] {
            for change in delta
                .get(changes)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let list = self.parts[key].as_array_mut().unwrap();
                let item = list
                    .iter_mut()
                    .find(|x| x["id"] == change["id"])
                    .unwrap()
                    .as_object_mut()
                    .unwrap();
                for (field, v) in change.as_object().unwrap() {
                    if field == "subtotal_changes" {
                        // The subtotals that changed, each whole, by sub-programme.
                        for s in item["subtotals"].as_array_mut().unwrap() {
                            if let Some(c) = v
                                .as_array()
                                .unwrap()
                                .iter()
                                .find(|c| c["subprogramme"] == s["subprogramme"])
                            {
                                *s = c.clone();
                            }
                        }
                    } else if v.is_null() {
                        item.remove(field);
                    } else {
                        item.insert(field.clone(), v.clone());
                    }
                }
            }
        }
        for (id, rows) in delta
            .get("rows")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            for r in rows.as_array().unwrap() {
                self.rows
                    .insert((id.clone(), r["index"].as_u64().unwrap()), r.clone());
            }
        }
        // The list of paths with findings, changed as `Array.prototype.splice` would.
        if let Some(splice) = delta.get("paths_splice") {
            let paths = self.parts["paths"].as_array_mut().unwrap();
            let at = usize::try_from(splice["at"].as_u64().unwrap()).unwrap();
            let remove = usize::try_from(splice["remove"].as_u64().unwrap()).unwrap();
            paths.splice(
                at..at + remove,
                splice["insert"].as_array().unwrap().iter().cloned(),
            );
        }
        for c in delta["changed"].as_array().unwrap() {
            self.by_path.insert(
                c["path"].as_str().unwrap().to_owned(),
                c["diagnostics"].clone(),
            );
        }
    }

    /// The Report as the page would show it.
    fn report_parts(&self) -> Value {
        let mut out = self.parts.clone();
        let indices = out.remove("row_indices").unwrap_or(json!({}));
        let paths = out.remove("paths").unwrap_or(json!([]));
        if let Some(tables) = out.get_mut("tables").and_then(Value::as_array_mut) {
            for t in tables {
                let id = t["id"].as_str().unwrap().to_owned();
                let rows: Vec<Value> = indices[&id]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| self.rows[&(id.clone(), i.as_u64().unwrap())].clone())
                    .collect();
                t.as_object_mut()
                    .unwrap()
                    .insert("rows".into(), Value::Array(rows));
            }
        }
        // A Report leaves out empty lists; a delta says "now empty" with one.
        for key in ["tables", "figures", "not_asked", "dates"] {
            if out
                .get(key)
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
            {
                out.remove(key);
            }
        }
        let diagnostics: Vec<Value> = paths
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| {
                self.by_path[p.as_str().unwrap()]
                    .as_array()
                    .unwrap()
                    .clone()
            })
            .collect();
        out.insert("diagnostics".into(), Value::Array(diagnostics));
        Value::Object(out)
    }
}

/// The parts of a Report the page keeps (all but its header), its messages in `lang` when given.
fn shown(report: &yoken::report::Report, lang: Option<Lang>) -> Value {
    let mut v: Value = serde_json::from_str(&yoken::report_json_in(report, lang)).unwrap();
    let o = v.as_object_mut().unwrap();
    for key in ["format", "programme", "today"] {
        o.remove(key);
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn a_session_gives_the_stateless_report_after_every_edit(
        steps in prop::collection::vec(step(), 1..25),
        trace in any::<bool>(),
        normalise in any::<bool>(),
        lang in prop::option::of(prop_oneof![Just(Lang::Ja), Just(Lang::En)]),
    ) {
        let programme = Catalog::new().get("maff-mohouhin-r7").unwrap().clone();
        let options = Options { trace, normalise, lang };
        let mut session = Session::new(programme.clone(), today(), options);
        let first: Value = serde_json::from_str(&session.report_json().unwrap()).unwrap();
        let mut view = View::from_report(&first);
        for step in &steps {
            match step {
                Step::Set(path, value) => session.set(path, value.clone()).unwrap(),
                Step::DropLastRow => {
                    let mut form = session.form().clone();
                    if let Some(rows) = form.pointer_mut("/budget/lines").and_then(Value::as_array_mut) {
                        rows.pop();
                    }
                    session.replace(form).unwrap();
                }
            }
            let delta: Value = serde_json::from_str(&session.delta_json().unwrap()).unwrap();
            view.apply(&delta);
            let fresh = Catalog::new().validate_with(programme.id(), session.form(), today(), options).unwrap();
            let cached = session.report().unwrap();
            prop_assert_eq!(yoken::report_json(&cached), yoken::report_json(&fresh), "after {:?}", step);
            // The Report rebuilt from the deltas alone is the stateless Report (in the session's
            // language, when it has one).
            prop_assert_eq!(view.report_parts(), shown(&fresh, lang), "after {:?}", step);
        }
    }
}

#[test]
fn the_first_delta_carries_everything() {
    let mut session = Session::new(
        Catalog::new().get("maff-hinshu-r7").unwrap().clone(),
        today(),
        Options::default(),
    );
    session
        .replace(json!({"project": {"subprogramme": "variety_registration"}}))
        .unwrap();
    let delta: Value = serde_json::from_str(&session.delta_json().unwrap()).unwrap();
    let report = session.report().unwrap();
    assert_eq!(delta["format"], "yoken-delta/4.1");
    assert!(delta["overall"].is_object() && delta["summary"].is_object());
    assert_eq!(
        delta["changed"].as_array().unwrap().len(),
        delta["paths"].as_array().unwrap().len()
    );
    assert_eq!(delta["paths"].as_array().unwrap().len(), {
        let mut paths: Vec<&str> = report.diagnostics.iter().map(|d| d.path.as_str()).collect();
        paths.dedup();
        paths.len()
    });
    assert!(session.replace(json!([1])).is_err());
}

/// One amount typed: the delta carries the row, the table's sums and the figures' values and
/// worked numbers — not the figures' labels, formulas or readings, nor a figure that did not
/// change (`yoken-delta/3`); a finding more is one path spliced in, not the list again
/// (`yoken-delta/4`).
#[test]
fn a_keystroke_sends_only_the_fields_that_changed() {
    let mut session = full_form_session();
    let first: Value = serde_json::from_str(&session.delta_json().unwrap()).unwrap();
    assert!(first["figures"].is_array() && first.get("figure_changes").is_none());
    let before = session.report().unwrap();
    let mut view = View::from_report(&serde_json::to_value(&before).unwrap());
    session.set("budget.lines[0].amount", json!("1")).unwrap();
    let delta: Value = serde_json::from_str(&session.delta_json().unwrap()).unwrap();
    assert!(delta.get("figures").is_none() && delta.get("tables").is_none());
    // The overall verdict and the counts go only when they changed.
    let after = session.report().unwrap();
    assert_eq!(after.overall, before.overall);
    assert!(delta.get("overall").is_none(), "{delta}");
    assert_eq!(
        delta.get("summary").is_some(),
        after.summary != before.summary
    );
    // The same rows as before: their indices are not sent again.
    assert!(delta.get("row_indices").is_none(), "{delta}");
    let changes = delta["figure_changes"].as_array().unwrap();
    let figures = session.report().unwrap().figures;
    assert!(!changes.is_empty() && changes.len() < figures.len());
    for c in changes {
        let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        assert!(keys.contains(&"value") && keys.contains(&"worked"), "{c}");
        for unchanged in ["label", "clause", "formula", "reading"] {
            assert!(!keys.contains(&unchanged), "{c}");
        }
    }
    let tables = delta["table_changes"].as_array().unwrap();
    assert_eq!(tables.len(), 1);
    assert!(tables[0].get("sums").is_some() && tables[0].get("label").is_none());
    // Row 0 counts under one sub-programme: its subtotal alone, the list not sent again.
    let subtotals = &after.tables[0].subtotals;
    assert!(
        subtotals.len() > 1 && tables[0].get("subtotals").is_none(),
        "{delta}"
    );
    let row0 = after.tables[0].rows[0].subprogramme.clone().unwrap();
    let row0_subtotal: Vec<Value> = subtotals
        .iter()
        .filter(|s| s.subprogramme == row0)
        .map(|s| serde_json::to_value(s).unwrap())
        .collect();
    assert_eq!(tables[0]["subtotal_changes"], Value::Array(row0_subtotal));
    view.apply(&delta);
    assert_eq!(view.report_parts(), shown(&session.report().unwrap(), None));
    // A description's finding (a remark on consumption tax) gone, then back: its path is spliced
    // out of the list and in again where it belongs, the list not sent again.
    let before = paths_with_findings(&session.report().unwrap());
    let path = "budget.lines[0].description";
    let at = before.iter().position(|p| p == path).unwrap();
    let text = session.form()["budget"]["lines"][0]["description"].clone();
    for (value, splice) in [
        (json!(""), json!({"at": at, "remove": 1, "insert": []})),
        (text, json!({"at": at, "remove": 0, "insert": [path]})),
    ] {
        session.set(path, value).unwrap();
        let delta: Value = serde_json::from_str(&session.delta_json().unwrap()).unwrap();
        assert!(delta.get("paths").is_none(), "{delta}");
        assert_eq!(delta["paths_splice"], splice);
        view.apply(&delta);
        assert_eq!(view.report_parts(), shown(&session.report().unwrap(), None));
    }
    assert_eq!(paths_with_findings(&session.report().unwrap()), before);
    // An edit that leaves the same paths with findings: no splice.
    session.set("budget.lines[0].amount", json!("１")).unwrap();
    let delta: Value = serde_json::from_str(&session.delta_json().unwrap()).unwrap();
    assert_eq!(paths_with_findings(&session.report().unwrap()), before);
    assert!(delta.get("paths_splice").is_none(), "{delta}");
    view.apply(&delta);
    assert_eq!(view.report_parts(), shown(&session.report().unwrap(), None));
    // A row more: the table's row indices are sent, with the new row's.
    session
        .set(
            "budget.lines[30]",
            json!({"category": "旅費", "amount": "5"}),
        )
        .unwrap();
    let delta: Value = serde_json::from_str(&session.delta_json().unwrap()).unwrap();
    let indices = delta["row_indices"]["budget"].as_array().unwrap();
    assert_eq!(indices.last(), Some(&json!(30)), "{delta}");
    view.apply(&delta);
    assert_eq!(view.report_parts(), shown(&session.report().unwrap(), None));
}

/// A typed sum (所要額) while only the rows are edited: the findings of reading it (here a bad
/// grouping) stay in the Report, and its comparison with the column's sum follows the rows.
#[test]
fn a_typed_sums_findings_stay_while_the_rows_are_edited() {
    let mut session = full_form_session();
    let on_total = |session: &mut Session| -> Vec<String> {
        let report = session.report().unwrap();
        report
            .diagnostics
            .iter()
            .filter(|d| d.path == "budget.requested_total")
            .map(|d| d.code.to_string())
            .collect()
    };
    session
        .set("budget.requested_total", json!("12,34"))
        .unwrap();
    let misread = on_total(&mut session);
    assert_eq!(misread, ["number.bad_grouping"]);
    for amount in ["", "1", "２", "3,000"] {
        session
            .set("budget.lines[0].amount", json!(amount))
            .unwrap();
        assert_eq!(on_total(&mut session), misread, "row 0 amount {amount:?}");
    }
    session.set("budget.requested_total", json!("1")).unwrap();
    let mismatch = on_total(&mut session);
    assert_eq!(mismatch, ["budget.total_mismatch"]);
    // The rows changed, the typed sum did not: the comparison is made against the new sum.
    let rows = session.form()["budget"]["lines"].as_array().unwrap().len();
    for i in 0..rows {
        let amount = if i == 0 { "1" } else { "0" };
        session
            .set(&format!("budget.lines[{i}].amount"), json!(amount))
            .unwrap();
    }
    assert!(
        on_total(&mut session).is_empty(),
        "{:?}",
        on_total(&mut session)
    );
}

/// A session on programme A's full form (30 cost lines), as the benchmarks type into it.
fn full_form_session() -> Session {
    let form: Value = serde_json::from_str(include_str!("../bench/forms/full.json")).unwrap();
    let mut session = Session::new(
        Catalog::new().get("maff-mohouhin-r7").unwrap().clone(),
        today(),
        Options::traced(false),
    );
    session.replace(form).unwrap();
    session
}

/// Every path with findings, in Report order.
fn paths_with_findings(report: &yoken::Report) -> Vec<String> {
    let mut paths: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| d.path.to_string())
        .collect();
    paths.dedup();
    paths
}

/// A figure whose formula in words names the case that holds (a `choose`): a session writes it
/// afresh when the answer changes (a formula without `choose` is written once per session).
#[test]
fn a_figures_words_follow_the_case_that_holds() {
    let option = |v: &str| json!({"value": v, "label": {"ja": v, "en": v}});
    let pack = test_pack(
        "choose-test",
        ("場合分けの試験", "choose test"),
        "tests/session.rs",
        json!({
            "subprogrammes": one_subprogramme(&json!({"answer": "x.size", "in": ["small", "large"]}), "2/3"),
            "questions": [
                {"id": "x.size", "clause": "第1", "type": "choice", "label": {"ja": "規模", "en": "size"},
                 "options": [option("small"), option("large")]},
                {"id": "x.cost", "clause": "第1", "type": "amount", "unit": "yen",
                 "label": {"ja": "経費", "en": "cost"}}
            ],
            "figures": [
                {"id": "grant", "clause": "第1", "label": {"ja": "補助金額", "en": "grant"},
                 "value": {"choose": {
                     "cases": [{"when": {"answer": "x.size", "in": ["small"]},
                                "then": {"floor": {"of": {"times": [{"answer": "x.cost"}, {"number": "2/3"}]}, "to": "1"}}}],
                     "otherwise": {"floor": {"of": {"divide": [{"answer": "x.cost"}, {"number": "2"}]}, "to": "1"}}}}},
                {"id": "total", "clause": "第1", "label": {"ja": "合計", "en": "total"},
                 "value": {"sum": [{"answer": "x.cost"}, {"figure": "grant"}]}}
            ]
        }),
    );
    let mut catalog = Catalog::new();
    let programme = catalog.load(&pack.to_string()).unwrap().clone();
    let mut session = Session::new(programme, today(), Options::default());
    session
        .replace(json!({"x": {"kind": "one", "cost": "900"}}))
        .unwrap();
    let mut formulas = Vec::new();
    for size in ["small", "large", "small", ""] {
        session.set("x.size", json!(size)).unwrap();
        session.delta_json().unwrap();
        let cached = session.report().unwrap();
        let fresh = catalog
            .validate("choose-test", session.form(), today())
            .unwrap();
        assert_eq!(
            yoken::report_json(&cached),
            yoken::report_json(&fresh),
            "{size}"
        );
        formulas.push(cached.figures[0].formula.ja.to_string());
        // Without `choose` the words stay the same.
        assert_eq!(
            cached.figures[1].formula.ja.as_ref(),
            "合計 = 経費 + 補助金額"
        );
    }
    assert_eq!(formulas[0], formulas[2]);
    assert_ne!(formulas[0], formulas[1]);
    assert!(formulas[0].contains("× 2/3"), "{}", formulas[0]);
    assert!(formulas[1].contains("÷ 2"), "{}", formulas[1]);
    assert!(
        formulas[3].contains("未確定") || formulas[3].contains("条件"),
        "{}",
        formulas[3]
    );
}

#[test]
fn a_session_shares_its_programme_with_the_catalog_and_checks_as_an_owned_one() {
    let catalog = Catalog::new();
    let shared = catalog.shared("maff-mohouhin-r7").unwrap();
    // The catalog hands out the one programme it holds, not a copy.
    assert!(std::sync::Arc::ptr_eq(
        &shared,
        &catalog.shared("maff-mohouhin-r7").unwrap()
    ));
    assert_eq!(
        catalog.shared("no-such-programme").unwrap_err().code(),
        yoken::Code::ProgrammeUnknown
    );
    // A loaded pack (here shadowing the built-in one) is shared alike.
    let mut loaded = Catalog::new();
    loaded
        .load(include_str!("../packs/maff-mohouhin-r7.json"))
        .unwrap();
    let first = loaded.shared("maff-mohouhin-r7").unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &first,
        &loaded.shared("maff-mohouhin-r7").unwrap()
    ));
    assert!(!std::sync::Arc::ptr_eq(&first, &shared));
    let form =
        json!({"applicant": {"name": "株式会社テスト"}, "budget": {"lines": [{"amount": "100"}]}});
    let mut from_shared = Session::new(shared, today(), Options::default());
    let mut from_owned = Session::new(
        catalog.programme("maff-mohouhin-r7").unwrap().clone(),
        today(),
        Options::default(),
    );
    from_shared.replace(form.clone()).unwrap();
    from_owned.replace(form).unwrap();
    assert_eq!(
        from_shared.report_json().unwrap(),
        from_owned.report_json().unwrap()
    );
}

/// Answers the session's delta, then checks that its Report is the stateless Report for the
/// form as it stands (`after` says which edit, on failure); gives that Report.
fn stateless_after(
    session: &mut Session,
    catalog: &Catalog,
    id: &str,
    options: Options,
    after: &str,
) -> yoken::Report {
    session.delta_json().unwrap();
    let cached = session.report().unwrap();
    let fresh = catalog
        .validate_with(id, session.form(), today(), options)
        .unwrap();
    assert_eq!(
        yoken::report_json(&cached),
        yoken::report_json(&fresh),
        "{id}: after {after}"
    );
    cached
}

#[test]
fn an_answer_set_back_and_forth_is_never_taken_for_the_one_before() {
    // The session copies only an edited answer's section into what it compares the next form
    // with; were that copy stale, setting an answer back would look like "nothing changed".
    let programme = Catalog::new().get("maff-mohouhin-r7").unwrap().clone();
    let mut session = full_form_session();
    let edits = [
        ("eligibility.criteria_a", json!("no")),
        ("budget.lines[0].amount", json!("12")),
        ("eligibility.criteria_a", json!("yes")),
        ("applicant.name", json!("")),
        ("eligibility.criteria_a", json!("no")),
        ("applicant.name", json!("一般社団法人 品種保護協会")),
        ("new_section.note", json!("a section the form did not have")),
        ("eligibility.criteria_a", json!("yes")),
        ("eligibility.criteria_a", json!("yes")),
    ];
    let catalog = Catalog::new();
    let mut reports = Vec::new();
    for (path, value) in edits {
        session.set(path, value).unwrap();
        let options = Options::traced(false);
        let cached = stateless_after(&mut session, &catalog, programme.id(), options, path);
        reports.push(yoken::report_json(&cached));
    }
    // The answer does change the Report (the budget the same): the comparisons above saw it.
    assert_ne!(reports[1], reports[2]);
    assert_eq!(reports[7], reports[8]);
}

/// Every leaf of a form (a scalar, or a list of scalars as a multiple choice sends it) with its
/// form path, in the order written.
fn leaves(value: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(fields) => {
            for (k, v) in fields {
                let at = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(v, &at, out);
            }
        }
        Value::Array(items) if items.iter().any(|i| i.is_object() || i.is_array()) => {
            for (i, v) in items.iter().enumerate() {
                leaves(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => out.push((path.to_owned(), value.clone())),
    }
}

#[test]
fn every_example_case_typed_field_by_field_gives_the_stateless_report_at_each_step() {
    // Each programme's example forms typed one after another into one session, a field at a
    // time: answers its figures read (directly, through facts, through dates) change between
    // cases, among answers nothing else reads, so the figures a session keeps are tested
    // against the stateless Report for each programme's own kinds of reading.
    let catalog = Catalog::new();
    let mut steps = 0;
    for programme in catalog.iter() {
        let id = programme.id().to_owned();
        let dir = format!("{}/tests/cases/{id}", env!("CARGO_MANIFEST_DIR"));
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".form.json"))
            .collect();
        names.sort();
        let mut session = Session::new(
            catalog.shared(&id).unwrap(),
            today(),
            Options::traced(false),
        );
        for name in &names {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(name).unwrap()).unwrap();
            let mut fields = Vec::new();
            leaves(&case["form"], "", &mut fields);
            for (path, value) in fields {
                if session.set(&path, value).is_err() {
                    // A section another case wrote as a value of another kind: set it whole.
                    let root = path.split(['.', '[']).next().unwrap_or_default();
                    session.set(root, case["form"][root].clone()).unwrap();
                }
                let after = format!("{path} in {}", name.display());
                stateless_after(&mut session, &catalog, &id, Options::traced(false), &after);
                steps += 1;
            }
        }
    }
    assert!(steps > 1000, "{steps} steps");
}

#[test]
fn a_figure_that_reads_whether_a_text_is_answered_follows_it() {
    // A figure's case that tests `answered` on a free-text question (no value of its own to
    // compare): a session computes the figure again when that text goes from blank to typed,
    // and keeps it while other text is typed.
    let pack = test_pack(
        "answered-test",
        ("回答有無の試験", "answered test"),
        "tests/session.rs",
        json!({
            "subprogrammes": one_subprogramme(&json!({"answered": "x.reason"}), "1/2"),
            "questions": [
                {"id": "x.reason", "clause": "第1", "type": "text", "label": {"ja": "理由", "en": "reason"}},
                {"id": "x.note", "clause": "第1", "type": "text", "label": {"ja": "備考", "en": "note"}}
            ],
            "figures": [
                {"id": "base", "clause": "第1", "label": {"ja": "基準額", "en": "base"},
                 "value": {"choose": {
                     "cases": [{"when": {"answered": "x.reason"}, "then": {"yen": "1000"}}],
                     "otherwise": {"yen": "500"}}}}
            ]
        }),
    );
    let edits = [
        ("x.note", "a"),
        ("x.reason", "理由"),
        ("x.note", "ab"),
        ("x.reason", ""),
        ("x.note", "abc"),
    ];
    let reports = typed(&pack, json!({"x": {"kind": "one"}}), &edits, false);
    let values: Vec<Value> = reports
        .iter()
        .map(|r| r["figures"][0]["value"]["value"].clone())
        .collect();
    assert_eq!(
        values,
        ["500", "1000", "1000", "500", "500"].map(|v| json!(v))
    );
}

/// A test pack's one sub-programme, `one`, eligible when `requirement` holds, at `rate`.
fn one_subprogramme(requirement: &Value, rate: &str) -> Value {
    json!([{"id": "one", "clause": "第1", "title": {"ja": "一", "en": "one"},
            "requirement": requirement, "rate": {"clause": "第1", "rate": rate}}])
}

/// A session of `pack` on `form`, `edits` typed into it one by one, each followed by its delta
/// and compared with the stateless Report (`traced` or not); gives each edit's Report.
fn typed(pack: &Value, form: Value, edits: &[(&str, &str)], traced: bool) -> Vec<Value> {
    let mut catalog = Catalog::new();
    let programme = catalog.load(&pack.to_string()).unwrap().clone();
    let id = programme.id().to_owned();
    let options = Options::traced(traced);
    let mut session = Session::new(programme, today(), options);
    session.replace(form).unwrap();
    session.delta_json().unwrap();
    let mut reports = Vec::new();
    for (path, text) in edits {
        session.set(path, json!(text)).unwrap();
        let after = format!("{path} = {text}");
        let cached = stateless_after(&mut session, &catalog, &id, options, &after);
        reports.push(serde_json::to_value(&cached).unwrap());
    }
    reports
}

#[test]
fn a_row_figure_that_reads_whether_a_text_is_answered_follows_it() {
    // A table's rows are kept while the answers they read stay the same; a row figure's case
    // that tests `answered` on a question is one of those readings.
    let pack = test_pack(
        "answered-row-test",
        ("行の回答有無の試験", "answered row test"),
        "tests/session.rs",
        json!({
            "subprogrammes": one_subprogramme(&json!({"answer": "x.ok"}), "1/2"),
            "questions": [
                {"id": "x.ok", "clause": "第1", "type": "yes_no", "label": {"ja": "可否", "en": "ok"}},
                {"id": "x.reason", "clause": "第1", "type": "text", "label": {"ja": "理由", "en": "reason"}}
            ],
            "tables": [{
                "id": "t", "path": "t", "rows": "rows", "clause": "第1", "unit": "yen",
                "label": {"ja": "表", "en": "table"},
                "columns": [{"key": "amount", "kind": "amount", "label": {"ja": "金額", "en": "amount"}}],
                "row_figures": [{"id": "counted", "label": {"ja": "算入額", "en": "counted"},
                    "value": {"choose": {
                        "cases": [{"when": {"answered": "x.reason"}, "then": {"cell": "amount"}}],
                        "otherwise": {"yen": "0"}}}}]
            }]
        }),
    );
    let mut catalog = Catalog::new();
    let programme = catalog.load(&pack.to_string()).unwrap().clone();
    let mut session = Session::new(programme, today(), Options::traced(false));
    session
        .replace(json!({"x": {"kind": "one", "ok": "yes"}, "t": {"rows": [{"amount": "700"}]}}))
        .unwrap();
    session.delta_json().unwrap();
    let mut counted = Vec::new();
    for text in ["理由", "", "もう一度"] {
        session.set("x.reason", json!(text)).unwrap();
        let options = Options::traced(false);
        let cached = stateless_after(&mut session, &catalog, "answered-row-test", options, text);
        counted.push(
            serde_json::to_value(&cached).unwrap()["tables"][0]["rows"][0]["figures"]["counted"]
                ["value"]
                .clone(),
        );
    }
    assert_eq!(counted, ["700", "0", "700"].map(|v| json!(v)));
}

#[test]
fn an_answer_no_rule_reads_is_read_alone_and_one_a_rule_tests_is_not() {
    // A session reads again only a typed answer no rule read (a note), keeping the verdict;
    // a date whose being answered the requirement tests is read by a rule, so going from a
    // date to text that is no date (not blank either way) changes the verdict.
    let pack = test_pack(
        "read-alone-test",
        ("単独読取の試験", "read alone test"),
        "tests/session.rs",
        json!({
            "subprogrammes": one_subprogramme(&json!({"answered": "x.start"}), "1/2"),
            "questions": [
                {"id": "x.start", "clause": "第1", "type": "date", "label": {"ja": "開始日", "en": "start"}},
                {"id": "x.note", "clause": "第1", "type": "text", "label": {"ja": "備考", "en": "note"}}
            ]
        }),
    );
    let edits = [
        ("x.start", "2025-06-01"),
        ("x.note", "a"),
        ("x.start", "2025-06-0x"),
        ("x.note", "ab"),
        ("x.start", "R7.6.1"),
        ("x.note", ""),
    ];
    let form = json!({"x": {"kind": "one", "start": "", "note": ""}});
    let outcomes: Vec<Value> = typed(&pack, form, &edits, true)
        .iter()
        .map(|r| r["overall"]["verdict"].clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            "eligible",
            "eligible",
            "ineligible",
            "ineligible",
            "eligible",
            "eligible"
        ]
        .map(|v| json!(v))
    );
}

#[test]
fn a_limits_words_follow_a_figure_its_assertion_does_not_read() {
    // A session checks a limit again only when what it reads changes; its finding's words also
    // name a figure (`{figure:total}`) its assertion does not read, so that figure's changes
    // must reach the words too.
    let pack = test_pack(
        "limit-words-test",
        ("上限文言の試験", "limit words test"),
        "tests/session.rs",
        json!({
            "subprogrammes": one_subprogramme(&json!({"answered": "x.note"}), "1/2"),
            "questions": [
                {"id": "x.note", "clause": "第1", "type": "text", "label": {"ja": "備考", "en": "note"}},
                {"id": "x.asked", "clause": "第1", "type": "amount", "unit": "yen", "label": {"ja": "申請額", "en": "asked"}}
            ],
            "tables": [{
                "id": "t", "path": "t", "rows": "rows", "clause": "第1", "unit": "yen",
                "label": {"ja": "表", "en": "table"},
                "columns": [{"key": "amount", "kind": "amount", "label": {"ja": "金額", "en": "amount"}}]
            }],
            "figures": [
                {"id": "total", "clause": "第1", "label": {"ja": "合計", "en": "total"},
                 "value": {"column_sum": {"table": "t", "column": "amount"}}}
            ],
            "limits": [{
                "id": "asked-cap", "path": "x.asked",
                "assert": {"value": {"answer": "x.asked"}, "at_most": {"yen": "1000"}},
                "finding": {"code": "test.asked.over", "severity": "error", "clause": "第1",
                            "message": {"ja": "申請額{value}（合計{figure:total}）", "en": "asked {value} (total {figure:total})"}}
            }]
        }),
    );
    let form = json!({"x": {"kind": "one", "note": "a", "asked": "5000"},
                      "t": {"rows": [{"amount": "100"}]}});
    let edits = [
        ("t.rows[0].amount", "200"),
        ("x.note", "ab"),
        ("t.rows[0].amount", "300"),
        ("x.asked", "900"),
    ];
    let words: Vec<Value> = typed(&pack, form, &edits, false)
        .iter()
        .map(|r| {
            let found = r["diagnostics"].as_array().unwrap().iter();
            let over = found.filter(|d| d["code"] == "test.asked.over");
            over.map(|d| d["message"]["ja"].clone()).collect()
        })
        .collect();
    assert_eq!(
        words,
        [
            json!(["申請額5,000円（合計200円）"]),
            json!(["申請額5,000円（合計200円）"]),
            json!(["申請額5,000円（合計300円）"]),
            json!([]),
        ]
    );
}

#[test]
fn a_session_and_a_catalog_can_be_shared_between_threads() {
    // A server may keep sessions behind a lock shared by its threads (`RwLock` needs `Sync`):
    // what a session keeps between edits (the marks of the answers its rules read included)
    // must stay shareable. A compile-time check; it fails by not building.
    fn shared<T: Send + Sync>() {}
    shared::<Session>();
    shared::<Catalog>();
}

#[test]
fn an_unasked_answer_is_not_read_while_typed_nor_once_asked_again() {
    // A question asked only when another is answered `yes`: while it is not asked, what is
    // typed there is not read (no finding, not an answer a rule sees), as the stateless check
    // does; once asked, the same text is read and found unreadable.
    let pack = test_pack(
        "unasked-test",
        ("非該当質問の試験", "unasked test"),
        "tests/session.rs",
        json!({
            "subprogrammes": one_subprogramme(&json!({"answered": "x.note"}), "1/2"),
            "questions": [
                {"id": "x.ok", "clause": "第1", "type": "yes_no", "label": {"ja": "可否", "en": "ok"}},
                {"id": "x.start", "clause": "第1", "type": "date", "label": {"ja": "開始日", "en": "start"},
                 "asked_when": {"answer": "x.ok"}},
                {"id": "x.note", "clause": "第1", "type": "text", "label": {"ja": "備考", "en": "note"}}
            ]
        }),
    );
    let form = json!({"x": {"kind": "one", "ok": "no", "start": "", "note": "a"}});
    let edits = [
        ("x.start", "2025-06-0x"),
        ("x.start", "2025-06-0xy"),
        ("x.ok", "yes"),
        ("x.start", "2025-06-0x"),
        ("x.ok", "no"),
        ("x.start", "2025-06-0"),
    ];
    let codes: Vec<Vec<Value>> = typed(&pack, form, &edits, false)
        .iter()
        .map(|r| {
            let found = r["diagnostics"].as_array().unwrap().iter();
            found.map(|d| d["code"].clone()).collect()
        })
        .collect();
    let unreadable = || vec![json!("date.unreadable")];
    assert_eq!(
        codes,
        [vec![], vec![], unreadable(), unreadable(), vec![], vec![]]
    );
}
