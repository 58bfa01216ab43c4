//! Pane 3, cases: disputes, petitions, requests and assistance, filtered by kind, status and
//! grid; the detail holds the whole timeline.
//!
//! ```text
//! 类别 全部 · 状态 未结 · 层级 全部层级 · 8 件
//! ┌────────────────────────────────┐┌──────────────────────────────┐
//! │ 编号 类别 状态   事由      跟进 ││ #4 桂园小区5栋渗漏纠纷       │
//! │ #3  信访 待处理 纱厂…  11-25! ││ 矛盾纠纷 · 调解中 · G2       │
//! │ #4  纠纷 调解中 桂园…  12-01  ││ 当事单位 … (organisations)    │
//! │                                ││ 当事人 …                     │
//! └────────────────────────────────┘│ 经过 …                       │
//! ```

use qiaomen_core::model::{Case, CaseKind, CaseStatus, EventKind, Id, Level, Org, Resident};
use qiaomen_core::{Date, Reads};

use crate::backend::Backend;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::list::{Cursor, frame_block};
use crate::action::Action;
use crate::chrome::{clean, field};
use crate::columns::{self, Cell as ColCell, Column, Kind, ListRow};
use crate::effect::Effect;
use crate::i18n::{self, T};
use crate::popups::{Popup, form::Form};
use crate::theme;
use crate::view::{Ctx, View};

/// Which statuses the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// Everything not closed.
    #[default]
    Active,
    Only(CaseStatus),
    All,
}

/// What the cases pane shows, as read: the grid's cases sorted, the residents they name and
/// the register's organisations.
pub struct CaseLists {
    cases: Vec<Case>,
    residents: Vec<Resident>,
    orgs: Vec<Org>,
}

impl CaseLists {
    pub fn read(store: &dyn Backend, grid: Option<Id>, today: Date) -> qiaomen_core::Result<Self> {
        let mut cases: Vec<Case> = store
            .all::<Case>()?
            .into_iter()
            .filter(|c| grid.is_none_or(|g| c.grid == g))
            .collect();
        sort(&mut cases, today);
        let mut named: Vec<Id> = cases.iter().flat_map(|c| c.residents.clone()).collect();
        named.sort_unstable();
        named.dedup();
        Ok(CaseLists {
            residents: store.get_many::<Resident>(named)?,
            orgs: store.all::<Org>()?,
            cases,
        })
    }
}

#[derive(Default)]
pub struct CasesPane {
    /// The grid's cases, newest first.
    pub cases: Vec<Case>,
    /// Indices into `cases` that pass the filters.
    pub visible: Vec<usize>,
    pub cursor: Cursor,
    pub kind: Option<CaseKind>,
    pub status: StatusFilter,
    /// Only cases held at this level (issue 16); `None`: every level.
    pub level: Option<Level>,
    /// The organisations of the register, and the residents the cases name (for the detail).
    orgs: Vec<Org>,
    residents: Vec<Resident>,
    /// The timeline fills the pane (Enter toggles, Esc closes).
    pub expanded: bool,
    /// Lines scrolled down in the expanded timeline (`u16::MAX`: to its end, the newest).
    pub scroll: u16,
    /// How far the expanded timeline can scroll, as last drawn.
    scroll_max: std::cell::Cell<u16>,
}

impl CasesPane {
    pub fn reload(
        &mut self,
        store: &dyn Backend,
        grid: Option<Id>,
        today: Date,
    ) -> qiaomen_core::Result<()> {
        self.take(CaseLists::read(store, grid, today)?);
        Ok(())
    }

    /// Shows lists read (here, or behind the screen), keeping the selection.
    pub fn take(&mut self, lists: CaseLists) {
        let keep = self.selected().map(|c| c.id);
        self.residents = lists.residents;
        self.orgs = lists.orgs;
        self.cases = lists.cases;
        self.refilter();
        self.select(keep);
    }

