//! Pane 5, the end-of-day summary (日报) of the selected day: the per-grid table, the 30-day
//! completion chart and the attention list; `y` copies the text report, `w` writes it.
//!
//! ```text
//! 2026-11-30 周一 · 应问候 18 · 已问候 5 · 外出 0 · 未联系 13 · 需关注 13
//! 案件：新受理 0 · 调解 0 · 化解 0 · 结案 0 · 在办 5 · 逾期跟进 1
//! ┌ 各网格 ──────────────────────────┐┌ 需关注 ─────────────────┐
//! │ 网格     应 已 外出 未联系 需关注 ││! 钱福生 G3 连续两天…     │
//! ├ 近30天问候完成率 ────────────────┤│                          │
//! │ ▅▆▇█▇▆▅▇██▇▆▇█▇▆▅▇██▇▆▇█         ││                          │
//! └──────────────────────────────────┘└──────────────────────────┘
//! ```

use qiaomen_core::model::Id;
use qiaomen_core::rollcall::DayCompletion;
use qiaomen_core::summary::Summary;
use qiaomen_core::{Date, Now, summary};

use crate::backend::Backend;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Sparkline, Table};

use super::list::{Cursor, frame_block};
use crate::action::Action;
use crate::app::{App, Pane};
use crate::chrome::clean;
use crate::i18n::{self, T};
use crate::theme;

/// Days in the completion chart.
const CHART_DAYS: i64 = 30;

pub struct SummaryPane {
    pub date: Date,
    pub summary: Option<Summary>,
    pub chart: Vec<DayCompletion>,
    pub cursor: Cursor,
    /// What the summary was computed from: day and grid filter (forgotten on a change).
    computed: Option<(Date, Option<Id>)>,
}

impl SummaryPane {
    pub fn new(date: Date) -> Self {
        SummaryPane {
            date,
            summary: None,
            chart: Vec::new(),
            cursor: Cursor::default(),
            computed: None,
        }
    }

    /// Computes the summary when the day, the grid or the data changed since last time.
    /// Read again when next shown: the data changed.
    pub fn forget(&mut self) {
        self.computed = None;
    }

    pub fn refresh(
        &mut self,
        store: &dyn Backend,
        now: Now,
        grid: Option<Id>,
    ) -> qiaomen_core::Result<()> {
        let key = (self.date, grid);
        if self.computed == Some(key) {
            return Ok(());
        }
        self.summary = Some(store.summary(self.date, now, grid, None)?);
        self.chart = store.completion(self.date.add_days(1 - CHART_DAYS), self.date, grid)?;
        self.computed = Some(key);
        let len = self
            .summary
            .as_ref()
            .map_or(0, |s| s.checkins.attention.len());
        self.cursor.clamp(len);
        Ok(())
    }

    fn attention_len(&self) -> usize {
        self.summary
            .as_ref()
            .map_or(0, |s| s.checkins.attention.len())
    }
}

pub fn update(app: &mut App, action: Action) -> qiaomen_core::Result<()> {
    let len = app.summary.attention_len();
    if app.summary.cursor.apply(action, len) {
        return Ok(());
    }
    let lang = app.lang;
    match action {
        Action::PrevDay => app.summary.date = app.summary.date.add_days(-1),
        Action::NextDay => app.summary.date = app.summary.date.add_days(1),
        Action::Today => app.summary.date = app.now.date,
        Action::JumpToElder => {
            let Some(item) = app
                .summary
                .summary
                .as_ref()
                .and_then(|s| s.checkins.attention.get(app.summary.cursor.selected))
            else {
                return Ok(());
            };
            let elder = item.elder_id;
            app.roll_call.date = app.summary.date;
            app.roll_call
                .reload(&*app.backend, app.now, app.grid_filter)?;
            app.roll_call.select_elder(Some(elder));
            app.pane = Pane::RollCall;
        }
        Action::CopySummary => {
            if let Some(s) = &app.summary.summary {
                let text =
                    summary::text::render_text(s, crate::commands::summary::labels_for(lang));
                match crate::clipboard::copy(&text) {
                    Ok(()) => app.say(lang.fill(T::SummaryCopied, &[&text.chars().count()])),
                    Err(e) => app.error(&lang.fill(T::ErrGeneric, &[&e])),
                }
            }
        }
        Action::WriteSummary => {
            if let Some(s) = &app.summary.summary {
                let text =
                    summary::text::render_text(s, crate::commands::summary::labels_for(lang));
                let name = format!("qiaomen-{}-{}.txt", lang.t(T::SummaryFilePrefix), s.date);
                let dir = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
                let path = dir.join(name);
                match crate::commands::summary::write_atomically(&path, text.as_bytes()) {
                    Ok(()) => app.say(lang.fill(T::SummaryWritten, &[&path.display()])),
                    Err(e) => app.error(&e.message(lang)),
                }
            }
        }
        _ => {}
    }
    Ok(())
}

