//! Budget tables and form arithmetic, exact to the yen: 千円 cost lines (公募要領 経費内訳書),
//! 事業費 = 国庫補助金 (A) + 事業実施主体 (B) tables (別記様式1/2/3), the 消費税 report
//! (別記様式4) and the advance-payment claim (別記様式5).
//!
//! The rules are data in the pack ([`crate::pack::spec::BudgetSpec`]); this module is the engine
//! that applies them. Every computed figure goes into the Report as digits and display text, so
//! the page shows totals without adding anything itself.

pub mod advance;
pub mod category;
pub mod figure;
mod lines;
pub mod row;
mod shares;
pub mod tax_remark;
pub mod tax_report;

use crate::amount_field::FieldUnit;
use crate::diagnostic::Diagnostic;
use crate::engine::FormChange;
use crate::logic::Node;
use crate::money::Yen;
use crate::pack::spec::{BudgetLayout, BudgetSpec, RateKind};
use chrono::NaiveDate;
pub use figure::Figure;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Rows accepted in a table when the pack sets no `max_rows`.
pub const DEFAULT_MAX_ROWS: usize = 500;

/// Budget rules, checked and ready to apply.
#[derive(Debug, Clone)]
pub struct Budget {
    /// As written in the pack.
    pub spec: BudgetSpec,
    /// The cap in yen.
    pub cap: Option<Yen>,
    /// Per note: the least amount (yen) that raises it.
    pub note_thresholds: Vec<Option<Yen>>,
    /// The question giving the period's first day.
    pub period_start: Option<usize>,
    /// The period's last day.
    pub period_end: Option<NaiveDate>,
    /// When the 様式2 tax remark is required.
    pub tax_remark_when: Option<Node>,
    /// The categories, normalised for matching.
    pub categories: category::CategoryIndex,
    /// Per exclusion rule: its keywords, normalised.
    pub exclusion_keywords: Vec<Vec<String>>,
}

/// What the budget rules need from the rest of the form.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The chosen sub-programmes (empty while none is chosen).
    pub selected: &'a [String],
    /// The rate of the chosen sub-programme (shares tables), `None` while undetermined.
    pub rate: Option<RateKind>,
    /// The clause that sets the rate.
    pub rate_clause: Option<&'a str>,
    /// The first day of the period (e.g. the 交付決定 date), when answered.
    pub period_start: Option<NaiveDate>,
    /// Whether each row must carry the 様式2 tax remark.
    pub tax_remark_required: bool,
}

/// What one row contributes to the table: its findings and figures, and the parts the table's
/// totals and once-per-table notes are made from. Computed once per (row, context) and cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowResult {
    /// Findings about the row.
    pub diags: Vec<Diagnostic>,
    /// Its figures (absent for a blank row or a value that is not a row).
    pub figures: Option<Arc<RowFigures>>,
    /// Whether every amount the row needs could be read (blank rows count as complete).
    pub complete: bool,
    /// The amounts read: lines `[amount, -, -]`; shares `[事業費, A, B]`.
    pub amounts: [Option<Yen>; 3],
    /// Lines: the sub-programme it counts under.
    pub subprogramme: Option<String>,
    /// The category it was read as.
    pub category: Option<String>,
}

impl RowResult {
    /// A result with nothing counted yet: no findings, no figures, complete.
    fn empty() -> Self {
        Self {
            diags: Vec::new(),
            figures: None,
            complete: true,
            amounts: [None; 3],
            subprogramme: None,
            category: None,
        }
    }

    /// Opens `value` as the row at `path`: the row and its findings so far, or the finished
    /// result when it is blank or not a row at all.
    pub(crate) fn open(
        path: String,
        value: &serde_json::Value,
    ) -> Result<(row::Row<'_>, Vec<Diagnostic>), Box<RowResult>> {
        let mut diags = Vec::new();
        match row::Row::new(path, value, &mut diags) {
            Some(row) if !row.is_blank() => Ok((row, diags)),
            _ => Err(Box::new(Self {
                diags,
                ..Self::empty()
            })),
        }
    }
}

/// The parts of the context a row's result depends on (the cache key besides the row itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowKey {
    selected: Vec<String>,
    rate: Option<RateKind>,
    rate_clause: Option<String>,
    period_start: Option<NaiveDate>,
    tax_remark_required: bool,
}

