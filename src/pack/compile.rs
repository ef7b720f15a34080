//! Checking a rule pack and turning it into a runnable [`Programme`].
//!
//! A pack is refused, with every problem listed at its place in the file, when it has: unknown
//! keys, a wrong format tag, duplicate ids, references to questions, facts, options, clauses or
//! sub-programmes that do not exist, a node that is not exactly one of all/any/not/answer/fact,
//! a leaf that does not fit its question's type, facts that depend on themselves, a code that
//! takes an engine prefix, or example cases whose verdicts or findings do not match.

use super::spec::{
    AnswerKind, AttachmentSpec, CheckSpec, NodeSpec, OptionSpec, PackSpec, QuestionSpec, RateSpec,
    SubprogrammeSpec, PACK_FORMAT,
};
use crate::logic::{Node, NodeKind};
use crate::message::Message;
use chrono::NaiveDate;
use core::fmt;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Diagnostic code prefixes the engine owns; a pack's own codes must use others.
pub const ENGINE_CODE_PREFIXES: [&str; 15] = [
    "number.",
    "date.",
    "money.",
    "amount.",
    "answer.",
    "form.",
    "requirement.",
    "attachment.",
    "budget.",
    "deadline.",
    "period.",
    "pack.",
    "submission.",
    "internal.",
    "programme.",
];

/// One problem found in a pack, at a place in the file (`questions[3].clause`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PackProblem {
    /// Where in the pack.
    pub at: String,
    /// What is wrong.
    pub message: Message,
}

