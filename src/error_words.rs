//! The domain's typed reasons (`qiaomen_core::reason`) as sentences in the user's language:
//! field codes as field names, status codes as the status vocabulary. The words are keys of the
//! one table in `i18n.rs`; this file only chooses and fills them.

use qiaomen_core::model::{CaseKind, CaseStatus, Closure, FileStatus, PledgeStatus};
use qiaomen_core::reason::{ImportFault, Move, Reason, Shape};

use crate::i18n::{self, Lang, T};

/// `Error::Invalid`: the field's name, then the reason.
pub fn invalid(lang: Lang, field: &str, reason: &Reason) -> String {
    let phrase = match reason {
        Reason::NotOneOf { text, allowed } => not_one_of(lang, field, text, allowed),
        _ => self::reason(lang, reason),
    };
    lang.fill(T::ErrInvalid, &[&field_name(lang, field), &phrase])
}

/// `"x" is not one of …`, each allowed code with its word for typing: `ok（平安）`
/// (`field` tells which enum's words; empty when unknown).
fn not_one_of(lang: Lang, field: &str, text: &str, allowed: &[String]) -> String {
    let words = allowed.iter().map(|code| {
        qiaomen_core::words::code_word(lang.words(), field, code)
            .map_or_else(|| code.clone(), |w| i18n::choice_word(lang, code, w))
    });
    lang.fill(T::ReNotOneOf, &[&text, &list(lang, words)])
}

/// A field code (`amount_fen`, `decisions.due`, `away_until`) as the name a user knows.
pub fn field_name(lang: Lang, code: &str) -> String {
    let key = match code {
        "amount_fen" | "amount" | "what.amount_fen" | "deliveries.amount_fen" => T::FdAmount,
        "value_fen" => T::FdValue,
        "period_days" => T::FdPeriodDays,
        "grid" => T::FdGrid,
        "resident" => T::FdResident,
        "birth" => T::FdBirth,
        "by" | "provider" => T::FdBy,
        "minutes" => T::FdMinutes,
        "partner" => T::FdPartner,
        "date" => T::FdDate,
        "time" => T::FdTime,
        "at" => T::FdAt,
        "utc_offset" | "utc_offset_minutes" => T::FdUtcOffset,
        "need" | "needs" => T::FdNeed,
        "code" => T::FdCode,
        "note" | "left.note" | "file.note" | "deliveries.note" | "findings" => T::FdNote,
        "follow_up" => T::FdFollowUp,
        "elder" => T::FdElder,
        "contact" | "contacts" => T::FdContact,
        "contacts.phone" => T::FdContactPhone,
        "contacts.name" => T::FdContactName,
        "contacts.relation" => T::FdRelation,
        "seq" => T::FdSeq,
        "checkin" => T::FdCheckin,
        "case" => T::FdCase,
        "query" => T::FdQuery,
        "id_number" => T::FdIdNumber,
        "period" => T::FdPeriod,
        "households" => T::FdHouseholds,
        "household" => T::FdHousehold,
        "text" | "topics" | "difficulties" | "help_wanted" | "family" => T::FdText,
        "decisions.text" => T::FdDecisionText,
        "decisions.due" => T::FdDecisionDue,
        "decisions.done" => T::FdDecisionDone,
        "decision" | "decisions.owner" => T::FdDecision,
        "to" => T::FdTo,
        "from" => T::FdFrom,
        "name" | "community.name" | "unit" => T::FdName,
        "id" => T::FdId,
        "pledge" => T::FdPledge,
        "reference" | "deliveries.reference" => T::FdReference,
        "notice" => T::FdNotice,
        "done" => T::FdDone,
        "records" | "records.kind" => T::FdRecords,
        "retries" => T::FdRetries,
        "roles" | "role" => T::FdRoles,
        "address" => T::FdAddress,
        "file" | "file.by" => T::FdFile,
        "care.level" | "level" => T::FdCareLevel,
        "care.active_to" => T::FdCareTo,
        "what.until" | "until" => T::FdUntil,
        "participants" | "party" => T::FdParticipants,
        "events" => T::FdEvents,
        "away_until" => T::FdAwayUntil,
        "device" | "doorbell_device" => T::FdDevice,
        "doorbell" => T::FdDoorbell,
        "presses" => T::FdPresses,
        "days" => T::FdDays,
        "schema" => T::FdSchema,
        "members" => T::FdMembers,
        "import" => T::FdImport,
        "meeting" => T::FdMeeting,
        "phone" => T::FdPhone,
        "health" => T::FdHealth,
        "reason" => T::FdReason,
        "title" | "label" | "scope" => T::FdTitle,
        "description" | "what.description" | "what" => T::FdDescription,
        "operator" | "who" | "command" => T::FdOperator,
        "login" => T::FdLogin,
        "position" => T::FdPosition,
        "attendees" => T::FdAttendees,
        c if c.starts_with("ladder") => T::FdLadder,
        c if c.contains("cadence") => T::FdCadence,
        // A code enum's type name (`outcome`, `casekind`…) from `FromStr`.
        _ => T::FdChoice,
    };
    lang.t(key).to_owned()
}

