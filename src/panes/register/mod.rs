//! Pane 4, the register (台账): households and their files (一户一档), partners and what they
//! gave, and the assistance fund. `v` switches between the three views.
//!
//! ```text
//! ▸困难户  共建单位  帮扶基金 · 状态 全部 · 31 户
//! ┌──────────────────────────────────────┐┌───────────────────────────┐
//! │ 编号 状态   户主   认领     需求      ││ #17 原鼎新开发公司宿舍…   │
//! │ #16  已认领 吕建设 桂心大…  孩子父母… ││ 跟踪中 · G4 · 下一步 已结档│
//! │ #17  跟踪中 郑建平 桂岭建…  特扶家庭… ││ 成员 郑建平 68岁、郑小军… │
//! │ #18  已结档 方志华          丈夫工伤… ││ 认领 #2 每月 500.00 元 …  │
//! └──────────────────────────────────────┘└───────────────────────────┘
//! ```
//!
//! The partners view lists partners with their agreement and contribution (and, in the detail,
//! the agreement's duties, activities and goods); the fund view lists entries newest first
//! beside the balance, pledges due and double-help warnings; the activities view lists what
//! partners did (`activities.rs`).

mod activities;
mod care;
mod fund;
mod households;
mod keys;
mod meetings;
mod partners;
mod render;
mod visits;
mod visits_due;

use qiaomen_core::Reads;
use std::cell::Cell;
use std::collections::HashMap;

use qiaomen_core::Date;
use qiaomen_core::model::{
    Activity, Duty, FileStatus, FundEntry, Goods, Household, Id, Meeting, Partner, Pledge,
    PledgeStatus, Resident, Visit,
};
use qiaomen_core::register::{
    Contribution, Due, HouseholdFile, Warning, compute_contributions, find_duplicates,
    household_file, pledges_due,
};

use crate::backend::Backend;

use super::list::Cursor;
use crate::commands::register::describe;
use crate::i18n::T;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Households,
    Partners,
    Fund,
    /// Households overdue or due a visit this week (issue 14).
    VisitsDue,
    /// Volunteer teams, services given, and who in care is due this week (issue 16).
    Teams,
    Services,
    CareDue,
    /// Partners' activities, newest first (issue 16 point 3).
    Activities,
    /// Joint meetings and consultations with their decisions, newest first (issue 15 point 5).
    Meetings,
    /// Household visits and what was found, newest first (issue 15 point 5).
    Visits,
}

impl View {
    pub const ALL: [View; 10] = [
        View::Households,
        View::Partners,
        View::Fund,
        View::VisitsDue,
        View::Teams,
        View::Services,
        View::CareDue,
        View::Activities,
        View::Meetings,
        View::Visits,
    ];

    fn next(self) -> View {
        match self {
            View::Households => View::Partners,
            View::Partners => View::Fund,
            View::Fund => View::VisitsDue,
            View::VisitsDue => View::Teams,
            View::Teams => View::Services,
            View::Services => View::CareDue,
            View::CareDue => View::Activities,
            View::Activities => View::Meetings,
            View::Meetings => View::Visits,
            View::Visits => View::Households,
        }
    }

    pub fn title(self) -> T {
        match self {
            View::Households => T::ViewHouseholds,
            View::Partners => T::ViewPartners,
            View::Fund => T::ViewFund,
            View::VisitsDue => T::ViewDue,
            View::Teams => T::ViewTeams,
            View::Services => T::ViewServices,
            View::CareDue => T::ViewCareDue,
            View::Activities => T::ViewActivities,
            View::Meetings => T::ViewMeetings,
            View::Visits => T::ViewVisits,
        }
    }
}

/// A household as the list shows it.
pub struct HouseholdRow {
    pub household: Household,
    pub head: String,
    pub claimed_by: Vec<String>,
}

