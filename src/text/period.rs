//! Legal periods (民法 第140条–第143条), as the documents' deadlines use them.
//!
//! - **第140条 (初日不算入)**: a period counted in days, weeks, months or years does not count its
//!   first day, unless the text counts from that day (「…の日から起算して」 makes that day day 1).
//! - **第141条**: a period ends at the end of its last day.
//! - **第143条**: weeks, months and years are counted by the calendar. A period not starting at the
//!   start of a month ends on the day *before* the day in the last month that corresponds to the
//!   first day (起算日に応当する日の前日); if the last month has no such day, it ends on that month's
//!   last day.
//! - **「…を経過した日」** is the day after the period ends: 「完了の日から起算して1ヶ月を経過した日」
//!   for a completion on 1月15日 is 2月15日 (the period 1月15日–2月14日 has passed); for 1月31日 it is
//!   3月1日 (February has no 31st, so the period ends on 2月28日/29日).
//! - **第142条** (a last day on a Sunday or holiday moves to the next day only where there is a
//!   custom of not trading on it) is not applied: the documents do not move deadlines, so yoken
//!   only notes when one falls on a 行政機関の休日 (see [`super::holiday`]).
//!
//! Owns: counting periods. Must not know: which rule counts them.

use chrono::{Datelike, Months, NaiveDate};

/// The last day of a month.
fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    first_of_next.pred_opt()
}

/// The last day of a period of `months` months whose first day (起算日) is `first` (民法第143条第2項).
#[must_use]
pub fn months_period_end(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    let target = first.checked_add_months(Months::new(months))?;
    // chrono clamps to the month's last day when the corresponding day does not exist.
    if target.day() == first.day() {
        target.pred_opt()
    } else {
        last_day_of_month(target.year(), target.month())
    }
}

/// 「`first` から起算して `months` か月を経過した日」: the day after the period ends.
#[must_use]
pub fn months_elapsed(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    months_period_end(first, months)?.succ_opt()
}

/// 「`day` から `days` 日以内」: the last day of the period, the first day not counted (第140条).
#[must_use]
pub fn within_days_after(day: NaiveDate, days: u32) -> Option<NaiveDate> {
    day.checked_add_days(chrono::Days::new(u64::from(days)))
}

/// 「`day` の `days` 日前」: the day `days` days earlier (2週間前 = 14日前).
#[must_use]
pub fn days_before(day: NaiveDate, days: u32) -> Option<NaiveDate> {
    day.checked_sub_days(chrono::Days::new(u64::from(days)))
}

/// 「`day` のあった日の翌年の `month` 月 `d` 日」.
#[must_use]
pub fn next_year_on(day: NaiveDate, month: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(day.year().checked_add(1)?, month, d)
}

/// Days from `from` to `to`, both counted (両端入れ): the same day is 1 day.
#[must_use]
pub fn days_inclusive(from: NaiveDate, to: NaiveDate) -> Option<i64> {
    (to >= from).then(|| (to - from).num_days() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn one_month_counted_from_the_day_itself() {
        // Ends the day before the corresponding day; 経過した日 is the corresponding day.
        assert_eq!(months_period_end(d(2026, 1, 15), 1), Some(d(2026, 2, 14)));
        assert_eq!(months_elapsed(d(2026, 1, 15), 1), Some(d(2026, 2, 15)));
        assert_eq!(months_elapsed(d(2025, 12, 20), 1), Some(d(2026, 1, 20)));
    }

    #[test]
    fn months_without_the_corresponding_day_end_on_the_last_day() {
        assert_eq!(months_period_end(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
        assert_eq!(months_elapsed(d(2026, 1, 31), 1), Some(d(2026, 3, 1)));
        assert_eq!(months_elapsed(d(2026, 1, 30), 1), Some(d(2026, 3, 1)));
        assert_eq!(months_elapsed(d(2026, 1, 29), 1), Some(d(2026, 3, 1)));
        assert_eq!(months_elapsed(d(2026, 1, 28), 1), Some(d(2026, 2, 28)));
        // Leap year: 2月29日 exists in 2024.
        assert_eq!(months_elapsed(d(2024, 1, 29), 1), Some(d(2024, 2, 29)));
        assert_eq!(months_elapsed(d(2024, 1, 31), 1), Some(d(2024, 3, 1)));
        assert_eq!(months_elapsed(d(2025, 3, 31), 1), Some(d(2025, 5, 1)));
        assert_eq!(months_elapsed(d(2025, 12, 31), 2), Some(d(2026, 3, 1)));
    }

    #[test]
    fn days_and_years() {
        assert_eq!(within_days_after(d(2025, 6, 2), 7), Some(d(2025, 6, 9)));
        assert_eq!(within_days_after(d(2025, 12, 28), 7), Some(d(2026, 1, 4)));
        assert_eq!(days_before(d(2026, 3, 31), 14), Some(d(2026, 3, 17)));
        assert_eq!(next_year_on(d(2026, 3, 20), 5, 31), Some(d(2027, 5, 31)));
        assert_eq!(days_inclusive(d(2025, 6, 1), d(2025, 6, 1)), Some(1));
        assert_eq!(days_inclusive(d(2024, 1, 1), d(2024, 12, 31)), Some(366));
        assert_eq!(days_inclusive(d(2025, 6, 2), d(2025, 6, 1)), None);
    }
}
