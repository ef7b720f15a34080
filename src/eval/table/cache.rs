//! Rows of a table kept between evaluations of the same form (a session): an edit to one cell
//! recomputes that row only, while the answers the rows read stay the same.
//!
//! Owns: the row cache and what invalidates it. Must not know: how a row is read.

use super::report::RowFigureInfo;
use super::row::RowResult;
use crate::eval::env::Answered;
use crate::pack::expr::RateValue;
use crate::pack::table::Table;
use crate::read::answers::Answer;

/// Everything outside the rows that a row's result depends on: the chosen sub-programmes, the
/// rates, and the answers its rules read (directly or through facts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowKey {
    selected: Option<Vec<String>>,
    rates: Vec<Option<RateValue>>,
    answers: Vec<Answer>,
}

impl RowKey {
    /// The key of `table`'s rows in the answered form.
    pub(crate) fn of(table: &Table, base: &Answered<'_>) -> Self {
        Self {
            selected: base.state.selected.clone(),
            rates: base.state.rates.clone(),
            answers: table
                .depends_on
                .iter()
                .map(|&q| {
                    base.state
                        .answers
                        .get(q)
                        .cloned()
                        .unwrap_or(Answer::Unanswered)
                })
                .collect(),
        }
    }

    /// Whether this is the key of `table`'s rows in the answered form ([`RowKey::of`] without
    /// copying anything).
    fn is_of(&self, table: &Table, base: &Answered<'_>) -> bool {
        self.selected == base.state.selected
            && self.rates == base.state.rates
            && self.answers.len() == table.depends_on.len()
            && table
                .depends_on
                .iter()
                .zip(&self.answers)
                .all(|(&q, a)| base.state.answers.get(q).unwrap_or(&Answer::Unanswered) == a)
    }
}

/// One table's cached rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableCache {
    /// The context every cached row was computed in.
    key: Option<RowKey>,
    entries: Vec<Option<(serde_json::Value, RowResult)>>,
    /// The row figures' formulas in words, written in this context.
    row_figures: Option<Vec<RowFigureInfo>>,
    /// Used for one evaluation only: rows are not copied for later comparison.
    single_use: bool,
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
    /// context (another [`RowKey`]) are forgotten.
    pub(crate) fn enter(&mut self, table: &Table, base: &Answered<'_>) {
        if !self.key.as_ref().is_some_and(|k| k.is_of(table, base)) {
            self.entries.clear();
            self.row_figures = None;
            self.key = Some(RowKey::of(table, base));
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

    /// The row figures' formulas in words, written by `write` unless this context has them.
    pub(crate) fn row_figures(
        &mut self,
        write: impl FnOnce() -> Vec<RowFigureInfo>,
    ) -> Vec<RowFigureInfo> {
        self.row_figures.get_or_insert_with(write).clone()
    }

    /// The result of row `index`.
    #[must_use]
    pub(crate) fn get(&self, index: usize) -> Option<&RowResult> {
        self.entries.get(index)?.as_ref().map(|(_, r)| r)
    }

    /// The rows held, in order.
    pub(crate) fn results(&self) -> impl Iterator<Item = &RowResult> {
        self.entries
            .iter()
            .filter_map(|e| e.as_ref().map(|(_, r)| r))
    }

    /// Forgets rows beyond `len` (the table got shorter, or is gone).
    pub(crate) fn truncate(&mut self, len: usize) {
        self.entries.truncate(len);
    }
}
