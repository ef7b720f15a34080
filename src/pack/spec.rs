//! The rule pack file format (`yoken-pack/2`), exactly as a ministry writes it (JSON).
//!
//! Every struct rejects unknown keys, so a misspelt key is an error naming it, not a silently
//! ignored rule. References (question ids, fact ids, clause ids, tables, columns, figures) and
//! the kinds of expressions are checked by `compile`, which turns a [`PackSpec`] into a runnable
//! [`super::Programme`]. A `yoken-pack/1` file is read too: it is converted to this format first
//! (`yoken pack migrate` writes the converted file). `yoken schema pack` prints the JSON Schema of
//! this format, and `docs/packs.md` explains every part with an example.
//!
//! A build without the `pack-json` feature (the wasm module) reads these structs only inside a
//! compiled pack, which this same engine wrote: there they take the keys they know and skip the
//! rest, and the fields marked `#[cfg(feature = "pack-json")]` are absent — what only the checker,
//! the page's description or the 様式 writer read, and what the compiled programme holds in its
//! own form (the source trees of conditions and expressions, a table's columns, rules and sums,
//! a rate's cases). Serde's readers for them then leave the module.
//!
//! Owns: the pack format. Must not know: how a pack is checked or used.

use crate::finding::diagnostic::Severity;
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::finding::verdict::Verdict;
use crate::text::amount_field::FieldUnit;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format tag of the current format.
pub const PACK_FORMAT: &str = "yoken-pack/2";

/// A whole rule pack: one programme (公募要領 or 実施規程) for one fiscal year.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
// A compiled pack is read without pack-json and leaves out what only the checker, the form's
// description and the cases need (see `Programme::compiled`); its engine stamp already rules out a
// file this build did not write, so that build takes the keys it knows and skips the rest.
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct PackSpec {
    /// The JSON Schema an editor checks the file with (`yoken schema pack`); not read by yoken.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
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
    #[cfg(feature = "pack-json")]
    pub clauses: Vec<ClauseSpec>,
    /// The questions of the form, in the order the form shows them.
    pub questions: Vec<QuestionSpec>,
    /// Computed facts: named conditions and named numbers over answers and other facts.
    #[serde(default)]
    pub facts: Vec<FactSpec>,
    /// How the form chooses sub-programmes.
    pub selection: SelectionSpec,
    /// The sub-programmes, each with its requirement tree and rate.
    pub subprogrammes: Vec<SubprogrammeSpec>,
    /// Findings raised when a condition holds (cross-checks, warnings, notes).
    #[serde(default)]
    pub checks: Vec<CheckSpec>,
    /// Documents to attach, and when each is required.
    #[serde(default)]
    pub attachments: Option<AttachmentsSpec>,
    /// Tables of the form (経費明細, 様式): their columns, row rules, row figures and sums.
    #[serde(default)]
    pub tables: Vec<TableSpec>,
    /// Computed figures shown in the Report with their formula (補助金額, 上限額, …).
    #[serde(default)]
    pub figures: Vec<FigureSpec>,
    /// Limits between figures and answers: a finding when one is broken.
    #[serde(default)]
    pub limits: Vec<LimitSpec>,
    /// How the application is sent.
    #[serde(default)]
    pub submission: Option<SubmissionSpec>,
    /// Dates and deadlines the Report computes.
    #[serde(default)]
    pub dates: Vec<DateRuleSpec>,
    /// Bounds on date answers.
    #[serde(default)]
    pub date_limits: Vec<DateLimitSpec>,
    /// Clauses deliberately not checked, each with the reason.
    #[cfg(feature = "pack-json")]
    #[serde(default)]
    pub non_goals: Vec<NonGoalSpec>,
    /// How the form is laid out when a page renders it from the pack: its sections, in order.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<FormSpec>,
    /// The official 様式 as files: where each answer, table row and computed figure goes in a
    /// spreadsheet, so an applicant's form can be written out and an officer's file read back.
    // Read with the pack's JSON (`pack-json`): a compiled pack leaves the layouts out, so the
    // checker's wasm module carries no code for them.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentSpec>,
    /// The pack's own example forms with their expected verdicts, findings and figures.
    #[cfg(feature = "pack-json")]
    #[serde(default)]
    pub cases: Vec<CaseSpec>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(PackSpec { schema as "$schema", format, id, title, source,
    fiscal_year, valid_from, valid_until, #[cfg(feature = "pack-json")] clauses, questions, facts,
    selection, subprogrammes, checks, attachments, tables, figures, limits, submission, dates,
    date_limits, #[cfg(feature = "pack-json")] non_goals, #[cfg(feature = "pack-json")] form,
    #[cfg(feature = "pack-json")] documents, #[cfg(feature = "pack-json")] cases });

/// One 様式 as a spreadsheet file (`.xlsx`): its sheets and what goes in each cell.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct DocumentSpec {
    /// Its id (`form_1_4`).
    pub id: String,
    /// Its name (別紙様式1－4 経費内訳書).
    pub title: Message,
    /// The clause that asks for it.
    pub clause: String,
    /// The file's name; `{applicant}` is the applicant's name (from the submission rules'
    /// applicant question), made safe for a file name.
    pub file: String,
    /// Written only when this holds (a 様式 that belongs to one document); always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<NodeSpec>,
    /// Its sheets, in order.
    pub sheets: Vec<SheetSpec>,
    /// Where the layout is a reading (the source gives the 様式's items but not its cells).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(DocumentSpec { id, title, clause, file, when, sheets, reading
    });

/// One sheet of a 様式.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct SheetSpec {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// Single cells: fixed wording, answers, figures, dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<CellSpec>,
    /// Tables: a block of rows, one per row of a table of the form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<SheetTableSpec>,
    /// Column widths in characters (`{"B": 30}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub widths: BTreeMap<String, u16>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(SheetSpec { name, cells, tables, widths });

/// One cell of a sheet: exactly one of `text`, `value`, `figure` or `date`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct CellSpec {
    /// The cell (`B5`).
    pub at: String,
    /// Fixed wording of the 様式 (written; when a file is read back it must be there, or the
    /// file is not this 様式).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A form path (a question, or a field of a table's section): written from the form, read
    /// back into it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A figure's id: its value from the Report (written, not read back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
    /// A computed date's id: the date in 和暦 (written, not read back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Shown as a title or a heading (bold), or as a label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<CellStyle>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(CellSpec { at, text, value, figure, date, style });

/// How a cell is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CellStyle {
    /// The 様式's title (large, bold).
    Title,
    /// A heading (bold).
    Heading,
    /// A label beside an answer.
    Label,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_enum!(CellStyle, Snake { Title, Heading, Label });

/// A table of the form laid out as rows of a sheet.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct SheetTableSpec {
    /// The table's id.
    pub table: String,
    /// The row of the column headings (fixed wording, checked when read back).
    pub header_row: u32,
    /// The first and last sheet rows holding the table's rows (1-based, inclusive).
    pub rows: [u32; 2],
    /// Each column of the table that the 様式 has, by its column letter.
    pub columns: Vec<SheetColumnSpec>,
    /// The row of the computed sums (written from the Report; its first column says 計).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sums_row: Option<u32>,
    /// The row of the typed 計 row of the table (`totals`), written from the form and read back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals_row: Option<u32>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(SheetTableSpec { table, header_row, rows, columns, sums_row,
    totals_row });

