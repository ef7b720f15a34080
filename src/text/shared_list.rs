//! A shared list (`Arc<[T]>`) as it is serialised: its items, as any serialiser writes a list,
//! marked for the Report's writer when other owners hold the same list, so that a list met twice
//! in one Report (a fact's tree under every requirement that cites it) is written once and its
//! text copied after.
//!
//! A list is named by where its items lie, so a writer may keep a list's text by that name only
//! while the value it writes is borrowed: every list reached from it then stays alive and
//! unchanged (an `Arc<[T]>` cannot be changed in place while shared), and no two of them share an
//! address.
//!
//! Owns: the mark. Must not know: how a writer keeps what it wrote (that is `report::compact`).

use serde::ser::{Serialize, SerializeSeq, Serializer};
use std::sync::Arc;

/// The name of the newtype a shared list reaches a serialiser as. A serialiser that does not
/// know it writes the newtype's content, the list itself (as serde_json does).
pub(crate) const SHARED_LIST: &str = "$yoken::private::SharedList";

/// Serialises `items` as a list (the same output as `Arc<[T]>`'s own `Serialize`), marked with
/// [`SHARED_LIST`] when another owner holds it (only then can it appear twice).
pub(crate) fn shared<T: Serialize, S: Serializer>(
    items: &Arc<[T]>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if Arc::strong_count(items) > 1 && !items.is_empty() {
        serializer.serialize_newtype_struct(SHARED_LIST, &Items(items))
    } else {
        Items(items).serialize(serializer)
    }
}

/// A list's items, each handed to the serialiser by reference to where it lies in the list, so
/// that the first one's address names the list while it is being written.
struct Items<'a, T>(&'a [T]);

impl<T: Serialize> Serialize for Items<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(item)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::shared;
    use serde::Serialize;
    use std::sync::Arc;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[derive(Serialize)]
    struct Holder {
        #[serde(serialize_with = "shared")]
        items: Arc<[Vec<u8>]>,
    }

    #[test]
    fn a_shared_list_is_written_as_a_list_by_any_serialiser() {
        let items: Arc<[Vec<u8>]> = vec![vec![1], vec![], vec![2, 3]].into();
        let alone = Holder {
            items: Arc::clone(&items),
        };
        let expected = serde_json::json!({"items": [[1], [], [2, 3]]});
        // Held once (`alone` after `items` is dropped) and held twice: the same JSON.
        assert_eq!(serde_json::to_value(&alone).unwrap(), expected);
        drop(items);
        assert_eq!(serde_json::to_value(&alone).unwrap(), expected);
        let empty = Holder {
            items: Arc::from(Vec::new()),
        };
        assert_eq!(serde_json::to_string(&empty).unwrap(), r#"{"items":[]}"#);
    }
}
