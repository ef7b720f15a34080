//! Money: exact whole 円 ([`Yen`]) and whole 千円 ([`ThousandYen`]) amounts, never floats.
//!
//! Both wrap a [`rust_decimal::Decimal`] with no fractional part. Arithmetic is checked
//! (an overflow is a [`MoneyError`], never a wrap or a panic); rounding is always explicit
//! (floor, as 国等の債権債務等の金額の端数計算に関する法律 第2条 drops fractions of a yen).
//! Amounts serialise as strings of digits (`"12345"`) so no JavaScript number ever holds one.
//!
//! Owns: exact money. Must not know: where an amount came from.

use crate::finding::code::Code;
use crate::finding::message::Message;
use core::fmt;
use core::ops::{Div, Rem};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

/// Why an amount could not be formed or computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// The value has a fractional part where a whole number of yen is required.
    NotWhole,
    /// A 円 amount that is not a whole number of thousands, where a 千円 figure is required.
    NotWholeThousands {
        /// The amount in yen that was offered.
        yen: Yen,
    },
    /// The result is too large to represent exactly.
    Overflow,
}

impl MoneyError {
    /// The diagnostic code for this error.
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            Self::NotWhole => Code::MoneyNotWhole,
            Self::NotWholeThousands { .. } => Code::MoneyNotWholeThousands,
            Self::Overflow => Code::MoneyOverflow,
        }
    }

    /// The message shown to the person typing.
    #[must_use]
    pub fn message(&self) -> Message {
        match self {
            Self::NotWhole => Message::new(
                "1円未満の端数は入力できません。",
                "Amounts must be whole yen.",
            ),
            Self::NotWholeThousands { yen } => Message::new(
                format!("{}円は千円単位になりません。千円単位（1,000円の倍数）で入力してください。", yen.grouped()),
                format!("{} yen is not a whole number of thousands; enter the amount in whole 千円 (multiples of 1,000 yen).", yen.grouped()),
            ),
            Self::Overflow => Message::new(
                "金額が大きすぎて計算できません。",
                "The amount is too large to compute.",
            ),
        }
    }
}

/// An exact whole number of yen (円). May be negative as the result of a subtraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Yen(Decimal);

/// An exact whole number of thousands of yen (千円), the unit of 公募要領 budgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ThousandYen(Decimal);

/// Drops trailing zero scale so that `1000.00` and `1000` compare, hash and print alike.
fn whole(value: Decimal) -> Result<Decimal, MoneyError> {
    if value.fract().is_zero() {
        Ok(value.trunc().normalize())
    } else {
        Err(MoneyError::NotWhole)
    }
}

/// What both whole-amount types share: construction, checked arithmetic, grouping, Display
/// (`12,345円` / `12,345千円`) and serialisation as a string of digits.
macro_rules! whole_amount {
    ($ty:ident, $unit:literal, $unit_doc:literal) => {
        impl $ty {
            #[doc = concat!("Zero ", $unit_doc, ".")]
            pub const ZERO: Self = Self(Decimal::ZERO);

            #[doc = concat!("A whole amount of ", $unit_doc, "; a fraction is an error, never rounded silently.")]
            pub fn new(value: Decimal) -> Result<Self, MoneyError> {
                whole(value).map(Self)
            }

            #[doc = concat!("An amount from an integer number of ", $unit_doc, ".")]
            #[must_use]
            pub fn from_i64(value: i64) -> Self {
                Self(Decimal::from(value))
            }

            #[doc = concat!("The amount as a decimal number of ", $unit_doc, ".")]
            #[must_use]
            pub fn value(self) -> Decimal {
                self.0
            }

            /// Whether the amount is below zero.
            #[must_use]
            pub fn is_negative(self) -> bool {
                self.0.is_sign_negative() && !self.0.is_zero()
            }

            /// `self + other`, or [`MoneyError::Overflow`].
            pub fn checked_add(self, other: Self) -> Result<Self, MoneyError> {
                self.0.checked_add(other.0).map(Self).ok_or(MoneyError::Overflow)
            }

            /// `self - other`, or [`MoneyError::Overflow`].
            pub fn checked_sub(self, other: Self) -> Result<Self, MoneyError> {
                self.0.checked_sub(other.0).map(Self).ok_or(MoneyError::Overflow)
            }

            /// The sum of `amounts`, or [`MoneyError::Overflow`].
            pub fn checked_sum<I: IntoIterator<Item = Self>>(amounts: I) -> Result<Self, MoneyError> {
                amounts.into_iter().try_fold(Self::ZERO, Self::checked_add)
            }

            /// The digits with comma grouping, e.g. `12,345` (or `-12,345`).
            #[must_use]
            pub fn grouped(self) -> String {
                group_digits(self.0)
            }

            #[doc = concat!("As shown: grouped digits and the unit (`12,345", $unit, "`), the same as Display.")]
            #[must_use]
            pub fn shown(self) -> String {
                let mut text = String::with_capacity(32);
                push_grouped(&mut text, self.0);
                text.push_str($unit);
                text
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.shown())
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&whole_digits(self.0))
            }
        }
    };
}

