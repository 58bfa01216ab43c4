//! Cursor movement and windowing shared by the list panes. Only the visible rows are handed to
//! ratatui each frame, so a list of 2,000 elders costs what its 20 visible rows cost.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Borders, Row, Table};

use crate::action::Action;
use crate::theme;

/// A cursor in a list of `len` rows, with the first visible row remembered between frames.
#[derive(Debug, Default)]
pub struct Cursor {
    pub selected: usize,
    offset: Cell<usize>,
    /// Rows visible at the last draw, for PgUp/PgDn.
    page: Cell<usize>,
}

impl Cursor {
    /// Moves for a list action; returns false for actions that are not movement.
    pub fn apply(&mut self, action: Action, len: usize) -> bool {
        let last = len.saturating_sub(1);
        let page = self.page.get().max(1);
        self.selected = match action {
            Action::Up => self.selected.saturating_sub(1),
            Action::Down => (self.selected + 1).min(last),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::PageDown => (self.selected + page).min(last),
            Action::Home => 0,
            Action::End => last,
            _ => return false,
        };
        true
    }

    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// The range of rows to draw in `height` rows, keeping the selection in view.
    pub fn window(&self, len: usize, height: usize) -> std::ops::Range<usize> {
        self.page.set(height);
        let selected = self.selected.min(len.saturating_sub(1));
        let mut offset = self.offset.get().min(len.saturating_sub(height.max(1)));
        if selected < offset {
            offset = selected;
        } else if height > 0 && selected >= offset + height {
            offset = selected + 1 - height;
        }
        self.offset.set(offset);
        offset..(offset + height).min(len)
    }
}

/// Draws a bordered frame (highlighted when `focused`) and returns the area inside it.
pub fn frame_block(frame: &mut Frame, area: Rect, focused: bool, title: &str) -> Rect {
    let style = if focused {
        theme::BORDER_FOCUS
    } else {
        theme::BORDER
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(title.to_owned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// A column as wide as the widest of its possible labels (and its header), in columns.
pub fn fit<'a>(header: &str, labels: impl IntoIterator<Item = &'a str>) -> Constraint {
    let w = labels
        .into_iter()
        .map(crate::width::width)
        .chain([crate::width::width(header)])
        .max()
        .unwrap_or(1);
    Constraint::Length(w as u16)
}

/// The selected row stands out.
pub fn highlight(row: Row<'_>, selected: bool) -> Row<'_> {
    if selected {
        row.style(theme::SELECTED)
    } else {
        row
    }
}

/// Draws the visible rows under a header row.
pub fn draw_table(
    frame: &mut Frame,
    area: Rect,
    header: Vec<&str>,
    rows: Vec<Row>,
    widths: &[Constraint],
) {
    let header = Row::new(header.into_iter().map(str::to_owned).collect::<Vec<_>>())
        .style(theme::TABLE_HEADER);
    let table = Table::new(rows, widths.to_vec())
        .header(header)
        .column_spacing(1);
    frame.render_widget(table, area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_follows_the_selection() {
        let mut c = Cursor::default();
        assert_eq!(c.window(100, 10), 0..10);
        c.selected = 15;
        assert_eq!(c.window(100, 10), 6..16);
        c.selected = 3;
        assert_eq!(c.window(100, 10), 3..13);
        c.apply(Action::End, 100);
        assert_eq!(c.window(100, 10), 90..100);
        c.apply(Action::PageUp, 100);
        assert_eq!(c.selected, 89);
        assert_eq!(c.window(5, 10), 0..5);
    }
}
