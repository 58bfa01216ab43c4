use std::path::{Path, PathBuf};

use super::*;

type Rec = (u8, Vec<u8>, Vec<u8>);

fn rec(tree: u8, key: &str, value: &str) -> Rec {
    (tree, key.as_bytes().to_vec(), value.as_bytes().to_vec())
}

fn header(seq: u64, day: i64, base: Option<Base>) -> Header {
    Header {
        seq,
        last_hash: [seq as u8; 32],
        taken: Now::at(1_764_550_800 + day * 86_400, 480).expect("a time"),
        schema: 8,
        counts: vec![1, 2, 3],
        base,
    }
}

fn write(dir: &Path, header: &Header, records: &[Rec]) -> PathBuf {
    let mut w = Writer::create(dir, header).expect("create");
    for (t, k, v) in records {
        w.record(*t, k, v).expect("record");
    }
    w.finish().expect("finish").0
}

fn read(path: &Path) -> Result<Vec<Rec>> {
    let mut out = Vec::new();
    read_records(path, |_, t, k, v| {
        out.push((t, k.to_vec(), v.to_vec()));
        Ok(())
    })?;
    Ok(out)
}

fn base_of(path: &Path) -> Base {
    let (h, sum) = verify_file(path).expect("a whole snapshot");
    Base { seq: h.seq, sum }
}

fn the_day_before() -> Vec<Rec> {
    vec![
        rec(0, "meta", "a"),
        rec(3, "h1", "household one"),
        rec(3, "h2", "household two"),
        rec(4, "r1", "resident one"),
        rec(14, "a1", "audit one"),
        rec(14, "a2", "audit two"),
        rec(30, "z9", "the last record"),
    ]
}

fn the_day_after() -> Vec<Rec> {
    vec![
        // "meta" changed; "h1" removed (the first of its tree); "h2" as it was.
        rec(0, "meta", "b"),
        rec(3, "h2", "household two"),
        // A record new in a tree the base has; one in a tree the base lacks.
        rec(4, "r0", "resident zero"),
        rec(4, "r1", "resident one"),
        rec(5, "e1", "elder one"),
        rec(14, "a1", "audit one"),
        rec(14, "a2", "audit two"),
        rec(14, "a3", "audit three"),
        // "z9" removed (the base's last record).
    ]
}

#[test]
fn a_delta_reads_as_the_whole_store_and_holds_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let full = write(dir.path(), &header(10, 0, None), &the_day_before());
    let delta = write(
        dir.path(),
        &header(20, 1, Some(base_of(&full))),
        &the_day_after(),
    );
    assert_eq!(read(&full).unwrap(), the_day_before());
    assert_eq!(read(&delta).unwrap(), the_day_after());
    assert_eq!(verify(&delta).unwrap().base, Some(base_of(&full)));

    // Its own records: the 3 changed or new and 2 removed, not the 4 unchanged.
    let (_, mut own) = read::Records::open(&delta).unwrap();
    let mut held = Vec::new();
    while own.next().unwrap() {
        held.push((
            own.tree,
            String::from_utf8(own.key.clone()).unwrap(),
            own.removed,
        ));
    }
    let expected = [
        (0, "meta", false),
        (3, "h1", true),
        (4, "r0", false),
        (5, "e1", false),
        (14, "a3", false),
        (30, "z9", true),
    ];
    let expected: Vec<(u8, String, bool)> = expected
        .iter()
        .map(|(t, k, r)| (*t, k.to_string(), *r))
        .collect();
    assert_eq!(held, expected);

    // The plain size is the whole store's, as a full snapshot of the same records says.
    let other = tempfile::tempdir().unwrap();
    let as_full = write(other.path(), &header(20, 1, None), &the_day_after());
    assert_eq!(plain_bytes(&delta).unwrap(), plain_bytes(&as_full).unwrap());
    assert!(plain_bytes(&delta).unwrap().unwrap() > 0);
}

