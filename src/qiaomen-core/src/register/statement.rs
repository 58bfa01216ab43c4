//! The income and spending statement of the assistance fund for a period (收支公示), as data
//! and as plain text for a notice board. Households appear masked, individual donors too.

use crate::reads::Reads;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::ledger::{format_yuan, overflow, sum};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Direction, FundEntry, Goods, Household, Id, Partner, PartnerKind};
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
    /// Goods partners gave in the period (物资), by date: reported beside the fund, never in
    /// its balance (issue 16 point 3).
    pub goods: Vec<GoodsLine>,
    pub goods_value_fen: i64,
}

/// One gift of goods as the statement shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct GoodsLine {
    pub id: Id,
    pub date: Date,
    /// The partner as named in public.
    pub partner: String,
    pub what: String,
    pub quantity: u32,
    pub unit: String,
    pub value_fen: i64,
    /// The household's public (masked) label; none for the community.
    pub household: Option<String>,
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
        return Err(Error::invalid("to", crate::reason::Reason::BeforeFrom));
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
        goods: Vec::new(),
        goods_value_fen: 0,
    })
}

/// Adds the period's goods to a statement, labelled as its partners and households are.
pub fn add_goods(
    s: &mut Statement,
    goods: &[Goods],
    partner_label: &dyn Fn(Id) -> String,
    household_label: &dyn Fn(Id) -> String,
) -> Result<()> {
    let mut period: Vec<&Goods> = goods
        .iter()
        .filter(|g| (s.from..=s.to).contains(&g.date))
        .collect();
    period.sort_by_key(|g| (g.date, g.id));
    s.goods_value_fen = crate::outreach::goods_value(period.iter().copied())?;
    s.goods = period
        .into_iter()
        .map(|g| GoodsLine {
            id: g.id,
            date: g.date,
            partner: partner_label(g.partner),
            what: g.what.clone(),
            quantity: g.quantity,
            unit: g.unit.clone(),
            value_fen: g.value_fen,
            household: g.household.map(household_label),
        })
        .collect();
    Ok(())
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
    let goods = store.all::<Goods>()?;
    // Only the households the fund and goods name get a label: a few hundred, not every
    // household.
    let mut households = BTreeMap::new();
    for id in fund
        .iter()
        .filter_map(|e| e.household)
        .chain(goods.iter().filter_map(|g| g.household))
    {
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
    let mut s = compute_statement(&fund, from, to, &partner_label, &household_label)?;
    add_goods(&mut s, &goods, &partner_label, &household_label)?;
    Ok(s)
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
    if !s.goods.is_empty() {
        let _ = writeln!(
            t,
            "\n物资（不计入基金余额）：共 {} 批，价值 {} 元",
            s.goods.len(),
            format_yuan(s.goods_value_fen)
        );
        for g in &s.goods {
            let to = g.household.as_deref().unwrap_or("社区");
            let _ = writeln!(
                t,
                "  {} {} {} {}{}，价值 {} 元，给{to}",
                g.date,
                g.partner,
                g.what,
                g.quantity,
                g.unit,
                format_yuan(g.value_fen)
            );
        }
    }
    t
}
