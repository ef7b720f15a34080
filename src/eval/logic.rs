//! Requirement trees and their three-valued (Kleene) evaluation, with a trace of every node.
//!
//! - `all`: fails when any child fails (even if others are blank); passes when every child passes;
//!   otherwise unknown.
//! - `any`: passes when any child passes (even if others are blank); fails when every child fails;
//!   otherwise unknown.
//! - `not`: swaps pass and fail; unknown stays unknown.
//! - an unanswered (or unreadable) question is unknown.
//!
//! The logic is monotone: answering a blank question can turn `unknown` into `pass` or `fail`,
//! never a settled node back into `unknown` (checked by property tests in `tests/`).
//!
//! Owns: three-valued outcomes, traces, missing and decisive answers. Must not know: what a
//! question asks or how it was answered (it asks [`Facts`]).

use crate::finding::message::Message;
use crate::pack::model::{Node, NodeKind};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The outcome of one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The requirement is met.
    Pass,
    /// The requirement is not met.
    Fail,
    /// Not known yet: something it depends on is unanswered.
    Unknown,
}

impl Outcome {
    /// `pass` ↔ `fail`; `unknown` stays.
    #[must_use]
    pub fn negate(self) -> Self {
        match self {
            Outcome::Pass => Outcome::Fail,
            Outcome::Fail => Outcome::Pass,
            Outcome::Unknown => Outcome::Unknown,
        }
    }

    /// Kleene conjunction over outcomes.
    pub fn all<I: IntoIterator<Item = Outcome>>(outcomes: I) -> Self {
        let mut result = Outcome::Pass;
        for o in outcomes {
            match o {
                Outcome::Fail => return Outcome::Fail,
                Outcome::Unknown => result = Outcome::Unknown,
                Outcome::Pass => {}
            }
        }
        result
    }

    /// Kleene disjunction over outcomes.
    pub fn any<I: IntoIterator<Item = Outcome>>(outcomes: I) -> Self {
        let mut result = Outcome::Fail;
        for o in outcomes {
            match o {
                Outcome::Pass => return Outcome::Pass,
                Outcome::Unknown => result = Outcome::Unknown,
                Outcome::Fail => {}
            }
        }
        result
    }
}

/// The operator of a node, as shown in the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// Every child.
    All,
    /// Any child.
    Any,
    /// The child fails.
    Not,
    /// A question's answer.
    Answer,
    /// A computed fact that could not be evaluated (never in a checked pack).
    Fact,
}

/// One node of an evaluated tree: what it checked, its clause, and how it came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Trace {
    /// The operator.
    pub op: Op,
    /// The clause the node encodes.
    pub clause: Arc<str>,
    /// What the node says.
    pub label: Arc<Message>,
    /// How it came out.
    pub outcome: Outcome,
    /// For a question: its form path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Arc<str>>,
    /// For a question: the answer given (the stored value), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The reading chosen where the clause is ambiguous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Arc<Message>>,
    /// The children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Trace>,
}

/// How a question leaf came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Leaf {
    /// The outcome.
    pub outcome: Outcome,
    /// The answer given, as stored.
    pub value: Option<String>,
    /// The reading that decided it (an option that counts as another, say).
    pub reading: Option<Arc<Message>>,
}

/// What the evaluator needs from the answered form.
pub(crate) trait Facts {
    /// How a question leaf comes out.
    fn answer(&self, question: usize, values: Option<&[String]>) -> Leaf;
    /// Only the outcome of a question leaf (no allocation).
    fn answer_outcome(&self, question: usize, values: Option<&[String]>) -> Outcome {
        self.answer(question, values).outcome
    }
    /// The form path of a question.
    fn field(&self, question: usize) -> Arc<str>;
    /// The already evaluated trace of a fact.
    fn fact(&self, fact: usize) -> Option<&Trace>;
    /// A fact's tree (to explain it without a trace).
    fn fact_node(&self, fact: usize) -> Option<&Node>;
}

impl Node {
    /// Only the outcome, without building a trace (for checks, attachment rules and rates).
    pub(crate) fn outcome(&self, facts: &dyn Facts) -> Outcome {
        match &self.kind {
            NodeKind::All(nodes) => Outcome::all(nodes.iter().map(|n| n.outcome(facts))),
            NodeKind::Any(nodes) => Outcome::any(nodes.iter().map(|n| n.outcome(facts))),
            NodeKind::Not(node) => node.outcome(facts).negate(),
            NodeKind::Answer { question, values } => {
                facts.answer_outcome(*question, values.as_deref())
            }
            NodeKind::Fact(index) => facts.fact(*index).map_or(Outcome::Unknown, |t| t.outcome),
        }
    }

