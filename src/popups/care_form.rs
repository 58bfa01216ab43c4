//! The service form of the register pane (`b`, issue 16): what was done for the person or
//! household selected, by whom (a team, a partner or a member), how long, when, who helped.

use qiaomen_core::care::{CareCommand, Provider, Service, ServiceKind, Team, Whom};
use qiaomen_core::model::{Member, Partner};
use qiaomen_core::{Command, Error, Reads, Result, lookup};

use super::form::{Field, Form, Purpose};
use super::forms::{After, typed_date};
use crate::effect::{Effect, RegisterUpdate};
use crate::i18n::{self, T};
use crate::view::View;

pub enum CarePurpose {
    Service(Whom),
}

/// A provider as a form's choice code: `team:1`, `partner:10`, `member:6`.
fn code(p: Provider) -> String {
    match p {
        Provider::Team(id) => format!("team:{id}"),
        Provider::Partner(id) => format!("partner:{id}"),
        Provider::Member(id) => format!("member:{id}"),
    }
}

fn provider_of(code: &str) -> Result<Provider> {
    let bad = || {
        Error::invalid(
            "by",
            qiaomen_core::reason::Reason::NotAProvider {
                text: code.to_string(),
            },
        )
    };
    let (kind, id) = code.split_once(':').ok_or_else(bad)?;
    let id = id.parse().map_err(|_| bad())?;
    Ok(match kind {
        "team" => Provider::Team(id),
        "partner" => Provider::Partner(id),
        "member" => Provider::Member(id),
        _ => return Err(bad()),
    })
}

/// The form, the operator's own member first among the providers when they are one, then the
/// teams, the partners and the other members.
pub fn service(app: &View, whom: Whom) -> Result<Form> {
    let lang = app.lang;
    let store = app.backend;
    let kinds = ServiceKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                i18n::service_kind(lang, *k).to_owned(),
            )
        })
        .collect();
    let members = store.all::<Member>()?;
    let me = members.iter().find(|m| m.name == app.operator);
    let mut by: Vec<(String, String)> = Vec::new();
    if let Some(m) = me {
        by.push((code(Provider::Member(m.id)), m.name.clone()));
    }
    by.extend(
        store
            .all::<Team>()?
            .into_iter()
            .map(|t| (code(Provider::Team(t.id)), t.name)),
    );
    by.extend(
        store
            .all::<Partner>()?
            .into_iter()
            .map(|p| (code(Provider::Partner(p.id)), p.name)),
    );
    by.extend(
        members
            .iter()
            .filter(|m| m.active && me.is_none_or(|me| me.id != m.id))
            .map(|m| (code(Provider::Member(m.id)), m.name.clone())),
    );
    let label = crate::commands::care::whom_label(store, whom)?;
    Ok(Form::new(
        lang.fill(T::FormService, &[&crate::chrome::clean(&label)]),
        Purpose::Care(CarePurpose::Service(whom)),
        vec![
            Field::choice(lang.t(T::ColService), kinds, 0),
            Field::choice(lang.t(T::LabelProvider), by, 0),
            Field::text(lang.t(T::LabelMinutes), "60"),
            Field::text(lang.t(T::DateLabel), &app.now.date.to_string()),
            Field::text(lang.t(T::LabelHelpers), ""),
            Field::note(lang.t(T::NoteLabel), ""),
        ],
    ))
}

pub(super) fn build(app: &View, form: &Form, purpose: &CarePurpose) -> Result<(Command, After)> {
    let v = |i: usize| form.fields[i].value().to_owned();
    let store = app.backend;
    let CarePurpose::Service(whom) = purpose;
    let typed = v(2);
    let minutes = typed.trim();
    let minutes = if minutes.is_empty() {
        0
    } else {
        minutes.parse().map_err(|_| {
            Error::invalid(
                "minutes",
                qiaomen_core::reason::Reason::NotANumber {
                    text: minutes.to_string(),
                },
            )
        })?
    };
    let mut helpers = Vec::new();
    for name in v(4)
        .split([',', '，', '、'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        helpers.push(match lookup::member(store, name) {
            Ok(m) => qiaomen_core::care::Person::Member(m.id),
            Err(_) => qiaomen_core::care::Person::Resident(lookup::resident(store, name)?.id),
        });
    }
    let service = Service {
        id: 0,
        date: typed_date(&v(3), app.now.date)?,
        whom: *whom,
        kind: v(0).parse()?,
        by: provider_of(&v(1))?,
        helpers,
        minutes,
        note: v(5),
    };
    let after: After = Box::new(|applied, _: &View| {
        let read: RegisterUpdate = Box::new(move |pane, app: &View| {
            pane.forget();
            let read = pane.refresh(app.backend, app.now.date, app.grid_filter);
            let mut effects = vec![Effect::Say(
                app.lang.fill(T::ServiceRecorded, &[&applied.id]),
            )];
            if let Err(e) = read {
                effects.push(Effect::Fail(e));
            }
            effects
        });
        vec![Effect::Reload, Effect::Register(read)]
    });
    Ok((Command::Care(CareCommand::AddService(service)), after))
}
