//! The rules receipt a workbook carries: which pack (id, issue, content hash) and which engine
//! filled it. Owns: the property names. Must not know: how they are stored in the file.

use yoken::{Message, Report};

/// Which rules a file was made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The programme's id.
    pub programme: String,
    /// The pack's content hash.
    pub hash: String,
    /// The engine (`yoken 0.1.0`).
    pub engine: String,
    /// The source's issue (the pack's version as its text states it), when the pack says.
    pub issued: Option<String>,
}

/// The custom document properties, by name.
pub(crate) const PROGRAMME: &str = "yoken-programme";
/// See [`PROGRAMME`].
pub(crate) const HASH: &str = "yoken-hash";
/// See [`PROGRAMME`].
pub(crate) const ENGINE: &str = "yoken-engine";
/// See [`PROGRAMME`].
pub(crate) const ISSUED: &str = "yoken-issued";

impl Receipt {
    /// The receipt of the rules that made a Report.
    #[must_use]
    pub fn of(report: &Report) -> Self {
        Self {
            programme: report.programme.id.clone(),
            hash: report.programme.hash.clone(),
            engine: report.programme.engine.clone(),
            issued: report.programme.issued.clone(),
        }
    }

    /// What a file made with `self` says when checked with the rules of `now`: nothing when
    /// they are the same rules, else a note naming both.
    #[must_use]
    pub fn differs_from(&self, file: &str, now: &Receipt) -> Option<Message> {
        if self.programme == now.programme && self.hash == now.hash {
            return None;
        }
        Some(Message::new(
            format!(
                "「{file}」は別の版のルール（{} {}、{}）で作られました。今のルール（{} {}、{}）で確認しています。",
                self.programme, self.hash, self.engine, now.programme, now.hash, now.engine
            ),
            format!(
                "\"{file}\" was made with other rules ({} {}, {}); it is checked with the current ones ({} {}, {})",
                self.programme, self.hash, self.engine, now.programme, now.hash, now.engine
            ),
        ))
    }
}
