//! What one evaluation keeps for the next evaluation of the same form (a session).
//!
//! Owns: the cached results and when they still hold. Must not know: how they are computed
//! (that is [`super::pipeline`], which fills them).

use super::options::Options;
use crate::eval::change::FormChange;
use crate::eval::deadline::ComputedDate;
use crate::eval::env::AnswerState;
use crate::eval::figures::FigureCache;
use crate::eval::table::cache::TableCache;
use crate::eval::verdicts::{Overall, SubprogrammeVerdict};
use crate::finding::diagnostic::Diagnostic;
use crate::finding::shared_text::SharedText;
use crate::read::answers::Answer;
use crate::text::form_path::FormPath;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::sync::Arc;

/// What one evaluation keeps for the next evaluation of the same form (a session): the results
/// that depend on everything but the tables' sections, and each table row's result. A fresh
/// cache gives exactly the stateless evaluation; a warm one the same bytes, faster.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cache {
    pub(crate) rest: Option<(Map<String, Value>, NaiveDate, Options, Rest)>,
    /// Per table of the programme.
    pub(crate) tables: Vec<TableCache>,
    /// The figures' formulas in words that no answer changes, and each figure as last computed.
    pub(crate) figures: FigureCache,
    /// Per question, its reading as last made (read again only when its value changes).
    pub(crate) readings: Vec<Option<Reading>>,
    pub(crate) since: FormChange,
    /// The last edit's path once evaluated, kept for the next edit to parse its path into.
    pub(crate) spare_path: Option<FormPath>,
    /// Counts the times the results outside the tables were computed: equal counts, equal results.
    pub(crate) rest_generation: u64,
    /// For one evaluation only (stateless): keep no copies of the form to compare with later.
    pub(crate) single_use: bool,
}

impl Cache {
    /// A cache for exactly one evaluation: nothing is copied for later comparisons.
    pub(crate) fn single_use() -> Self {
        Self {
            single_use: true,
            ..Self::default()
        }
    }

    /// Records that `path` is being set in the form last evaluated with this cache (a session
    /// editing one field), so the next evaluation need not compare the rest of the form.
    pub(crate) fn edited(&mut self, path: FormPath) {
        self.since = self.since.and_edit(path);
    }

    /// A path to parse the next edit's path into (the last one's, when evaluated).
    pub(crate) fn path_for_edit(&mut self) -> FormPath {
        self.spare_path
            .take()
            .unwrap_or_else(|| FormPath::from_steps(Vec::new()))
    }

    /// Records that the form may have changed anywhere.
    pub(crate) fn replaced(&mut self) {
        self.since = FormChange::Anything;
    }

    /// Which computation of the results outside the tables the last evaluation used: two
    /// evaluations with the same number share their verdicts, dates and findings outside tables.
    pub(crate) fn rest_generation(&self) -> u64 {
        self.rest_generation
    }
}

/// One question's reading as a session last made it: the value the form held there, and the
/// answer and findings read from it (a reading depends on nothing else).
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    /// The form's value at the question's path (`None`: absent).
    pub(crate) raw: Option<Value>,
    pub(crate) answer: Answer,
    pub(crate) diags: Vec<Diagnostic>,
}

/// Everything that does not depend on the tables' sections.
#[derive(Debug, Clone)]
pub(crate) struct Rest {
    /// The questions' readings' findings in Report order, each with its path's rank.
    pub(crate) read: Vec<(usize, Diagnostic)>,
    /// The other findings outside the tables, in Report order, each with its path's rank.
    pub(crate) diags: Vec<(usize, Diagnostic)>,
    pub(crate) overall: Overall,
    /// Shared with every Report made from this computation.
    pub(crate) verdicts: Arc<[SubprogrammeVerdict]>,
    pub(crate) dates: Arc<[ComputedDate]>,
    pub(crate) not_asked: Arc<[String]>,
    /// The date of the check as the Report writes it (ISO).
    pub(crate) today: SharedText,
    /// The answers and what was computed from them (the tables and figures read them).
    pub(crate) state: AnswerState,
}
