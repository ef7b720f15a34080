//! Dates a caller passes in. yoken's one policy for "today": the core never reads a clock — every
//! call is given the date it checks on. A front end that defaults it uses the date in Japan
//! (the native shell's one helper; the widget does the same in the browser). Every date argument
//! is read alike on every front end: ISO (`2025-06-01`) or 和暦 (`令和7年6月1日`, `R7.6.1`), and a
//! refusal names the parameter that was wrong.
//!
//! Owns: reading date arguments and ranges. Must not know: which front end passed them.

use crate::finding::code::Code;
use crate::finding::error::Error;
use crate::finding::message::Message;
use crate::text::holiday::{closed_days_between, DatedClosedDay};
use crate::text::iso_date::parse_iso_date;
use crate::text::wareki::parse_date;
use chrono::NaiveDate;

/// Reads a date argument — an ISO date (any year the calendar has) or what a person types (和暦,
/// `2025年6月1日`) — refusing it with `code` and a message naming `parameter`.
fn date_argument(code: Code, parameter: &str, text: &str) -> Result<NaiveDate, Error> {
    parse_iso_date(text)
        .or_else(|| parse_date(text).ok().map(|t| t.date))
        .ok_or_else(|| Error::not_a_date(code, parameter, text))
}

/// Reads `today` (ISO or 和暦); a refusal has the code `today.invalid`.
pub fn today(text: &str) -> Result<NaiveDate, Error> {
    date_argument(Code::TodayInvalid, "today", text)
}

/// Reads any other date argument named `parameter` (ISO or 和暦); a refusal has the code
/// `argument.not_a_date`.
pub fn date(parameter: &str, text: &str) -> Result<NaiveDate, Error> {
    date_argument(Code::ArgumentNotADate, parameter, text)
}

/// The days government offices are closed (行政機関の休日) from `from` to `to` (inclusive, at most
/// [`MAX_RANGE_DAYS`](crate::text::holiday::MAX_RANGE_DAYS) days); a refusal has the code `range.invalid`.
pub fn closed_days(from: &str, to: &str) -> Result<Vec<DatedClosedDay>, Error> {
    let from = date_argument(Code::RangeInvalid, "from", from)?;
    let to = date_argument(Code::RangeInvalid, "to", to)?;
    closed_days_between(from, to).ok_or_else(|| {
        Error::new(
            Code::RangeInvalid,
            Message::new(
                "期間は3,700日以内で、開始日（from）から終了日（to）の順にしてください。",
                "the range must run forwards, from `from` to `to`, and span at most 3,700 days",
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn date_arguments_read_iso_and_wareki_and_name_the_parameter() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        assert_eq!(today("2025-06-01"), Ok(d));
        assert_eq!(today("令和7年6月1日"), Ok(d));
        assert_eq!(today("R7.6.1"), Ok(d));
        // Any ISO date is a date, whatever its era.
        assert!(today("0224-12-08").is_ok());
        let e = today("6/1").unwrap_err();
        assert_eq!(e.code(), Code::TodayInvalid);
        assert!(e.message().en.starts_with("today "));
        let e = closed_days("2025-01-01", "tomorrow").unwrap_err();
        assert_eq!(e.code(), Code::RangeInvalid);
        assert!(e.message().en.starts_with("to "), "{}", e.message().en);
        assert_eq!(
            closed_days("2026-01-01", "2025-01-01").unwrap_err().code(),
            Code::RangeInvalid
        );
        assert_eq!(date("iso", "x").unwrap_err().code(), Code::ArgumentNotADate);
    }
}
