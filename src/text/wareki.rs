//! 和暦: Japanese era dates (令和・平成・昭和) read from typed text and written back.
//!
//! Accepted (after folding full-width characters; spaces anywhere are ignored):
//! - `令和7年3月18日`, `令和７年３月１８日`, `令和元年5月1日`, `令和 7 年 3 月 18 日`, `令7.3.18`;
//! - abbreviations `R7.3.18`, `r07/03/18`, `H31-4-30`, `S64.1.7` (R = 令和, H = 平成, S = 昭和);
//! - 西暦: `2025-03-18`, `2025/3/18`, `2025.3.18`, `2025年3月18日`.
//!
//! A date outside its era is an error that names the right era (平成31年5月1日 does not exist:
//! it is 令和元年5月1日); a year without an era or century (`7.3.18`, `25/3/18`) is an error, not a guess.
//!
//! Owns: eras and dates as typed. Must not know: deadlines or fiscal years.

use super::width::{folded, is_space};
use crate::finding::code::Code;
use crate::finding::message::Message;
use chrono::{Datelike, NaiveDate};
use core::fmt;

/// A Japanese era (元号) that yoken reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Era {
    /// 昭和: 1926-12-25 … 1989-01-07.
    Showa,
    /// 平成: 1989-01-08 … 2019-04-30.
    Heisei,
    /// 令和: from 2019-05-01.
    Reiwa,
}

impl Era {
    /// All supported eras, oldest first.
    pub const ALL: [Era; 3] = [Era::Showa, Era::Heisei, Era::Reiwa];

    /// The era's name in Japanese (`令和`).
    #[must_use]
    pub fn name_ja(self) -> &'static str {
        match self {
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The era's name in English (`Reiwa`).
    #[must_use]
    pub fn name_en(self) -> &'static str {
        match self {
            Era::Showa => "Showa",
            Era::Heisei => "Heisei",
            Era::Reiwa => "Reiwa",
        }
    }

    /// The first day of the era.
    #[must_use]
    pub fn first_day(self) -> NaiveDate {
        match self {
            Era::Showa => ymd(1926, 12, 25),
            Era::Heisei => ymd(1989, 1, 8),
            Era::Reiwa => ymd(2019, 5, 1),
        }
    }

    /// The last day of the era, or `None` for the current era.
    #[must_use]
    pub fn last_day(self) -> Option<NaiveDate> {
        match self {
            Era::Showa => Some(ymd(1989, 1, 7)),
            Era::Heisei => Some(ymd(2019, 4, 30)),
            Era::Reiwa => None,
        }
    }

    /// The era in effect on `date`, or `None` before 昭和.
    #[must_use]
    pub fn of(date: NaiveDate) -> Option<Era> {
        Era::ALL
            .into_iter()
            .rev()
            .find(|era| date >= era.first_day())
    }

    /// The 西暦 year in which the era's year 1 (元年) falls.
    #[must_use]
    pub fn first_year(self) -> i32 {
        self.first_day().year()
    }

    /// The 西暦 year of the era's year `era_year` (1 = 元年).
    #[must_use]
    pub fn western_year(self, era_year: u32) -> Option<i32> {
        i32::try_from(era_year)
            .ok()?
            .checked_add(self.first_year() - 1)
    }
}

/// A fixed date in the proleptic Gregorian calendar; only called with valid constants.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// A date written in an era: 令和7年3月18日.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarekiDate {
    /// The era.
    pub era: Era,
    /// The year of the era (1 = 元年).
    pub year: u32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month.
    pub day: u32,
}

impl WarekiDate {
    /// The era date of `date`, or `None` before 昭和 began (1926-12-25).
    #[must_use]
    pub fn of(date: NaiveDate) -> Option<Self> {
        let era = Era::of(date)?;
        let year = u32::try_from(date.year() - era.first_year() + 1).ok()?;
        Some(Self {
            era,
            year,
            month: date.month(),
            day: date.day(),
        })
    }
}

