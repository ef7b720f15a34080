//! Compiled conditions and expressions: what a pack's trees and arithmetic became once their
//! references were resolved and their kinds checked (an amount is never multiplied by an amount,
//! a shown amount is always rounded to the yen by a rule the pack states). The two live in one
//! file because each holds the other: a comparison holds expressions, a `choose` conditions.
//!
//! Owns: the compiled shape of conditions and expressions. Must not know: how one is evaluated.

use super::spec::{DateExprSpec, RoundMode};
use crate::finding::message::Message;
use crate::text::amount_field::FieldUnit;
use crate::text::exact::Exact;
use std::sync::Arc;

/// A compiled condition node.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
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

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Node { kind, clause, label, reading });

/// The kinds of node.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
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
    /// A condition fact (by index).
    Fact(usize),
    /// A comparison of two expressions.
    Compare(Box<Comparison>),
    /// A choice cell of the row being checked is one of these values.
    Cell {
        /// The column (by index in its table).
        column: usize,
        /// The values that pass.
        values: Vec<String>,
    },
    /// The rate that applies is one of these.
    Rate {
        /// Whose rate (by sub-programme index; the first chosen when `None`).
        subprogramme: Option<usize>,
        /// The rates that pass.
        rates: Vec<RateValue>,
    },
    /// A question or cell is answered.
    Answered(Target),
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(NodeKind, Same { All(_), Any(_), Not(_), Answer { question,
    values }, Fact(_), Compare(_), Cell { column, values }, Rate { subprogramme, rates },
    Answered(_) });

/// What an `answered` leaf looks at.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A question (by index).
    Question(usize),
    /// A cell of the row being checked (by column index).
    Cell(usize),
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(Target, Same { Question(_), Cell(_) });

/// A comparison: `left cmp right` (`between`: `right[0] ≤ left ≤ right[1]`).
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Comparison {
    /// The value compared.
    pub(crate) left: Expr,
    /// How.
    pub(crate) cmp: Cmp,
    /// What it is compared with (two values for `between`).
    pub(crate) right: Vec<Expr>,
    /// The question the comparison is shown at (the first one its left side reads).
    pub(crate) field: Option<usize>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Comparison { left, cmp, right, field });

impl Node {
    /// Calls `f` on this node and every node under it (not into facts, which are walked once).
    pub(crate) fn visit(&self, f: &mut dyn FnMut(&Node)) {
        f(self);
        match &self.kind {
            NodeKind::All(ns) | NodeKind::Any(ns) => {
                for n in ns {
                    n.visit(f);
                }
            }
            NodeKind::Not(n) => n.visit(f),
            NodeKind::Compare(c) => {
                c.left.visit_nodes(f);
                for r in &c.right {
                    r.visit_nodes(f);
                }
            }
            NodeKind::Answer { .. }
            | NodeKind::Fact(_)
            | NodeKind::Cell { .. }
            | NodeKind::Rate { .. }
            | NodeKind::Answered(_) => {}
        }
    }

    /// Calls `f` on every expression directly under this node's comparisons.
    pub(crate) fn visit_exprs(&self, f: &mut dyn FnMut(&Expr)) {
        match &self.kind {
            NodeKind::All(ns) | NodeKind::Any(ns) => {
                for n in ns {
                    n.visit_exprs(f);
                }
            }
            NodeKind::Not(n) => n.visit_exprs(f),
            NodeKind::Compare(c) => {
                f(&c.left);
                for r in &c.right {
                    f(r);
                }
            }
            NodeKind::Answer { .. }
            | NodeKind::Fact(_)
            | NodeKind::Cell { .. }
            | NodeKind::Rate { .. }
            | NodeKind::Answered(_) => {}
        }
    }
}

/// What an expression's value is.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An amount of money, in yen.
    Money,
    /// A plain number (a count, a percentage, a rate).
    Number,
    /// A date (days since the common era).
    Date,
    /// Not known: a problem was found in the pack (never in a checked pack).
    Error,
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(Kind, Same { Money, Number, Date, Error });

impl Kind {
    #[cfg(feature = "pack-json")]
    /// In Japanese, for a problem.
    pub(crate) fn name_ja(self) -> &'static str {
        match self {
            Kind::Money => "金額",
            Kind::Number => "数",
            Kind::Date => "日付",
            Kind::Error => "不明",
        }
    }

    #[cfg(feature = "pack-json")]
    /// In English, for a problem.
    pub(crate) fn name_en(self) -> &'static str {
        match self {
            Kind::Money => "an amount",
            Kind::Number => "a number",
            Kind::Date => "a date",
            Kind::Error => "something unknown",
        }
    }
}

