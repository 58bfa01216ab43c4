//! The escalation ladder in words, for the roll call (pane and `qiaomen roll`), `checkin` and
//! the summary: a position as one line, who should take it, and a step as the command that
//! records it (with the case the core opens when the step is the ladder's last).

use qiaomen_core::ladder::{self, Doer, Position, Step, StepOutcome};
use qiaomen_core::model::{CaseKind, CheckIn, Grid, Id, Member, Method, Resident};
use qiaomen_core::{ClockTime, Command, Date, NewCase, Reads};

use crate::i18n::{self, Lang, T};

/// The grids and members a step's doers are found among.
#[derive(Clone, Debug, Default)]
pub struct Crew {
    pub grids: Vec<Grid>,
    pub members: Vec<Member>,
}

impl Crew {
    pub fn read(reads: &(impl Reads + ?Sized)) -> qiaomen_core::Result<Crew> {
        Ok(Crew {
            grids: reads.all::<Grid>()?,
            members: reads.all::<Member>()?,
        })
    }

    /// The names of who should take a step, the most fitting first (at most two).
    pub fn who(&self, lang: Lang, doer: Doer, elder: &Resident) -> String {
        who(lang, doer, elder, &self.grids, &self.members)
    }

    /// The names of who should take a step, the most fitting first (for JSON: no words).
    pub fn who_names(&self, doer: Doer, elder: &Resident) -> Vec<String> {
        ladder::doers(doer, elder, &self.grids, &self.members)
            .into_iter()
            .filter_map(|id| self.members.iter().find(|m| m.id == id))
            .map(|m| m.name.clone())
            .collect()
    }
}

/// The names of who should take a step among `grids` and `members`, the most fitting first
/// (at most two).
pub fn who(lang: Lang, doer: Doer, elder: &Resident, grids: &[Grid], members: &[Member]) -> String {
    who_of(lang, &ladder::doers(doer, elder, grids, members), members)
}

/// The names of the first two of `doers` (members' ids, the most fitting first).
pub fn who_of(lang: Lang, doers: &[Id], members: &[Member]) -> String {
    let names: Vec<&str> = doers
        .iter()
        .filter_map(|id| members.iter().find(|m| m.id == *id))
        .map(|m| m.name.as_str())
        .take(2)
        .collect();
    if names.is_empty() {
        lang.t(T::LadderNobody).to_owned()
    } else {
        names.join("、")
    }
}

/// The step in a few characters, for a list's column: `电话 2/3`, `联系人 1`, `敲门`, `#12`.
pub fn step_short(lang: Lang, step: &Step) -> String {
    match step {
        Step::Call { n, of } => lang.fill(T::LadderShortCall, &[n, of]),
        Step::Contact { index, .. } => lang.fill(T::LadderShortContact, &[index]),
        Step::Knock => lang.t(T::LadderShortKnock).to_owned(),
        Step::Case { case: Some(id) } => format!("#{id}"),
        Step::Case { case: None } => lang.t(T::LadderCaseDue).to_owned(),
    }
}

/// The short step of a summary's ladder item, as the roll-call list shows it.
pub fn item_short(lang: Lang, item: &qiaomen_core::summary::LadderItem) -> String {
    match item.step {
        "call" => lang.fill(T::LadderShortCall, &[&item.n, &item.of]),
        "contact" => lang.fill(T::LadderShortContact, &[&item.n]),
        "knock" => lang.t(T::LadderShortKnock).to_owned(),
        _ => item.case.map_or_else(
            || lang.t(T::LadderCaseDue).to_owned(),
            |id| format!("#{id}"),
        ),
    }
}

/// The step alone: `第 2/3 次电话`, `联系人 1 钱敏（女儿）138…`, `上门敲门`, `已立案 #12`.
pub fn step_text(lang: Lang, step: &Step) -> String {
    match step {
        Step::Call { n, of } => lang.fill(T::LadderCall, &[n, of]),
        Step::Contact {
            index,
            name,
            relation,
            phone,
        } => lang.fill(T::LadderContact, &[index, name, relation, phone]),
        Step::Knock => lang.t(T::LadderKnock).to_owned(),
        Step::Case { case: Some(id) } => lang.fill(T::LadderCaseOpened, &[&format!("#{id}")]),
        Step::Case { case: None } => lang.t(T::LadderCaseDue).to_owned(),
    }
}

