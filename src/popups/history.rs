//! `l` on an elder (roll call) or a case: its history from the journal — when, who (member and
//! OS user), what, and each edited field before → after, newest first.

use qiaomen_core::engine::LogEntry;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::PopupResult;
use crate::chrome::clean;
use crate::i18n::T;
use crate::theme;
use crate::view::Ctx;

pub struct HistoryPopup {
    /// Whose history (a name, a case number).
    pub title: String,
    pub entries: Vec<LogEntry>,
    pub scroll: u16,
    /// How far it could scroll when last drawn.
    max: std::cell::Cell<u16>,
}

impl HistoryPopup {
    pub fn new(title: String, mut entries: Vec<LogEntry>) -> HistoryPopup {
        entries.reverse();
        HistoryPopup {
            title,
            entries,
            scroll: 0,
            max: std::cell::Cell::new(u16::MAX),
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        super::scroll_or_close(&mut self.scroll, self.max.get(), key, &['l', 'q'])
    }

    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let mut lines: Vec<Line> = Vec::new();
        if self.entries.is_empty() {
            lines.push(Line::styled(lang.t(T::HistoryNone), theme::DIM));
        }
        for e in &self.entries {
            let who = if e.os_user.is_empty() || e.os_user == e.operator {
                clean(&e.operator)
            } else {
                format!("{} ({})", clean(&e.operator), clean(&e.os_user))
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{} {} ", e.at.date, e.at.time), theme::DIM),
                Span::styled(who, theme::KEY),
            ]));
            lines.push(Line::raw(format!("  {}", clean(&e.what))));
            for c in &e.changes {
                lines.push(Line::styled(
                    format!(
                        "    {}: {} → {}",
                        c.field,
                        clean(&c.before),
                        clean(&c.after)
                    ),
                    theme::DIM,
                ));
            }
        }
        self.max.set(super::render_scrolling(
            frame,
            area,
            76,
            lang.fill(T::HistoryTitle, &[&clean(&self.title)]),
            lines,
            self.scroll,
        ));
    }
}
