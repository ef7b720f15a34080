//! The questions: ids, clauses, options and units; the selection and attachment lists as
//! questions; what each option counts as.
//!
//! Owns: those checks. Must not know: how an answer is read.

use super::{is_question_id, Compiler};
use crate::pack::spec::{AnswerKind, OptionSpec, PackSpec, QuestionSpec};
use std::collections::{BTreeMap, HashMap, HashSet};

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
                help: None,
                reading: None,
                scope: None,
                unit: None,
                max_length: None,
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
                    help: None,
                    reading: None,
                    scope: None,
                    unit: None,
                    max_length: None,
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
