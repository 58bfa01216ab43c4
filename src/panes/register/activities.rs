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
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::RegisterPane;
use super::render::list_view;
use crate::chrome::{clean, field};
use crate::columns::{Column, Kind, ListRow};
use crate::commands::register::{activity, describe, duty, goods};
use crate::i18n::{self, Lang, T};
use crate::panes::list::frame_block;
use crate::theme;
use crate::view::Ctx;

impl RegisterPane {
    pub(super) fn render_activities(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_activity(app, frame, area, true);
            return;
        }
        let detail = list_view(
            frame,
            area,
            &self.activity_cursor,
            self.activities.len(),
            app.lang.t(T::NoActivities),
            |window| self.activity_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_activity(app, frame, detail, false);
        }
    }

    fn activity_rows(
        &self,
        app: &Ctx,
        window: std::ops::Range<usize>,
    ) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let columns = vec![
            Column::new(lang.t(T::ColDate), Kind::Number, 0),
            Column::new(lang.t(T::ColKind), Kind::Word, 1).fitting(
                qiaomen_core::model::ActivityKind::ALL
                    .iter()
                    .map(|&k| i18n::activity_kind(lang, k)),
            ),
            Column::new(lang.t(T::ColPartner), Kind::Name, 0),
            Column::new(lang.t(T::ColPeople), Kind::Number, 2),
        ];
        let rows = window
            .map(|i| {
                let a = &self.activities[i];
                ListRow {
                    cells: vec![
                        // Month and day alone, so that a partner's whole name fits.
                        format!("{:02}-{:02}", a.date.month(), a.date.day()).into(),
                        i18n::activity_kind(lang, a.kind).into(),
                        clean(&describe::partner_name(&self.partners, a.partner)).into(),
                        a.people.to_string().into(),
                    ],
                    selected: i == self.activity_cursor.selected,
                }
            })
            .collect();
        (columns, rows)
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
