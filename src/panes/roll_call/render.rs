//! Drawing the roll-call pane (layout in `mod.rs`).

use std::fmt::Write as _;

use qiaomen_core::model::{CheckIn, Id, Outcome};
use qiaomen_core::rollcall::{Attention, DayStatus, RollEntry};
use qiaomen_core::{ClockTime, Date, Now};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::RollCallPane;
use crate::chrome::{clean, field};
use crate::columns::{self, Cell as ColCell, Column, Kind, ListRow};
use crate::i18n::{self, Lang, T};
use crate::panes::list::frame_block;
use crate::theme;
use crate::view::Ctx;

/// The mark and style of an elder's day: never colour alone.
pub fn mark_of(e: &RollEntry) -> (&'static str, Style) {
    match (e.attention, e.status) {
        (Some(Attention::MissedTwoDays | Attention::NeedsHelp), _) => ("!", theme::ALERT),
        (Some(_), DayStatus::Reached(_)) => ("!", theme::WARN),
        (Some(_), _) => ("!", theme::ALERT),
        (None, DayStatus::Reached(_)) => ("✓", theme::OK),
        (None, DayStatus::Away { .. }) => ("○", theme::AWAY),
        (None, DayStatus::NotReached) if !e.attempts.is_empty() => ("?", theme::WARN),
        (None, DayStatus::NotReached) => ("·", theme::PENDING),
    }
}

fn last_text(lang: Lang, e: &RollEntry, date: Date) -> String {
    match &e.last {
        Some(c) if c.date == date => format!("{} {}", c.time, i18n::outcome(lang, c.outcome)),
        Some(c) => format!(
            "{:02}-{:02} {}",
            c.date.month(),
            c.date.day(),
            i18n::outcome(lang, c.outcome)
        ),
        None => String::new(),
    }
}

/// The community's roll-call cutoff and, on today, the time left to it (or that it passed):
/// 「截止 10:00 · 还剩 20 分」. Another day shows the cutoff alone.
pub fn cutoff_text(lang: Lang, cutoff: ClockTime, day: Date, now: Now) -> String {
    if day != now.date {
        return lang.fill(T::RollCutoffAt, &[&cutoff]);
    }
    let Some(left) = cutoff
        .minutes()
        .checked_sub(now.time.minutes())
        .filter(|m| *m > 0)
    else {
        return lang.fill(T::RollCutoffPassed, &[&cutoff]);
    };
    let left = if left < 60 {
        lang.fill(T::LeftMinutes, &[&left])
    } else {
        lang.fill(T::LeftHours, &[&(left / 60), &(left % 60)])
    };
    lang.fill(T::RollCutoffLeft, &[&cutoff, &left])
}

