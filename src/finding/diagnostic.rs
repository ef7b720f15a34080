//! Diagnostics: one finding about one field, with the clause it comes from.
//!
//! Owns: the shape of a finding and its severity. Must not know: which rule raised it (the
//! caller writes the message where the finding arises, with a code from [`super::code`]).
//!
//! Wire format (part of the Report, see [`crate::report`]):
//! `{"code": "number.negative", "severity": "error", "path": "budget.lines[2].amount",
//!   "clause": "第6", "message": {"ja": "…", "en": "…"}}` — `clause` is omitted when a finding is
//! about how a value was typed rather than about a rule (e.g. an unreadable date).

use super::code::Code;
use super::message::Message;
pub use super::severity::Severity;
use super::shared_text::SharedText;
use serde::{Deserialize, Serialize};

/// One finding: a code, a severity, the field's path, the clause and a bilingual message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// A finding of a registry code, with the severity the registry gives it.
    pub(crate) fn new(
        code: Code,
        path: impl Into<SharedText>,
        clause: Option<&str>,
        message: Message,
    ) -> Self {
        let severity = code.kind().severity().unwrap_or(Severity::Error);
        Self::with_severity(code, severity, path, clause, message)
    }

    /// A finding of a registry code whose severity depends on the case (its kind says which
    /// severities it may have).
    pub(crate) fn with_severity(
        code: Code,
        severity: Severity,
        path: impl Into<SharedText>,
        clause: Option<&str>,
        message: Message,
    ) -> Self {
        debug_assert!(code.kind().allows(severity), "{code} as {severity:?}");
        Self {
            code: code.shared(),
            severity,
            path: path.into(),
            clause: clause.map(SharedText::from),
            message,
        }
    }

    /// A finding of one of the pack's own codes (its checks and notes), at the pack's severity.
    pub(crate) fn of_pack(
        code: &str,
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
