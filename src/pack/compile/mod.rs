//! Checking a rule pack and turning it into a runnable [`Programme`].
//!
//! A pack is refused, with every problem listed at its place in the file (a JSON path such as
//! `tables[0].rules[2].assert.at_most`), when it has: a wrong format tag, duplicate ids,
//! references to questions, facts, figures, tables, columns, options, clauses or sub-programmes
//! that do not exist, a node that is not exactly one kind, a leaf that does not fit its
//! question's type, arithmetic that mixes kinds (an amount times an amount, an amount compared
//! with a date), an amount figure that is not rounded to the yen by a stated rule, facts that
//! depend on themselves, a key that has no effect where it stands, a code that takes an engine
//! prefix, or a case expecting a code no rule of the pack can produce. (A pack's own example
//! cases are run by the API when it is loaded: running them needs the evaluation, which sits
//! above the pack.)
//!
//! Owns: every check of a pack's meaning and references. Must not know: how a form is evaluated.

mod cases;
mod dates;
mod documents;
mod expr;
mod figures;
mod layout;
mod node;
mod questions;
mod rules;
mod tables;

use super::expr::Kind;
use super::fingerprint::fingerprint;
use super::migrate::migrate;
use super::model::Programme;
use super::spec::{AnswerKind, ColumnKind, PackSpec, QuestionSpec, PACK_FORMAT};
use super::spec_v1::{PackSpecV1, PACK_FORMAT_V1};
use crate::finding::code::Code;
use crate::finding::error::{Error, PackProblem};
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::text::amount_field::FieldUnit;
use crate::text::form_path::FormPath;
use crate::text::iso_date::parse_iso_date;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Reads a pack from JSON text, converting a `yoken-pack/1` pack to the current format. The
/// reader stops at the first problem (with its line and column); the API lists every problem
/// where the JSON Schema of the format is built in.
pub(crate) fn parse(json: &str) -> Result<PackSpec, Error> {
    /// Just the format tag, to choose the reader.
    #[derive(serde::Deserialize)]
    struct Tag {
        #[serde(default)]
        format: Option<String>,
    }
    let tag: Tag = serde_json::from_str(json).map_err(|e| Error::pack_syntax(&e))?;
    if tag.format.as_deref() == Some(PACK_FORMAT_V1) {
        let old: PackSpecV1 = serde_json::from_str(json).map_err(|e| Error::pack_syntax(&e))?;
        return Ok(migrate(old));
    }
    serde_json::from_str(json).map_err(|e| Error::pack_syntax(&e))
}

/// Reads and checks a pack from JSON text (its example cases are not run here).
pub(crate) fn compile(json: &str) -> Result<Programme, Error> {
    compile_spec(parse(json)?)
}

/// Checks a parsed pack.
pub(crate) fn compile_spec(spec: PackSpec) -> Result<Programme, Error> {
    Compiler::new(&spec).compile(spec)
}

/// Whether `s` is a question id: a form path of `[a-z0-9_]` keys.
fn is_question_id(s: &str) -> bool {
    FormPath::parse(s).is_some_and(|p| p.is_question_id())
}

/// Whether `s` is an id: lowercase letters, digits, hyphens and underscores.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// What an expression may read where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scope {
    /// Rates (`rate`): everywhere but facts, requirements, priorities, rate cases and
    /// `asked_when` (rates are decided from those).
    rates: bool,
    /// A table row: the table (cells, row figures).
    table: Option<usize>,
    /// How many of the table's row figures come before (only those may be read).
    row_figures: usize,
    /// Figures, limits: column sums, record fields and the figures before this many.
    tail: Option<usize>,
}

impl Scope {
    /// Answers and facts only.
    pub(super) const ANSWERS: Scope = Scope {
        rates: false,
        table: None,
        row_figures: 0,
        tail: None,
    };
    /// Answers, facts and rates (checks, attachment rules, required questions).
    pub(super) const RULES: Scope = Scope {
        rates: true,
        table: None,
        row_figures: 0,
        tail: None,
    };

    /// A row of table `table`, after `row_figures` of its row figures.
    pub(super) fn row(table: usize, row_figures: usize) -> Scope {
        Scope {
            rates: true,
            table: Some(table),
            row_figures,
            tail: None,
        }
    }

    /// Figures and limits, after `figures` figures.
    pub(super) fn tail(figures: usize) -> Scope {
        Scope {
            rates: true,
            table: None,
            row_figures: 0,
            tail: Some(figures),
        }
    }
}

/// A table as expressions see it (known before any rule is compiled).
#[derive(Debug, Clone)]
pub(super) struct TableShape {
    id: String,
    path: String,
    record: bool,
    /// Column key, kind, unit, label.
    columns: Vec<(String, ColumnKind, FieldUnit, Message)>,
    /// Per column: its option values (choice columns).
    options: Vec<Vec<String>>,
    /// The keys of the section besides the columns (rows, 計 row, typed sums).
    keys: Vec<String>,
    /// Row figure id, kind, unit, label (filled as they are compiled).
    row_figures: Vec<(String, Kind, FieldUnit, Message)>,
    /// Categories named by the category column (for filters).
    categories: HashSet<String>,
    /// Groups named by the category column.
    groups: HashSet<String>,
}

