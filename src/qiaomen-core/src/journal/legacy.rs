//! Journal entries as versions 1 to 3 wrote them. Versions 1 and 2 differ from version 3 only
//! in the resident a command carries (`Command::SaveResident`), which had no `left` yet;
//! versions 1 to 3 differ from version 4 in the community (`Configure`, no ladder) and the
//! check-in (`CheckIn`, no `contact` nor `case`) and the resident (`ResidentV2`: a care plan
//! with no `doorbell_device`), and have no `LadderStep` nor `Doorbell`. Every other type is
//! today's. The enums mirror today's variant for variant, in the same order, since bincode
//! reads a variant by its index.

use serde::Deserialize;

use super::entry::{Entry, Op};
use crate::command::{Command, NewCase};
use crate::day::{Date, Now};
use crate::model::{
    CaseStatus, CheckInKey, CheckInV1, Closure, CommunityV1, Grid, Household, Id, LeaveReason,
    Member, Resident, ResidentV1, ResidentV2, Session,
};
use crate::people::PeopleCommand;
use crate::register::RegisterCommand;

/// An entry of versions 1 to 3: `C` is the command type of its version.
#[derive(Deserialize)]
pub(super) struct EntryV2<C> {
    seq: u64,
    now: Now,
    operator: String,
    os_user: String,
    op: OpV2<C>,
}

/// Entries of versions 1 and 2.
pub(super) type EntryV1 = EntryV2<CommandV2>;
/// Entries of version 3.
pub(super) type EntryV3 = EntryV2<CommandV3>;

#[derive(Deserialize)]
pub(super) enum OpV2<C> {
    Command(C),
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
pub(super) enum CommandV2 {
    Configure(CommunityV1),
    SaveGrid(Grid),
    SaveMember(Member),
    SaveHousehold(Household),
    SaveResident(ResidentV1),
    CheckIn(CheckInV1),
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

#[derive(Deserialize)]
pub(super) enum CommandV3 {
    Configure(CommunityV1),
    SaveGrid(Grid),
    SaveMember(Member),
    SaveHousehold(Household),
    SaveResident(ResidentV2),
    CheckIn(CheckInV1),
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
pub(super) enum PeopleCommandV3 {
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

impl<C: Into<Command>> From<EntryV2<C>> for Entry {
    fn from(e: EntryV2<C>) -> Entry {
        Entry {
            seq: e.seq,
            now: e.now,
            operator: e.operator,
            os_user: e.os_user,
            op: e.op.into(),
        }
    }
}

impl<C: Into<Command>> From<OpV2<C>> for Op {
    fn from(op: OpV2<C>) -> Op {
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
            CommandV2::Configure(x) => Command::Configure(x.into()),
            CommandV2::SaveGrid(x) => Command::SaveGrid(x),
            CommandV2::SaveMember(x) => Command::SaveMember(x),
            CommandV2::SaveHousehold(x) => Command::SaveHousehold(x),
            CommandV2::SaveResident(x) => Command::SaveResident(x.into()),
            CommandV2::CheckIn(x) => Command::CheckIn(x.into()),
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

impl From<CommandV3> for Command {
    fn from(c: CommandV3) -> Command {
        match c {
            CommandV3::Configure(x) => Command::Configure(x.into()),
            CommandV3::SaveGrid(x) => Command::SaveGrid(x),
            CommandV3::SaveMember(x) => Command::SaveMember(x),
            CommandV3::SaveHousehold(x) => Command::SaveHousehold(x),
            CommandV3::SaveResident(x) => Command::SaveResident(x.into()),
            CommandV3::CheckIn(x) => Command::CheckIn(x.into()),
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
