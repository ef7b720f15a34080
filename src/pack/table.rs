//! Compiled tables: a pack's declared table — its columns, row figures, rules, typed sums — with
//! every key, column and expression resolved.
//!
//! Owns: the compiled shape of tables. Must not know: how a row is read or checked.

use super::category::CategoryIndex;
use super::expr::Expr;
use super::expr::Node;
use super::spec::{
    CategorySpec, ColumnKind, DateExprSpec, FindingSpec, ForbiddenCategorySpec, TableSpec,
};
use crate::finding::message::Message;
use crate::finding::shared_text::{SharedPair, SharedText};
use crate::text::amount_field::FieldUnit;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[cfg(feature = "pack-json")]
/// Rows accepted in a table when the pack sets no `max_rows`.
pub(crate) const DEFAULT_MAX_ROWS: usize = 500;

/// A table ready to check.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// As written.
    pub(crate) spec: TableSpec,
    /// Its columns, in the pack's order.
    pub(crate) columns: Vec<Column>,
    /// Its row figures, in order.
    pub(crate) row_figures: Vec<RowFigure>,
    /// Its rules, in order.
    pub(crate) rules: Vec<Rule>,
    /// The 計 row's columns (by index).
    pub(crate) totals: Vec<usize>,
    /// Typed sums: (key, column index, clause, label).
    pub(crate) typed_sums: Vec<(String, usize, String, Message)>,
    /// The column summed per sub-programme.
    pub(crate) subtotals: Option<usize>,
    /// The section keys the table reads (rows, totals, typed sums; or the record's fields).
    pub(crate) section_keys: Vec<String>,
    /// The questions the rows' rules and figures read, directly or through facts (their answers
    /// key the row cache).
    pub(crate) depends_on: Vec<usize>,
    /// The most rows read.
    pub(crate) max_rows: usize,
    /// Read only when this holds.
    pub(crate) asked_when: Option<Node>,
    /// Its id and path as every Report copies them: made on first use, then shared.
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) names: SharedPair,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Table { spec, columns, row_figures, rules, totals, typed_sums,
    subtotals, section_keys, depends_on, max_rows, asked_when; names });

impl Table {
    /// Its id and path, shared with every Report.
    pub(crate) fn names(&self) -> (SharedText, SharedText) {
        self.names.get(&self.spec.id, &self.spec.path)
    }

    /// The index of a column by key.
    pub(crate) fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// Adds every clause the table's rules cite.
    pub(crate) fn clauses(&self, out: &mut std::collections::BTreeSet<String>) {
        out.insert(self.spec.clause.clone());
        for c in &self.columns {
            out.insert(c.clause.clone());
            out.extend(c.missing.iter().filter_map(|f| f.clause.clone()));
            out.extend(c.invalid.iter().filter_map(|f| f.clause.clone()));
            for o in &c.options {
                out.extend(o.finding.iter().filter_map(|f| f.clause.clone()));
            }
            for b in &c.bounds {
                out.extend(b.finding.clause.clone());
            }
            if let Some(cats) = &c.categories {
                out.extend(cats.clauses.values().cloned());
                out.extend(cats.forbidden.iter().map(|f| f.clause.clone()));
            }
        }
        for r in &self.rules {
            out.extend(r.finding.clause.clone());
            out.extend(r.pending.iter().filter_map(|f| f.clause.clone()));
        }
        for (_, _, clause, _) in &self.typed_sums {
            out.insert(clause.clone());
        }
    }

    /// The form path of a row (`budget.lines[3]`), or of the record (`tax_report`).
    pub(crate) fn row_path(&self, index: usize) -> String {
        match &self.spec.rows {
            // Written for each row of each check: one allocation, the index's digits written
            // on the stack (as a JSON reading's place writes them), not as a `String` of their own.
            Some(rows) => {
                let mut digits = itoa::Buffer::new();
                [&self.spec.path, ".", rows, "[", digits.format(index), "]"].concat()
            }
            None => self.spec.path.clone(),
        }
    }
}

