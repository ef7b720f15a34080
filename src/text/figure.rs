//! Figures: computed values as the page shows them — amounts, numbers and dates — so no
//! JavaScript ever does arithmetic.
//!
//! Owns: how an amount is shown. Must not know: what the amount is.

use super::amount_field::FieldUnit;
use super::money::{push_grouped_digits, signed_digits, whole_digits, ThousandYen, Yen, DIGITS};
use serde::ser::SerializeStruct as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A computed value: an amount in three forms (digits in its unit, digits in yen, grouped
/// text), a number (digits, `yen` absent) or a date (ISO, `yen` absent, 和暦 shown).
///
/// The three texts are held in one allocation, each a range of it (an edit writes its figures
/// anew: one heap block a figure, not three); on the wire they are three fields, as before.
#[derive(Clone, Eq)]
pub struct Figure {
    /// The value, then the yen digits where they are not the value's, then the display (which
    /// may start at the value, when it is the value and a suffix).
    text: String,
    /// Where the value ends (it starts at 0).
    value_end: usize,
    /// Where the yen digits lie, for an amount.
    yen: Option<(usize, usize)>,
    /// Where the display starts (it runs to the end).
    display_start: usize,
}

impl Figure {
    /// Digits in the unit (`31270` for 31,270千円; may start with `-`); a number's digits
    /// (`33.33`, or `2/3` when it has no finite decimal form); a date as `YYYY-MM-DD`.
    #[must_use]
    pub fn value(&self) -> &str {
        &self.text[..self.value_end]
    }

    /// For amounts: digits in yen (`31270000`).
    #[must_use]
    pub fn yen(&self) -> Option<&str> {
        self.yen.map(|(start, end)| &self.text[start..end])
    }

    /// As shown (`31,270千円`, `1,234円`, `33.33`, `100日`, `令和7年6月1日`).
    #[must_use]
    pub fn display(&self) -> &str {
        &self.text[self.display_start..]
    }

    /// A figure of its three texts, as they are on the wire.
    #[must_use]
    pub fn from_parts(value: &str, yen: Option<&str>, display: &str) -> Self {
        let apart = yen.filter(|y| *y != value).map_or(0, str::len);
        let mut text = String::with_capacity(value.len() + apart + display.len());
        text.push_str(value);
        let value_end = text.len();
        let yen = yen.map(|y| {
            if y == value {
                (0, value_end)
            } else {
                text.push_str(y);
                (value_end, text.len())
            }
        });
        let display_start = text.len();
        text.push_str(display);
        Self {
            text,
            value_end,
            yen,
            display_start,
        }
    }

    /// A figure for `yen` in `unit`. In a 千円 table an amount that is not whole thousands (a
    /// ⌊÷2⌋ cap, say) is shown in yen.
    #[must_use]
    pub fn of(yen: Yen, unit: FieldUnit) -> Self {
        // The digits are worked out once and the three texts written from them into one
        // allocation: whole thousands end in 000.
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
            let yen_apart = if thousands { digits.len() + 1 } else { 0 };
            let mut text = String::with_capacity(
                shown.len() + 1 + yen_apart + shown.len() * 4 / 3 + 1 + suffix.len(),
            );
            text.push_str(sign);
            text.push_str(ascii(shown));
            let value_end = text.len();
            let yen = if thousands {
                text.push_str(sign);
                text.push_str(ascii(digits));
                (value_end, text.len())
            } else {
                (0, value_end)
            };
            let display_start = text.len();
            push_grouped_digits(&mut text, negative, shown);
            text.push_str(suffix);
            return Self {
                text,
                value_end,
                yen: Some(yen),
                display_start,
            };
        }
        if let Some(k) = shown_in_thousands(yen, unit) {
            Self::thousand(k, yen)
        } else {
            let digits = whole_digits(yen.value());
            Self::from_parts(&digits, Some(&digits), &yen.shown())
        }
    }

    /// How [`Figure::of`] shows `yen` in `unit` (its `display`), for a message that shows the
    /// amount only: the digits in the unit and in yen are not written.
    #[must_use]
    pub fn display_of(yen: Yen, unit: FieldUnit) -> String {
        shown_in_thousands(yen, unit).map_or_else(|| yen.shown(), ThousandYen::shown)
    }

    fn thousand(k: ThousandYen, yen: Yen) -> Self {
        Self::from_parts(
            &whole_digits(k.value()),
            Some(&whole_digits(yen.value())),
            &k.shown(),
        )
    }

    /// A number: its digits, shown with a suffix (`日`, `%`) when there is one.
    #[must_use]
    pub fn number(mut digits: String, suffix: &str) -> Self {
        // The display is the value and its suffix: one text holds both.
        let value_end = digits.len();
        digits.push_str(suffix);
        Self {
            text: digits,
            value_end,
            yen: None,
            display_start: 0,
        }
    }

    /// A date: ISO digits, shown in 和暦.
    #[must_use]
    pub fn date(date: chrono::NaiveDate) -> Self {
        Self::from_parts(&date.to_string(), None, &super::wareki::format_wareki(date))
    }
}

