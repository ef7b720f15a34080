//! A table's sums kept up to date as its rows change (a session): each summed column's total,
//! its totals per chosen sub-programme and how many rows are incomplete, adjusted by the rows an
//! edit recomputes instead of added up again over every row on every keystroke.
//!
//! The totals are whole yen. A row's amount is below 2^96 yen (a `Decimal`'s mantissa), so no
//! sum of fewer than 2^31 rows — far more than a form held in memory can have — comes near
//! `i128`'s bounds: added in any order they give the sum added in turn (an addition that
//! overflowed all the same would mark them untrusted until every row is forgotten). A row they
//! cannot hold (a fraction of a yen; an amount counted under a sub-programme not chosen) makes
//! them untrusted while it is held, and the table adds its rows up in turn as before.
//!
//! Owns: the running totals and when they can be trusted. Must not know: how a row is read.

use crate::eval::cells::RowData;
use crate::pack::spec::ColumnKind;
use crate::pack::table::Table;
use crate::text::exact::Exact;

/// The held rows' amounts, added up as rows come and go.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunningTotals {
    /// The summed columns (amounts, not per unit), in column order, each with its total.
    sums: Vec<(usize, i128)>,
    /// The column summed per sub-programme, with each chosen one's total and how many rows
    /// add to it, by the sub-programme's rank among those chosen.
    by_rank: Option<(usize, Vec<(i128, usize)>)>,
    /// Held rows with an amount the totals cannot hold: while any, they are not trusted.
    odd: usize,
    /// An addition overflowed (it cannot, by the bounds above; kept so that it never misleads).
    broken: bool,
    /// Held rows that are not complete.
    incomplete: usize,
}

impl RunningTotals {
    /// Totals of no rows, for `table` with `chosen` sub-programmes chosen.
    pub(crate) fn new(table: &Table, chosen: usize) -> Self {
        let summed = if table.spec.rows.is_some() {
            table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, col)| col.kind == ColumnKind::Amount && !col.per_unit)
                .map(|(c, _)| c)
                .collect()
        } else {
            Vec::new()
        };
        Self::of_columns(summed, table.subtotals, chosen)
    }

    /// Totals of no rows for these `summed` columns, and `per_subprogramme` summed for each of
    /// `chosen` sub-programmes.
    fn of_columns(summed: Vec<usize>, per_subprogramme: Option<usize>, chosen: usize) -> Self {
        Self {
            sums: summed.into_iter().map(|c| (c, 0)).collect(),
            by_rank: per_subprogramme.map(|c| (c, vec![(0, 0); chosen])),
            ..Self::default()
        }
    }

    /// Totals of no rows again (every row forgotten), for the same columns.
    pub(crate) fn clear(&mut self) {
        for (_, total) in &mut self.sums {
            *total = 0;
        }
        if let Some((_, ranks)) = &mut self.by_rank {
            ranks.fill((0, 0));
        }
        (self.odd, self.broken, self.incomplete) = (0, false, 0);
    }

    /// Counts `row` in.
    pub(crate) fn add(&mut self, row: &RowData) {
        self.count(row, true);
    }

    /// Counts `row` out (it was counted in before).
    pub(crate) fn remove(&mut self, row: &RowData) {
        self.count(row, false);
    }

    /// Adds `row`'s amounts to the totals, or takes them off (`add` false).
    fn count(&mut self, row: &RowData, add: bool) {
        let step = |n: &mut usize| *n = if add { *n + 1 } else { n.saturating_sub(1) };
        let mut broken = false;
        let mut apply = |total: &mut i128, n: i128| {
            let next = if add {
                total.checked_add(n)
            } else {
                total.checked_sub(n)
            };
            match next {
                Some(t) => *total = t,
                None => broken = true,
            }
        };
        if !row.complete {
            step(&mut self.incomplete);
        }
        for (c, total) in &mut self.sums {
            match row.cells[*c].value().map(Exact::to_integer) {
                Some(Some(n)) => apply(total, n),
                Some(None) => step(&mut self.odd),
                None => {}
            }
        }
        if let Some((c, ranks)) = &mut self.by_rank {
            if let (Some(_), Some(v)) = (&row.subprogramme, row.cells[*c].value()) {
                match (row.subprogramme_rank, v.to_integer()) {
                    (Some(r), Some(n)) if r < ranks.len() => {
                        let (total, rows) = &mut ranks[r];
                        apply(total, n);
                        step(rows);
                    }
                    _ => step(&mut self.odd),
                }
            }
        }
        self.broken |= broken;
    }

    /// Whether every held row is complete.
    pub(crate) fn complete(&self) -> bool {
        self.incomplete == 0
    }

    /// Column `c`'s total, when the totals can be trusted and it is a summed column.
    pub(crate) fn sum(&self, c: usize) -> Option<Exact> {
        self.trusted()
            .then(|| self.sums.iter().find(|(x, _)| *x == c))
            .flatten()
            .map(|(_, total)| Exact::int(*total))
    }

    /// The totals of column `c` per chosen sub-programme, by rank (`None` where no row adds to
    /// one), when the totals can be trusted and `c` is the column they are kept for.
    pub(crate) fn by_rank(&self, c: usize) -> Option<Vec<Option<i128>>> {
        let (column, ranks) = self.by_rank.as_ref().filter(|_| self.trusted())?;
        (*column == c).then(|| {
            ranks
                .iter()
                .map(|&(total, rows)| (rows > 0).then_some(total))
                .collect()
        })
    }

    /// Whether the totals are the sums added in turn.
    pub(crate) fn trusted(&self) -> bool {
        self.odd == 0 && !self.broken
    }
}

