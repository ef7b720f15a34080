//! The Report and the session's delta as compact JSON: byte for byte what `serde_json::to_string`
//! writes, but a string's bytes are scanned eight at a time for the few that need escaping.
//!
//! A Report is mostly Japanese text (three bytes a character, none escaped); serde_json looks up
//! each byte in a table, which was about a seventh of a whole validation natively (`perf`, the
//! half-filled form). Property-tested against serde_json.
//!
//! Owns: writing a serialisable value as compact JSON. Must not know: what the value is.

use crate::finding::message::Lang;
use crate::text::json_text::{escape_lanes, needs_escape, word, LANES};
use crate::text::shared_list::SHARED_LIST;
use serde::ser::{self, Serialize};
use std::fmt::{self, Display, Write as _};
use std::ops::Range;

/// Writes `value` as compact JSON (what `serde_json::to_string` would), into a buffer of
/// `capacity` bytes to begin with (a whole Report is 15–40 KB: grown from a small buffer, it was
/// copied five times over, 2.6 % of a served request's instructions).
pub(crate) fn to_json<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
) -> Result<String, JsonError> {
    to_json_in(value, capacity, None)
}

/// [`to_json`], with every [`crate::Message`] (`{"ja": …, "en": …}`) written in `lang` only when it is
/// given ([`crate::Options::lang`]).
pub(crate) fn to_json_in<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
    lang: Option<Lang>,
) -> Result<String, JsonError> {
    let mut out = Compact {
        out: String::with_capacity(capacity),
        written: Vec::new(),
        left_out: lang.map(|l| l.other().code()),
        swallow: false,
    };
    value.serialize(&mut out)?;
    Ok(out.out)
}

/// Why a value could not be written as JSON (a map key that is not text, or a serialiser's own
/// error). Its text is boxed so that every `Result<(), JsonError>` the writer passes on is one
/// word (with a `String`, the module was 0.4 KB larger, brotli; with a `Box<str>`, larger still).
#[derive(Debug)]
#[allow(clippy::box_collection)] // one word, not three: see above
pub(crate) struct JsonError(Box<String>);

impl Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

impl ser::Error for JsonError {
    fn custom<T: Display>(msg: T) -> Self {
        JsonError(Box::new(msg.to_string()))
    }
}

/// The name [`crate::Message`]'s derived `Serialize` gives its struct (a test holds the two together).
const MESSAGE: &str = "Message";

/// serde_json's name for a number kept as its text (feature `arbitrary_precision`).
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// Four bytes as the low half of a word (`bytes` is exactly four long).
fn half_word(bytes: &[u8]) -> u64 {
    let mut lanes = [0u8; 4];
    lanes.copy_from_slice(bytes);
    u64::from(u32::from_le_bytes(lanes))
}

/// Spaces (never escaped) in every lane, to pad a short string's word.
const SPACES: u64 = LANES * 0x20;

