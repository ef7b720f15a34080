//! Bilingual text: every message yoken shows exists in Japanese and English.

use serde::{Deserialize, Serialize};

/// A message in Japanese (`ja`) and English (`en`); both are always present.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// The Japanese text (shown first in the widget by default).
    pub ja: String,
    /// The English text.
    pub en: String,
}

impl Message {
    /// A message from its Japanese and English texts.
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            ja: ja.into(),
            en: en.into(),
        }
    }
}
