//! The income and spending statement of the assistance fund for a period (收支公示), as data
//! and as plain text for a notice board. Households appear masked, individual donors too.

use crate::reads::Reads;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::ledger::{format_yuan, overflow, sum};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Direction, FundEntry, Household, Id, Partner, PartnerKind};
use crate::text::mask_name;

/// Money in and out of one partner or one household over the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StatementLine {
    /// None: entries without a partner (anonymous gifts) or without a household (general costs).
    pub id: Option<Id>,
    /// How it is named in public: a partner's name (an individual's masked), a household's
    /// masked label.
    pub label: String,
    pub in_fen: i64,
    pub out_fen: i64,
}

/// The income and spending statement (收支公示) from `from` to `to`, both included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Statement {
    pub from: Date,
    pub to: Date,
    pub opening_fen: i64,
    pub income_fen: i64,
    pub spending_fen: i64,
    pub closing_fen: i64,
    pub by_partner: Vec<StatementLine>,
    pub by_household: Vec<StatementLine>,
    /// The period's entries, by date.
    pub entries: Vec<FundEntry>,
}

fn lines(
    entries: &[FundEntry],
    key: impl Fn(&FundEntry) -> Option<Id>,
    label: &dyn Fn(Id) -> String,
) -> Result<Vec<StatementLine>> {
    let mut map: BTreeMap<(bool, Id), (i64, i64)> = BTreeMap::new();
    for e in entries {
        let k = key(e);
        let slot = map.entry((k.is_none(), k.unwrap_or(0))).or_default();
        let side = match e.direction {
            Direction::In => &mut slot.0,
            Direction::Out => &mut slot.1,
        };
        *side = side.checked_add(e.amount_fen).ok_or_else(overflow)?;
    }
    Ok(map
        .into_iter()
        .map(|((none, id), (in_fen, out_fen))| StatementLine {
            id: (!none).then_some(id),
            label: if none { String::new() } else { label(id) },
            in_fen,
            out_fen,
        })
        .collect())
}

/// The statement over `entries`, with labels for partners and households.
pub fn compute_statement(
    entries: &[FundEntry],
    from: Date,
    to: Date,
    partner_label: &dyn Fn(Id) -> String,
    household_label: &dyn Fn(Id) -> String,
) -> Result<Statement> {
    if to < from {
        return Err(Error::invalid("to", "is before from"));
    }
    let mut period: Vec<FundEntry> = entries
        .iter()
        .filter(|e| (from..=to).contains(&e.date))
        .cloned()
        .collect();
    period.sort_by_key(|e| (e.date, e.id));
    let total = |dir: Direction| {
        period
            .iter()
            .filter(|e| e.direction == dir)
            .try_fold(0i64, |acc, e| acc.checked_add(e.amount_fen))
            .ok_or_else(overflow)
    };
    let opening_fen = sum(entries.iter().filter(|e| e.date < from))?;
    let income_fen = total(Direction::In)?;
    let spending_fen = total(Direction::Out)?;
    let closing_fen = opening_fen
        .checked_add(income_fen)
        .and_then(|x| x.checked_sub(spending_fen))
        .ok_or_else(overflow)?;
    Ok(Statement {
        from,
        to,
        opening_fen,
        income_fen,
        spending_fen,
        closing_fen,
        by_partner: lines(&period, |e| e.partner, partner_label)?,
        by_household: lines(&period, |e| e.household, household_label)?,
        entries: period,
    })
}

/// A partner as named in public: organisations by name, individuals masked.
pub fn public_partner(p: &Partner) -> String {
    if p.kind == PartnerKind::Individual {
        mask_name(&p.name)
    } else {
        p.name.clone()
    }
}

pub fn statement(store: &(impl Reads + ?Sized), from: Date, to: Date) -> Result<Statement> {
    let partners = store.all::<Partner>()?;
    let fund = store.all::<FundEntry>()?;
    // Only the households the fund names get a label: a few hundred, not every household.
    let mut households = BTreeMap::new();
    for id in fund.iter().filter_map(|e| e.household) {
        if households.contains_key(&id) {
            continue;
        }
        if let Some(h) = store.get::<Household>(id)? {
            let members = super::view::members_of(store, &h)?;
            households.insert(id, super::notice::public_label(&h, &members));
        }
    }
    let partner_label = |id: Id| {
        partners
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| format!("#{id}"), public_partner)
    };
    let household_label = |id: Id| {
        households
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    };
    compute_statement(&fund, from, to, &partner_label, &household_label)
}

/// The statement as a plain-text public notice (收支公示).
pub fn statement_text(community: &str, s: &Statement) -> String {
    let mut t = format!("{community}帮扶基金收支公示\n{} 至 {}\n\n", s.from, s.to);
    let _ = writeln!(t, "期初余额：{} 元", format_yuan(s.opening_fen));
    let _ = writeln!(t, "本期收入：{} 元", format_yuan(s.income_fen));
    let _ = writeln!(t, "本期支出：{} 元", format_yuan(s.spending_fen));
    let _ = writeln!(t, "期末余额：{} 元", format_yuan(s.closing_fen));
    let section = |t: &mut String, title: &str, none: &str, lines: &[StatementLine], out: bool| {
        let fen = |l: &StatementLine| if out { l.out_fen } else { l.in_fen };
        let shown: Vec<&StatementLine> = lines.iter().filter(|l| fen(l) != 0).collect();
        if shown.is_empty() {
            return;
        }
        let _ = writeln!(t, "\n{title}");
        for l in shown {
            let name = if l.id.is_none() {
                none
            } else {
                l.label.as_str()
            };
            let _ = writeln!(t, "  {name}：{} 元", format_yuan(fen(l)));
        }
    };
    section(&mut t, "收入来源", "未注明来源", &s.by_partner, false);
    section(&mut t, "支出去向", "公共支出", &s.by_household, true);
    t
}
