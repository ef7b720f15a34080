//! The byte format of a compiled pack's body: a small self-describing format, written through
//! serde (`yoken pack build`) and read by a cursor that [`super::decode`]'s hand-written readers
//! drive (serde's derived readers, monomorphised for this format, were a quarter of the wasm
//! module's code). Every value starts with a tag byte; a struct is a list of (field name, value)
//! entries whose names are numbers into a table of names written once. The entries come in the
//! struct's declaration order, and a reader's fields are a subsequence of the writer's (a build
//! without `pack-json` has fewer), so one pass over the entries matches each field by name,
//! skips the ones the reader lacks, and takes a field whose entry is not there (one the writer
//! skipped as empty) as its empty value; a field out of that order is refused, never read as
//! empty.
//!
//! Owns: the bytes of a value. Must not know: what a programme is.

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
pub(crate) const SEQ: u8 = 7;
/// A map: key and value pairs, then [`END`].
const MAP: u8 = 8;
/// A struct: (name number + 1, value) entries, then 0.
pub(crate) const STRUCT: u8 = 9;
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

/// The field serde_json writes a number as (with `arbitrary_precision`).
const NUMBER: &str = "$serde_json::private::Number";

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

/// That the bytes are damaged; the reader keeps what and where ([`Reader::damage`]). A reader's
/// steps return this empty mark, not the error itself: every step's `Result` is then a word, and
/// the many readers that pass it on carry no error's text to move or drop (the readers' code was
/// a third larger when they did).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Damaged;

/// The reading position over a compiled pack's body.
pub(crate) struct Reader<'de> {
    bytes: &'de [u8],
    pos: usize,
    /// The table of field and variant names.
    names: Vec<&'de str>,
    depth: u32,
    /// The first damage found.
    damage: Option<BinaryError>,
}

/// A struct being read: its reader's field names in order, matched against the entries in one
/// pass ([`Reader::next_field`]).
pub(crate) struct Fields {
    /// The reader's field names, in its order.
    order: &'static [&'static str],
    next: usize,
    /// Whether the struct's last entry has been read (or the struct was left out whole).
    ended: bool,
    /// Whether the struct was left out whole (then no bytes belong to it).
    left_out: bool,
}

impl<'de> Reader<'de> {
    /// A reader at the start of `bytes`'s value, past their table of names.
    pub(crate) fn new(bytes: &'de [u8]) -> Result<Self, BinaryError> {
        let mut reader = Reader {
            bytes,
            pos: 0,
            names: Vec::new(),
            depth: 0,
            damage: None,
        };
        match reader.names() {
            Ok(()) => Ok(reader),
            Err(Damaged) => Err(reader.damage()),
        }
    }

    /// Reads the table of names.
    fn names(&mut self) -> Result<(), Damaged> {
        let count = self.length()?;
        for _ in 0..count {
            let name = self.text()?;
            self.names.push(name);
        }
        Ok(())
    }

    /// What the damage was and where (taken once a step has returned [`Damaged`]).
    pub(crate) fn damage(&mut self) -> BinaryError {
        self.damage
            .take()
            .unwrap_or_else(|| damaged(self.pos, "damaged bytes"))
    }

    /// Records a damage found at byte `at` (the first one found is kept).
    #[cold]
    #[inline(never)]
    fn fail(&mut self, at: usize, what: &'static str) -> Damaged {
        self.fail_with(damaged(at, what))
    }

    /// Records `error` (the first one found is kept).
    #[cold]
    #[inline(never)]
    fn fail_with(&mut self, error: BinaryError) -> Damaged {
        self.damage.get_or_insert(error);
        Damaged
    }