/// Whether any byte of `bytes` must be escaped, looked at a word at a time. A string shorter
/// than eight bytes is read as its first and last bytes (overlapping) in one word, padded with
/// spaces, in a fixed number of steps whatever its length (most strings of a Report are short: a
/// code, an outcome, a clause). A longer one is read 32 bytes at a time, four words and one test;
/// its tail is the last word (overlapping one already looked at).
fn any_escape(bytes: &[u8]) -> bool {
    let n = bytes.len();
    let w = match n {
        0 => return false,
        1 => u64::from(bytes[0]) | (SPACES << 8),
        2 | 3 => {
            let pair = |at: usize| u64::from(bytes[at]) | (u64::from(bytes[at + 1]) << 8);
            pair(0) | (pair(n - 2) << 16) | (SPACES << 32)
        }
        4..=7 => half_word(&bytes[..4]) | (half_word(&bytes[n - 4..]) << 32),
        _ => {
            let mut blocks = bytes.chunks_exact(32);
            for b in &mut blocks {
                let lanes = escape_lanes(word(&b[..8]))
                    | escape_lanes(word(&b[8..16]))
                    | escape_lanes(word(&b[16..24]))
                    | escape_lanes(word(&b[24..]));
                if lanes != 0 {
                    return true;
                }
            }
            let mut words = blocks.remainder().chunks_exact(8);
            if words.any(|eight| needs_escape(word(eight))) {
                return true;
            }
            return !words.remainder().is_empty() && needs_escape(word(&bytes[n - 8..]));
        }
    };
    needs_escape(w)
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it. Never inlined: every field of
/// every type writes its key through it, and one copy keeps the module small.
#[inline(never)]
fn write_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    if !any_escape(bytes) {
        // Almost every string: keys, Japanese text, amounts.
        out.push_str(s);
        out.push('"');
        return;
    }
    // Escapes are ASCII, so every split below falls between characters.
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        // Whole words without a byte to escape are passed over; the word that has one (or the
        // short tail) is looked at byte by byte.
        while let Some(eight) = bytes.get(i..i + 8) {
            if needs_escape(word(eight)) {
                break;
            }
            i += 8;
        }
        let stop = (i + 8).min(bytes.len());
        for (at, &b) in bytes.iter().enumerate().take(stop).skip(i) {
            let escape: &str = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            out.push_str(&s[start..at]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            } else {
                out.push_str(escape);
            }
            start = at + 1;
        }
        i = stop;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// `"name` and then `close` (the closing quote, with a key's colon) for a name of the written
/// types (a field's, a unit variant's), copied as it is: an identifier, or a `rename` of those
/// types, none of which needs escaping (checked in debug builds, which every test runs). The
/// caller reserves the room.
#[inline]
fn write_name(out: &mut String, name: &str, close: &str) {
    debug_assert!(
        !any_escape(name.as_bytes()),
        "a name that needs escaping: {name}"
    );
    out.push('"');
    out.push_str(name);
    out.push_str(close);
}

/// The writer.
struct Compact {
    out: String,
    /// The shared lists written so far ([`SHARED_LIST`]): each named by its first item's address
    /// and its length, with where its text lies in `out`.
    written: Vec<((usize, usize), Range<usize>)>,
    /// The key of the language a [`crate::Message`] is written without (`Options::lang`), if any.
    left_out: Option<&'static str>,
    /// Whether the next string is the text of a message's language left out, not written.
    swallow: bool,
}

impl Compact {
    /// A shared list ([`SHARED_LIST`]): its text copied when the same list (the same items, alive
    /// for the whole writing) was written before, else written and kept.
    fn shared<T: Serialize + ?Sized>(&mut self, list: &T) -> Result<(), JsonError> {
        let Err(ListName::Found(name)) = list.serialize(ListNamer) else {
            return list.serialize(self);
        };
        let start = self.out.len();
        if let Some((_, text)) = self.written.iter().find(|(n, _)| *n == name) {
            // (`String::extend_from_within` is newer than the oldest compiler the core builds on.)
            let copy = self.out[text.clone()].to_owned();
            self.out.push_str(&copy);
            return Ok(());
        }
        list.serialize(&mut *self)?;
        self.written.push((name, start..self.out.len()));
        Ok(())
    }

    /// An integer's digits, by `itoa` (through `write!` a count cost ≈ 210 instructions).
    fn integer(&mut self, v: impl itoa::Integer) {
        self.out.push_str(itoa::Buffer::new().format(v));
    }

    /// `{"variant":` and then `open`: a tuple or struct variant's contents, ended by `close`
    /// (which closes the outer brace too).
    fn variant(&mut self, variant: &str, open: &str, close: &'static str) -> Open<'_> {
        self.out.push('{');
        write_str(&mut self.out, variant);
        self.out.push(':');
        Open::new(self, open, close)
    }
}

/// An array, object or struct being written: whether an element was written yet, and for the
/// `{"variant": …}` forms whether a closing brace is owed.
struct Open<'a> {
    w: &'a mut Compact,
    first: bool,
    close: &'static str,
}

impl<'a> Open<'a> {
    fn new(w: &'a mut Compact, open: &str, close: &'static str) -> Self {
        w.out.push_str(open);
        Open {
            w,
            first: true,
            close,
        }
    }

    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        self.comma();
        value.serialize(&mut *self.w)
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        self.key(key);
        value.serialize(&mut *self.w)
    }

    /// `,"key":` for a field of a Rust type ([`write_name`]). Kept out of the generic code in
    /// the wasm module: one copy for every field of every type (natively, inlined: a call saved
    /// per field).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[allow(clippy::inline_always)] // measured: a call saved per field (see above)
    fn key(&mut self, key: &'static str) {
        let out = &mut self.w.out;
        out.reserve(key.len() + 4);
        if !self.first {
            out.push(',');
        }
        self.first = false;
        write_name(out, key, "\":");
    }

    fn end(self) {
        self.w.out.push_str(self.close);
    }
}

