//! The register pane's household form (issue 13): `a` a new household, `h` the selected one
//! prefilled. It asks the grid, the address parts, the members by name and the head, and saves
//! the same `PeopleCommand::SaveHousehold` as `qiaomen household add|set`, so validation, the
//! audit and "a member named here leaves their old household" are the core's, as on the CLI.

use qiaomen_core::Reads;
use qiaomen_core::model::{Grid, Household, Id, Resident};
use qiaomen_core::people::PeopleCommand;
use qiaomen_core::{Command, Result};

use super::form::{Field, Form, Purpose};
use super::forms::After;
use super::people_forms::PeoplePurpose;
use crate::backend::Backend;
use crate::effect::{Effect, RegisterUpdate};
use crate::i18n::{Lang, T};
use crate::view::View;

/// The fields in order; `build` reads them by these names, not by position.
const GRID: usize = 0;
const BUILDING: usize = 1;
const UNIT: usize = 2;
const ROOM: usize = 3;
const TEXT: usize = 4;
const MEMBERS: usize = 5;
const HEAD: usize = 6;

impl Form {
    /// A household form: `base` is the stored household to edit (`id` 0 for a new one, in the
    /// grid `grid`); its members are shown by name, the head first.
    pub fn household(lang: Lang, grids: &[Grid], base: Household, names: &[String]) -> Form {
        let grid_choices = grids
            .iter()
            .map(|g| (g.id.to_string(), format!("{} {}", g.code, g.name)))
            .collect();
        let grid = grids.iter().position(|g| g.id == base.grid).unwrap_or(0);
        let a = &base.address;
        let fields = vec![
            Field::choice(lang.t(T::ColGrid), grid_choices, grid),
            Field::text(lang.t(T::HhBuilding), &a.building),
            Field::text(lang.t(T::HhUnit), &a.unit),
            Field::text(lang.t(T::HhRoom), &a.room),
            Field::text(lang.t(T::HhText), &a.text),
            Field::text(lang.t(T::HhMembers), &names.join("、")),
            Field::text(lang.t(T::HhHead), names.first().map_or("", String::as_str)),
        ];
        let title = if base.id == 0 {
            lang.t(T::HhFormNew).to_owned()
        } else {
            lang.fill(T::HhFormEdit, &[&base.id])
        };
        let mut form = Form::new(
            title,
            Purpose::People(PeoplePurpose::Household(Box::new(base))),
            fields,
        );
        // The grid is a choice made once; the address is what is typed first.
        form.focus = BUILDING;
        form
    }
}

/// The names of a household's members in its order (a member that no longer exists is left
/// out), for the form's prefill.
pub fn member_names(backend: &dyn Backend, h: &Household) -> Result<Vec<String>> {
    Ok(backend
        .get_many::<Resident>(h.members.clone())?
        .into_iter()
        .map(|r| r.name)
        .collect())
}

/// A resident named in the form: one of the household's members by exact name first (so an
/// unchanged form saves even when a namesake lives elsewhere), else as the CLI finds one
/// (`#12`, an exact name, or a part of a name only one has).
fn resident(backend: &dyn Backend, current: &[Resident], name: &str) -> Result<Id> {
    if let Some(r) = current.iter().find(|r| r.name == name) {
        return Ok(r.id);
    }
    Ok(crate::commands::people::resident(backend, name)?.id)
}

pub(super) fn build(app: &View, form: &Form, base: &Household) -> Result<(Command, After)> {
    let v = |i: usize| form.fields[i].value().to_owned();
    let backend = app.backend;
    let current = backend.get_many::<Resident>(base.members.clone())?;
    let mut h = base.clone();
    h.grid = v(GRID).parse().unwrap_or(h.grid);
    h.address.building = v(BUILDING);
    h.address.unit = v(UNIT);
    h.address.room = v(ROOM);
    h.address.text = v(TEXT);
    let mut members = Vec::new();
    for name in super::forms::split_names(&v(MEMBERS)) {
        let id = resident(backend, &current, &name)?;
        if !members.contains(&id) {
            members.push(id);
        }
    }
    let head = v(HEAD);
    if !head.is_empty() {
        let id = resident(backend, &current, &head)?;
        members.retain(|&m| m != id);
        members.insert(0, id);
    }
    h.members = members;
    let after: After = Box::new(move |applied, _: &View| {
        let shown: RegisterUpdate = Box::new(move |pane, app: &View| {
            let store = app.backend;
            let (today, grid) = (app.now.date, app.grid_filter);
            let shown = pane.reveal_household(store, today, grid, applied.id);
            let saved = store.require::<Household>(applied.id);
            vec![match shown.and(saved) {
                Ok(h) => {
                    let head = match h.members.first() {
                        Some(&id) => store
                            .get::<Resident>(id)
                            .ok()
                            .flatten()
                            .map(|r| r.name)
                            .unwrap_or_default(),
                        None => app.lang.t(T::PplNobody).to_owned(),
                    };
                    let text = app.lang.fill(
                        T::PplHouseholdSaved,
                        &[&h.id, &h.address, &h.members.len(), &head],
                    );
                    Effect::Say(crate::chrome::clean(&text))
                }
                Err(e) => Effect::Fail(e),
            }]
        });
        vec![Effect::Changed, Effect::Register(shown)]
    });
    Ok((Command::People(PeopleCommand::SaveHousehold(h)), after))
}
