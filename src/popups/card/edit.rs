//! The resident card's form as a typed struct: what it asks (the person's fields, the care
//! plan, the emergency contacts in order) beside the record it builds. The core validates the
//! record and audits the save; this file only turns what was typed into a `Resident`.

use qiaomen_core::model::{CarePlan, EmergencyContact, Gender, Grid, Id, Member, Resident};
use qiaomen_core::text::mask_id;
use qiaomen_core::{Date, Error, Result};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::action::Action;
use crate::i18n::{Lang, T};
use crate::popups::input::Input;

/// A field that cycles through options (code, label).
pub struct Choice {
    pub options: Vec<(String, String)>,
    pub index: usize,
}

impl Choice {
    fn new(options: Vec<(String, String)>, code: &str) -> Choice {
        let index = options.iter().position(|(c, _)| c == code).unwrap_or(0);
        Choice { options, index }
    }

    fn code(&self) -> &str {
        self.options.get(self.index).map_or("", |(c, _)| c.as_str())
    }

    pub fn label(&self) -> &str {
        self.options.get(self.index).map_or("", |(_, l)| l.as_str())
    }

    fn step(&mut self, forward: bool) {
        let n = self.options.len().max(1);
        self.index = if forward {
            (self.index + 1) % n
        } else {
            (self.index + n - 1) % n
        };
    }
}

pub struct ContactInputs {
    pub name: Input,
    pub relation: Input,
    pub phone: Input,
}

/// One row of the form, in the order drawn and tabbed through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Name,
    Gender,
    Birth,
    Phone,
    IdNumber,
    Grid,
    Health,
    Level,
    Callers,
    Doorbell,
    Plan,
    ContactName(usize),
    ContactRelation(usize),
    ContactPhone(usize),
}

pub struct ResidentEditor {
    /// The record as it was read: what the form does not show (household, categories, the
    /// plan's dates) is kept from it.
    base: Resident,
    today: Date,
    pub name: Input,
    pub gender: Choice,
    pub birth: Input,
    pub phone: Input,
    /// Prefilled masked, as the card shows it: left as it is, the stored number is kept, so
    /// opening the form never shows the whole number; typed over, the new one is checked.
    pub id_number: Input,
    masked: String,
    pub grid: Choice,
    pub health: Input,
    /// `""` for no care plan (not on the roll), else `1`–`3`.
    pub level: Choice,
    pub callers: Input,
    pub doorbell: Choice,
    /// `active` or `stopped`.
    pub plan: Choice,
    plan_was: String,
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
            Row::Level,
        ];
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
            Row::Gender | Row::Grid | Row::Level | Row::Doorbell | Row::Plan => return None,
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
            Row::Gender | Row::Grid | Row::Level | Row::Doorbell | Row::Plan => return None,
        })
    }

    pub fn choice(&self, row: Row) -> Option<&Choice> {
        match row {
            Row::Gender => Some(&self.gender),
            Row::Grid => Some(&self.grid),
            Row::Level => Some(&self.level),
            Row::Doorbell => Some(&self.doorbell),
            Row::Plan => Some(&self.plan),
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

    /// The record to save: the stored one with what the form changed. Errors are the form's
    /// own (a date, a caller's name); the rest is the core's to check.
    pub fn build(&self, members: &[Member]) -> Result<Resident> {
        let mut r = self.base.clone();
        self.name.text.trim().clone_into(&mut r.name);
        r.gender = self.gender.code().parse().unwrap_or(Gender::Unknown);
        let birth = self.birth.text.trim();
        r.birth = if birth.is_empty() {
            None
        } else {
            Some(Date::parse(birth).map_err(|_| Error::invalid("birth", "expected YYYY-MM-DD"))?)
        };
        self.phone.text.trim().clone_into(&mut r.phone);
        let id = self.id_number.text.trim();
        if id != self.masked {
            r.id_number = (!id.is_empty()).then(|| id.to_owned());
        }
        r.grid = self.grid.code().parse().unwrap_or(r.grid);
        self.health.text.trim().clone_into(&mut r.health);
        r.care = match self.level.code().parse::<u8>() {
            Err(_) => None,
            Ok(level) => {
                let mut care = self.base.care.clone().unwrap_or(CarePlan {
                    level,
                    callers: Vec::new(),
                    doorbell: false,
                    active_from: self.today,
                    active_to: None,
                });
                care.level = level;
                care.callers = callers(&self.callers.text, members)?;
                care.doorbell = self.doorbell.code() == "yes";
                if self.plan.code() != self.plan_was {
                    // Stopped today: the elder stays due today (uncertain never counts as
                    // safe) and leaves the roll from tomorrow.
                    care.active_to =
                        (self.plan.code() == "stopped").then_some(self.today.max(care.active_from));
                }
                Some(care)
            }
        };
        r.contacts = self
            .contacts
            .iter()
            .filter(|c| {
                // A contact added and left blank is not one.
                [&c.name, &c.relation, &c.phone]
                    .iter()
                    .any(|i| !i.text.trim().is_empty())
            })
            .map(|c| EmergencyContact {
                name: c.name.text.trim().to_owned(),
                relation: c.relation.text.trim().to_owned(),
                phone: c.phone.text.trim().to_owned(),
            })
            .collect();
        Ok(r)
    }
}

/// Callers typed by name (separated by 、 or commas), each one member of that exact name.
fn callers(text: &str, members: &[Member]) -> Result<Vec<Id>> {
    let mut ids = Vec::new();
    for name in text
        .split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let found: Vec<&Member> = members.iter().filter(|m| m.name == name).collect();
        match found.as_slice() {
            [one] => ids.push(one.id),
            [] => {
                return Err(Error::NoMatch {
                    kind: "member",
                    query: name.to_owned(),
                });
            }
            several => {
                return Err(Error::Ambiguous {
                    kind: "member",
                    query: name.to_owned(),
                    candidates: several
                        .iter()
                        .map(|m| format!("#{}", m.id))
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        }
    }
    ids.dedup();
    Ok(ids)
}