/// A struct: an object, or (`number`) a number kept as its text.
struct StructOut<'a> {
    open: Open<'a>,
    number: bool,
    /// A field not written: the language a [`crate::Message`] leaves out.
    skipped: Option<&'static str>,
}

impl StructOut<'_> {
    /// Before a field's value: its key, or for a number where its text starts. A message's
    /// language left out writes no key, and its text (a string: [`crate::SharedText`]) is
    /// swallowed by [`Compact::swallow`] — kept out of the generic code, as [`Open::key`] is.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[allow(clippy::inline_always)] // measured: a call saved per field (see above)
    fn begin(&mut self, key: &'static str) -> usize {
        if self.skipped == Some(key) {
            self.open.w.swallow = true;
        } else if !self.number {
            self.open.key(key);
        }
        self.open.w.out.len()
    }

    /// After a field's value: a number's text came as a JSON string (digits, sign, point,
    /// exponent: nothing escaped) and loses its quotes.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn end_field(&mut self, start: usize) -> Result<(), JsonError> {
        if self.number {
            self.unquote(start)
        } else {
            Ok(())
        }
    }

    /// A number's text, written as a JSON string from `start`, without its quotes (out of line
    /// natively, where [`StructOut::end_field`] is inlined into every field).
    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    fn unquote(&mut self, start: usize) -> Result<(), JsonError> {
        let out = &mut self.open.w.out;
        let text = &out[start..];
        if text.len() < 2 || !text.starts_with('"') || !text.ends_with('"') {
            return Err(refused("a number's text that is not a string"));
        }
        out.pop();
        out.remove(start);
        Ok(())
    }
}