/// One column of a sheet table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct SheetColumnSpec {
    /// The column's key in the table.
    pub key: String,
    /// Its letter in the sheet (`C`).
    pub at: String,
    /// Its heading as the 様式 writes it.
    pub heading: String,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(SheetColumnSpec { key, at, heading });

/// How a page lays the form out: sections in order, each with its title, an introduction, and
/// its items. Every question and table appears in exactly one section.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct FormSpec {
    /// The sections, in order.
    pub sections: Vec<SectionSpec>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(FormSpec { sections });

/// A section of the form.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct SectionSpec {
    /// Its id (for the page's anchors).
    pub id: String,
    /// Its heading.
    pub title: Message,
    /// A paragraph under the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Message>,
    /// What it shows, in order: a question's id; `table:ID` (a table with its rows and sums);
    /// `figure:ID` (a figure with its formula); `date:ID` (a computed date); `files` (the files to
    /// send, checked against the submission rules); or a sub-heading `{"heading": …}`.
    pub items: Vec<ItemSpec>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(SectionSpec { id, title, help, items });

/// One item of a section.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ItemSpec {
    /// A reference: a question id, `table:ID`, `figure:ID`, `date:ID` or `files`.
    Ref(String),
    /// A sub-heading with an optional paragraph.
    Heading(HeadingSpec),
}

