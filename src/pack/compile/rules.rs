//! Facts, sub-programmes (requirements, priorities, rates), checks and attachment rules.
//!
//! Owns: those checks. Must not know: how a rule is evaluated.

use super::{is_id, Compiler};
use crate::pack::model::{Attachment, Check, Fact, Node, NodeKind, Subprogramme};
use crate::pack::spec::{PackSpec, RateSpec};
use std::collections::HashSet;
use std::sync::Arc;

impl Compiler {
    pub(super) fn compile_facts(&mut self, spec: &PackSpec) -> Vec<Fact> {
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
    pub(super) fn fact_order(&mut self, facts: &[Fact]) -> Vec<usize> {
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

    pub(super) fn compile_subprogrammes(&mut self, spec: &PackSpec) -> Vec<Subprogramme> {
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

    pub(super) fn compile_checks(&mut self, spec: &PackSpec) -> Vec<Check> {
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

    pub(super) fn compile_attachments(&mut self, spec: &PackSpec) -> Vec<Attachment> {
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
}
