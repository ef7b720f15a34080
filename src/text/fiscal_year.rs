//! 年度: the Japanese fiscal year, 4月1日 to the following 3月31日.
//!
//! Owns: 年度 arithmetic. Must not know: programmes.

use super::wareki::{Era, WarekiDate};
use chrono::{Datelike, NaiveDate};
use core::fmt;

/// A fiscal year (年度), named by the calendar year in which it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear {
    /// The calendar year of its 4月1日 (令和7年度 → 2025).
    pub start_year: i32,
}

impl FiscalYear {
    /// The fiscal year that starts on 4月1日 of `start_year`.
    #[must_use]
    pub fn starting(start_year: i32) -> Self {
        Self { start_year }
    }

    /// The fiscal year a date falls in: 2026-03-31 is in 令和7年度, 2026-04-01 in 令和8年度.
    #[must_use]
    pub fn of(date: NaiveDate) -> Self {
        let start_year = if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        };
        Self { start_year }
    }

    /// Its first day, 4月1日.
    #[must_use]
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.start_year, 4, 1)
    }

    /// Its last day, 3月31日 of the next calendar year.
    #[must_use]
    pub fn last_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.start_year.checked_add(1)?, 3, 31)
    }

    /// Whether `date` falls within the fiscal year.
    #[must_use]
    pub fn contains(self, date: NaiveDate) -> bool {
        Self::of(date) == self
    }

    /// The era name of the year: the era in effect on 12月31日 of its start year, so that
    /// 2019年度 is 令和元年度 (as it is customarily called) and 1988年度 is 昭和63年度.
    #[must_use]
    pub fn wareki(self) -> Option<(Era, u32)> {
        let w = WarekiDate::of(NaiveDate::from_ymd_opt(self.start_year, 12, 31)?)?;
        Some((w.era, w.year))
    }
}

impl fmt::Display for FiscalYear {
    /// `令和7年度` (or `1900年度` before 昭和).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.wareki() {
            Some((era, 1)) => write!(f, "{}元年度", era.name_ja()),
            Some((era, year)) => write!(f, "{}{year}年度", era.name_ja()),
            None => write!(f, "{}年度", self.start_year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn runs_april_to_march() {
        let r7 = FiscalYear::starting(2025);
        assert_eq!(FiscalYear::of(date(2025, 4, 1)), r7);
        assert_eq!(FiscalYear::of(date(2026, 3, 31)), r7);
        assert_eq!(
            FiscalYear::of(date(2025, 3, 31)),
            FiscalYear::starting(2024)
        );
        assert_eq!(FiscalYear::of(date(2026, 4, 1)), FiscalYear::starting(2026));
        assert_eq!(r7.first_day(), Some(date(2025, 4, 1)));
        assert_eq!(r7.last_day(), Some(date(2026, 3, 31)));
        assert!(r7.contains(date(2025, 12, 31)));
        assert!(!r7.contains(date(2026, 4, 1)));
    }

    #[test]
    fn names_the_year_in_its_era() {
        assert_eq!(FiscalYear::starting(2025).to_string(), "令和7年度");
        assert_eq!(FiscalYear::starting(2019).to_string(), "令和元年度");
        assert_eq!(FiscalYear::starting(2018).to_string(), "平成30年度");
        assert_eq!(FiscalYear::starting(1989).to_string(), "平成元年度");
        assert_eq!(FiscalYear::starting(1988).to_string(), "昭和63年度");
        assert_eq!(FiscalYear::starting(1900).to_string(), "1900年度");
    }
}
