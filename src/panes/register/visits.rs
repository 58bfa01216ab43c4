//! The visits view: household visits (走访) to the grid's households, newest first; the
//! detail has the household, who visited and what was found. Read-only: `w` in the
//! households and visits-due views records one.
//!
//! ```text
//! ┌──────────────────────────────────────┐┌───────────────────────────┐
//! │ 日期  户                     走访人  ││ 2026-11-28 · 走访人 李敏  │
//! │ 11-28 顺安小区 3-2-501 徐小平 李敏   ││ 徐小平 顺安小区 3-2-501   │
//! │ 11-12 桂园小区 5-1-302 王秀英 周强   ││ 情况 家中暖气不热…        │
//! └──────────────────────────────────────┘└───────────────────────────┘
//! ```

use qiaomen_core::model::Visit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::render::list_view;
use super::{HouseholdRow, RegisterPane};
use crate::chrome::{clean, field};
use crate::columns::{Column, Kind, ListRow};
use crate::i18n::T;
use crate::panes::list::frame_block;
use crate::theme;
use crate::view::Ctx;

/// A visit as the list shows it: the household named by its address and its head.
pub struct VisitLine {
    pub visit: Visit,
    pub household: String,
}

/// The visits to the households listed (those of the grid shown), newest first.
pub(super) fn lines(mut visits: Vec<Visit>, rows: &[HouseholdRow]) -> Vec<VisitLine> {
    visits.sort_by_key(|v| std::cmp::Reverse((v.date, v.id)));
    visits
        .into_iter()
        .filter_map(|visit| {
            let row = rows.iter().find(|r| r.household.id == visit.household)?;
            let household = format!("{} {}", row.household.address, row.head);
            Some(VisitLine {
                visit,
                household: household.trim().to_owned(),
            })
        })
        .collect()
}

impl RegisterPane {
    pub(super) fn render_visits(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_visit(app, frame, area, true);
            return;
        }
        let detail = list_view(
            frame,
            area,
            &self.visit_cursor,
            self.visits.len(),
            app.lang.t(T::NoVisits),
            |window| self.visit_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_visit(app, frame, detail, false);
        }
    }

    /// The visits' columns and the rows in `window` (see `columns` for how they narrow).
    fn visit_rows(&self, app: &Ctx, window: std::ops::Range<usize>) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let columns = vec![
            Column::new(lang.t(T::ColDate), Kind::Number, 0),
            Column::new(lang.t(T::ColHousehold), Kind::Text, 0),
            Column::new(lang.t(T::ColBy), Kind::Name, 1),
        ];
        let rows = window
            .map(|i| {
                let l = &self.visits[i];
                let v = &l.visit;
                ListRow {
                    cells: vec![
                        format!("{:02}-{:02}", v.date.month(), v.date.day()).into(),
                        clean(&l.household).into(),
                        clean(&v.by).into(),
                    ],
                    selected: i == self.visit_cursor.selected,
                }
            })
            .collect();
        (columns, rows)
    }

    fn render_visit(&self, app: &Ctx, frame: &mut Frame, area: Rect, expanded: bool) {
        let lang = app.lang;
        let inner = frame_block(frame, area, expanded, "");
        let Some(l) = self.visits.get(self.visit_cursor.selected) else {
            return;
        };
        let v = &l.visit;
        let mut lines = vec![
            Line::styled(clean(&l.household), theme::TITLE),
            Line::raw(format!(
                "{} · {} {}",
                v.date,
                lang.t(T::ColBy),
                clean(&v.by)
            )),
        ];
        if !v.findings.is_empty() {
            lines.push(field(lang.t(T::ColFindings), clean(&v.findings)));
        }
        self.draw_detail(frame, inner, lines, expanded);
    }
}
