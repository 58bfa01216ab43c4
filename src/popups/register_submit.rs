//! Saving the register pane's forms: each becomes one `RegisterCommand`, and once applied the
//! panes are read again, the household selected and the outcome said in the status line.

use qiaomen_core::Reads;
use qiaomen_core::model::{
    Delivery, Direction, FileStatus, FundEntry, Id, Need, Partner, Pledge, PledgeStatus,
    PledgeWhat, Visit,
};
use qiaomen_core::register::{RegisterCommand, balance, format_yuan, parse_yuan};
use qiaomen_core::{Applied, Command, Error, Result};

use super::form::Form;
use super::forms::{After, optional_date, typed_date};
use super::register_forms::RegisterPurpose;
use crate::effect::{Effect, Record, RegisterUpdate};
use crate::i18n::{self, T};
use crate::panes::register::RegisterPane;
use crate::panes::register::View;
use crate::view::View as PaneView;

/// After a save: the panes read again, the household (if any) selected, a message shown.
pub(super) fn saved(
    household: Option<Id>,
    view: View,
    say: impl FnOnce(&mut RegisterPane, &PaneView, Applied) -> String + 'static,
) -> After {
    Box::new(move |applied, _: &PaneView| {
        let read: RegisterUpdate = Box::new(move |pane, app: &PaneView| {
            let store = app.backend;
            let (today, grid) = (app.now.date, app.grid_filter);
            pane.view = view;
            // The register is read before the message: it may quote what was just saved (the
            // fund's new balance).
            let read = match household {
                Some(h) => pane.reveal_household(store, today, grid, h),
                None => pane.refresh(store, today, grid),
            };
            let mut effects = vec![Effect::Say(say(pane, app, applied))];
            if let Err(e) = read {
                effects.push(Effect::Fail(e));
            }
            effects
        });
        vec![Effect::Reload, Effect::Register(read)]
    })
}

fn id_of(field: &str, text: &str) -> Result<Id> {
    text.trim_start_matches('#').parse().map_err(|_| {
        Error::invalid(
            field,
            qiaomen_core::reason::Reason::NotANumber {
                text: text.to_owned(),
            },
        )
    })
}

fn register(c: RegisterCommand) -> Command {
    Command::Register(c)
}

