//! Checking a pack's budget, 様式4 and 様式5 rules (part of [`super::compile`]).

use super::compile::{is_form_path, Compiler, ENGINE_CODE_PREFIXES};
use super::spec::{AnswerKind, BudgetLayout, DateExprSpec, PackSpec};
use crate::amount_field::FieldUnit;
use crate::budget::Budget;
use crate::money::{ThousandYen, Yen};
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
            categories: crate::budget::category::CategoryIndex::new(&b.categories),
            exclusion_keywords: b
                .exclusions
                .iter()
                .map(|e| {
                    e.keywords
                        .iter()
                        .map(|k| crate::budget::category::normalise(k))
                        .collect()
                })
                .collect(),
        })
    }

    /// Checks the 様式4 and 様式5 sections and the submission rules.
    pub(super) fn compile_forms(&mut self, spec: &PackSpec) {
        if let Some(s) = &spec.submission {
            self.clause("submission.clause", &s.clause);
            if !matches!(
                self.question(&s.applicant_question),
                Some((_, AnswerKind::Text))
            ) {
                self.problem(
                    "submission.applicant_question",
                    format!("「{}」は文字の質問ではありません。", s.applicant_question),
                    format!("\"{}\" is not a text question", s.applicant_question),
                );
            }
            let templates_ok = s.subject.contains("{applicant}")
                && ["{applicant}", "{n}", "{total}"]
                    .iter()
                    .all(|t| s.part_subject.contains(t));
            if !templates_ok {
                self.problem(
                    "submission.subject",
                    "件名には {applicant}、分割時は {n} と {total} も必要です。",
                    "subject needs {applicant}; part_subject also {n} and {total}",
                );
            }
            if s.overhead_bytes >= s.max_mail_bytes {
                self.problem(
                    "submission.overhead_bytes",
                    "overhead_bytes が max_mail_bytes 以上です。",
                    "overhead_bytes must be below max_mail_bytes",
                );
            }
        }
        if let Some(t) = &spec.tax_report {
            self.section_path("tax_report.path", &t.path);
            self.clause("tax_report.clause", &t.clause);
        }
        if let Some(a) = &spec.advance_payment {
            self.section_path("advance_payment.path", &a.path);
            self.clause("advance_payment.clause", &a.clause);
        }
    }

    /// A section's path: one path segment that no question uses.
    fn section_path(&mut self, at: &str, path: &str) {
        if !is_form_path(path) || path.contains('.') || self.has_question_under(path) {
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
        if !ok || ENGINE_CODE_PREFIXES.iter().any(|p| code.starts_with(p)) {
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

impl Compiler {
    /// Checks date rules, date limits and the 加算金 rule.
    pub(super) fn compile_dates(&mut self, spec: &PackSpec) {
        let mut ids = HashSet::new();
        for (i, r) in spec.dates.iter().enumerate() {
            let at = format!("dates[{i}]");
            if !ids.insert(r.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("日付規則「{}」が重複しています。", r.id),
                    format!("duplicate date rule \"{}\"", r.id),
                );
            }
            self.clause(&format!("{at}.clause"), &r.clause);
            self.date_expr(&format!("{at}.expr"), &r.expr);
        }
        for (i, l) in spec.date_limits.iter().enumerate() {
            let at = format!("date_limits[{i}]");
            self.clause(&format!("{at}.clause"), &l.clause);
            self.date_question(&format!("{at}.question"), &l.question);
            for (key, e) in [("not_before", &l.not_before), ("not_after", &l.not_after)] {
                if let Some(e) = e {
                    self.date_expr(&format!("{at}.{key}"), e);
                }
            }
        }
        if let Some(c) = &spec.additional_charge {
            let at = "additional_charge";
            self.clause(&format!("{at}.clause"), &c.clause);
            self.date_question(&format!("{at}.from"), &c.from);
            self.date_question(&format!("{at}.to"), &c.to);
            let yen_amount = self.question(&c.amount).is_some_and(|(q, kind)| {
                kind == AnswerKind::Amount && self.question_unit(q) == Some(FieldUnit::Yen)
            });
            if !yen_amount {
                self.problem(
                    format!("{at}.amount"),
                    format!("「{}」は円の金額の質問ではありません。", c.amount),
                    format!("\"{}\" is not an amount question in yen", c.amount),
                );
            }
            let rate_ok = c
                .rate_percent
                .parse::<Decimal>()
                .is_ok_and(|r| r >= Decimal::ZERO && r <= Decimal::ONE_HUNDRED);
            if !rate_ok {
                self.problem(
                    format!("{at}.rate_percent"),
                    "rate_percent は0〜100の数にしてください。",
                    "rate_percent must be a number from 0 to 100",
                );
            }
        }
    }

    fn date_question(&mut self, at: &str, id: &str) {
        if !matches!(self.question(id), Some((_, AnswerKind::Date))) {
            self.problem(
                at,
                format!("「{id}」は日付の質問ではありません。"),
                format!("\"{id}\" is not a date question"),
            );
        }
    }

    fn date_expr(&mut self, at: &str, expr: &DateExprSpec) {
        match expr {
            DateExprSpec::Answer(q) => self.date_question(at, q),
            DateExprSpec::Fixed(d) => {
                if NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
                    self.problem(
                        at,
                        format!("「{d}」は YYYY-MM-DD 形式の日付ではありません。"),
                        format!("\"{d}\" is not a YYYY-MM-DD date"),
                    );
                }
            }
            DateExprSpec::FiscalYearStart | DateExprSpec::FiscalYearEnd => {}
            DateExprSpec::MonthsElapsed { from, months } => {
                if *months == 0 || *months > 1200 {
                    self.problem(
                        at,
                        "months は1〜1200にしてください。",
                        "months must be 1 to 1200",
                    );
                }
                self.date_expr(&format!("{at}.from"), from);
            }
            DateExprSpec::WithinDaysAfter { from, days }
            | DateExprSpec::DaysBefore { from, days } => {
                if *days > 36_600 {
                    self.problem(
                        at,
                        "days は36600以下にしてください。",
                        "days must be at most 36600",
                    );
                }
                self.date_expr(&format!("{at}.from"), from);
            }
            DateExprSpec::NextYearOn { from, month, day } => {
                // A day that exists every year (2月29日 does not).
                if NaiveDate::from_ymd_opt(2025, *month, *day).is_none() {
                    self.problem(
                        at,
                        "毎年ある月日にしてください。",
                        "month/day must exist in every year",
                    );
                }
                self.date_expr(&format!("{at}.from"), from);
            }
            DateExprSpec::Earliest(items) => {
                if items.is_empty() {
                    self.problem(at, "earliest には日付が必要です。", "earliest needs dates");
                }
                for (i, e) in items.iter().enumerate() {
                    self.date_expr(&format!("{at}[{i}]"), e);
                }
            }
        }
    }
}
