//! Need tags (`model::Need`): what the store, the journal, old snapshots and old backups held as
//! free text reads as its tag, or as no tag with the word kept in the record's note (pledge
//! format 3 has one for it), and the double-help warning matches two words for one need.

mod common;

use std::io::Cursor;

use common::samples;
use qiaomen_core::journal::Entry;
use qiaomen_core::model::{Direction, FundEntry, Need, Pledge};
use qiaomen_core::register::{RegisterCommand, find_duplicates};
use qiaomen_core::store::{Entity, codec};
use qiaomen_core::{Command, Store};
use serde::Serialize;

/// A fund entry as format version 1 stored it: the same fields, `need` free text.
#[derive(Serialize)]
struct FundV1<'a> {
    id: u64,
    date: qiaomen_core::Date,
    amount_fen: i64,
    direction: Direction,
    partner: Option<u64>,
    household: Option<u64>,
    need: &'a str,
    note: &'a str,
}

fn fund_v1(need: &str) -> Vec<u8> {
    let f = samples::fund();
    codec::encode(
        1,
        &FundV1 {
            id: f.id,
            date: f.date,
            amount_fen: f.amount_fen,
            direction: f.direction,
            partner: f.partner,
            household: f.household,
            need,
            note: &f.note,
        },
    )
}

#[test]
fn version_one_free_text_reads_as_its_tag_or_as_no_tag() {
    let cases = [
        ("education", Some(Need::Education)),
        ("medicine", Some(Need::Medical)),
        ("health", Some(Need::Medical)),
        ("winter", Some(Need::Heating)),
        ("轮椅", Some(Need::Wheelchair)),
        (" Wheelchair ", Some(Need::Wheelchair)),
        ("", None),
    ];
    for (text, want) in cases {
        let read = FundEntry::decode(&fund_v1(text)).expect("a version-1 fund entry reads");
        assert_eq!(read.need, want, "{text:?}");
        assert_eq!(read.note, samples::fund().note, "the other fields are kept");
    }
    // A word no tag stands for: no tag, rather than a database that no longer opens, and the
    // word kept after the note, so saving the entry again does not lose it.
    let read = FundEntry::decode(&fund_v1("临时救助")).expect("reads");
    assert_eq!(read.need, None);
    assert_eq!(read.note, format!("{} [临时救助]", samples::fund().note));
    let again = FundEntry::decode(&read.encode()).unwrap();
    assert_eq!(again, read, "written again, the word stays in the note");
    // Written again, it is version 2 with the tag's code.
    let again = FundEntry::decode(&fund_v1("medicine")).unwrap().encode();
    assert_eq!(again[0], 2);
    assert_eq!(FundEntry::decode(&again).unwrap().need, Some(Need::Medical));
}

#[test]
fn a_journal_entry_written_with_free_text_still_reads() {
    use qiaomen_core::journal::Op;
    let mut pledge = samples::pledge_item();
    pledge.need = Some(Need::Medical);
    let entry = Entry {
        seq: 3,
        now: common::at("2026-03-01", "10:00"),
        operator: "柳青禾".into(),
        os_user: "worker".into(),
        op: Op::Command(Command::Register(RegisterCommand::Claim(pledge))),
    };
    let bytes = entry.encode();
    // The same entry as an older qiaomen wrote it: `need` was the text "health" (bincode: a
    // one-byte length, then the bytes). Small entries are not compressed, so it can be patched.
    let at = bytes
        .windows(8)
        .position(|w| w == b"\x07medical")
        .expect("the need's bytes in the entry");
    let mut old = bytes[..at].to_vec();
    old.extend_from_slice(b"\x06health");
    old.extend_from_slice(&bytes[at + 8..]);
    let read = Entry::decode(&old).expect("the old entry reads");
    assert_eq!(read, entry, "\"health\" reads as the medical tag");
}

fn import(store: &Store, text: &str) -> qiaomen_core::Result<()> {
    let owned = text.to_owned();
    store
        .import(
            move || Ok(Cursor::new(owned.clone())),
            false,
            "柳青禾",
            1_773_100_800,
            "test.jsonl",
        )
        .map(|_| ())
}

const FUND_IN: &str = r#"{"type":"fund","id":1,"date":"2026-03-01","amount_fen":100000,"direction":"in","need":"","note":"捐款"}"#;

/// A pledge as format versions 1 and 2 stored it: today's fields without `note`, `need` as
/// text (free text in version 1, a code in version 2).
#[derive(Serialize)]
struct PledgeV2<'a> {
    id: u64,
    partner: u64,
    household: u64,
    made: qiaomen_core::Date,
    what: qiaomen_core::model::PledgeWhat,
    need: &'a str,
    status: qiaomen_core::model::PledgeStatus,
    deliveries: Vec<qiaomen_core::model::Delivery>,
}

fn pledge_old(version: u8, need: &str) -> Vec<u8> {
    let p = samples::pledge_money();
    codec::encode(
        version,
        &PledgeV2 {
            id: p.id,
            partner: p.partner,
            household: p.household,
            made: p.made,
            what: p.what,
            need,
            status: p.status,
            deliveries: p.deliveries,
        },
    )
}

