//! One row of a declared table, read and checked on its own: its cells by their columns' kinds,
//! the cells it must have, its figures, and its rules — so an edit to one cell recomputes that
//! row only.
//!
//! Owns: reading and checking one row. Must not know: the table's sums or other rows.

use super::category;
use super::report::RowReport;
use crate::eval::cells::{Cell, RowData};
use crate::eval::env::{Answered, Env};
use crate::eval::logic::{money_figure, shown};
use crate::eval::template::{cell_text, raise, Values};
use crate::eval::trace::Outcome;
use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::pack::category::{contains, normalised, normalises_to, CharSet};
use crate::pack::expr::{Kind, NodeKind};
use crate::pack::spec::ColumnKind;
use crate::pack::table::{Column, Table};
use crate::read::row::{filled, Row};
use crate::text::exact::Exact;
use crate::text::figure::Figure;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What one row contributes: its findings, its data for sums and figures, its figures for the
/// Report, its once-per-table findings and the rules it left pending.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RowResult {
    /// Findings about the row.
    pub(crate) diags: Vec<Diagnostic>,
    /// What was read (absent for a blank row or a value that is not a row).
    pub(crate) data: Option<RowData>,
    /// Its figures in the Report.
    pub(crate) report: Option<Arc<RowReport>>,
    /// Findings of once-per-table rules, by rule index (the table keeps the first row's).
    pub(crate) once: Vec<(usize, Diagnostic)>,
    /// Rules whose condition this row could not decide yet.
    pub(crate) pending: Vec<usize>,
}

/// The value a `{cell:KEY}` or `{row_figure:ID}` placeholder names in this row.
fn lookup(table: &Table, data: &RowData, name: &str, ja: bool) -> Option<String> {
    if let Some(key) = name.strip_prefix("cell:") {
        let c = table.column(key)?;
        let (j, e) = cell_text(data.cells.get(c)?, table.columns[c].unit);
        return Some(if ja { j } else { e });
    }
    let id = name.strip_prefix("row_figure:")?;
    let i = table.row_figures.iter().position(|f| f.id == id)?;
    let v = data.figures.get(i).copied().flatten()?;
    Some(shown(&table.row_figures[i].value, v))
}

