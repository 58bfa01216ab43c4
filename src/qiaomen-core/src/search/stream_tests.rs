//! Searching without the index answers what the index answers: the same hits in the same
//! order, for every limit, on the small fixture of `tests.rs` and on a generated community.

use std::io::Cursor;

use super::tests::{QUERIES, community, today};
use super::*;
use crate::generate::{GenerateOptions, Scale, generate};

const LIMITS: [usize; 5] = [1, 2, 5, 20, 500];

/// Every query at every limit: the stream's hits equal the index's, field for field.
fn same_hits(store: &Store, index: &SearchIndex, queries: &[String], limits: &[usize]) {
    for q in queries {
        for &limit in limits {
            let streamed = find(store, q, today(), limit).unwrap();
            assert_eq!(streamed, index.query(q, limit), "{q:?} limit {limit}");
        }
    }
}

#[test]
fn the_fixture_queries_stream_to_the_same_hits() {
    let store = community();
    let index = SearchIndex::build(&store, today()).unwrap();
    let queries: Vec<String> = QUERIES.iter().map(|&q| q.to_owned()).collect();
    same_hits(&store, &index, &queries, &LIMITS);
    // Something is found, or the comparison would prove little.
    assert_eq!(find(&store, "wang", today(), 20).unwrap().len(), 5);
}

/// A generated community (a few thousand residents), imported into a scratch store.
pub(super) fn generated() -> Store {
    let mut jsonl = Vec::new();
    generate(
        &GenerateOptions {
            scale: Scale::Community,
            seed: 7,
            days: 0,
            end: today(),
        },
        &mut jsonl,
    )
    .unwrap();
    let store = Store::temporary().unwrap();
    store
        .import(
            || Ok(Cursor::new(&jsonl[..])),
            false,
            "test",
            // The day after `today`, so no birth is in the future.
            1_748_822_400,
            "generated",
        )
        .unwrap();
    store
}

/// Queries a steward would type, taken from the records themselves: names, their pinyin
/// initials and parts, phone tails, whole phones, ID tails, addresses in three forms, case
/// numbers, and mixes that narrow.
pub(super) fn queries_from(store: &Store) -> Vec<String> {
    let mut out: Vec<String> = ["王", "wang", "w", "z", "李秀", "lx", "#1", "#", "g2", "1"]
        .iter()
        .map(|&q| q.to_owned())
        .collect();
    for r in store.all::<Resident>().unwrap().iter().step_by(997) {
        out.push(r.name.clone());
        let initials: String = r
            .name
            .chars()
            .filter_map(|c| readings(c).first().and_then(|p| p.chars().next()))
            .collect();
        out.push(initials.clone());
        out.push(format!("{} {}", initials, r.grid));
        if let Some(first) = r.name.chars().next() {
            out.push(first.to_string());
        }
        let digits: String = r.phone.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 4 {
            out.push(digits[digits.len() - 4..].to_owned());
            out.push(digits.clone());
        }
        if let Some(id) = &r.id_number {
            out.push(id[id.len() - 6..].to_ascii_lowercase());
        }
    }
    for h in store.all::<Household>().unwrap().iter().step_by(487) {
        let key = normalize::address_key(&h.address);
        if !key.is_empty() {
            out.push(key.replace('-', " "));
            out.push(key.clone());
            out.push(
                key.rsplit_once('-')
                    .map_or(key.clone(), |(b, _)| b.to_owned()),
            );
            out.push(format!("{}{}", h.address.building, h.address.unit));
        }
        out.push(h.address.text.clone());
    }
    for c in store.all::<Case>().unwrap().iter().step_by(61) {
        out.push(format!("#{}", c.id));
        out.push(c.title.chars().take(2).collect());
    }
    out
}

#[test]
fn a_generated_community_streams_to_the_same_hits() {
    let store = generated();
    let index = SearchIndex::build(&store, today()).unwrap();
    let queries = queries_from(&store);
    assert!(queries.len() > 40, "{} queries", queries.len());
    same_hits(&store, &index, &queries, &[1, 500]);
    // Most of these find something (a name, its phone, its address).
    let found = queries
        .iter()
        .filter(|q| !index.query(q, 1).is_empty())
        .count();
    assert!(
        found * 10 > queries.len() * 9,
        "{found} of {}",
        queries.len()
    );
}

#[test]
fn a_full_limit_of_exact_hits_stops_the_reading() {
    let store = generated();
    let all = store.all::<Resident>().unwrap();
    let total = all.len()
        + store.all::<Household>().unwrap().len()
        + store.all::<Member>().unwrap().len()
        + store.all::<Case>().unwrap().len()
        + store.all::<Partner>().unwrap().len()
        + store.all::<crate::model::Org>().unwrap().len()
        + store.all::<crate::care::Team>().unwrap().len();
    let (at, resident) = all
        .iter()
        .enumerate()
        .skip(10)
        .find(|(_, r)| r.phone.len() == 11)
        .unwrap();
    let index = SearchIndex::build(&store, today()).unwrap();
    let phone = &resident.phone;
    // One exact hit asked for: reading stops at that resident (households are read first).
    let (hits, read) = stream::find_reading(&store, phone, today(), 1, false).unwrap();
    assert_eq!(hits, index.query(phone, 1));
    assert_eq!((hits[0].id, hits[0].tier), (resident.id, EXACT));
    let households = store.all::<Household>().unwrap().len();
    assert_eq!(read, households + at + 1);
    // Room for more than the exact hits there are: everything is read.
    let (_, read) = stream::find_reading(&store, phone, today(), 500, false).unwrap();
    assert_eq!(read, total);
    // Prefix hits never stop the reading: a later record could be exact.
    let (hits, read) = stream::find_reading(&store, "w", today(), 1, false).unwrap();
    assert_eq!(hits, index.query("w", 1));
    assert_eq!(read, total);
    // A case number is looked for among the cases alone.
    let (hits, read) = stream::find_reading(&store, "#3", today(), 20, false).unwrap();
    assert_eq!(hits, index.query("#3", 20));
    assert_eq!(read, store.all::<Case>().unwrap().len());
}

/// The stream reads residents from the search column, not their records: a cell changed
/// behind the records' back is what it finds, and a rebuilt column finds what the index does.
#[test]
fn residents_are_read_from_the_search_column() {
    use crate::search::column::{RESIDENTS, ResidentCell, block_key, decode_cells, encode_cells};
    use crate::store::Tree;
    let store = generated();
    let index = SearchIndex::build(&store, today()).unwrap();
    let r = store
        .all::<Resident>()
        .unwrap()
        .into_iter()
        .nth(70)
        .unwrap();
    let key = block_key(RESIDENTS, r.id);
    let stored = store.tree(Tree::SearchColumn).get(key).unwrap().unwrap();
    let mut cells: Vec<ResidentCell> = decode_cells(&stored).unwrap();
    let cell = cells.iter_mut().find(|c| c.id == r.id).unwrap();
    cell.name = "甄无名".into();
    store
        .tree(Tree::SearchColumn)
        .insert(key, encode_cells(&cells))
        .unwrap();
    let found = find(&store, "甄无名", today(), 5).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].id, found[0].tier), (r.id, EXACT));
    assert!(index.query("甄无名", 5).is_empty());
    store.rebuild_kept_indexes().unwrap();
    assert!(find(&store, "甄无名", today(), 5).unwrap().is_empty());
    let queries = [r.name.clone(), r.phone.clone()];
    same_hits(&store, &index, &queries, &LIMITS);
}
