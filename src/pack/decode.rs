//! Reading a compiled pack's body into the model, by hand: each type names its fields (or its
//! variants) once, beside its definition ([`decode_struct!`], [`decode_enum!`]), and one
//! non-generic cursor over the bytes ([`super::binary::Reader`]) matches them. Serde's derived
//! readers, monomorphised for this format, were a quarter of the wasm module's code.
//!
//! A field the writer left out takes its type's empty value (an empty list or text, `None`,
//! zero, `false`, a struct of empty fields); a type without one (an enum, a tuple) refuses it.
//!
//! Owns: which value each part of the bytes becomes. Must not know: the byte layout (that is
//! [`super::binary`]) or what a programme means.

use super::binary::{BinaryError, Damaged, Reader};
use crate::finding::message::Message;
use crate::finding::severity::Severity;
use crate::finding::shared_text::SharedText;
use crate::finding::verdict::Verdict;
use crate::text::amount_field::FieldUnit;
use crate::text::exact::Exact;
use crate::text::form_path::{FormPath, Step};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;
use std::sync::Arc;

/// A value read from a compiled pack.
pub(crate) trait Decode: Sized {
    /// Reads the value, or (`left_out`) makes the value of a field the writer left out.
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged>;
}

/// Reads a value of type `T` from `bytes` (as [`super::binary::to_bytes`] wrote it), refusing
/// trailing bytes.
pub(crate) fn from_bytes<T: Decode>(bytes: &[u8]) -> Result<T, BinaryError> {
    let mut reader = Reader::new(bytes)?;
    let read = T::read(&mut reader, false);
    match read.and_then(|value| reader.finish().map(|()| value)) {
        Ok(value) => Ok(value),
        Err(Damaged) => Err(reader.damage()),
    }
}

/// How a Rust name is written in the pack (serde's `rename_all`).
#[derive(Clone, Copy)]
pub(crate) enum Case {
    /// As written.
    Same,
    /// `FiscalYearEnd` → `fiscal_year_end`.
    Snake,
    /// `Warning` → `warning`.
    Lower,
}

impl Case {
    /// Whether `wire` is `rust` written in this case (no allocation).
    #[must_use]
    pub(crate) fn names(self, rust: &str, wire: &str) -> bool {
        match self {
            Case::Same => rust == wire,
            Case::Lower => {
                rust.len() == wire.len()
                    && rust
                        .bytes()
                        .zip(wire.bytes())
                        .all(|(a, b)| a.to_ascii_lowercase() == b)
            }
            Case::Snake => {
                let mut wire = wire.bytes();
                for (i, c) in rust.bytes().enumerate() {
                    if c.is_ascii_uppercase() {
                        if i > 0 && wire.next() != Some(b'_') {
                            return false;
                        }
                        if wire.next() != Some(c.to_ascii_lowercase()) {
                            return false;
                        }
                    } else if wire.next() != Some(c) {
                        return false;
                    }
                }
                wire.next().is_none()
            }
        }
    }
}

/// Reads the struct's next field: its value, or its empty value when the writer left it out.
#[inline(never)]
pub(crate) fn field<T: Decode>(
    r: &mut Reader<'_>,
    fields: &mut super::binary::Fields,
) -> Result<T, Damaged> {
    let present = r.next_field(fields)?;
    T::read(r, !present)
}

/// Reads a tuple's next item.
#[inline(never)]
pub(crate) fn tuple_item<T: Decode>(r: &mut Reader<'_>) -> Result<T, Damaged> {
    r.tuple_item()?;
    T::read(r, false)
}