impl PartialEq for Figure {
    fn eq(&self, other: &Self) -> bool {
        // The same texts, however they are laid out in the one allocation.
        self.value() == other.value()
            && self.yen() == other.yen()
            && self.display() == other.display()
    }
}

impl fmt::Debug for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Figure")
            .field("value", &self.value())
            .field("yen", &self.yen())
            .field("display", &self.display())
            .finish()
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let yen = self.yen();
        let mut s = serializer.serialize_struct("Figure", 2 + usize::from(yen.is_some()))?;
        s.serialize_field("value", self.value())?;
        match yen {
            Some(y) => s.serialize_field("yen", y)?,
            None => s.skip_field("yen")?,
        }
        s.serialize_field("display", self.display())?;
        s.end()
    }
}

// A figure as the wire has it, three texts: what [`Figure`] reads, and its schema (whose
// description is the doc comment below).
/// A computed value: an amount in three forms (digits in its unit, digits in yen, grouped
/// text), a number (digits, `yen` absent) or a date (ISO, `yen` absent, 和暦 shown).
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Figure"))]
#[serde(deny_unknown_fields)]
struct FigureFields {
    /// Digits in the unit (`31270` for 31,270千円; may start with `-`); a number's digits
    /// (`33.33`, or `2/3` when it has no finite decimal form); a date as `YYYY-MM-DD`.
    value: String,
    /// For amounts: digits in yen (`31270000`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    yen: Option<String>,
    /// As shown (`31,270千円`, `1,234円`, `33.33`, `100日`, `令和7年6月1日`).
    display: String,
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f = FigureFields::deserialize(deserializer)?;
        Ok(Self::from_parts(&f.value, f.yen.as_deref(), &f.display))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Figure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        FigureFields::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        FigureFields::json_schema(generator)
    }
}

/// Digits as text (they are ASCII).
fn ascii(digits: &[u8]) -> &str {
    std::str::from_utf8(digits).unwrap_or_default()
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
            (f.value(), f.yen().unwrap_or(""), f.display()),
            ("31270", "31270000", "31,270千円")
        );
        let g = Figure::of(Yen::from_i64(500), FieldUnit::ThousandYen);
        assert_eq!(g.display(), "500円");
        let h = Figure::of(Yen::from_i64(-1_500), FieldUnit::Yen);
        assert_eq!(
            (h.value(), h.yen(), h.display()),
            ("-1500", Some("-1500"), "-1,500円")
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
                let parts = (f.value().to_owned(), f.display().to_owned());
                assert_eq!(parts, apart, "{yen:?} in {unit:?}");
                assert_eq!(f.yen(), Some(whole_digits(yen.value()).as_str()));
            }
        }
    }

    #[test]
    fn display_of_is_the_figures_display() {
        for yen in [0, 500, -1_500, 31_270_000, -2_000, 1_234_567_890_123] {
            for unit in [FieldUnit::Yen, FieldUnit::ThousandYen] {
                let yen = Yen::from_i64(yen);
                assert_eq!(
                    Figure::display_of(yen, unit),
                    Figure::of(yen, unit).display()
                );
            }
        }
    }

    #[test]
    fn on_the_wire_a_figure_is_three_texts_however_it_is_held() {
        let amount = Figure::of(Yen::from_i64(31_270_000), FieldUnit::ThousandYen);
        let json = r#"{"value":"31270","yen":"31270000","display":"31,270千円"}"#;
        assert_eq!(serde_json::to_string(&amount).unwrap(), json);
        assert_eq!(serde_json::from_str::<Figure>(json).unwrap(), amount);
        // The yen digits kept once when they are the value's, or apart: the same figure.
        let shared = Figure::of(Yen::from_i64(1_500), FieldUnit::Yen);
        let apart = Figure::from_parts("1500", Some("1500"), "1,500円");
        assert_eq!(shared, apart);
        assert_eq!(shared.text, "15001,500円");
        let number = Figure::number("33.33".to_owned(), "%");
        assert_eq!(number, Figure::from_parts("33.33", None, "33.33%"));
        assert_eq!(
            serde_json::to_string(&number).unwrap(),
            r#"{"value":"33.33","display":"33.33%"}"#
        );
        let date = Figure::date(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap());
        assert_eq!(
            serde_json::to_string(&date).unwrap(),
            r#"{"value":"2025-06-01","display":"令和7年6月1日"}"#
        );
        assert_ne!(number, Figure::from_parts("33.33", Some("33.33"), "33.33%"));
        assert_ne!(number, Figure::from_parts("33.3", None, "33.33%"));
        for bad in [
            r#"{"value":"1","display":"1","extra":1}"#,
            r#"{"display":"1"}"#,
            r#"{"value":1,"display":"1"}"#,
        ] {
            assert!(serde_json::from_str::<Figure>(bad).is_err(), "{bad}");
        }
    }
}
