//! Figures: computed values as the page shows them — amounts, numbers and dates — so no
//! JavaScript ever does arithmetic.
//!
//! Owns: how an amount is shown. Must not know: what the amount is.

use super::amount_field::FieldUnit;
use super::money::{push_grouped_digits, signed_digits, whole_digits, ThousandYen, Yen, DIGITS};
use serde::{Deserialize, Serialize};

/// A computed value: an amount in three forms (digits in its unit, digits in yen, grouped
/// text), a number (digits, `yen` absent) or a date (ISO, `yen` absent, 和暦 shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Digits in the unit (`31270` for 31,270千円; may start with `-`); a number's digits
    /// (`33.33`, or `2/3` when it has no finite decimal form); a date as `YYYY-MM-DD`.
    pub value: String,
    /// For amounts: digits in yen (`31270000`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yen: Option<String>,
    /// As shown (`31,270千円`, `1,234円`, `33.33`, `100日`, `令和7年6月1日`).
    pub display: String,
}

impl Figure {
    /// A figure for `yen` in `unit`. In a 千円 table an amount that is not whole thousands (a
    /// ⌊÷2⌋ cap, say) is shown in yen.
    #[must_use]
    pub fn of(yen: Yen, unit: FieldUnit) -> Self {
        // The digits are worked out once and the three texts cut from them (an edit's figures
        // are written anew each time): whole thousands end in 000.
        let mut buffer = [0; DIGITS];
        if let Some((negative, digits)) = signed_digits(yen.value(), &mut buffer) {
            let sign = if negative { "-" } else { "" };
            let thousands = unit == FieldUnit::ThousandYen
                && (digits == b"0" || (digits.len() > 3 && digits.ends_with(b"000")));
            let (shown, suffix) = match (thousands, digits) {
                (false, _) => (digits, "円"),
                (true, b"0") => (digits, "千円"),
                (true, _) => (&digits[..digits.len() - 3], "千円"),
            };
            let signed = |d: &[u8]| {
                let mut out = String::with_capacity(d.len() + 1);
                out.push_str(sign);
                // Digits are ASCII.
                out.push_str(std::str::from_utf8(d).unwrap_or_default());
                out
            };
            let mut display = String::with_capacity(shown.len() * 4 / 3 + 8);
            push_grouped_digits(&mut display, negative, shown);
            display.push_str(suffix);
            let yen_digits = signed(digits);
            return Self {
                value: if thousands {
                    signed(shown)
                } else {
                    yen_digits.clone()
                },
                yen: Some(yen_digits),
                display,
            };
        }
        if let Some(k) = shown_in_thousands(yen, unit) {
            Self::thousand(k, yen)
        } else {
            let digits = whole_digits(yen.value());
            Self {
                value: digits.clone(),
                yen: Some(digits),
                display: yen.shown(),
            }
        }
    }

    /// How [`Figure::of`] shows `yen` in `unit` (its `display`), for a message that shows the
    /// amount only: the digits in the unit and in yen are not written.
    #[must_use]
    pub fn display_of(yen: Yen, unit: FieldUnit) -> String {
        shown_in_thousands(yen, unit).map_or_else(|| yen.shown(), ThousandYen::shown)
    }

    fn thousand(k: ThousandYen, yen: Yen) -> Self {
        Self {
            value: whole_digits(k.value()),
            yen: Some(whole_digits(yen.value())),
            display: k.shown(),
        }
    }

    /// A number: its digits, shown with a suffix (`日`, `%`) when there is one.
    #[must_use]
    pub fn number(digits: String, suffix: &str) -> Self {
        Self {
            display: format!("{digits}{suffix}"),
            value: digits,
            yen: None,
        }
    }

    /// A date: ISO digits, shown in 和暦.
    #[must_use]
    pub fn date(date: chrono::NaiveDate) -> Self {
        Self {
            value: date.to_string(),
            yen: None,
            display: super::wareki::format_wareki(date),
        }
    }
}

/// The amount in 千円 when a figure in `unit` shows it so: in a 千円 table, when it is whole
/// thousands (otherwise it is shown in yen).
fn shown_in_thousands(yen: Yen, unit: FieldUnit) -> Option<ThousandYen> {
    (unit == FieldUnit::ThousandYen)
        .then(|| yen.to_thousand_yen().ok())
        .flatten()
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
            (
                f.value.as_str(),
                f.yen.as_deref().unwrap_or(""),
                f.display.as_str()
            ),
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

    #[test]
    fn a_figure_cut_from_one_pass_equals_its_parts_written_apart() {
        let mut amounts = vec![
            0,
            1,
            999,
            1_000,
            1_001,
            10_000,
            999_000,
            1_000_000,
            i64::MAX,
        ];
        amounts.extend((0..40).map(|i| 7_i64.pow(i % 15) * 1_000 + i64::from(i % 3)));
        let mut yens: Vec<Yen> = amounts
            .iter()
            .flat_map(|&a| [Yen::from_i64(a), Yen::from_i64(-a)])
            .collect();
        // Beyond 64 bits (the mantissa's other path).
        let big = rust_decimal::Decimal::MAX;
        let thousands = (big / rust_decimal::Decimal::ONE_THOUSAND).trunc()
            * rust_decimal::Decimal::ONE_THOUSAND;
        yens.extend([big, -big, thousands, -thousands].map(|d| Yen::new(d).unwrap()));
        for yen in yens {
            for unit in [FieldUnit::Yen, FieldUnit::ThousandYen] {
                let f = Figure::of(yen, unit);
                let apart = match shown_in_thousands(yen, unit) {
                    Some(k) => (whole_digits(k.value()), k.shown()),
                    None => (whole_digits(yen.value()), yen.shown()),
                };
                assert_eq!((f.value, f.display), apart, "{yen:?} in {unit:?}");
                assert_eq!(f.yen, Some(whole_digits(yen.value())));
            }
        }
    }

    #[test]
    fn display_of_is_the_figures_display() {
        for yen in [0, 500, -1_500, 31_270_000, -2_000, 1_234_567_890_123] {
            for unit in [FieldUnit::Yen, FieldUnit::ThousandYen] {
                let yen = Yen::from_i64(yen);
                assert_eq!(Figure::display_of(yen, unit), Figure::of(yen, unit).display);
            }
        }
    }
}
