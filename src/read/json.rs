//! A form's JSON text → a JSON value (`text::json_text` reads it), with a form's refusals:
//! `form.not_json` for bytes that are not UTF-8 or text that is not JSON, `form.duplicate_key` for a
//! key given twice in one object, each naming where.
//!
//! Owns: the text → value step for forms. Must not know: what the keys mean.

use crate::finding::code::Code;
use crate::finding::error::Error;
use crate::finding::message::Message;
use crate::text::json_text::{json_text, line_and_column, Fault, JsonFault};
use serde_json::Value;

/// Reads a form's JSON bytes: text that is not UTF-8 is `form.not_json` naming the first byte
/// that is not, and the rest is [`form_text`].
pub(crate) fn form_value(bytes: &[u8]) -> Result<Value, Error> {
    match std::str::from_utf8(bytes) {
        Ok(text) => form_text(text),
        Err(e) => Err(not_utf8(&bytes[..e.valid_up_to()])),
    }
}

/// The refusal of bytes that stop being UTF-8 after `valid`, with the line and column (in bytes,
/// from 1) of the first byte that is not.
#[cold]
fn not_utf8(valid: &[u8]) -> Error {
    let (line, column) = line_and_column(valid, valid.len());
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
    json_text(text).map_err(|fault| form_refusal(&fault))
}

/// The refusal of a form: `form.duplicate_key` for a repeated key, else `form.not_json`.
#[cold]
fn form_refusal(fault: &JsonFault) -> Error {
    let (line, column) = (fault.line, fault.column);
    let mut error = if let Fault::Duplicate(key) = &fault.fault {
        let shown: String = key.chars().take(200).collect();
        Error::new(
            Code::FormDuplicateKey,
            Message::new(
                format!("フォームの「{shown}」が2回書かれています（{line}行{column}列）。どちらを読むか決められないため、1回だけにしてください。"),
                format!("The form gives \"{shown}\" twice (line {line}, column {column}); say it once, so it is clear which value counts."),
            ),
        )
    } else {
        let reason = fault.reason();
        Error::new(
            Code::FormNotJson,
            Message::new(
                format!(
                    "フォームが JSON として読めません：{}（{line}行{column}列）。",
                    reason.ja
                ),
                format!(
                    "The form is not valid JSON: {} at line {line} column {column}.",
                    reason.en
                ),
            ),
        )
    };
    error.set_position(line, column);
    error
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

    #[test]
    fn a_refusal_says_what_and_where_in_both_languages() {
        let e = form_value(b"{\n  \"a\": [1,\n").unwrap_err();
        assert_eq!(e.code(), Code::FormNotJson);
        assert_eq!(e.position(), Some((3, 1)));
        assert!(
            e.message().ja.contains("途中で終わって"),
            "{}",
            e.message().ja
        );
        assert!(e.message().en.contains("ends before"), "{}", e.message().en);
        let e = form_value(b"{\"a\": 1,\n \"b\" 2}").unwrap_err();
        assert_eq!(e.position(), Some((2, 6)));
        assert!(e.message().ja.contains("「:」"), "{}", e.message().ja);
        assert!(
            e.message().en.contains("at line 2 column 6"),
            "{}",
            e.message().en
        );
        let e = form_value("{\"名前\": \"\u{1}\"}".as_bytes()).unwrap_err();
        assert_eq!(e.position(), Some((1, 13)));
        assert!(e.message().ja.contains("制御文字"), "{}", e.message().ja);
    }
}
