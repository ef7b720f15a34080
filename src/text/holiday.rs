//! 行政機関の休日: the days government offices are closed (行政機関の休日に関する法律 第1条):
//! Saturdays, Sundays, 国民の祝日 (with 振替休日 and 国民の休日, 国民の祝日に関する法律 第3条), and
//! 12月29日–1月3日.
//!
//! 祝日 are computed from the law's rules as amended over time (ハッピーマンデー from 2000/2003,
//! 山の日 from 2016, 天皇誕生日 moving in 1989 and 2020, the 2020/2021 Olympic moves, the 2019
//! enthronement days) and the equinoxes from the 国立天文台 approximation, with integer arithmetic.
//! Covered years: 1949–2099 (outside them only weekends and 12/29–1/3 are known). Checked against
//! the `@holiday-jp/holiday_jp` dataset for every day of 2000–2050 (tests/node/holidays.test.mjs).
//!
//! Owns: the calendar of closed days. Must not know: deadlines (the evaluation asks this).

use crate::finding::message::Message;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Why a day is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClosedKind {
    /// A 国民の祝日 (or a day the law treats as one).
    NationalHoliday,
    /// 振替休日: the first non-holiday after a 祝日 that fell on a Sunday.
    Substitute,
    /// 国民の休日: a day between two 祝日.
    Citizens,
    /// Saturday or Sunday.
    Weekend,
    /// 12月29日–1月3日.
    YearEnd,
}

/// A closed day with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClosedDay {
    /// The kind.
    pub kind: ClosedKind,
    /// Its name (`元日`, `振替休日`, `土曜日`).
    pub name: Message,
}

/// The days from 国立天文台's approximation, in millionths of a day:
/// ⌊c + 0.242194 (Y − 1980) − ⌊(Y − k) / 4⌋⌋.
fn equinox_day(year: i32, c_1900: i64, c_1980: i64) -> Option<u32> {
    let (c, k) = match year {
        1900..=1979 => (c_1900, 1983),
        1980..=2099 => (c_1980, 1980),
        _ => return None,
    };
    let y = i64::from(year);
    let micro = c + 242_194 * (y - 1980) - 1_000_000 * (y - k).div_euclid(4);
    u32::try_from(micro.div_euclid(1_000_000)).ok()
}

/// 春分の日 of a year.
fn vernal_equinox(year: i32) -> Option<u32> {
    equinox_day(year, 20_835_700, 20_843_100)
}

/// 秋分の日 of a year.
fn autumnal_equinox(year: i32) -> Option<u32> {
    equinox_day(year, 23_258_800, 23_248_800)
}

/// The n-th Monday of a month.
fn nth_monday(year: i32, month: u32, n: u8) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n)
}

/// The 国民の祝日 (statutory or by special law) on `date`, by name.
#[must_use]
pub fn national_holiday(date: NaiveDate) -> Option<(&'static str, &'static str)> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    if !(1949..=2099).contains(&y) {
        return None;
    }
    let is = |nth: Option<NaiveDate>| nth == Some(date);
    match (m, d) {
        (1, 1) => return Some(("元日", "New Year's Day")),
        (2, 11) if y >= 1967 => return Some(("建国記念の日", "National Foundation Day")),
        (5, 3) => return Some(("憲法記念日", "Constitution Memorial Day")),
        (5, 5) => return Some(("こどもの日", "Children's Day")),
        (11, 3) => return Some(("文化の日", "Culture Day")),
        (11, 23) => return Some(("勤労感謝の日", "Labor Thanksgiving Day")),
        _ => {}
    }
    // Days set by special laws.
    match (y, m, d) {
        (1959, 4, 10) => {
            return Some((
                "皇太子明仁親王の結婚の儀",
                "Wedding of Crown Prince Akihito",
            ))
        }
        (1989, 2, 24) => return Some(("昭和天皇の大喪の礼", "Funeral of Emperor Showa")),
        (1990, 11, 12) => return Some(("即位礼正殿の儀", "Enthronement Ceremony")),
        (1993, 6, 9) => {
            return Some((
                "皇太子徳仁親王の結婚の儀",
                "Wedding of Crown Prince Naruhito",
            ))
        }
        (2019, 5, 1) => return Some(("天皇の即位の日", "Enthronement Day")),
        (2019, 10, 22) => return Some(("即位礼正殿の儀の行われる日", "Enthronement Ceremony Day")),
        _ => {}
    }
    if (y < 2000 && (m, d) == (1, 15)) || (y >= 2000 && is(nth_monday(y, 1, 2))) {
        return Some(("成人の日", "Coming of Age Day"));
    }
    let emperor = match y {
        ..=1988 => (4, 29),
        1989..=2018 => (12, 23),
        2019 => (0, 0),
        _ => (2, 23),
    };
    if (m, d) == emperor {
        return Some(("天皇誕生日", "The Emperor's Birthday"));
    }
    if m == 3 && Some(d) == vernal_equinox(y) {
        return Some(("春分の日", "Vernal Equinox Day"));
    }
    if m == 9 && Some(d) == autumnal_equinox(y) {
        return Some(("秋分の日", "Autumnal Equinox Day"));
    }
    if (m, d) == (4, 29) {
        return match y {
            ..=1988 => None, // 天皇誕生日, above
            1989..=2006 => Some(("みどりの日", "Greenery Day")),
            _ => Some(("昭和の日", "Showa Day")),
        };
    }
    if (m, d) == (5, 4) && y >= 2007 {
        return Some(("みどりの日", "Greenery Day"));
    }
    let marine = match y {
        1996..=2002 => NaiveDate::from_ymd_opt(y, 7, 20),
        2020 => NaiveDate::from_ymd_opt(2020, 7, 23),
        2021 => NaiveDate::from_ymd_opt(2021, 7, 22),
        2003.. => nth_monday(y, 7, 3),
        _ => None,
    };
    if is(marine) {
        return Some(("海の日", "Marine Day"));
    }
    let mountain = match y {
        2020 => NaiveDate::from_ymd_opt(2020, 8, 10),
        2021 => NaiveDate::from_ymd_opt(2021, 8, 8),
        2016.. => NaiveDate::from_ymd_opt(y, 8, 11),
        _ => None,
    };
    if is(mountain) {
        return Some(("山の日", "Mountain Day"));
    }
    let aged = match y {
        1966..=2002 => NaiveDate::from_ymd_opt(y, 9, 15),
        2003.. => nth_monday(y, 9, 3),
        _ => None,
    };
    if is(aged) {
        return Some(("敬老の日", "Respect for the Aged Day"));
    }
    let sports = match y {
        1966..=1999 => NaiveDate::from_ymd_opt(y, 10, 10),
        2020 => NaiveDate::from_ymd_opt(2020, 7, 24),
        2021 => NaiveDate::from_ymd_opt(2021, 7, 23),
        2000.. => nth_monday(y, 10, 2),
        _ => None,
    };
    if is(sports) {
        return if y >= 2020 {
            Some(("スポーツの日", "Sports Day"))
        } else {
            Some(("体育の日", "Health and Sports Day"))
        };
    }
    None
}

