//! Which questions a condition or an expression reads: directly, through the facts it names, or
//! through the dates it computes. The pack compiler keeps a table's (its cached rows are computed
//! again when one of those answers changes); a programme finds its figures' and limits' on first
//! use (a session computes them again when one of those answers changes).
//!
//! Owns: following a tree's references down to questions. Must not know: how they are evaluated.

use super::expr::{Expr, Node, NodeKind, Op, Target};
use super::model::{Fact, FactBody, Programme};
use super::spec::DateExprSpec;
#[cfg(feature = "pack-json")]
use std::collections::BTreeSet;

/// The questions read by the trees given to it, gathered as they are walked.
pub(crate) struct QuestionReads<'a> {
    /// The programme's facts, followed where a tree names one.
    facts: &'a [Fact],
    /// A question's index by its id (date expressions name questions by id).
    index: &'a dyn Fn(&str) -> Option<usize>,
    /// The questions found (in the order found, repeats included).
    found: Vec<usize>,
    /// The facts already followed (each is walked once).
    followed: Vec<usize>,
}

impl<'a> QuestionReads<'a> {
    /// Nothing read yet; `facts` and `index` are the programme's.
    pub(crate) fn new(facts: &'a [Fact], index: &'a dyn Fn(&str) -> Option<usize>) -> Self {
        Self {
            facts,
            index,
            found: Vec::new(),
            followed: Vec::new(),
        }
    }

    /// The questions found, in index order, each once.
    pub(crate) fn into_sorted(mut self) -> Vec<usize> {
        self.found.sort_unstable();
        self.found.dedup();
        self.found
    }

    /// The questions found, as a set.
    #[cfg(feature = "pack-json")]
    pub(crate) fn into_set(self) -> BTreeSet<usize> {
        self.found.into_iter().collect()
    }

    /// Adds what a condition reads.
    pub(crate) fn node(&mut self, node: &Node) {
        node.visit(&mut |n| self.condition_leaf(n));
        node.visit_exprs(&mut |e| self.expr(e));
    }

    /// Adds what an expression reads (the conditions of its `choose` cases included).
    pub(crate) fn expr(&mut self, expr: &Expr) {
        expr.visit(&mut |e| match &e.op {
            Op::Answer(q) => self.found.push(*q),
            Op::Fact(f) => self.fact(*f),
            Op::Days(a, b) => {
                self.date(a);
                self.date(b);
            }
            Op::Date(d) => self.date(d),
            _ => {}
        });
        expr.visit_nodes(&mut |n| self.condition_leaf(n));
    }

    /// Adds the date questions a date expression reads.
    pub(crate) fn date(&mut self, d: &DateExprSpec) {
        match d {
            DateExprSpec::Answer(id) => {
                if let Some(q) = (self.index)(id) {
                    self.found.push(q);
                }
            }
            DateExprSpec::MonthsElapsed { from, .. }
            | DateExprSpec::WithinDaysAfter { from, .. }
            | DateExprSpec::DaysBefore { from, .. }
            | DateExprSpec::NextYearOn { from, .. } => self.date(from),
            DateExprSpec::Earliest(items) => {
                for i in items {
                    self.date(i);
                }
            }
            DateExprSpec::Fixed(_)
            | DateExprSpec::FiscalYearStart
            | DateExprSpec::FiscalYearEnd => {}
        }
    }

    /// One node of a condition, without the nodes and expressions under it: a question it
    /// tests (its answer, or whether it is answered), or a fact it names.
    fn condition_leaf(&mut self, n: &Node) {
        match &n.kind {
            NodeKind::Answer { question, .. } | NodeKind::Answered(Target::Question(question)) => {
                self.found.push(*question);
            }
            NodeKind::Fact(f) => self.fact(*f),
            _ => {}
        }
    }

    /// Follows a fact into what it reads (once).
    fn fact(&mut self, f: usize) {
        if self.followed.contains(&f) {
            return;
        }
        self.followed.push(f);
        let facts = self.facts;
        match facts.get(f).map(|x| &x.body) {
            Some(FactBody::When(n)) => self.node(n),
            Some(FactBody::Value(e)) => self.expr(e),
            None => {}
        }
    }
}

impl Programme {
    /// The questions the figures and limits read, directly, through facts or through dates, in
    /// index order: with the chosen sub-programmes and the rates, all they read from the answers
    /// (a session computes its figures and checks its limits again only when one of them
    /// changes). Found on first use.
    pub(crate) fn tail_questions(&self) -> &[usize] {
        self.tail_questions.get_or_init(|| {
            let index = |id: &str| self.question_index(id);
            let mut reads = QuestionReads::new(&self.facts, &index);
            for f in &self.figures {
                reads.expr(&f.value);
            }
            for l in &self.limits {
                if let Some(when) = &l.when {
                    reads.node(when);
                }
                reads.node(&l.assert);
            }
            reads.into_sorted().into()
        })
    }
}