/// Untagged, as serde writes it: the text of a reference, or a heading's struct.
#[cfg(feature = "pack-json")]
impl crate::pack::decode::Decode for ItemSpec {
    fn read(
        r: &mut crate::pack::binary::Reader<'_>,
        left_out: bool,
    ) -> Result<Self, crate::pack::binary::Damaged> {
        if left_out {
            return Err(r.missing());
        }
        if r.at_text()? {
            return String::read(r, false).map(ItemSpec::Ref);
        }
        HeadingSpec::read(r, false).map(ItemSpec::Heading)
    }
}

/// A sub-heading inside a section.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct HeadingSpec {
    /// The sub-heading.
    pub heading: Message,
    /// A paragraph under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Message>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(HeadingSpec { heading, help });

/// How a question or a column is shown: rendering hints for the widget, with no effect on
/// checking.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct DisplaySpec {
    /// The width of the input (text, amounts, numbers; the widget picks one by type otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<Width>,
    /// Text: a box of this many lines (1 to 20) instead of one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<u8>,
    /// Choice questions: radio buttons or a drop-down list (radios up to five options otherwise);
    /// category columns: `select` for a list of the names (otherwise a list, or text with
    /// suggestions where aliases are accepted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<ChoiceControl>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(DisplaySpec { width, lines, control });

/// The width of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Width {
    /// About 8 characters (a count, a percentage).
    Short,
    /// About 16 characters (an amount, a name).
    Medium,
    /// The whole line (a title, an address).
    Long,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_enum!(Width, Snake { Short, Medium, Long });

/// How a choice is offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChoiceControl {
    /// One radio button per option.
    Radios,
    /// A drop-down list.
    Select,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_enum!(ChoiceControl, Snake { Radios, Select });

/// Where the rules come from.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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

#[rustfmt::skip]
crate::pack::decode::decode_struct!(SourceSpec { title, issuer, document, issued });

/// One clause of the source document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct ClauseSpec {
    /// The clause reference as the document numbers it (`第5 2 (7) ア`).
    pub id: String,
    /// The clause text in Japanese, quoted from the document.
    pub text: String,
    /// An English gloss.
    pub gloss: String,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(ClauseSpec { id, text, gloss });

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
    /// A whole number (a count: employees, years), never negative.
    Integer,
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(AnswerKind, Snake { YesNo, Choice, MultiChoice, Text, Date,
    Amount, Integer });

/// One question of the form.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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
    /// Required only when this holds (instead of `required: true`).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<NodeSpec>,
    /// Asked only when this holds: otherwise the question is not shown, its answer is not read,
    /// and it is never reported as missing or required.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_when: Option<NodeSpec>,
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
    /// How the form shows it (width, lines, radios or a list).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplaySpec>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(QuestionSpec { id, clause, label, kind as "type", options,
    required, #[cfg(feature = "pack-json")] required_when, #[cfg(feature = "pack-json")] asked_when,
    help, reading, scope, unit, max_length, #[cfg(feature = "pack-json")] display });

/// One option of a choice question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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

#[rustfmt::skip]
crate::pack::decode::decode_struct!(OptionSpec { value, label, counts_as, reading });

/// A computed fact: a named condition ("the organisation type is a 法人 type", `when`) or a
/// named number ("the average of three years' employees", `value`) — exactly one of the two.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct FactSpec {
    /// The fact's id.
    pub id: String,
    /// The clause it serves.
    pub clause: String,
    /// What the fact says.
    pub label: Message,
    /// When it holds (a condition).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<NodeSpec>,
    /// Its value (a number or an amount).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ExprSpec>,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(FactSpec { id, clause, label, #[cfg(feature = "pack-json")]
    when, #[cfg(feature = "pack-json")] value, reading });

/// A node of a condition tree: exactly one of `all`, `any`, `not`, `answer`, `fact`, `value`,
/// `rate`, `cell` or `answered`. `answer` alone is a yes/no question; with `in`, a choice; with a
/// comparison (`at_most`, `at_least`, `below`, `above`, `equals`, `between`), a number or an
/// amount. `value` compares any expression.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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
    /// A question: yes/no holds on はい; with `in`, holds when the choice is one of the values;
    /// with a comparison, compares its number or amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The values for `answer` (or `cell`) on a choice or multi-choice.
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    /// A computed fact (a condition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// An expression compared by one of the comparisons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ExprSpec>,
    /// A cell of the table row being checked (table rules only): with `in`, its value is one of
    /// them; with a comparison, compares it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// Holds when the rate that applies is one of these (`"fixed"`, `"none"`, `"1/2"`, …);
    /// unknown while it is undecided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateLeafSpec>,
    /// Holds when this question (or, in a table rule, this cell) is answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<String>,
    /// At most this (≤).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<ExprSpec>,
    /// At least this (≥).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<ExprSpec>,
    /// Below this (<).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<ExprSpec>,
    /// Above this (>).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<ExprSpec>,
    /// Equal to this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<ExprSpec>,
    /// Within these two, both included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub between: Option<Vec<ExprSpec>>,
    /// Agrees with this to the precision it is written in (a stated percentage within one unit of
    /// its last decimal place of the computed one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agrees_with: Option<ExprSpec>,
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

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(NodeSpec { all, any, not, answer, values as "in", fact, value,
    cell, rate, answered, at_most, at_least, below, above, equals, between, agrees_with, clause,
    label, reading });

