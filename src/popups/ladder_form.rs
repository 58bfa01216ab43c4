//! The roll call's ladder key: a small choice of the step's outcome for the selected elder
//! (contact reached and the elder is fine / contact not reached / visited and fine / visited
//! and no answer → escalate), saved as one ladder step; the next step shows at once, and the
//! last one opens the case with it (the core decides, in the same change).

use qiaomen_core::Command;
use qiaomen_core::ladder::{Step, StepOutcome};
use qiaomen_core::model::Id;

use super::form::{Field, Form, Purpose};
use super::forms::After;
use crate::chrome::clean;
use crate::effect::{Effect, RollNote};
use crate::i18n::T;
use crate::popups::Popup;
use crate::view::{Ctx, View};
use qiaomen_core::rollcall::RollEntry;

/// Opens the choice for the selected elder, or says why there is no step to record.
pub fn open(selected: Option<&RollEntry>, app: &Ctx) -> Vec<Effect> {
    let Some(e) = selected else {
        return Vec::new();
    };
    let Some(p) = e.ladder.as_ref() else {
        let text = app.lang.fill(T::LadderNotOn, &[&clean(&e.elder.name)]);
        return vec![Effect::Error(text)];
    };
    let lang = app.lang;
    let contact = match p.step {
        Step::Contact { index, .. } => Some(index),
        _ => None,
    };
    let choices = StepOutcome::fitting(&p.step)
        .iter()
        .map(|o| {
            let i = StepOutcome::ALL.iter().position(|x| x == o).unwrap_or(0);
            (
                i.to_string(),
                crate::ladder::outcome_text(lang, *o).to_owned(),
            )
        })
        .collect();
    let title = lang.fill(
        T::LadderChoiceTitle,
        &[
            &clean(&e.elder.name),
            &clean(&crate::ladder::step_text(lang, &p.step)),
        ],
    );
    let mut form = Form::new(
        title,
        Purpose::LadderStep {
            elder: e.elder.id,
            name: e.elder.name.clone(),
            contact,
        },
        vec![
            Field::choice(lang.t(T::LadderStepLabel), choices, 0),
            Field::text(lang.t(T::NoteLabel), ""),
        ],
    );
    // The step's outcome is what this form is for: start on it, not on the optional note.
    form.focus = 0;
    vec![Effect::Open(Popup::Form(form))]
}

/// The ladder step the form chose, and what follows it.
pub(super) fn build(
    app: &View,
    form: &Form,
    elder: Id,
    name: &str,
    contact: Option<u8>,
) -> qiaomen_core::Result<(Command, After)> {
    let chosen: usize = form.fields[0].value().parse().unwrap_or(0);
    let outcome = StepOutcome::ALL[chosen.min(StepOutcome::ALL.len() - 1)];
    let entry = app.roll_entry(elder).ok_or(qiaomen_core::Error::NotFound {
        kind: "resident",
        id: elder,
    })?;
    let mut checkin = crate::ladder::step_checkin(
        elder,
        app.roll_date,
        app.now.time,
        app.operator,
        outcome,
        contact,
    );
    form.fields[1].value().clone_into(&mut checkin.note);
    let grid = app.grids.iter().find(|g| g.id == entry.elder.grid);
    let command =
        crate::ladder::step_command(app.lang, &entry.elder, grid, &entry.attempts, checkin);
    let name = name.to_owned();
    let after: After = Box::new(move |applied, view: &View| {
        let mut effects = vec![Effect::Roll(RollNote::Marked {
            checkin: applied.checkin,
            name,
            outcome: outcome.outcome(),
            method: outcome.method(),
        })];
        effects.extend(crate::panes::roll_call::said_ladder_case(view, &applied));
        effects
    });
    Ok((command, after))
}
