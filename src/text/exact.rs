//! Exact numbers: a fraction of two integers, for the arithmetic rule packs declare — sums of
//! amounts, products with rates such as 2/3, averages, comparisons — with no rounding anywhere
//! unless a rule asks for it ([`Exact::floor_to`], [`Exact::round_places`]).
//!
//! Amounts up to 10^15 円, sums of thousands of them and products with small fractions stay far
//! inside `i128`; an operation that would not fit is `None` (the caller reports it, never wraps).
//!
//! Owns: exact arithmetic and its written forms. Must not know: what the numbers mean.

use core::cmp::Ordering;
use core::fmt;
use rust_decimal::Decimal;

/// An exact rational number, always reduced, with a positive denominator.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, serde::Deserialize, Copy, PartialEq, Eq, Hash)]
pub struct Exact {
    num: i128,
    den: i128,
}

/// How a number is rounded to a number of decimal places.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, serde::Deserialize, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// Towards −∞ (切り捨て).
    Floor,
    /// To the nearest, halves away from zero (四捨五入).
    HalfUp,
    /// To the nearest, halves to the even neighbour (銀行丸め).
    HalfEven,
}

const fn gcd(mut a: i128, mut b: i128) -> i128 {
    if a < 0 {
        a = -a;
    }
    if b < 0 {
        b = -b;
    }
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

impl Exact {
    /// Zero.
    pub const ZERO: Exact = Exact { num: 0, den: 1 };
    /// One.
    pub const ONE: Exact = Exact { num: 1, den: 1 };

    /// `num / den`, reduced; `None` when `den` is zero.
    #[must_use]
    pub fn new(num: i128, den: i128) -> Option<Self> {
        if den == 1 {
            // Whole numbers (most amounts): nothing to reduce, and no i128 division, which wasm
            // does in software.
            return Some(Self { num, den });
        }
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let (mut n, mut d) = (num / g, den / g);
        if d < 0 {
            n = n.checked_neg()?;
            d = d.checked_neg()?;
        }
        Some(Self { num: n, den: d })
    }

    /// A whole number.
    #[must_use]
    pub fn int(value: i128) -> Self {
        Self { num: value, den: 1 }
    }

    /// A decimal, exactly.
    #[must_use]
    pub fn from_decimal(value: Decimal) -> Option<Self> {
        let den = 10_i128.checked_pow(value.scale())?;
        Self::new(value.mantissa(), den)
    }

    /// Reads `"2/3"`, `"12.5"`, `"-3"`; `None` for anything else (no exponents, no spaces).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        if let Some((n, d)) = text.split_once('/') {
            let (n, d) = (Self::parse_decimal(n)?, Self::parse_decimal(d)?);
            return n.checked_div(d);
        }
        Self::parse_decimal(text)
    }

    fn parse_decimal(text: &str) -> Option<Self> {
        let ok = !text.is_empty()
            && text
                .bytes()
                .enumerate()
                .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && b == b'-'));
        if !ok || text.matches('.').count() > 1 || text.ends_with('.') || text.starts_with('.') {
            return None;
        }
        text.parse::<Decimal>().ok().and_then(Self::from_decimal)
    }

    /// The numerator (sign included).
    #[must_use]
    pub fn numerator(self) -> i128 {
        self.num
    }

    /// The denominator (positive).
    #[must_use]
    pub fn denominator(self) -> i128 {
        self.den
    }

    /// Whether it is a whole number.
    #[must_use]
    pub fn is_whole(self) -> bool {
        self.den == 1
    }

    /// Whether it is below zero.
    #[must_use]
    pub fn is_negative(self) -> bool {
        self.num < 0
    }

    /// `self + other`.
    #[must_use]
    pub fn checked_add(self, other: Self) -> Option<Self> {
        if self.den == 1 && other.den == 1 {
            return Some(Self {
                num: self.num.checked_add(other.num)?,
                den: 1,
            });
        }
        let g = gcd(self.den, other.den).max(1);
        let left = self.num.checked_mul(other.den / g)?;
        let right = other.num.checked_mul(self.den / g)?;
        Self::new(
            left.checked_add(right)?,
            (self.den / g).checked_mul(other.den)?,
        )
    }

    /// `self − other`.
    #[must_use]
    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.checked_add(Self {
            num: other.num.checked_neg()?,
            den: other.den,
        })
    }

    /// `self × other`.
    #[must_use]
    pub fn checked_mul(self, other: Self) -> Option<Self> {
        if self.den == 1 && other.den == 1 {
            return Some(Self {
                num: self.num.checked_mul(other.num)?,
                den: 1,
            });
        }
        // Cross-reduce first so the products stay small.
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let num = (self.num / g1).checked_mul(other.num / g2)?;
        let den = (self.den / g2).checked_mul(other.den / g1)?;
        Self::new(num, den)
    }

    /// `self ÷ other`; `None` when `other` is zero.
    #[must_use]
    pub fn checked_div(self, other: Self) -> Option<Self> {
        if other.num == 0 {
            return None;
        }
        self.checked_mul(Self::new(other.den, other.num)?)
    }

    /// The largest multiple of `unit` not above `self` (⌊x⌋ to the yen: `unit` 1; to 1,000円:
    /// 1000). `None` unless `unit` is positive.
    #[must_use]
    pub fn floor_to(self, unit: Self) -> Option<Self> {
        if unit.num <= 0 {
            return None;
        }
        let q = self.checked_div(unit)?;
        let floor = q.num.div_euclid(q.den);
        Self::int(floor).checked_mul(unit)
    }

    /// Rounded to `places` decimal places.
    #[must_use]
    pub fn round_places(self, places: u32, rounding: Rounding) -> Option<Self> {
        let scale = 10_i128.checked_pow(places)?;
        let scaled = self.checked_mul(Self::int(scale))?;
        let (q, r) = (
            scaled.num.div_euclid(scaled.den),
            scaled.num.rem_euclid(scaled.den),
        );
        let twice = r.checked_mul(2)?;
        let up = match rounding {
            Rounding::Floor => false,
            Rounding::HalfUp => {
                if self.num >= 0 {
                    twice >= scaled.den
                } else {
                    twice > scaled.den
                }
            }
            Rounding::HalfEven => match twice.cmp(&scaled.den) {
                Ordering::Greater => true,
                Ordering::Less => false,
                Ordering::Equal => q % 2 != 0,
            },
        };
        Self::new(q.checked_add(i128::from(up))?, scale)
    }

    /// As a decimal, when it has a finite decimal form of at most 28 places.
    #[must_use]
    pub fn to_decimal(self) -> Option<Decimal> {
        if self.den == 1 {
            return Decimal::try_from_i128_with_scale(self.num, 0).ok();
        }
        let mut den = self.den;
        let (mut twos, mut fives) = (0u32, 0u32);
        while den % 2 == 0 {
            den /= 2;
            twos += 1;
        }
        while den % 5 == 0 {
            den /= 5;
            fives += 1;
        }
        if den != 1 {
            return None;
        }
        let places = twos.max(fives);
        if places > 28 {
            return None;
        }
        let scaled = self
            .num
            .checked_mul(10_i128.checked_pow(places)? / self.den)?;
        Decimal::try_from_i128_with_scale(scaled, places)
            .ok()
            .map(|d| d.normalize())
    }

    /// The whole part, when it is whole.
    #[must_use]
    pub fn to_integer(self) -> Option<i128> {
        self.is_whole().then_some(self.num)
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.den == other.den {
            return self.num.cmp(&other.num);
        }
        // a/b ? c/d ⇔ a·d ? c·b (b, d > 0); widen through the difference when the products
        // would not fit.
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            (Some(l), Some(r)) => l.cmp(&r),
            _ => self
                .checked_sub(*other)
                .map_or(Ordering::Equal, |d| d.num.cmp(&0)),
        }
    }
}

