//! Why a value or a move was refused, as data: the domain names the rule and its figures, the app
//! words it in the user's language (`src/error_words.rs`). Dates, times and amounts travel as the
//! text they are shown as (`2026-12-01`, `08:03`, `1,200.00`); names and codes as they are stored.
//!
//! Variants are only ever added at the end: a `WireError` carries them over the socket.

use serde::{Deserialize, Serialize};

/// Why a value given by a person or a file is not acceptable (`Error::Invalid`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// `YYYY-MM-DD` and the like: the shape the field expects.
    Expected(Shape),
    NoSuchMonth,
    NoSuchDay,
    YearOutOfRange,
    OutOfRange,
    /// The text is not a number.
    NotANumber {
        text: String,
    },
    /// The text is not an amount of yuan.
    NotAnAmount {
        text: String,
    },
    /// The text is not one of the allowed codes.
    NotOneOf {
        text: String,
        allowed: Vec<String>,
    },
    /// The text is not the number of a record of `kind` (a record-kind code).
    NotARecordNumber {
        kind: String,
        text: String,
    },
    /// The text names no service provider.
    NotAProvider {
        text: String,
    },
    /// A choice was left empty (a grid, a partner).
    Unchosen,
    NoResidentOnCard,
    Empty,
    TooLong {
        len: usize,
        max: usize,
    },
    AtMostChars {
        max: usize,
    },
    ControlCharacter {
        code: u32,
    },
    PhoneCharacters,
    PhoneDigits {
        digits: usize,
    },
    IdNumberShape,
    IdNumberDigits,
    IdNumberChecksum,
    IdNumberYear,
    IdNumberBirth,
    IdNumberBirthDiffers,
    IdNumberBirthInFuture,
    SumTooLarge,
    GridCodeTaken {
        grid: String,
        code: String,
    },
    NoFollowUpDue {
        case: String,
    },
    NoCarePlan {
        name: String,
    },
    HasLeft {
        name: String,
        date: String,
        why: String,
    },
    NoSuchContact {
        name: String,
        count: usize,
        index: usize,
    },
    ContactIndexNeeded,
    ContactOnlyByContact,
    NoAttemptsLeft {
        name: String,
        date: String,
    },
    NoSuchCheckin {
        elder: u64,
        seq: u16,
        date: String,
    },
    NotARecordKind {
        kind: String,
    },
    PagedOverSocket,
    BackupReachesBack {
        date: String,
        time: String,
    },
    PeriodReversed {
        from: String,
        to: String,
    },
    PeriodDays {
        max: u32,
    },
    NoHouseholds,
    TooManyHouseholds {
        max: usize,
    },
    HouseholdTwice {
        household: u64,
    },
    Overdraw {
        available: String,
        date: String,
        amount: String,
    },
    DecisionNoText {
        decision: usize,
    },
    DecisionNeedsDue {
        decision: usize,
    },
    DecisionDueBeforeMeeting {
        decision: usize,
    },
    DecisionDoneBeforeMeeting {
        decision: usize,
    },
    NoSuchDecision {
        meeting: u64,
        count: usize,
        decision: usize,
    },
    BeforeMeeting,
    BeforeFrom,
    BeforePledge,
    DeliveryInFuture,
    DeliveryNeedsReference,
    Negative,
    NotPositive,
    /// An amount of the ledger: positive, the direction says in or out.
    NotPositiveDirection,
    PledgeExceeded {
        total: String,
        delivered: String,
    },
    PartnerExists {
        name: String,
        kind: String,
        existing: u64,
    },
    /// A new record of `kind` (a record-kind code) is given id 0.
    NewIdZero {
        kind: String,
    },
    /// A new service plan is given id 0 and changed by ending it.
    NewPlanIdZero,
    ClaimStartsActive,
    NewDutyNotDone,
    /// A phone/ID number (`number: true`) or a name of a household member cannot be masked.
    CannotMask {
        number: bool,
    },
    TooManyRecords {
        max: usize,
    },
    UtcOffsetRange,
    AtLeastOne,
    LadderLevel {
        level: usize,
        max_tries: u8,
        max_minutes: u16,
    },
    NoRole,
    StepsOutOfOrder,
    ContactNeedsPhone,
    CareLevel,
    ActiveToBeforeFrom,
    InFuture,
    NeedsParticipants,
    EventsOutOfOrder,
    AwayBeforeDay,
    AwayOnlyWithAway,
    DeviceLength {
        max: usize,
    },
    NotADevice {
        text: String,
    },
    NotAPressTime {
        text: String,
    },
    PressInFuture {
        date: String,
        time: String,
    },
    NotOnRoll {
        name: String,
        date: String,
    },
    DeviceTaken {
        device: String,
        name: String,
    },
    NoPress,
    BatchTooLarge {
        max: usize,
    },
    CadenceDays {
        days: u32,
        max: u32,
    },
    CampaignBeforeStart {
        to: String,
        from: String,
    },
    CampaignTooLong {
        max: u32,
    },
    DaysTooMany {
        max: u32,
    },
    NoMigration {
        to: u32,
        known: u32,
    },
    HouseholdInOtherGrid {
        household: u64,
    },
    AlreadyLivesThere {
        name: String,
    },
    NamedTwice,
    BeforeBirth,
    FileTooLarge {
        max: u64,
    },
    PositionRange {
        max: usize,
        given: usize,
    },
    NotYesNo {
        text: String,
    },
    NewResidentIdZero,
}

