//! The official 様式 as files, both ways, through the layouts a pack declares (`documents`):
//! a form and its Report filled into each 様式's cells (what `yoken render` and the widget's
//! download write), and 様式 files read back into a form, each form path with the cell it came
//! from (what `yoken check` on a `.xlsx` does). Cells are text here: which file format carries
//! them is the shells' business (`yoken-xlsx`).
//!
//! A value is written as the applicant typed it, so that reading the file back gives the same
//! form and the same Report; a yes/no answer is written はい/いいえ, a choice by its option's
//! label, and read back to the value.
//!
//! Owns: the mapping between a form and the cells of its 様式. Must not know: file formats.

use super::catalog::Catalog;
use crate::finding::code::Code;
use crate::finding::error::Error;
use crate::finding::message::Message;
use crate::pack::category::normalise;
use crate::pack::model::Programme;
use crate::pack::spec::{AnswerKind, CellStyle, ColumnKind, SheetTableSpec};
use crate::report::pipeline::documents_asked;
use crate::report::Report;
use crate::text::cell_address::{column_number, CellAddress};
use crate::text::form_path::FormPath;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What a filled cell holds, for how a file shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellRole {
    /// The 様式's own wording.
    Fixed,
    /// An answer from the form (read back when the file is checked).
    Answer,
    /// A figure or date the Report computed (not read back).
    Computed,
}

/// One filled cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilledCell {
    /// Where.
    #[serde(serialize_with = "address_text")]
    pub at: CellAddress,
    /// The text.
    pub text: String,
    /// What it holds.
    pub role: CellRole,
    /// How the layout shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<CellStyle>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's signature
fn address_text<S: serde::Serializer>(a: &CellAddress, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(a)
}

/// One filled sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilledSheet {
    /// Its name.
    pub name: String,
    /// Its cells, by row then column.
    pub cells: Vec<FilledCell>,
    /// Column widths in characters: (column number, width).
    pub widths: Vec<(u16, u16)>,
}

/// One 様式, filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilledDocument {
    /// The document's id in the pack.
    pub id: String,
    /// Its name.
    pub title: Message,
    /// The file name to write it under.
    pub file: String,
    /// Its sheets.
    pub sheets: Vec<FilledSheet>,
}

/// A sheet of a file as read: each non-empty cell's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadSheet {
    /// The sheet's name.
    pub name: String,
    /// Its cells' text, by address.
    pub cells: BTreeMap<CellAddress, String>,
}

/// 様式 files read back into a form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadBack {
    /// The form, as the core reads it.
    pub form: Value,
    /// Where each value came from: form path → `sheet!B5`.
    pub cells: BTreeMap<String, String>,
    /// The documents found (their ids), in the pack's order.
    pub documents: Vec<String>,
    /// What the reader noticed and did not refuse (the same value in two files, …).
    pub notes: Vec<Message>,
}

impl ReadBack {
    /// The cell a finding at `path` is about: the path's own cell, else the first cell under it
    /// (`budget.lines[2]` → its first column's cell), else the nearest cell above it.
    #[must_use]
    pub fn cell_of(&self, path: &str) -> Option<&str> {
        if let Some(c) = self.cells.get(path) {
            return Some(c);
        }
        let under =
            |p: &String| p.starts_with(&format!("{path}.")) || p.starts_with(&format!("{path}["));
        if let Some((_, c)) = self.cells.iter().find(|(p, _)| under(p)) {
            return Some(c);
        }
        let mut prefix = path;
        while let Some(cut) = prefix.rfind(['.', '[']) {
            prefix = &prefix[..cut];
            if let Some(c) = self.cells.get(prefix) {
                return Some(c);
            }
        }
        None
    }
}

/// Sets a value read from `at` into the form; a different value already there (from another
/// file) is replaced and noted.
fn put_value(
    form: &mut Value,
    cells: &mut BTreeMap<String, String>,
    notes: &mut Vec<Message>,
    path: String,
    value: Value,
    at: String,
) {
    let Some(p) = FormPath::parse(&path) else {
        return;
    };
    if let Some(old) = p.lookup(form) {
        if *old != value {
            notes.push(Message::new(
                format!("{path} はファイルによって値が違います（{at} の値を使いました）。"),
                format!("{path} differs between files (the value at {at} is used)"),
            ));
        }
    }
    if p.set(form, value).is_ok() {
        cells.insert(path, at);
    }
}