impl fmt::Display for WarekiDate {
    /// `令和7年3月18日`, with `元年` for year 1.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.era.name_ja())?;
        if self.year == 1 {
            f.write_str("元")?;
        } else {
            write!(f, "{}", self.year)?;
        }
        write!(f, "年{}月{}日", self.month, self.day)
    }
}

/// `令和7年3月18日` for dates from 昭和 on; `1900年1月1日` (西暦) before that.
#[must_use]
pub fn format_wareki(date: NaiveDate) -> String {
    match WarekiDate::of(date) {
        Some(w) => w.to_string(),
        None => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// `2025-03-18 (Reiwa 7)`: the English rendering that keeps the era visible.
#[must_use]
pub fn format_english(date: NaiveDate) -> String {
    match WarekiDate::of(date) {
        Some(w) => format!("{} ({} {})", date, w.era.name_en(), w.year),
        None => date.to_string(),
    }
}

/// How a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateNotation {
    /// With an era (令和, R, …).
    Wareki,
    /// With a four-digit 西暦 year.
    Seireki,
}

/// A date read from typed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypedDate {
    /// The calendar date.
    pub date: NaiveDate,
    /// How it was written.
    pub notation: DateNotation,
}

/// Why typed text is not a date yoken will accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateTextError {
    /// Nothing typed.
    Empty,
    /// Not readable as a date in any accepted form.
    Unreadable,
    /// A year with neither era nor four digits (`7年3月18日`, `25/3/18`).
    MissingEra,
    /// An era yoken does not read (明治, 大正).
    UnsupportedEra {
        /// The era as written.
        era: String,
    },
    /// Year 0 of an era (the first year is 元年 = 1).
    YearZero,
    /// A month or day that does not exist (2月30日, 13月).
    NoSuchDay,
    /// A date before the named era began, e.g. 令和元年4月30日.
    BeforeEra {
        /// The era as written.
        era: Era,
        /// The date meant, written in its real era.
        instead: String,
    },
    /// A date after the named era ended, e.g. 平成31年5月1日.
    AfterEra {
        /// The era as written.
        era: Era,
        /// The date meant, written in its real era.
        instead: String,
    },
    /// Outside the range yoken handles (years 1000–9999).
    OutOfRange,
}

impl DateTextError {
    /// The diagnostic code for this error.
    #[must_use]
    pub fn code(&self) -> Code {
        match self {
            Self::Empty => Code::DateEmpty,
            Self::Unreadable => Code::DateUnreadable,
            Self::MissingEra => Code::DateMissingEra,
            Self::UnsupportedEra { .. } => Code::DateUnsupportedEra,
            Self::YearZero => Code::DateYearZero,
            Self::NoSuchDay => Code::DateNoSuchDay,
            Self::BeforeEra { .. } => Code::DateBeforeEra,
            Self::AfterEra { .. } => Code::DateAfterEra,
            Self::OutOfRange => Code::DateOutOfRange,
        }
    }

    /// The message shown to the person typing.
    #[must_use]
    pub fn message(&self) -> Message {
        match self {
            Self::Empty => Message::new("日付を入力してください。", "Enter a date."),
            Self::Unreadable => Message::new(
                "日付として読み取れません。「令和7年4月1日」「R7.4.1」「2025-04-01」のように入力してください。",
                "Not readable as a date; write it like 令和7年4月1日, R7.4.1 or 2025-04-01.",
            ),
            Self::MissingEra => Message::new(
                "元号（令和など）か西暦4桁の年を書いてください。",
                "State the era (e.g. 令和) or a four-digit Western year.",
            ),
            Self::UnsupportedEra { era } => Message::new(
                format!("「{era}」の日付は扱えません。昭和・平成・令和または西暦で入力してください。"),
                format!("Dates in \"{era}\" are not supported; use 昭和, 平成, 令和 or a Western year."),
            ),
            Self::YearZero => Message::new(
                "0年はありません（最初の年は元年です）。",
                "There is no year 0 of an era (the first year is 元年, year 1).",
            ),
            Self::NoSuchDay => Message::new("存在しない日付です。", "No such date exists."),
            Self::BeforeEra { era, instead } => Message::new(
                format!("{}は{}年{}月{}日に始まりました。この日付は{instead}です。",
                    era.name_ja(), era.first_day().year(), era.first_day().month(), era.first_day().day()),
                format!("{} began on {}; this date is {instead}.", era.name_en(), era.first_day()),
            ),
            Self::AfterEra { era, instead } => Message::new(
                format!("{}の日付ではありません（{}は{}で終わりました）。この日付は{instead}です。",
                    era.name_ja(), era.name_ja(), era.last_day().map(format_wareki).unwrap_or_default()),
                format!("{} had ended by then ({}); this date is {instead}.",
                    era.name_en(), era.last_day().map(|d| d.to_string()).unwrap_or_default()),
            ),
            Self::OutOfRange => Message::new(
                "扱える範囲外の日付です（西暦1000年〜9999年）。",
                "The date is outside the supported range (years 1000–9999).",
            ),
        }
    }
}

