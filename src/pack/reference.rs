//! Which programme and engine a Report names: made once per programme and shared by every
//! Report of it (the Report layer re-exports it as part of the wire format).
//!
//! Owns: the Report's `programme` part. Must not know: how a form is checked.

use crate::finding::message::Message;
use serde::{Deserialize, Serialize};

/// Which programme produced the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRef {
    /// The programme id.
    pub id: String,
    /// Its title.
    pub title: Message,
    /// Its fiscal year (`令和7年度`).
    pub fiscal_year: String,
    /// The source document's title.
    pub source: String,
    /// The source's issue or amendment dates, as it states them (the rules' version).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    /// A hash of the pack's content (FNV-1a of its canonical JSON): the exact rules checked
    /// (since `yoken-report/2.1`).
    pub hash: String,
    /// The engine that checked (`yoken 0.1.0`).
    pub engine: String,
}

/// The engine named in every Report.
pub const ENGINE: &str = concat!("yoken ", env!("CARGO_PKG_VERSION"));
