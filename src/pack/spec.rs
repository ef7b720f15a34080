//! The rule pack file format (`yoken-pack/1`), exactly as a ministry writes it (JSON).
//!
//! Every struct rejects unknown keys, so a misspelt key is an error naming it, not a silently
//! ignored rule. References (question ids, fact ids, clause ids) are checked by
//! [`super::compile`], which turns a [`PackSpec`] into a runnable [`super::Programme`].

use crate::amount_field::FieldUnit;
use crate::diagnostic::Severity;
use crate::message::Message;
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
    /// Clauses deliberately not checked, each with the reason.
    #[serde(default)]
    pub non_goals: Vec<NonGoalSpec>,
    /// The pack's own example forms with their expected verdicts and findings.
    #[serde(default)]
    pub cases: Vec<CaseSpec>,
}

/// Where the rules come from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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
    pub overall: crate::report::Verdict,
    /// Verdicts per sub-programme.
    #[serde(default)]
    pub verdicts: BTreeMap<String, crate::report::Verdict>,
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