/// A value fact's kind, once compiled.
#[derive(Debug, Clone, Copy)]
pub(super) struct ValueKind {
    kind: Kind,
    unit: FieldUnit,
    whole: bool,
}

/// Checks a pack part by part, collecting every problem.
pub(super) struct Compiler {
    problems: Vec<PackProblem>,
    clauses: HashSet<String>,
    questions: Vec<QuestionSpec>,
    index: HashMap<String, usize>,
    /// Fact id → (index, clause, label, whether a condition).
    facts: HashMap<String, (usize, String, Message, bool)>,
    /// Value facts' kinds, by index (set as facts are compiled in dependency order).
    fact_kinds: Vec<Option<ValueKind>>,
    subprogrammes: Vec<String>,
    tables: Vec<TableShape>,
    /// Figure id, kind, unit, label, in pack order.
    figures: Vec<(String, Kind, FieldUnit, Message)>,
    /// Every code a rule of the pack can raise.
    codes: BTreeSet<String>,
}

impl Compiler {
    fn new(spec: &PackSpec) -> Self {
        Self {
            problems: Vec::new(),
            clauses: HashSet::new(),
            questions: Vec::new(),
            index: HashMap::new(),
            facts: spec
                .facts
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let condition = f.when.is_some();
                    (
                        f.id.clone(),
                        (i, f.clause.clone(), f.label.clone(), condition),
                    )
                })
                .collect(),
            fact_kinds: vec![None; spec.facts.len()],
            subprogrammes: spec.subprogrammes.iter().map(|s| s.id.clone()).collect(),
            tables: Vec::new(),
            figures: Vec::new(),
            codes: BTreeSet::new(),
        }
    }

    pub(super) fn problem(
        &mut self,
        at: impl Into<String>,
        ja: impl Into<SharedText>,
        en: impl Into<SharedText>,
    ) {
        self.problems.push(PackProblem {
            at: at.into(),
            message: Message::new(ja, en),
        });
    }

    pub(super) fn clause(&mut self, at: &str, clause: &str) {
        if !self.clauses.contains(clause) {
            self.problem(
                at,
                format!("条項「{clause}」が clauses にありません。"),
                format!("clause \"{clause}\" is not in `clauses`"),
            );
        }
    }

    /// A key that has no effect where it stands.
    pub(super) fn no_effect(&mut self, at: &str, why_ja: &str, why_en: &str) {
        self.problem(
            at,
            format!("ここでは効果がありません：{why_ja}"),
            format!("has no effect here: {why_en}"),
        );
    }

    /// A question's index and type.
    pub(super) fn question(&self, id: &str) -> Option<(usize, AnswerKind)> {
        let &i = self.index.get(id)?;
        Some((i, self.questions[i].kind))
    }

    /// A question's unit (amount questions).
    pub(super) fn question_unit(&self, index: usize) -> Option<FieldUnit> {
        self.questions.get(index)?.unit
    }

    /// Whether some question's path lies under `segment`.
    pub(super) fn has_question_under(&self, segment: &str) -> bool {
        self.index
            .keys()
            .any(|k| k == segment || k.starts_with(&format!("{segment}.")))
    }

    /// The index of a sub-programme by id, or a problem.
    pub(super) fn subprogramme(&mut self, at: &str, id: &str) -> Option<usize> {
        let found = self.subprogrammes.iter().position(|s| s == id);
        if found.is_none() {
            self.problem(
                at,
                format!("「{id}」は subprogrammes にありません。"),
                format!("\"{id}\" is not a sub-programme"),
            );
        }
        found
    }

    fn compile(mut self, spec: PackSpec) -> Result<Programme, Error> {
        if spec.format != PACK_FORMAT {
            self.problem(
                "format",
                format!("format は \"{PACK_FORMAT}\" でなければなりません。"),
                format!("format must be \"{PACK_FORMAT}\" (got \"{}\")", spec.format),
            );
        }
        if !is_id(&spec.id) {
            self.problem(
                "id",
                "id は英小文字・数字・ハイフン・アンダースコアで書いてください。",
                "id must be lowercase letters, digits, hyphens and underscores",
            );
        }
        let valid_from = self.date("valid_from", &spec.valid_from);
        let valid_until = self.date("valid_until", &spec.valid_until);
        if valid_from > valid_until {
            self.problem(
                "valid_until",
                "valid_until が valid_from より前です。",
                "valid_until is before valid_from",
            );
        }
        self.collect_clauses(&spec);
        self.collect_questions(&spec);
        self.collect_tables(&spec);
        let facts = self.compile_facts(&spec);
        let fact_order = self.fact_order(&spec);
        let question_rules = self.compile_question_rules(&spec, &facts);
        let subprogrammes = self.compile_subprogrammes(&spec);
        let checks = self.compile_checks(&spec);
        let attachments = self.compile_attachments(&spec);
        let tables = self.compile_tables(&spec, &facts);
        let figures = self.compile_figures(&spec);
        let limits = self.compile_limits(&spec);
        self.compile_forms(&spec);
        self.compile_dates(&spec);
        for (i, ng) in spec.non_goals.iter().enumerate() {
            self.clause(&format!("non_goals[{i}].clause"), &ng.clause);
        }
        self.compile_cases(&spec);
        self.compile_layout(&spec);
        self.compile_display(&spec);
        let document_when = self.compile_documents(&spec, &tables);
        let counts_as = self.counts_as_closure();
        if !self.problems.is_empty() {
            return Err(Error::pack_refused(self.problems));
        }
        let selection_question = self.index.get(&spec.selection.path).copied().unwrap_or(0);
        let attachments_question = spec
            .attachments
            .as_ref()
            .and_then(|a| self.index.get(&a.path).copied());
        let mut sections: Vec<String> = Vec::new();
        for t in &spec.tables {
            if !sections.contains(&t.path) {
                sections.push(t.path.clone());
            }
        }
        let groups = self
            .questions
            .iter()
            .flat_map(|q| {
                q.id.match_indices('.')
                    .map(|(i, _)| q.id[..i].to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        let question_ids = self
            .questions
            .iter()
            .map(|q| Arc::from(q.id.as_str()))
            .collect();
        // Every id was checked to be a question id above, so each parses.
        let question_paths = self
            .questions
            .iter()
            .filter_map(|q| FormPath::parse(&q.id))
            .collect();
        // The pack's version for drafts.
        let version = fingerprint(serde_json::to_string(&spec).unwrap_or_default().as_bytes());
        let mut programme = Programme {
            info_json: String::new(),
            reference: std::sync::OnceLock::new(),
            tail_questions: std::sync::OnceLock::new(),
            #[cfg(not(target_arch = "wasm32"))]
            hashed_index: std::sync::OnceLock::new(),
            document_when,
            version,
            spec,
            question_ids,
            question_paths,
            groups,
            questions: self.questions,
            question_rules,
            index: {
                let mut index: Vec<(String, usize)> = self.index.into_iter().collect();
                index.sort_unstable();
                index
            },
            facts,
            fact_order,
            subprogrammes,
            checks,
            attachments,
            tables,
            figures,
            limits,
            selection_question,
            attachments_question,
            valid_from,
            valid_until,
            sections,
            counts_as,
        };
        programme.info_json = serde_json::to_string(&programme.info()).unwrap_or_default();
        Ok(programme)
    }

    fn date(&mut self, at: &str, text: &str) -> NaiveDate {
        parse_iso_date(text).unwrap_or_else(|| {
            self.problem(
                at,
                format!("{at} は YYYY-MM-DD 形式の日付にしてください。"),
                format!("{at} must be a YYYY-MM-DD date"),
            );
            NaiveDate::MIN
        })
    }

    fn collect_clauses(&mut self, spec: &PackSpec) {
        for (i, c) in spec.clauses.iter().enumerate() {
            if c.id.trim().is_empty() || c.text.trim().is_empty() || c.gloss.trim().is_empty() {
                self.problem(
                    format!("clauses[{i}]"),
                    "条項には id・本文（text）・英訳（gloss）が必要です。",
                    "a clause needs an id, its text and an English gloss",
                );
            }
            if !self.clauses.insert(c.id.clone()) {
                self.problem(
                    format!("clauses[{i}].id"),
                    format!("条項「{}」が重複しています。", c.id),
                    format!("duplicate clause id \"{}\"", c.id),
                );
            }
        }
    }

    /// A pack's own diagnostic code: well formed, not an engine code, not under an engine
    /// prefix other than the shared `budget.`, `deadline.` and `period.`; remembered as one the
    /// pack can raise.
    pub(super) fn pack_code(&mut self, at: &str, code: &str) {
        let ok = !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        let engine = Code::ALL.iter().any(|c| c.as_str() == code);
        let reserved = Code::prefixes()
            .iter()
            .filter(|p| !SHARED_PREFIXES.contains(p))
            .any(|p| code.starts_with(p));
        if !ok || engine || reserved {
            self.problem(at, format!("コード「{code}」は使えません（英小文字・数字・._- のみ。エンジンのコードや接頭辞は不可。budget.・deadline.・period. は可）。"), format!("code \"{code}\" is malformed, an engine code, or takes an engine prefix (budget., deadline. and period. may be shared)"));
        }
        self.codes.insert(code.to_owned());
    }
}

/// Engine prefixes a pack's own codes may share.
const SHARED_PREFIXES: [&str; 3] = ["budget.", "deadline.", "period."];
