//! The 様式 as files (`documents`): each document's id, clause, file name and condition; each
//! sheet's name; each cell's address and what it holds (exactly one of fixed wording, a form
//! path that exists, a figure, a computed date); each sheet table's table, rows and columns; no
//! cell used twice on a sheet.
//!
//! Owns: those checks. Must not know: how a file is written or read.

use super::{is_id, Compiler, Scope};
use crate::pack::expr::Node;
use crate::pack::spec::{DocumentSpec, PackSpec, SheetSpec};
use crate::pack::table::Table;
use crate::text::cell_address::{column_number, CellAddress, MAX_ROW};
use std::collections::{HashMap, HashSet};

/// Characters a sheet name may not hold.
const SHEET_NAME_FORBIDDEN: &[char] = &['[', ']', ':', '*', '?', '/', '\\'];

impl Compiler {
    /// Checks every document; returns each one's condition (`when`), compiled.
    pub(super) fn compile_documents(
        &mut self,
        spec: &PackSpec,
        tables: &[Table],
    ) -> Vec<Option<Node>> {
        let mut ids = HashSet::new();
        let mut out = Vec::with_capacity(spec.documents.len());
        for (d, doc) in spec.documents.iter().enumerate() {
            let at = format!("documents[{d}]");
            if !is_id(&doc.id) || !ids.insert(doc.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("様式 id「{}」が不正か重複しています。", doc.id),
                    format!("document id \"{}\" is malformed or duplicated", doc.id),
                );
            }
            self.clause(&format!("{at}.clause"), &doc.clause);
            self.file_name(&at, doc);
            if doc.sheets.is_empty() {
                self.problem(
                    format!("{at}.sheets"),
                    "シートがありません。",
                    "a document needs a sheet",
                );
            }
            let mut names = HashSet::new();
            for (s, sheet) in doc.sheets.iter().enumerate() {
                let sat = format!("{at}.sheets[{s}]");
                if !names.insert(sheet.name.clone()) {
                    self.problem(
                        format!("{sat}.name"),
                        format!("シート名「{}」が重複しています。", sheet.name),
                        format!("sheet name \"{}\" is used twice", sheet.name),
                    );
                }
                self.sheet(&sat, sheet, spec, tables);
            }
            out.push(
                doc.when
                    .as_ref()
                    .map(|n| self.node(&format!("{at}.when"), n, &doc.clause, Scope::ANSWERS)),
            );
        }
        out
    }

    fn file_name(&mut self, at: &str, doc: &DocumentSpec) {
        let bad = doc.file.is_empty()
            || !std::path::Path::new(&doc.file)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
            || doc
                .file
                .contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])
            || doc.file.replace("{applicant}", "").contains(['{', '}']);
        if bad {
            self.problem(
                format!("{at}.file"),
                "file は .xlsx で終わるファイル名にしてください（パスの区切り文字は使えません。差し込みは {applicant} だけです）。",
                "file must be a file name ending in .xlsx (no path separators; {applicant} is the only placeholder)",
            );
        }
    }

    fn sheet(&mut self, at: &str, sheet: &SheetSpec, spec: &PackSpec, tables: &[Table]) {
        if sheet.name.is_empty()
            || sheet.name.chars().count() > 31
            || sheet.name.contains(SHEET_NAME_FORBIDDEN)
        {
            self.problem(
                format!("{at}.name"),
                "シート名は1〜31文字で、[ ] : * ? / \\ を含めません。",
                "a sheet name has 1 to 31 characters and none of [ ] : * ? / \\",
            );
        }
        // Every cell the layout writes, with where it was declared: none twice.
        let mut used: HashMap<CellAddress, String> = HashMap::new();
        let mut claim = |c: &mut Compiler, cell: CellAddress, by: String| {
            if let Some(first) = used.insert(cell, by.clone()) {
                c.problem(
                    by,
                    format!("セル {cell} は {first} でも使われています。"),
                    format!("cell {cell} is also used by {first}"),
                );
            }
        };
        for (i, cell) in sheet.cells.iter().enumerate() {
            let cat = format!("{at}.cells[{i}]");
            let Some(address) = CellAddress::parse(&cell.at) else {
                self.problem(
                    format!("{cat}.at"),
                    format!("「{}」はセル番地（B5 など）ではありません。", cell.at),
                    format!("\"{}\" is not a cell address (such as B5)", cell.at),
                );
                continue;
            };
            claim(self, address, cat.clone());
            let kinds = [
                cell.text.is_some(),
                cell.value.is_some(),
                cell.figure.is_some(),
                cell.date.is_some(),
            ];
            if kinds.iter().filter(|k| **k).count() != 1 {
                self.problem(
                    &cat,
                    "セルには text・value・figure・date のどれか一つだけを書きます。",
                    "a cell holds exactly one of text, value, figure or date",
                );
            }
            if let Some(path) = &cell.value {
                if !self.form_field(path, tables) {
                    self.problem(
                        format!("{cat}.value"),
                        format!("「{path}」は質問でも表の欄でもありません。"),
                        format!(
                            "\"{path}\" is neither a question nor a field of a table's section"
                        ),
                    );
                }
            }
            if let Some(id) = &cell.figure {
                if !spec.figures.iter().any(|f| &f.id == id) {
                    self.problem(
                        format!("{cat}.figure"),
                        format!("数値「{id}」はありません。"),
                        format!("no figure \"{id}\""),
                    );
                }
            }
            if let Some(id) = &cell.date {
                if !spec.dates.iter().any(|d| &d.id == id) {
                    self.problem(
                        format!("{cat}.date"),
                        format!("日付「{id}」はありません。"),
                        format!("no date \"{id}\""),
                    );
                }
            }
        }
        for (i, st) in sheet.tables.iter().enumerate() {
            let tat = format!("{at}.tables[{i}]");
            let Some(table) = tables.iter().find(|t| t.spec.id == st.table) else {
                self.problem(
                    format!("{tat}.table"),
                    format!("表「{}」はありません。", st.table),
                    format!("no table \"{}\"", st.table),
                );
                continue;
            };
            if table.spec.rows.is_none() {
                self.problem(
                    format!("{tat}.table"),
                    "行のない表（一件の記録）は、セルの value で置いてください。",
                    "a table without rows (one record) is placed with cells' value",
                );
            }
            let [first, last] = st.rows;
            let ordered =
                st.header_row >= 1 && st.header_row < first && first <= last && last <= MAX_ROW;
            let after = |r: Option<u32>| r.is_none_or(|r| r > last && r <= MAX_ROW);
            if !ordered
                || !after(st.sums_row)
                || !after(st.totals_row)
                || (st.sums_row.is_some() && st.sums_row == st.totals_row)
            {
                self.problem(
                    format!("{tat}.rows"),
                    "見出し行 < 最初の行 ≤ 最後の行 < 計の行 の順にしてください。",
                    "rows must be ordered: header_row < first ≤ last < sums_row, totals_row",
                );
                continue;
            }
            if st.totals_row.is_some() && table.spec.totals.is_none() {
                self.problem(
                    format!("{tat}.totals_row"),
                    "この表には記入する計の行（totals）がありません。",
                    "this table has no typed totals row (totals)",
                );
            }
            let mut keys = HashSet::new();
            for (c, col) in st.columns.iter().enumerate() {
                let cat = format!("{tat}.columns[{c}]");
                if table.column(&col.key).is_none() || !keys.insert(col.key.clone()) {
                    self.problem(
                        format!("{cat}.key"),
                        format!(
                            "列「{}」は表「{}」にないか、重複しています。",
                            col.key, st.table
                        ),
                        format!(
                            "column \"{}\" is not in table \"{}\", or is placed twice",
                            col.key, st.table
                        ),
                    );
                }
                let Some(column) = column_number(&col.at) else {
                    self.problem(
                        format!("{cat}.at"),
                        format!("「{}」は列の文字（C など）ではありません。", col.at),
                        format!("\"{}\" is not a column letter (such as C)", col.at),
                    );
                    continue;
                };
                let rows = std::iter::once(st.header_row)
                    .chain(first..=last)
                    .chain(st.sums_row)
                    .chain(st.totals_row);
                for row in rows {
                    claim(self, CellAddress { row, column }, cat.clone());
                }
            }
        }
    }

    /// Whether `path` is a question, or a field of a table's section (a record's field, a typed
    /// sum, a column of the typed 計 row).
    fn form_field(&self, path: &str, tables: &[Table]) -> bool {
        if self.index.contains_key(path) {
            return true;
        }
        tables.iter().any(|t| {
            path.strip_prefix(t.spec.path.as_str())
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|rest| {
                    let in_totals = t.spec.totals.as_ref().is_some_and(|tot| {
                        rest.strip_prefix(tot.key.as_str())
                            .and_then(|r| r.strip_prefix('.'))
                            .is_some_and(|col| {
                                tot.columns.iter().chain(&tot.other_keys).any(|k| k == col)
                            })
                    });
                    in_totals
                        || (t.section_keys.iter().any(|k| k == rest)
                            && Some(rest) != t.spec.rows.as_deref())
                })
        })
    }
}
