//! Forms: a few labelled fields (text or a choice), Tab/↑↓ between them, ←→ to choose, Enter
//! to save. A refused save keeps what was typed and shows the reason inside the form.

use qiaomen_core::cases::{closures_for, next_statuses};
use qiaomen_core::command::NewCase;
use qiaomen_core::model::{
    Case, CaseKind, CheckIn, CheckInKey, Grid, Id, Method, Outcome, Session,
};
use qiaomen_core::{Command, Date};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::input::Input;
use super::{PopupResult, centered};
use crate::app::{App, Pane};
use crate::chrome::clean;
use crate::i18n::{self, Lang, T};
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

    pub fn new_case(
        lang: Lang,
        grids: &[Grid],
        grid: Id,
        from_elder: Option<(Id, &str, &str)>,
    ) -> Form {
        let kinds = CaseKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), i18n::case_kind(lang, *k).to_owned()))
            .collect();
        let grid_choices: Vec<(String, String)> = grids
            .iter()
            .map(|g| (g.id.to_string(), format!("{} {}", g.code, g.name)))
            .collect();
        let grid_index = grids.iter().position(|g| g.id == grid).unwrap_or(0);
        let (kind_index, title, parties, note, residents) = match from_elder {
            Some((id, name, note)) => {
                let kind = CaseKind::ALL
                    .iter()
                    .position(|k| *k == CaseKind::Assistance)
                    .unwrap_or(0);
                (
                    kind,
                    lang.fill(T::NeedsHelpTitle, &[&name]),
                    name.to_owned(),
                    note.to_owned(),
                    vec![id],
                )
            }
            None => (0, String::new(), String::new(), String::new(), Vec::new()),
        };
        let mut form = Form::new(
            lang.t(T::FormNewCase).to_owned(),
            Purpose::NewCase { residents },
            vec![
                Field::choice(lang.t(T::ColKind), kinds, kind_index),
                Field::text(lang.t(T::ColTitle), &title),
                Field::choice(lang.t(T::ColGrid), grid_choices, grid_index),
                Field::text(lang.t(T::PartiesHint), &parties),
                Field::text(lang.t(T::FollowUpHint), ""),
                Field::text(lang.t(T::NoteLabel), &note),
            ],
        );
        form.focus = 1;
        form
    }

    pub fn case_note(lang: Lang, c: &Case) -> Form {
        Form::new(
            lang.fill(T::FormCaseNote, &[&c.number()]),
            Purpose::CaseNote(c.id),
            vec![Field::text(lang.t(T::NoteLabel), "")],
        )
    }

    pub fn case_session(lang: Lang, c: &Case, today: Date, operator: &str) -> Form {
        let n = c.sessions().count() + 1;
        let mut parties = c.parties.clone();
        parties.push(operator.to_owned());
        Form::new(
            lang.fill(T::FormSession, &[&c.number(), &n]),
            Purpose::CaseSession(c.id),
            vec![
                Field::text(lang.t(T::DateLabel), &today.to_string()),
                Field::text(lang.t(T::ParticipantsHint), &parties.join("、")),
                Field::text(lang.t(T::OutcomeLabel), ""),
            ],
        )
    }

    pub fn case_status(lang: Lang, c: &Case) -> Form {
        let statuses = next_statuses(c.status)
            .iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    i18n::case_status(lang, *s).to_owned(),
                )
            })
            .collect();
        let mut closures = vec![(String::new(), lang.t(T::ClosureNone).to_owned())];
        closures.extend(
            closures_for(c.kind)
                .iter()
                .map(|x| (x.as_str().to_owned(), i18n::closure(lang, *x).to_owned())),
        );
        Form::new(
            lang.fill(
                T::FormStatus,
                &[&c.number(), &i18n::case_status(lang, c.status)],
            ),
            Purpose::CaseStatus(c.id),
            vec![
                Field::choice(lang.t(T::ColStatus), statuses, 0),
                Field::text(lang.t(T::ReasonLabel), ""),
                Field::choice(lang.t(T::ClosureLabel), closures, 0),
            ],
        )
    }

    pub fn case_follow_up(lang: Lang, c: &Case, today: Date) -> Form {
        let due = c.next_follow_up.unwrap_or(today.add_days(7));
        Form::new(
            lang.fill(T::FormFollowUp, &[&c.number()]),
            Purpose::CaseFollowUp(c.id),
            vec![Field::text(lang.t(T::DateLabel), &due.to_string())],
        )
    }

    pub fn checkin_note(lang: Lang, name: &str, c: &CheckIn) -> Form {
        Form::new(
            lang.fill(
                T::FormCheckInNote,
                &[&clean(name), &c.time, &i18n::outcome(lang, c.outcome)],
            ),
            Purpose::CheckInNote(c.key()),
            vec![Field::text(lang.t(T::NoteLabel), &c.note)],
        )
    }

    pub fn away(lang: Lang, elder: Id, name: &str, method: Method) -> Form {
        Form::new(
            lang.fill(T::FormAway, &[&clean(name)]),
            Purpose::Away {
                elder,
                name: name.to_owned(),
                method,
            },
            vec![
                Field::text(lang.t(T::AwayUntilHint), ""),
                Field::text(lang.t(T::NoteLabel), ""),
            ],
        )
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        let n = self.fields.len();
        let field = &mut self.fields[self.focus];
        match key.code {
            KeyCode::Enter => return PopupResult::Submit,
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % n,
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + n - 1) % n,
            KeyCode::Left | KeyCode::Right if !field.choices.is_empty() => {
                let m = field.choices.len();
                field.choice = if key.code == KeyCode::Right {
                    (field.choice + 1) % m
                } else {
                    (field.choice + m - 1) % m
                };
            }
            KeyCode::Char(' ') if !field.choices.is_empty() => {
                field.choice = (field.choice + 1) % field.choices.len();
            }
            _ if field.choices.is_empty() => {
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

fn split_names(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(super) fn optional_date(text: &str) -> qiaomen_core::Result<Option<Date>> {
    if text.is_empty() {
        Ok(None)
    } else {
        Date::parse(text).map(Some)
    }
}

/// Saves a form. On a refusal the form comes back with the reason, to be shown again.
pub fn submit(app: &mut App, mut form: Form) -> Result<(), Form> {
    match build(app, &form) {
        Ok((command, after)) => match app.store.apply(command, &app.actor()) {
            Ok(applied) => {
                after(app, applied);
                Ok(())
            }
            Err(e) => {
                form.message = Some(i18n::error(app.lang, &e));
                Err(form)
            }
        },
        Err(e) => {
            form.message = Some(i18n::error(app.lang, &e));
            Err(form)
        }
    }
}

pub(super) type After = Box<dyn FnOnce(&mut App, qiaomen_core::Applied)>;

fn case_saved(id: Id) -> After {
    Box::new(move |app: &mut App, _| {
        let _ = app.reload();
        app.touched("case", id);
        app.cases.reveal(id);
        let text = app.lang.fill(T::CaseSaved, &[&format!("#{id}")]);
        app.say(text);
    })
}

fn build(app: &App, form: &Form) -> qiaomen_core::Result<(Command, After)> {
    let v = |i: usize| form.fields[i].value().to_owned();
    Ok(match &form.purpose {
        Purpose::NewCase { residents } => {
            let new = NewCase {
                kind: v(0).parse()?,
                title: v(1),
                grid: v(2).parse().unwrap_or(0),
                parties: split_names(&v(3)),
                residents: residents.clone(),
                opened: app.now.date,
                follow_up: optional_date(&v(4))?,
                note: v(5),
            };
            let after: After = Box::new(|app: &mut App, applied| {
                let _ = app.reload();
                app.touched("case", applied.id);
                app.pane = Pane::Cases;
                app.cases.reveal(applied.id);
                let title = app
                    .cases
                    .selected()
                    .map(|c| clean(&c.title))
                    .unwrap_or_default();
                let text = app
                    .lang
                    .fill(T::CaseOpened, &[&format!("#{}", applied.id), &title]);
                app.say(text);
            });
            (Command::OpenCase(new), after)
        }
        Purpose::CaseNote(id) => (
            Command::CaseNote {
                case: *id,
                text: v(0),
            },
            case_saved(*id),
        ),
        Purpose::CaseSession(id) => {
            let session = Session {
                date: Date::parse(&v(0))?,
                participants: split_names(&v(1)),
                outcome: v(2),
            };
            (Command::CaseSession { case: *id, session }, case_saved(*id))
        }
        Purpose::CaseStatus(id) => {
            let closure = if v(2).is_empty() {
                None
            } else {
                Some(v(2).parse()?)
            };
            (
                Command::CaseStatus {
                    case: *id,
                    to: v(0).parse()?,
                    reason: v(1),
                    closure,
                },
                case_saved(*id),
            )
        }
        Purpose::CaseFollowUp(id) => (
            Command::SetFollowUp {
                case: *id,
                due: Date::parse(&v(0))?,
            },
            case_saved(*id),
        ),
        Purpose::CheckInNote(key) => {
            let after: After = Box::new(|app: &mut App, _| {
                let _ = app.roll_call.reload(&app.store, app.now, app.grid_filter);
                app.say(app.lang.t(T::NoteSaved).to_owned());
            });
            (
                Command::AnnotateCheckIn {
                    key: *key,
                    note: v(0),
                },
                after,
            )
        }
        Purpose::Register(p) => super::register_submit::build(app, form, p)?,
        Purpose::Away {
            elder,
            name,
            method,
        } => {
            let now = (app.clock)();
            let checkin = CheckIn {
                elder: *elder,
                date: app.roll_call.date,
                seq: 0,
                time: now.time,
                by: app.operator.clone(),
                method: *method,
                outcome: Outcome::Away,
                note: v(1),
                away_until: optional_date(&v(0))?,
            };
            let (name, method) = (name.clone(), *method);
            let after: After = Box::new(move |app: &mut App, applied| {
                let _ = crate::panes::roll_call::after_mark(
                    app,
                    applied.checkin,
                    &name,
                    Outcome::Away,
                    method,
                );
            });
            (Command::CheckIn(checkin), after)
        }
    })
}
