//! 経費の配分及び負担区分 (別記様式1/2/3): rows of 区分 | 事業費 (A+B) | 国庫補助金 (A) |
//! 事業実施主体 (B) | 備考, and a 計 row. Every row: 事業費 = A + B; 計 = the column sums; at a
//! 1/2 rate A ≤ ⌊事業費 / 2⌋ to the yen; on the 交付申請書 each 備考 states the tax treatment.
//!
//! Owns: the shares layout's checks and 計. Must not know: the lines layout.

use super::figures::{BudgetReport, Columns, RowFigures};
use super::lines::{category_refused, short};
use super::rows::{row_results, Context, RowResult, Rows};
use super::tax_remark::{parse_tax_remark, TaxRemark};
use super::totals::typed_totals;
use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::pack::category::CategoryMatch;
use crate::pack::model::Budget;
use crate::pack::spec::{BudgetLayout, RateKind};
use crate::read::row::Row;
use crate::text::figure::Figure;
use crate::text::money::Yen;
use rust_decimal::Decimal;
use serde_json::Value;
use std::sync::Arc;

const COLUMNS: [&str; 6] = ["category", "group", "total", "subsidy", "own", "remark"];

/// Adds within a table; row counts and digit limits keep sums far inside `Decimal`'s range, so
/// an overflow cannot happen (it would leave the running total unchanged rather than panic).
fn add(total: Yen, amount: Yen) -> Yen {
    total.checked_add(amount).unwrap_or(total)
}

fn label(key: &str) -> Message {
    match key {
        "total" => Message::new("事業費（A＋B）", "project cost (A+B)"),
        "subsidy" => Message::new("国庫補助金（A）", "national subsidy (A)"),
        "own" => Message::new("事業実施主体負担（B）", "implementer's share (B)"),
        _ => Message::new("備考", "remark"),
    }
}

pub(super) fn evaluate(
    budget: &Budget,
    section: &Value,
    ctx: &Context<'_>,
    rows: Rows<'_, '_>,
    diags: &mut Vec<Diagnostic>,
) -> BudgetReport {
    let spec = &budget.spec;
    let unit = spec.unit;
    if let Some(s) = Row::new(spec.path.clone(), section, diags) {
        s.unknown_keys(&["rows", "totals"], diags);
    }
    let results = row_results(budget, section, "rows", ctx, rows, diags, share_row);
    let (mut sum_total, mut sum_subsidy, mut sum_own) = (Yen::ZERO, Yen::ZERO, Yen::ZERO);
    let mut complete = true;
    for r in &results {
        complete &= r.complete;
        let [total, subsidy, own] = r.amounts;
        sum_total = add(sum_total, total.unwrap_or(Yen::ZERO));
        sum_subsidy = add(sum_subsidy, subsidy.unwrap_or(Yen::ZERO));
        sum_own = add(sum_own, own.unwrap_or(Yen::ZERO));
    }
    let any_row = results.iter().any(|r| r.figures.is_some());
    if any_row && ctx.rate.is_none() && !ctx.selected.is_empty() {
        diags.push(Diagnostic::new(
            Code::BudgetRatePending,
            &spec.path,
            ctx.rate_clause,
            Message::new(
                "補助率（定額か1/2以内か）を決める質問に回答すると、国庫補助金の上限を確認します。",
                "Answer the question that decides the rate (fixed or at most 1/2) to have the subsidy limit checked.",
            ),
        ));
    }
    let columns = [
        ("total", sum_total),
        ("subsidy", sum_subsidy),
        ("own", sum_own),
    ]
    .map(|(k, v)| (k, v, label(k)));
    typed_totals(
        &spec.path,
        section,
        &columns,
        &["remark"],
        unit,
        &spec.unit_clause,
        complete,
        diags,
    );
    BudgetReport {
        unit,
        layout: BudgetLayout::Shares,
        complete,
        rows: results.iter().filter_map(|r| r.figures.clone()).collect(),
        subtotals: Vec::new(),
        total: Figure::of(sum_total, unit),
        requested: Figure::of(sum_subsidy, unit),
        cap: None,
        columns: Some(Columns {
            total: Figure::of(sum_total, unit),
            subsidy: Figure::of(sum_subsidy, unit),
            own: Figure::of(sum_own, unit),
        }),
        rate: ctx.rate,
    }
}

/// One row: its 区分, the three amounts, A + B = 事業費, the 1/2 limit and the tax remark.
fn share_row(budget: &Budget, index: usize, value: &Value, ctx: &Context<'_>) -> RowResult {
    let spec = &budget.spec;
    let unit = spec.unit;
    let sub = ctx.selected.first().map(String::as_str);
    let (row, mut diags) = match RowResult::open(format!("{}.rows[{index}]", spec.path), value) {
        Ok(opened) => opened,
        Err(done) => return *done,
    };
    let mut result = RowResult::empty();
    row.unknown_keys(&COLUMNS, &mut diags);
    let (category, group) = category(budget, &row, sub, &mut diags);
    let [total, subsidy, own] = ["total", "subsidy", "own"].map(|key| {
        let amount = row.amount(key, unit, &mut diags).map(|a| a.yen);
        if amount.is_none() && row.raw(key).is_none() {
            row.required(key, &label(key), &spec.unit_clause, &mut diags);
        }
        amount
    });
    result.complete = total.is_some() && subsidy.is_some() && own.is_some();
    let sum = subsidy.zip(own).map(|(a, b)| add(a, b));
    if let (Some(t), Some(s)) = (total, sum) {
        if t != s {
            diags.push(Diagnostic::new(
                Code::BudgetRowSum,
                row.cell_path("total"),
                Some(&spec.unit_clause),
                Message::new(
                    format!("事業費は国庫補助金（A）＋事業実施主体（B）＝{s}ですが、{t}と記入されています。"),
                    format!("The project cost must equal A + B = {s}, but {t} is written."),
                ),
            ));
        }
    }
    let max_subsidy = half_rate(budget, &row, ctx, total.or(sum), subsidy, &mut diags);
    tax_remark(budget, &row, ctx, subsidy, &mut diags);
    result.figures = Some(Arc::new(RowFigures {
        index,
        category: category.clone(),
        group,
        amount: None,
        sum: sum.map(|s| Figure::of(s, unit)),
        max_subsidy: max_subsidy.map(|m| Figure::of(m, unit)),
    }));
    result.diags = diags;
    result.amounts = [total, subsidy, own];
    result.category = category;
    result
}

