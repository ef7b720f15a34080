//! The WebAssembly binding layer: a thin shell over the core, compiled only for wasm32.
//!
//! Two error channels, as in ruff's wasm crate: findings about the user's input are data in the
//! returned object; a malformed call (an unknown unit name, say) is a thrown JS `Error`.

use crate::amount_field::FieldUnit;
use crate::field_check::{check_amount, check_date};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The one serializer for everything that crosses the boundary: plain objects, no Maps.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Reads one amount field: `validateAmount("１２，３４５千円", "thousand_yen")`.
#[wasm_bindgen(js_name = validateAmount)]
pub fn validate_amount(text: &str, unit: &str) -> Result<JsValue, JsError> {
    let unit = match unit {
        "yen" => FieldUnit::Yen,
        "thousand_yen" => FieldUnit::ThousandYen,
        other => {
            return Err(JsError::new(&format!(
                "unknown unit {other:?}: expected \"yen\" or \"thousand_yen\""
            )))
        }
    };
    to_js(&check_amount(text, unit))
}

/// Reads one date field in 和暦 or 西暦: `parseWareki("R7.3.18")`.
#[wasm_bindgen(js_name = parseWareki)]
pub fn parse_wareki(text: &str) -> Result<JsValue, JsError> {
    to_js(&check_date(text))
}

/// Formats an ISO date (`2025-03-18`) in 和暦; used by the ICU oracle test.
#[wasm_bindgen(js_name = formatWareki)]
pub fn format_wareki(iso: &str) -> Result<String, JsError> {
    let date = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map_err(|e| JsError::new(&format!("not an ISO date {iso:?}: {e}")))?;
    Ok(crate::wareki::format_wareki(date))
}

/// The crate version, so a page can show which rules it runs.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
