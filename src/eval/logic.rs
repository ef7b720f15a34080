//! Conditions and expressions, evaluated three-valued (Kleene) and exactly, with a trace of
//! every condition node.
//!
//! - `all`: fails when any child fails (even if others are blank); passes when every child
//!   passes; otherwise unknown.
//! - `any`: passes when any child passes (even if others are blank); fails when every child
//!   fails; otherwise unknown.
//! - `not`: swaps pass and fail; unknown stays unknown.
//! - an unanswered (unreadable, or not asked) question is unknown; so is a comparison or an
//!   expression any of whose inputs is unknown — never 0.
//!
//! Conditions and expressions live together because each holds the other (a comparison holds
//! expressions; `choose` holds conditions). The logic is monotone: answering a blank question
//! can turn `unknown` into `pass` or `fail`, never a settled node back into `unknown` (checked
//! by property tests in `tests/`).
//!
//! Owns: outcomes, values, traces, missing and decisive answers. Must not know: what a question
//! asks or how it was answered (it asks [`Env`]).

use super::env::{day_number, Env, RateLookup};
use super::trace::{Op as TraceOp, Outcome, Trace};
use crate::pack::expr::{Cmp, Comparison, Expr, Kind, Node, NodeKind, Op, Target};
use crate::pack::spec::{DateExprSpec, RoundMode};
use crate::text::exact::{Exact, Rounding};
use crate::text::figure::Figure;
use crate::text::wareki::format_wareki;
use chrono::NaiveDate;
use std::sync::Arc;

impl Node {
    /// Only the outcome, without building a trace.
    pub(crate) fn outcome(&self, env: &Env<'_>) -> Outcome {
        match &self.kind {
            NodeKind::All(nodes) => Outcome::all(nodes.iter().map(|n| n.outcome(env))),
            NodeKind::Any(nodes) => Outcome::any(nodes.iter().map(|n| n.outcome(env))),
            NodeKind::Not(node) => node.outcome(env).negate(),
            NodeKind::Answer { question, values } => {
                env.answer_outcome(*question, values.as_deref())
            }
            NodeKind::Fact(index) => env.fact(*index).map_or(Outcome::Unknown, |t| t.outcome),
            NodeKind::Compare(c) => c.outcome(env),
            NodeKind::Cell { column, values } => {
                env.cell_choice(*column).map_or(Outcome::Unknown, |v| {
                    Outcome::of(values.iter().any(|x| x == v))
                })
            }
            NodeKind::Rate {
                subprogramme,
                rates,
            } => match env.rate(*subprogramme) {
                RateLookup::Undecided => Outcome::Unknown,
                RateLookup::NotChosen => Outcome::Fail,
                RateLookup::Decided(r) => Outcome::of(rates.contains(&r)),
            },
            NodeKind::Answered(target) => Outcome::of(env.answered(*target)),
        }
    }

    /// Evaluates the node, with its trace.
    pub(crate) fn evaluate(&self, env: &Env<'_>) -> Trace {
        let mut reading = self.reading.clone();
        let mut trace = Trace {
            op: TraceOp::All,
            clause: self.clause.clone(),
            label: self.label.clone(),
            outcome: Outcome::Unknown,
            field: None,
            value: None,
            awaiting: Vec::new(),
            not_asked: false,
            reading: None,
            children: Arc::default(),
        };
        match &self.kind {
            NodeKind::All(nodes) | NodeKind::Any(nodes) => {
                trace.children = nodes.iter().map(|n| n.evaluate(env)).collect();
                let outcomes = trace.children.iter().map(|c| c.outcome);
                if matches!(self.kind, NodeKind::All(_)) {
                    trace.outcome = Outcome::all(outcomes);
                } else {
                    trace.op = TraceOp::Any;
                    trace.outcome = Outcome::any(outcomes);
                }
            }
            NodeKind::Not(node) => {
                let child = node.evaluate(env);
                trace.op = TraceOp::Not;
                trace.outcome = child.outcome.negate();
                trace.children = Arc::new([child]);
            }
            NodeKind::Answer { question, values } => {
                let leaf = env.answer(*question, values.as_deref());
                reading = reading.or(leaf.reading);
                trace.op = TraceOp::Answer;
                trace.outcome = leaf.outcome;
                trace.field = Some(env.field(*question));
                trace.value = leaf.value;
                trace.not_asked = !env.asked(*question);
            }
            NodeKind::Fact(index) => {
                // A fact shows as its own tree, under the name the referring node gives it.
                let mut fact = env.fact(*index).cloned().unwrap_or(Trace {
                    op: TraceOp::Fact,
                    ..trace.clone()
                });
                fact.clause = Arc::clone(&self.clause);
                fact.label = Arc::clone(&self.label);
                if self.reading.is_some() {
                    fact.reading.clone_from(&self.reading);
                }
                return fact;
            }
            NodeKind::Compare(c) => {
                trace.op = TraceOp::Compare;
                trace.outcome = c.outcome(env);
                trace.field = c.field.map(|q| env.field(q));
                trace.value = c.left.value(env).map(|v| shown(&c.left, v));
                if trace.outcome == Outcome::Unknown {
                    let mut missing = Vec::new();
                    c.missing(env, &mut missing);
                    trace.awaiting = missing;
                }
            }
            NodeKind::Cell { column, .. } => {
                trace.op = TraceOp::Cell;
                trace.outcome = self.outcome(env);
                trace.value = env.cell_choice(*column).map(str::to_owned);
            }
            NodeKind::Rate { subprogramme, .. } => {
                trace.op = TraceOp::Rate;
                trace.outcome = self.outcome(env);
                if let RateLookup::Decided(r) = env.rate(*subprogramme) {
                    trace.value = Some(r.code());
                }
            }
            NodeKind::Answered(target) => {
                trace.op = TraceOp::Answered;
                trace.outcome = self.outcome(env);
                if let Target::Question(q) = target {
                    trace.field = Some(env.field(*q));
                }
            }
        }
        trace.reading = reading;
        trace
    }