whole_amount!(Yen, "円", "yen");
whole_amount!(ThousandYen, "千円", "千円 (thousands of yen)");

impl Yen {
    /// `self × factor`, or [`MoneyError::Overflow`].
    pub fn checked_mul(self, factor: i64) -> Result<Self, MoneyError> {
        self.0
            .checked_mul(Decimal::from(factor))
            .map(Self)
            .ok_or(MoneyError::Overflow)
    }

    /// `⌊self × numerator / denominator⌋` to the yen (towards −∞), e.g. ⌊事業費 / 2⌋ for a 1/2 rate.
    pub fn mul_ratio_floor(
        self,
        numerator: Decimal,
        denominator: Decimal,
    ) -> Result<Self, MoneyError> {
        let product = self.0.checked_mul(numerator).ok_or(MoneyError::Overflow)?;
        let quotient = product
            .checked_div(denominator)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self(
            quotient
                .round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity)
                .normalize(),
        ))
    }

    /// The largest multiple of `unit` yen not above `self` (e.g. floor to 1,000 or 100 yen).
    pub fn floor_to(self, unit: Self) -> Result<Self, MoneyError> {
        if unit.0 <= Decimal::ZERO {
            return Err(MoneyError::Overflow);
        }
        let units = self
            .0
            .checked_div(unit.0)
            .ok_or(MoneyError::Overflow)?
            .round_dp_with_strategy(0, RoundingStrategy::ToNegativeInfinity);
        units
            .checked_mul(unit.0)
            .map(|v| Self(v.normalize()))
            .ok_or(MoneyError::Overflow)
    }

    /// The same amount in 千円; an error unless it is a whole number of thousands.
    pub fn to_thousand_yen(self) -> Result<ThousandYen, MoneyError> {
        // Whole yen (the usual case): integer arithmetic on the mantissa, no decimal division.
        if self.0.scale() == 0 {
            let m = self.0.mantissa();
            if m % 1000 != 0 {
                return Err(MoneyError::NotWholeThousands { yen: self });
            }
            if let Ok(k) = Decimal::try_from_i128_with_scale(m / 1000, 0) {
                return Ok(ThousandYen(k));
            }
        }
        let (thousands, rest) = (
            self.0 / Decimal::ONE_THOUSAND,
            self.0 % Decimal::ONE_THOUSAND,
        );
        if rest.is_zero() {
            Ok(ThousandYen(thousands.normalize()))
        } else {
            Err(MoneyError::NotWholeThousands { yen: self })
        }
    }
}

impl ThousandYen {
    /// The same amount in yen, or [`MoneyError::Overflow`].
    pub fn to_yen(self) -> Result<Yen, MoneyError> {
        self.0
            .checked_mul(Decimal::ONE_THOUSAND)
            .map(Yen)
            .ok_or(MoneyError::Overflow)
    }
}

/// Groups the integer digits of a whole decimal in threes: `1234567` → `1,234,567`.
fn group_digits(value: Decimal) -> String {
    let mut out = String::with_capacity(32);
    push_grouped(&mut out, value);
    out
}

/// [`group_digits`] written onto the end of `out` (no text of its own to allocate).
fn push_grouped(out: &mut String, value: Decimal) {
    let whole = whole_part(value.abs());
    let mut buffer = [0; DIGITS];
    let text;
    let digits = if let Some(d) = magnitude_digits(whole, &mut buffer) {
        d
    } else {
        text = whole.normalize().to_string();
        text.as_bytes()
    };
    push_grouped_digits(out, value.is_sign_negative() && !value.is_zero(), digits);
}

/// Digits (ASCII) grouped by threes with commas, after a `-` when `negative`.
pub(crate) fn push_grouped_digits(out: &mut String, negative: bool, digits: &[u8]) {
    if negative {
        out.push('-');
    }
    for (i, &c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(char::from(c));
    }
}

