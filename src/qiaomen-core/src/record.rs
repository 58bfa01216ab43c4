//! The JSON Lines format of `import`, `export`, `generate` and the bundled demo: one record a
//! line, tagged by `"type"`, in dependency order (community, grids, members, households,
//! residents, partners, pledges, fund, orgs, cases, meetings, visits, notices, the visit plan,
//! teams, services, service plans, support, partners' activities, goods and duties, check-ins,
//! audit).

use serde::{Deserialize, Serialize};

use crate::model::{
    AuditEntry, Case, CheckIn, Community, FundEntry, Grid, Household, Meeting, Member, Partner,
    Pledge, Resident, Visit,
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    Community(Community),
    Grid(Grid),
    Member(Member),
    Household(Household),
    Resident(Resident),
    Partner(Partner),
    Pledge(Pledge),
    Fund(FundEntry),
    Org(crate::model::Org),
    Case(Case),
    Meeting(Meeting),
    Visit(Visit),
    Notice(crate::register::Notice),
    Cadence(crate::cadence::Cadence),
    Campaign(crate::cadence::Campaign),
    Team(crate::care::Team),
    Service(crate::care::Service),
    ServicePlan(crate::care::ServicePlan),
    Support(crate::care::Support),
    Activity(crate::model::Activity),
    Goods(crate::model::Goods),
    Duty(crate::model::Duty),
    Checkin(CheckIn),
    Audit(AuditEntry),
}

impl Record {
    pub fn kind(&self) -> &'static str {
        match self {
            Record::Community(_) => "community",
            Record::Grid(_) => "grid",
            Record::Member(_) => "member",
            Record::Household(_) => "household",
            Record::Resident(_) => "resident",
            Record::Partner(_) => "partner",
            Record::Pledge(_) => "pledge",
            Record::Fund(_) => "fund",
            Record::Org(_) => "org",
            Record::Case(_) => "case",
            Record::Meeting(_) => "meeting",
            Record::Visit(_) => "visit",
            Record::Notice(_) => "notice",
            Record::Cadence(_) => "cadence",
            Record::Campaign(_) => "campaign",
            Record::Team(_) => "team",
            Record::Service(_) => "service",
            Record::ServicePlan(_) => "service_plan",
            Record::Support(_) => "support",
            Record::Activity(_) => "activity",
            Record::Goods(_) => "goods",
            Record::Duty(_) => "duty",
            Record::Checkin(_) => "checkin",
            Record::Audit(_) => "audit",
        }
    }

    /// One line of JSON, without the newline.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("records always serialise")
    }
}

/// Moves every date in a JSON record by `days`: the demo is written around a fixed day and
/// shifted so that its "today" is the real today. Any string that is exactly a `YYYY-MM-DD`
/// date is a date in this format, except a `birth`: a birthday is a fact about a person, not
/// about the demo's day, and it is written inside the person's ID number too.
pub fn shift_dates(value: &mut serde_json::Value, days: i64) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if s.len() == 10
                && s.as_bytes()[4] == b'-'
                && s.as_bytes()[7] == b'-'
                && let Ok(d) = crate::day::Date::parse(s)
            {
                *s = d.add_days(days).to_string();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| shift_dates(v, days)),
        Value::Object(map) => map
            .iter_mut()
            .filter(|(k, _)| *k != "birth")
            .for_each(|(_, v)| shift_dates(v, days)),
        _ => {}
    }
}
