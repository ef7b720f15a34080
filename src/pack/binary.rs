//! The byte format of a compiled pack's body: a small self-describing serde format. Every value
//! starts with a tag byte; a struct is a list of (field name, value) entries whose names are
//! numbers into a table of names written once. The entries come in the struct's declaration
//! order, and a reader's fields are a subsequence of the writer's (a build without `pack-json`
//! has fewer), so one pass over the entries matches each field by name, skips the ones the reader
//! lacks, and takes a field whose entry is not there (one the writer skipped as empty) as its
//! empty value; a field out of that order is refused, never read as empty. A struct is handed to
//! its visitor as a sequence in the reader's own field order, so a build that only reads compiled
//! packs carries none of serde's code for matching field names in text.
//!
//! Owns: the bytes of a value. Must not know: what a programme is.

use serde::de::{self, DeserializeSeed, Visitor};
use std::fmt;

/// `None`.
const NONE: u8 = 0;
/// `Some`, then the value.
const SOME: u8 = 1;
/// `false`.
const FALSE: u8 = 2;
/// `true`.
const TRUE: u8 = 3;
/// An unsigned integer (LEB128, up to 128 bits).
const UINT: u8 = 4;
/// A signed integer (zigzag LEB128, up to 128 bits).
const INT: u8 = 5;
/// A string: its byte length, then UTF-8.
const STR: u8 = 6;
/// A sequence: values, then [`END`].
const SEQ: u8 = 7;
/// A map: key and value pairs, then [`END`].
const MAP: u8 = 8;
/// A struct: (name number + 1, value) entries, then 0.
const STRUCT: u8 = 9;
/// `()` or a unit struct.
const UNIT: u8 = 10;
/// A unit variant: its name's number.
const UNIT_VARIANT: u8 = 11;
/// A variant with data: its name's number, then one value (a tuple variant's is a sequence, a
/// struct variant's a struct).
const VARIANT: u8 = 12;
/// Bytes: their length, then the bytes.
const BYTES: u8 = 13;
/// The end of a sequence or a map.
const END: u8 = 0xFF;

/// How deep values may nest before the bytes are refused (a damaged or hostile file must not
/// exhaust the stack).
const MAX_DEPTH: u32 = 256;

/// Why bytes could not be read or a value written.
#[derive(Debug)]
pub(crate) struct BinaryError(String);

impl fmt::Display for BinaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BinaryError {}

impl de::Error for BinaryError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        BinaryError(msg.to_string())
    }
}

#[cfg(feature = "pack-json")]
impl serde::ser::Error for BinaryError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        BinaryError(msg.to_string())
    }
}

/// A damage found at byte `at`.
fn damaged(at: usize, what: &str) -> BinaryError {
    BinaryError(format!("{what} at byte {at}"))
}

/// Reads a value of type `T` from `bytes` (as [`to_bytes`] wrote it), refusing trailing bytes.
pub(crate) fn from_bytes<'de, T: de::Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, BinaryError> {
    let mut reader = Reader {
        bytes,
        pos: 0,
        names: Vec::new(),
        absent: false,
        depth: 0,
    };
    let count = reader.length()?;
    for _ in 0..count {
        let name = reader.text()?;
        reader.names.push(name);
    }
    let value = T::deserialize(&mut reader)?;
    if reader.pos != bytes.len() {
        return Err(damaged(reader.pos, "bytes after the end"));
    }
    Ok(value)
}

/// The reading position over a compiled pack's body.
struct Reader<'de> {
    bytes: &'de [u8],
    pos: usize,
    /// The table of field and variant names.
    names: Vec<&'de str>,
    /// Whether the value being read is a field the writer left out (read as its empty value).
    absent: bool,
    depth: u32,
}

