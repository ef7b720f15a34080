//! The runnable programme: a checked rule pack with its references resolved, its trees compiled
//! and its budget rules made ready to apply. Built by [`super::compile`]; read by the readers and
//! the evaluation above.
//!
//! Owns: the compiled shape of a programme and the lookups the evaluation needs (question by id,
//! option kinds, where a path sorts). Must not know: how a tree is evaluated or a form read.

use super::category::CategoryIndex;
use super::spec::{
    AttachmentSpec, BudgetSpec, CheckSpec, OptionSpec, PackSpec, QuestionSpec, SubprogrammeSpec,
};
use crate::finding::message::Message;
use crate::text::form_path::FormPath;
use crate::text::money::Yen;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// A compiled requirement tree node.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// What the node does.
    pub(crate) kind: NodeKind,
    /// The clause it encodes.
    pub(crate) clause: Arc<str>,
    /// What it says.
    pub(crate) label: Arc<Message>,
    /// The reading chosen, if any.
    pub(crate) reading: Option<Arc<Message>>,
}

/// The kinds of node.
#[derive(Debug, Clone)]
pub(crate) enum NodeKind {
    /// Every child.
    All(Vec<Node>),
    /// Any child.
    Any(Vec<Node>),
    /// The child fails.
    Not(Box<Node>),
    /// A question (by index), optionally against a set of option values.
    Answer {
        /// The question's index in the programme.
        question: usize,
        /// For choices: the values that pass.
        values: Option<Vec<String>>,
    },
    /// A computed fact (by index).
    Fact(usize),
}

/// Budget rules, checked and ready to apply.
#[derive(Debug, Clone)]
pub(crate) struct Budget {
    /// As written in the pack.
    pub(crate) spec: BudgetSpec,
    /// The cap in yen.
    pub(crate) cap: Option<Yen>,
    /// Per note: the least amount (yen) that raises it.
    pub(crate) note_thresholds: Vec<Option<Yen>>,
    /// The question giving the period's first day.
    pub(crate) period_start: Option<usize>,
    /// The period's last day.
    pub(crate) period_end: Option<NaiveDate>,
    /// When the 様式2 tax remark is required.
    pub(crate) tax_remark_when: Option<Node>,
    /// The categories, normalised for matching.
    pub(crate) categories: CategoryIndex,
    /// Per exclusion rule: its keywords, normalised.
    pub(crate) exclusion_keywords: Vec<Vec<String>>,
}

/// A fact ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) struct Fact {
    /// Its id.
    pub(crate) id: String,
    /// Its tree.
    pub(crate) node: Node,
}

/// A sub-programme ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) struct Subprogramme {
    /// As written in the pack.
    pub(crate) spec: SubprogrammeSpec,
    /// Its requirement tree.
    pub(crate) requirement: Node,
    /// Its priority tree.
    pub(crate) priority: Option<Node>,
    /// When its rate is 定額.
    pub(crate) fixed_when: Option<Node>,
}

/// A check ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) struct Check {
    /// As written.
    pub(crate) spec: CheckSpec,
    /// When it fires.
    pub(crate) when: Node,
}

/// An attachment rule ready to evaluate.
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    /// As written.
    pub(crate) spec: AttachmentSpec,
    /// When it is required (always when `None`).
    pub(crate) required_when: Option<Node>,
}

/// A checked, runnable rule pack.
#[derive(Debug, Clone)]
pub struct Programme {
    /// The pack as written.
    pub(crate) spec: PackSpec,
    /// Every question: the selection, the pack's own questions, then the attachment list.
    pub(crate) questions: Vec<QuestionSpec>,
    /// The questions' ids (form paths), shared with the traces that name them.
    pub(crate) question_ids: Vec<Arc<str>>,
    /// The questions' ids as parsed paths (for reading the form).
    pub(crate) question_paths: Vec<FormPath>,
    /// Every proper prefix of a question id (`applicant`, `budget`): the form's groups.
    pub(crate) groups: HashSet<String>,
    /// Question id → index, sorted by id (a binary search: no hashing of untrusted paths).
    pub(crate) index: Vec<(String, usize)>,
    /// Facts, by their index in the pack.
    pub(crate) facts: Vec<Fact>,
    /// The order to evaluate facts in (dependencies first).
    pub(crate) fact_order: Vec<usize>,
    /// The sub-programmes.
    pub(crate) subprogrammes: Vec<Subprogramme>,
    /// The checks.
    pub(crate) checks: Vec<Check>,
    /// The attachment rules.
    pub(crate) attachments: Vec<Attachment>,
    /// The index of the selection question.
    pub(crate) selection_question: usize,
    /// The index of the attachments question.
    pub(crate) attachments_question: Option<usize>,
    /// First day the pack applies.
    pub(crate) valid_from: NaiveDate,
    /// Last day the pack applies.
    pub(crate) valid_until: NaiveDate,
    /// Top-level form sections read by budget rules (`budget`, `tax_report`, `advance`).
    pub(crate) sections: Vec<String>,
    /// The budget rules.
    pub(crate) budget: Option<Budget>,
    /// For each (question, option value): the option values it counts as, itself included.
    pub(crate) counts_as: HashMap<(usize, String), Vec<String>>,
}

impl Programme {
    /// The programme id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// How many example cases the pack carries (each runs when the pack is loaded).
    #[must_use]
    pub fn case_count(&self) -> usize {
        self.spec.cases.len()
    }

    /// The index of a question by id (= form path).
    #[must_use]
    pub(crate) fn question_index(&self, id: &str) -> Option<usize> {
        self.index
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()
            .map(|i| self.index[i].1)
    }

    /// The option values `value` counts as for question `q` (itself first).
    #[must_use]
    pub(crate) fn counts_as(&self, q: usize, value: &str) -> Option<&[String]> {
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
    pub(crate) fn is_group(&self, path: &str) -> bool {
        self.groups.contains(path)
    }

    /// Whether a form path belongs to a section that budget or date rules read themselves.
    #[must_use]
    pub(crate) fn owns_section(&self, path: &str) -> bool {
        self.sections.iter().any(|s| s == path)
    }

    /// Where a path sorts in the form: its question's position, then sections in pack order.
    #[must_use]
    pub(crate) fn path_rank(&self, path: &str) -> usize {
        if let Some(i) = self.question_index(path) {
            return i;
        }
        let root = FormPath::root_of(path);
        self.sections
            .iter()
            .position(|s| s == root)
            .map_or(usize::MAX, |i| self.questions.len() + i)
    }

    /// The option of question `q` with this value.
    #[must_use]
    pub(crate) fn option(&self, q: usize, value: &str) -> Option<&OptionSpec> {
        self.questions
            .get(q)?
            .options
            .iter()
            .find(|o| o.value == value)
    }
}
