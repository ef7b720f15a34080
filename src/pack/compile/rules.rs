//! Facts, sub-programmes (requirements, priorities, rates), checks and attachment rules.
//!
//! Owns: those checks. Must not know: how a rule is evaluated.

use super::expr::{expr_fact_refs, node_fact_refs};
use super::node::placeholder;
use super::{is_id, Compiler, Scope, ValueKind};
use crate::pack::expr::{Kind, RateValue};
use crate::pack::model::{Attachment, Check, Fact, FactBody, Subprogramme};
use crate::pack::spec::{FactSpec, PackSpec, RateSpec};
use std::collections::HashSet;
use std::sync::Arc;

/// The facts a fact refers to, as written.
fn fact_refs(f: &FactSpec) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = &f.when {
        node_fact_refs(n, &mut out);
    }
    if let Some(e) = &f.value {
        expr_fact_refs(e, &mut out);
    }
    out
}

impl Compiler {
    /// The order to evaluate facts in (dependencies first); a cycle is a problem.
    pub(super) fn fact_order(&mut self, spec: &PackSpec) -> Vec<usize> {
        /// Depth-first: 0 = unvisited, 1 = on the stack, 2 = done.
        fn visit(
            i: usize,
            deps: &[Vec<usize>],
            state: &mut [u8],
            order: &mut Vec<usize>,
            cyclic: &mut Vec<usize>,
        ) {
            match state.get(i) {
                Some(1) => {
                    if !cyclic.contains(&i) {
                        cyclic.push(i);
                    }
                    return;
                }
                Some(0) => {}
                _ => return,
            }
            state[i] = 1;
            for &j in &deps[i] {
                visit(j, deps, state, order, cyclic);
            }
            state[i] = 2;
            order.push(i);
        }
        let deps: Vec<Vec<usize>> = spec
            .facts
            .iter()
            .map(|f| {
                fact_refs(f)
                    .iter()
                    .filter_map(|id| self.facts.get(id).map(|x| x.0))
                    .collect()
            })
            .collect();
        let mut state = vec![0u8; spec.facts.len()];
        let mut order = Vec::with_capacity(spec.facts.len());
        let mut cyclic = Vec::new();
        for i in 0..spec.facts.len() {
            visit(i, &deps, &mut state, &mut order, &mut cyclic);
        }
        for i in cyclic {
            self.problem(
                format!("facts[{i}]"),
                format!("事実「{}」が自分自身に依存しています。", spec.facts[i].id),
                format!("fact \"{}\" depends on itself", spec.facts[i].id),
            );
        }
        order
    }

    /// Compiles the facts, dependencies first (so a value fact's kind is known where it is used).
    pub(super) fn compile_facts(&mut self, spec: &PackSpec) -> Vec<Fact> {
        let mut seen = HashSet::new();
        for (i, f) in spec.facts.iter().enumerate() {
            if !is_id(&f.id) || !seen.insert(f.id.clone()) {
                self.problem(
                    format!("facts[{i}].id"),
                    format!("事実 id「{}」が不正か重複しています。", f.id),
                    format!("fact id \"{}\" is malformed or duplicated", f.id),
                );
            }
        }
        // Order without reporting cycles twice: `fact_order` reports them.
        let saved = self.problems.len();
        let order = self.fact_order(spec);
        self.problems.truncate(saved);
        let mut out: Vec<Option<Fact>> = vec![None; spec.facts.len()];
        for i in order {
            let f = &spec.facts[i];
            let at = format!("facts[{i}]");
            self.clause(&format!("{at}.clause"), &f.clause);
            let body = match (&f.when, &f.value) {
                (Some(when), None) => {
                    let mut node =
                        self.node(&format!("{at}.when"), when, &f.clause, Scope::ANSWERS);
                    node.label = Arc::new(f.label.clone());
                    node.reading = f.reading.clone().map(Arc::new).or(node.reading);
                    FactBody::When(node)
                }
                (None, Some(value)) => {
                    let e = self.expr(&format!("{at}.value"), value, Scope::ANSWERS);
                    if e.kind != Kind::Error {
                        self.fact_kinds[i] = Some(ValueKind {
                            kind: e.kind,
                            unit: e.unit,
                            whole: e.whole,
                        });
                    }
                    FactBody::Value(e)
                }
                _ => {
                    self.problem(
                        &at,
                        "事実には when（条件）か value（値）のどちらか一つを書きます。",
                        "a fact has exactly one of `when` (a condition) and `value` (a number)",
                    );
                    FactBody::When(placeholder(f.clause.clone()))
                }
            };
            out[i] = Some(Fact { body });
        }
        out.into_iter()
            .enumerate()
            .map(|(i, f)| {
                f.unwrap_or_else(|| Fact {
                    body: FactBody::When(placeholder(spec.facts[i].clause.clone())),
                })
            })
            .collect()
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
            let requirement = self.node(
                &format!("{at}.requirement"),
                &s.requirement,
                &s.clause,
                Scope::ANSWERS,
            );
            let priority = s.priority.as_ref().map(|p| {
                self.clause(&format!("{at}.priority.clause"), &p.clause);
                let mut node = self.node(
                    &format!("{at}.priority.when"),
                    &p.when,
                    &p.clause,
                    Scope::ANSWERS,
                );
                node.label = Arc::new(p.label.clone());
                node
            });
            let (rate, rate_cases) = self.rate(&format!("{at}.rate"), &s.rate);
            out.push(Subprogramme {
                spec: s.clone(),
                requirement,
                priority,
                rate,
                rate_cases,
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

    fn rate_value(&mut self, at: &str, text: &str) -> RateValue {
        RateValue::parse(text).unwrap_or_else(|| {
            self.problem(
                at,
                format!("「{text}」は補助率ではありません（fixed・none、または 0 より大きく 1 以下の分数 1/2・2/3・10/10 など）。"),
                format!("\"{text}\" is not a rate (fixed, none, or a fraction above 0 and at most 1 such as 1/2, 2/3, 10/10)"),
            );
            RateValue::None
        })
    }

    fn rate(
        &mut self,
        at: &str,
        rate: &RateSpec,
    ) -> (RateValue, Vec<(crate::pack::expr::Node, RateValue)>) {
        self.clause(&format!("{at}.clause"), &rate.clause);
        let default = self.rate_value(&format!("{at}.rate"), &rate.rate);
        let mut cases = Vec::new();
        for (i, c) in rate.cases.iter().enumerate() {
            let when = self.node(
                &format!("{at}.cases[{i}].when"),
                &c.when,
                &rate.clause,
                Scope::ANSWERS,
            );
            let value = self.rate_value(&format!("{at}.cases[{i}].rate"), &c.rate);
            cases.push((when, value));
        }
        (default, cases)
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
            let when = self.node(&format!("{at}.when"), &c.when, &c.clause, Scope::RULES);
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
                .map(|n| self.node(&format!("{at}.required_when"), n, &a.clause, Scope::RULES));
            out.push(Attachment {
                spec: a.clone(),
                required_when,
            });
        }
        out
    }
}
