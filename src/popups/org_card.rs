//! An organisation found with `/`: its card as `org show` prints it (kind, contacts, note and
//! the cases it is a party to), scrolled with j/k, closed with q or Esc. The TUI has no list of
//! organisations of its own; the cases pane names them among a case's parties.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::PopupResult;
use crate::chrome::clean;
use crate::i18n::T;
use crate::view::Ctx;

pub struct OrgCardPopup {
    pub name: String,
    /// The card's lines, as `org show` prints them.
    pub text: String,
    pub scroll: u16,
    /// How far it could scroll when last drawn.
    max: std::cell::Cell<u16>,
}

impl OrgCardPopup {
    pub fn new(name: String, text: String) -> OrgCardPopup {
        OrgCardPopup {
            name,
            text,
            scroll: 0,
            max: std::cell::Cell::new(u16::MAX),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        super::scroll_or_close(&mut self.scroll, self.max.get(), key, &['q'])
    }

    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lines: Vec<Line> = self.text.lines().map(|l| Line::raw(clean(l))).collect();
        self.max.set(super::render_scrolling(
            frame,
            area,
            76,
            app.lang.fill(T::OrgCardTitle, &[&clean(&self.name)]),
            lines,
            self.scroll,
        ));
    }
}