/// A compiled expression.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Expr {
    /// What it computes.
    pub(crate) op: Op,
    /// Its kind.
    pub(crate) kind: Kind,
    /// The unit an amount is shown in.
    pub(crate) unit: FieldUnit,
    #[cfg_attr(not(feature = "pack-json"), allow(dead_code))]
    /// Whether an amount is always whole yen (a fraction only appears through a product or a
    /// quotient, until a `floor` rounds it).
    pub(crate) whole: bool,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Expr { op, kind, unit, whole });

/// The operations.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// A question's number or amount (by index).
    Answer(usize),
    /// A number fact (by index).
    Fact(usize),
    /// A figure (by index).
    Figure(usize),
    /// A cell of the row being checked (by column index).
    Cell(usize),
    /// A figure of the row being checked (by index).
    RowFigure(usize),
    /// A field of a single-record table.
    Field {
        /// The table.
        table: usize,
        /// The column.
        column: usize,
    },
    /// A constant, and how it was written (for formulas).
    Const(Exact, String),
    /// The sum.
    Sum(Vec<Expr>),
    /// The first minus the second.
    Minus(Box<Expr>, Box<Expr>),
    /// The product.
    Times(Vec<Expr>),
    /// The quotient.
    Divide(Box<Expr>, Box<Expr>),
    /// The least.
    Min(Vec<Expr>),
    /// The greatest.
    Max(Vec<Expr>),
    /// The average.
    Average(Vec<Expr>),
    /// The first known.
    FirstKnown(Vec<Expr>),
    /// Rounded down to a multiple of this many yen.
    Floor(Box<Expr>, Exact),
    /// Rounded to decimal places.
    Round(Box<Expr>, u32, RoundMode),
    /// The first case whose condition holds.
    Choose(Vec<ChooseCase>, Box<Expr>),
    /// A column's sum.
    ColumnSum(ColumnSum),
    /// The rate of a sub-programme (by index; the first chosen when `None`).
    Rate(Option<usize>),
    /// Days between two dates, both counted.
    Days(Box<DateExprSpec>, Box<DateExprSpec>),
    /// A date.
    Date(Box<DateExprSpec>),
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(Op, Same { Answer(_), Fact(_), Figure(_), Cell(_), RowFigure(_),
    Field { table, column }, Const(_, _), Sum(_), Minus(_, _), Times(_), Divide(_, _), Min(_),
    Max(_), Average(_), FirstKnown(_), Floor(_, _), Round(_, _, _), Choose(_, _), ColumnSum(_),
    Rate(_), Days(_, _), Date(_) });

/// One case of a choice.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct ChooseCase {
    /// When it applies.
    pub(crate) when: Node,
    /// Its value.
    pub(crate) then: Expr,
    /// Its name in formulas.
    pub(crate) label: Option<Message>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(ChooseCase { when, then, label });

/// Which rows of a table a sum counts, and which column.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct ColumnSum {
    /// The table.
    pub(crate) table: usize,
    /// What is summed in each row.
    pub(crate) summed: Summed,
    /// Only these categories.
    pub(crate) categories: Option<Vec<String>>,
    /// Not these categories.
    pub(crate) except: Option<Vec<String>>,
    /// Only this group.
    pub(crate) group: Option<String>,
    /// Only this sub-programme.
    pub(crate) subprogramme: Option<String>,
    /// What it is called in formulas.
    pub(crate) label: Message,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(ColumnSum { table, summed, categories, except, group,
    subprogramme, label });

/// What a column sum adds up in each row.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Summed {
    /// An amount column (by index).
    Column(usize),
    /// A row figure (by index).
    RowFigure(usize),
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(Summed, Same { Column(_), RowFigure(_) });

/// A comparison.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    /// ≤
    AtMost,
    /// ≥
    AtLeast,
    /// <
    Below,
    /// >
    Above,
    /// =
    Equals,
    /// within, both ends included
    Between,
    /// agrees to the precision the left side is written in
    Agrees,
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(Cmp, Same { AtMost, AtLeast, Below, Above, Equals, Between,
    Agrees });

impl Cmp {
    #[cfg(feature = "pack-json")]
    /// The pack key of the right side `i` (`at_most`, `between[1]`).
    pub(crate) fn key(self, i: usize) -> String {
        match self {
            Cmp::AtMost => "at_most".into(),
            Cmp::AtLeast => "at_least".into(),
            Cmp::Below => "below".into(),
            Cmp::Above => "above".into(),
            Cmp::Equals => "equals".into(),
            Cmp::Between => format!("between[{i}]"),
            Cmp::Agrees => "agrees_with".into(),
        }
    }

