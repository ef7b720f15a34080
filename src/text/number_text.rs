//! Typed text → number: reads what people type into amount fields, or says exactly why not.
//!
//! Accepted (after folding full-width characters, see [`super::width`]):
//! - digits, with comma grouping (`,` or `，`) in groups of three: `12,345`, `１２，３４５`;
//! - spaces around the number and before the unit: ` 12,345 千円 `;
//! - a trailing `円` or `千円`, a leading `¥`/`￥` (or `\`, which Japanese keyboards show as ¥);
//! - a decimal point only where the field allows fractions (percentages), or `.0`/`.00` (whole).
//!
//! Rejected, each with its own [`NumberTextError`]: empty text, negatives (`-`, `−`, `▲`, `△`,
//! `(…)`), exponents (`1e5`), fractions where whole units are required, more than
//! [`MAX_INTEGER_DIGITS`] integer digits, mixed units (`¥12千円`, `1千500円`), units other than
//! 円/千円 (`万円`), misplaced grouping commas (`12,34`) and any other character.
//!
//! Owns: the grammar of typed numbers. Must not know: units of a field (see
//! [`super::amount_field`]).

use super::width::{folded, is_space};
use crate::finding::code::Code;
use crate::finding::message::Message;
use rust_decimal::Decimal;
use serde::Serialize;

/// The most integer digits an amount may have (999兆円 and change).
pub const MAX_INTEGER_DIGITS: usize = 15;

/// The unit a number was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WrittenUnit {
    /// No unit: the field's own unit applies.
    None,
    /// `円` or a leading `¥`.
    Yen,
    /// `千円`.
    ThousandYen,
    /// `%` or `％`.
    Percent,
}

/// What a field accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberRules {
    /// Whether digits after a decimal point are allowed (percentages); amounts are whole.
    pub allow_fraction: bool,
    /// Whether a `%` sign is allowed (and yen units are not).
    pub percent: bool,
}

impl NumberRules {
    /// Whole amounts of money (円 or 千円 fields).
    pub const AMOUNT: Self = Self {
        allow_fraction: false,
        percent: false,
    };
    /// Percentages such as 出来高 (fractions allowed, `%` optional).
    pub const PERCENT: Self = Self {
        allow_fraction: true,
        percent: true,
    };
}

/// A number read from typed text, with the unit it was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypedNumber {
    /// The value in the written unit (e.g. `12345` for `12,345千円`).
    pub value: Decimal,
    /// The unit the person wrote.
    pub unit: WrittenUnit,
}

/// Why typed text is not a number yoken will accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberTextError {
    /// Nothing but spaces (or only a unit).
    Empty,
    /// A minus sign or a Japanese accounting negative mark.
    Negative,
    /// Scientific notation such as `1e5`.
    Exponent,
    /// A fraction where whole units are required.
    Fraction,
    /// More integer digits than [`MAX_INTEGER_DIGITS`].
    TooManyDigits {
        /// How many integer digits were typed.
        digits: usize,
    },
    /// Two units that disagree (`¥12千円`, `1千500円`, `12%円`).
    MixedUnits,
    /// A unit yoken does not read (`万円`, `億円`, `ドル`); write the digits.
    UnknownUnit {
        /// The unit text as typed.
        unit: String,
    },
    /// Grouping commas not in groups of three, or a second decimal point.
    BadGrouping,
    /// A character that has no place in a number.
    UnexpectedCharacter {
        /// The character as typed.
        ch: char,
    },
}