impl RowKey {
    fn of(ctx: &Context<'_>) -> Self {
        Self {
            selected: ctx.selected.to_vec(),
            rate: ctx.rate,
            rate_clause: ctx.rate_clause.map(str::to_owned),
            period_start: ctx.period_start,
            tax_remark_required: ctx.tax_remark_required,
        }
    }
}

/// Row results kept between evaluations of the same form (a session): an edit to one cell
/// recomputes that row only.
#[derive(Debug, Clone, Default)]
pub struct RowCache {
    /// The context every cached row was computed in.
    key: Option<RowKey>,
    entries: Vec<Option<(serde_json::Value, RowResult)>>,
    /// Used for one evaluation only: rows are not copied for later comparison.
    single_use: bool,
}

impl RowCache {
    /// A cache for one evaluation: every row is computed, none is copied.
    pub(crate) fn single_use() -> Self {
        Self {
            single_use: true,
            ..Self::default()
        }
    }

    /// Starts an evaluation in context `key`: rows computed in another context are forgotten.
    pub(crate) fn enter(&mut self, key: RowKey) {
        if self.key.as_ref() != Some(&key) {
            self.entries.clear();
            self.key = Some(key);
        }
    }

    /// Makes sure row `index` holding `value` has its result, computing it unless cached;
    /// `unchanged` says the row is known to hold what it held when cached (no need to compare).
    pub(crate) fn ensure(
        &mut self,
        index: usize,
        value: &serde_json::Value,
        unchanged: bool,
        compute: impl FnOnce() -> RowResult,
    ) {
        if self.entries.len() <= index {
            self.entries.resize(index + 1, None);
        }
        if self.single_use {
            self.entries[index] = Some((serde_json::Value::Null, compute()));
            return;
        }
        let cached = matches!(&self.entries[index], Some((v, _)) if unchanged || v == value);
        if !cached {
            self.entries[index] = Some((value.clone(), compute()));
        }
    }

    /// The result of row `index`.
    #[must_use]
    pub fn get(&self, index: usize) -> Option<&RowResult> {
        self.entries.get(index)?.as_ref().map(|(_, r)| r)
    }

    /// Forgets rows beyond `len` (the table got shorter).
    pub fn truncate(&mut self, len: usize) {
        self.entries.truncate(len);
    }
}

/// The row cache with what is known to have changed since it was filled.
#[derive(Debug)]
pub(crate) struct Rows<'c, 's> {
    cache: &'c mut RowCache,
    since: &'s FormChange,
}

/// One row's computed figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowFigures {
    /// The row's index in the form.
    pub index: usize,
    /// The category it was read as (the document's name), when recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The group (国内経費 / 国外経費), when the category has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Lines: the amount as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Figure>,
    /// Shares: 国庫補助金 (A) + 事業実施主体 (B), computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<Figure>,
    /// Shares at a 1/2 rate: the most 国庫補助金 this row allows, ⌊事業費 / 2⌋.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_subsidy: Option<Figure>,
}

/// A sub-programme's share of the lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Subtotal {
    /// The sub-programme.
    pub subprogramme: String,
    /// The sum of its lines.
    pub amount: Figure,
}

/// The cap and what is left under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CapFigures {
    /// The cap.
    pub limit: Figure,
    /// Cap − total (negative when over).
    pub headroom: Figure,
    /// The clause.
    pub clause: String,
}

/// The column sums of a shares table (the 計 row, computed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// Σ 事業費.
    pub total: Figure,
    /// Σ 国庫補助金 (A).
    pub subsidy: Figure,
    /// Σ 事業実施主体 (B).
    pub own: Figure,
}

/// Everything computed from the budget table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BudgetReport {
    /// The table's unit.
    pub unit: FieldUnit,
    /// Lines or shares.
    pub layout: BudgetLayout,
    /// Whether every filled row could be read (otherwise the totals cover the readable ones).
    pub complete: bool,
    /// Per-row figures.
    // Shared with the row cache, so a re-evaluation does not copy them.
    pub rows: Vec<Arc<RowFigures>>,
    /// Lines: totals per sub-programme.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subtotals: Vec<Subtotal>,
    /// Lines: Σ amounts; shares: Σ 事業費.
    pub total: Figure,
    /// The subsidy requested: lines (定額) the total; shares Σ 国庫補助金 (A).
    pub requested: Figure,
    /// The cap and the headroom under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<CapFigures>,
    /// Shares: the column sums.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Columns>,
    /// Shares: the rate applied to each row, when determined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateKind>,
}