pub(super) fn build(
    app: &PaneView,
    form: &Form,
    purpose: &RegisterPurpose,
) -> Result<(Command, After)> {
    let v = |i: usize| form.fields[i].value().to_owned();
    let today = app.now.date;
    Ok(match purpose {
        &RegisterPurpose::Step {
            household,
            from,
            to,
        } => (
            register(RegisterCommand::FileStep {
                household,
                to,
                note: v(0),
            }),
            saved(Some(household), View::Households, move |_, app, _| {
                app.lang.fill(
                    T::FileStepped,
                    &[
                        &household,
                        &i18n::file_state(app.lang, from),
                        &i18n::file_status(app.lang, to),
                    ],
                )
            }),
        ),
        &RegisterPurpose::Reopen { household, from } => {
            let to: FileStatus = v(0).parse()?;
            (
                register(RegisterCommand::Reopen {
                    household,
                    to,
                    reason: v(1),
                }),
                saved(Some(household), View::Households, move |_, app, _| {
                    app.lang.fill(
                        T::FileStepped,
                        &[
                            &household,
                            &i18n::file_status(app.lang, from),
                            &i18n::file_status(app.lang, to),
                        ],
                    )
                }),
            )
        }
        RegisterPurpose::Notice(households) => {
            let date = typed_date(&v(0), app.now.date)?;
            let period_days: u16 = v(1).parse().map_err(|_| {
                Error::invalid(
                    "period_days",
                    qiaomen_core::reason::Reason::NotANumber { text: v(1).clone() },
                )
            })?;
            let n = households.len();
            let first = households.first().copied();
            (
                register(RegisterCommand::PublishNotice {
                    households: households.clone(),
                    date,
                    period_days,
                }),
                saved(first, View::Households, move |_, app, applied| {
                    app.lang.fill(T::NoticePublished, &[&applied.id, &n])
                }),
            )
        }
        &RegisterPurpose::Claim(household) => {
            let partner = id_of("partner", &v(0))?;
            let what = if v(1) == "item" {
                PledgeWhat::Item { description: v(2) }
            } else {
                PledgeWhat::Money {
                    amount_fen: parse_yuan(&v(3))?,
                    period: v(4).parse()?,
                    until: typed_date(&v(5), app.now.date)?,
                }
            };
            let pledge = Pledge {
                id: 0,
                partner,
                household,
                made: today,
                what,
                need: Need::parse(&v(6))?,
                status: PledgeStatus::Active,
                deliveries: Vec::new(),
                note: String::new(),
            };
            let name = form.fields[0]
                .choices
                .get(form.fields[0].choice)
                .map(|c| c.1.clone())
                .unwrap_or_default();
            (
                register(RegisterCommand::Claim(pledge)),
                saved(Some(household), View::Households, move |_, app, applied| {
                    app.lang
                        .fill(T::PledgeClaimed, &[&name, &household, &applied.id])
                }),
            )
        }
        &RegisterPurpose::Deliver(household) => {
            let pledge = id_of("pledge", &v(0))?;
            let amount = v(2);
            let delivery = Delivery {
                date: typed_date(&v(1), app.now.date)?,
                amount_fen: if amount.is_empty() {
                    0
                } else {
                    parse_yuan(&amount)?
                },
                reference: v(3),
                note: v(4),
            };
            (
                register(RegisterCommand::Deliver { pledge, delivery }),
                saved(Some(household), View::Households, move |_, app, _| {
                    let status = app
                        .backend
                        .get::<Pledge>(pledge)
                        .ok()
                        .flatten()
                        .map_or(PledgeStatus::Active, |p| p.status);
                    app.lang.fill(
                        T::DeliverySaved,
                        &[&pledge, &i18n::pledge_status(app.lang, status)],
                    )
                }),
            )
        }
        &RegisterPurpose::EndPledge(household) => {
            let pledge = id_of("pledge", &v(0))?;
            let to: PledgeStatus = v(1).parse()?;
            (
                register(RegisterCommand::EndPledge {
                    pledge,
                    to,
                    reason: v(2),
                }),
                saved(Some(household), View::Households, move |_, app, _| {
                    app.lang.fill(
                        T::PledgeEnded,
                        &[&pledge, &i18n::pledge_status(app.lang, to)],
                    )
                }),
            )
        }
        &RegisterPurpose::Visit(household) => {
            let date = typed_date(&v(0), app.now.date)?;
            let visit = Visit {
                id: 0,
                date,
                household,
                by: v(1),
                findings: v(2),
            };
            (
                register(RegisterCommand::SaveVisit(visit)),
                saved(Some(household), View::Households, move |_, app, applied| {
                    app.lang
                        .fill(T::VisitSaved, &[&applied.id, &household, &date])
                }),
            )
        }
        RegisterPurpose::Fund => {
            let direction: Direction = v(0).parse()?;
            let household = optional_id("household", &v(3))?;
            let entry = FundEntry {
                id: 0,
                date: typed_date(&v(6), app.now.date)?,
                amount_fen: parse_yuan(&v(1))?,
                direction,
                partner: optional_id("partner", &v(2))?,
                household,
                need: Need::parse(&v(4))?,
                note: v(5),
            };
            let amount = entry.amount_fen;
            let view = if household.is_some() {
                View::Households
            } else {
                View::Fund
            };
            (
                register(RegisterCommand::Fund(entry)),
                saved(household, view, move |pane, app, applied| {
                    let balance = balance(&pane.fund).map_or_else(|_| String::new(), format_yuan);
                    app.lang.fill(
                        T::FundSaved,
                        &[
                            &applied.id,
                            &i18n::direction(app.lang, direction),
                            &format_yuan(amount),
                            &balance,
                        ],
                    )
                }),
            )
        }
        RegisterPurpose::Activity => super::outreach_form::build(app, form)?,
        RegisterPurpose::Partner => {
            let partner = Partner {
                id: 0,
                name: v(0),
                kind: v(1).parse()?,
                agreement_signed: optional_date(&v(2), app.now.date)?,
                contact: v(3),
                phone: v(4),
                scope: v(5),
            };
            let name = partner.name.clone();
            let after: After = Box::new(move |applied, _: &PaneView| {
                let said = Box::new(move |app: &PaneView| {
                    vec![Effect::Say(
                        app.lang.fill(T::PartnerSaved, &[&applied.id, &name]),
                    )]
                });
                vec![
                    Effect::Reload,
                    Effect::Focus(Record::Partner(applied.id)),
                    Effect::Then(said),
                ]
            });
            (register(RegisterCommand::SavePartner(partner)), after)
        }
    })
}

fn optional_id(field: &str, text: &str) -> Result<Option<Id>> {
    if text.is_empty() {
        Ok(None)
    } else {
        id_of(field, text).map(Some)
    }
}
