//! The resident card's form as a typed struct: what it asks — the person's fields and the
//! five categories, the care
//! plan, the emergency contacts in order — prefilled from the record, and its keys (moving,
//! choosing, typing; adding, removing and reordering contacts). The record it builds is in
//! `save.rs`; the core validates it and audits the save.

use qiaomen_core::Date;
use qiaomen_core::model::{Category, Grid, Member, Resident};
use qiaomen_core::text::mask_id;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::fields::{Choice, ContactInputs, Row};
use crate::action::Action;
use crate::i18n::{Lang, T};
use crate::popups::input::Input;

pub struct ResidentEditor {
    /// The record as it was read: what the form does not show (household, categories, the
    /// plan's dates) is kept from it.
    pub(super) base: Resident,
    pub(super) today: Date,
    pub name: Input,
    pub gender: Choice,
    pub birth: Input,
    pub phone: Input,
    /// Prefilled masked, as the card shows it: left as it is, the stored number is kept, so
    /// opening the form never shows the whole number; typed over, the new one is checked.
    pub id_number: Input,
    pub(super) masked: String,
    pub grid: Choice,
    pub health: Input,
    /// Yes or no for each of `Category::ALL`, in its order.
    pub categories: Vec<Choice>,
    /// `""` for no care plan (not on the roll), else `1`–`3`.
    pub level: Choice,
    pub callers: Input,
    pub doorbell: Choice,
    /// `active` or `stopped`.
    pub plan: Choice,
    pub(super) plan_was: String,
    pub contacts: Vec<ContactInputs>,
    pub focus: usize,
    /// Why the last save was refused, in one sentence.
    pub message: Option<String>,
}

fn options(lang: Lang, list: &[(&str, T)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(code, t)| ((*code).to_owned(), lang.t(*t).to_owned()))
        .collect()
}

impl ResidentEditor {
    pub fn new(
        lang: Lang,
        r: &Resident,
        grids: &[Grid],
        members: &[Member],
        today: Date,
    ) -> ResidentEditor {
        let masked = r.id_number.as_deref().map(mask_id).unwrap_or_default();
        let callers: Vec<&str> = r
            .care
            .iter()
            .flat_map(|c| &c.callers)
            .filter_map(|id| members.iter().find(|m| m.id == *id))
            .map(|m| m.name.as_str())
            .collect();
        let grid_options = grids
            .iter()
            .map(|g| (g.id.to_string(), format!("{} {}", g.code, g.name)))
            .collect();
        let level = r
            .care
            .as_ref()
            .map_or(String::new(), |c| c.level.to_string());
        let stopped = r.care.as_ref().is_some_and(|c| c.active_to.is_some());
        let plan_was = if stopped { "stopped" } else { "active" };
        ResidentEditor {
            name: Input::with(&r.name),
            gender: Choice::new(
                options(
                    lang,
                    &[
                        ("female", T::GenderFemale),
                        ("male", T::GenderMale),
                        ("unknown", T::GenderUnknown),
                    ],
                ),
                r.gender.as_str(),
            ),
            birth: Input::with(&r.birth.map(|b| b.to_string()).unwrap_or_default()),
            phone: Input::with(&r.phone),
            id_number: Input::with(&masked),
            masked,
            grid: Choice::new(grid_options, &r.grid.to_string()),
            health: Input::with(&r.health),
            categories: Category::ALL
                .iter()
                .map(|c| {
                    Choice::new(
                        options(lang, &[("no", T::HhCatNo), ("yes", T::HhCatYes)]),
                        if r.categories.contains(c) {
                            "yes"
                        } else {
                            "no"
                        },
                    )
                })
                .collect(),
            level: Choice::new(
                options(
                    lang,
                    &[
                        ("", T::CardNoPlan),
                        ("1", T::Level1),
                        ("2", T::Level2),
                        ("3", T::Level3),
                    ],
                ),
                &level,
            ),
            callers: Input::with(&callers.join("、")),
            doorbell: Choice::new(
                options(lang, &[("no", T::No), ("yes", T::Yes)]),
                if r.care.as_ref().is_some_and(|c| c.doorbell) {
                    "yes"
                } else {
                    "no"
                },
            ),
            plan: Choice::new(
                options(
                    lang,
                    &[
                        ("active", T::CardPlanActive),
                        ("stopped", T::CardPlanStopped),
                    ],
                ),
                plan_was,
            ),
            plan_was: plan_was.to_owned(),
            contacts: r
                .contacts
                .iter()
                .map(|c| ContactInputs {
                    name: Input::with(&c.name),
                    relation: Input::with(&c.relation),
                    phone: Input::with(&c.phone),
                })
                .collect(),
            focus: 0,
            message: None,
            base: r.clone(),
            today,
        }
    }

