//! One record as the index keeps it: a few numbers and one string holding every searchable
//! field end to end (offsets kept beside it), so 100,000 residents cost one allocation each.

use crate::day::Date;
use crate::model::{
    Case, CaseKind, CaseStatus, Category, FileStatus, Household, Id, Member, Partner, PartnerKind,
    Resident, Role,
};

use super::HitKind;
use super::normalize::{address_key, digits, fold};
use super::pinyin::encode;

/// The fields of an entry, in the order they are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// As shown: the name or title as written.
    Title,
    /// The title folded (lower case, half-width); empty when that is the title itself.
    Name,
    /// The title's syllables with every reading (see `pinyin::encode`).
    Syllables,
    /// Other names (a case's parties, a partner's contact), encoded, separated by spaces.
    Others,
    Phone,
    /// Emergency contacts' phones, separated by spaces.
    Phones,
    IdNumber,
    /// `3-2-501` (a resident's: their household's).
    Address,
    /// The compound or free-text address, folded.
    Place,
    /// Shown in the context only: a partner's contact, a case's parties.
    Note,
}

const FIELDS: usize = 10;

pub struct Entry {
    pub kind: HitKind,
    pub id: Id,
    /// 0: none.
    pub grid: Id,
    /// A resident's household; a household's head (its first member). 0: none.
    pub link: Id,
    /// A resident's birth date; a case's opening day.
    pub date: Option<Date>,
    /// Codes to show (categories, roles, statuses, kinds), one bit each; see `tags`.
    pub tags: u16,
    /// The name, place or other names hold Latin letters or digits, so a Latin word may be a
    /// plain substring of them (for Chinese text only the pinyin can match it).
    pub latin: bool,
    /// First letters of the title's readings and of the other names' (`pinyin::first_bit`).
    pub name_mask: u64,
    pub others_mask: u64,
    ends: [u16; FIELDS],
    text: Box<str>,
}

/// Long fields are cut so offsets fit in `u16`; no one searches past this.
const FIELD_MAX: usize = 2048;

