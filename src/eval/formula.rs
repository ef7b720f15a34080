//! Formulas: an expression written out in words (「補助金額 = min(⌊補助対象経費 × 補助率⌋,
//! 補助上限額)」) and with the numbers that produced its value (「= min(⌊600,000円 × 2/3⌋,
//! 500,000円) = 400,000円」), in Japanese and English.
//!
//! Owns: how an expression is written out. Must not know: what the figure is for.

use super::env::{Env, RateLookup};
use super::logic::{shown, UNKNOWN};
use super::trace::Outcome;
use crate::finding::message::Message;
use crate::pack::expr::{Expr, Kind, Op, RateValue};
use crate::pack::spec::RoundMode;
use crate::text::exact::Exact;
use std::fmt::Write as _;

/// Whether names or numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The names of the inputs.
    Names,
    /// Their values.
    Numbers,
}

/// How tightly an expression binds (for parentheses).
fn precedence(e: &Expr) -> u8 {
    match e.op {
        Op::Sum(_) | Op::Minus(..) => 1,
        Op::Times(_) | Op::Divide(..) => 2,
        _ => 3,
    }
}

/// A figure's formula in words: `label = ` and its expression by name (`補助金額 = min(…)`).
pub(crate) fn named_formula(label: &Message, expr: &Expr, env: &Env<'_>) -> Message {
    Message::written(|out, ja| {
        out.push_str(if ja { &label.ja } else { &label.en });
        out.push_str(" = ");
        Writer::new(env, Mode::Names, ja).write(out, expr);
    })
}

/// A figure's formula with the numbers that made it: `label = numbers = result`, or
/// `label = result` when the expression is a single leaf or its numbers read as the result.
pub(crate) fn worked_formula(
    label: &Message,
    expr: &Expr,
    env: &Env<'_>,
    result: (&str, &str),
) -> Message {
    Message::written(|out, ja| {
        let (label, result) = if ja {
            (&*label.ja, result.0)
        } else {
            (&*label.en, result.1)
        };
        out.push_str(label);
        out.push_str(" = ");
        if !expr.is_leaf() {
            let start = out.len();
            Writer::new(env, Mode::Numbers, ja).write(out, expr);
            if out[start..] == *result {
                return;
            }
            out.push_str(" = ");
        }
        out.push_str(result);
    })
}

/// Whether the symbolic words of an expression are the same whatever the answers: only a
/// `choose` writes the case that holds.
pub(crate) fn symbolic_is_fixed(expr: &Expr) -> bool {
    let mut fixed = true;
    expr.visit(&mut |e| fixed &= !matches!(e.op, Op::Choose(..)));
    fixed
}

/// Writes an expression out, in one language, by name or with numbers, into one buffer.
struct Writer<'e, 'a> {
    env: &'e Env<'a>,
    mode: Mode,
    ja: bool,
}

impl<'e, 'a> Writer<'e, 'a> {
    fn new(env: &'e Env<'a>, mode: Mode, ja: bool) -> Self {
        Self { env, mode, ja }
    }

