//! How much a finding matters.
//!
//! Owns: the four severities. Must not know: which findings have which.

use serde::{Deserialize, Serialize};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: the form breaks a rule or cannot be read.
    Error,
    /// Probably wrong, or allowed only with care; the applicant should look.
    Warning,
    /// For the officer's judgment (e.g. 第11 3 (1): a past 交付決定取消 is considered, not excluding).
    Review,
    /// Information: a reminder or a note about how a value was read.
    Info,
}

impl Severity {
    /// All severities, most serious first.
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::Review,
        Severity::Info,
    ];

    /// The lowercase name used on the wire (`error`, `warning`, `review`, `info`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Review => "review",
            Severity::Info => "info",
        }
    }
}