/// Era names and abbreviations, longest first so that `令和` wins over `令`.
const ERA_PREFIXES: [(&str, Option<Era>); 13] = [
    ("令和", Some(Era::Reiwa)),
    ("平成", Some(Era::Heisei)),
    ("昭和", Some(Era::Showa)),
    ("大正", None),
    ("明治", None),
    ("令", Some(Era::Reiwa)),
    ("平", Some(Era::Heisei)),
    ("昭", Some(Era::Showa)),
    ("R", Some(Era::Reiwa)),
    ("H", Some(Era::Heisei)),
    ("S", Some(Era::Showa)),
    ("T", None),
    ("M", None),
];

/// Reads a typed date in 和暦 or 西暦.
pub fn parse_date(text: &str) -> Result<TypedDate, DateTextError> {
    let folded: String = folded(text).chars().filter(|c| !is_space(*c)).collect();
    if folded.is_empty() {
        return Err(DateTextError::Empty);
    }
    let upper = folded.to_ascii_uppercase();
    let mut era = None;
    let mut rest = upper.as_str();
    for (prefix, e) in ERA_PREFIXES {
        if let Some(r) = rest.strip_prefix(prefix) {
            match e {
                Some(e) => era = Some(e),
                None => {
                    return Err(DateTextError::UnsupportedEra {
                        era: prefix.to_owned(),
                    })
                }
            }
            rest = r;
            break;
        }
    }
    let mut cursor = Cursor { rest };
    let year = if era.is_some() && cursor.eat("元") {
        YearText {
            value: 1,
            digits: 1,
        }
    } else {
        cursor.number().ok_or(DateTextError::Unreadable)?
    };
    let kanji = cursor.eat("年");
    if !kanji && !cursor.eat_any(&[".", "/", "-"]) {
        return Err(DateTextError::Unreadable);
    }
    let month = cursor.number().ok_or(DateTextError::Unreadable)?;
    if !(if kanji {
        cursor.eat("月")
    } else {
        cursor.eat_any(&[".", "/", "-"])
    }) {
        return Err(DateTextError::Unreadable);
    }
    let day = cursor.number().ok_or(DateTextError::Unreadable)?;
    // A closing 日 is optional in both styles ("R7.3.18日" is still unambiguous).
    cursor.eat("日");
    if !cursor.rest.is_empty() {
        return Err(DateTextError::Unreadable);
    }
    let (month, day) = (month.value, day.value);
    match era {
        Some(era) => era_date(era, year.value, month, day),
        None if year.digits == 4 => {
            let y = i32::try_from(year.value).map_err(|_| DateTextError::OutOfRange)?;
            if !(1000..=9999).contains(&y) {
                return Err(DateTextError::OutOfRange);
            }
            let date = NaiveDate::from_ymd_opt(y, month, day).ok_or(DateTextError::NoSuchDay)?;
            Ok(TypedDate {
                date,
                notation: DateNotation::Seireki,
            })
        }
        None => Err(DateTextError::MissingEra),
    }
}

