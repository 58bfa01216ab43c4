//! Forms: a few labelled fields (text or a choice), Tab/↑↓ between them, ←→ (or a digit) to
//! choose, Enter to save. Focus starts in the first empty text field. A one-line field scrolls
//! sideways around the cursor; a note wraps over up to four lines. A refused save keeps what
//! was typed and shows the reason inside the form, checked again as the fields change
//! (`forms::recheck`). What
//! each form asks and the command it makes are in `forms.rs` and `register_forms.rs`.

pub use super::forms::submit;

use qiaomen_core::model::{CheckInKey, Id, Method};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::input::Input;
use super::{PopupResult, centered};
use crate::action::Action;
use crate::i18n::T;
use crate::keymap::{Scope, popup_action};
use crate::theme;
use crate::view::Ctx;

pub enum Purpose {
    NewCase {
        residents: Vec<Id>,
    },
    CaseNote(Id),
    CaseSession(Id),
    CaseStatus(Id),
    CaseFollowUp(Id),
    /// A hand-over up a level or back down one (issue 16).
    CaseHandOver(Id),
    CheckInNote(CheckInKey),
    /// `Enter` on an elder with no check-in yet: a new check-in with its note.
    NewMark {
        elder: Id,
        name: String,
        method: Method,
    },
    /// Boxed: a form is moved around whole.
    Away(Box<Away>),
    /// A step of the escalation ladder (`ladder_form.rs`).
    LadderStep {
        elder: Id,
        name: String,
        contact: Option<u8>,
    },
    Register(super::register_forms::RegisterPurpose),
    People(super::people_forms::PeoplePurpose),
    /// A service for a person or household (issue 16).
    Care(super::care_form::CarePurpose),
}

/// An away mark: until when, asked before it is saved.
pub struct Away {
    pub elder: Id,
    pub name: String,
    pub method: Method,
    /// The day and time of a back-filled mark; `None`: the day shown, now.
    pub at: Option<(qiaomen_core::Date, qiaomen_core::ClockTime)>,
}

pub struct Field {
    pub label: &'static str,
    pub input: Input,
    /// (code, label) pairs; empty for a text field.
    pub choices: Vec<(String, String)>,
    pub choice: usize,
    /// A note: wraps over several lines instead of scrolling sideways.
    pub multiline: bool,
}

impl Field {
    pub(super) fn text(label: &'static str, value: &str) -> Field {
        Field {
            label,
            input: Input::with(value),
            choices: Vec::new(),
            choice: 0,
            multiline: false,
        }
    }

    /// A note: a text field that wraps.
    pub(super) fn note(label: &'static str, value: &str) -> Field {
        Field {
            multiline: true,
            ..Field::text(label, value)
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
            multiline: false,
        }
    }

    pub fn value(&self) -> &str {
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

/// Rows a note shows at most; it scrolls within them.
const NOTE_ROWS: usize = 4;

impl Form {
    pub(super) fn new(title: String, purpose: Purpose, fields: Vec<Field>) -> Form {
        // The first empty text field: nothing prefilled is typed over.
        let focus = fields
            .iter()
            .position(|f| f.choices.is_empty() && f.input.text.trim().is_empty())
            .unwrap_or(0);
        Form {
            title,
            purpose,
            fields,
            focus,
            message: None,
        }
    }

    /// What each field holds now.
    pub fn values(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.value().to_owned()).collect()
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
            // A digit picks the choice of that number (as shown beside it).
            _ if choosing && matches!(key.code, KeyCode::Char('1'..='9')) => {
                if let KeyCode::Char(c) = key.code {
                    let n = (c as usize) - ('1' as usize);
                    if n < field.choices.len() {
                        field.choice = n;
                    }
                }
            }
            _ if !choosing => {
                field.input.handle_key(key);
            }
            _ => {}
        }
        PopupResult::Consumed
    }

    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let inner_width = 72.min(area.width).saturating_sub(2);
        // A refusal is read in full: its lines grow the form (up to four).
        let message = self
            .message
            .as_ref()
            .map(|m| crate::wrap::lines([Line::raw(m.clone())], inner_width));
        let message_lines = message.as_ref().map_or(1, |m| m.len().clamp(1, 4) as u16);
        let label_width = self
            .fields
            .iter()
            .map(|f| crate::width::width(f.label))
            .max()
            .unwrap_or(0)
            + 1;
        let value_width = (inner_width as usize).saturating_sub(label_width + 1);
        let rows: Vec<usize> = self
            .fields
            .iter()
            .map(|f| {
                if f.multiline {
                    f.input.wrapped(value_width).0.len().clamp(1, NOTE_ROWS)
                } else {
                    1
                }
            })
            .collect();
        let height = rows.iter().sum::<usize>() as u16 + 3 + message_lines;
        let rect = centered(area, 72, height);
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::BORDER_FOCUS)
            .title(self.title.clone())
            .title_bottom(app.lang.t(T::FormKeys));
        let inner = block.inner(rect);
        frame.render_widget(block.style(theme::POPUP), rect);
        let mut y = inner.y;
        for (i, f) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let style = if focused {
                theme::INPUT_FOCUS
            } else {
                theme::INPUT
            };
            // The rows of the value, and where the cursor is among them.
            let (values, cursor): (Vec<String>, Option<(usize, u16)>) = if !f.choices.is_empty() {
                let text = format!(
                    "◀ {} ▶ {}/{}",
                    f.choices[f.choice].1,
                    f.choice + 1,
                    f.choices.len()
                );
                (vec![text], None)
            } else if f.multiline {
                let (lines, (row, col)) = f.input.wrapped(value_width);
                // Scrolled so the cursor's row is in view.
                let top = row.saturating_sub(rows[i] - 1);
                let shown = lines.into_iter().skip(top).take(rows[i]).collect();
                (shown, Some((row - top, col)))
            } else {
                let (text, col) = f.input.view(value_width);
                (vec![text], Some((0, col)))
            };
            for r in 0..rows[i] {
                if y + r as u16 >= inner.bottom() {
                    break;
                }
                let label = if r == 0 { f.label } else { "" };
                let value = values.get(r).map_or("", String::as_str);
                let line = Line::from(vec![
                    Span::styled(crate::width::pad(label, label_width), theme::LABEL),
                    Span::styled(crate::width::pad(value, value_width), style),
                ]);
                let row = Rect {
                    y: y + r as u16,
                    height: 1,
                    ..inner
                };
                frame.render_widget(Paragraph::new(line), row);
            }
            if focused && let Some((r, col)) = cursor {
                let x = inner.x + label_width as u16 + col.min(value_width as u16);
                let cy = y + r as u16;
                if cy < inner.bottom() {
                    frame.set_cursor_position(Position::new(x, cy));
                }
            }
            y += rows[i] as u16;
        }
        if let Some(message) = message {
            let row = Rect {
                y: y + 1,
                height: message_lines,
                ..inner
            }
            .intersection(inner);
            frame.render_widget(Paragraph::new(message).style(theme::ERROR_MSG), row);
        }
    }
}