#[derive(Default)]
pub struct RegisterPane {
    pub view: View,
    /// The grid's households, by id.
    pub rows: Vec<HouseholdRow>,
    /// Indices into `rows` that pass the status filter.
    pub visible: Vec<usize>,
    pub filter: Option<FileStatus>,
    pub cursor: Cursor,
    pub partners: Vec<Partner>,
    pub contributions: Vec<Contribution>,
    pub partner_cursor: Cursor,
    pub pledges: Vec<Pledge>,
    /// Every fund entry, newest first.
    pub fund: Vec<FundEntry>,
    pub fund_cursor: Cursor,
    /// Households overdue or due a visit this week, by steward.
    pub visits_due: Vec<visits_due::DueLine>,
    pub due_cursor: Cursor,
    /// Teams, services and who in care is due this week (issue 16).
    pub care: care::CareLists,
    pub due: Vec<Due>,
    pub warnings: Vec<Warning>,
    /// Partners' activities (newest first), goods and agreement duties (issue 16 point 3).
    pub activities: Vec<Activity>,
    pub activity_cursor: Cursor,
    pub goods: Vec<Goods>,
    pub duties: Vec<Duty>,
    /// Meetings (newest first) and visits to the grid's households (newest first).
    pub meetings: Vec<Meeting>,
    /// Each meeting's attendees by name, read with the meetings (drawing reads nothing).
    pub meeting_names: Vec<Vec<Option<String>>>,
    pub meeting_cursor: Cursor,
    pub visits: Vec<visits::VisitLine>,
    pub visit_cursor: Cursor,
    /// The selected household's whole file, read when the selection changes.
    pub file: Option<HouseholdFile>,
    /// The detail fills the pane (Enter toggles).
    pub expanded: bool,
    pub scroll: u16,
    /// How far the expanded detail can scroll, as last drawn.
    scroll_max: Cell<u16>,
    /// The day and grid filter the lists were read at (forgotten on a change).
    computed: Option<(Date, Option<Id>)>,
}

impl RegisterPane {
    /// Reads the register when the day, the grid or the data changed since it was last read.
    /// Only the shown pane is read (the app's `refresh_visible`), so start-up and the roll call
    /// never pay for a register of tens of thousands of households.
    /// Read again when next shown: the data changed.
    pub fn forget(&mut self) {
        self.computed = None;
    }

    pub fn refresh(
        &mut self,
        store: &dyn Backend,
        today: Date,
        grid: Option<Id>,
    ) -> qiaomen_core::Result<()> {
        let key = (today, grid);
        if self.computed == Some(key) {
            return Ok(());
        }
        self.reload(store, today, grid)?;
        self.computed = Some(key);
        Ok(())
    }

    fn reload(
        &mut self,
        store: &dyn Backend,
        today: Date,
        grid: Option<Id>,
    ) -> qiaomen_core::Result<()> {
        let keep = self.selected().map(|r| r.household.id);
        self.partners = store.all::<Partner>()?;
        self.pledges = store.all::<Pledge>()?;
        let mut fund = store.all::<FundEntry>()?;
        fund.sort_by_key(|e| std::cmp::Reverse((e.date, e.id)));
        self.contributions = compute_contributions(&self.partners, &self.pledges, &fund)?;
        self.warnings = find_duplicates(&self.pledges, &fund);
        self.fund = fund;
        self.due = pledges_due(store, today)?;
        let mut activities = store.all::<Activity>()?;
        activities.sort_by_key(|a| std::cmp::Reverse((a.date, a.id)));
        self.activities = activities;
        self.activity_cursor.clamp(self.activities.len());
        let mut goods = store.all::<Goods>()?;
        goods.sort_by_key(|g| std::cmp::Reverse((g.date, g.id)));
        self.goods = goods;
        self.duties = store.all::<Duty>()?;
        let mut meetings = store.all::<Meeting>()?;
        meetings.sort_by_key(|m| std::cmp::Reverse((m.date, m.id)));
        self.meeting_names =
            crate::commands::register::meeting::attendee_names_of(store, &meetings)?;
        self.meetings = meetings;
        self.meeting_cursor.clamp(self.meetings.len());
        let keep_due = self.selected_due().map(|l| l.row.item.household);
        self.visits_due =
            visits_due::lines(crate::commands::register::due::load(store, today, grid)?);
        if let Some(i) = keep_due.and_then(|h| {
            self.visits_due
                .iter()
                .position(|l| l.row.item.household == h)
        }) {
            self.due_cursor.selected = i;
        }
        self.due_cursor.clamp(self.visits_due.len());
        let care = care::CareLists::load(store, today, grid)?;
        let before = std::mem::replace(&mut self.care, care);
        self.care.keep_cursors(&before);
        let mut pledges_of: HashMap<Id, Vec<Pledge>> = HashMap::new();
        for p in &self.pledges {
            pledges_of.entry(p.household).or_default().push(p.clone());
        }
        let mut rows = Vec::new();
        for h in store.all::<Household>()? {
            if grid.is_some_and(|g| h.grid != g) {
                continue;
            }
            // The head by id: one read per household, never a pass over every resident.
            let head = match h.members.first() {
                Some(&id) => store.get::<Resident>(id)?.map(|r| r.name),
                None => None,
            };
            let pledges = pledges_of.get(&h.id).map_or(&[][..], Vec::as_slice);
            rows.push(HouseholdRow {
                head: head.unwrap_or_default(),
                claimed_by: describe::claimed_by(pledges, &self.partners, h.id),
                household: h,
            });
        }
        self.visits = visits::lines(store.all::<Visit>()?, &rows);
        self.visit_cursor.clamp(self.visits.len());
        self.rows = rows;
        self.refilter();
        if let Some(id) = keep {
            self.select(id);
        }
        self.partner_cursor.clamp(self.partners.len());
        self.fund_cursor.clamp(self.fund.len());
        self.load_file(store)
    }

