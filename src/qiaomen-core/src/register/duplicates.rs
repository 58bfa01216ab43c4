//! The double-help warning: one household helped for the same need by different helpers.
//!
//! Helpers are the partners of pledges that are not cancelled (a fulfilled wheelchair pledge
//! still means the household has a wheelchair) and of fund payments to the household; a payment
//! from the fund with no partner counts as the fund itself. Needs are tags from one list
//! (`model::Need`), so "medicine" and "medical" are one need; help with no tag matches
//! nothing. It is a warning, not a refusal: two partners sharing a large need may be intended.

use crate::reads::Reads;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::model::{Direction, FundEntry, Id, Need, Pledge, PledgeStatus};

/// One source of help behind a warning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct HelpSource {
    /// None: the fund's own money.
    pub partner: Option<Id>,
    /// The pledge, or the fund entry, the help was recorded as.
    pub pledge: Option<Id>,
    pub fund_entry: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Warning {
    pub household: Id,
    pub need: Need,
    /// Every source of help for it, pledges first.
    pub sources: Vec<HelpSource>,
}

/// Warnings over the given pledges and fund entries, by household then need.
pub fn find_duplicates(pledges: &[Pledge], fund: &[FundEntry]) -> Vec<Warning> {
    let mut groups: BTreeMap<(Id, Need), Vec<HelpSource>> = BTreeMap::new();
    let mut add = |household: Id, need: Option<Need>, source: HelpSource| {
        if let Some(need) = need {
            groups.entry((household, need)).or_default().push(source);
        }
    };
    for p in pledges
        .iter()
        .filter(|p| p.status != PledgeStatus::Cancelled)
    {
        add(
            p.household,
            p.need,
            HelpSource {
                partner: Some(p.partner),
                pledge: Some(p.id),
                fund_entry: None,
            },
        );
    }
    for e in fund.iter().filter(|e| e.direction == Direction::Out) {
        if let Some(h) = e.household {
            add(
                h,
                e.need,
                HelpSource {
                    partner: e.partner,
                    pledge: None,
                    fund_entry: Some(e.id),
                },
            );
        }
    }
    groups
        .into_iter()
        .filter_map(|((household, need), sources)| {
            let first = sources[0].partner;
            sources
                .iter()
                .any(|s| s.partner != first)
                .then_some(Warning {
                    household,
                    need,
                    sources,
                })
        })
        .collect()
}

pub fn duplicate_help(store: &(impl Reads + ?Sized)) -> Result<Vec<Warning>> {
    Ok(find_duplicates(
        &store.all::<Pledge>()?,
        &store.all::<FundEntry>()?,
    ))
}
