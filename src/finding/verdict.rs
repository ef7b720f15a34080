//! The three-way verdict of an application or one of its sub-programmes.
//!
//! Owns: the verdict's words. Must not know: how a verdict is reached (see the evaluation).

use serde::{Deserialize, Serialize};

/// A three-way eligibility verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Every requirement is met.
    Eligible,
    /// A requirement is not met (the decisive ones are diagnostics `requirement.not_met`).
    Ineligible,
    /// Not decided yet: `missing` lists the unanswered questions that could change it.
    Incomplete,
}
