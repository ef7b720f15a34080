//! A form's JSON text → a JSON value, refusing what serde_json would silently settle: a key given
//! twice in one object (serde_json keeps the last). Numbers keep their written digits (serde_json's
//! `arbitrary_precision`), so `1e-400` stays `1e-400` — and is refused as an amount with its
//! reason — rather than becoming 0.
//!
//! Owns: the text → value step for forms. Must not know: what the keys mean.

use crate::finding::code::Code;
use crate::finding::error::Error;
use crate::finding::message::Message;
use core::fmt;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Value};

/// Why the text was refused.
enum Refusal {
    /// A key given twice, with the path of the object that holds it.
    Duplicate(String),
}

/// Reads a form's JSON bytes: text that is not UTF-8 is `form.not_json` naming the first byte
/// that is not, and the rest is [`form_text`].
pub(crate) fn form_value(bytes: &[u8]) -> Result<Value, Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => form_text(text),
        Err(e) => Err(not_utf8(&bytes[..e.valid_up_to()])),
    }
}

/// The refusal of bytes that stop being UTF-8 after `valid`, with the line and column (in bytes,
/// from 1, as serde_json counts them) of the first byte that is not.
#[cold]
fn not_utf8(valid: &[u8]) -> Error {
    let mut lines = valid.rsplit(|&b| b == b'\n');
    let column = 1 + lines.next().map_or(0, <[u8]>::len);
    let line = 1 + lines.count();
    let mut error = Error::new(
        Code::FormNotJson,
        Message::new(
            format!("フォームが JSON として読めません：UTF-8 の文字ではないバイトがあります（{line}行{column}列）。"),
            format!("The form is not valid JSON: a byte that is not UTF-8 text at line {line} column {column}."),
        ),
    );
    error.set_position(line, column);
    error
}

/// Reads a form's JSON text (already known to be UTF-8, so its strings are not checked again);
/// a syntax error is `form.not_json` (with its line and column), a repeated key
/// `form.duplicate_key` naming the key and where it stands.
pub(crate) fn form_text(text: &str) -> Result<Value, Error> {
    let mut refusal = None;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = Strict {
        at: Place::Root,
        refusal: &mut refusal,
    }
    .deserialize(&mut deserializer)
    .and_then(|v| deserializer.end().map(|()| v));
    match (parsed, refusal) {
        (Ok(v), _) => Ok(v),
        (Err(e), Some(Refusal::Duplicate(key))) => {
            let shown: String = key.chars().take(200).collect();
            let mut error = Error::new(
                Code::FormDuplicateKey,
                Message::new(
                    format!(
                        "フォームの「{shown}」が2回書かれています（{}行{}列）。どちらを読むか決められないため、1回だけにしてください。",
                        e.line(),
                        e.column()
                    ),
                    format!(
                        "The form gives \"{shown}\" twice (line {}, column {}); say it once, so it is clear which value counts.",
                        e.line(),
                        e.column()
                    ),
                ),
            );
            error.set_position(e.line(), e.column());
            Err(error)
        }
        (Err(e), None) => Err(Error::form_not_json(&e)),
    }
}

/// Where a value stands in the form, as the chain of steps from the root: the path is written
/// out only for a refusal, not for every value read.
#[derive(Clone, Copy)]
enum Place<'p> {
    /// The whole form.
    Root,
    /// A key of the object at the parent place.
    Key(&'p Place<'p>, &'p str),
    /// An index of the array at the parent place.
    Index(&'p Place<'p>, usize),
}

