//! Declared tables, applied to the form: each row read and checked on its own (and cached),
//! then the table's sums, its sums per sub-programme, the once-per-table findings, the notes
//! for rules still undecided, the typed 計 row and the typed sums.
//!
//! The rules are data in the pack ([`crate::pack::spec::TableSpec`]); this module is the engine
//! that applies them. Every computed figure goes into the Report as digits and display text, so
//! the page shows totals without adding anything itself.
//!
//! Owns: a table's section. Must not know: figures and limits over tables (the pipeline's tail).

pub(crate) mod cache;
mod category;
pub(crate) mod report;
pub(crate) mod row;
mod running;

use crate::eval::cells::{Cell, RowData};
use crate::eval::change::{FormChange, RowsTouched};
use crate::eval::env::Answered;
use crate::eval::env::Env;
use crate::eval::formula::named_formula;
use crate::eval::template::{raise, Values};
use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::pack::spec::ColumnKind;
use crate::pack::table::Table;
use crate::read::row::{cell_path, rows, Row};
use crate::text::exact::Exact;
use crate::text::figure::Figure;
use crate::text::money::Yen;
use cache::TableCache;
use report::{RowFigureInfo, Subtotal, TableReport};
use running::RunningTotals;
use serde_json::Value;
use std::collections::BTreeMap;

/// An amount as a figure in `unit` (sums of whole yen are whole).
fn figure(value: Exact, unit: crate::text::amount_field::FieldUnit) -> Figure {
    crate::eval::logic::money_figure(value, unit)
        .unwrap_or_else(|| Figure::number(value.to_string(), "円"))
}

