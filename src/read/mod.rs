//! Reading a form: JSON values at question paths and table cells → typed answers, or findings
//! about values that cannot be read. Nothing is guessed and nothing panics: a value of the wrong
//! shape is a finding on its field and counts as unanswered. While a normalised form is being
//! made, the readers report each value's canonical spelling ([`normalised`]).
//!
//! Imports the finding, text and pack layers; knows nothing of requirements, budgets or Reports.
//!
//! Owns: turning JSON into typed answers. Must not know: the rules.

pub(crate) mod answers;
pub(crate) mod json;
pub(crate) mod normalised;
pub(crate) mod row;
