//! Resolving what a person types on the command line (`12`, `#12`, `梅秀英`) to one record.

use crate::error::{Error, Result};
use crate::model::{Case, Grid, Id, Member, Resident};
use crate::reads::Reads;

fn parse_id(text: &str) -> Option<Id> {
    text.trim().trim_start_matches('#').parse().ok()
}

/// An elder (a resident with a care plan) by id or by name; a name must be unique.
pub fn elder(store: &(impl Reads + ?Sized), query: &str) -> Result<Resident> {
    if let Some(id) = parse_id(query) {
        let r = store.require::<Resident>(id)?;
        if r.care.is_none() {
            return Err(Error::invalid(
                "elder",
                crate::reason::Reason::NoCarePlan {
                    name: r.name.clone(),
                },
            ));
        }
        return Ok(r);
    }
    let q = query.trim();
    let elders = store.elders()?;
    let exact: Vec<&Resident> = elders.iter().filter(|e| e.name == q).collect();
    let hits = if exact.is_empty() {
        elders.iter().filter(|e| e.name.contains(q)).collect()
    } else {
        exact
    };
    one(("elder", "elders"), q, &hits, |e| {
        format!("{} (id {})", e.name, e.id)
    })
}

/// A resident by id (`12`, `#12`), by exact name, or by a part of a name only one has. Where a
/// name is shared with someone who has left, the one who lives here is meant.
pub fn resident(store: &(impl Reads + ?Sized), query: &str) -> Result<Resident> {
    if let Some(id) = parse_id(query) {
        return store.require::<Resident>(id);
    }
    let q = query.trim();
    let all = named(store, q)?;
    let exact: Vec<&Resident> = all.iter().filter(|r| r.name == q).collect();
    let mut hits: Vec<&Resident> = if exact.is_empty() {
        all.iter().filter(|r| r.name.contains(q)).collect()
    } else {
        exact
    };
    if hits.len() > 1 && hits.iter().any(|r| r.left.is_none()) {
        hits.retain(|r| r.left.is_none());
    }
    one(("resident", "residents"), q, &hits, |r| {
        format!("{} (#{})", r.name, r.id)
    })
}

/// The most residents a name is looked up among through search. Search ranks whole names
/// first, then names that begin with the text, then any other match; when it finds this many,
/// some with the text inside their name may be beyond them, and every resident is read.
const NAMED: usize = 500;

/// Residents whose name may be `q` or hold it: those search finds for it where the reader has
/// a search (a name looked up at subdistrict scale without decoding 100,000 residents), else
/// every resident.
fn named(store: &(impl Reads + ?Sized), q: &str) -> Result<Vec<Resident>> {
    if !q.is_empty()
        && let Some(ids) = store.search_residents(q, NAMED)?
        && ids.len() < NAMED
    {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(r) = store.get::<Resident>(id)? {
                found.push(r);
            }
        }
        found.sort_by_key(|r| r.id);
        return Ok(found);
    }
    store.all::<Resident>()
}

/// A member by id or exact name.
pub fn member(store: &(impl Reads + ?Sized), query: &str) -> Result<Member> {
    if let Some(id) = parse_id(query) {
        return store.require::<Member>(id);
    }
    let q = query.trim();
    let all = store.all::<Member>()?;
    let hits: Vec<&Member> = all.iter().filter(|m| m.name == q).collect();
    one(("member", "members"), q, &hits, |m| {
        format!("{} (#{})", m.name, m.id)
    })
}

/// The one record among `hits`, or "no such (kind)" / "several (kinds) match, give the id".
fn one<T: Clone>(
    (kind, kinds): (&'static str, &'static str),
    query: &str,
    hits: &[&T],
    label: impl Fn(&T) -> String,
) -> Result<T> {
    match hits {
        [] => Err(Error::NoMatch {
            kind,
            query: query.to_owned(),
        }),
        [one] => Ok((*one).clone()),
        many => Err(Error::Ambiguous {
            kind: kinds,
            query: query.to_owned(),
            candidates: many.iter().map(|t| label(t)).collect::<Vec<_>>().join(", "),
        }),
    }
}

