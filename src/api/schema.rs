//! JSON Schemas (native builds only): the Report, the programme list, and each programme's form.
//!
//! The Report and programme schemas are generated from the Rust types (schemars); the checked-in
//! copies in `schema/` are compared with them by a test, so the documented wire format cannot
//! drift from the code. A form schema is generated from a pack's questions.
//!
//! Owns: the JSON Schemas. Must not know: how a schema is served or printed.

use crate::pack::spec::AnswerKind;
use crate::pack::Programme;
use serde_json::{json, Map, Value};

/// The JSON Schema of [`crate::report::Report`].
#[must_use]
pub fn report_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(crate::report::Report)).unwrap_or(Value::Null)
}

/// The JSON Schema of the `programmes()` list.
#[must_use]
pub fn programmes_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(Vec<crate::pack::info::ProgrammeInfo>))
        .unwrap_or(Value::Null)
}

/// The JSON Schema of a form for `programme`: nested objects of its question paths. Values are
/// as people type them (strings), so the schema says what shape a value has, not whether its
/// text reads — that is the Report's job.
#[must_use]
pub fn form_schema(programme: &Programme) -> Value {
    let mut root = Map::new();
    for q in &programme.questions {
        let options: Vec<Value> = q.options.iter().map(|o| json!(o.value)).collect();
        let leaf = match q.kind {
            AnswerKind::YesNo => json!({"oneOf": [
                {"type": "boolean"},
                {"type": "string", "enum": ["yes", "no", "はい", "いいえ", "true", "false", ""]},
                {"type": "null"}]}),
            AnswerKind::Choice => {
                json!({"oneOf": [{"type": "string", "enum": options}, {"const": ""}, {"type": "null"}]})
            }
            AnswerKind::MultiChoice => {
                json!({"type": "array", "items": {"type": "string", "enum": options}, "uniqueItems": true})
            }
            AnswerKind::Text => {
                json!({"type": ["string", "null"], "maxLength": q.max_length.unwrap_or(crate::read::answers::DEFAULT_MAX_TEXT)})
            }
            AnswerKind::Date => {
                json!({"type": ["string", "null"], "description": "和暦 (令和7年6月1日, R7.6.1) or 西暦 (2025-06-01)"})
            }
            AnswerKind::Amount => {
                json!({"type": ["string", "integer", "null"], "description": "digits as typed: 1,234千円, １２３４, ¥1,234"})
            }
        };
        let mut leaf = leaf;
        if let Some(obj) = leaf.as_object_mut() {
            obj.insert("title".into(), json!(q.label.ja));
            obj.insert(
                "description".into(),
                json!(format!("{} ({})", q.label.en, q.clause)),
            );
        }
        insert_path(&mut root, &q.id, leaf);
    }
    let mut schema = object_schema(root);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert(
            "$schema".into(),
            json!("https://json-schema.org/draft/2020-12/schema"),
        );
        obj.insert("title".into(), json!(format!("{} form", programme.id())));
    }
    schema
}

/// Puts `leaf` at a dotted path in a tree of property maps.
fn insert_path(root: &mut Map<String, Value>, path: &str, leaf: Value) {
    let mut segments = path.split('.').peekable();
    let mut node = root;
    while let Some(seg) = segments.next() {
        if segments.peek().is_none() {
            node.insert(seg.to_owned(), leaf);
            return;
        }
        let entry = node
            .entry(seg.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(map) = entry else { return };
        node = map;
    }
}

/// Turns a tree of property maps into nested object schemas.
fn object_schema(properties: Map<String, Value>) -> Value {
    let props: Map<String, Value> = properties
        .into_iter()
        .map(|(k, v)| {
            let is_leaf = v.get("type").is_some() || v.get("oneOf").is_some();
            match v {
                Value::Object(m) if !is_leaf => (k, object_schema(m)),
                other => (k, other),
            }
        })
        .collect();
    json!({"type": "object", "properties": props})
}