/// Which rates a `rate` leaf holds for.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct RateLeafSpec {
    /// The sub-programme whose rate counts (the first one chosen when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
    /// The rates it holds for.
    #[serde(rename = "in")]
    pub rates: Vec<String>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(RateLeafSpec { of, rates as "in" });

/// How the form chooses sub-programmes: one question whose options are the sub-programmes.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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

#[rustfmt::skip]
crate::pack::decode::decode_struct!(SelectionSpec { path, clause, label, min, max });

/// Priority adoption (優先的に採択).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct PrioritySpec {
    /// The clause.
    pub clause: String,
    /// What it says.
    pub label: Message,
    /// When it holds.
    #[cfg(feature = "pack-json")]
    pub when: NodeSpec,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(PrioritySpec { clause, label, #[cfg(feature = "pack-json")]
    when });

/// A finding raised whenever `when` holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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
    #[cfg(feature = "pack-json")]
    pub when: NodeSpec,
    /// The message.
    pub message: Message,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(CheckSpec { id, code, severity, clause, path, #[cfg(feature =
    "pack-json")] when, message });

/// The documents to attach.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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

#[rustfmt::skip]
crate::pack::decode::decode_struct!(AttachmentsSpec { path, clause, label, items });

/// One document to attach.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct AttachmentSpec {
    /// The document's id.
    pub id: String,
    /// The clause that asks for it.
    pub clause: String,
    /// Its name.
    pub title: Message,
    /// When it is required (always, when absent).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<NodeSpec>,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(AttachmentSpec { id, clause, title, #[cfg(feature =
    "pack-json")] required_when, reading });

/// A clause deliberately not checked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct NonGoalSpec {
    /// The clause.
    pub clause: String,
    /// Why yoken does not check it.
    pub reason: Message,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(NonGoalSpec { clause, reason });

/// A worked example: a form, a date, and what the engine must say about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(CaseSpec { name, today, form, expect });

/// The expected outcome of a case.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct ExpectSpec {
    /// The overall verdict.
    pub overall: Verdict,
    /// Verdicts per sub-programme.
    #[serde(default)]
    pub verdicts: BTreeMap<String, Verdict>,
    /// Codes that must be among the findings.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Codes that must not be among the findings.
    #[serde(default)]
    pub absent: Vec<String>,
    /// The exact list of missing questions for the overall verdict, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<Vec<String>>,
    /// Figures that must come out exactly so (id → digits, in yen for amounts); `"unknown"` for
    /// one that cannot be computed yet.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub figures: BTreeMap<String, String>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(ExpectSpec { overall, verdicts, codes, absent, missing,
    figures });

/// A cost that may be claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct CategorySpec {
    /// The name as the document writes it (`事務費`).
    pub name: SharedText,
    /// An English gloss.
    pub label_en: String,
    /// The group within a sub-programme (`国内経費` / `国外経費`), where the document has groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<SharedText>,
    /// Other names accepted for it (`消耗品費` is part of 事務費; `国内代理人手数料` of 代理人経費).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The sub-programmes it may be claimed under.
    pub subprogrammes: Vec<String>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(CategorySpec { name, label_en, group, aliases, subprogrammes });

/// Categories that may never be claimed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct ForbiddenCategorySpec {
    /// The names.
    pub names: Vec<String>,
    /// The clause.
    pub clause: String,
    /// Why.
    pub message: Message,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(ForbiddenCategorySpec { names, clause, message });

/// A date computed from answers and fixed dates. Written as JSON, e.g.
/// `{"earliest": [{"months_elapsed": {"from": {"answer": "dates.completion"}, "months": 1}},
///                {"days_before": {"from": "fiscal_year_end", "days": 14}}]}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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