    /// [`Trace::missing`] without building a trace: the same questions in the same order.
    pub(crate) fn missing(&self, env: &Env<'_>, out: &mut Vec<String>) {
        if self.outcome(env) != Outcome::Unknown {
            return;
        }
        match &self.kind {
            NodeKind::All(nodes) | NodeKind::Any(nodes) => {
                for n in nodes {
                    n.missing(env, out);
                }
            }
            NodeKind::Not(node) => node.missing(env, out),
            NodeKind::Answer { question, .. } => {
                if env.asked(*question) {
                    push(out, &env.field(*question));
                }
            }
            NodeKind::Fact(index) => {
                if let Some(crate::pack::model::FactBody::When(node)) =
                    env.programme().facts.get(*index).map(|f| &f.body)
                {
                    node.missing(env, out);
                }
            }
            NodeKind::Compare(c) => c.missing(env, out),
            NodeKind::Cell { .. } | NodeKind::Rate { .. } | NodeKind::Answered(_) => {}
        }
    }

    /// [`Trace::decisive_leaves`] without building a trace: `(field, clause)` of each leaf with
    /// a field that decides this node's outcome, in tree order.
    pub(crate) fn decisive(&self, env: &Env<'_>, out: &mut Vec<(Arc<str>, Arc<str>)>) {
        let target = self.outcome(env);
        self.collect_decisive(env, target, None, out);
    }

    fn collect_decisive(
        &self,
        env: &Env<'_>,
        target: Outcome,
        clause: Option<&Arc<str>>,
        out: &mut Vec<(Arc<str>, Arc<str>)>,
    ) {
        if target == Outcome::Unknown || self.outcome(env) != target {
            return;
        }
        // A fact shows as its own tree under the referring node's clause (see `evaluate`).
        let clause = clause.unwrap_or(&self.clause);
        match &self.kind {
            NodeKind::Answer { question, .. } | NodeKind::Answered(Target::Question(question)) => {
                out.push((env.field(*question), Arc::clone(clause)));
            }
            NodeKind::Compare(c) => {
                if let Some(q) = c.field {
                    out.push((env.field(q), Arc::clone(clause)));
                }
            }
            NodeKind::All(nodes) | NodeKind::Any(nodes) => {
                for n in nodes {
                    n.collect_decisive(env, target, None, out);
                }
            }
            NodeKind::Not(node) => node.collect_decisive(env, target.negate(), None, out),
            NodeKind::Fact(index) => {
                if let Some(crate::pack::model::FactBody::When(node)) =
                    env.programme().facts.get(*index).map(|f| &f.body)
                {
                    node.collect_decisive(env, target, Some(clause), out);
                }
            }
            NodeKind::Cell { .. } | NodeKind::Rate { .. } | NodeKind::Answered(_) => {}
        }
    }
}

fn push(out: &mut Vec<String>, field: &str) {
    if !out.iter().any(|f| f == field) {
        out.push(field.to_owned());
    }
}

