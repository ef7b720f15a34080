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
    assert_refused(&p, "colour: unknown key \"colour\"");
    let mut p = pack_a();
    p["questions"][0]["lable"] = json!({"ja": "x", "en": "x"});
    assert_refused(
        &p,
        "questions[0].lable: unknown key \"lable\" (did you mean \"label\"?)",
    );
}

#[test]
fn every_shape_problem_is_listed_at_once_with_its_json_path() {
    let mut p = pack_a();
    p["questions"][0]["lable"] = json!({"ja": "x", "en": "x"});
    p["questions"][1]["type"] = json!("yesno");
    p["tables"][0]["columns"][3]["kind"] = json!("money");
    p["figures"][0]["value"] = json!({"colum_sum": {"table": "budget", "column": "amount"}});
    p["subprogrammes"][0]["rate"]["rate"] = json!(2);
    let ps = problems(&p);
    for needle in [
        "questions[0].lable: unknown key",
        "questions[1].type: \"yesno\" is not allowed",
        "tables[0].columns[3].kind: \"money\" is not allowed",
        "figures[0].value.colum_sum: \"colum_sum\" is not allowed (did you mean \"column_sum\"?)",
        "subprogrammes[0].rate.rate: expected a string, found a number",
    ] {
        assert!(
            ps.iter().any(|x| x.contains(needle)),
            "{needle:?} not in {ps:#?}"
        );
    }
    // Each problem is said in Japanese too.
    let e = Programme::load(&p.to_string()).unwrap_err();
    assert!(e
        .problems()
        .iter()
        .all(|x| !x.message.ja.is_empty() && x.message.ja != x.message.en));
}

#[test]
fn keys_that_have_no_effect_where_they_stand_are_refused() {
    let mut p = pack_a();
    p["tables"][0]["columns"][2]["options"] =
        json!([{"value": "a", "label": {"ja": "a", "en": "a"}}]);
    assert_refused(
        &p,
        "tables[0].columns[2].options: has no effect here: only choice columns take options",
    );
    let mut p = pack_a();
    p["tables"][0]["columns"][3]["missing"] = p["tables"][0]["rules"][0]["finding"].clone();
    p["tables"][0]["columns"][3]["required"] = json!(false);
    assert_refused(&p, "tables[0].columns[3].missing: has no effect here");
    let mut p = pack_a();
    p["figures"][0]["suffix"] = json!({"ja": "日", "en": "days"});
    assert_refused(
        &p,
        "figures[0].suffix: has no effect here: only number figures take a suffix",
    );
    let mut p = pack_a();
    p["facts"][0]["when"]["in"] = json!(["x"]);
    p["facts"][0]["when"]["answer"] = serde_json::Value::Null;
    p["facts"][0]["when"]["all"] = json!([{"answer": "applicant.legal_personality"}]);
    assert_refused(&p, "`in` goes only with `answer` or `cell`");
}

#[test]
fn arithmetic_that_mixes_kinds_or_leaves_fractions_of_a_yen_is_refused() {
    let mut p = pack_a();
    p["figures"][0]["value"] = json!({"times": [{"figure": "x"}, {"yen": "1"}]});
    assert_refused(
        &p,
        "figures[0].value.times[0].figure: figure \"x\" is not in `figures`",
    );
    let mut p = pack_a();
    p["figures"][1]["value"] = json!({"times": [{"figure": "total"}, {"yen": "2"}]});
    assert_refused(&p, "an amount cannot be multiplied by an amount");
    let mut p = pack_a();
    p["figures"][1]["value"] = json!({"times": [{"figure": "total"}, {"number": "2/3"}]});
    assert_refused(
        &p,
        "figures[1].value: the amount can have a fraction of a yen",
    );
    let mut p = pack_a();
    p["limits"][0]["assert"] = json!({"value": {"figure": "total"}, "at_most": {"number": "3"}});
    assert_refused(&p, "compare an amount with a number");
}

#[test]
fn a_format_1_pack_still_loads_and_migrates_to_the_built_in_pack() {
    for id in ["maff-mohouhin-r7", "maff-hinshu-r7"] {
        let root = crate::util::root();
        let old = std::fs::read_to_string(root.join(format!("tests/fixtures/pack-v1.{id}.json")))
            .unwrap();
        let now = std::fs::read_to_string(root.join(format!("packs/{id}.json"))).unwrap();
        assert!(old.contains("\"yoken-pack/1\""));
        let loaded = Programme::load(&old).unwrap();
        assert_eq!(loaded.spec().format, "yoken-pack/2");
        // The built-in pack is the migration of the old one, plus what only format 2 can say:
        // its form layout, display hints, tables read only for some documents, its 様式 layouts.
        let mut built_in: serde_json::Value = serde_json::from_str(&now).unwrap();
        without_format_2_additions(&mut built_in);
        let migrated: serde_json::Value =
            serde_json::from_str(&Programme::migrate(&old).unwrap()).unwrap();
        assert_eq!(
            migrated, built_in,
            "{id}: the built-in pack is the migration of the old one"
        );
        // Migrating a current pack gives it back as it is.
        assert_eq!(Programme::migrate(&now).unwrap(), now);
        // The two give the same Report for a form, but for the sections the built-in pack
        // leaves unread for this document (format 1 could not say so).
        let form = json!({"project": {"subprojects": ["guideline"], "subprogramme": "variety_registration"}, "document": {"kind": "plan"}, "budget": {"lines": [{"category": "人件費", "amount": "100"}], "rows": [{"category": "委託費", "total": "10", "subsidy": "5", "own": "5"}]}});
        let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let mut catalog = Catalog::new();
        let built_in = catalog.validate(id, &form, today).unwrap();
        catalog.load(&old).unwrap();
        let mut old_report = catalog.validate(id, &form, today).unwrap();
        let unread: Vec<String> = programme_tables(&now)
            .into_iter()
            .filter(|t| built_in.not_asked.contains(t))
            .collect();
        old_report.not_asked = old_report.not_asked.iter().cloned().chain(unread).collect();
        // The rules receipt tells the two packs apart: their content differs.
        assert_ne!(old_report.programme.hash, built_in.programme.hash);
        std::sync::Arc::make_mut(&mut old_report.programme).hash = built_in.programme.hash.clone();
        assert_eq!(
            yoken::report_json(&old_report),
            yoken::report_json(&built_in)
        );
    }
}

