//! What a table row holds once read: its cells, the figures computed for it and what it counts
//! under (category, group, sub-programme) — the parts the rules, the sums and the formulas read.
//!
//! Owns: the shape of a read row. Must not know: how a row is read or checked.

use crate::finding::shared_text::SharedText;
use crate::text::exact::Exact;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One cell as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    /// Nothing given.
    Blank,
    /// Given but not readable (a finding says why).
    Invalid,
    /// Text as typed.
    Text(String),
    /// An amount, in yen.
    Amount(Exact),
    /// A number, and how it was written (its decimal places count for `agrees_with`).
    Number(Exact, Decimal),
    /// A date.
    Date(NaiveDate),
    /// A choice: an option's value, a category's name, a group, a sub-programme's id.
    Choice(SharedText),
    /// A consumption-tax remark: the amount taken off, or none (該当なし, 含税額).
    Remark(Option<Exact>),
}

impl Cell {
    /// The value to compute with (amounts in yen, numbers, dates as days since the common era).
    #[must_use]
    pub(crate) fn value(&self) -> Option<Exact> {
        match self {
            Cell::Amount(x) | Cell::Number(x, _) => Some(*x),
            Cell::Remark(x) => *x,
            Cell::Date(d) => Some(Exact::int(i128::from(chrono::Datelike::num_days_from_ce(
                d,
            )))),
            _ => None,
        }
    }

    /// The choice it holds.
    #[must_use]
    pub(crate) fn choice(&self) -> Option<&str> {
        match self {
            Cell::Choice(v) => Some(v),
            _ => None,
        }
    }

    /// Whether anything readable is in it.
    #[must_use]
    pub(crate) fn is_given(&self) -> bool {
        !matches!(self, Cell::Blank | Cell::Invalid)
    }
}

/// A read row: its cells (in column order), its figures (in row-figure order) and what it
/// counts under.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct RowData {
    /// Its index in the table.
    pub(crate) index: usize,
    /// The cells, one per column.
    pub(crate) cells: Vec<Cell>,
    /// The row figures (`None`: not computed, or unknown).
    pub(crate) figures: Vec<Option<Exact>>,
    /// The category it was read as.
    pub(crate) category: Option<SharedText>,
    /// Its group (国内経費 / 国外経費).
    pub(crate) group: Option<SharedText>,
    /// The sub-programme it counts under.
    pub(crate) subprogramme: Option<SharedText>,
    /// Where that sub-programme stands among those chosen (its subtotal's place), when it is one.
    pub(crate) subprogramme_rank: Option<usize>,
    /// Whether every amount cell was readable.
    pub(crate) complete: bool,
}

/// Rows held somewhere, by index (a table's cache, which lies above this module).
pub(crate) trait HeldRows {
    /// How many rows are held, blank ones included.
    fn held(&self) -> usize;
    /// The row at `index`, unless it is blank.
    fn row(&self, index: usize) -> Option<&RowData>;
}

/// A table's rows as the figures see them: read where they are held (a list of them, made for
/// each keystroke, grew four times for 30 rows).
#[derive(Clone, Copy)]
pub(crate) struct TableData<'a> {
    held: &'a dyn HeldRows,
}

impl<'a> TableData<'a> {
    /// The rows `held` holds.
    pub(crate) fn of(held: &'a dyn HeldRows) -> Self {
        Self { held }
    }

    /// The non-blank rows (a sum is unknown while a row it adds has no readable amount).
    pub(crate) fn rows(self) -> impl Iterator<Item = &'a RowData> {
        (0..self.held.held()).filter_map(move |i| self.held.row(i))
    }
}
