//! Cost lines (公募要領 経費内訳書): each line a sub-programme, category, description, amount in
//! the table's unit, date and procurement source; the total against a cap.
//!
//! Owns: the lines layout's checks and totals. Must not know: the shares layout.

use super::figures::{BudgetReport, CapFigures, RowFigures, Subtotal};
use super::rows::{row_results, Context, RowResult, Rows};
use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::pack::category::{contains, normalise, CategoryMatch};
use crate::pack::model::Budget;
use crate::pack::spec::BudgetLayout;
use crate::read::row::Row;
use crate::text::figure::Figure;
use crate::text::money::Yen;
use crate::text::wareki::format_wareki;
use serde_json::Value;
use std::sync::Arc;

const COLUMNS: [&str; 6] = [
    "subprogramme",
    "category",
    "description",
    "amount",
    "date",
    "source",
];

pub(super) fn evaluate(
    budget: &Budget,
    section: &Value,
    ctx: &Context<'_>,
    rows: Rows<'_, '_>,
    diags: &mut Vec<Diagnostic>,
) -> BudgetReport {
    let spec = &budget.spec;
    let unit = spec.unit;
    let mut known: Vec<&str> = vec!["lines"];
    if let Some(t) = &spec.total_field {
        known.push(&t.field);
    }
    if let Some(s) = Row::new(spec.path.clone(), section, diags) {
        s.unknown_keys(&known, diags);
    }
    let results = row_results(budget, section, "lines", ctx, rows, diags, line);
    let mut total = Yen::ZERO;
    let mut subtotals: Vec<(String, Yen)> = Vec::new();
    let mut complete = true;
    for r in &results {
        complete &= r.complete;
        if let Some(y) = r.amounts[0] {
            total = total.checked_add(y).unwrap_or(total);
            if let Some(s) = &r.subprogramme {
                match subtotals.iter_mut().find(|(id, _)| id == s) {
                    Some((_, t)) => *t = t.checked_add(y).unwrap_or(*t),
                    None => subtotals.push((s.clone(), y)),
                }
            }
        }
    }
    once_notes(budget, &results, diags);
    subtotals.sort_by_key(|(id, _)| {
        ctx.selected
            .iter()
            .position(|s| s == id)
            .unwrap_or(usize::MAX)
    });
    let cap = budget.cap.map(|limit| {
        let headroom = limit.checked_sub(total).unwrap_or(Yen::ZERO);
        if total > limit {
            let over =
                Figure::of(Yen::ZERO.checked_sub(headroom).unwrap_or(Yen::ZERO), unit).display;
            let (total, limit) = (
                Figure::of(total, unit).display,
                Figure::of(limit, unit).display,
            );
            diags.push(Diagnostic::new(
                Code::BudgetOverCap,
                &spec.path,
                spec.cap.as_ref().map(|c| c.clause.as_str()),
                Message::new(
                    format!("所要額の合計{total}が上限{limit}を{over}超えています。"),
                    format!("The total {total} exceeds the cap of {limit} by {over}."),
                ),
            ));
        }
        CapFigures {
            limit: Figure::of(limit, unit),
            headroom: Figure::of(headroom, unit),
            clause: spec
                .cap
                .as_ref()
                .map(|c| c.clause.clone())
                .unwrap_or_default(),
        }
    });
    typed_total(budget, section, total, complete, diags);
    BudgetReport {
        unit,
        layout: BudgetLayout::Lines,
        complete,
        rows: results.iter().filter_map(|r| r.figures.clone()).collect(),
        subtotals: subtotals
            .into_iter()
            .map(|(subprogramme, y)| Subtotal {
                subprogramme,
                amount: Figure::of(y, unit),
            })
            .collect(),
        total: Figure::of(total, unit),
        requested: Figure::of(total, unit),
        cap,
        columns: None,
        rate: None,
    }
}