    fn refilter(&mut self) {
        self.visible = (0..self.cases.len())
            .filter(|&i| {
                let c = &self.cases[i];
                self.kind.is_none_or(|k| c.kind == k)
                    && self.level.is_none_or(|l| c.level == l)
                    && match self.status {
                        StatusFilter::Active => c.status.is_active(),
                        StatusFilter::Only(s) => c.status == s,
                        StatusFilter::All => true,
                    }
            })
            .collect();
        self.cursor.clamp(self.visible.len());
    }

    pub fn select(&mut self, id: Option<Id>) {
        if let Some(i) = id.and_then(|id| self.visible.iter().position(|&i| self.cases[i].id == id))
        {
            self.cursor.selected = i;
        }
        self.cursor.clamp(self.visible.len());
    }

    /// Shows a case even when the filters hid it (a search jump).
    pub fn reveal(&mut self, id: Id) {
        if !self.visible.iter().any(|&i| self.cases[i].id == id) {
            self.kind = None;
            self.level = None;
            self.status = StatusFilter::All;
            self.refilter();
        }
        self.select(Some(id));
    }

    pub fn selected(&self) -> Option<&Case> {
        self.visible
            .get(self.cursor.selected)
            .map(|&i| &self.cases[i])
    }
}

/// Active cases first; among them an overdue follow-up first (the most overdue first), then
/// the newest; then the rest, newest first.
fn sort(cases: &mut [Case], today: Date) {
    cases.sort_by_key(|c| {
        let overdue = c
            .next_follow_up
            .filter(|d| c.status.is_active() && *d < today);
        (
            !c.status.is_active(),
            overdue.is_none(),
            overdue,
            std::cmp::Reverse((c.opened, c.id)),
        )
    });
}

