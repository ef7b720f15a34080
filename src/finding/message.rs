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

/// One of a message's two languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 日本語.
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    /// The language of a code (`ja`, `en`), as a query or an option names it.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The key of this language in a message object (`ja`, `en`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The text of `m` in this language.
    #[must_use]
    pub fn pick(self, m: &Message) -> &str {
        match self {
            Lang::Ja => &m.ja,
            Lang::En => &m.en,
        }
    }

    /// `ja` or `en`, whichever is this language's.
    #[must_use]
    pub fn text(self, ja: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// The other language.
    #[must_use]
    pub(crate) fn other(self) -> Self {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }
}
