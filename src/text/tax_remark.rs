//! 別記様式2 注2: the 備考 of each row states the consumption-tax treatment, exactly one of
//! 「減額した金額〇〇円」 (with the amount), 「該当なし」 or 「含税額」.
//!
//! Accepted variants: full- or half-width characters, spaces anywhere, surrounding 「」, commas
//! in the amount, 無し for なし. Anything else is refused with the closest of the three forms.
//!
//! Owns: reading a 備考. Must not know: where the remark sits in a table.

use super::money::Yen;
use super::number_text::{parse_number, NumberRules, WrittenUnit};
use super::width::{fold, is_space};
use crate::finding::message::Message;

/// A readable remark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TaxRemark {
    /// 「減額した金額〇〇円」: the deductible tax was taken off; the amount taken off.
    Reduced(Yen),
    /// 「該当なし」: there is no deductible tax.
    NotApplicable,
    /// 「含税額」: the deductible tax is not yet known, so the amount includes it.
    TaxIncluded,
}

/// Why a remark is refused, with the form it most likely meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RemarkError {
    /// The suggested text, if one of the three forms is close.
    pub suggestion: Option<String>,
    /// Whether the 減額 form was meant but its amount is missing or unreadable.
    pub amount_missing: bool,
}

impl RemarkError {
    /// The message shown at the 備考 cell.
    #[must_use]
    pub(crate) fn message(&self) -> Message {
        if self.amount_missing {
            return Message::new(
                "「減額した金額〇〇円」には減額した金額を円で書いてください（例：減額した金額12,000円）。",
                "Write the amount taken off in yen after 減額した金額 (e.g. 減額した金額12,000円).",
            );
        }
        let base_ja =
            "備考には「減額した金額〇〇円」「該当なし」「含税額」のいずれかを記入してください。";
        let base_en = "The remark must be one of 「減額した金額〇〇円」 (tax taken off, with the amount), 「該当なし」 (none) or 「含税額」 (tax included, amount unknown).";
        match &self.suggestion {
            Some(s) => Message::new(
                format!("{base_ja}「{s}」のことですか。"),
                format!("{base_en} Did you mean 「{s}」?"),
            ),
            None => Message::new(base_ja, base_en),
        }
    }
}

const REDUCED: &str = "減額した金額";

/// Reads a remark.
pub(crate) fn parse_tax_remark(text: &str) -> Result<TaxRemark, RemarkError> {
    let t: String = fold(text)
        .chars()
        .filter(|c| !is_space(*c) && !matches!(c, '「' | '」'))
        .collect();
    match t.as_str() {
        "該当なし" | "該当無し" => return Ok(TaxRemark::NotApplicable),
        "含税額" => return Ok(TaxRemark::TaxIncluded),
        _ => {}
    }
    if let Some(rest) = t.strip_prefix(REDUCED) {
        return match parse_number(rest, NumberRules::AMOUNT) {
            Ok(n) if matches!(n.unit, WrittenUnit::Yen | WrittenUnit::None) => Yen::new(n.value)
                .map(TaxRemark::Reduced)
                .map_err(|_| missing_amount()),
            _ => Err(missing_amount()),
        };
    }
    Err(RemarkError {
        suggestion: suggest(&t),
        amount_missing: false,
    })
}

fn missing_amount() -> RemarkError {
    RemarkError {
        suggestion: None,
        amount_missing: true,
    }
}

/// The form a stray remark most likely meant.
fn suggest(t: &str) -> Option<String> {
    if t.contains("減額") || t.contains("控除") {
        let digits: String = t
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == ',')
            .collect();
        let amount = if digits.is_empty() {
            "〇〇".to_owned()
        } else {
            digits
        };
        return Some(format!("{REDUCED}{amount}円"));
    }
    if t.contains("なし") || t.contains("無し") || t.contains("無") || t == "-" || t == "該当"
    {
        return Some("該当なし".into());
    }
    if t.contains("含") || t.contains("税込") || t.contains("込み") {
        return Some("含税額".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn reads_the_three_forms_and_their_common_variants() {
        assert_eq!(parse_tax_remark("該当なし"), Ok(TaxRemark::NotApplicable));
        assert_eq!(
            parse_tax_remark(" 該当 なし "),
            Ok(TaxRemark::NotApplicable)
        );
        assert_eq!(parse_tax_remark("該当無し"), Ok(TaxRemark::NotApplicable));
        assert_eq!(parse_tax_remark("「含税額」"), Ok(TaxRemark::TaxIncluded));
        assert_eq!(parse_tax_remark("含 税 額"), Ok(TaxRemark::TaxIncluded));
        assert_eq!(
            parse_tax_remark("減額した金額12,000円"),
            Ok(TaxRemark::Reduced(Yen::from_i64(12_000)))
        );
        assert_eq!(
            parse_tax_remark("減額した金額　１２，０００円"),
            Ok(TaxRemark::Reduced(Yen::from_i64(12_000)))
        );
        assert_eq!(
            parse_tax_remark("減額した金額 500"),
            Ok(TaxRemark::Reduced(Yen::from_i64(500)))
        );
    }

    #[test]
    fn refuses_others_with_the_closest_form() {
        let s = |t: &str| parse_tax_remark(t).unwrap_err().suggestion;
        assert_eq!(s("なし"), Some("該当なし".into()));
        assert_eq!(s("税込"), Some("含税額".into()));
        assert_eq!(s("減額 12,000円"), Some("減額した金額12,000円".into()));
        assert_eq!(s("控除済"), Some("減額した金額〇〇円".into()));
        assert_eq!(s("よろしく"), None);
        assert!(parse_tax_remark("減額した金額").unwrap_err().amount_missing);
        assert!(
            parse_tax_remark("減額した金額12千円")
                .unwrap_err()
                .amount_missing
        );
        assert!(
            parse_tax_remark("減額した金額-5円")
                .unwrap_err()
                .amount_missing
        );
        assert!(parse_tax_remark("よろしく")
            .unwrap_err()
            .message()
            .ja
            .contains("含税額"));
    }
}
