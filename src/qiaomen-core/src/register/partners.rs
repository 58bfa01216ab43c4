//! Partners (驻区单位, 共建单位, 爱心企业, individuals) and what each contributed.

use crate::reads::Reads;
use serde::Serialize;

use super::pledges::delivered_fen;
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{
    Direction, FundEntry, Id, Partner, PartnerKind, Pledge, PledgeStatus, PledgeWhat,
};

/// A partner's record of help.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Contribution {
    pub partner: Id,
    pub name: String,
    pub kind: PartnerKind,
    pub agreement_signed: Option<Date>,
    /// Households it claimed, by id.
    pub households: Vec<Id>,
    pub pledges: usize,
    pub active_pledges: usize,
    /// Money delivered to households against its pledges, in fen.
    pub delivered_fen: i64,
    /// Item pledges delivered.
    pub items_delivered: usize,
    /// Money it gave the fund, in fen.
    pub fund_in_fen: i64,
}

/// What makes two partners the same one: the name as people write it (trimmed, ASCII case
/// ignored: `ABC Bank` and `abc bank` are one bank) and the kind. A school and an enterprise
/// may share a name; two enterprises may not, or their pledges and fund gifts would be split
/// between two records and each would look smaller than it is.
pub fn partner_key(p: &Partner) -> (String, PartnerKind) {
    (p.name.trim().to_ascii_lowercase(), p.kind)
}

/// Refuses `p` when another recorded partner (another id) has the same name and kind.
pub fn check_unique_partner(p: &Partner, recorded: &[Partner]) -> Result<()> {
    let key = partner_key(p);
    match recorded
        .iter()
        .find(|other| other.id != p.id && partner_key(other) == key)
    {
        Some(other) => Err(duplicate_partner(p, other.id)),
        None => Ok(()),
    }
}

/// The refusal of a second partner with the same name and kind as partner `existing`.
pub fn duplicate_partner(p: &Partner, existing: Id) -> Error {
    Error::invalid(
        "name",
        crate::reason::Reason::PartnerExists {
            name: p.name.trim().to_owned(),
            kind: p.kind.to_string(),
            existing,
        },
    )
}

fn overflow() -> Error {
    Error::invalid("amount_fen", crate::reason::Reason::SumTooLarge)
}

/// Every partner's contribution, by partner id.
pub fn compute_contributions(
    partners: &[Partner],
    pledges: &[Pledge],
    fund: &[FundEntry],
) -> Result<Vec<Contribution>> {
    let mut out = Vec::with_capacity(partners.len());
    for p in partners {
        let mut c = Contribution {
            partner: p.id,
            name: p.name.clone(),
            kind: p.kind,
            agreement_signed: p.agreement_signed,
            households: Vec::new(),
            pledges: 0,
            active_pledges: 0,
            delivered_fen: 0,
            items_delivered: 0,
            fund_in_fen: 0,
        };
        for pl in pledges.iter().filter(|pl| pl.partner == p.id) {
            c.pledges += 1;
            if pl.status == PledgeStatus::Active {
                c.active_pledges += 1;
            }
            if !c.households.contains(&pl.household) {
                c.households.push(pl.household);
            }
            match pl.what {
                PledgeWhat::Money { .. } => {
                    c.delivered_fen = c
                        .delivered_fen
                        .checked_add(delivered_fen(pl)?)
                        .ok_or_else(overflow)?;
                }
                PledgeWhat::Item { .. } if !pl.deliveries.is_empty() => c.items_delivered += 1,
                PledgeWhat::Item { .. } => {}
            }
        }
        c.households.sort_unstable();
        for e in fund
            .iter()
            .filter(|e| e.partner == Some(p.id) && e.direction == Direction::In)
        {
            c.fund_in_fen = c
                .fund_in_fen
                .checked_add(e.amount_fen)
                .ok_or_else(overflow)?;
        }
        out.push(c);
    }
    Ok(out)
}

pub fn contributions(store: &(impl Reads + ?Sized)) -> Result<Vec<Contribution>> {
    compute_contributions(
        &store.all::<Partner>()?,
        &store.all::<Pledge>()?,
        &store.all::<FundEntry>()?,
    )
}
