//! What a budget table computes: each row's figures, subtotals, the cap and its headroom, the
//! column sums — the Report's `budget` part.
//!
//! Owns: the budget part of the wire format. Must not know: how the figures are computed.

use crate::pack::spec::{BudgetLayout, RateKind};
use crate::text::amount_field::FieldUnit;
use crate::text::figure::Figure;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One row's computed figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowFigures {
    /// The row's index in the form.
    pub index: usize,
    /// The category it was read as (the document's name), when recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The group (国内経費 / 国外経費), when the category has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Lines: the amount as read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Figure>,
    /// Shares: 国庫補助金 (A) + 事業実施主体 (B), computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<Figure>,
    /// Shares at a 1/2 rate: the most 国庫補助金 this row allows, ⌊事業費 / 2⌋.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_subsidy: Option<Figure>,
}

/// A sub-programme's share of the lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Subtotal {
    /// The sub-programme.
    pub subprogramme: String,
    /// The sum of its lines.
    pub amount: Figure,
}

/// The cap and what is left under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CapFigures {
    /// The cap.
    pub limit: Figure,
    /// Cap − total (negative when over).
    pub headroom: Figure,
    /// The clause.
    pub clause: String,
}

/// The column sums of a shares table (the 計 row, computed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// Σ 事業費.
    pub total: Figure,
    /// Σ 国庫補助金 (A).
    pub subsidy: Figure,
    /// Σ 事業実施主体 (B).
    pub own: Figure,
}

/// Everything computed from the budget table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BudgetReport {
    /// The table's unit.
    pub unit: FieldUnit,
    /// Lines or shares.
    pub layout: BudgetLayout,
    /// Whether every filled row could be read (otherwise the totals cover the readable ones).
    pub complete: bool,
    /// Per-row figures.
    // Shared with the row cache, so a re-evaluation does not copy them.
    pub rows: Vec<Arc<RowFigures>>,
    /// Lines: totals per sub-programme.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subtotals: Vec<Subtotal>,
    /// Lines: Σ amounts; shares: Σ 事業費.
    pub total: Figure,
    /// The subsidy requested: lines (定額) the total; shares Σ 国庫補助金 (A).
    pub requested: Figure,
    /// The cap and the headroom under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<CapFigures>,
    /// Shares: the column sums.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Columns>,
    /// Shares: the rate applied to each row, when determined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<RateKind>,
}