/// A whole amount's sign (`true`: below zero) and the digits of its magnitude, written at the
/// end of `buffer`; `None` for an amount with a scale (left to `Decimal`'s own formatting).
pub(crate) fn signed_digits(value: Decimal, buffer: &mut [u8; DIGITS]) -> Option<(bool, &[u8])> {
    let negative = value.mantissa() < 0;
    magnitude_digits(value, buffer).map(|digits| (negative, digits))
}

/// The most digits a decimal's mantissa (below 2^96) has.
pub(crate) const DIGITS: usize = 39;

/// A decimal's whole part (the decimal itself when it has no fraction digits).
fn whole_part(value: Decimal) -> Decimal {
    if value.scale() == 0 {
        value
    } else {
        value.trunc()
    }
}

/// The digits of a whole decimal without its sign, written at the end of `buffer`; `None` for
/// one with a scale (left to `Decimal`'s own formatting).
fn magnitude_digits(whole: Decimal, buffer: &mut [u8; DIGITS]) -> Option<&[u8]> {
    if whole.scale() != 0 {
        return None;
    }
    let m = whole.mantissa().unsigned_abs();
    // Amounts almost always fit 64 bits, where division by ten is a multiplication.
    Some(match u64::try_from(m) {
        Ok(small) => digits_of(small, buffer),
        Err(_) => digits_of(m, buffer),
    })
}

/// The decimal digits of `n`, written at the end of `buffer`.
fn digits_of<T>(mut n: T, buffer: &mut [u8; DIGITS]) -> &[u8]
where
    T: Copy + PartialEq + From<u8> + Rem<Output = T> + Div<Output = T> + TryInto<u8>,
{
    let (ten, zero) = (T::from(10), T::from(0));
    let mut at = DIGITS;
    loop {
        at -= 1;
        // Below ten: always a byte.
        buffer[at] = b'0' + (n % ten).try_into().unwrap_or(0);
        n = n / ten;
        if n == zero {
            return &buffer[at..];
        }
    }
}