impl<'de> Reader<'de> {
    fn byte(&mut self) -> Result<u8, BinaryError> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or_else(|| damaged(self.pos, "unexpected end"))?;
        self.pos += 1;
        Ok(b)
    }

    fn peek(&self) -> Result<u8, BinaryError> {
        self.bytes
            .get(self.pos)
            .copied()
            .ok_or_else(|| damaged(self.pos, "unexpected end"))
    }

    fn wide(&mut self) -> Result<u128, BinaryError> {
        let mut value = 0u128;
        for shift in (0..128).step_by(7) {
            let b = self.byte()?;
            value |= u128::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(damaged(self.pos, "an integer too long"))
    }

    fn varint(&mut self) -> Result<u64, BinaryError> {
        let at = self.pos;
        u64::try_from(self.wide()?).map_err(|_| damaged(at, "an integer too large"))
    }

    /// A count or length, which cannot exceed the bytes left.
    fn length(&mut self) -> Result<usize, BinaryError> {
        let at = self.pos;
        let n = self.varint()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n <= self.bytes.len() - self.pos)
            .ok_or_else(|| damaged(at, "a length beyond the end"))
    }

    fn slice(&mut self) -> Result<&'de [u8], BinaryError> {
        let len = self.length()?;
        let s = &self.bytes[self.pos..self.pos + len];
        self.pos += len;
        Ok(s)
    }

    fn text(&mut self) -> Result<&'de str, BinaryError> {
        let at = self.pos;
        std::str::from_utf8(self.slice()?).map_err(|_| damaged(at, "text that is not UTF-8"))
    }

    /// The name numbered `n` in the table (`at`: where the number was read).
    fn named(&self, at: usize, n: u64) -> Result<&'de str, BinaryError> {
        usize::try_from(n)
            .ok()
            .and_then(|n| self.names.get(n).copied())
            .ok_or_else(|| damaged(at, "an unknown name"))
    }

    /// The name numbered by the next integer (a variant's).
    fn name(&mut self) -> Result<&'de str, BinaryError> {
        let at = self.pos;
        let n = self.varint()?;
        self.named(at, n)
    }

    /// The name of a struct's next entry (numbered from 1), `None` at the struct's end (0).
    fn entry(&mut self) -> Result<Option<&'de str>, BinaryError> {
        let at = self.pos;
        match self.varint()? {
            0 => Ok(None),
            n => self.named(at, n - 1).map(Some),
        }
    }

    fn expect(&mut self, tag: u8, what: &str) -> Result<(), BinaryError> {
        let at = self.pos;
        if self.byte()? == tag {
            Ok(())
        } else {
            Err(damaged(at, &format!("expected {what}")))
        }
    }

    fn deeper(&mut self) -> Result<(), BinaryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(damaged(self.pos, "values nested too deep"));
        }
        Ok(())
    }

    /// Passes over one value.
    fn skip(&mut self) -> Result<(), BinaryError> {
        self.deeper()?;
        match self.byte()? {
            NONE | FALSE | TRUE | UNIT => {}
            SOME => self.skip()?,
            UINT | INT => {
                self.wide()?;
            }
            UNIT_VARIANT => {
                self.name()?;
            }
            STR | BYTES => {
                self.slice()?;
            }
            SEQ => {
                while self.peek()? != END {
                    self.skip()?;
                }
                self.pos += 1;
            }
            MAP => {
                while self.peek()? != END {
                    self.skip()?;
                    self.skip()?;
                }
                self.pos += 1;
            }
            STRUCT => {
                while self.entry()?.is_some() {
                    self.skip()?;
                }
            }
            VARIANT => {
                self.name()?;
                self.skip()?;
            }
            _ => return Err(damaged(self.pos - 1, "an unknown tag")),
        }
        self.depth -= 1;
        Ok(())
    }

    fn unsigned(&mut self) -> Result<u128, BinaryError> {
        self.expect(UINT, "an unsigned integer")?;
        self.wide()
    }

    fn signed(&mut self) -> Result<i128, BinaryError> {
        let at = self.pos;
        match self.byte()? {
            #[allow(clippy::cast_possible_wrap)] // zigzag: the bits are the value
            INT => {
                let z = self.wide()?;
                Ok((z >> 1) as i128 ^ -((z & 1) as i128))
            }
            UINT => i128::try_from(self.wide()?).map_err(|_| damaged(at, "an integer too large")),
            _ => Err(damaged(at, "expected an integer")),
        }
    }
}

