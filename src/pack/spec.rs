//! The rule pack file format (`yoken-pack/1`), exactly as a ministry writes it (JSON).
//!
//! Every struct rejects unknown keys, so a misspelt key is an error naming it, not a silently
//! ignored rule. References (question ids, fact ids, clause ids) are checked by
//! `compile`, which turns a [`PackSpec`] into a runnable [`super::Programme`].
//!
//! Owns: the pack format. Must not know: how a pack is checked or used.

use crate::finding::diagnostic::Severity;
use crate::finding::message::Message;
use crate::text::amount_field::FieldUnit;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format tag every pack starts with.
pub const PACK_FORMAT: &str = "yoken-pack/1";

/// A whole rule pack: one programme (公募要領 or 実施規程) for one fiscal year.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackSpec {
    /// Always [`PACK_FORMAT`].
    pub format: String,
    /// The programme id used in API calls (`maff-mohouhin-r7`).
    pub id: String,
    /// The programme's title.
    pub title: Message,
    /// The legal source document the rules encode.
    pub source: SourceSpec,
    /// The fiscal year (年度) by its starting calendar year (令和7年度 → 2025).
    pub fiscal_year: i32,
    /// First day the pack applies (ISO date).
    pub valid_from: String,
    /// Last day the pack applies (ISO date).
    pub valid_until: String,
    /// Every clause the rules cite, with its text.
    pub clauses: Vec<ClauseSpec>,
    /// The questions of the form, in the order the form shows them.
    pub questions: Vec<QuestionSpec>,
    /// Computed facts (named requirement trees over answers and other facts).
    #[serde(default)]
    pub facts: Vec<FactSpec>,
    /// How the form chooses sub-programmes.
    pub selection: SelectionSpec,
    /// The sub-programmes (第4 1/2, 第3 I (1)–(3)), each with its requirement tree.
    pub subprogrammes: Vec<SubprogrammeSpec>,
    /// Findings raised when a condition holds (cross-checks, warnings, notes).
    #[serde(default)]
    pub checks: Vec<CheckSpec>,
    /// Documents to attach, and when each is required.
    #[serde(default)]
    pub attachments: Option<AttachmentsSpec>,
    /// Budget rules.
    #[serde(default)]
    pub budget: Option<BudgetSpec>,
    /// 消費税相当額報告書 rules.
    #[serde(default)]
    pub tax_report: Option<TaxReportSpec>,
    /// 概算払請求書 rules.
    #[serde(default)]
    pub advance_payment: Option<AdvancePaymentSpec>,
    /// How the application is sent.
    #[serde(default)]
    pub submission: Option<SubmissionSpec>,
    /// Dates and deadlines the Report computes.
    #[serde(default)]
    pub dates: Vec<DateRuleSpec>,
    /// Bounds on date answers.
    #[serde(default)]
    pub date_limits: Vec<DateLimitSpec>,
    /// 加算金 rules.
    #[serde(default)]
    pub additional_charge: Option<AdditionalChargeSpec>,
    /// Clauses deliberately not checked, each with the reason.
    #[serde(default)]
    pub non_goals: Vec<NonGoalSpec>,
    /// The pack's own example forms with their expected verdicts and findings.
    #[serde(default)]
    pub cases: Vec<CaseSpec>,
}

/// Where the rules come from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceSpec {
    /// The document's full title.
    pub title: String,
    /// Who issued it.
    pub issuer: String,
    /// The document's reference (file name, 文書番号 or URL).
    pub document: String,
    /// Dates of issue and amendment, as the document states them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
}

/// One clause of the source document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClauseSpec {
    /// The clause reference as the document numbers it (`第5 2 (7) ア`).
    pub id: String,
    /// The clause text in Japanese, quoted from the document.
    pub text: String,
    /// An English gloss.
    pub gloss: String,
}

/// The type of a question's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    /// はい / いいえ (`true`/`false`, `"yes"`/`"no"`, `"はい"`/`"いいえ"`).
    YesNo,
    /// One of the options.
    Choice,
    /// Any number of the options (a JSON array).
    MultiChoice,
    /// Free text.
    Text,
    /// A date in 和暦 or 西暦.
    Date,
    /// An amount of money in the question's `unit`.
    Amount,
}

/// One question of the form.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QuestionSpec {
    /// The question's id, which is also its path in the form (`applicant.org_type`).
    pub id: String,
    /// The clause it asks about.
    pub clause: String,
    /// The question as the form shows it.
    pub label: Message,
    /// The answer type.
    #[serde(rename = "type")]
    pub kind: AnswerKind,
    /// The options (choice and multi-choice only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionSpec>,
    /// Whether an answer is required before the form is complete.
    #[serde(default)]
    pub required: bool,
    /// Help shown under the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Message>,
    /// The reading chosen where the clause is ambiguous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
    /// The sub-programmes the question belongs to (all when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Vec<String>>,
    /// The unit of an amount question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<FieldUnit>,
    /// The longest text accepted (text questions; default 2,000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
}

