//! The mouse (crossterm's mouse capture): a click on a tab focuses its pane, a click on a
//! row selects it, the wheel scrolls what is under it as ↑/↓ would. Keys stay the way to do
//! everything; the mouse only points.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::Action;
use crate::app::{App, Pane};
use crate::panes::register::View;
use crate::popups::Popup;

/// The screen row of the tab bar (under the header).
const TABS_ROW: u16 = 1;

impl App {
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = ev.kind == MouseEventKind::ScrollDown;
                match &self.popup {
                    // In a form ↑/↓ move between fields: the wheel leaves it alone.
                    Some(Popup::Form(_) | Popup::Confirm(_)) => {}
                    Some(_) => {
                        let code = if down { KeyCode::Down } else { KeyCode::Up };
                        self.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
                    }
                    None => self.update(if down { Action::Down } else { Action::Up }),
                }
            }
            MouseEventKind::Down(MouseButton::Left) if self.popup.is_none() => {
                if ev.row == TABS_ROW {
                    if let Some(p) = crate::chrome::tab_at(self, ev.column) {
                        self.update(Action::Focus(p));
                    }
                } else {
                    self.click_row(ev.column, ev.row);
                }
            }
            _ => {}
        }
    }

    /// Selects the row of the focused pane's list drawn at a screen position.
    fn click_row(&mut self, column: u16, row: u16) {
        let (cursor, len) = match self.pane {
            Pane::RollCall => (
                &mut self.roll_call.cursor,
                self.roll_call.roll.entries.len(),
            ),
            Pane::Cases if !self.cases.expanded => {
                (&mut self.cases.cursor, self.cases.visible.len())
            }
            Pane::Grids => (&mut self.grid_pane.cursor, self.grids.len()),
            Pane::Register if !self.register.expanded => match self.register.view {
                View::Households => (&mut self.register.cursor, self.register.visible.len()),
                View::Partners => (
                    &mut self.register.partner_cursor,
                    self.register.partners.len(),
                ),
                View::Fund => (&mut self.register.fund_cursor, self.register.fund.len()),
                View::VisitsDue => (
                    &mut self.register.due_cursor,
                    self.register.visits_due.len(),
                ),
                View::Teams => (
                    &mut self.register.care.team_cursor,
                    self.register.care.teams.len(),
                ),
                View::Services => (
                    &mut self.register.care.service_cursor,
                    self.register.care.services.len(),
                ),
                View::CareDue => (
                    &mut self.register.care.due_cursor,
                    self.register.care.due.len(),
                ),
                View::Activities => (
                    &mut self.register.activity_cursor,
                    self.register.activities.len(),
                ),
                View::Meetings => (
                    &mut self.register.meeting_cursor,
                    self.register.meetings.len(),
                ),
                View::Visits => (&mut self.register.visit_cursor, self.register.visits.len()),
            },
            Pane::Summary => {
                let len = self
                    .summary
                    .summary
                    .as_ref()
                    .map_or(0, |s| s.checkins.attention.len());
                (&mut self.summary.cursor, len)
            }
            _ => return,
        };
        if let Some(i) = cursor.hit(column, row, len) {
            cursor.selected = i;
            self.refresh_visible();
        }
    }
}