    #[cfg(feature = "pack-json")]
    /// The comparison in words, for a label: (ja, en).
    pub(crate) fn words(self) -> (&'static str, &'static str) {
        match self {
            Cmp::AtMost => ("以下", "at most"),
            Cmp::AtLeast => ("以上", "at least"),
            Cmp::Below => ("未満", "below"),
            Cmp::Above => ("超", "above"),
            Cmp::Equals => ("と等しい", "equal to"),
            Cmp::Between => ("の範囲", "between"),
            Cmp::Agrees => ("と一致", "agreeing with"),
        }
    }
}

/// A rate (補助率).
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RateValue {
    /// 定額.
    Fixed,
    /// No rate stated.
    None,
    /// A fraction (at most this much of the cost).
    Fraction(Exact),
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(RateValue, Same { Fixed, None, Fraction(_) });

impl RateValue {
    #[cfg(feature = "pack-json")]
    /// Reads `fixed`, `none` or a fraction such as `1/2`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "fixed" => Some(RateValue::Fixed),
            "none" => Some(RateValue::None),
            _ => Exact::parse(text)
                .filter(|x| *x > Exact::ZERO && *x <= Exact::ONE)
                .map(RateValue::Fraction),
        }
    }

    /// As the Report writes it: `fixed`, `none`, `1/2`.
    pub(crate) fn code(self) -> String {
        match self {
            RateValue::Fixed => "fixed".to_owned(),
            RateValue::None => "none".to_owned(),
            RateValue::Fraction(x) => {
                format!("{}/{}", x.numerator(), x.denominator())
            }
        }
    }

    /// In words.
    pub(crate) fn label(self) -> Message {
        match self {
            RateValue::Fixed => Message::new("定額", "fixed amount (定額)"),
            RateValue::None => Message::new("補助率の定めなし", "no rate stated in the document"),
            RateValue::Fraction(x) if x == Exact::ONE => Message::new("10/10以内", "at most 10/10"),
            RateValue::Fraction(x) => {
                let f = format!("{}/{}", x.numerator(), x.denominator());
                Message::new(format!("{f}以内"), format!("at most {f}"))
            }
        }
    }

    /// The fraction it applies to a cost (定額: the whole; none stated: none).
    pub(crate) fn fraction(self) -> Option<Exact> {
        match self {
            RateValue::Fixed => Some(Exact::ONE),
            RateValue::None => None,
            RateValue::Fraction(x) => Some(x),
        }
    }
}

impl Expr {
    /// Calls `f` on this expression and every expression under it (not into facts or figures).
    pub(crate) fn visit(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        match &self.op {
            Op::Sum(xs)
            | Op::Times(xs)
            | Op::Min(xs)
            | Op::Max(xs)
            | Op::Average(xs)
            | Op::FirstKnown(xs) => {
                for x in xs {
                    x.visit(f);
                }
            }
            Op::Minus(a, b) | Op::Divide(a, b) => {
                a.visit(f);
                b.visit(f);
            }
            Op::Floor(x, _) | Op::Round(x, _, _) => x.visit(f),
            Op::Choose(cases, otherwise) => {
                for c in cases {
                    c.when.visit_exprs(&mut |e| e.visit(f));
                    c.then.visit(f);
                }
                otherwise.visit(f);
            }
            Op::Answer(_)
            | Op::Fact(_)
            | Op::Figure(_)
            | Op::Cell(_)
            | Op::RowFigure(_)
            | Op::Field { .. }
            | Op::Const(..)
            | Op::ColumnSum(_)
            | Op::Rate(_)
            | Op::Days(..)
            | Op::Date(_) => {}
        }
    }

    /// Whether it reads one value and computes nothing.
    pub(crate) fn is_leaf(&self) -> bool {
        matches!(
            self.op,
            Op::Answer(_)
                | Op::Fact(_)
                | Op::Figure(_)
                | Op::Cell(_)
                | Op::RowFigure(_)
                | Op::Field { .. }
                | Op::Const(..)
                | Op::ColumnSum(_)
                | Op::Rate(_)
                | Op::Days(..)
                | Op::Date(_)
        )
    }

    #[cfg(feature = "pack-json")]
    /// The first question this expression reads directly (for showing a comparison at it).
    pub(crate) fn first_question(&self) -> Option<usize> {
        let mut found = None;
        self.visit(&mut |e| {
            if let (None, Op::Answer(q)) = (found, &e.op) {
                found = Some(*q);
            }
        });
        found
    }

    /// Calls `f` on every condition node under this expression (`choose` cases).
    pub(crate) fn visit_nodes(&self, f: &mut dyn FnMut(&Node)) {
        self.visit(&mut |e| {
            if let Op::Choose(cases, _) = &e.op {
                for c in cases {
                    c.when.visit(f);
                }
            }
        });
    }
}