    /// The text of this writer's language.
    fn pick<'m>(&self, m: &'m Message) -> &'m str {
        if self.ja {
            &m.ja
        } else {
            &m.en
        }
    }

    /// Japanese or English words.
    fn say(&self, out: &mut String, ja: &str, en: &str) {
        out.push_str(if self.ja { ja } else { en });
    }

    /// A leaf's name (an input's label, a constant as written).
    fn name(&self, out: &mut String, e: &Expr) {
        let p = self.env.programme();
        let label = match &e.op {
            Op::Answer(q) => &p.questions[*q].label,
            Op::Fact(f) => &p.spec.facts[*f].label,
            Op::Figure(i) => &p.figures[*i].spec.label,
            Op::Cell(c) => match self.env.table() {
                Some(t) => &t.columns[*c].label,
                None => return,
            },
            Op::RowFigure(i) => match self.env.table() {
                Some(t) => &t.row_figures[*i].label,
                None => return,
            },
            Op::Field { table, column } => &p.tables[*table].columns[*column].label,
            Op::ColumnSum(s) => &s.label,
            Op::Rate(_) => return self.say(out, "補助率", "rate"),
            Op::Days(..) => return self.say(out, "日数", "days"),
            Op::Date(_) => return self.say(out, "日付", "date"),
            Op::Const(_, written) => return out.push_str(written),
            _ => return,
        };
        out.push_str(self.pick(label));
    }

    /// A leaf: its name, or its value (the name marked unknown when it has none).
    fn leaf(&self, out: &mut String, e: &Expr) {
        if self.mode == Mode::Names || matches!(e.op, Op::Const(..)) {
            return self.name(out, e);
        }
        match (e.value(self.env), &e.op) {
            (Some(v), Op::Figure(i)) => {
                let spec = &self.env.programme().figures[*i].spec;
                match &spec.suffix {
                    Some(suffix) => {
                        let _ = write!(out, "{v}");
                        out.push_str(self.pick(suffix));
                    }
                    None => out.push_str(&shown(e, v)),
                }
            }
            (Some(v), _) => out.push_str(&shown(e, v)),
            (None, _) => {
                out.push('[');
                self.name(out, e);
                out.push_str(": ");
                self.say(out, UNKNOWN.0, UNKNOWN.1);
                out.push(']');
            }
        }
    }

    /// An operand of an operator binding as tightly as `parent`, in parentheses where needed
    /// (`strict`: also when it binds as tightly, the right side of `−` and `÷`).
    fn child(&self, out: &mut String, parent: u8, e: &Expr, strict: bool) {
        let p = precedence(e);
        let wrapped = p < parent || (strict && p == parent);
        if wrapped {
            out.push('(');
        }
        self.write(out, e);
        if wrapped {
            out.push(')');
        }
    }

    /// Operands between separators, each in parentheses where needed.
    fn operands(&self, out: &mut String, parent: u8, xs: &[Expr], separator: &str) {
        for (i, x) in xs.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            self.child(out, parent, x, false);
        }
    }

    /// A function's arguments: `name(a, b)`.
    fn call(&self, out: &mut String, name: &str, xs: &[Expr]) {
        out.push_str(name);
        out.push('(');
        for (i, x) in xs.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.write(out, x);
        }
        out.push(')');
    }

    fn write(&self, out: &mut String, e: &Expr) {
        let p = precedence(e);
        let numbers = self.mode == Mode::Numbers;
        match &e.op {
            Op::Sum(xs) => self.operands(out, p, xs, " + "),
            Op::Minus(a, b) => {
                self.child(out, p, a, false);
                out.push_str(" − ");
                self.child(out, p, b, true);
            }
            Op::Times(xs) => self.operands(out, p, xs, " × "),
            Op::Divide(a, b) => {
                self.child(out, p, a, false);
                out.push_str(" ÷ ");
                self.child(out, p, b, true);
            }
            Op::Min(xs) => self.call(out, "min", xs),
            Op::Max(xs) => self.call(out, "max", xs),
            Op::Average(xs) => self.call(out, if self.ja { "平均" } else { "average" }, xs),
            Op::FirstKnown(xs) => {
                if let Some(x) = xs.iter().find(|x| numbers && x.value(self.env).is_some()) {
                    return self.write(out, x);
                }
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        self.say(out, "（なければ ", " (else ");
                    }
                    self.write(out, x);
                }
                for _ in 1..xs.len() {
                    self.say(out, "）", ")");
                }
            }
            Op::Floor(x, step) => {
                out.push('⌊');
                self.write(out, x);
                out.push('⌋');
                if *step != Exact::ONE {
                    let unit = if x.kind == Kind::Money {
                        shown(x, *step)
                    } else {
                        step.to_string()
                    };
                    if self.ja {
                        let _ = write!(out, "（{unit}未満切捨て）");
                    } else {
                        let _ = write!(out, " (rounded down to {unit})");
                    }
                }
            }
            Op::Round(x, places, how) => {
                let (wja, wen) = match how {
                    RoundMode::Floor => ("切捨て", "rounded down"),
                    RoundMode::HalfUp => ("四捨五入", "rounded half up"),
                    RoundMode::HalfEven => ("偶数丸め", "rounded half to even"),
                };
                self.write(out, x);
                if self.ja {
                    let _ = write!(out, "（小数点以下{places}桁に{wja}）");
                } else {
                    let _ = write!(out, " ({wen} to {places} places)");
                }
            }
            Op::Choose(cases, otherwise) => {
                for c in cases {
                    match c.when.outcome(self.env) {
                        Outcome::Pass => {
                            self.write(out, &c.then);
                            if let Some(l) = &c.label {
                                out.push('［');
                                out.push_str(self.pick(l));
                                out.push('］');
                            }
                            return;
                        }
                        Outcome::Unknown => {
                            return self.say(out, "［条件未確定］", "[condition undecided]");
                        }
                        Outcome::Fail => {}
                    }
                }
                self.write(out, otherwise);
            }
            Op::Rate(sub) if numbers => match self.env.rate(*sub) {
                RateLookup::Decided(RateValue::Fixed) => self.say(out, "1（定額）", "1 (fixed)"),
                RateLookup::Decided(r) => match r.fraction() {
                    Some(f) => {
                        let _ = write!(out, "{f}");
                    }
                    None => out.push_str(self.pick(&r.label())),
                },
                RateLookup::Undecided | RateLookup::NotChosen => self.leaf(out, e),
            },
            Op::Days(..) if numbers => match e.value(self.env) {
                Some(v) => {
                    let _ = write!(out, "{v}");
                    self.say(out, "日", " days");
                }
                None => self.leaf(out, e),
            },
            _ => self.leaf(out, e),
        }
    }
}
