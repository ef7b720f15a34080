//! Rows of a budget table, each evaluated on its own and cached between evaluations of the same
//! form: an edit to one cell recomputes that row only.
//!
//! Owns: the row cache and the context a row is checked in. Must not know: any one layout's rules.

use super::figures::RowFigures;
use crate::eval::change::FormChange;
use crate::finding::diagnostic::Diagnostic;
use crate::pack::model::Budget;
use crate::pack::spec::RateKind;
use crate::read::row::{rows, Row};
use crate::text::form_path::FormPath;
use crate::text::money::Yen;
use chrono::NaiveDate;
use std::sync::Arc;

/// Rows accepted in a table when the pack sets no `max_rows`.
pub(crate) const DEFAULT_MAX_ROWS: usize = 500;

/// What the budget rules need from the rest of the form.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    /// The chosen sub-programmes (empty while none is chosen).
    pub(crate) selected: &'a [String],
    /// The rate of the chosen sub-programme (shares tables), `None` while undetermined.
    pub(crate) rate: Option<RateKind>,
    /// The clause that sets the rate.
    pub(crate) rate_clause: Option<&'a str>,
    /// The first day of the period (e.g. the 交付決定 date), when answered.
    pub(crate) period_start: Option<NaiveDate>,
    /// Whether each row must carry the 様式2 tax remark.
    pub(crate) tax_remark_required: bool,
}

/// What one row contributes to the table: its findings and figures, and the parts the table's
/// totals and once-per-table notes are made from. Computed once per (row, context) and cached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowResult {
    /// Findings about the row.
    pub(crate) diags: Vec<Diagnostic>,
    /// Its figures (absent for a blank row or a value that is not a row).
    pub(crate) figures: Option<Arc<RowFigures>>,
    /// Whether every amount the row needs could be read (blank rows count as complete).
    pub(crate) complete: bool,
    /// The amounts read: lines `[amount, -, -]`; shares `[事業費, A, B]`.
    pub(crate) amounts: [Option<Yen>; 3],
    /// Lines: the sub-programme it counts under.
    pub(crate) subprogramme: Option<String>,
    /// The category it was read as.
    pub(crate) category: Option<String>,
}

impl RowResult {
    /// A result with nothing counted yet: no findings, no figures, complete.
    pub(crate) fn empty() -> Self {
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
    ) -> Result<(Row<'_>, Vec<Diagnostic>), Box<RowResult>> {
        let mut diags = Vec::new();
        match Row::new(path, value, &mut diags) {
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
pub(crate) struct RowKey {
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
pub(crate) struct RowCache {
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
    pub(crate) fn get(&self, index: usize) -> Option<&RowResult> {
        self.entries.get(index)?.as_ref().map(|(_, r)| r)
    }

    /// Forgets rows beyond `len` (the table got shorter).
    pub(crate) fn truncate(&mut self, len: usize) {
        self.entries.truncate(len);
    }
}

/// The row cache with what is known to have changed since it was filled.
#[derive(Debug)]
pub(crate) struct Rows<'c, 's> {
    pub(crate) cache: &'c mut RowCache,
    pub(crate) since: &'s FormChange,
}

/// Evaluates every row through the cache; returns the results in order.
pub(crate) fn row_results<'c>(
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
    let rows = rows(section, &spec.path, key, max, &spec.unit_clause, diags);
    let row_key = RowKey::of(ctx);
    let table = FormPath::of_keys([spec.path.as_str(), key]);
    let touched = table.map_or(crate::eval::change::RowsTouched::All, |t| {
        cached.since.rows_touched(&t)
    });
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
