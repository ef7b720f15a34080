//! A pack's example cases: dates readable, verdicts of sub-programmes that exist, missing
//! questions that exist, figures that exist, and every expected (or absent) code one the pack
//! can produce — a misspelt code would otherwise make a case pass for the wrong reason.
//!
//! Owns: those checks. Must not know: how a case is run (the API runs them on load).

use super::Compiler;
use crate::finding::code::{Code, Kind};
use crate::pack::spec::PackSpec;
use crate::text::iso_date::parse_iso_date;

impl Compiler {
    /// Whether a rule of the pack, or the engine for a pack of this shape, can raise `code`.
    fn can_raise(&self, spec: &PackSpec, code: &str) -> bool {
        if self.codes.contains(code) {
            return true;
        }
        let Some(c) = Code::ALL.iter().find(|c| c.as_str() == code) else {
            return false;
        };
        if c.kind() == Kind::Refusal {
            return false;
        }
        let prefix = code.split('.').next().unwrap_or_default();
        match prefix {
            "budget" => !spec.tables.is_empty(),
            "deadline" => spec.dates.iter().any(|d| d.deadline),
            "period" => !spec.date_limits.is_empty(),
            "attachment" => spec.attachments.is_some(),
            _ => true,
        }
    }

    pub(super) fn compile_cases(&mut self, spec: &PackSpec) {
        for (i, case) in spec.cases.iter().enumerate() {
            let at = format!("cases[{i}]");
            if parse_iso_date(&case.today).is_none() {
                self.problem(
                    format!("{at}.today"),
                    "today は YYYY-MM-DD 形式の日付にしてください。",
                    "today must be a YYYY-MM-DD date",
                );
            }
            for (key, list) in [
                ("codes", &case.expect.codes),
                ("absent", &case.expect.absent),
            ] {
                for (j, code) in list.iter().enumerate() {
                    if !self.can_raise(spec, code) {
                        self.problem(
                            format!("{at}.expect.{key}[{j}]"),
                            format!("コード「{code}」はこのパックのどの規則からも出ません（綴りの誤り？）。"),
                            format!("no rule of this pack can raise \"{code}\" (a misspelling?)"),
                        );
                    }
                }
            }
            for sub in case.expect.verdicts.keys() {
                if !self.subprogrammes.contains(sub) {
                    self.problem(
                        format!("{at}.expect.verdicts.{sub}"),
                        format!("「{sub}」は事業区分にありません。"),
                        format!("\"{sub}\" is not a sub-programme"),
                    );
                }
            }
            for (j, q) in case.expect.missing.iter().flatten().enumerate() {
                if !self.index.contains_key(q) {
                    self.problem(
                        format!("{at}.expect.missing[{j}]"),
                        format!("「{q}」は質問ではありません。"),
                        format!("\"{q}\" is not a question"),
                    );
                }
            }
            for (id, value) in &case.expect.figures {
                if !self.figures.iter().any(|f| &f.0 == id) {
                    self.problem(
                        format!("{at}.expect.figures.{id}"),
                        format!("「{id}」は figures にありません。"),
                        format!("\"{id}\" is not in `figures`"),
                    );
                }
                let digits = value
                    .strip_prefix('-')
                    .unwrap_or(value)
                    .split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
                if value != "unknown" && !digits && !value.contains('-') {
                    self.problem(
                        format!("{at}.expect.figures.{id}"),
                        format!("「{value}」は数字（円単位）か unknown にしてください。"),
                        format!(
                            "\"{value}\" must be digits (yen for amounts), a date, or \"unknown\""
                        ),
                    );
                }
            }
        }
    }
}