/// `Decode` for a struct with named fields, in their declaration order: `Name { a, b, c }`.
/// A field written under another name is `a as "wire"`; fields after `;` are not in the pack
/// (serde's `skip`) and take their `Default`. A field may carry `#[cfg(…)]`.
macro_rules! decode_struct {
    ($ty:ident { $( $(#[$a:meta])* $f:ident $(as $wire:literal)? ),* $(,)?
        $(; $( $(#[$sa:meta])* $s:ident ),* $(,)? )? }) => {
        impl $crate::pack::decode::Decode for $ty {
            fn read(
                r: &mut $crate::pack::binary::Reader<'_>,
                left_out: bool,
            ) -> Result<Self, $crate::pack::binary::Damaged> {
                const ORDER: &[&str] = &[$( $(#[$a])* $crate::pack::decode::decode_struct!(@name $f $($wire)?) ),*];
                let mut fields = r.begin_struct(ORDER, left_out)?;
                let value = Self {
                    $( $(#[$a])* $f: $crate::pack::decode::field(r, &mut fields)?, )*
                    $($( $(#[$sa])* $s: Default::default(), )*)?
                };
                r.end_struct(&fields)?;
                Ok(value)
            }
        }
    };
    (@name $f:ident) => { stringify!($f) };
    (@name $f:ident $wire:literal) => { $wire };
}

/// `Decode` for an enum, its variants as serde writes them (`Case`: its `rename_all`): `Unit`,
/// `Newtype(_)`, `Tuple(_, _)`, `Struct { a, b }`; a variant written under another name is
/// `Unit as "wire"`.
macro_rules! decode_enum {
    ($ty:ident, $case:ident { $( $v:ident $( ( $($t:tt),+ ) )? $( { $($f:ident),* $(,)? } )? $(as $wire:literal)? ),+ $(,)? }) => {
        impl $crate::pack::decode::Decode for $ty {
            fn read(
                r: &mut $crate::pack::binary::Reader<'_>,
                left_out: bool,
            ) -> Result<Self, $crate::pack::binary::Damaged> {
                let (name, data) = r.variant(left_out)?;
                $(
                    if $crate::pack::decode::decode_enum!(@named $case name $v $($wire)?) {
                        let value = $crate::pack::decode::decode_enum!(@arm r data $v $( ( $($t),+ ) )? $( { $($f),* } )?);
                        r.leave();
                        return Ok(value);
                    }
                )+
                Err(r.unknown_variant(name))
            }
        }
    };
    (@named $case:ident $name:ident $v:ident) => {
        $crate::pack::decode::Case::$case.names(stringify!($v), $name)
    };
    (@named $case:ident $name:ident $v:ident $wire:literal) => { $wire == $name };
    (@arm $r:ident $data:ident $v:ident) => {{
        $r.variant_shape($data, false)?;
        Self::$v
    }};
    (@arm $r:ident $data:ident $v:ident ( _ )) => {{
        $r.variant_shape($data, true)?;
        Self::$v($crate::pack::decode::Decode::read($r, false)?)
    }};
    (@arm $r:ident $data:ident $v:ident ( $($t:tt),+ )) => {{
        $r.variant_shape($data, true)?;
        $r.begin_list()?;
        let value = Self::$v($( $crate::pack::decode::decode_enum!(@item $r $t) ),+);
        $r.end_tuple()?;
        value
    }};
    (@arm $r:ident $data:ident $v:ident { $($f:ident),* }) => {{
        $r.variant_shape($data, true)?;
        let mut fields = $r.begin_struct(&[$(stringify!($f)),*], false)?;
        let value = Self::$v { $( $f: $crate::pack::decode::field($r, &mut fields)?, )* };
        $r.end_struct(&fields)?;
        value
    }};
    (@item $r:ident $t:tt) => { $crate::pack::decode::tuple_item($r)? };
}

pub(crate) use {decode_enum, decode_struct};

impl Decode for bool {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        if left_out {
            return Ok(false);
        }
        r.boolean()
    }
}

macro_rules! integers {
    ($how:ident: $($t:ty),*) => {$(
        impl Decode for $t {
            fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
                if left_out {
                    return Ok(0);
                }
                r.$how()
            }
        }
    )*};
}

integers!(unsigned_as: u8, u16, u32, u64, usize);
integers!(signed_as: i32, i64, i128);

/// Text, and the shared kinds of it: empty when left out.
macro_rules! texts {
    ($($t:ty),*) => {$(
        impl Decode for $t {
            fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
                if left_out {
                    return Ok(<$t>::from(""));
                }
                r.string().map(<$t>::from)
            }
        }
    )*};
}

texts!(String, Arc<str>, SharedText);

impl<T: Decode> Decode for Option<T> {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        if left_out || !r.some()? {
            return Ok(None);
        }
        let value = T::read(r, false)?;
        r.leave();
        Ok(Some(value))
    }
}

impl<T: Decode> Decode for Arc<T> {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        T::read(r, left_out).map(Arc::new)
    }
}

impl<T: Decode> Decode for Box<T> {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        T::read(r, left_out).map(Box::new)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        let mut items = Vec::new();
        if !left_out {
            list(r, &mut |r| {
                items.push(T::read(r, false)?);
                Ok(())
            })?;
        }
        Ok(items)
    }
}

/// Reads a list's items with `item`, one call each: the loop is not repeated for every type of
/// item (one copy of it per list type was most of each list's reader in the module).
#[inline(never)]
fn list(
    r: &mut Reader<'_>,
    item: &mut dyn FnMut(&mut Reader<'_>) -> Result<(), Damaged>,
) -> Result<(), Damaged> {
    r.begin_list()?;
    while r.item()? {
        item(r)?;
    }
    Ok(())
}

impl<T: Decode + Eq + Hash> Decode for HashSet<T> {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        Ok(Vec::<T>::read(r, left_out)?.into_iter().collect())
    }
}

/// A map as serde writes it: key and value pairs.
fn pairs<K: Decode, V: Decode>(
    r: &mut Reader<'_>,
    left_out: bool,
    mut add: impl FnMut(K, V),
) -> Result<(), Damaged> {
    if left_out {
        return Ok(());
    }
    r.begin_map()?;
    while r.item()? {
        let key = K::read(r, false)?;
        add(key, V::read(r, false)?);
    }
    Ok(())
}

impl<K: Decode + Ord, V: Decode> Decode for BTreeMap<K, V> {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        let mut map = BTreeMap::new();
        pairs(r, left_out, |k, v| {
            map.insert(k, v);
        })?;
        Ok(map)
    }
}

/// Written as a sorted list of pairs (`model::wire::sorted_pairs`).
impl<K: Decode + Eq + Hash, V: Decode> Decode for HashMap<K, V> {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        Ok(Vec::<(K, V)>::read(r, left_out)?.into_iter().collect())
    }
}

/// A tuple: its items in a list; it has no empty value.
macro_rules! tuples {
    ($(($($t:ident),+)),*) => {$(
        impl<$($t: Decode),+> Decode for ($($t,)+) {
            fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
                if left_out {
                    return Err(r.missing());
                }
                r.begin_list()?;
                let value = ($(tuple_item::<$t>(r)?,)+);
                r.end_tuple()?;
                Ok(value)
            }
        }
    )*};
}

tuples!((A, B), (A, B, C), (A, B, C, D));

/// Written as a tuple.
impl<T: Decode, const N: usize> Decode for [T; N] {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        if left_out {
            return Err(r.missing());
        }
        r.begin_list()?;
        let mut items = Vec::with_capacity(N);
        for _ in 0..N {
            items.push(tuple_item(r)?);
        }
        r.end_tuple()?;
        items
            .try_into()
            .map_err(|_| r.refused("a tuple of another length"))
    }
}

/// Written as its days from the common era (`model::wire::day`).
impl Decode for chrono::NaiveDate {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        if left_out {
            return Err(r.missing());
        }
        let days: i32 = r.signed_as()?;
        chrono::NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| r.refused("not a day"))
    }
}

impl Decode for serde_json::Value {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        if left_out {
            return Err(r.missing());
        }
        r.any()
    }
}

/// Written as its numerator and denominator; refused unless they make a fraction.
impl Decode for Exact {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        /// The reading of `Exact`'s fields.
        struct Parts {
            num: i128,
            den: i128,
        }
        #[rustfmt::skip]
        decode_struct!(Parts { num, den });
        let parts = Parts::read(r, left_out)?;
        Exact::new(parts.num, parts.den).ok_or_else(|| r.refused("not a fraction"))
    }
}

