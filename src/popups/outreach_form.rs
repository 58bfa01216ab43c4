//! The form recording a partner's activity (issue 16 point 3), opened with `o` in the
//! register pane for the partner in view; saved as one `OutreachCommand::AddActivity`.

use qiaomen_core::model::{Activity, ActivityKind, Id, Partner};
use qiaomen_core::outreach::{Counted, OutreachCommand, OutreachRule};
use qiaomen_core::{Command, Date, Error, Result};

use super::form::{Field, Form, Purpose};
use super::forms::{After, typed_date};
use super::register_forms::RegisterPurpose;
use crate::i18n::{self, Lang, T};
use crate::panes::register::View;

impl Form {
    /// Partner (the one in view first chosen), kind, date (today), people reached (empty: not
    /// counted, the field typed first) and a note.
    pub fn activity(lang: Lang, partners: &[Partner], partner: Option<Id>, today: Date) -> Form {
        let choices: Vec<(String, String)> = partners
            .iter()
            .map(|p| (p.id.to_string(), p.name.clone()))
            .collect();
        let chosen = partner
            .and_then(|id| partners.iter().position(|p| p.id == id))
            .unwrap_or(0);
        let kinds = ActivityKind::ALL
            .iter()
            .map(|&k| {
                (
                    k.as_str().to_owned(),
                    i18n::activity_kind(lang, k).to_owned(),
                )
            })
            .collect();
        let fields = vec![
            Field::choice(lang.t(T::FieldActPartner), choices, chosen),
            Field::choice(lang.t(T::FieldActKind), kinds, 0),
            Field::text(lang.t(T::FieldActDate), &today.to_string()),
            Field::text(lang.t(T::FieldActPeople), ""),
            Field::note(lang.t(T::FieldActNote), ""),
        ];
        Form::new(
            lang.t(T::FormActivityTitle).to_owned(),
            Purpose::Register(RegisterPurpose::Activity),
            fields,
        )
    }
}

/// The activity the form describes, and what follows its save: the activities view, the new
/// activity selected, its line said.
pub(super) fn build(app: &crate::view::View, form: &Form) -> Result<(Command, After)> {
    let v = |i: usize| form.fields[i].value().to_owned();
    let partner: Id = v(0)
        .parse()
        .map_err(|_| Error::invalid("partner", qiaomen_core::reason::Reason::Unchosen))?;
    let people = v(3);
    let people: u32 = if people.is_empty() {
        0
    } else {
        people.parse().map_err(|_| {
            Error::Outreach(OutreachRule::NotACount {
                what: Counted::People,
            })
        })?
    };
    let activity = Activity {
        id: 0,
        partner,
        kind: v(1).parse()?,
        date: typed_date(&v(2), app.now.date)?,
        people,
        grid: None,
        note: v(4),
    };
    let after = super::register_submit::saved(None, View::Activities, move |pane, app, applied| {
        if let Some(i) = pane.activities.iter().position(|a| a.id == applied.id) {
            pane.activity_cursor.selected = i;
        }
        match pane.selected_activity() {
            Some(a) => {
                let name =
                    crate::commands::register::describe::partner_name(&pane.partners, a.partner);
                app.lang.fill(
                    T::ActivitySaved,
                    &[
                        &a.id,
                        &name,
                        &i18n::activity_kind(app.lang, a.kind),
                        &a.date,
                    ],
                )
            }
            None => applied.summary,
        }
    });
    Ok((
        Command::Outreach(OutreachCommand::AddActivity(activity)),
        after,
    ))
}
