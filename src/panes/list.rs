//! Cursor movement and windowing shared by the list panes. Only the visible rows are handed to
//! ratatui each frame, so a list of 2,000 elders costs what its 20 visible rows cost.

use std::cell::Cell;

use crate::action::Action;

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
        let mut offset = self.offset.get().min(len.saturating_sub(height.max(1)));
        if self.selected < offset {
            offset = self.selected;
        } else if height > 0 && self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        self.offset.set(offset);
        offset..(offset + height).min(len)
    }
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
