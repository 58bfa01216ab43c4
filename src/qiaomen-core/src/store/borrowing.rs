//! A serde deserializer in front of another that reads every owned string and byte buffer
//! through its borrowed form, for decoding from a slice.
//!
//! bincode 2 reads a `String` by zeroing a new buffer, copying the bytes into it and checking
//! it (`Vec<u8>::decode`, then `String::from_utf8`); a district's roll call decodes 270,000
//! strings that way, and zeroing their buffers cost more than reading them (callgrind:
//! `calloc` 85 M of the roll's 758 M instructions). Read as `&str` where it lies, a string is
//! checked in place and copied once into a buffer that is never zeroed. What is decoded is the
//! same value from the same bytes: only the way to it changes.
//!
//! The wrapper passes itself on to everything nested (sequences, maps, enums, options), so a
//! string deep in a record is read the same way.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// `T` decoded through `Borrowing`: the seed to hand a deserializer that can lend its bytes.
pub struct Seed<T>(PhantomData<T>);

impl<T> Seed<T> {
    pub fn new() -> Seed<T> {
        Seed(PhantomData)
    }
}

impl<T> Default for Seed<T> {
    fn default() -> Self {
        Seed::new()
    }
}

impl<'de, T: serde::Deserialize<'de>> DeserializeSeed<'de> for Seed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize(Borrowing(d))
    }
}

/// The deserializer `D`, asked for borrowed strings and bytes where owned ones are wanted.
pub struct Borrowing<D>(D);

/// A seed that gets `Borrowing` around the deserializer it is given.
struct Wrap<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Wrap<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Borrowing(d))
    }
}

/// A visitor that gets `Borrowing` around whatever it is handed to read further.
struct Visit<V>(V);

macro_rules! forward_deserialize {
    ($($method:ident),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
                self.0.$method(Visit(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Borrowing<D> {
    type Error = D::Error;

    forward_deserialize!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_bytes,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
        deserialize_ignored_any,
    );

    /// The point of the wrapper: an owned string read as a borrowed one (its visitor copies it).
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_str(Visit(visitor))
    }

    /// And an owned byte buffer as borrowed bytes.
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_bytes(Visit(visitor))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Visit(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Visit(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Visit(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Visit(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, Visit(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Visit(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_visit {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(
            fn $method<E: serde::de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                self.0.$method(v)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Visit<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_visit!(
        visit_bool: bool,
        visit_i8: i8,
        visit_i16: i16,
        visit_i32: i32,
        visit_i64: i64,
        visit_i128: i128,
        visit_u8: u8,
        visit_u16: u16,
        visit_u32: u32,
        visit_u64: u64,
        visit_u128: u128,
        visit_f32: f32,
        visit_f64: f64,
        visit_char: char,
        visit_str: &str,
        visit_borrowed_str: &'de str,
        visit_string: String,
        visit_bytes: &[u8],
        visit_borrowed_bytes: &'de [u8],
        visit_byte_buf: Vec<u8>,
    );

    fn visit_none<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Borrowing(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Borrowing(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Seq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Map(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Enum(data))
    }
}

struct Seq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        self.0.next_element_seed(Wrap(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct Map<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Wrap(seed))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.0.next_value_seed(Wrap(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct Enum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Wrap(seed))?;
        Ok((value, Variant(variant)))
    }
}

struct Variant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        self.0.newtype_variant_seed(Wrap(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Visit(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Visit(visitor))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Serialize};

    use super::Seed;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Kind {
        Unit,
        Named(String),
        Pair(String, Option<String>),
        Fields { text: Box<str>, bytes: Vec<u8> },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Record {
        name: String,
        note: Option<String>,
        tags: Vec<String>,
        kinds: Vec<Kind>,
        by_key: BTreeMap<String, (u32, String)>,
        #[serde(with = "serde_bytes_like")]
        raw: Vec<u8>,
        wrapped: Wrapper,
        nothing: (),
        big: u128,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Wrapper(String);

    /// A byte buffer written as bytes and read as an owned buffer (`deserialize_byte_buf`).
    mod serde_bytes_like {
        use serde::{Deserializer, Serializer};

        pub fn serialize<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
            struct Buf;
            impl serde::de::Visitor<'_> for Buf {
                type Value = Vec<u8>;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                    Ok(v.to_vec())
                }
                fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                    Ok(v)
                }
            }
            d.deserialize_byte_buf(Buf)
        }
    }

    fn record() -> Record {
        Record {
            name: "王秀英".into(),
            note: Some("已接通, 身体好".into()),
            tags: vec![String::new(), "独居".into()],
            kinds: vec![
                Kind::Unit,
                Kind::Named("林晓晨".into()),
                Kind::Pair("a".into(), None),
                Kind::Fields {
                    text: "顺和小区 3-2-501".into(),
                    bytes: vec![0, 1, 255],
                },
            ],
            by_key: [("G1".to_owned(), (7, "一网格".to_owned()))].into(),
            raw: vec![9; 300],
            wrapped: Wrapper("x".repeat(1000)),
            nothing: (),
            big: u128::MAX - 1,
        }
    }

    #[test]
    fn what_is_read_through_it_equals_what_is_read_without_it() {
        let config = bincode::config::standard().with_limit::<{ 1 << 20 }>();
        let bytes = bincode::serde::encode_to_vec(record(), config).unwrap();
        let (plain, used_plain): (Record, usize) =
            bincode::serde::borrow_decode_from_slice(&bytes, config).unwrap();
        let (borrowing, used) =
            bincode::serde::seed_decode_from_slice(Seed::<Record>::new(), &bytes, config).unwrap();
        assert_eq!(borrowing, record());
        assert_eq!(borrowing, plain);
        assert_eq!((used, used_plain), (bytes.len(), bytes.len()));
    }

    #[test]
    fn bad_bytes_fail_the_same_way() {
        let config = bincode::config::standard().with_limit::<{ 1 << 20 }>();
        let mut bytes = bincode::serde::encode_to_vec(record(), config).unwrap();
        // The name's first byte (after its length) is no longer UTF-8.
        bytes[1] = 0xFF;
        let plain = bincode::serde::borrow_decode_from_slice::<Record, _>(&bytes, config);
        let borrowing =
            bincode::serde::seed_decode_from_slice(Seed::<Record>::new(), &bytes, config);
        assert!(plain.is_err() && borrowing.is_err());
        for cut in [0, 1, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                bincode::serde::seed_decode_from_slice(
                    Seed::<Record>::new(),
                    &bytes[..cut],
                    config
                )
                .is_err(),
                "cut at {cut}"
            );
        }
    }
}
