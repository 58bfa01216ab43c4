//! Stored values: one format-version byte, then bincode 2 (serde, standard config).
//!
//! bincode is not self-describing, so a damaged or foreign value could be read as a huge
//! length prefix: decoding runs with a size limit and rejects trailing bytes. Every change to a
//! stored type bumps its `VERSION` and teaches `decode` to read the previous one (with a golden
//! test of the old bytes).

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// No stored value is larger than this (a case with a long timeline stays far below).
pub const MAX_VALUE: usize = 4 * 1024 * 1024;

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_VALUE>()
}

pub fn encode<T: Serialize>(version: u8, value: &T) -> Vec<u8> {
    let mut out = vec![version];
    bincode::serde::encode_into_std_write(value, &mut out, config())
        .expect("in-memory encoding of a record within the size limit cannot fail");
    out
}

/// Decodes a value written with `version` exactly; the caller dispatches on the version byte.
pub fn decode_body<T: DeserializeOwned>(kind: &'static str, body: &[u8]) -> Result<T> {
    borrow_decode_body(kind, body)
}

/// `decode_body` for a type that borrows from `body` (text read in place).
pub fn borrow_decode_body<'a, T: serde::Deserialize<'a>>(
    kind: &'static str,
    body: &'a [u8],
) -> Result<T> {
    // Strings read where they lie, then copied once (`borrowing`).
    let (value, used) =
        bincode::serde::seed_decode_from_slice(super::borrowing::Seed::<T>::new(), body, config())
            .map_err(|e| Error::Corrupt {
                kind,
                reason: e.to_string(),
            })?;
    if used != body.len() {
        return Err(Error::Corrupt {
            kind,
            reason: format!("{} trailing bytes", body.len() - used),
        });
    }
    Ok(value)
}

/// Splits the version byte off a stored value.
pub fn split_version<'a>(kind: &'static str, bytes: &'a [u8]) -> Result<(u8, &'a [u8])> {
    match bytes.split_first() {
        Some((&v, body)) => Ok((v, body)),
        None => Err(Error::Corrupt {
            kind,
            reason: "empty value".into(),
        }),
    }
}

pub fn unknown_version(kind: &'static str, version: u8) -> Error {
    Error::Corrupt {
        kind,
        reason: format!("unknown format version {version} (written by a newer qiaomen?)"),
    }
}

/// Like `encode`, with the bincode body compressed by zstd (for large values written once:
/// sled keeps pages over about 128 KB as separate blob files, and a closed day of check-ins
/// compresses about five to one).
pub fn encode_compressed<T: Serialize>(version: u8, value: &T) -> Vec<u8> {
    let body = bincode::serde::encode_to_vec(value, config())
        .expect("in-memory encoding of a record within the size limit cannot fail");
    let mut out = vec![version];
    out.extend(
        zstd::bulk::compress(&body, ZSTD_LEVEL)
            .expect("compressing a buffer in memory cannot fail"),
    );
    out
}

/// `encode_compressed` of a value already encoded plain (its body without the version byte):
/// the same bytes, since compression at one level is deterministic.
pub fn recompress(version: u8, plain_body: &[u8]) -> Vec<u8> {
    let mut out = vec![version];
    out.extend(
        zstd::bulk::compress(plain_body, ZSTD_LEVEL)
            .expect("compressing a buffer in memory cannot fail"),
    );
    out
}

/// Decodes a body written by `encode_compressed`.
pub fn decode_compressed_body<T: DeserializeOwned>(kind: &'static str, body: &[u8]) -> Result<T> {
    decode_body(kind, &decompress(kind, body)?)
}

/// The plain bytes of a compressed body: it may not expand past `MAX_VALUE`.
pub fn decompress(kind: &'static str, body: &[u8]) -> Result<Vec<u8>> {
    inflate(body, MAX_VALUE).map_err(|e| Error::Corrupt {
        kind,
        reason: format!("does not decompress: {e}"),
    })
}

/// A zstd frame's plain bytes, at most `max` of them. The buffer is the size the frame's header
/// gives (every frame `zstd::bulk::compress` writes gives it), not `max`: the journal's replay
/// reserved 64 MB for every entry it read, and faulted in the pages of each.
pub(crate) fn inflate(body: &[u8], max: usize) -> std::io::Result<Vec<u8>> {
    let capacity = match zstd::zstd_safe::get_frame_content_size(body) {
        Ok(Some(size)) => usize::try_from(size).map_or(max, |s| s.min(max)),
        _ => max,
    };
    zstd::bulk::decompress(body, capacity)
}

/// zstd's default level: a closed day compresses in well under a millisecond.
const ZSTD_LEVEL: i32 = 3;

#[cfg(test)]
mod tests {
    use super::inflate;
    use std::io::Write;

    #[test]
    fn a_frame_inflates_into_what_its_header_says_and_never_past_the_limit() {
        let plain: Vec<u8> = (0..50_000u32)
            .flat_map(|i| (i % 97).to_le_bytes())
            .collect();
        let framed = zstd::bulk::compress(&plain, 3).unwrap();
        let out = inflate(&framed, 1 << 20).unwrap();
        assert_eq!(out, plain);
        // Sized by the header, not by the limit.
        assert!(out.capacity() < 1 << 20, "{}", out.capacity());
        // More than the limit: refused, however the header sizes it.
        assert!(inflate(&framed, plain.len() - 1).is_err());
        // A frame that does not say its size (a streaming encoder's): up to the limit.
        let mut streamed = zstd::Encoder::new(Vec::new(), 3).unwrap();
        streamed.write_all(&plain).unwrap();
        let streamed = streamed.finish().unwrap();
        assert_eq!(inflate(&streamed, 1 << 20).unwrap(), plain);
        assert!(inflate(&streamed, plain.len() - 1).is_err());
        // Not a frame at all.
        assert!(inflate(b"not zstd", 1 << 20).is_err());
    }
}