/// One cost line: its sub-programme, category, amount, excluded costs, notes, procurement and
/// date, checked on their own.
fn line(budget: &Budget, index: usize, value: &Value, ctx: &Context<'_>) -> RowResult {
    let spec = &budget.spec;
    let (row, mut diags) = match RowResult::open(format!("{}.lines[{index}]", spec.path), value) {
        Ok(opened) => opened,
        Err(done) => return *done,
    };
    let mut result = RowResult::empty();
    row.unknown_keys(&COLUMNS, &mut diags);
    let sub = subprogramme(&row, ctx, &mut diags);
    let category = category(budget, &row, sub.as_deref(), ctx, &mut diags);
    let description = row.text("description", &mut diags).unwrap_or_default();
    let amount = row.amount("amount", spec.unit, &mut diags);
    if amount.is_none() {
        result.complete = false;
        if row.raw("amount").is_none() {
            row.required(
                "amount",
                &Message::new("金額", "amount"),
                &spec.unit_clause,
                &mut diags,
            );
        }
    }
    let yen = amount.map(|a| a.yen);
    exclusions(budget, &row, category.as_deref(), &description, &mut diags);
    notes(budget, &row, category.as_deref(), yen, &mut diags);
    procurement(budget, &row, &mut diags);
    period(budget, &row, ctx, &mut diags);
    result.figures = Some(Arc::new(RowFigures {
        index,
        category: category.clone(),
        group: None,
        amount: yen.map(|y| Figure::of(y, spec.unit)),
        sum: None,
        max_subsidy: None,
    }));
    result.diags = diags;
    result.amounts = [yen, None, None];
    result.subprogramme = sub;
    result.category = category;
    result
}

/// The line's sub-programme: as written, or the only one chosen; it must be one applied for.
fn subprogramme(row: &Row<'_>, ctx: &Context<'_>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let path = || row.cell_path("subprogramme");
    match row.text("subprogramme", diags) {
        Some(s) if ctx.selected.is_empty() || ctx.selected.contains(&s) => Some(s),
        Some(s) => {
            diags.push(Diagnostic::new(
                Code::BudgetSubprogrammeNotApplied,
                path(),
                None,
                Message::new(
                    format!(
                        "「{}」は応募する事業として選ばれていません（選択：{}）。",
                        short(&s),
                        ctx.selected.join("、")
                    ),
                    format!(
                        "\"{}\" is not among the parts applied for ({}).",
                        short(&s),
                        ctx.selected.join(", ")
                    ),
                ),
            ));
            None
        }
        None if ctx.selected.len() == 1 => ctx.selected.first().cloned(),
        None if ctx.selected.len() > 1 => {
            diags.push(Diagnostic::new(
                Code::BudgetCellRequired,
                path(),
                None,
                Message::new(
                    "どの事業の経費か選んでください。",
                    "Choose which part of the project this cost belongs to.",
                ),
            ));
            None
        }
        None => None,
    }
}

/// The line's category, checked against what its sub-programme allows (or any, while unknown).
fn category(
    budget: &Budget,
    row: &Row<'_>,
    sub: Option<&str>,
    ctx: &Context<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let spec = &budget.spec;
    let Some(typed) = row.text("category", diags) else {
        row.required(
            "category",
            &Message::new("経費の区分", "cost category"),
            &spec.unit_clause,
            diags,
        );
        return None;
    };
    let subs: Vec<&str> = match sub {
        Some(s) => vec![s],
        None if !ctx.selected.is_empty() => ctx.selected.iter().map(String::as_str).collect(),
        None => spec.category_clauses.keys().map(String::as_str).collect(),
    };
    for s in &subs {
        if let CategoryMatch::One(c) = budget.categories.find(s, &typed, None) {
            return Some(c.name.clone());
        }
    }
    category_refused(budget, row, &typed, subs.first().copied(), diags);
    None
}

