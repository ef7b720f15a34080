//! JSON text read into a value by a reader of our own (RFC 8259, as strict as serde_json's
//! `from_str`: the same texts are read and refused, property-tested against it), and the bytes a
//! JSON string cannot hold as they are, looked for a word at a time (the Report's writer looks
//! for them too). Numbers keep their written digits (serde_json's `arbitrary_precision`), so
//! `1e-400` stays `1e-400` rather than becoming 0. A key given twice in one object is refused,
//! naming its path (serde_json keeps the last).
//!
//! serde_json's derived reader handed every key and value through a visitor and every number
//! through a one-entry map of its digits; reading the text directly into the value leaves its
//! parser out of the wasm module. A refusal says what is wrong in both languages, and where
//! (line and column in bytes, from 1).
//!
//! Owns: JSON text → value. Must not know: what the keys mean (forms, packs).

use crate::finding::message::Message;
use serde_json::map::Entry;
use serde_json::{Map, Number, Value};

/// A byte in each lane of a word.
pub(crate) const LANES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each lane.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each lane of `w` whose byte must be escaped (a control byte, `"` or `\\`),
/// and perhaps of lanes above such a byte: zero exactly when none must be.
pub(crate) fn escape_lanes(w: u64) -> u64 {
    let below_space = w.wrapping_sub(LANES * 0x20) & !w;
    let quote = w ^ (LANES * u64::from(b'"'));
    let backslash = w ^ (LANES * u64::from(b'\\'));
    let zero = |x: u64| x.wrapping_sub(LANES) & !x;
    (below_space | zero(quote) | zero(backslash)) & HIGH
}

/// Whether any of the eight bytes in `w` must be escaped (a control byte, `"` or `\\`): the
/// bytes a JSON string cannot hold as they are, which the form's reader looks for too.
pub(crate) fn needs_escape(w: u64) -> bool {
    escape_lanes(w) != 0
}

/// Eight bytes as one word (`bytes` is exactly eight long).
pub(crate) fn word(bytes: &[u8]) -> u64 {
    let mut lanes = [0u8; 8];
    lanes.copy_from_slice(bytes);
    u64::from_le_bytes(lanes)
}

/// How deep arrays and objects may nest (serde_json's recursion limit: 127 levels read, the
/// 128th refused), so that no text can exhaust the stack.
const DEPTH: usize = 128;

/// The line and column (in bytes, both from 1) of byte `at` of `bytes` (`at` may be the end).
pub(crate) fn line_and_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let start = memchr::memrchr(b'\n', before).map_or(0, |newline| newline + 1);
    let line = 1 + memchr::memchr_iter(b'\n', &before[..start]).count();
    (line, at - start + 1)
}

/// Reads a JSON text into a value; a refusal says what is wrong and where.
pub(crate) fn json_text(text: &str) -> Result<Value, JsonFault> {
    let mut reader = Reader { text, at: 0 };
    let read = reader.value(Place::Root, DEPTH).and_then(|value| {
        reader.skip_space();
        if reader.at < reader.text.len() {
            Err(Stop {
                fault: Fault::Trailing,
                at: reader.at,
            })
        } else {
            Ok(value)
        }
    });
    read.map_err(|stop| {
        let (line, column) = line_and_column(reader.text.as_bytes(), stop.at);
        JsonFault {
            fault: stop.fault,
            line,
            column,
        }
    })
}

/// What is wrong with a JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fault {
    /// The text ends inside a value.
    End,
    /// Something other than a value where one must be.
    NotAValue,
    /// No `:` after an object's key.
    NoColon,
    /// Neither `,` nor `}` after an object's entry.
    NoCommaOrBrace,
    /// Neither `,` nor `]` after an array's item.
    NoCommaOrBracket,
    /// An object's key that is not a string.
    KeyNotString,
    /// A `,` with nothing after it before the closing bracket.
    TrailingComma,
    /// More text after the value.
    Trailing,
    /// A control character (U+0000–U+001F) written as it is inside a string.
    Control,
    /// A `\` escape that JSON does not have.
    Escape,
    /// A `\u` escape that is not four hex digits, or a surrogate without its pair.
    Unicode,
    /// A number written as JSON does not write one (`01`, `1.`, `-`, `1e`).
    Number,
    /// Arrays and objects nested [`DEPTH`] deep.
    TooDeep,
    /// A key given twice in one object: the key's path.
    Duplicate(String),
}