/// The integer digits of a decimal (sign kept), through its mantissa: cheaper than `Decimal`'s
/// own formatting for the whole amounts yoken handles.
#[must_use]
pub fn whole_digits(value: Decimal) -> String {
    let whole = whole_part(value);
    let mut buffer = [0; DIGITS];
    match magnitude_digits(whole, &mut buffer) {
        Some(digits) => {
            let mut out = String::with_capacity(digits.len() + 1);
            if whole.mantissa() < 0 {
                out.push('-');
            }
            // Digits are ASCII.
            out.push_str(std::str::from_utf8(digits).unwrap_or_default());
            out
        }
        None => whole.normalize().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn converts_between_units() {
        assert_eq!(
            ThousandYen::from_i64(31_270).to_yen(),
            Ok(Yen::from_i64(31_270_000))
        );
        assert_eq!(
            Yen::from_i64(12_345_000).to_thousand_yen(),
            Ok(ThousandYen::from_i64(12_345))
        );
        assert_eq!(
            Yen::from_i64(12_345_500).to_thousand_yen(),
            Err(MoneyError::NotWholeThousands {
                yen: Yen::from_i64(12_345_500)
            })
        );
        assert_eq!(Yen::ZERO.to_thousand_yen(), Ok(ThousandYen::ZERO));
        assert_eq!(
            Yen::from_i64(-5_000).to_thousand_yen(),
            Ok(ThousandYen::from_i64(-5))
        );
        // A value still carrying a scale takes the decimal path and gives the same answer.
        assert_eq!(
            Yen(d("12345000.00")).to_thousand_yen(),
            Ok(ThousandYen::from_i64(12_345))
        );
        assert!(Yen(d("12345500.00")).to_thousand_yen().is_err());
    }

    #[test]
    fn fractions_are_errors_not_rounding() {
        assert_eq!(Yen::new(d("100.5")), Err(MoneyError::NotWhole));
        assert_eq!(ThousandYen::new(d("1.5")), Err(MoneyError::NotWhole));
        assert_eq!(Yen::new(d("100.00")), Ok(Yen::from_i64(100)));
        assert_eq!(Yen::new(d("100.00")).unwrap().to_string(), "100円");
    }

    #[test]
    fn arithmetic_is_checked() {
        let max = Yen::new(Decimal::MAX).unwrap();
        assert_eq!(max.checked_add(Yen::from_i64(1)), Err(MoneyError::Overflow));
        assert_eq!(
            Yen::new(Decimal::MIN)
                .unwrap()
                .checked_sub(Yen::from_i64(1)),
            Err(MoneyError::Overflow)
        );
        assert_eq!(max.checked_mul(2), Err(MoneyError::Overflow));
        assert_eq!(
            Yen::checked_sum([Yen::from_i64(1), Yen::from_i64(2), Yen::from_i64(3)]),
            Ok(Yen::from_i64(6))
        );
        assert_eq!(
            Yen::from_i64(3).checked_sub(Yen::from_i64(5)),
            Ok(Yen::from_i64(-2))
        );
        assert!(Yen::from_i64(-2).is_negative());
        assert!(!Yen::ZERO.is_negative());
    }

    #[test]
    fn floors_explicitly() {
        assert_eq!(
            Yen::from_i64(12_345).floor_to(Yen::from_i64(1000)),
            Ok(Yen::from_i64(12_000))
        );
        assert_eq!(
            Yen::from_i64(-1).floor_to(Yen::from_i64(1000)),
            Ok(Yen::from_i64(-1000))
        );
        assert_eq!(
            Yen::from_i64(5).floor_to(Yen::ZERO),
            Err(MoneyError::Overflow)
        );
        // ⌊事業費 / 2⌋ to the yen: 1,001円 at a 1/2 rate allows at most 500円.
        assert_eq!(
            Yen::from_i64(1001).mul_ratio_floor(d("1"), d("2")),
            Ok(Yen::from_i64(500))
        );
        assert_eq!(
            Yen::from_i64(1000).mul_ratio_floor(d("1"), d("2")),
            Ok(Yen::from_i64(500))
        );
    }

    #[test]
    fn formats_with_grouping() {
        assert_eq!(Yen::from_i64(0).grouped(), "0");
        assert_eq!(Yen::from_i64(999).grouped(), "999");
        assert_eq!(Yen::from_i64(1000).grouped(), "1,000");
        assert_eq!(Yen::from_i64(1_234_567).to_string(), "1,234,567円");
        assert_eq!(Yen::from_i64(-1_234_567).grouped(), "-1,234,567");
        assert_eq!(ThousandYen::from_i64(31_270).to_string(), "31,270千円");
    }

    #[test]
    fn writes_digits_as_decimal_does() {
        // The mantissa is written by hand: it must agree with Decimal's own text, up to the
        // largest mantissa (2^96 − 1), for negative amounts and with fractions cut off.
        for text in [
            "0",
            "7",
            "-7",
            "10",
            "999",
            "1000",
            "-1000",
            "18446744073709551615",
            "18446744073709551616",
            "-79228162514264337593543950335",
            "79228162514264337593543950335",
            "1234.5",
            "-1234.99",
            "0.5",
            "31270.000",
        ] {
            let v = d(text);
            let whole = v.trunc().normalize();
            assert_eq!(whole_digits(v), whole.to_string(), "{text}");
            let digits = whole.abs().to_string();
            let grouped: String = digits
                .chars()
                .enumerate()
                .flat_map(|(i, c)| {
                    let comma = i > 0 && (digits.len() - i) % 3 == 0;
                    comma.then_some(',').into_iter().chain([c])
                })
                .collect();
            let sign = if v.is_sign_negative() { "-" } else { "" };
            assert_eq!(Yen(v).grouped(), format!("{sign}{grouped}"), "{text}");
            assert_eq!(Yen(v).shown(), format!("{sign}{grouped}円"), "{text}");
        }
    }

    #[test]
    fn serialises_as_strings() {
        assert_eq!(
            serde_json::to_string(&Yen::from_i64(12_345)).unwrap(),
            "\"12345\""
        );
        assert_eq!(
            serde_json::to_string(&ThousandYen::new(d("31270.0")).unwrap()).unwrap(),
            "\"31270\""
        );
    }

    #[test]
    fn errors_speak_both_languages() {
        for e in [
            MoneyError::NotWhole,
            MoneyError::NotWholeThousands {
                yen: Yen::from_i64(1500),
            },
            MoneyError::Overflow,
        ] {
            assert!(e.code().as_str().starts_with("money."));
            let m = e.message();
            assert!(!m.ja.is_empty() && !m.en.is_empty());
        }
        assert!(MoneyError::NotWholeThousands {
            yen: Yen::from_i64(1500)
        }
        .message()
        .ja
        .contains("1,500円"));
    }
}