impl NumberTextError {
    /// The diagnostic code for this error (see the code registry).
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            Self::Empty => Code::NumberEmpty,
            Self::Negative => Code::NumberNegative,
            Self::Exponent => Code::NumberExponent,
            Self::Fraction => Code::NumberFraction,
            Self::TooManyDigits { .. } => Code::NumberTooManyDigits,
            Self::MixedUnits => Code::NumberMixedUnits,
            Self::UnknownUnit { .. } => Code::NumberUnknownUnit,
            Self::BadGrouping => Code::NumberBadGrouping,
            Self::UnexpectedCharacter { .. } => Code::NumberUnexpectedCharacter,
        }
    }

    /// The message shown to the person typing.
    #[must_use]
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("数値を入力してください。", "Enter a number."),
            Self::Negative => Message::new(
                "マイナスの金額は入力できません（-、▲、△ は使えません）。",
                "Negative amounts are not accepted (no -, ▲ or △).",
            ),
            Self::Exponent => Message::new(
                "指数表記（1e5 など）は使えません。数字で入力してください。",
                "Exponent notation (such as 1e5) is not accepted; type the digits.",
            ),
            Self::Fraction => Message::new(
                "小数は入力できません。この欄は整数で入力してください。",
                "Decimals are not accepted here; enter a whole number.",
            ),
            Self::TooManyDigits { digits } => Message::new(
                format!(
                    "桁数が多すぎます（整数部{digits}桁、上限{MAX_INTEGER_DIGITS}桁）。"
                ),
                format!(
                    "Too many digits ({digits} integer digits; at most {MAX_INTEGER_DIGITS})."
                ),
            ),
            Self::MixedUnits => Message::new(
                "単位が混在しています。円か千円のどちらか一つで入力してください。",
                "Mixed units: write the amount in either 円 (yen) or 千円 (thousand yen), not both.",
            ),
            Self::UnknownUnit { unit } => Message::new(
                format!("「{unit}」は使えません。円または千円の単位で、数字で入力してください。"),
                format!("\"{unit}\" is not accepted; write the digits in 円 (yen) or 千円 (thousand yen)."),
            ),
            Self::BadGrouping => Message::new(
                "桁区切りのカンマの位置が正しくありません（3桁ごとに区切ってください）。",
                "The grouping commas are misplaced (group digits in threes).",
            ),
            Self::UnexpectedCharacter { ch } => Message::new(
                format!("「{ch}」は数値に使えない文字です。"),
                format!("\"{ch}\" cannot appear in a number."),
            ),
        }
    }
}

/// Characters that mark a negative amount at the start (or `(` for accounting brackets).
const NEGATIVE_MARKS: [char; 9] = [
    '-', '\u{2212}', '\u{2010}', '\u{2011}', '\u{2013}', '\u{2014}', '▲', '△', '(',
];

/// Reads typed text as a number under `rules`.
pub fn parse_number(text: &str, rules: NumberRules) -> Result<TypedNumber, NumberTextError> {
    let folded = folded(text);
    let mut body = folded.trim_matches(is_space);
    if body.is_empty() {
        return Err(NumberTextError::Empty);
    }
    if body.starts_with(NEGATIVE_MARKS) {
        return Err(NumberTextError::Negative);
    }
    let mut prefix = WrittenUnit::None;
    if let Some(rest) = body.strip_prefix(['\u{A5}', '\\']) {
        prefix = WrittenUnit::Yen;
        body = rest.trim_start_matches(is_space);
        if body.starts_with(NEGATIVE_MARKS) {
            return Err(NumberTextError::Negative);
        }
    }
    let (rest, suffix) = split_suffix(body);
    body = rest.trim_end_matches(is_space);
    let suffix = match suffix {
        None => None,
        Some(Suffix::Yen) => Some(WrittenUnit::Yen),
        Some(Suffix::ThousandYen) => Some(WrittenUnit::ThousandYen),
        Some(Suffix::Percent) => Some(WrittenUnit::Percent),
        Some(Suffix::Mixed) => return Err(NumberTextError::MixedUnits),
        Some(Suffix::Other(unit)) => return Err(NumberTextError::UnknownUnit { unit }),
    };
    let unit = match (prefix, suffix) {
        (WrittenUnit::Yen, None | Some(WrittenUnit::Yen)) => WrittenUnit::Yen,
        (WrittenUnit::Yen, Some(_)) => return Err(NumberTextError::MixedUnits),
        (_, written) => written.unwrap_or(WrittenUnit::None),
    };
    match unit {
        WrittenUnit::Percent if !rules.percent => {
            return Err(NumberTextError::UnexpectedCharacter { ch: '%' })
        }
        WrittenUnit::Yen | WrittenUnit::ThousandYen if rules.percent => {
            return Err(NumberTextError::MixedUnits)
        }
        _ => {}
    }
    if body.is_empty() {
        return Err(NumberTextError::Empty);
    }
    parse_digits(body, rules).map(|value| TypedNumber { value, unit })
}