    /// The rows in order; the plan's rows only when there is a plan.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = vec![
            Row::Name,
            Row::Gender,
            Row::Birth,
            Row::Phone,
            Row::IdNumber,
            Row::Grid,
            Row::Health,
        ];
        rows.extend((0..self.categories.len()).map(Row::Category));
        rows.push(Row::Level);
        if !self.level.code().is_empty() {
            rows.extend([Row::Callers, Row::Doorbell, Row::Plan]);
        }
        for i in 0..self.contacts.len() {
            rows.extend([
                Row::ContactName(i),
                Row::ContactRelation(i),
                Row::ContactPhone(i),
            ]);
        }
        rows
    }

    pub fn focused(&self) -> Row {
        let rows = self.rows();
        rows[self.focus.min(rows.len() - 1)]
    }

    fn focus_row(&mut self, row: Row) {
        self.focus = self.rows().iter().position(|r| *r == row).unwrap_or(0);
    }

    pub fn input(&self, row: Row) -> Option<&Input> {
        Some(match row {
            Row::Name => &self.name,
            Row::Birth => &self.birth,
            Row::Phone => &self.phone,
            Row::IdNumber => &self.id_number,
            Row::Health => &self.health,
            Row::Callers => &self.callers,
            Row::ContactName(i) => &self.contacts.get(i)?.name,
            Row::ContactRelation(i) => &self.contacts.get(i)?.relation,
            Row::ContactPhone(i) => &self.contacts.get(i)?.phone,
            Row::Gender | Row::Grid | Row::Category(_) | Row::Level | Row::Doorbell | Row::Plan => {
                return None;
            }
        })
    }

    fn input_mut(&mut self, row: Row) -> Option<&mut Input> {
        Some(match row {
            Row::Name => &mut self.name,
            Row::Birth => &mut self.birth,
            Row::Phone => &mut self.phone,
            Row::IdNumber => &mut self.id_number,
            Row::Health => &mut self.health,
            Row::Callers => &mut self.callers,
            Row::ContactName(i) => &mut self.contacts.get_mut(i)?.name,
            Row::ContactRelation(i) => &mut self.contacts.get_mut(i)?.relation,
            Row::ContactPhone(i) => &mut self.contacts.get_mut(i)?.phone,
            Row::Gender | Row::Grid | Row::Category(_) | Row::Level | Row::Doorbell | Row::Plan => {
                return None;
            }
        })
    }

    pub fn choice(&self, row: Row) -> Option<&Choice> {
        match row {
            Row::Gender => Some(&self.gender),
            Row::Grid => Some(&self.grid),
            Row::Level => Some(&self.level),
            Row::Doorbell => Some(&self.doorbell),
            Row::Plan => Some(&self.plan),
            Row::Category(i) => self.categories.get(i),
            _ => None,
        }
    }

    fn choice_mut(&mut self, row: Row) -> Option<&mut Choice> {
        match row {
            Row::Gender => Some(&mut self.gender),
            Row::Grid => Some(&mut self.grid),
            Row::Level => Some(&mut self.level),
            Row::Doorbell => Some(&mut self.doorbell),
            Row::Plan => Some(&mut self.plan),
            Row::Category(i) => self.categories.get_mut(i),
            _ => None,
        }
    }

    /// The contact the focused row belongs to.
    fn focused_contact(&self) -> Option<usize> {
        match self.focused() {
            Row::ContactName(i) | Row::ContactRelation(i) | Row::ContactPhone(i) => Some(i),
            _ => None,
        }
    }

    /// The form's keys from the key table: add, remove and reorder contacts.
    pub fn act(&mut self, action: Action) {
        match (action, self.focused_contact()) {
            (Action::ContactAdd, _) => {
                self.contacts.push(ContactInputs {
                    name: Input::default(),
                    relation: Input::default(),
                    phone: Input::default(),
                });
                self.focus_row(Row::ContactName(self.contacts.len() - 1));
            }
            (Action::ContactRemove, Some(i)) => {
                self.contacts.remove(i);
                match i
                    .checked_sub(1)
                    .or((!self.contacts.is_empty()).then_some(0))
                {
                    Some(j) => self.focus_row(Row::ContactName(j.min(i))),
                    None => self.focus_row(Row::Level),
                }
            }
            (Action::ContactUp, Some(i)) if i > 0 => {
                self.contacts.swap(i, i - 1);
                self.focus_row(Row::ContactName(i - 1));
            }
            (Action::ContactDown, Some(i)) if i + 1 < self.contacts.len() => {
                self.contacts.swap(i, i + 1);
                self.focus_row(Row::ContactName(i + 1));
            }
            _ => {}
        }
    }

    /// Moving between rows, choosing, typing.
    pub fn handle_key(&mut self, key: KeyEvent) {
        let n = self.rows().len();
        let row = self.focused();
        match key.code {
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % n,
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + n - 1) % n,
            KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') if self.choice(row).is_some() => {
                if let Some(c) = self.choice_mut(row) {
                    c.step(key.code != KeyCode::Left);
                }
            }
            _ => {
                if let Some(input) = self.input_mut(row) {
                    input.handle_key(key);
                }
            }
        }
        // A row may have gone (the plan's rows when the level is set to none).
        self.focus = self.focus.min(self.rows().len() - 1);
    }
}