/// Reads and checks the row `value` at `path` (index `index`) of `table`.
pub(crate) fn read_row(
    table: &Table,
    index: usize,
    path: String,
    value: &Value,
    base: &Answered<'_>,
) -> RowResult {
    let mut diags = Vec::new();
    let row = match Row::new(path, value, &mut diags) {
        Some(row) if !row.is_blank() => row,
        _ => {
            return RowResult {
                diags,
                ..RowResult::default()
            }
        }
    };
    // Each column's cell looked up once (the row is a sorted map, and every lookup compares
    // keys), with whether the row must have it: one vector for the two.
    let env = Env::of(base);
    let mut written = 0;
    let given: Vec<(Option<&Value>, bool)> = table
        .columns
        .iter()
        .map(|c| {
            let cell = row.get(&c.key);
            written += usize::from(cell.is_some());
            let required = c.required
                || c.required_when
                    .as_ref()
                    .is_some_and(|n| n.outcome(&env) == Outcome::Pass);
            (filled(cell), required)
        })
        .collect();
    // Column keys are distinct (the pack compiler refuses a repeated one), so a row with no more
    // keys than the columns it fills has none the table does not know.
    if written < row.len() {
        row.unknown_keys(&|k| table.columns.iter().any(|c| c.key == k), &mut diags);
    }
    let raw = |c: usize| given[c].0;
    let required = |c: usize| given[c].1;
    let selected: &[SharedText] = base.state.selected.as_deref().unwrap_or(&[]);
    let mut data = RowData {
        index,
        cells: vec![Cell::Blank; table.columns.len()],
        complete: true,
        ..RowData::default()
    };
    let position = |kind: ColumnKind| table.columns.iter().position(|c| c.kind == kind);
    data.subprogramme = match position(ColumnKind::Subprogramme) {
        Some(c) => subprogramme(
            &row,
            &table.columns[c],
            raw(c),
            selected,
            &mut data.cells[c],
            &mut diags,
        ),
        None => (selected.len() == 1).then(|| selected[0].clone()),
    };
    data.subprogramme_rank = data
        .subprogramme
        .as_ref()
        .and_then(|s| selected.iter().position(|x| x == s));
    let group_text = position(ColumnKind::Group).and_then(|g| {
        let text = row.text_at(&table.columns[g].key, raw(g), &mut diags);
        if let Some(t) = text {
            data.cells[g] = Cell::Choice(SharedText::from(t));
        }
        text
    });
    if let Some(c) = position(ColumnKind::Category) {
        if let (Some(cats), Some(typed)) = (
            &table.columns[c].categories,
            row.text_at(&table.columns[c].key, raw(c), &mut diags),
        ) {
            // The row's, else those chosen, else (none chosen at all) every one the table knows.
            let candidates: &[SharedText] = match &data.subprogramme {
                Some(s) => std::slice::from_ref(s),
                None if !selected.is_empty() => selected,
                None => cats.subprogrammes(),
            };
            let found = category::read(
                table, c, cats, &row, typed, group_text, candidates, &mut diags,
            );
            match found {
                Some((name, group)) => {
                    data.cells[c] = Cell::Choice(name.clone());
                    data.category = Some(name);
                    if let (Some(g), Some(gc)) = (&group, cats.group_column) {
                        data.cells[gc] = Cell::Choice(g.clone());
                    }
                    data.group = group;
                }
                None => data.cells[c] = Cell::Invalid,
            }
        }
    }
    for (c, col) in table.columns.iter().enumerate() {
        // A remark column is read as a remark where it is required, as free text elsewhere.
        let kind = match col.kind {
            ColumnKind::TaxRemark if !required(c) => ColumnKind::Text,
            k => k,
        };
        let cell = match kind {
            ColumnKind::Subprogramme | ColumnKind::Category | ColumnKind::Group => continue,
            ColumnKind::Text => row
                .text_at(&col.key, raw(c), &mut diags)
                .map_or(Cell::Blank, |t| Cell::Text(t.to_owned())),
            ColumnKind::Amount => match row.amount_at(&col.key, raw(c), col.unit, &mut diags) {
                Some(a) => Exact::from_decimal(a.yen.value()).map_or(Cell::Invalid, Cell::Amount),
                None => Cell::Blank,
            },
            ColumnKind::Number => match row.percent_at(&col.key, raw(c), &mut diags) {
                Some(d) => Exact::from_decimal(d).map_or(Cell::Invalid, |x| Cell::Number(x, d)),
                None => Cell::Blank,
            },
            ColumnKind::Date => match row.date_at(&col.key, raw(c), &mut diags) {
                Some(d) => {
                    bounds(&env, col, &row, d, &mut diags);
                    Cell::Date(d)
                }
                None => Cell::Blank,
            },
            ColumnKind::Choice => choice(col, &row, raw(c), &mut diags),
            ColumnKind::TaxRemark => remark(col, &row, raw(c), &mut diags),
        };
        data.cells[c] = if cell == Cell::Blank && raw(c).is_some() {
            Cell::Invalid
        } else {
            cell
        };
    }
    for (c, col) in table.columns.iter().enumerate() {
        if !required(c) || col.kind == ColumnKind::Subprogramme || raw(c).is_some() {
            continue;
        }
        if data.cells[c] != Cell::Blank {
            continue;
        }
        match &col.missing {
            Some(f) => diags.push(raise(
                f,
                row.cell_path(&col.key),
                &Values::new(),
                &|_, _| None,
            )),
            None => row.required(&col.key, &col.label, &col.clause, &mut diags),
        }
    }
    // Complete: no amount unreadable, and every amount the row must have (a required one, or
    // one the 計 row sums) given.
    data.complete = table
        .columns
        .iter()
        .zip(&data.cells)
        .enumerate()
        .all(|(c, (col, cell))| {
            let needed = required(c) || table.totals.contains(&c);
            col.kind != ColumnKind::Amount
                || matches!(cell, Cell::Amount(_))
                || (!needed && *cell == Cell::Blank)
        });
    for f in &table.row_figures {
        let value = {
            let env = Env::row(base, table, &data);
            let on = f
                .when
                .as_ref()
                .is_none_or(|n| n.outcome(&env) == Outcome::Pass);
            on.then(|| f.value.value(&env)).flatten()
        };
        data.figures.push(value);
    }
    let (mut once, mut pending) = (Vec::new(), Vec::new());
    {
        let env = Env::row(base, table, &data);
        let find = |name: &str, ja: bool| lookup(table, &data, name, ja);
        let mut folded: Option<(usize, Cow<'_, str>, CharSet)> = None;
        for (ri, rule) in table.rules.iter().enumerate() {
            match rule
                .when
                .as_ref()
                .map_or(Outcome::Pass, |n| n.outcome(&env))
            {
                Outcome::Fail => continue,
                Outcome::Unknown => {
                    if rule.pending.is_some() {
                        pending.push(ri);
                    }
                    continue;
                }
                Outcome::Pass => {}
            }
            // The finding's path is written only when the rule finds something.
            let at = || row.cell_path(&rule.at);
            let hit = if let Some((column, words)) = &rule.words {
                // Rules that look for words in the same column share its folded text.
                let (text, chars) = match &folded {
                    Some((c, text, chars)) if c == column => (text, *chars),
                    _ => {
                        // Copied only when folding changes it (most text is typed folded).
                        let text = match &data.cells[*column] {
                            Cell::Text(t) => normalised(t),
                            _ => Cow::Borrowed(""),
                        };
                        let chars = CharSet::of(&text);
                        (&folded.insert((*column, text, chars)).1, chars)
                    }
                };
                words
                    .iter()
                    .find(|(_, word)| {
                        !text.is_empty() && chars.may_hold(word) && contains(text, word)
                    })
                    .map(|(word, _)| {
                        raise(
                            &rule.finding,
                            at(),
                            &Values::new().with("word", word.clone()),
                            &find,
                        )
                    })
            } else if let Some(assert) = &rule.assert {
                (assert.outcome(&env) == Outcome::Fail).then(|| {
                    let values = match &assert.kind {
                        NodeKind::Compare(c) => Values::new().with_comparison(c, &env),
                        _ => Values::new(),
                    };
                    raise(&rule.finding, at(), &values, &find)
                })
            } else {
                Some(raise(&rule.finding, at(), &Values::new(), &find))
            };
            if let Some(d) = hit {
                if rule.once {
                    once.push((ri, d));
                } else {
                    diags.push(d);
                }
            }
        }
    }
    let figures: BTreeMap<String, Figure> = table
        .row_figures
        .iter()
        .zip(&data.figures)
        .filter_map(|(f, v)| {
            let v = (*v)?;
            let figure = match f.value.kind {
                Kind::Money => money_figure(v, table.spec.unit)?,
                _ => Figure::number(v.to_string(), ""),
            };
            Some((f.id.clone(), figure))
        })
        .collect();
    let report = RowReport {
        index,
        category: data.category.clone(),
        group: data.group.clone(),
        subprogramme: data.subprogramme.clone(),
        figures,
    };
    RowResult {
        diags,
        data: Some(data),
        report: Some(Arc::new(report)),
        once,
        pending,
    }
}

/// The row's sub-programme: as written, or the only one chosen; it must be one applied for.
fn subprogramme<'a>(
    row: &Row<'a>,
    col: &Column,
    raw: Option<&'a Value>,
    selected: &[SharedText],
    cell: &mut Cell,
    diags: &mut Vec<Diagnostic>,
) -> Option<SharedText> {
    let path = || row.cell_path(&col.key);
    match row.text_at(&col.key, raw, diags) {
        Some(s) => {
            // A chosen one's id is shared, not copied; while none is chosen, any is as written.
            let id = if selected.is_empty() {
                Some(SharedText::from(s))
            } else {
                selected.iter().find(|x| **x == *s).cloned()
            };
            if let Some(id) = id {
                *cell = Cell::Choice(id.clone());
                return Some(id);
            }
            *cell = Cell::Invalid;
            diags.push(Diagnostic::new(
                Code::BudgetSubprogrammeNotApplied,
                path(),
                None,
                Message::new(
                    format!(
                        "「{}」は応募する事業として選ばれていません（選択：{}）。",
                        category::short(s),
                        selected.join("、")
                    ),
                    format!(
                        "\"{}\" is not among the parts applied for ({}).",
                        category::short(s),
                        selected.join(", ")
                    ),
                ),
            ));
            None
        }
        None if selected.len() == 1 => selected.first().cloned(),
        None if selected.len() > 1 => {
            diags.push(Diagnostic::new(
                Code::BudgetCellRequired,
                path(),
                None,
                Message::new(
                    "どの事業の経費か選んでください。",
                    "Choose which part of the project this cost belongs to.",
                ),
            ));
            None
        }
        None => None,
    }
}