/// A unit written after the digits.
enum Suffix {
    Yen,
    ThousandYen,
    Percent,
    Mixed,
    Other(String),
}

/// Splits a trailing unit off `body`; anything non-numeric at the end counts as a unit.
fn split_suffix(body: &str) -> (&str, Option<Suffix>) {
    let is_numeric = |c: char| c.is_ascii_digit() || c == ',' || c == '.' || is_space(c);
    let Some(cut) = body
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !is_numeric(c))
        .last()
        .map(|(i, _)| i)
    else {
        return (body, None);
    };
    let (digits, unit) = body.split_at(cut);
    let suffix = match unit {
        "円" => Suffix::Yen,
        "千円" => Suffix::ThousandYen,
        "%" => Suffix::Percent,
        // A unit letter inside the digits ("1千500ドル") or two units ("12%円") is a mix.
        other
            if digits.contains(['円', '千', '%'])
                || other.chars().filter(|c| "円千%".contains(*c)).count() > 1 =>
        {
            Suffix::Mixed
        }
        other => Suffix::Other(other.to_owned()),
    };
    (digits, Some(suffix))
}

/// Reads `[digits with grouping commas][.fraction]`.
fn parse_digits(body: &str, rules: NumberRules) -> Result<Decimal, NumberTextError> {
    if let Some(c) = body
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
    {
        return Err(match c {
            'e' | 'E' => NumberTextError::Exponent,
            '円' | '千' | '%' => NumberTextError::MixedUnits,
            c if NEGATIVE_MARKS.contains(&c) => NumberTextError::Negative,
            c if is_space(c) => NumberTextError::BadGrouping,
            c => NumberTextError::UnexpectedCharacter { ch: c },
        });
    }
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    if let Some(f) = frac_part {
        if f.contains(['.', ',']) || f.is_empty() || int_part.is_empty() {
            return Err(NumberTextError::BadGrouping);
        }
        let whole = f.len() <= 2 && f.bytes().all(|b| b == b'0');
        if !rules.allow_fraction && !whole {
            return Err(NumberTextError::Fraction);
        }
    }
    let digits: std::borrow::Cow<'_, str> = if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first = groups.next().unwrap_or_default();
        if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
            return Err(NumberTextError::BadGrouping);
        }
        int_part.chars().filter(char::is_ascii_digit).collect()
    } else {
        int_part.into()
    };
    let significant = digits.trim_start_matches('0').len();
    if significant > MAX_INTEGER_DIGITS {
        return Err(NumberTextError::TooManyDigits {
            digits: significant,
        });
    }
    let literal = match frac_part {
        Some(f) if rules.allow_fraction => format!("{digits}.{f}").into(),
        _ => digits,
    };
    let mut value = Decimal::from_str_exact(&literal).map_err(|_| NumberTextError::BadGrouping)?;
    value.normalize_assign();
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;
    use NumberTextError as E;

    fn amount(text: &str) -> Result<(String, WrittenUnit), NumberTextError> {
        parse_number(text, NumberRules::AMOUNT).map(|n| (n.value.to_string(), n.unit))
    }

    fn ok(text: &str, value: &str, unit: WrittenUnit) {
        assert_eq!(amount(text), Ok((value.to_owned(), unit)), "{text:?}");
    }

    #[test]
    fn reads_what_people_type() {
        ok("12345", "12345", WrittenUnit::None);
        ok("１２，３４５", "12345", WrittenUnit::None);
        ok("12,345千円", "12345", WrittenUnit::ThousandYen);
        ok("１２，３４５千円", "12345", WrittenUnit::ThousandYen);
        ok(" 12,345 千円 ", "12345", WrittenUnit::ThousandYen);
        ok("12,345,000円", "12345000", WrittenUnit::Yen);
        ok("¥12,345", "12345", WrittenUnit::Yen);
        ok("￥ １２３", "123", WrittenUnit::Yen);
        ok("¥1,000円", "1000", WrittenUnit::Yen);
        ok("\\500", "500", WrittenUnit::Yen);
        ok("007", "7", WrittenUnit::None);
        ok("0", "0", WrittenUnit::None);
        ok("1,000.00", "1000", WrittenUnit::None);
        ok(
            "\u{3000}３１，２７０千円\u{3000}",
            "31270",
            WrittenUnit::ThousandYen,
        );
        ok("999,999,999,999,999", "999999999999999", WrittenUnit::None);
    }

    #[test]
    fn rejects_with_a_reason() {
        assert_eq!(amount(""), Err(E::Empty));
        assert_eq!(amount("   "), Err(E::Empty));
        assert_eq!(amount("円"), Err(E::Empty));
        assert_eq!(amount("-100"), Err(E::Negative));
        assert_eq!(amount("−100"), Err(E::Negative));
        assert_eq!(amount("－１００"), Err(E::Negative));
        assert_eq!(amount("▲100"), Err(E::Negative));
        assert_eq!(amount("△100"), Err(E::Negative));
        assert_eq!(amount("(100)"), Err(E::Negative));
        assert_eq!(amount("¥-100"), Err(E::Negative));
        assert_eq!(amount("1e5"), Err(E::Exponent));
        assert_eq!(amount("１Ｅ５"), Err(E::Exponent));
        assert_eq!(amount("12.5千円"), Err(E::Fraction));
        assert_eq!(amount("100.5"), Err(E::Fraction));
        assert_eq!(amount("12.000"), Err(E::Fraction));
        assert_eq!(
            amount("1234567890123456"),
            Err(E::TooManyDigits { digits: 16 })
        );
        assert_eq!(amount("¥12千円"), Err(E::MixedUnits));
        assert_eq!(amount("1千500円"), Err(E::MixedUnits));
        assert_eq!(
            amount("50万円"),
            Err(E::UnknownUnit {
                unit: "万円".to_owned()
            })
        );
        assert_eq!(amount("12,34"), Err(E::BadGrouping));
        assert_eq!(amount("1,2345"), Err(E::BadGrouping));
        assert_eq!(amount(",123"), Err(E::BadGrouping));
        assert_eq!(amount("1.2.3"), Err(E::BadGrouping));
        assert_eq!(amount("12 345"), Err(E::BadGrouping));
        assert_eq!(amount("12%"), Err(E::UnexpectedCharacter { ch: '%' }));
        assert!(matches!(
            amount("1a2"),
            Err(E::UnexpectedCharacter { ch: 'a' })
        ));
    }

    #[test]
    fn percent_fields_take_fractions() {
        let p =
            |t: &str| parse_number(t, NumberRules::PERCENT).map(|n| (n.value.to_string(), n.unit));
        assert_eq!(p("33.3%"), Ok(("33.3".to_owned(), WrittenUnit::Percent)));
        assert_eq!(p("１００％"), Ok(("100".to_owned(), WrittenUnit::Percent)));
        assert_eq!(p("50"), Ok(("50".to_owned(), WrittenUnit::None)));
        assert_eq!(p("50円"), Err(E::MixedUnits));
        assert_eq!(p("-5%"), Err(E::Negative));
    }

    #[test]
    fn every_error_has_a_code_and_two_languages() {
        let all = [
            E::Empty,
            E::Negative,
            E::Exponent,
            E::Fraction,
            E::TooManyDigits { digits: 16 },
            E::MixedUnits,
            E::UnknownUnit {
                unit: "万円".into(),
            },
            E::BadGrouping,
            E::UnexpectedCharacter { ch: 'x' },
        ];
        for e in all {
            assert!(e.code().as_str().starts_with("number."));
            let m = e.message();
            assert!(!m.ja.is_empty() && !m.en.is_empty());
        }
    }
}