/// One option of a choice question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OptionSpec {
    /// The value stored in the form.
    pub value: String,
    /// The option as shown.
    pub label: Message,
    /// Other options this one is a kind of (国立研究開発法人 counts as 独立行政法人).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts_as: Vec<String>,
    /// Why it counts as those (the reading chosen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// A computed fact: a named tree, e.g. "the organisation type is a 法人 type".
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSpec {
    /// The fact's id.
    pub id: String,
    /// The clause it serves.
    pub clause: String,
    /// What the fact says.
    pub label: Message,
    /// When it holds.
    pub when: NodeSpec,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// A node of a requirement tree; exactly one of `all`, `any`, `not`, `answer`, `fact` is given.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeSpec {
    /// Holds when every child holds; fails when any fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<NodeSpec>>,
    /// Holds when any child holds; fails when every child fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<NodeSpec>>,
    /// Holds when the child fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<NodeSpec>>,
    /// A question: yes/no holds on はい; with `in`, holds when the choice is one of the values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The values for `answer` on a choice or multi-choice question.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// A computed fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// The clause the node encodes (questions and facts lend theirs to leaves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// What the node says, for the trace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Message>,
    /// The reading chosen where the clause is ambiguous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// How the form chooses sub-programmes: one question whose options are the sub-programmes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SelectionSpec {
    /// The form path of the choice (`project.subprojects`).
    pub path: String,
    /// The clause that names the sub-programmes.
    pub clause: String,
    /// The question as shown.
    pub label: Message,
    /// At least this many.
    pub min: usize,
    /// At most this many (1 makes it a single choice).
    pub max: usize,
}

/// A sub-programme with its requirements.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubprogrammeSpec {
    /// The sub-programme's id (the value chosen in the selection).
    pub id: String,
    /// The clause that defines it.
    pub clause: String,
    /// Its title.
    pub title: Message,
    /// What an applicant must meet.
    pub requirement: NodeSpec,
    /// When it is adopted with priority (優先的に採択).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PrioritySpec>,
    /// Which subsidy rate applies.
    pub rate: RateSpec,
}

/// Priority adoption (優先的に採択).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrioritySpec {
    /// The clause.
    pub clause: String,
    /// What it says.
    pub label: Message,
    /// When it holds.
    pub when: NodeSpec,
}

/// A subsidy rate (補助率).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
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
pub struct RateSpec {
    /// The clause.
    pub clause: String,
    /// The rate when `fixed_when` is absent or does not hold.
    pub default: RateKind,
    /// When the rate is 定額.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_when: Option<NodeSpec>,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// A finding raised whenever `when` holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSpec {
    /// The check's id.
    pub id: String,
    /// The diagnostic code it raises (must not start with an engine prefix such as `number.`).
    pub code: String,
    /// Its severity.
    pub severity: Severity,
    /// The clause.
    pub clause: String,
    /// The form path the finding is shown at.
    pub path: String,
    /// When the finding is raised.
    pub when: NodeSpec,
    /// The message.
    pub message: Message,
}

/// The documents to attach.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentsSpec {
    /// The form path of the list of attached document ids (`submission.attachments`).
    pub path: String,
    /// The clause that lists them.
    pub clause: String,
    /// The question as shown.
    pub label: Message,
    /// The documents.
    pub items: Vec<AttachmentSpec>,
}

/// One document to attach.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentSpec {
    /// The document's id.
    pub id: String,
    /// The clause that asks for it.
    pub clause: String,
    /// Its name.
    pub title: Message,
    /// When it is required (always, when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<NodeSpec>,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// A clause deliberately not checked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NonGoalSpec {
    /// The clause.
    pub clause: String,
    /// Why yoken does not check it.
    pub reason: Message,
}

/// A worked example: a form, a date, and what the engine must say about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    /// What the case shows.
    pub name: String,
    /// The date the form is checked on (ISO).
    pub today: String,
    /// The form.
    pub form: serde_json::Value,
    /// What the engine must report.
    pub expect: ExpectSpec,
}

/// The expected outcome of a case.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectSpec {
    /// The overall verdict.
    pub overall: crate::finding::verdict::Verdict,
    /// Verdicts per sub-programme.
    #[serde(default)]
    pub verdicts: BTreeMap<String, crate::finding::verdict::Verdict>,
    /// Codes that must be among the findings.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Codes that must not be among the findings.
    #[serde(default)]
    pub absent: Vec<String>,
    /// The exact list of missing questions for the overall verdict, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<Vec<String>>,
}