/// The items of a sequence or map (none when `ended` from the start: a left-out one).
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    ended: &'a mut bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = BinaryError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, BinaryError> {
        if *self.ended {
            return Ok(None);
        }
        if self.reader.peek()? == END {
            self.reader.pos += 1;
            *self.ended = true;
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = BinaryError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, BinaryError> {
        de::SeqAccess::next_element_seed(self, seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, BinaryError> {
        seed.deserialize(&mut *self.reader)
    }
}

/// A struct's fields in the reader's order, matched against its entries in one pass.
struct Fields<'a, 'de> {
    reader: &'a mut Reader<'de>,
    /// The reader's field names, in its order.
    order: &'static [&'static str],
    next: usize,
    /// Whether the struct's last entry has been read (or the struct was left out whole).
    ended: &'a mut bool,
}

impl Fields<'_, '_> {
    /// Moves to the value of the next field, or marks it left out (`absent`) when the writer
    /// skipped it; `false` after the last field. Entries of fields this build lacks are passed
    /// over. Not inlined: every field of every struct calls this one copy.
    #[inline(never)]
    fn advance(&mut self) -> Result<bool, BinaryError> {
        let Some(&want) = self.order.get(self.next) else {
            return Ok(false);
        };
        self.next += 1;
        self.reader.absent = !self.seek(want)?;
        Ok(true)
    }

    /// Moves to the value of the field `want` (the one before `next`); `false` when the writer
    /// left it out.
    fn seek(&mut self, want: &str) -> Result<bool, BinaryError> {
        while !*self.ended {
            let at = self.reader.pos;
            let Some(name) = self.reader.entry()? else {
                *self.ended = true;
                break;
            };
            if name == want {
                return Ok(true);
            }
            if self.order[self.next..].contains(&name) {
                // The entry of a later field: `want` was left out.
                self.reader.pos = at;
                return Ok(false);
            }
            self.reader.unknown(self.order, at, name)?;
        }
        Ok(false)
    }
}

impl Reader<'_> {
    /// Passes over the entry of a field this build lacks; one of `fields` here is out of order
    /// or written twice, which the writer never does.
    fn unknown(&mut self, fields: &[&str], at: usize, name: &str) -> Result<(), BinaryError> {
        if fields.contains(&name) {
            return Err(BinaryError(format!(
                "field `{name}` out of order or written twice at byte {at}"
            )));
        }
        self.skip()
    }

    /// Reads a struct's entries after the reader's last field up to the struct's end (none left
    /// when `ended`).
    fn struct_end(&mut self, fields: &[&str], ended: bool) -> Result<(), BinaryError> {
        if ended {
            return Ok(());
        }
        loop {
            let at = self.pos;
            let Some(name) = self.entry()? else {
                return Ok(());
            };
            self.unknown(fields, at, name)?;
        }
    }
}

impl<'de> de::SeqAccess<'de> for Fields<'_, 'de> {
    type Error = BinaryError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, BinaryError> {
        if !self.advance()? {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader);
        self.reader.absent = false;
        value.map(Some)
    }
}

