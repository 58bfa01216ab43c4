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
    /// Where the rows were drawn last and how many screen rows an item takes, for the mouse.
    drawn: Cell<(Rect, u16)>,
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

    /// `window` for rows drawn in `rows`, `per` screen rows an item; remembers where, so a
    /// click can be matched to its item (`hit`).
    pub fn window_in(&self, len: usize, rows: Rect, per: u16) -> std::ops::Range<usize> {
        let per = per.max(1);
        self.drawn.set((rows, per));
        self.window(len, usize::from(rows.height / per))
    }

    /// The item drawn at a screen position, if any (of `len` items).
    pub fn hit(&self, column: u16, row: u16, len: usize) -> Option<usize> {
        let (rows, per) = self.drawn.get();
        if !rows.contains(ratatui::layout::Position::new(column, row)) {
            return None;
        }
        let i = self.offset.get() + usize::from((row - rows.y) / per);
        (i < len).then_some(i)
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

/// The rows of a table drawn in `inner`: below its header row.
pub fn table_rows(inner: Rect) -> Rect {
    Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
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
