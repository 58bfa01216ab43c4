//! What a reader sees (SPEC §3, roles): admins, secretaries and workers see everything; a
//! steward sees their grids (roll call, search, records, summaries, check-ins); a volunteer sees
//! the elders they call and nothing else. The server asks `allowed` before it answers a query
//! and passes the answer through `narrow` after.

use crate::access::{Rank, Refusal, Who, sees_elder, sees_grid};
use crate::error::Result;
use crate::model::{Case, CheckIn, Household, Resident, Visit};
use crate::query::{Answer, Query};
use crate::reads::Reads;
use crate::search::HitKind;
use crate::store::{Entity, Tree};

/// Whether `who` may ask this at all; a steward's summary of the whole community becomes the
/// summary of their grid when they have one.
pub fn allowed(who: &Who, query: Query) -> std::result::Result<Query, Refusal> {
    let refuse = |action: &'static str| Refusal::Rank {
        who: who.name.clone(),
        rank: who.rank,
        action,
    };
    let everything = matches!(who.rank, Rank::Admin | Rank::Secretary | Rank::Worker);
    match query {
        Query::Check if who.rank != Rank::Admin => Err(refuse("settings")),
        // A head is cut before what a reader may not see is taken out: a narrowed reader is
        // answered their whole roll (a grid's, or the elders they call).
        Query::RollHead {
            date, now, grid, ..
        } if !everything => Ok(Query::Roll { date, now, grid }),
        Query::Summary {
            date,
            now,
            grid,
            period,
        } if !everything => Ok(Query::Summary {
            date,
            now,
            grid: Some(own_grid(who, grid).ok_or_else(|| refuse("reports"))?),
            period,
        }),
        Query::Completion { from, to, grid } if !everything => Ok(Query::Completion {
            from,
            to,
            grid: Some(own_grid(who, grid).ok_or_else(|| refuse("reports"))?),
        }),
        Query::FirstRecordDay { grid } if !everything => Ok(Query::FirstRecordDay {
            grid: Some(own_grid(who, grid).ok_or_else(|| refuse("reports"))?),
        }),
        // A steward reads the log of their grids; a volunteer none.
        Query::Log(mut filter) if !everything => {
            if who.rank != Rank::Steward {
                return Err(refuse("reports"));
            }
            filter.grids = Some(match filter.grids {
                Some(g) => g.into_iter().filter(|g| who.grids.contains(g)).collect(),
                None => who.grids.clone(),
            });
            Ok(Query::Log(filter))
        }
        // The audit tree is read through `qiaomen log`, by those who read everything.
        Query::All(Tree::Audit)
        | Query::Page {
            tree: Tree::Audit, ..
        } if !everything => Err(refuse("reports")),
        q => Ok(q),
    }
}

/// The grid a steward's report is of: the one asked for if it is theirs, else their only one.
fn own_grid(who: &Who, asked: Option<u64>) -> Option<u64> {
    if who.rank != Rank::Steward {
        return None;
    }
    match asked {
        Some(g) if who.grids.contains(&g) => Some(g),
        Some(_) => None,
        None => match who.grids.as_slice() {
            [one] => Some(*one),
            _ => None,
        },
    }
}

/// The answer with what `who` may not see taken out.
pub fn narrow(who: &Who, answer: Answer, store: &(impl Reads + ?Sized)) -> Result<Answer> {
    if matches!(who.rank, Rank::Admin | Rank::Secretary | Rank::Worker) {
        return Ok(answer);
    }
    Ok(match answer {
        Answer::Roll(mut roll) => {
            roll.entries.retain(|e| sees_elder(who, &e.elder));
            Answer::Roll(roll)
        }
        Answer::RollEntry(e) => Answer::RollEntry(e.filter(|e| sees_elder(who, &e.elder))),
        Answer::RollSheet(mut sheet) => {
            sheet.retain(|r| {
                sees_grid(who, r.grid)
                    || (who.rank == Rank::Volunteer
                        && who.member.is_some_and(|m| r.callers.contains(&m)))
            });
            Answer::RollSheet(sheet)
        }
        Answer::Elders(mut elders) => {
            elders.retain(|e| sees_elder(who, e));
            Answer::Elders(elders)
        }
        Answer::CheckIns(list) => {
            let keep = match list.first() {
                Some(c) => store
                    .get::<Resident>(c.elder)?
                    .is_some_and(|e| sees_elder(who, &e)),
                None => true,
            };
            Answer::CheckIns(if keep { list } else { Vec::new() })
        }
        Answer::Hits(mut hits) => {
            let mut keep = Vec::with_capacity(hits.len());
            for h in hits.drain(..) {
                if sees_hit(who, h.kind, h.id, store)? {
                    keep.push(h);
                }
            }
            Answer::Hits(keep)
        }
        Answer::Linked(mut linked) => {
            linked.visits = narrow_records(who, Tree::Visits, linked.visits, store)?;
            linked.cases = narrow_records(who, Tree::Cases, linked.cases, store)?;
            linked.fund = narrow_records(who, Tree::Fund, linked.fund, store)?;
            Answer::Linked(linked)
        }
        other => other,
    })
}