impl Comparison {
    /// Whether the comparison holds; unknown while a side is.
    pub(crate) fn outcome(&self, env: &Env<'_>) -> Outcome {
        let Some(l) = self.left.value(env) else {
            return Outcome::Unknown;
        };
        let mut right = Vec::with_capacity(self.right.len());
        for r in &self.right {
            match r.value(env) {
                Some(v) => right.push(v),
                None => return Outcome::Unknown,
            }
        }
        let Some(&r) = right.first() else {
            return Outcome::Unknown;
        };
        let holds = match self.cmp {
            Cmp::AtMost => l <= r,
            Cmp::AtLeast => l >= r,
            Cmp::Below => l < r,
            Cmp::Above => l > r,
            Cmp::Equals => l == r,
            Cmp::Between => right.get(1).is_some_and(|&hi| r <= l && l <= hi),
            Cmp::Agrees => {
                // Within one unit of the last decimal place written.
                let places = env.written(&self.left.op).map_or(0, |w| w.scale());
                let unit = 10_i128
                    .checked_pow(places)
                    .and_then(|d| Exact::new(1, d))
                    .unwrap_or(Exact::ONE);
                let gap = l.checked_sub(r).map(|d| {
                    if d.is_negative() {
                        Exact::ZERO.checked_sub(d)
                    } else {
                        Some(d)
                    }
                });
                gap.flatten().is_some_and(|g| g < unit)
            }
        };
        Outcome::of(holds)
    }

    /// The unanswered questions either side waits for.
    pub(crate) fn missing(&self, env: &Env<'_>, out: &mut Vec<String>) {
        self.left.missing(env, out);
        for r in &self.right {
            r.missing(env, out);
        }
    }
}

fn rounding(mode: RoundMode) -> Rounding {
    match mode {
        RoundMode::Floor => Rounding::Floor,
        RoundMode::HalfUp => Rounding::HalfUp,
        RoundMode::HalfEven => Rounding::HalfEven,
    }
}

impl Expr {
    /// The exact value; `None` while an input is unknown (or the result would not fit).
    pub(crate) fn value(&self, env: &Env<'_>) -> Option<Exact> {
        match &self.op {
            Op::Const(x, _) => Some(*x),
            Op::Answer(_)
            | Op::Fact(_)
            | Op::Figure(_)
            | Op::Cell(_)
            | Op::RowFigure(_)
            | Op::Field { .. }
            | Op::ColumnSum(_) => env.leaf(&self.op),
            Op::Sum(xs) => xs
                .iter()
                .try_fold(Exact::ZERO, |acc, x| acc.checked_add(x.value(env)?)),
            Op::Minus(a, b) => a.value(env)?.checked_sub(b.value(env)?),
            Op::Times(xs) => xs
                .iter()
                .try_fold(Exact::ONE, |acc, x| acc.checked_mul(x.value(env)?)),
            Op::Divide(a, b) => a.value(env)?.checked_div(b.value(env)?),
            Op::Min(xs) => xs
                .iter()
                .map(|x| x.value(env))
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .min(),
            Op::Max(xs) => xs
                .iter()
                .map(|x| x.value(env))
                .collect::<Option<Vec<_>>>()?
                .into_iter()
                .max(),
            Op::Average(xs) => {
                let sum = xs
                    .iter()
                    .try_fold(Exact::ZERO, |acc, x| acc.checked_add(x.value(env)?))?;
                sum.checked_div(Exact::int(i128::try_from(xs.len()).ok()?))
            }
            Op::FirstKnown(xs) => xs.iter().find_map(|x| x.value(env)),
            Op::Floor(x, step) => x.value(env)?.floor_to(*step),
            Op::Round(x, places, mode) => x.value(env)?.round_places(*places, rounding(*mode)),
            Op::Choose(cases, otherwise) => {
                for c in cases {
                    match c.when.outcome(env) {
                        Outcome::Pass => return c.then.value(env),
                        Outcome::Unknown => return None,
                        Outcome::Fail => {}
                    }
                }
                otherwise.value(env)
            }
            Op::Rate(sub) => match env.rate(*sub) {
                RateLookup::Decided(r) => r.fraction(),
                RateLookup::Undecided | RateLookup::NotChosen => None,
            },
            Op::Days(from, to) => {
                let (a, b) = (env.date(from)?, env.date(to)?);
                (b >= a).then(|| Exact::int(i128::from((b - a).num_days()) + 1))
            }
            Op::Date(d) => env.date(d).map(day_number),
        }
    }

