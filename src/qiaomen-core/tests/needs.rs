//! Need tags (`model::Need`): what the store, the journal and old snapshots held as free text
//! reads as its tag (or as no tag), a file a person imports is checked strictly, and the
//! double-help warning matches two words for one need.

mod common;

use std::io::Cursor;

use common::samples;
use qiaomen_core::journal::Entry;
use qiaomen_core::model::{Direction, FundEntry, Need, Pledge};
use qiaomen_core::register::{RegisterCommand, find_duplicates};
use qiaomen_core::store::{Entity, codec};
use qiaomen_core::{Command, Error, Store};
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
        // A word no tag stands for: no tag, rather than a database that no longer opens.
        ("临时救助", None),
    ];
    for (text, want) in cases {
        let read = FundEntry::decode(&fund_v1(text)).expect("a version-1 fund entry reads");
        assert_eq!(read.need, want, "{text:?}");
        assert_eq!(read.note, samples::fund().note, "the other fields are kept");
    }
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

#[test]
fn an_imported_file_is_checked_strictly_and_stored_as_codes() {
    let store = Store::temporary().expect("store");
    let bad = format!(
        "{FUND_IN}\n{}\n",
        r#"{"type":"fund","id":2,"date":"2026-03-02","amount_fen":100,"direction":"out","need":"临时救助","note":""}"#
    );
    match import(&store, &bad) {
        Err(Error::Import { line, reason }) => {
            assert_eq!(line, 2);
            assert!(
                reason.contains("临时救助") && reason.contains("medical"),
                "{reason}"
            );
        }
        other => panic!("expected line 2 refused, got {other:?}"),
    }
    let good = format!(
        "{FUND_IN}\n{}\n",
        r#"{"type":"fund","id":2,"date":"2026-03-02","amount_fen":100,"direction":"out","need":"medicine","note":""}"#
    );
    import(&store, &good).expect("a former word for a tag imports");
    let exported = common::export(&store, false);
    assert!(exported.contains(r#""need":"medical""#), "{exported}");
    assert!(!exported.contains("medicine"), "{exported}");
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