/// Integers written through `$how`.
macro_rules! integers {
    ($how:ident: $($method:ident $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<(), JsonError> {
            self.$how(v);
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Compact {
    type Ok = ();
    type Error = JsonError;
    type SerializeSeq = Open<'a>;
    type SerializeTuple = Open<'a>;
    type SerializeTupleStruct = Open<'a>;
    type SerializeTupleVariant = Open<'a>;
    type SerializeMap = Open<'a>;
    type SerializeStruct = StructOut<'a>;
    type SerializeStructVariant = Open<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), JsonError> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    integers!(integer: serialize_i8 i8, serialize_i16 i16, serialize_i32 i32, serialize_i64 i64,
        serialize_i128 i128, serialize_u8 u8, serialize_u16 u16, serialize_u32 u32,
        serialize_u64 u64, serialize_u128 u128);
    fn serialize_f32(self, v: f32) -> Result<(), JsonError> {
        self.out.push_str(&float_text(v)?);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), JsonError> {
        self.out.push_str(&float_text(v)?);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), JsonError> {
        write_str(&mut self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), JsonError> {
        if self.swallow {
            self.swallow = false;
        } else {
            write_str(&mut self.out, v);
        }
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), JsonError> {
        let mut seq = Open::new(self, "[", "]");
        for b in v {
            seq.element(b)?;
        }
        seq.end();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), JsonError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), JsonError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), JsonError> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), JsonError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), JsonError> {
        // `pass`, `error`, `answer`: ≈ 150 in a traced Report, none scanned.
        if self.swallow {
            self.swallow = false;
        } else {
            self.out.reserve(variant.len() + 2);
            write_name(&mut self.out, variant, "\"");
        }
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        if name == SHARED_LIST {
            return self.shared(value);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        let mut object = Open::new(self, "{", "}");
        object.field(variant, value)?;
        object.end();
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Open<'a>, JsonError> {
        Ok(Open::new(self, "[", "]"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Open<'a>, JsonError> {
        Ok(Open::new(self, "[", "]"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Open<'a>, JsonError> {
        Ok(Open::new(self, "[", "]"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Open<'a>, JsonError> {
        Ok(self.variant(variant, "[", "]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Open<'a>, JsonError> {
        Ok(Open::new(self, "{", "}"))
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<StructOut<'a>, JsonError> {
        let number = name == NUMBER_TOKEN;
        let skipped = self.left_out.filter(|_| name == MESSAGE);
        let (open, close) = if number { ("", "") } else { ("{", "}") };
        Ok(StructOut {
            open: Open::new(self, open, close),
            number,
            skipped,
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Open<'a>, JsonError> {
        Ok(self.variant(variant, "{", "}}"))
    }
}

/// Arrays and tuples: elements one after another.
macro_rules! elements {
    ($($trait:ident::$method:ident),*) => {$(
        impl ser::$trait for Open<'_> {
            type Ok = ();
            type Error = JsonError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
                self.element(value)
            }
            fn end(self) -> Result<(), JsonError> {
                Open::end(self);
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Open<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), JsonError> {
        self.comma();
        key.serialize(MapKey(&mut self.w.out))?;
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), JsonError> {
        Open::end(self);
        Ok(())
    }
}

impl ser::SerializeStruct for StructOut<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        let start = self.begin(key);
        value.serialize(&mut *self.open.w)?;
        self.end_field(start)
    }
    fn end(self) -> Result<(), JsonError> {
        self.open.end();
        Ok(())
    }
}

impl ser::SerializeStructVariant for Open<'_> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), JsonError> {
        Open::end(self);
        Ok(())
    }
}

/// Refuses what cannot be written as a map key or a number's text.
fn refused(what: &str) -> JsonError {
    JsonError(Box::new(format!("{what} cannot be written here")))
}

/// A float as serde_json writes it (nothing yoken writes holds one; the same bytes all the same).
fn float_text<F: Serialize>(v: F) -> Result<String, JsonError> {
    serde_json::to_string(&v).map_err(|e| JsonError(Box::new(e.to_string())))
}

/// A map key: text, or a number or boolean written as text (as serde_json does).
struct MapKey<'a>(&'a mut String);

impl MapKey<'_> {
    fn quoted(self, v: impl Display) {
        let _ = write!(self.0, "\"{v}\"");
    }

    /// An integer key, quoted.
    fn integer(self, v: impl itoa::Integer) {
        self.0.push('"');
        self.0.push_str(itoa::Buffer::new().format(v));
        self.0.push('"');
    }

    fn float(self, finite: bool, text: Result<String, JsonError>) -> Result<(), JsonError> {
        if !finite {
            return Err(refused("a float that is not finite, as a key,"));
        }
        self.quoted(text?);
        Ok(())
    }
}

/// The refusals of [`MapKey`]: what serde_json does not take as a key.
macro_rules! not_a_key {
    ($($method:ident($($arg:ty),*) -> $out:ty),*) => {
        refusing!(refused("a key that is not text"); $($method($($arg),*) -> $out),*);
    };
}

/// Serializer methods that refuse with `$refusal`; after `value:`, those that take a value to
/// write (generic over it) after their arguments.
macro_rules! refusing {
    ($refusal:expr; value: $($method:ident($($arg:ty),*)),*) => {$(
        fn $method<T: Serialize + ?Sized>(self, $(_: $arg,)* _: &T) -> Result<(), Self::Error> {
            Err($refusal)
        }
    )*};
    ($refusal:expr; $($method:ident($($arg:ty),*) -> $out:ty),*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$out, Self::Error> {
            Err($refusal)
        }
    )*};
}

/// A serializer's types that write nothing: compound values other than lists are refused by
/// `serde`'s `Impossible`, a list is `$seq`.
macro_rules! refusing_types {
    ($error:ty, $seq:ty) => {
        type Ok = ();
        type Error = $error;
        type SerializeSeq = $seq;
        type SerializeTuple = ser::Impossible<(), $error>;
        type SerializeTupleStruct = ser::Impossible<(), $error>;
        type SerializeTupleVariant = ser::Impossible<(), $error>;
        type SerializeMap = ser::Impossible<(), $error>;
        type SerializeStruct = ser::Impossible<(), $error>;
        type SerializeStructVariant = ser::Impossible<(), $error>;
    };
}

impl ser::Serializer for MapKey<'_> {
    refusing_types!(JsonError, ser::Impossible<(), JsonError>);
    fn serialize_bool(self, v: bool) -> Result<(), JsonError> {
        self.0.push_str(if v { "\"true\"" } else { "\"false\"" });
        Ok(())
    }
    integers!(integer: serialize_i8 i8, serialize_i16 i16, serialize_i32 i32,
        serialize_i64 i64, serialize_i128 i128, serialize_u8 u8, serialize_u16 u16,
        serialize_u32 u32, serialize_u64 u64, serialize_u128 u128);
    fn serialize_f32(self, v: f32) -> Result<(), JsonError> {
        self.float(v.is_finite(), float_text(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), JsonError> {
        self.float(v.is_finite(), float_text(v))
    }
    fn serialize_char(self, v: char) -> Result<(), JsonError> {
        write_str(self.0, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), JsonError> {
        write_str(self.0, v);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _n: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<(), JsonError> {
        write_str(self.0, variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _n: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        value.serialize(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), JsonError> {
        value.serialize(self)
    }
    refusing!(refused("a key that is not text");
        value: serialize_newtype_variant(&'static str, u32, &'static str));
    not_a_key!(
        serialize_bytes(&[u8]) -> (),
        serialize_none() -> (),
        serialize_unit() -> (),
        serialize_unit_struct(&'static str) -> (),
        serialize_seq(Option<usize>) -> Self::SerializeSeq,
        serialize_tuple(usize) -> Self::SerializeTuple,
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct,
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant,
        serialize_map(Option<usize>) -> Self::SerializeMap,
        serialize_struct(&'static str, usize) -> Self::SerializeStruct,
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant
    );
}

/// What names a shared list while it is written: its first item's address and its length (the
/// items lie in the list, which stays alive and unchanged for the whole writing).
#[derive(Debug)]
enum ListName {
    /// The list's name, found at its first item (the list is not read further).
    Found((usize, usize)),
    /// Not a non-empty list.
    Not,
}

impl Display for ListName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a shared list")
    }
}

impl std::error::Error for ListName {}

impl ser::Error for ListName {
    fn custom<T: Display>(_msg: T) -> Self {
        ListName::Not
    }
}

/// Begins a shared list only to find its [`ListName`], given back as the error that stops it.
struct ListNamer;

/// The list [`ListNamer`] has begun: its length, until its first item.
struct ListNameSeq(usize);

impl ser::Serializer for ListNamer {
    refusing_types!(ListName, ListNameSeq);
    fn serialize_seq(self, len: Option<usize>) -> Result<ListNameSeq, ListName> {
        len.map(ListNameSeq).ok_or(ListName::Not)
    }
    // Everything but a list is not one.
    refusing!(ListName::Not; value: serialize_some(), serialize_newtype_struct(&'static str),
        serialize_newtype_variant(&'static str, u32, &'static str));
    refusing!(ListName::Not;
        serialize_bool(bool) -> (), serialize_i8(i8) -> (), serialize_i16(i16) -> (),
        serialize_i32(i32) -> (), serialize_i64(i64) -> (), serialize_i128(i128) -> (),
        serialize_u8(u8) -> (), serialize_u16(u16) -> (), serialize_u32(u32) -> (),
        serialize_u64(u64) -> (), serialize_u128(u128) -> (), serialize_f32(f32) -> (),
        serialize_f64(f64) -> (), serialize_char(char) -> (), serialize_str(&str) -> (),
        serialize_bytes(&[u8]) -> (),
        serialize_none() -> (),
        serialize_unit() -> (),
        serialize_unit_struct(&'static str) -> (),
        serialize_unit_variant(&'static str, u32, &'static str) -> (),
        serialize_tuple(usize) -> Self::SerializeTuple,
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct,
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant,
        serialize_map(Option<usize>) -> Self::SerializeMap,
        serialize_struct(&'static str, usize) -> Self::SerializeStruct,
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant
    );
}

impl ser::SerializeSeq for ListNameSeq {
    type Ok = ();
    type Error = ListName;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, item: &T) -> Result<(), ListName> {
        Err(ListName::Found((
            std::ptr::from_ref(item).cast::<()>().addr(),
            self.0,
        )))
    }
    fn end(self) -> Result<(), ListName> {
        Err(ListName::Not)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::message::Message;
    use serde::Serialize;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;
    use std::sync::Arc;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[derive(Serialize)]
    enum Shape {
        Unit,
        New(u8),
        Pair(i32, String),
        Named { a: Option<bool>, b: Vec<char> },
    }

    #[derive(Serialize)]
    struct Everything {
        shapes: Vec<Shape>,
        by_number: BTreeMap<u32, &'static str>,
        by_text: BTreeMap<String, Option<u8>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        value: Value,
        tuple: (i64, u64, i128),
        bytes: Bytes,
    }

    /// Bytes serialised as bytes (what `serde_bytes` would do), without the dependency.
    struct Bytes(Vec<u8>);

    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(&self.0)
        }
    }

    #[test]
    fn every_shape_is_written_as_serde_json_writes_it() {
        let v = Everything {
            shapes: vec![
                Shape::Unit,
                Shape::New(7),
                Shape::Pair(-3, "a\"b".to_owned()),
                Shape::Named {
                    a: None,
                    b: vec!['x', '\n', '要'],
                },
                Shape::Named {
                    a: Some(true),
                    b: vec![],
                },
            ],
            by_number: [(1, "一"), (20, "")].into_iter().collect(),
            by_text: [("k\u{1}".to_owned(), None)].into_iter().collect(),
            skipped: None,
            value: json!({"n": 12.5, "big": 123_456_789_012_345_678_u64, "a": [null, false, "\u{7f}"], "o": {}}),
            tuple: (i64::MIN, u64::MAX, i128::MIN),
            bytes: Bytes(vec![0, 255]),
        };
        assert_eq!(to_json(&v, 0).unwrap(), serde_json::to_string(&v).unwrap());
    }

    /// A map whose keys are of every kind serde_json writes as text.
    struct OddKeys(f64);

    impl Serialize for OddKeys {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(None)?;
            m.serialize_entry(&true, &1)?;
            m.serialize_entry(&i128::MIN, &2)?;
            m.serialize_entry(&u128::MAX, &3)?;
            m.serialize_entry(&self.0, &4)?;
            m.serialize_entry(&0.1f32, &5)?;
            m.serialize_entry(&Some("k"), &6)?;
            m.serialize_entry(&'c', &7)?;
            m.end()
        }
    }

    #[test]
    fn floats_and_keys_of_every_kind_are_written_as_serde_json_writes_them() {
        let values = (0.1f32, 1e300f64, -0.0f64, f64::NAN, f32::INFINITY);
        assert_eq!(
            to_json(&values, 0).unwrap(),
            serde_json::to_string(&values).unwrap()
        );
        let keys = OddKeys(1.5);
        assert_eq!(
            to_json(&keys, 0).unwrap(),
            serde_json::to_string(&keys).unwrap()
        );
        assert!(to_json(&OddKeys(f64::NAN), 0).is_err());
        assert!(serde_json::to_string(&OddKeys(f64::NAN)).is_err());
    }

    #[derive(Serialize)]
    struct Node {
        name: &'static str,
        #[serde(serialize_with = "crate::text::shared_list::shared")]
        children: Arc<[Node]>,
    }

    fn node(name: &'static str, children: &Arc<[Node]>) -> Node {
        Node {
            name,
            children: Arc::clone(children),
        }
    }

    #[test]
    fn shared_lists_met_again_are_written_as_serde_json_writes_them() {
        let leaves: Arc<[Node]> =
            vec![node("a", &Arc::from(vec![])), node("b", &Arc::from(vec![]))].into();
        let other: Arc<[Node]> = vec![node("a", &Arc::from(vec![]))].into();
        let empty: Arc<[Node]> = Arc::from(vec![]);
        // `leaves` under several parents, inside another shared list (`middle`) met twice
        // itself, beside a list of equal text that is another list, and an empty shared list.
        let middle: Arc<[Node]> =
            vec![node("m1", &leaves), node("m2", &other), node("m3", &empty)].into();
        let tree = vec![
            node("x", &middle),
            node("y", &leaves),
            node("z", &middle),
            node("w", &other),
            node("v", &empty),
            node("u", &leaves),
        ];
        assert_eq!(
            to_json(&tree, 0).unwrap(),
            serde_json::to_string(&tree).unwrap()
        );
        // Held once, each list is written as it comes.
        let alone = vec![node("x", &Arc::from(vec![node("y", &Arc::from(vec![]))]))];
        assert_eq!(
            to_json(&alone, 0).unwrap(),
            serde_json::to_string(&alone).unwrap()
        );
    }

    #[test]
    fn a_key_that_is_not_text_is_refused() {
        let m: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        assert!(to_json(&m, 0).is_err());
        assert!(serde_json::to_string(&m).is_err());
    }

    #[test]
    fn an_escape_at_any_place_of_a_string_of_any_length_is_found() {
        // The scan looks at blocks of four words, then whole words, the last word overlapping,
        // a short string as its overlapping first and last bytes: one byte to escape at each
        // place of strings around those sizes (past two blocks), among clean bytes of one and
        // three bytes.
        for clean in ["a", "言"] {
            for len in 0..=72 {
                for at in 0..len {
                    for escaped in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
                        let s: String = (0..len)
                            .map(|i| {
                                if i == at {
                                    escaped.to_string()
                                } else {
                                    clean.to_owned()
                                }
                            })
                            .collect();
                        assert_eq!(
                            to_json(&s, 0).unwrap(),
                            serde_json::to_string(&s).unwrap(),
                            "{s:?}"
                        );
                    }
                }
                let s = clean.repeat(len);
                assert_eq!(to_json(&s, 0).unwrap(), serde_json::to_string(&s).unwrap());
            }
        }
    }

    #[test]
    fn a_message_is_written_in_the_one_language_asked_for_and_nothing_else_changes() {
        #[derive(Serialize)]
        struct Finding {
            message: Message,
            // Another struct whose fields are named ja and en is not a message.
            pair: Pair,
            list: Vec<Message>,
        }
        #[derive(Serialize)]
        struct Pair {
            ja: u8,
            en: u8,
        }
        let m = || Message::new("金額を入力してください。", "Enter \"an amount\".");
        let value = Finding {
            message: m(),
            pair: Pair { ja: 1, en: 2 },
            list: vec![m(), m()],
        };
        let both = serde_json::to_string(&value).unwrap();
        assert_eq!(to_json_in(&value, 0, None).unwrap(), both);
        let ja = r#"{"message":{"ja":"金額を入力してください。"},"pair":{"ja":1,"en":2},"list":[{"ja":"金額を入力してください。"},{"ja":"金額を入力してください。"}]}"#;
        assert_eq!(to_json_in(&value, 0, Some(Lang::Ja)).unwrap(), ja);
        let en = r#"{"message":{"en":"Enter \"an amount\"."},"pair":{"ja":1,"en":2},"list":[{"en":"Enter \"an amount\"."},{"en":"Enter \"an amount\"."}]}"#;
        assert_eq!(to_json_in(&value, 0, Some(Lang::En)).unwrap(), en);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_is_escaped_as_serde_json_escapes_it(s in "(\\PC|[\\x00-\\x1f\"\\\\\\x7f]){0,40}") {
            proptest::prop_assert_eq!(to_json(&s, 0).unwrap(), serde_json::to_string(&s).unwrap());
            let key: BTreeMap<&str, &str> = [(s.as_str(), s.as_str())].into_iter().collect();
            proptest::prop_assert_eq!(to_json(&key, 0).unwrap(), serde_json::to_string(&key).unwrap());
        }

        #[test]
        fn any_integer_is_written_as_serde_json_writes_it(a: i64, b: u64, c: i128, d: u8, e: i16) {
            let values = (a, b, c, d, e);
            proptest::prop_assert_eq!(to_json(&values, 0).unwrap(), serde_json::to_string(&values).unwrap());
            let keys: BTreeMap<i64, u64> = [(a, b)].into_iter().collect();
            proptest::prop_assert_eq!(to_json(&keys, 0).unwrap(), serde_json::to_string(&keys).unwrap());
            let keys: BTreeMap<i128, i16> = [(c, e)].into_iter().collect();
            proptest::prop_assert_eq!(to_json(&keys, 0).unwrap(), serde_json::to_string(&keys).unwrap());
        }
    }
}