/// A category that may not be claimed: a forbidden one with its clause, else the allowed list.
pub(super) fn category_refused(
    budget: &Budget,
    row: &Row<'_>,
    typed: &str,
    sub: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    let spec = &budget.spec;
    let path = row.cell_path("category");
    let wanted = normalise(typed);
    if let Some(f) = spec
        .forbidden_categories
        .iter()
        .find(|f| f.names.iter().any(|n| normalise(n) == wanted))
    {
        diags.push(Diagnostic::new(
            Code::BudgetCategoryForbidden,
            &path,
            Some(&f.clause),
            f.message.clone(),
        ));
        return;
    }
    let clause = sub
        .and_then(|s| spec.category_clauses.get(s))
        .unwrap_or(&spec.unit_clause);
    let allowed: Vec<&str> = spec
        .categories
        .iter()
        .filter(|c| sub.is_none_or(|s| c.subprogrammes.iter().any(|x| x == s)))
        .map(|c| c.name.as_str())
        .fold(Vec::new(), |mut v, n| {
            if !v.contains(&n) {
                v.push(n);
            }
            v
        });
    diags.push(Diagnostic::new(
        Code::BudgetCategoryNotAllowed,
        &path,
        Some(clause),
        Message::new(
            format!(
                "「{}」は補助対象経費の区分にありません（{clause}）。次から選んでください：{}",
                short(typed),
                allowed.join("、")
            ),
            format!(
                "\"{}\" is not a cost category that may be claimed ({clause}). Choose from: {}",
                short(typed),
                allowed.join(", ")
            ),
        ),
    ));
}

/// Words in the description that suggest a cost 第7 excludes: a warning citing the item.
fn exclusions(
    budget: &Budget,
    row: &Row<'_>,
    category: Option<&str>,
    description: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let text = normalise(description);
    if text.is_empty() {
        return;
    }
    for (ex, keywords) in budget
        .spec
        .exclusions
        .iter()
        .zip(&budget.exclusion_keywords)
    {
        if let Some(cats) = &ex.categories {
            if !category.is_some_and(|c| cats.iter().any(|x| x == c)) {
                continue;
            }
        }
        if let Some(word) = keywords.iter().find(|k| contains(&text, k)) {
            diags.push(Diagnostic::new(
                Code::BudgetExcludedCost,
                row.cell_path("description"),
                Some(&ex.clause),
                Message::new(
                    format!("説明に「{word}」とあります。{}は所要額に含められません（{}）。該当しない経費であれば、このままで構いません。", ex.message.ja, ex.clause),
                    format!("The description mentions \"{word}\". {} cannot be included ({}). If this cost is not one of them, leave it as it is.", ex.message.en, ex.clause),
                ),
            ));
        }
    }
}

/// Notes raised by a line's category and amount (人件費 reminder, 備品費 of 50万円 or more);
/// notes raised once per table wait for [`once_notes`].
fn notes(
    budget: &Budget,
    row: &Row<'_>,
    category: Option<&str>,
    yen: Option<Yen>,
    diags: &mut Vec<Diagnostic>,
) {
    for (i, note) in budget.spec.notes.iter().enumerate() {
        if note.once || category != Some(note.category.as_str()) {
            continue;
        }
        let threshold = budget.note_thresholds.get(i).copied().flatten();
        if threshold.is_some_and(|min| yen.is_none_or(|y| y < min)) {
            continue;
        }
        let path = if threshold.is_some() {
            row.cell_path("amount")
        } else {
            row.cell_path("category")
        };
        diags.push(Diagnostic::of_pack(
            &note.code,
            note.severity,
            path,
            Some(&note.clause),
            note.message.clone(),
        ));
    }
}

/// Notes raised once per table, at the first line they concern.
fn once_notes(budget: &Budget, results: &[&RowResult], diags: &mut Vec<Diagnostic>) {
    let spec = &budget.spec;
    for (i, note) in spec.notes.iter().enumerate().filter(|(_, n)| n.once) {
        let threshold = budget.note_thresholds.get(i).copied().flatten();
        let first = results.iter().find(|r| {
            r.category.as_deref() == Some(note.category.as_str())
                && threshold.is_none_or(|min| r.amounts[0].is_some_and(|y| y >= min))
        });
        let Some(index) = first.and_then(|r| r.figures.as_ref()).map(|f| f.index) else {
            continue;
        };
        let cell = if threshold.is_some() {
            "amount"
        } else {
            "category"
        };
        diags.push(Diagnostic::of_pack(
            &note.code,
            note.severity,
            format!("{}.lines[{index}].{cell}", spec.path),
            Some(&note.clause),
            note.message.clone(),
        ));
    }
}

