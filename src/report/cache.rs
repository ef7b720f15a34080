//! What one evaluation keeps for the next evaluation of the same form (a session).
//!
//! Owns: the cached results and when they still hold. Must not know: how they are computed
//! (that is [`super::pipeline`], which fills them).

use super::options::Options;
use crate::eval::budget::RowCache;
use crate::eval::change::FormChange;
use crate::eval::deadline::{ChargeFigures, ComputedDate};
use crate::eval::verdicts::{Overall, SubprogrammeVerdict};
use crate::finding::diagnostic::Diagnostic;
use crate::pack::spec::RateKind;
use crate::text::form_path::FormPath;
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// What one evaluation keeps for the next evaluation of the same form (a session): the results
/// that depend on everything but the budget section, and each budget row's result. A fresh
/// cache gives exactly the stateless evaluation; a warm one the same bytes, faster.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cache {
    pub(crate) rest: Option<(Map<String, Value>, NaiveDate, Options, Rest)>,
    pub(crate) rows: RowCache,
    pub(crate) since: FormChange,
    /// Counts the times the non-budget results were computed: equal counts, equal results.
    pub(crate) rest_generation: u64,
    /// For one evaluation only (stateless): keep no copies of the form to compare with later.
    pub(crate) single_use: bool,
}

impl Cache {
    /// A cache for exactly one evaluation: nothing is copied for later comparisons.
    pub(crate) fn single_use() -> Self {
        Self {
            single_use: true,
            rows: RowCache::single_use(),
            ..Self::default()
        }
    }

    /// Records that `path` is being set in the form last evaluated with this cache (a session
    /// editing one field), so the next evaluation need not compare the rest of the form.
    pub(crate) fn edited(&mut self, path: &FormPath) {
        self.since = self.since.and_edit(path);
    }

    /// Records that the form may have changed anywhere.
    pub(crate) fn replaced(&mut self) {
        self.since = FormChange::Anything;
    }

    /// Which computation of the non-budget results the last evaluation used: two evaluations
    /// with the same number share their verdicts, dates and non-budget findings.
    pub(crate) fn rest_generation(&self) -> u64 {
        self.rest_generation
    }
}

/// The budget context, owned (it outlives the answers it was read from).
#[derive(Debug, Clone)]
pub(crate) struct BudgetInputs {
    pub(crate) selected: Vec<String>,
    pub(crate) rate: Option<RateKind>,
    pub(crate) rate_clause: Option<String>,
    pub(crate) period_start: Option<NaiveDate>,
    pub(crate) tax_remark_required: bool,
}

/// Everything that does not depend on the budget section.
#[derive(Debug, Clone)]
pub(crate) struct Rest {
    /// Findings in Report order, each with its path's rank.
    pub(crate) diags: Vec<(usize, Diagnostic)>,
    pub(crate) overall: Overall,
    pub(crate) verdicts: Vec<SubprogrammeVerdict>,
    pub(crate) dates: Vec<ComputedDate>,
    pub(crate) additional_charge: Option<ChargeFigures>,
    pub(crate) budget: BudgetInputs,
}
