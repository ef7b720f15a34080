//! Reading one row (or section object) of a table: each cell with the same readers as questions,
//! keys the table does not know flagged, blank rows told apart from half-filled ones.
//!
//! Owns: reading one table row's cells. Must not know: what a table checks.

use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::read::answers::{is_blank, length_over, preview, read_amount_value, read_date_value};
use crate::text::amount_field::{FieldAmount, FieldUnit};
use crate::text::number_text::{parse_number, NumberRules};
use crate::text::width::is_space;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// The longest text accepted in a table cell.
pub(crate) const MAX_CELL_TEXT: usize = 2000;

/// One row being read, with its form path (`budget.lines[3]`).
pub(crate) struct Row<'a> {
    /// The row's path.
    pub(crate) path: String,
    cells: &'a Map<String, Value>,
}

impl<'a> Row<'a> {
    /// Reads `value` at `path` as a row; anything but an object is a finding there.
    pub(crate) fn new(path: String, value: &'a Value, diags: &mut Vec<Diagnostic>) -> Option<Self> {
        if let Some(cells) = value.as_object() {
            Some(Self { path, cells })
        } else {
            if !is_blank(Some(value)) {
                diags.push(Diagnostic::new(
                    Code::FormUnexpectedValue,
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
    pub(crate) fn cell_path(&self, key: &str) -> String {
        cell_path(&self.path, key)
    }

    /// Whether every cell is blank (an empty row the user added but has not filled).
    #[must_use]
    pub(crate) fn is_blank(&self) -> bool {
        all_blank(self.cells)
    }

    /// Flags cells the table does not have.
    pub(crate) fn unknown_keys(&self, known: &dyn Fn(&str) -> bool, diags: &mut Vec<Diagnostic>) {
        for key in self.cells.keys().filter(|k| !known(k)).take(20) {
            let path: String = self.cell_path(key).chars().take(200).collect();
            diags.push(Diagnostic::new(
                Code::FormUnknownField,
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
    pub(crate) fn raw(&self, key: &str) -> Option<&'a Value> {
        filled(self.cells.get(key))
    }

    /// The cell under `key` as written, blank or not.
    #[must_use]
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.cells.get(key)
    }

    /// How many keys the row has.
    #[must_use]
    pub(crate) fn len(&self) -> usize {
        self.cells.len()
    }

    /// A text cell (trimmed: `value`, under `key`, already looked up: [`Self::raw`]), borrowed
    /// from the form (a caller that keeps it copies it); a non-string or an over-long one is a
    /// finding.
    pub(crate) fn text_at(
        &self,
        key: &str,
        value: Option<&'a Value>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<&'a str> {
        let value = value?;
        let Some(s) = value.as_str() else {
            diags.push(Diagnostic::new(
                Code::AnswerNotText,
                self.cell_path(key),
                None,
                Message::new("文字で入力してください。", "Enter text."),
            ));
            return None;
        };
        let Some(length) = length_over(s, MAX_CELL_TEXT) else {
            return Some(s.trim_matches(is_space));
        };
        diags.push(Diagnostic::new(
            Code::AnswerTooLong,
            self.cell_path(key),
            None,
            Message::new(
                format!("{MAX_CELL_TEXT}文字以内で入力してください（現在{length}文字）。"),
                format!("At most {MAX_CELL_TEXT} characters ({length} now)."),
            ),
        ));
        None
    }

    /// An amount cell in `unit`.
    pub(crate) fn amount(
        &self,
        key: &str,
        unit: FieldUnit,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<FieldAmount> {
        self.amount_at(key, self.raw(key), unit, diags)
    }

    /// [`Self::amount`] of the cell `value` under `key`, already looked up ([`Self::raw`]).
    pub(crate) fn amount_at(
        &self,
        key: &str,
        value: Option<&Value>,
        unit: FieldUnit,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<FieldAmount> {
        read_amount_value(|| self.cell_path(key), value?, unit, diags)
    }

    /// A date cell (`value`, under `key`, already looked up: [`Self::raw`]).
    pub(crate) fn date_at(
        &self,
        key: &str,
        value: Option<&Value>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<NaiveDate> {
        read_date_value(|| self.cell_path(key), value?, diags)
    }

    /// A percentage cell (`value`, under `key`, already looked up: [`Self::raw`]); 0–100 is
    /// checked by the caller, which knows the clause.
    pub(crate) fn percent_at(
        &self,
        key: &str,
        value: Option<&Value>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Decimal> {
        let value = value?;
        let text = crate::read::answers::scalar_text(value).unwrap_or_default();
        match parse_number(&text, NumberRules::PERCENT) {
            Ok(n) => {
                crate::read::normalised::record(
                    || self.cell_path(key),
                    || crate::read::normalised::decimal_text(n.value),
                );
                Some(n.value)
            }
            Err(e) => {
                diags.push(Diagnostic::new(
                    e.code(),
                    self.cell_path(key),
                    None,
                    e.message(),
                ));
                None
            }
        }
    }

    /// A finding that a required cell of a half-filled row is blank.
    pub(crate) fn required(
        &self,
        key: &str,
        label: &Message,
        clause: &str,
        diags: &mut Vec<Diagnostic>,
    ) {
        diags.push(Diagnostic::new(
            Code::BudgetCellRequired,
            self.cell_path(key),
            Some(clause),
            Message::new(
                format!("{}を入力してください。", label.ja),
                format!("Enter the {}.", label.en),
            ),
        ));
    }
}

/// The path of the cell `key` of the row or section at `path` (`budget.requested_total`).
#[must_use]
pub(crate) fn cell_path(path: &str, key: &str) -> String {
    // Joined, not `format!`ed: written for each finding of each row.
    [path, ".", key].concat()
}

/// A cell as written, when it is not blank.
#[must_use]
pub(crate) fn filled(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !is_blank(Some(v)))
}

/// Whether every cell of a row (or record) is blank: one not filled.
#[must_use]
pub(crate) fn all_blank(cells: &Map<String, Value>) -> bool {
    cells.values().all(|v| is_blank(Some(v)))
}

/// The rows of a table section: `section[key]` as an array, at most `max` of them.
pub(crate) fn rows<'a>(
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
    // Written only for a finding (an edit's evaluation reads the rows every time).
    let path = || format!("{section_path}.{key}");
    let Some(items) = value.as_array() else {
        let path = path();
        diags.push(Diagnostic::new(
            Code::FormUnexpectedValue,
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
            Code::BudgetTooManyRows,
            path(),
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