/// Records read by kind, narrowed: the server calls this with the tree the query named.
pub fn narrow_records(
    who: &Who,
    tree: Tree,
    values: Vec<Vec<u8>>,
    store: &(impl Reads + ?Sized),
) -> Result<Vec<Vec<u8>>> {
    if matches!(who.rank, Rank::Admin | Rank::Secretary | Rank::Worker) {
        return Ok(values);
    }
    if tree == Tree::HouseholdRows {
        return narrow_household_rows(who, values, store);
    }
    let mut keep = Vec::with_capacity(values.len());
    for v in values {
        if sees_record(who, tree, &v, store)? {
            keep.push(v);
        }
    }
    Ok(keep)
}

/// The household list's kept rows (blocks of 64 households), each block keeping the rows of
/// the households `who` sees, as `Households` is narrowed: their grids', and a volunteer's
/// the households of the elders they call.
fn narrow_household_rows(
    who: &Who,
    values: Vec<Vec<u8>>,
    store: &(impl Reads + ?Sized),
) -> Result<Vec<Vec<u8>>> {
    use crate::store::{decode_household_rows, encode_household_rows};
    let mut keep = Vec::with_capacity(values.len());
    for v in values {
        let mut rows = decode_household_rows(&v)?;
        let mut seen = Vec::with_capacity(rows.len());
        for r in rows.drain(..) {
            let sees = sees_grid(who, r.grid)
                || (who.rank == Rank::Volunteer
                    && match store.get::<Household>(r.id)? {
                        Some(h) => calls_someone_in(who, &h, store)?,
                        None => false,
                    });
            if sees {
                seen.push(r);
            }
        }
        if !seen.is_empty() {
            keep.push(encode_household_rows(&seen));
        }
    }
    Ok(keep)
}

/// Why `who` does not see this record (one they asked for by id).
pub fn refusal_for(
    who: &Who,
    tree: Tree,
    bytes: &[u8],
    store: &(impl Reads + ?Sized),
) -> Result<Refusal> {
    let (name, grid) = match tree {
        Tree::Residents => {
            let r = Resident::decode(bytes)?;
            (r.name, Some(r.grid))
        }
        Tree::Households => {
            let h = Household::decode(bytes)?;
            (h.address.short(), Some(h.grid))
        }
        Tree::Cases => {
            let c = Case::decode(bytes)?;
            (c.number(), Some(c.grid))
        }
        Tree::Visits => {
            let v = Visit::decode(bytes)?;
            let grid = store.get::<Household>(v.household)?.map(|h| h.grid);
            (format!("#{}", v.id), grid)
        }
        Tree::Services | Tree::ServicePlans | Tree::Supports => {
            (String::new(), care_grid(tree, bytes, store)?)
        }
        _ => (String::new(), None),
    };
    match grid {
        Some(g) => crate::access::why_not(who, store, &name, g),
        None => Ok(Refusal::Rank {
            who: who.name.clone(),
            rank: who.rank,
            action: "register",
        }),
    }
}

