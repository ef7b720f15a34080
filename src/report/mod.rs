//! The Report: everything yoken says about one form, the same bytes natively and in wasm.
//!
//! Wire format `yoken-report/2.2` (JSON; the JSON Schema is `schema/report.schema.json`, generated
//! from these types and checked by a test):
//!
//! ```text
//! {
//!   "format": "yoken-report/2.2",
//!   "programme": {"id", "title": {ja, en}, "fiscal_year": "令和7年度", "source": "…公募要領",
//!                 "issued"?, "hash": "pack content hash", "engine": "yoken 0.1.0"},
//!   "today": "2025-06-01",
//!   "overall": {"verdict": "eligible" | "ineligible" | "incomplete", "missing": ["eligibility.x", …]},
//!   "verdicts": [{"subprogramme", "title", "clause", "verdict", "missing",
//!                 "trace"?: {op, clause, label, outcome, field?, value?, awaiting?, not_asked?,
//!                            reading?, children?},
//!                 "priority"?: {clause, label, outcome, trace?},
//!                 "rate": {clause, rate?: "fixed" | "none" | "1/2" | "2/3" | …, label, reading?}}],
//!   "not_asked"?: ["questions, then table sections, not read (their asked_when does not hold)"],
//!   "tables"?: [{id, path, label, unit, complete, rows: [{index, category?, group?, subprogramme?,
//!                figures?: {id: Figure}}], sums?: {column: Figure},
//!                subtotals?: [{subprogramme, amount}], row_figures?: [{id, label, formula}]}],
//!   "figures"?: [{id, label, clause, value?: Figure, formula: {ja, en}, worked: {ja, en},
//!                 missing?, reading?}],
//!   "dates"?: [{id, label, clause, date?, wareki?, weekday?, rule: {ja, en}, missing?, deadline,
//!              closed?, passed?, reading?}],
//!   "diagnostics": [{code, severity, path, clause?, message: {ja, en}}],
//!   "summary": {"error": 0, "warning": 1, "review": 0, "info": 2},
//!   "normalised_form"?: {…the form, each readable value in its canonical spelling…}
//! }
//! ```
//!
//! Every computed amount is a Figure `{value, yen, display}`: digits in its unit, digits in yen
//! and grouped text (`31,270千円`); a number `{value, display}` (`33.33`, `100日`); a date
//! `{value: "2025-06-01", display: "令和7年6月1日"}`. Money is always a string of digits; dates are ISO strings with 和暦 beside them; diagnostics
//! are ordered by the form's question order, then path, severity and code.
//!
//! `2.2` adds a caller's choice of one language ([`Options::lang`]: `?lang=ja` on the server,
//! `{lang: "ja"}` in wasm): every `{ja, en}` object then holds that language only. Without it the
//! bytes are those of `2.1` but for the format's name.
//!
//! Owns: the wire format `yoken-report/2.2`. Must not know: any front end.

//!
//! The Report layer also holds the pipeline that assembles it (`pipeline`), the cache a session
//! keeps between keystrokes, the order of findings, and the text rendering ([`render`]). The
//! parts of the Report are defined where they are computed (the evaluation layer) and re-exported
//! here, so a reader of the wire format finds every type in one place.

pub(crate) mod cache;
pub(crate) mod compact;
pub(crate) mod options;
pub(crate) mod order;
pub(crate) mod pipeline;
pub mod render;

pub use crate::eval::deadline::ComputedDate;
pub use crate::eval::figures::FigureReport;
pub use crate::eval::table::report::{RowFigureInfo, RowReport, Subtotal, TableReport};
pub use crate::eval::trace::{Op, Outcome, Trace};
pub use crate::eval::verdicts::{Overall, PriorityResult, RateResult, SubprogrammeVerdict};
pub use crate::finding::diagnostic::{Diagnostic, Severity};
pub use crate::finding::verdict::Verdict;
pub use crate::pack::reference::{ProgrammeRef, ENGINE};
pub use crate::text::amount_field::FieldUnit;
pub use crate::text::figure::Figure;
pub use crate::text::holiday::ClosedDay;
pub use options::Options;

use crate::finding::shared_text::SharedText;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// Whether a shared list is empty (the Report leaves it out).
fn no_items<T>(list: &Arc<[T]>) -> bool {
    list.is_empty()
}

/// The wire format tag of [`Report`].
pub const REPORT_FORMAT: &str = "yoken-report/2.2";

/// [`REPORT_FORMAT`] as a Report holds it: made once, then shared by every Report.
pub(crate) fn report_format() -> SharedText {
    static FORMAT: OnceLock<SharedText> = OnceLock::new();
    FORMAT
        .get_or_init(|| SharedText::from(REPORT_FORMAT))
        .clone()
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Findings for the officer's judgment.
    pub review: usize,
    /// Notes.
    pub info: usize,
}

impl Summary {
    /// Counts the diagnostics by severity.
    #[must_use]
    pub(crate) fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut s = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Review => s.review += 1,
                Severity::Info => s.info += 1,
            }
        }
        s
    }
}

/// Everything yoken says about one form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`REPORT_FORMAT`].
    pub format: SharedText,
    /// The programme.
    // Made once per programme and shared by every Report of it.
    pub programme: Arc<ProgrammeRef>,
    /// The date the form was checked on (ISO).
    pub today: SharedText,
    /// The verdict over the application.
    pub overall: Overall,
    /// One verdict per chosen sub-programme.
    // Shared (as are `not_asked` and `dates`) with every Report of a session made from the same
    // answers outside the tables: a keystroke in a table copies none of them.
    pub verdicts: Arc<[SubprogrammeVerdict]>,
    /// Questions not asked, then the sections of tables not read (their `asked_when` does not
    /// hold): a page hides them, and they are never reported as missing or required. Since
    /// `yoken-report/2`.
    #[serde(default, skip_serializing_if = "no_items")]
    pub not_asked: Arc<[String]>,
    /// What each table of the form computes (rows, sums, sums per sub-programme), for tables the
    /// form has. Since `yoken-report/2`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableReport>,
    /// The pack's figures (補助金額, 上限額, …), each with its formula and numbers. Since
    /// `yoken-report/2`.
    // Shared with a session's cache, which keeps each figure while what it reads is unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<Arc<FigureReport>>,
    /// Computed dates and deadlines, each with its clause and counting rule.
    #[serde(default, skip_serializing_if = "no_items")]
    pub dates: Arc<[ComputedDate]>,
    /// Every finding, in form order.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts by severity.
    pub summary: Summary,
    /// The form with every readable value in its canonical spelling and everything else as given
    /// (only when asked for: `normalise`); checking it again gives the same verdicts and errors.
    /// Since `yoken-report/1.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalised_form: Option<serde_json::Value>,
}