#[rustfmt::skip]
crate::pack::decode::decode_enum!(DateExprSpec, Snake { Answer(_), Fixed(_), FiscalYearStart,
    FiscalYearEnd, MonthsElapsed { from, months }, WithinDaysAfter { from, days }, DaysBefore {
    from, days }, NextYearOn { from, month, day }, Earliest(_) });

/// A date the Report computes and shows: a period's end, a deadline.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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

#[rustfmt::skip]
crate::pack::decode::decode_struct!(DateRuleSpec { id, clause, label, expr, deadline, reading });

/// Bounds on a date answer (e.g. the completion day within 令和7年度).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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

#[rustfmt::skip]
crate::pack::decode::decode_struct!(DateLimitSpec { id, question, clause, not_before, not_after,
    severity, message });

/// How an application is sent (公募要領 第10 3 (6)): by e-mail, attachments not compressed, at
/// most so many bytes per mail, with a set subject that numbers the parts when split.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
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

#[rustfmt::skip]
crate::pack::decode::decode_struct!(SubmissionSpec { clause, applicant_question, subject,
    part_subject, max_mail_bytes, overhead_bytes, archive_extensions, archive_types, body_items,
    reading });

/// A sub-programme with its requirements.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct SubprogrammeSpec {
    /// The sub-programme's id (the value chosen in the selection).
    pub id: String,
    /// The clause that defines it.
    pub clause: String,
    /// Its title.
    pub title: Message,
    /// What an applicant must meet.
    #[cfg(feature = "pack-json")]
    pub requirement: NodeSpec,
    /// When it is adopted with priority (優先的に採択).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PrioritySpec>,
    /// Which subsidy rate applies.
    pub rate: RateSpec,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(SubprogrammeSpec { id, clause, title, #[cfg(feature =
    "pack-json")] requirement, priority, rate });

/// Which subsidy rate (補助率) applies: the first case whose condition holds, else `rate`.
/// A rate is `"fixed"` (定額), `"none"` (the document states none) or a fraction such as
/// `"1/2"`, `"2/3"`, `"10/10"`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct RateSpec {
    /// The clause.
    pub clause: String,
    /// The rate when no case holds.
    #[cfg(feature = "pack-json")]
    pub rate: String,
    /// Other rates and when each applies (特例), first match wins.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<RateCaseSpec>,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(RateSpec { clause, #[cfg(feature = "pack-json")] rate,
    #[cfg(feature = "pack-json")] cases, reading });

