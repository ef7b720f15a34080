//! The Report's JSON wire format is documented by JSON Schemas generated from the types; the
//! checked-in copies in schema/ must match the code (bless with YOKEN_BLESS=1 after a deliberate
//! change, and note the version bump in README).

use crate::util::{expect_file, root};

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap() + "\n"
}

#[test]
fn report_schema_is_up_to_date() {
    expect_file(
        &root().join("schema/report.schema.json"),
        &pretty(&yoken::schema::report_schema()),
    );
}

#[test]
fn programmes_schema_is_up_to_date() {
    expect_file(
        &root().join("schema/programmes.schema.json"),
        &pretty(&yoken::schema::programmes_schema()),
    );
}

#[test]
fn form_schemas_are_up_to_date() {
    let catalog = yoken::Catalog::new();
    for p in catalog.iter() {
        let path = root().join(format!("schema/form.{}.schema.json", p.id()));
        expect_file(&path, &pretty(&yoken::schema::form_schema(p)));
    }
}

#[test]
fn every_spec_report_names_only_documented_keys() {
    // A light structural check of the recorded reports against the schema's top-level keys.
    let schema = yoken::schema::report_schema();
    let keys: Vec<&str> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for (_, path) in crate::util::spec_cases() {
        let report_path = path.to_string_lossy().replace(".form.json", ".report.json");
        let report: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
        for k in report.as_object().unwrap().keys() {
            assert!(
                keys.contains(&k.as_str()),
                "{report_path}: key {k} is not in the schema"
            );
        }
    }
}

#[test]
fn pack_schema_is_up_to_date_and_every_built_in_pack_validates_against_it() {
    let schema = yoken::schema::pack_schema();
    expect_file(&root().join("schema/pack.schema.json"), &pretty(&schema));
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("packs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let pack: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let problems = yoken::schema::pack_problems(&pack);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} packs");
    // The checker is not a rubber stamp: a misspelt key and a wrong type are caught.
    let mut broken: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("packs/chuokai-monozukuri-20.json")).unwrap(),
    )
    .unwrap();
    broken["tables"][0]["colums"] = serde_json::json!([]);
    broken["fiscal_year"] = serde_json::json!("2024");
    let at: Vec<String> = yoken::schema::pack_problems(&broken)
        .into_iter()
        .map(|p| p.at)
        .collect();
    assert_eq!(at, ["fiscal_year", "tables[0].colums"]);
}
