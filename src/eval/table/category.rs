//! A row's cost category (区分): matched, with its group (国内経費 / 国外経費), among the
//! categories its sub-programme allows — or, while its sub-programme is unknown, those of the
//! chosen ones (or of any) — and refused with the clause that forbids it or the list allowed.
//!
//! Owns: the category findings. Must not know: the rest of the row.

use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::pack::category::{normalise, normalises_to, CategoryMatch};
use crate::pack::table::{Categories, Table};
use crate::read::answers::preview;
use crate::read::row::Row;

/// At most 40 characters of user text in a message.
pub(super) fn short(s: &str) -> String {
    preview(&serde_json::Value::String(s.to_owned()))
}

/// The category and group `typed` is read as, or a finding at the cell.
#[allow(clippy::too_many_arguments)]
pub(super) fn read(
    table: &Table,
    column: usize,
    cats: &Categories,
    row: &Row<'_>,
    typed: &str,
    group: Option<&str>,
    candidates: &[SharedText],
    diags: &mut Vec<Diagnostic>,
) -> Option<(SharedText, Option<SharedText>)> {
    let key = &table.columns[column].key;
    for s in candidates {
        match cats.index.find(s, typed, group) {
            CategoryMatch::One(c) => return Some((c.name.clone(), c.group.clone())),
            CategoryMatch::NeedsGroup(options) => {
                if let Some(g) = cats.group_column {
                    let groups: Vec<&str> =
                        options.iter().filter_map(|c| c.group.as_deref()).collect();
                    diags.push(Diagnostic::new(
                        Code::BudgetGroupRequired,
                        row.cell_path(&table.columns[g].key),
                        cats.clauses.get(s.as_str()).map(String::as_str),
                        Message::new(
                            format!(
                                "「{}」は{}のどちらにもあります。どちらの経費か選んでください。",
                                short(typed),
                                groups.join("・")
                            ),
                            format!(
                                "\"{}\" appears under both {}; choose which one this cost is.",
                                short(typed),
                                groups.join(" and ")
                            ),
                        ),
                    ));
                    return None;
                }
            }
            CategoryMatch::None => {}
        }
    }
    refused(
        table,
        column,
        cats,
        row,
        key,
        typed,
        candidates.first().map(SharedText::as_str),
        diags,
    );
    None
}

/// A category that may not be claimed: a forbidden one with its clause, else the allowed list.
#[allow(clippy::too_many_arguments)]
fn refused(
    table: &Table,
    column: usize,
    cats: &Categories,
    row: &Row<'_>,
    key: &str,
    typed: &str,
    sub: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    let path = row.cell_path(key);
    let wanted = normalise(typed);
    if let Some(f) = cats
        .forbidden
        .iter()
        .find(|f| f.names.iter().any(|n| normalises_to(n, &wanted)))
    {
        diags.push(Diagnostic::new(
            Code::BudgetCategoryForbidden,
            &path,
            Some(&f.clause),
            f.message.clone(),
        ));
        return;
    }
    let clause = sub
        .and_then(|s| cats.clauses.get(s))
        .unwrap_or(&table.columns[column].clause);
    let mut allowed: Vec<&str> = Vec::new();
    for c in &cats.items {
        let fits = sub.is_none_or(|s| c.subprogrammes.iter().any(|x| *x == *s));
        if fits && !allowed.contains(&c.name.as_str()) {
            allowed.push(&c.name);
        }
    }
    diags.push(Diagnostic::new(
        Code::BudgetCategoryNotAllowed,
        &path,
        Some(clause),
        Message::new(
            format!(
                "「{}」は補助対象経費の区分にありません（{clause}）。次から選んでください：{}",
                short(typed),
                allowed.join("、")
            ),
            format!(
                "\"{}\" is not a cost category that may be claimed ({clause}). Choose from: {}",
                short(typed),
                allowed.join(", ")
            ),
        ),
    ));
}
