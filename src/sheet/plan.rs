//! The people of a roster matched with the register and grouped into households: the records
//! an import writes, and what it adds, updates and leaves as it was.
//!
//! A person is the stored resident with the same ID number, else the one with the same name,
//! birth date and home (grid and address). Rows form households by 户号 when the sheet has it,
//! else by 与户主关系 (户主 starts one, the rows after it join it), else by identical address;
//! a household is the stored one at the same grid and address, else a new one, headed by its
//! 户主 (`members[0]`).

use std::collections::{HashMap, HashSet};

use qiaomen_core::Record;
use qiaomen_core::model::{Household, Id, Resident};
use qiaomen_core::store::fingerprint;

use super::columns::Field;
use super::roster::{Person, RowError};
use super::values::Problem;

/// What an import does to one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Add,
    Update,
    Unchanged,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl Counts {
    fn count(&mut self, a: Action) {
        match a {
            Action::Add => self.added += 1,
            Action::Update => self.updated += 1,
            Action::Unchanged => self.unchanged += 1,
        }
    }
}

/// Everything an import of the roster would do.
#[derive(Debug, Default)]
pub struct Plan {
    pub residents: Counts,
    pub households: Counts,
    /// Each row's person as it will be stored, in row order: the row, what happens to it.
    pub people: Vec<(usize, Action, Resident)>,
    /// The households to write (added or changed).
    pub changed_households: Vec<Household>,
    /// The `fingerprint` of each stored record the roster changes, as it was read: resident
    /// ids, then household ids.
    pub was_residents: HashMap<Id, String>,
    pub was_households: HashMap<Id, String>,
}

impl Plan {
    /// The records to write: the residents added or changed, then the households; made one at
    /// a time, so a large roster is not held twice.
    pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
        let residents = self
            .people
            .iter()
            .filter(|(_, a, _)| *a != Action::Unchanged)
            .map(|(_, _, r)| Record::Resident(r.clone()));
        let households = self
            .changed_households
            .iter()
            .map(|h| Record::Household(h.clone()));
        residents.chain(households)
    }

    /// What a record to write replaces (see `qiaomen_core::store::fingerprint`), if anything.
    pub fn replaces(&self, record: &Record) -> Option<&str> {
        match record {
            Record::Resident(r) => self.was_residents.get(&r.id),
            Record::Household(h) => self.was_households.get(&h.id),
            _ => None,
        }
        .map(String::as_str)
    }

    /// Whether the import changes anything.
    pub fn changes(&self) -> bool {
        !self.changed_households.is_empty()
            || self.people.iter().any(|(_, a, _)| *a != Action::Unchanged)
    }
}

/// A home: grid and address parts, compared exactly (they were trimmed on reading). Borrowed,
/// so that matching a large roster against a large register copies no text.
pub(super) type Home<'a> = (Id, &'a str, &'a str, &'a str, &'a str);

pub(super) fn home(grid: Id, h: &qiaomen_core::model::Address) -> Home<'_> {
    (grid, &h.text, &h.building, &h.unit, &h.room)
}