#[test]
fn an_old_pledge_keeps_a_word_no_tag_stands_for_in_its_note() {
    let read = Pledge::decode(&pledge_old(1, "临时救助")).expect("a version-1 pledge reads");
    assert_eq!(read.need, None);
    assert_eq!(read.note, "临时救助");
    assert_eq!(read.deliveries, samples::pledge_money().deliveries);
    // Saved again it is version 3, the word still in its note.
    let bytes = read.encode();
    assert_eq!(bytes[0], 3);
    assert_eq!(Pledge::decode(&bytes).unwrap(), read);
    // Version 2 (a code, no note) reads with an empty note.
    let v2 = Pledge::decode(&pledge_old(2, "education")).expect("a version-2 pledge reads");
    assert_eq!(
        v2,
        Pledge {
            note: String::new(),
            ..samples::pledge_money()
        }
    );
    let v1 = Pledge::decode(&pledge_old(1, "school")).expect("reads");
    assert_eq!((v1.need, v1.note.as_str()), (Some(Need::Education), ""));
}

#[test]
fn a_journal_claim_from_before_the_note_keeps_the_word() {
    use qiaomen_core::journal::Op;
    // Entry version 3 wrote a claim's pledge without a note; the pledge is the entry's last
    // value, so that entry is today's bytes without the note's one byte (an empty string),
    // under version byte 3.
    let mut pledge = samples::pledge_item();
    pledge.need = Some(Need::Medical);
    let entry = Entry {
        seq: 3,
        now: common::at("2026-03-01", "10:00"),
        operator: "柳青禾".into(),
        os_user: "worker".into(),
        op: Op::Command(Command::Register(RegisterCommand::Claim(pledge))),
    };
    let bytes = entry.encode();
    assert_eq!(
        (bytes[0], bytes[bytes.len() - 1]),
        (qiaomen_core::journal::ENTRY_VERSION, 0)
    );
    let mut v3 = bytes[..bytes.len() - 1].to_vec();
    v3[0] = 3;
    assert_eq!(Entry::decode(&v3).expect("a version-3 entry reads"), entry);
    // Its need written as a word no tag stands for: kept as the pledge's note.
    let at = v3
        .windows(8)
        .position(|w| w == b"\x07medical")
        .expect("the need's bytes in the entry");
    let mut old = v3[..at].to_vec();
    old.extend_from_slice("\x0c临时救助".as_bytes());
    old.extend_from_slice(&v3[at + 8..]);
    let read = Entry::decode(&old).expect("the old entry reads");
    let Op::Command(Command::Register(RegisterCommand::Claim(p))) = read.op else {
        panic!("a claim");
    };
    assert_eq!((p.need, p.note.as_str()), (None, "临时救助"));
}

#[test]
fn a_backup_with_a_word_no_tag_stands_for_imports_with_the_word_in_a_note() {
    let store = Store::temporary().expect("store");
    let old = format!(
        "{FUND_IN}\n{}\n{}\n",
        r#"{"type":"fund","id":2,"date":"2026-03-02","amount_fen":100,"direction":"out","need":"临时救助","note":"春节慰问"}"#,
        r#"{"type":"fund","id":3,"date":"2026-03-02","amount_fen":100,"direction":"out","need":"medicine","note":""}"#
    );
    import(&store, &old).expect("a backup from before the tags imports");
    let fund = store.all::<FundEntry>().expect("fund");
    assert_eq!(fund[1].need, None);
    assert_eq!(fund[1].note, "春节慰问 [临时救助]");
    assert_eq!(fund[2].need, Some(Need::Medical));
    let exported = common::export(&store, false);
    assert!(exported.contains(r#""need":"medical""#), "{exported}");
    assert!(!exported.contains("medicine"), "{exported}");
    // Exported and imported again, the note is kept once.
    let again = Store::temporary().expect("store");
    import(&again, &exported).expect("its own export imports");
    assert_eq!(again.all::<FundEntry>().unwrap(), fund);

    // A pledge of such a backup (no note field yet) reads the same way.
    let line = r#"{"id":4,"partner":1,"household":2,"made":"2026-03-02","what":{"item":{"description":"米油"}},"need":"临时救助","status":"active","deliveries":[]}"#;
    let p: Pledge = serde_json::from_str(line).expect("an old pledge line reads");
    assert_eq!((p.need, p.note.as_str()), (None, "临时救助"));
}

#[test]
fn two_words_for_one_need_are_double_help() {
    let mut pledge: Pledge = samples::pledge_item();
    pledge.status = qiaomen_core::model::PledgeStatus::Active;
    pledge.need = Need::parse("medicine").unwrap();
    let mut paid = samples::fund();
    paid.partner = None;
    paid.household = Some(pledge.household);
    paid.need = Need::parse("medical").unwrap();
    let w = find_duplicates(&[pledge.clone()], &[paid.clone()]);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].need, Need::Medical);
    // Help with no tag matches nothing.
    paid.need = None;
    assert!(find_duplicates(&[pledge], &[paid]).is_empty());
}
