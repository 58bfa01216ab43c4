//! Journal entries as versions 1 and 2 wrote them. They differ from version 3 only in the
//! resident a command carries (`Command::SaveResident`), which had no `left` yet; every other
//! type is today's. The enums mirror today's variant for variant, in the same order, since
//! bincode reads a variant by its index.

use serde::Deserialize;

use super::entry::{Entry, Op};
use crate::command::{Command, NewCase};
use crate::day::{Date, Now};
use crate::model::{
    CaseStatus, CheckIn, CheckInKey, Closure, Community, Grid, Household, Id, Member, ResidentV1,
    Session,
};
use crate::register::RegisterCommand;

#[derive(Deserialize)]
pub(super) struct EntryV2 {
    seq: u64,
    now: Now,
    operator: String,
    os_user: String,
    op: OpV2,
}

#[derive(Deserialize)]
enum OpV2 {
    Command(CommandV2),
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
enum CommandV2 {
    Configure(Community),
    SaveGrid(Grid),
    SaveMember(Member),
    SaveHousehold(Household),
    SaveResident(ResidentV1),
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
}

impl From<EntryV2> for Entry {
    fn from(e: EntryV2) -> Entry {
        Entry {
            seq: e.seq,
            now: e.now,
            operator: e.operator,
            os_user: e.os_user,
            op: e.op.into(),
        }
    }
}

impl From<OpV2> for Op {
    fn from(op: OpV2) -> Op {
        match op {
            OpV2::Command(c) => Op::Command(c.into()),
            OpV2::ImportChunk { lines } => Op::ImportChunk { lines },
            OpV2::ImportEnd {
                summary,
                records,
                audit,
            } => Op::ImportEnd {
                summary,
                records,
                audit,
            },
            OpV2::Refused { what } => Op::Refused { what },
            OpV2::Fold { before } => Op::Fold { before },
            OpV2::Migrate { to } => Op::Migrate { to },
        }
    }
}

impl From<CommandV2> for Command {
    fn from(c: CommandV2) -> Command {
        match c {
            CommandV2::Configure(x) => Command::Configure(x),
            CommandV2::SaveGrid(x) => Command::SaveGrid(x),
            CommandV2::SaveMember(x) => Command::SaveMember(x),
            CommandV2::SaveHousehold(x) => Command::SaveHousehold(x),
            CommandV2::SaveResident(x) => Command::SaveResident(x.into()),
            CommandV2::CheckIn(x) => Command::CheckIn(x),
            CommandV2::AnnotateCheckIn { key, note } => Command::AnnotateCheckIn { key, note },
            CommandV2::UndoCheckIn { key } => Command::UndoCheckIn { key },
            CommandV2::OpenCase(x) => Command::OpenCase(x),
            CommandV2::CaseNote { case, text } => Command::CaseNote { case, text },
            CommandV2::CaseSession { case, session } => Command::CaseSession { case, session },
            CommandV2::CaseStatus {
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
            CommandV2::SetFollowUp { case, due } => Command::SetFollowUp { case, due },
            CommandV2::FollowUpDone { case, note } => Command::FollowUpDone { case, note },
            CommandV2::Register(x) => Command::Register(x),
        }
    }
}