/// Procurement from oneself or related companies: profit must be excluded (第15), by the method named.
fn procurement(budget: &Budget, row: &Row<'_>, diags: &mut Vec<Diagnostic>) {
    let path = || row.cell_path("source");
    let Some(value) = row.text("source", diags) else {
        return;
    };
    if value == "external" {
        return;
    }
    if let Some(p) = budget.spec.procurement.iter().find(|p| p.value == value) {
        diags.push(Diagnostic::new(
            Code::BudgetProfitExclusion,
            path(),
            Some(&p.clause),
            Message::new(
                format!(
                    "{}からの調達は利益等排除の対象です。{}（{}）",
                    p.label.ja, p.method.ja, p.clause
                ),
                format!(
                    "Procurement from {} must exclude profit: {} ({})",
                    p.label.en, p.method.en, p.clause
                ),
            ),
        ));
    } else {
        let values: Vec<&str> = std::iter::once("external")
            .chain(budget.spec.procurement.iter().map(|p| p.value.as_str()))
            .collect();
        diags.push(Diagnostic::new(
            Code::AnswerUnknownOption,
            path(),
            None,
            Message::new(
                format!(
                    "調達先「{}」は選択肢にありません（{}）。",
                    short(&value),
                    values.join("、")
                ),
                format!(
                    "Procurement source \"{}\" is not an option ({}).",
                    short(&value),
                    values.join(", ")
                ),
            ),
        ));
    }
}

/// A dated cost must fall in the period: not before its start (第7 4), not after its end (第9).
fn period(budget: &Budget, row: &Row<'_>, ctx: &Context<'_>, diags: &mut Vec<Diagnostic>) {
    let (Some(period), Some(date)) = (&budget.spec.period, row.date("date", diags)) else {
        return;
    };
    let path = || row.cell_path("date");
    if let Some(start) = ctx.period_start.filter(|s| date < *s) {
        diags.push(Diagnostic::new(
            Code::BudgetBeforePeriod,
            path(),
            Some(&period.before_start_clause),
            Message::new(
                format!("{}の経費は交付決定日（{}）より前に発生しており、補助対象になりません（{}、{}）。", format_wareki(date), format_wareki(start), period.before_start_clause, period.clause),
                format!("A cost dated {date} arises before the grant decision ({start}) and cannot be claimed ({}, {}).", period.before_start_clause, period.clause),
            ),
        ));
    }
    if let Some(end) = budget.period_end.filter(|e| date > *e) {
        diags.push(Diagnostic::new(
            Code::BudgetAfterPeriod,
            path(),
            Some(&period.clause),
            Message::new(
                format!("{}の経費は実施期間の末日（{}）より後で、補助対象になりません（{}）。", format_wareki(date), format_wareki(end), period.clause),
                format!("A cost dated {date} falls after the end of the project period ({end}) and cannot be claimed ({}).", period.clause),
            ),
        ));
    }
}

/// The typed 所要額 must equal the sum of the lines.
fn typed_total(
    budget: &Budget,
    section: &Value,
    total: Yen,
    complete: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let spec = &budget.spec;
    let (Some(field), Some(row)) = (
        &spec.total_field,
        Row::new(spec.path.clone(), section, &mut Vec::new()),
    ) else {
        return;
    };
    let Some(typed) = row.amount(&field.field, spec.unit, diags) else {
        return;
    };
    if complete && typed.yen != total {
        diags.push(Diagnostic::new(
            Code::BudgetTotalMismatch,
            row.cell_path(&field.field),
            Some(&field.clause),
            Message::new(
                format!(
                    "{}は{}と記入されていますが、内訳の合計は{}です。",
                    field.label.ja,
                    Figure::of(typed.yen, spec.unit).display,
                    Figure::of(total, spec.unit).display
                ),
                format!(
                    "{} is written as {}, but the lines add up to {}.",
                    field.label.en,
                    Figure::of(typed.yen, spec.unit).display,
                    Figure::of(total, spec.unit).display
                ),
            ),
        ));
    }
}

/// At most 40 characters of user text in a message.
pub(super) fn short(s: &str) -> String {
    crate::read::answers::preview(&Value::String(s.to_owned()))
}
