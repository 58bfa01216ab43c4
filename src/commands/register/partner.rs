//! `qiaomen partner list|show|add`: units, enterprises, schools, banks and people who help, with
//! what each contributed.

use qiaomen_core::Reads;
use std::fmt::Write as _;

use qiaomen_core::Command;
use qiaomen_core::model::{Activity, Duty, Goods, Id, Partner, PartnerKind, Pledge};
use qiaomen_core::register::{Contribution, RegisterCommand, contributions, format_yuan};
use serde_json::json;

use super::{clean_lines, date_opt, describe};
use crate::cli::PartnerCmd;
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::{self, Lang, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &PartnerCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        PartnerCmd::Duty(c) => super::duty::run(ctx, c),
        PartnerCmd::List { json } => {
            let all = contributions(&*ctx.backend)?;
            if *json {
                return Ok(super::json(&all));
            }
            Ok(list(lang, &all))
        }
        PartnerCmd::Show { partner, json } => {
            let p = super::partner(&*ctx.backend, partner)?;
            let c = contributions(&*ctx.backend)?
                .into_iter()
                .find(|c| c.partner == p.id);
            let pledges: Vec<Pledge> = ctx
                .backend
                .all::<Pledge>()?
                .into_iter()
                .filter(|pl| pl.partner == p.id)
                .collect();
            let work = Work::of(ctx, p.id)?;
            if *json {
                return Ok(super::json(&json!({
                    "partner": p,
                    "contribution": c,
                    "pledges": pledges,
                    "duties": work.duties,
                    "activities": work.activities,
                    "goods": work.goods,
                })));
            }
            let mut out = card(ctx, &p, c.as_ref(), &pledges)?;
            out.push_str(&work.text(lang, ctx.now()?.date));
            Ok(clean_lines(&out))
        }
        PartnerCmd::Add {
            name,
            kind,
            signed,
            scope,
            contact,
            phone,
        } => {
            let kind: PartnerKind = arg(kind.parse(), lang)?;
            let p = Partner {
                id: 0,
                name: name.clone(),
                kind,
                agreement_signed: date_opt(signed.as_deref(), ctx)?,
                scope: scope.clone(),
                contact: contact.clone(),
                phone: phone.clone(),
            };
            let cmd = RegisterCommand::SavePartner(p);
            let applied = ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            let saved = ctx.backend.require::<Partner>(applied.id)?;
            Ok(format!(
                "{}\n",
                lang.fill(T::PartnerSaved, &[&saved.id, &saved.name])
            ))
        }
    }
}

/// A partner's agreement duties, activities and goods (issue 16 point 3), newest first.
struct Work {
    duties: Vec<Duty>,
    activities: Vec<Activity>,
    goods: Vec<Goods>,
}

impl Work {
    fn of(ctx: &Context, partner: Id) -> Result<Work, AppError> {
        let mut duties: Vec<Duty> = ctx.backend.all::<Duty>()?;
        duties.retain(|d| d.partner == partner);
        let mut activities: Vec<Activity> = ctx.backend.all::<Activity>()?;
        activities.retain(|a| a.partner == partner);
        activities.sort_by_key(|a| std::cmp::Reverse((a.date, a.id)));
        let mut goods: Vec<Goods> = ctx.backend.all::<Goods>()?;
        goods.retain(|g| g.partner == partner);
        goods.sort_by_key(|g| std::cmp::Reverse((g.date, g.id)));
        Ok(Work {
            duties,
            activities,
            goods,
        })
    }

    fn text(&self, lang: Lang, today: qiaomen_core::Date) -> String {
        let mut out = format!("{}\n", lang.heading(T::DutiesHead));
        if self.duties.is_empty() {
            let _ = writeln!(out, "  {}", lang.t(T::NoneYet));
        }
        for d in &self.duties {
            let _ = writeln!(
                out,
                "  #{} {}：{} · {} · {}",
                d.id,
                i18n::duty_side(lang, d.side),
                d.what,
                super::duty::rhythm(lang, d),
                super::duty::state(lang, d, today)
            );
        }
        let _ = writeln!(out, "{}", lang.heading(T::ActivitiesHead));
        if self.activities.is_empty() {
            let _ = writeln!(out, "  {}", lang.t(T::NoneYet));
        }
        for a in &self.activities {
            let _ = writeln!(out, "  #{} {}", a.id, super::activity::line(lang, a));
        }
        let _ = writeln!(out, "{}", lang.heading(T::GoodsHead));
        if self.goods.is_empty() {
            let _ = writeln!(out, "  {}", lang.t(T::NoneYet));
        }
        for g in &self.goods {
            let _ = writeln!(out, "  #{} {}", g.id, super::goods::line(lang, g));
        }
        out
    }
}

fn list(lang: Lang, all: &[Contribution]) -> String {
    if all.is_empty() {
        return format!("{}\n", lang.t(T::NoPartners));
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|c| {
            vec![
                format!("#{}", c.partner),
                c.name.clone(),
                i18n::partner_kind(lang, c.kind).to_owned(),
                c.agreement_signed
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                c.households.len().to_string(),
                format!("{}/{}", c.active_pledges, c.pledges),
                format_yuan(c.delivered_fen),
                format_yuan(c.fund_in_fen),
            ]
        })
        .collect();
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColName),
        lang.t(T::ColKind),
        lang.t(T::ColSigned),
        lang.t(T::ColHouseholds),
        lang.t(T::PledgesHead),
        lang.t(T::ColDelivered),
        lang.t(T::ColFundIn),
    ];
    table(&header, &rows, &[4, 24, 10, 10, 6, 6, 14, 14])
}

/// One line of what a partner contributed, as the pane shows it too.
pub fn contribution(lang: Lang, c: &Contribution) -> String {
    lang.fill(
        T::Contribution,
        &[
            &c.households.len(),
            &c.pledges,
            &c.active_pledges,
            &format_yuan(c.delivered_fen),
            &c.items_delivered,
            &format_yuan(c.fund_in_fen),
        ],
    )
}

fn card(
    ctx: &Context,
    p: &Partner,
    c: Option<&Contribution>,
    pledges: &[Pledge],
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let today = ctx.now()?.date;
    let mut out = format!(
        "#{} {} · {}\n",
        p.id,
        p.name,
        i18n::partner_kind(lang, p.kind)
    );
    if let Some(d) = p.agreement_signed {
        let _ = writeln!(out, "{}{d}", lang.label(T::ColSigned));
    }
    let contact = [p.contact.as_str(), p.phone.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !contact.is_empty() {
        let _ = writeln!(out, "{}{contact}", lang.label(T::ContactHead));
    }
    if !p.scope.is_empty() {
        let _ = writeln!(out, "{}{}", lang.label(T::ScopeHead), p.scope);
    }
    if let Some(c) = c {
        let _ = writeln!(out, "{}", contribution(lang, c));
    }
    let _ = writeln!(out, "{}", lang.heading(T::PledgesHead));
    if pledges.is_empty() {
        let _ = writeln!(out, "  {}", lang.t(T::NoneYet));
    }
    let partners = std::slice::from_ref(p);
    for pl in pledges {
        let line = describe::pledge(lang, pl, partners, today);
        let _ = writeln!(
            out,
            "  {} #{}{}{line}",
            lang.t(T::ColHousehold),
            pl.household,
            lang.colon()
        );
    }
    Ok(clean_lines(&out))
}
