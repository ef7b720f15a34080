//! Expressions: every reference resolved in the scope it stands in, every operation between
//! values of kinds that fit (amounts add to amounts; an amount times a number is an amount; an
//! amount is never multiplied by an amount), constants read exactly.
//!
//! Owns: those checks. Must not know: how an expression is evaluated.

use super::{Compiler, Scope};
use crate::finding::message::Message;
use crate::pack::expr::{ChooseCase, ColumnSum, Expr, Kind, Op, Summed};
use crate::pack::spec::{AnswerKind, ColumnKind, ExprSpec, NodeSpec};
use crate::text::amount_field::FieldUnit;
use crate::text::exact::Exact;
use crate::text::money::whole_digits;
use rust_decimal::Decimal;

fn leaf(op: Op, kind: Kind, unit: FieldUnit, whole: bool) -> Expr {
    Expr {
        op,
        kind,
        unit,
        whole,
    }
}

/// A stand-in after a problem (the pack is refused anyway).
fn error() -> Expr {
    leaf(
        Op::Const(Exact::ZERO, "0".into()),
        Kind::Error,
        FieldUnit::Yen,
        true,
    )
}

/// `1234567` → `1,234,567`.
fn grouped(value: Decimal) -> String {
    let digits = whole_digits(value);
    let (sign, digits) = digits
        .strip_prefix('-')
        .map_or(("", digits.as_str()), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

impl Compiler {
    /// Compiles an expression standing at `at` in `scope`.
    pub(super) fn expr(&mut self, at: &str, spec: &ExprSpec, scope: Scope) -> Expr {
        match spec {
            ExprSpec::Answer(id) => self.answer_expr(&format!("{at}.answer"), id),
            ExprSpec::Fact(id) => self.fact_expr(&format!("{at}.fact"), id),
            ExprSpec::Figure(id) => self.figure_expr(&format!("{at}.figure"), id, scope),
            ExprSpec::Cell(key) => self.cell_expr(&format!("{at}.cell"), key, scope),
            ExprSpec::RowFigure(id) => self.row_figure_expr(&format!("{at}.row_figure"), id, scope),
            ExprSpec::Field(path) => self.field_expr(&format!("{at}.field"), path, scope),
            ExprSpec::Yen(d) | ExprSpec::ThousandYen(d) => {
                let thousand = matches!(spec, ExprSpec::ThousandYen(_));
                let key = if thousand { "thousand_yen" } else { "yen" };
                let Some(value) = d.parse::<Decimal>().ok().filter(|v| v.fract().is_zero()) else {
                    self.problem(
                        format!("{at}.{key}"),
                        format!("「{d}」は整数の金額ではありません。"),
                        format!("\"{d}\" is not a whole amount"),
                    );
                    return error();
                };
                let (factor, unit, suffix) = if thousand {
                    (1000, FieldUnit::ThousandYen, "千円")
                } else {
                    (1, FieldUnit::Yen, "円")
                };
                let exact =
                    Exact::from_decimal(value).and_then(|v| v.checked_mul(Exact::int(factor)));
                let Some(exact) = exact else {
                    self.problem(
                        format!("{at}.{key}"),
                        "金額が大きすぎます。",
                        "the amount is too large",
                    );
                    return error();
                };
                leaf(
                    Op::Const(exact, format!("{}{suffix}", grouped(value))),
                    Kind::Money,
                    unit,
                    true,
                )
            }
            ExprSpec::Number(text) => {
                if let Some(x) = Exact::parse(text) {
                    leaf(
                        Op::Const(x, text.clone()),
                        Kind::Number,
                        FieldUnit::Yen,
                        x.is_whole(),
                    )
                } else {
                    self.problem(
                        format!("{at}.number"),
                        format!("「{text}」は数（12・12.5・2/3 など）ではありません。"),
                        format!("\"{text}\" is not a number (12, 12.5, 2/3, …)"),
                    );
                    error()
                }
            }
            ExprSpec::Percent(text) => {
                if let Some(x) = Exact::parse(text).and_then(|x| x.checked_div(Exact::int(100))) {
                    leaf(
                        Op::Const(x, format!("{text}%")),
                        Kind::Number,
                        FieldUnit::Yen,
                        false,
                    )
                } else {
                    self.problem(
                        format!("{at}.percent"),
                        format!("「{text}」は百分率の数ではありません。"),
                        format!("\"{text}\" is not a percentage"),
                    );
                    error()
                }
            }
            ExprSpec::Sum(xs) => {
                let items = self.items(&format!("{at}.sum"), xs, scope, 1);
                let (kind, unit) = self.same_kind(&format!("{at}.sum"), &items, false);
                let whole = items.iter().all(|x| x.whole);
                leaf(Op::Sum(items), kind, unit, whole)
            }
            ExprSpec::Minus(xs) => {
                let mut items = self.items(&format!("{at}.minus"), xs, scope, 2);
                if items.len() != 2 {
                    self.problem(
                        format!("{at}.minus"),
                        "minus には引かれる数と引く数の二つを書きます。",
                        "`minus` takes exactly two values",
                    );
                    return error();
                }
                let (kind, unit) = self.same_kind(&format!("{at}.minus"), &items, false);
                let whole = items.iter().all(|x| x.whole);
                let b = items.pop().unwrap_or_else(error);
                let a = items.pop().unwrap_or_else(error);
                leaf(Op::Minus(Box::new(a), Box::new(b)), kind, unit, whole)
            }
            ExprSpec::Times(xs) => {
                let items = self.items(&format!("{at}.times"), xs, scope, 2);
                self.times(&format!("{at}.times"), items)
            }
            ExprSpec::Divide(xs) => {
                let mut items = self.items(&format!("{at}.divide"), xs, scope, 2);
                if items.len() != 2 {
                    self.problem(
                        format!("{at}.divide"),
                        "divide には割られる数と割る数の二つを書きます。",
                        "`divide` takes exactly two values",
                    );
                    return error();
                }
                let b = items.pop().unwrap_or_else(error);
                let a = items.pop().unwrap_or_else(error);
                let (kind, unit) = match (a.kind, b.kind) {
                    (Kind::Money, Kind::Number) => (Kind::Money, a.unit),
                    (Kind::Money, Kind::Money) | (Kind::Number, Kind::Number) => {
                        (Kind::Number, FieldUnit::Yen)
                    }
                    (Kind::Error, _) | (_, Kind::Error) => (Kind::Error, a.unit),
                    _ => {
                        self.problem(
                            format!("{at}.divide"),
                            format!(
                                "{}を{}で割ることはできません。",
                                a.kind.name_ja(),
                                b.kind.name_ja()
                            ),
                            format!(
                                "{} cannot be divided by {}",
                                a.kind.name_en(),
                                b.kind.name_en()
                            ),
                        );
                        (Kind::Error, a.unit)
                    }
                };
                leaf(Op::Divide(Box::new(a), Box::new(b)), kind, unit, false)
            }
            ExprSpec::Min(xs) | ExprSpec::Max(xs) | ExprSpec::FirstKnown(xs) => {
                let key = match spec {
                    ExprSpec::Min(_) => "min",
                    ExprSpec::Max(_) => "max",
                    _ => "first_known",
                };
                let items = self.items(&format!("{at}.{key}"), xs, scope, 2);
                let (kind, unit) = self.same_kind(&format!("{at}.{key}"), &items, true);
                let whole = items.iter().all(|x| x.whole);
                let op = match spec {
                    ExprSpec::Min(_) => Op::Min(items),
                    ExprSpec::Max(_) => Op::Max(items),
                    _ => Op::FirstKnown(items),
                };
                leaf(op, kind, unit, whole)
            }
            ExprSpec::Average(xs) => {
                let items = self.items(&format!("{at}.average"), xs, scope, 1);
                let (kind, unit) = self.same_kind(&format!("{at}.average"), &items, false);
                leaf(Op::Average(items), kind, unit, false)
            }
            ExprSpec::Floor(f) => {
                let of = self.expr(&format!("{at}.floor.of"), &f.of, scope);
                let step = Exact::parse(&f.to).filter(|s| *s > Exact::ZERO);
                let Some(step) = step else {
                    self.problem(
                        format!("{at}.floor.to"),
                        format!("「{}」は切り捨ての単位（1・1000 など正の数）ではありません。", f.to),
                        format!("\"{}\" is not a step to round down to (a positive number such as 1 or 1000)", f.to),
                    );
                    return error();
                };
                if of.kind == Kind::Date {
                    self.problem(
                        format!("{at}.floor.of"),
                        "日付は切り捨てられません。",
                        "a date cannot be rounded",
                    );
                }
                let (kind, unit) = (of.kind, of.unit);
                leaf(Op::Floor(Box::new(of), step), kind, unit, step.is_whole())
            }
            ExprSpec::Round(r) => {
                let of = self.expr(&format!("{at}.round.of"), &r.of, scope);
                if !matches!(of.kind, Kind::Number | Kind::Error) {
                    self.problem(
                        format!("{at}.round.of"),
                        "round は数に使います（金額は floor で円・千円に切り捨てます）。",
                        "`round` takes a number (amounts are rounded down with `floor`)",
                    );
                }
                if r.places > 10 {
                    self.problem(
                        format!("{at}.round.places"),
                        "places は0〜10にしてください。",
                        "places must be 0 to 10",
                    );
                }
                let kind = of.kind;
                leaf(
                    Op::Round(Box::new(of), r.places, r.mode),
                    kind,
                    FieldUnit::Yen,
                    r.places == 0,
                )
            }
            ExprSpec::Choose(c) => {
                if c.cases.is_empty() {
                    self.problem(
                        format!("{at}.choose.cases"),
                        "cases を一つ以上書いてください。",
                        "list at least one case",
                    );
                }
                let mut cases = Vec::new();
                for (i, case) in c.cases.iter().enumerate() {
                    let when = self.node(
                        &format!("{at}.choose.cases[{i}].when"),
                        &case.when,
                        "",
                        scope,
                    );
                    let then =
                        self.expr(&format!("{at}.choose.cases[{i}].then"), &case.then, scope);
                    cases.push(ChooseCase {
                        when,
                        then,
                        label: case.label.clone(),
                    });
                }
                let otherwise = self.expr(&format!("{at}.choose.otherwise"), &c.otherwise, scope);
                let all: Vec<Expr> = cases
                    .iter()
                    .map(|c| c.then.clone())
                    .chain(std::iter::once(otherwise.clone()))
                    .collect();
                let (kind, unit) = self.same_kind(&format!("{at}.choose"), &all, true);
                let whole = all.iter().all(|x| x.whole);
                leaf(Op::Choose(cases, Box::new(otherwise)), kind, unit, whole)
            }
            ExprSpec::ColumnSum(s) => self.column_sum(&format!("{at}.column_sum"), s, scope),
            ExprSpec::Rate(r) => {
                if !scope.rates {
                    self.problem(
                        format!("{at}.rate"),
                        "ここでは補助率を参照できません（補助率は事実・要件・補助率の条件・asked_when から決まります）。",
                        "the rate cannot be read here (it is decided from facts, requirements, rate cases and asked_when)",
                    );
                }
                let sub =
                    r.of.as_ref()
                        .and_then(|s| self.subprogramme(&format!("{at}.rate.of"), s));
                leaf(Op::Rate(sub), Kind::Number, FieldUnit::Yen, false)
            }
            ExprSpec::Days(d) => {
                self.date_expr(&format!("{at}.days.from"), &d.from);
                self.date_expr(&format!("{at}.days.to"), &d.to);
                leaf(
                    Op::Days(Box::new(d.from.clone()), Box::new(d.to.clone())),
                    Kind::Number,
                    FieldUnit::Yen,
                    true,
                )
            }
            ExprSpec::Date(d) => {
                self.date_expr(&format!("{at}.date"), d);
                leaf(
                    Op::Date(Box::new(d.clone())),
                    Kind::Date,
                    FieldUnit::Yen,
                    true,
                )
            }
        }
    }

    fn items(&mut self, at: &str, xs: &[ExprSpec], scope: Scope, least: usize) -> Vec<Expr> {
        if xs.len() < least {
            self.problem(
                at,
                format!("{least}つ以上の値を書いてください。"),
                format!("list at least {least} value(s)"),
            );
        }
        xs.iter()
            .enumerate()
            .map(|(i, x)| self.expr(&format!("{at}[{i}]"), x, scope))
            .collect()
    }

    /// The kind every item shares (amounts in the first amount's unit); dates only if allowed.
    fn same_kind(&mut self, at: &str, items: &[Expr], dates: bool) -> (Kind, FieldUnit) {
        let known: Vec<&Expr> = items.iter().filter(|x| x.kind != Kind::Error).collect();
        let Some(first) = known.first() else {
            return (Kind::Error, FieldUnit::Yen);
        };
        if known.iter().any(|x| x.kind != first.kind) {
            self.problem(
                at,
                "金額・数・日付を混ぜて計算できません。",
                "amounts, numbers and dates cannot be mixed here",
            );
            return (Kind::Error, first.unit);
        }
        if first.kind == Kind::Date && !dates {
            self.problem(
                at,
                "日付は足し引きできません（日数は days で数えます）。",
                "dates cannot be added or subtracted (count days with `days`)",
            );
            return (Kind::Error, first.unit);
        }
        (first.kind, first.unit)
    }

    fn times(&mut self, at: &str, items: Vec<Expr>) -> Expr {
        let money = items.iter().filter(|x| x.kind == Kind::Money).count();
        let error_kind = items.iter().any(|x| x.kind == Kind::Error);
        if items.iter().any(|x| x.kind == Kind::Date) {
            self.problem(at, "日付は掛けられません。", "dates cannot be multiplied");
            return error();
        }
        if money > 1 {
            self.problem(
                at,
                "金額どうしは掛けられません（金額×数にしてください）。",
                "an amount cannot be multiplied by an amount (multiply by a number)",
            );
            return error();
        }
        let unit = items
            .iter()
            .find(|x| x.kind == Kind::Money)
            .map_or(FieldUnit::Yen, |x| x.unit);
        let kind = if error_kind {
            Kind::Error
        } else if money == 1 {
            Kind::Money
        } else {
            Kind::Number
        };
        let whole = items.iter().all(|x| x.whole);
        leaf(Op::Times(items), kind, unit, whole)
    }

    fn answer_expr(&mut self, at: &str, id: &str) -> Expr {
        match self.question(id) {
            Some((q, AnswerKind::Amount)) => {
                let unit = self.question_unit(q).unwrap_or(FieldUnit::Yen);
                leaf(Op::Answer(q), Kind::Money, unit, true)
            }
            Some((q, AnswerKind::Integer)) => {
                leaf(Op::Answer(q), Kind::Number, FieldUnit::Yen, true)
            }
            Some((q, AnswerKind::Date)) => leaf(Op::Answer(q), Kind::Date, FieldUnit::Yen, true),
            Some(_) => {
                self.problem(
                    at,
                    format!("質問「{id}」は数・金額・日付の質問ではありません。"),
                    format!("question \"{id}\" is not a number, amount or date question"),
                );
                error()
            }
            None => {
                self.problem(
                    at,
                    format!("質問「{id}」は questions にありません。"),
                    format!("question \"{id}\" is not in `questions`"),
                );
                error()
            }
        }
    }

    fn fact_expr(&mut self, at: &str, id: &str) -> Expr {
        let Some(&(index, _, _, condition)) = self.facts.get(id) else {
            self.problem(
                at,
                format!("事実「{id}」は facts にありません。"),
                format!("fact \"{id}\" is not in `facts`"),
            );
            return error();
        };
        if condition {
            self.problem(
                at,
                format!("事実「{id}」は条件の事実です。値としては使えません。"),
                format!("fact \"{id}\" is a condition, not a value"),
            );
            return error();
        }
        // Facts are compiled dependencies first; a fact not yet compiled depends on itself
        // (reported by the fact order).
        match self.fact_kinds.get(index).copied().flatten() {
            Some(k) => leaf(Op::Fact(index), k.kind, k.unit, k.whole),
            None => leaf(Op::Fact(index), Kind::Error, FieldUnit::Yen, true),
        }
    }

    fn figure_expr(&mut self, at: &str, id: &str, scope: Scope) -> Expr {
        let Some(before) = scope.tail else {
            self.problem(
                at,
                "figure は figures と limits の中でだけ使えます。",
                "`figure` is read only in figures and limits",
            );
            return error();
        };
        match self.figures.iter().position(|f| f.0 == id) {
            Some(i) if i < before => {
                let (_, kind, unit, _) = self.figures[i].clone();
                leaf(Op::Figure(i), kind, unit, true)
            }
            Some(_) => {
                self.problem(
                    at,
                    format!("数値「{id}」はこれより後に定義されています（前の数値だけを使えます）。"),
                    format!("figure \"{id}\" is declared after this one (only earlier figures may be used)"),
                );
                error()
            }
            None => {
                self.problem(
                    at,
                    format!("数値「{id}」は figures にありません。"),
                    format!("figure \"{id}\" is not in `figures`"),
                );
                error()
            }
        }
    }

    /// The kind of a column's value, or `None` when it holds no value to compute with.
    fn column_value_kind(kind: ColumnKind) -> Option<Kind> {
        match kind {
            ColumnKind::Amount | ColumnKind::TaxRemark => Some(Kind::Money),
            ColumnKind::Number => Some(Kind::Number),
            ColumnKind::Date => Some(Kind::Date),
            _ => None,
        }
    }

    fn cell_expr(&mut self, at: &str, key: &str, scope: Scope) -> Expr {
        let Some(t) = scope.table else {
            self.problem(
                at,
                "cell は表の規則・行の数値の中でだけ使えます。",
                "`cell` is read only in a table's rules and row figures",
            );
            return error();
        };
        let Some(c) = self.tables[t].columns.iter().position(|x| x.0 == key) else {
            self.problem(
                at,
                format!("列「{key}」は表「{}」にありません。", self.tables[t].id),
                format!("column \"{key}\" is not in table \"{}\"", self.tables[t].id),
            );
            return error();
        };
        let (_, kind, unit, _) = self.tables[t].columns[c].clone();
        let Some(value_kind) = Self::column_value_kind(kind) else {
            self.problem(
                at,
                format!("列「{key}」は金額・数・日付の列ではありません。"),
                format!("column \"{key}\" is not an amount, number or date column"),
            );
            return error();
        };
        let unit = if kind == ColumnKind::TaxRemark {
            FieldUnit::Yen
        } else {
            unit
        };
        leaf(Op::Cell(c), value_kind, unit, value_kind != Kind::Number)
    }

    fn row_figure_expr(&mut self, at: &str, id: &str, scope: Scope) -> Expr {
        let Some(t) = scope.table else {
            self.problem(
                at,
                "row_figure は表の規則・行の数値の中でだけ使えます。",
                "`row_figure` is read only in a table's rules and row figures",
            );
            return error();
        };
        match self.tables[t].row_figures.iter().position(|f| f.0 == id) {
            Some(i) if i < scope.row_figures => {
                let (_, kind, unit, _) = self.tables[t].row_figures[i].clone();
                leaf(Op::RowFigure(i), kind, unit, true)
            }
            Some(_) => {
                self.problem(
                    at,
                    format!("行の数値「{id}」はこれより後に定義されています。"),
                    format!("row figure \"{id}\" is declared after this one"),
                );
                error()
            }
            None => {
                self.problem(
                    at,
                    format!(
                        "行の数値「{id}」は表「{}」の row_figures にありません。",
                        self.tables[t].id
                    ),
                    format!(
                        "row figure \"{id}\" is not in the row_figures of table \"{}\"",
                        self.tables[t].id
                    ),
                );
                error()
            }
        }
    }

    fn field_expr(&mut self, at: &str, path: &str, scope: Scope) -> Expr {
        if scope.tail.is_none() {
            self.problem(
                at,
                "field は figures と limits の中でだけ使えます（表の規則では cell）。",
                "`field` is read only in figures and limits (table rules read `cell`)",
            );
            return error();
        }
        let found = path.split_once('.').and_then(|(section, key)| {
            let t = self
                .tables
                .iter()
                .position(|t| t.record && t.path == section)?;
            let c = self.tables[t].columns.iter().position(|c| c.0 == key)?;
            Some((t, c))
        });
        let Some((table, column)) = found else {
            self.problem(
                at,
                format!("「{path}」は一件の表（rows のない表）の列ではありません（「表のpath.列」と書きます）。"),
                format!("\"{path}\" is not a column of a single-record table (write \"<table path>.<column>\")"),
            );
            return error();
        };
        let (_, kind, unit, _) = self.tables[table].columns[column].clone();
        let Some(value_kind) = Self::column_value_kind(kind) else {
            self.problem(
                at,
                format!("「{path}」は金額・数・日付の列ではありません。"),
                format!("\"{path}\" is not an amount, number or date column"),
            );
            return error();
        };
        leaf(
            Op::Field { table, column },
            value_kind,
            unit,
            value_kind != Kind::Number,
        )
    }

    fn column_sum(&mut self, at: &str, s: &crate::pack::spec::ColumnSumSpec, scope: Scope) -> Expr {
        if scope.tail.is_none() {
            self.problem(
                at,
                "column_sum は figures と limits の中でだけ使えます。",
                "`column_sum` is read only in figures and limits",
            );
            return error();
        }
        let Some(table) = self
            .tables
            .iter()
            .position(|t| t.id == s.table && !t.record)
        else {
            self.problem(
                format!("{at}.table"),
                format!("「{}」は行のある表（tables）ではありません。", s.table),
                format!("\"{}\" is not a table with rows", s.table),
            );
            return error();
        };
        let shape = self.tables[table].clone();
        let (summed, kind, unit, col_label) = match (&s.column, &s.row_figure) {
            (Some(key), None) => {
                let Some(c) = shape
                    .columns
                    .iter()
                    .position(|c| &c.0 == key && c.1 == ColumnKind::Amount)
                else {
                    self.problem(
                        format!("{at}.column"),
                        format!("「{key}」は表「{}」の金額の列ではありません。", s.table),
                        format!("\"{key}\" is not an amount column of table \"{}\"", s.table),
                    );
                    return error();
                };
                let (_, _, unit, label) = shape.columns[c].clone();
                (Summed::Column(c), Kind::Money, unit, label)
            }
            (None, Some(id)) => {
                let Some(i) = shape.row_figures.iter().position(|f| &f.0 == id) else {
                    self.problem(
                        format!("{at}.row_figure"),
                        format!("「{id}」は表「{}」の行の数値にありません。", s.table),
                        format!("\"{id}\" is not a row figure of table \"{}\"", s.table),
                    );
                    return error();
                };
                let (_, kind, unit, label) = shape.row_figures[i].clone();
                (Summed::RowFigure(i), kind, unit, label)
            }
            _ => {
                self.problem(
                    at,
                    "column か row_figure のどちらか一つを書きます。",
                    "write exactly one of `column` and `row_figure`",
                );
                return error();
            }
        };
        for (key, list) in [
            ("categories", &s.categories),
            ("except_categories", &s.except_categories),
        ] {
            for c in list.iter().flatten() {
                if !shape.categories.contains(c) {
                    self.problem(
                        format!("{at}.{key}"),
                        format!("「{c}」は表「{}」の区分にありません。", s.table),
                        format!("\"{c}\" is not a category of table \"{}\"", s.table),
                    );
                }
            }
        }
        if let Some(g) = &s.group {
            if !shape.groups.contains(g) {
                self.problem(
                    format!("{at}.group"),
                    format!("「{g}」は表「{}」のグループにありません。", s.table),
                    format!("\"{g}\" is not a group of table \"{}\"", s.table),
                );
            }
        }
        if let Some(sub) = &s.subprogramme {
            self.subprogramme(&format!("{at}.subprogramme"), sub);
        }
        let label = s.label.clone().unwrap_or_else(|| {
            let filter: Vec<&str> = s.categories.iter().flatten().map(String::as_str).collect();
            if filter.is_empty() {
                Message::new(
                    format!("{}の計", col_label.ja),
                    format!("total {}", col_label.en),
                )
            } else {
                Message::new(
                    format!("{}の{}の計", filter.join("・"), col_label.ja),
                    format!("total {} of {}", col_label.en, filter.join(", ")),
                )
            }
        });
        leaf(
            Op::ColumnSum(ColumnSum {
                table,
                summed,
                categories: s.categories.clone(),
                except: s.except_categories.clone(),
                group: s.group.clone(),
                subprogramme: s.subprogramme.clone(),
                label,
            }),
            kind,
            unit,
            kind != Kind::Number,
        )
    }

    /// What an expression is called in a generated label.
    pub(super) fn expr_name(&self, e: &Expr) -> Message {
        match &e.op {
            Op::Answer(q) => self.questions[*q].label.clone(),
            Op::Fact(f) => self
                .facts
                .values()
                .find(|x| x.0 == *f)
                .map_or_else(|| Message::new("", ""), |x| x.2.clone()),
            Op::Figure(i) => self.figures[*i].3.clone(),
            Op::Const(_, written) => Message::new(written.clone(), written.clone()),
            Op::ColumnSum(s) => s.label.clone(),
            Op::Rate(_) => Message::new("補助率", "the rate"),
            Op::Days(..) => Message::new("日数", "the days"),
            _ => Message::new("計算した値", "the computed value"),
        }
    }
}

/// Fact ids a condition refers to, as written (for ordering facts before compiling them).
pub(super) fn node_fact_refs(spec: &NodeSpec, out: &mut Vec<String>) {
    for child in spec.all.iter().chain(&spec.any).flatten() {
        node_fact_refs(child, out);
    }
    if let Some(n) = &spec.not {
        node_fact_refs(n, out);
    }
    out.extend(spec.fact.iter().cloned());
    for e in [
        &spec.value,
        &spec.at_most,
        &spec.at_least,
        &spec.below,
        &spec.above,
        &spec.equals,
        &spec.agrees_with,
    ]
    .into_iter()
    .flatten()
    {
        expr_fact_refs(e, out);
    }
    for e in spec.between.iter().flatten() {
        expr_fact_refs(e, out);
    }
}

/// Fact ids an expression refers to, as written.
pub(super) fn expr_fact_refs(spec: &ExprSpec, out: &mut Vec<String>) {
    match spec {
        ExprSpec::Fact(f) => out.push(f.clone()),
        ExprSpec::Sum(xs)
        | ExprSpec::Minus(xs)
        | ExprSpec::Times(xs)
        | ExprSpec::Divide(xs)
        | ExprSpec::Min(xs)
        | ExprSpec::Max(xs)
        | ExprSpec::Average(xs)
        | ExprSpec::FirstKnown(xs) => {
            for x in xs {
                expr_fact_refs(x, out);
            }
        }
        ExprSpec::Floor(f) => expr_fact_refs(&f.of, out),
        ExprSpec::Round(r) => expr_fact_refs(&r.of, out),
        ExprSpec::Choose(c) => {
            for case in &c.cases {
                node_fact_refs(&case.when, out);
                expr_fact_refs(&case.then, out);
            }
            expr_fact_refs(&c.otherwise, out);
        }
        _ => {}
    }
}
