//! The first pack format (`yoken-pack/1`), kept so such packs still load: they are read with
//! these types and converted to the current format (`super::migrate`). Its budget layouts
//! (`lines`, `shares`), 様式4, 様式5 and 加算金 were rules in Rust; format 2 declares them.
//!
//! Owns: the old format's shape. Must not know: how a pack is checked or used.

use super::spec::{
    AttachmentsSpec, CaseSpec, CategorySpec, CheckSpec, ClauseSpec, DateLimitSpec, DateRuleSpec,
    FactSpec, ForbiddenCategorySpec, NodeSpec, NonGoalSpec, PrioritySpec, QuestionSpec,
    SelectionSpec, SourceSpec, SubmissionSpec,
};
use crate::finding::diagnostic::Severity;
use crate::finding::message::Message;
use crate::text::amount_field::FieldUnit;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format tag of the first format.
pub(crate) const PACK_FORMAT_V1: &str = "yoken-pack/1";

/// A whole rule pack: one programme (公募要領 or 実施規程) for one fiscal year.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackSpecV1 {
    /// Always `yoken-pack/1`.
    pub(crate) format: String,
    /// The programme id used in API calls (`maff-mohouhin-r7`).
    pub(crate) id: String,
    /// The programme's title.
    pub(crate) title: Message,
    /// The legal source document the rules encode.
    pub(crate) source: SourceSpec,
    /// The fiscal year (年度) by its starting calendar year (令和7年度 → 2025).
    pub(crate) fiscal_year: i32,
    /// First day the pack applies (ISO date).
    pub(crate) valid_from: String,
    /// Last day the pack applies (ISO date).
    pub(crate) valid_until: String,
    /// Every clause the rules cite, with its text.
    pub(crate) clauses: Vec<ClauseSpec>,
    /// The questions of the form, in the order the form shows them.
    pub(crate) questions: Vec<QuestionSpec>,
    /// Computed facts (named requirement trees over answers and other facts).
    #[serde(default)]
    pub(crate) facts: Vec<FactSpec>,
    /// How the form chooses sub-programmes.
    pub(crate) selection: SelectionSpec,
    /// The sub-programmes (第4 1/2, 第3 I (1)–(3)), each with its requirement tree.
    pub(crate) subprogrammes: Vec<SubprogrammeSpecV1>,
    /// Findings raised when a condition holds (cross-checks, warnings, notes).
    #[serde(default)]
    pub(crate) checks: Vec<CheckSpec>,
    /// Documents to attach, and when each is required.
    #[serde(default)]
    pub(crate) attachments: Option<AttachmentsSpec>,
    /// Budget rules.
    #[serde(default)]
    pub(crate) budget: Option<BudgetSpec>,
    /// 消費税相当額報告書 rules.
    #[serde(default)]
    pub(crate) tax_report: Option<TaxReportSpec>,
    /// 概算払請求書 rules.
    #[serde(default)]
    pub(crate) advance_payment: Option<AdvancePaymentSpec>,
    /// How the application is sent.
    #[serde(default)]
    pub(crate) submission: Option<SubmissionSpec>,
    /// Dates and deadlines the Report computes.
    #[serde(default)]
    pub(crate) dates: Vec<DateRuleSpec>,
    /// Bounds on date answers.
    #[serde(default)]
    pub(crate) date_limits: Vec<DateLimitSpec>,
    /// 加算金 rules.
    #[serde(default)]
    pub(crate) additional_charge: Option<AdditionalChargeSpec>,
    /// Clauses deliberately not checked, each with the reason.
    #[serde(default)]
    pub(crate) non_goals: Vec<NonGoalSpec>,
    /// The pack's own example forms with their expected verdicts and findings.
    #[serde(default)]
    pub(crate) cases: Vec<CaseSpec>,
}

