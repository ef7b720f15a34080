//! Three-valued outcomes and the traces of evaluated trees: what each node checked, its clause,
//! and how it came out; which unanswered questions could still change it, and which answers
//! decided it.
//!
//! Owns: outcomes (Kleene logic) and the trace wire format. Must not know: how a node is
//! evaluated (that is [`super::logic`]).

use crate::finding::message::Message;
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

    /// Pass for `true`, fail for `false`.
    #[must_use]
    pub fn of(holds: bool) -> Self {
        if holds {
            Outcome::Pass
        } else {
            Outcome::Fail
        }
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
    /// A comparison of numbers, amounts or dates (since `yoken-report/2`).
    Compare,
    /// A cell of a table row (since `yoken-report/2`).
    Cell,
    /// The rate that applies (since `yoken-report/2`).
    Rate,
    /// Whether something is answered (since `yoken-report/2`).
    Answered,
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
    /// For a question or a comparison: the form path it is shown at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<Arc<str>>,
    /// For a question: the answer given (the stored value); for a comparison: the value compared,
    /// as shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// For a comparison still unknown: the unanswered questions it waits for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awaiting: Vec<String>,
    /// The question is not asked (its `asked_when` does not hold), so it is never reported as
    /// missing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_asked: bool,
    /// The reading chosen where the clause is ambiguous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Arc<Message>>,
    // Shared: a fact's tree shown under every node that refers to it, and a session's verdicts
    // handed to each Report, are not copied; the Report's writer writes such a tree once and
    // copies its text where it comes again (`text::shared_list`).
    /// The children.
    #[serde(
        default,
        skip_serializing_if = "no_children",
        serialize_with = "crate::text::shared_list::shared"
    )]
    pub children: Arc<[Trace]>,
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

/// Whether a node has no children (nothing is written for them).
fn no_children(children: &Arc<[Trace]>) -> bool {
    children.is_empty()
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
        if self.outcome != Outcome::Unknown || self.not_asked {
            return;
        }
        let mut push = |f: &str| {
            if !out.iter().any(|x| x == f) {
                out.push(f.to_owned());
            }
        };
        if self.children.is_empty() {
            if self.op == Op::Compare {
                for f in &self.awaiting {
                    push(f);
                }
            } else if let Some(field) = &self.field {
                push(field);
            }
            return;
        }
        for child in self.children.iter() {
            child.collect_missing(out);
        }
    }

    /// The leaves that decide this node's outcome (e.g. the failed requirements of a failed
    /// `all`, every branch of a failed `any`, the passed child of a failed `not`).
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
        for child in self.children.iter() {
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

    fn leaf(field: &str, outcome: Outcome) -> Trace {
        Trace {
            op: Op::Answer,
            clause: Arc::from("c"),
            label: Arc::new(Message::new("", "")),
            outcome,
            field: Some(Arc::from(field)),
            value: None,
            awaiting: Vec::new(),
            not_asked: false,
            reading: None,
            children: Arc::default(),
        }
    }

    fn node(op: Op, children: Vec<Trace>) -> Trace {
        let outcome = match op {
            Op::All => Outcome::all(children.iter().map(|c| c.outcome)),
            Op::Any => Outcome::any(children.iter().map(|c| c.outcome)),
            _ => children[0].outcome.negate(),
        };
        Trace {
            field: None,
            op,
            outcome,
            children: children.into(),
            ..leaf("", Unknown)
        }
    }

    #[test]
    fn missing_lists_only_what_could_change_the_outcome_and_never_what_is_not_asked() {
        let mut hidden = leaf("q4", Unknown);
        hidden.not_asked = true;
        let t = node(
            Op::All,
            vec![
                leaf("q0", Pass),
                node(Op::Any, vec![leaf("q1", Unknown), leaf("q2", Unknown)]),
                node(Op::Not, vec![leaf("q3", Unknown)]),
                hidden,
            ],
        );
        assert_eq!(t.outcome, Unknown);
        assert_eq!(t.missing(), ["q1", "q2", "q3"]);
        let t = node(Op::All, vec![leaf("q0", Fail), leaf("q1", Unknown)]);
        assert_eq!((t.outcome, t.missing()), (Fail, Vec::<String>::new()));
    }

    #[test]
    fn decisive_leaves_explain_a_failure() {
        let t = node(
            Op::All,
            vec![
                leaf("q0", Pass),
                node(Op::Any, vec![leaf("q1", Fail), leaf("q2", Fail)]),
                node(Op::Not, vec![leaf("q3", Pass)]),
            ],
        );
        assert_eq!(t.outcome, Fail);
        let fields: Vec<_> = t
            .decisive_leaves()
            .iter()
            .map(|l| l.field.as_deref().unwrap().to_owned())
            .collect();
        assert_eq!(fields, ["q1", "q2", "q3"]);
    }
}
