//! Journal segments on disk: a header naming the first sequence number and the hash the chain
//! continues from, then frames of `length, hash, payload`, where each hash is
//! SHA-256(previous hash ‖ payload). A flipped bit anywhere breaks its frame's hash; an edited
//! entry whose hash was recomputed breaks the next frame's, so history cannot be changed
//! unnoticed short of rewriting every entry after it.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, Read as _, Write as _};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::entry::{Entry, MAX_ENTRY};
use crate::damage::Damage;
use crate::error::{Error, Result};

pub type Hash = [u8; 32];

const MAGIC: &[u8; 8] = b"QMJRNL01";
pub const HEADER_LEN: u64 = 8 + 8 + 32;
const FRAME_HEAD: usize = 4 + 32;
const EXTENSION: &str = "qmj";

pub fn chain(prev: &Hash, payload: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(payload);
    h.finalize().into()
}

pub fn file_name(first_seq: u64) -> String {
    format!("{first_seq:020}.{EXTENSION}")
}

pub fn header(first_seq: u64, prev: &Hash) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN as usize);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&first_seq.to_le_bytes());
    out.extend_from_slice(prev);
    out
}

pub fn frame(hash: &Hash, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(FRAME_HEAD + payload.len());
    out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    out.extend_from_slice(hash);
    out.extend_from_slice(payload);
    out
}

/// Creates the segment that starts at `first_seq` and chains from `prev`, whole or not at all:
/// its header is written to a temporary file, made durable, and renamed into place (then the
/// directory is synced). A process killed half way leaves a temporary file that no listing
/// reads and the next open removes, never a segment without its header.
pub fn create(dir: &Path, first_seq: u64, prev: &Hash) -> Result<File> {
    let path = dir.join(file_name(first_seq));
    let tmp = dir.join(format!(".{}.tmp", file_name(first_seq)));
    // A temporary file left by a process killed here is not ours to append to.
    match std::fs::remove_file(&tmp) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
        _ => {}
    }
    // Appending: after `Journal::undo` shortens the file, the next entry goes at its new end,
    // not at the old write position past a gap.
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create_new(true)
        .open(&tmp)?;
    // A segment of that name is never replaced (`NOREPLACE`: the rename fails instead).
    let placed = file
        .write_all(&header(first_seq, prev))
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            rustix::fs::renameat_with(
                rustix::fs::CWD,
                &tmp,
                rustix::fs::CWD,
                &path,
                rustix::fs::RenameFlags::NOREPLACE,
            )
            .map_err(std::io::Error::from)
        });
    if let Err(e) = placed {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    if let Err(e) = crate::fsutil::sync_dir(dir) {
        let _ = std::fs::remove_file(&path);
        return Err(e.into());
    }
    Ok(file)
}

/// Whether `path`, the last segment, is one whose creation was cut off (by a release that
/// created the file before writing its header): shorter than a header, its bytes the start of
/// the header that follows `before`, a segment whose entries end cleanly just before it.
/// No entry was ever written to it, so nothing in it was acknowledged.
pub fn cut_off_at_creation(before: &Path, path: &Path, first_seq: u64) -> Result<bool> {
    if std::fs::metadata(path)?.len() >= HEADER_LEN {
        return Ok(false);
    }
    let bytes = std::fs::read(path)?;
    let prev = scan(before, |_| Ok(true))?;
    Ok(prev.end == End::Clean
        && prev.next_seq == first_seq
        && header(first_seq, &prev.last_hash).starts_with(&bytes))
}

/// The segments of a journal directory, in order of their first sequence number.
pub fn list(dir: &Path) -> Result<Vec<(u64, PathBuf)>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e.into()),
    };
    for e in entries {
        let path = e?.path();
        if path.extension().and_then(|x| x.to_str()) != Some(EXTENSION) {
            continue;
        }
        let Some(first) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<u64>().ok())
        else {
            continue;
        };
        out.push((first, path));
    }
    out.sort();
    Ok(out)
}

/// How reading a segment ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    /// Every byte was a good frame.
    Clean,
    /// The last frame is incomplete or does not match its hash, and nothing follows it: a write
    /// that was cut off (never acknowledged), or damage to the very end.
    Torn,
    /// A frame in the middle is damaged, or the sequence numbers do not follow on.
    Damaged(crate::damage::Damage),
}

