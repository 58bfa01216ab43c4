//! The index over a small community, through the store as the app uses it.

use std::io::Cursor;

use super::*;
use crate::command::{Actor, Command};
use crate::day::{ClockTime, Now};
use crate::text::id_check_char;

pub(super) fn today() -> Date {
    Date::from_ymd(2025, 6, 1).unwrap()
}

/// A valid GB 11643 number for a body of 17 digits.
fn id_number(body: &str) -> String {
    format!("{body}{}", id_check_char(body).unwrap())
}

/// Every query the tests below ask, and a few more (for `stream_tests`).
pub(super) const QUERIES: &[&str] = &[
    "   ",
    "#",
    "#1",
    "#2",
    "1234",
    "13812345678",
    "19460302",
    "2",
    "3",
    "3 2 501",
    "3-1",
    "3-1-302",
    "3-2-501",
    "3栋2单元501",
    "4 1 101",
    "5678",
    "8888",
    "WXY",
    "abc",
    "cgh",
    "chenmou",
    "chouhong",
    "dan",
    "danguilan",
    "lihua",
    "qiuhong",
    "qqq",
    "sgl",
    "shanguilan",
    "shanl",
    "wang",
    "wang 3-2",
    "wang 3-9",
    "wang g2",
    "wangxiu",
    "wdm",
    "wxm",
    "wxy",
    "zgh",
    "zhaoqiang",
    "五一路",
    "周明",
    "汪大明",
    "汪小明",
    "王 3-1",
    "王 501",
    "王x",
    "王秀兰",
    "王秀英",
    "秀",
    "陈某",
    "３－２－５０１",
    "3 1",
    "g1",
    "顺安",
    "138",
    "0731",
    "xiu ying",
    "王 g1",
    "3栋",
    "#3",
    "2x",
];