/// One conditional rate.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct RateCaseSpec {
    /// When it applies.
    #[cfg(feature = "pack-json")]
    pub when: NodeSpec,
    /// The rate.
    pub rate: String,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(RateCaseSpec { #[cfg(feature = "pack-json")] when, rate });

/// An exact expression over answers, facts, figures and tables. Amounts are exact (yen, no
/// floats); a fraction such as 2/3 stays exact until a `floor` or `round` says how to round it;
/// an expression whose inputs are not all answered is unknown, never 0.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub enum ExprSpec {
    /// A number or amount question's answer.
    Answer(String),
    /// A computed number fact.
    Fact(String),
    /// A computed figure (`figures`).
    Figure(String),
    /// A cell of the row being checked (table rules and row figures only).
    Cell(String),
    /// A figure of the row being checked (`row_figures`, computed before the rules).
    RowFigure(String),
    /// A field of a single-record table (`tax_report.refund`).
    Field(String),
    /// An amount in yen (`"500000"`).
    Yen(String),
    /// An amount in 千円 (`"31270"`).
    ThousandYen(String),
    /// A number (`"20"`, `"12.5"`) or a fraction (`"2/3"`).
    Number(String),
    /// A percentage as a fraction (`"10.95"` is 10.95/100).
    Percent(String),
    /// The sum.
    Sum(Vec<ExprSpec>),
    /// The first minus the second.
    Minus(Vec<ExprSpec>),
    /// The product (an amount times numbers, or numbers).
    Times(Vec<ExprSpec>),
    /// The first divided by the second (unknown when the second is 0).
    Divide(Vec<ExprSpec>),
    /// The least.
    Min(Vec<ExprSpec>),
    /// The greatest.
    Max(Vec<ExprSpec>),
    /// The average.
    Average(Vec<ExprSpec>),
    /// The first that is known.
    FirstKnown(Vec<ExprSpec>),
    /// An amount rounded down to a multiple of `to` yen (`"1"`: to the yen; `"1000"`: to 1,000円).
    Floor(FloorSpec),
    /// A number rounded to `places` decimal places.
    Round(RoundSpec),
    /// The first case whose condition holds, else `otherwise`.
    Choose(ChooseSpec),
    /// The sum of a table's column (or row figure) over its rows, or over the rows a filter picks.
    ColumnSum(ColumnSumSpec),
    /// The rate that applies (1 for 定額; unknown while undecided or when none is stated).
    Rate(RateRefSpec),
    /// Days from one date to another, both counted (両端入れ).
    Days(DaysSpec),
    /// A date, for comparisons.
    Date(DateExprSpec),
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_enum!(ExprSpec, Snake { Answer(_), Fact(_), Figure(_), Cell(_),
    RowFigure(_), Field(_), Yen(_), ThousandYen(_), Number(_), Percent(_), Sum(_), Minus(_),
    Times(_), Divide(_), Min(_), Max(_), Average(_), FirstKnown(_), Floor(_), Round(_), Choose(_),
    ColumnSum(_), Rate(_), Days(_), Date(_) });

/// Rounding an amount down.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct FloorSpec {
    /// The amount.
    pub of: Box<ExprSpec>,
    /// The step in yen: `"1"` (円未満切捨て) or `"1000"` (千円未満切捨て).
    pub to: String,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(FloorSpec { of, to });

/// Rounding a number.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct RoundSpec {
    /// The number.
    pub of: Box<ExprSpec>,
    /// Decimal places kept.
    pub places: u32,
    /// How: `floor`, `half_up` (四捨五入) or `half_even`.
    pub mode: RoundMode,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(RoundSpec { of, places, mode });

/// A rounding mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundMode {
    /// Towards −∞.
    Floor,
    /// Halves away from zero.
    HalfUp,
    /// Halves to the even neighbour.
    HalfEven,
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(RoundMode, Snake { Floor, HalfUp, HalfEven });

/// Conditional values.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct ChooseSpec {
    /// The cases, first match wins.
    pub cases: Vec<ChooseCaseSpec>,
    /// The value when no case holds.
    pub otherwise: Box<ExprSpec>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(ChooseSpec { cases, otherwise });

/// One case of a choice.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct ChooseCaseSpec {
    /// When it applies.
    pub when: NodeSpec,
    /// Its value.
    pub then: ExprSpec,
    /// What the case is called in the formula (特例の名前), when it should be said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Message>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(ChooseCaseSpec { when, then, label });

/// A column's sum.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct ColumnSumSpec {
    /// The table's id.
    pub table: String,
    /// The amount column summed (or `row_figure`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The row figure summed instead of a column (a count of the rows that meet a condition, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_figure: Option<String>,
    /// Only rows of these categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<Vec<String>>,
    /// Only rows of categories other than these.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub except_categories: Option<Vec<String>>,
    /// Only rows of this group (国内経費 / 国外経費).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Only rows counted under this sub-programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subprogramme: Option<String>,
    /// What the sum is called in formulas (the table and column names when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Message>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(ColumnSumSpec { table, column, row_figure, categories,
    except_categories, group, subprogramme, label });

/// Whose rate.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct RateRefSpec {
    /// The sub-programme (the first one chosen when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<String>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(RateRefSpec { of });

/// A count of days.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct DaysSpec {
    /// The first day (counted).
    pub from: DateExprSpec,
    /// The last day (counted).
    pub to: DateExprSpec,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(DaysSpec { from, to });

/// A finding a rule raises: its code (the pack's own), severity, clause and message. A message
/// may use `{value}`, `{limit}`, `{excess}` (a comparison's two sides and how far over), `{word}`
/// (the word a keyword rule found), each written as the figure is shown (`1,234千円`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct FindingSpec {
    /// The code.
    pub code: String,
    /// Its severity.
    pub severity: Severity,
    /// The clause (none for a finding about how a value was written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The message.
    pub message: Message,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(FindingSpec { code, severity, clause, message });