    /// Evaluates the node against the answered form.
    pub(crate) fn evaluate(&self, facts: &dyn Facts) -> Trace {
        let mut reading = self.reading.clone();
        let (op, outcome, field, value, children) = match &self.kind {
            NodeKind::All(nodes) => {
                let children: Vec<Trace> = nodes.iter().map(|n| n.evaluate(facts)).collect();
                let outcome = Outcome::all(children.iter().map(|c| c.outcome));
                (Op::All, outcome, None, None, children)
            }
            NodeKind::Any(nodes) => {
                let children: Vec<Trace> = nodes.iter().map(|n| n.evaluate(facts)).collect();
                let outcome = Outcome::any(children.iter().map(|c| c.outcome));
                (Op::Any, outcome, None, None, children)
            }
            NodeKind::Not(node) => {
                let child = node.evaluate(facts);
                (Op::Not, child.outcome.negate(), None, None, vec![child])
            }
            NodeKind::Answer { question, values } => {
                let leaf = facts.answer(*question, values.as_deref());
                let (outcome, value) = (leaf.outcome, leaf.value);
                reading = reading.or(leaf.reading);
                (
                    Op::Answer,
                    outcome,
                    Some(facts.field(*question)),
                    value,
                    Vec::new(),
                )
            }
            NodeKind::Fact(index) => {
                // A fact shows as its own tree, under the name the referring node gives it.
                let mut trace = facts.fact(*index).cloned().unwrap_or(Trace {
                    op: Op::Fact,
                    clause: Arc::from(""),
                    label: Arc::new(Message::new("", "")),
                    outcome: Outcome::Unknown,
                    field: None,
                    value: None,
                    reading: None,
                    children: Vec::new(),
                });
                trace.clause = Arc::clone(&self.clause);
                trace.label = Arc::clone(&self.label);
                if self.reading.is_some() {
                    trace.reading.clone_from(&self.reading);
                }
                return trace;
            }
        };
        Trace {
            op,
            clause: self.clause.clone(),
            label: self.label.clone(),
            outcome,
            field,
            value,
            reading,
            children,
        }
    }
}

impl Node {
    /// [`Trace::missing`] without building a trace: the same questions in the same order.
    pub(crate) fn missing(&self, facts: &dyn Facts, out: &mut Vec<String>) {
        if self.outcome(facts) != Outcome::Unknown {
            return;
        }
        match &self.kind {
            NodeKind::All(nodes) | NodeKind::Any(nodes) => {
                for n in nodes {
                    n.missing(facts, out);
                }
            }
            NodeKind::Not(node) => node.missing(facts, out),
            NodeKind::Answer { question, .. } => {
                let field = facts.field(*question);
                if !out.iter().any(|f| f.as_str() == &*field) {
                    out.push(field.to_string());
                }
            }
            NodeKind::Fact(index) => {
                if let Some(node) = facts.fact_node(*index) {
                    node.missing(facts, out);
                }
            }
        }
    }

    /// [`Trace::decisive_leaves`] without building a trace: `(field, clause)` of each question
    /// leaf that decides this node's outcome, in tree order.
    pub(crate) fn decisive(&self, facts: &dyn Facts, out: &mut Vec<(Arc<str>, Arc<str>)>) {
        let target = self.outcome(facts);
        self.collect_decisive(facts, target, None, out);
    }

    fn collect_decisive(
        &self,
        facts: &dyn Facts,
        target: Outcome,
        clause: Option<&Arc<str>>,
        out: &mut Vec<(Arc<str>, Arc<str>)>,
    ) {
        if target == Outcome::Unknown || self.outcome(facts) != target {
            return;
        }
        // A fact shows as its own tree under the referring node's clause (see `evaluate`).
        let clause = clause.unwrap_or(&self.clause);
        match &self.kind {
            NodeKind::Answer { question, .. } => {
                out.push((facts.field(*question), Arc::clone(clause)));
            }
            NodeKind::All(nodes) | NodeKind::Any(nodes) => {
                for n in nodes {
                    n.collect_decisive(facts, target, None, out);
                }
            }
            NodeKind::Not(node) => node.collect_decisive(facts, target.negate(), None, out),
            NodeKind::Fact(index) => {
                if let Some(node) = facts.fact_node(*index) {
                    node.collect_decisive(facts, target, Some(clause), out);
                }
            }
        }
    }
}

impl Trace {
    /// The unanswered questions that could still change this node's outcome, in tree order.
    /// Empty unless the outcome is unknown: a settled node cannot change by answering more.
    #[must_use]
    pub fn missing(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_missing(&mut out);
        out
    }