/// Why a JSON text was refused, and where (line and column in bytes, from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonFault {
    /// What is wrong.
    pub(crate) fault: Fault,
    /// The line, from 1.
    pub(crate) line: usize,
    /// The column in bytes, from 1.
    pub(crate) column: usize,
}

impl JsonFault {
    /// What is wrong, in Japanese and in English (where it is: `line` and `column`).
    pub(crate) fn reason(&self) -> Message {
        let (ja, en) = match &self.fault {
            Fault::End => ("JSON が途中で終わっています", "the text ends before the JSON does"),
            Fault::NotAValue => (
                "値（文字列・数・true・false・null・{…}・[…]）がありません",
                "expected a value (a string, number, true, false, null, {…} or […])",
            ),
            Fault::NoColon => ("キーの後に「:」がありません", "expected `:` after a key"),
            Fault::NoCommaOrBrace => ("「,」か「}」がありません", "expected `,` or `}`"),
            Fault::NoCommaOrBracket => ("「,」か「]」がありません", "expected `,` or `]`"),
            Fault::KeyNotString => (
                "キーは文字列（\"…\"）で書いてください",
                "a key must be a string (\"…\")",
            ),
            Fault::TrailingComma => (
                "「,」の後に続きがありません",
                "a `,` is followed by no entry",
            ),
            Fault::Trailing => (
                "JSON の値の後に余分な文字があります",
                "there is more text after the JSON value",
            ),
            Fault::Control => (
                "文字列の中に制御文字（U+0000〜U+001F）がそのまま書かれています",
                "a control character (U+0000 to U+001F) is written as it is inside a string",
            ),
            Fault::Escape => (
                "文字列の中の「\\」の後が JSON のエスケープではありません",
                "a `\\` in a string starts no JSON escape",
            ),
            Fault::Unicode => (
                "文字列の中の「\\u」が4桁の16進数でないか、サロゲートの対になっていません",
                "a `\\u` escape in a string is not four hex digits, or a surrogate without its pair",
            ),
            Fault::Number => (
                "数の書き方が JSON の数ではありません",
                "a number is not written as JSON writes numbers",
            ),
            Fault::TooDeep => (
                "配列やオブジェクトの入れ子が深すぎます（127段まで）",
                "arrays and objects nest too deep (at most 127 levels)",
            ),
            Fault::Duplicate(key) => {
                let shown: String = key.chars().take(200).collect();
                return Message::new(
                    format!("「{shown}」が2回書かれています"),
                    format!("\"{shown}\" is given twice"),
                );
            }
        };
        Message::new(ja, en)
    }
}

/// A fault and the byte it was found at.
struct Stop {
    fault: Fault,
    at: usize,
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
                out.push_str(itoa::Buffer::new().format(*i));
                out.push(']');
            }
        }
    }
}

/// A cursor over the text.
struct Reader<'t> {
    text: &'t str,
    at: usize,
}

