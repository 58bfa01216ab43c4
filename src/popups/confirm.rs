//! A yes/no question. `y` or Enter accepts, `n` or Esc declines.

use qiaomen_core::model::Id;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear};

use super::{PopupResult, centered};
use crate::effect::{Effect, RollNote};
use crate::i18n::{Lang, T};
use crate::theme;
use crate::view::Ctx;

pub enum Then {
    /// Open a follow-up case for an elder who needs help.
    FollowUpCase { elder: Id, name: String },
}

pub struct Confirm {
    pub question: String,
    pub then: Then,
}

impl Confirm {
    pub fn follow_up_case(lang: Lang, elder: Id, name: &str) -> Confirm {
        Confirm {
            question: lang.fill(T::AskFollowUpCase, &[&crate::chrome::clean(name)]),
            then: Then::FollowUpCase {
                elder,
                name: name.to_owned(),
            },
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        match key.code {
            KeyCode::Char('y' | 'Y') | KeyCode::Enter => PopupResult::Submit,
            KeyCode::Char('n' | 'N') => PopupResult::Close,
            _ => PopupResult::Consumed,
        }
    }

    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let rect = centered(area, 50, 5);
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::BORDER_FOCUS);
        let text = format!("{}\n{}", self.question, app.lang.t(T::YesNo));
        frame.render_widget(
            crate::wrap::paragraph(text, rect.width.saturating_sub(2))
                .block(block)
                .style(theme::POPUP),
            rect,
        );
    }
}

/// `y`: what the confirmation offered.
pub fn accept(c: Confirm) -> Vec<Effect> {
    match c.then {
        Then::FollowUpCase { elder, name } => {
            vec![Effect::Roll(RollNote::FollowUpCase { elder, name })]
        }
    }
}
