//! Journal entries as version 3 wrote them. They differ from version 4 only in the resident a
//! command carries (`Command::SaveResident`, `PeopleCommand::AddResident`), whose care plan had
//! no `doorbell_device` yet, and in the variants version 4 added at the ends of `Command` and
//! `RegisterCommand` (which a version-3 entry never holds). The enums mirror today's variant
//! for variant, in the same order, since bincode reads a variant by its index.

use serde::Deserialize;

use super::entry::{Entry, Op};
use crate::command::{Command, NewCase};
use crate::day::{Date, Now};
use crate::model::{
    CaseStatus, CheckIn, CheckInKey, Closure, Community, Grid, Household, Id, LeaveReason, Member,
    Resident, ResidentV2, Session,
};
use crate::people::PeopleCommand;
use crate::register::RegisterCommand;

#[derive(Deserialize)]
pub(super) struct EntryV3 {
    seq: u64,
    now: Now,
    operator: String,
    os_user: String,
    op: OpV3,
}

#[derive(Deserialize)]
enum OpV3 {
    Command(CommandV3),
    ImportChunk {
        lines: Vec<String>,
    },
    ImportEnd {
        summary: String,
        records: u64,
        audit: bool,
    },
    Refused {
        what: String,
    },
    Fold {
        before: Date,
    },
    Migrate {
        to: u32,
    },
}

#[derive(Deserialize)]
enum CommandV3 {
    Configure(Community),
    SaveGrid(Grid),
    SaveMember(Member),
    SaveHousehold(Household),
    SaveResident(ResidentV2),
    CheckIn(CheckIn),
    AnnotateCheckIn {
        key: CheckInKey,
        note: String,
    },
    UndoCheckIn {
        key: CheckInKey,
    },
    OpenCase(NewCase),
    CaseNote {
        case: Id,
        text: String,
    },
    CaseSession {
        case: Id,
        session: Session,
    },
    CaseStatus {
        case: Id,
        to: CaseStatus,
        reason: String,
        closure: Option<Closure>,
    },
    SetFollowUp {
        case: Id,
        due: Date,
    },
    FollowUpDone {
        case: Id,
        note: String,
    },
    Register(RegisterCommand),
    People(PeopleCommandV3),
}

#[derive(Deserialize)]
enum PeopleCommandV3 {
    AddResident(Box<ResidentV2>),
    Move {
        resident: Id,
        household: Option<Id>,
        grid: Option<Id>,
    },
    SaveHousehold(Household),
    Leave {
        resident: Id,
        date: Date,
        reason: LeaveReason,
        note: String,
    },
}

impl From<EntryV3> for Entry {
    fn from(e: EntryV3) -> Entry {
        let op = match e.op {
            OpV3::Command(c) => Op::Command(c.into()),
            OpV3::ImportChunk { lines } => Op::ImportChunk { lines },
            OpV3::ImportEnd {
                summary,
                records,
                audit,
            } => Op::ImportEnd {
                summary,
                records,
                audit,
            },
            OpV3::Refused { what } => Op::Refused { what },
            OpV3::Fold { before } => Op::Fold { before },
            OpV3::Migrate { to } => Op::Migrate { to },
        };
        Entry {
            seq: e.seq,
            now: e.now,
            operator: e.operator,
            os_user: e.os_user,
            op,
        }
    }
}

impl From<PeopleCommandV3> for PeopleCommand {
    fn from(c: PeopleCommandV3) -> PeopleCommand {
        match c {
            PeopleCommandV3::AddResident(r) => {
                PeopleCommand::AddResident(Box::new(Resident::from(*r)))
            }
            PeopleCommandV3::Move {
                resident,
                household,
                grid,
            } => PeopleCommand::Move {
                resident,
                household,
                grid,
            },
            PeopleCommandV3::SaveHousehold(h) => PeopleCommand::SaveHousehold(h),
            PeopleCommandV3::Leave {
                resident,
                date,
                reason,
                note,
            } => PeopleCommand::Leave {
                resident,
                date,
                reason,
                note,
            },
        }
    }
}

impl From<CommandV3> for Command {
    fn from(c: CommandV3) -> Command {
        match c {
            CommandV3::Configure(x) => Command::Configure(x),
            CommandV3::SaveGrid(x) => Command::SaveGrid(x),
            CommandV3::SaveMember(x) => Command::SaveMember(x),
            CommandV3::SaveHousehold(x) => Command::SaveHousehold(x),
            CommandV3::SaveResident(x) => Command::SaveResident(x.into()),
            CommandV3::CheckIn(x) => Command::CheckIn(x),
            CommandV3::AnnotateCheckIn { key, note } => Command::AnnotateCheckIn { key, note },
            CommandV3::UndoCheckIn { key } => Command::UndoCheckIn { key },
            CommandV3::OpenCase(x) => Command::OpenCase(x),
            CommandV3::CaseNote { case, text } => Command::CaseNote { case, text },
            CommandV3::CaseSession { case, session } => Command::CaseSession { case, session },
            CommandV3::CaseStatus {
                case,
                to,
                reason,
                closure,
            } => Command::CaseStatus {
                case,
                to,
                reason,
                closure,
            },
            CommandV3::SetFollowUp { case, due } => Command::SetFollowUp { case, due },
            CommandV3::FollowUpDone { case, note } => Command::FollowUpDone { case, note },
            CommandV3::Register(x) => Command::Register(x),
            CommandV3::People(x) => Command::People(x.into()),
        }
    }
}
