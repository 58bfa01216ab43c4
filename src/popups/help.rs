//! `?`: every key, generated from the key table, grouped by where it applies; the keys of the
//! pane it was opened from come first, so it opens at them.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::PopupResult;
use crate::i18n::T;
use crate::keymap::{BINDINGS, Scope};
use crate::panes::Pane;
use crate::theme;
use crate::view::Ctx;

pub struct HelpPopup {
    /// The pane it was opened from: its section first.
    pub pane: Pane,
    pub scroll: u16,
    /// How far it could scroll when last drawn.
    max: std::cell::Cell<u16>,
}

impl HelpPopup {
    pub fn new(pane: Pane) -> HelpPopup {
        HelpPopup {
            pane,
            scroll: 0,
            max: std::cell::Cell::new(u16::MAX),
        }
    }

    /// The panes in the order their sections are listed: the one it was opened from first.
    pub fn sections(&self) -> Vec<Pane> {
        std::iter::once(self.pane)
            .chain(Pane::AVAILABLE.iter().copied().filter(|&p| p != self.pane))
            .collect()
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        super::scroll_or_close(&mut self.scroll, self.max.get(), key, &['?', 'q'])
    }

    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let mut lines = Vec::new();
        let section =
            |title: &str, scope: &dyn Fn(Scope) -> bool, lines: &mut Vec<Line<'static>>| {
                lines.push(Line::styled(title.to_owned(), theme::TITLE));
                let mut seen = Vec::new();
                for b in BINDINGS.iter().filter(|b| scope(b.scope)) {
                    // Bindings that share a help text (j and k) are listed once, with all their keys.
                    if seen.contains(&b.help) {
                        continue;
                    }
                    seen.push(b.help);
                    let keys: Vec<&str> = BINDINGS
                        .iter()
                        .filter(|o| o.help == b.help && o.scope == b.scope)
                        .map(|o| o.label)
                        .collect();
                    let keys = keys.first().copied().unwrap_or("");
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {keys:<10}"), theme::KEY),
                        Span::raw(lang.t(b.help)),
                    ]));
                }
            };
        for p in self.sections() {
            if p == Pane::Register {
                register_section(lang, &mut lines);
            } else {
                section(p.title(lang), &|s| s == Scope::Pane(p), &mut lines);
            }
        }
        section(lang.t(T::HelpDays), &|s| s == Scope::Days, &mut lines);
        section(lang.t(T::HelpCard), &|s| s == Scope::Card, &mut lines);
        section(
            lang.t(T::HelpCardEdit),
            &|s| s == Scope::CardEdit,
            &mut lines,
        );
        section(lang.t(T::HelpForm), &|s| s == Scope::Form, &mut lines);
        section(lang.t(T::HelpLists), &|s| s == Scope::List, &mut lines);
        section(lang.t(T::HelpGlobal), &|s| s == Scope::Global, &mut lines);
        lines.push(Line::styled(lang.t(T::HelpPopups), theme::DIM));
        lines.push(Line::styled(lang.t(T::MouseHint), theme::DIM));
        self.max.set(super::render_scrolling(
            frame,
            area,
            64,
            lang.t(T::HelpTitle).to_owned(),
            lines,
            self.scroll,
        ));
    }
}

/// The register's keys view by view (each of its eight views has its own).
fn register_section(lang: crate::i18n::Lang, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::styled(
        Pane::Register.title(lang).to_owned(),
        theme::TITLE,
    ));
    for view in crate::panes::register::View::ALL {
        lines.push(Line::styled(
            format!(" {}", lang.fill(T::HelpInView, &[&lang.t(view.title())])),
            theme::DIM,
        ));
        for (b, _) in crate::keymap::register_bindings(view) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<10}", b.label), theme::KEY),
                Span::raw(lang.t(b.help)),
            ]));
        }
    }
}
