//! Writing a snapshot, full or as a delta over a full one.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::read::Records;
use super::{
    END_MAGIC_2, END_OF_RECORDS, HEADER_VERSION, Header, MAGIC, REMOVED, base_path, damaged,
    file_name,
};
use crate::error::{Error, Result};
use crate::store::codec;

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

/// A delta's base, read alongside the records written.
struct Over {
    records: Records,
    /// Whether `records` stands on a record (false once the base is read through).
    on: bool,
}

/// A snapshot being written to a temporary file; `finish` makes it durable under its name.
/// Every record of the store is given to `record`, in order, whatever the kind of snapshot:
/// a delta writes only those that differ from its base.
pub struct Writer {
    tmp: PathBuf,
    path: PathBuf,
    z: zstd::Encoder<'static, Hashing<BufWriter<File>>>,
    /// What the records given would take uncompressed.
    plain: u64,
    over: Option<Over>,
}

impl Writer {
    /// A full snapshot, or a delta if the header names a base: the base must be a full
    /// snapshot beside it, already verified by the caller.
    pub fn create(dir: &Path, header: &Header) -> Result<Writer> {
        let path = dir.join(file_name(header.seq));
        let over = match &header.base {
            None => None,
            Some(base) => {
                let at = base_path(&path, base);
                let (base_header, mut records) = Records::open(&at)?;
                if base_header.base.is_some() {
                    return Err(damaged(&at, "a delta cannot be taken over a delta"));
                }
                let on = records.next()?;
                Some(Over { records, on })
            }
        };
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
        Ok(Writer {
            tmp,
            path,
            z,
            plain: 0,
            over,
        })
    }

    /// The store's next record (trees in `Tree::ALL` order, keys in order within a tree).
    pub fn record(&mut self, tree: u8, key: &[u8], value: &[u8]) -> Result<()> {
        debug_assert_ne!(tree, END_OF_RECORDS);
        self.plain += 1 + 4 + key.len() as u64 + 4 + value.len() as u64;
        let Some(over) = self.over.as_mut() else {
            return write_record(&mut self.z, tree, key, Some(value));
        };
        // Base records before this one are gone from the store.
        while over.on && (over.records.tree, over.records.key.as_slice()) < (tree, key) {
            write_record(&mut self.z, over.records.tree, &over.records.key, None)?;
            over.on = over.records.next()?;
        }
        if over.on && (over.records.tree, over.records.key.as_slice()) == (tree, key) {
            let same = over.records.value == value;
            over.on = over.records.next()?;
            if same {
                return Ok(());
            }
        }
        write_record(&mut self.z, tree, key, Some(value))
    }

    /// Ends the records, writes the checksum, fsyncs, renames into place and fsyncs the
    /// directory. Returns the final path and size.
    pub fn finish(mut self) -> Result<(PathBuf, u64)> {
        if let Some(over) = self.over.as_mut() {
            while over.on {
                write_record(&mut self.z, over.records.tree, &over.records.key, None)?;
                over.on = over.records.next()?;
            }
        }
        self.z.write_all(&[END_OF_RECORDS])?;
        let mut w = self.z.finish()?;
        w.write_all(&self.plain.to_le_bytes())?;
        let sum: [u8; 32] = std::mem::take(&mut w.hasher).finalize().into();
        let mut file = w.inner;
        file.write_all(&sum)?;
        file.write_all(END_MAGIC_2)?;
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

/// One record; `None`: removed since the base.
fn write_record(w: &mut impl Write, tree: u8, key: &[u8], value: Option<&[u8]>) -> Result<()> {
    w.write_all(&[tree])?;
    w.write_all(&(key.len() as u32).to_le_bytes())?;
    w.write_all(key)?;
    match value {
        Some(v) => {
            w.write_all(&(v.len() as u32).to_le_bytes())?;
            w.write_all(v)?;
        }
        None => w.write_all(&REMOVED.to_le_bytes())?,
    }
    Ok(())
}