/// The deadline part: `13:00 前 已逾期`, or nothing for a case already opened.
pub fn by_text(lang: Lang, p: &Position) -> String {
    match p.by {
        Some(by) if p.overdue => format!(
            "{} {}",
            lang.fill(T::LadderBy, &[&by]),
            lang.t(T::LadderOverdue)
        ),
        Some(by) => lang.fill(T::LadderBy, &[&by]),
        None => String::new(),
    }
}

/// One line: the step, who, by when.
pub fn position_text(lang: Lang, p: &Position, who: &str) -> String {
    let mut parts = vec![step_text(lang, &p.step), who.to_owned()];
    let by = by_text(lang, p);
    if !by.is_empty() {
        parts.push(by);
    }
    parts.join(" · ")
}

/// The words of a step's outcome, for the choice.
pub fn outcome_text(lang: Lang, o: StepOutcome) -> &'static str {
    lang.t(match o {
        StepOutcome::ContactConfirms => T::LadderOutContactOk,
        StepOutcome::ContactNotReached => T::LadderOutContactNo,
        StepOutcome::VisitedFine => T::LadderOutVisitOk,
        StepOutcome::VisitedNoAnswer => T::LadderOutVisitNo,
    })
}

/// One attempt as a line of the case's note: `13:05 紧急联系人 钱敏 未接通 张丽`.
fn attempt_line(lang: Lang, elder: &Resident, c: &CheckIn) -> String {
    let method = match (c.method, c.contact) {
        (Method::Contact, Some(i)) => {
            let name = elder
                .contacts
                .get(usize::from(i).saturating_sub(1))
                .map_or("", |k| k.name.as_str());
            format!("{} {i} {name}", i18n::method(lang, c.method))
        }
        (m, _) => i18n::method(lang, m).to_owned(),
    };
    lang.fill(
        T::LadderCaseNoteLine,
        &[&c.time, &method, &i18n::outcome(lang, c.outcome), &c.by],
    )
}

/// The command that records `checkin` as a ladder step, with the case the core opens if the
/// step is the last: kind assistance (the elder has asked for nothing; the community must act
/// on their behalf, as with a check-in's "needs help"), titled with the elder's name and grid,
/// the elder and the contacts as parties, and the day's steps with their times as its note.
pub fn step_command(
    lang: Lang,
    elder: &Resident,
    grid: Option<&Grid>,
    earlier: &[CheckIn],
    checkin: CheckIn,
) -> Command {
    let grid_label = grid.map_or_else(String::new, |g| format!("{} {}", g.code, g.name));
    let mut parties = vec![elder.name.clone()];
    parties.extend(elder.contacts.iter().map(|c| c.name.clone()));
    let mut note = lang.fill(T::LadderCaseNote, &[&checkin.date]);
    for c in earlier.iter().chain(std::iter::once(&checkin)) {
        note.push('\n');
        note.push_str(&attempt_line(lang, elder, c));
    }
    let case = NewCase {
        kind: CaseKind::Assistance,
        title: lang.fill(T::LadderCaseTitle, &[&elder.name, &grid_label]),
        grid: elder.grid,
        parties,
        residents: vec![elder.id],
        opened: checkin.date,
        follow_up: None,
        note,
    };
    Command::LadderStep { checkin, case }
}

/// A check-in for a step's outcome (contact `index` on a contact step).
pub fn step_checkin(
    elder: Id,
    date: Date,
    time: ClockTime,
    by: &str,
    outcome: StepOutcome,
    contact: Option<u8>,
) -> CheckIn {
    let method = outcome.method();
    CheckIn {
        elder,
        date,
        seq: 0,
        time,
        by: by.to_owned(),
        method,
        outcome: outcome.outcome(),
        note: String::new(),
        away_until: None,
        contact: if method == Method::Contact {
            contact
        } else {
            None
        },
        case: None,
    }
}