/// Why a pack cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackError {
    /// Not JSON, or keys/values of the wrong shape (serde's message names the key and line).
    Syntax(String),
    /// Read, but refused: every problem found.
    Invalid(Vec<PackProblem>),
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackError::Syntax(e) => {
                write!(f, "the rule pack is not valid JSON of the pack format: {e}")
            }
            PackError::Invalid(problems) => {
                writeln!(f, "the rule pack has {} problem(s):", problems.len())?;
                for p in problems {
                    writeln!(f, "  {}: {} / {}", p.at, p.message.en, p.message.ja)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for PackError {}

/// A fact ready to evaluate.
#[derive(Debug, Clone)]
pub struct Fact {
    /// Its id.
    pub id: String,
    /// Its tree.
    pub node: Node,
}

/// A sub-programme ready to evaluate.
#[derive(Debug, Clone)]
pub struct Subprogramme {
    /// As written in the pack.
    pub spec: SubprogrammeSpec,
    /// Its requirement tree.
    pub requirement: Node,
    /// Its priority tree.
    pub priority: Option<Node>,
    /// When its rate is 定額.
    pub fixed_when: Option<Node>,
}

/// A check ready to evaluate.
#[derive(Debug, Clone)]
pub struct Check {
    /// As written.
    pub spec: CheckSpec,
    /// When it fires.
    pub when: Node,
}

/// An attachment rule ready to evaluate.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// As written.
    pub spec: AttachmentSpec,
    /// When it is required (always when `None`).
    pub required_when: Option<Node>,
}

/// A checked, runnable rule pack.
#[derive(Debug, Clone)]
pub struct Programme {
    /// The pack as written.
    pub spec: PackSpec,
    /// Every question: the selection, the pack's own questions, then the attachment list.
    pub questions: Vec<QuestionSpec>,
    /// The questions' ids (form paths), shared with the traces that name them.
    pub question_ids: Vec<Arc<str>>,
    /// Every proper prefix of a question id (`applicant`, `budget`): the form's groups.
    groups: HashSet<String>,
    /// Question id → index, sorted by id (a binary search: no hashing of untrusted paths).
    index: Vec<(String, usize)>,
    /// Facts, by their index in the pack.
    pub facts: Vec<Fact>,
    /// The order to evaluate facts in (dependencies first).
    pub fact_order: Vec<usize>,
    /// The sub-programmes.
    pub subprogrammes: Vec<Subprogramme>,
    /// The checks.
    pub checks: Vec<Check>,
    /// The attachment rules.
    pub attachments: Vec<Attachment>,
    /// The index of the selection question.
    pub selection_question: usize,
    /// The index of the attachments question.
    pub attachments_question: Option<usize>,
    /// First day the pack applies.
    pub valid_from: NaiveDate,
    /// Last day the pack applies.
    pub valid_until: NaiveDate,
    /// Top-level form sections read by budget rules (`budget`, `tax_report`, `advance`).
    pub sections: Vec<String>,
    /// The budget rules.
    pub budget: Option<crate::budget::Budget>,
    /// For each (question, option value): the option values it counts as, itself included.
    counts_as: HashMap<(usize, String), Vec<String>>,
}

impl Programme {
    /// Reads and checks a pack from JSON text, running its example cases.
    pub fn from_json(json: &str) -> Result<Self, PackError> {
        Self::from_json_with(json, true)
    }

    /// Reads and checks a pack; `run_cases` false skips the example cases (for packs built into
    /// yoken, whose cases the test suite runs).
    pub fn from_json_with(json: &str, run_cases: bool) -> Result<Self, PackError> {
        let spec: PackSpec =
            serde_json::from_str(json).map_err(|e| PackError::Syntax(e.to_string()))?;
        Self::from_spec(spec, run_cases)
    }

    /// Checks a parsed pack.
    pub fn from_spec(spec: PackSpec, run_cases: bool) -> Result<Self, PackError> {
        let programme = Compiler::new(&spec).compile(spec)?;
        if run_cases {
            let problems = crate::engine::case_problems(&programme);
            if !problems.is_empty() {
                return Err(PackError::Invalid(problems));
            }
        }
        Ok(programme)
    }

    /// The programme id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// The index of a question by id (= form path).
    #[must_use]
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.index
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()
            .map(|i| self.index[i].1)
    }

    /// The option values `value` counts as for question `q` (itself first).
    #[must_use]
    pub fn counts_as(&self, q: usize, value: &str) -> Option<&[String]> {
        self.counts_as
            .get(&(q, value.to_owned()))
            .map(Vec::as_slice)
    }

    /// Every clause a rule of this pack cites: questions, requirement trees, facts, priorities,
    /// rates, checks and attachments (not the clause table itself, nor non-goals).
    #[must_use]
    pub fn rule_clauses(&self) -> BTreeSet<String> {
        fn walk(node: &Node, out: &mut BTreeSet<String>) {
            out.insert(node.clause.to_string());
            match &node.kind {
                NodeKind::All(ns) | NodeKind::Any(ns) => {
                    for n in ns {
                        walk(n, out);
                    }
                }
                NodeKind::Not(n) => walk(n, out),
                NodeKind::Answer { .. } | NodeKind::Fact(_) => {}
            }
        }
        let mut out = BTreeSet::new();
        for q in &self.questions {
            out.insert(q.clause.clone());
        }
        for f in &self.facts {
            walk(&f.node, &mut out);
        }
        for s in &self.subprogrammes {
            out.insert(s.spec.clause.clone());
            out.insert(s.spec.rate.clause.clone());
            walk(&s.requirement, &mut out);
            for n in s.priority.iter().chain(&s.fixed_when) {
                walk(n, &mut out);
            }
        }
        for c in &self.checks {
            out.insert(c.spec.clause.clone());
            walk(&c.when, &mut out);
        }
        for a in &self.attachments {
            out.insert(a.spec.clause.clone());
            if let Some(n) = &a.required_when {
                walk(n, &mut out);
            }
        }
        if let Some(b) = &self.budget {
            let s = &b.spec;
            out.insert(s.unit_clause.clone());
            out.extend(s.category_clauses.values().cloned());
            out.extend(s.forbidden_categories.iter().map(|f| f.clause.clone()));
            out.extend(s.exclusions.iter().map(|e| e.clause.clone()));
            out.extend(s.cap.iter().map(|c| c.clause.clone()));
            out.extend(s.total_field.iter().map(|t| t.clause.clone()));
            out.extend(s.notes.iter().map(|n| n.clause.clone()));
            out.extend(s.procurement.iter().map(|p| p.clause.clone()));
            if let Some(p) = &s.period {
                out.insert(p.clause.clone());
                out.insert(p.before_start_clause.clone());
            }
            out.extend(s.tax_remark.iter().map(|t| t.clause.clone()));
        }
        out.extend(self.spec.submission.iter().map(|s| s.clause.clone()));
        out.extend(self.spec.dates.iter().map(|d| d.clause.clone()));
        out.extend(self.spec.date_limits.iter().map(|d| d.clause.clone()));
        out.extend(self.spec.additional_charge.iter().map(|c| c.clause.clone()));
        out.extend(self.spec.tax_report.iter().map(|t| t.clause.clone()));
        out.extend(self.spec.advance_payment.iter().map(|a| a.clause.clone()));
        out
    }

    /// Whether a form path is a group of questions (`applicant` for `applicant.name`).
    #[must_use]
    pub fn is_group(&self, path: &str) -> bool {
        self.groups.contains(path)
    }

    /// Whether a form path belongs to a section that budget or date rules read themselves.
    #[must_use]
    pub fn owns_section(&self, path: &str) -> bool {
        self.sections.iter().any(|s| s == path)
    }

    /// Where a path sorts in the form: its question's position, then sections in pack order.
    #[must_use]
    pub fn path_rank(&self, path: &str) -> usize {
        if let Some(i) = self.question_index(path) {
            return i;
        }
        let end = path
            .bytes()
            .position(|b| b == b'.' || b == b'[')
            .unwrap_or(path.len());
        let root = path.get(..end).unwrap_or(path);
        self.sections
            .iter()
            .position(|s| s == root)
            .map_or(usize::MAX, |i| self.questions.len() + i)
    }

    /// The option of question `q` with this value.
    #[must_use]
    pub fn option(&self, q: usize, value: &str) -> Option<&OptionSpec> {
        self.questions
            .get(q)?
            .options
            .iter()
            .find(|o| o.value == value)
    }
}

