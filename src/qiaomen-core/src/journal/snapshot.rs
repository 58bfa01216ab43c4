//! Snapshots: the whole store as of one journal entry, compact (the stored values as they are,
//! zstd-compressed) and checksummed. A snapshot plus the journal entries after it rebuilds the
//! store; kept 7 daily and 4 weekly.
//!
//! ```text
//! "QMSNAP01" | header length (u32 LE) | header (version byte + bincode)
//! | zstd( (tree u8, key length u32, key, value length u32, value)* , 0xFF )
//! | SHA-256 of everything before it | "QMSNEND1"
//! ```

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::segment::Hash;
use crate::day::{Date, Now};
use crate::error::{Error, Result};
use crate::store::codec;

const MAGIC: &[u8; 8] = b"QMSNAP01";
const END_MAGIC: &[u8; 8] = b"QMSNEND1";
const HEADER_VERSION: u8 = 1;
const HEADER_MAX: u32 = 1024 * 1024;
const EXTENSION: &str = "qms";
/// Keys and values are far below this; a larger length is damage.
const ITEM_MAX: u32 = 64 * 1024 * 1024;
const END_OF_RECORDS: u8 = 0xFF;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The last journal entry the snapshot contains.
    pub seq: u64,
    /// The hash of that entry: the journal after the snapshot chains from it.
    pub last_hash: Hash,
    /// When it was taken, on the community's clock (retention counts community days).
    pub taken: Now,
    pub schema: u32,
    /// Keys per tree, in `Tree::ALL` order.
    pub counts: Vec<u64>,
}

pub fn file_name(seq: u64) -> String {
    format!("snap-{seq:020}.{EXTENSION}")
}

/// A snapshot file found in a directory.
#[derive(Clone, Debug)]
pub struct Found {
    pub path: PathBuf,
    pub header: Header,
    pub bytes: u64,
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
    read_header_from(&mut r, path)
}

fn read_header_from(r: &mut impl Read, path: &Path) -> Result<Header> {
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
    let (version, body) = codec::split_version("snapshot header", &bytes)?;
    if version != HEADER_VERSION {
        return Err(codec::unknown_version("snapshot header", version));
    }
    codec::decode_body("snapshot header", body)
}

/// Checks the whole file against its checksum.
pub fn verify(path: &Path) -> Result<Header> {
    let header = read_header(path)?;
    let mut f = BufReader::with_capacity(1 << 20, File::open(path)?);
    let total = f.get_ref().metadata()?.len();
    if total < 8 + 4 + 32 + 8 {
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
    let mut trailer = [0u8; 40];
    f.read_exact(&mut trailer)?;
    if &trailer[32..] != END_MAGIC {
        return Err(damaged(path, "no end mark (cut off)"));
    }
    let sum: [u8; 32] = hasher.finalize().into();
    if sum[..] != trailer[..32] {
        return Err(damaged(path, "checksum does not match"));
    }
    Ok(header)
}

/// Reads every record of a verified snapshot, in the order written, with its header.
pub fn read_records(
    path: &Path,
    mut f: impl FnMut(&Header, u8, &[u8], &[u8]) -> Result<()>,
) -> Result<Header> {
    let header = verify(path)?;
    let mut r = BufReader::with_capacity(1 << 20, File::open(path)?);
    read_header_from(&mut r, path)?;
    let mut z = zstd::Decoder::with_buffer(r)?;
    let mut key = Vec::new();
    let mut value = Vec::new();
    loop {
        let mut tree = [0u8; 1];
        z.read_exact(&mut tree)?;
        if tree[0] == END_OF_RECORDS {
            break;
        }
        read_item(&mut z, &mut key, path)?;
        read_item(&mut z, &mut value, path)?;
        f(&header, tree[0], &key, &value)?;
    }
    Ok(header)
}

fn read_item(r: &mut impl Read, buf: &mut Vec<u8>, path: &Path) -> Result<()> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let len = u32::from_le_bytes(len);
    if len > ITEM_MAX {
        return Err(damaged(path, "a record length is out of range"));
    }
    buf.resize(len as usize, 0);
    r.read_exact(buf)?;
    Ok(())
}

/// Writes bytes on to a file while hashing them.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A snapshot being written to a temporary file; `finish` makes it durable under its name.
pub struct Writer {
    tmp: PathBuf,
    path: PathBuf,
    z: zstd::Encoder<'static, Hashing<BufWriter<File>>>,
}

impl Writer {
    pub fn create(dir: &Path, header: &Header) -> Result<Writer> {
        let path = dir.join(file_name(header.seq));
        let tmp = dir.join(format!(".{}.tmp", file_name(header.seq)));
        let file = File::create(&tmp)?;
        let mut w = Hashing {
            inner: BufWriter::with_capacity(1 << 20, file),
            hasher: Sha256::new(),
        };
        let head = codec::encode(HEADER_VERSION, header);
        w.write_all(MAGIC)?;
        w.write_all(&(head.len() as u32).to_le_bytes())?;
        w.write_all(&head)?;
        // Level 6: a little slower than the default, noticeably smaller; snapshots are
        // written in the background and kept for weeks.
        let z = zstd::Encoder::new(w, 6)?;
        Ok(Writer { tmp, path, z })
    }

    pub fn record(&mut self, tree: u8, key: &[u8], value: &[u8]) -> Result<()> {
        debug_assert_ne!(tree, END_OF_RECORDS);
        self.z.write_all(&[tree])?;
        self.z.write_all(&(key.len() as u32).to_le_bytes())?;
        self.z.write_all(key)?;
        self.z.write_all(&(value.len() as u32).to_le_bytes())?;
        self.z.write_all(value)?;
        Ok(())
    }

    /// Ends the records, writes the checksum, fsyncs, renames into place and fsyncs the
    /// directory. Returns the final path and size.
    pub fn finish(mut self) -> Result<(PathBuf, u64)> {
        self.z.write_all(&[END_OF_RECORDS])?;
        let mut w = self.z.finish()?;
        let sum: [u8; 32] = std::mem::take(&mut w.hasher).finalize().into();
        let mut file = w.inner;
        file.write_all(&sum)?;
        file.write_all(END_MAGIC)?;
        let file = file.into_inner().map_err(|e| Error::Io(e.into_error()))?;
        file.sync_all()?;
        let bytes = file.metadata()?.len();
        drop(file);
        std::fs::rename(&self.tmp, &self.path)?;
        crate::fsutil::sync_dir(self.path.parent().unwrap_or(Path::new(".")))?;
        Ok((self.path, bytes))
    }

    /// Gives up: removes the temporary file.
    pub fn abandon(self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// Which snapshots to keep: the newest; and the newest of each of the 7 latest community days
/// and of each of the 4 latest weeks (ISO weeks, Monday first). `found` is oldest first.
pub fn keep(found: &[Found]) -> Vec<bool> {
    let mut keep = vec![false; found.len()];
    if let Some(last) = keep.last_mut() {
        *last = true;
    }
    let mut days: Vec<Date> = Vec::new();
    let mut weeks: Vec<(i32, u8)> = Vec::new();
    for (i, f) in found.iter().enumerate().rev() {
        let day = f.header.taken.date;
        if !days.contains(&day) && days.len() < 7 {
            days.push(day);
            keep[i] = true;
        }
        let week = day.iso_week();
        if !weeks.contains(&week) && weeks.len() < 4 {
            weeks.push(week);
            keep[i] = true;
        }
    }
    keep
}

fn damaged(path: &Path, reason: &str) -> Error {
    Error::Corrupt {
        kind: "snapshot",
        reason: format!("{}: {reason}", path.display()),
    }
}
