//! The register pane's frame: the view tabs and what each view counts, then the view itself.

use qiaomen_core::register::{balance, format_yuan};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{RegisterPane, View};
use crate::columns::{Column, ListRow};
use crate::i18n::{self, Lang, T};
use crate::panes::list::Cursor;
use crate::theme;
use crate::view::Ctx;
use crate::width::width;

impl RegisterPane {
    pub fn render(&self, app: &Ctx, frame: &mut Frame, area: Rect) {
        let [top, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        self.render_top(app, frame, top, area.width);
        match self.view {
            View::Households => self.render_households(app, frame, main),
            View::Partners => self.render_partners(app, frame, main),
            View::Fund => self.render_fund(app, frame, main),
            View::VisitsDue => self.render_visits_due(app, frame, main),
            View::Teams => self.render_teams(app, frame, main),
            View::Services => self.render_services(app, frame, main),
            View::CareDue => self.render_care_due(app, frame, main),
            View::Activities => self.render_activities(app, frame, main),
            View::Meetings => self.render_meetings(app, frame, main),
            View::Visits => self.render_visits(app, frame, main),
        }
    }

    /// The view tabs, then the view's figure. Eight views and their figure do not fit 80
    /// columns: the tabs not shown lose their padding first; then the tabs farthest from the
    /// one shown give way (`‹` or `›` marks the side they were on, as in a scrolled field), so the view's figure is always
    /// whole and the views next to it are still named (they are how `v` goes round).
    fn render_top(&self, app: &Ctx, frame: &mut Frame, area: Rect, columns: u16) {
        let lang = app.lang;
        let info = format!(" · {}", self.top_info(lang, app.now.date));
        let columns = usize::from(columns);
        let label = |v: View, padded: bool| {
            if padded || v == self.view {
                format!(" {} ", lang.t(v.title()))
            } else {
                format!("{} ", lang.t(v.title()))
            }
        };
        let padded: usize = View::ALL.iter().map(|&v| width(&label(v, true))).sum();
        let compact = 1 + padded + width(&info) > columns;
        let active = View::ALL.iter().position(|&v| v == self.view).unwrap_or(0);
        let (mut first, mut last) = (0, View::ALL.len() - 1);
        let used = |first: usize, last: usize| {
            let tabs: usize = View::ALL[first..=last]
                .iter()
                .map(|&v| width(&label(v, !compact)))
                .sum();
            let marks = usize::from(first > 0) * 2 + usize::from(last + 1 < View::ALL.len()) * 2;
            1 + tabs + marks + width(&info)
        };
        while used(first, last) > columns && (first < active || last > active) {
            if last - active >= active - first {
                last -= 1;
            } else {
                first += 1;
            }
        }
        let mut spans = vec![Span::raw(" ")];
        if first > 0 {
            spans.push(Span::styled("‹ ", theme::TAB));
        }
        for &v in &View::ALL[first..=last] {
            let style = if v == self.view {
                theme::TAB_ACTIVE
            } else {
                theme::TAB
            };
            spans.push(Span::styled(label(v, !compact), style));
        }
        if last + 1 < View::ALL.len() {
            spans.push(Span::styled("› ", theme::TAB));
        }
        if used(first, last) <= columns {
            spans.push(Span::styled(info, theme::TITLE));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    fn top_info(&self, lang: Lang, today: qiaomen_core::Date) -> String {
        match self.view {
            View::Households => {
                let status = self
                    .filter
                    .map_or(lang.t(T::AllGrids), |s| i18n::file_status(lang, s));
                format!(
                    "{} {status} · {}",
                    lang.t(T::ColStatus),
                    lang.fill(T::CountHouseholds, &[&self.visible.len()])
                )
            }
            View::Partners => lang.fill(T::CountPartners, &[&self.partners.len()]),
            View::VisitsDue => lang.fill(
                T::CountDue,
                &[
                    &self.visits_due.len(),
                    &self
                        .visits_due
                        .iter()
                        .filter(|l| l.row.item.overdue)
                        .count(),
                ],
            ),
            View::Teams => lang.fill(T::CountTeams, &[&self.care.teams.len()]),
            View::Services => lang.fill(T::CountServices, &[&self.care.services.len()]),
            View::CareDue => lang.fill(
                T::CountCareDue,
                &[
                    &self.care.due.len(),
                    &self.care.due.iter().filter(|l| l.overdue).count(),
                ],
            ),
            View::Activities => {
                let people: u64 = self.activities.iter().map(|a| u64::from(a.people)).sum();
                lang.fill(T::CountActivities, &[&self.activities.len(), &people])
            }
            View::Meetings => {
                let (open, late) = self.open_decisions(today);
                lang.fill(T::CountMeetings, &[&self.meetings.len(), &open, &late])
            }
            View::Visits => lang.fill(T::CountVisits, &[&self.visits.len()]),
            View::Fund => {
                let fen = balance(&self.fund).unwrap_or(0);
                format!(
                    "{} · {}",
                    lang.fill(T::BalanceShort, &[&format_yuan(fen)]),
                    lang.fill(T::CountEntries, &[&self.fund.len()])
                )
            }
        }
    }
}

impl RegisterPane {
    /// Draws a detail's lines, wrapped; expanded it scrolls, never past its last line.
    pub(super) fn draw_detail(
        &self,
        frame: &mut Frame,
        inner: Rect,
        lines: Vec<Line<'static>>,
        expanded: bool,
    ) {
        let text = crate::wrap::paragraph(lines, inner.width);
        let scroll = if expanded {
            let max = (text.line_count(inner.width) as u16).saturating_sub(inner.height);
            self.scroll_max.set(max);
            self.scroll.min(max)
        } else {
            0
        };
        frame.render_widget(text.scroll((scroll, 0)), inner);
    }
}

/// The detail's width beside a view's list, as in the other panes.
fn detail_width(area: Rect) -> u16 {
    if area.width >= 100 {
        area.width * 9 / 20
    } else {
        34
    }
}

/// A view's list of `len` items laid out by the column rule (`crate::columns`), with the
/// detail beside it while the list fits; returns the detail's area (`None`: folded away, and
/// Enter shows it whole).
pub(super) fn list_view(
    frame: &mut Frame,
    area: Rect,
    cursor: &Cursor,
    len: usize,
    empty: &str,
    rows: impl FnOnce(std::ops::Range<usize>) -> (Vec<Column>, Vec<ListRow>),
) -> Option<Rect> {
    crate::columns::list_beside_detail(frame, area, cursor, len, (detail_width(area), empty), rows)
}
