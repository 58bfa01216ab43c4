//! Resolving what a person types on the command line (`12`, `#12`, `梅秀英`) to one record.

use crate::error::{Error, Result};
use crate::model::{Case, Grid, Id, Resident};
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
                format!("{} (id {id}) has no care plan", r.name),
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
    match hits.as_slice() {
        [] => Err(Error::NoMatch {
            kind: "elder",
            query: q.to_owned(),
        }),
        [one] => Ok((*one).clone()),
        many => Err(Error::Ambiguous {
            kind: "elders",
            query: q.to_owned(),
            candidates: many
                .iter()
                .map(|e| format!("{} (id {})", e.name, e.id))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// A case by number (`42` or `#42`).
pub fn case(store: &(impl Reads + ?Sized), query: &str) -> Result<Case> {
    let id = parse_id(query)
        .ok_or_else(|| Error::invalid("case", format!("\"{query}\" is not a case number")))?;
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
