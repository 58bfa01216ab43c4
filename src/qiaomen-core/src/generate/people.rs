//! The residents: households with their flats, and the people living in them. Everything here is a pure function of the seed and an index, so a later
//! section (a case, a pledge) can look a household's people up again without keeping a
//! million residents in memory.

use super::Ctx;
use super::names;
use super::places;
use super::plan::{HouseKind, HousePlan};
use super::rng::{Rng, Stream};
use super::team::CALLER_SLOTS;
use crate::day::Date;
use crate::model::{CarePlan, Category, EmergencyContact, Gender, Household, Id, Resident};

pub(crate) fn household(ctx: &Ctx, index: usize) -> Household {
    let h = ctx.plan.houses[index];
    let file = super::files::file(ctx, index);
    let categories = match h.kind {
        HouseKind::Elder => vec![Category::Elder],
        HouseKind::Family => Vec::new(),
        HouseKind::Difficulty(c) => vec![c],
    };
    Household {
        id: index as Id + 1,
        grid: h.grid as Id + 1,
        address: places::address(&ctx.plan.grids[h.grid].compound, h.slot),
        members: h.members().collect(),
        categories,
        needs: file
            .as_ref()
            .map(|f| f.need.text.to_owned())
            .unwrap_or_default(),
        file: file.map(|f| f.steps).unwrap_or_default(),
    }
}

/// One person of a household before the record is filled in.
struct Person {
    surname: &'static str,
    gender: Gender,
    age: i32,
    categories: Vec<Category>,
}

fn person(surname: &'static str, gender: Gender, age: i32) -> Person {
    Person {
        surname,
        gender,
        age,
        categories: Vec::new(),
    }
}

fn other(g: Gender) -> Gender {
    if g == Gender::Female {
        Gender::Male
    } else {
        Gender::Female
    }
}

/// Who lives in a household: ages, genders and family surnames that fit together.
fn family(rng: &mut Rng, h: &HousePlan) -> Vec<Person> {
    let family = names::surname(rng);
    let spouse_surname = names::surname(rng);
    let size = h.size;
    match h.kind {
        HouseKind::Elder => {
            let (lo, hi) = rng.weighted(&[((70, 74), 20), ((75, 84), 50), ((85, 95), 30)]);
            let age = rng.range(lo, hi) as i32;
            let mut p = person(family, names::gender(rng, 0.65), age);
            p.categories.push(Category::Elder);
            if rng.chance(0.1) {
                p.categories.push(Category::Disabled);
            }
            vec![p]
        }
        HouseKind::Difficulty(Category::SpecialSupport) => {
            let age = rng.range(60, 80) as i32;
            let mut people = vec![
                person(family, Gender::Male, age),
                person(spouse_surname, Gender::Female, age - rng.range(0, 4) as i32),
            ];
            for p in &mut people {
                p.categories.push(Category::SpecialSupport);
            }
            people
        }
        HouseKind::Difficulty(Category::LeftBehindChild) => {
            let age = rng.range(62, 80) as i32;
            let head = names::gender(rng, 0.5);
            let head_surname = if head == Gender::Male {
                family
            } else {
                spouse_surname
            };
            let mut people = vec![person(head_surname, head, age)];
            if size == 3 {
                let s = if head == Gender::Male {
                    spouse_surname
                } else {
                    family
                };
                people.push(person(s, other(head), age + rng.range(-3, 3) as i32));
            }
            let mut child = person(family, names::gender(rng, 0.5), rng.range(5, 15) as i32);
            child.categories.push(Category::LeftBehindChild);
            people.push(child);
            people
        }
        kind => {
            let age = rng.range(28, 80) as i32;
            let head = names::gender(rng, 0.4);
            let mut people = vec![person(family, head, age)];
            let couple = size > 2 || rng.chance(0.6);
            if couple {
                people.push(person(
                    spouse_surname,
                    other(head),
                    (age + rng.range(-5, 5) as i32).max(22),
                ));
            }
            let grandparent = size == 4 && rng.chance(0.4);
            while people.len() < usize::from(size) - usize::from(grandparent) {
                let child_age = rng.range(i64::from((age - 40).max(0)), i64::from(age - 22));
                people.push(person(family, names::gender(rng, 0.5), child_age as i32));
            }
            if grandparent {
                let gp_age = (age + rng.range(22, 32) as i32).min(98);
                people.push(person(family, names::gender(rng, 0.6), gp_age));
            }
            if let HouseKind::Difficulty(c) = kind {
                let who = if c == Category::Disabled {
                    rng.index(people.len())
                } else {
                    0
                };
                people[who].categories.push(c);
            }
            people
        }
    }
}

