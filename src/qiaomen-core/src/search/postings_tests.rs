//! Looking only where the keys point finds what matching every entry finds: the same hits in
//! the same order, on the fixture, on a generated community, for fragments of every kind a
//! steward types, and after edits that move entries between slots.

use super::stream_tests::{generated, queries_from};
use super::tests::{QUERIES, actor, community, today};
use super::*;
use crate::command::Command;

/// Every query at a few limits, departed residents included or not.
fn same_as_scan(index: &SearchIndex, queries: &[String]) {
    for q in queries {
        for (limit, departed) in [(1, false), (7, true), (500, false)] {
            {
                assert_eq!(
                    index.query_with(q, limit, departed),
                    index.query_scanning(q, limit, departed),
                    "{q:?} limit {limit} departed {departed}"
                );
            }
        }
    }
}

/// Fragments of a name as typed on the way to it: every run of its characters, every
/// beginning of its first reading's pinyin, its initials and their runs, mixes of a
/// character and initials, and pinyin with a syllable skipped.
fn fragments(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        for j in i + 1..=chars.len() {
            out.push(chars[i..j].iter().collect());
        }
    }
    let first: Vec<String> = chars
        .iter()
        .map(|&c| {
            readings(c)
                .into_iter()
                .next()
                .unwrap_or_else(|| c.to_string())
        })
        .collect();
    let full = first.concat();
    for end in 1..=full.len() {
        if full.is_char_boundary(end) {
            out.push(full[..end].to_owned());
        }
    }
    let initials: String = first.iter().filter_map(|r| r.chars().next()).collect();
    for i in 0..initials.len() {
        out.push(initials[i..].to_owned());
        out.push(initials[..=i].to_owned());
    }
    if chars.len() >= 2 {
        out.push(format!("{}{}", chars[0], &initials[1..]));
        out.push(first[1..].concat());
        out.push(format!("{}{}", &initials[..1], first[chars.len() - 1]));
    }
    out
}

#[test]
fn the_fixture_queries_find_what_the_scan_finds() {
    let store = community();
    let index = SearchIndex::build(&store, today()).unwrap();
    let mut queries: Vec<String> = QUERIES.iter().map(|&q| q.to_owned()).collect();
    for r in store.all::<Resident>().unwrap() {
        queries.extend(fragments(&r.name));
    }
    queries.extend(fragments("ABC超市"));
    queries.extend(fragments("围墙越界纠纷"));
    same_as_scan(&index, &queries);
}

#[test]
fn every_two_letters_and_generated_queries_find_what_the_scan_finds() {
    let store = generated();
    let index = SearchIndex::build(&store, today()).unwrap();
    let mut queries = queries_from(&store);
    for r in store.all::<Resident>().unwrap().iter().step_by(211) {
        queries.extend(fragments(&r.name));
    }
    for c in store.all::<Case>().unwrap().iter().step_by(41) {
        for party in &c.parties {
            queries.extend(fragments(party));
        }
    }
    for p in store.all::<Partner>().unwrap() {
        queries.extend(fragments(&p.name));
    }
    // Two letters from the common initials on.
    for &a in b"cdhlswxyz" {
        for b in b'a'..=b'z' {
            queries.push(String::from_utf8(vec![a, b]).unwrap());
        }
    }
    assert!(queries.len() > 400, "{} queries", queries.len());
    same_as_scan(&index, &queries);
    // The keys narrow: a full name looks at far fewer entries than there are.
    let name = &store.all::<Resident>().unwrap()[100].name;
    let typed = Typed::new(name, &index.grids);
    let keys: Vec<u32> = typed
        .words
        .iter()
        .filter_map(Prepared::keys)
        .flatten()
        .collect();
    let looked_at = index.postings.all_of(&keys).len();
    assert!(
        looked_at * 20 < index.len(),
        "{looked_at} of {}",
        index.len()
    );
}

#[test]
fn after_edits_and_removals_the_keys_still_find_what_the_scan_finds() {
    let store = community();
    let mut index = SearchIndex::build(&store, today()).unwrap();
    let mut r = store.require::<Resident>(4).unwrap();
    r.name = "汪大明".into();
    store.apply(Command::SaveResident(r), &actor()).unwrap();
    index.refresh(&store, "resident", 4).unwrap();
    let mut h = store.require::<Household>(1).unwrap();
    h.address.text = "Sunny 花园".into();
    store.apply(Command::SaveHousehold(h), &actor()).unwrap();
    index.refresh(&store, "household", 1).unwrap();
    let mut new = store.require::<Resident>(5).unwrap();
    new.id = 0;
    new.name = "仇红".into();
    let id = store
        .apply(Command::SaveResident(new), &actor())
        .unwrap()
        .id;
    index.refresh(&store, "resident", id).unwrap();
    // The first entries go: the last ones move into their slots.
    index.remove(HitKind::Resident, 1);
    index.remove(HitKind::Household, 2);
    index.remove(HitKind::Household, 1);
    let mut queries: Vec<String> = QUERIES.iter().map(|&q| q.to_owned()).collect();
    for name in [
        "汪大明",
        "汪小明",
        "仇红",
        "王秀英",
        "王秀兰",
        "曾国华",
        "张丽华",
    ] {
        queries.extend(fragments(name));
    }
    queries.extend(["sunny", "su", "花园", "sunny 花"].map(String::from));
    same_as_scan(&index, &queries);
    assert_eq!(
        index
            .query("qiuhong", 5)
            .iter()
            .map(|h| h.id)
            .collect::<Vec<_>>(),
        [id]
    );
    // 汪小明 is now only a case's party.
    let left: Vec<HitKind> = index.query("汪小明", 5).iter().map(|h| h.kind).collect();
    assert_eq!(left, [HitKind::Case]);
}
