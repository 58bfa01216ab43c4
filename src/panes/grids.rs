//! Pane 1, grids: each grid with its stewards, elders, today's roll-call progress and open
//! cases; the detail shows the roster by role, the grid's elders and its open cases. `m` adds
//! a member (to the selected grid) and `n` a grid, through forms (an admin's to do).
//!
//! ```text
//! ┌─────────────────────────────────────┐┌─────────────────────────────┐
//! │ 网格 名称   网格管家  老人 问候 案件 ││ G1 顺和网格                 │
//! │ G1  顺和    刘晓燕    3   2/3  1    ││ 网格管家 刘晓燕、…          │
//! │ G2  桂园    吴丽      3   3/3  2    ││ 老人 ✓王秀英 ·曾凤仙 …      │
//! └─────────────────────────────────────┘└─────────────────────────────┘
//! ```

use qiaomen_core::model::{Case, Grid, Id, Member, Role};
use qiaomen_core::rollcall::{self, Roll};
use qiaomen_core::{Now, Reads};

use crate::backend::Backend;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::list::{Cursor, frame_block};
use super::roll_call::mark_of;
use crate::action::Action;
use crate::chrome::clean;
use crate::columns::{self, Cell as ColCell, Column, Kind, ListRow};
use crate::effect::Effect;
use crate::i18n::{self, T};
use crate::popups::Popup;
use crate::popups::form::Form;
use crate::theme;
use crate::view::{Ctx, View};

#[derive(Default)]
pub struct GridsPane {
    pub cursor: Cursor,
    /// Today's roll over all grids.
    pub today: Option<Roll>,
    pub open_cases: Vec<Case>,
    /// The day and store generation `today` was read at: it is read again only when shown
    /// after a change, not after every mark in the roll call.
    computed: Option<qiaomen_core::Date>,
}

impl GridsPane {
    /// Read again when next shown: the data changed.
    pub fn forget(&mut self) {
        self.computed = None;
    }

    pub fn refresh(&mut self, store: &dyn Backend, now: Now) -> qiaomen_core::Result<()> {
        let key = now.date;
        if self.computed == Some(key) {
            return Ok(());
        }
        self.computed = Some(key);
        self.today = Some(store.roll(now.date, now, None)?);
        self.open_cases = store
            .all::<Case>()?
            .into_iter()
            .filter(|c| c.status.is_active())
            .collect();
        Ok(())
    }

    fn elders_of(&self, grid: Id) -> impl Iterator<Item = &rollcall::RollEntry> {
        self.today
            .iter()
            .flat_map(|r| &r.entries)
            .filter(move |e| e.elder.grid == grid)
    }
}

impl GridsPane {
    /// A key on the grids pane: the cursor moves here; the member and grid forms are returned.
    pub fn update(&mut self, action: Action, view: &View) -> Vec<Effect> {
        if self.cursor.apply(action, view.grids.len()) {
            return Vec::new();
        }
        match action {
            Action::NewMember => {
                let selected = view.grids.get(self.cursor.selected).map(|g| g.id);
                let form = Form::new_member(view.lang, view.grids, selected);
                vec![Effect::Open(Popup::Form(form))]
            }
            Action::NewGrid => vec![Effect::Open(Popup::Form(Form::new_grid(
                view.lang, view.grids,
            )))],
            _ => Vec::new(),
        }
    }

    /// Selects a grid (a search jump to a member or household lands here).
    pub fn reveal(&mut self, grids: &[Grid], grid: Id) {
        if let Some(i) = grids.iter().position(|g| g.id == grid) {
            self.cursor.selected = i;
        }
    }
}

fn names_with_role(members: &[Member], grid: Id, role: Role) -> Vec<String> {
    members
        .iter()
        .filter(|m| m.active && m.grid == Some(grid) && m.roles.contains(&role))
        .map(|m| clean(&m.name))
        .collect()
}

impl GridsPane {
    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let detail_width = if area.width >= 100 {
            area.width / 2
        } else {
            36
        };
        // Below the list's width the detail folds away.
        let detail = columns::list_beside_detail(
            frame,
            area,
            &self.cursor,
            app.grids.len(),
            (detail_width, ""),
            |window| self.list_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_detail(app, frame, detail);
        }
    }

    /// The list's columns and the rows in `window` (see `columns` for how they narrow).
    fn list_rows(&self, app: &Ctx, window: std::ops::Range<usize>) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let columns = vec![
            Column::new(lang.t(T::ColGrid), Kind::Number, 0),
            Column::new(lang.t(T::ColGridName), Kind::Name, 0),
            Column::new(lang.t(T::ColStewards), Kind::Name, 1),
            Column::new(lang.t(T::ColElderCount), Kind::Number, 2),
            Column::new(lang.t(T::ColToday), Kind::Number, 0).fitting(["99/99"]),
            Column::new(lang.t(T::ColCaseCount), Kind::Number, 1),
        ];
        let rows = window
            .map(|i| {
                let g = &app.grids[i];
                let elders: Vec<_> = self.elders_of(g.id).collect();
                let done = elders.iter().filter(|e| e.is_accounted()).count();
                let alert = elders.iter().filter(|e| e.attention.is_some()).count();
                let stewards: Vec<&str> = g.stewards.iter().map(|&m| app.member_name(m)).collect();
                let cases = self.open_cases.iter().filter(|c| c.grid == g.id).count();
                let progress_style = if alert > 0 {
                    theme::ALERT
                } else if done == elders.len() {
                    theme::OK
                } else {
                    theme::BASE
                };
                ListRow {
                    cells: vec![
                        clean(&g.code).into(),
                        clean(&g.name).into(),
                        clean(&stewards.join("、")).into(),
                        elders.len().to_string().into(),
                        ColCell::styled(format!("{done}/{}", elders.len()), progress_style),
                        cases.to_string().into(),
                    ],
                    selected: i == self.cursor.selected,
                }
            })
            .collect();
        (columns, rows)
    }

    fn render_detail(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, false, "");
        let Some(g) = app.grids.get(self.cursor.selected) else {
            return;
        };
        let mut lines = vec![Line::styled(
            format!("{} {}", clean(&g.code), clean(&g.name)),
            theme::TITLE,
        )];
        if !g.description.is_empty() {
            lines.push(Line::styled(clean(&g.description), theme::DIM));
        }
        for role in Role::ALL {
            let names = names_with_role(app.members, g.id, *role);
            if !names.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{}({}) ", i18n::role(lang, *role), names.len()),
                        theme::LABEL,
                    ),
                    Span::raw(names.join("、")),
                ]));
            }
        }
        lines.push(Line::styled(lang.t(T::ColElders), theme::LABEL));
        let mut spans = Vec::new();
        for e in self.elders_of(g.id) {
            let (mark, style) = mark_of(e);
            spans.push(Span::styled(mark, style));
            spans.push(Span::raw(format!("{} ", clean(&e.elder.name))));
        }
        lines.push(Line::from(spans));
        lines.push(Line::styled(lang.t(T::ColOpenCases), theme::LABEL));
        for c in self.open_cases.iter().filter(|c| c.grid == g.id) {
            lines.push(Line::raw(format!(
                "{} {} {}",
                c.number(),
                i18n::case_status(lang, c.status),
                clean(&c.title)
            )));
        }
        frame.render_widget(crate::wrap::paragraph(lines, inner.width), inner);
    }
}
