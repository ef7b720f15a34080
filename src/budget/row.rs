//! Reading one row (or section object) of a table: each cell with the same readers as questions,
//! keys the table does not know flagged, blank rows told apart from half-filled ones.

use crate::amount_field::{FieldAmount, FieldUnit};
use crate::answers::{is_blank, preview, read_amount_value, read_date_value};
use crate::diagnostic::{Diagnostic, Severity};
use crate::message::Message;
use crate::number_text::{parse_number, NumberRules};
use crate::width::is_space;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// The longest text accepted in a table cell.
pub const MAX_CELL_TEXT: usize = 2000;

/// One row being read, with its form path (`budget.lines[3]`).
pub struct Row<'a> {
    /// The row's path.
    pub path: String,
    cells: &'a Map<String, Value>,
}

impl<'a> Row<'a> {
    /// Reads `value` at `path` as a row; anything but an object is a finding there.
    pub fn new(path: String, value: &'a Value, diags: &mut Vec<Diagnostic>) -> Option<Self> {
        if let Some(cells) = value.as_object() {
            Some(Self { path, cells })
        } else {
            if !is_blank(Some(value)) {
                diags.push(Diagnostic::new(
                    "form.unexpected_value",
                    Severity::Error,
                    &path,
                    None,
                    Message::new(
                        format!("「{path}」には項目のまとまり（オブジェクト）が入ります（入力値：{}）。", preview(value)),
                        format!("\"{path}\" holds a group of cells (an object); got: {}.", preview(value)),
                    ),
                ));
            }
            None
        }
    }

    /// The path of a cell.
    #[must_use]
    pub fn cell_path(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// Whether every cell is blank (an empty row the user added but has not filled).
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.cells.values().all(|v| is_blank(Some(v)))
    }

    /// Flags cells the table does not have.
    pub fn unknown_keys(&self, known: &[&str], diags: &mut Vec<Diagnostic>) {
        for key in self
            .cells
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .take(20)
        {
            let path: String = self.cell_path(key).chars().take(200).collect();
            diags.push(Diagnostic::new(
                "form.unknown_field",
                Severity::Warning,
                &path,
                None,
                Message::new(
                    format!("「{path}」はこの表にない項目です。無視されます。"),
                    format!("\"{path}\" is not a column of this table; it is ignored."),
                ),
            ));
        }
    }

