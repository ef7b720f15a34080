//! 別記様式5 概算払請求書: per row 残額 = (A) − ((B) + (C)); (B) + (C) ≤ (A); every 出来高 within
//! 0–100 %; the 計 row equal to the column sums.
//!
//! Reading of the 出来高 columns (注2: 遂行状況は金額ベース、国庫補助金総額を100%): the 出来高 beside
//! (B) is B / A × 100; the 出来高 beside (C), as of the report date, covers everything claimed so
//! far, (B + C) / A × 100; the planned 出来高 is not below the current one. A stated percentage
//! agrees when it is within one unit of its last written decimal place of the computed one.
//!
//! Owns: the 様式5 checks and figures. Must not know: the other tables.

use super::rows::DEFAULT_MAX_ROWS;
use super::totals::typed_totals;
use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::pack::category::normalise;
use crate::pack::spec::AdvancePaymentSpec;
use crate::read::row::{rows, Row};
use crate::text::amount_field::FieldUnit;
use crate::text::figure::Figure;
use crate::text::money::Yen;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

const COLUMNS: [&str; 11] = [
    "category",
    "total_cost",
    "subsidy",
    "received",
    "received_progress",
    "request",
    "progress",
    "remaining",
    "planned_progress",
    "completion_date",
    "remark",
];
const TOTAL_COLUMNS: [&str; 5] = ["total_cost", "subsidy", "received", "request", "remaining"];

/// One row's computed figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AdvanceRow {
    /// The row's index.
    pub index: usize,
    /// (A) − ((B) + (C)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<Figure>,
    /// B / A × 100, to two decimals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_progress: Option<String>,
    /// (B + C) / A × 100, to two decimals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_progress: Option<String>,
}

/// What the 概算払請求書 computes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AdvanceFigures {
    /// Per row.
    pub rows: Vec<AdvanceRow>,
    /// Σ 国庫補助金 (A).
    pub subsidy: Figure,
    /// Σ 既受領額 (B).
    pub received: Figure,
    /// Σ 今回請求額 (C): the amount claimed by this request.
    pub request: Figure,
    /// Σ 残額.
    pub remaining: Figure,
}