/// A table of the form: rows of cells (`budget.lines[3].amount`), or, without `rows`, one record
/// of fields (`tax_report.refund`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct TableSpec {
    /// The table's id (used by expressions and the Report).
    pub id: String,
    /// The form section holding it: one key (`budget`).
    pub path: String,
    /// The key of the rows array inside the section (`lines`); absent for a single record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<String>,
    /// Its title.
    pub label: Message,
    /// The clause that governs its cells (units, required cells, the number of rows).
    pub clause: String,
    /// Read only when this holds (a condition over answers and facts): otherwise the section is
    /// not shown, not read and not checked, and the Report lists its path under `not_asked`.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_when: Option<NodeSpec>,
    /// The unit its amounts are stated in.
    pub unit: FieldUnit,
    /// The most rows accepted (default 500).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rows: Option<usize>,
    /// The cells of each row (or the fields of the record).
    #[cfg(feature = "pack-json")]
    pub columns: Vec<ColumnSpec>,
    /// Figures computed for each row (row sums, the most a row may claim), before the rules.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub row_figures: Vec<RowFigureSpec>,
    /// Rules checked on each row (or on the record).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleSpec>,
    /// A typed 計 row that must equal the column sums.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<TotalsSpec>,
    /// Typed fields of the section that must equal a column's sum (所要額).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed_sums: Vec<TypedSumSpec>,
    /// A column's sums per sub-programme, in the Report.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotals: Option<SubtotalsSpec>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(TableSpec { id, path, rows, label, clause, #[cfg(feature =
    "pack-json")] asked_when, unit, #[cfg(feature = "pack-json")] max_rows, #[cfg(feature =
    "pack-json")] columns, #[cfg(feature = "pack-json")] row_figures, #[cfg(feature = "pack-json")]
    rules, totals, #[cfg(feature = "pack-json")] typed_sums, #[cfg(feature = "pack-json")] subtotals
    });

/// The kind of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Free text.
    Text,
    /// An amount in the table's unit (or the column's `unit`).
    Amount,
    /// A number (a percentage, a count), decimals allowed.
    Number,
    /// A date in 和暦 or 西暦.
    Date,
    /// One of `options`.
    Choice,
    /// Which chosen sub-programme the row counts under (the only one, when just one is chosen).
    Subprogramme,
    /// A cost category (区分) among `categories`, per sub-programme.
    Category,
    /// The group (国内経費 / 国外経費) a category is claimed under.
    Group,
    /// The consumption-tax remark (別記様式2 注2): 「減額した金額〇〇円」, 「該当なし」 or 「含税額」;
    /// its value is the amount taken off.
    TaxRemark,
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(ColumnKind, Snake { Text, Amount, Number, Date, Choice,
    Subprogramme, Category, Group, TaxRemark });

/// One column (or field).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct ColumnSpec {
    /// The cell's key in a row (`amount`).
    pub key: String,
    /// Its heading.
    pub label: Message,
    /// What it holds.
    pub kind: ColumnKind,
    /// Whether a row that has any cell filled must fill this one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// Required only when this holds (a condition over answers).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_when: Option<NodeSpec>,
    /// The clause that governs the column (the table's when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The finding for a blank required cell, instead of the engine's `budget.cell_required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing: Option<FindingSpec>,
    /// The unit of an amount column, when not the table's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<FieldUnit>,
    /// Amount columns: the amount is per unit (単価), so it is not added up into the table's
    /// sums.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_unit: bool,
    /// Choice columns: the values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ColumnOptionSpec>,
    /// Choice columns: the value of a blank cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Choice columns: values match with width, spaces and 「」 folded.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub loose: bool,
    /// Choice columns: the finding for a value that is not an option (else `answer.unknown_option`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid: Option<FindingSpec>,
    /// Category columns: the categories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub categories: Option<CategoriesSpec>,
    /// Date columns: bounds, each with its finding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bounds: Vec<DateBoundSpec>,
    /// How the form shows the cell (its width; lines for text).
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplaySpec>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(ColumnSpec { key, label, kind, required, #[cfg(feature =
    "pack-json")] required_when, clause, missing, unit, per_unit, options, default, loose, invalid,
    categories, bounds, #[cfg(feature = "pack-json")] display });

/// One option of a choice column.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct ColumnOptionSpec {
    /// The value.
    pub value: String,
    /// How it is shown.
    pub label: Message,
    /// A finding raised for every row with this value (a procurement that needs profit excluded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<FindingSpec>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(ColumnOptionSpec { value, label, finding });

/// The categories of a category column.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct CategoriesSpec {
    /// The costs that may be claimed.
    pub items: Vec<CategorySpec>,
    /// For each sub-programme, the clause that lists its costs.
    pub clauses: BTreeMap<String, String>,
    /// Categories that may never be claimed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden: Vec<ForbiddenCategorySpec>,
    /// The column holding the group, where categories have groups (国内経費 / 国外経費). A
    /// row's sub-programme, for matching its category, is its `subprogramme` column's, or the
    /// one chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_column: Option<String>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(CategoriesSpec { items, clauses, forbidden, group_column });

