//! Formulas: an expression written out in words (「補助金額 = min(⌊補助対象経費 × 補助率⌋,
//! 補助上限額)」) and with the numbers that produced its value (「= min(⌊600,000円 × 2/3⌋,
//! 500,000円) = 400,000円」), in Japanese and English.
//!
//! Owns: how an expression is written out. Must not know: what the figure is for.

use super::env::{Env, RateLookup};
use super::logic::{shown, unknown_text};
use super::trace::Outcome;
use crate::finding::message::Message;
use crate::pack::expr::{Expr, Kind, Op, RateValue};
use crate::pack::spec::RoundMode;
use crate::text::exact::Exact;

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

/// An expression written out by name (`min(⌊補助対象経費 × 補助率⌋, 補助上限額)`).
fn symbolic(expr: &Expr, env: &Env<'_>) -> Message {
    let w = Writer { env };
    Message::new(
        w.write(expr, Mode::Names, true),
        w.write(expr, Mode::Names, false),
    )
}

/// A figure's formula in words: `label = ` and its expression by name (`補助金額 = min(…)`).
pub(crate) fn named_formula(label: &Message, expr: &Expr, env: &Env<'_>) -> Message {
    let words = symbolic(expr, env);
    Message::new(
        format!("{} = {}", label.ja, words.ja),
        format!("{} = {}", label.en, words.en),
    )
}

/// An expression written out with the numbers that produced its value.
pub(crate) fn worked(expr: &Expr, env: &Env<'_>) -> Message {
    let w = Writer { env };
    Message::new(
        w.write(expr, Mode::Numbers, true),
        w.write(expr, Mode::Numbers, false),
    )
}

/// Whether [`symbolic`] writes the same words whatever the answers: only a `choose` writes the
/// case that holds.
pub(crate) fn symbolic_is_fixed(expr: &Expr) -> bool {
    let mut fixed = true;
    expr.visit(&mut |e| fixed &= !matches!(e.op, Op::Choose(..)));
    fixed
}

struct Writer<'e, 'a> {
    env: &'e Env<'a>,
}

impl Writer<'_, '_> {
    fn name(&self, e: &Expr) -> Message {
        let p = self.env.programme();
        match &e.op {
            Op::Answer(q) => p.questions[*q].label.clone(),
            Op::Fact(f) => p.spec.facts[*f].label.clone(),
            Op::Figure(i) => p.figures[*i].spec.label.clone(),
            Op::Cell(c) => self
                .env
                .table()
                .map_or_else(|| Message::new("", ""), |t| t.columns[*c].label.clone()),
            Op::RowFigure(i) => self
                .env
                .table()
                .map_or_else(|| Message::new("", ""), |t| t.row_figures[*i].label.clone()),
            Op::Field { table, column } => p.tables[*table].columns[*column].label.clone(),
            Op::ColumnSum(s) => s.label.clone(),
            Op::Rate(_) => Message::new("補助率", "rate"),
            Op::Days(..) => Message::new("日数", "days"),
            Op::Date(_) => Message::new("日付", "date"),
            Op::Const(_, written) => Message::new(written.clone(), written.clone()),
            _ => Message::new("", ""),
        }
    }

    fn pick(m: &Message, ja: bool) -> String {
        if ja {
            m.ja.to_string()
        } else {
            m.en.to_string()
        }
    }

    /// A leaf: its name, or its value (the name marked unknown when it has none).
    fn leaf(&self, e: &Expr, mode: Mode, ja: bool) -> String {
        if mode == Mode::Names || matches!(e.op, Op::Const(..)) {
            return Self::pick(&self.name(e), ja);
        }
        match (e.value(self.env), &e.op) {
            (Some(v), Op::Figure(i)) => {
                let spec = &self.env.programme().figures[*i].spec;
                match &spec.suffix {
                    Some(suffix) => format!("{v}{}", Self::pick(suffix, ja)),
                    None => shown(e, v),
                }
            }
            (Some(v), _) => shown(e, v),
            (None, _) => format!(
                "[{}: {}]",
                Self::pick(&self.name(e), ja),
                Self::pick(&unknown_text(), ja)
            ),
        }
    }

    fn child(&self, parent: u8, e: &Expr, mode: Mode, ja: bool, strict: bool) -> String {
        let text = self.write(e, mode, ja);
        let p = precedence(e);
        if p < parent || (strict && p == parent) {
            format!("({text})")
        } else {
            text
        }
    }