/// A status code (a case's, a household file's, a pledge's) or an act's code, as its word.
pub fn status_word(lang: Lang, code: &str) -> String {
    if let Ok(s) = code.parse::<CaseStatus>() {
        return i18n::case_status(lang, s).to_owned();
    }
    if let Ok(s) = code.parse::<FileStatus>() {
        return i18n::file_status(lang, s).to_owned();
    }
    if let Ok(s) = code.parse::<PledgeStatus>() {
        return i18n::pledge_status(lang, s).to_owned();
    }
    let key = match code {
        "session" => T::ActSession,
        "follow-up" => T::ActFollowUp,
        "delivery" => T::ActDelivery,
        "done" => T::ActDone,
        "no-file" | "no file" => T::FileNone,
        // Text stored before issue 15 or from an older peer: shown as it is.
        other => return other.to_owned(),
    };
    lang.t(key).to_owned()
}

fn list(lang: Lang, words: impl Iterator<Item = String>) -> String {
    let sep = if lang == Lang::Zh { "、" } else { ", " };
    words.collect::<Vec<_>>().join(sep)
}

fn closure_word(lang: Lang, code: &str) -> String {
    code.parse::<Closure>()
        .map_or_else(|_| code.to_owned(), |c| i18n::closure(lang, c).to_owned())
}

/// `Error::InvalidTransition` as one sentence. A move that is allowed with a reason says so.
pub fn transition(lang: Lang, from: &str, to: &str, why: &Move) -> String {
    let (f, t) = (status_word(lang, from), status_word(lang, to));
    let key = |k: T| lang.t(k).to_owned();
    let text = match why {
        Move::NeedsReason => return lang.fill(T::ErrMoveNeedsReason, &[&f, &t]),
        Move::CaseClosedReopenFirst => key(T::MvCaseClosedReopenFirst),
        Move::CaseClosed => key(T::MvCaseClosed),
        Move::SameStatus => key(T::MvSameStatus),
        Move::OnlyTo { allowed } => lang.fill(
            T::MvOnlyTo,
            &[
                &f,
                &list(lang, allowed.iter().map(|a| status_word(lang, a))),
            ],
        ),
        Move::ClosureOnlyWhenClosing => key(T::MvClosureOnlyWhenClosing),
        Move::ClosesAs {
            kind,
            closure,
            allowed,
        } => {
            let kind = kind
                .parse::<CaseKind>()
                .map_or_else(|_| kind.clone(), |k| i18n::case_kind(lang, k).to_owned());
            lang.fill(
                T::MvClosesAs,
                &[
                    &kind,
                    &closure_word(lang, closure),
                    &list(lang, allowed.iter().map(|c| closure_word(lang, c))),
                ],
            )
        }
        Move::PetitionNeedsSettlement => key(T::MvPetitionNeedsSettlement),
        Move::DisputeNeedsClosure => key(T::MvDisputeNeedsClosure),
        Move::FileStepAfterToday { last, today } => {
            lang.fill(T::MvFileStepAfterToday, &[last, today])
        }
        Move::FileClosed => key(T::MvFileClosed),
        Move::StepsGoForward => key(T::MvStepsGoForward),
        Move::StepSkipped { next } => lang.fill(T::MvStepSkipped, &[&status_word(lang, next)]),
        Move::NoticedByNotice => key(T::MvNoticedByNotice),
        Move::ClaimedByPledge => key(T::MvClaimedByPledge),
        Move::NoFile => key(T::MvNoFile),
        Move::ReopenGoesBack => key(T::MvReopenGoesBack),
        Move::NoticePeriodRuns { notice, until } => {
            lang.fill(T::MvNoticePeriodRuns, &[notice, until])
        }
        Move::PledgeStillActive { pledge } => lang.fill(T::MvPledgeStillActive, &[pledge]),
        Move::ClaimAfterPublished => key(T::MvClaimAfterPublished),
        Move::DecisionDone { decision, date } => lang.fill(T::MvDecisionDone, &[decision, date]),
        Move::PledgeEndsAs => key(T::MvPledgeEndsAs),
        Move::NotReviewed { household } => lang.fill(T::MvNotReviewed, &[household]),
        Move::DeliveryOnActive { pledge, status } => {
            lang.fill(T::MvDeliveryOnActive, &[pledge, &status_word(lang, status)])
        }
    };
    lang.fill(T::ErrMove, &[&f, &t, &text])
}

