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
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::RegisterPane;
use super::render::list_view;
use crate::chrome::clean;
use crate::columns::{Cell as ColCell, Column, Kind, ListRow};
use crate::i18n::{self, T};
use crate::panes::list::frame_block;
use crate::theme;
use crate::view::Ctx;

impl RegisterPane {
    pub(super) fn render_meetings(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        if self.expanded {
            self.render_meeting(app, frame, area, true);
            return;
        }
        let detail = list_view(
            frame,
            area,
            &self.meeting_cursor,
            self.meetings.len(),
            app.lang.t(T::NoMeetings),
            |window| self.meeting_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_meeting(app, frame, detail, false);
        }
    }

    /// The meetings' columns and the rows in `window` (see `columns` for how they narrow).
    fn meeting_rows(
        &self,
        app: &Ctx,
        window: std::ops::Range<usize>,
    ) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let today = app.now.date;
        let columns = vec![
            Column::new(lang.t(T::ColDate), Kind::Number, 0),
            Column::new(lang.t(T::ColKind), Kind::Word, 2).fitting(
                MeetingKind::ALL
                    .iter()
                    .map(|&k| i18n::meeting_kind(lang, k)),
            ),
            Column::new(lang.t(T::ColTitle), Kind::Text, 0),
            Column::new(lang.t(T::ColDecisions), Kind::Number, 1),
        ];
        let rows = window
            .map(|i| {
                let m = &self.meetings[i];
                let done = m.decisions.iter().filter(|d| d.done.is_some()).count();
                let style = if overdue(m, today) > 0 {
                    theme::ALERT
                } else {
                    theme::BASE
                };
                ListRow {
                    cells: vec![
                        format!("{:02}-{:02}", m.date.month(), m.date.day()).into(),
                        i18n::meeting_kind(lang, m.kind).into(),
                        clean(&m.title).into(),
                        ColCell::styled(format!("{done}/{}", m.decisions.len()), style),
                    ],
                    selected: i == self.meeting_cursor.selected,
                }
            })
            .collect();
        (columns, rows)
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
