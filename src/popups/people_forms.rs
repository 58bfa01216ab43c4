//! The grids pane's forms (issue 13): a new member and a new grid, each saved as one command
//! (`SaveMember`, `SaveGrid`; an admin's to do, so anyone else gets the refusal inside the
//! form). Residents are edited on the resident card, not here; the register's household form
//! is `household_form.rs` and the card's leave form `card/leave.rs`.

use qiaomen_core::model::{Grid, Id, Member, Role};
use qiaomen_core::{Command, Error, Result};

use super::form::{Field, Form, Purpose};
use super::forms::After;
use crate::effect::{Effect, Record};
use crate::i18n::{self, Lang, T};
use crate::view::{Ctx, View};

pub enum PeoplePurpose {
    Member,
    Grid,
    /// The register's household form; the stored household (id 0 for a new one).
    Household(Box<qiaomen_core::model::Household>),
    /// A resident leaving, over the card it came from (given back on `Esc`).
    Leave(Box<super::card::CardPopup>),
}

impl Form {
    /// A member: name, phone, one role, grid (the selected one first), login.
    pub fn new_member(lang: Lang, grids: &[Grid], selected: Option<Id>) -> Form {
        let roles = Role::ALL
            .iter()
            .map(|r| (r.as_str().to_owned(), i18n::role(lang, *r).to_owned()))
            .collect();
        let mut grid_choices = vec![(String::new(), lang.t(T::PplNoGrid).to_owned())];
        grid_choices.extend(
            grids
                .iter()
                .map(|g| (g.id.to_string(), format!("{} {}", g.code, g.name))),
        );
        let grid = selected
            .and_then(|s| grids.iter().position(|g| g.id == s))
            .map_or(0, |i| i + 1);
        let volunteer = Role::ALL
            .iter()
            .position(|r| *r == Role::Volunteer)
            .unwrap_or(0);
        let fields = vec![
            Field::text(lang.t(T::ColName), ""),
            Field::text(lang.t(T::ColPhone), ""),
            Field::choice(lang.t(T::PplRoleLabel), roles, volunteer),
            Field::choice(lang.t(T::ColGrid), grid_choices, grid),
            Field::text(lang.t(T::PplColLogin), ""),
        ];
        Form::new(
            lang.t(T::PplFormMember).to_owned(),
            Purpose::People(PeoplePurpose::Member),
            fields,
        )
    }

    /// A grid: code (the next free `G<n>` offered), name, description.
    pub fn new_grid(lang: Lang, grids: &[Grid]) -> Form {
        // One more than there are grids always leaves a free one among the first n + 1.
        let next = (1..=grids.len() + 1)
            .map(|n| format!("G{n}"))
            .find(|c| !grids.iter().any(|g| g.code.eq_ignore_ascii_case(c)))
            .unwrap_or_default();
        let fields = vec![
            Field::text(lang.t(T::PplCodeLabel), &next),
            Field::text(lang.t(T::ColGridName), ""),
            Field::text(lang.t(T::PplColDescription), ""),
        ];
        Form::new(
            lang.t(T::PplFormGrid).to_owned(),
            Purpose::People(PeoplePurpose::Grid),
            fields,
        )
    }
}

pub(super) fn build(app: &View, form: &Form, purpose: &PeoplePurpose) -> Result<(Command, After)> {
    let v = |i: usize| form.fields[i].value().to_owned();
    Ok(match purpose {
        PeoplePurpose::Household(base) => super::household_form::build(app, form, base)?,
        PeoplePurpose::Leave(card) => super::card::leave::build(form, card, app.now.date)?,
        PeoplePurpose::Member => {
            let grid = v(3);
            let login = v(4);
            let m = Member {
                id: 0,
                name: v(0),
                phone: v(1),
                roles: vec![v(2).parse()?],
                grid: if grid.is_empty() {
                    None
                } else {
                    Some(grid.parse().map_err(|_| {
                        Error::invalid("grid", qiaomen_core::reason::Reason::Unchosen)
                    })?)
                },
                login: (!login.is_empty()).then_some(login),
                active: true,
            };
            let after: After = Box::new(move |applied, _: &View| {
                let said = Box::new(move |app: &View| {
                    let text = app.lang.fill(
                        T::PplMemberSaved,
                        &[&applied.id, &applied_name(app, applied.id)],
                    );
                    vec![Effect::Say(text)]
                });
                vec![Effect::Changed, Effect::Then(said)]
            });
            (Command::SaveMember(m), after)
        }
        PeoplePurpose::Grid => {
            let g = Grid {
                id: 0,
                code: v(0),
                name: v(1),
                description: v(2),
                stewards: Vec::new(),
            };
            let after: After = Box::new(move |applied, _: &View| {
                let said = Box::new(move |app: &View| {
                    let saved = app.grids.iter().find(|g| g.id == applied.id);
                    let (code, name) = saved.map_or((String::new(), String::new()), |g| {
                        (g.code.clone(), g.name.clone())
                    });
                    let text = app.lang.fill(T::PplGridSaved, &[&code, &name]);
                    vec![Effect::Say(text)]
                });
                vec![
                    Effect::Changed,
                    Effect::Focus(Record::Grid(applied.id)),
                    Effect::Then(said),
                ]
            });
            (Command::SaveGrid(g), after)
        }
    })
}

fn applied_name(app: &Ctx, id: Id) -> String {
    app.members
        .iter()
        .find(|m| m.id == id)
        .map(|m| m.name.clone())
        .unwrap_or_default()
}