/// An organisation by id, by its exact name, or by a part of its name only it has (issue 16).
pub fn org(store: &(impl Reads + ?Sized), query: &str) -> Result<crate::model::Org> {
    if let Some(id) = parse_id(query) {
        return store.require::<crate::model::Org>(id);
    }
    let q = query.trim();
    let all = store.all::<crate::model::Org>()?;
    let exact: Vec<&crate::model::Org> = all.iter().filter(|o| o.name == q).collect();
    let hits = if exact.is_empty() {
        all.iter().filter(|o| o.name.contains(q)).collect()
    } else {
        exact
    };
    one(("org", "orgs"), q, &hits, |o| {
        format!("{} (#{})", o.name, o.id)
    })
}

/// Who `query` may name as a meeting's attendee: `resident:12`, `org:3` or `member:4` names
/// that record; a name is looked for among residents who live here, organisations and
/// members, exactly first, else as a part of a name. The caller takes the one, and words
/// none or several (a person from outside the register is a guest only when the user says
/// so).
pub fn attendees(
    store: &(impl Reads + ?Sized),
    query: &str,
) -> Result<Vec<crate::model::Attendee>> {
    use crate::model::{Attendee, Org};
    let q = query.trim();
    if let Some((kind, id)) = q.split_once(':')
        && let Some(id) = parse_id(id)
    {
        match kind.trim() {
            "resident" => return Ok(vec![Attendee::Resident(store.require::<Resident>(id)?.id)]),
            "org" => return Ok(vec![Attendee::Org(store.require::<Org>(id)?.id)]),
            "member" => return Ok(vec![Attendee::Member(store.require::<Member>(id)?.id)]),
            _ => {}
        }
    }
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let residents: Vec<Resident> = named(store, q)?
        .into_iter()
        .filter(|r| r.left.is_none())
        .collect();
    let orgs = store.all::<Org>()?;
    let members = store.all::<Member>()?;
    let found = |fits: &dyn Fn(&str) -> bool| {
        let mut out: Vec<Attendee> = Vec::new();
        out.extend(
            residents
                .iter()
                .filter(|r| fits(&r.name))
                .map(|r| Attendee::Resident(r.id)),
        );
        out.extend(
            orgs.iter()
                .filter(|o| fits(&o.name))
                .map(|o| Attendee::Org(o.id)),
        );
        out.extend(
            members
                .iter()
                .filter(|m| fits(&m.name))
                .map(|m| Attendee::Member(m.id)),
        );
        out
    };
    let exact = found(&|name| name == q);
    if !exact.is_empty() {
        return Ok(exact);
    }
    Ok(found(&|name| name.contains(q)))
}

/// A case by number (`42` or `#42`).
pub fn case(store: &(impl Reads + ?Sized), query: &str) -> Result<Case> {
    let id = parse_id(query).ok_or_else(|| {
        Error::invalid(
            "case",
            crate::reason::Reason::NotARecordNumber {
                kind: "case".to_owned(),
                text: query.to_string(),
            },
        )
    })?;
    store.require::<Case>(id)
}

/// A grid by code (`G1`, case-insensitive), name or id.
pub fn grid(store: &(impl Reads + ?Sized), query: &str) -> Result<Grid> {
    let q = query.trim();
    let grids = store.all::<Grid>()?;
    grids
        .iter()
        .find(|g| g.code.eq_ignore_ascii_case(q) || g.name == q)
        .or_else(|| parse_id(q).and_then(|id| grids.iter().find(|g| g.id == id)))
        .cloned()
        .ok_or_else(|| Error::NoMatch {
            kind: "grid",
            query: q.to_owned(),
        })
}
