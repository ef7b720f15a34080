//! Bilingual text: every message yoken shows exists in Japanese and English.
//!
//! Owns: the pair of texts. Must not know: anything else.

use super::shared_text::SharedText;
use serde::{Deserialize, Serialize};

/// A message in Japanese (`ja`) and English (`en`); both are always present.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// The Japanese text (shown first in the widget by default).
    pub ja: SharedText,
    /// The English text.
    pub en: SharedText,
}

impl Message {
    /// A message from its Japanese and English texts.
    pub fn new(ja: impl Into<SharedText>, en: impl Into<SharedText>) -> Self {
        Self {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// A message each of whose texts `write` writes (`ja`: which one), without a `String` of its
    /// own ([`SharedText::written`]).
    pub(crate) fn written(write: impl Fn(&mut String, bool)) -> Self {
        Self {
            ja: SharedText::written(|out| write(out, true)),
            en: SharedText::written(|out| write(out, false)),
        }
    }
}
