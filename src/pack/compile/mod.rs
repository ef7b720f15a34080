//! Checking a rule pack and turning it into a runnable [`Programme`].
//!
//! A pack is refused, with every problem listed at its place in the file, when it has: unknown
//! keys, a wrong format tag, duplicate ids, references to questions, facts, options, clauses or
//! sub-programmes that do not exist, a node that is not exactly one of all/any/not/answer/fact,
//! a leaf that does not fit its question's type, facts that depend on themselves, or a code that
//! takes an engine prefix. (A pack's own example cases are run by the API when it is loaded:
//! running them needs the evaluation, which sits above the pack.)
//!
//! Owns: every check of a pack's shape and references. Must not know: how a form is evaluated.

mod budget;
mod dates;
mod node;
mod questions;
mod rules;

use super::model::Programme;
use super::spec::{AnswerKind, PackSpec, QuestionSpec, PACK_FORMAT};
use crate::finding::error::{Error, PackProblem};
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::text::amount_field::FieldUnit;
use crate::text::form_path::FormPath;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Reads and checks a pack from JSON text (its example cases are not run here).
pub(crate) fn compile(json: &str) -> Result<Programme, Error> {
    let spec: PackSpec = serde_json::from_str(json).map_err(|e| Error::pack_syntax(&e))?;
    compile_spec(spec)
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

/// Checks a pack part by part, collecting every problem.
pub(super) struct Compiler {
    problems: Vec<PackProblem>,
    clauses: HashSet<String>,
    questions: Vec<QuestionSpec>,
    index: HashMap<String, usize>,
    /// Fact id → (index, clause, label).
    facts: HashMap<String, (usize, String, Message)>,
    subprogrammes: HashSet<String>,
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
                .map(|(i, f)| (f.id.clone(), (i, f.clause.clone(), f.label.clone())))
                .collect(),
            subprogrammes: spec.subprogrammes.iter().map(|s| s.id.clone()).collect(),
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
        let facts = self.compile_facts(&spec);
        let fact_order = self.fact_order(&facts);
        let subprogrammes = self.compile_subprogrammes(&spec);
        let checks = self.compile_checks(&spec);
        let attachments = self.compile_attachments(&spec);
        let budget = self.compile_budget(&spec);
        self.compile_forms(&spec);
        self.compile_dates(&spec);
        for (i, ng) in spec.non_goals.iter().enumerate() {
            self.clause(&format!("non_goals[{i}].clause"), &ng.clause);
        }
        let counts_as = self.counts_as_closure();
        if !self.problems.is_empty() {
            return Err(Error::pack_refused(self.problems));
        }
        let selection_question = self.index.get(&spec.selection.path).copied().unwrap_or(0);
        let attachments_question = spec
            .attachments
            .as_ref()
            .and_then(|a| self.index.get(&a.path).copied());
        let sections = [
            spec.budget.as_ref().map(|b| b.path.clone()),
            spec.tax_report.as_ref().map(|t| t.path.clone()),
            spec.advance_payment.as_ref().map(|a| a.path.clone()),
        ]
        .into_iter()
        .flatten()
        .collect();
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
        Ok(Programme {
            spec,
            question_ids,
            question_paths,
            groups,
            questions: self.questions,
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
            selection_question,
            attachments_question,
            valid_from,
            valid_until,
            sections,
            budget,
            counts_as,
        })
    }

    fn date(&mut self, at: &str, text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| {
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
}