/// The section paths of a pack's tables.
fn programme_tables(pack: &str) -> Vec<String> {
    let pack: serde_json::Value = serde_json::from_str(pack).unwrap();
    pack["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["path"].as_str().unwrap().to_owned())
        .collect()
}

/// Removes from a format 2 pack what format 1 had no way to say.
fn without_format_2_additions(pack: &mut serde_json::Value) {
    let pack = pack.as_object_mut().unwrap();
    pack.remove("form");
    pack.remove("documents");
    for q in pack["questions"].as_array_mut().unwrap() {
        q.as_object_mut().unwrap().remove("display");
    }
    for t in pack["tables"].as_array_mut().unwrap() {
        let t = t.as_object_mut().unwrap();
        t.remove("asked_when");
        for c in t["columns"].as_array_mut().unwrap() {
            c.as_object_mut().unwrap().remove("display");
        }
    }
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
    assert_refused(
        &p,
        "exactly one of all, any, not, answer, fact, value, cell, rate, answered",
    );
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
    p["checks"][0]["code"] = json!("budget.total_mismatch");
    assert_refused(&p, "is malformed, an engine code");
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
    p["cases"][0]["expect"]["codes"] = json!(["mohouhin.note.personnel_costs"]);
    assert_refused(&p, "expected a finding mohouhin.note.personnel_costs");
    let mut p = pack_a();
    p["cases"][0]["expect"]["codes"] = json!(["mohouhin.never.raised"]);
    assert_refused(
        &p,
        "cases[0].expect.codes[0]: no rule of this pack can raise \"mohouhin.never.raised\"",
    );
    let mut p = pack_a();
    p["cases"][0]["expect"]["absent"] = json!(["budget.over_cpa"]);
    assert_refused(&p, "no rule of this pack can raise \"budget.over_cpa\"");
    let mut p = pack_a();
    p["cases"][0]["expect"]["figures"] = json!({"total": "5"});
    assert_refused(&p, "figure total is unknown, expected 5");
}

#[test]
fn a_ministry_pack_loads_at_run_time_and_is_used() {
    let mut p = pack_a();
    p["id"] = json!("city-test-r7");
    p["title"] = json!({"ja": "市の試験事業", "en": "City test programme"});
    let mut catalog = Catalog::new();
    let built_in = catalog.programmes().len();
    catalog.load(&p.to_string()).unwrap();
    assert!(catalog.programmes().iter().any(|i| i.id == "city-test-r7"));
    let today = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let report = catalog.validate("city-test-r7", &json!({}), today).unwrap();
    assert_eq!(report.programme.id, "city-test-r7");
    // A broken pack is refused and leaves the catalog as it was.
    p["format"] = json!("nope");
    assert!(catalog.load(&p.to_string()).is_err());
    assert_eq!(catalog.programmes().len(), built_in + 1);
}

#[test]
fn the_form_layout_and_display_hints_are_checked() {
    // A layout naming what does not exist, placing a question twice and leaving others out.
    let mut p = pack_a();
    p["form"] = json!({"sections": [
        {"id": "one", "title": {"ja": "一", "en": "one"}, "items": ["applicant.name", "applicant.name", "table:nope", "figure:cap"]},
        {"id": "one", "title": {"ja": "二", "en": "two"}, "items": [{"heading": {"ja": "見出し", "en": "heading"}}]}
    ]});
    let ps = problems(&p);
    for needle in [
        "form.sections[0].items[1]: \"applicant.name\" is placed twice",
        "form.sections[0].items[2]: \"table:nope\" is not a question",
        "form.sections[1].id: section id \"one\" is malformed or duplicated",
        "form.sections: not placed in any section: project.subprojects, applicant.org_type",
    ] {
        assert!(
            ps.iter().any(|x| x.contains(needle)),
            "{needle:?} not in {ps:#?}"
        );
    }
    // Display hints only where they mean something.
    let mut p = pack_a();
    p["questions"][1]["display"] = json!({"width": "long", "lines": 3});
    p["questions"][2]["display"] = json!({"control": "select"});
    p["questions"][0]["display"] = json!({"lines": 0});
    p["tables"][0]["columns"][0]["display"] = json!({"width": "short"});
    let ps = problems(&p);
    for needle in [
        "questions[1].display.width: width applies only to inputs typed into",
        "questions[1].display.lines: lines applies only to text",
        "questions[2].display.control: control applies only to choice questions",
        "questions[0].display.lines: lines applies only to text, from 1 to 20",
        "tables[0].columns[0].display.width: width applies only",
    ] {
        assert!(
            ps.iter().any(|x| x.contains(needle)),
            "{needle:?} not in {ps:#?}"
        );
    }
    // A table read only for some answers names what exists.
    let mut p = pack_a();
    p["tables"][0]["asked_when"] = json!({"answer": "document.kind", "in": ["plan"]});
    assert_refused(&p, "tables[0].asked_when");
}