/// How a budget table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum BudgetLayout {
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
pub struct BudgetSpec {
    /// The form section holding the table (`budget`).
    pub path: String,
    /// The unit amounts are stated in.
    pub unit: FieldUnit,
    /// The clause that sets the unit (第6: 千円単位).
    pub unit_clause: String,
    /// The table's title.
    pub label: Message,
    /// Lines or shares.
    pub layout: BudgetLayout,
    /// The costs that may be claimed.
    pub categories: Vec<CategorySpec>,
    /// For each sub-programme, the clause that lists its costs.
    pub category_clauses: BTreeMap<String, String>,
    /// Categories that may never be claimed (e.g. 建物・不動産, 第7 1).
    #[serde(default)]
    pub forbidden_categories: Vec<ForbiddenCategorySpec>,
    /// Costs recognised from a line's description (第7 1–6): a warning citing the item.
    #[serde(default)]
    pub exclusions: Vec<ExclusionSpec>,
    /// An upper limit on the total (第8).
    #[serde(default)]
    pub cap: Option<CapSpec>,
    /// A typed total (所要額) that must equal the sum of the lines.
    #[serde(default)]
    pub total_field: Option<TotalFieldSpec>,
    /// Notes raised by a line's category (and amount).
    #[serde(default)]
    pub notes: Vec<LineNoteSpec>,
    /// Procurement sources that require profit to be excluded (第15).
    #[serde(default)]
    pub procurement: Vec<ProcurementSpec>,
    /// The period costs must fall in (第9).
    #[serde(default)]
    pub period: Option<PeriodSpec>,
    /// The consumption-tax remark each row must carry (別記様式2 注2).
    #[serde(default)]
    pub tax_remark: Option<TaxRemarkSpec>,
    /// The most rows accepted (default 500).
    #[serde(default)]
    pub max_rows: Option<usize>,
}

/// A cost that may be claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CategorySpec {
    /// The name as the document writes it (`事務費`).
    pub name: String,
    /// An English gloss.
    pub label_en: String,
    /// The group within a sub-programme (`国内経費` / `国外経費`), where the document has groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Other names accepted for it (`消耗品費` is part of 事務費; `国内代理人手数料` of 代理人経費).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The sub-programmes it may be claimed under.
    pub subprogrammes: Vec<String>,
}

/// Categories that may never be claimed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForbiddenCategorySpec {
    /// The names.
    pub names: Vec<String>,
    /// The clause.
    pub clause: String,
    /// Why.
    pub message: Message,
}

/// A cost recognised from words in a line's description.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusionSpec {
    /// The rule's id.
    pub id: String,
    /// The clause (第7 1 …).
    pub clause: String,
    /// Words that suggest the excluded cost.
    pub keywords: Vec<String>,
    /// Only lines of these categories (all when absent).
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    /// What the clause excludes.
    pub message: Message,
}

/// An upper limit on the total.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapSpec {
    /// The limit in the budget's unit (digits).
    pub amount: String,
    /// The clause.
    pub clause: String,
    /// The reading chosen.
    #[serde(default)]
    pub reading: Option<Message>,
}

/// A typed total that must equal the sum of the lines.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalFieldSpec {
    /// The key inside the budget section (`requested_total`).
    pub field: String,
    /// The clause.
    pub clause: String,
    /// Its label.
    pub label: Message,
}

/// A note raised by lines of one category (and, optionally, an amount).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineNoteSpec {
    /// The note's id.
    pub id: String,
    /// Its diagnostic code (a pack code, not an engine prefix).
    pub code: String,
    /// The clause.
    pub clause: String,
    /// Its severity.
    pub severity: Severity,
    /// The category it concerns.
    pub category: String,
    /// Only lines of at least this many yen (`500000` for 50万円).
    #[serde(default)]
    pub at_least_yen: Option<String>,
    /// Raised once per form (at the first such line) rather than on every line.
    #[serde(default)]
    pub once: bool,
    /// The message.
    pub message: Message,
}

/// A procurement source that requires profit to be excluded, and how.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProcurementSpec {
    /// The value in a line's `source` (`self`, `group100`, `related`).
    pub value: String,
    /// How the form shows it.
    pub label: Message,
    /// The clause.
    pub clause: String,
    /// The method of excluding profit.
    pub method: Message,
}

/// The period costs must fall in: from a date question to a fixed end.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodSpec {
    /// The question giving the start (`dates.grant_decision`).
    pub start_question: String,
    /// The last day (ISO).
    pub end: String,
    /// The clause setting the period (第9).
    pub clause: String,
    /// The clause excluding costs before the start (第7 4).
    pub before_start_clause: String,
}

/// The consumption-tax remark (別記様式2 注2): 「減額した金額〇〇円」, 「該当なし」 or 「含税額」.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxRemarkSpec {
    /// The clause.
    pub clause: String,
    /// When the remark is required (e.g. the document is the 交付申請書).
    pub when: NodeSpec,
}