fn mismatch(ja: String, en: String) -> Error {
    Error::new(Code::DocumentMismatch, Message::new(ja, en))
}

/// A file name made safe: no path separators or characters Windows refuses, at most 80 characters.
fn safe_name(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        "申請者".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// A sheet row of a table read: its index in the table, its sheet row, and its non-empty cells
/// (column index, address, text).
type FilledRow<'a> = (usize, u32, Vec<(usize, CellAddress, &'a str)>);

/// A list answered with no choice, as a cell says it.
const NONE_CHOSEN: &str = "なし";

/// How a form value is written in a cell: as typed; はい/いいえ for yes/no; an option's label.
fn cell_text(programme: &Programme, question: Option<usize>, value: &Value) -> Option<String> {
    let q = question.and_then(|i| programme.questions.get(i));
    let label = |v: &str| {
        q.and_then(|q| q.options.iter().find(|o| o.value == v))
            .map_or_else(|| v.to_owned(), |o| o.label.ja.to_string())
    };
    match value {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(match (q.map(|q| q.kind), s.as_str()) {
            (Some(AnswerKind::YesNo), "yes" | "true") => "はい".to_owned(),
            (Some(AnswerKind::YesNo), "no" | "false") => "いいえ".to_owned(),
            (Some(AnswerKind::Choice | AnswerKind::MultiChoice), v) => label(v),
            _ => s.clone(),
        }),
        Value::Bool(b) => Some(if *b { "はい" } else { "いいえ" }.to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items
                .iter()
                .filter_map(|v| cell_text(programme, question, v))
                .collect();
            // One choice a line: a label may itself hold 、 or commas. A list answered with no
            // choice is written なし (an empty cell is a list not answered).
            Some(if parts.is_empty() {
                NONE_CHOSEN.to_owned()
            } else {
                parts.join("\n")
            })
        }
        Value::Object(_) => Some(value.to_string()),
    }
}

/// A cell's text read back as the form value: an option's label to its value, a list split.
fn form_value(programme: &Programme, question: Option<usize>, text: &str) -> Value {
    let q = question.and_then(|i| programme.questions.get(i));
    let find = |t: &str| {
        let n = normalise(t);
        q.and_then(|q| {
            q.options
                .iter()
                .find(|o| normalise(&o.label.ja) == n || o.value == t)
        })
        .map(|o| o.value.clone())
    };
    let option = |t: &str| find(t).unwrap_or_else(|| t.to_owned());
    match q.map(|q| q.kind) {
        Some(AnswerKind::YesNo) => Value::String(match normalise(text.trim()).as_str() {
            "はい" => "yes".to_owned(),
            "いいえ" => "no".to_owned(),
            _ => text.to_owned(),
        }),
        Some(AnswerKind::Choice) => {
            Value::String(find(text.trim()).unwrap_or_else(|| text.to_owned()))
        }
        // One choice a line as written; a line that is no option may be several typed with 、.
        Some(AnswerKind::MultiChoice)
            if find(text.trim()).is_none() && normalise(text.trim()) == NONE_CHOSEN =>
        {
            Value::Array(Vec::new())
        }
        Some(AnswerKind::MultiChoice) => Value::Array(
            text.lines()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .flat_map(|line| match find(line) {
                    Some(v) => vec![v],
                    None => line
                        .split(['、', ',', '，'])
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(option)
                        .collect(),
                })
                .map(Value::String)
                .collect(),
        ),
        _ => Value::String(text.to_owned()),
    }
}

/// A table cell written: a choice column by its option's label, a sub-programme by its title.
fn column_text(
    programme: &Programme,
    kind: ColumnKind,
    options: &[(String, String)],
    value: &Value,
) -> Option<String> {
    let text = match value {
        Value::String(s) if s.trim().is_empty() => return None,
        Value::String(s) => s.clone(),
        Value::Null => return None,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    };
    Some(match kind {
        ColumnKind::Choice => options
            .iter()
            .find(|(v, _)| *v == text)
            .map_or(text, |(_, l)| l.clone()),
        ColumnKind::Subprogramme => programme
            .subprogrammes
            .iter()
            .find(|s| s.spec.id == text)
            .map_or(text, |s| s.spec.title.ja.to_string()),
        _ => text,
    })
}

