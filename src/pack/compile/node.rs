//! Requirement trees: each node exactly one of all / any / not / answer / fact, every reference
//! resolved, every leaf fitting its question's type.
//!
//! Owns: those checks. Must not know: how a tree is evaluated.

use super::Compiler;
use crate::finding::message::Message;
use crate::pack::model::{Node, NodeKind};
use crate::pack::spec::{AnswerKind, NodeSpec};
use std::sync::Arc;

impl Compiler {
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
