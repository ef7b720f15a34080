//! The official 様式 of a yoken pack as `.xlsx` files. The core fills a pack's layouts with a form
//! and its Report and reads cells back into a form (`yoken::documents`); this crate carries those
//! cells to and from the file format: [`write()`] makes a workbook with rust_xlsxwriter (natively,
//! and in the browser's separate wasm module), [`read()`] reads one back with calamine (natively),
//! within limits that keep a hostile file from exhausting memory or time.
//!
//! Every workbook carries its rules receipt ([`Receipt`]) as custom document properties, so that
//! a file checked against another version of the pack says so.

#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
mod read;
mod receipt;
mod write;

#[cfg(not(target_arch = "wasm32"))]
pub use read::{read, ReadFile, MAX_FILE_BYTES};
pub use receipt::Receipt;
pub use write::{cover_lines, workbooks, write, DocumentFile, COVER_SHEET};

/// The media type of a `.xlsx` workbook.
pub const MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
