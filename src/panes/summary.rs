//! Pane 5, the end-of-day summary (日报) of the selected day: the per-grid table, the 30-day
//! completion chart, the attention list and the running totals of the day, month, quarter or
//! year (`p` switches; the year by default); `y` copies the text report, `w` writes it.
//!
//! ```text
//! 2026-11-30 周一 · 应问候 18 · 已问候 5 · 外出 0 · 未联系 13 · 需关注 13
//! 案件：新受理 0 · 调解 0 · 化解 0 · 结案 0 · 在办 5 · 逾期跟进 1
//! ┌ 各网格 ──────────────────────────┐┌ 需关注 ─────────────────┐
//! │ 网格     应 已 外出 未联系 需关注 ││! 钱福生 G3 连续两天…     │
//! ├ 近30天问候完成率 ────────────────┤│                          │
//! │ ▅▆▇█▇▆▅▇██▇▆▇█▇▆▅▇██▇▆▇█         ││                          │
//! └──────────────────────────────────┘└──────────────────────────┘
//! ┌ 本年累计 2026-01-01 至 2026-11-30 ─────────────────────────────┐
//! │ 每天都问候到 0/18 人 · 走访 20 户 · 调解纠纷和信访 3 起 · …    │
//! │ 联席会议 4 次 · 协商议事 6 场 · 建档 31 户                     │
//! │ 共建协议 12 家：驻区单位 1、爱心企业 9、…                      │
//! │ 帮扶基金 收 30,500.00 · 支 12,000.00 · 余 18,500.00 元         │
//! └────────────────────────────────────────────────────────────────┘
//! ```

use qiaomen_core::model::Id;
use qiaomen_core::rollcall::DayCompletion;
use qiaomen_core::summary::{Span, Summary};
use qiaomen_core::{Date, Now, summary};

use crate::backend::Backend;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline};

use super::list::{Cursor, frame_block};
use crate::action::Action;
use crate::app::{App, Pane};
use crate::chrome::clean;
use crate::columns::{Cell as ColCell, Column, Kind, ListRow};
use crate::i18n::{self, T};
use crate::theme;

/// Days in the completion chart.
const CHART_DAYS: i64 = 30;

pub struct SummaryPane {
    pub date: Date,
    pub summary: Option<Summary>,
    pub chart: Vec<DayCompletion>,
    pub cursor: Cursor,
    /// The running totals' span, ending on the day shown.
    pub span: Span,
    /// What the summary was computed from: day, grid filter and span (forgotten on a change).
    computed: Option<(Date, Option<Id>, Span)>,
}

