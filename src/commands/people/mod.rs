//! Keeping the people of the register from the shell (issue 13): `member`, `grid`, `resident`,
//! `care`, `contact`, and `household add|set`. Every change is one `Command` through the
//! backend (audited, checked by the core's rules); these files parse, look up and word.

pub mod care;
pub mod contact;
pub mod grid;
pub mod household;
pub mod member;
pub mod resident;

use qiaomen_core::model::{Grid, Id, Member, Resident};
use qiaomen_core::{Error, Reads};

use crate::backend::Backend;
use crate::context::Context;
use crate::error::AppError;

fn parse_id(text: &str) -> Option<Id> {
    text.trim().trim_start_matches('#').parse().ok()
}

/// One record out of `hits`, or the domain's "no match" / "several match, give the id".
fn one<T: Clone>(
    (kind, kinds): (&'static str, &'static str),
    query: &str,
    hits: &[&T],
    label: impl Fn(&T) -> String,
) -> Result<T, Error> {
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

/// A resident by id (`12`, `#12`), by exact name, or by a part of a name only one has. Where a
/// name is shared with someone who has left, the one who lives here is meant.
pub fn resident(store: &dyn Backend, query: &str) -> Result<Resident, Error> {
    if let Some(id) = parse_id(query) {
        return store.require::<Resident>(id);
    }
    let q = query.trim();
    let all = store.all::<Resident>()?;
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

/// A member by id or exact name.
pub fn member(store: &dyn Backend, query: &str) -> Result<Member, Error> {
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

/// A household id (`12`, `#12`) that exists, or `None` for `none`.
fn household_id(store: &dyn Backend, query: &str) -> Result<Option<Id>, Error> {
    if query.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let h = crate::commands::register::household(store, query)?;
    Ok(Some(h.id))
}

/// A grid by code, name or id.
fn grid(ctx: &Context, query: &str) -> Result<Grid, AppError> {
    Ok(qiaomen_core::lookup::grid(&*ctx.backend, query)?)
}

/// The grids' codes by id, for lists.
fn grid_code(grids: &[Grid], id: Id) -> String {
    grids
        .iter()
        .find(|g| g.id == id)
        .map_or_else(|| id.to_string(), |g| g.code.clone())
}

/// Whether `text` is `none` (to clear an optional field).
fn is_none(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("none")
}