const ELDER_HEALTH: &[&str] = &[
    "高血压，每日服药",
    "糖尿病，注意饮食",
    "腿脚不便，出门需拐杖",
    "听力较差，电话要大声",
    "冠心病，家中备有速效救心丸",
    "轻度认知障碍，说话时慢一点",
    "身体尚好",
    "白内障术后，视力一般",
];

const DISABILITY: &[&str] = &[
    "肢体残疾二级",
    "视力残疾三级",
    "听力残疾二级",
    "精神残疾三级",
];

const RELATIONS: &[&str] = &["儿子", "女儿", "侄子", "外甥女", "孙子", "邻居"];

/// The residents of household `index`, in id order.
pub(crate) fn residents(ctx: &Ctx, index: usize) -> Vec<Resident> {
    let h = ctx.plan.houses[index];
    let mut rng = Rng::of(ctx.seed, Stream::Household, index as u64);
    let people = family(&mut rng, &h);
    people
        .into_iter()
        .zip(h.members())
        .map(|(p, id)| {
            let mut r = resident(ctx, &mut rng, &p, id, h.grid);
            r.household = Some(index as Id + 1);
            if h.kind == HouseKind::Elder {
                elder(ctx, &mut rng, &mut r, &p, h.grid);
            }
            r
        })
        .collect()
}

/// A resident registered in grid `g` without a household.
pub(crate) fn loose(ctx: &Ctx, id: Id, g: usize) -> Resident {
    let mut rng = Rng::of(ctx.seed, Stream::Loose, id);
    let p = person(
        names::surname(&mut rng),
        names::gender(&mut rng, 0.5),
        rng.range(18, 65) as i32,
    );
    resident(ctx, &mut rng, &p, id, g)
}

fn resident(ctx: &Ctx, rng: &mut Rng, p: &Person, id: Id, g: usize) -> Resident {
    let birth = places::birth_for_age(rng, ctx.end, p.age);
    let mut categories = p.categories.clone();
    categories.sort();
    let health = if p.categories.contains(&Category::Disabled) {
        rng.pick(DISABILITY).to_owned()
    } else if p.age >= 60 && rng.chance(0.3) {
        rng.pick(ELDER_HEALTH).to_owned()
    } else {
        String::new()
    };
    Resident {
        id,
        name: names::person(rng, p.surname, p.gender, birth.year()),
        gender: p.gender,
        birth: Some(birth),
        phone: if p.age >= 16 && rng.chance(0.9) {
            places::phone(rng)
        } else {
            String::new()
        },
        id_number: rng
            .chance(0.5)
            .then(|| places::id_number(rng, birth, p.gender)),
        household: None,
        grid: g as Id + 1,
        categories,
        health,
        contacts: Vec::new(),
        care: None,
        left: None,
    }
}

/// Fills in what makes a resident an elder: contacts, health and the care plan.
fn elder(ctx: &Ctx, rng: &mut Rng, r: &mut Resident, p: &Person, g: usize) {
    if r.health.is_empty() && rng.chance(0.8) {
        rng.pick(ELDER_HEALTH).clone_into(&mut r.health);
    }
    for _ in 0..rng.range(1, 2) {
        let relation = rng.pick(RELATIONS);
        let kin = relation != "邻居" && relation != "外甥女" && p.gender == Gender::Male;
        let surname = if kin { p.surname } else { names::surname(rng) };
        let gender = if relation.contains('女') {
            Gender::Female
        } else if relation == "邻居" {
            names::gender(rng, 0.5)
        } else {
            Gender::Male
        };
        // Children are a generation younger, grandchildren two; neighbours any adult age.
        let born = r.birth.map_or(1945, Date::year);
        let year = match relation {
            "孙子" => born + rng.range(45, 60) as i32,
            "邻居" => ctx.end.year() - rng.range(30, 70) as i32,
            _ => born + rng.range(22, 35) as i32,
        };
        r.contacts.push(EmergencyContact {
            name: names::person(rng, surname, gender, year),
            relation: relation.to_owned(),
            phone: places::phone(rng),
        });
    }
    let mut callers: Vec<Id> = Vec::with_capacity(3);
    for _ in 0..rng.weighted(&[(1, 50), (2, 35), (3, 15)]) {
        let slot = if callers.is_empty() && rng.chance(0.4) {
            0
        } else {
            rng.pick(CALLER_SLOTS)
        };
        let id = ctx.plan.member_id(g, slot);
        if !callers.contains(&id) {
            callers.push(id);
        }
    }
    r.care = Some(CarePlan {
        level: rng.weighted(&[(1u8, 20), (2, 35), (3, 45)]),
        callers,
        doorbell: rng.chance(0.3),
        active_from: ctx.first.add_days(-rng.range(0, 720)),
        active_to: None,
        doorbell_device: None,
    });
}
