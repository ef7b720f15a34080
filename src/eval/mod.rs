//! Evaluation: the answered form against the programme's rules — conditions and exact
//! expressions with their three-valued logic and traces ([`logic`]), verdicts and rates,
//! form-level checks, declared tables, figures and limits, dates and deadlines, and the mail
//! plan for the files of an application. Each part computes its own piece of the Report and its
//! findings.
//!
//! Imports the layers below (finding, text, pack, read); knows nothing of how the pieces are
//! assembled into a Report, cached between keystrokes, or served.
//!
//! Owns: the rules' meaning. Must not know: the Report's order, the cache, or any front end.

pub(crate) mod answers_key;
pub(crate) mod cells;
pub(crate) mod change;
pub(crate) mod deadline;
pub(crate) mod env;
pub(crate) mod figures;
pub(crate) mod form_checks;
pub(crate) mod formula;
pub(crate) mod logic;
pub(crate) mod submission;
pub(crate) mod table;
pub(crate) mod template;
pub(crate) mod trace;
pub(crate) mod verdicts;