/// A table cell read back: the option or sub-programme its label names.
fn column_value(
    programme: &Programme,
    kind: ColumnKind,
    options: &[(String, String)],
    text: &str,
) -> Value {
    let n = normalise(text);
    Value::String(match kind {
        ColumnKind::Choice => options
            .iter()
            .find(|(_, l)| normalise(l) == n)
            .map_or_else(|| text.to_owned(), |(v, _)| v.clone()),
        ColumnKind::Subprogramme => programme
            .subprogrammes
            .iter()
            .find(|s| normalise(&s.spec.title.ja) == n)
            .map_or_else(|| text.to_owned(), |s| s.spec.id.clone()),
        _ => text.to_owned(),
    })
}

/// A table's options per column: (value, label in Japanese).
fn column_options(programme: &Programme, table: usize) -> Vec<Vec<(String, String)>> {
    programme.tables[table]
        .spec
        .columns
        .iter()
        .map(|c| {
            c.options
                .iter()
                .map(|o| (o.value.clone(), o.label.ja.to_string()))
                .collect()
        })
        .collect()
}

/// A sheet table laid over its pack table: which table, where its rows are in the form, its
/// totals key, its columns' options and (column index, sheet column, heading) per laid column.
struct LaidTable<'p> {
    table: usize,
    rows_path: String,
    totals_key: Option<&'p str>,
    options: Vec<Vec<(String, String)>>,
    columns: Vec<(usize, u16, &'p str)>,
}

/// Lays a sheet table over its pack table (`None` for a layout the compiler refused).
fn lay_table<'p>(programme: &'p Programme, st: &'p SheetTableSpec) -> Option<LaidTable<'p>> {
    let i = programme
        .tables
        .iter()
        .position(|t| t.spec.id == st.table)?;
    let table = &programme.tables[i];
    let columns = st
        .columns
        .iter()
        .filter_map(|c| {
            Some((
                table.column(&c.key)?,
                column_number(&c.at)?,
                c.heading.as_str(),
            ))
        })
        .collect();
    Some(LaidTable {
        table: i,
        rows_path: format!("{}.{}", table.spec.path, table.spec.rows.as_deref()?),
        totals_key: table.spec.totals.as_ref().map(|x| x.key.as_str()),
        options: column_options(programme, i),
        columns,
    })
}