fn cut(s: &str) -> &str {
    if s.len() <= FIELD_MAX {
        return s;
    }
    let mut end = FIELD_MAX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl Entry {
    fn new(kind: HitKind, id: Id, fields: [&str; FIELDS]) -> Entry {
        let mut text = String::with_capacity(fields.iter().map(|f| f.len()).sum());
        let mut ends = [0u16; FIELDS];
        for (i, f) in fields.iter().enumerate() {
            text.push_str(cut(f));
            ends[i] = text.len() as u16;
        }
        let latin = [Field::Title, Field::Place].iter().any(|&f| {
            fields[f as usize]
                .bytes()
                .any(|b| b.is_ascii_alphanumeric())
        });
        Entry {
            kind,
            id,
            grid: 0,
            link: 0,
            date: None,
            tags: 0,
            latin,
            name_mask: 0,
            others_mask: 0,
            ends,
            text: text.into_boxed_str(),
        }
    }

    pub fn get(&self, f: Field) -> &str {
        let i = f as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The folded title, matched against the words.
    pub fn name(&self) -> &str {
        match self.get(Field::Name) {
            "" => self.get(Field::Title),
            n => n,
        }
    }

    /// Every field end to end: a word none of whose characters occur here matches nothing.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The same entry with some fields replaced (a household moved: its residents' address).
    pub fn with(&self, changes: &[(Field, &str)]) -> Entry {
        let mut fields = [""; FIELDS];
        for (i, f) in fields.iter_mut().enumerate() {
            let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
            *f = &self.text[start..self.ends[i] as usize];
        }
        for &(f, value) in changes {
            fields[f as usize] = value;
        }
        let fresh = Entry::new(self.kind, self.id, fields);
        Entry {
            ends: fresh.ends,
            text: fresh.text,
            latin: fresh.latin,
            ..*self
        }
    }

    /// The codes of `tags`, for the app to translate.
    pub fn tag_codes(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let t = self.tags;
        match self.kind {
            HitKind::Resident => pick(Category::ALL, t, Category::as_str, &mut out),
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

fn bits<T: PartialEq>(all: &[T], have: &[T]) -> u16 {
    all.iter()
        .enumerate()
        .filter(|(_, v)| have.contains(v))
        .fold(0, |acc, (i, _)| acc | 1 << i)
}

/// The folded title, or nothing when folding changes nothing (most Chinese names).
fn folded(title: &str) -> String {
    let f = fold(title);
    if f == title { String::new() } else { f }
}

fn syllables(text: &str) -> (String, u64) {
    let mut out = String::new();
    let mask = encode(&fold(text), &mut out);
    (out, mask)
}

fn others<'a>(names: impl Iterator<Item = &'a String>) -> (String, u64) {
    let mut out = String::new();
    let mut mask = 0;
    for n in names {
        if !out.is_empty() {
            out.push(' ');
        }
        mask |= encode(&fold(n), &mut out);
    }
    (out, mask)
}

/// A resident, with their household's address key and place (empty without a household).
pub fn resident(r: &Resident, address: &str, place: &str) -> Entry {
    let (syl, mask) = syllables(&r.name);
    let id_number = r.id_number.as_deref().map(fold).unwrap_or_default();
    let phones: Vec<String> = r.contacts.iter().map(|c| digits(&c.phone)).collect();
    let mut e = Entry::new(
        HitKind::Resident,
        r.id,
        [
            &r.name,
            &folded(&r.name),
            &syl,
            "",
            &digits(&r.phone),
            &phones.join(" "),
            &id_number,
            address,
            place,
            "",
        ],
    );
    e.grid = r.grid;
    e.link = r.household.unwrap_or(0);
    e.date = r.birth;
    e.tags = bits(Category::ALL, &r.categories);
    e.name_mask = mask;
    e
}

pub fn household(h: &Household) -> Entry {
    let title = h.address.short();
    let (syl, mask) = syllables(&h.address.text);
    let mut e = Entry::new(
        HitKind::Household,
        h.id,
        [
            &title,
            &folded(&title),
            &syl,
            "",
            "",
            "",
            "",
            &address_key(&h.address),
            &fold(&h.address.text),
            "",
        ],
    );
    e.grid = h.grid;
    e.link = h.members.first().copied().unwrap_or(0);
    let status = h.file_status().map_or(0, |s| bits(FileStatus::ALL, &[s]));
    e.tags = status | bits(Category::ALL, &h.categories) << 7;
    e.name_mask = mask;
    e
}

pub fn member(m: &Member) -> Entry {
    let (syl, mask) = syllables(&m.name);
    let mut e = Entry::new(
        HitKind::Member,
        m.id,
        [
            &m.name,
            &folded(&m.name),
            &syl,
            "",
            &digits(&m.phone),
            "",
            "",
            "",
            "",
            "",
        ],
    );
    e.grid = m.grid.unwrap_or(0);
    e.tags = bits(Role::ALL, &m.roles);
    e.name_mask = mask;
    e
}

pub fn case(c: &Case) -> Entry {
    let (syl, mask) = syllables(&c.title);
    let (parties, others_mask) = others(c.parties.iter());
    let note = c.parties.join("、");
    let mut e = Entry::new(
        HitKind::Case,
        c.id,
        [
            &c.title,
            &folded(&c.title),
            &syl,
            &parties,
            "",
            "",
            "",
            "",
            "",
            &note,
        ],
    );
    e.grid = c.grid;
    e.date = Some(c.opened);
    e.tags = bits(CaseKind::ALL, &[c.kind]) | bits(CaseStatus::ALL, &[c.status]) << 4;
    e.name_mask = mask;
    e.others_mask = others_mask;
    e
}

pub fn partner(p: &Partner) -> Entry {
    let (syl, mask) = syllables(&p.name);
    let contact = [p.contact.clone()];
    let (others_enc, others_mask) = others(contact.iter().filter(|c| !c.is_empty()));
    let mut e = Entry::new(
        HitKind::Partner,
        p.id,
        [
            &p.name,
            &folded(&p.name),
            &syl,
            &others_enc,
            &digits(&p.phone),
            "",
            "",
            "",
            "",
            &p.contact,
        ],
    );
    e.tags = bits(PartnerKind::ALL, &[p.kind]);
    e.name_mask = mask;
    e.others_mask = others_mask;
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Address;

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