/// 振替休日 (第3条第2項): from 1973-04-12 the day after a Sunday 祝日; from 2007 the first
/// non-祝日 after it.
fn is_substitute(date: NaiveDate) -> bool {
    if date < ymd(1973, 4, 12) || national_holiday(date).is_some() {
        return false;
    }
    if date.year() < 2007 {
        return date
            .pred_opt()
            .is_some_and(|p| p.weekday() == Weekday::Sun && national_holiday(p).is_some());
    }
    let mut day = date;
    while let Some(prev) = day.pred_opt().filter(|p| national_holiday(*p).is_some()) {
        if prev.weekday() == Weekday::Sun {
            return true;
        }
        day = prev;
    }
    false
}

/// 国民の休日 (第3条第3項, from 1985-12-27): a non-祝日 between two 祝日 (before 2007 not a Sunday
/// nor a 振替休日).
fn is_citizens(date: NaiveDate) -> bool {
    if date < ymd(1985, 12, 27) || national_holiday(date).is_some() {
        return false;
    }
    let between = date
        .pred_opt()
        .is_some_and(|p| national_holiday(p).is_some())
        && date
            .succ_opt()
            .is_some_and(|n| national_holiday(n).is_some());
    between && (date.year() >= 2007 || (date.weekday() != Weekday::Sun && !is_substitute(date)))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Whether `date` is a 休日 under the 祝日法 (祝日, 振替休日 or 国民の休日), with its name.
#[must_use]
pub fn public_holiday(date: NaiveDate) -> Option<ClosedDay> {
    if let Some((ja, en)) = national_holiday(date) {
        return Some(ClosedDay {
            kind: ClosedKind::NationalHoliday,
            name: Message::new(ja, en),
        });
    }
    if is_substitute(date) {
        return Some(ClosedDay {
            kind: ClosedKind::Substitute,
            name: Message::new("振替休日", "Substitute holiday"),
        });
    }
    if is_citizens(date) {
        return Some(ClosedDay {
            kind: ClosedKind::Citizens,
            name: Message::new("国民の休日", "Citizens' holiday"),
        });
    }
    None
}

/// Whether government offices are closed on `date` (行政機関の休日), and why.
#[must_use]
pub fn administrative_holiday(date: NaiveDate) -> Option<ClosedDay> {
    if let Some(h) = public_holiday(date) {
        return Some(h);
    }
    match date.weekday() {
        Weekday::Sat => {
            return Some(ClosedDay {
                kind: ClosedKind::Weekend,
                name: Message::new("土曜日", "Saturday"),
            })
        }
        Weekday::Sun => {
            return Some(ClosedDay {
                kind: ClosedKind::Weekend,
                name: Message::new("日曜日", "Sunday"),
            })
        }
        _ => {}
    }
    let (m, d) = (date.month(), date.day());
    if (m == 12 && d >= 29) || (m == 1 && d <= 3) {
        return Some(ClosedDay {
            kind: ClosedKind::YearEnd,
            name: Message::new(
                "年末年始（12月29日〜1月3日）",
                "Year-end holidays (29 December – 3 January)",
            ),
        });
    }
    None
}

/// The most days [`closed_days_between`] lists at once.
pub const MAX_RANGE_DAYS: i64 = 3_700;

/// One closed day in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DatedClosedDay {
    /// The date (ISO).
    pub date: String,
    /// Why offices are closed.
    #[serde(flatten)]
    pub day: ClosedDay,
}