impl Catalog {
    /// Fills the programme's 様式 with a form and its Report: one document per layout the form
    /// asks for (a layout's `when`). A table with more rows than its 様式 has room for is the
    /// `document.overflow` refusal (never a silently shortened file); a form that asks for no
    /// 様式 is `document.none`.
    pub fn fill_documents(
        &self,
        programme_id: &str,
        form: &Value,
        report: &Report,
    ) -> Result<Vec<FilledDocument>, Error> {
        let programme = self.programme(programme_id)?;
        let asked = documents_asked(programme, form);
        let applicant = programme
            .applicant_name(form)
            .map_or_else(|| "申請者".to_owned(), |n| safe_name(&n));
        let mut out = Vec::new();
        for (d, doc) in programme.spec.documents.iter().enumerate() {
            if !asked.get(d).copied().unwrap_or(true) {
                continue;
            }
            let mut sheets = Vec::new();
            for sheet in &doc.sheets {
                let mut cells = Vec::new();
                let mut put =
                    |at: CellAddress, text: String, role: CellRole, style: Option<CellStyle>| {
                        cells.push(FilledCell {
                            at,
                            text,
                            role,
                            style,
                        });
                    };
                for c in &sheet.cells {
                    let Some(at) = CellAddress::parse(&c.at) else {
                        continue;
                    };
                    if let Some(text) = &c.text {
                        put(at, text.clone(), CellRole::Fixed, c.style);
                    } else if let Some(path) = &c.value {
                        let value = FormPath::parse(path).and_then(|p| p.lookup(form).cloned());
                        if let Some(text) = value
                            .and_then(|v| cell_text(programme, programme.question_index(path), &v))
                        {
                            put(at, text, CellRole::Answer, c.style);
                        }
                    } else if let Some(id) = &c.figure {
                        let shown = report.figures.iter().find(|f| &f.id == id).and_then(|f| {
                            f.said
                                .as_ref()
                                .map(|s| s.ja.to_string())
                                .or_else(|| f.value.as_ref().map(|v| v.display().to_owned()))
                        });
                        put(at, shown.unwrap_or_default(), CellRole::Computed, c.style);
                    } else if let Some(id) = &c.date {
                        let shown = report
                            .dates
                            .iter()
                            .find(|x| &x.id == id)
                            .and_then(|x| x.wareki.clone());
                        put(at, shown.unwrap_or_default(), CellRole::Computed, c.style);
                    }
                }
                for st in &sheet.tables {
                    let Some(LaidTable {
                        table: t,
                        rows_path,
                        totals_key,
                        options,
                        columns,
                    }) = lay_table(programme, st)
                    else {
                        continue;
                    };
                    let table = &programme.tables[t];
                    for (_, col, heading) in &columns {
                        put(
                            CellAddress {
                                row: st.header_row,
                                column: *col,
                            },
                            (*heading).to_owned(),
                            CellRole::Fixed,
                            Some(CellStyle::Heading),
                        );
                    }
                    let rows = FormPath::parse(&rows_path)
                        .and_then(|p| p.lookup(form))
                        .and_then(Value::as_array);
                    let rows: Vec<&Value> = rows.map(|r| r.iter().collect()).unwrap_or_default();
                    let room = (st.rows[1] - st.rows[0] + 1) as usize;
                    if rows.len() > room {
                        return Err(Error::new(
                            Code::DocumentOverflow,
                            Message::new(
                                format!("{}の「{}」は{room}行までですが、フォームには{}行あります。行をまとめるか、様式の指示に従って別紙にしてください。", doc.title.ja, table.spec.label.ja, rows.len()),
                                format!("{} has room for {room} rows of \"{}\"; the form has {}. Combine rows, or follow the 様式's instructions for an annex.", doc.title.en, table.spec.label.en, rows.len()),
                            ),
                        ));
                    }
                    for (i, row) in rows.iter().enumerate() {
                        let sheet_row = st.rows[0] + u32::try_from(i).unwrap_or(0);
                        for (c, col, _) in &columns {
                            let spec = &table.spec.columns[*c];
                            if let Some(text) = row
                                .get(&spec.key)
                                .and_then(|v| column_text(programme, spec.kind, &options[*c], v))
                            {
                                put(
                                    CellAddress {
                                        row: sheet_row,
                                        column: *col,
                                    },
                                    text,
                                    CellRole::Answer,
                                    None,
                                );
                            }
                        }
                    }
                    let tr = report.tables.iter().find(|x| x.id == table.spec.id);
                    if let Some(row) = st.sums_row {
                        for (n, (c, col, _)) in columns.iter().enumerate() {
                            let key = &table.spec.columns[*c].key;
                            let text = if n == 0 {
                                Some("計".to_owned())
                            } else {
                                tr.and_then(|t| t.sums.get(key.as_str()))
                                    .map(|f| f.display().to_owned())
                            };
                            if let Some(text) = text {
                                put(
                                    CellAddress { row, column: *col },
                                    text,
                                    if n == 0 {
                                        CellRole::Fixed
                                    } else {
                                        CellRole::Computed
                                    },
                                    Some(CellStyle::Heading),
                                );
                            }
                        }
                    }
                    if let (Some(row), Some(key)) = (st.totals_row, totals_key) {
                        for (n, (c, col, _)) in columns.iter().enumerate() {
                            let k = &table.spec.columns[*c].key;
                            let path = format!("{}.{key}.{k}", table.spec.path);
                            let typed = FormPath::parse(&path)
                                .and_then(|p| p.lookup(form))
                                .and_then(|v| cell_text(programme, None, v));
                            match typed {
                                Some(text) => put(
                                    CellAddress { row, column: *col },
                                    text,
                                    CellRole::Answer,
                                    None,
                                ),
                                None if n == 0 => put(
                                    CellAddress { row, column: *col },
                                    "計".to_owned(),
                                    CellRole::Fixed,
                                    Some(CellStyle::Heading),
                                ),
                                None => {}
                            }
                        }
                    }
                }
                cells.sort_by_key(|c| c.at);
                let widths = sheet
                    .widths
                    .iter()
                    .filter_map(|(k, w)| Some((column_number(k)?, *w)))
                    .collect();
                sheets.push(FilledSheet {
                    name: sheet.name.clone(),
                    cells,
                    widths,
                });
            }
            out.push(FilledDocument {
                id: doc.id.clone(),
                title: doc.title.clone(),
                file: doc.file.replace("{applicant}", &applicant),
                sheets,
            });
        }
        if out.is_empty() {
            return Err(Error::new(
                Code::DocumentNone,
                if programme.spec.documents.is_empty() {
                    Message::new(
                        format!("{}は様式の配置を定めていません。", programme.spec.title.ja),
                        format!("{} declares no 様式 layouts.", programme.spec.title.en),
                    )
                } else {
                    Message::new(
                        "このフォームから作る様式がまだ決まりません（様式を決める問い、例えば「作成する書類」に答えてください）。",
                        "No 様式 is chosen by this form yet (answer the question that chooses one, such as the document to make).",
                    )
                },
            ));
        }
        Ok(out)
    }

