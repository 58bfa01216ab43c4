//! Each kind of record laid out as an entry: which of its fields are searched, and which
//! codes it shows.

use crate::care::{Team, TeamKind};
use crate::model::{
    Case, CaseKind, CaseStatus, Category, FileStatus, Household, Member, Org, OrgKind, Partner,
    PartnerKind, Resident, Role,
};

use super::HitKind;
use super::column::{DEPARTED, HouseholdCell, ResidentCell, bits};
use super::entry::{Entry, lay_out};
use super::normalize::digits_into;

impl Entry {
    /// The codes of `tags`, for the app to translate.
    pub fn tag_codes(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let t = self.tags;
        match self.kind {
            HitKind::Resident => {
                pick(Category::ALL, t, Category::as_str, &mut out);
                if self.departed() {
                    out.push("left");
                }
            }
            HitKind::Household => {
                pick(FileStatus::ALL, t, FileStatus::as_str, &mut out);
                pick(Category::ALL, t >> 7, Category::as_str, &mut out);
            }
            HitKind::Member => pick(Role::ALL, t, Role::as_str, &mut out),
            HitKind::Case => {
                pick(CaseKind::ALL, t, CaseKind::as_str, &mut out);
                pick(CaseStatus::ALL, t >> 4, CaseStatus::as_str, &mut out);
            }
            HitKind::Partner => pick(PartnerKind::ALL, t, PartnerKind::as_str, &mut out),
            HitKind::Org => pick(OrgKind::ALL, t, OrgKind::as_str, &mut out),
            HitKind::Team => pick(TeamKind::ALL, t, TeamKind::as_str, &mut out),
        }
        out
    }
}

fn pick<T: Copy>(all: &[T], bits: u16, code: fn(T) -> &'static str, out: &mut Vec<&'static str>) {
    for (i, &v) in all.iter().enumerate() {
        if bits >> i & 1 == 1 {
            out.push(code(v));
        }
    }
}

/// A resident, with their household's address key and place (empty without a household):
/// laid out from its cell of the search column, as a search without the index reads it.
pub fn resident(r: &Resident, address: &str, place: &str) -> Entry {
    ResidentCell::of(r).entry(address, place)
}

impl Entry {
    /// A resident who has left the community's roll.
    pub fn departed(&self) -> bool {
        self.kind == HitKind::Resident && self.tags & DEPARTED != 0
    }
}

/// A household, laid out from its cell of the search column.
pub fn household(h: &Household) -> Entry {
    HouseholdCell::of(h).entry()
}

pub fn member(m: &Member) -> Entry {
    let mut e = lay_out(HitKind::Member, m.id, |l| {
        l.title(&m.name)
            .put("")
            .put_with(|t| digits_into(&m.phone, t));
    });
    e.grid = m.grid.unwrap_or(0);
    e.tags = bits(Role::ALL, &m.roles);
    e
}

pub fn case(c: &Case) -> Entry {
    let mut e = lay_out(HitKind::Case, c.id, |l| {
        l.title(&c.title)
            .others(c.parties.iter().map(String::as_str));
        for _ in 0..5 {
            l.put("");
        }
        l.put(&c.parties.join("、"));
    });
    e.grid = c.grid;
    e.date = Some(c.opened);
    e.tags = bits(CaseKind::ALL, &[c.kind]) | bits(CaseStatus::ALL, &[c.status]) << 4;
    e
}

pub fn partner(p: &Partner) -> Entry {
    let mut e = lay_out(HitKind::Partner, p.id, |l| {
        l.title(&p.name)
            .others(std::iter::once(p.contact.as_str()).filter(|c| !c.is_empty()))
            .put_with(|t| digits_into(&p.phone, t));
        for _ in 0..4 {
            l.put("");
        }
        l.put(&p.contact);
    });
    e.tags = bits(PartnerKind::ALL, &[p.kind]);
    e
}

/// An organisation: its name, its contacts' names and the first contact's phone.
pub fn org(o: &Org) -> Entry {
    let first = o.contacts.first();
    let mut e = lay_out(HitKind::Org, o.id, |l| {
        l.title(&o.name)
            .others(o.contacts.iter().map(|c| c.name.as_str()))
            .put_with(|t| digits_into(first.map_or("", |c| c.phone.as_str()), t));
        for _ in 0..4 {
            l.put("");
        }
        l.put(first.map_or("", |c| c.name.as_str()));
    });
    e.tags = bits(OrgKind::ALL, &[o.kind]);
    e
}

/// A volunteer team, by its name (its members are found as themselves).
pub fn team(t: &Team) -> Entry {
    let mut e = lay_out(HitKind::Team, t.id, |l| {
        l.title(&t.name);
    });
    e.tags = bits(TeamKind::ALL, &[t.kind]);
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Address;
    use crate::search::entry::Field;

    #[test]
    fn fields_come_back_as_they_went_in() {
        let h = Household {
            id: 7,
            grid: 2,
            address: Address {
                building: "3栋".into(),
                unit: "2".into(),
                room: "501".into(),
                text: "顺安小区".into(),
            },
            members: vec![11, 12],
            categories: vec![Category::InDifficulty],
            needs: String::new(),
            file: Vec::new(),
        };
        let e = household(&h);
        assert_eq!(e.get(Field::Title), "顺安小区 3栋-2-501");
        assert_eq!(e.get(Field::Address), "3-2-501");
        assert_eq!(e.get(Field::Place), "顺安小区");
        assert_eq!(e.get(Field::Note), "");
        assert_eq!((e.grid, e.link), (2, 11));
        assert_eq!(e.tag_codes(), ["in_difficulty"]);
        let moved = e.with(&[(Field::Address, "4-1-101")]);
        assert_eq!(moved.get(Field::Address), "4-1-101");
        assert_eq!(moved.get(Field::Place), "顺安小区");
        assert_eq!(moved.get(Field::Title), e.get(Field::Title));
        assert_eq!(moved.id, 7);
    }

    #[test]
    fn latin_titles_keep_their_case_and_fold_for_matching() {
        let p = Partner {
            id: 3,
            name: "ABC超市".into(),
            kind: PartnerKind::Enterprise,
            agreement_signed: None,
            scope: String::new(),
            contact: "周明".into(),
            phone: "0731-8888 1234".into(),
        };
        let e = partner(&p);
        assert_eq!(e.get(Field::Title), "ABC超市");
        assert_eq!(e.name(), "abc超市");
        assert_eq!(e.get(Field::Phone), "073188881234");
        assert!(e.latin);
        assert!(e.get(Field::Others).starts_with("周,zhou'明,ming"));
        assert_eq!(e.tag_codes(), ["enterprise"]);
    }
}
