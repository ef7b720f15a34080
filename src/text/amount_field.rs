//! Amount fields: typed text read into a 円 or 千円 field, converting a unit the person wrote.
//!
//! `12,345,000円` typed into a 千円 field is read as 12,345千円 with a note saying so (never
//! silently); `12,345,500円` there is an error (not whole thousands). `12千円` in a 円 field is
//! read as 12,000円, also with a note.
//!
//! Owns: 円/千円 fields. Must not know: which question or cell a field is.

use super::money::{MoneyError, ThousandYen, Yen};
use super::number_text::{parse_number, NumberRules, NumberTextError, WrittenUnit};
use crate::finding::code::Code;
use crate::finding::error::Error;
use crate::finding::message::Message;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The unit an amount field is stated in.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldUnit {
    /// 円.
    #[serde(rename = "yen")]
    Yen,
    /// 千円.
    #[serde(rename = "thousand_yen")]
    ThousandYen,
}

impl FieldUnit {
    /// The unit's Japanese label (`円`, `千円`).
    #[must_use]
    pub fn label_ja(self) -> &'static str {
        match self {
            FieldUnit::Yen => "円",
            FieldUnit::ThousandYen => "千円",
        }
    }

    /// The unit's English label.
    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            FieldUnit::Yen => "yen",
            FieldUnit::ThousandYen => "thousand yen",
        }
    }

    /// The unit by its name in a pack and on the wire (`yen`, `thousand_yen`); any other name is
    /// the `unit.unknown` refusal.
    /// (Matched here rather than through serde's derived reader, which brought serde_json's error
    /// machinery into the module for two names; a test holds the two readings equal.)
    pub fn named(name: &str) -> Result<Self, Error> {
        match name {
            "yen" => Ok(FieldUnit::Yen),
            "thousand_yen" => Ok(FieldUnit::ThousandYen),
            _ => {
                let shown: String = name.chars().take(40).collect();
                Err(Error::new(
                    Code::UnitUnknown,
                    Message::new(
                        format!(
                            "単位「{shown}」はありません。yen か thousand_yen にしてください。"
                        ),
                        format!("unknown unit \"{shown}\": expected \"yen\" or \"thousand_yen\""),
                    ),
                ))
            }
        }
    }
}

/// An amount read from a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldAmount {
    /// The amount in yen.
    pub yen: Yen,
    /// The amount in the field's own unit (whole 千円 in a 千円 field).
    pub in_field_unit: Decimal,
    /// The unit the person wrote, when it differed from the field's and was converted.
    pub converted_from: Option<FieldUnit>,
}

impl FieldAmount {
    /// The note shown when a unit was converted, e.g. "12,345,000円を12,345千円として読み取りました".
    #[must_use]
    pub fn conversion_note(&self, field: FieldUnit) -> Option<Message> {
        let from = self.converted_from?;
        let shown = match field {
            FieldUnit::Yen => self.yen.grouped(),
            FieldUnit::ThousandYen => ThousandYen::new(self.in_field_unit).ok()?.grouped(),
        };
        let typed = match from {
            FieldUnit::Yen => self.yen.grouped(),
            FieldUnit::ThousandYen => ThousandYen::new(self.yen.value() / Decimal::ONE_THOUSAND)
                .ok()?
                .grouped(),
        };
        Some(Message::new(
            format!(
                "{typed}{}を{shown}{}として読み取りました。",
                from.label_ja(),
                field.label_ja()
            ),
            format!(
                "Read {typed} {} as {shown} {} (this field is in {}).",
                from.label_en(),
                field.label_en(),
                field.label_ja()
            ),
        ))
    }
}

/// Why a field's text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// The text is not a number yoken accepts.
    Text(NumberTextError),
    /// The number does not fit the field (e.g. not whole thousands in a 千円 field).
    Money(MoneyError),
}

