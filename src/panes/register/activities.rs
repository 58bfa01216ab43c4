//! The activities view: what partners did in the community (共建活动), newest first; the
//! detail has the partner, the kind, the people reached, the grid and the note. `o` records
//! an activity of the selected activity's partner.
//!
//! ```text
//! ┌──────────────────────────────────────┐┌───────────────────────────┐
//! │ 日期  类型     共建单位         人次 ││ 岭东医院                  │
//! │ 11-27 维修     星禾电器维修部      3 ││ 健康体检 · 2026-11-05     │
//! │ 11-05 健康体检 岭东医院           18 ││ 人次 18 · 网格 G4         │
//! └──────────────────────────────────────┘└───────────────────────────┘
//! ```

use qiaomen_core::model::{Activity, Duty, Partner};
use qiaomen_core::outreach::{DutyState, duty_state};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row};

use super::RegisterPane;
use super::render::split;
use crate::chrome::{clean, field};
use crate::commands::register::{activity, describe, duty, goods};
use crate::i18n::{self, Lang, T};
use crate::panes::list::{draw_table, frame_block, highlight};
use crate::theme;
use crate::view::Ctx;
use crate::width::width;

impl RegisterPane {
    pub(super) fn render_activities(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_activity(app, frame, area, true);
            return;
        }
        let (list, detail) = split(area);
        self.render_activity_list(app, frame, list);
        self.render_activity(app, frame, detail, false);
    }

    fn render_activity_list(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, true, "");
        if self.activities.is_empty() {
            let empty = Paragraph::new(lang.t(T::NoActivities)).style(theme::DIM);
            frame.render_widget(empty, inner);
            return;
        }
        let window = self.activity_cursor.window_in(
            self.activities.len(),
            crate::panes::list::table_rows(inner),
            1,
        );
        let rows: Vec<Row> = window
            .map(|i| {
                let a = &self.activities[i];
                let row = Row::new(vec![
                    // Month and day alone, so that a partner's whole name fits at 80 columns.
                    Cell::from(format!("{:02}-{:02}", a.date.month(), a.date.day())),
                    Cell::from(i18n::activity_kind(lang, a.kind)),
                    Cell::from(clean(&describe::partner_name(&self.partners, a.partner))),
                    Cell::from(a.people.to_string()),
                ]);
                highlight(row, i == self.activity_cursor.selected)
            })
            .collect();
        let header = vec![
            lang.t(T::ColDate),
            lang.t(T::ColKind),
            lang.t(T::ColPartner),
            lang.t(T::ColPeople),
        ];
        let kind_width = qiaomen_core::model::ActivityKind::ALL
            .iter()
            .map(|&k| width(i18n::activity_kind(lang, k)))
            .max()
            .unwrap_or(8);
        let widths = [
            Constraint::Length(5),
            Constraint::Length(kind_width as u16),
            Constraint::Min(8),
            Constraint::Length(width(header[3]).max(5) as u16),
        ];
        draw_table(frame, inner, header, rows, &widths);
    }

    fn render_activity(&self, app: &Ctx, frame: &mut Frame, area: Rect, expanded: bool) {
        let lang = app.lang;
        let inner = frame_block(frame, area, expanded, "");
        let Some(a) = self.selected_activity() else {
            return;
        };
        let mut lines = vec![
            Line::styled(
                clean(&describe::partner_name(&self.partners, a.partner)),
                theme::TITLE,
            ),
            Line::raw(format!(
                "{} · {}",
                i18n::activity_kind(lang, a.kind),
                a.date
            )),
            field(lang.t(T::ColPeople), a.people.to_string()),
        ];
        if let Some(g) = a.grid.and_then(|g| app.grids.iter().find(|x| x.id == g)) {
            lines.push(field(lang.t(T::ColGrid), format!("{} {}", g.code, g.name)));
        }
        if !a.note.is_empty() {
            lines.push(field(lang.t(T::FieldActNote), a.note.clone()));
        }
        self.draw_detail(frame, inner, lines, expanded);
    }

    pub fn selected_activity(&self) -> Option<&Activity> {
        self.activities.get(self.activity_cursor.selected)
    }

    /// The selected partner's agreement duties (overdue ones marked), activities and goods,
    /// for the partner's detail.
    pub(super) fn partner_work(
        &self,
        lang: Lang,
        p: &Partner,
        today: qiaomen_core::Date,
    ) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let duties: Vec<&Duty> = self.duties.iter().filter(|d| d.partner == p.id).collect();
        if !duties.is_empty() {
            lines.push(Line::styled(lang.t(T::DutiesHead), theme::LABEL));
        }
        for d in duties {
            let text = clean(&format!(
                "{}：{} · {} · {}",
                i18n::duty_side(lang, d.side),
                d.what,
                duty::rhythm(lang, d),
                duty::state(lang, d, today)
            ));
            let style = match duty_state(d, today) {
                DutyState::Overdue { .. } => theme::ALERT,
                DutyState::Done { .. } => theme::DIM,
                DutyState::Open { .. } => theme::BASE,
            };
            lines.push(Line::styled(text, style));
        }
        let activities: Vec<&Activity> = self
            .activities
            .iter()
            .filter(|a| a.partner == p.id)
            .collect();
        if !activities.is_empty() {
            lines.push(Line::styled(lang.t(T::ActivitiesHead), theme::LABEL));
        }
        for a in activities {
            lines.push(Line::raw(clean(&activity::line(lang, a))));
        }
        let given: Vec<_> = self.goods.iter().filter(|g| g.partner == p.id).collect();
        if !given.is_empty() {
            lines.push(Line::styled(lang.t(T::GoodsHead), theme::LABEL));
        }
        for g in given {
            lines.push(Line::raw(clean(&goods::line(lang, g))));
        }
        lines
    }
}