pub(super) fn community() -> Store {
    let id1 = id_number("43010219460302123");
    let lines = [
        r#"{"type":"grid","id":1,"code":"G1","name":"一网格"}"#.to_owned(),
        r#"{"type":"grid","id":2,"code":"G2","name":"二网格"}"#.to_owned(),
        r#"{"type":"member","id":1,"name":"周明","phone":"13611112222","roles":["steward"],"grid":1}"#.to_owned(),
        r#"{"type":"household","id":1,"grid":1,"address":{"building":"3","unit":"2","room":"501","text":"顺安小区"},"members":[1]}"#.to_owned(),
        r#"{"type":"household","id":2,"grid":2,"address":{"building":"3栋","unit":"1单元","room":"302","text":"顺安小区"},"members":[2]}"#.to_owned(),
        r#"{"type":"household","id":3,"grid":1,"address":{"text":"五一路12号"},"members":[3]}"#.to_owned(),
        format!(r#"{{"type":"resident","id":1,"name":"王秀英","gender":"female","birth":"1946-03-02","phone":"138 1234 5678","id_number":"{id1}","household":1,"grid":1,"categories":["elder"]}}"#),
        r#"{"type":"resident","id":2,"name":"王秀兰","birth":"1950-01-01","phone":"13900001111","household":2,"grid":2}"#.to_owned(),
        r#"{"type":"resident","id":3,"name":"单桂兰","phone":"13700002222","household":3,"grid":1}"#.to_owned(),
        r#"{"type":"resident","id":4,"name":"汪小明","grid":2}"#.to_owned(),
        r#"{"type":"resident","id":5,"name":"曾国华","grid":1}"#.to_owned(),
        r#"{"type":"resident","id":6,"name":"李华","grid":1}"#.to_owned(),
        r#"{"type":"resident","id":7,"name":"李华英","grid":1}"#.to_owned(),
        r#"{"type":"resident","id":8,"name":"林华","grid":2}"#.to_owned(),
        r#"{"type":"resident","id":9,"name":"张丽华","grid":2}"#.to_owned(),
        r#"{"type":"partner","id":1,"name":"ABC超市","kind":"enterprise","contact":"赵强","phone":"0731-88881234"}"#.to_owned(),
        r#"{"type":"case","id":1,"kind":"dispute","title":"围墙越界纠纷","grid":1,"parties":["王秀英","陈某"],"opened":"2025-05-01","status":"mediating"}"#.to_owned(),
        r#"{"type":"case","id":2,"kind":"petition","title":"拆迁补偿信访","grid":2,"parties":["汪小明"],"opened":"2025-04-01","status":"open"}"#.to_owned(),
    ];
    let text = lines.join("\n");
    let store = Store::temporary().unwrap();
    store
        .import(
            || Ok(Cursor::new(text.as_bytes())),
            false,
            "test",
            0,
            "fixture",
        )
        .unwrap();
    store
}

fn index(store: &Store) -> SearchIndex {
    SearchIndex::build(store, today()).unwrap()
}

/// The hits as `(kind, id)`, in order.
fn found(index: &SearchIndex, query: &str) -> Vec<(HitKind, Id)> {
    index
        .query(query, 50)
        .iter()
        .map(|h| (h.kind, h.id))
        .collect()
}

fn residents(index: &SearchIndex, query: &str) -> Vec<Id> {
    index
        .query(query, 50)
        .iter()
        .filter(|h| h.kind == HitKind::Resident)
        .map(|h| h.id)
        .collect()
}

pub(super) fn actor() -> Actor {
    Actor {
        operator: "test".into(),
        now: Now::local(today(), ClockTime::new(9, 0).unwrap(), 480),
    }
}

#[test]
fn the_index_holds_every_searchable_record() {
    let store = community();
    // 9 residents, 3 households, 1 member, 2 cases, 1 partner.
    assert_eq!(index(&store).len(), 16);
}

#[test]
fn polyphonic_surnames_are_found_by_every_reading() {
    let idx = index(&community());
    assert_eq!(residents(&idx, "shanl"), [3]);
    assert_eq!(residents(&idx, "dan"), [3]);
    assert_eq!(residents(&idx, "shanguilan"), [3]);
    assert_eq!(residents(&idx, "sgl"), [3]);
    assert_eq!(residents(&idx, "zgh"), [5]);
    assert_eq!(residents(&idx, "cgh"), [5]);
    assert_eq!(idx.query("danguilan", 5)[0].tier, EXACT);
}

#[test]
fn names_are_found_by_chinese_pinyin_and_initials() {
    let idx = index(&community());
    assert_eq!(residents(&idx, "wxy"), [1]);
    assert_eq!(residents(&idx, "王秀英"), [1]);
    assert_eq!(residents(&idx, "秀"), [1, 2]);
    assert_eq!(residents(&idx, "wangxiu"), [1, 2]);
    // 王 and 汪 are both wang.
    assert_eq!(residents(&idx, "wang"), [1, 2, 4]);
    assert_eq!(residents(&idx, "王x"), [1, 2]);
    assert_eq!(residents(&idx, "WXY"), [1]);
    assert!(idx.query("qqq", 10).is_empty());
    assert!(idx.query("   ", 10).is_empty());
}

#[test]
fn several_words_narrow_mixing_chinese_latin_and_numbers() {
    let idx = index(&community());
    assert_eq!(found(&idx, "wang 3-2"), [(HitKind::Resident, 1)]);
    assert_eq!(found(&idx, "王 501"), [(HitKind::Resident, 1)]);
    // The petition names 汪小明 and belongs to G2.
    assert_eq!(
        found(&idx, "wang g2"),
        [
            (HitKind::Resident, 2),
            (HitKind::Resident, 4),
            (HitKind::Case, 2)
        ]
    );
    assert_eq!(residents(&idx, "王 3-1"), [2]);
    assert!(found(&idx, "wang 3-9").is_empty());
}

#[test]
fn the_three_address_forms_find_the_same_door() {
    let idx = index(&community());
    let door = vec![(HitKind::Resident, 1), (HitKind::Household, 1)];
    assert_eq!(found(&idx, "3-2-501"), door);
    assert_eq!(found(&idx, "3栋2单元501"), door);
    assert_eq!(found(&idx, "3 2 501"), door);
    assert_eq!(found(&idx, "３－２－５０１"), door);
    assert!(idx.query("3-2-501", 5).iter().all(|h| h.tier == EXACT));
    // A partial address is a prefix; the household stored as `3栋 1单元 302` is found too.
    assert_eq!(
        found(&idx, "3-1"),
        [(HitKind::Resident, 2), (HitKind::Household, 2)]
    );
    assert_eq!(idx.query("3-1", 5)[0].tier, PREFIX);
    assert_eq!(residents(&idx, "3"), [1, 2]);
    // Free-text addresses are found by their text: the household's own (its title) first.
    assert_eq!(
        found(&idx, "五一路"),
        [(HitKind::Household, 3), (HitKind::Resident, 3)]
    );
}

#[test]
fn numbers_find_phone_tails_id_tails_and_case_numbers() {
    let store = community();
    let idx = index(&store);
    let tail = idx.query("5678", 10);
    assert_eq!(
        (tail[0].kind, tail[0].id, tail[0].tier),
        (HitKind::Resident, 1, PREFIX)
    );
    assert_eq!(tail.len(), 1);
    assert_eq!(residents(&idx, "1234"), [1]);
    assert_eq!(residents(&idx, "13812345678"), [1]);
    assert_eq!(idx.query("13812345678", 1)[0].tier, EXACT);
    let partner = idx.query("8888", 10);
    assert_eq!((partner[0].kind, partner[0].id), (HitKind::Partner, 1));

    let id = store.require::<Resident>(1).unwrap().id_number.unwrap();
    let id_tail = id[14..].to_ascii_lowercase();
    assert_eq!(residents(&idx, &id_tail), [1]);
    // Fewer than four digits of an ID number match nothing.
    assert!(residents(&idx, &id[16..]).is_empty());
    // The middle of an ID number (the birth date) is not searched.
    assert!(residents(&idx, "19460302").is_empty());

    assert_eq!(found(&idx, "#2"), [(HitKind::Case, 2)]);
    assert_eq!(found(&idx, "#"), [(HitKind::Case, 1), (HitKind::Case, 2)]);
    let two = idx.query("2", 10);
    assert_eq!(
        (two[0].kind, two[0].id, two[0].tier),
        (HitKind::Case, 2, EXACT)
    );
}

#[test]
fn ranking_puts_exact_then_prefix_then_initials_then_anywhere() {
    let idx = index(&community());
    let hits = idx.query("lihua", 10);
    let got: Vec<(Id, u8)> = hits.iter().map(|h| (h.id, h.tier)).collect();
    // 李华 exact, 李华英 prefix, 林华 initials (li… hua), 张丽华 anywhere (…li hua).
    assert_eq!(got, [(6, EXACT), (7, PREFIX), (8, INITIALS), (9, ANYWHERE)]);
    // Equal tiers go by kind: a resident before the case that names her.
    assert_eq!(
        found(&idx, "王秀英"),
        [(HitKind::Resident, 1), (HitKind::Case, 1)]
    );
    assert_eq!(idx.query("王秀英", 1).len(), 1);
}

#[test]
fn hits_carry_what_tells_two_wangs_apart() {
    let idx = index(&community());
    let hits = idx.query("wangxiu", 10);
    assert_eq!(hits[0].title, "王秀英");
    assert_eq!(hits[0].context, "G1 · 顺安小区 3-2-501 · 138****5678");
    assert_eq!(hits[0].age, Some(79));
    assert_eq!(hits[0].tags, ["elder"]);
    assert_eq!(hits[1].title, "王秀兰");
    assert_eq!(hits[1].context, "G2 · 顺安小区 3栋-1单元-302 · 139****1111");
    let case = &idx.query("#1", 1)[0];
    assert_eq!(case.context, "#1 · G1 · 2025-05-01 · 王秀英、陈某");
    assert_eq!(case.tags, ["dispute", "mediating"]);
    let partner = &idx.query("abc", 1)[0];
    assert_eq!(
        (partner.title.as_str(), partner.tags.as_slice()),
        ("ABC超市", &["enterprise"][..])
    );
    let household = &idx.query("3-2-501", 2)[1];
    assert_eq!(household.context, "G1 · 王秀英");
}

#[test]
fn other_names_are_found_anywhere() {
    let idx = index(&community());
    // A partner's contact, a case's parties.
    let hits = idx.query("zhaoqiang", 10);
    assert_eq!((hits[0].kind, hits[0].tier), (HitKind::Partner, ANYWHERE));
    assert_eq!(found(&idx, "陈某"), [(HitKind::Case, 1)]);
    assert_eq!(found(&idx, "chenmou"), [(HitKind::Case, 1)]);
    assert_eq!(found(&idx, "周明"), [(HitKind::Member, 1)]);
}

#[test]
fn the_index_follows_edits() {
    let store = community();
    let mut idx = index(&store);

    let mut r = store.require::<Resident>(4).unwrap();
    r.name = "汪大明".into();
    store.apply(Command::SaveResident(r), &actor()).unwrap();
    idx.refresh(&store, "resident", 4).unwrap();
    assert!(residents(&idx, "汪小明").is_empty());
    assert!(residents(&idx, "wxm").is_empty());
    assert_eq!(residents(&idx, "汪大明"), [4]);
    assert_eq!(residents(&idx, "wdm"), [4]);
    assert_eq!(idx.len(), 16);

    // A household that moves takes its residents' address along.
    let mut h = store.require::<Household>(1).unwrap();
    h.address.building = "4".into();
    h.address.unit = "1".into();
    h.address.room = "101".into();
    store.apply(Command::SaveHousehold(h), &actor()).unwrap();
    idx.refresh(&store, "household", 1).unwrap();
    assert!(found(&idx, "3-2-501").is_empty());
    assert_eq!(residents(&idx, "4 1 101"), [1]);
    assert_eq!(
        idx.query("wxy", 1)[0].context,
        "G1 · 顺安小区 4-1-101 · 138****5678"
    );

    // A new resident is found as soon as it is upserted.
    let mut new = store.require::<Resident>(5).unwrap();
    new.id = 0;
    new.name = "仇红".into();
    let id = store
        .apply(Command::SaveResident(new), &actor())
        .unwrap()
        .id;
    idx.refresh(&store, "resident", id).unwrap();
    assert_eq!(residents(&idx, "qiuhong"), [id]);
    assert_eq!(residents(&idx, "chouhong"), [id]);

    // Removing keeps every other entry reachable.
    idx.remove(HitKind::Resident, 1);
    assert!(residents(&idx, "wxy").is_empty());
    assert_eq!(residents(&idx, "qiuhong"), [id]);
    assert_eq!(residents(&idx, "wdm"), [4]);
    idx.remove(HitKind::Household, 2);
    assert!(residents(&idx, "3-1-302").is_empty());
    assert_eq!(residents(&idx, "王秀兰"), [2]);
    // Kinds that search does not show are ignored.
    idx.refresh(&store, "checkin", 1).unwrap();
}

#[test]
fn ages_follow_the_day() {
    let mut idx = index(&community());
    assert_eq!(idx.query("wxy", 1)[0].age, Some(79));
    idx.set_today(Date::from_ymd(2026, 3, 2).unwrap());
    assert_eq!(idx.query("wxy", 1)[0].age, Some(80));
}

#[test]
fn residents_who_left_are_found_only_when_asked_for_and_marked() {
    let lines = [
        r#"{"type":"grid","id":1,"code":"G1","name":"一网格"}"#,
        r#"{"type":"resident","id":1,"name":"李明","grid":1}"#,
        r#"{"type":"resident","id":2,"name":"李明","grid":1,"left":{"date":"2025-05-01","reason":"moved"}}"#,
    ];
    let text = lines.join("\n");
    let store = Store::temporary().unwrap();
    store
        .import(
            || Ok(Cursor::new(text.as_bytes())),
            false,
            "test",
            0,
            "fixture",
        )
        .unwrap();
    let ids = |hits: Vec<Hit>| -> Vec<(Id, Vec<&'static str>)> {
        hits.into_iter().map(|h| (h.id, h.tags)).collect()
    };
    let mut index = index(&store);
    assert_eq!(ids(index.query("李明", 50)), vec![(1, vec![])]);
    assert_eq!(ids(index.query("liming", 50)), vec![(1, vec![])]);
    assert_eq!(
        ids(index.query_with("李明", 50, true)),
        vec![(1, vec![]), (2, vec!["left"])]
    );
    // Reading without the index answers the same.
    assert_eq!(
        ids(find(&store, "李明", today(), 50).unwrap()),
        vec![(1, vec![])]
    );
    assert_eq!(
        ids(find_with(&store, "李明", today(), 50, true).unwrap()),
        vec![(1, vec![]), (2, vec!["left"])]
    );
    // A departure recorded later takes the resident out of the index's answers too.
    let mut first = store.require::<Resident>(1).unwrap();
    first.left = Some(Box::new(crate::model::Departure {
        date: today(),
        reason: crate::model::LeaveReason::Died,
        note: String::new(),
    }));
    index.upsert_resident(&first);
    assert!(index.query("李明", 50).is_empty());
    assert_eq!(index.query_with("李明", 50, true).len(), 2);
}
