//! The form's layout for a page that renders it from the pack: sections with unique ids, items
//! that name questions, tables, figures and dates that exist, every question and table placed
//! exactly once; and the display hints of questions and columns, each only where it means
//! something.
//!
//! Owns: those checks. Must not know: how a page renders a section.

use super::{is_id, Compiler};
use crate::pack::spec::{AnswerKind, ChoiceControl, ColumnKind, DisplaySpec, ItemSpec, PackSpec};
use std::collections::{HashMap, HashSet};

/// The most lines a text box may ask for.
const MAX_LINES: u8 = 20;

impl Compiler {
    /// Display hints: `lines` for text only (1 to 20), `control` for choice questions (and
    /// `select` for category columns), `width` for inputs typed into (text, amounts, numbers).
    fn display(&mut self, at: &str, display: &DisplaySpec, typed: bool, text: bool, choice: bool) {
        if display.width.is_some() && !typed {
            self.problem(
                format!("{at}.display.width"),
                "width は文字や数を入力する欄（テキスト・金額・数）にだけ書けます。",
                "width applies only to inputs typed into (text, amounts, numbers)",
            );
        }
        match display.lines {
            Some(n) if !text || n == 0 || n > MAX_LINES => self.problem(
                format!("{at}.display.lines"),
                format!("lines はテキストの欄にだけ、1〜{MAX_LINES}で書けます。"),
                format!("lines applies only to text, from 1 to {MAX_LINES}"),
            ),
            _ => {}
        }
        if display.control.is_some() && !choice {
            self.problem(
                format!("{at}.display.control"),
                "control は選択式（choice）の質問と、経費区分の列（select のみ）にだけ書けます。",
                "control applies only to choice questions, and to category columns (select only)",
            );
        }
    }

    pub(super) fn compile_display(&mut self, spec: &PackSpec) {
        for (i, q) in spec.questions.iter().enumerate() {
            if let Some(d) = &q.display {
                let typed = matches!(
                    q.kind,
                    AnswerKind::Text | AnswerKind::Amount | AnswerKind::Integer
                );
                let text = q.kind == AnswerKind::Text;
                let choice = q.kind == AnswerKind::Choice;
                self.display(&format!("questions[{i}]"), d, typed, text, choice);
            }
        }
        for (t, table) in spec.tables.iter().enumerate() {
            for (c, column) in table.columns.iter().enumerate() {
                if let Some(d) = &column.display {
                    let typed = matches!(
                        column.kind,
                        ColumnKind::Text
                            | ColumnKind::Amount
                            | ColumnKind::Number
                            | ColumnKind::TaxRemark
                    );
                    let text = column.kind == ColumnKind::Text;
                    // A category column is a list of its names, or (where aliases are accepted)
                    // text with suggestions; `select` asks for the list.
                    let choice = column.kind == ColumnKind::Category
                        && d.control != Some(ChoiceControl::Radios);
                    self.display(&format!("tables[{t}].columns[{c}]"), d, typed, text, choice);
                }
            }
        }
    }

    pub(super) fn compile_layout(&mut self, spec: &PackSpec) {
        let Some(form) = &spec.form else {
            return;
        };
        let mut ids = HashSet::new();
        let mut placed: HashMap<String, String> = HashMap::new();
        for (s, section) in form.sections.iter().enumerate() {
            let at = format!("form.sections[{s}]");
            if !is_id(&section.id) || !ids.insert(section.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("節 id「{}」が不正か重複しています。", section.id),
                    format!("section id \"{}\" is malformed or duplicated", section.id),
                );
            }
            for (i, item) in section.items.iter().enumerate() {
                let ItemSpec::Ref(name) = item else { continue };
                let iat = format!("{at}.items[{i}]");
                let known = match name.split_once(':') {
                    Some(("table", id)) => spec.tables.iter().any(|t| t.id == id),
                    Some(("figure", id)) => spec.figures.iter().any(|f| f.id == id),
                    Some(("date", id)) => spec.dates.iter().any(|d| d.id == id),
                    Some(_) => false,
                    None if name == "files" => spec.submission.is_some(),
                    None => self.index.contains_key(name),
                };
                if !known {
                    self.problem(
                        &iat,
                        format!("「{name}」は質問・table:表・figure:数値・date:日付・files のどれでもありません。"),
                        format!("\"{name}\" is not a question, table:ID, figure:ID, date:ID or files of this pack"),
                    );
                    continue;
                }
                if let Some(first) = placed.insert(name.clone(), iat.clone()) {
                    self.problem(
                        &iat,
                        format!("「{name}」は {first} にも置かれています。"),
                        format!("\"{name}\" is placed twice (also at {first})"),
                    );
                }
            }
        }
        let missing: Vec<String> = self
            .questions
            .iter()
            .map(|q| q.id.clone())
            .chain(spec.tables.iter().map(|t| format!("table:{}", t.id)))
            .filter(|name| !placed.contains_key(name))
            .collect();
        if !missing.is_empty() {
            self.problem(
                "form.sections",
                format!("どの節にも置かれていません：{}", missing.join("、")),
                format!("not placed in any section: {}", missing.join(", ")),
            );
        }
    }
}