/// The row's 区分, matched with its group (国内経費/国外経費) among the sub-programme's costs.
fn category(
    budget: &Budget,
    row: &Row<'_>,
    sub: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> (Option<String>, Option<String>) {
    let spec = &budget.spec;
    let Some(typed) = row.text("category", diags) else {
        row.required(
            "category",
            &Message::new("区分", "category (区分)"),
            &spec.unit_clause,
            diags,
        );
        return (None, None);
    };
    let Some(sub) = sub else { return (None, None) };
    let group = row.text("group", diags);
    match budget.categories.find(sub, &typed, group.as_deref()) {
        CategoryMatch::One(c) => (Some(c.name.clone()), c.group.clone()),
        CategoryMatch::NeedsGroup(options) => {
            let groups: Vec<&str> = options.iter().filter_map(|c| c.group.as_deref()).collect();
            diags.push(Diagnostic::new(
                Code::BudgetGroupRequired,
                row.cell_path("group"),
                spec.category_clauses.get(sub).map(String::as_str),
                Message::new(
                    format!(
                        "「{}」は{}のどちらにもあります。どちらの経費か選んでください。",
                        short(&typed),
                        groups.join("・")
                    ),
                    format!(
                        "\"{}\" appears under both {}; choose which one this cost is.",
                        short(&typed),
                        groups.join(" and ")
                    ),
                ),
            ));
            (None, None)
        }
        CategoryMatch::None => {
            category_refused(budget, row, &typed, Some(sub), diags);
            (None, None)
        }
    }
}

/// At a 1/2 rate: A ≤ ⌊事業費 / 2⌋, to the yen. Returns the most A allowed.
fn half_rate(
    budget: &Budget,
    row: &Row<'_>,
    ctx: &Context<'_>,
    base: Option<Yen>,
    subsidy: Option<Yen>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Yen> {
    if ctx.rate != Some(RateKind::Half) {
        return None;
    }
    let max = base?.mul_ratio_floor(Decimal::ONE, Decimal::TWO).ok()?;
    if let Some(a) = subsidy.filter(|a| *a > max) {
        let unit = budget.spec.unit;
        diags.push(Diagnostic::new(
            Code::BudgetOverRate,
            row.cell_path("subsidy"),
            ctx.rate_clause,
            Message::new(
                format!("補助率は1/2以内のため、国庫補助金はこの行の事業費の2分の1（円未満切捨て）{}までです（記入額{}、超過{}）。", Figure::of(max, unit).display, Figure::of(a, unit).display, Figure::of(a.checked_sub(max).unwrap_or(Yen::ZERO), unit).display),
                format!("At a rate of at most 1/2 the subsidy may not exceed half this row's cost, rounded down: {} (written {}, over by {}).", Figure::of(max, unit).display, Figure::of(a, unit).display, Figure::of(a.checked_sub(max).unwrap_or(Yen::ZERO), unit).display),
            ),
        ));
    }
    Some(max)
}

/// On the 交付申請書 each 備考 is 「減額した金額〇〇円」 (at most A), 「該当なし」 or 「含税額」.
fn tax_remark(
    budget: &Budget,
    row: &Row<'_>,
    ctx: &Context<'_>,
    subsidy: Option<Yen>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(spec) = budget
        .spec
        .tax_remark
        .as_ref()
        .filter(|_| ctx.tax_remark_required)
    else {
        return;
    };
    let path = || row.cell_path("remark");
    let Some(text) = row.text("remark", diags) else {
        diags.push(Diagnostic::new(
            Code::BudgetTaxRemarkRequired,
            path(),
            Some(&spec.clause),
            Message::new(
                "備考に消費税の扱い（「減額した金額〇〇円」「該当なし」「含税額」のいずれか）を記入してください。",
                "State the consumption-tax treatment in the remark: 「減額した金額〇〇円」, 「該当なし」 or 「含税額」.",
            ),
        ));
        return;
    };
    match parse_tax_remark(&text) {
        Ok(TaxRemark::Reduced(amount)) => {
            if let Some(a) = subsidy.filter(|a| amount > *a) {
                diags.push(Diagnostic::new(
                    Code::BudgetTaxRemarkAmount,
                    path(),
                    Some(&spec.clause),
                    Message::new(
                        format!("減額した金額{amount}がこの行の国庫補助金{a}を超えています。"),
                        format!(
                            "The amount taken off ({amount}) exceeds this row's subsidy ({a})."
                        ),
                    ),
                ));
            }
        }
        Ok(TaxRemark::NotApplicable | TaxRemark::TaxIncluded) => {}
        Err(e) => diags.push(Diagnostic::new(
            Code::BudgetTaxRemark,
            path(),
            Some(&spec.clause),
            e.message(),
        )),
    }
}
