//! Pane 5, the end-of-day summary (日报) of the selected day: the per-grid table, the 30-day
//! completion chart, the attention list and the running totals of the day, month, quarter or
//! year (`p` switches; the year by default); `y` copies the text report, `w` writes it. The
//! totals hold every line of the report's period figures (work, levels, meetings, services,
//! activities, partners, fund); where they do not all fit, PgDn and PgUp scroll them and the
//! box's title says there is more.
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
//! │ 化解案件 6 件：网格 3 件（50%），社区 2 件（33%），街道 1 件   │
//! │ 联席会议 4 次 · 协商议事 6 场 · 建档 31 户                     │
//! │ 服务 12 次 · 18.5 小时 · 出力的志愿队 2 支 · 在帮扶 3 个       │
//! │ (PgDn: 共建单位开展活动…, 共建协议…, 帮扶基金…)               │
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
use crate::chrome::clean;
use crate::columns::{Cell as ColCell, Column, Kind, ListRow};
use crate::effect::{Effect, Record};
use crate::i18n::{self, T};
use crate::theme;
use crate::view::{Ctx, View};

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
    /// The report's text fills the pane (`v`), scrolled down by `text_scroll` lines.
    pub text_view: bool,
    pub text_scroll: u16,
    /// How far the text can scroll, as last drawn.
    text_max: std::cell::Cell<u16>,
    /// How far the period's figures are scrolled (PgDn, PgUp), and how far they could be when
    /// last drawn.
    pub figures_scroll: u16,
    figures_max: std::cell::Cell<u16>,
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
            text_view: false,
            text_scroll: 0,
            text_max: std::cell::Cell::new(0),
            figures_scroll: 0,
            figures_max: std::cell::Cell::new(0),
        }
    }

    /// The text report of the day shown: what `y` copies, `w` writes and `v` shows (one
    /// function makes it, so the three never differ).
    pub fn report(&self, lang: crate::i18n::Lang) -> Option<String> {
        let s = self.summary.as_ref()?;
        Some(summary::text::render_text(
            s,
            crate::commands::summary::labels_for(lang),
        ))
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

impl SummaryPane {
    /// A key on the summary: the day, the span and the cursor change here; a jump to an elder
    /// is returned as a focus; copying and writing the report are said.
    pub fn update(&mut self, action: Action, view: &View) -> Vec<Effect> {
        if self.text_view {
            let max = self.text_max.get();
            let at = self.text_scroll.min(max);
            let scrolled = match action {
                Action::Down => Some(at.saturating_add(1).min(max)),
                Action::Up => Some(at.saturating_sub(1)),
                Action::PageDown => Some(at.saturating_add(10).min(max)),
                Action::PageUp => Some(at.saturating_sub(10)),
                Action::Home => Some(0),
                Action::End => Some(max),
                _ => None,
            };
            if let Some(to) = scrolled {
                self.text_scroll = to;
                return Vec::new();
            }
            if action == Action::Close {
                self.text_view = false;
                return Vec::new();
            }
        }
        // PgDn and PgUp scroll the period's figures (j/k move through the attention list).
        match action {
            Action::PageDown => {
                self.figures_scroll = (self.figures_scroll + 1).min(self.figures_max.get());
                return Vec::new();
            }
            Action::PageUp => {
                self.figures_scroll = self.figures_scroll.saturating_sub(1);
                return Vec::new();
            }
            _ => {}
        }
        let len = self.attention_len();
        if self.cursor.apply(action, len) {
            return Vec::new();
        }
        let lang = view.lang;
        match action {
            Action::PrevDay => self.date = self.date.add_days(-1),
            Action::NextDay if self.date >= view.now.date => {
                return vec![crate::panes::roll_call::say_no_future_day(
                    view,
                    self.date.add_days(1),
                )];
            }
            Action::NextDay => self.date = self.date.add_days(1),
            Action::Today => self.date = view.now.date,
            Action::CycleSpan => {
                self.span = self.span.next();
                let text = lang.fill(T::SpanNow, &[&span_name(lang, self.span)]);
                return vec![Effect::Say(text)];
            }
            Action::JumpToElder => {
                let Some(item) = self
                    .summary
                    .as_ref()
                    .and_then(|s| s.checkins.attention.get(self.cursor.selected))
                else {
                    return Vec::new();
                };
                return vec![Effect::Focus(Record::Elder {
                    id: item.elder_id,
                    day: Some(self.date),
                })];
            }
            Action::SummaryText => {
                self.text_view = !self.text_view;
                self.text_scroll = 0;
            }
            Action::CopySummary => {
                if let Some(text) = self.report(lang) {
                    let done = lang.fill(T::SummaryCopied, &[&text.chars().count()]);
                    return vec![Effect::Copy { text, done }];
                }
            }
            Action::WriteSummary => {
                if let (Some(s), Some(text)) = (&self.summary, self.report(lang)) {
                    let name = format!("qiaomen-{}-{}.txt", lang.t(T::SummaryFilePrefix), s.date);
                    let dir =
                        std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
                    let path = dir.join(name);
                    return vec![match crate::commands::summary::write_atomically(
                        &path,
                        text.as_bytes(),
                    ) {
                        Ok(()) => Effect::Say(lang.fill(T::SummaryWritten, &[&path.display()])),
                        Err(e) => Effect::Error(e.message(lang)),
                    }];
                }
            }
            _ => {}
        }
        Vec::new()
    }
}

/// Rows the grids and the attention list keep before the year's figures are shown.
const MAIN_MIN: u16 = 6;

impl SummaryPane {
    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let Some(s) = &self.summary else { return };
        if self.text_view {
            self.render_text(app, frame, area);
            return;
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
        // Every line of the figures where every grid and the month's chart still show; else
        // as many as fit, the rest a PgDn away. On a short terminal the day comes first: the
        // figures fold away (the report, `v` and `y`, has them), so the grids and who needs
        // attention keep room.
        let inner = area.width.saturating_sub(2);
        let figures = figures_lines(lang, s, inner);
        let lines = u16::try_from(figures.len()).unwrap_or(u16::MAX);
        let main_needs = u16::try_from(s.checkins.by_grid.len()).unwrap_or(u16::MAX) + 3 + 3;
        let room = area.height.saturating_sub(heads + main_needs).max(3);
        let mut figures_height = (lines + 2).min(room);
        if heads + MAIN_MIN + figures_height > area.height {
            figures_height = 0;
        }
        let max = lines.saturating_sub(figures_height.saturating_sub(2));
        self.figures_max
            .set(if figures_height == 0 { 0 } else { max });
        let scroll = self.figures_scroll.min(max);
        let figures = Paragraph::new(figures).scroll((scroll, 0));
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
        let mut title = lang.fill(
            T::FiguresTitle,
            &[&span_name(lang, self.span), &s.period.from, &s.period.to],
        );
        if scroll < max {
            title.push_str(lang.t(T::FiguresMore));
        } else if scroll > 0 {
            title.push_str(lang.t(T::FiguresBack));
        }
        let inner = frame_block(frame, totals, false, &title);
        frame.render_widget(figures, inner);
    }

    /// The report as `y` copies it, line by line, wrapped to the pane and scrollable.
    fn render_text(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let Some(text) = self.report(app.lang) else {
            return;
        };
        let inner = frame_block(frame, area, true, app.lang.t(T::SummaryTextTitle));
        let lines = crate::wrap::lines(text.lines().map(Line::raw), inner.width);
        let max = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_sub(inner.height);
        self.text_max.set(max);
        frame.render_widget(
            Paragraph::new(lines).scroll((self.text_scroll.min(max), 0)),
            inner,
        );
    }

    fn render_chart(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
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

    fn render_attention(&self, app: &Ctx, s: &Summary, frame: &mut Frame, area: Rect) {
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

/// The period's figures (SPEC §3 "Figures", as the report words them), wrapped to `width`
/// (by `wrap`, which keeps a wide character whole at the edge): work, levels, meetings,
/// services, activities, partners, fund.
fn figures_lines(lang: i18n::Lang, s: &Summary, width: u16) -> Vec<Line<'static>> {
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
    let report = crate::commands::summary::labels_for(lang);
    let lines = vec![
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
        Line::from(summary::settled_levels(report, p)),
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
        Line::from(lang.fill(
            T::FiguresCare,
            &[
                &s.care.services,
                &crate::commands::care::hours(s.care.minutes),
                &s.care.teams.len(),
                &s.care.supported,
            ],
        )),
        Line::from(clean(&summary::activities_head(s, report))),
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
    crate::wrap::lines(lines, width)
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

fn render_grids(app: &Ctx, s: &Summary, frame: &mut Frame, area: Rect) {
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