/// Whether `s` is a form path: dot-separated segments of `[a-z0-9_]`.
#[must_use]
pub fn is_form_path(s: &str) -> bool {
    !s.is_empty()
        && s.split('.').all(|seg| {
            !seg.is_empty()
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

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
        ja: impl Into<crate::text::SharedText>,
        en: impl Into<crate::text::SharedText>,
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
    pub(super) fn question_unit(&self, index: usize) -> Option<crate::amount_field::FieldUnit> {
        self.questions.get(index)?.unit
    }

    /// Whether some question's path lies under `segment`.
    pub(super) fn has_question_under(&self, segment: &str) -> bool {
        self.index
            .keys()
            .any(|k| k == segment || k.starts_with(&format!("{segment}.")))
    }

    fn compile(mut self, spec: PackSpec) -> Result<Programme, PackError> {
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
                "id は英小文字・数字・ハイフンで書いてください。",
                "id must be lowercase letters, digits and hyphens",
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
            return Err(PackError::Invalid(self.problems));
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
        Ok(Programme {
            spec,
            question_ids,
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

    fn add_question(&mut self, at: &str, q: QuestionSpec) {
        if !is_form_path(&q.id) {
            self.problem(
                format!("{at}.id"),
                format!(
                    "「{}」はフォームのパス（英小文字・数字・_ をドットでつなぐ）ではありません。",
                    q.id
                ),
                format!(
                    "\"{}\" is not a form path (dot-separated [a-z0-9_] segments)",
                    q.id
                ),
            );
        }
        let clash = self
            .index
            .keys()
            .find(|other| {
                other.starts_with(&format!("{}.", q.id)) || q.id.starts_with(&format!("{other}."))
            })
            .cloned();
        if let Some(other) = clash {
            self.problem(
                format!("{at}.id"),
                format!("「{}」と「{other}」は一方が他方の中に入るパスです。", q.id),
                format!("\"{}\" and \"{other}\" nest inside each other", q.id),
            );
        }
        if self.index.contains_key(&q.id) {
            self.problem(
                format!("{at}.id"),
                format!("質問「{}」が重複しています。", q.id),
                format!("duplicate question id \"{}\"", q.id),
            );
        }
        self.clause(&format!("{at}.clause"), &q.clause);
        let has_options = matches!(q.kind, AnswerKind::Choice | AnswerKind::MultiChoice);
        if has_options && q.options.is_empty() {
            self.problem(
                format!("{at}.options"),
                "選択式の質問には options が必要です。",
                "a choice question needs options",
            );
        }
        if !has_options && !q.options.is_empty() {
            self.problem(
                format!("{at}.options"),
                "options は選択式の質問にだけ書けます。",
                "only choice questions take options",
            );
        }
        let mut seen = HashSet::new();
        for (j, o) in q.options.iter().enumerate() {
            if !seen.insert(o.value.as_str()) {
                self.problem(
                    format!("{at}.options[{j}].value"),
                    format!("選択肢「{}」が重複しています。", o.value),
                    format!("duplicate option \"{}\"", o.value),
                );
            }
        }
        for (j, o) in q.options.iter().enumerate() {
            for target in &o.counts_as {
                if target == &o.value || !q.options.iter().any(|x| &x.value == target) {
                    self.problem(
                        format!("{at}.options[{j}].counts_as"),
                        format!("counts_as の「{target}」はこの質問の別の選択肢ではありません。"),
                        format!("counts_as \"{target}\" is not another option of this question"),
                    );
                }
            }
        }
        if (q.kind == AnswerKind::Amount) != q.unit.is_some() {
            self.problem(
                format!("{at}.unit"),
                "unit は金額の質問にだけ、必ず書きます。",
                "amount questions need a unit, and only they take one",
            );
        }
        if q.max_length.is_some() && q.kind != AnswerKind::Text {
            self.problem(
                format!("{at}.max_length"),
                "max_length は文字の質問にだけ書けます。",
                "only text questions take max_length",
            );
        }
        for s in q.scope.iter().flatten() {
            if !self.subprogrammes.contains(s) {
                self.problem(
                    format!("{at}.scope"),
                    format!("scope の「{s}」は subprogrammes にありません。"),
                    format!("scope \"{s}\" is not a sub-programme"),
                );
            }
        }
        self.index.insert(q.id.clone(), self.questions.len());
        self.questions.push(q);
    }

    /// The selection question first (the form starts by choosing sub-programmes), then the
    /// pack's questions, then the attachment list.
    fn collect_questions(&mut self, spec: &PackSpec) {
        let sel = &spec.selection;
        if sel.min > sel.max || sel.max == 0 || sel.max > spec.subprogrammes.len() {
            self.problem(
                "selection",
                "selection の min・max が事業区分の数と合いません。",
                "selection min/max do not fit the number of sub-programmes",
            );
        }
        let options: Vec<OptionSpec> = spec
            .subprogrammes
            .iter()
            .map(|s| OptionSpec {
                value: s.id.clone(),
                label: s.title.clone(),
                counts_as: Vec::new(),
                reading: None,
            })
            .collect();
        self.add_question(
            "selection",
            QuestionSpec {
                id: sel.path.clone(),
                clause: sel.clause.clone(),
                label: sel.label.clone(),
                kind: if sel.max == 1 {
                    AnswerKind::Choice
                } else {
                    AnswerKind::MultiChoice
                },
                options,
                required: true,
                help: None,
                reading: None,
                scope: None,
                unit: None,
                max_length: None,
            },
        );
        for (i, q) in spec.questions.iter().enumerate() {
            self.add_question(&format!("questions[{i}]"), q.clone());
        }
        if let Some(att) = &spec.attachments {
            let options = att
                .items
                .iter()
                .map(|a| OptionSpec {
                    value: a.id.clone(),
                    label: a.title.clone(),
                    counts_as: Vec::new(),
                    reading: a.reading.clone(),
                })
                .collect();
            self.add_question(
                "attachments",
                QuestionSpec {
                    id: att.path.clone(),
                    clause: att.clause.clone(),
                    label: att.label.clone(),
                    kind: AnswerKind::MultiChoice,
                    options,
                    required: false,
                    help: None,
                    reading: None,
                    scope: None,
                    unit: None,
                    max_length: None,
                },
            );
        }
    }

    fn compile_facts(&mut self, spec: &PackSpec) -> Vec<Fact> {
        let mut seen = HashSet::new();
        let mut facts = Vec::new();
        for (i, f) in spec.facts.iter().enumerate() {
            let at = format!("facts[{i}]");
            if !seen.insert(f.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("事実「{}」が重複しています。", f.id),
                    format!("duplicate fact id \"{}\"", f.id),
                );
            }
            self.clause(&format!("{at}.clause"), &f.clause);
            let mut node = self.node(&format!("{at}.when"), &f.when, &f.clause);
            node.label = Arc::new(f.label.clone());
            node.reading = f.reading.clone().map(Arc::new).or(node.reading);
            facts.push(Fact {
                id: f.id.clone(),
                node,
            });
        }
        facts
    }

    /// Dependencies first; a cycle is a problem.
    fn fact_order(&mut self, facts: &[Fact]) -> Vec<usize> {
        /// Depth-first: 0 = unvisited, 1 = on the stack, 2 = done.
        fn visit(
            i: usize,
            facts: &[Fact],
            state: &mut [u8],
            order: &mut Vec<usize>,
            cyclic: &mut Vec<usize>,
        ) {
            match state.get(i) {
                Some(1) => {
                    cyclic.push(i);
                    return;
                }
                Some(0) => {}
                _ => return,
            }
            state[i] = 1;
            let mut d = Vec::new();
            dependencies(&facts[i].node, &mut d);
            for j in d {
                visit(j, facts, state, order, cyclic);
            }
            state[i] = 2;
            order.push(i);
        }
        fn dependencies(node: &Node, out: &mut Vec<usize>) {
            match &node.kind {
                NodeKind::All(ns) | NodeKind::Any(ns) => {
                    for n in ns {
                        dependencies(n, out);
                    }
                }
                NodeKind::Not(n) => dependencies(n, out),
                NodeKind::Fact(f) => out.push(*f),
                NodeKind::Answer { .. } => {}
            }
        }
        let mut state = vec![0u8; facts.len()];
        let mut order = Vec::with_capacity(facts.len());
        let mut cyclic = Vec::new();
        for i in 0..facts.len() {
            visit(i, facts, &mut state, &mut order, &mut cyclic);
        }
        for i in cyclic {
            self.problem(
                format!("facts[{i}]"),
                format!("事実「{}」が自分自身に依存しています。", facts[i].id),
                format!("fact \"{}\" depends on itself", facts[i].id),
            );
        }
        order
    }

    fn compile_subprogrammes(&mut self, spec: &PackSpec) -> Vec<Subprogramme> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, s) in spec.subprogrammes.iter().enumerate() {
            let at = format!("subprogrammes[{i}]");
            if !is_id(&s.id) || !seen.insert(s.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("事業区分 id「{}」が不正か重複しています。", s.id),
                    format!("sub-programme id \"{}\" is malformed or duplicated", s.id),
                );
            }
            self.clause(&format!("{at}.clause"), &s.clause);
            let requirement = self.node(&format!("{at}.requirement"), &s.requirement, &s.clause);
            let priority = s.priority.as_ref().map(|p| {
                self.clause(&format!("{at}.priority.clause"), &p.clause);
                let mut node = self.node(&format!("{at}.priority.when"), &p.when, &p.clause);
                node.label = Arc::new(p.label.clone());
                node
            });
            let fixed_when = self.rate(&format!("{at}.rate"), &s.rate);
            out.push(Subprogramme {
                spec: s.clone(),
                requirement,
                priority,
                fixed_when,
            });
        }
        if spec.subprogrammes.is_empty() {
            self.problem(
                "subprogrammes",
                "事業区分が一つもありません。",
                "there are no sub-programmes",
            );
        }
        out
    }

    fn rate(&mut self, at: &str, rate: &RateSpec) -> Option<Node> {
        self.clause(&format!("{at}.clause"), &rate.clause);
        rate.fixed_when
            .as_ref()
            .map(|n| self.node(&format!("{at}.fixed_when"), n, &rate.clause))
    }

    fn compile_checks(&mut self, spec: &PackSpec) -> Vec<Check> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, c) in spec.checks.iter().enumerate() {
            let at = format!("checks[{i}]");
            if !seen.insert(c.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("チェック「{}」が重複しています。", c.id),
                    format!("duplicate check id \"{}\"", c.id),
                );
            }
            self.pack_code(&format!("{at}.code"), &c.code);
            if !self.index.contains_key(&c.path) {
                self.problem(
                    format!("{at}.path"),
                    format!("path「{}」はこのパックの質問ではありません。", c.path),
                    format!("path \"{}\" is not a question of this pack", c.path),
                );
            }
            self.clause(&format!("{at}.clause"), &c.clause);
            let when = self.node(&format!("{at}.when"), &c.when, &c.clause);
            out.push(Check {
                spec: c.clone(),
                when,
            });
        }
        out
    }

    fn compile_attachments(&mut self, spec: &PackSpec) -> Vec<Attachment> {
        let Some(att) = &spec.attachments else {
            return Vec::new();
        };
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (i, a) in att.items.iter().enumerate() {
            let at = format!("attachments.items[{i}]");
            if !is_id(&a.id) || !seen.insert(a.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("添付書類 id「{}」が不正か重複しています。", a.id),
                    format!("attachment id \"{}\" is malformed or duplicated", a.id),
                );
            }
            self.clause(&format!("{at}.clause"), &a.clause);
            let required_when = a
                .required_when
                .as_ref()
                .map(|n| self.node(&format!("{at}.required_when"), n, &a.clause));
            out.push(Attachment {
                spec: a.clone(),
                required_when,
            });
        }
        out
    }

    /// Compiles one node; `inherited` is the clause of the enclosing rule.
    pub(super) fn node(&mut self, at: &str, spec: &NodeSpec, inherited: &str) -> Node {
        if let Some(c) = &spec.clause {
            self.clause(&format!("{at}.clause"), c);
        }
        let clause = spec.clause.clone().unwrap_or_else(|| inherited.to_owned());
        let kinds = [
            spec.all.is_some(),
            spec.any.is_some(),
            spec.not.is_some(),
            spec.answer.is_some(),
            spec.fact.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1 {
            self.problem(
                at,
                "ノードには all・any・not・answer・fact のどれか一つだけを書きます。",
                "a node has exactly one of all, any, not, answer, fact",
            );
            return placeholder(clause);
        }
        if spec.values.is_some() && spec.answer.is_none() {
            self.problem(
                format!("{at}.in"),
                "in は answer と一緒にだけ書けます。",
                "`in` goes only with `answer`",
            );
        }
        let op_label =
            |ja: &str, en: &str| spec.label.clone().unwrap_or_else(|| Message::new(ja, en));
        if let Some(children) = spec.all.as_ref().or(spec.any.as_ref()) {
            if children.is_empty() {
                self.problem(
                    at,
                    "all・any には少なくとも一つの子が必要です。",
                    "all/any need at least one child",
                );
            }
            let key = if spec.all.is_some() { "all" } else { "any" };
            let nodes = children
                .iter()
                .enumerate()
                .map(|(i, c)| self.node(&format!("{at}.{key}[{i}]"), c, &clause))
                .collect();
            let (kind, label) = if spec.all.is_some() {
                (
                    NodeKind::All(nodes),
                    op_label("次のすべてを満たす", "all of the following"),
                )
            } else {
                (
                    NodeKind::Any(nodes),
                    op_label("次のいずれかを満たす", "any of the following"),
                )
            };
            return node_of(kind, clause, label, spec.reading.clone());
        }
        if let Some(child) = &spec.not {
            let node = self.node(&format!("{at}.not"), child, &clause);
            return node_of(
                NodeKind::Not(Box::new(node)),
                clause,
                op_label("次に該当しない", "not the following"),
                spec.reading.clone(),
            );
        }
        if let Some(fact) = &spec.fact {
            let Some((index, fact_clause, fact_label)) = self.facts.get(fact).cloned() else {
                self.problem(
                    format!("{at}.fact"),
                    format!("事実「{fact}」は facts にありません。"),
                    format!("fact \"{fact}\" is not in `facts`"),
                );
                return placeholder(clause);
            };
            return node_of(
                NodeKind::Fact(index),
                spec.clause.clone().unwrap_or(fact_clause),
                spec.label.clone().unwrap_or(fact_label),
                spec.reading.clone(),
            );
        }
        let id = spec.answer.clone().unwrap_or_default();
        let Some(&q) = self.index.get(&id) else {
            self.problem(
                format!("{at}.answer"),
                format!("質問「{id}」は questions にありません。"),
                format!("question \"{id}\" is not in `questions`"),
            );
            return placeholder(clause);
        };
        let question = &self.questions[q];
        let (kind, qclause, qlabel) = (
            question.kind,
            question.clause.clone(),
            question.label.clone(),
        );
        let option_values: Vec<String> = question.options.iter().map(|o| o.value.clone()).collect();
        match (kind, &spec.values) {
            (AnswerKind::YesNo, None) => {}
            (AnswerKind::Choice | AnswerKind::MultiChoice, Some(values)) => {
                for v in values {
                    if !option_values.contains(v) {
                        self.problem(
                            format!("{at}.in"),
                            format!("「{v}」は質問「{id}」の選択肢にありません。"),
                            format!("\"{v}\" is not an option of question \"{id}\""),
                        );
                    }
                }
            }
            _ => self.problem(
                format!("{at}.answer"),
                format!("質問「{id}」の型ではこの条件を書けません（はい/いいえは in なし、選択式は in あり）。"),
                format!("question \"{id}\" cannot be used this way (yes/no without `in`, choices with `in`)"),
            ),
        }
        node_of(
            NodeKind::Answer {
                question: q,
                values: spec.values.clone(),
            },
            spec.clause.clone().unwrap_or(qclause),
            spec.label.clone().unwrap_or(qlabel),
            spec.reading.clone(),
        )
    }

    /// For every option, the options it counts as (transitively), itself first.
    fn counts_as_closure(&self) -> HashMap<(usize, String), Vec<String>> {
        let mut out = HashMap::new();
        for (q, question) in self.questions.iter().enumerate() {
            let direct: BTreeMap<&str, &[String]> = question
                .options
                .iter()
                .map(|o| (o.value.as_str(), o.counts_as.as_slice()))
                .collect();
            for o in &question.options {
                let mut all = vec![o.value.clone()];
                let mut i = 0;
                while let Some(v) = all.get(i).cloned() {
                    for t in direct.get(v.as_str()).copied().unwrap_or_default() {
                        if !all.contains(t) {
                            all.push(t.clone());
                        }
                    }
                    i += 1;
                }
                out.insert((q, o.value.clone()), all);
            }
        }
        out
    }
}

/// A node, its texts shared (a trace node then costs a reference count, not string copies).
fn node_of(kind: NodeKind, clause: String, label: Message, reading: Option<Message>) -> Node {
    Node {
        kind,
        clause: Arc::from(clause),
        label: Arc::new(label),
        reading: reading.map(Arc::new),
    }
}

/// A stand-in node after a problem was recorded (the pack is refused anyway).
fn placeholder(clause: String) -> Node {
    node_of(
        NodeKind::All(Vec::new()),
        clause,
        Message::new("", ""),
        None,
    )
}
