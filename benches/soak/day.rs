//! One simulated day, through `Engine::apply` with the commands the app sends: the roll call
//! (every elder due checked in once, unanswered calls tried again later that day), residents
//! edited and moved out, visits, cases and fund entries. The clock moves through the day with
//! each command.

use qiaomen_core::cases::closures_for;
use qiaomen_core::model::{
    CaseKind, CaseStatus, CheckIn, Direction, FundEntry, Household, Id, Method, Need, Outcome,
    Resident, Session, Visit,
};
use qiaomen_core::register::RegisterCommand;
use qiaomen_core::rollcall;
use qiaomen_core::{Actor, ClockTime, Command, Date, Engine, NewCase, Now};

use super::common::OFFSET_MINUTES;
use super::world::{self, OpenCase, Rates, World};

/// What one day did.
#[derive(Clone, Copy, Debug, Default)]
pub struct DayCount {
    pub commands: usize,
    pub checkins: usize,
    /// Commands the engine refused (a rule, not a fault); printed, never expected.
    pub refused: usize,
    /// Bytes of the snapshot `snapshot_if_due` took at the day's start (0: none was due).
    pub snapshot: u64,
}

const HEALTH: &[&str] = &[
    "血压偏高，按时服药",
    "腿脚不便，出门需搀扶",
    "糖尿病，饮食控制中",
    "身体尚好",
    "术后恢复期，需定期复查",
];
const FINDINGS: &[&str] = &[
    "生活正常，无特殊需求",
    "家中整洁，身体状况稳定",
    "反映楼道灯不亮，已报物业",
    "药快吃完了，提醒子女代购",
];
const CASE_TITLES: &[(CaseKind, &str)] = &[
    (CaseKind::Request, "楼道堆物清理"),
    (CaseKind::Dispute, "楼上漏水邻里纠纷"),
    (CaseKind::Assistance, "申请临时救助"),
    (CaseKind::Petition, "反映拆迁补偿问题"),
];

struct Day<'a> {
    engine: &'a Engine,
    date: Date,
    /// Minutes since midnight of the next command.
    minute: u16,
    count: DayCount,
}

impl Day<'_> {
    fn at(&self) -> Now {
        let time = ClockTime::from_minutes(self.minute.min(23 * 60 + 59)).expect("a time");
        Now::local(self.date, time, OFFSET_MINUTES)
    }

    /// Applies one command as `by` at the day's clock; the clock moves on `step` minutes.
    fn apply(&mut self, command: Command, by: &str, step: u16) -> Option<qiaomen_core::Applied> {
        let actor = Actor {
            operator: by.to_owned(),
            now: self.at(),
        };
        self.minute = self.minute.saturating_add(step);
        match self.engine.apply(command, &actor) {
            Ok(applied) => {
                self.count.commands += 1;
                Some(applied)
            }
            Err(e) => {
                if self.count.refused < 3 {
                    eprintln!("soak {}: refused: {e}", self.date);
                }
                self.count.refused += 1;
                None
            }
        }
    }

    fn check_in(&mut self, elder: Id, by: &str, outcome: Outcome, away_until: Option<Date>) {
        let c = CheckIn {
            elder,
            date: self.date,
            seq: 0,
            time: self.at().time,
            by: by.to_owned(),
            method: Method::Phone,
            outcome,
            note: String::new(),
            away_until,
            contact: None,
            case: None,
        };
        if self.apply(Command::CheckIn(c), by, 0).is_some() {
            self.count.checkins += 1;
        }
    }
}

/// Runs the day `date` on `engine`; `snapshot_if_due` has been called for it.
pub fn run(engine: &Engine, world: &mut World, rates: &Rates, date: Date) -> DayCount {
    let mut day = Day {
        engine,
        date,
        minute: 8 * 60,
        count: DayCount::default(),
    };
    roll_call(&mut day, world, rates);
    day.minute = 14 * 60;
    register_work(&mut day, world, rates);
    case_work(&mut day, world, rates);
    day.minute = 17 * 60;
    residents(&mut day, world, rates);
    day.count
}