/// The shape a text field expects, shown to the user as its pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    /// `YYYY-MM-DD`
    Date,
    /// `YYYY-MM-DD` or `MM-DD`
    DateOrMonthDay,
    /// `HH:MM`
    Time,
    /// `HH:MM` from 00:00 to 23:59
    TimeOfDay,
    /// `+HH:MM`
    UtcOffset,
    /// day, month, quarter or year
    Period,
}

/// Why a status cannot move to another (`Error::InvalidTransition`). `from` and `to` of the error
/// are status codes (a case's, a household file's, a pledge's) or the code of an act
/// (`session`, `follow-up`, `delivery`, `done`, `no-file`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Move {
    /// The move is allowed, but only with a reason: say so, not as if it were forbidden.
    NeedsReason,
    CaseClosedReopenFirst,
    CaseClosed,
    SameStatus,
    /// From here the case can go only to these statuses (codes).
    OnlyTo {
        allowed: Vec<String>,
    },
    ClosureOnlyWhenClosing,
    /// A case of `kind` (code) cannot close as `closure`; it closes as one of `allowed` (codes).
    ClosesAs {
        kind: String,
        closure: String,
        allowed: Vec<String>,
    },
    PetitionNeedsSettlement,
    DisputeNeedsClosure,
    FileStepAfterToday {
        last: String,
        today: String,
    },
    FileClosed,
    StepsGoForward,
    StepSkipped {
        next: String,
    },
    NoticedByNotice,
    ClaimedByPledge,
    NoFile,
    ReopenGoesBack,
    NoticePeriodRuns {
        notice: u64,
        until: String,
    },
    PledgeStillActive {
        pledge: u64,
    },
    ClaimAfterPublished,
    DecisionDone {
        decision: usize,
        date: String,
    },
    PledgeEndsAs,
    NotReviewed {
        household: u64,
    },
    DeliveryOnActive {
        pledge: u64,
        status: String,
    },
}

/// Why a line of an imported file was refused (`Error::Import`). `kind` is a record-kind code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportFault {
    /// The line is not a record: broken JSON or a value of the wrong type; `field` when known.
    /// serde's own message never leaves the domain (it is English and may quote the value).
    Unreadable {
        field: Option<String>,
    },
    /// The record is refused by a rule, worded as the rule.
    Refused(Box<crate::wire::WireError>),
    IdZero {
        kind: String,
    },
    ChangedSince {
        kind: String,
        id: u64,
    },
    AlreadyStored {
        kind: String,
        id: u64,
    },
    NotStored {
        kind: String,
        id: u64,
    },
    TwiceInFile {
        kind: String,
        id: u64,
    },
    CheckinStored {
        elder: u64,
        seq: u16,
        date: String,
    },
    CheckinTwice {
        elder: u64,
        seq: u16,
        date: String,
    },
    /// `field` names a record of `kind` with `id` that is neither in the file nor stored.
    NoReference {
        field: String,
        kind: String,
        id: u64,
    },
    /// The input could not be read as text.
    NotText,
    /// A doorbell device held by several elders' care plans.
    DeviceShared {
        device: String,
        names: Vec<String>,
    },
    /// A doorbell device in no elder's care plan.
    DeviceUnknown {
        device: String,
    },
    TooManyPresses {
        max: usize,
    },
}

/// The field a JSON line could not be read at, when serde can tell: the last object key that
/// begins before the column serde stopped at. serde's own message is English and may quote the
/// value (a phone in the wrong field), so only the key is kept.
pub fn json_field(text: &str, e: &serde_json::Error) -> Option<String> {
    let column = e.column();
    if e.line() != 1 || column == 0 {
        return None;
    }
    let before = text.get(..column.min(text.len()))?;
    let mut field = None;
    let mut rest = before;
    while let Some(q) = rest.find('"') {
        let after = &rest[q + 1..];
        let Some(end) = after.find('"') else { break };
        let key = &after[..end];
        let tail = after[end + 1..].trim_start();
        if tail.starts_with(':') && !key.is_empty() && key.len() <= 40 {
            field = Some(key.to_owned());
        }
        rest = &after[end + 1..];
    }
    field.filter(|k| {
        k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
    })
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::fmt::Display for Move {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::fmt::Display for ImportFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}
