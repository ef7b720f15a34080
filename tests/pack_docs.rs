//! docs/packs.md writes a pack step by step: its base pack and every block that adds to it are
//! loaded here and their example cases run, so the page shows only what works.

use crate::util::root;
use serde_json::{Map, Value};

/// The JSON blocks of the page whose info string is `json <tag>`, in order.
fn blocks(text: &str, tag: &str) -> Vec<Value> {
    let fence = format!("```json {tag}\n");
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(&fence) {
        let body = &rest[start + fence.len()..];
        let end = body.find("\n```").expect("an unclosed block");
        out.push(
            serde_json::from_str(&body[..end])
                .unwrap_or_else(|e| panic!("a `json {tag}` block is not JSON: {e}")),
        );
        rest = &body[end..];
    }
    out
}

/// The base pack with a block added as the page says: lists appended, a sub-programme of the
/// same id given the keys shown, cases replaced, anything else set.
fn with(base: &Value, add: &Value) -> Value {
    let mut pack = base.clone();
    let obj = pack.as_object_mut().unwrap();
    for (key, value) in add.as_object().unwrap() {
        match (key.as_str(), value) {
            ("cases", _) => {
                obj.insert(key.clone(), value.clone());
            }
            ("subprogrammes", Value::Array(subs)) => {
                let list = obj["subprogrammes"].as_array_mut().unwrap();
                for sub in subs {
                    let id = &sub["id"];
                    let target: &mut Map<String, Value> = list
                        .iter_mut()
                        .find(|s| &s["id"] == id)
                        .and_then(Value::as_object_mut)
                        .expect("a sub-programme of the base pack");
                    for (k, v) in sub.as_object().unwrap() {
                        target.insert(k.clone(), v.clone());
                    }
                }
            }
            (_, Value::Array(items)) => {
                let entry = obj
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                entry.as_array_mut().unwrap().extend(items.iter().cloned());
            }
            _ => {
                obj.insert(key.clone(), value.clone());
            }
        }
    }
    pack
}

#[test]
fn every_example_of_the_pack_guide_loads_and_passes_its_cases() {
    let text = std::fs::read_to_string(root().join("docs/packs.md")).unwrap();
    let base = blocks(&text, "base");
    assert_eq!(base.len(), 1, "one base pack");
    let base = &base[0];
    let problems = |pack: &Value| match yoken::Programme::load(&pack.to_string()) {
        Ok(p) => {
            assert!(p.case_count() > 0, "an example without cases");
            String::new()
        }
        Err(e) => e.to_string(),
    };
    assert_eq!(problems(base), "", "the base pack");
    let adds = blocks(&text, "add");
    assert!(adds.len() >= 7, "only {} examples", adds.len());
    for (i, add) in adds.iter().enumerate() {
        assert_eq!(
            problems(&with(base, add)),
            "",
            "example {} of docs/packs.md",
            i + 1
        );
    }
    // A block with 様式 layouts fills them from its case's form and reads that form back.
    let with_documents: Vec<Value> = adds
        .iter()
        .filter(|a| a.get("documents").is_some())
        .map(|a| with(base, a))
        .collect();
    assert!(!with_documents.is_empty(), "an example of documents");
    for pack in with_documents {
        let mut catalog = yoken::Catalog::new();
        let id = catalog.load(&pack.to_string()).unwrap().id().to_owned();
        let case = &pack["cases"][0];
        let today = yoken::today(case["today"].as_str().unwrap()).unwrap();
        let report = catalog.validate(&id, &case["form"], today).unwrap();
        let docs = catalog.fill_documents(&id, &case["form"], &report).unwrap();
        assert_eq!(docs[0].file, "様式第1号_（株）例.xlsx");
        let sheets: Vec<(String, Vec<yoken::documents::ReadSheet>)> = docs
            .iter()
            .map(|d| {
                let sheets = d
                    .sheets
                    .iter()
                    .map(|s| yoken::documents::ReadSheet {
                        name: s.name.clone(),
                        cells: s.cells.iter().map(|c| (c.at, c.text.clone())).collect(),
                    })
                    .collect();
                (d.file.clone(), sheets)
            })
            .collect();
        let back = catalog.read_documents(&id, &sheets).unwrap();
        assert_eq!(back.form, case["form"]);
        assert_eq!(back.cells["costs.items[0].amount"], "様式第1号!B8");
    }
    // The page's form schema hint: a pack may name its schema.
    let mut named = base.clone();
    named["$schema"] = Value::from("./pack.schema.json");
    assert_eq!(problems(&named), "");
}