    /// The unanswered questions an unknown value waits for, in the order it reads them.
    pub(crate) fn missing(&self, env: &Env<'_>, out: &mut Vec<String>) {
        if self.value(env).is_some() {
            return;
        }
        match &self.op {
            Op::Answer(q) => {
                if env.asked(*q) {
                    push(out, &env.field(*q));
                }
            }
            Op::Fact(f) => match env.programme().facts.get(*f).map(|f| &f.body) {
                Some(crate::pack::model::FactBody::Value(e)) => e.missing(env, out),
                Some(crate::pack::model::FactBody::When(n)) => n.missing(env, out),
                None => {}
            },
            Op::Figure(i) => {
                if let Some(f) = env.programme().figures.get(*i) {
                    f.value.missing(env, out);
                }
            }
            Op::Sum(xs)
            | Op::Times(xs)
            | Op::Min(xs)
            | Op::Max(xs)
            | Op::Average(xs)
            | Op::FirstKnown(xs) => {
                for x in xs {
                    x.missing(env, out);
                }
            }
            Op::Minus(a, b) | Op::Divide(a, b) => {
                a.missing(env, out);
                b.missing(env, out);
            }
            Op::Floor(x, _) | Op::Round(x, _, _) => x.missing(env, out),
            Op::Choose(cases, otherwise) => {
                for c in cases {
                    match c.when.outcome(env) {
                        Outcome::Pass => return c.then.missing(env, out),
                        Outcome::Unknown => return c.when.missing(env, out),
                        Outcome::Fail => {}
                    }
                }
                otherwise.missing(env, out);
            }
            Op::Days(a, b) => {
                date_missing(env, a, out);
                date_missing(env, b, out);
            }
            Op::Date(d) => date_missing(env, d, out),
            Op::Const(..)
            | Op::Cell(_)
            | Op::RowFigure(_)
            | Op::Field { .. }
            | Op::ColumnSum(_)
            | Op::Rate(_) => {}
        }
    }
}

/// The unanswered date questions a date expression reads.
fn date_missing(env: &Env<'_>, d: &DateExprSpec, out: &mut Vec<String>) {
    match d {
        DateExprSpec::Answer(id) => {
            let q = env.programme().question_index(id);
            if env.date(d).is_none() && q.is_none_or(|q| env.asked(q)) {
                push(out, id);
            }
        }
        DateExprSpec::MonthsElapsed { from, .. }
        | DateExprSpec::WithinDaysAfter { from, .. }
        | DateExprSpec::DaysBefore { from, .. }
        | DateExprSpec::NextYearOn { from, .. } => date_missing(env, from, out),
        DateExprSpec::Earliest(items) => {
            for i in items {
                date_missing(env, i, out);
            }
        }
        DateExprSpec::Fixed(_) | DateExprSpec::FiscalYearStart | DateExprSpec::FiscalYearEnd => {}
    }
}

/// A value of an expression as shown: amounts grouped in its unit (`1,234千円`), numbers as
/// digits or a fraction (`12.5`, `2/3`), dates in 和暦.
pub(crate) fn shown(expr: &Expr, value: Exact) -> String {
    shown_as(expr.kind, expr.unit, value)
}

/// [`shown`] for a kind and unit.
pub(crate) fn shown_as(
    kind: Kind,
    unit: crate::text::amount_field::FieldUnit,
    value: Exact,
) -> String {
    match kind {
        Kind::Money => money_display(value, unit).unwrap_or_else(|| fractional_yen(value)),
        Kind::Date => date_of_day(value).map_or_else(|| value.to_string(), format_wareki),
        Kind::Number | Kind::Error => value.to_string(),
    }
}

/// An amount with a fraction of a yen (before a rule rounds it): grouped yen and the fraction,
/// exactly (`10,066,666 2/3円`, `1,234.5円`).
fn fractional_yen(value: Exact) -> String {
    let whole = value.floor_to(Exact::ONE).unwrap_or(Exact::ZERO);
    let fraction = value.checked_sub(whole).unwrap_or(Exact::ZERO);
    let grouped = whole
        .to_decimal()
        .and_then(|d| crate::text::money::Yen::new(d).ok())
        .map_or_else(|| whole.to_string(), crate::text::money::Yen::grouped);
    match fraction.to_decimal() {
        Some(d) => {
            let digits = d.to_string();
            format!("{grouped}{}円", digits.trim_start_matches('0'))
        }
        None => format!("{grouped} {fraction}円"),
    }
}

/// An amount as whole yen, when it is.
fn whole_yen(value: Exact) -> Option<crate::text::money::Yen> {
    let yen = crate::text::money::Yen::new(value.to_decimal()?).ok()?;
    value.is_whole().then_some(yen)
}

/// An amount as a figure in `unit`, when it is whole yen.
pub(crate) fn money_figure(
    value: Exact,
    unit: crate::text::amount_field::FieldUnit,
) -> Option<Figure> {
    whole_yen(value).map(|yen| Figure::of(yen, unit))
}

/// [`money_figure`]'s `display` alone, for text that shows the amount only.
pub(crate) fn money_display(
    value: Exact,
    unit: crate::text::amount_field::FieldUnit,
) -> Option<String> {
    whole_yen(value).map(|yen| Figure::display_of(yen, unit))
}

/// The date a day number stands for.
pub(crate) fn date_of_day(value: Exact) -> Option<NaiveDate> {
    let days = i32::try_from(value.to_integer()?).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// The words for an unknown value in a formula, in Japanese and English.
pub(crate) const UNKNOWN: (&str, &str) = ("未確定", "unknown");