/// Plans the import of `people` into a register holding `residents` and `households`;
/// `header` names the column of a field for errors.
pub fn plan(
    people: &[Person],
    residents: &[Resident],
    households: Vec<Household>,
    header: &dyn Fn(Field) -> String,
) -> Result<Plan, RowError> {
    let households: HashMap<Id, Household> = households.into_iter().map(|h| (h.id, h)).collect();
    let home_of = |r: &Resident| {
        r.household
            .and_then(|h| households.get(&h))
            .map(|h| home(h.grid, &h.address))
    };
    let mut by_id_number: HashMap<&str, usize> = HashMap::new();
    let mut by_name_home: HashMap<(&str, Home), Vec<usize>> = HashMap::new();
    for (i, r) in residents.iter().enumerate() {
        if let Some(n) = &r.id_number {
            by_id_number.insert(n, i);
        }
        if let Some(h) = home_of(r) {
            by_name_home.entry((&r.name, h)).or_default().push(i);
        }
    }
    let mut next_resident = residents.iter().map(|r| r.id).max().unwrap_or(0);
    let mut next_household = households.keys().copied().max().unwrap_or(0);

    // Each row's resident: the stored one it matches with the row's values over it, or new.
    let mut taken: HashMap<Id, usize> = HashMap::new();
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let mut matched: Vec<Option<usize>> = Vec::with_capacity(people.len());
    let mut stored: Vec<Resident> = Vec::with_capacity(people.len());
    for p in people {
        let repeated = |f: Field, first: usize| RowError {
            row: p.row,
            column: header(f),
            problem: Problem::Repeated { first },
        };
        if let Some(n) = &p.resident.id_number
            && let Some(first) = numbers.insert(n, p.row)
        {
            return Err(repeated(Field::IdNumber, first));
        }
        let found = find(p, residents, &by_id_number, &by_name_home);
        // Someone who left stays out: linking them back into a household would undo the
        // departure unseen, and adding them as new would make two of one person (one ID
        // number). The row is refused, naming them; a person who really came back is a
        // matter for a person, not for a roster.
        if let Some(i) = found
            && let Some(left) = &residents[i].left
        {
            let by_number =
                p.resident.id_number.is_some() && residents[i].id_number == p.resident.id_number;
            return Err(RowError {
                row: p.row,
                column: header(if by_number {
                    Field::IdNumber
                } else {
                    Field::Name
                }),
                problem: Problem::Left {
                    name: residents[i].name.clone(),
                    date: left.date,
                    reason: left.reason,
                },
            });
        }
        if let Some(i) = found
            && let Some(first) = taken.insert(residents[i].id, p.row)
        {
            return Err(repeated(Field::Name, first));
        }
        let resident = if let Some(i) = found {
            overlay(&residents[i], p)
        } else {
            next_resident += 1;
            Resident {
                id: next_resident,
                ..p.resident.clone()
            }
        };
        matched.push(found);
        stored.push(resident);
    }

    // Households: the rows of each group go to the stored household at the head's home, or a
    // new one; a household is claimed by one group only.
    let mut by_home: HashMap<Home, Id> = households
        .values()
        .map(|h| (home(h.grid, &h.address), h.id))
        .collect();
    let mut claimed: HashSet<Id> = HashSet::new();
    let mut new_households: Vec<Household> = Vec::new();
    let mut group_of: HashMap<Id, Vec<Id>> = HashMap::new();
    for group in super::households::groups(people) {
        let head = group
            .iter()
            .copied()
            .find(|&i| people[i].is_head())
            .unwrap_or(group[0]);
        let key = home(stored[head].grid, &people[head].address);
        let mut categories: Vec<_> = group
            .iter()
            .flat_map(|&i| stored[i].categories.iter().copied())
            .collect();
        categories.sort();
        categories.dedup();
        let id = match by_home.get(&key) {
            Some(&id) if !claimed.contains(&id) => id,
            _ => {
                next_household += 1;
                new_households.push(Household {
                    id: next_household,
                    grid: stored[head].grid,
                    address: people[head].address.clone(),
                    members: Vec::new(),
                    categories,
                    needs: String::new(),
                    file: Vec::new(),
                });
                by_home.insert(key, next_household);
                next_household
            }
        };
        claimed.insert(id);
        if let Some(&other) = group.iter().find(|&&i| stored[i].grid != stored[head].grid) {
            return Err(RowError {
                row: people[other].row,
                column: header(Field::Grid),
                problem: Problem::OtherGrid {
                    head: people[head].row,
                },
            });
        }
        let order = std::iter::once(head).chain(group.iter().copied().filter(|&i| i != head));
        let members: Vec<Id> = order
            .map(|i| {
                stored[i].household = Some(id);
                stored[i].id
            })
            .collect();
        group_of.insert(id, members);
    }
    let moved: HashMap<Id, Id> = stored
        .iter()
        .filter_map(|r| Some((r.id, r.household?)))
        .collect();

    let mut plan = Plan::default();
    for ((p, r), found) in people.iter().zip(stored).zip(&matched) {
        let action = match found.map(|i| &residents[i]) {
            None => Action::Add,
            Some(old) if *old == r => Action::Unchanged,
            Some(old) => {
                plan.was_residents.insert(old.id, fingerprint(old));
                Action::Update
            }
        };
        plan.residents.count(action);
        plan.people.push((p.row, action, r));
    }
    // Stored households keep the members this roster does not move elsewhere, after its own.
    let mut ids: Vec<Id> = households.keys().copied().collect();
    ids.sort_unstable();
    for id in ids {
        let old = &households[&id];
        let mut members = group_of.get(&id).cloned().unwrap_or_default();
        for &m in &old.members {
            if !members.contains(&m) && moved.get(&m).is_none_or(|&h| h == id) {
                members.push(m);
            }
        }
        let action = if members == old.members {
            Action::Unchanged
        } else {
            plan.was_households.insert(id, fingerprint(old));
            plan.changed_households.push(Household {
                members,
                ..old.clone()
            });
            Action::Update
        };
        // Only the households the roster speaks of are counted.
        if group_of.contains_key(&id) || action == Action::Update {
            plan.households.count(action);
        }
    }
    for mut h in new_households {
        h.members = group_of.remove(&h.id).unwrap_or_default();
        plan.households.count(Action::Add);
        plan.changed_households.push(h);
    }
    Ok(plan)
}

/// The stored resident a person is: the one with their ID number, else the one with their
/// name and home and (when the row gives one) birth date, if only one is.
fn find(
    p: &Person,
    residents: &[Resident],
    by_id_number: &HashMap<&str, usize>,
    by_name_home: &HashMap<(&str, Home), Vec<usize>>,
) -> Option<usize> {
    if let Some(&i) = p
        .resident
        .id_number
        .as_deref()
        .and_then(|n| by_id_number.get(n))
    {
        return Some(i);
    }
    let key = (p.resident.name.as_str(), home(p.resident.grid, &p.address));
    let candidates: Vec<usize> = by_name_home
        .get(&key)?
        .iter()
        .copied()
        .filter(|&i| {
            let r = &residents[i];
            // Someone with another ID number is someone else.
            (r.id_number.is_none() || p.resident.id_number.is_none())
                && (p.resident.birth.is_none() || r.birth == p.resident.birth)
        })
        .collect();
    match candidates.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// A stored resident with the fields the row gives put over it.
fn overlay(old: &Resident, p: &Person) -> Resident {
    let mut r = old.clone();
    let new = &p.resident;
    for f in &p.given {
        match f {
            Field::Name => r.name.clone_from(&new.name),
            Field::Gender => r.gender = new.gender,
            Field::Birth => r.birth = new.birth,
            Field::IdNumber => r.id_number.clone_from(&new.id_number),
            Field::Phone => r.phone.clone_from(&new.phone),
            Field::Grid => r.grid = new.grid,
            Field::Categories => r.categories.clone_from(&new.categories),
            Field::Health => r.health.clone_from(&new.health),
            Field::ContactName | Field::ContactPhone => r.contacts.clone_from(&new.contacts),
            // The home is the household's, set by the grouping.
            Field::Estate
            | Field::Building
            | Field::Unit
            | Field::Room
            | Field::Household
            | Field::Relation => {}
        }
    }
    r
}
