//! Choosing whose card to open when a case names several residents: their names in a small
//! box, `j`/`k` to move, `Enter` to open, `Esc` to close (keys in `mod.rs`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::i18n::T;
use crate::popups::centered;
use crate::theme;
use crate::view::Ctx;
use crate::width::truncate;

/// A case names several residents: whose card.
pub fn render_pick(
    app: &Ctx,
    frame: &mut Frame,
    area: Rect,
    choices: &[(qiaomen_core::model::Id, String)],
    selected: usize,
) {
    let height = u16::try_from(choices.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let rect = centered(area, 40, height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::BORDER_FOCUS)
        .title(app.lang.t(T::CardPick));
    let width = block.inner(rect).width as usize;
    let lines: Vec<Line> = choices
        .iter()
        .enumerate()
        .map(|(i, (_, name))| {
            let line = Line::raw(truncate(&format!(" {name}"), width));
            if i == selected {
                line.style(theme::SELECTED)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block).style(theme::POPUP), rect);
}
