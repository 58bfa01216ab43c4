//! The meetings view: joint meetings and consultations, newest first, each with how many of
//! its decisions are done; the detail is the meeting as `qiaomen meeting show` prints it, its
//! open decisions marked overdue. Read-only: meetings are added on the command line.
//!
//! ```text
//! ┌──────────────────────────────────────┐┌───────────────────────────┐
//! │ 日期  类型         议题          决定 ││ #4 冬季供暖协调 · 党建…   │
//! │ 11-20 党建联席会议 冬季供暖协调   1/3 ││ 决定:                     │
//! │ 10-12 协商议事     停车位划线     2/2 ││   2. 检修锅炉 · 物业 · 逾期│
//! └──────────────────────────────────────┘└───────────────────────────┘
//! ```

use qiaomen_core::model::{Meeting, MeetingKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row};

use super::RegisterPane;
use super::render::split;
use crate::chrome::clean;
use crate::i18n::{self, T};
use crate::panes::list::{draw_table, frame_block, highlight};
use crate::theme;
use crate::view::Ctx;
use crate::width::width;

impl RegisterPane {
    pub(super) fn render_meetings(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_meeting(app, frame, area, true);
            return;
        }
        let (list, detail) = split(area);
        self.render_meeting_list(app, frame, list);
        self.render_meeting(app, frame, detail, false);
    }

    fn render_meeting_list(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, true, "");
        if self.meetings.is_empty() {
            let empty = Paragraph::new(lang.t(T::NoMeetings)).style(theme::DIM);
            frame.render_widget(empty, inner);
            return;
        }
        let window = self.meeting_cursor.window_in(
            self.meetings.len(),
            crate::panes::list::table_rows(inner),
            1,
        );
        let today = app.now.date;
        let rows: Vec<Row> = window
            .map(|i| {
                let m = &self.meetings[i];
                let done = m.decisions.iter().filter(|d| d.done.is_some()).count();
                let style = if overdue(m, today) > 0 {
                    theme::ALERT
                } else {
                    theme::BASE
                };
                let row = Row::new(vec![
                    Cell::from(format!("{:02}-{:02}", m.date.month(), m.date.day())),
                    Cell::from(i18n::meeting_kind(lang, m.kind)),
                    Cell::from(clean(&m.title)),
                    Cell::from(format!("{done}/{}", m.decisions.len())).style(style),
                ]);
                highlight(row, i == self.meeting_cursor.selected)
            })
            .collect();
        let header = vec![
            lang.t(T::ColDate),
            lang.t(T::ColKind),
            lang.t(T::ColTitle),
            lang.t(T::ColDecisions),
        ];
        let kind_width = MeetingKind::ALL
            .iter()
            .map(|&k| width(i18n::meeting_kind(lang, k)))
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

    fn render_meeting(&self, app: &Ctx, frame: &mut Frame, area: Rect, expanded: bool) {
        let inner = frame_block(frame, area, expanded, "");
        let Some(m) = self.selected_meeting() else {
            return;
        };
        let today = app.now.date;
        let names = self
            .meeting_names
            .get(self.meeting_cursor.selected)
            .map_or(&[][..], Vec::as_slice);
        let text = crate::commands::register::meeting::card(app.lang, m, names, today);
        let overdue_word = app.lang.t(T::Overdue);
        let lines: Vec<Line<'static>> = text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                let style = if i == 0 {
                    theme::TITLE
                } else if l.ends_with(overdue_word) {
                    theme::ALERT
                } else {
                    theme::BASE
                };
                Line::styled(l.to_owned(), style)
            })
            .collect();
        self.draw_detail(frame, inner, lines, expanded);
    }

    pub fn selected_meeting(&self) -> Option<&Meeting> {
        self.meetings.get(self.meeting_cursor.selected)
    }

    /// Decisions not done, and how many of them are overdue, over every meeting.
    pub(super) fn open_decisions(&self, today: qiaomen_core::Date) -> (usize, usize) {
        let open = self
            .meetings
            .iter()
            .flat_map(|m| &m.decisions)
            .filter(|d| d.done.is_none())
            .count();
        let late = self.meetings.iter().map(|m| overdue(m, today)).sum();
        (open, late)
    }
}

/// A meeting's decisions past their due day and not done.
fn overdue(m: &Meeting, today: qiaomen_core::Date) -> usize {
    m.decisions
        .iter()
        .filter(|d| d.done.is_none() && d.due.is_some_and(|due| due < today))
        .count()
}
