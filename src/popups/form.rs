//! Forms: a few labelled fields (text or a choice), Tab/↑↓ between them, ←→ to choose, Enter
//! to save. A refused save keeps what was typed and shows the reason inside the form. What
//! each form asks and the command it makes are in `forms.rs` and `register_forms.rs`.

pub use super::forms::submit;

use qiaomen_core::model::{CheckInKey, Id, Method};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::input::Input;
use super::{PopupResult, centered};
use crate::action::Action;
use crate::app::App;
use crate::i18n::T;
use crate::keymap::{Scope, popup_action};
use crate::theme;
use crate::width::truncate;

pub enum Purpose {
    NewCase {
        residents: Vec<Id>,
    },
    CaseNote(Id),
    CaseSession(Id),
    CaseStatus(Id),
    CaseFollowUp(Id),
    CheckInNote(CheckInKey),
    Away {
        elder: Id,
        name: String,
        method: Method,
    },
    Register(super::register_forms::RegisterPurpose),
    People(super::people_forms::PeoplePurpose),
}

pub struct Field {
    pub label: &'static str,
    pub input: Input,
    /// (code, label) pairs; empty for a text field.
    pub choices: Vec<(String, String)>,
    pub choice: usize,
}

impl Field {
    pub(super) fn text(label: &'static str, value: &str) -> Field {
        Field {
            label,
            input: Input::with(value),
            choices: Vec::new(),
            choice: 0,
        }
    }

    pub(super) fn choice(
        label: &'static str,
        choices: Vec<(String, String)>,
        choice: usize,
    ) -> Field {
        Field {
            label,
            input: Input::default(),
            choices,
            choice,
        }
    }

    pub(super) fn value(&self) -> &str {
        if self.choices.is_empty() {
            self.input.text.trim()
        } else {
            &self.choices[self.choice].0
        }
    }
}

pub struct Form {
    pub title: String,
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last save was refused.
    pub message: Option<String>,
}

impl Form {
    pub(super) fn new(title: String, purpose: Purpose, fields: Vec<Field>) -> Form {
        Form {
            title,
            purpose,
            fields,
            focus: 0,
            message: None,
        }
    }

    /// The keys of the key table's form scope (so the footer says what they do); any other
    /// key is typing in a text field.
    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        let n = self.fields.len();
        let field = &mut self.fields[self.focus];
        let choosing = !field.choices.is_empty();
        match popup_action(&key, Scope::Form) {
            Some(Action::Save) => return PopupResult::Submit,
            Some(Action::Close) => return PopupResult::Close,
            Some(Action::NextField) => self.focus = (self.focus + 1) % n,
            Some(Action::PrevField) => self.focus = (self.focus + n - 1) % n,
            Some(Action::NextChoice) if choosing => {
                field.choice = (field.choice + 1) % field.choices.len();
            }
            Some(Action::PrevChoice) if choosing => {
                let m = field.choices.len();
                field.choice = (field.choice + m - 1) % m;
            }
            _ if !choosing => {
                field.input.handle_key(key);
            }
            _ => {}
        }
        PopupResult::Consumed
    }

    pub fn render(&self, app: &App, frame: &mut Frame, area: Rect) {
        // A refusal is read in full: its lines grow the form (up to four).
        let message = self.message.as_ref().map(|m| {
            Paragraph::new(m.clone())
                .style(theme::ERROR_MSG)
                .wrap(Wrap { trim: true })
        });
        let message_lines = message.as_ref().map_or(1, |m| {
            m.line_count(72.min(area.width).saturating_sub(2))
                .clamp(1, 4) as u16
        });
        let height = self.fields.len() as u16 + 3 + message_lines;
        let rect = centered(area, 72, height);
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::BORDER_FOCUS)
            .title(self.title.clone())
            .title_bottom(app.lang.t(T::FormKeys));
        let inner = block.inner(rect);
        frame.render_widget(block.style(theme::POPUP), rect);
        let label_width = self
            .fields
            .iter()
            .map(|f| crate::width::width(f.label))
            .max()
            .unwrap_or(0)
            + 1;
        let value_width = (inner.width as usize).saturating_sub(label_width + 1);
        for (i, f) in self.fields.iter().enumerate() {
            let row = Rect {
                y: inner.y + i as u16,
                height: 1,
                ..inner
            };
            let focused = i == self.focus;
            let style = if focused {
                theme::INPUT_FOCUS
            } else {
                theme::INPUT
            };
            let value = if f.choices.is_empty() {
                truncate(&f.input.text, value_width)
            } else {
                format!("◀ {} ▶", f.choices[f.choice].1)
            };
            let line = Line::from(vec![
                Span::styled(crate::width::pad(f.label, label_width), theme::LABEL),
                Span::styled(crate::width::pad(&value, value_width), style),
            ]);
            frame.render_widget(Paragraph::new(line), row);
            if focused && f.choices.is_empty() {
                let x =
                    inner.x + label_width as u16 + f.input.cursor_column().min(value_width as u16);
                frame.set_cursor_position(Position::new(x, row.y));
            }
        }
        if let Some(message) = message {
            let row = Rect {
                y: inner.y + self.fields.len() as u16 + 1,
                height: message_lines,
                ..inner
            };
            frame.render_widget(message, row);
        }
    }
}
