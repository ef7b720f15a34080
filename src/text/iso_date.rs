//! An ISO date as yoken reads one (`2025-06-01`): exactly what chrono's
//! `NaiveDate::parse_from_str(text, "%Y-%m-%d")` accepts, read without chrono's format-string
//! parser (≈ 9 KB of the module, brotli, for this one format).
//!
//! chrono's reading, kept as it was: the year is up to four digits, or a sign and any number of
//! digits; month and day one or two digits; each number may follow whitespace (any Unicode
//! whitespace, as `str::trim_start`); the dashes are exact and nothing may follow the day.
//! Property-tested against chrono.
//!
//! Owns: reading ISO date text. Must not know: where the text came from.

use chrono::NaiveDate;

/// The date `text` writes as `YYYY-MM-DD`, if it is one (see the module documentation).
#[must_use]
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let (year, rest) = number(text, true, 4)?;
    let (month, rest) = number(rest.strip_prefix('-')?, false, 2)?;
    let (day, rest) = number(rest.strip_prefix('-')?, false, 2)?;
    if !rest.is_empty() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// A number after optional whitespace: at most `width` digits, or (when `signed`) a sign and any
/// number of digits; with the text after it.
fn number(text: &str, signed: bool, width: usize) -> Option<(i64, &str)> {
    let text = text.trim_start();
    if signed {
        if let Some(rest) = text.strip_prefix('-') {
            let (v, rest) = digits(rest, usize::MAX)?;
            return Some((0i64.checked_sub(v)?, rest));
        }
        if let Some(rest) = text.strip_prefix('+') {
            return digits(rest, usize::MAX);
        }
    }
    digits(text, width)
}

/// One to `max` ASCII digits at the start of `text`, and the text after them.
fn digits(text: &str, max: usize) -> Option<(i64, &str)> {
    let count = text
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    if count == 0 {
        return None;
    }
    let mut n = 0i64;
    for b in text[..count].bytes() {
        n = n.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    Some((n, &text[count..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn chrono(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    #[test]
    fn reads_what_chrono_reads_and_refuses_what_it_refuses() {
        let cases = [
            "2025-06-01",
            "2025-6-1",
            "0001-01-01",
            "1-1-1",
            "+12345-01-01",
            "-0044-03-15",
            "+2025-06-01",
            " 2025- 6- 1",
            "\u{3000}2025-06-01",
            "2025-06-01 ",
            "2025-13-01",
            "2025-02-29",
            "2024-02-29",
            "20250-01-01",
            "2025-001-01",
            "2025/06/01",
            "2025-06-",
            "",
            "-",
            "+99999999999999999999-01-01",
            "2025-06-01x",
            "２０２５-06-01",
        ];
        for text in cases {
            assert_eq!(parse_iso_date(text), chrono(text), "{text:?}");
        }
        assert_eq!(
            parse_iso_date("2025-06-01"),
            NaiveDate::from_ymd_opt(2025, 6, 1)
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_is_read_as_chrono_reads_it(
            text in "[ \u{3000}\t]?[+-]?[0-9]{0,6}[ ]?-?[ \u{3000}]?[0-9]{0,3}-?[ ]?[0-9]{0,3}[ x]?"
        ) {
            proptest::prop_assert_eq!(parse_iso_date(&text), chrono(&text), "{:?}", text);
        }

        #[test]
        fn any_short_text_is_read_as_chrono_reads_it(text in "\\PC{0,12}") {
            proptest::prop_assert_eq!(parse_iso_date(&text), chrono(&text), "{:?}", text);
        }
    }
}
