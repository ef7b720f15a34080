//! A filled 様式 written as an `.xlsx` workbook. Owns: how cells look in the file (titles,
//! headings, labels, computed cells, widths) and the receipt's properties.

use crate::receipt::{self, Receipt};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};
use yoken::documents::{CellRole, FilledDocument};
use yoken::pack::spec::CellStyle;
use yoken::{Error, Message};

/// The sheet that lists a form's findings when the applicant downloads despite them.
pub const COVER_SHEET: &str = "確認結果";

/// One 様式 workbook, made.
#[derive(Debug, Clone)]
pub struct DocumentFile {
    /// The file name to save it under.
    pub file: String,
    /// The 様式's name.
    pub title: Message,
    /// The `.xlsx` bytes.
    pub bytes: Vec<u8>,
}

/// Makes a form's 様式 as workbooks from its Report (checked on `today`): refused for a form
/// with errors (`document.form_has_errors`) unless `with_findings`, which lists them on a cover
/// sheet of each file. What the command line's `render` and the widget's download both do.
pub fn workbooks(
    catalog: &yoken::Catalog,
    programme: &str,
    form: &serde_json::Value,
    report: &yoken::Report,
    today: NaiveDate,
    with_findings: bool,
) -> Result<Vec<DocumentFile>, Error> {
    let errors = report.summary.error;
    if errors > 0 && !with_findings {
        return Err(Error::form_has_errors(errors));
    }
    let cover = if errors > 0 {
        cover_lines(report)
    } else {
        Vec::new()
    };
    let receipt = Receipt::of(report);
    catalog
        .fill_documents(programme, form, report)?
        .iter()
        .map(|doc| {
            Ok(DocumentFile {
                file: doc.file.clone(),
                title: doc.title.clone(),
                bytes: write(doc, &receipt, &cover, today)?,
            })
        })
        .collect()
}

/// The lines of a cover sheet: each error and warning of a Report, with its code, field and
/// clause (in Japanese, the 様式's language).
#[must_use]
pub fn cover_lines(report: &yoken::Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity <= yoken::Severity::Warning)
        .map(|d| {
            format!(
                "[{}] {} {}{}",
                d.code,
                d.path,
                d.message.ja,
                d.clause
                    .as_ref()
                    .map(|c| format!("（{c}）"))
                    .unwrap_or_default()
            )
        })
        .collect()
}

/// Writes one filled 様式 as a workbook: its sheets, preceded by a cover sheet listing `findings`
/// when there are any; the receipt in its document properties; `created` as its creation date
/// (the day the form was checked, so the same form gives the same bytes).
pub fn write(
    doc: &FilledDocument,
    receipt: &Receipt,
    findings: &[String],
    created: NaiveDate,
) -> Result<Vec<u8>, Error> {
    build(doc, receipt, findings, created).map_err(|e| {
        Error::document_unreadable(
            &doc.file,
            &Message::new(
                format!("書き出せませんでした（{e}）"),
                format!("it could not be written ({e})"),
            ),
        )
    })
}

fn build(
    doc: &FilledDocument,
    receipt: &Receipt,
    findings: &[String],
    created: NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_ymd(
        u16::try_from(created.year()).unwrap_or(2000),
        u8::try_from(created.month()).unwrap_or(1),
        u8::try_from(created.day()).unwrap_or(1),
    )?;
    let mut props = DocProperties::new()
        .set_title(doc.title.ja.to_string())
        .set_creation_datetime(&date)
        .set_custom_property(receipt::PROGRAMME, receipt.programme.as_str())
        .set_custom_property(receipt::HASH, receipt.hash.as_str())
        .set_custom_property(receipt::ENGINE, receipt.engine.as_str());
    if let Some(issued) = &receipt.issued {
        props = props.set_custom_property(receipt::ISSUED, issued.as_str());
    }
    book.set_properties(&props);
    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new().set_bold().set_border(FormatBorder::Thin);
    let label = Format::new().set_text_wrap();
    let answer = Format::new().set_border(FormatBorder::Thin);
    let computed = Format::new()
        .set_border(FormatBorder::Thin)
        .set_background_color(0x00F2_F2F2);
    if !findings.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name(COVER_SHEET)?;
        sheet.set_column_width(0, 100)?;
        sheet.write_string_with_format(
            0,
            0,
            "この様式には次の確認結果があります。提出前に直してください。",
            &title,
        )?;
        for (i, line) in findings.iter().enumerate() {
            let row = u32::try_from(i).unwrap_or(u32::MAX - 2).saturating_add(2);
            sheet.write_string_with_format(row, 0, line, &label)?;
        }
    }
    for filled in &doc.sheets {
        let sheet: &mut Worksheet = book.add_worksheet();
        sheet.set_name(&filled.name)?;
        for (column, width) in &filled.widths {
            sheet.set_column_width(column - 1, *width)?;
        }
        for cell in &filled.cells {
            let (row, col) = (cell.at.row - 1, cell.at.column - 1);
            let format = match (cell.role, cell.style) {
                (_, Some(CellStyle::Title)) => &title,
                (_, Some(CellStyle::Heading)) => &heading,
                (CellRole::Computed, None) => &computed,
                (CellRole::Answer, None) => &answer,
                (_, Some(CellStyle::Label)) | (CellRole::Fixed, None) => &label,
            };
            match whole_number(&cell.text) {
                Some(n) if cell.role == CellRole::Answer => {
                    sheet.write_number_with_format(row, col, n, format)?;
                }
                _ => {
                    sheet.write_string_with_format(row, col, &cell.text, format)?;
                }
            }
        }
    }
    book.save_to_buffer()
}

/// A typed answer that Excel can hold as a number and give back as the same text: a whole
/// number without sign or leading zeros, of at most 15 digits (exact in a spreadsheet's number).
/// Anything else (`1,000`, `0.5`, `１００`) stays text, as typed.
fn whole_number(text: &str) -> Option<f64> {
    let digits = text.as_bytes();
    let plain = !digits.is_empty()
        && digits.len() <= 15
        && digits.iter().all(u8::is_ascii_digit)
        && (digits[0] != b'0' || digits.len() == 1);
    // Exact: at most 15 decimal digits fit a double's 53 bits.
    #[allow(clippy::cast_precision_loss)]
    plain
        .then(|| text.parse::<u64>().ok().map(|n| n as f64))
        .flatten()
}