    /// Reads 様式 files back into a form. Each file's sheets are matched to a layout by name; a
    /// layout's fixed wording and headings must be where it puts them, or the file is the
    /// `document.mismatch` refusal naming each cell that differs (a moved cell, another version
    /// of the 様式). `files` are (file name, its sheets).
    pub fn read_documents(
        &self,
        programme_id: &str,
        files: &[(String, Vec<ReadSheet>)],
    ) -> Result<ReadBack, Error> {
        let programme = self.programme(programme_id)?;
        if programme.spec.documents.is_empty() {
            return Err(mismatch(
                format!(
                    "{}は様式の配置を定めていないため、様式のファイルを読めません。",
                    programme.spec.title.ja
                ),
                format!(
                    "{} declares no 様式 layouts, so its 様式 files cannot be read",
                    programme.spec.title.en
                ),
            ));
        }
        let mut form = Value::Object(Map::new());
        let mut cells: BTreeMap<String, String> = BTreeMap::new();
        let mut documents = Vec::new();
        let mut notes = Vec::new();
        for (file, sheets) in files {
            let by_name = |name: &str| sheets.iter().find(|s| s.name == name);
            let mut matched = false;
            for doc in &programme.spec.documents {
                if !doc.sheets.iter().all(|s| by_name(&s.name).is_some()) {
                    continue;
                }
                matched = true;
                let mut wrong = Vec::new();
                for sheet in &doc.sheets {
                    let Some(read) = by_name(&sheet.name) else {
                        continue;
                    };
                    let text_at = |a: CellAddress| read.cells.get(&a).map_or("", String::as_str);
                    let place = |a: CellAddress| format!("{}!{a}", sheet.name);
                    for c in &sheet.cells {
                        let Some(at) = CellAddress::parse(&c.at) else {
                            continue;
                        };
                        if let Some(text) = &c.text {
                            if normalise(text_at(at)) != normalise(text) {
                                wrong.push((place(at), text.clone(), text_at(at).to_owned()));
                            }
                        } else if let Some(path) = &c.value {
                            let t = text_at(at);
                            if !t.trim().is_empty() {
                                let value =
                                    form_value(programme, programme.question_index(path), t);
                                put_value(
                                    &mut form,
                                    &mut cells,
                                    &mut notes,
                                    path.clone(),
                                    value,
                                    place(at),
                                );
                            }
                        }
                    }
                    for st in &sheet.tables {
                        let Some(LaidTable {
                            table: t,
                            rows_path,
                            totals_key,
                            options,
                            columns,
                        }) = lay_table(programme, st)
                        else {
                            continue;
                        };
                        let table = &programme.tables[t];
                        for (_, col, heading) in &columns {
                            let at = CellAddress {
                                row: st.header_row,
                                column: *col,
                            };
                            if normalise(text_at(at)) != normalise(heading) {
                                wrong.push((
                                    place(at),
                                    (*heading).to_owned(),
                                    text_at(at).to_owned(),
                                ));
                            }
                        }
                        // Sheet row k of the range is row k of the table: a blank row between
                        // filled ones stays (as an empty row), so cells and paths keep step.
                        let filled_rows: Vec<FilledRow<'_>> = (st.rows[0]..=st.rows[1])
                            .enumerate()
                            .map(|(n, row)| {
                                let filled = columns
                                    .iter()
                                    .map(|(c, col, _)| (*c, CellAddress { row, column: *col }))
                                    .map(|(c, a)| (c, a, text_at(a)))
                                    .filter(|(_, _, t)| !t.trim().is_empty())
                                    .collect::<Vec<_>>();
                                (n, row, filled)
                            })
                            .filter(|(_, _, filled)| !filled.is_empty())
                            .collect();
                        if let (Some((last, _, _)), Some(p)) =
                            (filled_rows.last(), FormPath::parse(&rows_path))
                        {
                            if p.lookup(&form).is_none() {
                                let blank = vec![Value::Object(Map::new()); last + 1];
                                let _ = p.set(&mut form, Value::Array(blank));
                            }
                            cells.entry(rows_path.clone()).or_insert_with(|| {
                                place(CellAddress {
                                    row: st.rows[0],
                                    column: columns.first().map_or(1, |c| c.1),
                                })
                            });
                        }
                        for (n, row, filled) in filled_rows {
                            let first = CellAddress {
                                row,
                                column: columns.first().map_or(1, |c| c.1),
                            };
                            cells.insert(format!("{rows_path}[{n}]"), place(first));
                            for (c, a, t) in filled {
                                let spec = &table.spec.columns[c];
                                let value = column_value(programme, spec.kind, &options[c], t);
                                put_value(
                                    &mut form,
                                    &mut cells,
                                    &mut notes,
                                    format!("{rows_path}[{n}].{}", spec.key),
                                    value,
                                    place(a),
                                );
                            }
                        }
                        if let (Some(row), Some(key)) = (st.totals_row, totals_key) {
                            for (c, col, _) in &columns {
                                let at = CellAddress { row, column: *col };
                                let t = text_at(at);
                                let k = &table.spec.columns[*c].key;
                                let is_key = table.spec.totals.as_ref().is_some_and(|x| {
                                    x.columns.iter().chain(&x.other_keys).any(|y| y == k)
                                });
                                if is_key && !t.trim().is_empty() && normalise(t) != normalise("計")
                                {
                                    put_value(
                                        &mut form,
                                        &mut cells,
                                        &mut notes,
                                        format!("{}.{key}.{k}", table.spec.path),
                                        Value::String(t.to_owned()),
                                        place(at),
                                    );
                                }
                            }
                        }
                    }
                }
                if !wrong.is_empty() {
                    let list_ja: Vec<String> = wrong
                        .iter()
                        .map(|(a, want, got)| format!("{a} は「{want}」のはずが「{got}」"))
                        .collect();
                    let list_en: Vec<String> = wrong
                        .iter()
                        .map(|(a, want, got)| {
                            format!("{a} should read \"{want}\" but reads \"{got}\"")
                        })
                        .collect();
                    return Err(mismatch(
                        format!("{file} は{}の配置と合いません（セルが動いたか、別の版の様式です）：{}", doc.title.ja, list_ja.join("、")),
                        format!("{file} does not match the layout of {} (moved cells, or another version of the 様式): {}", doc.title.en, list_en.join("; ")),
                    ));
                }
                if !documents.contains(&doc.id) {
                    documents.push(doc.id.clone());
                }
            }
            if !matched {
                let expected: Vec<String> = programme
                    .spec
                    .documents
                    .iter()
                    .flat_map(|d| d.sheets.iter().map(|s| format!("「{}」", s.name)))
                    .collect();
                let found: Vec<String> = sheets.iter().map(|s| format!("「{}」", s.name)).collect();
                return Err(mismatch(
                    format!(
                        "{file} には{}の様式のシート（{}）がありません（あるシート：{}）。",
                        programme.spec.title.ja,
                        expected.join("、"),
                        found.join("、")
                    ),
                    format!(
                        "{file} holds no sheet of a 様式 of {} (expected {}; found {})",
                        programme.spec.title.en,
                        expected.join(", "),
                        found.join(", ")
                    ),
                ));
            }
        }
        let order: Vec<&String> = programme.spec.documents.iter().map(|d| &d.id).collect();
        documents.sort_by_key(|d| order.iter().position(|o| *o == d));
        Ok(ReadBack {
            form,
            cells,
            documents,
            notes,
        })
    }
}