/// `Error::Import` as one sentence with the line number.
pub fn import(lang: Lang, line: usize, fault: &ImportFault) -> String {
    let kind = |k: &str| i18n::kind_name(lang, k).to_owned();
    let text = match fault {
        ImportFault::Unreadable { field: None } => lang.t(T::ImUnreadable).to_owned(),
        ImportFault::Unreadable { field: Some(f) } => {
            lang.fill(T::ImUnreadableField, &[&field_name_or_code(lang, f)])
        }
        ImportFault::Refused(e) => i18n::error(lang, &qiaomen_core::Error::from((**e).clone())),
        ImportFault::IdZero { kind: k } => lang.fill(T::ImIdZero, &[&kind(k)]),
        ImportFault::ChangedSince { kind: k, id } => lang.fill(T::ImChangedSince, &[&kind(k), id]),
        ImportFault::AlreadyStored { kind: k, id } => {
            lang.fill(T::ImAlreadyStored, &[&kind(k), id])
        }
        ImportFault::NotStored { kind: k, id } => lang.fill(T::ImNotStored, &[&kind(k), id]),
        ImportFault::TwiceInFile { kind: k, id } => lang.fill(T::ImTwiceInFile, &[&kind(k), id]),
        ImportFault::CheckinStored { elder, seq, date } => {
            lang.fill(T::ImCheckinStored, &[elder, seq, date])
        }
        ImportFault::CheckinTwice { elder, seq, date } => {
            lang.fill(T::ImCheckinTwice, &[elder, seq, date])
        }
        ImportFault::NoReference { field, kind: k, id } => lang.fill(
            T::ImNoReference,
            &[&field_name_or_code(lang, field), &kind(k), id],
        ),
        ImportFault::NotText => lang.t(T::ImNotText).to_owned(),
        ImportFault::DeviceShared { device, names } => lang.fill(
            T::ImDeviceShared,
            &[device, &list(lang, names.iter().cloned())],
        ),
        ImportFault::DeviceUnknown { device } => lang.fill(T::ImDeviceUnknown, &[device]),
        ImportFault::TooManyPresses { max } => lang.fill(T::ImTooManyPresses, &[max]),
    };
    lang.fill(T::ErrImportLine, &[&line, &text])
}

/// A field named in a file: its name when known, else the key as written in the file (a code
/// the user typed, so it is shown as it is).
fn field_name_or_code(lang: Lang, code: &str) -> String {
    let name = field_name(lang, code);
    if name == lang.t(T::FdChoice) {
        code.to_owned()
    } else {
        name
    }
}