#[cfg(test)]
mod tests {
    use super::RunningTotals;
    use crate::eval::cells::{Cell, RowData};
    use crate::eval::table::{column_total, subtotals_by_rank};
    use crate::text::exact::Exact;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// A row of two amount columns: whole, a fraction or blank, under a chosen sub-programme,
    /// one not chosen, or none; complete or not — all picked by `seed`.
    fn row(seed: u64) -> RowData {
        let amount = |s: u64| match s % 60 {
            0..=9 => Cell::Blank,
            10 => Cell::Amount(Exact::new(1, 2).unwrap()),
            n => Cell::Amount(Exact::int(i128::from(s % 1_000) * i128::from(n) - 20_000)),
        };
        let (sub, rank) = match (seed / 7) % 60 {
            0..=9 => (None, None),
            10 => (Some("x"), None),
            r => (Some(["a", "b"][(r % 2) as usize]), Some((r % 2) as usize)),
        };
        RowData {
            cells: vec![amount(seed), amount(seed / 11 + 3)],
            subprogramme: sub.map(crate::SharedText::from),
            subprogramme_rank: rank,
            complete: seed % 3 != 0,
            ..RowData::default()
        }
    }

    #[test]
    fn running_totals_are_the_sums_added_in_turn_whatever_rows_come_and_go() {
        let mut totals = RunningTotals::of_columns(vec![0, 1], Some(1), 2);
        let mut held: Vec<RowData> = Vec::new();
        let (mut seed, mut compared) = (12_345_u64, 0);
        for step in 0..3_000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let pick = (seed >> 33) as usize;
            // Replace a held row (an edit), forget one (a shorter table), or add one.
            match pick % 4 {
                0 | 1 if !held.is_empty() => {
                    let at = pick % held.len();
                    totals.remove(&held[at]);
                    held[at] = row(seed >> 17);
                    totals.add(&held[at]);
                }
                2 if !held.is_empty() => {
                    let gone = held.swap_remove(pick % held.len());
                    totals.remove(&gone);
                }
                _ if step % 500 == 499 => {
                    held.clear();
                    totals.clear();
                }
                _ => {
                    held.push(row(seed >> 17));
                    totals.add(held.last().unwrap());
                }
            }
            let data: Vec<&RowData> = held.iter().collect();
            assert_eq!(
                totals.complete(),
                data.iter().all(|d| d.complete),
                "step {step}"
            );
            let odd = data.iter().any(|d| {
                let fraction =
                    |c: usize| d.cells[c].value().is_some_and(|v| v.to_integer().is_none());
                fraction(0)
                    || fraction(1)
                    || (d.subprogramme.is_some()
                        && d.cells[1].value().is_some()
                        && d.subprogramme_rank.is_none())
            });
            assert_eq!(totals.trusted(), !odd, "step {step}");
            if !odd {
                for c in [0, 1] {
                    let in_turn = column_total(data.iter().filter_map(|d| d.cells[c].value()));
                    assert_eq!(totals.sum(c), Some(in_turn), "step {step}, column {c}");
                }
                assert_eq!(
                    totals.by_rank(1),
                    subtotals_by_rank(1, &data, 2),
                    "step {step}"
                );
                compared += 1;
            }
        }
        // The rows the totals cannot hold are rare enough that most steps compare the sums.
        assert!(compared > 1_000, "{compared} steps compared");
    }
}
