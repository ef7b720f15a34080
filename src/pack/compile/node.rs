//! Condition trees: each node exactly one of all / any / not / answer / fact / value / cell /
//! rate / answered, every reference resolved, every leaf fitting its question's or column's
//! type, every comparison between values of one kind.
//!
//! Owns: those checks. Must not know: how a tree is evaluated.

use super::{Compiler, Scope};
use crate::finding::message::Message;
use crate::pack::expr::{Cmp, Comparison, Expr, Kind, Node, NodeKind, Op, RateValue, Target};
use crate::pack::spec::{AnswerKind, ColumnKind, ExprSpec, NodeSpec};
use std::sync::Arc;

impl Compiler {
    /// Compiles one node; `inherited` is the clause of the enclosing rule.
    pub(super) fn node(
        &mut self,
        at: &str,
        spec: &NodeSpec,
        inherited: &str,
        scope: Scope,
    ) -> Node {
        if let Some(c) = &spec.clause {
            self.clause(&format!("{at}.clause"), c);
        }
        let clause = spec.clause.clone().unwrap_or_else(|| inherited.to_owned());
        let kinds = [
            ("all", spec.all.is_some()),
            ("any", spec.any.is_some()),
            ("not", spec.not.is_some()),
            ("answer", spec.answer.is_some()),
            ("fact", spec.fact.is_some()),
            ("value", spec.value.is_some()),
            ("cell", spec.cell.is_some()),
            ("rate", spec.rate.is_some()),
            ("answered", spec.answered.is_some()),
        ];
        if kinds.iter().filter(|k| k.1).count() != 1 {
            self.problem(
                at,
                "ノードには all・any・not・answer・fact・value・cell・rate・answered のどれか一つだけを書きます。",
                "a node has exactly one of all, any, not, answer, fact, value, cell, rate, answered",
            );
            return placeholder(clause);
        }
        let comparison = self.comparison_of(at, spec, scope);
        let takes_values = spec.answer.is_some() || spec.cell.is_some();
        if spec.values.is_some() && !takes_values {
            self.no_effect(
                &format!("{at}.in"),
                "in は answer か cell と一緒にだけ書けます。",
                "`in` goes only with `answer` or `cell`",
            );
        }
        let compares = spec.answer.is_some() || spec.value.is_some() || spec.cell.is_some();
        if comparison.is_some() && !compares {
            self.no_effect(
                at,
                "比較（at_most など）は answer・value・cell と一緒にだけ書けます。",
                "a comparison (at_most, …) goes only with `answer`, `value` or `cell`",
            );
        }
        if comparison.is_some() && spec.values.is_some() {
            self.problem(
                format!("{at}.in"),
                "in と比較は同時に書けません。",
                "`in` and a comparison cannot be combined",
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
                .map(|(i, c)| self.node(&format!("{at}.{key}[{i}]"), c, &clause, scope))
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
            let node = self.node(&format!("{at}.not"), child, &clause, scope);
            return node_of(
                NodeKind::Not(Box::new(node)),
                clause,
                op_label("次に該当しない", "not the following"),
                spec.reading.clone(),
            );
        }
        if let Some(fact) = &spec.fact {
            let Some((index, fact_clause, fact_label, condition)) = self.facts.get(fact).cloned()
            else {
                self.problem(
                    format!("{at}.fact"),
                    format!("事実「{fact}」は facts にありません。"),
                    format!("fact \"{fact}\" is not in `facts`"),
                );
                return placeholder(clause);
            };
            if !condition {
                self.problem(
                    format!("{at}.fact"),
                    format!("事実「{fact}」は値の事実です。条件には value: {{\"fact\": …}} と比較を使ってください。"),
                    format!("fact \"{fact}\" is a value; compare it with `value: {{\"fact\": …}}`"),
                );
            }
            return node_of(
                NodeKind::Fact(index),
                spec.clause.clone().unwrap_or(fact_clause),
                spec.label.clone().unwrap_or(fact_label),
                spec.reading.clone(),
            );
        }
        if let Some(rate) = &spec.rate {
            return self.rate_leaf(at, spec, rate, clause, scope);
        }
        if let Some(target) = &spec.answered {
            return self.answered_leaf(at, spec, target, clause, scope);
        }
        if let Some(key) = &spec.cell {
            return self.cell_leaf(at, spec, key, clause, scope, comparison);
        }
        if let Some(value) = &spec.value {
            let Some((cmp, right)) = comparison else {
                self.problem(
                    at,
                    "value には比較（at_most・at_least・below・above・equals・between・agrees_with）が必要です。",
                    "`value` needs a comparison (at_most, at_least, below, above, equals, between, agrees_with)",
                );
                return placeholder(clause);
            };
            let left = self.expr(&format!("{at}.value"), value, scope);
            let label = spec
                .label
                .clone()
                .unwrap_or_else(|| self.comparison_label(&left, cmp, &right));
            return self.compare(at, left, cmp, right, clause, label, spec);
        }
        self.answer_leaf(at, spec, clause, scope, comparison)
    }

    /// The node's comparison: its kind and right-hand expressions, compiled.
    fn comparison_of(
        &mut self,
        at: &str,
        spec: &NodeSpec,
        scope: Scope,
    ) -> Option<(Cmp, Vec<Expr>)> {
        let single = [
            ("at_most", Cmp::AtMost, &spec.at_most),
            ("at_least", Cmp::AtLeast, &spec.at_least),
            ("below", Cmp::Below, &spec.below),
            ("above", Cmp::Above, &spec.above),
            ("equals", Cmp::Equals, &spec.equals),
            ("agrees_with", Cmp::Agrees, &spec.agrees_with),
        ];
        let count =
            single.iter().filter(|s| s.2.is_some()).count() + usize::from(spec.between.is_some());
        if count > 1 {
            self.problem(
                at,
                "比較は一つだけ書けます。",
                "a node has at most one comparison",
            );
        }
        for (key, cmp, e) in single {
            if let Some(e) = e {
                let right = self.expr(&format!("{at}.{key}"), e, scope);
                return Some((cmp, vec![right]));
            }
        }
        let between = spec.between.as_ref()?;
        if between.len() != 2 {
            self.problem(
                format!("{at}.between"),
                "between には下限と上限の二つを書きます。",
                "`between` takes two values, the lower and the upper bound",
            );
            return None;
        }
        let right = between
            .iter()
            .enumerate()
            .map(|(i, e)| self.expr(&format!("{at}.between[{i}]"), e, scope))
            .collect();
        Some((Cmp::Between, right))
    }

    /// A comparison node, its two sides of one kind.
    #[allow(clippy::too_many_arguments)]
    fn compare(
        &mut self,
        at: &str,
        left: Expr,
        cmp: Cmp,
        right: Vec<Expr>,
        clause: String,
        label: Message,
        spec: &NodeSpec,
    ) -> Node {
        for (i, r) in right.iter().enumerate() {
            if left.kind != Kind::Error && r.kind != Kind::Error && r.kind != left.kind {
                self.problem(
                    format!("{at}.{}", cmp.key(i)),
                    format!(
                        "比べる二つの値の種類が違います（{}と{}）。",
                        left.kind.name_ja(),
                        r.kind.name_ja()
                    ),
                    format!(
                        "the two sides compare {} with {}",
                        left.kind.name_en(),
                        r.kind.name_en()
                    ),
                );
            }
        }
        if cmp == Cmp::Agrees && !matches!(left.op, Op::Cell(_)) {
            self.problem(
                format!("{at}.agrees_with"),
                "agrees_with は表の数値セル（記入された桁数で比べる）にだけ使えます。",
                "`agrees_with` compares a number cell of a table (to the digits written)",
            );
        }
        let field = left
            .first_question()
            .or_else(|| right.iter().find_map(Expr::first_question));
        node_of(
            NodeKind::Compare(Box::new(Comparison {
                left,
                cmp,
                right,
                field,
            })),
            clause,
            label,
            spec.reading.clone(),
        )
    }

    /// The words a comparison is shown with when the pack gives no label.
    fn comparison_label(&self, left: &Expr, cmp: Cmp, right: &[Expr]) -> Message {
        let side = |e: &Expr| self.expr_name(e);
        let (ja_word, en_word) = cmp.words();
        let l = side(left);
        let r: Vec<Message> = right.iter().map(side).collect();
        let (rja, ren) = match r.as_slice() {
            [a, b] => (
                format!("{}〜{}", a.ja, b.ja),
                format!("{} and {}", a.en, b.en),
            ),
            [a] => (a.ja.to_string(), a.en.to_string()),
            _ => (String::new(), String::new()),
        };
        Message::new(
            format!("{}が{rja}{ja_word}", l.ja),
            format!("{} {en_word} {ren}", l.en),
        )
    }

    fn rate_leaf(
        &mut self,
        at: &str,
        spec: &NodeSpec,
        rate: &crate::pack::spec::RateLeafSpec,
        clause: String,
        scope: Scope,
    ) -> Node {
        if !scope.rates {
            self.problem(
                format!("{at}.rate"),
                "ここでは補助率を参照できません（補助率は事実・要件・補助率の条件・asked_when から決まります）。",
                "the rate cannot be read here (it is decided from facts, requirements, rate cases and asked_when)",
            );
        }
        let subprogramme = rate
            .of
            .as_ref()
            .and_then(|s| self.subprogramme(&format!("{at}.rate.of"), s));
        let mut rates = Vec::new();
        for (i, r) in rate.rates.iter().enumerate() {
            match RateValue::parse(r) {
                Some(v) => rates.push(v),
                None => self.problem(
                    format!("{at}.rate.in[{i}]"),
                    format!("「{r}」は補助率ではありません（fixed・none・1/2 のような分数）。"),
                    format!("\"{r}\" is not a rate (fixed, none, or a fraction such as 1/2)"),
                ),
            }
        }
        if rates.is_empty() {
            self.problem(
                format!("{at}.rate.in"),
                "補助率を一つ以上書いてください。",
                "list at least one rate",
            );
        }
        let label = spec.label.clone().unwrap_or_else(|| {
            let list: Vec<String> = rates.iter().map(|r| r.label().ja.to_string()).collect();
            let list_en: Vec<String> = rates.iter().map(|r| r.label().en.to_string()).collect();
            Message::new(
                format!("補助率が{}", list.join("・")),
                format!("the rate is {}", list_en.join(" or ")),
            )
        });
        node_of(
            NodeKind::Rate {
                subprogramme,
                rates,
            },
            clause,
            label,
            spec.reading.clone(),
        )
    }

    fn answered_leaf(
        &mut self,
        at: &str,
        spec: &NodeSpec,
        target: &str,
        clause: String,
        scope: Scope,
    ) -> Node {
        let column = scope
            .table
            .and_then(|t| self.tables[t].columns.iter().position(|c| c.0 == target));
        let (target, label) = if let Some(c) = column {
            let t = scope.table.unwrap_or_default();
            let l = self.tables[t].columns[c].3.clone();
            (Target::Cell(c), l)
        } else if let Some((q, _)) = self.question(target) {
            (Target::Question(q), self.questions[q].label.clone())
        } else {
            self.problem(
                format!("{at}.answered"),
                format!("「{target}」は質問（または表の規則なら列）ではありません。"),
                format!("\"{target}\" is not a question (nor, in a table rule, a column)"),
            );
            return placeholder(clause);
        };
        let label = spec.label.clone().unwrap_or_else(|| {
            Message::new(
                format!("「{}」に記入がある", label.ja),
                format!("\"{}\" is answered", label.en),
            )
        });
        node_of(
            NodeKind::Answered(target),
            clause,
            label,
            spec.reading.clone(),
        )
    }

    fn cell_leaf(
        &mut self,
        at: &str,
        spec: &NodeSpec,
        key: &str,
        clause: String,
        scope: Scope,
        comparison: Option<(Cmp, Vec<Expr>)>,
    ) -> Node {
        let Some(t) = scope.table else {
            self.problem(
                format!("{at}.cell"),
                "cell は表の規則・行の数値の中でだけ使えます。",
                "`cell` is read only in a table's rules and row figures",
            );
            return placeholder(clause);
        };
        let Some(c) = self.tables[t].columns.iter().position(|x| x.0 == key) else {
            self.problem(
                format!("{at}.cell"),
                format!("列「{key}」は表「{}」にありません。", self.tables[t].id),
                format!("column \"{key}\" is not in table \"{}\"", self.tables[t].id),
            );
            return placeholder(clause);
        };
        let (_, kind, _, col_label) = self.tables[t].columns[c].clone();
        if let Some((cmp, right)) = comparison {
            let left = self.expr(
                &format!("{at}.cell"),
                &ExprSpec::Cell(key.to_owned()),
                scope,
            );
            let label = spec
                .label
                .clone()
                .unwrap_or_else(|| self.comparison_label(&left, cmp, &right));
            return self.compare(at, left, cmp, right, clause, label, spec);
        }
        let Some(values) = &spec.values else {
            self.problem(
                at,
                "cell には in か比較が必要です。",
                "`cell` needs `in` or a comparison",
            );
            return placeholder(clause);
        };
        let known: Vec<String> = match kind {
            ColumnKind::Choice => self.column_options(t, c),
            ColumnKind::Category => self.tables[t].categories.iter().cloned().collect(),
            ColumnKind::Group => self.tables[t].groups.iter().cloned().collect(),
            ColumnKind::Subprogramme => self.subprogrammes.clone(),
            _ => {
                self.problem(
                    format!("{at}.in"),
                    format!("列「{key}」は選択の列ではありません（in は選択・区分・グループ・事業の列に使えます）。"),
                    format!("column \"{key}\" holds no choices (`in` works on choice, category, group and sub-programme columns)"),
                );
                return placeholder(clause);
            }
        };
        for v in values {
            if !known.contains(v) {
                self.problem(
                    format!("{at}.in"),
                    format!("「{v}」は列「{key}」の値にありません。"),
                    format!("\"{v}\" is not a value of column \"{key}\""),
                );
            }
        }
        let label = spec.label.clone().unwrap_or_else(|| {
            Message::new(
                format!("「{}」が{}", col_label.ja, values.join("・")),
                format!("\"{}\" is {}", col_label.en, values.join(" or ")),
            )
        });
        node_of(
            NodeKind::Cell {
                column: c,
                values: values.clone(),
            },
            clause,
            label,
            spec.reading.clone(),
        )
    }

    fn answer_leaf(
        &mut self,
        at: &str,
        spec: &NodeSpec,
        clause: String,
        scope: Scope,
        comparison: Option<(Cmp, Vec<Expr>)>,
    ) -> Node {
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
        if let Some((cmp, right)) = comparison {
            if !matches!(
                kind,
                AnswerKind::Amount | AnswerKind::Integer | AnswerKind::Date
            ) {
                self.problem(
                    format!("{at}.answer"),
                    format!("質問「{id}」は数・金額・日付の質問ではないので比較できません。"),
                    format!("question \"{id}\" is not a number, amount or date, so it cannot be compared"),
                );
                return placeholder(clause);
            }
            let left = self.expr(&format!("{at}.answer"), &ExprSpec::Answer(id), scope);
            let label = spec
                .label
                .clone()
                .unwrap_or_else(|| self.comparison_label(&left, cmp, &right));
            return self.compare(
                at,
                left,
                cmp,
                right,
                spec.clause.clone().unwrap_or(qclause),
                label,
                spec,
            );
        }
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
                format!("質問「{id}」の型ではこの条件を書けません（はい/いいえは in なし、選択式は in あり、数・金額・日付は比較）。"),
                format!("question \"{id}\" cannot be used this way (yes/no without `in`, choices with `in`, numbers, amounts and dates with a comparison)"),
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
pub(super) fn node_of(
    kind: NodeKind,
    clause: String,
    label: Message,
    reading: Option<Message>,
) -> Node {
    Node {
        kind,
        clause: Arc::from(clause),
        label: Arc::new(label),
        reading: reading.map(Arc::new),
    }
}

/// A stand-in node after a problem was recorded (the pack is refused anyway).
pub(super) fn placeholder(clause: String) -> Node {
    node_of(
        NodeKind::All(Vec::new()),
        clause,
        Message::new("", ""),
        None,
    )
}
