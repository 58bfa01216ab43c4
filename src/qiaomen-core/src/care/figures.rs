//! The period's figures of services and volunteer hours (issue 16 point 1), for the summary:
//! services by kind, minutes per team and per person, and the people in care with an active
//! support record. Minutes are integers; the renderers show hours.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::{Deserialize, Serialize};

use super::model::{Person, Provider, Service, ServiceKind, Support, Team};
use crate::day::Date;
use crate::error::Result;
use crate::model::{Id, Member, Resident};
use crate::store::Store;

/// Services of one kind in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindFigure {
    pub kind: ServiceKind,
    pub services: usize,
    pub minutes: u64,
}

/// One team's or one person's services and minutes in the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursOf {
    /// `member`, `resident` or `team`.
    pub kind: String,
    pub id: Id,
    pub name: String,
    pub services: usize,
    pub minutes: u64,
}

/// Services and volunteer hours in a period (both days included).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareFigures {
    pub services: usize,
    pub minutes: u64,
    /// Kinds with at least one service, in the order of `ServiceKind::ALL`.
    pub by_kind: Vec<KindFigure>,
    /// Most minutes first, then by name.
    pub teams: Vec<HoursOf>,
    /// Every person whose hours a service adds to (see `Service::workers`), most minutes first.
    pub people: Vec<HoursOf>,
    /// Support records active on the period's last day.
    pub supported: usize,
}

/// Hours added up per team or per person, in the order each first came; looked up by kind and
/// id (a district's period names thousands of people: a search of the list for each service
/// was most of the summary's time).
#[derive(Default)]
struct Tally {
    list: Vec<HoursOf>,
    at: HashMap<(&'static str, Id), usize>,
}

impl Tally {
    fn add(
        &mut self,
        kind: &'static str,
        id: Id,
        minutes: u64,
        name_of: &dyn Fn(&str, Id) -> String,
    ) {
        match self.at.entry((kind, id)) {
            Entry::Occupied(at) => {
                let h = &mut self.list[*at.get()];
                h.services += 1;
                h.minutes += minutes;
            }
            Entry::Vacant(at) => {
                at.insert(self.list.len());
                self.list.push(HoursOf {
                    kind: kind.to_owned(),
                    id,
                    name: name_of(kind, id),
                    services: 1,
                    minutes,
                });
            }
        }
    }
}

/// The figures of the services dated `from..=to` that `keep` keeps (a grid's report keeps
/// its own), with names looked up by `name_of`.
pub fn figures_between(
    services: &[Service],
    supports: &[Support],
    from: Date,
    to: Date,
    keep: &dyn Fn(&super::Whom) -> bool,
    name_of: &dyn Fn(&str, Id) -> String,
) -> CareFigures {
    let mut f = CareFigures::default();
    let mut kinds: Vec<(ServiceKind, usize, u64)> = Vec::new();
    let (mut teams, mut people) = (Tally::default(), Tally::default());
    for s in services
        .iter()
        .filter(|s| from <= s.date && s.date <= to && keep(&s.whom))
    {
        let minutes = u64::from(s.minutes);
        f.services += 1;
        f.minutes += minutes;
        match kinds.iter_mut().find(|k| k.0 == s.kind) {
            Some(k) => {
                k.1 += 1;
                k.2 += minutes;
            }
            None => kinds.push((s.kind, 1, minutes)),
        }
        if let Provider::Team(t) = s.by {
            teams.add("team", t, minutes, name_of);
        }
        for p in s.workers() {
            match p {
                Person::Member(m) => people.add("member", m, minutes, name_of),
                Person::Resident(r) => people.add("resident", r, minutes, name_of),
            }
        }
    }
    (f.teams, f.people) = (teams.list, people.list);
    f.by_kind = ServiceKind::ALL
        .iter()
        .filter_map(|k| {
            kinds
                .iter()
                .find(|(kind, _, _)| kind == k)
                .map(|&(kind, services, minutes)| KindFigure {
                    kind,
                    services,
                    minutes,
                })
        })
        .collect();
    for list in [&mut f.teams, &mut f.people] {
        // Kind and id last: two people of one name and equal hours come in one order,
        // whatever order their services were read in.
        list.sort_by(|a, b| {
            b.minutes
                .cmp(&a.minutes)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| (&a.kind, a.id).cmp(&(&b.kind, b.id)))
        });
    }
    f.supported = supports
        .iter()
        .filter(|s| s.active_on(to) && keep(&s.whom))
        .count();
    f
}

/// `figures_between` over the store, for the whole community or one grid: the services of
/// the period are read by day (`service_days`, schema 8), not every service of the history.
pub fn figures(store: &Store, from: Date, to: Date, grid: Option<Id>) -> Result<CareFigures> {
    let services = store.services_between(from, to)?;
    let supports = store.all::<Support>()?;
    let grids_of = |whom: &super::Whom| super::whom_grid(store, *whom).map(|(g, _)| g).ok();
    let name_of = |kind: &str, id: Id| -> String {
        let found = match kind {
            "team" => store.get::<Team>(id).ok().flatten().map(|t| t.name),
            "member" => store.get::<Member>(id).ok().flatten().map(|m| m.name),
            _ => store.get::<Resident>(id).ok().flatten().map(|r| r.name),
        };
        found.unwrap_or_else(|| format!("#{id}"))
    };
    Ok(figures_between(
        &services,
        &supports,
        from,
        to,
        &|w| grid.is_none_or(|g| grids_of(w) == Some(g)),
        &name_of,
    ))
}
