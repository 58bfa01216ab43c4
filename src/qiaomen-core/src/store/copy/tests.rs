//! The copy behind a snapshot: what it reads is the store as it stood when the copy began,
//! whatever is written between its chunks, and no chunk holds much more than `CHUNK_BYTES`.

use std::collections::BTreeMap;

use super::{CHUNK, CHUNK_BYTES};
use crate::store::{Batch, Store, Tree};

/// A value as large as a district's packed day or search block.
const LARGE: usize = 40_000;

fn key(i: u32) -> Vec<u8> {
    i.to_be_bytes().to_vec()
}

fn notices(store: &Store) -> BTreeMap<Vec<u8>, Vec<u8>> {
    store
        .tree(Tree::Notices)
        .iter()
        .map(|kv| {
            let (k, v) = kv.unwrap();
            (k.to_vec(), v.to_vec())
        })
        .collect()
}

#[test]
fn a_copy_reads_the_store_as_it_began_in_chunks_of_bounded_bytes() {
    let store = Store::temporary().unwrap();
    // 1,500 records, every fourth one large: 15 MB, several chunks by bytes, not by count.
    let mut batch = Batch::default();
    for i in 0..1500u32 {
        let value = if i % 4 == 0 {
            vec![(i % 251) as u8; LARGE]
        } else {
            i.to_le_bytes().to_vec()
        };
        batch.put_raw(Tree::Notices, &key(i), value);
    }
    store.commit(&batch, false).unwrap();
    let began = notices(&store);

    store.begin_copy();
    let mut copied = BTreeMap::new();
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    while let Some(chunk) = store.copy_chunk().unwrap() {
        let mine: Vec<_> = chunk
            .into_iter()
            .filter(|(t, _, _)| *t == Tree::Notices as u8)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let bytes = mine.iter().map(|(_, k, v)| k.len() + v.len()).sum();
        chunks.push((mine.len(), bytes));
        copied.extend(mine.into_iter().map(|(_, k, v)| (k, v)));
        if chunks.len() == 1 {
            // Between the first chunk of this tree and the next: a key behind the cursor
            // changed, and ahead of it one changed, one deleted and one created.
            let mut writes = Batch::default();
            writes.put_raw(Tree::Notices, &key(0), b"changed behind".to_vec());
            writes.put_raw(Tree::Notices, &key(1400), b"changed ahead".to_vec());
            writes.delete(Tree::Notices, &key(1401));
            writes.put_raw(Tree::Notices, &key(5000), b"created ahead".to_vec());
            store.commit(&writes, false).unwrap();
        }
    }
    store.end_copy();

    assert_eq!(copied.len(), began.len());
    assert!(copied == began, "the copy is the store as it began");
    assert!(chunks.len() >= 4, "cut by bytes: {chunks:?}");
    for (n, bytes) in &chunks[..chunks.len() - 1] {
        assert!(*n < CHUNK, "the byte bound came first: {chunks:?}");
        assert!(*bytes < CHUNK_BYTES + LARGE + 8, "{chunks:?}");
    }
    // The store itself has every write.
    let now = notices(&store);
    assert_eq!(now[&key(0)], b"changed behind");
    assert_eq!(now[&key(1400)], b"changed ahead");
    assert!(!now.contains_key(&key(1401)));
    assert_eq!(now[&key(5000)], b"created ahead");
}