impl SummaryPane {
    pub fn new(date: Date) -> Self {
        SummaryPane {
            date,
            summary: None,
            chart: Vec::new(),
            cursor: Cursor::default(),
            span: Span::default(),
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
        let key = (self.date, grid, self.span);
        if self.computed == Some(key) {
            return Ok(());
        }
        let period = self.span.range(self.date);
        self.summary = Some(store.summary(self.date, now, grid, Some(period))?);
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
        Action::NextDay if app.summary.date >= app.now.date => {
            crate::panes::roll_call::say_no_future_day(app, app.summary.date.add_days(1));
        }
        Action::NextDay => app.summary.date = app.summary.date.add_days(1),
        Action::Today => app.summary.date = app.now.date,
        Action::CycleSpan => {
            app.summary.span = app.summary.span.next();
            let text = lang.fill(T::SpanNow, &[&span_name(lang, app.summary.span)]);
            app.say(text);
        }
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

/// Rows the grids and the attention list keep before the year's figures are shown.
const MAIN_MIN: u16 = 6;

impl SummaryPane {
    pub fn render(&self, app: &App, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let Some(s) = &self.summary else { return };
        // The care line (issue 16) only where every grid and the month's chart still show.
        let inner = area.width.saturating_sub(2);
        let mut figures = figures_lines(lang, s, true);
        let mut figures_height = figures.line_count(inner) as u16 + 2;
        let main_needs = u16::try_from(s.checkins.by_grid.len()).unwrap_or(u16::MAX) + 3 + 3;
        if 2 + main_needs + figures_height > area.height {
            figures = figures_lines(lang, s, false);
            figures_height = figures.line_count(inner) as u16 + 2;
        }
        // The two head lines wrap rather than lose a figure at their end.
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
        let c = &s.cases;
        let case_line = format!(
            " {}",
            lang.fill(
                T::SummaryCases,
                &[
                    &c.opened.len(),
                    &c.sessions.len(),
                    &c.resolved,
                    &c.closed,
                    &c.open_by_kind.total,
                    &c.follow_ups_overdue.len(),
                ],
            )
        );
        let line = packed(&line, area.width);
        let case_line = packed(&case_line, area.width);
        let heads = (line.len() + case_line.len()) as u16;
        // On a short terminal the day comes first: the year's figures show whole or fold
        // away (the report, `y`, has them), so the grids and who needs attention keep room.
        if heads + MAIN_MIN + figures_height > area.height {
            figures_height = 0;
        }
        let [head, cases, main, totals] = Layout::vertical([
            Constraint::Length(line.len() as u16),
            Constraint::Length(case_line.len() as u16),
            Constraint::Min(1),
            Constraint::Length(figures_height),
        ])
        .areas(area);
        let style = if t.attention > 0 {
            theme::WARN
        } else {
            theme::TITLE
        };
        frame.render_widget(Paragraph::new(line).style(style), head);
        frame.render_widget(Paragraph::new(case_line), cases);
        let right = if main.width >= 100 {
            main.width * 2 / 5
        } else {
            32
        };
        let [left, attention] =
            Layout::horizontal([Constraint::Min(30), Constraint::Length(right)]).areas(main);
        // The chart gives way before a grid's row does.
        let grid_rows = u16::try_from(s.checkins.by_grid.len()).unwrap_or(u16::MAX) + 3;
        let chart_height = if left.height >= grid_rows + 3 { 3 } else { 0 };
        let [grids, chart] =
            Layout::vertical([Constraint::Min(4), Constraint::Length(chart_height)]).areas(left);
        render_grids(app, s, frame, grids);
        if chart_height > 0 {
            self.render_chart(app, frame, chart);
        }
        self.render_attention(app, s, frame, attention);
        if figures_height == 0 {
            return;
        }
        let title = lang.fill(
            T::FiguresTitle,
            &[&span_name(lang, self.span), &s.period.from, &s.period.to],
        );
        let inner = frame_block(frame, totals, false, &title);
        frame.render_widget(figures, inner);
    }

    fn render_chart(&self, app: &App, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let inner = frame_block(frame, area, false, lang.t(T::SummaryChart));
        let percent: Vec<u64> = self
            .chart
            .iter()
            .map(|d| (d.done * 100).checked_div(d.total).unwrap_or(0) as u64)
            .collect();
        // The legend sits on the box's bottom line: at 80×24 the period's figures need the row.
        let bars = inner;
        let legend = Rect {
            x: area.x + 1,
            y: area.y + area.height.saturating_sub(1),
            width: area.width.saturating_sub(2),
            height: u16::from(area.height >= 3),
        };
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
            frame.render_widget(ratatui::widgets::Clear, legend);
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
                // Two lines an elder (the mouse counts on it): cut with a visible `…`.
                let cut = |s: String| crate::width::truncate(&s, usize::from(inner.width));
                [
                    Line::styled(
                        cut(
                            match s.checkins.ladder.iter().find(|l| l.elder_id == a.elder_id) {
                                // On the ladder: the step due, as the roll call shows it.
                                Some(l) => format!(
                                    "! {} {} · {}",
                                    clean(&a.name),
                                    clean(&a.grid.code),
                                    crate::ladder::item_short(lang, l)
                                ),
                                None => format!("! {} {}", clean(&a.name), clean(&a.grid.code)),
                            },
                        ),
                        style,
                    ),
                    Line::styled(
                        cut(format!("  {reason}")),
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

/// A line of figures joined by ` · `, broken between figures when it is wider than `width`
/// (a figure never leaves its number on the next line); a figure wider than the line wraps.
fn packed(text: &str, width: u16) -> Vec<Line<'static>> {
    let fits = |s: &str| crate::width::width(s) <= usize::from(width);
    let mut lines = Vec::new();
    let mut current = String::new();
    for part in text.trim_start().split(" · ") {
        let longer = if current.is_empty() {
            format!(" {part}")
        } else {
            format!("{current} · {part}")
        };
        if current.is_empty() || fits(&longer) {
            current = longer;
        } else {
            lines.push(std::mem::replace(&mut current, format!(" · {part}")));
        }
    }
    lines.push(current);
    crate::wrap::lines(lines.into_iter().map(Line::raw), width)
}

fn span_name(lang: i18n::Lang, span: Span) -> &'static str {
    lang.t(match span {
        Span::Day => T::SpanDay,
        Span::Month => T::SpanMonth,
        Span::Quarter => T::SpanQuarter,
        Span::Year => T::SpanYear,
    })
}

/// The period's figures (SPEC §3 "Figures", as the report words them), wrapped to the pane.
fn figures_lines(lang: i18n::Lang, s: &Summary, care: bool) -> Paragraph<'static> {
    use qiaomen_core::summary::format::yuan;
    let p = &s.period;
    let kinds: Vec<String> = p
        .partners_by_kind
        .by_kind()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| lang.fill(T::FiguresKind, &[&i18n::partner_kind(lang, *k), n]))
        .collect();
    let partners = if kinds.is_empty() {
        lang.t(T::FiguresNoPartners).to_owned()
    } else {
        lang.fill(
            T::FiguresPartners,
            &[&p.partners, &kinds.join(lang.t(T::FiguresListSep))],
        )
    };
    let mut lines = vec![
        Line::from(lang.fill(
            T::FiguresWork,
            &[
                &p.elders_greeted_daily,
                &p.elders_on_roll,
                &p.households_visited,
                &p.disputes_mediated,
                &p.problems_resolved,
            ],
        )),
        Line::from(lang.fill(
            T::FiguresMeetings,
            &[
                &p.joint_meetings,
                &p.consultations,
                &p.households_with_files,
                &s.visit_cadence.visits_due,
                &s.visit_cadence.visits_done,
            ],
        )),
        Line::from(partners),
        Line::from(lang.fill(
            T::FiguresFund,
            &[
                &yuan(p.fund_in_fen),
                &yuan(p.fund_out_fen),
                &yuan(p.fund_balance_fen),
            ],
        )),
    ];
    if care {
        lines.insert(
            3,
            Line::from(lang.fill(
                T::FiguresCare,
                &[
                    &s.care.services,
                    &crate::commands::care::hours(s.care.minutes),
                    &s.care.teams.len(),
                    &s.care.supported,
                ],
            )),
        );
    }
    Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true })
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
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Laid out as every list is (`crate::columns`): counts whole, or their column dropped.
    let columns = vec![
        Column::new(lang.t(T::ColGrid), Kind::Name, 0),
        Column::new(lang.t(T::ColDue), Kind::Number, 1),
        Column::new(lang.t(T::ColReached), Kind::Number, 0),
        Column::new(lang.t(T::ColAway), Kind::Number, 2),
        Column::new(lang.t(T::ColNotReached), Kind::Number, 1),
        Column::new(lang.t(T::ColAttention), Kind::Number, 0),
    ];
    let rows: Vec<ListRow> = s
        .checkins
        .by_grid
        .iter()
        .map(|g| {
            let c = &g.counts;
            let alert = if c.attention > 0 {
                theme::ALERT
            } else {
                theme::BASE
            };
            ListRow {
                cells: vec![
                    format!("{} {}", clean(&g.grid.code), clean(&g.grid.name)).into(),
                    c.due.to_string().into(),
                    c.reached.to_string().into(),
                    c.away.to_string().into(),
                    c.not_reached.to_string().into(),
                    ColCell::styled(c.attention.to_string(), alert),
                ],
                selected: false,
            }
        })
        .collect();
    // Grids that do not fit are counted on the last row, never left out unsaid.
    let mut rows = rows;
    let room = usize::from(inner.height.saturating_sub(1));
    if rows.len() > room && room > 0 {
        let hidden = rows.len() + 1 - room;
        rows.truncate(room - 1);
        rows.push(ListRow {
            cells: vec![ColCell::styled(format!("… +{hidden}"), theme::DIM)],
            selected: false,
        });
    }
    crate::columns::draw(frame, inner, &columns, &rows);
}
