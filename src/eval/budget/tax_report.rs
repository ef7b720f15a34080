//! 別記様式4 消費税相当額報告書: item 4 (補助金返還相当額) = item 3 − item 2, and never below
//! zero without a stated reason.
//!
//! Reading: when item 3 (the deductible tax confirmed by the tax return) is less than item 2 (the
//! amount already taken off at 額の確定), nothing is to be returned: item 4 is 0 and the reason is
//! written in `negative_reason`; yoken then leaves it to the officer (`review`).
//!
//! Owns: the 様式4 checks and figures. Must not know: the other tables.

use crate::finding::code::Code;
use crate::finding::diagnostic::{Diagnostic, Severity};
use crate::finding::message::Message;
use crate::pack::spec::TaxReportSpec;
use crate::read::row::Row;
use crate::text::amount_field::FieldUnit;
use crate::text::figure::Figure;
use crate::text::money::Yen;
use serde::{Deserialize, Serialize};
use serde_json::Value;

const FIELDS: [&str; 7] = [
    "confirmed_amount",
    "reduced_deduction",
    "confirmed_deduction",
    "refund",
    "situation",
    "no_deduction_reason",
    "negative_reason",
];

/// What the 消費税相当額報告書 computes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TaxReportFigures {
    /// Item 3 − item 2 (may be negative), when both are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difference: Option<Figure>,
    /// Item 4 as it should be written: the difference, or 0 when it is negative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<Figure>,
}

/// Checks the 様式4 section.
pub(crate) fn evaluate(
    spec: &TaxReportSpec,
    section: &Value,
    diags: &mut Vec<Diagnostic>,
) -> TaxReportFigures {
    let Some(row) = Row::new(spec.path.clone(), section, diags) else {
        return TaxReportFigures {
            difference: None,
            refund: None,
        };
    };
    row.unknown_keys(&FIELDS, diags);
    let unit = FieldUnit::Yen;
    let _confirmed = row.amount("confirmed_amount", unit, diags);
    let reduced = row.amount("reduced_deduction", unit, diags).map(|a| a.yen);
    let deduction = row
        .amount("confirmed_deduction", unit, diags)
        .map(|a| a.yen);
    let typed = row.amount("refund", unit, diags).map(|a| a.yen);
    for text in ["situation", "no_deduction_reason"] {
        let _ = row.text(text, diags);
    }
    let reason = row.text("negative_reason", diags);
    let Some(difference) = deduction
        .zip(reduced)
        .and_then(|(d, r)| d.checked_sub(r).ok())
    else {
        return TaxReportFigures {
            difference: None,
            refund: None,
        };
    };
    let refund = if difference.is_negative() {
        Yen::ZERO
    } else {
        difference
    };
    let path = row.cell_path("refund");
    if difference.is_negative() {
        let (severity, ja, en) = if reason.is_some() {
            (Severity::Review, "3の額が2の額を下回るため返還相当額はありません。記載された理由の確認は審査担当の判断事項です。", "Item 3 is below item 2, so nothing is to be returned; the stated reason is for the officer to review.")
        } else {
            (Severity::Error, "3の額が2の額を下回ります（差額がマイナス）。返還相当額は0円とし、その理由を記入してください。", "Item 3 is below item 2 (a negative difference): write 0 as the amount to return and state the reason.")
        };
        diags.push(Diagnostic::with_severity(
            Code::BudgetTaxRefundNegative,
            severity,
            &path,
            Some(&spec.clause),
            Message::new(ja, en),
        ));
    }
    if let Some(t) = typed.filter(|t| *t != refund) {
        diags.push(Diagnostic::new(
            Code::BudgetTaxRefundMismatch,
            &path,
            Some(&spec.clause),
            if difference.is_negative() {
                Message::new(
                    format!("3の金額から2の金額を減じた額は{difference}でマイナスのため、4（補助金返還相当額）は0円ですが、{t}と記入されています。"),
                    format!("Item 3 − item 2 is {difference}, below zero, so item 4 (amount to return) is 0 yen, but {t} is written."),
                )
            } else {
                Message::new(
                    format!("4（補助金返還相当額）は3の金額から2の金額を減じた額{refund}ですが、{t}と記入されています。"),
                    format!("Item 4 (amount to return) is item 3 − item 2 = {refund}, but {t} is written."),
                )
            },
        ));
    }
    TaxReportFigures {
        difference: Some(Figure::of(difference, unit)),
        refund: Some(Figure::of(refund, unit)),
    }
}
