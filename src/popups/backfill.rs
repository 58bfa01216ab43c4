//! A mark on a past day (back-filling): the roll call asks when it happened and for a
//! confirmation that names the day in words, before anything is saved. `Enter` saves, `Esc`
//! cancels.
//!
//! ```text
//! ┌ 补记 11-30（昨天）───────────────────────────────┐
//! │ 把 王秀英 记为「平安」（电话），日期是 11-30（昨天），│
//! │ 不是今天。                                         │
//! │ 那天最后一条记录在 10:05，新记录要晚于它。         │
//! │ 当时的时间（时:分） 10:06                          │
//! └ Enter 确认保存 · Esc 取消 ─────────────────────────┘
//! ```
//!
//! The time is prefilled one minute after the day's last entry (the new mark is then the
//! day's latest, as the roll call reads it), or with the time of day now when the day has
//! none; a time before the last entry is refused here, with the reason.

use qiaomen_core::model::{CheckIn, Id, Method, Outcome};
use qiaomen_core::{ClockTime, Date};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::input::Input;
use super::{Popup, PopupResult, centered};
use crate::chrome::clean;
use crate::day_words;
use crate::effect::Effect;
use crate::i18n::{self, T};
use crate::theme;
use crate::view::{Ctx, View};
use qiaomen_core::rollcall::RollEntry;

const WIDTH: u16 = 60;

pub struct Backfill {
    pub elder: Id,
    pub name: String,
    pub outcome: Outcome,
    pub method: Method,
    pub date: Date,
    /// The time of the day's last entry, if the day has one.
    pub last: Option<ClockTime>,
    pub time: Input,
    /// Why the last try was refused.
    pub message: Option<String>,
}

impl Backfill {
    /// Asks for the time of a mark on `date` (a day before today) of the elder shown.
    pub fn new(
        elder: Id,
        name: &str,
        outcome: Outcome,
        method: Method,
        date: Date,
        last: Option<ClockTime>,
        now: ClockTime,
    ) -> Backfill {
        let prefill = match last {
            Some(t) => ClockTime::from_minutes(t.minutes() + 1).unwrap_or(t),
            None => now,
        };
        Backfill {
            elder,
            name: name.to_owned(),
            outcome,
            method,
            date,
            last,
            time: Input::with(&prefill.to_string()),
            message: None,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PopupResult {
        if key.code == KeyCode::Enter {
            return PopupResult::Submit;
        }
        self.time.handle_key(key);
        PopupResult::Consumed
    }

    fn question(&self, app: &Ctx) -> String {
        let lang = app.lang;
        app.lang.fill(
            T::BackfillAsk,
            &[
                &clean(&self.name),
                &i18n::outcome(lang, self.outcome),
                &i18n::method(lang, self.method),
                &day_words::with_words(lang, self.date, app.now.date),
            ],
        )
    }

    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner_width = WIDTH.min(area.width).saturating_sub(2);
        let question = Paragraph::new(self.question(app)).wrap(Wrap { trim: true });
        let q_lines = question.line_count(inner_width).clamp(1, 4) as u16;
        let message = self.message.as_ref().map(|m| {
            Paragraph::new(m.clone())
                .style(theme::ERROR_MSG)
                .wrap(Wrap { trim: true })
        });
        let m_lines = message
            .as_ref()
            .map_or(0, |m| m.line_count(inner_width).clamp(1, 3) as u16);
        let last = match self.last {
            Some(t) => lang.fill(T::BackfillLast, &[&t]),
            None => lang.t(T::BackfillNone).to_owned(),
        };
        let last = Paragraph::new(last)
            .style(theme::DIM)
            .wrap(Wrap { trim: true });
        let l_lines = last.line_count(inner_width).clamp(1, 2) as u16;
        let rect = centered(area, WIDTH, q_lines + l_lines + m_lines + 3);
        frame.render_widget(Clear, rect);
        let title = lang.fill(
            T::BackfillTitle,
            &[&day_words::with_words(lang, self.date, app.now.date)],
        );
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::BORDER_FOCUS)
            .title(title)
            .title_bottom(lang.t(T::BackfillKeys));
        let inner = block.inner(rect);
        frame.render_widget(block.style(theme::POPUP), rect);
        let row = |y: u16, height: u16| Rect {
            y: inner.y + y,
            height,
            ..inner
        };
        frame.render_widget(question.style(theme::WARN), row(0, q_lines));
        frame.render_widget(last, row(q_lines, l_lines));
        let label = format!("{} ", lang.t(T::BackfillTime));
        let label_width = crate::width::width(&label) as u16;
        let time_row = row(q_lines + l_lines, 1);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(label, theme::LABEL),
                Span::styled(self.time.text.clone(), theme::INPUT_FOCUS),
            ])),
            time_row,
        );
        frame.set_cursor_position(Position::new(
            time_row.x + label_width + self.time.cursor_column(),
            time_row.y,
        ));
        if let Some(m) = message {
            frame.render_widget(m, row(q_lines + l_lines + 1, m_lines));
        }
    }
}

/// Opens the popup for a mark of the roll call's selected elder on the (past) day shown.
pub fn open(
    selected: Option<&RollEntry>,
    date: Date,
    outcome: Outcome,
    method: Method,
    app: &Ctx,
) -> Vec<Effect> {
    let Some(e) = selected else {
        return Vec::new();
    };
    let last = e.attempts.last().map(|c| c.time);
    let popup = Backfill::new(
        e.elder.id,
        &e.elder.name,
        outcome,
        method,
        date,
        last,
        app.now.time,
    );
    vec![Effect::Open(Popup::Backfill(popup))]
}

/// Enter: the time is checked, then the mark saved (away goes on to ask until when). A
/// refusal keeps the popup open with its reason.
pub fn submit(mut b: Backfill, app: &View) -> Vec<Effect> {
    let time = match ClockTime::parse(&b.time.text) {
        Ok(t) => t,
        Err(e) => {
            b.message = Some(i18n::error(app.lang, &e));
            return vec![Effect::Open(Popup::Backfill(b))];
        }
    };
    if let Some(last) = b.last.filter(|l| time <= *l) {
        b.message = Some(app.lang.fill(T::BackfillTooEarly, &[&last]));
        return vec![Effect::Open(Popup::Backfill(b))];
    }
    if b.outcome == Outcome::Away {
        let form =
            super::form::Form::away(app.lang, b.elder, &b.name, b.method, Some((b.date, time)));
        return vec![Effect::Open(Popup::Form(form))];
    }
    let checkin = CheckIn {
        elder: b.elder,
        date: b.date,
        seq: 0,
        time,
        by: app.operator.to_owned(),
        method: b.method,
        outcome: b.outcome,
        note: String::new(),
        away_until: None,
        contact: None,
        case: None,
    };
    let command = crate::panes::roll_call::mark_command(app.roll_entry(b.elder), app, checkin);
    vec![Effect::Apply(
        command,
        Box::new(move |outcome, view| match outcome {
            Ok(applied) => crate::panes::roll_call::marked(
                &applied, &b.name, b.elder, b.outcome, b.method, view,
            ),
            Err(qiaomen_core::Error::ServerGone(_)) => Vec::new(),
            Err(e) => {
                b.message = Some(i18n::error(view.lang, &e));
                vec![Effect::Open(Popup::Backfill(b))]
            }
        }),
    )]
}
