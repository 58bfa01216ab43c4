//! How the rows of a roster form households: by 户号 when the sheet has that column, else by
//! 与户主关系 (a 户主 row starts a household and the rows after it join it, as rosters are
//! written), else by identical grid and address.

use std::collections::HashMap;

use super::plan::home;
use super::roster::Person;

/// The rows of each household, as indexes into `people`, in the order they first appear.
pub fn groups(people: &[Person]) -> Vec<Vec<usize>> {
    let by_number = people.iter().any(|p| !p.household.is_empty());
    let by_relation = !by_number && people.iter().any(|p| !p.relation.is_empty());
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut keyed: HashMap<String, usize> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        if by_relation {
            match groups.last_mut() {
                Some(g) if !p.is_head() => g.push(i),
                _ => groups.push(vec![i]),
            }
            continue;
        }
        let key = if by_number && !p.household.is_empty() {
            format!("#{}", p.household)
        } else {
            format!("{:?}", home(p.resident.grid, &p.address))
        };
        if let Some(&g) = keyed.get(&key) {
            groups[g].push(i);
        } else {
            keyed.insert(key, groups.len());
            groups.push(vec![i]);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use qiaomen_core::model::{Address, Resident};

    use super::*;

    fn person(household: &str, relation: &str, room: &str) -> Person {
        Person {
            row: 0,
            resident: Resident {
                id: 0,
                name: "甘雨桐".into(),
                gender: qiaomen_core::model::Gender::Unknown,
                birth: None,
                phone: String::new(),
                id_number: None,
                household: None,
                grid: 1,
                categories: Vec::new(),
                health: String::new(),
                contacts: Vec::new(),
                care: None,
                left: None,
            },
            given: Vec::new(),
            address: Address {
                room: room.into(),
                text: "槐荫小区".into(),
                ..Address::default()
            },
            household: household.into(),
            relation: relation.into(),
        }
    }

    #[test]
    fn a_household_number_groups_rows_wherever_they_are() {
        let rows = [
            person("7", "", "501"),
            person("8", "", "501"),
            person("7", "", "502"),
            // No number: by address, here alone.
            person("", "", "503"),
        ];
        assert_eq!(groups(&rows), [vec![0, 2], vec![1], vec![3]]);
    }

    #[test]
    fn without_numbers_a_head_starts_a_household_and_the_rows_after_it_join() {
        let rows = [
            person("", "户主", "501"),
            person("", "配偶", "502"),
            person("", "户主", "501"),
            person("", "女儿", "501"),
        ];
        assert_eq!(groups(&rows), [vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn with_neither_rows_at_one_address_are_one_household() {
        let rows = [
            person("", "", "501"),
            person("", "", "502"),
            person("", "", "501"),
        ];
        assert_eq!(groups(&rows), [vec![0, 2], vec![1]]);
    }
}