impl RollCallPane {
    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        // Not on today: a line of its own says so in words, above everything else.
        let backfill = self.date != app.now.date;
        let [warning, top, main] = Layout::vertical([
            Constraint::Length(u16::from(backfill)),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(area);
        if backfill {
            let day = crate::day_words::with_words(lang, self.date, app.now.date);
            let text = format!(" {}", lang.fill(T::BackfillHeader, &[&day]));
            frame.render_widget(Paragraph::new(text).style(theme::BACKFILL), warning);
        }
        let c = self.partial.unwrap_or_else(|| self.roll.counts());
        // Greeted is reached (SPEC §3 Figures), as on the summary pane; away is apart. Before
        // any line has come there are no figures to show, not zeros.
        let progress = if self.unread {
            lang.t(T::StillReading).to_owned()
        } else {
            lang.fill(
                T::RollProgressShort,
                &[&c.reached, &c.total, &c.away, &c.attention],
            )
        };
        let figures = format!(
            "{progress} · {} {}",
            lang.t(T::KeyMethod),
            i18n::method(lang, self.method),
        );
        // The day is in the header (and in the line above when it is not today): on a
        // narrow screen it gives way so that the method is never cut.
        let dated = format!(
            " {} {} · {figures}",
            self.date,
            lang.weekday(self.date.weekday())
        );
        let progress = if crate::width::width(&dated) <= usize::from(top.width) {
            dated
        } else {
            format!(" {figures}")
        };
        let style = if c.attention > 0 {
            theme::WARN
        } else {
            theme::TITLE
        };
        frame.render_widget(Paragraph::new(progress).style(style), top);

        let detail_width = if main.width >= 100 {
            main.width * 2 / 5
        } else {
            30
        };
        // Below the list's width the detail folds away (the card, `r`, still shows it). The
        // cutoff and the time left head the list: the line above is full at 80 columns.
        let cutoff = cutoff_text(lang, app.community.cutoff, self.date, app.now);
        let detail = columns::titled_list_beside_detail(
            frame,
            main,
            &self.cursor,
            self.roll.entries.len(),
            (
                detail_width,
                lang.t(if self.unread {
                    T::StillReading
                } else {
                    T::NoElders
                }),
            ),
            &format!(" {cutoff} "),
            |window| self.list_rows(app, window),
        );
        if let Some(detail) = detail {
            self.render_detail(app, frame, detail);
        }
    }

    /// The list's columns and the rows in `window` (see `columns` for how they narrow).
    fn list_rows(&self, app: &Ctx, window: std::ops::Range<usize>) -> (Vec<Column>, Vec<ListRow>) {
        let lang = app.lang;
        let outcomes: Vec<String> = Outcome::ALL
            .iter()
            .map(|o| format!("00:00 {}", i18n::outcome(lang, *o)))
            .collect();
        let columns = vec![
            Column::new("", Kind::Mark, 0),
            Column::new(lang.t(T::ColName), Kind::Name, 0),
            Column::new(lang.t(T::ColAge), Kind::Number, 2),
            Column::new(lang.t(T::ColAddress), Kind::Text, 1),
            Column::new(lang.t(T::ColPhone), Kind::Number, 3),
            Column::new(lang.t(T::ColLast), Kind::Word, 0)
                .fitting(outcomes.iter().map(String::as_str)),
            Column::new(lang.t(T::ColAttempts), Kind::Number, 2),
        ];
        let rows = self.roll.entries[window]
            .iter()
            .map(|e| {
                let (mark, style) = mark_of(e);
                // An elder on the ladder shows the step due instead of the last outcome.
                let last = match &e.ladder {
                    Some(p) => {
                        let s = if p.overdue { theme::ALERT } else { theme::WARN };
                        ColCell::styled(crate::ladder::step_short(lang, &p.step), s)
                    }
                    None => ColCell::styled(last_text(lang, e, self.date), style),
                };
                ListRow {
                    cells: vec![
                        ColCell::styled(mark, style),
                        clean(&e.elder.name).into(),
                        e.elder
                            .age_on(self.date)
                            .map(|a| a.to_string())
                            .unwrap_or_default()
                            .into(),
                        clean(&Self::address(e)).into(),
                        clean(i18n::phone(lang, &e.elder.phone)).into(),
                        last,
                        e.attempts.len().to_string().into(),
                    ],
                    selected: self.selected().is_some_and(|s| s.elder.id == e.elder.id),
                }
            })
            .collect();
        (columns, rows)
    }

    /// The selected elder's last 14 days as read by `load_history` (`None` until read).
    fn history(&self, elder: Id) -> Option<&[CheckIn]> {
        match &self.history {
            Some((id, date, list)) if *id == elder && *date == self.date => Some(list),
            _ => None,
        }
    }

    fn render_detail(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, false, "");
        let Some(e) = self.selected() else { return };
        let p = &e.elder;
        let mut lines = Vec::new();
        let age = p
            .age_on(self.date)
            .map(|a| lang.fill(T::Years, &[&a]))
            .unwrap_or_default();
        lines.push(Line::styled(
            format!("{} {}", clean(&p.name), age),
            theme::TITLE,
        ));
        let (mark, style) = mark_of(e);
        let mut status = format!("{mark} {}", i18n::day_status(lang, e.status));
        if let DayStatus::Away { until: Some(u), .. } = e.status {
            let _ = write!(status, " → {u}");
        }
        lines.push(Line::styled(status, style));
        // The reason for attention, unless it is the day's status in the same words (an
        // elder marked 需要帮助 needs attention because of it: said once).
        if let Some(a) = e.attention
            && i18n::attention(lang, a) != i18n::day_status(lang, e.status)
        {
            lines.push(Line::styled(
                format!("! {}", i18n::attention(lang, a)),
                theme::ALERT,
            ));
        }
        if let Some(l) = &e.ladder {
            // The workers a last step names are among all members: waited for, not guessed.
            let who = if app.crew_whole || l.doer != qiaomen_core::ladder::Doer::Worker {
                crate::ladder::who(lang, l.doer, p, app.grids, app.members)
            } else {
                lang.t(T::StillReading).to_owned()
            };
            let style = if l.overdue { theme::ALERT } else { theme::WARN };
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", lang.t(T::LadderStepLabel)), theme::LABEL),
                Span::styled(clean(&crate::ladder::position_text(lang, l, &who)), style),
            ]));
        }
        lines.push(field(lang.t(T::ColAddress), Self::address(e)));
        lines.push(field(
            lang.t(T::ColPhone),
            i18n::phone(lang, &p.phone).to_owned(),
        ));
        if let Some(care) = &p.care {
            let callers: Vec<&str> = care.callers.iter().map(|&m| app.member_name(m)).collect();
            lines.push(field(
                lang.t(T::CareLevel),
                i18n::care_level(lang, care.level),
            ));
            lines.push(field(lang.t(T::Callers), callers.join("、")));
            let bell = if care.doorbell { T::Yes } else { T::No };
            lines.push(field(lang.t(T::Doorbell), lang.t(bell)));
        }
        lines.push(Line::styled(lang.t(T::Contacts), theme::LABEL));
        for (i, c) in p.contacts.iter().enumerate() {
            let relation = if c.relation.is_empty() {
                String::new()
            } else {
                format!("（{}）", c.relation)
            };
            lines.push(Line::raw(clean(&format!("{}.{}{relation}", i + 1, c.name))));
            lines.push(Line::raw(format!("  {}", clean(&c.phone))));
        }
        if !p.health.is_empty() {
            lines.push(field(lang.t(T::Health), p.health.clone()));
        }
        lines.push(Line::from(self.strip(app, e)));
        for c in &e.attempts {
            lines.push(Line::raw(clean(&format!(
                " {} {} {} {}{}",
                c.time,
                i18n::method(lang, c.method),
                i18n::outcome(lang, c.outcome),
                c.by,
                if c.note.is_empty() {
                    String::new()
                } else {
                    format!("：{}", c.note)
                },
            ))));
        }
        frame.render_widget(crate::wrap::paragraph(lines, inner.width), inner);
    }

    /// The last 14 days, oldest first, one mark a day.
    fn strip(&self, app: &Ctx, e: &RollEntry) -> Vec<Span<'static>> {
        let mut spans = vec![Span::styled(
            format!("{} ", app.lang.t(T::Last14)),
            theme::LABEL,
        )];
        // Days not read yet are not days without a call: said to be coming.
        match self.history(e.elder.id) {
            Some(history) => spans.extend(crate::chrome::day_marks(history, self.date, 14)),
            None => spans.push(Span::styled(app.lang.t(T::StillReading), theme::DIM)),
        }
        spans
    }
}
