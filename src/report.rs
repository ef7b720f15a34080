//! The Report: everything yoken says about one form, the same bytes natively and in wasm.
//!
//! Wire format `yoken-report/1.1` (JSON; the JSON Schema is `schema/report.schema.json`, generated
//! from these types and checked by a test):
//!
//! ```text
//! {
//!   "format": "yoken-report/1.1",
//!   "programme": {"id", "title": {ja, en}, "fiscal_year": "令和7年度", "source": "…公募要領"},
//!   "today": "2025-06-01",
//!   "overall": {"verdict": "eligible" | "ineligible" | "incomplete", "missing": ["eligibility.x", …]},
//!   "verdicts": [{"subprogramme", "title", "clause", "verdict", "missing",
//!                 "trace"?: {op, clause, label, outcome, field?, value?, reading?, children?},
//!                 "priority"?: {clause, label, outcome, trace?}, "rate": {clause, rate?, label, reading?}}],
//!   "budget"?: {unit, layout, complete, rows: [{index, category?, group?, amount?, sum?, max_subsidy?}],
//!               subtotals?, total, requested, cap?: {limit, headroom, clause}, columns?, rate?},
//!   "tax_report"?: {difference?, refund?}, "advance_payment"?: {rows, subsidy, received, request, remaining},
//!   "dates"?: [{id, label, clause, date?, wareki?, weekday?, rule: {ja, en}, missing?, deadline,
//!              closed?, passed?, reading?}],
//!   "additional_charge"?: {clause, label, days, rate_percent, year_basis, principal, charge, rule},
//!   "diagnostics": [{code, severity, path, clause?, message: {ja, en}}],
//!   "summary": {"error": 0, "warning": 1, "review": 0, "info": 2},
//!   "normalised_form"?: {…the form, each readable value in its canonical spelling…}
//! }
//! ```
//!
//! Every computed amount is a Figure `{value, yen, display}`: digits in the table's unit, digits
//! in yen and grouped text (`31,270千円`). Money is always a string of digits; dates are ISO strings with 和暦 beside them; diagnostics
//! are ordered by the form's question order, then path, severity and code.

use crate::budget::advance::AdvanceFigures;
use crate::budget::tax_report::TaxReportFigures;
use crate::budget::BudgetReport;
use crate::deadline::{ChargeFigures, ComputedDate};
use crate::diagnostic::{Diagnostic, Severity};
use crate::logic::{Outcome, Trace};
use crate::message::Message;
use crate::pack::spec::RateKind;
use serde::{Deserialize, Serialize};

/// The wire format tag of [`Report`].
pub const REPORT_FORMAT: &str = "yoken-report/1.1";

/// A three-way eligibility verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Every requirement is met.
    Eligible,
    /// A requirement is not met (the decisive ones are diagnostics `requirement.not_met`).
    Ineligible,
    /// Not decided yet: `missing` lists the unanswered questions that could change it.
    Incomplete,
}

impl From<Outcome> for Verdict {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Pass => Verdict::Eligible,
            Outcome::Fail => Verdict::Ineligible,
            Outcome::Unknown => Verdict::Incomplete,
        }
    }
}

/// Which programme produced the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRef {
    /// The programme id.
    pub id: String,
    /// Its title.
    pub title: Message,
    /// Its fiscal year (`令和7年度`).
    pub fiscal_year: String,
    /// The source document's title.
    pub source: String,
}

/// The verdict over the whole application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Overall {
    /// Eligible when every chosen sub-programme is.
    pub verdict: Verdict,
    /// Unanswered questions that could change it, in form order.
    pub missing: Vec<String>,
}

/// Priority adoption (優先的に採択) for a sub-programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PriorityResult {
    /// The clause.
    pub clause: String,
    /// What it says.
    pub label: Message,
    /// Whether it applies.
    pub outcome: Outcome,
    /// Why (absent when the caller asked for no traces).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
}

/// The subsidy rate that applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RateResult {
    /// The clause.
    pub clause: String,
    /// The rate, or absent while the answer that decides it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateKind>,
    /// The rate in words (`定額`, `1/2以内`, `未定`).
    pub label: Message,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// The verdict for one sub-programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SubprogrammeVerdict {
    /// The sub-programme id.
    pub subprogramme: String,
    /// Its title.
    pub title: Message,
    /// Its clause.
    pub clause: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Unanswered questions that could change it.
    pub missing: Vec<String>,
    /// Every requirement node with its clause and outcome (absent when the caller asked for no
    /// traces, e.g. the widget on each keystroke; it asks again when "why" is opened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
    /// Priority adoption, where the programme has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PriorityResult>,
    /// The rate.
    pub rate: RateResult,
}

/// How many findings of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`REPORT_FORMAT`].
    pub format: String,
    /// The programme.
    pub programme: ProgrammeRef,
    /// The date the form was checked on (ISO).
    pub today: String,
    /// The verdict over the application.
    pub overall: Overall,
    /// One verdict per chosen sub-programme.
    pub verdicts: Vec<SubprogrammeVerdict>,
    /// Computed budget figures (totals, 計, requested subsidy, headroom, per-row limits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetReport>,
    /// 別記様式4 figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_report: Option<TaxReportFigures>,
    /// 別記様式5 figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance_payment: Option<AdvanceFigures>,
    /// Computed dates and deadlines, each with its clause and counting rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<ComputedDate>,
    /// The computed 加算金.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_charge: Option<ChargeFigures>,
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
