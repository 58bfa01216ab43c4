//! The period's figures of partners' work: activities by kind and by partner, people reached,
//! goods given and their value, and agreement duties overdue on the period's last day. Like
//! partners and the fund, they are the whole community's (a grid's report shows them too).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::duties::{DutyState, duty_state};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Activity, ActivityKind, Duty, Goods, Id, Partner};

/// Activities of one kind in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityCount {
    pub kind: ActivityKind,
    pub activities: usize,
    pub people: u64,
}

/// One partner's work in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerActivity {
    pub partner: Id,
    pub name: String,
    pub activities: usize,
    pub people: u64,
    pub goods: usize,
    pub goods_value_fen: i64,
}

/// Partners' activities and goods from `from` to `to` (both included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachFigures {
    pub activities: usize,
    /// People reached by the period's activities, as each was counted.
    pub people_reached: u64,
    /// Kinds with at least one activity, in the order of `ActivityKind`.
    pub by_kind: Vec<ActivityCount>,
    /// Partners with an activity or goods in the period, by id.
    pub by_partner: Vec<PartnerActivity>,
    /// Gifts of goods.
    pub goods: usize,
    /// Their value; never part of the fund's money.
    pub goods_value_fen: i64,
    /// Agreement duties overdue on the last day (either side's).
    pub duties_overdue: usize,
}

fn overflow() -> Error {
    Error::invalid("value_fen", crate::reason::Reason::SumTooLarge)
}

/// The value of these goods, in fen.
pub fn goods_value<'a>(goods: impl IntoIterator<Item = &'a Goods>) -> Result<i64> {
    goods.into_iter().try_fold(0_i64, |sum, g| {
        sum.checked_add(g.value_fen).ok_or_else(overflow)
    })
}

pub fn figures(
    partners: &[Partner],
    activities: &[Activity],
    goods: &[Goods],
    duties: &[Duty],
    from: Date,
    to: Date,
) -> Result<OutreachFigures> {
    let within = |d: Date| from <= d && d <= to;
    let mut f = OutreachFigures::default();
    let mut by_partner: BTreeMap<Id, PartnerActivity> = BTreeMap::new();
    let name = |id: Id| {
        partners
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| format!("#{id}"), |p| p.name.clone())
    };
    for a in activities.iter().filter(|a| within(a.date)) {
        f.activities += 1;
        f.people_reached += u64::from(a.people);
        match f.by_kind.iter_mut().find(|c| c.kind == a.kind) {
            Some(c) => {
                c.activities += 1;
                c.people += u64::from(a.people);
            }
            None => f.by_kind.push(ActivityCount {
                kind: a.kind,
                activities: 1,
                people: u64::from(a.people),
            }),
        }
        let p = by_partner
            .entry(a.partner)
            .or_insert_with(|| partner_row(a.partner, name(a.partner)));
        p.activities += 1;
        p.people += u64::from(a.people);
    }
    f.by_kind.sort_by_key(|c| c.kind);
    for g in goods.iter().filter(|g| within(g.date)) {
        f.goods += 1;
        f.goods_value_fen = f
            .goods_value_fen
            .checked_add(g.value_fen)
            .ok_or_else(overflow)?;
        let p = by_partner
            .entry(g.partner)
            .or_insert_with(|| partner_row(g.partner, name(g.partner)));
        p.goods += 1;
        p.goods_value_fen = p
            .goods_value_fen
            .checked_add(g.value_fen)
            .ok_or_else(overflow)?;
    }
    f.by_partner = by_partner.into_values().collect();
    f.duties_overdue = duties
        .iter()
        .filter(|d| matches!(duty_state(d, to), DutyState::Overdue { .. }))
        .count();
    Ok(f)
}

fn partner_row(partner: Id, name: String) -> PartnerActivity {
    PartnerActivity {
        partner,
        name,
        activities: 0,
        people: 0,
        goods: 0,
        goods_value_fen: 0,
    }
}