    fn list(&self, xs: &[Expr], mode: Mode, ja: bool) -> String {
        xs.iter()
            .map(|x| self.write(x, mode, ja))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn write(&self, e: &Expr, mode: Mode, ja: bool) -> String {
        let p = precedence(e);
        match &e.op {
            Op::Sum(xs) => xs
                .iter()
                .map(|x| self.child(p, x, mode, ja, false))
                .collect::<Vec<_>>()
                .join(" + "),
            Op::Minus(a, b) => format!(
                "{} − {}",
                self.child(p, a, mode, ja, false),
                self.child(p, b, mode, ja, true)
            ),
            Op::Times(xs) => xs
                .iter()
                .map(|x| self.child(p, x, mode, ja, false))
                .collect::<Vec<_>>()
                .join(" × "),
            Op::Divide(a, b) => format!(
                "{} ÷ {}",
                self.child(p, a, mode, ja, false),
                self.child(p, b, mode, ja, true)
            ),
            Op::Min(xs) => format!("min({})", self.list(xs, mode, ja)),
            Op::Max(xs) => format!("max({})", self.list(xs, mode, ja)),
            Op::Average(xs) => {
                let word = if ja { "平均" } else { "average" };
                format!("{word}({})", self.list(xs, mode, ja))
            }
            Op::FirstKnown(xs) => {
                if let (Mode::Numbers, Some(x)) =
                    (mode, xs.iter().find(|x| x.value(self.env).is_some()))
                {
                    self.write(x, mode, ja)
                } else {
                    let parts: Vec<String> = xs.iter().map(|x| self.write(x, mode, ja)).collect();
                    if ja {
                        parts.join("（なければ ") + &"）".repeat(parts.len().saturating_sub(1))
                    } else {
                        parts.join(" (else ") + &")".repeat(parts.len().saturating_sub(1))
                    }
                }
            }
            Op::Floor(x, step) => {
                let inner = format!("⌊{}⌋", self.write(x, mode, ja));
                if *step == Exact::ONE {
                    inner
                } else {
                    let unit = if x.kind == Kind::Money {
                        shown(x, *step)
                    } else {
                        step.to_string()
                    };
                    if ja {
                        format!("{inner}（{unit}未満切捨て）")
                    } else {
                        format!("{inner} (rounded down to {unit})")
                    }
                }
            }
            Op::Round(x, places, mode_) => {
                let (wja, wen) = match mode_ {
                    RoundMode::Floor => ("切捨て", "rounded down"),
                    RoundMode::HalfUp => ("四捨五入", "rounded half up"),
                    RoundMode::HalfEven => ("偶数丸め", "rounded half to even"),
                };
                let inner = self.write(x, mode, ja);
                if ja {
                    format!("{inner}（小数点以下{places}桁に{wja}）")
                } else {
                    format!("{inner} ({wen} to {places} places)")
                }
            }
            Op::Choose(cases, otherwise) => {
                for c in cases {
                    match c.when.outcome(self.env) {
                        Outcome::Pass => {
                            let text = self.write(&c.then, mode, ja);
                            return match &c.label {
                                Some(l) => format!("{text}［{}］", Self::pick(l, ja)),
                                None => text,
                            };
                        }
                        Outcome::Unknown => {
                            return if ja {
                                "［条件未確定］".to_owned()
                            } else {
                                "[condition undecided]".to_owned()
                            };
                        }
                        Outcome::Fail => {}
                    }
                }
                self.write(otherwise, mode, ja)
            }
            Op::Rate(sub) => {
                if mode == Mode::Names {
                    return self.leaf(e, mode, ja);
                }
                match self.env.rate(*sub) {
                    RateLookup::Decided(RateValue::Fixed) => {
                        if ja {
                            "1（定額）".to_owned()
                        } else {
                            "1 (fixed)".to_owned()
                        }
                    }
                    RateLookup::Decided(r) => r
                        .fraction()
                        .map_or_else(|| Self::pick(&r.label(), ja), |f| f.to_string()),
                    RateLookup::Undecided | RateLookup::NotChosen => self.leaf(e, mode, ja),
                }
            }
            Op::Days(..) if mode == Mode::Numbers => match e.value(self.env) {
                Some(v) => {
                    if ja {
                        format!("{v}日")
                    } else {
                        format!("{v} days")
                    }
                }
                None => self.leaf(e, mode, ja),
            },
            _ => self.leaf(e, mode, ja),
        }
    }
}