/// Applies `table` to its section of the form; `cache` keeps row results between evaluations
/// of the same form. Returns the Report's part. The rows' findings go to `diags` only when the
/// cache is for one evaluation; a session's cache keeps them ranked ([`TableCache::ranked`]).
pub(crate) fn evaluate(
    table: &Table,
    section: &Value,
    base: &Answered<'_>,
    since: &FormChange,
    cache: &mut TableCache,
    diags: &mut Vec<Diagnostic>,
) -> TableReport {
    let programme = base.programme;
    let spec = &table.spec;
    cache.enter(table, base);
    // The rows held after this evaluation: 0..count; and whether the edit lay inside one of
    // them, so the section's own fields (the typed sums) are as they were.
    let (count, section_fields_kept) = match &spec.rows {
        None => {
            cache.truncate(programme, 1);
            cache.ensure(programme, 0, section, false, || {
                row::read_row(table, 0, spec.path.clone(), section, base)
            });
            (1, *since == FormChange::Nothing)
        }
        Some(key) => {
            let known = |k: &str| table.section_keys.iter().any(|s| s == k);
            // The section's path is written only when something is to be said about it.
            let all_known = section
                .as_object()
                .is_some_and(|cells| cells.keys().all(|k| known(k)));
            if !all_known {
                if let Some(s) = Row::new(spec.path.clone(), section, diags) {
                    s.unknown_keys(&known, diags);
                }
            }
            let found = rows(
                section,
                &spec.path,
                key,
                table.max_rows,
                &spec.clause,
                diags,
            );
            let touched = since.rows_touched(&[spec.path.as_str(), key.as_str()]);
            cache.truncate(programme, found.len());
            for &(index, value) in &found {
                let unchanged = touched.leaves(index);
                cache.ensure(programme, index, value, unchanged, || {
                    row::read_row(table, index, table.row_path(index), value, base)
                });
            }
            let kept = *since == FormChange::Nothing || matches!(touched, RowsTouched::One(_));
            (found.len(), kept)
        }
    };
    let mut held = cache.take_typed_sums(section_fields_kept);
    // Written against an empty row, so they change only with the rows' context (the cache key).
    let row_figures = cache.row_figures(|| {
        let env = Env::of(base);
        table
            .row_figures
            .iter()
            .map(|f| RowFigureInfo {
                id: f.id.clone(),
                label: f.label.clone(),
                formula: formula_in(table, f, &env),
            })
            .collect()
    });
    // Sized up front (a filtered collect grows its vector step by step).
    let mut rows: Vec<&row::RowResult> = Vec::with_capacity(count);
    rows.extend((0..count).filter_map(|i| cache.get(i)));
    // A session's cache keeps the rows' findings ranked (the pipeline merges them from there);
    // a single evaluation sorts them with the rest.
    if cache.ranked().is_none() {
        diags.reserve(rows.iter().map(|r| r.diags.len()).sum());
        for r in &rows {
            diags.extend(r.diags.iter().cloned());
        }
    }
    for (ri, rule) in table.rules.iter().enumerate() {
        if rule.once {
            if let Some(d) = rows
                .iter()
                .find_map(|r| r.once.iter().find(|(i, _)| *i == ri).map(|(_, d)| d))
            {
                diags.push(d.clone());
            }
        }
        if let Some(p) = &rule.pending {
            if rows.iter().any(|r| r.pending.contains(&ri)) {
                diags.push(raise(p, &spec.path, &Values::new(), &|_, _| None));
            }
        }
    }
    // A session's cache keeps the rows' amounts added up: an edit to one row costs no pass over
    // the others. A single evaluation (or rows the totals cannot hold) adds them up in turn.
    let totals = cache.totals();
    let mut data: Vec<&RowData> = Vec::new();
    if totals.is_none_or(|t| !t.trusted()) {
        data.reserve(rows.len());
        data.extend(rows.iter().filter_map(|r| r.data.as_ref()));
    }
    let complete = match totals {
        Some(t) => t.complete(),
        None => data.iter().all(|d| d.complete),
    };
    let mut sums: BTreeMap<SharedText, Figure> = BTreeMap::new();
    let mut raw_sums: Vec<(usize, Exact)> = Vec::new();
    if spec.rows.is_some() {
        for (c, col) in table.columns.iter().enumerate() {
            if col.kind != ColumnKind::Amount || col.per_unit {
                continue;
            }
            let total = totals
                .and_then(|t| t.sum(c))
                .unwrap_or_else(|| column_total(data.iter().filter_map(|d| d.cells[c].value())));
            raw_sums.push((c, total));
            sums.insert(col.key.clone(), figure(total, col.unit));
        }
    }
    let subtotals = table
        .subtotals
        .map(|c| subtotals(table, c, totals, &data, base))
        .unwrap_or_default();
    let sum_of = |c: usize| raw_sums.iter().find(|(x, _)| *x == c).map(|(_, v)| *v);
    typed_totals(table, section, &sum_of, complete, diags);
    typed_sums(table, section, &mut held, &sum_of, complete, diags);
    let (id, path) = table.names();
    let report = TableReport {
        id,
        path,
        label: spec.label.clone(),
        unit: spec.unit,
        complete,
        rows: {
            let mut reports = Vec::with_capacity(rows.len());
            reports.extend(rows.iter().filter_map(|r| r.report.clone()));
            reports
        },
        sums,
        subtotals,
        row_figures,
    };
    cache.keep_typed_sums(held);
    report
}

/// A row figure's formula in words (`事業費 ÷ 2`): written against an empty row.
fn formula_in(table: &Table, f: &crate::pack::table::RowFigure, env: &Env<'_>) -> Message {
    let empty = RowData {
        cells: vec![Cell::Blank; table.columns.len()],
        ..RowData::default()
    };
    let row_env = Env::row(env.base, table, &empty);
    named_formula(&f.label, &f.value, &row_env)
}

/// A column's sum as the Report gives it: the values added in turn, one whose addition would
/// overflow left out. Whole amounts (yen) are added as integers, the same sum while none
/// overflows.
fn column_total(values: impl Iterator<Item = Exact> + Clone) -> Exact {
    let mut whole: i128 = 0;
    for v in values.clone() {
        match v.to_integer().and_then(|n| whole.checked_add(n)) {
            Some(sum) => whole = sum,
            None => return values.fold(Exact::ZERO, |acc, v| acc.checked_add(v).unwrap_or(acc)),
        }
    }
    Exact::int(whole)
}