/// A choice cell: one of the options (with width, spaces and 「」 folded when loose), the
/// default when blank; an option's own finding raised for every row that picks it.
fn choice<'a>(
    col: &Column,
    row: &Row<'a>,
    raw: Option<&'a Value>,
    diags: &mut Vec<Diagnostic>,
) -> Cell {
    let Some(typed) = row.text_at(&col.key, raw, diags) else {
        return match (&col.default, raw) {
            (Some(d), None) => Cell::Choice(d.clone()),
            _ => Cell::Blank,
        };
    };
    // Folded only as far as an option's folded form needs (most rows write an option exactly).
    let found = col
        .options
        .iter()
        .find(|o| o.value == typed || (col.loose && normalises_to(typed, &o.folded)));
    // The cell's path is written only when there is something to say about it.
    let path = || row.cell_path(&col.key);
    if let Some(o) = found {
        if let Some(f) = &o.finding {
            diags.push(raise(f, path(), &Values::new(), &|_, _| None));
        }
        Cell::Choice(o.value.clone())
    } else {
        let path = path();
        if let Some(f) = &col.invalid {
            diags.push(raise(
                f,
                path,
                &Values::new().with("value", category::short(typed)),
                &|_, _| None,
            ));
        } else {
            let values: Vec<&str> = col.options.iter().map(|o| o.value.as_str()).collect();
            diags.push(Diagnostic::new(
                Code::AnswerUnknownOption,
                path,
                None,
                Message::new(
                    format!(
                        "{}「{}」は選択肢にありません（{}）。",
                        col.label.ja,
                        category::short(typed),
                        values.join("、")
                    ),
                    format!(
                        "{} \"{}\" is not an option ({}).",
                        col.label.en,
                        category::short(typed),
                        values.join(", ")
                    ),
                ),
            ));
        }
        Cell::Invalid
    }
}

