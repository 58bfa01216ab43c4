//! A hit as the steward sees it: the title, and the context that tells two Wangs apart.

use serde::Serialize;

use super::entry::{Entry, Field};
use super::rank::{self, Match};
use super::{HitKind, SearchIndex};
use crate::day::Date;
use crate::model::Id;
use crate::text::mask_phone;

/// One search result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Hit {
    pub kind: HitKind,
    pub id: Id,
    /// The name, the address of a household, the title of a case.
    pub title: String,
    /// What tells two Wangs apart, in no particular language: grid code, address, masked
    /// phone; a case's number, grid, opening day and parties; a partner's contact.
    pub context: String,
    /// Codes for the app to translate: a resident's categories, a household's file status
    /// and categories, a member's roles, a case's kind and status, a partner's kind.
    #[serde(deserialize_with = "crate::wire::codes")]
    pub tags: Vec<&'static str>,
    /// A resident's age on the index's day (the app writes `78岁` or `78 y`).
    pub age: Option<i32>,
    /// How well it matched: [`EXACT`](super::EXACT), [`PREFIX`](super::PREFIX),
    /// [`INITIALS`](super::INITIALS) or [`ANYWHERE`](super::ANYWHERE).
    pub tier: u8,
}

impl SearchIndex {
    pub(super) fn hits(&self, found: Vec<Match>, limit: usize) -> Vec<Hit> {
        rank::top(found, limit)
            .iter()
            .map(|m| self.hit(m))
            .collect()
    }

    fn hit(&self, m: &Match) -> Hit {
        let e = &self.entries[m.slot as usize];
        let linked = match e.kind {
            HitKind::Resident => self.linked(HitKind::Household, e.link),
            HitKind::Household => self.linked(HitKind::Resident, e.link),
            _ => "",
        };
        let grid = self.grids.get(&e.grid).map_or("", |c| c);
        hit(e, m.tier, grid, linked, self.today)
    }

    /// The title of a linked entry (a resident's household, a household's head).
    fn linked(&self, kind: HitKind, id: Id) -> &str {
        self.entry(kind, id).map_or("", |e| e.get(Field::Title))
    }
}

/// The hit of one matching entry: `grid` is its grid's code, `linked` the title of the entry
/// it links to (a resident's household, a household's head; empty for other kinds), `today`
/// the day ages are counted on.
pub(super) fn hit(e: &Entry, tier: u8, grid: &str, linked: &str, today: Date) -> Hit {
    let mut parts: Vec<String> = Vec::new();
    let mut push = |s: &str| {
        if !s.is_empty() {
            parts.push(s.to_owned());
        }
    };
    let phone = |e: &Entry| match e.get(Field::Phone) {
        "" => String::new(),
        p => mask_phone(p),
    };
    match e.kind {
        HitKind::Resident => {
            push(grid);
            push(linked);
            push(&phone(e));
        }
        HitKind::Household => {
            push(grid);
            push(linked);
        }
        HitKind::Member => {
            push(grid);
            push(&phone(e));
        }
        HitKind::Case => {
            push(&format!("#{}", e.id));
            push(grid);
            push(&e.date.map(|d| d.to_string()).unwrap_or_default());
            push(e.get(Field::Note));
        }
        HitKind::Partner | HitKind::Org => {
            push(e.get(Field::Note));
            push(&phone(e));
        }
        HitKind::Team => {}
    }
    Hit {
        kind: e.kind,
        id: e.id,
        title: e.get(Field::Title).to_owned(),
        context: parts.join(" · "),
        tags: e.tag_codes(),
        age: match e.kind {
            HitKind::Resident => e.date.map(|b| today.years_since(b)),
            _ => None,
        },
        tier,
    }
}