impl SummaryPane {
    pub fn render(&self, app: &App, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let Some(s) = &self.summary else { return };
        let [head, cases, main] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(area);
        let t = &s.checkins.total;
        let line = format!(
            " {} {} · {}",
            s.date,
            lang.weekday(s.weekday),
            lang.fill(
                T::SummaryHeadLine,
                &[&t.due, &t.reached, &t.away, &t.not_reached, &t.attention]
            )
        );
        let style = if t.attention > 0 {
            theme::WARN
        } else {
            theme::TITLE
        };
        frame.render_widget(Paragraph::new(line).style(style), head);
        let c = &s.cases;
        let case_line = lang.fill(
            T::SummaryCases,
            &[
                &c.opened.len(),
                &c.sessions.len(),
                &c.resolved,
                &c.closed,
                &c.open_by_kind.total,
                &c.follow_ups_overdue.len(),
            ],
        );
        frame.render_widget(Paragraph::new(format!(" {case_line}")), cases);
        let right = if main.width >= 100 {
            main.width * 2 / 5
        } else {
            32
        };
        let [left, attention] =
            Layout::horizontal([Constraint::Min(30), Constraint::Length(right)]).areas(main);
        let [grids, chart] =
            Layout::vertical([Constraint::Min(4), Constraint::Length(6)]).areas(left);
        render_grids(app, s, frame, grids);
        self.render_chart(app, frame, chart);
        self.render_attention(app, s, frame, attention);
    }

    fn render_chart(&self, app: &App, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, false, lang.t(T::SummaryChart));
        let percent: Vec<u64> = self
            .chart
            .iter()
            .map(|d| (d.done * 100).checked_div(d.total).unwrap_or(0) as u64)
            .collect();
        let [bars, legend] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        frame.render_widget(
            Sparkline::default()
                .data(&percent)
                .max(100)
                .style(theme::OK),
            bars,
        );
        if let (Some(first), Some(last)) = (self.chart.first(), self.chart.last()) {
            let min = percent.iter().min().copied().unwrap_or(0);
            let max = percent.iter().max().copied().unwrap_or(0);
            let now = percent.last().copied().unwrap_or(0);
            let text = lang.fill(
                T::ChartRange,
                &[
                    &format!("{:02}-{:02}", first.date.month(), first.date.day()),
                    &format!("{:02}-{:02}", last.date.month(), last.date.day()),
                    &min,
                    &max,
                    &now,
                ],
            );
            frame.render_widget(Paragraph::new(text).style(theme::DIM), legend);
        }
    }

    fn render_attention(&self, app: &App, s: &Summary, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, true, lang.t(T::SummaryAttention));
        let items = &s.checkins.attention;
        if items.is_empty() {
            frame.render_widget(
                Paragraph::new(lang.t(T::SummaryNoAttention)).style(theme::DIM),
                inner,
            );
            return;
        }
        // Two lines an elder: the name and grid, then why.
        let lines: Vec<Line> = self
            .cursor
            .window_in(items.len(), inner, 2)
            .flat_map(|i| {
                let a = &items[i];
                let selected = i == self.cursor.selected;
                let style = if selected {
                    theme::SELECTED
                } else {
                    theme::ALERT
                };
                let reason = reason_text(lang, a.reason);
                [
                    Line::styled(
                        format!("! {} {}", clean(&a.name), clean(&a.grid.code)),
                        style,
                    ),
                    Line::styled(
                        format!("  {reason}"),
                        if selected {
                            theme::SELECTED
                        } else {
                            theme::BASE
                        },
                    ),
                ]
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn reason_text(lang: i18n::Lang, code: &str) -> &'static str {
    use qiaomen_core::rollcall::Attention;
    let a = match code {
        "missed_two_days" => Attention::MissedTwoDays,
        "needs_help" => Attention::NeedsHelp,
        "unwell" => Attention::Unwell,
        "no_answer_repeated" => Attention::NoAnswerRepeated,
        _ => Attention::NotReachedAfterCutoff,
    };
    i18n::attention(lang, a)
}

fn render_grids(app: &App, s: &Summary, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::BORDER)
        .title(lang.t(T::SummaryByGrid));
    let rows = s
        .checkins
        .by_grid
        .iter()
        .chain(std::iter::empty())
        .map(|g| {
            let c = &g.counts;
            let alert = if c.attention > 0 {
                theme::ALERT
            } else {
                theme::BASE
            };
            Row::new(vec![
                Cell::from(format!("{} {}", clean(&g.grid.code), clean(&g.grid.name))),
                Cell::from(c.due.to_string()),
                Cell::from(c.reached.to_string()),
                Cell::from(c.away.to_string()),
                Cell::from(c.not_reached.to_string()),
                Cell::from(c.attention.to_string()).style(alert),
            ])
        });
    let widths = [
        Constraint::Min(10),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(4),
        Constraint::Length(6),
        Constraint::Length(6),
    ];
    let header = Row::new(vec![
        lang.t(T::ColGrid),
        lang.t(T::ColDue),
        lang.t(T::ColReached),
        lang.t(T::ColAway),
        lang.t(T::ColNotReached),
        lang.t(T::ColAttention),
    ])
    .style(theme::TABLE_HEADER);
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(block)
            .column_spacing(1),
        area,
    );
}