impl fmt::Display for Exact {
    /// Whole numbers and finite decimals as digits (`12.5`), other fractions as `n/d`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Whole numbers that fit an i64 print as the decimal would, without building it.
        if let (1, Ok(small)) = (self.den, i64::try_from(self.num)) {
            return write!(f, "{small}");
        }
        match self.to_decimal() {
            Some(d) => write!(f, "{d}"),
            None => write!(f, "{}/{}", self.num, self.den),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn x(text: &str) -> Exact {
        Exact::parse(text).unwrap()
    }

    /// `n` built through the general route (a fraction to reduce), not the whole-number shortcut.
    fn reduced(n: i128) -> Exact {
        let two = Exact::new(2, 1).unwrap();
        Exact::new(n, 2).unwrap().checked_mul(two).unwrap()
    }

    #[test]
    fn whole_numbers_take_a_shortcut_to_the_same_results() {
        let values: [i128; 9] = [
            0,
            1,
            -1,
            7,
            -12_345,
            999_999_999_999_999,
            i128::from(i64::MAX),
            i128::from(i64::MIN),
            i128::MAX / 4,
        ];
        for a in values {
            assert_eq!(Exact::new(a, 1), Some(reduced(a)), "{a}");
            assert_eq!(
                Exact::new(a, 1).unwrap().to_string(),
                reduced(a).to_string()
            );
            assert_eq!(
                Exact::new(a, 1).unwrap().to_decimal(),
                Decimal::try_from_i128_with_scale(a, 0).ok()
            );
            for b in values {
                let (wa, wb) = (Exact::new(a, 1).unwrap(), Exact::new(b, 1).unwrap());
                assert_eq!(
                    wa.checked_add(wb),
                    a.checked_add(b).map(|n| Exact::new(n, 1).unwrap())
                );
                assert_eq!(
                    wa.checked_mul(wb),
                    a.checked_mul(b).map(|n| Exact::new(n, 1).unwrap())
                );
                assert_eq!(wa.cmp(&wb), a.cmp(&b), "{a} ? {b}");
                // A whole number against a fraction still compares through the general route.
                let half = Exact::new(1, 2).unwrap();
                assert_eq!(
                    wa.cmp(&half),
                    if a >= 1 {
                        Ordering::Greater
                    } else {
                        Ordering::Less
                    }
                );
            }
        }
    }

    #[test]
    fn arithmetic_is_exact_and_reduced() {
        assert_eq!(x("2/3").checked_mul(x("600000")), Some(x("400000")));
        assert_eq!(x("1/3").checked_add(x("1/6")), Some(x("1/2")));
        assert_eq!(x("1/3").checked_mul(x("3")), Some(Exact::ONE));
        assert_eq!(x("10.95").to_string(), "10.95");
        assert_eq!(x("4/6").to_string(), "2/3");
        assert_eq!(x("-3/-6"), x("1/2"));
        assert_eq!(Exact::new(1, 0), None);
        assert!(x("1/3") < x("0.3334") && x("1/3") > x("0.3333"));
        assert_eq!(x("1").checked_div(Exact::ZERO), None);
        for bad in ["", "1e5", " 1", "1.", ".5", "1.2.3", "--1", "a/b"] {
            assert_eq!(Exact::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn rounding_is_explicit() {
        assert_eq!(x("1000001/3").floor_to(Exact::ONE), Some(x("333333")));
        assert_eq!(x("-1/3").floor_to(Exact::ONE), Some(x("-1")));
        assert_eq!(x("1234567").floor_to(x("1000")), Some(x("1234000")));
        assert_eq!(
            x("12.345").round_places(2, Rounding::HalfEven),
            Some(x("12.34"))
        );
        assert_eq!(
            x("12.355").round_places(2, Rounding::HalfEven),
            Some(x("12.36"))
        );
        assert_eq!(
            x("12.345").round_places(2, Rounding::HalfUp),
            Some(x("12.35"))
        );
        assert_eq!(x("2/3").round_places(2, Rounding::Floor), Some(x("0.66")));
        // 10^15 円 × 2/3, floored, exactly.
        let big = x("999999999999999").checked_mul(x("2/3")).unwrap();
        assert_eq!(big.floor_to(Exact::ONE), Some(x("666666666666666")));
    }
}