/// The roll call as a steward reads it, then every elder due called once between 08:00 and
/// 11:00, and the unanswered called again until reached or the community's retries are used.
fn roll_call(day: &mut Day<'_>, world: &mut World, rates: &Rates) {
    let now = day.at();
    let retries = day.engine.community().expect("community").retries;
    let roll = rollcall::roll(day.engine, day.date, now, None).expect("roll");
    let due: Vec<(Id, Option<Id>)> = roll
        .entries
        .iter()
        .filter(|e| e.is_due())
        .map(|e| {
            let caller = e
                .elder
                .care
                .as_ref()
                .and_then(|c| c.callers.first().copied());
            (e.elder.id, caller)
        })
        .collect();
    drop(roll);
    let step_every = (due.len() / 180).max(1);
    let mut unanswered: Vec<(Id, String)> = Vec::new();
    for (i, (elder, caller)) in due.into_iter().enumerate() {
        let by = world.member(caller);
        if i % step_every == 0 {
            day.minute += 1;
        }
        let r = world.rng.unit();
        if r < rates.away {
            let until = day.date.add_days(world.rng.range(3, 14));
            day.check_in(elder, &by, Outcome::Away, Some(until));
        } else if r < rates.away + rates.no_answer {
            day.check_in(elder, &by, Outcome::NoAnswer, None);
            unanswered.push((elder, by));
        } else if r < rates.away + rates.no_answer + 0.02 {
            day.check_in(elder, &by, Outcome::Unwell, None);
        } else if r < rates.away + rates.no_answer + 0.022 {
            day.check_in(elder, &by, Outcome::NeedsHelp, None);
        } else {
            day.check_in(elder, &by, Outcome::Ok, None);
        }
    }
    // Rounds of retries, each later in the day; an elder leaves the list once reached, once
    // the retries are used, or when the steward does not get to them.
    day.minute = day.minute.max(11 * 60);
    for _round in 1..retries {
        unanswered.retain(|_| world.rng.chance(rates.retried));
        let mut still = Vec::new();
        for (elder, by) in unanswered {
            if world.rng.chance(0.8) {
                day.check_in(elder, &by, Outcome::Ok, None);
            } else {
                day.check_in(elder, &by, Outcome::NoAnswer, None);
                still.push((elder, by));
            }
        }
        unanswered = still;
        day.minute += 30;
    }
}

/// Visits and fund entries.
fn register_work(day: &mut Day<'_>, world: &mut World, rates: &Rates) {
    let scale = world.size * rates.work;
    for _ in 0..world.visits.take(world::VISITS * scale) {
        let household = *world.rng.pick(&world.households);
        let by = world.member(None);
        let v = Visit {
            id: 0,
            date: day.date,
            household,
            by: by.clone(),
            findings: (*world.rng.pick(FINDINGS)).to_owned(),
        };
        day.apply(Command::Register(RegisterCommand::SaveVisit(v)), &by, 5);
    }
    for _ in 0..world.fund.take(world::FUND * scale) {
        let by = world.member(None);
        let e = if world.rng.chance(0.5) && !world.partners.is_empty() {
            FundEntry {
                id: 0,
                date: day.date,
                amount_fen: world.rng.range(20, 200) * 10_000,
                direction: Direction::In,
                partner: Some(*world.rng.pick(&world.partners)),
                household: None,
                need: None,
                note: "捐赠帮扶基金".to_owned(),
            }
        } else {
            FundEntry {
                id: 0,
                date: day.date,
                amount_fen: world.rng.range(5, 30) * 10_000,
                direction: Direction::Out,
                partner: None,
                household: Some(*world.rng.pick(&world.households)),
                need: Some(Need::Living),
                note: "发放临时救助金".to_owned(),
            }
        };
        day.apply(Command::Register(RegisterCommand::Fund(e)), &by, 5);
    }
}