    /// Refuses bytes after the value read.
    pub(crate) fn finish(&mut self) -> Result<(), Damaged> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(self.fail(self.pos, "bytes after the end"))
        }
    }

    fn byte(&mut self) -> Result<u8, Damaged> {
        let b = self.peek()?;
        self.pos += 1;
        Ok(b)
    }

    fn peek(&mut self) -> Result<u8, Damaged> {
        match self.bytes.get(self.pos) {
            Some(&b) => Ok(b),
            None => Err(self.fail(self.pos, "unexpected end")),
        }
    }

    fn wide(&mut self) -> Result<u128, Damaged> {
        let mut value = 0u128;
        for shift in (0..128).step_by(7) {
            let b = self.byte()?;
            value |= u128::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.fail(self.pos, "an integer too long"))
    }

    fn varint(&mut self) -> Result<u64, Damaged> {
        let at = self.pos;
        let n = self.wide()?;
        u64::try_from(n).map_err(|_| self.fail(at, "an integer too large"))
    }

    /// A count or length, which cannot exceed the bytes left.
    fn length(&mut self) -> Result<usize, Damaged> {
        let at = self.pos;
        let n = self.varint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len() - self.pos => Ok(n),
            _ => Err(self.fail(at, "a length beyond the end")),
        }
    }

    fn slice(&mut self) -> Result<&'de [u8], Damaged> {
        let len = self.length()?;
        let s = &self.bytes[self.pos..self.pos + len];
        self.pos += len;
        Ok(s)
    }

    fn text(&mut self) -> Result<&'de str, Damaged> {
        let at = self.pos;
        let bytes = self.slice()?;
        std::str::from_utf8(bytes).map_err(|_| self.fail(at, "text that is not UTF-8"))
    }

    /// The name numbered `n` in the table (`at`: where the number was read).
    fn named(&mut self, at: usize, n: u64) -> Result<&'de str, Damaged> {
        match usize::try_from(n).ok().and_then(|n| self.names.get(n)) {
            Some(&name) => Ok(name),
            None => Err(self.fail(at, "an unknown name")),
        }
    }

    /// The name numbered by the next integer (a variant's).
    fn name(&mut self) -> Result<&'de str, Damaged> {
        let at = self.pos;
        let n = self.varint()?;
        self.named(at, n)
    }

    /// The name of a struct's next entry (numbered from 1), `None` at the struct's end (0).
    fn entry(&mut self) -> Result<Option<&'de str>, Damaged> {
        let at = self.pos;
        match self.varint()? {
            0 => Ok(None),
            n => self.named(at, n - 1).map(Some),
        }
    }

    /// Reads the tag byte `tag` (`expected`: the damage when it is another).
    fn expect(&mut self, tag: u8, expected: &'static str) -> Result<(), Damaged> {
        let at = self.pos;
        if self.byte()? == tag {
            Ok(())
        } else {
            Err(self.fail(at, expected))
        }
    }

    fn deeper(&mut self) -> Result<(), Damaged> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail(self.pos, "values nested too deep"));
        }
        Ok(())
    }

    /// Passes over one value.
    fn skip(&mut self) -> Result<(), Damaged> {
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
            _ => return Err(self.fail(self.pos - 1, "an unknown tag")),
        }
        self.depth -= 1;
        Ok(())
    }

    /// A left-out value of a type that has no empty value.
    pub(crate) fn missing(&mut self) -> Damaged {
        self.fail(self.pos, "a required field left out")
    }

    /// An unsigned integer.
    fn unsigned(&mut self) -> Result<u128, Damaged> {
        self.expect(UINT, "expected an unsigned integer")?;
        self.wide()
    }

    /// An unsigned integer that fits `T`.
    pub(crate) fn unsigned_as<T: TryFrom<u128>>(&mut self) -> Result<T, Damaged> {
        let at = self.pos;
        let n = self.unsigned()?;
        T::try_from(n).map_err(|_| self.fail(at, "an integer too large"))
    }

    /// A signed integer (an unsigned one is taken too).
    fn signed(&mut self) -> Result<i128, Damaged> {
        let at = self.pos;
        match self.byte()? {
            #[allow(clippy::cast_possible_wrap)] // zigzag: the bits are the value
            INT => {
                let z = self.wide()?;
                Ok((z >> 1) as i128 ^ -((z & 1) as i128))
            }
            UINT => {
                let n = self.wide()?;
                i128::try_from(n).map_err(|_| self.fail(at, "an integer too large"))
            }
            _ => Err(self.fail(at, "expected an integer")),
        }
    }

    /// A signed integer that fits `T`.
    pub(crate) fn signed_as<T: TryFrom<i128>>(&mut self) -> Result<T, Damaged> {
        let at = self.pos;
        let n = self.signed()?;
        T::try_from(n).map_err(|_| self.fail(at, "an integer too large"))
    }

    /// `true` or `false`.
    pub(crate) fn boolean(&mut self) -> Result<bool, Damaged> {
        let at = self.pos;
        match self.byte()? {
            FALSE => Ok(false),
            TRUE => Ok(true),
            _ => Err(self.fail(at, "expected true or false")),
        }
    }

    /// Text.
    pub(crate) fn string(&mut self) -> Result<&'de str, Damaged> {
        self.expect(STR, "expected text")?;
        self.text()
    }

    /// Whether an option holds a value (then read it, and [`Reader::leave`] after it).
    pub(crate) fn some(&mut self) -> Result<bool, Damaged> {
        let at = self.pos;
        match self.byte()? {
            NONE => Ok(false),
            SOME => self.deeper().map(|()| true),
            _ => Err(self.fail(at, "expected an option")),
        }
    }

    /// Starts a list (or a tuple); read its items while [`Reader::item`] says so.
    pub(crate) fn begin_list(&mut self) -> Result<(), Damaged> {
        self.expect(SEQ, "expected a list")?;
        self.deeper()
    }

    /// Starts a map; read its keys and values while [`Reader::item`] says so.
    pub(crate) fn begin_map(&mut self) -> Result<(), Damaged> {
        self.expect(MAP, "expected a map")?;
        self.deeper()
    }

    /// Whether the next value is text.
    #[cfg(feature = "pack-json")]
    pub(crate) fn at_text(&mut self) -> Result<bool, Damaged> {
        Ok(self.peek()? == STR)
    }

    /// A refusal of the value just read.
    pub(crate) fn refused(&mut self, what: &'static str) -> Damaged {
        self.fail(self.pos, what)
    }

    /// Whether the list has another item; at its end, reads the end and leaves the list.
    pub(crate) fn item(&mut self) -> Result<bool, Damaged> {
        if self.peek()? == END {
            self.pos += 1;
            self.depth -= 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// A tuple's next item, which must be there.
    pub(crate) fn tuple_item(&mut self) -> Result<(), Damaged> {
        if self.peek()? == END {
            return Err(self.fail(self.pos, "a tuple too short"));
        }
        Ok(())
    }

    /// The end of a tuple: no more items.
    pub(crate) fn end_tuple(&mut self) -> Result<(), Damaged> {
        self.expect(END, "expected the end of a tuple")?;
        self.depth -= 1;
        Ok(())
    }

    /// Leaves a value entered with [`Reader::some`] or [`Reader::variant`].
    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Starts a struct whose fields are `order` (`left_out`: the writer left the whole struct out,
    /// so every field takes its empty value).
    pub(crate) fn begin_struct(
        &mut self,
        order: &'static [&'static str],
        left_out: bool,
    ) -> Result<Fields, Damaged> {
        if !left_out {
            self.expect(STRUCT, "expected a struct")?;
            self.deeper()?;
        }
        Ok(Fields {
            order,
            next: 0,
            ended: left_out,
            left_out,
        })
    }

    /// Moves to the value of the struct's next field: `true` when it is there, `false` when the
    /// writer left it out (it takes its empty value). Entries of fields this build lacks are
    /// passed over. Not inlined: every field of every struct calls this one copy.
    #[inline(never)]
    pub(crate) fn next_field(&mut self, fields: &mut Fields) -> Result<bool, Damaged> {
        let Some(&want) = fields.order.get(fields.next) else {
            return Err(self.fail(self.pos, "more fields read than named"));
        };
        fields.next += 1;
        while !fields.ended {
            let at = self.pos;
            let Some(name) = self.entry()? else {
                fields.ended = true;
                break;
            };
            if name == want {
                return Ok(true);
            }
            if fields.order[fields.next..].contains(&name) {
                // The entry of a later field: `want` was left out.
                self.pos = at;
                return Ok(false);
            }
            self.unknown(fields.order, at, name)?;
        }
        Ok(false)
    }

    /// Reads a struct's entries after the reader's last field up to the struct's end.
    pub(crate) fn end_struct(&mut self, fields: &Fields) -> Result<(), Damaged> {
        if fields.left_out {
            return Ok(());
        }
        if !fields.ended {
            loop {
                let at = self.pos;
                let Some(name) = self.entry()? else {
                    break;
                };
                self.unknown(fields.order, at, name)?;
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// Passes over the entry of a field this build lacks; one of `fields` here is out of order
    /// or written twice, which the writer never does.
    fn unknown(&mut self, fields: &[&str], at: usize, name: &str) -> Result<(), Damaged> {
        if fields.contains(&name) {
            return Err(self.fail_with(BinaryError(format!(
                "field `{name}` out of order or written twice at byte {at}"
            ))));
        }
        self.skip()
    }

    /// An enum's variant: its written name, and whether it has a value (read it, or its
    /// struct, then [`Reader::leave`]).
    pub(crate) fn variant(&mut self, left_out: bool) -> Result<(&'de str, bool), Damaged> {
        if left_out {
            return Err(self.missing());
        }
        let at = self.pos;
        let data = match self.byte()? {
            UNIT_VARIANT => false,
            VARIANT => true,
            _ => return Err(self.fail(at, "expected a variant")),
        };
        let name = self.name()?;
        self.deeper()?;
        Ok((name, data))
    }

    /// Checks that a variant has a value exactly when its kind has one.
    pub(crate) fn variant_shape(&mut self, data: bool, wants_data: bool) -> Result<(), Damaged> {
        match (data, wants_data) {
            (true, false) => Err(self.fail(self.pos, "a variant with a value where none belongs")),
            (false, true) => Err(self.fail(self.pos, "a variant without its value")),
            _ => Ok(()),
        }
    }

    /// A variant's name that none of the reader's variants has.
    pub(crate) fn unknown_variant(&mut self, name: &str) -> Damaged {
        let error = BinaryError(format!("unknown variant `{name}` at byte {}", self.pos));
        self.fail_with(error)
    }

    /// Any value, as JSON reads it: a struct or a map as an object, a variant with a value as
    /// `{name: value}`, a unit variant as its name.
    pub(crate) fn any(&mut self) -> Result<serde_json::Value, Damaged> {
        use serde_json::{Map, Value};
        self.deeper()?;
        let at = self.pos;
        let value = match self.byte()? {
            NONE | UNIT => Value::Null,
            SOME => self.any()?,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            UINT | INT => {
                self.pos = at;
                let digits = if self.peek()? == UINT {
                    self.unsigned()?.to_string()
                } else {
                    self.signed()?.to_string()
                };
                // Digits kept as written (serde_json's `arbitrary_precision`), even past 64 bits.
                Value::Number(
                    digits
                        .parse()
                        .map_err(|_| self.fail(at, "a number JSON cannot hold"))?,
                )
            }
            STR => Value::String(self.text()?.to_owned()),
            SEQ => {
                let mut items = Vec::new();
                while self.peek()? != END {
                    items.push(self.any()?);
                }
                self.pos += 1;
                Value::Array(items)
            }
            MAP => {
                let mut map = Map::new();
                while self.peek()? != END {
                    // As serde_json reads a map: its keys are text, never made text.
                    let Value::String(key) = self.any()? else {
                        return Err(self.fail(at, "a map key that is not text"));
                    };
                    map.insert(key, self.any()?);
                }
                self.pos += 1;
                Value::Object(map)
            }
            STRUCT => {
                let mut map = Map::new();
                while let Some(name) = self.entry()? {
                    map.insert(name.to_owned(), self.any()?);
                }
                // serde_json (with `arbitrary_precision`) writes a number as a struct of one
                // private field holding its digits.
                match map.remove(NUMBER) {
                    Some(Value::String(digits)) if map.is_empty() => Value::Number(
                        digits
                            .parse()
                            .map_err(|_| self.fail(at, "a number JSON cannot read"))?,
                    ),
                    Some(other) => {
                        map.insert(NUMBER.to_owned(), other);
                        Value::Object(map)
                    }
                    None => Value::Object(map),
                }
            }
            UNIT_VARIANT => Value::String(self.name()?.to_owned()),
            VARIANT => {
                let name = self.name()?.to_owned();
                let mut map = Map::new();
                map.insert(name, self.any()?);
                Value::Object(map)
            }
            _ => return Err(self.fail(at, "an unknown tag")),
        };
        self.depth -= 1;
        Ok(value)
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
    use super::to_bytes;

    #[test]
    fn floats_are_not_written() {
        assert!(to_bytes(&1.5_f64).is_err());
    }
}
