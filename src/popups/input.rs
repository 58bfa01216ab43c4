//! A text input: typing (Chinese from an input method arrives as characters), Backspace,
//! Ctrl-U to clear, Left/Right/Home/End to move. Drawn on one line it scrolls sideways so the
//! cursor is always inside (`view`); a note wraps (`wrapped`). What is typed is folded as the
//! screen draws it (`qiaomen_core::text::fold_for_terminal`: half-width kana, emoji joiners).

use std::cell::Cell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

#[derive(Clone, Debug, Default)]
pub struct Input {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
    /// The first character shown on one line, as last drawn.
    offset: Cell<usize>,
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

fn chars_width(cs: &[char]) -> usize {
    cs.iter().map(|&c| char_width(c)).sum()
}

impl Input {
    pub fn with(text: &str) -> Input {
        let text = qiaomen_core::text::fold_for_terminal(text).into_owned();
        Input {
            cursor: text.chars().count(),
            text,
            offset: Cell::new(0),
        }
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Edits for a key; returns false when the key is not an edit.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        // Alt-x is a key combination, not text (and a quick Esc then x arrives as Alt-x).
        if key.modifiers.contains(KeyModifiers::ALT) {
            return false;
        }
        match key.code {
            KeyCode::Char('u') if ctrl => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                let at = self.byte_at(self.cursor);
                let mut before = self.text[..at].to_owned();
                before.push(c);
                // A voiced mark joins the kana before it: the cursor counts what is left.
                let before = qiaomen_core::text::fold_for_terminal(&before).into_owned();
                self.cursor = before.chars().count();
                self.text = before + &self.text[at..];
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < self.text.chars().count() => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.chars().count(),
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// The text as shown in `width` columns on one line, and the cursor's column in it. Text
    /// that does not fit scrolls sideways around the cursor, `‹` and `›` marking what is
    /// hidden on either side; the cursor is always inside.
    pub fn view(&self, width: usize) -> (String, u16) {
        let chars: Vec<char> = self.text.chars().collect();
        let cursor = self.cursor.min(chars.len());
        if chars_width(&chars) < width {
            self.offset.set(0);
            return (self.text.clone(), chars_width(&chars[..cursor]) as u16);
        }
        let width = width.max(3);
        // The cell the cursor stands on: its character, or one past the end.
        let cell = chars.get(cursor).map_or(1, |&c| char_width(c).max(1));
        let left = |offset: usize| usize::from(offset > 0);
        let mut offset = self.offset.get().min(cursor);
        // One column is kept on the right, for `›` or the cursor past the end.
        while offset < cursor
            && left(offset) + chars_width(&chars[offset..cursor]) + cell > width - 1
        {
            offset += 1;
        }
        // Shows as much as fits when the text shrank.
        while offset > 0
            && left(offset - 1)
                + chars_width(&chars[offset - 1..])
                + usize::from(cursor == chars.len())
                <= width
        {
            offset -= 1;
        }
        self.offset.set(offset);
        let mut out = String::new();
        let mut used = 0;
        if offset > 0 {
            out.push('‹');
            used = 1;
        }
        let column = used + chars_width(&chars[offset..cursor]);
        let mut i = offset;
        while i < chars.len() && used + char_width(chars[i]) < width {
            out.push(chars[i]);
            used += char_width(chars[i]);
            i += 1;
        }
        if i < chars.len() {
            out.push('›');
        }
        (out, column as u16)
    }

    /// The text wrapped to `width` columns (`crate::wrap`), and the cursor's row and column.
    pub fn wrapped(&self, width: usize) -> (Vec<String>, (usize, u16)) {
        let width = width.max(2);
        let ranges = crate::wrap::ranges(&self.text, width);
        let at = self.byte_at(self.cursor);
        let mut row = ranges
            .iter()
            .position(|r| at <= r.end)
            .unwrap_or(ranges.len() - 1);
        let start = ranges[row].start.min(at);
        let mut column = crate::width::width(&self.text[start..at]);
        let mut lines: Vec<String> = ranges
            .iter()
            .map(|r| self.text[r.clone()].to_owned())
            .collect();
        // At the end of a full line the cursor goes to the start of the next.
        if column >= width {
            row += 1;
            column = 0;
            if row == lines.len() {
                lines.push(String::new());
            }
        }
        (lines, (row, column as u16))
    }

    /// Display columns before the cursor, to place the terminal cursor.
    pub fn cursor_column(&self) -> u16 {
        let before: String = self.text.chars().take(self.cursor).collect();
        crate::width::width(&before) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn edits_wide_characters_by_character() {
        let mut i = Input::default();
        for c in "王秀英".chars() {
            i.handle_key(key(KeyCode::Char(c)));
        }
        assert_eq!(i.cursor_column(), 6);
        i.handle_key(key(KeyCode::Left));
        i.handle_key(key(KeyCode::Backspace));
        assert_eq!(i.text, "王英");
        i.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert!(i.text.is_empty());
    }
}