/// A column's sums per sub-programme, in the order they were chosen: from the session's running
/// `totals` when they can be trusted, else added up over `data` (every row read).
fn subtotals(
    table: &Table,
    column: usize,
    totals: Option<&RunningTotals>,
    data: &[&RowData],
    base: &Answered<'_>,
) -> Vec<Subtotal> {
    let selected = base.state.selected.as_deref().unwrap_or(&[]);
    let unit = table.columns[column].unit;
    let by_rank = totals
        .and_then(|t| t.by_rank(column))
        .or_else(|| subtotals_by_rank(column, data, selected.len()));
    if let Some(sums) = by_rank {
        return sums
            .into_iter()
            .zip(selected)
            .filter_map(|(sum, id)| {
                Some(Subtotal {
                    subprogramme: id.clone(),
                    amount: figure(Exact::int(sum?), unit),
                })
            })
            .collect();
    }
    let mut out: Vec<(SharedText, Exact)> = Vec::new();
    for d in data {
        let (Some(sub), Some(v)) = (&d.subprogramme, d.cells[column].value()) else {
            continue;
        };
        match out.iter_mut().find(|(id, _)| id == sub) {
            Some((_, t)) => *t = t.checked_add(v).unwrap_or(*t),
            None => out.push((sub.clone(), v)),
        }
    }
    out.sort_by_key(|(id, _)| selected.iter().position(|s| s == id).unwrap_or(usize::MAX));
    out.into_iter()
        .map(|(subprogramme, v)| Subtotal {
            subprogramme,
            amount: figure(v, unit),
        })
        .collect()
}

/// [`subtotals`] in the usual case, without comparing sub-programme ids: each row's
/// sub-programme is one chosen (its rank known when the row was read) and its amount whole, and
/// no sum overflows. The sums by rank; `None` when a row is not such a row.
fn subtotals_by_rank(column: usize, data: &[&RowData], chosen: usize) -> Option<Vec<Option<i128>>> {
    let mut sums: Vec<Option<i128>> = vec![None; chosen];
    for d in data {
        let (Some(_), Some(v)) = (&d.subprogramme, d.cells[column].value()) else {
            continue;
        };
        let (rank, n) = (d.subprogramme_rank?, v.to_integer()?);
        let sum = sums.get_mut(rank)?;
        *sum = Some(match *sum {
            Some(t) => t.checked_add(n)?,
            None => n,
        });
    }
    Some(sums)
}

/// An amount as the messages show it ([`figure`]'s `display`).
fn display(value: Exact, unit: crate::text::amount_field::FieldUnit) -> String {
    crate::eval::logic::money_display(value, unit)
        .unwrap_or_else(|| Figure::number(value.to_string(), "円").display().to_owned())
}

/// The typed 計 row must equal the column sums; compared only when every row could be read.
fn typed_totals(
    table: &Table,
    section: &Value,
    sum_of: &dyn Fn(usize) -> Option<Exact>,
    complete: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(spec) = &table.spec.totals else {
        return;
    };
    let Some(value) = section.get(&spec.key) else {
        return;
    };
    let Some(row) = Row::new(format!("{}.{}", table.spec.path, spec.key), value, diags) else {
        return;
    };
    row.unknown_keys(
        &|k| spec.columns.iter().chain(&spec.other_keys).any(|s| s == k),
        diags,
    );
    for &c in &table.totals {
        let col = &table.columns[c];
        let Some(typed) = row.amount(&col.key, col.unit, diags) else {
            continue;
        };
        let (Some(sum), Some(typed)) = (sum_of(c), Exact::from_decimal(typed.yen.value())) else {
            continue;
        };
        if complete && typed != sum {
            let (shown, expected) = (display(typed, col.unit), display(sum, col.unit));
            diags.push(Diagnostic::new(
                Code::BudgetTotalMismatch,
                row.cell_path(&col.key),
                Some(&table.spec.clause),
                Message::new(
                    format!(
                        "計の{}は{shown}と記入されていますが、各行の合計は{expected}です。",
                        col.label.ja
                    ),
                    format!(
                        "The total {} is written as {shown}, but the rows add up to {expected}.",
                        col.label.en
                    ),
                ),
            ));
        }
    }
}