/// 別記様式4 (消費税相当額報告書): item 4 = item 3 − item 2.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxReportSpec {
    /// The form section (`tax_report`).
    pub path: String,
    /// The clause.
    pub clause: String,
    /// The section's title.
    pub label: Message,
}

/// 別記様式5 (概算払請求書): 残額 = (A) − ((B) + (C)), (B) + (C) ≤ (A), 出来高 within 0–100.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdvancePaymentSpec {
    /// The form section (`advance`).
    pub path: String,
    /// The clause.
    pub clause: String,
    /// The section's title.
    pub label: Message,
    /// The reading chosen for the 出来高 columns.
    #[serde(default)]
    pub reading: Option<Message>,
}

/// A date computed from answers and fixed dates. Written as JSON, e.g.
/// `{"earliest": [{"months_elapsed": {"from": {"answer": "dates.completion"}, "months": 1}},
///                {"days_before": {"from": "fiscal_year_end", "days": 14}}]}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum DateExprSpec {
    /// A date question's answer.
    Answer(String),
    /// A fixed date (ISO).
    Fixed(String),
    /// 4月1日 of the pack's fiscal year.
    FiscalYearStart,
    /// 3月31日 ending the pack's fiscal year.
    FiscalYearEnd,
    /// 「…から起算して N か月を経過した日」 (民法第143条; the day after the period ends).
    MonthsElapsed {
        /// The first day (counted).
        from: Box<DateExprSpec>,
        /// How many months.
        months: u32,
    },
    /// 「…から N 日以内」: the last day, the first day not counted (民法第140条).
    WithinDaysAfter {
        /// The day the period follows.
        from: Box<DateExprSpec>,
        /// How many days.
        days: u32,
    },
    /// 「…の N 日前」.
    DaysBefore {
        /// The later day.
        from: Box<DateExprSpec>,
        /// How many days.
        days: u32,
    },
    /// 「…の翌年の M 月 D 日」.
    NextYearOn {
        /// The day whose year is taken.
        from: Box<DateExprSpec>,
        /// The month.
        month: u32,
        /// The day.
        day: u32,
    },
    /// The earliest of several dates (「いずれか早い日」).
    Earliest(Vec<DateExprSpec>),
}

/// A date the Report computes and shows: a period's end, a deadline.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRuleSpec {
    /// The rule's id.
    pub id: String,
    /// The clause.
    pub clause: String,
    /// What the date is.
    pub label: Message,
    /// How it is computed.
    pub expr: DateExprSpec,
    /// Whether it is the applicant's deadline (passed deadlines and closed days are reported).
    #[serde(default)]
    pub deadline: bool,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// Bounds on a date answer (e.g. the completion day within 令和7年度).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateLimitSpec {
    /// The limit's id.
    pub id: String,
    /// The date question.
    pub question: String,
    /// The clause.
    pub clause: String,
    /// The earliest day allowed.
    #[serde(default)]
    pub not_before: Option<DateExprSpec>,
    /// The latest day allowed.
    #[serde(default)]
    pub not_after: Option<DateExprSpec>,
    /// The severity of a date outside the bounds.
    pub severity: Severity,
    /// What the bound means.
    pub message: Message,
}

/// 加算金: interest at a yearly rate on an amount, from one date to another (both days counted).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdditionalChargeSpec {
    /// The clause.
    pub clause: String,
    /// What it is.
    pub label: Message,
    /// The amount question (yen).
    pub amount: String,
    /// The first day (受領の日).
    pub from: String,
    /// The last day (納付の日).
    pub to: String,
    /// The yearly rate in percent (`10.95`).
    pub rate_percent: String,
    /// The reading chosen (day count, year basis, rounding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// How an application is sent (公募要領 第10 3 (6)): by e-mail, attachments not compressed, at
/// most so many bytes per mail, with a set subject that numbers the parts when split.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SubmissionSpec {
    /// The clause.
    pub clause: String,
    /// The question holding the applicant's name (for the subject).
    pub applicant_question: String,
    /// The subject of a single mail; `{applicant}` is replaced.
    pub subject: String,
    /// The subject of one of several mails; `{applicant}`, `{n}` and `{total}` are replaced.
    pub part_subject: String,
    /// The largest mail, in bytes, attachments encoded as sent.
    pub max_mail_bytes: u64,
    /// Bytes allowed per mail for its headers and body text.
    pub overhead_bytes: u64,
    /// File name extensions of archives (not allowed: 「圧縮せずに」).
    pub archive_extensions: Vec<String>,
    /// MIME types of archives.
    pub archive_types: Vec<String>,
    /// What the mail body must state.
    pub body_items: Vec<Message>,
    /// The reading chosen (what "7 MB" measures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}
