//! The questions: ids, clauses, options and units; the selection and attachment lists as
//! questions; what each option counts as.
//!
//! Owns: those checks. Must not know: how an answer is read.

use super::{is_question_id, Compiler, Scope};
use crate::pack::expr::{Expr, Node};
use crate::pack::model::{Fact, QuestionRules};
use crate::pack::question_reads::QuestionReads;
use crate::pack::spec::{AnswerKind, DateExprSpec, OptionSpec, PackSpec, QuestionSpec};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

impl Compiler {
    fn add_question(&mut self, at: &str, q: QuestionSpec) {
        if !is_question_id(&q.id) {
            self.problem(
                format!("{at}.id"),
                format!(
                    "「{}」はフォームのパス（英小文字・数字・_ をドットでつなぐ）ではありません。",
                    q.id
                ),
                format!(
                    "\"{}\" is not a form path (dot-separated [a-z0-9_] segments)",
                    q.id
                ),
            );
        }
        let clash = self
            .index
            .keys()
            .find(|other| {
                other.starts_with(&format!("{}.", q.id)) || q.id.starts_with(&format!("{other}."))
            })
            .cloned();
        if let Some(other) = clash {
            self.problem(
                format!("{at}.id"),
                format!("「{}」と「{other}」は一方が他方の中に入るパスです。", q.id),
                format!("\"{}\" and \"{other}\" nest inside each other", q.id),
            );
        }
        if self.index.contains_key(&q.id) {
            self.problem(
                format!("{at}.id"),
                format!("質問「{}」が重複しています。", q.id),
                format!("duplicate question id \"{}\"", q.id),
            );
        }
        self.clause(&format!("{at}.clause"), &q.clause);
        let has_options = matches!(q.kind, AnswerKind::Choice | AnswerKind::MultiChoice);
        if has_options && q.options.is_empty() {
            self.problem(
                format!("{at}.options"),
                "選択式の質問には options が必要です。",
                "a choice question needs options",
            );
        }
        if !has_options && !q.options.is_empty() {
            self.problem(
                format!("{at}.options"),
                "options は選択式の質問にだけ書けます。",
                "only choice questions take options",
            );
        }
        let mut seen = HashSet::new();
        for (j, o) in q.options.iter().enumerate() {
            if !seen.insert(o.value.as_str()) {
                self.problem(
                    format!("{at}.options[{j}].value"),
                    format!("選択肢「{}」が重複しています。", o.value),
                    format!("duplicate option \"{}\"", o.value),
                );
            }
        }
        for (j, o) in q.options.iter().enumerate() {
            for target in &o.counts_as {
                if target == &o.value || !q.options.iter().any(|x| &x.value == target) {
                    self.problem(
                        format!("{at}.options[{j}].counts_as"),
                        format!("counts_as の「{target}」はこの質問の別の選択肢ではありません。"),
                        format!("counts_as \"{target}\" is not another option of this question"),
                    );
                }
            }
        }
        if q.required && q.required_when.is_some() {
            self.no_effect(
                &format!("{at}.required_when"),
                "required: true の質問は常に必須です。",
                "the question is always required (`required: true`)",
            );
        }
        if (q.kind == AnswerKind::Amount) != q.unit.is_some() {
            self.problem(
                format!("{at}.unit"),
                "unit は金額の質問にだけ、必ず書きます。",
                "amount questions need a unit, and only they take one",
            );
        }
        if q.max_length.is_some() && q.kind != AnswerKind::Text {
            self.problem(
                format!("{at}.max_length"),
                "max_length は文字の質問にだけ書けます。",
                "only text questions take max_length",
            );
        }
        for s in q.scope.iter().flatten() {
            if !self.subprogrammes.contains(s) {
                self.problem(
                    format!("{at}.scope"),
                    format!("scope の「{s}」は subprogrammes にありません。"),
                    format!("scope \"{s}\" is not a sub-programme"),
                );
            }
        }
        self.index.insert(q.id.clone(), self.questions.len());
        self.questions.push(q);
    }