/// A column ready to read.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// Its key.
    pub(crate) key: SharedText,
    /// Its heading.
    pub(crate) label: Message,
    /// What it holds.
    pub(crate) kind: ColumnKind,
    /// Always required.
    pub(crate) required: bool,
    /// Required when this holds.
    pub(crate) required_when: Option<Node>,
    /// The finding for a blank required cell.
    pub(crate) missing: Option<FindingSpec>,
    /// The clause that governs it (the table's when the column names none).
    pub(crate) clause: String,
    /// The unit of an amount.
    pub(crate) unit: FieldUnit,
    /// An amount per unit (単価), not summed.
    pub(crate) per_unit: bool,
    /// Choice columns: (value, label, normalised value, finding).
    pub(crate) options: Vec<ChoiceOption>,
    /// Choice columns: the value of a blank cell.
    pub(crate) default: Option<SharedText>,
    /// Choice columns: loose matching.
    pub(crate) loose: bool,
    /// Choice columns: the finding for another value.
    pub(crate) invalid: Option<FindingSpec>,
    /// Category columns.
    pub(crate) categories: Option<Categories>,
    /// Date columns: bounds.
    pub(crate) bounds: Vec<Bound>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Column { key, label, kind, required, required_when, missing,
    clause, unit, per_unit, options, default, loose, invalid, categories, bounds });

/// One option of a choice column.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct ChoiceOption {
    /// The value.
    pub(crate) value: SharedText,
    /// How it is shown (in the form's description, made when the pack is compiled).
    #[cfg(feature = "pack-json")]
    pub(crate) label: Message,
    /// The value as compared when loose.
    pub(crate) folded: String,
    /// The finding for rows with it.
    pub(crate) finding: Option<FindingSpec>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(ChoiceOption { value, #[cfg(feature = "pack-json")] label,
    folded, finding });

/// A category column's categories.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Categories {
    /// For matching.
    pub(crate) index: CategoryIndex,
    /// As written.
    pub(crate) items: Vec<CategorySpec>,
    /// Per sub-programme, the clause listing its costs.
    pub(crate) clauses: BTreeMap<String, String>,
    /// Never claimable.
    pub(crate) forbidden: Vec<ForbiddenCategorySpec>,
    /// The group column (by index).
    pub(crate) group_column: Option<usize>,
    /// The sub-programmes of `clauses` as every row read compares them: made on first use.
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) subprogrammes: OnceLock<Box<[SharedText]>>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Categories { index, items, clauses, forbidden, group_column;
    subprogrammes });

impl Categories {
    /// Every sub-programme whose costs a clause lists (the candidates for a row's category
    /// while none is chosen), shared with every row read.
    pub(crate) fn subprogrammes(&self) -> &[SharedText] {
        self.subprogrammes
            .get_or_init(|| self.clauses.keys().map(SharedText::from).collect())
    }
}

/// A bound of a date column.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Bound {
    /// The earliest day.
    pub(crate) not_before: Option<DateExprSpec>,
    /// The latest day.
    pub(crate) not_after: Option<DateExprSpec>,
    /// The finding.
    pub(crate) finding: FindingSpec,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Bound { not_before, not_after, finding });

/// A figure computed per row.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct RowFigure {
    /// Its id.
    pub(crate) id: String,
    /// What it is.
    pub(crate) label: Message,
    /// Computed only when this holds.
    pub(crate) when: Option<Node>,
    /// Its value.
    pub(crate) value: Expr,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(RowFigure { id, label, when, value });

/// A rule on each row.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// The cell the finding is shown at.
    pub(crate) at: String,
    /// The gate.
    pub(crate) when: Option<Node>,
    /// What must hold.
    pub(crate) assert: Option<Node>,
    /// Keyword search: the text column and the words (as written, and folded).
    pub(crate) words: Option<(usize, Vec<(String, String)>)>,
    /// Once per table.
    pub(crate) once: bool,
    /// The finding.
    pub(crate) finding: FindingSpec,
    /// The note while the gate is undecided.
    pub(crate) pending: Option<FindingSpec>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Rule { at, when, assert, words, once, finding, pending });