impl Place<'_> {
    /// The place as a form path (`rows[0].x`).
    fn path(&self) -> String {
        let mut path = String::new();
        self.write(&mut path);
        path
    }

    fn write(&self, out: &mut String) {
        match self {
            Place::Root => {}
            Place::Key(parent, key) => {
                parent.write(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Place::Index(parent, i) => {
                parent.write(out);
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
}

/// Deserializes one value at `at`, noting a repeated key in `refusal`.
struct Strict<'r> {
    at: Place<'r>,
    refusal: &'r mut Option<Refusal>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        // serde_json (with `arbitrary_precision`) hands a number over as a one-entry map under
        // its private key, holding the number's written digits. The map is searched once per
        // key (its entry), not once to refuse a repeated key and again to insert.
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if key == "$serde_json::private::Number" {
                let digits: String = access.next_value()?;
                let number = digits
                    .parse::<serde_json::Number>()
                    .map_err(de::Error::custom)?;
                return Ok(Value::Number(number));
            }
            match map.entry(key) {
                Entry::Occupied(entry) => {
                    *self.refusal =
                        Some(Refusal::Duplicate(Place::Key(&self.at, entry.key()).path()));
                    return Err(de::Error::custom("duplicate key"));
                }
                Entry::Vacant(entry) => {
                    let value = access.next_value_seed(Strict {
                        at: Place::Key(&self.at, entry.key()),
                        refusal: self.refusal,
                    })?;
                    entry.insert(value);
                }
            }
        }
        Ok(Value::Object(map))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = access.next_element_seed(Strict {
            at: Place::Index(&self.at, items.len()),
            refusal: self.refusal,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn bytes_that_are_not_utf8_are_refused_naming_where() {
        // Inside a string, on the second line: the line, and the column in bytes from 1.
        let e = form_value(b"{\"a\": 1,\n  \"b\": \"\xe6\x97\xa5\xff\"}").unwrap_err();
        assert_eq!(e.code(), Code::FormNotJson);
        assert_eq!(e.position(), Some((2, 12)));
        assert!(
            e.message()
                .en
                .contains("not UTF-8 text at line 2 column 12"),
            "{}",
            e.message().en
        );
        assert!(e.message().ja.contains("2行12列"), "{}", e.message().ja);
        // Outside a string, and a sequence cut short at the end.
        assert_eq!(form_value(b"\xc0{}").unwrap_err().position(), Some((1, 1)));
        assert_eq!(
            form_value(b"{\"a\": \"\xe6\x97").unwrap_err().position(),
            Some((1, 8))
        );
        // The same text as `&str` reads as the bytes do.
        assert_eq!(
            form_value("{\"名\": \"日本\"}".as_bytes()).unwrap(),
            form_text("{\"名\": \"日本\"}").unwrap()
        );
    }

    #[test]
    fn reads_json_and_refuses_a_repeated_key_naming_it() {
        let v = form_value(br#"{"a": {"b": [1, "x", null, true, 2.5, 1e-400]}}"#).unwrap();
        assert_eq!(v["a"]["b"][0], json!(1));
        // The written digits stay: no silent 0.
        assert_eq!(v["a"]["b"][5].to_string(), "1e-400");
        let e = form_value(b"{\"a\": {\"b\": 1,\n \"b\": 2}}").unwrap_err();
        assert_eq!(e.code(), Code::FormDuplicateKey);
        assert!(
            e.message().en.contains("\"a.b\" twice"),
            "{}",
            e.message().en
        );
        assert_eq!(e.position().map(|p| p.0), Some(2));
        let e = form_value(br#"{"rows": [{"x": 1, "x": 1}]}"#).unwrap_err();
        assert!(
            e.message().en.contains("\"rows[0].x\""),
            "{}",
            e.message().en
        );
        // The path is written out only for the refusal: nested arrays and objects, and the root.
        let e = form_value(br#"{"a": [{"b": [1, {"c": 1, "c": 2}]}]}"#).unwrap_err();
        assert!(
            e.message().en.contains("\"a[0].b[1].c\" twice"),
            "{}",
            e.message().en
        );
        let e = form_value(br#"{"x": 1, "x": 2}"#).unwrap_err();
        assert!(e.message().en.contains("\"x\" twice"), "{}", e.message().en);
        // A key written with an escape is the same key.
        let e = form_value(br#"{"ab": 1, "a\u0062": 2}"#).unwrap_err();
        assert!(
            e.message().en.contains("\"ab\" twice"),
            "{}",
            e.message().en
        );
        let v = form_value(br#"{"a\"b": {"\u00e9": 1}}"#).unwrap();
        assert_eq!(v, json!({"a\"b": {"é": 1}}));
        assert_eq!(form_value(b"{").unwrap_err().code(), Code::FormNotJson);
        assert_eq!(form_value(b"{} x").unwrap_err().code(), Code::FormNotJson);
    }
}
