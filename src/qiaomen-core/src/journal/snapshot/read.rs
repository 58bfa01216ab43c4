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
    /// The record before, for the order check.
    before: Option<(u8, Vec<u8>)>,
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
            before: None,
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
        // The key read last becomes the one before (the buffer before it takes the next).
        let mut spare = self.before.take().map(|(_, k)| k).unwrap_or_default();
        if self.started {
            std::mem::swap(&mut spare, &mut self.key);
            self.before = Some((self.tree, spare));
        }
        self.tree = tree[0];
        let len = read_len(&mut self.z, &self.path)?;
        read_into(&mut self.z, &mut self.key, len)?;
        if let Some((t, k)) = &self.before
            && (*t, k.as_slice()) >= (self.tree, self.key.as_slice())
        {
            return Err(damaged(&self.path, "records out of order"));
        }
        let mut len = [0u8; 4];
        self.z.read_exact(&mut len)?;
        let len = u32::from_le_bytes(len);
        self.removed = len == REMOVED;
        if self.removed {
            self.value.clear();
        } else {
            if len > ITEM_MAX {
                return Err(damaged(&self.path, "a record length is out of range"));
            }
            read_into(&mut self.z, &mut self.value, len)?;
        }
        self.started = true;
        Ok(true)
    }
}

fn read_len(r: &mut impl Read, path: &Path) -> Result<u32> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let len = u32::from_le_bytes(len);
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