/// Checks that era year/month/day names a real day inside that era.
fn era_date(era: Era, year: u32, month: u32, day: u32) -> Result<TypedDate, DateTextError> {
    if year == 0 {
        return Err(DateTextError::YearZero);
    }
    let western = era
        .western_year(year)
        .filter(|y| *y <= 9999)
        .ok_or(DateTextError::OutOfRange)?;
    let date = NaiveDate::from_ymd_opt(western, month, day).ok_or(DateTextError::NoSuchDay)?;
    if date < era.first_day() {
        return Err(DateTextError::BeforeEra {
            era,
            instead: format_wareki(date),
        });
    }
    if era.last_day().is_some_and(|last| date > last) {
        return Err(DateTextError::AfterEra {
            era,
            instead: format_wareki(date),
        });
    }
    Ok(TypedDate {
        date,
        notation: DateNotation::Wareki,
    })
}

/// A run of digits as typed, with how many digits it had.
struct YearText {
    value: u32,
    digits: usize,
}

/// A tiny left-to-right reader over the folded text.
struct Cursor<'a> {
    rest: &'a str,
}

impl Cursor<'_> {
    fn eat(&mut self, token: &str) -> bool {
        match self.rest.strip_prefix(token) {
            Some(r) => {
                self.rest = r;
                true
            }
            None => false,
        }
    }

    fn eat_any(&mut self, tokens: &[&str]) -> bool {
        tokens.iter().any(|t| self.eat(t))
    }

    /// Up to six ASCII digits (more cannot be a year, month or day).
    fn number(&mut self) -> Option<YearText> {
        let digits = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            return None;
        }
        let (num, rest) = self.rest.split_at(digits);
        self.rest = rest;
        Some(YearText {
            value: num.parse().ok()?,
            digits,
        })
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

    fn reads(text: &str, expected: NaiveDate) {
        assert_eq!(parse_date(text).map(|t| t.date), Ok(expected), "{text:?}");
    }

    #[test]
    fn reads_era_dates_in_every_accepted_form() {
        let d = date(2025, 3, 18);
        for text in [
            "令和7年3月18日",
            "令和７年３月１８日",
            "令和 7 年 3 月 18 日",
            "令和07年03月18日",
            "令和7年3月18",
            "令7.3.18",
            "R7.3.18",
            "r7.3.18",
            "R07/03/18",
            "R7-3-18",
            "Ｒ７．３．１８",
            "2025-03-18",
            "2025/3/18",
            "2025.3.18",
            "2025年3月18日",
            "２０２５年３月１８日",
        ] {
            reads(text, d);
        }
        reads("令和元年5月1日", date(2019, 5, 1));
        reads("平成元年1月8日", date(1989, 1, 8));
        reads("平成1年1月8日", date(1989, 1, 8));
        reads("H31.4.30", date(2019, 4, 30));
        reads("S64.1.7", date(1989, 1, 7));
        reads("昭和元年12月25日", date(1926, 12, 25));
        assert_eq!(
            parse_date("R7.3.18").unwrap().notation,
            DateNotation::Wareki
        );
        assert_eq!(
            parse_date("2025-03-18").unwrap().notation,
            DateNotation::Seireki
        );
    }

    #[test]
    fn dates_outside_their_era_are_errors_naming_the_right_era() {
        let e = parse_date("平成31年5月1日").unwrap_err();
        assert_eq!(
            e,
            DateTextError::AfterEra {
                era: Era::Heisei,
                instead: "令和元年5月1日".into()
            }
        );
        assert!(e.message().ja.contains("令和元年5月1日"));
        assert!(e.message().ja.contains("平成31年4月30日"));
        assert_eq!(
            parse_date("令和元年4月30日"),
            Err(DateTextError::BeforeEra {
                era: Era::Reiwa,
                instead: "平成31年4月30日".into()
            })
        );
        assert_eq!(
            parse_date("S64.1.8"),
            Err(DateTextError::AfterEra {
                era: Era::Showa,
                instead: "平成元年1月8日".into()
            })
        );
        assert!(matches!(
            parse_date("平成元年1月7日"),
            Err(DateTextError::BeforeEra { .. })
        ));
        assert!(matches!(
            parse_date("昭和元年12月24日"),
            Err(DateTextError::BeforeEra { .. })
        ));
    }

    #[test]
    fn rejects_what_cannot_be_read_unambiguously() {
        assert_eq!(parse_date(""), Err(DateTextError::Empty));
        assert_eq!(parse_date(" \u{3000}"), Err(DateTextError::Empty));
        assert_eq!(parse_date("7年3月18日"), Err(DateTextError::MissingEra));
        assert_eq!(parse_date("25/3/18"), Err(DateTextError::MissingEra));
        assert_eq!(parse_date("令和0年4月1日"), Err(DateTextError::YearZero));
        assert_eq!(parse_date("令和7年2月29日"), Err(DateTextError::NoSuchDay));
        assert_eq!(parse_date("令和7年13月1日"), Err(DateTextError::NoSuchDay));
        assert_eq!(parse_date("2025-02-30"), Err(DateTextError::NoSuchDay));
        assert_eq!(
            parse_date("大正5年1月1日"),
            Err(DateTextError::UnsupportedEra {
                era: "大正".into()
            })
        );
        assert_eq!(parse_date("令和7年3月"), Err(DateTextError::Unreadable));
        assert_eq!(
            parse_date("令和7年3月18日です"),
            Err(DateTextError::Unreadable)
        );
        assert_eq!(parse_date("R7.3/18x"), Err(DateTextError::Unreadable));
        assert_eq!(parse_date("0999-01-01"), Err(DateTextError::OutOfRange));
        assert_eq!(
            parse_date("令和9999年1月1日"),
            Err(DateTextError::OutOfRange)
        );
        assert_eq!(
            parse_date("令和4294967295年1月1日"),
            Err(DateTextError::Unreadable)
        );
        assert_eq!(parse_date("hello"), Err(DateTextError::Unreadable));
    }

    #[test]
    fn leap_days_follow_the_gregorian_calendar() {
        reads("令和6年2月29日", date(2024, 2, 29));
        reads("平成12年2月29日", date(2000, 2, 29));
        assert_eq!(parse_date("令和3年2月29日"), Err(DateTextError::NoSuchDay));
    }

    #[test]
    fn formats_with_gannen() {
        assert_eq!(format_wareki(date(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(format_wareki(date(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(format_wareki(date(2026, 3, 31)), "令和8年3月31日");
        assert_eq!(format_wareki(date(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(format_wareki(date(1900, 1, 1)), "1900年1月1日");
        assert_eq!(format_wareki(date(1926, 12, 24)), "1926年12月24日");
        let era_date = WarekiDate::of(date(2019, 5, 1)).map(|w| w.to_string());
        assert_eq!(era_date.as_deref(), Some("令和元年5月1日"));
        assert_eq!(format_english(date(2025, 3, 18)), "2025-03-18 (Reiwa 7)");
    }

    #[test]
    fn formatting_and_parsing_round_trip_every_day_of_three_eras() {
        let mut d = date(1926, 12, 25);
        while d <= date(2030, 12, 31) {
            let text = format_wareki(d);
            assert_eq!(parse_date(&text).map(|t| t.date), Ok(d), "{text}");
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn every_error_speaks_both_languages() {
        let all = [
            DateTextError::Empty,
            DateTextError::Unreadable,
            DateTextError::MissingEra,
            DateTextError::UnsupportedEra {
                era: "大正".into()
            },
            DateTextError::YearZero,
            DateTextError::NoSuchDay,
            DateTextError::BeforeEra {
                era: Era::Reiwa,
                instead: "x".into(),
            },
            DateTextError::AfterEra {
                era: Era::Heisei,
                instead: "x".into(),
            },
            DateTextError::OutOfRange,
        ];
        for e in all {
            assert!(e.code().as_str().starts_with("date."));
            assert!(!e.message().ja.is_empty() && !e.message().en.is_empty());
        }
    }
}
