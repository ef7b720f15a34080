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
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// One finding, shared: the Report and the session's caches it is merged from hold one
/// [`Finding`], so copying, comparing or freeing a finding an edit did not touch costs one
/// pointer (`Arc`'s equality of an `Eq` type tries the pointer first). Its parts read as fields
/// (`d.path`, `d.message.ja`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Diagnostic(Arc<Finding>);

/// On the wire a diagnostic is its finding, under the name the Report's schema has always given it.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Diagnostic {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Diagnostic".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Finding::json_schema(generator)
    }
}

impl Deref for Diagnostic {
    type Target = Finding;

    fn deref(&self) -> &Finding {
        &self.0
    }
}

/// A finding of the caller's own, made shareable: `Diagnostic::from(Finding { … })`.
impl From<Finding> for Diagnostic {
    fn from(finding: Finding) -> Self {
        Self(Arc::new(finding))
    }
}

impl fmt::Debug for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One finding: a code, a severity, the field's path, the clause and a bilingual message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Finding {
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
    /// Whether the two are one finding shared (the same allocation), not merely equal ones.
    pub(crate) fn is_shared_with(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

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
        // Wrapped here, not through `From`: with `.into()` in the two constructors the wasm
        // module was 2,809 bytes larger (BENCHMARKS.md, size steps).
        Self(Arc::new(Finding {
            code: code.shared(),
            severity,
            path: path.into(),
            clause: clause.map(SharedText::from),
            message,
        }))
    }

    /// A finding of one of the pack's own codes (its checks and notes), at the pack's severity.
    pub(crate) fn of_pack(
        code: &str,
        severity: Severity,
        path: impl Into<SharedText>,
        clause: Option<&str>,
        message: Message,
    ) -> Self {
        Self(Arc::new(Finding {
            code: code.into(),
            severity,
            path: path.into(),
            clause: clause.map(SharedText::from),
            message,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::{Diagnostic, Finding, Severity};
    use crate::finding::message::Message;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn finding(text: &str) -> Finding {
        Finding {
            code: "pack.own_check".into(),
            severity: Severity::Warning,
            path: "budget.lines[0].amount".into(),
            clause: Some("第6".into()),
            message: Message::new(text, text),
        }
    }

    #[test]
    fn a_diagnostic_reads_writes_and_compares_as_its_finding() {
        let d = Diagnostic::from(finding("a"));
        assert_eq!(d.path.as_str(), "budget.lines[0].amount");
        assert_eq!(d.message.ja.as_str(), "a");
        // The wire is the finding's: the same JSON, read back to an equal diagnostic.
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, serde_json::to_string(&finding("a")).unwrap());
        let back: Diagnostic = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
        // Equal by content, whether shared or made apart; unequal when a part differs.
        assert_eq!(d.clone(), d);
        assert_eq!(Diagnostic::from(finding("a")), d);
        assert_ne!(Diagnostic::from(finding("b")), d);
        assert_eq!(format!("{d:?}"), format!("{:?}", finding("a")));
    }
}
