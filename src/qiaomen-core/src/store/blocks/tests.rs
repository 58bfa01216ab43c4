use super::*;
use crate::store::Batch;

fn hex(b: &[u8]) -> String {
    use std::fmt::Write;
    b.iter().fold(String::new(), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

#[test]
fn a_block_is_stored_as_its_golden_bytes() {
    let v = encode(&[(16, b"ab".as_slice()), (18, b"".as_slice())]);
    assert_eq!(
        hex(&v),
        "0102\
         0000000000000010000000026162\
         000000000000001200000000"
    );
    assert_eq!(
        parse(1, &v).expect("parses"),
        vec![(16, 14..16), (18, 28..28)]
    );
    assert_eq!(hex(&block_key(17)), "ff0000000000000001");
    assert_eq!(block_of_key(&block_key(17)), Some(1));
    assert_eq!(block_of_key(&17u64.to_be_bytes()), None);
}

#[test]
fn a_damaged_block_is_refused() {
    let good = encode(&[(16, b"ab".as_slice()), (18, b"c".as_slice())]);
    let mut trailing = good.clone();
    trailing.push(0);
    let mut version = good.clone();
    version[0] = 2;
    let mut empty = good.clone();
    empty[1] = 0;
    let elsewhere = encode(&[(40, b"x".as_slice())]);
    let backwards = {
        let mut v = vec![BLOCK_VERSION, 2];
        for id in [18u64, 16] {
            v.extend(id.to_be_bytes());
            v.extend(0u32.to_be_bytes());
        }
        v
    };
    let mut huge = encode(&[(16, b"".as_slice())]);
    huge[10..14].copy_from_slice(&u32::MAX.to_be_bytes());
    for (what, raw) in [
        ("trailing", trailing),
        ("version", version),
        ("no records", empty),
        ("out of its block", elsewhere),
        ("out of order", backwards),
        ("cut short", good[..good.len() - 1].to_vec()),
        ("a record too large", huge),
        ("empty", Vec::new()),
    ] {
        assert!(parse(1, &raw).is_err(), "{what} is refused");
    }
}

fn put(store: &Store, tree: Tree, puts: &[(Id, &str)], deletes: &[Id]) {
    let mut batch = Batch::default();
    for (id, v) in puts {
        batch.put_raw(tree, &id_key(*id), v.as_bytes().to_vec());
    }
    for id in deletes {
        batch.delete(tree, &id_key(*id));
    }
    store.commit(&batch, false).expect("commits");
}

fn all(store: &Store, tree: Tree) -> Vec<(Id, String)> {
    store
        .records(tree)
        .expect("reads")
        .map(|r| {
            let (id, v) = r.expect("a record");
            (id, String::from_utf8(v.to_vec()).expect("text"))
        })
        .collect()
}

#[test]
fn records_are_written_sixteen_to_a_key_and_read_one_by_one() {
    let store = Store::temporary().expect("store");
    let t = Tree::Residents;
    put(&store, t, &[(1, "a"), (15, "b"), (16, "c"), (40, "d")], &[]);
    let keys: Vec<Vec<u8>> = store
        .tree(t)
        .iter()
        .keys()
        .map(|k| k.expect("key").to_vec())
        .collect();
    assert_eq!(
        keys,
        vec![
            block_key(0).to_vec(),
            block_key(16).to_vec(),
            block_key(40).to_vec()
        ]
    );
    assert_eq!(
        store.record(t, 15).expect("reads").as_deref(),
        Some(b"b".as_slice())
    );
    assert_eq!(store.record(t, 14).expect("reads"), None);
    assert_eq!(store.last_record_id(t).expect("reads"), Some(40));
    assert_eq!(store.count_records(t).expect("counts"), 4);
    // A record replaced, one taken out, a block emptied: its key goes.
    put(&store, t, &[(1, "A")], &[15, 40]);
    assert_eq!(all(&store, t), vec![(1, "A".into()), (16, "c".into())]);
    assert_eq!(store.tree(t).len(), 2);
    let from: Vec<Id> = store
        .records_from(t, 2)
        .expect("reads")
        .map(|r| r.expect("a record").0)
        .collect();
    assert_eq!(from, vec![16]);
    // The kept counts are of keys, and agree with a walk of them.
    let health = store.health().expect("health");
    assert!(health.mismatches().is_empty(), "{:?}", health.mismatches());
    assert_eq!(health.found[t as usize], 2);
}

#[test]
fn records_kept_a_record_to_a_key_are_read_and_moved_into_their_blocks() {
    let store = Store::temporary().expect("store");
    let t = Tree::Households;
    put(&store, t, &[(3, "in a block"), (20, "twenty")], &[]);
    // An older store's records, each under its own key (as a snapshot of schema 8 restores).
    for (id, v) in [
        (1u64, "one"),
        (5, "five"),
        (17, "seventeen"),
        (99, "ninety-nine"),
    ] {
        store
            .tree(t)
            .insert(id_key(id), v.as_bytes())
            .expect("inserts");
    }
    assert!(store.has_loose_records(t).expect("looks"));
    let ids: Vec<Id> = all(&store, t).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, vec![1, 3, 5, 17, 20, 99]);
    assert_eq!(
        store.record(t, 5).expect("reads").as_deref(),
        Some(b"five".as_slice())
    );
    assert_eq!(store.last_record_id(t).expect("reads"), Some(99));
    // A write of a loose record moves it: its own key goes.
    put(&store, t, &[(5, "FIVE")], &[17]);
    assert_eq!(store.tree(t).get(id_key(5)).expect("reads"), None);
    assert_eq!(store.tree(t).get(id_key(17)).expect("reads"), None);
    assert_eq!(
        store.record(t, 5).expect("reads").as_deref(),
        Some(b"FIVE".as_slice())
    );
    assert_eq!(store.record(t, 17).expect("reads"), None);
    store.move_into_blocks(t).expect("moves");
    assert!(!store.has_loose_records(t).expect("looks"));
    assert!(
        store
            .tree(t)
            .iter()
            .keys()
            .all(|k| block_of_key(&k.expect("key")).is_some())
    );
    assert_eq!(
        all(&store, t),
        vec![
            (1, "one".into()),
            (3, "in a block".into()),
            (5, "FIVE".into()),
            (20, "twenty".into()),
            (99, "ninety-nine".into()),
        ]
    );
}

#[test]
fn the_bound_of_a_blocked_kind_is_read_from_the_kept_counts_of_its_blocks() {
    use crate::model::Resident;
    let store = Store::temporary().expect("store");
    // Without kept counts (a temporary store keeps none until counted) the records are read.
    put(&store, Tree::Residents, &[(1, "a")], &[]);
    assert_eq!(store.count_bound::<Resident>().expect("bound"), 1);
    store.set_bookkeeping(0).expect("counted");
    put(&store, Tree::Residents, &[(2, "b"), (16, "c")], &[]);
    // Two blocks kept: at most 32 records, without reading them; `count` reads them.
    assert_eq!(store.count_bound::<Resident>().expect("bound"), 32);
    assert_eq!(store.count_records(Tree::Residents).expect("count"), 3);
}