/// Every 行政機関の休日 from `from` to `to` inclusive; `None` for a backwards range or one longer
/// than [`MAX_RANGE_DAYS`] days (about ten years).
#[must_use]
pub fn closed_days_between(from: NaiveDate, to: NaiveDate) -> Option<Vec<DatedClosedDay>> {
    if to < from || (to - from).num_days() > MAX_RANGE_DAYS {
        return None;
    }
    Some(
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter_map(|d| {
                administrative_holiday(d).map(|day| DatedClosedDay {
                    date: d.to_string(),
                    day,
                })
            })
            .collect(),
    )
}

/// The weekday in Japanese and English (`月曜日`, `Monday`).
#[must_use]
pub fn weekday_name(date: NaiveDate) -> Message {
    let (ja, en) = match date.weekday() {
        Weekday::Mon => ("月曜日", "Monday"),
        Weekday::Tue => ("火曜日", "Tuesday"),
        Weekday::Wed => ("水曜日", "Wednesday"),
        Weekday::Thu => ("木曜日", "Thursday"),
        Weekday::Fri => ("金曜日", "Friday"),
        Weekday::Sat => ("土曜日", "Saturday"),
        Weekday::Sun => ("日曜日", "Sunday"),
    };
    Message::new(ja, en)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn holiday(y: i32, m: u32, d: u32) -> Option<&'static str> {
        public_holiday(ymd(y, m, d)).map(|h| match h.kind {
            ClosedKind::Substitute => "振替休日",
            ClosedKind::Citizens => "国民の休日",
            _ => national_holiday(ymd(y, m, d))
                .map(|(ja, _)| ja)
                .unwrap_or_default(),
        })
    }

    #[test]
    fn known_holidays_of_recent_years() {
        assert_eq!(holiday(2025, 1, 13), Some("成人の日"));
        assert_eq!(holiday(2025, 2, 24), Some("振替休日")); // 天皇誕生日 2/23 was a Sunday
        assert_eq!(holiday(2025, 3, 20), Some("春分の日"));
        assert_eq!(holiday(2025, 5, 6), Some("振替休日")); // みどりの日 5/4 was a Sunday
        assert_eq!(holiday(2025, 9, 23), Some("秋分の日"));
        assert_eq!(holiday(2026, 9, 22), Some("国民の休日")); // between 敬老の日 and 秋分の日
        assert_eq!(holiday(2019, 4, 30), Some("国民の休日"));
        assert_eq!(holiday(2019, 5, 1), Some("天皇の即位の日"));
        assert_eq!(holiday(2019, 5, 2), Some("国民の休日"));
        assert_eq!(holiday(2019, 12, 23), None);
        assert_eq!(holiday(2020, 7, 24), Some("スポーツの日"));
        assert_eq!(holiday(2021, 8, 9), Some("振替休日"));
        assert_eq!(holiday(2008, 5, 6), Some("振替休日")); // 5/4 Sunday, next non-祝日 is 5/6
        assert_eq!(holiday(2025, 6, 2), None);
    }

    #[test]
    fn offices_close_on_weekends_and_at_the_year_end() {
        assert_eq!(
            administrative_holiday(ymd(2025, 12, 29)).map(|h| h.kind),
            Some(ClosedKind::YearEnd)
        );
        assert_eq!(
            administrative_holiday(ymd(2026, 1, 2)).map(|h| h.kind),
            Some(ClosedKind::YearEnd)
        );
        assert_eq!(
            administrative_holiday(ymd(2026, 1, 1)).map(|h| h.kind),
            Some(ClosedKind::NationalHoliday)
        );
        assert_eq!(
            administrative_holiday(ymd(2026, 3, 28)).map(|h| h.kind),
            Some(ClosedKind::Weekend)
        );
        assert_eq!(administrative_holiday(ymd(2026, 3, 31)), None);
        assert_eq!(weekday_name(ymd(2026, 3, 31)).ja, "火曜日");
    }

    #[test]
    fn equinoxes_follow_the_approximation() {
        assert_eq!(vernal_equinox(2024), Some(20));
        assert_eq!(vernal_equinox(2025), Some(20));
        assert_eq!(autumnal_equinox(2024), Some(22));
        assert_eq!(autumnal_equinox(2012), Some(22));
        assert_eq!(vernal_equinox(2100), None);
    }
}
