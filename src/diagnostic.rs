//! Diagnostics: one finding about one field, with the clause it comes from.
//!
//! Wire format (part of the Report, see [`crate::report`]):
//! `{"code": "number.negative", "severity": "error", "path": "budget.lines[2].amount",
//!   "clause": "第6", "message": {"ja": "…", "en": "…"}}` — `clause` is omitted when a finding is
//! about how a value was typed rather than about a rule (e.g. an unreadable date).

use crate::message::Message;
use crate::text::SharedText;
use serde::{Deserialize, Serialize};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
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

/// One finding: a code, a severity, the field's path, the clause and a bilingual message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// A stable code (`number.negative`, `budget.row_sum`, or a rule pack's own code).
    pub code: SharedText,
    /// How much it matters.
    pub severity: Severity,
    /// The field the finding concerns, as a form path (`applicant.org_type`, `budget.lines[0].amount`).
    pub path: SharedText,
    /// The clause of the programme's document the finding comes from (`第5 2 (7) ア`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<SharedText>,
    /// What is wrong and what to do, in Japanese and English.
    pub message: Message,
}

impl Diagnostic {
    /// A finding with every part given.
    pub fn new(
        code: impl Into<SharedText>,
        severity: Severity,
        path: impl Into<SharedText>,
        clause: Option<&str>,
        message: Message,
    ) -> Self {
        Self {
            code: code.into(),
            severity,
            path: path.into(),
            clause: clause.map(SharedText::from),
            message,
        }
    }
}
