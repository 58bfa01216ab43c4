//! A resident leaving, from their card (`x`): a small form — the day (today unless said), the
//! reason (moved, died, other) and a note — that applies the same `PeopleCommand::Leave` as
//! `qiaomen resident leave`. The card rides inside the form: `Esc` gives it back as it was,
//! and a save opens it again, read anew, showing the day and the reason.

use qiaomen_core::model::LeaveReason;
use qiaomen_core::people::PeopleCommand;
use qiaomen_core::{Command, Date, Error, Result};

use super::CardPopup;
use crate::chrome::clean;
use crate::commands::people::resident::leave_reason;
use crate::effect::Effect;
use crate::i18n::{Lang, T};
use crate::popups::form::{Field, Form, Purpose};
use crate::popups::forms::After;
use crate::popups::people_forms::PeoplePurpose;
use crate::view::View;

const DATE: usize = 0;
const REASON: usize = 1;
const NOTE: usize = 2;

impl Form {
    /// The leave form over `card` (which must show a resident).
    pub fn leave(lang: Lang, card: Box<CardPopup>, today: Date) -> Form {
        let name = card.resident().map(|r| clean(&r.name)).unwrap_or_default();
        let reasons = [LeaveReason::Moved, LeaveReason::Died, LeaveReason::Other]
            .iter()
            .map(|r| (r.as_str().to_owned(), leave_reason(lang, *r).to_owned()))
            .collect();
        Form::new(
            lang.fill(T::HhFormLeave, &[&name]),
            Purpose::People(PeoplePurpose::Leave(card)),
            vec![
                Field::text(lang.t(T::DateLabel), &today.to_string()),
                Field::choice(lang.t(T::ReasonLabel), reasons, 0),
                Field::text(lang.t(T::NoteLabel), ""),
            ],
        )
    }
}

pub(in crate::popups) fn build(
    form: &Form,
    card: &CardPopup,
    today: Date,
) -> Result<(Command, After)> {
    let v = |i: usize| form.fields[i].value().to_owned();
    let Some(resident) = card.resident().map(|r| r.id) else {
        return Err(Error::invalid(
            "resident",
            qiaomen_core::reason::Reason::NoResidentOnCard,
        ));
    };
    let date = qiaomen_core::dates::parse_typed(&v(DATE), today)?;
    let reason: LeaveReason = v(REASON).parse()?;
    let cmd = PeopleCommand::Leave {
        resident,
        date,
        reason,
        note: v(NOTE),
    };
    let name = card.resident().map(|r| clean(&r.name)).unwrap_or_default();
    let after: After = Box::new(move |_, _: &View| {
        // The roll call drops the person from that day (`Changed` reads it again); the card
        // opens again, read afresh.
        let reopen = Box::new(move |app: &View| {
            let mut effects = super::open(app, resident, None);
            let text = app
                .lang
                .fill(T::PplLeft, &[&name, &date, &leave_reason(app.lang, reason)]);
            effects.push(Effect::Say(text));
            effects
        });
        vec![Effect::Changed, Effect::Then(reopen)]
    });
    Ok((Command::People(cmd), after))
}