/// A date cell against its column's bounds.
fn bounds(
    env: &Env<'_>,
    col: &Column,
    row: &Row<'_>,
    date: chrono::NaiveDate,
    diags: &mut Vec<Diagnostic>,
) {
    for b in &col.bounds {
        let before = b
            .not_before
            .as_ref()
            .and_then(|e| env.date(e))
            .filter(|start| date < *start);
        let after = b
            .not_after
            .as_ref()
            .and_then(|e| env.date(e))
            .filter(|end| date > *end);
        if let Some(limit) = before.or(after) {
            let values = Values::new()
                .with_date("value", date)
                .with_date("limit", limit);
            diags.push(raise(
                &b.finding,
                row.cell_path(&col.key),
                &values,
                &|_, _| None,
            ));
        }
    }
}

/// A consumption-tax remark cell where the remark is required: 「減額した金額〇〇円」 (its
/// amount), 「該当なし」 or 「含税額」, anything else refused with the closest form.
fn remark<'a>(
    col: &Column,
    row: &Row<'a>,
    raw: Option<&'a Value>,
    diags: &mut Vec<Diagnostic>,
) -> Cell {
    use crate::text::tax_remark::{parse_tax_remark, TaxRemark};
    let Some(text) = row.text_at(&col.key, raw, diags) else {
        return Cell::Blank;
    };
    match parse_tax_remark(text) {
        Ok(TaxRemark::Reduced(amount)) => Cell::Remark(Exact::from_decimal(amount.value())),
        Ok(TaxRemark::NotApplicable | TaxRemark::TaxIncluded) => Cell::Remark(None),
        Err(e) => {
            diags.push(Diagnostic::new(
                Code::BudgetTaxRemark,
                row.cell_path(&col.key),
                Some(&col.clause),
                e.message(),
            ));
            Cell::Invalid
        }
    }
}
