//! Dates (date rules and limits), sections and the submission rules.
//!
//! Owns: those checks. Must not know: how a date is computed.

use super::Compiler;
use crate::pack::spec::{AnswerKind, DateExprSpec, PackSpec};
use crate::text::form_path::FormPath;
use crate::text::iso_date::parse_iso_date;
use chrono::NaiveDate;
use std::collections::HashSet;

impl Compiler {
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
    }

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

    /// Checks date rules and date limits.
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
    }

    pub(super) fn date_question(&mut self, at: &str, id: &str) {
        if !matches!(self.question(id), Some((_, AnswerKind::Date))) {
            self.problem(
                at,
                format!("「{id}」は日付の質問ではありません。"),
                format!("\"{id}\" is not a date question"),
            );
        }
    }

    pub(super) fn date_expr(&mut self, at: &str, expr: &DateExprSpec) {
        match expr {
            DateExprSpec::Answer(q) => self.date_question(at, q),
            DateExprSpec::Fixed(d) => {
                if parse_iso_date(d).is_none() {
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