impl AmountError {
    /// The diagnostic code.
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            Self::Text(e) => e.code(),
            Self::Money(e) => e.code(),
        }
    }

    /// The message shown to the person typing.
    #[must_use]
    pub fn message(&self) -> Message {
        match self {
            Self::Text(e) => e.message(),
            Self::Money(e) => e.message(),
        }
    }
}

/// Reads `text` as an amount for a field stated in `field`.
pub fn read_amount(text: &str, field: FieldUnit) -> Result<FieldAmount, AmountError> {
    let typed = parse_number(text, NumberRules::AMOUNT).map_err(AmountError::Text)?;
    let written = match typed.unit {
        WrittenUnit::Yen => FieldUnit::Yen,
        WrittenUnit::ThousandYen => FieldUnit::ThousandYen,
        WrittenUnit::None | WrittenUnit::Percent => field,
    };
    let yen = match written {
        FieldUnit::Yen => Yen::new(typed.value),
        FieldUnit::ThousandYen => ThousandYen::new(typed.value).and_then(ThousandYen::to_yen),
    }
    .map_err(AmountError::Money)?;
    let in_field_unit = match field {
        FieldUnit::Yen => yen.value(),
        FieldUnit::ThousandYen => yen.to_thousand_yen().map_err(AmountError::Money)?.value(),
    };
    Ok(FieldAmount {
        yen,
        in_field_unit,
        converted_from: (written != field).then_some(written),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_unit_is_named_as_serde_names_it() {
        for unit in [FieldUnit::Yen, FieldUnit::ThousandYen] {
            let serde_json::Value::String(name) = serde_json::to_value(unit).unwrap() else {
                panic!("{unit:?} is not written as a name");
            };
            assert_eq!(FieldUnit::named(&name).unwrap(), unit);
        }
        for other in ["Yen", "thousand yen", "", "円"] {
            let e = FieldUnit::named(other).unwrap_err();
            assert_eq!(e.code(), Code::UnitUnknown, "{other}");
        }
    }

    #[test]
    fn reads_the_field_unit_and_converts_others_with_a_note() {
        let a = read_amount("１２，３４５千円", FieldUnit::ThousandYen).unwrap();
        assert_eq!(
            (a.yen, a.in_field_unit.to_string(), a.converted_from),
            (Yen::from_i64(12_345_000), "12345".into(), None)
        );
        assert_eq!(a.conversion_note(FieldUnit::ThousandYen), None);

        let b = read_amount("12,345,000円", FieldUnit::ThousandYen).unwrap();
        assert_eq!(
            (b.yen, b.in_field_unit.to_string()),
            (Yen::from_i64(12_345_000), "12345".into())
        );
        assert_eq!(b.converted_from, Some(FieldUnit::Yen));
        let note = b.conversion_note(FieldUnit::ThousandYen).unwrap();
        assert_eq!(note.ja, "12,345,000円を12,345千円として読み取りました。");

        let c = read_amount("12千円", FieldUnit::Yen).unwrap();
        assert_eq!(
            (c.yen, c.in_field_unit.to_string()),
            (Yen::from_i64(12_000), "12000".into())
        );
        assert_eq!(
            c.conversion_note(FieldUnit::Yen).unwrap().ja,
            "12千円を12,000円として読み取りました。"
        );

        let d = read_amount("12,345", FieldUnit::Yen).unwrap();
        assert_eq!((d.yen, d.converted_from), (Yen::from_i64(12_345), None));
    }

    #[test]
    fn a_yen_amount_that_is_not_whole_thousands_is_an_error_in_a_thousand_yen_field() {
        assert_eq!(
            read_amount("12,345,500円", FieldUnit::ThousandYen),
            Err(AmountError::Money(MoneyError::NotWholeThousands {
                yen: Yen::from_i64(12_345_500)
            }))
        );
        assert_eq!(
            read_amount("1.5", FieldUnit::ThousandYen),
            Err(AmountError::Text(NumberTextError::Fraction))
        );
    }
}
