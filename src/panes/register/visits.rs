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
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row};

use super::render::split;
use super::{HouseholdRow, RegisterPane};
use crate::chrome::{clean, field};
use crate::i18n::T;
use crate::panes::list::{draw_table, frame_block, highlight};
use crate::theme;
use crate::view::Ctx;
use crate::width::width;

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
        let (list, detail) = split(area);
        self.render_visit_list(app, frame, list);
        self.render_visit(app, frame, detail, false);
    }

    fn render_visit_list(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, true, "");
        if self.visits.is_empty() {
            let empty = Paragraph::new(lang.t(T::NoVisits)).style(theme::DIM);
            frame.render_widget(empty, inner);
            return;
        }
        let window = self.visit_cursor.window_in(
            self.visits.len(),
            crate::panes::list::table_rows(inner),
            1,
        );
        let rows: Vec<Row> = window
            .map(|i| {
                let l = &self.visits[i];
                let v = &l.visit;
                let row = Row::new(vec![
                    Cell::from(format!("{:02}-{:02}", v.date.month(), v.date.day())),
                    Cell::from(clean(&l.household)),
                    Cell::from(clean(&v.by)),
                ]);
                highlight(row, i == self.visit_cursor.selected)
            })
            .collect();
        let header = vec![
            lang.t(T::ColDate),
            lang.t(T::ColHousehold),
            lang.t(T::ColBy),
        ];
        let by_width = self
            .visits
            .iter()
            .map(|l| width(&l.visit.by))
            .chain(std::iter::once(width(header[2])))
            .max()
            .unwrap_or(6)
            .min(12);
        let widths = [
            Constraint::Length(5),
            Constraint::Min(12),
            Constraint::Length(by_width as u16),
        ];
        draw_table(frame, inner, header, rows, &widths);
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
