//! Single-field checks: what the page shows live while one amount or date is typed.
//!
//! These are the building blocks the form engine uses for every amount and date field; they are
//! also exposed on their own (`validateAmount`, `parseWareki` in wasm) for pages that only need one field.
//!
//! Owns: one-field results for a page. Must not know: forms or programmes.

use super::amount_field::{read_amount, FieldUnit};
use super::fiscal_year::FiscalYear;
use super::money::Yen;
use super::wareki::{format_english, format_wareki, parse_date};
use crate::finding::code::Code;
use crate::finding::message::Message;
use serde::Serialize;

/// A problem with one field's text: a stable code and a bilingual message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    /// The diagnostic code (`number.negative`, `date.after_era`, …).
    pub code: Code,
    /// The message in Japanese and English.
    pub message: Message,
}

/// The result of reading one amount field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AmountCheck {
    /// Whether the text is a valid amount for the field.
    pub ok: bool,
    /// The field's unit.
    pub unit: FieldUnit,
    /// The amount in yen, as a string of digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yen: Option<Yen>,
    /// The amount in the field's unit, as a string of digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The amount as it should be shown: `12,345 千円`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// A note when the text was written in another unit and converted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Message>,
    /// Why the text is not accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<FieldProblem>,
}

/// Reads one amount field.
#[must_use]
pub fn check_amount(text: &str, unit: FieldUnit) -> AmountCheck {
    match read_amount(text, unit) {
        Ok(amount) => {
            let grouped = match unit {
                FieldUnit::Yen => amount.yen.grouped(),
                FieldUnit::ThousandYen => super::money::ThousandYen::new(amount.in_field_unit)
                    .map(super::money::ThousandYen::grouped)
                    .unwrap_or_default(),
            };
            AmountCheck {
                ok: true,
                unit,
                yen: Some(amount.yen),
                value: Some(amount.in_field_unit.to_string()),
                display: Some(format!("{grouped} {}", unit.label_ja())),
                note: amount.conversion_note(unit),
                error: None,
            }
        }
        Err(e) => AmountCheck {
            ok: false,
            unit,
            yen: None,
            value: None,
            display: None,
            note: None,
            error: Some(FieldProblem {
                code: e.code(),
                message: e.message(),
            }),
        },
    }
}

/// The result of reading one date field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateCheck {
    /// Whether the text is a valid date.
    pub ok: bool,
    /// ISO 8601 (`2025-03-18`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iso: Option<String>,
    /// 和暦 (`令和7年3月18日`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wareki: Option<String>,
    /// English with the era (`2025-03-18 (Reiwa 7)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub english: Option<String>,
    /// The fiscal year (`令和7年度`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal_year: Option<String>,
    /// Why the text is not accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<FieldProblem>,
}

/// Reads one date field (和暦 or 西暦).
#[must_use]
pub fn check_date(text: &str) -> DateCheck {
    match parse_date(text) {
        Ok(typed) => DateCheck {
            ok: true,
            iso: Some(typed.date.to_string()),
            wareki: Some(format_wareki(typed.date)),
            english: Some(format_english(typed.date)),
            fiscal_year: Some(FiscalYear::of(typed.date).to_string()),
            error: None,
        },
        Err(e) => DateCheck {
            ok: false,
            iso: None,
            wareki: None,
            english: None,
            fiscal_year: None,
            error: Some(FieldProblem {
                code: e.code(),
                message: e.message(),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn amount_check_serialises_for_the_page() {
        let json = serde_json::to_string(&check_amount("１２，３４５千円", FieldUnit::ThousandYen))
            .unwrap();
        assert_eq!(
            json,
            r#"{"ok":true,"unit":"thousand_yen","yen":"12345000","value":"12345","display":"12,345 千円"}"#
        );
        let bad = check_amount("-5", FieldUnit::Yen);
        assert!(!bad.ok);
        assert_eq!(bad.error.unwrap().code.as_str(), "number.negative");
    }

    #[test]
    fn date_check_gives_every_rendering() {
        let c = check_date("R7.3.18");
        assert_eq!(c.iso.as_deref(), Some("2025-03-18"));
        assert_eq!(c.wareki.as_deref(), Some("令和7年3月18日"));
        assert_eq!(c.fiscal_year.as_deref(), Some("令和6年度"));
        assert_eq!(
            check_date("平成31年5月1日").error.unwrap().code.as_str(),
            "date.after_era"
        );
    }
}