/// Typed fields of the section (所要額) must equal their column's sum, when every row could be
/// read. `held` keeps the amounts read while the section's fields are as they were, when reading
/// them found nothing to say (reading is most of the cost).
fn typed_sums(
    table: &Table,
    section: &Value,
    held: &mut Option<Vec<Option<Exact>>>,
    sum_of: &dyn Fn(usize) -> Option<Exact>,
    complete: bool,
    diags: &mut Vec<Diagnostic>,
) {
    if table.typed_sums.is_empty() {
        return;
    }
    let mut fresh = None;
    if held.is_none() {
        let Some(row) = Row::new(table.spec.path.clone(), section, &mut Vec::new()) else {
            return;
        };
        let before = diags.len();
        let read = table
            .typed_sums
            .iter()
            .map(|(key, c, _, _)| {
                row.amount(key, table.columns[*c].unit, diags)
                    .and_then(|typed| Yen::new(typed.yen.value()).ok())
                    .and_then(|yen| Exact::from_decimal(yen.value()))
            })
            .collect();
        if diags.len() == before {
            *held = Some(read);
        } else {
            fresh = Some(read);
        }
    }
    let read = fresh.as_deref().or(held.as_deref()).unwrap_or_default();
    for ((key, c, clause, label), typed) in table.typed_sums.iter().zip(read) {
        let (Some(typed), Some(sum)) = (*typed, sum_of(*c)) else {
            continue;
        };
        if complete && typed != sum {
            let unit = table.columns[*c].unit;
            let (shown, expected) = (display(typed, unit), display(sum, unit));
            diags.push(Diagnostic::new(
                Code::BudgetTotalMismatch,
                cell_path(&table.spec.path, key),
                Some(clause),
                Message::new(
                    format!(
                        "{}は{shown}と記入されていますが、内訳の合計は{expected}です。",
                        label.ja
                    ),
                    format!(
                        "{} is written as {shown}, but the lines add up to {expected}.",
                        label.en
                    ),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{column_total, subtotals_by_rank};
    use crate::eval::cells::{Cell, RowData};
    use crate::text::exact::Exact;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The sum as the Report has always added a column: in turn, skipping an overflowing value.
    fn in_turn(values: &[Exact]) -> Exact {
        values
            .iter()
            .fold(Exact::ZERO, |acc, v| acc.checked_add(*v).unwrap_or(acc))
    }

    #[test]
    fn a_column_total_is_the_in_turn_sum_whatever_the_values() {
        let big = Exact::int(i128::MAX - 5);
        let half = Exact::new(1, 2).unwrap();
        let cases: [&[Exact]; 6] = [
            &[],
            &[Exact::int(1_000), Exact::int(-250), Exact::int(31_270_000)],
            &[big, Exact::int(10), Exact::int(-7)],
            &[Exact::int(-7), big, Exact::int(10), Exact::int(3)],
            &[Exact::int(3), half, Exact::int(4)],
            &[half, big, half, Exact::int(9)],
        ];
        for values in cases {
            assert_eq!(
                column_total(values.iter().copied()),
                in_turn(values),
                "{values:?}"
            );
        }
    }

    fn row(sub: Option<&str>, rank: Option<usize>, amount: Option<Exact>) -> RowData {
        RowData {
            cells: vec![amount.map_or(Cell::Blank, Cell::Amount)],
            subprogramme: sub.map(crate::SharedText::from),
            subprogramme_rank: rank,
            ..RowData::default()
        }
    }

    #[test]
    fn subtotals_by_rank_add_each_chosen_part_and_give_way_otherwise() {
        let rows = [
            row(Some("b"), Some(1), Some(Exact::int(5))),
            row(Some("a"), Some(0), Some(Exact::int(2))),
            row(None, None, Some(Exact::int(100))),
            row(Some("b"), Some(1), None),
            row(Some("b"), Some(1), Some(Exact::int(-1))),
        ];
        let data: Vec<&RowData> = rows.iter().collect();
        assert_eq!(
            subtotals_by_rank(0, &data, 3),
            Some(vec![Some(2), Some(4), None])
        );
        // A part not among those chosen, a fraction, an overflow: the general path decides.
        for odd in [
            row(Some("x"), None, Some(Exact::int(1))),
            row(Some("a"), Some(0), Some(Exact::new(1, 2).unwrap())),
            row(Some("a"), Some(0), Some(Exact::int(i128::MAX))),
        ] {
            let mut data = data.clone();
            data.push(&odd);
            assert_eq!(subtotals_by_rank(0, &data, 3), None, "{odd:?}");
        }
    }
}