/// A sub-programme with its requirements.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SubprogrammeSpecV1 {
    /// The sub-programme's id (the value chosen in the selection).
    pub(crate) id: String,
    /// The clause that defines it.
    pub(crate) clause: String,
    /// Its title.
    pub(crate) title: Message,
    /// What an applicant must meet.
    pub(crate) requirement: NodeSpec,
    /// When it is adopted with priority (優先的に採択).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) priority: Option<PrioritySpec>,
    /// Which subsidy rate applies.
    pub(crate) rate: RateSpecV1,
}

/// A subsidy rate (補助率).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RateKind {
    /// 定額: a fixed amount within the budget (no ratio to check).
    Fixed,
    /// 1/2以内: the 国庫補助金 is at most ⌊事業費 / 2⌋.
    Half,
    /// The document states no rate.
    Unspecified,
}

/// Which rate applies: `fixed_when` holds → 定額, otherwise `default`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RateSpecV1 {
    /// The clause.
    pub(crate) clause: String,
    /// The rate when `fixed_when` is absent or does not hold.
    pub(crate) default: RateKind,
    /// When the rate is 定額.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) fixed_when: Option<NodeSpec>,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) reading: Option<Message>,
}

/// How a budget table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum BudgetLayout {
    /// Cost lines: sub-programme, category, description, amount, date, procurement source
    /// (公募要領 経費内訳書, e.g. Programme A in 千円).
    Lines,
    /// Rows of 区分 | 事業費 (A+B) | 国庫補助金 (A) | 事業実施主体 (B) | 備考 and a 計 row
    /// (実施規程 別記様式1/2/3, Programme B in 円).
    Shares,
}

/// Budget rules: a table of costs in one unit, with what may and may not be claimed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BudgetSpec {
    /// The form section holding the table (`budget`).
    pub(crate) path: String,
    /// The unit amounts are stated in.
    pub(crate) unit: FieldUnit,
    /// The clause that sets the unit (第6: 千円単位).
    pub(crate) unit_clause: String,
    /// The table's title.
    pub(crate) label: Message,
    /// Lines or shares.
    pub(crate) layout: BudgetLayout,
    /// The costs that may be claimed.
    pub(crate) categories: Vec<CategorySpec>,
    /// For each sub-programme, the clause that lists its costs.
    pub(crate) category_clauses: BTreeMap<String, String>,
    /// Categories that may never be claimed (e.g. 建物・不動産, 第7 1).
    #[serde(default)]
    pub(crate) forbidden_categories: Vec<ForbiddenCategorySpec>,
    /// Costs recognised from a line's description (第7 1–6): a warning citing the item.
    #[serde(default)]
    pub(crate) exclusions: Vec<ExclusionSpec>,
    /// An upper limit on the total (第8).
    #[serde(default)]
    pub(crate) cap: Option<CapSpec>,
    /// A typed total (所要額) that must equal the sum of the lines.
    #[serde(default)]
    pub(crate) total_field: Option<TotalFieldSpec>,
    /// Notes raised by a line's category (and amount).
    #[serde(default)]
    pub(crate) notes: Vec<LineNoteSpec>,
    /// Procurement sources that require profit to be excluded (第15).
    #[serde(default)]
    pub(crate) procurement: Vec<ProcurementSpec>,
    /// The period costs must fall in (第9).
    #[serde(default)]
    pub(crate) period: Option<PeriodSpec>,
    /// The consumption-tax remark each row must carry (別記様式2 注2).
    #[serde(default)]
    pub(crate) tax_remark: Option<TaxRemarkSpec>,
    /// The most rows accepted (default 500).
    #[serde(default)]
    pub(crate) max_rows: Option<usize>,
}

/// A cost recognised from words in a line's description.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExclusionSpec {
    /// The rule's id.
    pub(crate) id: String,
    /// The clause (第7 1 …).
    pub(crate) clause: String,
    /// Words that suggest the excluded cost.
    pub(crate) keywords: Vec<String>,
    /// Only lines of these categories (all when absent).
    #[serde(default)]
    pub(crate) categories: Option<Vec<String>>,
    /// What the clause excludes.
    pub(crate) message: Message,
}

