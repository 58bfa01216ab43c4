//! The journal's own files: how a segment is created, and what opening makes of one whose
//! creation was cut off.

use std::path::Path;

use super::{Entry, Journal, Op, segment};
use crate::day::Now;

fn entry(seq: u64) -> Entry {
    Entry {
        seq,
        now: Now::at(1_764_550_800, 480).expect("a time"),
        operator: "测试员".into(),
        os_user: "steward".into(),
        op: Op::Refused {
            what: format!("entry {seq}"),
        },
    }
}

/// A journal of three entries in a first segment, and a second segment started after them
/// whose creation was cut off: its file holds what `bytes` makes of the header it would have had.
fn cut_off_after_three(dir: &Path, bytes: impl FnOnce(Vec<u8>) -> Vec<u8>) {
    let mut journal = Journal::create(dir, 0, [7; 32]).expect("create");
    for seq in 1..=3 {
        journal.append(&entry(seq), true).expect("append");
    }
    let head = segment::header(4, &journal.last_hash());
    drop(journal);
    std::fs::write(dir.join(segment::file_name(4)), bytes(head)).expect("write");
}

fn seqs(dir: &Path) -> Vec<u64> {
    let mut out = Vec::new();
    Journal::for_each_after(dir, 0, |e, _| {
        out.push(e.seq);
        Ok(true)
    })
    .expect("read");
    out
}

#[test]
fn a_segment_is_created_whole_and_its_temporary_file_is_never_listed() {
    let t = tempfile::tempdir().expect("tempdir");
    let dir = t.path().join("journal");
    let mut journal = Journal::create(&dir, 0, [7; 32]).expect("create");
    journal.append(&entry(1), true).expect("append");
    journal.rotate().expect("rotate");
    journal.append(&entry(2), true).expect("append");
    // What a process killed while creating the next segment leaves behind.
    std::fs::write(dir.join(format!(".{}.tmp", segment::file_name(3))), b"QMJ").expect("write");
    drop(journal);
    let names: Vec<u64> = segment::list(&dir)
        .expect("list")
        .into_iter()
        .map(|(first, _)| first)
        .collect();
    assert_eq!(names, [1, 2]);
    let (journal, report) = Journal::open(&dir).expect("open");
    assert_eq!(journal.last_seq(), 2);
    assert!(!report.torn_tail);
    // A segment of a name already there is never replaced.
    assert!(
        segment::create(&dir, 2, &[0; 32]).is_err(),
        "segment 2 exists"
    );
    assert_eq!(seqs(&dir), [1, 2], "and is as it was");
}

#[test]
fn an_entry_taken_back_in_a_new_segment_is_written_over_not_after_a_gap() {
    let t = tempfile::tempdir().expect("tempdir");
    let dir = t.path().join("journal");
    let mut journal = Journal::create(&dir, 0, [7; 32]).expect("create");
    journal.append(&entry(1), true).expect("append");
    journal.rotate().expect("rotate");
    // Entry 2 starts segment 2 in this process; its commit fails and it is taken back.
    let mark = journal.mark();
    journal.append(&entry(2), true).expect("append");
    journal.undo(mark);
    journal.append(&entry(2), true).expect("append again");
    journal.append(&entry(3), true).expect("append");
    drop(journal);
    let (journal, report) = Journal::open(&dir).expect("open");
    assert_eq!(
        report,
        super::JournalOpen::default(),
        "nothing torn or damaged"
    );
    assert_eq!(journal.last_seq(), 3);
    assert_eq!(seqs(&dir), [1, 2, 3]);
}

#[test]
fn a_segment_cut_off_before_its_header_is_removed_and_the_journal_goes_on() {
    for keep in [0, 5, 47] {
        let t = tempfile::tempdir().expect("tempdir");
        let dir = t.path().join("journal");
        cut_off_after_three(&dir, |mut head| {
            head.truncate(keep);
            head
        });
        let (mut journal, report) = Journal::open(&dir).expect("open");
        assert!(report.torn_tail, "{keep} bytes");
        assert_eq!(report.damaged, None);
        assert_eq!(journal.last_seq(), 3);
        assert!(!dir.join(segment::file_name(4)).exists(), "{keep} bytes");
        journal.append(&entry(4), true).expect("append");
        drop(journal);
        assert_eq!(seqs(&dir), [1, 2, 3, 4], "{keep} bytes");
    }
}

#[test]
fn a_short_segment_that_is_not_a_cut_off_header_stays_an_error() {
    // Bytes that are not the header that follows, or a header numbered past the entries:
    // damage, never silently removed.
    type Bytes = fn(Vec<u8>) -> Vec<u8>;
    let cases: [(&str, u64, Bytes); 3] = [
        ("other bytes", 4, |_| b"QMJRNL02".to_vec()),
        ("another hash", 4, |mut head| {
            head[20] ^= 1;
            head.truncate(30);
            head
        }),
        // Named 5 after entries 1 to 3: entry 4 would be missing.
        ("numbered past the entries", 5, |head| head[..8].to_vec()),
    ];
    for (what, first, bytes) in cases {
        let t = tempfile::tempdir().expect("tempdir");
        let dir = t.path().join("journal");
        cut_off_after_three(&dir, bytes);
        if first != 4 {
            std::fs::rename(
                dir.join(segment::file_name(4)),
                dir.join(segment::file_name(first)),
            )
            .expect("rename");
        }
        let Err(e) = Journal::open(&dir) else {
            panic!("{what}: opened");
        };
        assert!(
            e.to_string().contains("shorter than its header"),
            "{what}: {e}"
        );
        assert!(dir.join(segment::file_name(first)).exists(), "{what}");
    }
}
