//! The typed 計 row of a table against the column sums.
//!
//! Owns: comparing a typed 計 row with the sums. Must not know: how the sums were made.

use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::read::row::Row;
use crate::text::amount_field::FieldUnit;
use crate::text::figure::Figure;
use crate::text::money::Yen;
use serde_json::Value;

/// The typed 計 row (`<section>.totals`) must equal the column sums; each column is
/// `(key, computed sum, label)`. Compared only when every filled row could be read.
#[allow(clippy::too_many_arguments)]
pub(crate) fn typed_totals(
    section_path: &str,
    section: &Value,
    columns: &[(&str, Yen, Message)],
    extra_keys: &[&str],
    unit: FieldUnit,
    clause: &str,
    complete: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(value) = section.get("totals") else {
        return;
    };
    let Some(row) = Row::new(format!("{section_path}.totals"), value, diags) else {
        return;
    };
    let known: Vec<&str> = columns
        .iter()
        .map(|c| c.0)
        .chain(extra_keys.iter().copied())
        .collect();
    row.unknown_keys(&known, diags);
    for (key, sum, label) in columns {
        let Some(typed) = row.amount(key, unit, diags) else {
            continue;
        };
        if complete && typed.yen != *sum {
            let (shown, expected) = (
                Figure::of(typed.yen, unit).display,
                Figure::of(*sum, unit).display,
            );
            diags.push(Diagnostic::new(
                Code::BudgetTotalMismatch,
                row.cell_path(key),
                Some(clause),
                Message::new(
                    format!(
                        "計の{}は{shown}と記入されていますが、各行の合計は{expected}です。",
                        label.ja
                    ),
                    format!(
                        "The total {} is written as {shown}, but the rows add up to {expected}.",
                        label.en
                    ),
                ),
            ));
        }
    }
}
