//! What a caller wants in the Report: traces, the normalised form.
//!
//! Owns: the options and their defaults (shells take `Options::default()`, never restate it). Must
//! not know: how they are passed in.

/// What a caller wants in the Report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Whether verdicts carry their trace trees (the "why"); on by default.
    pub trace: bool,
    /// Whether the Report carries the form's normalised form (`read::normalised`); off by
    /// default.
    pub normalise: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            trace: true,
            normalise: false,
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