/// Written as its steps.
impl Decode for FormPath {
    fn read(r: &mut Reader<'_>, left_out: bool) -> Result<Self, Damaged> {
        /// The reading of `FormPath`'s fields.
        struct Parts {
            steps: Vec<Step>,
        }
        #[rustfmt::skip]
        decode_struct!(Parts { steps });
        Ok(FormPath::from_steps(Parts::read(r, left_out)?.steps))
    }
}

#[rustfmt::skip]
decode_enum!(Step, Same { Key(_), Index(_) });
#[rustfmt::skip]
decode_enum!(FieldUnit, Same { Yen as "yen", ThousandYen as "thousand_yen" });
#[rustfmt::skip]
decode_enum!(Severity, Lower { Error, Warning, Review, Info });
#[rustfmt::skip]
decode_struct!(Message { ja, en });
#[rustfmt::skip]
decode_enum!(Verdict, Lower { Eligible, Ineligible, Incomplete });

#[cfg(all(test, feature = "pack-json"))]
mod tests {
    use super::{from_bytes, Case};
    use crate::pack::binary::{to_bytes, SEQ, STRUCT};
    use serde::Serialize;

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
    #[derive(Debug, PartialEq)]
    struct Read {
        name: String,
        cap: Option<i64>,
        rows: Vec<(u8, String)>,
        flag: bool,
        kind: Kind,
        wide: i128,
        missing_in_writer: Vec<String>,
    }