fn sees_record(who: &Who, tree: Tree, bytes: &[u8], store: &(impl Reads + ?Sized)) -> Result<bool> {
    Ok(match tree {
        Tree::Residents => sees_elder(who, &Resident::decode(bytes)?),
        Tree::Households => {
            let h = Household::decode(bytes)?;
            sees_grid(who, h.grid) || calls_someone_in(who, &h, store)?
        }
        Tree::Cases => sees_grid(who, Case::decode(bytes)?.grid),
        Tree::Visits => {
            let v = Visit::decode(bytes)?;
            match store.get::<Household>(v.household)? {
                Some(h) => sees_grid(who, h.grid) || calls_someone_in(who, &h, store)?,
                None => false,
            }
        }
        // The team and the grids are not private to anyone of it; nor is the visit plan, nor
        // are the volunteer teams. Organisations are named parties of cases in every grid, as
        // public as the team.
        Tree::Members
        | Tree::Grids
        | Tree::Cadence
        | Tree::Campaigns
        | Tree::Teams
        | Tree::Orgs => true,
        // Services, plans and support records: seen with the person's or household's grid.
        Tree::Services | Tree::ServicePlans | Tree::Supports => {
            match care_grid(tree, bytes, store)? {
                Some(g) => sees_grid(who, g),
                None => false,
            }
        }
        // Partners, pledges, the fund, meetings and notices are the register's: not a
        // steward's or a volunteer's to read; neither is the audit.
        _ => false,
    })
}

fn calls_someone_in(who: &Who, h: &Household, store: &(impl Reads + ?Sized)) -> Result<bool> {
    if who.rank != Rank::Volunteer {
        return Ok(false);
    }
    for id in &h.members {
        if let Some(r) = store.get::<Resident>(*id)?
            && sees_elder(who, &r)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

fn sees_hit(who: &Who, kind: HitKind, id: u64, store: &(impl Reads + ?Sized)) -> Result<bool> {
    Ok(match kind {
        HitKind::Resident => store
            .get::<Resident>(id)?
            .is_some_and(|r| sees_elder(who, &r)),
        HitKind::Household => match store.get::<Household>(id)? {
            Some(h) => sees_grid(who, h.grid) || calls_someone_in(who, &h, store)?,
            None => false,
        },
        HitKind::Case => store
            .get::<Case>(id)?
            .is_some_and(|c| sees_grid(who, c.grid)),
        // The team is not private to anyone of it (as `All(Members)`); organisations and
        // volunteer teams are as public (see `sees_record`).
        HitKind::Member | HitKind::Org | HitKind::Team => true,
        HitKind::Partner => false,
    })
}

/// Whether `who`'s export holds this record: a steward's, their grids' people, households,
/// cases, visits and check-ins, with the community, its grids and its team.
pub fn keeps_record(
    who: &Who,
    record: &crate::record::Record,
    store: &(impl Reads + ?Sized),
) -> Result<bool> {
    use crate::record::Record as R;
    if matches!(who.rank, Rank::Admin | Rank::Secretary | Rank::Worker) {
        return Ok(true);
    }
    Ok(match record {
        R::Community(_) | R::Grid(_) | R::Member(_) => true,
        R::Resident(r) => sees_elder(who, r),
        R::Household(h) => sees_grid(who, h.grid) || calls_someone_in(who, h, store)?,
        R::Case(c) => sees_grid(who, c.grid),
        R::Visit(v) => match store.get::<Household>(v.household)? {
            Some(h) => sees_grid(who, h.grid) || calls_someone_in(who, &h, store)?,
            None => false,
        },
        R::Checkin(c) => sees_checkin(who, c, store)?,
        _ => false,
    })
}

/// A check-in is of an elder: whether `who` sees it.
pub fn sees_checkin(who: &Who, c: &CheckIn, store: &(impl Reads + ?Sized)) -> Result<bool> {
    Ok(store
        .get::<Resident>(c.elder)?
        .is_some_and(|e| sees_elder(who, &e)))
}

/// The grid of the person or household a service, plan or support record is for.
fn care_grid(tree: Tree, bytes: &[u8], store: &(impl Reads + ?Sized)) -> Result<Option<u64>> {
    use crate::care::{Service, ServicePlan, Support, whom_grid};
    let whom = match tree {
        Tree::Services => Service::decode(bytes)?.whom,
        Tree::ServicePlans => ServicePlan::decode(bytes)?.whom,
        Tree::Supports => Support::decode(bytes)?.whom,
        _ => return Ok(None),
    };
    Ok(whom_grid(store, whom).ok().map(|(g, _)| g))
}