impl Reader<'_> {
    /// `fault` at the cursor.
    fn stop<T>(&self, fault: Fault) -> Result<T, Stop> {
        Err(Stop { fault, at: self.at })
    }

    /// The text ended, or `fault` at the cursor.
    fn stop_at<T>(&self, byte: Option<u8>, fault: Fault) -> Result<T, Stop> {
        self.stop(if byte.is_some() { fault } else { Fault::End })
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Skips JSON's whitespace (space, tab, line feed, carriage return).
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The value at the cursor (after whitespace), at `place`, with `depth` levels of nesting left.
    fn value(&mut self, place: Place<'_>, depth: usize) -> Result<Value, Stop> {
        self.skip_space();
        match self.peek() {
            Some(b'"') => {
                self.at += 1;
                self.string().map(Value::String)
            }
            Some(b'{') => self.object(place, depth),
            Some(b'[') => self.array(place, depth),
            Some(b't') => self.word(b"true", Value::Bool(true)),
            Some(b'f') => self.word(b"false", Value::Bool(false)),
            Some(b'n') => self.word(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            other => self.stop_at(other, Fault::NotAValue),
        }
    }

    /// `true`, `false` or `null`.
    fn word(&mut self, word: &[u8], value: Value) -> Result<Value, Stop> {
        for &expected in word {
            match self.peek() {
                Some(b) if b == expected => self.at += 1,
                other => return self.stop_at(other, Fault::NotAValue),
            }
        }
        Ok(value)
    }

    /// Skips the digits at the cursor; whether there was at least one.
    fn digits(&mut self) -> bool {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at > start
    }

    /// A number, kept as its written text: `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?
    fn number(&mut self) -> Result<Value, Stop> {
        let start = self.at;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return self.stop(Fault::Number);
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            other => return self.stop_at(other, Fault::Number),
        }
        let mut whole = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            whole = false;
            if !self.digits() {
                return self.stop_at(self.peek(), Fault::Number);
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            whole = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !self.digits() {
                return self.stop_at(self.peek(), Fault::Number);
            }
        }
        let text = &self.text[start..self.at];
        // A whole number that fits is written back by `itoa` exactly as it came (JSON has no
        // leading zeros or `+`), except `-0`; the rest keep their text through serde_json's own
        // reading of a number, which the grammar above has already checked.
        let fits = whole && !(negative && text == "-0");
        let number = if fits && !negative {
            text.parse::<u64>().ok().map(Number::from)
        } else if fits {
            text.parse::<i64>().ok().map(Number::from)
        } else {
            None
        };
        match number.or_else(|| text.parse::<Number>().ok()) {
            Some(n) => Ok(Value::Number(n)),
            None => Err(Stop {
                fault: Fault::Number,
                at: start,
            }),
        }
    }

    /// A string's contents and its closing quote (the cursor is just after the opening one).
    fn string(&mut self) -> Result<String, Stop> {
        let start = self.at;
        // Most strings have no escape: one scan, one copy. Whole words with no quote, backslash
        // or control byte are passed over, then bytes up to the one that ends the scan (within
        // the word that has it, or the text's last few bytes).
        while let Some(eight) = self.text.as_bytes().get(self.at..self.at + 8) {
            if needs_escape(word(eight)) {
                break;
            }
            self.at += 8;
        }
        while let Some(b) = self.peek() {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            self.at += 1;
        }
        match self.peek() {
            Some(b'"') => {
                let text = self.text[start..self.at].to_owned();
                self.at += 1;
                return Ok(text);
            }
            Some(b'\\') => {}
            Some(_) => return self.stop(Fault::Control),
            None => return self.stop(Fault::End),
        }
        let mut out = String::with_capacity(self.at - start + 16);
        out.push_str(&self.text[start..self.at]);
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(0..=0x1f) => return self.stop(Fault::Control),
                Some(_) => {
                    // The run up to the next quote, backslash or control byte (all ASCII, so the
                    // run ends on a character boundary).
                    let run = self.at;
                    while let Some(b) = self.peek() {
                        if b == b'"' || b == b'\\' || b < 0x20 {
                            break;
                        }
                        self.at += 1;
                    }
                    out.push_str(&self.text[run..self.at]);
                }
                None => return self.stop(Fault::End),
            }
        }
    }

    /// The escape after a `\` (the cursor is just after it).
    fn escape(&mut self, out: &mut String) -> Result<(), Stop> {
        let Some(b) = self.peek() else {
            return self.stop(Fault::End);
        };
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.at += 1;
                return self.unicode(out);
            }
            _ => return self.stop(Fault::Escape),
        };
        self.at += 1;
        out.push(c);
        Ok(())
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Result<u32, Stop> {
        let mut n = 0;
        for _ in 0..4 {
            let b = self.peek();
            let digit = b.and_then(|b| char::from(b).to_digit(16));
            match digit {
                Some(d) => n = n * 16 + d,
                None => return self.stop_at(b, Fault::Unicode),
            }
            self.at += 1;
        }
        Ok(n)
    }

    /// A `\u` escape (the cursor is after the `u`): a character, or a surrogate pair as two.
    fn unicode(&mut self, out: &mut String) -> Result<(), Stop> {
        let n = self.hex4()?;
        let code = match n {
            0xDC00..=0xDFFF => return self.stop(Fault::Unicode),
            0xD800..=0xDBFF => {
                for expected in [b'\\', b'u'] {
                    match self.peek() {
                        Some(b) if b == expected => self.at += 1,
                        other => return self.stop_at(other, Fault::Unicode),
                    }
                }
                let low = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return self.stop(Fault::Unicode);
                }
                0x1_0000 + ((n - 0xD800) << 10) + (low - 0xDC00)
            }
            _ => n,
        };
        match char::from_u32(code) {
            Some(c) => {
                out.push(c);
                Ok(())
            }
            None => self.stop(Fault::Unicode),
        }
    }

    /// One level deeper, or the refusal of nesting too deep (the cursor is at the bracket).
    fn deeper(&self, depth: usize) -> Result<usize, Stop> {
        match depth - 1 {
            0 => self.stop(Fault::TooDeep),
            left => Ok(left),
        }
    }

    /// An object (the cursor is at its `{`); a key given twice is refused at the key.
    fn object(&mut self, place: Place<'_>, depth: usize) -> Result<Value, Stop> {
        let depth = self.deeper(depth)?;
        self.at += 1;
        let mut map = Map::new();
        self.skip_space();
        match self.peek() {
            Some(b'}') => {
                self.at += 1;
                return Ok(Value::Object(map));
            }
            Some(b'"') => {}
            other => return self.stop_at(other, Fault::KeyNotString),
        }
        loop {
            let key_at = self.at;
            self.at += 1;
            let key = self.string()?;
            self.skip_space();
            match self.peek() {
                Some(b':') => self.at += 1,
                other => return self.stop_at(other, Fault::NoColon),
            }
            match map.entry(key) {
                Entry::Occupied(entry) => {
                    return Err(Stop {
                        fault: Fault::Duplicate(Place::Key(&place, entry.key()).path()),
                        at: key_at,
                    })
                }
                Entry::Vacant(entry) => {
                    let value = self.value(Place::Key(&place, entry.key()), depth)?;
                    entry.insert(value);
                }
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_space();
                    match self.peek() {
                        Some(b'"') => {}
                        Some(b'}') => return self.stop(Fault::TrailingComma),
                        other => return self.stop_at(other, Fault::KeyNotString),
                    }
                }
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(map));
                }
                other => return self.stop_at(other, Fault::NoCommaOrBrace),
            }
        }
    }

    /// An array (the cursor is at its `[`).
    fn array(&mut self, place: Place<'_>, depth: usize) -> Result<Value, Stop> {
        let depth = self.deeper(depth)?;
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            let item = self.value(Place::Index(&place, items.len()), depth)?;
            items.push(item);
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        return self.stop(Fault::TrailingComma);
                    }
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                other => return self.stop_at(other, Fault::NoCommaOrBracket),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// serde_json's reading of `text` (numbers kept as written), the reference this reader
    /// follows: the same texts read to the same values, the same texts refused.
    fn serde(text: &str) -> Option<Value> {
        serde_json::from_str::<Value>(text).ok()
    }

    /// Reads `text` both ways and checks they agree; a key given twice is ours alone to refuse.
    fn agrees(text: &str) {
        match (json_text(text), serde(text)) {
            (Ok(ours), Some(theirs)) => assert_eq!(ours, theirs, "{text:?}"),
            (Err(fault), Some(_)) => {
                assert!(
                    matches!(fault.fault, Fault::Duplicate(_)),
                    "{text:?}: {fault:?}"
                );
            }
            (Ok(ours), None) => panic!("{text:?} read as {ours} but serde_json refuses it"),
            (Err(fault), None) => {
                assert!(!matches!(fault.fault, Fault::Duplicate(_)), "{text:?}");
                // Where: inside the text, or just past its end.
                let lines = 1 + text.matches('\n').count();
                assert!(
                    fault.line <= lines && fault.column >= 1,
                    "{text:?}: {fault:?}"
                );
            }
        }
    }

    #[test]
    fn reads_and_refuses_what_serde_json_does() {
        let cases = [
            "",
            " ",
            "null",
            "true",
            "false",
            "tru",
            "nul",
            "truex",
            "0",
            "-0",
            "-",
            "01",
            "-01",
            "1.",
            "1.5",
            "1e",
            "1e+",
            "1E-5",
            "1e-400",
            "-1.50e+010",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "2.",
            ".5",
            "+1",
            "1 2",
            "\"a\"",
            "\"a",
            "\"\\\"",
            "\"\\u00e9\"",
            "\"\\u00\"",
            "\"\\uD83D\\uDE00\"",
            "\"\\uD83D\"",
            "\"\\uD83Dx\"",
            "\"\\uD83D\\n\"",
            "\"\\uDE00\"",
            "\"\\uD83D\\uD83D\"",
            "\"\\x\"",
            "\"\\/\\b\\f\\n\\r\\t\"",
            "\"\u{1}\"",
            "\"\u{7f}\"",
            "\"日本\\n語\"",
            "[]",
            "[",
            "[1",
            "[1,",
            "[1,]",
            "[,1]",
            "[1 2]",
            "[1]]",
            "{}",
            "{",
            "{\"a\"",
            "{\"a\":",
            "{\"a\":1",
            "{\"a\":1,",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{a:1}",
            "{1:1}",
            "{\"a\":1 \"b\":2}",
            "{\"a\":[{}]}",
            " \t\r\n{ \"a\" : [ 1 , 2 ] } \n",
            "{\"a\":1}x",
            "\u{feff}{}",
            "{\"a\":1,\"a\":2}",
            "nan",
            "[true,false,null]",
        ];
        for text in cases {
            agrees(text);
        }
        // Nesting: 127 levels are read, the 128th is refused (serde_json's limit), in arrays
        // and objects alike.
        for depth in [126, 127, 128, 129] {
            agrees(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
            agrees(&format!(
                "{}1{}",
                "{\"a\":".repeat(depth),
                "}".repeat(depth)
            ));
        }
        assert!(json_text(&"[".repeat(100_000)).is_err());
    }

    /// A JSON text built from `parts`, the pieces a form is made of and the ones that break it.
    #[cfg(not(target_arch = "wasm32"))]
    fn text_of(parts: &[usize]) -> String {
        const PIECES: [&str; 24] = [
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "\n",
            "\"a\"",
            "\"b\"",
            "\"名前\"",
            "\"1,234\"",
            "1",
            "-0",
            "2.50",
            "1e-400",
            "true",
            "null",
            "\"\\u00e9\"",
            "\"\\uD83D\\uDE00\"",
            "\"\\n\"",
            "0",
            "\"",
            "\\",
        ];
        parts.iter().map(|&i| PIECES[i % PIECES.len()]).collect()
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_of_json_pieces_is_read_as_serde_json_reads_it(
            parts in proptest::collection::vec(0usize..24, 0..24)
        ) {
            agrees(&text_of(&parts));
        }

        #[test]
        fn any_short_text_is_read_as_serde_json_reads_it(text in "[\\[\\]{}\",:0-9.eE+\\-a-z\\\\ ]{0,16}") {
            agrees(&text);
        }

        #[test]
        fn any_value_written_by_serde_json_reads_back(value in values()) {
            let text = serde_json::to_string_pretty(&value).unwrap();
            proptest::prop_assert_eq!(json_text(&text).ok(), Some(value));
        }
    }

    /// Values with distinct keys in each object, nested a few levels.
    #[cfg(not(target_arch = "wasm32"))]
    fn values() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "(0|[1-9][0-9]{0,2})\\.[0-9]{1,3}(e-?[0-9]{1,3})?"
                .prop_map(|t| Value::Number(t.parse().unwrap())),
            "\\PC{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("\\PC{0,6}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
