//! Typed numbers (`12,345千円`, `１２．５％`, `▲5`): any text is a number or a clear refusal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use yoken::text::number_text::{parse_number, NumberRules};

fuzz_target!(|text: &str| {
    for rules in [NumberRules::AMOUNT, NumberRules::PERCENT] {
        match parse_number(text, rules) {
            Ok(number) => {
                // Negative amounts are refused, never read as positive; amounts are whole.
                assert!(
                    !number.value.is_sign_negative() || number.value.is_zero(),
                    "{text:?}"
                );
                if !rules.allow_fraction {
                    assert_eq!(number.value.fract(), Decimal::ZERO, "{text:?}");
                }
                // Re-reading the plain digits gives the same value (nothing was silently altered).
                let again = parse_number(&number.value.normalize().to_string(), rules);
                assert_eq!(
                    again.map(|n| n.value),
                    Ok(number.value.normalize()),
                    "{text:?}"
                );
            }
            Err(e) => {
                let message = e.message();
                assert!(!e.code().as_str().is_empty() && !message.ja.is_empty() && !message.en.is_empty());
            }
        }
    }
});
