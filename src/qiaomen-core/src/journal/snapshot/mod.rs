//! Snapshots: the whole store as of one journal entry, compact (the stored values as they are,
//! zstd-compressed) and checksummed. A snapshot plus the journal entries after it rebuilds the
//! store; kept 7 daily and 4 weekly (`keep.rs`).
//!
//! A snapshot is full, or a delta: the records that differ from a full snapshot taken before
//! it (its base), with the records removed since marked. Most of a store does not change from
//! one day to the next (the audit trail only grows), so a day's snapshot is a small delta
//! instead of another copy of everything; a delta is read merged with its base, and is only as
//! good as it: both are checked. Deltas are never taken over deltas.
//!
//! ```text
//! "QMSNAP01" | header length (u32 LE) | header (version byte + bincode)
//! | zstd( (tree u8, key length u32, key, value length u32, value)* , 0xFF )
//! | plain length (u64 LE; version 2) | SHA-256 of everything before it
//! | "QMSNEND1" (version 1) or "QMSNEND2"
//! ```
//!
//! Records come in `Tree::ALL` order, and in key order within a tree. In a delta, a value
//! length of `u32::MAX` (and no value) marks a record removed since the base. The plain length
//! is what the full set of records would take uncompressed (the data's size, whatever the
//! kind of snapshot).

mod keep;
mod read;
mod write;

#[cfg(test)]
mod tests;

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::segment::Hash;
use crate::day::Now;
use crate::error::{Error, Result};
use crate::store::codec;

pub use keep::keep;
pub use read::read_records;
pub use write::Writer;

const MAGIC: &[u8; 8] = b"QMSNAP01";
const END_MAGIC_1: &[u8; 8] = b"QMSNEND1";
const END_MAGIC_2: &[u8; 8] = b"QMSNEND2";
/// Version 2: the base of a delta in the header; the plain length in the trailer.
const HEADER_VERSION: u8 = 2;
const HEADER_MAX: u32 = 1024 * 1024;
const EXTENSION: &str = "qms";
/// Keys and values are far below this; a larger length is damage.
const ITEM_MAX: u32 = 64 * 1024 * 1024;
const END_OF_RECORDS: u8 = 0xFF;
/// The value length of a record a delta removes.
const REMOVED: u32 = u32::MAX;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The last journal entry the snapshot contains.
    pub seq: u64,
    /// The hash of that entry: the journal after the snapshot chains from it.
    pub last_hash: Hash,
    /// When it was taken, on the community's clock (retention counts community days).
    pub taken: Now,
    pub schema: u32,
    /// Keys per tree, in `Tree::ALL` order (of the whole store, in a delta too).
    pub counts: Vec<u64>,
    /// For a delta, the full snapshot it is read over; `None` for a full snapshot.
    pub base: Option<Base>,
}

/// The full snapshot a delta is read over: its entry (and so its file name) and its checksum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Base {
    pub seq: u64,
    pub sum: Hash,
}

/// The header of version 1 (before deltas).
#[derive(Deserialize)]
#[cfg_attr(test, derive(Serialize))]
struct HeaderV1 {
    seq: u64,
    last_hash: Hash,
    taken: Now,
    schema: u32,
    counts: Vec<u64>,
}

pub fn file_name(seq: u64) -> String {
    format!("snap-{seq:020}.{EXTENSION}")
}

/// Where the base of a delta is: beside it.
fn base_path(delta: &Path, base: &Base) -> PathBuf {
    delta.with_file_name(file_name(base.seq))
}

/// A snapshot file found in a directory.
#[derive(Clone, Debug)]
pub struct Found {
    pub path: PathBuf,
    pub header: Header,
    pub bytes: u64,
}

impl Found {
    pub fn is_full(&self) -> bool {
        self.header.base.is_none()
    }

    /// The base of a delta, beside it (which may be missing).
    pub fn base_path(&self) -> Option<PathBuf> {
        self.header.base.as_ref().map(|b| base_path(&self.path, b))
    }
}

/// The snapshots in `dir` whose headers read, oldest first; unreadable ones are returned apart.
pub fn list(dir: &Path) -> Result<(Vec<Found>, Vec<PathBuf>)> {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((good, bad)),
        Err(e) => return Err(e.into()),
    };
    for e in entries {
        let path = e?.path();
        if path.extension().and_then(|x| x.to_str()) != Some(EXTENSION) {
            continue;
        }
        match read_header(&path) {
            Ok(header) => {
                let bytes = std::fs::metadata(&path)?.len();
                good.push(Found {
                    path,
                    header,
                    bytes,
                });
            }
            Err(_) => bad.push(path),
        }
    }
    good.sort_by_key(|f| f.header.seq);
    Ok((good, bad))
}

/// The newest snapshot in `dir` whose header reads (names sort by entry number), reading no
/// more headers than it must: asked after every command.
pub fn latest(dir: &Path) -> Result<Option<Found>> {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().and_then(|x| x.to_str()) == Some(EXTENSION))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    paths.sort();
    for path in paths.into_iter().rev() {
        if let Ok(header) = read_header(&path) {
            let bytes = std::fs::metadata(&path)?.len();
            return Ok(Some(Found {
                path,
                header,
                bytes,
            }));
        }
    }
    Ok(None)
}

