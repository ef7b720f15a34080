//! The budget rules: the table's section, categories, exclusions, cap, notes, procurement,
//! period and tax remark; and the pack's own codes and amounts.
//!
//! Owns: those checks. Must not know: how a table is evaluated.

use super::Compiler;
use crate::finding::code::Code;
use crate::pack::category::{normalise, CategoryIndex};
use crate::pack::model::Budget;
use crate::pack::spec::{AnswerKind, BudgetLayout, PackSpec};
use crate::text::amount_field::FieldUnit;
use crate::text::form_path::FormPath;
use crate::text::money::{ThousandYen, Yen};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashSet;

impl Compiler {
    /// Checks the budget section; `None` when the pack has none (or it is refused).
    pub(super) fn compile_budget(&mut self, spec: &PackSpec) -> Option<Budget> {
        let b = spec.budget.as_ref()?;
        let at = "budget";
        self.section_path(&format!("{at}.path"), &b.path);
        self.clause(&format!("{at}.unit_clause"), &b.unit_clause);
        let subs: HashSet<&str> = spec.subprogrammes.iter().map(|s| s.id.as_str()).collect();
        for (sub, clause) in &b.category_clauses {
            if !subs.contains(sub.as_str()) {
                self.problem(
                    format!("{at}.category_clauses"),
                    format!("「{sub}」は事業区分にありません。"),
                    format!("\"{sub}\" is not a sub-programme"),
                );
            }
            self.clause(&format!("{at}.category_clauses.{sub}"), clause);
        }
        let mut names = HashSet::new();
        for (i, c) in b.categories.iter().enumerate() {
            names.insert(c.name.clone());
            for s in &c.subprogrammes {
                if !subs.contains(s.as_str()) {
                    self.problem(
                        format!("{at}.categories[{i}].subprogrammes"),
                        format!("「{s}」は事業区分にありません。"),
                        format!("\"{s}\" is not a sub-programme"),
                    );
                }
            }
        }
        for (i, f) in b.forbidden_categories.iter().enumerate() {
            self.clause(&format!("{at}.forbidden_categories[{i}].clause"), &f.clause);
        }
        for (i, e) in b.exclusions.iter().enumerate() {
            self.clause(&format!("{at}.exclusions[{i}].clause"), &e.clause);
            if e.keywords.iter().any(|k| k.trim().is_empty()) || e.keywords.is_empty() {
                self.problem(
                    format!("{at}.exclusions[{i}].keywords"),
                    "キーワードが空です。",
                    "keywords must not be empty",
                );
            }
            for c in e.categories.iter().flatten() {
                if !names.contains(c) {
                    self.problem(
                        format!("{at}.exclusions[{i}].categories"),
                        format!("「{c}」は categories にありません。"),
                        format!("\"{c}\" is not a category"),
                    );
                }
            }
        }
        let cap = b.cap.as_ref().and_then(|c| {
            self.clause(&format!("{at}.cap.clause"), &c.clause);
            let yen = self.amount(&format!("{at}.cap.amount"), &c.amount, b.unit);
            yen
        });
        if let Some(t) = &b.total_field {
            self.clause(&format!("{at}.total_field.clause"), &t.clause);
        }
        let mut note_thresholds = Vec::new();
        for (i, n) in b.notes.iter().enumerate() {
            self.clause(&format!("{at}.notes[{i}].clause"), &n.clause);
            self.pack_code(&format!("{at}.notes[{i}].code"), &n.code);
            if !names.contains(&n.category) {
                self.problem(
                    format!("{at}.notes[{i}].category"),
                    format!("「{}」は categories にありません。", n.category),
                    format!("\"{}\" is not a category", n.category),
                );
            }
            note_thresholds.push(n.at_least_yen.as_ref().and_then(|a| {
                self.amount(&format!("{at}.notes[{i}].at_least_yen"), a, FieldUnit::Yen)
            }));
        }
        let mut seen = HashSet::new();
        for (i, p) in b.procurement.iter().enumerate() {
            self.clause(&format!("{at}.procurement[{i}].clause"), &p.clause);
            if p.value == "external" || !seen.insert(p.value.clone()) {
                self.problem(format!("{at}.procurement[{i}].value"), "調達先の値が重複しているか external です。", "procurement value is duplicated or \"external\" (which means an outside supplier)");
            }
        }
        let (mut period_start, mut period_end) = (None, None);
        if let Some(p) = &b.period {
            self.clause(&format!("{at}.period.clause"), &p.clause);
            self.clause(
                &format!("{at}.period.before_start_clause"),
                &p.before_start_clause,
            );
            match self.question(&p.start_question) {
                Some((q, AnswerKind::Date)) => period_start = Some(q),
                _ => self.problem(
                    format!("{at}.period.start_question"),
                    format!("「{}」は日付の質問ではありません。", p.start_question),
                    format!("\"{}\" is not a date question", p.start_question),
                ),
            }
            period_end = NaiveDate::parse_from_str(&p.end, "%Y-%m-%d").ok();
            if period_end.is_none() {
                self.problem(
                    format!("{at}.period.end"),
                    "end は YYYY-MM-DD 形式の日付にしてください。",
                    "end must be a YYYY-MM-DD date",
                );
            }
        }
        let tax_remark_when = b.tax_remark.as_ref().map(|t| {
            self.clause(&format!("{at}.tax_remark.clause"), &t.clause);
            if b.layout != BudgetLayout::Shares {
                self.problem(
                    format!("{at}.tax_remark"),
                    "tax_remark は shares の表にだけ書けます。",
                    "tax_remark applies to shares tables only",
                );
            }
            self.node(&format!("{at}.tax_remark.when"), &t.when, &t.clause)
        });
        Some(Budget {
            spec: b.clone(),
            cap,
            note_thresholds,
            period_start,
            period_end,
            tax_remark_when,
            categories: CategoryIndex::new(&b.categories),
            exclusion_keywords: b
                .exclusions
                .iter()
                .map(|e| e.keywords.iter().map(|k| normalise(k)).collect())
                .collect(),
        })
    }

    /// Checks the 様式4 and 様式5 sections and the submission rules.
    /// A section's path: one path segment that no question uses.
    pub(super) fn section_path(&mut self, at: &str, path: &str) {
        let one_key =
            FormPath::parse(path).is_some_and(|p| p.is_question_id() && p.steps().len() == 1);
        if !one_key || self.has_question_under(path) {
            self.problem(
                at,
                format!("「{path}」は質問と重ならない一語のパスにしてください。"),
                format!("\"{path}\" must be a single path segment no question uses"),
            );
        }
    }

    /// A pack's own diagnostic code.
    pub(super) fn pack_code(&mut self, at: &str, code: &str) {
        let ok = !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if !ok || Code::prefixes().iter().any(|p| code.starts_with(p)) {
            self.problem(at, format!("コード「{code}」は使えません（英小文字・数字・._- のみ、エンジンの接頭辞は不可）。"), format!("code \"{code}\" is malformed or takes an engine prefix"));
        }
    }

    /// Digits in `unit` → yen.
    fn amount(&mut self, at: &str, digits: &str, unit: FieldUnit) -> Option<Yen> {
        let yen = digits.parse::<Decimal>().ok().and_then(|d| match unit {
            FieldUnit::Yen => Yen::new(d).ok(),
            FieldUnit::ThousandYen => ThousandYen::new(d).ok().and_then(|k| k.to_yen().ok()),
        });
        if yen.is_none() {
            self.problem(
                at,
                format!("「{digits}」は整数の金額ではありません。"),
                format!("\"{digits}\" is not a whole amount"),
            );
        }
        yen
    }
}