/// Checks the 様式5 section; `subprogramme_titles` are the names 注1 allows in 区分.
pub(crate) fn evaluate(
    spec: &AdvancePaymentSpec,
    section: &Value,
    subprogramme_titles: &[String],
    diags: &mut Vec<Diagnostic>,
) -> AdvanceFigures {
    let unit = FieldUnit::Yen;
    if let Some(s) = Row::new(spec.path.clone(), section, diags) {
        s.unknown_keys(&["rows", "totals"], diags);
    }
    let mut out = Vec::new();
    let mut sums = [Yen::ZERO; 5];
    let mut complete = true;
    for (index, value) in rows(
        section,
        &spec.path,
        "rows",
        DEFAULT_MAX_ROWS,
        &spec.clause,
        diags,
    ) {
        let Some(row) = Row::new(format!("{}.rows[{index}]", spec.path), value, diags) else {
            continue;
        };
        if row.is_blank() {
            continue;
        }
        row.unknown_keys(&COLUMNS, diags);
        match row.text("category", diags) {
            Some(c)
                if subprogramme_titles
                    .iter()
                    .any(|t| normalise(t) == normalise(&c)) => {}
            Some(_) => diags.push(Diagnostic::new(
                Code::BudgetAdvanceCategory,
                row.cell_path("category"),
                Some(&spec.clause),
                Message::new(
                    format!(
                        "区分には事業名（{}）のいずれかを記載してください。",
                        subprogramme_titles.join("、")
                    ),
                    format!(
                        "The category must be one of the sub-programme names ({}).",
                        subprogramme_titles.join(", ")
                    ),
                ),
            )),
            None => row.required(
                "category",
                &Message::new("区分", "category (区分)"),
                &spec.clause,
                diags,
            ),
        }
        let amounts = ["total_cost", "subsidy", "received", "request", "remaining"]
            .map(|k| row.amount(k, unit, diags).map(|a| a.yen));
        for (sum, a) in sums.iter_mut().zip(amounts) {
            match a {
                Some(a) => *sum = sum.checked_add(a).unwrap_or(*sum),
                None => complete = false,
            }
        }
        let [_, a, b, c, typed_remaining] = amounts;
        let percents = ["received_progress", "progress", "planned_progress"].map(|k| {
            let p = row.percent(k, diags);
            if let Some(p) = p.filter(|p| *p > Decimal::ONE_HUNDRED) {
                diags.push(Diagnostic::new(
                    Code::BudgetPercentRange,
                    row.cell_path(k),
                    Some(&spec.clause),
                    Message::new(
                        format!("出来高は0〜100%で記入してください（{p}%）。"),
                        format!("Progress is a percentage from 0 to 100 ({p}%)."),
                    ),
                ));
            }
            p
        });
        let _ = row.date("completion_date", diags);
        let mut figures = AdvanceRow {
            index,
            remaining: None,
            received_progress: None,
            claimed_progress: None,
        };
        if let (Some(a), Some(b), Some(c)) = (a, b, c) {
            let claimed = b.checked_add(c).unwrap_or(b);
            let remaining = a.checked_sub(claimed).unwrap_or(a);
            figures.remaining = Some(Figure::of(remaining, unit));
            if claimed > a {
                diags.push(Diagnostic::new(
                    Code::BudgetAdvanceOverSubsidy,
                    row.cell_path("request"),
                    Some(&spec.clause),
                    Message::new(
                        format!("既受領額（B）と今回請求額（C）の合計{claimed}が国庫補助金（A）{a}を超えています。"),
                        format!("Received (B) plus this claim (C), {claimed}, exceeds the national subsidy (A), {a}."),
                    ),
                ));
            }
            if let Some(t) = typed_remaining.filter(|t| *t != remaining) {
                diags.push(Diagnostic::new(
                    Code::BudgetAdvanceRemaining,
                    row.cell_path("remaining"),
                    Some(&spec.clause),
                    Message::new(
                        format!("残額は (A) − ((B) + (C)) = {remaining} ですが、{t} と記入されています。"),
                        format!("The remainder is (A) − ((B) + (C)) = {remaining}, but {t} is written."),
                    ),
                ));
            }
            if !a.value().is_zero() {
                let pct = |x: Yen| (x.value() * Decimal::ONE_HUNDRED / a.value()).round_dp(2);
                figures.received_progress = Some(pct(b).to_string());
                figures.claimed_progress = Some(pct(claimed).to_string());
                progress_agrees(spec, &row, "received_progress", percents[0], pct(b), diags);
                progress_agrees(spec, &row, "progress", percents[1], pct(claimed), diags);
            }
        }
        if let (Some(now), Some(plan)) = (percents[1], percents[2]) {
            if plan < now {
                diags.push(Diagnostic::new(
                    Code::BudgetProgressInconsistent,
                    row.cell_path("planned_progress"),
                    Some(&spec.clause),
                    Message::new(
                        format!("予定出来高（{plan}%）が現在の出来高（{now}%）を下回っています。"),
                        format!("The planned progress ({plan}%) is below the current progress ({now}%)."),
                    ),
                ));
            }
        }
        out.push(figures);
    }
    let labels = [
        Message::new("総事業費", "total project cost"),
        Message::new("国庫補助金（A）", "national subsidy (A)"),
        Message::new("既受領額（B）", "received (B)"),
        Message::new("今回請求額（C）", "this claim (C)"),
        Message::new("残額", "remainder"),
    ];
    let columns: Vec<(&str, Yen, Message)> = TOTAL_COLUMNS
        .into_iter()
        .zip(sums)
        .zip(labels)
        .map(|((k, v), l)| (k, v, l))
        .collect();
    typed_totals(
        &spec.path,
        section,
        &columns,
        &[],
        unit,
        &spec.clause,
        complete,
        diags,
    );
    AdvanceFigures {
        rows: out,
        subsidy: Figure::of(sums[1], unit),
        received: Figure::of(sums[2], unit),
        request: Figure::of(sums[3], unit),
        remaining: Figure::of(
            sums[1]
                .checked_sub(sums[2])
                .and_then(|r| r.checked_sub(sums[3]))
                .unwrap_or(Yen::ZERO),
            unit,
        ),
    }
}

/// A stated percentage agrees with the computed one within one unit of its last decimal place.
fn progress_agrees(
    spec: &AdvancePaymentSpec,
    row: &Row<'_>,
    key: &str,
    stated: Option<Decimal>,
    computed: Decimal,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(stated) = stated else { return };
    let tolerance = Decimal::new(1, stated.scale());
    if (stated - computed).abs() >= tolerance {
        diags.push(Diagnostic::new(
            Code::BudgetProgressInconsistent,
            row.cell_path(key),
            Some(&spec.clause),
            Message::new(
                format!("出来高（金額ベース、国庫補助金総額を100%）は金額から計算すると{computed}%ですが、{stated}%と記入されています。"),
                format!("On an amount basis (the national subsidy = 100%) the progress is {computed}%, but {stated}% is written."),
            ),
        ));
    }
}
