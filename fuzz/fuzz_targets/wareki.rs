//! 和暦 and 西暦 dates as typed (`令和7年3月18日`, `R7.3.18`, `2025/3/18`): a date or a clear refusal;
//! a date read is written back (format_wareki) and read again as the same day.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yoken::text::wareki::{format_english, format_wareki, parse_date};

fuzz_target!(|text: &str| {
    match parse_date(text) {
        Ok(typed) => {
            let written = format_wareki(typed.date);
            assert_eq!(
                parse_date(&written).map(|t| t.date),
                Ok(typed.date),
                "{text:?} → {written}"
            );
            assert!(!format_english(typed.date).is_empty());
        }
        Err(e) => {
            let message = e.message();
            assert!(!e.code().as_str().is_empty() && !message.ja.is_empty() && !message.en.is_empty());
        }
    }
});
