//! Reading a snapshot's records: a full snapshot as written, a delta merged with its base.

use std::cmp::Ordering;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use super::{END_OF_RECORDS, Header, ITEM_MAX, REMOVED, base_path, damaged, read_header_from};
use crate::error::Result;

/// The records of one snapshot file, one at a time, in order (checked: a file out of order
/// is damaged). Does not check the checksum: `verify` first.
pub(super) struct Records {
    z: zstd::Decoder<'static, BufReader<File>>,
    path: PathBuf,
    pub tree: u8,
    pub key: Vec<u8>,
    pub value: Vec<u8>,
    /// The record is one a delta removes (`value` is empty).
    pub removed: bool,
    /// The key of the record before (for the order check; its tree is still `tree` until
    /// the next is read).
    before: Vec<u8>,
    started: bool,
}

impl Records {
    pub fn open(path: &Path) -> Result<(Header, Records)> {
        let mut r = BufReader::with_capacity(1 << 20, File::open(path)?);
        let (header, _) = read_header_from(&mut r, path)?;
        let records = Records {
            z: zstd::Decoder::with_buffer(r)?,
            path: path.to_owned(),
            tree: 0,
            key: Vec::new(),
            value: Vec::new(),
            removed: false,
            before: Vec::new(),
            started: false,
        };
        Ok((header, records))
    }

    /// Reads the next record; `false` at the end.
    pub fn next(&mut self) -> Result<bool> {
        let mut tree = [0u8; 1];
        self.z.read_exact(&mut tree)?;
        if tree[0] == END_OF_RECORDS {
            return Ok(false);
        }
        // The key read last becomes the one before; its buffer takes the next.
        let previous = self.tree;
        std::mem::swap(&mut self.before, &mut self.key);
        self.tree = tree[0];
        let len = read_u32(&mut self.z)?;
        read_into(&mut self.z, &mut self.key, checked(len, &self.path)?)?;
        if self.started && (previous, self.before.as_slice()) >= (self.tree, self.key.as_slice()) {
            return Err(damaged(&self.path, "records out of order"));
        }
        self.started = true;
        let len = read_u32(&mut self.z)?;
        self.removed = len == REMOVED;
        if self.removed {
            self.value.clear();
        } else {
            read_into(&mut self.z, &mut self.value, checked(len, &self.path)?)?;
        }
        Ok(true)
    }
}

fn read_u32(r: &mut impl Read) -> Result<u32> {
    let mut bytes = [0u8; 4];
    r.read_exact(&mut bytes)?;
    Ok(u32::from_le_bytes(bytes))
}

/// A key's or value's length, unless it is out of range (damage).
fn checked(len: u32, path: &Path) -> Result<u32> {
    if len > ITEM_MAX {
        return Err(damaged(path, "a record length is out of range"));
    }
    Ok(len)
}

fn read_into(r: &mut impl Read, buf: &mut Vec<u8>, len: u32) -> Result<()> {
    buf.resize(len as usize, 0);
    r.read_exact(buf)?;
    Ok(())
}

/// Reads every record of a verified snapshot, in order, with its header: a delta's records
/// merged with its base's.
pub fn read_records(
    path: &Path,
    mut f: impl FnMut(&Header, u8, &[u8], &[u8]) -> Result<()>,
) -> Result<Header> {
    let header = super::verify(path)?;
    let (_, mut own) = Records::open(path)?;
    let Some(base) = &header.base else {
        while own.next()? {
            if own.removed {
                return Err(damaged(path, "a full snapshot removes a record"));
            }
            f(&header, own.tree, &own.key, &own.value)?;
        }
        return Ok(header);
    };
    let (_, mut under) = Records::open(&base_path(path, base))?;
    let (mut on_own, mut on_under) = (own.next()?, under.next()?);
    loop {
        let order = match (on_own, on_under) {
            (false, false) => break,
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (true, true) => (own.tree, own.key.as_slice()).cmp(&(under.tree, under.key.as_slice())),
        };
        match order {
            // Only in the base: unchanged.
            Ordering::Greater => {
                if under.removed {
                    return Err(damaged(path, "its base removes a record"));
                }
                f(&header, under.tree, &under.key, &under.value)?;
                on_under = under.next()?;
            }
            // Only in the delta: new since the base (it cannot remove what the base lacks).
            Ordering::Less => {
                if own.removed {
                    return Err(damaged(path, "it removes a record its base does not hold"));
                }
                f(&header, own.tree, &own.key, &own.value)?;
                on_own = own.next()?;
            }
            // In both: changed, or removed.
            Ordering::Equal => {
                if !own.removed {
                    f(&header, own.tree, &own.key, &own.value)?;
                }
                on_own = own.next()?;
                on_under = under.next()?;
            }
        }
    }
    Ok(header)
}