/// A bound on a date column.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct DateBoundSpec {
    /// The earliest day allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<DateExprSpec>,
    /// The latest day allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_after: Option<DateExprSpec>,
    /// The finding for a date outside (`{value}` and `{limit}` are the two dates in 和暦,
    /// `{value_iso}` and `{limit_iso}` in ISO).
    pub finding: FindingSpec,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(DateBoundSpec { not_before, not_after, finding });

/// A figure computed for each row.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct RowFigureSpec {
    /// Its id (the key in the Report's row figures).
    pub id: String,
    /// What it is.
    pub label: Message,
    /// Computed only when this holds.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<NodeSpec>,
    /// Its value.
    #[cfg(feature = "pack-json")]
    pub value: ExprSpec,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(RowFigureSpec { id, label, #[cfg(feature = "pack-json")] when,
    #[cfg(feature = "pack-json")] value });

/// A rule on each row: raises its finding when `assert` fails (or, without `assert`, when `when`
/// holds; with `words`, for each word of the list found in a text cell).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct RuleSpec {
    /// The rule's id.
    pub id: String,
    /// The cell the finding is shown at.
    pub at: String,
    /// Checked only when this holds.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<NodeSpec>,
    /// What must hold.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assert: Option<NodeSpec>,
    /// Words that, found in a text cell, raise the finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<WordsSpec>,
    /// Raised once per table (at the first row it concerns), not on every row.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub once: bool,
    /// The finding.
    pub finding: FindingSpec,
    /// A note raised once per table while `when` cannot be decided yet (a rate still to choose).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<FindingSpec>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(RuleSpec { id, at, #[cfg(feature = "pack-json")] when,
    #[cfg(feature = "pack-json")] assert, words, once, finding, pending });

/// Words to look for in a text cell.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct WordsSpec {
    /// The text column.
    pub column: String,
    /// The words (matched with width, spaces and 「」 folded).
    pub any: Vec<String>,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(WordsSpec { column, any });

/// A typed 計 row.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct TotalsSpec {
    /// Its key in the section (`totals`).
    pub key: String,
    /// The amount columns it sums.
    pub columns: Vec<String>,
    /// Other keys it may hold (a 備考).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_keys: Vec<String>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(TotalsSpec { key, columns, other_keys });

/// A typed field that must equal a column's sum.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct TypedSumSpec {
    /// Its key in the section (`requested_total`).
    pub key: String,
    /// The column it sums.
    pub column: String,
    /// The clause.
    pub clause: String,
    /// Its label.
    pub label: Message,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(TypedSumSpec { key, column, clause, label });

/// Sums of a column per sub-programme.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct SubtotalsSpec {
    /// The amount column.
    pub column: String,
}

#[cfg(feature = "pack-json")]
#[rustfmt::skip]
crate::pack::decode::decode_struct!(SubtotalsSpec { column });

/// A computed figure, shown in the Report with its formula and the numbers that made it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct FigureSpec {
    /// Its id.
    pub id: String,
    /// What it is (補助金額).
    pub label: Message,
    /// The clause that defines it.
    pub clause: String,
    /// Its value.
    #[cfg(feature = "pack-json")]
    pub value: ExprSpec,
    /// The unit it is shown in (amounts; yen when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<FieldUnit>,
    /// What a number figure is counted in, as shown (`日`, `%`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<Message>,
    /// How a value below zero is said, `{value}` being its size (「上限を{value}超えています」),
    /// instead of a negative number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negative: Option<Message>,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(FigureSpec { id, label, clause, #[cfg(feature = "pack-json")]
    value, unit, suffix, negative, reading });

/// A limit: `assert` must hold whenever `when` does, else the finding is raised at `path`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "pack-json", serde(deny_unknown_fields))]
pub struct LimitSpec {
    /// The limit's id.
    pub id: String,
    /// The form path the finding is shown at.
    pub path: String,
    /// Checked only when this holds.
    #[cfg(feature = "pack-json")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<NodeSpec>,
    /// What must hold (usually one comparison).
    #[cfg(feature = "pack-json")]
    pub assert: NodeSpec,
    /// The finding.
    pub finding: FindingSpec,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(LimitSpec { id, path, #[cfg(feature = "pack-json")] when,
    #[cfg(feature = "pack-json")] assert, finding });
