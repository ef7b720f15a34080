//! Figures: computed amounts as the page shows them, so no JavaScript ever does arithmetic.
//!
//! Owns: how an amount is shown. Must not know: what the amount is.

use super::amount_field::FieldUnit;
use super::money::{whole_digits, ThousandYen, Yen};
use serde::{Deserialize, Serialize};

/// An amount in three forms: digits in the table's unit, digits in yen, and grouped text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Digits in the table's unit (`31270` for 31,270千円); may start with `-`.
    pub value: String,
    /// Digits in yen (`31270000`).
    pub yen: String,
    /// As shown (`31,270千円`, `1,234円`).
    pub display: String,
}

impl Figure {
    /// A figure for `yen` in `unit`. In a 千円 table an amount that is not whole thousands (a
    /// ⌊÷2⌋ cap, say) is shown in yen.
    #[must_use]
    pub fn of(yen: Yen, unit: FieldUnit) -> Self {
        if let (FieldUnit::ThousandYen, Ok(k)) = (unit, yen.to_thousand_yen()) {
            Self::thousand(k, yen)
        } else {
            let digits = whole_digits(yen.value());
            Self {
                value: digits.clone(),
                yen: digits,
                display: yen.shown(),
            }
        }
    }

    fn thousand(k: ThousandYen, yen: Yen) -> Self {
        Self {
            value: whole_digits(k.value()),
            yen: whole_digits(yen.value()),
            display: k.shown(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn shows_thousands_in_a_thousand_yen_table_and_yen_otherwise() {
        let f = Figure::of(Yen::from_i64(31_270_000), FieldUnit::ThousandYen);
        assert_eq!(
            (f.value.as_str(), f.yen.as_str(), f.display.as_str()),
            ("31270", "31270000", "31,270千円")
        );
        let g = Figure::of(Yen::from_i64(500), FieldUnit::ThousandYen);
        assert_eq!(g.display, "500円");
        let h = Figure::of(Yen::from_i64(-1_500), FieldUnit::Yen);
        assert_eq!(
            (h.value.as_str(), h.display.as_str()),
            ("-1500", "-1,500円")
        );
    }
}