#[test]
fn a_delta_is_no_better_than_its_base() {
    let dir = tempfile::tempdir().unwrap();
    let full = write(dir.path(), &header(10, 0, None), &the_day_before());
    let delta = write(
        dir.path(),
        &header(20, 1, Some(base_of(&full))),
        &the_day_after(),
    );
    let whole = std::fs::read(&full).unwrap();

    // A byte of the base flipped: the delta does not read either.
    let mut flipped = whole.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 0x20;
    std::fs::write(&full, &flipped).unwrap();
    assert!(verify(&delta).is_err());
    assert!(read(&delta).is_err());

    // Another whole snapshot under the base's name: not the one it was taken over.
    let other = tempfile::tempdir().unwrap();
    let impostor = write(other.path(), &header(10, 0, None), &the_day_after());
    std::fs::copy(&impostor, &full).unwrap();
    let err = verify(&delta).unwrap_err().to_string();
    assert!(err.contains("not the one"), "{err}");

    // The base gone.
    std::fs::remove_file(&full).unwrap();
    assert!(read(&delta).is_err());

    // Put back, all reads again.
    std::fs::write(&full, &whole).unwrap();
    assert_eq!(read(&delta).unwrap(), the_day_after());
}

#[test]
fn a_delta_over_a_delta_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let full = write(dir.path(), &header(10, 0, None), &the_day_before());
    let delta = write(
        dir.path(),
        &header(20, 1, Some(base_of(&full))),
        &the_day_after(),
    );
    let base = base_of(&delta);
    assert!(Writer::create(dir.path(), &header(30, 2, Some(base))).is_err());
}

#[test]
fn records_out_of_order_are_damage() {
    let dir = tempfile::tempdir().unwrap();
    let mut records = the_day_before();
    records.swap(1, 2);
    let path = write(dir.path(), &header(10, 0, None), &records);
    let err = read(&path).unwrap_err().to_string();
    assert!(err.contains("out of order"), "{err}");
}

/// A snapshot written before deltas (header version 1, no plain size) still reads, and can be
/// the base of a delta.
#[test]
fn a_version_1_snapshot_reads_and_can_be_a_base() {
    let dir = tempfile::tempdir().unwrap();
    let h = header(10, 0, None);
    let head = codec::encode(
        1,
        &HeaderV1 {
            seq: h.seq,
            last_hash: h.last_hash,
            taken: h.taken,
            schema: h.schema,
            counts: h.counts.clone(),
        },
    );
    let mut body = Vec::new();
    for (t, k, v) in the_day_before() {
        body.push(t);
        body.extend((k.len() as u32).to_le_bytes());
        body.extend(&k);
        body.extend((v.len() as u32).to_le_bytes());
        body.extend(&v);
    }
    body.push(END_OF_RECORDS);
    let mut file = Vec::new();
    file.extend(MAGIC);
    file.extend((head.len() as u32).to_le_bytes());
    file.extend(&head);
    file.extend(zstd::bulk::compress(&body, 3).unwrap());
    let sum: Hash = Sha256::digest(&file).into();
    file.extend(sum);
    file.extend(END_MAGIC_1);
    let path = dir.path().join(file_name(10));
    std::fs::write(&path, &file).unwrap();

    assert_eq!(read_header(&path).unwrap(), h);
    assert_eq!(read(&path).unwrap(), the_day_before());
    assert_eq!(plain_bytes(&path).unwrap(), None);
    let delta = write(
        dir.path(),
        &header(20, 1, Some(base_of(&path))),
        &the_day_after(),
    );
    assert_eq!(read(&delta).unwrap(), the_day_after());
}

#[test]
fn retention_keeps_the_bases_of_kept_deltas_and_the_two_newest_full_snapshots() {
    let found = |seq: u64, day: i64, base: Option<u64>| Found {
        path: PathBuf::from(file_name(seq)),
        header: header(seq, day, base.map(|seq| Base { seq, sum: [0; 32] })),
        bytes: 1,
    };
    // Fulls on days 0, 28 and 56; a delta every other day over the newest full before it.
    let mut all = Vec::new();
    for day in 0..70 {
        let full = day / 28 * 28;
        all.push(found(
            day as u64 + 1,
            day,
            (day != full).then_some(full as u64 + 1),
        ));
    }
    let keep = keep(&all);
    let kept: Vec<i64> = all
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(f, _)| f.header.taken.date.days_since(all[0].header.taken.date))
        .collect();
    // Day 0 is a Monday, day 69 a Sunday: the 7 days 63–69; the last days of the weeks
    // before, 62, 55 and 48; the full of day 28, base of the deltas of days 48 and 55; and
    // the newest fulls, 28 and 56.
    assert_eq!(kept, vec![28, 48, 55, 56, 62, 63, 64, 65, 66, 67, 68, 69]);
}
