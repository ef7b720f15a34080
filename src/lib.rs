//! yoken (要件) checks Japanese public-subsidy application forms, with the same rules in the
//! browser (WebAssembly) and on the server (native). This crate is the core: it knows nothing of
//! the browser, the terminal or HTTP. The shells (`crates/yoken-wasm`, `crates/yoken-cli`) call
//! only what is public here.
//!
//! # Steps
//! A form (JSON, possibly half-filled) + a programme + today → one [`Report`]:
//!
//! 1. **Typed text → values** ([`text`]): full-width digits, commas, 円/千円, 和暦 and form paths,
//!    each unreadable value a bilingual finding, never a guess.
//! 2. **The programme** (`pack`): a rule pack — the programme as data — checked and compiled
//!    before use; [`pack::spec`] is its file format.
//! 3. **Reading answers** (`read`): each question's value and each table cell, typed.
//! 4. **Evaluation** (`eval`): requirement trees with three-valued logic and traces, verdicts,
//!    form checks, budget tables, dates and deadlines, each computing its part of the Report.
//! 5. **The Report** ([`report`]): assembled in a fixed order, findings sorted by the form's
//!    order, the same bytes on every build; also its text rendering ([`report::render`]).
//! 6. **The API**: [`Catalog`] (validate, list, load a pack), [`Session`] (a form being edited,
//!    answered with deltas), date arguments ([`today`], [`closed_days`]) and JSON Schemas.
//!
//! Every layer imports only the layers before it; the words they share — messages, the registry
//! of [`Code`]s, findings ([`Diagnostic`]), [`Verdict`] and the one [`Error`] — sit below them all.
//! A test reads the sources and holds the imports to that order (`tests/layers.rs`).
//!
//! ```
//! let form = serde_json::json!({"subprogrammes": "variety_registration"});
//! let today = yoken::today("令和7年6月1日").unwrap();
//! let report = yoken::validate("maff-hinshu-r7", &form, today).unwrap();
//! assert_eq!(report.overall.verdict, yoken::Verdict::Incomplete);
//! assert!(!report.overall.missing.is_empty());
//!
//! let amount = yoken::text::field_check::check_amount("１２，３４５千円", yoken::FieldUnit::ThousandYen);
//! assert_eq!(amount.display.as_deref(), Some("12,345 千円"));
//! ```
//!
//! Owns: the public API (what is `pub` here is all a shell can use). Must not know: the browser,
//! the terminal or HTTP.
#![forbid(unsafe_code)]
#![warn(unreachable_pub)]

mod api;
mod eval;
mod finding;
pub mod pack;
mod read;
pub mod report;
pub mod text;

pub use api::calendar::{closed_days, date, today};
#[cfg(feature = "pack-json")]
pub use api::catalog::programmes;
pub use api::catalog::{
    read_form, report_json, report_json_in, to_json, to_json_in, validate, Catalog,
};
#[cfg(feature = "pack-json")]
pub use api::documents;
#[cfg(feature = "schema")]
pub use api::schema;
pub use api::session::Session;
pub use eval::submission::{FileEntry, Mail, RefusedFile, SubmissionPlan};
pub use finding::code::{Code, Kind};
pub use finding::diagnostic::{Diagnostic, Finding, Severity};
pub use finding::error::{Error, PackProblem};
pub use finding::message::{Lang, Message};
pub use finding::shared_text::SharedText;
pub use finding::verdict::Verdict;
pub use pack::Programme;
pub use report::{FieldUnit, Options, Report};
pub use text::form_path::FormPath;

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
