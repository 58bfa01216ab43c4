//! A byte string held in a kept value (`ElderEntry::resident`), written and read as one
//! run of bytes (`#[serde(with = "raw_bytes")]`).
//!
//! serde writes a `Vec<u8>` as a sequence, one element at a time, and reads it back the same
//! way: at the district, reading 20,000 elder entries spent more in that loop than in the
//! residents it carries. bincode writes a sequence of `u8` and a byte string alike (the
//! length as a varint, then the bytes), so the stored bytes do not change (golden bytes in
//! `tests/codec_golden.rs`, `kept_elder_entry`); only the loop goes.

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserializer, Serializer};

pub(super) fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(bytes)
}

pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    d.deserialize_bytes(Bytes)
}

struct Bytes;

impl<'de> Visitor<'de> for Bytes {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a byte string")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
        Ok(v.to_vec())
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
        Ok(v)
    }

    /// A format that writes bytes as a sequence of numbers (JSON) reads them back too.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(b) = seq.next_element()? {
            out.push(b);
        }
        Ok(out)
    }
}
