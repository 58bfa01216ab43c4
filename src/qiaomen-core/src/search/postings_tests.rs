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
    // Organisations and teams (issue 16's gaps), as the generator makes them.
    let orgs = store.all::<Org>().unwrap();
    let teams = store.all::<crate::care::Team>().unwrap();
    assert!(!orgs.is_empty() && !teams.is_empty());
    for name in orgs
        .iter()
        .map(|o| &o.name)
        .chain(teams.iter().map(|t| &t.name))
        .step_by(3)
    {
        queries.extend(fragments(name));
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

/// Organisations and volunteer teams (issue 16's gaps): found by name, pinyin and initials (an
/// organisation by its contacts too), kept in step by `refresh` as the warm state does after
/// a change, and found alike by the keys, the scan, a fresh build and the one-shot stream.
#[test]
fn organisations_and_teams_are_found_and_kept_in_step() {
    use crate::care::{CareCommand, Person, Team, TeamKind};
    use crate::casework::CaseWorkCommand;
    use crate::model::{OrgContact, OrgKind};
    let store = community();
    let mut index = SearchIndex::build(&store, today()).unwrap();
    let mut org = Org {
        id: 0,
        name: "顺和物业服务中心".into(),
        kind: OrgKind::PropertyCompany,
        contacts: vec![OrgContact {
            name: "邱建平".into(),
            phone: "0731-85216630".into(),
        }],
        note: String::new(),
    };
    let save_org = |o: &Org| Command::CaseWork(CaseWorkCommand::SaveOrg(o.clone()));
    org.id = store.apply(save_org(&org), &actor()).unwrap().id;
    index.refresh(&store, "org", org.id).unwrap();
    let team = Team {
        id: 0,
        name: "银杏志愿队".into(),
        kind: TeamKind::Residents,
        members: vec![Person::Resident(1)],
        leader: Some(Person::Resident(1)),
        note: String::new(),
    };
    let command = Command::Care(CareCommand::SaveTeam(team));
    let team = store.apply(command, &actor()).unwrap().id;
    index.refresh(&store, "team", team).unwrap();

    let hits = index.query("顺和物业", 5);
    assert_eq!((hits[0].kind, hits[0].id), (HitKind::Org, org.id));
    assert_eq!(hits[0].tags, ["property_company"]);
    assert!(hits[0].context.starts_with("邱建平"), "{}", hits[0].context);
    let by_contact: Vec<HitKind> = index
        .query("qiujianping", 5)
        .iter()
        .map(|h| h.kind)
        .collect();
    assert_eq!(by_contact, [HitKind::Org]);
    let teams: Vec<(HitKind, Id)> = index
        .query("yxzyd", 5)
        .iter()
        .map(|h| (h.kind, h.id))
        .collect();
    assert_eq!(teams, [(HitKind::Team, team)]);
    assert_eq!(index.query("银杏", 5)[0].tags, ["residents"]);

    let mut queries: Vec<String> = QUERIES.iter().map(|&q| q.to_owned()).collect();
    for name in ["顺和物业服务中心", "银杏志愿队", "邱建平"] {
        queries.extend(fragments(name));
    }
    queries.extend(["8521", "85216630", "顺和 邱"].map(String::from));
    same_as_scan(&index, &queries);
    let fresh = SearchIndex::build(&store, today()).unwrap();
    for q in &queries {
        assert_eq!(index.query(q, 50), fresh.query(q, 50), "{q:?}");
        assert_eq!(
            find(&store, q, today(), 50).unwrap(),
            fresh.query(q, 50),
            "{q:?}"
        );
    }

    // Renamed: found by the new name only; removed: not found at all.
    org.name = "桂园物业".into();
    store.apply(save_org(&org), &actor()).unwrap();
    index.refresh(&store, "org", org.id).unwrap();
    assert!(
        index
            .query("顺和物业", 5)
            .iter()
            .all(|h| h.kind != HitKind::Org)
    );
    assert_eq!(index.query("桂园", 5)[0].kind, HitKind::Org);
    index.remove(HitKind::Team, team);
    assert!(index.query("银杏", 5).is_empty());
    same_as_scan(&index, &queries);
}
