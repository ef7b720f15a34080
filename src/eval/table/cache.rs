//! Rows of a table kept between evaluations of the same form (a session): an edit to one cell
//! recomputes that row only, while the answers the rows read stay the same.
//!
//! Owns: the row cache and what invalidates it. Must not know: how a row is read.

use super::report::RowFigureInfo;
use super::row::RowResult;
use super::running::RunningTotals;
use crate::eval::answers_key::AnswersKey;
use crate::eval::cells::{HeldRows, RowData};
use crate::eval::env::Answered;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::order::{report_order, Ranked};
use crate::pack::model::Programme;
use crate::pack::table::Table;
use crate::text::exact::Exact;
use std::sync::Arc;

/// One table's cached rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableCache {
    /// The context every cached row was computed in: the answers its rows read (the table's
    /// `depends_on`).
    key: Option<AnswersKey>,
    entries: Vec<Option<(serde_json::Value, RowResult)>>,
    /// The row figures' formulas in words, written in this context.
    row_figures: Option<Arc<[RowFigureInfo]>>,
    /// Used for one evaluation only: rows are not copied for later comparison, and their
    /// findings are not kept ranked (the evaluation sorts them once).
    single_use: bool,
    /// Every held row's findings, each with its path's rank, in Report order without repeats:
    /// kept as rows are recomputed, so an edit to one row ranks that row's findings only.
    ranked: Vec<Ranked>,
    /// How many held rows found each of `ranked` (two rows may find the same).
    counts: Vec<usize>,
    /// The section's typed sums as last read, when reading them found nothing to say.
    typed_sums: Option<Vec<Option<Exact>>>,
    /// The held rows' amounts added up, kept as rows are recomputed (not for one evaluation).
    totals: RunningTotals,
}

impl TableCache {
    /// An empty cache; `single_use` keeps no copies of rows for later comparison.
    pub(crate) fn new(single_use: bool) -> Self {
        Self {
            single_use,
            ..Self::default()
        }
    }

    /// Starts an evaluation of `table`'s rows in the answered form: rows computed in another
    /// context (another [`AnswersKey`]) are forgotten.
    pub(crate) fn enter(&mut self, table: &Table, base: &Answered<'_>) {
        if !self
            .key
            .as_ref()
            .is_some_and(|k| k.is_of(&table.depends_on, base))
        {
            self.entries.clear();
            self.ranked.clear();
            self.counts.clear();
            self.row_figures = None;
            self.typed_sums = None;
            self.key = Some(AnswersKey::of(&table.depends_on, base));
            let chosen = base.state.selected.as_ref().map_or(0, Vec::len);
            self.totals = RunningTotals::new(table, chosen);
        }
    }

    /// The held rows' amounts added up; `None` for a single-use cache, which does not keep them
    /// (the evaluation adds the rows up itself).
    pub(crate) fn totals(&self) -> Option<&RunningTotals> {
        (!self.single_use).then_some(&self.totals)
    }

    /// The section's typed sums as last read, taken out while the table is evaluated: none
    /// unless `unchanged` (the section's own fields are known to be as they were) and the cache
    /// outlives this evaluation.
    pub(crate) fn take_typed_sums(&mut self, unchanged: bool) -> Option<Vec<Option<Exact>>> {
        let held = self.typed_sums.take();
        held.filter(|_| unchanged && !self.single_use)
    }

    /// Keeps the section's typed sums as read, for the next evaluation.
    pub(crate) fn keep_typed_sums(&mut self, held: Option<Vec<Option<Exact>>>) {
        self.typed_sums = held;
    }

