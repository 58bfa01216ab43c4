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
    let (value, used) =
        bincode::serde::decode_from_slice(body, config()).map_err(|e| Error::Corrupt {
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