    fn refilter(&mut self) {
        self.visible = (0..self.rows.len())
            .filter(|&i| {
                self.filter
                    .is_none_or(|f| self.rows[i].household.file_status() == Some(f))
            })
            .collect();
        self.cursor.clamp(self.visible.len());
    }

    fn select(&mut self, id: Id) {
        if let Some(i) = self
            .visible
            .iter()
            .position(|&i| self.rows[i].household.id == id)
        {
            self.cursor.selected = i;
        }
    }

    /// Shows a household even when the status filter hid it (after a change, or a search),
    /// reading the register first if it is not read yet or out of date.
    pub fn reveal_household(
        &mut self,
        store: &dyn Backend,
        today: Date,
        grid: Option<Id>,
        id: Id,
    ) -> qiaomen_core::Result<()> {
        self.refresh(store, today, grid)?;
        self.view = View::Households;
        if !self
            .visible
            .iter()
            .any(|&i| self.rows[i].household.id == id)
        {
            self.filter = None;
            self.refilter();
        }
        self.select(id);
        self.load_file(store)
    }

    /// Shows a partner in the partners view, reading the register first if needed.
    pub fn reveal_partner(
        &mut self,
        store: &dyn Backend,
        today: Date,
        grid: Option<Id>,
        id: Id,
    ) -> qiaomen_core::Result<()> {
        self.refresh(store, today, grid)?;
        self.view = View::Partners;
        if let Some(i) = self.partners.iter().position(|p| p.id == id) {
            self.partner_cursor.selected = i;
        }
        Ok(())
    }

    /// The teams view, on the team found with `/`.
    pub fn reveal_team(
        &mut self,
        store: &dyn Backend,
        today: Date,
        grid: Option<Id>,
        id: Id,
    ) -> qiaomen_core::Result<()> {
        self.refresh(store, today, grid)?;
        self.view = View::Teams;
        if let Some(i) = self.care.teams.iter().position(|t| t.team.id == id) {
            self.care.team_cursor.selected = i;
        }
        Ok(())
    }

    pub fn selected(&self) -> Option<&HouseholdRow> {
        self.visible
            .get(self.cursor.selected)
            .map(|&i| &self.rows[i])
    }

    pub fn selected_partner(&self) -> Option<&Partner> {
        self.partners.get(self.partner_cursor.selected)
    }

    fn load_file(&mut self, store: &dyn Backend) -> qiaomen_core::Result<()> {
        let id = self.selected().map(|r| r.household.id);
        self.file = id.map(|id| household_file(store, id)).transpose()?;
        Ok(())
    }

    /// The selected household's pledges that are still active.
    fn active_pledges(&self, household: Id) -> Vec<Pledge> {
        self.pledges
            .iter()
            .filter(|p| p.household == household && p.status == PledgeStatus::Active)
            .cloned()
            .collect()
    }
}