    /// Makes sure row `index` holding `value` has its result, computing it unless cached;
    /// `unchanged` says the row is known to hold what it held when cached (no need to compare).
    /// `programme` ranks the findings of a row computed anew.
    pub(crate) fn ensure(
        &mut self,
        programme: &Programme,
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
            let result = compute();
            if let Some(data) = &result.data {
                self.totals.add(data);
            }
            for d in &result.diags {
                let rank = programme.path_rank(&d.path);
                match place(&self.ranked, rank, d) {
                    Ok(at) => self.counts[at] += 1,
                    Err(at) => {
                        self.ranked.insert(at, (rank, d.clone()));
                        self.counts.insert(at, 1);
                    }
                }
            }
            let old = match &mut self.entries[index] {
                Some((kept, old)) => {
                    refresh(kept, value);
                    Some(std::mem::replace(old, result))
                }
                empty => empty.replace((value.clone(), result)).map(|(_, r)| r),
            };
            if let Some(old) = old {
                self.forget(programme, &old);
            }
        }
    }

    /// Takes a row's findings out of the ranked list, and its amounts out of the totals.
    fn forget(&mut self, programme: &Programme, row: &RowResult) {
        if let Some(data) = &row.data {
            self.totals.remove(data);
        }
        for d in &row.diags {
            let rank = programme.path_rank(&d.path);
            if let Ok(at) = place(&self.ranked, rank, d) {
                self.counts[at] -= 1;
                if self.counts[at] == 0 {
                    self.ranked.remove(at);
                    self.counts.remove(at);
                }
            }
        }
    }

    /// Every held row's findings in Report order, without repeats; `None` for a single-use
    /// cache, which does not keep them (the evaluation takes each row's findings instead).
    pub(crate) fn ranked(&self) -> Option<&[Ranked]> {
        (!self.single_use).then_some(&self.ranked[..])
    }

    /// The row figures' formulas in words, written by `write` unless this context has them.
    pub(crate) fn row_figures(
        &mut self,
        write: impl FnOnce() -> Vec<RowFigureInfo>,
    ) -> Arc<[RowFigureInfo]> {
        Arc::clone(self.row_figures.get_or_insert_with(|| write().into()))
    }

    /// The result of row `index`.
    #[must_use]
    pub(crate) fn get(&self, index: usize) -> Option<&RowResult> {
        self.entries.get(index)?.as_ref().map(|(_, r)| r)
    }

    /// Forgets rows beyond `len` (the table got shorter, or is gone); `programme` ranks their
    /// findings, to take them out of the ranked list.
    pub(crate) fn truncate(&mut self, programme: &Programme, len: usize) {
        if len >= self.entries.len() {
            return;
        }
        if len == 0 {
            self.entries.clear();
            self.ranked.clear();
            self.counts.clear();
            self.totals.clear();
            return;
        }
        let gone: Vec<RowResult> = self
            .entries
            .drain(len..)
            .filter_map(|e| e.map(|(_, r)| r))
            .collect();
        for row in &gone {
            self.forget(programme, row);
        }
    }
}

impl HeldRows for TableCache {
    fn held(&self) -> usize {
        self.entries.len()
    }

    fn row(&self, index: usize) -> Option<&RowData> {
        self.get(index)?.data.as_ref()
    }
}

/// Makes `kept` equal to `value`, reusing what it holds: an edited row differs from its kept copy
/// in one cell, so its other keys and values stay (a copy of the whole row was a tenth of a
/// keystroke's allocations).
fn refresh(kept: &mut serde_json::Value, value: &serde_json::Value) {
    use serde_json::Value;
    match (kept, value) {
        (Value::Object(k), Value::Object(v)) if k.len() == v.len() && k.keys().eq(v.keys()) => {
            for ((_, k), (_, v)) in k.iter_mut().zip(v) {
                refresh(k, v);
            }
        }
        (Value::Array(k), Value::Array(v)) if k.len() == v.len() => {
            for (k, v) in k.iter_mut().zip(v) {
                refresh(k, v);
            }
        }
        (Value::String(k), Value::String(v)) => k.clone_from(v),
        (kept, value) => {
            if kept != value {
                *kept = value.clone();
            }
        }
    }
}

/// Where `(rank, d)` is or would go in a list in Report order.
fn place(list: &[Ranked], rank: usize, d: &Diagnostic) -> Result<usize, usize> {
    list.binary_search_by(|(r, x)| report_order(*r, x, rank, d))
}

#[cfg(test)]
mod tests {
    use super::refresh;
    use serde_json::json;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_refreshed_copy_equals_the_value_whatever_changed() {
        let shapes = [
            json!({"category": "旅費", "amount": "12", "note": null}),
            json!({"category": "旅費", "amount": "123", "note": null}),
            json!({"category": "旅費", "amount": 123, "note": "x"}),
            json!({"category": "旅費", "amount": "12"}),
            json!({"category": "旅費", "amounts": ["1", "2"], "note": null}),
            json!({"category": "旅費", "amounts": ["1", "2", "3"], "note": null}),
            json!({"category": ["旅費"], "amounts": [{"a": 1}], "note": {}}),
            json!({"category": "旅費", "amounts": [{"a": 2, "b": true}], "note": []}),
            json!("12"),
            json!(null),
            json!([]),
        ];
        for from in &shapes {
            for to in &shapes {
                let mut kept = from.clone();
                refresh(&mut kept, to);
                assert_eq!(&kept, to, "from {from} to {to}");
            }
        }
    }
}
