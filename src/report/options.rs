//! What a caller wants in the Report: traces, the normalised form, its messages' languages.
//!
//! Owns: the options and their defaults (shells take `Options::default()`, never restate it). Must
//! not know: how they are passed in.

use crate::finding::message::Lang;

/// What a caller wants in the Report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Whether verdicts carry their trace trees (the "why"); on by default.
    pub trace: bool,
    /// Whether the Report carries the form's normalised form (`read::normalised`); off by
    /// default.
    pub normalise: bool,
    /// The one language the Report's JSON writes its messages in (every `{ja, en}` object keeps
    /// only that key); `None`, the default, writes both. Only the JSON changes: the [`crate::Report`]
    /// value always holds both. Since `yoken-report/2.2`.
    pub lang: Option<Lang>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            trace: true,
            normalise: false,
            lang: None,
        }
    }
}

impl Options {
    /// The default options with traces on or off.
    #[must_use]
    pub fn traced(trace: bool) -> Self {
        Self {
            trace,
            ..Self::default()
        }
    }
}
