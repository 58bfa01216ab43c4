//! The record the resident card's form saves: the stored resident with what the form changed
//! (the form's own errors — a date, a caller's name — are found here; the rest is the core's
//! to check when `Command::SaveResident` is applied).

use qiaomen_core::model::{CarePlan, Category, EmergencyContact, Gender, Id, Member, Resident};
use qiaomen_core::{Date, Error, Result};

use super::edit::ResidentEditor;

impl ResidentEditor {
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
            Some(Date::parse(birth).map_err(|_| {
                Error::invalid(
                    "birth",
                    qiaomen_core::reason::Reason::Expected(qiaomen_core::reason::Shape::Date),
                )
            })?)
        };
        self.phone.text.trim().clone_into(&mut r.phone);
        let id = self.id_number.text.trim();
        if id != self.masked {
            r.id_number = (!id.is_empty()).then(|| id.to_owned());
        }
        r.grid = self.grid.code().parse().unwrap_or(r.grid);
        self.health.text.trim().clone_into(&mut r.health);
        // The categories kept stay in their stored order; one ticked anew goes at the end.
        let chosen: Vec<Category> = Category::ALL
            .iter()
            .zip(&self.categories)
            .filter(|(_, c)| c.code() == "yes")
            .map(|(cat, _)| *cat)
            .collect();
        r.categories.retain(|c| chosen.contains(c));
        for c in chosen {
            if !r.categories.contains(&c) {
                r.categories.push(c);
            }
        }
        r.care = match self.level.code().parse::<u8>() {
            Err(_) => None,
            Ok(level) => {
                let mut care = self.base.care.clone().unwrap_or(CarePlan {
                    level,
                    callers: Vec::new(),
                    doorbell: false,
                    active_from: self.today,
                    active_to: None,
                    doorbell_device: None,
                });
                care.level = level;
                care.callers = callers(&self.callers.text, members)?;
                care.doorbell = self.doorbell.code() == "yes";
                if !care.doorbell {
                    care.doorbell_device = None;
                }
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