impl CasesPane {
    /// A key on the cases pane: filters, the cursor and the timeline change here; forms and
    /// the card are returned as effects.
    pub fn update(&mut self, action: Action, view: &View) -> Vec<Effect> {
        if self.expanded {
            let max = self.scroll_max.get();
            let at = self.scroll.min(max);
            match action {
                Action::Down => self.scroll = at.saturating_add(1).min(max),
                Action::Up => self.scroll = at.saturating_sub(1),
                Action::PageDown => self.scroll = at.saturating_add(10).min(max),
                Action::PageUp => self.scroll = at.saturating_sub(10),
                Action::Home => self.scroll = 0,
                Action::End => self.scroll = u16::MAX,
                Action::OpenCase | Action::Close => self.expanded = false,
                _ => {}
            }
            if !matches!(
                action,
                Action::CaseNote
                    | Action::CaseSession
                    | Action::CaseStatus
                    | Action::CaseFollowUp
                    | Action::CaseHandOver
                    | Action::OpenCard
            ) {
                return Vec::new();
            }
        }
        if self.cursor.apply(action, self.visible.len()) {
            return Vec::new();
        }
        let lang = view.lang;
        let selected = self.selected().cloned();
        let form = |f: Form| vec![Effect::Open(Popup::Form(f))];
        match (action, selected) {
            (Action::NewCase, _) => {
                // A case belongs to a grid: with none yet there is nothing to choose from.
                let Some(first) = view.grids.first().map(|g| g.id) else {
                    return vec![Effect::Error(lang.t(T::NoGrids).to_owned())];
                };
                let grid = view.grid_filter.unwrap_or(first);
                form(Form::new_case(lang, view.grids, grid, None))
            }
            (Action::OpenCase, Some(_)) => {
                // Opened at its end: the newest entry in view.
                self.expanded = true;
                self.scroll = u16::MAX;
                Vec::new()
            }
            (Action::CaseNote, Some(c)) => form(Form::case_note(lang, &c)),
            (Action::CaseSession, Some(c)) => {
                form(Form::case_session(lang, &c, view.now.date, view.operator))
            }
            (Action::CaseStatus, Some(c)) => form(Form::case_status(lang, &c)),
            (Action::OpenCard, Some(c)) => crate::popups::card::open_for_case(view, &c),
            (Action::CaseFollowUp, Some(c)) => form(Form::case_follow_up(lang, &c, view.now.date)),
            (Action::CycleKindFilter, _) => {
                let all = CaseKind::ALL;
                self.kind = match self.kind {
                    None => Some(all[0]),
                    Some(k) => all
                        .iter()
                        .position(|x| *x == k)
                        .and_then(|i| all.get(i + 1).copied()),
                };
                self.refilter();
                Vec::new()
            }
            (Action::CaseHandOver, Some(c)) => form(Form::case_hand_over(lang, &c)),
            (Action::CycleLevelFilter, _) => {
                let all = Level::ALL;
                self.level = match self.level {
                    None => Some(all[0]),
                    Some(l) => all
                        .iter()
                        .position(|x| *x == l)
                        .and_then(|i| all.get(i + 1).copied()),
                };
                self.refilter();
                Vec::new()
            }
            (Action::CycleStatusFilter, _) => {
                use CaseStatus::{Closed, Escalated, Mediating, Open, Resolved};
                self.status = match self.status {
                    StatusFilter::Active => StatusFilter::Only(Open),
                    StatusFilter::Only(Open) => StatusFilter::Only(Mediating),
                    StatusFilter::Only(Mediating) => StatusFilter::Only(Resolved),
                    StatusFilter::Only(Resolved) => StatusFilter::Only(Escalated),
                    StatusFilter::Only(Escalated) => StatusFilter::Only(Closed),
                    StatusFilter::Only(Closed) => StatusFilter::All,
                    StatusFilter::All => StatusFilter::Active,
                };
                self.refilter();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}

fn follow_up_cell(c: &Case, today: Date) -> (String, ratatui::style::Style) {
    match c.next_follow_up {
        Some(d) if d < today => (format!("{:02}-{:02}!", d.month(), d.day()), theme::ALERT),
        Some(d) if d == today => (format!("{:02}-{:02}", d.month(), d.day()), theme::WARN),
        Some(d) => (format!("{:02}-{:02}", d.month(), d.day()), theme::BASE),
        None => (String::new(), theme::BASE),
    }
}

impl CasesPane {
    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let [top, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let kind = self
            .kind
            .map_or(lang.t(T::AllGrids), |k| i18n::case_kind(lang, k));
        let status = match self.status {
            StatusFilter::Active => lang.t(T::ActiveCases),
            StatusFilter::Only(s) => i18n::case_status(lang, s),
            StatusFilter::All => lang.t(T::AllGrids),
        };
        let level = self
            .level
            .map_or(lang.t(T::CaseLevelAll), |l| i18n::case_level(lang, l));
        let line = lang.fill(
            T::CaseFilterLine,
            &[&kind, &status, &level, &self.visible.len()],
        );
        frame.render_widget(Paragraph::new(format!(" {line}")).style(theme::TITLE), top);
        if self.expanded {
            self.render_detail(app, frame, main, true);
            return;
        }
        let detail_width = if main.width >= 100 {
            main.width * 9 / 20
        } else {
            34
        };
        // Below the list's width the detail folds away (Enter still shows it, whole).
        let detail = columns::list_beside_detail(
            frame,
            main,
            &self.cursor,
            self.visible.len(),
            (detail_width, lang.t(T::NoCases)),
            |window| self.list_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_detail(app, frame, detail, false);
        }
    }

    /// The list's columns and the rows in `window` (see `columns` for how they narrow).
    fn list_rows(&self, app: &Ctx, window: std::ops::Range<usize>) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let columns = vec![
            Column::new(lang.t(T::ColNumber), Kind::Number, 0),
            Column::new(lang.t(T::ColKind), Kind::Word, 1)
                .fitting(CaseKind::ALL.iter().map(|k| i18n::case_kind(lang, *k))),
            Column::new(lang.t(T::ColStatus), Kind::Word, 0)
                .fitting(CaseStatus::ALL.iter().map(|s| i18n::case_status(lang, *s))),
            Column::new(lang.t(T::ColTitle), Kind::Text, 0),
            Column::new(lang.t(T::ColFollowUpShort), Kind::Number, 2).at_least(6),
        ];
        let rows = window
            .map(|pos| {
                let c = &self.cases[self.visible[pos]];
                let (fu, fu_style) = follow_up_cell(c, app.now.date);
                ListRow {
                    cells: vec![
                        c.number().into(),
                        i18n::case_kind(lang, c.kind).into(),
                        i18n::case_status(lang, c.status).into(),
                        clean(&c.title).into(),
                        ColCell::styled(fu, fu_style),
                    ],
                    selected: pos == self.cursor.selected,
                }
            })
            .collect();
        (columns, rows)
    }

    fn render_detail(&self, app: &Ctx, frame: &mut Frame, area: Rect, expanded: bool) {
        let lang = app.lang;
        let inner = frame_block(frame, area, expanded, "");
        let Some(c) = self.selected() else { return };
        let mut head = vec![
            Line::styled(format!("{} {}", c.number(), clean(&c.title)), theme::TITLE),
            Line::raw(format!(
                "{} · {} · {} · {}",
                i18n::case_kind(lang, c.kind),
                i18n::case_status(lang, c.status),
                app.grid_code(c.grid),
                i18n::case_level(lang, c.level)
            )),
        ];
        let orgs: Vec<Org> = self
            .orgs
            .iter()
            .filter(|o| c.orgs.contains(&o.id))
            .cloned()
            .collect();
        let residents: Vec<Resident> = self
            .residents
            .iter()
            .filter(|r| c.residents.contains(&r.id))
            .cloned()
            .collect();
        let paired = c
            .paired
            .and_then(|m| app.members.iter().find(|x| x.id == m))
            .map(|m| m.name.as_str());
        for (label, value) in
            crate::commands::case::case_details(lang, c, &orgs, &residents, paired, app.now.date)
        {
            head.push(if label.is_empty() {
                Line::raw(clean(&value))
            } else {
                field(label, clean(&value))
            });
        }
        head.push(field(lang.t(T::ColOpened), c.opened.to_string()));
        if let Some(d) = c.next_follow_up {
            let (_, s) = follow_up_cell(c, app.now.date);
            head.push(Line::from(vec![
                ratatui::text::Span::styled(format!("{} ", lang.t(T::ColFollowUp)), theme::LABEL),
                ratatui::text::Span::styled(d.to_string(), s),
            ]));
        }
        let sessions = c.sessions().count();
        head.push(Line::styled(
            lang.fill(T::TimelineHead, &[&c.events.len(), &sessions]),
            theme::LABEL,
        ));
        let mut n = 0;
        let events: Vec<Line> = c
            .events
            .iter()
            .map(|e| {
                if matches!(e.kind, EventKind::Session(_)) {
                    n += 1;
                }
                let text = crate::commands::case::event_text(lang, e, n);
                Line::raw(clean(&format!("{} {} {}", e.date, e.by, text)))
            })
            .collect();
        let mut head = crate::wrap::lines(head, inner.width);
        let mut events = crate::wrap::lines(events, inner.width);
        // On a short screen the expanded case scrolls as one text, so the timeline is never
        // squeezed to a line under a head that fills the pane.
        if expanded && head.len() + 3 > usize::from(inner.height) {
            head.append(&mut events);
            events = head;
            head = Vec::new();
        }
        let [head_area, timeline_area] =
            Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(1)])
                .areas(inner);
        frame.render_widget(Paragraph::new(head), head_area);
        let max = u16::try_from(events.len())
            .unwrap_or(u16::MAX)
            .saturating_sub(timeline_area.height);
        // Collapsed, the latest events are what matters: show the end of the timeline.
        let scroll = if expanded {
            self.scroll_max.set(max);
            self.scroll.min(max)
        } else {
            max
        };
        frame.render_widget(Paragraph::new(events).scroll((scroll, 0)), timeline_area);
    }
}
