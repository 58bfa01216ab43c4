//! Care beyond the roll call (issue 16 points 1–2): volunteer teams (`Team`), services given
//! to people in care (`Service`), recurring service plans (`ServicePlan`) with the services
//! due this week, and support records (`Support`) for a person with a disability, a
//! left-behind child, a household in difficulty or a special support family, with the contacts
//! due this week. An elder living alone keeps the care plan on the resident and the daily roll
//! call; none of these people is ever on the roll call.
//!
//! Changes are `CareCommand`s applied through `Command::Care`; the read side (`services_due`,
//! `contacts_due`, `figures`) serves the command line, the register pane and the summary.

mod due;
mod figures;
mod model;
mod plan;
mod rules;
#[cfg(test)]
mod tests;

pub use due::{ContactBy, DueContact, DueService, contacts_due, last_contacts, services_due};
pub use figures::{CareFigures, HoursOf, KindFigure, figures, figures_between};
pub use model::{
    Ended, Pairing, Person, Provider, Service, ServiceKind, ServicePlan, Support, Team, TeamKind,
    Whom, default_every_days,
};
pub use rules::{CareRule, MAX_EVERY_DAYS, MAX_MINUTES, MAX_PEOPLE, check_every};

use crate::day::Date;
use crate::error::Result;
use crate::model::{Household, Id, Resident};
use crate::reads::Reads;

/// Stored in the journal inside `Command::Care` (entry version 5).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CareCommand {
    /// Creates (id 0) or replaces a team.
    SaveTeam(Team),
    /// Records a service given (id 0; recorded services are not rewritten).
    AddService(Service),
    /// Creates a service plan (id 0).
    AddPlan(ServicePlan),
    /// Ends a plan: `date` is its last day.
    EndPlan { plan: Id, date: Date },
    /// Creates (id 0) or replaces a support record; its end moves only by `EndSupport`.
    SaveSupport(Support),
    /// Ends a support record: `date` is its last day.
    EndSupport {
        support: Id,
        date: Date,
        reason: String,
    },
}

/// The grid a service or support is in (the resident's, or the household's), and a label for
/// messages.
pub fn whom_grid(store: &(impl Reads + ?Sized), whom: Whom) -> Result<(Id, String)> {
    Ok(match whom {
        Whom::Resident(r) => {
            let r = store.require::<Resident>(r)?;
            (r.grid, r.name)
        }
        Whom::Household(h) => {
            let h = store.require::<Household>(h)?;
            (h.grid, h.address.short())
        }
    })
}

/// Whether `whom` is `target` or inside it: a service to a household reaches each of its
/// residents, and a service to a resident reaches their household.
pub fn reaches(whom: Whom, target: Whom, household_of: &dyn Fn(Id) -> Option<Id>) -> bool {
    if whom == target {
        return true;
    }
    match (whom, target) {
        (Whom::Household(h), Whom::Resident(r)) | (Whom::Resident(r), Whom::Household(h)) => {
            household_of(r) == Some(h)
        }
        _ => false,
    }
}

/// Checks a team, service, plan or support record read from an import file, as the commands
/// check them (references are the importer's to check).
pub fn check_record(r: &mut crate::record::Record) -> Result<()> {
    use crate::record::Record;
    match r {
        Record::Team(t) => rules::check_team(t),
        Record::Service(s) => rules::check_service(s, None),
        Record::ServicePlan(p) => rules::check_plan(p),
        Record::Support(s) => rules::check_support(s),
        _ => Ok(()),
    }
}