/// An upper limit on the total.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CapSpec {
    /// The limit in the budget's unit (digits).
    pub(crate) amount: String,
    /// The clause.
    pub(crate) clause: String,
    /// The reading chosen.
    #[serde(default)]
    pub(crate) reading: Option<Message>,
}

/// A typed total that must equal the sum of the lines.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TotalFieldSpec {
    /// The key inside the budget section (`requested_total`).
    pub(crate) field: String,
    /// The clause.
    pub(crate) clause: String,
    /// Its label.
    pub(crate) label: Message,
}

/// A note raised by lines of one category (and, optionally, an amount).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LineNoteSpec {
    /// The note's id.
    pub(crate) id: String,
    /// Its diagnostic code (a pack code, not an engine prefix).
    pub(crate) code: String,
    /// The clause.
    pub(crate) clause: String,
    /// Its severity.
    pub(crate) severity: Severity,
    /// The category it concerns.
    pub(crate) category: String,
    /// Only lines of at least this many yen (`500000` for 50万円).
    #[serde(default)]
    pub(crate) at_least_yen: Option<String>,
    /// Raised once per form (at the first such line) rather than on every line.
    #[serde(default)]
    pub(crate) once: bool,
    /// The message.
    pub(crate) message: Message,
}

/// A procurement source that requires profit to be excluded, and how.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProcurementSpec {
    /// The value in a line's `source` (`self`, `group100`, `related`).
    pub(crate) value: String,
    /// How the form shows it.
    pub(crate) label: Message,
    /// The clause.
    pub(crate) clause: String,
    /// The method of excluding profit.
    pub(crate) method: Message,
}

/// The period costs must fall in: from a date question to a fixed end.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeriodSpec {
    /// The question giving the start (`dates.grant_decision`).
    pub(crate) start_question: String,
    /// The last day (ISO).
    pub(crate) end: String,
    /// The clause setting the period (第9).
    pub(crate) clause: String,
    /// The clause excluding costs before the start (第7 4).
    pub(crate) before_start_clause: String,
}

/// The consumption-tax remark (別記様式2 注2): 「減額した金額〇〇円」, 「該当なし」 or 「含税額」.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TaxRemarkSpec {
    /// The clause.
    pub(crate) clause: String,
    /// When the remark is required (e.g. the document is the 交付申請書).
    pub(crate) when: NodeSpec,
}

/// 別記様式4 (消費税相当額報告書): item 4 = item 3 − item 2.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TaxReportSpec {
    /// The form section (`tax_report`).
    pub(crate) path: String,
    /// The clause.
    pub(crate) clause: String,
    /// The section's title.
    pub(crate) label: Message,
}

/// 別記様式5 (概算払請求書): 残額 = (A) − ((B) + (C)), (B) + (C) ≤ (A), 出来高 within 0–100.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AdvancePaymentSpec {
    /// The form section (`advance`).
    pub(crate) path: String,
    /// The clause.
    pub(crate) clause: String,
    /// The section's title.
    pub(crate) label: Message,
    /// The reading chosen for the 出来高 columns.
    #[serde(default)]
    pub(crate) reading: Option<Message>,
}

/// 加算金: interest at a yearly rate on an amount, from one date to another (both days counted).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AdditionalChargeSpec {
    /// The clause.
    pub(crate) clause: String,
    /// What it is.
    pub(crate) label: Message,
    /// The amount question (yen).
    pub(crate) amount: String,
    /// The first day (受領の日).
    pub(crate) from: String,
    /// The last day (納付の日).
    pub(crate) to: String,
    /// The yearly rate in percent (`10.95`).
    pub(crate) rate_percent: String,
    /// The reading chosen (day count, year basis, rounding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) reading: Option<Message>,
}