    #[rustfmt::skip]
    decode_struct!(Read { name, cap, rows, flag, kind, wide, missing_in_writer });

    /// A reader whose fields are in another order than the writer's.
    #[derive(Debug)]
    #[allow(dead_code)] // only read to be refused
    struct Reordered {
        wide: i128,
        name: String,
    }

    #[rustfmt::skip]
    decode_struct!(Reordered { wide, name });

    /// A writer that names a field twice (which derived code never does).
    #[derive(Serialize)]
    struct Twice {
        name: String,
        cap: Option<i64>,
        #[serde(rename = "name")]
        again: String,
    }

    #[derive(Serialize, Debug, PartialEq)]
    enum Kind {
        Plain,
        Rate(u32, u32),
        Named { id: String },
    }

    #[rustfmt::skip]
    decode_enum!(Kind, Same { Plain, Rate(_, _), Named { id } });

    /// A writer of the name alone.
    #[derive(Serialize)]
    struct OnlyName {
        name: String,
    }

    /// A variant read under another kind of value than it was written with.
    #[derive(Debug)]
    #[allow(dead_code)] // only read to be refused
    enum Reshaped {
        Plain(u32),
        Rate,
    }

    #[rustfmt::skip]
    decode_enum!(Reshaped, Same { Plain(_), Rate });

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
        // Integers keep every digit, past 64 bits and past i128 too.
        let bytes = to_bytes(&(u128::MAX, i128::MIN)).unwrap();
        let any: serde_json::Value = from_bytes(&bytes).unwrap();
        assert_eq!(any[0].to_string(), u128::MAX.to_string());
        assert_eq!(any[1].to_string(), i128::MIN.to_string());
        // A map's keys are text, as in JSON: any other key is refused, not made text.
        let bytes = to_bytes(&std::collections::BTreeMap::from([(1_u32, "a")])).unwrap();
        let e = from_bytes::<serde_json::Value>(&bytes)
            .unwrap_err()
            .to_string();
        assert!(e.contains("a map key that is not text"), "{e}");
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
        deep.extend(std::iter::repeat_n(SEQ, 100_000));
        let e = from_bytes::<serde_json::Value>(&deep).unwrap_err();
        assert!(e.to_string().contains("nested too deep"), "{e}");
        let mut deep = vec![1, 1, b'z', STRUCT, 1];
        deep.extend(std::iter::repeat_n(SEQ, 100_000));
        let e = from_bytes::<Read>(&deep).unwrap_err();
        assert!(e.to_string().contains("nested too deep"), "{e}");
        // A count beyond the bytes there are.
        assert!(from_bytes::<Read>(&[0xFF, 0xFF, 0x03]).is_err());
    }

    #[test]
    fn a_variant_is_matched_by_name_and_shape() {
        for (kind, want) in [
            (Kind::Plain, "a variant without its value"),
            (
                Kind::Rate(1, 2),
                "a variant with a value where none belongs",
            ),
        ] {
            let bytes = to_bytes(&kind).unwrap();
            let e = from_bytes::<Reshaped>(&bytes).unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
        }
        let bytes = to_bytes(&Kind::Named { id: "x".into() }).unwrap();
        let e = from_bytes::<Reshaped>(&bytes).unwrap_err().to_string();
        assert!(e.contains("unknown variant `Named`"), "{e}");
        // A variant is required: left out, it is refused, never read as some default.
        let bytes = to_bytes(&OnlyName { name: "a".into() }).unwrap();
        let e = from_bytes::<Read>(&bytes).unwrap_err().to_string();
        assert!(e.contains("a required field left out"), "{e}");
    }

    #[test]
    fn names_are_compared_in_the_case_serde_writes() {
        assert!(Case::Snake.names("FiscalYearEnd", "fiscal_year_end"));
        assert!(Case::Snake.names("A", "a"));
        assert!(!Case::Snake.names("FiscalYearEnd", "fiscalyearend"));
        assert!(!Case::Snake.names("FiscalYearEnd", "fiscal_year_end_"));
        assert!(!Case::Snake.names("FiscalYear", "fiscal_year_end"));
        assert!(Case::Lower.names("Warning", "warning"));
        assert!(!Case::Lower.names("Warning", "Warning"));
        assert!(Case::Same.names("Warning", "Warning"));
        assert!(!Case::Same.names("Warning", "warning"));
    }
}