/// Applies the budget rules to the budget section of the form; `cache` keeps row results
/// between evaluations of the same form.
pub(crate) fn evaluate(
    budget: &Budget,
    section: &serde_json::Value,
    ctx: &Context<'_>,
    since: &FormChange,
    cache: &mut RowCache,
    diags: &mut Vec<Diagnostic>,
) -> BudgetReport {
    let rows = Rows { cache, since };
    match budget.spec.layout {
        BudgetLayout::Lines => lines::evaluate(budget, section, ctx, rows, diags),
        BudgetLayout::Shares => shares::evaluate(budget, section, ctx, rows, diags),
    }
}

/// Evaluates every row through the cache; returns the results in order.
fn row_results<'c>(
    budget: &Budget,
    section: &serde_json::Value,
    key: &str,
    ctx: &Context<'_>,
    cached: Rows<'c, '_>,
    diags: &mut Vec<Diagnostic>,
    row: impl Fn(&Budget, usize, &serde_json::Value, &Context<'_>) -> RowResult,
) -> Vec<&'c RowResult> {
    let spec = &budget.spec;
    let max = spec.max_rows.unwrap_or(DEFAULT_MAX_ROWS);
    let rows = row::rows(section, &spec.path, key, max, &spec.unit_clause, diags);
    let row_key = RowKey::of(ctx);
    let touched = cached.since.rows_touched(&format!("{}.{key}", spec.path));
    let cache = cached.cache;
    cache.enter(row_key);
    cache.truncate(rows.len());
    for &(index, value) in &rows {
        let unchanged = touched.leaves(index);
        cache.ensure(index, value, unchanged, || row(budget, index, value, ctx));
    }
    let results: Vec<&RowResult> = (0..rows.len()).filter_map(|i| cache.get(i)).collect();
    for r in &results {
        diags.extend(r.diags.iter().cloned());
    }
    results
}

/// The budget as text lines for [`crate::render`].
#[must_use]
pub fn render_lines(b: &BudgetReport, english: bool) -> Vec<String> {
    let t = |ja: &str, en: &str| {
        if english {
            en.to_owned()
        } else {
            ja.to_owned()
        }
    };
    let mut out = Vec::new();
    for r in &b.rows {
        let mut parts = vec![format!("#{}", r.index)];
        parts.extend(r.category.clone());
        parts.extend(r.group.clone());
        if let Some(a) = &r.amount {
            parts.push(a.display.clone());
        }
        if let Some(s) = &r.sum {
            parts.push(format!("A+B={}", s.display));
        }
        if let Some(m) = &r.max_subsidy {
            parts.push(format!("{}={}", t("A上限", "max A"), m.display));
        }
        out.push(parts.join("  "));
    }
    for s in &b.subtotals {
        out.push(format!(
            "{} {}: {}",
            t("小計", "Subtotal"),
            s.subprogramme,
            s.amount.display
        ));
    }
    if let Some(c) = &b.columns {
        out.push(format!(
            "{}: {} = {} + {}",
            t("計", "Total"),
            c.total.display,
            c.subsidy.display,
            c.own.display
        ));
    }
    out.push(format!("{}: {}", t("合計", "Total"), b.total.display));
    out.push(format!(
        "{}: {}",
        t("申請額", "Requested"),
        b.requested.display
    ));
    if let Some(c) = &b.cap {
        out.push(format!(
            "{}: {}（{}）, {}: {}",
            t("上限", "Cap"),
            c.limit.display,
            c.clause,
            t("残り", "Headroom"),
            c.headroom.display
        ));
    }
    if !b.complete {
        out.push(t(
            "（読み取れない行があるため、合計は読み取れた行のみ）",
            "(some rows could not be read; totals cover the readable ones)",
        ));
    }
    out
}
