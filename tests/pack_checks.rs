//! A pack is checked before use: each kind of mistake is refused with its place in the file.

use serde_json::{json, Value};
use yoken::{Catalog, Programme};

fn pack_a() -> Value {
    let path = crate::util::root().join("packs/maff-mohouhin-r7.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn problems(pack: &Value) -> Vec<String> {
    match Programme::load(&pack.to_string()) {
        Ok(_) => Vec::new(),
        Err(e) if e.problems().is_empty() => vec![format!("syntax: {e}")],
        Err(e) => e
            .problems()
            .iter()
            .map(|p| format!("{}: {}", p.at, p.message.en))
            .collect(),
    }
}

fn assert_refused(pack: &Value, needle: &str) {
    let ps = problems(pack);
    assert!(
        ps.iter().any(|p| p.contains(needle)),
        "expected a problem containing {needle:?}, got {ps:#?}"
    );
}

#[test]
fn the_built_in_pack_is_accepted_with_its_cases() {
    assert_eq!(problems(&pack_a()), Vec::<String>::new());
}

#[test]
fn unknown_keys_are_refused_by_name() {
    let mut p = pack_a();
    p["colour"] = json!("blue");
    assert_refused(&p, "unknown field `colour`");
    let mut p = pack_a();
    p["questions"][0]["lable"] = json!({"ja": "x", "en": "x"});
    assert_refused(&p, "unknown field `lable`");
}

#[test]
fn wrong_format_tag_is_refused() {
    let mut p = pack_a();
    p["format"] = json!("yoken-pack/9");
    assert_refused(&p, "format must be");
}

#[test]
fn dangling_question_fact_and_clause_references_are_refused() {
    let mut p = pack_a();
    p["facts"][0]["when"]["answer"] = json!("applicant.no_such_question");
    assert_refused(
        &p,
        "facts[0].when.answer: question \"applicant.no_such_question\" is not in `questions`",
    );
    let mut p = pack_a();
    p["subprogrammes"][0]["requirement"] = json!({"fact": "no_such_fact"});
    assert_refused(
        &p,
        "subprogrammes[0].requirement.fact: fact \"no_such_fact\" is not in `facts`",
    );
    let mut p = pack_a();
    p["questions"][1]["clause"] = json!("第99");
    assert_refused(
        &p,
        "questions[1].clause: clause \"第99\" is not in `clauses`",
    );
    let mut p = pack_a();
    p["facts"][0]["when"]["in"] = json!(["宇宙人"]);
    assert_refused(&p, "\"宇宙人\" is not an option");
}

#[test]
fn duplicate_ids_are_refused() {
    let mut p = pack_a();
    let q = p["questions"][2].clone();
    p["questions"].as_array_mut().unwrap().push(q);
    assert_refused(&p, "duplicate question id \"applicant.legal_personality\"");
    let mut p = pack_a();
    let c = p["clauses"][0].clone();
    p["clauses"].as_array_mut().unwrap().push(c);
    assert_refused(&p, "duplicate clause id");
}

#[test]
fn malformed_nodes_are_refused() {
    let mut p = pack_a();
    p["facts"][2]["when"] = json!({"all": [], "any": []});
    assert_refused(&p, "exactly one of all, any, not, answer, fact");
    let mut p = pack_a();
    p["facts"][2]["when"] = json!({"answer": "applicant.legal_personality", "in": ["yes"]});
    assert_refused(&p, "cannot be used this way");
    let mut p = pack_a();
    p["facts"][2]["when"] = json!({"any": []});
    assert_refused(&p, "need at least one child");
}

#[test]
fn facts_that_depend_on_themselves_are_refused() {
    let mut p = pack_a();
    p["facts"][2]["when"] = json!({"fact": "is_houjin"});
    assert_refused(&p, "depends on itself");
}

#[test]
fn codes_with_engine_prefixes_and_bad_paths_are_refused() {
    let mut p = pack_a();
    p["checks"][0]["code"] = json!("number.mine");
    assert_refused(&p, "takes an engine prefix");
    let mut p = pack_a();
    p["checks"][0]["path"] = json!("nowhere.at_all");
    assert_refused(&p, "is not a question of this pack");
}

#[test]
fn counts_as_must_name_another_option() {
    let mut p = pack_a();
    p["questions"][1]["options"][1]["counts_as"] = json!(["存在しない種類"]);
    assert_refused(&p, "counts_as \"存在しない種類\"");
}

#[test]
fn example_cases_that_do_not_match_refuse_the_pack() {
    let mut p = pack_a();
    p["cases"][0]["expect"]["overall"] = json!("ineligible");
    assert_refused(&p, "overall verdict is Eligible, expected Ineligible");
    let mut p = pack_a();
    p["cases"][0]["expect"]["codes"] = json!(["mohouhin.never.raised"]);
    assert_refused(&p, "expected a finding mohouhin.never.raised");
}

#[test]
fn a_ministry_pack_loads_at_run_time_and_is_used() {
    let mut p = pack_a();
    p["id"] = json!("city-test-r7");
    p["title"] = json!({"ja": "市の試験事業", "en": "City test programme"});
    let mut catalog = Catalog::new();
    catalog.load(&p.to_string()).unwrap();
    assert!(catalog.programmes().iter().any(|i| i.id == "city-test-r7"));
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let report = catalog.validate("city-test-r7", &json!({}), today).unwrap();
    assert_eq!(report.programme.id, "city-test-r7");
    // A broken pack is refused and leaves the catalog as it was.
    p["format"] = json!("nope");
    assert!(catalog.load(&p.to_string()).is_err());
    assert_eq!(catalog.programmes().len(), 3);
}
