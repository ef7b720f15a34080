//! Budget tables and form arithmetic, exact to the yen: 千円 cost lines (公募要領 経費内訳書),
//! 事業費 = 国庫補助金 (A) + 事業実施主体 (B) tables (別記様式1/2/3), the 消費税 report
//! (別記様式4) and the advance-payment claim (別記様式5).
//!
//! The rules are data in the pack ([`crate::pack::spec::BudgetSpec`]); this module is the engine
//! that applies them. Every computed figure goes into the Report as digits and display text, so
//! the page shows totals without adding anything itself.
//!
//! Owns: choosing the table's layout. Must not know: how the Report is assembled or cached.

pub(crate) mod advance;
mod figures;
mod lines;
mod rows;
mod shares;
pub(crate) mod tax_remark;
pub(crate) mod tax_report;
mod totals;

pub use figures::{BudgetReport, CapFigures, Columns, RowFigures, Subtotal};
pub(crate) use rows::{Context, RowCache};

use crate::eval::change::FormChange;
use crate::finding::diagnostic::Diagnostic;
use crate::pack::model::Budget;
use crate::pack::spec::BudgetLayout;
use rows::Rows;

/// Applies the budget rules to the budget section of the form; `cache` keeps row results
/// between evaluations of the same form.
pub(crate) fn evaluate(
    budget: &Budget,
    section: &serde_json::Value,
    ctx: &Context<'_>,
    since: &FormChange,
    cache: &mut RowCache,
    diags: &mut Vec<Diagnostic>,
) -> BudgetReport {
    let rows = Rows { cache, since };
    match budget.spec.layout {
        BudgetLayout::Lines => lines::evaluate(budget, section, ctx, rows, diags),
        BudgetLayout::Shares => shares::evaluate(budget, section, ctx, rows, diags),
    }
}
