//! A 様式 workbook read back into cells' text, within limits: a hostile file (a zip bomb, a sheet
//! of a million cells, a damaged archive) is the `document.unreadable` refusal or a note, never a
//! panic, a hang or memory without bound.
//!
//! What a cell gives: its text as shown, a number as its shortest text (`1000`, `0.5`), a date
//! stored as an Excel serial as `YYYY-MM-DD`, a formula's saved value (with a note that it was a
//! formula), an error value (`#DIV/0!`) as it is (the core then finds it is not an amount).
//! Merged ranges are noted: only their first cell holds a value.
//!
//! Owns: the file format's limits and the cell-to-text rules. Must not know: layouts.

use crate::receipt::{self, Receipt};
use calamine::{DataRef, Reader, Xlsx};
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use yoken::documents::ReadSheet;
use yoken::text::cell_address::CellAddress;
use yoken::{Error, Message};

/// The largest file read: 10 MB (a mail carries at most 7 MB, 003 第10 3 (6)).
pub const MAX_FILE_BYTES: usize = 10_000_000;
/// The most entries in the archive.
const MAX_ENTRIES: usize = 500;
/// The most bytes one entry may expand to.
const MAX_ENTRY_BYTES: u64 = 50_000_000;
/// The most bytes all entries together may expand to.
const MAX_TOTAL_BYTES: u64 = 100_000_000;
/// The most non-empty cells read from one sheet.
const MAX_CELLS: usize = 100_000;
/// The rows and columns a 様式 can use; cells beyond are counted and noted, not read.
const MAX_ROW: u32 = 10_000;
/// See [`MAX_ROW`].
const MAX_COLUMN: u32 = 200;
/// The most notes of one kind listed for a file (the rest are counted).
const MAX_NOTES: usize = 20;

/// One workbook, read.
#[derive(Debug, Clone, Default)]
pub struct ReadFile {
    /// Its sheets, in order.
    pub sheets: Vec<ReadSheet>,
    /// The receipt it carries, when it was made by yoken.
    pub receipt: Option<Receipt>,
    /// What the reader noticed (formulas, merged cells, dates stored as serials, cells beyond
    /// the 様式's area).
    pub notes: Vec<Message>,
}

fn refuse(file: &str, ja: String, en: String) -> Error {
    Error::document_unreadable(file, &Message::new(ja, en))
}

/// Reads a workbook's bytes (`file` names it in messages).
pub fn read(file: &str, bytes: &[u8]) -> Result<ReadFile, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refuse(
            file,
            format!(
                "{}バイトあり、上限{MAX_FILE_BYTES}バイトを超えています",
                bytes.len()
            ),
            format!(
                "it has {} bytes, over the limit of {MAX_FILE_BYTES}",
                bytes.len()
            ),
        ));
    }
    let custom = scan_archive(file, bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        refuse(
            file,
            format!(".xlsx として開けません（{e}）"),
            format!("it does not open as .xlsx ({e})"),
        )
    })?;
    let mut out = ReadFile {
        receipt: custom.as_deref().and_then(receipt_of),
        ..ReadFile::default()
    };
    for name in book.sheet_names() {
        let mut sheet = ReadSheet {
            name: name.clone(),
            cells: BTreeMap::new(),
        };
        let mut notes = Notes::default();
        {
            let mut cells = book.worksheet_cells_reader(&name).map_err(|e| {
                refuse(
                    file,
                    format!("シート「{name}」が読めません（{e}）"),
                    format!("sheet \"{name}\" cannot be read ({e})"),
                )
            })?;
            let mut count = 0usize;
            loop {
                let cell = cells.next_cell_with_formula().map_err(|e| {
                    refuse(
                        file,
                        format!("シート「{name}」が読めません（{e}）"),
                        format!("sheet \"{name}\" cannot be read ({e})"),
                    )
                })?;
                let Some(cell) = cell else { break };
                let (row, column) = cell.pos;
                let at = CellAddress {
                    row: row.saturating_add(1),
                    column: u16::try_from(column.saturating_add(1)).unwrap_or(u16::MAX),
                };
                let text = cell_text(&cell.value, &mut notes, &name, at);
                if let Some(formula) = &cell.formula {
                    notes.formula(&name, at, formula, text.as_deref());
                }
                let Some(text) = text else { continue };
                if row >= MAX_ROW || column >= MAX_COLUMN {
                    notes.outside += 1;
                    continue;
                }
                count += 1;
                if count > MAX_CELLS {
                    return Err(refuse(
                        file,
                        format!("シート「{name}」のセルが{MAX_CELLS}を超えています"),
                        format!("sheet \"{name}\" has more than {MAX_CELLS} cells"),
                    ));
                }
                sheet.cells.insert(at, text);
            }
        }
        for d in book.merge_cells_by_sheet_name(&name).unwrap_or_default() {
            notes.merged(&name, d.start, d.end);
        }
        out.notes.extend(notes.into_messages(&name));
        out.sheets.push(sheet);
    }
    Ok(out)
}