    fn collect_missing(&self, out: &mut Vec<String>) {
        if self.outcome != Outcome::Unknown {
            return;
        }
        match &self.field {
            Some(field) if self.children.is_empty() => {
                if !out.iter().any(|f| f.as_str() == &**field) {
                    out.push(field.to_string());
                }
            }
            _ => {
                for child in &self.children {
                    child.collect_missing(out);
                }
            }
        }
    }

    /// The question leaves that decide this node's outcome (e.g. the failed requirements of a
    /// failed `all`, every branch of a failed `any`, the passed child of a failed `not`).
    #[must_use]
    pub fn decisive_leaves(&self) -> Vec<&Trace> {
        let mut out = Vec::new();
        self.collect_decisive(self.outcome, &mut out);
        out
    }

    fn collect_decisive<'a>(&'a self, target: Outcome, out: &mut Vec<&'a Trace>) {
        if self.outcome != target || target == Outcome::Unknown {
            return;
        }
        if self.field.is_some() && self.children.is_empty() {
            out.push(self);
            return;
        }
        let child_target = if self.op == Op::Not {
            target.negate()
        } else {
            target
        };
        for child in &self.children {
            child.collect_decisive(child_target, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;
    use Outcome::{Fail, Pass, Unknown};

    #[test]
    fn kleene_tables() {
        assert_eq!(Outcome::all([Pass, Unknown, Fail]), Fail);
        assert_eq!(Outcome::all([Pass, Unknown]), Unknown);
        assert_eq!(Outcome::all([Pass, Pass]), Pass);
        assert_eq!(Outcome::all([]), Pass);
        assert_eq!(Outcome::any([Fail, Unknown, Pass]), Pass);
        assert_eq!(Outcome::any([Fail, Unknown]), Unknown);
        assert_eq!(Outcome::any([Fail, Fail]), Fail);
        assert_eq!(Outcome::any([]), Fail);
        assert_eq!(Unknown.negate(), Unknown);
        assert_eq!(Pass.negate(), Fail);
    }

    struct Answers(Vec<Outcome>);
    impl Facts for Answers {
        fn answer(&self, q: usize, _: Option<&[String]>) -> Leaf {
            Leaf {
                outcome: self.0[q],
                value: None,
                reading: None,
            }
        }
        fn field(&self, q: usize) -> Arc<str> {
            Arc::from(format!("q{q}"))
        }
        fn fact(&self, _: usize) -> Option<&Trace> {
            None
        }
        fn fact_node(&self, _: usize) -> Option<&Node> {
            None
        }
    }

    fn leaf(q: usize) -> Node {
        Node {
            kind: NodeKind::Answer {
                question: q,
                values: None,
            },
            clause: Arc::from(format!("c{q}")),
            label: Arc::new(Message::new("", "")),
            reading: None,
        }
    }

    fn node(kind: NodeKind) -> Node {
        Node {
            kind,
            clause: "c".into(),
            label: Arc::new(Message::new("", "")),
            reading: None,
        }
    }

    #[test]
    fn missing_lists_only_what_could_change_the_outcome() {
        // all(q0, any(q1, q2), not(q3))
        let tree = node(NodeKind::All(vec![
            leaf(0),
            node(NodeKind::Any(vec![leaf(1), leaf(2)])),
            node(NodeKind::Not(Box::new(leaf(3)))),
        ]));
        let t = tree.evaluate(&Answers(vec![Pass, Unknown, Unknown, Unknown]));
        assert_eq!(t.outcome, Unknown);
        assert_eq!(t.missing(), ["q1", "q2", "q3"]);
        // any with one passing branch is satisfied even if the other is blank.
        let t = tree.evaluate(&Answers(vec![Pass, Pass, Unknown, Fail]));
        assert_eq!((t.outcome, t.missing()), (Pass, vec![]));
        // all with one failing branch fails even if others are blank.
        let t = tree.evaluate(&Answers(vec![Fail, Unknown, Unknown, Unknown]));
        assert_eq!((t.outcome, t.missing()), (Fail, vec![]));
    }

    #[test]
    fn decisive_leaves_explain_a_failure() {
        let tree = node(NodeKind::All(vec![
            leaf(0),
            node(NodeKind::Any(vec![leaf(1), leaf(2)])),
            node(NodeKind::Not(Box::new(leaf(3)))),
        ]));
        let t = tree.evaluate(&Answers(vec![Pass, Fail, Fail, Pass]));
        assert_eq!(t.outcome, Fail);
        let fields: Vec<_> = t
            .decisive_leaves()
            .iter()
            .map(|l| l.field.as_deref().unwrap().to_owned())
            .collect();
        assert_eq!(fields, ["q1", "q2", "q3"]);
    }
}
