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

/// The JSON Schema of [`crate::report::Report`]: a message holds both languages, or the one a
/// caller asked for ([`crate::Options::lang`]).
#[must_use]
pub fn report_schema() -> Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(crate::report::Report)).unwrap_or(Value::Null);
    if let Some(Value::Object(message)) = schema.pointer_mut("/$defs/Message") {
        message.remove("required");
        message.insert("minProperties".to_owned(), json!(1));
        message.insert(
            "description".to_owned(),
            json!("A message in Japanese (`ja`) and English (`en`): both, unless the Report was asked for in one language (`lang`, since `yoken-report/2.2`), when it holds that one only."),
        );
    }
    schema
}

/// The JSON Schema of the `programmes()` list.
#[must_use]
pub fn programmes_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(Vec<crate::pack::info::ProgrammeInfo>))
        .unwrap_or(Value::Null)
}

/// The JSON Schema of a form for `programme`: nested objects of its question paths, and each
/// table's section (its rows and their cells, its 計 row, its typed sums). Values are as people
/// type them (strings), so the schema says what shape a value has, not whether its text reads —
/// that is the Report's job.
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
            AnswerKind::Amount => amount_leaf(),
            AnswerKind::Integer => {
                json!({"type": ["string", "integer", "null"], "description": "a whole number as typed: 12, １２"})
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
    for t in &programme.tables {
        root.insert(t.spec.path.clone(), table_schema(t));
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

/// A table's section: its rows (or the record's fields), its 計 row and its typed sums.
fn table_schema(t: &crate::pack::table::Table) -> Value {
    use crate::pack::spec::ColumnKind;
    let cell = |c: &crate::pack::table::Column| {
        let mut leaf = match c.kind {
            ColumnKind::Amount => amount_leaf(),
            ColumnKind::Number => {
                json!({"type": ["string", "number", "null"], "description": "a number as typed: 12.5, 12.5%"})
            }
            ColumnKind::Date => {
                json!({"type": ["string", "null"], "description": "和暦 (令和7年6月1日, R7.6.1) or 西暦 (2025-06-01)"})
            }
            ColumnKind::Choice => {
                let options: Vec<Value> = c.options.iter().map(|o| json!(o.value)).collect();
                if c.loose {
                    json!({"type": ["string", "null"], "examples": options})
                } else {
                    json!({"oneOf": [{"type": "string", "enum": options}, {"const": ""}, {"type": "null"}]})
                }
            }
            ColumnKind::Subprogramme => {
                json!({"type": ["string", "null"], "description": "a sub-programme id"})
            }
            ColumnKind::Category => {
                let names: Vec<Value> = c
                    .categories
                    .iter()
                    .flat_map(|x| x.items.iter().map(|i| json!(i.name)))
                    .collect();
                json!({"type": ["string", "null"], "examples": names})
            }
            ColumnKind::TaxRemark => {
                json!({"type": ["string", "null"], "examples": ["減額した金額12,000円", "該当なし", "含税額"]})
            }
            ColumnKind::Text | ColumnKind::Group => {
                json!({"type": ["string", "null"], "maxLength": crate::read::row::MAX_CELL_TEXT})
            }
        };
        if let Some(obj) = leaf.as_object_mut() {
            obj.insert("title".into(), json!(c.label.ja));
            obj.insert(
                "description".into(),
                json!(format!("{} ({})", c.label.en, c.clause)),
            );
        }
        leaf
    };
    let cells: Map<String, Value> = t
        .columns
        .iter()
        .map(|c| (c.key.to_string(), cell(c)))
        .collect();
    let row = json!({"type": "object", "properties": cells, "additionalProperties": false});
    let mut props = Map::new();
    let Some(rows) = &t.spec.rows else {
        let mut record = row;
        if let Some(obj) = record.as_object_mut() {
            obj.insert("title".into(), json!(t.spec.label.ja));
        }
        return record;
    };
    props.insert(
        rows.clone(),
        json!({"type": "array", "items": row, "maxItems": t.max_rows}),
    );
    if let Some(totals) = &t.spec.totals {
        let mut cells: Map<String, Value> = totals
            .columns
            .iter()
            .map(|k| (k.clone(), amount_leaf()))
            .collect();
        for k in &totals.other_keys {
            cells.insert(k.clone(), json!({"type": ["string", "null"]}));
        }
        props.insert(
            totals.key.clone(),
            json!({"type": "object", "properties": cells, "additionalProperties": false}),
        );
    }
    for s in &t.spec.typed_sums {
        let mut leaf = amount_leaf();
        if let Some(obj) = leaf.as_object_mut() {
            obj.insert("title".into(), json!(s.label.ja));
        }
        props.insert(s.key.clone(), leaf);
    }
    json!({"type": "object", "title": t.spec.label.ja, "description": format!("{} ({})", t.spec.label.en, t.spec.clause), "properties": props, "additionalProperties": false})
}

fn amount_leaf() -> Value {
    json!({"type": ["string", "integer", "null"], "description": "digits as typed: 1,234千円, １２３４, ¥1,234"})
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

/// The JSON Schema of the rule pack format ([`crate::pack::spec::PackSpec`], `yoken-pack/2`).
#[must_use]
pub fn pack_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(crate::pack::spec::PackSpec)).unwrap_or(Value::Null)
}

/// Every place where `pack` does not fit the pack format, each with its JSON path
/// (`tables[0].columns[2].kind`) and a message in Japanese and English — checked against
/// [`pack_schema`], so the reader's first error is not the only one a ministry sees.
#[must_use]
pub fn pack_problems(pack: &Value) -> Vec<crate::finding::error::PackProblem> {
    let schema = pack_schema();
    let mut out = Vec::new();
    shape::check(&schema, &schema, pack, "", &mut out);
    out
}

/// A small JSON Schema checker for the schemas schemars writes: `$ref`, `type`, `enum`,
/// `const`, `oneOf`/`anyOf`, `properties`, `required`, `additionalProperties: false`, `items`,
/// `minimum`.
mod shape {
    use crate::finding::error::PackProblem;
    use crate::finding::message::Message;
    use serde_json::Value;

    fn problem(out: &mut Vec<PackProblem>, at: &str, ja: String, en: String) {
        out.push(PackProblem {
            at: if at.is_empty() {
                "(pack)".to_owned()
            } else {
                at.to_owned()
            },
            message: Message::new(ja, en),
        });
    }

    fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
        let mut s = schema;
        for _ in 0..16 {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else {
                return s;
            };
            let Some(name) = r.strip_prefix("#/$defs/") else {
                return s;
            };
            match root.get("$defs").and_then(|d| d.get(name)) {
                Some(next) => s = next,
                None => return s,
            }
        }
        s
    }

    fn type_name(v: &Value) -> (&'static str, &'static str) {
        match v {
            Value::Null => ("null", "null"),
            Value::Bool(_) => ("はい/いいえ（true/false）", "a boolean"),
            Value::Number(_) => ("数値", "a number"),
            Value::String(_) => ("文字列", "a string"),
            Value::Array(_) => ("配列", "an array"),
            Value::Object(_) => ("オブジェクト", "an object"),
        }
    }

    fn fits_type(t: &str, v: &Value) -> bool {
        match t {
            "null" => v.is_null(),
            "boolean" => v.is_boolean(),
            "string" => v.is_string(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            "number" => v.is_number(),
            "integer" => v.is_i64() || v.is_u64(),
            _ => true,
        }
    }

    fn wanted(t: &str) -> (&'static str, &'static str) {
        match t {
            "null" => ("null", "null"),
            "boolean" => ("true か false", "true or false"),
            "string" => ("文字列", "a string"),
            "array" => ("配列 [...]", "an array [...]"),
            "object" => ("オブジェクト {...}", "an object {...}"),
            "number" => ("数値", "a number"),
            "integer" => ("整数", "a whole number"),
            _ => ("値", "a value"),
        }
    }

    fn join(at: &str, key: &str) -> String {
        if at.is_empty() {
            key.to_owned()
        } else {
            format!("{at}.{key}")
        }
    }

    /// The closest of `known` to `key` (a misspelling), when one is close.
    fn closest<'a>(key: &str, known: impl Iterator<Item = &'a String>) -> Option<&'a String> {
        fn distance(a: &str, b: &str) -> usize {
            let b: Vec<char> = b.chars().collect();
            let mut prev: Vec<usize> = (0..=b.len()).collect();
            for (i, ca) in a.chars().enumerate() {
                let mut cur = vec![i + 1];
                for (j, cb) in b.iter().enumerate() {
                    let cost = usize::from(ca != *cb);
                    cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
                }
                prev = cur;
            }
            prev[b.len()]
        }
        known
            .map(|k| (distance(key, k), k))
            .filter(|(d, k)| *d <= 2.max(k.len() / 4))
            .min_by_key(|(d, _)| *d)
            .map(|(_, k)| k)
    }

    /// The words suggesting the key meant, in Japanese and English (empty without one).
    fn did_you_mean(hint: Option<&String>) -> (String, String) {
        hint.map_or((String::new(), String::new()), |h| {
            (
                format!("（{h} のことですか）"),
                format!(" (did you mean \"{h}\"?)"),
            )
        })
    }

    /// Checks `value` at `at` against `schema`, adding each problem to `out`.
    pub(super) fn check(
        root: &Value,
        schema: &Value,
        value: &Value,
        at: &str,
        out: &mut Vec<PackProblem>,
    ) {
        let schema = resolve(root, schema);
        if schema == &Value::Bool(true) || schema.as_object().is_some_and(serde_json::Map::is_empty)
        {
            return;
        }
        if let Some(alternatives) = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .and_then(Value::as_array)
        {
            one_of(root, alternatives, value, at, out);
            return;
        }
        if let Some(types) = schema.get("type") {
            let list: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !list.is_empty() && !list.iter().any(|t| fits_type(t, value)) {
                let (ja, en): (Vec<&str>, Vec<&str>) = list.iter().map(|t| wanted(t)).unzip();
                let (gja, gen) = type_name(value);
                problem(
                    out,
                    at,
                    format!("{}を書きます（{gja}が書かれています）。", ja.join("か")),
                    format!("expected {}, found {gen}", en.join(" or ")),
                );
                return;
            }
        }
        if let Some(options) = schema.get("enum").and_then(Value::as_array) {
            if !options.contains(value) {
                let list: Vec<String> = options.iter().map(ToString::to_string).collect();
                problem(
                    out,
                    at,
                    format!(
                        "{} は使えません。次のどれかです：{}",
                        value,
                        list.join("、")
                    ),
                    format!("{} is not allowed; one of: {}", value, list.join(", ")),
                );
            }
            return;
        }
        if let Some(c) = schema.get("const") {
            if c != value {
                problem(
                    out,
                    at,
                    format!("{c} でなければなりません（{value}）。"),
                    format!("must be {c} (got {value})"),
                );
            }
            return;
        }
        if let (Some(min), Some(n)) = (
            schema.get("minimum").and_then(Value::as_f64),
            value.as_f64(),
        ) {
            if n < min {
                problem(
                    out,
                    at,
                    format!("{min} 以上にしてください（{value}）。"),
                    format!("must be at least {min} (got {value})"),
                );
            }
        }
        if let Value::Object(map) = value {
            let props = schema.get("properties").and_then(Value::as_object);
            for name in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !map.contains_key(name) {
                    problem(
                        out,
                        at,
                        format!("必須のキー「{name}」がありません。"),
                        format!("missing required key \"{name}\""),
                    );
                }
            }
            let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
            for (key, child) in map {
                match props.and_then(|p| p.get(key)) {
                    Some(s) => check(root, s, child, &join(at, key), out),
                    None if closed => {
                        let (hja, hen) = did_you_mean(props.and_then(|p| closest(key, p.keys())));
                        problem(
                            out,
                            &join(at, key),
                            format!("不明なキー「{key}」です{hja}。"),
                            format!("unknown key \"{key}\"{hen}"),
                        );
                    }
                    None => {
                        if let Some(s) =
                            schema.get("additionalProperties").filter(|s| s.is_object())
                        {
                            check(root, s, child, &join(at, key), out);
                        }
                    }
                }
            }
        }
        if let (Value::Array(items), Some(item)) = (value, schema.get("items")) {
            for (i, v) in items.iter().enumerate() {
                check(root, item, v, &format!("{at}[{i}]"), out);
            }
        }
    }

    /// A value for a `oneOf`: fine when one alternative fits; else the problems of the
    /// alternative it was meant to be (an object naming a tagged variant's key, or the one with
    /// the fewest problems).
    fn one_of(
        root: &Value,
        alternatives: &[Value],
        value: &Value,
        at: &str,
        out: &mut Vec<PackProblem>,
    ) {
        let mut best: Option<Vec<PackProblem>> = None;
        for alt in alternatives {
            let mut found = Vec::new();
            check(root, alt, value, at, &mut found);
            if found.is_empty() {
                return;
            }
            let alt = resolve(root, alt);
            // An externally tagged variant: `{"sum": […]}` is meant as the `sum` variant.
            let tag = alt
                .get("required")
                .and_then(Value::as_array)
                .filter(|r| r.len() == 1)
                .and_then(|r| r[0].as_str());
            let meant = match (tag, value.as_object()) {
                (Some(t), Some(map)) => map.len() == 1 && map.contains_key(t),
                _ => false,
            };
            if meant {
                out.extend(found);
                return;
            }
            if best.as_ref().is_none_or(|b| found.len() < b.len()) {
                best = Some(found);
            }
        }
        let tags: Vec<String> = alternatives
            .iter()
            .map(|a| resolve(root, a))
            .filter_map(|a| {
                a.get("required")
                    .and_then(Value::as_array)
                    .filter(|r| r.len() == 1)
                    .and_then(|r| r[0].as_str())
                    .map(str::to_owned)
                    .or_else(|| a.get("const").map(ToString::to_string))
                    .or_else(|| {
                        a.get("enum").and_then(Value::as_array).map(|e| {
                            e.iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                    })
            })
            .collect();
        let tagged = tags.len() == alternatives.len() && value.is_object();
        if tagged && value.as_object().is_some_and(|m| m.len() != 1) {
            problem(
                out,
                at,
                format!("次のキーのどれか一つだけを書きます：{}", tags.join("、")),
                format!("write exactly one of: {}", tags.join(", ")),
            );
            return;
        }
        if tagged || value.is_string() && tags.len() == alternatives.len() {
            if let Some(key) = value.as_object().and_then(|m| m.keys().next()) {
                let (hja, hen) = did_you_mean(closest(key, tags.iter()));
                problem(
                    out,
                    &join(at, key),
                    format!(
                        "「{key}」は使えません{hja}。次のどれかです：{}",
                        tags.join("、")
                    ),
                    format!("\"{key}\" is not allowed{hen}; one of: {}", tags.join(", ")),
                );
                return;
            }
            problem(
                out,
                at,
                format!("{value} は使えません。次のどれかです：{}", tags.join("、")),
                format!("{value} is not allowed; one of: {}", tags.join(", ")),
            );
            return;
        }
        out.extend(best.unwrap_or_default());
    }
}