/// Cases opened, noted, mediated and moved on to resolved and closed.
fn case_work(day: &mut Day<'_>, world: &mut World, rates: &Rates) {
    let scale = world.size * rates.work;
    for _ in 0..world.opened.take(world::CASES_OPENED * scale) {
        let id = *world.rng.pick(&world.residents);
        let Some(r) = day.engine.get::<Resident>(id).expect("resident") else {
            continue;
        };
        let (kind, title) = *world.rng.pick(CASE_TITLES);
        let by = world.member(None);
        let new = NewCase {
            kind,
            title: title.to_owned(),
            grid: r.grid,
            parties: vec![r.name.clone()],
            residents: vec![r.id],
            opened: day.date,
            follow_up: Some(day.date.add_days(7)),
            note: format!("{}反映：{title}", r.name),
        };
        if let Some(applied) = day.apply(Command::OpenCase(new), &by, 10) {
            world.cases.push(OpenCase {
                id: applied.id,
                kind,
                status: CaseStatus::Open,
            });
        }
    }
    for _ in 0..world.notes.take(world::CASE_NOTES * scale) {
        if world.cases.is_empty() {
            break;
        }
        let case = world.cases[world.rng.index(world.cases.len())].id;
        let by = world.member(None);
        let text = "电话回访，了解进展".to_owned();
        day.apply(Command::CaseNote { case, text }, &by, 5);
    }
    for _ in 0..world.sessions.take(world::CASE_SESSIONS * scale) {
        let Some(i) = (0..4)
            .map(|_| world.rng.index(world.cases.len()))
            .find(|&i| {
                world.cases.get(i).is_some_and(|c| {
                    matches!(c.kind, CaseKind::Dispute | CaseKind::Petition)
                        && c.status != CaseStatus::Resolved
                })
            })
        else {
            continue;
        };
        let by = world.member(None);
        let session = Session {
            date: day.date,
            participants: vec![by.clone(), "当事人".to_owned()],
            outcome: "双方陈述意见，约定再谈".to_owned(),
        };
        let case = world.cases[i].id;
        if day
            .apply(Command::CaseSession { case, session }, &by, 30)
            .is_some()
            && world.cases[i].status == CaseStatus::Open
        {
            world.cases[i].status = CaseStatus::Mediating;
        }
    }
    for _ in 0..world.status.take(world::CASE_STATUS * scale) {
        if world.cases.is_empty() {
            break;
        }
        let i = world.rng.index(world.cases.len());
        let (case, kind, from) = (
            world.cases[i].id,
            world.cases[i].kind,
            world.cases[i].status,
        );
        let (to, reason, closure) = if from == CaseStatus::Resolved {
            let closure = closures_for(kind).first().copied();
            (CaseStatus::Closed, "回访无异议，结案", closure)
        } else {
            (CaseStatus::Resolved, "已协调处理", None)
        };
        let by = world.member(None);
        let command = Command::CaseStatus {
            case,
            to,
            reason: reason.to_owned(),
            closure,
        };
        if day.apply(command, &by, 5).is_some() {
            if to == CaseStatus::Closed {
                world.cases.swap_remove(i);
            } else {
                world.cases[i].status = to;
            }
        }
    }
}

/// Residents edited (a health note) and moved out (out of their household; an elder's care
/// plan ends today).
fn residents(day: &mut Day<'_>, world: &mut World, rates: &Rates) {
    let n = world.residents.len() as f64;
    for _ in 0..world.edits.take(rates.edited_per_year * n / 365.0) {
        let id = *world.rng.pick(&world.residents);
        let Some(mut r) = day.engine.get::<Resident>(id).expect("resident") else {
            continue;
        };
        (*world.rng.pick(HEALTH)).clone_into(&mut r.health);
        let by = world.member(None);
        day.apply(Command::SaveResident(r), &by, 2);
    }
    for _ in 0..world.moves.take(rates.moved_per_year * n / 365.0) {
        let id = *world.rng.pick(&world.residents);
        if !world.moved.insert(id) {
            continue;
        }
        let Some(mut r) = day.engine.get::<Resident>(id).expect("resident") else {
            continue;
        };
        let by = world.member(None);
        if let Some(h) = r.household
            && let Some(mut household) = day.engine.get::<Household>(h).expect("household")
        {
            household.members.retain(|&m| m != id);
            day.apply(Command::SaveHousehold(household), &by, 2);
        }
        r.household = None;
        if let Some(care) = &mut r.care {
            care.active_to = Some(day.date.max(care.active_from));
        }
        day.apply(Command::SaveResident(r), &by, 2);
    }
}