/// A struct's entries by name, for a reader that does not know its fields (untagged or
/// flattened types).
struct Entries<'a, 'de> {
    reader: &'a mut Reader<'de>,
    ended: &'a mut bool,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = BinaryError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, BinaryError> {
        let Some(name) = self.reader.entry()? else {
            *self.ended = true;
            return Ok(None);
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, BinaryError> {
        seed.deserialize(&mut *self.reader)
    }
}

/// A variant with data, for a reader that does not know the enum: `{name: value}`.
struct OneEntry<'a, 'de> {
    reader: &'a mut Reader<'de>,
    name: Option<&'de str>,
}

impl<'de> de::MapAccess<'de> for OneEntry<'_, 'de> {
    type Error = BinaryError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, BinaryError> {
        match self.name.take() {
            Some(name) => seed
                .deserialize(de::value::BorrowedStrDeserializer::new(name))
                .map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, BinaryError> {
        seed.deserialize(&mut *self.reader)
    }
}

/// An enum's variant, chosen by its index among the reader's variants.
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
    index: u32,
    unit: bool,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = BinaryError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self), BinaryError> {
        let index = seed.deserialize(de::value::U32Deserializer::<BinaryError>::new(self.index))?;
        Ok((index, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = BinaryError;

    fn unit_variant(self) -> Result<(), BinaryError> {
        if self.unit {
            Ok(())
        } else {
            Err(damaged(
                self.reader.pos,
                "a variant with a value where none belongs",
            ))
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, BinaryError> {
        if self.unit {
            return Err(damaged(self.reader.pos, "a variant without its value"));
        }
        seed.deserialize(&mut *self.reader)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, BinaryError> {
        if self.unit {
            return Err(damaged(self.reader.pos, "a variant without its value"));
        }
        de::Deserializer::deserialize_tuple(&mut *self.reader, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, BinaryError> {
        if self.unit {
            return Err(damaged(self.reader.pos, "a variant without its value"));
        }
        de::Deserializer::deserialize_struct(&mut *self.reader, "", fields, visitor)
    }
}

impl<'de> Reader<'de> {
    /// A sequence or map's items handed to `visit`, the closing [`END`] read even when the
    /// visitor stops at a known length.
    fn items<T>(
        &mut self,
        tag: u8,
        what: &str,
        visit: impl FnOnce(Items<'_, 'de>) -> Result<T, BinaryError>,
    ) -> Result<T, BinaryError> {
        if self.absent {
            self.absent = false;
            let mut ended = true;
            return visit(Items {
                reader: self,
                ended: &mut ended,
            });
        }
        self.expect(tag, what)?;
        self.deeper()?;
        let mut ended = false;
        let value = visit(Items {
            reader: self,
            ended: &mut ended,
        })?;
        if !ended {
            self.expect(END, "the end of a list")?;
        }
        self.depth -= 1;
        Ok(value)
    }
}

/// A left-out field of a type that has no empty value.
fn missing(reader: &Reader<'_>) -> BinaryError {
    damaged(reader.pos, "a required field left out")
}

macro_rules! unsigned {
    ($($method:ident => $visit:ident: $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
            if self.absent {
                return visitor.$visit(0);
            }
            let at = self.pos;
            let n = self.unsigned()?;
            visitor.$visit(<$t>::try_from(n).map_err(|_| damaged(at, "an integer too large"))?)
        }
    )*};
}

macro_rules! signed {
    ($($method:ident => $visit:ident: $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
            if self.absent {
                return visitor.$visit(0);
            }
            let at = self.pos;
            let n = self.signed()?;
            visitor.$visit(<$t>::try_from(n).map_err(|_| damaged(at, "an integer too large"))?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = BinaryError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        if self.absent {
            return Err(missing(self));
        }
        match self.peek()? {
            NONE => {
                self.pos += 1;
                visitor.visit_none()
            }
            SOME => self.deserialize_option(visitor),
            FALSE | TRUE => self.deserialize_bool(visitor),
            UINT => {
                let n = self.unsigned()?;
                match u64::try_from(n) {
                    Ok(n) => visitor.visit_u64(n),
                    Err(_) => visitor.visit_u128(n),
                }
            }
            INT => {
                let n = self.signed()?;
                match i64::try_from(n) {
                    Ok(n) => visitor.visit_i64(n),
                    Err(_) => visitor.visit_i128(n),
                }
            }
            STR => self.deserialize_str(visitor),
            BYTES => self.deserialize_bytes(visitor),
            SEQ => self.deserialize_seq(visitor),
            MAP | STRUCT => self.deserialize_map(visitor),
            UNIT => {
                self.pos += 1;
                visitor.visit_unit()
            }
            UNIT_VARIANT => {
                self.pos += 1;
                let name = self.name()?;
                visitor.visit_borrowed_str(name)
            }
            VARIANT => {
                self.pos += 1;
                self.deeper()?;
                let name = self.name()?;
                let value = visitor.visit_map(OneEntry {
                    reader: self,
                    name: Some(name),
                })?;
                self.depth -= 1;
                Ok(value)
            }
            _ => Err(damaged(self.pos, "an unknown tag")),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        if self.absent {
            return visitor.visit_bool(false);
        }
        let at = self.pos;
        match self.byte()? {
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            _ => Err(damaged(at, "expected true or false")),
        }
    }

    unsigned!(deserialize_u8 => visit_u8: u8, deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32, deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128);
    signed!(deserialize_i8 => visit_i8: i8, deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32, deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128);

    fn deserialize_f32<V: Visitor<'de>>(self, _: V) -> Result<V::Value, BinaryError> {
        Err(damaged(self.pos, "a float (a pack has none)"))
    }

    fn deserialize_f64<V: Visitor<'de>>(self, _: V) -> Result<V::Value, BinaryError> {
        Err(damaged(self.pos, "a float (a pack has none)"))
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        if self.absent {
            return visitor.visit_borrowed_str("");
        }
        self.expect(STR, "text")?;
        let text = self.text()?;
        visitor.visit_borrowed_str(text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        if self.absent {
            return visitor.visit_borrowed_bytes(&[]);
        }
        self.expect(BYTES, "bytes")?;
        let bytes = self.slice()?;
        visitor.visit_borrowed_bytes(bytes)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        if self.absent {
            return visitor.visit_none();
        }
        let at = self.pos;
        match self.byte()? {
            NONE => visitor.visit_none(),
            SOME => {
                self.deeper()?;
                let value = visitor.visit_some(&mut *self)?;
                self.depth -= 1;
                Ok(value)
            }
            _ => Err(damaged(at, "expected an option")),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        if !self.absent {
            self.expect(UNIT, "a unit")?;
        }
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, BinaryError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, BinaryError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        self.items(SEQ, "a list", |items| visitor.visit_seq(items))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, BinaryError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, BinaryError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        if !self.absent && self.peek()? == STRUCT {
            self.pos += 1;
            self.deeper()?;
            let mut ended = false;
            let value = visitor.visit_map(Entries {
                reader: self,
                ended: &mut ended,
            })?;
            if !ended && self.varint()? != 0 {
                return Err(damaged(self.pos, "entries after the end of a struct"));
            }
            self.depth -= 1;
            return Ok(value);
        }
        self.items(MAP, "a map", |items| visitor.visit_map(items))
    }

    // Not inlined: inlined into each list's reader (with the visitor's `visit_seq` in it), the
    // module grew by ≈ 2 KB brotli.
    #[inline(never)]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, BinaryError> {
        if std::mem::take(&mut self.absent) {
            // Left out whole: every field takes its empty value.
            return visitor.visit_seq(Fields {
                reader: self,
                order: fields,
                next: 0,
                ended: &mut true,
            });
        }
        self.expect(STRUCT, "a struct")?;
        self.deeper()?;
        let mut ended = false;
        let value = visitor.visit_seq(Fields {
            reader: &mut *self,
            order: fields,
            next: 0,
            ended: &mut ended,
        })?;
        self.struct_end(fields, ended)?;
        self.depth -= 1;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, BinaryError> {
        if self.absent {
            return Err(missing(self));
        }
        let at = self.pos;
        let unit = match self.byte()? {
            UNIT_VARIANT => true,
            VARIANT => false,
            _ => return Err(damaged(at, "expected a variant")),
        };
        let name = self.name()?;
        let index = variants
            .iter()
            .position(|v| *v == name)
            .and_then(|i| u32::try_from(i).ok())
            .ok_or_else(|| BinaryError(format!("unknown variant `{name}` at byte {at}")))?;
        self.deeper()?;
        let value = visitor.visit_enum(Variant {
            reader: &mut *self,
            index,
            unit,
        })?;
        self.depth -= 1;
        Ok(value)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BinaryError> {
        if !self.absent {
            self.skip()?;
        }
        visitor.visit_unit()
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}

#[cfg(feature = "pack-json")]
pub(crate) use write::to_bytes;

/// The writer (`yoken pack build`).
#[cfg(feature = "pack-json")]
mod write {
    use super::{
        BinaryError, BYTES, END, FALSE, INT, MAP, NONE, SEQ, SOME, STR, STRUCT, TRUE, UINT, UNIT,
        UNIT_VARIANT, VARIANT,
    };
    use serde::ser::{self, Serialize};
    use std::collections::HashMap;

    /// Writes `value` as [`super::from_bytes`] reads it: the table of names, then the value.
    pub(crate) fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, BinaryError> {
        let mut writer = Writer::default();
        value.serialize(&mut writer)?;
        let mut out = Vec::with_capacity(writer.out.len() + 1024);
        varint(&mut out, writer.names.len() as u64);
        for name in &writer.names {
            varint(&mut out, name.len() as u64);
            out.extend_from_slice(name.as_bytes());
        }
        out.extend_from_slice(&writer.out);
        Ok(out)
    }

    fn varint(out: &mut Vec<u8>, n: u64) {
        wide(out, n.into());
    }

    #[allow(clippy::cast_possible_truncation)] // seven bits at a time
    fn wide(out: &mut Vec<u8>, mut n: u128) {
        while n >= 0x80 {
            out.push((n as u8 & 0x7F) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    #[derive(Default)]
    struct Writer {
        out: Vec<u8>,
        names: Vec<&'static str>,
        numbers: HashMap<&'static str, u64>,
    }

    impl Writer {
        fn name(&mut self, name: &'static str) -> u64 {
            let next = self.names.len() as u64;
            *self.numbers.entry(name).or_insert_with(|| {
                self.names.push(name);
                next
            })
        }

        fn tagged_varint(&mut self, tag: u8, n: u64) {
            self.out.push(tag);
            varint(&mut self.out, n);
        }

        fn bytes(&mut self, tag: u8, b: &[u8]) {
            self.tagged_varint(tag, b.len() as u64);
            self.out.extend_from_slice(b);
        }

        /// A variant's tag ([`UNIT_VARIANT`] or [`VARIANT`]) and its name's number.
        fn variant(&mut self, tag: u8, variant: &'static str) {
            let n = self.name(variant);
            self.tagged_varint(tag, n);
        }
    }

    fn floats() -> BinaryError {
        BinaryError("a float cannot be written (a pack has none)".to_owned())
    }

    /// A sequence, map or struct being written; `close` is what ends it.
    pub(crate) struct Compound<'a> {
        writer: &'a mut Writer,
        close: u8,
    }

    impl Compound<'_> {
        fn close(self) {
            self.writer.out.push(self.close);
        }
    }

    impl<'a> ser::Serializer for &'a mut Writer {
        type Ok = ();
        type Error = BinaryError;
        type SerializeSeq = Compound<'a>;
        type SerializeTuple = Compound<'a>;
        type SerializeTupleStruct = Compound<'a>;
        type SerializeTupleVariant = Compound<'a>;
        type SerializeMap = Compound<'a>;
        type SerializeStruct = Compound<'a>;
        type SerializeStructVariant = Compound<'a>;

        fn serialize_bool(self, v: bool) -> Result<(), BinaryError> {
            self.out.push(if v { TRUE } else { FALSE });
            Ok(())
        }
        fn serialize_i8(self, v: i8) -> Result<(), BinaryError> {
            self.serialize_i64(v.into())
        }
        fn serialize_i16(self, v: i16) -> Result<(), BinaryError> {
            self.serialize_i64(v.into())
        }
        fn serialize_i32(self, v: i32) -> Result<(), BinaryError> {
            self.serialize_i64(v.into())
        }
        fn serialize_i64(self, v: i64) -> Result<(), BinaryError> {
            self.serialize_i128(v.into())
        }
        #[allow(clippy::cast_sign_loss)] // zigzag: the bits are the value
        fn serialize_i128(self, v: i128) -> Result<(), BinaryError> {
            self.out.push(INT);
            wide(&mut self.out, ((v << 1) ^ (v >> 127)) as u128);
            Ok(())
        }
        fn serialize_u8(self, v: u8) -> Result<(), BinaryError> {
            self.serialize_u64(v.into())
        }
        fn serialize_u16(self, v: u16) -> Result<(), BinaryError> {
            self.serialize_u64(v.into())
        }
        fn serialize_u32(self, v: u32) -> Result<(), BinaryError> {
            self.serialize_u64(v.into())
        }
        fn serialize_u64(self, v: u64) -> Result<(), BinaryError> {
            self.serialize_u128(v.into())
        }
        fn serialize_u128(self, v: u128) -> Result<(), BinaryError> {
            self.out.push(UINT);
            wide(&mut self.out, v);
            Ok(())
        }
        fn serialize_f32(self, _: f32) -> Result<(), BinaryError> {
            Err(floats())
        }
        fn serialize_f64(self, _: f64) -> Result<(), BinaryError> {
            Err(floats())
        }
        fn serialize_char(self, v: char) -> Result<(), BinaryError> {
            self.serialize_str(v.encode_utf8(&mut [0; 4]))
        }
        fn serialize_str(self, v: &str) -> Result<(), BinaryError> {
            self.bytes(STR, v.as_bytes());
            Ok(())
        }
        fn serialize_bytes(self, v: &[u8]) -> Result<(), BinaryError> {
            self.bytes(BYTES, v);
            Ok(())
        }
        fn serialize_none(self) -> Result<(), BinaryError> {
            self.out.push(NONE);
            Ok(())
        }
        fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), BinaryError> {
            self.out.push(SOME);
            value.serialize(self)
        }
        fn serialize_unit(self) -> Result<(), BinaryError> {
            self.out.push(UNIT);
            Ok(())
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), BinaryError> {
            self.serialize_unit()
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<(), BinaryError> {
            self.variant(UNIT_VARIANT, variant);
            Ok(())
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &T,
        ) -> Result<(), BinaryError> {
            value.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
            value: &T,
        ) -> Result<(), BinaryError> {
            self.variant(VARIANT, variant);
            value.serialize(self)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, BinaryError> {
            self.out.push(SEQ);
            Ok(Compound {
                writer: self,
                close: END,
            })
        }
        fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, BinaryError> {
            self.serialize_seq(Some(len))
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            len: usize,
        ) -> Result<Compound<'a>, BinaryError> {
            self.serialize_seq(Some(len))
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
            len: usize,
        ) -> Result<Compound<'a>, BinaryError> {
            self.variant(VARIANT, variant);
            self.serialize_seq(Some(len))
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, BinaryError> {
            self.out.push(MAP);
            Ok(Compound {
                writer: self,
                close: END,
            })
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, BinaryError> {
            self.out.push(STRUCT);
            Ok(Compound {
                writer: self,
                close: 0,
            })
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
            len: usize,
        ) -> Result<Compound<'a>, BinaryError> {
            self.variant(VARIANT, variant);
            self.serialize_struct("", len)
        }
    }

    /// The four ways serde writes a list of values: each value, then the close.
    macro_rules! values {
        ($($trait:ident :: $method:ident),*) => {$(
            impl ser::$trait for Compound<'_> {
                type Ok = ();
                type Error = BinaryError;
                fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), BinaryError> {
                    v.serialize(&mut *self.writer)
                }
                fn end(self) -> Result<(), BinaryError> {
                    self.close();
                    Ok(())
                }
            }
        )*};
    }

    values!(
        SerializeSeq::serialize_element,
        SerializeTuple::serialize_element,
        SerializeTupleStruct::serialize_field,
        SerializeTupleVariant::serialize_field
    );

    impl ser::SerializeMap for Compound<'_> {
        type Ok = ();
        type Error = BinaryError;
        fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), BinaryError> {
            k.serialize(&mut *self.writer)
        }
        fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), BinaryError> {
            v.serialize(&mut *self.writer)
        }
        fn end(self) -> Result<(), BinaryError> {
            self.close();
            Ok(())
        }
    }

    impl ser::SerializeStruct for Compound<'_> {
        type Ok = ();
        type Error = BinaryError;
        fn serialize_field<T: Serialize + ?Sized>(
            &mut self,
            key: &'static str,
            v: &T,
        ) -> Result<(), BinaryError> {
            let n = self.writer.name(key);
            varint(&mut self.writer.out, n + 1);
            v.serialize(&mut *self.writer)
        }
        fn end(self) -> Result<(), BinaryError> {
            self.close();
            Ok(())
        }
    }

    impl ser::SerializeStructVariant for Compound<'_> {
        type Ok = ();
        type Error = BinaryError;
        fn serialize_field<T: Serialize + ?Sized>(
            &mut self,
            key: &'static str,
            v: &T,
        ) -> Result<(), BinaryError> {
            ser::SerializeStruct::serialize_field(self, key, v)
        }
        fn end(self) -> Result<(), BinaryError> {
            self.close();
            Ok(())
        }
    }
}

#[cfg(all(test, feature = "pack-json"))]
mod tests {
    use super::{from_bytes, to_bytes};
    use serde::{Deserialize, Serialize};

    /// What a native build writes: more fields than the module reads.
    #[derive(Serialize)]
    struct Written {
        name: String,
        only_native: Vec<Vec<u32>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        cap: Option<i64>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        rows: Vec<(u8, String)>,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        flag: bool,
        kind: Kind,
        wide: i128,
    }

    /// What the module reads: the writer's fields in its order, one of them lacking, one the
    /// writer skips when empty, one the writer lacks.
    #[derive(Deserialize, Debug, PartialEq)]
    struct Read {
        name: String,
        cap: Option<i64>,
        #[serde(default)]
        rows: Vec<(u8, String)>,
        flag: bool,
        kind: Kind,
        wide: i128,
        #[serde(default)]
        missing_in_writer: Vec<String>,
    }

    /// A reader whose fields are in another order than the writer's.
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)] // only read to be refused
    struct Reordered {
        wide: i128,
        name: String,
    }

    /// A writer that names a field twice (which derived code never does).
    #[derive(Serialize)]
    struct Twice {
        name: String,
        cap: Option<i64>,
        #[serde(rename = "name")]
        again: String,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    enum Kind {
        Plain,
        Rate(u32, u32),
        Named { id: String },
    }

    fn written(cap: Option<i64>, rows: Vec<(u8, String)>, kind: Kind) -> Written {
        Written {
            name: "補助金".into(),
            only_native: vec![vec![1, 2], vec![]],
            cap,
            rows,
            flag: false,
            kind,
            wide: -(1_i128 << 100),
        }
    }

    #[test]
    fn fields_are_matched_by_name_skipped_when_unknown_and_empty_when_left_out() {
        let bytes = to_bytes(&written(None, vec![], Kind::Plain)).unwrap();
        let read: Read = from_bytes(&bytes).unwrap();
        assert_eq!(
            read,
            Read {
                kind: Kind::Plain,
                rows: vec![],
                cap: None,
                name: "補助金".into(),
                flag: false,
                wide: -(1_i128 << 100),
                missing_in_writer: vec![],
            }
        );
        let rows = vec![(3, "a".to_owned()), (200, String::new())];
        for kind in [
            Kind::Rate(2, 3),
            Kind::Named { id: "x".into() },
            Kind::Plain,
        ] {
            let bytes = to_bytes(&written(Some(-5), rows.clone(), kind)).unwrap();
            let read: Read = from_bytes(&bytes).unwrap();
            assert_eq!(read.cap, Some(-5));
            assert_eq!(read.rows, rows);
        }
    }

    #[test]
    fn a_field_out_of_the_writers_order_is_refused_not_read_as_empty() {
        let bytes = to_bytes(&written(None, vec![], Kind::Plain)).unwrap();
        let e = from_bytes::<Reordered>(&bytes).unwrap_err().to_string();
        // `wide` would have been read as 0 had its entry not been seen after `name`.
        assert!(e.contains("field `wide` out of order"), "{e}");
        let bytes = to_bytes(&Twice {
            name: "a".into(),
            cap: None,
            again: "b".into(),
        })
        .unwrap();
        let e = from_bytes::<Read>(&bytes).unwrap_err().to_string();
        assert!(
            e.contains("field `name` out of order or written twice"),
            "{e}"
        );
    }

    #[test]
    fn a_reader_that_does_not_know_the_type_reads_it_as_json_would() {
        let value = serde_json::json!({"a": [1, -2, "三", null, true, {"b": {}}], "c": 12_345_678_901_234_u64});
        let bytes = to_bytes(&value).unwrap();
        assert_eq!(from_bytes::<serde_json::Value>(&bytes).unwrap(), value);
        let bytes = to_bytes(&written(Some(1), vec![], Kind::Named { id: "x".into() })).unwrap();
        let any: serde_json::Value = from_bytes(&bytes).unwrap();
        assert_eq!(any["kind"], serde_json::json!({"Named": {"id": "x"}}));
        assert_eq!(any["only_native"], serde_json::json!([[1, 2], []]));
    }

    #[test]
    fn damage_is_refused_never_a_panic() {
        let bytes = to_bytes(&written(Some(7), vec![(1, "x".into())], Kind::Rate(1, 2))).unwrap();
        for cut in 0..bytes.len() {
            assert!(from_bytes::<Read>(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for at in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0xFF;
            let _ = from_bytes::<Read>(&changed);
            let _ = from_bytes::<serde_json::Value>(&changed);
        }
        // Lists nested far deeper than any pack: refused, read or skipped, before the stack ends.
        let mut deep = vec![0];
        deep.extend(std::iter::repeat_n(super::SEQ, 100_000));
        let e = from_bytes::<serde_json::Value>(&deep).unwrap_err();
        assert!(e.to_string().contains("nested too deep"), "{e}");
        let mut deep = vec![1, 1, b'z', super::STRUCT, 1];
        deep.extend(std::iter::repeat_n(super::SEQ, 100_000));
        let e = from_bytes::<Read>(&deep).unwrap_err();
        assert!(e.to_string().contains("nested too deep"), "{e}");
        // A count beyond the bytes there are.
        assert!(from_bytes::<Read>(&[0xFF, 0xFF, 0x03]).is_err());
    }

    #[test]
    fn floats_are_not_written() {
        assert!(to_bytes(&1.5_f64).is_err());
    }
}
