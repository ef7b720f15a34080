//! The OpenAPI 3.1 document served at `/openapi.json`, built from the route table
//! ([`super::ROUTES`]) and the JSON Schemas generated from the Rust types, so it cannot drift from
//! the code (a test compares them, and schemathesis checks the running server against it).

use serde_json::{json, Map, Value};

/// Moves a schemars schema's `$defs` into `components` and points its `$ref`s there; returns the
/// root schema.
fn absorb(mut schema: Value, components: &mut Map<String, Value>) -> Value {
    if let Some(Value::Object(defs)) = schema.as_object_mut().and_then(|o| o.remove("$defs")) {
        for (name, mut def) in defs {
            rewrite_refs(&mut def);
            components.insert(name, def);
        }
    }
    if let Some(obj) = schema.as_object_mut() {
        obj.remove("$schema");
    }
    rewrite_refs(&mut schema);
    schema
}

fn rewrite_refs(value: &mut Value) {
    match value {
        Value::Object(obj) => {
            if let Some(Value::String(r)) = obj.get_mut("$ref") {
                if let Some(name) = r.strip_prefix("#/$defs/") {
                    *r = format!("#/components/schemas/{name}");
                }
            }
            for v in obj.values_mut() {
                rewrite_refs(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

/// The OpenAPI document.
#[must_use]
pub fn document() -> Value {
    let mut components = Map::new();
    let programmes = absorb(yoken::schema::programmes_schema(), &mut components);
    components.insert("ProgrammeList".into(), programmes);
    // Absorbed second, the Report's `Message` is the one kept: it allows a message in one
    // language (`?lang=`), and the programme list's messages, always in both, fit it too.
    let report = absorb(yoken::schema::report_schema(), &mut components);
    components.insert("Report".into(), report);
    components.insert(
        "Error".into(),
        json!({
            "type": "object",
            "required": ["error"],
            "properties": {"error": {
                "type": "object",
                "required": ["code", "message"],
                "properties": {
                    "code": {"type": "string", "description": "A stable code from the registry (docs/codes.md): programme.unknown, form.not_json, form.duplicate_key, form.too_deep, request.too_large, …"},
                    "message": {"$ref": "#/components/schemas/Message"},
                    "line": {"type": "integer", "minimum": 1},
                    "column": {"type": "integer", "minimum": 0}
                }
            }}
        }),
    );
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "yoken",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Re-validates Japanese public-subsidy application forms with the same rules the browser widget runs. A finding about a form is part of a 200 Report; errors are for requests that cannot be served."
        },
        "paths": {
            "/healthz": {"get": {
                "operationId": "healthz",
                "summary": "Liveness",
                "responses": {"200": {"description": "The server is up.", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}}}}}}
            }},
            "/v1/programmes": {"get": {
                "operationId": "listProgrammes",
                "summary": "The programmes (rule packs) with their questions, clauses and sub-programmes",
                "responses": {"200": {"description": "Every programme.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ProgrammeList"}}}}}
            }},
            "/v1/programmes/{id}/validate": {"post": {
                "operationId": "validate",
                "summary": "Checks a form and returns its Report",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The programme id, e.g. maff-mohouhin-r7."},
                    {"name": "today", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}, "description": "The date to check on (YYYY-MM-DD; 和暦 such as 令和7年6月1日 is read too); the date in Japan when absent."},
                    {"name": "trace", "in": "query", "required": false, "schema": {"type": "boolean"}, "description": "false leaves the verdicts' trace trees out (default true)."},
                    {"name": "normalise", "in": "query", "required": false, "schema": {"type": "boolean"}, "description": "true adds `normalised_form`: the form with every readable value in its canonical spelling (default false)."},
                    {"name": "lang", "in": "query", "required": false, "schema": {"type": "string", "enum": ["ja", "en"]}, "description": "Every message of the Report in this one language only (`{\"ja\": …}`); both when absent (since yoken-report/2.2)."}
                ],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "description": "The form: an object whose keys are the programme's question paths."}}}},
                "responses": {
                    "200": {"description": "The Report: verdicts, traces, computed figures and findings.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
                    "400": error_response("Not JSON, a key given twice, nested too deeply, not an object, or a bad `today`, `trace`, `normalise` or `lang`."),
                    "404": error_response("No such programme."),
                    "413": error_response("The body is larger than the limit (refused at once when Content-Length says so)."),
                    "415": error_response("The body is not declared as JSON (Content-Type: application/json)."),
                    "503": error_response("The deadline passed (reading the body and checking it), or too many requests at once; retry.")
                }
            }},
            "/v1/programmes/{id}/documents": {"post": {
                "operationId": "checkDocuments",
                "summary": "Reads an application's 様式 workbooks (.xlsx) back through the programme's layouts and checks them",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "The programme id, e.g. maff-mohouhin-r7."},
                    {"name": "today", "in": "query", "required": false, "schema": {"type": "string", "format": "date"}, "description": "The date to check on (YYYY-MM-DD or 和暦); the date in Japan when absent."},
                    {"name": "trace", "in": "query", "required": false, "schema": {"type": "boolean"}, "description": "false leaves the verdicts' trace trees out (default true)."},
                    {"name": "normalise", "in": "query", "required": false, "schema": {"type": "boolean"}, "description": "true adds `normalised_form` to the Report (default false)."},
                    {"name": "lang", "in": "query", "required": false, "schema": {"type": "string", "enum": ["ja", "en"]}, "description": "Every message of the answer in this one language only; both when absent."}
                ],
                "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {
                    "type": "object",
                    "description": "One part per workbook (at most 20), each with its file name: the 様式 files of one application.",
                    "required": ["file"],
                    "properties": {"file": {"type": "array", "minItems": 1, "maxItems": 20, "items": {"type": "string", "format": "binary"}}}
                }}}},
                "responses": {
                    "200": {"description": "The Report on the form the files hold, each finding with its cell.", "content": {"application/json": {"schema": {
                        "type": "object",
                        "required": ["files", "report", "findings", "cells", "notes"],
                        "properties": {
                            "files": {"type": "array", "items": {"type": "string"}},
                            "report": {"$ref": "#/components/schemas/Report"},
                            "findings": {"type": "array", "items": {"type": "object", "required": ["code", "severity", "path", "message"], "properties": {
                                "code": {"type": "string"},
                                "severity": {"type": "string", "enum": ["error", "warning", "review", "info"]},
                                "path": {"type": "string"},
                                "cell": {"type": "string", "description": "Where in the files: 「別紙様式1-4!D12」."},
                                "message": {"$ref": "#/components/schemas/Message"}
                            }}},
                            "cells": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Each form path read, with its cell."},
                            "notes": {"type": "array", "items": {"$ref": "#/components/schemas/Message"}, "description": "What reading noticed: formulas, merged cells, Excel dates, another version of the rules."}
                        }
                    }}}},
                    "400": error_response("A file is not a readable workbook (document.unreadable) or not this programme's 様式 (document.mismatch, naming each cell that differs), no file was sent, or a bad query."),
                    "404": error_response("No such programme."),
                    "413": error_response("The upload is larger than the limit."),
                    "415": error_response("The body is not multipart/form-data."),
                    "503": error_response("The deadline passed, or too many requests at once; retry.")
                }
            }},
            "/openapi.json": {"get": {
                "operationId": "openapi",
                "summary": "This document",
                "responses": {"200": {"description": "The OpenAPI document.", "content": {"application/json": {"schema": {"type": "object"}}}}}
            }}
        },
        "components": {"schemas": components}
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_exactly_the_routes_the_router_serves() {
        let doc = document();
        let mut documented: Vec<(String, String)> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, ops)| {
                ops.as_object()
                    .unwrap()
                    .keys()
                    .map(move |m| (m.clone(), path.clone()))
            })
            .collect();
        documented.sort();
        let mut served: Vec<(String, String)> = super::super::ROUTES
            .iter()
            .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
            .collect();
        served.sort();
        assert_eq!(documented, served);
    }

    #[test]
    fn every_reference_resolves() {
        let doc = document();
        let text = doc.to_string();
        for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = &part[..part.find('"').unwrap()];
            assert!(doc["components"]["schemas"].get(name).is_some(), "{name}");
        }
        assert!(!text.contains("#/$defs/"));
    }
}
