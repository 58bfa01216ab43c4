//! Keeping the people of the register from the shell (issue 13): `member`, `grid`, `resident`,
//! `care`, `contact`, and `household add|set`. Every change is one `Command` through the
//! backend (audited, checked by the core's rules); these files parse, look up and word.

pub mod care;
pub mod contact;
pub mod grid;
pub mod household;
pub mod member;
pub mod resident;

use qiaomen_core::Error;
use qiaomen_core::model::{Grid, Id, Member, Resident};

use crate::backend::Backend;
use crate::context::Context;
use crate::error::AppError;

/// A resident by id, exact name or a part of a name only one has (`qiaomen_core::lookup`).
pub fn resident(store: &dyn Backend, query: &str) -> Result<Resident, Error> {
    qiaomen_core::lookup::resident(store, query)
}

/// A member by id or exact name.
pub fn member(store: &dyn Backend, query: &str) -> Result<Member, Error> {
    qiaomen_core::lookup::member(store, query)
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