    /// The raw cell, when not blank.
    #[must_use]
    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        self.cells.get(key).filter(|v| !is_blank(Some(v)))
    }

    /// A text cell (trimmed); a non-string or an over-long one is a finding.
    pub fn text(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let value = self.raw(key)?;
        match value.as_str() {
            Some(s) if s.chars().count() <= MAX_CELL_TEXT => {
                Some(s.trim_matches(is_space).to_owned())
            }
            Some(s) => {
                diags.push(Diagnostic::new(
                    "answer.too_long",
                    Severity::Error,
                    self.cell_path(key),
                    None,
                    Message::new(
                        format!(
                            "{MAX_CELL_TEXT}文字以内で入力してください（現在{}文字）。",
                            s.chars().count()
                        ),
                        format!(
                            "At most {MAX_CELL_TEXT} characters ({} now).",
                            s.chars().count()
                        ),
                    ),
                ));
                None
            }
            None => {
                diags.push(Diagnostic::new(
                    "answer.not_text",
                    Severity::Error,
                    self.cell_path(key),
                    None,
                    Message::new("文字で入力してください。", "Enter text."),
                ));
                None
            }
        }
    }

    /// An amount cell in `unit`.
    pub fn amount(
        &self,
        key: &str,
        unit: FieldUnit,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<FieldAmount> {
        read_amount_value(|| self.cell_path(key), self.raw(key)?, unit, diags)
    }

    /// A date cell.
    pub fn date(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<NaiveDate> {
        read_date_value(|| self.cell_path(key), self.raw(key)?, diags)
    }

    /// A percentage cell (0–100 is checked by the caller, which knows the clause).
    pub fn percent(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Decimal> {
        let value = self.raw(key)?;
        let text = crate::answers::scalar_text(value).unwrap_or_default();
        match parse_number(&text, NumberRules::PERCENT) {
            Ok(n) => {
                crate::normalised::record(
                    || self.cell_path(key),
                    || crate::normalised::decimal_text(n.value),
                );
                Some(n.value)
            }
            Err(e) => {
                diags.push(Diagnostic::new(
                    e.code(),
                    Severity::Error,
                    self.cell_path(key),
                    None,
                    e.message(),
                ));
                None
            }
        }
    }

    /// A finding that a required cell of a half-filled row is blank.
    pub fn required(&self, key: &str, label: &Message, clause: &str, diags: &mut Vec<Diagnostic>) {
        diags.push(Diagnostic::new(
            "budget.cell_required",
            Severity::Error,
            self.cell_path(key),
            Some(clause),
            Message::new(
                format!("{}を入力してください。", label.ja),
                format!("Enter the {}.", label.en),
            ),
        ));
    }
}

/// The rows of a table section: `section[key]` as an array, at most `max` of them.
pub fn rows<'a>(
    section: &'a Value,
    section_path: &str,
    key: &str,
    max: usize,
    clause: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(usize, &'a Value)> {
    let Some(value) = section.get(key).filter(|v| !is_blank(Some(v))) else {
        return Vec::new();
    };
    let path = format!("{section_path}.{key}");
    let Some(items) = value.as_array() else {
        diags.push(Diagnostic::new(
            "form.unexpected_value",
            Severity::Error,
            &path,
            None,
            Message::new(
                format!("「{path}」には行のリストが入ります。"),
                format!("\"{path}\" holds a list of rows."),
            ),
        ));
        return Vec::new();
    };
    if items.len() > max {
        diags.push(Diagnostic::new(
            "budget.too_many_rows",
            Severity::Error,
            &path,
            Some(clause),
            Message::new(
                format!(
                    "行が多すぎます（{}行、上限{max}行）。先頭の{max}行だけを確認しました。",
                    items.len()
                ),
                format!(
                    "Too many rows ({}; at most {max}). Only the first {max} were checked.",
                    items.len()
                ),
            ),
        ));
    }
    items.iter().take(max).enumerate().collect()
}

/// The typed 計 row (`<section>.totals`) must equal the column sums; each column is
/// `(key, computed sum, label)`. Compared only when every filled row could be read.
#[allow(clippy::too_many_arguments)]
pub fn typed_totals(
    section_path: &str,
    section: &Value,
    columns: &[(&str, crate::money::Yen, Message)],
    extra_keys: &[&str],
    unit: FieldUnit,
    clause: &str,
    complete: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(value) = section.get("totals") else {
        return;
    };
    let Some(row) = Row::new(format!("{section_path}.totals"), value, diags) else {
        return;
    };
    let known: Vec<&str> = columns
        .iter()
        .map(|c| c.0)
        .chain(extra_keys.iter().copied())
        .collect();
    row.unknown_keys(&known, diags);
    for (key, sum, label) in columns {
        let Some(typed) = row.amount(key, unit, diags) else {
            continue;
        };
        if complete && typed.yen != *sum {
            let (shown, expected) = (
                super::Figure::of(typed.yen, unit).display,
                super::Figure::of(*sum, unit).display,
            );
            diags.push(Diagnostic::new(
                "budget.total_mismatch",
                Severity::Error,
                row.cell_path(key),
                Some(clause),
                Message::new(
                    format!(
                        "計の{}は{shown}と記入されていますが、各行の合計は{expected}です。",
                        label.ja
                    ),
                    format!(
                        "The total {} is written as {shown}, but the rows add up to {expected}.",
                        label.en
                    ),
                ),
            ));
        }
    }
}
