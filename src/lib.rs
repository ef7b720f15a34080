//! yoken (要件) checks Japanese public-subsidy application forms, with the same rules in the
//! browser (WebAssembly) and on the server (native).
//!
//! The pipeline, end to end:
//! 1. typed text → values: [`number_text`], [`amount_field`], [`wareki`] (full-width digits,
//!    commas, 円/千円, 和暦), each unreadable value a bilingual diagnostic, never a guess;
//! 2. values → money and dates: [`money`] (exact 円/千円), [`fiscal_year`] (年度);
//! 3. one call per field today ([`field_check`]); the form engine builds on these.
//!
//! ```
//! use yoken::amount_field::FieldUnit;
//! use yoken::field_check::{check_amount, check_date};
//!
//! let amount = check_amount("１２，３４５千円", FieldUnit::ThousandYen);
//! assert_eq!(amount.display.as_deref(), Some("12,345 千円"));
//!
//! let date = check_date("R7.3.18");
//! assert_eq!(date.wareki.as_deref(), Some("令和7年3月18日"));
//! ```
#![forbid(unsafe_code)]

pub mod amount_field;
pub mod answers;
pub mod budget;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod deadline;
pub mod diagnostic;
pub mod engine;
pub mod field_check;
pub mod fiscal_year;
pub mod holiday;
pub mod logic;
pub mod message;
pub mod money;
pub mod normalised;
pub mod number_text;
pub mod pack;
pub mod period;
pub mod render;
pub mod report;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
#[cfg(not(target_arch = "wasm32"))]
pub mod server;
pub mod session;
pub mod submission;
pub mod text;
pub mod validate;
pub mod wareki;
pub mod width;

pub use report::{Report, Verdict};
pub use validate::{programmes, validate, ValidateError};

#[cfg(target_arch = "wasm32")]
mod wasm;

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