    /// The selection question first (the form starts by choosing sub-programmes), then the
    /// pack's questions, then the attachment list.
    pub(super) fn collect_questions(&mut self, spec: &PackSpec) {
        let sel = &spec.selection;
        if sel.min > sel.max || sel.max == 0 || sel.max > spec.subprogrammes.len() {
            self.problem(
                "selection",
                "selection の min・max が事業区分の数と合いません。",
                "selection min/max do not fit the number of sub-programmes",
            );
        }
        let options: Vec<OptionSpec> = spec
            .subprogrammes
            .iter()
            .map(|s| OptionSpec {
                value: s.id.clone(),
                label: s.title.clone(),
                counts_as: Vec::new(),
                reading: None,
            })
            .collect();
        self.add_question(
            "selection",
            QuestionSpec {
                id: sel.path.clone(),
                clause: sel.clause.clone(),
                label: sel.label.clone(),
                kind: if sel.max == 1 {
                    AnswerKind::Choice
                } else {
                    AnswerKind::MultiChoice
                },
                options,
                required: true,
                required_when: None,
                asked_when: None,
                help: None,
                reading: None,
                scope: None,
                unit: None,
                max_length: None,
                display: None,
            },
        );
        for (i, q) in spec.questions.iter().enumerate() {
            self.add_question(&format!("questions[{i}]"), q.clone());
        }
        if let Some(att) = &spec.attachments {
            let options = att
                .items
                .iter()
                .map(|a| OptionSpec {
                    value: a.id.clone(),
                    label: a.title.clone(),
                    counts_as: Vec::new(),
                    reading: a.reading.clone(),
                })
                .collect();
            self.add_question(
                "attachments",
                QuestionSpec {
                    id: att.path.clone(),
                    clause: att.clause.clone(),
                    label: att.label.clone(),
                    kind: AnswerKind::MultiChoice,
                    options,
                    required: false,
                    required_when: None,
                    asked_when: None,
                    help: None,
                    reading: None,
                    scope: None,
                    unit: None,
                    max_length: None,
                    display: None,
                },
            );
        }
    }

    /// For every option, the options it counts as (transitively), itself first.
    pub(super) fn counts_as_closure(&self) -> HashMap<(usize, String), Vec<String>> {
        let mut out = HashMap::new();
        for (q, question) in self.questions.iter().enumerate() {
            let direct: BTreeMap<&str, &[String]> = question
                .options
                .iter()
                .map(|o| (o.value.as_str(), o.counts_as.as_slice()))
                .collect();
            for o in &question.options {
                let mut all = vec![o.value.clone()];
                let mut i = 0;
                while let Some(v) = all.get(i).cloned() {
                    for t in direct.get(v.as_str()).copied().unwrap_or_default() {
                        if !all.contains(t) {
                            all.push(t.clone());
                        }
                    }
                    i += 1;
                }
                out.insert((q, o.value.clone()), all);
            }
        }
        out
    }
}

impl Compiler {
    /// When each question is asked and required. `asked_when` may read only questions that come
    /// before it in the form (directly or through facts): the form is read in order, so whether
    /// a question is asked is settled before its answer is read.
    pub(super) fn compile_question_rules(
        &mut self,
        spec: &PackSpec,
        facts: &[Fact],
    ) -> Vec<QuestionRules> {
        let mut out = vec![QuestionRules::default(); self.questions.len()];
        for (i, q) in spec.questions.iter().enumerate() {
            let at = format!("questions[{i}]");
            let Some(&index) = self.index.get(&q.id) else {
                continue;
            };
            if let Some(n) = &q.asked_when {
                let node = self.node(&format!("{at}.asked_when"), n, &q.clause, Scope::ANSWERS);
                let late: Vec<String> = self
                    .node_questions(&node, facts)
                    .into_iter()
                    .filter(|d| *d >= index)
                    .map(|d| self.questions[d].id.clone())
                    .collect();
                if !late.is_empty() {
                    self.problem(
                        format!("{at}.asked_when"),
                        format!(
                            "asked_when はこの質問より前の質問だけを参照できます（{}）。",
                            late.join("、")
                        ),
                        format!(
                            "asked_when may read only questions before this one ({})",
                            late.join(", ")
                        ),
                    );
                }
                out[index].asked_when = Some(node);
            }
            if let Some(n) = &q.required_when {
                out[index].required_when =
                    Some(self.node(&format!("{at}.required_when"), n, &q.clause, Scope::RULES));
            }
        }
        out
    }

    /// The questions a condition reads, directly, through facts or through dates.
    pub(super) fn node_questions(&self, node: &Node, facts: &[Fact]) -> BTreeSet<usize> {
        let index = |id: &str| self.index.get(id).copied();
        let mut reads = QuestionReads::new(facts, &index);
        reads.node(node);
        reads.into_set()
    }

    /// The questions an expression reads, directly, through facts or through dates.
    pub(super) fn expr_questions(&self, expr: &Expr, facts: &[Fact]) -> BTreeSet<usize> {
        let index = |id: &str| self.index.get(id).copied();
        let mut reads = QuestionReads::new(facts, &index);
        reads.expr(expr);
        reads.into_set()
    }

    /// The date questions a date expression reads.
    pub(super) fn date_questions(&self, d: &DateExprSpec, out: &mut BTreeSet<usize>) {
        let index = |id: &str| self.index.get(id).copied();
        let mut reads = QuestionReads::new(&[], &index);
        reads.date(d);
        out.extend(reads.into_set());
    }
}