/// A cell's value as text (`None` when empty).
fn cell_text(
    value: &DataRef<'_>,
    notes: &mut Notes,
    sheet: &str,
    at: CellAddress,
) -> Option<String> {
    match value {
        DataRef::Empty => None,
        DataRef::SharedString(s) => Some((*s).to_owned()),
        DataRef::Int(i) => Some(i.to_string()),
        DataRef::Float(f) => Some(number_text(*f)),
        DataRef::Bool(b) => Some(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        DataRef::DateTime(d) => {
            let text = d.as_datetime().map_or_else(
                || number_text(d.as_f64()),
                |t| {
                    if t.time() == chrono::NaiveTime::MIN {
                        t.date().to_string()
                    } else {
                        t.format("%Y-%m-%dT%H:%M:%S").to_string()
                    }
                },
            );
            notes.serial(sheet, at, &text);
            Some(text)
        }
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(s.clone()),
        DataRef::Error(e) => Some(e.to_string()),
    }
}

/// A spreadsheet number as the shortest text that reads back as it: `1000`, `0.5`.
fn number_text(f: f64) -> String {
    // A file's number becomes text at once; the core reads amounts from text as decimals.
    #[allow(clippy::cast_possible_truncation)]
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// What the reader noticed in one sheet, bounded.
#[derive(Default)]
struct Notes {
    formulas: Vec<Message>,
    serials: Vec<Message>,
    merged: Vec<Message>,
    more: usize,
    outside: usize,
}

impl Notes {
    fn push(list: &mut Vec<Message>, more: &mut usize, m: Message) {
        if list.len() < MAX_NOTES {
            list.push(m);
        } else {
            *more += 1;
        }
    }

    fn formula(&mut self, sheet: &str, at: CellAddress, formula: &str, saved: Option<&str>) {
        let f: String = formula.chars().take(60).collect();
        let m = match saved {
            Some(v) => Message::new(
                format!("{sheet}!{at} は式（={f}）です。保存されている値「{v}」を読みました。"),
                format!("{sheet}!{at} holds a formula (={f}); its saved value \"{v}\" was read"),
            ),
            None => Message::new(
                format!("{sheet}!{at} は式（={f}）で、保存された値がないため読めません。"),
                format!(
                    "{sheet}!{at} holds a formula (={f}) without a saved value; nothing was read"
                ),
            ),
        };
        Self::push(&mut self.formulas, &mut self.more, m);
    }

    fn serial(&mut self, sheet: &str, at: CellAddress, text: &str) {
        let m = Message::new(
            format!("{sheet}!{at} は Excel の日付（シリアル値）として保存されています。{text} と読みました。"),
            format!("{sheet}!{at} is stored as an Excel date (a serial number); it was read as {text}"),
        );
        Self::push(&mut self.serials, &mut self.more, m);
    }

    fn merged(&mut self, sheet: &str, start: (u32, u32), end: (u32, u32)) {
        let a = |(r, c): (u32, u32)| CellAddress {
            row: r.saturating_add(1),
            column: u16::try_from(c.saturating_add(1)).unwrap_or(u16::MAX),
        };
        let (s, e) = (a(start), a(end));
        let m = Message::new(
            format!("{sheet}!{s}:{e} は結合されたセルです。値は左上の {s} だけから読みます。"),
            format!("{sheet}!{s}:{e} are merged cells; only the top-left {s} is read"),
        );
        Self::push(&mut self.merged, &mut self.more, m);
    }

    fn into_messages(self, sheet: &str) -> Vec<Message> {
        let mut out: Vec<Message> = self
            .formulas
            .into_iter()
            .chain(self.serials)
            .chain(self.merged)
            .collect();
        if self.more > 0 {
            out.push(Message::new(
                format!(
                    "シート「{sheet}」には、ほかに{}件の同様の注意があります。",
                    self.more
                ),
                format!("sheet \"{sheet}\" has {} more such notes", self.more),
            ));
        }
        if self.outside > 0 {
            out.push(Message::new(
                format!(
                    "シート「{sheet}」の様式の範囲外（{MAX_ROW}行・{MAX_COLUMN}列より先）にある{}個のセルは読みませんでした。",
                    self.outside
                ),
                format!(
                    "{} cells of sheet \"{sheet}\" beyond the 様式's area (row {MAX_ROW}, column {MAX_COLUMN}) were not read",
                    self.outside
                ),
            ));
        }
        out
    }
}

/// Checks the archive before any XML is parsed: a bounded number of entries, each expanding to
/// a bounded size, measured by expanding it (an entry's declared size can lie). Gives the custom
/// properties' XML, when there is one.
fn scan_archive(file: &str, bytes: &[u8]) -> Result<Option<String>, Error> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        refuse(
            file,
            format!("ZIP（.xlsx）として読めません（{e}）"),
            format!("it is not a ZIP archive, as an .xlsx is ({e})"),
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(refuse(
            file,
            format!(
                "中のファイルが{}個あり、上限{MAX_ENTRIES}を超えています",
                zip.len()
            ),
            format!(
                "it holds {} entries, over the limit of {MAX_ENTRIES}",
                zip.len()
            ),
        ));
    }
    let mut total = 0u64;
    let mut custom = None;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| {
            refuse(
                file,
                format!("中のファイルが読めません（{e}）"),
                format!("an entry cannot be read ({e})"),
            )
        })?;
        let name = entry
            .name()
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default();
        let mut sink = Vec::new();
        let keep = name == "docProps/custom.xml";
        let read = if keep {
            (&mut entry)
                .take(MAX_ENTRY_BYTES + 1)
                .read_to_end(&mut sink)
                .map(|n| n as u64)
        } else {
            std::io::copy(
                &mut (&mut entry).take(MAX_ENTRY_BYTES + 1),
                &mut std::io::sink(),
            )
        }
        .map_err(|e| {
            refuse(
                file,
                format!("「{name}」が展開できません（{e}）"),
                format!("entry \"{name}\" does not expand ({e})"),
            )
        })?;
        total += read;
        if read > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES {
            return Err(refuse(
                file,
                format!("展開すると大きすぎます（1つ{MAX_ENTRY_BYTES}バイト、合計{MAX_TOTAL_BYTES}バイトまで。ZIP爆弾の疑い）"),
                format!("it expands beyond the limits ({MAX_ENTRY_BYTES} bytes an entry, {MAX_TOTAL_BYTES} in all; a zip bomb?)"),
            ));
        }
        if keep {
            custom = String::from_utf8(sink).ok();
        }
    }
    Ok(custom)
}

/// The receipt in `docProps/custom.xml`, when all its properties are there.
fn receipt_of(xml: &str) -> Option<Receipt> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut props: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == b"property" => {
                current = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == b"name")
                    .and_then(|a| a.unescape_value().ok().map(std::borrow::Cow::into_owned));
            }
            Ok(Event::Text(t)) => {
                if let (Some(name), Ok(text)) = (&current, t.decode()) {
                    props.entry(name.clone()).or_default().push_str(&text);
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == b"property" => current = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    Some(Receipt {
        programme: props.remove(receipt::PROGRAMME)?,
        hash: props.remove(receipt::HASH)?,
        engine: props.remove(receipt::ENGINE)?,
        issued: props.remove(receipt::ISSUED),
    })
}