/// A reason as a phrase (the field is named before it).
pub fn reason(lang: Lang, r: &Reason) -> String {
    let key = |k: T| lang.t(k).to_owned();
    match r {
        Reason::Expected(shape) => match shape {
            Shape::Date => lang.fill(T::ReExpected, &[&"YYYY-MM-DD"]),
            Shape::DateOrMonthDay => lang.fill(T::ReExpected, &[&"YYYY-MM-DD / MM-DD"]),
            Shape::Time => lang.fill(T::ReExpected, &[&"HH:MM"]),
            Shape::TimeOfDay => key(T::ReShapeTimeOfDay),
            Shape::UtcOffset => key(T::ReShapeOffset),
            Shape::Period => key(T::ReShapePeriod),
        },
        Reason::NoSuchMonth => key(T::ReNoSuchMonth),
        Reason::NoSuchDay => key(T::ReNoSuchDay),
        Reason::YearOutOfRange => key(T::ReYearOutOfRange),
        Reason::OutOfRange => key(T::ReOutOfRange),
        Reason::NotANumber { text } => lang.fill(T::ReNotANumber, &[text]),
        Reason::NotAnAmount { text } => lang.fill(T::ReNotAnAmount, &[text]),
        Reason::NotOneOf { text, allowed } => not_one_of(lang, "", text, allowed),
        Reason::NotARecordNumber { kind, text } => {
            lang.fill(T::ReNotARecordNumber, &[&i18n::kind_name(lang, kind), text])
        }
        Reason::NotAProvider { text } => lang.fill(T::ReNotAProvider, &[text]),
        Reason::Unchosen => key(T::ReUnchosen),
        Reason::NoResidentOnCard => key(T::ReNoResidentOnCard),
        Reason::Empty => key(T::ReEmpty),
        Reason::TooLong { len, max } => lang.fill(T::ReTooLong, &[len, max]),
        Reason::AtMostChars { max } => lang.fill(T::ReAtMostChars, &[max]),
        Reason::ControlCharacter { code } => lang.fill(T::ReControlChar, &[&format!("{code:04X}")]),
        Reason::PhoneCharacters => key(T::RePhoneChars),
        Reason::PhoneDigits { digits } => lang.fill(T::RePhoneDigits, &[digits]),
        Reason::IdNumberShape => key(T::ReIdShape),
        Reason::IdNumberDigits => key(T::ReIdDigits),
        Reason::IdNumberChecksum => key(T::ReIdChecksum),
        Reason::IdNumberYear => key(T::ReIdYear),
        Reason::IdNumberBirth => key(T::ReIdBirth),
        Reason::IdNumberBirthDiffers => key(T::ReIdBirthDiffers),
        Reason::IdNumberBirthInFuture => key(T::ReIdBirthFuture),
        Reason::SumTooLarge => key(T::ReSumTooLarge),
        Reason::GridCodeTaken { grid, code } => lang.fill(T::ReGridCodeTaken, &[grid, code]),
        Reason::NoFollowUpDue { case } => lang.fill(T::ReNoFollowUpDue, &[case]),
        Reason::NoCarePlan { name } => lang.fill(T::ReNoCarePlan, &[name]),
        Reason::HasLeft { name, date, why } => lang.fill(T::ReHasLeft, &[name, date, why]),
        Reason::NoSuchContact { name, count, index } => {
            lang.fill(T::ReNoSuchContact, &[name, count, index])
        }
        Reason::ContactIndexNeeded => key(T::ReContactIndexNeeded),
        Reason::ContactOnlyByContact => key(T::ReContactOnlyByContact),
        Reason::NoAttemptsLeft { name, date } => lang.fill(T::ReNoAttemptsLeft, &[name, date]),
        Reason::NoSuchCheckin { elder, seq, date } => {
            lang.fill(T::ReNoSuchCheckin, &[elder, seq, date])
        }
        Reason::NotARecordKind { kind } => {
            lang.fill(T::ReNotARecordKind, &[&i18n::kind_name(lang, kind)])
        }
        Reason::PagedOverSocket => key(T::RePagedOverSocket),
        Reason::BackupReachesBack { date, time } => {
            lang.fill(T::ReBackupReachesBack, &[date, time])
        }
        Reason::PeriodReversed { from, to } => lang.fill(T::RePeriodReversed, &[from, to]),
        Reason::PeriodDays { max } => lang.fill(T::RePeriodDays, &[max]),
        Reason::NoHouseholds => key(T::ReNoHouseholds),
        Reason::TooManyHouseholds { max } => lang.fill(T::ReTooManyHouseholds, &[max]),
        Reason::HouseholdTwice { household } => lang.fill(T::ReHouseholdTwice, &[household]),
        Reason::Overdraw {
            available,
            date,
            amount,
        } => lang.fill(T::ReOverdraw, &[available, date, amount]),
        Reason::DecisionNoText { decision } => lang.fill(T::ReDecisionNoText, &[decision]),
        Reason::DecisionNeedsDue { decision } => lang.fill(T::ReDecisionNeedsDue, &[decision]),
        Reason::DecisionDueBeforeMeeting { decision } => {
            lang.fill(T::ReDecisionDueBefore, &[decision])
        }
        Reason::DecisionDoneBeforeMeeting { decision } => {
            lang.fill(T::ReDecisionDoneBefore, &[decision])
        }
        Reason::NoSuchDecision {
            meeting,
            count,
            decision,
        } => lang.fill(T::ReNoSuchDecision, &[meeting, count, decision]),
        Reason::BeforeMeeting => key(T::ReBeforeMeeting),
        Reason::BeforeFrom => key(T::ReBeforeFrom),
        Reason::BeforePledge => key(T::ReBeforePledge),
        Reason::DeliveryInFuture => key(T::ReDeliveryInFuture),
        Reason::DeliveryNeedsReference => key(T::ReDeliveryNeedsReference),
        Reason::Negative => key(T::ReNegative),
        Reason::NotPositive => key(T::ReNotPositive),
        Reason::NotPositiveDirection => key(T::ReNotPositiveDirection),
        Reason::PledgeExceeded { total, delivered } => {
            lang.fill(T::RePledgeExceeded, &[total, delivered])
        }
        Reason::PartnerExists {
            name,
            kind,
            existing,
        } => {
            let kind = kind
                .parse::<qiaomen_core::model::PartnerKind>()
                .map_or_else(|_| kind.clone(), |k| i18n::partner_kind(lang, k).to_owned());
            lang.fill(T::RePartnerExists, &[name, &kind, existing])
        }
        Reason::NewIdZero { kind } => lang.fill(T::ReNewIdZero, &[&i18n::kind_name(lang, kind)]),
        Reason::NewPlanIdZero => key(T::ReNewPlanIdZero),
        Reason::NewResidentIdZero => key(T::ReNewResidentIdZero),
        Reason::ClaimStartsActive => key(T::ReClaimStartsActive),
        Reason::NewDutyNotDone => key(T::ReNewDutyNotDone),
        Reason::CannotMask { number: true } => key(T::ReCannotMaskNumber),
        Reason::CannotMask { number: false } => key(T::ReCannotMaskName),
        Reason::TooManyRecords { max } => lang.fill(T::ReTooManyRecords, &[max]),
        Reason::UtcOffsetRange => key(T::ReUtcOffsetRange),
        Reason::AtLeastOne => key(T::ReAtLeastOne),
        Reason::LadderLevel {
            level,
            max_tries,
            max_minutes,
        } => lang.fill(T::ReLadderLevel, &[level, max_tries, max_minutes]),
        Reason::NoRole => key(T::ReNoRole),
        Reason::StepsOutOfOrder => key(T::ReStepsOutOfOrder),
        Reason::ContactNeedsPhone => key(T::ReContactNeedsPhone),
        Reason::CareLevel => key(T::ReCareLevel),
        Reason::ActiveToBeforeFrom => key(T::ReActiveToBeforeFrom),
        Reason::InFuture => key(T::ReInFuture),
        Reason::NeedsParticipants => key(T::ReNeedsParticipants),
        Reason::EventsOutOfOrder => key(T::ReEventsOutOfOrder),
        Reason::AwayBeforeDay => key(T::ReAwayBeforeDay),
        Reason::AwayOnlyWithAway => key(T::ReAwayOnlyWithAway),
        Reason::DeviceLength { max } => lang.fill(T::ReDeviceLength, &[max]),
        Reason::NotADevice { text } => lang.fill(T::ReNotADevice, &[text]),
        Reason::NotAPressTime { text } => lang.fill(T::ReNotAPressTime, &[text]),
        Reason::PressInFuture { date, time } => lang.fill(T::RePressInFuture, &[date, time]),
        Reason::NotOnRoll { name, date } => lang.fill(T::ReNotOnRoll, &[name, date]),
        Reason::DeviceTaken { device, name } => lang.fill(T::ReDeviceTaken, &[device, name]),
        Reason::NoPress => key(T::ReNoPress),
        Reason::BatchTooLarge { max } => lang.fill(T::ReBatchTooLarge, &[max]),
        Reason::CadenceDays { days, max } => lang.fill(T::ReCadenceDays, &[days, max]),
        Reason::CampaignBeforeStart { to, from } => {
            lang.fill(T::ReCampaignBeforeStart, &[to, from])
        }
        Reason::CampaignTooLong { max } => lang.fill(T::ReCampaignTooLong, &[max]),
        Reason::DaysTooMany { max } => lang.fill(T::ReDaysTooMany, &[max]),
        Reason::NoMigration { to, known } => lang.fill(T::ReNoMigration, &[to, known]),
        Reason::HouseholdInOtherGrid { household } => {
            lang.fill(T::ReHouseholdInOtherGrid, &[household])
        }
        Reason::AlreadyLivesThere { name } => lang.fill(T::ReAlreadyLivesThere, &[name]),
        Reason::NamedTwice => key(T::ReNamedTwice),
        Reason::BeforeBirth => key(T::ReBeforeBirth),
        Reason::FileTooLarge { max } => lang.fill(T::ReFileTooLarge, &[max]),
        Reason::PositionRange { max, given } => lang.fill(T::RePositionRange, &[max, given]),
        Reason::NotYesNo { text } => lang.fill(T::ReNotYesNo, &[text]),
    }
}