pub fn read_header(path: &Path) -> Result<Header> {
    let mut r = BufReader::new(File::open(path)?);
    Ok(read_header_from(&mut r, path)?.0)
}

/// The header and its format version.
fn read_header_from(r: &mut impl Read, path: &Path) -> Result<(Header, u8)> {
    let mut magic = [0u8; 8];
    r.read_exact(&mut magic)
        .map_err(|_| damaged(path, "too short"))?;
    if &magic != MAGIC {
        return Err(damaged(path, "not a qiaomen snapshot"));
    }
    let mut len = [0u8; 4];
    r.read_exact(&mut len)
        .map_err(|_| damaged(path, "too short"))?;
    let len = u32::from_le_bytes(len);
    if len > HEADER_MAX {
        return Err(damaged(path, "header length out of range"));
    }
    let mut bytes = vec![0u8; len as usize];
    r.read_exact(&mut bytes)
        .map_err(|_| damaged(path, "too short"))?;
    decode_header(&bytes).map(|h| (h, bytes[0]))
}

fn decode_header(bytes: &[u8]) -> Result<Header> {
    let (version, body) = codec::split_version("snapshot header", bytes)?;
    match version {
        HEADER_VERSION => codec::decode_body("snapshot header", body),
        1 => {
            let h: HeaderV1 = codec::decode_body("snapshot header", body)?;
            Ok(Header {
                seq: h.seq,
                last_hash: h.last_hash,
                taken: h.taken,
                schema: h.schema,
                counts: h.counts,
                base: None,
            })
        }
        v => Err(codec::unknown_version("snapshot header", v)),
    }
}

/// The bytes that end a snapshot of this header version: (plain length?, checksum, end mark).
fn trailer_len(version: u8) -> u64 {
    if version >= 2 { 8 + 32 + 8 } else { 32 + 8 }
}

/// Checks the whole file against its checksum; for a delta, its base too (present, full, the
/// very file it was taken over, and whole).
pub fn verify(path: &Path) -> Result<Header> {
    let (header, _) = verify_file(path)?;
    if let Some(base) = &header.base {
        let at = base_path(path, base);
        let (base_header, sum) = verify_file(&at)
            .map_err(|e| damaged(path, &format!("its base snapshot does not read ({e})")))?;
        if base_header.base.is_some() || base_header.seq != base.seq || sum != base.sum {
            return Err(damaged(
                path,
                "its base snapshot is not the one it was taken over",
            ));
        }
    }
    Ok(header)
}

/// Checks one file against its checksum; returns its header and checksum.
pub fn verify_file(path: &Path) -> Result<(Header, Hash)> {
    let mut f = BufReader::with_capacity(1 << 20, File::open(path)?);
    let (header, version) = read_header_from(&mut f, path)?;
    f.seek(SeekFrom::Start(0))?;
    let total = f.get_ref().metadata()?.len();
    let trailer = trailer_len(version);
    if total < 8 + 4 + 1 + trailer {
        return Err(damaged(path, "too short"));
    }
    let body_len = total - 40;
    let mut hasher = Sha256::new();
    let mut left = body_len;
    let mut buf = vec![0u8; 1 << 20];
    while left > 0 {
        let n = (left.min(buf.len() as u64)) as usize;
        f.read_exact(&mut buf[..n])?;
        hasher.update(&buf[..n]);
        left -= n as u64;
    }
    let mut end = [0u8; 40];
    f.read_exact(&mut end)?;
    let end_magic = if version >= 2 {
        END_MAGIC_2
    } else {
        END_MAGIC_1
    };
    if &end[32..] != end_magic {
        return Err(damaged(path, "no end mark (cut off)"));
    }
    let sum: Hash = hasher.finalize().into();
    if sum[..] != end[..32] {
        return Err(damaged(path, "checksum does not match"));
    }
    Ok((header, sum))
}

/// What the snapshot's records would take uncompressed, read from its end (the data's size,
/// comparable between full snapshots and deltas). `None` for a snapshot of version 1.
pub fn plain_bytes(path: &Path) -> Result<Option<u64>> {
    let mut f = BufReader::new(File::open(path)?);
    let (_, version) = read_header_from(&mut f, path)?;
    if version < 2 {
        return Ok(None);
    }
    let total = f.get_ref().metadata()?.len();
    if total < trailer_len(version) {
        return Err(damaged(path, "too short"));
    }
    f.seek(SeekFrom::Start(total - trailer_len(version)))?;
    let mut plain = [0u8; 8];
    f.read_exact(&mut plain)?;
    Ok(Some(u64::from_le_bytes(plain)))
}

fn damaged(path: &Path, reason: &str) -> Error {
    Error::Corrupt {
        kind: "snapshot",
        reason: format!("{}: {reason}", path.display()),
    }
}