/// A segment read from disk.
pub struct Scan {
    pub first_seq: u64,
    pub prev_hash: Hash,
    /// The byte length of the good part (header and whole good frames).
    pub good_len: u64,
    pub end: End,
    /// The sequence number the next entry would have, and the hash it would chain from.
    pub next_seq: u64,
    pub last_hash: Hash,
}

/// One good frame as read: its payload (not yet decoded: opening the journal only needs to
/// know where import chunks are), its place, its hash, the hash before it and where it starts.
pub struct Frame<'a> {
    pub payload: &'a [u8],
    pub seq: u64,
    pub hash: &'a Hash,
    pub prev: &'a Hash,
    pub start: u64,
}

impl Frame<'_> {
    /// The entry, decoded, with its sequence number checked against its place.
    pub fn entry(&self) -> Result<Entry> {
        let entry = Entry::decode(self.payload)?;
        if entry.seq != self.seq {
            return Err(Error::Corrupt {
                kind: "journal entry",
                reason: format!("entry {} is numbered {} instead", self.seq, entry.seq),
            });
        }
        Ok(entry)
    }

    pub fn is_import_chunk(&self) -> bool {
        Entry::payload_is_import_chunk(self.payload)
    }
}

/// Reads a whole segment, checking every frame against the chain, and calling `f` with each
/// good frame (until it returns `false`).
pub fn scan(path: &Path, mut f: impl FnMut(Frame<'_>) -> Result<bool>) -> Result<Scan> {
    let file = File::open(path)?;
    let total = file.metadata()?.len();
    let mut r = BufReader::with_capacity(1 << 20, file);
    let mut head = [0u8; HEADER_LEN as usize];
    if total < HEADER_LEN {
        return Err(damaged(path, "shorter than its header"));
    }
    r.read_exact(&mut head)?;
    if &head[..8] != MAGIC {
        return Err(damaged(path, "not a qiaomen journal segment"));
    }
    let first_seq = u64::from_le_bytes(head[8..16].try_into().expect("8 bytes"));
    let prev_hash: Hash = head[16..48].try_into().expect("32 bytes");
    let mut scan = Scan {
        first_seq,
        prev_hash,
        good_len: HEADER_LEN,
        end: End::Clean,
        next_seq: first_seq,
        last_hash: prev_hash,
    };
    let mut hash = prev_hash;
    let mut expect_seq = first_seq;
    let mut payload = Vec::new();
    loop {
        let left = total - scan.good_len;
        if left == 0 {
            break;
        }
        let mut fh = [0u8; FRAME_HEAD];
        if left < FRAME_HEAD as u64 {
            scan.end = End::Torn;
            break;
        }
        r.read_exact(&mut fh)?;
        let len = u64::from(u32::from_le_bytes(fh[..4].try_into().expect("4 bytes")));
        let stored: Hash = fh[4..].try_into().expect("32 bytes");
        let frame_len = FRAME_HEAD as u64 + len;
        if len as usize > MAX_ENTRY || frame_len > left {
            // A length past the end: the last write was cut off, or the length is damaged.
            scan.end = if frame_len > left && len as usize <= MAX_ENTRY {
                End::Torn
            } else {
                tail_or_damage(frame_len >= left, Damage::FrameLength)
            };
            break;
        }
        payload.resize(len as usize, 0);
        r.read_exact(&mut payload)?;
        let at_end = scan.good_len + frame_len == total;
        if chain(&hash, &payload) != stored {
            scan.end = tail_or_damage(at_end, Damage::EntryHash { seq: expect_seq });
            break;
        }
        let go_on = f(Frame {
            payload: &payload,
            seq: expect_seq,
            hash: &stored,
            prev: &hash,
            start: scan.good_len,
        })?;
        hash = stored;
        expect_seq += 1;
        scan.good_len += frame_len;
        if !go_on {
            break;
        }
    }
    scan.next_seq = expect_seq;
    scan.last_hash = hash;
    Ok(scan)
}

fn tail_or_damage(at_end: bool, what: Damage) -> End {
    if at_end {
        End::Torn
    } else {
        End::Damaged(what)
    }
}

fn damaged(path: &Path, reason: &str) -> Error {
    Error::Corrupt {
        kind: "journal segment",
        reason: format!("{}: {reason}", path.display()),
    }
}
