//! Shared text: an immutable string copied by reference count. Findings and messages are made
//! once, kept between evaluations of the same form (a session) and copied into every Report;
//! with shared text a copy costs a counter increment, not an allocation.
//!
//! Owns: cheap copies of text. Must not know: what the text says.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string that is cheap to copy; on the wire, a plain JSON string.
#[derive(Clone, Eq)]
pub struct SharedText(Arc<str>);

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        // Copies of one text (a cached finding and its copy in the next Report) share storage.
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl std::hash::Hash for SharedText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl Ord for SharedText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            std::cmp::Ordering::Equal
        } else {
            self.0.cmp(&other.0)
        }
    }
}

impl PartialOrd for SharedText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl SharedText {
    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text `write` writes, written into a buffer kept for the next one, so making it costs
    /// one allocation (the shared copy), not a growing `String` and then the copy.
    pub(crate) fn written(write: impl FnOnce(&mut String)) -> Self {
        thread_local! {
            static BUFFER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
        }
        BUFFER.with(|kept| {
            // Taken out while in use: a text written inside `write` gets a buffer of its own.
            let mut buffer = kept.take();
            buffer.clear();
            write(&mut buffer);
            let text = Self(Arc::from(buffer.as_str()));
            kept.set(buffer);
            text
        })
    }
}

impl Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for SharedText {
    fn from(s: &str) -> Self {
        Self(Arc::from(s))
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> Self {
        Self(Arc::from(s))
    }
}

impl From<&String> for SharedText {
    fn from(s: &String) -> Self {
        Self(Arc::from(s.as_str()))
    }
}

impl From<&SharedText> for SharedText {
    fn from(s: &SharedText) -> Self {
        s.clone()
    }
}

impl From<SharedText> for String {
    fn from(s: SharedText) -> Self {
        s.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        self == &*other.0
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == &*other.0
    }
}

impl Serialize for SharedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for SharedText {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
}

/// Two texts of a pack's item that every Report copies (an id and a clause, an id and a path):
/// made on first use, then shared.
#[derive(Debug, Clone, Default)]
pub(crate) struct SharedPair(std::sync::OnceLock<(SharedText, SharedText)>);

impl SharedPair {
    /// The pair, made from `first` and `second` the first time.
    pub(crate) fn get(&self, first: &str, second: &str) -> (SharedText, SharedText) {
        self.0
            .get_or_init(|| (SharedText::from(first), SharedText::from(second)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn is_a_plain_string_on_the_wire_and_compares_with_str() {
        let t = SharedText::from("第6 1");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"第6 1\"");
        let back: SharedText = serde_json::from_str("\"第6 1\"").unwrap();
        assert_eq!(back, t);
        let owned = String::from("第6 1");
        assert_eq!(t, "第6 1");
        assert_eq!("第6 1", t);
        assert_eq!(t, owned);
        let copy = t.clone();
        assert!(Arc::ptr_eq(&copy.0, &t.0));
        assert_eq!(format!("{t} {t:?}"), "第6 1 \"第6 1\"");
    }
}
