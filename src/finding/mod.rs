//! The words every layer speaks: bilingual messages, shared text, the registry of codes, findings
//! (diagnostics with their severity), verdicts and the one error type. The bottom layer: it
//! imports nothing else from the crate.
//!
//! Owns: the shared vocabulary. Must not know: any rule, programme or front end.

pub(crate) mod code;
pub(crate) mod diagnostic;
pub(crate) mod error;
pub(crate) mod message;
pub(crate) mod order;
pub(crate) mod severity;
pub(crate) mod shared_text;
pub(crate) mod verdict;
