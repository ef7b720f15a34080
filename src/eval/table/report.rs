//! What a table computes, as the Report carries it: each row's figures and what it counts
//! under, the column sums, the sums per sub-programme, and the formula of each row figure.
//!
//! Owns: the tables part of the wire format. Must not know: how the figures are computed.

use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::text::amount_field::FieldUnit;
use crate::text::figure::Figure;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One row's computed figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowReport {
    /// The row's index in the form (0 for a single record).
    pub index: usize,
    /// The category it was read as (the document's name), when recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<SharedText>,
    /// The group (国内経費 / 国外経費), when the category has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<SharedText>,
    /// The sub-programme it counts under, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subprogramme: Option<SharedText>,
    /// Its figures by id (those that could be computed).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub figures: BTreeMap<String, Figure>,
}

/// A sub-programme's share of a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Subtotal {
    /// The sub-programme.
    pub subprogramme: SharedText,
    /// The sum of its rows.
    pub amount: Figure,
}

/// A row figure as declared: what it is and how it is computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowFigureInfo {
    /// Its id (the key in each row's `figures`).
    pub id: String,
    /// What it is.
    pub label: Message,
    /// How it is computed, in words.
    pub formula: Message,
}

/// Everything computed from one table of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TableReport {
    /// The table's id in the pack.
    pub id: SharedText,
    /// The form section holding it (`budget`).
    pub path: SharedText,
    /// Its title.
    pub label: Message,
    /// The unit its amounts are stated in.
    pub unit: FieldUnit,
    /// Whether every filled row could be read (otherwise `sums` cover the readable ones, and
    /// figures built on the table are unknown).
    pub complete: bool,
    /// Per-row figures, for rows that are not blank.
    // Shared with the row cache, so a re-evaluation does not copy them.
    pub rows: Vec<Arc<RowReport>>,
    /// Each amount column's sum over the readable rows (tables with rows).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sums: BTreeMap<SharedText, Figure>,
    /// A column's sums per sub-programme, in the order they were chosen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subtotals: Vec<Subtotal>,
    /// The row figures' formulas.
    // Shared with the table's cache, where they are written once per context.
    #[serde(default, skip_serializing_if = "no_items")]
    pub row_figures: Arc<[RowFigureInfo]>,
}

/// Whether a shared list is empty (the Report leaves it out).
fn no_items<T>(list: &Arc<[T]>) -> bool {
    list.is_empty()
}
